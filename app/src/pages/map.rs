//! `/kaart`: the places of the directory's filter on a map, and in a list.

use crate::api::places::map_places;
use crate::components::{
    error_page::ErrorPage,
    open_badge::OpenBadge,
    place_map::{MapLegend, PlacesSvg},
};
use crate::i18n::{fill, use_texts};
use crate::model::{map::PlaceMap, map::MAP_PLACES, PlaceQuery};
use crate::pages::places::list::{FilterFields, ResolvedNeighbourhoodField};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The map: the same GET filter as the directory, starting from the resident's own
/// neighbourhood. Without JavaScript it is a numbered SVG beside the list of places.
#[component]
pub fn MapPage() -> impl IntoView {
    let t = use_texts();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        PlaceQuery::from_pairs(
            ["soort", "buurt", "kenmerk", "open", "q"]
                .into_iter()
                .filter_map(|name| map.get_str(name).map(|value| (name, value))),
        )
    });
    let parsed = Memo::new(move |_| query.get().parse());
    let found = Resource::new(move || query.get(), map_places);

    #[cfg(feature = "ssr")]
    if !parsed.get_untracked().1.is_empty() {
        crate::state::set_status(400);
    }

    view! {
        <Title text=t.map_title/>
        <h1>{t.map_title}</h1>
        <p class="lead">{t.map_intro}</p>
        <form method="get" action="/kaart" class="filters" aria-labelledby="filter-kop">
            <h2 id="filter-kop" class="visually-hidden">{t.filter_heading}</h2>
            <FilterFields query parsed reset="/kaart?buurt=">
                <ResolvedNeighbourhoodField path="/kaart" query parsed found/>
            </FilterFields>
        </form>
        <section class="results" aria-labelledby="kaart-resultaten">
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(map) => Either::Left(view! { <MapResults map/> }),
                        Err(error) => Either::Right(view! { <ErrorPage error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn MapResults(map: PlaceMap) -> impl IntoView {
    let t = use_texts();
    let count = map.total;
    let heading = if map.total_more {
        fill(t.places_count_more, &[("count", &count.to_string())])
    } else {
        t.places_count.of(count)
    };
    let shown = map.places.len();
    let limited = map.total_more || map.total > shown;
    let label = t.map_svg_label.of(shown);
    let data = map
        .geojson
        .trim_start_matches("/plekken.geojson")
        .to_string();
    let downloads = [
        ("JSON", format!("/plekken.json{data}")),
        ("CSV", format!("/plekken.csv{data}")),
        ("GeoJSON", map.geojson.clone()),
    ];
    view! {
        <h2 id="kaart-resultaten">{heading}</h2>
        {limited.then(|| view! {
            <p class="map-limited">{fill(t.map_limited, &[("shown", &MAP_PLACES.to_string())])}</p>
        })}
        {if map.places.is_empty() {
            Either::Left(view! { <p class="empty">{t.places_none}</p> })
        } else {
            let list = map.places.clone();
            Either::Right(view! {
                <MapLegend/>
                <PlacesSvg places=map.places label geojson=map.geojson.clone() on_demand=false/>
                <h3 id="kaart-lijst">{t.map_list_heading}</h3>
                <ol class="map-list" aria-labelledby="kaart-lijst">
                    {list.into_iter().map(|place| {
                        let s = place.summary;
                        view! {
                            <li>
                                <a href=format!("/plekken/{}", s.slug)>{s.name}</a>
                                " · " {s.kind.label(t)} " · " {s.address}
                                <OpenBadge status=s.status light_until=s.light_until/>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })
        }}
        <p class="map-downloads">
            {t.map_download} " "
            {downloads.into_iter().enumerate().map(|(at, (name, href))| view! {
                {(at > 0).then_some(", ")}
                <a href=href>{name}</a>
            }).collect_view()}
        </p>
    }
}
