//! The agenda: the occurrences of a window, found day by day through the weekday index,
//! and what lists show of each.

use super::signups::pairs_json;
use super::{
    by_ids, filter_conditions, read_series, signups::own_places, ActivityFilter, SERIES_COLUMNS,
};
use crate::model::activity::{
    schedule::Occurrence,
    series::{expand, Series, Taken},
    Day, Joined, OccurrenceView,
};
use crate::store::{arguments, Db};
use jiff::civil::Date;
use std::collections::HashMap;

/// How many candidate activities one query of [`upcoming`] reads.
const UPCOMING_CHUNK: i64 = 256;

/// The first `limit` occurrences of the filtered activities from `from` through `to`, in
/// time order, skipping those that start before `not_before`; and whether there were more.
///
/// For one place or neighbourhood it expands their series. Otherwise it never expands
/// every series in the database: it walks the days, and for each day reads only the
/// activities whose weekday it is (every repetition keeps the weekday of the first date) in
/// order of start time, plus the occurrences moved onto that day, and stops as soon as it
/// has enough.
pub async fn upcoming(
    db: &Db,
    filter: &ActivityFilter,
    from: Date,
    to: Date,
    not_before: Option<jiff::Timestamp>,
    limit: usize,
    viewer: Option<i64>,
) -> Result<(Vec<OccurrenceView>, bool), sqlx::Error> {
    upcoming_after(db, filter, from, to, not_before, None, limit, viewer).await
}

/// Where a page of [`upcoming_after`] begins: after the occurrence at this local start
/// minute of activity `id` on the first day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct After {
    pub minute: u16,
    pub id: i64,
}

