use crate::api::places::{home_view, ChooseNeighbourhood, ForgetNeighbourhood, Home};
use crate::components::{
    error_page::ErrorPage, occurrence::OccurrencesByDay, place_card::PlaceList,
};
use crate::i18n::{fill, use_texts};
use crate::islands::live_updates::{live_region, LiveUpdates};
use crate::islands::suggest::Suggest;
use crate::model::{Neighbourhood, PlaceSummary};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// The resident's neighbourhood: what is open now, what happens today and this week, and its
/// places. Before they chose one: the choice, and a few places open now.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let home = Resource::new(|| (), |_| home_view());
    let query = leptos_router::hooks::use_query_map();
    let deleted = move || {
        query
            .read()
            .get("account")
            .is_some_and(|v| v == "verwijderd")
    };

    view! {
        <Title text=""/>
        {move || deleted().then(|| view! { <p class="notice" role="status">{t.account_deleted}</p> })}
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(Home::Chosen { neighbourhood, only, open, open_total, next, next_is_today, next_more, places_total }) => {
                        Either::Left(Either::Left(view! {
                            <ChosenHome neighbourhood only open open_total next next_is_today next_more places_total/>
                        }))
                    }
                    Ok(Home::Unchosen { open, open_total, upcoming }) => {
                        Either::Left(Either::Right(view! { <UnchosenHome open open_total upcoming/> }))
                    }
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

/// The chosen neighbourhood's home, short enough for a phone: what is open now and what
/// happens today lead; all places, the whole week, the map and the conversations are one
/// link away.
#[component]
fn ChosenHome(
    neighbourhood: Neighbourhood,
    only: bool,
    open: Vec<PlaceSummary>,
    open_total: usize,
    next: Vec<crate::model::activity::OccurrenceView>,
    next_is_today: bool,
    next_more: bool,
    places_total: usize,
) -> impl IntoView {
    let t = use_texts();
    let forget = ServerAction::<ForgetNeighbourhood>::new();
    let slug = neighbourhood.slug.clone();
    let encoded = crate::model::filter::encode_query_value(&slug);
    let all_places = format!("/plekken?buurt={encoded}");
    let all_open = format!("{all_places}&open=1");
    let all_week = format!("/activiteiten?buurt={encoded}&week=1");
    let map = format!("/kaart?buurt={encoded}");
    let name = neighbourhood.name.clone();
    view! {
        <section class="intro">
            {if only {
                Either::Left(view! {
                    <h1>{t.home_title}</h1>
                    <p class="lead">{t.home_intro}</p>
                })
            } else {
                Either::Right(view! {
                    <h1>{fill(t.home_neighbourhood_title, &[("name", &neighbourhood.name)])}</h1>
                    <p class="lead">{neighbourhood.description.clone()}</p>
                })
            }}
            {(!only).then(|| view! {
                <div class="chosen-neighbourhood">
                    <p>{fill(t.home_neighbourhood_chosen, &[("name", &neighbourhood.name), ("city", &neighbourhood.city)])}</p>
                    <ActionForm action=forget attr:class="inline-form">
                        <button type="submit" class="button button--quiet">{t.home_neighbourhood_change}</button>
                    </ActionForm>
                </div>
            })}
        </section>
        // When a host in this neighbourhood switches a light on or off, the places follow.
        <LiveUpdates/>
        <div id="voorpagina" data-live=live_region(&format!("/licht/live?buurt={slug}"), "light")>
            <OpenNow places=open total=open_total more_href=all_open/>
            <section class="upcoming" aria-labelledby="vandaag">
                <h2 id="vandaag">
                    {if next_is_today || next.is_empty() { t.home_today_heading } else { t.home_upcoming_heading }}
                </h2>
                {if next.is_empty() {
                    Either::Left(view! { <p class="empty">{t.home_upcoming_none}</p> })
                } else {
                    Either::Right(view! {
                        {(!next_is_today).then(|| view! { <p class="empty">{t.home_today_none}</p> })}
                        <OccurrencesByDay occurrences=next level=3/>
                    })
                }}
                <p class="more">
                    <a href=all_week>{if next_more { t.home_today_more } else { t.home_week_link }}</a>
                </p>
            </section>
            <section class="neighbourhood" aria-labelledby="buurt-plekken">
                <h2 id="buurt-plekken">{fill(t.home_places_heading, &[("name", &name)])}</h2>
                <ul class="link-list">
                    <li>
                        <a href=all_places>
                            {t.home_neighbourhood_all.fill(places_total, &[("name", &name)])}
                        </a>
                    </li>
                    <li><a href=map>{t.home_map_link}</a></li>
                    <li><a href="/gesprekken">{t.home_threads_link}</a></li>
                </ul>
            </section>
        </div>
    }
}

#[component]
fn UnchosenHome(
    open: Vec<PlaceSummary>,
    open_total: usize,
    upcoming: Vec<crate::model::activity::OccurrenceView>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="intro">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
        </section>
        <NeighbourhoodPicker value=String::new()/>
        <LiveUpdates/>
        <div id="voorpagina" data-live=live_region("/licht/live", "light")>
            <OpenNow places=open total=open_total more_href="/plekken?open=1".to_string()/>
            <section class="upcoming" aria-labelledby="binnenkort">
                <h2 id="binnenkort">{t.home_upcoming_heading}</h2>
                {if upcoming.is_empty() {
                    Either::Left(view! { <p class="empty">{t.home_upcoming_none}</p> })
                } else {
                    Either::Right(view! { <OccurrencesByDay occurrences=upcoming level=3/> })
                }}
                <p class="more"><a href="/activiteiten">{t.home_all_activities}</a></p>
            </section>
            <p class="more"><a href="/plekken">{t.home_all_places}</a></p>
        </div>
    }
}

