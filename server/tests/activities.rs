//! Activities through the server functions over HTTP: who may run them, and bad input.

mod common;

use axum::http::StatusCode;
use common::*;

#[tokio::test]
async fn only_the_hosts_of_a_place_run_its_activities() {
    let app = test_app().await;
    let HostedActivity {
        place: linde,
        host,
        activity,
    } = host_with_activity(&app).await;
    let other_host = host_of(&app, "mehmet", "bibliotheek-lindenhoek").await;
    let resident = sign_up(&app, "resident").await;

    for cookie in [&other_host, &resident] {
        let create = call(
            &app,
            "activities/create",
            Some(cookie),
            &format!("place={linde}&{COFFEE_FORM}"),
        )
        .await;
        assert_eq!(create.status, StatusCode::FORBIDDEN, "{}", create.body);
        let update = call(
            &app,
            "activities/update",
            Some(cookie),
            &format!("activity={activity}&{COFFEE_FORM}"),
        )
        .await;
        assert_eq!(
            update.status,
            StatusCode::FORBIDDEN,
            "someone else's activity: {}",
            update.body
        );
        let cancel = call(
            &app,
            "activities/cancel",
            Some(cookie),
            &format!("activity={activity}&date=2026-11-26"),
        )
        .await;
        assert_eq!(cancel.status, StatusCode::FORBIDDEN);
        let light = call(
            &app,
            "places/light",
            Some(cookie),
            "place=buurthuis-de-linde&on=true",
        )
        .await;
        assert_eq!(light.status, StatusCode::FORBIDDEN);
    }
    let anonymous = call(
        &app,
        "activities/create",
        None,
        &format!("place={linde}&{COFFEE_FORM}"),
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(count(&app, "activities").await, 1);
    assert_eq!(count(&app, "occurrence_changes").await, 0);
    assert_eq!(count(&app, "place_lights").await, 0);

    let copy = call(
        &app,
        "activities/duplicate",
        Some(&host),
        &format!("activity={activity}"),
    )
    .await;
    assert!(copy.status.is_success(), "{}", copy.body);
    assert_eq!(count(&app, "activities").await, 2);
}

#[tokio::test]
async fn bad_activity_input_gets_a_message_and_changes_nothing() {
    let app = test_app().await;
    let linde = place_id(&app, "buurthuis-de-linde").await;
    let host = host_of(&app, "ans", "buurthuis-de-linde").await;
    let cases = [
        ("form[title]=Avond&form[date]=2026-11-26&form[start]=20:00&form[end]=19:00", "end", "EndBeforeStart"),
        ("form[title]=Avond&form[date]=2026-11-26&form[start]=19:00&form[end]=20:00&form[capacity]=0", "capacity", "OutOfRange"),
        ("form[title]=Avond&form[date]=2026-11-26&form[start]=19:00&form[end]=20:00&form[capacity]=-5", "capacity", "OutOfRange"),
        ("form[title]=Avond&form[date]=2026-11-26&form[start]=19:00&form[end]=20:00&form[capacity]=veel", "capacity", "NotANumber"),
        ("form[title]=Nacht&form[date]=2027-03-28&form[start]=02:30&form[end]=04:00", "start", "TimeDoesNotExist"),
        ("form[title]=Avond&form[date]=2026-02-30&form[start]=19:00&form[end]=20:00", "date", "BadDate"),
        ("form[title]=Avond&form[date]=2026-11-26&form[start]=19:00&form[end]=20:00&form[online_url]=javascript:alert(1)", "online_url", "BadUrl"),
    ];
    for (form, field, problem) in cases {
        let reply = call(
            &app,
            "activities/create",
            Some(&host),
            &format!("place={linde}&{form}"),
        )
        .await;
        assert_field_problem(&reply, field, problem, form);
    }
    let missing = call(
        &app,
        "activities/create",
        Some(&host),
        &format!("place={linde}"),
    )
    .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "activities").await, 0);
}

