//! Datelines: the date an article gives itself, for articles that come without one.
//!
//! `发布时间:2020-12-30 10:05`, `来源:龙岗融媒 2020年12月30日`, a leading
//! `2020-12-30 10:05`, `新华社北京2020年3月5日电`. A story's own dateline
//! without a year (`本报湖州12月16日电`) dates the story when the caller gives a
//! reference: it is the reference for `今天` inside that story.

use once_cell::sync::Lazy;
use regex::{Captures, Regex};

use super::calendar::{Ymd, day_number, is_valid};
use crate::ReferenceDate;

/// Datelines with a full date, best first by kind.
static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        # 发布时间:2020-12-30 10:05, 日期:2020年12月30日
        (?P<label>发布时间|发布日期|发稿时间|更新时间|发表时间|日期|时间)\s*:?\s*
            (?P<y1>[12][0-9]{3})\s*[-/.年]\s*(?P<m1>[0-9]{1,2})\s*[-/.月]\s*(?P<d1>[0-9]{1,2})\s*日?
            (?:\s*(?P<h1>[0-9]{1,2})\s*[:时]\s*(?P<i1>[0-5][0-9]))?
        # 来源:龙岗融媒 2020年12月30日
        |来源\s*:[^\n]{0,40}?(?P<y2>[12][0-9]{3})\s*[-/.年]\s*(?P<m2>[0-9]{1,2})\s*[-/.月]\s*(?P<d2>[0-9]{1,2})
            (?:\s*日?\s*(?P<h2>[0-9]{1,2})\s*:\s*(?P<i2>[0-5][0-9]))?
        # 新华社北京2020年3月5日电
        |(?P<y3>[12][0-9]{3})年(?P<m3>[0-9]{1,2})月(?P<d3>[0-9]{1,2})日(?:电|讯)
        # a line that starts with 2020-12-30 10:05
        |(?m:^)[\ \t]*(?P<y4>[12][0-9]{3})\s*[-/.年]\s*(?P<m4>[0-9]{1,2})\s*[-/.月]\s*(?P<d4>[0-9]{1,2})\s*日?
            (?:\s*(?P<h4>[0-9]{1,2})\s*:\s*(?P<i4>[0-5][0-9]))?
        ",
    )
    .expect("valid regex")
});

/// What every dateline holds: a year, a month and a day in Arabic digits.
///
/// Each alternative of [`DATELINE`] contains it, so a text without it has no
/// dateline; most texts have none, and this search (it starts only at a `1`
/// or a `2`) costs a fraction of [`DATELINE`]'s.
static YEAR_MONTH_DAY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        # 2020-12-30, 2020年12月30, 2020 / 12 / 30
        [12][0-9]{3}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}
        ",
    )
    .expect("valid regex")
});

/// A story's dateline without a year: `本报湖州12月16日电`.
static STORY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        # 12月16日电, 3月5日讯
        (?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日(?:电|讯)
        ",
    )
    .expect("valid regex")
});

/// How far into the text a story dateline may stand, in bytes.
const STORY_WINDOW: usize = 400;

/// Forces the regexes (for the test that proves they compile).
#[cfg(test)]
pub(super) fn force_regexes() {
    Lazy::force(&DATELINE);
    Lazy::force(&YEAR_MONTH_DAY);
    Lazy::force(&STORY);
}

fn number<T: std::str::FromStr>(caps: &Captures<'_>, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

/// Whether `text` (normalized, folded or not) may have a dateline.
///
/// Folding changes no character of [`YEAR_MONTH_DAY`] and makes none (a
/// test proves it), so the answer is the same before and after it.
pub(super) fn possible(text: &str) -> bool {
    YEAR_MONTH_DAY.is_match(text)
}

/// The groups of each kind of dateline in [`DATELINE`], best first: year,
/// month, day, hour, minute.
const GROUPS: [[&str; 5]; 4] = [
    ["y1", "m1", "d1", "h1", "i1"],
    ["y2", "m2", "d2", "h2", "i2"],
    ["y3", "m3", "d3", "h3", "i3"],
    ["y4", "m4", "d4", "h4", "i4"],
];

/// The reference date a dateline of `text` (folded normalized text) gives.
///
/// Callers ask [`possible`] first: most texts have no dateline.
pub(super) fn find(text: &str) -> Option<ReferenceDate> {
    let mut best: Option<(usize, ReferenceDate)> = None;
    for caps in DATELINE.captures_iter(text) {
        for (rank, [y, m, d, h, i]) in GROUPS.into_iter().enumerate() {
            let Some(year) = number::<i32>(&caps, y) else {
                continue;
            };
            let month = number(&caps, m)?;
            let day = number(&caps, d)?;
            let Some(mut date) = ReferenceDate::new(year, month, day) else {
                continue;
            };
            let hour = number::<u32>(&caps, h);
            let minute = number::<u32>(&caps, i);
            if let (Some(h), Some(i)) = (hour, minute) {
                date = date.at(h, i, 0).unwrap_or(date);
            }
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, date));
            }
        }
    }
    best.map(|(_, date)| date)
}

/// The date of a story's own dateline near the start, dated by the reference.
pub(super) fn story_date(text: &str, reference: ReferenceDate) -> Option<ReferenceDate> {
    let mut end = STORY_WINDOW.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = text.get(..end).unwrap_or("");
    let caps = STORY.captures(window)?;
    let month: u32 = number(&caps, "m")?;
    let day: u32 = number(&caps, "d")?;
    let target = day_number(reference.year, reference.month, reference.day);
    let (year, month, day): Ymd = [reference.year, reference.year - 1, reference.year + 1]
        .into_iter()
        .filter(|&y| is_valid(y, month, day))
        .map(|y| (y, month, day))
        .min_by_key(|&(y, m, d)| (day_number(y, m, d) - target).abs())?;
    ReferenceDate::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_and_leading_datelines() {
        let at = |s: &str| find(s).map(|d| d.to_string());
        assert_eq!(
            at("标题\n发布时间:2020-12-30 10:05\n正文"),
            Some("2020-12-30T10:05".into())
        );
        assert_eq!(
            at("2020-12-30 10:05\n正文"),
            Some("2020-12-30T10:05".into())
        );
        assert_eq!(
            at("来源:某某融媒 2020年12月30日"),
            Some("2020-12-30".into())
        );
        assert_eq!(
            at("新华社北京2021年3月5日电 正文"),
            Some("2021-03-05".into())
        );
        assert_eq!(at("新华社北京3月5日电 正文"), None);
        assert_eq!(at("正文2020年13月40日"), None);
    }

    #[test]
    fn every_dateline_holds_a_year_month_and_day() {
        for text in [
            "发布时间:2020-12-30 10:05",
            "日期 :  2020 年 12 月 3 日",
            "来源:某某融媒 2020/12/30",
            "新华社北京2021年3月5日电",
            "正文\n  2020.1.5 08:00",
        ] {
            assert!(DATELINE.is_match(text), "{text}");
            assert!(YEAR_MONTH_DAY.is_match(text), "{text}");
        }
        for text in [
            "发布时间:2020年12月",
            "2020-12 10:05",
            "12月30日电",
            "时间:2020",
        ] {
            assert!(!YEAR_MONTH_DAY.is_match(text), "{text}");
            assert_eq!(find(text), None, "{text}");
        }
    }

    #[test]
    fn a_story_dateline_takes_the_nearest_year() {
        let reference = ReferenceDate::new(2021, 1, 3).unwrap();
        let story = story_date("本报湖州12月16日电 今天", reference).unwrap();
        assert_eq!(story.to_string(), "2020-12-16");
    }
}
