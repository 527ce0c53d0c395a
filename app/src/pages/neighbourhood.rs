use crate::api::places::{find_neighbourhoods, ChooseNeighbourhood};
use crate::components::error_page::ErrorPage;
use crate::i18n::{fill, use_texts};
use crate::pages::home::NeighbourhoodPicker;
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Choosing one's neighbourhood: the field, and for what was typed the neighbourhoods it
/// could be, each chosen with one button.
#[component]
pub fn NeighbourhoodPage() -> impl IntoView {
    let t = use_texts();
    let query_map = use_query_map();
    let typed = Memo::new(move |_| {
        query_map
            .read()
            .get("q")
            .and_then(|q| crate::model::filter::clean_search_text(&q))
    });
    let empty = Memo::new(move |_| query_map.read().get("leeg").is_some());
    let found = Resource::new(
        move || typed.get(),
        |typed| async move {
            match typed {
                Some(q) => find_neighbourhoods(q).await,
                None => Ok(Vec::new()),
            }
        },
    );
    let choose = ServerAction::<ChooseNeighbourhood>::new();
    view! {
        <Title text=t.picker_title/>
        <h1>{t.picker_title}</h1>
        <p class="lead">{t.picker_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let typed_text = typed.get_untracked();
                match found.await {
                    Ok(list) => {
                        let error = if empty.get_untracked() {
                            Some(t.picker_error_empty)
                        } else if typed_text.is_some() && list.is_empty() {
                            Some(t.picker_error_none)
                        } else {
                            None
                        };
                        #[cfg(feature = "ssr")]
                        if error.is_some() {
                            crate::state::set_status(400);
                        }
                        let many = !list.is_empty();
                        Either::Left(view! {
                            <NeighbourhoodPicker value=typed_text.clone().unwrap_or_default() error=error/>
                            {many.then(|| view! {
                                <section class="picker-results" aria-labelledby="buurt-keuzes">
                                    <h2 id="buurt-keuzes">
                                        {fill(t.picker_results_heading, &[("text", &typed_text.clone().unwrap_or_default())])}
                                    </h2>
                                    <ul class="neighbourhood-list">
                                        {list.into_iter().map(|n| view! {
                                            <li>
                                                <ActionForm action=choose attr:class="inline-form">
                                                    <input type="hidden" name="buurt" value=n.slug.clone()/>
                                                    <span class="neighbourhood-list__name">{n.name.clone()}</span>
                                                    " " <span class="series-list__meta">{n.city.clone()}</span>
                                                    " "
                                                    <button type="submit" class="button button--quiet"
                                                        aria-label=fill(t.picker_choose_named, &[("name", &n.name)])>
                                                        {t.picker_choose}
                                                    </button>
                                                </ActionForm>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                        })
                    }
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}
