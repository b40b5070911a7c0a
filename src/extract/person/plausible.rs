//! Whether a candidate name is a person at all: checks that run on the few
//! candidates the evidence rules keep, never on every position.
//!
//! jieba tags many everyday words as names (`强降雨/nr`, `白皮书/nr`,
//! `母亲河/nr`), and foreign places, groups and diseases as transliterated
//! names (`哈尔科夫/nrt`). So a candidate is no person when:
//! - the text writes the word as a place or a group anywhere: before a place
//!   or group noun (`…地区`, `…方向`, `…口岸`, `…武装`), at the end of a list
//!   of such (`甲、乙等地`), or after a noun of place (`城市…`, `地带…`);
//! - it ends in a word that follows names (`领导干部要…`, `王储兼首相`);
//! - it starts inside a verb (`出席|汪洋` is no 席汪洋).
//!
//! Without a title, also when:
//! - it is a place of China (`石家庄`), or a foreign word after a
//!   preposition of place (`在…`, `抵达…`) or opening with a country;
//! - it ends in a locative after a noun, inside a phrase of place (`在贺信中`,
//!   `在希望的田野上`);
//! - a numeral or demonstrative stands before it (`这段时间`, `124处林火`);
//! - jieba's dictionary holds it as a common word (`应邀/v`), or, with no
//!   verb of speech after it either, holds its given name so (`强|降雨`,
//!   `段|时间`, `惠|民生`).
//!
//! And a transliterated name after a title starts where the title ends
//! (`总统米尔济约耶夫`, `总理朔尔茨`), never inside a name or a title
//! (`主席|豪尔赫·…`).
//!
//! Examples that prove these rules: fixtures/corpus/person.toml

use std::ops::Range;

use once_cell::sync::Lazy;

use super::names;
use super::scan::{Scan, Words, is_han};
use super::titles;
use crate::lexicon::{WordSet, set};
use crate::segment::{Token, dictionary_entry};

/// Words after which a word names a place, a group or a thing (`地区`, `武装`).
static NOT_NAME_AFTER_SET: Lazy<WordSet> =
    Lazy::new(|| set(include_str!("../../data/not_name_after.txt")));
static NOT_NAME_AFTER: Lazy<Words> = Lazy::new(|| Words::of(&NOT_NAME_AFTER_SET));

/// Words after which a word names a place or a group (`城市`, `抵达`, `运动`).
static NOT_NAME_BEFORE_SET: Lazy<WordSet> =
    Lazy::new(|| set(include_str!("../../data/not_name_before.txt")));
static NOT_NAME_BEFORE: Lazy<Words> = Lazy::new(|| Words::of(&NOT_NAME_BEFORE_SET));

/// Places after `等` that close a list of places (`甲、乙等地`, `等多个方向`).
const PLACES_AFTER_LIST: &[&str] = &[
    "地",
    "地区",
    "地点",
    "城市",
    "城镇",
    "方向",
    "定居点",
    "居民点",
    "州",
    "省",
    "市",
    "区域",
    "村庄",
    "港口",
];

/// Characters that end no name: words that follow one (`干部要…`, `王储兼…`, `林火仍…`).
const NOT_LAST: &[char] = &[
    '要', '兼', '仍', '是', '称', '说', '也', '都', '已', '还', '就', '又', '在', '到', '把', '被',
    '让', '的', '了', '着', '过', '曾', '愿', '亦', '并', '却', '便',
];

/// Locatives that end a phrase of place (`贺信中`, `田野上`).
const LOCATIVES: &[char] = &['上', '下', '中', '里', '内', '外', '间', '旁', '边'];

/// Prepositions that open a phrase of place or time (`在…中`).
const PLACE_PREPOSITIONS: &[&str] = &["在", "从", "于", "当", "到", "至", "自"];

/// Prepositions and verbs after which a foreign word is a place (`在拉法`).
const BEFORE_FOREIGN_PLACE: &[&str] = &["在", "于", "到", "至", "赴", "经", "从"];

/// Demonstratives before which a word is counted, not named (`这段时间`).
const DEMONSTRATIVES: &[&str] = &["这", "那", "每", "各", "该", "此", "某"];

/// Classifiers between a number and what it counts (`124处林火`).
const CLASSIFIERS: &[&str] = &[
    "个", "处", "名", "位", "场", "起", "座", "次", "条", "项", "块", "片", "种", "批", "只", "头",
    "家", "所", "支", "架", "艘", "辆", "段", "轮", "类", "份", "件",
];

