//! Numerals inside running text: where each one is and what it is worth.
//!
//! The scanner reads the longest run of numeral tokens that parses, so
//! `一千零十二章` gives 一千零十二, `两百点两` gives 两百 (点 takes no 两), and
//! `四百多` gives 四百 (多 is part of a numeral only before 万/亿: `四百多万`).
//! The figure extractor scans with it too; [`find`] adds the rules that tell a
//! number from a word (`一切`, `收拾`, `四川`).

use once_cell::sync::Lazy;

use crate::lexicon::CharBits;
use crate::text::next_char_in;

use super::grammar;
use super::token::{self, Extras, Form, Tok, Token};
use super::{Mode, Number};

/// A numeral found in a text by [`find`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    /// Byte offset of its first character.
    pub byte_start: usize,
    /// Byte offset one past its last character.
    pub byte_end: usize,
    /// Its value.
    pub value: Number,
}

/// Words whose numeral character is not a number.
static WORDS: Lazy<crate::lexicon::WordSet> =
    Lazy::new(|| crate::lexicon::set(include_str!("../data/numeral_words.txt")));

/// Every numeral in `text`, in order: Chinese, Arabic and mixed, decimals,
/// fractions, approximate multipliers (`十余万`), dozens (`五十打`), and
/// numerals written with spaces inside (`一百 五 十 二`).
///
/// A percentage's number is found without its `百分之` or `%`: the
/// percentage is a unit around it. A lone numeral character inside a word
/// (`一切`, `十分`, `收拾`, `陆地`) is not a number.
///
/// # Examples
///
/// ```
/// use zhnews::numeral::find;
///
/// let text = "共有一千零十二人，其中四百多人来自两百点两公里外";
/// let found: Vec<_> = find(text)
///     .iter()
///     .map(|f| (&text[f.byte_start..f.byte_end], f.value.to_string()))
///     .collect();
/// assert_eq!(found, [("一千零十二", "1012".into()), ("四百", "400".into()), ("两百", "200".into()), ("两", "2".into())]);
/// ```
pub fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let extras = Extras {
        spoken: false,
        dozen: true,
        si: true,
        spaces: true,
        half: true,
    };
    let mut scanner = Scanner::new(text, extras);
    while let Some(numeral) = scanner.next_numeral() {
        if numeral.lone && is_in_word(text, numeral.start, numeral.end) {
            continue;
        }
        if is_money_or_percent(text, numeral.end) {
            continue;
        }
        found.push(Found {
            byte_start: numeral.start,
            byte_end: numeral.end,
            value: numeral.value,
        });
    }
    found
}

/// Currencies and percentage units, from the figure units list.
static AMOUNT_UNITS: Lazy<Vec<&'static str>> = Lazy::new(|| {
    let mut units: Vec<&'static str> =
        crate::lexicon::pairs(include_str!("../data/figure_units.txt"))
            .into_iter()
            .filter(|(_, kind)| kind.starts_with("money:") || *kind == "percent")
            .map(|(unit, _)| unit)
            .collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    units
});

/// Whether a currency or a percentage unit follows at byte `at` (`一美元`, `二％`,
/// `一折`): such a number is an amount, which figures report.
fn is_money_or_percent(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    let rest = rest.trim_start_matches(' ');
    if rest.starts_with(['％', '%', '‰']) {
        return true;
    }
    AMOUNT_UNITS.iter().any(|unit| {
        rest.strip_prefix(unit).is_some_and(|after| {
            // 成为, 成立: 成 starts a word, not tenths.
            !(matches!(*unit, "成" | "折")
                && after.starts_with(|c: char| "为立员本果就交长功".contains(c)))
        })
    })
}

/// Whether the lone numeral character at `start..end` sits inside a listed word.
pub(crate) fn is_in_word(text: &str, start: usize, end: usize) -> bool {
    // Words start up to three characters before the numeral and end up to three after it.
    let mut starts = [start; 4];
    for (slot, (i, _)) in starts
        .iter_mut()
        .skip(1)
        .zip(text.get(..start).unwrap_or("").char_indices().rev())
    {
        *slot = i;
    }
    let mut ends = [end; 4];
    for (slot, (i, c)) in ends
        .iter_mut()
        .skip(1)
        .zip(text.get(end..).unwrap_or("").char_indices())
    {
        *slot = end + i + c.len_utf8();
    }
    // Only where a listed word may start and end is the set asked.
    let opens = |from: usize| {
        text.get(from..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| WORD_EDGES.0.may_contain(c))
    };
    let closes = |to: usize| {
        text.get(..to)
            .and_then(|head| head.chars().next_back())
            .is_some_and(|c| WORD_EDGES.1.may_contain(c))
    };
    starts.iter().any(|&from| {
        opens(from)
            && ends.iter().any(|&to| {
                to - from > end - start
                    && closes(to)
                    && text.get(from..to).is_some_and(|w| WORDS.contains(w))
            })
    })
}

