//! The lexer: date words found by a few static regexes, each turned into a [`Token`].
//!
//! Each family of words has its own regex (calendar numbers, relative words,
//! recurrences, clock times, durations) or word list (holidays). Their matches
//! may overlap; [`lex_windows`] keeps, from left to right, the longest match that
//! starts at each place (a family listed earlier wins a tie), so that `前4个月`
//! beats `4个月` and `2020年12月29日` beats `2020年`. The composer then joins
//! adjacent tokens.
//!
//! The regexes run only in the windows [`scan`] finds (where a match could
//! be), only after the last token chosen, with a plain search first; a
//! match's groups are read only when its token could be chosen, by the one
//! alternative of the pattern that made it, anchored at the match.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use once_cell::sync::Lazy;
use regex::{Regex, RegexSet};

use super::scan::{self, Classes, Scanner};
use super::token::{GroupIndex, Groups, Slot, Token, char_at};
use super::{absolute, clock, duration, holiday, relative};
use crate::lexicon::FastHash;

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
                .map(|piece| Regex::new(&format!("(?x)^(?:{piece})")).expect("valid regex"))
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
    Scanner::new(&families, &super::traditional_characters())
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

/// The groups of one match: the alternative that made it, and each group's
/// place in the match's text (see [`Groups`]).
struct Captured {
    which: usize,
    slots: Box<[Slot]>,
}

/// How many matched texts [`CAPTURED`] keeps per family before it starts over.
const CAPTURED_LIMIT: usize = 4096;

thread_local! {
    /// The groups of the texts matched lately, per family: they depend on
    /// the matched text alone, and the same few thousand texts (`今年`,
    /// `12月`, `上午`) make nearly all matches of an archive, so reading
    /// groups (the slowest engines of the regex crate) is rarely needed.
    static CAPTURED: RefCell<[HashMap<Box<str>, Captured, FastHash>; FAMILIES.len()]> =
        RefCell::new(Default::default());
}

/// The groups of `haystack`, a whole match of `family`, read by the
/// alternative of the pattern that made it, anchored: an anchored search
/// needs no search for the start, and most alternatives are read by the
/// one-pass engine.
fn capture(family: usize, haystack: &str) -> Option<Captured> {
    let alternatives = ALTERNATIVES.get(family)?;
    let count = alternatives.regexes.len();
    let which = match count {
        1 => 0,
        _ => {
            let mut matched = vec![false; count];
            alternatives
                .prefixes
                .matches_read_at(&mut matched, haystack, 0);
            matched.iter().position(|&m| m)?
        }
    };
    let regex = alternatives.regexes.get(which)?;
    let mut locations = regex.capture_locations();
    regex.captures_read(&mut locations, haystack)?;
    let slots = (0..locations.len()).map(|i| locations.get(i)).collect();
    Some(Captured { which, slots })
}

/// The token of the match of `family` at `range`.
fn parse_match(text: &str, family: usize, range: Range<usize>) -> Option<Token> {
    let parse = FAMILIES.get(family)?.parse;
    let alternatives = ALTERNATIVES.get(family)?;
    let haystack = text.get(range.clone())?;
    let read = |captured: &Captured| {
        let index = alternatives.groups.get(captured.which)?;
        parse(
            text,
            &Groups::new(text, range.start, &captured.slots, index),
        )
    };
    CAPTURED.with(|cell| {
        let Ok(mut cache) = cell.try_borrow_mut() else {
            return read(&capture(family, haystack)?);
        };
        let known = cache.get_mut(family)?;
        if let Some(captured) = known.get(haystack) {
            return read(captured);
        }
        let captured = capture(family, haystack)?;
        let token = read(&captured);
        if known.len() >= CAPTURED_LIMIT {
            known.clear();
        }
        known.insert(haystack.into(), captured);
        token
    })
}

/// Where one family stands in the text: its windows, the one it searches,
/// and its next match (or holiday token) at or after the place searched from.
struct Source<'w> {
    family: usize,
    windows: &'w [Range<usize>],
    window: usize,
    next: Option<Candidate>,
}

