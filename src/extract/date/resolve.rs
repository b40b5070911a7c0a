//! Resolution: expressions to TimeML values, against the reference date and
//! the dates written before them.
//!
//! - Relative words count from the reference (今年, 昨天, 上周三).
//! - 当天, 当年, 次日 count from the day or year the article last named, else
//!   from the reference (the article's main event date, as OUTPUT.md asks).
//! - A year-less date takes the year that puts it nearest the reference; a
//!   day without a month, the nearest month.
//! - 去年同期 is the period the article last named, a year earlier.
//! - Without a reference, what is unknown stays `X` and the item is unresolved.

use super::calendar::{
    Ymd, add_days, add_months, date_of, day_number, is_valid, iso_week, monday_of,
};
use super::compose::Body;
use super::lunar;
use super::occurrence;
use super::token::{ClockSpec, DayPart, DaySpec, DurationAtom, MonthSpec, Parts, Period, YearSpec};
use super::value::{Clock, Duration, PartialDay, Point, Unit};
use crate::{Approx, DateKind, DateModifier, ReferenceDate, Resolve};

/// A resolved value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Point(Point),
    Range(Point, Point),
    Duration(Duration),
    Set(String),
    /// TimeML's vague references: `PAST_REF`, `FUTURE_REF`.
    Reference(&'static str),
}

/// An expression's value with what goes beside it in the output.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Resolved {
    pub(super) value: Value,
    pub(super) modifier: Option<DateModifier>,
    pub(super) lunar: bool,
    pub(super) approx: Option<Approx>,
}

impl Resolved {
    fn of(value: Value) -> Resolved {
        Resolved {
            value,
            modifier: None,
            lunar: false,
            approx: None,
        }
    }

    /// The output kind.
    pub(super) fn kind(&self) -> DateKind {
        match &self.value {
            Value::Point(Point::Time(..)) => DateKind::Time,
            Value::Point(_) | Value::Reference(_) => DateKind::Date,
            Value::Range(..) => DateKind::Range,
            Value::Duration(_) => DateKind::Duration,
            Value::Set(_) => DateKind::Set,
        }
    }
}

/// What resolution knows: the reference, and what the article named before.
#[derive(Debug, Clone, Default)]
pub(super) struct Context {
    reference: Option<Ymd>,
    time: Option<(u32, u32, u32)>,
    /// The last full day named.
    anchor_day: Option<Ymd>,
    /// The last year written out.
    anchor_year: Option<i32>,
    /// The last period named (for 同期).
    last_period: Option<Value>,
    /// Which occurrence a date names when the text leaves it open.
    direction: Resolve,
}

enum Year {
    Known(i32),
    Unknown,
    Missing,
}

impl Context {
    /// A context for an article with this reference (or none), reading
    /// open dates in `direction`.
    pub(super) fn new(reference: Option<ReferenceDate>, direction: Resolve) -> Context {
        Context {
            reference: reference.map(|r| (r.year, r.month, r.day)),
            time: reference.and_then(|r| r.time),
            direction,
            ..Context::default()
        }
    }

    /// The value of `body`, or `None` when it names no calendar value
    /// (`当年` with no year in context). Updates the context.
    pub(super) fn resolve(&mut self, body: &Body) -> Option<Resolved> {
        let resolved = match body {
            Body::Date(parts) => self.date(parts)?,
            Body::Range(a, b) => self.range(a, b)?,
            Body::Duration(atom) => Resolved {
                approx: atom.approx,
                ..Resolved::of(Value::Duration(atom.value.clone()))
            },
            Body::Shift(atom, sign) => self.shift(atom, *sign),
            Body::Set(value) => Resolved::of(Value::Set(value.clone())),
            Body::Plan(first) => Resolved::of(Value::Range(
                Point::Year(Some(*first)),
                Point::Year(Some(first + 4)),
            )),
            Body::SamePeriod(offset) => {
                let value = match &self.last_period {
                    Some(Value::Point(p)) => Value::Point(p.shift_years(*offset)),
                    Some(Value::Range(a, b)) => {
                        Value::Range(a.shift_years(*offset), b.shift_years(*offset))
                    }
                    _ => Value::Point(Point::Year(self.reference.map(|r| r.0 + offset))),
                };
                // A comparison period is not itself the period in context.
                return Some(Resolved::of(value));
            }
        };
        self.remember(body, &resolved);
        Some(resolved)
    }

