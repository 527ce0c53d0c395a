//! Open data: the directory's places as JSON, CSV and GeoJSON, and the agenda as JSON, for
//! anyone to read (CORS), cached by browsers and proxies with a strong ETag.

use app::{
    api::{activities::ActivityQuery, places::resolve_query},
    error::AppError,
    model::{
        filter::FilterField,
        open_data::{
            places_csv, ActivityPage, ActivityRecord, FeatureCollection, PlacePage, PlaceRecord,
            PLACES_PER_PAGE,
        },
        PlaceQuery,
    },
    state::AppState,
    store::places::{located_page, Total},
};
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use std::sync::Arc;

/// How long a browser or proxy may reuse an answer without asking again; after that the
/// ETag makes asking cheap. The server's own cache keeps data as long (see `app::cache`).
const CACHE_CONTROL: &str = "public, max-age=10";

#[derive(Clone, Copy, Debug)]
enum Format {
    Json,
    Csv,
    GeoJson,
}

impl Format {
    fn path(self) -> &'static str {
        match self {
            Format::Json => "/plekken.json",
            Format::Csv => "/plekken.csv",
            Format::GeoJson => "/plekken.geojson",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv; charset=utf-8; header=present",
            Format::GeoJson => "application/geo+json",
        }
    }
}

/// An answer as it is kept for the next reader: the body with its tag and page links.
struct Made {
    status: StatusCode,
    content_type: &'static str,
    body: String,
    etag: String,
    links: Vec<String>,
}

impl Made {
    fn new(status: StatusCode, content_type: &'static str, body: String) -> Made {
        // A strong validator: the same bytes, the same tag.
        let etag = format!("\"{}\"", &app::token::token_hash(&body)[..32]);
        Made {
            status,
            content_type,
            body,
            etag,
            links: Vec::new(),
        }
    }

    fn json(status: StatusCode, value: &impl Serialize) -> Result<Made, AppError> {
        let body = serde_json::to_string(value).map_err(|e| {
            tracing::error!(error = %e, "writing open data failed");
            AppError::Internal
        })?;
        Ok(Made::new(status, "application/json", body))
    }
}

/// What was wrong with the query, by parameter.
#[derive(Serialize)]
struct Refusal {
    errors: Vec<Problem>,
}

#[derive(Serialize)]
struct Problem {
    parameter: &'static str,
    problem: &'static str,
}

fn refused(errors: Vec<Problem>) -> Result<Made, AppError> {
    Made::json(StatusCode::BAD_REQUEST, &Refusal { errors })
}