/// The first and the last characters of [`WORDS`].
static WORD_EDGES: Lazy<(CharBits, CharBits)> = Lazy::new(|| {
    (
        CharBits::of(WORDS.iter().filter_map(|w| w.chars().next())),
        CharBits::of(WORDS.iter().filter_map(|w| w.chars().next_back())),
    )
});

/// The longest numeral that starts exactly at byte `at` of `text`, if one does.
pub(crate) fn numeral_at(text: &str, at: usize, extras: Extras) -> Option<Numeral> {
    Scanner::new(text, extras).numeral_at(at)
}

/// A numeral the scanner found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Numeral {
    /// Byte range in the scanned text.
    pub start: usize,
    pub end: usize,
    pub value: Number,
    /// A 多/余/几 inside (`1200多万`).
    pub approx: bool,
    /// The last token (a 万/亿 multiplier, a digit, ...).
    pub last: Token,
    /// Where the last token starts.
    pub last_start: usize,
    /// A single character.
    pub lone: bool,
    /// Written with Chinese characters only (no Arabic digit).
    pub chinese: bool,
    /// A fraction: `三分之一`, `1/3`.
    pub fraction: bool,
}

/// Finds numerals one after another.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    at: usize,
    extras: Extras,
    run: Vec<Tok>,
    tokens: Vec<Token>,
}

impl<'a> Scanner<'a> {
    /// A scanner over `text` that reads the optional tokens of `extras`.
    pub(crate) fn new(text: &'a str, extras: Extras) -> Self {
        Scanner {
            text,
            at: 0,
            extras,
            run: Vec::new(),
            tokens: Vec::new(),
        }
    }

    /// Moves the scanner to byte `at` (on a character boundary).
    #[allow(dead_code)] // used by the figure rules
    pub(crate) fn seek(&mut self, at: usize) {
        self.at = at;
    }

    /// The next numeral at or after the current position.
    ///
    /// Most characters cannot open a numeral ([`next_opening`]): they are passed
    /// over without reading a token.
    pub(crate) fn next_numeral(&mut self) -> Option<Numeral> {
        let bytes = self.text.as_bytes();
        while self.at < self.text.len() {
            let Some((start, width)) = next_opening(bytes, self.at) else {
                self.at = self.text.len();
                break;
            };
            if let Some(numeral) = self.numeral_at(start) {
                self.at = numeral.end;
                return Some(numeral);
            }
            self.at = start + width;
        }
        None
    }

    /// The longest numeral that starts at byte `start`, if one does.
    fn numeral_at(&mut self, start: usize) -> Option<Numeral> {
        let first = token::token_at(self.text, start, self.extras)?;
        if !self.may_start(first.0, start) {
            return None;
        }
        if let Some(alone) = self.lone_token(start, first) {
            return alone;
        }
        self.longest_run(start, first)
    }

    /// The numeral of a token that no token follows, as most numerals are
    /// (`一`, `2020`), read without a run; `None` when another token follows.
    /// Such a token is a run of its own: [`Scanner::longest_run`] reads it so
    /// (a test compares).
    fn lone_token(&self, start: usize, first: (Token, usize)) -> Option<Option<Numeral>> {
        let (token, len) = first;
        let single = matches!(
            token,
            Token::Digit { .. }
                | Token::Zero { .. }
                | Token::Arabic { .. }
                | Token::Small { .. }
                | Token::Tens { .. }
        );
        if !single || token::token_at(self.text, start + len, self.extras).is_some() {
            return None;
        }
        let Ok(value) = grammar::number(&[token], Mode::Spoken) else {
            return Some(None);
        };
        let lone = !matches!(token, Token::Arabic { .. });
        let after_zhi = || self.text.get(..start).is_some_and(|b| b.ends_with('之'));
        if lone && is_word_capital(self.text, start) && !after_zhi() {
            return Some(None);
        }
        Some(Some(Numeral {
            start,
            end: start + len,
            value,
            approx: false,
            last: token,
            last_start: start,
            lone,
            chinese: lone,
            fraction: false,
        }))
    }

