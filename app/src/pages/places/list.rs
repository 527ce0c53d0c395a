use crate::api::places::search_places;
use crate::components::{error_page::ErrorPage, place_card::PlaceList};
use crate::i18n::{fill, use_texts};
use crate::islands::{
    live_filter::LiveFilter,
    live_updates::{live_region, LiveUpdates},
    suggest::Suggest,
};
use crate::model::{
    filter::MAX_QUERY_CHARS, Feature, FilterError, FilterField, Neighbourhood, PlaceFilter,
    PlaceKind, PlaceQuery,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The directory: a GET form, so every filtered list has a URL that can be shared, and that
/// works without JavaScript. With JavaScript a changed choice applies at once, in place.
#[component]
pub fn PlacesPage() -> impl IntoView {
    let t = use_texts();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        PlaceQuery::from_pairs(
            ["soort", "buurt", "kenmerk", "open", "q", "pagina"]
                .into_iter()
                .filter_map(|name| map.get_str(name).map(|value| (name, value))),
        )
    });
    let parsed = Memo::new(move |_| query.get().parse());
    let search = Resource::new(move || query.get(), search_places);

    #[cfg(feature = "ssr")]
    if !parsed.get_untracked().1.is_empty() {
        crate::state::set_status(400);
    }

    view! {
        <Title text=t.places_title/>
        <h1>{t.places_title}</h1>
        <p class="lead">{t.places_intro}</p>
        <LiveUpdates/>
        <LiveFilter>
        <form method="get" action="/plekken" class="filters" aria-labelledby="filter-kop"
            data-regions=format!("{RESULTS} filter-samenvatting buurt-meldingen")>
            <h2 id="filter-kop" class="visually-hidden">{t.filter_heading}</h2>
            <div id="filter-samenvatting">
                <Suspense>
                    {move || Suspend::new(async move {
                        let refused = !parsed.read_untracked().1.is_empty()
                            || search.await.is_ok_and(|result| !result.errors.is_empty());
                        refused.then(|| view! {
                            <p class="form-summary" role="alert">{t.filter_errors_summary}</p>
                        })
                    })}
                </Suspense>
            </div>
            <FilterFields query parsed reset="/plekken">
                <ResolvedNeighbourhoodField path="/plekken" query parsed found=search/>
            </FilterFields>
        </form>
        <section
            class="results"
            id=RESULTS
            data-live=live_region("/licht/live", "light")
            aria-labelledby="resultaten"
            aria-live="polite"
        >
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match search.await {
                        Ok(result) => {
                            let count = result.total;
                            let heading = if result.total_more {
                                fill(t.places_count_more, &[("count", &count.to_string())])
                            } else {
                                t.places_count.of(count)
                            };
                            Either::Left(view! {
                                <h2 id="resultaten">{heading}</h2>
                                {if result.places.is_empty() {
                                    Either::Left(view! { <p class="empty">{t.places_none}</p> })
                                } else {
                                    Either::Right(view! { <PlaceList places=result.places/> })
                                }}
                                <Pager query=query.get_untracked() page=result.page pages=result.pages known=!result.total_more/>
                            })
                        }
                        Err(error) => Either::Right(view! { <ErrorPage error/> }),
                    }
                })}
            </Transition>
        </section>
        </LiveFilter>
    }
}