    fn remember(&mut self, body: &Body, resolved: &Resolved) {
        if let Body::Date(parts) = body {
            if let Some(YearSpec::Absolute(y)) = parts.year {
                if !parts.short_year {
                    self.anchor_year = Some(y);
                }
            }
        }
        match &resolved.value {
            Value::Point(Point::Day(Some(y), Some(m), Some(d)))
            | Value::Point(Point::Time((Some(y), Some(m), Some(d)), _))
                if !resolved.lunar =>
            {
                self.anchor_day = Some((*y, *m, *d));
            }
            Value::Point(
                p @ (Point::Year(_)
                | Point::Month(..)
                | Point::Quarter(..)
                | Point::Half(..)
                | Point::Season(..)),
            ) => self.last_period = Some(Value::Point(*p)),
            Value::Range(a, b) if !matches!(body, Body::Plan(_)) => {
                self.last_period = Some(Value::Range(*a, *b));
            }
            _ => {}
        }
    }

    fn year(&self, p: &Parts) -> Year {
        match p.year {
            None => Year::Missing,
            Some(YearSpec::Absolute(y)) if p.short_year => {
                // 18年: the century that puts it nearest the reference (else 2000s up to 49).
                let base = self.reference.map_or(2000, |r| r.0);
                let candidates = [1900 + y, 2000 + y];
                let nearest = if self.reference.is_some() {
                    candidates
                        .into_iter()
                        .min_by_key(|c| (c - base).abs())
                        .unwrap_or(2000 + y)
                } else if y < 50 {
                    2000 + y
                } else {
                    1900 + y
                };
                Year::Known(nearest)
            }
            Some(YearSpec::Absolute(y)) => Year::Known(y),
            Some(YearSpec::Relative(k)) => match self.reference {
                Some(r) => Year::Known(r.0 + k),
                None => Year::Unknown,
            },
            Some(YearSpec::New) => match self.reference {
                Some(r) => Year::Known(if r.1 > 6 { r.0 + 1 } else { r.0 }),
                None => Year::Unknown,
            },
            Some(YearSpec::Anchor(k)) => match self.anchor_year.or(self.reference.map(|r| r.0)) {
                Some(y) => Year::Known(y + k),
                None => Year::Unknown,
            },
        }
    }

    fn date(&self, p: &Parts) -> Option<Resolved> {
        // 当年 alone names a year only when the article wrote one before.
        if matches!(p.year, Some(YearSpec::Anchor(_)))
            && self.anchor_year.is_none()
            && p.month.is_none()
            && p.period.is_none()
            && p.day.is_none()
        {
            return None;
        }
        let year = self.year(p);
        let modifier = p.modifier;
        let value = match p.period {
            Some(Period::FirstMonths(n)) => {
                let y = self.cumulative_year(&year, n, |(_, m, _)| m)?;
                Value::Range(Point::Month(y, 1), Point::Month(y, n))
            }
            Some(Period::FirstQuarters(n)) => {
                let y = self.cumulative_year(&year, n, |(_, m, _)| (m - 1) / 3 + 1)?;
                Value::Range(Point::Quarter(y, 1), Point::Quarter(y, n))
            }
            _ => Value::Point(self.point(p, &year)?),
        };
        Some(Resolved {
            value,
            modifier,
            lunar: p.lunar,
            approx: None,
        })
    }

    /// The year of a cumulative period (`前4个月`): this year, unless it cannot have ended yet.
    fn cumulative_year(&self, year: &Year, n: u32, unit: fn(Ymd) -> u32) -> Option<Option<i32>> {
        Some(match year {
            Year::Known(y) => Some(*y),
            Year::Unknown => None,
            Year::Missing => self
                .reference
                .map(|r| if n > unit(r) { r.0 - 1 } else { r.0 }),
        })
    }