impl Source<'_> {
    fn start(&self) -> Option<usize> {
        self.next.as_ref().map(|c| c.range().start)
    }

    /// Finds the family's first match (or holiday) that starts at `from` or later.
    fn advance(&mut self, text: &str, from: usize) {
        self.next = None;
        while let Some(window) = self.windows.get(self.window) {
            if window.end > from {
                let at = from.max(window.start);
                self.next = if self.family == HOLIDAYS {
                    holiday_from(text, at..window.end)
                } else {
                    FAMILIES.get(self.family).and_then(|family| {
                        let found = family.regex.find_at(text.get(..window.end)?, at)?;
                        Some(Candidate::Match(self.family, found.range()))
                    })
                };
                if self.next.is_some() {
                    return;
                }
            }
            self.window += 1;
        }
    }
}

/// The first holiday token that starts in `span`.
fn holiday_from(text: &str, span: Range<usize>) -> Option<Candidate> {
    let start = span.start;
    for (offset, c) in text.get(span)?.char_indices() {
        // A name starts with a first character of one (most are seconds).
        if !SCANNER.is_trigger(HOLIDAYS, c) {
            continue;
        }
        let at = start + offset;
        if let Some((holiday, range)) = holiday::longest_at(text, at) {
            if let Some(token) = relative::holiday_token(text, holiday, range) {
                return Some(Candidate::Token(token));
            }
        }
    }
    None
}

/// Every token of `text` (folded normalized text), left to right, not
/// overlapping: see [`lex_windows`].
#[cfg(test)]
pub(super) fn lex(text: &str) -> Vec<Token> {
    let mut windows = Vec::new();
    scan(text, false, &mut windows);
    lex_windows(text, windows)
}

/// `text` (normalized) folded (see [`super::fold`]), and every token of it.
///
/// The one pass over the text that finds the windows also finds whether the
/// text has a character to fold (most have none); only then is the text
/// folded and scanned again.
pub(super) fn fold_and_lex(text: &str) -> (Cow<'_, str>, Vec<Token>) {
    // About a window per sixty bytes of news text.
    let mut windows = Vec::with_capacity(text.len() / 64 + 4);
    if scan(text, true, &mut windows) {
        return (Cow::Borrowed(text), lex_windows(text, windows));
    }
    let folded = super::fold(text);
    windows.clear();
    scan(&folded, false, &mut windows);
    let tokens = lex_windows(&folded, windows);
    (folded, tokens)
}

/// Puts the windows of `text` in `windows`; `false` if `stop` is set and
/// the text has a character to fold.
fn scan(text: &str, stop: bool, windows: &mut Vec<(usize, Range<usize>)>) -> bool {
    SCANNER.windows(text, stop, |family, window| {
        if let Some(Family { single, .. }) = FAMILIES.get(family) {
            // A window of one character that is no token alone holds no token.
            let one = char_at(text, window.start)
                .filter(|first| window.start + first.len_utf8() >= window.end);
            if one.is_some_and(|first| !single.contains(first)) {
                return;
            }
        }
        windows.push((family, window));
    })
}

