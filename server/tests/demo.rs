//! The demo neighbourhood looks alive on a fresh start at any date: at least 20 activities
//! in the coming seven days (some full with a waiting list, one date cancelled), at least
//! five conversations with replies, and a light on; and it still does when the same database
//! starts again weeks later. Checked through the store and the pages, with the site's clock
//! fixed at dates that catch out calendars: a Monday, a late Saturday before the clocks go
//! forward, New Year's Eve, a leap day, a summer afternoon.

mod common;

use app::store::activities::{self, ActivityFilter};
use axum::http::StatusCode;
use common::*;
use jiff::{civil::Date, Timestamp, ToSpan};

const MOMENTS: [&str; 5] = [
    "2026-11-23T10:00:00+01:00[Europe/Amsterdam]",
    "2027-03-27T22:30:00+01:00[Europe/Amsterdam]",
    "2026-12-31T23:30:00+01:00[Europe/Amsterdam]",
    "2028-02-29T09:00:00+01:00[Europe/Amsterdam]",
    "2027-07-15T14:00:00+02:00[Europe/Amsterdam]",
];

fn moment(text: &str) -> Timestamp {
    text.parse::<jiff::Zoned>().unwrap().timestamp()
}

fn today(now: Timestamp) -> Date {
    now.to_zoned(app::model::hours::amsterdam()).date()
}

async fn neighbourhood(app: &TestApp) -> i64 {
    app::store::discussions::neighbourhood_id(&app.db, "de-lindenhoek")
        .await
        .unwrap()
        .unwrap()
}

/// The demo's occurrences from `now` to the end of the sixth day after today, as the home
/// page and the week list read them.
async fn coming_week(app: &TestApp, now: Timestamp) -> Vec<app::model::activity::OccurrenceView> {
    let from = today(now);
    let filter = ActivityFilter {
        neighbourhood_id: Some(neighbourhood(app).await),
        ..Default::default()
    };
    let (found, more) = activities::upcoming(
        &app.db,
        &filter,
        from,
        from.checked_add(6.days()).unwrap(),
        Some(now),
        500,
        None,
    )
    .await
    .unwrap();
    assert!(!more);
    found
}

/// What must hold at `now`: the numbers the demo promises, through the store and the pages.
async fn looks_alive(app: &TestApp, now: Timestamp, label: &str) {
    let week = coming_week(app, now).await;
    assert!(
        week.len() >= 20,
        "{label}: only {} occurrences in the coming week",
        week.len()
    );
    assert!(
        week.iter().any(|o| o.is_full() && o.waiting > 0),
        "{label}: something is full with a waiting list"
    );
    assert!(
        week.iter()
            .all(|o| o.start_iso.parse::<Timestamp>().unwrap() >= now),
        "{label}: nothing already begun"
    );

    // One date of this week was cancelled by its host, and who joined it was told.
    let from = today(now).to_string();
    let to = today(now).checked_add(6.days()).unwrap().to_string();
    let cancelled: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM occurrence_changes
         WHERE cancelled = 1 AND original_date BETWEEN ? AND ?",
    )
    .bind(&from)
    .bind(&to)
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    assert!(cancelled >= 1, "{label}: a date of this week is cancelled");

    // Conversations with replies, about places and about the neighbourhood.
    let threads = app::store::discussions::recent_threads(&app.db, None, 100)
        .await
        .unwrap();
    let answered: Vec<_> = threads.iter().filter(|t| t.replies > 0).collect();
    assert!(
        answered.len() >= 5,
        "{label}: {} conversations with replies",
        answered.len()
    );
    assert!(answered.iter().any(|t| t.topic.place_slug.is_some()));
    assert!(answered.iter().any(|t| t.topic.place_slug.is_none()));

    // A light is on.
    let places: Vec<i64> = sqlx::query_scalar("SELECT id FROM places")
        .fetch_all(&app.db.read)
        .await
        .unwrap();
    let lights = app::store::lights::lights_of(&app.db, &places, now)
        .await
        .unwrap();
    assert!(!lights.is_empty(), "{label}: a light is on");

    // The pages say so.
    let home = get(app, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("Het licht is aan"),
        "{label}: the home page shows the light"
    );
    assert!(
        home.body.contains("class=\"activity\""),
        "{label}: the home page shows what happens next"
    );
    let list = get(app, "/activiteiten?buurt=de-lindenhoek").await;
    assert!(
        list.body.matches("class=\"activity\"").count() >= 20,
        "{label}"
    );
    let talk = get(app, "/gesprekken").await;
    assert!(
        talk.body.contains("Wie helpt mee met het buurtfeest?"),
        "{label}"
    );
}

#[tokio::test]
async fn a_fresh_demo_looks_alive_at_any_date() {
    for text in MOMENTS {
        let now = moment(text);
        let app = demo_app(now).await;
        looks_alive(&app, now, text).await;
    }
}

