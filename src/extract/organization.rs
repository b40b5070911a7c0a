//! Organizations: named bodies that can act, with their kinds and aliases.
//!
//! A Chinese organization's name ends in a type word, its head (`人民政府`,
//! `大学`, `医院`, `委员会`), and opens with what owns or places it: a place
//! (`龙岗区`), the state (`中国`, `国家`), a proper name, or another
//! organization (`香港中文大学(深圳)附属第二医院`). [`grammar`] reads names right
//! to left from their heads; [`aliases`] groups the forms that name one body
//! (`港中大(深圳)`, `区政府`) and finds every mention. National bodies
//! (`国务院`, `教育部`) are names in full on their own.
//!
//! Examples that prove these rules: fixtures/corpus/organization.toml

mod aliases;
mod grammar;
mod units;

use crate::claims::Claims;
use crate::lexicon::Lexicon;
use crate::segment::Tokens;
use crate::text::Text;
use crate::{Organization, OrganizationKind};

/// Every organization named in the text, one entry per body, in order of first mention.
///
/// Names inside credit lines (`claims`) are left to the credits.
pub(crate) fn extract<'t>(
    text: &'t Text<'_>,
    tokens: &Tokens<'t>,
    lexicon: &Lexicon,
    claims: &Claims,
) -> Vec<Organization> {
    let candidates = grammar::candidates(text.as_str(), tokens, lexicon, claims);
    aliases::organizations(text, tokens, &candidates, claims)
}

/// The kind a lexicon writes (`government`), or `None` for `unit` and unknown names.
fn kind_named(name: &str) -> Option<OrganizationKind> {
    Some(match name {
        "government" => OrganizationKind::Government,
        "party" => OrganizationKind::Party,
        "university" => OrganizationKind::University,
        "school" => OrganizationKind::School,
        "hospital" => OrganizationKind::Hospital,
        "research" => OrganizationKind::Research,
        "company" => OrganizationKind::Company,
        "media" => OrganizationKind::Media,
        "ngo" => OrganizationKind::Ngo,
        "other" => OrganizationKind::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEXICON;

    #[test]
    fn every_listed_kind_is_known() {
        for (word, kind) in LEXICON
            .organization_heads
            .iter()
            .chain(LEXICON.national_bodies.iter())
        {
            assert!(
                kind_named(kind).is_some()
                    || matches!(*kind, "unit" | "inner" | "branch" | "department"),
                "{word}: unknown kind {kind}"
            );
        }
    }
}
