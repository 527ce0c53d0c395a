//! The activity form's rules, field by field.

use super::*;

#[test]
fn a_move_needs_a_real_day_and_time() {
    assert_eq!(
        validate_move("2026-12-08", "20:15").unwrap(),
        (
            Day {
                year: 2026,
                month: 12,
                day: 8
            },
            20 * 60 + 15
        )
    );
    let errors = validate_move("2026-02-30", "25:00").unwrap_err();
    assert_eq!(errors.for_field("new_date"), Some(Problem::BadDate));
    assert_eq!(errors.for_field("new_start"), Some(Problem::BadTime));
    assert_eq!(errors.kept_value("new_date"), Some("2026-02-30"));
}

#[test]
fn cost_text_round_trips_through_the_parser() {
    for cents in [0, 5, 250, 300, 100_000] {
        assert_eq!(cost_cents(&cost_text(cents)), Ok(cents));
    }
}

fn form() -> ActivityForm {
    ActivityForm {
        title: "Koffieochtend".into(),
        date: "2026-11-26".into(),
        start: "10:00".into(),
        end: "11:30".into(),
        repeat: "weekly".into(),
        ..Default::default()
    }
}

#[test]
fn a_good_form() {
    let input = form().validate().unwrap();
    assert_eq!((input.start_minute, input.duration_minutes), (600, 90));
    assert_eq!(input.repeat, RepeatKind::Weekly);
    assert_eq!((input.capacity, input.cost_cents), (None, 0));
}

#[test]
fn each_problem_beside_its_field() {
    let bad = ActivityForm {
        end: "09:00".into(),
        capacity: "0".into(),
        cost: "twee euro".into(),
        online_url: "javascript:alert(1)".into(),
        until: "2026-11-01".into(),
        ..form()
    };
    let errors = bad.validate().unwrap_err();
    assert_eq!(errors.for_field("end"), Some(Problem::EndBeforeStart));
    assert_eq!(
        errors.for_field("capacity"),
        Some(Problem::OutOfRange {
            min: 1,
            max: CAPACITY_MAX
        })
    );
    assert_eq!(errors.for_field("cost"), Some(Problem::BadCharacters));
    assert_eq!(errors.for_field("online_url"), Some(Problem::BadUrl));
    assert_eq!(errors.for_field("until"), Some(Problem::EndBeforeStart));
    assert_eq!(errors.kept_value("title"), Some("Koffieochtend"));
    let negative = ActivityForm {
        capacity: "-3".into(),
        ..form()
    }
    .validate()
    .unwrap_err();
    assert!(negative.for_field("capacity").is_some());
    let nonsense = ActivityForm {
        date: "2026-02-30".into(),
        start: "25:00".into(),
        ..form()
    }
    .validate()
    .unwrap_err();
    assert_eq!(nonsense.for_field("date"), Some(Problem::BadDate));
    assert_eq!(nonsense.for_field("start"), Some(Problem::BadTime));
}

#[test]
fn costs_as_people_type_them() {
    assert_eq!(cost_cents(""), Ok(0));
    assert_eq!(cost_cents("2,50"), Ok(250));
    assert_eq!(cost_cents("€ 3"), Ok(300));
    assert_eq!(cost_cents("1.5"), Ok(150));
    assert!(cost_cents("1,234").is_err());
    assert!(cost_cents("5000").is_err());
}

#[test]
fn days() {
    assert_eq!(
        Day::parse("2028-02-29").map(Day::iso).as_deref(),
        Some("2028-02-29")
    );
    assert_eq!(Day::parse("2026-02-29"), None);
    assert_eq!(Day::parse("26-2-1"), None);
}
