use crate::{
    error::AppError,
    model::{Neighbourhood, PlaceDetail, PlaceQuery, PlaceSearch},
};

pub mod light;
pub mod map;
pub mod suggest;
pub use light::*;
pub use map::*;
pub use suggest::*;

use leptos::prelude::*;

/// The places that match the directory query; values that make no sense are reported, not
/// applied.
/// Places on one page of the directory.
pub const PLACES_PER_PAGE: usize = 30;

/// Open places the home page reads, to show those with the light on first.
pub const HOME_OPEN_PLACES: usize = 12;

/// Open places the home page shows (lit ones first); the rest are one link away.
pub const HOME_OPEN_SHOWN: usize = 6;

/// What happens next in the chosen neighbourhood, on the home page: at most this many of
/// today's activities (or, when today has nothing more, of the next day that has some); the
/// whole week is one link away.
pub const HOME_NEXT: usize = 5;

/// Open places on the home page before a neighbourhood is chosen.
pub const HOME_OPEN_NEARBY: usize = 6;

/// The most neighbourhoods a search or a suggestion list offers.
pub const NEIGHBOURHOOD_CHOICES: usize = 8;

/// The cookie that remembers the resident's neighbourhood (its slug).
pub const NEIGHBOURHOOD_COOKIE: &str = "buurt";

/// The neighbourhood slug in a `Cookie` header value, if it is a well-formed slug.
pub fn neighbourhood_from_cookie_header(header: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == NEIGHBOURHOOD_COOKIE)
        .map(|(_, value)| value.trim().to_string())
        .filter(|slug| crate::model::place::is_valid_slug(slug))
}

/// What the home page shows: the resident's neighbourhood, or, before they chose one, a
/// few places open now and what comes up soon.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Home {
    Chosen {
        neighbourhood: Neighbourhood,
        /// The site's only neighbourhood, shown without a choice.
        only: bool,
        open: Vec<crate::model::PlaceSummary>,
        open_total: usize,
        /// What happens next: the rest of today, or the next day with activities.
        next: Vec<crate::model::activity::OccurrenceView>,
        /// Whether `next` is today's.
        next_is_today: bool,
        /// Whether that day holds more than `next` shows.
        next_more: bool,
        places_total: usize,
    },
    Unchosen {
        open: Vec<crate::model::PlaceSummary>,
        open_total: usize,
        upcoming: Vec<crate::model::activity::OccurrenceView>,
    },
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    /// The neighbourhood slug the request's cookie names, if any.
    pub fn chosen_slug() -> Option<String> {
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find_map(super::neighbourhood_from_cookie_header)
    }

    pub fn set_cookie(value: &str) -> Result<(), crate::error::AppError> {
        let response = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
            .ok_or(crate::error::AppError::Internal)?;
        let value =
            http::HeaderValue::from_str(value).map_err(|_| crate::error::AppError::Internal)?;
        response.append_header(http::header::SET_COOKIE, value);
        Ok(())
    }
}

#[server(endpoint = "places/home")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn home_view() -> Result<Home, AppError> {
    let state = crate::state::app_state()?;
    let viewer = crate::auth::viewer().await?.map(|v| v.id);
    let chosen = server::chosen_slug();
    match viewer {
        // What a reader without an account sees is the same for everyone: kept a few seconds.
        None => {
            state
                .cached(
                    format!("home {chosen:?}"),
                    home_uncached(&state, chosen, None),
                )
                .await
        }
        Some(id) => home_uncached(&state, chosen, Some(id)).await,
    }
}

