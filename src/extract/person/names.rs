//! Where a personal name starts and ends.
//!
//! jieba's words do not follow names: `代金|涛`, `侯|建国`, `靳伟因` (靳伟 + 因),
//! `刘国|中`. So a Chinese name is read from the characters: a surname from the
//! list (compound first), then one or two characters, ending where something
//! that may follow a name begins (punctuation, a verb of speech, a function
//! word, an office head, or a jieba word tagged as a verb or particle). When
//! both lengths could end there, the one jieba tags as a name wins, else the
//! longer. Foreign names are words of transliteration characters, joined by `·`.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use super::scan::{Chars, Scan, is_han};

/// Characters that end a place, a body or a common noun, never a personal
/// name (`沈阳市`, `县委`, `贡献率`, `安全性`).
const NOT_LAST: &[char] = &[
    '区', '市', '省', '县', '镇', '乡', '村', '州', '路', '街', '部', '局', '委', '院', '处', '厅',
    '办', '组', '团', '会', '司', '所', '站', '校', '馆', '队', '社', '署', '们', '的', '了', '这',
    '那', '个', '副', '率', '性', '化', '度', '量', '者', '费', '价', '值', '法', '制', '品', '型',
    '式', '类', '界', '感', '线', '点', '面', '场', '厂', '店', '楼', '器', '证', '税', '款', '词',
    '诗', '传', '岛', '港', '桥', '塔', '宫', '庙', '寺', '阁', '园', '氏', '卡', '球', '带', '节',
    '赛', '仪', '展', '奖', '物', '城', '墙', '饭', '土', '史', '屋', '房', '菜', '茶', '酒', '肉',
    '粉', '糖', '油', '药', '机', '车', '船', '舰', '炮', '枪', '弹', '网', '灯', '窗', '床', '桌',
    '椅', '衣', '帽', '鞋',
];

/// [`NOT_LAST`] as a set.
static NOT_LAST_CHARS: Lazy<Chars> = Lazy::new(|| Chars::of(NOT_LAST));

/// Middle dots between the parts of a foreign name (`阿卜杜拉·买买提`).
const NAME_DOTS: &[char] = &['·', '•', '・', '‧'];

/// Whether jieba's tag marks a personal name.
///
/// Matched byte by byte: asked of every word of a text, and `str` equality
/// calls `memcmp` where single bytes compare in registers.
#[inline]
pub(super) fn is_name_tag(tag: &str) -> bool {
    matches!(
        tag.as_bytes(),
        [b'n', b'r'] | [b'n', b'r', b'f', b'g'] | [b'n', b'r', b't']
    )
}

/// Whether a jieba word with this tag can follow a name (a verb, adverb,
/// preposition, conjunction, particle, numeral, pronoun or time word).
fn tag_follows_name(tag: &str) -> bool {
    match tag.as_bytes().first() {
        Some(b'v') => tag.as_bytes() != b"vn",
        Some(b'd' | b'p' | b'c' | b'u' | b'm' | b'r' | b'y' | b't') => true,
        _ => false,
    }
}

/// How sure it is that a name may end at an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    /// jieba's next word is a verb, particle or the like.
    Tag,
    /// The text ends, a non-Han character follows, or a word that follows
    /// names (`表示`, `为`, an office) starts there.
    Word,
}

/// Whether the name `range` may end where it does.
pub(super) fn ends_name(scan: &Scan<'_>, range: &Range<usize>) -> bool {
    ending(scan, range).is_some()
}

/// Whether and how surely the name `range` may end where it does.
///
/// Inside a jieba word, only where jieba glued the whole name to the word
/// after it (`韩正为`, `赵华说`) or cut off a lone surname (`韩|正在`):
/// `姚林|现在` does not end at `在`.
pub(super) fn ending(scan: &Scan<'_>, range: &Range<usize>) -> Option<Ending> {
    let end = range.end;
    let Some(next) = scan.char_at(end) else {
        return Some(Ending::Word);
    };
    if !is_han(next) {
        return (!NAME_DOTS.contains(&next)).then_some(Ending::Word);
    }
    let next_token = scan.token_starting(end);
    if next_token.is_none() {
        let glued = scan
            .token_before(end + next.len_utf8())
            .and_then(|i| scan.tokens.get(i))
            .is_some_and(|t| t.byte_start <= range.start);
        let lone_surname = scan
            .token_starting(range.start)
            .and_then(|i| scan.tokens.get(i))
            .is_some_and(|t| t.word.chars().nth(1).is_none());
        if !glued && !lone_surname {
            return None;
        }
    }
    let lists = scan.lists;
    if scan.word_starting(end, &lists.name_followers).is_some()
        || scan.word_starting(end, &lists.speech_verbs).is_some()
        || (next_token.is_some() && super::titles::office_starting(scan, end).is_some())
    {
        return Some(Ending::Word);
    }
    next_token
        .and_then(|i| scan.tokens.get(i))
        .filter(|t| tag_follows_name(t.tag))
        .map(|_| Ending::Tag)
}

