use super::*;

#[test]
fn the_first_name_is_the_first_word_only() {
    assert_eq!(first_name("Fatima el Amrani"), "Fatima");
    assert_eq!(first_name("  Jan   de Vries "), "Jan");
    assert_eq!(first_name("Kees"), "Kees");
    assert_eq!(first_name("<b>Els</b> Bakker"), "<b>Els</b>");
    assert_eq!(first_name("   "), "");
}

#[test]
fn the_two_meet_ten_minutes_before_the_start() {
    assert_eq!(meeting_time("10:00").as_deref(), Some("09:50"));
    assert_eq!(meeting_time("19:35").as_deref(), Some("19:25"));
    assert_eq!(meeting_time("00:05").as_deref(), Some("00:00"));
    assert_eq!(meeting_time("25:00"), None);
    assert_eq!(meeting_time("tien uur"), None);
}

#[test]
fn the_note_is_short_and_optional() {
    assert_eq!(note("  "), Ok(String::new()));
    assert_eq!(
        note(" Ik ben wat verlegen "),
        Ok("Ik ben wat verlegen".into())
    );
    assert_eq!(
        note(&"a".repeat(201)),
        Err(Problem::TooLong { max: NOTE_MAX })
    );
    assert_eq!(note("twee\nregels"), Err(Problem::BadCharacters));
}

#[test]
fn a_request_is_paired_with_a_free_offer_or_the_host() {
    let (newcomer, host, buddy, other) = (1, 2, 3, 4);
    assert!(may_pair(newcomer, buddy, host, &[buddy]));
    assert!(may_pair(newcomer, host, host, &[]));
    assert!(!may_pair(newcomer, other, host, &[buddy]), "never offered");
    assert!(
        !may_pair(newcomer, newcomer, host, &[newcomer]),
        "not with oneself"
    );
    assert!(
        !may_pair(host, host, host, &[]),
        "a host never goes with themselves"
    );
}
