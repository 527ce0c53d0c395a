//! Limits that keep one client from holding the server: login attempts, live streams,
//! slow or idle connections, and the rate-limit table. (What goes into the log is tested in
//! `logging.rs`, alone in its process.)

mod common;

use app::{
    auth::rate_limit::{self, Limit},
    i18n::Locale,
    state::AppState,
};
use axum::{
    body::{Body, Bytes},
    http::{Request, StatusCode},
    response::Response,
};
use common::*;
use http_body_util::BodyExt;
use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

const PASSWORD: &str = "een+lange+zin";

/// A test app that reads the client address from `X-Forwarded-For`, so tests can play
/// several clients.
async fn proxied_app() -> TestApp {
    configured_app(false, |state| state.trust_proxy = true).await
}

async fn log_in_from(app: &TestApp, ip: &str, username: &str, password: &str) -> Reply {
    let request = form_post("/api/account/log-in")
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", ip)
        .body(Body::from(format!(
            "username={username}&password={password}"
        )))
        .unwrap();
    send(app, request).await
}

fn assert_logged_in(reply: &Reply, context: &str) {
    assert!(
        session_cookie(reply).is_some(),
        "{context}: {} {}",
        reply.status,
        reply.body
    );
}

#[tokio::test]
async fn parallel_wrong_logins_are_each_counted() {
    let app = proxied_app().await;
    sign_up(&app, "anna").await;
    let replies = futures::future::join_all(
        (0..20).map(|_| log_in_from(&app, "10.0.0.1", "anna", "fout+geraden")),
    )
    .await;
    let wrong = replies
        .iter()
        .filter(|r| r.status == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let limited = replies
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (wrong, limited),
        (5, 15),
        "a limit of {} per address: the rest refused unchecked",
        rate_limit::LOGIN_FAILURES_PER_PAIR.max
    );
}

#[tokio::test]
async fn wrong_guesses_from_one_address_do_not_lock_out_the_owner() {
    let app = proxied_app().await;
    sign_up(&app, "bram").await;
    for _ in 0..rate_limit::LOGIN_FAILURES_PER_PAIR.max {
        let reply = log_in_from(&app, "10.0.0.1", "bram", "fout+geraden").await;
        assert_field_problem(&reply, "password", "WrongPassword", "a stranger guesses");
    }
    let stranger = log_in_from(&app, "10.0.0.1", "bram", PASSWORD).await;
    assert_eq!(
        stranger.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        stranger.body
    );

    let owner = log_in_from(&app, "10.0.0.2", "BRAM", PASSWORD).await;
    assert_logged_in(&owner, "the owner, from their own address");
}

#[tokio::test]
async fn past_the_account_ceiling_only_clean_addresses_may_try() {
    let app = proxied_app().await;
    sign_up(&app, "cor").await;
    let per_pair = rate_limit::LOGIN_FAILURES_PER_PAIR.max;
    for a in 0..rate_limit::LOGIN_FAILURES_PER_ACCOUNT.max / per_pair {
        let ip = format!("10.0.1.{a}");
        let replies =
            futures::future::join_all((0..per_pair).map(|_| log_in_from(&app, &ip, "cor", "fout")))
                .await;
        for reply in &replies {
            assert_field_problem(reply, "password", "WrongPassword", &ip);
        }
    }

    let owner = log_in_from(&app, "10.0.2.1", "cor", PASSWORD).await;
    assert_logged_in(&owner, "the owner, from an address that never failed");

    let first = log_in_from(&app, "10.0.2.2", "cor", "fout").await;
    assert_field_problem(
        &first,
        "password",
        "WrongPassword",
        "one try for a new address",
    );
    let second = log_in_from(&app, "10.0.2.2", "cor", PASSWORD).await;
    assert_eq!(
        second.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        second.body
    );
}

