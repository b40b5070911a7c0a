//! The `zhnews` command-line tool: arguments, JSONL in and out. No rules live here.

use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use zhnews::{Article, Extractor, Field, ReferenceDate, numeral};

/// The batch machinery: input discovery and decoding, the parallel ordered
/// pipeline, progress. No extraction rules live here.
mod cli {
    pub(crate) mod input;
    pub(crate) mod pipeline;
    pub(crate) mod progress;
}

use cli::input::{Decoded, EncodingChoice, Sources, decode};
use cli::pipeline::Settings;
use cli::progress::{Counters, Meter};

/// Structured facts from Chinese news: organizations, people, dates, figures, sections, credits.
///
/// Exit status: 0 on success (and when stdin simply ends); 1 when `--strict`
/// is given and some row was an error row; 2 on a usage error or a fatal I/O
/// error (an unreadable input file, say). A closed output pipe (`| head`)
/// ends the run quietly with 0. Settings come from arguments only, never from
/// environment variables.
#[derive(Parser, Debug)]
#[command(name = "zhnews", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract from one article file (pretty JSON) or from JSONL rows (`--jsonl`).
    Extract(ExtractArgs),
    /// Parse numerals, one JSON object per input: {"input", "value"} or {"input", "error"}.
    Numeral(NumeralArgs),
}

