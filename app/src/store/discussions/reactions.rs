//! A place's guest book and an article's reactions: writing and reading them.

use super::posts::{insert_post, NewPost};
use super::{PostRow, POST_COLUMNS};
use crate::model::{account::Viewer, discussion::Post};
use crate::store::Db;

#[derive(Debug, PartialEq, Eq)]
pub enum ReactionRefused {
    NoSuchPlace,
    NoSuchArticle,
    /// The form's anti-spam token was used before: every form is good for one reaction.
    TokenUsed,
}

/// The place's guest book thread, made when its first reaction arrives. The form token
/// `token_id` is spent in the same write, so a replayed form adds nothing.
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
    if !spend_token(&mut tx, token_id, forget_before, now).await? {
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

/// Marks an anti-spam form token used; `false` when it was used before. Spent tokens are
/// forgotten once older than `forget_before`, when they would have expired anyway.
async fn spend_token(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    token_id: &str,
    forget_before: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM used_form_tokens WHERE used_at < ?")
        .bind(forget_before)
        .execute(&mut **tx)
        .await?;
    Ok(sqlx::query(
        "INSERT INTO used_form_tokens (nonce, used_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(token_id)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// A reaction on an article, in the article's own thread, made with its first reaction. A
/// guest's form token (`Some`) is spent in the same write; a resident's post has none.
pub async fn add_article_reaction(
    db: &Db,
    article_id: i64,
    title: &str,
    post: &NewPost<'_>,
    token: Option<(&str, i64)>,
    now: i64,
) -> Result<Result<(i64, i64), ReactionRefused>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if let Some((token_id, forget_before)) = token {
        if !spend_token(&mut tx, token_id, forget_before, now).await? {
            return Ok(Err(ReactionRefused::TokenUsed));
        }
    }
    let thread_id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO threads (kind, article_id, title, created_at, last_post_at)
         SELECT 'article', id, ?, ?, ? FROM articles WHERE id = ?
         ON CONFLICT (article_id) WHERE article_id IS NOT NULL
             DO UPDATE SET article_id = excluded.article_id
         RETURNING id",
    )
    .bind(title)
    .bind(now)
    .bind(now)
    .bind(article_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(thread_id) = thread_id else {
        return Ok(Err(ReactionRefused::NoSuchArticle));
    };
    let post_id = insert_post(&mut tx, thread_id, None, false, post, now).await?;
    if post.status == crate::model::discussion::PostStatus::Visible {
        super::touch_thread(&mut tx, thread_id, now).await?;
    }
    tx.commit().await?;
    Ok(Ok((thread_id, post_id)))
}

/// An article's visible reactions, oldest first, as `viewer` sees them.
pub async fn article_reactions(
    db: &Db,
    article_id: i64,
    viewer: Option<&Viewer>,
    now: i64,
) -> Result<Vec<Post>, sqlx::Error> {
    visible_posts(
        db,
        "t.article_id = ?",
        "p.id LIMIT 200",
        article_id,
        viewer,
        now,
    )
    .await
}

/// The visible posts of the threads `condition` picks (with the one value `id`), in `order`.
async fn visible_posts(
    db: &Db,
    condition: &str,
    order: &str,
    id: i64,
    viewer: Option<&Viewer>,
    now: i64,
) -> Result<Vec<Post>, sqlx::Error> {
    let rows = sqlx::query_as::<_, PostRow>(&format!(
        "SELECT {POST_COLUMNS} FROM threads t JOIN posts p ON p.thread_id = t.id
         LEFT JOIN users u ON u.id = p.author_id
         WHERE {condition} AND p.status = 'visible'
         ORDER BY {order}"
    ))
    .bind(id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| row.into_post(viewer, now))
        .collect())
}

/// The place's reactions written without an account, newest first, as `viewer` sees them.
pub async fn reactions(
    db: &Db,
    place_id: i64,
    viewer: Option<&Viewer>,
    now: i64,
) -> Result<Vec<Post>, sqlx::Error> {
    visible_posts(
        db,
        "t.place_id = ? AND t.kind = 'reactions'",
        "p.id DESC LIMIT 50",
        place_id,
        viewer,
        now,
    )
    .await
}
