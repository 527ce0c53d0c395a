use super::{feature_list::FeatureList, open_badge::OpenBadge};
use crate::i18n::use_texts;
use crate::model::PlaceSummary;
use leptos::prelude::*;

#[component]
pub fn PlaceCard(place: PlaceSummary) -> impl IntoView {
    let t = use_texts();
    let href = format!("/plekken/{}", place.slug);
    let open = place.is_open_now();
    view! {
        <li class="place-card" class:place-card--open=open>
            <h3 class="place-card__name">
                <a href=href>{place.name}</a>
            </h3>
            <p class="place-card__kind">{place.kind.label(t)}</p>
            <OpenBadge status=place.status light_until=place.light_until.clone()/>
            <p class="place-card__address">{place.address}</p>
            <FeatureList features=place.features/>
        </li>
    }
}

/// A list of place cards.
#[component]
pub fn PlaceList(places: Vec<PlaceSummary>) -> impl IntoView {
    view! {
        <ul class="place-list">
            {places.into_iter().map(|place| view! { <PlaceCard place/> }).collect_view()}
        </ul>
    }
}
