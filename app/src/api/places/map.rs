//! The places of a directory filter on a map.

use crate::{
    error::AppError,
    model::{map::PlaceMap, PlaceQuery},
};
use leptos::prelude::*;

/// The places `/kaart` shows: the directory's filter, and without a neighbourhood in the
/// address the resident's own, so the map starts small; an empty `buurt=` asks for the
/// whole city, of which at most [`MAP_PLACES`](crate::model::map::MAP_PLACES) are shown.
#[server(endpoint = "places/map")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn map_places(#[server(default)] query: PlaceQuery) -> Result<PlaceMap, AppError> {
    let state = crate::state::app_state()?;
    let mut query = query;
    if query.neighbourhood.is_none() {
        query.neighbourhood = super::server::chosen_slug();
    }
    // The same for every reader: kept a few seconds (see `crate::cache`).
    state
        .cached(
            format!("map {query:?}"),
            map_uncached(&state, query.clone()),
        )
        .await
}

#[cfg(feature = "ssr")]
async fn map_uncached(
    state: &crate::state::AppState,
    query: PlaceQuery,
) -> Result<PlaceMap, AppError> {
    use crate::model::map::MAP_PLACES;
    use crate::store::places::Total;
    let resolved = super::resolve_query(state, &query).await?;
    let (places, total) = crate::store::places::located_page(
        &state.db,
        &resolved.filter,
        state.clock.now(),
        0,
        MAP_PLACES,
    )
    .await?;
    let (total, total_more) = match total {
        Total::Exactly(n) => (n, false),
        Total::MoreThan(n) => (n, true),
    };
    let geojson = resolved.filter.to_query().href("/plekken.geojson", 1);
    let separator = if geojson.contains('?') { '&' } else { '?' };
    Ok(PlaceMap {
        places,
        errors: resolved.errors,
        total,
        total_more,
        neighbourhood: resolved.neighbourhood,
        neighbourhood_choices: resolved.neighbourhood_choices,
        geojson: format!("{geojson}{separator}aantal={MAP_PLACES}"),
    })
}
