use crate::api::articles::{get_article, ReactToArticle};
use crate::components::{
    article_card::ArticleCards,
    error_page::Loaded,
    form::{action_error, Field, FormMessage},
    place_discussion::{GuestFields, ReactionOutcome},
    post::PostBody,
};
use crate::i18n::{fill, use_texts};
use crate::model::article::{ArticlePage, LinkedName};
use crate::model::discussion::BODY_MAX;
use leptos::{either::Either, prelude::*};
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

/// One article: cover, lead, text, subjects, what it is about, related articles and the
/// reactions, with a form to react.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, get_article);
    view! { <Loaded data=page view=|page| view! { <ArticleView page/> }/> }
}

#[component]
fn ArticleView(page: ArticlePage) -> impl IntoView {
    let t = use_texts();
    let article = page.article.clone();
    let description = article.lead.chars().take(160).collect::<String>();
    view! {
        <Title text=article.title.clone()/>
        <Meta name="description" content=description/>
        <Link rel="alternate" type_="application/atom+xml" href="/artikelen.atom" title=t.feed_articles_title/>
        <article class="article">
            {page.preview.then(|| view! { <p class="notice" role="status">{t.articles_preview}</p> })}
            <header class="article__header">
                <h1>{article.title.clone()}</h1>
                {article.published.clone().map(|moment| view! {
                    <p class="article__meta">
                        <time datetime=moment.iso.clone()>
                            {if page.preview {
                                fill(t.articles_scheduled, &[("date", &moment.label)])
                            } else {
                                fill(t.articles_published, &[("date", &moment.label)])
                            }}
                        </time>
                    </p>
                })}
                {page.can_edit.then(|| view! {
                    <p><a href=format!("/artikelen/{}/bewerken", article.slug)>{t.articles_edit}</a></p>
                })}
            </header>
            {article.cover.clone().map(|cover| view! {
                <img class="article__cover" src=cover.src(cover.width) srcset=cover.srcset()
                    sizes="(min-width: 50rem) 50rem, 100vw" width=cover.width height=cover.height
                    alt=cover.alt.clone()/>
            })}
            <p class="lead">{article.lead.clone()}</p>
            <div class="article__body" inner_html=article.body_html.clone()></div>
            {(!article.tags.is_empty()).then(|| view! {
                <p class="article__tags">
                    {t.articles_read_more_about} " "
                    {article.tags.iter().map(|tag| view! {
                        <a class="tag" href=format!("/artikelen?onderwerp={tag}")>{tag.clone()}</a> " "
                    }).collect_view()}
                </p>
            })}
            <Links heading=t.articles_about_places id="over-plekken" base="/plekken/" links=article.places.clone()/>
            <Links heading=t.articles_about_neighbourhoods id="over-buurten" base="/buurten/" suffix="/week" links=article.neighbourhoods.clone()/>
            {(!page.related.is_empty()).then(|| view! {
                <section aria-labelledby="verwant">
                    <h2 id="verwant">{t.articles_related}</h2>
                    <ArticleCards articles=page.related.clone() level=3/>
                </section>
            })}
            <Reactions page=page.clone()/>
        </article>
    }
}

#[component]
fn Links(
    heading: &'static str,
    id: &'static str,
    base: &'static str,
    #[prop(default = "")] suffix: &'static str,
    links: Vec<LinkedName>,
) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <section aria-labelledby=id>
                <h2 id=id>{heading}</h2>
                <ul class="link-list">
                    {links.into_iter().map(|link| view! {
                        <li><a href=format!("{base}{}{suffix}", link.slug)>{link.name}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The reactions, and the form: a resident reacts with their account, a guest with a name
/// and the anti-spam checks. Not offered on a preview.
#[component]
fn Reactions(page: ArticlePage) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<ReactToArticle>::new();
    let error = action_error(action);
    let slug = page.article.slug.clone();
    view! {
        <section class="place-talk" id="reacties" aria-labelledby="reacties-kop">
            <h2 id="reacties-kop">{t.articles_reactions}</h2>
            {if page.reactions.is_empty() {
                Either::Left(view! { <p>{t.articles_reactions_none}</p> })
            } else {
                Either::Right(view! {
                    <ol class="posts">
                        {page.reactions.iter().map(|post| view! {
                            <li class="posts__item"><article class="post"><PostBody post=post.clone()/></article></li>
                        }).collect_view()}
                    </ol>
                })
            }}
            {(!page.preview).then(|| view! {
                <ReactionOutcome/>
                <ActionForm action attr:class="stack-form" attr:id="reactieformulier">
                    <FormMessage error/>
                    <input type="hidden" name="article" value=slug.clone()/>
                    {if page.signed_in {
                        Either::Left(view! {
                            <p>{t.articles_react_as_resident}</p>
                            <Field form="reactie" name="body" label=t.reaction_body_label hint=t.post_body_hint error
                                multiline=true maxlength=BODY_MAX/>
                        })
                    } else {
                        Either::Right(view! { <GuestFields guest=page.guest_form.clone() error/> })
                    }}
                    <button type="submit" class="button">{t.reaction_submit}</button>
                </ActionForm>
            })}
        </section>
    }
}