#[tokio::test]
async fn joining_a_cancelled_or_made_up_occurrence_is_refused() {
    let app = test_app().await;
    let HostedActivity { host, activity, .. } = host_with_activity(&app).await;
    let cancel = call(
        &app,
        "activities/cancel",
        Some(&host),
        &format!("activity={activity}&date=2026-12-03"),
    )
    .await;
    assert!(
        cancel.status.is_success() || cancel.status.is_redirection(),
        "{}",
        cancel.body
    );

    let resident = sign_up(&app, "resident").await;
    for (date, status) in [
        ("2026-12-03", StatusCode::NOT_FOUND),
        ("2026-12-04", StatusCode::NOT_FOUND),
        ("2026-13-01", StatusCode::BAD_REQUEST),
        ("gisteren", StatusCode::BAD_REQUEST),
    ] {
        let reply = call(
            &app,
            "activities/join",
            Some(&resident),
            &format!("activity={activity}&date={date}"),
        )
        .await;
        assert_eq!(reply.status, status, "{date}: {}", reply.body);
    }
    let ok = call(
        &app,
        "activities/join",
        Some(&resident),
        &format!("activity={activity}&date=2026-12-10"),
    )
    .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    assert_eq!(count(&app, "signups").await, 1);
    let series = call(
        &app,
        "activities/cancel",
        Some(&host),
        &format!("activity={activity}&date=2026-12-10&whole=true"),
    )
    .await;
    assert!(series.status.is_success() || series.status.is_redirection());
    let after = call(
        &app,
        "activities/join",
        Some(&resident),
        &format!("activity={activity}&date=2026-12-17"),
    )
    .await;
    assert_eq!(after.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_light_goes_on_until_a_time_and_off() {
    let app = test_app().await;
    let host = host_of(&app, "ans", "cafe-de-hoek").await;
    let on = call(
        &app,
        "places/light",
        Some(&host),
        "place=cafe-de-hoek&on=true&until=23:59",
    )
    .await;
    // Whether 23:59 is still ahead depends on the clock; either way nothing breaks.
    assert!(
        on.status.is_success() || on.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        on.body
    );
    let bad = call(
        &app,
        "places/light",
        Some(&host),
        "place=cafe-de-hoek&on=true&until=25:00",
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("BadTime"));
    let on = call(
        &app,
        "places/light",
        Some(&host),
        "place=cafe-de-hoek&on=true",
    )
    .await;
    assert!(on.status.is_success(), "{}", on.body);
    let page = get(&app, "/plekken/cafe-de-hoek").await;
    assert!(
        page.body.contains("Het licht is aan"),
        "the place page says so"
    );
    let off = call(
        &app,
        "places/light",
        Some(&host),
        "place=cafe-de-hoek&on=false",
    )
    .await;
    assert!(off.status.is_success());
    assert!(!get(&app, "/plekken/cafe-de-hoek")
        .await
        .body
        .contains("Het licht is aan"));
}

#[tokio::test]
async fn calendar_feeds_answer_with_icalendar() {
    let app = test_app().await;
    let HostedActivity { activity, .. } = host_with_activity(&app).await;
    for (path, name) in [
        (
            "/plekken/buurthuis-de-linde/agenda.ics",
            "Buurtplein: Buurthuis De Linde",
        ),
        (
            "/buurten/de-lindenhoek/agenda.ics",
            "Buurtplein: De Lindenhoek",
        ),
    ] {
        let feed = get(&app, path).await;
        assert!(
            feed.body.contains(&format!("X-WR-CALNAME:{name}\r\n")),
            "the calendar is named for people, not by its address: {}",
            feed.body
        );
        assert_eq!(feed.status, StatusCode::OK, "{path}");
        assert!(feed.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"));
        assert!(feed.body.contains("RRULE:FREQ=WEEKLY") && feed.body.contains("Koffieochtend"));
    }
    let single = get(
        &app,
        &format!("/activiteiten/{activity}/2026-12-03/agenda.ics"),
    )
    .await;
    assert_eq!(single.status, StatusCode::OK);
    assert!(single.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    assert_eq!(
        get(
            &app,
            &format!("/activiteiten/{activity}/2026-12-04/agenda.ics")
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/plekken/bestaat-niet/agenda.ics").await.status,
        StatusCode::NOT_FOUND
    );
}

/// Tuesday 24 November 2026, 10:30 in Amsterdam.
async fn app_on_a_tuesday() -> TestApp {
    let at: jiff::Timestamp = "2026-11-24T09:30:00Z".parse().unwrap();
    configured_app(false, |state| state.clock = app::state::Clock::fixed(at)).await
}

#[tokio::test]
async fn a_host_moves_and_restores_one_occurrence_and_nobody_else_can() {
    let app = app_on_a_tuesday().await;
    let HostedActivity { host, activity, .. } = host_with_activity(&app).await;
    let other_host = host_of(&app, "mehmet", "bibliotheek-lindenhoek").await;

    // Its editor is the host's alone.
    let editor = call(
        &app,
        "activities/editor",
        Some(&host),
        &format!("activity={activity}"),
    )
    .await;
    assert_eq!(editor.status, StatusCode::OK, "{}", editor.body);
    assert!(editor.body.contains("Koffieochtend") && editor.body.contains("2026-12-03"));
    for cookie in [Some(other_host.as_str()), None] {
        let refused = call(
            &app,
            "activities/editor",
            cookie,
            &format!("activity={activity}"),
        )
        .await;
        assert!(matches!(
            refused.status,
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED
        ));
        let moved = call(
            &app,
            "activities/move",
            cookie,
            &format!("activity={activity}&date=2026-12-03&new_date=2026-12-04&new_start=14:00"),
        )
        .await;
        assert!(matches!(
            moved.status,
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED
        ));
    }
    assert_eq!(count(&app, "occurrence_changes").await, 0);

    // Bad moves get a message beside the field and change nothing.
    for (new_date, new_start, field, problem) in [
        ("2026-12-32", "14:00", "new_date", "BadDate"),
        ("2026-12-04", "25:00", "new_start", "BadTime"),
        ("2026-11-01", "14:00", "new_date", "Past"),
        ("2027-03-28", "02:15", "new_start", "TimeDoesNotExist"),
        ("2026-12-04", "23:30", "new_start", "BadTime"),
    ] {
        let reply = call(
            &app,
            "activities/move",
            Some(&host),
            &format!(
                "activity={activity}&date=2026-12-03&new_date={new_date}&new_start={new_start}"
            ),
        )
        .await;
        assert_field_problem(&reply, field, problem, &format!("{new_date} {new_start}"));
    }
    // A date the series does not have cannot be moved.
    let made_up = call(
        &app,
        "activities/move",
        Some(&host),
        &format!("activity={activity}&date=2026-12-04&new_date=2026-12-05&new_start=14:00"),
    )
    .await;
    assert_eq!(made_up.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&app, "occurrence_changes").await, 0);

    let moved = call(
        &app,
        "activities/move",
        Some(&host),
        &format!("activity={activity}&date=2026-12-03&new_date=2026-12-04&new_start=14:00"),
    )
    .await;
    assert!(
        moved.status.is_success() || moved.status.is_redirection(),
        "{}",
        moved.body
    );
    let page = get(&app, &format!("/activiteiten/{activity}/2026-12-03")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("14:00") && page.body.contains("2026-12-04"),
        "the page shows the new day and time"
    );

    let restored = call(
        &app,
        "activities/restore",
        Some(&host),
        &format!("activity={activity}&date=2026-12-03"),
    )
    .await;
    assert!(restored.status.is_success() || restored.status.is_redirection());
    assert_eq!(count(&app, "occurrence_changes").await, 0);
    let editor_page = get_as(&app, &format!("/beheer/activiteit/{activity}"), &host).await;
    assert_eq!(editor_page.status, StatusCode::OK);
    assert!(editor_page.body.contains("Koffieochtend"));
}

#[tokio::test]
async fn an_online_activity_leads_to_one_in_person() {
    let app = app_on_a_tuesday().await;
    let HostedActivity {
        place: linde,
        host,
        activity: in_person,
    } = host_with_activity(&app).await;
    let bad = call(
        &app,
        "activities/create",
        Some(&host),
        &format!("place={linde}&form[title]=Online+koffie&form[date]=2026-11-25&form[start]=10:00&form[end]=10:30&form[online_url]=https://meet.example/koffie&form[leads_to]=999"),
    )
    .await;
    assert_field_problem(&bad, "leads_to", "UnknownActivity", "leads to 999");
    assert_eq!(count(&app, "activities").await, 1);
    let online = create_activity(
        &app,
        &host,
        linde,
        &format!("form[title]=Online+koffie&form[date]=2026-11-25&form[start]=10:00&form[end]=10:30&form[online_url]=https://meet.example/koffie&form[leads_to]={in_person}"),
    )
    .await;
    let page = get(&app, &format!("/activiteiten/{online}/2026-11-25")).await;
    assert!(
        page.body
            .contains(&format!("/activiteiten/{in_person}/2026-11-26")),
        "the page links the next meeting in person"
    );
    // A calendar app shows where to join online, not the building.
    let feed = get(&app, "/plekken/buurthuis-de-linde/agenda.ics").await;
    let unfolded = feed.body.replace("\r\n ", "");
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|event| event.contains("SUMMARY:Online koffie"))
        .expect("the online activity is in the feed");
    assert!(
        event.contains("LOCATION:Online · Buurthuis De Linde\r\n"),
        "{event}"
    );
    assert!(
        event.contains("CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://meet.example/koffie\r\n"),
        "{event}"
    );
    assert!(
        event.contains("URL:https://meet.example/koffie\r\n"),
        "{event}"
    );
    // The printed week says where to join, not the building.
    let sheet = get(&app, "/plekken/buurthuis-de-linde/week").await;
    assert!(
        sheet.body.contains(
            "Online, via https://meet.example/koffie (georganiseerd door Buurthuis De Linde)"
        ),
        "{}",
        sheet.body
    );
    assert!(
        event.contains("DESCRIPTION:Online: https://meet.example/koffie"),
        "{event}"
    );
    // An activity cannot lead to itself.
    let itself = call(
        &app,
        "activities/update",
        Some(&host),
        &format!("activity={online}&form[title]=Online+koffie&form[date]=2026-11-25&form[start]=10:00&form[end]=10:30&form[leads_to]={online}"),
    )
    .await;
    assert_eq!(itself.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_resident_subscribes_to_their_own_calendar() {
    let app = app_on_a_tuesday().await;
    let HostedActivity { activity, .. } = host_with_activity(&app).await;
    let resident = sign_up(&app, "resident").await;
    let joined = call(
        &app,
        "activities/join",
        Some(&resident),
        &format!("activity={activity}&date=2026-12-03"),
    )
    .await;
    assert!(joined.status.is_success(), "{}", joined.body);

    let made = call(&app, "activities/renew-calendar", Some(&resident), "").await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let url: String = serde_json::from_str(&made.body).unwrap();
    let path = url[url.find("/mijn-agenda/").unwrap()..].to_string();
    let feed = get(&app, &path).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.body
            .contains("DTSTART;TZID=Europe/Amsterdam:20261203T100000"),
        "{}",
        feed.body
    );
    assert!(
        !feed.body.contains("RRULE:FREQ=WEEKLY"),
        "only the dates joined, not the series"
    );
    assert_eq!(feed.body.matches("BEGIN:VEVENT").count(), 1);

    // A new address kills the old one.
    let renewed = call(&app, "activities/renew-calendar", Some(&resident), "").await;
    assert!(renewed.status.is_success() || renewed.status.is_redirection());
    assert_eq!(get(&app, &path).await.status, StatusCode::NOT_FOUND);
    for made_up in [
        "/mijn-agenda/niets/agenda.ics",
        "/mijn-agenda/%3Cscript%3E/agenda.ics",
    ] {
        assert_eq!(get(&app, made_up).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        call(&app, "activities/mine", None, "").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_neighbourhood_week_prints_with_every_place() {
    let app = app_on_a_tuesday().await;
    host_with_activity(&app).await;
    let library = place_id(&app, "bibliotheek-lindenhoek").await;
    let librarian = host_of(&app, "mehmet", "bibliotheek-lindenhoek").await;
    create_activity(
        &app,
        &librarian,
        library,
        "form[title]=Voorleesuur&form[date]=2026-11-28&form[start]=11:00&form[end]=12:00",
    )
    .await;
    let sheet = get(&app, "/buurten/de-lindenhoek/week").await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(sheet.body.contains("Koffieochtend") && sheet.body.contains("Voorleesuur"));
    assert!(sheet.body.contains("<svg"), "with a QR code");
    assert_eq!(
        get(&app, "/buurten/bestaat-niet/week").await.status,
        StatusCode::NOT_FOUND
    );
    let filtered = get(&app, "/activiteiten?buurt=de-lindenhoek").await;
    assert!(filtered.body.contains("Voorleesuur"));
    let home = get(&app, "/").await;
    assert!(
        home.body.contains("Koffieochtend"),
        "the home page shows what is coming"
    );
}
