//! The rule's dates across clock changes, months and changes.

use super::*;
use jiff::civil::date;

fn weekly(start: Date, minute: u16) -> Schedule {
    Schedule {
        start_date: start,
        start_minute: minute,
        duration_minutes: 90,
        repeat: Repeat::Weekly,
        until: None,
    }
}

fn utc_hour(ts: Timestamp) -> i8 {
    ts.to_zoned(jiff::tz::TimeZone::UTC).hour()
}

#[test]
fn weekly_keeps_its_local_time_across_the_clock_change() {
    // Thursdays 19:30 around the last Sunday of October 2026 (25 October).
    let s = weekly(date(2026, 10, 15), 19 * 60 + 30);
    let o = s.occurrences(&[], date(2026, 10, 1), date(2026, 11, 5));
    let dates: Vec<Date> = o.iter().map(|o| o.date).collect();
    assert_eq!(
        dates,
        vec![
            date(2026, 10, 15),
            date(2026, 10, 22),
            date(2026, 10, 29),
            date(2026, 11, 5)
        ]
    );
    assert!(o.iter().all(|o| o.minute == 19 * 60 + 30));
    assert_eq!(utc_hour(o[1].start), 17, "summer time: UTC+2");
    assert_eq!(utc_hour(o[2].start), 18, "winter time: UTC+1");
    // And in spring (29 March 2026).
    let o =
        weekly(date(2026, 3, 22), 10 * 60).occurrences(&[], date(2026, 3, 22), date(2026, 3, 29));
    assert_eq!((utc_hour(o[0].start), utc_hour(o[1].start)), (9, 8));
}

#[test]
fn fortnightly_and_until() {
    let s = Schedule {
        repeat: Repeat::Fortnightly,
        until: Some(date(2026, 12, 31)),
        ..weekly(date(2026, 11, 3), 600)
    };
    let dates = s.dates(date(2026, 11, 1), date(2027, 2, 1));
    assert_eq!(dates.first(), Some(&date(2026, 11, 3)));
    assert_eq!(dates.last(), Some(&date(2026, 12, 29)));
    assert!(dates
        .windows(2)
        .all(|w| w[0].until(w[1]).unwrap().get_days() == 14));
    // Starting the range long after the first date lands on the same rhythm.
    assert_eq!(
        s.dates(date(2026, 12, 14), date(2026, 12, 31)),
        vec![date(2026, 12, 15), date(2026, 12, 29)]
    );
}

#[test]
fn monthly_on_the_nth_weekday() {
    // Second Tuesday: 10 Nov 2026, 8 Dec 2026, 12 Jan 2027, 9 Feb 2027.
    let s = Schedule {
        repeat: Repeat::Monthly { week: 2 },
        ..weekly(date(2026, 11, 10), 600)
    };
    assert_eq!(week_of_month(date(2026, 11, 10)), 2);
    assert_eq!(
        s.dates(date(2026, 11, 1), date(2027, 2, 28)),
        vec![
            date(2026, 11, 10),
            date(2026, 12, 8),
            date(2027, 1, 12),
            date(2027, 2, 9)
        ]
    );
    // The last Friday: 27 Nov 2026, 25 Dec 2026, 29 Jan 2027.
    let last = Schedule {
        repeat: Repeat::Monthly { week: -1 },
        ..weekly(date(2026, 11, 27), 600)
    };
    assert_eq!(
        last.dates(date(2026, 11, 1), date(2027, 1, 31)),
        vec![date(2026, 11, 27), date(2026, 12, 25), date(2027, 1, 29)]
    );
    assert_eq!(
        nth_weekday(2026, 2, Weekday::Monday, 4),
        Some(date(2026, 2, 23))
    );
    assert_eq!(week_of_month(date(2026, 12, 29)), -1);
}

#[test]
fn cancelled_and_moved_occurrences() {
    let s = weekly(date(2026, 11, 5), 600);
    let changes = vec![
        Change {
            original: date(2026, 11, 12),
            cancelled: true,
            moved_to: None,
        },
        Change {
            original: date(2026, 11, 19),
            cancelled: false,
            moved_to: Some((date(2026, 11, 20), 14 * 60)),
        },
    ];
    let o = s.occurrences(&changes, date(2026, 11, 1), date(2026, 11, 30));
    let shown: Vec<(Date, u16, bool)> = o.iter().map(|o| (o.date, o.minute, o.moved)).collect();
    assert_eq!(
        shown,
        vec![
            (date(2026, 11, 5), 600, false),
            (date(2026, 11, 20), 840, true),
            (date(2026, 11, 26), 600, false),
        ]
    );
    assert_eq!(o[1].original, date(2026, 11, 19));
    // Moved out of the range: gone from it; moved into it: there.
    let into = vec![Change {
        original: date(2026, 12, 3),
        cancelled: false,
        moved_to: Some((date(2026, 11, 30), 600)),
    }];
    assert!(s
        .occurrences(&into, date(2026, 11, 30), date(2026, 11, 30))
        .iter()
        .any(|o| o.moved));
}

#[test]
fn local_times_that_do_not_exist_or_happen_twice() {
    assert_eq!(
        strict_instant(date(2026, 3, 29), 2 * 60 + 30),
        Err(LocalTimeProblem::DoesNotExist)
    );
    assert!(strict_instant(date(2026, 3, 29), 3 * 60).is_ok());
    let twice = strict_instant(date(2026, 10, 25), 2 * 60 + 30).unwrap();
    assert_eq!(utc_hour(twice), 0, "the first 02:30 is still summer time");
    // A weekly 02:30 on the spring Sunday shifts forward instead of vanishing.
    let o = weekly(date(2026, 3, 22), 150).occurrences(&[], date(2026, 3, 29), date(2026, 3, 29));
    assert_eq!(o.len(), 1);
}

#[test]
fn once_is_once() {
    let s = Schedule {
        repeat: Repeat::Once,
        ..weekly(date(2026, 11, 24), 600)
    };
    assert_eq!(
        s.dates(date(2026, 1, 1), date(2027, 1, 1)),
        vec![date(2026, 11, 24)]
    );
    assert!(s.has_date(date(2026, 11, 24)) && !s.has_date(date(2026, 12, 1)));
}
