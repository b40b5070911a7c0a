//! The extractor: built once, shared across threads, runs the stages in order.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

use crate::article::row_id;
use crate::claims::Claims;
use crate::extract::{credit, date, figure, organization, person, section};
use crate::lexicon::LEXICON;
use crate::segment::Segmenter;
use crate::text::Text;
use crate::{Article, Credit, Date, Error, ErrorRow, Extraction, Figure, ReferenceDate, Section};

/// Extracts organizations, people, dates, figures, sections and credits from articles.
///
/// Build it once and share it: it is `Send + Sync`, and cloning it is cheap.
/// All extractors share one jieba dictionary per process, built by the first
/// [`Extractor::new`] (about 0.2 s; see the README for the measured figure).
///
/// # Examples
///
/// ```
/// use zhnews::{Article, Extractor};
///
/// let extractor = Extractor::new();
/// let article = Article::new("亮点一:共建科教城\n亮点二:共建示范区\n(编辑:张三)")
///     .with_date("2020-12-30".parse()?);
/// let out = extractor.extract(&article);
/// assert_eq!(out.sections.len(), 2);
/// assert_eq!(out.sections[1].title, "共建示范区");
/// assert_eq!(out.credits[0].value, "张三");
/// # Ok::<(), zhnews::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    segmenter: Segmenter,
    fields: FieldSet,
    fallback_date: Option<ReferenceDate>,
    dateline: bool,
    resolve: Resolve,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor for every field, with dateline detection on.
    ///
    /// Builds the shared dictionary if no extractor has yet, so that the first
    /// [`extract`](Extractor::extract) is not the slow one.
    pub fn new() -> Self {
        let extractor = Extractor {
            segmenter: Segmenter::Shared,
            fields: FieldSet::ALL,
            fallback_date: None,
            dateline: true,
            resolve: Resolve::Nearest,
        };
        extractor.segmenter.warm_up();
        extractor
    }

    /// A builder for options: fields, reference-date policy, user words.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Extracts everything the extractor is set up for. Never fails, never panics.
    ///
    /// The reference date is the article's, else the builder's fallback date,
    /// else a dateline found in the text (unless turned off).
    pub fn extract(&self, article: &Article) -> Extraction {
        self.finish(article, self.draft(article))
    }

    /// [`Extractor::extract`] for each of `articles`, in order, each exactly
    /// what that method gives.
    ///
    /// Faster than a loop over the articles: the stages that read characters
    /// run over all of them, then the stages that read words, so the data each
    /// half reads stays in the CPU caches. Memory grows with the batch: give it
    /// a few hundred articles at a time, and spread batches over threads
    /// yourself (an [`Extractor`] is `Send + Sync`).
    ///
    /// # Examples
    ///
    /// ```
    /// use zhnews::{Article, Extractor};
    ///
    /// let extractor = Extractor::new();
    /// let articles = [Article::new("国务院总理李强作报告。"), Article::new("一、总则")];
    /// let each: Vec<_> = articles.iter().map(|a| extractor.extract(a)).collect();
    /// assert_eq!(extractor.extract_many(&articles), each);
    /// ```
    pub fn extract_many(&self, articles: &[Article]) -> Vec<Extraction> {
        let drafts: Vec<Draft<'_>> = articles.iter().map(|article| self.draft(article)).collect();
        articles
            .iter()
            .zip(drafts)
            .map(|(article, draft)| self.finish(article, draft))
            .collect()
    }

    /// The stages that read characters: credits, sections, dates, figures.
    fn draft<'a>(&self, article: &'a Article) -> Draft<'a> {
        let text = Text::new(&article.text);
        let wants = |field| self.fields.contains(field);
        let reference = article
            .date
            .or(self.fallback_date)
            .or_else(|| self.dateline.then(|| date::dateline(&text)).flatten());

        let credits = credit::extract(&text);
        let sections = if wants(Field::Sections) {
            section::extract(&text, &credits)
        } else {
            Vec::new()
        };

        let mut claims = Claims::new();
        for c in &credits {
            claims.claim_original(&text, c.byte_start..c.byte_end);
        }
        let credit_claims = claims.clone();
        claim_section_labels(&text, &sections, &mut claims);

        let dates = if wants(Field::Dates) || wants(Field::Figures) {
            date::extract(&text, reference, self.resolve, &claims)
        } else {
            Vec::new()
        };
        for d in &dates {
            claims.claim_original(&text, d.mention.byte_start..d.mention.byte_end);
        }
        let figures = if wants(Field::Figures) {
            figure::extract(&text, &claims)
        } else {
            Vec::new()
        };

        Draft {
            text,
            reference,
            credits,
            credit_claims,
            sections,
            dates,
            figures,
        }
    }

    /// The stages that read words (organizations, people), and the extraction.
    fn finish(&self, article: &Article, draft: Draft<'_>) -> Extraction {
        let wants = |field| self.fields.contains(field);
        let (organizations, people) = if self.fields.needs_words() {
            // Tagged where organizations look; people read every word.
            let tokens = self.segmenter.tokens(&draft.text);
            let organizations =
                organization::extract(&draft.text, &tokens, &LEXICON, &draft.credit_claims);
            let people = if wants(Field::People) {
                let words = tokens.all();
                person::extract(
                    &draft.text,
                    &words,
                    &organizations,
                    &draft.credit_claims,
                    &LEXICON,
                )
            } else {
                Vec::new()
            };
            (organizations, people)
        } else {
            (Vec::new(), Vec::new())
        };

        Extraction {
            id: article.id.clone(),
            reference_date: draft.reference,
            // Computed for people's titles even when not asked for.
            organizations: if wants(Field::Organizations) {
                organizations
            } else {
                Vec::new()
            },
            people,
            // Computed for figures (a year is not a figure) even when not asked for.
            dates: if wants(Field::Dates) {
                draft.dates
            } else {
                Vec::new()
            },
            figures: draft.figures,
            sections: draft.sections,
            // Always computed: credit-line names are not people, credit lines end sections.
            credits: if wants(Field::Credits) {
                draft.credits
            } else {
                Vec::new()
            },
        }
    }

    /// The row contract of `zhnews extract --jsonl`: one JSON row in, one compact JSON row out.
    ///
    /// The input row is `{"id"?, "text", "date"?}` (other fields ignored). The
    /// output is the [`Extraction`] with `id` copied, or, for a row that cannot
    /// be read, an [`ErrorRow`] carrying the row's id when it has one. The
    /// result has no trailing newline.
    ///
    /// # Examples
    ///
    /// ```
    /// let extractor = zhnews::Extractor::new();
    /// let out = extractor.extract_json(r#"{"id": "a", "text": "(编辑:张三)"}"#);
    /// assert!(out.starts_with(r#"{"id":"a","reference_date":null,"#));
    /// let bad = extractor.extract_json(r#"{"id": "b"}"#);
    /// assert_eq!(bad, r#"{"id":"b","error":{"kind":"missing_text","message":"row has no \"text\" field"}}"#);
    /// ```
    pub fn extract_json(&self, line: &str) -> String {
        match read_row(line) {
            Ok(article) => to_json(&self.extract(&article)),
            Err(error_row) => error_row,
        }
    }

    /// [`Extractor::extract_json`] for raw bytes: invalid UTF-8 gives an error row
    /// (with the id when a lossy reading of the row shows one).
    pub fn extract_json_bytes(&self, line: &[u8]) -> String {
        match read_row_bytes(line) {
            Ok(article) => to_json(&self.extract(&article)),
            Err(error_row) => error_row,
        }
    }

    /// [`Extractor::extract_json_bytes`] for each of `lines`, one output row per
    /// line in order, each exactly what that method gives.
    ///
    /// Faster than a loop over the lines: each half of the stages runs over
    /// all the lines in turn, so the data each half reads stays in the CPU
    /// caches. Memory grows with the batch: give it a few hundred rows at a time.
    ///
    /// # Examples
    ///
    /// ```
    /// let extractor = zhnews::Extractor::new();
    /// let lines = [r#"{"id": "a", "text": "(编辑:张三)"}"#.as_bytes(), b"not json"];
    /// let out = extractor.extract_json_lines(&lines);
    /// assert_eq!(out[0], extractor.extract_json_bytes(lines[0]));
    /// assert!(out[1].contains(r#""kind":"invalid_json""#));
    /// ```
    pub fn extract_json_lines(&self, lines: &[&[u8]]) -> Vec<String> {
        let rows: Vec<Result<Article, String>> =
            lines.iter().map(|line| read_row_bytes(line)).collect();
        let drafts: Vec<Result<(&Article, Draft<'_>), &String>> = rows
            .iter()
            .map(|row| row.as_ref().map(|article| (article, self.draft(article))))
            .collect();
        drafts
            .into_iter()
            .map(|draft| match draft {
                Ok((article, draft)) => to_json(&self.finish(article, draft)),
                Err(error_row) => error_row.clone(),
            })
            .collect()
    }
}

