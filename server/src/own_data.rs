//! A resident's download of all their data: one JSON file, for the signed-in account only.

use app::{auth::session, state::AppState, store::accounts};
use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

/// `GET /account/mijn-gegevens.json`: everything held about the signed-in account, as a
/// file to keep. Without a session the browser is sent to log in and come back.
pub async fn download(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let token = session::token_from_headers(&headers, state.is_https());
    let viewer = match token {
        Some(token) => accounts::session_viewer(&state.db, &token, state.clock.now()).await,
        None => Ok(None),
    };
    let data = match viewer {
        Ok(Some(viewer)) => accounts::own_data(&state.db, viewer.id, state.now()).await,
        Ok(None) => {
            return (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, "/inloggen?terug=/account")],
            )
                .into_response()
        }
        Err(error) => Err(error),
    };
    let body = match data {
        Ok(Some(data)) => serde_json::to_vec_pretty(&data),
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "reading an account's own data failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match body {
        Ok(body) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json; charset=utf-8"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, no-store"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static(
                        "attachment; filename=\"buurtplein-mijn-gegevens.json\"",
                    ),
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "writing an account's own data failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
