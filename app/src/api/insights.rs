//! Insights for hosts, moderators and administrators: which place or neighbourhood to look
//! at, a place's weeks, and a neighbourhood's places side by side.

use crate::error::AppError;
use crate::model::form::FormErrors;
use crate::model::insights::{InsightsChoice, NeighbourhoodInsights, PlaceInsights};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How many places and neighbourhoods a search on `/inzichten` lists.
pub const SEARCH_LIMIT: usize = 20;

/// A page of insights, with what was wrong with the chosen period (the default was used).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithPeriod<T> {
    pub insights: T,
    pub errors: FormErrors,
}

#[server(endpoint = "insights/choice")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(q), err(level = "info")))]
pub async fn load_insights_choice(
    #[server(default)] q: String,
) -> Result<InsightsChoice, AppError> {
    use crate::model::permission::Action;
    let viewer = crate::auth::authorized(Action::Insights).await?;
    let state = crate::state::app_state()?;
    let hosted = crate::store::accounts::hosted_places(&state.db, viewer.id)
        .await?
        .into_iter()
        .map(|p| (p.slug, p.name))
        .collect();
    let neighbourhoods =
        crate::store::insights::hosted_neighbourhoods(&state.db, viewer.id).await?;
    let may_search = viewer.moderates();
    let query: String = q.trim().chars().take(100).collect();
    let (found_places, found_neighbourhoods) = if may_search && !query.is_empty() {
        let places = crate::store::places::suggest_places(&state.db, &query, SEARCH_LIMIT).await?;
        let areas = crate::store::places::find_neighbourhoods(&state.db, &query, SEARCH_LIMIT)
            .await?
            .into_iter()
            .map(|n| (n.slug, n.name))
            .collect();
        (places, areas)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(InsightsChoice {
        hosted,
        neighbourhoods,
        may_search,
        query,
        found_places,
        found_neighbourhoods,
    })
}

#[server(endpoint = "insights/place")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(slug, weken, tot), err(level = "info"))
)]
pub async fn load_place_insights(
    slug: String,
    #[server(default)] weken: String,
    #[server(default)] tot: String,
) -> Result<WithPeriod<PlaceInsights>, AppError> {
    let state = crate::state::app_state()?;
    let viewer = crate::auth::viewer().await?;
    server::place(&state, viewer.as_ref(), &slug, &weken, &tot).await
}

#[server(endpoint = "insights/neighbourhood")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(slug, weken, tot), err(level = "info"))
)]
pub async fn load_neighbourhood_insights(
    slug: String,
    #[server(default)] weken: String,
    #[server(default)] tot: String,
) -> Result<WithPeriod<NeighbourhoodInsights>, AppError> {
    let state = crate::state::app_state()?;
    let viewer = crate::auth::viewer().await?;
    server::neighbourhood(&state, viewer.as_ref(), &slug, &weken, &tot).await
}

/// The same reads for the pages and for the CSV files, which check the viewer exactly alike.
#[cfg(feature = "ssr")]
pub mod server {
    use super::WithPeriod;
    use crate::error::AppError;
    use crate::model::account::Viewer;
    use crate::model::insights::{
        compare, total, weeks_of, ActivityWeeks, ComparedPlace, NeighbourhoodInsights, Period,
        PlaceInsights, Week,
    };
    use crate::model::permission::{authorize, Action};
    use crate::state::AppState;

    fn period(
        state: &AppState,
        weeks: &str,
        until: &str,
    ) -> (Period, crate::model::form::FormErrors) {
        let today = state
            .clock
            .now()
            .to_zoned(crate::model::hours::amsterdam())
            .date();
        Period::from_form(Some(weeks), Some(until), today)
    }

    /// A place's insights, if `viewer` may see them.
    pub async fn place(
        state: &AppState,
        viewer: Option<&Viewer>,
        slug: &str,
        weeks: &str,
        until: &str,
    ) -> Result<WithPeriod<PlaceInsights>, AppError> {
        authorize(viewer, Action::Insights)?;
        if !crate::model::place::is_valid_slug(slug) {
            return Err(AppError::NotFound);
        }
        let place = crate::store::insights::place(&state.db, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        authorize(viewer, Action::PlaceInsights { place_id: place.id })?;
        let (period, errors) = period(state, weeks, until);
        // Aggregates, the same for everyone allowed to see them: kept a few seconds and
        // until the next write, like the pages of readers without an account.
        let rows = state
            .cached(
                format!(
                    "insights place {} {} {}",
                    place.id, period.first_day, period.last_day
                ),
                async {
                    Ok(crate::store::insights::place_weeks(
                        &state.db,
                        place.id,
                        &period.first_day,
                        &period.last_day,
                    )
                    .await?)
                },
            )
            .await?;
        let mut activities: Vec<ActivityWeeks> = Vec::new();
        for row in &rows {
            let week = Week {
                monday: row.week.clone(),
                counts: row.counts,
            };
            match activities.last_mut() {
                Some(last) if last.activity_id == row.activity_id => {
                    last.weeks.push(week);
                }
                _ => activities.push(ActivityWeeks {
                    activity_id: row.activity_id,
                    title: row.title.clone(),
                    weeks: vec![week],
                    total: Default::default(),
                }),
            }
        }
        for activity in &mut activities {
            activity.total = total(activity.weeks.iter().map(|w| &w.counts));
        }
        let found: Vec<_> = rows.iter().map(|r| (r.week.clone(), r.counts)).collect();
        let weeks = weeks_of(&period.mondays, &found);
        let total = total(weeks.iter().map(|w| &w.counts));
        Ok(WithPeriod {
            insights: PlaceInsights {
                place,
                period,
                weeks,
                total,
                activities,
            },
            errors,
        })
    }

    /// A neighbourhood's places side by side, if `viewer` may see them; a host sees their
    /// own places one by one and the others added up.
    pub async fn neighbourhood(
        state: &AppState,
        viewer: Option<&Viewer>,
        slug: &str,
        weeks: &str,
        until: &str,
    ) -> Result<WithPeriod<NeighbourhoodInsights>, AppError> {
        authorize(viewer, Action::Insights)?;
        if !crate::model::place::is_valid_slug(slug) {
            return Err(AppError::NotFound);
        }
        let (id, name) = crate::store::insights::neighbourhood(&state.db, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let (period, errors) = period(state, weeks, until);
        let places = state
            .cached(
                format!(
                    "insights neighbourhood {id} {} {}",
                    period.first_day, period.last_day
                ),
                async {
                    Ok(crate::store::insights::neighbourhood_places(
                        &state.db,
                        id,
                        &period.first_day,
                        &period.last_day,
                    )
                    .await?)
                },
            )
            .await?;
        let hosted: Vec<i64> = viewer.map(|v| v.hosted_places.clone()).unwrap_or_default();
        let hosts_there = places.iter().any(|p| hosted.contains(&p.id));
        authorize(viewer, Action::NeighbourhoodInsights { hosts_there })?;
        let sees_all = viewer.is_some_and(Viewer::moderates);
        let rows = places
            .into_iter()
            .map(|p| {
                (
                    p.id,
                    ComparedPlace {
                        slug: Some(p.slug),
                        name: p.name,
                        counts: p.counts,
                    },
                )
            })
            .collect();
        let places = compare(sees_all, &hosted, rows);
        let total = total(places.iter().map(|p| &p.counts));
        Ok(WithPeriod {
            insights: NeighbourhoodInsights {
                slug: slug.to_string(),
                name,
                period,
                places,
                total,
            },
            errors,
        })
    }
}
