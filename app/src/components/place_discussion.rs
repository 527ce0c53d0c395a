use crate::api::threads::AddReaction;
use crate::components::{
    form::{action_error, Field, FormMessage},
    post::PostBody,
    start_thread::StartThreadForm,
    thread_list::ThreadSummaries,
};
use crate::i18n::{fill, use_texts};
use crate::islands::proof_of_work::ProofOfWork;
use crate::model::discussion::{GuestForm, PlaceDiscussion, BODY_MAX, GUEST_NAME_MAX};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

/// Under a place's details: its conversations, a way to start one, and its guest book.
#[component]
pub fn PlaceDiscussionSection(
    /// The place's discussion, loaded by the page.
    discussion: Resource<Result<PlaceDiscussion, crate::error::AppError>>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                discussion.await.ok().map(|discussion| view! { <DiscussionView discussion/> })
            })}
        </Suspense>
    }
}

#[component]
fn DiscussionView(discussion: PlaceDiscussion) -> impl IntoView {
    let t = use_texts();
    let slug = discussion.place_slug.clone();
    view! {
        <section class="place-talk" aria-labelledby="gesprekken">
            <h2 id="gesprekken">{t.place_threads_heading}</h2>
            <ThreadSummaries threads=discussion.threads.clone() empty=t.place_threads_none/>
            {if discussion.signed_in {
                Either::Left(view! {
                    <details class="post-action">
                        <summary>{t.thread_start_heading}</summary>
                        <StartThreadForm form="plekgesprek" place=slug.clone()/>
                    </details>
                })
            } else {
                Either::Right(view! { <crate::components::login_first::LoginToTake/> })
            }}
        </section>
        <section class="place-talk" id="reacties" aria-labelledby="reacties-kop">
            <h2 id="reacties-kop">{t.reactions_heading}</h2>
            <p>{t.reactions_intro}</p>
            {if discussion.reactions.is_empty() {
                Either::Left(view! { <p>{t.reactions_none}</p> })
            } else {
                Either::Right(view! {
                    <ol class="posts">
                        {discussion.reactions.iter().map(|post| view! {
                            <li class="posts__item"><article class="post"><PostBody post=post.clone()/></article></li>
                        }).collect_view()}
                    </ol>
                })
            }}
            <ReactionForm slug=slug.clone() guest=discussion.guest_form.clone()/>
        </section>
    }
}

/// Reacting without an account, guarded against spam without JavaScript: a honeypot, a
/// minimum time, a question; with JavaScript the browser also solves a small proof of work.
#[component]
fn ReactionForm(slug: String, guest: GuestForm) -> impl IntoView {
    let action = ServerAction::<AddReaction>::new();
    let error = action_error(action);
    view! {
        <ReactionOutcome/>
        <ActionForm action attr:class="stack-form" attr:id="reactieformulier">
            <FormMessage error/>
            <input type="hidden" name="place" value=slug/>
            <GuestFields guest error/>
            <button type="submit" class="button">{use_texts().reaction_submit}</button>
        </ActionForm>
    }
}

/// Whether the reaction just sent is shown or waits for a moderator, read from the address
/// the server sent the visitor back to.
#[component]
pub fn ReactionOutcome() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let outcome = move || query.read().get("reactie");
    move || {
        outcome().map(|outcome| {
            view! {
                <p class="notice" role="status">
                    {if outcome == "wacht" { t.reaction_waiting } else { t.reaction_placed }}
                </p>
            }
        })
    }
}

/// The fields of a reaction without an account: name, text and the anti-spam checks.
#[component]
pub fn GuestFields(
    guest: GuestForm,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let question = fill(
        t.antispam_question,
        &[("a", t.number(guest.a)), ("b", t.number(guest.b))],
    );
    view! {
            <input type="hidden" name="token" value=guest.token.clone()/>
            <ProofOfWork>
            <Field form="gast" name="name" label=t.reaction_name_label hint=t.reaction_name_hint error
                maxlength=GUEST_NAME_MAX autocomplete="given-name"/>
            <Field form="gast" name="body" label=t.reaction_body_label hint=t.post_body_hint error
                multiline=true maxlength=BODY_MAX/>
            <div class="field field--honeypot" aria-hidden="true">
                <label for="gast-website">{t.antispam_honeypot_label}</label>
                <input id="gast-website" name="website" type="text" tabindex="-1" autocomplete="off" value=""/>
            </div>
            <Field form="gast" name="answer" label=t.antispam_answer_label hint=question error
                maxlength=20 autocomplete="off"/>
            </ProofOfWork>
    }
}
