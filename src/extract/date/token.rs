//! Tokens: what a date word means ([`Atom`]), the marks beside date words,
//! and the helpers the families' parsers share (numbers, clean starts and
//! ends, capture groups by name). The lexer that finds them is [`super::lexer`].

use std::ops::Range;

use super::holiday::Holiday;
use super::value::{Duration, Season};
pub(super) use crate::DateModifier;
use crate::numeral;

/// The year of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearSpec {
    /// Written out: `2020年`.
    Absolute(i32),
    /// Relative to the reference year: `今年` 0, `去年` −1.
    Relative(i32),
    /// Relative to the year in context: `当年` 0, `次年` +1.
    Anchor(i32),
    /// `新的一年`: the reference year, or the next one late in the year.
    New,
}

/// The month of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MonthSpec {
    Absolute(u32),
    /// `本月` 0, `上月` −1.
    Relative(i32),
    /// `当月` 0, `次月` +1.
    Anchor(i32),
}

/// The day of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DaySpec {
    Absolute(u32),
    /// `今天` 0, `昨天` −1.
    Relative(i32),
    /// `当天` 0, `次日` +1: relative to the day in context.
    Anchor(i32),
    /// `周三` (this week), `上周三` (week −1).
    Weekday {
        week: Option<i32>,
        day: u32,
    },
    /// `第一个星期一` of a month.
    Nth {
        n: u32,
        day: u32,
    },
}

/// A period of the year that stands where a month would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Period {
    Quarter(u32),
    Half(u32),
    Season(Season),
    /// An ISO week relative to the reference week: `本周` 0.
    Week(i32),
    /// A weekend, relative to the reference week.
    Weekend(i32),
    /// `全年`.
    WholeYear,
    /// `前4个月`: months 1 to n.
    FirstMonths(u32),
    /// `前三季度`: quarters 1 to n.
    FirstQuarters(u32),
}

/// A part of the day: it moves clock hours (下午3点 → 15:00) and is not encoded otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayPart {
    /// 凌晨: hour 12 is midnight.
    EarlyMorning,
    /// 早上, 上午: hours as written.
    Morning,
    /// 中午: 1–3 are afternoon hours.
    Noon,
    /// 下午, 傍晚, 晚上: hours below 12 move by 12.
    Afternoon,
    /// 夜里, 深夜: evening hours move by 12, small hours stay.
    Night,
}

/// A clock time as written, before the part of the day moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ClockSpec {
    pub(super) hour: u32,
    pub(super) minute: Option<u32>,
    pub(super) second: Option<u32>,
    /// `pm`/`am` written after it.
    pub(super) meridiem: Option<bool>,
    /// Written with a colon (`9:30`) or with 时: needs no context to be a time.
    pub(super) certain: bool,
}

/// The slots a date expression fills, from the year down to the clock.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Parts {
    pub(super) year: Option<YearSpec>,
    pub(super) month: Option<MonthSpec>,
    pub(super) period: Option<Period>,
    pub(super) day: Option<DaySpec>,
    pub(super) holiday: Option<&'static Holiday>,
    pub(super) modifier: Option<DateModifier>,
    /// The level the modifier sits at (1 for 年底, 2 for 月底), when it stands for a slot.
    pub(super) modifier_level: Option<u8>,
    pub(super) day_part: Option<DayPart>,
    pub(super) clock: Option<ClockSpec>,
    pub(super) lunar: bool,
    /// A two-digit year (`18年`): 19xx or 20xx, whichever is nearer the reference.
    pub(super) short_year: bool,
    /// A decade: (century known, decade digit): `上世纪90年代`, `90年代`.
    pub(super) decade: Option<(Option<i32>, u32)>,
    /// A piece that is a date only after a month (`20号`: else a number, as in `3号线`).
    pub(super) dependent: bool,
    /// Days after the day named (`国庆节次日` → +1).
    pub(super) day_shift: i32,
    /// The weekday written beside a date (`10月12号,星期一`): it picks the
    /// year when none is written.
    pub(super) weekday: Option<u32>,
}

