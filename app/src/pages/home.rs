use crate::api::places::{list_neighbourhoods, search_places};
use crate::components::{error_page::ErrorPage, place_card::PlaceList};
use crate::i18n::{fill, use_texts};
use crate::model::{PlaceQuery, PlaceSummary};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let places = Resource::new(|| (), |_| search_places(PlaceQuery::default()));
    let neighbourhoods = Resource::new(|| (), |_| list_neighbourhoods());

    view! {
        <Title text=""/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (places.await, neighbourhoods.await) {
                    (Ok(search), Ok(neighbourhoods)) => {
                        let open: Vec<PlaceSummary> = search
                            .places
                            .iter()
                            .filter(|p| p.status.is_open())
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
                            {groups}
                            <p class="more"><a href="/plekken">{t.home_all_places}</a></p>
                        })
                    }
                    (Err(error), _) | (_, Err(error)) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}
