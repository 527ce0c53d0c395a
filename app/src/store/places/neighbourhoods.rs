//! Neighbourhoods: all of them, one by its slug, the only one, and those a typed name or
//! postcode could mean.

use super::directory::like_pattern;
use crate::model::{place::dutch_postcode, Neighbourhood};
use crate::store::Db;

pub async fn neighbourhoods(db: &Db) -> Result<Vec<Neighbourhood>, sqlx::Error> {
    sqlx::query_as("SELECT slug, name, city, description FROM neighbourhoods ORDER BY name")
        .fetch_all(&db.read)
        .await
}

/// One neighbourhood by its slug.
pub async fn neighbourhood(db: &Db, slug: &str) -> Result<Option<Neighbourhood>, sqlx::Error> {
    sqlx::query_as("SELECT slug, name, city, description FROM neighbourhoods WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&db.read)
        .await
}

/// The neighbourhood, when the site has only one (nothing to choose then).
pub async fn only_neighbourhood(db: &Db) -> Result<Option<Neighbourhood>, sqlx::Error> {
    let mut two: Vec<Neighbourhood> =
        sqlx::query_as("SELECT slug, name, city, description FROM neighbourhoods LIMIT 2")
            .fetch_all(&db.read)
            .await?;
    Ok((two.len() == 1).then(|| two.remove(0)))
}

/// Neighbourhoods for what someone typed: the ones with a place at that postcode, or whose
/// name holds the text (names that begin with it first), at most `limit`, by name.
pub async fn find_neighbourhoods(
    db: &Db,
    text: &str,
    limit: usize,
) -> Result<Vec<Neighbourhood>, sqlx::Error> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    if let Some((digits, letters)) = dutch_postcode(text) {
        // Postcodes are stored as "3521 AB": a range over the index finds the four digits.
        let (low, high) = match letters {
            Some(letters) => {
                let exact = format!("{digits} {letters}");
                (exact.clone(), format!("{exact} "))
            }
            None => (digits.clone(), format!("{digits}~")),
        };
        return sqlx::query_as(
            "SELECT slug, name, city, description FROM neighbourhoods
             WHERE id IN (SELECT neighbourhood_id FROM places WHERE postcode >= ? AND postcode < ?)
             ORDER BY name COLLATE NOCASE LIMIT ?",
        )
        .bind(low)
        .bind(high)
        .bind(crate::store::sql_count(limit))
        .fetch_all(&db.read)
        .await;
    }
    let escaped = like_pattern(text);
    let prefix = format!("{}%", &escaped[1..escaped.len() - 1]);
    sqlx::query_as(
        "SELECT slug, name, city, description FROM neighbourhoods
         WHERE name LIKE ?1 ESCAPE '\\' OR slug = ?3
         ORDER BY slug <> ?3, name NOT LIKE ?2 ESCAPE '\\', name COLLATE NOCASE LIMIT ?4",
    )
    .bind(escaped)
    .bind(prefix)
    .bind(text)
    .bind(crate::store::sql_count(limit))
    .fetch_all(&db.read)
    .await
}
