//! The lexer: date words found by a few static regexes, each turned into an [`Atom`].
//!
//! Each family of words has its own regex (calendar numbers, relative words,
//! clock times, durations, sets, holidays, marks). Their matches may overlap;
//! [`lex`] keeps, from left to right, the longest match that starts at each
//! place (a family listed earlier wins a tie), so that `前4个月` beats `4个月`
//! and `2020年12月29日` beats `2020年`. The composer then joins adjacent atoms.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::{Captures, Regex};

use super::holiday::{self, Holiday};
use super::value::{Duration, Season, Unit};
use crate::DateModifier;
use crate::numeral::{self, Number};

/// The year of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearSpec {
    /// Written out: `2020年`.
    Absolute(i32),
    /// Relative to the reference year: `今年` 0, `去年` −1.
    Relative(i32),
    /// Relative to the year in context: `当年` 0, `次年` +1.
    Anchor(i32),
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
    Mark(Mark),
}

/// A token: an atom and where it is written (bytes of the normalized text).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub(super) range: Range<usize>,
    pub(super) atom: Atom,
}

// Numerals used inside the patterns.
const MONTH: &str = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|正|腊|冬";
const DAY: &str = r"3[01]|[12][0-9]|0?[1-9]|初[一二三四五六七八九十]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]";
const DASH: &str = r"至|到|——|-|—|–|~";

/// Calendar numbers: years, months, days, numeric dates, spans, decades.
static CALENDAR: Lazy<Regex> = Lazy::new(|| {
    let pattern = format!(
        r"(?x)
        # 2020-12-29, 2020/12/29, 2020.12.29, 2010 01 29 (year first)
        (?P<iso_y>[12][0-9]{{3}})(?P<iso_s1>[-/.\ ])(?P<iso_m>[0-9]{{1,2}})(?P<iso_s2>[-/.\ ])(?P<iso_d>[0-9]{{1,2}})
        # 13.5.2015, 3/3/2015, 3-7-27, 12-11-10 (day or month first, or two-digit years)
        |(?P<dmy_a>[0-9]{{1,2}})(?P<dmy_s1>[-/.])(?P<dmy_b>[0-9]{{1,2}})(?P<dmy_s2>[-/.])(?P<dmy_c>[0-9]{{4}}|[0-9]{{2}})
        # 2/15, 12/1 (month/day)
        |(?P<md_m>[0-9]{{1,2}})/(?P<md_d>[0-9]{{1,2}})
        # 2019-2021年, 2019年至2021年, 从2016到2018
        |(?P<yr_from>从)?(?P<yr_a>[12][0-9]{{3}})\s?(?P<yr_a_mark>年)?\s?(?:{DASH})\s?(?P<yr_b>[12][0-9]{{3}})(?P<yr_b_mark>\s?年)?
        # 1-4月, 1至4月 (months of one year)
        |(?P<mr_a>{MONTH})\s?(?:{DASH})\s?(?P<mr_b>{MONTH})\s?月份?
        # 5-8日 (days of one month)
        |(?P<dr_a>3[01]|[12][0-9]|0?[1-9])\s?(?:{DASH})\s?(?P<dr_b>3[01]|[12][0-9]|0?[1-9])\s?[日号]
        # 上世纪90年代, 20世纪80年代, 九十年代, 1990年代
        |(?:(?P<dec_c>上|本|[0-9]{{1,2}}|[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])世纪)?(?P<dec>[12][0-9]{{2}}0|[0-9]0|[一二三四五六七八九]十)年代
        # 2020年, 二〇二〇年, 两千零四年, with a month and a day
        |(?P<y>[12][0-9]{{3}}|[〇零○一二三四五六七八九]{{4}}|[二两]千(?:零[一二三四五六七八九]|零?[一二]?十[一二三四五六七八九]?)?)\s?年
            (?:\s?(?P<y_m>{MONTH})\s?(?P<y_m_mark>月份?)(?:\s?(?P<y_d>{DAY})\s?(?P<y_d_mark>[日号])?)?)?
        # 18年10月1日 (a two-digit year needs its month)
        |(?P<sy>[0-9]{{2}})\s?年\s?(?P<sy_m>{MONTH})\s?(?P<sy_m_mark>月)(?:\s?(?P<sy_d>{DAY})\s?(?P<sy_d_mark>[日号])?)?
        # 12月29日, 十二月, 八月十五, 正月初八
        |(?P<m>{MONTH})\s?(?P<m_mark>月份?)(?:\s?(?P<m_d>{DAY})\s?(?P<m_d_mark>[日号])?)?
        # 29日, 二十九日 (a lone 号 is a number: 3号线, 12号文件)
        |(?P<d>{DAY})\s?日
        # 初八 (a lunar day)
        |(?P<lunar_d>初[一二三四五六七八九十])
        "
    );
    Regex::new(&pattern).expect("valid regex")
});

