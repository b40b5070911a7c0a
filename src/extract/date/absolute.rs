//! Calendar numbers: years (`2020年`, `二〇二〇年`, `民国三年`), months, days,
//! numeric dates (`2020-12-29`, `13.5.2015`), spans (`2019-2021年`, `1-4月`)
//! and decades (`上世纪90年代`).

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use super::token::{
    Atom, DaySpec, Groups, MonthSpec, Parts, Token, YearSpec, bare_day_ok, char_at, date_token,
    day_number, ends_cleanly, month_number, small_number, starts_cleanly, token, year_number,
};
use crate::lexicon::pairs;

// Numerals used inside the patterns.
const MONTH: &str = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|正|腊|冬";
const DAY: &str = r"3[01]|[12][0-9]|0?[1-9]|初[一二三四五六七八九十]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]";
const DASH: &str = r"至|到|——|-|—|–|~";

/// Era names and the solar year of their first year (`src/data/eras.txt`).
static ERAS: Lazy<Vec<(&'static str, i32)>> = Lazy::new(|| {
    pairs(include_str!("../../data/eras.txt"))
        .into_iter()
        .filter_map(|(name, year)| Some((name, year.parse().ok()?)))
        .collect()
});

/// Calendar numbers: years, months, days, numeric dates, spans, decades.
pub(super) static CALENDAR: Lazy<Regex> = Lazy::new(|| {
    let eras: Vec<&str> = ERAS.iter().map(|(name, _)| *name).collect();
    let eras = eras.join("|");
    let pattern = format!(
        r"(?x)
        # 2020-12-29, 2020/12/29, 2020.12.29, 2010 01 29 (year first)
        (?P<iso_y>[12][0-9]{{3}})(?P<iso_s1>[-/.\ ])(?P<iso_m>[0-9]{{1,2}})(?P<iso_s2>[-/.\ ])(?P<iso_d>[0-9]{{1,2}})
        # 13.5.2015, 3/3/2015, 3-7-27, 12-11-10 (day or month first, or two-digit years)
        |(?P<dmy_a>[0-9]{{1,2}})(?P<dmy_s1>[-/.])(?P<dmy_b>[0-9]{{1,2}})(?P<dmy_s2>[-/.])(?P<dmy_c>[0-9]{{4}}|[0-9]{{1,2}})
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
        # 民国三年, 康熙二十年9月 (a year of an era)
        |(?P<era>{eras})(?P<era_n>元|[0-9]{{1,3}}|[一二三四五六七八九十]{{1,4}})年
            (?:\s?(?P<era_m>{MONTH})\s?(?P<era_m_mark>月份?)(?:\s?(?P<era_d>{DAY})\s?(?P<era_d_mark>[日号])?)?)?
        # 07年 (a two-digit year with a leading zero is no duration)
        |(?P<zy>0[0-9])\s?年
        # 18年10月1日 (a two-digit year needs its month)
        |(?P<sy>[0-9]{{2}})\s?年\s?(?P<sy_m>{MONTH})\s?(?P<sy_m_mark>月)(?:\s?(?P<sy_d>{DAY})\s?(?P<sy_d_mark>[日号])?)?
        # 12月29日, 十二月, 八月十五, 正月初八
        |(?P<m>{MONTH})\s?(?P<m_mark>月份?)(?:\s?(?P<m_d>{DAY})\s?(?P<m_d_mark>[日号])?)?
        # 29日, 二十九日
        |(?P<d>{DAY})\s?日
        # 20号: a day only after a month (a lone 号 is a number: 3号线, 12号文件)
        |(?P<dh>{DAY})\s?号
        # 初八 (a lunar day)
        |(?P<lunar_d>初[一二三四五六七八九十])
        "
    );
    Regex::new(&pattern).expect("valid regex")
});

/// Characters of which every calendar match contains one: a unit (年月日号),
/// 初 of a lunar day, a separator of a numeric date or a dash of a span.
pub(super) const REQUIRED: &str = "年月日号初/-. 至到—–~";

/// The characters a calendar match starts with: digits, Chinese numerals,
/// 初正腊冬 (lunar months and days), 从 (`从2016到2018`), 上本 (`上世纪`) and
/// the first characters of era names.
pub(super) fn triggers() -> Vec<char> {
    let written = "0123456789〇零○一二两三四五六七八九十廿卅初正腊冬从上本".chars();
    let eras = ERAS.iter().filter_map(|(name, _)| name.chars().next());
    written.chain(eras).collect()
}

