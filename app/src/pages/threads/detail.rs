use crate::api::{
    moderation::Moderate,
    threads::{get_thread, DeletePost, EditPost, Reply, ReportPost},
};
use crate::components::{
    error_page::Loaded,
    form::{action_error, Field, FormMessage},
    post::PostBody,
};
use crate::error::AppError;
use crate::i18n::{fill, use_texts};
use crate::islands::live_updates::{live_region, LiveUpdates};
use crate::model::discussion::{Post, PostStatus, ThreadView, BODY_MAX, REASON_MAX};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Every action a thread page can take, shared by all its posts. Each is a plain form: the
/// server answers it with the thread again.
#[derive(Clone, Copy)]
struct ThreadActions {
    reply: ServerAction<Reply>,
    edit: ServerAction<EditPost>,
    delete: ServerAction<DeletePost>,
    report: ServerAction<ReportPost>,
    moderate: ServerAction<Moderate>,
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let actions = ThreadActions {
        reply: ServerAction::new(),
        edit: ServerAction::new(),
        delete: ServerAction::new(),
        report: ServerAction::new(),
        moderate: ServerAction::new(),
    };
    provide_context(actions);
    let query = leptos_router::hooks::use_query_map();
    let which = move || {
        let query = query.read();
        let number = |name: &str| query.get(name).and_then(|v| v.parse::<i64>().ok());
        (
            id(),
            number("pagina").and_then(|p| usize::try_from(p).ok()),
            number("bericht").or_else(|| number("gemeld")),
        )
    };
    let thread = Resource::new(which, |(id, page, post)| async move {
        match id {
            Some(id) => get_thread(id, page, post).await,
            None => Err(AppError::NotFound),
        }
    });

    view! {
        <Loaded data=thread view=|view| view! { <ThreadBody view/> }/>
    }
}

