//! Figures: counts, money, percentages, measures and ranks.
//!
//! The numeral scanner finds every number in the text (`400`, `1.2万`,
//! `两千三百万`, `百分之十二` without its 百分之); the rules here read what
//! stands around it: the unit after it (`名`, `亿元`, `%`, `个百分点`,
//! `平方米`; `src/data/figure_units.txt`), approximation markers before, inside
//! and after (`超过`, `多`, `以上`; `src/data/figure_approx.txt`), a second
//! number that makes a range (`20-30家`, `两三个`), and `第` for ranks. A
//! number with no unit is not a figure unless it carries 万 or 亿 (`在校生2.8亿`).
//!
//! Not figures: numbers with a time unit (`3年`, `5个月`, `12日`: dates and
//! durations), numbers glued to Latin letters (`5G`, `C919`), numbers in
//! numbered terms (`八项规定`, `src/data/figure_terms.txt`) or inside short
//! quoted names (`“四种形态”`), the indefinite `一` with a classifier (`一批`),
//! and anything inside a span an earlier stage claimed (dates, section labels).
//!
//! Examples that prove these rules: fixtures/corpus/figure.toml

mod money;
mod rank;
mod words;

use std::ops::Range;

use crate::claims::Claims;
use crate::numeral::token::{Extras, Token};
use crate::numeral::{Number, Numeral, Scanner, is_in_word, numeral_at};
use crate::text::Text;
use crate::{Approx, Figure, FigureKind, FigureRange};

use words::{Place, UnitKind};

/// Every figure not inside a claimed span (dates, section markers, credits).
pub(crate) fn extract(text: &Text<'_>, claims: &Claims) -> Vec<Figure> {
    let s = text.as_str();
    let mut figures: Vec<Figure> = Vec::new();
    let mut last_end = 0;
    let mut scanner = Scanner::new(s, Extras::NONE);
    while let Some(numeral) = scanner.next_numeral() {
        let Some(candidate) = read(s, &numeral, false) else {
            continue;
        };
        if claims.overlaps(&candidate.range) || candidate.range.start < last_end {
            continue;
        }
        if candidate.range.end > numeral.end {
            scanner.seek(candidate.range.end);
        }
        last_end = candidate.range.end;
        let mention = text.mention(candidate.range.clone());
        figures.push(candidate.into_figure(mention));
    }
    figures
}

impl Figure {
    /// Reads a whole string as one figure: `3.5亿元`, `超过170个`, `第二名`, `两毛五`.
    ///
    /// The rules are those of extraction, without the context that running
    /// text gives: minor units of money stand alone here (`五分` is five
    /// fen, `一块二` is 1.2 yuan), where in an article `五分` would be a time
    /// or a score. The mention's offsets are into `text`.
    ///
    /// # Examples
    ///
    /// ```
    /// use zhnews::{Approx, Figure, FigureKind};
    ///
    /// let f = Figure::parse("超过170个").unwrap();
    /// assert_eq!((f.kind, f.value.to_i64(), f.approx), (FigureKind::Count, Some(170), Some(Approx::MoreThan)));
    /// let f = Figure::parse("3.5亿元").unwrap();
    /// assert_eq!((f.value.to_i64(), f.currency.as_deref()), (Some(350_000_000), Some("CNY")));
    /// assert!(Figure::parse("5G").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Figure> {
        let normalized = Text::new(text);
        let s = normalized.as_str().trim_end();
        let s = s.trim_start();
        let offset = normalized.as_str().len() - normalized.as_str().trim_start().len();
        let mut scanner = Scanner::new(s, Extras::NONE);
        while let Some(numeral) = scanner.next_numeral() {
            let candidate = read(s, &numeral, true);
            if let Some(c) = candidate.filter(|c| c.range == (0..s.len())) {
                let mention = normalized.mention(c.range.start + offset..c.range.end + offset);
                return Some(c.into_figure(mention));
            }
            if numeral.start > s.len() / 2 {
                break;
            }
        }
        None
    }
}

/// A figure in the normalized text, before it becomes a [`Figure`].
#[derive(Debug, Clone)]
struct Candidate {
    range: Range<usize>,
    kind: FigureKind,
    value: Number,
    unit: Option<String>,
    /// The unit as listed and what it made of the number, for a number that shares it.
    listed: Option<(&'static str, UnitKind)>,
    approx: Option<Approx>,
    currency: Option<&'static str>,
    bounds: Option<(Number, Number)>,
}

impl Candidate {
    fn new(range: Range<usize>, kind: FigureKind, value: Number) -> Self {
        Candidate {
            range,
            kind,
            value,
            unit: None,
            listed: None,
            approx: None,
            currency: None,
            bounds: None,
        }
    }

