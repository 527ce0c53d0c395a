//! A way back into an account without e-mail: reset codes that hosts, moderators and
//! administrators make and hand over in person, links by e-mail where the server sends mail,
//! and the new-password form both lead to.

use crate::{
    error::AppError,
    model::reset::{PeopleFound, ResetPage, ResetSlip},
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::model::{
        account::Viewer,
        permission::{authorize, Action, Target},
        reset::Availability,
    };
    use crate::store::resets::PersonRow;

    /// Where this session's newest code waits for its slip: never in an address.
    pub fn slip_key() -> Option<String> {
        crate::auth::session_token()
            .map(|session| format!("herstelcode:{}", crate::token::token_hash(&session)))
    }

    /// Answers with a code or a reset link are kept by no browser or proxy.
    pub fn no_store() {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(
                http::header::CACHE_CONTROL,
                http::HeaderValue::from_static("private, no-store"),
            );
        }
    }

    /// The account as the permission rules see it, and whether it hosts or edits.
    pub fn target_of(row: &PersonRow) -> (Target, bool) {
        (
            Target {
                id: row.id,
                moderator: row.is_moderator,
                admin: row.is_admin,
            },
            row.hosts || row.is_editor,
        )
    }

    /// Whether `viewer` can make a code for the account, as the page shows it.
    pub fn availability(viewer: &Viewer, row: &PersonRow) -> Availability {
        let (target, target_hosts_or_edits) = target_of(row);
        let action = Action::MakeResetCode {
            target,
            target_hosts_or_edits,
        };
        if authorize(Some(viewer), action).is_err() {
            Availability::NotAllowed
        } else if row.deleted {
            Availability::Deleted
        } else if row.suspended {
            Availability::Suspended
        } else {
            Availability::Ready
        }
    }

    /// Mail links go out only with a mail server and a configured public address: the
    /// address a request names could be anyone's, and a link to it would hand them the key.
    pub fn mail_enabled(state: &crate::state::AppState) -> bool {
        state.mailer.is_configured() && state.public_origin.is_some()
    }

    /// What a link's key looks like (see `token::new_token`); anything else is not looked up.
    pub fn plausible_key(key: &str) -> bool {
        (20..=64).contains(&key.len())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    /// The visitor's language, for a mail written during a form post.
    pub fn request_texts() -> &'static crate::i18n::Texts {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| crate::i18n::Locale::from_headers(&parts.headers))
            .unwrap_or_default()
            .texts()
    }
}

/// The accounts that what the maker typed (a username, part of a name) could be, each with
/// whether a code can be made for it.
#[server(endpoint = "resets/people")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn find_people(#[server(default)] wie: String) -> Result<PeopleFound, AppError> {
    use crate::model::reset::{person_query, Person, PEOPLE_SHOWN};
    let viewer = crate::auth::authorized(crate::model::permission::Action::ResetCodes).await?;
    let state = crate::state::app_state()?;
    server::no_store();
    let Some(typed) = person_query(&wie) else {
        return Ok(PeopleFound {
            typed: None,
            people: Vec::new(),
            more: false,
        });
    };
    let (rows, more) = crate::store::resets::find_people(&state.db, &typed, PEOPLE_SHOWN).await?;
    let people = rows
        .iter()
        .map(|row| Person {
            username: row.username.clone(),
            display_name: row.display_name.clone(),
            availability: server::availability(&viewer, row),
        })
        .collect();
    Ok(PeopleFound {
        typed: Some(typed),
        people,
        more,
    })
}

