use crate::i18n::use_texts;
use crate::model::article::ArticleSummary;
use leptos::prelude::*;

/// Articles as a list of cards: the small cover, the title as a link, the date and the lead.
#[component]
pub fn ArticleCards(
    articles: Vec<ArticleSummary>,
    #[prop(default = 2)] level: u8,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <ul class="article-list">
            {articles.into_iter().map(|article| {
                let href = format!("/artikelen/{}", article.slug);
                let heading = view! { <a href=href>{article.title.clone()}</a> };
                let heading = if level == 3 {
                    view! { <h3 class="article-card__title">{heading}</h3> }.into_any()
                } else {
                    view! { <h2 class="article-card__title">{heading}</h2> }.into_any()
                };
                let date = match &article.published {
                    Some(moment) => view! {
                        <time datetime=moment.iso.clone()>{moment.label.clone()}</time>
                    }.into_any(),
                    None => view! { <span class="tag">{t.articles_draft}</span> }.into_any(),
                };
                view! {
                    <li class="article-card">
                        {article.cover.as_ref().map(|cover| view! {
                            <img class="article-card__cover" src=cover.src(cover.small_width)
                                width=cover.small_width height=cover.small_height()
                                alt=cover.alt.clone() loading="lazy"/>
                        })}
                        {heading}
                        <p class="article-card__meta">{date}</p>
                        <p>{article.lead.clone()}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
