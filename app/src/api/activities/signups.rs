//! A resident joins and leaves occurrences, and sees what they joined (with their own
//! calendar address).

#[cfg(feature = "ssr")]
use super::MY_AGENDA_LIMIT;
use crate::{error::AppError, model::activity::OccurrenceView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Joins an occurrence (or its waiting list when it is full).
#[server(endpoint = "activities/join")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn join_activity(activity: i64, date: String) -> Result<(), AppError> {
    use crate::model::permission::Action;
    let viewer = crate::auth::authorized(Action::Join).await?;
    let state = crate::state::app_state()?;
    state.rate_limit(
        &format!("join:{}", viewer.id),
        crate::auth::rate_limit::JOIN_PER_ACCOUNT,
    )?;
    let (activity, occurrence) = super::occurrence(&state, activity, &date).await?;
    if !occurrence.open_for_joining(state.clock.now(), super::today(&state)) {
        return Err(AppError::JoinClosed);
    }
    crate::store::activities::join(
        &state.db,
        activity.id,
        occurrence.original,
        activity.capacity,
        viewer.id,
        state.now(),
    )
    .await?;
    Ok(())
}

#[server(endpoint = "activities/leave")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn leave_activity(activity: i64, date: String) -> Result<(), AppError> {
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    state.rate_limit(
        &format!("join:{}", viewer.id),
        crate::auth::rate_limit::JOIN_PER_ACCOUNT,
    )?;
    let (activity, occurrence) = super::occurrence(&state, activity, &date).await?;
    crate::store::activities::leave(
        &state.db,
        activity.id,
        occurrence.original,
        activity.capacity,
        viewer.id,
    )
    .await?;
    Ok(())
}

/// What a resident joined, and whether they have a calendar feed address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAgenda {
    pub occurrences: Vec<OccurrenceView>,
    pub has_calendar: bool,
    /// The address just made by this session, shown this once: only its hash is kept.
    pub new_calendar_url: Option<String>,
}

#[server(endpoint = "activities/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn my_activities() -> Result<MyAgenda, AppError> {
    use crate::store::activities;
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    let today = super::today(&state);
    let joined = activities::joined(
        &state.db,
        viewer.id,
        today,
        crate::model::activity::schedule::join_horizon(today),
        MY_AGENDA_LIMIT,
    )
    .await?;
    let occurrences = activities::occurrence_views(&state.db, joined, Some(viewer.id)).await?;
    let new_calendar_url = crate::auth::session_token().and_then(|session| {
        let key = crate::token::token_hash(&session);
        state
            .handover
            .take(&key, crate::state::AppState::elapsed_now())
    });
    Ok(MyAgenda {
        occurrences,
        has_calendar: crate::store::accounts::has_calendar_feed(&state.db, viewer.id).await?,
        new_calendar_url,
    })
}

/// A new address for the resident's calendar feed; an old one stops working. The address
/// comes back to be shown once; without JavaScript the account page shows it after the
/// redirect, from a short wait on the server tied to this session.
#[server(endpoint = "activities/renew-calendar")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn renew_calendar() -> Result<String, AppError> {
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    let token =
        crate::store::accounts::renew_calendar_token(&state.db, viewer.id, state.now()).await?;
    let url = format!("{}/mijn-agenda/{token}/agenda.ics", crate::auth::site_url());
    if let Some(session) = crate::auth::session_token() {
        let key = crate::token::token_hash(&session);
        state
            .handover
            .put(&key, url.clone(), crate::state::AppState::elapsed_now());
    }
    leptos_axum::redirect("/account#agenda");
    Ok(url)
}

/// The resident's unread notices: dates they joined that a host cancelled.
#[server(endpoint = "activities/notices")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn my_notices() -> Result<Vec<crate::model::activity::CancelNotice>, AppError> {
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    Ok(crate::store::activities::unread_notices(&state.db, viewer.id).await?)
}

/// Marks a notice read: one cancelled date (`date`), or, without a date, a whole cancelled
/// activity. It stays in the resident's calendar as cancelled.
#[server(endpoint = "activities/notice-read")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn read_notice(activity: i64, #[server(default)] date: String) -> Result<(), AppError> {
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    let original = match date.trim() {
        "" => None,
        text => Some(crate::model::activity::Day::parse_date(text).ok_or(AppError::BadRequest)?),
    };
    crate::store::activities::mark_read(&state.db, viewer.id, activity, original, state.now())
        .await?;
    leptos_axum::redirect("/account");
    Ok(())
}
