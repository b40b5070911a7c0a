//! The text layer: a normalized copy of the input with a map back to the original.
//!
//! Rules and jieba work on the normalized copy, in its byte offsets. Only this
//! module converts those offsets back: [`Text::mention`] slices the original
//! text and counts characters, so every offset reported is an offset into the
//! text the caller gave.
//!
//! Normalization: full-width ASCII forms (`：，（）０-９Ａ-Ｚ％`) become half-width,
//! `\u3000` and NBSP become a space, CRLF and lone CR become LF, HTML entities
//! left by crawlers are decoded, and BOM / zero-width spaces are dropped.
//!
//! Examples that prove these rules: fixtures/corpus/text.toml

use std::ops::Range;

use crate::Mention;

/// Texts longer than this many bytes are processed up to this length only:
/// offsets are stored as `u32` to keep the map at four bytes per byte.
const MAX_BYTES: usize = u32::MAX as usize - 8;

/// Characters counted at every this-many bytes of the original, so that
/// converting a byte offset to a character offset costs at most this many steps.
const CHECKPOINT_BYTES: usize = 64;

/// An article's text: the original, a normalized copy, and the map between them.
pub(crate) struct Text<'a> {
    original: &'a str,
    normalized: String,
    /// The map back, as pieces of the normalized text over which the shift
    /// between normalized and original offsets stays the same: each piece's
    /// first normalized byte and the original byte it came from, in order.
    /// A normalized byte comes from `start + (c - piece start)`, `c` being the
    /// first byte of its character: within a piece characters are copied as
    /// they are, and a character that replaced another (`：` → `:`) opens a
    /// piece of its own. Most text is copied whole, so pieces are few.
    pieces: Vec<(u32, u32)>,
    /// Number of characters in `original[..k * CHECKPOINT_BYTES]`.
    char_checkpoints: Vec<u32>,
}

impl<'a> Text<'a> {
    /// Normalizes `original` and records where each normalized byte came from.
    pub(crate) fn new(original: &'a str) -> Self {
        let original = truncate_at_char(original, MAX_BYTES);
        let bytes = original.as_bytes();
        let mut normalized = String::with_capacity(original.len());
        // A full-width comma or bracket (most texts have one every few
        // dozen bytes) opens a piece and the text after it another.
        let mut pieces: Vec<(u32, u32)> = Vec::with_capacity(original.len() / 32 + 4);
        // Opens a piece at the end of `normalized` for original byte `from`,
        // unless the shift is the one of the piece before.
        let mut mark = |normalized: &String, from: usize| {
            let at = normalized.len() as u32;
            let from = from as u32;
            let same_shift = pieces
                .last()
                .is_some_and(|&(n, o)| o.wrapping_sub(n) == from.wrapping_sub(at));
            if !same_shift {
                pieces.push((at, from));
            }
        };
        let mut at = 0;
        while at < bytes.len() {
            // A run of characters that stay as they are is copied whole.
            let run_start = at;
            at = next_changeable(bytes, at);
            if at > run_start {
                mark(&normalized, run_start);
                normalized.push_str(original.get(run_start..at).unwrap_or(""));
            }
            let Some(rest) = original.get(at..) else {
                break;
            };
            let Some(c) = rest.chars().next() else {
                break;
            };
            let (replacement, consumed) = normalize_at(rest, c);
            if let Some(r) = replacement {
                mark(&normalized, at);
                normalized.push(r);
            }
            at += consumed;
        }
        let mut char_checkpoints = Vec::with_capacity(original.len() / CHECKPOINT_BYTES + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(CHECKPOINT_BYTES) {
            char_checkpoints.push(count);
            count += count_chars(chunk) as u32;
        }
        Text {
            original,
            normalized,
            pieces,
            char_checkpoints,
        }
    }

    /// The normalized text that rules match against.
    pub(crate) fn as_str(&self) -> &str {
        &self.normalized
    }

    /// The original text, as given (truncated only beyond 4 GiB).
    #[allow(dead_code)] // until a stage needs it
    pub(crate) fn original(&self) -> &'a str {
        self.original
    }