impl PartialEq for Holiday {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// A duration as written, with what its text includes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DurationAtom {
    pub(super) value: Duration,
    pub(super) approx: Option<crate::Approx>,
    /// Bare `分` (`十分`): a minute only inside a longer duration.
    pub(super) bare_minute: bool,
    /// `来` written after it (`十年来`).
    pub(super) since: bool,
}

/// A mark that qualifies or joins date expressions next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// 以来, 至今, 左右, 以前, 以后 …: a modifier attached after a date.
    Modifier(DateModifier),
    /// 前 / 后 alone: before/after a point, or ago/later after a duration.
    Before,
    After,
    /// 截至: up to.
    Until,
    /// 至, 到, -, —: the two ends of a range.
    Connector,
    /// 农历: the date that follows is lunar.
    Lunar,
    /// 初, 底, 末 after a year or a month.
    Part(DateModifier),
    /// `,` between a date and its weekday.
    Comma,
    /// 与, 和: joins the two ends of a range that 之间 closes.
    And,
    /// 之间, 间: closes a range (`2007年与2009年之间`).
    Between,
}

/// What a token means.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Atom {
    Date(Parts),
    /// Two ends written with one unit: `2019-2021年`, `1-4月`, `5-8日`.
    Span(Parts, Parts),
    Duration(DurationAtom),
    /// A recurrence: its TimeML value (`P1Y`, `XXXX-WXX-1`).
    Set(String),
    /// A five-year plan: its first year, and whether `期间` is written.
    Plan(i32),
    /// `去年同期`: the period in context, this many years away.
    SamePeriod(i32),
}

/// A token: an atom and where it is written (bytes of the normalized text).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub(super) range: Range<usize>,
    pub(super) atom: Atom,
}

/// Marks that qualify or join the date expressions beside them, longest first.
///
/// They are looked up in the text next to an expression rather than lexed:
/// most of them (`,`, `和`, `前`) are common characters that mean nothing alone.
const MARKS: &[(&str, Mark)] = &[
    ("截止到", Mark::Until),
    ("以来", Mark::Modifier(DateModifier::Since)),
    ("至今", Mark::Modifier(DateModifier::Since)),
    ("前后", Mark::Modifier(DateModifier::Approx)),
    ("左右", Mark::Modifier(DateModifier::Approx)),
    ("以前", Mark::Modifier(DateModifier::Before)),
    ("之前", Mark::Modifier(DateModifier::Before)),
    ("以后", Mark::Modifier(DateModifier::After)),
    ("之后", Mark::Modifier(DateModifier::After)),
    ("截至", Mark::Until),
    ("截止", Mark::Until),
    ("农历", Mark::Lunar),
    ("阴历", Mark::Lunar),
    ("之间", Mark::Between),
    ("——", Mark::Connector),
    ("至", Mark::Connector),
    ("到", Mark::Connector),
    ("-", Mark::Connector),
    ("—", Mark::Connector),
    ("–", Mark::Connector),
    ("~", Mark::Connector),
    ("间", Mark::Between),
    ("与", Mark::And),
    ("和", Mark::And),
    (",", Mark::Comma),
    ("前", Mark::Before),
    ("后", Mark::After),
    ("初", Mark::Part(DateModifier::Start)),
    ("底", Mark::Part(DateModifier::End)),
    ("末", Mark::Part(DateModifier::End)),
];

/// The mark written at byte `at` (after spaces), and where it is.
pub(super) fn mark_at(text: &str, at: usize) -> Option<(Mark, Range<usize>)> {
    let rest = text.get(at..)?;
    let trimmed = rest.trim_start_matches(' ');
    let start = at + (rest.len() - trimmed.len());
    // 9日至今天: 至 joins 今天; 至今 alone means up to now.
    if trimmed.starts_with("至今")
        && matches!(trimmed.chars().nth(2), Some('天' | '日' | '晚' | '早'))
    {
        return Some((Mark::Connector, start..start + "至".len()));
    }
    MARKS
        .iter()
        .find(|(word, _)| trimmed.starts_with(word))
        .map(|(word, mark)| (*mark, start..start + word.len()))
}