/// Last characters of places and structures (`大桥`, `港`): no piece of a name.
const PLACE_ENDS: &[char] = &[
    '港', '峡', '桥', '郊', '省', '州', '市', '县', '区', '湾', '岛', '山', '河', '湖', '江', '海',
    '城', '村', '镇',
];

/// How many characters of a title or name a transliterated name may have
/// before it, in jieba's words (`米尔|济约|耶夫`).
const MOST_PIECES: usize = 3;

/// Least frequency in jieba's dictionary of a common word that rules a
/// candidate out (rarer entries are as often names: `国强/n` 3).
const COMMON: usize = 100;

/// Whether the candidate `name` is a person, given whether titles stand
/// around it (`titled`) and whether it is a transliteration (`foreign`).
pub(super) fn is_person(scan: &Scan<'_>, name: &Range<usize>, titled: bool, foreign: bool) -> bool {
    let word = scan.slice(name.clone());
    if word.ends_with(NOT_LAST)
        || starts_inside_word(scan, name)
        || names_place_or_group(scan, word, name.start)
    {
        return false;
    }
    if titled {
        return true;
    }
    if scan.lexicon.places.contains(word)
        || counted(scan, name.start)
        || ends_phrase_of_place(scan, name)
        || (transliterated(scan, word) && glued_before(scan, name.start))
        || (foreign && (foreign_place_before(scan, name.start) || opens_with_country(scan, name)))
        || common_word(word)
    {
        return false;
    }
    if names::speech_follows(scan, name.end) {
        return true;
    }
    // Nothing but jieba's tag and the shape speak for it.
    !(quoted(scan, name)
        || modified(scan, name.start)
        || (foreign && modifies_noun(scan, name.end))
        || (!foreign && common_given_name(scan, name))
        || (word.chars().nth(2).is_none()
            && dictionary_entry(word).is_some()
            && !supported_anywhere(scan, word, name.start)))
}

/// Whether some occurrence of `word` in the text has a title before it or a
/// verb of speech after it. A word of jieba's dictionary with neither
/// anywhere is one of the everyday words it tags as a name (`林火`, `蓝图`).
fn supported_anywhere<'a>(scan: &Scan<'a>, word: &'a str, at: usize) -> bool {
    scan.occurrences(word, &[at]).into_iter().any(|at| {
        names::speech_follows(scan, at + word.len()) || !titles::before(scan, at).is_empty()
    })
}

/// Whether the word is all that a pair of quotes holds, or follows the
/// title of a work (`“沙戈荒”`, `《…》白皮书`): a term, not a person.
fn quoted(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    let open = scan.char_before(name.start);
    let close = scan.char_at(name.end);
    matches!(
        (open, close),
        (Some('“'), Some('”'))
            | (Some('"'), Some('"'))
            | (Some('‘'), Some('’'))
            | (Some('「'), Some('」'))
    ) || open == Some('》')
}

/// Whether a place stands right before the word (`古巴|封锁`, `加拿大|林火`):
/// a place names what it holds, and a title, not a place, stands before a person.
fn modified(scan: &Scan<'_>, start: usize) -> bool {
    scan.token_before(start)
        .and_then(|i| scan.tokens.get(i))
        .is_some_and(|t| {
            t.byte_end == start && (t.tag == "ns" || scan.lists.world_places.contains(t.word))
        })
}

/// Whether a common noun follows a foreign word (`哈马斯|目标`, `埃博拉|疫情`);
/// an office there is the person's (`库克代表…`).
fn modifies_noun(scan: &Scan<'_>, end: usize) -> bool {
    scan.token_starting(end)
        .and_then(|i| scan.tokens.get(i))
        .is_some_and(|t| matches!(t.tag, "n" | "vn" | "ng" | "an"))
        && titles::office_starting(scan, end).is_none()
}

/// Whether a part-of-speech tag marks a common word: not a name of a
/// person, place or body, not an abbreviation or a foreign string.
fn common_tag(tag: &str) -> bool {
    !matches!(
        tag,
        "nr" | "nrfg" | "nrt" | "ns" | "nt" | "nz" | "j" | "x" | "eng"
    )
}

/// Whether jieba's dictionary holds `word` as a common word, and often.
fn common_word(word: &str) -> bool {
    dictionary_entry(word).is_some_and(|(tag, frequency)| common_tag(tag) && frequency >= COMMON)
}

