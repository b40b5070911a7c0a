//! Dates, times, durations, ranges and sets, normalized to TimeML values.
//!
//! The stage runs in four steps over the normalized text, with traditional
//! characters folded to simplified ones first (`這週` reads as `这周`):
//!
//! 1. [`token`]: a few static regexes find date words (`2020年`, `12月29日`,
//!    `今年`, `上半年`, `下午3点`, `连续三年`, `每年`, `春节`, `以来`), longest first.
//! 2. [`compose`]: adjacent words join into expressions (`今年12月初`,
//!    `12月29日至31日`, `三年前`).
//! 3. [`resolve`]: each expression gets its TimeML value against the
//!    reference date and what the article named before it (`当天`, `去年同期`).
//! 4. Here: expressions that overlap a claimed span (credit lines, section
//!    labels) are skipped, and the rest become [`Date`] items in text order.
//!
//! Examples that prove these rules: fixtures/corpus/date.toml

mod absolute;
mod astronomy;
mod calendar;
mod clock;
mod compose;
mod dateline;
mod duration;
mod hebrew;
mod hindu;
mod holiday;
mod lexer;
mod lunar;
mod occurrence;
mod relative;
mod resolve;
mod scan;
mod token;
mod value;

use std::borrow::Cow;
use std::collections::HashMap;

use once_cell::sync::Lazy;

use crate::claims::Claims;
use crate::lexicon::{FastHash, pairs};
use crate::text::Text;
use crate::{Calendar, Date, DateRange, ReferenceDate, Resolve};
use resolve::{Context, Value};

/// Traditional characters of date words and their simplified forms (`src/data/traditional.txt`).
static TRADITIONAL: Lazy<HashMap<char, char, FastHash>> = Lazy::new(|| {
    pairs(include_str!("../../data/traditional.txt"))
        .into_iter()
        .filter_map(|(from, to)| {
            let (mut from, mut to) = (from.chars(), to.chars());
            let pair = (from.next()?, to.next()?);
            // One character each, of one length, so that byte offsets stay put.
            (from.next().is_none() && to.next().is_none() && pair.0.len_utf8() == pair.1.len_utf8())
                .then_some(pair)
        })
        .collect()
});

/// The characters of the Basic Multilingual Plane that [`TRADITIONAL`] folds,
/// a bit each: most texts have none, and a bit test per character finds that
/// out several times faster than a hash lookup.
static TRADITIONAL_BITS: Lazy<Vec<u64>> = Lazy::new(|| {
    let mut bits = vec![0_u64; 0x1_0000 / 64];
    for &c in TRADITIONAL.keys() {
        if let Some(word) = bits.get_mut(c as usize / 64) {
            *word |= 1 << (c as usize % 64);
        }
    }
    bits
});

/// The characters [`fold`] may change.
fn traditional_characters() -> Vec<char> {
    TRADITIONAL.keys().copied().collect()
}

/// Whether [`fold`] changes `c`, by the bits of [`TRADITIONAL_BITS`].
fn is_traditional(bits: &[u64], c: char) -> bool {
    match bits.get(c as usize / 64) {
        Some(word) => word & (1 << (c as usize % 64)) != 0,
        None => TRADITIONAL.contains_key(&c),
    }
}

/// `text` with traditional characters of date words made simplified, byte for byte.
///
/// `個字` stays as written: in Cantonese `3個字` is fifteen minutes (a 字 is
/// five minutes on the clock face), while the simplified `3个字` of a news
/// text counts characters.
fn fold(text: &str) -> Cow<'_, str> {
    let bits = TRADITIONAL_BITS.as_slice();
    if !text.chars().any(|c| is_traditional(bits, c)) {
        return Cow::Borrowed(text);
    }
    let mut chars = text.chars().peekable();
    let mut folded = String::with_capacity(text.len());
    while let Some(c) = chars.next() {
        let keep = c == '個' && chars.peek() == Some(&'字');
        folded.push(match TRADITIONAL.get(&c) {
            Some(&simplified) if !keep => simplified,
            _ => c,
        });
    }
    Cow::Owned(folded)
}