/// Whether a verb of speech or attendance (or `同志`) starts at `end`.
///
/// A day of the month may stand between (`佩雷拉3日表示`, `卢拉24日说`).
pub(super) fn speech_follows(scan: &Scan<'_>, end: usize) -> bool {
    let tail = scan.text.get(end..).unwrap_or("");
    let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
    let at = match tail.get(digits..) {
        Some(rest) if (1..=2).contains(&digits) && rest.starts_with('日') => {
            end + digits + '日'.len_utf8()
        }
        _ => end,
    };
    scan.word_starting(at, &scan.lists.speech_verbs).is_some()
}

/// The ends of the surnames that start at `start`: compound, then single.
fn surname_ends(scan: &Scan<'_>, start: usize) -> [Option<usize>; 2] {
    let surnames = &scan.lists.surnames;
    let mut chars = scan.text.get(start..).unwrap_or("").chars();
    let Some(first) = chars.next().filter(|&c| surnames.may_start(c)) else {
        return [None, None];
    };
    let one = start + first.len_utf8();
    let two = chars
        .next()
        .map(|c| one + c.len_utf8())
        .filter(|&end| surnames.contains(scan.slice(start..end)));
    [two, surnames.contains_char(first).then_some(one)]
}

/// The surname that starts a name at `start`, compound first (`欧阳`, `张`).
pub(super) fn surname_at<'a>(scan: &Scan<'a>, start: usize) -> Option<&'a str> {
    surname_ends(scan, start)
        .into_iter()
        .flatten()
        .next()
        .map(|end| scan.slice(start..end))
}

/// Whether `range` could be a Chinese name: Han characters only, not an
/// everyday word, not ending like a place or body or with an office head.
fn name_shaped(scan: &Scan<'_>, range: &Range<usize>) -> bool {
    let word = scan.slice(range.clone());
    !word.is_empty()
        && word.chars().all(is_han)
        && !word
            .chars()
            .next_back()
            .is_some_and(|c| NOT_LAST_CHARS.contains(c))
        && !scan.lists.not_names.contains(word)
        && super::titles::office_ending(scan, range.end).is_none()
}

/// Whether jieba tagged exactly `range` as a name.
pub(super) fn is_name_token(scan: &Scan<'_>, range: &Range<usize>) -> bool {
    scan.token_starting(range.start)
        .and_then(|i| scan.tokens.get(i))
        .is_some_and(|t| t.byte_end == range.end && is_name_tag(t.tag))
}

/// Forms of address after a surname: `王女士`, `胡老` name no one in full.
const HONORIFICS: &[&str] = &[
    "先生", "女士", "小姐", "夫人", "老", "总", "老师", "师傅", "同志", "某", "阿姨", "大爷",
];

/// The first characters of [`HONORIFICS`]: most given names open with none,
/// told by one bit rather than a comparison of bytes with each form.
static HONORIFIC_OPENINGS: Lazy<Chars> = Lazy::new(|| {
    let firsts: Vec<char> = HONORIFICS.iter().filter_map(|h| h.chars().next()).collect();
    Chars::of(&firsts)
});

/// Whether `given` opens with a form of address ([`HONORIFICS`]).
fn opens_with_honorific(given: &str) -> bool {
    given
        .chars()
        .next()
        .is_some_and(|c| HONORIFIC_OPENINGS.contains(c))
        && HONORIFICS.iter().any(|h| given.starts_with(h))
}

