//! The exact number type: a reduced fraction of two `i128`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::parse;

/// An exact number: a reduced fraction `numerator / denominator` with a positive denominator.
///
/// Serializes as a JSON integer when it is one (and fits in `i64`), else as a
/// JSON float. Neither part is ever `i128::MIN`, so negation cannot overflow.
///
/// # Examples
///
/// ```
/// use zhnews::numeral::{parse, Number};
///
/// let n = parse("1.2万").unwrap();
/// assert_eq!(n, Number::from(12000));
/// assert_eq!(n.to_i64(), Some(12000));
/// assert_eq!(parse("三点五").unwrap().to_string(), "3.5");
/// assert_eq!(serde_json::to_string(&parse("12.5").unwrap()).unwrap(), "12.5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Number {
    numerator: i128,
    denominator: i128,
}

impl Number {
    /// Zero.
    pub const ZERO: Number = Number {
        numerator: 0,
        denominator: 1,
    };

    /// One.
    pub const ONE: Number = Number {
        numerator: 1,
        denominator: 1,
    };

    /// `numerator / denominator` reduced, or `None` when the denominator is zero
    /// or a part is `i128::MIN`.
    pub fn ratio(numerator: i128, denominator: i128) -> Option<Self> {
        if denominator == 0 || numerator == i128::MIN || denominator == i128::MIN {
            return None;
        }
        if denominator == 1 {
            return Some(Number {
                numerator,
                denominator,
            });
        }
        let g = gcd(numerator.unsigned_abs(), denominator.unsigned_abs()).max(1) as i128;
        let sign = if denominator < 0 { -1 } else { 1 };
        let (numerator, denominator) = if g == 1 {
            (numerator, denominator)
        } else if let (Ok(n), Ok(d), Ok(g)) = (
            i64::try_from(numerator),
            i64::try_from(denominator),
            i64::try_from(g),
        ) {
            // Division of `i128` is a slow library call; most parts fit in `i64`.
            (i128::from(n / g), i128::from(d / g))
        } else {
            (numerator / g, denominator / g)
        };
        Some(Number {
            numerator: sign * numerator,
            denominator: sign * denominator,
        })
    }

    /// The integer `value`.
    pub fn integer(value: i128) -> Option<Self> {
        Number::ratio(value, 1)
    }

    /// `10^exponent`, or `None` when it does not fit.
    pub fn power_of_ten(exponent: u32) -> Option<Self> {
        Number::integer(10i128.checked_pow(exponent)?)
    }

    /// The numerator of the reduced fraction.
    pub fn numerator(&self) -> i128 {
        self.numerator
    }

    /// The denominator of the reduced fraction, always positive.
    pub fn denominator(&self) -> i128 {
        self.denominator
    }

    /// Whether the number is a whole number.
    pub fn is_integer(&self) -> bool {
        self.denominator == 1
    }

    /// Whether the number is zero.
    pub fn is_zero(&self) -> bool {
        self.numerator == 0
    }

    /// Whether the number is below zero.
    pub fn is_negative(&self) -> bool {
        self.numerator < 0
    }