/// The article of a JSON row, or the error row to print for it.
fn read_row(line: &str) -> Result<Article, String> {
    if let Some(article) = plain_article(line) {
        return Ok(article);
    }
    let row: Value = serde_json::from_str(line).map_err(|e| {
        let error = Error::Json {
            message: e.to_string(),
        };
        error_json(None, &error)
    })?;
    Article::from_value(&row).map_err(|error| error_json(row_id(&row), &error))
}

/// [`read_row`] for raw bytes: invalid UTF-8 gives an error row (with the id
/// when a lossy reading of the row shows one).
fn read_row_bytes(line: &[u8]) -> Result<Article, String> {
    match std::str::from_utf8(line) {
        Ok(line) => read_row(line),
        Err(e) => {
            let lossy = String::from_utf8_lossy(line);
            let id = serde_json::from_str::<Value>(&lossy)
                .ok()
                .and_then(|row| row_id(&row));
            Err(error_json(
                id,
                &Error::InvalidUtf8 {
                    offset: e.valid_up_to(),
                },
            ))
        }
    }
}

/// A row as most rows are: a JSON object with a string `text`, a string or
/// number `id` and a string `date` (each may be missing or null), read
/// without building a [`Value`], the text borrowed unless it has escapes.
#[derive(serde::Deserialize)]
struct PlainRow<'a> {
    #[serde(default)]
    id: Option<Value>,
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    #[serde(default, borrow)]
    date: Option<std::borrow::Cow<'a, str>>,
}

