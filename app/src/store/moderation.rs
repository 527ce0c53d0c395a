//! The moderation queue, moderators' actions, and the log that records each of them.

use super::{discussions::PostRow, Db};
use crate::model::discussion::Moment;
use crate::model::{
    account::Viewer,
    discussion::{LogEntry, ModAction, ModerationQueue, PostStatus, QueueItem, ReportNote},
};
use sqlx::FromRow;

/// What an action is aimed at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    pub post_id: Option<i64>,
    pub thread_id: Option<i64>,
    pub user_id: Option<i64>,
    pub place_id: Option<i64>,
}

/// What changed, for those who have the thread open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing matched (already handled, or no such post): nothing changed, nothing logged.
    Unchanged,
    Done,
    /// A post became visible in a thread.
    Shown {
        thread_id: i64,
        post_id: i64,
    },
}

/// A post in the queue, with its thread and where its author stands.
#[derive(FromRow)]
struct QueueRow {
    #[sqlx(flatten)]
    post: PostRow,
    thread_id: i64,
    thread_title: String,
    author_suspended: bool,
}

pub async fn queue(db: &Db, viewer: &Viewer, now: i64) -> Result<ModerationQueue, sqlx::Error> {
    const COLUMNS: &str = "p.id, p.parent_id, p.author_id, p.guest_name, p.body_source,
        p.body_html, p.status, p.hidden_reason, p.created_at, p.edited_at, p.is_opening,
        u.display_name AS author_display, u.deleted_at IS NOT NULL AS former_member,
        p.thread_id, t.title AS thread_title, t.kind, coalesce(u.suspended, 0) AS author_suspended";
    let pending = sqlx::query_as::<_, QueueRow>(&format!(
        "SELECT {COLUMNS} FROM posts p JOIN threads t ON t.id = p.thread_id
         LEFT JOIN users u ON u.id = p.author_id
         WHERE p.status = 'pending' ORDER BY p.id LIMIT 200"
    ))
    .fetch_all(&db.read)
    .await?;
    let reported = sqlx::query_as::<_, QueueRow>(&format!(
        "SELECT {COLUMNS} FROM posts p JOIN threads t ON t.id = p.thread_id
         LEFT JOIN users u ON u.id = p.author_id
         WHERE p.id IN (SELECT post_id FROM reports WHERE resolved_at IS NULL)
         ORDER BY p.id LIMIT 200"
    ))
    .fetch_all(&db.read)
    .await?;
    let items = |rows: Vec<QueueRow>| async move {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let author_id = row.post.author_id;
            // Moderators judge what was written, whatever its state.
            let body_html = row.post.body_html.clone();
            let mut post = row.post.into_post(Some(viewer), now);
            post.body_html = body_html;
            let post_id = post.id;
            out.push(QueueItem {
                post,
                thread_id: row.thread_id,
                thread_title: row.thread_title,
                author_id,
                author_suspended: row.author_suspended,
                reports: open_reports(db, post_id).await?,
            });
        }
        Ok::<_, sqlx::Error>(out)
    };
    let pending = items(pending).await?;
    let reported = items(reported).await?;
    Ok(ModerationQueue {
        pending,
        reported,
        may_read_log: false,
        may_grant_roles: false,
    })
}

#[derive(FromRow)]
struct ReportRow {
    id: i64,
    reason: String,
    created_at: i64,
    reporter: String,
}

impl From<ReportRow> for ReportNote {
    fn from(row: ReportRow) -> ReportNote {
        ReportNote {
            id: row.id,
            reason: row.reason,
            reporter_name: row.reporter,
            created: Moment::at(row.created_at),
        }
    }
}

