//! A place's guest book: reactions written without an account, and reading them.

use super::posts::{insert_post, NewPost};
use super::{PostRow, POST_COLUMNS};
use crate::model::{account::Viewer, discussion::Post};
use crate::store::Db;

#[derive(Debug, PartialEq, Eq)]
pub enum ReactionRefused {
    NoSuchPlace,
    /// The form's anti-spam token was used before: every form is good for one reaction.
    TokenUsed,
}

/// The place's guest book thread, made when its first reaction arrives. The form token
/// `token_id` is spent in the same write, so a replayed form adds nothing; spent tokens are
/// forgotten once older than `forget_before`, when they would have expired anyway.
pub async fn add_reaction(
    db: &Db,
    place_id: i64,
    title: &str,
    post: &NewPost<'_>,
    token_id: &str,
    forget_before: i64,
    now: i64,
) -> Result<Result<(i64, i64), ReactionRefused>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM used_form_tokens WHERE used_at < ?")
        .bind(forget_before)
        .execute(&mut *tx)
        .await?;
    let fresh = sqlx::query(
        "INSERT INTO used_form_tokens (nonce, used_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(token_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !fresh {
        return Ok(Err(ReactionRefused::TokenUsed));
    }
    let Some(neighbourhood_id): Option<i64> =
        sqlx::query_scalar("SELECT neighbourhood_id FROM places WHERE id = ?")
            .bind(place_id)
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(Err(ReactionRefused::NoSuchPlace));
    };
    let thread_id: i64 = sqlx::query_scalar(
        "INSERT INTO threads (kind, place_id, neighbourhood_id, title, created_at, last_post_at)
         VALUES ('reactions', ?, ?, ?, ?, ?)
         ON CONFLICT (place_id) WHERE kind = 'reactions' DO UPDATE SET place_id = excluded.place_id
         RETURNING id",
    )
    .bind(place_id)
    .bind(neighbourhood_id)
    .bind(title)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let post_id = insert_post(&mut tx, thread_id, None, false, post, now).await?;
    tx.commit().await?;
    Ok(Ok((thread_id, post_id)))
}

/// The place's reactions written without an account, newest first, as `viewer` sees them.
pub async fn reactions(
    db: &Db,
    place_id: i64,
    viewer: Option<&Viewer>,
    now: i64,
) -> Result<Vec<Post>, sqlx::Error> {
    let rows = sqlx::query_as::<_, PostRow>(&format!(
        "SELECT {POST_COLUMNS} FROM threads t JOIN posts p ON p.thread_id = t.id
         LEFT JOIN users u ON u.id = p.author_id
         WHERE t.place_id = ? AND t.kind = 'reactions' AND p.status = 'visible'
         ORDER BY p.id DESC LIMIT 50"
    ))
    .bind(place_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| row.into_post(viewer, now))
        .collect())
}
