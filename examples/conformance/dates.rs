//! Dates, times and durations: Duckling ZH time and duration, Recognizers-Text DateTime.
//!
//! Every row runs the whole extractor (the `dates` field only, dateline
//! detection off) on the row's input with the row's reference time, and the
//! dates that come out are compared with the row's expectation.
//!
//! Duckling reads a date that leaves its year or week open (`元旦`, `星期一`,
//! `十月第一个星期一`) as its next occurrence, so its rows run with
//! [`Resolve::Future`]; Recognizers-Text rows run with the library's default,
//! [`Resolve::Nearest`] (their year-less dates accept either reading, below).
//!
//! # Duckling (`duckling-zh/time`, `duckling-zh/duration`)
//!
//! Duckling's corpus test asks that the whole input parse to one entity of
//! that dimension, so a row passes when the output has exactly one date item,
//! its text is the whole input (leading and trailing spaces aside), and its
//! value matches.
//!
//! - `time`: the rows counted are those with a single value (`"type": "value"`)
//!   of grain minute, hour, day, week, month or year; intervals and second-grain
//!   rows (`现在`) are not counted. Duckling's value is local time at the
//!   reference's offset; it becomes TimeML at its grain: year `2013`, month
//!   `2013-03`, week the ISO week `2013-W07`, day `2013-02-12`, hour
//!   `2013-02-12T15:00`, minute `2013-02-12T15:15`. Holidays count like any row.
//! - `duration`: every row counts. Duckling's `{value, unit}` and our ISO 8601
//!   duration are compared as amounts of time, with a year of 12 months, a
//!   month of 30 days and a week of 7 days (Duckling's own conversions:
//!   `一個半月` is 45 days, `兩年零三個月` 27 months).
//!
//! Rows missed on purpose, where Duckling's reading is not the library's:
//!
//! - Hebrew-calendar holidays (赎罪日, 圣会节, 圣殿被毁日, 犹太植树节 and its
//!   names, 以色列独立日, 犹太教篝火节): Duckling gives the evening they begin
//!   (the Hebrew day starts at sunset), the library the civil day they are kept
//!   (赎罪日 5774: 2013-09-14, not 09-13).
//! - `国庆` in the zh_TW locale is 10-10; the rows carry no locale for us.
//! - `下周三` read on a Tuesday: Duckling gives the next day; in Chinese 下周三
//!   is next week's Wednesday.
//! - Names that are ordinary words in Chinese news and are not read as these
//!   holidays: bare `新春` (新春走基层, 新春祝福), `篝火节` (any bonfire
//!   festival), `禁食日`, `圣母节` (Marian feasts), `诵经节` and `转经节`
//!   (Tibetan Buddhist observances), `凯旋节`, `五彩节`.
//! - `欧南节`: Duckling's date is that year's Raksha Bandhan; Onam (Thiruvonam
//!   in the solar month Chingam) is not computed.
//! - `克哈特普迦节`: the library gives Kartika's sixth lunar day (2013-11-08),
//!   Duckling the morning after.
//! - Bare `三点` is no time for the library (三点意见), and time zones
//!   (`4pm CET`) are not read.
//!
//! `十 月` and `10 月` (numeral, space, 月) are ten months for Duckling; in
//! Chinese a month count needs 个 (十个月), so they stay failures of the
//! duration file.
//!
//! # Recognizers-Text (`ms-recognizers-zh/datetime_*`)
//!
//! The files of the date, daterange (DatePeriod), duration and datetime cases,
//! Extractor, Parser and Model specs. The rows counted are those that every
//! port of Recognizers-Text supports (`not_supported` empty); in the Model
//! file, those whose expected results are all of these four types (rows that
//! expect nothing included). An expected result is found when an output item
//! covers it or lies inside it (character offsets; `score.py`'s containment
//! rule) and, outside the Extractor specs, its value matches:
//!
//! - `date`: our value equals the TIMEX when it has no `X`; a year-less TIMEX
//!   (`XXXX-01-19`, `XXXX-WXX-1`) is matched by either of Recognizers' future
//!   and past resolutions, since we take the year nearest the reference.
//! - `datetime`: the same, with hour-grain TIMEX `T07` read as `T07:00`.
//! - `daterange`: a TIMEX without `X` that is not an explicit range compares as
//!   text (`2018-04`, `2017-W13`, `2017-SU`). Otherwise both ends compare as
//!   days: our period's first day and the first day after it (`2017-Q1` is
//!   2017-01-01 to 2017-04-01), or our range's two ends' first days
//!   (`2016/2018` is 2016-01-01 to 2018-01-01, as Recognizers writes
//!   `从2016到2018`). Periods that end at the reference (`近三年`,
//!   `过去十年`, `未来两天`) are durations for us (press-dev convention D9) and
//!   compare with the duration inside the TIMEX (`(…,…,P3Y)`).
//! - `duration`: compared as amounts of time, as for Duckling.
//!
//! A row passes when every expected result is found and, outside the Parser
//! specs (which parse one given span), no other item comes out.

