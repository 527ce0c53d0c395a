//! When an activity happens: a first date and local start time, a repetition rule, and
//! single occurrences cancelled or moved. All in Europe/Amsterdam wall-clock time, so a
//! weekly 19:30 stays 19:30 when the clocks change.

use crate::model::hours::amsterdam;
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
    /// ended yet, and it is at most [`JOIN_DAYS_AHEAD`](super::JOIN_DAYS_AHEAD)
    /// days away.
    pub fn open_for_joining(&self, now: Timestamp, today: Date) -> bool {
        self.end > now && self.date <= join_horizon(today)
    }
}

/// The last day residents may join an occurrence on, seen from `today`.
pub fn join_horizon(today: Date) -> Date {
    today
        .checked_add(i64::from(super::JOIN_DAYS_AHEAD).days())
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
    /// When an occurrence starting at `start` ends: its length later, at the latest at the
    /// end of its day (shown as 24:00).
    pub fn end_minute(&self, start: u16) -> u16 {
        start
            .saturating_add(self.duration_minutes)
            .min(crate::model::hours::MINUTES_PER_DAY)
    }

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
#[path = "schedule_tests.rs"]
mod tests;
