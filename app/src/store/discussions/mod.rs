//! Threads and posts: writing, reading for a viewer, and reports. Threads are started and
//! read page by page in [`threads`], posts written, edited and reported in [`posts`], a
//! place's guest book in [`reactions`], and what authorization needs to know in
//! [`lookups`]. This module holds the stored post and the thread's last-post time, which
//! moderation uses too.

mod lookups;
mod posts;
mod reactions;
mod threads;

pub use lookups::*;
pub use posts::*;
pub use reactions::*;
pub use threads::*;

use crate::model::discussion::Moment;
use crate::model::{
    account::Viewer,
    discussion::{Post, PostStatus},
    permission::EDIT_WINDOW_SECONDS,
};
use sqlx::FromRow;

pub(super) async fn touch_thread(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    thread_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET last_post_at = max(last_post_at, ?) WHERE id = ?")
        .bind(now)
        .bind(thread_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

const POST_COLUMNS: &str = "p.id, p.parent_id, p.author_id, p.guest_name, p.body_source,
    p.body_html, p.status, p.hidden_reason, p.created_at, p.edited_at, p.is_opening,
    u.display_name AS author_display, u.deleted_at IS NOT NULL AS former_member";

/// A post as stored, with its author's name: the columns of [`POST_COLUMNS`].
#[derive(FromRow)]
pub(super) struct PostRow {
    id: i64,
    parent_id: Option<i64>,
    pub(super) author_id: Option<i64>,
    guest_name: Option<String>,
    body_source: String,
    pub(super) body_html: String,
    status: String,
    hidden_reason: Option<String>,
    created_at: i64,
    edited_at: Option<i64>,
    author_display: Option<String>,
    /// The author deleted their account.
    former_member: bool,
}

impl PostRow {
    /// The post as `viewer` may see it: hidden and deleted posts keep only their place.
    pub(super) fn into_post(self, viewer: Option<&Viewer>, now: i64) -> Post {
        let status = PostStatus::parse(&self.status).unwrap_or(PostStatus::Hidden);
        let own = viewer.is_some_and(|v| self.author_id == Some(v.id));
        let shown = matches!(status, PostStatus::Visible | PostStatus::Pending);
        let editable = own
            && shown
            && viewer.is_some_and(|v| !v.suspended)
            && now - self.created_at <= EDIT_WINDOW_SECONDS;
        Post {
            id: self.id,
            parent_id: self.parent_id,
            guest: self.guest_name.is_some() && self.author_id.is_none(),
            former_member: self.former_member,
            author_name: self.author_display.or(self.guest_name).unwrap_or_default(),
            body_html: if shown { self.body_html } else { String::new() },
            status,
            hidden_reason: if status == PostStatus::Hidden {
                self.hidden_reason
            } else {
                None
            },
            created: Moment::at(self.created_at),
            edited: self.edited_at.is_some(),
            own,
            editable_source: editable.then_some(self.body_source),
        }
    }
}
