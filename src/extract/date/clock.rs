//! Clock times: `9:30`, `3pm`, `9时30分`, `下午三点十五`, `三点半`, `八点整`.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use super::token::{
    Atom, ClockSpec, Group, Groups, Parts, Token, char_at, date_token, ends_cleanly, small_number,
    starts_cleanly, token,
};

/// Clock times.
pub(super) static CLOCK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        # 9:30, 17:55:23, 3:15pm, 8:00 a.m.
        (?P<colon_h>[01]?[0-9]|2[0-4]):(?P<colon_m>[0-5][0-9])(?::(?P<colon_s>[0-5][0-9]))?(?:\s?(?P<colon_ampm>[aApP])\.?(?:[mM]\.?)?)?
        # 0—24时, 9至11时: hours of one day
        |(?P<span_a>2[0-4]|[01]?[0-9])\s?(?:至|到|—|-|–|~)\s?(?P<span_b>2[0-4]|[01]?[0-9])\s?(?P<span_unit>时)
        # 3pm
        |(?P<ampm_h>1[0-2]|0?[1-9])\s?(?P<ampm>[aApP])[mM]
        # 9时30分, 下午三点十五, 三点半, 八点整, 三点一刻
        |(?P<h>2[0-4]|[01]?[0-9]|[零〇一二两三四五六七八九十]{1,3})\s?(?P<unit>点钟|点|时)
          (?:\s?(?:(?P<m>[0-5]?[0-9]|[零〇一二三四五六七八九十]{1,3})\s?(?P<m_mark>分)?
              |(?P<half>半)
              |(?P<quarter>[一三])刻
              |(?P<whole>整)
              |[踏搭](?P<five>[一二三四五六七八九十]{1,2}|半)))?
          (?:\s?(?P<s>[0-5]?[0-9]|[零〇一二三四五六七八九十]{1,3})\s?秒)?
          (?P<zi>[个個]字)?
        ",
    )
    .expect("valid regex")
});

/// Characters of which every clock time contains one: 点 or 时, a colon, am/pm.
pub(super) const REQUIRED: &str = "点时:aApP";

/// The characters a clock time starts with: digits, Arabic or Chinese.
pub(super) fn triggers() -> Vec<char> {
    "0123456789零〇一二两三四五六七八九十".chars().collect()
}

pub(super) fn clock(text: &str, caps: &Groups<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    if !starts_cleanly(text, whole.start()) {
        return None;
    }
    let meridiem = |s: &str| Some(s.eq_ignore_ascii_case("p"));
    if let Some(h) = caps.name("colon_h") {
        if !ends_cleanly(text, whole.end()) || char_at(text, whole.end()) == Some(':') {
            return None;
        }
        let ampm = caps.name("colon_ampm");
        // A lone `a`/`p` must not start a word (`3:15 apples`).
        if ampm.is_some_and(|a| a.end() == whole.end())
            && char_at(text, whole.end()).is_some_and(|c| c.is_ascii_alphabetic())
        {
            return None;
        }
        let spec = ClockSpec {
            hour: small_number(h.as_str())?,
            minute: small_number(caps.name("colon_m")?.as_str()),
            second: caps.name("colon_s").and_then(|s| small_number(s.as_str())),
            meridiem: ampm.and_then(|a| meridiem(a.as_str())),
            certain: true,
        };
        return clock_token(whole.range(), spec);
    }
    if let Some(a) = caps.name("span_a") {
        let certain = true;
        let hour = |m: Group<'_>| ClockSpec {
            hour: small_number(m.as_str()).unwrap_or(99),
            minute: None,
            second: None,
            meridiem: None,
            certain,
        };
        let b = caps.name("span_b")?;
        let (a, b) = (hour(a), hour(b));
        if a.hour >= b.hour || b.hour > 24 {
            return None;
        }
        let clock = |spec| Parts {
            clock: Some(spec),
            ..Parts::default()
        };
        return token(whole.range(), Atom::Span(clock(a), clock(b)));
    }
    if let Some(h) = caps.name("ampm_h") {
        if char_at(text, whole.end()).is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let spec = ClockSpec {
            hour: small_number(h.as_str())?,
            minute: None,
            second: None,
            meridiem: meridiem(caps.name("ampm")?.as_str()),
            certain: true,
        };
        return clock_token(whole.range(), spec);
    }
    let hour_text = caps.name("h")?.as_str();
    let hour = small_number(hour_text)?;
    let unit = caps.name("unit")?.as_str();
    let mut minute = None;
    let mut scaled = false;
    // 9时 is a time; 第一时间 and 三点意见 are not, without more context.
    let mut certain = unit == "时" && hour_text.bytes().all(|b| b.is_ascii_digit());
    if let Some(m) = caps.name("m") {
        let value = small_number(m.as_str())?;
        let marked = caps.name("m_mark").is_some();
        let single = m.as_str().chars().count() == 1 && !m.as_str().contains('十');
        // 三點三: a single bare Chinese digit counts five-minute steps (Cantonese).
        let chinese = !m.as_str().bytes().any(|b| b.is_ascii_digit());
        let steps = !marked && single && chinese && !m.as_str().starts_with(['零', '〇']);
        minute = Some(if steps { value * 5 } else { value });
        scaled = steps;
        certain |= marked;
    } else if caps.name("half").is_some() {
        minute = Some(30);
        certain = true;
    } else if let Some(q) = caps.name("quarter") {
        minute = Some(if q.as_str() == "一" { 15 } else { 45 });
        certain = true;
    } else if caps.name("whole").is_some() {
        minute = Some(0);
        certain = true;
    } else if let Some(five) = caps.name("five") {
        minute = Some(if five.as_str() == "半" {
            30
        } else {
            small_number(five.as_str())? * 5
        });
        certain = true;
    }
    if unit == "点钟" {
        certain = true;
    }
    // 三點三個字: 字 counts five minutes.
    if caps.name("zi").is_some() && !scaled {
        minute = minute.map(|m| if m < 12 { m * 5 } else { m });
    }
    let spec = ClockSpec {
        hour,
        minute,
        second: caps.name("s").and_then(|s| small_number(s.as_str())),
        meridiem: None,
        certain,
    };
    clock_token(whole.range(), spec)
}

fn clock_token(range: Range<usize>, spec: ClockSpec) -> Option<Token> {
    if spec.hour > 24 || spec.minute.is_some_and(|m| m > 59) || spec.second.is_some_and(|s| s > 59)
    {
        return None;
    }
    let parts = Parts {
        clock: Some(spec),
        ..Parts::default()
    };
    date_token(range, parts)
}
