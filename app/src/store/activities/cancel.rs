//! Cancelling with care: a cancellation and the notices to everyone who joined it happen
//! in one write transaction, so nobody who joined is left out and nobody is told about a
//! cancellation that did not happen. Notices are read on the account page (until marked
//! read) and in the resident's calendar feed.

use crate::model::activity::{
    cancel::{group_notices, NoticeRow},
    schedule::Occurrence,
    series::Series,
    CancelNotice,
};
use crate::store::Db;
use jiff::civil::Date;
use sqlx::FromRow;

/// Everyone who joined (or waits for) the occurrence of `activity_id` on `original`.
const JOINED: &str = "SELECT user_id FROM signups
     WHERE activity_id = ?1 AND occurrence_date = ?2 AND status <> 'cancelled'";

/// Cancels one occurrence and tells everyone who joined it or waits for a place; returns how
/// many were told. A notice the resident had read before (a cancellation taken back and
/// made again) comes back unread.
pub async fn cancel_occurrence(
    db: &Db,
    series: &Series,
    occurrence: &Occurrence,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let original = occurrence.original.to_string();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO occurrence_changes (activity_id, original_date, cancelled, moved_date, moved_minute)
         VALUES (?, ?, 1, NULL, NULL)
         ON CONFLICT (activity_id, original_date) DO UPDATE SET cancelled = 1,
             moved_date = NULL, moved_minute = NULL",
    )
    .bind(series.id)
    .bind(&original)
    .execute(&mut *tx)
    .await?;
    let told = sqlx::query(&format!(
        "INSERT INTO cancellation_notices (user_id, activity_id, occurrence_date, starts_date,
             starts_minute, whole_series, created_at)
         SELECT user_id, ?1, ?2, ?3, ?4, 0, ?5 FROM ({JOINED}) WHERE true
         ON CONFLICT (user_id, activity_id, occurrence_date) DO UPDATE SET
             starts_date = excluded.starts_date, starts_minute = excluded.starts_minute,
             whole_series = 0, created_at = excluded.created_at, read_at = NULL"
    ))
    .bind(series.id)
    .bind(&original)
    .bind(occurrence.date.to_string())
    .bind(occurrence.minute)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(told)
}

/// Cancels a whole series and tells everyone who joined (or waits for) one of its dates from
/// `today` on that still took place: one notice per date, each at its own day and time.
/// Returns how many residents were told.
pub async fn cancel_series(
    db: &Db,
    series: &Series,
    today: Date,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let joined: Vec<(i64, String)> = sqlx::query_as(
        "SELECT user_id, occurrence_date FROM signups
         WHERE activity_id = ? AND occurrence_date >= ? AND status <> 'cancelled'
         ORDER BY occurrence_date, id",
    )
    .bind(series.id)
    .bind(today.to_string())
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query("UPDATE activities SET cancelled = 1 WHERE id = ?")
        .bind(series.id)
        .execute(&mut *tx)
        .await?;
    let mut residents: Vec<i64> = Vec::new();
    for (user, date) in joined {
        // Only dates that were still to take place: one cancelled before was told then.
        let Some(occurrence) =
            crate::model::activity::Day::parse_date(&date).and_then(|d| series.occurrence(d))
        else {
            continue;
        };
        sqlx::query(
            "INSERT INTO cancellation_notices (user_id, activity_id, occurrence_date, starts_date,
                 starts_minute, whole_series, created_at)
             VALUES (?, ?, ?, ?, ?, 1, ?)
             ON CONFLICT (user_id, activity_id, occurrence_date) DO UPDATE SET
                 starts_date = excluded.starts_date, starts_minute = excluded.starts_minute,
                 whole_series = 1, created_at = excluded.created_at, read_at = NULL",
        )
        .bind(user)
        .bind(series.id)
        .bind(&date)
        .bind(occurrence.date.to_string())
        .bind(occurrence.minute)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        residents.push(user);
    }
    tx.commit().await?;
    residents.sort_unstable();
    residents.dedup();
    Ok(residents.len() as u64)
}

