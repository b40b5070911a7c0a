//! Ranges (`20-30家`, `两三个`, `三元二角-三元四毛五分`) and lists that share
//! one unit (`3.8和3.1个百分点`).

use super::words::{self, Place, UnitKind};
use super::{Candidate, read};
use crate::numeral::token::Extras;
use crate::numeral::{Number, Numeral, numeral_at};

/// Separators between the two ends of a range.
const RANGE_SEPARATORS: [&str; 7] = ["-", "~", "～", "—", "－", "至", "到"];

/// Separators between two numbers that share the unit after the second (`3.8和3.1个百分点`).
const LIST_SEPARATORS: [&str; 5] = ["和", "、", "与", "及", "或"];

/// The upper end of a range whose unit comes after it: `20-30家` (after `20`), `两三个`.
pub(super) fn upper_bound(s: &str, at: usize, n: &Numeral) -> Option<(Number, usize)> {
    let rest = s.get(at..)?;
    let separator = RANGE_SEPARATORS
        .iter()
        .find(|sep| rest.starts_with(**sep))
        .map_or(0, |sep| sep.len());
    let upper = numeral_at(s, at + separator, Extras::NONE)?;
    if separator == 0 {
        // 两三个, 七八家: two single digits in a row, one apart.
        let one_apart =
            n.lone && upper.lone && n.value.checked_add(Number::ONE) == Some(upper.value);
        if !one_apart {
            return None;
        }
    }
    let unit_follows =
        words::unit_at(s, upper.end).is_some() || n.last_is_big() && upper.last_is_big();
    let increasing = upper.value.to_f64() > n.value.to_f64();
    (unit_follows && increasing && !upper.fraction).then_some((upper.value, upper.end))
}

/// The unit of the next number when `at` is a list separator: `3.8和3.1个百分点`.
pub(super) fn shared_unit(s: &str, mut at: usize) -> Option<(&'static str, UnitKind)> {
    // A list may run on: 0.9、1.1和1.3个百分点.
    for _ in 0..MAX_LIST {
        let rest = s.get(at..)?;
        let separator = LIST_SEPARATORS.iter().find(|sep| rest.starts_with(**sep))?;
        let next = numeral_at(s, at + separator.len(), Extras::NONE)?;
        let mut unit_at = next.end;
        if let Some((marker, _)) = words::marker_at(s, unit_at, Place::Inside) {
            unit_at += marker.len();
        }
        let Some((unit, kind)) = words::unit_at(s, unit_at) else {
            at = next.end;
            continue;
        };
        // Only units that carry a whole list: 个百分点, a measure, 倍.
        return matches!(
            kind,
            UnitKind::PercentagePoints | UnitKind::Measure | UnitKind::Multiple
        )
        .then_some((unit, kind));
    }
    None
}

/// The most numbers in a list that shares one unit.
const MAX_LIST: usize = 8;

/// `三元二角-三元四毛五分`, `20家到30家`: two full figures of one unit make a range.
pub(super) fn widen_to_range(s: &str, c: &mut Candidate, whole: bool) {
    let rest = s.get(c.range.end..).unwrap_or("");
    let Some(separator) = RANGE_SEPARATORS.iter().find(|sep| rest.starts_with(**sep)) else {
        return;
    };
    let at = c.range.end + separator.len();
    let Some(upper) = numeral_at(s, at, Extras::NONE) else {
        return;
    };
    let Some(upper) = read(s, &upper, whole) else {
        return;
    };
    let same = upper.kind == c.kind && upper.unit == c.unit && upper.currency == c.currency;
    if same && upper.range.start == at && upper.value.to_f64() > c.value.to_f64() {
        c.bounds = Some((c.value, upper.value));
        c.range.end = upper.range.end;
    }
}
