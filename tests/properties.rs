//! Properties over generated input: nothing panics, offsets point at the text, lists are ordered.

use once_cell::sync::Lazy;
use proptest::prelude::*;
use zhnews::numeral::{self, Mode, Style};
use zhnews::{Article, Extraction, Extractor, Mention, Section};

static EXTRACTOR: Lazy<Extractor> = Lazy::new(Extractor::new);

/// Pieces that exercise the rules and the text layer: numerals, markers, labels,
/// full-width forms, entities, CR, emoji, combining marks, replacement characters.
const PIECES: &[&str] = &[
    "一",
    "二",
    "三",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "两",
    "零",
    "〇",
    "点",
    "是",
    "要",
    "第",
    "其",
    "、",
    "，",
    "。",
    "；",
    "：",
    ":",
    ",",
    ".",
    "(",
    ")",
    "（",
    "）",
    "１",
    "２",
    "０",
    "%",
    "％",
    "0",
    "1",
    "2",
    "9",
    "年",
    "月",
    "日",
    "号",
    "时",
    "分",
    "今年",
    "去年",
    "当天",
    "以来",
    "亮点",
    "编辑",
    "来源",
    "记者",
    "审核",
    "摄",
    "文/",
    "图/",
    "区",
    "市",
    "省",
    "委",
    "人民政府",
    "大学",
    "医院",
    "深圳",
    "中国",
    "国务院",
    "办公室",
    "党组",
    "公司",
    "局",
    "部",
    "驻",
    "和",
    "港中大",
    "书记",
    "区长",
    "院士",
    "张",
    "王",
    "李",
    "多",
    "余",
    "超过",
    "约",
    "元",
    "亿元",
    "名",
    "个",
    "家",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\u{3000}",
    "&amp;",
    "&#65306;",
    "&#x3002;",
    "&",
    ";",
    "😀",
    "e\u{301}",
    "\u{FFFD}",
    "\u{200B}",
    "\u{FEFF}",
    "·",
    "—",
    "-",
    "/",
    "“",
    "”",
    "《",
    "》",
];

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|pieces| pieces.concat())
}

fn check_mention(original: &str, m: &Mention) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        original.get(m.byte_start..m.byte_end),
        Some(m.text.as_str())
    );
    let by_chars: String = original
        .chars()
        .skip(m.start)
        .take(m.end - m.start)
        .collect();
    prop_assert_eq!(&by_chars, &m.text);
    Ok(())
}

fn check_span(
    original: &str,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
) -> Result<(), TestCaseError> {
    let bytes = original.get(byte_start..byte_end);
    prop_assert!(
        bytes.is_some(),
        "byte span {byte_start}..{byte_end} not on char boundaries"
    );
    prop_assert_eq!(original[..byte_start].chars().count(), start);
    prop_assert_eq!(original[..byte_end].chars().count(), end);
    Ok(())
}

fn check_sections(original: &str, sections: &[Section]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for s in sections {
        check_span(original, s.start, s.end, s.byte_start, s.byte_end)?;
        prop_assert!(s.start >= last, "sections out of order");
        prop_assert!(
            original[s.byte_start..].starts_with(&s.label),
            "label not at start"
        );
        last = s.start;
        check_sections(original, &s.children)?;
    }
    Ok(())
}

fn check_extraction(original: &str, out: &Extraction) -> Result<(), TestCaseError> {
    let mut previous_first = 0;
    for o in &out.organizations {
        prop_assert!(!o.mentions.is_empty());
        prop_assert!(
            o.mentions[0].start >= previous_first,
            "organizations out of order"
        );
        previous_first = o.mentions[0].start;
        for m in &o.mentions {
            check_mention(original, m)?;
        }
    }
    let mut spans: Vec<(usize, usize)> = out
        .organizations
        .iter()
        .flat_map(|o| o.mentions.iter().map(|m| (m.start, m.end)))
        .collect();
    spans.sort();
    prop_assert!(
        spans.windows(2).all(|w| w[0].1 <= w[1].0),
        "organization mentions overlap"
    );
    let mut previous_first = 0;
    for p in &out.people {
        prop_assert!(!p.mentions.is_empty());
        prop_assert!(p.mentions[0].start >= previous_first, "people out of order");
        previous_first = p.mentions[0].start;
        for m in &p.mentions {
            check_mention(original, m)?;
        }
    }
    let mut last = 0;
    for d in &out.dates {
        check_mention(original, &d.mention)?;
        prop_assert!(d.mention.start >= last, "dates out of order");
        last = d.mention.start;
    }
    let mut last = 0;
    for f in &out.figures {
        check_mention(original, &f.mention)?;
        prop_assert!(f.mention.start >= last, "figures out of order");
        last = f.mention.start;
    }
    check_sections(original, &out.sections)?;
    let mut last = 0;
    for c in &out.credits {
        check_span(original, c.start, c.end, c.byte_start, c.byte_end)?;
        prop_assert_eq!(&original[c.byte_start..c.byte_end], c.value.as_str());
        prop_assert!(c.start >= last, "credits out of order");
        last = c.start;
    }
    // The output always serializes.
    prop_assert!(serde_json::to_string(out).is_ok());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_articles_never_panic_and_offsets_hold(text in article_text()) {
        let out = EXTRACTOR.extract(&Article::new(text.clone()).with_date("2020-12-30".parse().unwrap()));
        check_extraction(&text, &out)?;
    }

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let out = EXTRACTOR.extract(&Article::new(text.clone()));
        check_extraction(&text, &out)?;
    }

    #[test]
    fn arbitrary_json_rows_give_one_line(row in any::<String>()) {
        let out = EXTRACTOR.extract_json(&row);
        prop_assert!(!out.contains('\n'));
        prop_assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
    }
}

