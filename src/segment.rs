//! Word segmentation and part-of-speech tags: the only file that uses jieba-rs.
//!
//! One dictionary is built per process, lazily, and shared by every
//! [`Extractor`](crate::Extractor): jieba's default dictionary plus a small
//! domain dictionary of generic words (office titles, organization-type heads)
//! from `src/data/segment.txt`, so that `区委书记` or `人民政府` stay whole.
//!
//! jieba's word boundaries ignore dates and numbers (`3月5日电` → `3|月|5|日电`),
//! so only organizations and people use tokens; the other stages match characters.
//!
//! Tagging is the costliest step of an extraction, and most of a text holds no
//! organization: [`Tokens`] tags a stretch of text only when a rule asks for a
//! word in it. jieba cuts each maximal run of [`joins`] characters on its own
//! (punctuation, spaces and other symbols split runs), so a run tagged alone gives
//! the words that tagging the whole text gives there.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use jieba_rs::Jieba;
use once_cell::sync::Lazy;

use crate::Error;
use crate::text::Text;

/// Generic domain words, one per line: `word [frequency] [tag]`.
const DOMAIN_WORDS: &str = include_str!("data/segment.txt");

/// The shared dictionary: jieba's default one plus the domain words.
static SHARED: Lazy<Jieba> = Lazy::new(|| {
    let mut jieba = Jieba::new();
    // The embedded list is checked by a test; a bad line cannot reach users.
    let _ = add_words(&mut jieba, DOMAIN_WORDS, "src/data/segment.txt");
    jieba
});

/// A word of the normalized text with its jieba part-of-speech tag (`nr`, `nt`, `ns`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'t> {
    /// The word, a slice of the normalized text.
    pub word: &'t str,
    /// jieba's part-of-speech tag.
    pub tag: &'t str,
    /// Byte offset of the word in the normalized text.
    pub byte_start: usize,
    /// Byte offset one past the word.
    pub byte_end: usize,
}

/// A jieba dictionary: the shared one, or the shared one plus a user's words.
#[derive(Clone)]
pub(crate) enum Segmenter {
    /// The process-wide dictionary.
    Shared,
    /// A copy of it with the user's own words.
    Custom {
        /// The dictionary.
        jieba: Arc<Jieba>,
        /// Whether a user's word holds a character outside jieba's runs (`·`): such a
        /// word alone may get a name's tag where the default dictionary tags `x`.
        symbols: bool,
    },
}

impl Segmenter {
    /// The shared dictionary extended with `words` (same format as `src/data/segment.txt`).
    pub(crate) fn with_words(words: &str, source: &str) -> Result<Self, Error> {
        let mut jieba = SHARED.clone();
        add_words(&mut jieba, words, source)?;
        let symbols = words.lines().any(|line| {
            let line = line.trim();
            !line.starts_with('#')
                && line
                    .split_whitespace()
                    .next()
                    .is_some_and(|word| !word.chars().all(joins))
        });
        Ok(Segmenter::Custom {
            jieba: Arc::new(jieba),
            symbols,
        })
    }

    /// Whether a character outside jieba's runs may be tagged as a word of the
    /// dictionary (the default one has none: they are all `x`).
    fn names_symbols(&self) -> bool {
        matches!(self, Segmenter::Custom { symbols: true, .. })
    }

    fn jieba(&self) -> &Jieba {
        match self {
            Segmenter::Shared => &SHARED,
            Segmenter::Custom { jieba, .. } => jieba,
        }
    }

    /// Builds the shared dictionary now rather than on first use.
    pub(crate) fn warm_up(&self) {
        let _ = self.jieba();
    }

    /// Segments and tags the whole normalized text (HMM on for unknown words such as names).
    #[cfg(test)]
    pub(crate) fn tag<'t>(&'t self, text: &'t Text<'_>) -> Vec<Token<'t>> {
        let mut tokens = Vec::new();
        self.tag_into(text.as_str(), 0, &mut tokens);
        tokens
    }

    /// The words of the normalized text, tagged on demand.
    pub(crate) fn tokens<'t>(&'t self, text: &'t Text<'_>) -> Tokens<'t> {
        Tokens::new(text.as_str(), self)
    }

    /// Tags `s`, which starts at byte `offset` of the text, onto `out`.
    fn tag_into<'t>(&'t self, s: &'t str, offset: usize, out: &mut Vec<Token<'t>>) {
        out.extend(self.jieba().tag(s, true).into_iter().map(|t| Token {
            word: t.word,
            tag: t.tag,
            byte_start: offset + t.byte_start,
            byte_end: offset + t.byte_end,
        }));
    }
}

