//! A resident's own data: the download holds everything of theirs and nobody else's, and a
//! deleted account leaves no name, no way in and no place taken, while what it did still
//! counts.

mod common;

use axum::http::{header, StatusCode};
use common::*;

/// A week after the test clock's Tuesday.
fn next_week() -> String {
    "2026-12-01".to_string()
}

/// A one-off evening next week, with room for one.
fn evening() -> String {
    format!(
        "form[title]=Praatavond&form[date]={}&form[start]=19:00&form[end]=20:30&form[repeat]=once&form[capacity]=1",
        next_week()
    )
}

async fn join(app: &TestApp, cookie: &str, activity: i64, date: &str) {
    let reply = call(
        app,
        "activities/join",
        Some(cookie),
        &format!("activity={activity}&date={date}"),
    )
    .await;
    assert!(reply.status.is_success(), "{}", reply.body);
}

/// A new account's first post waits for a moderator; this one is approved.
async fn approved_thread(app: &TestApp, cookie: &str, title: &str, body: &str) -> i64 {
    let thread = start_thread(app, cookie, title, body).await;
    sqlx::query("UPDATE posts SET status = 'visible' WHERE thread_id = ?")
        .bind(thread)
        .execute(&app.db.write)
        .await
        .unwrap();
    let page = get(app, &format!("/gesprekken/{thread}")).await;
    assert!(page.body.contains(body), "the post shows before");
    thread
}

async fn signup_status(app: &TestApp, username: &str, activity: i64) -> String {
    sqlx::query_scalar(
        "SELECT s.status FROM signups s JOIN users u ON u.id = s.user_id
         WHERE u.username = ?1 AND s.activity_id = ?2",
    )
    .bind(username)
    .bind(activity)
    .fetch_one(&app.db.read)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_download_holds_my_posts_and_joins_and_no_one_elses() {
    let app = test_app().await;
    let coffee = host_with_activity(&app).await;
    let wim = sign_up(&app, "wim").await;
    let els = sign_up(&app, "els").await;
    start_thread(
        &app,
        &wim,
        "Bankje bij de speeltuin",
        "Wie helpt <script>mee</script>?",
    )
    .await;
    start_thread(&app, &els, "Moestuin", "Het geheim van els").await;
    join(&app, &wim, coffee.activity, "2026-12-10").await;

    let reply = get_as(&app, "/account/mijn-gegevens.json", &wim).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(reply.headers[header::CACHE_CONTROL], "private, no-store");
    let data: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(data["profile"]["username"], "wim");
    assert_eq!(data["posts"].as_array().unwrap().len(), 1);
    assert_eq!(data["posts"][0]["text"], "Wie helpt <script>mee</script>?");
    assert_eq!(data["posts"][0]["thread"], "Bankje bij de speeltuin");
    assert_eq!(data["joins"][0]["date"], "2026-12-10");
    assert_eq!(data["joins"][0]["status"], "confirmed");
    assert_eq!(data["joins"][0]["activity"], "Koffieochtend");
    assert_eq!(data["active_sessions"], 1);
    assert!(
        !reply.body.contains("geheim"),
        "another resident's post leaked"
    );

    let anonymous = get(&app, "/account/mijn-gegevens.json").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(
        anonymous.headers[header::LOCATION],
        "/inloggen?terug=/account"
    );
}

#[tokio::test]
async fn deleting_asks_the_password_and_then_leaves_nothing_personal() {
    let app = test_app().await;
    let host = host_of(&app, "ans", "buurthuis-de-linde").await;
    let place = place_id(&app, "buurthuis-de-linde").await;
    let avond = create_activity(&app, &host, place, &evening()).await;
    let wim = sign_up(&app, "wim").await;
    let piet = sign_up(&app, "piet").await;
    let thread = approved_thread(&app, &wim, "Bankje", "Ik neem koffie mee").await;
    join(&app, &wim, avond, &next_week()).await;
    join(&app, &piet, avond, &next_week()).await;
    assert_eq!(signup_status(&app, "piet", avond).await, "waiting");
    let wim_id = user_id(&app, "wim").await;

    let wrong = call(
        &app,
        "account/delete",
        Some(&wim),
        "current=niet+goed&posts=houden",
    )
    .await;
    assert_field_problem(&wrong, "current", "WrongPassword", "wrong password");
    assert_eq!(count(&app, "sessions").await, 3, "nothing changed");

    let done = call(
        &app,
        "account/delete",
        Some(&wim),
        "current=een+lange+zin&posts=houden",
    )
    .await;
    assert_accepted(&done);

    // No way back in: the session is gone and the old name and password open nothing.
    let page = get_as(&app, "/account", &wim).await;
    assert!(!page.body.contains("wim"), "{}", page.status);
    let login = call(
        &app,
        "account/log-in",
        None,
        "username=wim&password=een+lange+zin",
    )
    .await;
    assert!(session_cookie(&login).is_none(), "{}", login.body);
    let (username, display_name, email, hash): (String, String, Option<String>, String) =
        sqlx::query_as(
            "SELECT username, display_name, email, password_hash FROM users WHERE id = ?",
        )
        .bind(wim_id)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(
        (display_name.as_str(), email, hash.as_str()),
        ("oud-lid", None, "")
    );
    assert!(username.starts_with('~'), "{username}");
    // The name is free again.
    sign_up(&app, "wim").await;

    // The place taken is given to the waiting list; the join still counts as cancelled.
    assert_eq!(signup_status(&app, "piet", avond).await, "confirmed");
    let kept: String = sqlx::query_scalar("SELECT status FROM signups WHERE user_id = ?")
        .bind(wim_id)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(kept, "cancelled");

    // The post stays, signed as a former member.
    let page = get(&app, &format!("/gesprekken/{thread}")).await;
    assert!(page.body.contains("Ik neem koffie mee"));
    assert!(page.body.contains("oud-lid"));
}

#[tokio::test]
async fn deleting_may_take_the_text_of_every_post_along() {
    let app = test_app().await;
    let wim = sign_up(&app, "wim").await;
    let thread = approved_thread(&app, &wim, "Bankje", "Ik neem koffie mee").await;
    let missing = call(
        &app,
        "account/delete",
        Some(&wim),
        "current=een+lange+zin&posts=",
    )
    .await;
    assert_field_problem(&missing, "posts", "Required", "no choice");
    let done = call(
        &app,
        "account/delete",
        Some(&wim),
        "current=een+lange+zin&posts=weghalen",
    )
    .await;
    assert_accepted(&done);
    let page = get(&app, &format!("/gesprekken/{thread}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("Ik neem koffie mee"),
        "the text is gone"
    );
    let texts: Vec<String> = sqlx::query_scalar("SELECT body_source FROM posts")
        .fetch_all(&app.db.read)
        .await
        .unwrap();
    assert_eq!(texts, vec![String::new()]);
}
