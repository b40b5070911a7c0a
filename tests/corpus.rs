//! Runs every corpus in `fixtures/corpus/`: written examples beside the rules they prove.
//!
//! A corpus file `<stem>.toml` belongs to `src/extract/<stem>.rs` (or to
//! `numeral` / `text`). Each `[[case]]` gives a `text` and what must come out:
//!
//! - `expect = [...]`: exactly these items, in order; only the keys written are compared;
//! - `contains = [...]`: these items among the output, in this order;
//! - `excludes = [...]`: no output item matches any of these.
//!
//! A file may set `date` (the reference date) and `field` (which output list
//! to check, by default the one named by the stem); a case may override both,
//! and `date = "none"` means no reference date. A case may set `resolve =
//! "future"` or `"past"` (the extractor's `Resolve`; default nearest).
//! Numeral cases give `value` or `error = true`. Every failure in a file is
//! reported together.

use std::fs;
use std::path::Path;

use once_cell::sync::Lazy;
use serde_json::Value as Json;
use toml::Value as Toml;
use zhnews::{Article, Extractor, Resolve, numeral};

static EXTRACTOR: Lazy<Extractor> = Lazy::new(Extractor::new);
static FUTURE: Lazy<Extractor> = Lazy::new(|| with_resolve(Resolve::Future));
static PAST: Lazy<Extractor> = Lazy::new(|| with_resolve(Resolve::Past));

fn with_resolve(resolve: Resolve) -> Extractor {
    Extractor::builder()
        .resolve(resolve)
        .build()
        .expect("no user words")
}

const CORPUS_DIR: &str = "fixtures/corpus";
const EXTRACT_DIR: &str = "src/extract";

/// Stems with a corpus but no `src/extract/<stem>.rs`.
const OTHER_STEMS: &[(&str, &str)] = &[("numeral", "src/numeral.rs"), ("text", "src/text.rs")];

fn default_field(stem: &str) -> Option<&'static str> {
    Some(match stem {
        "section" => "sections",
        "credit" => "credits",
        "date" => "dates",
        "figure" => "figures",
        "organization" => "organizations",
        "person" => "people",
        _ => return None,
    })
}

