//! Credit lines: source, author, editor, reviewer and photographer.
//!
//! A credit is a label from `src/data/credit_labels.txt` (`编辑`, `来源`, `文/`)
//! followed by one or more names: `(编辑:张洁容)`, `编辑:张三 李四`,
//! `文/记者 王五`, `(张三 摄)`. A candidate is a bracketed group anywhere, or a
//! whole line near the start or the end of the article; it counts only when
//! every part of it reads as credits (or as header fields such as `发布时间`),
//! so that `记者从市水务局获悉` in a story is not a credit.
//!
//! Examples that prove these rules: fixtures/corpus/credit.toml

use std::ops::Range;

use once_cell::sync::Lazy;

use crate::lexicon::{CharBits, LEXICON};
use crate::text::Text;
use crate::{Credit, CreditRole};

/// Lines from the start of the article that may be credit lines (after the headline).
const HEAD_LINES: usize = 3;
/// Lines from the end of the article that may be credit lines.
const TAIL_LINES: usize = 8;
/// A source name longer than this (in characters) is prose, not a credit.
const MAX_SOURCE_CHARS: usize = 24;

/// Header fields that may share a line with credits and are skipped.
const HEADER_LABELS: &[&str] = &[
    "发布日期",
    "发布时间",
    "字号",
    "日期",
    "时间",
    "浏览次数",
    "点击数",
    "访问量",
    "阅读量",
];

/// Credit labels with their roles, longest first so the longest label wins.
static LABELS: Lazy<Vec<(&'static str, CreditRole)>> = Lazy::new(|| {
    let mut labels: Vec<_> = LEXICON
        .credit_labels
        .iter()
        .filter_map(|&(label, role)| Some((label, role_named(role)?)))
        .collect();
    labels.sort_by_key(|(label, _)| std::cmp::Reverse(label.len()));
    labels
});

fn role_named(name: &str) -> Option<CreditRole> {
    Some(match name {
        "source" => CreditRole::Source,
        "author" => CreditRole::Author,
        "editor" => CreditRole::Editor,
        "reviewer" => CreditRole::Reviewer,
        "photographer" => CreditRole::Photographer,
        _ => return None,
    })
}

/// Every credit in the article, in order of appearance.
pub(crate) fn extract(text: &Text<'_>) -> Vec<Credit> {
    let s = text.as_str();
    let paragraphs: Vec<Range<usize>> = text.paragraphs().collect();
    let mut found: Vec<Credit> = Vec::new();
    let tail_from = paragraphs.len().saturating_sub(TAIL_LINES);
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let near_edge = i < HEAD_LINES || i >= tail_from;
        let line = &s[paragraph.clone()];
        if near_edge {
            if let Some(fields) = parse_fields(line) {
                push(text, paragraph.start, &fields, &mut found);
                continue;
            }
        }
        for group in bracket_groups(line) {
            let inner = &line[group.clone()];
            if let Some(fields) = parse_fields(inner) {
                push(text, paragraph.start + group.start, &fields, &mut found);
            }
        }
    }
    found
}

/// One label with its values, in offsets of the parsed string.
struct Field {
    label: Range<usize>,
    role: CreditRole,
    values: Vec<Range<usize>>,
}

fn push(text: &Text<'_>, base: usize, fields: &[Field], out: &mut Vec<Credit>) {
    for field in fields {
        let label = text.original_slice(base + field.label.start..base + field.label.end);
        for value in &field.values {
            let mention = text.mention(base + value.start..base + value.end);
            out.push(Credit {
                role: field.role,
                label: label.to_string(),
                value: mention.text,
                start: mention.start,
                end: mention.end,
                byte_start: mention.byte_start,
                byte_end: mention.byte_end,
            });
        }
    }
}

/// The contents of `(…)`, `【…】` and `[…]` groups in a line, without the brackets.
fn bracket_groups(line: &str) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    // Most lines open no group: four word-at-a-time searches say so.
    if !['(', '[', '【', '〔']
        .into_iter()
        .any(|open| line.contains(open))
    {
        return groups;
    }
    let mut open: Option<(usize, char)> = None;
    for (i, c) in brackets(line) {
        match (open, c) {
            (None, '(' | '【' | '[' | '〔') => open = Some((i + c.len_utf8(), c)),
            (Some((start, o)), ')' | '】' | ']' | '〕') if closes(o, c) => {
                groups.push(start..i);
                open = None;
            }
            _ => {}
        }
    }
    groups
}

