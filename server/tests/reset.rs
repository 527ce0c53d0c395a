//! A way back in without e-mail: reset codes a host hands over in person, and links by
//! e-mail through a tiny SMTP server the test runs itself.

mod common;

use app::state::{AppState, Clock};
use axum::{
    body::Body,
    http::{header, StatusCode},
    Router,
};
use common::smtp::{decoded, mailing_app, next_mail, smtp_sink};
use common::*;
use http_body_util::BodyExt;
use std::time::Duration;
use tower::ServiceExt;

const NEW_PASSWORD: &str = "een+nieuw+lang+wachtwoord";

/// Logs in through the server function; the session cookie when it worked.
async fn log_in(app: &TestApp, username: &str, password: &str) -> Option<String> {
    let reply = call(
        app,
        "account/log-in",
        None,
        &format!("username={username}&password={password}"),
    )
    .await;
    session_cookie(&reply)
}

/// Makes a code as `cookie` the way a page with JavaScript would; returns the answer.
async fn make_code(app: &TestApp, cookie: &str, username: &str) -> Reply {
    call(
        app,
        "resets/make",
        Some(cookie),
        &format!("username={}", encode(username)),
    )
    .await
}

/// The code a successful `make_code` answered with (`XXXX-XXXX`).
fn code_in(reply: &Reply) -> String {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

/// Uses a code (as typed) with the new password.
async fn use_code(app: &TestApp, code: &str) -> Reply {
    call(
        app,
        "resets/use",
        None,
        &format!(
            "reset_code={}&password={NEW_PASSWORD}&password_again={NEW_PASSWORD}",
            encode(code)
        ),
    )
    .await
}

/// The text of the first element matching `selector` on a page.
fn text_of(page: &str, selector: &str) -> Option<String> {
    let document = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .next()
        .map(|e| e.text().collect::<String>().trim().to_string())
}

#[tokio::test]
async fn a_host_hands_a_resident_a_code_and_the_resident_chooses_a_new_password() {
    let app = test_app().await;
    let host = host_of(&app, "gastvrouw", "buurthuis-de-linde").await;
    let resident = sign_up(&app, "bewoner").await;
    let other_device = log_in(&app, "bewoner", "een+lange+zin").await.unwrap();
    let resident_id = user_id(&app, "bewoner").await;
    let host_id = user_id(&app, "gastvrouw").await;

    // The host finds the resident by part of their name.
    let page = get_as(&app, "/herstelcodes?wie=bewo", &host).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("Code maken voor bewoner"),
        "{}",
        page.body
    );
    assert_eq!(page.headers[header::CACHE_CONTROL], "private, no-store");
    let nobody = get_as(&app, "/herstelcodes?wie=niemand-zo", &host).await;
    assert!(nobody.body.contains("We vinden niemand met deze naam"));

    // Without JavaScript: the form posts, the server redirects to the slip, which shows the
    // code, the address and a QR code; the code is in no address.
    let posted = no_js_post(
        &app,
        "/api/resets/make",
        Some(&host),
        "/herstelcodes?wie=bewo",
        "username=bewoner".into(),
    )
    .await;
    assert!(posted.status.is_redirection(), "{}", posted.body);
    let location = posted.headers[header::LOCATION].to_str().unwrap();
    assert_eq!(location, "/herstelcodes/bon");
    let slip = get_as(&app, "/herstelcodes/bon", &host).await;
    assert_eq!(slip.headers[header::CACHE_CONTROL], "private, no-store");
    let first = text_of(&slip.body, ".reset-slip__code").expect("the code on the slip");
    assert!(
        first.len() == 9 && first.as_bytes()[4] == b'-',
        "shown as XXXX-XXXX: {first}"
    );
    assert!(slip.body.contains("<svg"), "a QR code");
    assert!(slip
        .body
        .contains("Ga naar http://localhost/wachtwoord-herstellen"));
    assert!(slip
        .body
        .contains("Voor: bewoner (gebruikersnaam: bewoner)"));
    // The slip is the maker's alone.
    let admin = sign_up(&app, "beheerder").await;
    promote(&app, "beheerder", true).await;
    let theirs = get_as(&app, "/herstelcodes/bon", &admin).await;
    assert!(!theirs.body.contains(&first));

    // A new code replaces the old one.
    let code = code_in(&make_code(&app, &host, "bewoner").await);
    assert_ne!(code, first);
    let replaced = use_code(&app, &first).await;
    assert_field_problem(
        &replaced,
        "reset_code",
        "ResetCodeUnknown",
        "a replaced code",
    );

    // Only a hash is kept, and the log says who made a code for whom, never the code.
    let stored: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT user_id, code_hash, made_by FROM password_resets")
            .fetch_all(&app.db.read)
            .await
            .unwrap();
    let bare = code.replace('-', "");
    assert_eq!(
        stored,
        vec![(resident_id, app::token::token_hash(&bare), Some(host_id))]
    );
    let log: Vec<(Option<i64>, String, Option<i64>, String)> = sqlx::query_as(
        "SELECT moderator_id, action, user_id, reason FROM moderation_log ORDER BY id",
    )
    .fetch_all(&app.db.read)
    .await
    .unwrap();
    assert_eq!(log.len(), 2, "one line per code made: {log:?}");
    for line in &log {
        assert_eq!(
            line,
            &(
                Some(host_id),
                "reset_code".into(),
                Some(resident_id),
                String::new()
            )
        );
    }
    let dump: Vec<String> = sqlx::query_scalar(
        "SELECT coalesce(moderator_id, '') || action || coalesce(user_id, '') || reason
         || created_at FROM moderation_log",
    )
    .fetch_all(&app.db.read)
    .await
    .unwrap();
    assert!(dump
        .iter()
        .all(|line| !line.contains(&bare) && !line.contains(&first.replace('-', ""))));
    let log_page = get_as(&app, "/moderatie/logboek", &admin).await;
    assert!(
        log_page.body.contains("Herstelcode gemaakt"),
        "{}",
        log_page.body
    );
    assert!(!log_page.body.contains(&code) && !log_page.body.contains(&bare));

    // The resident types the code as it comes: lower case, with spaces.
    let typed = format!(
        " {} {} ",
        &bare[..4].to_lowercase(),
        &bare[4..].to_lowercase()
    );
    let mismatch = call(
        &app,
        "resets/use",
        None,
        &format!(
            "reset_code={}&password={NEW_PASSWORD}&password_again=iets+anders+lang",
            encode(&typed)
        ),
    )
    .await;
    assert_field_problem(&mismatch, "password_again", "Mismatch", "passwords differ");
    let done = use_code(&app, &typed).await;
    assert_accepted(&done);
    let new_session = session_cookie(&done).expect("logged in at once");
    let account = get_as(&app, "/account", &new_session).await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("Hallo bewoner"));

    // Every old session ended; the old password fails, the new one works.
    for old in [&resident, &other_device] {
        let page = get_as(&app, "/account", old).await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "an old session");
    }
    assert!(log_in(&app, "bewoner", "een+lange+zin").await.is_none());
    assert!(log_in(&app, "bewoner", NEW_PASSWORD).await.is_some());

    // The code works once.
    let again = use_code(&app, &code).await;
    assert_field_problem(&again, "reset_code", "ResetCodeUsed", "a used code");
}

