//! One place's page: its details, hosts and hours.

use super::hours::{hours_of, summaries};
use super::{PlaceRow, PLACE_COLUMNS};
use crate::model::{hours::local_moment, PlaceDetail};
use crate::store::Db;
use jiff::Timestamp;
use sqlx::FromRow;

#[derive(FromRow)]
struct DetailRow {
    description: String,
    postcode: String,
    city: String,
    latitude: f64,
    longitude: f64,
}

/// One place by its slug, or None when there is no such place.
pub async fn by_slug(
    db: &Db,
    slug: &str,
    now: Timestamp,
) -> Result<Option<PlaceDetail>, sqlx::Error> {
    let sql = format!("SELECT {PLACE_COLUMNS} WHERE p.slug = ?1");
    let Some(row) = sqlx::query_as::<_, PlaceRow>(&sql)
        .bind(slug)
        .fetch_optional(&db.read)
        .await?
    else {
        return Ok(None);
    };
    let id = row.id;
    let detail: DetailRow = sqlx::query_as(
        "SELECT description, postcode, city, latitude, longitude FROM places WHERE id = ?1",
    )
    .bind(id)
    .fetch_one(&db.read)
    .await?;
    let hosts: Vec<(String,)> = sqlx::query_as(
        "SELECT display_name FROM place_hosts WHERE place_id = ?1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&db.read)
    .await?;
    let mut hours = hours_of(db, &[id]).await?;
    let summary = summaries(db, vec![row], &hours, now).await?.pop();
    let hours = hours.remove(&id).unwrap_or_default();
    Ok(summary.map(|summary| PlaceDetail {
        summary,
        description: detail.description,
        postcode: detail.postcode,
        city: detail.city,
        latitude: detail.latitude,
        longitude: detail.longitude,
        hours,
        hosts: hosts.into_iter().map(|(name,)| name).collect(),
        today: local_moment(now).weekday,
    }))
}