#[tokio::test]
async fn the_demo_has_what_it_promises() {
    let now = moment(MOMENTS[0]);
    let app = demo_app(now).await;
    // Activities at most places, weekly and monthly, and one online that leads to one in
    // person.
    // (The past weeks' series of the insights end before today; these run on.)
    let (places_with, all_places): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(DISTINCT place_id) FROM activities WHERE repeat_until IS NULL),
                (SELECT count(*) FROM places)",
    )
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    assert!(
        places_with * 2 > all_places,
        "{places_with} of {all_places}"
    );
    for repeat in ["weekly", "monthly", "once"] {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM activities WHERE repeat = ?")
            .bind(repeat)
            .fetch_one(&app.db.read)
            .await
            .unwrap();
        assert!(n > 0, "{repeat}");
    }
    let online: (String, i64) = sqlx::query_as(
        "SELECT o.title, count(*) FROM activities o JOIN activities p ON p.id = o.leads_to
         WHERE o.online_url IS NOT NULL AND p.online_url IS NULL",
    )
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    assert_eq!(online.1, 1, "one online activity leads to one in person");
    let week = coming_week(&app, now).await;
    let online_date = week
        .iter()
        .find(|o| o.title == online.0)
        .expect("the online one this week");
    let page = get(&app, &online_date.path()).await.body;
    assert!(page.contains("Daarna in het echt") && page.contains("Digitaal Café"));

    // The host and the moderator log in with the README's passwords, hashed as any other.
    for (username, password, role) in [
        ("demo-gastvrouw", "lindenhoek-gastvrouw", "/beheer"),
        ("demo-moderator", "lindenhoek-moderator", "/moderatie"),
    ] {
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE username = ?")
            .bind(username)
            .fetch_one(&app.db.read)
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        let reply = call(
            &app,
            "account/log-in",
            None,
            &format!("username={username}&password={password}"),
        )
        .await;
        let cookie = session_cookie(&reply).unwrap_or_else(|| panic!("{username}: {}", reply.body));
        let page = get_as(&app, role, &cookie).await;
        assert_eq!(page.status, StatusCode::OK, "{username} on {role}");
    }
    // The host runs the place whose light is on; its hosts read as before.
    let huiskamer = get(&app, "/plekken/huiskamer-op-de-hoek").await.body;
    assert!(huiskamer.contains("Het licht is aan"));
    let detail = app::store::places::by_slug(&app.db, "huiskamer-op-de-hoek", now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.hosts, vec!["Wilma".to_string()]);
    let hosts: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM place_hosts h JOIN users u ON u.id = h.user_id
         WHERE u.username = 'demo-gastvrouw'",
    )
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    assert_eq!(hosts, 1);

    // The moderator joined the cancelled date and reads about it on their account page.
    let reply = call(
        &app,
        "account/log-in",
        None,
        "username=demo-moderator&password=lindenhoek-moderator",
    )
    .await;
    let moderator = session_cookie(&reply).unwrap();
    let account = get_as(&app, "/account", &moderator).await.body;
    assert!(account.contains("Berichten voor jou"), "{account}");
    assert!(account.contains("gaat niet door"), "{account}");
}

#[tokio::test]
async fn a_later_start_keeps_it_alive_and_adds_nothing_twice() {
    let first = moment(MOMENTS[0]);
    let app = demo_app(first).await;
    let tables = ["activities", "threads", "posts", "users", "place_hosts"];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(&app, table).await);
    }
    // The same day again: nothing new.
    let (app, again) = restarted_demo(app, first).await;
    assert!(!again.life.created && again.life.signups == 0 && again.life.visits == 0);
    assert!(!again.life.cancelled && !again.life.light);
    for (table, n) in tables.iter().zip(&before) {
        assert_eq!(count(&app, table).await, *n, "{table}");
    }

    // Seven weeks later, the light long out: the series run on, new dates fill up, a new
    // date is cancelled, the light goes on again.
    let later = first
        .checked_add(jiff::SignedDuration::from_hours(7 * 24 * 7 + 5))
        .unwrap();
    let (app, seeded) = restarted_demo(app, later).await;
    assert!(!seeded.life.created);
    assert!(seeded.life.signups > 0 && seeded.life.visits > 0);
    assert!(seeded.life.cancelled && seeded.life.light);
    for (table, n) in tables.iter().zip(&before) {
        assert_eq!(count(&app, table).await, *n, "{table}");
    }
    looks_alive(&app, later, "seven weeks later").await;
}

#[tokio::test]
async fn without_the_demo_its_accounts_open_nothing() {
    let now = moment(MOMENTS[0]);
    let app = demo_app(now).await;
    let locked = app::demo::seed_life::lock_demo_accounts(&app.db)
        .await
        .unwrap();
    assert_eq!(locked, 2);
    let reply = call(
        &app,
        "account/log-in",
        None,
        "username=demo-gastvrouw&password=lindenhoek-gastvrouw",
    )
    .await;
    assert!(session_cookie(&reply).is_none());
    assert_eq!(
        app::demo::seed_life::lock_demo_accounts(&app.db)
            .await
            .unwrap(),
        0
    );
    // With the demo on again, they work again.
    let (app, _) = restarted_demo(app, now).await;
    let reply = call(
        &app,
        "account/log-in",
        None,
        "username=demo-gastvrouw&password=lindenhoek-gastvrouw",
    )
    .await;
    assert!(session_cookie(&reply).is_some(), "{}", reply.body);
}
