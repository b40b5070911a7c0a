//! Organizations: named bodies that can act, with their kinds and aliases.
//!
//! Examples that prove these rules: fixtures/corpus/organization.toml

use crate::Organization;
use crate::claims::Claims;
use crate::lexicon::Lexicon;
use crate::segment::Token;
use crate::text::Text;

/// Every organization named in the text, one entry per body.
pub(crate) fn extract(
    _text: &Text<'_>,
    _tokens: &[Token<'_>],
    _lexicon: &Lexicon,
    _claims: &Claims,
) -> Vec<Organization> {
    Vec::new()
}
