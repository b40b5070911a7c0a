//! Finding the inputs and reading their bytes: files, directories, `.gz`, stdin, encodings.
//!
//! Inputs are walked lazily, in the order given and, inside a directory, in
//! name order, so that memory does not grow with the number of files and the
//! output order is reproducible. A row's bytes are decoded by the worker that
//! extracts it ([`decode`]), not here: the reader only splits lines.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result};
use clap::ValueEnum;
use encoding_rs::{DecoderResult, GB18030};

/// How an input's rows are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// One JSON row `{"id"?, "text", "date"?}` per line.
    Jsonl,
    /// The whole file is one article's text; its id is the path.
    Article,
}

/// One input to read: a file or stdin (`-`).
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// The path as given or as found under a directory; `-` is stdin.
    pub path: PathBuf,
    pub format: Format,
    /// Whether the bytes are gzip-compressed (`.gz`).
    pub gzip: bool,
}

impl Source {
    /// An explicitly named input: `.txt` (or `.txt.gz`) is one article, anything else JSONL.
    fn named(path: PathBuf) -> Self {
        let (format, gzip) = classify(&path).unwrap_or((Format::Jsonl, is_gzip(&path)));
        Source { path, format, gzip }
    }

    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The path for messages and for article ids.
    pub fn name(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }

    /// Opens the input; `read` counts the raw (compressed) bytes taken from it.
    pub fn open(&self, read: Arc<AtomicU64>) -> Result<Box<dyn Read + Send>> {
        let raw: Box<dyn Read + Send> = if self.is_stdin() {
            Box::new(io::stdin())
        } else {
            Box::new(
                fs::File::open(&self.path)
                    .with_context(|| format!("cannot open {}", self.path.display()))?,
            )
        };
        let counted = Counted { inner: raw, read };
        Ok(if self.gzip {
            Box::new(flate2::read::MultiGzDecoder::new(counted))
        } else {
            Box::new(counted)
        })
    }
}

/// The format of a file found under a directory, or `None` to skip it.
fn classify(path: &Path) -> Option<(Format, bool)> {
    let name = path.file_name()?.to_str()?;
    let gzip = name.ends_with(".gz");
    let stem = name.strip_suffix(".gz").unwrap_or(name);
    if stem.ends_with(".jsonl") {
        Some((Format::Jsonl, gzip))
    } else if stem.ends_with(".txt") {
        Some((Format::Article, gzip))
    } else {
        None
    }
}

fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "gz")
}

/// A reader that adds the bytes it reads to a shared counter (for progress).
struct Counted {
    inner: Box<dyn Read + Send>,
    read: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The inputs in order: named files as they are, directories expanded
/// recursively in name order to their `*.jsonl`, `*.txt` (and `.gz`) files.
///
/// Symbolic links to directories are not followed (no cycles); links to files are.
pub(crate) struct Sources {
    /// What is left to visit, last first: named inputs, then directory entries.
    stack: Vec<PathBuf>,
    /// How many entries at the bottom of `stack` are named inputs (kept even
    /// when their extension is not one a directory walk picks).
    named: usize,
}

impl Sources {
    /// Checks that every named input exists, so that a typo fails before any output.
    ///
    /// No inputs means stdin.
    pub fn new(inputs: &[PathBuf]) -> Result<Self> {
        let mut stack: Vec<PathBuf> = if inputs.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            inputs.to_vec()
        };
        for path in &stack {
            if path.as_os_str() != "-" {
                fs::metadata(path).with_context(|| format!("cannot open {}", path.display()))?;
            }
        }
        stack.reverse();
        let named = stack.len();
        Ok(Sources { stack, named })
    }

    /// The total size in bytes of the inputs, or `None` when stdin is among them.
    ///
    /// Walks directories again without keeping their listings; meant for a
    /// background thread (it only serves the progress line's ETA).
    pub fn total_bytes(inputs: &[PathBuf]) -> Option<u64> {
        let mut total = 0;
        for source in Sources::new(inputs).ok()? {
            let source = source.ok()?;
            if source.is_stdin() {
                return None;
            }
            total += fs::metadata(&source.path).ok()?.len();
        }
        Some(total)
    }
}

impl Iterator for Sources {
    type Item = Result<Source>;

