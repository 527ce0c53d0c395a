//! A series' occurrences with its changes, and the one mapping of the repetition rule.

use super::*;
use crate::model::activity::Day;
use jiff::civil::date;

fn weekly_from(start: Date) -> Series {
    Series {
        id: 7,
        place_id: 1,
        place_slug: "buurthuis".into(),
        place_name: "Buurthuis".into(),
        title: "Koffie".into(),
        description: String::new(),
        schedule: Schedule {
            start_date: start,
            start_minute: 10 * 60,
            duration_minutes: 90,
            repeat: Repeat::Weekly,
            until: None,
        },
        capacity: None,
        cost_cents: 0,
        audience: String::new(),
        accessibility: String::new(),
        welcomer: String::new(),
        online_url: None,
        leads_to: None,
        cancelled: false,
        changes: Vec::new(),
    }
}

#[test]
fn an_occurrence_is_a_date_the_rule_gives() {
    let series = weekly_from(date(2026, 3, 2));
    let found = series
        .occurrence(date(2026, 3, 9))
        .expect("a Monday of the series");
    assert_eq!(
        (found.original, found.date, found.minute),
        (date(2026, 3, 9), date(2026, 3, 9), 600)
    );
    assert!(!found.moved);
    assert_eq!(
        series.occurrence(date(2026, 3, 10)),
        None,
        "a Tuesday is not in it"
    );
    assert_eq!(
        series.occurrence(date(2026, 2, 23)),
        None,
        "before its first date"
    );
}

#[test]
fn a_cancelled_series_or_date_has_no_occurrence() {
    let mut series = weekly_from(date(2026, 3, 2));
    series.changes.push(Change {
        original: date(2026, 3, 9),
        cancelled: true,
        moved_to: None,
    });
    assert_eq!(series.occurrence(date(2026, 3, 9)), None);
    assert!(series.occurrence(date(2026, 3, 16)).is_some());
    series.cancelled = true;
    assert_eq!(series.occurrence(date(2026, 3, 16)), None);
}

#[test]
fn a_moved_date_keeps_its_identity() {
    let mut series = weekly_from(date(2026, 3, 2));
    series.changes.push(Change {
        original: date(2026, 3, 9),
        cancelled: false,
        moved_to: Some((date(2026, 3, 11), 14 * 60)),
    });
    let moved = series.occurrence(date(2026, 3, 9)).expect("still there");
    assert_eq!(
        (moved.original, moved.date, moved.minute),
        (date(2026, 3, 9), date(2026, 3, 11), 840)
    );
    assert!(moved.moved);
    assert_eq!(
        series.occurrence(date(2026, 3, 11)),
        None,
        "the new date is not an identity"
    );
    let week: Vec<Date> = series
        .occurrences(date(2026, 3, 9), date(2026, 3, 15))
        .iter()
        .map(|o| o.date)
        .collect();
    assert_eq!(week, [date(2026, 3, 11)]);
}

#[test]
fn expand_orders_by_start_then_series() {
    let early = weekly_from(date(2026, 3, 2));
    let mut same_time = weekly_from(date(2026, 3, 2));
    same_time.id = 3;
    let mut later = weekly_from(date(2026, 3, 3));
    later.id = 1;
    let found = expand(
        &[early, same_time, later],
        date(2026, 3, 2),
        date(2026, 3, 8),
    );
    let order: Vec<(i64, Date)> = found.iter().map(|(s, o)| (s.id, o.date)).collect();
    assert_eq!(
        order,
        [
            (3, date(2026, 3, 2)),
            (7, date(2026, 3, 2)),
            (1, date(2026, 3, 3))
        ]
    );
}

#[test]
fn the_repetition_maps_one_way_and_back() {
    let start = date(2026, 3, 31); // the fifth Tuesday: the last of its month
    for kind in RepeatKind::ALL {
        let rule = Repeat::of(kind, start);
        assert_eq!(rule.kind(), kind);
        let (word, week) = rule.columns();
        assert_eq!(Repeat::from_columns(word, week), rule);
    }
    assert_eq!(
        Repeat::of(RepeatKind::Monthly, start),
        Repeat::Monthly { week: -1 }
    );
    assert_eq!(
        Repeat::of(RepeatKind::Monthly, date(2026, 3, 10)),
        Repeat::Monthly { week: 2 }
    );
    assert_eq!(Repeat::from_columns("yearly", None), Repeat::Once);
}

