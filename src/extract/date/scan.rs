//! Where the lexer runs its regexes: windows of the text that a match could lie in.
//!
//! A family's regex is made of the characters written in its pattern (its
//! alphabet), and a match starts with one of a few of them (its triggers:
//! digits, `一二三`, `今明昨`, `每` …). So a match lies in a run of alphabet
//! characters, from a trigger on. One pass over the text finds, for every
//! family, each window that starts at the first trigger of such a run and ends
//! where the run ends; the lexer searches those windows only, rather than the
//! whole text once per family (which took a fifth of a run).
//!
//! Searching a window (the text cut at the window's end, from its start) finds
//! the very matches that searching the whole text finds there: no pattern has
//! an assertion about its surroundings (`^`, `$`, `\b`), and no path through a
//! pattern can read the character that ends the run, so cutting the text there
//! takes no path away. The tests prove the alphabets and triggers against the
//! parsed patterns.

use std::collections::HashMap;
use std::ops::Range;

use crate::lexicon::FastHash;
use crate::text::{decode_at, next_char_in, plane_word_and_bit};

/// Families one scanner tracks at most (a bit each).
pub(super) const MAX_FAMILIES: usize = 8;

/// Per character, a bit per family in each of three bytes: in its alphabet,
/// a trigger, a required character; and in the fourth byte, [`STOP`].
pub(super) struct Scanner {
    /// Characters of the Basic Multilingual Plane, by code point.
    plane: Vec<u32>,
    /// A bit per character of the plane: whether any family lists it. Most
    /// characters are in none, and this table (8 KB) stays in the nearest cache.
    listed: Vec<u64>,
    /// A bit per character of the plane: whether it triggers a family or is a
    /// stop. Between windows only these characters change anything, and they
    /// are far fewer than the listed ones (8 KB too).
    opens: Box<[u64; 1024]>,
    /// Characters beyond it (none, unless a pattern writes one).
    others: HashMap<char, u32, FastHash>,
    families: usize,
}

/// The bit of a character at which a scan may stop (see [`Scanner::windows`]).
const STOP: u32 = 1 << 24;

/// The bits of a character that open a window or stop a scan: with no window
/// open, a character without them changes nothing.
const OPENS: u32 = 0xFF00 | STOP;

/// A family as the scanner sees it.
pub(super) struct Classes {
    /// Every character a match can contain.
    pub(super) alphabet: Vec<char>,
    /// Every character a match can start with.
    pub(super) triggers: Vec<char>,
    /// Characters of which every match contains one (`年月日` …); `None`: any.
    pub(super) required: Option<Vec<char>>,
}

/// Every character a match of `pattern` can contain, and then some.
///
/// The characters written in the pattern (comment lines left out), the digits
/// (for ranges such as `[0-9]`), `"` (written `\x22`) and every white space
/// character (for `\s`).
pub(super) fn pattern_alphabet(pattern: &str) -> Vec<char> {
    let written = pattern
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .flat_map(str::chars);
    let spaces = (0..=0xFFFF_u32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace());
    written
        .chain('0'..='9')
        .chain(['"'])
        .chain(spaces)
        .collect()
}

impl Scanner {
    /// A scanner for these families, which may stop at `stops`; triggers and
    /// required characters join the alphabet.
    pub(super) fn new(families: &[Classes], stops: &[char]) -> Self {
        let mut scanner = Scanner {
            plane: vec![0; 0x1_0000],
            listed: vec![0; 0x1_0000 / 64],
            opens: Box::new([0; 1024]),
            others: HashMap::default(),
            families: families.len().min(MAX_FAMILIES),
        };
        for (bit, family) in families.iter().take(MAX_FAMILIES).enumerate() {
            let member = 1_u32 << bit;
            let required = family.required.as_ref().unwrap_or(&family.alphabet);
            for &c in family.alphabet.iter().chain(required) {
                *scanner.entry(c) |= member;
            }
            for &c in required {
                *scanner.entry(c) |= member << 16;
            }
            for &c in family.triggers.iter().chain(required) {
                *scanner.entry(c) |= member;
            }
            for &c in &family.triggers {
                *scanner.entry(c) |= member << 8;
            }
        }
        for &c in stops {
            *scanner.entry(c) |= STOP;
        }
        for (code, &bits) in scanner.plane.iter().enumerate() {
            if let Some(word) = scanner.listed.get_mut(code / 64) {
                *word |= u64::from(bits != 0) << (code % 64);
            }
            if let Some(word) = scanner.opens.get_mut(code / 64) {
                *word |= u64::from(bits & OPENS != 0) << (code % 64);
            }
        }
        scanner
    }

    fn entry(&mut self, c: char) -> &mut u32 {
        match self.plane.get_mut(c as usize) {
            Some(entry) => entry,
            None => self.others.entry(c).or_insert(0),
        }
    }

    /// Whether a match of `family` can start with `c`.
    pub(super) fn is_trigger(&self, family: usize, c: char) -> bool {
        family < MAX_FAMILIES && self.bits(c as u32) & (1 << (8 + family)) != 0
    }

    /// The first character at `at` or after that may open a window or stop
    /// the scan (the end if none): a loop of its own, as most characters are
    /// skipped here.
    fn next_opening(&self, bytes: &[u8], at: usize) -> usize {
        let beyond = |code: u32| self.bits(code) & OPENS != 0;
        next_char_in(&self.opens, beyond, bytes, at).map_or(bytes.len(), |(at, _)| at)
    }

