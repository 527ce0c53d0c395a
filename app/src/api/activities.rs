//! Activities: listing occurrences, joining and leaving, and hosts running their place
//! (activities, the door, the light).

use crate::{
    error::AppError,
    model::activity::{ActivityForm, ActivityList, OccurrenceView},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The `/activiteiten` filters, as in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityQuery {
    #[serde(default)]
    pub plek: Option<String>,
    #[serde(default)]
    pub soort: Option<String>,
    #[serde(default)]
    pub gratis: Option<String>,
    #[serde(default)]
    pub week: Option<String>,
    #[serde(default)]
    pub buurt: Option<String>,
    /// Where this page of the list begins: `YYYY-MM-DD.minute.id` after the last one shown.
    #[serde(default)]
    pub vanaf: Option<String>,
}

impl ActivityQuery {
    /// The address of the list with the same filters, from `vanaf`.
    pub fn href(&self, vanaf: Option<&str>) -> String {
        let parts: Vec<String> = [
            ("plek", self.plek.as_deref()),
            ("buurt", self.buurt.as_deref()),
            ("soort", self.soort.as_deref()),
            ("gratis", self.gratis.as_deref()),
            ("week", self.week.as_deref()),
            ("vanaf", vanaf),
        ]
        .into_iter()
        .filter_map(|(name, value)| {
            value
                .filter(|v| !v.trim().is_empty())
                .map(|v| format!("{name}={}", crate::model::filter::encode_query_value(v)))
        })
        .collect();
        if parts.is_empty() {
            "/activiteiten".into()
        } else {
            format!("/activiteiten?{}", parts.join("&"))
        }
    }
}

/// Reads a `vanaf` value: the day, and the minute and activity the page starts after.
pub fn parse_cursor(text: &str) -> Option<(crate::model::activity::Day, u16, i64)> {
    let mut parts = text.split('.');
    let day = crate::model::activity::Day::parse(parts.next()?)?;
    let minute: u16 = parts.next()?.parse().ok().filter(|m| *m < 24 * 60)?;
    let id: i64 = parts.next()?.parse().ok().filter(|id| *id > 0)?;
    parts.next().is_none().then_some((day, minute, id))
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::{error::AppError, state::AppState, store::activities};
    use jiff::civil::Date;

    /// The form checked field by field, then its first start checked against the clock
    /// change (a time that does not exist that day is refused beside the start field).
    pub fn checked(
        form: &crate::model::activity::ActivityForm,
    ) -> Result<crate::model::activity::ActivityInput, AppError> {
        use crate::model::form::Problem;
        let input = form.validate().map_err(AppError::Invalid)?;
        let date = Date::new(input.date.year, input.date.month, input.date.day)
            .map_err(|_| AppError::BadRequest)?;
        if crate::model::recurrence::strict_instant(date, input.start_minute).is_err() {
            let mut errors = form.keep_all();
            errors.add("start", Problem::TimeDoesNotExist);
            return Err(AppError::Invalid(errors));
        }
        Ok(input)
    }

    /// One page of the activity list, for `viewer` (their joined occurrences marked).
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
            free_only: query.gratis.as_deref().is_some_and(|v| !v.is_empty()),
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
        if let Some(text) = clean(&query.plek)? {
            match resolve_place(&state.db, &text, crate::api::places::NEIGHBOURHOOD_CHOICES).await?
            {
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
        let neighbourhood_text = match clean(&query.buurt)? {
            Some(text) => Some(text),
            None if query.plek.as_deref().is_none_or(|p| p.trim().is_empty()) => chosen,
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
        if let Some(kind) = query.soort.as_deref().filter(|s| !s.is_empty()) {
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
            .vanaf
            .as_deref()
            .and_then(super::parse_cursor)
            .and_then(|(day, minute, id)| {
                let date = jiff::civil::Date::new(day.year, day.month, day.day).ok()?;
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
                super::minute_of(&o.start),
                o.activity_id
            )
        });
        list.first_page = cursor.is_none();
        list.occurrences = found;
        Ok(list)
    }

    /// The activity in person an online one leads to must exist, be on, be another one, and
    /// be at a place the viewer runs too: a host cannot hang their activity onto another
    /// place's programme.
    pub async fn check_leads_to(
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
    pub async fn choices(
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
    pub async fn running(
        state: &AppState,
        activity: i64,
    ) -> Result<(activities::Activity, crate::model::account::Viewer), AppError> {
        let found = activities::activity(&state.db, activity)
            .await?
            .ok_or(AppError::NotFound)?;
        let viewer = crate::auth::authorized(crate::model::permission::Action::RunPlace {
            place_id: found.place_id,
        })
        .await?;
        Ok((found, viewer))
    }

    /// The next seven days of the filtered activities, with a QR code to `path`.
    pub async fn week(
        state: &AppState,
        filter: &activities::ActivityFilter,
        title: String,
        path: &str,
    ) -> Result<super::PrintWeek, AppError> {
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
            Ok(super::PrintWeek {
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
    pub async fn leads_to(
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

    /// A date the series' rule gives (cancelled or moved or not), or 404.
    pub fn series_date(activity: &activities::Activity, date: &str) -> Result<Date, AppError> {
        crate::model::activity::Day::parse(date)
            .and_then(|d| Date::new(d.year, d.month, d.day).ok())
            .filter(|d| activity.schedule.has_date(*d))
            .ok_or(AppError::NotFound)
    }

    pub fn today(state: &AppState) -> Date {
        state
            .clock
            .now()
            .to_zoned(crate::model::hours::amsterdam())
            .date()
    }

    /// The activity and one of its occurrences, or 404 for a date it does not take place.
    pub async fn occurrence(
        state: &AppState,
        activity: i64,
        date: &str,
    ) -> Result<(activities::Activity, crate::model::recurrence::Occurrence), AppError> {
        let date = crate::model::activity::Day::parse(date)
            .and_then(|d| Date::new(d.year, d.month, d.day).ok())
            .ok_or(AppError::BadRequest)?;
        let activity = activities::activity(&state.db, activity)
            .await?
            .ok_or(AppError::NotFound)?;
        let occurrence = activities::occurrence(&activity, date).ok_or(AppError::NotFound)?;
        Ok((activity, occurrence))
    }
}

/// The most joined occurrences the account page shows (from today, up to
/// [`JOIN_DAYS_AHEAD`](crate::model::activity::JOIN_DAYS_AHEAD) days ahead).
pub const MY_AGENDA_LIMIT: usize = 100;

/// The most occurrences one page of the list shows; the next page is one link away.
pub const MAX_LISTED: usize = 30;

/// How many occurrences the home page shows.
pub const HOME_UPCOMING: usize = 6;

/// The most occurrences a printable week holds.
pub const PRINT_WEEK_LIMIT: usize = 400;

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
            state
                .cached(key, server::list(&state, query, chosen, None))
                .await
        }
        Some(viewer) => server::list(&state, query, chosen, Some(viewer.id)).await,
    }
}

#[cfg(feature = "ssr")]
/// Minutes after midnight of a `HH:MM` time.
fn minute_of(time: &str) -> u16 {
    let (hours, minutes) = time.split_once(':').unwrap_or(("0", "0"));
    hours.parse::<u16>().unwrap_or(0) * 60 + minutes.parse::<u16>().unwrap_or(0)
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
    let (activity, occurrence) = server::occurrence(&state, activity, &date).await?;
    let views = crate::store::activities::occurrences(
        &state.db,
        std::slice::from_ref(&activity),
        occurrence.date,
        occurrence.date,
        viewer.map(|v| v.id),
    )
    .await?;
    let mut view = views
        .into_iter()
        .find(|o| o.original_date == occurrence.original.to_string())
        .ok_or(AppError::NotFound)?;
    if let Some(target) = activity.leads_to {
        view.leads_to = server::leads_to(&state, target, occurrence.date).await?;
    }
    Ok(view)
}

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
    let (activity, occurrence) = server::occurrence(&state, activity, &date).await?;
    if !occurrence.open_for_joining(state.clock.now(), server::today(&state)) {
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
    let (activity, occurrence) = server::occurrence(&state, activity, &date).await?;
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

/// Creates an activity at a place the viewer runs.
#[server(endpoint = "activities/create")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(form), err(level = "info")))]
pub async fn create_activity(place: i64, form: ActivityForm) -> Result<(), AppError> {
    use crate::model::permission::Action;
    let viewer = crate::auth::authorized(Action::RunPlace { place_id: place }).await?;
    let state = crate::state::app_state()?;
    let input = server::checked(&form)?;
    server::check_leads_to(&state, &viewer, &form, &input, None).await?;
    let id =
        crate::store::activities::create(&state.db, place, &input, viewer.id, state.now()).await?;
    leptos_axum::redirect(&format!("/beheer?nieuw={id}"));
    Ok(())
}

/// Cancels one occurrence, or (`whole` = true) the whole series.
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
    /// Sent by the activity's editor, to come back to it rather than to `/beheer`.
    #[server(default)]
    editor: bool,
) -> Result<(), AppError> {
    use crate::model::permission::Action;
    let state = crate::state::app_state()?;
    let (found, occurrence) = server::occurrence(&state, activity, &date).await?;
    crate::auth::authorized(Action::RunPlace {
        place_id: found.place_id,
    })
    .await?;
    if whole {
        crate::store::activities::cancel_series(&state.db, found.id).await?;
    } else {
        crate::store::activities::change_occurrence(&state.db, found.id, occurrence.original, None)
            .await?;
    }
    if editor && !whole {
        leptos_axum::redirect(&format!("/beheer/activiteit/{}", found.id));
    } else {
        leptos_axum::redirect("/beheer");
    }
    Ok(())
}

/// Switches a place's light on ("come in", until `until` or closing time) or off.
#[server(endpoint = "places/light")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(place, until),
        fields(place = %crate::error::for_log(&place)),
        err(level = "info")
    )
)]
pub async fn switch_light(
    place: String,
    on: bool,
    #[server(default)] until: String,
) -> Result<(), AppError> {
    use crate::model::{
        form::{FormErrors, Problem},
        permission::Action,
    };
    if !crate::model::place::is_valid_slug(&place) {
        return Err(AppError::BadRequest);
    }
    let state = crate::state::app_state()?;
    let (place_id, neighbourhood_id) = crate::store::discussions::place_ids(&state.db, &place)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = crate::auth::authorized(Action::RunPlace { place_id }).await?;
    let now = state.clock.now();
    let until = if !on {
        None
    } else if until.trim().is_empty() {
        Some(crate::store::places::light_default_end(&state.db, place_id, now).await?)
    } else {
        let Some(minute) = crate::model::hours::parse_minute(until.trim()).filter(|m| *m < 24 * 60)
        else {
            let mut errors = FormErrors::new().keep("until", &until);
            errors.add("until", Problem::BadTime);
            return Err(AppError::Invalid(errors));
        };
        let today = now.to_zoned(crate::model::hours::amsterdam()).date();
        let end = crate::model::recurrence::strict_instant(today, minute).map_err(|_| {
            let mut errors = FormErrors::new().keep("until", &until);
            errors.add("until", Problem::TimeDoesNotExist);
            AppError::Invalid(errors)
        })?;
        if end <= now {
            let mut errors = FormErrors::new().keep("until", &until);
            errors.add("until", Problem::Past);
            return Err(AppError::Invalid(errors));
        }
        Some(end.as_second())
    };
    crate::store::activities::set_light(&state.db, place_id, until, viewer.id, state.now()).await?;
    state.live.publish_light(crate::live::LightEvent {
        place_id,
        neighbourhood_id,
    });
    Ok(())
}

/// Whether the viewer runs this place (and so sees its light switch).
#[server(endpoint = "places/runs")]
pub async fn runs_place(place: String) -> Result<bool, AppError> {
    use crate::model::permission::{authorize, Action};
    if !crate::model::place::is_valid_slug(&place) {
        return Err(AppError::BadRequest);
    }
    let state = crate::state::app_state()?;
    let Some((place_id, _)) = crate::store::discussions::place_ids(&state.db, &place).await? else {
        return Ok(false);
    };
    let viewer = crate::auth::viewer().await?;
    Ok(authorize(viewer.as_ref(), Action::RunPlace { place_id }).is_ok())
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
    server::week(
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
    server::week(
        &state,
        &filter,
        found.name,
        &format!("/activiteiten?buurt={neighbourhood}"),
    )
    .await
}

/// Changes an activity of a place the viewer runs.
#[server(endpoint = "activities/update")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(form), err(level = "info")))]
pub async fn update_activity(activity: i64, form: ActivityForm) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (found, viewer) = server::running(&state, activity).await?;
    let input = server::checked(&form)?;
    server::check_leads_to(&state, &viewer, &form, &input, Some(found.id)).await?;
    crate::store::activities::update(&state.db, found.id, &input).await?;
    leptos_axum::redirect(&format!("/beheer/activiteit/{}?opgeslagen=1", found.id));
    Ok(())
}

/// Copies an activity (a new series with the same details) to adjust it from there.
#[server(endpoint = "activities/duplicate")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn duplicate_activity(activity: i64) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (found, viewer) = server::running(&state, activity).await?;
    let id =
        crate::store::activities::duplicate(&state.db, found.id, viewer.id, state.now()).await?;
    leptos_axum::redirect(&format!("/beheer/activiteit/{id}?kopie=1"));
    Ok(())
}

/// An activity in its editor: the form as stored and the next dates with their changes.
#[server(endpoint = "activities/editor")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn activity_editor(
    activity: i64,
) -> Result<crate::model::activity::ActivityEditor, AppError> {
    use crate::model::{
        activity::{cost_text, ActivityEditor, DateState, SeriesDate},
        hours::format_minute,
        recurrence::Repeat,
    };
    use jiff::ToSpan;
    let state = crate::state::app_state()?;
    let (a, viewer) = server::running(&state, activity).await?;
    let choices = server::choices(&state, viewer.id, Some(a.place_id), Some(a.id)).await?;
    let schedule = &a.schedule;
    let today = server::today(&state);
    let dates = schedule
        .dates(today, today.checked_add(120.days()).unwrap_or(today))
        .into_iter()
        .take(12)
        .map(|original| {
            let change = a.changes.iter().find(|c| c.original == original);
            SeriesDate {
                original: original.to_string(),
                weekday: original.weekday().to_monday_one_offset() as u8,
                state: match change {
                    Some(c) if c.cancelled => DateState::Cancelled,
                    Some(crate::model::recurrence::Change {
                        moved_to: Some((date, minute)),
                        ..
                    }) => DateState::Moved {
                        date: date.to_string(),
                        weekday: date.weekday().to_monday_one_offset() as u8,
                        start: format_minute(*minute),
                    },
                    _ => DateState::AsPlanned,
                },
            }
        })
        .collect();
    let form = ActivityForm {
        title: a.title.clone(),
        description: a.description.clone(),
        date: schedule.start_date.to_string(),
        start: format_minute(schedule.start_minute),
        end: format_minute(
            schedule.start_minute + schedule.duration_minutes.min(1439 - schedule.start_minute),
        ),
        repeat: match schedule.repeat {
            Repeat::Once => "once",
            Repeat::Weekly => "weekly",
            Repeat::Fortnightly => "fortnightly",
            Repeat::Monthly { .. } => "monthly",
        }
        .to_string(),
        until: schedule.until.map(|d| d.to_string()).unwrap_or_default(),
        capacity: a.capacity.map(|c| c.to_string()).unwrap_or_default(),
        cost: cost_text(a.cost_cents),
        audience: a.audience.clone(),
        accessibility: a.accessibility.clone(),
        welcomer: a.welcomer.clone(),
        online_url: a.online_url.clone().unwrap_or_default(),
        leads_to: a.leads_to.map(|id| id.to_string()).unwrap_or_default(),
    };
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
    use crate::model::form::Problem;
    let state = crate::state::app_state()?;
    let (found, _) = server::running(&state, activity).await?;
    let original = server::series_date(&found, &date)?;
    let refuse = |field: &str, problem: Problem| {
        let mut errors = crate::model::form::FormErrors::new()
            .keep("new_date", &new_date)
            .keep("new_start", &new_start);
        errors.add(field, problem);
        AppError::Invalid(errors)
    };
    let (day, minute) =
        crate::model::activity::validate_move(&new_date, &new_start).map_err(AppError::Invalid)?;
    let to = jiff::civil::Date::new(day.year, day.month, day.day)
        .map_err(|_| refuse("new_date", Problem::BadDate))?;
    if to < server::today(&state) {
        return Err(refuse("new_date", Problem::Past));
    }
    if u32::from(minute) + u32::from(found.schedule.duration_minutes) > 24 * 60 {
        return Err(refuse("new_start", Problem::BadTime));
    }
    if crate::model::recurrence::strict_instant(to, minute).is_err() {
        return Err(refuse("new_start", Problem::TimeDoesNotExist));
    }
    crate::store::activities::change_occurrence(&state.db, found.id, original, Some((to, minute)))
        .await?;
    leptos_axum::redirect(&format!("/beheer/activiteit/{}", found.id));
    Ok(())
}

/// Takes back the cancellation or move of one occurrence.
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
    let (found, _) = server::running(&state, activity).await?;
    let original = server::series_date(&found, &date)?;
    crate::store::activities::restore_occurrence(&state.db, found.id, original).await?;
    leptos_axum::redirect(&format!("/beheer/activiteit/{}", found.id));
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
    let today = server::today(&state);
    let joined = activities::joined(
        &state.db,
        viewer.id,
        today,
        crate::model::recurrence::join_horizon(today),
        MY_AGENDA_LIMIT,
    )
    .await?;
    let occurrences = activities::occurrence_views(&state.db, joined, Some(viewer.id)).await?;
    let new_calendar_url = crate::auth::session_token().and_then(|session| {
        let key = crate::auth::session::token_hash(&session);
        state
            .handover
            .take(&key, crate::state::AppState::elapsed_now())
    });
    Ok(MyAgenda {
        occurrences,
        has_calendar: activities::has_calendar_feed(&state.db, viewer.id).await?,
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
        crate::store::activities::renew_calendar_token(&state.db, viewer.id, state.now()).await?;
    let url = format!("{}/mijn-agenda/{token}/agenda.ics", crate::auth::site_url());
    if let Some(session) = crate::auth::session_token() {
        let key = crate::auth::session::token_hash(&session);
        state
            .handover
            .put(&key, url.clone(), crate::state::AppState::elapsed_now());
    }
    leptos_axum::redirect("/account#agenda");
    Ok(url)
}
