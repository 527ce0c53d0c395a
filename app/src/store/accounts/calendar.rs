//! The resident's calendar feed address: whether there is one, a new token, and whose feed a
//! token opens.

use crate::store::Db;
use crate::token::{new_token, token_hash};

/// Whether the resident has a calendar feed address (its token is not kept, so it cannot be
/// shown again).
pub async fn has_calendar_feed(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM calendar_feeds WHERE user_id = ?)")
        .bind(user_id)
        .fetch_one(&db.read)
        .await
}

/// A new token for the resident's feed, of which only the hash is kept; the old address, if
/// any, stops working. The token is returned to be shown once.
pub async fn renew_calendar_token(db: &Db, user_id: i64, now: i64) -> Result<String, sqlx::Error> {
    let fresh = new_token();
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE
         SET token_hash = excluded.token_hash, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(token_hash(&fresh))
    .bind(now)
    .execute(&db.write)
    .await?;
    Ok(fresh)
}

/// Whose feed a token opens.
pub async fn calendar_owner(db: &Db, token: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT user_id FROM calendar_feeds WHERE token_hash = ?")
        .bind(token_hash(token))
        .fetch_optional(&db.read)
        .await
}
