//! TimeML values: calendar points and periods, durations, and how they are written.
//!
//! A part that the text leaves unknown (a year without a reference date) is
//! `None` and is written with `X`s, as TimeML does: `XXXX-12-29`.

use std::fmt;

use crate::numeral::Number;

/// A season of the year, written as TimeML's two-letter codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }
}

/// A time of day, 24-hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Clock {
    pub(super) hour: u32,
    pub(super) minute: u32,
    pub(super) second: Option<u32>,
}

/// A day whose year or month may be unknown.
pub(super) type PartialDay = (Option<i32>, Option<u32>, Option<u32>);

/// A point or period of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Point {
    /// `2020`, `XXXX`.
    Year(Option<i32>),
    /// A decade by its first three digits: `199` is the 1990s.
    Decade(i32),
    /// `2020-SP`.
    Season(Option<i32>, Season),
    /// `2020-H1`.
    Half(Option<i32>, u32),
    /// `2020-Q1`.
    Quarter(Option<i32>, u32),
    /// `2020-12`, `XXXX-12`.
    Month(Option<i32>, u32),
    /// An ISO week: `2013-W07`.
    Week(i32, u32),
    /// The weekend of an ISO week: `2017-W13-WE`.
    Weekend(i32, u32),
    /// `2020-12-29`, `XXXX-12-29`, `XXXX-XX-29`, `XXXX-XX-XX`.
    Day(Option<i32>, Option<u32>, Option<u32>),
    /// A weekday of no known week: `XXXX-WXX-3`.
    Weekday(u32),
    /// A clock time on a day: `2020-12-29T09:30`, `XXXX-XX-XXT09:30`.
    Time(PartialDay, Clock),
    /// A relative period with no reference to count from: `XXXX-XX` (下个月), `XXXX-WXX` (下周).
    Unknown(&'static str),
}

impl Point {
    /// The year the point lies in, when known.
    pub(super) fn year(&self) -> Option<i32> {
        match *self {
            Point::Year(y)
            | Point::Season(y, _)
            | Point::Half(y, _)
            | Point::Quarter(y, _)
            | Point::Month(y, _)
            | Point::Day(y, _, _)
            | Point::Time((y, _, _), _) => y,
            Point::Week(y, _) | Point::Weekend(y, _) => Some(y),
            Point::Decade(_) | Point::Weekday(_) | Point::Unknown(_) => None,
        }
    }

    /// The same point `years` years earlier or later (for 去年同期).
    pub(super) fn shift_years(self, years: i32) -> Point {
        let shift = |y: Option<i32>| y.map(|y| y + years);
        match self {
            Point::Year(y) => Point::Year(shift(y)),
            Point::Season(y, s) => Point::Season(shift(y), s),
            Point::Half(y, h) => Point::Half(shift(y), h),
            Point::Quarter(y, q) => Point::Quarter(shift(y), q),
            Point::Month(y, m) => Point::Month(shift(y), m),
            Point::Week(y, w) => Point::Week(y + years, w),
            Point::Weekend(y, w) => Point::Weekend(y + years, w),
            Point::Day(y, m, d) => Point::Day(shift(y), m, d),
            Point::Time((y, m, d), c) => Point::Time((shift(y), m, d), c),
            other => other,
        }
    }
}

fn year(f: &mut fmt::Formatter<'_>, y: Option<i32>) -> fmt::Result {
    match y {
        Some(y) => write!(f, "{y:04}"),
        None => f.write_str("XXXX"),
    }
}

fn two(f: &mut fmt::Formatter<'_>, n: Option<u32>) -> fmt::Result {
    match n {
        Some(n) => write!(f, "{n:02}"),
        None => f.write_str("XX"),
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "T{:02}:{:02}", self.hour, self.minute)?;
        match self.second {
            Some(s) => write!(f, ":{s:02}"),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Point::Year(y) => year(f, y),
            Point::Decade(d) => write!(f, "{d:03}"),
            Point::Season(y, s) => {
                year(f, y)?;
                write!(f, "-{}", s.code())
            }
            Point::Half(y, h) => {
                year(f, y)?;
                write!(f, "-H{h}")
            }
            Point::Quarter(y, q) => {
                year(f, y)?;
                write!(f, "-Q{q}")
            }
            Point::Month(y, m) => {
                year(f, y)?;
                write!(f, "-{m:02}")
            }
            Point::Week(y, w) => write!(f, "{y:04}-W{w:02}"),
            Point::Weekend(y, w) => write!(f, "{y:04}-W{w:02}-WE"),
            Point::Day(y, m, d) => {
                year(f, y)?;
                f.write_str("-")?;
                two(f, m)?;
                f.write_str("-")?;
                two(f, d)
            }
            Point::Weekday(d) => write!(f, "XXXX-WXX-{d}"),
            Point::Unknown(value) => f.write_str(value),
            Point::Time((y, m, d), clock) => {
                year(f, y)?;
                f.write_str("-")?;
                two(f, m)?;
                f.write_str("-")?;
                two(f, d)?;
                write!(f, "{clock}")
            }
        }
    }
}

/// A unit of a duration, largest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
}

