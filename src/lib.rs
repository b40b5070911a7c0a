//! Structured facts from Chinese news and press releases.
//!
//! zhnews turns an article's text into JSON-ready records: the organizations,
//! the officials with their titles, the dates (normalized to TimeML values),
//! the figures, the numbered sections and the credit lines. It segments text
//! with jieba-rs and applies rule-based extractors built from generic lexicons.
//!
//! # Example
//!
//! ```
//! use zhnews::{Article, Extractor};
//!
//! let extractor = Extractor::new(); // build once, share across threads
//! let text = "亮点一:共建科教城\n双方将合作共建研究中心。\n(编辑:张三)";
//! let article = Article::new(text).with_date("2020-12-30".parse()?);
//! let out = extractor.extract(&article);
//! assert_eq!(out.sections[0].label, "亮点一");
//! assert_eq!(out.sections[0].title, "共建科教城");
//! println!("{}", serde_json::to_string_pretty(&out).unwrap());
//! # Ok::<(), zhnews::Error>(())
//! ```
//!
//! # Output
//!
//! An [`Extraction`] serializes (serde) to exactly the JSON of the project's
//! output contract, `OUTPUT.md`: `organizations`, `people`, `dates`,
//! `figures`, `sections` and `credits`, each a list, empty lists included.
//! [`Extractor::extract_json`] is the JSONL row contract of the command-line
//! tool: a row in, a row out, and an error row for a row that cannot be read.
//!
//! # Offsets
//!
//! Every [`Mention`] carries `start`/`end` in Unicode characters of the
//! original text (Python string indexes, end exclusive) and, for Rust callers,
//! `byte_start`/`byte_end` in UTF-8 bytes (not serialized). Rules work on a
//! normalized copy (half-width punctuation, LF line ends, decoded HTML
//! entities), but offsets and texts always refer to the text as given.
//!
//! # Features
//!
//! - `cli` (off): the `zhnews` binary, with clap, anyhow, flate2, encoding_rs
//!   and crossbeam-channel. A library user compiles only jieba-rs,
//!   regex, serde, serde_json and once_cell.

mod article;
mod claims;
mod error;
mod extract;
mod extraction;
mod extractor;
mod lexicon;
pub mod numeral;
mod segment;
#[cfg(test)]
mod testing;
mod text;

pub use article::{Article, ReferenceDate};
pub use error::Error;
pub use extraction::{
    Approx, Calendar, Credit, CreditRole, Date, DateKind, DateModifier, DateRange, ErrorInfo,
    ErrorRow, Extraction, Figure, FigureKind, FigureRange, Mention, Organization, OrganizationKind,
    Person, Section, Title,
};
pub use extractor::{Extractor, ExtractorBuilder, Field, Resolve};

/// The README's examples compile and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
