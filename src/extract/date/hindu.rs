//! Festivals of the Hindu lunisolar calendar (Holi, Diwali, Raksha Bandhan,
//! Navaratri, Dussehra, Chhath) and the solar day of Pongal.
//!
//! A lunar month runs from new moon to new moon (amanta reckoning, as in the
//! Chinese calendar) and is named by the sign the sun enters during it:
//! Chaitra (1) takes the sun's entry into sidereal Aries, so Phalguna (12)
//! is the month of its entry into Pisces, about March 14. A month without an
//! entry is a leap month, and festivals keep to the month that has one.
//!
//! A month has 30 tithis, lunar days of 12° of the moon's elongation. Their
//! ends are put evenly between the new and the full moon, and the full and
//! the next new moon: the moon's changing speed moves a real tithi end by up
//! to some hours from there, so for tithis far from the new and full moons
//! (Navaratri's first, Dussehra's tenth, Chhath's sixth) the day can be off by
//! one. A festival is kept on the day at whose given hour of Indian time (UTC+5:30)
//! its tithi runs; the hours, from the observances (the evening for Holika
//! Dahan and Diwali's Lakshmi Puja, the morning for the others), agree with
//! the published dates of 2012–2025 for Holi and Raksha Bandhan, and for all
//! but one of them for Diwali; Navaratri and Dussehra miss in two or three
//! years, Chhath in four (one day early). Local calendars also differ from
//! each other by a day in some years.

use super::astronomy::{moon_phase, new_moon_before, sun_reaches};
use super::calendar::{Ymd, date_of, day_number};

/// Indian time, days ahead of UT.
const INDIA: f64 = 5.5 / 24.0;

/// The day on which tithi `tithi` (1–15 waxing, 16–30 waning; 30 ends at the
/// new moon) of Hindu month `month` (1 = Chaitra … 12 = Phalguna) of `year`
/// runs at `hour` o'clock Indian time.
pub(super) fn lunar_day(year: i32, month: u32, tithi: u32, hour: f64) -> Option<Ymd> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&tithi) {
        return None;
    }
    // The month holds the sun's entry into its sign in this year.
    let entry = sun_reaches(day_number(year, 1, 1), f64::from(month - 1) * 30.0)?;
    let k = new_moon_before(entry);
    let (new, full, next) = (
        moon_phase(k, false),
        moon_phase(k, true),
        moon_phase(k + 1, false),
    );
    let (from, to, n) = if tithi <= 15 {
        (new, full, tithi)
    } else {
        (full, next, tithi - 15)
    };
    let step = (to - from) / 15.0;
    let start = from + step * f64::from(n - 1) + INDIA;
    let end = from + step * f64::from(n) + INDIA;
    let at = hour / 24.0;
    let first = start.floor() as i64;
    let last = end.floor() as i64;
    let day = (first..=last)
        .find(|&d| (start..=end).contains(&(d as f64 + at)))
        // A tithi that skips the hour is kept on the day it ends.
        .unwrap_or(last);
    Some(date_of(day))
}

/// Thai Pongal of `year`: the day the sun enters sidereal Capricorn (Makara
/// Sankranti, January 14 or 15), or the next day when it enters after sunset.
pub(super) fn pongal(year: i32) -> Option<Ymd> {
    let entry = sun_reaches(day_number(year, 1, 1), 270.0)? + INDIA;
    let day = entry.floor();
    let after_sunset = entry - day >= 18.0 / 24.0;
    Some(date_of(day as i64 + i64::from(after_sunset)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn festivals_of_several_years() {
        // Holika Dahan: Phalguna's full moon at 17:00.
        assert_eq!(lunar_day(2013, 12, 15, 17.0), Some((2013, 3, 26)));
        assert_eq!(lunar_day(2016, 12, 15, 17.0), Some((2016, 3, 23)));
        assert_eq!(lunar_day(2021, 12, 15, 17.0), Some((2021, 3, 28)));
        // Diwali: Ashvin's new moon at 17:00.
        assert_eq!(lunar_day(2013, 7, 30, 17.0), Some((2013, 11, 3)));
        assert_eq!(lunar_day(2014, 7, 30, 17.0), Some((2014, 10, 23)));
        assert_eq!(lunar_day(2023, 7, 30, 17.0), Some((2023, 11, 12)));
        // Raksha Bandhan: Shravana's full moon at 10:00.
        assert_eq!(lunar_day(2013, 5, 15, 10.0), Some((2013, 8, 20)));
        assert_eq!(lunar_day(2019, 5, 15, 10.0), Some((2019, 8, 15)));
    }

    #[test]
    fn pongal_follows_the_sun() {
        assert_eq!(pongal(2014), Some((2014, 1, 14)));
        assert_eq!(pongal(2015), Some((2015, 1, 15)));
        assert_eq!(pongal(2020), Some((2020, 1, 15)));
        assert_eq!(pongal(2021), Some((2021, 1, 14)));
    }

    #[test]
    fn out_of_range_months_and_tithis_give_nothing() {
        assert_eq!(lunar_day(2013, 13, 1, 6.0), None);
        assert_eq!(lunar_day(2013, 1, 31, 6.0), None);
    }
}
