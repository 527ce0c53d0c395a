//! Server-side guards: passwords, sessions, rate limits, anti-spam, and who is asking.

pub mod antispam;
pub mod handover;
pub mod password;
pub mod rate_limit;
pub mod session;

use crate::{error::AppError, model::account::Viewer, state::app_state};
use leptos::prelude::*;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The signed-in person making this request, if any.
pub async fn viewer() -> Result<Option<Viewer>, AppError> {
    let Some(token) = session_token() else {
        return Ok(None);
    };
    let state = app_state()?;
    Ok(crate::store::accounts::session_viewer(&state.db, &token, state.clock.now()).await?)
}

/// The session token the browser sent with this request, if any.
pub fn session_token() -> Option<String> {
    use_context::<http::request::Parts>()
        .and_then(|parts| session::token_from_headers(&parts.headers, request_is_https()))
}

/// The signed-in person if they may do `action`; otherwise why not (log in first, suspended,
/// not allowed).
pub async fn authorized(action: crate::model::permission::Action) -> Result<Viewer, AppError> {
    let viewer = viewer().await?;
    crate::model::permission::authorize(viewer.as_ref(), action)?;
    viewer.ok_or(AppError::LoginRequired)
}

/// The signed-in person, or the error that asks them to log in.
pub async fn require_viewer() -> Result<Viewer, AppError> {
    viewer().await?.ok_or(AppError::LoginRequired)
}

/// The address a request came from: the socket's peer, or, behind a trusted reverse proxy,
/// the last address that proxy added to `X-Forwarded-For`.
pub fn client_ip(parts: &http::request::Parts, trust_proxy: bool) -> IpAddr {
    if trust_proxy {
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|v| v.trim().parse::<IpAddr>().ok())
            .next_back();
        if let Some(ip) = forwarded {
            return ip;
        }
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Whether the request is a plain form post from a page (JavaScript off) rather than a call
/// from the page's script: browsers ask for HTML only for the former.
pub fn request_accepts_html() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get_all(http::header::ACCEPT)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .any(|value| value.contains("text/html"))
    })
}

/// The client address of the request being handled.
pub fn request_ip() -> Result<IpAddr, AppError> {
    let state = app_state()?;
    Ok(use_context::<http::request::Parts>()
        .map(|parts| client_ip(&parts, state.trust_proxy))
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
}

/// Whether the public reaches this site over https: the configured origin decides, never a
/// request header a client could forge.
pub fn request_is_https() -> bool {
    app_state().is_ok_and(|state| state.is_https())
}

/// The address of this site for links that leave the screen (QR codes on paper): the
/// configured origin, or plain http to the host the browser used.
pub fn site_url() -> String {
    let headers = use_context::<http::request::Parts>()
        .map(|parts| parts.headers)
        .unwrap_or_default();
    match app_state() {
        Ok(state) => state.site_url(&headers),
        Err(_) => "http://localhost".to_string(),
    }
}