    /// The longest numeral read from the run of tokens that opens with `first` at `start`.
    fn longest_run(&mut self, start: usize, first: (Token, usize)) -> Option<Numeral> {
        self.read_run(start, first);
        // 百分之十二: the percentage word is a unit; the numeral is what follows.
        let skip = percent_word(&self.run);
        if skip > 0 {
            return None;
        }
        for len in (1..=self.run.len()).rev() {
            let run = &self.run[..len];
            let Some(last) = run.last() else { break };
            if !may_end(last.token) {
                continue;
            }
            self.tokens.clear();
            for (i, tok) in run.iter().enumerate() {
                match tok.token {
                    Token::Space => {
                        // `1 4/3`: a space between a whole number and a fraction is 又.
                        let mixed =
                            matches!(
                                run.get(i.wrapping_sub(1)).map(|t| t.token),
                                Some(Token::Arabic {
                                    fractional: false,
                                    ..
                                })
                            ) && matches!(run.get(i + 2).map(|t| t.token), Some(Token::Slash));
                        if mixed {
                            self.tokens.push(Token::And);
                        }
                    }
                    t => self.tokens.push(t),
                }
            }
            let Ok(value) = grammar::number(&self.tokens, Mode::Spoken) else {
                continue;
            };
            let lone = run.len() == 1 && !matches!(last.token, Token::Arabic { .. });
            let after_zhi = || self.text.get(..start).is_some_and(|b| b.ends_with('之'));
            if lone && is_word_capital(self.text, last.start) && !after_zhi() {
                return None;
            }
            return Some(Numeral {
                start,
                end: last.end,
                value,
                approx: self.tokens.contains(&Token::Approx),
                last: last.token,
                last_start: last.start,
                lone,
                chinese: !self
                    .tokens
                    .iter()
                    .any(|t| matches!(t, Token::Arabic { .. })),
                fraction: self
                    .tokens
                    .iter()
                    .any(|t| matches!(t, Token::Over | Token::Slash)),
            });
        }
        None
    }

    /// Whether a numeral may start with `token` at byte `at`.
    fn may_start(&self, token: Token, at: usize) -> bool {
        let previous = self.text.get(..at).and_then(|s| s.chars().next_back());
        match token {
            Token::Digit { form, .. } => form != Form::Yao,
            Token::Half => true,
            Token::Zero { .. } | Token::Small { .. } | Token::Tens { .. } => true,
            // `.5`, but not the `.30` of 2020.12.30.
            Token::Arabic { .. } => {
                !self
                    .text
                    .get(at..)
                    .is_some_and(|s| s.starts_with(['.', '．']))
                    || !previous.is_some_and(|c| c == '.' || c.is_ascii_digit())
            }
            Token::Minus => {
                !previous.is_some_and(|c| {
                    matches!(c, '-' | '－' | '−' | '负') || c.is_ascii_alphanumeric()
                }) && token::token_at(
                    self.text,
                    at + self
                        .text
                        .get(at..)
                        .and_then(|s| s.chars().next())
                        .map_or(1, char::len_utf8),
                    self.extras,
                )
                .is_some_and(|(t, _)| {
                    matches!(
                        t,
                        Token::Digit { .. }
                            | Token::Zero { .. }
                            | Token::Arabic { .. }
                            | Token::Small { .. }
                    )
                })
            }
            _ => false,
        }
    }

