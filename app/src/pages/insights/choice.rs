use crate::api::insights::load_insights_choice;
use crate::components::error_page::Loaded;
use crate::i18n::use_texts;
use crate::model::insights::InsightsChoice;
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Choose what to look at: one's own places (a short list), or for moderators and
/// administrators a search, never a list of every place.
#[component]
pub fn InsightsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let choice = Resource::new(move || q.get(), load_insights_choice);
    view! {
        <Title text=t.insights_title/>
        <h1>{t.insights_title}</h1>
        <p class="lead">{t.insights_intro}</p>
        <Loaded data=choice view=|choice| view! { <ChoiceBody choice/> }/>
    }
}

fn link_list(items: Vec<(String, String)>, base: &'static str) -> impl IntoView {
    view! {
        <ul class="link-list">
            {items.into_iter().map(|(slug, name)| view! {
                <li><a href=format!("{base}{slug}")>{name}</a></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ChoiceBody(choice: InsightsChoice) -> impl IntoView {
    let t = use_texts();
    let searched = !choice.query.is_empty();
    let nothing_found =
        searched && choice.found_places.is_empty() && choice.found_neighbourhoods.is_empty();
    view! {
        {(!choice.hosted.is_empty()).then(|| view! {
            <section aria-labelledby="eigen-plekken">
                <h2 id="eigen-plekken">{t.insights_your_places}</h2>
                {link_list(choice.hosted.clone(), "/inzichten/plekken/")}
                <h2>{t.insights_your_neighbourhoods}</h2>
                {link_list(choice.neighbourhoods.clone(), "/inzichten/buurten/")}
            </section>
        })}
        {choice.may_search.then(|| view! {
            <section aria-labelledby="zoek-kop">
                <h2 id="zoek-kop">{t.insights_search_heading}</h2>
                <form method="get" action="/inzichten" class="filters">
                    <div class="field field--wide">
                        <label for="inzichten-q">{t.insights_search_label}</label>
                        <input type="search" id="inzichten-q" name="q" maxlength="100" value=choice.query.clone()/>
                    </div>
                    <div class="field">
                        <button type="submit" class="button">{t.insights_search_submit}</button>
                    </div>
                </form>
                {if nothing_found {
                    Either::Left(view! { <p class="empty" role="status">{t.insights_found_none}</p> })
                } else {
                    Either::Right(view! {
                        {(!choice.found_neighbourhoods.is_empty()).then(|| view! {
                            <h3>{t.insights_found_neighbourhoods}</h3>
                            {link_list(choice.found_neighbourhoods.clone(), "/inzichten/buurten/")}
                        })}
                        {(!choice.found_places.is_empty()).then(|| view! {
                            <h3>{t.insights_found_places}</h3>
                            <ul class="link-list">
                                {choice.found_places.clone().into_iter().map(|(slug, name, area)| view! {
                                    <li><a href=format!("/inzichten/plekken/{slug}")>{name}</a> " (" {area} ")"</li>
                                }).collect_view()}
                            </ul>
                        })}
                    })
                }}
            </section>
        })}
    }
}
