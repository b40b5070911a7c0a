//! Whole articles against their reviewed output, field by field.
//!
//! `fixtures/articles/articles.toml` lists each article with its reference
//! date; `<name>.json` holds the expected output. After a deliberate change,
//! `BLESS=1 cargo test --test golden` rewrites the JSON files: review that diff
//! like code.

use std::fs;

use serde_json::Value;
use zhnews::{Article, Extractor};

const DIR: &str = "fixtures/articles";
const FIELDS: [&str; 8] = [
    "id",
    "reference_date",
    "organizations",
    "people",
    "dates",
    "figures",
    "sections",
    "credits",
];

#[test]
fn articles_match_their_reviewed_output() {
    let manifest: toml::Value = toml::from_str(
        &fs::read_to_string(format!("{DIR}/articles.toml")).expect("manifest exists"),
    )
    .expect("manifest is TOML");
    let bless = std::env::var_os("BLESS").is_some();
    let extractor = Extractor::new();
    let mut failures = Vec::new();
    let articles = manifest["article"].as_array().expect("[[article]] list");
    for entry in articles {
        let name = entry["name"].as_str().expect("name");
        let text = fs::read_to_string(format!("{DIR}/{name}.txt")).expect("article text");
        let mut article = Article::new(text).with_id(name);
        if let Some(date) = entry.get("date").and_then(|d| d.as_str()) {
            article = article.with_date(date.parse().expect("valid date"));
        }
        let extraction = extractor.extract(&article);
        let got = serde_json::to_value(&extraction).expect("serializable");
        let path = format!("{DIR}/{name}.json");
        if bless {
            // Written from the typed output, so keys keep the output's order.
            let pretty = serde_json::to_string_pretty(&extraction).expect("serializable") + "\n";
            fs::write(&path, pretty).expect("writable fixture");
            continue;
        }
        let expected: Value = match fs::read_to_string(&path) {
            Ok(json) => serde_json::from_str(&json).expect("expected output is JSON"),
            Err(_) => {
                failures.push(format!(
                    "{path} is missing: run BLESS=1 cargo test --test golden"
                ));
                continue;
            }
        };
        for field in FIELDS {
            if let Some(difference) = compare(&expected[field], &got[field]) {
                failures.push(format!("{name}: {field}: {difference}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nhelp: if the change is deliberate, BLESS=1 cargo test --test golden and review the diff",
        failures.join("\n")
    );
}

/// The first difference between two field values, item by item for lists.
fn compare(expected: &Value, got: &Value) -> Option<String> {
    match (expected, got) {
        (Value::Array(e), Value::Array(g)) => {
            for (i, (a, b)) in e.iter().zip(g).enumerate() {
                if a != b {
                    return Some(format!("item {i}\n  expected {a}\n  got      {b}"));
                }
            }
            match e.len().cmp(&g.len()) {
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Less => Some(format!("extra item {}", g[e.len()])),
                std::cmp::Ordering::Greater => Some(format!("missing item {}", e[g.len()])),
            }
        }
        _ if expected == got => None,
        _ => Some(format!("expected {expected}, got {got}")),
    }
}