impl Unit {
    fn letter(self) -> char {
        match self {
            Unit::Year => 'Y',
            Unit::Month | Unit::Minute => 'M',
            Unit::Week => 'W',
            Unit::Day => 'D',
            Unit::Hour => 'H',
            Unit::Second => 'S',
        }
    }

    fn is_time(self) -> bool {
        matches!(self, Unit::Hour | Unit::Minute | Unit::Second)
    }

    /// The next smaller unit and how many of it make one of this, when exact.
    fn smaller(self) -> Option<(Unit, i64)> {
        Some(match self {
            Unit::Year => (Unit::Month, 12),
            Unit::Week => (Unit::Day, 7),
            Unit::Day => (Unit::Hour, 24),
            Unit::Hour => (Unit::Minute, 60),
            Unit::Minute => (Unit::Second, 60),
            Unit::Month | Unit::Second => return None,
        })
    }
}

/// An amount of time: `P3Y`, `P1Y6M`, `PT48H`; `PXY` when the amount is vague (几年).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Duration {
    /// Amounts by unit, largest unit first; `None` for an unknown amount.
    pub(super) parts: Vec<(Option<Number>, Unit)>,
}

impl Duration {
    /// `amount` of `unit`; a half becomes the next smaller unit when that is exact
    /// (半年 → P6M, 1.5小时 → PT90M); other fractions stay decimals (18.7天 → P18.7D).
    pub(super) fn new(amount: Option<Number>, unit: Unit) -> Duration {
        let mut amount = amount;
        let mut unit = unit;
        while let Some(n) = amount {
            if n.is_integer() || n.denominator() != 2 {
                break;
            }
            let Some((smaller, factor)) = unit.smaller() else {
                break;
            };
            let Some(scaled) = n.checked_mul(Number::from(factor)) else {
                break;
            };
            amount = Some(scaled);
            unit = smaller;
        }
        Duration {
            parts: vec![(amount, unit)],
        }
    }

    /// The largest unit written.
    pub(super) fn largest(&self) -> Option<Unit> {
        self.parts.first().map(|p| p.1)
    }

    /// The smallest unit written.
    pub(super) fn smallest(&self) -> Option<Unit> {
        self.parts.last().map(|p| p.1)
    }

    /// Appends a smaller duration (两年 + 三个月); `None` unless its units are all smaller.
    pub(super) fn then(mut self, smaller: Duration) -> Option<Duration> {
        // Units sort largest first.
        if self.smallest()? >= smaller.largest()? {
            return None;
        }
        self.parts.extend(smaller.parts);
        Some(self)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        let mut in_time = false;
        for (amount, unit) in &self.parts {
            if unit.is_time() && !in_time {
                f.write_str("T")?;
                in_time = true;
            }
            match amount {
                Some(n) => write!(f, "{n}{}", unit.letter())?,
                None => write!(f, "X{}", unit.letter())?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_written_as_timeml() {
        assert_eq!(
            Point::Day(Some(2020), Some(12), Some(29)).to_string(),
            "2020-12-29"
        );
        assert_eq!(
            Point::Day(None, Some(12), Some(29)).to_string(),
            "XXXX-12-29"
        );
        assert_eq!(Point::Day(None, None, Some(29)).to_string(), "XXXX-XX-29");
        assert_eq!(Point::Quarter(Some(2020), 1).to_string(), "2020-Q1");
        assert_eq!(Point::Week(2013, 7).to_string(), "2013-W07");
        assert_eq!(Point::Decade(199).to_string(), "199");
        let clock = Clock {
            hour: 21,
            minute: 0,
            second: None,
        };
        assert_eq!(
            Point::Time((Some(2020), Some(12), Some(29)), clock).to_string(),
            "2020-12-29T21:00"
        );
        assert_eq!(
            Point::Time((None, None, None), clock).to_string(),
            "XXXX-XX-XXT21:00"
        );
    }

    #[test]
    fn halves_become_the_next_unit_down() {
        let half = Number::ratio(1, 2).unwrap();
        assert_eq!(Duration::new(Some(half), Unit::Year).to_string(), "P6M");
        assert_eq!(Duration::new(Some(half), Unit::Hour).to_string(), "PT30M");
        assert_eq!(Duration::new(Some(half), Unit::Day).to_string(), "PT12H");
        assert_eq!(Duration::new(Some(half), Unit::Month).to_string(), "P0.5M");
        assert_eq!(Duration::new(None, Unit::Year).to_string(), "PXY");
        let decimal = Number::ratio(187, 10).unwrap();
        assert_eq!(
            Duration::new(Some(decimal), Unit::Day).to_string(),
            "P18.7D"
        );
        let compound = Duration::new(Some(Number::from(2)), Unit::Year)
            .then(Duration::new(Some(Number::from(3)), Unit::Month))
            .unwrap();
        assert_eq!(compound.to_string(), "P2Y3M");
        let hours = Duration::new(Some(Number::from(1)), Unit::Hour)
            .then(Duration::new(Some(Number::from(15)), Unit::Second))
            .unwrap();
        assert_eq!(hours.to_string(), "PT1H15S");
    }
}
