//! Open data: the directory's places and the agenda as records with stable English field
//! names, for JSON, GeoJSON (RFC 7946) and CSV (RFC 4180).

use super::activity::OccurrenceView;
use super::place::PlaceSummary;
use serde::Serialize;

/// Places in one answer when no `aantal` is asked for, and the most that may be asked for.
pub const PLACES_PER_PAGE: usize = 1000;

/// A place with its position, as the open data and the map read it.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct LocatedPlace {
    pub summary: PlaceSummary,
    /// WGS 84 degrees.
    pub latitude: f64,
    pub longitude: f64,
}

/// What is said about a place, everywhere but its position.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceProperties {
    pub slug: String,
    pub name: String,
    /// The place's page.
    pub url: String,
    pub kind: &'static str,
    pub neighbourhood: String,
    pub neighbourhood_name: String,
    pub address: String,
    pub features: Vec<&'static str>,
    /// Open by its hours or because its light is on.
    pub open_now: bool,
    /// A host switched the light on: come in now.
    pub light_on: bool,
    /// Until when the light is on, local time `HH:MM`.
    pub light_until: Option<String>,
}

/// A place in the JSON list: its properties and its position.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceRecord {
    #[serde(flatten)]
    pub properties: PlaceProperties,
    pub latitude: f64,
    pub longitude: f64,
}

impl PlaceRecord {
    /// The record of a place; `site` is the site's address without a trailing slash.
    pub fn new(place: &LocatedPlace, site: &str) -> PlaceRecord {
        let s = &place.summary;
        PlaceRecord {
            properties: PlaceProperties {
                slug: s.slug.clone(),
                name: s.name.clone(),
                url: format!("{site}/plekken/{}", s.slug),
                kind: s.kind.slug(),
                neighbourhood: s.neighbourhood_slug.clone(),
                neighbourhood_name: s.neighbourhood_name.clone(),
                address: s.address.clone(),
                features: s.features.iter().map(|f| f.slug()).collect(),
                open_now: s.is_open_now(),
                light_on: s.light_until.is_some(),
                light_until: s.light_until.clone(),
            },
            latitude: place.latitude,
            longitude: place.longitude,
        }
    }
}

/// One page of the places list as JSON.
#[derive(Debug, Serialize)]
pub struct PlacePage<'a> {
    pub page: usize,
    pub per_page: usize,
    /// How many places match in all, or at least (see `total_is_minimum`).
    pub total: usize,
    pub total_is_minimum: bool,
    /// The address of the next page, when there is one.
    pub next: Option<String>,
    pub places: &'a [PlaceRecord],
}

/// A GeoJSON FeatureCollection of points (RFC 7946).
#[derive(Debug, Serialize)]
pub struct FeatureCollection<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub features: Vec<GeoFeature<'a>>,
}

#[derive(Debug, Serialize)]
pub struct GeoFeature<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: &'a str,
    pub geometry: Point,
    pub properties: &'a PlaceProperties,
}

#[derive(Debug, Serialize)]
pub struct Point {
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Longitude first, then latitude (RFC 7946 section 3.1.1).
    pub coordinates: [f64; 2],
}