/// The directory's filter fields, for every page that filters places (`/plekken`,
/// `/kaart`); the neighbourhood field, which waits for the server's answer, is the children.
#[component]
pub fn FilterFields(
    query: Memo<PlaceQuery>,
    parsed: Memo<(PlaceFilter, Vec<FilterError>)>,
    /// Where "show all" leads.
    reset: &'static str,
    children: Children,
) -> impl IntoView {
    let t = use_texts();
    let error_for = move |field: FilterField| parsed_error(parsed, field);
    let filter = move || parsed.get().0;
    view! {
        <div class="field field--wide">
            <label for="q">{t.filter_text_label}</label>
            <input
                type="search"
                id="q"
                name="q"
                maxlength=MAX_QUERY_CHARS
                value=move || query.read().text.clone().unwrap_or_default()
                aria-invalid=move || error_for(FilterField::Text).map(|_| "true")
                aria-describedby=move || error_for(FilterField::Text).map(|_| error_id(FilterField::Text))
            />
            <FieldError field=FilterField::Text error=Signal::derive(move || error_for(FilterField::Text))/>
        </div>
        <ChoiceField
            field=FilterField::Kind
            label=t.filter_kind_label
            any=t.filter_kind_any
            options=PlaceKind::ALL.map(|k| (k.slug().to_string(), k.label(t).to_string())).to_vec()
            chosen=Signal::derive(move || filter().kind.map(|k| k.slug().to_string()))
            error=Signal::derive(move || error_for(FilterField::Kind))
        />
        {children()}
        <ChoiceField
            field=FilterField::Feature
            label=t.filter_feature_label
            any=t.filter_feature_any
            options=Feature::ALL.map(|f| (f.slug().to_string(), f.label(t).to_string())).to_vec()
            chosen=Signal::derive(move || filter().feature.map(|f| f.slug().to_string()))
            error=Signal::derive(move || error_for(FilterField::Feature))
        />
        <div class="field field--check">
            <input
                type="checkbox"
                id="open"
                name="open"
                value="1"
                checked=move || filter().open_now
                prop:checked=move || filter().open_now
                aria-invalid=move || error_for(FilterField::OpenNow).map(|_| "true")
                aria-describedby=move || error_for(FilterField::OpenNow).map(|_| error_id(FilterField::OpenNow))
            />
            <label for="open">{t.filter_open_label}</label>
            <FieldError field=FilterField::OpenNow error=Signal::derive(move || error_for(FilterField::OpenNow))/>
        </div>
        <div class="actions">
            <button type="submit" class="button">{t.filter_submit}</button>
            <a href=reset>{t.filter_reset}</a>
        </div>
    }
}

/// The problem the query's own check found with `field`.
pub fn parsed_error(
    parsed: Memo<(PlaceFilter, Vec<FilterError>)>,
    field: FilterField,
) -> Option<FilterError> {
    parsed.read().1.iter().copied().find(|e| e.field == field)
}

/// What a page's answer says about the neighbourhood field: the name of the neighbourhood
/// it found, the problem with what was typed, and the neighbourhoods it could be.
pub trait NamesNeighbourhood {
    fn neighbourhood_field(self) -> (Option<String>, Option<FilterError>, Vec<Neighbourhood>);
}

impl NamesNeighbourhood for crate::model::PlaceSearch {
    fn neighbourhood_field(self) -> (Option<String>, Option<FilterError>, Vec<Neighbourhood>) {
        field_state(self.neighbourhood, &self.errors, self.neighbourhood_choices)
    }
}

impl NamesNeighbourhood for crate::model::map::PlaceMap {
    fn neighbourhood_field(self) -> (Option<String>, Option<FilterError>, Vec<Neighbourhood>) {
        field_state(self.neighbourhood, &self.errors, self.neighbourhood_choices)
    }
}

fn field_state(
    found: Option<Neighbourhood>,
    errors: &[FilterError],
    choices: Vec<Neighbourhood>,
) -> (Option<String>, Option<FilterError>, Vec<Neighbourhood>) {
    let error = errors
        .iter()
        .copied()
        .find(|e| e.field == FilterField::Neighbourhood);
    (found.map(|n| n.name), error, choices)
}

/// The neighbourhood field once the server has looked up what was typed (the page's
/// status is 400 when it named none).
#[component]
pub fn ResolvedNeighbourhoodField<T>(
    path: &'static str,
    query: Memo<PlaceQuery>,
    parsed: Memo<(PlaceFilter, Vec<FilterError>)>,
    found: Resource<Result<T, crate::error::AppError>>,
) -> impl IntoView
where
    T: NamesNeighbourhood
        + Clone
        + Send
        + Sync
        + serde::Serialize
        + serde::de::DeserializeOwned
        + 'static,
{
    let typed = move || query.get_untracked().neighbourhood.unwrap_or_default();
    view! {
        <Suspense fallback=move || view! { <NeighbourhoodField path value=typed() error=None choices=Vec::new()/> }>
            {move || Suspend::new(async move {
                let (value, error, choices) = match found.await {
                    Ok(result) => {
                        let (name, error, choices) = result.neighbourhood_field();
                        (name.unwrap_or_else(typed), error, choices)
                    }
                    Err(_) => (typed(), None, Vec::new()),
                };
                #[cfg(feature = "ssr")]
                if error.is_some() {
                    crate::state::set_status(400);
                }
                let error = error.or_else(|| parsed_error(parsed, FilterField::Neighbourhood));
                view! { <NeighbourhoodField path value error choices/> }
            })}
        </Suspense>
    }
}

/// The part of the page a filter or a light changes.
const RESULTS: &str = "plekken-resultaten";

