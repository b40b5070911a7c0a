//! Amounts of money written with minor units: `三元五角`, `两毛五`, `一块二`, `五分`.
//!
//! 角, 毛 and 毫 are tenths of the main unit; 分 and 仙 hundredths. In running
//! text only the part after 元 is read (`3元5角`); a bare `五分` is a time or a
//! score there, and is money only when a string is read as one amount
//! ([`Figure::parse`](crate::Figure::parse)).

use super::Candidate;
use super::words;
use crate::numeral::Number;
use crate::numeral::token::{Extras, Token, token_at};

/// The denominator of a minor unit of money.
pub(super) fn minor_unit(c: char) -> Option<i128> {
    match c {
        '角' | '毛' | '毫' => Some(10),
        '分' | '仙' => Some(100),
        _ => None,
    }
}

/// A single digit (零 included) at byte `at`, and where it ends.
fn digit_at(s: &str, at: usize) -> Option<(i128, usize)> {
    let (token, len) = token_at(s, at, Extras::NONE)?;
    let d = match token {
        Token::Digit { value, .. } => value as i128,
        Token::Zero { .. } => 0,
        Token::Arabic {
            value: Some(v),
            fractional: false,
            integer_digits: 1,
            ..
        } => v.numerator(),
        _ => return None,
    };
    Some((d, at + len))
}

fn char_at(s: &str, at: usize) -> Option<char> {
    s.get(at..)?.chars().next()
}

/// The minor part after a main unit, from byte `at`: `五角`, `七毛八分`, `七毛八`,
/// `零四`, and with `elliptic`, a lone digit of tenths (`一块二`).
pub(super) fn minor_after_main(s: &str, at: usize, elliptic: bool) -> Option<(Number, usize)> {
    let (first, after_first) = digit_at(s, at)?;
    let unit = char_at(s, after_first).and_then(minor_unit);
    match unit {
        Some(10) => {
            let mut value = Number::ratio(first, 10)?;
            let mut end = after_first + char_at(s, after_first)?.len_utf8();
            if let Some((second, after_second)) = digit_at(s, end) {
                match char_at(s, after_second).and_then(minor_unit) {
                    Some(100) => {
                        value = value.checked_add(Number::ratio(second, 100)?)?;
                        end = after_second + char_at(s, after_second)?.len_utf8();
                    }
                    None if !next_is_numeral(s, after_second) => {
                        // 两毛五: the digit after 毛 is 分.
                        value = value.checked_add(Number::ratio(second, 100)?)?;
                        end = after_second;
                    }
                    _ => {}
                }
            }
            Some((value, end))
        }
        Some(_) => {
            let end = after_first + char_at(s, after_first)?.len_utf8();
            Some((Number::ratio(first, 100)?, end))
        }
        None if first == 0 => {
            // 三块零四: after 零 the digit is 分.
            let (second, after_second) = digit_at(s, after_first)?;
            let end = match char_at(s, after_second) {
                Some(c) if minor_unit(c) == Some(100) => after_second + c.len_utf8(),
                _ => after_second,
            };
            Some((Number::ratio(second, 100)?, end))
        }
        None if elliptic && !next_is_numeral(s, after_first) => {
            Some((Number::ratio(first, 10)?, after_first))
        }
        None => None,
    }
}

/// A whole amount in minor units only, from byte `at` after its numeral's value
/// `value` ended: `五分`, `二十五分`, `两角五分`, `两毛五`.
pub(super) fn minor_only(s: &str, at: usize, value: Number) -> Option<(Number, usize)> {
    let c = char_at(s, at)?;
    let denominator = minor_unit(c)?;
    let mut amount = value.checked_div(Number::integer(denominator)?)?;
    let mut end = at + c.len_utf8();
    if denominator == 10 {
        if let Some((rest, rest_end)) =
            digit_at(s, end).and_then(|(d, e)| match char_at(s, e).and_then(minor_unit) {
                Some(100) => Some((d, e + char_at(s, e)?.len_utf8())),
                None if !next_is_numeral(s, e) => Some((d, e)),
                _ => None,
            })
        {
            amount = amount.checked_add(Number::ratio(rest, 100)?)?;
            end = rest_end;
        }
    }
    Some((amount, end))
}

fn next_is_numeral(s: &str, at: usize) -> bool {
    token_at(s, at, Extras::NONE).is_some()
}

/// After a money unit at `at`: `元人民币`, and minor units after 元 (`3元5角`).
pub(super) fn money_tail(
    s: &str,
    c: &mut Candidate,
    unit: &str,
    mut at: usize,
    whole: bool,
) -> usize {
    let rest = s.get(at..).unwrap_or("");
    if matches!(unit, "元" | "圆") {
        for word in ["人民币", "人民幣"] {
            if rest.starts_with(word) {
                return at + word.len();
            }
        }
        if let Some((minor, end)) = minor_after_main(s, at, whole) {
            if let Some(value) = c.value.checked_add(minor) {
                c.value = value;
                at = end;
            }
        }
    }
    at
}

/// A colloquial main unit of money at `at`: 块 and 蚊 when the string is one
/// amount, 个 after a currency written before the number. Its length, its
/// currency, and the length of that currency's name before the number.
pub(super) fn main_money_unit(
    s: &str,
    at: usize,
    whole: bool,
    before: &str,
) -> Option<(usize, &'static str, usize)> {
    let c = s.get(at..)?.chars().next()?;
    match c {
        '块' | '塊' if whole => Some((c.len_utf8(), "CNY", 0)),
        '蚊' if whole => Some((c.len_utf8(), "HKD", 0)),
        '个' | '個' => {
            if let Some((word, code)) = words::currency_before(before, before.len()) {
                return Some((c.len_utf8(), code, word.len()));
            }
            // 五個半, 三個二: Cantonese dollars, when the string is one amount.
            let next = s.get(at + c.len_utf8()..)?.chars().next()?;
            let cantonese =
                whole && c == '個' && (next == '半' || "一二三四五六七八九".contains(next));
            cantonese.then_some((c.len_utf8(), "HKD", 0))
        }
        _ => None,
    }
}