    fn range(&mut self, a: &Parts, b: &Parts) -> Option<Resolved> {
        let end = self.point(b, &self.year(b))?;
        // A start without a year (or month) takes the end's, or the one before if it would come after.
        let start = match (self.year(a), &end) {
            (Year::Missing, Point::Day(Some(y), Some(m), Some(_)))
                if a.month.is_none() && a.period.is_none() && !a.lunar =>
            {
                let mut with_month = *a;
                with_month.year = Some(YearSpec::Absolute(*y));
                with_month.month = Some(MonthSpec::Absolute(*m));
                let start = self.point(&with_month, &Year::Known(*y))?;
                if start_after(&start, &end) {
                    let (y, m) = add_months(*y, *m, -1);
                    with_month.year = Some(YearSpec::Absolute(y));
                    with_month.month = Some(MonthSpec::Absolute(m));
                    self.point(&with_month, &Year::Known(y))?
                } else {
                    start
                }
            }
            (Year::Missing, _) if end.year().is_some() => {
                let y = end.year().unwrap_or(0);
                let mut with_year = *a;
                with_year.year = Some(YearSpec::Absolute(y));
                with_year.short_year = false;
                let start = self.point(&with_year, &Year::Known(y))?;
                if start_after(&start, &end) {
                    with_year.year = Some(YearSpec::Absolute(y - 1));
                    self.point(&with_year, &Year::Known(y - 1))?
                } else {
                    start
                }
            }
            (year, _) => self.point(a, &year)?,
        };
        Some(Resolved {
            value: Value::Range(start, end),
            modifier: None,
            lunar: a.lunar || b.lunar,
            approx: None,
        })
    }

    fn point(&self, p: &Parts, year: &Year) -> Option<Point> {
        if let Some(clock) = p.clock {
            let clock = clock_of(clock, p.day_part)?;
            let day: PartialDay = if p.day.is_some() || p.holiday.is_some() {
                match self.day_point(p, year)? {
                    Point::Day(y, m, d) => (y, m, d),
                    _ => return None,
                }
            } else if let Some((y, m, d)) = self.anchor_day.or(self.reference) {
                (Some(y), Some(m), Some(d))
            } else {
                (None, None, None)
            };
            return Some(Point::Time(day, clock));
        }
        if p.day.is_some() || p.holiday.is_some() {
            let day = self.day_point(p, year)?;
            return Some(match day {
                Point::Day(Some(y), Some(m), Some(d)) if p.day_shift != 0 => {
                    let (y, m, d) = add_days((y, m, d), i64::from(p.day_shift));
                    Point::Day(Some(y), Some(m), Some(d))
                }
                other => other,
            });
        }
        if let Some(period) = p.period {
            return self.period_point(period, year);
        }
        if let Some(month) = p.month {
            return self.month_point(month, year, p.lunar);
        }
        if p.modifier_level == Some(2) {
            // 上旬 alone: of the reference month.
            return self.month_point(MonthSpec::Relative(0), year, false);
        }
        if let Some((century, decade)) = p.decade {
            let century = century.unwrap_or_else(|| match self.reference {
                Some(r) if 2000 + decade as i32 * 10 <= r.0 => 20,
                _ => 19,
            });
            return Some(Point::Decade(century * 10 + decade as i32));
        }
        match year {
            Year::Known(y) => Some(Point::Year(Some(*y))),
            Year::Unknown => Some(Point::Year(None)),
            // 年底 alone: of the reference year.
            Year::Missing if p.modifier_level == Some(1) => {
                Some(Point::Year(self.reference.map(|r| r.0)))
            }
            Year::Missing => None,
        }
    }

    fn month_point(&self, month: MonthSpec, year: &Year, _lunar: bool) -> Option<Point> {
        match month {
            MonthSpec::Absolute(m) => Some(match year {
                Year::Known(y) => Point::Month(Some(*y), m),
                Year::Unknown => Point::Month(None, m),
                Year::Missing => Point::Month(
                    self.reference
                        .map(|r| occurrence::month_year(r, m, self.direction)),
                    m,
                ),
            }),
            MonthSpec::Relative(k) => {
                let Some(r) = self.reference else {
                    return Some(Point::Unknown("XXXX-XX"));
                };
                let (y, m) = add_months(r.0, r.1, k);
                Some(match year {
                    Year::Known(given) => Point::Month(Some(*given), add_months(r.0, r.1, k).1),
                    _ => Point::Month(Some(y), m),
                })
            }
            MonthSpec::Anchor(k) => {
                let Some((y, m, _)) = self.anchor_day.or(self.reference) else {
                    return Some(Point::Unknown("XXXX-XX"));
                };
                let (y, m) = add_months(y, m, k);
                Some(Point::Month(Some(y), m))
            }
        }
    }

