//! The demo neighbourhood alive: weekly and monthly activities at most places (some full,
//! with a waiting list; one online that leads to one in person; one date cancelled this
//! week), conversations with replies, a light switched on, and a host and a moderator
//! account to try the site with (see the README for their passwords).
//!
//! Every date is placed around the site's today (its clock, so `BUURTPLEIN_FIXED_TIME`
//! too): the series repeat without end, so the agenda never runs dry. What is added once
//! (accounts, activities, conversations) is added when the demo host account does not exist
//! yet. What keeps the neighbourhood looking alive is checked at every start: neighbours
//! signed up for the coming two weeks, a date cancelled in the coming week, visits in the
//! past weeks, and a light on. Nothing is added twice.

use super::seed_life_data::{
    Crowd, DemoActivity, Rule, Writer, ACTIVITIES, CANCEL_CANDIDATES, HOST, MODERATOR, THREADS,
    WRITERS,
};
use super::seed_places::NEIGHBOURHOOD;
use crate::model::activity::{series::Series, ActivityForm};
use crate::model::discussion::PostStatus;
use crate::store::{
    discussions::{Author, NewPost},
    Db,
};
use jiff::{civil::Date, Timestamp, ToSpan};

/// The demo accounts: (username, display name, password). Their passwords are in the README;
/// they are hashed like every other password. The host runs [`LIGHT_PLACE`].
pub const DEMO_HOST: (&str, &str, &str) = ("demo-gastvrouw", "Wilma", "lindenhoek-gastvrouw");
pub const DEMO_MODERATOR: (&str, &str, &str) =
    ("demo-moderator", "Mila (moderator)", "lindenhoek-moderator");

/// Where the demo host works and switches the light on.
const LIGHT_PLACE: &str = "huiskamer-op-de-hoek";
/// How long the demo light stays on after the site starts.
const LIGHT_HOURS: i64 = 3;
/// How many of the demo's neighbours (`demo-buur-N`, who cannot log in) sign up.
const NEIGHBOURS: i64 = 40;
/// How many days ahead the neighbours sign up.
const CROWD_DAYS: i64 = 13;
/// How many past weeks show visits.
const VISIT_WEEKS: i64 = 12;

/// What a start did to keep the demo alive, for the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Life {
    /// Whether the accounts, activities and conversations were added (the first start).
    pub created: bool,
    pub signups: u64,
    pub visits: u64,
    pub cancelled: bool,
    pub light: bool,
}

fn bad(what: &str) -> impl Fn(jiff::Error) -> sqlx::Error + '_ {
    move |e| sqlx::Error::Protocol(format!("demo {what}: {e}"))
}

fn today_of(now: Timestamp) -> Date {
    now.to_zoned(crate::model::hours::amsterdam()).date()
}

/// Fills in what the demo neighbourhood does, or keeps it alive on a later start (see the
/// module). Needs the places ([`super::seed::seed_demo`]) first; without them it does
/// nothing.
pub async fn seed_life(db: &Db, now: Timestamp) -> Result<Life, sqlx::Error> {
    let mut life = Life::default();
    let Some(light_place) = place_id(db, LIGHT_PLACE).await? else {
        return Ok(life);
    };
    // The host's password is set last: a host without one means the first start did not
    // finish (or the demo was off in between), and each step below adds only what is missing.
    let ready: Option<(i64, String)> =
        sqlx::query_as("SELECT id, password_hash FROM users WHERE username = ?")
            .bind(DEMO_HOST.0)
            .fetch_optional(&db.read)
            .await?;
    let host = match ready {
        Some((id, hash)) if hash != "!" => id,
        _ => {
            life.created = true;
            create_content(db, now, light_place).await?
        }
    };
    let neighbours = neighbours(db, now.as_second()).await?;
    let today = today_of(now);
    let activities = demo_activities(db).await?;
    life.signups = fill_crowds(db, &activities, &neighbours, today, now).await?;
    life.cancelled = cancel_one_date(db, &activities, today, now).await?;
    life.visits = fill_visits(db, &activities, &neighbours, today).await?;
    life.light = light_on(db, light_place, host, now).await?;
    Ok(life)
}

async fn place_id(db: &Db, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM places WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&db.read)
        .await
}

