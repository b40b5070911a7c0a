//! The composer: joins adjacent tokens into date expressions.
//!
//! Tokens join when nothing but a space or `的` stands between them and each
//! fills a smaller slot than the last (year, then month or period, then day,
//! then part of the day, then clock): `今年` `12月` `初` is one expression.
//! Marks attach to their neighbours (`以来` → SINCE, `前` after a duration →
//! that long ago), and two expressions joined by `至`/`到`/`-` make a range
//! whose second end borrows the larger slots of the first (`12月29日至31日`).

use std::ops::Range;

use super::token::{Atom, DurationAtom, Mark, Parts, Token, mark_at, mark_before};
use crate::DateModifier;

/// What an expression is, before it is resolved against the reference.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Body {
    /// A point or period of the calendar, or a clock time.
    Date(Parts),
    /// From one date to another.
    Range(Parts, Parts),
    /// An amount of time.
    Duration(DurationAtom),
    /// A duration before (`-1`) or after (`1`) the reference: `三年前`, `3天后`.
    Shift(DurationAtom, i32),
    /// A recurrence, with its TimeML value.
    Set(String),
    /// A five-year plan starting that year.
    Plan(i32),
    /// The period in context, this many years away (`去年同期`).
    SamePeriod(i32),
}

/// A date expression and where it is written (bytes of the normalized text).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Expression {
    pub(super) range: Range<usize>,
    pub(super) body: Body,
}

