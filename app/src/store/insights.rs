//! Insights: visits, first visits (and those that came with a buddy), invites, waiting lists and cancellations, counted by
//! SQLite per activity and week or per place (see `model::insights` for what each means).

use crate::model::insights::{Counts, InsightsPlace};
use crate::store::{arguments, Bind, Db};
use sqlx::FromRow;

/// Which activities are counted: one place's, or those of every place in a neighbourhood.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    Place(i64),
    Neighbourhood(i64),
}

impl Scope {
    fn condition(self) -> &'static str {
        match self {
            Scope::Place(_) => "a.place_id = ?",
            Scope::Neighbourhood(_) => {
                "a.place_id IN (SELECT id FROM places WHERE neighbourhood_id = ?)"
            }
        }
    }

    /// The values of [`occurrences_sql`]'s `?`s: the period and the scope, for the signups
    /// and again for the walk-ins.
    fn binds(self, first_day: &str, last_day: &str) -> Vec<Bind> {
        let (Scope::Place(id) | Scope::Neighbourhood(id)) = self;
        let once = [
            Bind::Text(first_day.to_string()),
            Bind::Text(last_day.to_string()),
            Bind::Int(id),
        ];
        once.iter().chain(once.iter()).cloned().collect()
    }
}

/// Per occurrence (activity and date) in the period: the signups' counts, then the walk-ins'.
/// A check-in is a first visit when the same resident has no earlier check-in at that place.
fn occurrences_sql(scope: Scope) -> String {
    let condition = scope.condition();
    let first = "s.checked_in_at IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM signups e JOIN activities ea ON ea.id = e.activity_id
                    WHERE e.user_id = s.user_id AND e.checked_in_at IS NOT NULL
                      AND e.occurrence_date <= s.occurrence_date
                      AND (e.occurrence_date < s.occurrence_date OR e.id < s.id)
                      AND ea.place_id = a.place_id)";
    format!(
        "SELECT a.id AS activity_id, a.place_id, s.occurrence_date AS day,
                sum(s.checked_in_at IS NOT NULL) AS visits,
                sum({first}) AS first_visits,
                sum(EXISTS (
                    SELECT 1 FROM buddy_requests b WHERE b.activity_id = s.activity_id
                      AND b.occurrence_date = s.occurrence_date AND b.user_id = s.user_id
                      AND b.came_at IS NOT NULL) AND {first}) AS with_buddy,
                sum(s.checked_in_at IS NOT NULL AND u.met_at_place = a.place_id) AS invited,
                a.capacity IS NOT NULL AND sum(s.status = 'confirmed') >= a.capacity AS full,
                sum(s.status = 'waiting') AS waiting,
                sum(s.status = 'cancelled') AS cancelled
         FROM activities a
         JOIN signups s ON s.activity_id = a.id AND s.occurrence_date BETWEEN ? AND ?
         JOIN users u ON u.id = s.user_id
         WHERE {condition}
         GROUP BY a.id, s.occurrence_date
         UNION ALL
         SELECT a.id, a.place_id, w.occurrence_date, sum(w.people),
                sum(CASE WHEN w.first_visit = 1 THEN w.people ELSE 0 END), 0, 0, 0, 0, 0
         FROM activities a
         JOIN walk_ins w ON w.activity_id = a.id AND w.occurrence_date BETWEEN ? AND ?
         WHERE {condition}
         GROUP BY a.id, w.occurrence_date"
    )
}

/// The counts SQLite adds up, as the model's counts (never negative).
#[derive(FromRow)]
struct CountsRow {
    visits: i64,
    first_visits: i64,
    with_buddy: i64,
    invited: i64,
    full: i64,
    waiting: i64,
    cancelled: i64,
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

impl From<CountsRow> for Counts {
    fn from(r: CountsRow) -> Self {
        Counts {
            visits: count(r.visits),
            first_visits: count(r.first_visits),
            with_buddy: count(r.with_buddy),
            invited: count(r.invited),
            full: count(r.full),
            waiting: count(r.waiting),
            cancelled: count(r.cancelled),
        }
    }
}

const SUMS: &str = "sum(visits) AS visits, sum(first_visits) AS first_visits,
    sum(with_buddy) AS with_buddy,
    sum(invited) AS invited, sum(full) AS full, sum(waiting) AS waiting,
    sum(cancelled) AS cancelled";

#[derive(FromRow)]
struct ActivityWeekRow {
    activity_id: i64,
    title: String,
    week: String,
    #[sqlx(flatten)]
    counts: CountsRow,
}

/// One activity's counts in one week (its Monday).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityWeek {
    pub activity_id: i64,
    pub title: String,
    pub week: String,
    pub counts: Counts,
}