/// Relative words, periods of the year, weeks, parts of the day.
static RELATIVE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        # 去年同期, 上年同期: the period in context, a year earlier
        (?P<same>去年|上年|前年|上一年)同期
        # 前4个月: months 1..4
        |前(?P<first_months>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})个?月份?
        # 前三季度: quarters 1..3
        |前(?P<first_quarters>[一二三四1-4])个?季度
        # 上半年, 下半年
        |(?P<half>上|下)半年度?
        # 一季度, 第四季度
        |第?(?P<quarter>[一二三四1-4])季度
        # 春季, 夏天
        |(?P<season>春|夏|秋|冬)(?:季|天)
        # 年初, 年中, 年底, 年末
        |年(?P<year_part>初|中|底|末)
        # 月初, 月中, 月底, 月末
        |月(?P<month_part>初|中|底|末)
        # 上旬, 中旬, 下旬
        |(?P<xun>上|中|下)旬
        # 全年
        |(?P<whole_year>全年)
        # 大年初一, 大年三十
        |大年(?P<big_year_day>初[一二三四五六七八九十]|三十)
        # years relative to the reference
        |(?P<rel_year>大前年|前年|去年|今年|明年|后年|大后年|本年|上年|下年|这一年|上一年|下一年)
        # years relative to the year in context
        |(?P<anchor_year>当年|同年|次年|翌年)
        # months relative to the reference
        |(?P<rel_month>本月|上月|下月|这个月|上个月|下个月|今个月|上一个月|下一个月)
        # months relative to the month in context
        |(?P<anchor_month>当月|同月|次月)
        # 十月第一个星期一
        |第(?P<nth>[一二三四五1-5])个?(?:星期|礼拜|周)(?P<nth_day>[一二三四五六日天1-7])
        # 上周三, 本周, 周末, 这一周, 星期天
        |(?P<week_prefix>上上个?|下下个?|上个|下个|上一|下一|上|下|本|这个|这一|这|今个|今)?(?P<week_word>星期|礼拜|周)(?P<weekday>[一二三四五六日天1-7]|末)?
        # days relative to the reference
        |(?P<rel_day>大前天|前天|昨天|昨日|前日|今天|今日|明天|明日|大后天|大后日|后天|后日|寻日|听日)
        # days relative to the day in context
        |(?P<anchor_day>当天|当日|次日|翌日|同日|前一天|前一日|第二天)
        # 今晚, 昨晚, 明早: a day and its part
        |(?P<rel_day_part>今|昨|明)(?P<rel_part>晚|早|晨)
        # parts of the day
        |(?P<day_part>凌晨|清晨|早上|早晨|早间|上午|中午|午后|下午|傍晚|晚上|晚间|夜里|夜间|深夜|晏昼|早|晚)
        # “十四五”期间: a five-year plan
        |(?P<plan_open>“|\x22)?(?P<plan>十[一二三四五六七八九]五)(?P<plan_close>”|\x22)?(?P<plan_tail>规划|期间|时期)?
        ",
    )
    .expect("valid regex")
});

/// Clock times.
static CLOCK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        # 9:30, 17:55:23, 3:15pm, 8:00 a.m.
        (?P<colon_h>[01]?[0-9]|2[0-4]):(?P<colon_m>[0-5][0-9])(?::(?P<colon_s>[0-5][0-9]))?(?:\s?(?P<colon_ampm>[aApP])\.?(?:[mM]\.?)?)?
        # 3pm
        |(?P<ampm_h>1[0-2]|0?[1-9])\s?(?P<ampm>[aApP])[mM]
        # 9时30分, 下午三点十五, 三点半, 八点整, 三点一刻
        |(?P<h>2[0-4]|[01]?[0-9]|[零〇一二两三四五六七八九十]{1,3})\s?(?P<unit>点钟|点|时)
          (?:\s?(?:(?P<m>[0-5]?[0-9]|[零〇一二三四五六七八九十]{1,3})\s?(?P<m_mark>分钟?)?
              |(?P<half>半)
              |(?P<quarter>[一三])刻
              |(?P<whole>整)
              |[踏搭](?P<five>[一二三四五六七八九十]{1,2}|半)))?
          (?:\s?(?P<s>[0-5]?[0-9]|[零〇一二三四五六七八九十]{1,3})\s?秒)?
          (?P<zi>个字)?
        ",
    )
    .expect("valid regex")
});

/// Durations, with the head words their text includes.
static DURATION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        (?P<head>连续|过去|未来|最近|近|这)?
        (?P<about>大约|大概|约)?
        (?P<n>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万廿卅]+(?:点[零〇一二三四五六七八九]+)?|几|数|半)?
        \s?
        (?P<more>多|余|来)?
        (?P<ge>个)?
        (?P<more_ge>多|余)?
        (?P<half>半)?
        (?P<unit>小时|钟头|分钟|秒钟|星期|礼拜|世纪|年|月|周|天|日|钟|秒|分)
        (?P<half_after>半)?
        (?P<zhong>钟)?
        (?P<more_after>多|左右)?
        (?P<lai>来)?
        ",
    )
    .expect("valid regex")
});