#[tokio::test]
async fn login_limits_keep_their_table_small_under_huge_usernames() {
    let app = proxied_app().await;
    let huge = "y".repeat(30_000);
    for i in 0..20 {
        let reply = log_in_from(&app, "10.0.3.1", &format!("{huge}{i}"), "fout").await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // One window for the address, and one per (address, name) and per name: each 16 bytes
    // of key, however long the name.
    assert_eq!(app.state.limits.len(), 1 + 2 * 20);
}

async fn open_live(router: &axum::Router, ip: &str) -> Response {
    router
        .clone()
        .oneshot(
            Request::get("/licht/live")
                .header("x-forwarded-for", ip)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap()
}

async fn text_of(response: Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[tokio::test]
async fn one_address_holds_a_few_live_streams_and_a_closed_one_frees_its_slot() {
    let app = proxied_app().await;
    let mut open = Vec::new();
    for _ in 0..server::live::LIVE_STREAMS_PER_ADDRESS {
        let stream = open_live(&app.router, "10.1.0.1").await;
        assert_eq!(stream.status(), StatusCode::OK);
        open.push(stream);
    }
    let refused = open_live(&app.router, "10.1.0.1").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        text_of(refused).await,
        Locale::Nl.texts().error_live_too_many
    );
    assert_eq!(
        open_live(&app.router, "10.1.0.2").await.status(),
        StatusCode::OK,
        "other addresses are not affected"
    );

    drop(open.pop());
    assert_eq!(
        open_live(&app.router, "10.1.0.1").await.status(),
        StatusCode::OK,
        "a closed stream gives its slot back"
    );
}

#[tokio::test]
async fn live_streams_are_capped_in_total() {
    let app = proxied_app().await;
    let per_address = server::live::LIVE_STREAMS_PER_ADDRESS;
    let mut open = Vec::new();
    for i in 0..server::live::LIVE_STREAMS_TOTAL {
        let ip = format!("10.2.{}.{}", i / per_address / 250, i / per_address % 250);
        let stream = open_live(&app.router, &ip).await;
        assert_eq!(stream.status(), StatusCode::OK, "stream {i}");
        open.push(stream);
    }
    let refused = open_live(&app.router, "10.3.0.1").await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(text_of(refused).await, Locale::Nl.texts().error_live_busy);

    open.clear();
    assert_eq!(
        open_live(&app.router, "10.3.0.1").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_request_whose_body_never_ends_times_out() {
    let app = test_app().await;
    let router = server::app_with_request_timeout(app.state.clone(), Duration::from_secs(1));
    let body = Body::from_stream(futures::stream::pending::<Result<Bytes, std::io::Error>>());
    let request = form_post("/api/account/log-in")
        .header("sec-fetch-site", "same-origin")
        .body(body)
        .unwrap();
    let response = tokio::time::timeout(Duration::from_secs(10), router.oneshot(request))
        .await
        .expect("answered within the request timeout")
        .unwrap();
    assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
}

struct Served {
    addr: SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// The router behind the real accept loop on a free local port, with a 1 s header timeout.
async fn serve_locally(app: &TestApp) -> Served {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let config = server::ServeConfig {
        header_read_timeout: Duration::from_secs(1),
        shutdown_grace: Duration::from_secs(1),
    };
    let task = tokio::spawn(server::serve(
        listener,
        app.router.clone(),
        config,
        async move {
            let _ = stopped.await;
        },
    ));
    Served { addr, stop, task }
}

/// Reads until the server closes the connection; how long that took, and what it sent.
async fn read_until_closed(stream: &mut tokio::net::TcpStream) -> (Duration, String) {
    let started = Instant::now();
    let mut received = Vec::new();
    // A reset also counts as closed.
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut received))
        .await
        .expect("the server closes the connection");
    (
        started.elapsed(),
        String::from_utf8_lossy(&received).into_owned(),
    )
}

#[tokio::test]
async fn a_half_sent_request_is_closed_after_the_header_timeout() {
    let app = test_app().await;
    let served = serve_locally(&app).await;
    let mut stream = tokio::net::TcpStream::connect(served.addr).await.unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let (waited, _) = read_until_closed(&mut stream).await;
    assert!(waited < Duration::from_secs(5), "closed after {waited:?}");
}

#[tokio::test]
async fn an_idle_connection_is_closed_after_the_header_timeout() {
    let app = test_app().await;
    let served = serve_locally(&app).await;
    let mut stream = tokio::net::TcpStream::connect(served.addr).await.unwrap();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let (waited, received) = read_until_closed(&mut stream).await;
    assert!(received.starts_with("HTTP/1.1 200"), "{received}");
    assert!(waited < Duration::from_secs(5), "closed after {waited:?}");
}

#[tokio::test]
async fn the_accept_loop_hands_handlers_the_peer_address_and_stops_on_request() {
    let app = test_app().await;
    let served = serve_locally(&app).await;
    let mut stream = tokio::net::TcpStream::connect(served.addr).await.unwrap();
    let body = "username=&password=";
    let request = format!(
        "POST /api/account/log-in HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
         Sec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let (_, received) = read_until_closed(&mut stream).await;
    assert!(received.starts_with("HTTP/1.1 422"), "{received}");

    // The attempt was counted against 127.0.0.1, not the unknown address.
    let one = Limit {
        max: 1,
        window_seconds: 60,
    };
    let now = AppState::elapsed_now();
    assert!(app.state.limits.count("login:127.0.0.1", one, now).is_err());
    assert!(app.state.limits.count("login:0.0.0.0", one, now).is_ok());

    served.stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), served.task)
        .await
        .expect("the server stops")
        .unwrap()
        .unwrap();
}
