//! SQL for neighbourhoods and places.

use super::Db;
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

/// The rows matching a filter (all but "open now", which needs the hours), in name order.
/// With `maybe_open_at`, only the places that may be open then: a period of that day that
/// has begun, one of the day before that runs past midnight and has not ended, or a light
/// that is on. A superset, so the exact status is still worked out by the caller; it keeps
/// that work to a few places out of thousands.
async fn matching_rows(
    db: &Db,
    filter: &PlaceFilter,
    maybe_open_at: Option<Timestamp>,
) -> Result<Vec<PlaceRow>, sqlx::Error> {
    let (fts, short) = filter.text.as_deref().map(search_terms).unwrap_or_default();
    // Parameters from ?4 on: the FTS query if any, then one per short word.
    let mut text_clauses = String::new();
    let mut next = 4;
    if fts.is_some() {
        text_clauses.push_str(&format!(
            " AND p.id IN (SELECT rowid FROM places_search WHERE places_search MATCH ?{next})"
        ));
        next += 1;
    }
    for _ in &short {
        text_clauses.push_str(&format!(
            " AND (p.name LIKE ?{next} ESCAPE '\\' OR p.address LIKE ?{next} ESCAPE '\\'
                   OR p.description LIKE ?{next} ESCAPE '\\')"
        ));
        next += 1;
    }
    let open_params = maybe_open_at.map(|now| {
        let local = local_moment(now);
        text_clauses.push_str(&format!(
            " AND p.id IN (SELECT place_id FROM opening_hours
                           WHERE (weekday = ?{a} AND opens <= ?{b})
                              OR (weekday = ?{c} AND closes <= opens AND ?{b} < closes)
                           UNION SELECT place_id FROM place_lights WHERE on_until > ?{d})",
            a = next,
            b = next + 1,
            c = next + 2,
            d = next + 3,
        ));
        [
            i64::from(local.weekday),
            i64::from(local.minute),
            i64::from(crate::model::hours::previous_weekday(local.weekday)),
            now.as_second(),
        ]
    });
    let sql = format!(
        "SELECT {PLACE_COLUMNS}
         WHERE (?1 IS NULL OR p.kind = ?1)
           AND (?2 IS NULL OR n.slug = ?2)
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM place_features f
                                      WHERE f.place_id = p.id AND f.feature = ?3))
           {text_clauses}
         ORDER BY p.name COLLATE NOCASE, p.id"
    );
    let mut query = sqlx::query_as(&sql)
        .bind(filter.kind.map(PlaceKind::slug))
        .bind(filter.neighbourhood.as_deref())
        .bind(filter.feature.map(Feature::slug));
    for value in fts.into_iter().chain(short) {
        query = query.bind(value);
    }
    for value in open_params.into_iter().flatten() {
        query = query.bind(value);
    }
    query.fetch_all(&db.read).await
}

/// Every place matching a filter, in name order.
pub async fn search(
    db: &Db,
    filter: &PlaceFilter,
    now: Timestamp,
) -> Result<Vec<PlaceSummary>, sqlx::Error> {
    let rows = matching_rows(db, filter, None).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let hours = hours_of(db, &ids).await?;
    let mut places = summaries(db, rows, &hours, now).await?;
    if filter.open_now {
        places.retain(PlaceSummary::is_open_now);
    }
    Ok(places)
}

/// One page of the places matching a filter: up to `limit` from `offset`, and how many match
/// in all. Only the page's places get their features read; "open now" reads the hours of
/// the places that may be open.
pub async fn search_page(
    db: &Db,
    filter: &PlaceFilter,
    now: Timestamp,
    offset: usize,
    limit: usize,
) -> Result<(Vec<PlaceSummary>, usize), sqlx::Error> {
    let mut rows = matching_rows(db, filter, filter.open_now.then_some(now)).await?;
    if filter.open_now {
        // Decide "open" from the hours and lights of the places that can be open now only;
        // the rest of each place is read for the page alone.
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let hours = hours_of(db, &ids).await?;
        let lights = super::activities::lights_of(db, &ids, now).await?;
        rows.retain(|r| {
            lights.contains_key(&r.id)
                || status_at(hours.get(&r.id).map(Vec::as_slice).unwrap_or_default(), now).is_open()
        });
    }
    let total = rows.len();
    let page: Vec<PlaceRow> = rows.into_iter().skip(offset).take(limit).collect();
    let ids: Vec<i64> = page.iter().map(|r| r.id).collect();
    let hours = hours_of(db, &ids).await?;
    Ok((summaries(db, page, &hours, now).await?, total))
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
    search_page(db, &filter, now, 0, limit).await
}

/// How many places each neighbourhood has, by slug.
pub async fn counts_by_neighbourhood(db: &Db) -> Result<HashMap<String, i64>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT n.slug, count(p.id) FROM neighbourhoods n
         LEFT JOIN places p ON p.neighbourhood_id = n.id GROUP BY n.id",
    )
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().collect())
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
    let mut features = features_of(db, &ids).await?;
    let mut lights = super::activities::lights_of(db, &ids, now).await?;
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

pub(super) fn ids_json(ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", list.join(","))
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
    Ok(crate::model::recurrence::strict_instant(day, minute)
        .map(|t| t.as_second())
        .unwrap_or(fallback))
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
