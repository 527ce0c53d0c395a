//! A series: an activity's schedule with its changes, and the occurrences it gives. Pure:
//! the store maps rows to and from it, the server functions and the calendar feed read it.

use super::schedule::{week_of_month, Change, Occurrence, Repeat, Schedule};
use super::{
    cost_text, validate_move, ActivityForm, ActivityInput, DateState, Joined, OccurrenceView,
    RepeatKind, SeriesDate, SeriesSummary,
};
use crate::model::form::{FormErrors, Problem};
use crate::model::hours::{format_minute, MINUTES_PER_DAY};
use jiff::{civil::Date, ToSpan};

/// An activity with what is needed to compute its occurrences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub id: i64,
    pub place_id: i64,
    pub place_slug: String,
    pub place_name: String,
    pub title: String,
    pub description: String,
    pub schedule: Schedule,
    pub capacity: Option<u32>,
    pub cost_cents: u32,
    pub audience: String,
    pub accessibility: String,
    pub welcomer: String,
    pub online_url: Option<String>,
    pub leads_to: Option<i64>,
    pub cancelled: bool,
    pub changes: Vec<Change>,
}

impl Series {
    /// The occurrence the rule gives on `original`, if it takes place (at its own date and
    /// time, or where it was moved to).
    pub fn occurrence(&self, original: Date) -> Option<Occurrence> {
        if self.cancelled || !self.schedule.has_date(original) {
            return None;
        }
        let change = self.changes.iter().find(|c| c.original == original);
        if change.is_some_and(|c| c.cancelled) {
            return None;
        }
        let (date, minute) = change
            .and_then(|c| c.moved_to)
            .unwrap_or((original, self.schedule.start_minute));
        self.schedule
            .occurrences(&self.changes, date, date)
            .into_iter()
            .find(|o| o.original == original && o.minute == minute)
    }

    /// The occurrences that take place from `from` to `to`, changes applied, in time order.
    pub fn occurrences(&self, from: Date, to: Date) -> Vec<Occurrence> {
        self.schedule.occurrences(&self.changes, from, to)
    }

    /// Where one of its occurrences may move to, as typed: a real day, not before `today`,
    /// a start that exists that day (not in the hour the clocks skip) and leaves room for
    /// its length before midnight. The problems name the fields they belong to.
    pub fn check_move(
        &self,
        new_date: &str,
        new_start: &str,
        today: Date,
    ) -> Result<(Date, u16), FormErrors> {
        let refuse = |field: &str, problem: Problem| {
            let mut errors = FormErrors::new()
                .keep("new_date", new_date)
                .keep("new_start", new_start);
            errors.add(field, problem);
            errors
        };
        let (day, minute) = validate_move(new_date, new_start)?;
        let to = day
            .to_date()
            .ok_or_else(|| refuse("new_date", Problem::BadDate))?;
        if to < today {
            return Err(refuse("new_date", Problem::Past));
        }
        if minute.saturating_add(self.schedule.duration_minutes) > MINUTES_PER_DAY {
            return Err(refuse("new_start", Problem::BadTime));
        }
        if super::schedule::strict_instant(to, minute).is_err() {
            return Err(refuse("new_start", Problem::TimeDoesNotExist));
        }
        Ok((to, minute))
    }

    /// Whether the series still has dates from `today` on: a single date not yet past, or a
    /// repetition without an end or ending today or later.
    pub fn still_to_come(&self, today: Date) -> bool {
        match self.schedule.repeat {
            Repeat::Once => self.schedule.start_date >= today,
            _ => self.schedule.until.is_none_or(|until| until >= today),
        }
    }

    /// The series as the host's dashboard lists it.
    pub fn summary(&self) -> SeriesSummary {
        SeriesSummary {
            id: self.id,
            title: self.title.clone(),
            place_name: self.place_name.clone(),
            repeat: self.schedule.repeat.kind(),
            weekday: weekday_number(self.schedule.start_date),
            first_date: self.schedule.start_date.to_string(),
            start: format_minute(self.schedule.start_minute),
        }
    }

    /// The form as its host filled it in: what the editor shows, and what saving it again
    /// stores unchanged.
    pub fn form(&self) -> ActivityForm {
        let schedule = &self.schedule;
        // The form's last time of day is 23:59; a stored series never ends later.
        let end = schedule
            .end_minute(schedule.start_minute)
            .min(MINUTES_PER_DAY - 1);
        ActivityForm {
            title: self.title.clone(),
            description: self.description.clone(),
            date: schedule.start_date.to_string(),
            start: format_minute(schedule.start_minute),
            end: format_minute(end),
            repeat: schedule.repeat.kind().slug().to_string(),
            until: schedule.until.map(|d| d.to_string()).unwrap_or_default(),
            capacity: self.capacity.map(|c| c.to_string()).unwrap_or_default(),
            cost: cost_text(self.cost_cents),
            audience: self.audience.clone(),
            accessibility: self.accessibility.clone(),
            welcomer: self.welcomer.clone(),
            online_url: self.online_url.clone().unwrap_or_default(),
            leads_to: self.leads_to.map(|id| id.to_string()).unwrap_or_default(),
        }
    }

