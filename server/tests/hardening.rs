//! Holes a security review found in a running server, each shown closed over HTTP.

mod common;

use app::state::Clock;
use axum::http::{header, StatusCode};
use common::*;
use std::collections::BTreeMap;

/// What typed text tries to do once it lands inside a `<textarea>` or a `<title>`.
const ESCAPES: &[&str] = &[
    r#"</textarea><meta http-equiv="refresh" content="0;url=https://evil.example">"#,
    r#"</title><meta http-equiv="refresh" content="0;url=https://evil.example">"#,
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script><img src=x onerror=alert(1)>",
    "<meta charset=utf-7><textarea>",
];

/// Every element of a page by name, as an HTML parser builds it. Paragraphs are left out:
/// how many a post's sanitised Markdown or a form's messages make depends on the text.
fn elements(html: &str) -> BTreeMap<String, usize> {
    let document = scraper::Html::parse_document(html);
    let mut found = BTreeMap::new();
    for node in document.tree.nodes() {
        if let Some(element) = node.value().as_element() {
            if element.name() != "p" {
                *found.entry(element.name().to_string()).or_default() += 1;
            }
        }
    }
    found
}

fn text_of(html: &str, selector: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

async fn post_status(app: &TestApp, post: i64) -> String {
    sqlx::query_scalar("SELECT status FROM posts WHERE id = ?")
        .bind(post)
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

async fn opening_post(app: &TestApp, thread: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM posts WHERE thread_id = ? AND is_opening = 1")
        .bind(thread)
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

/// A thread's title lands in `<title>` and its author's text in the edit form's
/// `<textarea>`: whatever they hold, the page has exactly the elements it has for plain text.
#[tokio::test]
async fn stored_text_never_leaves_a_title_or_textarea() {
    let app = configured_app(false, |state| state.limit_factor = 10).await;
    let author = sign_up(&app, "schrijver").await;
    let plain = start_thread(&app, &author, "Gewone titel", "Gewone tekst").await;
    let baseline = get_as(&app, &format!("/gesprekken/{plain}"), &author).await;
    assert_eq!(baseline.status, StatusCode::OK);
    let expected = elements(&baseline.body);
    assert!(expected.contains_key("textarea"), "the edit form is there");

    for payload in ESCAPES {
        let thread = start_thread(&app, &author, payload, payload).await;
        let page = get_as(&app, &format!("/gesprekken/{thread}"), &author).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(
            elements(&page.body),
            expected,
            "{payload}: the page has other elements"
        );
        let title = text_of(&page.body, "title");
        assert_eq!(title, vec![format!("{payload} · Buurtplein")]);
        let edited = text_of(&page.body, "textarea[name=body]");
        assert!(
            edited.iter().any(|text| text == payload),
            "{payload}: the text comes back as typed: {edited:?}"
        );
    }
}

/// A form refused without JavaScript comes back with what was typed, through the address;
/// a crafted address must not put markup in the page.
#[tokio::test]
async fn a_refused_form_brings_back_text_not_markup() {
    // More refused reactions from one address than the limit allows.
    let app = configured_app(false, |state| state.limit_factor = 10).await;
    let place = "buurthuis-de-linde";
    let round_trip = |body: String| {
        let app = &app;
        async move {
            let refused = no_js_post(
                app,
                "/api/places/react",
                None,
                &format!("/plekken/{place}"),
                format!(
                    "place={place}&name=Gast&body={}&token=verzonnen&answer=7",
                    encode(&body)
                ),
            )
            .await;
            assert!(refused.status.is_redirection(), "{}", refused.status);
            let location = refused.headers[header::LOCATION].to_str().unwrap();
            assert!(location.contains("__err="), "{location}");
            let path = location.trim_start_matches("http://localhost");
            let page = get(app, path).await;
            assert_eq!(page.status, StatusCode::OK);
            page.body
        }
    };
    let expected = elements(&round_trip("Hallo buren".to_string()).await);
    for payload in ESCAPES {
        let page = round_trip(payload.to_string()).await;
        assert_eq!(elements(&page), expected, "{payload}");
        assert_eq!(
            text_of(&page, "textarea#gast-body"),
            vec![payload.to_string()]
        );
    }
}

/// Only a post a moderator approved lets an account's next posts through at once.
#[tokio::test]
async fn the_hold_on_first_posts_cannot_be_skipped() {
    let app = test_app().await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let anna = sign_up(&app, "anna").await;

    let first = start_thread(&app, &anna, "Eerste", "Mijn eerste bericht").await;
    let first_post = opening_post(&app, first).await;
    assert_eq!(post_status(&app, first_post).await, "pending");
    // Deleting the waiting post would clear the way: refused, and the post waits on.
    let deleted = call(
        &app,
        "posts/delete",
        Some(&anna),
        &format!("post={first_post}"),
    )
    .await;
    assert_eq!(deleted.status, StatusCode::FORBIDDEN, "{}", deleted.body);
    assert_eq!(post_status(&app, first_post).await, "pending");

    // A moderator hides it: hidden is not approved.
    let hidden = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=hide&post={first_post}&reason=Reclame"),
    )
    .await;
    assert!(hidden.status.is_success(), "{}", hidden.body);
    let hidden_delete = call(
        &app,
        "posts/delete",
        Some(&anna),
        &format!("post={first_post}"),
    )
    .await;
    assert_eq!(hidden_delete.status, StatusCode::FORBIDDEN);
    assert_eq!(post_status(&app, first_post).await, "hidden");
    let second = start_thread(&app, &anna, "Tweede", "Nog een bericht").await;
    let second_post = opening_post(&app, second).await;
    assert_eq!(post_status(&app, second_post).await, "pending");

    // Approved: from now on straight through, and deleting her own visible post is fine.
    let approved = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=approve&post={second_post}"),
    )
    .await;
    assert!(approved.status.is_success(), "{}", approved.body);
    let third = start_thread(&app, &anna, "Derde", "Dit mag meteen").await;
    assert_eq!(
        post_status(&app, opening_post(&app, third).await).await,
        "visible"
    );
    let own_delete = call(
        &app,
        "posts/delete",
        Some(&anna),
        &format!("post={second_post}"),
    )
    .await;
    assert!(own_delete.status.is_success(), "{}", own_delete.body);
    // The approval still counts after she deleted the post itself.
    let fourth = start_thread(&app, &anna, "Vierde", "Ook dit mag meteen").await;
    assert_eq!(
        post_status(&app, opening_post(&app, fourth).await).await,
        "visible"
    );
}

/// With two posts on hold, an approved post changed before the second approval waits again.
#[tokio::test]
async fn an_edit_while_on_hold_goes_back_to_the_queue() {
    let app = configured_app(false, |state| state.policy.hold_first_posts = 2).await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let anna = sign_up(&app, "anna").await;
    let thread = start_thread(&app, &anna, "Vraag", "Een nette vraag").await;
    let post = opening_post(&app, thread).await;
    let approved = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=approve&post={post}"),
    )
    .await;
    assert!(approved.status.is_success(), "{}", approved.body);
    assert_eq!(post_status(&app, post).await, "visible");
    let edited = call(
        &app,
        "posts/edit",
        Some(&anna),
        &format!("post={post}&body={}", encode("Iets heel anders")),
    )
    .await;
    assert!(edited.status.is_success(), "{}", edited.body);
    assert_eq!(post_status(&app, post).await, "pending");

    // A trusted account's edit stays visible.
    let trusted = configured_app(false, |state| state.policy.hold_first_posts = 0).await;
    let bert = sign_up(&trusted, "bert").await;
    let thread = start_thread(&trusted, &bert, "Vraag", "Een nette vraag").await;
    let post = opening_post(&trusted, thread).await;
    let edited = call(
        &trusted,
        "posts/edit",
        Some(&bert),
        &format!("post={post}&body={}", encode("Iets anders")),
    )
    .await;
    assert!(edited.status.is_success(), "{}", edited.body);
    assert_eq!(post_status(&trusted, post).await, "visible");
}

