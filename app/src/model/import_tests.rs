use super::*;

fn row(pairs: &[(&str, &str)]) -> RawPlace {
    let mut raw = RawPlace::default();
    for (header, value) in pairs {
        raw.set(Field::from_header(header).expect("known header"), *value);
    }
    raw
}

fn good() -> Vec<(&'static str, &'static str)> {
    vec![
        ("id", "BH-001"),
        ("naam", "Buurthuis De Linde"),
        ("soort", "Buurthuis"),
        ("adres", "Lindelaan 4"),
        ("postcode", "3521ab"),
        ("plaats", "Zandwijk"),
        ("wijk", "De Lindenhoek"),
        ("lat", "52,0907"),
        ("lon", "5.1214"),
    ]
}

#[test]
fn a_good_row_becomes_a_place_with_its_text_tidied() {
    let place = check(&row(&good())).expect("valid");
    assert_eq!(place.key, "BH-001");
    assert_eq!(place.kind, PlaceKind::Buurthuis);
    assert_eq!(place.postcode, "3521 AB");
    assert_eq!(place.latitude, 52.0907, "a decimal comma reads as a point");
    assert_eq!(place.longitude, 5.1214);
    assert_eq!(place.description, "");
}

#[test]
fn every_problem_of_a_row_is_reported_at_once() {
    let mut pairs = good();
    pairs.retain(|(h, _)| !matches!(*h, "naam" | "plaats"));
    pairs.push(("soort", "kerk"));
    pairs.push(("postcode", "12"));
    pairs.push(("lat", "noord"));
    pairs.push(("lon", "190"));
    let problems = check(&row(&pairs)).expect_err("invalid");
    assert_eq!(
        problems,
        vec![
            Problem::Missing(Field::Name),
            Problem::Missing(Field::City),
            Problem::UnknownKind("kerk".into()),
            Problem::BadPostcode("12".into()),
            Problem::NotANumber {
                field: Field::Latitude,
                value: "noord".into()
            },
            Problem::OutOfRange {
                field: Field::Longitude,
                value: 190.0
            },
        ]
    );
    let message = problems[2].to_string();
    assert!(
        message.contains("\"kerk\"") && message.contains("buurthuis"),
        "{message}"
    );
}

#[test]
fn not_a_finite_number_is_refused() {
    for text in ["NaN", "inf", "52,1,2", "1e400"] {
        let mut pairs = good();
        pairs.push(("lat", text));
        let problems = check(&row(&pairs)).expect_err(text);
        assert!(
            matches!(
                problems[..],
                [Problem::NotANumber {
                    field: Field::Latitude,
                    ..
                }]
            ),
            "{text}: {problems:?}"
        );
    }
}

#[test]
fn too_long_text_is_refused() {
    let long = "x".repeat(121);
    let mut pairs = good();
    pairs.push(("naam", &long));
    assert_eq!(
        check(&row(&pairs)),
        Err(vec![Problem::TooLong {
            field: Field::Name,
            max: 120
        }])
    );
}

#[test]
fn a_key_used_twice_is_a_problem_of_the_later_row_only() {
    let rows = vec![
        (Position::Line(2), row(&good())),
        (Position::Line(3), row(&good())),
        (Position::Line(4), {
            let mut pairs = good();
            pairs.push(("id", "BH-002"));
            row(&pairs)
        }),
    ];
    let (places, bad) = check_rows(rows);
    assert_eq!(places.len(), 2);
    assert_eq!(
        bad,
        vec![BadRow {
            at: Position::Line(3),
            problems: vec![Problem::DuplicateKey {
                first: Position::Line(2)
            }]
        }]
    );
    assert_eq!(
        bad[0].problems[0].to_string(),
        "id is the same as on line 2"
    );
}

#[test]
fn headers_are_read_in_english_and_dutch_in_any_case() {
    assert_eq!(Field::from_header(" Naam "), Some(Field::Name));
    assert_eq!(Field::from_header("\u{feff}ID"), Some(Field::Key));
    assert_eq!(
        Field::from_header("Neighbourhood"),
        Some(Field::Neighbourhood)
    );
    assert_eq!(Field::from_header("telefoon"), None);
    for field in Field::ALL {
        assert_eq!(Field::from_header(field.name()), Some(field));
    }
}

#[test]
fn slugs_drop_accents_and_punctuation() {
    assert_eq!(slug_of("Café De Hoek"), "cafe-de-hoek");
    assert_eq!(slug_of("  't Trefpunt (zaal 2) "), "t-trefpunt-zaal-2");
    assert_eq!(slug_of("!!!"), "plek");
    let long = slug_of(&"a".repeat(200));
    assert!(crate::model::place::is_valid_slug(&long) && long.len() <= MAX_SLUG_LEN - 6);
}
