//! Holidays and festivals: their names (`src/data/holidays.txt`) and the rule
//! that puts each on the solar calendar in a given year.
//!
//! The rules are computations (Easter, the Chinese, Hebrew and Islamic
//! calendars, the moon and sun for Hindu festivals), run only for a holiday
//! name that the text contains, for the two or three years around the
//! reference.

use std::collections::HashMap;
use std::ops::Range;

use once_cell::sync::Lazy;

use super::calendar::{
    Ymd, add_days, date_of, day_number, easter, is_valid, islamic_day_number, islamic_year_at,
    orthodox_easter, weekday,
};
use super::{hebrew, hindu, lunar};
use crate::lexicon::{FastHash, pairs};

/// How a holiday falls in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// A fixed solar date.
    Solar(u32, u32),
    /// A fixed lunar date; day 0 is the last day of the month.
    Lunar(u32, u32),
    /// Days from Western Easter Sunday.
    Easter(i64),
    /// Days from Orthodox Easter Sunday.
    Orthodox(i64),
    /// A fixed date of the Islamic calendar, its months begun the day after
    /// the new moon (see [`islamic_day`]).
    Islamic(u32, u32),
    /// A fixed date of the Hebrew calendar; month 12 is the year's last Adar.
    Hebrew(u32, u32),
    /// 9 Av, or 10 Av when the 9th is a Sabbath.
    TishaBav,
    /// Israel's Independence Day: 5 Iyar, kept on the Thursday before when
    /// it falls on a Friday or Saturday, on the Tuesday when on a Monday.
    IsraelIndependence,
    /// A tithi of a Hindu month, kept where it runs at an hour (see [`hindu`]).
    Hindu { month: u32, tithi: u32, hour: u32 },
    /// Days from Thai Pongal (Makara Sankranti).
    Pongal(i64),
    /// The `n`-th `weekday` (1 = Monday) of `month`.
    Nth { month: u32, n: u32, weekday: u32 },
    /// Earth Hour: the last Saturday of March, a week earlier when that is
    /// Holy Saturday (as in 2013, 2016, 2018 and 2024; 2025's came a week
    /// early without it).
    EarthHour,
    /// The solar term 清明 (about April 5).
    Qingming,
}

/// A named holiday.
#[derive(Debug)]
pub(super) struct Holiday {
    pub(super) name: &'static str,
    rule: Rule,
}

static HOLIDAYS: Lazy<Vec<Holiday>> = Lazy::new(|| {
    pairs(include_str!("../../data/holidays.txt"))
        .into_iter()
        .filter_map(|(name, rule)| {
            Some(Holiday {
                name,
                rule: parse_rule(rule)?,
            })
        })
        .collect()
});

fn parse_rule(rule: &str) -> Option<Rule> {
    let mut words = rule.split_whitespace();
    let kind = words.next()?;
    let month_day = |s: &str| -> Option<(u32, u32)> {
        let (m, d) = s.split_once('-')?;
        Some((m.parse().ok()?, d.parse().ok()?))
    };
    Some(match kind {
        "solar" => {
            let (m, d) = month_day(words.next()?)?;
            Rule::Solar(m, d)
        }
        "lunar" => {
            let (m, d) = month_day(words.next()?)?;
            Rule::Lunar(m, d)
        }
        "islamic" => {
            let (m, d) = month_day(words.next()?)?;
            Rule::Islamic(m, d)
        }
        "hebrew" => {
            let (m, d) = month_day(words.next()?)?;
            Rule::Hebrew(m, d)
        }
        "tisha-bav" => Rule::TishaBav,
        "israel-independence" => Rule::IsraelIndependence,
        "hindu" => Rule::Hindu {
            month: words.next()?.parse().ok()?,
            tithi: words.next()?.parse().ok()?,
            hour: words.next()?.parse().ok()?,
        },
        "pongal" => Rule::Pongal(words.next()?.parse().ok()?),
        "earth-hour" => Rule::EarthHour,
        "easter" => Rule::Easter(words.next()?.parse().ok()?),
        "orthodox" => Rule::Orthodox(words.next()?.parse().ok()?),
        "nth" => Rule::Nth {
            month: words.next()?.parse().ok()?,
            n: words.next()?.parse().ok()?,
            weekday: words.next()?.parse().ok()?,
        },
        "qingming" => Rule::Qingming,
        _ => return None,
    })
}