/// The article of a [`PlainRow`], or `None` for any row that is not one
/// (not an object, a field twice, a wrong type, a bad date, bad JSON): those
/// are read through [`Value`] and [`Article::from_value`], whose errors
/// they report. Both readings agree on every plain row.
fn plain_article(line: &str) -> Option<Article> {
    // A struct also reads from a JSON array; a row must be an object.
    if !line
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        return None;
    }
    let row: PlainRow<'_> = serde_json::from_str(line).ok()?;
    let id = match row.id {
        None => None,
        Some(Value::String(id)) => Some(id),
        Some(Value::Number(id)) => Some(id.to_string()),
        Some(_) => return None,
    };
    let date = match row.date {
        Some(date) if !date.trim().is_empty() => Some(date.parse().ok()?),
        _ => None,
    };
    Some(Article {
        id,
        text: row.text.into_owned(),
        date,
    })
}

/// Section markers (`亮点一`, `一是`) are not figures or dates.
fn claim_section_labels(text: &Text<'_>, sections: &[crate::Section], claims: &mut Claims) {
    for s in sections {
        claims.claim_original(text, s.byte_start..s.byte_start + s.label.len());
        claim_section_labels(text, &s.children, claims);
    }
}

/// An article halfway: what the character stages found, for the word stages.
///
/// Split so that a batch can run each half over all its articles in turn:
/// jieba's dictionary and the character stages' tables then stay in the CPU
/// caches instead of evicting each other at every article.
struct Draft<'a> {
    text: Text<'a>,
    reference: Option<ReferenceDate>,
    credits: Vec<Credit>,
    /// Credit lines only: organizations and people may not start inside them.
    credit_claims: Claims,
    sections: Vec<Section>,
    dates: Vec<Date>,
    figures: Vec<Figure>,
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Our output types serialize infallibly: string keys, finite numbers.
    serde_json::to_string(value).unwrap_or_default()
}

