use crate::api::activities::{list_activities, ActivityQuery};
use crate::components::{error_page::ErrorPage, occurrence::OccurrencesByDay};
use crate::i18n::use_texts;
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
            plek: map.get("plek"),
            soort: map.get("soort"),
            gratis: map.get("gratis"),
            week: map.get("week"),
            buurt: map.get("buurt"),
        }
    });
    let list = Resource::new(move || query.get(), list_activities);
    let places = Resource::new(
        || (),
        |_| crate::api::places::search_places(Default::default()),
    );
    let neighbourhoods = Resource::new(|| (), |_| crate::api::places::list_neighbourhoods());
    let chosen = move |value: Option<String>, option: &str| value.as_deref() == Some(option);
    view! {
        <Title text=t.activities_title/>
        <h1>{t.activities_title}</h1>
        <p class="lead">{t.activities_intro}</p>
        <Form method="get" action="/activiteiten" attr:class="filters">
            <div class="field">
                <label for="plek">{t.activities_filter_place}</label>
                <select id="plek" name="plek">
                    <option value="">{t.activities_filter_any_place}</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            places.await.map(|s| s.places).unwrap_or_default().into_iter().map(|p| {
                                let selected = chosen(query.read_untracked().plek.clone(), &p.slug);
                                view! { <option value=p.slug.clone() selected=selected>{p.name}</option> }
                            }).collect_view()
                        })}
                    </Suspense>
                </select>
            </div>
            <div class="field">
                <label for="buurt">{t.activities_filter_neighbourhood}</label>
                <select id="buurt" name="buurt">
                    <option value="">{t.activities_filter_any_neighbourhood}</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            neighbourhoods.await.unwrap_or_default().into_iter().map(|n| {
                                let selected = chosen(query.read_untracked().buurt.clone(), &n.slug);
                                view! { <option value=n.slug.clone() selected=selected>{n.name}</option> }
                            }).collect_view()
                        })}
                    </Suspense>
                </select>
            </div>
            <div class="field">
                <label for="soort">{t.filter_kind_label}</label>
                <select id="soort" name="soort">
                    <option value="">{t.filter_kind_any}</option>
                    {PlaceKind::ALL.into_iter().map(|k| {
                        let selected = chosen(query.read_untracked().soort.clone(), k.slug());
                        view! { <option value=k.slug() selected=selected>{k.label(t)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field field--check">
                <input type="checkbox" id="gratis" name="gratis" value="1" checked=move || query.read().gratis.is_some()/>
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
        {move || {
            let query = query.get();
            let base = match (query.plek.filter(|s| !s.is_empty()), query.buurt.filter(|s| !s.is_empty())) {
                (Some(place), _) => Some(format!("/plekken/{place}")),
                (None, Some(neighbourhood)) => Some(format!("/buurten/{neighbourhood}")),
                (None, None) => None,
            };
            base.map(|base| view! {
                <p class="agenda-links">
                    <a href=format!("{base}/week")>{t.activities_print_link}</a>
                    " · "
                    <a href=format!("{base}/agenda.ics")>{t.activities_subscribe_link}</a>
                </p>
            })
        }}
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let occurrences = list.occurrences;
                        Either::Left(view! {
                            {list.more.then(|| view! { <p class="notice" role="status">{t.activities_capped}</p> })}
                            <OccurrencesByDay occurrences/>
                        })
                    }
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}