    fn with_unit(mut self, unit: Option<impl Into<String>>) -> Self {
        self.unit = unit.map(Into::into);
        self
    }

    fn into_figure(self, mention: crate::Mention) -> Figure {
        Figure {
            mention,
            kind: self.kind,
            value: self.value,
            unit: self.unit,
            approx: self.approx,
            currency: self.currency.map(str::to_string),
            range: self.bounds.map(|(min, max)| FigureRange { min, max }),
            of: None,
        }
    }
}

/// Separators between the two ends of a range.
const RANGE_SEPARATORS: [&str; 7] = ["-", "~", "～", "—", "－", "至", "到"];

/// Separators between two numbers that share the unit after the second (`3.8和3.1个百分点`).
const LIST_SEPARATORS: [&str; 5] = ["和", "、", "与", "及", "或"];

/// The figure built on numeral `n`, if the text around it makes one; `whole`
/// when `s` is a string read as one figure.
fn read(s: &str, n: &Numeral, whole: bool) -> Option<Candidate> {
    let refitted = refit(s, n);
    let n = refitted.as_ref().unwrap_or(n);
    let before = s.get(..n.start)?;
    let previous = before.chars().next_back();
    if previous.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '·' | '/')) {
        return None;
    }
    // 几十家, 数百人: vague amounts are not asserted figures.
    if previous.is_some_and(|c| matches!(c, '几' | '幾' | '数' | '數')) {
        return None;
    }
    // 四处, 两位数: a numeral character inside a word.
    if n.lone && n.chinese && is_in_word(s, n.start, n.end) {
        return None;
    }
    if previous == Some('第') {
        return rank::ordinal(s, n, n.start - '第'.len_utf8());
    }
    if words::term_at(s, n.start) {
        return None;
    }
    let mut c = Candidate::new(n.start..n.end, FigureKind::Number, n.value);
    if n.fraction {
        if s.get(n.start..n.end)?.contains(['/', '／']) {
            return None;
        }
        c.kind = FigureKind::Fraction;
        approx_before(s, &mut c);
        return Some(c);
    }
    if n.approx {
        c.approx = Some(Approx::MoreThan);
    }
    // 百分之十二, 千分之五.
    let percent_word = if before.ends_with("百分之") {
        c.range.start -= "百分之".len();
        Some(None)
    } else if before.ends_with("千分之") {
        c.range.start -= "千分之".len();
        Some(Some("‰"))
    } else {
        None
    };
    let mut at = n.end;
    // 400多名: 多, 余, 几 between the number and its unit.
    if let Some((marker, approx)) = words::marker_at(s, at, Place::Inside) {
        let unit_follows =
            words::unit_at(s, at + marker.len()).is_some_and(|(_, kind)| kind != UnitKind::Time);
        if unit_follows || (n.last_is_big() && !whole) {
            c.approx = Some(approx);
            at += marker.len();
        }
    }
    // 20-30家, 两三个: a second number before the unit.
    if c.approx.is_none() {
        if let Some((upper, end)) = upper_bound(s, at, n) {
            c.bounds = Some((n.value, upper));
            at = end;
        }
    }
    if c.bounds.is_none() {
        if let Some(bounds) = digit_pair(s, n) {
            c.value = bounds.0;
            c.bounds = Some(bounds);
        }
    }
    match words::unit_at(s, at) {
        Some((_, UnitKind::Time)) => {
            if whole {
                // 五分, 二十五分: money, when the string is one amount.
                let (amount, end) = money::minor_only(s, at, c.value)?;
                c.kind = FigureKind::Money;
                c.value = amount;
                c.unit = Some("元".to_string());
                c.currency = Some("CNY");
                at = end;
            } else {
                return None;
            }
        }
        Some((unit, kind)) => {
            if !apply_unit(s, &mut c, unit, kind, at)
                || !unit_ends_figure(s, n, unit, at + unit.len())
            {
                return None;
            }
            at += unit.len();
            // 3米多, 1万元多: 多 after a measure.
            if matches!(kind, UnitKind::Measure | UnitKind::Money(_)) && c.approx.is_none() {
                if let Some((marker, approx)) = words::marker_at(s, at, Place::Inside) {
                    if !next_is_han_word(s, at + marker.len()) {
                        c.approx = Some(approx);
                        at += marker.len();
                    }
                }
            }
            if let UnitKind::Money(_) = kind {
                at = money_tail(s, &mut c, unit, at, whole);
            }
        }
        None => {
            let main = main_money_unit(s, at, whole, before);
            if let Some((unit_len, currency, prefix)) = main {
                // 七块, 七蚊, 港币三个: the main unit of money in colloquial writing.
                c.range.start -= prefix;
                c.kind = FigureKind::Money;
                c.unit = Some("元".to_string());
                c.currency = Some(currency);
                at += unit_len;
                if let Some((minor, end)) = money::minor_after_main(s, at, true) {
                    c.value = c.value.checked_add(minor)?;
                    at = end;
                } else if let Some(rest) = s.get(at..).and_then(|r| r.strip_prefix('半')) {
                    c.value = c.value.checked_add(Number::ratio(1, 2)?)?;
                    at = s.len() - rest.len();
                }
            } else if whole
                && s.get(at..)
                    .and_then(|r| r.chars().next())
                    .and_then(money::minor_unit)
                    .is_some()
            {
                let (amount, end) = money::minor_only(s, at, c.value)?;
                c.kind = FigureKind::Money;
                c.value = amount;
                c.unit = Some("元".to_string());
                c.currency = Some("CNY");
                at = end;
            } else if let Some(unit) = percent_word {
                c.kind = FigureKind::Percent;
                c.unit = unit.map(str::to_string);
            } else if let Some((word, code)) = words::currency_before(s, c.range.start) {
                c.kind = FigureKind::Money;
                c.range.start -= word.len();
                c.currency = Some(code);
                c.unit = Some(if code == "CNY" { "元" } else { word }.to_string());
            } else if n.last_is_big() {
                // 在校生2.8亿, 超65亿: a count without a classifier.
                c.kind = FigureKind::Count;
            } else if let Some(shared) = shared_unit(s, at) {
                // 3.8和3.1个百分点: the first number takes the second's unit, not its text.
                let (unit, kind) = shared;
                if !apply_unit(s, &mut c, unit, kind, at) {
                    return None;
                }
                c.unit = c
                    .unit
                    .filter(|_| c.kind != FigureKind::Percent || unit != "%");
            } else {
                return None;
            }
        }
    }
    if percent_word.is_some() && c.kind != FigureKind::Percent {
        return None;
    }
    c.range.end = at;
    // 9成以上, 6%左右.
    if let Some((marker, approx)) = words::marker_at(s, at, Place::After) {
        c.approx.get_or_insert(approx);
        c.range.end += marker.len();
    }
    approx_before(s, &mut c);
    // 零下40℃: below zero.
    if let Some(head) = s.get(..c.range.start).and_then(|b| b.strip_suffix("零下")) {
        c.range.start = head.len();
        c.value = c.value.negate();
        c.bounds = c.bounds.map(|(a, b)| (b.negate(), a.negate()));
    }
    // 五元六角-五元七毛八分: both ends written in full.
    if c.bounds.is_none() {
        widen_to_range(s, &mut c, whole);
    }
    if c.kind == FigureKind::Count
        && n.lone
        && n.chinese
        && (c.value == Number::ONE || c.value.is_zero())
    {
        // 一批, 一张网: the indefinite article, not a count.
        return None;
    }
    if in_short_quote(s, &c.range) {
        return None;
    }
    Some(c)
}

