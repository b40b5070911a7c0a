//! The pieces a name is read from, right to left: jieba's words by offset and the
//! role each plays before a head, places, state words, bracketed qualifiers, level
//! words, and the titles (`《…》`) whose contents name no body.

use std::cell::Cell;
use std::ops::Range;

use crate::lexicon::Lexicon;
use crate::segment::{Token, Tokens, joins};

/// Longest place name tried, in bytes (克孜勒苏柯尔克孜自治州 has 11 characters).
const MAX_PLACE_BYTES: usize = 36;
/// Longest state or region word, in bytes (中华人民共和国 has 7 characters).
const MAX_PREFIX_WORD_BYTES: usize = 21;
/// Longest bracketed qualifier, in bytes of its content (about 8 characters).
pub(super) const MAX_QUALIFIER_BYTES: usize = 24;

/// The contents of book and document titles (`《安全生产条例》`).
pub(super) fn titles(s: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    // Most texts have none (a search for a string is faster than one for a character).
    if !s.contains("《") {
        return found;
    }
    let mut from = 0;
    while let Some(open) = s[from..].find('《').map(|at| from + at + '《'.len_utf8()) {
        let line_end = s[open..].find('\n').map_or(s.len(), |at| open + at);
        match s[open..line_end].find('》') {
            Some(close) => {
                found.push(open..open + close);
                from = open + close;
            }
            None => from = open,
        }
    }
    found
}

/// Whether `range` lies within a title without being all of it: a law's name names no body,
/// but `《人民日报》` is the paper.
pub(super) fn inside_title(range: &Range<usize>, titles: &[Range<usize>]) -> bool {
    titles
        .iter()
        .any(|t| t.start < range.end && range.start < t.end && t != range)
}

/// jieba's words, looked up by byte offset (tagged where a rule looks).
///
/// jieba cuts each run of [`joins`] characters on its own and gives every other
/// character a word of its own, tagged `x` unless a user's word names it (then
/// [`Tokens::may_name_symbols`] says so). So the words outside runs are known
/// without tagging, and no listed word (all Han) reaches across a run's start:
/// looking left from a head never needs the stretch before the head's own.
pub(super) struct Words<'a, 't> {
    s: &'t str,
    tokens: &'a Tokens<'t>,
    /// Whether a character outside jieba's runs may be tagged as a dictionary word.
    names_symbols: bool,
    /// The word found last: rules ask for the same word several times in a row.
    last: Cell<Option<Token<'t>>>,
}

impl<'a, 't> Words<'a, 't> {
    /// The words of `s`, the text that `tokens` cut.
    pub(super) fn new(s: &'t str, tokens: &'a Tokens<'t>) -> Self {
        Words {
            s,
            tokens,
            names_symbols: tokens.may_name_symbols(),
            last: Cell::new(None),
        }
    }

