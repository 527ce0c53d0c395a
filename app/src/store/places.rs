//! SQL for neighbourhoods and places.

use super::{arguments, ids_json, Bind, Db};
use crate::model::{
    hours::{local_moment, status_at},
    Feature, Neighbourhood, OpeningPeriod, PlaceDetail, PlaceFilter, PlaceKind, PlaceSummary,
};
use jiff::Timestamp;
use sqlx::FromRow;
use std::collections::HashMap;

#[derive(FromRow)]
struct PlaceRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    neighbourhood_slug: String,
    neighbourhood_name: String,
    address: String,
}

#[derive(FromRow)]
struct DetailRow {
    description: String,
    postcode: String,
    city: String,
    latitude: f64,
    longitude: f64,
}

#[derive(FromRow)]
struct HoursRow {
    place_id: i64,
    weekday: i64,
    opens: i64,
    closes: i64,
}

const PLACE_COLUMNS: &str = "p.id, p.slug, p.name, p.kind, n.slug AS neighbourhood_slug, \
     n.name AS neighbourhood_name, p.address \
     FROM places p JOIN neighbourhoods n ON n.id = p.neighbourhood_id";

fn decode_error(what: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unknown {what} {value:?} in the database").into())
}

/// Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

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

/// The four digits of a Dutch postcode at the start of `text` ("3521", "3521AB",
/// "3521 ab"), and the letters if they follow.
fn postcode_of(text: &str) -> Option<(String, Option<String>)> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = compact.chars().take(4).collect();
    let letters: String = compact.chars().skip(4).collect();
    let digits_ok =
        digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) && !digits.starts_with('0');
    let letters_ok = letters.is_empty()
        || (letters.len() == 2 && letters.chars().all(|c| c.is_ascii_alphabetic()));
    (digits_ok && letters_ok).then(|| {
        (
            digits,
            (!letters.is_empty()).then(|| letters.to_ascii_uppercase()),
        )
    })
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
    if let Some((digits, letters)) = postcode_of(text) {
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
        .bind(limit as i64)
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
    .bind(limit as i64)
    .fetch_all(&db.read)
    .await
}

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

/// The words of a directory search, split for the trigram index: words of three or more
/// characters as an FTS5 query (every word must appear, each as a quoted phrase so nothing
/// in it is query syntax), and shorter words as LIKE patterns, which the index cannot use.
fn search_terms(text: &str) -> (Option<String>, Vec<String>) {
    let (long, short): (Vec<&str>, Vec<&str>) = text
        .split_whitespace()
        .partition(|word| word.chars().count() >= 3);
    let phrases: Vec<String> = long
        .iter()
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect();
    let query = (!phrases.is_empty()).then(|| phrases.join(" AND "));
    (query, short.into_iter().map(like_pattern).collect())
}

/// How the text search takes part in a directory query.
#[derive(Clone, Debug)]
enum TextMatch {
    /// The places the trigram index found, when they are few.
    Ids(String),
    /// The places walked in name order, each looked up in the set the index found: when
    /// many match, the first page is found long before the whole set would be sorted.
    InNameOrder(String),
}