/// Whether the text after a unit (from byte `at`) lets the number be a figure.
fn unit_ends_figure(s: &str, n: &Numeral, unit: &str, at: usize) -> bool {
    let rest = s.get(at..).unwrap_or("");
    let next = rest.chars().next();
    // 两千吨级, 万吨级: a class of ship or plant, not an amount.
    if next == Some('级') {
        return false;
    }
    // 三个半月, 两个多小时: a duration.
    if unit == "个" {
        let after = rest
            .strip_prefix(['多', '余', '半'])
            .map_or(at, |r| s.len() - r.len());
        if after != at && words::unit_at(s, after).is_some_and(|(_, k)| k == UnitKind::Time) {
            return false;
        }
    }
    // 五台县, 三河市, 九龙山: a place named with a number.
    if n.chinese && next.is_some_and(|c| "县市区镇乡村山路街州湖江河岛寺庙峰岭港湾省桥".contains(c))
    {
        return false;
    }
    true
}

/// Whether a Han character follows at `at` that would make `多` part of a word (`多边`).
fn next_is_han_word(s: &str, at: usize) -> bool {
    s.get(at..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| "边元样种项少年次数个".contains(c))
}

/// `900万千瓦`, `12千米`, `5兆瓦`: when a unit starts inside the numeral's last
/// token, the numeral ends before it. Only after Arabic digits or 万/亿: `三千米`
/// is read as 3000 metres.
fn refit(s: &str, n: &Numeral) -> Option<Numeral> {
    let (Token::Small { .. } | Token::Big { .. }) = n.last else {
        return None;
    };
    let (unit, kind) = words::unit_at(s, n.last_start)?;
    let last_len = n.end - n.last_start;
    if kind == UnitKind::Time || unit.len() <= last_len {
        return None;
    }
    let head = s.get(n.start..n.last_start)?;
    if !head.ends_with(|c: char| c.is_ascii_digit() || matches!(c, '万' | '亿' | '萬' | '億')) {
        return None;
    }
    let numeral = numeral_at(s.get(..n.last_start)?, n.start, Extras::NONE)?;
    (numeral.end == n.last_start).then_some(numeral)
}

