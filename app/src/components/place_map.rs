//! Maps: server-drawn SVG first, which `public/map.js` turns into a Leaflet map with
//! OpenStreetMap tiles when JavaScript runs.

use crate::i18n::{fill, use_texts};
use crate::model::map::{project, MarkerState, SVG_HEIGHT, SVG_WIDTH};
use crate::model::open_data::LocatedPlace;
use leptos::prelude::*;

/// The tile address template the server is configured with.
pub fn tile_url() -> String {
    #[cfg(feature = "ssr")]
    if let Ok(state) = crate::state::app_state() {
        return state.tile_url;
    }
    String::new()
}

/// The script that makes the maps of a page: loaded only by pages with a map.
#[component]
pub fn MapScript() -> impl IntoView {
    view! { <script src="/map.js" defer></script> }
}

/// The colours in words: a marker's colour is never the only way to tell.
#[component]
pub fn MapLegend() -> impl IntoView {
    let t = use_texts();
    let rows = [
        (MarkerState::LightOn, t.map_legend_light),
        (MarkerState::Open, t.map_legend_open),
        (MarkerState::Closed, t.map_legend_closed),
    ];
    view! {
        <div class="map-legend">
            <h3 class="map-legend__heading">{t.map_legend_heading}</h3>
            <ul>
                {rows.into_iter().map(|(state, text)| view! {
                    <li>
                        <svg class="map-legend__swatch" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
                            <circle cx="10" cy="10" r="7" class=state.class()/>
                        </svg>
                        {text}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The places as numbered dots in their positions, numbered as in the list beside it, inside
/// the element `public/map.js` puts the interactive map in. `data` carries what the script
/// needs: where the markers come from and the tiles.
#[component]
pub fn PlacesSvg(
    places: Vec<LocatedPlace>,
    label: String,
    /// The GeoJSON address of the same places, or empty for one place's map (its position
    /// is in the element's `data-lat`/`data-lon`).
    geojson: String,
    /// Leaflet waits for the "show map" button (a place's page) or starts at once.
    on_demand: bool,
) -> impl IntoView {
    let t = use_texts();
    let points: Vec<(f64, f64)> = places.iter().map(|p| (p.latitude, p.longitude)).collect();
    let xy = project(&points, SVG_WIDTH, SVG_HEIGHT);
    let single = (places.len() == 1).then(|| &places[0]);
    let (lat, lon, name, state) = match single {
        Some(p) => (
            Some(p.latitude.to_string()),
            Some(p.longitude.to_string()),
            Some(p.summary.name.clone()),
            Some(MarkerState::of(&p.summary).name()),
        ),
        None => (None, None, None, None),
    };
    let dots = places
        .iter()
        .zip(xy)
        .enumerate()
        .map(|(at, (place, (x, y)))| {
            let number = (at + 1).to_string();
            let class = MarkerState::of(&place.summary).class();
            view! {
                <g>
                    <circle cx=x cy=y r="9" class=class/>
                    {(single.is_none()).then(|| view! {
                        <text x=x y=y + 4.0 class="map-dot__number">{number}</text>
                    })}
                </g>
            }
        })
        .collect_view();
    view! {
        <div
            class="map"
            data-map=if on_demand { "on-demand" } else { "auto" }
            data-geojson=(!geojson.is_empty()).then_some(geojson)
            data-tiles=tile_url()
            data-attribution=t.map_attribution
            data-lat=lat
            data-lon=lon
            data-name=name
            data-state=state
        >
            <svg
                class="map__svg"
                viewBox=format!("0 0 {SVG_WIDTH} {SVG_HEIGHT}")
                role="img"
                aria-label=label
            >
                <rect x="0" y="0" width=SVG_WIDTH height=SVG_HEIGHT class="map__ground"/>
                {dots}
            </svg>
            {on_demand.then(|| view! {
                <button type="button" class="button map__show" hidden>{t.map_show}</button>
            })}
        </div>
        <MapScript/>
    }
}

/// A place's own small map, on its page: the SVG until someone asks for the real map.
#[component]
pub fn PlaceMiniMap(place: LocatedPlace) -> impl IntoView {
    let t = use_texts();
    let label = fill(t.map_place_label, &[("name", &place.summary.name)]);
    view! {
        <PlacesSvg places=vec![place] label geojson=String::new() on_demand=true/>
    }
}
