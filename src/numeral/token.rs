//! Numeral tokens: one per character or Arabic number, with where each ends.
//!
//! The grammar (`grammar.rs`) works on tokens, so that the whole-string parser
//! and the sentence scanner share one reading of every character.

use super::Number;

/// How a Chinese digit is written, for the strict grammar and the scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// 一 二 三 …
    Plain,
    /// 大写: 壹 贰 叁 …
    Capital,
    /// 两 (兩, 俩): only before a unit, never digit by digit.
    Liang,
    /// 幺: one, read digit by digit (telephone style).
    Yao,
}

/// One numeral token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Token {
    /// A Chinese digit 1 to 9.
    Digit { value: u8, form: Form },
    /// 零, or 〇 (`circle`).
    Zero { circle: bool },
    /// An Arabic number: `12`, `12,345`, `3.5`, `.5`, full-width digits too.
    /// `value` is `None` when it does not fit.
    Arabic {
        value: Option<Number>,
        fractional: bool,
        /// Digits before the decimal point, leading zeros included.
        integer_digits: u8,
        /// The first character is `0` and more digits follow (`01`).
        leading_zero: bool,
    },
    /// 十 百 千 and their capitals 拾 佰 仟.
    Small { value: u16, capital: bool },
    /// 廿 卅 卌: two, three, four tens in one character.
    Tens { digit: u8 },
    /// 万 亿 兆 as powers of ten (4, 8, 12).
    Big { exponent: u8 },
    /// 点 (點): the decimal point of a Chinese numeral.
    Point,
    /// 负 (負), `-`: a minus sign.
    Minus,
    /// 分之 (and, in spoken forms, 分 or 份 alone): "parts of", denominator first.
    Over,
    /// `/`: an Arabic fraction.
    Slash,
    /// 又: a whole number and a fraction.
    And,
    /// `%`.
    Percent,
    /// `‰`.
    Permille,
    /// 多 余 几: an approximate digit before 万 or 亿 (`1200多万`).
    Approx,
    /// 半: a half.
    Half,
    /// 个 (個): the general classifier, read by spoken forms (`一个`).
    Ge,
    /// 打: a dozen.
    Dozen,
    /// 对 双: a pair (whole-string spoken forms only).
    Pair,
    /// `k`/`K`, `M`, `G` after an Arabic number: thousand, million, billion.
    Si { exponent: u8 },
    /// White space inside a numeral (`一百 五 十`).
    Space,
}

/// Which optional tokens the tokenizer produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Extras {
    /// 个, 对/双, 半, 分/份 alone as "parts of".
    pub spoken: bool,
    /// 打 (dozen).
    pub dozen: bool,
    /// `k`, `K`, `M`, `G`.
    pub si: bool,
    /// Spaces between numeral characters.
    pub spaces: bool,
    /// 半 (`半百`).
    pub half: bool,
}

impl Extras {
    /// Only the characters of written numerals.
    pub(crate) const NONE: Extras = Extras {
        spoken: false,
        dozen: false,
        si: false,
        spaces: false,
        half: false,
    };

    /// Everything, for whole-string spoken forms.
    pub(crate) const ALL: Extras = Extras {
        spoken: true,
        dozen: true,
        si: true,
        spaces: true,
        half: true,
    };
}

/// A token and the byte offset one past its last character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tok {
    pub token: Token,
    pub start: usize,
    pub end: usize,
}

/// The token that starts at byte `at` of `s`, if any, and its length in bytes.
pub(crate) fn token_at(s: &str, at: usize, extras: Extras) -> Option<(Token, usize)> {
    let rest = s.get(at..)?;
    let mut chars = rest.chars();
    let c = chars.next()?;
    // Most characters are none of the tokens': one bit says so.
    if !may_be_token(c) {
        return None;
    }
    read_token(s, at, extras)
}