    /// The bits of the character at byte `at` of `bytes` (a `str`'s, `at` a
    /// character boundary) and its width; `None` at the end. A character of
    /// three bytes (most are) is looked up by its bytes, as in
    /// [`next_char_in`].
    #[inline(always)]
    fn bits_at(&self, bytes: &[u8], at: usize) -> Option<(u32, usize)> {
        let &lead = bytes.get(at)?;
        if lead & 0xF0 == 0xE0 {
            let (word, bit) = plane_word_and_bit(bytes, at);
            let listed = self.listed.get(word).is_some_and(|w| w & (1 << bit) != 0);
            let bits = match listed {
                true => self.plane.get((word << 6) | bit).copied().unwrap_or(0),
                false => 0,
            };
            return Some((bits, 3));
        }
        let (code, width) = decode_at(bytes, at)?;
        Some((self.bits(code), width))
    }

    /// The bits of the character whose code point is `code`.
    #[inline(always)]
    fn bits(&self, code: u32) -> u32 {
        let code = code as usize;
        match self.listed.get(code / 64) {
            Some(word) if word & (1 << (code % 64)) == 0 => 0,
            Some(_) => self.plane.get(code).copied().unwrap_or(0),
            None => char::from_u32(code as u32)
                .and_then(|c| self.others.get(&c))
                .copied()
                .unwrap_or(0),
        }
    }

    /// Calls `visit(family, window)` for every window of `text` that holds a
    /// required character of its family, family by family in text order.
    ///
    /// With `stop`, the scan stops at the first stop character and says so
    /// (`false`); the windows visited until then are all the caller gets.
    pub(super) fn windows(
        &self,
        text: &str,
        stop: bool,
        mut visit: impl FnMut(usize, Range<usize>),
    ) -> bool {
        let stop = if stop { STOP } else { 0 };
        // Families with an open window, those whose window holds a required
        // character, and where each window starts.
        let mut open: u8 = 0;
        let mut required: u8 = 0;
        let mut starts = [0_usize; MAX_FAMILIES];
        // The characters are read from the bytes: most are not listed, and
        // this is the one pass over the whole text.
        let bytes = text.as_bytes();
        let mut at = 0;
        loop {
            // With no window open (and so none holding a required character),
            // a character that neither opens one nor stops leaves all as it is.
            if open == 0 {
                at = self.next_opening(bytes, at);
            }
            let Some((bits, width)) = self.bits_at(bytes, at) else {
                break;
            };
            if bits & stop != 0 {
                return false;
            }
            let [alphabet, triggers, needed, _] = bits.to_le_bytes();
            let mut closing = open & !alphabet & required;
            while closing != 0 {
                let family = closing.trailing_zeros() as usize;
                closing &= closing - 1;
                visit(family, starts[family]..at);
            }
            open &= alphabet;
            let mut opening = triggers & !open;
            open |= opening;
            required = (required | needed) & open & !opening | (needed & opening);
            while opening != 0 {
                let family = opening.trailing_zeros() as usize;
                opening &= opening - 1;
                starts[family] = at;
            }
            at += width;
        }
        for (family, &start) in starts.iter().enumerate().take(self.families) {
            if open & required & (1 << family) != 0 {
                visit(family, start..text.len());
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows(scanner: &Scanner, text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        scanner.windows(text, false, |family, window| {
            out.push((family, text[window].to_string()))
        });
        out.sort();
        out
    }

    #[test]
    fn bits_are_read_from_bytes_as_from_code_points() {
        let families = [Classes {
            alphabet: vec!['天', 'é', '\u{800}'],
            triggers: vec!['今', '🙂', '\u{ffff}'],
            required: Some(vec!['年']),
        }];
        let scanner = Scanner::new(&families, &['這']);
        let text = "年2020年3月起,今天明天🙂é這\u{ffff}\u{800}\u{7ff}a";
        for (at, c) in text.char_indices() {
            let expected = Some((scanner.bits(c as u32), c.len_utf8()));
            assert_eq!(scanner.bits_at(text.as_bytes(), at), expected, "{c}");
        }
        assert_eq!(scanner.bits_at(text.as_bytes(), text.len()), None);
    }

    #[test]
    fn a_window_runs_from_a_trigger_to_the_end_of_the_alphabet() {
        let families = [
            Classes {
                alphabet: ('0'..='9').collect(),
                triggers: ('0'..='9').collect(),
                required: Some(vec!['年', '月']),
            },
            Classes {
                alphabet: vec!['天'],
                triggers: vec!['今', '明'],
                required: None,
            },
        ];
        let scanner = Scanner::new(&families, &['這']);
        assert_eq!(
            windows(&scanner, "年2020年3月起,今天明天,2020"),
            [(0, "2020年3月".to_string()), (1, "今天明天".to_string())]
        );
        assert_eq!(windows(&scanner, "天年月"), []);
        assert_eq!(windows(&scanner, "🙂3月"), [(0, "3月".to_string())]);
        assert_eq!(windows(&scanner, "年3"), []);
        // A stop character ends the scan only when asked to.
        assert_eq!(windows(&scanner, "3月這"), [(0, "3月".to_string())]);
        let mut seen = Vec::new();
        let done = scanner.windows("3月起,這", true, |family, window| {
            seen.push((family, window))
        });
        assert!(!done);
        assert_eq!(seen, [(0, 0..4)]);
        assert!(scanner.windows("3月", true, |_, _| {}));
    }
}
