//! The grammar of organization names: `[owner or place]* [modifiers] head [(qualifier)]`.
//!
//! Heads are found in the characters (jieba joins `区委书记` and splits
//! `龙岗区|委`); the name is then read leftwards, word by word, from the head:
//! an organization already found (`香港中文大学(深圳)` before `附属第二医院`), a
//! bracketed qualifier (`(深圳)`), a place (`龙岗区`), a state word (`国家`),
//! a proper name (jieba's `nt`, `nz`, `j`), or a modifier (nouns, and verbs
//! that names use: `开发`, `管理`). A name must open with one of the first
//! five, the *anchors*: `高水平大学` is a phrase, `深圳大学` a name. Without an
//! anchor, a name still counts after a verb that founds a body
//! (`共建区域临床数据开发研究中心`), and a lone level word before the head
//! (`市委`, `区政府`, `市卫健委`) makes a bare reference that `aliases` resolves.

use std::ops::Range;

use crate::OrganizationKind;
use crate::claims::Claims;
use crate::lexicon::Lexicon;
use crate::segment::Tokens;

use super::kind_named;
use super::units::{
    FUNCTION_CHARACTERS, Role, Words, ends_with_head, follows_a_head, inside_title,
    is_fragment_before, is_han, is_level, is_person_name, is_place, key_at, lone_level,
    opens_with_anchor, place_ending_at, prefix_ending_at, qualifier_before, role, titles,
    trailing_qualifier,
};

/// How many words (or places, qualifiers) a name may have before its head.
const MAX_UNITS: usize = 10;
/// Longest office that may follow a head inside one word (`委员会委员`), in characters.
const MAX_OFFICE_CHARS: usize = 5;
/// How many modifiers may stand between a name jieba tags (`湘大`) and the head.
const MAX_MODIFIERS_AFTER_TAGGED_NAME: usize = 3;
/// How far before its head a name may open, in bytes (about 30 characters).
const MAX_PREFIX_BYTES: usize = 90;

/// A span of the normalized text that names an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    /// Normalized byte range of the name.
    pub range: Range<usize>,
    /// What sort of body it names.
    pub kind: OrganizationKind,
    /// For a bare reference (`市委`, `区政府`): the level word standing for the place.
    pub bare: Option<char>,
    /// For a department (`财政部金融司`, `东海理工大学化学系`): the body it belongs to,
    /// which is the organization; the department's form is one of its names.
    pub owner: Option<Range<usize>>,
}

/// Every organization name in `s`, overlaps resolved (longest wins, then leftmost), in order.
pub(super) fn candidates<'t>(
    s: &'t str,
    tokens: &Tokens<'t>,
    lexicon: &Lexicon,
    claims: &Claims,
) -> Vec<Candidate> {
    let words = Words::new(s, tokens);
    let titles = titles(s);
    let mut built: Vec<Candidate> = Vec::new();
    // Where the scan goes on: after the last name found (a shorter head may start at
    // any other character).
    let mut next = 0;
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let (key, width) = key_at(bytes, at);
        let i = at;
        at += width;
        // Most characters open no head: they are skipped without being decoded.
        if i < next || !lexicon.organization_openings.may_contain_key(key) {
            continue;
        }
        let Some(head) = s
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .and_then(|c| longest_head_at(s, i, c, lexicon))
        else {
            continue;
        };
        // A name in a credit line is not kept, and holds its head: no need to read it.
        if claims.overlaps(&head.range) {
            continue;
        }
        if let Some(candidate) = build(s, &words, lexicon, &built, &head) {
            if !claims.overlaps(&candidate.range) && !inside_title(&candidate.range, &titles) {
                next = candidate.range.end;
                built.push(candidate);
            }
        }
    }
    resolve_overlaps(built)
}

