use crate::api::activities::upcoming_activities;
use crate::api::places::{home_places, HomeView};
use crate::components::{
    error_page::ErrorPage, occurrence::OccurrencesByDay, place_card::PlaceList,
};
use crate::i18n::{fill, use_texts};
use crate::islands::live_updates::{live_region, LiveUpdates};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let places = Resource::new(|| (), |_| home_places());
    let upcoming = Resource::new(|| (), |_| upcoming_activities());

    view! {
        <Title text=""/>
        // When a host switches a light on or off, the places follow.
        <LiveUpdates/>
        <div id="voorpagina" data-live=live_region("/licht/live", "light")>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (places.await, upcoming.await) {
                    (Ok(places), Ok(upcoming)) => Either::Left(view! {
                        <section class="intro">
                            <h1>{t.home_title}</h1>
                            <p class="lead">{t.home_intro}</p>
                        </section>
                        <OpenNow places=places.clone()/>
                        <section class="upcoming" aria-labelledby="binnenkort">
                            <h2 id="binnenkort">{t.home_upcoming_heading}</h2>
                            {if upcoming.is_empty() {
                                Either::Left(view! { <p class="empty">{t.home_upcoming_none}</p> })
                            } else {
                                Either::Right(view! { <OccurrencesByDay occurrences=upcoming level=3/> })
                            }}
                            <p class="more"><a href="/activiteiten">{t.home_all_activities}</a></p>
                        </section>
                        <Neighbourhoods places/>
                        <p class="more"><a href="/plekken">{t.home_all_places}</a></p>
                    }),
                    (Err(error), _) | (_, Err(error)) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
        </div>
    }
}

#[component]
fn OpenNow(places: HomeView) -> impl IntoView {
    let t = use_texts();
    let more = places.open_total > places.open.len();
    view! {
        <section class="open-now" aria-labelledby="nu-open">
            <h2 id="nu-open">{t.home_open_heading}</h2>
            {if places.open.is_empty() {
                Either::Left(view! { <p class="empty">{t.home_open_none}</p> })
            } else {
                Either::Right(view! { <PlaceList places=places.open/> })
            }}
            {more.then(|| view! {
                <p class="more">
                    <a href="/plekken?open=1">
                        {fill(t.home_open_all, &[("count", &places.open_total.to_string())])}
                    </a>
                </p>
            })}
        </section>
    }
}

/// Few neighbourhoods: each with its places. Many: a list to choose from.
#[component]
fn Neighbourhoods(places: HomeView) -> impl IntoView {
    let t = use_texts();
    if places.grouped {
        Either::Left(
            places
                .neighbourhoods
                .into_iter()
                .map(|(n, count, first)| {
                    let heading_id = format!("buurt-{}", n.slug);
                    let labelled_by = heading_id.clone();
                    let more = count > first.len();
                    view! {
                        <section class="neighbourhood" aria-labelledby=labelled_by>
                            <h2 id=heading_id>{fill(t.home_places_heading, &[("name", &n.name)])}</h2>
                            <p>{n.description.clone()}</p>
                            <PlaceList places=first/>
                            {more.then(|| view! {
                                <p class="more">
                                    <a href=format!("/plekken?buurt={}", n.slug)>
                                        {fill(t.home_neighbourhood_all, &[("count", &count.to_string()), ("name", &n.name)])}
                                    </a>
                                </p>
                            })}
                        </section>
                    }
                })
                .collect_view(),
        )
    } else {
        Either::Right(view! {
            <section class="neighbourhood" aria-labelledby="buurten">
                <h2 id="buurten">{t.home_neighbourhoods_heading}</h2>
                <ul class="neighbourhood-list">
                    {places.neighbourhoods.into_iter().map(|(n, count, _)| view! {
                        <li>
                            <a href=format!("/plekken?buurt={}", n.slug)>{n.name.clone()}</a>
                            " " <span class="series-list__meta">{fill(t.home_neighbourhood_count, &[("count", &count.to_string())])} " · " {n.city.clone()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
