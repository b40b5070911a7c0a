//! The batch pipeline: one reader thread, `--jobs` extraction threads, and the
//! writer (the calling thread) that puts rows back in input order.
//!
//! ```text
//! reader ──batches──▶ workers (N) ──results──▶ writer (reorders, writes, flushes)
//!    ▲                                            │
//!    └──────────────── tickets ◀──────────────────┘
//! ```
//!
//! Memory is bounded by tickets: the reader takes one before sending a batch
//! and the writer returns it once the batch is written, so at most
//! `TICKETS_PER_JOB * jobs` batches (each about `BATCH_BYTES` of input plus
//! their output) exist at any time, however long the archive and however
//! slow one article is.
//!
//! As a pipe filter (stdin), the reader marks the batch it sends before every
//! read of stdin; the writer flushes when it reaches such a mark. So the output
//! is flushed whenever the input has nothing waiting (a downstream reader
//! never stalls), and otherwise once per read of up to `READ_BYTES` rather
//! than once per row.

use std::io::{Read, Write};
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::thread;

use anyhow::{Context, Result};
use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use zhnews::{Article, ErrorInfo, ErrorRow, Extractor};

use super::input::{
    Decoded, Encoding, EncodingChoice, Format, Source, Sources, decode, decode_lossy, read_some,
};
use super::progress::Counters;

/// Bytes asked for by each read of an input.
const READ_BYTES: usize = 64 * 1024;
/// A batch is sent once it holds this many input bytes...
const BATCH_BYTES: usize = 128 * 1024;
/// ...or this many rows, so that short inputs still spread over the threads.
const BATCH_ROWS: usize = 32;
/// Batches in flight (read, not yet written) per extraction thread.
const TICKETS_PER_JOB: usize = 4;

/// How the batch is read and extracted.
pub(crate) struct Settings {
    /// Extraction threads (at least 1).
    pub jobs: usize,
    pub encoding: EncodingChoice,
    /// Decode invalid bytes with replacement (and flag the row) instead of an error row.
    pub lossy: bool,
    /// Say on stderr which encoding `auto` chose for a non-UTF-8 input.
    pub notes: bool,
}

/// One row to extract: a JSONL line or a whole article file.
struct Row {
    /// The row's bytes in [`Batch::data`].
    bytes: Range<usize>,
    encoding: Encoding,
    /// `None` for a JSONL line; the article's id (its path) for an article file.
    article: Option<String>,
}

/// Consecutive rows, extracted by one thread.
struct Batch {
    seq: u64,
    data: Vec<u8>,
    rows: Vec<Row>,
    /// Flush the output once this batch is written.
    flush: bool,
}

/// A batch's output rows, one line each.
struct Done {
    seq: u64,
    out: Vec<u8>,
    rows: u64,
    errors: u64,
    flush: bool,
}

