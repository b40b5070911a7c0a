//! The input: an article's text with its optional id and reference date.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

use crate::Error;

/// One article to extract from: its text, an optional id, and an optional reference date.
///
/// The reference date is the publication date against which relative
/// expressions (今年, 当天, 上月) are resolved. Without it the extractor looks
/// for a dateline in the text.
///
/// # Examples
///
/// ```
/// use zhnews::Article;
///
/// let article = Article::new("12月29日,签约仪式举行。")
///     .with_id("a1")
///     .with_date("2020-12-30".parse().unwrap());
/// assert_eq!(article.date.unwrap().to_string(), "2020-12-30");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// The caller's id, copied to the output unchanged.
    pub id: Option<String>,
    /// The article as found: any string, full- or half-width, CRLF or LF.
    pub text: String,
    /// The publication date, the reference for relative dates.
    pub date: Option<ReferenceDate>,
}

impl Article {
    /// An article with text only: no id, no reference date.
    pub fn new(text: impl Into<String>) -> Self {
        Article {
            id: None,
            text: text.into(),
            date: None,
        }
    }

    /// Sets the id copied to the output.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the reference date.
    pub fn with_date(mut self, date: ReferenceDate) -> Self {
        self.date = Some(date);
        self
    }

    /// Reads one JSONL row `{"id"?, "text", "date"?}`; other fields are ignored.
    ///
    /// A numeric `id` is kept as its decimal string. An empty or `null` `date`
    /// counts as absent.
    ///
    /// # Errors
    ///
    /// [`Error::Json`] for invalid JSON or a non-object, [`Error::MissingText`],
    /// [`Error::WrongType`] when `text`, `id` or `date` has the wrong type, and
    /// [`Error::BadDate`] for a malformed date.
    ///
    /// # Examples
    ///
    /// ```
    /// let article = zhnews::Article::from_json(r#"{"id": 7, "text": "今天", "date": "2020-12-30"}"#)?;
    /// assert_eq!(article.id.as_deref(), Some("7"));
    /// # Ok::<(), zhnews::Error>(())
    /// ```
    pub fn from_json(line: &str) -> Result<Self, Error> {
        let row: Value = serde_json::from_str(line).map_err(|e| Error::Json {
            message: e.to_string(),
        })?;
        Self::from_value(&row)
    }

    /// Reads an already parsed JSON row; see [`Article::from_json`].
    ///
    /// # Errors
    ///
    /// As [`Article::from_json`], except for JSON syntax.
    pub fn from_value(row: &Value) -> Result<Self, Error> {
        let Value::Object(fields) = row else {
            return Err(Error::Json {
                message: "a row must be a JSON object".into(),
            });
        };
        let id = row_id(row);
        if fields
            .get("id")
            .is_some_and(|v| id.is_none() && !v.is_null())
        {
            return Err(Error::WrongType {
                field: "id",
                expected: "a string or a number",
            });
        }
        let text = match fields.get("text") {
            None | Some(Value::Null) => return Err(Error::MissingText),
            Some(Value::String(text)) => text.clone(),
            Some(_) => {
                return Err(Error::WrongType {
                    field: "text",
                    expected: "a string",
                });
            }
        };
        let date = match fields.get("date") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(s.parse()?),
            Some(_) => {
                return Err(Error::WrongType {
                    field: "date",
                    expected: "a string",
                });
            }
        };
        Ok(Article { id, text, date })
    }
}

/// The `id` of a JSON row as a string, when it is a string or a number.
///
/// Error rows carry the id of the row they replace, so it is read even when
/// the rest of the row is bad.
pub(crate) fn row_id(row: &Value) -> Option<String> {
    match row.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A calendar date with an optional time of day: the reference for relative dates.
///
/// Parsed from `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` (a space may stand for
/// `T`; a trailing zone such as `Z` or `-02:00` is accepted and ignored: all
/// values are local to the article). Displays in the same form, with seconds
/// only when they are not zero.
///
/// # Examples
///
/// ```
/// use zhnews::ReferenceDate;
///
/// let date: ReferenceDate = "2013-02-12T04:30:00".parse()?;
/// assert_eq!((date.year, date.month, date.day), (2013, 2, 12));
/// assert_eq!(date.time, Some((4, 30, 0)));
/// assert_eq!(date.to_string(), "2013-02-12T04:30");
/// assert!("2021-02-29".parse::<ReferenceDate>().is_err());
/// # Ok::<(), zhnews::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReferenceDate {
    /// Year, 1..=9999.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of the month, valid for the month.
    pub day: u32,
    /// Hour, minute, second, when the reference has a time of day.
    pub time: Option<(u32, u32, u32)>,
}

