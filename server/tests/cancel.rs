//! Cancelling with care: the host is asked first (a page that says what is cancelled and
//! who joined), and everyone who joined or waits is told, on their account page and in
//! their own calendar feed.

mod common;

use axum::http::StatusCode;
use common::*;

/// Joins `date` of `activity` as `cookie`; must be taken.
async fn join(app: &TestApp, cookie: &str, activity: i64, date: &str) {
    let joined = call(
        app,
        "activities/join",
        Some(cookie),
        &format!("activity={activity}&date={date}"),
    )
    .await;
    assert!(joined.status.is_success(), "{}", joined.body);
}

/// The host confirms cancelling `date` of `activity` on its page, without JavaScript.
async fn confirm_cancel(app: &TestApp, host: &str, activity: i64, date: &str) {
    let cancelled = no_js_post(
        app,
        "/api/activities/cancel",
        Some(host),
        &format!("/activiteiten/{activity}/{date}/afzeggen"),
        format!("activity={activity}&date={date}"),
    )
    .await;
    assert!(cancelled.status.is_redirection(), "{}", cancelled.body);
}

/// The path of `cookie`'s own calendar feed, made new.
async fn calendar_path(app: &TestApp, cookie: &str) -> String {
    let made = call(app, "activities/renew-calendar", Some(cookie), "").await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let url: String = serde_json::from_str(&made.body).unwrap();
    url[url.find("/mijn-agenda/").unwrap()..].to_string()
}

