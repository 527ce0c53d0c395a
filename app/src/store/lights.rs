//! The light: a host switches a place "on" until a time; lists and the live stream show it.

use super::{ids_json, Db};
use std::collections::HashMap;

/// Places whose light is on at `now`, with the local time it goes off (`HH:MM`).
pub async fn lights_of(
    db: &Db,
    place_ids: &[i64],
    now: jiff::Timestamp,
) -> Result<HashMap<i64, String>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT place_id, on_until FROM place_lights
         WHERE on_until > ? AND place_id IN (SELECT value FROM json_each(?))",
    )
    .bind(now.as_second())
    .bind(ids_json(place_ids))
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(place_id, on_until)| {
            let until = jiff::Timestamp::from_second(on_until).unwrap_or(now);
            let local = until.to_zoned(crate::model::hours::amsterdam());
            (place_id, local.strftime("%H:%M").to_string())
        })
        .collect())
}

/// Switches a place's light on until `until`, or off (`None`).
pub async fn set_light(
    db: &Db,
    place_id: i64,
    until: Option<i64>,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    match until {
        Some(until) => {
            sqlx::query(
                "INSERT INTO place_lights (place_id, on_until, switched_by, switched_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (place_id) DO UPDATE SET on_until = excluded.on_until,
                     switched_by = excluded.switched_by, switched_at = excluded.switched_at",
            )
            .bind(place_id)
            .bind(until)
            .bind(by)
            .bind(now)
            .execute(&db.write)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM place_lights WHERE place_id = ?")
                .bind(place_id)
                .execute(&db.write)
                .await?;
        }
    }
    Ok(())
}

/// The lights that went off by themselves in `(after, upto]`: each place and its
/// neighbourhood.
pub async fn lights_expired(
    db: &Db,
    after: i64,
    upto: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.place_id, p.neighbourhood_id FROM place_lights l JOIN places p ON p.id = l.place_id
         WHERE l.on_until > ? AND l.on_until <= ?",
    )
        .bind(after)
        .bind(upto)
        .fetch_all(&db.read)
        .await
}
