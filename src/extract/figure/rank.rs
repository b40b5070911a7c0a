//! Ranks and ordinals: `第二名`, `第十位`, `世界第一`, `排名第3`.
//!
//! An ordinal is a figure when it ranks something: with 名 or 位 after it, or
//! after a scope (`全球第一`) or a ranking verb (`位居第一`). Edition and
//! meeting numbers (`第50届`, `第十一次`), list items (`第一，`) and names
//! (`第一产业`) are not.

use super::Candidate;
use super::words::{self, UnitKind};
use crate::FigureKind;
use crate::numeral::Numeral;

/// Classifiers that make `第N` a rank.
const RANK_UNITS: [char; 2] = ['名', '位'];

/// Scopes and verbs that make a bare `第N` a rank, longest first where one contains another.
const RANK_LEADS: [&str; 22] = [
    "全世界",
    "世界",
    "全球",
    "全国",
    "全省",
    "全市",
    "全区",
    "全县",
    "亚洲",
    "国内",
    "国际",
    "同类",
    "排名",
    "排在",
    "位居",
    "位列",
    "名列",
    "跃居",
    "稳居",
    "升至",
    "居",
    "列",
];

/// The rank written with the numeral `n`, which follows 第 (at byte `di`).
pub(super) fn ordinal(s: &str, n: &Numeral, di: usize) -> Option<Candidate> {
    if !n.value.is_integer() || n.value.is_negative() || n.value.is_zero() || n.fraction {
        return None;
    }
    let next = s.get(n.end..).and_then(|r| r.chars().next());
    if let Some(c) = next.filter(|c| RANK_UNITS.contains(c)) {
        let end = n.end + c.len_utf8();
        return Some(Candidate::new(di..end, FigureKind::Ordinal, n.value).with_unit(Some(c)));
    }
    // 第一次, 第50届, 第一种: anything counted after it makes it an item number, not a rank.
    if words::unit_at(s, n.end).is_some_and(|(_, kind)| kind != UnitKind::Percent)
        || next.is_some_and(|c| c == '产' || c == '大' || c == '批' || c == '轮')
    {
        return None;
    }
    let before = s.get(..di)?;
    let lead = RANK_LEADS.iter().find(|lead| before.ends_with(**lead))?;
    let start = di - lead.len();
    let scope = !matches!(
        *lead,
        "排名" | "排在" | "位居" | "位列" | "名列" | "跃居" | "稳居" | "升至" | "居" | "列"
    );
    // 世界第一 keeps its scope in the text; 位居第一 its verb.
    let start = if scope || lead.chars().count() > 1 {
        start
    } else {
        di
    };
    Some(Candidate::new(start..n.end, FigureKind::Ordinal, n.value))
}
