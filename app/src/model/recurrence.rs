//! When an activity happens: a first date and local start time, a repetition rule, and
//! single occurrences cancelled or moved. All in Europe/Amsterdam wall-clock time, so a
//! weekly 19:30 stays 19:30 when the clocks change.

use super::hours::amsterdam;
use jiff::{
    civil::{Date, DateTime, Weekday},
    tz::{AmbiguousOffset, Disambiguation},
    Timestamp, ToSpan,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    Once,
    Weekly,
    Fortnightly,
    /// The n-th weekday (of the first date) of every month; -1 is the last.
    Monthly {
        week: i8,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub start_date: Date,
    pub start_minute: u16,
    pub duration_minutes: u16,
    pub repeat: Repeat,
    /// The last date a repetition may fall on.
    pub until: Option<Date>,
}

/// A change to one occurrence, keyed by the date the rule gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub original: Date,
    pub cancelled: bool,
    pub moved_to: Option<(Date, u16)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The date the rule gave it: the occurrence's identity, also when it was moved.
    pub original: Date,
    pub date: Date,
    pub minute: u16,
    pub start: Timestamp,
    pub end: Timestamp,
    pub moved: bool,
}

impl Occurrence {
    /// Whether residents may join it at `now` (when it is `today` in Amsterdam): it has not
    /// ended yet, and it is at most [`JOIN_DAYS_AHEAD`](super::activity::JOIN_DAYS_AHEAD)
    /// days away.
    pub fn open_for_joining(&self, now: Timestamp, today: Date) -> bool {
        self.end > now && self.date <= join_horizon(today)
    }
}

/// The last day residents may join an occurrence on, seen from `today`.
pub fn join_horizon(today: Date) -> Date {
    today
        .checked_add(i64::from(super::activity::JOIN_DAYS_AHEAD).days())
        .unwrap_or(today)
}

/// Why a local time cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalTimeProblem {
    /// Skipped when the clocks go forward (02:00–03:00 on the last Sunday of March).
    DoesNotExist,
    /// Happens twice when the clocks go back; the first one is meant.
    Ambiguous,
}

fn local(date: Date, minute: u16) -> DateTime {
    date.to_datetime(jiff::civil::time(
        (minute / 60) as i8,
        (minute % 60) as i8,
        0,
        0,
    ))
}

/// The instant of a local time, refusing one that does not exist. An ambiguous time (the
/// hour repeated in October) is taken as its first occurrence.
pub fn strict_instant(date: Date, minute: u16) -> Result<Timestamp, LocalTimeProblem> {
    let tz = amsterdam();
    match tz.to_ambiguous_zoned(local(date, minute)).offset() {
        AmbiguousOffset::Gap { .. } => Err(LocalTimeProblem::DoesNotExist),
        AmbiguousOffset::Unambiguous { .. } | AmbiguousOffset::Fold { .. } => tz
            .to_ambiguous_timestamp(local(date, minute))
            .disambiguate(Disambiguation::Earlier)
            .map_err(|_| LocalTimeProblem::Ambiguous),
    }
}