async fn user_id(db: &Db, username: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE username = ?")
        .bind(username)
        .fetch_optional(&db.read)
        .await
}

/// An account with a password hashed the normal way (Argon2id), or one that cannot log in
/// (`password` None). An existing account of that name is left as it is.
async fn account(
    db: &Db,
    (username, name): (&str, &str),
    password: Option<&str>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    if let Some(id) = user_id(db, username).await? {
        return Ok(id);
    }
    let hash = match password {
        Some(password) => crate::auth::password::hash(password.to_string())
            .await
            .map_err(|e| sqlx::Error::Protocol(format!("demo password: {e:?}")))?,
        None => "!".to_string(),
    };
    sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, created_at)
         VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(username)
    .bind(name)
    .bind(hash)
    .bind(now)
    .fetch_one(&db.write)
    .await
}

/// The first start: the accounts, the activities and the conversations. Returns the host.
async fn create_content(db: &Db, now: Timestamp, light_place: i64) -> Result<i64, sqlx::Error> {
    let at = now.as_second();
    let moderator = account(
        db,
        (DEMO_MODERATOR.0, DEMO_MODERATOR.1),
        Some(DEMO_MODERATOR.2),
        at,
    )
    .await?;
    sqlx::query("UPDATE users SET is_moderator = 1 WHERE id = ?")
        .bind(moderator)
        .execute(&db.write)
        .await?;
    let mut writers = Vec::new();
    for writer in WRITERS {
        writers.push((writer.0, account(db, writer, None, at).await?));
    }
    let host = user_id(db, DEMO_HOST.0).await?;
    let host = match host {
        Some(id) => id,
        None => {
            sqlx::query_scalar(
                "INSERT INTO users (username, display_name, password_hash, created_at)
                 VALUES (?, ?, '!', ?) RETURNING id",
            )
            .bind(DEMO_HOST.0)
            .bind(DEMO_HOST.1)
            .bind(at)
            .fetch_one(&db.write)
            .await?
        }
    };
    let mut tx = db.begin_write().await?;
    // The place's own host of that name becomes the account, so its hosts read the same.
    let hosting: i64 =
        sqlx::query_scalar("SELECT count(*) FROM place_hosts WHERE place_id = ? AND user_id = ?")
            .bind(light_place)
            .bind(host)
            .fetch_one(&mut *tx)
            .await?;
    let linked = if hosting > 0 {
        1
    } else {
        sqlx::query(
            "UPDATE place_hosts SET user_id = ?1
         WHERE id = (SELECT id FROM place_hosts WHERE place_id = ?2 AND display_name = ?3
                       AND user_id IS NULL ORDER BY position LIMIT 1)",
        )
        .bind(host)
        .bind(light_place)
        .bind(DEMO_HOST.1)
        .execute(&mut *tx)
        .await?
        .rows_affected()
    };
    if linked == 0 {
        sqlx::query(
            "INSERT OR IGNORE INTO place_hosts (place_id, display_name, position, user_id)
             VALUES (?, ?, 99, ?)",
        )
        .bind(light_place)
        .bind(DEMO_HOST.1)
        .bind(host)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    create_activities(db, today_of(now), host, at).await?;
    create_threads(db, now, host, moderator, &writers).await?;
    // Only now the password: a start that stopped halfway finishes the next time.
    let hash = crate::auth::password::hash(DEMO_HOST.2.to_string())
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("demo password: {e:?}")))?;
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(host)
        .execute(&db.write)
        .await?;
    Ok(host)
}

/// The first date of a demo series: a few weeks before `today`, so it has a past.
fn first_date(rule: Rule, today: Date) -> Result<Date, sqlx::Error> {
    let weekday =
        |n: u8| jiff::civil::Weekday::from_monday_one_offset(n as i8).map_err(bad("weekday"));
    Ok(match rule {
        Rule::Weekly(day) => {
            let from = today.checked_sub(35.days()).map_err(bad("date"))?;
            let wanted = weekday(day)?;
            let ahead = i64::from(wanted.since(from.weekday()));
            from.checked_add(ahead.days()).map_err(bad("date"))?
        }
        Rule::Monthly(day, nth) => {
            let month = today
                .checked_sub(2.months())
                .map_err(bad("date"))?
                .first_of_month();
            month
                .nth_weekday_of_month(nth, weekday(day)?)
                .map_err(bad("date"))?
        }
        Rule::Once(days) => today.checked_add(days.days()).map_err(bad("date"))?,
    })
}

