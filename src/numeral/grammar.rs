//! The grammar of a numeral, over tokens: signs, fractions, decimals, cardinals.
//!
//! One reading serves four modes ([`Mode`]): the checks that only the strict
//! mode makes (zeros exactly where formal writing puts them, no elliptic
//! `三千二`) are flags on the same walk, not a second parser.

use super::token::{Form, Token};
use super::{Mode, Number, ParseError};

type Result<T> = std::result::Result<T, ParseError>;

const INVALID: ParseError = ParseError::Invalid;
const OVERFLOW: ParseError = ParseError::Overflow;

/// A whole signed number: `负三点五`, `三分之一`, `12.5%`, `1又1/2`.
pub(crate) fn number(tokens: &[Token], mode: Mode) -> Result<Number> {
    // One digit or one Arabic number, most numerals in running text, read
    // without the walk (which gives them the same values: a test compares).
    match *tokens {
        [Token::Digit { value, form }] if form != Form::Yao => {
            return Ok(Number::from(i64::from(value)));
        }
        [
            Token::Arabic {
                value: Some(value), ..
            },
        ] if mode >= Mode::Smart => return Ok(value),
        _ => {}
    }
    walk(tokens, mode)
}

/// [`number`] for any tokens.
fn walk(tokens: &[Token], mode: Mode) -> Result<Number> {
    match tokens {
        [Token::Minus, rest @ ..] => Ok(unsigned(rest, mode)?.negate()),
        _ => unsigned(tokens, mode),
    }
}

fn unsigned(tokens: &[Token], mode: Mode) -> Result<Number> {
    let smart = mode >= Mode::Smart;
    match tokens {
        [] => return Err(INVALID),
        [rest @ .., Token::Percent] if smart => return scaled_down(unsigned(rest, mode)?, 2),
        [rest @ .., Token::Permille] if smart => return scaled_down(unsigned(rest, mode)?, 3),
        _ => {}
    }
    if let Some(i) = tokens.iter().position(|t| *t == Token::And) {
        let (whole, fraction) = (&tokens[..i], &tokens[i + 1..]);
        if mode == Mode::Strict
            || !fraction
                .iter()
                .any(|t| matches!(t, Token::Over | Token::Slash))
        {
            return Err(INVALID);
        }
        let whole = decimal(whole, mode, false)?;
        let fraction = unsigned(fraction, mode)?;
        return whole.checked_add(fraction).ok_or(OVERFLOW);
    }
    if let Some(i) = tokens.iter().position(|t| *t == Token::Over) {
        if mode == Mode::Strict {
            return Err(INVALID);
        }
        // Denominator first: 三分之一 is one third; 百分之十二 has an implied one hundred.
        let denominator = decimal(&tokens[..i], mode, true)?;
        let numerator = number(&tokens[i + 1..], mode)?;
        return numerator.checked_div(denominator).ok_or(INVALID);
    }
    if let Some(i) = tokens.iter().position(|t| *t == Token::Slash) {
        if !smart {
            return Err(INVALID);
        }
        let numerator = decimal(&tokens[..i], mode, false)?;
        let denominator = number(&tokens[i + 1..], mode)?;
        return numerator.checked_div(denominator).ok_or(INVALID);
    }
    if mode == Mode::Spoken {
        if let Some(value) = spoken(tokens)? {
            return Ok(value);
        }
    }
    decimal(tokens, mode, false)
}

/// `value / 10^places`.
fn scaled_down(value: Number, places: u32) -> Result<Number> {
    value
        .checked_div(Number::power_of_ten(places).ok_or(OVERFLOW)?)
        .ok_or(OVERFLOW)
}