/// Whether a three-character Chinese candidate is a surname before a common
/// word (`强|降雨`, `段|时间`, `惠|民生`) that is no place (`许|银川`), or a
/// common word and one more character (`母亲|河`, `宣传|周`, `黄金|档`).
fn common_given_name(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    let word = scan.slice(name.clone());
    let mut chars = word.char_indices();
    let (Some(_), Some((given, _)), Some((last, _)), None) =
        (chars.next(), chars.next(), chars.next(), chars.next())
    else {
        return false;
    };
    let given_common = word
        .get(given..)
        .is_some_and(|given| common_word(given) && !scan.lexicon.places.contains(given));
    // A compound surname (`司徒`), a time (`周一`) or a count (`万名`) may open a name.
    let head_common = word.get(..last).is_some_and(|head| {
        !scan.lists.surnames.contains(head)
            && (scan.lists.not_names.contains(head)
                || dictionary_entry(head).is_some_and(|(tag, frequency)| {
                    common_tag(tag) && !matches!(tag, "t" | "m") && frequency >= COMMON
                }))
    });
    given_common || head_common
}

/// Whether the name starts inside a jieba word that is a verb or an office
/// (`出|席汪洋`, `主|席汪洋`): the name starts where that word ends.
fn starts_inside_word(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    scan.token_before(name.start + 1)
        .and_then(|i| scan.tokens.get(i))
        .is_some_and(|t| {
            t.byte_start < name.start
                && (t.tag.starts_with('v')
                    || scan
                        .word_ending(t.byte_end, &scan.lists.office_heads)
                        .is_some_and(|head| head < name.start))
        })
}

/// Whether every character of `word` transliterates foreign names.
fn transliterated(scan: &Scan<'_>, word: &str) -> bool {
    word.chars()
        .all(|c| scan.lexicon.transliteration.contains(&c))
}

/// Whether a lone character that is no function word is glued before a
/// transliteration (`汗|尤尼斯`): part of a longer name of a place or thing.
fn glued_before(scan: &Scan<'_>, start: usize) -> bool {
    scan.token_before(start)
        .and_then(|i| scan.tokens.get(i))
        .is_some_and(|t| {
            t.byte_end == start
                && t.word.chars().nth(1).is_none()
                && t.word.chars().all(is_han)
                && !matches!(
                    t.tag.as_bytes().first(),
                    Some(b'p' | b'c' | b'u' | b'v' | b'd' | b'r' | b'm' | b'q' | b'f')
                )
                && titles::office_ending(scan, start).is_none()
        })
}

/// Whether the text writes `word` as a place or a group somewhere: before a
/// word of place or group, closing a list of places, after a noun of place.
/// `start` is where the text writes it at hand: most words occur once, and
/// a text that holds no other is told by `str::contains`, not searched. The
/// answer is the word's, kept for its other occurrences.
fn names_place_or_group<'a>(scan: &Scan<'a>, word: &'a str, start: usize) -> bool {
    if let Some(known) = scan.known_place_or_group(word) {
        return known;
    }
    let answer = !word.is_empty()
        && scan.occurrences(word, &[start]).into_iter().any(|at| {
            // A dash or a bracket may stand between (`抵抗运动——…`, `运动(…)`).
            let before = match scan.char_before(at) {
                Some(c @ ('—' | '(' | '“')) => at - c.len_utf8(),
                _ => at,
            };
            let before = match scan.char_before(before) {
                Some('—') => before - '—'.len_utf8(),
                _ => before,
            };
            place_follows(scan, at + word.len())
                || (scan.word_ending(before, &NOT_NAME_BEFORE).is_some()
                    && scan
                        .token_before(before)
                        .and_then(|i| scan.tokens.get(i))
                        .is_some_and(|t| t.byte_end == before))
        });
    scan.keep_place_or_group(word, answer);
    answer
}

/// Whether a word of place or group follows `end`, directly or past the
/// other items of a list (`乌迪内、帕尔马等地`).
fn place_follows(scan: &Scan<'_>, end: usize) -> bool {
    let mut at = end;
    for _ in 0..8 {
        if scan.token_starting(at).is_none() {
            return false;
        }
        if scan.word_starting(at, &NOT_NAME_AFTER).is_some() || closes_list_of_places(scan, at) {
            return true;
        }
        let Some(next) = list_item_after(scan, at) else {
            return false;
        };
        at = next;
    }
    false
}

