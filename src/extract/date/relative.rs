//! Relative words (今年, 上月, 昨天, 上周三, 当天), periods of the year (一季度,
//! 上半年, 春季, 年底, 上旬, 前4个月), parts of the day, five-year plans, holidays.

use once_cell::sync::Lazy;
use regex::Regex;

use std::ops::Range;

use super::holiday::Holiday;
use super::token::{
    Atom, DateModifier, DayPart, DaySpec, Groups, MonthSpec, Parts, Period, Token, YearSpec,
    date_token, day_number, part_modifier, small_number, token, weekday_number,
};
use super::value::Season;

/// Relative words, periods of the year, weeks, parts of the day.
pub(super) static RELATIVE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        # 去年同期, 上年同期: the period in context, a year earlier
        (?P<same>去年|上年|前年|上一年)同期
        # 前4个月: months 1..4
        |前(?P<first_months>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})个?月份?
        # 前三季度: quarters 1..3
        |前(?P<first_quarters>[一二三四1-4])个?季度
        # 上半年, 下半年
        |(?P<half>上|下)半年度?
        # 一季度, 第四季度
        |第?(?P<quarter>[一二三四1-4])季度
        # 春季, 夏天
        |(?P<season>春|夏|秋|冬)(?:季|天)
        # 年初, 年中, 年底, 年末
        |年(?P<year_part>初|中|底|末)
        # 月初, 月中, 月底, 月末
        |月(?P<month_part>初|中|底|末)
        # 上旬, 中旬, 下旬
        |[上中]?(?P<xun>上|中|下)旬
        # 全年
        |(?P<whole_year>全年)
        # 大年初一, 大年三十
        |大年(?P<big_year_day>初[一二三四五六七八九十]|三十)
        # 新的一年: the year that begins nearest the reference
        |(?P<new_year>新的一年|新一年)
        # years relative to the reference
        |(?P<rel_year>大前年|前年|去年|今年|明年|后年|大后年|本年|上年|下年|这一年|上一年|下一年)
        # years relative to the year in context
        |(?P<anchor_year>当年|同年|次年|翌年)
        # months relative to the reference
        |(?P<rel_month>本月|上月|下月|这个月|上个月|下个月|今个月|上一个月|下一个月)
        # months relative to the month in context
        |(?P<anchor_month>当月|同月|次月)
        # 十月第一个星期一
        |第(?P<nth>[一二三四五1-5])个?(?:星期|礼拜|周)(?P<nth_day>[一二三四五六日天1-7])
        # 上周三, 本周, 周末, 这一周, 星期天
        |(?P<week_prefix>上上个?|下下个?|上个|下个|上一|下一|上|下|本|这个|这一|这|今个|今)?(?P<week_word>星期|礼拜|周)(?P<weekday>[一二三四五六日天1-7]|末)?
        # days relative to the reference
        |(?P<rel_day>大前天|前天|昨天|昨日|前日|今天|今日|明天|明日|大后天|大后日|后天|后日|寻日|听日)
        # days relative to the day in context
        |(?P<anchor_day>当天|当日|次日|翌日|同日|前一天|前一日|第二天)
        # 当晚: the day in context, in the evening
        |(?P<anchor_day_part>当晚|当夜)
        # 今晚, 昨晚, 明早: a day and its part
        |(?P<rel_day_part>今|昨|明)(?P<rel_part>晚|早|晨)
        # parts of the day
        |(?P<day_part>凌晨|清晨|早上|早晨|早间|上午|中午|午后|下午|傍晚|晚上|晚间|夜里|夜间|深夜|晏昼|早|晚)
        # “十四五”期间: a five-year plan
        |(?P<plan_open>“|\x22)?(?P<plan>十[一二三四五六七八九]五)(?P<plan_close>”|\x22)?(?P<plan_tail>规划|期间|时期)?
        ",
    )
    .expect("valid regex")
});

/// The characters a token can start with after its match starts: the
/// opening quote of `“十四五”规划` (the token is `十四五`).
pub(super) const MOVES_START: &str = "“\"";

/// Characters of which every relative word contains one: 年, 月, 季, 天, 日,
/// 旬, 期 (星期, 同期), 拜, 周, a part of the day (晚夜早晨午昼), 五 of a plan.
pub(super) const REQUIRED: &str = "年月季天日旬期拜周晚夜早晨午昼五";

/// The one-character words that can be a token alone (a bare 周 is none).
pub(super) const SINGLE: &str = "早晚";

/// The characters a relative word starts with (see the alternatives of [`RELATIVE`]).
pub(super) fn triggers() -> Vec<char> {
    "去上下前第一二三四1234春夏秋冬年月中全大新今明后本这当同次翌星礼周昨寻听凌清早午傍晚夜深晏“\"十"
        .chars()
        .collect()
}

