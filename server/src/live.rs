//! Server-sent events: open pages listen here and reload what changed.

use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::header,
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse,
    },
};
use futures::{Stream, StreamExt};
use std::{convert::Infallible, time::Duration};
use tokio::sync::broadcast;
use tokio_stream::wrappers::{errors::BroadcastStreamRecvError, BroadcastStream};

/// Turns a broadcast channel into an event stream: `name` events with the data `pick`
/// returns, and after missed events one with data 0 so the page reloads anyway.
fn events<T: Clone + Send + 'static>(
    receiver: broadcast::Receiver<T>,
    name: &'static str,
    pick: impl Fn(T) -> Option<i64> + Send + Sync + Copy + 'static,
) -> impl IntoResponse {
    let stream = BroadcastStream::new(receiver).filter_map(move |event| async move {
        let data = match event {
            Ok(event) => pick(event)?,
            Err(BroadcastStreamRecvError::Lagged(_)) => 0,
        };
        Some(Ok::<_, Infallible>(
            Event::default().event(name).data(data.to_string()),
        ))
    });
    sse(stream)
}

fn sse(
    stream: impl Stream<Item = Result<Event, Infallible>> + Send + 'static,
) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))),
    )
}

/// New posts in one thread.
pub async fn thread_events(
    State(state): State<AppState>,
    Path(thread_id): Path<i64>,
) -> impl IntoResponse {
    events(state.live.subscribe(), "post", move |event| {
        (event.thread_id == thread_id).then_some(event.post_id)
    })
}

/// Lights switched on or off at any place.
pub async fn light_events(State(state): State<AppState>) -> impl IntoResponse {
    events(state.live.subscribe_lights(), "light", |event| {
        Some(event.place_id)
    })
}

/// Tells open pages when a light went off by itself (its time passed), every few seconds.
pub async fn announce_expired_lights(state: AppState) {
    let mut checked = state.now();
    let mut ticks = tokio::time::interval(Duration::from_secs(5));
    loop {
        ticks.tick().await;
        let now = state.now();
        match app::store::activities::lights_expired(&state.db, checked, now).await {
            Ok(places) => {
                for place_id in places {
                    state.live.publish_light(app::live::LightEvent { place_id });
                }
                checked = now;
            }
            Err(error) => tracing::warn!(%error, "checking for lights that went off"),
        }
    }
}
