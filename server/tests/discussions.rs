//! Accounts, discussions and moderation through the server functions, over HTTP.

mod common;

#[path = "../../app/tests/support/html_check.rs"]
mod html_check;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use common::*;

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_secure_over_https() {
    let app = test_app().await;
    let reply = call(
        &app,
        "account/sign-up",
        None,
        "username=anna&display_name=Anna&password=een+lange+zin&password_again=een+lange+zin",
    )
    .await;
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure"),
        "{cookie}"
    );
    // Served at a configured https origin, the cookie is Secure (and `__Host-` named).
    let app = https_app().await;
    sign_up(&app, "anna").await;
    let request = form_post("/api/account/log-in")
        .body(Body::from("username=anna&password=een+lange+zin"))
        .unwrap();
    let reply = send(&app, request).await;
    assert!(reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("; Secure"));
}

#[tokio::test]
async fn logging_in_rotates_the_session() {
    let app = test_app().await;
    let first = sign_up(&app, "bert").await;
    let reply = call(
        &app,
        "account/log-in",
        Some(&first),
        "username=bert&password=een+lange+zin",
    )
    .await;
    let second = session_cookie(&reply).unwrap();
    assert_ne!(first, second);
    assert_eq!(
        call(&app, "account/overview", Some(&first), "")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&app, "account/overview", Some(&second), "")
            .await
            .status,
        StatusCode::OK
    );
    let reply = call(&app, "account/log-out", Some(&second), "").await;
    assert!(reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(
        call(&app, "account/overview", Some(&second), "")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn failed_logins_are_limited_per_account_with_a_clear_message() {
    let app = test_app().await;
    sign_up(&app, "carla").await;
    for _ in 0..5 {
        let reply = call(
            &app,
            "account/log-in",
            None,
            "username=carla&password=verkeerd+wachtwoord",
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        assert!(reply.body.contains("WrongPassword"));
    }
    let reply = call(
        &app,
        "account/log-in",
        None,
        "username=carla&password=een+lange+zin",
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(reply.body.contains("RateLimited"), "{}", reply.body);
    let t = app::i18n::Locale::Nl.texts();
    let error: app::error::AppError = serde_json::from_str(&reply.body).unwrap();
    assert!(error
        .text(t)
        .starts_with("Te veel pogingen. Probeer het over"));
    // Another account is not affected.
    sign_up(&app, "dirk").await;
    assert!(call(
        &app,
        "account/log-in",
        None,
        "username=dirk&password=een+lange+zin"
    )
    .await
    .status
    .is_success());
}

#[tokio::test]
async fn sign_ups_are_limited_per_address() {
    let app = test_app().await;
    let limit = app::auth::rate_limit::SIGNUP_PER_IP.max;
    for n in 0..limit {
        sign_up(&app, &format!("buur{n}")).await;
    }
    let reply = call(
        &app,
        "account/sign-up",
        None,
        "username=buur9&display_name=B&password=een+lange+zin&password_again=een+lange+zin",
    )
    .await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        count(&app, "users").await,
        i64::from(limit),
        "the refused sign-up wrote nothing"
    );
}

#[tokio::test]
async fn who_may_call_what() {
    let app = test_app().await;
    let resident = sign_up(&app, "resident").await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let thread = thread_by(&app, &moderator, "Over de buurt").await;
    let post: i64 = sqlx::query_scalar("SELECT id FROM posts WHERE thread_id = ?")
        .bind(thread)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    let (linde, _) = app::store::discussions::place_ids(&app.db, "buurthuis-de-linde")
        .await
        .unwrap()
        .unwrap();

    let calls: Vec<(&str, String)> = vec![
        (
            "threads/start",
            "title=Hallo+buren&body=Tekst&neighbourhood=de-lindenhoek".into(),
        ),
        ("threads/reply", format!("thread={thread}&body=Tekst")),
        ("posts/report", format!("post={post}&reason=Niet+aardig")),
        ("posts/edit", format!("post={post}&body=Anders")),
        ("posts/delete", format!("post={post}")),
        (
            "moderation/act",
            format!("action=hide&post={post}&reason=Reden"),
        ),
        ("moderation/act", format!("action=lock&thread={thread}")),
        ("moderation/queue", String::new()),
        ("moderation/log", String::new()),
        (
            "moderation/grant",
            "username=resident&role=moderator".into(),
        ),
        ("invites/create", format!("place={linde}")),
        ("account/overview", String::new()),
        ("invites/list", String::new()),
    ];
    // (endpoint, anonymous, resident who is not the author)
    let expected = [
        (401, 200),
        (401, 200),
        (401, 200),
        (401, 403),
        (401, 403),
        (401, 403),
        (401, 403),
        (401, 403),
        (401, 403),
        (401, 403),
        (401, 403),
        (401, 200),
        (401, 200),
    ];
    for ((endpoint, body), (anonymous, as_resident)) in calls.iter().zip(expected) {
        let reply = call(&app, endpoint, None, body).await;
        assert_eq!(
            reply.status.as_u16(),
            anonymous,
            "anonymous {endpoint}: {}",
            reply.body
        );
        let reply = call(&app, endpoint, Some(&resident), body).await;
        let status = reply.status.as_u16();
        let ok = if as_resident == 200 {
            (200..400).contains(&status)
        } else {
            status == as_resident
        };
        assert!(ok, "resident {endpoint}: {status} {}", reply.body);
    }
    // Nothing the refused calls tried happened.
    let (status, locked): (String, bool) = sqlx::query_as(
        "SELECT p.status, t.locked FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = ?",
    )
    .bind(post)
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    assert_eq!((status.as_str(), locked), ("visible", false));
    assert_eq!(count(&app, "moderation_log").await, 0);
    assert_eq!(count(&app, "invites").await, 0);
}

#[tokio::test]
async fn bad_input_gets_a_clear_answer_and_changes_nothing() {
    let app = test_app().await;
    let resident = sign_up(&app, "resident").await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let thread = thread_by(&app, &moderator, "Een gesprek").await;
    let posts_before = count(&app, "posts").await;

    let long = "x".repeat(5001);
    let cases: Vec<(&str, String, u16, &str)> = vec![
        (
            "threads/reply",
            format!("thread={thread}&body="),
            422,
            "Required",
        ),
        (
            "threads/reply",
            format!("thread={thread}&body=+%0A+"),
            422,
            "Required",
        ),
        (
            "threads/reply",
            format!("thread={thread}&body={long}"),
            422,
            "TooLong",
        ),
        ("threads/reply", "thread=abc&body=Hallo".into(), 400, ""),
        ("threads/reply", "body=Hallo".into(), 400, ""),
        ("threads/reply", "thread=999999&body=Hallo".into(), 404, ""),
        (
            "threads/reply",
            format!("thread={thread}&parent=999999&body=Hallo"),
            400,
            "",
        ),
        (
            "threads/start",
            "title=ab&body=Tekst&neighbourhood=de-lindenhoek".into(),
            422,
            "TooShort",
        ),
        (
            "threads/start",
            "title=Goede+titel&body=Tekst&neighbourhood=bestaat-niet".into(),
            422,
            "neighbourhood",
        ),
        (
            "threads/start",
            "title=Goede+titel&body=Tekst&place=..%2F..%2Fetc".into(),
            422,
            "place",
        ),
        ("posts/report", "post=999999&reason=Waarom".into(), 404, ""),
        (
            "posts/report",
            format!("post={thread}&reason=x"),
            422,
            "TooShort",
        ),
        ("posts/edit", "post=-1&body=Hallo".into(), 404, ""),
    ];
    for (endpoint, body, status, detail) in cases {
        let reply = call(&app, endpoint, Some(&resident), &body).await;
        assert_eq!(
            reply.status.as_u16(),
            status,
            "{endpoint} {body:.80}: {}",
            reply.body
        );
        assert!(reply.body.contains(detail), "{endpoint}: {}", reply.body);
        assert!(!reply.body.to_lowercase().contains("sql"), "{}", reply.body);
    }
    assert_eq!(count(&app, "posts").await, posts_before);
    assert_eq!(count(&app, "threads").await, 1);

    // A write from another site is refused before it reaches the server function.
    let request = form_post("/api/threads/reply")
        .header(header::COOKIE, &resident)
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(format!("thread={thread}&body=Hallo")))
        .unwrap();
    assert_eq!(send(&app, request).await.status, StatusCode::FORBIDDEN);

    // A locked thread refuses replies from residents.
    let reply = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=lock&thread={thread}"),
    )
    .await;
    assert!(reply.status.is_success(), "{}", reply.body);
    let reply = call(
        &app,
        "threads/reply",
        Some(&resident),
        &format!("thread={thread}&body=Toch+nog"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert!(reply.body.contains("ThreadLocked"));
    assert_eq!(count(&app, "posts").await, posts_before);
}

#[tokio::test]
async fn the_first_post_of_a_new_account_waits_and_a_suspended_account_cannot_post() {
    let app = test_app().await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let thread = thread_by(&app, &moderator, "Welkom").await;
    let newcomer = sign_up(&app, "nieuw").await;
    call(
        &app,
        "threads/reply",
        Some(&newcomer),
        &format!("thread={thread}&body=Mijn+eerste+bericht"),
    )
    .await;
    let (post, status): (i64, String) =
        sqlx::query_as("SELECT id, status FROM posts ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.db.read)
            .await
            .unwrap();
    assert_eq!(status, "pending");
    let page = get(&app, &format!("/gesprekken/{thread}")).await;
    assert!(
        !page.body.contains("Mijn eerste bericht"),
        "others do not see it yet"
    );
    let reply = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=approve&post={post}"),
    )
    .await;
    assert!(reply.status.is_success(), "{}", reply.body);
    let page = get(&app, &format!("/gesprekken/{thread}")).await;
    assert!(page.body.contains("Mijn eerste bericht"));
    call(
        &app,
        "threads/reply",
        Some(&newcomer),
        &format!("thread={thread}&body=Tweede"),
    )
    .await;
    let status: String = sqlx::query_scalar("SELECT status FROM posts ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(
        status, "visible",
        "after one approved post, posts go straight through"
    );

    let user: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'nieuw'")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    let reply = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=suspend&user={user}&reason="),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "suspending needs a reason"
    );
    let reply = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=suspend&user={user}&reason=Herhaald+spam"),
    )
    .await;
    assert!(reply.status.is_success(), "{}", reply.body);
    // The suspension ended the session; logged in again, the account still cannot post.
    let login = call(
        &app,
        "account/log-in",
        None,
        "username=nieuw&password=een+lange+zin",
    )
    .await;
    let newcomer = session_cookie(&login).expect("a suspended account may still log in");
    let reply = call(
        &app,
        "threads/reply",
        Some(&newcomer),
        &format!("thread={thread}&body=Nog+eens"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.body.contains("Suspended"));
}

/// A place's page listens to its own light only, a chosen neighbourhood's home page to the
/// lights in it, and the home page without a choice to every light.
#[tokio::test]
async fn a_place_page_hears_only_its_own_light() {
    let app = test_app().await;
    let open = |uri: &str| {
        let router = app.router.clone();
        let uri = uri.to_string();
        async move {
            tower::ServiceExt::oneshot(router, Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap()
        }
    };
    let own = open("/licht/live?plek=buurthuis-de-linde").await;
    let all = open("/licht/live").await;
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(
        open("/licht/live?plek=bestaat-niet").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        open("/licht/live?plek=..%2F").await.status(),
        StatusCode::BAD_REQUEST
    );
    let (linde, home) = app::store::discussions::place_ids(&app.db, "buurthuis-de-linde")
        .await
        .unwrap()
        .unwrap();
    let home_slug: String = sqlx::query_scalar("SELECT slug FROM neighbourhoods WHERE id = ?")
        .bind(home)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    let neighbourhood = open(&format!("/licht/live?buurt={home_slug}")).await;
    assert_eq!(neighbourhood.status(), StatusCode::OK);
    assert_eq!(
        open("/licht/live?buurt=bestaat-niet").await.status(),
        StatusCode::NOT_FOUND
    );
    let library = place_id(&app, "bibliotheek-lindenhoek").await;
    // A light elsewhere in town first (another neighbourhood), then the one of De Linde.
    for (place_id, neighbourhood_id) in [(library, home + 1000), (linde, home)] {
        app.state.live.publish_light(app::live::LightEvent {
            place_id,
            neighbourhood_id,
        });
    }
    let heard = first_event(own).await;
    assert!(heard.contains(&format!("data: {linde}")), "{heard}");
    let heard = first_event(neighbourhood).await;
    assert!(heard.contains(&format!("data: {linde}")), "{heard}");
    let heard = first_event(all).await;
    assert!(heard.contains(&format!("data: {library}")), "{heard}");
}

#[tokio::test]
async fn a_new_post_is_announced_to_listeners_of_its_thread() {
    let app = test_app().await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let thread = thread_by(&app, &moderator, "Live").await;
    let mut events = app.state.live.subscribe();
    let response = tower::ServiceExt::oneshot(
        app.router.clone(),
        Request::get(format!("/gesprekken/{thread}/live"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    call(
        &app,
        "threads/reply",
        Some(&moderator),
        &format!("thread={thread}&body=Nieuw"),
    )
    .await;
    let event = events.recv().await.unwrap();
    assert_eq!(event.thread_id, thread);
    // The stream itself carries the event.
    let text = first_event(response).await;
    assert!(
        text.contains("event: post") && text.contains(&format!("data: {}", event.post_id)),
        "{text}"
    );
}

/// Every payload of the corpus, posted as a reply, comes back in the stored HTML and in the
/// rendered page with nothing dangerous left.
#[tokio::test]
async fn injection_payloads_are_harmless_when_stored_and_rendered() {
    // A hundred posts in a row is more than the per-account limit allows.
    let app = configured_app(false, |state| state.limit_factor = 10).await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let thread = thread_by(&app, &moderator, "Veiligheid").await;
    let payloads = html_check::payloads();
    assert!(payloads.len() >= 50, "{} payloads", payloads.len());
    for payload in &payloads {
        let reply = call(
            &app,
            "threads/reply",
            Some(&moderator),
            &format!("thread={thread}&body={}", encode(payload)),
        )
        .await;
        assert!(
            reply.status.is_success(),
            "{payload}: {} {}",
            reply.status,
            reply.body
        );
    }
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT body_html FROM posts WHERE thread_id = ? AND is_opening = 0")
            .bind(thread)
            .fetch_all(&app.db.read)
            .await
            .unwrap();
    assert_eq!(stored.len(), payloads.len());
    for html in &stored {
        html_check::assert_safe(html);
    }
    // The thread is paged: every page, until each post has been seen.
    let per_page = app::store::discussions::POSTS_PER_PAGE;
    let pages = (payloads.len() + 1).div_ceil(per_page);
    let mut rendered = 0;
    for number in 1..=pages {
        let page = get(&app, &format!("/gesprekken/{thread}?pagina={number}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&format!("Pagina {number} van {pages}")));
        for fragment in page.body.split(r#"<div class="post__text">"#).skip(1) {
            let end = fragment.find("</div>").expect("post text ends");
            html_check::assert_safe(&fragment[..end]);
            rendered += 1;
        }
    }
    assert_eq!(rendered, payloads.len() + 1, "every post is on a page");
}

/// When the database refuses a write, the answer says something went wrong and nothing
/// more: no SQL, no table, no driver message.
#[tokio::test]
async fn a_database_error_never_reaches_the_client() {
    let app = test_app().await;
    let cookie = sign_up(&app, "lotte").await;
    let thread = thread_by(&app, &cookie, "Wie helpt mee").await;
    sqlx::query(
        "CREATE TRIGGER refuse_posts BEFORE INSERT ON posts
         BEGIN SELECT RAISE(ABORT, 'geheim: INSERT INTO posts faalde in sqlite'); END",
    )
    .execute(&app.db.write)
    .await
    .unwrap();
    let before = count(&app, "posts").await;
    let reply = call(
        &app,
        "threads/reply",
        Some(&cookie),
        &format!("thread={thread}&body=Ik+help+mee"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    let body = reply.body.to_lowercase();
    for secret in ["geheim", "insert", "posts", "sqlite", "trigger", "database"] {
        assert!(!body.contains(secret), "{secret} in {}", reply.body);
    }
    assert_eq!(count(&app, "posts").await, before);

    // The same without JavaScript: the form comes back to its page, which says it failed.
    let reply = no_js_post(
        &app,
        "/api/threads/reply",
        Some(&cookie),
        &format!("/gesprekken/{thread}"),
        format!("thread={thread}&body=Ik+help+mee"),
    )
    .await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    let page = reply.headers[header::LOCATION].to_str().unwrap();
    assert!(page.starts_with("http://localhost/gesprekken/"), "{page}");
    // The error travels back to the page in the URL, base64-encoded.
    let encoded = page
        .split_once("__err=")
        .and_then(|(_, rest)| rest.split('&').next())
        .expect("the page is told it failed")
        .replace("%3D", "=")
        .replace("%3d", "=");
    use base64::Engine;
    let decoded = base64::engine::general_purpose::URL_SAFE
        .decode(&encoded)
        .or_else(|_| base64::engine::general_purpose::STANDARD.decode(&encoded))
        .expect("base64");
    let error = String::from_utf8(decoded).unwrap().to_lowercase();
    for secret in ["geheim", "insert", "posts", "sqlite", "trigger", "database"] {
        assert!(!error.contains(secret), "{secret} in {error}");
    }
    assert_eq!(count(&app, "posts").await, before);
}