/// Keeps the longest of overlapping candidates (then the leftmost), in text order.
fn resolve_overlaps(mut found: Vec<Candidate>) -> Vec<Candidate> {
    found.sort_by_key(|c| (std::cmp::Reverse(c.range.len()), c.range.start));
    let mut taken = Claims::new();
    let mut kept: Vec<Candidate> = Vec::with_capacity(found.len());
    for candidate in found {
        if !taken.overlaps(&candidate.range) {
            taken.claim(candidate.range.clone());
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|c| c.range.start);
    kept
}

/// The candidate built so far that ends at `p`. Each one ends after the one before
/// (the scan resumes at its end), so they are sorted by end.
fn ending_at(built: &[Candidate], p: usize) -> Option<&Candidate> {
    let at = built.partition_point(|c| c.range.end < p);
    built.get(at).filter(|c| c.range.end == p)
}

/// Whether a candidate built so far ends where reading leftwards from a head that
/// starts at `start` may reach (an owner for [`extend_left`]).
fn owner_may_end_before(built: &[Candidate], start: usize) -> bool {
    let from = start.saturating_sub(MAX_PREFIX_BYTES);
    let at = built.partition_point(|c| c.range.end < from);
    built.get(at).is_some_and(|c| c.range.end <= start)
}

/// What a head says about the body it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadKind {
    /// A body of this kind.
    Kind(OrganizationKind),
    /// A part of the body before it (`办公室`, `代表处`): it takes that body's kind.
    Unit,
    /// A body's own party group or committee (`党组`, `党委`): after an organization it
    /// is part of it and the organization is the name; after a place it is a party body.
    Inner,
    /// A branch (`分行`, `分公司`): the kind of the body before it, else a company.
    Branch,
    /// A department (`司`, `处`, `系`, `科`): the body before it is the organization.
    Department,
}

/// A head found in the text.
struct Head {
    range: Range<usize>,
    kind: HeadKind,
    /// A national body, a name in full that needs nothing before it.
    complete: bool,
}

/// The longest head or national name that starts at byte `i`, whose first character is `c`.
fn longest_head_at(s: &str, i: usize, c: char, lexicon: &Lexicon) -> Option<Head> {
    let rest = s.get(i..)?;
    let mut after = rest.get(c.len_utf8()..)?.chars();
    let second = after.next().unwrap_or('\0');
    // Most characters that pass the first filter open no head here: the pairs are
    // tested before the third character is read.
    let pairs = &lexicon.organization_pairs;
    let two = second != '\0' && pairs.may_contain(c, second);
    let one = pairs.may_contain(c, '\0');
    if !two && !one {
        return None;
    }
    let third = after.next().unwrap_or('\0');
    let found = |second| {
        let names = lexicon.organization_names.get(&(c, second))?;
        names
            .iter()
            .find(|&&(word_third, word)| {
                (word_third == '\0' || word_third == third) && rest.starts_with(word)
            })
            .map(|&(_, word)| word)
    };
    let word = two
        .then(|| found(second))
        .flatten()
        .or_else(|| one.then(|| found('\0')).flatten())?;
    head_named(word, i..i + word.len(), lexicon)
}

/// What the head or national name `word` (at `range`) says.
fn head_named(word: &str, range: Range<usize>, lexicon: &Lexicon) -> Option<Head> {
    if let Some(kind) = lexicon
        .national_bodies
        .get(word)
        .and_then(|k| kind_named(k))
    {
        return Some(Head {
            range,
            kind: HeadKind::Kind(kind),
            complete: true,
        });
    }
    let kind = *lexicon.organization_heads.get(word)?;
    let kind = match (kind_named(kind), kind) {
        (Some(kind), _) => HeadKind::Kind(kind),
        (None, "inner") => HeadKind::Inner,
        (None, "branch") => HeadKind::Branch,
        (None, "department") => HeadKind::Department,
        (None, _) => HeadKind::Unit,
    };
    Some(Head {
        range,
        kind,
        complete: false,
    })
}