fn error_json(id: Option<String>, error: &Error) -> String {
    to_json(&ErrorRow::new(id, error))
}

/// Builds an [`Extractor`] with options.
///
/// # Examples
///
/// ```
/// use zhnews::{Article, Extractor, Field};
///
/// let extractor = Extractor::builder()
///     .fields([Field::Dates])
///     .fallback_date("2020-12-30".parse()?)
///     .build()?;
/// let out = extractor.extract(&Article::new("(编辑:张三)"));
/// assert!(out.credits.is_empty());
/// assert_eq!(out.reference_date.unwrap().to_string(), "2020-12-30");
/// # Ok::<(), zhnews::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    fields: FieldSet,
    fallback_date: Option<ReferenceDate>,
    dateline: bool,
    resolve: Resolve,
    user_words: Vec<(String, String)>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder {
            fields: FieldSet::ALL,
            fallback_date: None,
            dateline: true,
            resolve: Resolve::Nearest,
            user_words: Vec::new(),
        }
    }
}

impl ExtractorBuilder {
    /// Extract only these fields; the others stay empty lists. Default: all.
    ///
    /// Leaving out organizations and people skips word segmentation, the
    /// costliest stage.
    pub fn fields(mut self, fields: impl IntoIterator<Item = Field>) -> Self {
        self.fields = FieldSet::NONE;
        for field in fields {
            self.fields.insert(field);
        }
        self
    }

    /// The reference date for articles that carry none, used before dateline detection.
    pub fn fallback_date(mut self, date: ReferenceDate) -> Self {
        self.fallback_date = Some(date);
        self
    }

    /// Whether to look for a dateline when an article has no reference date. Default: on.
    pub fn dateline(mut self, detect: bool) -> Self {
        self.dateline = detect;
        self
    }

    /// Which way a date that leaves its year or week unsaid is read. Default:
    /// [`Resolve::Nearest`], as news reports mostly look back and forth around
    /// their own date.
    ///
    /// # Examples
    ///
    /// ```
    /// use zhnews::{Article, Extractor, Field, Resolve};
    ///
    /// let article = Article::new("元旦").with_date("2013-02-12".parse()?);
    /// let nearest = Extractor::builder().fields([Field::Dates]).build()?;
    /// assert_eq!(nearest.extract(&article).dates[0].value, "2013-01-01");
    /// let future = Extractor::builder()
    ///     .fields([Field::Dates])
    ///     .resolve(Resolve::Future)
    ///     .build()?;
    /// assert_eq!(future.extract(&article).dates[0].value, "2014-01-01");
    /// # Ok::<(), zhnews::Error>(())
    /// ```
    pub fn resolve(mut self, resolve: Resolve) -> Self {
        self.resolve = resolve;
        self
    }

    /// Adds words to the segmentation dictionary: lines of `word [frequency] [tag]`.
    ///
    /// `source` names the list in error messages. Useful for local place or
    /// organization names that jieba splits.
    pub fn user_words(mut self, words: impl Into<String>, source: impl Into<String>) -> Self {
        self.user_words.push((words.into(), source.into()));
        self
    }

    /// Builds the extractor, and the shared dictionary when a chosen field
    /// needs words (organizations, people) and no extractor has built it yet.
    ///
    /// # Errors
    ///
    /// [`Error::Lexicon`] with the line number when a user word line is malformed.
    pub fn build(self) -> Result<Extractor, Error> {
        let segmenter = if self.user_words.is_empty() {
            Segmenter::Shared
        } else {
            let mut all = String::new();
            let mut source = String::new();
            for (words, name) in &self.user_words {
                Segmenter::with_words(words, name)?;
                all.push_str(words);
                all.push('\n');
                source = name.clone();
            }
            Segmenter::with_words(&all, &source)?
        };
        // Only organizations and people read words: without them the
        // dictionary is never needed, and not built.
        if self.fields.needs_words() {
            segmenter.warm_up();
        }
        Ok(Extractor {
            segmenter,
            fields: self.fields,
            fallback_date: self.fallback_date,
            dateline: self.dateline,
            resolve: self.resolve,
        })
    }
}

