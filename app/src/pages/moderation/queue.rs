use crate::api::moderation::{get_moderation_queue, GrantRole, Moderate};
use crate::components::{
    error_page::Loaded,
    form::{action_done, action_error, Field, FormMessage},
    post::PostBody,
};
use crate::i18n::{fill, use_texts};
use crate::model::discussion::{ModerationQueue, PostStatus, QueueItem, REASON_MAX};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The moderators' page: posts waiting for approval and reported posts, with what can be
/// done about each; for admins also granting roles.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let t = use_texts();
    let moderate = ServerAction::<Moderate>::new();
    provide_context(moderate);
    let queue = Resource::new(move || moderate.version().get(), |_| get_moderation_queue());
    view! {
        <Title text=t.moderation_title/>
        <Loaded data=queue view=|queue| view! { <QueueView queue/> }/>
    }
}

#[component]
fn QueueView(queue: ModerationQueue) -> impl IntoView {
    let t = use_texts();
    let moderate = expect_context::<ServerAction<Moderate>>();
    view! {
        <h1>{t.moderation_title}</h1>
        <FormMessage error=action_error(moderate)/>
        <section aria-labelledby="wachtrij">
            <h2 id="wachtrij">{t.moderation_pending_heading}</h2>
            {if queue.pending.is_empty() {
                Either::Left(view! { <p>{t.moderation_pending_none}</p> })
            } else {
                Either::Right(view! {
                    <ol class="queue">{queue.pending.into_iter().map(|item| view! { <QueueEntry item/> }).collect_view()}</ol>
                })
            }}
        </section>
        <section aria-labelledby="meldingen">
            <h2 id="meldingen">{t.moderation_reported_heading}</h2>
            {if queue.reported.is_empty() {
                Either::Left(view! { <p>{t.moderation_reported_none}</p> })
            } else {
                Either::Right(view! {
                    <ol class="queue">{queue.reported.into_iter().map(|item| view! { <QueueEntry item/> }).collect_view()}</ol>
                })
            }}
        </section>
        {queue.may_read_log.then(|| view! { <p><a href="/moderatie/logboek">{t.moderation_log_link}</a></p> })}
        <GrantRoleForm/>
    }
}

#[component]
fn QueueEntry(item: QueueItem) -> impl IntoView {
    let t = use_texts();
    let moderate = expect_context::<ServerAction<Moderate>>();
    let post = item.post.clone();
    let id = post.id;
    let button = move |action: &'static str, label: &'static str| {
        view! {
            <ActionForm action=moderate attr:class="inline-form">
                <input type="hidden" name="post" value=id/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="button button--quiet">{label}</button>
            </ActionForm>
        }
    };
    view! {
        <li class="queue__item">
            <article class="post" aria-labelledby=format!("bericht-{id}-kop")>
                <p class="post__meta">
                    {t.moderation_in_thread} " "
                    <a href=format!("/gesprekken/{}", item.thread_id)>{item.thread_title.clone()}</a>
                </p>
                <PostBody post=post.clone()/>
                {(!item.reports.is_empty()).then(|| view! {
                    <ul class="reports">
                        {item.reports.iter().map(|r| view! {
                            <li>{fill(t.moderation_report_line, &[("name", &r.reporter_name), ("reason", &r.reason)])}</li>
                        }).collect_view()}
                    </ul>
                })}
                <div class="post__actions">
                    {(post.status == PostStatus::Pending).then(|| button("approve", t.mod_approve))}
                    {(post.status == PostStatus::Hidden).then(|| button("restore", t.mod_restore))}
                    {(!item.reports.is_empty()).then(|| button("dismiss_report", t.mod_dismiss))}
                    {button("delete", t.mod_delete)}
                    {(post.status != PostStatus::Hidden).then(|| view! {
                        <details class="post-action">
                            <summary>{t.mod_hide}</summary>
                            <ActionForm action=moderate attr:class="stack-form">
                                <input type="hidden" name="post" value=id/>
                                <input type="hidden" name="action" value="hide"/>
                                <Field form="verberg" id_suffix=id.to_string() name="reason" label=t.mod_reason_label
                                    error=action_error(moderate) multiline=true maxlength=REASON_MAX/>
                                <button type="submit" class="button">{t.mod_hide}</button>
                            </ActionForm>
                        </details>
                    })}
                    {item.author_id.filter(|_| !post.own).map(|author| view! {
                        <details class="post-action">
                            <summary>{if item.author_suspended { t.mod_unsuspend } else { t.mod_suspend }}</summary>
                            <ActionForm action=moderate attr:class="stack-form">
                                <input type="hidden" name="user" value=author/>
                                <input type="hidden" name="action" value=if item.author_suspended { "unsuspend" } else { "suspend" }/>
                                <Field form="schors" id_suffix=id.to_string() name="reason" label=t.mod_reason_label
                                    error=action_error(moderate) multiline=true maxlength=REASON_MAX
                                    required=!item.author_suspended/>
                                <button type="submit" class="button">
                                    {if item.author_suspended { t.mod_unsuspend } else { t.mod_suspend }}
                                </button>
                            </ActionForm>
                        </details>
                    })}
                </div>
            </article>
        </li>
    }
}

/// Admins make someone a moderator or the host of a place; others get a refusal from the
/// server if they try.
#[component]
fn GrantRoleForm() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<GrantRole>::new();
    let error = action_error(action);
    let query = use_query_map();
    let done =
        move || action_done(action).get() || query.read().get("rol").as_deref() == Some("gegeven");
    view! {
        <section aria-labelledby="rollen">
            <h2 id="rollen">{t.roles_heading}</h2>
            <p>{t.roles_intro}</p>
            {move || done().then(|| view! { <p class="notice" role="status">{t.roles_done}</p> })}
            <ActionForm action attr:class="stack-form">
                <FormMessage error/>
                <Field form="rol" name="username" label=t.field_username error/>
                <div class="field">
                    <label for="rol-role">{t.roles_role_label}</label>
                    <select id="rol-role" name="role">
                        <option value="host">{t.roles_host}</option>
                        <option value="moderator">{t.roles_moderator}</option>
                        <option value="editor">{t.roles_editor}</option>
                        <option value="no_editor">{t.roles_no_editor}</option>
                    </select>
                </div>
                <Field form="rol" name="place" label=t.roles_place_label hint=t.roles_place_hint error required=false/>
                <button type="submit" class="button">{t.roles_submit}</button>
            </ActionForm>
        </section>
    }
}