    /// The value as an `i64` when it is a whole number that fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.is_integer() {
            i64::try_from(self.numerator).ok()
        } else {
            None
        }
    }

    /// The nearest `f64`.
    pub fn to_f64(&self) -> f64 {
        if self.is_integer() {
            self.numerator as f64
        } else if let Some(decimal) = self.exact_decimal() {
            decimal.parse().unwrap_or(f64::NAN)
        } else {
            self.numerator as f64 / self.denominator as f64
        }
    }

    /// `self * other`, or `None` on overflow.
    pub fn checked_mul(self, other: Number) -> Option<Number> {
        if self.is_integer() && other.is_integer() {
            return Number::integer(self.numerator.checked_mul(other.numerator)?);
        }
        let g1 = gcd(
            self.numerator.unsigned_abs(),
            other.denominator.unsigned_abs(),
        )
        .max(1) as i128;
        let g2 = gcd(
            other.numerator.unsigned_abs(),
            self.denominator.unsigned_abs(),
        )
        .max(1) as i128;
        let numerator = (self.numerator / g1).checked_mul(other.numerator / g2)?;
        let denominator = (self.denominator / g2).checked_mul(other.denominator / g1)?;
        Number::ratio(numerator, denominator)
    }

    /// `self / other`, or `None` when `other` is zero or on overflow.
    pub fn checked_div(self, other: Number) -> Option<Number> {
        if other.is_zero() {
            return None;
        }
        self.checked_mul(Number::ratio(other.denominator, other.numerator)?)
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Number) -> Option<Number> {
        if self.is_integer() && other.is_integer() {
            return Number::integer(self.numerator.checked_add(other.numerator)?);
        }
        let g = gcd(
            self.denominator.unsigned_abs(),
            other.denominator.unsigned_abs(),
        )
        .max(1) as i128;
        let left = self.numerator.checked_mul(other.denominator / g)?;
        let right = other.numerator.checked_mul(self.denominator / g)?;
        let denominator = (self.denominator / g).checked_mul(other.denominator)?;
        Number::ratio(left.checked_add(right)?, denominator)
    }

    /// `-self`.
    pub fn negate(self) -> Number {
        Number {
            numerator: -self.numerator,
            ..self
        }
    }

    /// The exact decimal expansion, when the denominator has only factors 2 and 5.
    fn exact_decimal(&self) -> Option<String> {
        let mut d = self.denominator;
        let (mut twos, mut fives) = (0u32, 0u32);
        while d % 2 == 0 {
            d /= 2;
            twos += 1;
        }
        while d % 5 == 0 {
            d /= 5;
            fives += 1;
        }
        if d != 1 {
            return None;
        }
        let places = twos.max(fives);
        let scale = 10i128.checked_pow(places)?;
        let scaled = self.numerator.checked_mul(scale / self.denominator)?;
        let digits = scaled.unsigned_abs().to_string();
        let places = places as usize;
        let padded = format!("{digits:0>width$}", width = places + 1);
        let (int, frac) = padded.split_at(padded.len() - places);
        let sign = if scaled < 0 { "-" } else { "" };
        if places == 0 {
            Some(format!("{sign}{int}"))
        } else {
            Some(format!("{sign}{int}.{frac}"))
        }
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Self {
        Number {
            numerator: value as i128,
            denominator: 1,
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.exact_decimal() {
            Some(decimal) => f.write_str(&decimal),
            None => write!(f, "{}", self.to_f64()),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.to_i64() {
            Some(i) => serializer.serialize_i64(i),
            None => serializer.serialize_f64(self.to_f64()),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Number::deserialize(deserializer)?;
        let text = value.to_string();
        scientific(&text)
            .or_else(|| parse(&text).ok())
            .ok_or_else(|| serde::de::Error::custom(format!("number out of range: {text}")))
    }
}

/// `1.5e-7`, as JSON writes small and large floats.
fn scientific(text: &str) -> Option<Number> {
    let (mantissa, exponent) = text.split_once(['e', 'E'])?;
    let exponent: i32 = exponent.trim_start_matches('+').parse().ok()?;
    let mantissa = parse(mantissa).ok()?;
    let scale = Number::power_of_ten(exponent.unsigned_abs())?;
    if exponent < 0 {
        mantissa.checked_div(scale)
    } else {
        mantissa.checked_mul(scale)
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    // Division of `u128` is a slow library call; most parts fit in `u64`.
    if let (Ok(mut a), Ok(mut b)) = (u64::try_from(a), u64::try_from(b)) {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        return a as u128;
    }
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduced_fractions_are_those_of_a_division_in_i128() {
        let mut seed = 3u64;
        for _ in 0..5000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let shift = (seed >> 58) as u32;
            let sign = if seed & 1 == 0 { 1 } else { -1 };
            let a = ((seed >> 20) as i128 * sign) << (shift % 70);
            let b = ((seed >> 40) as i128 + 1) << (shift % 50);
            let g = gcd(a.unsigned_abs(), b.unsigned_abs()).max(1) as i128;
            let number = Number::ratio(a, b).unwrap();
            assert_eq!((number.numerator(), number.denominator()), (a / g, b / g));
            let negative = Number::ratio(a, -b).unwrap();
            assert_eq!(
                (negative.numerator(), negative.denominator()),
                (-a / g, b / g)
            );
        }
    }
}
