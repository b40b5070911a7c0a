//! Generic word lists, embedded from `src/data/*.txt`.
//!
//! Every list holds generic material only (organization-type heads, office
//! titles, surnames, classifiers, units, administrative divisions), one entry
//! per line, sorted and unique; `#` starts a comment line. Nothing in them names
//! an entity of the evaluation data.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use once_cell::sync::Lazy;

/// A set of list words. The stages look words up at nearly every character,
/// so the hash is FxHash (as in rustc), several times cheaper than the
/// default SipHash on short keys; the keys are our own lists, so SipHash's
/// defence against chosen keys buys nothing here.
pub(crate) type WordSet = HashSet<&'static str, FastHash>;
/// A map from list words, hashed like [`WordSet`].
pub(crate) type WordMap = HashMap<&'static str, &'static str, FastHash>;
/// A set of characters, hashed like [`WordSet`].
pub(crate) type CharSet = HashSet<char, FastHash>;
/// The hasher of [`WordSet`], [`WordMap`] and [`CharSet`].
pub(crate) type FastHash = BuildHasherDefault<FxHasher>;

/// FxHash: rotate, xor a word of input, multiply.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ rest.len() as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The lists, by file name, so that one test can check them all.
#[cfg(test)]
pub(crate) const LISTS: &[(&str, &str)] = &[
    ("credit_labels.txt", include_str!("data/credit_labels.txt")),
    ("eras.txt", include_str!("data/eras.txt")),
    ("holidays.txt", include_str!("data/holidays.txt")),
    ("lunar.txt", include_str!("data/lunar.txt")),
    ("figure_approx.txt", include_str!("data/figure_approx.txt")),
    ("figure_nouns.txt", include_str!("data/figure_nouns.txt")),
    ("figure_terms.txt", include_str!("data/figure_terms.txt")),
    ("figure_units.txt", include_str!("data/figure_units.txt")),
    ("numeral_words.txt", include_str!("data/numeral_words.txt")),
    ("segment.txt", include_str!("data/segment.txt")),
    ("surnames.txt", include_str!("data/surnames.txt")),
    ("office_heads.txt", include_str!("data/office_heads.txt")),
    (
        "rank_modifiers.txt",
        include_str!("data/rank_modifiers.txt"),
    ),
    (
        "name_followers.txt",
        include_str!("data/name_followers.txt"),
    ),
    ("speech_verbs.txt", include_str!("data/speech_verbs.txt")),
    ("not_names.txt", include_str!("data/not_names.txt")),
    (
        "not_name_after.txt",
        include_str!("data/not_name_after.txt"),
    ),
    (
        "not_name_before.txt",
        include_str!("data/not_name_before.txt"),
    ),
    (
        "title_inner_words.txt",
        include_str!("data/title_inner_words.txt"),
    ),
    (
        "transliteration.txt",
        include_str!("data/transliteration.txt"),
    ),
    ("traditional.txt", include_str!("data/traditional.txt")),
    (
        "founding_verbs.txt",
        include_str!("data/founding_verbs.txt"),
    ),
    (
        "national_bodies.txt",
        include_str!("data/national_bodies.txt"),
    ),
    (
        "organization_non_names.txt",
        include_str!("data/organization_non_names.txt"),
    ),
    (
        "organization_fields.txt",
        include_str!("data/organization_fields.txt"),
    ),
    (
        "organization_heads.txt",
        include_str!("data/organization_heads.txt"),
    ),
    (
        "organization_offices.txt",
        include_str!("data/organization_offices.txt"),
    ),
    (
        "organization_prefixes.txt",
        include_str!("data/organization_prefixes.txt"),
    ),
    (
        "organization_verbs.txt",
        include_str!("data/organization_verbs.txt"),
    ),
    (
        "place_suffixes.txt",
        include_str!("data/place_suffixes.txt"),
    ),
    ("places.txt", include_str!("data/places.txt")),
    (
        "coordinating_verbs.txt",
        include_str!("data/coordinating_verbs.txt"),
    ),
    (
        "organization_non_endings.txt",
        include_str!("data/organization_non_endings.txt"),
    ),
];

/// The lists of `key<TAB>value` lines.
#[cfg(test)]
const PAIR_LISTS: &[(&str, &str)] = &[
    ("credit_labels.txt", include_str!("data/credit_labels.txt")),
    ("eras.txt", include_str!("data/eras.txt")),
    ("holidays.txt", include_str!("data/holidays.txt")),
    ("traditional.txt", include_str!("data/traditional.txt")),
    (
        "national_bodies.txt",
        include_str!("data/national_bodies.txt"),
    ),
    (
        "organization_heads.txt",
        include_str!("data/organization_heads.txt"),
    ),
    ("figure_approx.txt", include_str!("data/figure_approx.txt")),
    ("figure_units.txt", include_str!("data/figure_units.txt")),
];

