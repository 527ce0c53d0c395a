use crate::{
    error::AppError,
    model::{Neighbourhood, PlaceDetail, PlaceQuery, PlaceSearch},
};
use leptos::prelude::*;

/// The places that match the directory query; values that make no sense are reported, not
/// applied.
/// Places on one page of the directory.
pub const PLACES_PER_PAGE: usize = 30;

/// Open places on the home page; the rest are one link away.
pub const HOME_OPEN_PLACES: usize = 12;

/// With at most this many neighbourhoods the home page shows each with its places; with more
/// it lists the neighbourhoods.
pub const HOME_GROUPED_NEIGHBOURHOODS: usize = 3;

/// What the home page shows of the places: the ones open now, and the neighbourhoods.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HomeView {
    pub open: Vec<crate::model::PlaceSummary>,
    pub open_total: usize,
    /// Each neighbourhood with how many places it has and, when there are few
    /// neighbourhoods, its first places.
    pub neighbourhoods: Vec<(Neighbourhood, usize, Vec<crate::model::PlaceSummary>)>,
    /// Whether the neighbourhoods come with their places.
    pub grouped: bool,
}

#[server(endpoint = "places/home")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn home_places() -> Result<HomeView, AppError> {
    use crate::store::places;
    let state = crate::state::app_state()?;
    let now = state.clock.now();
    let (open, open_total) = places::open_now(&state.db, now, HOME_OPEN_PLACES).await?;
    let list = places::neighbourhoods(&state.db).await?;
    let counts = places::counts_by_neighbourhood(&state.db).await?;
    let grouped = list.len() <= HOME_GROUPED_NEIGHBOURHOODS;
    let mut neighbourhoods = Vec::with_capacity(list.len());
    for n in list {
        let count = counts.get(&n.slug).copied().unwrap_or(0) as usize;
        let first = if grouped {
            let filter = crate::model::PlaceFilter {
                neighbourhood: Some(n.slug.clone()),
                ..Default::default()
            };
            places::search_page(&state.db, &filter, now, 0, PLACES_PER_PAGE)
                .await?
                .0
        } else {
            Vec::new()
        };
        neighbourhoods.push((n, count, first));
    }
    Ok(HomeView {
        open,
        open_total,
        neighbourhoods,
        grouped,
    })
}

#[server(endpoint = "places/search")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_places(#[server(default)] query: PlaceQuery) -> Result<PlaceSearch, AppError> {
    let state = crate::state::app_state()?;
    let (filter, errors) = query.parse();
    let page = query.page();
    let (places, total) = crate::store::places::search_page(
        &state.db,
        &filter,
        state.clock.now(),
        (page - 1) * PLACES_PER_PAGE,
        PLACES_PER_PAGE,
    )
    .await?;
    Ok(PlaceSearch {
        places,
        errors,
        total,
        page,
        pages: total.div_ceil(PLACES_PER_PAGE).max(1),
    })
}

/// One place for its page.
#[server(endpoint = "places/get")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(slug),
        fields(slug = %crate::error::for_log(&slug)),
        err(level = "info")
    )
)]
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
