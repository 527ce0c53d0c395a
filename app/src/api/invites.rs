//! Invite codes: a host makes one for their place and hands it out on paper.

use crate::{error::AppError, model::invite::InvitePage};
use leptos::prelude::*;

/// The viewer's places and their invite codes, each with its QR code.
#[server(endpoint = "invites/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn my_invites() -> Result<InvitePage, AppError> {
    let viewer = crate::auth::require_viewer().await?;
    if viewer.suspended {
        return Err(AppError::Suspended);
    }
    let state = crate::state::app_state()?;
    let places = crate::store::accounts::hosted_places(&state.db, viewer.id).await?;
    let ids: Vec<i64> = places.iter().map(|p| p.id).collect();
    let invites = crate::store::invites::for_places(&state.db, &ids).await?;
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

#[server(endpoint = "invites/create")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn create_invite(place: i64) -> Result<(), AppError> {
    use crate::model::permission::Action;
    let viewer = crate::auth::authorized(Action::CreateInvite { place_id: place }).await?;
    let state = crate::state::app_state()?;
    crate::store::invites::create(&state.db, place, viewer.id, state.now()).await?;
    Ok(())
}
