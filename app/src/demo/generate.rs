//! A large, realistic data set for benchmarks and load tests: neighbourhoods with places,
//! opening hours, features, hosts, residents, activities, threads and posts. The same seed
//! always gives the same database (a small generator of its own, not a crate whose
//! algorithm could change with an update).

use super::generate_words::*;
use crate::store::Db;

/// How much to make. [`Scale::FULL`] is the size the benchmarks are specified at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub neighbourhoods: u32,
    pub places_per_neighbourhood: u32,
    pub activities_per_place: u32,
    pub residents: u32,
    pub threads_per_place: u32,
    pub posts: u32,
}

impl Scale {
    /// 1,000 neighbourhoods, 20,000 places, 200,000 activities, 1,000,000 posts.
    pub const FULL: Scale = Scale {
        neighbourhoods: 1_000,
        places_per_neighbourhood: 20,
        activities_per_place: 10,
        residents: 50_000,
        threads_per_place: 2,
        posts: 1_000_000,
    };

    /// A hundredth of the full set, for tests.
    pub const SMALL: Scale = Scale {
        neighbourhoods: 10,
        places_per_neighbourhood: 20,
        activities_per_place: 10,
        residents: 500,
        threads_per_place: 2,
        posts: 10_000,
    };
}

/// What was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub neighbourhoods: u64,
    pub places: u64,
    pub activities: u64,
    pub residents: u64,
    pub threads: u64,
    pub posts: u64,
    /// Signups (confirmed, checked in, waiting, cancelled) and walk-ins in past weeks.
    pub signups: u64,
    pub walk_ins: u64,
}

/// SplitMix64: tiny, fast, and fixed forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn sentence(rng: &mut Rng, words: u64) -> String {
    let n = 4 + rng.below(words);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let word: &&str = rng.pick(&WORDS);
        out.push_str(word);
    }
    let mut chars = out.chars();
    let first = chars.next().map(|c| c.to_uppercase().to_string());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

