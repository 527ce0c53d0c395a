//! "Samen de eerste keer" on the pages: the resident's box on an occurrence, the host's
//! list of requests to pair (occurrence page and door), and the resident's meetings on
//! their account page. Every form is a plain `ActionForm`; names and notes are text.

use crate::api::buddies::{
    buddy_requests, get_buddy_standing, AskBuddy, CheckInPair, OfferBuddy, PairBuddy, UnpairBuddy,
    WithdrawBuddy, WithdrawOffer,
};
use crate::components::form::{action_error, Field, FormMessage};
use crate::components::occurrence::day_label;
use crate::error::AppError;
use crate::i18n::{fill, use_texts, Texts};
use crate::model::activity::{Joined, OccurrenceView};
use crate::model::buddy::{
    meeting_time, BuddyMeeting, BuddyStanding, HostBuddies, OpenDate, NOTE_MAX,
};
use leptos::{either::Either, prelude::*};

/// Every buddy form of a page.
#[derive(Clone, Copy)]
pub struct BuddyActions {
    pub ask: ServerAction<AskBuddy>,
    pub withdraw: ServerAction<WithdrawBuddy>,
    pub offer: ServerAction<OfferBuddy>,
    pub withdraw_offer: ServerAction<WithdrawOffer>,
    pub pair: ServerAction<PairBuddy>,
    pub unpair: ServerAction<UnpairBuddy>,
    pub check_in: ServerAction<CheckInPair>,
}

impl BuddyActions {
    pub fn new() -> Self {
        Self {
            ask: ServerAction::new(),
            withdraw: ServerAction::new(),
            offer: ServerAction::new(),
            withdraw_offer: ServerAction::new(),
            pair: ServerAction::new(),
            unpair: ServerAction::new(),
            check_in: ServerAction::new(),
        }
    }

    /// Changes whenever one of the forms was sent: what shows their effect reads again.
    pub fn version(&self) -> usize {
        self.ask.version().get()
            + self.withdraw.version().get()
            + self.offer.version().get()
            + self.withdraw_offer.version().get()
            + self.pair.version().get()
            + self.unpair.version().get()
            + self.check_in.version().get()
    }

    /// The refusal of the resident's last form, if any (the note's problem shows beside it).
    fn resident_error(self) -> Signal<Option<AppError>> {
        Signal::derive(move || {
            action_error(self.ask)
                .get()
                .filter(|e| e.form_errors().is_none())
                .or(action_error(self.withdraw).get())
                .or(action_error(self.offer).get())
                .or(action_error(self.withdraw_offer).get())
        })
    }

    fn host_error(self) -> Signal<Option<AppError>> {
        Signal::derive(move || {
            action_error(self.pair)
                .get()
                .or(action_error(self.unpair).get())
                .or(action_error(self.check_in).get())
        })
    }
}

impl Default for BuddyActions {
    fn default() -> Self {
        Self::new()
    }
}

type StandingResource = Resource<Result<Option<BuddyStanding>, AppError>>;
type HostResource = Resource<Result<Option<HostBuddies>, AppError>>;

/// Makes the viewer's standing on this occurrence, read again when `changed` changes; in
/// context for [`BuddyBox`]. Call it before anything waits.
pub fn provide_standing(
    key: impl Fn() -> (Option<i64>, String) + Copy + Send + Sync + 'static,
    changed: impl Fn() -> usize + Send + Sync + 'static,
) {
    let standing: StandingResource = Resource::new(
        move || (key(), changed()),
        |((id, date), _)| async move {
            match id {
                Some(id) => get_buddy_standing(id, date).await,
                None => Ok(None),
            }
        },
    );
    provide_context(standing);
}

/// Makes the requests of this occurrence for its host; in context for [`BuddyPairing`].
pub fn provide_host(
    key: impl Fn() -> (Option<i64>, String) + Copy + Send + Sync + 'static,
    changed: impl Fn() -> usize + Send + Sync + 'static,
) {
    let host: HostResource = Resource::new(
        move || (key(), changed()),
        |((id, date), _)| async move {
            match id {
                Some(id) => buddy_requests(id, date).await,
                None => Ok(None),
            }
        },
    );
    provide_context(host);
}

/// "Bij de deur van {place}, {time}": ten minutes before the start.
pub fn meeting_text(t: &Texts, o: &OccurrenceView) -> String {
    let time = meeting_time(&o.start).unwrap_or_else(|| o.start.clone());
    fill(t.buddy_meet, &[("place", &o.place_name), ("time", &time)])
}