/// Whether jieba keeps `c` in a run it segments as a whole: Han characters, ASCII
/// letters and digits, and `+#&._%-` (jieba-rs's `is_han_default`).
pub(crate) fn joins(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
    } else {
        matches!(c,
            '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2B73F}'
            | '\u{2B740}'..='\u{2B81F}'
            | '\u{2B820}'..='\u{2CEAF}'
            | '\u{2CEB0}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}')
    }
}

/// A stretch jieba segments on its own: a run of [`joins`] characters and the
/// other characters after it, with its words once tagged.
struct Stretch<'t> {
    start: usize,
    end: usize,
    words: OnceCell<Vec<Token<'t>>>,
}

/// The words of a text with their tags, tagged a stretch at a time when a rule asks
/// for one there: the same words as tagging the whole text, for a fraction of the cost
/// when rules look at a fraction of the text.
pub(crate) struct Tokens<'t> {
    text: &'t str,
    segmenter: &'t Segmenter,
    stretches: Vec<Stretch<'t>>,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str, segmenter: &'t Segmenter) -> Self {
        let mut stretches = Vec::with_capacity(text.len() / 32 + 1);
        let mut start = 0;
        let mut joined = false;
        let mut at = 0;
        // Byte by byte rather than char by char: a character below U+10000 is
        // told by its first two bytes ([`joins`] in UTF-8).
        let bytes = text.as_bytes();
        while let Some(&lead) = bytes.get(at) {
            // Inside a run, most characters are U+5000..=U+9FFF: step over them.
            if joined && (0xE5..=0xE9).contains(&lead) {
                at += 3;
                continue;
            }
            let second = bytes.get(at + 1).copied().unwrap_or(0);
            let (joins, width) = match lead {
                0x00..=0x7F => (joins(char::from(lead)), 1),
                // U+0080..=U+07FF: none.
                0xC0..=0xDF => (false, 2),
                // U+3000..=U+3FFF: from U+3400 on.
                0xE3 => (second >= 0x90, 3),
                // U+4000..=U+4FFF: all but U+4DC0..=U+4DFF.
                0xE4 => (second != 0xB7, 3),
                // U+5000..=U+9FFF: all.
                0xE5..=0xE9 => (true, 3),
                // U+F000..=U+FFFF: U+F900..=U+FAFF.
                0xEF => ((0xA4..=0xAB).contains(&second), 3),
                // The rest of U+0800..=U+FFFF: none.
                0xE0..=0xEE => (false, 3),
                _ => text
                    .get(at..)
                    .and_then(|rest| rest.chars().next())
                    .map_or((false, 1), |c| (joins(c), c.len_utf8())),
            };
            // A run opens a new stretch (the text's first one may open with others).
            if joins && !joined && at > 0 {
                stretches.push(Stretch {
                    start,
                    end: at,
                    words: OnceCell::new(),
                });
                start = at;
            }
            joined = joins;
            at += width;
        }
        if start < text.len() {
            stretches.push(Stretch {
                start,
                end: text.len(),
                words: OnceCell::new(),
            });
        }
        Tokens {
            text,
            segmenter,
            stretches,
        }
    }

    /// Whether words outside jieba's runs may carry a dictionary tag (user words such
    /// as `·`): then a run of names may reach across punctuation.
    pub(crate) fn may_name_symbols(&self) -> bool {
        self.segmenter.names_symbols()
    }

    /// How many stretches the text has.
    pub(crate) fn stretch_count(&self) -> usize {
        self.stretches.len()
    }

    /// The byte range of stretch `index`.
    pub(crate) fn stretch_range(&self, index: usize) -> Range<usize> {
        self.stretches
            .get(index)
            .map_or(0..0, |stretch| stretch.start..stretch.end)
    }

    /// The words of stretch `index`, tagged now if not yet.
    pub(crate) fn stretch_words(&self, index: usize) -> &[Token<'t>] {
        let Some(stretch) = self.stretches.get(index) else {
            return &[];
        };
        stretch.words.get_or_init(|| {
            let mut words = Vec::new();
            if let Some(s) = self.text.get(stretch.start..stretch.end) {
                self.segmenter.tag_into(s, stretch.start, &mut words);
            }
            words
        })
    }

    /// The index of the stretch that holds byte `offset`.
    fn stretch_at(&self, offset: usize) -> Option<usize> {
        let at = self.stretches.partition_point(|s| s.end <= offset);
        (at < self.stretches.len()).then_some(at)
    }

    /// The word that contains byte `offset`.
    pub(crate) fn containing(&self, offset: usize) -> Option<&Token<'t>> {
        let words = self.stretch_words(self.stretch_at(offset)?);
        let at = words.partition_point(|t| t.byte_end <= offset);
        words.get(at).filter(|t| t.byte_start <= offset)
    }

    /// The words that end at or run over `p` and the ones before them, nearest first.
    pub(crate) fn before(&self, p: usize) -> impl Iterator<Item = &Token<'t>> {
        let mut stretch = p.checked_sub(1).and_then(|last| self.stretch_at(last));
        let mut words: &[Token<'t>] = match stretch {
            Some(index) => {
                let words = self.stretch_words(index);
                &words[..words.partition_point(|t| t.byte_start < p)]
            }
            None => &[],
        };
        std::iter::from_fn(move || {
            loop {
                if let Some((last, rest)) = words.split_last() {
                    words = rest;
                    return Some(last);
                }
                let index = stretch?.checked_sub(1)?;
                stretch = Some(index);
                words = self.stretch_words(index);
            }
        })
    }

    /// Every word of the text, in order (tags what is not tagged yet).
    pub(crate) fn all(&self) -> Vec<Token<'t>> {
        let mut out = Vec::with_capacity(self.text.len() / 4);
        let mut untagged_from: Option<usize> = None;
        for stretch in &self.stretches {
            match stretch.words.get() {
                Some(words) => {
                    if let Some(from) = untagged_from.take() {
                        self.tag_span(from..stretch.start, &mut out);
                    }
                    out.extend_from_slice(words);
                }
                None => {
                    untagged_from.get_or_insert(stretch.start);
                }
            }
        }
        if let Some(from) = untagged_from {
            self.tag_span(from..self.text.len(), &mut out);
        }
        out
    }

    /// Tags the stretches in `range` with one call to jieba.
    fn tag_span(&self, range: Range<usize>, out: &mut Vec<Token<'t>>) {
        if let Some(s) = self.text.get(range.clone()) {
            self.segmenter.tag_into(s, range.start, out);
        }
    }
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Segmenter::Shared => "Segmenter::Shared",
            Segmenter::Custom { .. } => "Segmenter::Custom",
        })
    }
}

