//! The one error type of the application: safe to show, with the status it stands for.

use crate::i18n::{fill, Texts};
use crate::model::form::FormErrors;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// What went wrong, in terms a visitor may see. Details of internal failures are logged on
/// the server and never carried in this type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    #[error("internal error")]
    Internal,
    #[error("login required")]
    LoginRequired,
    #[error("forbidden")]
    Forbidden,
    #[error("account suspended")]
    Suspended,
    #[error("thread locked")]
    ThreadLocked,
    #[error("edit window over")]
    EditWindowOver,
    /// Joining an occurrence that has passed, or that lies too far ahead.
    #[error("not open for joining")]
    JoinClosed,
    #[error("rate limited for {minutes} minutes")]
    RateLimited { minutes: u32 },
    /// Logged with its field names and problems only, never what the visitor typed.
    #[error("invalid form: {}", problems(.0))]
    Invalid(FormErrors),
    #[error("server function call failed: {0}")]
    ServerFn(ServerFnErrorErr),
}

fn problems(errors: &FormErrors) -> String {
    let fields: Vec<String> = errors
        .fields
        .iter()
        .map(|e| format!("{}: {:?}", for_log(&e.field), e.problem))
        .collect();
    fields.join(", ")
}

/// The most characters of a visitor's text that go into the log.
pub const LOGGED_TEXT_CHARS: usize = 40;

/// What of a visitor's text (a slug, a date) goes into the log: its first
/// [`LOGGED_TEXT_CHARS`] characters, escaped so it cannot forge log lines, then how long it was.
/// Free text (names, e-mail addresses, bodies) is not logged at all.
pub fn for_log(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(LOGGED_TEXT_CHARS).collect();
    let head = head.escape_debug();
    if chars.next().is_some() {
        format!("{head}…({} bytes)", text.len())
    } else {
        head.to_string()
    }
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest => 400,
            AppError::Internal => 500,
            AppError::LoginRequired => 401,
            AppError::Forbidden | AppError::Suspended => 403,
            AppError::ThreadLocked | AppError::EditWindowOver | AppError::JoinClosed => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Invalid(_) => 422,
            AppError::ServerFn(ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_)) => 400,
            AppError::ServerFn(_) => 500,
        }
    }

    pub fn title(&self, t: &Texts) -> &'static str {
        match self.status() {
            404 => t.not_found_title,
            400 | 422 => t.bad_request_title,
            401 => t.error_login_required_title,
            403 | 409 | 429 => t.error_refused_title,
            _ => t.error_title,
        }
    }

    /// The message for the visitor: what happened and what they can do.
    pub fn text(&self, t: &Texts) -> String {
        match self {
            AppError::LoginRequired => t.error_login_required.into(),
            AppError::Forbidden => t.error_forbidden.into(),
            AppError::Suspended => t.error_suspended.into(),
            AppError::ThreadLocked => t.error_thread_locked.into(),
            AppError::EditWindowOver => t.error_edit_window_over.into(),
            AppError::JoinClosed => fill(
                t.error_join_closed,
                &[("days", &crate::model::activity::JOIN_DAYS_AHEAD.to_string())],
            ),
            AppError::RateLimited { minutes } => t.error_rate_limited.of(*minutes),
            AppError::Invalid(_) => t.error_invalid_form.into(),
            _ => match self.status() {
                404 => t.not_found_text.into(),
                400 => t.bad_request_text.into(),
                _ => t.error_text.into(),
            },
        }
    }

    /// The field problems, when this error is about a form.
    pub fn form_errors(&self) -> Option<&FormErrors> {
        match self {
            AppError::Invalid(errors) => Some(errors),
            _ => None,
        }
    }
}

impl From<FormErrors> for AppError {
    fn from(errors: FormErrors) -> Self {
        AppError::Invalid(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "store query failed");
        AppError::Internal
    }
}

/// An axum handler outside Leptos (calendar files, the live stream) answers an error with
/// its status alone: the detail was logged where it happened, none of it reaches the client.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        status.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::NL;

    #[test]
    fn logs_carry_a_bounded_escaped_form_of_visitor_text() {
        assert_eq!(for_log("de-kas"), "de-kas");
        assert_eq!(for_log("a\nforged line"), "a\\nforged line");
        let huge = "x".repeat(64 * 1024);
        let logged = for_log(&huge);
        assert!(logged.len() < 100, "{logged}");
        assert!(logged.ends_with("…(65536 bytes)"), "{logged}");

        let mut errors = FormErrors::new()
            .keep("username", &huge)
            .keep("email", "iemand@example.nl");
        errors.add("username", crate::model::form::Problem::TooLong { max: 32 });
        let shown = AppError::Invalid(errors).to_string();
        assert_eq!(shown, "invalid form: username: TooLong { max: 32 }");
    }

    #[test]
    fn statuses_and_messages() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::BadRequest.status(), 400);
        assert_eq!(AppError::Internal.status(), 500);
        assert_eq!(
            AppError::ServerFn(ServerFnErrorErr::Args("x".into())).status(),
            400
        );
        assert_eq!(AppError::NotFound.title(&NL), NL.not_found_title);
        assert_eq!(AppError::Internal.text(&NL), NL.error_text);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn axum_answers_carry_the_status_only() {
        use axum::response::IntoResponse;
        let response = AppError::Invalid(FormErrors::new().keep("name", "secret")).into_response();
        assert_eq!(response.status(), http::StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(AppError::NotFound.into_response().status(), 404);
        assert_eq!(AppError::Internal.into_response().status(), 500);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn database_errors_carry_no_detail() {
        let error: AppError = sqlx::Error::Protocol("SELECT secret FROM users".into()).into();
        assert_eq!(error, AppError::Internal);
        assert!(!format!("{error} {error:?}").contains("secret"));
    }
}