/// Fills an empty database. Refuses (returns `Ok(None)`) when it already holds places, so a
/// real site is never mixed with generated data.
pub async fn generate(
    db: &Db,
    seed: u64,
    scale: Scale,
    progress: impl Fn(&str),
) -> Result<Option<Counts>, sqlx::Error> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM places")
        .fetch_one(&db.read)
        .await?;
    if existing > 0 {
        return Ok(None);
    }
    let mut rng = Rng(seed);
    let mut counts = Counts::default();
    let now: i64 = 1_795_000_000; // 2026-11-18: fixed, so the data does not depend on the day.

    progress("neighbourhoods and places");
    let mut tx = db.begin_write().await?;
    let mut place_id: i64 = 0;
    for n in 1..=scale.neighbourhoods {
        let name = format!("{}{} {n}", rng.pick(&TREES), rng.pick(&PARTS));
        let city = *rng.pick(&CITIES);
        sqlx::query(
            "INSERT INTO neighbourhoods (id, slug, name, city, description) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(i64::from(n))
        .bind(format!("wijk-{n}"))
        .bind(&name)
        .bind(city)
        .bind(sentence(&mut rng, 20))
        .execute(&mut *tx)
        .await?;
        counts.neighbourhoods += 1;
        for p in 0..scale.places_per_neighbourhood {
            place_id += 1;
            let (kind, label) = *rng.pick(&KINDS);
            let name = format!("{label} De {} {p}", rng.pick(&TREES));
            sqlx::query(
                "INSERT INTO places (id, slug, neighbourhood_id, name, kind, description, address,
                     postcode, city, latitude, longitude)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(place_id)
            .bind(format!("plek-{place_id}"))
            .bind(i64::from(n))
            .bind(&name)
            .bind(kind)
            .bind(format!(
                "{} {}",
                sentence(&mut rng, 16),
                sentence(&mut rng, 16)
            ))
            .bind(format!("{}straat {}", rng.pick(&TREES), 1 + rng.below(200)))
            .bind(format!(
                "{} {}{}",
                1000 + rng.below(8999),
                (b'A' + rng.below(26) as u8) as char,
                (b'A' + rng.below(26) as u8) as char
            ))
            .bind(city)
            .bind(51.0 + rng.below(200_000) as f64 / 100_000.0)
            .bind(4.0 + rng.below(300_000) as f64 / 100_000.0)
            .execute(&mut *tx)
            .await?;
            counts.places += 1;
            for weekday in 1..=7i64 {
                if rng.chance(30) {
                    continue;
                }
                let opens = 8 * 60 + 30 * rng.below(8) as i64;
                let closes = opens + 120 + 30 * rng.below(16) as i64;
                sqlx::query(
                    "INSERT INTO opening_hours (place_id, weekday, opens, closes) VALUES (?, ?, ?, ?)",
                )
                .bind(place_id)
                .bind(weekday)
                .bind(opens)
                .bind(closes.min(1440))
                .execute(&mut *tx)
                .await?;
            }
            for feature in FEATURES {
                if rng.chance(35) {
                    sqlx::query("INSERT INTO place_features (place_id, feature) VALUES (?, ?)")
                        .bind(place_id)
                        .bind(feature)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            sqlx::query(
                "INSERT INTO place_hosts (place_id, display_name, position) VALUES (?, ?, 0)",
            )
            .bind(place_id)
            .bind(*rng.pick(&FIRST))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;

    progress("residents");
    let mut tx = db.begin_write().await?;
    for r in 1..=scale.residents {
        sqlx::query(
            "INSERT INTO users (username, display_name, password_hash, created_at)
             VALUES (?, ?, '!', ?)",
        )
        .bind(format!("bewoner{r}"))
        .bind(format!(
            "{} {}",
            rng.pick(&FIRST),
            (b'A' + rng.below(26) as u8) as char
        ))
        .bind(now - rng.below(3 * 365 * 86_400) as i64)
        .execute(&mut *tx)
        .await?;
        counts.residents += 1;
    }
    tx.commit().await?;

    progress("activities");
    let places = place_id;
    let mut tx = db.begin_write().await?;
    for place in 1..=places {
        for _ in 0..scale.activities_per_place {
            let repeat = *rng.pick(&["once", "weekly", "weekly", "fortnightly", "monthly"]);
            let start = 9 * 60 + 30 * rng.below(24) as i64;
            let day = 1 + rng.below(28);
            let month = 1 + rng.below(12);
            sqlx::query(
                "INSERT INTO activities (place_id, title, description, start_date, start_minute,
                     duration_minutes, repeat, month_week, capacity, cost_cents, welcomer, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(place)
            .bind(*rng.pick(&ACTIVITIES))
            .bind(sentence(&mut rng, 20))
            .bind(format!("2026-{month:02}-{day:02}"))
            .bind(start)
            .bind(60 + 30 * rng.below(4) as i64)
            .bind(repeat)
            .bind((repeat == "monthly").then(|| 1 + (day as i64 - 1) / 7))
            .bind(rng.chance(40).then(|| 8 + rng.below(30) as i64))
            .bind(if rng.chance(70) { 0 } else { 50 * rng.below(10) as i64 })
            .bind(*rng.pick(&FIRST))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            counts.activities += 1;
        }
        if place % 2_000 == 0 {
            tx.commit().await?;
            tx = db.begin_write().await?;
        }
    }
    tx.commit().await?;

    progress("threads and posts");
    let threads = places * i64::from(scale.threads_per_place);
    let posts_per_thread = (u64::from(scale.posts) / threads.max(1) as u64).max(1);
    let mut tx = db.begin_write().await?;
    let mut thread_id: i64 = 0;
    let mut post_id: i64 = 0;
    for place in 1..=places {
        let neighbourhood = 1 + (place - 1) / i64::from(scale.places_per_neighbourhood.max(1));
        for _ in 0..scale.threads_per_place {
            thread_id += 1;
            let started = now - rng.below(365 * 86_400) as i64;
            let title = sentence(&mut rng, 6);
            sqlx::query(
                "INSERT INTO threads (id, place_id, neighbourhood_id, title, author_id, created_at,
                     last_post_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(thread_id)
            .bind(place)
            .bind(neighbourhood)
            .bind(title.chars().take(120).collect::<String>())
            .bind(1 + rng.below(u64::from(scale.residents.max(1))) as i64)
            .bind(started)
            .bind(started + posts_per_thread as i64 * 600)
            .execute(&mut *tx)
            .await?;
            counts.threads += 1;
            let opening = post_id + 1;
            for k in 0..posts_per_thread {
                if counts.posts >= u64::from(scale.posts) {
                    break;
                }
                post_id += 1;
                let body = format!("{} {}", sentence(&mut rng, 14), sentence(&mut rng, 14));
                let parent = (k > 0 && rng.chance(40)).then_some(opening);
                sqlx::query(
                    "INSERT INTO posts (id, thread_id, parent_id, is_opening, author_id, body_source,
                         body_html, status, created_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, 'visible', ?)",
                )
                .bind(post_id)
                .bind(thread_id)
                .bind(parent)
                .bind(k == 0)
                .bind(1 + rng.below(u64::from(scale.residents.max(1))) as i64)
                .bind(&body)
                .bind(format!("<p>{body}</p>\n"))
                .bind(started + k as i64 * 600)
                .execute(&mut *tx)
                .await?;
                counts.posts += 1;
            }
        }
        if place % 500 == 0 {
            tx.commit().await?;
            tx = db.begin_write().await?;
            progress(&format!("{} posts", counts.posts));
        }
    }
    tx.commit().await?;
    progress("past visits");
    past_visits(db, seed, scale, &mut counts).await?;
    progress("analyzing");
    sqlx::query("ANALYZE").execute(&db.write).await?;
    Ok(Some(counts))
}

/// Weeks of visits before the fixed day, for the insights pages.
const VISIT_WEEKS: i64 = 12;
/// The residents who come to a neighbourhood's places: a pool each, so people return.
const POOL: u64 = 60;

/// Twelve weeks of visits at every second place, at its earliest weekly activity: signups from
/// the neighbourhood's pool of residents, most checked in, some cancelled, some waiting when
/// the activity is full, and walk-ins; a tenth of the residents came through an invite. A
/// generator of its own, so the rows made before stay the same for the same seed.
async fn past_visits(
    db: &Db,
    seed: u64,
    scale: Scale,
    counts: &mut Counts,
) -> Result<(), sqlx::Error> {
    use jiff::ToSpan;
    let mut rng = Rng(seed ^ 0x0123_4567_89AB_CDEF);
    let today = jiff::civil::date(2026, 11, 18);
    let per_area = i64::from(scale.places_per_neighbourhood.max(1));
    let residents = u64::from(scale.residents.max(1));
    let mut tx = db.begin_write().await?;
    for r in 1..=residents {
        if rng.chance(10) {
            let area = ((r - 1) / POOL) % u64::from(scale.neighbourhoods.max(1));
            let place = i64::try_from(area).unwrap_or(0) * per_area
                + 1
                + rng.below(per_area.unsigned_abs()) as i64;
            sqlx::query("UPDATE users SET met_at_place = ? WHERE id = ?")
                .bind(place)
                .bind(r as i64)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    let weekly: Vec<(i64, i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT a.id, a.place_id, a.start_date, a.capacity FROM activities a
         WHERE a.place_id % 2 = 0 AND a.repeat = 'weekly'
           AND a.id = (SELECT b.id FROM activities b
                       WHERE b.place_id = a.place_id AND b.repeat = 'weekly'
                       ORDER BY b.start_date, b.id LIMIT 1)
         ORDER BY a.id",
    )
    .fetch_all(&db.read)
    .await?;
    let mut tx = db.begin_write().await?;
    for (n, (activity, place, start, capacity)) in weekly.into_iter().enumerate() {
        let Some(start) = crate::model::activity::Day::parse_date(&start) else {
            continue;
        };
        let area = (place - 1) / per_area;
        let base = (area.unsigned_abs() * POOL) % residents;
        let back = (i64::from(today.weekday().to_monday_one_offset())
            - i64::from(start.weekday().to_monday_one_offset()))
        .rem_euclid(7);
        for week in 0..VISIT_WEEKS {
            let Ok(day) = today.checked_sub((back + 7 * week).days()) else {
                continue;
            };
            if day < start {
                continue;
            }
            let day = day.to_string();
            let mut confirmed = 0;
            // Around its capacity when it has one, so waiting lists fill up now and then.
            let wanted = match capacity {
                Some(c) => c.unsigned_abs().saturating_sub(4) + rng.below(10),
                None => 4 + rng.below(12),
            };
            for _ in 0..wanted {
                let who = 1 + (base + rng.below(POOL)) % residents;
                let (status, came) = if rng.chance(8) {
                    ("cancelled", false)
                } else if capacity.is_some_and(|c| confirmed >= c) {
                    ("waiting", false)
                } else {
                    confirmed += 1;
                    ("confirmed", rng.chance(85))
                };
                let done = sqlx::query(
                    "INSERT OR IGNORE INTO signups (activity_id, occurrence_date, user_id, status,
                         created_at, checked_in_at)
                     VALUES (?, ?, ?, ?, 0, ?)",
                )
                .bind(activity)
                .bind(&day)
                .bind(who as i64)
                .bind(status)
                .bind(came.then_some(1_i64))
                .execute(&mut *tx)
                .await?;
                counts.signups += done.rows_affected();
            }
            if rng.chance(40) {
                sqlx::query(
                    "INSERT INTO walk_ins (activity_id, occurrence_date, people, first_visit, created_at)
                     VALUES (?, ?, ?, ?, 0)",
                )
                .bind(activity)
                .bind(&day)
                .bind(1 + rng.below(4) as i64)
                .bind(rng.chance(35))
                .execute(&mut *tx)
                .await?;
                counts.walk_ins += 1;
            }
        }
        if n % 500 == 499 {
            tx.commit().await?;
            tx = db.begin_write().await?;
        }
    }
    tx.commit().await
}

/// Signs `resident` up (confirmed) for every occurrence from `today` to the joining horizon
/// of the first `series` weekly activities: the busy resident whose account page the
/// benchmarks and the query-plan test read. Signing up twice changes nothing.
pub async fn join_weekly_series(
    db: &Db,
    resident: i64,
    series: i64,
    today: jiff::civil::Date,
) -> Result<(), sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM activities WHERE repeat = 'weekly' AND cancelled = 0 ORDER BY id LIMIT ?",
    )
    .bind(series)
    .fetch_all(&db.read)
    .await?;
    let horizon = crate::model::activity::schedule::join_horizon(today);
    let mut tx = db.begin_write().await?;
    for activity in crate::store::activities::by_ids(db, &ids).await? {
        for occurrence in activity.occurrences(today, horizon) {
            sqlx::query(
                "INSERT OR IGNORE INTO signups (activity_id, occurrence_date, user_id, status, created_at)
                 VALUES (?, ?, ?, 'confirmed', 0)",
            )
            .bind(activity.id)
            .bind(occurrence.original.to_string())
            .bind(resident)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await
}
