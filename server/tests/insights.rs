//! Insights: aggregates against hand-counted fixtures, the "< 5" rule, first versus returning
//! visits across weeks, the CSV files and who may see what.

mod common;

use app::model::insights::Counts;
use axum::http::{header, StatusCode};
use common::*;

/// Two weeks of the coffee morning at Buurthuis De Linde (Thursdays 26 November and
/// 3 December 2026), counted by hand in the comments.
const PERIOD: &str = "weken=2&tot=2026-12-06";

async fn resident(app: &TestApp, name: &str, met_at: Option<i64>) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, met_at_place, created_at)
         VALUES (?, ?, 'x', ?, 0) RETURNING id",
    )
    .bind(name)
    .bind(name)
    .bind(met_at)
    .fetch_one(&app.db.write)
    .await
    .unwrap()
}

async fn signup(app: &TestApp, activity: i64, date: &str, user: i64, status: &str, came: bool) {
    sqlx::query(
        "INSERT INTO signups (activity_id, occurrence_date, user_id, status, created_at, checked_in_at)
         VALUES (?, ?, ?, ?, 0, ?)",
    )
    .bind(activity)
    .bind(date)
    .bind(user)
    .bind(status)
    .bind(came.then_some(1_i64))
    .execute(&app.db.write)
    .await
    .unwrap();
}

async fn walk_in(app: &TestApp, activity: i64, date: &str, people: i64, first: bool) {
    sqlx::query(
        "INSERT INTO walk_ins (activity_id, occurrence_date, people, first_visit, created_at)
         VALUES (?, ?, ?, ?, 0)",
    )
    .bind(activity)
    .bind(date)
    .bind(people)
    .bind(first)
    .execute(&app.db.write)
    .await
    .unwrap();
}

struct Fixture {
    app: TestApp,
    place: i64,
    host: String,
}

async fn fixture() -> Fixture {
    let app = test_app().await;
    let HostedActivity {
        place,
        host,
        activity,
    } = host_with_activity(&app).await;
    sqlx::query("UPDATE activities SET capacity = 7, title = ? WHERE id = ?")
        .bind("=HYPERLINK(\"http://evil\") koffie")
        .bind(activity)
        .execute(&app.db.write)
        .await
        .unwrap();
    let library = place_id(&app, "bibliotheek-lindenhoek").await;
    let elsewhere: i64 = sqlx::query_scalar(
        "INSERT INTO activities (place_id, title, start_date, start_minute, duration_minutes, created_at)
         VALUES (?, 'Leesclub', '2026-11-26', 600, 60, 0) RETURNING id",
    )
    .bind(library)
    .fetch_one(&app.db.write)
    .await
    .unwrap();
    let mut people = Vec::new();
    for n in 1..=13 {
        // r1 and r2 signed up with an invite from this place, r3 with one from the library.
        let met = match n {
            1 | 2 => Some(place),
            3 => Some(library),
            _ => None,
        };
        people.push(resident(&app, &format!("bezoeker{n}"), met).await);
    }
    let r = |n: usize| people[n - 1];
    // Before the period: r6 came once already, so in week one r6 is returning.
    signup(&app, activity, "2026-11-12", r(6), "confirmed", true).await;
    // r8 came to the library first; that is not a visit to this place.
    signup(&app, elsewhere, "2026-11-26", r(8), "confirmed", true).await;

    // Week one: r1..r7 came (six first, r6 returning), 3 first-time and 2 returning walk-ins:
    // 12 visits, 9 first, 3 returning, 2 via an invite; 7 confirmed of 7 is full; 6 waiting;
    // 1 cancelled.
    for n in 1..=7 {
        signup(&app, activity, "2026-11-26", r(n), "confirmed", true).await;
    }
    walk_in(&app, activity, "2026-11-26", 3, true).await;
    walk_in(&app, activity, "2026-11-26", 2, false).await;
    for n in 8..=13 {
        signup(&app, activity, "2026-11-26", r(n), "waiting", false).await;
    }
    let canceller = resident(&app, "weg", None).await;
    signup(&app, activity, "2026-11-26", canceller, "cancelled", false).await;

    // Week two: r1..r5 came back, r8..r13 came for the first time here: 11 visits, 6 first,
    // 5 returning, 2 via an invite; 11 confirmed of 7 is full.
    for n in (1..=5).chain(8..=13) {
        signup(&app, activity, "2026-12-03", r(n), "confirmed", true).await;
    }
    Fixture { app, place, host }
}

#[tokio::test]
async fn the_counts_match_a_hand_count() {
    let Fixture { app, place, .. } = fixture().await;
    let rows = app::store::insights::place_weeks(&app.db, place, "2026-11-23", "2026-12-06")
        .await
        .unwrap();
    let weeks: Vec<(&str, Counts)> = rows.iter().map(|r| (r.week.as_str(), r.counts)).collect();
    assert_eq!(
        weeks,
        vec![
            (
                "2026-11-23",
                Counts {
                    visits: 12,
                    first_visits: 9,
                    with_buddy: 0,
                    invited: 2,
                    full: 1,
                    waiting: 6,
                    cancelled: 1,
                }
            ),
            (
                "2026-11-30",
                Counts {
                    visits: 11,
                    first_visits: 6,
                    with_buddy: 0,
                    invited: 2,
                    full: 1,
                    waiting: 0,
                    cancelled: 0,
                }
            ),
        ]
    );
    // Before the period only r6's first visit counts.
    let before = app::store::insights::place_weeks(&app.db, place, "2026-11-09", "2026-11-15")
        .await
        .unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].counts.visits, 1);
    assert_eq!(before[0].counts.first_visits, 1);
}

