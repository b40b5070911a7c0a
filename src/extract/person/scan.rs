//! The normalized text with its tokens and lists, and the small look-ups the
//! name and title rules share: characters around an offset, words of a list
//! that end or start at an offset, tokens by offset.
//!
//! Every offset is a byte offset of the normalized text on a character
//! boundary; every look-up goes through `str::get`, so a stray offset gives
//! `None`, never a panic.

use std::ops::Range;

use once_cell::sync::Lazy;

use crate::lexicon::{CharSet, LEXICON, Lexicon, WordSet};
use crate::segment::Token;

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
    /// Mentions of organizations, sorted by start.
    pub organizations: Vec<OrganizationSpan>,
}

impl<'a> Scan<'a> {
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
        if !words.lasts.contains(head.chars().next_back()?) {
            return None;
        }
        let mut best = None;
        for (start, _) in head.char_indices().rev().take(words.longest) {
            if head.get(start..).is_some_and(|w| words.contains(w)) {
                best = Some(start);
            }
        }
        best
    }

    /// The end of the longest word of `words` that starts at `start`.
    pub(super) fn word_starting(&self, start: usize, words: &Words) -> Option<usize> {
        let tail = self.text.get(start..)?;
        if !words.firsts.contains(tail.chars().next()?) {
            return None;
        }
        let mut best = None;
        for (offset, c) in tail.char_indices().take(words.longest) {
            let end = offset + c.len_utf8();
            if tail.get(..end).is_some_and(|w| words.contains(w)) {
                best = Some(start + end);
            }
        }
        best
    }

    /// The index of the token that starts at `at`.
    pub(super) fn token_starting(&self, at: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.byte_start < at);
        (self.tokens.get(i)?.byte_start == at).then_some(i)
    }

    /// The index of the token that holds the byte just before `at`.
    pub(super) fn token_before(&self, at: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.byte_end < at);
        let token = self.tokens.get(i)?;
        (token.byte_start < at && at <= token.byte_end).then_some(i)
    }

    /// The organization mention that ends last among those overlapping `range`.
    pub(super) fn organization_in(&self, range: &Range<usize>) -> Option<&OrganizationSpan> {
        self.organizations
            .iter()
            .filter(|o| o.range.start < range.end && range.start < o.range.end)
            .max_by_key(|o| o.range.end)
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

/// A word list with the characters its words start and end with: most
/// offsets of a text are turned away by a bit test before any hash lookup.
pub(super) struct Words {
    /// The words.
    set: &'static WordSet,
    /// The words of one character.
    single: Chars,
    /// The first characters of the words.
    firsts: Chars,
    /// The last characters of the words.
    lasts: Chars,
    /// The length in characters of the longest word a look-up by offset can
    /// find (at most [`LONGEST_TITLE_WORD`]).
    longest: usize,
}

impl Words {
    fn of(set: &'static WordSet) -> Self {
        let chars = |pick: fn(&str) -> Option<char>| -> CharSet {
            set.iter().filter_map(|w| pick(w)).collect()
        };
        let single: CharSet = set
            .iter()
            .filter(|w| w.chars().nth(1).is_none())
            .filter_map(|w| w.chars().next())
            .collect();
        Words {
            set,
            single: Chars::of(&single),
            firsts: Chars::of(&chars(|w| w.chars().next())),
            lasts: Chars::of(&chars(|w| w.chars().next_back())),
            longest: set
                .iter()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0)
                .min(LONGEST_TITLE_WORD),
        }
    }

    /// Whether `word` is in the list.
    pub(super) fn contains(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        match chars.next_back() {
            None => self.single.contains(first),
            Some(last) => {
                self.firsts.contains(first) && self.lasts.contains(last) && self.set.contains(word)
            }
        }
    }
}

/// A set of characters: a bit for each character of the Basic Multilingual
/// Plane, and the few above it in a list.
pub(super) struct Chars {
    bits: Box<[u64; 1024]>,
    above: Vec<char>,
}

impl Chars {
    fn of(set: &CharSet) -> Self {
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
    pub(super) fn contains(&self, c: char) -> bool {
        let n = c as usize;
        match self.bits.get(n / 64) {
            Some(word) => word & (1 << (n % 64)) != 0,
            None => self.above.contains(&c),
        }
    }
}
