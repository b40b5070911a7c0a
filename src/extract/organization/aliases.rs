//! One entry per body: the forms that name it grouped, and every mention found.
//!
//! Forms of one body within an article:
//! - the same name written again;
//! - a short form whose characters come in order from the full name, not as
//!   one piece of it (`中科院` for `中国科学院`, `港中大(深圳)` for
//!   `香港中文大学(深圳)`, `江州仁和医院` for `江州东城仁和医院`). A piece
//!   (`香港中文大学` in `香港中文大学(深圳)`) names another body;
//! - a bare reference (`区政府`, `市卫健委`) for the one body of that level and
//!   type the article names in full (`龙岗区人民政府`).
//!
//! Mentions are every occurrence of any form, the longest winning where they overlap.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::claims::Claims;
use crate::segment::{Token, Tokens};
use crate::text::Text;
use crate::{Organization, OrganizationKind};

use super::grammar::Candidate;
use super::units::{MAX_QUALIFIER_BYTES, Words, key_at};

/// A body and the forms that name it.
#[derive(Debug)]
struct Body<'s> {
    kind: OrganizationKind,
    /// Normalized forms; `true` marks the body's own names, `false` its short forms.
    forms: Vec<(&'s str, bool)>,
}

/// Groups candidates into bodies, resolves short forms, and finds every mention.
pub(super) fn organizations<'t>(
    text: &'t Text<'_>,
    tokens: &Tokens<'t>,
    candidates: &[Candidate],
    claims: &Claims,
) -> Vec<Organization> {
    if candidates.is_empty() {
        return Vec::new();
    }
    let s = text.as_str();
    let mut bodies: Vec<Body<'_>> = Vec::new();
    for candidate in candidates.iter().filter(|c| c.bare.is_none()) {
        // A department is a form of the body it belongs to (财政部金融司 of 财政部).
        let (name, department) = match &candidate.owner {
            Some(owner) => (&s[owner.clone()], Some(&s[candidate.range.clone()])),
            None => (&s[candidate.range.clone()], None),
        };
        let at = match bodies
            .iter()
            .position(|b| b.forms.iter().any(|(f, _)| *f == name))
        {
            Some(at) => at,
            None => {
                bodies.push(Body {
                    kind: candidate.kind,
                    forms: vec![(name, true)],
                });
                bodies.len() - 1
            }
        };
        if let Some(form) = department {
            if !bodies[at].forms.iter().any(|(f, _)| *f == form) {
                bodies[at].forms.push((form, false));
            }
        }
    }
    add_declared_short_forms(s, candidates, &mut bodies);
    merge_short_forms(&mut bodies);
    let marks = marks(s, &opening_filter(s, candidates, &bodies));
    add_short_words(s, tokens, candidates, claims, &marks, &mut bodies);
    for candidate in candidates {
        if let Some(level) = candidate.bare {
            let form = &s[candidate.range.clone()];
            if bodies
                .iter()
                .any(|b| b.forms.iter().any(|(f, _)| *f == form))
            {
                continue;
            }
            match resolve_bare(form, level, candidate.kind, &bodies) {
                Some(at) => bodies[at].forms.push((form, false)),
                None => bodies.push(Body {
                    kind: candidate.kind,
                    forms: vec![(form, true)],
                }),
            }
        }
    }
    let mentions = mentions(s, &bodies, claims, &marks);
    // Each body's mentions, in text order.
    let mut by_body: Vec<Vec<&(Range<usize>, usize)>> = vec![Vec::new(); bodies.len()];
    for mention in &mentions {
        if let Some(ranges) = by_body.get_mut(mention.1) {
            ranges.push(mention);
        }
    }
    let mut out: Vec<(usize, Organization)> = Vec::with_capacity(bodies.len());
    for (body, ranges) in bodies.iter().zip(by_body) {
        let Some((first, _)) = ranges.first() else {
            continue;
        };
        // As written: where the form stands alone, else inside a longer form (the body
        // named only with a department, 东海理工大学化学系).
        let written = |form: &str| {
            ranges
                .iter()
                .find(|(range, _)| &s[range.clone()] == form)
                .or_else(|| {
                    ranges
                        .iter()
                        .find(|(range, _)| s[range.clone()].contains(form))
                })
                .and_then(|(range, _)| {
                    let at = range.start + s[range.clone()].find(form)?;
                    Some(text.original_slice(at..at + form.len()).to_string())
                })
        };
        let name_form = body
            .forms
            .iter()
            .filter(|(_, own)| *own)
            .map(|(form, _)| *form)
            .max_by_key(|form| form.chars().count())
            .unwrap_or_default();
        let Some(name) = written(name_form) else {
            continue;
        };
        let mut aliases: Vec<(usize, String)> = body
            .forms
            .iter()
            .filter(|(form, _)| *form != name_form)
            .filter_map(|(form, _)| {
                let (range, _) = ranges.iter().find(|(r, _)| &s[r.clone()] == *form)?;
                Some((range.start, text.original_slice(range.clone()).to_string()))
            })
            .collect();
        aliases.sort();
        out.push((
            first.start,
            Organization {
                name,
                kind: body.kind,
                aliases: aliases.into_iter().map(|(_, a)| a).collect(),
                mentions: ranges
                    .iter()
                    .map(|(r, _)| text.mention(r.clone()))
                    .collect(),
            },
        ));
    }
    out.sort_by_key(|(first, _)| *first);
    out.into_iter().map(|(_, o)| o).collect()
}

