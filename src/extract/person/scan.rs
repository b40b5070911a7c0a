//! The normalized text with its tokens and lists, and the small look-ups the
//! name and title rules share: characters around an offset, words of a list
//! that end or start at an offset, tokens by offset.
//!
//! Every offset is a byte offset of the normalized text on a character
//! boundary; every look-up goes through `str::get`, so a stray offset gives
//! `None`, never a panic.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;

use once_cell::sync::Lazy;

use crate::Organization;
use crate::lexicon::{CharSet, FastHash, LEXICON, Lexicon, WordSet};
use crate::segment::Token;
use crate::text::Text;

/// Longest word of the title lists, in characters (`博士生导师`, `首席执行官`).
pub(super) const LONGEST_TITLE_WORD: usize = 6;

/// An organization's mention in the normalized text, for titles that name it.
#[derive(Debug, Clone)]
pub(super) struct OrganizationSpan {
    /// Byte range in the normalized text.
    pub range: Range<usize>,
}

/// What the rules look at: text, tokens, lists and the organizations found earlier.
pub(super) struct Scan<'a> {
    /// The normalized text.
    pub text: &'a str,
    /// jieba's words with their tags, in order, covering the text.
    pub tokens: &'a [Token<'a>],
    /// The generic lists.
    pub lexicon: &'a Lexicon,
    /// The lists the name and title rules look words up in, with their characters.
    pub lists: &'a Lists,
    /// The text with its offset map, for the organizations' mentions.
    source: &'a Text<'a>,
    /// The organizations found earlier.
    found: &'a [Organization],
    /// Their mentions in the normalized text, sorted by start; made on first use.
    organizations: OnceCell<Vec<OrganizationSpan>>,
    /// How many times jieba tags each word as a name; made on first use.
    name_counts: OnceCell<HashMap<&'a str, usize, FastHash>>,
    /// Where a place suffix starts that starts no office; made on first use.
    place_suffixes: OnceCell<Vec<usize>>,
    /// Where the last token search ended: the next one is most often near.
    hint: Cell<usize>,
    /// Words found to be written as a place or group somewhere in the text, or not.
    place_or_group: RefCell<HashMap<&'a str, bool, FastHash>>,
    /// The starts of the words looked for in the text, by word.
    occurrences: RefCell<HashMap<&'a str, Vec<usize>, FastHash>>,
}

