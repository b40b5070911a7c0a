//! The figure rules' word lists: units, approximation markers, numbered terms.
//!
//! Each list is a `src/data/figure_*.txt` file; matching is longest first, by
//! characters, so `平方公里` wins over `公里` and `超过了` over `超过`.

use std::collections::HashMap;

use once_cell::sync::Lazy;

use crate::Approx;
use crate::lexicon::{CharBits, FastHash, WordSet, entries, pairs};

/// What a unit makes of the number before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UnitKind {
    /// A classifier: 名, 个, 家.
    Count,
    /// A physical unit: 平方米, 吨, MW.
    Measure,
    /// A currency, with its ISO 4217 code.
    Money(&'static str),
    /// `%`, `‰`, 成, 折.
    Percent,
    /// 个百分点.
    PercentagePoints,
    /// 倍.
    Multiple,
    /// 年, 月, 个月, 岁: the number belongs to a date, a duration or an age.
    Time,
}

/// Where an approximation marker stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Before the number: 约, 超过.
    Before,
    /// Between the number and its unit: 多, 余.
    Inside,
    /// After the unit: 以上, 左右.
    After,
}

/// A word list keyed by the word, and by its first and its last character
/// for the longest-match searches.
///
/// A search looks up one character and compares the few words that start (or
/// end) with it, longest first; most characters of a text open no listed word
/// and cost one lookup.
struct Words<V> {
    map: HashMap<&'static str, V, FastHash>,
    by_first: HashMap<char, Vec<(&'static str, V)>, FastHash>,
    by_last: HashMap<char, Vec<(&'static str, V)>, FastHash>,
    /// The keys of `by_first` and `by_last`, as bits: most characters are
    /// turned away without a lookup.
    firsts: CharBits,
    lasts: CharBits,
}

impl<V: Copy> Words<V> {
    fn new(items: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let map: HashMap<_, _, FastHash> = items.into_iter().collect();
        let mut by_first: HashMap<char, Vec<(&'static str, V)>, FastHash> = HashMap::default();
        let mut by_last: HashMap<char, Vec<(&'static str, V)>, FastHash> = HashMap::default();
        for (&word, &value) in map.iter().filter(|(w, _)| w.chars().count() <= MAX_CHARS) {
            if let (Some(first), Some(last)) = (word.chars().next(), word.chars().next_back()) {
                by_first.entry(first).or_default().push((word, value));
                by_last.entry(last).or_default().push((word, value));
            }
        }
        // Longest first; two listed words that both match are prefixes (or
        // suffixes) of one another, so bytes order them as characters do.
        for list in by_first.values_mut().chain(by_last.values_mut()) {
            list.sort_by_key(|(word, _)| std::cmp::Reverse(word.len()));
        }
        let firsts = CharBits::of(by_first.keys().copied());
        let lasts = CharBits::of(by_last.keys().copied());
        Words {
            map,
            by_first,
            by_last,
            firsts,
            lasts,
        }
    }

    /// The longest word that starts at byte `at` of `s`.
    fn starting_at(&self, s: &str, at: usize) -> Option<(&'static str, V)> {
        let rest = s.get(at..)?;
        let first = rest.chars().next()?;
        if !self.firsts.may_contain(first) {
            return None;
        }
        let list = self.by_first.get(&first)?;
        list.iter()
            .find(|(word, _)| has_prefix(rest.as_bytes(), word.as_bytes()))
            .copied()
    }

    /// The longest word that ends at byte `at` of `s`.
    ///
    /// (Listed words are a few bytes long: they are compared byte by byte, inline.)
    fn ending_at(&self, s: &str, at: usize) -> Option<(&'static str, V)> {
        let before = s.get(..at)?;
        let last = before.chars().next_back()?;
        if !self.lasts.may_contain(last) {
            return None;
        }
        let list = self.by_last.get(&last)?;
        list.iter()
            .find(|(word, _)| {
                let (before, word) = (before.as_bytes(), word.as_bytes());
                before
                    .len()
                    .checked_sub(word.len())
                    .and_then(|start| before.get(start..))
                    .is_some_and(|tail| has_prefix(tail, word))
            })
            .copied()
    }
}

/// Whether `bytes` opens with `prefix`, compared byte by byte (a short
/// prefix costs less so than a call to `memcmp`).
fn has_prefix(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes.iter().zip(prefix).all(|(a, b)| a == b)
}

/// No listed word is longer than this many characters.
const MAX_CHARS: usize = 12;

static UNITS: Lazy<Words<UnitKind>> = Lazy::new(|| {
    Words::new(
        pairs(include_str!("../../data/figure_units.txt"))
            .into_iter()
            .filter_map(|(unit, kind)| Some((unit, unit_kind(kind)?))),
    )
});

static APPROX: Lazy<Words<(Place, Approx)>> = Lazy::new(|| {
    Words::new(
        pairs(include_str!("../../data/figure_approx.txt"))
            .into_iter()
            .filter_map(|(marker, rest)| {
                let (place, approx) = rest.split_once('\t')?;
                let place = match place.trim() {
                    "before" => Place::Before,
                    "inside" => Place::Inside,
                    "after" => Place::After,
                    _ => return None,
                };
                let approx = match approx.trim() {
                    "more_than" => Approx::MoreThan,
                    "about" => Approx::About,
                    "less_than" => Approx::LessThan,
                    "at_least" => Approx::AtLeast,
                    "at_most" => Approx::AtMost,
                    _ => return None,
                };
                Some((marker, (place, approx)))
            }),
    )
});

static TERMS: Lazy<Words<()>> =
    Lazy::new(|| Words::new(entries(include_str!("../../data/figure_terms.txt")).map(|t| (t, ()))));

static NOUNS: Lazy<WordSet> =
    Lazy::new(|| entries(include_str!("../../data/figure_nouns.txt")).collect());

/// Currency names that may also stand before a number (`人民币3.14`, `港币三个一毫四`).
static PREFIX_CURRENCIES: Lazy<WordSet> = Lazy::new(|| {
    UNITS
        .map
        .iter()
        .filter(|(unit, kind)| matches!(kind, UnitKind::Money(_)) && unit.chars().count() > 1)
        .map(|(unit, _)| *unit)
        .collect()
});

fn unit_kind(kind: &'static str) -> Option<UnitKind> {
    Some(match kind {
        "count" => UnitKind::Count,
        "measure" => UnitKind::Measure,
        "percent" => UnitKind::Percent,
        "percentage_points" => UnitKind::PercentagePoints,
        "multiple" => UnitKind::Multiple,
        "time" => UnitKind::Time,
        _ => UnitKind::Money(kind.strip_prefix("money:")?),
    })
}

/// The longest unit written at byte `at`.
pub(super) fn unit_at(s: &str, at: usize) -> Option<(&'static str, UnitKind)> {
    UNITS.starting_at(s, at)
}

/// The longest approximation marker of `place` written at byte `at`.
pub(super) fn marker_at(s: &str, at: usize, place: Place) -> Option<(&'static str, Approx)> {
    let (word, (p, approx)) = APPROX.starting_at(s, at)?;
    (p == place).then_some((word, approx))
}

/// The longest approximation marker written before the number, ending at byte `at`.
pub(super) fn marker_before(s: &str, at: usize) -> Option<(&'static str, Approx)> {
    let (word, (p, approx)) = APPROX.ending_at(s, at)?;
    (p == Place::Before).then_some((word, approx))
}

/// A currency name that ends at byte `at`, written before the number.
pub(super) fn currency_before(s: &str, at: usize) -> Option<(&'static str, &'static str)> {
    let (word, kind) = UNITS.ending_at(s, at)?;
    match kind {
        UnitKind::Money(code) if PREFIX_CURRENCIES.contains(word) => Some((word, code)),
        _ => None,
    }
}

/// The last characters of [`NOUNS`].
static NOUN_ENDINGS: Lazy<CharBits> =
    Lazy::new(|| CharBits::of(NOUNS.iter().filter_map(|noun| noun.chars().next_back())));

/// Whether `run` ends with a listed head noun of counted things (`企业`, `人员`).
pub(super) fn ends_with_head_noun(run: &str) -> bool {
    // A noun that ends the run ends with its last character.
    run.chars()
        .next_back()
        .is_some_and(|c| NOUN_ENDINGS.may_contain(c))
        && run
            .char_indices()
            .any(|(i, _)| run.get(i..).is_some_and(|tail| NOUNS.contains(tail)))
}

/// Whether a numbered term (`八项规定`) starts at byte `at`.
pub(super) fn term_at(s: &str, at: usize) -> bool {
    TERMS.starting_at(s, at).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_unit_wins() {
        assert_eq!(unit_at("平方公里", 0).map(|u| u.0), Some("平方公里"));
        assert_eq!(unit_at("个月", 0).map(|u| u.1), Some(UnitKind::Time));
        assert_eq!(
            unit_at("个百分点", 0).map(|u| u.1),
            Some(UnitKind::PercentagePoints)
        );
        assert_eq!(
            unit_at("美元", 0).map(|u| u.1),
            Some(UnitKind::Money("USD"))
        );
    }

    #[test]
    fn markers_know_their_place() {
        assert_eq!(
            marker_before("超过了", "超过了".len()).map(|m| m.0),
            Some("超过了")
        );
        assert_eq!(
            marker_at("多名", 0, Place::Inside).map(|m| m.1),
            Some(Approx::MoreThan)
        );
        assert!(marker_at("多名", 0, Place::After).is_none());
    }

    #[test]
    fn lists_load() {
        assert!(UNITS.map.len() > 200);
        assert!(APPROX.map.len() > 40);
        assert!(term_at("八项规定精神", 0));
    }
}
