//! Weekly opening hours and the "open now" status derived from them.
//!
//! Hours are stored as local wall-clock times in Europe/Amsterdam, the way a host writes them
//! on the door. A period whose closing time is not after its opening time runs past midnight
//! into the next day. The status is computed from the local weekday and time of day, so a
//! daylight-saving change never shifts a place's hours by an hour.

use serde::{Deserialize, Serialize};

pub const MINUTES_PER_DAY: u16 = 24 * 60;

/// One opening period in a week: ISO weekday (1 = Monday … 7 = Sunday) and minutes after
/// local midnight. `closes` may be 1440 (midnight at the end of the day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OpeningPeriod {
    pub weekday: u8,
    pub opens: u16,
    pub closes: u16,
}

impl OpeningPeriod {
    pub fn overnight(&self) -> bool {
        self.closes <= self.opens
    }
}

/// A local moment: ISO weekday and minutes after midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalMoment {
    pub weekday: u8,
    pub minute: u16,
}

/// When a closed place opens next, relative to the moment the status was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextOpening {
    /// 0 = later today, 1 = tomorrow, … up to 7.
    pub days_ahead: u8,
    pub weekday: u8,
    pub minute: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenStatus {
    /// Open; `until` is the local closing minute (None when open around the clock).
    Open {
        until: Option<u16>,
    },
    Closed {
        next: Option<NextOpening>,
    },
}

impl OpenStatus {
    pub fn is_open(&self) -> bool {
        matches!(self, OpenStatus::Open { .. })
    }
}

pub fn previous_weekday(weekday: u8) -> u8 {
    if weekday == 1 {
        7
    } else {
        weekday - 1
    }
}

fn add_days(weekday: u8, days: u8) -> u8 {
    (weekday - 1 + days) % 7 + 1
}

/// The status at a local moment, from the place's weekly periods.
pub fn status_at_local(periods: &[OpeningPeriod], now: LocalMoment) -> OpenStatus {
    let yesterday = previous_weekday(now.weekday);
    // The period we are in, if any, and when it ends (in minutes after today's midnight).
    let current_end = periods.iter().find_map(|p| {
        if p.weekday == now.weekday && now.minute >= p.opens {
            if p.overnight() {
                Some(MINUTES_PER_DAY + p.closes)
            } else if now.minute < p.closes {
                Some(p.closes)
            } else {
                None
            }
        } else if p.weekday == yesterday && p.overnight() && now.minute < p.closes {
            Some(p.closes)
        } else {
            None
        }
    });
    if let Some(end) = current_end {
        return OpenStatus::Open {
            until: extend_until(periods, now.weekday, end),
        };
    }
    let next = (0..=7u8)
        .flat_map(|days_ahead| {
            let weekday = add_days(now.weekday, days_ahead);
            let mut starts: Vec<u16> = periods
                .iter()
                .filter(|p| p.weekday == weekday)
                .filter(|p| days_ahead > 0 || p.opens > now.minute)
                .map(|p| p.opens)
                .collect();
            starts.sort_unstable();
            starts.into_iter().map(move |minute| NextOpening {
                days_ahead,
                weekday,
                minute,
            })
        })
        .next();
    OpenStatus::Closed { next }
}

/// Follows periods that start exactly when the previous one ends (e.g. 00:00–24:00 every
/// day) so "open until" names the real closing time. Returns a local minute of day, or None
/// for a place that never closes.
fn extend_until(periods: &[OpeningPeriod], today: u8, mut end: u16) -> Option<u16> {
    // `end` counts from today's midnight and may reach into tomorrow.
    for _ in 0..8 {
        let (day, minute) = if end >= MINUTES_PER_DAY {
            (
                add_days(today, (end / MINUTES_PER_DAY) as u8),
                end % MINUTES_PER_DAY,
            )
        } else {
            (today, end)
        };
        let continuation = periods.iter().find(|p| {
            (p.weekday == day && p.opens == minute)
                || (minute == 0 && p.weekday == previous_weekday(day) && p.opens == MINUTES_PER_DAY)
        });
        match continuation {
            Some(p) if end < 7 * MINUTES_PER_DAY => {
                let base = end - minute;
                end = if p.overnight() {
                    base + MINUTES_PER_DAY + p.closes
                } else {
                    base + p.closes
                };
            }
            Some(_) => return None,
            None => break,
        }
    }
    Some(end % MINUTES_PER_DAY)
}

