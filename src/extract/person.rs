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
mod plausible;
mod scan;
mod titles;

use std::collections::HashMap;
use std::ops::Range;

use crate::claims::Claims;
use crate::lexicon::{FastHash, Lexicon};
use crate::segment::Token;
use crate::text::Text;
use crate::{Organization, Person, Title};

use scan::{Scan, is_han};
use titles::TitleSpan;

/// A name found in the text with the titles written around this occurrence.
#[derive(Debug)]
struct Found {
    name: Range<usize>,
    titles: Vec<TitleSpan>,
    /// For a mention by surname and office (`徐校长`), where the person's full name is written.
    person: Option<Range<usize>>,
}

/// Every named person outside credit lines, one entry per person.
pub(crate) fn extract(
    text: &Text<'_>,
    tokens: &[Token<'_>],
    organizations: &[Organization],
    claims: &Claims,
    lexicon: &Lexicon,
) -> Vec<Person> {
    let scan = Scan::new(text, tokens, lexicon, organizations);
    let mut found = find(&scan, claims);
    find_dotted(&scan, claims, &mut found);
    found.sort_by_key(|f| f.name.start);
    find_repeats(&scan, claims, &mut found);
    find_by_office(&scan, claims, &mut found);
    build(text, &scan, found)
}

/// Names with local evidence, in text order, with the lists that follow them.
fn find(scan: &Scan<'_>, claims: &Claims) -> Vec<Found> {
    let mut found = Vec::new();
    let mut resume = 0;
    // Most words can start no name: only a word tagged as a name or one that
    // starts with a surname's first character is looked at.
    let surnames = &scan.lists.surnames;
    let mut starts = Vec::new();
    for (index, token) in scan.tokens.iter().enumerate() {
        if names::is_name_tag(token.tag)
            || token
                .word
                .chars()
                .next()
                .is_some_and(|c| surnames.may_start(c))
        {
            starts.push(index);
        }
    }
    for index in starts {
        let Some(token) = scan.tokens.get(index) else {
            break;
        };
        if token.byte_start < resume || !token.word.starts_with(is_han) {
            continue;
        }
        let Some(first) =
            person_at(scan, index, claims).or_else(|| glued_person_at(scan, index, claims))
        else {
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
                person: None,
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
    // Most words can start no name: look no further at them.
    let name_tagged = names::is_name_tag(token.tag);
    let titles_here = titles::before(scan, token.byte_start);
    // A word of two characters or more that jieba does not tag as a name
    // (`高速`, `方面`) has no evidence but a title before it: every other
    // kind asks for jieba's tag or a lone surname, and a Chinese name holds
    // no middle dot. Most such words have none (told before the surname is
    // looked up: most words looked at are such).
    if !name_tagged && token.word.chars().nth(1).is_some() && titles_here.is_empty() {
        return None;
    }
    let surname = names::surname_at(scan, token.byte_start).is_some();
    if !name_tagged && !surname {
        return None;
    }
    let chinese = surname
        .then(|| names::chinese_name_at(scan, token.byte_start, !titles_here.is_empty()))
        .flatten()
        .filter(|name| plausible_words(scan, name));
    let foreign = names::foreign_name_at(scan, index);
    // A foreign reading wins where jieba says so or where it reaches further
    // (`泽|连斯基` is no Chinese 连斯基).
    let (name, is_foreign) = match (chinese, foreign) {
        (Some(c), Some(f)) if f.start < c.start || f.end > c.end || token.tag == "nrt" => (f, true),
        (Some(c), _) => (c, false),
        (None, Some(f)) => (f, true),
        (None, None) => return None,
    };
    let name = if is_foreign {
        plausible::foreign_extent(scan, name)
    } else {
        name
    };
    if claims.overlaps(&name) {
        return None;
    }
    let mut titles = if name.start == token.byte_start {
        titles_here
    } else {
        titles::before(scan, name.start)
    };
    // jieba saw a name here: a word tagged `nr` of two or more characters, or a
    // lone surname before such a word (`丁|薛祥`). A lone surname before any
    // other word is a name that jieba cut (`侯|建国`).
    let lone = token.word.chars().nth(1).is_none();
    let next_tagged = scan
        .tokens
        .get(index + 1)
        .is_some_and(|t| t.byte_end <= name.end && names::is_name_tag(t.tag));
    let tagged = (names::is_name_tag(token.tag) && !lone) || (lone && next_tagged);
    let cut = lone && !is_foreign;
    // An office after a word needs jieba's word for a name: `市宣讲团成员`
    // is no person 宣讲团.
    if tagged {
        titles.extend(titles_after(scan, name.end));
    }
    let word = scan.slice(name.clone());
    let characters = word.chars().count();
    // A foreign word alone is as often a place (`顿涅茨克`) as a person.
    let evidence = !titles.is_empty()
        || ((tagged || cut) && names::speech_follows(scan, name.end))
        || (tagged && titles::verb_like_office_after(scan, name.end))
        || word.contains(names::is_name_dot)
        || (tagged && !is_foreign && characters >= 3)
        || (tagged && listed(scan, &name))
        || (tagged && recurring(scan, token.word))
        || (tagged && !is_foreign && subject_follows(scan, name.end))
        || (tagged && is_foreign && characters >= 3 && foreign_stands_alone(scan, &name));
    if !evidence
        || !free_standing(scan, &name)
        || !plausible::is_person(scan, &name, !titles.is_empty(), is_foreign)
    {
        return None;
    }
    if titles.is_empty() {
        titles.extend(titles::affiliation_before(scan, name.start));
    }
    Some(Found {
        name,
        titles,
        person: None,
    })
}

/// Whether the jieba word after a name is one that follows the subject of a
/// clause (`申雪是…`, `张英与…`, `王芳在…`).
fn subject_follows(scan: &Scan<'_>, end: usize) -> bool {
    const SUBJECT_FOLLOWERS: &[&str] = &[
        "说", "是", "曾", "也", "又", "还", "就", "被", "把", "向", "对", "和", "与", "同", "跟",
        "在", "为", "因", "从",
    ];
    scan.token_starting(end)
        .and_then(|i| scan.tokens.get(i))
        .is_some_and(|t| SUBJECT_FOLLOWERS.contains(&t.word))
}

/// Whether a foreign word that jieba tags as a name stands where a person
/// does: not quoted (`“伊斯坎德尔”导弹`), not before a noun (`哈马斯组织`,
/// `布鲁金斯学会`), not after a preposition or noun of place
/// (`在顿涅茨克`, `城市谢利多沃`), not before `地区`, `方向` or a list of places.
fn foreign_stands_alone(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    const PLACE_BEFORE: &[&str] = &[
        "在",
        "于",
        "到",
        "至",
        "赴",
        "抵达",
        "前往",
        "位于",
        "控制",
        "控制了",
        "袭击",
        "袭击了",
        "从",
        "经",
        "途经",
        "城市",
        "重镇",
        "首都",
        "地区",
        "南部",
        "北部",
        "东部",
        "西部",
        "中部",
        "州",
        "省",
        "市",
        "离开",
        "访问",
        "打击",
        "和",
        "、",
    ];
    const PLACE_AFTER: &[&str] = &[
        "一带", "以东", "以西", "以南", "以北", "和", "、", "等地", "举行",
    ];
    let quoted = matches!(
        scan.char_before(name.start),
        Some('“' | '"' | '《' | '(' | '‘' | '「')
    ) || matches!(
        scan.char_at(name.end),
        Some('”' | '"' | '》' | ')' | '’' | '」')
    );
    let next = scan
        .token_starting(name.end)
        .and_then(|i| scan.tokens.get(i));
    let before_noun = next.is_some_and(|t| {
        t.tag.starts_with('n') && !names::is_name_tag(t.tag)
            || PLACE_AFTER.contains(&t.word)
            || t.word.ends_with(['市', '省', '州', '县', '区'])
    });
    // A hyphen joins places (`特拉维夫-雅法`); `的` after a place names one too.
    let joined = matches!(scan.char_at(name.end), Some('-' | '—' | '－'));
    let previous = scan
        .token_before(name.start)
        .and_then(|i| scan.tokens.get(i))
        .filter(|t| t.byte_end == name.start);
    let after_place = previous.is_some_and(|t| {
        PLACE_BEFORE.contains(&t.word) || t.tag == "ns" || scan.lists.world_places.contains(t.word)
    });
    !quoted && !before_noun && !joined && !after_place
}

/// Whether a name stands in a list of names: `、` and a word jieba tags as a
/// name right before or after it.
fn listed(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    let comma = '、'.len_utf8();
    let after = scan.char_at(name.end) == Some('、')
        && scan
            .token_starting(name.end + comma)
            .and_then(|i| scan.tokens.get(i))
            .is_some_and(|t| names::is_name_tag(t.tag));
    let before = scan.char_before(name.start) == Some('、')
        && scan
            .token_before(name.start - comma)
            .and_then(|i| scan.tokens.get(i))
            .is_some_and(|t| names::is_name_tag(t.tag));
    after || before
}

/// Whether jieba tags `word` as a name three times or more in the text: a
/// person the article is about (`刘争`), named without title or verb.
fn recurring(scan: &Scan<'_>, word: &str) -> bool {
    scan.name_count(word) >= 3
}

/// A person whose surname jieba glued to the word before (`专班林|秀英`): a
/// two-character word tagged as a name after a word that ends in a surname,
/// with a title before or a verb of speech after.
fn glued_person_at(scan: &Scan<'_>, index: usize, claims: &Claims) -> Option<Found> {
    let token = scan.tokens.get(index)?;
    if !names::is_name_tag(token.tag) || token.word.chars().count() != 2 {
        return None;
    }
    let previous = scan.tokens.get(index.checked_sub(1)?)?;
    let last = previous.word.chars().next_back()?;
    // A lone surname before a name word is read by `person_at`.
    previous.word.chars().nth(1)?;
    let start = token.byte_start.checked_sub(last.len_utf8())?;
    let name = start..token.byte_end;
    let surname = scan.slice(start..token.byte_start);
    if !scan.lists.surnames.contains(surname)
        || claims.overlaps(&name)
        || !names::ends_name(scan, &name)
    {
        return None;
    }
    let mut titles = titles::before(scan, start);
    let evidence = !titles.is_empty() || names::speech_follows(scan, name.end);
    if !evidence
        || !free_standing(scan, &name)
        || !plausible::is_person(scan, &name, !titles.is_empty(), false)
    {
        return None;
    }
    if titles.is_empty() {
        titles.extend(titles::affiliation_before(scan, start));
    }
    titles.extend(titles_after(scan, name.end));
    Some(Found {
        name,
        titles,
        person: None,
    })
}

/// Whether jieba's words inside a name are of kinds a name can be cut into:
/// not particles, adverbs, prepositions, numerals (`高兴|地` is no name), and
/// not one verb.
fn plausible_words(scan: &Scan<'_>, name: &Range<usize>) -> bool {
    let first = scan.token_after(name.start);
    // One verb is no name (`专家解读` is no expert 解读).
    let one_verb = scan.tokens.get(first).is_some_and(|t| {
        t.byte_start == name.start && t.byte_end == name.end && t.tag.starts_with('v')
    });
    if one_verb {
        return false;
    }
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
                    Some(b'u' | b'd' | b'p' | b'c' | b'r' | b'm' | b'y' | b'e' | b'o')
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
        && !scan.lists.not_names.contains(word)
        && !scan.lists.world_places.contains(word)
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
    let name = names::chinese_name_at(scan, start, false)
        .filter(|name| plausible_words(scan, name))
        .or_else(|| names::foreign_name_at(scan, scan.token_starting(start)?))?;
    (!claims.overlaps(&name) && free_standing(scan, &name)).then_some(name)
}

/// Foreign names written with a middle dot (`阿卜杜拉·买买提`).
fn find_dotted(scan: &Scan<'_>, claims: &Claims, found: &mut Vec<Found>) {
    let mut after = 0;
    for dot in names::NAME_DOT.find_iter(scan.text).map(|m| m.start()) {
        if dot < after {
            continue;
        }
        let Some(name) = names::dotted_name_around(scan, dot) else {
            continue;
        };
        let name = plausible::dotted_extent(scan, name);
        after = name.end;
        if claims.overlaps(&name) {
            continue;
        }
        let mut titles = titles::before(scan, name.start);
        titles.extend(titles_after(scan, name.end));
        // A part found on its own (`洛朗·圣-马丁` read as 马丁) gives way to the whole.
        let overlapping = |f: &Found| f.name.start < name.end && name.start < f.name.end;
        let inside = |f: &Found| name.start <= f.name.start && f.name.end <= name.end;
        if found.iter().any(|f| overlapping(f) && !inside(f)) {
            continue;
        }
        found.retain(|f| !overlapping(f));
        found.push(Found {
            name,
            titles,
            person: None,
        });
    }
}

/// Every other occurrence of a found name, where a name may end, is a mention.
/// `found` is sorted by start.
fn find_repeats(scan: &Scan<'_>, claims: &Claims, found: &mut Vec<Found>) {
    // Each name with the starts where it was found, grouped by sorting once.
    let mut named: Vec<(&str, usize)> = found
        .iter()
        .map(|f| (scan.slice(f.name.clone()), f.name.start))
        .filter(|(n, _)| n.chars().nth(1).is_some())
        .collect();
    named.sort_unstable();
    let reach = Reach::of(found);
    let mut more = Vec::new();
    let mut known = Vec::new();
    for group in named.chunk_by(|a, b| a.0 == b.0) {
        let Some(&(name, _)) = group.first() else {
            continue;
        };
        known.clear();
        known.extend(group.iter().map(|&(_, at)| at));
        for start in scan.occurrences(name, &known) {
            let range = start..start + name.len();
            let taken = reach.overlaps(found, &range)
                || more
                    .iter()
                    .any(|f: &Found| f.name.start < range.end && range.start < f.name.end);
            let glued = scan.char_before(start).is_some_and(names::is_name_dot);
            if taken || glued || claims.overlaps(&range) || !names::ends_name(scan, &range) {
                continue;
            }
            let mut titles = titles::before(scan, start);
            titles.extend(titles_after(scan, range.end));
            more.push(Found {
                name: range,
                titles,
                person: None,
            });
        }
    }
    found.extend(more);
    found.sort_by_key(|f| f.name.start);
}

/// `徐校长`, `张书记`: a surname and an office that a person found with that
/// surname holds is a mention of that person, when no other person found
/// has that surname. Surname and office alone make no person.
fn find_by_office(scan: &Scan<'_>, claims: &Claims, found: &mut Vec<Found>) {
    // The found names sorted, each with its place in `found`: a person's
    // mentions stand together, and so do the names that share a surname.
    let mut order: Vec<(&str, usize)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| (scan.slice(f.name.clone()), i))
        .collect();
    order.sort_unstable();
    // Each name once, at its first mention, in text order.
    let mut groups: Vec<&[(&str, usize)]> = order.chunk_by(|a, b| a.0 == b.0).collect();
    groups.sort_unstable_by_key(|group| group.first().map(|&(_, i)| i));
    let reach = Reach::of(found);
    let mut more = Vec::new();
    for group in groups {
        let Some((name, f)) = group
            .first()
            .and_then(|&(name, i)| Some((name, found.get(i)?)))
        else {
            continue;
        };
        let Some(surname) = names::surname_at(scan, f.name.start) else {
            continue;
        };
        // The names that start with the surname follow one another in `order`.
        let from = order.partition_point(|(other, _)| *other < surname);
        let shared = order
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|(other, _)| other.starts_with(surname))
            .any(|(other, _)| *other != name);
        if shared {
            continue;
        }
        let mut offices: Vec<&str> = group
            .iter()
            .filter_map(|&(_, i)| found.get(i))
            .flat_map(|g| &g.titles)
            .flat_map(|t| {
                let head = titles::office_ending(scan, t.office.end).unwrap_or(t.office.start);
                [
                    scan.slice(t.office.clone()),
                    scan.slice(head.max(t.office.start)..t.office.end),
                ]
            })
            .filter(|o| !o.is_empty())
            .collect();
        offices.sort_unstable();
        offices.dedup();
        if offices.is_empty() {
            continue;
        }
        for at in surname_starts(scan.text, surname) {
            let after = at + surname.len();
            let Some(office) = offices
                .iter()
                .filter(|o| {
                    scan.text
                        .get(after..)
                        .is_some_and(|rest| rest.starts_with(**o))
                })
                .max_by_key(|o| o.len())
            else {
                continue;
            };
            let range = at..after + office.len();
            let taken = reach.overlaps(found, &range)
                || more
                    .iter()
                    .any(|g: &Found| g.name.start < range.end && range.start < g.name.end);
            if taken || claims.overlaps(&range) {
                continue;
            }
            more.push(Found {
                name: range,
                titles: Vec::new(),
                person: Some(f.name.clone()),
            });
        }
    }
    found.extend(more);
    found.sort_by_key(|f| f.name.start);
}

/// The starts of `surname` in `text`, as `str::match_indices` finds them; a
/// surname of one character is looked for as a `char` (a byte search).
fn surname_starts<'t>(text: &'t str, surname: &'t str) -> Box<dyn Iterator<Item = usize> + 't> {
    let mut chars = surname.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Box::new(text.match_indices(c).map(|(at, _)| at)),
        _ => Box::new(text.match_indices(surname).map(|(at, _)| at)),
    }
}

