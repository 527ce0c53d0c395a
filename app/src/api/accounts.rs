//! Signing up, logging in and out, and the account page.

use crate::{
    error::AppError,
    model::account::{AccountOverview, Viewer},
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::{auth::session, error::AppError};

    pub fn set_cookie(value: String) -> Result<(), AppError> {
        let response = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
            .ok_or(AppError::Internal)?;
        let value = http::HeaderValue::from_str(&value).map_err(|_| AppError::Internal)?;
        response.append_header(http::header::SET_COOKIE, value);
        Ok(())
    }

    /// The signed-in person, for a change that needs their password again (limited per
    /// account), and whether `current` is that password: a wrong one is a problem beside
    /// the `current` field.
    pub async fn confirm_password(
        current: String,
        errors: &mut crate::model::form::FormErrors,
    ) -> Result<(crate::model::account::Viewer, crate::state::AppState), AppError> {
        let viewer = crate::auth::require_viewer().await?;
        let state = crate::state::app_state()?;
        state.rate_limit(
            &format!("password:{}", viewer.id),
            crate::auth::rate_limit::PASSWORD_CHANGE_PER_ACCOUNT,
        )?;
        let stored = crate::store::accounts::password_hash(&state.db, viewer.id).await?;
        if !crate::auth::password::verify(current, stored).await? {
            errors.add("current", crate::model::form::Problem::WrongPassword);
        }
        Ok((viewer, state))
    }

    pub fn current_token() -> Option<String> {
        crate::auth::session_token()
    }

    /// Starts a session for the account (ending the one the browser had) and hands the
    /// browser its cookie.
    pub async fn begin_session(
        state: &crate::state::AppState,
        user_id: i64,
    ) -> Result<(), AppError> {
        let token = crate::store::accounts::start_session(
            &state.db,
            user_id,
            current_token().as_deref(),
            state.now(),
        )
        .await?;
        set_cookie(session::cookie(&token, crate::auth::request_is_https()))
    }
}

/// The signed-in person, if any, for the header and pages that change with it.
#[server(endpoint = "account/viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    crate::auth::viewer().await
}

#[server(endpoint = "account/overview")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn get_account() -> Result<AccountOverview, AppError> {
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    crate::store::accounts::overview(&state.db, viewer.id)
        .await?
        .ok_or(AppError::LoginRequired)
}

/// The place an invite code belongs to, to greet people who scanned it.
#[server(endpoint = "account/invite-place")]
pub async fn invite_place(code: String) -> Result<Option<String>, AppError> {
    use crate::auth::{rate_limit, request_ip};
    let Ok(Some(code)) = crate::model::account::invite_code(&code) else {
        return Ok(None);
    };
    let state = crate::state::app_state()?;
    state.rate_limit(
        &format!("invite:{}", request_ip()?),
        rate_limit::INVITE_CHECK_PER_IP,
    )?;
    Ok(crate::store::invites::place_of(&state.db, &code, state.now()).await?)
}

#[server(endpoint = "account/sign-up")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sign_up(
    username: String,
    display_name: String,
    password: String,
    password_again: String,
    #[server(default)] email: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    use crate::auth::{password as pw, rate_limit, request_ip};
    use crate::model::{
        account,
        form::{FormErrors, Problem},
    };
    use crate::store::accounts::{self as store, NewUser, SignupRefused};

    let state = crate::state::app_state()?;
    let ip = request_ip()?;
    if !code.trim().is_empty() {
        state.rate_limit(&format!("invite:{ip}"), rate_limit::INVITE_CHECK_PER_IP)?;
    }
    // A host's valid invite code vouches for the sign-up: it counts against the code, not
    // the address many neighbours may share.
    let vouched_by = match account::invite_code(&code) {
        Ok(Some(code)) => crate::store::invites::place_of(&state.db, &code, state.now())
            .await?
            .map(|_| code),
        _ => None,
    };
    match vouched_by {
        Some(code) => state.rate_limit(
            &format!("signup-code:{code}"),
            rate_limit::SIGNUP_PER_INVITE,
        )?,
        None => state.rate_limit(&format!("signup:{ip}"), rate_limit::SIGNUP_PER_IP)?,
    }

    let mut errors = FormErrors::new()
        .keep("username", &username)
        .keep("display_name", &display_name)
        .keep("email", &email)
        .keep("code", &code);
    let username = errors.check("username", account::username(&username));
    let display_name = errors.check("display_name", account::display_name(&display_name));
    let email = errors.check("email", account::email(&email));
    let code = errors.check("code", account::invite_code(&code));
    let password = errors.check("password", account::new_password(&password));
    if password.is_some() && password_again != *password.as_deref().unwrap_or_default() {
        errors.add("password_again", Problem::Mismatch);
    }
    errors.clone().into_result()?;
    let (Some(username), Some(display_name), Some(email), Some(code), Some(password)) =
        (username, display_name, email, code, password)
    else {
        return Err(AppError::Invalid(errors));
    };

    let hash = pw::hash(password).await?;
    let created = store::create_user(
        &state.db,
        &NewUser {
            username: &username,
            display_name: &display_name,
            email: email.as_deref(),
            password_hash: &hash,
            invite_code: code.as_deref(),
        },
        state.now(),
    )
    .await?;
    let user_id = match created {
        Ok(id) => id,
        Err(SignupRefused::UsernameTaken) => {
            errors.add("username", Problem::Taken);
            return Err(AppError::Invalid(errors));
        }
        Err(SignupRefused::UnknownInvite) => {
            errors.add("code", Problem::UnknownCode);
            return Err(AppError::Invalid(errors));
        }
        Err(SignupRefused::InviteUsedUp) => {
            errors.add("code", Problem::InviteUsedUp);
            return Err(AppError::Invalid(errors));
        }
        Err(SignupRefused::InviteExpired) => {
            errors.add("code", Problem::InviteExpired);
            return Err(AppError::Invalid(errors));
        }
    };
    server::begin_session(&state, user_id).await?;
    tracing::info!(user_id, "account created");
    leptos_axum::redirect("/account");
    Ok(())
}

