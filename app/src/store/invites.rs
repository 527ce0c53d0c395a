//! Invite codes that hosts hand out at their place.

use super::{moment, Db};
use crate::model::{
    account::{INVITE_ALPHABET, INVITE_LEN},
    invite::Invite,
};
use rand::Rng;
use sqlx::Row;

fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..INVITE_LEN)
        .map(|_| char::from(INVITE_ALPHABET[rng.gen_range(0..INVITE_ALPHABET.len())]))
        .collect()
}

/// A new code for the place; tries again on the (tiny) chance of a collision.
pub async fn create(
    db: &Db,
    place_id: i64,
    created_by: i64,
    now: i64,
) -> Result<String, sqlx::Error> {
    loop {
        let code = new_code();
        let inserted = sqlx::query(
            "INSERT INTO invites (code, place_id, created_by, created_at) VALUES (?, ?, ?, ?)",
        )
        .bind(&code)
        .bind(place_id)
        .bind(created_by)
        .bind(now)
        .execute(&db.write)
        .await;
        match inserted {
            Ok(_) => return Ok(code),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => continue,
            Err(e) => return Err(e),
        }
    }
}

/// The codes of the given places, newest first.
pub async fn for_places(db: &Db, place_ids: &[i64]) -> Result<Vec<Invite>, sqlx::Error> {
    let ids = super::places::ids_json(place_ids);
    let rows = sqlx::query(
        "SELECT i.code, i.uses, i.created_at, p.id AS place_id, p.slug, p.name
         FROM invites i JOIN places p ON p.id = i.place_id
         WHERE i.place_id IN (SELECT value FROM json_each(?))
         ORDER BY i.created_at DESC, i.code LIMIT 100",
    )
    .bind(ids)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Invite {
            code: r.get("code"),
            uses: r.get("uses"),
            created: moment(r.get("created_at")),
            place_id: r.get("place_id"),
            place_slug: r.get("slug"),
            place_name: r.get("name"),
        })
        .collect())
}

/// The place an invite code belongs to, for the sign-up page.
pub async fn place_of(db: &Db, code: &str) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.name FROM invites i JOIN places p ON p.id = i.place_id WHERE i.code = ?",
    )
    .bind(code)
    .fetch_optional(&db.read)
    .await?;
    Ok(row.map(|r| r.get("name")))
}
