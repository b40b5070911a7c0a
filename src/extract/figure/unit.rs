//! The unit after a number and what it makes of it: `名`, `亿元`, `%`, `成`,
//! `个百分点`, `平方米`, `倍`; and the readings that need one: `百分之`,
//! `$`, `在校生2.8亿`, `3.8和3.1个百分点`.

use super::Candidate;
use super::money::{self, main_money_unit, money_tail};
use super::range::shared_unit;
use super::words::{self, Place, UnitKind};
use crate::FigureKind;
use crate::numeral::token::{Extras, Token};
use crate::numeral::{Number, Numeral, numeral_at};

/// Reads the unit after the number (from byte `at`) into `c`: a listed unit,
/// a colloquial main unit of money, a percentage word before it, a currency
/// before it, a multiplier alone (`2.8亿`), or the unit a list shares. Returns
/// where the figure's unit ends, or `None` when there is no figure.
pub(super) fn read(
    s: &str,
    n: &Numeral,
    c: &mut Candidate,
    mut at: usize,
    whole: bool,
    percent_word: Option<(usize, i128)>,
) -> Option<usize> {
    let before = s.get(..n.start)?;
    let previous = before.chars().next_back();
    let main = main_money_unit(s, at, whole, before);
    if let Some((unit_len, currency, prefix)) = main {
        // 七块, 七蚊, 港币三个: the main unit of money in colloquial writing.
        c.range.start -= prefix;
        c.kind = FigureKind::Money;
        c.unit = Some("元".to_string());
        c.currency = Some(currency);
        at += unit_len;
        if let Some((minor, end)) = money::minor_after_main(s, at, true) {
            c.value = c.value.checked_add(minor)?;
            at = end;
        } else if let Some(rest) = s.get(at..).and_then(|r| r.strip_prefix('半')) {
            c.value = c.value.checked_add(Number::ratio(1, 2)?)?;
            at = s.len() - rest.len();
        }
    } else {
        match words::unit_at(s, at) {
            Some((_, UnitKind::Time)) => {
                if whole {
                    // 五分, 二十五分: money, when the string is one amount.
                    at = minor_yuan(s, at, c)?;
                } else {
                    return None;
                }
            }
            Some((unit, kind)) => {
                if !apply_unit(s, c, unit, kind, at)
                    || !unit_ends_figure(s, n, unit, at + unit.len())
                {
                    return None;
                }
                at += unit.len();
                // 三四个, 五六家: two digits in a row before a classifier are a range.
                if c.bounds.is_none() && matches!(kind, UnitKind::Count | UnitKind::Measure) {
                    if let Some(bounds) = digit_pair(s, n) {
                        c.value = bounds.0;
                        c.bounds = Some(bounds);
                    }
                }
                // 三成半, 一吨半: and a half (of the unit).
                if let Some(rest) = s.get(at..).and_then(|r| r.strip_prefix('半')) {
                    let half = match (kind, unit) {
                        (UnitKind::Percent, "成") => Some(Number::from(5)),
                        (UnitKind::Measure, _) if c.value.is_integer() => Number::ratio(1, 2),
                        _ => None,
                    };
                    if let Some(half) = half.filter(|_| !next_is_han_word(s, at + '半'.len_utf8()))
                    {
                        c.value = c.value.checked_add(half)?;
                        at = s.len() - rest.len();
                    }
                }
                // 3米多, 1万元多, 3倍多: 多 after a measure, an amount, a multiple.
                if matches!(
                    kind,
                    UnitKind::Measure | UnitKind::Money(_) | UnitKind::Multiple
                ) && c.approx.is_none()
                {
                    if let Some((marker, approx)) = words::marker_at(s, at, Place::Inside) {
                        if !next_is_han_word(s, at + marker.len()) {
                            c.approx = Some(approx);
                            at += marker.len();
                        }
                    }
                }
                if let UnitKind::Money(_) = kind {
                    at = money_tail(s, c, unit, at, whole);
                }
            }
            None if s
                .get(at..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_numeral_char)
                && !has_unit_char(s.get(n.start..n.end)?) =>
            {
                // 二三十个: the numeral read is only the start of a vague one.
                return None;
            }
            None => {
                if whole
                    && s.get(at..)
                        .and_then(|r| r.chars().next())
                        .and_then(money::minor_unit)
                        .is_some()
                {
                    at = minor_yuan(s, at, c)?;
                } else if let Some((_, denominator)) = percent_word {
                    match denominator {
                        100 => c.kind = FigureKind::Percent,
                        1000 => {
                            c.kind = FigureKind::Percent;
                            c.unit = Some("‰".to_string());
                        }
                        _ => {
                            c.kind = FigureKind::Fraction;
                            c.value = c.value.checked_div(Number::integer(denominator)?)?;
                        }
                    }
                } else if let Some(code) = currency_sign(previous) {
                    // $20, ￥300.
                    c.kind = FigureKind::Money;
                    c.range.start -= previous.map_or(0, char::len_utf8);
                    c.currency = Some(code);
                    c.unit = Some(if code == "CNY" { "元" } else { "美元" }.to_string());
                } else if let Some((word, code)) = words::currency_before(s, c.range.start) {
                    c.kind = FigureKind::Money;
                    c.range.start -= word.len();
                    c.currency = Some(code);
                    c.unit = Some(if code == "CNY" { "元" } else { word }.to_string());
                } else if n.last_is_big() {
                    // 在校生2.8亿, 超65亿: a count without a classifier.
                    c.kind = FigureKind::Count;
                } else if let Some(shared) = shared_unit(s, at) {
                    // 3.8和3.1个百分点: the first number takes the second's unit, not its text.
                    let (unit, kind) = shared;
                    if !apply_unit(s, c, unit, kind, at) {
                        return None;
                    }
                    c.unit = c
                        .unit
                        .take()
                        .filter(|_| c.kind != FigureKind::Percent || unit != "%");
                } else {
                    return None;
                }
            }
        }
    }
    Some(at)
}

