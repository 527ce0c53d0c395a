//! Threads and posts: writing, reading for a viewer, and reports.

use super::{moment, Db};
use crate::model::{
    account::Viewer,
    discussion::{Post, PostStatus, PostWithReplies, Thread, ThreadSummary, ThreadTopic},
    permission::EDIT_WINDOW_SECONDS,
};
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

async fn insert_post(
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

pub(super) async fn touch_thread(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    thread_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET last_post_at = max(last_post_at, ?) WHERE id = ?")
        .bind(now)
        .bind(thread_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

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

const POST_COLUMNS: &str = "p.id, p.parent_id, p.author_id, p.guest_name, p.body_source,
    p.body_html, p.status, p.hidden_reason, p.created_at, p.edited_at, p.is_opening,
    u.display_name AS author_display";

/// A post as stored, with its author's name: the columns of [`POST_COLUMNS`].
#[derive(FromRow)]
pub(super) struct PostRow {
    id: i64,
    parent_id: Option<i64>,
    pub(super) author_id: Option<i64>,
    guest_name: Option<String>,
    body_source: String,
    pub(super) body_html: String,
    status: String,
    hidden_reason: Option<String>,
    created_at: i64,
    edited_at: Option<i64>,
    author_display: Option<String>,
}

impl PostRow {
    /// The post as `viewer` may see it: hidden and deleted posts keep only their place.
    pub(super) fn into_post(self, viewer: Option<&Viewer>, now: i64) -> Post {
        let status = PostStatus::parse(&self.status).unwrap_or(PostStatus::Hidden);
        let own = viewer.is_some_and(|v| self.author_id == Some(v.id));
        let shown = matches!(status, PostStatus::Visible | PostStatus::Pending);
        let editable = own
            && shown
            && viewer.is_some_and(|v| !v.suspended)
            && now - self.created_at <= EDIT_WINDOW_SECONDS;
        Post {
            id: self.id,
            parent_id: self.parent_id,
            guest: self.guest_name.is_some() && self.author_id.is_none(),
            author_name: self.author_display.or(self.guest_name).unwrap_or_default(),
            body_html: if shown { self.body_html } else { String::new() },
            status,
            hidden_reason: if status == PostStatus::Hidden {
                self.hidden_reason
            } else {
                None
            },
            created: moment(self.created_at),
            edited: self.edited_at.is_some(),
            own,
            editable_source: editable.then_some(self.body_source),
        }
    }
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
            last_post: moment(row.last_post_at),
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

/// A place's id and its neighbourhood's, by slug.
pub async fn place_ids(db: &Db, slug: &str) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT id, neighbourhood_id FROM places WHERE slug = ?")
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