/// The mark written just before byte `at` (before spaces), and where it is.
pub(super) fn mark_before(text: &str, at: usize) -> Option<(Mark, Range<usize>)> {
    let before = text.get(..at)?;
    let trimmed = before.trim_end_matches(' ');
    MARKS
        .iter()
        .find(|(word, _)| trimmed.ends_with(word))
        .map(|(word, mark)| (*mark, trimmed.len() - word.len()..trimmed.len()))
}

/// The capture groups of one match, found by name through a map built once
/// per regex (`Captures::name` hashes the name with SipHash on every call,
/// and a parser asks for a dozen names a match).
///
/// The match may have been searched in a piece of the text (from `offset`
/// on): its groups are given in offsets of the whole text all the same.
pub(super) struct Groups<'h> {
    text: &'h str,
    offset: usize,
    slots: &'h [Slot],
    index: &'h GroupIndex,
}

/// Where a group is in the haystack searched, if it took part in the match.
pub(super) type Slot = Option<(usize, usize)>;

/// One group of a match: where it is in the text, and its text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Group<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Group<'h> {
    pub(super) fn start(&self) -> usize {
        self.start
    }

    pub(super) fn end(&self) -> usize {
        self.end
    }

    pub(super) fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub(super) fn as_str(&self) -> &'h str {
        self.text.get(self.start..self.end).unwrap_or("")
    }
}

/// The index of each named group of a regex, with the [`name_key`] of its name.
///
/// A regex of one alternative has a dozen names at most, and most names a
/// parser asks for are not among them: a look through a short list of keys
/// answers faster than hashing the name.
#[derive(Default)]
pub(super) struct GroupIndex(Vec<(u32, usize, Box<str>)>);

/// A cheap key of a group name: its length, first byte and last byte. Names
/// of the same key are told apart by their text.
fn name_key(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let first = bytes.first().copied().unwrap_or(0);
    let last = bytes.last().copied().unwrap_or(0);
    u32::from_le_bytes([first, last, bytes.len() as u8, (bytes.len() >> 8) as u8])
}

impl GroupIndex {
    /// The named groups of `regex`.
    pub(super) fn new(regex: &regex::Regex) -> Self {
        let names = regex.capture_names().enumerate();
        GroupIndex(
            names
                .filter_map(|(index, name)| Some((name_key(name?), index, name?.into())))
                .collect(),
        )
    }

    /// The index of the group called `name`.
    pub(super) fn get(&self, name: &str) -> Option<usize> {
        let key = name_key(name);
        self.0
            .iter()
            .find(|(k, _, written)| *k == key && **written == *name)
            .map(|(_, index, _)| *index)
    }
}

impl<'h> Groups<'h> {
    /// The groups at `slots` (by group index) of a search in `text` from
    /// byte `offset` (the haystack began there), named by `index`.
    pub(super) fn new(
        text: &'h str,
        offset: usize,
        slots: &'h [Slot],
        index: &'h GroupIndex,
    ) -> Self {
        Groups {
            text,
            offset,
            slots,
            index,
        }
    }

    /// The whole match (0) or a group by index.
    pub(super) fn get(&self, index: usize) -> Option<Group<'h>> {
        let (start, end) = (*self.slots.get(index)?)?;
        Some(Group {
            text: self.text,
            start: self.offset + start,
            end: self.offset + end,
        })
    }

    /// A group by name.
    pub(super) fn name(&self, name: &str) -> Option<Group<'h>> {
        self.get(self.index.get(name)?)
    }
}

/// A small number in Arabic or Chinese digits, with 廿 (20) and 卅 (30).
pub(super) fn small_number(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let value = if s.contains(['廿', '卅', '○']) {
        let expanded = s
            .replace('廿', "二十")
            .replace('卅', "三十")
            .replace('○', "〇");
        numeral::parse(&expanded)
    } else {
        numeral::parse(s)
    };
    let value = value.ok()?.to_i64()?;
    u32::try_from(value).ok()
}