/// Whether `等` and a word of place start at `at` (`等地`, `等多个方向`).
fn closes_list_of_places(scan: &Scan<'_>, at: usize) -> bool {
    let Some(rest) = scan.text.get(at..).and_then(|t| t.strip_prefix('等')) else {
        return false;
    };
    let rest = rest
        .strip_prefix("多个")
        .or_else(|| rest.strip_prefix('多'))
        .unwrap_or(rest);
    PLACES_AFTER_LIST.iter().any(|p| rest.starts_with(p))
}

/// The end of the next item of a list after a separator at `at`
/// (`、哈尔科夫`, `和扎波罗热`): at most three jieba words of Han characters
/// that jieba tags as names of places or people.
fn list_item_after(scan: &Scan<'_>, at: usize) -> Option<usize> {
    let separator = scan.tokens.get(scan.token_starting(at)?)?;
    if !matches!(separator.word, "、" | "和" | "及" | "与") {
        return None;
    }
    let first = scan.token_starting(separator.byte_end)?;
    let mut end = None;
    for token in scan.tokens.get(first..first + 3).unwrap_or_default() {
        let opens = token.word.starts_with('等')
            || matches!(token.word, "、" | "和" | "及" | "与")
            || NOT_NAME_AFTER.contains(token.word);
        if opens || !token.word.chars().all(is_han) {
            break;
        }
        // Items of a list of places are names (`哈尔科夫/nrt`), not phrases
        // (`常驻/v 联合国…/nt`).
        if !matches!(token.tag, "ns" | "nr" | "nrt" | "nrfg" | "nz" | "j") {
            return None;
        }
        end = Some(token.byte_end);
    }
    end
}

/// Whether a numeral or demonstrative counts the word at `start` (`这|段时间`,
/// `一|段时间`, `124处|林火`).
fn counted(scan: &Scan<'_>, start: usize) -> bool {
    let Some(index) = scan.token_before(start) else {
        return false;
    };
    let Some(previous) = scan.tokens.get(index).filter(|t| t.byte_end == start) else {
        return false;
    };
    DEMONSTRATIVES.contains(&previous.word)
        || is_numeral(previous.word)
        || (previous.tag == "m"
            && !previous.word.starts_with('第')
            && previous
                .word
                .chars()
                .next_back()
                .is_some_and(|c| CLASSIFIERS.iter().any(|k| k.chars().eq([c]))))
        || (CLASSIFIERS.contains(&previous.word)
            && index
                .checked_sub(1)
                .and_then(|i| scan.tokens.get(i))
                .is_some_and(|t| t.byte_end == previous.byte_start && is_numeral(t.word)))
}

/// Whether a jieba word is a number alone, in digits or Chinese (`124`, `一`, `两`).
fn is_numeral(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十百千万两几数".contains(c))
}

/// Whether the word ends in a locative that jieba cuts off, after a noun,
/// in a phrase that a preposition of place opens (`在贺信中`, `在希望的田野上`).
fn ends_phrase_of_place(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    let Some(last) = scan.char_before(name.end) else {
        return false;
    };
    let locative = name.end - last.len_utf8();
    let cut_off = LOCATIVES.contains(&last)
        && scan
            .token_starting(locative)
            .and_then(|i| scan.tokens.get(i))
            .is_some_and(|t| t.byte_end == name.end && t.tag == "f");
    let Some(first) = scan.token_before(name.start + 1) else {
        return false;
    };
    cut_off
        && locative - name.start >= 2 * last.len_utf8()
        && scan
            .tokens
            .get(first.saturating_sub(6)..first)
            .is_some_and(|before| {
                before
                    .iter()
                    .rev()
                    .take_while(|t| t.word.chars().all(is_han))
                    .any(|t| PLACE_PREPOSITIONS.contains(&t.word))
            })
}

/// Whether a preposition of place stands just before a foreign word (`在拉法`).
fn foreign_place_before(scan: &Scan<'_>, start: usize) -> bool {
    scan.token_before(start)
        .and_then(|i| scan.tokens.get(i))
        .is_some_and(|t| t.byte_end == start && BEFORE_FOREIGN_PLACE.contains(&t.word))
}

/// Whether a foreign word opens or ends with a country or city (`卡塔尔多哈`,
/// `科威特埃米尔…`, `…乌克兰`).
fn opens_with_country(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    let places = &scan.lists.world_places;
    scan.word_starting(name.start, places)
        .is_some_and(|end| end < name.end)
        || scan
            .word_ending(name.end, places)
            .is_some_and(|start| start > name.start)
}

