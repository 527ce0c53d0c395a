//! Activities, their occurrences and changes, joining with a waiting list, the door, and
//! the light.

use super::{arguments, Bind, Db};
use crate::model::{
    activity::{ActivityInput, Attendee, Day, Joined, OccurrenceView, RepeatKind},
    hours::format_minute,
    recurrence::{week_of_month, Change, Occurrence, Repeat, Schedule},
};
use jiff::civil::Date;
use sqlx::{sqlite::SqliteRow, Row};
use std::collections::HashMap;

/// An activity with what is needed to compute its occurrences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub id: i64,
    pub place_id: i64,
    pub place_slug: String,
    pub place_name: String,
    pub title: String,
    pub description: String,
    pub schedule: Schedule,
    pub capacity: Option<u32>,
    pub cost_cents: u32,
    pub audience: String,
    pub accessibility: String,
    pub welcomer: String,
    pub online_url: Option<String>,
    pub leads_to: Option<i64>,
    pub cancelled: bool,
    pub changes: Vec<Change>,
}

fn to_date(day: Day) -> Date {
    Date::new(day.year, day.month, day.day).unwrap_or(Date::constant(2000, 1, 1))
}

fn parse_date(text: &str) -> Option<Date> {
    Day::parse(text).map(to_date)
}

/// The schedule an input describes.
pub fn schedule_of(input: &ActivityInput) -> Schedule {
    let start_date = to_date(input.date);
    Schedule {
        start_date,
        start_minute: input.start_minute,
        duration_minutes: input.duration_minutes,
        repeat: match input.repeat {
            RepeatKind::Once => Repeat::Once,
            RepeatKind::Weekly => Repeat::Weekly,
            RepeatKind::Fortnightly => Repeat::Fortnightly,
            RepeatKind::Monthly => Repeat::Monthly {
                week: week_of_month(start_date),
            },
        },
        until: input.until.map(to_date),
    }
}

fn repeat_columns(schedule: &Schedule) -> (&'static str, Option<i64>) {
    match schedule.repeat {
        Repeat::Once => ("once", None),
        Repeat::Weekly => ("weekly", None),
        Repeat::Fortnightly => ("fortnightly", None),
        Repeat::Monthly { week } => ("monthly", Some(i64::from(week))),
    }
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// Binds an input's fifteen columns, in the order `INPUT_COLUMNS` names them.
fn bind_input<'q>(query: Query<'q>, input: &'q ActivityInput) -> Query<'q> {
    let (repeat, week) = repeat_columns(&schedule_of(input));
    query
        .bind(&input.title)
        .bind(&input.description)
        .bind(input.date.iso())
        .bind(input.start_minute)
        .bind(input.duration_minutes)
        .bind(repeat)
        .bind(week)
        .bind(input.until.map(Day::iso))
        .bind(input.capacity)
        .bind(input.cost_cents)
        .bind(&input.audience)
        .bind(&input.accessibility)
        .bind(&input.welcomer)
        .bind(&input.online_url)
        .bind(input.leads_to)
}

const INPUT_COLUMNS: [&str; 15] = [
    "title",
    "description",
    "start_date",
    "start_minute",
    "duration_minutes",
    "repeat",
    "month_week",
    "repeat_until",
    "capacity",
    "cost_cents",
    "audience",
    "accessibility",
    "welcomer",
    "online_url",
    "leads_to",
];

pub async fn create(
    db: &Db,
    place_id: i64,
    input: &ActivityInput,
    created_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "INSERT INTO activities ({}, place_id, created_by, created_at) VALUES ({}?, ?, ?) RETURNING id",
        INPUT_COLUMNS.join(", "),
        "?, ".repeat(INPUT_COLUMNS.len())
    );
    let row = bind_input(sqlx::query(&sql), input)
        .bind(place_id)
        .bind(created_by)
        .bind(now)
        .fetch_one(&db.write)
        .await?;
    Ok(row.get(0))
}

