//! The output: one [`Extraction`] per article, with one item type per kind.
//!
//! Field names and shapes follow the project's output contract (OUTPUT.md):
//! offsets count Unicode characters of the original text, lists are in order
//! of first appearance, and empty lists are written, not omitted.

use serde::{Deserialize, Serialize};

use crate::ReferenceDate;
use crate::numeral::Number;

/// Everything found in one article.
///
/// # Examples
///
/// ```
/// use zhnews::{Article, Extractor};
///
/// let out = Extractor::new().extract(&Article::new("(编辑:张三)"));
/// let json = serde_json::to_string(&out).unwrap();
/// assert!(json.contains(r#""organizations":[]"#));
/// assert_eq!(out.credits[0].value, "张三");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Extraction {
    /// The article's id, copied from the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The date relative expressions were resolved against: the caller's, else a dateline's.
    pub reference_date: Option<ReferenceDate>,
    /// Named bodies that can act: governments, parties, universities, companies …
    pub organizations: Vec<Organization>,
    /// Named people with their titles (credit-line names are in `credits`).
    pub people: Vec<Person>,
    /// Dates, times, durations, ranges and sets, normalized to TimeML values.
    pub dates: Vec<Date>,
    /// Numbers the article asserts: counts, money, percentages, measures, ranks.
    pub figures: Vec<Figure>,
    /// Numbered parts: headed sections and run-in enumerations, nested.
    pub sections: Vec<Section>,
    /// Source, author, editor, reviewer and photographer lines.
    pub credits: Vec<Credit>,
}

/// One occurrence of an item in the original text.
///
/// `start`/`end` count Unicode scalar values (Python string indexes), end
/// exclusive; `byte_start`/`byte_end` are the same span in UTF-8 bytes of the
/// original, for slicing in Rust, and are not serialized. Invariant:
/// `original[byte_start..byte_end] == text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Mention {
    /// The mention as written in the original text.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// Byte offset of the first byte in the original text.
    #[serde(skip)]
    pub byte_start: usize,
    /// Byte offset one past the last byte in the original text.
    #[serde(skip)]
    pub byte_end: usize,
}

/// A named organization with its other names and every mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// The fullest form in the article, as written (with the article's own brackets).
    pub name: String,
    /// What sort of body it is.
    pub kind: OrganizationKind,
    /// Other forms that name the same body in this article (short forms, abbreviations).
    pub aliases: Vec<String>,
    /// Every mention, under any of its names, in order.
    pub mentions: Vec<Mention>,
}

/// The sort of an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OrganizationKind {
    /// 人民政府, 国务院, ministries, bureaus, 人大, 管委会.
    Government,
    /// 党委, 区委, 市委, 纪委.
    Party,
    /// Universities and colleges of higher education.
    University,
    /// Schools, including 党校.
    School,
    /// Hospitals.
    Hospital,
    /// 研究院, 研究所, 研究中心, 实验室, 科学院, 工程院.
    Research,
    /// 公司, 集团, 银行.
    Company,
    /// 日报, 电视台, 融媒体中心, official news accounts.
    Media,
    /// 协会, 学会, 基金会, 联合会.
    Ngo,
    /// Any other named body (政协, 疾控中心).
    Other,
}

/// A named person, the titles the article gives them, and every mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The full name as written.
    pub name: String,
    /// Every title given to the person, in order, without repeats.
    pub titles: Vec<Title>,
    /// Every mention of the name, in order.
    pub mentions: Vec<Mention>,
}

/// A title given to a person: `龙岗区委书记` → office `书记` of `龙岗区委`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    /// The title as written.
    pub text: String,
    /// The bare office (`书记`, `校长`, `院士`); empty for an affiliation label
    /// that names no office (`县工作专班` before a name).
    pub title: String,
    /// The body the office belongs to, when the title names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Where the title is written, once per occurrence, in order.
    #[serde(default)]
    pub mentions: Vec<Mention>,
}

/// A date, time, duration, range or set, with its TimeML value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Date {
    /// Where it is written.
    #[serde(flatten)]
    pub mention: Mention,
    /// What sort of expression it is.
    pub kind: DateKind,
    /// TimeML value: `2020-12-29`, `2020-Q1`, `XXXX-12-29`, `P3Y`, `2019/2021`.
    pub value: String,
    /// A qualifier attached to the value (`初` → START, `以来` → SINCE).
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<DateModifier>,
    /// The two ends of a range (kind `range`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<DateRange>,
    /// False when part of the value is unknown (`XXXX-12-29` without a reference date).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub resolved: bool,
    /// `lunar` for dates of the Chinese calendar (正月初八, 农历…); absent for solar dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
    /// Approximate durations (`10余天` → more_than).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<Approx>,
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The sort of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateKind {
    /// A calendar date or period: `2020-12-29`, `2020-12`, `2020-Q1`.
    Date,
    /// A date with a clock time: `2020-12-29T09:30`.
    Time,
    /// An amount of time: `P3Y`, `PT48H`.
    Duration,
    /// From one date to another: `2019/2021`.
    Range,
    /// A recurrence: `每年`, `每周一`.
    Set,
}

