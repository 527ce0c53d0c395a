//! Server-sent events: a thread page listens here and reloads when a post appears.

use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::header,
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse,
    },
};
use futures::StreamExt;
use std::time::Duration;

use tokio_stream::wrappers::{errors::BroadcastStreamRecvError, BroadcastStream};

pub async fn thread_events(
    State(state): State<AppState>,
    Path(thread_id): Path<i64>,
) -> impl IntoResponse {
    let events = BroadcastStream::new(state.live.subscribe()).filter_map(move |event| async move {
        match event {
            Ok(event) if event.thread_id == thread_id => Some(Ok::<_, std::convert::Infallible>(
                Event::default()
                    .event("post")
                    .data(event.post_id.to_string()),
            )),
            Ok(_) => None,
            // Missed events: tell the page to reload anyway.
            Err(BroadcastStreamRecvError::Lagged(_)) => {
                Some(Ok(Event::default().event("post").data("0")))
            }
        }
    });
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))),
    )
}
