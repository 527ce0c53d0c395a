//! "Samen de eerste keer": a newcomer asks for company on one date, someone who came before
//! offers to go along, the host pairs them and checks them in together. Every server
//! function parses, authorizes (`Action::AskBuddy`, `OfferBuddy`, `PairBuddy`, `RunPlace`)
//! and calls the store; the other one of a pair is only ever sent as a first name.

use crate::error::AppError;
use crate::model::buddy::{BuddyMeeting, BuddyStanding, HostBuddies, OpenDate};
#[cfg(feature = "ssr")]
use crate::{
    model::activity::{schedule::Occurrence, series::Series},
    state::AppState,
};
use leptos::prelude::*;

/// The occurrence, and whether the viewer was ever checked in at its place.
#[cfg(feature = "ssr")]
async fn occurrence_for(
    state: &AppState,
    viewer: i64,
    activity: i64,
    date: &str,
) -> Result<(Series, Occurrence, bool), AppError> {
    let (series, occurrence) = crate::api::activities::occurrence(state, activity, date).await?;
    let visited = crate::store::buddies::visited_before(&state.db, viewer, series.place_id).await?;
    Ok((series, occurrence, visited))
}

/// Where the signed-in viewer stands with one occurrence; `None` for a visitor who is not
/// signed in.
#[server(endpoint = "buddies/standing")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn get_buddy_standing(
    activity: i64,
    date: String,
) -> Result<Option<BuddyStanding>, AppError> {
    use crate::model::buddy::{first_name, OwnRequest};
    use crate::model::permission::{authorize, Action};
    let Some(viewer) = crate::auth::viewer().await? else {
        return Ok(None);
    };
    let state = crate::state::app_state()?;
    let (series, occurrence, visited_before) =
        occurrence_for(&state, viewer.id, activity, &date).await?;
    let place_id = series.place_id;
    let own =
        crate::store::buddies::own(&state.db, series.id, occurrence.original, viewer.id).await?;
    Ok(Some(BuddyStanding {
        may_ask: authorize(
            Some(&viewer),
            Action::AskBuddy {
                place_id,
                visited_before,
            },
        )
        .is_ok(),
        may_offer: authorize(
            Some(&viewer),
            Action::OfferBuddy {
                place_id,
                visited_before,
            },
        )
        .is_ok(),
        open: occurrence.open_for_joining(state.clock.now(), crate::api::activities::today(&state)),
        request: own.request.map(|(note, buddy)| OwnRequest {
            note,
            buddy: buddy.as_deref().map(first_name),
        }),
        offered: own.offered,
        going_with: own.going_with.iter().map(|name| first_name(name)).collect(),
    }))
}

/// Asks for company the first time: joins the occurrence (or its waiting list) as well.
#[server(endpoint = "buddies/ask")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date, note),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn ask_buddy(
    activity: i64,
    date: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::model::form::FormErrors;
    use crate::model::permission::{authorize, Action};
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    state.rate_limit(
        &format!("join:{}", viewer.id),
        crate::auth::rate_limit::JOIN_PER_ACCOUNT,
    )?;
    let (series, occurrence, visited_before) =
        occurrence_for(&state, viewer.id, activity, &date).await?;
    authorize(
        Some(&viewer),
        Action::AskBuddy {
            place_id: series.place_id,
            visited_before,
        },
    )?;
    if !occurrence.open_for_joining(state.clock.now(), crate::api::activities::today(&state)) {
        return Err(AppError::JoinClosed);
    }
    let mut errors = FormErrors::new().keep("note", &note);
    let checked = errors.check("note", crate::model::buddy::note(&note));
    let Some(note) = checked else {
        return Err(AppError::Invalid(errors));
    };
    crate::store::buddies::ask(
        &state.db,
        series.id,
        occurrence.original,
        series.capacity,
        viewer.id,
        &note,
        state.now(),
    )
    .await?;
    Ok(())
}

/// Withdraws one's own request; the signup stays, the buddy is free again.
#[server(endpoint = "buddies/withdraw")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn withdraw_buddy(activity: i64, date: String) -> Result<(), AppError> {
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    let (series, occurrence) = crate::api::activities::occurrence(&state, activity, &date).await?;
    crate::store::buddies::withdraw(&state.db, series.id, occurrence.original, viewer.id).await?;
    Ok(())
}

/// Offers to go along with a newcomer on this date: joins it as well.
#[server(endpoint = "buddies/offer")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn offer_buddy(activity: i64, date: String) -> Result<(), AppError> {
    use crate::model::permission::{authorize, Action};
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    state.rate_limit(
        &format!("join:{}", viewer.id),
        crate::auth::rate_limit::JOIN_PER_ACCOUNT,
    )?;
    let (series, occurrence, visited_before) =
        occurrence_for(&state, viewer.id, activity, &date).await?;
    authorize(
        Some(&viewer),
        Action::OfferBuddy {
            place_id: series.place_id,
            visited_before,
        },
    )?;
    if !occurrence.open_for_joining(state.clock.now(), crate::api::activities::today(&state)) {
        return Err(AppError::JoinClosed);
    }
    crate::store::buddies::offer(
        &state.db,
        series.id,
        occurrence.original,
        series.capacity,
        viewer.id,
        state.now(),
    )
    .await?;
    Ok(())
}

/// Takes one's offer back; a newcomer paired with one waits for another buddy.
#[server(endpoint = "buddies/withdraw-offer")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn withdraw_offer(activity: i64, date: String) -> Result<(), AppError> {
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    let (series, occurrence) = crate::api::activities::occurrence(&state, activity, &date).await?;
    crate::store::buddies::withdraw_offer(&state.db, series.id, occurrence.original, viewer.id)
        .await?;
    Ok(())
}

