//! Property tests of every parser and validator that reads what people (or attackers) send:
//! whatever the input, no panic, and what is accepted keeps the rules. Bounded to a few
//! hundred cases each so they run in the normal test suite.

use super::activity::{cost_cents, cost_text, validate_move, ActivityForm, Day};
use super::filter::PlaceQuery;
use super::hours::{format_minute, parse_minute};
use super::place::is_valid_slug;
use super::{account, discussion, invite};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text that looks like form input half the time and is anything at all the other half.
fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9:\\-,.€ ]{0,12}",
        "[a-zA-Z0-9 _.\\-]{0,40}",
        any::<String>(),
        "(<script>|javascript:|\u{202e}|\u{0}|%00|'|\"|;--)[a-z]{0,8}",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn activity_forms_never_panic_and_what_passes_keeps_the_rules(
        title in input(), date in input(), start in input(), end in input(),
        repeat in prop_oneof![Just("weekly".to_string()), Just("monthly".to_string()), input()],
        until in input(), capacity in input(), cost in input(), url in input(), leads_to in input(),
    ) {
        let form = ActivityForm {
            title, date, start, end, repeat, until, capacity, cost,
            online_url: url, leads_to, ..Default::default()
        };
        if let Ok(valid) = form.validate() {
            prop_assert!((3..=120).contains(&valid.title.chars().count()));
            prop_assert!(valid.duration_minutes > 0);
            prop_assert!(u32::from(valid.start_minute) + u32::from(valid.duration_minutes) < 24 * 60);
            prop_assert!(valid.capacity.is_none_or(|c| (1..=10_000).contains(&c)));
            prop_assert!(valid.cost_cents <= 100_000);
            prop_assert!(valid.online_url.as_deref().is_none_or(|u| u.starts_with("http://") || u.starts_with("https://")));
            prop_assert!(valid.until.is_none_or(|u| u >= valid.date));
        }
    }

    #[test]
    fn days_parse_only_real_dates_and_round_trip(text in input(), y in 1900i16..2200, m in 1i8..=12, d in 1i8..=31) {
        if let Some(day) = Day::parse(&text) {
            prop_assert_eq!(Day::parse(&day.iso()), Some(day));
        }
        let iso = format!("{y:04}-{m:02}-{d:02}");
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m { 2 if leap => 29, 2 => 28, 4 | 6 | 9 | 11 => 30, _ => 31 };
        let real = (2000..=2100).contains(&y) && d <= days;
        prop_assert_eq!(Day::parse(&iso).is_some(), real, "{}", iso);
    }

    #[test]
    fn times_parse_and_format_round_trip(text in input(), minute in 0u16..1440) {
        if let Some(parsed) = parse_minute(&text) {
            prop_assert!(parsed <= 24 * 60);
        }
        prop_assert_eq!(parse_minute(&format_minute(minute)), Some(minute));
        let _ = validate_move(&text, &text);
    }

    #[test]
    fn costs_parse_within_bounds_and_round_trip(text in input(), cents in 0u32..=100_000) {
        if let Ok(parsed) = cost_cents(&text) {
            prop_assert!(parsed <= 100_000);
        }
        prop_assert_eq!(cost_cents(&cost_text(cents)), Ok(cents));
    }

    #[test]
    fn slugs_are_plain_lowercase_words(text in input()) {
        if is_valid_slug(&text) {
            prop_assert!(!text.is_empty() && text.len() <= 100);
            prop_assert!(text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
    }

    #[test]
    fn directory_queries_never_panic(soort in input(), buurt in input(), kenmerk in input(), open in input(), q in input()) {
        let query = PlaceQuery {
            kind: Some(soort), neighbourhood: Some(buurt), feature: Some(kenmerk), open: Some(open), text: Some(q.clone()),
            page: Some(q),
        };
        let (filter, _) = query.parse();
        prop_assert!((1..=100_000).contains(&query.page()));
        // The neighbourhood is typed text the server resolves: kept only when it is clean.
        if let Some(neighbourhood) = filter.neighbourhood {
            prop_assert_eq!(crate::model::filter::clean_search_text(&neighbourhood), Some(neighbourhood.clone()));
        }
    }

    #[test]
    fn account_and_discussion_fields_never_panic(text in input()) {
        if let Ok(name) = account::username(&text) {
            prop_assert!((3..=32).contains(&name.len()));
        }
        let _ = account::display_name(&text);
        let _ = account::email(&text);
        let _ = account::invite_code(&text);
        let _ = invite::display_code(&text);
        let checked = [discussion::title(&text), discussion::body(&text), discussion::reason(&text), discussion::guest_name(&text)];
        for value in checked.into_iter().flatten() {
            prop_assert!(!value.trim().is_empty());
        }
    }
}
