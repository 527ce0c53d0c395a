//! Password resets: codes handed over in person and links sent by e-mail, kept only as a
//! SHA-256 hash; the people a code can be made for; and using a code, which sets the new
//! password and ends every session of the account in one transaction.

use super::Db;
use crate::model::reset::{
    CodeState, CODE_VALID_SECONDS, MAIL_LINK_VALID_SECONDS, RESET_ALPHABET, RESET_CODE_LEN,
};
use crate::token::{new_token, token_hash};
use rand::Rng;
use sqlx::FromRow;

/// A new code from the operating system's random source: eight characters of 32, 40 bits.
pub fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..RESET_CODE_LEN)
        .map(|_| char::from(RESET_ALPHABET[rng.gen_range(0..RESET_ALPHABET.len())]))
        .collect()
}

/// Keeps the hash of a new code or link for the account, replacing the one of the same kind
/// it had; `Ok(false)` when the hash is taken (another account's code, by a tiny chance).
async fn keep(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    user_id: i64,
    kind: &str,
    hash: &str,
    made_by: Option<i64>,
    now: i64,
    expires_at: i64,
) -> Result<bool, sqlx::Error> {
    let kept = sqlx::query(
        "INSERT INTO password_resets (user_id, kind, code_hash, made_by, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (user_id, kind) DO UPDATE SET code_hash = excluded.code_hash,
             made_by = excluded.made_by, created_at = excluded.created_at,
             expires_at = excluded.expires_at, used_at = NULL",
    )
    .bind(user_id)
    .bind(kind)
    .bind(hash)
    .bind(made_by)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await;
    match kept {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e),
    }
}

/// A new reset code for the account, valid [`CODE_VALID_SECONDS`]; an older code of the
/// account stops working. The moderation log records who made it, for whom and when, in the
/// same transaction; the code itself is returned once and kept nowhere.
pub async fn make_code(
    db: &Db,
    user_id: i64,
    made_by: i64,
    now: i64,
) -> Result<String, sqlx::Error> {
    loop {
        let code = new_code();
        let mut tx = db.begin_write().await?;
        let expires_at = now + CODE_VALID_SECONDS;
        if !keep(
            &mut tx,
            user_id,
            "code",
            &token_hash(&code),
            Some(made_by),
            now,
            expires_at,
        )
        .await?
        {
            continue;
        }
        sqlx::query(
            "INSERT INTO moderation_log (moderator_id, action, user_id, created_at)
             VALUES (?, 'reset_code', ?, ?)",
        )
        .bind(made_by)
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(code);
    }
}

/// A new link token for the account, valid [`MAIL_LINK_VALID_SECONDS`]; an older link of
/// the account stops working.
pub async fn make_mail_token(db: &Db, user_id: i64, now: i64) -> Result<String, sqlx::Error> {
    loop {
        let token = new_token();
        let mut tx = db.begin_write().await?;
        let expires_at = now + MAIL_LINK_VALID_SECONDS;
        if keep(
            &mut tx,
            user_id,
            "mail",
            &token_hash(&token),
            None,
            now,
            expires_at,
        )
        .await?
        {
            tx.commit().await?;
            return Ok(token);
        }
    }
}

#[derive(FromRow)]
struct StateRow {
    user_id: i64,
    expires_at: i64,
    used_at: Option<i64>,
    deleted: bool,
    suspended: bool,
}

/// How the code or link with this text stands (`kind` 'code' or 'mail').
pub async fn state(db: &Db, kind: &str, secret: &str, now: i64) -> Result<CodeState, sqlx::Error> {
    let row: Option<StateRow> = sqlx::query_as(
        "SELECT r.user_id, r.expires_at, r.used_at, u.deleted_at IS NOT NULL AS deleted,
                u.suspended
         FROM password_resets r JOIN users u ON u.id = r.user_id
         WHERE r.code_hash = ? AND r.kind = ?",
    )
    .bind(token_hash(secret))
    .bind(kind)
    .fetch_optional(&db.read)
    .await?;
    Ok(row.map_or(CodeState::Unknown, |row| {
        CodeState::of(
            row.user_id,
            row.expires_at,
            row.used_at,
            row.deleted,
            row.suspended,
            now,
        )
    }))
}

