//! Who an account is: the viewer with its roles and hosted places, the account page's
//! overview, and the roles looked up for granting or suspending.

use crate::model::account::{AccountOverview, HostedPlace, Viewer};
use crate::model::permission::Target;
use crate::store::Db;
use sqlx::FromRow;

/// An account and its roles, as stored.
#[derive(FromRow)]
struct AccountRow {
    id: i64,
    username: String,
    display_name: String,
    is_moderator: bool,
    is_admin: bool,
    is_editor: bool,
    suspended: bool,
}

pub async fn viewer(db: &Db, user_id: i64) -> Result<Option<Viewer>, sqlx::Error> {
    let Some(row) = sqlx::query_as::<_, AccountRow>(
        "SELECT id, username, display_name, is_moderator, is_admin, is_editor, suspended FROM users WHERE id = ?",
    )
    .bind(user_id)
    .fetch_optional(&db.read)
    .await?
    else {
        return Ok(None);
    };
    let hosted_places =
        sqlx::query_scalar("SELECT place_id FROM place_hosts WHERE user_id = ? ORDER BY place_id")
            .bind(user_id)
            .fetch_all(&db.read)
            .await?;
    Ok(Some(Viewer {
        id: row.id,
        username: row.username,
        display_name: row.display_name,
        moderator: row.is_moderator,
        admin: row.is_admin,
        editor: row.is_editor,
        suspended: row.suspended,
        hosted_places,
    }))
}

/// The account's e-mail address and the place where it was invited, if any.
#[derive(FromRow)]
struct OverviewRow {
    email: Option<String>,
    place_id: Option<i64>,
    slug: Option<String>,
    name: Option<String>,
}

pub async fn overview(db: &Db, user_id: i64) -> Result<Option<AccountOverview>, sqlx::Error> {
    let Some(viewer) = viewer(db, user_id).await? else {
        return Ok(None);
    };
    let row: OverviewRow = sqlx::query_as(
        "SELECT u.email, p.id AS place_id, p.slug, p.name FROM users u
         LEFT JOIN places p ON p.id = u.met_at_place WHERE u.id = ?",
    )
    .bind(user_id)
    .fetch_one(&db.read)
    .await?;
    // The place's slug and name are there whenever its id is: they come from the same row.
    let met_at = match (row.place_id, row.slug, row.name) {
        (Some(id), Some(slug), Some(name)) => Some(HostedPlace { id, slug, name }),
        _ => None,
    };
    Ok(Some(AccountOverview {
        email: row.email,
        met_at,
        hosted: hosted_places(db, user_id).await?,
        viewer,
    }))
}

pub async fn hosted_places(db: &Db, user_id: i64) -> Result<Vec<HostedPlace>, sqlx::Error> {
    // CROSS JOIN keeps the host's few rows as the outer loop: walking every place in name
    // order to find them is what SQLite may otherwise pick to save a small sort.
    sqlx::query_as(
        "SELECT p.id, p.slug, p.name FROM place_hosts h CROSS JOIN places p ON p.id = h.place_id
         WHERE h.user_id = ? ORDER BY p.name COLLATE NOCASE",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await
}

/// Whether an administrator made the account's current suspension.
pub async fn suspended_by_admin(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query_scalar("SELECT suspended_by_admin FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&db.read)
            .await?
            .unwrap_or(false),
    )
}

/// An account's id and roles, by username (any case); for granting roles.
pub async fn find_by_username(db: &Db, username: &str) -> Result<Option<Target>, sqlx::Error> {
    target_where(db, "username = ?", username.to_string()).await
}

/// An account's id and roles, by id; for suspending.
pub async fn target(db: &Db, user_id: i64) -> Result<Option<Target>, sqlx::Error> {
    target_where(db, "id = ?", user_id).await
}

/// An account's id and roles, as stored.
#[derive(FromRow)]
struct TargetRow {
    id: i64,
    is_moderator: bool,
    is_admin: bool,
}

impl From<TargetRow> for Target {
    fn from(row: TargetRow) -> Target {
        Target {
            id: row.id,
            moderator: row.is_moderator,
            admin: row.is_admin,
        }
    }
}

async fn target_where<T>(db: &Db, condition: &str, value: T) -> Result<Option<Target>, sqlx::Error>
where
    T: Send + for<'q> sqlx::Encode<'q, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    let sql = format!("SELECT id, is_moderator, is_admin FROM users WHERE {condition}");
    let row = sqlx::query_as::<_, TargetRow>(&sql)
        .bind(value)
        .fetch_optional(&db.read)
        .await?;
    Ok(row.map(Target::from))
}