/// A TimeML `mod`: how the text qualifies a date's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum DateModifier {
    /// 初, 上旬, 年初.
    Start,
    /// 中旬, 年中.
    Mid,
    /// 底, 末, 下旬.
    End,
    /// 前后, 左右.
    Approx,
    /// 以来.
    Since,
    /// 前 a point, 截至.
    Before,
    /// 后 a point.
    After,
}

/// The two ends of a date range, as TimeML values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// First value of the range.
    pub start: String,
    /// Last value of the range (inclusive, as written).
    pub end: String,
}

/// The calendar a date is written in, when it is not the solar one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Calendar {
    /// The Chinese lunisolar calendar (农历).
    Lunar,
}

/// How an approximate number relates to the written one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Approx {
    /// 多, 余, 超过, 逾, 以上.
    MoreThan,
    /// 约, 近, 左右, 大约, 上下.
    About,
    /// 不到, 不足, 以下.
    LessThan,
    /// 至少, 不少于.
    AtLeast,
    /// 最多, 不超过.
    AtMost,
}

/// A number the article asserts, with its unit and kind.
///
/// Serialized by hand, as the derived code with its flattened mention writes
/// it (a test compares): the derived one goes through serde's buffering
/// flatten machinery, and figures are many.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Figure {
    /// Where it is written, including any approximation marker.
    #[serde(flatten)]
    pub mention: Mention,
    /// What sort of number it is.
    pub kind: FigureKind,
    /// The plain number after all multipliers (`3.5亿元` → 350000000).
    pub value: Number,
    /// The unit or classifier as written (`名`, `元`, `平方米`, `成`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Approximation, when a marker says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<Approx>,
    /// ISO 4217 code for money (`CNY`, `USD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Both ends of a range (`20-30家`, `两三个`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<FigureRange>,
    /// The counted thing when it follows (`1200余家企业` → `企业`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
}

/// The sort of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FigureKind {
    /// A number of things, with or without a classifier.
    Count,
    /// An amount of money.
    Money,
    /// A percentage (`12.3%`, `百分之十二`, `三成`, `‰`).
    Percent,
    /// A difference of percentages (`0.3个百分点`).
    PercentagePoints,
    /// A physical measure (area, length, weight, volume, energy), in the written unit.
    Measure,
    /// A rank or ordinal (`第二名`, `排名第3`).
    Ordinal,
    /// A fraction (`三分之一`).
    Fraction,
    /// A multiple (`三倍`, `翻一番`).
    Multiple,
    /// A bare number of no other kind.
    Number,
}

/// The two ends of a figure range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureRange {
    /// The lower end.
    pub min: Number,
    /// The upper end.
    pub max: Number,
}

/// A numbered part of an article: a headed section or a run-in item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The marker as written, without its colon (`亮点一`, `(一)`, `一是`).
    pub label: String,
    /// The marker's number.
    pub number: u32,
    /// The heading after the marker (see OUTPUT.md for where it ends).
    pub title: String,
    /// Character offset where the section starts (at its marker).
    pub start: usize,
    /// Character offset where it ends: the next section of the same level, a credit line, or the end.
    pub end: usize,
    /// Byte offset of `start` in the original text.
    #[serde(skip)]
    pub byte_start: usize,
    /// Byte offset of `end` in the original text.
    #[serde(skip)]
    pub byte_end: usize,
    /// The text after the heading line (for run-in items: after the title).
    pub body: String,
    /// True when the number does not follow on from the previous item (a lone `三、`, 亮点一 then 亮点三).
    #[serde(default, skip_serializing_if = "is_false")]
    pub gap: bool,
    /// Sections numbered inside this one (一、 … (一) … 1.).
    #[serde(default)]
    pub children: Vec<Section>,
}