/// The embedded lexicon, built once per process.
pub(crate) static LEXICON: Lazy<Lexicon> = Lazy::new(Lexicon::embedded);

/// Generic word lists, as sets for the extractors.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Credit labels with their roles: `label<TAB>role`.
    pub credit_labels: Vec<(&'static str, &'static str)>,
    /// Chinese surnames, single (`张`) and compound (`欧阳`).
    pub surnames: WordSet,
    /// Office heads, the last word of a title (`书记`, `校长`, `院士`).
    pub office_heads: WordSet,
    /// Rank modifiers before an office head (`副`, `常务副`, `原`, `名誉`).
    pub rank_modifiers: WordSet,
    /// Function words that may follow a name directly (`在`, `为`, `因`).
    pub name_followers: WordSet,
    /// Verbs of speech and attendance after a name (`表示`, `出席`, `同志`).
    pub speech_verbs: WordSet,
    /// Everyday words shaped like names (`高水平`, `关怀`).
    pub not_names: WordSet,
    /// Verbs and time words that may sit inside a title's organization (`开发`, `青年`).
    pub title_inner_words: WordSet,
    /// Characters of transliterated foreign names (`克`, `林`, `顿`).
    pub transliteration: CharSet,
    /// Countries, regions and cities outside China (`莫斯科`), which are not names.
    pub world_places: WordSet,
    /// Organization-type heads with their kinds: `head<TAB>kind` (`人民政府`, `大学`).
    pub organization_heads: WordMap,
    /// National bodies, named in full on their own, with their kinds (`国务院`, `教育部`).
    pub national_bodies: WordMap,
    /// Administrative divisions of China, full and short forms (`龙岗区`, `龙岗`).
    pub places: WordSet,
    /// Place-name suffixes (`省`, `市`, `街道`).
    pub place_suffixes: WordSet,
    /// Words that open an organization's name without being listed places (`中国`, `国家`).
    pub organization_prefixes: WordSet,
    /// Verbs that may stand inside an organization's name (`管理`, `开发`).
    pub organization_verbs: WordSet,
    /// A body's field, trade or ownership (`民政`, `外资`): inside names, never opening one.
    pub organization_fields: WordSet,
    /// Verbs that found a body (`共建`, `成立`).
    pub founding_verbs: WordSet,
    /// Offices that jieba may join to the organization before them (`书记` in `区委书记`).
    pub organization_offices: WordSet,
    /// Words that look like parts of an organization's name but are not (`格局`, `国际化`).
    pub organization_non_names: WordSet,
    /// Endings that make a word no organization (`干部` in `村干部`).
    pub organization_non_endings: WordSet,
    /// Verbs that join bodies as partners (`联合`, `携手`).
    pub coordinating_verbs: WordSet,
    /// Heads and national bodies by their first two characters (a one-character head
    /// under its character and `\0`), the longest first: a lookup or two per character
    /// of a text (a lookup per character and length cost more than tagging).
    /// Each word comes with its third character (`\0` for none), compared before the
    /// word: `国家` and `中国` open dozens of names.
    pub organization_names: HashMap<(char, char), Vec<(char, &'static str)>, FastHash>,
    /// The first characters of [`Lexicon::organization_names`], as bits `c % 4096`:
    /// most characters of a text are skipped without a lookup.
    pub organization_openings: CharBits,
    /// The keys of [`Lexicon::organization_names`], as bits: most pairs of characters
    /// that pass [`Lexicon::organization_openings`] are skipped without a lookup.
    pub organization_pairs: PairBits,
    /// The last characters of places (Chinese and world), as bits, to skip text quickly.
    pub place_ends: CharBits,
    /// The first characters of places (Chinese and world), as bits: most words are
    /// no place without a lookup.
    pub place_openings: CharBits,
    /// The last characters of [`Lexicon::organization_prefixes`], as bits.
    pub organization_prefix_ends: CharBits,
}