    /// The normalized text in `range`, or `""` when the range is not on character boundaries.
    pub(crate) fn slice(&self, range: Range<usize>) -> &str {
        self.normalized.get(range).unwrap_or("")
    }

    /// The original bytes that the normalized `range` came from.
    pub(crate) fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.origin_of(range.start);
        let end = self.origin_of(range.end).max(start);
        start..end
    }

    /// The normalized byte range that covers the original byte `range`.
    pub(crate) fn normalized_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.first_from(range.start);
        let end = self.first_from(range.end);
        start..end.max(start)
    }

    /// The first normalized offset (up to the end) whose origin is `offset` or later.
    fn first_from(&self, offset: usize) -> usize {
        let len = self.normalized.len();
        // The last piece that starts before `offset`; none: the text's start comes from `offset` or later.
        let k = self.pieces.partition_point(|&(_, o)| (o as usize) < offset);
        let Some(&(n, o)) = k.checked_sub(1).and_then(|k| self.pieces.get(k)) else {
            return 0;
        };
        let piece_end = self.pieces.get(k).map_or(len, |&(n, _)| n as usize);
        // Inside the piece the first character that starts at `target` or later;
        // else the next piece, whose start comes from `offset` or later.
        let target = n as usize + (offset - o as usize);
        let mut first = target.min(piece_end);
        while first < piece_end && !self.normalized.is_char_boundary(first) {
            first += 1;
        }
        first
    }

    /// The original text that the normalized `range` came from.
    pub(crate) fn original_slice(&self, range: Range<usize>) -> &'a str {
        self.original.get(self.original_range(range)).unwrap_or("")
    }

    /// The number of characters of the original text before byte `offset`.
    pub(crate) fn char_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.original.len());
        // The end of a text whose length is a multiple of the block has no checkpoint of its own.
        let block = (offset / CHECKPOINT_BYTES).min(self.char_checkpoints.len().saturating_sub(1));
        let base = self.char_checkpoints.get(block).copied().unwrap_or(0) as usize;
        let from = block * CHECKPOINT_BYTES;
        base + self
            .original
            .as_bytes()
            .get(from.min(offset)..offset)
            .map_or(0, count_chars)
    }

    /// A [`Mention`] of the normalized `range`, with the original's text and offsets.
    pub(crate) fn mention(&self, range: Range<usize>) -> Mention {
        let bytes = self.original_range(range);
        let text = self.original.get(bytes.clone()).unwrap_or("");
        let start = self.char_offset(bytes.start);
        // The end counts on from the start: a mention is short.
        let end = match text.is_empty() {
            true => self.char_offset(bytes.end),
            false => start + count_chars(text.as_bytes()),
        };
        Mention {
            text: text.to_string(),
            start,
            end,
            byte_start: bytes.start,
            byte_end: bytes.end,
        }
    }

    /// Each line of the normalized text, without its `\n`.
    pub(crate) fn lines(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut start = 0;
        self.normalized.split('\n').map(move |line| {
            let range = start..start + line.len();
            start = range.end + 1;
            range
        })
    }

    /// Each paragraph: a line with its surrounding white space trimmed, skipping blank lines.
    pub(crate) fn paragraphs(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.lines().filter_map(|line| {
            let trimmed = self.trim(line);
            (!trimmed.is_empty()).then_some(trimmed)
        })
    }

    #[allow(dead_code)] // until a stage needs it
    /// Each sentence: text up to and including `。！？!?；;…`, or to the end of its line.
    pub(crate) fn sentences(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.paragraphs().flat_map(move |paragraph| {
            let body = self.slice(paragraph.clone());
            let mut start = paragraph.start;
            let mut pieces = Vec::new();
            for (i, c) in body.char_indices() {
                if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';') {
                    let end = paragraph.start + i + c.len_utf8();
                    pieces.push(start..end);
                    start = end;
                }
            }
            if start < paragraph.end {
                pieces.push(start..paragraph.end);
            }
            pieces
                .into_iter()
                .map(|r| self.trim(r))
                .filter(|r| !r.is_empty())
        })
    }

    /// `range` without white space at either end.
    pub(crate) fn trim(&self, range: Range<usize>) -> Range<usize> {
        let s = self.slice(range.clone());
        let start = range.start + (s.len() - s.trim_start().len());
        let end = range.end - (s.len() - s.trim_end().len());
        start..end.max(start)
    }

    /// Where in the original the character holding normalized byte `offset` starts
    /// (the end of the original for the end of the text).
    fn origin_of(&self, offset: usize) -> usize {
        let bytes = self.normalized.as_bytes();
        if offset >= bytes.len() {
            return self.original.len();
        }
        let mut char_start = offset;
        while char_start > 0 && bytes.get(char_start).is_some_and(|&b| is_continuation(b)) {
            char_start -= 1;
        }
        let k = self
            .pieces
            .partition_point(|&(n, _)| n as usize <= char_start);
        let (n, o) = k
            .checked_sub(1)
            .and_then(|k| self.pieces.get(k))
            .copied()
            .unwrap_or((0, 0));
        o as usize + (char_start - n as usize)
    }
}