    fn next(&mut self) -> Option<Result<Source>> {
        loop {
            let path = self.stack.pop()?;
            let named = self.stack.len() < self.named;
            if named {
                self.named = self.stack.len();
            }
            if path.as_os_str() == "-" {
                return Some(Ok(Source::named(path)));
            }
            let is_dir = if named {
                fs::metadata(&path).map(|m| m.is_dir())
            } else {
                fs::symlink_metadata(&path).map(|m| m.is_dir())
            };
            match is_dir {
                Err(e) => {
                    return Some(Err(
                        anyhow::Error::new(e).context(format!("cannot open {}", path.display()))
                    ));
                }
                Ok(true) => {
                    if let Err(e) = self.push_directory(&path) {
                        return Some(Err(e));
                    }
                }
                Ok(false) if named => return Some(Ok(Source::named(path))),
                Ok(false) => {
                    if let Some((format, gzip)) = classify(&path) {
                        return Some(Ok(Source { path, format, gzip }));
                    }
                }
            }
        }
    }
}

impl Sources {
    fn push_directory(&mut self, dir: &Path) -> Result<()> {
        let context = || format!("cannot read directory {}", dir.display());
        let mut entries = fs::read_dir(dir)
            .with_context(context)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<io::Result<Vec<_>>>()
            .with_context(context)?;
        entries.sort();
        entries.reverse();
        self.stack.extend(entries);
        Ok(())
    }
}

/// `--encoding`: how input bytes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum EncodingChoice {
    /// UTF-8 unless the start of a file is clearly GB18030 (said on stderr).
    Auto,
    /// UTF-8 (a BOM is skipped).
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030, which includes GBK and GB2312.
    #[value(alias = "gbk")]
    Gb18030,
}

/// The encoding chosen for one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

impl EncodingChoice {
    /// The encoding for an input that starts with `sample`.
    pub fn choose(self, sample: &[u8]) -> Encoding {
        match self {
            EncodingChoice::Utf8 => Encoding::Utf8,
            EncodingChoice::Gb18030 => Encoding::Gb18030,
            EncodingChoice::Auto => detect(sample),
        }
    }
}

/// UTF-8 unless the sample has many invalid UTF-8 sequences and is valid GB18030.
///
/// A few bad bytes in a UTF-8 file stay UTF-8 (those rows become error rows):
/// GB18030 accepts most byte strings, so reading a damaged UTF-8 file as
/// GB18030 would garble every row instead. Chinese GB18030 text read as
/// UTF-8 fails at almost every character. A sequence cut off at the end of
/// the sample counts as neither.
pub(crate) fn detect(sample: &[u8]) -> Encoding {
    let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
    let mut invalid = 0;
    let mut rest = sample;
    while let Err(e) = std::str::from_utf8(rest) {
        let Some(len) = e.error_len() else { break };
        invalid += 1;
        rest = rest.get(e.valid_up_to() + len..).unwrap_or_default();
    }
    // Fewer than one bad sequence per 50 non-ASCII bytes: damaged UTF-8.
    if invalid * 50 <= non_ascii {
        return Encoding::Utf8;
    }
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut utf8 = vec![0; decoder.max_utf8_buffer_length(sample.len()).unwrap_or(0)];
    let (result, _, _) = decoder.decode_to_utf8_without_replacement(sample, &mut utf8, false);
    match result {
        DecoderResult::InputEmpty => Encoding::Gb18030,
        DecoderResult::Malformed(..) | DecoderResult::OutputFull => Encoding::Utf8,
    }
}

/// A row's bytes as text.
pub(crate) enum Decoded<'a> {
    /// Valid in its encoding.
    Text(Cow<'a, str>),
    /// Invalid bytes replaced with U+FFFD (`--lossy`); the output row is flagged.
    Lossy(String),
    /// Invalid bytes: the row becomes an error row.
    Invalid(zhnews::ErrorInfo),
}