/// Others cannot tell a waiting post from one that does not exist.
#[tokio::test]
async fn a_waiting_post_is_not_found_for_others() {
    let app = test_app().await;
    let anna = sign_up(&app, "anna").await;
    let bert = sign_up(&app, "bert").await;
    let thread = start_thread(&app, &anna, "Wacht nog", "Nog niet gezien").await;
    let pending = opening_post(&app, thread).await;
    let missing = pending + 1000;
    for endpoint in ["posts/report", "posts/edit", "posts/delete"] {
        let body = |post: i64| format!("post={post}&reason=Spam&body=Anders");
        let waiting = call(&app, endpoint, Some(&bert), &body(pending)).await;
        let nothing = call(&app, endpoint, Some(&bert), &body(missing)).await;
        assert_eq!(waiting.status, StatusCode::NOT_FOUND, "{endpoint}");
        assert_eq!(
            (waiting.status, waiting.body),
            (nothing.status, nothing.body),
            "{endpoint}"
        );
    }
    assert_eq!(count(&app, "reports").await, 0);
}

/// A suspension logs the account out everywhere at once.
#[tokio::test]
async fn suspension_ends_every_session() {
    let app = test_app().await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let anna = sign_up(&app, "anna").await;
    let before = call(&app, "account/viewer", Some(&anna), "").await;
    assert!(before.body.contains("anna"), "{}", before.body);
    let anna_id = user_id(&app, "anna").await;
    let suspended = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=suspend&user={anna_id}&reason=Schelden"),
    )
    .await;
    assert!(suspended.status.is_success(), "{}", suspended.body);
    let after = call(&app, "account/viewer", Some(&anna), "").await;
    assert_eq!(after.body, "null");
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions WHERE user_id = ?")
        .bind(anna_id)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

