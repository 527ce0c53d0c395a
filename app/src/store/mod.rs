//! The SQLite store (server only): connection pools, migrations, and SQL per area.
//!
//! Writes go through a pool of exactly one connection whose transactions start with
//! `BEGIN IMMEDIATE`, so concurrent writers queue on the busy timeout instead of failing with
//! "database is locked"; reads use a separate pool and never block on writers thanks to WAL.

pub mod accounts;
pub mod activities;
pub mod articles;
pub mod backup;
pub mod buddies;
pub mod discussions;
pub mod insights;
pub mod invites;
pub mod lights;
pub mod moderation;
pub mod places;
pub mod resets;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::{
    path::Path,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};

/// A value for a `?` of a query built from only the conditions that apply, in order (a
/// fixed `?1 IS NULL OR …` query would keep SQLite from using an index).
#[derive(Clone, Debug)]
pub(crate) enum Bind {
    Text(String),
    Int(i64),
}

/// The values of such a query, for `sqlx::query_with` or `sqlx::query_as_with`; more can
/// still be bound after them.
pub(crate) fn arguments(binds: &[Bind]) -> sqlx::sqlite::SqliteArguments<'static> {
    use sqlx::Arguments;
    let mut arguments = sqlx::sqlite::SqliteArguments::default();
    for bind in binds {
        // Encoding a text or an integer for SQLite cannot fail.
        let _ = match bind {
            Bind::Text(text) => arguments.add(text.clone()),
            Bind::Int(number) => arguments.add(*number),
        };
    }
    arguments
}

/// A count or a position for a `LIMIT`/`OFFSET`: any that a page asks for fits.
pub(crate) fn sql_count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A count SQLite gave back, as Rust counts (never negative).
pub(crate) fn rust_count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one bound value for a
/// list of any length.
pub(crate) fn ids_json(ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", list.join(","))
}

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone, Debug)]
pub struct Db {
    pub read: SqlitePool,
    pub write: SqlitePool,
    /// How many times the write connection was used: a write may have changed anything
    /// read before it (see [`crate::cache`]).
    writes: Arc<AtomicU64>,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("opening the database: {0}")]
    Connect(#[from] sqlx::Error),
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// How many migrations the database has had (none yet on a new one).
async fn applied(conn: &mut sqlx::SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(conn)
        .await
}

/// Runs the migrations on a connection of its own with foreign keys off: a migration that
/// rebuilds a table (to change a CHECK) drops the old one, which with foreign keys on would
/// delete every row that refers to it. SQLite ignores the pragma inside a transaction, and
/// sqlx runs each migration in one, so it is set on the connection. Afterwards every
/// reference must still hold.
async fn migrate(options: &SqliteConnectOptions) -> Result<(), OpenError> {
    use sqlx::{ConnectOptions, Connection};
    let mut conn = options.clone().foreign_keys(false).connect().await?;
    let before = applied(&mut conn).await.unwrap_or(0);
    MIGRATOR.run(&mut conn).await?;
    let after = applied(&mut conn).await?;
    // The check reads every row that refers to another: only worth it when a migration ran
    // (on the large generated set it takes a second, which every start would pay).
    let broken = if after > before {
        sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut conn)
            .await?
            .len()
    } else {
        0
    };
    conn.close().await?;
    if broken > 0 {
        return Err(OpenError::Connect(sqlx::Error::Protocol(format!(
            "{broken} rows refer to rows that do not exist after migrating"
        ))));
    }
    Ok(())
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
        let writes = Arc::new(AtomicU64::new(0));
        let (on_commit, on_release) = (writes.clone(), writes.clone());
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            // Counted twice: as SQLite commits (before the caller hears back, so nobody reads
            // an entry kept from before the write), and when the connection comes back to the
            // pool, after the commit is done (so data read during the commit is not kept as
            // if it were newer).
            .after_connect(move |conn, _| {
                let count = on_commit.clone();
                Box::pin(async move {
                    conn.lock_handle().await?.set_commit_hook(move || {
                        count.fetch_add(1, Ordering::SeqCst);
                        true
                    });
                    Ok(())
                })
            })
            .after_release(move |_, _| {
                on_release.fetch_add(1, Ordering::SeqCst);
                Box::pin(async { Ok(true) })
            })
            .connect_with(options.clone())
            .await?;
        migrate(&options).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Db {
            read,
            write,
            writes,
        })
    }

    /// How many times the write connection has been used so far.
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::SeqCst)
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
