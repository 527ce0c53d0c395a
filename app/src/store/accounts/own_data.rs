//! A resident's own data: all of it to download, and the account deleted.

use super::sessions::end_all_sessions;
use crate::model::account::{
    KeepPosts, OwnCancellation, OwnData, OwnJoin, OwnPost, OwnProfile, OwnReport,
};
use crate::store::activities::leave_in;
use crate::store::Db;
use sqlx::FromRow;

fn rfc3339(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[derive(FromRow)]
struct ProfileRow {
    username: String,
    display_name: String,
    email: Option<String>,
    created_at: i64,
    is_moderator: bool,
    is_editor: bool,
    is_admin: bool,
    suspended: bool,
    invited_at_place: Option<String>,
}

#[derive(FromRow)]
struct PostRow {
    id: i64,
    thread_id: i64,
    title: String,
    kind: String,
    place_slug: Option<String>,
    article_slug: Option<String>,
    status: String,
    body_source: String,
    created_at: i64,
    edited_at: Option<i64>,
}

#[derive(FromRow)]
struct JoinRow {
    title: String,
    place: String,
    occurrence_date: String,
    status: String,
    created_at: i64,
    checked_in_at: Option<i64>,
}

#[derive(FromRow)]
struct CancellationRow {
    title: String,
    place: String,
    starts_date: String,
    whole_series: bool,
    created_at: i64,
    read_at: Option<i64>,
}

#[derive(FromRow)]
struct ReportRow {
    post_id: i64,
    reason: String,
    created_at: i64,
}

/// Everything held about the account, or `None` when there is no such (live) account.
pub async fn own_data(db: &Db, user_id: i64, now: i64) -> Result<Option<OwnData>, sqlx::Error> {
    let Some(profile) = sqlx::query_as::<_, ProfileRow>(
        "SELECT u.username, u.display_name, u.email, u.created_at, u.is_moderator, u.is_editor, u.is_admin,
                u.suspended, p.name AS invited_at_place
         FROM users u LEFT JOIN places p ON p.id = u.met_at_place
         WHERE u.id = ?1 AND u.deleted_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(&db.read)
    .await?
    else {
        return Ok(None);
    };
    let posts: Vec<PostRow> = sqlx::query_as(
        "SELECT p.id, p.thread_id, t.title, t.kind, pl.slug AS place_slug,
                a.slug AS article_slug, p.status, p.body_source, p.created_at, p.edited_at
         FROM posts p JOIN threads t ON t.id = p.thread_id
         LEFT JOIN places pl ON pl.id = t.place_id
         LEFT JOIN articles a ON a.id = t.article_id
         WHERE p.author_id = ?1 ORDER BY p.id",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await?;
    let joins: Vec<JoinRow> = sqlx::query_as(
        "SELECT a.title, pl.name AS place, s.occurrence_date, s.status, s.created_at,
                s.checked_in_at
         FROM signups s JOIN activities a ON a.id = s.activity_id
         JOIN places pl ON pl.id = a.place_id
         WHERE s.user_id = ?1 ORDER BY s.occurrence_date, s.id",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await?;
    let cancellations: Vec<CancellationRow> = sqlx::query_as(
        "SELECT a.title, pl.name AS place, n.starts_date, n.whole_series, n.created_at, n.read_at
         FROM cancellation_notices n JOIN activities a ON a.id = n.activity_id
         JOIN places pl ON pl.id = a.place_id
         WHERE n.user_id = ?1 ORDER BY n.starts_date, n.id",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await?;
    let reports: Vec<ReportRow> = sqlx::query_as(
        "SELECT post_id, reason, created_at FROM reports WHERE reporter_id = ?1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await?;
    let hosted_places: Vec<String> = sqlx::query_scalar(
        "SELECT p.name FROM place_hosts h JOIN places p ON p.id = h.place_id
         WHERE h.user_id = ?1 ORDER BY p.name",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await?;
    let calendar_feed_since: Option<i64> =
        sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE user_id = ?1")
            .bind(user_id)
            .fetch_optional(&db.read)
            .await?;
    let first_times_together = crate::store::buddies::own_data(db, user_id).await?;
    let active_sessions: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sessions WHERE user_id = ?1 AND expires_at > ?2")
            .bind(user_id)
            .bind(now)
            .fetch_one(&db.read)
            .await?;
    Ok(Some(OwnData {
        profile: OwnProfile {
            username: profile.username,
            display_name: profile.display_name,
            email: profile.email,
            created_at: rfc3339(profile.created_at),
            moderator: profile.is_moderator,
            editor: profile.is_editor,
            administrator: profile.is_admin,
            suspended: profile.suspended,
            invited_at_place: profile.invited_at_place,
        },
        posts: posts
            .into_iter()
            .map(|p| OwnPost {
                id: p.id,
                url: match (p.kind.as_str(), &p.place_slug, &p.article_slug) {
                    ("reactions", Some(slug), _) => format!("/plekken/{slug}"),
                    ("article", _, Some(slug)) => format!("/artikelen/{slug}"),
                    _ => format!("/gesprekken/{}", p.thread_id),
                },
                thread: p.title,
                kind: p.kind,
                status: p.status,
                text: p.body_source,
                created_at: rfc3339(p.created_at),
                edited_at: p.edited_at.map(rfc3339),
            })
            .collect(),
        joins: joins
            .into_iter()
            .map(|j| OwnJoin {
                activity: j.title,
                place: j.place,
                date: j.occurrence_date,
                status: j.status,
                joined_at: rfc3339(j.created_at),
                checked_in_at: j.checked_in_at.map(rfc3339),
            })
            .collect(),
        cancellations: cancellations
            .into_iter()
            .map(|c| OwnCancellation {
                activity: c.title,
                place: c.place,
                date: c.starts_date,
                whole_activity: c.whole_series,
                told_at: rfc3339(c.created_at),
                read_at: c.read_at.map(rfc3339),
            })
            .collect(),
        reports: reports
            .into_iter()
            .map(|r| OwnReport {
                post_id: r.post_id,
                reason: r.reason,
                created_at: rfc3339(r.created_at),
            })
            .collect(),
        first_times_together,
        hosted_places,
        calendar_feed_since: calendar_feed_since.map(rfc3339),
        active_sessions,
    }))
}

/// Deletes an account, in one transaction: every session, the calendar address and any
/// reset code or link end; notices of cancelled dates go;
/// dates still to come are given up (a freed place goes to the waiting list); the person
/// stops hosting; posts keep their text or lose it, as chosen; and the account row is
/// emptied of everything personal. The row itself stays, without name, e-mail or
/// password, so past visits and invites keep counting in the insights, and posts and the
/// moderation log show "former member" where the name was.
pub async fn delete_account(
    db: &Db,
    user_id: i64,
    posts: KeepPosts,
    today: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let coming: Vec<(i64, String, Option<u32>)> = sqlx::query_as(
        "SELECT s.activity_id, s.occurrence_date, a.capacity
         FROM signups s JOIN activities a ON a.id = s.activity_id
         WHERE s.user_id = ?1 AND s.occurrence_date >= ?2 AND s.status <> 'cancelled'",
    )
    .bind(user_id)
    .bind(today)
    .fetch_all(&mut *tx)
    .await?;
    for (activity_id, date, capacity) in coming {
        leave_in(&mut tx, activity_id, &date, capacity, user_id).await?;
    }
    crate::store::buddies::forget_in(&mut tx, user_id).await?;
    if posts == KeepPosts::Remove {
        sqlx::query(
            "UPDATE posts SET status = 'deleted', body_source = '', body_html = ''
             WHERE author_id = ?1",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    }
    end_all_sessions(&mut tx, user_id).await?;
    sqlx::query("DELETE FROM password_resets WHERE user_id = ?1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM cancellation_notices WHERE user_id = ?1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM place_hosts WHERE user_id = ?1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    // '~' cannot be typed into a username, so the freed name cannot clash with a new one.
    sqlx::query(
        "UPDATE users SET username = '~oud-lid-' || id, display_name = 'oud-lid', email = NULL,
                password_hash = '', is_moderator = 0, is_admin = 0, is_editor = 0, suspended = 0,
                suspended_by_admin = 0, deleted_at = ?2
         WHERE id = ?1",
    )
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}
