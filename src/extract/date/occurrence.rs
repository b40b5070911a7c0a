//! Which occurrence a date names when the text leaves its year (or month, or
//! week) unsaid: `12月29日`, `元旦`, `29日`, `一季度`, `星期一`.
//!
//! [`Resolve::Nearest`] takes the occurrence nearest the reference (the
//! reference's own year on a tie), [`Resolve::Future`] the first on or after
//! the reference day, [`Resolve::Past`] the last on or before it.
//!
//! Examples that prove these rules: fixtures/corpus/date.toml

use super::calendar::{Ymd, add_months, day_number, is_valid};
use crate::Resolve;

/// The candidate whose day number is picked by `direction` from `target`.
///
/// Candidates come in order of preference for a tie (`Nearest` keeps the first
/// of two equally near).
pub(super) fn pick<T>(
    target: i64,
    direction: Resolve,
    candidates: impl IntoIterator<Item = (T, i64)>,
) -> Option<T> {
    let candidates = candidates.into_iter();
    match direction {
        Resolve::Nearest => candidates
            .min_by_key(|(_, days)| (days - target).abs())
            .map(|(t, _)| t),
        Resolve::Future => candidates
            .filter(|(_, days)| *days >= target)
            .min_by_key(|(_, days)| *days)
            .map(|(t, _)| t),
        Resolve::Past => candidates
            .filter(|(_, days)| *days <= target)
            .max_by_key(|(_, days)| *days)
            .map(|(t, _)| t),
    }
}

/// The date, among those `on` gives for the years around the reference, that
/// `direction` picks.
pub(super) fn of_years<I>(r: Ymd, direction: Resolve, on: impl Fn(i32) -> I) -> Option<Ymd>
where
    I: IntoIterator<Item = Ymd>,
{
    let target = day_number(r.0, r.1, r.2);
    let candidates = [r.0, r.0 - 1, r.0 + 1]
        .into_iter()
        .flat_map(on)
        .map(|(y, m, d)| ((y, m, d), day_number(y, m, d)));
    pick(target, direction, candidates)
}

/// Day `d` of the month around the reference that `direction` picks.
pub(super) fn day_of_month(r: Ymd, d: u32, direction: Resolve) -> Option<Ymd> {
    let target = day_number(r.0, r.1, r.2);
    let candidates = [0, -1, 1]
        .into_iter()
        .map(|k| add_months(r.0, r.1, k))
        .filter(|&(y, m)| is_valid(y, m, d))
        .map(|(y, m)| ((y, m, d), day_number(y, m, d)));
    pick(target, direction, candidates)
}

/// The year of month `m` that `direction` picks around the reference.
pub(super) fn month_year(r: Ymd, m: u32, direction: Resolve) -> i32 {
    part_year(r.0, 12, r.1, m, direction)
}

/// The year of part `part` (of `per_year` in a year: 4 quarters, 2 halves)
/// that `direction` picks when the reference is in part `at` of `year`.
pub(super) fn part_year(year: i32, per_year: i64, at: u32, part: u32, direction: Resolve) -> i32 {
    let index = |y: i32| i64::from(y) * per_year + i64::from(part);
    let target = i64::from(year) * per_year + i64::from(at);
    let candidates = [year, year - 1, year + 1]
        .into_iter()
        .map(|y| (y, index(y)));
    pick(target, direction, candidates).unwrap_or(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_less_dates_take_the_nearest_year() {
        let r = (2024, 1, 18);
        let near = Resolve::Nearest;
        assert_eq!(of_years(r, near, |y| Some((y, 9, 28))), Some((2023, 9, 28)));
        assert_eq!(of_years(r, near, |y| Some((y, 2, 3))), Some((2024, 2, 3)));
        assert_eq!(month_year((2020, 6, 30), 12, near), 2020);
        assert_eq!(month_year((2021, 1, 5), 12, near), 2020);
        assert_eq!(day_of_month((2022, 9, 27), 26, near), Some((2022, 9, 26)));
        assert_eq!(day_of_month((2022, 10, 2), 28, near), Some((2022, 9, 28)));
    }

    #[test]
    fn future_and_past_take_the_next_or_last_occurrence() {
        let r = (2013, 2, 12);
        let new_year = |y| Some((y, 1, 1));
        assert_eq!(of_years(r, Resolve::Future, new_year), Some((2014, 1, 1)));
        assert_eq!(of_years(r, Resolve::Past, new_year), Some((2013, 1, 1)));
        // The reference day itself counts both ways.
        let today = |y| Some((y, 2, 12));
        assert_eq!(of_years(r, Resolve::Future, today), Some((2013, 2, 12)));
        assert_eq!(of_years(r, Resolve::Past, today), Some((2013, 2, 12)));
        assert_eq!(month_year(r, 1, Resolve::Future), 2014);
        assert_eq!(month_year(r, 2, Resolve::Future), 2013);
        assert_eq!(month_year(r, 12, Resolve::Past), 2012);
        assert_eq!(day_of_month(r, 5, Resolve::Future), Some((2013, 3, 5)));
        assert_eq!(day_of_month(r, 20, Resolve::Past), Some((2013, 1, 20)));
        assert_eq!(part_year(2013, 4, 1, 4, Resolve::Past), 2012);
    }
}
