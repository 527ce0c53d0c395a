//! Data that is not a neighbourhood's own: the demo neighbourhood `make run` shows, and the
//! generated city the benchmarks and the query-plan test read.

pub mod generate;
mod generate_words;
pub mod seed;
pub mod seed_articles;
pub mod seed_life;
mod seed_life_data;
mod seed_places;

use crate::store::Db;

/// What a start added to the demo neighbourhood, for the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub places: usize,
    pub history: bool,
    pub articles: usize,
    pub life: seed_life::Life,
}

/// The whole demo, as a start with `BUURTPLEIN_DEMO` on fills it in: the places, their past
/// weeks, the articles, and what goes on now (activities, conversations, the light, the demo
/// accounts), all around the day `now` falls on in Amsterdam. Each part adds only what is
/// missing, so a second start (on the same day or a later one) adds nothing twice, and the
/// agenda still looks alive.
pub async fn seed_all(db: &Db, now: jiff::Timestamp) -> Result<Seeded, sqlx::Error> {
    let today = now.to_zoned(crate::model::hours::amsterdam()).date();
    let places = seed::seed_demo(db).await?;
    let history = seed::seed_history(db, today).await?;
    // Published relative to the site's clock, so a fixed clock shows them too.
    let articles = seed_articles::seed_articles(db, now.as_second()).await?;
    let life = seed_life::seed_life(db, now).await?;
    Ok(Seeded {
        places,
        history,
        articles,
        life,
    })
}