#[test]
fn every_extractor_has_a_corpus_that_its_module_names() {
    let mut problems = Vec::new();
    let mut sources: Vec<(String, String)> = fs::read_dir(EXTRACT_DIR)
        .expect("src/extract exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            // An extractor split into `src/extract/<stem>/*.rs` is its `mod.rs`.
            if path.join("mod.rs").is_file() {
                let stem = path.file_name()?.to_string_lossy().into_owned();
                return Some((stem, path.join("mod.rs").to_string_lossy().into_owned()));
            }
            (path.extension()? == "rs" && path.file_stem()? != "mod").then(|| {
                let stem = path.file_stem()?.to_string_lossy().into_owned();
                Some((stem, path.to_string_lossy().into_owned()))
            })?
        })
        .collect();
    sources.extend(
        OTHER_STEMS
            .iter()
            .map(|(s, p)| (s.to_string(), p.to_string())),
    );
    for (stem, source) in &sources {
        let corpus = format!("{CORPUS_DIR}/{stem}.toml");
        if !Path::new(&corpus).exists() {
            problems.push(format!("{source} has no corpus {corpus}"));
        }
        let code = fs::read_to_string(source).unwrap_or_default();
        if !code.contains(&format!("Examples that prove these rules: {corpus}")) {
            problems.push(format!(
                "{source}: module doc must name its corpus {corpus}"
            ));
        }
    }
    for entry in fs::read_dir(CORPUS_DIR)
        .expect("fixtures/corpus exists")
        .flatten()
    {
        let stem = entry
            .path()
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if !sources.iter().any(|(s, _)| *s == stem) {
            problems.push(format!(
                "{} has no extractor {EXTRACT_DIR}/{stem}.rs",
                entry.path().display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

macro_rules! corpus_tests {
    ($($name:ident => $stem:literal,)*) => {$(
        #[test]
        fn $name() {
            run_corpus($stem);
        }
    )*};
}

corpus_tests! {
    corpus_section => "section",
    corpus_credit => "credit",
    corpus_date => "date",
    corpus_figure => "figure",
    corpus_organization => "organization",
    corpus_person => "person",
    corpus_text => "text",
    corpus_numeral => "numeral",
}

fn run_corpus(stem: &str) {
    let path = format!("{CORPUS_DIR}/{stem}.toml");
    let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file: Toml = toml::from_str(&source).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cases = file
        .get("case")
        .and_then(Toml::as_array)
        .unwrap_or_else(|| panic!("{path}: no [[case]]"));
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let result = if stem == "numeral" {
            check_numeral(case)
        } else {
            check_extraction(stem, &file, case)
        };
        if let Err(message) = result {
            let note = case.get("note").and_then(Toml::as_str).unwrap_or("");
            failures.push(format!("{path} case {} {note}\n{message}", i + 1));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

fn text_of(case: &Toml) -> Result<&str, String> {
    case.get("text")
        .and_then(Toml::as_str)
        .ok_or_else(|| "case has no `text`".to_string())
}

fn check_numeral(case: &Toml) -> Result<(), String> {
    let text = text_of(case)?;
    let got = numeral::parse(text);
    let wants_error = case.get("error").and_then(Toml::as_bool).unwrap_or(false);
    match (&got, case.get("value")) {
        (Err(_), None) if wants_error => Ok(()),
        (Ok(value), Some(expected)) if !wants_error => {
            let got = serde_json::to_value(value).map_err(|e| e.to_string())?;
            if matches(expected, &got) {
                Ok(())
            } else {
                Err(report(
                    text,
                    &expected.to_string(),
                    &got.to_string(),
                    "src/numeral.rs",
                ))
            }
        }
        _ => {
            let expected = case
                .get("value")
                .map_or("an error".to_string(), |v| v.to_string());
            Err(report(
                text,
                &expected,
                &format!("{got:?}"),
                "src/numeral.rs",
            ))
        }
    }
}

fn check_extraction(stem: &str, file: &Toml, case: &Toml) -> Result<(), String> {
    let text = text_of(case)?;
    let field = case
        .get("field")
        .or_else(|| file.get("field"))
        .and_then(Toml::as_str)
        .or_else(|| default_field(stem))
        .ok_or_else(|| format!("{stem}.toml needs a `field`"))?;
    let mut article = Article::new(text);
    match case
        .get("date")
        .or_else(|| file.get("date"))
        .and_then(Toml::as_str)
    {
        None | Some("none") => {}
        Some(date) => article.date = Some(date.parse().map_err(|e| format!("bad date: {e}"))?),
    }
    let extractor: &Extractor = match case.get("resolve").and_then(Toml::as_str) {
        None | Some("nearest") => &EXTRACTOR,
        Some("future") => &FUTURE,
        Some("past") => &PAST,
        Some(other) => return Err(format!("unknown resolve {other:?}")),
    };
    let output = serde_json::to_value(extractor.extract(&article)).map_err(|e| e.to_string())?;
    let mut items = output
        .get(field)
        .and_then(Json::as_array)
        .cloned()
        .ok_or_else(|| format!("no output field {field}"))?;
    for item in &mut items {
        fill_defaults(item);
    }
    let help = match stem {
        "text" => "src/text.rs".to_string(),
        _ if Path::new(&format!("{EXTRACT_DIR}/{stem}")).is_dir() => {
            format!("src/extract/{stem}/")
        }
        _ => format!("src/extract/{stem}.rs"),
    };
    let shown = Json::Array(items.clone()).to_string();
    let mut problems = Vec::new();
    if let Some(expect) = case.get("expect").and_then(Toml::as_array) {
        let ok =
            expect.len() == items.len() && expect.iter().zip(&items).all(|(e, g)| matches(e, g));
        if !ok {
            problems.push(("expected exactly", Toml::Array(expect.clone()).to_string()));
        }
    }
    if let Some(contains) = case.get("contains").and_then(Toml::as_array) {
        let mut rest = items.iter();
        if !contains.iter().all(|e| rest.any(|g| matches(e, g))) {
            problems.push((
                "expected, in order, among others",
                Toml::Array(contains.clone()).to_string(),
            ));
        }
    }
    if let Some(excludes) = case.get("excludes").and_then(Toml::as_array) {
        let found: Vec<_> = excludes
            .iter()
            .filter(|e| items.iter().any(|g| matches(e, g)))
            .map(|e| e.to_string())
            .collect();
        if !found.is_empty() {
            problems.push(("expected none of", found.join(", ")));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let expected = problems
        .iter()
        .map(|(what, items)| format!("{what}: {items}"))
        .collect::<Vec<_>>()
        .join("\n  ");
    Err(report(text, &expected, &shown, &help))
}

/// Makes flags that serialization leaves out explicit, so a case can test them.
fn fill_defaults(item: &mut Json) {
    if let Json::Object(fields) = item {
        if fields.contains_key("label") && fields.contains_key("number") {
            fields.entry("gap").or_insert(Json::Bool(false));
        }
        if fields.contains_key("kind")
            && fields.contains_key("value")
            && fields.contains_key("text")
        {
            let is_date = fields
                .get("kind")
                .and_then(Json::as_str)
                .is_some_and(|k| matches!(k, "date" | "time" | "duration" | "range" | "set"));
            if is_date {
                fields.entry("resolved").or_insert(Json::Bool(true));
            }
        }
        for value in fields.values_mut() {
            if let Json::Array(children) = value {
                children.iter_mut().for_each(fill_defaults);
            }
        }
    }
}

/// Whether `got` has every key written in `expected`, with the same value.
fn matches(expected: &Toml, got: &Json) -> bool {
    match (expected, got) {
        (Toml::Table(table), Json::Object(object)) => table
            .iter()
            .all(|(key, value)| object.get(key).is_some_and(|g| matches(value, g))),
        (Toml::Array(list), Json::Array(items)) => {
            list.len() == items.len() && list.iter().zip(items).all(|(e, g)| matches(e, g))
        }
        (Toml::String(e), Json::String(g)) => e == g,
        (Toml::Boolean(e), Json::Bool(g)) => e == g,
        (Toml::Integer(e), Json::Number(g)) => close(*e as f64, g.as_f64()),
        (Toml::Float(e), Json::Number(g)) => close(*e, g.as_f64()),
        _ => false,
    }
}

fn close(expected: f64, got: Option<f64>) -> bool {
    got.is_some_and(|g| (expected - g).abs() <= 1e-9 * expected.abs().max(1.0))
}

fn report(text: &str, expected: &str, got: &str, help: &str) -> String {
    format!(
        "  text:     {text}\n  {expected}\n  got:      {got}\n  help: fix the rule in {help}, or the case if its expectation is wrong"
    )
}
