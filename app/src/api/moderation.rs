//! The moderators' queue and actions, the log admins read, and granting roles.

use crate::{
    error::AppError,
    model::discussion::{LogEntry, ModerationQueue},
};
use leptos::prelude::*;

#[server(endpoint = "moderation/queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn get_moderation_queue() -> Result<ModerationQueue, AppError> {
    use crate::model::permission::Action;
    let viewer = crate::auth::authorized(Action::Moderate).await?;
    let state = crate::state::app_state()?;
    let mut queue = crate::store::moderation::queue(&state.db, &viewer, state.now()).await?;
    queue.may_read_log =
        crate::model::permission::authorize(Some(&viewer), Action::ReadModerationLog).is_ok();
    queue.may_grant_roles =
        crate::model::permission::authorize(Some(&viewer), Action::GrantRole).is_ok();
    Ok(queue)
}

/// One moderator action on a post, a thread or an account. `reason` is required to hide a
/// post or suspend an account, so the author and other moderators can see why.
#[server(endpoint = "moderation/act")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(action, reason),
        fields(action = %crate::error::for_log(&action)),
        err(level = "info")
    )
)]
pub async fn moderate(
    action: String,
    #[server(default)] post: Option<i64>,
    #[server(default)] thread: Option<i64>,
    #[server(default)] user: Option<i64>,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::model::{
        discussion::{self, ModAction},
        form::FormErrors,
        permission::{authorize, Action},
    };
    use crate::store::moderation::{self as store, Outcome, Subject};

    let action = ModAction::parse(&action).ok_or(AppError::BadRequest)?;
    let viewer = crate::auth::viewer().await?;
    let state = crate::state::app_state()?;
    let mut subject = Subject::default();
    let needed = match action {
        ModAction::Approve
        | ModAction::Hide
        | ModAction::Restore
        | ModAction::Delete
        | ModAction::DismissReport => {
            let meta =
                crate::store::discussions::post_meta(&state.db, post.ok_or(AppError::BadRequest)?)
                    .await?
                    .ok_or(AppError::NotFound)?;
            subject.post_id = Some(meta.id);
            subject.thread_id = Some(meta.thread_id);
            Action::Moderate
        }
        ModAction::Lock | ModAction::Unlock => {
            let head = crate::store::discussions::thread_head(
                &state.db,
                thread.ok_or(AppError::BadRequest)?,
            )
            .await?
            .ok_or(AppError::NotFound)?;
            subject.thread_id = Some(head.id);
            Action::LockThread
        }
        ModAction::Suspend | ModAction::Unsuspend => {
            let target =
                crate::store::accounts::target(&state.db, user.ok_or(AppError::BadRequest)?)
                    .await?
                    .ok_or(AppError::NotFound)?;
            subject.user_id = Some(target.id);
            if action == ModAction::Suspend {
                Action::Suspend { target }
            } else {
                Action::LiftSuspension {
                    target,
                    by_admin: crate::store::accounts::suspended_by_admin(&state.db, target.id)
                        .await?,
                }
            }
        }
        ModAction::MakeModerator
        | ModAction::MakeHost
        | ModAction::MakeEditor
        | ModAction::RevokeEditor
        | ModAction::ResetCode => return Err(AppError::BadRequest),
    };
    authorize(viewer.as_ref(), needed)?;
    let Some(viewer) = viewer else {
        return Err(AppError::LoginRequired);
    };

    let mut errors = FormErrors::new().keep("reason", &reason);
    let reason = if matches!(action, ModAction::Hide | ModAction::Suspend) {
        errors
            .check("reason", discussion::reason(&reason))
            .unwrap_or_default()
    } else {
        discussion::reason(&reason).unwrap_or_default()
    };
    errors.into_result()?;
    match store::apply(&state.db, viewer.id, action, subject, &reason, state.now()).await? {
        Outcome::Shown { thread_id, post_id } => {
            state
                .live
                .publish(crate::live::PostEvent { thread_id, post_id });
        }
        Outcome::Done | Outcome::Unchanged => {}
    }
    Ok(())
}

