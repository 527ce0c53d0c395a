//! The directory's search: the filter as SQL conditions, the text index, pages and counts.

use super::hours::{hours_of, summaries, summaries_of};
use super::{PlaceRow, PLACE_COLUMNS};
use crate::model::{hours::local_moment, open_data::LocatedPlace, PlaceFilter, PlaceSummary};
use crate::store::{arguments, ids_json, Bind, Db};
use jiff::Timestamp;

/// Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern.
pub(super) fn like_pattern(text: &str) -> String {
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
pub(super) async fn matching(
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
            .bind(crate::store::sql_count(TEXT_COUNT_LIMIT + 1))
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
            .bind(crate::store::sql_count(limit))
            .bind(crate::store::sql_count(offset))
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
            Ok(Some(Total::Exactly(crate::store::rust_count(
                count.unwrap_or(0),
            ))))
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
            Ok::<_, sqlx::Error>(Some(Total::Exactly(crate::store::rust_count(count))))
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
    let (rows, _) = matching_page(db, &everything, None, 0, usize::MAX).await?;
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

/// One page of the places matching a filter with their positions, for the open data and
/// the map: the same SQL as the directory's pages.
pub async fn located_page(
    db: &Db,
    filter: &PlaceFilter,
    now: Timestamp,
    offset: usize,
    limit: usize,
) -> Result<(Vec<LocatedPlace>, Total), sqlx::Error> {
    let (page, total) =
        matching_page(db, filter, filter.open_now.then_some(now), offset, limit).await?;
    let positions: Vec<(f64, f64)> = page.iter().map(|r| (r.latitude, r.longitude)).collect();
    let summaries = summaries_of(db, page, now).await?;
    let located = summaries
        .into_iter()
        .zip(positions)
        .map(|(summary, (latitude, longitude))| LocatedPlace {
            summary,
            latitude,
            longitude,
        })
        .collect();
    Ok((located, total))
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

#[cfg(test)]
#[path = "directory_tests.rs"]
mod tests;
