//! The normalized text with its tokens and lists, and the small look-ups the
//! name and title rules share: characters around an offset, words of a list
//! that end or start at an offset, tokens by offset.
//!
//! Every offset is a byte offset of the normalized text on a character
//! boundary; every look-up goes through `str::get`, so a stray offset gives
//! `None`, never a panic.

use std::ops::Range;

use crate::lexicon::{Lexicon, WordSet};
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
    pub(super) fn word_ending(&self, end: usize, words: &WordSet) -> Option<usize> {
        let head = self.text.get(..end)?;
        let mut best = None;
        for (start, _) in head.char_indices().rev().take(LONGEST_TITLE_WORD) {
            if head.get(start..).is_some_and(|w| words.contains(w)) {
                best = Some(start);
            }
        }
        best
    }

    /// The end of the longest word of `words` that starts at `start`.
    pub(super) fn word_starting(&self, start: usize, words: &WordSet) -> Option<usize> {
        let tail = self.text.get(start..)?;
        let mut best = None;
        for (offset, c) in tail.char_indices().take(LONGEST_TITLE_WORD) {
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
