//! People: named persons with their titles and affiliations.
//!
//! Examples that prove these rules: fixtures/corpus/person.toml

use crate::claims::Claims;
use crate::lexicon::Lexicon;
use crate::segment::Token;
use crate::text::Text;
use crate::{Organization, Person};

/// Every named person outside credit lines, one entry per person.
pub(crate) fn extract(
    _text: &Text<'_>,
    _tokens: &[Token<'_>],
    _organizations: &[Organization],
    _claims: &Claims,
    _lexicon: &Lexicon,
) -> Vec<Person> {
    Vec::new()
}
