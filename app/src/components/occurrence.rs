use crate::i18n::{fill, use_texts, Texts};
use crate::model::activity::{Joined, OccurrenceView, RepeatKind, Room};
use leptos::prelude::*;

/// The occurrence an `/…/:id/:date` address names: the activity id (None when it is not a
/// number) and the date as written, for the server to check.
pub fn use_occurrence_key() -> impl Fn() -> (Option<i64>, String) + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        let params = params.read();
        (
            params.get("id").and_then(|id| id.parse::<i64>().ok()),
            params.get("date").unwrap_or_default(),
        )
    }
}

/// "Gratis", or the price in euros.
pub fn cost_text(t: &Texts, cents: u32) -> String {
    if cents == 0 {
        t.activity_free.to_string()
    } else {
        format!("€ {},{:02}", cents / 100, cents % 100)
    }
}

/// "Nog 3 plekken", "Vol: je komt op de wachtlijst" (only for who is not in yet: someone who
/// joined reads "Vol"), or nothing without a limit.
pub fn room_text(t: &Texts, o: &OccurrenceView) -> Option<String> {
    match o.room() {
        Room::Unlimited => None,
        Room::Left(count) => Some(t.activity_places_left.of(count)),
        Room::Full => Some(t.activity_full.to_string()),
        Room::FullJoined => Some(t.activity_full_joined.to_string()),
    }
}

/// The day as people say it: "dinsdag 24 november".
pub fn day_label(t: &Texts, o: &OccurrenceView) -> String {
    day_words(t, &o.date, o.weekday)
}

/// A `YYYY-MM-DD` date on weekday `weekday` (Monday = 1) as people say it:
/// "dinsdag 24 november".
pub fn day_words(t: &Texts, iso: &str, weekday: u8) -> String {
    let mut parts = iso.split('-');
    let (_, month, day) = (parts.next(), parts.next(), parts.next());
    let month: u8 = month.and_then(|m| m.parse().ok()).unwrap_or(1);
    let day: u8 = day.and_then(|d| d.parse().ok()).unwrap_or(1);
    format!("{} {day} {}", t.weekday(weekday), t.month(month))
}

/// What a resident is told of a cancellation: "{title} op {date} om {start} bij {place} gaat
/// niet door", or for a series that stopped, from its first date on. The account page and
/// the mail say the same.
pub fn notice_text(t: &Texts, n: &crate::model::activity::CancelNotice) -> String {
    let date = day_words(t, &n.date, n.weekday);
    if n.whole {
        fill(
            t.notice_all,
            &[
                ("title", &n.title),
                ("place", &n.place_name),
                ("date", &date),
            ],
        )
    } else {
        fill(
            t.notice_one,
            &[
                ("title", &n.title),
                ("place", &n.place_name),
                ("date", &date),
                ("start", &n.start),
            ],
        )
    }
}

/// How often an activity comes back, in plain words: "elke week", "om de week", "elke
/// maand"; nothing for a single date.
pub fn rhythm(t: &Texts, repeat: RepeatKind) -> Option<&'static str> {
    match repeat {
        RepeatKind::Once => None,
        RepeatKind::Weekly => Some(t.rhythm_weekly),
        RepeatKind::Fortnightly => Some(t.rhythm_fortnightly),
        RepeatKind::Monthly => Some(t.rhythm_monthly),
    }
}

/// One occurrence in a list: time, title, place, cost, room, and whether the viewer comes.
#[component]
pub fn OccurrenceItem(occurrence: OccurrenceView) -> impl IntoView {
    let t = use_texts();
    let o = occurrence;
    let joined = o.joined.map(|j| match j {
        Joined::Confirmed => t.activity_you_come.to_string(),
        Joined::Waiting(n) => fill(t.activity_you_wait, &[("position", &n.to_string())]),
    });
    view! {
        <li class="activity">
            <p class="activity__time">
                <time datetime=o.start_iso.clone()>{o.start.clone()}</time> " – " {o.end.clone()}
            </p>
            <div>
                <h3 class="activity__title"><a href=o.path()>{o.title.clone()}</a></h3>
                <p class="activity__meta">
                    <a href=format!("/plekken/{}", o.place_slug)>{o.place_name.clone()}</a>
                    " · " {cost_text(t, o.cost_cents)}
                    {room_text(t, &o).map(|room| view! { " · " {room} })}
                    {o.moved.then(|| view! { " · " <strong>{t.activity_moved}</strong> })}
                </p>
                {joined.map(|text| view! { <p class="tag">{text}</p> })}
            </div>
        </li>
    }
}

/// Occurrences grouped under a heading per day.
#[component]
pub fn OccurrencesByDay(
    occurrences: Vec<OccurrenceView>,
    #[prop(default = 2)] level: u8,
    /// What an empty list says: by default that nothing is planned; a filtered list says
    /// that nothing matches.
    #[prop(optional)]
    empty: Option<&'static str>,
) -> impl IntoView {
    let t = use_texts();
    if occurrences.is_empty() {
        let empty = empty.unwrap_or(t.activities_none_planned);
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let mut days: Vec<(String, Vec<OccurrenceView>)> = Vec::new();
    for o in occurrences {
        match days.last_mut() {
            Some((date, list)) if *date == o.date => list.push(o),
            _ => days.push((o.date.clone(), vec![o])),
        }
    }
    days.into_iter()
        .map(|(date, list)| {
            let label = day_label(t, &list[0]);
            let id = format!("dag-{date}");
            let heading = if level == 2 {
                view! { <h2 id=id.clone()>{label}</h2> }.into_any()
            } else {
                view! { <h3 id=id.clone()>{label}</h3> }.into_any()
            };
            view! {
                <section class="day" aria-labelledby=id>
                    {heading}
                    <ul class="activities">
                        {list.into_iter().map(|occurrence| view! { <OccurrenceItem occurrence/> }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
        .into_any()
}
