use crate::i18n::{fill, use_texts};
use crate::model::{hours::format_minute, OpenStatus};
use leptos::prelude::*;

/// The words after the status: "tot 17:00", "opent morgen om 09:00".
pub fn status_text(status: OpenStatus) -> String {
    let t = use_texts();
    match status {
        OpenStatus::Open {
            until: Some(0 | 1440),
        } => t.status_open_until_midnight.to_string(),
        OpenStatus::Open {
            until: Some(minute),
        } => fill(t.status_open_until, &[("time", &format_minute(minute))]),
        OpenStatus::Open { until: None } => t.status_open_always.to_string(),
        OpenStatus::Closed { next: None } => t.status_no_hours.to_string(),
        OpenStatus::Closed { next: Some(next) } => {
            let time = format_minute(next.minute);
            match next.days_ahead {
                0 => fill(t.status_opens_today, &[("time", &time)]),
                1 => fill(t.status_opens_tomorrow, &[("time", &time)]),
                _ => fill(
                    t.status_opens_on,
                    &[("day", t.weekday(next.weekday)), ("time", &time)],
                ),
            }
        }
    }
}

/// "The light is on": a badge that says whether a place is open now, in words, not only in
/// colour.
/// A host's "come in" outshines the hours.
#[component]
pub fn OpenBadge(
    status: OpenStatus,
    #[prop(default = None)] light_until: Option<String>,
) -> impl IntoView {
    let t = use_texts();
    let open = light_until.is_some() || status.is_open();
    let (word, rest) = match &light_until {
        Some(until) => (
            t.status_light_on,
            fill(t.status_light_until, &[("time", until)]),
        ),
        None if open => (t.status_open, status_text(status)),
        None => (t.status_closed, status_text(status)),
    };
    view! {
        <p class="open-badge" class:open-badge--open=open class:open-badge--light=light_until.is_some()>
            <span class="open-badge__light" aria-hidden="true"></span>
            <strong>{word}</strong>
            " · "
            <span>{rest}</span>
        </p>
    }
}