/// Takes back a cancellation or a move: the occurrence is as the rule gives it again, and
/// the notices that said it was cancelled are gone (from the account page and the calendar).
pub async fn restore_occurrence(db: &Db, id: i64, original: Date) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM occurrence_changes WHERE activity_id = ? AND original_date = ?")
        .bind(id)
        .bind(original.to_string())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "DELETE FROM cancellation_notices
         WHERE activity_id = ? AND occurrence_date = ? AND whole_series = 0",
    )
    .bind(id)
    .bind(original.to_string())
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// How many residents joined (or wait for) the occurrence on `original`.
pub async fn joined_count(db: &Db, activity_id: i64, original: Date) -> Result<u32, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT count(*) FROM ({JOINED})"))
        .bind(activity_id)
        .bind(original.to_string())
        .fetch_one(&db.read)
        .await
}

/// How many residents joined (or wait for) a date of the series from `today` on that still
/// takes place, each counted once.
pub async fn joined_count_from(db: &Db, series: &Series, today: Date) -> Result<u32, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT user_id, occurrence_date FROM signups
         WHERE activity_id = ? AND occurrence_date >= ? AND status <> 'cancelled'",
    )
    .bind(series.id)
    .bind(today.to_string())
    .fetch_all(&db.read)
    .await?;
    let mut residents: Vec<i64> = rows
        .into_iter()
        .filter(|(_, date)| {
            crate::model::activity::Day::parse_date(date)
                .and_then(|d| series.occurrence(d))
                .is_some()
        })
        .map(|(user, _)| user)
        .collect();
    residents.sort_unstable();
    residents.dedup();
    Ok(u32::try_from(residents.len()).unwrap_or(u32::MAX))
}

/// A stored notice with its activity's title and place.
#[derive(FromRow)]
struct NoticeRecord {
    activity_id: i64,
    title: String,
    place_name: String,
    place_slug: String,
    occurrence_date: String,
    starts_date: String,
    starts_minute: u16,
    whole_series: bool,
}

impl From<NoticeRecord> for NoticeRow {
    fn from(r: NoticeRecord) -> NoticeRow {
        NoticeRow {
            activity_id: r.activity_id,
            title: r.title,
            place_name: r.place_name,
            place_slug: r.place_slug,
            occurrence_date: r.occurrence_date,
            starts_date: r.starts_date,
            starts_minute: r.starts_minute,
            whole_series: r.whole_series,
        }
    }
}

/// The most cancelled dates the account page reads at once; the oldest unread come first.
const NOTICES_READ: i64 = 200;

/// A resident's unread notices, a cancelled series as one, in time order.
pub async fn unread_notices(db: &Db, user_id: i64) -> Result<Vec<CancelNotice>, sqlx::Error> {
    let rows: Vec<NoticeRecord> = sqlx::query_as(
        "SELECT n.activity_id, a.title, p.name AS place_name, p.slug AS place_slug,
                n.occurrence_date, n.starts_date, n.starts_minute, n.whole_series
         FROM cancellation_notices n
         JOIN activities a ON a.id = n.activity_id
         JOIN places p ON p.id = a.place_id
         WHERE n.user_id = ? AND n.read_at IS NULL
         ORDER BY n.starts_date, n.starts_minute, n.activity_id
         LIMIT ?",
    )
    .bind(user_id)
    .bind(NOTICES_READ)
    .fetch_all(&db.read)
    .await?;
    Ok(group_notices(
        rows.into_iter().map(NoticeRow::from).collect(),
    ))
}