pub(super) fn relative(text: &str, caps: &Groups<'_>) -> Option<Token> {
    let whole = caps.get(0)?;
    let range = whole.range();
    let group = |name: &str| caps.name(name).map(|m| m.as_str());
    let before = super::token::char_before(text, whole.start());
    let after = super::token::char_at(text, whole.end());
    // 首次月背, 多次日: 次 that ends another word is no 次月 or 次日.
    let anchor = group("anchor_year")
        .or(group("anchor_month"))
        .or(group("anchor_day"));
    if anchor.is_some_and(|w| w.starts_with('次'))
        && before.is_some_and(|c| "首多屡几每层依再档名批其这上此本历初二三两一数".contains(c))
    {
        return None;
    }
    let with = |f: &dyn Fn(&mut Parts)| {
        let mut parts = Parts::default();
        f(&mut parts);
        date_token(range.clone(), parts)
    };
    if let Some(same) = group("same") {
        // 历史同期 is not a date.
        let offset = match same {
            "前年" => -2,
            _ => -1,
        };
        return token(range, Atom::SamePeriod(offset));
    }
    // 提前4个月 is a duration ahead of time, not months 1 to 4.
    if before == Some('提')
        && (group("first_months").is_some() || group("first_quarters").is_some())
    {
        return None;
    }
    if let Some(n) = group("first_months") {
        let n = small_number(n).filter(|n| (1..=12).contains(n))?;
        return with(&|p| p.period = Some(Period::FirstMonths(n)));
    }
    if let Some(n) = group("first_quarters") {
        let n = small_number(n).filter(|n| (1..=4).contains(n))?;
        return with(&|p| p.period = Some(Period::FirstQuarters(n)));
    }
    if let Some(half) = group("half") {
        let h = if half == "上" { 1 } else { 2 };
        return with(&|p| p.period = Some(Period::Half(h)));
    }
    if let Some(q) = group("quarter") {
        let q = small_number(q).filter(|q| (1..=4).contains(q))?;
        return with(&|p| p.period = Some(Period::Quarter(q)));
    }
    if let Some(season) = group("season") {
        let season = match season {
            "春" => Season::Spring,
            "夏" => Season::Summer,
            "秋" => Season::Autumn,
            _ => Season::Winter,
        };
        return with(&|p| p.period = Some(Period::Season(season)));
    }
    if let Some(part) = group("year_part") {
        // 青少年中, 老年底: 年 that ends another word.
        if before.is_some_and(|c| "少老青成童幼晚早中新学往历周".contains(c)) {
            return None;
        }
        let modifier = part_modifier(part);
        return with(&|p| {
            p.modifier = Some(modifier);
            p.modifier_level = Some(1);
        });
    }
    if let Some(part) = group("month_part") {
        let modifier = part_modifier(part);
        return with(&|p| {
            p.month = Some(MonthSpec::Relative(0));
            p.modifier = Some(modifier);
            p.modifier_level = Some(2);
        });
    }
    if let Some(xun) = group("xun") {
        let modifier = match xun {
            "上" => DateModifier::Start,
            "中" => DateModifier::Mid,
            _ => DateModifier::End,
        };
        return with(&|p| {
            p.modifier = Some(modifier);
            p.modifier_level = Some(2);
        });
    }
    if group("whole_year").is_some() {
        return with(&|p| p.period = Some(Period::WholeYear));
    }
    if let Some(day) = group("big_year_day") {
        let (month, day) = if day == "三十" {
            (12, 30)
        } else {
            (1, day_number(day)?.0)
        };
        return with(&|p| {
            p.month = Some(MonthSpec::Absolute(month));
            p.day = Some(DaySpec::Absolute(day));
            p.lunar = true;
        });
    }
    if group("new_year").is_some() {
        return with(&|p| p.year = Some(YearSpec::New));
    }
    if let Some(word) = group("rel_year") {
        // 以前年度, 之前年: 前 that ends another word.
        if word.starts_with('前')
            && before.is_some_and(|c| "以之此提日目先从生事空战眼".contains(c))
        {
            return None;
        }
        // 马上一年半: 上一年 inside 马上 is no year.
        if word.starts_with(['上', '下'])
            && super::token::char_before(text, whole.start()) == Some('马')
        {
            return None;
        }
        let offset = match word {
            "大前年" => -3,
            "前年" => -2,
            "去年" | "上年" | "上一年" => -1,
            "明年" | "下年" | "下一年" => 1,
            "后年" => 2,
            "大后年" => 3,
            _ => 0,
        };
        return with(&|p| p.year = Some(YearSpec::Relative(offset)));
    }
    if let Some(word) = group("anchor_year") {
        let offset = if matches!(word, "次年" | "翌年") {
            1
        } else {
            0
        };
        return with(&|p| p.year = Some(YearSpec::Anchor(offset)));
    }
    if let Some(word) = group("rel_month") {
        let offset = if word.starts_with('上') {
            -1
        } else if word.starts_with('下') {
            1
        } else {
            0
        };
        return with(&|p| p.month = Some(MonthSpec::Relative(offset)));
    }
    if let Some(word) = group("anchor_month") {
        let offset = i32::from(word == "次月");
        return with(&|p| p.month = Some(MonthSpec::Anchor(offset)));
    }
    if let Some(n) = group("nth") {
        let n = small_number(n)?;
        let day = weekday_number(group("nth_day")?)?;
        return with(&|p| p.day = Some(DaySpec::Nth { n, day }));
    }
    if group("week_word").is_some() {
        let offset = group("week_prefix").map(|prefix| match prefix {
            p if p.starts_with("上上") => -2,
            p if p.starts_with("下下") => 2,
            p if p.starts_with('上') => -1,
            p if p.starts_with('下') => 1,
            _ => 0,
        });
        return match group("weekday") {
            // 周末 alone is any weekend (周末热); 本周末, 下周末 are dates.
            Some("末") => {
                let offset = offset?;
                with(&|p| p.period = Some(Period::Weekend(offset)))
            }
            Some(day) => {
                let day = weekday_number(day)?;
                with(&|p| p.day = Some(DaySpec::Weekday { week: offset, day }))
            }
            // A bare 周 / 星期 is not a date; 本周, 上周 are weeks.
            None => {
                let offset = offset?;
                with(&|p| p.period = Some(Period::Week(offset)))
            }
        };
    }
    // 探明天然气, “今日俄罗斯”, 今日之中国: words that only contain a day word.
    if let Some(word) = group("rel_day") {
        if (word.ends_with('天') && after == Some('然'))
            // 此前日本: 日本 is Japan.
            || (word.ends_with('日') && after == Some('本'))
            || (word == "今日" && (matches!(before, Some('“' | '《' | '"')) || after == Some('之')))
        {
            return None;
        }
    }
    if let Some(word) = group("rel_day") {
        let offset = match word {
            "大前天" => -3,
            "前天" | "前日" => -2,
            "昨天" | "昨日" | "寻日" => -1,
            "明天" | "明日" | "听日" => 1,
            "后天" | "后日" => 2,
            "大后天" | "大后日" => 3,
            _ => 0,
        };
        return with(&|p| p.day = Some(DaySpec::Relative(offset)));
    }
    if let Some(word) = group("anchor_day") {
        let offset = match word {
            "次日" | "翌日" | "第二天" => 1,
            "前一天" | "前一日" => -1,
            _ => 0,
        };
        return with(&|p| p.day = Some(DaySpec::Anchor(offset)));
    }
    if group("anchor_day_part").is_some() {
        return with(&|p| {
            p.day = Some(DaySpec::Anchor(0));
            p.day_part = Some(DayPart::Afternoon);
        });
    }
    if let Some(day) = group("rel_day_part") {
        let offset = match day {
            "昨" => -1,
            "明" => 1,
            _ => 0,
        };
        let part = if group("rel_part") == Some("晚") {
            DayPart::Afternoon
        } else {
            DayPart::Morning
        };
        return with(&|p| {
            p.day = Some(DaySpec::Relative(offset));
            p.day_part = Some(part);
        });
    }
    if let Some(part) = group("day_part") {
        let part = match part {
            "凌晨" => DayPart::EarlyMorning,
            "中午" => DayPart::Noon,
            "下午" | "午后" | "傍晚" | "晚上" | "晚间" | "晏昼" | "晚" => {
                DayPart::Afternoon
            }
            "夜里" | "夜间" | "深夜" => DayPart::Night,
            _ => DayPart::Morning,
        };
        return with(&|p| p.day_part = Some(part));
    }
    if let Some(plan) = caps.name("plan") {
        // 十X五: the (10 + X)th plan.
        let n = 10 + small_number(plan.as_str().chars().nth(1)?.encode_utf8(&mut [0; 4]))?;
        // The third plan began in 1966; each lasts five years.
        let first = 1966 + 5 * (i32::try_from(n).ok()? - 3);
        let open = caps.name("plan_open");
        let close = caps.name("plan_close");
        let tail = caps.name("plan_tail");
        // Only clearly the plan: quoted, or followed by 规划/期间/时期.
        if close.is_none() && tail.is_none() {
            return None;
        }
        let range = match tail {
            Some(t) if t.as_str() != "规划" => open.map_or(plan.start(), |o| o.start())..t.end(),
            _ => plan.range(),
        };
        return token(range, Atom::Plan(first));
    }
    None
}

/// The token of a holiday name written at `range`.
pub(super) fn holiday_token(
    text: &str,
    holiday: &'static Holiday,
    range: Range<usize>,
) -> Option<Token> {
    // 三一五 inside a longer run of digits (三一五六) is a number.
    let digit = |c: char| "〇零一二两三四五六七八九十百千".contains(c);
    if !super::token::starts_cleanly(text, range.start)
        || (holiday.name.ends_with(digit)
            && super::token::char_at(text, range.end).is_some_and(digit))
    {
        return None;
    }
    let parts = Parts {
        holiday: Some(holiday),
        ..Parts::default()
    };
    date_token(range, parts)
}
