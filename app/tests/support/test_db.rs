//! The store on a real temporary SQLite file with the demo data, and accounts made in it;
//! shared by the store test files.
#![allow(dead_code)]

use app::demo::seed;
use app::store::{
    accounts::{self, NewUser, SignupRefused},
    discussions, Db,
};

/// The moment the store tests act at.
pub const NOW: i64 = 1_795_000_000;

/// A database that lives as long as this value: its folder goes with it.
pub struct TestDb {
    pub db: Db,
    _dir: tempfile::TempDir,
}

/// A new database with the migrations and the demo data.
pub async fn demo_db() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("test.db"))
        .await
        .expect("open db");
    seed::seed_demo(&db).await.expect("seed");
    TestDb { db, _dir: dir }
}

/// Creates an account, with an invite code if given.
pub async fn signup(db: &Db, name: &str, code: Option<&str>) -> Result<i64, SignupRefused> {
    let user = NewUser {
        username: name,
        display_name: name,
        email: None,
        password_hash: "x",
        invite_code: code,
    };
    accounts::create_user(db, &user, NOW).await.unwrap()
}

/// Creates an account without an invite; returns its id.
pub async fn user(db: &Db, name: &str) -> i64 {
    signup(db, name, None).await.unwrap()
}

/// A place's id and its neighbourhood's, by slug.
pub async fn place(db: &Db, slug: &str) -> (i64, i64) {
    discussions::place_ids(db, slug).await.unwrap().unwrap()
}
