//! The reference for speed claims: jieba-rs segmentation alone over the `text` of JSONL rows.
//!
//! ```text
//! cargo run --release --example jieba_baseline -- ../shared/bench/*.jsonl
//! ```
//!
//! Reads every row first, then times only the segmentation, one thread, HMM on
//! (as zhnews segments). Prints one JSON line: rows, text bytes, and for
//! `cut` and `tag` the wall seconds, MB/s (10^6 bytes of UTF-8 text per wall
//! second) and the thread's CPU seconds (from `/proc/thread-self/stat`, in
//! clock ticks: the figure to compare on a busy machine).
//! `scripts/bench.py` runs it beside `zhnews extract --jsonl` on the same rows.
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

    let (start, cpu) = (Instant::now(), thread_cpu_seconds());
    for text in &texts {
        black_box(jieba.cut(black_box(text), true));
    }
    let (cut, cut_cpu) = (start.elapsed().as_secs_f64(), thread_cpu_seconds() - cpu);

    let (start, cpu) = (Instant::now(), thread_cpu_seconds());
    for text in &texts {
        black_box(jieba.tag(black_box(text), true));
    }
    let (tag, tag_cpu) = (start.elapsed().as_secs_f64(), thread_cpu_seconds() - cpu);

    let megabytes = bytes as f64 / 1e6;
    println!(
        "{{\"rows\":{},\"text_bytes\":{},\"cut_seconds\":{:.3},\"cut_mb_per_s\":{:.2},\"cut_cpu_seconds\":{:.2},\"tag_seconds\":{:.3},\"tag_mb_per_s\":{:.2},\"tag_cpu_seconds\":{:.2}}}",
        texts.len(),
        bytes,
        cut,
        megabytes / cut,
        cut_cpu,
        tag,
        megabytes / tag,
        tag_cpu,
    );
    ExitCode::SUCCESS
}

/// CPU seconds this thread has used (user + system), or 0 where `/proc` is missing.
fn thread_cpu_seconds() -> f64 {
    // Fields 14 and 15 of stat, after the parenthesized command name, in
    // clock ticks of 1/100 s (USER_HZ on Linux).
    std::fs::read_to_string("/proc/thread-self/stat")
        .ok()
        .and_then(|stat| {
            let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
            let ticks =
                fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}
