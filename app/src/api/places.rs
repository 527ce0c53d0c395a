use crate::{
    error::AppError,
    model::{Neighbourhood, PlaceDetail, PlaceQuery, PlaceSearch},
};
use leptos::prelude::*;

/// The places that match the directory query; values that make no sense are reported, not
/// applied.
#[server(endpoint = "places/search")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn search_places(#[server(default)] query: PlaceQuery) -> Result<PlaceSearch, AppError> {
    let state = crate::state::app_state()?;
    let (filter, errors) = query.parse();
    let places = crate::store::places::search(&state.db, &filter, state.clock.now()).await?;
    Ok(PlaceSearch { places, errors })
}

/// One place for its page.
#[server(endpoint = "places/get")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn get_place(slug: String) -> Result<PlaceDetail, AppError> {
    if !crate::model::place::is_valid_slug(&slug) {
        return Err(AppError::BadRequest);
    }
    let state = crate::state::app_state()?;
    crate::store::places::by_slug(&state.db, &slug, state.clock.now())
        .await?
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "neighbourhoods/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn list_neighbourhoods() -> Result<Vec<Neighbourhood>, AppError> {
    let state = crate::state::app_state()?;
    Ok(crate::store::places::neighbourhoods(&state.db).await?)
}
