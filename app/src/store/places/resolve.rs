//! What someone typed in a neighbourhood or place field: the one it names or the ones it
//! could be, and suggestions while typing.

use super::directory::matching;
use super::neighbourhoods::find_neighbourhoods;
use crate::model::{Neighbourhood, PlaceFilter};
use crate::store::Db;
use sqlx::FromRow;

/// What a typed neighbourhood comes to: the one it names (its slug, its exact name, or the
/// only one that fits), or the ones it could be.
#[derive(Clone, Debug, PartialEq)]
pub enum Found<T> {
    One(T),
    Several(Vec<T>),
}

/// Resolves what someone typed in a neighbourhood field.
pub async fn resolve_neighbourhood(
    db: &Db,
    text: &str,
    limit: usize,
) -> Result<Found<Neighbourhood>, sqlx::Error> {
    let text = text.trim();
    let found = find_neighbourhoods(db, text, limit).await?;
    Ok(the_one_named(found, text, |n| (&n.slug, &n.name)))
}

/// The one of `found` that `text` names: the one with that slug, else the only one with
/// exactly that name (in any case), else the only one found; otherwise all of them.
fn the_one_named<T>(
    mut found: Vec<T>,
    text: &str,
    slug_and_name: impl Fn(&T) -> (&str, &str),
) -> Found<T> {
    let wanted = text.to_lowercase();
    let same_name: Vec<usize> = found
        .iter()
        .enumerate()
        .filter(|(_, item)| slug_and_name(item).1.to_lowercase() == wanted)
        .map(|(i, _)| i)
        .collect();
    let one = found
        .iter()
        .position(|item| slug_and_name(item).0 == text)
        .or_else(|| (same_name.len() == 1).then(|| same_name[0]))
        .or_else(|| (found.len() == 1).then_some(0));
    match one {
        Some(index) => Found::One(found.swap_remove(index)),
        None => Found::Several(found),
    }
}

/// A place named in a form: its id, slug and name.
#[derive(Clone, Debug, PartialEq, FromRow)]
pub struct NamedPlace {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// Resolves what someone typed in a place field: a slug, the exact name of one place, or
/// text only one place's name or address holds; otherwise the places it could be.
pub async fn resolve_place(
    db: &Db,
    text: &str,
    limit: usize,
) -> Result<Found<NamedPlace>, sqlx::Error> {
    let text = text.trim();
    if crate::model::place::is_valid_slug(text) {
        let by_slug: Option<NamedPlace> =
            sqlx::query_as("SELECT id, slug, name FROM places WHERE slug = ?")
                .bind(text)
                .fetch_optional(&db.read)
                .await?;
        if let Some(place) = by_slug {
            return Ok(Found::One(place));
        }
    }
    if text.chars().count() < 3 {
        return Ok(Found::Several(Vec::new()));
    }
    let filter = PlaceFilter {
        text: Some(text.to_string()),
        ..Default::default()
    };
    let (rows, _) = matching(db, &filter, None, 0, limit, false).await?;
    let found: Vec<NamedPlace> = rows
        .into_iter()
        .map(|r| NamedPlace {
            id: r.id,
            slug: r.slug,
            name: r.name,
        })
        .collect();
    Ok(the_one_named(found, text, |p| (&p.slug, &p.name)))
}

/// Places whose name holds the text, for a suggestion list: at most `limit`, by name.
pub async fn suggest_places(
    db: &Db,
    text: &str,
    limit: usize,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    // Shorter than three characters, the trigram index cannot help.
    if text.trim().chars().count() < 3 {
        return Ok(Vec::new());
    }
    let filter = PlaceFilter {
        text: Some(text.to_string()),
        ..Default::default()
    };
    let (rows, _) = matching(db, &filter, None, 0, limit, false).await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.slug, r.name, r.neighbourhood_name))
        .collect())
}

/// The place with this slug, as (slug, name, neighbourhood name).
pub async fn place_by_slug(
    db: &Db,
    slug: &str,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.slug, p.name, n.name FROM places p
         JOIN neighbourhoods n ON n.id = p.neighbourhood_id
         WHERE p.slug = ?",
    )
    .bind(slug)
    .fetch_optional(&db.read)
    .await
}
