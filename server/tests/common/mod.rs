//! The router driven through `oneshot` on a real temporary SQLite file, shared by the HTTP
//! test files.
#![allow(dead_code)]

pub mod smtp;

use app::{
    state::{AppState, Clock},
    store::Db,
};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

pub async fn test_app() -> TestApp {
    test_app_with(false).await
}

pub async fn test_app_with(hash_files: bool) -> TestApp {
    configured_app(hash_files, |_| {}).await
}

/// The public origin of `https_app`.
pub const HTTPS_ORIGIN: &str = "https://buurtplein.example.nl";

/// A test app served, as configured, at a public https origin.
pub async fn https_app() -> TestApp {
    configured_app(false, |state| {
        state.public_origin = Some(app::state::PublicOrigin::parse(HTTPS_ORIGIN).unwrap());
    })
    .await
}

/// A test app whose state the caller adjusts before the router is built.
pub async fn configured_app(hash_files: bool, adjust: impl FnOnce(&mut AppState)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("http.db")).await.unwrap();
    app::demo::seed::seed_demo(&db).await.unwrap();
    app_on(dir, db, hash_files, test_now(), adjust).await
}

/// A test app on the whole demo as a start with `BUURTPLEIN_DEMO` on fills it in
/// (activities, conversations, the light, the demo accounts), with the clock at `now`.
pub async fn demo_app(now: jiff::Timestamp) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("demo.db")).await.unwrap();
    app::demo::seed_all(&db, now).await.unwrap();
    app_on(dir, db, false, now, |_| {}).await
}

/// The same database started again at `now` with the demo on: what a later start adds, and
/// the site with its clock there.
pub async fn restarted_demo(app: TestApp, now: jiff::Timestamp) -> (TestApp, app::demo::Seeded) {
    let TestApp { db, _dir: dir, .. } = app;
    let seeded = app::demo::seed_all(&db, now).await.unwrap();
    (app_on(dir, db, false, now, |_| {}).await, seeded)
}

/// The moment every test app's clock shows unless a test sets its own.
pub fn test_now() -> jiff::Timestamp {
    "2026-11-24T09:30:00Z".parse().unwrap()
}

/// A test app on the small generated set (10 neighbourhoods, 200 places, 2,000 activities)
/// instead of the demo neighbourhood: for what only shows with many places.
pub async fn generated_app() -> TestApp {
    use app::demo::generate::{generate, Scale};
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("generated.db")).await.unwrap();
    generate(&db, 1, Scale::SMALL, |_| {})
        .await
        .unwrap()
        .unwrap();
    app_on(dir, db, false, test_now(), |_| {}).await
}

