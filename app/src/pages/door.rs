use crate::api::manage::{door, AddWalkIn, CheckIn, DoorView};
use crate::components::{
    buddy::{provide_host, BuddyActions, BuddyPairing},
    error_page::Loaded,
    form::{action_error, Field, FormMessage},
    occurrence::day_label,
};
use crate::error::AppError;
use crate::i18n::{fill, use_texts};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// At the door, on a phone: tick off who came, count walk-ins, note first visits.
#[component]
pub fn DoorPage() -> impl IntoView {
    let t = use_texts();
    let key = crate::components::occurrence::use_occurrence_key();
    let check_in = ServerAction::<CheckIn>::new();
    let walk_in = ServerAction::<AddWalkIn>::new();
    provide_context((check_in, walk_in));
    let buddies = BuddyActions::new();
    provide_context(buddies);
    provide_host(key, move || check_in.version().get() + buddies.version());
    let view = Resource::new(
        move || {
            (
                key(),
                check_in.version().get() + walk_in.version().get() + buddies.version(),
            )
        },
        |((id, date), _)| async move {
            match id {
                Some(id) => door(id, date).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.door_title/>
        <Loaded data=view view=|view| view! { <DoorBody view/> }/>
    }
}

#[component]
fn DoorBody(view: DoorView) -> impl IntoView {
    let t = use_texts();
    let (check_in, walk_in) = expect_context::<(ServerAction<CheckIn>, ServerAction<AddWalkIn>)>();
    let o = view.occurrence.clone();
    let id = o.activity_id;
    let date = o.original_date.clone();
    view! {
        <h1>{t.door_title} ": " {o.title.clone()}</h1>
        <p>{day_label(t, &o)} ", " {o.start.clone()} " · " {o.place_name.clone()}</p>
        <p class="door__counts" role="status">
            {fill(t.door_counts, &[
                ("in", &t.door_count_signed_in.of(view.checked_in)),
                ("walkins", &t.door_count_walk_ins.of(view.walk_ins)),
                ("first", &t.door_count_first.of(view.first_visits)),
            ])}
        </p>
        <FormMessage error=action_error(check_in)/>
        <section aria-labelledby="aanmeldingen">
            <h2 id="aanmeldingen">{t.door_signups_heading}</h2>
            {if view.attendees.is_empty() {
                Either::Left(view! { <p>{t.door_nobody}</p> })
            } else {
                Either::Right(view! {
                    <ul class="door-list">
                        {view.attendees.into_iter().map(|a| view! {
                            <li class="door-list__item">
                                <span class="door-list__name">{a.name.clone()}
                                    {a.waiting.then(|| view! { <span class="tag">{t.door_waiting}</span> })}
                                </span>
                                {if a.checked_in {
                                    Either::Left(view! {
                                        <span class="tag">
                                            {t.door_arrived}
                                            {a.first_visit.then(|| view! { " · " {t.door_first_visit} })}
                                        </span>
                                    })
                                } else if a.waiting {
                                    Either::Right(None)
                                } else {
                                    Either::Right(Some(view! {
                                        <ActionForm action=check_in attr:class="door-list__form">
                                            <input type="hidden" name="activity" value=id/>
                                            <input type="hidden" name="signup" value=a.signup_id/>
                                            <label class="door-list__first">
                                                <input type="checkbox" name="first_visit" value="1"/>
                                                " " {t.door_first_visit}
                                            </label>
                                            <button type="submit" class="button">
                                                {fill(t.door_check_in, &[("name", &a.name)])}
                                            </button>
                                        </ActionForm>
                                    }))
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
        <BuddyPairing activity=id date=date.clone() door=true/>
        <section aria-labelledby="binnenlopers">
            <h2 id="binnenlopers">{t.door_walk_ins_heading}</h2>
            <ActionForm action=walk_in attr:class="stack-form">
                <FormMessage error=action_error(walk_in)/>
                <input type="hidden" name="activity" value=id/>
                <input type="hidden" name="date" value=date/>
                <Field form="binnen" name="people" label=t.door_people_label kind="number" error=action_error(walk_in) value="1"/>
                <Field form="binnen" name="first_name" label=t.door_first_name_label error=action_error(walk_in) required=false/>
                <div class="field field--check">
                    <input type="checkbox" id="binnen-first_visit" name="first_visit" value="1"/>
                    <label for="binnen-first_visit">{t.door_first_visit}</label>
                </div>
                <button type="submit" class="button">{t.door_walk_in_submit}</button>
            </ActionForm>
        </section>
        <p><a href=o.path()>{t.door_back}</a></p>
    }
}
