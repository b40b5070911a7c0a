//! People: named persons with their titles and affiliations.
//!
//! A name is kept where the text gives evidence for it, never for its shape
//! alone:
//! - a title just before it (`龙岗区委书记张礼卫`), and then every name of a
//!   list that follows with `、`, each with that shared title;
//! - an office just after it (`张晓麟市长`) or a title in brackets (`张三(区长)`);
//! - a verb of speech or attendance or `同志` after it (`张礼卫表示`);
//! - jieba's `nr` tag on a name of three characters, or of two beside a list
//!   separator; a word the text also writes as a place (`龙岗` beside `龙岗区`),
//!   an everyday word (`高水平`) or a word right after a digit (`2020胡润…`) is
//!   not one.
//!
//! Every other occurrence of a kept name is a mention of the same person.
//! Names inside credit lines are claimed earlier and stay in `credits`.
//! Surname + office alone (`黄市长`) is not a person.
//!
//! Examples that prove these rules: fixtures/corpus/person.toml

mod names;
mod scan;
mod titles;

use std::ops::Range;

use crate::claims::Claims;
use crate::lexicon::Lexicon;
use crate::segment::Token;
use crate::text::Text;
use crate::{Organization, Person, Title};

use scan::{OrganizationSpan, Scan, is_han};
use titles::TitleSpan;

/// A name found in the text with the titles written around this occurrence.
#[derive(Debug)]
struct Found {
    name: Range<usize>,
    titles: Vec<TitleSpan>,
}

/// Every named person outside credit lines, one entry per person.
pub(crate) fn extract(
    text: &Text<'_>,
    tokens: &[Token<'_>],
    organizations: &[Organization],
    claims: &Claims,
    lexicon: &Lexicon,
) -> Vec<Person> {
    let mut spans: Vec<OrganizationSpan> = organizations
        .iter()
        .flat_map(|o| &o.mentions)
        .map(|m| OrganizationSpan {
            range: text.normalized_range(m.byte_start..m.byte_end),
        })
        .collect();
    spans.sort_by_key(|s| s.range.start);
    let scan = Scan {
        text: text.as_str(),
        tokens,
        lexicon,
        organizations: spans,
    };
    let mut found = find(&scan, claims);
    find_dotted(&scan, claims, &mut found);
    found.sort_by_key(|f| f.name.start);
    find_repeats(&scan, claims, &mut found);
    build(text, &scan, found)
}

/// Names with local evidence, in text order, with the lists that follow them.
fn find(scan: &Scan<'_>, claims: &Claims) -> Vec<Found> {
    let mut found = Vec::new();
    let mut resume = 0;
    for index in 0..scan.tokens.len() {
        let Some(token) = scan.tokens.get(index) else {
            break;
        };
        if token.byte_start < resume || !token.word.starts_with(is_han) {
            continue;
        }
        let Some(first) = person_at(scan, index, claims) else {
            continue;
        };
        // A title before a list of names applies to each name.
        let shared: Vec<TitleSpan> = first
            .titles
            .iter()
            .filter(|t| t.range.end <= first.name.start)
            .cloned()
            .collect();
        resume = resume_after(&first);
        let mut end = first.name.end;
        found.push(first);
        while let Some(name) = list_item_after(scan, end, claims) {
            let mut item = Found {
                name,
                titles: shared.clone(),
            };
            item.titles.extend(titles_after(scan, item.name.end));
            end = item.name.end;
            resume = resume_after(&item);
            found.push(item);
        }
    }
    found
}

/// Where scanning goes on after a found name and the titles written after it.
fn resume_after(found: &Found) -> usize {
    found
        .titles
        .iter()
        .map(|t| t.range.end)
        .fold(found.name.end, usize::max)
}

/// The person whose name starts at token `index`, when the text gives evidence.
fn person_at(scan: &Scan<'_>, index: usize, claims: &Claims) -> Option<Found> {
    let token = scan.tokens.get(index)?;
    let start = token.byte_start;
    let mut titles = titles::before(scan, start);
    let chinese = names::chinese_name_at(scan, start).filter(|name| plausible_words(scan, name));
    let name = chinese
        .clone()
        .or_else(|| names::foreign_name_at(scan, index))?;
    if claims.overlaps(&name) || !free_standing(scan, &name) {
        return None;
    }
    // jieba saw a name here: a word tagged `nr` of two or more characters; or
    // it cut a lone surname off (`侯|建国`).
    let tagged = names::is_name_tag(token.tag) && token.word.chars().nth(1).is_some();
    let cut = chinese.is_some() && token.word.chars().nth(1).is_none();
    // An office after a word needs jieba's word for a name: `中央宣讲团成员`
    // is no person 宣讲团.
    if tagged {
        titles.extend(titles_after(scan, name.end));
    }
    let characters = scan.slice(name.clone()).chars().count();
    let evidence = !titles.is_empty()
        || ((tagged || cut) && names::speech_follows(scan, name.end))
        || (tagged && characters >= 3)
        || (tagged && listed(scan, &name))
        || (tagged && recurring(scan, token.word));
    evidence.then_some(Found { name, titles })
}

/// Whether jieba tags `word` as a name three times or more in the text: a
/// person the article is about (`刘争`), named without title or verb.
fn recurring(scan: &Scan<'_>, word: &str) -> bool {
    scan.tokens
        .iter()
        .filter(|t| t.word == word && names::is_name_tag(t.tag))
        .nth(2)
        .is_some()
}

/// Whether a name stands in a list: `、` right before or after it.
fn listed(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    [scan.char_before(name.start), scan.char_at(name.end)].contains(&Some('、'))
}

/// Whether jieba's words inside a name are of kinds a name can be cut into:
/// not particles, adverbs, prepositions, numerals (`高兴|地` is no name).
fn plausible_words(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    let first = scan.tokens.partition_point(|t| t.byte_end <= name.start);
    scan.tokens
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|t| t.byte_start < name.end)
        .enumerate()
        .all(|(i, t)| {
            // jieba tags a lone surname as almost anything (`任/r 京东`, `顾/v 佾`),
            // but a preposition or conjunction there is one (`向市民…`, `于近期…`).
            let lone_surname = i == 0
                && t.word.chars().nth(1).is_none()
                && !matches!(t.tag.as_bytes().first(), Some(b'p' | b'c' | b'u'));
            lone_surname
                || !matches!(
                    t.tag.as_bytes().first(),
                    Some(b'u' | b'd' | b'p' | b'c' | b'r' | b'm' | b'q' | b'y' | b'e' | b'o')
                )
        })
}

