//! iCalendar feeds and files: per place, per neighbourhood, and one occurrence.

use app::{
    state::AppState,
    store::activities::{self, ActivityFilter},
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

const CALENDAR: &str = "text/calendar; charset=utf-8";

fn site(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let https = headers
        .get("x-forwarded-proto")
        .is_some_and(|p| p.as_bytes() == b"https");
    format!("{}://{host}", if https { "https" } else { "http" })
}

fn calendar(body: String, attachment: Option<&str>) -> Response {
    let mut response = ([(header::CONTENT_TYPE, CALENDAR)], body).into_response();
    if let Some(name) = attachment {
        if let Ok(value) = format!("attachment; filename=\"{name}\"").parse() {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
    }
    response
}

fn failed(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "building a calendar failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// Which activities a feed holds, found by a slug.
enum Scope {
    Place,
    Neighbourhood,
}

async fn feed(state: &AppState, headers: &HeaderMap, scope: Scope, slug: &str) -> Response {
    if !app::model::place::is_valid_slug(slug) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let found = match scope {
        Scope::Place => app::store::discussions::place_ids(&state.db, slug)
            .await
            .map(|ids| {
                ids.map(|(id, _)| ActivityFilter {
                    place_id: Some(id),
                    ..Default::default()
                })
            }),
        Scope::Neighbourhood => app::store::discussions::neighbourhood_id(&state.db, slug)
            .await
            .map(|id| {
                id.map(|id| ActivityFilter {
                    neighbourhood_id: Some(id),
                    ..Default::default()
                })
            }),
    };
    let filter = match found {
        Ok(Some(filter)) => filter,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return failed(error),
    };
    match activities::activities(&state.db, &filter, false).await {
        Ok(list) => calendar(
            app::ical::feed(slug, &list, state.clock.now(), &site(headers)),
            None,
        ),
        Err(error) => failed(error),
    }
}

pub async fn place_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    feed(&state, &headers, Scope::Place, &slug).await
}

pub async fn neighbourhood_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    feed(&state, &headers, Scope::Neighbourhood, &slug).await
}

pub async fn occurrence_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, date)): Path<(i64, String)>,
) -> Response {
    let Some(date) = app::model::activity::Day::parse(&date)
        .and_then(|d| jiff::civil::Date::new(d.year, d.month, d.day).ok())
    else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let activity = match activities::activity(&state.db, id).await {
        Ok(Some(activity)) => activity,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return failed(error),
    };
    let Some(occurrence) = activities::occurrence(&activity, date) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let body = app::ical::single(&activity, &occurrence, state.clock.now(), &site(&headers));
    calendar(body, Some(&format!("activiteit-{id}-{date}.ics")))
}

/// A resident's own calendar: what they joined, from a month ago on. The token in the address
/// stands in for a login, which calendar apps cannot do.
pub async fn personal_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    if token.len() > 64
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let owner = match activities::calendar_owner(&state.db, &token).await {
        Ok(Some(owner)) => owner,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return failed(error),
    };
    let today = state
        .clock
        .now()
        .to_zoned(app::model::hours::amsterdam())
        .date();
    let from = today
        .checked_sub(jiff::Span::new().days(31))
        .unwrap_or(today);
    let joined = match activities::joined_by(&state.db, owner, from).await {
        Ok(joined) => joined,
        Err(error) => return failed(error),
    };
    let mut found: Vec<activities::Activity> = Vec::new();
    for (id, _) in &joined {
        if found.iter().any(|a| a.id == *id) {
            continue;
        }
        match activities::activity(&state.db, *id).await {
            Ok(Some(activity)) => found.push(activity),
            Ok(None) => {}
            Err(error) => return failed(error),
        }
    }
    let items: Vec<_> = joined
        .iter()
        .filter_map(|(id, date)| {
            let activity = found.iter().find(|a| a.id == *id)?;
            Some((activity, activities::occurrence(activity, *date)?))
        })
        .collect();
    calendar(
        app::ical::occurrences("Buurtplein", &items, state.clock.now(), &site(&headers)),
        None,
    )
}
