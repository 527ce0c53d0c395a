//! Activities: the agenda ([`agenda`]), joining ([`signups`]) and hosting ([`hosting`]).
//! Each server function parses, authorizes, and calls the store and the activities core
//! ([`crate::model::activity`]).

pub mod agenda;
pub mod hosting;
pub mod signups;

pub use agenda::*;
pub use hosting::*;
pub use signups::*;

#[cfg(feature = "ssr")]
use crate::{error::AppError, model::activity::series::Series, state::AppState, store::activities};
#[cfg(feature = "ssr")]
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub(crate) fn today(state: &AppState) -> Date {
    state
        .clock
        .now()
        .to_zoned(crate::model::hours::amsterdam())
        .date()
}

/// The activity and one of its occurrences, or 404 for a date it does not take place.
#[cfg(feature = "ssr")]
pub(crate) async fn occurrence(
    state: &AppState,
    activity: i64,
    date: &str,
) -> Result<(Series, crate::model::activity::schedule::Occurrence), AppError> {
    let date = crate::model::activity::Day::parse_date(date).ok_or(AppError::BadRequest)?;
    let activity = activities::activity(&state.db, activity)
        .await?
        .ok_or(AppError::NotFound)?;
    let occurrence = activity.occurrence(date).ok_or(AppError::NotFound)?;
    Ok((activity, occurrence))
}

/// The `/activiteiten` filters, as in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityQuery {
    #[serde(default, rename = "plek")]
    pub place: Option<String>,
    #[serde(default, rename = "soort")]
    pub kind: Option<String>,
    #[serde(default, rename = "gratis")]
    pub free: Option<String>,
    #[serde(default)]
    pub week: Option<String>,
    #[serde(default, rename = "buurt")]
    pub neighbourhood: Option<String>,
    /// Where this page of the list begins: `YYYY-MM-DD.minute.id` after the last one shown.
    #[serde(default, rename = "vanaf")]
    pub from: Option<String>,
}

impl ActivityQuery {
    /// The address of the list with the same filters, from `vanaf`.
    pub fn href(&self, vanaf: Option<&str>) -> String {
        let parts: Vec<String> = [
            ("plek", self.place.as_deref()),
            ("buurt", self.neighbourhood.as_deref()),
            ("soort", self.kind.as_deref()),
            ("gratis", self.free.as_deref()),
            ("week", self.week.as_deref()),
            ("vanaf", vanaf),
        ]
        .into_iter()
        .filter_map(|(name, value)| {
            value
                .filter(|v| !v.trim().is_empty())
                .map(|v| format!("{name}={}", crate::model::filter::encode_query_value(v)))
        })
        .collect();
        if parts.is_empty() {
            "/activiteiten".into()
        } else {
            format!("/activiteiten?{}", parts.join("&"))
        }
    }
}

/// Reads a `vanaf` value: the day, and the minute and activity the page starts after.
pub fn parse_cursor(text: &str) -> Option<(crate::model::activity::Day, u16, i64)> {
    let mut parts = text.split('.');
    let day = crate::model::activity::Day::parse(parts.next()?)?;
    let minute: u16 = parts
        .next()?
        .parse()
        .ok()
        .filter(|m| *m < crate::model::hours::MINUTES_PER_DAY)?;
    let id: i64 = parts.next()?.parse().ok().filter(|id| *id > 0)?;
    parts.next().is_none().then_some((day, minute, id))
}

/// The most joined occurrences the account page shows (from today, up to
/// [`JOIN_DAYS_AHEAD`](crate::model::activity::JOIN_DAYS_AHEAD) days ahead).
pub const MY_AGENDA_LIMIT: usize = 100;

/// The most occurrences one page of the list shows; the next page is one link away.
pub const MAX_LISTED: usize = 30;

/// How many occurrences the home page shows.
pub const HOME_UPCOMING: usize = 6;

/// The most occurrences a printable week holds.
pub const PRINT_WEEK_LIMIT: usize = 400;