/// Whether a name stands on its own: not an everyday word, not glued to a
/// digit or Latin letter before it (`2020胡润…` is a brand), not a place the
/// text also writes with a place suffix (`龙岗` beside `龙岗区`).
fn free_standing(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    let glued = scan
        .char_before(name.start)
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let word = scan.slice(name.clone());
    !glued
        && !scan.lexicon.not_names.contains(word)
        && !scan.lexicon.world_places.contains(word)
        && !names::is_place_in_text(scan, name)
}

/// The titles written right after a name: an office, or a title in brackets.
fn titles_after(scan: &Scan<'_>, end: usize) -> Vec<TitleSpan> {
    titles::after(scan, end)
        .or_else(|| titles::bracketed_after(scan, end))
        .into_iter()
        .collect()
}

/// The next name of a list after `、` at `end`.
fn list_item_after(scan: &Scan<'_>, end: usize, claims: &Claims) -> Option<Range<usize>> {
    if scan.char_at(end) != Some('、') {
        return None;
    }
    let start = end + '、'.len_utf8();
    let name = names::chinese_name_at(scan, start)
        .filter(|name| plausible_words(scan, name))
        .or_else(|| names::foreign_name_at(scan, scan.token_starting(start)?))?;
    (!claims.overlaps(&name) && free_standing(scan, &name)).then_some(name)
}

/// Foreign names written with a middle dot (`阿卜杜拉·买买提`).
fn find_dotted(scan: &Scan<'_>, claims: &Claims, found: &mut Vec<Found>) {
    let mut after = 0;
    for (dot, c) in scan.text.char_indices() {
        if dot < after || !names::is_name_dot(c) {
            continue;
        }
        let Some(name) = names::dotted_name_around(scan, dot) else {
            continue;
        };
        after = name.end;
        let taken = found
            .iter()
            .any(|f| f.name.start < name.end && name.start < f.name.end);
        if taken || claims.overlaps(&name) {
            continue;
        }
        let mut titles = titles::before(scan, name.start);
        titles.extend(titles_after(scan, name.end));
        found.push(Found { name, titles });
    }
}

/// Every other occurrence of a found name, where a name may end, is a mention.
fn find_repeats(scan: &Scan<'_>, claims: &Claims, found: &mut Vec<Found>) {
    let mut names: Vec<&str> = found
        .iter()
        .map(|f| scan.slice(f.name.clone()))
        .filter(|n| n.chars().count() >= 2)
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut more = Vec::new();
    for name in names {
        for (start, _) in scan.text.match_indices(name) {
            let range = start..start + name.len();
            let taken = found
                .iter()
                .chain(&more)
                .any(|f: &Found| f.name.start < range.end && range.start < f.name.end);
            let glued = scan.char_before(start).is_some_and(names::is_name_dot);
            if taken || glued || claims.overlaps(&range) || !names::ends_name(scan, range.end) {
                continue;
            }
            let mut titles = titles::before(scan, start);
            titles.extend(titles_after(scan, range.end));
            more.push(Found {
                name: range,
                titles,
            });
        }
    }
    found.extend(more);
    found.sort_by_key(|f| f.name.start);
}

/// One person per name, in order of first mention, with the union of titles.
fn build(text: &Text<'_>, scan: &Scan<'_>, found: Vec<Found>) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for f in found {
        let key = scan.slice(f.name.clone());
        let mention = text.mention(f.name.clone());
        let at = match keys.iter().position(|k| *k == key) {
            Some(at) => at,
            None => {
                keys.push(key);
                people.push(Person {
                    name: mention.text.clone(),
                    titles: Vec::new(),
                    mentions: Vec::new(),
                });
                people.len() - 1
            }
        };
        let Some(person) = people.get_mut(at) else {
            continue;
        };
        person.mentions.push(mention);
        for span in f.titles {
            let title = to_title(text, &span);
            match person.titles.iter_mut().find(|t| t.text == title.text) {
                Some(known) => known.mentions.extend(title.mentions),
                None => person.titles.push(title),
            }
        }
    }
    people
}

/// The output form of a title span.
fn to_title(text: &Text<'_>, span: &TitleSpan) -> Title {
    let mention = text.mention(span.range.clone());
    Title {
        text: mention.text.clone(),
        title: text.mention(span.office.clone()).text,
        organization: span
            .organization
            .as_ref()
            .map(|o| text.mention(o.clone()).text),
        mentions: vec![mention],
    }
}