    /// The first `count` dates the rule gives from `today` on (looking `days` ahead), each
    /// with what happens to it: as planned, cancelled, or moved.
    pub fn coming_dates(&self, today: Date, days: i64, count: usize) -> Vec<SeriesDate> {
        let last = today.checked_add(days.days()).unwrap_or(today);
        self.schedule
            .dates(today, last)
            .into_iter()
            .take(count)
            .map(|original| {
                let change = self.changes.iter().find(|c| c.original == original);
                SeriesDate {
                    original: original.to_string(),
                    weekday: weekday_number(original),
                    state: match change {
                        Some(c) if c.cancelled => DateState::Cancelled,
                        Some(Change {
                            moved_to: Some((date, minute)),
                            ..
                        }) => DateState::Moved {
                            date: date.to_string(),
                            weekday: weekday_number(*date),
                            start: format_minute(*minute),
                        },
                        _ => DateState::AsPlanned,
                    },
                }
            })
            .collect()
    }
}

/// Monday = 1, as views carry the weekday.
pub fn weekday_number(date: Date) -> u8 {
    date.weekday().to_monday_one_offset() as u8
}

/// How many are coming to an occurrence, and how many wait for a place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Taken {
    pub confirmed: u32,
    pub waiting: u32,
}

impl Series {
    /// What lists and pages show of one of its occurrences, with its signups and the
    /// viewer's own place (the activity it leads to is added by the occurrence page).
    pub fn into_view(self, o: &Occurrence, taken: Taken, joined: Option<Joined>) -> OccurrenceView {
        OccurrenceView {
            activity_id: self.id,
            original_date: o.original.to_string(),
            date: o.date.to_string(),
            weekday: weekday_number(o.date),
            start: format_minute(o.minute),
            end: format_minute(self.schedule.end_minute(o.minute)),
            start_iso: o.start.to_string(),
            moved: o.moved,
            repeats: self.schedule.repeat != Repeat::Once,
            repeat: self.schedule.repeat.kind(),
            joined,
            title: self.title,
            description: self.description,
            place_slug: self.place_slug,
            place_name: self.place_name,
            capacity: self.capacity,
            confirmed: taken.confirmed,
            waiting: taken.waiting,
            cost_cents: self.cost_cents,
            audience: self.audience,
            accessibility: self.accessibility,
            welcomer: self.welcomer,
            online_url: self.online_url,
            leads_to: None,
        }
    }
}

/// Every occurrence of these series from `from` to `to`, in time order (ties by series).
pub fn expand(list: &[Series], from: Date, to: Date) -> Vec<(Series, Occurrence)> {
    let mut found: Vec<(Series, Occurrence)> = list
        .iter()
        .flat_map(|series| {
            series
                .occurrences(from, to)
                .into_iter()
                .map(move |o| (series.clone(), o))
        })
        .collect();
    found.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(a.0.id.cmp(&b.0.id)));
    found
}

impl Schedule {
    /// The schedule a checked form describes. A monthly series repeats on the weekday of
    /// its first date, in that date's week of the month.
    pub fn of(input: &ActivityInput) -> Schedule {
        // A `Day` from the form is always a real date; the fallback is never reached.
        let start_date = input.date.to_date().unwrap_or(Date::constant(2000, 1, 1));
        Schedule {
            start_date,
            start_minute: input.start_minute,
            duration_minutes: input.duration_minutes,
            repeat: Repeat::of(input.repeat, start_date),
            until: input.until.and_then(|day| day.to_date()),
        }
    }
}

/// The one mapping between the rule, what the form offers, and what is stored.
impl Repeat {
    /// The rule a form's choice gives, starting on `start`.
    pub fn of(kind: RepeatKind, start: Date) -> Repeat {
        match kind {
            RepeatKind::Once => Repeat::Once,
            RepeatKind::Weekly => Repeat::Weekly,
            RepeatKind::Fortnightly => Repeat::Fortnightly,
            RepeatKind::Monthly => Repeat::Monthly {
                week: week_of_month(start),
            },
        }
    }

    /// What the form shows for this rule.
    pub fn kind(self) -> RepeatKind {
        match self {
            Repeat::Once => RepeatKind::Once,
            Repeat::Weekly => RepeatKind::Weekly,
            Repeat::Fortnightly => RepeatKind::Fortnightly,
            Repeat::Monthly { .. } => RepeatKind::Monthly,
        }
    }

    /// The stored `repeat` and `month_week` columns.
    pub fn columns(self) -> (&'static str, Option<i8>) {
        let week = match self {
            Repeat::Monthly { week } => Some(week),
            _ => None,
        };
        (self.kind().slug(), week)
    }

    /// The rule the stored columns hold; an unknown word is a single date.
    pub fn from_columns(repeat: &str, month_week: Option<i8>) -> Repeat {
        match RepeatKind::from_slug(repeat) {
            Some(RepeatKind::Weekly) => Repeat::Weekly,
            Some(RepeatKind::Fortnightly) => Repeat::Fortnightly,
            Some(RepeatKind::Monthly) => Repeat::Monthly {
                week: month_week.unwrap_or(1),
            },
            Some(RepeatKind::Once) | None => Repeat::Once,
        }
    }
}

#[cfg(test)]
#[path = "series_tests.rs"]
mod tests;