/// Spoken forms: `一个`, `五打`, `一对`, `100K`, `一半`, `半百`, `五个半`.
fn spoken(tokens: &[Token]) -> Result<Option<Number>> {
    let times = |rest: &[Token], factor: i128| -> Result<Option<Number>> {
        let value = unsigned(rest, Mode::Spoken)?;
        Ok(Some(
            value
                .checked_mul(Number::integer(factor).ok_or(OVERFLOW)?)
                .ok_or(OVERFLOW)?,
        ))
    };
    let half = Number::ratio(1, 2).ok_or(OVERFLOW)?;
    Ok(match tokens {
        [rest @ .., Token::Arabic { .. }, Token::Si { exponent }] => {
            let value = decimal(&tokens[..rest.len() + 1], Mode::Spoken, false)?;
            let scale = Number::power_of_ten(*exponent as u32).ok_or(OVERFLOW)?;
            Some(value.checked_mul(scale).ok_or(OVERFLOW)?)
        }
        [rest @ .., Token::Dozen] if !rest.is_empty() => times(rest, 12)?,
        [rest @ .., Token::Pair] if !rest.is_empty() => times(rest, 2)?,
        [Token::Ge, Token::Half] => Number::ratio(3, 2),
        [rest @ .., Token::Ge, Token::Half] if !rest.is_empty() => Some(
            unsigned(rest, Mode::Spoken)?
                .checked_add(half)
                .ok_or(OVERFLOW)?,
        ),
        [rest @ .., Token::Ge] if !rest.is_empty() => Some(unsigned(rest, Mode::Spoken)?),
        [Token::Half] | [Token::Half, Token::Ge] => Some(half),
        [one, Token::Half] if is_one(one) => Some(half),
        [Token::Half, rest @ ..] if !rest.is_empty() && rest.iter().all(is_unit) => {
            let unit = cardinal(rest, Mode::Spoken, true)?;
            Some(unit.checked_mul(half).ok_or(OVERFLOW)?)
        }
        _ => None,
    })
}

fn is_one(token: &Token) -> bool {
    match token {
        Token::Digit { value: 1, .. } => true,
        Token::Arabic { value, .. } => *value == Some(Number::ONE),
        _ => false,
    }
}

fn is_unit(token: &Token) -> bool {
    matches!(token, Token::Small { .. } | Token::Big { .. })
}

/// A cardinal with an optional decimal part: `三点五`, `两千三点一`, `三点五亿`, `一百点123`.
///
/// `implicit` allows a leading unit without a digit (`百` in `百分之`).
fn decimal(tokens: &[Token], mode: Mode, implicit: bool) -> Result<Number> {
    let Some(point) = tokens.iter().position(|t| *t == Token::Point) else {
        return cardinal(tokens, mode, implicit);
    };
    let (whole, rest) = (&tokens[..point], &tokens[point + 1..]);
    if whole.is_empty() {
        return Err(INVALID);
    }
    let whole_value = cardinal(whole, mode, false)?;
    // The digits after the point, then any multipliers (三点五亿).
    let digits_end = rest
        .iter()
        .position(|t| {
            !matches!(
                t,
                Token::Digit { .. } | Token::Zero { .. } | Token::Arabic { .. }
            )
        })
        .unwrap_or(rest.len());
    let (digits, units) = (&rest[..digits_end], &rest[digits_end..]);
    let fraction = fraction_digits(digits, mode)?;
    let mut value = whole_value.checked_add(fraction).ok_or(OVERFLOW)?;
    if !units.is_empty() {
        if whole.iter().any(|t| matches!(t, Token::Big { .. })) {
            return Err(INVALID);
        }
        for unit in units {
            let Token::Big { exponent } = unit else {
                return Err(INVALID);
            };
            let scale = Number::power_of_ten(*exponent as u32).ok_or(OVERFLOW)?;
            value = value.checked_mul(scale).ok_or(OVERFLOW)?;
        }
    }
    Ok(value)
}