pub(super) fn calendar(text: &str, caps: &Groups<'_>) -> Option<Token> {
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
        // Year first when it has two digits and that makes a date (12-11-10, 27-7-3).
        if c.len() <= 2 && !a_short {
            let year = expand(a) as i32;
            if super::calendar::is_valid(year, b, c_value) {
                return numeric_date(whole.range(), year, b, c_value);
            }
        }
        if c.len() == 1 {
            return None;
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
        let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        // 的1/5, 占1/4: a fraction after a word.
        if super::token::char_before(text, whole.start()).is_some_and(cjk) {
            return None;
        }
        if !ends_cleanly(text, whole.end())
            || matches!(next, Some('/' | '.' | '%'))
            // 1/4决赛, 2/3的: a fraction before a word.
            || next.is_some_and(cjk)
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
        // 两千年 alone is more often an amount (超过两千年) than the year 2000.
        if y.as_str().contains('千') && group("y_m").is_none() {
            return None;
        }
        let mut parts = Parts {
            year: Some(YearSpec::Absolute(year)),
            ..Parts::default()
        };
        let end = month_day(text, caps, "y", &mut parts).unwrap_or(whole.end());
        return date_token(whole.start()..end, parts);
    }
    if let Some(era) = group("era") {
        let first = ERAS.iter().find(|(name, _)| *name == era.as_str())?.1;
        let n = match group("era_n")?.as_str() {
            "元" => 1,
            n => small_number(n)? as i32,
        };
        let mut parts = Parts {
            year: Some(YearSpec::Absolute(first + n - 1)),
            ..Parts::default()
        };
        let end = month_day(text, caps, "era", &mut parts).unwrap_or(whole.end());
        return date_token(whole.start()..end, parts);
    }
    if let Some(y) = group("zy") {
        let parts = Parts {
            year: Some(YearSpec::Absolute(small_number(y.as_str())? as i32)),
            short_year: true,
            ..Parts::default()
        };
        return date_token(whole.range(), parts);
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
    if let Some(m) = group("m") {
        if spaced_chinese(text, m.as_str(), m.end(), group("m_mark")?.start()) {
            return None;
        }
        let mut parts = Parts::default();
        let end = month_day(text, caps, "", &mut parts)?;
        return date_token(whole.start()..end, parts);
    }
    if let Some(d) = group("d") {
        // 30日元: yen, not a day; 三十日内: within thirty days.
        let rest = text.get(whole.end()..).unwrap_or("");
        if rest.starts_with(['元', '内']) || rest.starts_with("以内") {
            return None;
        }
        if spaced_chinese(text, d.as_str(), d.end(), whole.end() - "日".len()) {
            return None;
        }
        let (day, lunar) = day_number(d.as_str())?;
        let parts = Parts {
            day: Some(DaySpec::Absolute(day)),
            lunar,
            ..Parts::default()
        };
        return date_token(whole.range(), parts);
    }
    if let Some(d) = group("dh") {
        let (day, _) = day_number(d.as_str())?;
        let parts = Parts {
            day: Some(DaySpec::Absolute(day)),
            dependent: true,
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

/// Whether a numeral in Chinese digits stands apart from its 月 or 日 (`五 日`,
/// `十 月`): no one writes a date so, as no one puts a space between two Han
/// characters of a word, so it is no month or day. (`10 月`, with Arabic
/// digits, is: typesetters and auto-spacing put a space between Han characters
/// and digits, as in `2020 年 10 月 1 日`.) `五 日` is then read as a
/// duration, as Duckling reads it; `十 月` is nothing.
fn spaced_chinese(text: &str, numeral: &str, numeral_end: usize, mark_start: usize) -> bool {
    let chinese = !numeral.bytes().any(|b| b.is_ascii_digit());
    chinese
        && text
            .get(numeral_end..mark_start)
            .is_some_and(|gap| !gap.is_empty())
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
fn month_day(text: &str, caps: &Groups<'_>, prefix: &str, parts: &mut Parts) -> Option<usize> {
    let [month, month_mark, day, day_mark] = match prefix {
        "y" => ["y_m", "y_m_mark", "y_d", "y_d_mark"],
        "era" => ["era_m", "era_m_mark", "era_d", "era_d_mark"],
        "sy" => ["sy_m", "sy_m_mark", "sy_d", "sy_d_mark"],
        _ => ["m", "m_mark", "m_d", "m_d_mark"],
    };
    let month = caps.name(month)?;
    let (m, lunar_month) = month_number(month.as_str())?;
    parts.month = Some(MonthSpec::Absolute(m));
    parts.lunar |= lunar_month;
    let mut end = caps.name(month_mark)?.end();
    if let Some(day) = caps.name(day) {
        let marked = caps.name(day_mark);
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
