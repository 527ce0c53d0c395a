use leptos::prelude::*;

/// Listens to the server's announcements on `stream` and, on each `event`, takes the parts
/// of the page with the ids in `regions` fresh from the server. Without JavaScript the page
/// shows what it showed when it loaded, and a reload brings it up to date.
#[island]
pub fn LiveUpdates(stream: String, event: String, regions: Vec<String>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
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
                    super::regions::refresh(&url, &regions).await;
                }
            }
        }
        source.close();
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (stream, event, regions);
}
