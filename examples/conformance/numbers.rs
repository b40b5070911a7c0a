//! Numerals, ordinals, money and numbers with units: Duckling ZH, cn2an, Recognizers-Text Number.
//!
//! How each suite maps to our API, and which rows count:
//!
//! - `duckling-zh/numeral`: every row. The whole input through
//!   `numeral::parse_with(input, Mode::Spoken)` (Duckling's numeral dimension
//!   includes spoken forms: `一个`, `五打`, `一對`, `100K`). Values equal within 1e-9.
//! - `duckling-zh/ordinal`: every row, through `numeral::parse_ordinal`.
//! - `duckling-zh/money`: every row, through `Figure::parse` (the whole input
//!   as one figure): kind `money`, the value (Duckling's `cent` amounts are
//!   hundredths of our yuan value), the currency (Duckling's generic `$`, which
//!   its Chinese rules give 元, 块 and 蚊, accepts any of ours). Intervals:
//!   `min` is our `more_than`/`at_least`, `max` our `less_than`/`at_most`,
//!   both our `range`.
//! - `cn2an/strict`, `cn2an/normal`, `cn2an/smart`: the rows with a numeric
//!   answer in that mode, through `parse_with(input, Mode::Strict | Normal | Smart)`.
//!   `direct` rows (answers are digit strings with leading zeros) are not run.
//! - `cn2an/errors`: the rows cn2an rejects in its default strict mode; passes
//!   when `parse_with(input, Mode::Strict)` is an error.
//! - `ms-recognizers-zh/number_NumberModel`: sentence level, through
//!   `numeral::find`: a row passes when the spans (in characters) and values
//!   found are exactly the expected ones. Supported rows: those the C#
//!   reference supports (`dotnet_supported`), minus scientific and power
//!   notation (`2e5`, `2^5`, `1.1^+23`), which news does not use.
//! - `ms-recognizers-zh/number_PercentModel`, `numberwithunit_CurrencyModel`,
//!   `numberwithunit_DimensionModel`: sentence level, through the extractor's
//!   figures of kind percent (and percentage points), money, and measure. A
//!   row passes when our values, in order, are the expected ones (percent
//!   values without `%`, permille `‰` and fractions such as `万分之三` turned
//!   into percent; for money also the ISO currency when the spec gives
//!   one), and each of our spans overlaps its expected span (ours carry
//!   approximation markers theirs leave out). Supported rows: `dotnet_supported`,
//!   minus those whose expected text has spaces inside a number (`一 百 五 十
//!   个百分点`) or SI suffixes (`15k个百分点`), which the extractor does not
//!   read in running text, and results without a value (a bare `美元`).
//!   Not run: OrdinalModel (our ordinals are ranks, `第二名`, not every `第N`),
//!   Duckling distance, quantity and volume (they convert units; we keep the
//!   written unit).

use std::path::Path;

use serde_json::Value;
use zhnews::numeral::{self, Mode, Number};
use zhnews::{Approx, Article, Extractor, Field, Figure, FigureKind};

use crate::{Outcome, rows};

/// Runs the number suites found under `eval`.
pub fn run(eval: &Path) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    let duckling = eval.join("duckling-zh");
    outcomes.push(whole_string(
        "duckling-zh/numeral",
        &rows(&duckling.join("numeral.jsonl")),
        |input| numeral::parse_with(input, Mode::Spoken),
    ));
    outcomes.push(whole_string(
        "duckling-zh/ordinal",
        &rows(&duckling.join("ordinal.jsonl")),
        numeral::parse_ordinal,
    ));
    outcomes.push(money(&rows(&duckling.join("money.jsonl"))));
    let cn2an = rows(&eval.join("cn2an/cn2an.jsonl"));
    for (name, mode) in [
        ("strict", Mode::Strict),
        ("normal", Mode::Normal),
        ("smart", Mode::Smart),
    ] {
        let selected: Vec<Value> = cn2an
            .iter()
            .filter(|r| r["mode"] == name && r["expected"].is_number())
            .cloned()
            .collect();
        outcomes.push(whole_string(&format!("cn2an/{name}"), &selected, |input| {
            numeral::parse_with(input, mode)
        }));
    }
    outcomes.push(cn2an_errors(&cn2an));
    let recognizers = eval.join("ms-recognizers-zh");
    outcomes.push(number_model(&rows(
        &recognizers.join("number_NumberModel.jsonl"),
    )));
    for (file, kinds) in [
        (
            "number_PercentModel",
            &[
                FigureKind::Percent,
                FigureKind::PercentagePoints,
                FigureKind::Fraction,
            ][..],
        ),
        ("numberwithunit_CurrencyModel", &[FigureKind::Money][..]),
        ("numberwithunit_DimensionModel", &[FigureKind::Measure][..]),
    ] {
        let rows = rows(&recognizers.join(format!("{file}.jsonl")));
        outcomes.push(figure_model(file, &rows, kinds));
    }
    outcomes
}