/// The demo activity's form, as a host would fill it in: it passes the same checks.
fn form(demo: &DemoActivity, date: Date, leads_to: Option<i64>) -> ActivityForm {
    ActivityForm {
        title: demo.title.into(),
        description: demo.description.into(),
        date: date.to_string(),
        start: demo.start.into(),
        end: demo.end.into(),
        repeat: match demo.rule {
            Rule::Weekly(_) => "weekly",
            Rule::Monthly(..) => "monthly",
            Rule::Once(_) => "once",
        }
        .into(),
        until: String::new(),
        capacity: demo.capacity.map(|c| c.to_string()).unwrap_or_default(),
        cost: demo.cost.into(),
        audience: demo.audience.into(),
        accessibility: demo.accessibility.into(),
        welcomer: demo.welcomer.into(),
        online_url: demo.online_url.into(),
        leads_to: leads_to.map(|id| id.to_string()).unwrap_or_default(),
    }
}

/// Adds the demo activities that are not there yet.
async fn create_activities(db: &Db, today: Date, host: i64, now: i64) -> Result<(), sqlx::Error> {
    let mut made: Vec<(&str, i64)> = Vec::new();
    // Those in person first: an online one leads to one of them.
    let (online, in_person): (Vec<&DemoActivity>, Vec<&DemoActivity>) =
        ACTIVITIES.iter().partition(|a| a.leads_to.is_some());
    for demo in in_person.into_iter().chain(online) {
        if let Some(id) = stored(db, demo).await? {
            made.push((demo.title, id));
            continue;
        }
        let Some(place) = place_id(db, demo.place).await? else {
            continue;
        };
        let leads_to = demo
            .leads_to
            .and_then(|title| made.iter().find(|(t, _)| *t == title).map(|(_, id)| *id));
        let input = form(demo, first_date(demo.rule, today)?, leads_to)
            .checked()
            .map_err(|e| sqlx::Error::Protocol(format!("demo activity {}: {e:?}", demo.title)))?;
        let id = crate::store::activities::create(db, place, &input, host, now).await?;
        made.push((demo.title, id));
    }
    Ok(())
}

async fn create_threads(
    db: &Db,
    now: Timestamp,
    host: i64,
    moderator: i64,
    writers: &[(&str, i64)],
) -> Result<(), sqlx::Error> {
    let Some(neighbourhood) =
        crate::store::discussions::neighbourhood_id(db, NEIGHBOURHOOD.0).await?
    else {
        return Ok(());
    };
    let who = |writer: Writer| -> i64 {
        match writer {
            HOST => host,
            MODERATOR => moderator,
            name => writers
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, id)| *id)
                .unwrap_or(moderator),
        }
    };
    for thread in THREADS {
        let exists: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM threads WHERE neighbourhood_id = ? AND title = ? LIMIT 1",
        )
        .bind(neighbourhood)
        .bind(thread.title)
        .fetch_optional(&db.read)
        .await?;
        if exists.is_some() {
            continue;
        }
        let place = match thread.place {
            Some(slug) => place_id(db, slug).await?,
            None => None,
        };
        let started = now.as_second() - thread.hours_ago * 3600;
        let html = crate::markdown::render(thread.text);
        let opening = NewPost {
            author: Author::Account(who(thread.author)),
            source: thread.text,
            html: &html,
            status: PostStatus::Visible,
        };
        let (thread_id, _) = crate::store::discussions::create_thread(
            db,
            place,
            neighbourhood,
            thread.title,
            who(thread.author),
            &opening,
            started,
        )
        .await?;
        let mut posted: Vec<i64> = Vec::new();
        // Replies follow within the hours after, never later than now.
        let step = (thread.hours_ago * 3600 / (thread.replies.len() as i64 + 1)).max(60);
        for (n, (author, text, answers)) in thread.replies.iter().enumerate() {
            let html = crate::markdown::render(text);
            let post = NewPost {
                author: Author::Account(who(author)),
                source: text,
                html: &html,
                status: PostStatus::Visible,
            };
            let parent = answers.and_then(|i| posted.get(i).copied());
            let at = started + step * (n as i64 + 1);
            let id = crate::store::discussions::reply(db, thread_id, parent, &post, false, at)
                .await?
                .map_err(|e| sqlx::Error::Protocol(format!("demo reply: {e:?}")))?;
            // Only top-level posts take replies (one level deep): an answer to a reply
            // goes under the post that reply answered.
            posted.push(parent.unwrap_or(id));
        }
    }
    Ok(())
}