/// The instant of a repetition's local time; one that falls in the spring gap moves forward
/// by the gap, as calendars do.
fn instant(date: Date, minute: u16) -> Timestamp {
    let tz = amsterdam();
    tz.to_ambiguous_timestamp(local(date, minute))
        .compatible()
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The n-th `weekday` of a month (n = -1: the last), if the month has one.
pub fn nth_weekday(year: i16, month: i8, weekday: Weekday, n: i8) -> Option<Date> {
    let first = Date::new(year, month, 1).ok()?;
    if n > 0 {
        let date = first.nth_weekday_of_month(n, weekday).ok()?;
        (date.month() == month).then_some(date)
    } else {
        first
            .last_of_month()
            .nth_weekday(-1, weekday)
            .ok()
            .filter(|d| d.month() == month)
    }
}

/// Which week of its month a date falls in, as the monthly rule counts it (1..4, or -1
/// for a fifth week, which only the "last" rule can repeat).
pub fn week_of_month(date: Date) -> i8 {
    let week = (date.day() - 1) / 7 + 1;
    if week > 4 {
        -1
    } else {
        week
    }
}

impl Schedule {
    /// The dates the rule gives from `from` to `to` (inclusive), before any change.
    pub fn dates(&self, from: Date, to: Date) -> Vec<Date> {
        let last = match self.until {
            Some(until) if until < to => until,
            _ => to,
        };
        let mut out = Vec::new();
        if last < self.start_date {
            return out;
        }
        match self.repeat {
            Repeat::Once => {
                if self.start_date >= from && self.start_date <= last {
                    out.push(self.start_date);
                }
            }
            Repeat::Weekly | Repeat::Fortnightly => {
                let step = if self.repeat == Repeat::Weekly { 7 } else { 14 };
                // Jump close to `from` instead of walking from the first date.
                let skip = if from > self.start_date {
                    (self
                        .start_date
                        .until(from)
                        .map(|s| s.get_days())
                        .unwrap_or(0)
                        / step)
                        * step
                } else {
                    0
                };
                let mut date = self
                    .start_date
                    .checked_add(skip.days())
                    .unwrap_or(self.start_date);
                while date <= last {
                    if date >= from {
                        out.push(date);
                    }
                    match date.checked_add(step.days()) {
                        Ok(next) => date = next,
                        Err(_) => break,
                    }
                }
            }
            Repeat::Monthly { week } => {
                let weekday = self.start_date.weekday();
                let mut month = self.start_date.first_of_month();
                while month <= last {
                    if let Some(date) = nth_weekday(month.year(), month.month(), weekday, week) {
                        if date >= self.start_date && date >= from && date <= last {
                            out.push(date);
                        }
                    }
                    match month.checked_add(1.month()) {
                        Ok(next) => month = next,
                        Err(_) => break,
                    }
                }
            }
        }
        out
    }

    /// The occurrences that take place from `from` to `to`, with changes applied: cancelled
    /// ones left out, moved ones at their new date (included when that date is in range).
    pub fn occurrences(&self, changes: &[Change], from: Date, to: Date) -> Vec<Occurrence> {
        // A moved occurrence may come from outside the range; look a while around it.
        let margin = 62.days();
        let wide_from = from.checked_sub(margin).unwrap_or(from);
        let wide_to = to.checked_add(margin).unwrap_or(to);
        let mut out: Vec<Occurrence> = self
            .dates(wide_from, wide_to)
            .into_iter()
            .filter_map(|original| {
                let change = changes.iter().find(|c| c.original == original);
                if change.is_some_and(|c| c.cancelled) {
                    return None;
                }
                let (date, minute, moved) = match change.and_then(|c| c.moved_to) {
                    Some((date, minute)) => (date, minute, true),
                    None => (original, self.start_minute, false),
                };
                if date < from || date > to {
                    return None;
                }
                let start = instant(date, minute);
                let end = start
                    .checked_add((i64::from(self.duration_minutes)).minutes())
                    .unwrap_or(start);
                Some(Occurrence {
                    original,
                    date,
                    minute,
                    start,
                    end,
                    moved,
                })
            })
            .collect();
        out.sort_by_key(|o| o.start);
        out
    }

    /// Whether the rule gives this date (so it can be cancelled, moved or joined).
    pub fn has_date(&self, date: Date) -> bool {
        self.dates(date, date).contains(&date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn weekly(start: Date, minute: u16) -> Schedule {
        Schedule {
            start_date: start,
            start_minute: minute,
            duration_minutes: 90,
            repeat: Repeat::Weekly,
            until: None,
        }
    }

    fn utc_hour(ts: Timestamp) -> i8 {
        ts.to_zoned(jiff::tz::TimeZone::UTC).hour()
    }

    #[test]
    fn weekly_keeps_its_local_time_across_the_clock_change() {
        // Thursdays 19:30 around the last Sunday of October 2026 (25 October).
        let s = weekly(date(2026, 10, 15), 19 * 60 + 30);
        let o = s.occurrences(&[], date(2026, 10, 1), date(2026, 11, 5));
        let dates: Vec<Date> = o.iter().map(|o| o.date).collect();
        assert_eq!(
            dates,
            vec![
                date(2026, 10, 15),
                date(2026, 10, 22),
                date(2026, 10, 29),
                date(2026, 11, 5)
            ]
        );
        assert!(o.iter().all(|o| o.minute == 19 * 60 + 30));
        assert_eq!(utc_hour(o[1].start), 17, "summer time: UTC+2");
        assert_eq!(utc_hour(o[2].start), 18, "winter time: UTC+1");
        // And in spring (29 March 2026).
        let o = weekly(date(2026, 3, 22), 10 * 60).occurrences(
            &[],
            date(2026, 3, 22),
            date(2026, 3, 29),
        );
        assert_eq!((utc_hour(o[0].start), utc_hour(o[1].start)), (9, 8));
    }

    #[test]
    fn fortnightly_and_until() {
        let s = Schedule {
            repeat: Repeat::Fortnightly,
            until: Some(date(2026, 12, 31)),
            ..weekly(date(2026, 11, 3), 600)
        };
        let dates = s.dates(date(2026, 11, 1), date(2027, 2, 1));
        assert_eq!(dates.first(), Some(&date(2026, 11, 3)));
        assert_eq!(dates.last(), Some(&date(2026, 12, 29)));
        assert!(dates
            .windows(2)
            .all(|w| w[0].until(w[1]).unwrap().get_days() == 14));
        // Starting the range long after the first date lands on the same rhythm.
        assert_eq!(
            s.dates(date(2026, 12, 14), date(2026, 12, 31)),
            vec![date(2026, 12, 15), date(2026, 12, 29)]
        );
    }

    #[test]
    fn monthly_on_the_nth_weekday() {
        // Second Tuesday: 10 Nov 2026, 8 Dec 2026, 12 Jan 2027, 9 Feb 2027.
        let s = Schedule {
            repeat: Repeat::Monthly { week: 2 },
            ..weekly(date(2026, 11, 10), 600)
        };
        assert_eq!(week_of_month(date(2026, 11, 10)), 2);
        assert_eq!(
            s.dates(date(2026, 11, 1), date(2027, 2, 28)),
            vec![
                date(2026, 11, 10),
                date(2026, 12, 8),
                date(2027, 1, 12),
                date(2027, 2, 9)
            ]
        );
        // The last Friday: 27 Nov 2026, 25 Dec 2026, 29 Jan 2027.
        let last = Schedule {
            repeat: Repeat::Monthly { week: -1 },
            ..weekly(date(2026, 11, 27), 600)
        };
        assert_eq!(
            last.dates(date(2026, 11, 1), date(2027, 1, 31)),
            vec![date(2026, 11, 27), date(2026, 12, 25), date(2027, 1, 29)]
        );
        assert_eq!(
            nth_weekday(2026, 2, Weekday::Monday, 4),
            Some(date(2026, 2, 23))
        );
        assert_eq!(week_of_month(date(2026, 12, 29)), -1);
    }

    #[test]
    fn cancelled_and_moved_occurrences() {
        let s = weekly(date(2026, 11, 5), 600);
        let changes = vec![
            Change {
                original: date(2026, 11, 12),
                cancelled: true,
                moved_to: None,
            },
            Change {
                original: date(2026, 11, 19),
                cancelled: false,
                moved_to: Some((date(2026, 11, 20), 14 * 60)),
            },
        ];
        let o = s.occurrences(&changes, date(2026, 11, 1), date(2026, 11, 30));
        let shown: Vec<(Date, u16, bool)> = o.iter().map(|o| (o.date, o.minute, o.moved)).collect();
        assert_eq!(
            shown,
            vec![
                (date(2026, 11, 5), 600, false),
                (date(2026, 11, 20), 840, true),
                (date(2026, 11, 26), 600, false),
            ]
        );
        assert_eq!(o[1].original, date(2026, 11, 19));
        // Moved out of the range: gone from it; moved into it: there.
        let into = vec![Change {
            original: date(2026, 12, 3),
            cancelled: false,
            moved_to: Some((date(2026, 11, 30), 600)),
        }];
        assert!(s
            .occurrences(&into, date(2026, 11, 30), date(2026, 11, 30))
            .iter()
            .any(|o| o.moved));
    }

    #[test]
    fn local_times_that_do_not_exist_or_happen_twice() {
        assert_eq!(
            strict_instant(date(2026, 3, 29), 2 * 60 + 30),
            Err(LocalTimeProblem::DoesNotExist)
        );
        assert!(strict_instant(date(2026, 3, 29), 3 * 60).is_ok());
        let twice = strict_instant(date(2026, 10, 25), 2 * 60 + 30).unwrap();
        assert_eq!(utc_hour(twice), 0, "the first 02:30 is still summer time");
        // A weekly 02:30 on the spring Sunday shifts forward instead of vanishing.
        let o =
            weekly(date(2026, 3, 22), 150).occurrences(&[], date(2026, 3, 29), date(2026, 3, 29));
        assert_eq!(o.len(), 1);
    }

    #[test]
    fn once_is_once() {
        let s = Schedule {
            repeat: Repeat::Once,
            ..weekly(date(2026, 11, 24), 600)
        };
        assert_eq!(
            s.dates(date(2026, 1, 1), date(2027, 1, 1)),
            vec![date(2026, 11, 24)]
        );
        assert!(s.has_date(date(2026, 11, 24)) && !s.has_date(date(2026, 12, 1)));
    }
}