/// Choosing a neighbourhood by its name or a postcode: a plain form that the server
/// answers, with suggestions as one types when JavaScript runs.
#[component]
pub fn NeighbourhoodPicker(
    value: String,
    /// Why what was typed did not name a neighbourhood, shown beside the field.
    #[prop(optional_no_strip)]
    error: Option<&'static str>,
) -> impl IntoView {
    let t = use_texts();
    let choose = ServerAction::<ChooseNeighbourhood>::new();
    view! {
        <section class="picker" aria-labelledby="buurt-kiezen-kop">
            <h2 id="buurt-kiezen-kop">{t.picker_heading}</h2>
            <ActionForm action=choose attr:class="picker__form">
                <label for="buurt-kiezen">{t.picker_label}</label>
                <p class="field-hint" id="buurt-kiezen-hint">{t.picker_hint}</p>
                <div class="picker__row">
                    <Suggest>
                        <input
                            type="text"
                            id="buurt-kiezen"
                            name="buurt"
                            list="buurt-kiezen-lijst"
                            data-suggest="buurten"
                            autocomplete="off"
                            required
                            maxlength=crate::model::filter::MAX_QUERY_CHARS
                            aria-describedby=if error.is_some() {
                                "buurt-kiezen-hint buurt-kiezen-fout"
                            } else {
                                "buurt-kiezen-hint"
                            }
                            aria-invalid=error.map(|_| "true")
                            value=value
                        />
                        <datalist id="buurt-kiezen-lijst"></datalist>
                    </Suggest>
                    <button type="submit" class="button">{t.picker_submit}</button>
                </div>
                {error.map(|error| view! { <p class="field-error" id="buurt-kiezen-fout">{error}</p> })}
            </ActionForm>
        </section>
    }
}

#[component]
fn OpenNow(places: Vec<PlaceSummary>, total: usize, more_href: String) -> impl IntoView {
    let t = use_texts();
    let more = total > places.len();
    view! {
        <section class="open-now" aria-labelledby="nu-open">
            <h2 id="nu-open">{t.home_open_heading}</h2>
            {if places.is_empty() {
                Either::Left(view! { <p class="empty">{t.home_open_none}</p> })
            } else {
                Either::Right(view! { <PlaceList places compact=true/> })
            }}
            {more.then(|| view! {
                <p class="more">
                    <a href=more_href>
                        {t.home_open_all.of(total)}
                    </a>
                </p>
            })}
        </section>
    }
}
