//! The agenda: upcoming occurrences a page at a time, one occurrence for its page, and the
//! printable week of a place or neighbourhood.

#[cfg(feature = "ssr")]
use super::today;
use super::ActivityQuery;
use crate::{
    error::AppError,
    model::activity::{ActivityList, OccurrenceView},
};
#[cfg(feature = "ssr")]
use crate::{model::activity::series::Series, state::AppState, store::activities};
#[cfg(feature = "ssr")]
use jiff::civil::Date;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One page of the activity list, for `viewer` (their joined occurrences marked).
#[cfg(feature = "ssr")]
pub async fn list(
    state: &AppState,
    query: super::ActivityQuery,
    chosen: Option<String>,
    viewer: Option<i64>,
) -> Result<crate::model::activity::ActivityList, AppError> {
    use crate::model::activity::ActivityList;
    use crate::store::activities::{ActivityFilter, After};
    use crate::store::places::{resolve_neighbourhood, resolve_place, Found};
    use jiff::ToSpan;
    let mut filter = ActivityFilter {
        free_only: query.free.as_deref().is_some_and(|v| !v.is_empty()),
        ..Default::default()
    };
    let mut list = ActivityList::default();
    let clean = |value: &Option<String>| -> Result<Option<String>, AppError> {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(text) => crate::model::filter::clean_search_text(text)
                .map(Some)
                .ok_or(AppError::BadRequest),
        }
    };
    if let Some(text) = clean(&query.place)? {
        match resolve_place(&state.db, &text, crate::api::places::NEIGHBOURHOOD_CHOICES).await? {
            Found::One(place) => {
                filter.place_id = Some(place.id);
                list.place = Some((place.slug, place.name));
            }
            Found::Several(choices) => {
                list.place_choices = choices.into_iter().map(|p| (p.slug, p.name)).collect();
                list.place_unknown = true;
            }
        }
    }
    // Without a choice here, the resident's own neighbourhood, when they chose one.
    let neighbourhood_text = match clean(&query.neighbourhood)? {
        Some(text) => Some(text),
        None if query.place.as_deref().is_none_or(|p| p.trim().is_empty()) => chosen,
        None => None,
    };
    if let Some(text) = neighbourhood_text {
        match resolve_neighbourhood(&state.db, &text, crate::api::places::NEIGHBOURHOOD_CHOICES)
            .await?
        {
            Found::One(n) => {
                filter.neighbourhood_id =
                    crate::store::discussions::neighbourhood_id(&state.db, &n.slug).await?;
                list.neighbourhood = Some(n);
            }
            Found::Several(choices) => {
                list.neighbourhood_choices = choices;
                list.neighbourhood_unknown = true;
            }
        }
    }
    if let Some(kind) = query.kind.as_deref().filter(|s| !s.is_empty()) {
        let kind = crate::model::PlaceKind::from_slug(kind).ok_or(AppError::BadRequest)?;
        filter.place_kind = Some(kind.slug().to_string());
    }
    let today = today(state);
    let to = if query.week.as_deref().is_some_and(|v| !v.is_empty()) {
        // Until Sunday of this week.
        today
            .checked_add(i64::from(7 - today.weekday().to_monday_one_offset()).days())
            .unwrap_or(today)
    } else {
        today.checked_add(27.days()).unwrap_or(today)
    };
    let cursor = query
        .from
        .as_deref()
        .and_then(super::parse_cursor)
        .and_then(|(day, minute, id)| {
            let date = day.to_date()?;
            (date >= today && date <= to).then_some((date, After { minute, id }))
        });
    let from = cursor.map(|(date, _)| date).unwrap_or(today);
    let (found, more) = activities::upcoming_after(
        &state.db,
        &filter,
        from,
        to,
        None,
        cursor.map(|(_, after)| after),
        super::MAX_LISTED,
        viewer,
    )
    .await?;
    list.next = more.then(|| found.last()).flatten().map(|o| {
        format!(
            "{}.{}.{}",
            o.date,
            crate::model::hours::parse_minute(&o.start).unwrap_or(0),
            o.activity_id
        )
    });
    list.first_page = cursor.is_none();
    list.occurrences = found;
    Ok(list)
}

/// The next seven days of the filtered activities, with a QR code to `path`.
#[cfg(feature = "ssr")]
pub(crate) async fn week(
    state: &AppState,
    filter: &activities::ActivityFilter,
    title: String,
    path: &str,
) -> Result<PrintWeek, AppError> {
    use jiff::ToSpan;
    let url = format!("{}{path}", crate::auth::site_url());
    let key = format!("week {filter:?} {title} {url}");
    let make = async {
        let from = today(state);
        // Day by day through the weekday index; a week of one neighbourhood is a few
        // hundred at most.
        let (occurrences, _) = activities::upcoming(
            &state.db,
            filter,
            from,
            from.checked_add(6.days()).unwrap_or(from),
            None,
            super::PRINT_WEEK_LIMIT,
            None,
        )
        .await?;
        Ok(PrintWeek {
            title: title.clone(),
            qr_svg: crate::qr::svg(&url),
            url: url.clone(),
            occurrences,
        })
    };
    // The same for every reader: kept a few seconds (see `crate::cache`).
    state.cached(key, make).await
}