/// The name that ends in `head`, read leftwards, or `None` when it is not a name.
fn build(
    s: &str,
    words: &Words<'_, '_>,
    lexicon: &Lexicon,
    built: &[Candidate],
    head: &Head,
) -> Option<Candidate> {
    let Range { start, end } = head.range.clone();
    // A unit or department is one of the organization found right before it (the
    // words around it are not read, nor tagged, without one).
    if matches!(head.kind, HeadKind::Unit | HeadKind::Department)
        && !owner_may_end_before(built, start)
    {
        return None;
    }
    // A party group after another head is that body's (read before any word is tagged).
    if head.kind == HeadKind::Inner && follows_a_head(s, start, lexicon) {
        return None;
    }
    let level_head = s[start..]
        .chars()
        .next()
        .is_some_and(|c| is_level(c, lexicon));
    // A head that opens a run of jieba's (after punctuation) has no words before it:
    // only a national name, a level head (区政府) or one right after an organization
    // (…大学(深圳)|医院) is a name there. Known before any word is tagged.
    if !head.complete && !level_head && words.opens_run(start) && ending_at(built, start).is_none()
    {
        return None;
    }
    let rest = s.get(end..).unwrap_or("");
    // The head must end its word, unless an office follows inside it (区委|书记) or a
    // longer head shares its last character with one (司法部|长 is 司法部 and 部长;
    // in 教育部部长 the second 部 heads nothing).
    if !words.is_boundary(end) {
        let last = s[..end]
            .chars()
            .next_back()
            .map_or(end, |c| end - c.len_utf8());
        let shares = last > start;
        let office_at = |from: usize| {
            s[from..]
                .char_indices()
                .take(MAX_OFFICE_CHARS)
                .map(|(at, c)| &s[from..from + at + c.len_utf8()])
                .any(|word| lexicon.organization_offices.contains(word))
        };
        // jieba may join 原 (former) to the head before the office (厅原|厅长).
        let former = rest.starts_with('原').then(|| end + '原'.len_utf8());
        let office_follows =
            office_at(end) || (shares && office_at(last)) || former.is_some_and(office_at);
        if !office_follows {
            return None;
        }
    }
    // A word that only looks like a head (格局, 东部, 村干部, 音乐厅, 南半部/ns).
    if let Some(word) = words
        .containing(end - 1)
        .filter(|word| word.byte_end == end)
    {
        let one_character = s[start..end].chars().nth(1).is_none();
        let looks_like = lexicon.organization_non_names.contains(word.word)
            || word
                .word
                .char_indices()
                .any(|(at, _)| lexicon.organization_non_endings.contains(&word.word[at..]));
        // A one-character head that ends a place or a name is none (南半部/ns, 莫斯科/nr).
        let name_word = one_character
            && word.word.chars().nth(1).is_some()
            && (matches!(word.tag, "ns" | "nr" | "nrt" | "nrfg") || is_place(word.word, lexicon));
        if looks_like || name_word {
            return None;
        }
    }
    // A head that opens with a place suffix (区|政府, 街道|办事处) follows a place's name.
    let place_head = level_head
        || lexicon
            .place_suffixes
            .iter()
            .any(|suffix| suffix.chars().nth(1).is_some() && s[start..end].starts_with(suffix));
    let left = extend_left(s, words, lexicon, built, head, level_head, place_head);
    let end = end + trailing_qualifier(rest, lexicon);
    if left.stop_inside_word {
        return None;
    }
    // A government belongs to a place or a state, not to a word jieba takes for a
    // name (努力提高|政府).
    let place_bound = s[start..end].ends_with("政府");
    let (open, bare) = match left.anchor {
        Some(_) if place_bound && !left.strong => return None,
        Some(anchor) => (anchor, None),
        None if head.complete => (start, None),
        None => {
            if let Some((at, level)) = left.bare {
                (at, Some(level))
            } else if level_head && words.is_boundary(start) {
                (start, s[start..].chars().next())
            } else if left
                .stop
                .is_some_and(|w| lexicon.founding_verbs.contains(w))
                && start - left.modifiers_from >= 6
                && !left.generic
            {
                (left.modifiers_from, None)
            } else {
                return None;
            }
        }
    };
    // A department of a company (…银行深圳分行|信用卡部): the company is the name.
    if left.parent == Some(OrganizationKind::Company) && s[start..end].ends_with('部') {
        return None;
    }
    let own = match head.kind {
        HeadKind::Kind(kind) => kind,
        HeadKind::Unit => left.parent?,
        HeadKind::Branch => left.parent.unwrap_or(OrganizationKind::Company),
        HeadKind::Department => left.parent?,
        HeadKind::Inner if left.parent.is_some() => return None,
        HeadKind::Inner => OrganizationKind::Party,
    };
    let owner = match head.kind {
        HeadKind::Department => Some(left.owner.clone()?),
        _ => None,
    };
    let party_owned = left.parent == Some(OrganizationKind::Party)
        || ["中共", "中国共产党"]
            .iter()
            .any(|p| s[open..].starts_with(p));
    let kind = if party_owned && own == OrganizationKind::Government {
        OrganizationKind::Party
    } else {
        own
    };
    Some(Candidate {
        range: open..end,
        kind,
        bare: bare.or(left.parent_bare),
        owner,
    })
}