/// A place's counts per activity and week, from `first_day` to `last_day` (both included);
/// only weeks and activities with anything to count.
pub async fn place_weeks(
    db: &Db,
    place_id: i64,
    first_day: &str,
    last_day: &str,
) -> Result<Vec<ActivityWeek>, sqlx::Error> {
    let scope = Scope::Place(place_id);
    let sql = format!(
        "SELECT activity_id, (SELECT title FROM activities WHERE id = activity_id) AS title,
                date(day, 'weekday 0', '-6 days') AS week, {SUMS}
         FROM ({})
         GROUP BY activity_id, week
         ORDER BY title, activity_id, week",
        occurrences_sql(scope)
    );
    let rows: Vec<ActivityWeekRow> =
        sqlx::query_as_with(&sql, arguments(&scope.binds(first_day, last_day)))
            .fetch_all(&db.read)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| ActivityWeek {
            activity_id: r.activity_id,
            title: r.title,
            week: r.week,
            counts: r.counts.into(),
        })
        .collect())
}

#[derive(FromRow)]
struct PlaceTotalRow {
    id: i64,
    slug: String,
    name: String,
    #[sqlx(flatten)]
    counts: CountsRow,
}

/// One place's counts over a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceTotal {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub counts: Counts,
}

/// Every place of a neighbourhood with its counts over the period (zero where nothing was
/// counted), by name.
pub async fn neighbourhood_places(
    db: &Db,
    neighbourhood_id: i64,
    first_day: &str,
    last_day: &str,
) -> Result<Vec<PlaceTotal>, sqlx::Error> {
    let scope = Scope::Neighbourhood(neighbourhood_id);
    let sql = format!(
        "WITH counted AS (SELECT place_id, {SUMS} FROM ({}) GROUP BY place_id)
         SELECT p.id, p.slug, p.name,
                coalesce(c.visits, 0) AS visits, coalesce(c.first_visits, 0) AS first_visits,
                coalesce(c.with_buddy, 0) AS with_buddy,
                coalesce(c.invited, 0) AS invited, coalesce(c.full, 0) AS full,
                coalesce(c.waiting, 0) AS waiting, coalesce(c.cancelled, 0) AS cancelled
         FROM places p LEFT JOIN counted c ON c.place_id = p.id
         WHERE p.neighbourhood_id = ?
         ORDER BY p.name COLLATE NOCASE, p.id",
        occurrences_sql(scope)
    );
    let rows: Vec<PlaceTotalRow> =
        sqlx::query_as_with(&sql, arguments(&scope.binds(first_day, last_day)))
            .bind(neighbourhood_id)
            .fetch_all(&db.read)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| PlaceTotal {
            id: r.id,
            slug: r.slug,
            name: r.name,
            counts: r.counts.into(),
        })
        .collect())
}

/// A place by slug, with its neighbourhood.
pub async fn place(db: &Db, slug: &str) -> Result<Option<InsightsPlace>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.slug, p.name, n.slug AS neighbourhood_slug, n.name AS neighbourhood_name
         FROM places p JOIN neighbourhoods n ON n.id = p.neighbourhood_id
         WHERE p.slug = ?",
    )
    .bind(slug)
    .fetch_optional(&db.read)
    .await
}

/// A neighbourhood by slug: its id and name.
pub async fn neighbourhood(db: &Db, slug: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM neighbourhoods WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&db.read)
        .await
}

/// The neighbourhoods of the places someone hosts: slug and name, by name.
pub async fn hosted_neighbourhoods(
    db: &Db,
    user_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT DISTINCT n.slug, n.name FROM place_hosts h
         JOIN places p ON p.id = h.place_id
         JOIN neighbourhoods n ON n.id = p.neighbourhood_id
         WHERE h.user_id = ?
         ORDER BY n.name COLLATE NOCASE",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await
}

#[derive(FromRow)]
struct PlanRow {
    detail: String,
}

/// The steps of SQLite's plan for a scope's per-occurrence counts, for tests that check the
/// indexes are used.
pub async fn query_plan(db: &Db, scope: Scope) -> Result<Vec<String>, sqlx::Error> {
    let sql = format!("EXPLAIN QUERY PLAN {}", occurrences_sql(scope));
    let rows: Vec<PlanRow> =
        sqlx::query_as_with(&sql, arguments(&scope.binds("2026-01-01", "2026-03-31")))
            .fetch_all(&db.read)
            .await?;
    Ok(rows.into_iter().map(|r| r.detail).collect())
}