/// [`token_at`] without the quick test.
fn read_token(s: &str, at: usize, extras: Extras) -> Option<(Token, usize)> {
    let rest = s.get(at..)?;
    let mut chars = rest.chars();
    let c = chars.next()?;
    let next = chars.next();
    let one = c.len_utf8();
    let token = match c {
        '0'..='9' | '０'..='９' => return arabic(rest, after_dot(s, at)),
        '.' | '．' if next.is_some_and(is_arabic_digit) => return arabic(rest, false),
        '〇' => Token::Zero { circle: true },
        '零' => Token::Zero { circle: false },
        '一' => digit(1, Form::Plain),
        '二' => digit(2, Form::Plain),
        '三' => digit(3, Form::Plain),
        '四' => digit(4, Form::Plain),
        '五' => digit(5, Form::Plain),
        '六' => digit(6, Form::Plain),
        '七' => digit(7, Form::Plain),
        '八' => digit(8, Form::Plain),
        '九' => digit(9, Form::Plain),
        '壹' => digit(1, Form::Capital),
        '贰' | '貳' | '弍' => digit(2, Form::Capital),
        '叁' | '參' | '叄' => digit(3, Form::Capital),
        '肆' => digit(4, Form::Capital),
        '伍' => digit(5, Form::Capital),
        '陆' | '陸' => digit(6, Form::Capital),
        '柒' => digit(7, Form::Capital),
        '捌' => digit(8, Form::Capital),
        '玖' => digit(9, Form::Capital),
        '两' | '兩' | '俩' | '倆' => digit(2, Form::Liang),
        '幺' => digit(1, Form::Yao),
        '十' => small(10, false),
        '百' => small(100, false),
        '千' => small(1000, false),
        '拾' => small(10, true),
        '佰' => small(100, true),
        '仟' => small(1000, true),
        '廿' => Token::Tens { digit: 2 },
        '卅' => Token::Tens { digit: 3 },
        '卌' => Token::Tens { digit: 4 },
        '万' | '萬' => Token::Big { exponent: 4 },
        '亿' | '億' => Token::Big { exponent: 8 },
        '兆' => Token::Big { exponent: 12 },
        '点' | '點' => Token::Point,
        '负' | '負' | '-' | '−' | '－' => Token::Minus,
        '分' if next == Some('之') => return Some((Token::Over, one + '之'.len_utf8())),
        '分' if extras.spaces && spaced_zhi(rest.get(one..).unwrap_or("")).is_some() => {
            let spaces = spaced_zhi(rest.get(one..).unwrap_or("")).unwrap_or(0);
            return Some((Token::Over, one + spaces + '之'.len_utf8()));
        }
        '分' | '份' if extras.spoken => Token::Over,
        '/' | '／' => Token::Slash,
        '又' => Token::And,
        '%' | '％' => Token::Percent,
        '‰' => Token::Permille,
        '多' | '余' | '餘' | '几' | '幾' => Token::Approx,
        '半' if extras.spoken || extras.half => Token::Half,
        '个' | '個' if extras.spoken => Token::Ge,
        '对' | '對' | '双' | '雙' if extras.spoken => Token::Pair,
        '打' if extras.dozen => Token::Dozen,
        'k' | 'K' if extras.si => Token::Si { exponent: 3 },
        'M' if extras.si => Token::Si { exponent: 6 },
        'G' if extras.si => Token::Si { exponent: 9 },
        ' ' | '\u{3000}' | '\u{a0}' if extras.spaces => Token::Space,
        _ => return None,
    };
    Some((token, one))
}

/// Every character that [`token_at`] reads as (the start of) a token, with any extras.
const TOKEN_CHARS: &str = "0123456789０１２３４５６７８９.．〇零一二三四五六七八九壹贰貳弍叁參叄肆伍陆陸柒捌玖\
    两兩俩倆幺十百千拾佰仟廿卅卌万萬亿億兆点點负負-−－分份/／又%％‰多余餘几幾半个個对對双雙打kKMG \u{3000}\u{a0}";

