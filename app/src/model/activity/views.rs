//! What pages show of activities: lists, an occurrence, a host's series and its editor.

use super::{ActivityForm, RepeatKind};
use serde::{Deserialize, Serialize};

/// A series on the host's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesSummary {
    pub id: i64,
    pub title: String,
    pub place_name: String,
    pub repeat: RepeatKind,
    /// Monday = 1.
    pub weekday: u8,
    pub first_date: String,
    pub start: String,
}

/// What happens to one date of a series, for its editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateState {
    AsPlanned,
    Cancelled,
    Moved {
        date: String,
        /// Monday = 1.
        weekday: u8,
        start: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesDate {
    /// The date the rule gives, `YYYY-MM-DD` (the occurrence's identity).
    pub original: String,
    pub weekday: u8,
    pub state: DateState,
}

/// An activity as its host edits it: the form filled in as stored, and the coming dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEditor {
    pub id: i64,
    pub place_name: String,
    pub place_slug: String,
    pub cancelled: bool,
    pub form: ActivityForm,
    pub dates: Vec<SeriesDate>,
    /// The host's other activities, which this one may lead to.
    pub choices: Vec<(i64, String)>,
}

/// The activity in person an online or hybrid one leads to, at its next date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadsTo {
    pub title: String,
    pub place_name: String,
    /// The page of its next occurrence, or of its place when it has none to come.
    pub path: String,
}

/// Where the viewer stands with an occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Joined {
    Confirmed,
    /// On the waiting list, at this place (1 = next in line).
    Waiting(u32),
}

/// A list of occurrences in time order, cut off at a limit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivityList {
    pub occurrences: Vec<OccurrenceView>,
    /// Where the next page begins (a `vanaf` value), when there is one.
    pub next: Option<String>,
    /// Whether this is the first page.
    pub first_page: bool,
    /// The place (slug, name) and neighbourhood the typed texts, or the resident's choice,
    /// named.
    pub place: Option<(String, String)>,
    pub neighbourhood: Option<crate::model::Neighbourhood>,
    /// Typed text that named no place or neighbourhood exactly, and what it could be.
    pub place_unknown: bool,
    pub place_choices: Vec<(String, String)>,
    pub neighbourhood_unknown: bool,
    pub neighbourhood_choices: Vec<crate::model::Neighbourhood>,
}

/// One occurrence of an activity, as lists and pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceView {
    pub activity_id: i64,
    /// The date the rule gave it (its identity), `YYYY-MM-DD`.
    pub original_date: String,
    /// The day it takes place, `YYYY-MM-DD`, and its local times `HH:MM`.
    pub date: String,
    pub weekday: u8,
    pub start: String,
    pub end: String,
    pub start_iso: String,
    pub moved: bool,
    pub title: String,
    pub description: String,
    pub place_slug: String,
    pub place_name: String,
    pub capacity: Option<u32>,
    pub confirmed: u32,
    pub waiting: u32,
    pub cost_cents: u32,
    pub audience: String,
    pub accessibility: String,
    pub welcomer: String,
    pub online_url: Option<String>,
    /// The activity in person an online one leads to (on the occurrence page only).
    #[serde(default)]
    pub leads_to: Option<LeadsTo>,
    pub repeats: bool,
    /// How it repeats (a host is offered to cancel every date only of one that does).
    pub repeat: RepeatKind,
    pub joined: Option<Joined>,
}

/// How much room an occurrence has left, as the viewer reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Room {
    /// No limit: nothing to say.
    Unlimited,
    /// Places left.
    Left(u32),
    /// Full: whoever joins now lands on the waiting list.
    Full,
    /// Full, seen by someone who is already in or waiting: no waiting-list message for them.
    FullJoined,
}

