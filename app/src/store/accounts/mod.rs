//! Accounts, sessions, hosts and the server's signing key. Signing up, passwords and the
//! terminal's administrator are in [`users`], logging in and out in [`sessions`], who an
//! account is and its roles in [`viewers`], and the calendar feed's address in
//! [`calendar`]. This module holds the signing key.

mod calendar;
mod own_data;
mod people;
mod sessions;
mod users;
mod viewers;

pub use calendar::*;
pub use own_data::*;
pub use people::*;
pub use sessions::*;
pub use users::*;
pub use viewers::*;

use super::Db;
use rand::RngCore;

/// The key that signs form tokens, made on first use.
pub async fn server_secret(db: &Db) -> Result<[u8; 32], sqlx::Error> {
    let mut fresh = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    sqlx::query("INSERT OR IGNORE INTO server_secret (id, key) VALUES (1, ?)")
        .bind(&fresh[..])
        .execute(&db.write)
        .await?;
    let key: Vec<u8> = sqlx::query_scalar("SELECT key FROM server_secret WHERE id = 1")
        .fetch_one(&db.write)
        .await?;
    let mut secret = [0u8; 32];
    if key.len() == 32 {
        secret.copy_from_slice(&key);
    }
    Ok(secret)
}
