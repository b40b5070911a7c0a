//! Mention-level NER scores on public sets (CLUENER dev, People's Daily dev and
//! test), for zhnews beside a naive baseline: jieba's POS tags (`nt` for
//! organizations, `nr` for people) computed by this same harness.
//!
//! ```text
//! cargo run --release --example ner_eval -- [--limit N] [--floors .ci/floors.toml] [--errors CATEGORY]
//! ```
//!
//! A prediction counts when its character span equals a gold span of the
//! category. Categories map the sets' labels to ours: `organization` =
//! CLUENER government + organization + company, People's Daily ORG; `person` =
//! CLUENER name, People's Daily PER; `position` = CLUENER position, the bare
//! office of each title we give a person (`总裁` of `通灵珠宝总裁`).
//! With `--floors`, exits 1 when a zhnews F1 falls below its floor in the
//! `[ner]` table (keys `<set>/<category>`).

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use jieba_rs::Jieba;
use serde_json::Value;
use zhnews::{Article, Extraction, Extractor, Field};

/// A category of mention and the gold labels that belong to it, per set.
const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "organization",
        &["government", "organization", "company", "ORG"],
    ),
    ("person", &["name", "PER"]),
    ("position", &["position"]),
];

/// The sets: name, file under the eval folder, and the categories it labels.
const SETS: &[(&str, &str, &[&str])] = &[
    (
        "cluener-dev",
        "cluener/dev.jsonl",
        &["organization", "person", "position"],
    ),
    (
        "people-daily-dev",
        "people-daily-ner/dev.jsonl",
        &["organization", "person"],
    ),
    (
        "people-daily-test",
        "people-daily-ner/test.jsonl",
        &["organization", "person"],
    ),
];

type Spans = HashSet<(usize, usize)>;

/// zhnews's spans of a category, in characters.
fn zhnews_spans(out: &Extraction, category: &str) -> Spans {
    match category {
        "organization" => out
            .organizations
            .iter()
            .flat_map(|o| &o.mentions)
            .map(|m| (m.start, m.end))
            .collect(),
        "person" => out
            .people
            .iter()
            .flat_map(|p| &p.mentions)
            .map(|m| (m.start, m.end))
            .collect(),
        // CLUENER labels the bare office (`总裁` in `通灵珠宝总裁`): the end of
        // each title mention that is its office.
        "position" => out
            .people
            .iter()
            .flat_map(|p| &p.titles)
            .flat_map(|t| {
                let office = t.title.chars().count();
                t.mentions
                    .iter()
                    .filter(move |m| office > 0 && m.text.ends_with(t.title.as_str()))
                    .map(move |m| (m.end - office, m.end))
            })
            .collect(),
        _ => Spans::new(),
    }
}

/// The baseline's spans: jieba words tagged `nt` (organizations) or `nr` (people).
fn baseline_spans(jieba: &Jieba, text: &str, category: &str) -> Spans {
    let tag = match category {
        "organization" => "nt",
        "person" => "nr",
        _ => return Spans::new(),
    };
    jieba
        .tag(text, true)
        .into_iter()
        .filter(|t| t.tag == tag)
        .map(|t| (t.start, t.end))
        .collect()
}

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn add(&mut self, gold: &Spans, predicted: &Spans) {
        let hits = gold.intersection(predicted).count();
        self.tp += hits;
        self.fp += predicted.len() - hits;
        self.fn_ += gold.len() - hits;
    }

    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// `println!` that ignores a closed stdout (`| head`): the report stops, the floor
/// check and its exit status still run.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

fn main() -> ExitCode {
    let mut eval = PathBuf::from("../shared/eval");
    let mut limit = usize::MAX;
    let mut floors_path: Option<PathBuf> = None;
    let mut errors_for: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--eval" => eval = args.next().map(PathBuf::from).unwrap_or(eval),
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).unwrap_or(limit),
            "--floors" => floors_path = args.next().map(PathBuf::from),
            "--errors" => errors_for = args.next(),
            other => {
                eprintln!("ner_eval: unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let floors = floors_path.map(|path| {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let table: toml::Value = toml::from_str(&text).expect("floors file is TOML");
        table
            .get("ner")
            .cloned()
            .unwrap_or(toml::Value::Table(Default::default()))
    });
    let extractor = Extractor::builder()
        .fields([Field::Organizations, Field::People])
        .build()
        .expect("no user words");
    let jieba = Jieba::new();
    let mut failed = Vec::new();
    say!(
        "{:<32} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}  {:>6}",
        "set/category",
        "P",
        "R",
        "F1",
        "base P",
        "base R",
        "base F1",
        "floor"
    );
    for (set, file, categories) in SETS {
        let path = eval.join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let rows: Vec<Value> = text
            .lines()
            .take(limit)
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        for category in *categories {
            let labels = CATEGORIES
                .iter()
                .find(|(c, _)| c == category)
                .map_or(&[][..], |(_, l)| l);
            let (mut ours, mut base) = (Tally::default(), Tally::default());
            for row in &rows {
                let text = row["text"].as_str().unwrap_or("");
                let gold: Spans = row["entities"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|e| labels.contains(&e["label"].as_str().unwrap_or("")))
                    .filter_map(|e| {
                        Some((e["start"].as_u64()? as usize, e["end"].as_u64()? as usize))
                    })
                    .collect();
                let out = extractor.extract(&Article::new(text));
                let predicted = zhnews_spans(&out, category);
                if errors_for.as_deref() == Some(*category) && gold != predicted {
                    let show = |spans: &Spans| {
                        let mut v: Vec<String> = spans
                            .iter()
                            .map(|&(s, e)| text.chars().skip(s).take(e - s).collect())
                            .collect();
                        v.sort();
                        v.join(" ")
                    };
                    say!(
                        "  {set}: gold [{}] ours [{}]  {text}",
                        show(&gold),
                        show(&predicted)
                    );
                }
                ours.add(&gold, &predicted);
                base.add(&gold, &baseline_spans(&jieba, text, category));
            }
            let (p, r, f) = ours.prf();
            let (bp, br, bf) = base.prf();
            let key = format!("{set}/{category}");
            let floor = floors
                .as_ref()
                .and_then(|t| t.get(&key))
                .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)));
            say!(
                "{key:<32} {p:>6.3} {r:>6.3} {f:>6.3}   {bp:>6.3} {br:>6.3} {bf:>7.3}  {}",
                floor.map_or(String::new(), |f| format!("{f:.3}"))
            );
            if let Some(floor) = floor {
                if f + 1e-9 < floor {
                    failed.push(format!("{key} F1 {f:.3} is below its floor {floor:.3}"));
                }
            }
        }
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("NER BELOW FLOOR:\n{}", failed.join("\n"));
        ExitCode::from(1)
    }
}
