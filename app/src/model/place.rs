//! Places, the neighbourhoods they belong to, and the words that describe them.

use super::hours::{OpenStatus, OpeningPeriod};
use crate::i18n::Texts;
use serde::{Deserialize, Serialize};

/// What kind of meeting place this is. The slug is what the URL and the database hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlaceKind {
    Buurthuis,
    Bibliotheek,
    Schoolplein,
    Koffiecorner,
    Park,
    Cafe,
    Gebedshuis,
    Sport,
    Anders,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 9] = [
        PlaceKind::Buurthuis,
        PlaceKind::Bibliotheek,
        PlaceKind::Schoolplein,
        PlaceKind::Koffiecorner,
        PlaceKind::Park,
        PlaceKind::Cafe,
        PlaceKind::Gebedshuis,
        PlaceKind::Sport,
        PlaceKind::Anders,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            PlaceKind::Buurthuis => "buurthuis",
            PlaceKind::Bibliotheek => "bibliotheek",
            PlaceKind::Schoolplein => "schoolplein",
            PlaceKind::Koffiecorner => "koffiecorner",
            PlaceKind::Park => "park",
            PlaceKind::Cafe => "cafe",
            PlaceKind::Gebedshuis => "gebedshuis",
            PlaceKind::Sport => "sport",
            PlaceKind::Anders => "anders",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            PlaceKind::Buurthuis => t.kind_buurthuis,
            PlaceKind::Bibliotheek => t.kind_bibliotheek,
            PlaceKind::Schoolplein => t.kind_schoolplein,
            PlaceKind::Koffiecorner => t.kind_koffiecorner,
            PlaceKind::Park => t.kind_park,
            PlaceKind::Cafe => t.kind_cafe,
            PlaceKind::Gebedshuis => t.kind_gebedshuis,
            PlaceKind::Sport => t.kind_sport,
            PlaceKind::Anders => t.kind_anders,
        }
    }
}

/// What makes a place easier to walk into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Feature {
    StepFree,
    QuietSpace,
    NoPurchaseNeeded,
    HearingLoop,
    ChildrenWelcome,
    AccessibleToilet,
}

impl Feature {
    pub const ALL: [Feature; 6] = [
        Feature::StepFree,
        Feature::QuietSpace,
        Feature::NoPurchaseNeeded,
        Feature::HearingLoop,
        Feature::ChildrenWelcome,
        Feature::AccessibleToilet,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Feature::StepFree => "drempelvrij",
            Feature::QuietSpace => "stille-ruimte",
            Feature::NoPurchaseNeeded => "geen-consumptieplicht",
            Feature::HearingLoop => "ringleiding",
            Feature::ChildrenWelcome => "kinderen-welkom",
            Feature::AccessibleToilet => "toegankelijk-toilet",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.slug() == slug)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Feature::StepFree => t.feature_step_free,
            Feature::QuietSpace => t.feature_quiet_space,
            Feature::NoPurchaseNeeded => t.feature_no_purchase,
            Feature::HearingLoop => t.feature_hearing_loop,
            Feature::ChildrenWelcome => t.feature_children_welcome,
            Feature::AccessibleToilet => t.feature_accessible_toilet,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Neighbourhood {
    pub slug: String,
    pub name: String,
    pub city: String,
    pub description: String,
}

/// A place as it appears in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceSummary {
    pub slug: String,
    pub name: String,
    pub kind: PlaceKind,
    pub neighbourhood_slug: String,
    pub neighbourhood_name: String,
    pub address: String,
    pub features: Vec<Feature>,
    pub status: OpenStatus,
    /// A host switched the light on: come in, until this local time (`HH:MM`).
    pub light_until: Option<String>,
}

impl PlaceSummary {
    /// Open by its hours, or because a host says "come in" now.
    pub fn is_open_now(&self) -> bool {
        self.light_until.is_some() || self.status.is_open()
    }
}

/// The first `shown` of these places, those whose light a host switched on first (someone is
/// there to welcome you), the rest after them, each in the order given.
pub fn lights_first(mut places: Vec<PlaceSummary>, shown: usize) -> Vec<PlaceSummary> {
    places.sort_by_key(|p| p.light_until.is_none());
    places.truncate(shown);
    places
}

/// Everything the place page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceDetail {
    pub summary: PlaceSummary,
    pub description: String,
    pub postcode: String,
    pub city: String,
    pub latitude: f64,
    pub longitude: f64,
    pub hours: Vec<OpeningPeriod>,
    pub hosts: Vec<String>,
    /// The ISO weekday in Amsterdam when this was read, so "today" matches the status.
    pub today: u8,
}

impl PlaceDetail {
    /// A link to the place on OpenStreetMap, zoomed in on the street.
    pub fn osm_url(&self) -> String {
        format!(
            "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=18/{lat:.5}/{lon:.5}",
            lat = self.latitude,
            lon = self.longitude
        )
    }
}

/// The longest slug accepted anywhere; longer input is refused before it reaches the store.
pub const MAX_SLUG_LEN: usize = 80;

/// A slug is lowercase ASCII letters and digits in groups joined by single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_SLUG_LEN
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The four digits of a Dutch postcode at the start of `text` ("3521", "3521AB",
/// "3521 ab"), and the letters if they follow.
pub fn dutch_postcode(text: &str) -> Option<(String, Option<String>)> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = compact.chars().take(4).collect();
    let letters: String = compact.chars().skip(4).collect();
    let digits_ok =
        digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) && !digits.starts_with('0');
    let letters_ok = letters.is_empty()
        || (letters.len() == 2 && letters.chars().all(|c| c.is_ascii_alphabetic()));
    (digits_ok && letters_ok).then(|| {
        (
            digits,
            (!letters.is_empty()).then(|| letters.to_ascii_uppercase()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_and_feature_slugs_round_trip() {
        for kind in PlaceKind::ALL {
            assert_eq!(PlaceKind::from_slug(kind.slug()), Some(kind));
            assert!(is_valid_slug(kind.slug()));
        }
        for feature in Feature::ALL {
            assert_eq!(Feature::from_slug(feature.slug()), Some(feature));
            assert!(is_valid_slug(feature.slug()));
        }
        assert_eq!(PlaceKind::from_slug("Buurthuis"), None);
    }

    #[test]
    fn lit_places_come_first_and_the_order_stays() {
        let place = |name: &str, light: bool| PlaceSummary {
            slug: name.to_lowercase(),
            name: name.into(),
            kind: PlaceKind::Buurthuis,
            neighbourhood_slug: "buurt".into(),
            neighbourhood_name: "Buurt".into(),
            address: String::new(),
            features: Vec::new(),
            status: crate::model::OpenStatus::Open { until: None },
            light_until: light.then(|| "16:00".to_string()),
        };
        let names = |list: Vec<PlaceSummary>| list.into_iter().map(|p| p.name).collect::<Vec<_>>();
        let open = vec![
            place("Anker", false),
            place("Bieb", true),
            place("Café", false),
            place("Dorpshuis", false),
            place("Zwembad", true),
        ];
        assert_eq!(
            names(lights_first(open.clone(), 3)),
            vec!["Bieb", "Zwembad", "Anker"]
        );
        assert_eq!(names(lights_first(open, 9)).len(), 5);
    }

    #[test]
    fn slugs() {
        assert!(is_valid_slug("buurthuis-de-linde"));
        assert!(is_valid_slug("plein-2"));
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "a b",
            "ä",
            "../etc",
            "a_b",
            &"a".repeat(81),
        ] {
            assert!(!is_valid_slug(bad), "{bad:?} should be refused");
        }
    }
}
