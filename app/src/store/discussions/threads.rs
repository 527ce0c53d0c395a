//! Threads: starting one, reading its pages as a viewer may see them, and the recent list.

use super::posts::{insert_post, NewPost};
use super::{PostRow, POST_COLUMNS};
use crate::model::discussion::Moment;
use crate::model::{
    account::Viewer,
    discussion::{Post, PostStatus, PostWithReplies, Thread, ThreadSummary, ThreadTopic},
};
use crate::store::Db;
use sqlx::FromRow;

/// Starts a thread with its opening post. Returns (thread id, post id).
pub async fn create_thread(
    db: &Db,
    place_id: Option<i64>,
    neighbourhood_id: i64,
    title: &str,
    author_id: i64,
    post: &NewPost<'_>,
    now: i64,
) -> Result<(i64, i64), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let thread_id: i64 = sqlx::query_scalar(
        "INSERT INTO threads (kind, place_id, neighbourhood_id, title, author_id, created_at, last_post_at)
         VALUES ('discussion', ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(place_id)
    .bind(neighbourhood_id)
    .bind(title)
    .bind(author_id)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let post_id = insert_post(&mut tx, thread_id, None, true, post, now).await?;
    tx.commit().await?;
    Ok((thread_id, post_id))
}

/// Whether `viewer` sees this post at all: pending posts only by their author and moderators.
fn visible_to(post: &Post, viewer: Option<&Viewer>) -> bool {
    post.status != PostStatus::Pending || post.own || viewer.is_some_and(Viewer::moderates)
}

const TOPIC_JOIN: &str = "JOIN neighbourhoods n ON n.id = t.neighbourhood_id
    LEFT JOIN places pl ON pl.id = t.place_id";
/// The columns of [`ThreadTopic`], by the names of its fields.
const TOPIC_COLUMNS: &str = "pl.slug AS place_slug, pl.name AS place_name,
    n.slug AS neighbourhood_slug, n.name AS neighbourhood_name";

/// How many top-level posts (each with its replies) one page of a thread shows.
pub const POSTS_PER_PAGE: usize = 25;

/// Which page of a thread to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageOf {
    /// A page number, from 1 (past the end: the last page).
    Number(usize),
    /// The page that holds this post (a reply: with its top-level post).
    Holding(i64),
}

/// A thread, with what its page count needs for one viewer.
#[derive(FromRow)]
struct PageHeadRow {
    id: i64,
    title: String,
    locked: bool,
    #[sqlx(flatten)]
    topic: ThreadTopic,
    opening_seen: bool,
    /// How many top-level posts the viewer sees.
    tops: u32,
    /// How many of those come before the post asked for.
    before: u32,
}

/// The first page of a thread for `viewer`; `None` if it does not exist or its opening post
/// is not (yet) visible to them.
pub async fn thread(
    db: &Db,
    thread_id: i64,
    viewer: Option<&Viewer>,
    now: i64,
) -> Result<Option<Thread>, sqlx::Error> {
    thread_page(db, thread_id, viewer, now, PageOf::Number(1)).await
}

