//! Server-sent events: open pages listen here and reload what changed.

use app::state::AppState;
use axum::{
    extract::{Extension, Path, State},
    http::{header, request::Parts, StatusCode},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
};
use futures::{Stream, StreamExt};
use std::{
    collections::HashMap,
    convert::Infallible,
    net::IpAddr,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::sync::broadcast;
use tokio_stream::wrappers::{errors::BroadcastStreamRecvError, BroadcastStream};

/// Live streams one client address may hold open at once (an IPv6 client: its /64); more are
/// answered 429. Multiplied by `BUURTPLEIN_LIMIT_FACTOR`, like the rate limits (the browser
/// tests open many pages from one address).
pub const LIVE_STREAMS_PER_ADDRESS: usize = 8;
/// Live streams the server holds open at once, from everyone; more are answered 503.
pub const LIVE_STREAMS_TOTAL: usize = 2_000;

/// Why no stream could be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Full {
    Address,
    Server,
}

/// The open live streams, counted per client address and in total.
#[derive(Debug, Default)]
pub struct LiveSlots {
    open: Mutex<(HashMap<IpAddr, usize>, usize)>,
}

/// One open stream's place; given back when the stream is dropped.
#[derive(Debug)]
pub struct Slot {
    slots: Arc<LiveSlots>,
    client: IpAddr,
}

/// The address a cap applies to: the address itself, or for IPv6 its /64 (one household).
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
        v4 => v4,
    }
}

impl LiveSlots {
    pub fn take(self: &Arc<Self>, ip: IpAddr, per_address: usize) -> Result<Slot, Full> {
        let client = client_key(ip);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let (per_client, total) = &mut *open;
        if *total >= LIVE_STREAMS_TOTAL {
            return Err(Full::Server);
        }
        let mine = per_client.entry(client).or_insert(0);
        if *mine >= per_address {
            return Err(Full::Address);
        }
        *mine += 1;
        *total += 1;
        Ok(Slot {
            slots: self.clone(),
            client,
        })
    }

    /// Streams open now, from everyone.
    pub fn total(&self) -> usize {
        self.open.lock().unwrap_or_else(|e| e.into_inner()).1
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.slots.open.lock().unwrap_or_else(|e| e.into_inner());
        let (per_client, total) = &mut *open;
        *total = total.saturating_sub(1);
        if let Some(mine) = per_client.get_mut(&self.client) {
            *mine = mine.saturating_sub(1);
            if *mine == 0 {
                per_client.remove(&self.client);
            }
        }
    }
}

/// A slot for the client of this request.
fn slot_for(state: &AppState, slots: &Arc<LiveSlots>, parts: &Parts) -> Result<Slot, Full> {
    let per_address = LIVE_STREAMS_PER_ADDRESS.saturating_mul(state.limit_factor.max(1) as usize);
    slots.take(app::auth::client_ip(parts, state.trust_proxy), per_address)
}

/// The answer when no slot is free: 429 for this address, 503 for everyone.
fn refusal(full: Full, parts: &Parts) -> Response {
    let t = crate::security::request_locale(&parts.headers).texts();
    let (status, text) = match full {
        Full::Address => (StatusCode::TOO_MANY_REQUESTS, t.error_live_too_many),
        Full::Server => (StatusCode::SERVICE_UNAVAILABLE, t.error_live_busy),
    };
    (status, [(header::RETRY_AFTER, "60")], text).into_response()
}

/// Turns a broadcast channel into an event stream: `name` events with the data `pick`
/// returns, and after missed events one with data 0 so the page reloads anyway.
/// The stream holds `slot` until it is dropped.
fn events<T: Clone + Send + 'static>(
    receiver: broadcast::Receiver<T>,
    slot: Slot,
    name: &'static str,
    pick: impl Fn(T) -> Option<i64> + Send + Sync + Copy + 'static,
) -> Response {
    let stream = BroadcastStream::new(receiver)
        .filter_map(move |event| async move {
            let data = match event {
                Ok(event) => pick(event)?,
                Err(BroadcastStreamRecvError::Lagged(_)) => 0,
            };
            Some(Ok::<_, Infallible>(
                Event::default().event(name).data(data.to_string()),
            ))
        })
        .map(move |event| {
            let _held = &slot;
            event
        });
    sse(stream).into_response()
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
    Extension(slots): Extension<Arc<LiveSlots>>,
    Path(thread_id): Path<i64>,
    parts: Parts,
) -> Response {
    let slot = match slot_for(&state, &slots, &parts) {
        Ok(slot) => slot,
        Err(full) => return refusal(full, &parts),
    };
    events(state.live.subscribe(), slot, "post", move |event| {
        (event.thread_id == thread_id).then_some(event.post_id)
    })
}

/// Lights switched on or off at any place; with `?plek=slug` at that place only (its page
/// then reloads for its own light, not for every light in town), with `?buurt=slug` in
/// that neighbourhood only (the home page of a resident who chose it).
pub async fn light_events(
    State(state): State<AppState>,
    Extension(slots): Extension<Arc<LiveSlots>>,
    parts: Parts,
) -> Response {
    let param = |name: &str| {
        parts.uri.query().and_then(|query| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
                .map(str::to_string)
        })
    };
    let (place, neighbourhood) = (param("plek"), param("buurt"));
    if [&place, &neighbourhood]
        .into_iter()
        .flatten()
        .any(|slug| !app::model::place::is_valid_slug(slug))
    {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let only = match which_lights(&state, place, neighbourhood).await {
        Ok(only) => only,
        Err(error) => return error.into_response(),
    };
    let slot = match slot_for(&state, &slots, &parts) {
        Ok(slot) => slot,
        Err(full) => return refusal(full, &parts),
    };
    events(state.live.subscribe_lights(), slot, "light", move |event| {
        let wanted = match only {
            Only::All => true,
            Only::Place(id) => id == event.place_id,
            Only::Neighbourhood(id) => id == event.neighbourhood_id,
        };
        wanted.then_some(event.place_id)
    })
}

/// The lights a stream asked for: of one place, of one neighbourhood, or all.
async fn which_lights(
    state: &AppState,
    place: Option<String>,
    neighbourhood: Option<String>,
) -> Result<Only, app::error::AppError> {
    use app::error::AppError;
    Ok(match (place, neighbourhood) {
        (None, None) => Only::All,
        (Some(slug), _) => {
            let (place_id, _) = app::store::discussions::place_ids(&state.db, &slug)
                .await?
                .ok_or(AppError::NotFound)?;
            Only::Place(place_id)
        }
        (None, Some(slug)) => Only::Neighbourhood(
            app::store::discussions::neighbourhood_id(&state.db, &slug)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
    })
}

/// Which lights a stream follows.
#[derive(Clone, Copy)]
enum Only {
    All,
    Place(i64),
    Neighbourhood(i64),
}

/// Tells open pages when a light went off by itself (its time passed), every few seconds.
pub async fn announce_expired_lights(state: AppState) {
    let mut checked = state.now();
    let mut ticks = tokio::time::interval(Duration::from_secs(5));
    loop {
        ticks.tick().await;
        let now = state.now();
        match app::store::lights::lights_expired(&state.db, checked, now).await {
            Ok(places) => {
                for (place_id, neighbourhood_id) in places {
                    state.live.publish_light(app::live::LightEvent {
                        place_id,
                        neighbourhood_id,
                    });
                }
                checked = now;
            }
            Err(error) => tracing::warn!(%error, "checking for lights that went off"),
        }
    }
}