/// A short form declared after a name: `(以下简称“南山区政府”)`, `(简称深大)`.
static DECLARED_SHORT_FORM: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r#"(?x)
        ^\(\s*
        (?:以下)?(?:简称|下称|称)(?:为)?   # 以下简称, 简称, 下称
        [:\s]*
        ["“‘']?
        ([^()"“”‘',，。、;；:\s]{2,20}?)  # the short form
        ["”’']?
        \s*\)"#,
    )
    .expect("valid regex")
});

/// Adds short forms that the text declares right after a name; the body already found
/// under that form, if any, joins the named one.
fn add_declared_short_forms<'s>(s: &'s str, candidates: &[Candidate], bodies: &mut Vec<Body<'s>>) {
    for candidate in candidates.iter().filter(|c| c.bare.is_none()) {
        let rest = &s[candidate.range.end..];
        // The pattern opens with a bracket: most names have none after them.
        if !rest.starts_with('(') {
            continue;
        }
        let Some(short) = DECLARED_SHORT_FORM.captures(rest).and_then(|c| c.get(1)) else {
            continue;
        };
        let full = &s[candidate.range.clone()];
        let short = &rest[short.range()];
        let Some(owner) = bodies
            .iter()
            .position(|b| b.forms.iter().any(|(f, _)| *f == full))
        else {
            continue;
        };
        match bodies
            .iter()
            .position(|b| b.forms.iter().any(|(f, _)| *f == short))
        {
            Some(other) if other == owner => {}
            Some(other) => {
                let moved: Vec<(&str, bool)> = bodies[other]
                    .forms
                    .iter()
                    .map(|(f, _)| (*f, false))
                    .collect();
                bodies[owner].forms.extend(moved);
                bodies.remove(other);
            }
            None => bodies[owner].forms.push((short, false)),
        }
    }
}

/// Whether `short` abbreviates `full`: its characters come from `full` in order,
/// not as one piece, starting within the first two and ending within the last three.
fn abbreviates(short: &str, full: &str) -> bool {
    let (Some(first), Some(last)) = (short.chars().next(), short.chars().next_back()) else {
        return false;
    };
    // The cheap tests first: most pairs of names differ in their first characters.
    if !full.chars().take(2).any(|c| c == first) {
        return false;
    }
    let full_chars = full.chars().count();
    if !full
        .chars()
        .skip(full_chars.saturating_sub(3))
        .any(|c| c == last)
    {
        return false;
    }
    let short_chars = short.chars().count();
    if short_chars < 2 || short_chars >= full_chars || full.contains(short) {
        return false;
    }
    let mut rest = full.chars();
    short.chars().all(|c| rest.any(|f| f == c))
}

