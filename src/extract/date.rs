//! Dates, times, durations, ranges and sets, normalized to TimeML values.
//!
//! Examples that prove these rules: fixtures/corpus/date.toml

use crate::claims::Claims;
use crate::text::Text;
use crate::{Date, ReferenceDate};

/// The reference date a dateline gives (`新华社北京3月5日电`, a leading `2020-12-30 10:05`).
pub(crate) fn dateline(_text: &Text<'_>) -> Option<ReferenceDate> {
    None
}

/// Every date expression not inside a claimed span, resolved against `reference`.
pub(crate) fn extract(
    _text: &Text<'_>,
    _reference: Option<ReferenceDate>,
    _claims: &Claims,
) -> Vec<Date> {
    Vec::new()
}
