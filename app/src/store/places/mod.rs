//! Neighbourhoods and places: the directory's search ([`directory`]), neighbourhoods
//! ([`neighbourhoods`]), what someone typed in a neighbourhood or place field ([`resolve`]),
//! one place's page ([`detail`]), and the hours, features and lights of list entries
//! ([`hours`]). This module holds the row and columns they share.

mod detail;
mod directory;
mod hours;
mod import;
mod neighbourhoods;
mod resolve;

pub use detail::*;
pub use directory::*;
pub use hours::*;
pub use import::*;
pub use neighbourhoods::*;
pub use resolve::*;

use sqlx::FromRow;

#[derive(FromRow)]
struct PlaceRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    neighbourhood_slug: String,
    neighbourhood_name: String,
    address: String,
    latitude: f64,
    longitude: f64,
}

const PLACE_COLUMNS: &str = "p.id, p.slug, p.name, p.kind, n.slug AS neighbourhood_slug, \
     n.name AS neighbourhood_name, p.address, p.latitude, p.longitude \
     FROM places p JOIN neighbourhoods n ON n.id = p.neighbourhood_id";

fn decode_error(what: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unknown {what} {value:?} in the database").into())
}
