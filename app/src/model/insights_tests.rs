use super::*;

#[test]
fn small_counts_are_never_shown_exactly() {
    assert_eq!(count_text(0), "0");
    for n in 1..=4 {
        assert_eq!(shown(n), Shown::Few, "{n}");
        assert_eq!(count_text(n), "< 5");
    }
    assert_eq!(count_text(5), "5");
    assert_eq!(count_text(123), "123");
    assert_eq!(shown(3).chart_value(), 4);
    assert_eq!(shown(1).chart_value(), shown(4).chart_value());
    assert_eq!(shown(9).chart_value(), 9);
}

#[test]
fn a_share_never_gives_a_small_count_away() {
    assert_eq!(share(5, 10), Some(50));
    assert_eq!(share(2, 3), None);
    assert_eq!(share(3, 100), None);
    assert_eq!(share(100, 4), None);
    assert_eq!(share(0, 10), Some(0));
    assert_eq!(share(0, 0), None);
    assert_eq!(share(10, 30), Some(33));
    assert_eq!(share(20, 30), Some(67));
}

#[test]
fn returning_visits_are_the_visits_that_were_not_first() {
    let c = Counts {
        visits: 12,
        first_visits: 5,
        with_buddy: 2,
        ..Default::default()
    };
    assert_eq!(c.returning(), 7);
    assert_eq!(
        c.cells(),
        ["12", "5", "< 5", "7", "0", "0", "0", "0"].map(String::from)
    );
    let odd = Counts {
        visits: 1,
        first_visits: 3,
        ..Default::default()
    };
    assert_eq!(odd.returning(), 0);
}

#[test]
fn every_week_of_the_period_is_there_once() {
    let mondays: Vec<String> = ["2026-11-16", "2026-11-23", "2026-11-30"]
        .map(String::from)
        .to_vec();
    let one = Counts {
        visits: 6,
        first_visits: 2,
        ..Default::default()
    };
    let found = vec![
        ("2026-11-23".to_string(), one),
        ("2026-11-23".to_string(), one),
        ("2026-11-09".to_string(), one),
    ];
    let weeks = weeks_of(&mondays, &found);
    assert_eq!(weeks.len(), 3);
    assert_eq!(weeks[0].counts, Counts::default());
    assert_eq!(weeks[1].counts.visits, 12);
    assert_eq!(weeks[1].counts.first_visits, 4);
    assert_eq!(weeks[2].counts, Counts::default());
    assert_eq!(total(weeks.iter().map(|w| &w.counts)).visits, 12);
}

#[test]
fn the_period_is_whole_weeks_up_to_the_chosen_day() {
    let today = jiff::civil::date(2026, 12, 6); // a Sunday
    let (period, errors) = Period::from_form(None, None, today);
    assert!(errors.is_empty());
    assert_eq!(period.weeks, 12);
    assert_eq!(period.mondays.len(), 12);
    assert_eq!(period.mondays.last().unwrap(), "2026-11-30");
    assert_eq!(period.first_day, "2026-09-14");
    assert_eq!(period.last_day, "2026-12-06");
    assert_eq!(period.query(), "weken=12&tot=2026-12-06");

    let (period, errors) = Period::from_form(Some("2"), Some("2026-11-30"), today);
    assert!(errors.is_empty());
    assert_eq!(period.mondays, vec!["2026-11-23", "2026-11-30"]);
    assert_eq!(period.last_day, "2026-12-06");
}

#[test]
fn a_bad_period_is_named_and_the_default_used() {
    use crate::model::form::Problem;
    let today = jiff::civil::date(2026, 12, 2);
    let (period, errors) = Period::from_form(Some("500"), Some("2026-02-31"), today);
    assert_eq!(
        errors.for_field("weken"),
        Some(Problem::OutOfRange { min: 1, max: 52 })
    );
    assert_eq!(errors.for_field("tot"), Some(Problem::BadDate));
    assert_eq!(errors.kept_value("tot"), Some("2026-02-31"));
    assert_eq!(period.weeks, DEFAULT_WEEKS);
    assert_eq!(period.until, "2026-12-02");
    let (_, errors) = Period::from_form(Some("twaalf"), None, today);
    assert_eq!(errors.for_field("weken"), Some(Problem::NotANumber));
    assert_eq!(weeks_field("52"), Ok(52));
    assert!(weeks_field("0").is_err());
}

#[test]
fn csv_cells_cannot_become_formulas() {
    assert_eq!(csv_cell("Koffie"), "Koffie");
    assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(csv_cell("+31"), "'+31");
    assert_eq!(csv_cell("-1"), "'-1");
    assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv_cell("\tx"), "'\tx");
    assert_eq!(csv_cell("\rx"), "\"'\rx\"");
    assert_eq!(csv_cell("a, b"), "\"a, b\"");
    assert_eq!(csv_cell("< 5"), "< 5");
    let file = csv(
        &["week", "visits"],
        &[vec!["2026-11-30".into(), "< 5".into()]],
    );
    assert_eq!(file, "week,visits\r\n2026-11-30,< 5\r\n");
}

#[test]
fn a_host_compares_only_their_own_places_one_by_one() {
    let row = |slug: &str, visits| ComparedPlace {
        slug: Some(slug.into()),
        name: slug.into(),
        counts: Counts {
            visits,
            ..Default::default()
        },
    };
    let places = || vec![(1, row("a", 10)), (2, row("b", 7)), (3, row("c", 2))];
    let all = compare(true, &[], places());
    assert_eq!(all.len(), 3);
    let host = compare(false, &[2], places());
    assert_eq!(host.len(), 2);
    assert_eq!(host[0].slug.as_deref(), Some("b"));
    assert_eq!(host[1].slug, None);
    assert!(host[1].name.is_empty());
    assert_eq!(host[1].counts.visits, 12);
    let only = compare(false, &[1, 2, 3], places());
    assert!(only.iter().all(|p| p.slug.is_some()));
}