/// The one body that `form` abbreviates, if exactly one.
fn abbreviated(form: &str, bodies: &[Body<'_>]) -> Option<usize> {
    let mut found = None;
    for (at, body) in bodies.iter().enumerate() {
        if body
            .forms
            .iter()
            .any(|(full, own)| *own && abbreviates(form, full))
        {
            if found.is_some() {
                return None;
            }
            found = Some(at);
        }
    }
    found
}

/// Folds bodies named by a short form of another body's name into that body.
fn merge_short_forms(bodies: &mut Vec<Body<'_>>) {
    let mut order: Vec<usize> = (0..bodies.len()).collect();
    order.sort_by_key(|&at| bodies[at].forms[0].0.chars().count());
    let mut gone = vec![false; bodies.len()];
    for at in order {
        let form = bodies[at].forms[0].0;
        let kind = bodies[at].kind;
        let mut target = None;
        for (other, body) in bodies.iter().enumerate() {
            let fits = other != at
                && !gone[other]
                && body.kind == kind
                && body
                    .forms
                    .iter()
                    .any(|(full, own)| *own && abbreviates(form, full));
            if fits {
                // Two bodies it could abbreviate: it names neither for sure.
                target = if target.is_none() {
                    Some(other)
                } else {
                    Some(usize::MAX)
                };
            }
        }
        if let Some(target) = target.filter(|&t| t != usize::MAX) {
            let moved: Vec<(&str, bool)> =
                bodies[at].forms.iter().map(|(f, _)| (*f, false)).collect();
            bodies[target].forms.extend(moved);
            gone[at] = true;
        }
    }
    let mut at = 0;
    bodies.retain(|_| {
        at += 1;
        !gone[at - 1]
    });
}

/// Adds words jieba takes for names (`中科院`, `港|科大`: up to three in a row) that
/// abbreviate one body, with the qualifier after them (`港科大(广州)`).
///
/// Such a form opens with one of the first two characters of a name, goes on with
/// characters of it and ends with one of its last three, so only the stretches of text
/// that hold such a piece are tagged: a run of words jieba tags as names crosses no
/// punctuation unless the dictionary names a symbol.
fn add_short_words<'s>(
    s: &'s str,
    tokens: &Tokens<'s>,
    candidates: &[Candidate],
    claims: &Claims,
    marks: &[Mark],
    bodies: &mut [Body<'s>],
) {
    let is_name = |t: &Token<'_>| matches!(t.tag, "j" | "nt" | "nz" | "ns");
    let names: Vec<FullName<'_>> = bodies
        .iter()
        .flat_map(|b| b.forms.iter().filter(|(_, own)| *own))
        .map(|(form, _)| FullName::new(form))
        .collect();
    if names.is_empty() {
        return;
    }
    // A short form starts with one of a full name's first two characters: the names
    // by those characters.
    let mut openings = CharFilter::default();
    let mut by_opening: Vec<(char, usize)> = Vec::with_capacity(names.len() * 2);
    for (at, name) in names.iter().enumerate() {
        for &c in name.openings.iter().flatten() {
            openings.insert(c);
            by_opening.push((c, at));
        }
    }
    by_opening.sort_unstable();
    let opened_by = |c: char| {
        let from = by_opening.partition_point(|&(o, _)| o < c);
        by_opening[from..]
            .iter()
            .take_while(move |&&(o, _)| o == c)
            .map(|&(_, at)| &names[at])
    };
    let opens = |c: char| openings.may_contain(c) && opened_by(c).next().is_some();
    // The second character of a form is one of its name's too.
    let mut name_characters = CharFilter::default();
    names
        .iter()
        .for_each(|name| name.name.chars().for_each(|c| name_characters.insert(c)));
    // Whether an opening character in `stretch` (its `marks`) has a character of a
    // name after it there.
    let may_hold_form = |stretch: &Range<usize>, marks: &[Mark]| {
        marks.iter().any(|mark| {
            mark.next < stretch.end
                && openings.may_contain_key(mark.key)
                && mark
                    .next_key
                    .is_some_and(|key| name_characters.may_contain_key(key))
                && s.get(mark.start..stretch.end).is_some_and(|from| {
                    from.chars()
                        .next()
                        .is_some_and(|first| opened_by(first).any(|name| name.may_open(from)))
                })
        })
    };
    let names_symbols = tokens.may_name_symbols();
    let words = Words::new(s, tokens);
    let mut named = Claims::new();
    for candidate in candidates {
        named.claim(candidate.range.clone());
    }
    // The marks of the stretches before this one.
    let mut marked = 0;
    for stretch in 0..tokens.stretch_count() {
        let range = tokens.stretch_range(stretch);
        let first_mark = marked;
        // Most stretches hold a mark or two: stepping over them beats a search.
        while marks.get(marked).is_some_and(|mark| mark.start < range.end) {
            marked += 1;
        }
        let in_stretch = marks.get(first_mark..marked).unwrap_or_default();
        if !names_symbols && !may_hold_form(&range, in_stretch) {
            continue;
        }
        for token in tokens.stretch_words(stretch) {
            if !matches!(token.tag, "j" | "nt" | "nz") {
                continue;
            }
            let end = token.byte_end;
            let rest = &s[end..];
            let qualified_end = match rest.strip_prefix('(').and_then(|r| r.find(')')) {
                Some(close) if close <= MAX_QUALIFIER_BYTES => end + close + 2,
                _ => end,
            };
            // The word and up to two names before it, the earliest first.
            let mut starts = [token.byte_start; 3];
            let mut count = 1;
            while count < 3 {
                let Some(before) = starts[count - 1]
                    .checked_sub(1)
                    .and_then(|at| words.containing(at))
                    .filter(is_name)
                else {
                    break;
                };
                starts[count] = before.byte_start;
                count += 1;
            }
            'starts: for &start in starts[..count].iter().rev() {
                if !s[start..].chars().next().is_some_and(opens) {
                    continue;
                }
                for form_end in [qualified_end, end] {
                    let range = start..form_end;
                    if s[start..end].chars().count() < 2
                        || claims.overlaps(&range)
                        || named.overlaps(&range)
                    {
                        continue;
                    }
                    let form = &s[range];
                    if bodies
                        .iter()
                        .any(|b| b.forms.iter().any(|(f, _)| *f == form))
                    {
                        break 'starts;
                    }
                    if let Some(at) = abbreviated(form, bodies) {
                        bodies[at].forms.push((form, false));
                        break 'starts;
                    }
                }
            }
        }
    }
}

