//! Titles: `[organization or place]? [rank modifiers]* [office head]`.
//!
//! A title is read backwards from the name it stands before: first the
//! longest office head that ends there (`书记`, `主任护师`), then rank modifiers
//! (`原`, `党组`, `副`), then the organization or place, word by word while
//! jieba's words are nouns, names of places and bodies, ordinals (`第三`),
//! brackets, and the few verbs that sit inside names of bodies (`开发`,
//! `管理`). A verb, preposition, particle or punctuation ends it. Titles joined
//! by `、` before one name are all that person's; so are those of a whole
//! clause before a `，` that ends in an office (`江南市委常委，市政府党组成员、
//! 副市长靳伟`).

use std::ops::Range;

use super::scan::{Scan, is_han};

/// Longest organization or place part of a title, in bytes (about 20 characters).
const LONGEST_PREFIX: usize = 60;

/// Leading words of the office that are not part of the bare office (`原副主任` → `副主任`).
const NOT_OFFICE: &[&str] = &["原", "前", "时任", "现任"];

/// Last characters of a title part that names a body rather than a place.
const BODY_ENDS: &[char] = &[
    '委', '部', '局', '院', '会', '府', '司', '团', '厅', '处', '室', '办', '组', '所', '站', '校',
    '馆', '台', '社', '行', '队', '班', '心', '协', '署', '庭', '军', '大', '学',
];

/// Offices that are verbs as often (`张三代表公司发言`, `领导全市工作`): never an
/// office after a name, and never inside a title's organization part.
const VERB_LIKE_OFFICES: &[&str] = &["代表", "领导"];

/// A title found in the text, as byte ranges of the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TitleSpan {
    /// The whole title as written.
    pub range: Range<usize>,
    /// The bare office: rank modifiers and head, without `原`/`前`.
    pub office: Range<usize>,
    /// The body the office belongs to, when the title names one.
    pub organization: Option<Range<usize>>,
}

/// The end of the office (rank modifiers and head) that starts at `start`.
pub(super) fn office_starting(scan: &Scan<'_>, start: usize) -> Option<usize> {
    let lists = scan.lists;
    let mut at = start;
    for _ in 0..3 {
        let Some(end) = scan.word_starting(at, &lists.rank_modifiers) else {
            break;
        };
        let more = scan.word_starting(end, &lists.office_heads).is_some()
            || scan.word_starting(end, &lists.rank_modifiers).is_some();
        if !more {
            break;
        }
        at = end;
    }
    scan.word_starting(at, &lists.office_heads)
        .or_else(|| scan.word_starting(start, &lists.office_heads))
}

/// The start of the office head that ends at `end`.
pub(super) fn office_ending(scan: &Scan<'_>, end: usize) -> Option<usize> {
    scan.word_ending(end, &scan.lists.office_heads)
}

/// The titles written just before `end` (where a name starts), in text order.
pub(super) fn before(scan: &Scan<'_>, end: usize) -> Vec<TitleSpan> {
    let mut titles = Vec::new();
    let Some(first) = one_before(scan, end) else {
        return titles;
    };
    let mut start = first.range.start;
    titles.push(first);
    while let Some(separator) = scan.char_before(start) {
        let at = start - separator.len_utf8();
        let next = match separator {
            '、' => one_before(scan, at),
            ',' | '，' => one_before(scan, at).filter(|t| opens_clause(scan, t.range.start)),
            _ => None,
        };
        let Some(title) = next else { break };
        start = title.range.start;
        titles.push(title);
    }
    titles.reverse();
    titles
}

/// Whether a title that starts at `start` opens its clause: punctuation, the
/// start of the text, or a preposition (`对北京市委常委，…`) comes before it.
fn opens_clause(scan: &Scan<'_>, start: usize) -> bool {
    match scan.char_before(start) {
        None => true,
        Some(c) if !is_han(c) => true,
        Some(_) => scan
            .token_before(start)
            .and_then(|i| scan.tokens.get(i))
            .is_some_and(|t| t.byte_end == start && t.tag == "p"),
    }
}

