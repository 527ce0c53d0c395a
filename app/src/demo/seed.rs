//! Demo data: the fictional neighbourhood De Lindenhoek in Zandwijk. Inserting is idempotent:
//! a place whose slug exists is left as it is, so running the seed again changes nothing.

use super::Db;

struct DemoPlace {
    slug: &'static str,
    name: &'static str,
    kind: &'static str,
    description: &'static str,
    address: &'static str,
    postcode: &'static str,
    latitude: f64,
    longitude: f64,
    /// (ISO weekday, opens, closes) in local time; closes before opens runs past midnight.
    hours: &'static [(u8, &'static str, &'static str)],
    features: &'static [&'static str],
    hosts: &'static [&'static str],
}

const NEIGHBOURHOOD: (&str, &str, &str, &str) = (
    "de-lindenhoek",
    "De Lindenhoek",
    "Zandwijk",
    "Een buurt van rijtjeshuizen, flats en een oud dorpslint, rond het Lindeplein. \
     Bewoners, vrijwilligers en het wijkteam houden hier samen de ontmoetingsplekken open.",
);

const PLACES: &[DemoPlace] = &[
    DemoPlace {
        slug: "buurthuis-de-linde",
        name: "Buurthuis De Linde",
        kind: "buurthuis",
        description: "Het huis van de buurt aan het Lindeplein. Loop binnen voor een kop koffie, \
            de krant of een praatje. Er is altijd iemand die je welkom heet, ook als je voor het \
            eerst komt. Op dinsdagmiddag is er een taalcafé en op vrijdag eten we samen.",
        address: "Lindeplein 4",
        postcode: "3741 AB",
        latitude: 52.17521,
        longitude: 5.28914,
        hours: &[
            (1, "09:00", "22:00"),
            (2, "09:00", "22:00"),
            (3, "09:00", "22:00"),
            (4, "09:00", "22:00"),
            (5, "09:00", "22:00"),
            (6, "10:00", "16:00"),
        ],
        features: &[
            "drempelvrij",
            "geen-consumptieplicht",
            "ringleiding",
            "toegankelijk-toilet",
            "kinderen-welkom",
        ],
        hosts: &["Ans", "Mehmet"],
    },
    DemoPlace {
        slug: "bibliotheek-lindenhoek",
        name: "Bibliotheek Lindenhoek",
        kind: "bibliotheek",
        description: "Boeken lenen, de krant lezen of rustig zitten: dat kan hier zonder pasje. \
            Bij het Digitaal Café helpen vrijwilligers je met je telefoon, DigiD of een formulier. \
            Achterin is een stille leeshoek.",
        address: "Marktstraat 12",
        postcode: "3741 AD",
        latitude: 52.17602,
        longitude: 5.29120,
        hours: &[
            (2, "10:00", "18:00"),
            (3, "10:00", "18:00"),
            (4, "10:00", "20:00"),
            (5, "10:00", "18:00"),
            (6, "10:00", "14:00"),
        ],
        features: &[
            "drempelvrij",
            "stille-ruimte",
            "geen-consumptieplicht",
            "ringleiding",
            "toegankelijk-toilet",
            "kinderen-welkom",
        ],
        hosts: &["Femke"],
    },
    DemoPlace {
        slug: "schoolplein-de-regenboog",
        name: "Schoolplein De Regenboog",
        kind: "schoolplein",
        description: "Na schooltijd is het plein van de buurt. Ouders maken een praatje bij het \
            hek, kinderen spelen en op woensdagmiddag staat er een kraam met limonade en thee.",
        address: "Regenbooglaan 3",
        postcode: "3742 CE",
        latitude: 52.17380,
        longitude: 5.28650,
        hours: &[
            (1, "15:00", "19:00"),
            (2, "15:00", "19:00"),
            (3, "12:30", "19:00"),
            (4, "15:00", "19:00"),
            (5, "15:00", "19:00"),
            (6, "10:00", "17:00"),
        ],
        features: &["drempelvrij", "geen-consumptieplicht", "kinderen-welkom"],
        hosts: &["Sanne"],
    },
    DemoPlace {
        slug: "koffiecorner-buurtsuper",
        name: "Koffiecorner bij de Buurtsuper",
        kind: "koffiecorner",
        description: "Bij de ingang van de supermarkt staan een tafel en zes stoelen. De koffie \
            is gratis en je hoeft niets te kopen. Veel mensen blijven hier even hangen na de \
            boodschappen.",
        address: "Kerkweg 40",
        postcode: "3741 AK",
        latitude: 52.17455,
        longitude: 5.29302,
        hours: &[
            (1, "08:00", "20:00"),
            (2, "08:00", "20:00"),
            (3, "08:00", "20:00"),
            (4, "08:00", "20:00"),
            (5, "08:00", "21:00"),
            (6, "08:00", "20:00"),
            (7, "12:00", "18:00"),
        ],
        features: &["drempelvrij", "geen-consumptieplicht"],
        hosts: &["Gerrit"],
    },
    DemoPlace {
        slug: "park-de-vijverhof",
        name: "Park De Vijverhof",
        kind: "park",
        description: "Het park met de vijver, de bankjes onder de lindes en de jeu-de-boulesbaan. \
            Op zonnige middagen wordt er gebouled; iedereen mag meedoen.",
        address: "Vijverlaan",
        postcode: "3742 CA",
        latitude: 52.17290,
        longitude: 5.29010,
        hours: &[
            (1, "07:00", "23:00"),
            (2, "07:00", "23:00"),
            (3, "07:00", "23:00"),
            (4, "07:00", "23:00"),
            (5, "07:00", "23:00"),
            (6, "07:00", "23:00"),
            (7, "07:00", "23:00"),
        ],
        features: &["geen-consumptieplicht", "kinderen-welkom"],
        hosts: &[],
    },
    DemoPlace {
        slug: "cafe-de-hoek",
        name: "Café De Hoek",
        kind: "cafe",
        description: "Het bruine café op de hoek van de Hoekstraat. Op donderdag is er een \
            muziekquiz, in het weekend blijft de deur tot laat open. Een glas water kost niets.",
        address: "Hoekstraat 1",
        postcode: "3741 AH",
        latitude: 52.17570,
        longitude: 5.29410,
        hours: &[
            (2, "11:00", "24:00"),
            (3, "11:00", "24:00"),
            (4, "11:00", "24:00"),
            (5, "11:00", "02:00"),
            (6, "11:00", "02:00"),
            (7, "12:00", "20:00"),
        ],
        features: &["kinderen-welkom"],
        hosts: &["Kees", "Fatima"],
    },
    DemoPlace {
        slug: "moskee-al-amal-theehuis",
        name: "Theehuis van Moskee Al Amal",
        kind: "gebedshuis",
        description: "In het theehuis naast de gebedsruimte is iedereen welkom voor thee en \
            een koekje, gelovig of niet. Op zaterdagmiddag is er huiswerkbegeleiding.",
        address: "Populierenstraat 18",
        postcode: "3742 CK",
        latitude: 52.17205,
        longitude: 5.28780,
        hours: &[
            (1, "12:00", "14:00"),
            (2, "12:00", "14:00"),
            (3, "12:00", "14:00"),
            (4, "12:00", "14:00"),
            (5, "12:00", "14:00"),
            (6, "13:00", "17:00"),
        ],
        features: &["drempelvrij", "geen-consumptieplicht", "kinderen-welkom"],
        hosts: &["Youssef", "Naima"],
    },
    DemoPlace {
        slug: "de-open-kerk",
        name: "De Open Kerk",
        kind: "gebedshuis",
        description: "De oude dorpskerk staat op woensdagochtend open voor koffie en stilte. Je \
            kunt een kaarsje aansteken of gewoon even zitten. Na de zondagsdienst is er koffie \
            voor iedereen.",
        address: "Dorpsstraat 2",
        postcode: "3741 AA",
        latitude: 52.17660,
        longitude: 5.28990,
        hours: &[(3, "10:00", "12:00"), (7, "10:00", "13:00")],
        features: &["stille-ruimte", "geen-consumptieplicht", "ringleiding"],
        hosts: &["Marijke"],
    },
    DemoPlace {
        slug: "sportpark-zandwijk-oost",
        name: "Sportpark Zandwijk-Oost",
        kind: "sport",
        description: "Voetbal, korfbal en het Cruyff Court. In de kantine kun je langs voor \
            koffie; op zaterdagochtend is er walking football voor 60-plussers.",
        address: "Sportlaan 10",
        postcode: "3742 DA",
        latitude: 52.17105,
        longitude: 5.29550,
        hours: &[
            (1, "17:00", "23:00"),
            (2, "17:00", "23:00"),
            (3, "14:00", "23:00"),
            (4, "17:00", "23:00"),
            (5, "17:00", "23:00"),
            (6, "08:00", "18:00"),
        ],
        features: &["toegankelijk-toilet", "kinderen-welkom"],
        hosts: &["Rob"],
    },
    DemoPlace {
        slug: "buurttuin-de-groene-vinger",
        name: "Buurttuin De Groene Vinger",
        kind: "park",
        description: "Een moestuin achter de flats. Schoffelen, oogsten of alleen kijken: \
            handschoenen en gereedschap liggen klaar. Wat we oogsten delen we.",
        address: "Achter Esdoornflat 20",
        postcode: "3742 CG",
        latitude: 52.17340,
        longitude: 5.29240,
        hours: &[(3, "10:00", "16:00"), (6, "10:00", "16:00")],
        features: &["geen-consumptieplicht", "kinderen-welkom"],
        hosts: &["Lotte"],
    },
    DemoPlace {
        slug: "repaircafe-lindenhoek",
        name: "Repaircafé Lindenhoek",
        kind: "anders",
        description: "Kapotte broodrooster, fiets of broek? Samen met een vrijwilliger maak je \
            het zelf. Repareren is gratis, een vrijwillige bijdrage mag.",
        address: "Wijkwerkplaats, Kerkweg 8",
        postcode: "3741 AE",
        latitude: 52.17490,
        longitude: 5.29180,
        hours: &[(6, "10:00", "13:00")],
        features: &["drempelvrij", "geen-consumptieplicht"],
        hosts: &["Henk"],
    },
    DemoPlace {
        slug: "huiskamer-op-de-hoek",
        name: "Huiskamer Op de Hoek",
        kind: "buurthuis",
        description: "Een kleine huiskamer in een benedenwoning, voor wie het buurthuis te druk \
            vindt. Hier mag je anders zijn. Er is altijd soep op vrijdag.",
        address: "Esdoornlaan 41",
        postcode: "3742 CH",
        latitude: 52.17410,
        longitude: 5.28840,
        hours: &[
            (1, "10:00", "15:00"),
            (3, "10:00", "15:00"),
            (5, "10:00", "15:00"),
        ],
        features: &["stille-ruimte", "geen-consumptieplicht"],
        hosts: &["Wilma"],
    },
    DemoPlace {
        slug: "speeltuin-het-kraaiennest",
        name: "Speeltuin Het Kraaiennest",
        kind: "park",
        description: "De speeltuinvereniging houdt de poort open, en in het clubhuis staat de \
            koffie klaar voor ouders en grootouders.",
        address: "Kraaienlaan 7",
        postcode: "3742 CM",
        latitude: 52.17150,
        longitude: 5.28690,
        hours: &[
            (3, "13:00", "18:00"),
            (6, "10:00", "18:00"),
            (7, "10:00", "18:00"),
        ],
        features: &["kinderen-welkom", "toegankelijk-toilet"],
        hosts: &["Priya"],
    },
    DemoPlace {
        slug: "jongerencentrum-de-loods",
        name: "Jongerencentrum De Loods",
        kind: "anders",
        description: "Een plek voor jongeren van 12 tot 23: tafelvoetbal, muziek maken en een \
            jongerenwerker om mee te praten. Op vrijdag en zaterdag tot één uur 's nachts open.",
        address: "Havenweg 3",
        postcode: "3741 BG",
        latitude: 52.17700,
        longitude: 5.29600,
        hours: &[
            (3, "14:00", "21:00"),
            (5, "19:00", "01:00"),
            (6, "19:00", "01:00"),
        ],
        features: &["geen-consumptieplicht"],
        hosts: &["Jamal"],
    },
    DemoPlace {
        slug: "bakkerij-van-dam-koffietafel",
        name: "Koffietafel bij Bakkerij Van Dam",
        kind: "koffiecorner",
        description: "Aan de lange tafel achter in de bakkerij schuif je aan bij de vaste \
            ochtendploeg. Wie jarig is trakteert, wie niets koopt is net zo welkom.",
        address: "Marktstraat 30",
        postcode: "3741 AD",
        latitude: 52.17630,
        longitude: 5.29210,
        hours: &[
            (2, "07:30", "17:00"),
            (3, "07:30", "17:00"),
            (4, "07:30", "17:00"),
            (5, "07:30", "17:00"),
            (6, "07:30", "16:00"),
        ],
        features: &["geen-consumptieplicht"],
        hosts: &["Bram"],
    },
];

