//! The Chinese lunisolar calendar (农历), 1900–2099, from the table in `src/data/lunar.txt`.
//!
//! Used to put lunar holidays (春节, 中秋节) on the solar calendar and to pick
//! the lunar year nearest the reference for a year-less lunar date (正月初八).

use once_cell::sync::Lazy;

use super::calendar::day_number;
use crate::lexicon::entries;

/// One lunar year of the table.
struct LunarYear {
    year: i32,
    /// Day number of 正月初一.
    new_year: i64,
    /// The month that is repeated as a leap month after itself, or 0.
    leap: u32,
    /// Month lengths (29 or 30) in order, the leap month after its namesake.
    lengths: Vec<u32>,
}

static YEARS: Lazy<Vec<LunarYear>> = Lazy::new(|| {
    entries(include_str!("../../data/lunar.txt"))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let year: i32 = fields.next()?.parse().ok()?;
            let (month, day) = fields.next()?.split_once('-')?;
            let new_year = day_number(year, month.parse().ok()?, day.parse().ok()?);
            let leap = fields.next()?.parse().ok()?;
            let lengths = fields
                .next()?
                .chars()
                .map(|c| if c == 'L' { 30 } else { 29 })
                .collect();
            Some(LunarYear {
                year,
                new_year,
                leap,
                lengths,
            })
        })
        .collect()
});

fn year_entry(year: i32) -> Option<&'static LunarYear> {
    let first = YEARS.first()?.year;
    YEARS.get(usize::try_from(year - first).ok()?)
}

/// Index into `lengths` of a month (the leap month when `leap`).
fn month_index(entry: &LunarYear, month: u32, leap: bool) -> Option<usize> {
    if !(1..=12).contains(&month) || (leap && entry.leap != month) {
        return None;
    }
    let after_leap = entry.leap != 0 && (month > entry.leap || (leap && month == entry.leap));
    Some((month - 1) as usize + usize::from(after_leap))
}

/// The number of days of a lunar month (29 or 30), if the table covers it.
pub(super) fn month_length(year: i32, month: u32, leap: bool) -> Option<u32> {
    let entry = year_entry(year)?;
    entry.lengths.get(month_index(entry, month, leap)?).copied()
}

/// The solar day number of a lunar date, if it exists and the table covers it.
pub(super) fn to_solar(year: i32, month: u32, leap: bool, day: u32) -> Option<i64> {
    let entry = year_entry(year)?;
    let index = month_index(entry, month, leap)?;
    let length = *entry.lengths.get(index)?;
    if day == 0 || day > length {
        return None;
    }
    let before: u32 = entry.lengths.get(..index)?.iter().sum();
    Some(entry.new_year + i64::from(before) + i64::from(day) - 1)
}

/// The first day of the Chinese lunar month that begins nearest `day`: the day
/// of a new moon in China's time (UTC+8), if the table covers it.
pub(super) fn month_start_near(day: i64) -> Option<i64> {
    let at = YEARS.partition_point(|y| y.new_year <= day);
    let from = at.saturating_sub(2);
    YEARS
        .get(from..(at + 1).min(YEARS.len()))?
        .iter()
        .flat_map(|entry| {
            entry.lengths.iter().scan(entry.new_year, |start, length| {
                let this = *start;
                *start += i64::from(*length);
                Some(this)
            })
        })
        .min_by_key(|start| (start - day).abs())
        .filter(|start| (start - day).abs() <= 15)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::date::calendar::date_of;

    #[test]
    fn new_years_and_leap_months() {
        assert_eq!(
            to_solar(2014, 1, false, 1).map(date_of),
            Some((2014, 1, 31))
        );
        assert_eq!(
            to_solar(2023, 1, false, 1).map(date_of),
            Some((2023, 1, 22))
        );
        // 2020 has a leap fourth month; 中秋 fell on 2020-10-01.
        assert_eq!(
            to_solar(2020, 8, false, 15).map(date_of),
            Some((2020, 10, 1))
        );
        assert!(to_solar(2020, 4, true, 1).is_some());
        assert!(to_solar(2020, 5, true, 1).is_none());
        assert!(to_solar(2300, 1, false, 1).is_none());
        assert!(to_solar(2020, 1, false, 31).is_none());
    }

    #[test]
    fn month_starts_are_new_moons() {
        let near = |y, m, d| month_start_near(day_number(y, m, d)).map(date_of);
        assert_eq!(near(2013, 11, 5), Some((2013, 11, 3)));
        assert_eq!(near(2014, 1, 30), Some((2014, 1, 31)));
        assert_eq!(near(1800, 1, 1), None);
    }

    #[test]
    fn the_table_is_whole() {
        assert_eq!(YEARS.len(), 200);
        for pair in YEARS.windows(2) {
            let days: u32 = pair[0].lengths.iter().sum();
            assert_eq!(pair[0].new_year + i64::from(days), pair[1].new_year);
        }
    }
}
