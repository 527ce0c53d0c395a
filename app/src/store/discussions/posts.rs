//! Posts: writing one (a reply checks the thread inside the write), editing, deleting and
//! reporting.

use super::touch_thread;
use crate::model::discussion::PostStatus;
use crate::store::Db;

#[derive(Clone, Copy, Debug)]
pub enum Author<'a> {
    Account(i64),
    Guest(&'a str),
}

pub struct NewPost<'a> {
    pub author: Author<'a>,
    pub source: &'a str,
    pub html: &'a str,
    pub status: PostStatus,
}

#[derive(Debug, PartialEq, Eq)]
pub enum ReplyRefused {
    NoSuchThread,
    Locked,
    /// The parent is not a top-level post of this thread (replies are one level deep).
    BadParent,
}

pub(super) async fn insert_post(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    thread_id: i64,
    parent_id: Option<i64>,
    opening: bool,
    post: &NewPost<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (author_id, guest_name) = match post.author {
        Author::Account(id) => (Some(id), None),
        Author::Guest(name) => (None, Some(name)),
    };
    sqlx::query_scalar(
        "INSERT INTO posts (thread_id, parent_id, is_opening, author_id, guest_name, body_source,
                            body_html, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(thread_id)
    .bind(parent_id)
    .bind(opening)
    .bind(author_id)
    .bind(guest_name)
    .bind(post.source)
    .bind(post.html)
    .bind(post.status.as_str())
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Adds a post to a thread, checking inside the write transaction that the thread is still
/// open, so a lock and a reply racing each other cannot both win.
pub async fn reply(
    db: &Db,
    thread_id: i64,
    parent_id: Option<i64>,
    post: &NewPost<'_>,
    allow_locked: bool,
    now: i64,
) -> Result<Result<i64, ReplyRefused>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let locked: Option<bool> = sqlx::query_scalar("SELECT locked FROM threads WHERE id = ?")
        .bind(thread_id)
        .fetch_optional(&mut *tx)
        .await?;
    match locked {
        None => return Ok(Err(ReplyRefused::NoSuchThread)),
        Some(true) if !allow_locked => return Ok(Err(ReplyRefused::Locked)),
        Some(_) => {}
    }
    if let Some(parent) = parent_id {
        let fits: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM posts WHERE id = ? AND thread_id = ? AND parent_id IS NULL",
        )
        .bind(parent)
        .bind(thread_id)
        .fetch_optional(&mut *tx)
        .await?;
        if fits.is_none() {
            return Ok(Err(ReplyRefused::BadParent));
        }
    }
    let post_id = insert_post(&mut tx, thread_id, parent_id, false, post, now).await?;
    if post.status == PostStatus::Visible {
        touch_thread(&mut tx, thread_id, now).await?;
    }
    tx.commit().await?;
    Ok(Ok(post_id))
}

/// Changes a post's text; `back_to_queue` makes a visible post wait for a moderator again
/// (its author is still on hold, so the new text has not been seen).
pub async fn edit_post(
    db: &Db,
    post_id: i64,
    source: &str,
    html: &str,
    back_to_queue: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE posts SET body_source = ?, body_html = ?, edited_at = ?,
                status = CASE WHEN ? THEN 'pending' ELSE status END
         WHERE id = ? AND status IN ('visible', 'pending')",
    )
    .bind(source)
    .bind(html)
    .bind(now)
    .bind(back_to_queue)
    .bind(post_id)
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Removes the text of a post for good; its place in the thread stays, so replies keep
/// their context.
pub async fn delete_post(db: &Db, post_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE posts SET status = 'deleted', body_source = '', body_html = '' WHERE id = ?",
    )
    .bind(post_id)
    .execute(&db.write)
    .await?;
    Ok(())
}

pub async fn report(
    db: &Db,
    post_id: i64,
    reporter_id: i64,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO reports (post_id, reporter_id, reason, created_at) VALUES (?, ?, ?, ?)",
    )
    .bind(post_id)
    .bind(reporter_id)
    .bind(reason)
    .bind(now)
    .execute(&db.write)
    .await?;
    Ok(())
}