impl Lexicon {
    fn embedded() -> Self {
        let organization_heads: WordMap = pairs(include_str!("data/organization_heads.txt"))
            .into_iter()
            .collect();
        let national_bodies: WordMap = pairs(include_str!("data/national_bodies.txt"))
            .into_iter()
            .collect();
        let places = set(include_str!("data/places.txt"));
        let organization_names =
            by_opening(organization_heads.keys().chain(national_bodies.keys()));
        let organization_openings =
            CharBits::of(organization_names.keys().map(|(first, _)| *first));
        let organization_pairs = PairBits::of(organization_names.keys().copied());
        let world_places = set(include_str!("data/world_places.txt"));
        let place_ends = CharBits::of(
            places
                .iter()
                .chain(world_places.iter())
                .filter_map(|place| place.chars().next_back()),
        );
        let place_openings = CharBits::of(
            places
                .iter()
                .chain(world_places.iter())
                .filter_map(|place| place.chars().next()),
        );
        let organization_prefixes = set(include_str!("data/organization_prefixes.txt"));
        let organization_prefix_ends = CharBits::of(
            organization_prefixes
                .iter()
                .filter_map(|prefix| prefix.chars().next_back()),
        );
        Lexicon {
            credit_labels: pairs(include_str!("data/credit_labels.txt")),
            surnames: set(include_str!("data/surnames.txt")),
            office_heads: set(include_str!("data/office_heads.txt")),
            rank_modifiers: set(include_str!("data/rank_modifiers.txt")),
            name_followers: set(include_str!("data/name_followers.txt")),
            speech_verbs: set(include_str!("data/speech_verbs.txt")),
            not_names: set(include_str!("data/not_names.txt")),
            title_inner_words: set(include_str!("data/title_inner_words.txt")),
            transliteration: entries(include_str!("data/transliteration.txt"))
                .flat_map(str::chars)
                .collect(),
            world_places,
            organization_heads,
            national_bodies,
            places,
            place_suffixes: set(include_str!("data/place_suffixes.txt")),
            organization_prefixes,
            organization_verbs: set(include_str!("data/organization_verbs.txt")),
            organization_fields: set(include_str!("data/organization_fields.txt")),
            founding_verbs: set(include_str!("data/founding_verbs.txt")),
            organization_offices: set(include_str!("data/organization_offices.txt")),
            organization_non_names: set(include_str!("data/organization_non_names.txt")),
            organization_non_endings: set(include_str!("data/organization_non_endings.txt")),
            coordinating_verbs: set(include_str!("data/coordinating_verbs.txt")),
            organization_names,
            organization_openings,
            organization_pairs,
            place_ends,
            place_openings,
            organization_prefix_ends,
        }
    }
}

/// A set of characters as 4096 bits (`c % 4096`), which may hold a few characters too
/// many: a filter before an exact lookup.
#[derive(Debug, Clone)]
pub(crate) struct CharBits(Box<[u64; 64]>);

impl CharBits {
    /// The bits of `chars`.
    pub(crate) fn of(chars: impl Iterator<Item = char>) -> Self {
        let mut bits = Box::new([0u64; 64]);
        for c in chars {
            let n = c as usize % 4096;
            bits[n / 64] |= 1 << (n % 64);
        }
        CharBits(bits)
    }

    /// Whether `c` may be in the set.
    pub(crate) fn may_contain(&self, c: char) -> bool {
        self.may_contain_key(c as usize % 4096)
    }

    /// Whether a character whose bits are `key` (`c % 4096`) may be in the set.
    pub(crate) fn may_contain_key(&self, key: usize) -> bool {
        self.0[(key / 64) % 64] & (1 << (key % 64)) != 0
    }
}

/// A set of pairs of characters as 65,536 bits (a hash of the pair), which may hold a
/// few pairs too many: a filter before an exact lookup.
#[derive(Debug, Clone)]
pub(crate) struct PairBits(Box<[u64; 1024]>);

impl PairBits {
    /// The bits of `pairs`.
    fn of(pairs: impl Iterator<Item = (char, char)>) -> Self {
        let mut bits = Box::new([0u64; 1024]);
        for (first, second) in pairs {
            let n = Self::bit(first, second);
            bits[n / 64] |= 1 << (n % 64);
        }
        PairBits(bits)
    }

    fn bit(first: char, second: char) -> usize {
        (first as usize)
            .wrapping_mul(31)
            .wrapping_add(second as usize)
            % 65_536
    }

    /// Whether the pair may be in the set.
    pub(crate) fn may_contain(&self, first: char, second: char) -> bool {
        let n = Self::bit(first, second);
        self.0[n / 64] & (1 << (n % 64)) != 0
    }
}

/// `words` by their first two characters (`\0` for the second of a one-character
/// word), the longest first, each with its third character (`\0` for none).
fn by_opening<'a>(
    words: impl Iterator<Item = &'a &'static str>,
) -> HashMap<(char, char), Vec<(char, &'static str)>, FastHash> {
    let mut map: HashMap<(char, char), Vec<(char, &'static str)>, FastHash> = HashMap::default();
    for word in words {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            let second = chars.next().unwrap_or('\0');
            let third = chars.next().unwrap_or('\0');
            map.entry((first, second)).or_default().push((third, word));
        }
    }
    for list in map.values_mut() {
        list.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        list.dedup();
    }
    map
}

/// The entries of a list: non-blank lines that are not `#` comments, trimmed.
pub(crate) fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The entries of a list as a set.
pub(crate) fn set(list: &'static str) -> WordSet {
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
        assert!(LEXICON.surnames.contains("欧阳"));
        assert!(LEXICON.office_heads.contains("书记"));
        assert!(LEXICON.transliteration.contains(&'顿'));
    }
}