#[server(endpoint = "account/log-in")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn log_in(
    username: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use crate::auth::{password as pw, rate_limit, request_ip};
    use crate::model::form::{FormErrors, Problem};
    use crate::store::accounts as store;

    let state = crate::state::app_state()?;
    let ip = request_ip()?;
    state.rate_limit(&format!("login:{ip}"), rate_limit::LOGIN_PER_IP)?;

    let mut errors = FormErrors::new()
        .keep("username", &username)
        .keep("next", &next);
    if username.trim().is_empty() {
        errors.add("username", Problem::Required);
    }
    if password.is_empty() {
        errors.add("password", Problem::Required);
    }
    errors.clone().into_result()?;

    // Every attempt counts as a failure before the slow password check, in one locked step,
    // so parallel guesses are all counted; a success takes its count back.
    let account = username.trim().to_lowercase();
    let pair_key = format!("login-pair:{ip}:{account}");
    let account_key = format!("login-account:{account}");
    let now = crate::state::AppState::elapsed_now();
    let refused = |rate_limit::RetryAfter(minutes)| AppError::RateLimited { minutes };
    let attempt = state
        .limits
        .count(
            &pair_key,
            rate_limit::LOGIN_FAILURES_PER_PAIR.scaled(state.limit_factor),
            now,
        )
        .map_err(refused)?;
    let per_account = rate_limit::LOGIN_FAILURES_PER_ACCOUNT.scaled(state.limit_factor);
    let crowded = state.limits.hit(&account_key, per_account, now).err();
    if let Some(retry) = crowded {
        // Guesses from many addresses: an address that already failed here waits out the
        // window; one that has not (the owner, most likely) may try after a pause.
        if attempt > 1 {
            return Err(refused(retry));
        }
        tokio::time::sleep(std::time::Duration::from_millis(
            rate_limit::LOGIN_CROWDED_DELAY_MS,
        ))
        .await;
    }

    let found = store::credentials(&state.db, username.trim()).await?;
    let (user_id, stored) = match found {
        Some((id, hash)) => (Some(id), Some(hash)),
        None => (None, None),
    };
    let verified = pw::verify(password, stored).await?;
    let Some(user_id) = user_id.filter(|_| verified) else {
        errors.add("password", Problem::WrongPassword);
        return Err(AppError::Invalid(errors));
    };
    state.limits.reset(&pair_key);
    if crowded.is_none() {
        state.limits.forgive(&account_key);
    }
    server::begin_session(&state, user_id).await?;
    // A path on this site to go on to; anything else means the account page.
    leptos_axum::redirect(crate::model::path::local_path(&next, "/account"));
    Ok(())
}

#[server(endpoint = "account/log-out")]
pub async fn log_out() -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    if let Some(token) = server::current_token() {
        crate::store::accounts::end_session(&state.db, &token).await?;
    }
    server::set_cookie(crate::auth::session::clear_cookie(
        crate::auth::request_is_https(),
    ))?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "account/password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_password(
    current: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::auth::password as pw;
    use crate::model::{
        account,
        form::{FormErrors, Problem},
    };

    let mut errors = FormErrors::new();
    let (viewer, state) = server::confirm_password(current, &mut errors).await?;
    let password = errors.check("password", account::new_password(&password));
    if password.is_some() && password_again != *password.as_deref().unwrap_or_default() {
        errors.add("password_again", Problem::Mismatch);
    }
    errors.clone().into_result()?;
    let Some(password) = password else {
        return Err(AppError::Invalid(errors));
    };
    let hash = pw::hash(password).await?;
    crate::store::accounts::set_password(
        &state.db,
        viewer.id,
        &hash,
        server::current_token().as_deref(),
    )
    .await?;
    leptos_axum::redirect("/account?wachtwoord=gewijzigd");
    Ok(())
}

/// Deletes the signed-in account after its password is given again. Posts stay signed
/// "former member", with their text kept or removed as chosen.
#[server(endpoint = "account/delete")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn delete_account(
    current: String,
    #[server(default)] posts: String,
) -> Result<(), AppError> {
    use crate::model::{
        account::KeepPosts,
        form::{FormErrors, Problem},
    };

    let mut errors = FormErrors::new();
    let (viewer, state) = server::confirm_password(current, &mut errors).await?;
    let keep = KeepPosts::from_form(&posts);
    if keep.is_none() {
        errors.add("posts", Problem::Required);
    }
    errors.clone().into_result()?;
    let Some(keep) = keep else {
        return Err(AppError::Invalid(errors));
    };
    let today = crate::api::activities::today(&state).to_string();
    crate::store::accounts::delete_account(&state.db, viewer.id, keep, &today, state.now()).await?;
    tracing::info!(user_id = viewer.id, "account deleted by its owner");
    server::set_cookie(crate::auth::session::clear_cookie(
        crate::auth::request_is_https(),
    ))?;
    leptos_axum::redirect("/?account=verwijderd");
    Ok(())
}