pub async fn update(db: &Db, id: i64, input: &ActivityInput) -> Result<(), sqlx::Error> {
    let sets: Vec<String> = INPUT_COLUMNS.iter().map(|c| format!("{c} = ?")).collect();
    let sql = format!("UPDATE activities SET {} WHERE id = ?", sets.join(", "));
    bind_input(sqlx::query(&sql), input)
        .bind(id)
        .execute(&db.write)
        .await?;
    Ok(())
}

/// A new activity with the same details, without its signups or changes.
pub async fn duplicate(db: &Db, id: i64, created_by: i64, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO activities (place_id, title, description, start_date, start_minute,
             duration_minutes, repeat, month_week, repeat_until, capacity, cost_cents, audience,
             accessibility, welcomer, online_url, leads_to, created_by, created_at)
         SELECT place_id, title, description, start_date, start_minute, duration_minutes, repeat,
             month_week, repeat_until, capacity, cost_cents, audience, accessibility, welcomer,
             online_url, leads_to, ?, ?
         FROM activities WHERE id = ? RETURNING id",
    )
    .bind(created_by)
    .bind(now)
    .bind(id)
    .fetch_one(&db.write)
    .await
}

pub async fn cancel_series(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE activities SET cancelled = 1 WHERE id = ?")
        .bind(id)
        .execute(&db.write)
        .await?;
    Ok(())
}

/// Cancels one occurrence (`moved_to` None) or moves it.
pub async fn change_occurrence(
    db: &Db,
    id: i64,
    original: Date,
    moved_to: Option<(Date, u16)>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO occurrence_changes (activity_id, original_date, cancelled, moved_date, moved_minute)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (activity_id, original_date) DO UPDATE SET cancelled = excluded.cancelled,
             moved_date = excluded.moved_date, moved_minute = excluded.moved_minute",
    )
    .bind(id)
    .bind(original.to_string())
    .bind(moved_to.is_none())
    .bind(moved_to.map(|(d, _)| d.to_string()))
    .bind(moved_to.map(|(_, m)| m))
    .execute(&db.write)
    .await?;
    Ok(())
}

const ACTIVITY_COLUMNS: &str = "a.id, a.place_id, p.slug AS place_slug, p.name AS place_name,
    a.title, a.description, a.start_date, a.start_minute, a.duration_minutes, a.repeat,
    a.month_week, a.repeat_until, a.capacity, a.cost_cents, a.audience, a.accessibility,
    a.welcomer, a.online_url, a.leads_to, a.cancelled";

fn activity_from_row(row: &SqliteRow) -> Activity {
    let start_date = parse_date(row.get("start_date")).unwrap_or(Date::constant(2000, 1, 1));
    let repeat = match row.get::<String, _>("repeat").as_str() {
        "weekly" => Repeat::Weekly,
        "fortnightly" => Repeat::Fortnightly,
        "monthly" => Repeat::Monthly {
            week: row.get::<Option<i64>, _>("month_week").unwrap_or(1) as i8,
        },
        _ => Repeat::Once,
    };
    Activity {
        id: row.get("id"),
        place_id: row.get("place_id"),
        place_slug: row.get("place_slug"),
        place_name: row.get("place_name"),
        title: row.get("title"),
        description: row.get("description"),
        schedule: Schedule {
            start_date,
            start_minute: row.get::<i64, _>("start_minute") as u16,
            duration_minutes: row.get::<i64, _>("duration_minutes") as u16,
            repeat,
            until: row
                .get::<Option<String>, _>("repeat_until")
                .as_deref()
                .and_then(parse_date),
        },
        capacity: row.get::<Option<i64>, _>("capacity").map(|c| c as u32),
        cost_cents: row.get::<i64, _>("cost_cents") as u32,
        audience: row.get("audience"),
        accessibility: row.get("accessibility"),
        welcomer: row.get("welcomer"),
        online_url: row.get("online_url"),
        leads_to: row.get("leads_to"),
        cancelled: row.get("cancelled"),
        changes: Vec::new(),
    }
}