/// "HH:MM" for a minute of the day (1440 shows as 24:00).
pub fn format_minute(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// A time of day as people type it into a form: "HH:MM" from 00:00 to 23:59, spaces
/// around it ignored (24:00 ends a period of opening hours but starts nothing).
pub fn parse_time_of_day(text: &str) -> Option<u16> {
    parse_minute(text.trim()).filter(|m| *m < MINUTES_PER_DAY)
}

/// Parses "HH:MM" (00:00 to 24:00).
pub fn parse_minute(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

#[cfg(feature = "ssr")]
pub use tz::*;

#[cfg(feature = "ssr")]
mod tz {
    use super::*;
    use jiff::{tz::TimeZone, Timestamp};

    pub const ZONE: &str = "Europe/Amsterdam";

    pub fn amsterdam() -> TimeZone {
        // The zone is bundled into the binary (jiff's tzdb-bundle-always), so this cannot fail
        // at run time unless the bundle is broken; fall back to UTC rather than panic.
        TimeZone::get(ZONE).unwrap_or(TimeZone::UTC)
    }

    /// The local moment in Amsterdam at an instant.
    pub fn local_moment(at: Timestamp) -> LocalMoment {
        let zoned = at.to_zoned(amsterdam());
        LocalMoment {
            weekday: zoned.weekday().to_monday_one_offset() as u8,
            minute: zoned.hour() as u16 * 60 + zoned.minute() as u16,
        }
    }

    pub fn status_at(periods: &[OpeningPeriod], at: Timestamp) -> OpenStatus {
        status_at_local(periods, local_moment(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(weekday: u8, opens: &str, closes: &str) -> OpeningPeriod {
        OpeningPeriod {
            weekday,
            opens: parse_minute(opens).unwrap(),
            closes: parse_minute(closes).unwrap(),
        }
    }

    fn at(weekday: u8, time: &str) -> LocalMoment {
        LocalMoment {
            weekday,
            minute: parse_minute(time).unwrap(),
        }
    }

    #[test]
    fn open_inside_a_period_and_closed_at_its_end() {
        let hours = [p(1, "09:00", "17:00")];
        assert_eq!(
            status_at_local(&hours, at(1, "09:00")),
            OpenStatus::Open {
                until: Some(17 * 60)
            }
        );
        assert!(!status_at_local(&hours, at(1, "17:00")).is_open());
        assert!(!status_at_local(&hours, at(1, "08:59")).is_open());
    }

    #[test]
    fn past_midnight_belongs_to_the_day_it_started() {
        let hours = [p(5, "20:00", "02:00")];
        assert!(status_at_local(&hours, at(5, "23:59")).is_open());
        assert_eq!(
            status_at_local(&hours, at(6, "01:30")),
            OpenStatus::Open { until: Some(120) }
        );
        assert!(!status_at_local(&hours, at(6, "02:00")).is_open());
        // Sunday night into Monday wraps around the week.
        let sunday = [p(7, "22:00", "01:00")];
        assert!(status_at_local(&sunday, at(1, "00:30")).is_open());
    }

    #[test]
    fn next_opening_later_today_tomorrow_and_next_week() {
        let hours = [p(2, "13:00", "16:00"), p(2, "09:00", "12:00")];
        assert_eq!(
            status_at_local(&hours, at(2, "12:30")),
            OpenStatus::Closed {
                next: Some(NextOpening {
                    days_ahead: 0,
                    weekday: 2,
                    minute: 13 * 60
                })
            }
        );
        assert_eq!(
            status_at_local(&hours, at(1, "20:00")),
            OpenStatus::Closed {
                next: Some(NextOpening {
                    days_ahead: 1,
                    weekday: 2,
                    minute: 9 * 60
                })
            }
        );
        assert_eq!(
            status_at_local(&hours, at(2, "17:00")),
            OpenStatus::Closed {
                next: Some(NextOpening {
                    days_ahead: 7,
                    weekday: 2,
                    minute: 9 * 60
                })
            }
        );
        assert_eq!(
            status_at_local(&[], at(2, "17:00")),
            OpenStatus::Closed { next: None }
        );
    }

    #[test]
    fn adjoining_periods_report_the_real_closing_time() {
        let hours = [p(3, "18:00", "24:00"), p(4, "00:00", "01:30")];
        assert_eq!(
            status_at_local(&hours, at(3, "23:00")),
            OpenStatus::Open { until: Some(90) }
        );
    }

    #[test]
    fn a_place_that_never_closes_has_no_closing_time() {
        let hours: Vec<_> = (1..=7).map(|d| p(d, "00:00", "24:00")).collect();
        assert_eq!(
            status_at_local(&hours, at(4, "03:00")),
            OpenStatus::Open { until: None }
        );
    }

    #[test]
    fn parses_and_formats_times() {
        assert_eq!(parse_minute("00:00"), Some(0));
        assert_eq!(parse_minute("24:00"), Some(1440));
        assert_eq!(parse_minute("24:01"), None);
        assert_eq!(parse_minute("9:00"), None);
        assert_eq!(parse_minute("12:60"), None);
        assert_eq!(parse_minute("ab:cd"), None);
        assert_eq!(format_minute(1440), "24:00");
        assert_eq!(format_minute(545), "09:05");
    }

    #[cfg(feature = "ssr")]
    mod amsterdam {
        use super::super::*;
        use super::p;
        use jiff::Timestamp;

        fn utc(text: &str) -> Timestamp {
            text.parse().unwrap()
        }

        #[test]
        fn summer_and_winter_offsets() {
            let hours = [p(1, "09:00", "10:00")];
            // 2026-07-06 is a Monday: 07:30 UTC is 09:30 CEST.
            assert!(status_at(&hours, utc("2026-07-06T07:30:00Z")).is_open());
            // 2026-01-05 is a Monday: 07:30 UTC is 08:30 CET, not yet open.
            assert!(!status_at(&hours, utc("2026-01-05T07:30:00Z")).is_open());
            assert!(status_at(&hours, utc("2026-01-05T08:30:00Z")).is_open());
        }

        #[test]
        fn spring_forward_skips_the_missing_hour() {
            // Sunday 2026-03-29: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
            let hours = [p(7, "03:00", "04:00")];
            assert!(!status_at(&hours, utc("2026-03-29T00:59:00Z")).is_open());
            assert_eq!(
                status_at(&hours, utc("2026-03-29T01:00:00Z")),
                OpenStatus::Open {
                    until: Some(4 * 60)
                }
            );
            assert!(!status_at(&hours, utc("2026-03-29T02:00:00Z")).is_open());
        }

        #[test]
        fn fall_back_repeats_an_hour_past_midnight() {
            // Saturday night 2026-10-24 into Sunday: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
            let hours = [p(6, "20:00", "02:45")];
            // 00:30 UTC = 02:30 CEST, the first 02:30.
            assert!(status_at(&hours, utc("2026-10-25T00:30:00Z")).is_open());
            // 01:30 UTC = 02:30 CET, the second 02:30: the door is still open by the clock.
            assert!(status_at(&hours, utc("2026-10-25T01:30:00Z")).is_open());
            // 02:00 UTC = 03:00 CET.
            assert!(!status_at(&hours, utc("2026-10-25T02:00:00Z")).is_open());
        }

        #[test]
        fn past_midnight_across_new_year() {
            // Thursday 2026-12-31 21:00 until 01:00 on Friday 2027-01-01.
            let hours = [p(4, "21:00", "01:00")];
            assert!(status_at(&hours, utc("2026-12-31T23:30:00Z")).is_open());
            assert!(!status_at(&hours, utc("2027-01-01T00:00:00Z")).is_open());
        }
    }
}