use std::path::Path;

use serde_json::Value;
use zhnews::{Article, Date, Extractor, Field, ReferenceDate, Resolve};

use crate::{Outcome, rows};

/// Runs the date suites found under `eval`.
pub fn run(eval: &Path) -> Vec<Outcome> {
    let build = |resolve| {
        Extractor::builder()
            .fields([Field::Dates])
            .dateline(false)
            .resolve(resolve)
            .build()
            .expect("no user words")
    };
    let extractor = build(Resolve::Nearest);
    let mut outcomes = Vec::new();
    let duckling = eval.join("duckling-zh");
    if duckling.is_dir() {
        let future = build(Resolve::Future);
        outcomes.push(duckling_time(&future, &duckling.join("time.jsonl")));
        outcomes.push(duckling_duration(&future, &duckling.join("duration.jsonl")));
    }
    let recognizers = eval.join("ms-recognizers-zh");
    if recognizers.is_dir() {
        for (file, spec) in [
            ("datetime_DateExtractor", Spec::Extractor),
            ("datetime_DateParser", Spec::Parser),
            ("datetime_DatePeriodExtractor", Spec::Extractor),
            ("datetime_DatePeriodParser", Spec::Parser),
            ("datetime_DurationExtractor", Spec::Extractor),
            ("datetime_DurationParser", Spec::Parser),
            ("datetime_DateTimeExtractor", Spec::Extractor),
            ("datetime_DateTimeParser", Spec::Parser),
            ("datetime_DateTimeModel", Spec::Model),
        ] {
            let path = recognizers.join(format!("{file}.jsonl"));
            if path.is_file() {
                outcomes.push(recognizers_file(&extractor, &path, file, spec));
            }
        }
    }
    outcomes
}

fn dates(extractor: &Extractor, input: &str, reference: Option<&str>) -> Vec<Date> {
    let mut article = Article::new(input);
    if let Some(reference) = reference.and_then(|r| r.parse::<ReferenceDate>().ok()) {
        article = article.with_date(reference);
    }
    extractor.extract(&article).dates
}

fn show(dates: &[Date]) -> String {
    let items: Vec<String> = dates
        .iter()
        .map(|d| format!("{}={}", d.mention.text, d.value))
        .collect();
    format!("[{}]", items.join(", "))
}

/// The single item that spans the whole input, if that is all that came out.
fn whole<'a>(input: &str, dates: &'a [Date]) -> Option<&'a Date> {
    match dates {
        [only] if only.mention.text.trim() == input.trim() => Some(only),
        _ => None,
    }
}

fn duckling_time(extractor: &Extractor, path: &Path) -> Outcome {
    let mut outcome = Outcome {
        name: "duckling-zh/time".into(),
        passed: 0,
        total: 0,
        failures: Vec::new(),
    };
    for row in rows(path) {
        let expected = &row["expected"];
        let grain = expected["grain"].as_str().unwrap_or("");
        let counted = expected["type"] == "value"
            && matches!(grain, "minute" | "hour" | "day" | "week" | "month" | "year");
        if !counted {
            continue;
        }
        let input = row["input"].as_str().unwrap_or("");
        let Some(want) = expected["value"]
            .as_str()
            .and_then(|v| duckling_timeml(v, grain))
        else {
            continue;
        };
        outcome.total += 1;
        let got = dates(extractor, input, row["reference"].as_str());
        if whole(input, &got).is_some_and(|d| d.value == want) {
            outcome.passed += 1;
        } else {
            outcome
                .failures
                .push(format!("{input} | want {want} | got {}", show(&got)));
        }
    }
    outcome
}