/// The normalized form of the character `c` that starts `rest`, and how many
/// bytes of `rest` it consumes. `None` drops the input.
fn normalize_at(rest: &str, c: char) -> (Option<char>, usize) {
    let width = c.len_utf8();
    match c {
        '\u{FF01}'..='\u{FF5E}' => (char::from_u32(c as u32 - 0xFEE0), width),
        '\u{3000}' | '\u{00A0}' => (Some(' '), width),
        '\r' if rest.as_bytes().get(1) == Some(&b'\n') => (Some('\n'), 2),
        '\r' => (Some('\n'), width),
        '\u{FEFF}' | '\u{200B}' => (None, width),
        '&' => match decode_entity(rest) {
            Some((decoded, len)) => (Some(normalize_char(decoded)), len),
            None => (Some('&'), width),
        },
        _ => (Some(c), width),
    }
}

/// The normalized form of a character produced by an entity.
fn normalize_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\r' => ' ',
        _ => c,
    }
}

/// Decodes an HTML entity at the start of `s` (`&amp;`, `&#12290;`, `&#x3002;`).
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = s.get(1..end)?;
    let c = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            "times" => '×',
            "yen" => '¥',
            "deg" => '°',
            "permil" => '‰',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// The first offset from `at` (a character boundary) where a character that
/// [`normalize_at`] may change starts, or the end.
///
/// Reads bytes: such characters open with `\r`, `&`, `0xC2`, `0xE2`, `0xE3`
/// or `0xEF`, none of which is ever inside another character's encoding;
/// [`plain_char_len`] decides at those.
fn next_changeable(bytes: &[u8], mut at: usize) -> usize {
    loop {
        let Some(offset) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| OPENS_CHANGEABLE[usize::from(b)]))
        else {
            return bytes.len();
        };
        at += offset;
        if bytes.get(at..).and_then(plain_char_len).is_none() {
            return at;
        }
        at += 1;
    }
}

/// The bytes that a character [`normalize_at`] may change opens with.
static OPENS_CHANGEABLE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'\r' as usize] = true;
    table[b'&' as usize] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// The length of the character that opens `bytes` (a character boundary of a
/// `str`) if normalization keeps it as it is; `None` for the characters that
/// [`normalize_at`] may change (`\r`, `&`, NBSP, U+200B, U+3000, and every
/// character whose UTF-8 opens with `0xEF`: full-width forms, BOM) and at the end.
fn plain_char_len(bytes: &[u8]) -> Option<usize> {
    let &first = bytes.first()?;
    match first {
        b'\r' | b'&' => None,
        0x00..=0x7F => Some(1),
        0xC2 if bytes.get(1) == Some(&0xA0) => None,
        0xC0..=0xDF => Some(2),
        0xE2 if bytes.get(1..3) == Some(&[0x80, 0x8B]) => None,
        0xE3 if bytes.get(1..3) == Some(&[0x80, 0x80]) => None,
        0xEF => None,
        0xE0..=0xEF => Some(3),
        _ => Some(4),
    }
}

