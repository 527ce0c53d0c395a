//! What authorization needs to know about a thread or a post, an account's approved posts,
//! and the ids of a place or a neighbourhood by slug.

use crate::model::discussion::PostStatus;
use crate::store::Db;
use sqlx::FromRow;

/// What authorization needs to know about a thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadHead {
    pub id: i64,
    pub reactions: bool,
    pub place_id: Option<i64>,
    pub locked: bool,
}

/// What authorization needs to know about a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostMeta {
    pub id: i64,
    pub thread_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub status: PostStatus,
    pub created_at: i64,
}

#[derive(FromRow)]
struct ThreadHeadRow {
    id: i64,
    kind: String,
    place_id: Option<i64>,
    locked: bool,
}

impl From<ThreadHeadRow> for ThreadHead {
    fn from(row: ThreadHeadRow) -> ThreadHead {
        ThreadHead {
            id: row.id,
            reactions: row.kind == "reactions",
            place_id: row.place_id,
            locked: row.locked,
        }
    }
}

pub async fn thread_head(db: &Db, thread_id: i64) -> Result<Option<ThreadHead>, sqlx::Error> {
    let row: Option<ThreadHeadRow> =
        sqlx::query_as("SELECT id, kind, place_id, locked FROM threads WHERE id = ?")
            .bind(thread_id)
            .fetch_optional(&db.read)
            .await?;
    Ok(row.map(ThreadHead::from))
}

#[derive(FromRow)]
struct PostMetaRow {
    id: i64,
    thread_id: i64,
    parent_id: Option<i64>,
    author_id: Option<i64>,
    status: String,
    created_at: i64,
}

impl From<PostMetaRow> for PostMeta {
    fn from(row: PostMetaRow) -> PostMeta {
        PostMeta {
            id: row.id,
            thread_id: row.thread_id,
            parent_id: row.parent_id,
            author_id: row.author_id,
            status: PostStatus::parse(&row.status).unwrap_or(PostStatus::Hidden),
            created_at: row.created_at,
        }
    }
}

pub async fn post_meta(db: &Db, post_id: i64) -> Result<Option<PostMeta>, sqlx::Error> {
    let row: Option<PostMetaRow> = sqlx::query_as(
        "SELECT id, thread_id, parent_id, author_id, status, created_at FROM posts WHERE id = ?",
    )
    .bind(post_id)
    .fetch_optional(&db.read)
    .await?;
    Ok(row.map(PostMeta::from))
}

/// Posts of this account that a moderator approved, or that are visible (went through
/// once the account was trusted, or were restored by a moderator). A post its author
/// deleted or a moderator hid without approving it first does not count.
pub async fn approved_count(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM posts p WHERE p.author_id = ?
           AND (p.status = 'visible' OR EXISTS (SELECT 1 FROM moderation_log l
                WHERE l.post_id = p.id AND l.action = 'approve'))",
    )
    .bind(user_id)
    .fetch_one(&db.read)
    .await
}

/// A place's id and its neighbourhood's, by slug.
pub async fn place_ids(db: &Db, slug: &str) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT id, neighbourhood_id FROM places WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&db.read)
        .await
}

/// A place's id and name, by slug.
pub async fn place_named(db: &Db, slug: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM places WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&db.read)
        .await
}

/// A neighbourhood's id and name, by slug.
pub async fn neighbourhood_named(
    db: &Db,
    slug: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM neighbourhoods WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&db.read)
        .await
}

pub async fn neighbourhood_id(db: &Db, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM neighbourhoods WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&db.read)
        .await
}