/// Makes a one-time reset code for the account with this username: valid 24 hours, it
/// replaces the account's previous code, and the moderation log records who made it for
/// whom. The code comes back once (with JavaScript as the answer, without it on the slip
/// page after the redirect); the database keeps only its hash.
#[server(endpoint = "resets/make")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn make_reset_code(username: String) -> Result<String, AppError> {
    use crate::model::{
        form::{FormErrors, Problem},
        invite::display_code,
        permission::{authorize, Action},
    };
    let viewer = crate::auth::authorized(Action::ResetCodes).await?;
    let state = crate::state::app_state()?;
    let mut errors = FormErrors::new().keep("username", &username);
    let username = username.trim();
    let row = if username.is_empty() || username.len() > 64 {
        None
    } else {
        crate::store::resets::person(&state.db, username).await?
    };
    let Some(row) = row else {
        errors.add(
            "username",
            if username.is_empty() {
                Problem::Required
            } else {
                Problem::UnknownUser
            },
        );
        return Err(AppError::Invalid(errors));
    };
    let (target, target_hosts_or_edits) = server::target_of(&row);
    authorize(
        Some(&viewer),
        Action::MakeResetCode {
            target,
            target_hosts_or_edits,
        },
    )?;
    if row.deleted {
        errors.add("username", Problem::AccountDeleted);
    } else if row.suspended {
        errors.add("username", Problem::AccountSuspended);
    }
    errors.into_result()?;
    state.rate_limit(
        &format!("reset-codes:{}", viewer.id),
        crate::auth::rate_limit::RESET_CODES_PER_ACCOUNT,
    )?;
    let code = crate::store::resets::make_code(&state.db, row.id, viewer.id, state.now()).await?;
    if let Some(key) = server::slip_key() {
        state
            .handover
            .put(&key, code.clone(), crate::state::AppState::elapsed_now());
    }
    tracing::info!(made_by = viewer.id, user_id = row.id, "reset code made");
    leptos_axum::redirect("/herstelcodes/bon");
    Ok(display_code(&code))
}

/// The code this session made last, ready to print, while it still works and for ten
/// minutes after it was made (`auth::handover`); `None` otherwise.
#[server(endpoint = "resets/slip")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_reset_slip() -> Result<Option<ResetSlip>, AppError> {
    use crate::model::{discussion::Moment, invite::display_code, permission::Action};
    let viewer = crate::auth::authorized(Action::ResetCodes).await?;
    let state = crate::state::app_state()?;
    server::no_store();
    let Some(code) = server::slip_key().and_then(|key| {
        state
            .handover
            .peek(&key, crate::state::AppState::elapsed_now())
    }) else {
        return Ok(None);
    };
    let Some((username, display_name, expires_at)) =
        crate::store::resets::slip(&state.db, &code, viewer.id, state.now()).await?
    else {
        return Ok(None);
    };
    let page_url = format!("{}/wachtwoord-herstellen", crate::auth::site_url());
    let code = display_code(&code);
    let url = format!("{page_url}?code={code}");
    Ok(Some(ResetSlip {
        qr_svg: crate::qr::svg(&url),
        code,
        username,
        display_name,
        url,
        page_url,
        valid_until: Moment::at(expires_at),
    }))
}

/// What the new-password page shows: the form for a code, or for a link from an e-mail
/// (`sleutel`) that still works; and whether links can be asked for by e-mail.
#[server(endpoint = "resets/page")]
pub async fn get_reset_page(#[server(default)] sleutel: String) -> Result<ResetPage, AppError> {
    use crate::model::reset::{CodeState, LinkState};
    let state = crate::state::app_state()?;
    server::no_store();
    let key = sleutel.trim();
    let link = if key.is_empty() {
        LinkState::NoLink
    } else if server::plausible_key(key)
        && matches!(
            crate::store::resets::state(&state.db, "mail", key, state.now()).await?,
            CodeState::Usable { .. }
        )
    {
        LinkState::Valid
    } else {
        LinkState::Invalid
    };
    Ok(ResetPage {
        link,
        mail: server::mail_enabled(&state),
    })
}

