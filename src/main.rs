//! The `zhnews` command-line tool: arguments, JSONL in and out. No rules live here.

use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use zhnews::{Article, Extractor, Field, ReferenceDate, numeral};

/// Structured facts from Chinese news: organizations, people, dates, figures, sections, credits.
///
/// Exit status: 0 on success; 1 when `--strict` is given and some row was an
/// error row; 2 on a usage error or a fatal I/O error (an unreadable input
/// file, say). A closed output pipe (`| head`) ends the run quietly with 0.
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
    /// Without --jsonl: one article text file (`-` for stdin). With --jsonl: JSONL
    /// files of rows {"id"?, "text", "date"?}, or `-` for stdin (the default).
    inputs: Vec<PathBuf>,
    /// Read JSONL rows and write one compact JSON row per input row, in order.
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
    let mut out = output(args.output.as_deref())?;
    let errors = if args.jsonl {
        extract_jsonl(&extractor, &args.inputs, &mut out)?
    } else {
        extract_document(&extractor, &args.inputs, &mut out)?
    };
    out.flush()?;
    Ok(if args.strict && errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(BufWriter::new(
            fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

/// One article file in, one pretty JSON document out. Returns the number of error rows.
fn extract_document(
    extractor: &Extractor,
    inputs: &[PathBuf],
    out: &mut dyn Write,
) -> Result<usize> {
    let [path] = inputs else {
        anyhow::bail!("give one article file (or `-`), or use --jsonl for several inputs");
    };
    let bytes = read_all(path)?;
    let id = (path.as_os_str() != "-")
        .then(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .flatten();
    match String::from_utf8(bytes) {
        Ok(text) => {
            let mut article = Article::new(text);
            article.id = id;
            let extraction = extractor.extract(&article);
            serde_json::to_writer_pretty(&mut *out, &extraction)?;
            writeln!(out)?;
            Ok(0)
        }
        Err(e) => {
            let error = zhnews::Error::InvalidUtf8 {
                offset: e.utf8_error().valid_up_to(),
            };
            serde_json::to_writer_pretty(&mut *out, &zhnews::ErrorRow::new(id, &error))?;
            writeln!(out)?;
            Ok(1)
        }
    }
}

/// JSONL rows in, one compact row out per non-blank input line. Returns the number of error rows.
fn extract_jsonl(extractor: &Extractor, inputs: &[PathBuf], out: &mut dyn Write) -> Result<usize> {
    let stdin = [PathBuf::from("-")];
    let inputs = if inputs.is_empty() {
        &stdin[..]
    } else {
        inputs
    };
    let mut errors = 0;
    for path in inputs {
        let reader = open(path)?;
        for line in reader.split(b'\n') {
            let line = line.with_context(|| format!("cannot read {}", path.display()))?;
            let line = line.strip_suffix(b"\r").unwrap_or(&line);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let row = extractor.extract_json_bytes(line);
            if row.starts_with("{\"id\":") && row.contains(",\"error\":{") {
                errors += 1;
            }
            out.write_all(row.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    Ok(errors)
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