/// [`upcoming`], from a point on the first day: the next page of a long list.
#[allow(clippy::too_many_arguments)]
pub async fn upcoming_after(
    db: &Db,
    filter: &ActivityFilter,
    from: Date,
    to: Date,
    not_before: Option<jiff::Timestamp>,
    start: Option<After>,
    limit: usize,
    viewer: Option<i64>,
) -> Result<(Vec<OccurrenceView>, bool), sqlx::Error> {
    let (conditions, binds) = filter_conditions(filter, false);
    // The series of one weekday that may have an occurrence from a day to the window's end
    // (the exact dates are the schedule's work), in time order, a chunk at a time.
    let on_weekday = format!(
        "SELECT {SERIES_COLUMNS} FROM activities a JOIN places p ON p.id = a.place_id
         WHERE {conditions}
           AND a.weekday = ? AND a.start_date <= ?
           AND (a.repeat <> 'once' OR a.start_date >= ?)
           AND (a.repeat_until IS NULL OR a.repeat_until >= ?)
           AND (a.start_minute, a.id) > (?, ?)
         ORDER BY a.start_minute, a.id LIMIT ?"
    );
    // Occurrences moved onto a day of the window: few, so all of them at once.
    let moved_onto = format!(
        "SELECT {SERIES_COLUMNS} FROM activities a JOIN places p ON p.id = a.place_id
         WHERE {conditions}
           AND a.id IN (SELECT activity_id FROM occurrence_changes
                        WHERE moved_date >= ? AND moved_date <= ?)"
    );
    let moved = read_series(
        db,
        sqlx::query_as_with(&moved_onto, arguments(&binds))
            .bind(from.to_string())
            .bind(to.to_string()),
    )
    .await?;
    let end = to.to_string();
    let wanted = limit + 1;
    let mut found: Vec<(Series, Occurrence)> = Vec::new();
    // A weekday's series read in full (one chunk was enough) serve its later days too: a
    // place's four weeks take seven small queries, not twenty-eight.
    let mut complete: HashMap<i64, Vec<Series>> = HashMap::new();
    let mut day = from;
    while day <= to && found.len() < wanted {
        let date = day.to_string();
        let first_day = day == from;
        let cursor = start.filter(|_| first_day);
        let counts = |o: &Occurrence, id: i64| {
            not_before.is_none_or(|t| o.start >= t)
                && cursor.is_none_or(|s| (o.minute, id) > (s.minute, s.id))
        };
        let mut today: Vec<(Series, Occurrence)> = Vec::new();
        for activity in &moved {
            for o in activity.occurrences(day, day) {
                if o.moved && counts(&o, activity.id) {
                    today.push((activity.clone(), o));
                }
            }
        }
        // The day's own, by start time, until there are enough.
        let weekday = i64::from(day.weekday().to_sunday_zero_offset());
        let mut own = 0;
        let take = |chunk: &[Series], today: &mut Vec<(Series, Occurrence)>| {
            let before = today.len();
            for activity in chunk {
                for o in activity.occurrences(day, day) {
                    if !o.moved && counts(&o, activity.id) {
                        today.push((activity.clone(), o));
                    }
                }
            }
            today.len() - before
        };
        if let Some(all) = complete.get(&weekday) {
            take(all, &mut today);
        } else {
            let mut after = match cursor {
                Some(s) => (i64::from(s.minute), s.id),
                None => (-1_i64, 0_i64),
            };
            let mut first_chunk = true;
            loop {
                // Enough rows for what is still wanted (some give no occurrence this day).
                let asked = i64::try_from(wanted.saturating_sub(found.len() + own))
                    .unwrap_or(UPCOMING_CHUNK)
                    .clamp(32, UPCOMING_CHUNK);
                let chunk = read_series(
                    db,
                    sqlx::query_as_with(&on_weekday, arguments(&binds))
                        .bind(weekday)
                        .bind(&end)
                        .bind(&date)
                        .bind(&date)
                        .bind(after.0)
                        .bind(after.1)
                        .bind(asked),
                )
                .await?;
                let full = i64::try_from(chunk.len()) == Ok(asked);
                if let Some(last) = chunk.last() {
                    after = (i64::from(last.schedule.start_minute), last.id);
                }
                own += take(&chunk, &mut today);
                if !full && first_chunk && cursor.is_none() {
                    complete.insert(weekday, chunk);
                }
                first_chunk = false;
                if !full || found.len() + own >= wanted {
                    break;
                }
            }
        }
        today.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(a.0.id.cmp(&b.0.id)));
        found.extend(today);
        day = match day.tomorrow() {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    let more = found.len() > limit;
    found.truncate(limit);
    Ok((views(db, found, viewer).await?, more))
}

/// Occurrences of the activities from `from` to `to`, with counts and the viewer's place.
pub async fn occurrences(
    db: &Db,
    list: &[Series],
    from: Date,
    to: Date,
    viewer: Option<i64>,
) -> Result<Vec<OccurrenceView>, sqlx::Error> {
    views(db, expand(list, from, to), viewer).await
}

/// What a page shows of each occurrence, in the given order: with how many are coming and
/// waiting, and the viewer's own signup.
async fn views(
    db: &Db,
    found: Vec<(Series, Occurrence)>,
    viewer: Option<i64>,
) -> Result<Vec<OccurrenceView>, sqlx::Error> {
    // Only the occurrences shown: the signups of other dates of these series are not read.
    // `CROSS JOIN` keeps the short list outside, each looked up by its occurrence.
    let shown = occurrences_json(&found);
    let counts: Vec<(i64, String, u32, u32)> = sqlx::query_as(
        "SELECT s.activity_id, s.occurrence_date,
                sum(s.status = 'confirmed') AS confirmed, sum(s.status = 'waiting') AS waiting
         FROM json_each(?) j
         CROSS JOIN signups s
              ON s.activity_id = j.value ->> 0 AND s.occurrence_date = j.value ->> 1
         WHERE s.status <> 'cancelled'
         GROUP BY s.activity_id, s.occurrence_date",
    )
    .bind(&shown)
    .fetch_all(&db.read)
    .await?;
    let counts: HashMap<(i64, String), (u32, u32)> = counts
        .into_iter()
        .map(|(id, date, confirmed, waiting)| ((id, date), (confirmed, waiting)))
        .collect();
    let mine: HashMap<(i64, String), Joined> = match viewer {
        Some(user) => own_places(db, user, &shown).await?,
        None => HashMap::new(),
    };
    Ok(found
        .into_iter()
        .map(|(series, o)| {
            let key = (series.id, o.original.to_string());
            let (confirmed, waiting) = counts.get(&key).copied().unwrap_or((0, 0));
            series.into_view(&o, Taken { confirmed, waiting }, mine.get(&key).copied())
        })
        .collect())
}

/// The occurrences as a JSON array of `[activity id, "YYYY-MM-DD"]` pairs, each once.
fn occurrences_json(found: &[(Series, Occurrence)]) -> String {
    let mut pairs: Vec<(i64, String)> = found
        .iter()
        .map(|(a, o)| (a.id, o.original.to_string()))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs_json(&pairs)
}

/// The occurrences a resident joined (or waits for) from `from` through `to`, the first
/// `limit` of them in time order, each with its activity: read in two queries, whatever the
/// number of series.
pub async fn joined(
    db: &Db,
    user_id: i64,
    from: Date,
    to: Date,
    limit: usize,
) -> Result<Vec<(Series, Occurrence)>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT activity_id, occurrence_date FROM signups
         WHERE user_id = ? AND status <> 'cancelled' AND occurrence_date BETWEEN ? AND ?
         ORDER BY occurrence_date, activity_id LIMIT ?",
    )
    .bind(user_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(&db.read)
    .await?;
    let pairs: Vec<(i64, Date)> = rows
        .iter()
        .filter_map(|(id, date)| Some((*id, Day::parse_date(date)?)))
        .collect();
    let mut ids: Vec<i64> = pairs.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    let list = by_ids(db, &ids).await?;
    let mut found: Vec<(Series, Occurrence)> = pairs
        .iter()
        .filter_map(|(id, date)| {
            let activity = list.iter().find(|a| a.id == *id)?;
            Some((activity.clone(), activity.occurrence(*date)?))
        })
        .collect();
    found.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(a.0.id.cmp(&b.0.id)));
    Ok(found)
}

/// What a page shows of these occurrences, in this order.
pub async fn occurrence_views(
    db: &Db,
    found: Vec<(Series, Occurrence)>,
    viewer: Option<i64>,
) -> Result<Vec<OccurrenceView>, sqlx::Error> {
    views(db, found, viewer).await
}
