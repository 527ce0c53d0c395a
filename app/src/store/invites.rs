//! Invite codes that hosts hand out at their place.

use super::Db;
use crate::model::discussion::Moment;
use crate::model::{
    account::{INVITE_ALPHABET, INVITE_LEN},
    invite::Invite,
};
use rand::Rng;
use sqlx::FromRow;

fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..INVITE_LEN)
        .map(|_| char::from(INVITE_ALPHABET[rng.gen_range(0..INVITE_ALPHABET.len())]))
        .collect()
}

/// What a host allows a code: how many sign-ups, and until when (Unix seconds, exclusive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InviteLimits {
    pub max_uses: Option<u32>,
    pub expires_at: Option<i64>,
}

/// A new code for the place; tries again on the (tiny) chance of a collision.
pub async fn create(
    db: &Db,
    place_id: i64,
    created_by: i64,
    limits: InviteLimits,
    now: i64,
) -> Result<String, sqlx::Error> {
    loop {
        let code = new_code();
        let inserted = sqlx::query(
            "INSERT INTO invites (code, place_id, created_by, created_at, max_uses, expires_at)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&code)
        .bind(place_id)
        .bind(created_by)
        .bind(now)
        .bind(limits.max_uses)
        .bind(limits.expires_at)
        .execute(&db.write)
        .await;
        match inserted {
            Ok(_) => return Ok(code),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => continue,
            Err(e) => return Err(e),
        }
    }
}

/// A code as stored, with its place.
#[derive(FromRow)]
struct InviteRow {
    code: String,
    uses: i64,
    max_uses: Option<i64>,
    expires_at: Option<i64>,
    created_at: i64,
    place_id: i64,
    slug: String,
    name: String,
}

impl InviteRow {
    fn into_invite(self, now: i64) -> Invite {
        let usable = self.max_uses.is_none_or(|max| self.uses < max)
            && self.expires_at.is_none_or(|at| at > now);
        Invite {
            code: self.code,
            uses: self.uses,
            max_uses: self.max_uses,
            // The code stops at the start of the day after its last day.
            last_day: self.expires_at.map(|at| Moment::day_label(at - 1)),
            usable,
            created: Moment::at(self.created_at),
            place_id: self.place_id,
            place_slug: self.slug,
            place_name: self.name,
        }
    }
}

/// The codes of the given places, newest first.
pub async fn for_places(db: &Db, place_ids: &[i64], now: i64) -> Result<Vec<Invite>, sqlx::Error> {
    let ids = super::ids_json(place_ids);
    let rows: Vec<InviteRow> = sqlx::query_as(
        "SELECT i.code, i.uses, i.max_uses, i.expires_at, i.created_at,
                p.id AS place_id, p.slug, p.name
         FROM invites i JOIN places p ON p.id = i.place_id
         WHERE i.place_id IN (SELECT value FROM json_each(?))
         ORDER BY i.created_at DESC, i.code LIMIT 100",
    )
    .bind(ids)
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(|row| row.into_invite(now)).collect())
}

/// The place a still usable invite code belongs to, for the sign-up page.
pub async fn place_of(db: &Db, code: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT p.name FROM invites i JOIN places p ON p.id = i.place_id
         WHERE i.code = ? AND (i.max_uses IS NULL OR i.uses < i.max_uses)
           AND (i.expires_at IS NULL OR i.expires_at > ?)",
    )
    .bind(code)
    .bind(now)
    .fetch_optional(&db.read)
    .await
}
