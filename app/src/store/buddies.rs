//! "Samen de eerste keer": requests for company, offers to go along, the host's pairing and
//! the pair's check-in at the door. Names leave here whole; the api shows the other one of
//! a pair only their first name (`model::buddy::first_name`).

use crate::model::account::OwnBuddy;
use crate::model::buddy::{HostRequest, OpenDate};
use crate::store::Db;
use jiff::civil::Date;
use sqlx::FromRow;

/// Whether the resident was ever checked in at an activity of this place.
pub async fn visited_before(db: &Db, user_id: i64, place_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM signups s JOIN activities a ON a.id = s.activity_id
                        WHERE s.user_id = ? AND s.checked_in_at IS NOT NULL AND a.place_id = ?)",
    )
    .bind(user_id)
    .bind(place_id)
    .fetch_one(&db.read)
    .await
}

/// Asks for company: joins the occurrence first (or its waiting list, or keeps the signup
/// there is), then keeps the request, with its note replaced when asked again.
pub async fn ask(
    db: &Db,
    activity_id: i64,
    original: Date,
    capacity: Option<u32>,
    user_id: i64,
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    super::activities::join(db, activity_id, original, capacity, user_id, now).await?;
    sqlx::query(
        "INSERT INTO buddy_requests (activity_id, occurrence_date, user_id, note, created_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (activity_id, occurrence_date, user_id) DO UPDATE SET note = excluded.note",
    )
    .bind(activity_id)
    .bind(original.to_string())
    .bind(user_id)
    .bind(note)
    .bind(now)
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Withdraws a request; its buddy is free again for another newcomer. The signup stays.
pub async fn withdraw(
    db: &Db,
    activity_id: i64,
    original: Date,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM buddy_requests WHERE activity_id = ? AND occurrence_date = ? AND user_id = ?",
    )
    .bind(activity_id)
    .bind(original.to_string())
    .bind(user_id)
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Offers to go along: joins the occurrence too (the buddy comes as well).
pub async fn offer(
    db: &Db,
    activity_id: i64,
    original: Date,
    capacity: Option<u32>,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    super::activities::join(db, activity_id, original, capacity, user_id, now).await?;
    sqlx::query(
        "INSERT INTO buddy_offers (activity_id, occurrence_date, user_id, created_at)
         VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(activity_id)
    .bind(original.to_string())
    .bind(user_id)
    .bind(now)
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Takes an offer back; a newcomer paired with this buddy waits for another one.
pub async fn withdraw_offer(
    db: &Db,
    activity_id: i64,
    original: Date,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    drop_offer_in(&mut tx, activity_id, &original.to_string(), user_id).await?;
    tx.commit().await
}

/// Everything of `user_id`'s part in the first times together of one occurrence, inside
/// the caller's write transaction: their request, their offer and the pairs they were
/// the buddy of (not those already checked in together).
pub(crate) async fn drop_offer_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    activity_id: i64,
    date: &str,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM buddy_offers WHERE activity_id = ? AND occurrence_date = ? AND user_id = ?",
    )
    .bind(activity_id)
    .bind(date)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE buddy_requests SET buddy_id = NULL, paired_by = NULL, paired_at = NULL
         WHERE activity_id = ? AND occurrence_date = ? AND buddy_id = ? AND came_at IS NULL",
    )
    .bind(activity_id)
    .bind(date)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Leaving an occurrence ends one's part in its first times together: the request goes,
/// and so do the offer and the pairs one was the buddy of.
pub(crate) async fn leave_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    activity_id: i64,
    date: &str,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM buddy_requests WHERE activity_id = ? AND occurrence_date = ? AND user_id = ?
           AND came_at IS NULL",
    )
    .bind(activity_id)
    .bind(date)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    drop_offer_in(tx, activity_id, date, user_id).await
}

