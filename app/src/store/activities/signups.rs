//! Joining and leaving an occurrence, with a waiting list.

use crate::model::activity::Joined;
use crate::store::Db;
use jiff::civil::Date;

use std::collections::HashMap;

/// `[[id, "YYYY-MM-DD"], …]`: a date's digits and dashes need no escaping.
pub(super) fn pairs_json(pairs: &[(i64, String)]) -> String {
    let items: Vec<String> = pairs
        .iter()
        .map(|(id, date)| format!("[{id},\"{date}\"]"))
        .collect();
    format!("[{}]", items.join(","))
}

/// The viewer's signups to these occurrences (`shown`, as `occurrences_json` writes
/// them), with their place on the waiting list.
pub(super) async fn own_places(
    db: &Db,
    user: i64,
    shown: &str,
) -> Result<HashMap<(i64, String), Joined>, sqlx::Error> {
    let rows: Vec<(i64, String, String, Option<u32>)> = sqlx::query_as(
        "SELECT s.activity_id, s.occurrence_date, s.status,
                CASE WHEN s.status = 'waiting' THEN
                  (SELECT count(*) FROM signups w WHERE w.activity_id = s.activity_id
                      AND w.occurrence_date = s.occurrence_date AND w.status = 'waiting'
                      AND w.id <= s.id) END AS position
         FROM json_each(?) j
         CROSS JOIN signups s
              ON s.activity_id = j.value ->> 0 AND s.occurrence_date = j.value ->> 1
         WHERE s.user_id = ? AND s.status <> 'cancelled'",
    )
    .bind(shown)
    .bind(user)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, date, status, position)| {
            let joined = if status == "confirmed" {
                Joined::Confirmed
            } else {
                Joined::Waiting(position.unwrap_or(0))
            };
            ((id, date), joined)
        })
        .collect())
}

/// Joins an occurrence: confirmed while there is room, otherwise on the waiting list. The
/// count and the insert happen in one write transaction, so simultaneous joins never
/// overfill it.
pub async fn join(
    db: &Db,
    activity_id: i64,
    original: Date,
    capacity: Option<u32>,
    user_id: i64,
    now: i64,
) -> Result<Joined, sqlx::Error> {
    let date = original.to_string();
    let mut tx = db.begin_write().await?;
    let confirmed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM signups WHERE activity_id = ? AND occurrence_date = ? AND status = 'confirmed'",
    )
    .bind(activity_id)
    .bind(&date)
    .fetch_one(&mut *tx)
    .await?;
    let existing: Option<String> = sqlx::query_scalar(
        "SELECT status FROM signups WHERE activity_id = ? AND occurrence_date = ? AND user_id = ?",
    )
    .bind(activity_id)
    .bind(&date)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    if existing.as_deref().is_none_or(|s| s == "cancelled") {
        let status = match capacity {
            Some(capacity) if confirmed >= i64::from(capacity) => "waiting",
            _ => "confirmed",
        };
        // A new row (not the cancelled one) puts a returning person at the end of the line.
        sqlx::query(
            "DELETE FROM signups WHERE activity_id = ? AND occurrence_date = ? AND user_id = ?",
        )
        .bind(activity_id)
        .bind(&date)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO signups (activity_id, occurrence_date, user_id, status, created_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(activity_id)
        .bind(&date)
        .bind(user_id)
        .bind(status)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let shown = pairs_json(&[(activity_id, date.clone())]);
    let places = own_places(db, user_id, &shown).await?;
    Ok(places
        .get(&(activity_id, date))
        .copied()
        .unwrap_or(Joined::Confirmed))
}

/// Cancels a signup; a freed place goes to the first on the waiting list, in the same
/// transaction. Returns the user who moved up, if any.
pub async fn leave(
    db: &Db,
    activity_id: i64,
    original: Date,
    capacity: Option<u32>,
    user_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let promoted = leave_in(
        &mut tx,
        activity_id,
        &original.to_string(),
        capacity,
        user_id,
    )
    .await?;
    tx.commit().await?;
    Ok(promoted)
}

/// [`leave`] inside the caller's write transaction.
pub(crate) async fn leave_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    activity_id: i64,
    date: &str,
    capacity: Option<u32>,
    user_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query(
        "UPDATE signups SET status = 'cancelled'
         WHERE activity_id = ? AND occurrence_date = ? AND user_id = ? AND status <> 'cancelled'",
    )
    .bind(activity_id)
    .bind(date)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    crate::store::buddies::leave_in(tx, activity_id, date, user_id).await?;
    let confirmed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM signups WHERE activity_id = ? AND occurrence_date = ? AND status = 'confirmed'",
    )
    .bind(activity_id)
    .bind(date)
    .fetch_one(&mut **tx)
    .await?;
    let room = capacity.is_none_or(|c| confirmed < i64::from(c));
    if !room {
        return Ok(None);
    }
    sqlx::query_scalar(
        "UPDATE signups SET status = 'confirmed'
         WHERE id = (SELECT id FROM signups WHERE activity_id = ? AND occurrence_date = ?
                     AND status = 'waiting' ORDER BY id LIMIT 1)
         RETURNING user_id",
    )
    .bind(activity_id)
    .bind(date)
    .fetch_optional(&mut **tx)
    .await
}