/// What reading leftwards from a head found.
#[derive(Debug, Default)]
struct Left<'s> {
    /// Where the name opens: the leftmost anchor.
    anchor: Option<usize>,
    /// Whether an owner, place or state word is among the anchors (not only a proper
    /// name by jieba's tag).
    strong: bool,
    /// Where the leftmost modifier starts (the head's start when there is none).
    modifiers_from: usize,
    /// The kind of the organization this one belongs to.
    parent: Option<OrganizationKind>,
    /// Where that organization is.
    owner: Option<Range<usize>>,
    /// That organization's level word, when it is a bare reference (`市政府` in `市政府办公室`).
    parent_bare: Option<char>,
    /// A lone level word before the head (`市` in `市卫健委`) and where it is.
    bare: Option<(usize, char)>,
    /// The word that ended the name.
    stop: Option<&'s str>,
    /// Whether reading stopped inside the head's own word (`集中|办`).
    stop_inside_word: bool,
    /// Whether a field word or `和` came before the head: after a founding verb such a
    /// phrase is a class of bodies (设立|外商独资|医院), not a name.
    generic: bool,
}

/// Reads the name leftwards from `head` over owners, places, qualifiers and modifiers.
fn extend_left<'s>(
    s: &'s str,
    words: &Words<'_, '_>,
    lexicon: &Lexicon,
    built: &[Candidate],
    head: &Head,
    level_head: bool,
    place_head: bool,
) -> Left<'s> {
    let head_start = head.range.start;
    let company = matches!(
        head.kind,
        HeadKind::Kind(OrganizationKind::Company) | HeadKind::Branch
    );
    let mut left = Left {
        modifiers_from: head_start,
        ..Left::default()
    };
    let mut p = head_start;
    let mut units = 0;
    let mut after_joiner = false;
    let mut stationed = false;
    let mut modifiers = 0;
    let mut place: Option<Range<usize>> = None;
    while p > 0 && units < MAX_UNITS && head_start - p <= MAX_PREFIX_BYTES {
        units += 1;
        // An organization already found: this one belongs to it, or is stationed by it.
        // A level head after one is a new body in a coordination (区委|区政府).
        let coordinated = level_head && p == head_start;
        if !after_joiner && !coordinated {
            // …总台|联合|法国…委员会: partners, not an owner.
            let partners = lexicon
                .coordinating_verbs
                .iter()
                .any(|verb| s[p..head_start].starts_with(verb));
            if let Some(owner) = ending_at(built, p).filter(|_| !partners) {
                // The same place again opens a second body (中共深圳市委|深圳市人民政府).
                if place
                    .as_ref()
                    .is_some_and(|place| s[owner.range.clone()].contains(&s[place.clone()]))
                {
                    break;
                }
                if left.parent.is_none() || stationed {
                    left.parent = Some(owner.kind);
                    left.parent_bare = owner.bare;
                    left.owner = Some(owner.range.clone());
                }
                left.anchor = Some(owner.range.start);
                left.strong = true;
                // A body stationed in another (…监委|驻|应急管理部|纪检监察组) belongs to
                // the one that stations it.
                let before = &s[..owner.range.start];
                if let Some(at) = before.strip_suffix('驻').map(str::len) {
                    if let Some(sender) = ending_at(built, at) {
                        left.parent = Some(sender.kind);
                        left.parent_bare = sender.bare;
                        left.anchor = Some(sender.range.start);
                    }
                }
                break;
            }
        }
        if s[..p].ends_with(')') {
            match qualifier_before(s, p, lexicon) {
                Some(open) => {
                    p = open;
                    continue;
                }
                None => break,
            }
        }
        if let Some(at) = place_ending_at(s, words, p, lexicon) {
            left.anchor = Some(at);
            left.strong = true;
            place = Some(at..p);
            p = at;
            continue;
        }
        if let Some(prefix) = prefix_ending_at(s, words, p, lexicon) {
            left.anchor = Some(prefix);
            left.strong = true;
            p = prefix;
            continue;
        }
        let Some(word) = words.containing(p - 1) else {
            break;
        };
        let piece = &s[word.byte_start..p];
        let inside_word = p == head_start && word.byte_end > p;
        if let Some((at, level)) = lone_level(piece, lexicon) {
            // 市|卫健委 and 市|规划和自然资源局 are the city's; 省|古典工艺家具协会 the province's.
            let at = word.byte_start + at;
            left.bare = Some((at, level));
            if left.anchor.is_some() {
                left.anchor = Some(at);
            }
            break;
        }
        // A common word that ends in a head is another name (二级甲等医院|和|爱婴医院).
        if p < head_start
            && !matches!(word.tag, "nt" | "nz" | "j" | "ns")
            && ends_with_head(piece, lexicon)
        {
            left.stop = Some(piece);
            left.anchor = left.anchor.filter(|_| !after_joiner);
            break;
        }
        // A head inside a word needs two characters before it there (教育|局, not 部|署).
        if inside_word && piece.chars().nth(1).is_none() {
            left.stop = Some(piece);
            left.stop_inside_word = true;
            break;
        }
        // After `和`, another head begins another name (…医院和…医院); so it does
        // before a level head (南山区委|区政府).
        if (after_joiner || level_head) && lexicon.organization_heads.contains_key(piece) {
            left.stop = Some(piece);
            break;
        }
        // An unknown place before a head that opens with a place suffix (戴窑|镇政府,
        // 仓前|街道办事处).
        if place_head
            && p == head_start
            && word.byte_end == p
            && matches!(
                word.tag,
                "nr" | "nrfg" | "nz" | "ns" | "nt" | "j" | "n" | "f" | "s" | "ng"
            )
            && (2..=3).contains(&piece.chars().count())
            && piece.chars().all(is_han)
            && !lexicon.organization_non_names.contains(piece)
            && !is_person_name(piece, word.tag, lexicon)
        {
            left.anchor = Some(word.byte_start);
            left.strong = true;
            p = word.byte_start;
            continue;
        }
        // Inside the head's own word, a field opens no name (外贸|公司), a proper
        // name does (清华|大学).
        let mut role = role(piece, word.tag, company, lexicon);
        // A name after a one-character fragment was cut from a longer word (物|联网).
        if role == Role::Anchor && is_fragment_before(words, word.byte_start) {
            role = Role::Stop;
        }
        // A whole name jieba keeps as one word (公安部经济犯罪侦查|局) opens with an anchor.
        if inside_word && role == Role::Modifier && opens_with_anchor(piece, lexicon) {
            role = Role::Anchor;
        }
        // A national body is a name in full: jieba's tag alone adds nothing before it
        // (热烈庆祝/ns|中国共产党).
        if role == Role::Anchor && head.complete && !inside_word {
            role = Role::Stop;
        }
        let mut word_start = word.byte_start;
        // jieba's unknown names and abbreviations may swallow a particle before them
        // (由|林达集团, 据|港珠澳大桥海关).
        if role == Role::Anchor && matches!(word.tag, "nr" | "nrfg" | "j") {
            if let Some(c) = piece
                .chars()
                .next()
                .filter(|&c| FUNCTION_CHARACTERS.contains(c))
            {
                if piece.chars().count() >= 3 || (word.tag == "j" && p < head_start) {
                    word_start += c.len_utf8();
                }
            }
        }
        if inside_word && matches!(role, Role::Stop | Role::Modifier) && head.complete {
            left.stop_inside_word = true;
        }
        // A proper name by jieba's tag alone is trusted near the head only: far from it,
        // it opens a phrase (全面推广|上线|全国|统一|规范|电子|税务局).
        if role == Role::Anchor && !left.strong && modifiers > MAX_MODIFIERS_AFTER_TAGGED_NAME {
            role = Role::Stop;
        }
        match role {
            Role::Anchor => {
                left.anchor = Some(word_start);
                // A name that opens with a place is as good as one (香港特区|政府).
                left.strong |= opens_with_anchor(piece, lexicon);
            }
            // A national body takes owners (中共|中央组织部), not modifiers.
            Role::Modifier if head.complete => {
                left.stop = Some(piece);
                break;
            }
            // Owners and places stand next to each other (湖南|湘大, 深圳市|龙岗区); a
            // word between them and further ones is another phrase (…筹备委员会|行使|
            // 西藏地方|政府).
            Role::Modifier if left.strong => {
                left.stop = Some(piece);
                break;
            }
            // After 和, the other field is a word of its own (粮食和物资, not 党和政府).
            Role::Modifier if after_joiner && piece.chars().nth(1).is_none() => {
                left.stop = Some(piece);
                left.anchor = None;
                break;
            }
            Role::Modifier => {
                modifiers += 1;
                left.generic |= lexicon.organization_fields.contains(piece);
                if left.anchor.is_none() {
                    left.modifiers_from = word.byte_start;
                }
            }
            Role::Joiner if p < head_start && !after_joiner && left.anchor.is_none() => {
                after_joiner = true;
                left.generic = true;
            }
            Role::Stationed if left.anchor.is_some() || p < head_start => stationed = true,
            _ => {
                left.stop = Some(piece);
                left.stop_inside_word = inside_word;
                break;
            }
        }
        if word_start != word.byte_start {
            break;
        }
        p = word.byte_start;
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEXICON;
    use crate::segment::Segmenter;
    use crate::text::Text;

    fn names(input: &str) -> Vec<(String, OrganizationKind, Option<char>)> {
        let text = Text::new(input);
        let tokens = Segmenter::Shared.tokens(&text);
        candidates(text.as_str(), &tokens, &LEXICON, &Claims::new())
            .into_iter()
            .map(|c| (text.as_str()[c.range].to_string(), c.kind, c.bare))
            .collect()
    }

    #[test]
    fn a_name_opens_at_its_leftmost_anchor() {
        let found = names("据悉，深圳市发展和改革委员会印发方案。");
        assert_eq!(found[0].0, "深圳市发展和改革委员会");
    }

    #[test]
    fn a_lone_level_word_makes_a_bare_reference() {
        let found = names("经市卫健委同意。");
        assert_eq!(
            found,
            vec![(
                "市卫健委".to_string(),
                OrganizationKind::Government,
                Some('市')
            )]
        );
    }
}
