//! What goes into the log when visitors type long or personal text. Alone in its own test
//! binary: a thread-local subscriber misses events whose call sites other test threads
//! registered at the same moment.

mod common;

use axum::http::StatusCode;
use common::*;
use std::sync::{Arc, Mutex};

const PASSWORD: &str = "een+lange+zin";

/// The tracing output of everything run on this thread while the guard lives.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn typed_names_and_addresses_stay_out_of_the_log() {
    let app = test_app().await;
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer({
            let captured = captured.clone();
            move || captured.clone()
        })
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let huge = "x".repeat(30_000);
    let reply = call(
        &app,
        "account/sign-up",
        None,
        &format!(
            "username={huge}&display_name=Geheime+Naam&email=iemand%40example.nl\
             &password={PASSWORD}&password_again={PASSWORD}"
        ),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let reply = call(
        &app,
        "account/log-in",
        None,
        &format!("username={huge}&password=fout"),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );

    let log = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    assert!(
        log.contains("sign_up: app::api") && log.contains("log_in: app::api"),
        "both refusals are logged: {log}"
    );
    let run = "x".repeat(100);
    for secret in [run.as_str(), "Geheime", "iemand@example.nl"] {
        assert!(
            !log.contains(secret),
            "{secret:.20} was logged: {log:.2000}"
        );
    }
    assert!(log.len() < 20_000, "{} bytes of log", log.len());
}
