//! Chinese and Arabic numerals to exact numbers.
//!
//! `parse` reads a whole string: `三千五百` → 3500, `1.2万` → 12000,
//! `二〇二〇` → 2020. Values are exact rationals, so `1.2万` is 12000, not
//! 11999.999. Nonsense and overflow are errors, never panics.
//!
//! Examples that prove these rules: fixtures/corpus/numeral.toml

use std::fmt;

use serde::{Deserialize, Serialize};

/// An exact number: a reduced fraction `numerator / denominator` with a positive denominator.
///
/// Serializes as a JSON integer when it is one (and fits in `i64`), else as a
/// JSON float.
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
    /// `numerator / denominator` reduced, or `None` when the denominator is zero.
    pub fn ratio(numerator: i128, denominator: i128) -> Option<Self> {
        if denominator == 0 {
            return None;
        }
        let g = gcd(numerator.unsigned_abs(), denominator.unsigned_abs()).max(1) as i128;
        let sign = if denominator < 0 { -1 } else { 1 };
        Some(Number {
            numerator: sign * (numerator / g),
            denominator: sign * (denominator / g),
        })
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

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Number) -> Option<Number> {
        let numerator = self
            .numerator
            .checked_mul(other.denominator)?
            .checked_add(other.numerator.checked_mul(self.denominator)?)?;
        let denominator = self.denominator.checked_mul(other.denominator)?;
        Number::ratio(numerator, denominator)
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
        let mut places = 0u32;
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
        places += twos.max(fives);
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
        parse(&value.to_string()).map_err(serde::de::Error::custom)
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Why a string is not a numeral.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// The string is empty or only white space.
    Empty,
    /// The string is not a well-formed numeral.
    Invalid,
    /// The value does not fit.
    Overflow,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParseError::Empty => "empty numeral",
            ParseError::Invalid => "not a numeral",
            ParseError::Overflow => "numeral out of range",
        })
    }
}

impl std::error::Error for ParseError {}

/// Parses a whole string as one number.
///
/// # Errors
///
/// [`ParseError::Empty`], [`ParseError::Invalid`] (`三千五百人`, `万万万`) or
/// [`ParseError::Overflow`].
///
/// # Examples
///
/// ```
/// use zhnews::numeral::parse;
///
/// assert_eq!(parse("三千五百").unwrap().to_i64(), Some(3500));
/// assert_eq!(parse("两千三百万").unwrap().to_i64(), Some(23_000_000));
/// assert!(parse("三千五百人").is_err());
/// ```
pub fn parse(text: &str) -> Result<Number, ParseError> {
    let s: String = text.trim().chars().map(fold_char).collect();
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let (negative, body) = match s.strip_prefix(['-', '负', '−']) {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let value = parse_unsigned(body)?;
    Ok(if negative { value.negate() } else { value })
}

/// Reads traditional and full-width forms like their simplified, half-width ones.
fn fold_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '－' => '-',
        '兩' => '两',
        '萬' => '万',
        '億' => '亿',
        '點' => '点',
        '負' => '负',
        _ => c,
    }
}

fn parse_unsigned(s: &str) -> Result<Number, ParseError> {
    if s.is_empty() {
        return Err(ParseError::Invalid);
    }
    if let Some(n) = parse_arabic(s) {
        return n;
    }
    // Arabic number followed by Chinese multipliers: 1.2万, 3.5亿, 1200万.
    let digits_end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(s.len(), |(i, _)| i);
    if digits_end > 0 {
        let base = parse_arabic(&s[..digits_end]).ok_or(ParseError::Invalid)??;
        let multiplier = multiplier(&s[digits_end..]).ok_or(ParseError::Invalid)?;
        return base.checked_mul(multiplier).ok_or(ParseError::Overflow);
    }
    if let Some((int, frac)) = s.split_once('点') {
        let int = parse_chinese_integer(int)?;
        let mut value = Number::from(0);
        let mut scale = Number::from(1);
        if frac.is_empty() {
            return Err(ParseError::Invalid);
        }
        for c in frac.chars() {
            let d = digit(c).ok_or(ParseError::Invalid)?;
            scale = scale
                .checked_mul(Number::ratio(1, 10).ok_or(ParseError::Overflow)?)
                .ok_or(ParseError::Overflow)?;
            value = value
                .checked_add(
                    Number::from(d as i64)
                        .checked_mul(scale)
                        .ok_or(ParseError::Overflow)?,
                )
                .ok_or(ParseError::Overflow)?;
        }
        return Number::from_i128(int)?
            .checked_add(value)
            .ok_or(ParseError::Overflow);
    }
    Number::from_i128(parse_chinese_integer(s)?)
}

impl Number {
    fn from_i128(value: i128) -> Result<Number, ParseError> {
        Number::ratio(value, 1).ok_or(ParseError::Overflow)
    }
}

/// `Some` when `s` is an Arabic numeral (digits, optional `,` groups, optional decimals).
fn parse_arabic(s: &str) -> Option<Result<Number, ParseError>> {
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let (int, frac) = match s.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (s, None),
    };
    if int.is_empty() || frac.is_some_and(|f| f.is_empty() || f.contains(['.', ','])) {
        return Some(Err(ParseError::Invalid));
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return Some(Err(ParseError::Invalid));
        }
    }
    let digits: String = int
        .chars()
        .filter(|&c| c != ',')
        .chain(frac.unwrap_or("").chars())
        .collect();
    let places = frac.map_or(0, str::len) as u32;
    let Ok(numerator) = digits.parse::<i128>() else {
        return Some(Err(ParseError::Overflow));
    };
    let Some(denominator) = 10i128.checked_pow(places) else {
        return Some(Err(ParseError::Overflow));
    };
    Some(Number::ratio(numerator, denominator).ok_or(ParseError::Overflow))
}

