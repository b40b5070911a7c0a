//! The lexer: date words found by a few static regexes, each turned into a [`Token`].
//!
//! Each family of words has its own regex (calendar numbers, relative words,
//! recurrences, clock times, durations) or word list (holidays). Their matches
//! may overlap; [`lex`] keeps, from left to right, the longest match that
//! starts at each place (a family listed earlier wins a tie), so that `前4个月`
//! beats `4个月` and `2020年12月29日` beats `2020年`. The composer then joins
//! adjacent tokens.
//!
//! The regexes run only in the windows [`scan`] finds (where a match could
//! be), with a plain search first; a match's groups are read only when its
//! token could be chosen.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::{Regex, RegexSet};

use super::scan::{self, Classes, Scanner};
use super::token::{GroupIndex, Groups, Token, char_at};
use super::{absolute, clock, duration, holiday, relative};

/// Forces every regex of the lexer (for the test that proves they compile).
#[cfg(test)]
pub(super) fn force_regexes() {
    for family in &FAMILIES {
        once_cell::sync::Lazy::force(family.regex);
    }
    Lazy::force(&ALTERNATIVES);
}

/// Turns one match of a family's regex into a token.
type Parser = fn(&str, &Groups<'_>) -> Option<Token>;

/// The group indexes of each family's regex, in the order of [`FAMILIES`].
#[cfg(test)]
static GROUPS: Lazy<Vec<GroupIndex>> = Lazy::new(|| {
    FAMILIES
        .iter()
        .map(|family| GroupIndex::new(family.regex))
        .collect()
});

/// A family's regex cut into its alternatives (`a|b|c` at the top), to read
/// a match's groups with the one alternative that made it: the engine that
/// reads groups walks a pattern's states, and one alternative has a few of
/// the whole pattern's.
///
/// A match is made by the first alternative that matches at its start, and
/// none before it matches there (else it would have made the match), even
/// within the match's text: so the first alternative that matches a prefix of
/// the match's text is the one, and its match there is the match.
struct Alternatives {
    /// Each alternative anchored at the start of a haystack.
    prefixes: RegexSet,
    regexes: Vec<Regex>,
    groups: Vec<GroupIndex>,
}

/// The alternatives of each family's regex, in the order of [`FAMILIES`].
static ALTERNATIVES: Lazy<Vec<Alternatives>> = Lazy::new(|| {
    FAMILIES
        .iter()
        .map(|family| {
            let pieces = top_level_alternatives(family.regex.as_str());
            let regexes: Vec<Regex> = pieces
                .iter()
                .map(|piece| Regex::new(&format!("(?x){piece}")).expect("valid regex"))
                .collect();
            let prefixes = RegexSet::new(pieces.iter().map(|piece| format!("(?x)^(?:{piece})")))
                .expect("valid regex");
            let groups = regexes.iter().map(GroupIndex::new).collect();
            Alternatives {
                prefixes,
                regexes,
                groups,
            }
        })
        .collect()
});

/// The alternatives at the top of a `(?x)` pattern, comments left out.
fn top_level_alternatives(pattern: &str) -> Vec<String> {
    let body = pattern.strip_prefix("(?x)").unwrap_or(pattern);
    let mut pieces = vec![String::new()];
    let (mut depth, mut in_class, mut escaped, mut comment) = (0_i32, false, false, false);
    for c in body.chars() {
        if comment {
            comment = c != '\n';
            continue;
        }
        let split = !escaped && !in_class && depth == 0 && c == '|';
        if !escaped && !in_class {
            match c {
                '#' => {
                    comment = true;
                    continue;
                }
                '(' => depth += 1,
                ')' => depth -= 1,
                '[' => in_class = true,
                _ => {}
            }
        } else if !escaped && c == ']' {
            in_class = false;
        }
        escaped = !escaped && c == '\\';
        match pieces.last_mut() {
            Some(piece) if !split => piece.push(c),
            _ => pieces.push(String::new()),
        }
    }
    pieces
}

/// A family of date words and what the scanner needs to know of it.
struct Family {
    regex: &'static Lazy<Regex>,
    parse: Parser,
    /// The characters a match can start with.
    triggers: fn() -> Vec<char>,
    /// Characters of which every match contains one, if any such set is known.
    required: Option<&'static str>,
    /// The characters that can be a token alone (a window of one other
    /// character gives no token).
    single: &'static str,
    /// The characters that can start a token after the match starts
    /// (`“十四五”期间` starts at the quote, `“十四五”规划` at 十); other
    /// tokens start where their match does.
    moves_start: &'static str,
}

/// The families, in the order that breaks ties between equally long matches.
/// Holidays (a name list, not a regex) come third.
static FAMILIES: [Family; 5] = [
    Family {
        regex: &absolute::CALENDAR,
        parse: absolute::calendar,
        triggers: absolute::triggers,
        required: Some(absolute::REQUIRED),
        single: "",
        moves_start: "",
    },
    Family {
        regex: &relative::RELATIVE,
        parse: relative::relative,
        triggers: relative::triggers,
        required: Some(relative::REQUIRED),
        single: relative::SINGLE,
        moves_start: relative::MOVES_START,
    },
    Family {
        regex: &duration::SET,
        parse: duration::set,
        triggers: duration::set_triggers,
        required: None,
        single: "",
        moves_start: "",
    },
    Family {
        regex: &clock::CLOCK,
        parse: clock::clock,
        triggers: clock::triggers,
        required: Some(clock::REQUIRED),
        single: "",
        moves_start: "",
    },
    Family {
        regex: &duration::DURATION,
        parse: duration::duration,
        triggers: duration::triggers,
        required: Some(duration::REQUIRED),
        single: "",
        moves_start: "",
    },
];

/// The scanner's bit for holidays, after the regex families.
const HOLIDAYS: usize = FAMILIES.len();

/// The windows of every family (see [`scan`]).
static SCANNER: Lazy<Scanner> = Lazy::new(|| {
    let mut families: Vec<Classes> = FAMILIES
        .iter()
        .map(|f| Classes {
            alphabet: scan::pattern_alphabet(f.regex.as_str()),
            triggers: (f.triggers)(),
            required: f.required.map(|r| r.chars().collect()),
        })
        .collect();
    // A holiday is looked up by its name at each first character of a name
    // in a window that also holds a second character of one.
    let (firsts, seconds) = holiday::openings();
    families.push(Classes {
        alphabet: firsts
            .iter()
            .chain(seconds.iter().flatten())
            .copied()
            .collect(),
        triggers: firsts,
        required: seconds,
    });
    Scanner::new(&families)
});

/// The tie-break rank of a family (holidays after the relative words).
fn priority(family: usize) -> u8 {
    match family {
        0 | 1 => family as u8,
        HOLIDAYS => 2,
        other => other as u8 + 1,
    }
}

/// A match found, parsed at once or only when it could be chosen.
enum Candidate {
    Token(Token),
    /// A match of a family: its token starts where the match does and ends
    /// at its end or before.
    Match(usize, Range<usize>),
}

impl Candidate {
    fn range(&self) -> &Range<usize> {
        match self {
            Candidate::Token(token) => &token.range,
            Candidate::Match(_, range) => range,
        }
    }
}

/// The token of the match of `family` at `range`.
fn parse_match(text: &str, family: usize, range: Range<usize>) -> Option<Token> {
    let parse = FAMILIES.get(family)?.parse;
    let alternatives = ALTERNATIVES.get(family)?;
    let which = match alternatives.regexes.len() {
        1 => 0,
        _ => alternatives
            .prefixes
            .matches(text.get(range.clone())?)
            .into_iter()
            .next()?,
    };
    let regex = alternatives.regexes.get(which)?;
    let captures = regex.captures_at(text.get(..range.end)?, range.start)?;
    parse(
        text,
        &Groups::new(captures, alternatives.groups.get(which)?),
    )
}

/// Every token of `text` (folded normalized text), left to right, not overlapping.
///
/// At each place the longest token wins, then the earlier family. A match is
/// parsed only when no token chosen before covers its start (most matches lie
/// inside a longer date: `12月29日` inside `2020年12月29日`), and not when
/// it cannot beat a token already parsed at the same place.
pub(super) fn lex(text: &str) -> Vec<Token> {
    let mut candidates: Vec<(Candidate, u8)> = Vec::new();
    SCANNER.windows(text, |family, window| {
        let rank = priority(family);
        if family == HOLIDAYS {
            for (offset, _) in text.get(window.clone()).unwrap_or("").char_indices() {
                let at = window.start + offset;
                if let Some((holiday, range)) = holiday::longest_at(text, at) {
                    if let Some(token) = relative::holiday_token(text, holiday, range) {
                        candidates.push((Candidate::Token(token), rank));
                    }
                }
            }
            return;
        }
        let Some(Family {
            regex,
            single,
            moves_start,
            ..
        }) = FAMILIES.get(family)
        else {
            return;
        };
        let Some(first) = char_at(text, window.start) else {
            return;
        };
        if window.start + first.len_utf8() >= window.end && !single.contains(first) {
            return;
        }
        let Some(haystack) = text.get(..window.end) else {
            return;
        };
        // Matches may overlap within a family too (`4月中下旬`: `月中` and `中下旬`),
        // so each search starts one character after the last match began. Most
        // windows hold no match, and a plain search (no groups) says so cheaply.
        let mut at = window.start;
        while let Some(found) = regex.find_at(haystack, at) {
            let first = char_at(text, found.start());
            if first.is_some_and(|c| moves_start.contains(c)) {
                let token = parse_match(text, family, found.range());
                if let Some(token) = token.filter(|t| !t.range.is_empty()) {
                    candidates.push((Candidate::Token(token), rank));
                }
            } else {
                candidates.push((Candidate::Match(family, found.range()), rank));
            }
            at = found.start() + first.map_or(1, char::len_utf8);
        }
    });
    // By start, then the longest (as far as known), then the earlier family.
    candidates.sort_by(|(a, pa), (b, pb)| {
        let (a, b) = (a.range(), b.range());
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(pa.cmp(pb))
    });
    let mut tokens: Vec<Token> = Vec::new();
    let mut end = 0;
    let mut candidates = candidates.into_iter().peekable();
    while let Some((candidate, rank)) = candidates.next() {
        let start = candidate.range().start;
        let mut best: Option<(Token, u8)> = None;
        let mut next = Some((candidate, rank));
        while let Some((candidate, rank)) = next {
            // The best of the candidates at this start, parsing only those
            // that could beat the best so far.
            let bound = candidate.range().end;
            let beaten = best.as_ref().is_some_and(|(token, best_rank)| {
                bound < token.range.end || (bound == token.range.end && rank > *best_rank)
            });
            if start >= end && !beaten {
                let token = match candidate {
                    Candidate::Token(token) => Some(token),
                    Candidate::Match(family, range) => parse_match(text, family, range),
                };
                if let Some(token) = token.filter(|t| !t.range.is_empty()) {
                    let better = best.as_ref().is_none_or(|(b, best_rank)| {
                        token.range.end > b.range.end
                            || (token.range.end == b.range.end && rank < *best_rank)
                    });
                    if better {
                        best = Some((token, rank));
                    }
                }
            }
            next = candidates.next_if(|(c, _)| c.range().start == start);
        }
        if let Some((token, _)) = best {
            end = token.range.end;
            tokens.push(token);
        }
    }
    tokens
}

/// The lexer as it was before windows: each family's regex over the whole
/// text. The tests hold [`lex`] to it.
#[cfg(test)]
pub(super) fn lex_whole_text(text: &str) -> Vec<Token> {
    static HOLIDAY: Lazy<Regex> = Lazy::new(|| {
        let names: Vec<String> = holiday::names().into_iter().map(regex::escape).collect();
        Regex::new(&format!("(?:{})", names.join("|"))).expect("valid regex")
    });
    fn holiday_token(text: &str, caps: &Groups<'_>) -> Option<Token> {
        let whole = caps.get(0)?;
        relative::holiday_token(text, holiday::find(whole.as_str())?, whole.range())
    }
    let mut candidates: Vec<(Token, u8)> = Vec::new();
    let no_groups = GroupIndex::default();
    let families: [(&Regex, Parser, &GroupIndex); 6] = [
        (&absolute::CALENDAR, absolute::calendar, &GROUPS[0]),
        (&relative::RELATIVE, relative::relative, &GROUPS[1]),
        (&HOLIDAY, holiday_token, &no_groups),
        (&duration::SET, duration::set, &GROUPS[2]),
        (&clock::CLOCK, clock::clock, &GROUPS[3]),
        (&duration::DURATION, duration::duration, &GROUPS[4]),
    ];
    for (priority, (regex, parse, index)) in families.iter().enumerate() {
        let mut at = 0;
        while let Some(captures) = regex.captures_at(text, at) {
            let Some(whole) = captures.get(0) else {
                break;
            };
            if let Some(token) = parse(text, &Groups::new(captures, index)) {
                if !token.range.is_empty() {
                    candidates.push((token, priority as u8));
                }
            }
            at = whole.start() + char_at(text, whole.start()).map_or(1, char::len_utf8);
        }
    }
    candidates.sort_by(|(a, pa), (b, pb)| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
            .then(pa.cmp(pb))
    });
    let mut tokens: Vec<Token> = Vec::new();
    let mut end = 0;
    for (token, _) in candidates {
        if token.range.start >= end {
            end = token.range.end;
            tokens.push(token);
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use regex_syntax::hir::{Class, Hir, HirKind};

    use super::super::token::Atom;
    use super::*;

    fn atoms(text: &str) -> Vec<(String, Atom)> {
        lex(text)
            .into_iter()
            .map(|t| (text[t.range.clone()].to_string(), t.atom))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        atoms(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn longest_token_wins_at_each_place() {
        assert_eq!(texts("今年前4个月"), ["今年", "前4个月"]);
        assert_eq!(texts("2020年12月29日上午"), ["2020年12月29日", "上午"]);
        assert_eq!(texts("连续三年位居"), ["连续三年"]);
        assert_eq!(texts("上年四季度"), ["上年", "四季度"]);
        assert_eq!(texts("1月5日-8日"), ["1月5日", "8日"]);
    }

    #[test]
    fn numbers_that_are_not_dates_give_no_token() {
        assert!(texts("增长1.5亿元").is_empty());
        assert!(texts("3.15").is_empty());
        assert!(texts("888-000-9999").is_empty());
    }

    #[test]
    fn a_bare_day_needs_chinese_digits() {
        let got = atoms("八月十五");
        assert_eq!(got.len(), 1);
        let got = atoms("3月15亿元");
        assert_eq!(got[0].0, "3月");
    }

    /// The characters of every literal and class of `hir`.
    fn chars_of(hir: &Hir, out: &mut Vec<char>) {
        match hir.kind() {
            HirKind::Literal(literal) => out.extend(String::from_utf8_lossy(&literal.0).chars()),
            HirKind::Class(Class::Unicode(class)) => {
                out.extend(class.ranges().iter().flat_map(|r| r.start()..=r.end()))
            }
            HirKind::Class(Class::Bytes(_)) => panic!("byte classes are not searched"),
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Repetition(repetition) => chars_of(&repetition.sub, out),
            HirKind::Capture(capture) => chars_of(&capture.sub, out),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                subs.iter().for_each(|sub| chars_of(sub, out))
            }
        }
    }

    /// Adds the characters a match of `hir` can start with; whether it can match nothing.
    fn first_chars(hir: &Hir, out: &mut Vec<char>) -> bool {
        match hir.kind() {
            HirKind::Literal(literal) => match String::from_utf8_lossy(&literal.0).chars().next() {
                Some(c) => {
                    out.push(c);
                    false
                }
                None => true,
            },
            HirKind::Class(Class::Unicode(class)) => {
                out.extend(class.ranges().iter().flat_map(|r| r.start()..=r.end()));
                false
            }
            HirKind::Class(Class::Bytes(_)) => panic!("byte classes are not searched"),
            HirKind::Empty | HirKind::Look(_) => true,
            HirKind::Repetition(repetition) => {
                first_chars(&repetition.sub, out) || repetition.min == 0
            }
            HirKind::Capture(capture) => first_chars(&capture.sub, out),
            HirKind::Concat(subs) => subs.iter().all(|sub| first_chars(sub, out)),
            HirKind::Alternation(subs) => {
                let mut empty = false;
                for sub in subs {
                    empty |= first_chars(sub, out);
                }
                empty
            }
        }
    }

    /// Whether every match of `hir` contains a character of `set`.
    fn needs(hir: &Hir, set: &str) -> bool {
        match hir.kind() {
            HirKind::Literal(literal) => {
                String::from_utf8_lossy(&literal.0).contains(|c| set.contains(c))
            }
            HirKind::Class(Class::Unicode(class)) => class
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .all(|c| set.contains(c)),
            HirKind::Class(Class::Bytes(_)) => panic!("byte classes are not searched"),
            HirKind::Empty | HirKind::Look(_) => false,
            HirKind::Repetition(repetition) => repetition.min > 0 && needs(&repetition.sub, set),
            HirKind::Capture(capture) => needs(&capture.sub, set),
            HirKind::Concat(subs) => subs.iter().any(|sub| needs(sub, set)),
            HirKind::Alternation(subs) => subs.iter().all(|sub| needs(sub, set)),
        }
    }

    fn has_look(hir: &Hir) -> bool {
        match hir.kind() {
            HirKind::Look(_) => true,
            HirKind::Repetition(repetition) => has_look(&repetition.sub),
            HirKind::Capture(capture) => has_look(&capture.sub),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_look),
            _ => false,
        }
    }

    #[test]
    fn the_scanner_knows_every_character_a_pattern_uses() {
        for family in &FAMILIES {
            let pattern = family.regex.as_str();
            let hir = regex_syntax::Parser::new()
                .parse(pattern)
                .expect("valid regex");
            // A window cut at its end must not change a match: no assertions.
            assert!(!has_look(&hir), "{pattern}");
            let alphabet: HashSet<char> = scan::pattern_alphabet(pattern).into_iter().collect();
            let mut used = Vec::new();
            chars_of(&hir, &mut used);
            let missing: String = used.into_iter().filter(|c| !alphabet.contains(c)).collect();
            assert_eq!(missing, "", "alphabet of {pattern}");
            let triggers: HashSet<char> = (family.triggers)().into_iter().collect();
            let mut firsts = Vec::new();
            assert!(
                !first_chars(&hir, &mut firsts),
                "matches nothing: {pattern}"
            );
            let missing: String = firsts
                .into_iter()
                .filter(|c| !triggers.contains(c))
                .collect();
            assert_eq!(missing, "", "triggers of {pattern}");
            if let Some(required) = family.required {
                assert!(
                    needs(&hir, required),
                    "{required} in every match of {pattern}"
                );
            }
        }
    }

    #[test]
    fn each_top_level_alternative_is_cut_apart() {
        for family in &FAMILIES {
            let pattern = family.regex.as_str();
            let parse = |p: &str| regex_syntax::Parser::new().parse(p).expect("valid regex");
            let pieces = top_level_alternatives(pattern);
            // The pieces joined again are the pattern.
            let joined = format!("(?x){}", pieces.join("|"));
            assert_eq!(parse(&joined), parse(pattern), "{pieces:?}");
            // And each is one alternative: a few for all but durations.
            let top = pattern
                .lines()
                .filter(|l| l.starts_with("        |"))
                .count();
            assert_eq!(pieces.len(), top + 1, "{pieces:?}");
            assert!(
                pieces.iter().all(|piece| !piece.contains('#')),
                "{pieces:?}"
            );
        }
        assert_eq!(
            top_level_alternatives("(?x)a(b|c)\n# x|y\n|[|]\\|d"),
            ["a(b|c)\n", "[|]\\|d"]
        );
    }

    #[test]
    fn every_group_name_has_a_key_of_its_own() {
        for (family, index) in FAMILIES.iter().zip(GROUPS.iter()) {
            let names = family.regex.capture_names().flatten().count();
            assert_eq!(index.len(), names, "{}", family.regex.as_str());
        }
    }

    #[test]
    fn one_character_matches_are_the_single_words() {
        for family in &FAMILIES {
            let whole = Regex::new(&format!("^(?:{}\n)$", family.regex.as_str())).unwrap();
            let singles: String = (0..=0xFFFF_u32)
                .filter_map(char::from_u32)
                .filter(|c| whole.is_match(c.encode_utf8(&mut [0; 4])))
                .collect();
            // A bare 周 matches, and is no token (周末热, 周一 are).
            let extra: String = singles
                .chars()
                .filter(|&c| !family.single.contains(c) && c != '周')
                .collect();
            assert_eq!(extra, "", "{}", family.regex.as_str());
        }
        assert!(lex("周").is_empty());
        assert!(lex("每周,一周").iter().all(|t| t.range != (9..12)));
    }

    /// Pieces of date text and of what stands beside it.
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "3",
        "5",
        "7",
        "9",
        "12",
        "2020",
        "1999",
        "07",
        "31",
        ".",
        "/",
        "-",
        ":",
        " ",
        "\u{2003}",
        "\n",
        ",",
        "年",
        "月",
        "日",
        "号",
        "份",
        "时",
        "点",
        "分",
        "秒",
        "钟",
        "半",
        "刻",
        "整",
        "个",
        "多",
        "余",
        "来",
        "前",
        "后",
        "上",
        "下",
        "中",
        "本",
        "今",
        "明",
        "昨",
        "去",
        "每",
        "周",
        "星期",
        "礼拜",
        "天",
        "初",
        "底",
        "末",
        "旬",
        "季度",
        "半年",
        "第",
        "一",
        "二",
        "两",
        "三",
        "四",
        "五",
        "十",
        "廿",
        "卅",
        "〇",
        "零",
        "百",
        "千",
        "万",
        "几",
        "至",
        "到",
        "—",
        "~",
        "以来",
        "左右",
        "“",
        "”",
        "\"",
        "十四五",
        "规划",
        "期间",
        "时期",
        "春节",
        "中秋节",
        "国庆",
        "元旦",
        "除夕",
        "三一五",
        "民国",
        "康熙",
        "元",
        "世纪",
        "年代",
        "小时",
        "凌晨",
        "上午",
        "下午",
        "晚上",
        "早",
        "晚",
        "当天",
        "当晚",
        "次日",
        "同期",
        "连续",
        "近",
        "约",
        "大约",
        "am",
        "pm",
        "p",
        "m",
        "的",
        "和",
        "是",
        "提",
        "第",
        "马",
        "日本",
        "公司",
        "发展",
        "个字",
        "個字",
        "个月",
        "个半",
        "多月",
        "前年",
        "同年",
        "当月",
        "新的一年",
        "全年",
        "大年",
        "冬",
        "春",
        "腊",
        "正",
        "从",
        "上世纪",
        "每个",
        "过去",
        "未来",
        "最近",
    ];

    #[test]
    fn windows_find_what_the_whole_text_finds() {
        let mut texts: Vec<String> = Vec::new();
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/corpus");
        for entry in std::fs::read_dir(corpus).unwrap() {
            let file = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let value: toml::Value = toml::from_str(&file).unwrap();
            for case in value
                .get("case")
                .and_then(|c| c.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(text) = case.get("text").and_then(|t| t.as_str()) {
                    texts.push(crate::text::Text::new(text).as_str().to_string());
                }
            }
        }
        // Random strings of pieces (xorshift: the same strings every run).
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        for _ in 0..20_000 {
            let len = 1 + next(12);
            texts.push((0..len).map(|_| PIECES[next(PIECES.len())]).collect());
        }
        for text in &texts {
            assert_eq!(lex(text), lex_whole_text(text), "{text}");
        }
    }
}
