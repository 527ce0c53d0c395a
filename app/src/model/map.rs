//! The map without JavaScript: places' positions projected into an SVG box.

use super::open_data::LocatedPlace;
use super::{FilterError, Neighbourhood, PlaceSummary};
use serde::{Deserialize, Serialize};

/// The most places `/kaart` shows at once; a narrower filter shows the rest.
pub const MAP_PLACES: usize = 100;

/// The SVG box of `/kaart` and of a place's small map, in SVG units.
pub const SVG_WIDTH: f64 = 640.0;
pub const SVG_HEIGHT: f64 = 420.0;
const SVG_MARGIN: f64 = 28.0;

/// What `/kaart` shows: the places of the filter with their positions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceMap {
    pub places: Vec<LocatedPlace>,
    pub errors: Vec<FilterError>,
    /// How many places match in all (at least, when `total_more`).
    pub total: usize,
    pub total_more: bool,
    /// The neighbourhood shown: typed, or the resident's own when nothing else was asked.
    pub neighbourhood: Option<Neighbourhood>,
    pub neighbourhood_choices: Vec<Neighbourhood>,
    /// The filter's places as GeoJSON, for the interactive map.
    pub geojson: String,
}

/// How a place's marker looks: the same three states in the SVG, in Leaflet (from the
/// GeoJSON's `light_on` and `open_now`) and in the legend's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerState {
    LightOn,
    Open,
    Closed,
}

impl MarkerState {
    pub fn of(place: &PlaceSummary) -> MarkerState {
        if place.light_until.is_some() {
            MarkerState::LightOn
        } else if place.status.is_open() {
            MarkerState::Open
        } else {
            MarkerState::Closed
        }
    }

    /// The name `public/map.js` knows the state by.
    pub fn name(self) -> &'static str {
        match self {
            MarkerState::LightOn => "light",
            MarkerState::Open => "open",
            MarkerState::Closed => "closed",
        }
    }

    /// The marker's CSS classes.
    pub fn class(self) -> &'static str {
        match self {
            MarkerState::LightOn => "map-dot map-dot--light",
            MarkerState::Open => "map-dot map-dot--open",
            MarkerState::Closed => "map-dot map-dot--closed",
        }
    }
}

/// Positions (latitude, longitude) in degrees as (x, y) in a box of `width` × `height`:
/// equirectangular, with longitude shrunk by the cosine of the middle latitude so a street
/// keeps its shape at Dutch latitudes, scaled alike on both axes to fit the points' bounds
/// inside the margin, and centred. Points on one spot land in the middle.
pub fn project(points: &[(f64, f64)], width: f64, height: f64) -> Vec<(f64, f64)> {
    let Some(&(lat0, lon0)) = points.first() else {
        return Vec::new();
    };
    let (mut south, mut north, mut west, mut east) = (lat0, lat0, lon0, lon0);
    for &(lat, lon) in points {
        south = south.min(lat);
        north = north.max(lat);
        west = west.min(lon);
        east = east.max(lon);
    }
    let shrink = ((south + north) / 2.0).to_radians().cos();
    let span_x = (east - west) * shrink;
    let span_y = north - south;
    let inner_w = width - 2.0 * SVG_MARGIN;
    let inner_h = height - 2.0 * SVG_MARGIN;
    let scale = match (span_x > 0.0, span_y > 0.0) {
        (false, false) => 0.0,
        (true, false) => inner_w / span_x,
        (false, true) => inner_h / span_y,
        (true, true) => (inner_w / span_x).min(inner_h / span_y),
    };
    let (mid_lon, mid_lat) = ((west + east) / 2.0, (south + north) / 2.0);
    points
        .iter()
        .map(|&(lat, lon)| {
            let x = width / 2.0 + (lon - mid_lon) * shrink * scale;
            // North is up: SVG's y grows downwards.
            let y = height / 2.0 - (lat - mid_lat) * scale;
            (round(x), round(y))
        })
        .collect()
}

/// Tenths of a unit are plenty on a screen and keep the SVG short.
fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// The host a tile URL template names, as a CSP source (`https://tile.example.org`), or
/// None when the template is not an http(s) URL with a plain host.
pub fn tile_origin(template: &str) -> Option<String> {
    let (scheme, rest) = template.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host = rest.split('/').next()?;
    let plain = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    plain.then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_fill_the_box_with_north_up_and_east_right() {
        let points = [(52.0, 5.0), (52.01, 5.0), (52.0, 5.02)];
        let xy = project(&points, 640.0, 420.0);
        let (south_west, north, east) = (xy[0], xy[1], xy[2]);
        assert!(north.1 < south_west.1, "north is higher on the screen");
        assert!(east.0 > south_west.0, "east is to the right");
        assert_eq!(north.0, south_west.0);
        assert_eq!(east.1, south_west.1);
        for (x, y) in &xy {
            assert!(
                (SVG_MARGIN - 0.1..=640.0 - SVG_MARGIN + 0.1).contains(x),
                "{x}"
            );
            assert!(
                (SVG_MARGIN - 0.1..=420.0 - SVG_MARGIN + 0.1).contains(y),
                "{y}"
            );
        }
    }

    #[test]
    fn longitude_is_shrunk_by_the_cosine_of_the_latitude() {
        // 0.02° east and 0.02° north at 60° N: east is half as far on the map.
        let xy = project(&[(60.0, 5.0), (60.02, 5.0), (60.0, 5.02)], 1000.0, 1000.0);
        let north = xy[0].1 - xy[1].1;
        let east = xy[2].0 - xy[0].0;
        assert!((east / north - 0.5).abs() < 0.01, "{east} / {north}");
    }

    #[test]
    fn one_point_lands_in_the_middle() {
        assert_eq!(project(&[(52.1, 5.2)], 640.0, 420.0), vec![(320.0, 210.0)]);
        assert_eq!(
            project(&[(52.1, 5.2), (52.1, 5.2)], 640.0, 420.0),
            vec![(320.0, 210.0); 2]
        );
        assert!(project(&[], 640.0, 420.0).is_empty());
    }

    #[test]
    fn the_tile_origin_is_the_host_only() {
        assert_eq!(
            tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        assert_eq!(
            tile_origin("http://tegels.test:8080/{z}/{x}/{y}.png").as_deref(),
            Some("http://tegels.test:8080")
        );
        for bad in [
            "ftp://x/{z}",
            "https://",
            "https://a b/{z}",
            "https://x;script-src */",
            "tile.openstreetmap.org/{z}",
        ] {
            assert_eq!(tile_origin(bad), None, "{bad}");
        }
    }
}
