//! Integers written as Chinese numerals, in the styles news and documents use.

/// How [`render`] writes a numeral.
///
/// The default is the formal style: `一千零五`, `十二`, `两` never, lower-case digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Leave out the 零 that a reader does not need (`一万五百` for 10500); a
    /// 零 before a lone last digit stays, since `一千五` reads as 1500.
    pub without_zeros: bool,
    /// Write 两 for a two before 百, 千, 万 and 亿 (`两千`, `两万`).
    pub liang: bool,
    /// Write the financial capitals 壹贰叁肆伍陆柒捌玖拾佰仟.
    pub capital: bool,
    /// Write `一十二` rather than `十二` at the start.
    pub explicit_ten: bool,
}

/// Writes `value` as a Chinese numeral in `style`.
///
/// Sections of four digits take 万 and 亿 (`一千二百万`, `三万亿` for
/// 3×10^12 is written `三万亿`).
///
/// # Examples
///
/// ```
/// use zhnews::numeral::{render, Style};
///
/// assert_eq!(render(10_500, Style::default()), "一万零五百");
/// let colloquial = Style { without_zeros: true, liang: true, ..Style::default() };
/// assert_eq!(render(20_500, colloquial), "两万五百");
/// let capital = Style { capital: true, ..Style::default() };
/// assert_eq!(render(1_005, capital), "壹仟零伍");
/// ```
pub fn render(value: u64, style: Style) -> String {
    let mut out = String::new();
    if value == 0 {
        out.push('零');
        return out;
    }
    write(value, style, true, &mut out);
    out
}

/// Writes `value` (not zero); `leading` when nothing comes before it.
fn write(value: u64, style: Style, leading: bool, out: &mut String) {
    for (exponent, unit) in [(8u32, '亿'), (4, '万')] {
        let scale = 10u64.pow(exponent);
        if value >= scale {
            let (high, low) = (value / scale, value % scale);
            if high == 2 && style.liang {
                out.push(if style.capital { '贰' } else { '两' });
            } else {
                write(high, style, leading, out);
            }
            out.push(unit);
            if low > 0 {
                // A zero when the next section does not start right below the
                // unit, and after a compound 万亿, whose next place is 千亿.
                let gap = low < scale / 10 || (exponent == 8 && high % 10_000 == 0);
                if gap && (!style.without_zeros || low < 10) {
                    out.push('零');
                }
                write(low, style, false, out);
            }
            return;
        }
    }
    write_section(value, style, leading, out);
}

/// Writes 1..=9999.
fn write_section(value: u64, style: Style, leading: bool, out: &mut String) {
    let digits = [value / 1000, value / 100 % 10, value / 10 % 10, value % 10];
    let units = if style.capital {
        ['仟', '佰', '拾']
    } else {
        ['千', '百', '十']
    };
    let mut started = false;
    let mut gap = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            gap |= started;
            continue;
        }
        let last_and_lone = i == 3 && digits.get(2) == Some(&0);
        if gap && (!style.without_zeros || last_and_lone) {
            out.push('零');
        }
        gap = false;
        let is_ten = i == 2;
        let bare_ten = is_ten && d == 1 && !started && leading && !style.explicit_ten;
        if !bare_ten {
            let liang = style.liang && d == 2 && i < 2;
            out.push(digit(d, style.capital, liang));
        }
        if let Some(&unit) = units.get(i) {
            out.push(unit);
        }
        started = true;
    }
}

fn digit(d: u64, capital: bool, liang: bool) -> char {
    const LOWER: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const UPPER: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    if liang {
        return if capital { '贰' } else { '两' };
    }
    let table = if capital { &UPPER } else { &LOWER };
    table.get(d as usize).copied().unwrap_or('零')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formal_style_puts_zeros_in_gaps() {
        for (n, s) in [
            (10, "十"),
            (12, "十二"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1005, "一千零五"),
            (1010, "一千零一十"),
            (10_001, "一万零一"),
            (100_000, "十万"),
            (101_000, "十万一千"),
            (1_000_010, "一百万零一十"),
            (100_000_001, "一亿零一"),
            (1_000_000_000_000, "一万亿"),
            (9_000_010_000_000, "九万亿零一千万"),
            (9_000_100_000_000, "九万零一亿"),
        ] {
            assert_eq!(render(n, Style::default()), s, "{n}");
        }
    }
}