/// The neighbourhood, typed: a name, a postcode or a slug, with suggestions as one types
/// when JavaScript runs. When what was typed fits several, they are offered as links.
#[component]
pub fn NeighbourhoodField(
    /// The page the neighbourhoods it could be link to.
    path: &'static str,
    value: String,
    error: Option<FilterError>,
    choices: Vec<crate::model::Neighbourhood>,
) -> impl IntoView {
    let t = use_texts();
    let field = FilterField::Neighbourhood;
    let id = field.param();
    // The message may come later, in place (the live filter): the field names it anyway.
    let described = format!("{id}-hint {}", error_id(field));
    view! {
        <div class="field">
            <label for=id>{t.filter_neighbourhood_label}</label>
            <Suggest>
                <input
                    type="text"
                    id=id
                    name=id
                    list="buurt-lijst"
                    data-suggest="buurten"
                    data-follow=""
                    autocomplete="off"
                    maxlength=MAX_QUERY_CHARS
                    value=value
                    aria-invalid=error.map(|_| "true")
                    aria-describedby=described
                />
                <datalist id="buurt-lijst"></datalist>
            </Suggest>
            <p class="field-hint" id=format!("{id}-hint")>{t.filter_neighbourhood_hint}</p>
            <div id="buurt-meldingen">
            {error.map(|error| view! { <p class="field-error" id=error_id(field)>{error.message(t)}</p> })}
            {(!choices.is_empty()).then(|| view! {
                <ul class="choices">
                    {choices.into_iter().map(|n| view! {
                        <li>
                            <a href=format!("{path}?buurt={}", crate::model::filter::encode_query_value(&n.slug))>
                                {n.name.clone()}
                            </a>
                            " " <span class="series-list__meta">{n.city.clone()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            </div>
        </div>
    }
}

/// A select that offers "any" and then one option per value; with JavaScript a change
/// applies at once.
#[component]
fn ChoiceField(
    field: FilterField,
    label: &'static str,
    any: &'static str,
    /// (value, label) pairs.
    options: Vec<(String, String)>,
    chosen: Signal<Option<String>>,
    error: Signal<Option<FilterError>>,
) -> impl IntoView {
    let id = field.param();
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let is_chosen = {
                let value = value.clone();
                move || chosen.read().as_deref() == Some(value.as_str())
            };
            view! {
                <option value=value selected=is_chosen.clone() prop:selected=is_chosen>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                name=id
                aria-invalid=move || error.read().map(|_| "true")
                aria-describedby=move || error.read().map(|_| error_id(field))
            >
                <option value="">{any}</option>
                {options}
            </select>
            <FieldError field error/>
        </div>
    }
}

fn error_id(field: FilterField) -> String {
    format!("{}-fout", field.param())
}

#[component]
fn FieldError(field: FilterField, error: Signal<Option<FilterError>>) -> impl IntoView {
    let t = use_texts();
    move || {
        error
            .get()
            .map(|error| view! { <p class="field-error" id=error_id(field)>{error.message(t)}</p> })
    }
}

/// The directory address of another page of the same results.
fn page_href(query: &PlaceQuery, page: usize) -> String {
    query.href("/plekken", page)
}

/// Links to the previous and next page of results, when there are more than one.
#[component]
fn Pager(
    query: PlaceQuery,
    page: usize,
    pages: usize,
    /// Whether `pages` is the real number of pages (not known for a common search word).
    known: bool,
) -> impl IntoView {
    let t = use_texts();
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t.places_page_nav>
                {(page > 1).then(|| view! {
                    <a href=page_href(&query, page - 1) rel="prev">{t.places_page_previous}</a>
                })}
                <span>
                    {if known {
                        fill(t.places_page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])
                    } else {
                        fill(t.places_page, &[("page", &page.to_string())])
                    }}
                </span>
                {(page < pages).then(|| view! {
                    <a href=page_href(&query, page + 1) rel="next">{t.places_page_next}</a>
                })}
            </nav>
        }
    })
}

#[cfg(test)]
mod pager_tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filter_and_encode_it() {
        let query = PlaceQuery {
            kind: Some("cafe".into()),
            text: Some("koffie & thee".into()),
            page: Some("2".into()),
            ..Default::default()
        };
        assert_eq!(
            page_href(&query, 3),
            "/plekken?soort=cafe&q=koffie%20%26%20thee&pagina=3"
        );
        assert_eq!(
            page_href(&query, 1),
            "/plekken?soort=cafe&q=koffie%20%26%20thee"
        );
        assert_eq!(page_href(&PlaceQuery::default(), 1), "/plekken");
    }
}