/// The value of a run of multiplier characters: 万, 亿, 千万, 万亿, 百万.
fn multiplier(s: &str) -> Option<Number> {
    let mut value: i128 = 1;
    for c in s.chars() {
        value = value.checked_mul(match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        })?;
    }
    (!s.is_empty()).then(|| Number::ratio(value, 1)).flatten()
}

fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '0' => 0,
        '一' | '壹' | '1' => 1,
        '二' | '两' | '贰' | '2' => 2,
        '三' | '叁' | '3' => 3,
        '四' | '肆' | '4' => 4,
        '五' | '伍' | '5' => 5,
        '六' | '陆' | '6' => 6,
        '七' | '柒' | '7' => 7,
        '八' | '捌' | '8' => 8,
        '九' | '玖' | '9' => 9,
        _ => return None,
    })
}

fn small_unit(c: char) -> Option<i128> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// A Chinese integer: `三千五百`, `一万五`, `二〇二〇`, `十二`, `一千零五`.
fn parse_chinese_integer(s: &str) -> Result<i128, ParseError> {
    if s.is_empty() {
        return Err(ParseError::Invalid);
    }
    // Digit by digit: 二〇二〇, 一二三.
    if s.chars().count() > 1 && s.chars().all(|c| digit(c).is_some()) {
        return s.chars().try_fold(0i128, |acc, c| {
            acc.checked_mul(10)
                .and_then(|v| v.checked_add(digit(c).unwrap_or(0) as i128))
                .ok_or(ParseError::Overflow)
        });
    }
    for (unit, scale) in [('亿', 100_000_000i128), ('万', 10_000)] {
        if let Some(at) = s.rfind(unit) {
            let (high, low) = (&s[..at], &s[at + unit.len_utf8()..]);
            let high = if high.is_empty() {
                return Err(ParseError::Invalid);
            } else {
                parse_chinese_integer(high)?
            };
            let low_value = if low.is_empty() {
                0
            } else if low.chars().count() == 1 && digit_char(low).is_some() {
                // Elliptic: 一万五 = 15000.
                digit_char(low).unwrap_or(0) as i128 * scale / 10
            } else {
                let v = parse_chinese_integer(low.trim_start_matches(['零', '〇']))?;
                if v >= scale {
                    return Err(ParseError::Invalid);
                }
                v
            };
            return high
                .checked_mul(scale)
                .and_then(|v| v.checked_add(low_value))
                .ok_or(ParseError::Overflow);
        }
    }
    parse_below_ten_thousand(s)
}

fn digit_char(s: &str) -> Option<u32> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    digit(c).filter(|&d| d > 0)
}

/// 0..=9999 written with 千百十: `三千五百`, `十二`, `一千零五`, `两百五`.
fn parse_below_ten_thousand(s: &str) -> Result<i128, ParseError> {
    let mut total = 0i128;
    let mut pending: Option<i128> = None;
    let mut last_unit = 10_000i128;
    let mut after_zero = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            if pending.is_some() {
                return Err(ParseError::Invalid);
            }
            if d == 0 {
                after_zero = true;
                continue;
            }
            pending = Some(d as i128);
        } else if let Some(unit) = small_unit(c) {
            if unit >= last_unit {
                return Err(ParseError::Invalid);
            }
            let n = match pending.take() {
                Some(n) => n,
                None if unit == 10 && total == 0 && !after_zero => 1,
                None if unit == 10 && after_zero => 1,
                None => return Err(ParseError::Invalid),
            };
            total += n * unit;
            last_unit = unit;
            after_zero = false;
        } else {
            return Err(ParseError::Invalid);
        }
    }
    if let Some(n) = pending {
        // Elliptic 三千二 = 3200, 两百五 = 250, unless a zero came between.
        if !after_zero && (100..10_000).contains(&last_unit) {
            total += n * last_unit / 10;
        } else {
            total += n;
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> String {
        parse(s)
            .map(|n| n.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn chinese_integers() {
        for (s, v) in [
            ("零", "0"),
            ("十", "10"),
            ("十二", "12"),
            ("二十", "20"),
            ("一百零一", "101"),
            ("一千零五", "1005"),
            ("三千五百", "3500"),
            ("一万五", "15000"),
            ("三千二", "3200"),
            ("两百五", "250"),
            ("两千三百万", "23000000"),
            ("三亿五千万", "350000000"),
            ("一万亿", "1000000000000"),
            ("二〇二〇", "2020"),
            ("十萬", "100000"),
        ] {
            assert_eq!(value(s), v, "{s}");
        }
    }

    #[test]
    fn arabic_and_mixed() {
        for (s, v) in [
            ("3.5", "3.5"),
            ("12,345", "12345"),
            ("１２", "12"),
            ("1.2万", "12000"),
            ("3.5亿", "350000000"),
            ("-3.5", "-3.5"),
            ("负二", "-2"),
            ("三点五", "3.5"),
            ("三点一四", "3.14"),
        ] {
            assert_eq!(value(s), v, "{s}");
        }
    }

    #[test]
    fn nonsense_is_an_error() {
        for s in ["", "万万万", "三千五百人", "1,23", "1..2", "点一", "十百"] {
            assert!(parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn serializes_integers_as_integers() {
        assert_eq!(
            serde_json::to_string(&parse("1.2万").unwrap()).unwrap(),
            "12000"
        );
        assert_eq!(
            serde_json::to_string(&parse("12.3").unwrap()).unwrap(),
            "12.3"
        );
    }
}
