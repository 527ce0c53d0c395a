use crate::api::activities::upcoming_activities;
use crate::api::places::{list_neighbourhoods, search_places};
use crate::components::{
    error_page::ErrorPage, live::light_changes, occurrence::OccurrencesByDay, place_card::PlaceList,
};
use crate::i18n::{fill, use_texts};
use crate::model::{PlaceQuery, PlaceSummary};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    // Reloads when a host switches a light on or off.
    let lights = light_changes();
    let places = Resource::new(
        move || lights.get(),
        |_| search_places(PlaceQuery::default()),
    );
    let neighbourhoods = Resource::new(|| (), |_| list_neighbourhoods());
    let upcoming = Resource::new(|| (), |_| upcoming_activities());

    view! {
        <Title text=""/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (places.await, neighbourhoods.await, upcoming.await) {
                    (Ok(search), Ok(neighbourhoods), Ok(upcoming)) => {
                        let open: Vec<PlaceSummary> = search
                            .places
                            .iter()
                            .filter(|p| p.is_open_now())
                            .cloned()
                            .collect();
                        let groups = neighbourhoods
                            .into_iter()
                            .map(|n| {
                                let places: Vec<_> = search
                                    .places
                                    .iter()
                                    .filter(|p| p.neighbourhood_slug == n.slug)
                                    .cloned()
                                    .collect();
                                let heading_id = format!("buurt-{}", n.slug);
                                let labelled_by = heading_id.clone();
                                view! {
                                    <section class="neighbourhood" aria-labelledby=labelled_by>
                                        <h2 id=heading_id>{fill(t.home_places_heading, &[("name", &n.name)])}</h2>
                                        <p>{n.description}</p>
                                        <PlaceList places/>
                                    </section>
                                }
                            })
                            .collect_view();
                        Either::Left(view! {
                            <section class="intro">
                                <h1>{t.home_title}</h1>
                                <p class="lead">{t.home_intro}</p>
                            </section>
                            <section class="open-now" aria-labelledby="nu-open">
                                <h2 id="nu-open">{t.home_open_heading}</h2>
                                {if open.is_empty() {
                                    Either::Left(view! { <p class="empty">{t.home_open_none}</p> })
                                } else {
                                    Either::Right(view! { <PlaceList places=open/> })
                                }}
                            </section>
                            <section class="upcoming" aria-labelledby="binnenkort">
                                <h2 id="binnenkort">{t.home_upcoming_heading}</h2>
                                {if upcoming.is_empty() {
                                    Either::Left(view! { <p class="empty">{t.home_upcoming_none}</p> })
                                } else {
                                    Either::Right(view! { <OccurrencesByDay occurrences=upcoming level=3/> })
                                }}
                                <p class="more"><a href="/activiteiten">{t.home_all_activities}</a></p>
                            </section>
                            {groups}
                            <p class="more"><a href="/plekken">{t.home_all_places}</a></p>
                        })
                    }
                    (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}