impl ReferenceDate {
    /// A date without a time of day, or `None` if no such day exists.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(zhnews::ReferenceDate::new(2020, 2, 29).is_some());
    /// assert!(zhnews::ReferenceDate::new(2021, 2, 29).is_none());
    /// ```
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(ReferenceDate {
            year,
            month,
            day,
            time: None,
        })
    }

    /// The same date at a time of day, or `None` if the time is out of range.
    pub fn at(self, hour: u32, minute: u32, second: u32) -> Option<Self> {
        (hour < 24 && minute < 60 && second < 60).then_some(ReferenceDate {
            time: Some((hour, minute, second)),
            ..self
        })
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl FromStr for ReferenceDate {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || Error::BadDate {
            value: s.to_string(),
        };
        let trimmed = s.trim();
        let (date_part, time_part) = match trimmed.find(['T', ' ']) {
            Some(i) => (&trimmed[..i], Some(trimmed[i + 1..].trim())),
            None => (trimmed, None),
        };
        let mut parts = date_part.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let year = number(y, 4, 4).ok_or_else(bad)?;
        let month = number(m, 1, 2).ok_or_else(bad)?;
        let day = number(d, 1, 2).ok_or_else(bad)?;
        let date = ReferenceDate::new(year as i32, month, day).ok_or_else(bad)?;
        let Some(time) = time_part else {
            return Ok(date);
        };
        // Drop a zone suffix: `Z`, `+08:00`, `-02:00`.
        let time = time.trim_end_matches('Z');
        let time = match time.find(['+', '-']) {
            Some(i) => &time[..i],
            None => time,
        };
        let mut fields = time.split(':');
        let hour = fields
            .next()
            .and_then(|h| number(h, 1, 2))
            .ok_or_else(bad)?;
        let minute = fields
            .next()
            .and_then(|m| number(m, 2, 2))
            .ok_or_else(bad)?;
        let second = match fields.next() {
            None => 0,
            // Fractions of a second are dropped.
            Some(sec) => number(sec.split('.').next().unwrap_or(""), 2, 2).ok_or_else(bad)?,
        };
        if fields.next().is_some() {
            return Err(bad());
        }
        date.at(hour, minute, second).ok_or_else(bad)
    }
}

/// Parses `s` as an unsigned decimal of `min..=max` ASCII digits.
fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl fmt::Display for ReferenceDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        match self.time {
            Some((h, m, 0)) => write!(f, "T{h:02}:{m:02}"),
            Some((h, m, s)) => write!(f, "T{h:02}:{m:02}:{s:02}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_date_and_date_time_forms() {
        let d: ReferenceDate = "2020-12-30".parse().unwrap();
        assert_eq!(d, ReferenceDate::new(2020, 12, 30).unwrap());
        let t: ReferenceDate = "2020-12-30 10:05".parse().unwrap();
        assert_eq!(t.time, Some((10, 5, 0)));
        let z: ReferenceDate = "2013-02-12T04:30:00-02:00".parse().unwrap();
        assert_eq!(z.to_string(), "2013-02-12T04:30");
        let s: ReferenceDate = "2013-02-12T04:30:15.5Z".parse().unwrap();
        assert_eq!(s.to_string(), "2013-02-12T04:30:15");
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "",
            "2020",
            "2020-13-01",
            "2020-00-10",
            "2020-02-30",
            "20-12-30",
            "2020-12-30T25:00",
            "2020-12-30T10",
            "2020-12-30-01",
            "二〇二〇-12-30",
            "2020-1٣-01",
        ] {
            let err = bad.parse::<ReferenceDate>().unwrap_err();
            assert_eq!(err.kind(), "bad_date", "{bad}");
        }
    }

    #[test]
    fn row_errors_keep_their_kind() {
        let cases = [
            ("not json", "invalid_json"),
            ("[1,2]", "invalid_json"),
            (r#"{"id":"x"}"#, "missing_text"),
            (r#"{"text":5}"#, "wrong_type"),
            (r#"{"text":"a","date":"tomorrow"}"#, "bad_date"),
            (r#"{"text":"a","date":20201230}"#, "wrong_type"),
            (r#"{"text":"a","id":[1]}"#, "wrong_type"),
        ];
        for (row, kind) in cases {
            assert_eq!(Article::from_json(row).unwrap_err().kind(), kind, "{row}");
        }
    }

    #[test]
    fn row_ignores_other_fields_and_empty_date() {
        let a = Article::from_json(r#"{"id":"x","text":"正文","date":"","source":"s"}"#).unwrap();
        assert_eq!(a, Article::new("正文").with_id("x"));
    }
}