/// Recurrences: 每年, 每周一.
static SET: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        # 每周一, 每个星期天
        每个?(?:星期|礼拜|周)(?P<weekday>[一二三四五六日天])
        # 每年, 每个月, 每天, 每小时
        |每个?(?P<unit>年|月|星期|礼拜|周|天|日|季度|小时)
        ",
    )
    .expect("valid regex")
});

/// Holiday names from `src/data/holidays.txt`, longest first.
static HOLIDAY: Lazy<Regex> = Lazy::new(|| {
    let names: Vec<String> = holiday::names().into_iter().map(regex::escape).collect();
    Regex::new(&format!("(?:{})", names.join("|"))).expect("valid regex")
});

/// Marks that qualify or join date expressions.
static MARK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        (?P<since>以来|至今)
        |(?P<approx>前后|左右)
        |(?P<before>以前|之前)
        |(?P<after>以后|之后)
        |(?P<until>截至|截止到|截止)
        |(?P<lunar>农历|阴历)
        |(?P<connector>至|到|——|-|—|–|~)
        |(?P<comma>,)
        |(?P<bare_before>前)
        |(?P<bare_after>后)
        |(?P<part>初|底|末)
        ",
    )
    .expect("valid regex")
});

/// Forces every regex of this module (for the test that proves they compile).
#[cfg(test)]
pub(super) fn force_regexes() {
    for regex in [
        &CALENDAR, &RELATIVE, &CLOCK, &DURATION, &SET, &HOLIDAY, &MARK,
    ] {
        Lazy::force(regex);
    }
}

