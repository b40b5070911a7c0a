//! Holidays and festivals: their names (`src/data/holidays.txt`) and the rule
//! that puts each on the solar calendar in a given year.

use once_cell::sync::Lazy;

use super::calendar::{
    Ymd, add_days, date_of, day_number, easter, is_valid, islamic_day_number, islamic_year_at,
    orthodox_easter, weekday,
};
use super::lunar;
use crate::lexicon::pairs;

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
    /// A fixed date of the tabular Islamic calendar.
    Islamic(u32, u32),
    /// The `n`-th `weekday` (1 = Monday) of `month`.
    Nth { month: u32, n: u32, weekday: u32 },
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

/// Every holiday name, longest first, for building the matcher.
pub(super) fn names() -> Vec<&'static str> {
    let mut names: Vec<_> = HOLIDAYS.iter().map(|h| h.name).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// The holiday of this name.
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
                Some((y..=y + 1).map(move |y| date_of(islamic_day_number(y, m, d)))),
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
}