    /// The word that contains byte `offset`.
    pub(super) fn containing(&self, offset: usize) -> Option<Token<'t>> {
        if let Some(word) = self
            .last
            .get()
            .filter(|word| word.byte_start <= offset && offset < word.byte_end)
        {
            return Some(word);
        }
        if !self.names_symbols {
            if let Some(word) = self.symbol_at(offset) {
                return Some(word);
            }
        }
        let word = self.tokens.containing(offset).copied();
        if word.is_some() {
            self.last.set(word);
        }
        word
    }

    /// The word of a character outside jieba's runs that holds byte `offset`, when
    /// one is there: the character alone, tagged `x` (jieba groups only `\r\n`).
    fn symbol_at(&self, offset: usize) -> Option<Token<'t>> {
        let start = (offset.saturating_sub(3)..=offset)
            .rev()
            .find(|&at| self.s.is_char_boundary(at))?;
        let c = self.s.get(start..)?.chars().next()?;
        let end = start + c.len_utf8();
        let own_word = !joins(c)
            && c != '\r'
            && !(c == '\n' && self.s[..start].ends_with('\r'))
            && offset < end;
        own_word.then(|| Token {
            word: &self.s[start..end],
            tag: "x",
            byte_start: start,
            byte_end: end,
        })
    }

    /// Whether a run of jieba's starts at `at` after the start of the text or a
    /// character outside runs that is known to be a word tagged `x`, other than `)`
    /// (a qualifier is read across).
    pub(super) fn opens_run(&self, at: usize) -> bool {
        at == 0
            || (!self.names_symbols
                && at < self.s.len()
                && self
                    .symbol_at(at - 1)
                    .is_some_and(|symbol| symbol.byte_end == at && symbol.word != ")"))
    }

    /// Where the words that end at or run over `p` and the ones before them start,
    /// nearest first, as far as `max_bytes` before `p`, within the run of [`joins`]
    /// characters that ends at `p` (a place or a state word is all Han).
    pub(super) fn starts_before(&self, p: usize, max_bytes: usize) -> impl Iterator<Item = usize> {
        // The run's first character within reach (`p` when none).
        let floor = self.s.get(..p).map_or(p, |before| {
            before
                .char_indices()
                .rev()
                .take_while(|&(at, c)| joins(c) && p - at <= max_bytes)
                .last()
                .map_or(p, |(at, _)| at)
        });
        // Words from the stretch before are never asked for: `before` tags lazily.
        let mut words = (floor < p).then(|| self.tokens.before(p));
        std::iter::from_fn(move || {
            let at = words.as_mut()?.next()?.byte_start;
            if at <= floor {
                words = None;
            }
            (at >= floor).then_some(at)
        })
    }

    /// Whether a word starts or ends at `offset`.
    pub(super) fn is_boundary(&self, offset: usize) -> bool {
        offset == 0
            || self
                .containing(offset)
                .is_none_or(|t| t.byte_start == offset)
    }
}

/// Characters that open no name: a particle jieba may join to an unknown name after it.
pub(super) const FUNCTION_CHARACTERS: &str = "由了在和与是对向把被从为将给跟同及或到经据";

/// Whether `word` opens with a national body, a place or a state word (公安部…, 深圳…).
pub(super) fn opens_with_anchor(word: &str, lexicon: &Lexicon) -> bool {
    word.char_indices().skip(1).any(|(at, _)| {
        let opening = &word[..at];
        lexicon.national_bodies.contains_key(opening)
            || is_place(opening, lexicon)
            || lexicon.organization_prefixes.contains(opening)
    })
}

/// Whether the word before `at` is a one-character fragment (jieba's `*g` tags).
pub(super) fn is_fragment_before(words: &Words<'_, '_>, at: usize) -> bool {
    at > 0
        && words.containing(at - 1).is_some_and(|w| {
            w.word.chars().nth(1).is_none() && w.tag.ends_with('g') && w.word.chars().all(is_han)
        })
}

/// A single level word (`市`, `区`) standing for a place, alone or after a particle
/// jieba joined to it (`到|区`), and where in `word` it is.
pub(super) fn lone_level(word: &str, lexicon: &Lexicon) -> Option<(usize, char)> {
    let mut chars = word.char_indices();
    let (_, first) = chars.next()?;
    match (chars.next(), chars.next()) {
        (None, _) if is_level(first, lexicon) => Some((0, first)),
        (Some((at, second)), None)
            if FUNCTION_CHARACTERS.contains(first) && is_level(second, lexicon) =>
        {
            Some((at, second))
        }
        _ => None,
    }
}

/// Whether `c` is a one-character place suffix (`省`, `市`, `区`, `县`, `镇`).
pub(super) fn is_level(c: char, lexicon: &Lexicon) -> bool {
    let mut buffer = [0u8; 4];
    lexicon
        .place_suffixes
        .contains(&*c.encode_utf8(&mut buffer))
}

/// Whether `word` is a place: a division of China or a place abroad.
pub(super) fn is_place(word: &str, lexicon: &Lexicon) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| lexicon.place_openings.may_contain(c))
        && word
            .chars()
            .next_back()
            .is_some_and(|c| lexicon.place_ends.may_contain(c))
        && (lexicon.places.contains(word) || lexicon.world_places.contains(word))
}