/// `0.digits` from the tokens after 点: Chinese digits (never 两), or Arabic digits in smart mode.
fn fraction_digits(digits: &[Token], mode: Mode) -> Result<Number> {
    let mut numerator: i128 = 0;
    let mut places: u32 = 0;
    match digits {
        [] => return Err(INVALID),
        [
            Token::Arabic {
                value: Some(value),
                fractional: false,
                integer_digits,
                ..
            },
        ] if mode >= Mode::Smart => {
            numerator = value.numerator();
            places = *integer_digits as u32;
        }
        _ => {
            for token in digits {
                let d = match token {
                    Token::Zero { circle } if !(*circle && mode == Mode::Strict) => 0,
                    Token::Digit { value, form } if *form != Form::Liang => *value,
                    _ => return Err(INVALID),
                };
                numerator = numerator
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(d as i128))
                    .ok_or(OVERFLOW)?;
                places += 1;
            }
            if mode == Mode::Strict && matches!(digits.last(), Some(Token::Zero { .. })) {
                return Err(INVALID);
            }
        }
    }
    Number::ratio(numerator, 10i128.checked_pow(places).ok_or(OVERFLOW)?).ok_or(OVERFLOW)
}

/// What came just before the current token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Previous {
    Start,
    Digit,
    Arabic,
    Zero,
    Small(u16),
    Big(u8),
    Approx,
}

/// The strict mode's record of where digits sit, to check its zeros.
#[derive(Debug, Default)]
struct Positions {
    /// The relative position of the last digit committed in this section.
    last: Option<u32>,
    /// The first digit of this section: its relative position and whether 零 came before it.
    first: Option<(u32, bool)>,
    /// The exponent of the big unit that closed the previous section.
    previous_big: Option<u32>,
    /// Whether the rules were broken.
    broken: bool,
}

impl Positions {
    /// A digit at relative position `at` in the current section; `zero` if 零 came before it.
    fn digit(&mut self, at: u32, zero: bool) {
        match self.last {
            // Inside a section a gap takes exactly one 零, and no gap takes none.
            Some(last) => self.broken |= (last > at + 1) != zero || last <= at,
            None => self.first = Some((at, zero)),
        }
        self.last = Some(at);
    }

    /// The section ends at a big unit of `exponent` (0 at the end); `multiplies` when
    /// that unit scales everything before it (the 亿 after 一千万).
    fn close(&mut self, exponent: u32, multiplies: bool) {
        if multiplies {
            self.previous_big = self.previous_big.map(|p| p + exponent);
        }
        if let (Some(previous), Some((at, zero))) = (self.previous_big, self.first) {
            // The section's first digit follows the previous big unit's place
            // directly, or after one 零 (十万零一, 十万一千; cn2an's reading).
            let expected = previous.saturating_sub(1);
            let actual = exponent + at;
            self.broken |= actual > expected || (actual < expected) != zero;
        }
        if exponent > 0 {
            self.previous_big = Some(exponent);
        }
        self.last = None;
        self.first = None;
    }
}

