//! Activities in the store on a real SQLite file: occurrences, joining under load, the door.

#[path = "support/test_db.rs"]
mod test_db;

use app::model::activity::{series::Series, ActivityForm, Joined};
use app::store::{
    activities::{self, ActivityFilter},
    Db,
};
use jiff::civil::date;
use sqlx::Row;
use test_db::{demo_db, place, user, NOW};

async fn weekly_coffee(db: &Db, capacity: &str) -> Series {
    let (place, _) = place(db, "buurthuis-de-linde").await;
    let input = ActivityForm {
        title: "Koffieochtend".into(),
        date: "2026-11-26".into(),
        start: "10:00".into(),
        end: "11:30".into(),
        repeat: "weekly".into(),
        capacity: capacity.into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    let host = user(db, "host").await;
    let id = activities::create(db, place, &input, host, NOW)
        .await
        .unwrap();
    activities::activity(db, id).await.unwrap().unwrap()
}

#[tokio::test]
async fn occurrences_with_a_cancelled_and_a_moved_one() {
    let t = demo_db().await;
    let coffee = weekly_coffee(&t.db, "").await;
    activities::change_occurrence(&t.db, coffee.id, date(2026, 12, 3), None)
        .await
        .unwrap();
    activities::change_occurrence(
        &t.db,
        coffee.id,
        date(2026, 12, 10),
        Some((date(2026, 12, 11), 14 * 60)),
    )
    .await
    .unwrap();
    let list = activities::activities(&t.db, &ActivityFilter::default(), false)
        .await
        .unwrap();
    let shown = activities::occurrences(&t.db, &list, date(2026, 11, 26), date(2026, 12, 17), None)
        .await
        .unwrap();
    let days: Vec<(&str, &str)> = shown
        .iter()
        .map(|o| (o.date.as_str(), o.start.as_str()))
        .collect();
    assert_eq!(
        days,
        vec![
            ("2026-11-26", "10:00"),
            ("2026-12-11", "14:00"),
            ("2026-12-17", "10:00")
        ]
    );
    assert!(shown[1].moved);
    assert_eq!(shown[1].original_date, "2026-12-10");
    let coffee = activities::activity(&t.db, coffee.id)
        .await
        .unwrap()
        .unwrap();
    assert!(coffee.occurrence(date(2026, 12, 3)).is_none(), "cancelled");
    assert!(
        coffee.occurrence(date(2026, 12, 4)).is_none(),
        "not a Thursday"
    );
    assert!(
        coffee.occurrence(date(2026, 12, 10)).is_some(),
        "moved, still joinable"
    );
    activities::cancel_series(&t.db, &coffee, date(2026, 11, 24), NOW)
        .await
        .unwrap();
    assert!(
        activities::activities(&t.db, &ActivityFilter::default(), false)
            .await
            .unwrap()
            .is_empty()
    );
}

/// 200 people press "join" at the same moment for 10 places: exactly 10 get in, 190 wait in
/// the order they came, nothing is lost; 5 cancellations move exactly the next 5 up.
#[tokio::test]
async fn two_hundred_simultaneous_joins_for_ten_places() {
    let t = demo_db().await;
    let coffee = weekly_coffee(&t.db, "10").await;
    let mut users = Vec::new();
    for n in 0..200 {
        users.push(user(&t.db, &format!("buur{n:03}")).await);
    }
    let day = date(2026, 11, 26);
    let mut tasks = tokio::task::JoinSet::new();
    for user in users.clone() {
        let db = t.db.clone();
        tasks.spawn(async move {
            (
                user,
                activities::join(&db, coffee.id, day, Some(10), user, NOW)
                    .await
                    .unwrap(),
            )
        });
    }
    let mut outcomes = Vec::new();
    while let Some(done) = tasks.join_next().await {
        outcomes.push(done.unwrap());
    }
    assert_eq!(outcomes.len(), 200);
    let confirmed = outcomes
        .iter()
        .filter(|(_, j)| *j == Joined::Confirmed)
        .count();
    assert_eq!(confirmed, 10);
    let mut positions: Vec<u32> = outcomes
        .iter()
        .filter_map(|(_, j)| match j {
            Joined::Waiting(p) => Some(*p),
            Joined::Confirmed => None,
        })
        .collect();
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=190).collect::<Vec<u32>>(),
        "every place in line exactly once"
    );

    let rows = sqlx::query("SELECT user_id, status FROM signups ORDER BY id")
        .fetch_all(&t.db.read)
        .await
        .unwrap();
    assert_eq!(rows.len(), 200, "nothing lost");
    let order: Vec<(i64, String)> = rows
        .iter()
        .map(|r| (r.get("user_id"), r.get("status")))
        .collect();
    assert!(
        order[..10].iter().all(|(_, s)| s == "confirmed"),
        "the first ten to arrive are in"
    );
    assert!(order[10..].iter().all(|(_, s)| s == "waiting"));

    let in_first: Vec<i64> = order[..5].iter().map(|(u, _)| *u).collect();
    let next_five: Vec<i64> = order[10..15].iter().map(|(u, _)| *u).collect();
    let mut promoted = Vec::new();
    for user in in_first {
        promoted.push(
            activities::leave(&t.db, coffee.id, day, Some(10), user)
                .await
                .unwrap()
                .unwrap(),
        );
    }
    assert_eq!(promoted, next_five, "the next five in line, in order");
    let statuses: Vec<(i64, i64)> =
        sqlx::query_as("SELECT sum(status = 'confirmed'), sum(status = 'waiting') FROM signups")
            .fetch_all(&t.db.read)
            .await
            .unwrap();
    assert_eq!(statuses, vec![(10, 185)]);
    // Leaving from the waiting list frees no place and promotes nobody.
    assert_eq!(
        activities::leave(&t.db, coffee.id, day, Some(10), order[199].0)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn the_door_counts_arrivals_walk_ins_and_first_visits() {
    let t = demo_db().await;
    let coffee = weekly_coffee(&t.db, "").await;
    let day = date(2026, 11, 26);
    let anna = user(&t.db, "anna").await;
    activities::join(&t.db, coffee.id, day, None, anna, NOW)
        .await
        .unwrap();
    let list = activities::attendees(&t.db, coffee.id, day).await.unwrap();
    assert_eq!(list.len(), 1);
    assert!(
        activities::check_in(&t.db, coffee.id, list[0].signup_id, true, NOW)
            .await
            .unwrap()
    );
    assert!(
        !activities::check_in(&t.db, coffee.id + 1, list[0].signup_id, true, NOW)
            .await
            .unwrap(),
        "another activity's signup"
    );
    activities::walk_in(&t.db, coffee.id, day, 3, Some("Kees"), true, NOW)
        .await
        .unwrap();
    activities::walk_in(&t.db, coffee.id, day, 2, None, false, NOW)
        .await
        .unwrap();
    assert_eq!(
        activities::door_counts(&t.db, coffee.id, day)
            .await
            .unwrap(),
        (1, 5, 4)
    );
}

/// A local iCalendar time with its TZID, read back with an independent zone lookup.
fn instant(value: &str, tzid: &str) -> jiff::Timestamp {
    let civil = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", value).unwrap();
    civil
        .to_zoned(jiff::tz::TimeZone::get(tzid).unwrap())
        .unwrap()
        .timestamp()
}

fn property<'a>(
    event: &'a icalendar::parser::Component<'a>,
    name: &str,
) -> Option<&'a icalendar::parser::Property<'a>> {
    event.properties.iter().find(|p| p.name.as_str() == name)
}