/// The two first characters of a name (the second `None` for a name of one).
type Opening = (char, Option<char>);

/// The holidays by the two first characters of their names, longest name
/// first (and, among equal names, in the order of the list): most places
/// where a name could start are ruled out by one lookup.
static BY_OPENING: Lazy<HashMap<Opening, Vec<&'static Holiday>, FastHash>> = Lazy::new(|| {
    let mut by_opening: HashMap<Opening, Vec<&'static Holiday>, FastHash> = HashMap::default();
    for holiday in HOLIDAYS.iter() {
        let mut chars = holiday.name.chars();
        if let Some(first) = chars.next() {
            by_opening
                .entry((first, chars.next()))
                .or_default()
                .push(holiday);
        }
    }
    for holidays in by_opening.values_mut() {
        holidays.sort_by_key(|h| std::cmp::Reverse(h.name.len()));
    }
    by_opening
});

/// The first characters of holiday names, and their second characters
/// (`None` if a name has one character only).
pub(super) fn openings() -> (Vec<char>, Option<Vec<char>>) {
    let firsts = BY_OPENING.keys().map(|&(first, _)| first).collect();
    let seconds = BY_OPENING.keys().map(|&(_, second)| second).collect();
    (firsts, seconds)
}

/// The holiday of the longest name written at byte `at` of `text`, and where it is.
pub(super) fn longest_at(text: &str, at: usize) -> Option<(&'static Holiday, Range<usize>)> {
    let rest = text.get(at..)?;
    let mut chars = rest.chars();
    let first = chars.next()?;
    let second = chars.next();
    let found = |opening: Opening| {
        BY_OPENING
            .get(&opening)?
            .iter()
            .find(|h| rest.starts_with(h.name))
            .copied()
    };
    // A name of two characters or more is longer than one of one.
    let holiday = second
        .and_then(|second| found((first, Some(second))))
        .or_else(|| found((first, None)))?;
    Some((holiday, at..at + holiday.name.len()))
}

/// Every holiday name, longest first.
#[cfg(test)]
pub(super) fn names() -> Vec<&'static str> {
    let mut names: Vec<_> = HOLIDAYS.iter().map(|h| h.name).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// The holiday of this name.
#[cfg(test)]
pub(super) fn find(name: &str) -> Option<&'static Holiday> {
    HOLIDAYS.iter().find(|h| h.name == name)
}

impl Holiday {
    /// Every date of the holiday in `year`, in order (an Islamic holiday can fall twice).
    pub(super) fn occurrences(&self, year: i32) -> impl Iterator<Item = Ymd> {
        let islamic = match self.rule {
            Rule::Islamic(m, d) => Some((islamic_year_at(year), m, d)),
            _ => None,
        };
        let (first, rest) = match islamic {
            // The Islamic years that start in or run into this solar year.
            Some((y, m, d)) => (
                None,
                Some((y..=y + 2).filter_map(move |y| islamic_day(y, m, d).map(date_of))),
            ),
            None => (self.in_year(year), None),
        };
        first
            .into_iter()
            .chain(rest.into_iter().flatten())
            .filter(move |date| date.0 == year)
    }