#[derive(Args, Debug)]
struct ExtractArgs {
    /// Without --jsonl: one article text file (`-` for stdin). With --jsonl: any
    /// mix of JSONL files, `.txt` files (one article each, id = path), directories
    /// (recursively: *.jsonl, *.txt, and the same with .gz) and `-` for stdin
    /// (the default).
    inputs: Vec<PathBuf>,
    /// Write one compact JSON row per input row {"id"?, "text", "date"?}, in input order.
    ///
    /// Blank lines are not rows. A row that cannot be read becomes an error row
    /// {"id", "error": {"kind", "message"}} and the run goes on. The output is
    /// flushed whenever no input is waiting, so zhnews works as a pipe filter.
    #[arg(long)]
    jsonl: bool,
    /// Reference date (YYYY-MM-DD or YYYY-MM-DDTHH:MM) for articles without their own `date`.
    #[arg(long, value_parser = parse_date)]
    date: Option<ReferenceDate>,
    /// Only these fields, comma-separated (organizations,people,dates,figures,sections,credits).
    #[arg(long, value_delimiter = ',')]
    fields: Option<Vec<Field>>,
    /// Write output to this file instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Exit with status 1 if any row was an error row.
    #[arg(long)]
    strict: bool,
    /// Extraction threads [default: all cores].
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Input encoding; `auto` reads UTF-8 unless a file's start is clearly GB18030/GBK.
    #[arg(long, value_enum, default_value_t = EncodingChoice::Auto)]
    encoding: EncodingChoice,
    /// Decode invalid bytes as U+FFFD and flag the row ("lossy": true) instead of an error row.
    #[arg(long)]
    lossy: bool,
    /// No progress line, no notes and no summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args, Debug)]
struct NumeralArgs {
    /// Numerals to parse, each as a whole string (`三千五百`).
    texts: Vec<String>,
    /// Read JSONL rows with an `input` field from this file, or `-` for stdin.
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<ReferenceDate, String> {
    s.parse().map_err(|e: zhnews::Error| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Numeral(args) => numerals(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhnews: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let mut builder = Extractor::builder();
    if let Some(fields) = &args.fields {
        builder = builder.fields(fields.iter().copied());
    }
    if let Some(date) = args.date {
        builder = builder.fallback_date(date);
    }
    let extractor = builder.build()?;
    let errors = if args.jsonl {
        extract_jsonl(extractor, &args)?
    } else {
        let mut out = output(args.output.as_deref())?;
        let errors = extract_document(&extractor, &args, &mut out)?;
        out.flush()?;
        errors
    };
    Ok(if args.strict && errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    const CAPACITY: usize = 128 * 1024;
    Ok(match path {
        Some(path) if path.as_os_str() != "-" => Box::new(BufWriter::with_capacity(
            CAPACITY,
            fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        _ => Box::new(BufWriter::with_capacity(CAPACITY, io::stdout().lock())),
    })
}

/// One article file in, one pretty JSON document out. Returns the number of error rows.
fn extract_document(extractor: &Extractor, args: &ExtractArgs, out: &mut dyn Write) -> Result<u64> {
    let [path] = &args.inputs[..] else {
        anyhow::bail!("give one article file (or `-`), or use --jsonl for several inputs");
    };
    anyhow::ensure!(
        !path.is_dir(),
        "{} is a directory: use --jsonl to read the files in it",
        path.display()
    );
    let bytes = read_all(path)?;
    let id = (path.as_os_str() != "-")
        .then(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .flatten();
    let encoding = args.encoding.choose(&bytes);
    match decode(&bytes, encoding, args.lossy) {
        Decoded::Text(text) => write_document(extractor, text.into_owned(), id, out),
        Decoded::Lossy(text) => write_document(extractor, text, id, out),
        Decoded::Invalid(error) => {
            serde_json::to_writer_pretty(&mut *out, &zhnews::ErrorRow { id, error })?;
            writeln!(out)?;
            Ok(1)
        }
    }
}

fn write_document(
    extractor: &Extractor,
    text: String,
    id: Option<String>,
    out: &mut dyn Write,
) -> Result<u64> {
    let mut article = Article::new(text);
    article.id = id;
    serde_json::to_writer_pretty(&mut *out, &extractor.extract(&article))?;
    writeln!(out)?;
    Ok(0)
}

/// Rows in, one compact row out per row, in order, on all threads. Returns the number of error rows.
fn extract_jsonl(extractor: Extractor, args: &ExtractArgs) -> Result<u64> {
    let started = Instant::now();
    let sources = Sources::new(&args.inputs)?;
    let mut out = output(args.output.as_deref())?;
    let counters = Arc::new(Counters::default());
    let meter = cli::progress::wanted(args.quiet)
        .then(|| Meter::start(Arc::clone(&counters), args.inputs.clone(), started));
    let jobs = match args.jobs {
        Some(jobs) => usize::from(jobs),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let settings = Settings {
        jobs,
        encoding: args.encoding,
        lossy: args.lossy,
        notes: !args.quiet,
    };
    let result = cli::pipeline::run(
        Arc::new(extractor),
        sources,
        settings,
        Arc::clone(&counters),
        &mut out,
    );
    if let Some(meter) = meter {
        meter.finish();
    }
    result?;
    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!("{}", cli::progress::summary(&counters, seconds));
    }
    Ok(counters.errors.load(std::sync::atomic::Ordering::Relaxed))
}

fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::new(io::stdin())));
    }
    let file = fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(Box::new(BufReader::new(file)))
}

fn read_all(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open(path)?
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(bytes)
}

fn numerals(args: NumeralArgs) -> Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut write = |input: &str| -> Result<()> {
        let row = match numeral::parse(input) {
            Ok(value) => serde_json::json!({ "input": input, "value": value }),
            Err(e) => serde_json::json!({ "input": input, "error": e.to_string() }),
        };
        serde_json::to_writer(&mut out, &row)?;
        out.write_all(b"\n")?;
        Ok(())
    };
    for text in &args.texts {
        write(text)?;
    }
    if let Some(path) = &args.jsonl {
        for line in open(path)?.lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let row: serde_json::Value =
                serde_json::from_str(&line).with_context(|| format!("bad JSONL row: {line}"))?;
            let input = row
                .get("input")
                .and_then(|v| v.as_str())
                .with_context(|| format!("row has no string \"input\": {line}"))?;
            write(input)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
