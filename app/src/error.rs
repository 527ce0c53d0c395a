//! The one error type of the application: safe to show, with the status it stands for.

use crate::i18n::Texts;
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
    #[error("server function call failed: {0}")]
    ServerFn(ServerFnErrorErr),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest => 400,
            AppError::Internal => 500,
            AppError::ServerFn(ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_)) => 400,
            AppError::ServerFn(_) => 500,
        }
    }

    pub fn title(&self, t: &Texts) -> &'static str {
        match self.status() {
            404 => t.not_found_title,
            400 => t.bad_request_title,
            _ => t.error_title,
        }
    }

    pub fn text(&self, t: &Texts) -> &'static str {
        match self.status() {
            404 => t.not_found_text,
            400 => t.bad_request_text,
            _ => t.error_text,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::NL;

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
    fn database_errors_carry_no_detail() {
        let error: AppError = sqlx::Error::Protocol("SELECT secret FROM users".into()).into();
        assert_eq!(error, AppError::Internal);
        assert!(!format!("{error} {error:?}").contains("secret"));
    }
}