/// Joins `tokens` of `text` into expressions, in order.
pub(super) fn compose(text: &str, tokens: &[Token]) -> Vec<Expression> {
    let mut out: Vec<Expression> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        match expression(text, tokens, i) {
            Some((mut expression, next)) => {
                // 2018年春节前夕: the holiday falls in the year just before it; the
                // year stays an item of its own (今年春节假期: 今年 is required alone).
                if let (Some(previous), Body::Date(parts)) = (out.last(), &mut expression.body) {
                    if let Body::Date(year) = &previous.body {
                        let only_year = year.month.is_none()
                            && year.period.is_none()
                            && year.day.is_none()
                            && year.modifier.is_none();
                        if parts.holiday.is_some()
                            && parts.year.is_none()
                            && only_year
                            && adjacent(text, previous.range.end, expression.range.start, false)
                        {
                            parts.year = year.year;
                            parts.short_year = year.short_year;
                        }
                    }
                }
                out.push(expression);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether only spaces (or, with `de`, one `的`) stand between two tokens.
fn adjacent(text: &str, end: usize, start: usize, de: bool) -> bool {
    let Some(gap) = text.get(end..start) else {
        return false;
    };
    let gap = gap.trim_matches(' ');
    gap.is_empty() || (de && gap == "的")
}

/// The expression that starts at token `i`, and the index of the token after it.
fn expression(text: &str, tokens: &[Token], i: usize) -> Option<(Expression, usize)> {
    let token = tokens.get(i)?;
    match &token.atom {
        Atom::Date(_) | Atom::Span(..) => {
            let (mut expression, next) = date_expression(text, tokens, i)?;
            // 截至6月底 (up to), 农历正月初八 (lunar): a mark before the expression.
            if let (Some((mark, at)), Body::Date(parts)) = (
                mark_before(text, expression.range.start),
                &mut expression.body,
            ) {
                match mark {
                    Mark::Until => {
                        parts.modifier = Some(DateModifier::Before);
                        parts.modifier_level = None;
                        expression.range.start = at.start;
                    }
                    Mark::Lunar => {
                        parts.lunar = true;
                        expression.range.start = at.start;
                    }
                    _ => {}
                }
            }
            Some((expression, next))
        }
        Atom::Duration(_) => duration_expression(text, tokens, i),
        Atom::Set(value) => {
            // 每周一至周五: a set of weekdays.
            if let (Some(first), Some((Mark::Connector, at)), Some(next)) = (
                value.strip_prefix("XXXX-WXX-"),
                mark_at(text, token.range.end),
                tokens.get(i + 1),
            ) {
                if let Atom::Date(parts) = &next.atom {
                    if let (true, Some(super::token::DaySpec::Weekday { day, .. })) = (
                        is_weekday_only(parts) && adjacent(text, at.end, next.range.start, false),
                        parts.day,
                    ) {
                        let expression = Expression {
                            range: token.range.start..next.range.end,
                            body: Body::Set(format!("XXXX-WXX-{first}/XXXX-WXX-{day}")),
                        };
                        return Some((expression, i + 2));
                    }
                }
            }
            Some((
                Expression {
                    range: token.range.clone(),
                    body: Body::Set(value.clone()),
                },
                i + 1,
            ))
        }
        Atom::Plan(first) => Some((
            Expression {
                range: token.range.clone(),
                body: Body::Plan(*first),
            },
            i + 1,
        )),
        Atom::SamePeriod(offset) => Some((
            Expression {
                range: token.range.clone(),
                body: Body::SamePeriod(*offset),
            },
            i + 1,
        )),
    }
}

/// A date chain at `i`, with its marks, possibly the start of a range.
fn date_expression(text: &str, tokens: &[Token], i: usize) -> Option<(Expression, usize)> {
    let (first, next) = chain(text, tokens, i, false)?;
    let Body::Date(a) = &first.body else {
        return Some((first, next));
    };
    let tight = |end: usize, token: Option<&Token>| {
        token.is_some_and(|t| adjacent(text, end, t.range.start, false))
    };
    let range = |end: Expression, after: usize| -> Option<(Expression, usize)> {
        let Body::Date(b) = end.body else {
            return None;
        };
        let b = inherit(a, &b)?;
        let expression = Expression {
            range: first.range.start..end.range.end,
            body: Body::Range(range_start(a), range_start(&b)),
        };
        Some((expression, after))
    };
    let joiner = mark_at(text, first.range.end);
    let second = tokens.get(next);
    let second_is_date = second.is_some_and(|t| matches!(t.atom, Atom::Date(_)));
    if let Some((mark, at)) = joiner {
        if second_is_date && tight(at.end, second) {
            // 2019年至2021年, 12月29日至31日.
            if mark == Mark::Connector {
                if let Some((end, after)) = chain(text, tokens, next, true) {
                    if let Some(found) = range(end, after) {
                        return Some(found);
                    }
                }
            }
            // 2007年与2009年之间.
            if mark == Mark::And {
                if let Some((mut end, after)) = chain(text, tokens, next, true) {
                    if let Some((Mark::Between, between)) = mark_at(text, end.range.end) {
                        end.range.end = between.end;
                        if let Some(found) = range(end, after) {
                            return Some(found);
                        }
                    }
                }
            }
        }
    }
    let connector = tokens.get(next);
    // 2010年之后2018年之前.
    if a.modifier == Some(DateModifier::After) && tight(first.range.end, connector) && {
        connector.is_some_and(|t| matches!(t.atom, Atom::Date(_)))
    } {
        if let Some((end, after)) = chain(text, tokens, next, false) {
            if matches!(&end.body, Body::Date(b) if b.modifier == Some(DateModifier::Before)) {
                if let Some(found) = range(end, after) {
                    return Some(found);
                }
            }
        }
    }
    Some((first, next))
}

/// An end of a range keeps its slots but not a trailing modifier.
fn range_start(a: &Parts) -> Parts {
    let mut a = *a;
    if a.modifier_level.is_none() {
        a.modifier = None;
    }
    a
}

/// `b` with the slots above its own taken from `a` (`12月29日至31日`), if the ends match.
fn inherit(a: &Parts, b: &Parts) -> Option<Parts> {
    let top = top_level(b)?;
    if top_level(a)? > top || a.clock.is_some() != b.clock.is_some() {
        return None;
    }
    let mut b = *b;
    if top > 0 && b.year.is_none() {
        b.year = a.year;
        b.short_year = a.short_year;
    }
    if top > 1 && b.month.is_none() && b.period.is_none() {
        b.month = a.month;
        b.period = a.period;
    }
    if top > 2 && b.day.is_none() && b.holiday.is_none() {
        b.day = a.day;
        b.holiday = a.holiday;
    }
    if top > 3 && b.day_part.is_none() {
        b.day_part = a.day_part;
    }
    b.lunar |= a.lunar;
    Some(b)
}

/// The smallest level filled: 0 year, 1 month or period, 2 day, 3 part of day, 4 clock.
fn top_level(p: &Parts) -> Option<u8> {
    levels(p).into_iter().min()
}

fn bottom_level(p: &Parts) -> Option<u8> {
    levels(p).into_iter().max()
}

fn levels(p: &Parts) -> Vec<u8> {
    let mut levels = Vec::with_capacity(5);
    if p.year.is_some() || p.decade.is_some() {
        levels.push(0);
    }
    if p.month.is_some() || p.period.is_some() || p.modifier_level == Some(1) {
        levels.push(1);
    }
    if p.day.is_some() || p.holiday.is_some() || p.modifier_level == Some(2) {
        levels.push(2);
    }
    if p.day_part.is_some() {
        levels.push(3);
    }
    if p.clock.is_some() {
        levels.push(4);
    }
    levels
}

/// `a` and `b` as one expression, when `b` only fills smaller slots.
fn merge(a: &Parts, b: &Parts) -> Option<Parts> {
    if top_level(b)? <= bottom_level(a)? {
        return None;
    }
    // A holiday takes no year before it (今年春节假期: 今年 stands alone).
    if b.holiday.is_some() {
        return None;
    }
    let mut merged = *a;
    merged.dependent = a.dependent;
    merged.year = a.year.or(b.year);
    merged.short_year |= b.short_year;
    merged.month = a.month.or(b.month);
    merged.period = a.period.or(b.period);
    merged.day = a.day.or(b.day);
    merged.day_part = a.day_part.or(b.day_part);
    merged.clock = a.clock.or(b.clock);
    merged.lunar |= b.lunar;
    if b.modifier.is_some() {
        merged.modifier = b.modifier;
        merged.modifier_level = b.modifier_level;
    }
    Some(merged)
}

/// Whether a weekday written beside a full date can be dropped (`10月12号,星期一`).
fn is_weekday_only(p: &Parts) -> bool {
    matches!(
        p.day,
        Some(super::token::DaySpec::Weekday { week: None, .. })
    ) && p.year.is_none()
        && p.month.is_none()
        && p.clock.is_none()
}

/// The weekday (1 = Monday) a weekday-only piece names.
fn weekday_of(p: &Parts) -> Option<u32> {
    match p.day {
        Some(super::token::DaySpec::Weekday { day, .. }) => Some(day),
        _ => None,
    }
}

fn has_month_day(p: &Parts) -> bool {
    p.month.is_some() && matches!(p.day, Some(super::token::DaySpec::Absolute(_)))
}

/// The longest run of date tokens from `i`, with trailing marks.
///
/// A piece that needs a month before it (`20号`) stands alone only as the end
/// of a range (`5月18号至20号`), when `dependent_ok`.
fn chain(
    text: &str,
    tokens: &[Token],
    i: usize,
    dependent_ok: bool,
) -> Option<(Expression, usize)> {
    let first = tokens.get(i)?;
    let (mut parts, mut range) = match &first.atom {
        Atom::Date(parts) => (*parts, first.range.clone()),
        Atom::Span(a, b) => {
            let b = inherit(a, b).unwrap_or(*b);
            let expression = Expression {
                range: first.range.clone(),
                body: Body::Range(*a, b),
            };
            return Some((expression, i + 1));
        }
        _ => return None,
    };
    // Where the text ends if a trailing part of the day is left out (12日上午 → 12日).
    let mut end_before_day_part = None;
    let mut j = i + 1;
    loop {
        // A mark right after the chain: 初/底/末, 农历 before more of the date, a comma before a weekday.
        if let Some((mark, at)) = mark_at(text, range.end) {
            let next = tokens
                .get(j)
                .filter(|t| adjacent(text, at.end, t.range.start, false));
            let next_date = match next {
                Some(Token {
                    range: next_range,
                    atom: Atom::Date(next),
                }) => Some((next_range.clone(), *next)),
                _ => None,
            };
            match mark {
                Mark::Part(modifier) if parts.modifier.is_none() => {
                    let level = if parts.day.is_none()
                        && (parts.month.is_some() || parts.decade.is_some())
                    {
                        Some(2)
                    } else if parts.year.is_some()
                        && parts.month.is_none()
                        && parts.period.is_none()
                        && parts.day.is_none()
                    {
                        Some(1)
                    } else {
                        None
                    };
                    if let Some(level) = level {
                        parts.modifier = Some(modifier);
                        parts.modifier_level = Some(level);
                        range.end = at.end;
                        continue;
                    }
                }
                // 2015年农历正月初一: the rest of the chain is lunar.
                Mark::Lunar if next_date.is_some() => {
                    parts.lunar = true;
                    range.end = at.end;
                    continue;
                }
                // 10月12号,星期一 and 周日,二月十号: the weekday is dropped.
                Mark::Comma => {
                    if let Some((next_range, next)) = next_date {
                        if has_month_day(&parts) && is_weekday_only(&next) {
                            parts.weekday = weekday_of(&next);
                            range.end = next_range.end;
                            j += 1;
                            continue;
                        }
                        if is_weekday_only(&parts) && has_month_day(&next) {
                            let weekday = weekday_of(&parts);
                            parts = next;
                            parts.weekday = weekday;
                            range.end = next_range.end;
                            j += 1;
                            continue;
                        }
                    }
                }
                _ => {}
            }
        }
        let Some(token) = tokens.get(j) else {
            break;
        };
        // 2021年1月8日(星期五): a weekday in brackets after a full date belongs to it.
        if let (Atom::Date(next), Some(inside)) = (
            &token.atom,
            text.get(range.end..token.range.start)
                .map(|gap| gap.trim_matches(' ')),
        ) {
            let closed = text
                .get(token.range.end..)
                .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(')'));
            if inside == "(" && closed && has_month_day(&parts) && is_weekday_only(next) {
                let after = text.get(token.range.end..).unwrap_or("");
                let close = after.find(')').unwrap_or(0) + 1;
                parts.weekday = weekday_of(next);
                range.end = token.range.end + close;
                j += 1;
                continue;
            }
        }
        let de_ok = adjacent(text, range.end, token.range.start, true);
        let tight = adjacent(text, range.end, token.range.start, false);
        match &token.atom {
            // 国庆节次日: a day after the day just named.
            Atom::Date(next)
                if tight
                    && (parts.holiday.is_some()
                        || matches!(parts.day, Some(super::token::DaySpec::Absolute(_))))
                    && parts.clock.is_none()
                    && parts.day_shift == 0
                    && matches!(next.day, Some(super::token::DaySpec::Anchor(k)) if k != 0)
                    && next.year.is_none()
                    && next.month.is_none() =>
            {
                if let Some(super::token::DaySpec::Anchor(k)) = next.day {
                    parts.day_shift = k;
                }
                range.end = token.range.end;
                j += 1;
            }
            Atom::Date(next) if de_ok => {
                // 4月当月: the month in context is the month just written.
                if matches!(next.month, Some(super::token::MonthSpec::Anchor(0)))
                    && next.day.is_none()
                    && parts.month.is_some()
                    && parts.day.is_none()
                {
                    range.end = token.range.end;
                    j += 1;
                    continue;
                }
                let Some(merged) = merge(&parts, next) else {
                    break;
                };
                if next.day_part.is_some() && next.clock.is_none() && next.day.is_none() {
                    end_before_day_part = Some(range.end);
                } else {
                    end_before_day_part = None;
                }
                parts = merged;
                range.end = token.range.end;
                j += 1;
            }
            Atom::Span(a, b) if tight => {
                // 2020年1-4月, 1月5-8日: the span's ends take the slots before them.
                let (Some(a), Some(b)) = (merge(&parts, a), merge(&parts, b)) else {
                    break;
                };
                let expression = Expression {
                    range: range.start..token.range.end,
                    body: Body::Range(a, b),
                };
                return Some((expression, j + 1));
            }
            _ => break,
        }
    }
    // A part of the day without a clock time is not encoded and not part of the text.
    if parts.clock.is_none() {
        if let Some(end) = end_before_day_part {
            range.end = end;
        }
    }
    // A clock time needs to be certain, or to follow a date or a part of the day.
    if let Some(clock) = parts.clock {
        let context = parts.day_part.is_some()
            || parts.day.is_some()
            || parts.holiday.is_some()
            || parts.month.is_some();
        if !clock.certain && !context {
            return None;
        }
    }
    if parts.dependent && !dependent_ok {
        return None;
    }

    // A part of the day alone is not a date.
    if top_level(&parts) == Some(3) && parts.clock.is_none() {
        return None;
    }
    // Trailing marks: 以来, 前后, 以前, 前, 后.
    if let Some((mark, at)) = mark_at(text, range.end) {
        let modifier = match mark {
            Mark::Modifier(m) => Some(m),
            Mark::Before => Some(DateModifier::Before),
            Mark::After => Some(DateModifier::After),
            _ => None,
        };
        // 12月29日前 is before that day; 12月29日前往 is not.
        let word_goes_on = matches!(mark, Mark::Before | Mark::After)
            && super::token::char_at(text, at.end).is_some_and(|c| "往来进去".contains(c));
        if let (Some(m), false) = (modifier, word_goes_on) {
            parts.modifier = Some(m);
            parts.modifier_level = None;
            range.end = at.end;
        }
    }
    // A season is a date in a year (今年春季) or standing alone in its clause
    // (春季，…); before a noun it is a kind of thing (冬季运动会, 春季学期).
    if matches!(parts.period, Some(super::token::Period::Season(_)))
        && parts.year.is_none()
        && parts.modifier.is_none()
        && !super::token::char_at(text, range.end).is_none_or(|c| ",。;、:!?\n".contains(c))
    {
        return None;
    }
    Some((
        Expression {
            range,
            body: Body::Date(parts),
        },
        j,
    ))
}

/// A duration at `i`, joined with smaller ones after it (`两年零三个月`), with its marks.
fn duration_expression(text: &str, tokens: &[Token], i: usize) -> Option<(Expression, usize)> {
    let first = tokens.get(i)?;
    let Atom::Duration(atom) = &first.atom else {
        return None;
    };
    let mut atom = atom.clone();
    let mut range = first.range.clone();
    let mut j = i + 1;
    let mut compound = false;
    while let Some(Token {
        range: next_range,
        atom: Atom::Duration(next),
    }) = tokens.get(j)
    {
        if !adjacent(text, range.end, next_range.start, false) || atom.since {
            break;
        }
        let Some(joined) = atom.value.clone().then(next.value.clone()) else {
            break;
        };
        atom.value = joined;
        atom.since = next.since;
        atom.approx = atom.approx.or(next.approx);
        range.end = next_range.end;
        compound = true;
        j += 1;
    }
    if atom.bare_minute && !compound {
        return None;
    }
    let mut body = Body::Duration(atom.clone());
    if let (Some((mark, at)), false) = (mark_at(text, range.end), atom.since) {
        match mark {
            Mark::Before | Mark::Modifier(DateModifier::Before) => {
                body = Body::Shift(atom, -1);
                range.end = at.end;
            }
            Mark::After | Mark::Modifier(DateModifier::After) => {
                body = Body::Shift(atom, 1);
                range.end = at.end;
            }
            // 三年以来: a duration up to now.
            Mark::Modifier(DateModifier::Since) => range.end = at.end,
            _ => {}
        }
    }
    Some((Expression { range, body }, j))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::date::lexer::lex;

    fn spans(text: &str) -> Vec<&str> {
        compose(text, &lex(text))
            .into_iter()
            .map(|e| &text[e.range])
            .collect()
    }

    #[test]
    fn adjacent_tokens_make_one_expression() {
        assert_eq!(spans("今年12月初,龙岗区"), ["今年12月初"]);
        assert_eq!(spans("今年以来,龙岗区"), ["今年以来"]);
        assert_eq!(
            spans("2020年12月29日上午9时30分"),
            ["2020年12月29日上午9时30分"]
        );
        assert_eq!(spans("15日上午在杭州举行"), ["15日"]);
        assert_eq!(spans("12月29日至31日"), ["12月29日至31日"]);
        assert_eq!(spans("两年零三个月"), ["两年零三个月"]);
        assert_eq!(spans("三年前"), ["三年前"]);
    }

    #[test]
    fn loose_words_are_no_expression() {
        assert!(spans("在上午的会上").is_empty());
        assert!(spans("提出三点意见").is_empty());
        assert!(spans("一直以来").is_empty());
    }
}