/// Whether a jieba word may be a piece of a transliterated name: a word of
/// one or two Han characters that jieba tags as a foreign name, as a name
/// when it is all transliteration characters, as a place that does not end
/// like one (`济约`, not `大桥`), or a lone character it calls an abbreviation
/// (`朔`; `同武/j` is a preposition glued to a piece).
fn name_piece(scan: &Scan<'_>, token: &Token<'_>) -> bool {
    let transliterated = token
        .word
        .chars()
        .all(|c| scan.lexicon.transliteration.contains(&c));
    let one = token.word.chars().nth(1).is_none();
    let tagged = match token.tag {
        "nrt" => true,
        "nr" | "nz" => transliterated,
        "ns" => !token.word.ends_with(PLACE_ENDS),
        "j" => one,
        _ => false,
    };
    tagged
        && token.word.chars().count() <= 2
        && token.word.chars().all(is_han)
        && !scan.lists.world_places.contains(token.word)
        && !scan.lexicon.places.contains(token.word)
}

/// A transliterated name runs over the pieces jieba cut it into, from where
/// a title, punctuation or a function word ends to where a name may end
/// (`总统米尔|济约|耶夫`, `同朔|尔茨`): jieba tags such pieces as names,
/// places or abbreviations.
pub(super) fn foreign_extent(scan: &Scan<'_>, name: Range<usize>) -> Range<usize> {
    let Some(index) = scan.token_starting(name.start) else {
        return name;
    };
    let mut start = opens_name(scan, index).then_some(name.start);
    for before in (index.saturating_sub(MOST_PIECES)..index).rev() {
        if !scan.tokens.get(before).is_some_and(|t| name_piece(scan, t)) {
            break;
        }
        if opens_name(scan, before) {
            start = scan.tokens.get(before).map(|t| t.byte_start);
        }
    }
    let Some(start) = start else {
        return name;
    };
    let mut longest = name.end;
    let mut next = scan.token_starting(name.end);
    for _ in 0..MOST_PIECES {
        let Some(token) = next
            .and_then(|i| scan.tokens.get(i))
            .filter(|t| name_piece(scan, t))
        else {
            break;
        };
        if names::ending(scan, &(start..token.byte_end)) == Some(names::Ending::Word) {
            longest = token.byte_end;
        }
        next = next.map(|i| i + 1);
    }
    start..longest
}

/// Whether a name may start at token `index`: a title, punctuation, the
/// start of the text or a function word ends just before it.
fn opens_name(scan: &Scan<'_>, index: usize) -> bool {
    let Some(token) = scan.tokens.get(index) else {
        return false;
    };
    if titles::office_ending(scan, token.byte_start).is_some() {
        return true;
    }
    let Some(previous) = index.checked_sub(1).and_then(|i| scan.tokens.get(i)) else {
        return true;
    };
    !previous.word.chars().all(is_han)
        || matches!(
            previous.tag.as_bytes().first(),
            Some(b'p' | b'c' | b'u' | b'v' | b'd' | b'r')
        )
}

/// A name written with a middle dot starts after a title that overlaps it
/// (`主席|豪尔赫·…` is 豪尔赫·…), and takes in the name word jieba cut off
/// before its first part (`雪克来|提·扎克尔`).
pub(super) fn dotted_extent(scan: &Scan<'_>, name: Range<usize>) -> Range<usize> {
    let first_part = scan
        .slice(name.clone())
        .find(names::is_name_dot)
        .map_or(name.end, |dot| name.start + dot);
    let mut at = name.start;
    while let Some(c) = scan.char_at(at).filter(|_| at < first_part) {
        at += c.len_utf8();
        if scan
            .word_ending(at, &scan.lists.office_heads)
            .is_some_and(|head| head < name.start)
        {
            return at..name.end;
        }
    }
    if titles::office_ending(scan, name.start).is_some() {
        return name;
    }
    let glued = scan
        .token_before(name.start)
        .and_then(|i| scan.tokens.get(i))
        .filter(|t| {
            t.byte_end == name.start
                && names::is_name_tag(t.tag)
                && t.word.chars().all(is_han)
                && scan
                    .word_starting(t.byte_start, &scan.lists.world_places)
                    .is_none()
        });
    match glued {
        Some(token) => token.byte_start..name.end,
        None => name,
    }
}