/// Sets the kind, value, unit and currency that `unit` (at byte `at`) gives.
/// `false` when the unit word is really the start of another word (`成为`).
pub(super) fn apply_unit(
    s: &str,
    c: &mut Candidate,
    unit: &'static str,
    kind: UnitKind,
    at: usize,
) -> bool {
    let next = s
        .get(at + unit.len()..)
        .and_then(|r| r.chars().next())
        .unwrap_or(' ');
    // 5min, 3GHz: a Latin unit must end where the letters end.
    if unit.ends_with(|c: char| c.is_ascii_alphabetic()) && next.is_ascii_alphabetic() {
        return false;
    }
    c.unit = Some(unit.to_string());
    match kind {
        UnitKind::Count => c.kind = FigureKind::Count,
        UnitKind::Measure => c.kind = FigureKind::Measure,
        UnitKind::Multiple => c.kind = FigureKind::Multiple,
        UnitKind::PercentagePoints => c.kind = FigureKind::PercentagePoints,
        UnitKind::Money(code) => {
            c.kind = FigureKind::Money;
            c.currency = Some(code);
            if code == "CNY" {
                c.unit = Some("元".to_string());
            }
        }
        UnitKind::Percent => {
            c.kind = FigureKind::Percent;
            match unit {
                // %28, %20: URL encoding, not a percentage.
                "%" if next.is_ascii_alphanumeric() => return false,
                "%" => c.unit = None,
                "成" => {
                    // 成为, 成立, 成本: a verb or a noun, not tenths.
                    if "为立员本果就交长功熟效绩都型分".contains(next) {
                        return false;
                    }
                    c.value = tenfold(c.value);
                    c.bounds = c.bounds.map(|(a, b)| (tenfold(a), tenfold(b)));
                }
                "折" => {
                    if "合算射旧叠腾返扣线".contains(next) {
                        return false;
                    }
                    // 十折, 二十折: no discount is written so.
                    if c.value.is_integer() && c.value.numerator() % 10 == 0 {
                        return false;
                    }
                    // 八折 is 80%, 8.5折 85%, 七五折 and 75折 75%.
                    if c.value.to_f64() < 10.0 {
                        c.value = tenfold(c.value);
                    }
                }
                _ => {}
            }
        }
        UnitKind::Time => return false,
    }
    true
}

