//! Server-side guards: passwords, sessions, rate limits, anti-spam, and who is asking.

pub mod antispam;
pub mod password;
pub mod rate_limit;
pub mod session;

use crate::{error::AppError, model::account::Viewer, state::app_state};
use leptos::prelude::*;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The signed-in person making this request, if any.
pub async fn viewer() -> Result<Option<Viewer>, AppError> {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Ok(None);
    };
    let Some(token) = session::token_from_headers(&parts.headers) else {
        return Ok(None);
    };
    let state = app_state()?;
    Ok(crate::store::accounts::session_viewer(&state.db, &token, state.clock.now()).await?)
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

/// The client address of the request being handled.
pub fn request_ip() -> Result<IpAddr, AppError> {
    let state = app_state()?;
    Ok(use_context::<http::request::Parts>()
        .map(|parts| client_ip(&parts, state.trust_proxy))
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
}

/// Whether the browser reached us over https (directly or through a proxy).
pub fn request_is_https() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.uri.scheme_str() == Some("https")
            || parts
                .headers
                .get("x-forwarded-proto")
                .is_some_and(|proto| proto.as_bytes() == b"https")
    })
}

/// The address of this site as the browser used it, for links that leave the screen (QR
/// codes on paper).
pub fn site_url() -> String {
    let host = use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
        })
        .filter(|host| {
            host.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or_else(|| "localhost".to_string());
    let scheme = if request_is_https() { "https" } else { "http" };
    format!("{scheme}://{host}")
}
