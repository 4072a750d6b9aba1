//! Durations as people write them in a config: `90s`, `30m`, `24h`, `2d`, `1w`, `1d12h`.

use chrono::Duration;

/// Parses `1d12h`-style durations (units `s`, `m`, `h`, `d`, `w`; at least one part; no
/// sign). The message says what was expected.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let bad = || {
        format!(
            "'{text}' is not a duration: write a number and a unit (s, m, h, d, w), such as \
             30m, 24h or 1d12h"
        )
    };
    let t = text.trim();
    if t.is_empty() {
        return Err(bad());
    }
    let mut total: i64 = 0;
    let mut number = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit: i64 = match c {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return Err(bad()),
        };
        let n: i64 = number.parse().map_err(|_| bad())?;
        number.clear();
        total = n
            .checked_mul(unit)
            .and_then(|s| total.checked_add(s))
            .filter(|s| *s <= MAX_SECONDS)
            .ok_or_else(|| format!("'{text}' is longer than ten years"))?;
    }
    if !number.is_empty() {
        return Err(bad());
    }
    Ok(Duration::seconds(total))
}

/// Ten years: longer holds or freezes are a typo.
const MAX_SECONDS: i64 = 10 * 366 * 86_400;

/// `1d 12h`, `45m`, `0s`: the largest two units.
pub fn format_duration(d: Duration) -> String {
    let mut s = d.num_seconds().max(0);
    let parts = [
        ("w", 604_800),
        ("d", 86_400),
        ("h", 3_600),
        ("m", 60),
        ("s", 1),
    ];
    let mut out = Vec::new();
    for (name, size) in parts {
        if s >= size {
            out.push(format!("{}{name}", s / size));
            s %= size;
        }
        if out.len() == 2 {
            break;
        }
    }
    if out.is_empty() {
        "0s".to_owned()
    } else {
        out.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_as_written() {
        assert_eq!(parse_duration("90s"), Ok(Duration::seconds(90)));
        assert_eq!(parse_duration("24h"), Ok(Duration::hours(24)));
        assert_eq!(parse_duration(" 1d12h "), Ok(Duration::hours(36)));
        assert_eq!(parse_duration("1w"), Ok(Duration::days(7)));
        for bad in ["", "h", "12", "1.5h", "-1h", "1y", "1h 30m"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_duration("99999999999999w"),
            Err("'99999999999999w' is longer than ten years".to_owned())
        );
    }

    #[test]
    fn durations_format_with_two_units() {
        assert_eq!(format_duration(Duration::hours(36)), "1d 12h");
        assert_eq!(format_duration(Duration::seconds(2_700)), "45m");
        assert_eq!(format_duration(Duration::seconds(-5)), "0s");
        assert_eq!(format_duration(Duration::seconds(694_861)), "1w 1d");
    }
}
