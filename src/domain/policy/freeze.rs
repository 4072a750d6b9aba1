//! Freeze windows (weekly, in a named time zone) and the freeze switch on-call sets.

use chrono::{DateTime, Datelike, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Tz;

/// The registered-model tag that holds the freeze switch: `{by, at, reason, until}` as JSON.
pub const FREEZE_TAG: &str = "clearance.freeze";

/// A time in the week: `Fri 16:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyTime {
    pub weekday: Weekday,
    pub time: NaiveTime,
}

impl WeeklyTime {
    /// `Fri 16:00`, `friday 16:00`, `Mon 8:00`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || {
            format!("'{text}' is not a time in the week: write a day and a time, such as Fri 16:00")
        };
        let mut parts = text.split_whitespace();
        let (Some(day), Some(time), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let weekday: Weekday = day.parse().map_err(|_| bad())?;
        let time = NaiveTime::parse_from_str(time, "%H:%M").map_err(|_| bad())?;
        Ok(Self { weekday, time })
    }

    /// Minutes since Monday 00:00.
    fn minute_of_week(self) -> u32 {
        self.weekday.num_days_from_monday() * 1_440 + self.time.hour() * 60 + self.time.minute()
    }
}

impl std::fmt::Display for WeeklyTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} {}", self.weekday, self.time.format("%H:%M"))
    }
}

/// A weekly window in which no governed alias moves, such as Friday 16:00 to Monday 08:00 in
/// Europe/Berlin. A window whose end comes before its start in the week wraps over Sunday.
#[derive(Debug, Clone, PartialEq)]
pub struct FreezeWindow {
    pub name: String,
    pub from: WeeklyTime,
    pub to: WeeklyTime,
    pub tz: Tz,
}

impl FreezeWindow {
    /// Parses the time zone by its IANA name (`Europe/Berlin`, `UTC`).
    pub fn time_zone(name: &str) -> Result<Tz, String> {
        name.trim().parse::<Tz>().map_err(|_| {
            format!("'{name}' is not a time zone: use an IANA name such as Europe/Berlin or UTC")
        })
    }

    /// Whether `now` falls in the window, read on the window's own clock (so a window follows
    /// its zone's daylight saving time).
    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        let local = now.with_timezone(&self.tz);
        let m = local.weekday().num_days_from_monday() * 1_440 + local.hour() * 60 + local.minute();
        let (from, to) = (self.from.minute_of_week(), self.to.minute_of_week());
        if from <= to {
            from <= m && m < to
        } else {
            m >= from || m < to
        }
    }

    /// `weekend freeze (Fri 16:00 to Mon 08:00 Europe/Berlin)`.
    pub fn describe(&self) -> String {
        format!(
            "{} ({} to {} {})",
            self.name,
            self.from,
            self.to,
            self.tz.name()
        )
    }
}

/// The freeze switch: set by on-call, with who, when and why; it holds until cleared or
/// until `until`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FreezeSwitch {
    pub by: String,
    pub at: DateTime<Utc>,
    pub reason: String,
    pub until: Option<DateTime<Utc>>,
}

impl FreezeSwitch {
    /// Whether the switch still holds at `now`.
    pub fn holds(&self, now: DateTime<Utc>) -> bool {
        self.until.is_none_or(|u| now < u)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn weekend(tz: &str) -> FreezeWindow {
        FreezeWindow {
            name: "weekend".into(),
            from: WeeklyTime::parse("Fri 16:00").unwrap(),
            to: WeeklyTime::parse("mon 08:00").unwrap(),
            tz: FreezeWindow::time_zone(tz).unwrap(),
        }
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn a_window_over_the_weekend_wraps_and_reads_its_own_clock() {
        let w = weekend("Europe/Berlin");
        // 2026-12-04 is a Friday; Berlin is UTC+1 in winter.
        assert!(!w.contains(utc(2026, 12, 4, 14, 59)), "Fri 15:59 Berlin");
        assert!(w.contains(utc(2026, 12, 4, 15, 0)), "Fri 16:00 Berlin");
        assert!(w.contains(utc(2026, 12, 6, 12, 0)), "Sunday");
        assert!(w.contains(utc(2026, 12, 7, 6, 59)), "Mon 07:59 Berlin");
        assert!(!w.contains(utc(2026, 12, 7, 7, 0)), "Mon 08:00 Berlin");
        // In summer Berlin is UTC+2: 2026-07-03 is a Friday.
        assert!(w.contains(utc(2026, 7, 3, 14, 0)), "Fri 16:00 CEST");
        assert!(!weekend("UTC").contains(utc(2026, 7, 3, 14, 0)));
        assert_eq!(
            w.describe(),
            "weekend (Fri 16:00 to Mon 08:00 Europe/Berlin)"
        );
    }

    #[test]
    fn a_window_inside_one_week_does_not_wrap() {
        let w = FreezeWindow {
            name: "release".into(),
            from: WeeklyTime::parse("Tue 09:00").unwrap(),
            to: WeeklyTime::parse("Tue 17:00").unwrap(),
            tz: FreezeWindow::time_zone("UTC").unwrap(),
        };
        // 2026-12-08 is a Tuesday.
        assert!(w.contains(utc(2026, 12, 8, 9, 0)));
        assert!(!w.contains(utc(2026, 12, 8, 17, 0)));
        assert!(!w.contains(utc(2026, 12, 9, 10, 0)));
    }

    #[test]
    fn bad_times_and_zones_say_what_to_write() {
        for bad in [
            "Fri",
            "16:00",
            "Fri 25:00",
            "Someday 10:00",
            "Fri 16:00 UTC",
        ] {
            assert!(WeeklyTime::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            FreezeWindow::time_zone("Mars/Olympus"),
            Err(
                "'Mars/Olympus' is not a time zone: use an IANA name such as Europe/Berlin or UTC"
                    .into()
            )
        );
    }

    #[test]
    fn a_switch_holds_until_its_end() {
        let s = FreezeSwitch {
            by: "oncall".into(),
            at: utc(2026, 12, 6, 10, 0),
            reason: "incident 42".into(),
            until: Some(utc(2026, 12, 6, 12, 0)),
        };
        assert!(s.holds(utc(2026, 12, 6, 11, 59)));
        assert!(!s.holds(utc(2026, 12, 6, 12, 0)));
        assert!(FreezeSwitch { until: None, ..s }.holds(utc(2030, 1, 1, 0, 0)));
    }
}