/// [`TOKEN_CHARS`] as bits of the code point modulo 4096: a character whose
/// bit is clear is no token (a set bit may be another character's).
static TOKEN_BITS: [u64; 64] = token_bits();

const fn token_bits() -> [u64; 64] {
    let mut bits = [0u64; 64];
    let bytes = TOKEN_CHARS.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Decode one character of UTF-8 (the list holds one- to three-byte characters).
        let first = bytes[i] as u32;
        let (code, len) = if first < 0x80 {
            (first, 1)
        } else if first < 0xE0 {
            (((first & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F), 2)
        } else {
            (
                ((first & 0x0F) << 12)
                    | ((bytes[i + 1] as u32 & 0x3F) << 6)
                    | (bytes[i + 2] as u32 & 0x3F),
                3,
            )
        };
        bits[((code >> 6) & 63) as usize] |= 1 << (code & 63);
        i += len;
    }
    bits
}

/// Whether `c` may be a token's character (see [`TOKEN_BITS`]).
fn may_be_token(c: char) -> bool {
    let i = c as usize;
    TOKEN_BITS[(i >> 6) & 63] & (1 << (i & 63)) != 0
}

/// The number of spaces before a 之 that opens `s`, if it does (`分 之一`).
fn spaced_zhi(s: &str) -> Option<usize> {
    let trimmed = s.trim_start_matches(' ');
    trimmed.starts_with('之').then(|| s.len() - trimmed.len())
}

fn digit(value: u8, form: Form) -> Token {
    Token::Digit { value, form }
}

fn small(value: u16, capital: bool) -> Token {
    Token::Small { value, capital }
}

fn is_arabic_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn arabic_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Whether byte `at` of `s` follows a digit and a dot (`2222.2222`): the
/// middle of a dotted sequence, whose parts are whole numbers.
fn after_dot(s: &str, at: usize) -> bool {
    let mut before = s.get(..at).unwrap_or("").chars().rev();
    matches!(before.next(), Some('.' | '．')) && before.next().is_some_and(is_arabic_digit)
}