/// Adds `word [frequency] [tag]` lines; blank lines and `#` comments are skipped.
fn add_words(jieba: &mut Jieba, lines: &str, source: &str) -> Result<(), Error> {
    for (i, line) in lines.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split_whitespace();
        let word = fields.next().unwrap_or_default();
        let bad = |message: &str| Error::Lexicon {
            source: source.to_string(),
            line: i + 1,
            message: message.to_string(),
        };
        let freq = match fields.next() {
            None => None,
            Some(f) => Some(
                f.parse::<usize>()
                    .map_err(|_| bad("frequency must be a whole number"))?,
            ),
        };
        let tag = fields.next();
        if fields.next().is_some() {
            return Err(bad("expected `word [frequency] [tag]`"));
        }
        jieba.add_word(word, freq, tag);
    }
    Ok(())
}

/// The part-of-speech tag and frequency that jieba's shared dictionary gives
/// `word`, when it holds that word.
///
/// The people stage asks this of a few candidate names only (`降雨` is a
/// noun, `应邀` a verb): words that a user adds are not consulted.
pub(crate) fn dictionary_entry(word: &str) -> Option<(&str, usize)> {
    if !SHARED.has_word(word) {
        return None;
    }
    let tags = SHARED.tag(word, false);
    match tags.as_slice() {
        [one] if one.word == word => Some((one.tag, SHARED.suggest_freq(word))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_words_parse() {
        let mut jieba = Jieba::empty();
        add_words(&mut jieba, DOMAIN_WORDS, "segment.txt").unwrap();
    }

    #[test]
    fn bad_user_word_line_names_its_line() {
        let err = Segmenter::with_words("龙岗 5 ns\n\n坏 x\n", "user.txt").unwrap_err();
        assert_eq!(
            err.to_string(),
            "user.txt:3: frequency must be a whole number"
        );
    }

    #[test]
    fn user_words_of_symbols_are_noted() {
        assert!(!Segmenter::Shared.names_symbols());
        assert!(
            !Segmenter::with_words("龙岗 5 ns\n", "a")
                .unwrap()
                .names_symbols()
        );
        assert!(
            Segmenter::with_words("· 5 nz\n", "b")
                .unwrap()
                .names_symbols()
        );
    }

    #[test]
    fn tokens_carry_normalized_offsets() {
        let text = Text::new("龙岗区人民政府（深圳）签约");
        let tokens = Segmenter::Shared.tag(&text);
        for t in &tokens {
            assert_eq!(&text.as_str()[t.byte_start..t.byte_end], t.word);
        }
        assert!(tokens.iter().any(|t| t.word == "人民政府"));
    }

    /// The words of `input` from [`Tokens`], looked up every way the rules do, against
    /// tagging the whole text at once.
    fn assert_same_words(input: &str) {
        let text = Text::new(input);
        let whole = Segmenter::Shared.tag(&text);
        let s = text.as_str();
        let lazy = Segmenter::Shared.tokens(&text);
        for offset in 0..=s.len() {
            let expected = whole
                .iter()
                .find(|t| t.byte_start <= offset && offset < t.byte_end);
            assert_eq!(lazy.containing(offset), expected, "{input:?} at {offset}");
            let before: Vec<_> = lazy.before(offset).copied().collect();
            let mut expected: Vec<_> = whole
                .iter()
                .filter(|t| t.byte_start < offset)
                .copied()
                .collect();
            expected.reverse();
            assert_eq!(before, expected, "{input:?} before {offset}");
        }
        let mut covered = 0;
        for stretch in 0..lazy.stretch_count() {
            let range = lazy.stretch_range(stretch);
            assert_eq!(range.start, covered);
            covered = range.end;
        }
        assert_eq!(covered, s.len());
        assert_eq!(lazy.all(), whole, "{input:?}");
        // All of it again, from a text tagged here and there first.
        let partly = Segmenter::Shared.tokens(&text);
        for stretch in (0..partly.stretch_count()).step_by(2) {
            partly.stretch_words(stretch);
        }
        assert_eq!(partly.all(), whole, "{input:?}");
    }

    #[test]
    fn stretches_tagged_alone_give_the_whole_text_words() {
        for input in [
            "",
            "，",
            "龙岗区人民政府（深圳）签约",
            "  据悉，深圳市发展和改革委员会印发方案。\n\n市卫健委、区政府：同意",
            "iPhone15发布会在Apple Park举行，售价5,999元；C++和C#、AT&T、3.5%的增长",
            "阿卜杜拉·买买提说：“好！”王小明（区长）表示…【新闻】",
            "中文\u{3400}\u{F900}\u{20000}字—符～结尾",
            "a",
        ] {
            assert_same_words(input);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_tags_the_same_a_stretch_at_a_time(
            input in "[龙岗区人民政府深圳大学中科院王小明表示说了的是aZ09+#&._%\\- ,，。、:：()（）·“”\n\u{3400}\u{F900}]{0,40}"
        ) {
            assert_same_words(&input);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Stretches found byte by byte start where a run of [`joins`] characters
        /// starts, as a walk over the characters finds them.
        #[test]
        fn stretches_start_where_runs_start(
            input in "[a-z0-9+#&._%\\- ,，。、·“”\n\u{80}-\u{7FF}\u{3000}-\u{3500}\u{4D00}-\u{4E10}\u{9FF0}-\u{A010}\u{F8F0}-\u{FB10}\u{1F600}\u{20000}\u{2A6DF}\u{2A6E0}\u{2EBF0}\u{2F800}龙岗区]{0,40}"
        ) {
            let segmenter = Segmenter::Shared;
            let tokens = Tokens::new(&input, &segmenter);
            let mut starts = vec![0];
            let mut joined = false;
            for (at, c) in input.char_indices() {
                if joins(c) && !joined && at > 0 {
                    starts.push(at);
                }
                joined = joins(c);
            }
            let found: Vec<usize> = (0..tokens.stretch_count())
                .map(|i| tokens.stretch_range(i).start)
                .collect();
            if input.is_empty() {
                proptest::prop_assert!(found.is_empty());
            } else {
                proptest::prop_assert_eq!(found, starts);
            }
        }
    }

    #[test]
    fn dictionary_entry_gives_tag_and_frequency() {
        let (tag, frequency) = dictionary_entry("降雨").unwrap();
        assert_eq!(tag, "n");
        assert!(frequency > 100);
        assert_eq!(dictionary_entry("李书磊"), None);
    }
}
