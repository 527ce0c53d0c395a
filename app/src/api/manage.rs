//! What hosts do from `/beheer`: see their places and coming occurrences, and work the door.

use crate::{
    error::AppError,
    model::account::HostedPlace,
    model::activity::{Attendee, OccurrenceView, SeriesSummary},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageView {
    pub places: Vec<HostedPlace>,
    /// The next four weeks at these places.
    pub occurrences: Vec<OccurrenceView>,
    /// The activities that still have dates to come, to edit, copy or cancel.
    pub series: Vec<SeriesSummary>,
    /// Activities a new one may lead to (an online one to one in person).
    pub choices: Vec<(i64, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorView {
    pub occurrence: OccurrenceView,
    pub attendees: Vec<Attendee>,
    pub checked_in: u32,
    pub walk_ins: u32,
    pub first_visits: u32,
}

#[server(endpoint = "manage/overview")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn manage_overview() -> Result<ManageView, AppError> {
    use crate::model::activity::series::Series;
    use crate::store::activities::{self, ActivityFilter};
    use jiff::ToSpan;
    let viewer = crate::auth::authorized(crate::model::permission::Action::HostDashboard).await?;
    let state = crate::state::app_state()?;
    let places = crate::store::accounts::hosted_places(&state.db, viewer.id).await?;
    let filter = ActivityFilter {
        place_ids: Some(places.iter().map(|p| p.id).collect()),
        ..Default::default()
    };
    let today = state
        .clock
        .now()
        .to_zoned(crate::model::hours::amsterdam())
        .date();
    let list = activities::activities(&state.db, &filter, false).await?;
    let occurrences = activities::occurrences(
        &state.db,
        &list,
        today,
        today.checked_add(27.days()).unwrap_or(today),
        None,
    )
    .await?;
    let series = list
        .iter()
        .filter(|a| a.still_to_come(today))
        .map(Series::summary)
        .collect();
    let choices = list
        .iter()
        .map(|a| (a.id, format!("{} ({})", a.title, a.place_name)))
        .collect();
    Ok(ManageView {
        places,
        occurrences,
        series,
        choices,
    })
}

/// One occurrence at the door: who signed up, who came.
#[server(endpoint = "manage/door")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn door(activity: i64, date: String) -> Result<DoorView, AppError> {
    use crate::model::permission::Action;
    let state = crate::state::app_state()?;
    // One read of the series: the date is checked against it, then the host.
    let (series, occurrence) = crate::api::activities::occurrence(&state, activity, &date).await?;
    let viewer = crate::auth::authorized(Action::RunPlace {
        place_id: series.place_id,
    })
    .await?;
    let original = occurrence.original;
    let occurrence = crate::api::activities::agenda::occurrence_view(
        &state,
        &series,
        &occurrence,
        Some(viewer.id),
    )
    .await?;
    let attendees = crate::store::activities::attendees(&state.db, activity, original).await?;
    let (checked_in, walk_ins, first_visits) =
        crate::store::activities::door_counts(&state.db, activity, original).await?;
    Ok(DoorView {
        occurrence,
        attendees,
        checked_in,
        walk_ins,
        first_visits,
    })
}

#[server(endpoint = "manage/check-in")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(first_visit), err(level = "info"))
)]
pub async fn check_in(
    activity: i64,
    signup: i64,
    #[server(default)] first_visit: Option<String>,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    crate::api::activities::hosting::running(&state, activity).await?;
    let first = first_visit.is_some_and(|v| !v.is_empty());
    if !crate::store::activities::check_in(&state.db, activity, signup, first, state.now()).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

#[server(endpoint = "manage/walk-in")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date, people, first_name, first_visit),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn add_walk_in(
    activity: i64,
    date: String,
    people: String,
    #[server(default)] first_name: String,
    #[server(default)] first_visit: Option<String>,
) -> Result<(), AppError> {
    use crate::model::form::{text, FormErrors, Problem};
    let state = crate::state::app_state()?;
    let (found, _) = crate::api::activities::hosting::running(&state, activity).await?;
    let original = crate::model::activity::Day::parse_date(&date).ok_or(AppError::BadRequest)?;
    if found.occurrence(original).is_none() {
        return Err(AppError::NotFound);
    }
    let mut errors = FormErrors::new()
        .keep("people", &people)
        .keep("first_name", &first_name);
    let count = errors.check(
        "people",
        match people.trim().parse::<i64>() {
            Ok(n) if (1..=500).contains(&n) => Ok(n as u32),
            Ok(_) => Err(Problem::OutOfRange { min: 1, max: 500 }),
            Err(_) => Err(Problem::NotANumber),
        },
    );
    let name = errors.check("first_name", text(&first_name, 0, 60, false));
    errors.clone().into_result()?;
    let (Some(count), Some(name)) = (count, name) else {
        return Err(AppError::Invalid(errors));
    };
    let first = first_visit.is_some_and(|v| !v.is_empty());
    let name = (!name.is_empty()).then_some(name);
    crate::store::activities::walk_in(
        &state.db,
        activity,
        original,
        count,
        name.as_deref(),
        first,
        state.now(),
    )
    .await?;
    Ok(())
}
