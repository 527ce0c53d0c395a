//! Request guards that apply to every route.

use app::{i18n::Locale, state::AppState};
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Leptos server functions carry no CSRF token, so every state-changing request must come
/// from this site: browsers say so in `Sec-Fetch-Site`, older ones in `Origin`.
pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let allowed = if let Some(site) = headers.get("sec-fetch-site") {
        matches!(site.as_bytes(), b"same-origin" | b"none")
    } else if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        origin
            .to_str()
            .ok()
            .and_then(|origin| origin.split_once("://").map(|(_, rest)| rest))
            .is_some_and(|origin_host| Some(origin_host) == host)
    } else {
        // Not a browser form or fetch (curl, tests): nothing for a forged page to ride on.
        true
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), uri = %request.uri(), "cross-site write refused");
        let t = request_locale(request.headers()).texts();
        (StatusCode::FORBIDDEN, t.error_cross_site).into_response()
    }
}

/// Headers every response carries: no MIME sniffing, no full URLs leaking to other sites, no
/// framing (the page's CSP says the same for browsers that read it), and, when the site is
/// served over https, HSTS so a browser never again tries it over plain http.
pub async fn standard_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if state.is_https() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// HTML pages are always revalidated; static files without a hash get a short cache.
pub async fn default_cache_control(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        let is_html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        let value = if is_html || !response.status().is_success() {
            "no-cache"
        } else {
            "public, max-age=3600"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The visitor's language for answers that are not pages.
pub fn request_locale(headers: &HeaderMap) -> Locale {
    Locale::from_headers(headers).unwrap_or_default()
}