/// A credit line entry: one name under one label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// What the label means.
    pub role: CreditRole,
    /// The label as written (`编辑`, `责任编辑`, `文/`).
    pub label: String,
    /// One name or source.
    pub value: String,
    /// Character offset of the value.
    pub start: usize,
    /// Character offset one past the value.
    pub end: usize,
    /// Byte offset of the value in the original text.
    #[serde(skip)]
    pub byte_start: usize,
    /// Byte offset one past the value.
    #[serde(skip)]
    pub byte_end: usize,
}

/// What a credit label means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CreditRole {
    /// 来源, 信息来源, 稿源, 供稿, 转自.
    Source,
    /// 作者, 记者, 文/, 文图, 通讯员.
    Author,
    /// 编辑, 责任编辑, 责编, 新媒体编辑.
    Editor,
    /// 审核, 审校, 一审, 二审, 三审, 终审, 核稿, 校对, 签发.
    Reviewer,
    /// 摄影, 摄, 图/.
    Photographer,
}

/// The JSON row written in place of an article that could not be read.
///
/// # Examples
///
/// ```
/// let err = zhnews::Article::from_json("{").unwrap_err();
/// let row = zhnews::ErrorRow::new(Some("a7".into()), &err);
/// assert!(serde_json::to_string(&row).unwrap().starts_with(r#"{"id":"a7","error":{"kind":"invalid_json""#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRow {
    /// The row's id when it could be read, else `null`.
    pub id: Option<String>,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// The `error` object of an [`ErrorRow`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// [`Error::kind`](crate::Error::kind).
    pub kind: String,
    /// A sentence for people.
    pub message: String,
}

impl ErrorRow {
    /// The error row for `error`, carrying `id`.
    pub fn new(id: Option<String>, error: &crate::Error) -> Self {
        ErrorRow {
            id,
            error: ErrorInfo {
                kind: error.kind().to_string(),
                message: error.to_string(),
            },
        }
    }
}

impl Serialize for ReferenceDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReferenceDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("text", &self.mention.text)?;
        map.serialize_entry("start", &self.mention.start)?;
        map.serialize_entry("end", &self.mention.end)?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("value", &self.value)?;
        if let Some(unit) = &self.unit {
            map.serialize_entry("unit", unit)?;
        }
        if let Some(approx) = &self.approx {
            map.serialize_entry("approx", approx)?;
        }
        if let Some(currency) = &self.currency {
            map.serialize_entry("currency", currency)?;
        }
        if let Some(range) = &self.range {
            map.serialize_entry("range", range)?;
        }
        if let Some(of) = &self.of {
            map.serialize_entry("of", of)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Figure`] with the derived serialization.
    #[derive(Serialize)]
    struct Derived<'a> {
        #[serde(flatten)]
        mention: &'a Mention,
        kind: FigureKind,
        value: Number,
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: &'a Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        approx: Option<Approx>,
        #[serde(skip_serializing_if = "Option::is_none")]
        currency: &'a Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        range: &'a Option<FigureRange>,
        #[serde(skip_serializing_if = "Option::is_none")]
        of: &'a Option<String>,
    }

    #[test]
    fn figures_serialize_as_the_derived_code_does() {
        let plain = Figure {
            mention: Mention {
                text: "约\"3.5\"亿元".into(),
                start: 3,
                end: 9,
                byte_start: 7,
                byte_end: 20,
            },
            kind: FigureKind::Money,
            value: Number::ratio(7, 2).unwrap(),
            unit: None,
            approx: None,
            currency: None,
            range: None,
            of: None,
        };
        let full = Figure {
            unit: Some("元".into()),
            approx: Some(Approx::About),
            currency: Some("CNY".into()),
            range: Some(FigureRange {
                min: Number::from(3),
                max: Number::from(4),
            }),
            of: Some("企业".into()),
            ..plain.clone()
        };
        let some = Figure {
            unit: Some("家".into()),
            of: Some("企业".into()),
            kind: FigureKind::Count,
            value: Number::from(1200),
            ..plain.clone()
        };
        for figure in [plain, full, some] {
            let derived = Derived {
                mention: &figure.mention,
                kind: figure.kind,
                value: figure.value,
                unit: &figure.unit,
                approx: figure.approx,
                currency: &figure.currency,
                range: &figure.range,
                of: &figure.of,
            };
            assert_eq!(
                serde_json::to_string(&figure).unwrap(),
                serde_json::to_string(&derived).unwrap()
            );
            assert_eq!(
                serde_json::to_string_pretty(&figure).unwrap(),
                serde_json::to_string_pretty(&derived).unwrap()
            );
            let back: Figure =
                serde_json::from_str(&serde_json::to_string(&figure).unwrap()).unwrap();
            assert_eq!(back.mention.text, figure.mention.text);
        }
    }
}