/// Which occurrence a date names when the text leaves its year or week unsaid,
/// for [`ExtractorBuilder::resolve`].
///
/// It applies to year-less dates and periods (`12月29日`, `十月`, `一季度`),
/// holidays (`元旦`, `春节`), days without a month (`29日`), weekdays without a
/// week (`星期一`) or of this week (`这周一`), and the n-th weekday of a month
/// (`十月第一个星期一`). Words that say their direction (`去年`, `下周三`,
/// `三天后`) are read as written whatever the setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Resolve {
    /// The occurrence nearest the reference date (a weekday: the one of the
    /// reference's week). Reports look both back and ahead, so this is the default.
    #[default]
    Nearest,
    /// The first occurrence on or after the reference day (a bare weekday: after
    /// it, as one says 今天 for today; 这周一 already past: next week's), as
    /// schedulers and assistants read times.
    Future,
    /// The last occurrence on or before the reference day (a bare weekday:
    /// before it; 这周五 still ahead: last week's).
    Past,
}

/// One of the output fields, for [`ExtractorBuilder::fields`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// `organizations`.
    Organizations,
    /// `people`.
    People,
    /// `dates`.
    Dates,
    /// `figures`.
    Figures,
    /// `sections`.
    Sections,
    /// `credits`.
    Credits,
}

impl Field {
    /// Every field, in output order.
    pub const ALL: [Field; 6] = [
        Field::Organizations,
        Field::People,
        Field::Dates,
        Field::Figures,
        Field::Sections,
        Field::Credits,
    ];