/// Where a place that ends at `p` starts: a listed division, or a word jieba tags as a place.
pub(super) fn place_ending_at(
    s: &str,
    words: &Words<'_, '_>,
    p: usize,
    lexicon: &Lexicon,
) -> Option<usize> {
    let last = s[..p].chars().next_back()?;
    if lexicon.place_ends.may_contain(last) {
        // A place starts a word (not `城|市` in `城市`): the longest one wins.
        let longest = words
            .starts_before(p, MAX_PLACE_BYTES)
            .filter(|&at| s[at..p].chars().nth(1).is_some() && is_place(&s[at..p], lexicon))
            .last();
        if longest.is_some() {
            return longest;
        }
    }
    // An unlisted place: a word jieba tags as one, with a place suffix after it if any.
    let word = words.containing(p - 1)?;
    if word.byte_end != p || lexicon.organization_non_names.contains(word.word) {
        return None;
    }
    // A place suffix alone (新区, 街道) names no place, nor does a longer word that only
    // jieba takes for one (热烈庆祝/ns); a longer one that opens with a place, ends with a
    // suffix or is spelled out from a foreign name is one (西藏地方, 俄克拉何马州).
    if word.tag == "ns" && !lexicon.place_suffixes.contains(word.word) {
        let chars = word.word.chars().count();
        let longer_place = || {
            opens_with_anchor(word.word, lexicon)
                || word
                    .word
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_level(c, lexicon))
                || word
                    .word
                    .chars()
                    .all(|c| lexicon.transliteration.contains(&c))
        };
        if (2..=3).contains(&chars) || (chars > 3 && longer_place()) {
            return Some(word.byte_start);
        }
    }
    if lexicon.place_suffixes.contains(word.word) && word.word.chars().count() >= 2 {
        // 街道, 社区 after a name: the name and the suffix are the place.
        let name = words.containing(word.byte_start.checked_sub(1)?)?;
        if matches!(name.tag, "ns" | "nr" | "nz" | "n")
            && !lexicon.organization_non_names.contains(name.word)
        {
            return Some(name.byte_start);
        }
    }
    None
}

/// Where a state or region word (`中国`, `国家`, `京津冀`) that ends at `p` starts.
pub(super) fn prefix_ending_at(
    s: &str,
    words: &Words<'_, '_>,
    p: usize,
    lexicon: &Lexicon,
) -> Option<usize> {
    // Most words end in a character no state or region word ends in.
    if !s[..p]
        .chars()
        .next_back()
        .is_some_and(|c| lexicon.organization_prefix_ends.may_contain(c))
    {
        return None;
    }
    words
        .starts_before(p, MAX_PREFIX_WORD_BYTES)
        .filter(|&at| lexicon.organization_prefixes.contains(&s[at..p]))
        .last()
}

/// Where the `(` of a qualifier that ends at `p` (`(深圳)`, `(集团)`) is.
pub(super) fn qualifier_before(s: &str, p: usize, lexicon: &Lexicon) -> Option<usize> {
    let close = p - 1;
    let from = close.saturating_sub(MAX_QUALIFIER_BYTES);
    let window = s.get(from..close).or_else(|| {
        // `from` may fall inside a character: move it forward to a boundary.
        (from..close)
            .find(|&f| s.is_char_boundary(f))
            .and_then(|f| s.get(f..close))
    })?;
    let open = window.rfind('(')?;
    let content = &window[open + 1..];
    let open = close - (window.len() - open);
    is_qualifier(content, lexicon).then_some(open)
}

/// Bytes of a qualifier right after a head (`(深圳)` after `大学`, `(教育集团)` after `学校`).
pub(super) fn trailing_qualifier(rest: &str, lexicon: &Lexicon) -> usize {
    let Some(inner) = rest.strip_prefix('(') else {
        return 0;
    };
    let Some(close) = inner.find(')') else {
        return 0;
    };
    let content = &inner[..close];
    if close <= MAX_QUALIFIER_BYTES && is_qualifier(content, lexicon) {
        close + 2
    } else {
        0
    }
}

