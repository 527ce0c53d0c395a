//! The door: who is coming, who arrived, and who walked in.

use crate::model::activity::Attendee;
use crate::store::Db;
use jiff::civil::Date;
use sqlx::FromRow;

#[derive(FromRow)]
struct AttendeeRow {
    id: i64,
    display_name: String,
    status: String,
    checked_in_at: Option<i64>,
    first_visit: bool,
}

/// Who is coming (and who waits), in signup order.
pub async fn attendees(
    db: &Db,
    activity_id: i64,
    original: Date,
) -> Result<Vec<Attendee>, sqlx::Error> {
    let rows: Vec<AttendeeRow> = sqlx::query_as(
        "SELECT s.id, u.display_name, s.status, s.checked_in_at, s.first_visit
         FROM signups s JOIN users u ON u.id = s.user_id
         WHERE s.activity_id = ? AND s.occurrence_date = ? AND s.status <> 'cancelled'
         ORDER BY s.status = 'waiting', s.id",
    )
    .bind(activity_id)
    .bind(original.to_string())
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Attendee {
            signup_id: r.id,
            name: r.display_name,
            waiting: r.status == "waiting",
            checked_in: r.checked_in_at.is_some(),
            first_visit: r.first_visit,
        })
        .collect())
}

/// Marks someone as arrived (and whether it is their first visit).
pub async fn check_in(
    db: &Db,
    activity_id: i64,
    signup_id: i64,
    first_visit: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE signups SET checked_in_at = coalesce(checked_in_at, ?), first_visit = ?
         WHERE id = ? AND activity_id = ? AND status = 'confirmed'",
    )
    .bind(now)
    .bind(first_visit)
    .bind(signup_id)
    .bind(activity_id)
    .execute(&db.write)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn walk_in(
    db: &Db,
    activity_id: i64,
    original: Date,
    people: u32,
    first_name: Option<&str>,
    first_visit: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO walk_ins (activity_id, occurrence_date, people, first_name, first_visit, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(activity_id)
    .bind(original.to_string())
    .bind(people)
    .bind(first_name)
    .bind(first_visit)
    .bind(now)
    .execute(&db.write)
    .await?;
    Ok(())
}

/// People at the door so far: (checked in, walk-ins, first visits).
pub async fn door_counts(
    db: &Db,
    activity_id: i64,
    original: Date,
) -> Result<(u32, u32, u32), sqlx::Error> {
    sqlx::query_as(
        "SELECT
            (SELECT count(*) FROM signups WHERE activity_id = ?1 AND occurrence_date = ?2
                AND checked_in_at IS NOT NULL) AS arrived,
            (SELECT coalesce(sum(people), 0) FROM walk_ins WHERE activity_id = ?1
                AND occurrence_date = ?2) AS walk_ins,
            (SELECT count(*) FROM signups WHERE activity_id = ?1 AND occurrence_date = ?2
                AND checked_in_at IS NOT NULL AND first_visit = 1)
          + (SELECT coalesce(sum(people), 0) FROM walk_ins WHERE activity_id = ?1
                AND occurrence_date = ?2 AND first_visit = 1) AS first_visits",
    )
    .bind(activity_id)
    .bind(original.to_string())
    .fetch_one(&db.read)
    .await
}