/// Which activities to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    pub place_id: Option<i64>,
    pub neighbourhood_id: Option<i64>,
    pub place_kind: Option<String>,
    pub free_only: bool,
    /// Only the activities of these places (a host's dashboard).
    pub place_ids: Option<Vec<i64>>,
}

pub async fn activities(
    db: &Db,
    filter: &ActivityFilter,
    include_cancelled: bool,
) -> Result<Vec<Activity>, sqlx::Error> {
    let (conditions, binds) = filter_conditions(filter, include_cancelled);
    let sql = format!(
        "SELECT {ACTIVITY_COLUMNS} FROM activities a JOIN places p ON p.id = a.place_id
         WHERE {conditions} ORDER BY a.start_minute, a.id"
    );
    let rows = sqlx::query_with(&sql, arguments(&binds))
        .fetch_all(&db.read)
        .await?;
    let mut list: Vec<Activity> = rows.iter().map(activity_from_row).collect();
    attach_changes(db, &mut list).await?;
    Ok(list)
}

/// Reads the cancelled and moved occurrences of each activity in the list.
async fn attach_changes(db: &Db, list: &mut [Activity]) -> Result<(), sqlx::Error> {
    // Most days have nothing moved onto them: no query for an empty list.
    if list.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = list.iter().map(|a| a.id).collect();
    let changes = sqlx::query(
        "SELECT activity_id, original_date, cancelled, moved_date, moved_minute
         FROM occurrence_changes WHERE activity_id IN (SELECT value FROM json_each(?))",
    )
    .bind(super::places::ids_json(&ids))
    .fetch_all(&db.read)
    .await?;
    let mut by_activity: HashMap<i64, Vec<Change>> = HashMap::new();
    for row in changes {
        let Some(original) = parse_date(row.get("original_date")) else {
            continue;
        };
        let moved_to = row
            .get::<Option<String>, _>("moved_date")
            .as_deref()
            .and_then(parse_date)
            .zip(row.get::<Option<i64>, _>("moved_minute").map(|m| m as u16));
        by_activity
            .entry(row.get("activity_id"))
            .or_default()
            .push(Change {
                original,
                cancelled: row.get("cancelled"),
                moved_to,
            });
    }
    for activity in list.iter_mut() {
        activity.changes = by_activity.remove(&activity.id).unwrap_or_default();
    }
    Ok(())
}

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