/// The `WHERE` of a directory query over `places p`, built from the filter's parts that are
/// set, so that SQLite sees only real conditions and picks an index for them (a
/// `?1 IS NULL OR …` pattern would read every place). With `open_at`, only places open at
/// that moment: by a period of that day that has begun and not ended, one of the day before
/// that runs past midnight, or a light that is on, the same rule as
/// [`status_at`](crate::model::hours::status_at).
fn conditions(
    filter: &PlaceFilter,
    open_at: Option<Timestamp>,
    text: Option<TextMatch>,
) -> (String, Vec<Bind>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut binds = Vec::new();
    if let Some(kind) = filter.kind {
        clauses.push("p.kind = ?".into());
        binds.push(Bind::Text(kind.slug().into()));
    }
    if let Some(slug) = &filter.neighbourhood {
        clauses.push("p.neighbourhood_id = (SELECT id FROM neighbourhoods WHERE slug = ?)".into());
        binds.push(Bind::Text(slug.clone()));
    }
    if let Some(feature) = filter.feature {
        clauses.push(
            "EXISTS (SELECT 1 FROM place_features f WHERE f.place_id = p.id AND f.feature = ?)"
                .into(),
        );
        binds.push(Bind::Text(feature.slug().into()));
    }
    let (_, short) = filter.text.as_deref().map(search_terms).unwrap_or_default();
    match text {
        Some(TextMatch::Ids(ids)) => {
            clauses.push("p.id IN (SELECT value FROM json_each(?))".into());
            binds.push(Bind::Text(ids));
        }
        Some(TextMatch::InNameOrder(fts)) => {
            // `+p.id`: not a way in through the rowid, so the name order leads.
            clauses.push(
                "+p.id IN (SELECT rowid FROM places_search WHERE places_search MATCH ?)".into(),
            );
            binds.push(Bind::Text(fts));
        }
        None => {}
    }
    for pattern in short {
        clauses.push(
            "(p.name LIKE ?1 ESCAPE '\\' OR p.address LIKE ?1 ESCAPE '\\' \
             OR p.description LIKE ?1 ESCAPE '\\')"
                .replace("?1", "?"),
        );
        binds.extend(std::iter::repeat_n(Bind::Text(pattern), 3));
    }
    if let Some(now) = open_at {
        let local = local_moment(now);
        let weekday = i64::from(local.weekday);
        let minute = i64::from(local.minute);
        let yesterday = i64::from(crate::model::hours::previous_weekday(local.weekday));
        // Narrowed by another condition, each place's few periods are looked up by its key;
        // on its own, the open places come from the periods of this day and the lights.
        let narrowed = !clauses.is_empty();
        if narrowed {
            clauses.push(
                "(EXISTS (SELECT 1 FROM opening_hours h WHERE h.place_id = p.id
                     AND ((h.weekday = ? AND h.opens <= ? AND (h.closes <= h.opens OR ? < h.closes))
                       OR (h.weekday = ? AND h.closes <= h.opens AND ? < h.closes)))
                  OR EXISTS (SELECT 1 FROM place_lights l WHERE l.place_id = p.id AND l.on_until > ?))"
                    .into(),
            );
        } else {
            clauses.push(
                "p.id IN (SELECT place_id FROM opening_hours
                          WHERE weekday = ? AND opens <= ? AND (closes <= opens OR ? < closes)
                          UNION SELECT place_id FROM opening_hours
                          WHERE weekday = ? AND closes <= opens AND ? < closes
                          UNION SELECT place_id FROM place_lights WHERE on_until > ?)"
                    .into(),
            );
        }
        binds.extend([
            Bind::Int(weekday),
            Bind::Int(minute),
            Bind::Int(minute),
            Bind::Int(yesterday),
            Bind::Int(minute),
            Bind::Int(now.as_second()),
        ]);
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, binds)
}

/// Up to this many places found by the text index are listed and counted exactly; beyond
/// it, the count says "more than".
pub const TEXT_COUNT_LIMIT: usize = 500;

/// How many places match a directory query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Total {
    Exactly(usize),
    /// More than this many (a common search word): counting them all would cost more than
    /// the page.
    MoreThan(usize),
}

impl Total {
    pub fn at_least(self) -> usize {
        match self {
            Total::Exactly(n) => n,
            Total::MoreThan(n) => n + 1,
        }
    }
}

/// One page of the rows matching a filter, in name order, and how many match in all: SQL
/// filters, counts, orders and pages, so a page reads only its own places.
async fn matching_page(
    db: &Db,
    filter: &PlaceFilter,
    open_at: Option<Timestamp>,
    offset: usize,
    limit: usize,
) -> Result<(Vec<PlaceRow>, Total), sqlx::Error> {
    matching(db, filter, open_at, offset, limit, true).await
}

/// [`matching_page`], with the count only when `counted` (a suggestion list has none).
async fn matching(
    db: &Db,
    filter: &PlaceFilter,
    open_at: Option<Timestamp>,
    offset: usize,
    limit: usize,
    counted: bool,
) -> Result<(Vec<PlaceRow>, Total), sqlx::Error> {
    let (fts, _) = filter.text.as_deref().map(search_terms).unwrap_or_default();
    // The text index first, stopping after a few hundred: few matches are then read by id
    // and sorted; many are met while walking the places in name order.
    let mut many = false;
    let text = match fts {
        None => None,
        Some(fts) => {
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT rowid FROM places_search WHERE places_search MATCH ? LIMIT ?",
            )
            .bind(&fts)
            .bind(TEXT_COUNT_LIMIT as i64 + 1)
            .fetch_all(&db.read)
            .await?;
            if ids.len() > TEXT_COUNT_LIMIT {
                many = true;
                Some(TextMatch::InNameOrder(fts))
            } else {
                Some(TextMatch::Ids(ids_json(&ids)))
            }
        }
    };
    let (clauses, binds) = conditions(filter, open_at, text);
    let page_sql = format!(
        "SELECT {PLACE_COLUMNS} {clauses} ORDER BY p.name COLLATE NOCASE, p.id LIMIT ? OFFSET ?"
    );
    let page = async {
        sqlx::query_as_with(&page_sql, arguments(&binds))
            .bind(limit as i64)
            .bind(offset as i64)
            .fetch_all(&db.read)
            .await
    };
    // The count runs beside the page, on a second connection.
    let count = async {
        if !counted {
            Ok(None)
        } else if clauses.is_empty() {
            // The whole directory: the count the database keeps.
            let count: Option<i64> =
                sqlx::query_scalar("SELECT places FROM place_total WHERE id = 1")
                    .fetch_optional(&db.read)
                    .await?;
            Ok(Some(Total::Exactly(count.unwrap_or(0) as usize)))
        } else if many {
            // A common word: counting would read every match a second time, beside the
            // page that already does; "more than" is all a reader needs of it.
            Ok(None)
        } else {
            let count: i64 = sqlx::query_scalar_with(
                &format!("SELECT count(*) FROM places p {clauses}"),
                arguments(&binds),
            )
            .fetch_one(&db.read)
            .await?;
            Ok::<_, sqlx::Error>(Some(Total::Exactly(count as usize)))
        }
    };
    let (rows, counted): (Vec<PlaceRow>, Option<Total>) = tokio::try_join!(page, count)?;
    let total = match counted {
        Some(total) => total,
        None if offset == 0 && rows.len() < limit => Total::Exactly(rows.len()),
        None => Total::MoreThan(TEXT_COUNT_LIMIT.max(offset + rows.len())),
    };
    Ok((rows, total))
}