#[tokio::test]
async fn the_host_downloads_the_weeks_with_small_counts_hidden() {
    let Fixture { app, host, .. } = fixture().await;
    let reply = get_as(
        &app,
        &format!("/inzichten/plekken/buurthuis-de-linde/weken.csv?{PERIOD}"),
        &host,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        reply.headers[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    let disposition = reply.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(
        reply.body,
        "Week (maandag),Bezoeken,Eerste keer,Eerste keer samen,Terugkomers,Via uitnodiging,Keren vol,Op wachtlijst,Afgemeld\r\n\
         2026-11-23,12,9,0,< 5,< 5,< 5,6,< 5\r\n\
         2026-11-30,11,6,0,5,< 5,< 5,0,0\r\n\
         Totaal,23,15,0,8,< 5,< 5,6,< 5\r\n"
    );

    let reply = get_as(
        &app,
        &format!("/inzichten/plekken/buurthuis-de-linde/activiteiten.csv?{PERIOD}"),
        &host,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let mut lines = reply.body.lines();
    assert_eq!(
        lines.next(),
        Some("Activiteit,Week (maandag),Bezoeken,Eerste keer,Eerste keer samen,Terugkomers,Via uitnodiging,Keren vol,Op wachtlijst,Afgemeld")
    );
    // The title a host typed cannot run as a formula in a spreadsheet.
    assert_eq!(
        lines.next(),
        Some("\"'=HYPERLINK(\"\"http://evil\"\") koffie\",2026-11-23,12,9,0,< 5,< 5,< 5,6,< 5")
    );
}

#[tokio::test]
async fn the_page_shows_the_chart_and_the_table_without_exact_small_counts() {
    let Fixture { app, host, .. } = fixture().await;
    let page = get_as(
        &app,
        &format!("/inzichten/plekken/buurthuis-de-linde?{PERIOD}"),
        &host,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<svg"));
    assert!(page.body.contains("role=\"img\""));
    assert!(page.body.contains("<td>&lt; 5</td>"));
    assert!(page.body.contains("<td>23</td>"));
    assert!(page.body.contains("weken.csv?weken=2&amp;tot=2026-12-06"));
    assert!(!page.body.contains("bezoeker1"), "no names on the page");

    let wrong = get_as(
        &app,
        "/inzichten/plekken/buurthuis-de-linde?weken=99&tot=morgen",
        &host,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("Vul een getal van 1 tot en met 52 in."));
    assert!(wrong.body.contains("Vul een datum in"));
}

#[tokio::test]
async fn only_hosts_of_the_place_moderators_and_administrators_see_it() {
    let Fixture { app, .. } = fixture().await;
    let resident = sign_up(&app, "bewoner").await;
    let other_host = host_of(&app, "femke", "bibliotheek-lindenhoek").await;
    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    for path in [
        "/inzichten/plekken/buurthuis-de-linde",
        "/inzichten/plekken/buurthuis-de-linde/weken.csv",
    ] {
        assert_eq!(
            get(&app, path).await.status,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        assert_eq!(
            get_as(&app, path, &resident).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            get_as(&app, path, &other_host).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            get_as(&app, path, &moderator).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    assert_eq!(
        get_as(&app, "/inzichten", &resident).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_as(
            &app,
            "/inzichten/buurten/de-lindenhoek/plekken.csv",
            &resident
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let found = get_as(&app, "/inzichten?q=linde", &moderator).await;
    assert!(
        found.body.contains("/inzichten/plekken/buurthuis-de-linde"),
        "{}",
        found.body
    );
}

#[tokio::test]
async fn a_host_compares_their_place_with_the_rest_added_up() {
    let Fixture { app, host, .. } = fixture().await;
    let reply = get_as(
        &app,
        &format!("/inzichten/buurten/de-lindenhoek/plekken.csv?{PERIOD}"),
        &host,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        reply.body,
        "Plek,Bezoeken,Eerste keer,Eerste keer samen,Terugkomers,Via uitnodiging,Keren vol,Op wachtlijst,Afgemeld,Deel eerste keer,Deel via uitnodiging\r\n\
         Buurthuis De Linde,23,15,0,8,< 5,< 5,6,< 5,65%,\r\n\
         Andere plekken (samen),< 5,< 5,0,0,0,0,0,0,,\r\n\
         Totaal,24,16,0,8,< 5,< 5,6,< 5,67%,\r\n"
    );
    // A moderator sees every place of the neighbourhood by name.
    let moderator = sign_up(&app, "mod").await;
    promote(&app, "mod", false).await;
    let page = get_as(
        &app,
        &format!("/inzichten/buurten/de-lindenhoek?{PERIOD}"),
        &moderator,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Bibliotheek Lindenhoek"));
    assert!(!page.body.contains("Andere plekken (samen)"));
}

#[tokio::test]
async fn the_insights_queries_use_indexes() {
    let app = test_app().await;
    use app::store::insights::{query_plan, Scope};
    for scope in [Scope::Place(1), Scope::Neighbourhood(1)] {
        let plan = query_plan(&app.db, scope).await.unwrap();
        for step in &plan {
            let bare_scan = step.starts_with("SCAN") && !step.contains("INDEX");
            assert!(
                !bare_scan && !step.contains("AUTOMATIC"),
                "{step}\n{plan:#?}"
            );
        }
        let steps = &plan;
        assert!(
            steps.iter().any(|s| s.contains("signups_for_insights")),
            "{steps:#?}"
        );
        assert!(
            steps.iter().any(|s| s.contains("signups_visits_by_user")),
            "{steps:#?}"
        );
    }
}