fn tzid(property: &icalendar::parser::Property) -> String {
    property
        .params
        .iter()
        .find(|p| p.key.as_str() == "TZID")
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str().to_string())
        .expect("a TZID")
}

#[tokio::test]
async fn the_calendar_feed_parses_and_round_trips_times() {
    let t = demo_db().await;
    let (place, _) = place(&t.db, "buurthuis-de-linde").await;
    let input = ActivityForm {
        title: "Taalcafé, met koffie; en thee".into(),
        description: "Oefen Nederlands.\nIedereen welkom.".into(),
        date: "2026-10-15".into(),
        start: "19:30".into(),
        end: "21:00".into(),
        repeat: "weekly".into(),
        until: "2026-12-31".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    let host = user(&t.db, "host").await;
    let id = activities::create(&t.db, place, &input, host, NOW)
        .await
        .unwrap();
    activities::change_occurrence(&t.db, id, date(2026, 10, 29), None)
        .await
        .unwrap();
    activities::change_occurrence(
        &t.db,
        id,
        date(2026, 11, 5),
        Some((date(2026, 11, 6), 14 * 60)),
    )
    .await
    .unwrap();
    let list = activities::activities(&t.db, &ActivityFilter::default(), false)
        .await
        .unwrap();
    let ours =
        list[0]
            .schedule
            .occurrences(&list[0].changes, date(2026, 10, 1), date(2026, 12, 31));
    let stamp = jiff::Timestamp::from_second(NOW).unwrap();

    let feed = app::ical::feed(
        "Buurthuis De Linde",
        &list,
        stamp,
        "https://buurtplein.example",
    );
    assert!(feed.lines().all(|l| l.len() <= 76), "lines are folded");
    let unfolded = icalendar::parser::unfold(&feed);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a real parser reads it");
    assert_eq!(
        calendar
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VTIMEZONE")
            .count(),
        1
    );
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), 2, "the series and its moved occurrence");

    let series = events
        .iter()
        .find(|e| property(e, "RRULE").is_some())
        .unwrap();
    assert_eq!(
        property(series, "SUMMARY").unwrap().val.as_str(),
        "Taalcafé, met koffie; en thee",
        "the parser reads back the escaped text"
    );
    assert_eq!(
        property(series, "RRULE").unwrap().val.as_str(),
        "FREQ=WEEKLY;UNTIL=20261231T225959Z"
    );
    let start = property(series, "DTSTART").unwrap();
    assert_eq!(
        instant(start.val.as_str(), &tzid(start)),
        ours[0].start,
        "first occurrence, summer time"
    );
    let exdate = property(series, "EXDATE").unwrap();
    assert_eq!(exdate.val.as_str(), "20261029T193000");
    assert!(!ours.iter().any(|o| o.original == date(2026, 10, 29)));

    let moved = events
        .iter()
        .find(|e| property(e, "RECURRENCE-ID").is_some())
        .unwrap();
    assert_eq!(
        property(moved, "RECURRENCE-ID").unwrap().val.as_str(),
        "20261105T193000"
    );
    let moved_start = property(moved, "DTSTART").unwrap();
    let ours_moved = ours.iter().find(|o| o.moved).unwrap();
    assert_eq!(
        instant(moved_start.val.as_str(), &tzid(moved_start)),
        ours_moved.start,
        "winter time"
    );
    assert_eq!(
        property(moved, "UID").unwrap().val.as_str(),
        property(series, "UID").unwrap().val.as_str()
    );

    // Every occurrence the feed implies (weekly from DTSTART, minus EXDATE) is one we list.
    let mut implied = Vec::new();
    let mut day = date(2026, 10, 15);
    while day <= date(2026, 12, 31) {
        if day != date(2026, 10, 29) && day != date(2026, 11, 5) {
            implied.push(instant(
                &format!("{}T193000", day.strftime("%Y%m%d")),
                "Europe/Amsterdam",
            ));
        }
        day = day.checked_add(jiff::ToSpan::days(7)).unwrap();
    }
    implied.push(ours_moved.start);
    implied.sort();
    assert_eq!(implied, ours.iter().map(|o| o.start).collect::<Vec<_>>());

    // One occurrence as a file to add to a calendar.
    let coffee = activities::activity(&t.db, id).await.unwrap().unwrap();
    let occurrence = coffee.occurrence(date(2026, 11, 26)).unwrap();
    let single = app::ical::single(&coffee, &occurrence, stamp, "https://buurtplein.example");
    let unfolded = icalendar::parser::unfold(&single);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let event = calendar
        .components
        .iter()
        .find(|c| c.name.as_str() == "VEVENT")
        .unwrap();
    assert!(property(event, "RRULE").is_none());
    let start = property(event, "DTSTART").unwrap();
    assert_eq!(instant(start.val.as_str(), &tzid(start)), occurrence.start);
    assert_eq!(property(event, "DURATION").unwrap().val.as_str(), "PT90M");
}