#[component]
fn ThreadBody(view: ThreadView) -> impl IntoView {
    let t = use_texts();
    let actions = expect_context::<ThreadActions>();
    let thread = view.thread.clone();
    let topic_link = match (&thread.topic.place_slug, &thread.topic.place_name) {
        (Some(slug), Some(name)) => Either::Left(view! {
            <a href=format!("/plekken/{slug}")>{name.clone()}</a>
        }),
        _ => Either::Right(view! { <span>{thread.topic.neighbourhood_name.clone()}</span> }),
    };
    let moderator = view.moderator;
    let signed_in = view.signed_in;
    let can_reply = view.can_reply;
    let thread_id = thread.id;
    view! {
        <Title text=thread.title.clone()/>
        // New posts, announced by the server, appear as they come.
        <LiveUpdates/>
        <article class="thread">
            <header>
                <p class="place__kind">{t.thread_about} " " {topic_link}</p>
                <h1>{thread.title.clone()}</h1>
                {thread.locked.then(|| view! { <p class="notice">{t.error_thread_locked}</p> })}
                {moderator.then(|| view! {
                    <ActionForm action=actions.moderate attr:class="inline-form">
                        <input type="hidden" name="thread" value=thread_id/>
                        <input type="hidden" name="action" value=if thread.locked { "unlock" } else { "lock" }/>
                        <button type="submit" class="button button--quiet">
                            {if thread.locked { t.mod_unlock } else { t.mod_lock }}
                        </button>
                    </ActionForm>
                })}
            </header>
            <h2 class="visually-hidden">{t.thread_posts_heading}</h2>
            <ol
                class="posts"
                id="berichten"
                data-live=live_region(&format!("/gesprekken/{thread_id}/live"), "post")
            >
                {thread.posts.iter().map(|top| {
                    let post = top.post.clone();
                    let replies = top.replies.clone();
                    let reply_to = (can_reply && post.status == PostStatus::Visible).then_some(post.id);
                    view! {
                        <li class="posts__item">
                            <PostItem post=post.clone() signed_in moderator/>
                            {(!replies.is_empty()).then(|| view! {
                                <ol class="posts posts--replies">
                                    {replies.into_iter().map(|reply| view! {
                                        <li class="posts__item">
                                            <PostItem post=reply signed_in moderator/>
                                        </li>
                                    }).collect_view()}
                                </ol>
                            })}
                            {reply_to.map(|parent| view! {
                                <details class="post-action">
                                    <summary>{fill(t.post_reply_to, &[("name", &post.author_name)])}</summary>
                                    <ReplyForm thread_id parent=Some(parent)/>
                                </details>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(thread.pages > 1).then(|| {
                let (page, pages) = (thread.page, thread.pages);
                let href = move |n: usize| format!("/gesprekken/{thread_id}?pagina={n}");
                view! {
                    <nav class="pager" aria-label=t.places_page_nav>
                        {(page > 1).then(|| view! { <a href=href(page - 1) rel="prev">{t.places_page_previous}</a> })}
                        <span>{fill(t.places_page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
                        {(page < pages).then(|| view! { <a href=href(page + 1) rel="next">{t.places_page_next}</a> })}
                    </nav>
                }
            })}
            <section aria-labelledby="reageren">
                <h2 id="reageren">{t.thread_reply_heading}</h2>
                {if can_reply {
                    Either::Left(view! { <ReplyForm thread_id parent=None/> })
                } else if signed_in {
                    Either::Right(Either::Left(view! { <p class="notice">{if thread.locked { t.error_thread_locked } else { t.error_suspended }}</p> }))
                } else {
                    Either::Right(Either::Right(view! { <crate::components::login_first::LoginToTake/> }))
                }}
            </section>
            <p><a href="/gesprekken">{t.threads_back}</a></p>
        </article>
    }
}

#[component]
fn ReplyForm(thread_id: i64, parent: Option<i64>) -> impl IntoView {
    let t = use_texts();
    let actions = expect_context::<ThreadActions>();
    let action = actions.reply;
    // Only the form that sent the reply shows its problems.
    let mine = move || {
        action
            .input()
            .get()
            .is_none_or(|input| input.parent == parent)
    };
    let error = Signal::derive(move || {
        if mine() {
            action_error(action).get()
        } else {
            None
        }
    });
    let form_name: &'static str = if parent.is_some() {
        "antwoord"
    } else {
        "reactie"
    };
    let id_suffix = parent.map(|p| p.to_string()).unwrap_or_default();
    let form_id = format!("{form_name}{id_suffix}");
    view! {
        <ActionForm action attr:class="stack-form" attr:id=form_id>
            <FormMessage error/>
            <input type="hidden" name="thread" value=thread_id/>
            {parent.map(|parent| view! { <input type="hidden" name="parent" value=parent/> })}
            <Field form=if parent.is_some() { "antwoord" } else { "reactie" } name="body"
                label=t.post_body_label hint=t.post_body_hint error multiline=true maxlength=BODY_MAX
                id_suffix=id_suffix.clone()/>
            <button type="submit" class="button">{t.post_submit}</button>
        </ActionForm>
    }
}

#[component]
fn PostItem(post: Post, signed_in: bool, moderator: bool) -> impl IntoView {
    let t = use_texts();
    let actions = expect_context::<ThreadActions>();
    let id = post.id;
    let shown = matches!(post.status, PostStatus::Visible | PostStatus::Pending);
    let can_report = signed_in && !post.own && post.status == PostStatus::Visible;
    let edit_source = post.editable_source.clone();
    let own_and_shown = post.own && shown;
    // A post waiting for a moderator stays until they decide; its author may still edit it.
    let can_delete = moderator || (post.own && post.status == PostStatus::Visible);
    let restorable = moderator && post.status == PostStatus::Hidden;
    view! {
        <article class="post" id=format!("bericht-{id}") aria-labelledby=format!("bericht-{id}-kop")>
            <PostBody post=post.clone()/>
            {restorable.then(|| view! {
                <ActionForm action=actions.moderate attr:class="inline-form">
                    <input type="hidden" name="post" value=id/>
                    <input type="hidden" name="action" value="restore"/>
                    <button type="submit" class="button button--quiet">{t.mod_restore}</button>
                </ActionForm>
            })}
            {(shown && (own_and_shown || can_report || moderator)).then(|| view! {
                <div class="post__actions">
                    {edit_source.map(|source| view! {
                        <details class="post-action">
                            <summary>{t.post_edit}</summary>
                            <ActionForm action=actions.edit attr:class="stack-form">
                                <input type="hidden" name="post" value=id/>
                                <Field form="bewerk" name="body" label=t.post_body_label error=action_error(actions.edit)
                                    multiline=true maxlength=BODY_MAX value=source id_suffix=id.to_string()/>
                                <button type="submit" class="button">{t.post_save}</button>
                            </ActionForm>
                        </details>
                    })}
                    {can_delete.then(|| view! {
                        <ActionForm action=actions.delete attr:class="inline-form">
                            <input type="hidden" name="post" value=id/>
                            <button type="submit" class="button button--quiet">{t.post_delete}</button>
                        </ActionForm>
                    })}
                    {can_report.then(|| view! {
                        <details class="post-action">
                            <summary>{t.post_report}</summary>
                            <ActionForm action=actions.report attr:class="stack-form">
                                <input type="hidden" name="post" value=id/>
                                <Field form="melden" name="reason" label=t.report_reason_label
                                    error=action_error(actions.report) multiline=true maxlength=REASON_MAX
                                    id_suffix=id.to_string()/>
                                <button type="submit" class="button">{t.report_submit}</button>
                            </ActionForm>
                        </details>
                    })}
                    {(moderator && !post.own).then(|| view! {
                        <details class="post-action">
                            <summary>{t.mod_hide}</summary>
                            <ActionForm action=actions.moderate attr:class="stack-form">
                                <input type="hidden" name="post" value=id/>
                                <input type="hidden" name="action" value="hide"/>
                                <Field form="verberg" name="reason" label=t.mod_reason_label
                                    error=action_error(actions.moderate) multiline=true maxlength=REASON_MAX
                                    id_suffix=id.to_string()/>
                                <button type="submit" class="button">{t.mod_hide}</button>
                            </ActionForm>
                        </details>
                    })}
                </div>
            })}
            {move || reported(actions.report, id)
                .then(|| view! { <p class="notice" role="status">{t.report_thanks}</p> })}
        </article>
    }
}

/// Whether this post was just reported by the viewer: the server's redirect says so in the
/// address (`?gemeld=<id>`).
fn reported(action: ServerAction<ReportPost>, id: i64) -> bool {
    let from_address = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("gemeld")
        .and_then(|value| value.parse::<i64>().ok())
        == Some(id);
    from_address || matches!(action.value().get(), Some(Ok(reported)) if reported == id)
}