/// What a deleted account leaves of its first times together, inside the caller's write
/// transaction: its offers and open requests go, the notes of its past requests are emptied
/// and pairs it was the buddy of wait for another one. A first visit that came with a buddy
/// keeps counting in the insights.
pub(crate) async fn forget_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    for sql in [
        "DELETE FROM buddy_offers WHERE user_id = ?",
        "DELETE FROM buddy_requests WHERE user_id = ? AND came_at IS NULL",
        "UPDATE buddy_requests SET note = '' WHERE user_id = ?",
        "UPDATE buddy_requests SET buddy_id = NULL, paired_by = NULL, paired_at = NULL
         WHERE buddy_id = ? AND came_at IS NULL",
    ] {
        sqlx::query(sql).bind(user_id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// The dates from `from` to `to` at these places with requests that wait for a buddy, by
/// date, at most `limit`.
pub async fn open_dates(
    db: &Db,
    place_ids: &[i64],
    from: Date,
    to: Date,
    limit: usize,
) -> Result<Vec<OpenDate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.activity_id, r.occurrence_date, a.title, p.name AS place_name,
                count(*) AS open
         FROM activities a
         JOIN places p ON p.id = a.place_id
         JOIN buddy_requests r ON r.activity_id = a.id AND r.occurrence_date BETWEEN ? AND ?
         WHERE a.place_id IN (SELECT value FROM json_each(?)) AND r.buddy_id IS NULL
         GROUP BY r.activity_id, r.occurrence_date
         ORDER BY r.occurrence_date, a.title, r.activity_id
         LIMIT ?",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(crate::store::ids_json(place_ids))
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(&db.read)
    .await
}

/// Everything of a resident's own in the first times together, for their download: what
/// they asked (with their note) and what they offered, by date.
pub async fn own_data(db: &Db, user_id: i64) -> Result<Vec<OwnBuddy>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.title AS activity, p.name AS place, r.occurrence_date AS date,
                'asked' AS role, r.note, r.buddy_id IS NOT NULL AS paired,
                r.came_at IS NOT NULL AS came_together
         FROM buddy_requests r JOIN activities a ON a.id = r.activity_id
         JOIN places p ON p.id = a.place_id
         WHERE r.user_id = ?1
         UNION ALL
         SELECT a.title, p.name, o.occurrence_date, 'offered', '',
                EXISTS (SELECT 1 FROM buddy_requests r WHERE r.buddy_id = o.user_id
                        AND r.occurrence_date = o.occurrence_date AND r.activity_id = o.activity_id),
                EXISTS (SELECT 1 FROM buddy_requests r WHERE r.buddy_id = o.user_id
                        AND r.occurrence_date = o.occurrence_date AND r.activity_id = o.activity_id
                        AND r.came_at IS NOT NULL)
         FROM buddy_offers o JOIN activities a ON a.id = o.activity_id
         JOIN places p ON p.id = a.place_id
         WHERE o.user_id = ?1
         ORDER BY 3, 4",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await
}

/// The resident who made a request of this occurrence.
pub async fn requester(
    db: &Db,
    activity_id: i64,
    original: Date,
    request_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT user_id FROM buddy_requests WHERE id = ? AND activity_id = ? AND occurrence_date = ?",
    )
    .bind(request_id)
    .bind(activity_id)
    .bind(original.to_string())
    .fetch_optional(&db.read)
    .await
}

/// Pairs a request with a buddy (a request already checked in together stays as it is).
pub async fn pair(
    db: &Db,
    activity_id: i64,
    request_id: i64,
    buddy_id: i64,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE buddy_requests SET buddy_id = ?, paired_by = ?, paired_at = ?
         WHERE id = ? AND activity_id = ? AND came_at IS NULL",
    )
    .bind(buddy_id)
    .bind(by)
    .bind(now)
    .bind(request_id)
    .bind(activity_id)
    .execute(&db.write)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Undoes a pairing: the newcomer waits for a buddy again, the buddy is free again.
pub async fn unpair(db: &Db, activity_id: i64, request_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE buddy_requests SET buddy_id = NULL, paired_by = NULL, paired_at = NULL
         WHERE id = ? AND activity_id = ? AND buddy_id IS NOT NULL AND came_at IS NULL",
    )
    .bind(request_id)
    .bind(activity_id)
    .execute(&db.write)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Those who offered to go along on this occurrence and go with nobody yet: id and name.
pub async fn free_offers(
    db: &Db,
    activity_id: i64,
    original: Date,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.user_id, u.display_name
         FROM buddy_offers o JOIN users u ON u.id = o.user_id
         WHERE o.activity_id = ?1 AND o.occurrence_date = ?2
           AND NOT EXISTS (SELECT 1 FROM buddy_requests r WHERE r.buddy_id = o.user_id
                           AND r.occurrence_date = ?2 AND r.activity_id = ?1)
         ORDER BY o.created_at, o.user_id",
    )
    .bind(activity_id)
    .bind(original.to_string())
    .fetch_all(&db.read)
    .await
}

#[derive(FromRow)]
struct HostRequestRow {
    id: i64,
    name: String,
    note: String,
    waiting: bool,
    buddy_id: Option<i64>,
    buddy_name: Option<String>,
    came: bool,
}