/// The one title that ends at `end`: organization, modifiers, office head.
fn one_before(scan: &Scan<'_>, end: usize) -> Option<TitleSpan> {
    let end = skip_qualifier(scan, end);
    let lists = scan.lists;
    let head = office_ending(scan, end)?;
    let mut office_start = head;
    for _ in 0..3 {
        match scan.word_ending(office_start, &lists.rank_modifiers) {
            Some(start) => office_start = start,
            None => break,
        }
    }
    let prefix_start = prefix_start(scan, office_start);
    let mut start = prefix_start;
    let mut organization = None;
    let prefix = prefix_start..office_start;
    if !prefix.is_empty() {
        if let Some(found) = scan.organization_in(&prefix) {
            // An organization the other stage found wins, and may widen the title.
            start = start.min(found.range.start);
            organization = Some(found.range.start..found.range.end.min(office_start));
        } else if names_body(scan.slice(prefix.clone())) {
            organization = Some(prefix);
        }
    }
    let office = strip_not_office(scan, office_start..end);
    Some(TitleSpan {
        range: start..end,
        office,
        organization,
    })
}

/// Whether a title's organization part names a body (`市委`, `香港中文大学(深圳)`)
/// rather than a place (`龙岗区`, `国家`), by its last character before any brackets.
fn names_body(prefix: &str) -> bool {
    let bare = match prefix.strip_suffix(')') {
        Some(inner) => inner
            .rfind('(')
            .and_then(|open| inner.get(..open))
            .unwrap_or(inner),
        None => prefix,
    };
    bare.ends_with(BODY_ENDS)
}

/// `原副主任` → `副主任`: the office without words that only date it.
fn strip_not_office(scan: &Scan<'_>, office: Range<usize>) -> Range<usize> {
    let word = scan.slice(office.clone());
    NOT_OFFICE
        .iter()
        .find(|w| word.len() > w.len() && word.starts_with(*w))
        .map_or(office.clone(), |w| office.start + w.len()..office.end)
}

/// Before a bracketed qualifier after an office (`副区长(提名人选)`), the
/// office ends at the bracket.
fn skip_qualifier(scan: &Scan<'_>, end: usize) -> usize {
    if scan.char_before(end) != Some(')') {
        return end;
    }
    let Some(head) = scan.text.get(..end) else {
        return end;
    };
    let open = head.rfind('(').filter(|&open| end - open <= 30);
    match open {
        Some(open) if office_ending(scan, open).is_some() => open,
        _ => end,
    }
}

/// Where the organization or place part before `end` starts (`end` itself when there is none).
fn prefix_start(scan: &Scan<'_>, end: usize) -> usize {
    let Some(mut index) = scan.token_before(end) else {
        return end;
    };
    let mut start = end;
    // The head may begin inside a word (`局局长`, `市委书记`): the rest of it belongs here.
    if let Some(token) = scan.tokens.get(index) {
        if token.byte_end > end {
            if !token.word.chars().all(is_han) {
                return end;
            }
            start = token.byte_start;
            let Some(previous) = index.checked_sub(1) else {
                return start;
            };
            index = previous;
        }
    }
    let mut open_brackets = 0usize;
    while let Some(token) = scan.tokens.get(index) {
        if token.byte_end != start || end - token.byte_start > LONGEST_PREFIX {
            break;
        }
        let word = token.word;
        let takes = match word {
            ")" | "）" => {
                open_brackets += 1;
                true
            }
            "(" | "（" if open_brackets > 0 => {
                open_brackets -= 1;
                true
            }
            "和" | "及" => index
                .checked_sub(1)
                .and_then(|i| scan.tokens.get(i))
                .is_some_and(|t| nominal(scan, t.word, t.tag, start, end)),
            _ => nominal(scan, word, token.tag, start, end),
        };
        if !takes {
            break;
        }
        start = token.byte_start;
        let Some(previous) = index.checked_sub(1) else {
            break;
        };
        index = previous;
    }
    if open_brackets > 0 {
        // An unmatched `)`: drop everything up to and including it.
        return unmatched_bracket_end(scan, start, end).unwrap_or(end);
    }
    start
}

/// The end of the last unmatched closing bracket in `start..end`.
fn unmatched_bracket_end(scan: &Scan<'_>, start: usize, end: usize) -> Option<usize> {
    let part = scan.text.get(start..end)?;
    let mut depth = 0i32;
    let mut cut = None;
    for (i, c) in part.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth == 0 => cut = Some(start + i + c.len_utf8()),
            ')' | '）' => depth -= 1,
            _ => {}
        }
    }
    cut
}

