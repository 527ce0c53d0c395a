//! Invite codes: a host makes one for their place and hands it out on paper.

use crate::{error::AppError, model::invite::InvitePage};
use leptos::prelude::*;

/// The viewer's places and their invite codes, each with its QR code.
#[server(endpoint = "invites/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn my_invites() -> Result<InvitePage, AppError> {
    let viewer = crate::auth::authorized(crate::model::permission::Action::ListInvites).await?;
    let state = crate::state::app_state()?;
    let places = crate::store::accounts::hosted_places(&state.db, viewer.id).await?;
    let ids: Vec<i64> = places.iter().map(|p| p.id).collect();
    let invites = crate::store::invites::for_places(&state.db, &ids, state.now()).await?;
    let base = crate::auth::site_url();
    let cards = invites
        .into_iter()
        .map(|invite| crate::model::invite::InviteCard {
            url: format!("{base}/aanmelden?code={}", invite.code),
            qr_svg: crate::qr::svg(&format!("{base}/aanmelden?code={}", invite.code)),
            invite,
        })
        .collect();
    Ok(InvitePage { places, cards })
}

/// A new code for a place, with the use limit and last day the host chose (empty: none).
#[server(endpoint = "invites/create")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(max_uses, until_date), err(level = "info"))
)]
pub async fn create_invite(
    place: i64,
    #[server(default)] max_uses: String,
    #[server(default)] until_date: String,
) -> Result<(), AppError> {
    use crate::model::{activity::Day, form::FormErrors, invite, permission::Action};
    let viewer = crate::auth::authorized(Action::CreateInvite { place_id: place }).await?;
    let state = crate::state::app_state()?;
    let amsterdam = crate::model::hours::amsterdam();
    let today = state.clock.now().to_zoned(amsterdam.clone()).date();
    let today = Day::of(today);
    // The place is kept so the page shows the problem beside that place's form only.
    let mut errors = FormErrors::new()
        .keep("place", &place.to_string())
        .keep("max_uses", &max_uses)
        .keep("until_date", &until_date);
    let max_uses = errors.check("max_uses", invite::max_uses(&max_uses));
    let last_day = errors.check("until_date", invite::last_day(&until_date, today));
    errors.clone().into_result()?;
    let (Some(max_uses), Some(last_day)) = (max_uses, last_day) else {
        return Err(AppError::Invalid(errors));
    };
    // The code works through its last day: it stops when the next day starts here.
    let expires_at = match last_day {
        Some(day) => Some(
            day.to_date()
                .and_then(|d| d.tomorrow().ok())
                .and_then(|d| d.to_zoned(amsterdam).ok())
                .ok_or_else(|| AppError::Invalid(errors.clone()))?
                .timestamp()
                .as_second(),
        ),
        None => None,
    };
    let limits = crate::store::invites::InviteLimits {
        max_uses,
        expires_at,
    };
    crate::store::invites::create(&state.db, place, viewer.id, limits, state.now()).await?;
    Ok(())
}