impl<'a> Scan<'a> {
    /// The rules' view of a text with its tokens and the organizations found in it.
    pub(super) fn new(
        text: &'a Text<'a>,
        tokens: &'a [Token<'a>],
        lexicon: &'a Lexicon,
        organizations: &'a [Organization],
    ) -> Self {
        Scan {
            text: text.as_str(),
            tokens,
            lexicon,
            lists: &LISTS,
            source: text,
            found: organizations,
            organizations: OnceCell::new(),
            name_counts: OnceCell::new(),
            place_suffixes: OnceCell::new(),
            hint: Cell::new(0),
            place_or_group: RefCell::default(),
            occurrences: RefCell::default(),
        }
    }

    /// The starts of `word` in the text as `str::match_indices` finds them,
    /// given `known`, sorted starts where it occurs ([`super::names::occurrences`]).
    /// A candidate is looked for when it is checked and again for its repeats:
    /// the text is searched once per word.
    pub(super) fn occurrences(&self, word: &'a str, known: &[usize]) -> Vec<usize> {
        if let Some(starts) = self.occurrences.borrow().get(word) {
            return starts.clone();
        }
        let starts = super::names::occurrences(self.text, word, known);
        self.occurrences.borrow_mut().insert(word, starts.clone());
        starts
    }

    /// What [`Scan::keep_place_or_group`] kept for `word`.
    pub(super) fn known_place_or_group(&self, word: &str) -> Option<bool> {
        self.place_or_group.borrow().get(word).copied()
    }

    /// Keeps whether the text writes `word` as a place or group somewhere.
    pub(super) fn keep_place_or_group(&self, word: &'a str, answer: bool) {
        self.place_or_group.borrow_mut().insert(word, answer);
    }

    /// How many times jieba tags `word` as a name in the text.
    ///
    /// Counted on the first question, by hashing: most texts are never asked.
    pub(super) fn name_count(&self, word: &str) -> usize {
        let counts = self.name_counts.get_or_init(|| {
            let mut counts = HashMap::default();
            for token in self.tokens {
                if super::names::is_name_tag(token.tag) {
                    *counts.entry(token.word).or_insert(0) += 1;
                }
            }
            counts
        });
        counts.get(word).copied().unwrap_or(0)
    }

    /// The offsets where a place suffix (`市`, `区`, …) starts that starts no
    /// office (`市长`), in text order.
    pub(super) fn place_suffixes(&self) -> &[usize] {
        self.place_suffixes.get_or_init(|| {
            super::names::PLACE_SUFFIX
                .find_iter(self.text)
                .map(|m| m.start())
                .filter(|&at| super::titles::office_starting(self, at).is_none())
                .collect()
        })
    }

    /// The character that ends just before `at`.
    pub(super) fn char_before(&self, at: usize) -> Option<char> {
        self.text.get(..at)?.chars().next_back()
    }

    /// The character that starts at `at`.
    pub(super) fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    /// The offset `count` characters after `at`, when the text is that long.
    pub(super) fn forward(&self, at: usize, count: usize) -> Option<usize> {
        let mut chars = self.text.get(at..)?.chars();
        let mut end = at;
        for _ in 0..count {
            end += chars.next()?.len_utf8();
        }
        Some(end)
    }

    /// The text of `range`, or `""` when it is not a valid range.
    pub(super) fn slice(&self, range: Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or("")
    }

    /// The start of the longest word of `words` that ends at `end`.
    pub(super) fn word_ending(&self, end: usize, words: &Words) -> Option<usize> {
        let head = self.text.get(..end)?;
        let candidates = words.ending_with(head.chars().next_back()?)?;
        // A word's second byte (in Han characters, the one that tells most
        // apart) against the text's there before the whole word: most
        // candidates are turned away without `memcmp`.
        let bytes = head.as_bytes();
        let word = candidates.iter().find(|w| {
            end.checked_sub(w.len())
                .is_some_and(|start| bytes.get(start + 1) == w.as_bytes().get(1))
                && head.ends_with(**w)
        })?;
        Some(end - word.len())
    }

    /// The end of the longest word of `words` that starts at `start`.
    pub(super) fn word_starting(&self, start: usize, words: &Words) -> Option<usize> {
        let tail = self.text.get(start..)?;
        let candidates = words.starting_with(tail.chars().next()?)?;
        // A word's last byte against the text's there before the whole word.
        let bytes = tail.as_bytes();
        let word = candidates.iter().find(|w| {
            w.len()
                .checked_sub(1)
                .is_some_and(|last| bytes.get(last) == w.as_bytes().last())
                && tail.starts_with(**w)
        })?;
        Some(start + word.len())
    }

    /// The index of the token that starts at `at`.
    pub(super) fn token_starting(&self, at: usize) -> Option<usize> {
        let i = self.partition_point(|t| t.byte_start < at);
        (self.tokens.get(i)?.byte_start == at).then_some(i)
    }

    /// The index of the token that holds the byte just before `at`.
    pub(super) fn token_before(&self, at: usize) -> Option<usize> {
        let i = self.partition_point(|t| t.byte_end < at);
        let token = self.tokens.get(i)?;
        (token.byte_start < at && at <= token.byte_end).then_some(i)
    }

    /// The index of the first token that ends after `at`.
    pub(super) fn token_after(&self, at: usize) -> usize {
        self.partition_point(|t| t.byte_end <= at)
    }

    /// `self.tokens.partition_point(before)`, for a test `before` that holds
    /// for the tokens up to some offset of the text and for none after (the
    /// tokens are in order and apart). The search gallops out from where the
    /// last one ended: the rules look at a few neighbouring offsets at a time.
    fn partition_point(&self, before: impl Fn(&Token<'_>) -> bool) -> usize {
        let tokens = self.tokens;
        let hint = self.hint.get().min(tokens.len());
        let mut step = 1;
        let (low, high) = if tokens.get(hint).is_some_and(&before) {
            let mut low = hint + 1;
            loop {
                match tokens.get(hint + step) {
                    Some(t) if before(t) => low = hint + step + 1,
                    Some(_) => break (low, hint + step),
                    None => break (low, tokens.len()),
                }
                step *= 2;
            }
        } else {
            let mut high = hint;
            loop {
                let Some(probe) = hint.checked_sub(step) else {
                    break (0, high);
                };
                match tokens.get(probe) {
                    Some(t) if before(t) => break (probe + 1, high),
                    _ => high = probe,
                }
                step *= 2;
            }
        };
        let point = low
            + tokens
                .get(low..high)
                .map_or(0, |near| near.partition_point(&before));
        self.hint.set(point);
        point
    }

    /// The organization mention that ends last among those overlapping `range`.
    pub(super) fn organization_in(&self, range: &Range<usize>) -> Option<&OrganizationSpan> {
        self.organizations()
            .iter()
            .filter(|o| o.range.start < range.end && range.start < o.range.end)
            .max_by_key(|o| o.range.end)
    }

    /// The mentions of the organizations found earlier, sorted by start.
    fn organizations(&self) -> &[OrganizationSpan] {
        self.organizations.get_or_init(|| {
            let mut spans: Vec<OrganizationSpan> = self
                .found
                .iter()
                .flat_map(|o| &o.mentions)
                .map(|m| OrganizationSpan {
                    range: self.source.normalized_range(m.byte_start..m.byte_end),
                })
                .collect();
            spans.sort_by_key(|s| s.range.start);
            spans
        })
    }
}

