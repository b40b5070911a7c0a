//! Numbered sections: headed lines (`亮点一:`, `一、`, `(一)`, `第一,`, `1.`, `(1)`, `①`)
//! and run-in enumerations (`一是…二是…`, `一要…`, `其一…其二`, `第一,…第二,…`).
//!
//! Markers are found first, then nested by the conventional rank of their
//! style (`亮点一:` above `一、` above `(一)` above `第一,` above `1.` above
//! `(1)` above `①` above run-in items), then numbered: an item whose number
//! does not follow on from its previous sibling of the same style is flagged
//! `gap`. A section spans to its next sibling, its parent's end, a credit line
//! or the end of the text; a run-in item ends with its paragraph at the latest.
//!
//! Examples that prove these rules: fixtures/corpus/section.toml

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::text::Text;
use crate::{Credit, Section, numeral};

/// A marker at the start of a paragraph.
static HEADED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        ^(?:
            # 第一, 第二: (before the labelled form, so 第 is not a label word)
            (?P<ordinal>第(?P<ordinal_n>[一二三四五六七八九十]{1,3}))\s*[,:、]
          # 亮点一: 亮点1:  a short label word, a numeral and a colon
          | (?P<word>(?P<word_text>\p{Han}{2,4}?)(?P<word_n>[一二三四五六七八九十]{1,3}|[0-9]{1,2}))\s*:
          # 一、
          | (?P<han>(?P<han_n>[一二三四五六七八九十]{1,3})\s*、)
          # (一)
          | (?P<paren_han>\(\s*(?P<paren_han_n>[一二三四五六七八九十]{1,3})\s*\))
          # 1. 1、  (not 1.5)
          | (?P<arabic>(?P<arabic_n>[0-9]{1,2})(?:\.|、))
          # (1)
          | (?P<paren_arabic>\(\s*(?P<paren_arabic_n>[0-9]{1,2})\s*\))
          # ① … ⑳
          | (?P<circled>[①-⑳])
        )",
    )
    .expect("valid regex")
});

/// A run-in marker anywhere in a paragraph; its left boundary is checked in code.
static RUN_IN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
            # 一是 二要 三来
            (?P<is>(?P<is_n>[一二三四五六七八九十]{1,3})(?:是|要|来))
            # 其一 其二
          | (?P<qi>其(?P<qi_n>[一二三四五六七八九十]{1,2}))[,:是]
            # 第一, 第二: inside a paragraph
          | (?P<ordinal>第(?P<ordinal_n>[一二三四五六七八九十]{1,2}))[,:]
        ",
    )
    .expect("valid regex")
});

/// Label words that make `<word><numeral>:` a date or a grade, not a heading.
const NOT_LABEL_WORDS: &[&str] = &["农历", "星期", "礼拜", "腊月", "正月", "初", "周"];

/// A label word ending in one of these makes `<word><numeral>:` a clause
/// (`理由有二:`, `分为三:`), not a heading.
const NOT_LABEL_ENDINGS: &[char] = &[
    '有', '是', '为', '分', '共', '等', '之', '的', '了', '和', '与', '第',
];

/// Characters that end a run-in title: `，。；` and their half-width forms.
const TITLE_END: &[char] = &[',', '。', ';', '；', '，'];

/// Marker styles, in their conventional nesting rank (outermost first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    Word,
    Han,
    ParenHan,
    Ordinal,
    Arabic,
    ParenArabic,
    Circled,
    RunInOrdinal,
    RunInQi,
    RunInIs,
}

impl Style {
    fn is_run_in(self) -> bool {
        self >= Style::RunInOrdinal
    }
}

/// A marker found in the text, in normalized byte offsets.
#[derive(Debug, Clone)]
struct Marker {
    style: Style,
    number: u32,
    /// The marker without its colon or comma (`亮点一`, `一、`, `(一)`, `一是`).
    label: Range<usize>,
    /// Where the heading text may start.
    content: usize,
    /// The paragraph the marker is in.
    paragraph: Range<usize>,
}