/// Whole-string rows `{input, expected}`: the parse must give `expected`.
fn whole_string(
    name: &str,
    rows: &[Value],
    parse: impl Fn(&str) -> Result<Number, numeral::ParseError>,
) -> Outcome {
    let mut outcome = new_outcome(name);
    for row in rows {
        let input = row["input"].as_str().unwrap_or_default();
        let expected = row["expected"].as_f64();
        let got = parse(input);
        let ok = matches!((&got, expected), (Ok(v), Some(e)) if close(v.to_f64(), e));
        record(&mut outcome, ok, || {
            format!(
                "{input:?}: expected {}, got {}",
                row["expected"],
                got.map_or_else(|e| e.to_string(), |v| v.to_string())
            )
        });
    }
    outcome
}

/// Duckling's money rows through `Figure::parse`.
fn money(rows: &[Value]) -> Outcome {
    let mut outcome = new_outcome("duckling-zh/money");
    for row in rows {
        let input = row["input"].as_str().unwrap_or_default();
        let expected = &row["expected"];
        let figure = Figure::parse(input);
        let ok = figure.as_ref().is_some_and(|f| money_matches(f, expected));
        record(&mut outcome, ok, || {
            let got = figure.map_or("nothing".to_string(), |f| {
                serde_json::to_string(&f).unwrap_or_default()
            });
            format!("{input:?}: expected {expected}, got {got}")
        });
    }
    outcome
}

fn money_matches(f: &Figure, expected: &Value) -> bool {
    let currency = expected["currency"].as_str().unwrap_or_default();
    let scale = if currency == "cent" { 100.0 } else { 1.0 };
    let currency_ok = matches!(currency, "$" | "cent") || f.currency.as_deref() == Some(currency);
    let same = |v: &Value, n: Number| v.as_f64().is_some_and(|e| close(n.to_f64() * scale, e));
    if f.kind != FigureKind::Money || !currency_ok {
        return false;
    }
    if expected["type"] != "interval" {
        return same(&expected["value"], f.value) && f.approx.is_none() && f.range.is_none();
    }
    let (min, max) = (&expected["min"], &expected["max"]);
    match (&f.range, f.approx) {
        (Some(r), None) => same(min, r.min) && same(max, r.max),
        (None, Some(Approx::MoreThan | Approx::AtLeast)) => same(min, f.value) && max.is_null(),
        (None, Some(Approx::LessThan | Approx::AtMost)) => same(max, f.value) && min.is_null(),
        _ => false,
    }
}

fn cn2an_errors(rows: &[Value]) -> Outcome {
    let mut outcome = new_outcome("cn2an/errors");
    for row in rows.iter().filter(|r| r["expected"].is_null()) {
        let input = row["input"].as_str().unwrap_or_default();
        let got = numeral::parse_with(input, Mode::Strict);
        record(&mut outcome, got.is_err(), || {
            format!("{input:?}: expected an error in strict mode, got {got:?}")
        });
    }
    outcome
}