/// A page of a thread: its top-level posts in order, `POSTS_PER_PAGE` at a time, each with
/// its replies. The pages count the posts `viewer` may see (pending ones only their author
/// and moderators), in SQL, so a long thread reads only the page shown.
pub async fn thread_page(
    db: &Db,
    thread_id: i64,
    viewer: Option<&Viewer>,
    now: i64,
    which: PageOf,
) -> Result<Option<Thread>, sqlx::Error> {
    let viewer_id = viewer.map(|v| v.id).unwrap_or(-1);
    let moderates = viewer.is_some_and(Viewer::moderates);
    let holding = match which {
        PageOf::Holding(post) => Some(post),
        PageOf::Number(_) => None,
    };
    // ?1 the thread, ?2 the viewer's account (or -1), ?3 whether they moderate: the SQL
    // form of `visible_to`.
    const SEEN: &str = "(p.status <> 'pending' OR p.author_id = ?2 OR ?3 = 1)";
    // The thread, whether the viewer sees its opening post, how many top-level posts they
    // see, and (asked for a post) how many of those come before it: one statement.
    let Some(head) = sqlx::query_as::<_, PageHeadRow>(&format!(
        "SELECT t.id, t.title, t.locked, {TOPIC_COLUMNS},
            EXISTS (SELECT 1 FROM posts p WHERE p.thread_id = t.id AND p.parent_id IS NULL
                      AND p.is_opening = 1 AND {SEEN}) AS opening_seen,
            (SELECT count(*) FROM posts p WHERE p.thread_id = t.id AND p.parent_id IS NULL
               AND {SEEN}) AS tops,
            CASE WHEN ?4 IS NULL THEN 0 ELSE
              (SELECT count(*) FROM posts p WHERE p.thread_id = t.id AND p.parent_id IS NULL
                 AND {SEEN}
                 AND p.id < (SELECT coalesce(parent_id, id) FROM posts
                             WHERE id = ?4 AND thread_id = ?1)) END AS before
         FROM threads t {TOPIC_JOIN}
         WHERE t.id = ?1 AND t.kind = 'discussion'"
    ))
    .bind(thread_id)
    .bind(viewer_id)
    .bind(moderates)
    .bind(holding)
    .fetch_optional(&db.read)
    .await?
    else {
        return Ok(None);
    };
    if !head.opening_seen {
        return Ok(None);
    }
    let pages = usize::try_from(head.tops.max(1))
        .unwrap_or(usize::MAX)
        .div_ceil(POSTS_PER_PAGE);
    let page = match which {
        PageOf::Number(n) => n.clamp(1, pages),
        PageOf::Holding(_) => {
            let before = usize::try_from(head.before).unwrap_or(usize::MAX);
            (before / POSTS_PER_PAGE + 1).clamp(1, pages)
        }
    };
    // The page's top-level posts and their replies, in order of writing: a reply always
    // comes after the post it answers. `CROSS JOIN` keeps the page's few posts outside, so
    // their replies are looked up by parent rather than by walking the whole thread.
    let rows = sqlx::query_as::<_, PostRow>(&format!(
        "WITH page AS (
            SELECT p.id FROM posts p WHERE p.thread_id = ?1 AND p.parent_id IS NULL AND {SEEN}
            ORDER BY p.id LIMIT ?4 OFFSET ?5)
         SELECT {POST_COLUMNS} FROM page JOIN posts p ON p.id = page.id
            LEFT JOIN users u ON u.id = p.author_id
         UNION ALL
         SELECT {POST_COLUMNS} FROM page CROSS JOIN posts p ON p.thread_id = ?1 AND p.parent_id = page.id
            LEFT JOIN users u ON u.id = p.author_id
         WHERE {SEEN}
         ORDER BY 1"
    ))
    .bind(thread_id)
    .bind(viewer_id)
    .bind(moderates)
    .bind(i64::try_from(POSTS_PER_PAGE).unwrap_or(i64::MAX))
    .bind(i64::try_from((page - 1) * POSTS_PER_PAGE).unwrap_or(i64::MAX))
    .fetch_all(&db.read)
    .await?;
    let mut posts: Vec<PostWithReplies> = Vec::new();
    for row in rows {
        let post = row.into_post(viewer, now);
        if !visible_to(&post, viewer) {
            continue;
        }
        match post.parent_id {
            None => posts.push(PostWithReplies {
                post,
                replies: Vec::new(),
            }),
            Some(parent) => {
                if let Some(top) = posts.iter_mut().rev().find(|p| p.post.id == parent) {
                    top.replies.push(post);
                }
            }
        }
    }
    Ok(Some(Thread {
        id: head.id,
        title: head.title,
        topic: head.topic,
        locked: head.locked,
        posts,
        page,
        pages,
    }))
}

#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    title: String,
    locked: bool,
    last_post_at: i64,
    #[sqlx(flatten)]
    topic: ThreadTopic,
    author_name: String,
    replies: i64,
}

impl From<SummaryRow> for ThreadSummary {
    fn from(row: SummaryRow) -> ThreadSummary {
        ThreadSummary {
            id: row.id,
            title: row.title,
            topic: row.topic,
            author_name: row.author_name,
            replies: row.replies,
            last_post: Moment::at(row.last_post_at),
            locked: row.locked,
        }
    }
}

/// Recent discussion threads whose opening post is visible, optionally of one place.
pub async fn recent_threads(
    db: &Db,
    place_id: Option<i64>,
    limit: i64,
) -> Result<Vec<ThreadSummary>, sqlx::Error> {
    // Only the condition that applies, so the index for it is used: a place's threads by
    // place, the city's by kind, both newest first.
    let (which, place) = match place_id {
        Some(id) => ("t.place_id = ?", Some(id)),
        None => ("t.kind = 'discussion'", None),
    };
    let query = format!(
        "SELECT t.id, t.title, t.locked, t.last_post_at, {TOPIC_COLUMNS},
                coalesce(u.display_name, '') AS author_name,
                (SELECT count(*) FROM posts r WHERE r.thread_id = t.id AND r.is_opening = 0
                    AND r.status = 'visible') AS replies
         FROM threads t {TOPIC_JOIN}
         JOIN posts op ON op.thread_id = t.id AND op.is_opening = 1 AND op.status = 'visible'
         LEFT JOIN users u ON u.id = t.author_id
         WHERE {which} AND t.kind = 'discussion'
         ORDER BY t.last_post_at DESC, t.id DESC LIMIT ?"
    );
    let mut query = sqlx::query_as::<_, SummaryRow>(&query);
    if let Some(id) = place {
        query = query.bind(id);
    }
    let rows = query.bind(limit).fetch_all(&db.read).await?;
    Ok(rows.into_iter().map(ThreadSummary::from).collect())
}