    fn period_point(&self, period: Period, year: &Year) -> Option<Point> {
        let known = match year {
            Year::Known(y) => Some(*y),
            _ => None,
        };
        let missing = matches!(year, Year::Missing);
        Some(match period {
            Period::Quarter(q) => {
                let y = known.or_else(|| {
                    let r = self.reference.filter(|_| missing)?;
                    Some(occurrence::part_year(
                        r.0,
                        4,
                        (r.1 - 1) / 3 + 1,
                        q,
                        self.direction,
                    ))
                });
                Point::Quarter(y, q)
            }
            Period::Half(h) => {
                let y = known.or_else(|| {
                    let r = self.reference.filter(|_| missing)?;
                    Some(occurrence::part_year(
                        r.0,
                        2,
                        (r.1 - 1) / 6 + 1,
                        h,
                        self.direction,
                    ))
                });
                Point::Half(y, h)
            }
            Period::Season(s) => {
                let y = known.or_else(|| self.reference.filter(|_| missing).map(|r| r.0));
                Point::Season(y, s)
            }
            Period::Week(k) => {
                let Some(r) = self.reference else {
                    return Some(Point::Unknown("XXXX-WXX"));
                };
                let (y, w) = iso_week(add_days(r, 7 * i64::from(k)));
                Point::Week(y, w)
            }
            Period::Weekend(k) => {
                let Some(r) = self.reference else {
                    return Some(Point::Unknown("XXXX-WXX-WE"));
                };
                let (y, w) = iso_week(add_days(r, 7 * i64::from(k)));
                Point::Weekend(y, w)
            }
            // 全年 alone: the reference year (a year written before may be a target: 2035年).
            Period::WholeYear => Point::Year(known.or(self.reference.map(|r| r.0))),
            Period::FirstMonths(_) | Period::FirstQuarters(_) => return None,
        })
    }

    fn day_point(&self, p: &Parts, year: &Year) -> Option<Point> {
        let known = |date: Option<Ymd>| match date {
            Some((y, m, d)) => Point::Day(Some(y), Some(m), Some(d)),
            None => Point::Day(None, None, None),
        };
        if let Some(holiday) = p.holiday {
            return Some(match year {
                Year::Known(y) => known(Some(holiday.in_year(*y)?)),
                Year::Unknown => known(None),
                Year::Missing => match self.reference {
                    Some(r) => known(Some(occurrence::of_years(r, self.direction, |y| {
                        holiday.occurrences(y)
                    })?)),
                    None => known(None),
                },
            });
        }
        match p.day? {
            DaySpec::Relative(k) => Some(known(self.reference.map(|r| add_days(r, i64::from(k))))),
            DaySpec::Anchor(k) => Some(known(
                self.anchor_day
                    .or(self.reference)
                    .map(|a| add_days(a, i64::from(k))),
            )),
            DaySpec::Weekday { week, day } => match self.reference {
                Some(r) => Some(known(Some(date_of(self.weekday(r, week, day))))),
                None => Some(Point::Weekday(day)),
            },
            DaySpec::Nth { n, day } => {
                let month = match p.month? {
                    MonthSpec::Absolute(m) => m,
                    _ => return None,
                };
                let nth = |y: i32| {
                    let first = day_number(y, month, 1);
                    let offset =
                        (i64::from(day) - i64::from(super::calendar::weekday(first))).rem_euclid(7);
                    let date = date_of(first + offset + 7 * (i64::from(n) - 1));
                    (date.1 == month).then_some(date)
                };
                Some(match year {
                    Year::Known(y) => known(Some(nth(*y)?)),
                    Year::Unknown => return None,
                    Year::Missing => known(Some(occurrence::of_years(
                        self.reference?,
                        self.direction,
                        nth,
                    )?)),
                })
            }
            DaySpec::Absolute(d) => self.calendar_day(p, year, d),
        }
    }

