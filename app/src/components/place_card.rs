use super::{feature_list::FeatureList, open_badge::OpenBadge};
use crate::i18n::use_texts;
use crate::model::PlaceSummary;
use leptos::prelude::*;

/// A place: its name and whether it is open; in full also its kind, address and features.
/// The compact card (the home page's "open now") leaves those to the place's own page.
#[component]
pub fn PlaceCard(place: PlaceSummary, #[prop(optional)] compact: bool) -> impl IntoView {
    let t = use_texts();
    let href = format!("/plekken/{}", place.slug);
    let open = place.is_open_now();
    view! {
        <li class="place-card" class:place-card--open=open class:place-card--compact=compact>
            <h3 class="place-card__name">
                <a href=href>{place.name}</a>
            </h3>
            {(!compact).then(|| view! { <p class="place-card__kind">{place.kind.label(t)}</p> })}
            <OpenBadge status=place.status light_until=place.light_until.clone()/>
            {(!compact).then(|| view! {
                <p class="place-card__address">{place.address}</p>
                <FeatureList features=place.features/>
            })}
        </li>
    }
}

/// A list of place cards.
#[component]
pub fn PlaceList(places: Vec<PlaceSummary>, #[prop(optional)] compact: bool) -> impl IntoView {
    view! {
        <ul class="place-list" class:place-list--compact=compact>
            {places.into_iter().map(|place| view! { <PlaceCard place compact/> }).collect_view()}
        </ul>
    }
}