/// Duckling's ISO value at a grain, as TimeML.
fn duckling_timeml(value: &str, grain: &str) -> Option<String> {
    let year: i32 = value.get(0..4)?.parse().ok()?;
    let month: u32 = value.get(5..7)?.parse().ok()?;
    let day: u32 = value.get(8..10)?.parse().ok()?;
    let hour: u32 = value.get(11..13)?.parse().ok()?;
    let minute: u32 = value.get(14..16)?.parse().ok()?;
    Some(match grain {
        "year" => format!("{year:04}"),
        "month" => format!("{year:04}-{month:02}"),
        "week" => {
            let (y, w) = iso_week(year, month, day);
            format!("{y:04}-W{w:02}")
        }
        "day" => format!("{year:04}-{month:02}-{day:02}"),
        "hour" => format!("{year:04}-{month:02}-{day:02}T{hour:02}:00"),
        _ => format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}"),
    })
}

fn duckling_duration(extractor: &Extractor, path: &Path) -> Outcome {
    let mut outcome = Outcome {
        name: "duckling-zh/duration".into(),
        passed: 0,
        total: 0,
        failures: Vec::new(),
    };
    for row in rows(path) {
        let input = row["input"].as_str().unwrap_or("");
        let amount = row["expected"]["value"].as_f64().unwrap_or(f64::NAN);
        let unit = row["expected"]["unit"].as_str().unwrap_or("");
        let want = amount * unit_seconds(unit);
        outcome.total += 1;
        let got = dates(extractor, input, None);
        let ok = whole(input, &got)
            .and_then(|d| duration_seconds(&d.value))
            .is_some_and(|s| close(s, want));
        if ok {
            outcome.passed += 1;
        } else {
            outcome.failures.push(format!(
                "{input} | want {amount} {unit} | got {}",
                show(&got)
            ));
        }
    }
    outcome
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Seconds in a unit: a year of 12 months, a month of 30 days.
fn unit_seconds(unit: &str) -> f64 {
    match unit {
        "second" => 1.0,
        "minute" => 60.0,
        "hour" => 3600.0,
        "day" => 86_400.0,
        "week" => 7.0 * 86_400.0,
        "month" => 30.0 * 86_400.0,
        "year" => 360.0 * 86_400.0,
        _ => f64::NAN,
    }
}

/// An ISO 8601 duration (`P2Y3M`, `PT1H15S`, `P0.5M`) in seconds, same units.
fn duration_seconds(value: &str) -> Option<f64> {
    let rest = value.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut total = 0.0;
    let mut read = |part: &str, units: &[(char, &str)]| -> Option<()> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let unit = units.iter().find(|(letter, _)| *letter == c)?.1;
            total += number.parse::<f64>().ok()? * unit_seconds(unit);
            number.clear();
        }
        number.is_empty().then_some(())
    };
    read(
        date,
        &[('Y', "year"), ('M', "month"), ('W', "week"), ('D', "day")],
    )?;
    if let Some(time) = time {
        read(time, &[('H', "hour"), ('M', "minute"), ('S', "second")])?;
    }
    Some(total)
}

#[derive(Clone, Copy, PartialEq)]
enum Spec {
    Extractor,
    Parser,
    Model,
}

/// One acceptable resolution of an expected result.
struct Resolution {
    timex: String,
    /// A date or date-time value (`2018-01-29`, `2016-11-08 17:00:00`).
    value: Option<String>,
    start: Option<String>,
    end: Option<String>,
}

/// An expected result: where it is, its type, and its resolutions.
struct Expected {
    start: usize,
    end: usize,
    kind: String,
    resolutions: Vec<Resolution>,
}

const TYPES: [&str; 4] = ["date", "daterange", "duration", "datetime"];

