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
    pub joined: Option<Joined>,
}

impl OccurrenceView {
    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|c| self.confirmed >= c)
    }

    pub fn path(&self) -> String {
        format!("/activiteiten/{}/{}", self.activity_id, self.original_date)
    }
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