/// The requests of one occurrence, oldest first, with their newcomer's place in line.
pub async fn requests(
    db: &Db,
    activity_id: i64,
    original: Date,
) -> Result<Vec<HostRequest>, sqlx::Error> {
    let rows: Vec<HostRequestRow> = sqlx::query_as(
        "SELECT r.id, u.display_name AS name, r.note,
                coalesce(s.status = 'waiting', 0) AS waiting,
                r.buddy_id, b.display_name AS buddy_name, r.came_at IS NOT NULL AS came
         FROM buddy_requests r
         JOIN users u ON u.id = r.user_id
         LEFT JOIN users b ON b.id = r.buddy_id
         LEFT JOIN signups s ON s.activity_id = r.activity_id
              AND s.occurrence_date = r.occurrence_date AND s.user_id = r.user_id
         WHERE r.activity_id = ? AND r.occurrence_date = ?
         ORDER BY r.id",
    )
    .bind(activity_id)
    .bind(original.to_string())
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| HostRequest {
            id: r.id,
            name: r.name,
            note: r.note,
            waiting: r.waiting,
            buddy: r.buddy_id.zip(r.buddy_name),
            came: r.came,
        })
        .collect())
}

/// One's own part in one occurrence: the request (note and the buddy's whole name), whether
/// one offered, and the whole names of the newcomers one goes along with.
pub struct Own {
    pub request: Option<(String, Option<String>)>,
    pub offered: bool,
    pub going_with: Vec<String>,
}

pub async fn own(
    db: &Db,
    activity_id: i64,
    original: Date,
    user_id: i64,
) -> Result<Own, sqlx::Error> {
    let date = original.to_string();
    let request: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT r.note, b.display_name FROM buddy_requests r LEFT JOIN users b ON b.id = r.buddy_id
         WHERE r.activity_id = ? AND r.occurrence_date = ? AND r.user_id = ?",
    )
    .bind(activity_id)
    .bind(&date)
    .bind(user_id)
    .fetch_optional(&db.read)
    .await?;
    let offered: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM buddy_offers
                        WHERE activity_id = ? AND occurrence_date = ? AND user_id = ?)",
    )
    .bind(activity_id)
    .bind(&date)
    .bind(user_id)
    .fetch_one(&db.read)
    .await?;
    let going_with: Vec<String> = sqlx::query_scalar(
        "SELECT u.display_name FROM buddy_requests r JOIN users u ON u.id = r.user_id
         WHERE r.buddy_id = ? AND r.occurrence_date = ? AND r.activity_id = ?
         ORDER BY r.id",
    )
    .bind(user_id)
    .bind(&date)
    .bind(activity_id)
    .fetch_all(&db.read)
    .await?;
    Ok(Own {
        request,
        offered,
        going_with,
    })
}

/// One first time together of a resident: the occurrence, whether they asked (or go
/// along), and the other one's whole name once paired.
#[derive(FromRow)]
pub struct Meeting {
    pub activity_id: i64,
    pub occurrence_date: String,
    pub asked: bool,
    pub partner: Option<String>,
}

/// A resident's first times together from `from` to `to`, by date, at most `limit`.
pub async fn meetings(
    db: &Db,
    user_id: i64,
    from: Date,
    to: Date,
    limit: usize,
) -> Result<Vec<Meeting>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.activity_id, r.occurrence_date, 1 AS asked, b.display_name AS partner
         FROM buddy_requests r LEFT JOIN users b ON b.id = r.buddy_id
         WHERE r.user_id = ?1 AND r.occurrence_date BETWEEN ?2 AND ?3
         UNION ALL
         SELECT r.activity_id, r.occurrence_date, 0, u.display_name
         FROM buddy_requests r JOIN users u ON u.id = r.user_id
         WHERE r.buddy_id = ?1 AND r.occurrence_date BETWEEN ?2 AND ?3
         ORDER BY 2, 1 LIMIT ?4",
    )
    .bind(user_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(&db.read)
    .await
}

/// Checks the pair in together: the newcomer (a first visit, if confirmed) and their buddy
/// (when signed up and confirmed), and marks the request as come together. False when the
/// request is not paired or the newcomer is not confirmed (still on the waiting list).
pub async fn check_in_pair(
    db: &Db,
    activity_id: i64,
    request_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let pair: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT user_id, buddy_id, occurrence_date FROM buddy_requests
         WHERE id = ? AND activity_id = ? AND buddy_id IS NOT NULL",
    )
    .bind(request_id)
    .bind(activity_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((newcomer, buddy, date)) = pair else {
        return Ok(false);
    };
    let newcomer_in = sqlx::query(
        "UPDATE signups SET checked_in_at = coalesce(checked_in_at, ?), first_visit = 1
         WHERE activity_id = ? AND occurrence_date = ? AND user_id = ? AND status = 'confirmed'",
    )
    .bind(now)
    .bind(activity_id)
    .bind(&date)
    .bind(newcomer)
    .execute(&mut *tx)
    .await?;
    if newcomer_in.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE signups SET checked_in_at = coalesce(checked_in_at, ?)
         WHERE activity_id = ? AND occurrence_date = ? AND user_id = ? AND status = 'confirmed'",
    )
    .bind(now)
    .bind(activity_id)
    .bind(&date)
    .bind(buddy)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE buddy_requests SET came_at = coalesce(came_at, ?) WHERE id = ?")
        .bind(now)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}
