use crate::api::accounts::{get_account, ChangePassword, DeleteAccount};
use crate::api::activities::{my_activities, my_notices, ReadNotice, RenewCalendar};
use crate::api::buddies::my_buddies;
use crate::components::buddy::MyBuddies;
use crate::components::occurrence::{day_words, notice_text, OccurrencesByDay};
use crate::components::{
    error_page::{ErrorPage, Loaded},
    form::{action_done, action_error, Field, FormMessage},
};
use crate::i18n::{fill, use_texts};
use crate::model::account::{AccountOverview, PASSWORD_MAX};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A member's start page: where they met us, what they host, and their password.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    let account = Resource::new(|| (), |_| get_account());
    // Made here, before anything waits, so the server makes it exactly once.
    let renew = ServerAction::<RenewCalendar>::new();
    let mine = Resource::new(move || renew.version().get(), |_| my_activities());
    provide_context((renew, mine));
    let buddies = Resource::new(|| (), |_| my_buddies());
    provide_context(buddies);
    let read = ServerAction::<ReadNotice>::new();
    let notices = Resource::new(move || read.version().get(), |_| my_notices());
    provide_context((read, notices));
    view! {
        <Title text=t.account_title/>
        <Loaded data=account view=|account| view! { <AccountView account/> }/>
    }
}

