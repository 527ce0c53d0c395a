//! The demo data: every place valid, slugs unique.

use super::*;
use std::collections::HashSet;

#[test]
fn demo_data_is_varied_and_well_formed() {
    assert!(PLACES.len() >= 12);
    let kinds: HashSet<_> = PLACES.iter().map(|p| p.kind).collect();
    assert!(kinds.len() >= 6, "only {} kinds", kinds.len());
    let slugs: HashSet<_> = PLACES.iter().map(|p| p.slug).collect();
    assert_eq!(slugs.len(), PLACES.len(), "slugs must be unique");
    for place in PLACES {
        assert!(
            crate::model::place::is_valid_slug(place.slug),
            "{}",
            place.slug
        );
        assert!(crate::model::PlaceKind::from_slug(place.kind).is_some());
        for feature in place.features {
            assert!(
                crate::model::Feature::from_slug(feature).is_some(),
                "{feature}"
            );
        }
        for (weekday, opens, closes) in place.hours {
            assert!((1..=7).contains(weekday));
            assert!(minute(opens).is_ok() && minute(closes).is_ok());
        }
    }
    let overnight = PLACES
        .iter()
        .flat_map(|p| p.hours.iter())
        .any(|(_, o, c)| minute(c).unwrap() <= minute(o).unwrap());
    assert!(overnight, "the demo should show a place open past midnight");
}
