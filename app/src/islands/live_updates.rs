use leptos::prelude::*;

/// Makes the page's live parts follow the server: every element with
/// `data-live="<stream> <event>"` (see [`live_region`]) is taken fresh from the server
/// whenever that event arrives on that server-sent event stream. One stream is opened per
/// address, however many parts listen to it. Without JavaScript the page shows what it showed
/// when it loaded, and a reload brings it up to date.
///
/// The island has no props: what it follows is written in the server's HTML, so the wasm
/// needs no JSON parser to read it.
#[island]
pub fn LiveUpdates() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    for (stream, event, ids) in live_regions() {
        leptos::task::spawn_local(follow(stream, event, ids));
    }
}

/// The `data-live` value of a part that follows `event` on the stream at `stream`.
pub fn live_region(stream: &str, event: &str) -> String {
    format!("{stream} {event}")
}

/// The page's live parts, by stream and event: `(stream, event, ids)`.
#[cfg(feature = "hydrate")]
fn live_regions() -> Vec<(String, String, Vec<String>)> {
    let mut found: Vec<(String, String, Vec<String>)> = Vec::new();
    let Ok(parts) = document().query_selector_all("[data-live][id]") else {
        return found;
    };
    for index in 0..parts.length() {
        let Some(part) = parts
            .item(index)
            .and_then(|node| leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        else {
            continue;
        };
        let live = part.get_attribute("data-live").unwrap_or_default();
        let Some((stream, event)) = live.split_once(' ') else {
            continue;
        };
        match found.iter_mut().find(|(s, e, _)| s == stream && e == event) {
            Some((_, _, ids)) => ids.push(part.id()),
            None => found.push((stream.to_string(), event.to_string(), vec![part.id()])),
        }
    }
    found
}

/// Listens to one stream for as long as the page lives.
#[cfg(feature = "hydrate")]
async fn follow(stream: String, event: String, ids: Vec<String>) {
    use futures::StreamExt;
    let Ok(mut source) = gloo_net::eventsource::futures::EventSource::new(&stream) else {
        return;
    };
    let Ok(mut events) = source.subscribe(&event) else {
        return;
    };
    // The browser reconnects a dropped stream by itself; an error is not the end.
    while let Some(item) = events.next().await {
        if item.is_ok() {
            if let Ok(url) = window().location().href() {
                super::regions::refresh(&url, &ids).await;
            }
        }
    }
    source.close();
}