/// Pieces of numerals and what stands around them, for the numeral functions.
const NUMERAL_PIECES: &[&str] = &[
    "零",
    "〇",
    "一",
    "二",
    "两",
    "三",
    "五",
    "九",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "兆",
    "廿",
    "壹",
    "拾",
    "佰",
    "點",
    "点",
    "负",
    "-",
    "分之",
    "分",
    "又",
    "/",
    "%",
    "‰",
    "多",
    "余",
    "几",
    "半",
    "个",
    "打",
    "对",
    "K",
    "M",
    "G",
    "元",
    "整",
    "角",
    "第",
    "0",
    "1",
    "9",
    "12",
    ".",
    ",",
    "，",
    "１",
    "．",
    " ",
    "e",
    "之",
    "名",
    "亿元",
    "成",
    "折",
    "倍",
    "个百分点",
    "超过",
    "以上",
    "约",
    "年",
    "号",
    "“",
    "”",
    "$",
];

fn numeral_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(NUMERAL_PIECES), 0..24)
        .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The numeral functions never panic, and what `find` returns lies on
    /// character boundaries, in order, without overlap.
    #[test]
    fn numeral_functions_never_panic(text in numeral_text()) {
        for mode in [Mode::Strict, Mode::Normal, Mode::Smart, Mode::Spoken] {
            let _ = numeral::parse_with(&text, mode);
        }
        let _ = numeral::parse_ordinal(&text);
        let _ = zhnews::Figure::parse(&text);
        let mut last = 0;
        for found in numeral::find(&text) {
            prop_assert!(found.byte_start >= last && found.byte_end > found.byte_start);
            prop_assert!(text.get(found.byte_start..found.byte_end).is_some());
            last = found.byte_end;
        }
    }
}

/// Every combination of the renderer's styles: with or without optional 零, 两, 大写, 一十.
fn numeral_style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(without_zeros, liang, capital, explicit_ten)| Style {
            without_zeros,
            liang,
            capital,
            explicit_ten,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Integers below 10^13 written as Chinese numerals read back exactly; the
    /// formal styles (all zeros written) also in strict mode.
    #[test]
    fn numerals_round_trip(n in 0u64..10_000_000_000_000, style in numeral_style()) {
        let text = numeral::render(n, style);
        let value = numeral::parse(&text).map(|v| v.to_i64());
        prop_assert_eq!(value, Ok(Some(n as i64)), "{}", text);
        if !style.without_zeros {
            let strict = numeral::parse_with(&text, Mode::Strict).map(|v| v.to_i64());
            prop_assert_eq!(strict, Ok(Some(n as i64)), "strict: {}", text);
        }
    }

    /// Small numbers, where the special cases (十, 零, 两) sit.
    #[test]
    fn small_numerals_round_trip(n in 0u64..100_000, style in numeral_style()) {
        let text = numeral::render(n, style);
        prop_assert_eq!(numeral::parse(&text).map(|v| v.to_i64()), Ok(Some(n as i64)), "{}", text);
    }
}

#[test]
fn one_megabyte_of_one_character() {
    for c in ["一", "a", "\n", "、", "&", "\u{FFFD}"] {
        let text = c.repeat((1 << 20) / c.len());
        let out = EXTRACTOR.extract(&Article::new(text.clone()));
        check_extraction(&text, &out).unwrap();
    }
}

/// A number below 100 in Chinese: 十二, 二十九, 三十一.
fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (n / 10, n % 10) {
        (0, units) => DIGITS[units as usize].to_string(),
        (1, 0) => "十".to_string(),
        (1, units) => format!("十{}", DIGITS[units as usize]),
        (tens, 0) => format!("{}十", DIGITS[tens as usize]),
        (tens, units) => format!("{}十{}", DIGITS[tens as usize], DIGITS[units as usize]),
    }
}

/// A year digit by digit, with `zero` for 0: 二〇二〇, 二零二零.
fn chinese_year(year: i32, zero: &str) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    year.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(0) | None => zero.to_string(),
            Some(d) => DIGITS[d as usize].to_string(),
        })
        .collect()
}

/// Half-width digits made full-width: 2020 → ２０２０.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn a_day() -> impl Strategy<Value = (i32, u32, u32)> {
    (1950i32..2050, 1u32..=12, 1u32..=31).prop_filter_map("a real day", |(y, m, d)| {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (d <= days).then_some((y, m, d))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_date_in_five_written_styles_reads_back_the_same((y, m, d) in a_day()) {
        let arabic = format!("{y}年{m}月{d}日");
        let styles = [
            arabic.clone(),
            format!("{}年{}月{}日", chinese_year(y, "零"), chinese_number(m), chinese_number(d)),
            format!("{}年{}月{}日", chinese_year(y, "〇"), chinese_number(m), chinese_number(d)),
            full_width(&arabic),
            format!("{y}年{m}月{d}号"),
        ];
        let want = format!("{y:04}-{m:02}-{d:02}");
        for written in styles {
            let text = format!("会议于{written}举行。");
            let out = EXTRACTOR.extract(&Article::new(text).with_date("2020-12-30".parse().unwrap()));
            prop_assert_eq!(out.dates.len(), 1, "{}", written);
            prop_assert_eq!(&out.dates[0].mention.text, &written);
            prop_assert_eq!(&out.dates[0].value, &want, "{}", written);
        }
    }
}