#[cfg(feature = "ssr")]
async fn home_uncached(
    state: &crate::state::AppState,
    chosen: Option<String>,
    viewer: Option<i64>,
) -> Result<Home, AppError> {
    use crate::store::{
        activities::{self, ActivityFilter},
        places,
    };
    use jiff::ToSpan;
    let now = state.clock.now();
    let today = crate::api::activities::today(state);
    let week_end = today.checked_add(6.days()).unwrap_or(today);
    let chosen = match chosen {
        Some(slug) => places::neighbourhood(&state.db, &slug).await?,
        None => None,
    };
    // A site of one neighbourhood has nothing to choose.
    let (chosen, only) = match chosen {
        Some(n) => (Some(n), false),
        None => {
            let only = places::only_neighbourhood(&state.db).await?;
            let is_only = only.is_some();
            (only, is_only)
        }
    };
    let Some(neighbourhood) = chosen else {
        let (open, open_total) = places::open_now(&state.db, now, HOME_OPEN_NEARBY).await?;
        let open = crate::model::place::lights_first(open, HOME_OPEN_NEARBY);
        let (upcoming, _) = activities::upcoming(
            &state.db,
            &ActivityFilter::default(),
            today,
            week_end,
            Some(now),
            crate::api::activities::HOME_UPCOMING,
            viewer,
        )
        .await?;
        return Ok(Home::Unchosen {
            open,
            open_total,
            upcoming,
        });
    };
    let in_neighbourhood = crate::model::PlaceFilter {
        neighbourhood: Some(neighbourhood.slug.clone()),
        ..Default::default()
    };
    let open_filter = crate::model::PlaceFilter {
        open_now: true,
        ..in_neighbourhood.clone()
    };
    let (open, open_total) =
        places::search_page(&state.db, &open_filter, now, 0, HOME_OPEN_PLACES).await?;
    let open = crate::model::place::lights_first(open, HOME_OPEN_SHOWN);
    // Only the count: the places themselves are one link away.
    let (_, places_total) = places::search_page(&state.db, &in_neighbourhood, now, 0, 1).await?;
    let (open_total, places_total) = (open_total.at_least(), places_total.at_least());
    let neighbourhood_id =
        crate::store::discussions::neighbourhood_id(&state.db, &neighbourhood.slug)
            .await?
            .ok_or(AppError::NotFound)?;
    let (coming, more) = activities::upcoming(
        &state.db,
        &ActivityFilter {
            neighbourhood_id: Some(neighbourhood_id),
            ..Default::default()
        },
        today,
        week_end,
        Some(now),
        HOME_NEXT,
        viewer,
    )
    .await?;
    let (next, next_more) = crate::model::activity::first_day(coming, more);
    Ok(Home::Chosen {
        neighbourhood,
        only,
        open,
        open_total,
        next_is_today: next.first().is_some_and(|o| o.date == today.to_string()),
        next,
        next_more,
        places_total,
    })
}

/// The neighbourhoods that fit what someone typed, for the page where one is chosen.
#[server(endpoint = "neighbourhoods/find")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn find_neighbourhoods(q: String) -> Result<Vec<Neighbourhood>, AppError> {
    let state = crate::state::app_state()?;
    let q = crate::model::filter::clean_search_text(&q).ok_or(AppError::BadRequest)?;
    Ok(crate::store::places::find_neighbourhoods(&state.db, &q, NEIGHBOURHOOD_CHOICES).await?)
}

/// Remembers the resident's neighbourhood: the one they typed, when it names one; otherwise
/// back to the choice with what they typed, where the ones it could be are listed.
#[server(endpoint = "neighbourhoods/choose")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn choose_neighbourhood(buurt: String) -> Result<(), AppError> {
    use crate::store::places::{resolve_neighbourhood, Found};
    let state = crate::state::app_state()?;
    let Some(text) = crate::model::filter::clean_search_text(&buurt) else {
        leptos_axum::redirect("/buurt?leeg=1");
        return Ok(());
    };
    match resolve_neighbourhood(&state.db, &text, NEIGHBOURHOOD_CHOICES).await? {
        Found::One(n) => {
            server::set_cookie(&format!(
                "{NEIGHBOURHOOD_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
                n.slug
            ))?;
            leptos_axum::redirect("/");
        }
        Found::Several(_) => {
            leptos_axum::redirect(&format!(
                "/buurt?q={}",
                crate::model::filter::encode_query_value(&text)
            ));
        }
    }
    Ok(())
}