/// The requests of an occurrence and the free offers, for whoever may pair them (its
/// hosts, moderators and administrators); `None` for everyone else.
#[server(endpoint = "buddies/requests")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn buddy_requests(activity: i64, date: String) -> Result<Option<HostBuddies>, AppError> {
    use crate::model::permission::{authorize, Action};
    // A visitor who is not signed in costs no read.
    let Some(viewer) = crate::auth::viewer().await? else {
        return Ok(None);
    };
    let state = crate::state::app_state()?;
    let (series, occurrence) = crate::api::activities::occurrence(&state, activity, &date).await?;
    let place_id = series.place_id;
    if authorize(Some(&viewer), Action::PairBuddy { place_id }).is_err() {
        return Ok(None);
    }
    let requests =
        crate::store::buddies::requests(&state.db, series.id, occurrence.original).await?;
    let free_offers =
        crate::store::buddies::free_offers(&state.db, series.id, occurrence.original).await?;
    Ok(Some(HostBuddies {
        requests,
        free_offers,
        me: viewer.id,
    }))
}

/// Pairs a request with someone who offered to go along, or with the host themselves.
#[server(endpoint = "buddies/pair")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn pair_buddy(
    activity: i64,
    date: String,
    request: i64,
    buddy: i64,
) -> Result<(), AppError> {
    use crate::model::permission::Action;
    let state = crate::state::app_state()?;
    let (series, occurrence) = crate::api::activities::occurrence(&state, activity, &date).await?;
    let viewer = crate::auth::authorized(Action::PairBuddy {
        place_id: series.place_id,
    })
    .await?;
    let requester =
        crate::store::buddies::requester(&state.db, series.id, occurrence.original, request)
            .await?
            .ok_or(AppError::NotFound)?;
    let free: Vec<i64> =
        crate::store::buddies::free_offers(&state.db, series.id, occurrence.original)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
    if !crate::model::buddy::may_pair(requester, buddy, viewer.id, &free) {
        return Err(AppError::BadRequest);
    }
    if !crate::store::buddies::pair(&state.db, series.id, request, buddy, viewer.id, state.now())
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Undoes a pairing: the newcomer waits for a buddy again.
#[server(endpoint = "buddies/unpair")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn unpair_buddy(activity: i64, request: i64) -> Result<(), AppError> {
    use crate::model::permission::Action;
    let state = crate::state::app_state()?;
    let found = crate::store::activities::activity(&state.db, activity)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::auth::authorized(Action::PairBuddy {
        place_id: found.place_id,
    })
    .await?;
    if !crate::store::buddies::unpair(&state.db, found.id, request).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// At the door: the newcomer and their buddy came in together. The newcomer's check-in is
/// their first visit, marked as one with a buddy.
#[server(endpoint = "buddies/check-in")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn check_in_pair(activity: i64, request: i64) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (found, _) = crate::api::activities::hosting::running(&state, activity).await?;
    if !crate::store::buddies::check_in_pair(&state.db, found.id, request, state.now()).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The most dates with open requests the host's dashboard lists.
#[cfg(feature = "ssr")]
const OPEN_DATES_LIMIT: usize = 20;

/// The coming dates at the viewer's places whose newcomers still wait for a buddy.
#[server(endpoint = "buddies/open")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn open_requests() -> Result<Vec<OpenDate>, AppError> {
    use crate::model::permission::Action;
    let viewer = crate::auth::authorized(Action::HostDashboard).await?;
    let state = crate::state::app_state()?;
    let today = crate::api::activities::today(&state);
    let places: Vec<i64> = crate::store::accounts::hosted_places(&state.db, viewer.id)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    Ok(crate::store::buddies::open_dates(
        &state.db,
        &places,
        today,
        crate::model::activity::schedule::join_horizon(today),
        OPEN_DATES_LIMIT,
    )
    .await?)
}

/// The most first times together the account page shows.
#[cfg(feature = "ssr")]
const MY_MEETINGS_LIMIT: usize = 50;

/// The viewer's coming first times together: the ones they asked for and the ones they go
/// along on, with the other one's first name once paired.
#[server(endpoint = "buddies/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn my_buddies() -> Result<Vec<BuddyMeeting>, AppError> {
    use crate::model::buddy::first_name;
    let viewer = crate::auth::require_viewer().await?;
    let state = crate::state::app_state()?;
    let today = crate::api::activities::today(&state);
    let meetings = crate::store::buddies::meetings(
        &state.db,
        viewer.id,
        today,
        crate::model::activity::schedule::join_horizon(today),
        MY_MEETINGS_LIMIT,
    )
    .await?;
    let mut ids: Vec<i64> = meetings.iter().map(|m| m.activity_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let list = crate::store::activities::by_ids(&state.db, &ids).await?;
    let mut kept = Vec::new();
    let mut found = Vec::new();
    for meeting in meetings {
        let date = crate::model::activity::Day::parse_date(&meeting.occurrence_date);
        let series = list.iter().find(|a| a.id == meeting.activity_id);
        if let Some((series, occurrence)) = series
            .zip(date)
            .and_then(|(s, d)| Some((s.clone(), s.occurrence(d)?)))
        {
            found.push((series, occurrence));
            kept.push(meeting);
        }
    }
    let views =
        crate::store::activities::occurrence_views(&state.db, found, Some(viewer.id)).await?;
    Ok(kept
        .into_iter()
        .zip(views)
        .map(|(meeting, occurrence)| BuddyMeeting {
            occurrence,
            asked: meeting.asked,
            partner: meeting.partner.as_deref().map(first_name),
        })
        .collect())
}
