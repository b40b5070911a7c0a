//! The sky that some calendars follow: moments of new and full moons (J.
//! Meeus, *Astronomical Algorithms*, ch. 49: within a minute or two) and the
//! sun's sidereal longitude (ch. 25's low-precision formula, about 0.01°, with
//! the Lahiri ayanamsa that Indian calendars use).
//!
//! A moment is a number of days (with fraction) since 1970-01-01 00:00 UT, so
//! that its whole part is a day number of [`super::calendar`].

/// Julian day of 1970-01-01 00:00 UT.
const UNIX_JD: f64 = 2_440_587.5;
/// TT − UT: the moon's formula gives Terrestrial Time; about 69 s in 2000–2025.
const DELTA_T: f64 = 69.0 / 86_400.0;
/// Mean days from new moon to new moon.
const SYNODIC_MONTH: f64 = 29.530_588_861;
/// Julian day of the mean new moon that the lunation count starts from (2000-01-06).
const LUNATION_ZERO: f64 = 2_451_550.097_66;

/// Terms of the new moon's correction: coefficient, power of E, and the
/// multiples of M (sun's anomaly), M' (moon's anomaly), F (argument of latitude).
const NEW_MOON: [(f64, i32, [f64; 3]); 14] = [
    (-0.407_20, 0, [0.0, 1.0, 0.0]),
    (0.172_41, 1, [1.0, 0.0, 0.0]),
    (0.016_08, 0, [0.0, 2.0, 0.0]),
    (0.010_39, 0, [0.0, 0.0, 2.0]),
    (0.007_39, 1, [-1.0, 1.0, 0.0]),
    (-0.005_14, 1, [1.0, 1.0, 0.0]),
    (0.002_08, 2, [2.0, 0.0, 0.0]),
    (-0.001_11, 0, [0.0, 1.0, -2.0]),
    (-0.000_57, 0, [0.0, 1.0, 2.0]),
    (0.000_56, 1, [1.0, 2.0, 0.0]),
    (-0.000_42, 0, [0.0, 3.0, 0.0]),
    (0.000_42, 1, [1.0, 0.0, 2.0]),
    (0.000_38, 1, [1.0, 0.0, -2.0]),
    (-0.000_24, 1, [-1.0, 2.0, 0.0]),
];

/// The full moon's first seven terms (the rest are the new moon's).
const FULL_MOON: [f64; 7] = [
    -0.406_14, 0.173_02, 0.016_14, 0.010_43, 0.007_34, -0.005_15, 0.002_09,
];

/// Small terms common to both phases: coefficient and multiples of M, M', F.
const SMALL: [(f64, [f64; 3]); 10] = [
    (-0.000_07, [2.0, 1.0, 0.0]),
    (0.000_04, [0.0, 2.0, -2.0]),
    (0.000_04, [3.0, 0.0, 0.0]),
    (0.000_03, [1.0, 1.0, -2.0]),
    (0.000_03, [0.0, 2.0, 2.0]),
    (-0.000_03, [1.0, 1.0, 2.0]),
    (0.000_03, [-1.0, 1.0, 2.0]),
    (-0.000_02, [-1.0, 1.0, -2.0]),
    (-0.000_02, [1.0, 3.0, 0.0]),
    (0.000_02, [0.0, 4.0, 0.0]),
];

/// The planetary arguments A1–A14: constant, rate per lunation, and amplitude
/// (days); A1 also has a term in T² (−0.009173).
const PLANETARY: [(f64, f64, f64); 14] = [
    (299.77, 0.107_408, 0.000_325),
    (251.88, 0.016_321, 0.000_165),
    (251.83, 26.651_886, 0.000_164),
    (349.42, 36.412_478, 0.000_126),
    (84.66, 18.206_239, 0.000_110),
    (141.74, 53.303_771, 0.000_062),
    (207.14, 2.453_732, 0.000_060),
    (154.84, 7.306_860, 0.000_056),
    (34.52, 27.261_239, 0.000_047),
    (207.19, 0.121_824, 0.000_042),
    (291.34, 1.844_379, 0.000_040),
    (161.72, 24.198_154, 0.000_037),
    (239.56, 25.513_099, 0.000_035),
    (331.55, 3.592_518, 0.000_023),
];

fn sin_degrees(x: f64) -> f64 {
    x.to_radians().sin()
}