/// A suspension an administrator made is the administrator's to lift.
#[tokio::test]
async fn a_moderator_cannot_lift_an_administrators_suspension() {
    let app = test_app().await;
    let admin = sign_up(&app, "beheerder").await;
    promote(&app, "beheerder", true).await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    sign_up(&app, "anna").await;
    sign_up(&app, "bert").await;
    let anna = user_id(&app, "anna").await;
    let bert = user_id(&app, "bert").await;
    let act = |cookie: &str, action: &str, user: i64| {
        let body = format!("action={action}&user={user}&reason=Schelden");
        let cookie = cookie.to_string();
        let app = &app;
        async move { call(app, "moderation/act", Some(&cookie), &body).await }
    };
    assert!(act(&admin, "suspend", anna).await.status.is_success());
    let lifted = act(&moderator, "unsuspend", anna).await;
    assert_eq!(lifted.status, StatusCode::FORBIDDEN, "{}", lifted.body);
    assert!(app::store::accounts::suspended_by_admin(&app.db, anna)
        .await
        .unwrap());
    assert!(act(&admin, "unsuspend", anna).await.status.is_success());

    // What a moderator suspended, a moderator may lift.
    assert!(act(&moderator, "suspend", bert).await.status.is_success());
    assert!(act(&moderator, "unsuspend", bert).await.status.is_success());
    let still: Vec<bool> = sqlx::query_scalar("SELECT suspended FROM users WHERE id IN (?, ?)")
        .bind(anna)
        .bind(bert)
        .fetch_all(&app.db.read)
        .await
        .unwrap();
    assert_eq!(still, vec![false, false]);
}

