//! The SQLite store (server only): connection pools, migrations, and SQL per area.
//!
//! Writes go through a pool of exactly one connection whose transactions start with
//! `BEGIN IMMEDIATE`, so concurrent writers queue on the busy timeout instead of failing with
//! "database is locked"; reads use a separate pool and never block on writers thanks to WAL.

pub mod accounts;
pub mod activities;
pub mod backup;
pub mod discussions;
pub mod generate;
pub mod invites;
pub mod moderation;
pub mod places;
pub mod seed;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::{path::Path, time::Duration};

/// A stored Unix time as people read it: the Amsterdam wall clock, and ISO 8601 for `<time>`.
pub fn moment(seconds: i64) -> crate::model::discussion::Moment {
    let at = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let local = at.to_zoned(crate::model::hours::amsterdam());
    crate::model::discussion::Moment {
        iso: at.to_string(),
        label: local.strftime("%d-%m-%Y %H:%M").to_string(),
    }
}

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone, Debug)]
pub struct Db {
    pub read: SqlitePool,
    pub write: SqlitePool,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("opening the database: {0}")]
    Connect(#[from] sqlx::Error),
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Db, OpenError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // An acknowledged write must survive a crash or power cut.
            .synchronous(SqliteSynchronous::Full);
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        MIGRATOR.run(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Db { read, write })
    }

    /// Starts a write transaction that holds the write lock from its first statement.
    pub async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.write.begin_with("BEGIN IMMEDIATE").await
    }

    /// A cheap query to tell whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.read)
            .await
            .map(|_| ())
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}
