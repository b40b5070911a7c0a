//! Conformance with peers' test suites in `../shared/eval`: Duckling's Chinese
//! corpora, cn2an, Microsoft Recognizers-Text. Prints a pass rate per file.
//!
//! ```text
//! cargo run --release --example conformance -- [--verbose] [--only PREFIX] [--floors .ci/floors.toml]
//! ```
//!
//! With `--floors`, exits 1 when a file's pass rate falls below its floor in the
//! `[conformance]` table (keys are `<suite>/<file>`, values are rates 0..1).
//! Each suite documents which rows it counts as supported and how it maps the
//! peer's format to ours.

mod dates;
mod numbers;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The result of one test file.
pub struct Outcome {
    /// `<suite>/<file>`, as in the floors table.
    pub name: String,
    /// Rows that passed.
    pub passed: usize,
    /// Rows counted (supported rows only).
    pub total: usize,
    /// One line per failed row: input, expected, got.
    pub failures: Vec<String>,
}

impl Outcome {
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }
}

/// Reads a JSONL file of the eval set into JSON values.
pub fn rows(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
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
    let mut verbose = false;
    let mut only = String::new();
    let mut floors_path: Option<PathBuf> = None;
    let mut eval = PathBuf::from("../shared/eval");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--verbose" | "-v" => verbose = true,
            "--only" => only = args.next().unwrap_or_default(),
            "--floors" => floors_path = args.next().map(PathBuf::from),
            "--eval" => eval = args.next().map(PathBuf::from).unwrap_or(eval),
            other => {
                eprintln!("conformance: unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let mut outcomes = numbers::run(&eval);
    outcomes.extend(dates::run(&eval));
    outcomes.retain(|o| o.name.starts_with(&only));

    let floors = floors_path.map(|path| {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let table: toml::Value = toml::from_str(&text).expect("floors file is TOML");
        table
            .get("conformance")
            .cloned()
            .unwrap_or(toml::Value::Table(Default::default()))
    });
    let mut failed = Vec::new();
    say!(
        "{:<52} {:>9} {:>7} {:>7}",
        "file",
        "passed",
        "rate",
        "floor"
    );
    for outcome in &outcomes {
        let floor = floors
            .as_ref()
            .and_then(|f| f.get(&outcome.name))
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)));
        say!(
            "{:<52} {:>4}/{:<4} {:>7.3} {:>7}",
            outcome.name,
            outcome.passed,
            outcome.total,
            outcome.rate(),
            floor.map_or(String::new(), |f| format!("{f:.3}"))
        );
        if verbose {
            for failure in &outcome.failures {
                say!("    {failure}");
            }
        }
        if let Some(floor) = floor {
            if outcome.rate() + 1e-9 < floor {
                failed.push(format!(
                    "{} {:.3} is below its floor {floor:.3}",
                    outcome.name,
                    outcome.rate()
                ));
            }
        }
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("CONFORMANCE BELOW FLOOR:\n{}", failed.join("\n"));
        ExitCode::from(1)
    }
}