/// Uses the code or link: sets the new password, ends every session and the calendar
/// address of the account, and uses up any other code or link it had, in one transaction.
/// `None` when it can no longer be used (another request used it first, it expired, or the
/// account was suspended or deleted meanwhile); nothing changes then.
pub async fn redeem(
    db: &Db,
    kind: &str,
    secret: &str,
    password_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let user_id: Option<i64> = sqlx::query_scalar(
        "UPDATE password_resets SET used_at = ?1
         WHERE code_hash = ?2 AND kind = ?3 AND used_at IS NULL AND expires_at > ?1
           AND user_id IN (SELECT id FROM users WHERE deleted_at IS NULL AND suspended = 0)
         RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash(secret))
    .bind(kind)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    super::accounts::end_all_sessions(&mut tx, user_id).await?;
    sqlx::query("UPDATE password_resets SET used_at = ?1 WHERE user_id = ?2 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(user_id))
}

/// The account a still usable code belongs to, when `made_by` made it: its username,
/// display name and when the code stops working. For the slip its maker prints.
pub async fn slip(
    db: &Db,
    code: &str,
    made_by: i64,
    now: i64,
) -> Result<Option<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.username, u.display_name, r.expires_at
         FROM password_resets r JOIN users u ON u.id = r.user_id
         WHERE r.code_hash = ? AND r.kind = 'code' AND r.made_by = ? AND r.used_at IS NULL
           AND r.expires_at > ? AND u.deleted_at IS NULL",
    )
    .bind(token_hash(code))
    .bind(made_by)
    .bind(now)
    .fetch_optional(&db.read)
    .await
}

/// An account as a code's maker sees it: who it is and what it is.
#[derive(Clone, Debug, FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub is_moderator: bool,
    pub is_admin: bool,
    pub is_editor: bool,
    pub suspended: bool,
    pub deleted: bool,
    /// Hosts at least one place.
    pub hosts: bool,
}

const PERSON_COLUMNS: &str = "u.id, u.username, u.display_name, u.is_moderator, u.is_admin,
    u.is_editor, u.suspended, u.deleted_at IS NOT NULL AS deleted,
    EXISTS (SELECT 1 FROM place_hosts h WHERE h.user_id = u.id) AS hosts";

/// The account with this username (any case), deleted ones too.
pub async fn person(db: &Db, username: &str) -> Result<Option<PersonRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM users u WHERE u.username = ?"
    ))
    .bind(username)
    .fetch_optional(&db.read)
    .await
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Accounts (not deleted) whose username or display name holds `text`, an exact username
/// first, then by name; at most `limit`, and whether there were more.
pub async fn find_people(
    db: &Db,
    text: &str,
    limit: usize,
) -> Result<(Vec<PersonRow>, bool), sqlx::Error> {
    let pattern = format!("%{}%", like_escaped(text));
    let mut rows: Vec<PersonRow> = sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM users u
         WHERE u.deleted_at IS NULL
           AND (u.username = ?1 OR u.username LIKE ?2 ESCAPE '\\'
                OR u.display_name LIKE ?2 ESCAPE '\\')
         ORDER BY u.username = ?1 DESC, u.display_name COLLATE NOCASE, u.username
         LIMIT ?3"
    ))
    .bind(text)
    .bind(pattern)
    .bind(super::sql_count(limit + 1))
    .fetch_all(&db.read)
    .await?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    Ok((rows, more))
}

/// An account that may ask for a link by e-mail, by its username or its e-mail address (any
/// case): not deleted, not suspended, with an address. Its id, username and address.
pub async fn mail_account(
    db: &Db,
    who: &str,
) -> Result<Option<(i64, String, String)>, sqlx::Error> {
    let by_name: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT id, username, email FROM users
         WHERE username = ? AND email IS NOT NULL AND deleted_at IS NULL AND suspended = 0",
    )
    .bind(who)
    .fetch_optional(&db.read)
    .await?;
    if by_name.is_some() {
        return Ok(by_name);
    }
    // Two accounts may share an address (a family): the link goes to the oldest.
    sqlx::query_as(
        "SELECT id, username, email FROM users
         WHERE lower(email) = lower(?) AND email IS NOT NULL AND deleted_at IS NULL
           AND suspended = 0
         ORDER BY id LIMIT 1",
    )
    .bind(who)
    .fetch_optional(&db.read)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_random_and_typeable() {
        let a = new_code();
        assert_eq!(a.len(), RESET_CODE_LEN);
        assert!(a.bytes().all(|b| RESET_ALPHABET.contains(&b)), "{a}");
        assert_eq!(crate::model::reset::reset_code(&a), Ok(a.clone()));
        let many: std::collections::HashSet<String> = (0..200).map(|_| new_code()).collect();
        assert_eq!(many.len(), 200);
    }

    #[test]
    fn like_patterns_match_literally() {
        assert_eq!(like_escaped("50%_a\\b"), "50\\%\\_a\\\\b");
        assert_eq!(like_escaped("anna"), "anna");
    }
}