/// Whether bracketed `content` qualifies a name: a place, or a body type (`集团`).
pub(super) fn is_qualifier(content: &str, lexicon: &Lexicon) -> bool {
    if content.is_empty() || !content.chars().all(is_han) {
        return false;
    }
    is_place(content, lexicon)
        || lexicon.organization_prefixes.contains(content)
        || content
            .char_indices()
            .any(|(at, _)| lexicon.organization_heads.contains_key(&content[at..]))
}

/// The key for a filter of 4096 bits (`c % 4096`) of the character that starts at byte
/// `at` of `bytes` (a string's), and its length, read from its bytes: such filters
/// skip most characters of a text, and building a `char` for each cost more than
/// testing it.
#[inline(always)]
pub(super) fn key_at(bytes: &[u8], at: usize) -> (usize, usize) {
    crate::text::decode_at(bytes, at).map_or((0, 1), |(code, width)| (code as usize % 4096, width))
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Longest head or national name looked for before a body's party group, in characters.
const MAX_HEAD_CHARS: usize = 8;

/// Whether `word`, tagged a name by jieba, reads as a person's: three characters after a
/// surname (石公华|县委 is a person and the county committee).
pub(super) fn is_person_name(word: &str, tag: &str, lexicon: &Lexicon) -> bool {
    let mut chars = word.char_indices();
    matches!(tag, "nr" | "nrfg")
        && word.chars().count() == 3
        && chars
            .nth(1)
            .is_some_and(|(at, _)| lexicon.surnames.contains(&word[..at]))
}

/// Whether `word` ends in a head of two characters or more (`甲等医院`).
pub(super) fn ends_with_head(word: &str, lexicon: &Lexicon) -> bool {
    word.char_indices()
        .take_while(|&(at, _)| word[at..].chars().nth(1).is_some())
        .any(|(at, _)| lexicon.organization_heads.contains_key(&word[at..]))
}

/// Whether a head or national name ends at `at` (北京大学|党委, in one word of jieba's).
pub(super) fn follows_a_head(s: &str, at: usize, lexicon: &Lexicon) -> bool {
    s[..at]
        .char_indices()
        .rev()
        .take(MAX_HEAD_CHARS)
        .any(|(from, _)| {
            let word = &s[from..at];
            lexicon.organization_heads.contains_key(word)
                || lexicon.national_bodies.contains_key(word)
        })
}

/// What a word before a head does in the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Opens a name: a proper name.
    Anchor,
    /// May stand inside a name.
    Modifier,
    /// `和` between two modifiers (`发展和改革委员会`).
    Joiner,
    /// `驻`: a body stationed by the one before it (`…驻交通运输部纪检监察组`).
    Stationed,
    /// Ends the name.
    Stop,
}

