use crate::api::places::{list_neighbourhoods, search_places};
use crate::components::{error_page::ErrorPage, place_card::PlaceList};
use crate::i18n::{fill, use_texts};
use crate::model::{
    filter::MAX_QUERY_CHARS, Feature, FilterError, FilterField, PlaceKind, PlaceQuery,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

/// The directory: a GET form, so every filtered list has a URL that can be shared, and that
/// works without JavaScript. With JavaScript the router fetches the new list in place.
#[component]
pub fn PlacesPage() -> impl IntoView {
    let t = use_texts();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        PlaceQuery::from_pairs(
            ["soort", "buurt", "kenmerk", "open", "q"]
                .into_iter()
                .filter_map(|name| map.get_str(name).map(|value| (name, value))),
        )
    });
    let parsed = Memo::new(move |_| query.get().parse());
    let search = Resource::new(move || query.get(), search_places);
    let neighbourhoods = Resource::new(|| (), |_| list_neighbourhoods());

    #[cfg(feature = "ssr")]
    if !parsed.get_untracked().1.is_empty() {
        crate::state::set_status(400);
    }

    let error_for = move |field: FilterField| -> Option<FilterError> {
        parsed.read().1.iter().copied().find(|e| e.field == field)
    };
    let filter = move || parsed.get().0;

    view! {
        <Title text=t.places_title/>
        <h1>{t.places_title}</h1>
        <p class="lead">{t.places_intro}</p>
        <Form method="get" action="/plekken" attr:class="filters" attr:aria-labelledby="filter-kop">
            <h2 id="filter-kop" class="visually-hidden">{t.filter_heading}</h2>
            {move || (!parsed.read().1.is_empty()).then(|| view! {
                <p class="form-summary" role="alert">{t.filter_errors_summary}</p>
            })}
            <div class="field field--wide">
                <label for="q">{t.filter_text_label}</label>
                <input
                    type="search"
                    id="q"
                    name="q"
                    maxlength=MAX_QUERY_CHARS
                    value=move || query.read().q.clone().unwrap_or_default()
                    aria-invalid=move || error_for(FilterField::Text).map(|_| "true")
                    aria-describedby=move || error_for(FilterField::Text).map(|_| "q-fout")
                />
                <FieldError id="q-fout" error=Signal::derive(move || error_for(FilterField::Text))/>
            </div>
            <div class="field">
                <label for="soort">{t.filter_kind_label}</label>
                <select
                    id="soort"
                    name="soort"
                    on:change=submit_on_change
                    aria-invalid=move || error_for(FilterField::Kind).map(|_| "true")
                    aria-describedby=move || error_for(FilterField::Kind).map(|_| "soort-fout")
                >
                    <option value="">{t.filter_kind_any}</option>
                    {PlaceKind::ALL
                        .into_iter()
                        .map(|kind| view! {
                            <option value=kind.slug() selected=move || filter().kind == Some(kind) prop:selected=move || filter().kind == Some(kind)>
                                {kind.label(t)}
                            </option>
                        })
                        .collect_view()}
                </select>
                <FieldError id="soort-fout" error=Signal::derive(move || error_for(FilterField::Kind))/>
            </div>
            <Suspense>
                {move || Suspend::new(async move {
                    let options = neighbourhoods
                        .await
                        .unwrap_or_default()
                        .into_iter()
                        .map(|n| {
                            let slug = n.slug.clone();
                            let chosen = move || filter().neighbourhood.as_deref() == Some(slug.as_str());
                            view! {
                                <option value=n.slug selected=chosen.clone() prop:selected=chosen>
                                    {n.name}
                                </option>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="field">
                            <label for="buurt">{t.filter_neighbourhood_label}</label>
                            <select
                                id="buurt"
                                name="buurt"
                                on:change=submit_on_change
                                aria-invalid=move || error_for(FilterField::Neighbourhood).map(|_| "true")
                                aria-describedby=move || error_for(FilterField::Neighbourhood).map(|_| "buurt-fout")
                            >
                                <option value="">{t.filter_neighbourhood_any}</option>
                                {options}
                            </select>
                            <FieldError id="buurt-fout" error=Signal::derive(move || error_for(FilterField::Neighbourhood))/>
                        </div>
                    }
                })}
            </Suspense>
            <div class="field">
                <label for="kenmerk">{t.filter_feature_label}</label>
                <select
                    id="kenmerk"
                    name="kenmerk"
                    on:change=submit_on_change
                    aria-invalid=move || error_for(FilterField::Feature).map(|_| "true")
                    aria-describedby=move || error_for(FilterField::Feature).map(|_| "kenmerk-fout")
                >
                    <option value="">{t.filter_feature_any}</option>
                    {Feature::ALL
                        .into_iter()
                        .map(|feature| view! {
                            <option value=feature.slug() selected=move || filter().feature == Some(feature) prop:selected=move || filter().feature == Some(feature)>
                                {feature.label(t)}
                            </option>
                        })
                        .collect_view()}
                </select>
                <FieldError id="kenmerk-fout" error=Signal::derive(move || error_for(FilterField::Feature))/>
            </div>
            <div class="field field--check">
                <input
                    type="checkbox"
                    id="open"
                    name="open"
                    value="1"
                    checked=move || filter().open_now
                    prop:checked=move || filter().open_now
                    on:change=submit_on_change
                    aria-invalid=move || error_for(FilterField::OpenNow).map(|_| "true")
                    aria-describedby=move || error_for(FilterField::OpenNow).map(|_| "open-fout")
                />
                <label for="open">{t.filter_open_label}</label>
                <FieldError id="open-fout" error=Signal::derive(move || error_for(FilterField::OpenNow))/>
            </div>
            <div class="actions">
                <button type="submit" class="button">{t.filter_submit}</button>
                <a href="/plekken">{t.filter_reset}</a>
            </div>
        </Form>
        <section class="results" aria-labelledby="resultaten" aria-live="polite">
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match search.await {
                        Ok(result) => {
                            let count = result.places.len();
                            let heading = if count == 1 {
                                t.places_count_one.to_string()
                            } else {
                                fill(t.places_count_other, &[("count", &count.to_string())])
                            };
                            Either::Left(view! {
                                <h2 id="resultaten">{heading}</h2>
                                {if result.places.is_empty() {
                                    Either::Left(view! { <p class="empty">{t.places_none}</p> })
                                } else {
                                    Either::Right(view! { <PlaceList places=result.places/> })
                                }}
                            })
                        }
                        Err(error) => Either::Right(view! { <ErrorPage error/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn FieldError(id: &'static str, error: Signal<Option<FilterError>>) -> impl IntoView {
    let t = use_texts();
    move || {
        error
            .get()
            .map(|error| view! { <p class="field-error" id=id>{error.message(t)}</p> })
    }
}

/// With JavaScript, a changed choice applies at once; without it, the submit button does.
fn submit_on_change(ev: leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    let form = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("form").ok().flatten())
        .and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok());
    if let Some(form) = form {
        let _ = form.request_submit();
    }
}
