//! The insights tables as CSV files: the same reads and the same checks as the pages, and
//! every count after the same privacy rule.

use app::{
    api::insights::server,
    error::AppError,
    i18n::{Locale, Texts},
    model::account::Viewer,
    model::insights::{csv, share, Counts},
    state::AppState,
};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    weken: String,
    #[serde(default)]
    tot: String,
}

async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<Option<Viewer>, AppError> {
    let Some(token) = app::auth::session::token_from_headers(headers, state.is_https()) else {
        return Ok(None);
    };
    Ok(app::store::accounts::session_viewer(&state.db, &token, state.clock.now()).await?)
}

fn texts(headers: &HeaderMap) -> &'static Texts {
    Locale::from_headers(headers).unwrap_or_default().texts()
}

fn header_row(t: &Texts, first: &'static str) -> Vec<&'static str> {
    let mut row = vec![first];
    row.extend(app::components::insights::count_headings(t));
    row
}

fn counts_row(label: String, counts: &Counts) -> Vec<String> {
    let mut row = vec![label];
    row.extend(counts.cells());
    row
}

/// A CSV answer the browser saves as `name`, never kept by a shared cache.
fn attachment(body: String, name: &str) -> Response {
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        body,
    )
        .into_response();
    // The name is made of a slug and fixed words, so it is always a valid header.
    if let Ok(value) = format!("attachment; filename=\"{name}\"").parse() {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `/inzichten/plekken/{slug}/{file}`: `weken.csv` (all activities per week) or
/// `activiteiten.csv` (each activity per week).
pub async fn place_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((slug, file)): Path<(String, String)>,
    Query(period): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let per_activity = match file.as_str() {
        "weken.csv" => false,
        "activiteiten.csv" => true,
        _ => return Err(AppError::NotFound),
    };
    let viewer = signed_in(&state, &headers).await?;
    let found = server::place(&state, viewer.as_ref(), &slug, &period.weken, &period.tot).await?;
    let insights = found.insights;
    let t = texts(&headers);
    let body = if per_activity {
        let mut header = header_row(t, t.insights_col_activity);
        header.insert(1, t.insights_col_week);
        let rows: Vec<Vec<String>> = insights
            .activities
            .iter()
            .flat_map(|a| {
                a.weeks.iter().map(|w| {
                    let mut row = counts_row(a.title.clone(), &w.counts);
                    row.insert(1, w.monday.clone());
                    row
                })
            })
            .collect();
        csv(&header, &rows)
    } else {
        let mut rows: Vec<Vec<String>> = insights
            .weeks
            .iter()
            .map(|w| counts_row(w.monday.clone(), &w.counts))
            .collect();
        rows.push(counts_row(t.insights_total.to_string(), &insights.total));
        csv(&header_row(t, t.insights_col_week), &rows)
    };
    let name = format!(
        "inzichten-{}-{}-{}.csv",
        insights.place.slug,
        file.trim_end_matches(".csv"),
        insights.period.until
    );
    Ok(attachment(body, &name))
}

/// `/inzichten/buurten/{slug}/plekken.csv`: the places side by side.
pub async fn neighbourhood_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(period): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let viewer = signed_in(&state, &headers).await?;
    let found =
        server::neighbourhood(&state, viewer.as_ref(), &slug, &period.weken, &period.tot).await?;
    let insights = found.insights;
    let t = texts(&headers);
    let mut header = header_row(t, t.insights_col_place);
    header.extend([t.insights_col_first_share, t.insights_col_invite_share]);
    let percent = |p: Option<u32>| p.map(|p| format!("{p}%")).unwrap_or_default();
    let row = |name: String, counts: &Counts| {
        let mut row = counts_row(name, counts);
        row.push(percent(share(counts.first_visits, counts.visits)));
        row.push(percent(share(counts.invited, counts.visits)));
        row
    };
    let mut rows: Vec<Vec<String>> = insights
        .places
        .iter()
        .map(|p| {
            let name = match p.slug {
                Some(_) => p.name.clone(),
                None => t.insights_other_places.to_string(),
            };
            row(name, &p.counts)
        })
        .collect();
    rows.push(row(t.insights_total.to_string(), &insights.total));
    let name = format!(
        "inzichten-{}-plekken-{}.csv",
        insights.slug, insights.period.until
    );
    Ok(attachment(csv(&header, &rows), &name))
}
