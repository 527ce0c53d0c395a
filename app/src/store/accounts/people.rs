//! Finding people by name, for the administrators' role form.

use crate::model::account::PersonChoice;
use crate::store::Db;
use sqlx::FromRow;

#[derive(FromRow)]
struct PersonRow {
    username: String,
    display_name: String,
    is_moderator: bool,
    is_editor: bool,
    hosts: bool,
}

/// Accounts whose username starts with `text` or whose name holds it, an exact username
/// first, then by username; at most `limit`. Deleted accounts are not found.
pub async fn find_people(
    db: &Db,
    text: &str,
    limit: i64,
) -> Result<Vec<PersonChoice>, sqlx::Error> {
    let text = text.trim().trim_start_matches('@');
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let rows: Vec<PersonRow> = sqlx::query_as(
        "SELECT username, display_name, is_moderator, is_editor,
                EXISTS (SELECT 1 FROM place_hosts h WHERE h.user_id = users.id) AS hosts
         FROM users
         WHERE deleted_at IS NULL
           AND (username LIKE ?1 || '%' ESCAPE '\\' OR display_name LIKE '%' || ?1 || '%' ESCAPE '\\')
         ORDER BY username = ?2 COLLATE NOCASE DESC, username
         LIMIT ?3",
    )
    .bind(&escaped)
    .bind(text)
    .bind(limit)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PersonChoice {
            username: r.username,
            display_name: r.display_name,
            moderator: r.is_moderator,
            editor: r.is_editor,
            host: r.hosts,
        })
        .collect())
}