/// Every numbered section, nested.
pub(crate) fn extract(text: &Text<'_>, credits: &[Credit]) -> Vec<Section> {
    let s = text.as_str();
    let mut markers = Vec::new();
    for paragraph in text.paragraphs() {
        let line = &s[paragraph.clone()];
        let headed = headed_marker(line, paragraph.clone());
        let run_in_from = headed.as_ref().map_or(0, |m| m.content - paragraph.start);
        markers.extend(headed);
        markers.extend(run_in_markers(line, paragraph.clone(), run_in_from));
    }
    let markers = drop_lone_run_ins(markers);
    let credit_lines = credit_line_starts(text, credits);
    let mut nodes = nest(&markers);
    close(&mut nodes, &markers, s.len(), &credit_lines, s.len());
    nodes
        .iter()
        .map(|node| build(text, &markers, node))
        .collect()
}

fn headed_marker(line: &str, paragraph: Range<usize>) -> Option<Marker> {
    // Most paragraphs open with no marker: a plain search says so without the groups.
    if !HEADED.is_match(line) {
        return None;
    }
    let caps = HEADED.captures(line)?;
    let whole = caps.get(0)?;
    let after = &line[whole.end()..];
    let base = paragraph.start;
    let (style, number_text, label) = if let Some(m) = caps.name("ordinal") {
        (Style::Ordinal, caps.name("ordinal_n")?.as_str(), m.range())
    } else if let Some(m) = caps.name("word") {
        let word = caps.name("word_text")?.as_str();
        if NOT_LABEL_WORDS.iter().any(|w| word.ends_with(w)) || word.ends_with(NOT_LABEL_ENDINGS) {
            return None;
        }
        (Style::Word, caps.name("word_n")?.as_str(), m.range())
    } else if let Some(m) = caps.name("han") {
        if starts_numeral_list(after) {
            return None;
        }
        (Style::Han, caps.name("han_n")?.as_str(), m.range())
    } else if let Some(m) = caps.name("paren_han") {
        (
            Style::ParenHan,
            caps.name("paren_han_n")?.as_str(),
            m.range(),
        )
    } else if let Some(m) = caps.name("arabic") {
        // `1.5亿`, `1、2月`: a number, not a marker.
        if after.starts_with(|c: char| c.is_ascii_digit()) || starts_numeral_list(after) {
            return None;
        }
        (Style::Arabic, caps.name("arabic_n")?.as_str(), m.range())
    } else if let Some(m) = caps.name("paren_arabic") {
        (
            Style::ParenArabic,
            caps.name("paren_arabic_n")?.as_str(),
            m.range(),
        )
    } else {
        let m = caps.name("circled")?;
        let number = m.as_str().chars().next()? as u32 - '①' as u32 + 1;
        return Some(Marker {
            style: Style::Circled,
            number,
            label: base + m.start()..base + m.end(),
            content: base + whole.end(),
            paragraph,
        });
    };
    let number = parse_number(number_text)?;
    Some(Marker {
        style,
        number,
        label: base + label.start..base + label.end,
        content: base + whole.end(),
        paragraph,
    })
}

/// `二线城市`, `四月份`, `2月`: what follows `一、` continues a list of numerals.
fn starts_numeral_list(after: &str) -> bool {
    let mut chars = after.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return false;
    };
    let numeral = "一二三四五六七八九十".contains(first) || first.is_ascii_digit();
    numeral
        && second
            .is_some_and(|c| "、线月年季级类等批期个次名号种日".contains(c) || c.is_ascii_digit())
}