/// The demo's neighbours, made when missing (the history adds them too).
async fn neighbours(db: &Db, now: i64) -> Result<Vec<i64>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for n in 1..=NEIGHBOURS {
        sqlx::query(
            "INSERT INTO users (username, display_name, password_hash, created_at)
             VALUES (?, ?, '!', ?) ON CONFLICT (username) DO NOTHING",
        )
        .bind(format!("demo-buur-{n}"))
        .bind(format!("Buur {n}"))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let mut ids = Vec::new();
    for n in 1..=NEIGHBOURS {
        if let Some(id) = user_id(db, &format!("demo-buur-{n}")).await? {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The demo activity as stored, if it is: found by its place, title, repetition and (for one
/// that repeats) weekday, and not cancelled as a whole.
async fn stored(db: &Db, demo: &DemoActivity) -> Result<Option<i64>, sqlx::Error> {
    let (repeat, weekday) = match demo.rule {
        Rule::Weekly(day) => ("weekly", Some(i64::from(day % 7))),
        Rule::Monthly(day, _) => ("monthly", Some(i64::from(day % 7))),
        Rule::Once(_) => ("once", None),
    };
    sqlx::query_scalar(
        "SELECT a.id FROM activities a JOIN places p ON p.id = a.place_id
         WHERE p.slug = ?1 AND a.title = ?2 AND a.repeat = ?3 AND a.cancelled = 0
           AND (?4 IS NULL OR a.weekday = ?4)
         ORDER BY a.id LIMIT 1",
    )
    .bind(demo.place)
    .bind(demo.title)
    .bind(repeat)
    .bind(weekday)
    .fetch_optional(&db.read)
    .await
}

/// The demo's activities as stored, each with its demo data.
async fn demo_activities(db: &Db) -> Result<Vec<(&'static DemoActivity, Series)>, sqlx::Error> {
    let mut found = Vec::new();
    for demo in ACTIVITIES {
        let Some(id) = stored(db, demo).await? else {
            continue;
        };
        if let Some(series) = crate::store::activities::activity(db, id).await? {
            found.push((demo, series));
        }
    }
    Ok(found)
}

/// Neighbours sign up for the coming two weeks: the full activities full (the next date with
/// a waiting list), the others with a few. A date someone already signed up for is left as
/// it is, so a later start adds only the new dates.
async fn fill_crowds(
    db: &Db,
    activities: &[(&'static DemoActivity, Series)],
    neighbours: &[i64],
    today: Date,
    now: Timestamp,
) -> Result<u64, sqlx::Error> {
    if neighbours.is_empty() {
        return Ok(0);
    }
    let until = today.checked_add(CROWD_DAYS.days()).map_err(bad("date"))?;
    let mut added = 0;
    let mut tx = db.begin_write().await?;
    for (index, (demo, series)) in activities.iter().enumerate() {
        if demo.crowd == Crowd::WalkIn {
            continue;
        }
        let coming: Vec<_> = series
            .occurrences(today, until)
            .into_iter()
            .filter(|o| o.end > now)
            .collect();
        for (nth, occurrence) in coming.iter().enumerate() {
            let date = occurrence.original.to_string();
            let taken: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM signups WHERE activity_id = ? AND occurrence_date = ?",
            )
            .bind(series.id)
            .bind(&date)
            .fetch_one(&mut *tx)
            .await?;
            if taken > 0 {
                continue;
            }
            let (confirmed, waiting) = match demo.crowd {
                Crowd::WalkIn => (0, 0),
                Crowd::Some(n) => (n, 0),
                // The next date full with a waiting list, the one after nearly full.
                Crowd::Full { waiting } => {
                    let capacity = series.capacity.unwrap_or(10);
                    if nth == 0 {
                        (capacity, waiting)
                    } else {
                        (capacity.saturating_sub(2), 0)
                    }
                }
            };
            let start = index * 7 + nth * 3;
            let people = (confirmed + waiting) as usize;
            for k in 0..people.min(neighbours.len()) {
                let who = neighbours[(start + k) % neighbours.len()];
                let status = if k < confirmed as usize {
                    "confirmed"
                } else {
                    "waiting"
                };
                added += sqlx::query(
                    "INSERT OR IGNORE INTO signups (activity_id, occurrence_date, user_id, status,
                         created_at)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(series.id)
                .bind(&date)
                .bind(who)
                .bind(status)
                // In the order they signed up: the waiting list is in id order too.
                .bind(now.as_second() - 86_400 + i64::try_from(k).unwrap_or(0) * 60)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// One date in the coming week cancelled, as a host does it: everyone who joined it is told
/// (the demo moderator too, who joined it to show the notice on their account page). Only
/// when no demo date of the coming week is cancelled yet.
async fn cancel_one_date(
    db: &Db,
    activities: &[(&'static DemoActivity, Series)],
    today: Date,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let week_end = today.checked_add(6.days()).map_err(bad("date"))?;
    let already = activities.iter().any(|(_, series)| {
        series
            .changes
            .iter()
            .any(|c| c.cancelled && c.original >= today && c.original <= week_end)
    });
    if already {
        return Ok(false);
    }
    let candidate = CANCEL_CANDIDATES.iter().find_map(|title| {
        let (_, series) = activities.iter().find(|(demo, _)| demo.title == *title)?;
        let occurrence = series
            .occurrences(today, week_end)
            .into_iter()
            .find(|o| o.start > now)?;
        Some((series, occurrence))
    });
    let Some((series, occurrence)) = candidate else {
        return Ok(false);
    };
    if let Some(moderator) = user_id(db, DEMO_MODERATOR.0).await? {
        sqlx::query(
            "INSERT OR IGNORE INTO signups (activity_id, occurrence_date, user_id, status, created_at)
             VALUES (?, ?, ?, 'confirmed', ?)",
        )
        .bind(series.id)
        .bind(occurrence.original.to_string())
        .bind(moderator)
        .bind(now.as_second())
        .execute(&db.write)
        .await?;
    }
    crate::store::activities::cancel_occurrence(db, series, &occurrence, now.as_second()).await?;
    Ok(true)
}

/// Visits on the past dates of the activities that count them (the last twelve weeks, up to
/// yesterday): neighbours who came, some for the first time, and a few who walked in. A date
/// that has signups or walk-ins already is left as it is.
async fn fill_visits(
    db: &Db,
    activities: &[(&'static DemoActivity, Series)],
    neighbours: &[i64],
    today: Date,
) -> Result<u64, sqlx::Error> {
    if neighbours.is_empty() {
        return Ok(0);
    }
    let from = today
        .checked_sub((7 * VISIT_WEEKS).days())
        .map_err(bad("date"))?;
    let Ok(yesterday) = today.yesterday() else {
        return Ok(0);
    };
    let mut added = 0;
    let mut tx = db.begin_write().await?;
    for (index, (demo, series)) in activities.iter().enumerate() {
        if !demo.visits {
            continue;
        }
        for (week, occurrence) in series.occurrences(from, yesterday).into_iter().enumerate() {
            let date = occurrence.original.to_string();
            let had: i64 = sqlx::query_scalar(
                "SELECT (SELECT count(*) FROM signups WHERE activity_id = ?1 AND occurrence_date = ?2)
                      + (SELECT count(*) FROM walk_ins WHERE activity_id = ?1 AND occurrence_date = ?2)",
            )
            .bind(series.id)
            .bind(&date)
            .fetch_one(&mut *tx)
            .await?;
            if had > 0 {
                continue;
            }
            // A regular group that changes a little from week to week.
            let seed = index * 5 + week * 3;
            let size = (6 + seed % 5).min(neighbours.len());
            let at = occurrence.start.as_second();
            for k in 0..size {
                let who = neighbours[(seed + k * 2) % neighbours.len()];
                let came = (seed + k) % 7 != 3;
                added += sqlx::query(
                    "INSERT OR IGNORE INTO signups (activity_id, occurrence_date, user_id, status,
                         created_at, checked_in_at, first_visit)
                     VALUES (?, ?, ?, 'confirmed', ?, ?, ?)",
                )
                .bind(series.id)
                .bind(&date)
                .bind(who)
                .bind(at - 3 * 86_400)
                .bind(came.then_some(at))
                .bind(came && k == 0 && week % 3 == 0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            if seed % 3 != 0 {
                sqlx::query(
                    "INSERT INTO walk_ins (activity_id, occurrence_date, people, first_visit, created_at)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(series.id)
                .bind(&date)
                .bind(i64::try_from(1 + seed % 3).unwrap_or(1))
                .bind(week % 2 == 0)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                added += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// Switches the demo light on, by its host, for a few hours from now (to the next quarter
/// of an hour), unless a light in the neighbourhood is on already.
async fn light_on(db: &Db, place: i64, host: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    let on: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM place_lights
         WHERE on_until > ?1 AND place_id IN (
             SELECT id FROM places WHERE neighbourhood_id = (
                 SELECT neighbourhood_id FROM places WHERE id = ?2))",
    )
    .bind(now.as_second())
    .bind(place)
    .fetch_one(&db.read)
    .await?;
    if on > 0 {
        return Ok(false);
    }
    let quarter = 15 * 60;
    let until = (now.as_second() + LIGHT_HOURS * 3600).div_euclid(quarter) * quarter;
    let until = if until <= now.as_second() {
        until + quarter
    } else {
        until
    };
    crate::store::lights::set_light(db, place, Some(until), host, now.as_second()).await?;
    Ok(true)
}

/// With the demo off, the demo accounts must not open a door with a password the README
/// gives away: an account that still has its demo password can no longer log in, and its
/// sessions end. Returns how many were locked.
pub async fn lock_demo_accounts(db: &Db) -> Result<usize, sqlx::Error> {
    let mut locked = 0;
    for (username, _, password) in [DEMO_HOST, DEMO_MODERATOR] {
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT id, password_hash FROM users WHERE username = ?")
                .bind(username)
                .fetch_optional(&db.read)
                .await?;
        let Some((id, hash)) = row else {
            continue;
        };
        let demo = crate::auth::password::verify(password.to_string(), Some(hash))
            .await
            .unwrap_or(false);
        if !demo {
            continue;
        }
        let mut tx = db.begin_write().await?;
        sqlx::query("UPDATE users SET password_hash = '!' WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        locked += 1;
    }
    Ok(locked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn series_start_weeks_before_today_on_their_own_weekday() {
        let today = date(2028, 2, 29);
        for rule in [Rule::Weekly(1), Rule::Weekly(2), Rule::Weekly(7)] {
            let first = first_date(rule, today).unwrap();
            assert!(first < today && first >= today.checked_sub(35.days()).unwrap());
            let Rule::Weekly(day) = rule else {
                unreachable!()
            };
            assert_eq!(first.weekday().to_monday_one_offset(), day as i8);
        }
        let second_wednesday = first_date(Rule::Monthly(3, 2), today).unwrap();
        assert_eq!(second_wednesday, date(2027, 12, 8));
        assert_eq!(
            first_date(Rule::Once(10), today).unwrap(),
            date(2028, 3, 10)
        );
    }

    #[test]
    fn every_demo_activity_passes_the_hosts_form() {
        let today = date(2026, 11, 24);
        for demo in ACTIVITIES {
            let checked = form(demo, first_date(demo.rule, today).unwrap(), None).checked();
            assert!(checked.is_ok(), "{}: {checked:?}", demo.title);
        }
        for title in CANCEL_CANDIDATES {
            assert!(ACTIVITIES.iter().any(|a| a.title == title), "{title}");
        }
        for demo in ACTIVITIES.iter().filter_map(|a| a.leads_to) {
            assert!(ACTIVITIES
                .iter()
                .any(|a| a.title == demo && a.leads_to.is_none()));
        }
    }
}
