//! Sessions: starting one at login, ending one or all of an account's, and the person a
//! session token belongs to.

use super::viewers::viewer;
use crate::model::account::Viewer;
use crate::store::Db;
use crate::token::{new_token, token_hash, SESSION_DAYS};

/// Starts a session for `user_id` and ends the one the browser had, if any, so a token
/// planted before login is worthless after it. Returns the new token.
pub async fn start_session(
    db: &Db,
    user_id: i64,
    previous_token: Option<&str>,
    now: i64,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    let mut tx = db.begin_write().await?;
    if let Some(previous) = previous_token {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
            .bind(token_hash(previous))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?")
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(now)
    .bind(now + SESSION_DAYS * 24 * 60 * 60)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn end_session(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash(token))
        .execute(&db.write)
        .await?;
    Ok(())
}

/// The person a live session token belongs to.
pub async fn session_viewer(
    db: &Db,
    token: &str,
    now: jiff::Timestamp,
) -> Result<Option<Viewer>, sqlx::Error> {
    let user_id: Option<i64> = sqlx::query_scalar(
        "SELECT u.id FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ?",
    )
    .bind(token_hash(token))
    .bind(now.as_second())
    .fetch_optional(&db.read)
    .await?;
    match user_id {
        Some(user_id) => viewer(db, user_id).await,
        None => Ok(None),
    }
}

/// Ends every session and the calendar address of an account, inside the caller's write
/// transaction: for a new password or role set from the terminal, and for a suspension.
pub async fn end_all_sessions(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
