//! The accept loop: `axum::serve` with the connection limits it does not offer (a deadline
//! for request headers, which also closes idle kept-alive connections) and a bounded wait
//! for open connections at shutdown.

use axum::{body::Body, extract::Request, Router};
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::conn::auto::Builder,
    service::TowerToHyperService,
};
use std::{future::Future, net::SocketAddr, pin::pin, time::Duration};
use tokio::{
    net::TcpListener,
    sync::{mpsc, watch},
};
use tower::{Service, ServiceExt};

/// A client must send a request's headers within this time after connecting or after its
/// previous answer; a connection that sends nothing for this long is closed.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long open connections (live streams among them) may take to finish after a shutdown
/// signal before the server stops anyway.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The connection limits [`serve`] applies; tests shorten them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServeConfig {
    pub header_read_timeout: Duration,
    pub shutdown_grace: Duration,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            header_read_timeout: HEADER_READ_TIMEOUT,
            shutdown_grace: SHUTDOWN_GRACE,
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets open connections finish
/// (up to the grace period). Handlers see the peer as `ConnectInfo<SocketAddr>`, as with
/// `into_make_service_with_connect_info`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let mut make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout);
    // Closing tells connections to finish; each holds an `open` sender, so `recv` ends once
    // the last one is gone.
    let (closing_tx, closing_rx) = watch::channel(false);
    let (open_tx, mut open_rx) = mpsc::channel::<()>(1);
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait instead of spinning.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = make_service
            .call(peer)
            .await
            .unwrap_or_else(|never| match never {})
            .map_request(|request: Request<Incoming>| request.map(Body::new));
        let builder = builder.clone();
        let mut closing = closing_rx.clone();
        let open = open_tx.clone();
        tokio::spawn(async move {
            let _open = open;
            let connection = builder.serve_connection_with_upgrades(
                TokioIo::new(stream),
                TowerToHyperService::new(service),
            );
            let mut connection = pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%error, %peer, "connection ended with an error");
                    }
                    return;
                }
                _ = closing.wait_for(|closing| *closing) => {
                    connection.as_mut().graceful_shutdown();
                }
            }
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
        });
    }
    drop(listener);
    closing_tx.send_replace(true);
    drop(open_tx);
    if tokio::time::timeout(config.shutdown_grace, open_rx.recv())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the grace period; stopping anyway");
    }
    Ok(())
}