/// The moment of new moon number `k` (0 is 2000-01-06), or of the full moon
/// after it when `full`.
pub(super) fn moon_phase(k: i64, full: bool) -> f64 {
    let k = k as f64 + if full { 0.5 } else { 0.0 };
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let mean = LUNATION_ZERO + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let m_moon =
        201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let f =
        160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let node = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;
    let angle = |[a, b, c]: [f64; 3]| a * m + b * m_moon + c * f;
    let mut correction = -0.000_17 * sin_degrees(node);
    for (i, (coefficient, e_power, multiples)) in NEW_MOON.iter().enumerate() {
        let coefficient = match FULL_MOON.get(i) {
            Some(c) if full => *c,
            _ => *coefficient,
        };
        correction += coefficient * e.powi(*e_power) * sin_degrees(angle(*multiples));
    }
    for (coefficient, multiples) in SMALL {
        correction += coefficient * sin_degrees(angle(multiples));
    }
    for (i, (constant, rate, amplitude)) in PLANETARY.into_iter().enumerate() {
        let square = if i == 0 { -0.009_173 * t2 } else { 0.0 };
        correction += amplitude * sin_degrees(constant + rate * k + square);
    }
    mean + correction - UNIX_JD - DELTA_T
}

/// The number of the last new moon at or before `moment`.
pub(super) fn new_moon_before(moment: f64) -> i64 {
    let mut k = ((moment + UNIX_JD - LUNATION_ZERO) / SYNODIC_MONTH).floor() as i64;
    while moon_phase(k + 1, false) <= moment {
        k += 1;
    }
    while moon_phase(k, false) > moment {
        k -= 1;
    }
    k
}

/// The sun's longitude measured from the fixed stars (the Lahiri ayanamsa), in degrees.
fn sidereal_sun(moment: f64) -> f64 {
    let t = (moment + UNIX_JD - 2_451_545.0) / 36_525.0;
    let mean = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let anomaly = 357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t;
    let center = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * sin_degrees(anomaly)
        + (0.019_993 - 0.000_101 * t) * sin_degrees(2.0 * anomaly)
        + 0.000_289 * sin_degrees(3.0 * anomaly);
    let apparent = mean + center - 0.005_69 - 0.004_78 * sin_degrees(125.04 - 1934.136 * t);
    // Lahiri: 23.853° at J2000, precessing 50.288″ a year.
    let ayanamsa = 23.853 + 50.2879 * t * 100.0 / 3600.0;
    (apparent - ayanamsa).rem_euclid(360.0)
}

/// The moment in the year that starts on day `first_day` at which the sun
/// reaches sidereal `longitude` (degrees; 0 is the entry into Aries, 270 into Capricorn).
pub(super) fn sun_reaches(first_day: i64, longitude: f64) -> Option<f64> {
    // How far past `longitude` the sun is, in (-180, 180].
    let past = |moment: f64| (sidereal_sun(moment) - longitude + 180.0).rem_euclid(360.0) - 180.0;
    let start = first_day as f64;
    let day = (0..366).find(|&d| {
        let d = f64::from(d);
        past(start + d) < 0.0 && past(start + d + 1.0) >= 0.0
    })?;
    let (mut low, mut high) = (start + f64::from(day), start + f64::from(day) + 1.0);
    for _ in 0..32 {
        let middle = (low + high) / 2.0;
        if past(middle) < 0.0 {
            low = middle;
        } else {
            high = middle;
        }
    }
    Some(high)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::date::calendar::{date_of, day_number};

    /// The UT date and minute of a moment.
    fn when(moment: f64) -> ((i32, u32, u32), i64) {
        let day = moment.floor();
        (
            date_of(day as i64),
            ((moment - day) * 1440.0).round() as i64,
        )
    }

    #[test]
    fn new_and_full_moons_to_the_minute() {
        // Meeus's example: the new moon of 1977 February 18, 3:37:42 TD.
        let k = new_moon_before(day_number(1977, 2, 18) as f64 + 0.5);
        let (date, minute) = when(moon_phase(k, false));
        assert_eq!(date, (1977, 2, 18));
        assert!((minute - (3 * 60 + 37)).abs() <= 2);
        // 2013-11-03 12:50 UT, 2013-03-27 09:27 UT.
        let (date, minute) = when(moon_phase(
            new_moon_before(day_number(2013, 11, 4) as f64),
            false,
        ));
        assert_eq!(date, (2013, 11, 3));
        assert!((minute - (12 * 60 + 50)).abs() <= 2);
        let k = new_moon_before(day_number(2013, 3, 20) as f64);
        let (date, minute) = when(moon_phase(k, true));
        assert_eq!(date, (2013, 3, 27));
        assert!((minute - (9 * 60 + 27)).abs() <= 2);
    }

    #[test]
    fn the_sun_enters_capricorn_about_january_14() {
        let moment = sun_reaches(day_number(2014, 1, 1), 270.0).unwrap();
        let (date, minute) = when(moment + 5.5 / 24.0);
        // Makara Sankranti 2014: January 14, about 13:00 Indian time.
        assert_eq!(date, (2014, 1, 14));
        assert!((minute - 13 * 60).abs() < 60);
    }
}
