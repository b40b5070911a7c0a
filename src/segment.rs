//! Word segmentation and part-of-speech tags: the only file that uses jieba-rs.
//!
//! One dictionary is built per process, lazily, and shared by every
//! [`Extractor`](crate::Extractor): jieba's default dictionary plus a small
//! domain dictionary of generic words (office titles, organization-type heads)
//! from `src/data/segment.txt`, so that `区委书记` or `人民政府` stay whole.
//!
//! jieba's word boundaries ignore dates and numbers (`3月5日电` → `3|月|5|日电`),
//! so only organizations and people use tokens; the other stages match characters.

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
    Custom(Arc<Jieba>),
}

impl Segmenter {
    /// The shared dictionary extended with `words` (same format as `src/data/segment.txt`).
    pub(crate) fn with_words(words: &str, source: &str) -> Result<Self, Error> {
        let mut jieba = SHARED.clone();
        add_words(&mut jieba, words, source)?;
        Ok(Segmenter::Custom(Arc::new(jieba)))
    }

    fn jieba(&self) -> &Jieba {
        match self {
            Segmenter::Shared => &SHARED,
            Segmenter::Custom(jieba) => jieba,
        }
    }

    /// Builds the shared dictionary now rather than on first use.
    pub(crate) fn warm_up(&self) {
        let _ = self.jieba();
    }

    /// Segments and tags the whole normalized text (HMM on for unknown words such as names).
    pub(crate) fn tag<'t>(&'t self, text: &'t Text<'_>) -> Vec<Token<'t>> {
        self.jieba()
            .tag(text.as_str(), true)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                tag: t.tag,
                byte_start: t.byte_start,
                byte_end: t.byte_end,
            })
            .collect()
    }
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Segmenter::Shared => "Segmenter::Shared",
            Segmenter::Custom(_) => "Segmenter::Custom",
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
    fn tokens_carry_normalized_offsets() {
        let text = Text::new("龙岗区人民政府（深圳）签约");
        let tokens = Segmenter::Shared.tag(&text);
        for t in &tokens {
            assert_eq!(&text.as_str()[t.byte_start..t.byte_end], t.word);
        }
        assert!(tokens.iter().any(|t| t.word == "人民政府"));
    }
}