/// Sets the kind, value, unit and currency that `unit` (at byte `at`) gives.
/// `false` when the unit word is really the start of another word (`成为`).
fn apply_unit(s: &str, c: &mut Candidate, unit: &'static str, kind: UnitKind, at: usize) -> bool {
    let next = s
        .get(at + unit.len()..)
        .and_then(|r| r.chars().next())
        .unwrap_or(' ');
    c.listed = Some((unit, kind));
    c.unit = Some(unit.to_string());
    match kind {
        UnitKind::Count => c.kind = FigureKind::Count,
        UnitKind::Measure => c.kind = FigureKind::Measure,
        UnitKind::Multiple => c.kind = FigureKind::Multiple,
        UnitKind::PercentagePoints => c.kind = FigureKind::PercentagePoints,
        UnitKind::Money(code) => {
            c.kind = FigureKind::Money;
            c.currency = Some(code);
            if code == "CNY" {
                c.unit = Some("元".to_string());
            }
        }
        UnitKind::Percent => {
            c.kind = FigureKind::Percent;
            match unit {
                "%" => c.unit = None,
                "成" => {
                    // 成为, 成立, 成本: a verb or a noun, not tenths.
                    if "为立员本果就交长功熟效绩都型分".contains(next) {
                        return false;
                    }
                    c.value = tenfold(c.value);
                    c.bounds = c.bounds.map(|(a, b)| (tenfold(a), tenfold(b)));
                }
                "折" => {
                    if "合算射旧叠腾返扣线".contains(next) {
                        return false;
                    }
                    // 八折 is 80%, 8.5折 85%, 七五折 and 75折 75%.
                    if c.value.to_f64() < 10.0 {
                        c.value = tenfold(c.value);
                    }
                }
                _ => {}
            }
        }
        UnitKind::Time => return false,
    }
    true
}

fn tenfold(value: Number) -> Number {
    value.checked_mul(Number::from(10)).unwrap_or(value)
}

/// After a money unit at `at`: `元人民币`, and minor units after 元 (`3元5角`).
fn money_tail(s: &str, c: &mut Candidate, unit: &str, mut at: usize, whole: bool) -> usize {
    let rest = s.get(at..).unwrap_or("");
    if matches!(unit, "元" | "圆") {
        for word in ["人民币", "人民幣"] {
            if rest.starts_with(word) {
                return at + word.len();
            }
        }
        if let Some((minor, end)) = money::minor_after_main(s, at, whole) {
            if let Some(value) = c.value.checked_add(minor) {
                c.value = value;
                at = end;
            }
        }
    }
    at
}

