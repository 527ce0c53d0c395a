//! Threads, posts and moderation as pages show them, and the limits on what people write.

use super::form::{text, Problem};
use serde::{Deserialize, Serialize};

pub const TITLE_MIN: u32 = 3;
pub const TITLE_MAX: u32 = 120;
pub const BODY_MAX: u32 = 5000;
pub const REASON_MIN: u32 = 3;
pub const REASON_MAX: u32 = 500;
pub const GUEST_NAME_MAX: u32 = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostStatus {
    Pending,
    Visible,
    Hidden,
    Deleted,
}

impl PostStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PostStatus::Pending => "pending",
            PostStatus::Visible => "visible",
            PostStatus::Hidden => "hidden",
            PostStatus::Deleted => "deleted",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            PostStatus::Pending,
            PostStatus::Visible,
            PostStatus::Hidden,
            PostStatus::Deleted,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// A moment shown to people: the machine-readable instant and the Amsterdam wall clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    pub iso: String,
    pub label: String,
}

#[cfg(feature = "ssr")]
impl Moment {
    /// A stored Unix time as people read it: the Amsterdam wall clock (`dd-mm-jjjj uu:mm`),
    /// and ISO 8601 for `<time>`.
    pub fn at(seconds: i64) -> Moment {
        let at = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        Moment {
            iso: at.to_string(),
            label: at
                .to_zoned(super::hours::amsterdam())
                .strftime("%d-%m-%Y %H:%M")
                .to_string(),
        }
    }

    /// Only the day of a stored Unix time, in Amsterdam (`dd-mm-jjjj`).
    pub fn day_label(seconds: i64) -> String {
        jiff::Timestamp::from_second(seconds)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(super::hours::amsterdam())
            .strftime("%d-%m-%Y")
            .to_string()
    }
}

/// Where a thread belongs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ThreadTopic {
    pub place_slug: Option<String>,
    pub place_name: Option<String>,
    pub neighbourhood_slug: String,
    pub neighbourhood_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i64,
    pub title: String,
    pub topic: ThreadTopic,
    pub author_name: String,
    pub replies: i64,
    pub last_post: Moment,
    pub locked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author_name: String,
    /// Written without an account.
    pub guest: bool,
    /// Written by someone who has since deleted their account.
    pub former_member: bool,
    /// Sanitized on the server when it was written.
    pub body_html: String,
    pub status: PostStatus,
    pub hidden_reason: Option<String>,
    pub created: Moment,
    pub edited: bool,
    /// The viewer wrote it.
    pub own: bool,
    /// The viewer may still change it; then the source is here to edit.
    pub editable_source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostWithReplies {
    pub post: Post,
    pub replies: Vec<Post>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub id: i64,
    pub title: String,
    pub topic: ThreadTopic,
    pub locked: bool,
    /// This page's top-level posts in order (the opening post first on page 1), each with
    /// its replies.
    pub posts: Vec<PostWithReplies>,
    /// Which page this is, from 1, of how many.
    pub page: usize,
    pub pages: usize,
}