/// The furthest end among the found names up to each, for names sorted by
/// start: one of them overlaps a range when the furthest end before the
/// range's end passes its start (a binary search, not a walk over all).
struct Reach(Vec<usize>);

impl Reach {
    /// The furthest ends of `found`, sorted by start.
    fn of(found: &[Found]) -> Self {
        debug_assert!(found.is_sorted_by_key(|f| f.name.start));
        Reach(
            found
                .iter()
                .scan(0, |far, f| {
                    *far = f.name.end.max(*far);
                    Some(*far)
                })
                .collect(),
        )
    }

    /// Whether a name of `found`, the names this was made of, overlaps `range`.
    fn overlaps(&self, found: &[Found], range: &Range<usize>) -> bool {
        let before = found.partition_point(|f| f.name.start < range.end);
        before
            .checked_sub(1)
            .and_then(|last| self.0.get(last))
            .is_some_and(|&end| range.start < end)
    }
}

/// One person per name, in order of first mention, with the union of titles.
fn build(text: &Text<'_>, scan: &Scan<'_>, found: Vec<Found>) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    // Where each person's name is in `people`.
    let mut keys: HashMap<&str, usize, FastHash> = HashMap::default();
    for f in found {
        let key = scan.slice(f.person.clone().unwrap_or(f.name.clone()));
        let mention = text.mention(f.name.clone());
        let at = *keys.entry(key).or_insert_with(|| {
            people.push(Person {
                name: mention.text.clone(),
                titles: Vec::new(),
                mentions: Vec::new(),
            });
            people.len() - 1
        });
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
