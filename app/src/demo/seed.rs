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

/// The demo places whose past weeks the insights pages show, with the activity held there.
const HISTORY: [(&str, &str, Option<i64>); 3] = [
    ("buurthuis-de-linde", "Koffieochtend (najaar)", Some(10)),
    ("huiskamer-op-de-hoek", "Samen eten", Some(8)),
    ("bibliotheek-lindenhoek", "Taalcafé", None),
];
/// How many weeks of history, ending last week.
const HISTORY_WEEKS: i64 = 12;
const HISTORY_RESIDENTS: i64 = 40;

/// Twelve past weeks at three demo places, for the insights pages: residents (who cannot
/// log in) signed up, checked in for the first time or again, walked in, waited and
/// cancelled; some came through an invite from the buurthuis. The series ended last week,
/// so no list of what is coming changes. Nothing is added when the history is there.
pub async fn seed_history(db: &Db, today: jiff::civil::Date) -> Result<bool, sqlx::Error> {
    use jiff::ToSpan;
    let done: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE username = 'demo-buur-1'")
            .fetch_optional(&db.read)
            .await?;
    if done.is_some() {
        return Ok(false);
    }
    let bad = |e: jiff::Error| sqlx::Error::Protocol(format!("demo history date: {e}"));
    let start = today.checked_sub((7 * HISTORY_WEEKS).days()).map_err(bad)?;
    let until = start
        .checked_add((7 * (HISTORY_WEEKS - 1)).days())
        .map_err(bad)?;
    let created = 1_790_000_000_i64;
    let mut tx = db.begin_write().await?;
    let mut places = Vec::new();
    for (slug, _, _) in HISTORY {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM places WHERE slug = ?")
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(id) = id else {
            return Ok(false);
        };
        places.push(id);
    }
    let mut residents = Vec::new();
    for n in 1..=HISTORY_RESIDENTS {
        // Every fifth resident signed up with an invite handed out at the buurthuis.
        let met = (n % 5 == 0).then_some(places[0]);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, met_at_place, created_at)
             VALUES (?, ?, '!', ?, ?) RETURNING id",
        )
        .bind(format!("demo-buur-{n}"))
        .bind(format!("Buur {n}"))
        .bind(met)
        .bind(created)
        .fetch_one(&mut *tx)
        .await?;
        residents.push(id);
    }
    for (p, ((_, title, capacity), place)) in HISTORY.iter().zip(&places).enumerate() {
        let activity: i64 = sqlx::query_scalar(
            "INSERT INTO activities (place_id, title, start_date, start_minute, duration_minutes,
                 repeat, repeat_until, capacity, created_at)
             VALUES (?, ?, ?, 600, 90, 'weekly', ?, ?, ?) RETURNING id",
        )
        .bind(place)
        .bind(title)
        .bind(start.to_string())
        .bind(until.to_string())
        .bind(capacity)
        .bind(created)
        .fetch_one(&mut *tx)
        .await?;
        let offset = i64::try_from(p).unwrap_or(0) * 11;
        for week in 0..HISTORY_WEEKS {
            let day = start
                .checked_add((7 * week).days())
                .map_err(bad)?
                .to_string();
            // A regular group that slowly grows, plus a few new faces each week.
            let size = 6 + week / 2 + (week + offset) % 4;
            for k in 0..size {
                let who = residents
                    [usize::try_from((offset + k * 3 + week * 2) % HISTORY_RESIDENTS).unwrap_or(0)];
                let position = k + 1;
                let (status, came) = if (week + k) % 9 == 4 {
                    ("cancelled", false)
                } else if capacity.is_some_and(|c| position > c) {
                    ("waiting", false)
                } else {
                    ("confirmed", (week + k) % 7 != 3)
                };
                sqlx::query(
                    "INSERT OR IGNORE INTO signups (activity_id, occurrence_date, user_id, status,
                         created_at, checked_in_at)
                     VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(activity)
                .bind(&day)
                .bind(who)
                .bind(status)
                .bind(created)
                .bind(came.then_some(created))
                .execute(&mut *tx)
                .await?;
            }
            if (week + offset) % 3 != 0 {
                sqlx::query(
                    "INSERT INTO walk_ins (activity_id, occurrence_date, people, first_visit, created_at)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(activity)
                .bind(&day)
                .bind(1 + (week + offset) % 4)
                .bind(week % 2 == 0)
                .bind(created)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(true)
}