/// A post waiting for a moderator, or a reported one, with where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub post: Post,
    pub thread_id: i64,
    pub thread_title: String,
    pub author_id: Option<i64>,
    pub author_suspended: bool,
    pub reports: Vec<ReportNote>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportNote {
    pub id: i64,
    pub reason: String,
    pub reporter_name: String,
    pub created: Moment,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub pending: Vec<QueueItem>,
    pub reported: Vec<QueueItem>,
    /// Whether the viewer may read the moderation log (administrators), so nobody is shown
    /// a link that answers 403.
    pub may_read_log: bool,
    /// Whether the viewer may give roles (administrators).
    pub may_grant_roles: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModAction {
    Approve,
    Hide,
    Restore,
    Delete,
    Lock,
    Unlock,
    Suspend,
    Unsuspend,
    MakeModerator,
    MakeHost,
    DismissReport,
    MakeEditor,
    RevokeEditor,
    /// A password reset code was made for an account (never logged: the code itself).
    ResetCode,
}

impl ModAction {
    pub const ALL: [ModAction; 14] = [
        ModAction::Approve,
        ModAction::Hide,
        ModAction::Restore,
        ModAction::Delete,
        ModAction::Lock,
        ModAction::Unlock,
        ModAction::Suspend,
        ModAction::Unsuspend,
        ModAction::MakeModerator,
        ModAction::MakeHost,
        ModAction::DismissReport,
        ModAction::MakeEditor,
        ModAction::RevokeEditor,
        ModAction::ResetCode,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ModAction::Approve => "approve",
            ModAction::Hide => "hide",
            ModAction::Restore => "restore",
            ModAction::Delete => "delete",
            ModAction::Lock => "lock",
            ModAction::Unlock => "unlock",
            ModAction::Suspend => "suspend",
            ModAction::Unsuspend => "unsuspend",
            ModAction::MakeModerator => "make_moderator",
            ModAction::MakeHost => "make_host",
            ModAction::DismissReport => "dismiss_report",
            ModAction::MakeEditor => "make_editor",
            ModAction::RevokeEditor => "revoke_editor",
            ModAction::ResetCode => "reset_code",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: i64,
    pub moderator_name: String,
    pub action: ModAction,
    pub post_id: Option<i64>,
    pub thread_id: Option<i64>,
    pub user_name: Option<String>,
    pub place_name: Option<String>,
    pub reason: String,
    pub created: Moment,
    /// The thread's title, and where the thread, the post and the place can be read.
    pub thread_title: Option<String>,
    pub thread_href: Option<String>,
    pub post_href: Option<String>,
    pub place_href: Option<String>,
}

/// Where a thread is read: a discussion on its own page, a place's reactions on the place's
/// page, an article's reactions under the article.
pub fn thread_href(
    kind: &str,
    thread_id: i64,
    place_slug: Option<&str>,
    article_slug: Option<&str>,
) -> Option<String> {
    match kind {
        "discussion" => Some(format!("/gesprekken/{thread_id}")),
        "reactions" => place_slug.map(|slug| format!("/plekken/{slug}#reacties")),
        "article" => article_slug.map(|slug| format!("/artikelen/{slug}#reacties")),
        _ => None,
    }
}

/// Where one post is read: in a discussion, on the page that holds it.
pub fn post_href(kind: &str, thread_id: i64, post_id: i64, thread: Option<&str>) -> Option<String> {
    match kind {
        "discussion" => Some(format!(
            "/gesprekken/{thread_id}?bericht={post_id}#bericht-{post_id}"
        )),
        _ => thread.map(str::to_string),
    }
}

/// A thread page for one viewer: the thread and what they may do there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub thread: Thread,
    pub signed_in: bool,
    pub can_reply: bool,
    pub moderator: bool,
}

/// The anti-spam question and its signed token, for a form sent without an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestForm {
    pub token: String,
    pub a: u8,
    pub b: u8,
}

/// What a place's page shows under its details: its threads and its guest book.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceDiscussion {
    pub place_slug: String,
    pub threads: Vec<ThreadSummary>,
    pub reactions: Vec<Post>,
    pub signed_in: bool,
    pub guest_form: GuestForm,
}

/// The discussions overview: recent threads and where a new one can go.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadList {
    pub threads: Vec<ThreadSummary>,
    /// The resident's own neighbourhood, if they chose one: the start form fills it in.
    pub neighbourhood: Option<super::place::Neighbourhood>,
    pub signed_in: bool,
}

pub fn title(value: &str) -> Result<String, Problem> {
    text(value, TITLE_MIN, TITLE_MAX, false)
}

pub fn body(value: &str) -> Result<String, Problem> {
    text(value, 1, BODY_MAX, true)
}

pub fn reason(value: &str) -> Result<String, Problem> {
    text(value, REASON_MIN, REASON_MAX, true)
}

pub fn guest_name(value: &str) -> Result<String, Problem> {
    text(value, 1, GUEST_NAME_MAX, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for action in ModAction::ALL {
            assert_eq!(ModAction::parse(action.as_str()), Some(action));
        }
        for status in ["pending", "visible", "hidden", "deleted"] {
            assert_eq!(
                PostStatus::parse(status).map(PostStatus::as_str),
                Some(status)
            );
        }
        assert_eq!(ModAction::parse("drop table"), None);
    }

    #[test]
    fn limits() {
        assert_eq!(title("hi"), Err(Problem::TooShort { min: 3 }));
        assert!(body(&"a".repeat(5000)).is_ok());
        assert_eq!(body(&"a".repeat(5001)), Err(Problem::TooLong { max: 5000 }));
        assert_eq!(body(" \n "), Err(Problem::Required));
        assert_eq!(reason("x"), Err(Problem::TooShort { min: 3 }));
    }
}