fn run_in_markers(line: &str, paragraph: Range<usize>, from: usize) -> Vec<Marker> {
    let mut out = Vec::new();
    // Groups only for the matches: the match at a match's start is that match.
    for found in RUN_IN.find_iter(line) {
        let Some(caps) = RUN_IN.captures_at(line, found.start()) else {
            continue;
        };
        let Some(whole) = caps.get(0) else { continue };
        if whole.start() < from || !at_clause_start(line, whole.start()) {
            continue;
        }
        let (style, label, number_text) = if let Some(m) = caps.name("is") {
            // `一是一,二是二`: an idiom, not a list.
            let numeral = caps.name("is_n").map_or("", |n| n.as_str());
            if line[m.end()..].starts_with(numeral) {
                continue;
            }
            (Style::RunInIs, m.range(), numeral)
        } else if let Some(m) = caps.name("qi") {
            (
                Style::RunInQi,
                m.range(),
                caps.name("qi_n").map_or("", |n| n.as_str()),
            )
        } else if let Some(m) = caps.name("ordinal") {
            (
                Style::RunInOrdinal,
                m.range(),
                caps.name("ordinal_n").map_or("", |n| n.as_str()),
            )
        } else {
            continue;
        };
        let Some(number) = parse_number(number_text) else {
            continue;
        };
        let base = paragraph.start;
        let content = base + label.end + skip_punctuation(&line[label.end..]);
        out.push(Marker {
            style,
            number,
            label: base + label.start..base + label.end,
            content,
            paragraph: paragraph.clone(),
        });
    }
    out
}

/// Bytes of `,` `:` and spaces at the start of `s`.
fn skip_punctuation(s: &str) -> usize {
    s.len() - s.trim_start_matches([',', ':', ' ', '，', '：']).len()
}

/// A run-in marker must open a clause: at the paragraph start or after `,;:。!?` or a quote.
fn at_clause_start(line: &str, at: usize) -> bool {
    line[..at].chars().next_back().is_none_or(|c| {
        matches!(
            c,
            ',' | ';' | ':' | '。' | '；' | '，' | '：' | '!' | '?' | '“' | '"' | ' ' | '('
        )
    })
}

fn parse_number(s: &str) -> Option<u32> {
    let value = numeral::parse(s).ok()?.to_i64()?;
    u32::try_from(value).ok().filter(|&n| n >= 1)
}

/// Run-in enumerations need two items at least: a lone `一是` is ordinary prose.
fn drop_lone_run_ins(markers: Vec<Marker>) -> Vec<Marker> {
    let mut keep = vec![true; markers.len()];
    let mut i = 0;
    while i < markers.len() {
        if !markers[i].style.is_run_in() {
            i += 1;
            continue;
        }
        // A run: consecutive run-in markers of one family, restarting at 1.
        let family = markers[i].style;
        let mut j = i + 1;
        while j < markers.len() && markers[j].style == family && markers[j].number != 1 {
            j += 1;
        }
        if j - i < 2 {
            keep[i] = false;
        }
        i = j;
    }
    markers
        .into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

/// Where each credit's line starts, sorted: sections end there.
fn credit_line_starts(text: &Text<'_>, credits: &[Credit]) -> Vec<usize> {
    let s = text.as_str();
    let mut starts: Vec<usize> = credits
        .iter()
        .map(|c| {
            let at = text.normalized_range(c.byte_start..c.byte_end).start;
            s[..at.min(s.len())].rfind('\n').map_or(0, |i| i + 1)
        })
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// A section in the making: a marker index, its span end, its children.
#[derive(Debug)]
struct Node {
    marker: usize,
    end: usize,
    gap: bool,
    children: Vec<Node>,
}

/// Nests markers by style rank and flags numbering gaps among siblings.
fn nest(markers: &[Marker]) -> Vec<Node> {
    let mut roots: Vec<Node> = Vec::new();
    // Path of child indexes from the roots to the open node, with each one's style.
    let mut path: Vec<(usize, Style)> = Vec::new();
    for (i, marker) in markers.iter().enumerate() {
        while path.last().is_some_and(|&(_, style)| style >= marker.style) {
            path.pop();
        }
        let siblings = children_at(&mut roots, &path);
        let previous = siblings
            .iter()
            .rev()
            .find(|n| markers[n.marker].style == marker.style)
            .map(|n| markers[n.marker].number);
        let gap = match previous {
            _ if marker.number == 1 => false,
            Some(p) => marker.number != p + 1,
            None => true,
        };
        siblings.push(Node {
            marker: i,
            end: 0,
            gap,
            children: Vec::new(),
        });
        path.push((siblings.len() - 1, marker.style));
    }
    roots
}

fn children_at<'n>(roots: &'n mut Vec<Node>, path: &[(usize, Style)]) -> &'n mut Vec<Node> {
    let mut list = roots;
    for &(index, _) in path {
        list = &mut list[index].children;
    }
    list
}