/// A cardinal: Chinese, Arabic or mixed, with 万/亿 sections (`一千零一万`, `1.2万`, `3万4000`).
fn cardinal(tokens: &[Token], mode: Mode, implicit: bool) -> Result<Number> {
    let strict = mode == Mode::Strict;
    let smart = mode >= Mode::Smart;
    if tokens.is_empty() {
        return Err(INVALID);
    }
    // Digit by digit: 二〇二〇, 一二三 (never with 两).
    let digit_by_digit = tokens.iter().all(|t| {
        matches!(t, Token::Zero { .. })
            || matches!(t, Token::Digit { form, .. } if *form != Form::Liang)
    });
    if digit_by_digit && tokens.len() > 1 {
        if strict {
            return Err(INVALID);
        }
        let mut value: i128 = 0;
        for t in tokens {
            let d = match t {
                Token::Digit { value, .. } => *value,
                _ => 0,
            };
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(d as i128))
                .ok_or(OVERFLOW)?;
        }
        return Number::integer(value).ok_or(OVERFLOW);
    }
    if let [Token::Zero { circle }] = tokens {
        return if strict && *circle {
            Err(INVALID)
        } else {
            Ok(Number::ZERO)
        };
    }
    let mut total = Number::ZERO;
    let mut section = Number::ZERO;
    let mut pending: Option<Number> = None;
    let mut previous = Previous::Start;
    // The previous token before the pending digit, for elliptic 三千二.
    let mut before_pending = Previous::Start;
    let mut last_small: u16 = u16::MAX;
    let mut zero = false;
    let mut level: Option<u8> = None;
    let mut highest: Option<u8> = None;
    let mut closed = false;
    let mut has_digit = false;
    // 三千五多万: the digit before 多 is still elliptic.
    let mut before_approx_digit = false;
    let mut positions = Positions::default();

    for (i, token) in tokens.iter().enumerate() {
        if closed && !matches!(token, Token::Big { .. }) {
            // 10.1万 ends the number: 10.1万零100 is not one.
            return Err(INVALID);
        }
        match *token {
            Token::Digit { value, form } => {
                if pending.is_some() || form == Form::Yao {
                    return Err(INVALID);
                }
                pending = Some(Number::from(value as i64));
                before_pending = previous;
                has_digit = true;
                previous = Previous::Digit;
            }
            Token::Tens { digit } => {
                if pending.is_some() || last_small <= 10 {
                    return Err(INVALID);
                }
                section = section
                    .checked_add(Number::from(digit as i64 * 10))
                    .ok_or(OVERFLOW)?;
                positions.digit(1, zero);
                zero = false;
                last_small = 10;
                has_digit = true;
                previous = Previous::Small(10);
            }
            Token::Zero { circle } => {
                if pending.is_some() || (strict && (circle || zero)) {
                    return Err(INVALID);
                }
                zero = true;
                previous = Previous::Zero;
            }
            Token::Arabic {
                value, fractional, ..
            } => {
                if !smart || pending.is_some() || previous == Previous::Arabic {
                    return Err(INVALID);
                }
                let value = value.ok_or(OVERFLOW)?;
                if fractional {
                    // A decimal takes multipliers only: 1.2万, 2.5千.
                    let next = tokens.get(i + 1);
                    if !matches!(next, None | Some(Token::Big { .. } | Token::Small { .. })) {
                        return Err(INVALID);
                    }
                }
                pending = Some(value);
                before_pending = previous;
                has_digit = true;
                previous = Previous::Arabic;
            }
            Token::Small { value: unit, .. } => {
                if unit >= last_small {
                    return Err(INVALID);
                }
                let n = match pending.take() {
                    Some(n) => {
                        if strict {
                            positions.digit(log10(unit), zero);
                        }
                        n
                    }
                    None => {
                        // A unit without a digit: 十二, 一千零十, and outside strict
                        // mode 一百十一, 百三, 千一.
                        let at_start = previous == Previous::Start;
                        let allowed = if strict {
                            (at_start && unit == 10) || previous == Previous::Zero
                        } else {
                            at_start
                                || matches!(previous, Previous::Zero | Previous::Big(_))
                                || (unit == 10 && matches!(previous, Previous::Small(_)))
                        };
                        if !allowed {
                            return Err(INVALID);
                        }
                        if strict {
                            positions.digit(log10(unit), zero);
                        }
                        if unit == 10 {
                            has_digit = true;
                        }
                        Number::ONE
                    }
                };
                let product = n.checked_mul(Number::from(unit as i64)).ok_or(OVERFLOW)?;
                section = section.checked_add(product).ok_or(OVERFLOW)?;
                if matches!(previous, Previous::Arabic) && !n.is_integer() {
                    closed = true;
                }
                last_small = unit;
                zero = false;
                previous = Previous::Small(unit);
            }
            Token::Big { exponent } => {
                let scale = Number::power_of_ten(exponent as u32).ok_or(OVERFLOW)?;
                let fractional_head = pending.is_some_and(|p| !p.is_integer());
                let empty = pending.is_none() && section.is_zero();
                if empty && matches!(previous, Previous::Big(_) | Previous::Approx) {
                    // 万亿, 万万: compound multipliers.
                    if total.is_zero() {
                        return Err(INVALID);
                    }
                    total = total.checked_mul(scale).ok_or(OVERFLOW)?;
                    if strict {
                        positions.previous_big =
                            positions.previous_big.map(|p| p + exponent as u32);
                    }
                    highest = highest.max(Some(exponent)).map(|h| h.max(exponent));
                    level = Some(exponent);
                    previous = Previous::Big(exponent);
                    continue;
                }
                if empty
                    && !(previous == Previous::Start && implicit)
                    && !(previous == Previous::Start && mode == Mode::Spoken)
                {
                    return Err(INVALID);
                }
                if zero && pending.is_none() && strict {
                    return Err(INVALID);
                }
                let head = section_value(
                    section,
                    pending.take(),
                    previous == Previous::Digit || before_approx_digit,
                    before_pending,
                    strict,
                    zero,
                    &mut positions,
                )?;
                let head = if empty { Number::ONE } else { head };
                let multiplies = highest.is_none_or(|h| exponent > h);
                if strict {
                    positions.close(exponent as u32, multiplies);
                }
                if multiplies {
                    total = total
                        .checked_add(head)
                        .and_then(|t| t.checked_mul(scale))
                        .ok_or(OVERFLOW)?;
                    highest = Some(exponent);
                } else if level.is_some_and(|l| exponent < l) {
                    total = total
                        .checked_add(head.checked_mul(scale).ok_or(OVERFLOW)?)
                        .ok_or(OVERFLOW)?;
                } else {
                    return Err(INVALID);
                }
                if fractional_head {
                    closed = true;
                }
                level = Some(exponent);
                section = Number::ZERO;
                last_small = u16::MAX;
                zero = false;
                before_approx_digit = false;
                previous = Previous::Big(exponent);
            }
            Token::Approx => {
                // 1200多万, 十余万: only before a multiplier.
                if !smart || !matches!(tokens.get(i + 1), Some(Token::Big { .. })) {
                    return Err(INVALID);
                }
                before_approx_digit = previous == Previous::Digit;
                previous = Previous::Approx;
            }
            _ => return Err(INVALID),
        }
    }
    if !has_digit && !implicit {
        return Err(INVALID);
    }
    if zero && pending.is_none() {
        // A trailing 零 (一百零) is not a numeral.
        return Err(INVALID);
    }
    let tail = match pending {
        Some(p) => {
            // 三千二 is 3200 and 一万五 is 15000, unless a 零 came between.
            let elliptic = !zero
                && previous == Previous::Digit
                && matches!(before_pending, Previous::Small(100..) | Previous::Big(_));
            if elliptic {
                if strict {
                    return Err(INVALID);
                }
                let unit = match before_pending {
                    Previous::Small(u) => Number::from(u as i64 / 10),
                    Previous::Big(e) => Number::power_of_ten(e as u32 - 1).ok_or(OVERFLOW)?,
                    _ => Number::ONE,
                };
                p.checked_mul(unit).ok_or(OVERFLOW)?
            } else {
                if strict {
                    positions.digit(0, zero);
                }
                p
            }
        }
        None => Number::ZERO,
    };
    if strict {
        positions.close(0, false);
        if positions.broken {
            return Err(INVALID);
        }
    }
    total
        .checked_add(section)
        .and_then(|t| t.checked_add(tail))
        .ok_or(OVERFLOW)
}