/// Whether a jieba word can be part of a title's organization or place.
fn nominal(scan: &Scan<'_>, word: &str, tag: &str, next: usize, office_start: usize) -> bool {
    if scan.lists.title_inner_words.contains(word) {
        return true;
    }
    // jieba tags some verbs of meeting as nouns (`金边会见/n 联合国秘书长`), and
    // two offices are verbs too (`代表中共中央…`, `领导全市…`).
    if scan.lists.speech_verbs.contains(word) || VERB_LIKE_OFFICES.contains(&word) {
        return false;
    }
    match tag {
        "n" | "nt" | "ns" | "nz" | "j" | "b" | "vn" | "zg" | "ng" | "an" | "eng" => true,
        // Ordinals inside names of bodies and terms (`第三中心医院`, `第十八届中央委员`).
        "m" => word.starts_with('第'),
        // jieba tags some place and company names `nr` (`龙岗区委`, `中源信诚(北京)…公司`):
        // one with more of the organization after it, never one right before the office.
        "nr" | "nrt" | "nrfg" => next < office_start,
        _ => false,
    }
}

/// An affiliation label right before a name (`县工作专班刘彩凤`): a body named
/// without an office. The title's text and organization are the label; its
/// office is empty.
pub(super) fn affiliation_before(scan: &Scan<'_>, end: usize) -> Option<TitleSpan> {
    let start = prefix_start(scan, end);
    let label = start..end;
    let by_organization = scan
        .organization_in(&label)
        .filter(|o| o.range.end == end)
        .map(|o| o.range.start.min(start)..end);
    let range = by_organization.or_else(|| {
        let word = scan.slice(label.clone());
        (word.chars().nth(1).is_some() && names_body(word)).then_some(label)
    })?;
    Some(TitleSpan {
        range: range.clone(),
        office: end..end,
        organization: Some(range),
    })
}

/// The office written right after a name (`张晓麟市长`, `县委马辉书记` → `书记`),
/// when something that may follow a name comes after it.
pub(super) fn after(scan: &Scan<'_>, start: usize) -> Option<TitleSpan> {
    // The office is whole words: `代表团` holds no office `代表`, `严肃查处长沙` no `处长`.
    scan.token_starting(start)?;
    let end = office_starting(scan, start)?;
    if VERB_LIKE_OFFICES.contains(&scan.slice(start..end)) {
        return None;
    }
    let closes = match scan.char_at(end) {
        None => true,
        Some(c) => !is_han(c) || scan.token_starting(end).is_some(),
    };
    closes.then(|| TitleSpan {
        range: start..end,
        office: strip_not_office(scan, start..end),
        organization: None,
    })
}

/// Whether an office that is as often a verb follows right after a name
/// (`李明代表市政府…`): no title, but evidence that the word before is a name.
pub(super) fn verb_like_office_after(scan: &Scan<'_>, start: usize) -> bool {
    VERB_LIKE_OFFICES.iter().any(|o| {
        scan.text
            .get(start..)
            .is_some_and(|rest| rest.starts_with(o))
            && scan.token_starting(start).is_some()
    })
}

/// A title in brackets right after a name (`张三(龙岗区区长)`).
pub(super) fn bracketed_after(scan: &Scan<'_>, start: usize) -> Option<TitleSpan> {
    if scan.char_at(start) != Some('(') {
        return None;
    }
    let inner = start + 1;
    let close = inner + scan.text.get(inner..)?.find(')')?;
    if close - inner > LONGEST_PREFIX {
        return None;
    }
    one_before(scan, close).filter(|t| t.range.start == inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEXICON;
    use crate::segment::Segmenter;
    use crate::text::Text;

    fn titles_before_last_name(input: &str, name: &str) -> Vec<(String, String, Option<String>)> {
        let text = Text::new(input);
        let segmenter = Segmenter::Shared;
        let tokens = segmenter.tag(&text);
        let scan = Scan::new(&text, &tokens, &LEXICON, &[]);
        let at = text.as_str().rfind(name).expect("name in text");
        before(&scan, at)
            .into_iter()
            .map(|t| {
                (
                    scan.slice(t.range).to_string(),
                    scan.slice(t.office).to_string(),
                    t.organization.map(|o| scan.slice(o).to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn title_is_read_backwards_to_the_verb() {
        let titles = titles_before_last_name("会议邀请市交通局局长赵明出席。", "赵明");
        assert_eq!(
            titles,
            [(
                "市交通局局长".into(),
                "局长".into(),
                Some("市交通局".into())
            )]
        );
    }

    #[test]
    fn former_is_kept_in_the_text_but_not_in_the_office() {
        let titles = titles_before_last_name("区政协原副主席钱进接受审查。", "钱进");
        assert_eq!(titles[0].0, "区政协原副主席");
        assert_eq!(titles[0].1, "副主席");
    }

    #[test]
    fn a_place_before_the_office_is_no_organization() {
        let titles = titles_before_last_name("江北区副区长孙立出席。", "孙立");
        assert_eq!(titles[0].0, "江北区副区长");
        assert_eq!(titles[0].2, None);
    }
}