    /// The holiday's solar date in `year`, when the rules reach it.
    ///
    /// Islamic holidays can fall twice in one solar year; this gives the first.
    pub(super) fn in_year(&self, year: i32) -> Option<Ymd> {
        match self.rule {
            Rule::Solar(m, d) => is_valid(year, m, d).then_some((year, m, d)),
            Rule::Lunar(m, d) => {
                // The lunar year that started in this solar year, or the one before (除夕).
                [year, year - 1].into_iter().find_map(|lunar_year| {
                    let day = if d == 0 {
                        lunar::month_length(lunar_year, m, false)?
                    } else {
                        d
                    };
                    let date = date_of(lunar::to_solar(lunar_year, m, false, day)?);
                    (date.0 == year).then_some(date)
                })
            }
            Rule::Easter(offset) => Some(add_days(easter(year), offset)),
            Rule::Orthodox(offset) => Some(add_days(orthodox_easter(year), offset)),
            Rule::Islamic(..) => self.occurrences(year).next(),
            Rule::Hebrew(m, d) => hebrew_in(year, |y| {
                let month = if m == 12 { hebrew::last_month(y) } else { m };
                hebrew::day_number(y, month, d)
            }),
            Rule::TishaBav => hebrew_in(year, |y| {
                let day = hebrew::day_number(y, 5, 9)?;
                Some(day + i64::from(weekday(day) == 6))
            }),
            Rule::IsraelIndependence => hebrew_in(year, |y| {
                let day = hebrew::day_number(y, 2, 5)?;
                Some(match weekday(day) {
                    5 => day - 1,
                    6 => day - 2,
                    1 => day + 1,
                    _ => day,
                })
            }),
            Rule::Hindu { month, tithi, hour } => {
                let date = hindu::lunar_day(year, month, tithi, f64::from(hour))?;
                (date.0 == year).then_some(date)
            }
            Rule::Pongal(offset) => Some(add_days(hindu::pongal(year)?, offset)),
            Rule::EarthHour => {
                let saturday = last_weekday(year, 3, 6);
                let holy_saturday = add_days(easter(year), -1);
                Some(if saturday == holy_saturday {
                    add_days(saturday, -7)
                } else {
                    saturday
                })
            }
            Rule::Nth {
                month,
                n,
                weekday: w,
            } => {
                let first = day_number(year, month, 1);
                let offset = (i64::from(w) - i64::from(weekday(first))).rem_euclid(7);
                let date = date_of(first + offset + 7 * (i64::from(n) - 1));
                (date.1 == month).then_some(date)
            }
            Rule::Qingming => {
                // The 寿星 formula: [Y·0.2422 + C] − [Y/4], C = 4.81 (2001–2100), 5.59 (1901–2000).
                if !(1901..=2100).contains(&year) {
                    return None;
                }
                let y = f64::from(year % 100);
                let c = if year > 2000 { 4.81 } else { 5.59 };
                let day = (y * 0.2422 + c).floor() as i32 - (year % 100) / 4;
                Some((year, 4, u32::try_from(day).ok()?))
            }
        }
    }
}

/// The last `weekday` (1 = Monday) of `month` in `year`.
fn last_weekday(year: i32, month: u32, w: u32) -> Ymd {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let last = day_number(next_year, next_month, 1) - 1;
    let back = (i64::from(weekday(last)) - i64::from(w)).rem_euclid(7);
    date_of(last - back)
}

/// The date in solar `year` of a Hebrew-calendar day, given as a day number
/// for a Hebrew year (the two Hebrew years that overlap `year` are tried).
fn hebrew_in(year: i32, day: impl Fn(i64) -> Option<i64>) -> Option<Ymd> {
    let first = i64::from(year) + 3760;
    (first..=first + 1)
        .filter_map(day)
        .map(date_of)
        .find(|date| date.0 == year)
}

