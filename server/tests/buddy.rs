//! "Samen de eerste keer" through the server functions, on a real SQLite file: a newcomer
//! asks for company, a regular offers to go along, the host pairs them, both see where to
//! meet and only each other's first name, the two are checked in together at the door and
//! the host's insights count one first visit with a buddy.

mod common;

use axum::http::{header, StatusCode};
use common::*;

/// The Thursday coffee morning of [`COFFEE_FORM`], two days after the tests' clock.
const DATE: &str = "2026-11-26";
const HOSTILE_NOTE: &str = "<script>alert(\"x\")</script> ik ben wat verlegen";

async fn rename(app: &TestApp, username: &str, display_name: &str) {
    sqlx::query("UPDATE users SET display_name = ? WHERE username = ?")
        .bind(display_name)
        .bind(username)
        .execute(&app.db.write)
        .await
        .unwrap();
}

/// A resident who was checked in at the coffee morning the week before.
async fn regular(app: &TestApp, activity: i64, username: &str) -> String {
    let cookie = sign_up(app, username).await;
    sqlx::query(
        "INSERT INTO signups (activity_id, occurrence_date, user_id, status, created_at, checked_in_at)
         VALUES (?, '2026-11-19', ?, 'confirmed', 0, 1)",
    )
    .bind(activity)
    .bind(user_id(app, username).await)
    .execute(&app.db.write)
    .await
    .unwrap();
    cookie
}

