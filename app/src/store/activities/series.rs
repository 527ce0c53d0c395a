//! Series: what hosts create, change, copy and cancel, and the rows they are read from.

use super::{filter_conditions, ActivityFilter};
use crate::model::activity::{
    schedule::{Change, Repeat, Schedule},
    series::Series,
    ActivityInput, Day,
};
use crate::store::{arguments, ids_json, Db};
use jiff::civil::Date;
use sqlx::{sqlite::SqliteArguments, FromRow};
use std::collections::HashMap;

/// An input's fifteen values, in the order `INPUT_COLUMNS` names them; more can still be
/// bound after them.
fn input_arguments(input: &ActivityInput) -> SqliteArguments<'static> {
    use sqlx::Arguments;
    let (repeat, week) = Schedule::of(input).repeat.columns();
    let mut arguments = SqliteArguments::default();
    // Encoding texts and integers for SQLite cannot fail.
    let _ = arguments.add(input.title.clone());
    let _ = arguments.add(input.description.clone());
    let _ = arguments.add(input.date.iso());
    let _ = arguments.add(input.start_minute);
    let _ = arguments.add(input.duration_minutes);
    let _ = arguments.add(repeat);
    let _ = arguments.add(week);
    let _ = arguments.add(input.until.map(Day::iso));
    let _ = arguments.add(input.capacity);
    let _ = arguments.add(input.cost_cents);
    let _ = arguments.add(input.audience.clone());
    let _ = arguments.add(input.accessibility.clone());
    let _ = arguments.add(input.welcomer.clone());
    let _ = arguments.add(input.online_url.clone());
    let _ = arguments.add(input.leads_to);
    arguments
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
    sqlx::query_scalar_with(&sql, input_arguments(input))
        .bind(place_id)
        .bind(created_by)
        .bind(now)
        .fetch_one(&db.write)
        .await
}

pub async fn update(db: &Db, id: i64, input: &ActivityInput) -> Result<(), sqlx::Error> {
    let sets: Vec<String> = INPUT_COLUMNS.iter().map(|c| format!("{c} = ?")).collect();
    let sql = format!("UPDATE activities SET {} WHERE id = ?", sets.join(", "));
    sqlx::query_with(&sql, input_arguments(input))
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

/// Cancels one occurrence (`moved_to` None) or moves it. Nobody is told: a host's
/// cancellation goes through [`super::cancel_occurrence`], which tells who joined.
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

pub(super) const SERIES_COLUMNS: &str =
    "a.id, a.place_id, p.slug AS place_slug, p.name AS place_name,
    a.title, a.description, a.start_date, a.start_minute, a.duration_minutes, a.repeat,
    a.month_week, a.repeat_until, a.capacity, a.cost_cents, a.audience, a.accessibility,
    a.welcomer, a.online_url, a.leads_to, a.cancelled";

/// An activity row as stored, typed column by column.
#[derive(FromRow)]
pub(super) struct SeriesRow {
    id: i64,
    place_id: i64,
    place_slug: String,
    place_name: String,
    title: String,
    description: String,
    start_date: String,
    start_minute: u16,
    duration_minutes: u16,
    repeat: String,
    month_week: Option<i8>,
    repeat_until: Option<String>,
    capacity: Option<u32>,
    cost_cents: u32,
    audience: String,
    accessibility: String,
    welcomer: String,
    online_url: Option<String>,
    leads_to: Option<i64>,
    cancelled: bool,
}

impl From<SeriesRow> for Series {
    fn from(row: SeriesRow) -> Series {
        // Stored dates were checked on the way in; the fallback is never reached.
        let start_date = Day::parse_date(&row.start_date).unwrap_or(Date::constant(2000, 1, 1));
        Series {
            id: row.id,
            place_id: row.place_id,
            place_slug: row.place_slug,
            place_name: row.place_name,
            title: row.title,
            description: row.description,
            schedule: Schedule {
                start_date,
                start_minute: row.start_minute,
                duration_minutes: row.duration_minutes,
                repeat: Repeat::from_columns(&row.repeat, row.month_week),
                until: row.repeat_until.as_deref().and_then(Day::parse_date),
            },
            capacity: row.capacity,
            cost_cents: row.cost_cents,
            audience: row.audience,
            accessibility: row.accessibility,
            welcomer: row.welcomer,
            online_url: row.online_url,
            leads_to: row.leads_to,
            cancelled: row.cancelled,
            changes: Vec::new(),
        }
    }
}

/// A change to one occurrence as stored.
#[derive(FromRow)]
struct ChangeRow {
    activity_id: i64,
    original_date: String,
    cancelled: bool,
    moved_date: Option<String>,
    moved_minute: Option<u16>,
}

/// Series read by a query over `activities a JOIN places p` that selects
/// [`SERIES_COLUMNS`], with their changes.
pub(super) async fn read_series<'q>(
    db: &Db,
    query: sqlx::query::QueryAs<'q, sqlx::Sqlite, SeriesRow, sqlx::sqlite::SqliteArguments<'q>>,
) -> Result<Vec<Series>, sqlx::Error> {
    let rows = query.fetch_all(&db.read).await?;
    let mut list: Vec<Series> = rows.into_iter().map(Series::from).collect();
    attach_changes(db, &mut list).await?;
    Ok(list)
}

/// The series a filter selects, in order of start time.
pub async fn activities(
    db: &Db,
    filter: &ActivityFilter,
    include_cancelled: bool,
) -> Result<Vec<Series>, sqlx::Error> {
    let (conditions, binds) = filter_conditions(filter, include_cancelled);
    let sql = format!(
        "SELECT {SERIES_COLUMNS} FROM activities a JOIN places p ON p.id = a.place_id
         WHERE {conditions} ORDER BY a.start_minute, a.id"
    );
    read_series(db, sqlx::query_as_with(&sql, arguments(&binds))).await
}

/// Reads the cancelled and moved occurrences of each series in the list.
async fn attach_changes(db: &Db, list: &mut [Series]) -> Result<(), sqlx::Error> {
    // Most days have nothing moved onto them: no query for an empty list.
    if list.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = list.iter().map(|a| a.id).collect();
    let changes: Vec<ChangeRow> = sqlx::query_as(
        "SELECT activity_id, original_date, cancelled, moved_date, moved_minute
         FROM occurrence_changes WHERE activity_id IN (SELECT value FROM json_each(?))",
    )
    .bind(ids_json(&ids))
    .fetch_all(&db.read)
    .await?;
    let mut by_series: HashMap<i64, Vec<Change>> = HashMap::new();
    for row in changes {
        let Some(original) = Day::parse_date(&row.original_date) else {
            continue;
        };
        let moved_to = row
            .moved_date
            .as_deref()
            .and_then(Day::parse_date)
            .zip(row.moved_minute);
        by_series.entry(row.activity_id).or_default().push(Change {
            original,
            cancelled: row.cancelled,
            moved_to,
        });
    }
    for series in list.iter_mut() {
        series.changes = by_series.remove(&series.id).unwrap_or_default();
    }
    Ok(())
}

/// One series by its id (cancelled ones too), with its changes.
pub async fn activity(db: &Db, id: i64) -> Result<Option<Series>, sqlx::Error> {
    Ok(by_ids(db, &[id]).await?.pop())
}

/// The series with these ids (cancelled ones too), with their changes.
pub async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<Series>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {SERIES_COLUMNS} FROM activities a JOIN places p ON p.id = a.place_id
         WHERE a.id IN (SELECT value FROM json_each(?))"
    );
    read_series(db, sqlx::query_as(&sql).bind(ids_json(ids))).await
}
