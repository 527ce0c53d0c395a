use crate::api::articles::get_article_list;
use crate::components::{article_card::ArticleCards, error_page::Loaded};
use crate::i18n::{fill, use_texts};
use crate::model::article::ArticleList;
use leptos::{either::Either, prelude::*};
use leptos_meta::{Link, Title};
use leptos_router::hooks::use_query_map;

/// Published articles, newest first, a page at a time; for one subject with `?onderwerp=`.
#[component]
pub fn ArticlesPage() -> impl IntoView {
    let query = use_query_map();
    let which = move || {
        let query = query.read();
        (
            query.get("onderwerp").filter(|tag| !tag.is_empty()),
            query.get("pagina").and_then(|p| p.parse::<u32>().ok()),
        )
    };
    let list = Resource::new(which, |(tag, page)| get_article_list(tag, page));
    view! { <Loaded data=list view=|list| view! { <ArticlesView list/> }/> }
}

#[component]
fn ArticlesView(list: ArticleList) -> impl IntoView {
    let t = use_texts();
    let (title, feed, base) = match &list.tag {
        Some(tag) => (
            fill(t.articles_tag_title, &[("tag", tag)]),
            format!("/artikelen.atom?onderwerp={tag}"),
            format!("/artikelen?onderwerp={tag}&"),
        ),
        None => (
            t.articles_title.to_string(),
            "/artikelen.atom".to_string(),
            "/artikelen?".to_string(),
        ),
    };
    let newer = (list.page > 1).then(|| format!("{base}pagina={}", list.page - 1));
    let older = list.more.then(|| format!("{base}pagina={}", list.page + 1));
    view! {
        <Title text=title.clone()/>
        <Link rel="alternate" type_="application/atom+xml" href=feed.clone() title=title.clone()/>
        <h1>{title}</h1>
        <p class="lead">{t.articles_intro}</p>
        {list.can_write.then(|| view! {
            <p><a class="button" href="/artikelen/nieuw">{t.articles_write}</a></p>
        })}
        {(!list.drafts.is_empty()).then(|| view! {
            <section aria-labelledby="concepten">
                <h2 id="concepten">{t.articles_drafts}</h2>
                <ArticleCards articles=list.drafts.clone() level=3/>
            </section>
        })}
        {if list.articles.is_empty() {
            Either::Left(view! { <p>{t.articles_none}</p> })
        } else {
            Either::Right(view! { <ArticleCards articles=list.articles.clone() level=2/> })
        }}
        {(newer.is_some() || older.is_some()).then(|| view! {
            <nav class="pager" aria-label=t.articles_pages>
                {newer.map(|href| view! { <a href=href rel="prev">{t.articles_newer}</a> })}
                {older.map(|href| view! { <a href=href rel="next">{t.articles_more}</a> })}
            </nav>
        })}
        <ul class="link-list">
            {list.tag.is_some().then(|| view! { <li><a href="/artikelen">{t.articles_all}</a></li> })}
            <li><a href=feed>{t.articles_feed}</a></li>
        </ul>
    }
}
