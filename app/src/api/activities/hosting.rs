//! Hosts run their activities: create, change, copy, cancel, move and restore, always
//! for a place they run (checked through `authorize`).

use crate::{error::AppError, model::activity::ActivityForm};
#[cfg(feature = "ssr")]
use crate::{model::activity::series::Series, state::AppState, store::activities};
#[cfg(feature = "ssr")]
use jiff::civil::Date;
use leptos::prelude::*;

/// The activity in person an online one leads to must exist, be on, be another one, and
/// be at a place the viewer runs too: a host cannot hang their activity onto another
/// place's programme.
#[cfg(feature = "ssr")]
pub(crate) async fn check_leads_to(
    state: &AppState,
    viewer: &crate::model::account::Viewer,
    form: &crate::model::activity::ActivityForm,
    input: &crate::model::activity::ActivityInput,
    this: Option<i64>,
) -> Result<(), AppError> {
    use crate::model::permission::{authorize, Action};
    let Some(target) = input.leads_to else {
        return Ok(());
    };
    let found = activities::activity(&state.db, target).await?;
    let allowed = found.is_some_and(|a| {
        !a.cancelled
            && authorize(
                Some(viewer),
                Action::RunPlace {
                    place_id: a.place_id,
                },
            )
            .is_ok()
    });
    if !allowed || this == Some(target) {
        let mut errors = form.keep_all();
        errors.add("leads_to", crate::model::form::Problem::UnknownActivity);
        return Err(AppError::Invalid(errors));
    }
    Ok(())
}

/// The other activities at the viewer's places, which one may lead to.
#[cfg(feature = "ssr")]
pub(crate) async fn choices(
    state: &AppState,
    viewer: i64,
    also_place: Option<i64>,
    this: Option<i64>,
) -> Result<Vec<(i64, String)>, AppError> {
    let mut places: Vec<i64> = crate::store::accounts::hosted_places(&state.db, viewer)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    places.extend(also_place);
    let filter = activities::ActivityFilter {
        place_ids: Some(places),
        ..Default::default()
    };
    Ok(activities::activities(&state.db, &filter, false)
        .await?
        .into_iter()
        .filter(|a| Some(a.id) != this)
        .map(|a| (a.id, format!("{} ({})", a.title, a.place_name)))
        .collect())
}

/// The activity, if the viewer runs its place; otherwise why not.
#[cfg(feature = "ssr")]
pub(crate) async fn running(
    state: &AppState,
    activity: i64,
) -> Result<(Series, crate::model::account::Viewer), AppError> {
    let found = activities::activity(&state.db, activity)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = crate::auth::authorized(crate::model::permission::Action::RunPlace {
        place_id: found.place_id,
    })
    .await?;
    Ok((found, viewer))
}

/// A date the series' rule gives (cancelled or moved or not), or 404.
#[cfg(feature = "ssr")]
pub(crate) fn series_date(activity: &Series, date: &str) -> Result<Date, AppError> {
    crate::model::activity::Day::parse_date(date)
        .filter(|d| activity.schedule.has_date(*d))
        .ok_or(AppError::NotFound)
}

/// Creates an activity at a place the viewer runs.
#[server(endpoint = "activities/create")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(form), err(level = "info")))]
pub async fn create_activity(place: i64, form: ActivityForm) -> Result<(), AppError> {
    use crate::model::permission::Action;
    let viewer = crate::auth::authorized(Action::RunPlace { place_id: place }).await?;
    let state = crate::state::app_state()?;
    let input = form.checked()?;
    check_leads_to(&state, &viewer, &form, &input, None).await?;
    let id =
        crate::store::activities::create(&state.db, place, &input, viewer.id, state.now()).await?;
    leptos_axum::redirect(&format!("/beheer?nieuw={id}"));
    Ok(())
}

