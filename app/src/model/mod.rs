//! Plain types shared by the server and the browser, with their validation.

pub mod account;
pub mod activity;
pub mod article;
pub mod buddy;
pub mod discussion;
pub mod filter;
pub mod form;
pub mod hours;
pub mod import;
pub mod insights;
pub mod invite;
#[cfg(feature = "ssr")]
pub mod light;
pub mod map;
pub mod open_data;
pub mod path;
pub mod permission;
pub mod place;
pub mod pow;
pub mod reset;

#[cfg(test)]
mod properties;

pub use filter::{FilterError, FilterField, PlaceFilter, PlaceQuery};
pub use hours::{OpenStatus, OpeningPeriod};
pub use place::{Feature, Neighbourhood, PlaceDetail, PlaceKind, PlaceSummary};

use serde::{Deserialize, Serialize};

/// What the directory page shows: the places that match, and what was wrong with the query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceSearch {
    pub places: Vec<PlaceSummary>,
    pub errors: Vec<FilterError>,
    /// How many places match in all, and which page of them this is (from 1).
    pub total: usize,
    /// Whether `total` is only a lower bound: more match than were counted.
    pub total_more: bool,
    pub page: usize,
    pub pages: usize,
    /// The neighbourhood the typed text named, if it named one.
    pub neighbourhood: Option<Neighbourhood>,
    /// The neighbourhoods the typed text could be, when it named none exactly.
    pub neighbourhood_choices: Vec<Neighbourhood>,
}