/// Decodes one row (a JSONL line or a whole article file).
///
/// A UTF-8 byte order mark at the start is dropped.
pub(crate) fn decode(bytes: &[u8], encoding: Encoding, lossy: bool) -> Decoded<'_> {
    match encoding {
        Encoding::Utf8 => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match std::str::from_utf8(bytes) {
                Ok(text) => Decoded::Text(Cow::Borrowed(text)),
                Err(_) if lossy => Decoded::Lossy(String::from_utf8_lossy(bytes).into_owned()),
                Err(e) => {
                    let error = zhnews::Error::InvalidUtf8 {
                        offset: e.valid_up_to(),
                    };
                    Decoded::Invalid(zhnews::ErrorRow::new(None, &error).error)
                }
            }
        }
        Encoding::Gb18030 => {
            if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                return Decoded::Text(text);
            }
            if lossy {
                return Decoded::Lossy(GB18030.decode_without_bom_handling(bytes).0.into_owned());
            }
            Decoded::Invalid(zhnews::ErrorInfo {
                kind: "invalid_encoding".into(),
                message: "bytes that are not valid GB18030".into(),
            })
        }
    }
}

/// A row's bytes with invalid sequences replaced, to find its id for an error row.
pub(crate) fn decode_lossy(bytes: &[u8], encoding: Encoding) -> Cow<'_, str> {
    match encoding {
        Encoding::Utf8 => String::from_utf8_lossy(bytes),
        Encoding::Gb18030 => GB18030.decode_without_bom_handling(bytes).0,
    }
}

/// Reads into `buf`, retrying when interrupted by a signal. 0 means end of input.
pub(crate) fn read_some(input: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match input.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            result => return result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gb18030(text: &str) -> Vec<u8> {
        GB18030.encode(text).0.into_owned()
    }

    #[test]
    fn detects_gb18030_and_keeps_damaged_utf8() {
        let text = "龙岗区人民政府与香港中文大学签署合作协议。".repeat(3);
        assert_eq!(detect(text.as_bytes()), Encoding::Utf8);
        assert_eq!(detect(&gb18030(&text)), Encoding::Gb18030);
        let mut damaged = text.into_bytes();
        damaged[4] = 0xFF;
        assert_eq!(detect(&damaged), Encoding::Utf8);
        assert_eq!(detect(b"plain ascii"), Encoding::Utf8);
    }

    #[test]
    fn a_character_cut_at_the_end_of_the_sample_is_not_an_error() {
        let text = "新闻".repeat(40);
        let utf8 = text.as_bytes();
        assert_eq!(detect(&utf8[..utf8.len() - 1]), Encoding::Utf8);
        let gb = gb18030(&text);
        assert_eq!(detect(&gb[..gb.len() - 1]), Encoding::Gb18030);
    }

    #[test]
    fn decode_flags_invalid_bytes() {
        assert!(matches!(
            decode(b"\xEF\xBB\xBF{}", Encoding::Utf8, false),
            Decoded::Text(t) if t == "{}"
        ));
        assert!(matches!(
            decode(b"a\xFFb", Encoding::Utf8, false),
            Decoded::Invalid(e) if e.kind == "invalid_utf8"
        ));
        assert!(matches!(
            decode(b"a\xFFb", Encoding::Utf8, true),
            Decoded::Lossy(t) if t == "a\u{FFFD}b"
        ));
        assert!(matches!(
            decode(&gb18030("新闻"), Encoding::Gb18030, false),
            Decoded::Text(t) if t == "新闻"
        ));
        assert!(matches!(
            decode(b"\x81\x20", Encoding::Gb18030, false),
            Decoded::Invalid(e) if e.kind == "invalid_encoding"
        ));
    }

    #[test]
    fn directories_expand_in_name_order_to_known_extensions() {
        let dir = std::env::temp_dir().join(format!("zhnews-input-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("b")).unwrap();
        for name in ["b/2.txt", "b/1.jsonl.gz", "a.jsonl", "c.txt.gz", "notes.md"] {
            fs::write(dir.join(name), "").unwrap();
        }
        let found: Vec<_> = Sources::new(std::slice::from_ref(&dir))
            .unwrap()
            .map(|s| {
                let s = s.unwrap();
                let name = s
                    .path
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (name, s.format, s.gzip)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("a.jsonl".to_string(), Format::Jsonl, false),
                ("b/1.jsonl.gz".to_string(), Format::Jsonl, true),
                ("b/2.txt".to_string(), Format::Article, false),
                ("c.txt.gz".to_string(), Format::Article, true),
            ]
        );
        assert!(Sources::total_bytes(std::slice::from_ref(&dir)).is_some());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_named_input_fails_up_front() {
        assert!(Sources::new(&[PathBuf::from("no/such/file.jsonl")]).is_err());
    }
}
