//! The Hebrew calendar, by the arithmetic rules of the fixed calendar (the
//! molad and the four postponements), as E. M. Reingold and N. Dershowitz
//! give them in *Calendrical Calculations*.
//!
//! Months are numbered from Nisan (1) to Adar (12), with Adar II (13) in leap
//! years; the year begins in Tishri (7). A Hebrew day begins at sunset; the
//! date given here is the civil day that most of it falls on (赎罪日 5774 is
//! 2013-09-14, which began on the evening of 09-13).

/// Day number (from 1970-01-01) of 1 Tishri AM 1, the calendar's epoch
/// (Julian 3761 BCE October 7).
const EPOCH: i64 = -2_092_590;

/// Whether `year` has 13 months.
fn is_leap(year: i64) -> bool {
    (7 * year + 1).rem_euclid(19) < 7
}

/// The last month of `year`: Adar (12), or Adar II (13) in a leap year.
pub(super) fn last_month(year: i64) -> u32 {
    if is_leap(year) { 13 } else { 12 }
}

/// Days from the epoch to the molad of Tishri of `year`, with the postponement
/// that keeps Rosh Hashanah off Sunday, Wednesday and Friday.
fn elapsed_days(year: i64) -> i64 {
    let months = (235 * year - 234).div_euclid(19);
    let parts = 12_084 + 13_753 * months;
    let days = 29 * months + parts.div_euclid(25_920);
    if (3 * (days + 1)).rem_euclid(7) < 3 {
        days + 1
    } else {
        days
    }
}

/// The postponement that keeps a year's length within 353–355 or 383–385 days.
fn year_length_correction(year: i64) -> i64 {
    let (before, now, after) = (
        elapsed_days(year - 1),
        elapsed_days(year),
        elapsed_days(year + 1),
    );
    if after - now == 356 {
        2
    } else if now - before == 382 {
        1
    } else {
        0
    }
}

/// Day number of 1 Tishri (Rosh Hashanah) of `year`.
fn new_year(year: i64) -> i64 {
    EPOCH + elapsed_days(year) + year_length_correction(year)
}

/// The number of days of `month` in `year`.
fn month_length(year: i64, month: u32) -> i64 {
    let year_length = new_year(year + 1) - new_year(year);
    let short = match month {
        2 | 4 | 6 | 10 | 13 => true,
        12 => !is_leap(year),
        // Marheshvan is long, and Kislev short, only in some years.
        8 => year_length % 10 != 5,
        9 => year_length % 10 == 3,
        _ => false,
    };
    if short { 29 } else { 30 }
}

/// The day number of `day` of `month` in Hebrew `year`, if that month exists.
pub(super) fn day_number(year: i64, month: u32, day: u32) -> Option<i64> {
    if !(1..=last_month(year)).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    // Months from Tishri (7) to the end of the year, then Nisan (1) on.
    let before: i64 = if month < 7 {
        (7..=last_month(year))
            .chain(1..month)
            .map(|m| month_length(year, m))
            .sum()
    } else {
        (7..month).map(|m| month_length(year, m)).sum()
    };
    Some(new_year(year) + before + i64::from(day) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::date::calendar::date_of;

    fn on(year: i64, month: u32, day: u32) -> (i32, u32, u32) {
        date_of(day_number(year, month, day).unwrap())
    }

    #[test]
    fn holidays_of_several_years() {
        // Rosh Hashanah.
        assert_eq!(on(5774, 7, 1), (2013, 9, 5));
        assert_eq!(on(5781, 7, 1), (2020, 9, 19));
        assert_eq!(on(5785, 7, 1), (2024, 10, 3));
        // Yom Kippur, Passover, Hanukkah, Tu BiShvat.
        assert_eq!(on(5774, 7, 10), (2013, 9, 14));
        assert_eq!(on(5778, 1, 15), (2018, 3, 31));
        assert_eq!(on(5784, 1, 15), (2024, 4, 23));
        assert_eq!(on(5779, 9, 25), (2018, 12, 3));
        assert_eq!(on(5774, 11, 15), (2014, 1, 16));
        // Purim falls in Adar II in a leap year.
        assert_eq!(last_month(5784), 13);
        assert_eq!(on(5784, 13, 14), (2024, 3, 24));
        assert_eq!(on(5783, 12, 14), (2023, 3, 7));
    }

    #[test]
    fn months_that_do_not_exist_give_nothing() {
        assert!(day_number(5783, 13, 1).is_none());
        assert!(day_number(5783, 0, 1).is_none());
    }
}
