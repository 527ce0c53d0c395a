//! Writing an imported list of places: each row found by the list's own key is updated when
//! it changed, the others are added; neighbourhoods the list names are found by name or slug,
//! or made. All in one transaction, so a list lands whole or not at all.

use crate::model::import::{slug_of, ImportedPlace};
use crate::store::Db;
use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::{FromRow, Sqlite, Transaction};
use std::collections::HashMap;

/// What an import did, or on a dry run would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Names of the neighbourhoods that were made for this list.
    pub new_neighbourhoods: Vec<String>,
}

#[derive(FromRow)]
struct StoredPlace {
    id: i64,
    #[sqlx(flatten)]
    fields: PlaceFields,
}

/// A place's columns that a list sets.
#[derive(FromRow, PartialEq)]
struct PlaceFields {
    name: String,
    kind: String,
    address: String,
    postcode: String,
    city: String,
    neighbourhood_id: i64,
    latitude: f64,
    longitude: f64,
    description: String,
}

/// Adds or updates every place of the list. With `dry_run` the same work is done and then
/// rolled back, so the report tells exactly what a real run would do.
pub async fn import_places(
    db: &Db,
    places: &[ImportedPlace],
    dry_run: bool,
) -> Result<ImportReport, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let mut report = ImportReport::default();
    let mut neighbourhoods: HashMap<String, i64> = HashMap::new();
    for place in places {
        let lookup = place.neighbourhood.to_lowercase();
        let neighbourhood_id = match neighbourhoods.get(&lookup) {
            Some(&id) => id,
            None => {
                let id = neighbourhood_id(&mut tx, place, &mut report).await?;
                neighbourhoods.insert(lookup, id);
                id
            }
        };
        let wanted = PlaceFields {
            name: place.name.clone(),
            kind: place.kind.slug().to_string(),
            address: place.address.clone(),
            postcode: place.postcode.clone(),
            city: place.city.clone(),
            neighbourhood_id,
            latitude: place.latitude,
            longitude: place.longitude,
            description: place.description.clone(),
        };
        let stored: Option<StoredPlace> = sqlx::query_as(
            "SELECT id, name, kind, address, postcode, city, neighbourhood_id, latitude,
                    longitude, description
             FROM places WHERE source_key = ?1",
        )
        .bind(&place.key)
        .fetch_optional(&mut *tx)
        .await?;
        match stored {
            Some(stored) if stored.fields == wanted => report.unchanged += 1,
            Some(stored) => {
                let update = sqlx::query(
                    "UPDATE places SET name = ?2, kind = ?3, address = ?4, postcode = ?5,
                            city = ?6, neighbourhood_id = ?7, latitude = ?8, longitude = ?9,
                            description = ?10
                     WHERE id = ?1",
                )
                .bind(stored.id);
                bind_fields(update, &wanted).execute(&mut *tx).await?;
                report.changed += 1;
            }
            None => {
                let slug = free_slug(&mut tx, "places", &slug_of(&place.name)).await?;
                let insert = sqlx::query(
                    "INSERT INTO places (slug, source_key, name, kind, address, postcode, city,
                                         neighbourhood_id, latitude, longitude, description)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .bind(slug)
                .bind(&place.key);
                bind_fields(insert, &wanted).execute(&mut *tx).await?;
                report.added += 1;
            }
        }
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(report)
}

/// Binds a place's columns, in the order both statements above list them.
fn bind_fields<'q>(
    query: Query<'q, Sqlite, SqliteArguments<'q>>,
    fields: &'q PlaceFields,
) -> Query<'q, Sqlite, SqliteArguments<'q>> {
    query
        .bind(&fields.name)
        .bind(&fields.kind)
        .bind(&fields.address)
        .bind(&fields.postcode)
        .bind(&fields.city)
        .bind(fields.neighbourhood_id)
        .bind(fields.latitude)
        .bind(fields.longitude)
        .bind(&fields.description)
}

/// The neighbourhood a row names, by name (any case) or slug; made in the row's city when
/// there is none yet.
async fn neighbourhood_id(
    tx: &mut Transaction<'static, Sqlite>,
    place: &ImportedPlace,
    report: &mut ImportReport,
) -> Result<i64, sqlx::Error> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM neighbourhoods WHERE name = ?1 COLLATE NOCASE OR slug = ?1 LIMIT 1",
    )
    .bind(&place.neighbourhood)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some((id,)) = found {
        return Ok(id);
    }
    let slug = free_slug(tx, "neighbourhoods", &slug_of(&place.neighbourhood)).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO neighbourhoods (slug, name, city) VALUES (?1, ?2, ?3) RETURNING id",
    )
    .bind(&slug)
    .bind(&place.neighbourhood)
    .bind(&place.city)
    .fetch_one(&mut **tx)
    .await?;
    report.new_neighbourhoods.push(place.neighbourhood.clone());
    Ok(id)
}

/// `slug`, or the first of `slug-2`, `slug-3`, … that `table` does not hold yet.
async fn free_slug(
    tx: &mut Transaction<'static, Sqlite>,
    table: &'static str,
    slug: &str,
) -> Result<String, sqlx::Error> {
    let query = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE slug = ?1)");
    let mut candidate = slug.to_string();
    for n in 2.. {
        let (taken,): (bool,) = sqlx::query_as(&query)
            .bind(&candidate)
            .fetch_one(&mut **tx)
            .await?;
        if !taken {
            break;
        }
        candidate = format!("{slug}-{n}");
    }
    Ok(candidate)
}
