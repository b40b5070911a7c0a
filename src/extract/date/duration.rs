//! Durations (`三年`, `连续三年`, `一个多月`, `48小时`, `两年零三个月`) and
//! recurrences (`每年`, `每周一`).

use once_cell::sync::Lazy;
use regex::Regex;

use super::token::{
    Atom, DurationAtom, Groups, Token, char_at, starts_cleanly, token, weekday_number,
};
use super::value::{Duration, Unit};
use crate::numeral::{self, Number};

/// Durations, with the head words their text includes.
pub(super) static DURATION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        (?P<head>连续|过去|未来|最近|近|这)?
        (?P<about>大约|大概|约)?
        (?:
            # a number, maybe with 多/余/来, 个, 半: 三年, 十余天, 一个多月, 一个半小时
            (?P<n>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万廿卅]+(?:点[零〇一二三四五六七八九]+|几)?|几|数|半)
            \s?
            (?P<more>多|余|来)?
            (?P<ge>个)?
            (?P<more_ge>多|余)?
            (?P<half>半)?
            (?P<unit>小时|钟头|分钟|秒钟|星期|礼拜|世纪|個字|年|月|周|天|日|钟|秒|分)
            (?P<half_after>半)?
            (?P<zhong>钟)?
            (?P<more_after>多|左右)?
            (?P<lai>来)?
            # 个半小时, 个半月: one and a half
            |(?P<ge_half>个半)(?P<ge_half_unit>小时|钟头|钟|月)
            # 分半, 分半钟: a minute and a half
            |(?P<fen_ban>分半)钟?
        )
        ",
    )
    .expect("valid regex")
});

/// Recurrences: 每年, 每周一.
pub(super) static SET: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        # 每周一, 每个星期天, 每周末
        每个?(?:星期|礼拜|周)(?P<weekday>[一二三四五六日天末])
        # 每年, 每个月, 每天, 每小时
        |每个?(?P<unit>年|月|星期|礼拜|周|天|日|季度|小时)
        ",
    )
    .expect("valid regex")
});

/// Characters of which every duration contains one: a character of its unit.
pub(super) const REQUIRED: &str = "时钟分秒期拜纪字年月周天日";

/// The character a recurrence starts with.
pub(super) fn set_triggers() -> Vec<char> {
    vec!['每']
}

/// The characters a duration starts with: its head words (连续, 过去, 未来,
/// 最近, 近, 这, 大约, 大概, 约), digits and numerals, 几, 数, 半, 个 (`个半月`) and 分 (`分半`).
pub(super) fn triggers() -> Vec<char> {
    "连过未最近这大约0123456789零〇一二两三四五六七八九十百千万廿卅几数半个分"
        .chars()
        .collect()
}

pub(super) fn set(_text: &str, caps: &Groups<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    let value = if let Some(day) = caps.name("weekday") {
        match day.as_str() {
            "末" => "XXXX-WXX-WE".to_string(),
            day => format!("XXXX-WXX-{}", weekday_number(day)?),
        }
    } else {
        match caps.name("unit")?.as_str() {
            "年" => "P1Y",
            "月" => "P1M",
            "星期" | "礼拜" | "周" => "P1W",
            "天" | "日" => "P1D",
            "季度" => "P3M",
            _ => "PT1H",
        }
        .to_string()
    };
    token(whole.range(), Atom::Set(value))
}

pub(super) fn duration(text: &str, caps: &Groups<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    let group = |name: &str| caps.name(name).map(|m| m.as_str());
    if group("fen_ban").is_some() {
        let atom = DurationAtom {
            value: Duration::new(Number::ratio(3, 2), Unit::Minute),
            approx: None,
            bare_minute: false,
            since: false,
        };
        return token(whole.range(), Atom::Duration(atom));
    }
    let ge_half = group("ge_half").is_some();
    let unit_text = group("unit").or(group("ge_half_unit"))?;
    let n = caps.name("n");
    let ge = group("ge").is_some() || ge_half;
    let half_before = group("half").is_some() || ge_half;
    let half_after = group("half_after").is_some();
    let bare_minute = unit_text == "分" && group("zhong").is_none() && !half_after;
    // Where the number starts, for the clean-start check and the text.
    let number_start = n.map_or(whole.start(), |n| n.start());
    if !starts_cleanly(text, number_start) {
        return None;
    }
    // 连续第三天, 第16年: an ordinal, not an amount of time.
    if super::token::char_before(text, whole.start()) == Some('第') {
        return None;
    }
    let unit = match unit_text {
        "年" => Unit::Year,
        "月" if ge => Unit::Month,
        "周" | "星期" | "礼拜" => Unit::Week,
        "天" | "日" => Unit::Day,
        "小时" | "钟头" => Unit::Hour,
        "钟" if ge => Unit::Hour,
        "分钟" | "分" => Unit::Minute,
        "秒" | "秒钟" => Unit::Second,
        // 一个世纪, 半个世纪; 21世纪 is a century, not an amount.
        "世纪" if ge => Unit::Year,
        // 3個字: fifteen minutes (traditional 個 only; see `fold`).
        "個字" => Unit::Minute,
        _ => return None,
    };
    let next = char_at(text, whole.end());
    match unit_text {
        "周" if matches!(next, Some('年' | '岁')) => return None,
        // 163日元: yen.
        "日" if next == Some('元') => return None,
        // 三年级, 90年代, 一个年份 are not durations.
        "年" if matches!(next, Some('级' | '代' | '份')) || ge => return None,
        _ => {}
    }
    let mut amount = match n.map(|n| n.as_str()) {
        None if ge && half_before => Some(Number::ratio(3, 2)?),
        None => return None,
        Some("半") => Some(Number::ratio(1, 2)?),
        Some("几" | "数") => None,
        Some(s) => {
            // A year written digit by digit (二〇二〇) or with four digits is a date.
            let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
            // 零三 (个月) in 两年零三个月 is a plain three.
            let linked = s.chars().count() == 2 && s.starts_with(['零', '〇']);
            let chinese_digits = s.chars().count() > 1
                && !linked
                && s.chars().all(|c| "〇零一二三四五六七八九".contains(c));
            if unit == Unit::Year && digits >= 4 {
                return None;
            }
            // 二〇二〇年 is a year; 三四天 is three or four days.
            if chinese_digits {
                return None;
            }
            if s.contains(['点', '.']) && bare_minute {
                return None;
            }
            let expanded = s.replace('廿', "二十").replace('卅', "三十");
            match numeral::parse(&expanded) {
                Ok(value) => Some(value),
                // 十几 and the like: an unknown amount.
                Err(_) if s.contains('几') => None,
                Err(_) => return None,
            }
        }
    };
    if n.is_some() && (half_before || half_after) {
        if let Some(a) = amount {
            amount = a.checked_add(Number::ratio(1, 2)?);
        }
    }
    if unit_text == "世纪" {
        amount = amount.and_then(|a| a.checked_mul(Number::from(100)));
    }
    if unit_text == "個字" {
        amount = amount.and_then(|a| a.checked_mul(Number::from(5)));
    }
    let more = group("more").or(group("more_ge"));
    let approx = match (group("about"), more, group("more_after")) {
        (Some(_), _, _) | (_, Some("来"), _) | (_, _, Some("左右")) => {
            Some(crate::Approx::About)
        }
        (_, Some(_), _) | (_, _, Some(_)) => Some(crate::Approx::MoreThan),
        _ => None,
    };
    let atom = DurationAtom {
        value: Duration::new(amount, unit),
        approx,
        bare_minute,
        since: group("lai").is_some(),
    };
    token(whole.range(), Atom::Duration(atom))
}