/// Turns one match of a family's regex into a token.
type Parser = fn(&str, &Captures<'_>) -> Option<Token>;

/// Every token of `text` (folded normalized text), left to right, not overlapping.
pub(super) fn lex(text: &str) -> Vec<Token> {
    let mut candidates: Vec<(Token, u8)> = Vec::new();
    let families: [(&Regex, Parser); 7] = [
        (&CALENDAR, calendar),
        (&RELATIVE, relative),
        (&HOLIDAY, holiday_token),
        (&SET, set),
        (&CLOCK, clock),
        (&DURATION, duration),
        (&MARK, mark),
    ];
    for (priority, (regex, parse)) in families.iter().enumerate() {
        for caps in regex.captures_iter(text) {
            if let Some(token) = parse(text, &caps) {
                if !token.range.is_empty() {
                    candidates.push((token, priority as u8));
                }
            }
        }
    }
    // Longest first at each start, then the earlier family.
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

/// A small number in Arabic or Chinese digits, with 廿 (20) and 卅 (30).
pub(super) fn small_number(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let expanded = s
        .replace('廿', "二十")
        .replace('卅', "三十")
        .replace('○', "〇");
    let value = numeral::parse(&expanded).ok()?.to_i64()?;
    u32::try_from(value).ok()
}

/// The character before byte `at`, if any.
fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The character at byte `at`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Whether a match may start at `at`: not in the middle of a number.
fn starts_cleanly(text: &str, at: usize) -> bool {
    !matches!(char_before(text, at), Some(c) if c.is_ascii_digit() || c == '.')
}

/// Whether a match may end at `at`: not in the middle of a number.
fn ends_cleanly(text: &str, at: usize) -> bool {
    !matches!(char_at(text, at), Some(c) if c.is_ascii_digit())
}

fn month_number(s: &str) -> Option<(u32, bool)> {
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
fn day_number(s: &str) -> Option<(u32, bool)> {
    let lunar = s.starts_with('初');
    let digits = s.trim_start_matches('初');
    small_number(digits)
        .filter(|d| (1..=31).contains(d))
        .map(|d| (d, lunar))
}

/// Whether a day written without 日 may end here: Chinese numerals, not followed by a unit.
fn bare_day_ok(text: &str, day: &regex::Match<'_>) -> bool {
    let chinese = !day.as_str().bytes().any(|b| b.is_ascii_digit());
    let next_is_unit = matches!(
        char_at(text, day.end()),
        Some(c) if "亿万千百十个年月日号天时点分秒岁元人名家项次%倍号届周期".contains(c) || c.is_ascii_digit()
    );
    chinese && !next_is_unit
}

fn year_number(s: &str) -> Option<i32> {
    let value = small_number(s)?;
    i32::try_from(value).ok().filter(|y| (1..=9999).contains(y))
}

fn token(range: Range<usize>, atom: Atom) -> Option<Token> {
    Some(Token { range, atom })
}

fn date_token(range: Range<usize>, parts: Parts) -> Option<Token> {
    token(range, Atom::Date(parts))
}

fn calendar(text: &str, caps: &Captures<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    if !starts_cleanly(text, whole.start()) {
        return None;
    }
    let group = |name: &str| caps.name(name);
    if let Some(y) = group("iso_y") {
        let (s1, s2) = (group("iso_s1")?.as_str(), group("iso_s2")?.as_str());
        let month = small_number(group("iso_m")?.as_str())?;
        let day = small_number(group("iso_d")?.as_str())?;
        if s1 != s2 || !ends_cleanly(text, whole.end()) {
            return None;
        }
        return numeric_date(whole.range(), year_number(y.as_str())?, month, day);
    }
    if let Some(a) = group("dmy_a") {
        let (s1, s2) = (group("dmy_s1")?.as_str(), group("dmy_s2")?.as_str());
        let c = group("dmy_c")?.as_str();
        if s1 != s2 || !ends_cleanly(text, whole.end()) || (s1 == "." && c.len() != 4) {
            return None;
        }
        let a = small_number(a.as_str())?;
        let b = small_number(group("dmy_b")?.as_str())?;
        let c_value = small_number(c)?;
        let expand = |y: u32| if y < 50 { 2000 + y } else { 1900 + y };
        let a_short = group("dmy_a")?.as_str().len() == 1;
        // Year first when all three have two digits and that makes a date (12-11-10).
        if c.len() == 2 && !a_short {
            let year = expand(a) as i32;
            if super::calendar::is_valid(year, b, c_value) {
                return numeric_date(whole.range(), year, b, c_value);
            }
        }
        let year = if c.len() == 4 {
            c_value
        } else {
            expand(c_value)
        } as i32;
        // Day first (13.5.2015, 3-7-2017), else month first (10/31/1974).
        if super::calendar::is_valid(year, b, a) {
            return numeric_date(whole.range(), year, b, a);
        }
        return numeric_date(whole.range(), year, a, b);
    }
    if let Some(m) = group("md_m") {
        let month = small_number(m.as_str())?;
        let day = small_number(group("md_d")?.as_str())?;
        let next = char_at(text, whole.end());
        if !ends_cleanly(text, whole.end())
            || matches!(next, Some('/' | '.' | '的' | '%' | '以' | '左' | '多'))
            || !(1..=12).contains(&month)
            || !(1..=31).contains(&day)
        {
            return None;
        }
        let parts = Parts {
            month: Some(MonthSpec::Absolute(month)),
            day: Some(DaySpec::Absolute(day)),
            ..Parts::default()
        };
        return date_token(whole.range(), parts);
    }
    if let Some(a) = group("yr_a") {
        let marked = group("yr_a_mark").is_some() || group("yr_b_mark").is_some();
        if !marked && group("yr_from").is_none() {
            return None;
        }
        let year = |s: &str| Parts {
            year: Some(YearSpec::Absolute(year_number(s).unwrap_or(0))),
            ..Parts::default()
        };
        let (a, b) = (year(a.as_str()), year(group("yr_b")?.as_str()));
        return token(whole.range(), Atom::Span(a, b));
    }
    if let Some(a) = group("mr_a") {
        let (a, a_lunar) = month_number(a.as_str())?;
        let (b, b_lunar) = month_number(group("mr_b")?.as_str())?;
        if a >= b || a_lunar || b_lunar {
            return None;
        }
        let month = |m| Parts {
            month: Some(MonthSpec::Absolute(m)),
            ..Parts::default()
        };
        return token(whole.range(), Atom::Span(month(a), month(b)));
    }
    if let Some(a) = group("dr_a") {
        let a = small_number(a.as_str())?;
        let b = small_number(group("dr_b")?.as_str())?;
        if a >= b {
            return None;
        }
        let day = |d| Parts {
            day: Some(DaySpec::Absolute(d)),
            ..Parts::default()
        };
        return token(whole.range(), Atom::Span(day(a), day(b)));
    }
    if let Some(decade) = group("dec") {
        let digits = decade.as_str();
        let (century, decade) = if digits.len() == 4 {
            let value = small_number(digits)?;
            (Some((value / 100) as i32), (value % 100) / 10)
        } else {
            let value = small_number(digits)?;
            let century = match group("dec_c").map(|c| c.as_str()) {
                None => None,
                Some("上") => Some(19),
                Some("本") => Some(20),
                Some(c) => Some(small_number(c)? as i32 - 1),
            };
            (century, value / 10)
        };
        let parts = Parts {
            decade: Some((century, decade)),
            ..Parts::default()
        };
        return date_token(whole.range(), parts);
    }
    if let Some(y) = group("y") {
        let year = year_number(y.as_str())?;
        if matches!(char_at(text, whole.end()), Some('代' | '级')) {
            return None;
        }
        let mut parts = Parts {
            year: Some(YearSpec::Absolute(year)),
            ..Parts::default()
        };
        let end = month_day(text, caps, "y", &mut parts).unwrap_or(whole.end());
        return date_token(whole.start()..end, parts);
    }
    if let Some(y) = group("sy") {
        let short = small_number(y.as_str())? as i32;
        let mut parts = Parts {
            year: Some(YearSpec::Absolute(short)),
            short_year: true,
            ..Parts::default()
        };
        let end = month_day(text, caps, "sy", &mut parts)?;
        return date_token(whole.start()..end, parts);
    }
    if group("m").is_some() {
        let mut parts = Parts::default();
        let end = month_day(text, caps, "", &mut parts)?;
        return date_token(whole.start()..end, parts);
    }
    if let Some(d) = group("d") {
        let (day, lunar) = day_number(d.as_str())?;
        let parts = Parts {
            day: Some(DaySpec::Absolute(day)),
            lunar,
            ..Parts::default()
        };
        return date_token(whole.range(), parts);
    }
    if let Some(d) = group("lunar_d") {
        let (day, _) = day_number(d.as_str())?;
        let parts = Parts {
            day: Some(DaySpec::Absolute(day)),
            lunar: true,
            ..Parts::default()
        };
        return date_token(whole.range(), parts);
    }
    None
}

fn numeric_date(range: Range<usize>, year: i32, month: u32, day: u32) -> Option<Token> {
    if !super::calendar::is_valid(year, month, day) {
        return None;
    }
    let parts = Parts {
        year: Some(YearSpec::Absolute(year)),
        month: Some(MonthSpec::Absolute(month)),
        day: Some(DaySpec::Absolute(day)),
        ..Parts::default()
    };
    date_token(range, parts)
}

/// Fills the month and day of a calendar match (groups `<prefix>_m`, `<prefix>_d` …,
/// or `m`, `m_d` … without a prefix) and returns where the accepted part ends.
fn month_day(text: &str, caps: &Captures<'_>, prefix: &str, parts: &mut Parts) -> Option<usize> {
    let name = |suffix: &str| {
        if prefix.is_empty() {
            match suffix {
                "_m" => "m".to_string(),
                "_m_mark" => "m_mark".to_string(),
                other => format!("m{other}"),
            }
        } else {
            format!("{prefix}{suffix}")
        }
    };
    let month = caps.name(&name("_m"))?;
    let (m, lunar_month) = month_number(month.as_str())?;
    parts.month = Some(MonthSpec::Absolute(m));
    parts.lunar |= lunar_month;
    let mut end = caps.name(&name("_m_mark"))?.end();
    if let Some(day) = caps.name(&name("_d")) {
        let marked = caps.name(&name("_d_mark"));
        if let Some((d, lunar_day)) = day_number(day.as_str()) {
            if marked.is_some() || lunar_day || bare_day_ok(text, &day) {
                parts.day = Some(DaySpec::Absolute(d));
                parts.lunar |= lunar_day;
                end = marked.map_or(day.end(), |m| m.end());
            }
        }
    }
    Some(end)
}

fn relative(_text: &str, caps: &Captures<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    let range = whole.range();
    let group = |name: &str| caps.name(name).map(|m| m.as_str());
    let with = |f: &dyn Fn(&mut Parts)| {
        let mut parts = Parts::default();
        f(&mut parts);
        date_token(range.clone(), parts)
    };
    if let Some(same) = group("same") {
        // 历史同期 is not a date.
        let offset = match same {
            "前年" => -2,
            _ => -1,
        };
        return token(range, Atom::SamePeriod(offset));
    }
    if let Some(n) = group("first_months") {
        let n = small_number(n).filter(|n| (1..=12).contains(n))?;
        return with(&|p| p.period = Some(Period::FirstMonths(n)));
    }
    if let Some(n) = group("first_quarters") {
        let n = small_number(n).filter(|n| (1..=4).contains(n))?;
        return with(&|p| p.period = Some(Period::FirstQuarters(n)));
    }
    if let Some(half) = group("half") {
        let h = if half == "上" { 1 } else { 2 };
        return with(&|p| p.period = Some(Period::Half(h)));
    }
    if let Some(q) = group("quarter") {
        let q = small_number(q).filter(|q| (1..=4).contains(q))?;
        return with(&|p| p.period = Some(Period::Quarter(q)));
    }
    if let Some(season) = group("season") {
        let season = match season {
            "春" => Season::Spring,
            "夏" => Season::Summer,
            "秋" => Season::Autumn,
            _ => Season::Winter,
        };
        return with(&|p| p.period = Some(Period::Season(season)));
    }
    if let Some(part) = group("year_part") {
        let modifier = part_modifier(part);
        return with(&|p| {
            p.modifier = Some(modifier);
            p.modifier_level = Some(1);
        });
    }
    if let Some(part) = group("month_part") {
        let modifier = part_modifier(part);
        return with(&|p| {
            p.month = Some(MonthSpec::Relative(0));
            p.modifier = Some(modifier);
            p.modifier_level = Some(2);
        });
    }
    if let Some(xun) = group("xun") {
        let modifier = match xun {
            "上" => DateModifier::Start,
            "中" => DateModifier::Mid,
            _ => DateModifier::End,
        };
        return with(&|p| {
            p.modifier = Some(modifier);
            p.modifier_level = Some(2);
        });
    }
    if group("whole_year").is_some() {
        return with(&|p| p.period = Some(Period::WholeYear));
    }
    if let Some(day) = group("big_year_day") {
        let (month, day) = if day == "三十" {
            (12, 30)
        } else {
            (1, day_number(day)?.0)
        };
        return with(&|p| {
            p.month = Some(MonthSpec::Absolute(month));
            p.day = Some(DaySpec::Absolute(day));
            p.lunar = true;
        });
    }
    if let Some(word) = group("rel_year") {
        let offset = match word {
            "大前年" => -3,
            "前年" => -2,
            "去年" | "上年" | "上一年" => -1,
            "明年" | "下年" | "下一年" => 1,
            "后年" => 2,
            "大后年" => 3,
            _ => 0,
        };
        return with(&|p| p.year = Some(YearSpec::Relative(offset)));
    }
    if let Some(word) = group("anchor_year") {
        let offset = if matches!(word, "次年" | "翌年") {
            1
        } else {
            0
        };
        return with(&|p| p.year = Some(YearSpec::Anchor(offset)));
    }
    if let Some(word) = group("rel_month") {
        let offset = if word.starts_with('上') {
            -1
        } else if word.starts_with('下') {
            1
        } else {
            0
        };
        return with(&|p| p.month = Some(MonthSpec::Relative(offset)));
    }
    if let Some(word) = group("anchor_month") {
        let offset = i32::from(word == "次月");
        return with(&|p| p.month = Some(MonthSpec::Anchor(offset)));
    }
    if let Some(n) = group("nth") {
        let n = small_number(n)?;
        let day = weekday_number(group("nth_day")?)?;
        return with(&|p| p.day = Some(DaySpec::Nth { n, day }));
    }
    if group("week_word").is_some() {
        let offset = group("week_prefix").map(|prefix| match prefix {
            p if p.starts_with("上上") => -2,
            p if p.starts_with("下下") => 2,
            p if p.starts_with('上') => -1,
            p if p.starts_with('下') => 1,
            _ => 0,
        });
        return match group("weekday") {
            Some("末") => with(&|p| p.period = Some(Period::Weekend(offset.unwrap_or(0)))),
            Some(day) => {
                let day = weekday_number(day)?;
                with(&|p| p.day = Some(DaySpec::Weekday { week: offset, day }))
            }
            // A bare 周 / 星期 is not a date; 本周, 上周 are weeks.
            None => {
                let offset = offset?;
                with(&|p| p.period = Some(Period::Week(offset)))
            }
        };
    }
    if let Some(word) = group("rel_day") {
        let offset = match word {
            "大前天" => -3,
            "前天" | "前日" => -2,
            "昨天" | "昨日" | "寻日" => -1,
            "明天" | "明日" | "听日" => 1,
            "后天" | "后日" => 2,
            "大后天" | "大后日" => 3,
            _ => 0,
        };
        return with(&|p| p.day = Some(DaySpec::Relative(offset)));
    }
    if let Some(word) = group("anchor_day") {
        let offset = match word {
            "次日" | "翌日" | "第二天" => 1,
            "前一天" | "前一日" => -1,
            _ => 0,
        };
        return with(&|p| p.day = Some(DaySpec::Anchor(offset)));
    }
    if let Some(day) = group("rel_day_part") {
        let offset = match day {
            "昨" => -1,
            "明" => 1,
            _ => 0,
        };
        let part = if group("rel_part") == Some("晚") {
            DayPart::Afternoon
        } else {
            DayPart::Morning
        };
        return with(&|p| {
            p.day = Some(DaySpec::Relative(offset));
            p.day_part = Some(part);
        });
    }
    if let Some(part) = group("day_part") {
        let part = match part {
            "凌晨" => DayPart::EarlyMorning,
            "中午" => DayPart::Noon,
            "下午" | "午后" | "傍晚" | "晚上" | "晚间" | "晏昼" | "晚" => {
                DayPart::Afternoon
            }
            "夜里" | "夜间" | "深夜" => DayPart::Night,
            _ => DayPart::Morning,
        };
        return with(&|p| p.day_part = Some(part));
    }
    if let Some(plan) = caps.name("plan") {
        // 十X五: the (10 + X)th plan.
        let n = 10 + small_number(plan.as_str().chars().nth(1)?.encode_utf8(&mut [0; 4]))?;
        // The third plan began in 1966; each lasts five years.
        let first = 1966 + 5 * (i32::try_from(n).ok()? - 3);
        let open = caps.name("plan_open");
        let close = caps.name("plan_close");
        let tail = caps.name("plan_tail");
        // Only clearly the plan: quoted, or followed by 规划/期间/时期.
        if close.is_none() && tail.is_none() {
            return None;
        }
        let range = match tail {
            Some(t) if t.as_str() != "规划" => open.map_or(plan.start(), |o| o.start())..t.end(),
            _ => plan.range(),
        };
        return token(range, Atom::Plan(first));
    }
    None
}

fn part_modifier(part: &str) -> DateModifier {
    match part {
        "初" => DateModifier::Start,
        "中" => DateModifier::Mid,
        _ => DateModifier::End,
    }
}

fn weekday_number(s: &str) -> Option<u32> {
    match s {
        "日" | "天" => Some(7),
        _ => small_number(s).filter(|d| (1..=7).contains(d)),
    }
}

fn holiday_token(_text: &str, caps: &Captures<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    let holiday = holiday::find(whole.as_str())?;
    let parts = Parts {
        holiday: Some(holiday),
        ..Parts::default()
    };
    date_token(whole.range(), parts)
}

fn set(_text: &str, caps: &Captures<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    let value = if let Some(day) = caps.name("weekday") {
        format!("XXXX-WXX-{}", weekday_number(day.as_str())?)
    } else {
        match caps.name("unit")?.as_str() {
            "年" => "P1Y",
            "月" => "P1M",
            "星期" | "礼拜" | "周" => "P1W",
            "天" | "日" => "P1D",
            "季度" => "P3M",
            _ => "PT1H",
        }
        .to_string()
    };
    token(whole.range(), Atom::Set(value))
}

fn clock(text: &str, caps: &Captures<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    if !starts_cleanly(text, whole.start()) {
        return None;
    }
    let meridiem = |s: &str| Some(s.eq_ignore_ascii_case("p"));
    if let Some(h) = caps.name("colon_h") {
        if !ends_cleanly(text, whole.end()) || char_at(text, whole.end()) == Some(':') {
            return None;
        }
        let ampm = caps.name("colon_ampm");
        // A lone `a`/`p` must not start a word (`3:15 apples`).
        if ampm.is_some_and(|a| a.end() == whole.end())
            && char_at(text, whole.end()).is_some_and(|c| c.is_ascii_alphabetic())
        {
            return None;
        }
        let spec = ClockSpec {
            hour: small_number(h.as_str())?,
            minute: small_number(caps.name("colon_m")?.as_str()),
            second: caps.name("colon_s").and_then(|s| small_number(s.as_str())),
            meridiem: ampm.and_then(|a| meridiem(a.as_str())),
            certain: true,
        };
        return clock_token(whole.range(), spec);
    }
    if let Some(h) = caps.name("ampm_h") {
        if char_at(text, whole.end()).is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let spec = ClockSpec {
            hour: small_number(h.as_str())?,
            minute: None,
            second: None,
            meridiem: meridiem(caps.name("ampm")?.as_str()),
            certain: true,
        };
        return clock_token(whole.range(), spec);
    }
    let hour = small_number(caps.name("h")?.as_str())?;
    let unit = caps.name("unit")?.as_str();
    let mut minute = None;
    let mut certain = unit != "点";
    if let Some(m) = caps.name("m") {
        let value = small_number(m.as_str())?;
        let marked = caps.name("m_mark").is_some();
        let single = m.as_str().chars().count() == 1 && !m.as_str().contains('十');
        // 三點三: a single bare Chinese digit counts five-minute steps (Cantonese).
        let chinese = !m.as_str().bytes().any(|b| b.is_ascii_digit());
        minute = Some(
            if !marked && single && chinese && !m.as_str().starts_with(['零', '〇']) {
                value * 5
            } else {
                value
            },
        );
        certain |= marked;
    } else if caps.name("half").is_some() {
        minute = Some(30);
        certain = true;
    } else if let Some(q) = caps.name("quarter") {
        minute = Some(if q.as_str() == "一" { 15 } else { 45 });
        certain = true;
    } else if caps.name("whole").is_some() {
        minute = Some(0);
        certain = true;
    } else if let Some(five) = caps.name("five") {
        minute = Some(if five.as_str() == "半" {
            30
        } else {
            small_number(five.as_str())? * 5
        });
        certain = true;
    }
    if unit == "点钟" {
        certain = true;
    }
    if caps.name("zi").is_some() {
        minute = minute.map(|m| if m < 12 { m * 5 } else { m });
    }
    let spec = ClockSpec {
        hour,
        minute,
        second: caps.name("s").and_then(|s| small_number(s.as_str())),
        meridiem: None,
        certain,
    };
    clock_token(whole.range(), spec)
}

fn clock_token(range: Range<usize>, spec: ClockSpec) -> Option<Token> {
    if spec.hour > 24 || spec.minute.is_some_and(|m| m > 59) || spec.second.is_some_and(|s| s > 59)
    {
        return None;
    }
    let parts = Parts {
        clock: Some(spec),
        ..Parts::default()
    };
    date_token(range, parts)
}

fn duration(text: &str, caps: &Captures<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    let group = |name: &str| caps.name(name).map(|m| m.as_str());
    let unit_text = group("unit")?;
    let n = caps.name("n");
    let ge = group("ge").is_some();
    let half_before = group("half").is_some();
    let half_after = group("half_after").is_some();
    let bare_minute = unit_text == "分" && group("zhong").is_none() && !half_after;
    // Where the number starts, for the clean-start check and the text.
    let number_start = n.map_or(whole.start(), |n| n.start());
    if !starts_cleanly(text, number_start) {
        return None;
    }
    let unit = match unit_text {
        "年" => Unit::Year,
        "月" if ge => Unit::Month,
        "周" | "星期" | "礼拜" => Unit::Week,
        "天" | "日" => Unit::Day,
        "小时" | "钟头" => Unit::Hour,
        "钟" if ge => Unit::Hour,
        "分钟" | "分" => Unit::Minute,
        "秒" | "秒钟" => Unit::Second,
        "世纪" => Unit::Year,
        _ => return None,
    };
    let next = char_at(text, whole.end());
    match unit_text {
        "周" if matches!(next, Some('年' | '岁')) => return None,
        "年" if matches!(next, Some('级' | '代')) => return None,
        _ => {}
    }
    let mut amount = match n.map(|n| n.as_str()) {
        None if ge && half_before => Some(Number::ratio(3, 2)?),
        None if unit_text == "分" && half_after => Some(Number::ratio(3, 2)?),
        None => return None,
        Some("半") => Some(Number::ratio(1, 2)?),
        Some("几" | "数") => None,
        Some(s) => {
            // A year written digit by digit (二〇二〇) or with four digits is a date.
            let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
            let chinese_digits =
                s.chars().count() > 1 && s.chars().all(|c| "〇零一二三四五六七八九".contains(c));
            if unit == Unit::Year && (digits >= 4 || chinese_digits) {
                return None;
            }
            if s.contains(['点', '.']) && bare_minute {
                return None;
            }
            let expanded = s.replace('廿', "二十").replace('卅', "三十");
            match numeral::parse(&expanded) {
                Ok(value) => Some(value),
                // 十几 and the like: an unknown amount.
                Err(_) if s.contains('几') => None,
                Err(_) => return None,
            }
        }
    };
    if half_before && n.is_some() || half_after {
        if let Some(a) = amount {
            amount = a.checked_add(Number::ratio(1, 2)?);
        }
    }
    if unit_text == "世纪" {
        amount = amount.and_then(|a| a.checked_mul(Number::from(100)));
    }
    let more = group("more").or(group("more_ge"));
    let approx = match (group("about"), more, group("more_after")) {
        (Some(_), _, _) | (_, Some("来"), _) | (_, _, Some("左右")) => {
            Some(crate::Approx::About)
        }
        (_, Some(_), _) | (_, _, Some(_)) => Some(crate::Approx::MoreThan),
        _ => None,
    };
    let atom = DurationAtom {
        value: Duration::new(amount, unit),
        approx,
        bare_minute,
        since: group("lai").is_some(),
    };
    token(whole.range(), Atom::Duration(atom))
}

fn mark(_text: &str, caps: &Captures<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    let group = |name: &str| caps.name(name).is_some();
    let mark = if group("since") {
        Mark::Modifier(DateModifier::Since)
    } else if group("approx") {
        Mark::Modifier(DateModifier::Approx)
    } else if group("before") {
        Mark::Modifier(DateModifier::Before)
    } else if group("after") {
        Mark::Modifier(DateModifier::After)
    } else if group("until") {
        Mark::Until
    } else if group("lunar") {
        Mark::Lunar
    } else if group("connector") {
        Mark::Connector
    } else if group("comma") {
        Mark::Comma
    } else if group("bare_before") {
        Mark::Before
    } else if group("bare_after") {
        Mark::After
    } else {
        Mark::Part(part_modifier(whole.as_str()))
    };
    token(whole.range(), Atom::Mark(mark))
}

#[cfg(test)]
mod tests {
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
        assert_eq!(texts("1月5日-8日"), ["1月5日", "-", "8日"]);
    }

    #[test]
    fn numbers_that_are_not_dates_give_no_token() {
        assert!(texts("增长1.5亿元").is_empty());
        assert!(texts("3.15").is_empty());
        assert!(texts("888-000-9999").iter().all(|t| t == "-"));
    }

    #[test]
    fn chinese_small_numbers() {
        assert_eq!(small_number("廿七"), Some(27));
        assert_eq!(small_number("卅"), Some(30));
        assert_eq!(small_number("二〇二〇"), Some(2020));
        assert_eq!(small_number("两千零四"), Some(2004));
        assert_eq!(small_number("12"), Some(12));
    }

    #[test]
    fn a_bare_day_needs_chinese_digits() {
        let got = atoms("八月十五");
        assert_eq!(got.len(), 1);
        let got = atoms("3月15亿元");
        assert_eq!(got[0].0, "3月");
    }
}