/// Sets a new password with a reset code (`reset_code`) or the key of a link from an
/// e-mail (`sleutel`). On success the code is used up, every session of the account ends,
/// and the resident is logged in here. Attempts are limited per address.
#[server(endpoint = "resets/use")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reset_password(
    #[server(default)] reset_code: String,
    #[server(default)] sleutel: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::auth::{password as pw, rate_limit, request_ip};
    use crate::model::{
        account,
        form::{FormErrors, Problem},
        reset,
    };

    let state = crate::state::app_state()?;
    state.rate_limit(
        &format!("reset:{}", request_ip()?),
        rate_limit::RESET_PER_IP,
    )?;
    let by_link = !sleutel.trim().is_empty();
    let (kind, field) = if by_link {
        ("mail", "sleutel")
    } else {
        ("code", "reset_code")
    };
    let mut errors = FormErrors::new().keep("reset_code", &reset_code);
    let secret = if by_link {
        let key = sleutel.trim();
        if server::plausible_key(key) {
            Some(key.to_string())
        } else {
            errors.add(field, Problem::ResetCodeUnknown);
            None
        }
    } else {
        errors.check(field, reset::reset_code(&reset_code))
    };
    let password = errors.check("password", account::new_password(&password));
    if password.is_some() && password_again != *password.as_deref().unwrap_or_default() {
        errors.add("password_again", Problem::Mismatch);
    }
    // Only a code of the right form is looked up; its state is told beside the field.
    if let Some(secret) = &secret {
        let found = crate::store::resets::state(&state.db, kind, secret, state.now()).await?;
        if let Some(problem) = found.problem() {
            errors.add(field, problem);
        }
    }
    errors.clone().into_result()?;
    let (Some(secret), Some(password)) = (secret, password) else {
        return Err(AppError::Invalid(errors));
    };
    let hash = pw::hash(password).await?;
    // Used in one step with the new password: of two tries at once, one wins.
    let Some(user_id) =
        crate::store::resets::redeem(&state.db, kind, &secret, &hash, state.now()).await?
    else {
        errors.add(field, Problem::ResetCodeUsed);
        return Err(AppError::Invalid(errors));
    };
    tracing::info!(user_id, by_link, "password reset");
    crate::api::accounts::server::begin_session(&state, user_id).await?;
    leptos_axum::redirect("/account?wachtwoord=hersteld");
    Ok(())
}

/// Sends a link to set a new password to the account with this username or e-mail
/// address, if there is one with an address. The answer is the same either way, so nobody
/// learns who has an account here; the mail goes out in the background.
#[server(endpoint = "resets/mail")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn request_reset_mail(wie: String) -> Result<(), AppError> {
    use crate::auth::{rate_limit, request_ip};
    use crate::model::{form::FormErrors, reset};

    let state = crate::state::app_state()?;
    let Some(origin) = state
        .public_origin
        .clone()
        .filter(|_| server::mail_enabled(&state))
    else {
        return Err(AppError::BadRequest);
    };
    state.rate_limit(
        &format!("reset-mail:{}", request_ip()?),
        rate_limit::RESET_MAIL_PER_IP,
    )?;
    let mut errors = FormErrors::new().keep("wie", &wie);
    let Some(who) = errors.check("wie", reset::username_or_email(&wie)) else {
        return Err(AppError::Invalid(errors));
    };
    if let Some((user_id, username, email)) =
        crate::store::resets::mail_account(&state.db, &who).await?
    {
        // Past the account's limit nothing more is sent, and the answer stays the same.
        let allowed = state
            .rate_limit(
                &format!("reset-mail-account:{user_id}"),
                rate_limit::RESET_MAIL_PER_ACCOUNT,
            )
            .is_ok();
        if allowed {
            // The link is made and sent after the answer: an address with an account takes
            // no longer to answer than one without (no write to wait for here).
            let t = server::request_texts();
            let state = state.clone();
            tokio::spawn(async move {
                let made =
                    crate::store::resets::make_mail_token(&state.db, user_id, state.now()).await;
                let key = match made {
                    Ok(key) => key,
                    Err(error) => {
                        tracing::error!(%error, user_id, "making a reset link failed");
                        return;
                    }
                };
                let url = format!("{}/wachtwoord-herstellen?sleutel={key}", origin.as_str());
                state.mailer.send_later(
                    crate::mail::Mail {
                        to: email,
                        subject: t.reset_mail_subject.to_string(),
                        body: reset::mail_body(t.reset_mail_body, &username, &url),
                    },
                    "password reset link",
                );
            });
        } else {
            tracing::info!(
                user_id,
                "reset link not sent: the account's limit is reached"
            );
        }
    }
    leptos_axum::redirect("/wachtwoord-herstellen?mail=verstuurd");
    Ok(())
}