/// An Arabic number at the start of `s`: digits, `,` groups of three, one
/// decimal point unless `whole`.
fn arabic(s: &str, whole: bool) -> Option<(Token, usize)> {
    let mut numerator: Option<i128> = Some(0);
    let mut integer_digits = 0u32;
    let mut places = 0u32;
    let mut fractional = false;
    let mut first: Option<u32> = None;
    let mut end = 0;
    let push = |numerator: &mut Option<i128>, d: u32| {
        *numerator = match *numerator {
            // Below 10^17 a step cannot overflow even `u64`, whose arithmetic
            // is cheaper than `i128`'s checked one; the value is the same.
            Some(n @ 0..100_000_000_000_000_000) => Some(((n as u64) * 10 + u64::from(d)) as i128),
            n => n
                .and_then(|n| n.checked_mul(10))
                .and_then(|n| n.checked_add(d as i128)),
        };
    };
    let mut rest = s;
    // Integer digits, with optional groups of three after commas.
    while let Some(c) = rest.chars().next() {
        if let Some(d) = arabic_value(c) {
            push(&mut numerator, d);
            first.get_or_insert(d);
            integer_digits += 1;
            end += c.len_utf8();
            rest = &rest[c.len_utf8()..];
        } else if (c == ',' || c == '，')
            && integer_digits > 0
            && group_follows(&rest[c.len_utf8()..])
        {
            end += c.len_utf8();
            rest = &rest[c.len_utf8()..];
        } else {
            break;
        }
    }
    // A decimal point followed by a digit.
    let mut chars = rest.chars();
    if let (Some(point @ ('.' | '．')), Some(d)) = (chars.next(), chars.next()) {
        if arabic_value(d).is_some() && !whole {
            fractional = true;
            end += point.len_utf8();
            rest = &rest[point.len_utf8()..];
            while let Some(c) = rest.chars().next() {
                let Some(d) = arabic_value(c) else { break };
                push(&mut numerator, d);
                places += 1;
                end += c.len_utf8();
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if end == 0 {
        return None;
    }
    // 2222.2222.22 is a dotted sequence (a date, a version), not a decimal.
    let mut after = rest.chars();
    if fractional
        && matches!(after.next(), Some('.' | '．'))
        && after.next().is_some_and(is_arabic_digit)
        && integer_digits > 0
    {
        let integer_end = s
            .char_indices()
            .find(|&(_, c)| c == '.' || c == '．')
            .map_or(end, |(i, _)| i);
        return arabic(s.get(..integer_end)?, true);
    }
    let value = numerator.and_then(|n| Number::ratio(n, 10i128.checked_pow(places)?));
    Some((
        Token::Arabic {
            value,
            fractional,
            integer_digits: integer_digits.min(u8::MAX as u32) as u8,
            leading_zero: first == Some(0) && integer_digits > 1,
        },
        end,
    ))
}

/// Whether `s` starts with exactly three digits (a thousands group) and no fourth.
fn group_follows(s: &str) -> bool {
    let mut chars = s.chars();
    (0..3).all(|_| chars.next().is_some_and(is_arabic_digit))
        && !chars.next().is_some_and(is_arabic_digit)
}

#[cfg(test)]
/// Every token of `s` from byte `start` on, up to the first character that is none.
/// Returns the byte offset where tokenizing stopped.
pub(crate) fn tokenize(s: &str, start: usize, extras: Extras, out: &mut Vec<Tok>) -> usize {
    let mut at = start;
    while let Some((token, len)) = token_at(s, at, extras) {
        out.push(Tok {
            token,
            start: at,
            end: at + len,
        });
        at += len;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(s, 0, Extras::NONE, &mut out);
        out.into_iter().map(|t| t.token).collect()
    }

    #[test]
    fn arabic_numbers_take_groups_and_one_point() {
        let [Token::Arabic { value, .. }] = tokens("12,345.5")[..] else {
            panic!("one token")
        };
        assert_eq!(value, Number::ratio(24691, 2));
        assert_eq!(tokens("1,23").len(), 1);
        assert_eq!(tokens("1..2").len(), 1);
        assert_eq!(tokens("１２").len(), 1);
    }

    proptest::proptest! {
        /// Long and short digit strings, whole and decimal: the value of the digits as written.
        #[test]
        fn arabic_values_are_the_digits_value(
            whole in "[1-9][0-9]{0,40}",
            fraction in proptest::option::of("[0-9]{1,30}"),
        ) {
            let text = match &fraction {
                Some(f) => format!("{whole}.{f}"),
                None => whole.clone(),
            };
            let digits = format!("{whole}{}", fraction.clone().unwrap_or_default());
            let places = fraction.map_or(0, |f| f.len() as u32);
            let expected = digits
                .parse::<i128>()
                .ok()
                .and_then(|n| Number::ratio(n, 10i128.checked_pow(places)?));
            let Some((Token::Arabic { value, .. }, len)) = arabic(&text, false) else {
                panic!("no number in {text}");
            };
            proptest::prop_assert_eq!(len, text.len());
            proptest::prop_assert_eq!(value, expected);
        }
    }

    #[test]
    fn every_token_character_passes_the_quick_test() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            for next in ["", "5", "之", " 之"] {
                let text = format!("{c}{next}");
                if read_token(&text, 0, Extras::ALL).is_some() {
                    assert!(may_be_token(c), "{c:?}");
                }
            }
        }
    }

    #[test]
    fn fractions_need_zhi() {
        assert_eq!(tokens("三分之一").len(), 3);
        assert_eq!(tokens("五分").len(), 1);
    }
}