#[component]
fn AccountView(account: AccountOverview) -> impl IntoView {
    let t = use_texts();
    let viewer = account.viewer.clone();
    let query = use_query_map();
    let changed = move || {
        query
            .read()
            .get("wachtwoord")
            .is_some_and(|v| v == "gewijzigd")
    };
    // After a reset code or an e-mail link: the new password is set and this is a new login.
    let reset = move || {
        query
            .read()
            .get("wachtwoord")
            .is_some_and(|v| v == "hersteld")
    };
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action);
    let done = action_done(action);
    let buddies = expect_context::<
        Resource<Result<Vec<crate::model::buddy::BuddyMeeting>, crate::error::AppError>>,
    >();
    view! {
        <h1>{fill(t.account_greeting, &[("name", &viewer.display_name)])}</h1>
        {viewer.suspended.then(|| view! { <p class="form-summary" role="alert">{t.error_suspended}</p> })}
        {move || reset().then(|| view! { <p class="notice" role="status">{t.password_reset_done}</p> })}
        <Notices/>
        {account.met_at.clone().map(|place| view! {
            <section class="card" aria-labelledby="ontmoet">
                <h2 id="ontmoet">{t.account_met_at_heading}</h2>
                <p>{fill(t.account_met_at, &[("place", &place.name)])}</p>
                <p><a href=format!("/plekken/{}", place.slug)>{fill(t.account_met_at_link, &[("place", &place.name)])}</a></p>
            </section>
        })}
        <section aria-labelledby="verder">
            <h2 id="verder">{t.account_next_heading}</h2>
            <ul class="link-list">
                <li><a href="/gesprekken">{t.account_link_threads}</a></li>
                <li><a href="/plekken">{t.account_link_places}</a></li>
                {(!account.hosted.is_empty()).then(|| view! {
                    <li><a href="/uitnodigingen">{t.account_link_invites}</a></li>
                })}
                {viewer.moderates().then(|| view! { <li><a href="/moderatie">{t.nav_moderation}</a></li> })}
                {(viewer.moderates() || !account.hosted.is_empty()).then(|| view! {
                    <li><a href="/herstelcodes">{t.account_link_reset_codes}</a></li>
                })}
            </ul>
        </section>
        <MyActivities/>
        <Suspense>
            {move || Suspend::new(async move {
                match buddies.await {
                    Ok(meetings) => Either::Left(view! { <MyBuddies meetings/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
        {(!account.hosted.is_empty()).then(|| view! {
            <section aria-labelledby="gastheer">
                <h2 id="gastheer">{t.account_hosted_heading}</h2>
                <ul class="link-list">
                    {account.hosted.iter().map(|p| view! {
                        <li><a href=format!("/plekken/{}", p.slug)>{p.name.clone()}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="gegevens">
            <h2 id="gegevens">{t.account_details_heading}</h2>
            <dl class="details">
                <dt>{t.field_username}</dt><dd>{viewer.username.clone()}</dd>
                <dt>{t.account_email}</dt><dd>{account.email.clone().unwrap_or_else(|| t.account_no_email.to_string())}</dd>
            </dl>
        </section>
        <section aria-labelledby="wachtwoord">
            <h2 id="wachtwoord">{t.password_heading}</h2>
            {move || (changed() || done.get()).then(|| view! { <p class="notice" role="status">{t.password_changed}</p> })}
            <ActionForm action attr:class="stack-form">
                <FormMessage error/>
                <Field form="wachtwoord" name="current" label=t.field_current_password kind="password" error
                    autocomplete="current-password"/>
                <Field form="wachtwoord" name="password" label=t.field_new_password hint=t.field_password_hint
                    kind="password" error autocomplete="new-password" maxlength=PASSWORD_MAX/>
                <Field form="wachtwoord" name="password_again" label=t.field_password_again kind="password"
                    error autocomplete="new-password" maxlength=PASSWORD_MAX/>
                <button type="submit" class="button">{t.password_submit}</button>
            </ActionForm>
        </section>
        <OwnData/>
    }
}

/// The resident's own data: all of it to download, and the account to delete.
#[component]
fn OwnData() -> impl IntoView {
    let t = use_texts();
    let delete = ServerAction::<DeleteAccount>::new();
    let error = action_error(delete);
    view! {
        <section aria-labelledby="eigen-gegevens">
            <h2 id="eigen-gegevens">{t.own_data_heading}</h2>
            <p>{t.own_data_intro}</p>
            <p><a href="/account/mijn-gegevens.json" download="buurtplein-mijn-gegevens.json">{t.own_data_download}</a></p>
        </section>
        <section aria-labelledby="verwijderen">
            <h2 id="verwijderen">{t.delete_heading}</h2>
            <p>{t.delete_intro}</p>
            <ActionForm action=delete attr:class="stack-form">
                <FormMessage error/>
                <fieldset>
                    <legend>{t.delete_posts_legend}</legend>
                    <label class="choice">
                        <input type="radio" name="posts" value="houden" checked/>
                        {t.delete_posts_keep}
                    </label>
                    <label class="choice">
                        <input type="radio" name="posts" value="weghalen"/>
                        {t.delete_posts_remove}
                    </label>
                </fieldset>
                <Field form="verwijderen" name="current" label=t.delete_password kind="password" error
                    hint=t.delete_password_hint autocomplete="current-password"/>
                <button type="submit" class="button button--danger">{t.delete_submit}</button>
            </ActionForm>
        </section>
    }
}

/// Dates the member joined that a host cancelled, each until they mark it read (the date
/// stays in their calendar feed, marked cancelled). Nothing when there are none.
#[component]
fn Notices() -> impl IntoView {
    let t = use_texts();
    let (read, notices) = expect_context::<(
        ServerAction<ReadNotice>,
        Resource<Result<Vec<crate::model::activity::CancelNotice>, crate::error::AppError>>,
    )>();
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let list = notices.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <section class="notices" aria-labelledby="berichten">
                        <h2 id="berichten">{t.notices_heading}</h2>
                        <FormMessage error=action_error(read)/>
                        <ul class="notice-list">
                            {list.into_iter().map(|n| {
                                let text = notice_text(t, &n);
                                let date = day_words(t, &n.date, n.weekday);
                                let label = fill(t.notice_read_label, &[("title", &n.title), ("date", &date)]);
                                view! {
                                    <li class="notice notice--cancelled">
                                        <p><strong>{t.notice_cancelled}</strong> " " {text}</p>
                                        <p class="notice__more">{t.notice_more} " "
                                            <a href=format!("/plekken/{}", n.place_slug)>{n.place_name.clone()}</a></p>
                                        <ActionForm action=read attr:class="inline-form">
                                            <input type="hidden" name="activity" value=n.activity_id/>
                                            <input type="hidden" name="date" value=n.original_date.clone().unwrap_or_default()/>
                                            <button type="submit" class="button button--quiet" aria-label=label>{t.notice_read}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Transition>
    }
}

/// What the member joined, and their own calendar address to subscribe to.
#[component]
fn MyActivities() -> impl IntoView {
    let t = use_texts();
    let (renew, mine) = expect_context::<(
        ServerAction<RenewCalendar>,
        Resource<Result<crate::api::activities::MyAgenda, crate::error::AppError>>,
    )>();
    view! {
        <section aria-labelledby="agenda-kop" id="agenda">
            <h2 id="agenda-kop">{t.account_agenda_heading}</h2>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match mine.await {
                        Ok(mine) => Either::Left(view! {
                            {if mine.occurrences.is_empty() {
                                Either::Left(view! {
                                    <p class="empty">{t.account_agenda_none} " "
                                        <a href="/activiteiten">{t.account_agenda_find}</a></p>
                                })
                            } else {
                                Either::Right(view! { <OccurrencesByDay occurrences=mine.occurrences level=3/> })
                            }}
                            <h3>{t.account_calendar_heading}</h3>
                            <p>{t.account_calendar_intro}</p>
                            <CalendarAddress renew has_calendar=mine.has_calendar new_url=mine.new_calendar_url/>
                        }),
                        Err(error) => Either::Right(view! { <ErrorPage error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The calendar address, shown only right after it is made (only its hash is kept), and the
/// button that makes one.
#[component]
fn CalendarAddress(
    renew: ServerAction<RenewCalendar>,
    has_calendar: bool,
    new_url: Option<String>,
) -> impl IntoView {
    let t = use_texts();
    let fresh = Signal::derive(move || {
        renew
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| new_url.clone())
    });
    let exists = Signal::derive(move || has_calendar || fresh.read().is_some());
    view! {
        {move || match fresh.get() {
            Some(url) => Either::Left(view! {
                <p class="notice" role="status">{t.account_calendar_renewed}</p>
                <p><a href=url.clone() class="calendar-url">{url.clone()}</a></p>
            }),
            None => Either::Right(exists.get().then(|| view! { <p>{t.account_calendar_hidden}</p> })),
        }}
        <ActionForm action=renew attr:class="inline-form">
            <FormMessage error=action_error(renew)/>
            <button type="submit" class="button button--quiet">
                {move || if exists.get() { t.account_calendar_renew } else { t.account_calendar_make }}
            </button>
        </ActionForm>
    }
}