/// The code point of the character that starts at byte `at` of `bytes`
/// (valid UTF-8, `at` a character boundary) and its width in bytes; `None` at
/// the end. For the loops that pass over every character of a text looking
/// for a few: `char_indices` checks more than such a loop needs.
#[inline(always)]
pub(crate) fn decode_at(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let lead = *bytes.get(at)?;
    let next = |i: usize| bytes.get(at + i).map_or(0, |b| u32::from(b & 0x3F));
    Some(if lead < 0x80 {
        (u32::from(lead), 1)
    } else if lead < 0xE0 {
        ((u32::from(lead & 0x1F) << 6) | next(1), 2)
    } else if lead < 0xF0 {
        ((u32::from(lead & 0x0F) << 12) | (next(1) << 6) | next(2), 3)
    } else {
        (
            (u32::from(lead & 0x07) << 18) | (next(1) << 12) | (next(2) << 6) | next(3),
            4,
        )
    })
}

/// The first character at or after byte `at` of `bytes` (a `str`'s, `at` a
/// character boundary) that is in `plane` (a bit per character of the Basic
/// Multilingual Plane) or, beyond it, for which `beyond` holds: where it
/// starts and its width. For the loops that look for a few characters in a
/// whole text.
#[inline(always)]
pub(crate) fn next_char_in(
    plane: &[u64; 1024],
    beyond: impl Fn(u32) -> bool,
    bytes: &[u8],
    mut at: usize,
) -> Option<(usize, usize)> {
    while let Some(&lead) = bytes.get(at) {
        // Most characters take three bytes: the lead and the second byte
        // give the character's word of `plane`, the third its bit, with no
        // code point to assemble.
        if lead & 0xF0 == 0xE0 {
            let (word, bit) = plane_word_and_bit(bytes, at);
            if plane.get(word).is_some_and(|bits| bits & (1 << bit) != 0) {
                return Some((at, 3));
            }
            at += 3;
            continue;
        }
        let (code, width) = decode_at(bytes, at)?;
        let found = match plane.get(code as usize / 64) {
            Some(bits) => bits & (1 << (code % 64)) != 0,
            None => beyond(code),
        };
        if found {
            return Some((at, width));
        }
        at += width;
    }
    None
}

/// For the three-byte character at byte `at` of `bytes` (a `str`'s), its
/// word (`code / 64`, below 1024) and bit (`code % 64`) in a bitmap of the
/// Basic Multilingual Plane, read from its bytes with no code point to
/// assemble: the lead and second byte give the word, the third the bit.
#[inline(always)]
pub(crate) fn plane_word_and_bit(bytes: &[u8], at: usize) -> (usize, usize) {
    let lead = bytes.get(at).copied().unwrap_or(0);
    let (second, third) = match bytes.get(at + 1..at + 3) {
        Some(&[second, third]) => (second, third),
        _ => (0, 0),
    };
    let word = (usize::from(lead & 0x0F) << 6) | usize::from(second & 0x3F);
    (word, usize::from(third & 0x3F))
}

fn is_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

/// The number of characters that start in `bytes` (its bytes that are not
/// UTF-8 continuation bytes). Written so that the compiler counts many bytes
/// per step (it did better than a hand-written eight-bytes-a-time count).
fn count_chars(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from(!is_continuation(b)))
        .sum()
}