/// The day number of an Islamic date, its month begun the day after the new
/// moon (the first day of a Chinese lunar month, src/data/lunar.txt).
///
/// This is close to the Umm al-Qura calendar of Saudi Arabia, whose month
/// begins the day after a new moon that comes before sunset at Mecca: both
/// agree unless the new moon falls between Mecca's sunset and midnight in
/// China, or the moon sets before the sun, when the month begins a day later
/// than this. Countries that wait to see the crescent may begin a day later
/// still: China's 古尔邦节 fell a day after this in 2023 and 2024 (06-29,
/// 06-17), on it in 2025 (06-06). Against Saudi Arabia's dates of 2005–2024,
/// 34 of 40 Eids fall on the day given here (the tabular calendar alone: 15).
/// Outside 1900–2099 the tabular calendar is used.
fn islamic_day(year: i32, month: u32, day: u32) -> Option<i64> {
    let tabular = islamic_day_number(year, month, 1);
    let first = match lunar::month_start_near(tabular - 1) {
        Some(new_moon) if (new_moon + 1 - tabular).abs() <= 3 => new_moon + 1,
        _ => tabular,
    };
    Some(first + i64::from(day) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(name: &str, year: i32) -> Option<Ymd> {
        find(name).and_then(|h| h.in_year(year))
    }

    #[test]
    fn every_line_of_the_list_has_a_rule() {
        let lines = crate::lexicon::entries(include_str!("../../data/holidays.txt")).count();
        assert_eq!(HOLIDAYS.len(), lines);
    }

    #[test]
    fn holidays_fall_where_calendars_put_them() {
        assert_eq!(on("春节", 2014), Some((2014, 1, 31)));
        assert_eq!(on("除夕", 2020), Some((2020, 1, 24)));
        assert_eq!(on("中秋节", 2020), Some((2020, 10, 1)));
        assert_eq!(on("清明节", 2020), Some((2020, 4, 4)));
        assert_eq!(on("清明节", 2019), Some((2019, 4, 5)));
        assert_eq!(on("复活节", 2013), Some((2013, 3, 31)));
        assert_eq!(on("开斋节", 2013), Some((2013, 8, 8)));
        assert_eq!(on("母亲节", 2020), Some((2020, 5, 10)));
        assert_eq!(on("国庆节", 2020), Some((2020, 10, 1)));
    }

    #[test]
    fn holidays_of_other_calendars_over_several_years() {
        // Hebrew: the civil day kept; Purim in Adar II of a leap year.
        assert_eq!(on("赎罪日", 2013), Some((2013, 9, 14)));
        assert_eq!(on("赎罪日", 2020), Some((2020, 9, 28)));
        assert_eq!(on("普珥节", 2024), Some((2024, 3, 24)));
        assert_eq!(on("圣殿被毁日", 2019), Some((2019, 8, 11)));
        assert_eq!(on("圣殿被毁日", 2021), Some((2021, 7, 18)));
        assert_eq!(on("以色列独立日", 2013), Some((2013, 4, 16)));
        assert_eq!(on("以色列独立日", 2019), Some((2019, 5, 9)));
        assert_eq!(on("以色列独立日", 2020), Some((2020, 4, 29)));
        // Islamic: the months of the Umm al-Qura calendar.
        assert_eq!(on("伊斯兰新年", 2013), Some((2013, 11, 4)));
        assert_eq!(on("开斋节", 2021), Some((2021, 5, 13)));
        assert_eq!(on("古尔邦节", 2019), Some((2019, 8, 11)));
        let twice = find("伊斯兰新年").map(|h| h.occurrences(2008).count());
        assert_eq!(twice, Some(2));
        // Hindu and Buddhist.
        assert_eq!(on("排灯节", 2014), Some((2014, 10, 23)));
        assert_eq!(on("排灯节", 2023), Some((2023, 11, 12)));
        assert_eq!(on("洒红节", 2016), Some((2016, 3, 23)));
        assert_eq!(on("印度兄妹节", 2022), Some((2022, 8, 11)));
        assert_eq!(on("庞格尔节", 2015), Some((2015, 1, 15)));
        assert_eq!(on("卫塞节", 2018), Some((2018, 5, 29)));
        // The last Saturday of March, unless it is Holy Saturday.
        assert_eq!(on("地球一小时", 2016), Some((2016, 3, 19)));
        assert_eq!(on("地球一小时", 2021), Some((2021, 3, 27)));
    }
}