#[test]
fn a_checked_form_gives_its_schedule() {
    let input = ActivityInput {
        title: "Koffie".into(),
        description: String::new(),
        date: Day::parse("2026-03-10").expect("a day"),
        start_minute: 600,
        duration_minutes: 45,
        repeat: RepeatKind::Monthly,
        until: Day::parse("2026-12-31"),
        capacity: None,
        cost_cents: 0,
        audience: String::new(),
        accessibility: String::new(),
        welcomer: String::new(),
        online_url: None,
        leads_to: None,
    };
    assert_eq!(
        Schedule::of(&input),
        Schedule {
            start_date: date(2026, 3, 10),
            start_minute: 600,
            duration_minutes: 45,
            repeat: Repeat::Monthly { week: 2 },
            until: Some(date(2026, 12, 31)),
        }
    );
}

#[test]
fn the_form_round_trips_through_its_checks() {
    let mut series = weekly_from(date(2026, 3, 2));
    series.schedule.until = Some(date(2026, 6, 29));
    series.capacity = Some(12);
    series.cost_cents = 250;
    series.online_url = Some("https://meet.example/koffie".into());
    let form = series.form();
    assert_eq!((form.start.as_str(), form.end.as_str()), ("10:00", "11:30"));
    assert_eq!(
        (form.repeat.as_str(), form.cost.as_str()),
        ("weekly", "2,50")
    );
    let input = form.validate().expect("a stored series is a valid form");
    assert_eq!(Schedule::of(&input), series.schedule);
    assert_eq!((input.capacity, input.cost_cents), (Some(12), 250));
}

#[test]
fn coming_dates_say_what_happens_to_each() {
    let mut series = weekly_from(date(2026, 3, 2));
    series.changes = vec![
        Change {
            original: date(2026, 3, 9),
            cancelled: true,
            moved_to: None,
        },
        Change {
            original: date(2026, 3, 16),
            cancelled: false,
            moved_to: Some((date(2026, 3, 18), 9 * 60 + 30)),
        },
    ];
    let dates = series.coming_dates(date(2026, 3, 3), 120, 3);
    let states: Vec<(&str, &DateState)> = dates
        .iter()
        .map(|d| (d.original.as_str(), &d.state))
        .collect();
    assert_eq!(
        states,
        [
            ("2026-03-09", &DateState::Cancelled),
            (
                "2026-03-16",
                &DateState::Moved {
                    date: "2026-03-18".into(),
                    weekday: 3,
                    start: "09:30".into(),
                }
            ),
            ("2026-03-23", &DateState::AsPlanned),
        ]
    );
    assert!(dates.iter().all(|d| d.weekday == 1));
}

#[test]
fn a_move_is_checked_against_the_day_the_clock_and_midnight() {
    let series = weekly_from(date(2026, 3, 2)); // 90 minutes long
    let today = date(2026, 3, 10);
    let problem = |new_date: &str, new_start: &str| {
        series
            .check_move(new_date, new_start, today)
            .err()
            .and_then(|e| e.fields.first().map(|f| (f.field.clone(), f.problem)))
    };
    assert_eq!(
        series.check_move("2026-03-12", "14:15", today),
        Ok((date(2026, 3, 12), 14 * 60 + 15))
    );
    assert_eq!(
        problem("2026-03-09", "10:00"),
        Some(("new_date".into(), Problem::Past))
    );
    assert_eq!(
        problem("2026-03-12", "23:00"),
        Some(("new_start".into(), Problem::BadTime))
    );
    assert_eq!(
        problem("2026-03-29", "02:30"),
        Some(("new_start".into(), Problem::TimeDoesNotExist))
    );
    assert_eq!(
        problem("2026-02-30", "10:00"),
        Some(("new_date".into(), Problem::BadDate))
    );
    let kept = series.check_move("gisteren", "10:00", today).unwrap_err();
    assert_eq!(kept.kept_value("new_date"), Some("gisteren"));
}

#[test]
fn a_start_in_the_skipped_hour_is_refused_beside_the_start() {
    let form = ActivityForm {
        title: "Nachtwandeling".into(),
        date: "2026-03-29".into(),
        start: "02:15".into(),
        end: "03:30".into(),
        ..Default::default()
    };
    let errors = form.checked().expect_err("02:15 does not exist that night");
    assert!(errors
        .fields
        .iter()
        .any(|f| f.field == "start" && f.problem == Problem::TimeDoesNotExist));
    let later = ActivityForm {
        start: "03:15".into(),
        ..form
    };
    assert!(later.checked().is_ok());
}