/// The conditions of a filter on `a` (activities) and `p` (places), only those that are
/// set, so that SQLite can use an index for them: a place's or a neighbourhood's activities
/// of one weekday are found through `activities_by_place_weekday`, the city's through
/// `activities_by_weekday`.
fn filter_conditions(filter: &ActivityFilter, include_cancelled: bool) -> (String, Vec<Bind>) {
    let mut clauses = vec![if include_cancelled {
        "1"
    } else {
        "a.cancelled = 0"
    }
    .to_string()];
    let mut binds = Vec::new();
    if let Some(place) = filter.place_id {
        clauses.push("a.place_id = ?".into());
        binds.push(Bind::Int(place));
    }
    if let Some(neighbourhood) = filter.neighbourhood_id {
        clauses.push("a.place_id IN (SELECT id FROM places WHERE neighbourhood_id = ?)".into());
        binds.push(Bind::Int(neighbourhood));
    }
    if let Some(kind) = &filter.place_kind {
        clauses.push("p.kind = ?".into());
        binds.push(Bind::Text(kind.clone()));
    }
    if filter.free_only {
        clauses.push("a.cost_cents = 0".into());
    }
    if let Some(ids) = &filter.place_ids {
        clauses.push("a.place_id IN (SELECT value FROM json_each(?))".into());
        binds.push(Bind::Text(super::places::ids_json(ids)));
    }
    (clauses.join(" AND "), binds)
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
        "SELECT {ACTIVITY_COLUMNS} FROM activities a JOIN places p ON p.id = a.place_id
         WHERE {conditions}
           AND a.weekday = ? AND a.start_date <= ?
           AND (a.repeat <> 'once' OR a.start_date >= ?)
           AND (a.repeat_until IS NULL OR a.repeat_until >= ?)
           AND (a.start_minute, a.id) > (?, ?)
         ORDER BY a.start_minute, a.id LIMIT ?"
    );
    // Occurrences moved onto a day of the window: few, so all of them at once.
    let moved_onto = format!(
        "SELECT {ACTIVITY_COLUMNS} FROM activities a JOIN places p ON p.id = a.place_id
         WHERE {conditions}
           AND a.id IN (SELECT activity_id FROM occurrence_changes
                        WHERE moved_date >= ? AND moved_date <= ?)"
    );
    let rows = sqlx::query_with(&moved_onto, arguments(&binds))
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&db.read)
        .await?;
    let mut moved: Vec<Activity> = rows.iter().map(activity_from_row).collect();
    attach_changes(db, &mut moved).await?;
    let end = to.to_string();
    let wanted = limit + 1;
    let mut found: Vec<(Activity, Occurrence)> = Vec::new();
    // A weekday's series read in full (one chunk was enough) serve its later days too: a
    // place's four weeks take seven small queries, not twenty-eight.
    let mut complete: HashMap<i64, Vec<Activity>> = HashMap::new();
    let mut day = from;
    while day <= to && found.len() < wanted {
        let date = day.to_string();
        let first_day = day == from;
        let cursor = start.filter(|_| first_day);
        let counts = |o: &Occurrence, id: i64| {
            not_before.is_none_or(|t| o.start >= t)
                && cursor.is_none_or(|s| (o.minute, id) > (s.minute, s.id))
        };
        let mut today: Vec<(Activity, Occurrence)> = Vec::new();
        for activity in &moved {
            for o in activity.schedule.occurrences(&activity.changes, day, day) {
                if o.moved && counts(&o, activity.id) {
                    today.push((activity.clone(), o));
                }
            }
        }
        // The day's own, by start time, until there are enough.
        let weekday = i64::from(day.weekday().to_sunday_zero_offset());
        let mut own = 0;
        let take = |chunk: &[Activity], today: &mut Vec<(Activity, Occurrence)>| {
            let before = today.len();
            for activity in chunk {
                for o in activity.schedule.occurrences(&activity.changes, day, day) {
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
                let asked =
                    (wanted.saturating_sub(found.len() + own) as i64).clamp(32, UPCOMING_CHUNK);
                let rows = sqlx::query_with(&on_weekday, arguments(&binds))
                    .bind(weekday)
                    .bind(&end)
                    .bind(&date)
                    .bind(&date)
                    .bind(after.0)
                    .bind(after.1)
                    .bind(asked)
                    .fetch_all(&db.read)
                    .await?;
                let mut chunk: Vec<Activity> = rows.iter().map(activity_from_row).collect();
                attach_changes(db, &mut chunk).await?;
                let full = chunk.len() as i64 == asked;
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

pub async fn activity(db: &Db, id: i64) -> Result<Option<Activity>, sqlx::Error> {
    let place: Option<i64> = sqlx::query_scalar("SELECT place_id FROM activities WHERE id = ?")
        .bind(id)
        .fetch_optional(&db.read)
        .await?;
    let Some(place_id) = place else {
        return Ok(None);
    };
    let filter = ActivityFilter {
        place_id: Some(place_id),
        ..Default::default()
    };
    Ok(activities(db, &filter, true)
        .await?
        .into_iter()
        .find(|a| a.id == id))
}

/// The occurrence of `activity` given by `original`, if it takes place.
pub fn occurrence(activity: &Activity, original: Date) -> Option<Occurrence> {
    if activity.cancelled || !activity.schedule.has_date(original) {
        return None;
    }
    let change = activity.changes.iter().find(|c| c.original == original);
    if change.is_some_and(|c| c.cancelled) {
        return None;
    }
    let (date, minute) = change
        .and_then(|c| c.moved_to)
        .unwrap_or((original, activity.schedule.start_minute));
    activity
        .schedule
        .occurrences(&activity.changes, date, date)
        .into_iter()
        .find(|o| o.original == original && o.minute == minute)
}

/// Occurrences of the activities from `from` to `to`, with counts and the viewer's place.
pub async fn occurrences(
    db: &Db,
    list: &[Activity],
    from: Date,
    to: Date,
    viewer: Option<i64>,
) -> Result<Vec<OccurrenceView>, sqlx::Error> {
    views(db, expand(list, from, to), viewer).await
}

/// Every occurrence of the activities from `from` to `to`, in time order.
fn expand(list: &[Activity], from: Date, to: Date) -> Vec<(Activity, Occurrence)> {
    let mut found: Vec<(Activity, Occurrence)> = list
        .iter()
        .flat_map(|activity| {
            activity
                .schedule
                .occurrences(&activity.changes, from, to)
                .into_iter()
                .map(move |o| (activity.clone(), o))
        })
        .collect();
    found.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(a.0.id.cmp(&b.0.id)));
    found
}

/// What a page shows of each occurrence, in the given order: with how many are coming and
/// waiting, and the viewer's own signup.
async fn views(
    db: &Db,
    found: Vec<(Activity, Occurrence)>,
    viewer: Option<i64>,
) -> Result<Vec<OccurrenceView>, sqlx::Error> {
    // Only the occurrences shown: the signups of other dates of these series are not read.
    // `CROSS JOIN` keeps the short list outside, each looked up by its occurrence.
    let shown = occurrences_json(&found);
    let counts = sqlx::query(
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
        .iter()
        .map(|r| {
            (
                (r.get("activity_id"), r.get("occurrence_date")),
                (
                    r.get::<i64, _>("confirmed") as u32,
                    r.get::<i64, _>("waiting") as u32,
                ),
            )
        })
        .collect();
    let mine: HashMap<(i64, String), Joined> = match viewer {
        Some(user) => own_places(db, user, &shown).await?,
        None => HashMap::new(),
    };
    Ok(found
        .into_iter()
        .map(|(activity, o)| {
            let key = (activity.id, o.original.to_string());
            let (confirmed, waiting) = counts.get(&key).copied().unwrap_or((0, 0));
            OccurrenceView {
                activity_id: activity.id,
                original_date: o.original.to_string(),
                date: o.date.to_string(),
                weekday: o.date.weekday().to_monday_one_offset() as u8,
                start: format_minute(o.minute),
                end: format_minute(
                    o.minute + activity.schedule.duration_minutes.min(1440 - o.minute),
                ),
                start_iso: o.start.to_string(),
                moved: o.moved,
                repeats: activity.schedule.repeat != Repeat::Once,
                joined: mine.get(&key).copied(),
                title: activity.title,
                description: activity.description,
                place_slug: activity.place_slug,
                place_name: activity.place_name,
                capacity: activity.capacity,
                confirmed,
                waiting,
                cost_cents: activity.cost_cents,
                audience: activity.audience,
                accessibility: activity.accessibility,
                welcomer: activity.welcomer,
                online_url: activity.online_url,
                leads_to: None,
            }
        })
        .collect())
}

/// The occurrences as a JSON array of `[activity id, "YYYY-MM-DD"]` pairs, each once.
fn occurrences_json(found: &[(Activity, Occurrence)]) -> String {
    let mut pairs: Vec<(i64, String)> = found
        .iter()
        .map(|(a, o)| (a.id, o.original.to_string()))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs_json(&pairs)
}

/// `[[id, "YYYY-MM-DD"], …]`: a date's digits and dashes need no escaping.
fn pairs_json(pairs: &[(i64, String)]) -> String {
    let items: Vec<String> = pairs
        .iter()
        .map(|(id, date)| format!("[{id},\"{date}\"]"))
        .collect();
    format!("[{}]", items.join(","))
}

/// The viewer's signups to these occurrences (`shown`, as [`occurrences_json`] writes
/// them), with their place on the waiting list.
async fn own_places(
    db: &Db,
    user: i64,
    shown: &str,
) -> Result<HashMap<(i64, String), Joined>, sqlx::Error> {
    let rows = sqlx::query(
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
        .iter()
        .map(|r| {
            let joined = if r.get::<String, _>("status") == "confirmed" {
                Joined::Confirmed
            } else {
                Joined::Waiting(r.get::<Option<i64>, _>("position").unwrap_or(0) as u32)
            };
            ((r.get("activity_id"), r.get("occurrence_date")), joined)
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
    let date = original.to_string();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE signups SET status = 'cancelled'
         WHERE activity_id = ? AND occurrence_date = ? AND user_id = ? AND status <> 'cancelled'",
    )
    .bind(activity_id)
    .bind(&date)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    let confirmed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM signups WHERE activity_id = ? AND occurrence_date = ? AND status = 'confirmed'",
    )
    .bind(activity_id)
    .bind(&date)
    .fetch_one(&mut *tx)
    .await?;
    let room = capacity.is_none_or(|c| confirmed < i64::from(c));
    let promoted: Option<i64> = if room {
        sqlx::query_scalar(
            "UPDATE signups SET status = 'confirmed'
             WHERE id = (SELECT id FROM signups WHERE activity_id = ? AND occurrence_date = ?
                         AND status = 'waiting' ORDER BY id LIMIT 1)
             RETURNING user_id",
        )
        .bind(activity_id)
        .bind(&date)
        .fetch_optional(&mut *tx)
        .await?
    } else {
        None
    };
    tx.commit().await?;
    Ok(promoted)
}

/// Who is coming (and who waits), in signup order.
pub async fn attendees(
    db: &Db,
    activity_id: i64,
    original: Date,
) -> Result<Vec<Attendee>, sqlx::Error> {
    let rows = sqlx::query(
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
        .iter()
        .map(|r| Attendee {
            signup_id: r.get("id"),
            name: r.get("display_name"),
            waiting: r.get::<String, _>("status") == "waiting",
            checked_in: r.get::<Option<i64>, _>("checked_in_at").is_some(),
            first_visit: r.get("first_visit"),
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
    let row = sqlx::query(
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
    .await?;
    Ok((
        row.get::<i64, _>("arrived") as u32,
        row.get::<i64, _>("walk_ins") as u32,
        row.get::<i64, _>("first_visits") as u32,
    ))
}

/// Places whose light is on at `now`, with the local time it goes off (`HH:MM`).
pub async fn lights_of(
    db: &Db,
    place_ids: &[i64],
    now: jiff::Timestamp,
) -> Result<HashMap<i64, String>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT place_id, on_until FROM place_lights
         WHERE on_until > ? AND place_id IN (SELECT value FROM json_each(?))",
    )
    .bind(now.as_second())
    .bind(super::places::ids_json(place_ids))
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let until = jiff::Timestamp::from_second(r.get("on_until")).unwrap_or(now);
            let local = until.to_zoned(crate::model::hours::amsterdam());
            (r.get("place_id"), local.strftime("%H:%M").to_string())
        })
        .collect())
}

/// Switches a place's light on until `until`, or off (`None`).
pub async fn set_light(
    db: &Db,
    place_id: i64,
    until: Option<i64>,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    match until {
        Some(until) => {
            sqlx::query(
                "INSERT INTO place_lights (place_id, on_until, switched_by, switched_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (place_id) DO UPDATE SET on_until = excluded.on_until,
                     switched_by = excluded.switched_by, switched_at = excluded.switched_at",
            )
            .bind(place_id)
            .bind(until)
            .bind(by)
            .bind(now)
            .execute(&db.write)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM place_lights WHERE place_id = ?")
                .bind(place_id)
                .execute(&db.write)
                .await?;
        }
    }
    Ok(())
}

/// Lights that went off by themselves in `(after, upto]`, so open pages can be told.
/// The lights that went off by themselves in `(after, upto]`: each place and its
/// neighbourhood.
pub async fn lights_expired(
    db: &Db,
    after: i64,
    upto: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.place_id, p.neighbourhood_id FROM place_lights l JOIN places p ON p.id = l.place_id
         WHERE l.on_until > ? AND l.on_until <= ?",
    )
        .bind(after)
        .bind(upto)
        .fetch_all(&db.read)
        .await
}

/// Takes back a cancellation or a move: the occurrence is as the rule gives it again.
pub async fn restore_occurrence(db: &Db, id: i64, original: Date) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM occurrence_changes WHERE activity_id = ? AND original_date = ?")
        .bind(id)
        .bind(original.to_string())
        .execute(&db.write)
        .await?;
    Ok(())
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
) -> Result<Vec<(Activity, Occurrence)>, sqlx::Error> {
    let rows = sqlx::query(
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
        .filter_map(|r| Some((r.get("activity_id"), parse_date(r.get("occurrence_date"))?)))
        .collect();
    let mut ids: Vec<i64> = pairs.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    let list = by_ids(db, &ids).await?;
    let mut found: Vec<(Activity, Occurrence)> = pairs
        .iter()
        .filter_map(|(id, date)| {
            let activity = list.iter().find(|a| a.id == *id)?;
            Some((activity.clone(), occurrence(activity, *date)?))
        })
        .collect();
    found.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(a.0.id.cmp(&b.0.id)));
    Ok(found)
}

/// The activities with these ids (cancelled ones too), with their changes.
pub async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<Activity>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {ACTIVITY_COLUMNS} FROM activities a JOIN places p ON p.id = a.place_id
         WHERE a.id IN (SELECT value FROM json_each(?))"
    );
    let rows = sqlx::query(&sql)
        .bind(super::places::ids_json(ids))
        .fetch_all(&db.read)
        .await?;
    let mut list: Vec<Activity> = rows.iter().map(activity_from_row).collect();
    attach_changes(db, &mut list).await?;
    Ok(list)
}