fn expected_results(row: &Value) -> Vec<Expected> {
    let results = row["results"].as_array().cloned().unwrap_or_default();
    results
        .iter()
        .map(|r| {
            let kind = r["type"]
                .as_str()
                .unwrap_or("")
                .trim_start_matches("datetimeV2.")
                .to_string();
            let mut resolutions = Vec::new();
            if let Some(values) = r["resolution"]["values"].as_array() {
                for v in values {
                    resolutions.push(Resolution {
                        timex: v["timex"].as_str().unwrap_or("").to_string(),
                        value: v["value"].as_str().map(String::from),
                        start: v["start"].as_str().map(String::from),
                        end: v["end"].as_str().map(String::from),
                    });
                }
            }
            if let Some(timex) = r["value"]["Timex"].as_str() {
                for side in ["FutureResolution", "PastResolution"] {
                    let res = &r["value"][side];
                    let value = ["date", "dateTime", "duration"]
                        .iter()
                        .find_map(|k| res[*k].as_str().map(String::from));
                    resolutions.push(Resolution {
                        timex: timex.to_string(),
                        value,
                        start: res["startDate"].as_str().map(String::from),
                        end: res["endDate"].as_str().map(String::from),
                    });
                }
            }
            Expected {
                start: r["start"].as_u64().unwrap_or(0) as usize,
                end: r["end"].as_u64().unwrap_or(0) as usize,
                kind,
                resolutions,
            }
        })
        .collect()
}

fn recognizers_file(extractor: &Extractor, path: &Path, file: &str, spec: Spec) -> Outcome {
    let mut outcome = Outcome {
        name: format!("ms-recognizers-zh/{file}"),
        passed: 0,
        total: 0,
        failures: Vec::new(),
    };
    for row in rows(path) {
        let supported = row["not_supported"].is_null()
            || row["not_supported"].as_str().is_some_and(|s| s.is_empty());
        if !supported {
            continue;
        }
        let expected = expected_results(&row);
        if spec == Spec::Model && !expected.iter().all(|e| TYPES.contains(&e.kind.as_str())) {
            continue;
        }
        let input = row["input"].as_str().unwrap_or("");
        outcome.total += 1;
        let got = dates(extractor, input, row["reference"].as_str());
        let mut used = vec![false; got.len()];
        let mut ok = true;
        for e in &expected {
            let found = got.iter().enumerate().find(|(i, d)| {
                !used[*i] && covers(d, e) && (spec == Spec::Extractor || value_matches(d, e))
            });
            match found {
                Some((i, _)) => used[i] = true,
                None => ok = false,
            }
        }
        if spec != Spec::Parser && used.iter().any(|u| !u) {
            ok = false;
        }
        if ok {
            outcome.passed += 1;
        } else {
            let want: Vec<String> = expected
                .iter()
                .map(|e| {
                    let text: String = input.chars().skip(e.start).take(e.end - e.start).collect();
                    let timex = e.resolutions.first().map_or("", |r| r.timex.as_str());
                    format!("{text}={timex}")
                })
                .collect();
            outcome.failures.push(format!(
                "{input} | want [{}] | got {}",
                want.join(", "),
                show(&got)
            ));
        }
    }
    outcome
}

/// Whether one span contains the other (character offsets).
fn covers(d: &Date, e: &Expected) -> bool {
    let (a, b) = (d.mention.start, d.mention.end);
    (a <= e.start && e.end <= b) || (e.start <= a && b <= e.end)
}

fn value_matches(d: &Date, e: &Expected) -> bool {
    match e.kind.as_str() {
        "date" | "datetime" => e.resolutions.iter().any(|r| {
            let timex = hour_timex(&r.timex);
            (!timex.contains('X') && timex == d.value)
                || r.value.as_deref().map(datetime_timeml).as_deref() == Some(d.value.as_str())
        }),
        "duration" => {
            let ours = duration_seconds(&d.value);
            e.resolutions.iter().any(|r| {
                duration_seconds(&r.timex)
                    .zip(ours)
                    .is_some_and(|(a, b)| close(a, b))
            })
        }
        "daterange" => e.resolutions.iter().any(|r| daterange_matches(d, r)),
        _ => false,
    }
}

/// `2010-01-29T07` as `2010-01-29T07:00`.
fn hour_timex(timex: &str) -> String {
    match timex.split_once('T') {
        Some((day, time)) if time.len() == 2 => format!("{day}T{time}:00"),
        _ => timex.to_string(),
    }
}