/// A colloquial main unit of money at `at`: 块 and 蚊 when the string is one
/// amount, 个 after a currency written before the number. Its length, its
/// currency, and the length of that currency's name before the number.
fn main_money_unit(
    s: &str,
    at: usize,
    whole: bool,
    before: &str,
) -> Option<(usize, &'static str, usize)> {
    let c = s.get(at..)?.chars().next()?;
    match c {
        '块' | '塊' if whole => Some((c.len_utf8(), "CNY", 0)),
        '蚊' if whole => Some((c.len_utf8(), "HKD", 0)),
        '个' | '個' => {
            if let Some((word, code)) = words::currency_before(before, before.len()) {
                return Some((c.len_utf8(), code, word.len()));
            }
            // 五個半, 三個二: Cantonese dollars, when the string is one amount.
            let next = s.get(at + c.len_utf8()..)?.chars().next()?;
            let cantonese =
                whole && c == '個' && (next == '半' || "一二三四五六七八九".contains(next));
            cantonese.then_some((c.len_utf8(), "HKD", 0))
        }
        _ => None,
    }
}

/// The approximation marker right before the figure (`超过`, `约`), taken into it.
fn approx_before(s: &str, c: &mut Candidate) {
    let Some((marker, approx)) = words::marker_before(s, c.range.start) else {
        return;
    };
    let marker_start = c.range.start - marker.len();
    let previous = s.get(..marker_start).and_then(|b| b.chars().next_back());
    // 最近, 附近, 临近: 近 is part of another word.
    if marker == "近" && previous.is_some_and(|p| "最附临靠亲邻将接贴".contains(p)) {
        return;
    }
    c.approx.get_or_insert(approx);
    c.range.start = marker_start;
}

/// The upper end of a range whose unit comes after it: `20-30家` (after `20`), `两三个`.
fn upper_bound(s: &str, at: usize, n: &Numeral) -> Option<(Number, usize)> {
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

/// 三四个, 五六家: two Chinese digits read digit by digit are a range of two numbers.
fn digit_pair(s: &str, n: &Numeral) -> Option<(Number, Number)> {
    let text = s.get(n.start..n.end)?;
    let mut chars = text.chars();
    let (a, b) = (chars.next()?, chars.next()?);
    if chars.next().is_some() || !n.chinese {
        return None;
    }
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as i64 + 1)
    };
    let (a, b) = (digit(a)?, digit(b)?);
    (a < b).then(|| (Number::from(a), Number::from(b)))
}

/// The unit of the next number when `at` is a list separator: `3.8和3.1个百分点`.
fn shared_unit(s: &str, at: usize) -> Option<(&'static str, UnitKind)> {
    let rest = s.get(at..)?;
    let separator = LIST_SEPARATORS.iter().find(|sep| rest.starts_with(**sep))?;
    let next = numeral_at(s, at + separator.len(), Extras::NONE)?;
    let mut unit_at = next.end;
    if let Some((marker, _)) = words::marker_at(s, unit_at, Place::Inside) {
        unit_at += marker.len();
    }
    let (unit, kind) = words::unit_at(s, unit_at)?;
    // Only units that carry a whole list: a percentage sign, 个百分点, a measure.
    matches!(
        kind,
        UnitKind::PercentagePoints | UnitKind::Measure | UnitKind::Multiple
    )
    .then_some((unit, kind))
}

/// `五元六角-五元七毛八分`, `20家到30家`: two full figures of one unit make a range.
fn widen_to_range(s: &str, c: &mut Candidate, whole: bool) {
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

/// Whether `range` lies inside a short quotation that holds more than it (`“四种形态”`).
fn in_short_quote(s: &str, range: &Range<usize>) -> bool {
    const LIMIT: usize = 12;
    let before = s.get(..range.start).unwrap_or("");
    let after = s.get(range.end..).unwrap_or("");
    let open = before
        .char_indices()
        .rev()
        .take(LIMIT)
        .find(|&(_, c)| matches!(c, '“' | '”' | '。' | '；' | '\n' | '！' | '？'))
        .filter(|&(_, c)| c == '“');
    let close = after
        .char_indices()
        .take(LIMIT)
        .find(|&(_, c)| matches!(c, '“' | '”' | '。' | '；' | '\n' | '！' | '？'))
        .filter(|&(_, c)| c == '”');
    match (open, close) {
        (Some((o, _)), Some((c, _))) => !(o + '“'.len_utf8() == before.len() && c == 0),
        _ => false,
    }
}

impl Numeral {
    /// Whether the numeral ends with 万, 亿 or 兆.
    fn last_is_big(&self) -> bool {
        matches!(self.last, Token::Big { .. })
    }
}