    /// Reads the run of tokens that could belong to one numeral from `start`,
    /// whose first token is `first`, at most [`MAX_RUN`] of them.
    fn read_run(&mut self, start: usize, first: (Token, usize)) {
        self.run.clear();
        let mut at = start;
        let mut current = Some(first);
        while let Some((token, len)) = current {
            if self.run.len() >= MAX_RUN {
                break;
            }
            let tok = Tok {
                token,
                start: at,
                end: at + len,
            };
            // Each token is read once: the one after this is the next one's.
            let following = token::token_at(self.text, at + len, self.extras);
            let next = following.map(|(t, _)| t);
            let next_solid = match following {
                Some((Token::Space, spaces)) => self.next_solid(at + len + spaces),
                other => other.map(|(t, _)| t),
            };
            let previous = self.run.last().map(|t| t.token);
            let previous_solid = self
                .run
                .iter()
                .rev()
                .map(|t| t.token)
                .find(|t| *t != Token::Space);
            let keep = match token {
                Token::Space => {
                    next_solid.is_some_and(|t| !matches!(t, Token::Percent | Token::Permille))
                        && previous.is_some()
                }
                Token::Minus => previous.is_none() || previous_solid == Some(Token::Over),
                Token::Point => matches!(
                    next_solid,
                    Some(
                        Token::Digit { .. }
                            | Token::Zero { .. }
                            | Token::Arabic {
                                fractional: false,
                                ..
                            }
                    )
                ),
                Token::Approx => matches!(next_solid, Some(Token::Big { .. })),
                Token::Over => {
                    previous.is_some()
                        && next_solid.is_some_and(|t| {
                            matches!(
                                t,
                                Token::Digit { .. }
                                    | Token::Zero { .. }
                                    | Token::Arabic { .. }
                                    | Token::Small { .. }
                                    | Token::Tens { .. }
                                    | Token::Minus
                            )
                        })
                }
                Token::And => next_solid.is_some_and(|t| {
                    matches!(
                        t,
                        Token::Digit { .. } | Token::Arabic { .. } | Token::Small { .. }
                    )
                }),
                Token::Slash => {
                    matches!(previous, Some(Token::Arabic { .. }))
                        && matches!(next, Some(Token::Arabic { .. }))
                }
                // 半百: half of the unit after it.
                Token::Half => {
                    previous.is_none()
                        && matches!(next, Some(Token::Small { .. } | Token::Big { .. }))
                }
                Token::Percent | Token::Permille | Token::Ge | Token::Pair => false,
                Token::Si { .. } => {
                    matches!(previous, Some(Token::Arabic { .. } | Token::Space))
                        && !self
                            .text
                            .get(at + len..)
                            .and_then(|s| s.chars().next())
                            .is_some_and(|c| c.is_ascii_alphabetic())
                }
                _ => true,
            };
            if !keep {
                break;
            }
            self.run.push(tok);
            at += len;
            if matches!(token, Token::Dozen | Token::Si { .. }) {
                break;
            }
            current = following;
        }
        // No trailing spaces.
        while self.run.last().is_some_and(|t| t.token == Token::Space) {
            self.run.pop();
        }
    }

    /// The next token after any spaces from byte `at`.
    fn next_solid(&self, mut at: usize) -> Option<Token> {
        loop {
            let (token, len) = token::token_at(self.text, at, self.extras)?;
            if token != Token::Space {
                return Some(token);
            }
            at += len;
        }
    }
}

/// The characters a numeral may open with: a superset of those whose token
/// [`Scanner::may_start`] accepts (digits, zeros, 十百千, 廿卅卌, 半, minus
/// signs, the decimal point of `.5`), in code point order.
const OPENINGS: [char; 66] = [
    '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '−', '〇', '一', '七', '三', '两',
    '九', '二', '五', '仟', '伍', '佰', '俩', '倆', '兩', '八', '六', '十', '千', '卅', '半', '卌',
    '叁', '參', '叄', '四', '壹', '廿', '弍', '拾', '捌', '柒', '玖', '百', '肆', '負', '貳', '负',
    '贰', '陆', '陸', '零', '－', '．', '０', '１', '２', '３', '４', '５', '６', '７', '８', '９',
];

/// [`OPENINGS`] as one bit per code point of the Basic Multilingual Plane,
/// where they all are (8 KiB): one load says whether a character opens one.
static OPENING_BITS: [u64; 1024] = opening_bits();

const fn opening_bits() -> [u64; 1024] {
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < OPENINGS.len() {
        let c = OPENINGS[i] as usize;
        bits[c >> 6] |= 1 << (c & 63);
        i += 1;
    }
    bits
}

/// The first character at or after byte `at` of `bytes` (a `str`'s, `at` a
/// character boundary) that may open a numeral (see [`OPENINGS`]): where it
/// starts and its width. A quick test, so that the scanner reads tokens only
/// where a numeral can start.
fn next_opening(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    next_char_in(&OPENING_BITS, |_| false, bytes, at)
}

