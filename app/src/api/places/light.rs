//! The light: a host says "come in" until a time, or switches it off.

use crate::error::AppError;
use leptos::prelude::*;

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
    use crate::model::permission::Action;
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
        Some(crate::model::light::until(&until, now)?.as_second())
    };
    crate::store::lights::set_light(&state.db, place_id, until, viewer.id, state.now()).await?;
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