/// Whether the text after a unit (from byte `at`) lets the number be a figure.
pub(super) fn unit_ends_figure(s: &str, n: &Numeral, unit: &str, at: usize) -> bool {
    let rest = s.get(at..).unwrap_or("");
    let next = rest.chars().next();
    // 两千吨级, 万吨级: a class of ship or plant, not an amount.
    if next == Some('级') {
        return false;
    }
    // 三个半月, 两个多小时: a duration.
    if unit == "个" {
        let after = rest
            .strip_prefix(['多', '余', '半'])
            .map_or(at, |r| s.len() - r.len());
        if after != at && words::unit_at(s, after).is_some_and(|(_, k)| k == UnitKind::Time) {
            return false;
        }
    }
    // 五台县, 三河市, 九龙山: a place named with a number.
    if n.chinese && next.is_some_and(|c| "县市区镇乡村山路街州湖江河岛寺庙峰岭港湾省桥".contains(c))
    {
        return false;
    }
    true
}

/// Whether a Han character follows at `at` that would make `多` part of a word (`多边`).
pub(super) fn next_is_han_word(s: &str, at: usize) -> bool {
    s.get(at..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| "边元样种项少年次数个".contains(c))
}

/// `900万千瓦`, `12千米`, `5兆瓦`: when a unit starts inside the numeral's last
/// token, the numeral ends before it. Only after Arabic digits or 万/亿: `三千米`
/// is read as 3000 metres.
pub(super) fn refit(s: &str, n: &Numeral) -> Option<Numeral> {
    let (Token::Small { .. } | Token::Big { .. }) = n.last else {
        return None;
    };
    let (unit, kind) = words::unit_at(s, n.last_start)?;
    let last_len = n.end - n.last_start;
    if kind == UnitKind::Time || unit.len() <= last_len {
        return None;
    }
    let head = s.get(n.start..n.last_start)?;
    if !head.ends_with(|c: char| c.is_ascii_digit() || matches!(c, '万' | '亿' | '萬' | '億')) {
        return None;
    }
    let numeral = numeral_at(s.get(..n.last_start)?, n.start, Extras::NONE)?;
    (numeral.end == n.last_start).then_some(numeral)
}

pub(super) fn tenfold(value: Number) -> Number {
    value.checked_mul(Number::from(10)).unwrap_or(value)
}

/// 三四个, 五六家: two Chinese digits read digit by digit are a range of two numbers.
pub(super) fn digit_pair(s: &str, n: &Numeral) -> Option<(Number, Number)> {
    let text = s.get(n.start..n.end)?;
    let mut chars = text.chars();
    let (a, b) = (chars.next()?, chars.next()?);
    if chars.next().is_some() || !n.chinese {
        return None;
    }
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as i64 + 1)
    };
    let (a, b) = (digit(a)?, digit(b)?);
    (a < b).then(|| (Number::from(a), Number::from(b)))
}

/// `百分之`, `千分之`, `万分之` ending `before`: its length and the denominator.
pub(super) fn parts_of(before: &str) -> Option<(usize, i128)> {
    let head = before.strip_suffix("分之")?;
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| "百千万亿佰仟萬億".contains(*c))
        .collect();
    if word.is_empty() {
        return None;
    }
    let word: String = word.chars().rev().collect();
    let denominator = crate::numeral::parse(&format!("一{word}")).ok()?.to_i64()?;
    Some((word.len() + "分之".len(), denominator as i128))
}

/// Whether a numeral is written with a unit character (十, 百, 万), not digit by digit.
pub(super) fn has_unit_char(numeral: &str) -> bool {
    numeral.contains(|c: char| "十百千万亿拾佰仟萬億兆廿卅".contains(c))
}

/// A currency sign just before the number: `$`, `￥`.
pub(super) fn currency_sign(previous: Option<char>) -> Option<&'static str> {
    match previous? {
        '$' | '＄' => Some("USD"),
        '¥' | '￥' => Some("CNY"),
        _ => None,
    }
}

/// Whether `c` is a Chinese numeral character (digit or unit).
pub(super) fn is_numeral_char(c: char) -> bool {
    "〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩".contains(c)
}

/// `五分`, `两毛`: an amount in the yuan's minor units alone makes the figure money.
fn minor_yuan(s: &str, at: usize, c: &mut Candidate) -> Option<usize> {
    let (amount, end) = money::minor_only(s, at, c.value)?;
    c.kind = FigureKind::Money;
    c.value = amount;
    c.unit = Some("元".to_string());
    c.currency = Some("CNY");
    Some(end)
}