/// Every place matching a filter, in name order. "Open now" is worked out here from each
/// place's hours and light, apart from the SQL that pages use.
pub async fn search(
    db: &Db,
    filter: &PlaceFilter,
    now: Timestamp,
) -> Result<Vec<PlaceSummary>, sqlx::Error> {
    let everything = PlaceFilter {
        open_now: false,
        ..filter.clone()
    };
    let (rows, _) = matching_page(db, &everything, None, 0, i64::MAX as usize).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let hours = hours_of(db, &ids).await?;
    let mut places = summaries(db, rows, &hours, now).await?;
    if filter.open_now {
        places.retain(PlaceSummary::is_open_now);
    }
    Ok(places)
}

/// One page of the places matching a filter: up to `limit` from `offset`, and how many match
/// in all. Only the page's places get their hours, features and light read.
pub async fn search_page(
    db: &Db,
    filter: &PlaceFilter,
    now: Timestamp,
    offset: usize,
    limit: usize,
) -> Result<(Vec<PlaceSummary>, Total), sqlx::Error> {
    let (page, total) =
        matching_page(db, filter, filter.open_now.then_some(now), offset, limit).await?;
    Ok((summaries_of(db, page, now).await?, total))
}

/// The rows as list entries: their hours, features and lights read side by side.
async fn summaries_of(
    db: &Db,
    rows: Vec<PlaceRow>,
    now: Timestamp,
) -> Result<Vec<PlaceSummary>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let (hours, features, lights) = tokio::try_join!(
        hours_of(db, &ids),
        features_of(db, &ids),
        super::lights::lights_of(db, &ids, now)
    )?;
    to_summaries(rows, &hours, features, lights, now)
}

/// Places open now (their hours or their light), at most `limit`, and how many there are.
pub async fn open_now(
    db: &Db,
    now: Timestamp,
    limit: usize,
) -> Result<(Vec<PlaceSummary>, usize), sqlx::Error> {
    let filter = PlaceFilter {
        open_now: true,
        ..Default::default()
    };
    let (places, total) = search_page(db, &filter, now, 0, limit).await?;
    Ok((places, total.at_least()))
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

/// Adds features (one query for the whole list) and the status at `now` to place rows.
async fn summaries(
    db: &Db,
    rows: Vec<PlaceRow>,
    hours: &HashMap<i64, Vec<OpeningPeriod>>,
    now: Timestamp,
) -> Result<Vec<PlaceSummary>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let features = features_of(db, &ids).await?;
    let lights = super::lights::lights_of(db, &ids, now).await?;
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

async fn hours_of(db: &Db, ids: &[i64]) -> Result<HashMap<i64, Vec<OpeningPeriod>>, sqlx::Error> {
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
    if minute <= local.hour() as u16 * 60 + local.minute() as u16 {
        day = day.tomorrow().unwrap_or(day);
    }
    let minute = minute.min(24 * 60 - 1);
    Ok(
        crate::model::activity::schedule::strict_instant(day, minute)
            .map(|t| t.as_second())
            .unwrap_or(fallback),
    )
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_wildcards_in_user_text_are_literal() {
        assert_eq!(like_pattern("koffie"), "%koffie%");
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn search_terms_quote_long_words_and_keep_short_ones_for_like() {
        use super::search_terms;
        assert_eq!(search_terms("koffie"), (Some("\"koffie\"".into()), vec![]));
        assert_eq!(
            search_terms("  de  Linde "),
            (Some("\"Linde\"".into()), vec!["%de%".to_string()])
        );
        assert_eq!(
            search_terms("a\"b\"c NEAR(x"),
            (Some("\"a\"\"b\"\"c\" AND \"NEAR(x\"".into()), vec![])
        );
        assert_eq!(search_terms("5%"), (None, vec!["%5\\%%".to_string()]));
        assert_eq!(search_terms(""), (None, vec![]));
    }
}
