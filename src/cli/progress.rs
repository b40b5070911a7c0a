//! Progress on stderr while a batch runs, and the one-line summary at the end.
//!
//! The progress line is drawn only when stderr is a terminal (never into a log
//! file or a Spark executor's stderr) and redrawn twice a second from its own
//! thread, so the pipeline never waits for it.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::input::Sources;

/// What the pipeline has done so far; updated by the reader and the writer.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    /// Raw input bytes read (compressed bytes for `.gz`).
    pub bytes_read: Arc<AtomicU64>,
    /// Inputs read to their end.
    pub files: AtomicU64,
    /// Output rows written.
    pub rows: AtomicU64,
    /// Error rows among them.
    pub errors: AtomicU64,
}

/// The progress line's drawing thread.
pub(crate) struct Meter {
    stop: Arc<AtomicBool>,
    handle: JoinHandle<()>,
}

/// Whether to draw progress: stderr is a terminal and `--quiet` was not given.
pub(crate) fn wanted(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}

impl Meter {
    /// Starts drawing. The total size of `inputs`, for the ETA, is found by a
    /// second thread that walks them (it gives up on stdin).
    pub fn start(counters: Arc<Counters>, inputs: Vec<PathBuf>, started: Instant) -> Self {
        let total = Arc::new(AtomicU64::new(0));
        {
            let total = Arc::clone(&total);
            let _ = thread::Builder::new()
                .name("zhnews-size".into())
                .spawn(move || {
                    if let Some(bytes) = Sources::total_bytes(&inputs) {
                        total.store(bytes, Ordering::Relaxed);
                    }
                });
        }
        let stop = Arc::new(AtomicBool::new(false));
        let handle = {
            let stop = Arc::clone(&stop);
            thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    thread::park_timeout(Duration::from_millis(500));
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let line = progress_line(&counters, total.load(Ordering::Relaxed), started);
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\r\x1b[2K{line}");
                    let _ = err.flush();
                }
                let _ = write!(std::io::stderr(), "\r\x1b[2K");
            })
        };
        Meter { stop, handle }
    }

    /// Stops drawing and clears the line.
    pub fn finish(self) {
        self.stop.store(true, Ordering::Relaxed);
        self.handle.thread().unpark();
        let _ = self.handle.join();
    }
}

/// `1,234 articles  2,345/s  3.4 MB/s  0 errors  45% ETA 0:12` (ETA once the total is known).
fn progress_line(counters: &Counters, total: u64, started: Instant) -> String {
    let seconds = started.elapsed().as_secs_f64().max(1e-3);
    let rows = counters.rows.load(Ordering::Relaxed);
    let bytes = counters.bytes_read.load(Ordering::Relaxed);
    let errors = counters.errors.load(Ordering::Relaxed);
    let mut line = format!(
        "{} articles  {}/s  {:.1} MB/s  {} errors",
        thousands(rows),
        thousands((rows as f64 / seconds) as u64),
        bytes as f64 / 1e6 / seconds,
        thousands(errors),
    );
    if total > 0 && bytes > 0 {
        let left = total.saturating_sub(bytes) as f64 * seconds / bytes as f64;
        let left = left as u64;
        line.push_str(&format!(
            "  {}% ETA {}:{:02}",
            (bytes * 100 / total).min(100),
            left / 60,
            left % 60
        ));
    }
    line
}

/// The closing summary: articles, errors, input MB, seconds and rates.
pub(crate) fn summary(counters: &Counters, seconds: f64) -> String {
    let rows = counters.rows.load(Ordering::Relaxed);
    let megabytes = counters.bytes_read.load(Ordering::Relaxed) as f64 / 1e6;
    let seconds = seconds.max(1e-3);
    format!(
        "zhnews: {} articles, {} errors, {:.1} MB from {} inputs in {:.2} s ({:.1} MB/s, {}/s)",
        thousands(rows),
        thousands(counters.errors.load(Ordering::Relaxed)),
        megabytes,
        thousands(counters.files.load(Ordering::Relaxed)),
        seconds,
        megabytes / seconds,
        thousands((rows as f64 / seconds) as u64),
    )
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(19541), "19,541");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn eta_appears_once_the_total_is_known() {
        let counters = Counters::default();
        counters.bytes_read.store(50, Ordering::Relaxed);
        let started = Instant::now();
        assert!(!progress_line(&counters, 0, started).contains("ETA"));
        assert!(progress_line(&counters, 100, started).contains("50% ETA"));
    }
}