async fn open_reports(db: &Db, post_id: i64) -> Result<Vec<ReportNote>, sqlx::Error> {
    let rows: Vec<ReportRow> = sqlx::query_as(
        "SELECT r.id, r.reason, r.created_at, coalesce(u.display_name, '') AS reporter
         FROM reports r LEFT JOIN users u ON u.id = r.reporter_id
         WHERE r.post_id = ? AND r.resolved_at IS NULL ORDER BY r.id",
    )
    .bind(post_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(ReportNote::from).collect())
}

/// Carries out one moderator action and logs it, in one transaction.
pub async fn apply(
    db: &Db,
    moderator_id: i64,
    action: ModAction,
    subject: Subject,
    reason: &str,
    now: i64,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let post_status = |from: &'static [&'static str], to: PostStatus| {
        let from = from
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "UPDATE posts SET status = '{}', hidden_reason = ? WHERE id = ? AND status IN ({from})
             RETURNING thread_id",
            to.as_str()
        )
    };
    let mut outcome = Outcome::Done;
    let changed = match action {
        ModAction::Approve | ModAction::Restore => {
            let from: &[&str] = if action == ModAction::Approve { &["pending"] } else { &["hidden"] };
            let thread: Option<i64> = sqlx::query_scalar(&post_status(from, PostStatus::Visible))
                .bind(None::<String>)
                .bind(subject.post_id)
                .fetch_optional(&mut *tx)
                .await?;
            if let (Some(thread_id), Some(post_id)) = (thread, subject.post_id) {
                super::discussions::touch_thread(&mut tx, thread_id, now).await?;
                outcome = Outcome::Shown { thread_id, post_id };
            }
            thread.is_some()
        }
        ModAction::Hide => sqlx::query_scalar::<_, i64>(&post_status(&["pending", "visible"], PostStatus::Hidden))
            .bind(reason)
            .bind(subject.post_id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some(),
        ModAction::Delete => sqlx::query(
            "UPDATE posts SET status = 'deleted', body_source = '', body_html = ''
             WHERE id = ? AND status <> 'deleted'",
        )
        .bind(subject.post_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0,
        ModAction::Lock | ModAction::Unlock => sqlx::query("UPDATE threads SET locked = ? WHERE id = ? AND locked <> ?")
            .bind(action == ModAction::Lock)
            .bind(subject.thread_id)
            .bind(action == ModAction::Lock)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0,
        // Who suspended is kept: a moderator may not lift an administrator's suspension.
        ModAction::Suspend => sqlx::query(
            "UPDATE users SET suspended = 1,
                 suspended_by_admin = (SELECT is_admin FROM users WHERE id = ?)
             WHERE id = ? AND suspended = 0",
        )
        .bind(moderator_id)
        .bind(subject.user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0,
        ModAction::Unsuspend => sqlx::query(
            "UPDATE users SET suspended = 0, suspended_by_admin = 0 WHERE id = ? AND suspended = 1",
        )
        .bind(subject.user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0,
        ModAction::MakeModerator => sqlx::query("UPDATE users SET is_moderator = 1 WHERE id = ? AND is_moderator = 0")
            .bind(subject.user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0,
        ModAction::MakeEditor | ModAction::RevokeEditor => sqlx::query("UPDATE users SET is_editor = ?1 WHERE id = ?2 AND is_editor <> ?1")
            .bind(action == ModAction::MakeEditor)
            .bind(subject.user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0,
        ModAction::MakeHost => sqlx::query(
            "INSERT INTO place_hosts (place_id, display_name, position, user_id)
             SELECT ?1, u.display_name,
                    (SELECT coalesce(max(position), 0) + 1 FROM place_hosts WHERE place_id = ?1), u.id
             FROM users u WHERE u.id = ?2
             ON CONFLICT DO NOTHING",
        )
        .bind(subject.place_id)
        .bind(subject.user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0,
        ModAction::DismissReport => true,
        // Made (and logged) with its code in one step by `store::resets::make_code`.
        ModAction::ResetCode => false,
    };
    // Any decision about a post settles its open reports.
    let resolved = match subject.post_id {
        Some(post_id) if matches!(action, ModAction::Hide | ModAction::Delete | ModAction::Approve | ModAction::Restore | ModAction::DismissReport) => {
            sqlx::query("UPDATE reports SET resolved_at = ?, resolved_by = ? WHERE post_id = ? AND resolved_at IS NULL")
                .bind(now)
                .bind(moderator_id)
                .bind(post_id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
        }
        _ => 0,
    };
    if !changed || (action == ModAction::DismissReport && resolved == 0) {
        return Ok(Outcome::Unchanged);
    }
    // A suspended account is logged out everywhere at once, not at its next login.
    if let (ModAction::Suspend, Some(user_id)) = (action, subject.user_id) {
        super::accounts::end_all_sessions(&mut tx, user_id).await?;
    }
    sqlx::query(
        "INSERT INTO moderation_log (moderator_id, action, post_id, thread_id, user_id, place_id, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(moderator_id)
    .bind(action.as_str())
    .bind(subject.post_id)
    .bind(subject.thread_id)
    .bind(subject.user_id)
    .bind(subject.place_id)
    .bind(reason)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// A line of the log, with the names of whom and where it concerns.
#[derive(FromRow)]
struct LogRow {
    id: i64,
    moderator: String,
    action: String,
    post_id: Option<i64>,
    thread_id: Option<i64>,
    user_name: Option<String>,
    place_name: Option<String>,
    place_slug: Option<String>,
    reason: String,
    created_at: i64,
    thread_kind: Option<String>,
    thread_title: Option<String>,
    thread_place_slug: Option<String>,
    article_slug: Option<String>,
}

impl LogRow {
    /// The entry; `None` for an action this version does not know.
    fn into_entry(self) -> Option<LogEntry> {
        use crate::model::discussion::{post_href, thread_href};
        let thread_href = match (self.thread_kind.as_deref(), self.thread_id) {
            (Some(kind), Some(thread)) => thread_href(
                kind,
                thread,
                self.thread_place_slug.as_deref(),
                self.article_slug.as_deref(),
            ),
            _ => None,
        };
        let post_href = match (self.thread_kind.as_deref(), self.thread_id, self.post_id) {
            (Some(kind), Some(thread), Some(post)) => {
                post_href(kind, thread, post, thread_href.as_deref())
            }
            _ => None,
        };
        Some(LogEntry {
            thread_title: self.thread_title,
            thread_href,
            post_href,
            place_href: self.place_slug.map(|slug| format!("/plekken/{slug}")),
            id: self.id,
            moderator_name: self.moderator,
            action: ModAction::parse(&self.action)?,
            post_id: self.post_id,
            thread_id: self.thread_id,
            user_name: self.user_name,
            place_name: self.place_name,
            reason: self.reason,
            created: Moment::at(self.created_at),
        })
    }
}

pub async fn log(db: &Db, limit: i64) -> Result<Vec<LogEntry>, sqlx::Error> {
    let rows: Vec<LogRow> = sqlx::query_as(
        "SELECT l.id, coalesce(m.display_name, '') AS moderator, l.action, l.post_id,
                t.id AS thread_id, u.display_name AS user_name, p.name AS place_name,
                p.slug AS place_slug, l.reason, l.created_at, t.kind AS thread_kind,
                t.title AS thread_title, tp.slug AS thread_place_slug, a.slug AS article_slug
         FROM moderation_log l
         LEFT JOIN users m ON m.id = l.moderator_id
         LEFT JOIN users u ON u.id = l.user_id
         LEFT JOIN places p ON p.id = l.place_id
         LEFT JOIN posts po ON po.id = l.post_id
         LEFT JOIN threads t ON t.id = coalesce(l.thread_id, po.thread_id)
         LEFT JOIN places tp ON tp.id = t.place_id
         LEFT JOIN articles a ON a.id = t.article_id
         ORDER BY l.id DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().filter_map(LogRow::into_entry).collect())
}
