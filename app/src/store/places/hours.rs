//! Places' opening hours, features and lights, read for a list at once and made into list
//! entries with their status; and when a light goes off by default.

use super::{decode_error, PlaceRow};
use crate::model::{hours::status_at, Feature, OpeningPeriod, PlaceKind, PlaceSummary};
use crate::store::{ids_json, Db};
use jiff::Timestamp;
use sqlx::FromRow;
use std::collections::HashMap;

#[derive(FromRow)]
struct HoursRow {
    place_id: i64,
    weekday: i64,
    opens: i64,
    closes: i64,
}

/// The rows as list entries: their hours, features and lights read side by side.
pub(super) async fn summaries_of(
    db: &Db,
    rows: Vec<PlaceRow>,
    now: Timestamp,
) -> Result<Vec<PlaceSummary>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let (hours, features, lights) = tokio::try_join!(
        hours_of(db, &ids),
        features_of(db, &ids),
        crate::store::lights::lights_of(db, &ids, now)
    )?;
    to_summaries(rows, &hours, features, lights, now)
}

/// Adds features (one query for the whole list) and the status at `now` to place rows.
pub(super) async fn summaries(
    db: &Db,
    rows: Vec<PlaceRow>,
    hours: &HashMap<i64, Vec<OpeningPeriod>>,
    now: Timestamp,
) -> Result<Vec<PlaceSummary>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let features = features_of(db, &ids).await?;
    let lights = crate::store::lights::lights_of(db, &ids, now).await?;
    to_summaries(rows, hours, features, lights, now)
}

fn to_summaries(
    rows: Vec<PlaceRow>,
    hours: &HashMap<i64, Vec<OpeningPeriod>>,
    mut features: HashMap<i64, Vec<Feature>>,
    mut lights: HashMap<i64, String>,
    now: Timestamp,
) -> Result<Vec<PlaceSummary>, sqlx::Error> {
    rows.into_iter()
        .map(|row| {
            let kind =
                PlaceKind::from_slug(&row.kind).ok_or_else(|| decode_error("kind", &row.kind))?;
            let periods = hours.get(&row.id).map(Vec::as_slice).unwrap_or_default();
            Ok(PlaceSummary {
                status: status_at(periods, now),
                light_until: lights.remove(&row.id),
                features: features.remove(&row.id).unwrap_or_default(),
                slug: row.slug,
                name: row.name,
                kind,
                neighbourhood_slug: row.neighbourhood_slug,
                neighbourhood_name: row.neighbourhood_name,
                address: row.address,
            })
        })
        .collect()
}

pub(super) async fn hours_of(
    db: &Db,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<OpeningPeriod>>, sqlx::Error> {
    let rows: Vec<HoursRow> = sqlx::query_as(
        "SELECT place_id, weekday, opens, closes FROM opening_hours
         WHERE place_id IN (SELECT value FROM json_each(?1))
         ORDER BY place_id, weekday, opens",
    )
    .bind(ids_json(ids))
    .fetch_all(&db.read)
    .await?;
    let mut by_place: HashMap<i64, Vec<OpeningPeriod>> = HashMap::new();
    for row in rows {
        let period = OpeningPeriod {
            weekday: u8::try_from(row.weekday)
                .map_err(|_| decode_error("weekday", &row.weekday.to_string()))?,
            opens: u16::try_from(row.opens)
                .map_err(|_| decode_error("minute", &row.opens.to_string()))?,
            closes: u16::try_from(row.closes)
                .map_err(|_| decode_error("minute", &row.closes.to_string()))?,
        };
        by_place.entry(row.place_id).or_default().push(period);
    }
    Ok(by_place)
}

async fn features_of(db: &Db, ids: &[i64]) -> Result<HashMap<i64, Vec<Feature>>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT place_id, feature FROM place_features
         WHERE place_id IN (SELECT value FROM json_each(?1))",
    )
    .bind(ids_json(ids))
    .fetch_all(&db.read)
    .await?;
    let mut by_place: HashMap<i64, Vec<Feature>> = HashMap::new();
    for (place_id, slug) in rows {
        let feature = Feature::from_slug(&slug).ok_or_else(|| decode_error("feature", &slug))?;
        by_place.entry(place_id).or_default().push(feature);
    }
    for features in by_place.values_mut() {
        features.sort();
    }
    Ok(by_place)
}

/// When a light switched on without a time goes off: at the end of the current opening
/// period, or three hours from now when the place is not open by its hours.
pub async fn light_default_end(db: &Db, place_id: i64, now: Timestamp) -> Result<i64, sqlx::Error> {
    let hours = hours_of(db, &[place_id]).await?;
    let periods = hours.get(&place_id).map(Vec::as_slice).unwrap_or_default();
    let fallback = now.as_second() + 3 * 60 * 60;
    let crate::model::OpenStatus::Open {
        until: Some(minute),
    } = status_at(periods, now)
    else {
        return Ok(fallback);
    };
    let local = now.to_zoned(crate::model::hours::amsterdam());
    let mut day = local.date();
    if i32::from(minute) <= i32::from(local.hour()) * 60 + i32::from(local.minute()) {
        day = day.tomorrow().unwrap_or(day);
    }
    let minute = minute.min(crate::model::hours::MINUTES_PER_DAY - 1);
    Ok(
        crate::model::activity::schedule::strict_instant(day, minute)
            .map(|t| t.as_second())
            .unwrap_or(fallback),
    )
}
