//! Consistent copies of the database while the site runs, checking a copy, and putting one
//! back in place.

use super::Db;
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode},
    ConnectOptions, Connection,
};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file name")]
    Exists(PathBuf),
    #[error("{0} is not a usable file name")]
    BadPath(PathBuf),
    #[error("{0} does not exist")]
    Missing(PathBuf),
    #[error("the copy at {path} failed its integrity check: {problems}")]
    Damaged { path: PathBuf, problems: String },
    #[error("the database is in use; stop the server before restoring")]
    InUse,
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes a copy of the database to `target`, which must not exist yet. `VACUUM INTO` reads
/// in one transaction, so the copy holds exactly the writes committed before it began; the
/// site goes on reading and writing meanwhile (it runs on a read connection, and in WAL mode
/// readers do not block the writer).
pub async fn backup(db: &Db, target: &Path) -> Result<(), BackupError> {
    if target.exists() {
        return Err(BackupError::Exists(target.to_path_buf()));
    }
    let name = target
        .to_str()
        .ok_or_else(|| BackupError::BadPath(target.to_path_buf()))?;
    sqlx::query("VACUUM INTO ?")
        .bind(name)
        .execute(&db.read)
        .await?;
    check(target).await
}

/// `PRAGMA integrity_check` on a database file, opened read-only.
pub async fn check(path: &Path) -> Result<(), BackupError> {
    if !path.exists() {
        return Err(BackupError::Missing(path.to_path_buf()));
    }
    let mut connection = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await?;
    let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut connection)
        .await?;
    connection.close().await?;
    if problems == ["ok"] {
        Ok(())
    } else {
        Err(BackupError::Damaged {
            path: path.to_path_buf(),
            problems: problems.join("; "),
        })
    }
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Checkpoints the write-ahead log into the database file; true when someone else holds it.
async fn fold_log(db_path: &Path) -> Result<bool, sqlx::Error> {
    let mut connection = SqliteConnectOptions::new()
        .filename(db_path)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(std::time::Duration::from_millis(200))
        .connect()
        .await?;
    let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(&mut connection)
        .await?;
    connection.close().await?;
    Ok(busy != 0)
}

/// Puts a backup in place of the database at `db_path`, with the server stopped. The copy is
/// checked first; the database it replaces is kept beside it as `…before-restore`. Returns
/// that path when there was one.
pub async fn restore(backup: &Path, db_path: &Path) -> Result<Option<PathBuf>, BackupError> {
    check(backup).await?;
    let staged = beside(db_path, ".restoring");
    std::fs::copy(backup, &staged)?;
    std::fs::File::open(&staged)?.sync_all()?;
    let mut kept = None;
    if db_path.exists() {
        // Fold the write-ahead log into the file, which only works when nobody else has the
        // database open: a running server would keep writing to the file moved aside. A file
        // too damaged to open is what a restore is for, so that is no reason to stop.
        let busy = fold_log(db_path).await.unwrap_or(false);
        // The last connection to close removes the shared-memory file; when it is still
        // there, another process (a server) has the database open.
        let in_use = busy || beside(db_path, "-shm").exists();
        if in_use {
            std::fs::remove_file(&staged)?;
            return Err(BackupError::InUse);
        }
        let before = beside(db_path, ".before-restore");
        std::fs::rename(db_path, &before)?;
        kept = Some(before);
    }
    for suffix in ["-wal", "-shm"] {
        let side = beside(db_path, suffix);
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::rename(&staged, db_path)?;
    Ok(kept)
}
