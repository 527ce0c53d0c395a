//! One post: its author edits or deletes it, anyone reports it; and reactions written
//! without an account.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "posts/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(body), err(level = "info")))]
pub async fn edit_post(post: i64, body: String) -> Result<(), AppError> {
    use crate::model::permission::{authorize, Action};
    let viewer = crate::auth::viewer().await?;
    let state = crate::state::app_state()?;
    let meta = super::server::post_meta(&state, post, viewer.as_ref()).await?;
    authorize(
        viewer.as_ref(),
        Action::EditPost {
            author_id: meta.author_id,
            created_at: meta.created_at,
            now: state.now(),
        },
    )?;
    let Some(viewer) = viewer else {
        return Err(AppError::LoginRequired);
    };
    let body = super::server::valid_body(&body)?;
    let html = crate::markdown::render(&body);
    let back_to_queue = meta.status == crate::model::discussion::PostStatus::Visible
        && super::server::status_for(&state, &viewer).await?
            == crate::model::discussion::PostStatus::Pending;
    crate::store::discussions::edit_post(&state.db, post, &body, &html, back_to_queue, state.now())
        .await?;
    Ok(())
}

#[server(endpoint = "posts/delete")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn delete_post(post: i64) -> Result<(), AppError> {
    use crate::model::{
        discussion::ModAction,
        permission::{authorize, Action},
    };
    let viewer = crate::auth::viewer().await?;
    let state = crate::state::app_state()?;
    let meta = super::server::post_meta(&state, post, viewer.as_ref()).await?;
    authorize(
        viewer.as_ref(),
        Action::DeletePost {
            author_id: meta.author_id,
            status: meta.status,
        },
    )?;
    let Some(viewer) = viewer else {
        return Err(AppError::LoginRequired);
    };
    if meta.author_id == Some(viewer.id) {
        crate::store::discussions::delete_post(&state.db, post).await?;
    } else {
        let subject = crate::store::moderation::Subject {
            post_id: Some(post),
            thread_id: Some(meta.thread_id),
            ..Default::default()
        };
        crate::store::moderation::apply(
            &state.db,
            viewer.id,
            ModAction::Delete,
            subject,
            "",
            state.now(),
        )
        .await?;
    }
    Ok(())
}

#[server(endpoint = "posts/report")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(reason), err(level = "info"))
)]
/// Returns the reported post's id, so the page thanks the right post.
pub async fn report_post(post: i64, reason: String) -> Result<i64, AppError> {
    use crate::auth::rate_limit;
    use crate::model::permission::Action;
    use crate::model::{discussion, form::FormErrors};
    let viewer = crate::auth::authorized(Action::Report).await?;
    let state = crate::state::app_state()?;
    state.rate_limit(&format!("post:{}", viewer.id), rate_limit::POST_PER_ACCOUNT)?;
    let meta = super::server::post_meta(&state, post, Some(&viewer)).await?;
    let mut errors = FormErrors::new().keep("reason", &reason);
    let reason = errors.check("reason", discussion::reason(&reason));
    errors.clone().into_result()?;
    let Some(reason) = reason else {
        return Err(AppError::Invalid(errors));
    };
    crate::store::discussions::report(&state.db, meta.id, viewer.id, &reason, state.now()).await?;
    // The post says thank you after the redirect, read from the address.
    leptos_axum::redirect(&format!(
        "/gesprekken/{}?gemeld={}#bericht-{}",
        meta.thread_id, meta.id, meta.id
    ));
    Ok(meta.id)
}

/// A reaction on a place's page from someone without an account, behind the anti-spam
/// checks; it waits for a moderator unless the policy says otherwise.
#[server(endpoint = "places/react")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_reaction(
    place: String,
    name: String,
    body: String,
    token: String,
    #[server(default)] website: String,
    #[server(default)] answer: String,
    #[server(default)] proof: String,
) -> Result<(), AppError> {
    use crate::auth::{antispam, rate_limit, request_ip};
    use crate::model::{
        discussion::{self, PostStatus},
        form::FormErrors,
    };
    use crate::store::discussions::{self as store, Author, NewPost};

    if !crate::model::place::is_valid_slug(&place) {
        return Err(AppError::BadRequest);
    }
    let state = crate::state::app_state()?;
    state.rate_limit(
        &format!("reaction:{}", request_ip()?),
        rate_limit::REACTION_PER_IP,
    )?;
    let (place_id, _) = store::place_ids(&state.db, &place)
        .await?
        .ok_or(AppError::NotFound)?;

    let mut errors = FormErrors::new().keep("name", &name).keep("body", &body);
    let name = errors.check("name", discussion::guest_name(&name));
    let body = errors.check("body", discussion::body(&body));
    let submission = antispam::Submission {
        token: &token,
        honeypot: &website,
        answer: &answer,
        proof: &proof,
        from_script: !crate::auth::request_accepts_html(),
    };
    let elapsed_now = crate::state::AppState::elapsed_now();
    let token = match antispam::check(
        &submission,
        &state.secret[..],
        place_id,
        crate::state::AppState::elapsed_now_ms(),
    ) {
        Ok(token) => Some(token),
        Err((field, problem)) => {
            errors.add(field, problem);
            None
        }
    };
    errors.clone().into_result()?;
    let (Some(name), Some(body), Some(token)) = (name, body, token) else {
        return Err(AppError::Invalid(errors));
    };
    let html = crate::markdown::render(&body);
    let status = if state.policy.hold_guest_reactions {
        PostStatus::Pending
    } else {
        PostStatus::Visible
    };
    let post = NewPost {
        author: Author::Guest(&name),
        source: &body,
        html: &html,
        status,
    };
    let title = crate::i18n::Locale::Nl.texts().reactions_thread_title;
    let added = store::add_reaction(
        &state.db,
        place_id,
        title,
        &post,
        &token.id(),
        elapsed_now - antispam::MAX_SECONDS,
        elapsed_now,
    )
    .await?;
    if let Err(refused) = added {
        return Err(reaction_refused(refused, errors));
    }
    leptos_axum::redirect(&format!(
        "/plekken/{place}?reactie={}#reacties",
        reaction_outcome(status)
    ));
    Ok(())
}

/// Why a reaction was not added, as the visitor hears it: a form used before is expired.
#[cfg(feature = "ssr")]
pub(crate) fn reaction_refused(
    refused: crate::store::discussions::ReactionRefused,
    mut errors: crate::model::form::FormErrors,
) -> AppError {
    use crate::store::discussions::ReactionRefused;
    match refused {
        ReactionRefused::NoSuchPlace | ReactionRefused::NoSuchArticle => AppError::NotFound,
        ReactionRefused::TokenUsed => {
            errors.add("answer", crate::model::form::Problem::Expired);
            AppError::Invalid(errors)
        }
    }
}

/// What the page says after a reaction (`?reactie=`): shown, or waiting for a moderator.
#[cfg(feature = "ssr")]
pub(crate) fn reaction_outcome(status: crate::model::discussion::PostStatus) -> &'static str {
    if status == crate::model::discussion::PostStatus::Pending {
        "wacht"
    } else {
        "geplaatst"
    }
}
