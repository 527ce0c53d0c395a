use crate::api::activities::{list_activities, ActivityQuery};
use crate::components::{error_page::ErrorPage, occurrence::OccurrencesByDay};
use crate::i18n::use_texts;
use crate::islands::suggest::Suggest;
use crate::model::activity::ActivityList;
use crate::model::PlaceKind;
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

/// What happens in the coming weeks, by day, with filters in a GET form (shareable URLs,
/// works without JavaScript).
#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let t = use_texts();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        ActivityQuery {
            place: map.get("plek"),
            kind: map.get("soort"),
            free: map.get("gratis"),
            week: map.get("week"),
            neighbourhood: map.get("buurt"),
            from: map.get("vanaf"),
        }
    });
    let list = Resource::new(move || query.get(), list_activities);
    let chosen = move |value: Option<String>, option: &str| value.as_deref() == Some(option);
    view! {
        <Title text=t.activities_title/>
        <h1>{t.activities_title}</h1>
        <p class="lead">{t.activities_intro}</p>
        <Form method="get" action="/activiteiten" attr:class="filters">
            <Suspense fallback=move || view! {
                <PlaceAndNeighbourhood
                    place=query.get_untracked().place.unwrap_or_default()
                    neighbourhood=query.get_untracked().neighbourhood.unwrap_or_default()
                    list=ActivityList::default()
                />
            }>
                {move || Suspend::new(async move {
                    let typed = query.get_untracked();
                    let found = list.await.unwrap_or_default();
                    let place = found
                        .place
                        .clone()
                        .map(|(_, name)| name)
                        .unwrap_or_else(|| typed.place.clone().unwrap_or_default());
                    let neighbourhood = found
                        .neighbourhood
                        .as_ref()
                        .map(|n| n.name.clone())
                        .unwrap_or_else(|| typed.neighbourhood.clone().unwrap_or_default());
                    view! { <PlaceAndNeighbourhood place neighbourhood list=found/> }
                })}
            </Suspense>
            <div class="field">
                <label for="soort">{t.filter_kind_label}</label>
                <select id="soort" name="soort">
                    <option value="">{t.filter_kind_any}</option>
                    {PlaceKind::ALL.into_iter().map(|k| {
                        let selected = chosen(query.read_untracked().kind.clone(), k.slug());
                        view! { <option value=k.slug() selected=selected>{k.label(t)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field field--check">
                <input type="checkbox" id="gratis" name="gratis" value="1" checked=move || query.read().free.is_some()/>
                <label for="gratis">{t.activities_filter_free}</label>
            </div>
            <div class="field field--check">
                <input type="checkbox" id="week" name="week" value="1" checked=move || query.read().week.is_some()/>
                <label for="week">{t.activities_filter_week}</label>
            </div>
            <div class="actions">
                <button type="submit" class="button">{t.activities_filter_submit}</button>
                <a href="/activiteiten">{t.filter_reset}</a>
            </div>
        </Form>
        // The week to print and the calendar of what the list shows: the place or
        // neighbourhood as the server resolved it (typed, or the resident's own).
        <Suspense>
            {move || Suspend::new(async move {
                let found = list.await.ok()?;
                let (base, atom) = match (found.place, found.neighbourhood) {
                    (Some((slug, _)), _) => (format!("/plekken/{slug}"), None),
                    (None, Some(n)) => {
                        let base = format!("/buurten/{}", n.slug);
                        (base.clone(), Some(format!("{base}/agenda.atom")))
                    }
                    (None, None) => return None,
                };
                Some(view! {
                    {atom.clone().map(|href| view! {
                        <leptos_meta::Link rel="alternate" type_="application/atom+xml" href title=t.feed_agenda_link/>
                    })}
                    <p class="agenda-links">
                        <a href=format!("{base}/week")>{t.activities_print_link}</a>
                        " · "
                        <a href=format!("{base}/agenda.ics")>{t.activities_subscribe_link}</a>
                        {atom.map(|href| view! { " · " <a href=href>{t.feed_agenda_link}</a> })}
                    </p>
                })
            })}
        </Suspense>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let occurrences = list.occurrences;
                        let current = query.get_untracked();
                        let asked = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.trim().is_empty());
                        let filtered = asked(&current.place)
                            || asked(&current.kind)
                            || asked(&current.free)
                            || asked(&current.week)
                            || asked(&current.neighbourhood);
                        let empty = if filtered { t.activities_none } else { t.activities_none_planned };
                        let next = list.next.map(|next| current.href(Some(&next)));
                        let first = (!list.first_page).then(|| current.href(None));
                        Either::Left(view! {
                            <OccurrencesByDay occurrences empty/>
                            {(next.is_some() || first.is_some()).then(|| view! {
                                <nav class="pager" aria-label=t.places_page_nav>
                                    {first.map(|href| view! { <a href=href rel="prev">{t.activities_page_first}</a> })}
                                    " "
                                    {next.map(|href| view! { <a href=href rel="next">{t.activities_page_next}</a> })}
                                </nav>
                            })}
                        })
                    }
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

/// The place and neighbourhood fields: typed, with suggestions as one types when JavaScript
/// runs; text that names none exactly gets a message and the ones it could be.
#[component]
fn PlaceAndNeighbourhood(
    place: String,
    neighbourhood: String,
    list: ActivityList,
) -> impl IntoView {
    let t = use_texts();
    let place_error = list.place_unknown.then_some({
        if list.place_choices.is_empty() {
            t.activities_error_place
        } else {
            t.activities_error_place_ambiguous
        }
    });
    let neighbourhood_error = list.neighbourhood_unknown.then_some({
        if list.neighbourhood_choices.is_empty() {
            t.filter_error_neighbourhood
        } else {
            t.filter_error_neighbourhood_ambiguous
        }
    });
    #[cfg(feature = "ssr")]
    if place_error.is_some() || neighbourhood_error.is_some() {
        crate::state::set_status(400);
    }
    view! {
        <div class="field">
            <label for="plek">{t.activities_filter_place}</label>
            <Suggest>
                <input type="text" id="plek" name="plek" list="plek-lijst" data-suggest="plekken"
                    autocomplete="off" maxlength=crate::model::filter::MAX_QUERY_CHARS value=place
                    aria-invalid=place_error.map(|_| "true")
                    aria-describedby=if place_error.is_some() { "plek-hint plek-fout" } else { "plek-hint" }/>
                <datalist id="plek-lijst"></datalist>
            </Suggest>
            <p class="field-hint" id="plek-hint">{t.activities_place_hint}</p>
            {place_error.map(|error| view! { <p class="field-error" id="plek-fout">{error}</p> })}
            {(!list.place_choices.is_empty()).then(|| view! {
                <ul class="choices">
                    {list.place_choices.into_iter().map(|(slug, name)| view! {
                        <li><a href=format!("/activiteiten?plek={}", crate::model::filter::encode_query_value(&slug))>{name}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </div>
        <div class="field">
            <label for="buurt">{t.activities_filter_neighbourhood}</label>
            <Suggest>
                <input type="text" id="buurt" name="buurt" list="buurt-lijst" data-suggest="buurten"
                    autocomplete="off" maxlength=crate::model::filter::MAX_QUERY_CHARS value=neighbourhood
                    aria-invalid=neighbourhood_error.map(|_| "true")
                    aria-describedby=if neighbourhood_error.is_some() { "buurt-hint buurt-fout" } else { "buurt-hint" }/>
                <datalist id="buurt-lijst"></datalist>
            </Suggest>
            <p class="field-hint" id="buurt-hint">{t.filter_neighbourhood_hint}</p>
            {neighbourhood_error.map(|error| view! { <p class="field-error" id="buurt-fout">{error}</p> })}
            {(!list.neighbourhood_choices.is_empty()).then(|| view! {
                <ul class="choices">
                    {list.neighbourhood_choices.into_iter().map(|n| view! {
                        <li>
                            <a href=format!("/activiteiten?buurt={}", crate::model::filter::encode_query_value(&n.slug))>{n.name.clone()}</a>
                            " " <span class="series-list__meta">{n.city.clone()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}