/// Creates a weekly activity at a place the host runs; returns its id.
async fn weekly(app: &TestApp, host: &str, slug: &str, first: &str, extra: &str) -> i64 {
    let place = place_id(app, slug).await;
    create_activity(
        app,
        host,
        place,
        &format!("form[title]=Koffie&form[date]={first}&form[start]=10:00&form[end]=11:30&form[repeat]=weekly{extra}"),
    )
    .await
}

/// An online activity may lead only to an activity at a place its host runs too.
#[tokio::test]
async fn a_host_cannot_lead_to_another_places_activity() {
    let app = test_app().await;
    let ans = host_of(&app, "ans", "buurthuis-de-linde").await;
    let mehmet = host_of(&app, "mehmet", "bibliotheek-lindenhoek").await;
    let own = weekly(&app, &ans, "buurthuis-de-linde", "2027-01-07", "").await;
    let other = weekly(&app, &mehmet, "bibliotheek-lindenhoek", "2027-01-07", "").await;
    let place = place_id(&app, "buurthuis-de-linde").await;
    let online = |leads_to: i64| {
        format!("place={place}&form[title]=Online&form[date]=2027-01-05&form[start]=20:00&form[end]=21:00&form[online_url]=https://meet.example/x&form[leads_to]={leads_to}")
    };
    let before = count(&app, "activities").await;
    let refused = call(&app, "activities/create", Some(&ans), &online(other)).await;
    assert_field_problem(&refused, "leads_to", "UnknownActivity", "another place's");
    assert_eq!(count(&app, "activities").await, before);
    let allowed = call(&app, "activities/create", Some(&ans), &online(own)).await;
    assert!(
        allowed.status.is_success() || allowed.status.is_redirection(),
        "{} {}",
        allowed.status,
        allowed.body
    );
}

/// Residents join occurrences that exist, have not ended and lie at most 90 days ahead; the
/// account page reads only that window, however far ahead someone signed up before.
#[tokio::test]
async fn joining_is_bounded_in_time_and_rate() {
    // Tuesday 24 November 2026, 10:30 in Amsterdam.
    let at = "2026-11-24T09:30:00Z".parse().unwrap();
    let app = configured_app(false, |state| state.clock = Clock::fixed(at)).await;
    let ans = host_of(&app, "ans", "buurthuis-de-linde").await;
    // Thursdays from 12 November.
    let activity = weekly(&app, &ans, "buurthuis-de-linde", "2026-11-12", "").await;
    let resident = sign_up(&app, "resident").await;
    let join = |date: &'static str| {
        let resident = resident.clone();
        let app = &app;
        async move {
            call(
                app,
                "activities/join",
                Some(&resident),
                &format!("activity={activity}&date={date}"),
            )
            .await
        }
    };
    let before = count(&app, "signups").await;
    for date in ["2026-11-19", "2027-02-25", "2099-12-31"] {
        let refused = join(date).await;
        assert!(
            refused.status == StatusCode::CONFLICT || refused.status == StatusCode::NOT_FOUND,
            "{date}: {} {}",
            refused.status,
            refused.body
        );
    }
    for date in ["2026-11-19", "2027-02-25"] {
        let closed = join(date).await;
        assert_eq!(closed.status, StatusCode::CONFLICT, "{date}");
        assert!(
            closed.body.contains("JoinClosed"),
            "{date}: {}",
            closed.body
        );
    }
    assert_eq!(count(&app, "signups").await, before);
    for date in ["2026-11-26", "2027-02-18"] {
        let joined = join(date).await;
        assert!(joined.status.is_success(), "{date}: {}", joined.body);
    }

    // Sign-ups made before the limit existed, up to the year 2100.
    let user = user_id(&app, "resident").await;
    sqlx::query(
        "WITH RECURSIVE d(day) AS (SELECT date('2027-03-04') UNION ALL
             SELECT date(day, '+7 days') FROM d WHERE day < '2100-01-01')
         INSERT INTO signups (activity_id, occurrence_date, user_id, status, created_at)
         SELECT ?, day, ?, 'confirmed', 0 FROM d",
    )
    .bind(activity)
    .bind(user)
    .execute(&app.db.write)
    .await
    .unwrap();
    let mine = call(&app, "activities/mine", Some(&resident), "").await;
    assert!(mine.status.is_success(), "{}", mine.body);
    let dates: Vec<&str> = mine
        .body
        .match_indices("\"original_date\":\"")
        .map(|(i, m)| &mine.body[i + m.len()..i + m.len() + 10])
        .collect();
    assert_eq!(dates, vec!["2026-11-26", "2027-02-18"]);
}