/// Recognizers-Text NumberModel: every number in a sentence, with its span.
fn number_model(rows: &[Value]) -> Outcome {
    let mut outcome = new_outcome("ms-recognizers-zh/number_NumberModel");
    for row in rows {
        let input = row["input"].as_str().unwrap_or_default();
        let supported = row["dotnet_supported"].as_bool().unwrap_or(true);
        let notation = input.contains('^') || has_exponent(input);
        if !supported || notation {
            continue;
        }
        let expected: Vec<(usize, usize, f64)> = row["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let value = r["resolution"]["value"]
                    .as_str()
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(f64::NAN);
                (
                    r["start"].as_u64().unwrap_or(0) as usize,
                    r["end"].as_u64().unwrap_or(0) as usize,
                    value,
                )
            })
            .collect();
        let got: Vec<(usize, usize, f64)> = numeral::find(input)
            .iter()
            .map(|f| {
                (
                    input[..f.byte_start].chars().count(),
                    input[..f.byte_end].chars().count(),
                    f.value.to_f64(),
                )
            })
            .collect();
        let ok = expected.len() == got.len()
            && expected
                .iter()
                .zip(&got)
                .all(|(e, g)| e.0 == g.0 && e.1 == g.1 && close(g.2, e.2));
        record(&mut outcome, ok, || {
            let show = |items: &[(usize, usize, f64)]| {
                items
                    .iter()
                    .map(|(s, e, v)| {
                        let text: String = input.chars().skip(*s).take(e - s).collect();
                        format!("{text}={v}")
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!(
                "{input:?}: expected [{}], got [{}]",
                show(&expected),
                show(&got)
            )
        });
    }
    outcome
}

/// Recognizers-Text models with units, through the extractor's figures of `kinds`.
fn figure_model(file: &str, rows: &[Value], kinds: &[FigureKind]) -> Outcome {
    let extractor = Extractor::builder()
        .fields([Field::Figures])
        .build()
        .expect("no user lexicon");
    let mut outcome = new_outcome(&format!("ms-recognizers-zh/{file}"));
    for row in rows {
        let input = row["input"].as_str().unwrap_or_default();
        let results = row["results"].as_array().cloned().unwrap_or_default();
        let unsupported = !row["dotnet_supported"].as_bool().unwrap_or(true)
            || results.iter().any(|r| {
                let text = r["text"].as_str().unwrap_or_default();
                r["resolution"]["value"].is_null()
                    || text.trim().contains(' ')
                    || text.chars().any(|c| matches!(c, 'k' | 'K' | 'M'))
            });
        if unsupported {
            continue;
        }
        let expected: Vec<(usize, usize, f64, Option<String>)> = results
            .iter()
            .map(|r| {
                let value = r["resolution"]["value"]
                    .as_str()
                    .map(|v| v.trim_end_matches('%'))
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(f64::NAN);
                let currency = r["resolution"]["isoCurrency"].as_str().map(str::to_string);
                (
                    r["start"].as_u64().unwrap_or(0) as usize,
                    r["end"].as_u64().unwrap_or(0) as usize,
                    value,
                    currency,
                )
            })
            .collect();
        let out = extractor.extract(&Article::new(input));
        let got: Vec<&Figure> = out
            .figures
            .iter()
            .filter(|f| kinds.contains(&f.kind))
            .collect();
        let ok = expected.len() == got.len()
            && expected.iter().zip(&got).all(|(e, g)| {
                let overlaps = g.mention.start < e.1 && e.0 < g.mention.end;
                let currency = e.3.is_none() || e.3 == g.currency;
                overlaps && currency && close(as_percent(g), e.2)
            });
        record(&mut outcome, ok, || {
            let expected: Vec<String> = results
                .iter()
                .map(|r| format!("{}={}", r["text"], r["resolution"]["value"]))
                .collect();
            let got: Vec<String> = got
                .iter()
                .map(|f| format!("{}={} {:?}", f.mention.text, f.value, f.currency))
                .collect();
            format!("{input:?}: expected {expected:?}, got {got:?}")
        });
    }
    outcome
}

/// A figure's value as Recognizers-Text writes it: percentages in percent
/// (`千分之五` is 0.5, `万分之三` 0.03), anything else as it is.
fn as_percent(f: &Figure) -> f64 {
    match (f.kind, f.unit.as_deref()) {
        (FigureKind::Percent, Some("‰")) => f.value.to_f64() / 10.0,
        (FigureKind::Fraction, _) => f.value.to_f64() * 100.0,
        _ => f.value.to_f64(),
    }
}

/// `2e5`, `-1.2E+3`: a digit, then e/E, then an optional sign and a digit.
fn has_exponent(input: &str) -> bool {
    let chars: Vec<char> = input.chars().collect();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    chars.windows(3).any(|w| {
        digit(w[0])
            && matches!(w[1], 'e' | 'E' | 'ｅ' | 'Ｅ')
            && (digit(w[2]) || matches!(w[2], '+' | '-' | '－'))
    })
}

/// Equal within a relative 1e-9 (the suites print rounded thirds).
pub fn close(got: f64, expected: f64) -> bool {
    (got - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

fn new_outcome(name: &str) -> Outcome {
    Outcome {
        name: name.to_string(),
        passed: 0,
        total: 0,
        failures: Vec::new(),
    }
}

/// Counts one row; `describe` explains a failure.
fn record(outcome: &mut Outcome, ok: bool, describe: impl FnOnce() -> String) {
    outcome.total += 1;
    if ok {
        outcome.passed += 1;
    } else {
        outcome.failures.push(describe());
    }
}