/// The activity in person an online one leads to, at its first date from `from`.
#[cfg(feature = "ssr")]
pub(crate) async fn leads_to(
    state: &AppState,
    target: i64,
    from: Date,
) -> Result<Option<crate::model::activity::LeadsTo>, AppError> {
    use jiff::ToSpan;
    let Some(found) = activities::activity(&state.db, target).await? else {
        return Ok(None);
    };
    if found.cancelled {
        return Ok(None);
    }
    let next = found
        .schedule
        .occurrences(
            &found.changes,
            from,
            from.checked_add(90.days()).unwrap_or(from),
        )
        .into_iter()
        .next();
    Ok(Some(crate::model::activity::LeadsTo {
        title: found.title.clone(),
        place_name: found.place_name.clone(),
        path: match next {
            Some(o) => format!("/activiteiten/{}/{}", found.id, o.original),
            None => format!("/plekken/{}", found.place_slug),
        },
    }))
}

/// Upcoming occurrences: the next four weeks, or this week only; of one place or
/// neighbourhood (typed, or the resident's own), one kind of place, or free ones only; a
/// page at a time.
#[server(endpoint = "activities/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_activities(
    #[server(default)] query: ActivityQuery,
) -> Result<ActivityList, AppError> {
    let state = crate::state::app_state()?;
    let viewer = crate::auth::viewer().await?;
    let chosen = crate::api::places::server::chosen_slug();
    match viewer {
        // What a reader without an account sees is the same for everyone: kept a few seconds.
        None => {
            let key = format!("activities {query:?} {chosen:?}");
            state.cached(key, list(&state, query, chosen, None)).await
        }
        Some(viewer) => list(&state, query, chosen, Some(viewer.id)).await,
    }
}

/// One occurrence, for its page.
#[server(endpoint = "activities/get")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(date),
        fields(date = %crate::error::for_log(&date)),
        err(level = "info")
    )
)]
pub async fn get_occurrence(activity: i64, date: String) -> Result<OccurrenceView, AppError> {
    let state = crate::state::app_state()?;
    let viewer = crate::auth::viewer().await?;
    let (series, occurrence) = super::occurrence(&state, activity, &date).await?;
    occurrence_view(&state, &series, &occurrence, viewer.map(|v| v.id)).await
}

/// What an occurrence's page (and the door) shows of it, for `viewer`: with its counts, the
/// viewer's own signup, and the activity in person it leads to.
#[cfg(feature = "ssr")]
pub(crate) async fn occurrence_view(
    state: &AppState,
    series: &Series,
    occurrence: &crate::model::activity::schedule::Occurrence,
    viewer: Option<i64>,
) -> Result<OccurrenceView, AppError> {
    let views = activities::occurrences(
        &state.db,
        std::slice::from_ref(series),
        occurrence.date,
        occurrence.date,
        viewer,
    )
    .await?;
    let mut view = views
        .into_iter()
        .find(|o| o.original_date == occurrence.original.to_string())
        .ok_or(AppError::NotFound)?;
    if let Some(target) = series.leads_to {
        view.leads_to = leads_to(state, target, occurrence.date).await?;
    }
    Ok(view)
}

/// A week's agenda for the noticeboard: a place's next seven days, and a QR code to its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintWeek {
    pub title: String,
    pub url: String,
    pub qr_svg: String,
    pub occurrences: Vec<OccurrenceView>,
}

#[server(endpoint = "activities/week")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(place),
        fields(place = %crate::error::for_log(&place)),
        err(level = "info")
    )
)]
pub async fn place_week(place: String) -> Result<PrintWeek, AppError> {
    use crate::store::activities::ActivityFilter;
    if !crate::model::place::is_valid_slug(&place) {
        return Err(AppError::BadRequest);
    }
    let state = crate::state::app_state()?;
    let detail = crate::store::places::by_slug(&state.db, &place, state.clock.now())
        .await?
        .ok_or(AppError::NotFound)?;
    let (place_id, _) = crate::store::discussions::place_ids(&state.db, &place)
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = ActivityFilter {
        place_id: Some(place_id),
        ..Default::default()
    };
    week(
        &state,
        &filter,
        detail.summary.name,
        &format!("/plekken/{place}"),
    )
    .await
}

/// The same sheet for a whole neighbourhood.
#[server(endpoint = "activities/neighbourhood-week")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(neighbourhood),
        fields(neighbourhood = %crate::error::for_log(&neighbourhood)),
        err(level = "info")
    )
)]
pub async fn neighbourhood_week(neighbourhood: String) -> Result<PrintWeek, AppError> {
    use crate::store::activities::ActivityFilter;
    if !crate::model::place::is_valid_slug(&neighbourhood) {
        return Err(AppError::BadRequest);
    }
    let state = crate::state::app_state()?;
    let id = crate::store::discussions::neighbourhood_id(&state.db, &neighbourhood)
        .await?
        .ok_or(AppError::NotFound)?;
    let found = crate::store::places::neighbourhood(&state.db, &neighbourhood)
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = ActivityFilter {
        neighbourhood_id: Some(id),
        ..Default::default()
    };
    week(
        &state,
        &filter,
        found.name,
        &format!("/activiteiten?buurt={neighbourhood}"),
    )
    .await
}