/// The role of `word` (tagged `tag` by jieba) before a head.
pub(super) fn role(word: &str, tag: &str, company: bool, lexicon: &Lexicon) -> Role {
    if lexicon.organization_non_names.contains(word) {
        return Role::Stop;
    }
    match word {
        "和" => return Role::Joiner,
        "驻" => return Role::Stationed,
        _ => {}
    }
    // An office ends a name: what comes before it is a title's (…主席|丁某|代表…).
    if lexicon.organization_offices.contains(word) {
        return Role::Stop;
    }
    if lexicon.organization_verbs.contains(word) || lexicon.organization_fields.contains(word) {
        return Role::Modifier;
    }
    let chars = word.chars().count();
    match tag {
        "nt" | "nz" | "j" | "nrt" if chars >= 2 => Role::Anchor,
        // Latin names (`CAPCOM`, `TCL`), not `vs`.
        "eng" if word.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()) => {
            Role::Anchor
        }
        "ns" if chars >= 2 => Role::Anchor,
        // jieba's unknown names: a company's own name; inside others (北京海淀|长青|医院).
        "nr" | "nrfg" if company => Role::Anchor,
        "nr" | "nrfg" => Role::Modifier,
        "n" | "vn" | "an" | "b" | "l" | "ng" | "nz" | "s" => Role::Modifier,
        "m" if word.starts_with('第') => Role::Modifier,
        _ => Role::Stop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEXICON;
    use crate::segment::Segmenter;
    use crate::text::Text;

    #[test]
    fn keys_read_from_bytes_are_the_characters_keys() {
        let all: String = (0..=0x10_FFFF).filter_map(char::from_u32).collect();
        for text in ["", "a", "深圳", "深圳大学(2024)é—😀a", all.as_str()] {
            let mut keys = Vec::new();
            let mut at = 0;
            while at < text.len() {
                let (key, width) = key_at(text.as_bytes(), at);
                keys.push((at, key));
                at += width;
            }
            let expected: Vec<(usize, usize)> = text
                .char_indices()
                .map(|(at, c)| (at, c as usize % 4096))
                .collect();
            assert_eq!(keys, expected);
        }
    }

    #[test]
    fn titles_are_found_per_line() {
        let s = "依据《条例》和《办法\n第二》";
        let found = titles(s);
        assert_eq!(found.len(), 1);
        assert_eq!(&s[found[0].clone()], "条例");
    }

    #[test]
    fn qualifiers_are_places_or_body_types() {
        assert!(is_qualifier("深圳", &LEXICON));
        assert!(is_qualifier("集团", &LEXICON));
        assert!(!is_qualifier("试行", &LEXICON));
        assert!(!is_qualifier("", &LEXICON));
        assert_eq!(trailing_qualifier("(深圳)签约", &LEXICON), "(深圳)".len());
        assert_eq!(trailing_qualifier("(深圳签约", &LEXICON), 0);
    }

    /// Words outside jieba's runs, known without tagging, are the words tagging gives,
    /// and the starts before a point are tagging's as far as the run goes.
    #[test]
    fn words_outside_runs_are_known_without_tagging() {
        let inputs = [
            "龙岗区人民政府（深圳）签约，市政府\n\n“港中大”发布  《条例》：第2版—",
            "\u{1F600}东海理工大学·化学系;;(2024)AB公司 区委",
            "，。",
            "",
        ];
        for input in inputs {
            let text = Text::new(input);
            let s = text.as_str();
            let whole = Segmenter::Shared.tag(&text);
            let tokens = Segmenter::Shared.tokens(&text);
            let words = Words::new(s, &tokens);
            for offset in 0..=s.len() {
                let expected = whole
                    .iter()
                    .find(|t| t.byte_start <= offset && offset < t.byte_end);
                assert_eq!(
                    words.containing(offset).as_ref(),
                    expected,
                    "{s:?} at {offset}"
                );
                if !s.is_char_boundary(offset) {
                    continue;
                }
                let run_start = s[..offset]
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| joins(c))
                    .last()
                    .map_or(offset, |(at, _)| at);
                let expected: Vec<usize> = whole
                    .iter()
                    .rev()
                    .filter(|t| t.byte_start < offset)
                    .map(|t| t.byte_start)
                    .take_while(|&at| offset - at <= 12 && at >= run_start)
                    .collect();
                let found: Vec<usize> = words.starts_before(offset, 12).collect();
                assert_eq!(found, expected, "{s:?} before {offset}");
            }
        }
    }

    #[test]
    fn runs_open_after_punctuation_but_not_after_a_qualifier() {
        let text = Text::new("医院，大学(深圳)医院");
        let s = text.as_str();
        let tokens = Segmenter::Shared.tokens(&text);
        let words = Words::new(s, &tokens);
        let at = |piece: &str| s.find(piece).unwrap_or(0);
        assert!(words.opens_run(0));
        assert!(words.opens_run(at("大学")));
        assert!(!words.opens_run(at("院")));
        assert!(!words.opens_run(s.rfind("医院").unwrap_or(0)));
        assert!(words.opens_run(at("深圳")));
    }

    #[test]
    fn level_words_stand_alone_or_after_a_particle() {
        assert_eq!(lone_level("市", &LEXICON), Some((0, '市')));
        assert_eq!(lone_level("到区", &LEXICON), Some(("到".len(), '区')));
        assert_eq!(lone_level("城市", &LEXICON), None);
    }
}