/// The reference date a dateline gives (`发布时间:2020-12-30 10:05`, a leading
/// `2020-12-30 10:05`, `来源:… 2020年12月30日`, `新华社北京2020年3月5日电`).
pub(crate) fn dateline(text: &Text<'_>) -> Option<ReferenceDate> {
    // Most texts have none: say so before folding them.
    if !dateline::possible(text.as_str()) {
        return None;
    }
    dateline::find(&fold(text.as_str()))
}

/// Every date expression not inside a claimed span, resolved against
/// `reference` in the direction `resolve` where the text leaves it open.
pub(crate) fn extract(
    text: &Text<'_>,
    reference: Option<ReferenceDate>,
    resolve: Resolve,
    claims: &Claims,
) -> Vec<Date> {
    let (folded, mut tokens) = lexer::fold_and_lex(text.as_str());
    tokens.retain(|t| !claims.overlaps(&t.range));
    let expressions = compose::compose(&folded, &tokens);
    // A story's own dateline (本报湖州12月16日电) is its reference for 今天.
    let reference = reference.map(|r| dateline::story_date(&folded, r).unwrap_or(r));
    let mut context = Context::new(reference, resolve);
    let mut dates = Vec::with_capacity(expressions.len());
    for expression in expressions {
        let Some(resolved) = context.resolve(&expression.body) else {
            continue;
        };
        let kind = resolved.kind();
        let (value, range) = match &resolved.value {
            Value::Point(p) => (p.to_string(), None),
            Value::Range(a, b) => {
                let (start, end) = (a.to_string(), b.to_string());
                (format!("{start}/{end}"), Some(DateRange { start, end }))
            }
            Value::Duration(d) => (d.to_string(), None),
            Value::Set(s) => (s.clone(), None),
            Value::Reference(s) => (s.to_string(), None),
        };
        // Resolved: every part of a point or range known (no X written);
        // durations and sets always are.
        let resolved_flag = match &resolved.value {
            Value::Point(_) | Value::Range(..) => !value.contains('X'),
            _ => true,
        };
        dates.push(Date {
            mention: text.mention(expression.range),
            kind,
            value,
            modifier: resolved.modifier,
            range,
            resolved: resolved_flag,
            calendar: resolved.lunar.then_some(Calendar::Lunar),
            approx: resolved.approx,
        });
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_regex_compiles() {
        lexer::force_regexes();
        dateline::force_regexes();
    }

    #[test]
    fn folding_neither_changes_nor_makes_a_dateline_character() {
        let dateline = |c: char| c.is_ascii_digit() || c.is_whitespace() || "-/.年月".contains(c);
        for (&from, &to) in TRADITIONAL.iter() {
            assert!(!dateline(from) && !dateline(to), "{from} {to}");
        }
    }

    #[test]
    fn folding_keeps_byte_offsets() {
        let text = "這週三兩點";
        assert_eq!(fold(text), "这周三两点");
        assert_eq!(fold(text).len(), text.len());
        assert_eq!(fold("兩個字"), "两個字");
        assert!(matches!(fold("今天"), Cow::Borrowed(_)));
    }

    fn values(text: &str, reference: Option<&str>) -> Vec<(String, String)> {
        let text = Text::new(text);
        let reference = reference.map(|r| r.parse().unwrap());
        extract(&text, reference, Resolve::Nearest, &Claims::new())
            .into_iter()
            .map(|d| (d.mention.text, d.value))
            .collect()
    }

    #[test]
    fn yearless_date_takes_reference_year() {
        assert_eq!(
            values("12月29日,签约", Some("2020-12-30")),
            [("12月29日".to_string(), "2020-12-29".to_string())]
        );
        assert_eq!(
            values("12月29日,签约", None),
            [("12月29日".to_string(), "XXXX-12-29".to_string())]
        );
    }
}
