//! Calendar arithmetic on the proleptic Gregorian calendar: day numbers,
//! weekdays, ISO weeks, month steps, and the movable feasts (Easter, the
//! tabular Islamic calendar) that holidays are computed from.
//!
//! A day is counted as an `i64` from 1970-01-01 (day 0), so that differences
//! and steps are plain integer arithmetic.

use crate::article::days_in_month;

/// A calendar day: year, month 1..=12, day 1..=31.
pub(super) type Ymd = (i32, u32, u32);

/// Whether `(year, month, day)` names a real day.
pub(super) fn is_valid(year: i32, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// The day number of a date, counted from 1970-01-01 (H. Hinnant's algorithm).
pub(super) fn day_number(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day number (the inverse of [`day_number`]).
pub(super) fn date_of(days: i64) -> Ymd {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// The ISO weekday of a day number: 1 = Monday … 7 = Sunday.
pub(super) fn weekday(days: i64) -> u32 {
    // 1970-01-01 was a Thursday.
    ((days + 3).rem_euclid(7) + 1) as u32
}

/// `date` moved by `delta` days.
pub(super) fn add_days(date: Ymd, delta: i64) -> Ymd {
    date_of(day_number(date.0, date.1, date.2) + delta)
}

/// `(year, month)` moved by `delta` months.
pub(super) fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(delta);
    (
        index.div_euclid(12) as i32,
        (index.rem_euclid(12) + 1) as u32,
    )
}

/// The ISO 8601 week `(week-year, week)` that a date falls in.
pub(super) fn iso_week(date: Ymd) -> (i32, u32) {
    let days = day_number(date.0, date.1, date.2);
    // The week's Thursday decides its year.
    let thursday = days - i64::from(weekday(days)) + 4;
    let (year, _, _) = date_of(thursday);
    let first = day_number(year, 1, 1);
    (year, ((thursday - first) / 7 + 1) as u32)
}

/// The Monday of the ISO week that contains `date`, as a day number.
pub(super) fn monday_of(date: Ymd) -> i64 {
    let days = day_number(date.0, date.1, date.2);
    days - i64::from(weekday(days)) + 1
}

/// Western Easter Sunday of `year` (the anonymous Gregorian computus).
pub(super) fn easter(year: i32) -> Ymd {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    (year, month as u32, day as u32)
}

/// Orthodox Easter Sunday of `year` (the Julian computus), as a Gregorian date.
pub(super) fn orthodox_easter(year: i32) -> Ymd {
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    // Julian to Gregorian: the calendars drift apart by one day per century
    // not divisible by 400.
    let century = year / 100;
    let drift = century - century / 4 - 2;
    add_days((year, month as u32, day as u32), i64::from(drift))
}

/// The day number of a date of the tabular (arithmetical) Islamic calendar.
///
/// Observed dates depend on moon sightings and may differ by a day.
pub(super) fn islamic_day_number(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year);
    let m = i64::from(month);
    // Day 1 of 1 Muharram AH 1 was 622-07-16 (Julian) = 622-07-19 (proleptic Gregorian).
    let epoch = day_number(622, 7, 19);
    epoch - 1
        + i64::from(day)
        + (29 * (m - 1) + m / 2)
        + 354 * (y - 1)
        + (3 + 11 * y).div_euclid(30)
}

/// The Islamic year in which the Gregorian `year` starts.
pub(super) fn islamic_year_at(year: i32) -> i32 {
    let start = day_number(year, 1, 1);
    let mut guess = ((f64::from(year) - 622.0) * 33.0 / 32.0) as i32;
    while islamic_day_number(guess + 1, 1, 1) <= start {
        guess += 1;
    }
    while islamic_day_number(guess, 1, 1) > start {
        guess -= 1;
    }
    guess
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for days in [-800_000, -1, 0, 1, 18_000, 20_000, 2_000_000] {
            let (y, m, d) = date_of(days);
            assert_eq!(day_number(y, m, d), days);
        }
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(date_of(day_number(2020, 2, 29)), (2020, 2, 29));
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        assert_eq!(weekday(day_number(2013, 2, 12)), 2);
        assert_eq!(iso_week((2013, 2, 12)), (2013, 7));
        assert_eq!(iso_week((2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week((2018, 12, 31)), (2019, 1));
        assert_eq!(date_of(monday_of((2013, 2, 17))), (2013, 2, 11));
    }

    #[test]
    fn month_steps_carry_years() {
        assert_eq!(add_months(2020, 1, -1), (2019, 12));
        assert_eq!(add_months(2020, 12, 1), (2021, 1));
        assert_eq!(add_months(2020, 5, -17), (2018, 12));
    }

    #[test]
    fn movable_feasts() {
        assert_eq!(easter(2013), (2013, 3, 31));
        assert_eq!(easter(2024), (2024, 3, 31));
        assert_eq!(orthodox_easter(2013), (2013, 5, 5));
        assert_eq!(orthodox_easter(2024), (2024, 5, 5));
        assert_eq!(date_of(islamic_day_number(1434, 10, 1)), (2013, 8, 8));
        assert_eq!(islamic_year_at(2013), 1434);
    }
}