/// Whether `c` is a Han character (CJK unified ideographs and extension A).
pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The word lists of the name and title rules, built once from [`LEXICON`].
pub(super) static LISTS: Lazy<Lists> = Lazy::new(|| Lists::of(&LEXICON));

/// The word lists that the name and title rules look up at nearly every
/// word of a text, each with the characters its words start and end with.
pub(super) struct Lists {
    /// Chinese surnames, single (`张`) and compound (`欧阳`).
    pub surnames: Words,
    /// Office heads (`书记`, `局长`).
    pub office_heads: Words,
    /// Rank modifiers before an office head (`副`, `常务`).
    pub rank_modifiers: Words,
    /// Words that may follow a name (`为`, `在`).
    pub name_followers: Words,
    /// Verbs of speech and attendance (`表示`, `出席`).
    pub speech_verbs: Words,
    /// Everyday words that are no names.
    pub not_names: Words,
    /// Places of the world.
    pub world_places: Words,
    /// Words inside a title's organization part.
    pub title_inner_words: Words,
}

impl Lists {
    /// The lists of `lexicon`.
    pub(super) fn of(lexicon: &'static Lexicon) -> Self {
        Lists {
            surnames: Words::of(&lexicon.surnames),
            office_heads: Words::of(&lexicon.office_heads),
            rank_modifiers: Words::of(&lexicon.rank_modifiers),
            name_followers: Words::of(&lexicon.name_followers),
            speech_verbs: Words::of(&lexicon.speech_verbs),
            not_names: Words::of(&lexicon.not_names),
            world_places: Words::of(&lexicon.world_places),
            title_inner_words: Words::of(&lexicon.title_inner_words),
        }
    }
}

/// A word list, with its words also by their first and by their last
/// character: most offsets of a text are turned away by one lookup of a
/// character, never hashing a string.
pub(super) struct Words {
    /// The words.
    set: &'static WordSet,
    /// The words of one character.
    single: Chars,
    /// The first characters of the words.
    firsts: Chars,
    /// The last characters of the words.
    lasts: Chars,
    /// The first characters of the words of two characters or more.
    long_firsts: Chars,
    /// The last characters of the words of two characters or more.
    long_lasts: Chars,
    /// The words of at most [`LONGEST_TITLE_WORD`] characters by their first
    /// character, the longest first.
    starting: CharMap,
    /// The same words by their last character, the longest first.
    ending: CharMap,
}

/// Words by a character, the longest first.
type CharMap = HashMap<char, Vec<&'static str>, FastHash>;

impl Words {
    pub(super) fn of(set: &'static WordSet) -> Self {
        let chars = |pick: fn(&str) -> Option<char>, long: bool| -> CharSet {
            set.iter()
                .filter(|w| !long || w.chars().nth(1).is_some())
                .filter_map(|w| pick(w))
                .collect()
        };
        let single: CharSet = set
            .iter()
            .filter(|w| w.chars().nth(1).is_none())
            .filter_map(|w| w.chars().next())
            .collect();
        let by = |pick: fn(&str) -> Option<char>| -> CharMap {
            let mut map = CharMap::default();
            for word in set
                .iter()
                .filter(|w| w.chars().count() <= LONGEST_TITLE_WORD)
            {
                if let Some(c) = pick(word) {
                    map.entry(c).or_default().push(word);
                }
            }
            for words in map.values_mut() {
                words.sort_unstable_by_key(|w| std::cmp::Reverse(w.len()));
            }
            map
        };
        Words {
            set,
            single: Chars::of(&single),
            firsts: Chars::of(&chars(|w| w.chars().next(), false)),
            lasts: Chars::of(&chars(|w| w.chars().next_back(), false)),
            long_firsts: Chars::of(&chars(|w| w.chars().next(), true)),
            long_lasts: Chars::of(&chars(|w| w.chars().next_back(), true)),
            starting: by(|w| w.chars().next()),
            ending: by(|w| w.chars().next_back()),
        }
    }

    /// Whether `word` is in the list.
    #[inline]
    pub(super) fn contains(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        match chars.next_back() {
            None => self.single.contains(first),
            Some(last) => {
                self.long_firsts.contains(first)
                    && self.long_lasts.contains(last)
                    && self.set.contains(word)
            }
        }
    }

