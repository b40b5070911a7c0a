//! Generic word lists, embedded from `src/data/*.txt`.
//!
//! Every list holds generic material only (organization-type heads, office
//! titles, surnames, classifiers, units, administrative divisions), one entry
//! per line, sorted and unique; `#` starts a comment line. Nothing in them names
//! an entity of the evaluation data.

use std::collections::HashSet;

use once_cell::sync::Lazy;

/// The lists, by file name, so that one test can check them all.
#[cfg(test)]
pub(crate) const LISTS: &[(&str, &str)] = &[
    ("credit_labels.txt", include_str!("data/credit_labels.txt")),
    ("segment.txt", include_str!("data/segment.txt")),
];

/// The lists of `key<TAB>value` lines.
#[cfg(test)]
const PAIR_LISTS: &[(&str, &str)] =
    &[("credit_labels.txt", include_str!("data/credit_labels.txt"))];

/// The embedded lexicon, built once per process.
pub(crate) static LEXICON: Lazy<Lexicon> = Lazy::new(Lexicon::embedded);

/// Generic word lists, as sets for the extractors.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Credit labels with their roles: `label<TAB>role`.
    pub credit_labels: Vec<(&'static str, &'static str)>,
}

impl Lexicon {
    fn embedded() -> Self {
        Lexicon {
            credit_labels: pairs(include_str!("data/credit_labels.txt")),
        }
    }
}

/// The entries of a list: non-blank lines that are not `#` comments, trimmed.
pub(crate) fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The entries of a list as a set.
#[allow(dead_code)]
pub(crate) fn set(list: &'static str) -> HashSet<&'static str> {
    entries(list).collect()
}

/// `key<TAB>value` entries.
pub(crate) fn pairs(list: &'static str) -> Vec<(&'static str, &'static str)> {
    entries(list)
        .filter_map(|line| {
            let (key, value) = line.split_once('\t')?;
            Some((key.trim(), value.trim()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_unique() {
        for (name, list) in LISTS {
            let keys: Vec<&str> = entries(list)
                .map(|line| line.split(['\t', ' ']).next().unwrap_or(line))
                .collect();
            for pair in keys.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} must come after {:?} (sorted, unique)",
                    pair[1],
                    pair[0]
                );
            }
            assert!(!keys.is_empty(), "{name} is empty");
        }
    }

    #[test]
    fn pair_lists_have_a_tab_on_every_line() {
        for (name, list) in PAIR_LISTS {
            assert_eq!(entries(list).count(), pairs(list).len(), "{name}");
        }
    }

    #[test]
    fn embedded_lexicon_builds() {
        assert!(!LEXICON.credit_labels.is_empty());
    }
}
