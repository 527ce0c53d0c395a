use super::*;

#[test]
fn tags_are_lowercase_slugs_without_accents() {
    assert_eq!(normalise_tag("Samen Koken!"), Some("samen-koken".into()));
    assert_eq!(normalise_tag("  Café  "), Some("cafe".into()));
    assert_eq!(normalise_tag("ONTMOETEN"), Some("ontmoeten".into()));
    assert_eq!(normalise_tag("a -- b"), Some("a-b".into()));
    assert_eq!(normalise_tag("<script>"), Some("script".into()));
    assert_eq!(normalise_tag(" !? "), None);
    assert_eq!(normalise_tag(""), None);
    let long = "woord ".repeat(20);
    let tag = normalise_tag(&long).unwrap_or_default();
    assert!(tag.len() <= TAG_MAX && is_valid_tag(&tag), "{tag}");
}

#[test]
fn a_tag_field_is_split_deduplicated_and_capped() {
    assert_eq!(
        tags("Ontmoeten, ontmoeten, Buurthuis , ,"),
        Ok(vec!["ontmoeten".to_string(), "buurthuis".to_string()])
    );
    assert_eq!(tags(""), Ok(vec![]));
    let many = (0..9)
        .map(|i| format!("t{i}"))
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        tags(&many),
        Err(Problem::OutOfRange {
            min: 0,
            max: TAGS_MAX
        })
    );
}

#[test]
fn slugs_come_from_titles_and_are_never_empty() {
    assert_eq!(
        slug_from_title("8 lessen uit Wij in de Wijk"),
        "8-lessen-uit-wij-in-de-wijk"
    );
    assert_eq!(slug_from_title("Één koffie, graag!"), "een-koffie-graag");
    assert_eq!(slug_from_title("???"), "artikel");
    let slug = slug_from_title(&"lange titel ".repeat(20));
    assert!(slug.len() <= 60 && is_valid_slug(&slug), "{slug}");
    assert_eq!(numbered_slug("buurt", 2), "buurt-2");
    assert!(!is_valid_slug("Hoofdletter"));
    assert!(!is_valid_slug("../etc"));
}

#[test]
fn texts_are_checked_and_alt_text_is_required() {
    assert_eq!(title("  Een titel "), Ok("Een titel".into()));
    assert_eq!(title(""), Err(Problem::Required));
    assert_eq!(
        title(&"x".repeat(121)),
        Err(Problem::TooLong { max: TITLE_MAX })
    );
    assert_eq!(lead("regel\nregel"), Ok("regel\nregel".into()));
    assert_eq!(body(""), Err(Problem::Required));
    assert_eq!(cover_alt(" "), Err(Problem::Required));
    assert_eq!(cover_alt("Mensen aan tafel"), Ok("Mensen aan tafel".into()));
}

#[test]
fn place_and_neighbourhood_fields_take_slugs_or_addresses() {
    assert_eq!(
        slugs("buurthuis-de-linde, /plekken/bieb-oost bieb-oost"),
        Ok(vec![
            "buurthuis-de-linde".to_string(),
            "bieb-oost".to_string()
        ])
    );
    assert_eq!(slugs(""), Ok(vec![]));
    assert_eq!(slugs("niet_goed"), Err(Problem::BadCharacters));
}

#[test]
fn only_a_past_publish_time_is_public() {
    assert!(!is_public(None, 100));
    assert!(!is_public(Some(101), 100));
    assert!(is_public(Some(100), 100));
    assert!(is_public(Some(1), 100));
}

#[test]
fn covers_keep_their_proportions() {
    assert_eq!(scaled_height(1600, 900, 640), 360);
    assert_eq!(scaled_height(0, 900, 640), 1);
    assert_eq!(scaled_height(10_000, 1, 640), 1);
    let cover = Cover {
        image_id: 7,
        width: 1600,
        height: 800,
        small_width: 640,
        alt: String::new(),
    };
    assert_eq!(cover.src(640), "/afbeeldingen/7-640.jpg");
    assert_eq!(
        cover.srcset(),
        "/afbeeldingen/7-640.jpg 640w, /afbeeldingen/7-1600.jpg 1600w"
    );
    assert_eq!(cover.small_height(), 320);
    let small = Cover {
        width: 320,
        height: 180,
        small_width: 320,
        ..cover
    };
    assert_eq!(small.srcset(), "/afbeeldingen/7-320.jpg 320w");
}