/// Every token in `windows` of `text` (folded normalized text), left to
/// right, not overlapping.
///
/// At each place the longest token wins, then the earlier family. The
/// families are searched together from left to right, each from where the
/// last token chosen ends: a match that starts inside a token chosen before
/// (most matches lie inside a longer date: `12月29日` inside
/// `2020年12月29日`) is never searched for, and a match is parsed only when
/// it could beat a token already parsed at the same place.
fn lex_windows(text: &str, mut windows: Vec<(usize, Range<usize>)>) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(windows.len());
    if windows.is_empty() {
        return tokens;
    }
    // Each family's windows come in text order; put the families apart.
    windows.sort_by_key(|(family, _)| *family);
    let spans: Vec<Range<usize>> = windows.iter().map(|(_, w)| w.clone()).collect();
    let mut sources: Vec<Source<'_>> = Vec::with_capacity(FAMILIES.len() + 1);
    let mut first = 0;
    while let Some((family, _)) = windows.get(first) {
        let count = windows[first..]
            .iter()
            .take_while(|(f, _)| f == family)
            .count();
        let mut source = Source {
            family: *family,
            windows: spans.get(first..first + count).unwrap_or(&[]),
            window: 0,
            next: None,
        };
        source.advance(text, 0);
        sources.push(source);
        first += count;
    }
    // Tokens that start after their match does (`“十四五”规划` at 十).
    let mut moved: Vec<Token> = Vec::new();
    let mut here: Vec<(Candidate, u8)> = Vec::new();
    loop {
        let earliest_moved = moved.iter().map(|t| t.range.start).min();
        let Some(start) = sources
            .iter()
            .filter_map(Source::start)
            .chain(earliest_moved)
            .min()
        else {
            break;
        };
        // Tokens moved here come first, as their matches came before.
        let mut index = 0;
        while let Some(token) = moved.get(index) {
            if token.range.start == start {
                here.push((Candidate::Token(moved.swap_remove(index)), 1));
            } else {
                index += 1;
            }
        }
        for source in &mut sources {
            if source.start() != Some(start) {
                continue;
            }
            let (Some(candidate), rank) = (source.next.take(), priority(source.family)) else {
                continue;
            };
            let moves = FAMILIES
                .get(source.family)
                .is_some_and(|f| char_at(text, start).is_some_and(|c| f.moves_start.contains(c)));
            match candidate {
                Candidate::Match(family, range) if moves => {
                    let token = parse_match(text, family, range);
                    match token.filter(|t| !t.range.is_empty()) {
                        Some(token) if token.range.start > start => moved.push(token),
                        Some(token) => here.push((Candidate::Token(token), rank)),
                        None => {}
                    }
                }
                candidate => here.push((candidate, rank)),
            }
        }
        // The longest (as far as known), then the earlier family.
        if here.len() > 1 {
            here.sort_by(|(a, pa), (b, pb)| b.range().end.cmp(&a.range().end).then(pa.cmp(pb)));
        }
        let mut best: Option<(Token, u8)> = None;
        for (candidate, rank) in here.drain(..) {
            // Parse only the candidates that could beat the best so far.
            let bound = candidate.range().end;
            let beaten = best.as_ref().is_some_and(|(token, best_rank)| {
                bound < token.range.end || (bound == token.range.end && rank > *best_rank)
            });
            if beaten {
                continue;
            }
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
        // Go on after the token chosen, else one character further.
        let from = match best {
            Some((token, _)) => {
                let end = token.range.end.max(start + 1);
                tokens.push(token);
                end
            }
            None => start + char_at(text, start).map_or(1, char::len_utf8),
        };
        moved.retain(|t| t.range.start >= from);
        for source in &mut sources {
            if source.next.is_none() && source.window < source.windows.len()
                || source.start().is_some_and(|s| s < from)
            {
                source.advance(text, from);
            }
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
        let mut locations = regex.capture_locations();
        while let Some(whole) = regex.captures_read_at(&mut locations, text, at) {
            let slots: Vec<Slot> = (0..locations.len()).map(|i| locations.get(i)).collect();
            if let Some(token) = parse(text, &Groups::new(text, 0, &slots, index)) {
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
    fn every_group_is_found_by_its_name() {
        let whole = FAMILIES.iter().map(|f| &**f.regex).zip(GROUPS.iter());
        let alternatives = ALTERNATIVES
            .iter()
            .flat_map(|a| a.regexes.iter().zip(a.groups.iter()));
        for (regex, index) in whole.chain(alternatives) {
            for (at, name) in regex.capture_names().enumerate() {
                if let Some(name) = name {
                    assert_eq!(index.get(name), Some(at), "{name} in {}", regex.as_str());
                }
            }
            assert_eq!(index.get("no_such_group"), None);
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
