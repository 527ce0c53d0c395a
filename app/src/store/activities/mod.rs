//! Activities: series and their changes ([`series`]), the agenda of a window ([`agenda`]),
//! joining ([`signups`]) and the door ([`door`]). The rules live in
//! [`crate::model::activity`]; this module maps rows to and from them.

mod agenda;
mod cancel;
mod door;
mod series;
mod signups;

pub use agenda::*;
pub use cancel::*;
pub use door::*;
pub use series::*;
pub(crate) use signups::leave_in;
pub use signups::{join, leave};

use super::{ids_json, Bind};

/// Which activities to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    pub place_id: Option<i64>,
    pub neighbourhood_id: Option<i64>,
    pub place_kind: Option<String>,
    pub free_only: bool,
    /// Only the activities of these places (a host's dashboard).
    pub place_ids: Option<Vec<i64>>,
}

/// The conditions of a filter on `a` (activities) and `p` (places), only those that are
/// set, so that SQLite can use an index for them: a place's or a neighbourhood's activities
/// of one weekday are found through `activities_by_place_weekday`, the city's through
/// `activities_by_weekday`.
fn filter_conditions(filter: &ActivityFilter, include_cancelled: bool) -> (String, Vec<Bind>) {
    let mut clauses = vec![if include_cancelled {
        "1"
    } else {
        "a.cancelled = 0"
    }
    .to_string()];
    let mut binds = Vec::new();
    if let Some(place) = filter.place_id {
        clauses.push("a.place_id = ?".into());
        binds.push(Bind::Int(place));
    }
    if let Some(neighbourhood) = filter.neighbourhood_id {
        clauses.push("a.place_id IN (SELECT id FROM places WHERE neighbourhood_id = ?)".into());
        binds.push(Bind::Int(neighbourhood));
    }
    if let Some(kind) = &filter.place_kind {
        clauses.push("p.kind = ?".into());
        binds.push(Bind::Text(kind.clone()));
    }
    if filter.free_only {
        clauses.push("a.cost_cents = 0".into());
    }
    if let Some(ids) = &filter.place_ids {
        clauses.push("a.place_id IN (SELECT value FROM json_each(?))".into());
        binds.push(Bind::Text(ids_json(ids)));
    }
    (clauses.join(" AND "), binds)
}
