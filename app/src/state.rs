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
        })
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