/// The Chinese name that starts at `start`: a surname and one or two more
/// characters, ending where a name may end. The shortest that a following
/// word ends wins (`韩正为中国` → 韩正 + 为, `赵华说` → 赵华 + 说); else jieba's
/// own word for a name; else the longest that a verb or particle ends.
///
/// After a title (`anchored`), the name may also end wherever a
/// jieba word ends: jieba tags the verb after it as a noun often enough
/// (`刘友明|带队/n`, `吴|方军|分管/vn`).
pub(super) fn chinese_name_at(
    scan: &Scan<'_>,
    start: usize,
    anchored: bool,
) -> Option<Range<usize>> {
    let mut by_word: Option<Range<usize>> = None;
    let mut exact: Option<Range<usize>> = None;
    let mut longest: Option<Range<usize>> = None;
    for surname_end in surname_ends(scan, start).into_iter().flatten() {
        for given in 1..=2 {
            let Some(end) = scan.forward(surname_end, given) else {
                continue;
            };
            let range = start..end;
            let given = scan.slice(surname_end..end);
            if opens_with_honorific(given) || !name_shaped(scan, &range) {
                continue;
            }
            let how = ending(scan, &range).or_else(|| {
                (anchored
                    && !verb_inside(scan, &range)
                    && !scan.char_at(end).is_some_and(is_name_dot))
                .then(|| scan.token_starting(end))
                .flatten()
                .map(|_| Ending::Tag)
            });
            let Some(how) = how else {
                continue;
            };
            if how == Ending::Word && by_word.as_ref().is_none_or(|s| range.len() < s.len()) {
                by_word = Some(range.clone());
            }
            if is_name_token(scan, &range) {
                exact = Some(range.clone());
            }
            if longest.as_ref().is_none_or(|b| b.len() < range.len()) {
                longest = Some(range);
            }
        }
    }
    by_word.or(exact).or(longest)
}

/// Whether jieba reads a verb in `range` other than a lone first character
/// (`总书记曾|来到…` is no name 曾来到, `领导人齐聚…` none 齐聚).
fn verb_inside(scan: &Scan<'_>, range: &Range<usize>) -> bool {
    let first = scan.token_after(range.start);
    scan.tokens
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|t| t.byte_start < range.end)
        .any(|t| {
            t.tag.starts_with('v')
                && (t.byte_start > range.start || t.word.chars().nth(1).is_some())
        })
}

/// Whether every character of `word` transliterates foreign names.
fn transliterated(scan: &Scan<'_>, word: &str) -> bool {
    word.chars()
        .all(|c| scan.lexicon.transliteration.contains(&c))
}

/// A foreign name at token `index`: a word of transliteration characters that
/// jieba tags as a name, with the neighbouring words of such characters that
/// jieba cut off (`卡|莱维`, `弗兰克|林`) and any further parts joined by `·`.
pub(super) fn foreign_name_at(scan: &Scan<'_>, index: usize) -> Option<Range<usize>> {
    let token = scan.tokens.get(index)?;
    if !is_name_tag(token.tag)
        || token.word.chars().count() < 2
        || !transliterated(scan, token.word)
    {
        return None;
    }
    let mut range = token.byte_start..token.byte_end;
    // Pieces of the same name that jieba cut off: short words of transliteration
    // characters, or words it also tags as names.
    let piece = |t: &crate::segment::Token<'_>| {
        transliterated(scan, t.word) && (is_name_tag(t.tag) || t.word.chars().count() == 1)
    };
    let mut before = index;
    while let Some(t) = before.checked_sub(1).and_then(|i| scan.tokens.get(i)) {
        if !piece(t) {
            break;
        }
        range.start = t.byte_start;
        before -= 1;
    }
    range.end = run_after(scan, range.end, piece);
    // Parts joined by a middle dot, either side; past a dot, a hyphen joins
    // parts too (`洛朗·圣-马丁`).
    while let Some(part) = dotted_part_after(
        scan,
        range.end,
        scan.slice(range.clone()).contains(NAME_DOTS),
    ) {
        range.end = part;
    }
    while let Some(part) = dotted_part_before(scan, range.start) {
        range.start = part;
    }
    Some(range)
}