/// Joining and leaving are limited per account.
#[tokio::test]
async fn joining_is_rate_limited() {
    let at = "2026-11-24T09:30:00Z".parse().unwrap();
    let app = configured_app(false, |state| state.clock = Clock::fixed(at)).await;
    let ans = host_of(&app, "ans", "buurthuis-de-linde").await;
    let activity = weekly(&app, &ans, "buurthuis-de-linde", "2026-11-26", "").await;
    let resident = sign_up(&app, "resident").await;
    let limit = app::auth::rate_limit::JOIN_PER_ACCOUNT.max;
    let mut refused = None;
    for attempt in 0..=limit {
        let endpoint = if attempt % 2 == 0 {
            "activities/join"
        } else {
            "activities/leave"
        };
        let reply = call(
            &app,
            endpoint,
            Some(&resident),
            &format!("activity={activity}&date=2026-11-26"),
        )
        .await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(attempt);
            break;
        }
        assert!(reply.status.is_success(), "{attempt}: {}", reply.body);
    }
    assert_eq!(refused, Some(limit));
}

/// Reads the question on a place page ("Hoeveel is drie plus vier?") and answers it.
/// A guest reaction's form is good for one reaction, its token holds no answer, and a form
/// sent by the page's script must bring the proof of work.
#[tokio::test]
async fn a_guest_form_is_good_for_one_reaction() {
    let app = test_app().await;
    let place = "buurthuis-de-linde";
    let first = get(&app, &format!("/plekken/{place}")).await.body;
    let second = get(&app, &format!("/plekken/{place}")).await.body;
    let (token, answer) = (token_on(&first), answer_on(&first));
    assert!(
        !token.contains(&format!(".{answer}.")),
        "the answer is not in the token"
    );
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let without_js = |token: String, answer: String| {
        let app = &app;
        async move {
            no_js_post(
                app,
                "/api/places/react",
                None,
                &format!("/plekken/{place}"),
                format!(
                    "place={place}&name=Gast&body=Leuk+hier&token={}&answer={answer}",
                    encode(&token)
                ),
            )
            .await
        }
    };
    let posted = without_js(token.clone(), answer.clone()).await;
    let location = posted.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.contains("reactie=wacht"), "{location}");
    let replayed = without_js(token.clone(), answer.clone()).await;
    let location = replayed.headers[header::LOCATION].to_str().unwrap();
    assert!(location.contains("__err="), "{location}");
    assert_eq!(count(&app, "posts").await, 1);

    // With JavaScript: the answer alone is not enough, the proof of work must come too.
    let (token, answer) = (token_on(&second), answer_on(&second));
    let script = |proof: String| {
        let body = format!(
            "place={place}&name=Gast&body=Ook+leuk&token={}&answer={answer}&proof={proof}",
            encode(&token)
        );
        let app = &app;
        async move { call(app, "places/react", None, &body).await }
    };
    let refused = script(String::new()).await;
    assert_field_problem(&refused, "answer", "Expired", "no proof of work");
    let proof = app::model::pow::search(&token, app::model::pow::DIFFICULTY_BITS, 0, u64::MAX)
        .unwrap()
        .to_string();
    let accepted = script(proof).await;
    assert!(accepted.status.is_success(), "{}", accepted.body);
    assert_eq!(count(&app, "posts").await, 2);
}
