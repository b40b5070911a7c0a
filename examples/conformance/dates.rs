//! Dates, times and durations: Duckling ZH time and duration, Recognizers-Text DateTime.

use std::path::Path;

use crate::Outcome;

/// Runs the date suites found under `eval`.
pub fn run(_eval: &Path) -> Vec<Outcome> {
    Vec::new()
}
