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
mod range;
mod rank;
mod unit;
mod words;

use std::ops::Range;

use crate::claims::Claims;
use crate::numeral::token::{Extras, Token};
use crate::numeral::{Number, Numeral, Scanner, is_in_word};
use crate::text::Text;
use crate::{Approx, Figure, FigureKind, FigureRange};

use range::{upper_bound, widen_to_range};
use unit::{is_numeral_char, parts_of, refit};
use words::{Place, UnitKind};

/// Every figure not inside a claimed span (dates, section markers, credits).
pub(crate) fn extract(text: &Text<'_>, claims: &Claims) -> Vec<Figure> {
    let s = text.as_str();
    let mut figures: Vec<Figure> = Vec::new();
    let mut last_end = 0;
    let mut scanner = Scanner::new(s, Extras::NONE);
    while let Some(numeral) = scanner.next_numeral() {
        // A figure holds its numeral's first byte: one claimed there (the
        // year of a date) would overlap it, so it is not read at all.
        if claims.contains(numeral.start) {
            continue;
        }
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
    approx: Option<Approx>,
    currency: Option<&'static str>,
    bounds: Option<(Number, Number)>,
    of: Option<String>,
}

impl Candidate {
    fn new(range: Range<usize>, kind: FigureKind, value: Number) -> Self {
        Candidate {
            range,
            kind,
            value,
            unit: None,
            approx: None,
            currency: None,
            bounds: None,
            of: None,
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
            of: self.of,
        }
    }
}

/// The figure built on numeral `n`, if the text around it makes one; `whole`
/// when `s` is a string read as one figure.
fn read(s: &str, n: &Numeral, whole: bool) -> Option<Candidate> {
    let refitted = refit(s, n);
    let n = refitted.as_ref().unwrap_or(n);
    let before = s.get(..n.start)?;
    let previous = before.chars().next_back();
    // C919, v2.0, a=5, %20: a number inside a code, a version or a link.
    if previous.is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '.' | '_' | '·' | '/' | '%' | '=' | '&' | '?' | '#')
    }) {
        return None;
    }
    // 几十家, 数百人, 二三十个: vague amounts are not asserted figures.
    if previous.is_some_and(|c| matches!(c, '几' | '幾' | '数' | '數') || is_numeral_char(c)) {
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
    // 百分之十二, 千分之五, 万分之三.
    let percent_word = parts_of(before);
    if let Some((word_len, _)) = percent_word {
        c.range.start -= word_len;
    }
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
    let at = unit::read(s, n, &mut c, at, whole, percent_word)?;
    if percent_word.is_some() && !matches!(c.kind, FigureKind::Percent | FigureKind::Fraction) {
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
    // 三元二角-三元四毛五分: both ends written in full.
    if c.bounds.is_none() {
        widen_to_range(s, &mut c, whole);
    }
    // 四处, 两位数: a numeral character inside a word.
    if c.kind == FigureKind::Count && n.lone && n.chinese && is_in_word(s, n.start, n.end) {
        return None;
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
    if c.kind == FigureKind::Count && c.unit.is_some() {
        c.of = counted_thing(s, c.range.end);
    }
    Some(c)
}

/// The counted thing written right after a count (`1200余家企业参加` → `企业`):
/// the longest run of up to six Han characters after it that ends with a
/// listed head noun (`src/data/figure_nouns.txt`) and is followed by
/// punctuation or a word that cannot continue a noun (`的`, `和`, `参加`). A
/// run that opens with a verb (`参加会议`) is not the thing counted. Without
/// one, nothing: a wrong noun is worse than none.
fn counted_thing(s: &str, at: usize) -> Option<String> {
    const LONGEST: usize = 6;
    const VERBS: &str = "参出进入开举召提完实获受遭死遇发到来去走接签达加增减降升";
    const FOLLOWERS: &str = "的和与及等在已被将参获中共同并均都也进为是有了对从向于以或后前里内外所各达实完正开受遭死作给把让使由";
    let rest = s.get(at..)?;
    if rest.starts_with(|c: char| VERBS.contains(c)) {
        return None;
    }
    let mut ends = [0usize; LONGEST];
    let mut n = 0;
    for (i, ch) in rest.char_indices().take(LONGEST) {
        if !is_han(ch) || FOLLOWERS.contains(ch) {
            break;
        }
        ends[n] = i + ch.len_utf8();
        n += 1;
    }
    ends[..n].iter().rev().find_map(|&end| {
        let run = rest.get(..end)?;
        let next = rest.get(end..)?.chars().next();
        let ends_well = next.is_none_or(|c| !is_han(c) || FOLLOWERS.contains(c));
        (ends_well && words::ends_with_head_noun(run)).then(|| run.to_string())
    })
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
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