/// The brackets of `line` with their offsets, found by their bytes: `(`, `)`,
/// `[` and `]` are single bytes, and `【`, `】`, `〔`, `〕` are `E3 80` and one
/// of `90`, `91`, `94`, `95` (a lead byte and bytes that no other character's
/// encoding holds at those places), so no character needs decoding.
fn brackets(line: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = line.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let rest = bytes.get(from..)?;
            let i = from + rest.iter().position(|&b| OPENS_BRACKET[usize::from(b)])?;
            from = i + 1;
            let bracket = match bytes.get(i)? {
                &b @ (b'(' | b')' | b'[' | b']') => Some(char::from(b)),
                _ if bytes.get(i + 1) != Some(&0x80) => None,
                _ => match bytes.get(i + 2) {
                    Some(0x90) => Some('【'),
                    Some(0x91) => Some('】'),
                    Some(0x94) => Some('〔'),
                    Some(0x95) => Some('〕'),
                    _ => None,
                },
            };
            if let Some(c) = bracket {
                return Some((i, c));
            }
        }
    })
}

/// The bytes a bracket opens with.
static OPENS_BRACKET: [bool; 256] = {
    let mut table = [false; 256];
    table[b'(' as usize] = true;
    table[b')' as usize] = true;
    table[b'[' as usize] = true;
    table[b']' as usize] = true;
    table[0xE3] = true;
    table
};

fn closes(open: char, close: char) -> bool {
    matches!(
        (open, close),
        ('(', ')') | ('【', '】') | ('[', ']') | ('〔', '〕')
    )
}

/// The first characters of the credit and header labels.
static LABEL_OPENINGS: Lazy<CharBits> = Lazy::new(|| {
    let labels = LABELS.iter().map(|(label, _)| *label);
    CharBits::of(
        labels
            .chain(HEADER_LABELS.iter().copied())
            .filter_map(|l| l.chars().next()),
    )
});

/// Reads `s` as a sequence of credit fields, or `None` if any part is not one.
fn parse_fields(s: &str) -> Option<Vec<Field>> {
    let s_trimmed_end = s.trim_end_matches(|c: char| is_separator(c) || c == '。');
    if let Some(field) = photographer_suffix(s_trimmed_end) {
        return Some(vec![field]);
    }
    let mut pos = skip_separators(s, 0);
    // The first field opens with a label: most strings are turned away by their first character.
    let first = s.get(pos..).and_then(|rest| rest.chars().next());
    if !first.is_some_and(|c| LABEL_OPENINGS.may_contain(c)) {
        return None;
    }
    let mut fields = Vec::new();
    while pos < s_trimmed_end.len() {
        let rest = &s[pos..];
        if let Some(header) = HEADER_LABELS.iter().find(|h| opens_with(rest, h)) {
            // A header field: its value runs to the next label or the end.
            let after = pos + header.len();
            let after = skip_after_label(s, after, true)?;
            pos = skip_value_tokens(s, after, s_trimmed_end.len());
            continue;
        }
        let (label_end, role) = label_at(s, pos)?;
        let after = skip_after_label(s, label_end, label_chars(&s[pos..label_end]) == 1)?;
        let (values, next) = read_values(s, after, s_trimmed_end.len(), role)?;
        if values.is_empty() {
            return None;
        }
        fields.push(Field {
            label: pos..label_end,
            role,
            values,
        });
        pos = skip_separators(s, next);
    }
    (!fields.is_empty()).then_some(fields)
}

/// `张三 摄` / `张三摄` / `张三 李四 摄`: names followed by the photographer's mark.
fn photographer_suffix(s: &str) -> Option<Field> {
    let body = s.strip_suffix('摄')?;
    if body.trim().is_empty() {
        return None;
    }
    let mut values = Vec::new();
    for token in tokens(body, 0, body.len()) {
        if !is_person_name(&body[token.clone()]) {
            return None;
        }
        values.push(token);
    }
    let label = s.len() - '摄'.len_utf8()..s.len();
    (!values.is_empty()).then_some(Field {
        label,
        role: CreditRole::Photographer,
        values,
    })
}

/// The longest credit label at `pos` (with compounds `文/图`, `文/记者`), and its role.
fn label_at(s: &str, pos: usize) -> Option<(usize, CreditRole)> {
    let rest = s.get(pos..)?;
    let &(label, role) = LABELS.iter().find(|(label, _)| opens_with(rest, label))?;
    let mut end = pos + label.len();
    // A compound label: `文/图`, `文/记者`, `图/文`.
    if s[end..].starts_with('/') {
        let next = end + 1;
        if let Some(&(second, _)) = LABELS.iter().find(|(l, _)| opens_with(&s[next..], l)) {
            let after = next + second.len();
            let follows = s[after..].chars().next();
            if follows.is_none_or(|c| c == ':' || c == '/' || c.is_whitespace()) {
                end = after;
            }
        }
    }
    Some((end, role))
}

/// `s.starts_with(word)` for the short list words, compared byte by byte
/// inline: most comparisons end at the first byte or the second.
fn opens_with(s: &str, word: &str) -> bool {
    let (s, word) = (s.as_bytes(), word.as_bytes());
    s.len() >= word.len() && s.iter().zip(word).all(|(a, b)| a == b)
}

