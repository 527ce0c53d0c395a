//! Who may do what. One pure function, called by every server function that changes
//! something, so the rules live in one place and are tested as a table.

use super::account::Viewer;
use super::discussion::PostStatus;
use crate::error::AppError;

/// How long authors may edit their own post.
pub const EDIT_WINDOW_SECONDS: i64 = 15 * 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    StartThread,
    Reply {
        thread_locked: bool,
    },
    EditPost {
        author_id: Option<i64>,
        created_at: i64,
        now: i64,
    },
    /// Delete a post; its author only while it is visible (a pending post waits for a
    /// moderator, a hidden one stays for the moderation log).
    DeletePost {
        author_id: Option<i64>,
        status: PostStatus,
    },
    Report,
    /// Approve, hide, restore or delete any post; see the queue and the reports.
    Moderate,
    LockThread,
    Suspend {
        target: Target,
    },
    /// Lift a suspension; one an administrator made only an administrator may lift.
    LiftSuspension {
        target: Target,
        by_admin: bool,
    },
    ReadModerationLog,
    GrantRole,
    CreateInvite {
        place_id: i64,
    },
    /// Run a place: its light, its activities, the door.
    RunPlace {
        place_id: i64,
    },
    /// Join an activity (or its waiting list).
    Join,
    /// See the host's dashboard (`/beheer`): whoever runs a place, and administrators.
    HostDashboard,
    /// See the invite codes of one's own places (none when one runs no place).
    ListInvites,
    /// Open `/inzichten`: hosts, moderators and administrators.
    Insights,
    /// See a place's insights: its hosts, moderators and administrators.
    PlaceInsights {
        place_id: i64,
    },
    /// See a neighbourhood's comparison: moderators and administrators, and hosts of a place
    /// in it (who see other places only added up, see `model::insights::compare`).
    NeighbourhoodInsights {
        hosts_there: bool,
    },
    /// Write, preview and publish articles, upload their cover images: editors and
    /// administrators.
    WriteArticle,
    /// Ask for company the first time one goes to a place: whoever never checked in there
    /// and does not host it.
    AskBuddy {
        place_id: i64,
        visited_before: bool,
    },
    /// Offer to go along with a newcomer: whoever checked in at the place before, and its
    /// hosts (administrators run every place).
    OfferBuddy {
        place_id: i64,
        visited_before: bool,
    },
    /// See the requests of a place's dates and pair them: its hosts, moderators and
    /// administrators.
    PairBuddy {
        place_id: i64,
    },
    /// Open the page that makes password reset codes and look people up there: hosts of
    /// any place, moderators and administrators.
    ResetCodes,
    /// Make a one-time password reset code for `target`, to hand over in person. Whoever
    /// holds the code takes over the account, so: a host only for an account without any
    /// role; a moderator for one that is neither moderator nor administrator; an
    /// administrator for anyone. Never for one's own account.
    MakeResetCode {
        target: Target,
        /// The account hosts a place or writes articles.
        target_hosts_or_edits: bool,
    },
}

/// The account an action is aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub id: i64,
    pub moderator: bool,
    pub admin: bool,
}

/// `Ok` when `viewer` (None: not signed in) may do `action`; otherwise the reason.
pub fn authorize(viewer: Option<&Viewer>, action: Action) -> Result<(), AppError> {
    let Some(viewer) = viewer else {
        return Err(AppError::LoginRequired);
    };
    if viewer.suspended {
        return Err(AppError::Suspended);
    }
    let own = |author: Option<i64>| author == Some(viewer.id);
    let allowed = match action {
        Action::StartThread | Action::Report | Action::Join | Action::ListInvites => true,
        Action::HostDashboard => !viewer.hosted_places.is_empty() || viewer.admin,
        Action::Reply { thread_locked } => {
            if thread_locked && !viewer.moderates() {
                return Err(AppError::ThreadLocked);
            }
            true
        }
        Action::EditPost {
            author_id,
            created_at,
            now,
        } => {
            if !own(author_id) {
                false
            } else if now - created_at > EDIT_WINDOW_SECONDS {
                return Err(AppError::EditWindowOver);
            } else {
                true
            }
        }
        Action::DeletePost { author_id, status } => {
            viewer.moderates() || (own(author_id) && status == PostStatus::Visible)
        }
        Action::Moderate | Action::LockThread => viewer.moderates(),
        Action::Suspend { target } => may_suspend(viewer, target),
        Action::LiftSuspension { target, by_admin } => {
            may_suspend(viewer, target) && (viewer.admin || !by_admin)
        }
        Action::ReadModerationLog | Action::GrantRole => viewer.admin,
        Action::Insights => viewer.moderates() || !viewer.hosted_places.is_empty(),
        Action::PlaceInsights { place_id } => viewer.moderates() || viewer.hosts(place_id),
        Action::NeighbourhoodInsights { hosts_there } => viewer.moderates() || hosts_there,
        Action::WriteArticle => viewer.editor || viewer.admin,
        Action::AskBuddy {
            place_id,
            visited_before,
        } => !visited_before && !viewer.hosts(place_id),
        Action::OfferBuddy {
            place_id,
            visited_before,
        } => visited_before || viewer.hosts(place_id) || viewer.admin,
        Action::PairBuddy { place_id } => viewer.hosts(place_id) || viewer.moderates(),
        Action::ResetCodes => viewer.moderates() || !viewer.hosted_places.is_empty(),
        Action::MakeResetCode {
            target,
            target_hosts_or_edits,
        } => may_make_reset_code(viewer, target, target_hosts_or_edits),
        Action::CreateInvite { place_id } | Action::RunPlace { place_id } => {
            viewer.hosts(place_id) || viewer.admin
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether `viewer` may suspend `target`, or lift its suspension.
fn may_suspend(viewer: &Viewer, target: Target) -> bool {
    target.id != viewer.id
        && !target.admin
        && (viewer.admin || (viewer.moderator && !target.moderator))
}

/// Whether `viewer` may make a reset code for `target` (see [`Action::MakeResetCode`]): the
/// code opens the account, so a host reaches only accounts without a role, a moderator none
/// of the moderators and administrators, and nobody their own account.
fn may_make_reset_code(viewer: &Viewer, target: Target, target_hosts_or_edits: bool) -> bool {
    let no_role = !target.moderator && !target.admin && !target_hosts_or_edits;
    target.id != viewer.id
        && (viewer.admin
            || (viewer.moderator && !target.moderator && !target.admin)
            || (!viewer.hosted_places.is_empty() && no_role))
}

#[cfg(test)]
#[path = "permission_tests.rs"]
mod tests;