/// Extracts every row of `sources` with `jobs` threads and writes the rows to
/// `out` in input order. Returns when everything read is written.
///
/// # Errors
///
/// A write error (a closed pipe included), or a fatal read error (an input
/// that cannot be opened or read), after writing every row read before it.
pub(crate) fn run(
    extractor: Arc<Extractor>,
    sources: Sources,
    settings: Settings,
    counters: Arc<Counters>,
    out: &mut dyn Write,
) -> Result<()> {
    let jobs = settings.jobs.max(1);
    let lossy = settings.lossy;
    let tickets = TICKETS_PER_JOB * jobs;
    let (ticket_tx, ticket_rx) = bounded(tickets);
    for _ in 0..tickets {
        ticket_tx.send(()).context("ticket channel")?;
    }
    let (batch_tx, batch_rx) = unbounded::<Batch>();
    let (done_tx, done_rx) = unbounded::<Done>();
    let failure: Arc<Mutex<Option<anyhow::Error>>> = Arc::default();

    // Threads are detached: on a closed output pipe the writer returns at once
    // and the process exits, even if the reader is blocked on stdin.
    {
        let failure = Arc::clone(&failure);
        let counters = Arc::clone(&counters);
        thread::Builder::new()
            .name("zhnews-reader".into())
            .spawn(move || {
                let mut reader = Reader {
                    batch: Batch::new(0),
                    line_start: 0,
                    rows_since_flush: 0,
                    batch_tx,
                    ticket_rx,
                };
                if let Err(e) = reader.read_all(sources, &settings, &counters) {
                    if let Ok(mut slot) = failure.lock() {
                        *slot = Some(e);
                    }
                }
            })
            .context("cannot start the reader thread")?;
    }
    for i in 0..jobs {
        let extractor = Arc::clone(&extractor);
        let batch_rx = batch_rx.clone();
        let done_tx = done_tx.clone();
        thread::Builder::new()
            .name(format!("zhnews-worker-{i}"))
            .spawn(move || {
                for batch in batch_rx {
                    if done_tx
                        .send(extract_batch(&extractor, batch, lossy))
                        .is_err()
                    {
                        break;
                    }
                }
            })
            .context("cannot start an extraction thread")?;
    }
    drop(done_tx);
    drop(batch_rx);

    write_in_order(done_rx, &ticket_tx, &counters, out)?;
    out.flush()?;
    let failure = failure.lock().ok().and_then(|mut slot| slot.take());
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Writes results as they come back, in sequence order, returning each batch's ticket.
fn write_in_order(
    done_rx: Receiver<Done>,
    ticket_tx: &Sender<()>,
    counters: &Counters,
    out: &mut dyn Write,
) -> Result<()> {
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    for done in done_rx {
        waiting.insert(done.seq, done);
        while let Some(done) = waiting.remove(&next) {
            out.write_all(&done.out)?;
            if done.flush {
                out.flush()?;
            }
            counters.rows.fetch_add(done.rows, Ordering::Relaxed);
            counters.errors.fetch_add(done.errors, Ordering::Relaxed);
            next += 1;
            // Never blocks: tickets are only ever returned after being taken.
            let _ = ticket_tx.try_send(());
        }
    }
    // Every worker has finished; a gap would mean a lost batch.
    anyhow::ensure!(waiting.is_empty(), "an extraction thread stopped early");
    Ok(())
}

impl Batch {
    fn new(seq: u64) -> Self {
        Batch {
            seq,
            data: Vec::with_capacity(BATCH_BYTES + READ_BYTES),
            rows: Vec::with_capacity(BATCH_ROWS * 2),
            flush: false,
        }
    }
}

/// Splits inputs into rows and sends them in batches.
struct Reader {
    /// The batch being filled; its `data` may end with a partial line.
    batch: Batch,
    /// Where the current (partial) line starts in `batch.data`.
    line_start: usize,
    /// Rows sent since the last flush mark.
    rows_since_flush: usize,
    batch_tx: Sender<Batch>,
    ticket_rx: Receiver<()>,
}

impl Reader {
    /// Reads every source; on a fatal error, still sends the rows read before it.
    fn read_all(
        &mut self,
        sources: Sources,
        settings: &Settings,
        counters: &Counters,
    ) -> Result<()> {
        let read = self.read_sources(sources, settings, counters);
        self.send(true)?;
        read
    }

    fn read_sources(
        &mut self,
        sources: Sources,
        settings: &Settings,
        counters: &Counters,
    ) -> Result<()> {
        let mut buf = vec![0; READ_BYTES];
        for source in sources {
            let source = source?;
            let mut input = source.open(Arc::clone(&counters.bytes_read))?;
            match source.format {
                Format::Jsonl => self.read_jsonl(&source, &mut *input, &mut buf, settings)?,
                Format::Article => self.read_article(&source, &mut *input, settings)?,
            }
            counters.files.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Splits a JSONL input into lines; blank lines are not rows.
    fn read_jsonl(
        &mut self,
        source: &Source,
        input: &mut dyn Read,
        buf: &mut [u8],
        settings: &Settings,
    ) -> Result<()> {
        let mut encoding = None;
        loop {
            // About to wait for stdin: whatever was read must reach the output.
            if source.is_stdin() && self.rows_since_flush + self.batch.rows.len() > 0 {
                self.send(true)?;
            }
            let n = read_some(input, buf)
                .with_context(|| format!("cannot read {}", source.path.display()))?;
            let Some(chunk) = buf.get(..n).filter(|c| !c.is_empty()) else {
                break;
            };
            let encoding = *encoding.get_or_insert_with(|| choose(source, chunk, settings));
            self.add_lines(chunk, encoding);
            if self.batch.rows.len() >= BATCH_ROWS || self.line_start >= BATCH_BYTES {
                self.send(false)?;
            }
        }
        // The last line may lack its newline.
        let end = self.batch.data.len();
        self.push_row(
            self.line_start..end,
            encoding.unwrap_or(Encoding::Utf8),
            None,
        );
        self.line_start = end;
        Ok(())
    }

    /// Appends `chunk` to the batch and records each complete line in it as a row.
    fn add_lines(&mut self, chunk: &[u8], encoding: Encoding) {
        let scanned = self.batch.data.len();
        self.batch.data.extend_from_slice(chunk);
        let mut from = scanned;
        while let Some(at) = self.batch.data.get(from..).and_then(newline) {
            let end = from + at;
            self.push_row(self.line_start..end, encoding, None);
            self.line_start = end + 1;
            from = end + 1;
        }
    }

    /// A whole file is one article; its id is its path.
    fn read_article(
        &mut self,
        source: &Source,
        input: &mut dyn Read,
        settings: &Settings,
    ) -> Result<()> {
        let start = self.batch.data.len();
        input
            .read_to_end(&mut self.batch.data)
            .with_context(|| format!("cannot read {}", source.path.display()))?;
        let end = self.batch.data.len();
        let encoding = choose(source, &self.batch.data[start..end], settings);
        self.batch.rows.push(Row {
            bytes: start..end,
            encoding,
            article: Some(source.name()),
        });
        self.line_start = end;
        if self.batch.rows.len() >= BATCH_ROWS || end >= BATCH_BYTES {
            self.send(false)?;
        }
        Ok(())
    }

    /// Records a row unless the line is blank. A trailing `\r` is left to the JSON parser.
    fn push_row(&mut self, bytes: Range<usize>, encoding: Encoding, article: Option<String>) {
        let line = self.batch.data.get(bytes.clone()).unwrap_or_default();
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        self.batch.rows.push(Row {
            bytes,
            encoding,
            article,
        });
    }

    /// Sends the complete rows of the batch and starts a new one with the partial line.
    ///
    /// A flush mark is sent even without rows when rows were sent since the last one.
    fn send(&mut self, flush: bool) -> Result<()> {
        let wanted = !self.batch.rows.is_empty() || (flush && self.rows_since_flush > 0);
        if !wanted {
            return Ok(());
        }
        // Blocks while too many batches are in flight: this is the backpressure.
        self.ticket_rx
            .recv()
            .context("the writer stopped before the reader")?;
        let mut next = Batch::new(self.batch.seq + 1);
        next.data
            .extend_from_slice(self.batch.data.get(self.line_start..).unwrap_or_default());
        self.batch.data.truncate(self.line_start);
        self.line_start = 0;
        let mut batch = std::mem::replace(&mut self.batch, next);
        batch.flush = flush;
        self.rows_since_flush = if flush {
            0
        } else {
            self.rows_since_flush + batch.rows.len()
        };
        self.batch_tx
            .send(batch)
            .context("the extraction threads stopped before the reader")?;
        Ok(())
    }
}

/// The offset of the first `\n` in `bytes`, found with the standard
/// library's word-at-a-time `memchr` (through `BufRead::skip_until`).
fn newline(bytes: &[u8]) -> Option<usize> {
    let mut rest = bytes;
    let skipped = std::io::BufRead::skip_until(&mut rest, b'\n').ok()?;
    let last = skipped.checked_sub(1)?;
    (bytes.get(last) == Some(&b'\n')).then_some(last)
}

/// The encoding of an input from its first bytes; says so on stderr when `auto` picks GB18030.
fn choose(source: &Source, sample: &[u8], settings: &Settings) -> Encoding {
    let encoding = settings.encoding.choose(sample);
    if settings.notes && settings.encoding == EncodingChoice::Auto && encoding != Encoding::Utf8 {
        eprintln!("zhnews: {}: reading as {}", source.name(), encoding.name());
    }
    encoding
}

/// Extracts every row of a batch into one block of output lines.
fn extract_batch(extractor: &Extractor, batch: Batch, lossy: bool) -> Done {
    let mut out = Vec::with_capacity(batch.data.len() * 2);
    let mut errors = 0;
    let bytes_of = |row: &Row| batch.data.get(row.bytes.clone()).unwrap_or_default();
    // JSONL rows read as UTF-8 (nearly all) go through the library's batch call,
    // which runs each half of the stages over the whole batch in turn.
    let mut together = (batch.rows.iter().all(|row| library_row(row, lossy)))
        .then(|| {
            let lines: Vec<&[u8]> = batch.rows.iter().map(bytes_of).collect();
            catch_unwind(AssertUnwindSafe(|| extractor.extract_json_lines(&lines))).ok()
        })
        .flatten()
        .map(Vec::into_iter);
    for row in &batch.rows {
        let line = match together.as_mut().and_then(Iterator::next) {
            Some(line) => line,
            // The library never panics by contract; if a bug makes it, the
            // batch is redone row by row, the row still gets its output line
            // and the run goes on.
            None => catch_unwind(AssertUnwindSafe(|| {
                extract_row(extractor, row, bytes_of(row), lossy)
            }))
            .unwrap_or_else(|_| {
                let info = ErrorInfo {
                    kind: "internal_error".into(),
                    message: "zhnews failed on this row; please report it".into(),
                };
                to_json(&ErrorRow {
                    id: row.article.clone(),
                    error: info,
                })
            }),
        };
        if is_error_row(&line) {
            errors += 1;
        }
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    Done {
        seq: batch.seq,
        out,
        rows: batch.rows.len() as u64,
        errors,
        flush: batch.flush,
    }
}

/// Whether a row is a JSONL row read as UTF-8, whose output is the library's
/// row contract byte for byte ([`Extractor::extract_json_bytes`]).
fn library_row(row: &Row, lossy: bool) -> bool {
    row.article.is_none() && row.encoding == Encoding::Utf8 && !lossy
}

/// One output row, without its newline.
fn extract_row(extractor: &Extractor, row: &Row, bytes: &[u8], lossy: bool) -> String {
    if library_row(row, lossy) {
        // The library's own row contract, byte for byte.
        return extractor.extract_json_bytes(bytes);
    }
    let (text, lossy) = match decode(bytes, row.encoding, lossy) {
        Decoded::Text(text) => (text, false),
        Decoded::Lossy(text) => (text.into(), true),
        Decoded::Invalid(error) => {
            let id = match &row.article {
                Some(id) => Some(id.clone()),
                None => json_id(&decode_lossy(bytes, row.encoding)),
            };
            return to_json(&ErrorRow { id, error });
        }
    };
    let line = match &row.article {
        None => extractor.extract_json(&text),
        Some(id) => {
            let article = Article {
                id: Some(id.clone()),
                text: text.into_owned(),
                date: None,
            };
            to_json(&extractor.extract(&article))
        }
    };
    if lossy { flag_lossy(line) } else { line }
}

/// Adds `"lossy":true` as the last field of an output row.
fn flag_lossy(mut line: String) -> String {
    if line.ends_with('}') {
        line.pop();
        line.push_str(",\"lossy\":true}");
    }
    line
}

/// The id of a JSON row read as far as possible, as the library's error rows carry it.
fn json_id(line: &str) -> Option<String> {
    match serde_json::from_str::<serde_json::Value>(line)
        .ok()?
        .get("id")?
    {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether an output row is an error row: `{"id":…,"error":{…}}`.
///
/// Inside a JSON string every `"` is escaped, so `,"error":{` can only be the key.
fn is_error_row(line: &str) -> bool {
    line.contains(",\"error\":{")
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Our output types serialize infallibly: string keys, finite numbers.
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_rows_are_recognized_whatever_the_id() {
        let error = zhnews::Error::MissingText;
        let row = to_json(&ErrorRow::new(Some(r#"x","error":{"#.into()), &error));
        assert!(is_error_row(&row));
        let ok = Extractor::new().extract_json(r#"{"id":"\",\"error\":{","text":"正文"}"#);
        assert!(!is_error_row(&ok), "{ok}");
    }

    #[test]
    fn newlines_are_found_as_a_search_finds_them() {
        for bytes in [
            &b""[..],
            b"\n",
            b"abc",
            b"a\nb\n",
            b"\xe4\xb8\n",
            &[b'x'; 100],
            b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
        ] {
            assert_eq!(
                newline(bytes),
                bytes.iter().position(|&b| b == b'\n'),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn lossy_flag_is_the_last_field() {
        assert_eq!(
            flag_lossy("{\"id\":null}".into()),
            "{\"id\":null,\"lossy\":true}"
        );
    }

    use std::io;
    use std::path::PathBuf;

    use proptest::prelude::*;

    /// Gives its bytes in reads of the given sizes, in turn, and runs `before_read` before each.
    struct Chunked<F> {
        bytes: Vec<u8>,
        at: usize,
        sizes: Vec<usize>,
        reads: usize,
        before_read: F,
    }

    impl<F: FnMut(usize)> Read for Chunked<F> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            (self.before_read)(self.reads);
            let size = self.sizes[self.reads % self.sizes.len()].max(1);
            self.reads += 1;
            let n = size.min(buf.len()).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn reader(tickets: usize) -> (Reader, Receiver<Batch>, Sender<()>) {
        let (batch_tx, batch_rx) = unbounded();
        let (ticket_tx, ticket_rx) = bounded(tickets);
        for _ in 0..tickets {
            ticket_tx.send(()).unwrap();
        }
        let reader = Reader {
            batch: Batch::new(0),
            line_start: 0,
            rows_since_flush: 0,
            batch_tx,
            ticket_rx,
        };
        (reader, batch_rx, ticket_tx)
    }

    fn settings() -> Settings {
        Settings {
            jobs: 1,
            encoding: EncodingChoice::Utf8,
            lossy: false,
            notes: false,
        }
    }

    fn stdin() -> Source {
        Source {
            path: PathBuf::from("-"),
            format: Format::Jsonl,
            gzip: false,
        }
    }

    fn rows_of(batches: &[Batch]) -> Vec<Vec<u8>> {
        batches
            .iter()
            .flat_map(|b| b.rows.iter().map(|r| b.data[r.bytes.clone()].to_vec()))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// However the input is cut into reads, the rows are its non-blank lines, in order.
        #[test]
        fn rows_are_the_non_blank_lines_whatever_the_reads(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'\n'), Just(b' '), Just(b'\r'), Just(b'a'), Just(0xE4u8), Just(0xB8u8)],
                0..400,
            ),
            sizes in proptest::collection::vec(1usize..70, 1..8),
        ) {
            let (mut reader, batch_rx, _tickets) = reader(10_000);
            let mut input = Chunked { bytes: bytes.clone(), at: 0, sizes, reads: 0, before_read: |_| {} };
            let mut buf = vec![0; READ_BYTES];
            reader.read_jsonl(&stdin(), &mut input, &mut buf, &settings()).unwrap();
            reader.send(true).unwrap();
            drop(reader);
            let batches: Vec<Batch> = batch_rx.iter().collect();
            let expected: Vec<Vec<u8>> = bytes
                .split(|&b| b == b'\n')
                .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
                .map(<[u8]>::to_vec)
                .collect();
            prop_assert_eq!(rows_of(&batches), expected);
            let seqs: Vec<u64> = batches.iter().map(|b| b.seq).collect();
            prop_assert_eq!(seqs, (0..batches.len() as u64).collect::<Vec<_>>());
        }
    }

    #[test]
    fn every_row_read_from_stdin_is_sent_with_a_flush_mark_before_the_next_read() {
        let (mut reader, batch_rx, _tickets) = reader(100);
        let lines: Vec<String> = (0..5).map(|i| format!("{{\"id\":{i}}}\n")).collect();
        let receiver = batch_rx.clone();
        let mut sent_rows = 0;
        let read_size = lines[0].len() * 3 / 2;
        let line_size = lines[0].len();
        let mut input = Chunked {
            bytes: lines.concat().into_bytes(),
            at: 0,
            // One line and a half per read: rows complete at varying points.
            sizes: vec![read_size],
            reads: 0,
            before_read: move |reads: usize| {
                let mut last_flush = true;
                for batch in receiver.try_iter() {
                    sent_rows += batch.rows.len();
                    last_flush = batch.flush;
                }
                // The complete lines of the previous reads are all out, the last with a flush mark.
                let complete = reads * read_size / line_size;
                assert_eq!(sent_rows, complete.min(5), "before read {reads}");
                assert!(last_flush, "before read {reads}");
            },
        };
        let mut buf = vec![0; READ_BYTES];
        reader
            .read_jsonl(&stdin(), &mut input, &mut buf, &settings())
            .unwrap();
    }

    #[test]
    fn a_file_is_not_flushed_per_read() {
        let (mut reader, batch_rx, _tickets) = reader(100);
        let file = Source {
            path: PathBuf::from("rows.jsonl"),
            ..stdin()
        };
        let mut input = Chunked {
            bytes: "{}\n".repeat(100).into_bytes(),
            at: 0,
            sizes: vec![7],
            reads: 0,
            before_read: |_| {},
        };
        let mut buf = vec![0; READ_BYTES];
        reader
            .read_jsonl(&file, &mut input, &mut buf, &settings())
            .unwrap();
        reader.send(true).unwrap();
        drop(reader);
        let batches: Vec<Batch> = batch_rx.iter().collect();
        assert_eq!(rows_of(&batches).len(), 100);
        assert_eq!(batches.iter().filter(|b| b.flush).count(), 1);
        assert!(batches.iter().all(|b| b.rows.len() <= BATCH_ROWS + 3));
    }

    #[test]
    fn the_reader_waits_for_tickets() {
        let (mut reader, batch_rx, ticket_tx) = reader(2);
        let handle = thread::spawn(move || {
            let mut input = Chunked {
                bytes: "{}\n".repeat(BATCH_ROWS * 10).into_bytes(),
                at: 0,
                sizes: vec![3 * BATCH_ROWS],
                reads: 0,
                before_read: |_| {},
            };
            let mut buf = vec![0; READ_BYTES];
            let file = Source {
                path: PathBuf::from("rows.jsonl"),
                ..stdin()
            };
            reader.read_jsonl(&file, &mut input, &mut buf, &settings())
        });
        thread::sleep(std::time::Duration::from_millis(100));
        // Two tickets: two batches out, the reader blocked on the third.
        assert_eq!(batch_rx.try_iter().count(), 2);
        assert!(!handle.is_finished());
        for _ in 0..8 {
            ticket_tx.send(()).unwrap();
        }
        handle.join().unwrap().unwrap();
        assert_eq!(batch_rx.try_iter().count(), 8);
    }
}
