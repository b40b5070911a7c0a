//! Chinese and Arabic numerals to exact numbers, and back.
//!
//! [`parse`] reads a whole string: `三千五百` → 3500, `1.2万` → 12000,
//! `二〇二〇` → 2020, `百分之十二点五` → 0.125, `三分之一` → 1/3. Values are
//! exact rationals, so `1.2万` is 12000, not 11999.999. Nonsense and overflow
//! are errors, never panics. [`parse_with`] chooses how strict the reading is
//! ([`Mode`], after cn2an's strict/normal/smart modes, plus spoken forms);
//! [`parse_ordinal`] reads `第十一`; [`find`] finds the numerals inside a
//! sentence; [`render`] writes an integer as a Chinese numeral.
//!
//! Examples that prove these rules: fixtures/corpus/numeral.toml

use std::fmt;

mod find;
mod grammar;
mod number;
mod render;
pub(crate) mod token;

pub use find::{Found, find};
pub(crate) use find::{Numeral, Scanner, is_in_word, numeral_at};
pub use number::Number;
pub use render::{Style, render};

use token::{Extras, Token};

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

/// How much a whole-string parse accepts; each mode accepts everything the one before does.
///
/// The first three follow cn2an's modes of the same names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[non_exhaustive]
pub enum Mode {
    /// Formal Chinese numerals only, zeros exactly where formal writing puts
    /// them: `一千零一十`, `壹拾壹元整`, `廿二`, `零点一`. Not `一千一十`,
    /// `三千二`, `一二三`, `〇`, nor Arabic digits.
    Strict,
    /// Also colloquial forms: elliptic `三千二` (3200) and `一万五` (15000),
    /// `一百十一`, zeros left out or added, digit by digit `二〇二〇`, fractions
    /// `三分之一`.
    Normal,
    /// Also Arabic and mixed forms: `1.2万`, `3万4000`, `12,345`, `12.5%`,
    /// `1/3`, `1200多万`. The default.
    #[default]
    Smart,
    /// Also spoken and informal forms: `一个` (1), `五打` (60), `一对` (2),
    /// `1.2M`, `100K`, `一半`, `半百` (50), `五个半` (5.5), spaces inside
    /// (`负 1,200,000`) and Cantonese fractions (`二份一`).
    Spoken,
}

/// Parses a whole string as one number, in [`Mode::Smart`].
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
/// assert_eq!(parse("二〇二〇").unwrap().to_i64(), Some(2020));
/// assert!(parse("三千五百人").is_err());
/// ```
pub fn parse(text: &str) -> Result<Number, ParseError> {
    parse_with(text, Mode::Smart)
}

/// Parses a whole string as one number, accepting what `mode` accepts.
///
/// Amounts in the formal money style read as their number in every mode
/// (`壹拾壹元整` → 11, `壹拾壹元壹角壹分` → 11.11); strict mode wants the
/// closing `整`/`正` or the 角/分.
///
/// # Errors
///
/// As [`parse`].
///
/// # Examples
///
/// ```
/// use zhnews::numeral::{parse_with, Mode};
///
/// assert!(parse_with("三千二", Mode::Strict).is_err());
/// assert_eq!(parse_with("三千二", Mode::Normal).unwrap().to_i64(), Some(3200));
/// assert!(parse_with("1.2万", Mode::Normal).is_err());
/// assert_eq!(parse_with("五打", Mode::Spoken).unwrap().to_i64(), Some(60));
/// ```
pub fn parse_with(text: &str, mode: Mode) -> Result<Number, ParseError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    if let Some(at) = text.find(['元', '圆']) {
        return money(text, at, mode);
    }
    parse_tokens(text, mode)
}

/// Parses `text` as tokens, all of it.
fn parse_tokens(text: &str, mode: Mode) -> Result<Number, ParseError> {
    let extras = if mode == Mode::Spoken {
        Extras::ALL
    } else {
        Extras::NONE
    };
    let mut tokens = Vec::with_capacity(text.len() / 2);
    let mut at = 0;
    while let Some((token, len)) = token::token_at(text, at, extras) {
        if token != Token::Space {
            tokens.push(token);
        }
        at += len;
    }
    if at != text.len() {
        return Err(ParseError::Invalid);
    }
    grammar::number(&tokens, mode)
}

/// `壹拾壹元整`, `叁仟零捌拾圆伍角陆分`: a number, 元/圆, then 整, or 角 and 分 digits.
fn money(text: &str, at: usize, mode: Mode) -> Result<Number, ParseError> {
    let (whole, rest) = text.split_at(at);
    let mut rest = rest.get('元'.len_utf8()..).unwrap_or("");
    if whole.is_empty() {
        return Err(ParseError::Invalid);
    }
    let mut value = parse_tokens(whole, mode)?;
    let mut closed = false;
    for (unit, scale) in [('角', 10), ('分', 100)] {
        let Some((token, len)) = token::token_at(rest, 0, Extras::NONE) else {
            continue;
        };
        let digit = match token {
            Token::Digit { value, .. } => value,
            Token::Zero { .. } => 0,
            _ => continue,
        };
        let Some(after) = rest.get(len..).and_then(|r| r.strip_prefix(unit)) else {
            continue;
        };
        let part = Number::ratio(digit as i128, scale).ok_or(ParseError::Overflow)?;
        value = value.checked_add(part).ok_or(ParseError::Overflow)?;
        rest = after;
        closed = true;
    }
    match rest {
        "" if closed || mode > Mode::Strict => Ok(value),
        "整" | "正" if !closed => Ok(value),
        _ => Err(ParseError::Invalid),
    }
}

/// Parses an ordinal written with 第: `第十一` → 11, `第3` → 3.
///
/// # Errors
///
/// [`ParseError::Invalid`] when `text` does not start with 第 or the rest is
/// not a positive whole number.
///
/// # Examples
///
/// ```
/// assert_eq!(zhnews::numeral::parse_ordinal("第九十一").unwrap().to_i64(), Some(91));
/// assert!(zhnews::numeral::parse_ordinal("十一").is_err());
/// ```
pub fn parse_ordinal(text: &str) -> Result<Number, ParseError> {
    let rest = text.trim().strip_prefix('第').ok_or(ParseError::Invalid)?;
    let value = parse(rest)?;
    if value.is_integer() && !value.is_negative() && !value.is_zero() {
        Ok(value)
    } else {
        Err(ParseError::Invalid)
    }
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