/// Marks a notice read: one date's (`original`), or every date of a cancelled series.
pub async fn mark_read(
    db: &Db,
    user_id: i64,
    activity_id: i64,
    original: Option<Date>,
    now: i64,
) -> Result<(), sqlx::Error> {
    match original {
        Some(date) => {
            sqlx::query(
                "UPDATE cancellation_notices SET read_at = ?
                 WHERE user_id = ? AND activity_id = ? AND occurrence_date = ?
                   AND read_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
            .bind(activity_id)
            .bind(date.to_string())
            .execute(&db.write)
            .await?;
        }
        None => {
            sqlx::query(
                "UPDATE cancellation_notices SET read_at = ?
                 WHERE user_id = ? AND activity_id = ? AND whole_series = 1 AND read_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
            .bind(activity_id)
            .execute(&db.write)
            .await?;
        }
    }
    Ok(())
}

/// A cancelled date a resident had joined, for their calendar feed.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct CancelledDate {
    pub activity_id: i64,
    pub title: String,
    pub place_name: String,
    pub place_slug: String,
    /// The date the rule gave: with the activity, the event's identity in the feed.
    pub occurrence_date: String,
    pub starts_date: String,
    pub starts_minute: u16,
    pub duration_minutes: u16,
}

/// The cancelled dates a resident had joined that would have taken place from `from`
/// through `to`, read or not, the first `limit` in time order.
pub async fn cancelled_dates(
    db: &Db,
    user_id: i64,
    from: Date,
    to: Date,
    limit: usize,
) -> Result<Vec<CancelledDate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT n.activity_id, a.title, p.name AS place_name, p.slug AS place_slug,
                n.occurrence_date, n.starts_date, n.starts_minute, a.duration_minutes
         FROM cancellation_notices n
         JOIN activities a ON a.id = n.activity_id
         JOIN places p ON p.id = a.place_id
         WHERE n.user_id = ? AND n.starts_date BETWEEN ? AND ?
         ORDER BY n.starts_date, n.starts_minute, n.activity_id
         LIMIT ?",
    )
    .bind(user_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(crate::store::sql_count(limit))
    .fetch_all(&db.read)
    .await
}

/// A notice as read for a mail: the resident's address with the date.
#[derive(FromRow)]
struct MailRecord {
    email: String,
    #[sqlx(flatten)]
    notice: NoticeRecord,
}

/// The most residents one cancellation mails.
const MAILS_PER_CANCELLATION: i64 = 2_000;

/// The residents with an e-mail address whom the cancellation of `activity_id` made at `now`
/// just told (their notices are still unread), each with what they were told: one cancelled
/// date, or the dates of the series, as the account page groups them.
pub async fn notices_to_mail(
    db: &Db,
    activity_id: i64,
    now: i64,
) -> Result<Vec<(String, Vec<CancelNotice>)>, sqlx::Error> {
    let rows: Vec<MailRecord> = sqlx::query_as(
        "SELECT u.email, n.activity_id, a.title, p.name AS place_name, p.slug AS place_slug,
                n.occurrence_date, n.starts_date, n.starts_minute, n.whole_series
         FROM cancellation_notices n
         JOIN users u ON u.id = n.user_id
         JOIN activities a ON a.id = n.activity_id
         JOIN places p ON p.id = a.place_id
         WHERE n.activity_id = ? AND n.created_at = ? AND n.read_at IS NULL
           AND u.email IS NOT NULL AND u.deleted_at IS NULL
         ORDER BY u.id, n.starts_date, n.starts_minute
         LIMIT ?",
    )
    .bind(activity_id)
    .bind(now)
    .bind(MAILS_PER_CANCELLATION)
    .fetch_all(&db.read)
    .await?;
    let mut by_address: Vec<(String, Vec<NoticeRow>)> = Vec::new();
    for row in rows {
        match by_address.last_mut() {
            Some((email, notices)) if *email == row.email => notices.push(row.notice.into()),
            _ => by_address.push((row.email, vec![row.notice.into()])),
        }
    }
    Ok(by_address
        .into_iter()
        .map(|(email, rows)| (email, group_notices(rows)))
        .collect())
}
