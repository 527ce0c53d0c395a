//! The few routes that are plain axum handlers rather than Leptos pages.

use app::{
    i18n::{Locale, LOCALE_COOKIE},
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form, Json,
};
use serde::Deserialize;

/// Whether the site can answer; never cached, so a monitor sees now, not a proxy's copy.
pub async fn health(State(state): State<AppState>) -> Response {
    let no_store = [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))];
    match state.db.ping().await {
        Ok(()) => (no_store, Json(serde_json::json!({ "status": "ok" }))).into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                no_store,
                Json(serde_json::json!({ "status": "unavailable" })),
            )
                .into_response()
        }
    }
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(rename = "taal")]
    language: String,
    /// The page to go back to.
    #[serde(default, rename = "terug")]
    back_to: String,
}

pub async fn set_language(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LanguageForm>,
) -> Response {
    let Some(locale) = Locale::from_code(form.language.trim()) else {
        let t = crate::security::request_locale(&headers).texts();
        return (StatusCode::BAD_REQUEST, t.error_unknown_language).into_response();
    };
    let secure = state.is_https();
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{}",
        locale.code(),
        if secure { "; Secure" } else { "" }
    );
    let mut response =
        Redirect::to(app::model::path::local_path(&form.back_to, "/")).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

#[derive(Deserialize)]
pub struct DisplayForm {
    /// `groot` switches large text on, `gewoon` off; absent leaves it as it is.
    #[serde(default, rename = "letters")]
    large_text: Option<String>,
    /// `hoog` switches high contrast on, `gewoon` off; absent leaves it as it is.
    #[serde(default, rename = "contrast")]
    high_contrast: Option<String>,
    /// The page to go back to.
    #[serde(default, rename = "terug")]
    back_to: String,
}

/// Remembers large text and high contrast for a year, each in its own cookie (switching one
/// off removes its cookie), and sends the visitor back to the page they were on. An unknown
/// value changes nothing.
pub async fn set_display(State(state): State<AppState>, Form(form): Form<DisplayForm>) -> Response {
    use app::display::{
        HIGH_CONTRAST_COOKIE, HIGH_CONTRAST_ON, LARGE_TEXT_COOKIE, LARGE_TEXT_ON, SETTING_OFF,
    };
    let secure = if state.is_https() { "; Secure" } else { "" };
    let mut response =
        Redirect::to(app::model::path::local_path(&form.back_to, "/")).into_response();
    for (name, on, value) in [
        (LARGE_TEXT_COOKIE, LARGE_TEXT_ON, form.large_text),
        (HIGH_CONTRAST_COOKIE, HIGH_CONTRAST_ON, form.high_contrast),
    ] {
        let cookie = match value.as_deref().map(str::trim) {
            Some(value) if value == on => {
                format!("{name}={on}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}")
            }
            Some(SETTING_OFF) => {
                format!("{name}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly{secure}")
            }
            _ => continue,
        };
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
