//! Secrets in addresses and cookies: calendar tokens kept only as a hash, https decided by
//! configuration rather than a forgeable header, and invite codes with limits.

mod common;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use common::*;

/// Makes a calendar address the way `ActionForm` does with JavaScript; returns it.
async fn new_calendar_address(app: &TestApp, cookie: &str) -> String {
    let made = call(app, "activities/renew-calendar", Some(cookie), "").await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    serde_json::from_str(&made.body).unwrap()
}

fn feed_path(url: &str) -> String {
    url[url.find("/mijn-agenda/").unwrap()..].to_string()
}

#[tokio::test]
async fn a_calendar_address_is_stored_as_a_hash_and_shown_only_once() {
    let app = test_app().await;
    let resident = sign_up(&app, "resident").await;
    let page = get_as(&app, "/account", &resident).await;
    assert!(
        page.body.contains("Maak mijn agenda-adres"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("/mijn-agenda/"));

    // Without JavaScript: the form posts, the server redirects, the page shows the address.
    let request = form_post("/api/activities/renew-calendar")
        .header(header::ACCEPT, "text/html")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, &resident)
        .body(Body::empty())
        .unwrap();
    let posted = send(&app, request).await;
    assert!(posted.status.is_redirection(), "{}", posted.status);
    let location = posted.headers[header::LOCATION].to_str().unwrap();
    assert!(!location.contains("mijn-agenda"), "{location}");
    let page = get_as(&app, "/account", &resident).await;
    let start = page.body.find("http://localhost/mijn-agenda/").unwrap();
    let url: String = page.body[start..]
        .chars()
        .take_while(|c| !matches!(c, '"' | '<'))
        .collect();
    assert!(url.ends_with("/agenda.ics"), "{url}");
    let again = get_as(&app, "/account", &resident).await;
    assert!(!again.body.contains(&url), "shown once only");
    assert!(again.body.contains("Maak een nieuw adres"));

    let path = feed_path(&url);
    let feed = get(&app, &path).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.body.starts_with("BEGIN:VCALENDAR"));
    assert_eq!(feed.headers[header::CACHE_CONTROL], "private, no-store");

    let token = path
        .trim_start_matches("/mijn-agenda/")
        .trim_end_matches("/agenda.ics");
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM calendar_feeds")
        .fetch_all(&app.db.read)
        .await
        .unwrap();
    assert_eq!(stored, vec![app::token::token_hash(token)]);
    assert!(!stored[0].contains(token));

    // A new address ends the old one.
    let newer = new_calendar_address(&app, &resident).await;
    assert_ne!(newer, url);
    assert_eq!(get(&app, &path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &feed_path(&newer)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_new_password_or_a_suspension_ends_the_calendar_address() {
    let app = test_app().await;
    let resident = sign_up(&app, "resident").await;
    let path = feed_path(&new_calendar_address(&app, &resident).await);
    assert_eq!(get(&app, &path).await.status, StatusCode::OK);
    let changed = call(
        &app,
        "account/password",
        Some(&resident),
        "current=een+lange+zin&password=een+nieuwe+lange+zin&password_again=een+nieuwe+lange+zin",
    )
    .await;
    assert!(
        changed.status.is_success() || changed.status.is_redirection(),
        "{} {}",
        changed.status,
        changed.body
    );
    assert_eq!(get(&app, &path).await.status, StatusCode::NOT_FOUND);

    let path = feed_path(&new_calendar_address(&app, &resident).await);
    assert_eq!(get(&app, &path).await.status, StatusCode::OK);
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let user = user_id(&app, "resident").await;
    let suspended = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=suspend&user={user}&reason=Herhaald+spam"),
    )
    .await;
    assert!(
        suspended.status.is_success() || suspended.status.is_redirection(),
        "{} {}",
        suspended.status,
        suspended.body
    );
    assert_eq!(get(&app, &path).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn feeds_and_the_health_check_are_not_stored() {
    let app = test_app().await;
    let feed = get(&app, "/plekken/buurthuis-de-linde/agenda.ics").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert_eq!(feed.headers[header::CACHE_CONTROL], "private, no-store");
    let health = get(&app, "/health").await;
    assert_eq!(health.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn an_https_origin_gives_host_only_secure_cookies_and_hsts() {
    let app = https_app().await;
    let reply = call(
        &app,
        "account/sign-up",
        None,
        "username=anna&display_name=Anna&password=een+lange+zin&password_again=een+lange+zin",
    )
    .await;
    let set = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(set.starts_with("__Host-sessie="), "{set}");
    assert!(
        set.contains("; Path=/;") && set.contains("; Secure") && !set.contains("Domain"),
        "{set}"
    );
    assert_eq!(
        reply.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000; includeSubDomains"
    );
    let cookie = session_cookie(&reply).unwrap();
    assert_eq!(
        get_as(&app, "/account", &cookie).await.status,
        StatusCode::OK
    );
    // The same token under the plain name (as a neighbouring site could plant it) is ignored.
    let planted = cookie.replace("__Host-sessie=", "sessie=");
    assert_ne!(
        get_as(&app, "/account", &planted).await.status,
        StatusCode::OK
    );
    let home = get(&app, "/").await;
    assert!(home.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));

    let language = send(
        &app,
        form_post("/taal")
            .body(Body::from("taal=en&terug=/"))
            .unwrap(),
    )
    .await;
    assert!(language.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .ends_with("; Secure"));

    let place = make_host(&app, "anna", "buurthuis-de-linde").await;
    let made = call(
        &app,
        "invites/create",
        Some(&cookie),
        &format!("place={place}"),
    )
    .await;
    assert!(made.status.is_success(), "{}", made.body);
    let list = call(&app, "invites/list", Some(&cookie), "").await;
    assert!(
        list.body
            .contains(&format!("{HTTPS_ORIGIN}/aanmelden?code=")),
        "{}",
        list.body
    );
    let url = new_calendar_address(&app, &cookie).await;
    assert!(
        url.starts_with(&format!("{HTTPS_ORIGIN}/mijn-agenda/")),
        "{url}"
    );
}

#[tokio::test]
async fn a_forged_forwarded_proto_changes_nothing_on_plain_http() {
    let app = test_app().await;
    let request = form_post("/api/account/sign-up")
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-proto", "https")
        .body(Body::from(
            "username=bert&display_name=Bert&password=een+lange+zin&password_again=een+lange+zin",
        ))
        .unwrap();
    let reply = send(&app, request).await;
    let set = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        set.starts_with("sessie=") && !set.contains("Secure"),
        "{set}"
    );
    assert!(!reply
        .headers
        .contains_key(header::STRICT_TRANSPORT_SECURITY));
    let cookie = session_cookie(&reply).unwrap();

    let language = send(
        &app,
        form_post("/taal")
            .header("x-forwarded-proto", "https")
            .body(Body::from("taal=en&terug=/"))
            .unwrap(),
    )
    .await;
    assert!(!language.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Secure"));

    let place = make_host(&app, "bert", "buurthuis-de-linde").await;
    let made = call(
        &app,
        "invites/create",
        Some(&cookie),
        &format!("place={place}"),
    )
    .await;
    assert!(made.status.is_success(), "{}", made.body);
    let list = send(
        &app,
        form_post("/api/invites/list")
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-proto", "https")
            .header(header::HOST, "buurt.test")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(
        list.body.contains("http://buurt.test/aanmelden?code=") && !list.body.contains("https://"),
        "{}",
        list.body
    );
    let feed = send(
        &app,
        Request::get("/plekken/buurthuis-de-linde/agenda.ics")
            .header("x-forwarded-proto", "https")
            .header(header::HOST, "buurt.test")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(!feed.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
    assert!(!feed.body.contains("https://buurt.test"), "{}", feed.body);
}

/// The code of the newest invite `host` made.
async fn newest_code(app: &TestApp, host: &str) -> String {
    sqlx::query_scalar(
        "SELECT code FROM invites WHERE created_by = (SELECT id FROM users WHERE username = ?)
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(host)
    .fetch_one(&app.db.read)
    .await
    .unwrap()
}

fn sign_up_body(username: &str, code: &str) -> String {
    format!(
        "username={username}&display_name={username}&password=een+lange+zin&password_again=een+lange+zin&code={code}"
    )
}

#[tokio::test]
async fn an_invite_for_one_use_lets_one_neighbour_in() {
    let app = test_app().await;
    let host = sign_up(&app, "gastvrouw").await;
    let place = make_host(&app, "gastvrouw", "buurthuis-de-linde").await;
    let refused = call(
        &app,
        "invites/create",
        Some(&host),
        &format!("place={place}&max_uses=0"),
    )
    .await;
    assert_field_problem(&refused, "max_uses", "OutOfRange", "no zero uses");
    let made = call(
        &app,
        "invites/create",
        Some(&host),
        &format!("place={place}&max_uses=1&until_date="),
    )
    .await;
    assert!(made.status.is_success(), "{}", made.body);
    let code = newest_code(&app, "gastvrouw").await;
    let list = call(&app, "invites/list", Some(&host), "").await;
    assert!(list.body.contains("\"max_uses\":1"), "{}", list.body);

    let first = call(
        &app,
        "account/sign-up",
        None,
        &sign_up_body("eerste", &code),
    )
    .await;
    assert!(
        first.status.is_success() || first.status.is_redirection(),
        "{}",
        first.body
    );
    let second = call(
        &app,
        "account/sign-up",
        None,
        &sign_up_body("tweede", &code),
    )
    .await;
    assert_field_problem(&second, "code", "InviteUsedUp", "the one use is gone");
    let uses: i64 = sqlx::query_scalar("SELECT uses FROM invites WHERE code = ?")
        .bind(&code)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(uses, 1);
    assert_eq!(count(&app, "users").await, 2, "host and the first only");
    let page = get_as(&app, "/uitnodigingen", &host).await;
    assert!(
        page.body.contains("1 van de 1 keer gebruikt"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Deze code werkt niet meer."));
}

#[tokio::test]
async fn an_expired_invite_is_refused_beside_the_code() {
    let app = test_app().await;
    let host = sign_up(&app, "gastheer").await;
    let place = make_host(&app, "gastheer", "buurthuis-de-linde").await;
    let today = app
        .state
        .clock
        .now()
        .to_zoned(app::model::hours::amsterdam())
        .date();
    let yesterday = today.yesterday().unwrap();
    let refused = call(
        &app,
        "invites/create",
        Some(&host),
        &format!("place={place}&until_date={yesterday}"),
    )
    .await;
    assert_field_problem(&refused, "until_date", "Past", "a last day in the past");
    let made = call(
        &app,
        "invites/create",
        Some(&host),
        &format!("place={place}&until_date={today}"),
    )
    .await;
    assert!(made.status.is_success(), "{}", made.body);
    let code = newest_code(&app, "gastheer").await;
    let expires_at: i64 = sqlx::query_scalar("SELECT expires_at FROM invites WHERE code = ?")
        .bind(&code)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    let tomorrow = today
        .tomorrow()
        .unwrap()
        .to_zoned(app::model::hours::amsterdam())
        .unwrap()
        .timestamp()
        .as_second();
    assert_eq!(expires_at, tomorrow, "works through its last day");
    let greeted = call(&app, "account/invite-place", None, &format!("code={code}")).await;
    assert!(greeted.body.contains("Buurthuis"), "{}", greeted.body);

    sqlx::query("UPDATE invites SET expires_at = ? WHERE code = ?")
        .bind(app.state.now() - 1)
        .bind(&code)
        .execute(&app.db.write)
        .await
        .unwrap();
    let refused = call(&app, "account/sign-up", None, &sign_up_body("laat", &code)).await;
    assert_field_problem(&refused, "code", "InviteExpired", "past its last day");
    assert_eq!(count(&app, "users").await, 1);
    let greeted = call(&app, "account/invite-place", None, &format!("code={code}")).await;
    assert_eq!(greeted.body, "null");
}

/// Neighbours signing up together over the community centre's one connection: past the
/// limit per address, a host's invite code still lets them in, counted against the code.
#[tokio::test]
async fn a_hosts_invite_vouches_for_sign_ups_past_the_address_limit() {
    let app = test_app().await;
    let host = sign_up(&app, "gastvrouw").await;
    let place = make_host(&app, "gastvrouw", "buurthuis-de-linde").await;
    let made = call(
        &app,
        "invites/create",
        Some(&host),
        &format!("place={place}&max_uses=&until_date="),
    )
    .await;
    assert!(made.status.is_success(), "{}", made.body);
    let code = newest_code(&app, "gastvrouw").await;
    let limit = app::auth::rate_limit::SIGNUP_PER_IP.max;
    // The host's own sign-up counted too.
    for n in 1..limit {
        let reply = call(
            &app,
            "account/sign-up",
            None,
            &sign_up_body(&format!("zonder{n}"), ""),
        )
        .await;
        assert!(
            reply.status.is_success() || reply.status.is_redirection(),
            "{n}: {}",
            reply.body
        );
    }
    let blocked = call(&app, "account/sign-up", None, &sign_up_body("nogeen", "")).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    for n in 0..5 {
        let reply = call(
            &app,
            "account/sign-up",
            None,
            &sign_up_body(&format!("met{n}"), &code),
        )
        .await;
        assert!(
            reply.status.is_success() || reply.status.is_redirection(),
            "{n}: {}",
            reply.body
        );
    }
    // A code that does not exist vouches for nobody.
    let guessed = call(
        &app,
        "account/sign-up",
        None,
        &sign_up_body("gok", "ZZZZZZZZ"),
    )
    .await;
    assert_eq!(guessed.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(count(&app, "users").await, i64::from(limit) + 5);
}

#[tokio::test]
async fn invite_checks_are_rate_limited_per_address() {
    let app = test_app().await;
    let limit = app::auth::rate_limit::INVITE_CHECK_PER_IP.max;
    for _ in 0..limit {
        let checked = call(&app, "account/invite-place", None, "code=ZZZZ-ZZZZ").await;
        assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    }
    let refused = call(&app, "account/invite-place", None, "code=ZZZZ-ZZZZ").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    // Guessing at sign-up counts against the same limit.
    let guessed = call(
        &app,
        "account/sign-up",
        None,
        &sign_up_body("gok", "ZZZZZZZZ"),
    )
    .await;
    assert_eq!(guessed.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(count(&app, "users").await, 0);
}