/// The VEVENT blocks of a feed, unfolded.
fn events(feed: &str) -> Vec<String> {
    let unfolded = feed.replace("\r\n ", "");
    unfolded
        .split("BEGIN:VEVENT\r\n")
        .skip(1)
        .map(|rest| {
            rest.split("END:VEVENT")
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// The weekly coffee morning with room for one: the first to join is in, the next waits.
async fn small_coffee(app: &TestApp) -> (String, i64) {
    let place = place_id(app, "buurthuis-de-linde").await;
    let host = host_of(app, "ans", "buurthuis-de-linde").await;
    let activity = create_activity(
        app,
        &host,
        place,
        &format!("{COFFEE_FORM}&form[capacity]=1"),
    )
    .await;
    (host, activity)
}

#[tokio::test]
async fn a_host_confirms_and_everyone_who_joined_is_told() {
    let app = test_app().await;
    let (host, activity) = small_coffee(&app).await;
    let first = sign_up(&app, "eerste").await;
    let second = sign_up(&app, "tweede").await;
    let gone = sign_up(&app, "weg").await;
    let other_date = sign_up(&app, "later").await;
    join(&app, &first, activity, "2026-12-03").await;
    join(&app, &second, activity, "2026-12-03").await;
    join(&app, &gone, activity, "2026-12-03").await;
    let left = call(
        &app,
        "activities/leave",
        Some(&gone),
        &format!("activity={activity}&date=2026-12-03"),
    )
    .await;
    assert!(left.status.is_success(), "{}", left.body);
    join(&app, &other_date, activity, "2026-12-10").await;
    let feed = calendar_path(&app, &first).await;

    // The occurrence's page leads to the question; nothing is cancelled by looking.
    let page = get_as(&app, &format!("/activiteiten/{activity}/2026-12-03"), &host).await;
    assert!(page.body.contains(&format!(
        "href=\"/activiteiten/{activity}/2026-12-03/afzeggen\""
    )));
    assert!(page.body.contains(&format!(
        "href=\"/activiteiten/{activity}/2026-12-03/afzeggen?alles=1\""
    )));
    assert!(page.body.contains("Alle keren afzeggen (elke week)"));
    assert!(!page.body.contains("reeks"), "plain words, not 'reeks'");
    let question = get_as(
        &app,
        &format!("/activiteiten/{activity}/2026-12-03/afzeggen"),
        &host,
    )
    .await;
    assert_eq!(question.status, StatusCode::OK, "{}", question.body);
    assert!(question.body.contains("Deze keer afzeggen?"));
    assert!(question.body.contains(
        "Koffieochtend bij Buurthuis De Linde gaat dan niet door op donderdag 3 december, van 10:00 tot 11:30."
    ));
    // The one who is in and the one who waits; not the one who left.
    assert!(
        question
            .body
            .contains("2 bewoners doen mee of staan op de wachtlijst."),
        "{}",
        question.body
    );
    assert!(question.body.contains("Ja, deze keer afzeggen"));
    assert!(question.body.contains("/api/activities/cancel"));
    assert_eq!(count(&app, "occurrence_changes").await, 0);
    assert_eq!(count(&app, "cancellation_notices").await, 0);

    // Only the place's hosts are asked.
    let refused = get_as(
        &app,
        &format!("/activiteiten/{activity}/2026-12-03/afzeggen"),
        &first,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let preview = call(
        &app,
        "activities/cancel-preview",
        Some(&first),
        &format!("activity={activity}&date=2026-12-03"),
    )
    .await;
    assert_eq!(preview.status, StatusCode::FORBIDDEN);

    // Confirmed: the form posts the cancellation.
    confirm_cancel(&app, &host, activity, "2026-12-03").await;
    assert_eq!(count(&app, "cancellation_notices").await, 2);

    let told =
        "Koffieochtend op donderdag 3 december om 10:00 bij Buurthuis De Linde gaat niet door.";
    for cookie in [&first, &second] {
        let account = get_as(&app, "/account", cookie).await;
        assert!(
            account.body.contains("Berichten voor jou"),
            "{}",
            account.body
        );
        assert!(account.body.contains(told), "{}", account.body);
    }
    for cookie in [&gone, &other_date] {
        let account = get_as(&app, "/account", cookie).await;
        assert!(!account.body.contains(told));
        assert!(!account.body.contains("Berichten voor jou"));
    }

    // In the calendar: the same event, now cancelled.
    let calendar = get(&app, &feed).await;
    assert_eq!(calendar.status, StatusCode::OK);
    let uid = format!("UID:activiteit-{activity}-2026-12-03@buurtplein");
    let found: Vec<String> = events(&calendar.body)
        .into_iter()
        .filter(|e| e.contains(&uid))
        .collect();
    assert_eq!(found.len(), 1, "{}", calendar.body);
    for line in [
        "STATUS:CANCELLED",
        "SEQUENCE:1",
        "SUMMARY:Afgezegd: Koffieochtend",
        "DTSTART;TZID=Europe/Amsterdam:20261203T100000",
        "DURATION:PT90M",
    ] {
        assert!(found[0].contains(line), "{line} in {}", found[0]);
    }

    // Read: gone from the account page, still cancelled in the calendar.
    let read = no_js_post(
        &app,
        "/api/activities/notice-read",
        Some(&first),
        "/account",
        format!("activity={activity}&date=2026-12-03"),
    )
    .await;
    assert!(read.status.is_redirection(), "{}", read.body);
    assert!(!get_as(&app, "/account", &first).await.body.contains(told));
    assert!(get_as(&app, "/account", &second).await.body.contains(told));
    assert!(get(&app, &feed).await.body.contains("STATUS:CANCELLED"));
    // Nobody marks another's notice read: the call is always about one's own.
    assert!(call(&app, "activities/notices", None, "").await.status == StatusCode::UNAUTHORIZED);

    // Taken back: the notices go, and the calendar has the date again as it was.
    let restored = call(
        &app,
        "activities/restore",
        Some(&host),
        &format!("activity={activity}&date=2026-12-03"),
    )
    .await;
    assert!(restored.status.is_success(), "{}", restored.body);
    assert_eq!(count(&app, "cancellation_notices").await, 0);
    assert!(!get_as(&app, "/account", &second).await.body.contains(told));
    let calendar = get(&app, &feed).await.body;
    assert!(!calendar.contains("STATUS:CANCELLED"), "{calendar}");
    assert!(calendar.contains(&uid));
}

#[tokio::test]
async fn cancelling_every_date_tells_each_resident_once() {
    let app = test_app().await;
    let (host, activity) = small_coffee(&app).await;
    let regular = sign_up(&app, "vaste").await;
    let once = sign_up(&app, "eenmalig").await;
    for date in ["2026-12-03", "2026-12-10", "2026-12-17"] {
        join(&app, &regular, activity, date).await;
    }
    join(&app, &once, activity, "2026-12-10").await;

    let question = get_as(
        &app,
        &format!("/activiteiten/{activity}/2026-12-03/afzeggen?alles=1"),
        &host,
    )
    .await;
    assert_eq!(question.status, StatusCode::OK, "{}", question.body);
    assert!(question.body.contains("Alle keren afzeggen?"));
    assert!(question.body.contains("elke week op donderdag om 10:00"));
    assert!(
        question.body.contains("2 bewoners doen mee"),
        "{}",
        question.body
    );
    assert!(question.body.contains("Ja, alle keren afzeggen"));

    let cancelled = call(
        &app,
        "activities/cancel",
        Some(&host),
        &format!("activity={activity}&date=2026-12-03&whole=true"),
    )
    .await;
    assert!(cancelled.status.is_success(), "{}", cancelled.body);
    // A notice per date joined, shown as one.
    assert_eq!(count(&app, "cancellation_notices").await, 4);
    let account = get_as(&app, "/account", &regular).await.body;
    let stopped = "Koffieochtend bij Buurthuis De Linde stopt. Vanaf donderdag 3 december gaat het niet meer door.";
    assert_eq!(account.matches(stopped).count(), 1, "{account}");
    let read = call(
        &app,
        "activities/notice-read",
        Some(&regular),
        &format!("activity={activity}"),
    )
    .await;
    assert!(read.status.is_success(), "{}", read.body);
    assert!(!get_as(&app, "/account", &regular)
        .await
        .body
        .contains(stopped));
    assert!(get_as(&app, "/account", &once).await.body.contains(
        "Koffieochtend bij Buurthuis De Linde stopt. Vanaf donderdag 10 december gaat het niet meer door."
    ));
    let feed = calendar_path(&app, &regular).await;
    let calendar = get(&app, &feed).await.body;
    assert_eq!(
        calendar.matches("STATUS:CANCELLED").count(),
        3,
        "{calendar}"
    );
}

#[tokio::test]
async fn a_single_date_has_no_other_dates_to_cancel() {
    let app = test_app().await;
    let place = place_id(&app, "buurthuis-de-linde").await;
    let host = host_of(&app, "ans", "buurthuis-de-linde").await;
    let activity = create_activity(
        &app,
        &host,
        place,
        "form[title]=Burendag&form[date]=2026-12-05&form[start]=11:00&form[end]=15:00",
    )
    .await;
    let page = get_as(&app, &format!("/activiteiten/{activity}/2026-12-05"), &host).await;
    assert!(page.body.contains("Deze keer afzeggen"));
    assert!(!page.body.contains("Alle keren afzeggen"), "{}", page.body);
    assert!(!page.body.contains("afzeggen?alles=1"));
    // Asked for every date anyway, the question is about this one.
    let question = get_as(
        &app,
        &format!("/activiteiten/{activity}/2026-12-05/afzeggen?alles=1"),
        &host,
    )
    .await;
    assert!(question.body.contains("Deze keer afzeggen?"));
    assert!(question
        .body
        .contains("Er heeft zich nog niemand aangemeld."));
    assert!(!question.body.contains("name=\"whole\""));
}

#[tokio::test]
async fn who_is_in_reads_full_without_the_waiting_list_message() {
    let app = test_app().await;
    let (_, activity) = small_coffee(&app).await;
    let inside = sign_up(&app, "binnen").await;
    let outside = sign_up(&app, "buiten").await;
    join(&app, &inside, activity, "2026-12-03").await;
    let path = format!("/activiteiten/{activity}/2026-12-03");
    let mine = get_as(&app, &path, &inside).await.body;
    assert!(mine.contains("Je doet mee"));
    assert!(!mine.contains("Vol: je komt op de wachtlijst"), "{mine}");
    assert!(mine.contains("<dd>Vol</dd>"), "{mine}");
    let theirs = get_as(&app, &path, &outside).await.body;
    assert!(theirs.contains("Vol: je komt op de wachtlijst"));
    assert!(theirs.contains("Zet me op de wachtlijst"));
    // In lists too.
    let list = get_as(&app, "/account", &inside).await.body;
    assert!(!list.contains("Vol: je komt op de wachtlijst"), "{list}");
}

#[tokio::test]
async fn residents_with_an_address_are_mailed_where_the_server_sends_mail() {
    let (port, mut mails) = common::smtp::smtp_sink().await;
    let app = common::smtp::mailing_app(port, "https://buurtplein.test").await;
    let (host, activity) = small_coffee(&app).await;
    let anna = sign_up_with_email(&app, "anna", "Anna", "anna@example.nl").await;
    let without = sign_up(&app, "zonderadres").await;
    join(&app, &anna, activity, "2026-12-03").await;
    join(&app, &without, activity, "2026-12-03").await;

    // The host is told beforehand that residents with an address get a mail too.
    let question = get_as(
        &app,
        &format!("/activiteiten/{activity}/2026-12-03/afzeggen"),
        &host,
    )
    .await;
    assert!(
        question.body.contains("krijgt ook een e-mail"),
        "{}",
        question.body
    );

    confirm_cancel(&app, &host, activity, "2026-12-03").await;

    // One mail, to the one with an address; the other reads it on their account page only.
    let mail = common::smtp::next_mail(&mut mails, std::time::Duration::from_secs(10))
        .await
        .expect("a mail about the cancelled date");
    assert_eq!(mail.to, vec!["anna@example.nl".to_string()]);
    assert!(
        mail.data.contains("Subject: Een activiteit gaat niet door"),
        "{}",
        mail.data
    );
    let text = common::smtp::decoded(&mail.data);
    for line in [
        "Afgezegd: Koffieochtend op donderdag 3 december om 10:00 bij Buurthuis De Linde gaat niet door.",
        "https://buurtplein.test/plekken/buurthuis-de-linde",
        "https://buurtplein.test/account",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    assert!(
        common::smtp::next_mail(&mut mails, std::time::Duration::from_millis(500))
            .await
            .is_none(),
        "nobody else is mailed"
    );
}