/// Forgets the chosen neighbourhood.
#[server(endpoint = "neighbourhoods/forget")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn forget_neighbourhood() -> Result<(), AppError> {
    server::set_cookie(&format!(
        "{NEIGHBOURHOOD_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly"
    ))?;
    leptos_axum::redirect("/buurt");
    Ok(())
}

#[server(endpoint = "places/search")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_places(#[server(default)] query: PlaceQuery) -> Result<PlaceSearch, AppError> {
    let state = crate::state::app_state()?;
    // The same for every reader: kept a few seconds (see `crate::cache`).
    state
        .cached(
            format!("places {query:?}"),
            search_uncached(&state, query.clone()),
        )
        .await
}

/// A directory query checked, its typed neighbourhood looked up: the filter the store
/// applies, what was refused, and the neighbourhood it named or the ones it could be.
#[cfg(feature = "ssr")]
pub struct ResolvedQuery {
    pub filter: crate::model::PlaceFilter,
    pub errors: Vec<crate::model::FilterError>,
    pub neighbourhood: Option<Neighbourhood>,
    pub neighbourhood_choices: Vec<Neighbourhood>,
}

/// Checks a directory query and resolves its neighbourhood, for the directory, the map and
/// the open data alike.
#[cfg(feature = "ssr")]
pub async fn resolve_query(
    state: &crate::state::AppState,
    query: &PlaceQuery,
) -> Result<ResolvedQuery, AppError> {
    use crate::model::filter::{FilterError, FilterField, FilterProblem};
    use crate::store::places::{resolve_neighbourhood, Found};
    let (mut filter, mut errors) = query.parse();
    let mut neighbourhood = None;
    let mut neighbourhood_choices = Vec::new();
    if let Some(text) = filter.neighbourhood.take() {
        match resolve_neighbourhood(&state.db, &text, NEIGHBOURHOOD_CHOICES).await? {
            Found::One(found) => {
                filter.neighbourhood = Some(found.slug.clone());
                neighbourhood = Some(found);
            }
            Found::Several(list) => {
                errors.push(FilterError {
                    field: FilterField::Neighbourhood,
                    problem: if list.is_empty() {
                        FilterProblem::Unknown
                    } else {
                        FilterProblem::Ambiguous
                    },
                });
                neighbourhood_choices = list;
            }
        }
    }
    Ok(ResolvedQuery {
        filter,
        errors,
        neighbourhood,
        neighbourhood_choices,
    })
}

#[cfg(feature = "ssr")]
async fn search_uncached(
    state: &crate::state::AppState,
    query: PlaceQuery,
) -> Result<PlaceSearch, AppError> {
    let page = query.page();
    let ResolvedQuery {
        filter,
        errors,
        neighbourhood,
        neighbourhood_choices,
    } = resolve_query(state, &query).await?;
    let (places, total) = crate::store::places::search_page(
        &state.db,
        &filter,
        state.clock.now(),
        (page - 1) * PLACES_PER_PAGE,
        PLACES_PER_PAGE,
    )
    .await?;
    let (total, total_more) = match total {
        crate::store::places::Total::Exactly(n) => (n, false),
        crate::store::places::Total::MoreThan(n) => (n, true),
    };
    // Past a count that is only "more than", the next page is there when this one is full.
    let pages = if total_more {
        page + usize::from(places.len() == PLACES_PER_PAGE)
    } else {
        total.div_ceil(PLACES_PER_PAGE).max(1)
    };
    Ok(PlaceSearch {
        places,
        errors,
        total,
        total_more,
        page,
        pages,
        neighbourhood,
        neighbourhood_choices,
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
    // The same for every reader: kept a few seconds (see `crate::cache`).
    state
        .cached(format!("place {slug}"), async {
            crate::store::places::by_slug(&state.db, &slug, state.clock.now())
                .await?
                .ok_or(AppError::NotFound)
        })
        .await
}