/// `2016-11-08 17:00:00` as `2016-11-08T17:00`; a date stays as it is.
fn datetime_timeml(value: &str) -> String {
    match value.split_once(' ') {
        Some((day, time)) => {
            let time = time.strip_suffix(":00").unwrap_or(time);
            format!("{day}T{time}")
        }
        None => value.to_string(),
    }
}

fn daterange_matches(d: &Date, r: &Resolution) -> bool {
    let explicit = r.timex.starts_with('(');
    if !explicit && !r.timex.contains('X') && r.timex == d.value {
        return true;
    }
    // Periods ending at the reference are durations for us.
    if explicit && d.kind == zhnews::DateKind::Duration {
        let period = r
            .timex
            .trim_end_matches(')')
            .rsplit(',')
            .next()
            .unwrap_or("");
        return duration_seconds(period)
            .zip(duration_seconds(&d.value))
            .is_some_and(|(a, b)| close(a, b));
    }
    let (Some(start), Some(end)) = (r.start.as_deref(), r.end.as_deref()) else {
        return false;
    };
    let ours = match &d.range {
        Some(range) => first_day(&range.start).zip(first_day(&range.end)),
        None => first_day(&d.value).zip(day_after(&d.value)),
    };
    ours.is_some_and(|(a, b)| {
        a == start.get(..10).unwrap_or(start) && b == end.get(..10).unwrap_or(end)
    })
}

// A little calendar for the period arithmetic above.

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn day_number(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn date_of(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(month <= 2)) as i32, month, day)
}

fn iso_week(year: i32, month: u32, day: u32) -> (i32, u32) {
    let days = day_number(year, month, day);
    let weekday = (days + 3).rem_euclid(7) + 1;
    let thursday = days - weekday + 4;
    let (y, _, _) = date_of(thursday);
    (y, ((thursday - day_number(y, 1, 1)) / 7 + 1) as u32)
}

fn ymd(days: i64) -> String {
    let (y, m, d) = date_of(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The first day and the day after the last of a TimeML period, as day numbers.
fn period(value: &str) -> Option<(i64, i64)> {
    if value.len() == 3 {
        let decade: i32 = value.parse().ok()?;
        return Some((
            day_number(decade * 10, 1, 1),
            day_number(decade * 10 + 10, 1, 1),
        ));
    }
    let year: i32 = value.get(0..4)?.parse().ok()?;
    let rest = value.get(4..).unwrap_or("");
    if rest.is_empty() {
        return Some((day_number(year, 1, 1), day_number(year + 1, 1, 1)));
    }
    let months = |first: u32, count: u32| {
        let start = day_number(year, first, 1);
        let end_month = first + count;
        let end = if end_month > 12 {
            day_number(year + 1, end_month - 12, 1)
        } else {
            day_number(year, end_month, 1)
        };
        Some((start, end))
    };
    if let Some(q) = rest.strip_prefix("-Q") {
        let q: u32 = q.parse().ok()?;
        return months(3 * q - 2, 3);
    }
    if let Some(h) = rest.strip_prefix("-H") {
        let h: u32 = h.parse().ok()?;
        return months(6 * h - 5, 6);
    }
    if let Some(w) = rest.strip_prefix("-W") {
        let weekend = w.ends_with("-WE");
        let w: i64 = w.trim_end_matches("-WE").parse().ok()?;
        let jan4 = day_number(year, 1, 4);
        let monday = jan4 - ((jan4 + 3).rem_euclid(7)) + 7 * (w - 1);
        return Some(if weekend {
            (monday + 5, monday + 7)
        } else {
            (monday, monday + 7)
        });
    }
    let month: u32 = value.get(5..7)?.parse().ok()?;
    if value.len() == 7 {
        return months(month, 1);
    }
    let day: u32 = value.get(8..10)?.parse().ok()?;
    if day > days_in_month(year, month) {
        return None;
    }
    let start = day_number(year, month, day);
    Some((start, start + 1))
}

fn first_day(value: &str) -> Option<String> {
    period(value).map(|(start, _)| ymd(start))
}

fn day_after(value: &str) -> Option<String> {
    period(value).map(|(_, end)| ymd(end))
}
