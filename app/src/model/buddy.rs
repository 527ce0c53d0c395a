//! "Samen de eerste keer": a resident who never came to a place asks for company on one
//! date; someone who came there before (or a host) offers to go along; the host pairs them.
//! The two then see where and when to meet, and only each other's first name.

use super::form::{text, Problem};
use super::hours::{format_minute, parse_time_of_day};
use serde::{Deserialize, Serialize};

/// How long before the start the two meet at the door.
pub const MEET_MINUTES_BEFORE: u16 = 10;
/// The most characters of the short note with a request.
pub const NOTE_MAX: u32 = 200;

/// The optional note with a request: one line, at most [`NOTE_MAX`] characters.
pub fn note(value: &str) -> Result<String, Problem> {
    text(value, 0, NOTE_MAX, false)
}

/// The only part of a name the other one of a pair sees: the first word of the display
/// name (never the username, never the whole name).
pub fn first_name(display_name: &str) -> String {
    display_name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// When the two meet at the door: [`MEET_MINUTES_BEFORE`] minutes before the start
/// (`HH:MM`), never before midnight.
pub fn meeting_time(start: &str) -> Option<String> {
    let start = parse_time_of_day(start)?;
    Some(format_minute(start.saturating_sub(MEET_MINUTES_BEFORE)))
}

/// Whether the host may pair a request of `requester` with `buddy`: someone else than the
/// requester, who offered to go along on this date and is not going with anyone yet
/// (`free_offers`), or the host (`viewer`) themselves.
pub fn may_pair(requester: i64, buddy: i64, viewer: i64, free_offers: &[i64]) -> bool {
    buddy != requester && (buddy == viewer || free_offers.contains(&buddy))
}

/// A resident's own request, as they see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnRequest {
    pub note: String,
    /// The buddy's first name, once the host paired them.
    pub buddy: Option<String>,
}

/// Where the signed-in viewer stands with "the first time together" on one occurrence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuddyStanding {
    /// Never checked in at this place and not its host: may ask for company.
    pub may_ask: bool,
    /// Checked in here before, or a host: may offer to go along.
    pub may_offer: bool,
    /// The date is still open for joining (not past, not too far ahead).
    pub open: bool,
    pub request: Option<OwnRequest>,
    pub offered: bool,
    /// The first names of the newcomers this viewer goes along with.
    pub going_with: Vec<String>,
}

/// A request as the host sees it at the door.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostRequest {
    pub id: i64,
    pub name: String,
    pub note: String,
    /// The newcomer is on the waiting list.
    pub waiting: bool,
    /// The buddy's id and name, once paired.
    pub buddy: Option<(i64, String)>,
    /// Checked in together at the door.
    pub came: bool,
}

/// The requests of one occurrence and who offered to go along, for its host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostBuddies {
    pub requests: Vec<HostRequest>,
    /// Offers not yet paired: id and name.
    pub free_offers: Vec<(i64, String)>,
    /// The host themselves (id), who may go along too.
    pub me: i64,
}

/// One "first time together" of the viewer, for their account page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuddyMeeting {
    pub occurrence: super::activity::OccurrenceView,
    /// The viewer asked for company (otherwise they go along with someone).
    pub asked: bool,
    /// The other one's first name, once paired.
    pub partner: Option<String>,
}

/// A date at one of the host's places with requests still waiting for a buddy, for the
/// host's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OpenDate {
    pub activity_id: i64,
    /// The occurrence's date as the rule gave it, `YYYY-MM-DD`.
    pub occurrence_date: String,
    pub title: String,
    pub place_name: String,
    /// Requests without a buddy yet.
    pub open: u32,
}

impl OpenDate {
    /// The door page of the date, where the host pairs them.
    pub fn door_path(&self) -> String {
        format!("/beheer/deur/{}/{}", self.activity_id, self.occurrence_date)
    }
}

#[cfg(test)]
#[path = "buddy_tests.rs"]
mod tests;