#[tokio::test]
async fn the_form_explains_and_the_login_page_links_to_it() {
    let app = test_app().await;
    let login = get(&app, "/inloggen").await;
    assert!(login
        .body
        .contains(r#"<a href="/wachtwoord-herstellen">Wachtwoord vergeten?</a>"#));
    // No mail server here: the page says to ask for a code and offers no mail form.
    let page = get(&app, "/wachtwoord-herstellen?code=ABCD-EFGH").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("Vraag een gastvrouw, gastheer of moderator"));
    assert!(!page.body.contains("Stuur mij een link"));
    assert!(
        page.body.contains(r#"value="ABCD-EFGH""#),
        "the QR code fills it in"
    );
    let mail = call(&app, "resets/mail", None, "wie=iemand").await;
    assert_eq!(mail.status, StatusCode::BAD_REQUEST);

    // A code that cannot be one is refused before the database is asked.
    let bad = use_code(&app, "ABCD-EFG0").await;
    assert_field_problem(&bad, "reset_code", "ResetCodeUnknown", "not a code");
}

#[tokio::test]
async fn a_code_expires_after_a_day() {
    let app = test_app().await;
    let host = host_of(&app, "gastheer", "buurthuis-de-linde").await;
    sign_up(&app, "laat").await;
    let code = code_in(&make_code(&app, &host, "laat").await);

    // The same site a day and a second later.
    let later = server::app(AppState {
        clock: Clock::fixed(test_now() + jiff::SignedDuration::from_secs(24 * 60 * 60)),
        ..app.state.clone()
    });
    let body = format!("reset_code={code}&password={NEW_PASSWORD}&password_again={NEW_PASSWORD}");
    let expired = call_on(&later, "resets/use", &body).await;
    assert_field_problem(&expired, "reset_code", "ResetCodeExpired", "a day later");
    assert!(log_in(&app, "laat", NEW_PASSWORD).await.is_none());

    // A second earlier it still works.
    let in_time = server::app(AppState {
        clock: Clock::fixed(test_now() + jiff::SignedDuration::from_secs(24 * 60 * 60 - 1)),
        ..app.state.clone()
    });
    assert_accepted(&call_on(&in_time, "resets/use", &body).await);
    assert!(log_in(&app, "laat", NEW_PASSWORD).await.is_some());
}

/// A server function call to another router over the same database.
async fn call_on(router: &Router, endpoint: &str, body: &str) -> Reply {
    let request = form_post(&format!("/api/{endpoint}"))
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

#[tokio::test]
async fn who_may_make_a_code_for_whom() {
    // Seven sign-ups from one address: more than the sign-up limit allows.
    let app = configured_app(false, |state| state.limit_factor = 2).await;
    let host = host_of(&app, "gastheer", "buurthuis-de-linde").await;
    let resident = sign_up(&app, "bewoner").await;
    sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let moderator = log_in(&app, "moderator", "een+lange+zin").await.unwrap();
    host_of(&app, "anderehost", "bibliotheek-lindenhoek").await;

    // A host may not open an account with a role: that would be a takeover.
    for role in ["moderator", "anderehost"] {
        let refused = make_code(&app, &host, role).await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "{role}: {}",
            refused.body
        );
    }
    let page = get_as(&app, "/herstelcodes?wie=moderator", &host).await;
    assert!(page
        .body
        .contains("Voor dit account kun jij geen code maken"));
    assert!(!page.body.contains("Code maken voor moderator"));
    // Nor their own.
    assert_eq!(
        make_code(&app, &host, "gastheer").await.status,
        StatusCode::FORBIDDEN
    );
    // A moderator may for a host, not for themselves.
    code_in(&make_code(&app, &moderator, "anderehost").await);
    assert_eq!(
        make_code(&app, &moderator, "moderator").await.status,
        StatusCode::FORBIDDEN
    );
    // A resident without a role may not make codes at all, nor look people up.
    assert_eq!(
        make_code(&app, &resident, "gastheer").await.status,
        StatusCode::FORBIDDEN
    );
    let page = get_as(&app, "/herstelcodes", &resident).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let suggestions = get_as(&app, "/api/suggest?soort=mensen&q=bewo", &resident).await;
    assert_eq!(suggestions.status, StatusCode::OK);
    let for_host = get_as(&app, "/api/suggest?soort=mensen&q=bewo", &host).await;
    assert!(
        for_host.body.len() > suggestions.body.len(),
        "the host gets names, a resident none"
    );
    assert_eq!(for_host.headers[header::CACHE_CONTROL], "private, no-store");
    assert_eq!(
        call(&app, "resets/make", None, "username=bewoner")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    // Unknown, suspended and deleted accounts are refused with a reason.
    let unknown = make_code(&app, &host, "niemand").await;
    assert_field_problem(&unknown, "username", "UnknownUser", "no such account");
    sign_up(&app, "geschorst").await;
    sqlx::query("UPDATE users SET suspended = 1 WHERE username = 'geschorst'")
        .execute(&app.db.write)
        .await
        .unwrap();
    let suspended = make_code(&app, &host, "geschorst").await;
    assert_field_problem(&suspended, "username", "AccountSuspended", "suspended");
    let gone = sign_up(&app, "weg").await;
    let gone_id = user_id(&app, "weg").await;
    assert_accepted(
        &call(
            &app,
            "account/delete",
            Some(&gone),
            "current=een+lange+zin&posts=houden",
        )
        .await,
    );
    let deleted = make_code(&app, &host, &format!("~oud-lid-{gone_id}")).await;
    assert_field_problem(&deleted, "username", "AccountDeleted", "deleted");
    assert_eq!(
        count(&app, "password_resets").await,
        1,
        "only the moderator's code"
    );

    // A code for an account suspended after it was made no longer works.
    let code = code_in(&make_code(&app, &host, "bewoner").await);
    sqlx::query("UPDATE users SET suspended = 1 WHERE username = 'bewoner'")
        .execute(&app.db.write)
        .await
        .unwrap();
    let refused = use_code(&app, &code).await;
    assert_field_problem(
        &refused,
        "reset_code",
        "AccountSuspended",
        "suspended since",
    );
}

#[tokio::test]
async fn trying_codes_is_rate_limited() {
    let app = test_app().await;
    for attempt in 0..app::auth::rate_limit::RESET_PER_IP.max {
        let wrong = use_code(&app, "ZZZZ-ZZZZ").await;
        assert_field_problem(
            &wrong,
            "reset_code",
            "ResetCodeUnknown",
            &attempt.to_string(),
        );
    }
    let refused = use_code(&app, "ZZZZ-ZZZZ").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_link_by_mail_works_once_and_nobody_learns_who_has_an_account() {
    let (port, mut mails) = smtp_sink().await;
    let app = mailing_app(port, "http://buurtplein.test").await;
    let anna = sign_up_with_email(&app, "anna", "Anna", "anna@example.nl").await;
    sign_up(&app, "zonderadres").await;

    let page = get(&app, "/wachtwoord-herstellen").await;
    assert!(page.body.contains("Stuur mij een link"), "{}", page.body);

    // Known address (in another case), unknown address, account without one: the same answer.
    let mut answers = Vec::new();
    for who in ["ANNA@example.nl", "niemand@example.nl", "zonderadres"] {
        let reply = no_js_post(
            &app,
            "/api/resets/mail",
            None,
            "/wachtwoord-herstellen",
            format!("wie={}", encode(who)),
        )
        .await;
        answers.push((reply.status, reply.headers.get(header::LOCATION).cloned()));
    }
    assert!(answers[0].0.is_redirection(), "{answers:?}");
    assert!(
        answers.iter().all(|answer| *answer == answers[0]),
        "{answers:?}"
    );
    assert_eq!(
        answers[0].1.as_ref().unwrap(),
        "/wachtwoord-herstellen?mail=verstuurd"
    );
    let sent_page = get(&app, "/wachtwoord-herstellen?mail=verstuurd").await;
    assert!(sent_page.body.contains("Als er een account bij hoort"));

    // One mail, to Anna's address only.
    let mail = next_mail(&mut mails, Duration::from_secs(10))
        .await
        .expect("a mail for anna");
    assert_eq!(mail.to, vec!["anna@example.nl".to_string()]);
    assert!(
        mail.data
            .contains("Subject: Nieuw wachtwoord voor Buurtplein"),
        "{}",
        mail.data
    );
    assert!(mail
        .data
        .contains("From: Buurtplein <noreply@buurtplein.test>"));
    assert!(
        mail.data.contains("Content-Type: text/plain"),
        "{}",
        mail.data
    );
    let text = decoded(&mail.data);
    assert!(text.contains("Je gebruikersnaam is: anna"), "{text}");
    let prefix = "http://buurtplein.test/wachtwoord-herstellen?sleutel=";
    let start = text.find(prefix).expect("a link") + prefix.len();
    let key: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert_eq!(key.len(), 43, "{text}");
    assert!(
        next_mail(&mut mails, Duration::from_millis(500))
            .await
            .is_none(),
        "no mail for an unknown address or an account without one"
    );
    let stored: String =
        sqlx::query_scalar("SELECT code_hash FROM password_resets WHERE kind = 'mail'")
            .fetch_one(&app.db.read)
            .await
            .unwrap();
    assert_eq!(stored, app::token::token_hash(&key));

    // The link opens the same new-password form, without a code field.
    let form = get(&app, &format!("/wachtwoord-herstellen?sleutel={key}")).await;
    assert_eq!(form.headers[header::CACHE_CONTROL], "private, no-store");
    assert!(form
        .body
        .contains(&format!(r#"name="sleutel" value="{key}""#)));
    assert!(!form.body.contains(r#"name="reset_code""#));
    let reset = format!("sleutel={key}&password={NEW_PASSWORD}&password_again={NEW_PASSWORD}");
    let done = call(&app, "resets/use", None, &reset).await;
    assert_accepted(&done);
    assert!(session_cookie(&done).is_some());
    assert_eq!(
        get_as(&app, "/account", &anna).await.status,
        StatusCode::UNAUTHORIZED,
        "the old session ended"
    );
    assert!(log_in(&app, "anna", NEW_PASSWORD).await.is_some());

    // Once only.
    let again = call(&app, "resets/use", None, &reset).await;
    assert_field_problem(&again, "sleutel", "ResetCodeUsed", "a used link");
    let stale = get(&app, &format!("/wachtwoord-herstellen?sleutel={key}")).await;
    assert!(stale.body.contains("Deze link werkt niet meer"));
    assert!(!stale.body.contains(r#"name="sleutel""#));
}

#[tokio::test]
async fn a_mail_server_that_is_down_changes_nothing_for_the_visitor() {
    // A port nothing listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let app = configured_app(false, |state| {
        state.public_origin =
            Some(app::state::PublicOrigin::parse("http://buurtplein.test").unwrap());
        state.mailer = app::mail::Mailer::smtp(
            &format!("smtp://127.0.0.1:{port}"),
            "noreply@buurtplein.test",
            None,
        )
        .unwrap();
    })
    .await;
    sign_up_with_email(&app, "bea", "Bea", "bea@example.nl").await;
    let reply = no_js_post(
        &app,
        "/api/resets/mail",
        None,
        "/wachtwoord-herstellen",
        "wie=bea".into(),
    )
    .await;
    assert_eq!(
        reply.headers[header::LOCATION],
        "/wachtwoord-herstellen?mail=verstuurd"
    );
    // Sending fails in the background; the mailer itself says why, without an address.
    let error = app
        .state
        .mailer
        .send(app::mail::Mail {
            to: "bea@example.nl".into(),
            subject: "Test".into(),
            body: "Test".into(),
        })
        .await
        .unwrap_err();
    assert!(!error.to_string().contains("bea"), "{error}");
}