#[server(endpoint = "moderation/log")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn moderation_log() -> Result<Vec<LogEntry>, AppError> {
    use crate::model::permission::Action;
    crate::auth::authorized(Action::ReadModerationLog).await?;
    let state = crate::state::app_state()?;
    Ok(crate::store::moderation::log(&state.db, 200).await?)
}

/// People and places matching what an administrator typed in the role form's searches.
#[server(endpoint = "moderation/role-choices", input = server_fn::codec::GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn role_choices(
    #[server(default)] persoon: String,
    #[server(default)] plek: String,
) -> Result<crate::model::account::RoleChoices, AppError> {
    use crate::model::account::{PlaceChoice, RoleChoices, ROLE_CHOICES};
    use crate::model::permission::Action;
    crate::auth::authorized(Action::GrantRole).await?;
    let state = crate::state::app_state()?;
    let person_text: String = persoon.trim().chars().take(100).collect();
    let place_text: String = plek.trim().chars().take(100).collect();
    let people =
        crate::store::accounts::find_people(&state.db, &person_text, ROLE_CHOICES as i64).await?;
    let mut found = Vec::new();
    if crate::model::place::is_valid_slug(&place_text) {
        found.extend(crate::store::places::place_by_slug(&state.db, &place_text).await?);
    }
    if !place_text.is_empty() {
        for place in
            crate::store::places::suggest_places(&state.db, &place_text, ROLE_CHOICES).await?
        {
            if !found.iter().any(|(slug, _, _)| *slug == place.0) {
                found.push(place);
            }
        }
    }
    let places = found
        .into_iter()
        .take(ROLE_CHOICES)
        .map(|(slug, name, neighbourhood)| PlaceChoice {
            slug,
            name,
            neighbourhood,
        })
        .collect();
    Ok(RoleChoices {
        person_text,
        place_text,
        people,
        places,
    })
}

/// Makes an account a moderator (`role` = "moderator"), host of a place (`role` = "host",
/// `place` its slug) or editor (`role` = "editor"), or takes the editor role back
/// (`role` = "no_editor").
#[server(endpoint = "moderation/grant")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip_all, fields(role = %crate::error::for_log(&role)), err(level = "info"))
)]
pub async fn grant_role(
    username: String,
    role: String,
    #[server(default)] place: String,
) -> Result<(), AppError> {
    use crate::model::{
        discussion::ModAction,
        form::{FormErrors, Problem},
        permission::Action,
    };
    use crate::store::moderation::{apply, Subject};

    let viewer = crate::auth::authorized(Action::GrantRole).await?;
    let state = crate::state::app_state()?;
    let mut errors = FormErrors::new()
        .keep("username", &username)
        .keep("place", &place);
    let target = crate::store::accounts::find_by_username(&state.db, username.trim()).await?;
    if target.is_none() {
        errors.add(
            "username",
            if username.trim().is_empty() {
                Problem::Required
            } else {
                Problem::UnknownUser
            },
        );
    }
    let action = match role.as_str() {
        "moderator" => ModAction::MakeModerator,
        "host" => ModAction::MakeHost,
        "editor" => ModAction::MakeEditor,
        "no_editor" => ModAction::RevokeEditor,
        _ => return Err(AppError::BadRequest),
    };
    let place_id = if action == ModAction::MakeHost {
        let found = if crate::model::place::is_valid_slug(&place) {
            crate::store::discussions::place_ids(&state.db, &place).await?
        } else {
            None
        };
        if found.is_none() {
            errors.add("place", Problem::Required);
        }
        found.map(|(id, _)| id)
    } else {
        None
    };
    errors.clone().into_result()?;
    let Some(target) = target else {
        return Err(AppError::Invalid(errors));
    };
    let subject = Subject {
        user_id: Some(target.id),
        place_id,
        ..Default::default()
    };
    apply(&state.db, viewer.id, action, subject, "", state.now()).await?;
    // The page says so after the redirect, read from the address.
    leptos_axum::redirect("/moderatie?rol=gegeven");
    Ok(())
}