impl<'a> FeatureCollection<'a> {
    pub fn of(records: &'a [PlaceRecord]) -> FeatureCollection<'a> {
        FeatureCollection {
            kind: "FeatureCollection",
            features: records
                .iter()
                .map(|r| GeoFeature {
                    kind: "Feature",
                    id: &r.properties.slug,
                    geometry: Point {
                        kind: "Point",
                        coordinates: [r.longitude, r.latitude],
                    },
                    properties: &r.properties,
                })
                .collect(),
        }
    }
}

/// The columns of the CSV file, in order.
pub const CSV_HEADER: [&str; 13] = [
    "slug",
    "name",
    "url",
    "kind",
    "neighbourhood",
    "neighbourhood_name",
    "address",
    "latitude",
    "longitude",
    "features",
    "open_now",
    "light_on",
    "light_until",
];

/// One CSV cell: text a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a `'` in front, and a cell holding a comma, a quote
/// or a line break is quoted with its quotes doubled (RFC 4180).
pub fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A CSV cell: text from people, guarded by [`csv_cell`], or a number or `true`/`false`
/// written as it is (a negative coordinate is a number, not a formula).
pub enum Cell<'a> {
    Text(&'a str),
    Value(String),
}

/// Appends one CSV record, ended by CRLF.
pub fn csv_record(out: &mut String, cells: &[Cell<'_>]) {
    for (at, cell) in cells.iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        match cell {
            Cell::Text(text) => out.push_str(&csv_cell(text)),
            Cell::Value(value) => out.push_str(value),
        }
    }
    out.push_str("\r\n");
}

/// The places as a CSV file with a header row.
pub fn places_csv(records: &[PlaceRecord]) -> String {
    let mut out = String::with_capacity(200 * (records.len() + 1));
    let header: Vec<Cell> = CSV_HEADER.iter().map(|name| Cell::Text(name)).collect();
    csv_record(&mut out, &header);
    for r in records {
        let p = &r.properties;
        let features = p.features.join(";");
        csv_record(
            &mut out,
            &[
                Cell::Text(&p.slug),
                Cell::Text(&p.name),
                Cell::Text(&p.url),
                Cell::Text(p.kind),
                Cell::Text(&p.neighbourhood),
                Cell::Text(&p.neighbourhood_name),
                Cell::Text(&p.address),
                Cell::Value(r.latitude.to_string()),
                Cell::Value(r.longitude.to_string()),
                Cell::Text(&features),
                Cell::Value(p.open_now.to_string()),
                Cell::Value(p.light_on.to_string()),
                Cell::Text(p.light_until.as_deref().unwrap_or("")),
            ],
        );
    }
    out
}

/// An occurrence in the agenda's JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActivityRecord {
    pub activity_id: i64,
    /// The occurrence's page.
    pub url: String,
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD` and `HH:MM`, local time in the Netherlands.
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub place_name: String,
    pub place_url: String,
    /// Places for people, when limited.
    pub capacity: Option<u32>,
    pub confirmed: u32,
    pub waiting: u32,
    /// Cost in euro cents; 0 is free.
    pub cost_cents: u32,
    pub audience: String,
    pub accessibility: String,
    pub online_url: Option<String>,
    pub repeats: bool,
    /// Moved from the day its repetition gives it.
    pub moved: bool,
}

impl ActivityRecord {
    pub fn new(o: &OccurrenceView, site: &str) -> ActivityRecord {
        ActivityRecord {
            activity_id: o.activity_id,
            url: format!("{site}{}", o.path()),
            title: o.title.clone(),
            description: o.description.clone(),
            date: o.date.clone(),
            start: o.start.clone(),
            end: o.end.clone(),
            place: o.place_slug.clone(),
            place_name: o.place_name.clone(),
            place_url: format!("{site}/plekken/{}", o.place_slug),
            capacity: o.capacity,
            confirmed: o.confirmed,
            waiting: o.waiting,
            cost_cents: o.cost_cents,
            audience: o.audience.clone(),
            accessibility: o.accessibility.clone(),
            online_url: o.online_url.clone(),
            repeats: o.repeats,
            moved: o.moved,
        }
    }
}

/// One page of the agenda as JSON.
#[derive(Debug, Serialize)]
pub struct ActivityPage<'a> {
    /// The address of the next page, when there is one.
    pub next: Option<String>,
    pub activities: &'a [ActivityRecord],
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{hours::OpenStatus, Feature, PlaceKind};

    fn place(name: &str) -> LocatedPlace {
        LocatedPlace {
            summary: PlaceSummary {
                slug: "de-linde".into(),
                name: name.into(),
                kind: PlaceKind::Buurthuis,
                neighbourhood_slug: "lindenhoek".into(),
                neighbourhood_name: "De Lindenhoek".into(),
                address: "Lindelaan 1, Hoek".into(),
                features: vec![Feature::StepFree, Feature::QuietSpace],
                status: OpenStatus::Closed { next: None },
                light_until: Some("16:00".into()),
            },
            latitude: 52.17521,
            longitude: -5.5,
        }
    }

    #[test]
    fn formulas_are_disarmed_and_cells_quoted() {
        assert_eq!(csv_cell("Buurthuis"), "Buurthuis");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+31"), "'+31");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("regel\nregel"), "\"regel\nregel\"");
        assert_eq!(csv_cell("a=b"), "a=b");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn csv_has_a_header_and_one_line_per_place() {
        let records = [PlaceRecord::new(&place("=1+1, \"kwaad\""), "http://x")];
        let csv = places_csv(&records);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert_eq!(
            lines[1],
            "de-linde,\"'=1+1, \"\"kwaad\"\"\",http://x/plekken/de-linde,buurthuis,lindenhoek,\
             De Lindenhoek,\"Lindelaan 1, Hoek\",52.17521,-5.5,drempelvrij;stille-ruimte,\
             true,true,16:00"
        );
        assert_eq!(lines[2], "");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn geojson_puts_longitude_first() {
        let records = [PlaceRecord::new(&place("De Linde"), "http://x")];
        let collection = FeatureCollection::of(&records);
        assert_eq!(collection.kind, "FeatureCollection");
        assert_eq!(
            collection.features[0].geometry.coordinates,
            [-5.5, 52.17521]
        );
        assert_eq!(collection.features[0].id, "de-linde");
        assert!(collection.features[0].properties.open_now);
    }
}
