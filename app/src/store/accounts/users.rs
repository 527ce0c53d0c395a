//! Users: signing up (with an invite's use counted), credentials and passwords, and the
//! administrator made from the terminal.

use super::sessions::end_all_sessions;
use crate::store::Db;
use crate::token::token_hash;

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub password_hash: &'a str,
    pub invite_code: Option<&'a str>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SignupRefused {
    UsernameTaken,
    UnknownInvite,
    InviteUsedUp,
    InviteExpired,
}

/// Creates the account (and counts the invite's use) in one transaction.
pub async fn create_user(
    db: &Db,
    user: &NewUser<'_>,
    now: i64,
) -> Result<Result<i64, SignupRefused>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let met_at: Option<i64> = match user.invite_code {
        Some(code) => {
            // Checked and counted in one statement, so two sign-ups cannot share the last use.
            let place = sqlx::query_scalar(
                "UPDATE invites SET uses = uses + 1
                 WHERE code = ? AND (max_uses IS NULL OR uses < max_uses)
                   AND (expires_at IS NULL OR expires_at > ?)
                 RETURNING place_id",
            )
            .bind(code)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            match place {
                Some(place) => Some(place),
                None => return Ok(Err(invite_refusal(&mut tx, code, now).await?)),
            }
        }
        None => None,
    };
    let inserted = sqlx::query(
        "INSERT INTO users (username, display_name, email, password_hash, met_at_place, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(user.username)
    .bind(user.display_name)
    .bind(user.email)
    .bind(user.password_hash)
    .bind(met_at)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(done) => {
            tx.commit().await?;
            Ok(Ok(done.last_insert_rowid()))
        }
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Ok(Err(SignupRefused::UsernameTaken))
        }
        Err(e) => Err(e),
    }
}

/// Why a code did not count: unknown, past its end, or used up.
async fn invite_refusal(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    code: &str,
    now: i64,
) -> Result<SignupRefused, sqlx::Error> {
    let expires_at: Option<Option<i64>> =
        sqlx::query_scalar("SELECT expires_at FROM invites WHERE code = ?")
            .bind(code)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(match expires_at {
        None => SignupRefused::UnknownInvite,
        Some(Some(at)) if at <= now => SignupRefused::InviteExpired,
        Some(_) => SignupRefused::InviteUsedUp,
    })
}

/// The id and password hash of an account, by username (any case); a deleted account has
/// none.
pub async fn credentials(db: &Db, username: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, password_hash FROM users WHERE username = ? AND deleted_at IS NULL")
        .bind(username)
        .fetch_optional(&db.read)
        .await
}

pub async fn password_hash(db: &Db, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ? AND deleted_at IS NULL")
        .bind(user_id)
        .fetch_optional(&db.read)
        .await
}

/// Changes the password and ends every other session and the calendar address of the account.
pub async fn set_password(
    db: &Db,
    user_id: i64,
    hash: &str,
    keep_token: Option<&str>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?")
        .bind(user_id)
        .bind(keep_token.map(token_hash).unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    // Whoever copied the calendar address with the old password loses it too.
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Makes an existing account an administrator with the given password, or creates one; for
/// the terminal command. Every session and calendar address the account had ends: whoever
/// signed up under that name before must not keep a browser that is now an administrator's.
pub async fn create_admin(
    db: &Db,
    username: &str,
    display_name: &str,
    hash: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, is_admin, is_moderator, created_at)
         VALUES (?, ?, ?, 1, 1, ?)
         ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,
             is_admin = 1, is_moderator = 1, suspended = 0
         RETURNING id",
    )
    .bind(username)
    .bind(display_name)
    .bind(hash)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    end_all_sessions(&mut tx, id).await?;
    tx.commit().await?;
    Ok(id)
}