/// What cancelling would do, for the page that asks the host to confirm it: which date (or
/// every date, for an activity that repeats) and how many residents joined and will be told.
#[server(endpoint = "activities/cancel-preview")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn cancel_preview(
    activity: i64,
    date: String,
    #[server(default)] whole: bool,
) -> Result<crate::model::activity::CancelPreview, AppError> {
    use crate::model::activity::{series::weekday_number, CancelPreview, CancelScope};
    use crate::model::hours::format_minute;
    use crate::model::permission::Action;
    let state = crate::state::app_state()?;
    let (found, occurrence) = super::occurrence(&state, activity, &date).await?;
    crate::auth::authorized(Action::RunPlace {
        place_id: found.place_id,
    })
    .await?;
    let repeat = found.schedule.repeat.kind();
    let scope = CancelScope::allowed(whole, repeat);
    let residents = match scope {
        CancelScope::One => {
            activities::joined_count(&state.db, found.id, occurrence.original).await?
        }
        CancelScope::All => {
            activities::joined_count_from(&state.db, &found, super::today(&state)).await?
        }
    };
    Ok(CancelPreview {
        activity_id: found.id,
        original_date: occurrence.original.to_string(),
        title: found.title.clone(),
        place_name: found.place_name.clone(),
        place_slug: found.place_slug.clone(),
        date: occurrence.date.to_string(),
        weekday: weekday_number(occurrence.date),
        start: format_minute(occurrence.minute),
        end: format_minute(found.schedule.end_minute(occurrence.minute)),
        repeat,
        series_weekday: weekday_number(found.schedule.start_date),
        series_start: format_minute(found.schedule.start_minute),
        scope,
        residents,
        mail: state.mailer.is_configured(),
    })
}

/// Cancels one occurrence, or (`whole` = true, for an activity that repeats) every date, and
/// tells each resident who joined or waits for a place. The host confirmed it first: the
/// buttons lead to a page that says what is cancelled and who will be told, which posts here.
#[server(endpoint = "activities/cancel")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn cancel_activity(
    activity: i64,
    date: String,
    #[server(default)] whole: bool,
    /// Sent from the activity's editor, to come back to it rather than to `/beheer`.
    #[server(default)]
    editor: bool,
) -> Result<(), AppError> {
    use crate::model::activity::CancelScope;
    use crate::model::permission::Action;
    let state = crate::state::app_state()?;
    let (found, occurrence) = super::occurrence(&state, activity, &date).await?;
    crate::auth::authorized(Action::RunPlace {
        place_id: found.place_id,
    })
    .await?;
    let scope = CancelScope::allowed(whole, found.schedule.repeat.kind());
    // One moment for the notices and the mail that reads them back.
    let now = state.now();
    let told = match scope {
        CancelScope::All => {
            activities::cancel_series(&state.db, &found, super::today(&state), now).await?
        }
        CancelScope::One => {
            activities::cancel_occurrence(&state.db, &found, &occurrence, now).await?
        }
    };
    tracing::info!(activity = found.id, ?scope, told, "cancelled");
    if told > 0 {
        mail_cancellation(&state, found.id, now);
    }
    if editor && scope == CancelScope::One {
        leptos_axum::redirect(&format!("/beheer/activiteit/{}", found.id));
    } else {
        leptos_axum::redirect("/beheer");
    }
    Ok(())
}

/// Mails everyone the cancellation just told who has an e-mail address, where the server
/// sends mail; in the background, after the answer, so the host never waits for it.
#[cfg(feature = "ssr")]
fn mail_cancellation(state: &crate::state::AppState, activity: i64, now: i64) {
    let (Some(origin), true) = (state.public_origin.clone(), state.mailer.is_configured()) else {
        return;
    };
    let state = state.clone();
    // Residents read Dutch first; the mail is in the site's first language.
    let t = crate::i18n::Locale::default().texts();
    tokio::spawn(async move {
        let recipients = match activities::notices_to_mail(&state.db, activity, now).await {
            Ok(recipients) => recipients,
            Err(error) => {
                tracing::error!(%error, activity, "reading whom to mail a cancellation failed");
                return;
            }
        };
        for (to, notices) in recipients {
            if let Some(mail) = crate::mail::cancellation(t, to, &notices, origin.as_str()) {
                state.mailer.send_later(mail, "cancellation notice");
            }
        }
    });
}

