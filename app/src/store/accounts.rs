//! Accounts, sessions, hosts and the server's signing key.

use super::Db;
use crate::model::account::{AccountOverview, HostedPlace, Viewer};
use crate::model::permission::Target;
use crate::token::{new_token, token_hash, SESSION_DAYS};
use rand::RngCore;
use sqlx::FromRow;

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

/// The key that signs form tokens, made on first use.
pub async fn server_secret(db: &Db) -> Result<[u8; 32], sqlx::Error> {
    let mut fresh = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    sqlx::query("INSERT OR IGNORE INTO server_secret (id, key) VALUES (1, ?)")
        .bind(&fresh[..])
        .execute(&db.write)
        .await?;
    let key: Vec<u8> = sqlx::query_scalar("SELECT key FROM server_secret WHERE id = 1")
        .fetch_one(&db.write)
        .await?;
    let mut secret = [0u8; 32];
    if key.len() == 32 {
        secret.copy_from_slice(&key);
    }
    Ok(secret)
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

/// The id and password hash of an account, by username (any case).
pub async fn credentials(db: &Db, username: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, password_hash FROM users WHERE username = ?")
        .bind(username)
        .fetch_optional(&db.read)
        .await
}

pub async fn password_hash(db: &Db, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_optional(&db.read)
        .await
}

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

/// An account and its roles, as stored.
#[derive(FromRow)]
struct AccountRow {
    id: i64,
    username: String,
    display_name: String,
    is_moderator: bool,
    is_admin: bool,
    suspended: bool,
}

pub async fn viewer(db: &Db, user_id: i64) -> Result<Option<Viewer>, sqlx::Error> {
    let Some(row) = sqlx::query_as::<_, AccountRow>(
        "SELECT id, username, display_name, is_moderator, is_admin, suspended FROM users WHERE id = ?",
    )
    .bind(user_id)
    .fetch_optional(&db.read)
    .await?
    else {
        return Ok(None);
    };
    let hosted_places =
        sqlx::query_scalar("SELECT place_id FROM place_hosts WHERE user_id = ? ORDER BY place_id")
            .bind(user_id)
            .fetch_all(&db.read)
            .await?;
    Ok(Some(Viewer {
        id: row.id,
        username: row.username,
        display_name: row.display_name,
        moderator: row.is_moderator,
        admin: row.is_admin,
        suspended: row.suspended,
        hosted_places,
    }))
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

/// The account's e-mail address and the place where it was invited, if any.
#[derive(FromRow)]
struct OverviewRow {
    email: Option<String>,
    place_id: Option<i64>,
    slug: Option<String>,
    name: Option<String>,
}

pub async fn overview(db: &Db, user_id: i64) -> Result<Option<AccountOverview>, sqlx::Error> {
    let Some(viewer) = viewer(db, user_id).await? else {
        return Ok(None);
    };
    let row: OverviewRow = sqlx::query_as(
        "SELECT u.email, p.id AS place_id, p.slug, p.name FROM users u
         LEFT JOIN places p ON p.id = u.met_at_place WHERE u.id = ?",
    )
    .bind(user_id)
    .fetch_one(&db.read)
    .await?;
    // The place's slug and name are there whenever its id is: they come from the same row.
    let met_at = match (row.place_id, row.slug, row.name) {
        (Some(id), Some(slug), Some(name)) => Some(HostedPlace { id, slug, name }),
        _ => None,
    };
    Ok(Some(AccountOverview {
        email: row.email,
        met_at,
        hosted: hosted_places(db, user_id).await?,
        viewer,
    }))
}

pub async fn hosted_places(db: &Db, user_id: i64) -> Result<Vec<HostedPlace>, sqlx::Error> {
    // CROSS JOIN keeps the host's few rows as the outer loop: walking every place in name
    // order to find them is what SQLite may otherwise pick to save a small sort.
    sqlx::query_as(
        "SELECT p.id, p.slug, p.name FROM place_hosts h CROSS JOIN places p ON p.id = h.place_id
         WHERE h.user_id = ? ORDER BY p.name COLLATE NOCASE",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await
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

/// Whether an administrator made the account's current suspension.
pub async fn suspended_by_admin(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query_scalar("SELECT suspended_by_admin FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&db.read)
            .await?
            .unwrap_or(false),
    )
}

/// An account's id and roles, by username (any case); for granting roles.
pub async fn find_by_username(db: &Db, username: &str) -> Result<Option<Target>, sqlx::Error> {
    target_where(db, "username = ?", username.to_string()).await
}

/// An account's id and roles, by id; for suspending.
pub async fn target(db: &Db, user_id: i64) -> Result<Option<Target>, sqlx::Error> {
    target_where(db, "id = ?", user_id).await
}

/// An account's id and roles, as stored.
#[derive(FromRow)]
struct TargetRow {
    id: i64,
    is_moderator: bool,
    is_admin: bool,
}

impl From<TargetRow> for Target {
    fn from(row: TargetRow) -> Target {
        Target {
            id: row.id,
            moderator: row.is_moderator,
            admin: row.is_admin,
        }
    }
}

async fn target_where<T>(db: &Db, condition: &str, value: T) -> Result<Option<Target>, sqlx::Error>
where
    T: Send + for<'q> sqlx::Encode<'q, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    let sql = format!("SELECT id, is_moderator, is_admin FROM users WHERE {condition}");
    let row = sqlx::query_as::<_, TargetRow>(&sql)
        .bind(value)
        .fetch_optional(&db.read)
        .await?;
    Ok(row.map(Target::from))
}

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