fn label_chars(label: &str) -> usize {
    label.chars().filter(|&c| c != '/').count()
}

/// Skips the separator after a label: `:` or `/`, or white space unless the label
/// is one character long (`文`, `图`, `摄` need `:` or `/`).
fn skip_after_label(s: &str, pos: usize, needs_mark: bool) -> Option<usize> {
    let rest = &s[pos..];
    let trimmed = rest.trim_start();
    let spaces = rest.len() - trimmed.len();
    if let Some(after) = trimmed.strip_prefix([':', '/']) {
        let after_trimmed = after.trim_start();
        return Some(s.len() - after_trimmed.len());
    }
    (spaces > 0 && !needs_mark).then_some(pos + spaces)
}

/// Reads value tokens from `pos` until a token that starts another label.
fn read_values(
    s: &str,
    pos: usize,
    end: usize,
    role: CreditRole,
) -> Option<(Vec<Range<usize>>, usize)> {
    let mut values = Vec::new();
    let mut next = pos;
    for token in tokens(s, pos, end) {
        let word = &s[token.clone()];
        if starts_field(s, token.start) {
            return Some((values, token.start));
        }
        let ok = match role {
            CreditRole::Source => {
                word.chars().count() <= MAX_SOURCE_CHARS && !word.contains(['。', ','])
            }
            _ => is_person_name(word),
        };
        if !ok {
            return None;
        }
        values.push(token.clone());
        next = token.end;
    }
    Some((values, next))
}

/// Whether a credit or header label followed by its separator starts at `pos`.
fn starts_field(s: &str, pos: usize) -> bool {
    let rest = &s[pos..];
    if HEADER_LABELS.iter().any(|h| opens_with(rest, h)) {
        return true;
    }
    label_at(s, pos).is_some_and(|(end, _)| {
        let single = label_chars(&s[pos..end]) == 1;
        skip_after_label(s, end, single).is_some_and(|after| after < s.len())
    })
}

/// Skips a header field's value: tokens up to the next label.
fn skip_value_tokens(s: &str, pos: usize, end: usize) -> usize {
    let mut next = pos;
    for token in tokens(s, pos, end) {
        if starts_field(s, token.start) {
            return token.start;
        }
        next = token.end;
    }
    skip_separators(s, next)
}

/// Tokens of `s[pos..end]` separated by white space and list punctuation.
fn tokens(s: &str, pos: usize, end: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let region = s.get(pos..end).unwrap_or("");
    for (i, c) in region.char_indices() {
        let at = pos + i;
        if is_separator(c) {
            if let Some(st) = start.take() {
                out.push(st..at);
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(st) = start {
        out.push(st..end);
    }
    out
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '、' | ',' | ';' | '|' | '丨' | '/')
}

fn skip_separators(s: &str, pos: usize) -> usize {
    let rest = s.get(pos..).unwrap_or("");
    pos + (rest.len() - rest.trim_start_matches(is_separator).len())
}

/// A person's name in a credit: 2–4 Han characters, or a name with `·`.
fn is_person_name(word: &str) -> bool {
    let han = word.chars().filter(|&c| is_han(c)).count();
    let total = word.chars().count();
    if word.contains('·') {
        return total <= 16 && word.chars().all(|c| is_han(c) || c == '·');
    }
    han == total && (2..=4).contains(&han)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credits(s: &str) -> Vec<(CreditRole, String, String)> {
        extract(&Text::new(s))
            .into_iter()
            .map(|c| (c.role, c.label, c.value))
            .collect()
    }

    #[test]
    fn bracketed_lines_at_the_end() {
        let got = credits("正文。\n(来源:龙岗融媒)\n（审核：梁凯文）\n(编辑:张洁容)");
        assert_eq!(
            got,
            [
                (CreditRole::Source, "来源".into(), "龙岗融媒".into()),
                (CreditRole::Reviewer, "审核".into(), "梁凯文".into()),
                (CreditRole::Editor, "编辑".into(), "张洁容".into()),
            ]
        );
    }

    #[test]
    fn brackets_are_found_as_characters_are() {
        let line = "a(b)【c】[d]〔e〕（f）「g」〖h〗【";
        let by_characters: Vec<(usize, char)> = line
            .char_indices()
            .filter(|&(_, c)| "()[]【】〔〕".contains(c))
            .collect();
        assert_eq!(brackets(line).collect::<Vec<_>>(), by_characters);
    }

    #[test]
    fn story_sentences_are_not_credits() {
        assert!(credits("标题\n记者从市水务局获悉,今年供水平稳。\n记者 张三").len() == 1);
        assert!(credits("标题\n编辑部的同志们表示感谢。").is_empty());
    }
}
