//! The one error type: reading a row, a date or a lexicon can fail; extracting cannot.

use std::fmt;

/// Why an input row, a reference date or a lexicon could not be read.
///
/// Extraction itself never fails; these errors come from turning bytes into an
/// [`Article`](crate::Article) or from user lexicons. [`Error::kind`] gives the
/// stable `error.kind` string of the JSON error row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The row is not valid JSON, or not a JSON object.
    Json {
        /// What the JSON parser said.
        message: String,
    },
    /// The row has no `text` field.
    MissingText,
    /// A field has the wrong JSON type (`text` not a string, say).
    WrongType {
        /// The field's name.
        field: &'static str,
        /// The JSON type that was expected.
        expected: &'static str,
    },
    /// The `date` is not `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`, or no such day exists.
    BadDate {
        /// The date as given.
        value: String,
    },
    /// The input bytes are not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A lexicon line could not be read.
    Lexicon {
        /// The lexicon's name or path.
        source: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
}

impl Error {
    /// The stable, machine-readable kind used as `error.kind` in JSON error rows.
    ///
    /// # Examples
    ///
    /// ```
    /// let err = zhnews::Article::from_json(r#"{"id": "a"}"#).unwrap_err();
    /// assert_eq!(err.kind(), "missing_text");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Json { .. } => "invalid_json",
            Error::MissingText => "missing_text",
            Error::WrongType { .. } => "wrong_type",
            Error::BadDate { .. } => "bad_date",
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::Lexicon { .. } => "bad_lexicon",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json { message } => write!(f, "invalid JSON row: {message}"),
            Error::MissingText => f.write_str("row has no \"text\" field"),
            Error::WrongType { field, expected } => {
                write!(f, "field \"{field}\" must be {expected}")
            }
            Error::BadDate { value } => write!(
                f,
                "bad date {value:?}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]"
            ),
            Error::InvalidUtf8 { offset } => {
                write!(f, "invalid UTF-8 at byte {offset}")
            }
            Error::Lexicon {
                source,
                line,
                message,
            } => write!(f, "{source}:{line}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_distinct_snake_case() {
        let errors = [
            Error::Json {
                message: String::new(),
            },
            Error::MissingText,
            Error::WrongType {
                field: "text",
                expected: "a string",
            },
            Error::BadDate {
                value: String::new(),
            },
            Error::InvalidUtf8 { offset: 0 },
            Error::Lexicon {
                source: String::new(),
                line: 1,
                message: String::new(),
            },
        ];
        let mut kinds: Vec<_> = errors.iter().map(Error::kind).collect();
        assert!(kinds.iter().all(|k| {
            k.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        }));
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), errors.len());
    }

    #[test]
    fn display_names_the_bad_value() {
        let err = Error::BadDate {
            value: "2020-13-01".into(),
        };
        assert!(err.to_string().contains("2020-13-01"));
    }
}
