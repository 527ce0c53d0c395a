//! Demo data: the fictional neighbourhood De Lindenhoek in Zandwijk. Inserting is idempotent:
//! a place whose slug exists is left as it is, so running the seed again changes nothing.

use super::seed_places::{NEIGHBOURHOOD, PLACES};
use crate::store::Db;

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
#[path = "seed_tests.rs"]
mod tests;