    /// The field's JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Field::Organizations => "organizations",
            Field::People => "people",
            Field::Dates => "dates",
            Field::Figures => "figures",
            Field::Sections => "sections",
            Field::Credits => "credits",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Field {
    type Err = String;

    /// Parses a field's JSON name (`dates`).
    fn from_str(s: &str) -> Result<Self, String> {
        Field::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Field::ALL.iter().map(|f| f.name()).collect();
                format!("unknown field {s:?}; expected one of {}", names.join(", "))
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FieldSet(u8);

impl FieldSet {
    const NONE: FieldSet = FieldSet(0);
    const ALL: FieldSet = FieldSet(0b11_1111);

    fn contains(self, field: Field) -> bool {
        self.0 & field.bit() != 0
    }

    fn insert(&mut self, field: Field) {
        self.0 |= field.bit();
    }

    /// Whether a field that needs word segmentation is asked for.
    fn needs_words(self) -> bool {
        self.contains(Field::Organizations) || self.contains(Field::People)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_rows_read_as_the_general_reading_does() {
        let rows = [
            r#"{"id":"a","text":"共有四百人"}"#,
            r#" {"text":"\u4e2d\n文","id":12,"date":"2020-12-30","other":[1,{"x":null}]}"#,
            r#"{"id":1.5e3,"text":"x","date":" "}"#,
            r#"{"id":null,"text":"y","date":null}"#,
            r#"{"id":true,"text":"y"}"#,
            r#"{"id":"b","text":null}"#,
            r#"{"id":"c"}"#,
            r#"{"id":"d","text":5}"#,
            r#"{"id":"e","text":"t","date":"2020-02-30"}"#,
            r#"{"id":"f","text":"t","date":5}"#,
            r#"["g","text"]"#,
            r#"{"id":"h","text":"a","text":"b"}"#,
            r#"{"id":"i","te\u0078t":"escaped key"}"#,
            r#"{"id":"j","text":"t"} x"#,
            r#"{"id":"k","text":"unterminated"#,
            r#"{"id":18446744073709551616,"text":"big"}"#,
        ];
        let mut plain = 0;
        for row in rows {
            let general = Article::from_json(row).ok();
            if let Some(article) = plain_article(row) {
                assert_eq!(Some(article), general, "{row}");
                plain += 1;
            }
        }
        assert_eq!(plain, 6);
    }

    #[test]
    fn lines_together_give_what_each_line_gives() {
        let lines: Vec<&[u8]> = vec![
            r#"{"id":"a","text":"新华社北京3月5日电 国务院总理李强作政府工作报告，全年增长5.2%。(编辑:张三)"}"#.as_bytes(),
            b"not json",
            r#"{"id":"b","text":"一、总则\n二、附则","date":"2020-12-30"}"#.as_bytes(),
            b"{\"id\":\"c\",\"text\":\"\xff\"}",
            r#"{"id":"d"}"#.as_bytes(),
            r#"{"id":"e","text":"江南市人民政府副市长王小明表示，明年投入3亿元。"}"#.as_bytes(),
        ];
        for extractor in [
            Extractor::new(),
            Extractor::builder()
                .fields([Field::People])
                .build()
                .unwrap(),
        ] {
            let each: Vec<String> = lines
                .iter()
                .map(|line| extractor.extract_json_bytes(line))
                .collect();
            assert_eq!(extractor.extract_json_lines(&lines), each);
            assert!(each[5].contains("王小明"), "{}", each[5]);
        }
        assert!(Extractor::new().extract_json_lines(&[]).is_empty());
    }

    #[test]
    fn articles_together_give_what_each_article_gives() {
        let mut dated = Article::new("一、总则\n明天，江南市人民政府副市长王小明将出席。");
        dated.date = ReferenceDate::new(2020, 12, 30);
        let articles = [
            Article::new(
                "新华社北京3月5日电 国务院总理李强作政府工作报告，全年增长5.2%。(编辑:张三)",
            ),
            Article::new(""),
            dated,
            Article::new("江南市人民政府副市长王小明表示，明年投入3亿元。"),
        ];
        for extractor in [
            Extractor::new(),
            Extractor::builder()
                .fields([Field::People, Field::Dates])
                .build()
                .unwrap(),
        ] {
            let each: Vec<Extraction> = articles.iter().map(|a| extractor.extract(a)).collect();
            assert_eq!(extractor.extract_many(&articles), each);
            assert!(
                each[2].dates.iter().any(|d| d.value == "2020-12-31"),
                "{:?}",
                each[2].dates
            );
            assert!(
                each[3].people.iter().any(|p| p.name == "王小明"),
                "{:?}",
                each[3].people
            );
        }
        assert!(Extractor::new().extract_many(&[]).is_empty());
    }

    #[test]
    fn extractor_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Extractor>();
    }

    #[test]
    fn field_names_round_trip() {
        for field in Field::ALL {
            assert_eq!(field.name().parse::<Field>(), Ok(field));
        }
        assert!("dates,figures".parse::<Field>().is_err());
    }

    #[test]
    fn unwanted_fields_stay_empty() {
        let extractor = Extractor::builder()
            .fields([Field::Sections])
            .build()
            .unwrap();
        let out = extractor.extract(&Article::new("一、总则\n二、附则\n(编辑:张三)"));
        assert_eq!(out.sections.len(), 2);
        assert!(out.credits.is_empty());
    }

    #[test]
    fn article_date_beats_fallback_date() {
        let extractor = Extractor::builder()
            .fallback_date(ReferenceDate::new(2001, 1, 1).unwrap())
            .build()
            .unwrap();
        let article = Article::new("今天").with_date(ReferenceDate::new(2020, 12, 30).unwrap());
        assert_eq!(
            extractor.extract(&article).reference_date.unwrap().year,
            2020
        );
        assert_eq!(
            extractor
                .extract(&Article::new("今天"))
                .reference_date
                .unwrap()
                .year,
            2001
        );
    }

    #[test]
    fn invalid_utf8_row_keeps_its_id() {
        let extractor = Extractor::new();
        let out = extractor.extract_json_bytes(b"{\"id\":\"x\",\"text\":\"\xff\"}");
        assert!(
            out.starts_with(r#"{"id":"x","error":{"kind":"invalid_utf8""#),
            "{out}"
        );
    }

    #[test]
    fn bad_user_words_fail_the_build() {
        let err = Extractor::builder()
            .user_words("词 多", "mine.txt")
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), "bad_lexicon");
    }
}
