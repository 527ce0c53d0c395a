//! Data that is not a neighbourhood's own: the demo neighbourhood `make run` shows, and the
//! generated city the benchmarks and the query-plan test read.

pub mod generate;
mod generate_words;
pub mod seed;
pub mod seed_articles;
mod seed_places;
