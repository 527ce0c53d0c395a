//! What every request handler and server function can reach on the server.

use crate::{
    auth::rate_limit::{Limit, RateLimiter, RetryAfter},
    error::AppError,
    live::Live,
    store::Db,
};
use axum::extract::FromRef;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub clock: Clock,
    pub policy: ModerationPolicy,
    /// Read the client address from `X-Forwarded-For` (only behind a reverse proxy).
    pub trust_proxy: bool,
    pub limits: Arc<RateLimiter>,
    /// Multiplies every rate limit; above 1 only for test setups that sign up many people
    /// from one address.
    pub limit_factor: u32,
    pub live: Live,
    /// Signs anti-spam form tokens.
    pub secret: Arc<[u8; 32]>,
    /// Where the public reaches the site; decides https (secure cookies, HSTS) and the
    /// address in links that leave the screen. `None`: plain http, host from the request.
    pub public_origin: Option<PublicOrigin>,
    /// New calendar addresses waiting to be shown once to the session that made them.
    pub handover: Arc<crate::auth::handover::Handover>,
    /// Data of pages as anonymous readers see them, for a few seconds.
    pub cache: crate::cache::ReadCache,
    /// The map tiles' address template (`{z}/{x}/{y}`); the pages' CSP allows its host
    /// for images.
    pub tile_url: String,
    /// Sends mail (password reset links); switched off unless an SMTP server is configured.
    pub mailer: crate::mail::Mailer,
}

/// OpenStreetMap's own tiles, for a site with few visitors (see their tile usage policy).
pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/// The scheme and host the public uses, such as `https://buurtplein.example.nl`: configured,
/// never read from a request header a client could forge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicOrigin {
    origin: String,
}

impl PublicOrigin {
    /// `http(s)://host[:port]`, without path, query or user.
    pub fn parse(value: &str) -> Result<PublicOrigin, String> {
        let value = value.trim().trim_end_matches('/');
        let host = value
            .strip_prefix("https://")
            .or_else(|| value.strip_prefix("http://"))
            .ok_or_else(|| format!("{value:?} must start with https:// or http://"))?;
        if !is_host(host) {
            return Err(format!(
                "{value:?} must be a scheme and host only, like https://buurtplein.example.nl"
            ));
        }
        Ok(PublicOrigin {
            origin: value.to_ascii_lowercase(),
        })
    }

    pub fn is_https(&self) -> bool {
        self.origin.starts_with("https://")
    }

    pub fn as_str(&self) -> &str {
        &self.origin
    }
}

/// A host name or address, with an optional port: nothing that could start a path, a query
/// or markup.
fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// What waits for a moderator before anyone else sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModerationPolicy {
    /// A new account's posts wait until this many of them have been approved.
    pub hold_first_posts: u32,
    /// Reactions written without an account wait for approval.
    pub hold_guest_reactions: bool,
}

impl Default for ModerationPolicy {
    fn default() -> Self {
        ModerationPolicy {
            hold_first_posts: 1,
            hold_guest_reactions: true,
        }
    }
}

impl AppState {
    /// The state with default policy, fresh limits and the database's signing key.
    pub async fn new(
        leptos_options: LeptosOptions,
        db: Db,
        clock: Clock,
    ) -> Result<AppState, sqlx::Error> {
        let secret = crate::store::accounts::server_secret(&db).await?;
        Ok(AppState {
            leptos_options,
            db,
            clock,
            policy: ModerationPolicy::default(),
            trust_proxy: false,
            limits: Arc::new(RateLimiter::default()),
            limit_factor: 1,
            live: Live::default(),
            secret: Arc::new(secret),
            public_origin: None,
            handover: Arc::default(),
            cache: crate::cache::ReadCache::default(),
            tile_url: DEFAULT_TILE_URL.to_string(),
            mailer: crate::mail::Mailer::disabled(),
        })
    }

    /// `make`'s value, or the one kept for anonymous readers under `key` (see
    /// [`crate::cache`]). Only for data that does not depend on who reads it.
    pub async fn cached<T, F>(&self, key: String, make: F) -> Result<T, AppError>
    where
        T: Clone + Send + Sync + 'static,
        F: std::future::Future<Output = Result<T, AppError>>,
    {
        let db = self.db.clone();
        self.cache.get_or(key, move || db.writes(), make).await
    }

    /// Whether the public reaches the site over https, as configured.
    pub fn is_https(&self) -> bool {
        self.public_origin
            .as_ref()
            .is_some_and(PublicOrigin::is_https)
    }

    /// The site's address for links that leave the screen (QR codes, calendar files): the
    /// configured origin, or else plain http to the host the request named.
    pub fn site_url(&self, headers: &http::HeaderMap) -> String {
        if let Some(origin) = &self.public_origin {
            return origin.as_str().to_string();
        }
        let host = headers
            .get(http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|host| is_host(host))
            .unwrap_or("localhost");
        format!("http://{host}")
    }

    /// Counts an attempt against `key`; refused with the minutes to wait.
    pub fn rate_limit(&self, key: &str, limit: Limit) -> Result<(), AppError> {
        self.limits
            .hit(key, limit.scaled(self.limit_factor), Self::elapsed_now())
            .map_err(|RetryAfter(minutes)| AppError::RateLimited { minutes })
    }

    /// The real time in Unix seconds, for measuring how long something took (rate-limit
    /// windows, how long a form was open), even when the display clock is fixed.
    pub fn elapsed_now() -> i64 {
        jiff::Timestamp::now().as_second()
    }

    /// The real time in Unix milliseconds, for how long a form was open.
    pub fn elapsed_now_ms() -> i64 {
        jiff::Timestamp::now().as_millisecond()
    }

    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        self.clock.now().as_second()
    }
}

/// Where "now" comes from: the system clock, or a fixed moment so that demos and browser
/// tests see the same places open whatever the hour they run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    fixed: Option<jiff::Timestamp>,
}

impl Clock {
    pub fn system() -> Self {
        Clock { fixed: None }
    }

    pub fn fixed(at: jiff::Timestamp) -> Self {
        Clock { fixed: Some(at) }
    }

    pub fn now(&self) -> jiff::Timestamp {
        self.fixed.unwrap_or_else(jiff::Timestamp::now)
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state that `leptos_routes` provides to pages and server functions.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(status: u16) {
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
    }
}