/// Whether a numeral may open with the character whose code point is `code`
/// (see [`OPENINGS`]), as [`next_opening`] tells by [`OPENING_BITS`].
#[cfg(test)]
fn may_open(code: u32) -> bool {
    let i = code as usize;
    OPENING_BITS
        .get(i >> 6)
        .is_some_and(|bits| bits & (1 << (i & 63)) != 0)
}

/// The longest run of tokens read as one numeral. The longest numerals written
/// out in full (`九千九百九十九万九千九百九十九亿…`) take about 32.
const MAX_RUN: usize = 48;

/// How many tokens of a bare percentage word (`百分之`, `千分之`, `万分之`) open the run.
fn percent_word(run: &[Tok]) -> usize {
    let units = run
        .iter()
        .take_while(|t| matches!(t.token, Token::Small { .. } | Token::Big { .. }))
        .count();
    if units > 0 && run.get(units).is_some_and(|t| t.token == Token::Over) {
        units + 1
    } else {
        0
    }
}

/// Whether a run may end with `token`.
fn may_end(token: Token) -> bool {
    !matches!(
        token,
        Token::Space
            | Token::Minus
            | Token::Point
            | Token::Over
            | Token::And
            | Token::Approx
            | Token::Slash
    )
}

/// A lone 陆, 伍, 拾, 肆, 佰 or 仟 is the word (陆地, 队伍, 收拾, 放肆), not the capital digit.
fn is_word_capital(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| matches!(c, '陆' | '陸' | '伍' | '拾' | '肆' | '佰' | '仟'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, String)> {
        find(text)
            .iter()
            .map(|f| (&text[f.byte_start..f.byte_end], f.value.to_string()))
            .collect()
    }

    #[test]
    fn words_are_not_numbers() {
        assert!(found("他一看就明白，收拾好了去四川").is_empty());
        assert_eq!(found("队伍里有十个人"), [("十", "10".to_string())]);
    }

    #[test]
    fn amounts_are_left_to_figures() {
        assert!(found("售价一美元，打八折，涨了5%").is_empty());
        assert_eq!(found("百分之十二"), [("十二", "12".to_string())]);
    }

    #[test]
    fn spaces_and_dozens() {
        assert_eq!(
            found("一百 五 十 二"),
            [("一百 五 十 二", "152".to_string())]
        );
        assert_eq!(found("十打苹果"), [("十打", "120".to_string())]);
    }

    #[test]
    fn every_opening_token_passes_the_quick_test() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let text = format!("{c}5");
            let Some((token, _)) = token::token_at(&text, 0, Extras::ALL) else {
                continue;
            };
            let opens = match token {
                Token::Digit { form, .. } => form != Form::Yao,
                Token::Half
                | Token::Zero { .. }
                | Token::Small { .. }
                | Token::Tens { .. }
                | Token::Arabic { .. }
                | Token::Minus => true,
                _ => false,
            };
            assert!(!opens || may_open(c as u32), "{c:?} opens a numeral");
        }
        assert!(OPENINGS.windows(2).all(|w| w[0] < w[1]), "sorted, unique");
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(may_open(c as u32), OPENINGS.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn a_lone_token_reads_as_its_run_does() {
        let pieces = [
            "一", "两", "十", "百", "〇", "零", "廿", "陆", "伍", "7", "2020", "3.5", "１２", "-",
            "之", "分之", "万", "多", "点", "中", "人", " ", "%", "/", "个", "半",
        ];
        let mut checked = 0;
        for text in crate::testing::concatenations(&pieces, 5, 4000, 6) {
            for extras in [Extras::NONE, Extras::ALL] {
                let mut scanner = Scanner::new(&text, extras);
                for (start, _) in text.char_indices() {
                    let Some(first) = token::token_at(&text, start, extras) else {
                        continue;
                    };
                    if let Some(alone) = scanner.lone_token(start, first) {
                        assert_eq!(
                            alone,
                            scanner.longest_run(start, first),
                            "{text:?} at {start}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn dotted_sequences_are_whole_numbers() {
        let values: Vec<String> = found("2020.12.30").into_iter().map(|f| f.1).collect();
        assert_eq!(values, ["2020", "12", "30"]);
    }
}
