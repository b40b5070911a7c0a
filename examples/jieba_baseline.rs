//! The reference for speed claims: jieba-rs segmentation alone over the `text` of JSONL rows.
//!
//! ```text
//! cargo run --release --example jieba_baseline -- ../shared/bench/*.jsonl
//! ```
//!
//! Reads every row first, then times only the segmentation, one thread, HMM on
//! (as zhnews segments). Prints one JSON line: rows, text bytes, and for
//! `cut` and `tag` the seconds and MB/s (10^6 bytes of UTF-8 text per second).
//! `scripts/bench.sh` runs it beside `zhnews extract --jsonl` on the same rows.
//! Uses the library's dependencies only: no `cli` feature needed.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use jieba_rs::Jieba;

fn main() -> ExitCode {
    let mut texts = Vec::new();
    for path in std::env::args().skip(1) {
        let content = match std::fs::read_to_string(&path) {
            Ok(content) => content,
            Err(e) => {
                eprintln!("jieba_baseline: {path}: {e}");
                return ExitCode::from(2);
            }
        };
        for line in content.lines().filter(|l| !l.trim().is_empty()) {
            let row: serde_json::Value = match serde_json::from_str(line) {
                Ok(row) => row,
                Err(e) => {
                    eprintln!("jieba_baseline: {path}: {e}");
                    return ExitCode::from(2);
                }
            };
            if let Some(text) = row.get("text").and_then(|t| t.as_str()) {
                texts.push(text.to_string());
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let jieba = Jieba::new();

    let start = Instant::now();
    for text in &texts {
        black_box(jieba.cut(black_box(text), true));
    }
    let cut = start.elapsed().as_secs_f64();

    let start = Instant::now();
    for text in &texts {
        black_box(jieba.tag(black_box(text), true));
    }
    let tag = start.elapsed().as_secs_f64();

    let megabytes = bytes as f64 / 1e6;
    println!(
        "{{\"rows\":{},\"text_bytes\":{},\"cut_seconds\":{:.3},\"cut_mb_per_s\":{:.2},\"tag_seconds\":{:.3},\"tag_mb_per_s\":{:.2}}}",
        texts.len(),
        bytes,
        cut,
        megabytes / cut,
        tag,
        megabytes / tag
    );
    ExitCode::SUCCESS
}