/// The resident's part on an occurrence's page: ask for company, or offer to go along, and
/// once paired where and when to meet and the other one's first name.
#[component]
pub fn BuddyBox(occurrence: OccurrenceView) -> impl IntoView {
    let standing = expect_context::<StandingResource>();
    view! {
        <Suspense>
            {move || {
                let occurrence = occurrence.clone();
                Suspend::new(async move {
                    match standing.await {
                        Ok(Some(standing)) => Either::Left(view! { <BuddySection standing occurrence/> }),
                        Ok(None) => Either::Right(None),
                        Err(error) => Either::Right(Some(view! { <FormMessage error=Signal::stored(Some(error))/> })),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn BuddySection(standing: BuddyStanding, occurrence: OccurrenceView) -> impl IntoView {
    let t = use_texts();
    let actions = expect_context::<BuddyActions>();
    let o = occurrence;
    let shown = standing.request.is_some()
        || standing.offered
        || !standing.going_with.is_empty()
        || (standing.open && (standing.may_ask || standing.may_offer));
    if !shown {
        return None;
    }
    let meet = meeting_text(t, &o);
    let on_waiting_list = matches!(o.joined, Some(Joined::Waiting(_)));
    let id = o.activity_id;
    let date = o.original_date.clone();
    let hidden = move || {
        view! {
            <input type="hidden" name="activity" value=id/>
            <input type="hidden" name="date" value=date.clone()/>
        }
    };
    let ask_error = action_error(actions.ask);
    let part = match standing.request {
        Some(request) => Either::Left(view! {
            {match request.buddy {
                Some(name) => Either::Left(view! {
                    <p class="notice" role="status">{fill(t.buddy_paired_with, &[("name", &name)])}</p>
                    <p class="buddy__meet"><strong>{meet.clone()}</strong></p>
                }),
                None => Either::Right(view! { <p class="notice" role="status">{t.buddy_waiting}</p> }),
            }}
            {on_waiting_list.then(|| view! { <p>{t.buddy_on_waiting_list}</p> })}
            {(!request.note.is_empty()).then(|| view! {
                <p class="buddy__note">{fill(t.buddy_your_note, &[("note", &request.note)])}</p>
            })}
            <ActionForm action=actions.withdraw attr:class="inline-form">
                {hidden()}
                <button type="submit" class="button button--quiet">{t.buddy_withdraw}</button>
            </ActionForm>
        }),
        None => Either::Right(view! {
            {standing.going_with.iter().map(|name| view! {
                <p class="notice" role="status">{fill(t.buddy_going_with, &[("name", name)])}</p>
                <p class="buddy__meet"><strong>{meet.clone()}</strong></p>
            }).collect_view()}
            {(standing.offered && standing.going_with.is_empty()).then(|| view! { <p>{t.buddy_offered}</p> })}
            {if standing.offered || !standing.going_with.is_empty() {
                Either::Left(view! {
                    <ActionForm action=actions.withdraw_offer attr:class="inline-form">
                        {hidden()}
                        <button type="submit" class="button button--quiet">{t.buddy_withdraw_offer}</button>
                    </ActionForm>
                })
            } else if standing.open && standing.may_ask {
                Either::Right(Either::Left(view! {
                    <p>{t.buddy_intro_ask}</p>
                    <ActionForm action=actions.ask attr:class="stack-form">
                        {hidden()}
                        <Field form="samen" name="note" label=t.buddy_note_label hint=t.buddy_note_hint
                            error=ask_error required=false maxlength=NOTE_MAX/>
                        <button type="submit" class="button">{t.buddy_ask}</button>
                    </ActionForm>
                }))
            } else if standing.open && standing.may_offer {
                Either::Right(Either::Right(Some(view! {
                    <p>{t.buddy_intro_offer}</p>
                    <ActionForm action=actions.offer attr:class="inline-form">
                        {hidden()}
                        <button type="submit" class="button">{t.buddy_offer}</button>
                    </ActionForm>
                })))
            } else {
                Either::Right(Either::Right(None))
            }}
        }),
    };
    Some(view! {
        <section class="card buddy" aria-labelledby="samen-kop">
            <h2 id="samen-kop">{t.buddy_heading}</h2>
            <FormMessage error=actions.resident_error()/>
            {part}
        </section>
    })
}

/// The requests of an occurrence for its host (and moderators): pair each with someone who
/// offered or with oneself, undo a pairing, and at the door check the two in together.
#[component]
pub fn BuddyPairing(activity: i64, date: String, door: bool) -> impl IntoView {
    let host = expect_context::<HostResource>();
    view! {
        <Suspense>
            {move || {
                let date = date.clone();
                Suspend::new(async move {
                    match host.await {
                        Ok(Some(found)) => Either::Left(view! { <PairingList found activity date door/> }),
                        Ok(None) => Either::Right(None),
                        Err(error) => Either::Right(Some(view! { <FormMessage error=Signal::stored(Some(error))/> })),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn PairingList(found: HostBuddies, activity: i64, date: String, door: bool) -> impl IntoView {
    let t = use_texts();
    let actions = expect_context::<BuddyActions>();
    let HostBuddies {
        requests,
        free_offers,
        me,
    } = found;
    let list = if requests.is_empty() {
        Either::Left(view! { <p>{t.buddy_host_none}</p> })
    } else {
        Either::Right(view! {
            <ul class="door-list">
                {requests.into_iter().map(|r| {
                    let name = r.name.clone();
                    let pairing = match r.buddy.clone() {
                        Some((_, buddy)) => {
                            let check_in = (!r.came && door && !r.waiting).then(|| {
                                let label = fill(t.buddy_check_in, &[("name", &name), ("buddy", &buddy)]);
                                view! {
                                    <ActionForm action=actions.check_in attr:class="inline-form">
                                        <input type="hidden" name="activity" value=activity/>
                                        <input type="hidden" name="request" value=r.id/>
                                        <button type="submit" class="button">{label}</button>
                                    </ActionForm>
                                    " "
                                }
                            });
                            let unpair = (!r.came).then(|| view! {
                                <ActionForm action=actions.unpair attr:class="inline-form">
                                    <input type="hidden" name="activity" value=activity/>
                                    <input type="hidden" name="request" value=r.id/>
                                    <button type="submit" class="button button--quiet">{t.buddy_unpair}</button>
                                </ActionForm>
                            });
                            Either::Left(view! {
                                <p>{fill(t.buddy_host_paired, &[("name", &buddy)])}</p>
                                {check_in}
                                {unpair}
                            })
                        }
                        None => {
                            let select_id = format!("koppel-{}", r.id);
                            let label = fill(t.buddy_pair_label, &[("name", &name)]);
                            let options = free_offers
                                .iter()
                                .map(|(id, offer)| view! { <option value=id.to_string()>{offer.clone()}</option> })
                                .collect_view();
                            let date = date.clone();
                            Either::Right(view! {
                                <p>{t.buddy_host_unpaired}</p>
                                <ActionForm action=actions.pair attr:class="inline-form">
                                    <input type="hidden" name="activity" value=activity/>
                                    <input type="hidden" name="date" value=date/>
                                    <input type="hidden" name="request" value=r.id/>
                                    <label for=select_id.clone()>{label}</label>
                                    " "
                                    <select id=select_id name="buddy">
                                        {options}
                                        <option value=me.to_string()>{t.buddy_pair_me}</option>
                                    </select>
                                    " "
                                    <button type="submit" class="button">{t.buddy_pair_submit}</button>
                                </ActionForm>
                            })
                        }
                    };
                    view! {
                        <li class="buddy-request">
                            <span class="door-list__name">{r.name.clone()}
                                {r.waiting.then(|| view! { " " <span class="tag">{t.door_waiting}</span> })}
                                {r.came.then(|| view! { " " <span class="tag">{t.buddy_came}</span> })}
                            </span>
                            {(!r.note.is_empty()).then(|| view! {
                                <p class="buddy__note">{fill(t.buddy_host_note, &[("note", &r.note)])}</p>
                            })}
                            {pairing}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    };
    view! {
        <section class="card buddy" aria-labelledby="samen-gastheer">
            <h2 id="samen-gastheer">{t.buddy_host_heading}</h2>
            <FormMessage error=actions.host_error()/>
            {list}
        </section>
    }
}

/// The resident's coming first times together, on their account page.
#[component]
pub fn MyBuddies(meetings: Vec<BuddyMeeting>) -> impl IntoView {
    let t = use_texts();
    (!meetings.is_empty()).then(|| {
        view! {
            <section aria-labelledby="samen-kop" id="samen">
                <h2 id="samen-kop">{t.buddy_heading}</h2>
                <ul class="link-list">
                    {meetings.into_iter().map(|m| {
                        let o = m.occurrence;
                        let meet = meeting_text(t, &o);
                        let with = match m.partner {
                            Some(name) => {
                                let line = if m.asked { t.buddy_paired_with } else { t.buddy_going_with };
                                Either::Left(view! {
                                    <p>{fill(line, &[("name", &name)])}</p>
                                    <p class="buddy__meet"><strong>{meet}</strong></p>
                                })
                            }
                            None => Either::Right(view! { <p>{t.buddy_waiting}</p> }),
                        };
                        view! {
                            <li class="buddy-meeting">
                                <a href=o.path()>{o.title.clone()}</a>
                                " · " {day_label(t, &o)} ", " {o.start.clone()}
                                {with}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The host's coming dates whose newcomers still wait for a buddy, each a link to its door.
#[component]
pub fn OpenRequests(dates: Vec<OpenDate>) -> impl IntoView {
    let t = use_texts();
    (!dates.is_empty()).then(|| {
        view! {
            <section class="card buddy" aria-labelledby="samen-open">
                <h2 id="samen-open">{t.buddy_heading}</h2>
                <ul class="link-list">
                    {dates.into_iter().map(|d| {
                        let mut parts = d.occurrence_date.split('-').skip(1);
                        let month: u8 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
                        let day: u8 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
                        let when = format!("{day} {}", t.month(month));
                        view! {
                            <li>
                                <a href=d.door_path()>{d.title.clone()} " (" {d.place_name.clone()} "), " {when}</a>
                                ": " {t.buddy_open_count.of(d.open)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