/// `s` cut to at most `max` bytes, at a character boundary.
fn truncate_at_char(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_become_half_width() {
        let text = Text::new("亮点一：香港中文大学（深圳）１２％");
        assert_eq!(text.as_str(), "亮点一:香港中文大学(深圳)12%");
    }

    #[test]
    fn mention_maps_back_to_original_text_and_characters() {
        let original = "\u{3000}\u{3000}龙岗区（深圳）&amp;港中大\r\n第二行";
        let text = Text::new(original);
        assert_eq!(text.as_str(), "  龙岗区(深圳)&港中大\n第二行");
        let at = text.as_str().find("(深圳)").unwrap();
        let m = text.mention(at..at + "(深圳)".len());
        assert_eq!(m.text, "（深圳）");
        assert_eq!((m.start, m.end), (5, 9));
        assert_eq!(&original[m.byte_start..m.byte_end], m.text);
        let amp = text.as_str().find('&').unwrap();
        assert_eq!(text.mention(amp..amp + 1).text, "&amp;");
        let line2 = text.as_str().find("第二行").unwrap();
        let m = text.mention(line2..text.as_str().len());
        assert_eq!(m.text, "第二行");
        assert_eq!(m.start, original.chars().count() - 3);
    }

    /// [`Text::new`] one character at a time, as it was before runs were copied whole.
    fn normalize_by_characters(original: &str) -> (String, Vec<u32>) {
        let mut normalized = String::new();
        let mut origin = Vec::new();
        let mut rest = original;
        while let Some(c) = rest.chars().next() {
            let at = original.len() - rest.len();
            let (replacement, consumed) = normalize_at(rest, c);
            if let Some(r) = replacement {
                normalized.push(r);
                origin.resize(normalized.len(), at as u32);
            }
            rest = &rest[consumed..];
        }
        origin.push(original.len() as u32);
        (normalized, origin)
    }

    /// The text, its map back and its inverse are those of [`normalize_by_characters`].
    fn same_as_by_characters(original: &str) {
        let text = Text::new(original);
        let (normalized, origin) = normalize_by_characters(original);
        assert_eq!(text.as_str(), normalized, "{original:?}");
        for (i, &o) in origin.iter().enumerate() {
            assert_eq!(text.origin_of(i), o as usize, "{original:?} at {i}");
        }
        for x in 0..=original.len() + 1 {
            let dense = origin
                .partition_point(|&o| (o as usize) < x)
                .min(normalized.len());
            assert_eq!(text.first_from(x), dense, "{original:?} from {x}");
        }
        for (chars, (byte, _)) in original.char_indices().enumerate() {
            assert_eq!(text.char_offset(byte), chars);
        }
    }

    proptest::proptest! {
        /// Any mix of characters that normalization keeps, changes or drops.
        #[test]
        fn the_map_back_is_the_one_built_character_by_character(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "中", "a", "\r", "\n", "&", "&amp;", "&#65306;", "&#x4e2d;", "&nbsp", "\u{a0}",
                    "\u{3000}", "\u{feff}", "\u{200b}", "：", "１", "￥", "\u{ff5f}", "é", "😀",
                    "—", "、", "。", "\u{fffd}", "&#12288;",
                ]),
                0..24,
            ),
        ) {
            same_as_by_characters(&pieces.concat());
        }
    }

    #[test]
    fn copying_runs_whole_normalizes_as_characters_do() {
        let pieces = [
            "中", "a", "\r", "\n", "&", "&amp;", "&#65306;", "&nbsp", "\u{a0}", "\u{3000}",
            "\u{feff}", "\u{200b}", "\u{200c}", "：", "１", "￥", "\u{ff5f}", "é", "😀", "—",
            "\u{2f00}", "\u{e000}",
        ];
        for original in crate::testing::concatenations(&pieces, 7, 2000, 12) {
            same_as_by_characters(&original);
        }
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(Text::new("a\r\nb\rc").as_str(), "a\nb\nc");
    }

    #[test]
    fn unknown_or_unterminated_entities_stay() {
        assert_eq!(
            Text::new("&foo; &amp &#0; &#x41;").as_str(),
            "&foo; &amp &#0; A"
        );
    }

    #[test]
    fn numeric_entities_are_normalized_too() {
        assert_eq!(Text::new("&#65306;&#12288;").as_str(), ": ");
    }

    #[test]
    fn normalized_range_inverts_original_range() {
        let text = Text::new("（一）总体要求：&lt;略&gt;");
        let s = text.as_str();
        let at = s.find("总体").unwrap();
        let range = at..at + "总体要求".len();
        let original = text.original_range(range.clone());
        assert_eq!(text.normalized_range(original), range);
    }

    #[test]
    fn char_offsets_cross_checkpoints() {
        let original = "中".repeat(100) + "a" + &"文".repeat(100);
        let text = Text::new(&original);
        for (chars, (byte, _)) in original.char_indices().enumerate() {
            assert_eq!(text.char_offset(byte), chars);
        }
        assert_eq!(text.char_offset(original.len()), 201);
    }

    proptest::proptest! {
        /// Decoding reads each character as `char_indices` does.
        #[test]
        fn characters_are_decoded_as_char_indices_does(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["中", "a", "\u{7f}", "\u{80}", "é", "😀", "\u{10ffff}", "\u{7ff}", "\u{800}", "\u{ffff}"]),
                0..40,
            ),
        ) {
            let text = pieces.concat();
            let mut at = 0;
            for (i, c) in text.char_indices() {
                proptest::prop_assert_eq!(at, i);
                proptest::prop_assert_eq!(decode_at(text.as_bytes(), at), Some((c as u32, c.len_utf8())));
                at += c.len_utf8();
            }
            proptest::prop_assert_eq!(decode_at(text.as_bytes(), at), None);
        }
    }

    proptest::proptest! {
        /// The search finds what a search over `char_indices` finds.
        #[test]
        fn characters_are_found_as_char_indices_finds_them(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["中", "一", "a", "7", "\u{7f}", "é", "😀", "🙂", "\u{800}", "\u{ffff}", "。"]),
                0..40,
            ),
            from in 0_usize..200,
        ) {
            let text = pieces.concat();
            let wanted = ['一', '7', '🙂', '\u{ffff}', 'é'];
            let mut plane = [0_u64; 1024];
            for c in wanted {
                if let Some(word) = plane.get_mut(c as usize / 64) {
                    *word |= 1 << (c as usize % 64);
                }
            }
            let beyond = |code: u32| code == '🙂' as u32;
            let from = text.char_indices().map(|(i, _)| i).find(|&i| i >= from).unwrap_or(text.len());
            let naive = text[from..]
                .char_indices()
                .find(|&(_, c)| wanted.contains(&c))
                .map(|(i, c)| (from + i, c.len_utf8()));
            proptest::prop_assert_eq!(next_char_in(&plane, beyond, text.as_bytes(), from), naive);
        }
    }

    proptest::proptest! {
        /// Counting counts what `chars` does, from any
        /// byte (a mention's end counts on from its start) to any byte.
        #[test]
        fn characters_are_counted_as_chars_counts_them(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["中", "a", "\n", "é", "😀", "—", "\u{7ff}", "\u{800}", "\u{ffff}"]),
                0..200,
            ),
            cut in 0_usize..1000,
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(count_chars(text.as_bytes()), text.chars().count());
            let from = cut.min(text.len());
            let tail = &text.as_bytes()[from..];
            let naive = tail.iter().filter(|&&b| !is_continuation(b)).count();
            proptest::prop_assert_eq!(count_chars(tail), naive);
            let t = Text::new(&text);
            for (chars, (byte, c)) in text.char_indices().enumerate() {
                proptest::prop_assert_eq!(t.char_offset(byte), chars);
                let m = t.mention(t.normalized_range(byte..byte + c.len_utf8()));
                proptest::prop_assert_eq!((m.start, m.end), (chars, chars + 1));
            }
        }
    }

    #[test]
    fn char_offset_at_the_end_of_a_whole_number_of_blocks() {
        let original = "中".repeat(64);
        let text = Text::new(&original);
        assert_eq!(original.len() % CHECKPOINT_BYTES, 0);
        assert_eq!(text.char_offset(original.len()), 64);
        assert_eq!(Text::new("").char_offset(0), 0);
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        let text = Text::new("一是加强领导；二是完善机制。\n  三是抓好落实  \n\n");
        let sentences: Vec<_> = text.sentences().map(|r| text.slice(r)).collect();
        assert_eq!(
            sentences,
            ["一是加强领导;", "二是完善机制。", "三是抓好落实"]
        );
        assert_eq!(text.paragraphs().count(), 2);
        assert_eq!(text.lines().count(), 4);
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // a reversed range is what this tests
    fn bad_ranges_give_empty_slices_not_panics() {
        let text = Text::new("中文");
        assert_eq!(text.slice(1..2), "");
        assert_eq!(text.slice(5..9), "");
        assert_eq!(text.mention(0..100).text, "中文");
        assert_eq!(text.mention(4..1).text, "");
    }
}