async fn app_on(
    dir: tempfile::TempDir,
    db: Db,
    hash_files: bool,
    now: jiff::Timestamp,
    adjust: impl FnOnce(&mut AppState),
) -> TestApp {
    let site_root = dir.path().join("site");
    std::fs::create_dir_all(site_root.join("pkg")).unwrap();
    std::fs::write(site_root.join("robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(site_root.join("pkg/buurtplein.abc123.css"), "body{}").unwrap();
    let leptos_options = LeptosOptions::builder()
        .output_name("buurtplein")
        .site_root(site_root.to_string_lossy().to_string())
        .hash_files(hash_files)
        .build();
    // Every test runs on the Tuesday morning the browser tests use, so dates written in a
    // test stay ahead of "today" whenever it runs.
    let mut state = AppState::new(leptos_options, db.clone(), Clock::fixed(now))
        .await
        .unwrap();
    adjust(&mut state);
    TestApp {
        router: server::app(state.clone()),
        db,
        state,
        _dir: dir,
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

pub async fn send(app: &TestApp, request: Request<Body>) -> Reply {
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A form post, as a browser sends it; callers add headers and the body.
pub fn form_post(uri: &str) -> axum::http::request::Builder {
    Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

pub async fn get(app: &TestApp, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// A page as a logged-in visitor sees it.
pub async fn get_as(app: &TestApp, uri: &str, cookie: &str) -> Reply {
    send(
        app,
        Request::get(uri)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// Calls a server function the way `ActionForm` does with JavaScript: a urlencoded POST
/// from this site, answered with JSON.
pub async fn call(app: &TestApp, endpoint: &str, cookie: Option<&str>, body: &str) -> Reply {
    let mut request =
        form_post(&format!("/api/{endpoint}")).header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(app, request.body(Body::from(body.to_string())).unwrap()).await
}

/// Asserts a form was refused (422) with `problem` named beside `field`.
pub fn assert_field_problem(reply: &Reply, field: &str, problem: &str, context: &str) {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{context}: {}",
        reply.body
    );
    assert!(
        reply.body.contains(field) && reply.body.contains(problem),
        "{context}: {}",
        reply.body
    );
}

/// Asserts a form was taken: answered, or sent on to the next page.
#[track_caller]
pub fn assert_accepted(reply: &Reply) {
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
}

/// The `sessie=…` (over https `__Host-sessie=…`) pair a response set, ready for a `Cookie`
/// header.
pub fn session_cookie(reply: &Reply) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sessie=") || v.starts_with("__Host-sessie="))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
}

/// Signs up through the server function; returns the session cookie.
pub async fn sign_up(app: &TestApp, username: &str) -> String {
    let body = format!(
        "username={username}&display_name={username}&password=een+lange+zin&password_again=een+lange+zin"
    );
    let reply = call(app, "account/sign-up", None, &body).await;
    assert_accepted(&reply);
    session_cookie(&reply).expect("a session cookie")
}

/// Signs up with a name for the neighbours and an e-mail address; returns the session cookie.
pub async fn sign_up_with_email(
    app: &TestApp,
    username: &str,
    display_name: &str,
    email: &str,
) -> String {
    let body = format!(
        "username={username}&display_name={}&email={}&password=een+lange+zin&password_again=een+lange+zin",
        encode(display_name),
        encode(email)
    );
    let reply = call(app, "account/sign-up", None, &body).await;
    assert_accepted(&reply);
    session_cookie(&reply).expect("a session cookie")
}

/// Gives an account the moderator flag (or admin) straight in the database.
pub async fn promote(app: &TestApp, username: &str, admin: bool) {
    sqlx::query("UPDATE users SET is_moderator = 1, is_admin = ? WHERE username = ?")
        .bind(admin)
        .bind(username)
        .execute(&app.db.write)
        .await
        .unwrap();
}

pub async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

/// Percent-encodes a form value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Starts a neighbourhood thread as `cookie`; returns its id.
pub async fn thread_by(app: &TestApp, cookie: &str, title: &str) -> i64 {
    start_thread(app, cookie, title, "Eerste bericht").await
}

/// Starts a neighbourhood thread with this opening text; returns its id.
pub async fn start_thread(app: &TestApp, cookie: &str, title: &str, body: &str) -> i64 {
    let reply = call(
        app,
        "threads/start",
        Some(cookie),
        &format!(
            "title={}&body={}&neighbourhood=de-lindenhoek",
            encode(title),
            encode(body)
        ),
    )
    .await;
    assert_accepted(&reply);
    sqlx::query_scalar("SELECT max(id) FROM threads")
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

/// The first event a live stream sends, as text (within five seconds).
pub async fn first_event(response: axum::response::Response) -> String {
    let mut body = response.into_body().into_data_stream();
    let chunk = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        futures::StreamExt::next(&mut body),
    )
    .await
    .expect("an event arrives")
    .unwrap()
    .unwrap();
    String::from_utf8_lossy(&chunk).into_owned()
}

pub async fn user_id(app: &TestApp, username: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE username = ?")
        .bind(username)
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

pub async fn place_id(app: &TestApp, slug: &str) -> i64 {
    app::store::discussions::place_ids(&app.db, slug)
        .await
        .unwrap()
        .unwrap()
        .0
}

/// Makes an existing account host of the place; returns the place's id.
pub async fn make_host(app: &TestApp, username: &str, slug: &str) -> i64 {
    let place = place_id(app, slug).await;
    sqlx::query("INSERT INTO place_hosts (place_id, display_name, user_id) VALUES (?, ?, ?)")
        .bind(place)
        .bind(username)
        .bind(user_id(app, username).await)
        .execute(&app.db.write)
        .await
        .unwrap();
    place
}

/// Signs up a new account that hosts the place; returns its session cookie.
pub async fn host_of(app: &TestApp, username: &str, slug: &str) -> String {
    let cookie = sign_up(app, username).await;
    make_host(app, username, slug).await;
    cookie
}

/// A form sent from a page on this site with JavaScript off: the browser asks for HTML and
/// says which page it came from.
pub async fn no_js_post(
    app: &TestApp,
    uri: &str,
    cookie: Option<&str>,
    from_page: &str,
    body: String,
) -> Reply {
    let mut request = form_post(uri);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let request = request
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://localhost{from_page}"))
        .body(Body::from(body))
        .unwrap();
    send(app, request).await
}

/// The form of the weekly coffee morning the activity tests start from: Thursdays from
/// 26 November 2026, 10:00 to 11:30.
pub const COFFEE_FORM: &str = "form[title]=Koffieochtend&form[date]=2026-11-26&form[start]=10:00&form[end]=11:30&form[repeat]=weekly";

/// The newest activity's id.
pub async fn last_activity(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT max(id) FROM activities")
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

/// Creates an activity at the place as the host `cookie`, through the server function,
/// which must take it; returns its id.
pub async fn create_activity(app: &TestApp, cookie: &str, place_id: i64, form: &str) -> i64 {
    let reply = call(
        app,
        "activities/create",
        Some(cookie),
        &format!("place={place_id}&{form}"),
    )
    .await;
    assert_accepted(&reply);
    last_activity(app).await
}

/// A host, their place and the activity they run there.
pub struct HostedActivity {
    /// The place's id.
    pub place: i64,
    /// The host's session cookie.
    pub host: String,
    pub activity: i64,
}

/// Signs up `ans` as host of Buurthuis De Linde, who creates the weekly coffee morning
/// ([`COFFEE_FORM`]) there.
pub async fn host_with_activity(app: &TestApp) -> HostedActivity {
    let place = place_id(app, "buurthuis-de-linde").await;
    let host = host_of(app, "ans", "buurthuis-de-linde").await;
    let activity = create_activity(app, &host, place, COFFEE_FORM).await;
    HostedActivity {
        place,
        host,
        activity,
    }
}

/// The answer to the anti-spam question of the guest form on `page`, as a person reads it.
pub fn answer_on(page: &str) -> String {
    let document = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("#gast-answer-hint").unwrap();
    let hint: String = document.select(&selector).flat_map(|e| e.text()).collect();
    let sum: u32 = hint
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(app::auth::antispam::parse_answer)
        .sum();
    assert!(sum > 0, "a question in {hint:?}");
    sum.to_string()
}

/// The signed token of the guest form on `page`.
pub fn token_on(page: &str) -> String {
    let document = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("input[name=token]").unwrap();
    document
        .select(&selector)
        .next()
        .and_then(|input| input.value().attr("value"))
        .expect("a form token")
        .to_string()
}