/// The value of a section closed by a big unit, with elliptic `百二万` = 120万.
fn section_value(
    section: Number,
    pending: Option<Number>,
    pending_is_digit: bool,
    before_pending: Previous,
    strict: bool,
    zero: bool,
    positions: &mut Positions,
) -> Result<Number> {
    let Some(p) = pending else {
        return Ok(section);
    };
    let tail = match before_pending {
        Previous::Small(u) if u >= 100 && !zero && pending_is_digit => {
            if strict {
                return Err(INVALID);
            }
            p.checked_mul(Number::from(u as i64 / 10)).ok_or(OVERFLOW)?
        }
        _ => {
            if strict {
                positions.digit(0, zero);
            }
            p
        }
    };
    section.checked_add(tail).ok_or(OVERFLOW)
}

fn log10(unit: u16) -> u32 {
    match unit {
        10 => 1,
        100 => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use crate::numeral::{Mode, parse_with};

    #[test]
    fn one_token_reads_as_the_walk_reads_it() {
        use crate::numeral::token::{Extras, token_at};
        let arabic = [
            "0",
            "7",
            "12",
            "007",
            "3.5",
            ".25",
            "12,345",
            "1,234.5",
            "99999999999999999999999999999999999999999",
        ];
        let chars = (0..0x3_0000).filter_map(char::from_u32).map(String::from);
        let modes = [Mode::Strict, Mode::Normal, Mode::Smart, Mode::Spoken];
        for text in chars.chain(arabic.map(String::from)) {
            let Some((token, _)) = token_at(&text, 0, Extras::ALL) else {
                continue;
            };
            for mode in modes {
                let tokens = [token];
                assert_eq!(
                    super::number(&tokens, mode),
                    super::walk(&tokens, mode),
                    "{text:?} {mode:?}"
                );
            }
        }
    }

    fn value(s: &str, mode: Mode) -> Option<String> {
        parse_with(s, mode).ok().map(|n| n.to_string())
    }

    #[test]
    fn strict_zeros_sit_exactly_in_the_gaps() {
        for ok in [
            "一千零一十",
            "一万零一",
            "十万一千",
            "一亿零一百万",
            "一千零一万一千零一",
        ] {
            assert!(value(ok, Mode::Strict).is_some(), "{ok}");
        }
        // A missing zero, a zero too many, a bare 十 inside.
        for bad in ["一千一十", "十万零一千", "一百十一", "一千零零一"] {
            assert!(value(bad, Mode::Strict).is_none(), "{bad}");
            assert!(value(bad, Mode::Normal).is_some(), "{bad}");
        }
    }

    #[test]
    fn elliptic_digits_count_in_the_next_place_down() {
        assert_eq!(value("三千二", Mode::Normal).as_deref(), Some("3200"));
        assert_eq!(
            value("一百二十万三", Mode::Normal).as_deref(),
            Some("1203000")
        );
        assert_eq!(value("百二万", Mode::Normal).as_deref(), Some("1200000"));
        assert_eq!(value("三千零二", Mode::Normal).as_deref(), Some("3002"));
        assert!(value("三千二", Mode::Strict).is_none());
    }

    #[test]
    fn a_decimal_head_takes_multipliers_only() {
        assert_eq!(value("10.1万", Mode::Smart).as_deref(), Some("101000"));
        assert_eq!(
            value("4.78万亿", Mode::Smart).as_deref(),
            Some("4780000000000")
        );
        assert!(value("10.1万零100", Mode::Smart).is_none());
    }

    #[test]
    fn spoken_forms() {
        for (s, v) in [
            ("一个", "1"),
            ("五打", "60"),
            ("一对", "2"),
            ("1.2M", "1200000"),
            ("半百", "50"),
            ("五个半", "5.5"),
            ("二份一", "0.5"),
        ] {
            assert_eq!(value(s, Mode::Spoken).as_deref(), Some(v), "{s}");
            assert!(value(s, Mode::Smart).is_none(), "{s}");
        }
    }

    #[test]
    fn fractions_put_the_denominator_first() {
        assert_eq!(
            value("百分之十二点五", Mode::Smart).as_deref(),
            Some("0.125")
        );
        assert_eq!(
            value("负三分之负一百五十", Mode::Smart).as_deref(),
            Some("50")
        );
        assert_eq!(value("三又二分之一", Mode::Smart).as_deref(), Some("3.5"));
        assert!(value("三分之", Mode::Smart).is_none());
    }
}