async fn request_id(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT max(id) FROM buddy_requests")
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

fn occurrence(activity: i64) -> String {
    format!("activity={activity}&date={DATE}")
}

fn page(activity: i64) -> String {
    format!("/activiteiten/{activity}/{DATE}")
}

async fn ask(app: &TestApp, cookie: &str, activity: i64, note: &str) -> Reply {
    let body = format!("{}&note={}", occurrence(activity), encode(note));
    call(app, "buddies/ask", Some(cookie), &body).await
}

async fn pair(app: &TestApp, cookie: &str, activity: i64, request: i64, buddy: i64) -> Reply {
    let body = format!("{}&request={request}&buddy={buddy}", occurrence(activity));
    call(app, "buddies/pair", Some(cookie), &body).await
}

#[tokio::test]
async fn a_newcomer_and_a_regular_go_together_the_first_time() {
    let app = test_app().await;
    let HostedActivity {
        place,
        host,
        activity,
    } = host_with_activity(&app).await;
    let newcomer = sign_up(&app, "fatima").await;
    rename(&app, "fatima", "Fatima el Amrani").await;
    let kees = regular(&app, activity, "kees").await;
    rename(&app, "kees", "Kees de Vries").await;
    let kees_id = user_id(&app, "kees").await;
    let fatima_id = user_id(&app, "fatima").await;

    // She asks, with a note that must never run as HTML; asking joins her as well.
    assert_accepted(&ask(&app, &newcomer, activity, HOSTILE_NOTE).await);
    let status: String = sqlx::query_scalar(
        "SELECT status FROM signups WHERE activity_id = ? AND occurrence_date = ? AND user_id = ?",
    )
    .bind(activity)
    .bind(DATE)
    .bind(fatima_id)
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    assert_eq!(status, "confirmed");
    let mine = get_as(&app, &page(activity), &newcomer).await;
    assert!(mine
        .body
        .contains("We zoeken nog iemand die met je meegaat."));

    // Kees came before and offers, without JavaScript: back to the page he came from.
    let offered = no_js_post(
        &app,
        "/api/buddies/offer",
        Some(&kees),
        &page(activity),
        occurrence(activity),
    )
    .await;
    assert!(offered.status.is_redirection(), "{}", offered.status);
    let back = offered.headers[header::LOCATION].to_str().unwrap();
    assert!(
        back.starts_with(&format!("http://localhost{}", page(activity))),
        "{back}"
    );
    assert_eq!(count(&app, "buddy_offers").await, 1);

    // Only the host pairs: not the two themselves, and never with someone who did not offer.
    let request = request_id(&app).await;
    for cookie in [&kees, &newcomer] {
        let refused = pair(&app, cookie, activity, request, kees_id).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    }
    let other_host = host_of(&app, "mehmet", "bibliotheek-lindenhoek").await;
    let refused = pair(&app, &other_host, activity, request, kees_id).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let stranger = sign_up(&app, "stranger").await;
    let stranger_id = user_id(&app, "stranger").await;
    let refused = pair(&app, &host, activity, request, stranger_id).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let door = get_as(&app, &format!("/beheer/deur/{activity}/{DATE}"), &host).await;
    assert_eq!(door.status, StatusCode::OK);
    assert!(door.body.contains("Wie gaat mee met Fatima el Amrani?"));
    assert!(
        door.body.contains("&lt;script&gt;alert"),
        "the note as text"
    );
    assert!(!door.body.contains("<script>alert"));
    // The host's dashboard lists the date, with a link to its door.
    let dashboard = get_as(&app, "/beheer", &host).await;
    assert!(dashboard
        .body
        .contains("1 nieuwe bezoeker wacht nog op een buddy"));
    assert!(dashboard
        .body
        .contains(&format!("href=\"/beheer/deur/{activity}/{DATE}\"")));
    assert_accepted(&pair(&app, &host, activity, request, kees_id).await);
    let dashboard = get_as(&app, "/beheer", &host).await;
    assert!(!dashboard.body.contains("wacht nog op een buddy"));

    // Both see where and when to meet, and only the other one's first name.
    for (cookie, line, other_surname) in [
        (&newcomer, "Je gaat samen met Kees.", "de Vries"),
        (&kees, "Je gaat mee met Fatima.", "el Amrani"),
    ] {
        for address in [page(activity), "/account".to_string()] {
            let seen = get_as(&app, &address, cookie).await;
            assert_eq!(seen.status, StatusCode::OK, "{address}");
            assert!(seen.body.contains(line), "{address}: {line}");
            assert!(
                seen.body
                    .contains("Bij de deur van Buurthuis De Linde, 09:50"),
                "{address}"
            );
            assert!(!seen.body.contains(other_surname), "{address}");
        }
    }
    assert!(!get_as(&app, &page(activity), &newcomer)
        .await
        .body
        .contains(">kees<"));
    let _ = stranger;

    // At the door the two come in together: both checked in, her first visit with a buddy.
    let refused = call(
        &app,
        "buddies/check-in",
        Some(&kees),
        &format!("activity={activity}&request={request}"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let door = get_as(&app, &format!("/beheer/deur/{activity}/{DATE}"), &host).await;
    assert!(door
        .body
        .contains("Fatima el Amrani en Kees de Vries zijn samen binnen"));
    let checked = call(
        &app,
        "buddies/check-in",
        Some(&host),
        &format!("activity={activity}&request={request}"),
    )
    .await;
    assert_accepted(&checked);
    let rows: Vec<(i64, bool, bool)> = sqlx::query_as(
        "SELECT user_id, checked_in_at IS NOT NULL, first_visit FROM signups
         WHERE activity_id = ? AND occurrence_date = ? ORDER BY user_id",
    )
    .bind(activity)
    .bind(DATE)
    .fetch_all(&app.db.read)
    .await
    .unwrap();
    assert_eq!(rows, vec![(fatima_id, true, true), (kees_id, true, false)]);
    let came: bool = sqlx::query_scalar("SELECT came_at IS NOT NULL FROM buddy_requests")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert!(came);

    // The insights count one first visit with a buddy (shown as "< 5" in the file).
    let weeks = app::store::insights::place_weeks(&app.db, place, "2026-11-23", "2026-11-29")
        .await
        .unwrap();
    assert_eq!(weeks.len(), 1);
    assert_eq!(weeks[0].counts.visits, 2);
    assert_eq!(weeks[0].counts.first_visits, 1);
    assert_eq!(weeks[0].counts.with_buddy, 1);
    let file = get_as(
        &app,
        "/inzichten/plekken/buurthuis-de-linde/weken.csv?weken=1&tot=2026-11-29",
        &host,
    )
    .await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(
        file.body
            .starts_with("Week (maandag),Bezoeken,Eerste keer,Eerste keer samen,Terugkomers,"),
        "{}",
        file.body
    );
    assert!(
        file.body.contains("\r\n2026-11-23,< 5,< 5,< 5,< 5,"),
        "{}",
        file.body
    );
}

#[tokio::test]
async fn only_newcomers_ask_and_only_those_who_came_before_offer() {
    let app = test_app().await;
    let HostedActivity { host, activity, .. } = host_with_activity(&app).await;
    let kees = regular(&app, activity, "kees").await;
    let newcomer = sign_up(&app, "fatima").await;

    let refused = ask(&app, &kees, activity, "").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let refused = ask(&app, &host, activity, "").await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "a host knows the way"
    );
    let anonymous = call(&app, "buddies/ask", None, &occurrence(activity)).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let refused = call(
        &app,
        "buddies/offer",
        Some(&newcomer),
        &occurrence(activity),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "never came there");
    assert_eq!(count(&app, "buddy_requests").await, 0);
    assert_eq!(count(&app, "buddy_offers").await, 0);

    // The page offers each only what they may do.
    let seen = get_as(&app, &page(activity), &kees).await;
    assert!(seen.body.contains("Ik ga wel mee"));
    assert!(!seen.body.contains("Ik wil de eerste keer samen gaan"));
    let seen = get_as(&app, &page(activity), &newcomer).await;
    assert!(seen.body.contains("Ik wil de eerste keer samen gaan"));
    assert!(!seen.body.contains("Ik ga wel mee"));

    // A note too long is refused beside its field; a date too far ahead is not open yet.
    let long = ask(&app, &newcomer, activity, &"a".repeat(201)).await;
    assert_field_problem(&long, "note", "TooLong", "a long note");
    let passed = call(
        &app,
        "buddies/ask",
        Some(&newcomer),
        &format!("activity={activity}&date=2027-03-04"),
    )
    .await;
    assert_eq!(passed.status, StatusCode::CONFLICT, "{}", passed.body);
    assert_eq!(count(&app, "buddy_requests").await, 0);
}

#[tokio::test]
async fn withdrawing_frees_the_buddy_and_the_host_can_undo_a_pair() {
    let app = test_app().await;
    let HostedActivity { host, activity, .. } = host_with_activity(&app).await;
    let kees = regular(&app, activity, "kees").await;
    let kees_id = user_id(&app, "kees").await;
    let fatima = sign_up(&app, "fatima").await;
    let ahmed = sign_up(&app, "ahmed").await;
    assert_accepted(&call(&app, "buddies/offer", Some(&kees), &occurrence(activity)).await);

    assert_accepted(&ask(&app, &fatima, activity, "").await);
    let first = request_id(&app).await;
    assert_accepted(&pair(&app, &host, activity, first, kees_id).await);
    // Kees goes with Fatima now: he is not free for a second newcomer.
    assert_accepted(&ask(&app, &ahmed, activity, "").await);
    let second = request_id(&app).await;
    let taken = pair(&app, &host, activity, second, kees_id).await;
    assert_eq!(taken.status, StatusCode::BAD_REQUEST);

    // Fatima withdraws: her request goes, her signup stays, Kees is free again.
    let withdrawn = call(
        &app,
        "buddies/withdraw",
        Some(&fatima),
        &occurrence(activity),
    )
    .await;
    assert_accepted(&withdrawn);
    assert_eq!(count(&app, "buddy_requests").await, 1);
    let seen = get_as(&app, &page(activity), &kees).await;
    assert!(seen.body.contains("Je wilt met iemand meegaan."));
    assert!(!seen.body.contains("Je gaat mee met"));
    assert_accepted(&pair(&app, &host, activity, second, kees_id).await);

    // The host undoes the pair; nobody else may.
    let body = format!("activity={activity}&request={second}");
    let refused = call(&app, "buddies/unpair", Some(&kees), &body).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_accepted(&call(&app, "buddies/unpair", Some(&host), &body).await);
    let seen = get_as(&app, &page(activity), &ahmed).await;
    assert!(seen
        .body
        .contains("We zoeken nog iemand die met je meegaat."));
    // The host may go along themselves.
    let host_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'ans'")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_accepted(&pair(&app, &host, activity, second, host_id).await);
    let seen = get_as(&app, &page(activity), &ahmed).await;
    assert!(seen.body.contains("Je gaat samen met ans."));

    // Leaving the activity ends the request too.
    assert_accepted(
        &call(
            &app,
            "activities/leave",
            Some(&ahmed),
            &occurrence(activity),
        )
        .await,
    );
    assert_eq!(count(&app, "buddy_requests").await, 0);
}

#[tokio::test]
async fn a_newcomer_may_ask_on_a_full_date_from_the_waiting_list() {
    let app = test_app().await;
    let HostedActivity { activity, .. } = host_with_activity(&app).await;
    sqlx::query("UPDATE activities SET capacity = 1 WHERE id = ?")
        .bind(activity)
        .execute(&app.db.write)
        .await
        .unwrap();
    let first = sign_up(&app, "eerste").await;
    assert_accepted(&call(&app, "activities/join", Some(&first), &occurrence(activity)).await);
    let fatima = sign_up(&app, "fatima").await;
    assert_accepted(&ask(&app, &fatima, activity, "").await);
    let status: String = sqlx::query_scalar(
        "SELECT s.status FROM signups s JOIN users u ON u.id = s.user_id WHERE u.username = 'fatima'",
    )
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    assert_eq!(status, "waiting");
    let seen = get_as(&app, &page(activity), &fatima).await;
    assert!(seen
        .body
        .contains("Je staat nog op de wachtlijst. Je vraag blijft staan."));
    assert!(seen
        .body
        .contains("We zoeken nog iemand die met je meegaat."));
}

#[tokio::test]
async fn a_deleted_account_leaves_no_note_and_frees_its_newcomer() {
    let app = test_app().await;
    let HostedActivity {
        place,
        host,
        activity,
    } = host_with_activity(&app).await;
    let kees = regular(&app, activity, "kees").await;
    let kees_id = user_id(&app, "kees").await;
    let fatima = sign_up(&app, "fatima").await;
    let ahmed = sign_up(&app, "ahmed").await;
    assert_accepted(&call(&app, "buddies/offer", Some(&kees), &occurrence(activity)).await);
    assert_accepted(&ask(&app, &fatima, activity, "Mijn telefoon is 0612345678").await);
    let first = request_id(&app).await;
    assert_accepted(&pair(&app, &host, activity, first, kees_id).await);
    let body = format!("activity={activity}&request={first}");
    assert_accepted(&call(&app, "buddies/check-in", Some(&host), &body).await);
    // Kees goes along with Ahmed next week too.
    let next_week = format!("activity={activity}&date=2026-12-03");
    assert_accepted(&call(&app, "buddies/offer", Some(&kees), &next_week).await);
    let asked = call(&app, "buddies/ask", Some(&ahmed), &next_week).await;
    assert_accepted(&asked);
    let second = request_id(&app).await;
    let paired = call(
        &app,
        "buddies/pair",
        Some(&host),
        &format!("{next_week}&request={second}&buddy={kees_id}"),
    )
    .await;
    assert_accepted(&paired);

    // Her download holds her request with her note, his his offers; never the other's name.
    let mine = get_as(&app, "/account/mijn-gegevens.json", &fatima).await;
    assert_eq!(mine.status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&mine.body).unwrap();
    let together = &data["first_times_together"];
    assert_eq!(together.as_array().unwrap().len(), 1);
    assert_eq!(together[0]["role"], "asked");
    assert_eq!(together[0]["note"], "Mijn telefoon is 0612345678");
    assert_eq!(together[0]["came_together"], true);
    let his = get_as(&app, "/account/mijn-gegevens.json", &kees).await;
    let data: serde_json::Value = serde_json::from_str(&his.body).unwrap();
    let roles: Vec<&str> = data["first_times_together"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["offered", "offered"]);
    assert!(!his.body.contains("fatima") && !his.body.contains("0612345678"));

    for cookie in [&fatima, &kees] {
        let done = call(
            &app,
            "account/delete",
            Some(cookie),
            "current=een+lange+zin&posts=houden",
        )
        .await;
        assert_accepted(&done);
    }
    let left: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, note, buddy_id FROM buddy_requests ORDER BY id")
            .fetch_all(&app.db.read)
            .await
            .unwrap();
    assert_eq!(
        left,
        vec![
            (first, String::new(), Some(kees_id)),
            (second, String::new(), None)
        ]
    );
    assert_eq!(count(&app, "buddy_offers").await, 0);
    let weeks = app::store::insights::place_weeks(&app.db, place, "2026-11-23", "2026-11-29")
        .await
        .unwrap();
    assert_eq!(
        weeks[0].counts.with_buddy, 1,
        "her first visit still counts"
    );
    let seen = get_as(
        &app,
        &format!("/activiteiten/{activity}/2026-12-03"),
        &ahmed,
    )
    .await;
    assert!(seen
        .body
        .contains("We zoeken nog iemand die met je meegaat."));
}
