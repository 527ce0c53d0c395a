use crate::api::moderation::{get_moderation_queue, role_choices, GrantRole, Moderate};
use crate::components::{
    error_page::Loaded,
    form::{action_error, problem_text, Field, FormMessage},
    post::PostBody,
};
use crate::error::AppError;
use crate::i18n::{fill, use_texts};
use crate::model::account::RoleChoices;
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
        {queue.may_grant_roles.then(|| view! { <GrantRoleForm/> })}
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

/// Admins make someone a moderator, an editor or the host of a place, picking the person and
/// the place from what their searches found; others never see the form, and the server
/// refuses them if they send it anyway.
#[component]
fn GrantRoleForm() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let person = query.read_untracked().get("persoon").unwrap_or_default();
    let place = query.read_untracked().get("plek").unwrap_or_default();
    let searched = !person.trim().is_empty() || !place.trim().is_empty();
    let done = query.read_untracked().get("rol").as_deref() == Some("gegeven");
    let choices = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("persoon").unwrap_or_default(),
                q.get("plek").unwrap_or_default(),
            )
        },
        |(person, place)| role_choices(person, place),
    );
    view! {
        <section aria-labelledby="rollen" class="roles">
            <h2 id="rollen">{t.roles_heading}</h2>
            <p>{t.roles_intro}</p>
            {done.then(|| view! { <p class="notice" role="status">{t.roles_done}</p> })}
            <form method="get" action="/moderatie#rollen" class="stack-form" aria-labelledby="rollen-zoeken">
                <h3 id="rollen-zoeken">{t.roles_search_heading}</h3>
                <div class="field field--wide">
                    <label for="rol-persoon">{t.roles_person_search}</label>
                    <input type="search" id="rol-persoon" name="persoon" value=person maxlength="100"/>
                </div>
                <div class="field field--wide">
                    <label for="rol-plek">{t.roles_place_search}</label>
                    <p class="field-hint" id="rol-plek-hint">{t.roles_place_hint}</p>
                    <input type="search" id="rol-plek" name="plek" value=place maxlength="100" aria-describedby="rol-plek-hint"/>
                </div>
                <button type="submit" class="button button--quiet">{t.roles_search}</button>
            </form>
            {searched.then(|| view! {
                <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        match choices.await {
                            Ok(choices) => Either::Left(view! { <RoleChoiceForm choices/> }),
                            Err(error) => Either::Right(view! { <p class="form-summary" role="alert">{error.text(t)}</p> }),
                        }
                    })}
                </Suspense>
            })}
        </section>
    }
}

/// The people and places found, to pick from, and the role to give.
#[component]
fn RoleChoiceForm(choices: RoleChoices) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<GrantRole>::new();
    let error = action_error(action);
    let problem = move |field: &'static str| {
        move || {
            error
                .read()
                .as_ref()
                .and_then(AppError::form_errors)
                .and_then(|errors| errors.for_field(field))
                .map(|problem| view! {
                    <p class="field-error" id=format!("rol-{field}-fout")>{problem_text(t, field, problem)}</p>
                })
        }
    };
    let only_person = choices.people.len() == 1;
    let only_place = choices.places.len() == 1;
    let people = if choices.people.is_empty() {
        Either::Left(
            view! { <p>{fill(t.roles_people_none, &[("text", &choices.person_text)])}</p> },
        )
    } else {
        Either::Right(choices.people.into_iter().enumerate().map(|(n, p)| {
            let id = format!("rol-persoon-{n}");
            let roles = [
                p.moderator.then_some(t.roles_moderator),
                p.editor.then_some(t.roles_editor_short),
                p.host.then_some(t.roles_host_short),
            ].into_iter().flatten().collect::<Vec<_>>().join(", ");
            view! {
                <div class="field field--check">
                    <input type="radio" id=id.clone() name="username" value=p.username.clone() checked=only_person required/>
                    <label for=id>
                        {p.display_name} " (@" {p.username} ")"
                        {(!roles.is_empty()).then(|| view! { " · " {roles} })}
                    </label>
                </div>
            }
        }).collect_view())
    };
    let places = if choices.place_text.is_empty() {
        Either::Left(view! { <p class="field-hint">{t.roles_place_not_searched.to_string()}</p> })
    } else if choices.places.is_empty() {
        Either::Left(
            view! { <p class="field-hint">{fill(t.roles_places_none, &[("text", &choices.place_text)])}</p> },
        )
    } else {
        Either::Right(choices.places.into_iter().enumerate().map(|(n, p)| {
            let id = format!("rol-plek-{n}");
            view! {
                <div class="field field--check">
                    <input type="radio" id=id.clone() name="place" value=p.slug checked=only_place/>
                    <label for=id>{p.name} " · " {p.neighbourhood}</label>
                </div>
            }
        }).collect_view())
    };
    view! {
        <ActionForm action attr:class="stack-form">
            <FormMessage error/>
            <fieldset>
                <legend>{t.roles_person_legend}</legend>
                {people}
                {problem("username")}
            </fieldset>
            <div class="field">
                <label for="rol-role">{t.roles_role_label}</label>
                <select id="rol-role" name="role">
                    <option value="host">{t.roles_host}</option>
                    <option value="moderator">{t.roles_moderator}</option>
                    <option value="editor">{t.roles_editor}</option>
                    <option value="no_editor">{t.roles_no_editor}</option>
                </select>
            </div>
            <fieldset>
                <legend>{t.roles_place_legend}</legend>
                {places}
                {problem("place")}
            </fieldset>
            <button type="submit" class="button">{t.roles_submit}</button>
        </ActionForm>
    }
}