/// 初 → START, 中 → MID, 底/末 → END.
pub(super) fn part_modifier(part: &str) -> DateModifier {
    match part {
        "初" => DateModifier::Start,
        "中" => DateModifier::Mid,
        _ => DateModifier::End,
    }
}

/// 一 … 六 → 1 … 6; 日/天 → 7.
pub(super) fn weekday_number(s: &str) -> Option<u32> {
    match s {
        "日" | "天" => Some(7),
        _ => small_number(s).filter(|d| (1..=7).contains(d)),
    }
}

/// The character before byte `at`, if any.
pub(super) fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The character at byte `at`, if any.
pub(super) fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Whether a match may start at `at`: a number must not continue one before it
/// (`112月`, `三四天`, `十二月` read from `二`).
pub(super) fn starts_cleanly(text: &str, at: usize) -> bool {
    let chinese = |c: char| "〇零○一二两三四五六七八九十百千万廿卅".contains(c);
    match (char_before(text, at), char_at(text, at)) {
        // PM2.5, 5G, 3.15: not the start of a number of ours.
        (Some(before), Some(first)) if first.is_ascii_digit() => {
            !(before.is_ascii_alphanumeric() || before == '.')
        }
        (Some(before), Some(first)) if chinese(first) => !chinese(before),
        _ => true,
    }
}

/// Whether a match may end at `at`: not in the middle of a number.
pub(super) fn ends_cleanly(text: &str, at: usize) -> bool {
    !matches!(char_at(text, at), Some(c) if c.is_ascii_digit())
}

/// A month number; `lunar` for 正月, 冬月, 腊月.
pub(super) fn month_number(s: &str) -> Option<(u32, bool)> {
    match s {
        "正" => Some((1, true)),
        "冬" => Some((11, true)),
        "腊" => Some((12, true)),
        _ => small_number(s)
            .filter(|m| (1..=12).contains(m))
            .map(|m| (m, false)),
    }
}

/// A day number; `lunar` for 初X.
pub(super) fn day_number(s: &str) -> Option<(u32, bool)> {
    let lunar = s.starts_with('初');
    let digits = s.trim_start_matches('初');
    small_number(digits)
        .filter(|d| (1..=31).contains(d))
        .map(|d| (d, lunar))
}

/// Whether a day written without 日 may end here: Chinese numerals, not followed by a unit.
pub(super) fn bare_day_ok(text: &str, day: &Group<'_>) -> bool {
    let chinese = !day.as_str().bytes().any(|b| b.is_ascii_digit());
    let next = char_at(text, day.end());
    let next_is_unit = matches!(
        next,
        Some(c) if "亿万千百十个年月日号天时点分秒岁元人名家项次%倍号届周期".contains(c) || c.is_ascii_digit()
    );
    // 一月19到20日: an Arabic day may go without 日 before the other end of a range.
    let before_dash = matches!(next, Some('到' | '至' | '-' | '—' | '–' | '~'));
    (chinese && !next_is_unit) || before_dash
}

/// A year written in Arabic or Chinese digits.
pub(super) fn year_number(s: &str) -> Option<i32> {
    let value = small_number(s)?;
    i32::try_from(value).ok().filter(|y| (1..=9999).contains(y))
}

/// A token of `atom` at `range`.
pub(super) fn token(range: Range<usize>, atom: Atom) -> Option<Token> {
    Some(Token { range, atom })
}

/// A date token.
pub(super) fn date_token(range: Range<usize>, parts: Parts) -> Option<Token> {
    token(range, Atom::Date(parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_small_numbers() {
        assert_eq!(small_number("廿七"), Some(27));
        assert_eq!(small_number("卅"), Some(30));
        assert_eq!(small_number("二〇二〇"), Some(2020));
        assert_eq!(small_number("两千零四"), Some(2004));
        assert_eq!(small_number("12"), Some(12));
    }
}