    /// The day number of weekday `day` (1 = Monday) in week `week` from the
    /// reference's (`None`: no week written, `星期一`).
    ///
    /// The reference's own week by default; [`Resolve::Future`] moves a bare
    /// weekday after the reference day (one says 今天 for today) and one of
    /// this week already past (这周一) to the next week; [`Resolve::Past`] the
    /// other way. A week written other than this one (`下周三`) stays as written.
    fn weekday(&self, r: Ymd, week: Option<i32>, day: u32) -> i64 {
        let today = day_number(r.0, r.1, r.2);
        let this_week = monday_of(r) + i64::from(day) - 1;
        match (week, self.direction) {
            (Some(k), _) if k != 0 => this_week + 7 * i64::from(k),
            (_, Resolve::Nearest) => this_week,
            (None, Resolve::Future) if this_week <= today => this_week + 7,
            (Some(_), Resolve::Future) if this_week < today => this_week + 7,
            (None, Resolve::Past) if this_week >= today => this_week - 7,
            (Some(_), Resolve::Past) if this_week > today => this_week - 7,
            _ => this_week,
        }
    }

    fn calendar_day(&self, p: &Parts, year: &Year, d: u32) -> Option<Point> {
        let month = match p.month {
            Some(MonthSpec::Absolute(m)) => Some(m),
            Some(MonthSpec::Relative(k)) => {
                let Some(r) = self.reference else {
                    return Some(Point::Day(None, None, Some(d)));
                };
                let (y, m) = add_months(r.0, r.1, k);
                let y = match year {
                    Year::Known(given) => *given,
                    _ => y,
                };
                return is_valid(y, m, d).then_some(Point::Day(Some(y), Some(m), Some(d)));
            }
            Some(MonthSpec::Anchor(k)) => {
                let Some((y, m, _)) = self.anchor_day.or(self.reference) else {
                    return Some(Point::Day(None, None, Some(d)));
                };
                let (y, m) = add_months(y, m, k);
                return is_valid(y, m, d).then_some(Point::Day(Some(y), Some(m), Some(d)));
            }
            None => None,
        };
        let Some(m) = month else {
            // A day alone: the nearest month with that day.
            return Some(match (year, self.reference) {
                (Year::Missing, Some(r)) if !p.lunar => {
                    let (y, m, d) = occurrence::day_of_month(r, d, self.direction)?;
                    Point::Day(Some(y), Some(m), Some(d))
                }
                _ => Point::Day(None, None, Some(d)),
            });
        };
        if p.lunar {
            let exists = |y: i32| lunar::to_solar(y, m, false, d);
            return Some(match year {
                Year::Known(y) => Point::Day(Some(*y), Some(m), Some(d)),
                Year::Unknown => Point::Day(None, Some(m), Some(d)),
                Year::Missing => match self.reference {
                    Some(r) => {
                        let target = day_number(r.0, r.1, r.2);
                        let candidates = [r.0, r.0 - 1, r.0 + 1]
                            .into_iter()
                            .filter_map(|y| Some((y, exists(y)?)));
                        let y = occurrence::pick(target, self.direction, candidates);
                        Point::Day(y, Some(m), Some(d))
                    }
                    None => Point::Day(None, Some(m), Some(d)),
                },
            });
        }
        match year {
            Year::Known(y) => is_valid(*y, m, d).then_some(Point::Day(Some(*y), Some(m), Some(d))),
            Year::Unknown => (d <= 31).then_some(Point::Day(None, Some(m), Some(d))),
            Year::Missing => match self.reference {
                Some(r) => {
                    // A weekday written beside the date pins the year, whichever way it lies.
                    let fits = |y: i32, weekday: Option<u32>| {
                        let on = |w| super::calendar::weekday(day_number(y, m, d)) == w;
                        (is_valid(y, m, d) && weekday.is_none_or(on)).then_some((y, m, d))
                    };
                    let y = occurrence::of_years(r, self.direction, |y| fits(y, p.weekday))
                        .or_else(|| {
                            occurrence::of_years(r, Resolve::Nearest, |y| fits(y, p.weekday))
                        })
                        .or_else(|| occurrence::of_years(r, self.direction, |y| fits(y, None)))?;
                    Some(Point::Day(Some(y.0), Some(m), Some(d)))
                }
                None => is_valid(2000, m, d).then_some(Point::Day(None, Some(m), Some(d))),
            },
        }
    }