impl OccurrenceView {
    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|c| self.confirmed >= c)
    }

    /// What to say about the room left: a viewer who already joined (or waits) is not told
    /// they would land on the waiting list.
    pub fn room(&self) -> Room {
        match self.capacity {
            None => Room::Unlimited,
            Some(_) if self.is_full() && self.joined.is_some() => Room::FullJoined,
            Some(_) if self.is_full() => Room::Full,
            Some(capacity) => Room::Left(capacity - self.confirmed),
        }
    }

    pub fn path(&self) -> String {
        format!("/activiteiten/{}/{}", self.activity_id, self.original_date)
    }
}

/// The first day's occurrences among `coming` (in time order), and whether that day has
/// more than these: `more` says the list was cut off, which cuts off that day only when the
/// whole list is of one day.
pub fn first_day(coming: Vec<OccurrenceView>, more: bool) -> (Vec<OccurrenceView>, bool) {
    let Some(day) = coming.first().map(|o| o.date.clone()) else {
        return (Vec::new(), false);
    };
    let total = coming.len();
    let first: Vec<_> = coming.into_iter().take_while(|o| o.date == day).collect();
    let whole_list = first.len() == total;
    (first, whole_list && more)
}

/// Someone coming to an occurrence, for the host's list and the door.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub signup_id: i64,
    pub name: String,
    pub waiting: bool,
    pub checked_in: bool,
    pub first_visit: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occurrence(capacity: Option<u32>, confirmed: u32, joined: Option<Joined>) -> OccurrenceView {
        OccurrenceView {
            activity_id: 1,
            original_date: "2026-11-24".into(),
            date: "2026-11-24".into(),
            weekday: 2,
            start: "14:00".into(),
            end: "15:30".into(),
            start_iso: "2026-11-24T13:00:00Z".into(),
            moved: false,
            title: "Taalcafé".into(),
            description: String::new(),
            place_slug: "buurthuis".into(),
            place_name: "Buurthuis".into(),
            capacity,
            confirmed,
            waiting: 0,
            cost_cents: 0,
            audience: String::new(),
            accessibility: String::new(),
            welcomer: String::new(),
            online_url: None,
            leads_to: None,
            repeats: true,
            repeat: RepeatKind::Weekly,
            joined,
        }
    }

    fn on(date: &str, start: &str) -> OccurrenceView {
        OccurrenceView {
            date: date.into(),
            start: start.into(),
            ..occurrence(None, 0, None)
        }
    }

    #[test]
    fn what_happens_next_is_one_day() {
        assert_eq!(first_day(Vec::new(), false), (Vec::new(), false));
        let (today, more) = first_day(
            vec![
                on("2026-11-24", "13:00"),
                on("2026-11-24", "14:00"),
                on("2026-11-25", "10:00"),
            ],
            true,
        );
        assert_eq!(today.len(), 2);
        assert!(!more, "the next day's are not more of today");
        let (today, more) = first_day(
            vec![on("2026-11-24", "13:00"), on("2026-11-24", "14:00")],
            true,
        );
        assert_eq!(today.len(), 2);
        assert!(more, "the list was cut off within the day");
        let (tomorrow, _) = first_day(vec![on("2026-11-25", "10:00")], false);
        assert_eq!(tomorrow[0].date, "2026-11-25");
    }

    #[test]
    fn the_waiting_list_message_is_for_who_is_not_in_yet() {
        assert_eq!(occurrence(None, 40, None).room(), Room::Unlimited);
        assert_eq!(occurrence(Some(12), 9, None).room(), Room::Left(3));
        assert_eq!(
            occurrence(Some(12), 9, Some(Joined::Confirmed)).room(),
            Room::Left(3)
        );
        assert_eq!(occurrence(Some(12), 12, None).room(), Room::Full);
        assert_eq!(
            occurrence(Some(12), 12, Some(Joined::Confirmed)).room(),
            Room::FullJoined
        );
        assert_eq!(
            occurrence(Some(12), 12, Some(Joined::Waiting(2))).room(),
            Room::FullJoined
        );
        // A capacity lowered below who already came is still full, never negative.
        assert_eq!(occurrence(Some(5), 7, None).room(), Room::Full);
    }
}