    /// Whether a word of the list may start with `c`.
    #[inline]
    pub(super) fn may_start(&self, c: char) -> bool {
        self.firsts.contains(c)
    }

    /// Whether `c` alone is a word of the list.
    #[inline]
    pub(super) fn contains_char(&self, c: char) -> bool {
        self.single.contains(c)
    }

    /// The words that start with `c`, the longest first.
    #[inline]
    fn starting_with(&self, c: char) -> Option<&[&'static str]> {
        if !self.firsts.contains(c) {
            return None;
        }
        self.starting.get(&c).map(Vec::as_slice)
    }

    /// The words that end with `c`, the longest first.
    #[inline]
    fn ending_with(&self, c: char) -> Option<&[&'static str]> {
        if !self.lasts.contains(c) {
            return None;
        }
        self.ending.get(&c).map(Vec::as_slice)
    }
}

/// A set of characters: a bit for each character of the Basic Multilingual
/// Plane, and the few above it in a list.
pub(super) struct Chars {
    bits: Box<[u64; 1024]>,
    above: Vec<char>,
}

impl Chars {
    pub(super) fn of<'c>(set: impl IntoIterator<Item = &'c char>) -> Self {
        let mut bits = Box::new([0u64; 1024]);
        let mut above = Vec::new();
        for &c in set {
            let n = c as usize;
            match bits.get_mut(n / 64) {
                Some(word) => *word |= 1 << (n % 64),
                None => above.push(c),
            }
        }
        Chars { bits, above }
    }

    /// Whether `c` is in the set.
    #[inline]
    pub(super) fn contains(&self, c: char) -> bool {
        let n = c as usize;
        match self.bits.get(n / 64) {
            Some(word) => word & (1 << (n % 64)) != 0,
            None => self.above.contains(&c),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::segment::Segmenter;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The token look-ups that gallop from the last one find what a binary
        /// search over all tokens finds, whatever the order of the offsets.
        #[test]
        fn token_lookups_match_a_binary_search(
            input in "[张王市长表示,、 a1·]{0,40}",
            offsets in proptest::collection::vec(0usize..130, 1..30),
        ) {
            let text = Text::new(&input);
            let tokens = Segmenter::Shared.tag(&text);
            let scan = Scan::new(&text, &tokens, &LEXICON, &[]);
            for at in offsets {
                let i = tokens.partition_point(|t| t.byte_start < at);
                let starting = tokens.get(i).filter(|t| t.byte_start == at).map(|_| i);
                prop_assert_eq!(scan.token_starting(at), starting);
                let i = tokens.partition_point(|t| t.byte_end < at);
                let before = tokens
                    .get(i)
                    .filter(|t| t.byte_start < at && at <= t.byte_end)
                    .map(|_| i);
                prop_assert_eq!(scan.token_before(at), before);
                let after = tokens.partition_point(|t| t.byte_end <= at);
                prop_assert_eq!(scan.token_after(at), after);
            }
        }

        /// A list looked up by a word's first or last character finds the
        /// longest word that a look-up of every prefix or suffix finds.
        #[test]
        fn words_by_character_match_every_prefix(input in "[副主任书记市长局处员总理事会]{0,12}") {
            let text = Text::new(&input);
            let scan = Scan::new(&text, &[], &LEXICON, &[]);
            let words = &LISTS.office_heads;
            for (at, _) in input.char_indices().chain([(input.len(), ' ')]) {
                let tail = input.get(at..).unwrap_or("");
                let starting = tail
                    .char_indices()
                    .take(LONGEST_TITLE_WORD)
                    .map(|(i, c)| i + c.len_utf8())
                    .filter(|&end| tail.get(..end).is_some_and(|w| LEXICON.office_heads.contains(w)))
                    .max()
                    .map(|end| at + end);
                prop_assert_eq!(scan.word_starting(at, words), starting);
                let head = input.get(..at).unwrap_or("");
                let ending = head
                    .char_indices()
                    .rev()
                    .take(LONGEST_TITLE_WORD)
                    .map(|(i, _)| i)
                    .filter(|&start| head.get(start..).is_some_and(|w| LEXICON.office_heads.contains(w)))
                    .min();
                prop_assert_eq!(scan.word_ending(at, words), ending);
            }
        }
    }

    #[test]
    fn words_know_their_members() {
        assert!(LISTS.surnames.contains("欧阳"));
        assert!(LISTS.surnames.contains("张"));
        assert!(!LISTS.surnames.contains("张三"));
        assert!(!LISTS.surnames.contains(""));
        assert!(LISTS.surnames.may_start('欧'));
        assert!(LISTS.surnames.contains_char('张'));
    }
}