    fn shift(&self, atom: &DurationAtom, sign: i32) -> Resolved {
        let vague = Resolved::of(Value::Reference(if sign < 0 {
            "PAST_REF"
        } else {
            "FUTURE_REF"
        }));
        let Some(r) = self.reference else {
            return vague;
        };
        let mut months: i64 = 0;
        let mut days: i64 = 0;
        let mut seconds: i64 = 0;
        for (amount, unit) in &atom.value.parts {
            let Some(n) = amount.and_then(|a| a.to_i64()) else {
                return vague;
            };
            match unit {
                Unit::Year => months += 12 * n,
                Unit::Month => months += n,
                Unit::Week => days += 7 * n,
                Unit::Day => days += n,
                Unit::Hour => seconds += 3600 * n,
                Unit::Minute => seconds += 60 * n,
                Unit::Second => seconds += n,
            }
        }
        let sign = i64::from(sign);
        let (y, m) = add_months(r.0, r.1, i32::try_from(sign * months).unwrap_or(0));
        let d = r.2.min(crate::article::days_in_month(y, m));
        let date = add_days((y, m, d), sign * days);
        let smallest = atom.value.smallest().unwrap_or(Unit::Day);
        let point = match smallest {
            Unit::Year => Point::Year(Some(date.0)),
            Unit::Month => Point::Month(Some(date.0), date.1),
            Unit::Week | Unit::Day => Point::Day(Some(date.0), Some(date.1), Some(date.2)),
            Unit::Hour | Unit::Minute | Unit::Second => {
                let Some((h, mi, s)) = self.time else {
                    return Resolved {
                        approx: atom.approx,
                        ..Resolved::of(Value::Duration(atom.value.clone()))
                    };
                };
                let base = day_number(date.0, date.1, date.2) * 86_400
                    + i64::from(h) * 3600
                    + i64::from(mi) * 60
                    + i64::from(s);
                let at = base + sign * seconds;
                let (y, m, d) = date_of(at.div_euclid(86_400));
                let in_day = at.rem_euclid(86_400);
                let second = (in_day % 60) as u32;
                let clock = Clock {
                    hour: (in_day / 3600) as u32,
                    minute: (in_day / 60 % 60) as u32,
                    second: (smallest == Unit::Second || second != 0).then_some(second),
                };
                Point::Time((Some(y), Some(m), Some(d)), clock)
            }
        };
        Resolved {
            approx: atom.approx,
            ..Resolved::of(Value::Point(point))
        }
    }
}

/// Whether `a` comes after `b` (for the start of a range).
fn start_after(a: &Point, b: &Point) -> bool {
    a.to_string() > b.to_string()
}

/// The clock time with the part of the day applied (下午3点 → 15:00).
fn clock_of(spec: ClockSpec, part: Option<DayPart>) -> Option<Clock> {
    let mut hour = spec.hour;
    match spec.meridiem {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    match part {
        Some(DayPart::Afternoon) if hour < 12 => hour += 12,
        Some(DayPart::Noon) if hour <= 3 => hour += 12,
        Some(DayPart::Night) if (6..12).contains(&hour) => hour += 12,
        Some(DayPart::EarlyMorning) if hour == 12 => hour = 0,
        _ => {}
    }
    // 24时 is the end of its day (ISO 8601 `T24:00`).
    let end_of_day = hour == 24 && spec.minute.unwrap_or(0) == 0;
    (hour < 24 || end_of_day).then_some(Clock {
        hour,
        minute: spec.minute.unwrap_or(0),
        second: spec.second,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_the_day_move_clock_hours() {
        let spec = |hour| ClockSpec {
            hour,
            minute: None,
            second: None,
            meridiem: None,
            certain: true,
        };
        assert_eq!(
            clock_of(spec(8), Some(DayPart::Afternoon)).unwrap().hour,
            20
        );
        assert_eq!(clock_of(spec(12), Some(DayPart::Noon)).unwrap().hour, 12);
        assert_eq!(clock_of(spec(2), Some(DayPart::Noon)).unwrap().hour, 14);
        assert_eq!(clock_of(spec(9), Some(DayPart::Morning)).unwrap().hour, 9);
    }
}