/// A body's own name, with what a short form of it opens and ends with.
struct FullName<'s> {
    name: &'s str,
    /// Its first two characters.
    openings: [Option<char>; 2],
    /// Its last three characters.
    closings: [Option<char>; 3],
}

impl<'s> FullName<'s> {
    fn new(name: &'s str) -> Self {
        let mut chars = name.chars();
        let openings = [chars.next(), chars.next()];
        let mut chars = name.chars().rev();
        let closings = [chars.next(), chars.next(), chars.next()];
        FullName {
            name,
            openings,
            closings,
        }
    }

    /// Whether `c` is one of the name's first two characters.
    fn opens(&self, c: char) -> bool {
        self.openings.contains(&Some(c))
    }

    /// Whether a short form of the name may open `text`: its first character is one of
    /// the name's first two, and the characters after it come from the name in order
    /// until one of its last three (or, for a name that ends with a qualifier, until a
    /// second one: the qualifier follows outside the run). Which words make the form is
    /// not known here.
    fn may_open(&self, text: &str) -> bool {
        let mut chars = text.chars();
        let Some(first) = chars.next().filter(|&c| self.opens(c)) else {
            return false;
        };
        let qualified = self.closings.contains(&Some(')'));
        let mut rest = self.name.chars();
        rest.any(|n| n == first);
        for c in chars {
            if !rest.any(|n| n == c) {
                return false;
            }
            if qualified || self.closings.contains(&Some(c)) {
                return true;
            }
        }
        false
    }
}

