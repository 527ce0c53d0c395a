use crate::api::activities::{get_occurrence, runs_activity, JoinActivity, LeaveActivity};
use crate::components::{
    buddy::{provide_host, provide_standing, BuddyActions, BuddyBox, BuddyPairing},
    error_page::Loaded,
    form::{action_error, FormMessage},
    occurrence::{cost_text, day_label, rhythm, room_text},
};
use crate::error::AppError;
use crate::i18n::{fill, use_texts};
use crate::model::activity::{CancelScope, Joined, OccurrenceView};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// One occurrence: what, when, where, who welcomes you; join or leave; add to a calendar.
#[component]
pub fn OccurrencePage() -> impl IntoView {
    let key = crate::components::occurrence::use_occurrence_key();
    let join = ServerAction::<JoinActivity>::new();
    let leave = ServerAction::<LeaveActivity>::new();
    provide_context((join, leave));
    let buddies = BuddyActions::new();
    provide_context(buddies);
    let changed = move || join.version().get() + leave.version().get() + buddies.version();
    provide_standing(key, changed);
    provide_host(key, changed);
    // Made here, before anything waits, so the server makes it exactly once.
    let runs = Resource::new(
        move || key().0,
        |id| async move {
            match id {
                Some(id) => runs_activity(id).await,
                None => Ok(false),
            }
        },
    );
    provide_context(runs);
    let occurrence = Resource::new(
        move || {
            (
                key(),
                join.version().get() + leave.version().get() + buddies.version(),
            )
        },
        |((id, date), _)| async move {
            match id {
                Some(id) => get_occurrence(id, date).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Loaded data=occurrence view=|occurrence| view! { <OccurrenceDetail occurrence/> }/>
    }
}

#[component]
fn OccurrenceDetail(occurrence: OccurrenceView) -> impl IntoView {
    let t = use_texts();
    let (join, leave) =
        expect_context::<(ServerAction<JoinActivity>, ServerAction<LeaveActivity>)>();
    let o = occurrence;
    let runs = expect_context::<Resource<Result<bool, AppError>>>();
    let error = Signal::derive(move || action_error(join).get().or(action_error(leave).get()));
    let standing = match o.joined {
        Some(Joined::Confirmed) => Some(t.activity_you_come.to_string()),
        Some(Joined::Waiting(n)) => {
            Some(fill(t.activity_you_wait, &[("position", &n.to_string())]))
        }
        None => None,
    };
    let id = o.activity_id;
    let date = o.original_date.clone();
    let door = format!("/beheer/deur/{id}/{date}");
    let cancel_one = format!("/activiteiten/{id}/{date}/afzeggen");
    // A single date has no other dates to cancel with it.
    let cancel_all = CancelScope::offers_all(o.repeat).then(|| {
        (
            format!("/activiteiten/{id}/{date}/afzeggen?alles=1"),
            fill(
                t.activity_cancel_all,
                &[("rhythm", rhythm(t, o.repeat).unwrap_or_default())],
            ),
        )
    });
    let calendar_link = format!("/activiteiten/{id}/{date}/agenda.ics");
    let for_buddies = o.clone();
    let pairing_date = o.original_date.clone();
    view! {
        <Title text=o.title.clone()/>
        <article class="occurrence">
            <p class="place__kind"><a href=format!("/plekken/{}", o.place_slug)>{o.place_name.clone()}</a></p>
            <h1>{o.title.clone()}</h1>
            <p class="occurrence__when">
                <time datetime=o.start_iso.clone()>{day_label(t, &o)} ", " {o.start.clone()}</time>
                " – " {o.end.clone()}
                {o.moved.then(|| view! { " · " <strong>{t.activity_moved}</strong> })}
            </p>
            {(!o.description.is_empty()).then(|| view! { <p class="place__description">{o.description.clone()}</p> })}
            <dl class="details">
                <dt>{t.activity_cost}</dt><dd>{cost_text(t, o.cost_cents)}</dd>
                {room_text(t, &o).map(|room| view! { <dt>{t.activity_room}</dt><dd>{room}</dd> })}
                {(o.waiting > 0).then(|| view! {
                    <dt>{t.activity_waiting_list}</dt>
                    <dd>{fill(t.activity_waiting_count, &[("count", &o.waiting.to_string())])}</dd>
                })}
                {(!o.welcomer.is_empty()).then(|| view! { <dt>{t.activity_welcomer}</dt><dd>{o.welcomer.clone()}</dd> })}
                {(!o.audience.is_empty()).then(|| view! { <dt>{t.activity_audience}</dt><dd>{o.audience.clone()}</dd> })}
                {(!o.accessibility.is_empty()).then(|| view! { <dt>{t.activity_accessibility}</dt><dd>{o.accessibility.clone()}</dd> })}
                {o.online_url.clone().map(|url| view! {
                    <dt>{t.activity_online}</dt><dd><a href=url.clone() rel="external nofollow">{url.clone()}</a></dd>
                })}
                {o.leads_to.clone().map(|to| view! {
                    <dt>{t.activity_leads_to}</dt>
                    <dd><a href=to.path>{to.title}</a> " (" {to.place_name} ")"</dd>
                })}
            </dl>
            <FormMessage error/>
            {standing.clone().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {if standing.is_some() {
                Either::Left(view! {
                    <ActionForm action=leave attr:class="inline-form">
                        <input type="hidden" name="activity" value=id/>
                        <input type="hidden" name="date" value=date.clone()/>
                        <button type="submit" class="button button--quiet">{t.activity_leave}</button>
                    </ActionForm>
                })
            } else {
                Either::Right(view! {
                    <ActionForm action=join attr:class="inline-form">
                        <input type="hidden" name="activity" value=id/>
                        <input type="hidden" name="date" value=date.clone()/>
                        <button type="submit" class="button">
                            {if o.is_full() { t.activity_join_waiting } else { t.activity_join }}
                        </button>
                    </ActionForm>
                })
            }}
            <BuddyBox occurrence=for_buddies/>
            <p><a href=calendar_link download="activiteit.ics">{t.activity_add_to_calendar}</a></p>
            <BuddyPairing activity=id date=pairing_date door=false/>
            <Suspense>
                {move || {
                    let door = door.clone();
                    let cancel_one = cancel_one.clone();
                    let cancel_all = cancel_all.clone();
                    Suspend::new(async move {
                        runs.await.unwrap_or(false).then(move || view! {
                            <section class="card" aria-labelledby="gastheer-acties">
                                <h2 id="gastheer-acties">{t.activity_host_heading}</h2>
                                <p><a href=door>{t.activity_door_link}</a></p>
                                // Each leads to a page that says what is cancelled and who
                                // will be told, and asks to confirm: nothing happens on one tap.
                                <p class="button-row">
                                    <a href=cancel_one class="button button--quiet">{t.activity_cancel_one}</a>
                                    {cancel_all.map(|(href, label)| view! {
                                        " "
                                        <a href=href class="button button--quiet">{label}</a>
                                    })}
                                </p>
                            </section>
                        })
                    })
                }}
            </Suspense>
        </article>
    }
}