/// The end of the words of transliteration characters from `at` on that
/// `takes` accepts; a last word may end in a word that follows names
/// (`延科|均` in jieba's `延科均`).
fn run_after(
    scan: &Scan<'_>,
    at: usize,
    takes: impl Fn(&crate::segment::Token<'_>) -> bool,
) -> usize {
    let mut end = at;
    let mut index = scan.token_starting(at);
    while let Some(token) = index.and_then(|i| scan.tokens.get(i)) {
        if takes(token) {
            end = token.byte_end;
            index = index.map(|i| i + 1);
            continue;
        }
        let prefix: usize = token
            .word
            .chars()
            .take_while(|c| scan.lexicon.transliteration.contains(c))
            .map(char::len_utf8)
            .sum();
        if prefix > 0
            && prefix < token.word.len()
            && ending(scan, &(end..end + prefix)) == Some(Ending::Word)
        {
            end += prefix;
        }
        break;
    }
    end
}

/// A name of two or more parts joined by `·` whose parts are all
/// transliteration characters (`阿卜杜拉·买买提`), around the dot at `dot`.
pub(super) fn dotted_name_around(scan: &Scan<'_>, dot: usize) -> Option<Range<usize>> {
    let start = part_start(scan, dot)?;
    let mut end = dot;
    while let Some(part) = dotted_part_after(scan, end, end > dot) {
        end = part;
    }
    (end > dot).then_some(start..end)
}

/// The start of the run of transliteration characters that ends at `end`.
fn part_start(scan: &Scan<'_>, end: usize) -> Option<usize> {
    let head = scan.text.get(..end)?;
    let mut start = end;
    for (i, c) in head.char_indices().rev() {
        if !scan.lexicon.transliteration.contains(&c) {
            break;
        }
        start = i;
    }
    (start < end).then_some(start)
}

/// The end of `·part` after `end`, when a dot (or, with `hyphen`, a `-`) and
/// transliteration characters follow: whole words of them, as jieba cuts the
/// text (`·安南|希望` is 安南).
fn dotted_part_after(scan: &Scan<'_>, end: usize, hyphen: bool) -> Option<usize> {
    let dot = scan
        .char_at(end)
        .filter(|c| NAME_DOTS.contains(c) || (hyphen && *c == '-'))?;
    let from = end + dot.len_utf8();
    let to = run_after(scan, from, |t| transliterated(scan, t.word));
    (to > from).then_some(to)
}

/// The start of `part·` before `start`, when transliteration characters and a dot precede.
fn dotted_part_before(scan: &Scan<'_>, start: usize) -> Option<usize> {
    let dot = scan.char_before(start).filter(|c| NAME_DOTS.contains(c))?;
    part_start(scan, start - dot.len_utf8())
}

/// Whether `c` is a middle dot that joins parts of a foreign name.
pub(super) fn is_name_dot(c: char) -> bool {
    NAME_DOTS.contains(&c)
}

/// Characters that make a word a place (`龙岗区`, `宝安县`).
const PLACE_SUFFIXES: &[char] = &['区', '市', '县', '省', '镇', '乡', '村', '州', '街', '路'];

/// A place suffix ([`PLACE_SUFFIXES`]), found faster than character by character.
pub(super) static PLACE_SUFFIX: Lazy<Regex> = Lazy::new(|| {
    let class: String = PLACE_SUFFIXES.iter().collect();
    Regex::new(&format!("[{class}]")).expect("valid regex")
});

/// A middle dot between parts of a foreign name ([`NAME_DOTS`]).
pub(super) static NAME_DOT: Lazy<Regex> = Lazy::new(|| {
    let class: String = NAME_DOTS.iter().collect();
    Regex::new(&format!("[{class}]")).expect("valid regex")
});

/// Whether `c` makes the word before it a place.
fn is_place_suffix(c: char) -> bool {
    PLACE_SUFFIXES.contains(&c)
}

/// Whether the word is a place that the text itself writes with a place
/// suffix elsewhere (`龙岗` beside `龙岗区`): then it is not a name.
/// `陈晓东市长` is a name and an office, not a place `陈晓东市`.
///
/// Only the occurrences that `str::match_indices` finds count (they do not
/// overlap); for a word that cannot overlap itself, that is every occurrence,
/// so the text's place suffixes, found once, are looked at instead.
pub(super) fn is_place_in_text(scan: &Scan<'_>, range: &Range<usize>) -> bool {
    let word = scan.slice(range.clone());
    if word.is_empty() {
        return false;
    }
    if overlaps_itself(word) {
        return scan.text.match_indices(word).any(|(at, _)| {
            let end = at + word.len();
            scan.char_at(end).is_some_and(is_place_suffix)
                && super::titles::office_starting(scan, end).is_none()
        });
    }
    // The last byte first: most suffixes follow another word, told without `memcmp`.
    let last = word.as_bytes().last();
    scan.place_suffixes().iter().any(|&end| {
        end.checked_sub(1)
            .is_some_and(|before| scan.text.as_bytes().get(before) == last)
            && scan
                .text
                .get(..end)
                .is_some_and(|head| head.ends_with(word))
    })
}

/// The starts of `word` in `text` as `str::match_indices` finds them, given
/// `known`, sorted starts where it occurs. For a word that cannot overlap
/// itself, when the text between the known ones holds no other (a test that
/// `str::contains` does with vector instructions), they are all; else the
/// text is searched.
pub(super) fn occurrences(text: &str, word: &str, known: &[usize]) -> Vec<usize> {
    let all_known = !word.is_empty() && !overlaps_itself(word) && {
        let mut from = 0;
        known.iter().all(|&at| {
            let gap_clear = text.get(from..at).is_some_and(|gap| !gap.contains(word));
            let there = text.get(at..).is_some_and(|rest| rest.starts_with(word));
            from = at + word.len();
            gap_clear && there
        }) && text.get(from..).is_some_and(|rest| !rest.contains(word))
    };
    if all_known {
        return known.to_vec();
    }
    text.match_indices(word).map(|(at, _)| at).collect()
}

/// Whether two occurrences of `word` can overlap: it ends as it starts (`丽丽`, `阿巴阿`).
fn overlaps_itself(word: &str) -> bool {
    word.char_indices()
        .skip(1)
        .any(|(at, _)| word.get(at..).is_some_and(|end| word.starts_with(end)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEXICON;
    use crate::segment::Segmenter;
    use crate::text::Text;

    /// The Chinese name read at the first occurrence of `at` in `input`.
    fn name_at(input: &str, at: &str, anchored: bool) -> Option<String> {
        let text = Text::new(input);
        let tokens = Segmenter::Shared.tag(&text);
        let scan = Scan::new(&text, &tokens, &LEXICON, &[]);
        let start = text.as_str().find(at)?;
        chinese_name_at(&scan, start, anchored).map(|r| scan.slice(r).to_string())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Looking at the text's place suffixes finds what looking at every
        /// occurrence of the word finds, for words that overlap themselves too.
        #[test]
        fn place_in_text_as_by_every_occurrence(
            input in "[龙岗丽区市长,]{0,24}",
            start in 0usize..24,
            length in 1usize..4,
        ) {
            let text = Text::new(&input);
            let tokens = Segmenter::Shared.tag(&text);
            let scan = Scan::new(&text, &tokens, &LEXICON, &[]);
            let s = text.as_str();
            let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            if let (Some(&from), Some(&to)) = (bounds.get(start), bounds.get(start + length)) {
                let word = &s[from..to];
                let expected = s.match_indices(word).any(|(at, _)| {
                    let end = at + word.len();
                    scan.char_at(end).is_some_and(is_place_suffix)
                        && super::super::titles::office_starting(&scan, end).is_none()
                });
                proptest::prop_assert_eq!(is_place_in_text(&scan, &(from..to)), expected);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Occurrences from known ones are what `match_indices` finds, whatever is known.
        #[test]
        fn occurrences_as_match_indices(
            text in "[王丽a市]{0,20}",
            word in "[王丽a市]{1,3}",
            picks in proptest::collection::vec(0usize..40, 0..4),
            from_real in proptest::bool::ANY,
        ) {
            let real: Vec<usize> = text.match_indices(word.as_str()).map(|(at, _)| at).collect();
            let mut known: Vec<usize> = if from_real {
                real.iter().enumerate().filter(|(i, _)| picks.contains(i)).map(|(_, &at)| at).collect()
            } else {
                picks.clone()
            };
            known.sort_unstable();
            proptest::prop_assert_eq!(occurrences(&text, &word, &known), real);
        }
    }

    #[test]
    fn regexes_compile() {
        assert!(PLACE_SUFFIX.is_match("龙岗区"));
        assert!(NAME_DOT.is_match("阿卜杜拉·买买提"));
    }

    #[test]
    fn a_name_ends_where_a_function_word_begins() {
        assert_eq!(
            name_at("副市长刘正为企业解决难题。", "刘", true).as_deref(),
            Some("刘正")
        );
    }

    #[test]
    fn a_name_ends_before_an_office() {
        assert_eq!(
            name_at("陈晓东市长主持会议。", "陈", false).as_deref(),
            Some("陈晓东")
        );
    }

    #[test]
    fn surname_and_form_of_address_is_no_name() {
        assert_eq!(name_at("王女士表示满意。", "王", false), None);
    }

    #[test]
    fn an_everyday_word_is_no_name() {
        assert_eq!(name_at("推进高水平建设。", "高", false), None);
    }
}