/// A backup taken while walk-ins are being written holds every write acknowledged before it
/// began, passes the integrity check, and restores into a database that opens and migrates.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_under_write_load_holds_every_acknowledged_write() {
    use app::store::backup;
    use std::sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    };
    let t = demo_db().await;
    let coffee = weekly_coffee(&t.db, "").await;
    let acknowledged = Arc::new(Mutex::new(Vec::<u32>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let db = t.db.clone();
            let acknowledged = acknowledged.clone();
            let stop = stop.clone();
            tokio::spawn(async move {
                let mut n = w;
                while !stop.load(Ordering::Relaxed) {
                    let name = format!("n{n}");
                    activities::walk_in(
                        &db,
                        coffee.id,
                        date(2026, 11, 26),
                        1,
                        Some(&name),
                        false,
                        NOW,
                    )
                    .await
                    .unwrap();
                    acknowledged.lock().unwrap().push(n);
                    n += 4;
                }
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let before: Vec<u32> = acknowledged.lock().unwrap().clone();
    assert!(
        before.len() > 20,
        "the writers got going ({})",
        before.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    backup::backup(&t.db, &copy).await.unwrap();
    let during = acknowledged.lock().unwrap().len();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    assert!(
        acknowledged.lock().unwrap().len() > before.len(),
        "writes went on while the backup ran ({} before, {during} after)",
        before.len()
    );
    // A second backup to the same file is refused rather than overwriting it.
    assert!(matches!(
        backup::backup(&t.db, &copy).await,
        Err(backup::BackupError::Exists(_))
    ));

    let restored = dir.path().join("restored.db");
    std::fs::write(&restored, b"not a database").unwrap();
    assert!(backup::restore(&dir.path().join("missing.db"), &restored)
        .await
        .is_err());
    let kept = backup::restore(&copy, &restored).await.unwrap();
    assert!(
        kept.is_some_and(|p| p.exists()),
        "the replaced file is kept"
    );
    let db = Db::open(&restored).await.unwrap();
    let names: Vec<String> = sqlx::query_scalar("SELECT first_name FROM walk_ins")
        .fetch_all(&db.read)
        .await
        .unwrap();
    for n in &before {
        assert!(
            names.contains(&format!("n{n}")),
            "walk-in n{n} was acknowledged before the backup began"
        );
    }
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    db.close().await;

    // Restoring over a database that is open elsewhere is refused.
    let busy = backup::restore(&copy, &restored);
    let holder = Db::open(&restored).await.unwrap();
    sqlx::query("SELECT count(*) FROM walk_ins")
        .fetch_one(&holder.read)
        .await
        .unwrap();
    assert!(matches!(busy.await, Err(backup::BackupError::InUse)));
    holder.close().await;
}

/// The day-by-day listing gives exactly what expanding every series gives, in the same
/// order, for any filter and limit: also across chunk boundaries, with cancelled and moved
/// occurrences (onto another weekday, earlier in the window, and out of it).
#[tokio::test]
async fn the_day_by_day_listing_matches_expanding_every_series() {
    use app::demo::generate::{generate, Scale};
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("many.db")).await.unwrap();
    generate(&db, 3, Scale::SMALL, |_| {})
        .await
        .unwrap()
        .unwrap();
    let from = date(2026, 11, 24);
    let to = date(2026, 12, 21);
    let all = activities::activities(&db, &ActivityFilter::default(), false)
        .await
        .unwrap();
    // Change some occurrences of series that have some in the window.
    let mut changed = 0;
    for activity in all.iter().filter(|a| a.id % 37 == 0) {
        let dates = activity.schedule.occurrences(&[], from, to);
        let Some(first) = dates.first() else { continue };
        let change = match changed % 4 {
            0 => None,
            1 => Some((first.original.tomorrow().unwrap(), 8 * 60)),
            2 => Some((from, 23 * 60)),
            _ => Some((to.tomorrow().unwrap(), 12 * 60)),
        };
        activities::change_occurrence(&db, activity.id, first.original, change)
            .await
            .unwrap();
        changed += 1;
    }
    assert!(changed >= 20, "enough changes to mean something: {changed}");
    let (place, _) = place(&db, "plek-3").await;
    let kind: String = sqlx::query_scalar("SELECT kind FROM places WHERE id = ?")
        .bind(place)
        .fetch_one(&db.read)
        .await
        .unwrap();
    let filters = [
        ActivityFilter {
            place_kind: Some(kind),
            free_only: true,
            ..Default::default()
        },
        ActivityFilter::default(),
        ActivityFilter {
            free_only: true,
            ..Default::default()
        },
        ActivityFilter {
            place_id: Some(place),
            ..Default::default()
        },
        ActivityFilter {
            neighbourhood_id: Some(2),
            ..Default::default()
        },
    ];
    for filter in &filters {
        let list = activities::activities(&db, filter, false).await.unwrap();
        let expected = activities::occurrences(&db, &list, from, to, None)
            .await
            .unwrap();
        assert!(!expected.is_empty());
        for limit in [1, 7, 300, 100_000] {
            let (shown, more) = activities::upcoming(&db, filter, from, to, None, limit, None)
                .await
                .unwrap();
            let want = &expected[..limit.min(expected.len())];
            assert_eq!(shown.len(), want.len(), "{filter:?} limit {limit}");
            assert!(
                shown.iter().zip(want).all(|(a, b)| a == b),
                "{filter:?} limit {limit}"
            );
            assert_eq!(more, expected.len() > limit, "{filter:?} limit {limit}");
        }
    }
    // Nothing before the given moment.
    let noon = jiff::civil::date(2026, 11, 24)
        .at(12, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap())
        .unwrap()
        .timestamp();
    let (shown, _) = activities::upcoming(
        &db,
        &ActivityFilter::default(),
        from,
        to,
        Some(noon),
        50,
        None,
    )
    .await
    .unwrap();
    assert_eq!(shown.len(), 50);
    assert!(shown
        .iter()
        .all(|o| o.start_iso.parse::<jiff::Timestamp>().unwrap() >= noon));
    db.close().await;
}