fn minute(text: &str) -> Result<i64, sqlx::Error> {
    crate::model::hours::parse_minute(text)
        .map(i64::from)
        .ok_or_else(|| sqlx::Error::Protocol(format!("demo data has a bad time {text:?}")))
}

/// Inserts the demo neighbourhood and its places where they are missing. Returns how many
/// places were added.
pub async fn seed_demo(db: &Db) -> Result<usize, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let (slug, name, city, description) = NEIGHBOURHOOD;
    sqlx::query(
        "INSERT INTO neighbourhoods (slug, name, city, description) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (slug) DO NOTHING",
    )
    .bind(slug)
    .bind(name)
    .bind(city)
    .bind(description)
    .execute(&mut *tx)
    .await?;
    let (neighbourhood_id,): (i64,) =
        sqlx::query_as("SELECT id FROM neighbourhoods WHERE slug = ?1")
            .bind(slug)
            .fetch_one(&mut *tx)
            .await?;
    let mut added = 0;
    for place in PLACES {
        let inserted: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO places (slug, neighbourhood_id, name, kind, description, address,
                                 postcode, city, latitude, longitude)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (slug) DO NOTHING
             RETURNING id",
        )
        .bind(place.slug)
        .bind(neighbourhood_id)
        .bind(place.name)
        .bind(place.kind)
        .bind(place.description)
        .bind(place.address)
        .bind(place.postcode)
        .bind(city)
        .bind(place.latitude)
        .bind(place.longitude)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((place_id,)) = inserted else {
            continue;
        };
        added += 1;
        for (weekday, opens, closes) in place.hours {
            sqlx::query(
                "INSERT INTO opening_hours (place_id, weekday, opens, closes) VALUES (?1, ?2, ?3, ?4)",
            )
            .bind(place_id)
            .bind(i64::from(*weekday))
            .bind(minute(opens)?)
            .bind(minute(closes)?)
            .execute(&mut *tx)
            .await?;
        }
        for feature in place.features {
            sqlx::query("INSERT INTO place_features (place_id, feature) VALUES (?1, ?2)")
                .bind(place_id)
                .bind(feature)
                .execute(&mut *tx)
                .await?;
        }
        for (position, host) in place.hosts.iter().enumerate() {
            sqlx::query(
                "INSERT INTO place_hosts (place_id, display_name, position) VALUES (?1, ?2, ?3)",
            )
            .bind(place_id)
            .bind(host)
            .bind(position as i64)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// The number of demo places, for tests that check the seed.
pub fn demo_place_count() -> usize {
    PLACES.len()
}

#[cfg(test)]
mod tests {
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
}