/// What a page shows of these occurrences, in this order.
pub async fn occurrence_views(
    db: &Db,
    found: Vec<(Activity, Occurrence)>,
    viewer: Option<i64>,
) -> Result<Vec<OccurrenceView>, sqlx::Error> {
    views(db, found, viewer).await
}

/// Whether the resident has a calendar feed address (its token is not kept, so it cannot be
/// shown again).
pub async fn has_calendar_feed(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM calendar_feeds WHERE user_id = ?)")
        .bind(user_id)
        .fetch_one(&db.read)
        .await
}

/// A new token for the resident's feed, of which only the hash is kept; the old address, if
/// any, stops working. The token is returned to be shown once.
pub async fn renew_calendar_token(db: &Db, user_id: i64, now: i64) -> Result<String, sqlx::Error> {
    let fresh = crate::auth::session::new_token();
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE
         SET token_hash = excluded.token_hash, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(crate::auth::session::token_hash(&fresh))
    .bind(now)
    .execute(&db.write)
    .await?;
    Ok(fresh)
}

/// Whose feed a token opens.
pub async fn calendar_owner(db: &Db, token: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT user_id FROM calendar_feeds WHERE token_hash = ?")
        .bind(crate::auth::session::token_hash(token))
        .fetch_optional(&db.read)
        .await
}
