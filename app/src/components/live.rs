//! Server-sent events, heard in the browser: a counter that goes up whenever the server
//! announces an event, for resources to refetch on. Without JavaScript nothing listens and
//! pages show the state they were loaded with.

use leptos::prelude::*;

/// Counts `event` messages from the event stream at `url` (None: listen to nothing) while
/// the calling component lives.
pub fn event_counter(
    url: impl Fn() -> Option<String> + Send + Sync + 'static,
    event: &'static str,
) -> ReadSignal<usize> {
    let (count, set_count) = signal(0usize);
    #[cfg(feature = "hydrate")]
    Effect::new(
        move |previous: Option<Option<send_wrapper::SendWrapper<web_sys::EventSource>>>| {
            use leptos::wasm_bindgen::{closure::Closure, JsCast};
            if let Some(Some(source)) = previous {
                source.close();
            }
            let source = web_sys::EventSource::new(&url()?).ok()?;
            let on_event = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| {
                set_count.update(|n| *n += 1);
            });
            let _ =
                source.add_event_listener_with_callback(event, on_event.as_ref().unchecked_ref());
            on_event.forget();
            let source = send_wrapper::SendWrapper::new(source);
            let for_cleanup = source.clone();
            on_cleanup(move || for_cleanup.close());
            Some(source)
        },
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = (url, event, set_count);
    count
}

/// Goes up whenever a host switches a light on or off, or one goes off by itself.
pub fn light_changes() -> ReadSignal<usize> {
    event_counter(|| Some("/licht/live".to_string()), "light")
}

/// Goes up when the light of this one place goes on or off.
pub fn light_changes_of(slug: impl Fn() -> String + Send + Sync + 'static) -> ReadSignal<usize> {
    event_counter(
        move || Some(format!("/licht/live?plek={}", slug())),
        "light",
    )
}