/// Sets each node's end: its next sibling, the parent's end, a credit line, the text's end.
fn close(nodes: &mut [Node], markers: &[Marker], limit: usize, credits: &[usize], len: usize) {
    for i in 0..nodes.len() {
        let marker = &markers[nodes[i].marker];
        let start = marker.label.start;
        let mut end = nodes
            .get(i + 1)
            .map_or(limit, |n| markers[n.marker].label.start);
        end = end.min(limit);
        if let Some(&credit) = credits.iter().find(|&&c| c > start) {
            end = end.min(credit);
        }
        if marker.style.is_run_in() {
            end = end.min(marker.paragraph.end);
        }
        nodes[i].end = end.clamp(start, len);
        let node_end = nodes[i].end;
        close(&mut nodes[i].children, markers, node_end, credits, len);
    }
}

fn build(text: &Text<'_>, markers: &[Marker], node: &Node) -> Section {
    let s = text.as_str();
    let marker = &markers[node.marker];
    let end = node.end.max(marker.content);
    let line_end = marker.paragraph.end.min(end);
    let rest_of_line = &s[marker.content.min(line_end)..line_end];
    let heading_line = !marker.style.is_run_in() && !rest_of_line.contains(['。', ';', '；']);
    let (title, body_start) = if heading_line {
        (marker.content..line_end, line_end)
    } else {
        let stop = rest_of_line
            .find(TITLE_END)
            .map_or(line_end, |i| marker.content + i);
        let after = s[stop..].chars().next().map_or(0, char::len_utf8);
        (marker.content.min(stop)..stop, (stop + after).min(end))
    };
    let span = text.mention(marker.label.start..text.trim(marker.label.start..end).end);
    let body = text.trim(body_start.min(end)..end);
    Section {
        label: text.original_slice(marker.label.clone()).to_string(),
        number: marker.number,
        title: text.original_slice(text.trim(title)).to_string(),
        start: span.start,
        end: span.end,
        byte_start: span.byte_start,
        byte_end: span.byte_end,
        body: text.original_slice(body).to_string(),
        gap: node.gap,
        children: node
            .children
            .iter()
            .map(|child| build(text, markers, child))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(s: &str) -> Vec<(String, u32, String)> {
        extract(&Text::new(s), &[])
            .into_iter()
            .map(|x| (x.label, x.number, x.title))
            .collect()
    }

    #[test]
    fn headed_word_sections() {
        let got = titles("导语。\n亮点一：共建科教城\n正文。\n亮点二:共建示范区\n正文。");
        assert_eq!(
            got,
            [
                ("亮点一".into(), 1, "共建科教城".into()),
                ("亮点二".into(), 2, "共建示范区".into())
            ]
        );
    }

    #[test]
    fn run_in_items_end_titles_at_commas() {
        let got = titles("会议指出,一是加强领导、压实责任,确保落实;二是完善机制。");
        assert_eq!(
            got,
            [
                ("一是".into(), 1, "加强领导、压实责任".into()),
                ("二是".into(), 2, "完善机制".into())
            ]
        );
    }

    #[test]
    fn false_friends_are_not_sections() {
        assert!(titles("一、二线城市房价平稳。").is_empty());
        assert!(titles("三、四月份是旺季。").is_empty());
        assert!(titles("1.5亿元资金到位。").is_empty());
        assert!(titles("一是一,二是二。").is_empty());
    }
}