/// A set of characters as 4096 bits (`c % 4096`, a character's *key*): a filter that
/// may let a few characters too many through.
struct CharFilter([u64; 64]);

impl Default for CharFilter {
    fn default() -> Self {
        CharFilter([0; 64])
    }
}

impl CharFilter {
    fn insert(&mut self, c: char) {
        let n = c as usize % 4096;
        self.0[n / 64] |= 1 << (n % 64);
    }

    fn may_contain(&self, c: char) -> bool {
        self.may_contain_key(c as usize % 4096)
    }

    /// Whether a character whose key (`c % 4096`) is `key` may be in the set.
    fn may_contain_key(&self, key: usize) -> bool {
        self.0[(key / 64) % 64] & (1 << (key % 64)) != 0
    }
}

/// A character that may open a form, with the one after it.
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// Where the character starts.
    start: usize,
    /// Its bits in a [`CharFilter`].
    key: usize,
    /// Where the next character starts (the end of the text after the last one).
    next: usize,
    /// The next character's bits, if there is one.
    next_key: Option<usize>,
}

/// The first characters of every form a body may be mentioned by: its forms so far,
/// the bare references to come, and the first two characters of its names (a short
/// word opens with one of those).
fn opening_filter(s: &str, candidates: &[Candidate], bodies: &[Body<'_>]) -> CharFilter {
    let mut filter = CharFilter::default();
    for &(form, own) in bodies.iter().flat_map(|body| body.forms.iter()) {
        form.chars()
            .take(if own { 2 } else { 1 })
            .for_each(|c| filter.insert(c));
    }
    for candidate in candidates.iter().filter(|c| c.bare.is_some()) {
        if let Some(c) = s
            .get(candidate.range.clone())
            .and_then(|f| f.chars().next())
        {
            filter.insert(c);
        }
    }
    filter
}

/// Every character of `s` that `filter` may hold, in order: one pass over the text
/// serves the short words and the mentions, which look at such characters only.
fn marks(s: &str, filter: &CharFilter) -> Vec<Mark> {
    let bytes = s.as_bytes();
    // About one character in eight (a guess: growing the list cost more).
    let mut found = Vec::with_capacity(s.len() / 24);
    let mut at = 0;
    while at < bytes.len() {
        let (key, width) = key_at(bytes, at);
        let start = at;
        at += width;
        if filter.may_contain_key(key) {
            found.push(Mark {
                start,
                key,
                next: at,
                next_key: (at < bytes.len()).then(|| key_at(bytes, at).0),
            });
        }
    }
    found
}

/// The one body of the same kind whose name has `level` followed by the rest of `form`
/// in order (`区政府` → `龙岗区人民政府`).
fn resolve_bare(
    form: &str,
    level: char,
    kind: OrganizationKind,
    bodies: &[Body<'_>],
) -> Option<usize> {
    let rest = form.strip_prefix(level)?;
    let last = rest.chars().next_back()?;
    let mut found = None;
    for (at, body) in bodies.iter().enumerate() {
        if body.kind != kind {
            continue;
        }
        let fits = body.forms.iter().any(|(full, own)| {
            *own && full.match_indices(level).any(|(i, _)| {
                let after = &full[i + level.len_utf8()..];
                let tail = after.chars().count();
                let mut chars = after.chars();
                rest.chars().all(|c| chars.any(|f| f == c))
                    && after
                        .chars()
                        .skip(tail.saturating_sub(3))
                        .any(|c| c == last)
            })
        });
        if fits {
            if found.is_some() {
                return None;
            }
            found = Some(at);
        }
    }
    found
}

/// Every occurrence of every body's forms, the longest winning where they overlap.
///
/// One pass over the text: a 4096-bit filter of the forms' first characters skips
/// most positions (searching the text once per form cost more than finding the names).
fn mentions(
    s: &str,
    bodies: &[Body<'_>],
    claims: &Claims,
    marks: &[Mark],
) -> Vec<(Range<usize>, usize)> {
    let mut forms: Vec<(char, &str, usize)> = bodies
        .iter()
        .enumerate()
        .flat_map(|(at, body)| body.forms.iter().map(move |(form, _)| (*form, at)))
        .filter_map(|(form, at)| Some((form.chars().next()?, form, at)))
        .collect();
    // By first character; a stable sort keeps the forms of one character in body order.
    forms.sort_by_key(|&(c, _, _)| c);
    let mut first_characters = CharFilter::default();
    // The second characters too, unless a form has one character only.
    let mut second_characters = CharFilter::default();
    let mut one_character = false;
    for &(c, form, _) in &forms {
        first_characters.insert(c);
        match form.chars().nth(1) {
            Some(second) => second_characters.insert(second),
            None => one_character = true,
        }
    }
    let mut hits: Vec<(Range<usize>, usize)> = Vec::new();
    let mut look = |start: usize| {
        let rest = s.get(start..).unwrap_or("");
        let Some(c) = rest.chars().next() else {
            return;
        };
        let from = forms.partition_point(|&(first, _, _)| first < c);
        for &(_, form, at) in forms[from..]
            .iter()
            .take_while(|&&(first, _, _)| first == c)
        {
            let range = start..start + form.len();
            if rest.starts_with(form) && !claims.overlaps(&range) {
                hits.push((range, at));
            }
        }
    };
    for mark in marks {
        if first_characters.may_contain_key(mark.key)
            && (one_character
                || mark
                    .next_key
                    .is_some_and(|key| second_characters.may_contain_key(key)))
        {
            look(mark.start);
        }
    }
    hits.sort_by_key(|(r, _)| (std::cmp::Reverse(r.len()), r.start));
    let mut taken = Claims::new();
    let mut kept: Vec<(Range<usize>, usize)> = Vec::with_capacity(hits.len());
    for (range, at) in hits {
        if !taken.overlaps(&range) {
            taken.claim(range.clone());
            kept.push((range, at));
        }
    }
    kept.sort_by_key(|(r, _)| r.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_take_characters_in_order_but_not_one_piece() {
        assert!(abbreviates("中科院", "中国科学院"));
        assert!(abbreviates("港中大(深圳)", "香港中文大学(深圳)"));
        assert!(abbreviates("江州仁和医院", "江州东城仁和医院"));
        assert!(!abbreviates("香港中文大学", "香港中文大学(深圳)"));
        assert!(!abbreviates("港中大(深圳)", "香港中文大学"));
        assert!(!abbreviates("科学院", "中国科学院"));
    }

    #[test]
    fn declared_short_forms_are_read_after_a_name() {
        let short = |rest: &str| {
            DECLARED_SHORT_FORM
                .captures(rest)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string())
        };
        assert_eq!(short("(以下简称“市政府”)签约").as_deref(), Some("市政府"));
        assert_eq!(short("(简称深大)").as_deref(), Some("深大"));
        assert_eq!(short("(深圳)"), None);
        assert_eq!(short("签约(简称深大)"), None);
    }

    #[test]
    fn bare_references_need_the_level_and_the_type() {
        let bodies = vec![
            Body {
                kind: OrganizationKind::Government,
                forms: vec![("龙岗区人民政府", true)],
            },
            Body {
                kind: OrganizationKind::Party,
                forms: vec![("龙岗区委", true)],
            },
        ];
        let government = OrganizationKind::Government;
        assert_eq!(resolve_bare("区政府", '区', government, &bodies), Some(0));
        assert_eq!(
            resolve_bare("区委", '区', OrganizationKind::Party, &bodies),
            Some(1)
        );
        assert_eq!(resolve_bare("市政府", '市', government, &bodies), None);
    }
}
