//! Activities: what a host fills in ([`form`]), the calendar day ([`day`]), the series with
//! its changes and the occurrences it gives ([`series`], [`schedule`]; server side), what
//! pages show of them ([`views`]), and cancelling with care ([`cancel`]: what a host is
//! asked, the notices residents get).

pub mod cancel;
pub mod day;
pub mod form;
#[cfg(feature = "ssr")]
pub mod schedule;
#[cfg(feature = "ssr")]
pub mod series;
pub mod views;

pub use cancel::{CancelNotice, CancelPreview, CancelScope};
pub use day::Day;
pub use form::{cost_cents, cost_text, validate_move, ActivityForm, ActivityInput};
pub use views::{
    first_day, ActivityEditor, ActivityList, Attendee, DateState, Joined, LeadsTo, OccurrenceView,
    Room, SeriesDate, SeriesSummary,
};

use serde::{Deserialize, Serialize};

/// How many days ahead residents may join an occurrence; further ones are not open yet. It
/// also bounds what the account page reads.
pub const JOIN_DAYS_AHEAD: i32 = 90;

pub const TITLE_MAX: u32 = 120;
pub const DESCRIPTION_MAX: u32 = 2000;
pub const CAPACITY_MAX: u32 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RepeatKind {
    Once,
    Weekly,
    Fortnightly,
    Monthly,
}

impl RepeatKind {
    pub const ALL: [RepeatKind; 4] = [
        RepeatKind::Once,
        RepeatKind::Weekly,
        RepeatKind::Fortnightly,
        RepeatKind::Monthly,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            RepeatKind::Once => "once",
            RepeatKind::Weekly => "weekly",
            RepeatKind::Fortnightly => "fortnightly",
            RepeatKind::Monthly => "monthly",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.slug() == slug)
    }
}