/// Whether the viewer runs the place of this activity (and so sees the host's buttons).
#[server(endpoint = "activities/runs")]
pub async fn runs_activity(activity: i64) -> Result<bool, AppError> {
    use crate::model::permission::{authorize, Action};
    let state = crate::state::app_state()?;
    let Some(found) = crate::store::activities::activity(&state.db, activity).await? else {
        return Ok(false);
    };
    let viewer = crate::auth::viewer().await?;
    Ok(authorize(
        viewer.as_ref(),
        Action::RunPlace {
            place_id: found.place_id,
        },
    )
    .is_ok())
}

/// Changes an activity of a place the viewer runs.
#[server(endpoint = "activities/update")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(form), err(level = "info")))]
pub async fn update_activity(activity: i64, form: ActivityForm) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (found, viewer) = running(&state, activity).await?;
    let input = form.checked()?;
    check_leads_to(&state, &viewer, &form, &input, Some(found.id)).await?;
    crate::store::activities::update(&state.db, found.id, &input).await?;
    leptos_axum::redirect(&format!("/beheer/activiteit/{}?opgeslagen=1", found.id));
    Ok(())
}

/// Copies an activity (a new series with the same details) to adjust it from there.
#[server(endpoint = "activities/duplicate")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn duplicate_activity(activity: i64) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (found, viewer) = running(&state, activity).await?;
    let id =
        crate::store::activities::duplicate(&state.db, found.id, viewer.id, state.now()).await?;
    leptos_axum::redirect(&format!("/beheer/activiteit/{id}?kopie=1"));
    Ok(())
}

/// How far ahead, and how many of its next dates, the editor shows.
#[cfg(feature = "ssr")]
const EDITOR_DAYS_AHEAD: i64 = 120;
#[cfg(feature = "ssr")]
const EDITOR_DATES: usize = 12;

/// An activity in its editor: the form as stored and the next dates with their changes.
#[server(endpoint = "activities/editor")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn activity_editor(
    activity: i64,
) -> Result<crate::model::activity::ActivityEditor, AppError> {
    use crate::model::activity::ActivityEditor;
    let state = crate::state::app_state()?;
    let (a, viewer) = running(&state, activity).await?;
    let choices = choices(&state, viewer.id, Some(a.place_id), Some(a.id)).await?;
    let dates = a.coming_dates(super::today(&state), EDITOR_DAYS_AHEAD, EDITOR_DATES);
    let form = a.form();
    Ok(ActivityEditor {
        id: a.id,
        place_name: a.place_name,
        place_slug: a.place_slug,
        cancelled: a.cancelled,
        form,
        dates,
        choices,
    })
}

/// Moves one occurrence to another day or time; it keeps its length, its signups go along.
#[server(endpoint = "activities/move")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date, new_date, new_start),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn move_occurrence(
    activity: i64,
    date: String,
    new_date: String,
    new_start: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (found, _) = running(&state, activity).await?;
    let original = series_date(&found, &date)?;
    let (to, minute) = found.check_move(&new_date, &new_start, super::today(&state))?;
    crate::store::activities::change_occurrence(&state.db, found.id, original, Some((to, minute)))
        .await?;
    leptos_axum::redirect(&format!("/beheer/activiteit/{}", found.id));
    Ok(())
}

/// Takes back the cancellation or move of one occurrence; the residents' notices of that
/// cancellation go too.
#[server(endpoint = "activities/restore")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn restore_occurrence(activity: i64, date: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (found, _) = running(&state, activity).await?;
    let original = series_date(&found, &date)?;
    crate::store::activities::restore_occurrence(&state.db, found.id, original).await?;
    leptos_axum::redirect(&format!("/beheer/activiteit/{}", found.id));
    Ok(())
}