/// `If-None-Match` holds this tag (or `*`); compared weakly, as RFC 9110 asks.
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// Anyone may read: every answer says so, and which of its headers a script may see.
const CORS: [(header::HeaderName, &str); 2] = [
    (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
    (header::ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Link"),
];

/// What a preflight allows: reads, with the validators a cache sends.
const PREFLIGHT: [(header::HeaderName, &str); 3] = [
    (header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS"),
    (
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    ),
    (header::ACCESS_CONTROL_MAX_AGE, "86400"),
];

fn add_headers(response: &mut Response, pairs: &[(header::HeaderName, &'static str)]) {
    for (name, value) in pairs {
        response
            .headers_mut()
            .insert(name.clone(), HeaderValue::from_static(value));
    }
}

fn respond(made: &Made, headers: &HeaderMap) -> Response {
    let mut response = if made.status.is_success() && not_modified(headers, &made.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = (made.status, made.body.clone()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(made.content_type),
        );
        response
    };
    let out = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&made.etag) {
        out.insert(header::ETAG, etag);
    }
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    if let Ok(link) = HeaderValue::from_str(&made.links.join(", ")) {
        if !made.links.is_empty() {
            out.insert(header::LINK, link);
        }
    }
    add_headers(&mut response, &CORS);
    response
}

/// A browser's preflight before a cross-site read with headers of its own (`If-None-Match`).
pub async fn preflight() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    add_headers(&mut response, &CORS);
    add_headers(&mut response, &PREFLIGHT);
    response
}

pub async fn places_json(
    state: State<AppState>,
    headers: HeaderMap,
    pairs: Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    places(state, headers, pairs, Format::Json).await
}

pub async fn places_csv_file(
    state: State<AppState>,
    headers: HeaderMap,
    pairs: Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    places(state, headers, pairs, Format::Csv).await
}

pub async fn places_geojson(
    state: State<AppState>,
    headers: HeaderMap,
    pairs: Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    places(state, headers, pairs, Format::GeoJson).await
}

/// One page of the places matching the directory's filter (`soort`, `buurt`, `kenmerk`,
/// `open`, `q`), `pagina` from 1, `aantal` per page (at most [`PLACES_PER_PAGE`]).
async fn places(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
    format: Format,
) -> Result<Response, AppError> {
    let query = PlaceQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let per_page = pairs
        .iter()
        .find(|(name, _)| name == "aantal")
        .map(|(_, value)| {
            value
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=PLACES_PER_PAGE).contains(n))
        });
    let site = state.site_url(&headers);
    let key = format!("open data {format:?} {query:?} {per_page:?} {site}");
    let make = async {
        let made = match per_page {
            Some(None) => refused(vec![Problem {
                parameter: "aantal",
                problem: "not a number from 1 to 1000",
            }]),
            Some(Some(n)) => places_page(&state, &site, &query, n, true, format).await,
            None => places_page(&state, &site, &query, PLACES_PER_PAGE, false, format).await,
        }?;
        Ok::<_, AppError>(Arc::new(made))
    };
    // The same for every reader: kept a few seconds and never past a write.
    let made = state.cached(key, make).await?;
    Ok(respond(&made, &headers))
}

async fn places_page(
    state: &AppState,
    site: &str,
    query: &PlaceQuery,
    per_page: usize,
    per_page_asked: bool,
    format: Format,
) -> Result<Made, AppError> {
    let resolved = resolve_query(state, query).await?;
    if !resolved.errors.is_empty() {
        return refused(
            resolved
                .errors
                .iter()
                .map(|e| Problem {
                    parameter: e.field.param(),
                    problem: match (e.field, e.problem) {
                        (
                            FilterField::Neighbourhood,
                            app::model::filter::FilterProblem::Ambiguous,
                        ) => "names more than one neighbourhood",
                        (_, app::model::filter::FilterProblem::TooLong) => "too long",
                        _ => "unknown value",
                    },
                })
                .collect(),
        );
    }
    let page = query.page();
    let offset = (page - 1) * per_page;
    let (places, total) = located_page(
        &state.db,
        &resolved.filter,
        state.clock.now(),
        offset,
        per_page,
    )
    .await?;
    let has_next = match total {
        Total::Exactly(n) => offset + places.len() < n,
        Total::MoreThan(_) => places.len() == per_page,
    };
    let records: Vec<PlaceRecord> = places.iter().map(|p| PlaceRecord::new(p, site)).collect();
    // Links keep the filter as asked, so a neighbourhood typed by name stays readable.
    let url = |page: usize| {
        let href = query.href(format.path(), page);
        let size = per_page_asked.then(|| format!("aantal={per_page}"));
        match size {
            Some(size) if href.contains('?') => format!("{site}{href}&{size}"),
            Some(size) => format!("{site}{href}?{size}"),
            None => format!("{site}{href}"),
        }
    };
    let next = has_next.then(|| url(page + 1));
    let mut made = match format {
        Format::Json => Made::json(
            StatusCode::OK,
            &PlacePage {
                page,
                per_page,
                total: total.at_least().max(offset + places.len()),
                total_is_minimum: matches!(total, Total::MoreThan(_)),
                next: next.clone(),
                places: &records,
            },
        )?,
        Format::GeoJson => {
            let mut made = Made::json(StatusCode::OK, &FeatureCollection::of(&records))?;
            made.content_type = format.content_type();
            made
        }
        Format::Csv => Made::new(StatusCode::OK, format.content_type(), places_csv(&records)),
    };
    if let Some(next) = next {
        made.links.push(format!("<{next}>; rel=\"next\""));
    }
    if page > 1 {
        made.links
            .push(format!("<{}>; rel=\"prev\"", url(page - 1)));
        made.links.push(format!("<{}>; rel=\"first\"", url(1)));
    }
    Ok(made)
}

/// The agenda as on `/activiteiten` (`plek`, `buurt`, `soort`, `gratis`, `week`), a page
/// at a time from `vanaf`. The resident's chosen neighbourhood is not applied: open data is
/// the same for everyone.
pub async fn activities_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<ActivityQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let Ok(Query(query)) = query else {
        let made = refused(vec![Problem {
            parameter: "query",
            problem: "each parameter at most once",
        }])?;
        return Ok(respond(&made, &headers));
    };
    let site = state.site_url(&headers);
    let key = format!("open data activities {query:?} {site}");
    let make = async {
        let list = match app::api::activities::agenda::list(&state, query.clone(), None, None).await
        {
            Err(AppError::BadRequest) => {
                return Ok(Arc::new(refused(vec![Problem {
                    parameter: "plek, buurt or soort",
                    problem: "unknown value",
                }])?))
            }
            other => other?,
        };
        let mut problems = Vec::new();
        if list.place_unknown {
            problems.push(Problem {
                parameter: "plek",
                problem: "names no single place",
            });
        }
        if list.neighbourhood_unknown {
            problems.push(Problem {
                parameter: "buurt",
                problem: "names no single neighbourhood",
            });
        }
        if !problems.is_empty() {
            return Ok(Arc::new(refused(problems)?));
        }
        let records: Vec<ActivityRecord> = list
            .occurrences
            .iter()
            .map(|o| ActivityRecord::new(o, &site))
            .collect();
        let next = list.next.as_deref().map(|from| {
            let href = query.href(Some(from));
            format!(
                "{site}/activiteiten.json{}",
                href.trim_start_matches("/activiteiten")
            )
        });
        let mut made = Made::json(
            StatusCode::OK,
            &ActivityPage {
                next: next.clone(),
                activities: &records,
            },
        )?;
        if let Some(next) = next {
            made.links.push(format!("<{next}>; rel=\"next\""));
        }
        Ok::<_, AppError>(Arc::new(made))
    };
    let made = state.cached(key, make).await?;
    Ok(respond(&made, &headers))
}
