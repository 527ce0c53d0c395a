//! Who may do what: the whole table, viewer by viewer.

use super::*;

const NOW: i64 = 1_000_000;
const PLACE: i64 = 7;

fn person(id: i64, moderator: bool, admin: bool, hosted: &[i64]) -> Viewer {
    Viewer {
        id,
        username: format!("u{id}"),
        display_name: format!("U{id}"),
        moderator,
        admin,
        editor: false,
        suspended: false,
        hosted_places: hosted.to_vec(),
    }
}

/// Every role against every action: `Ok` or the exact refusal.
#[test]
fn the_whole_table() {
    let resident = person(1, false, false, &[]);
    let host = person(2, false, false, &[PLACE]);
    let moderator = person(3, true, false, &[]);
    let admin = person(4, false, true, &[]);
    let suspended = Viewer {
        suspended: true,
        ..person(5, true, false, &[PLACE])
    };
    let other_resident = Target {
        id: 9,
        moderator: false,
        admin: false,
    };
    let other_moderator = Target {
        id: 8,
        moderator: true,
        admin: false,
    };
    let an_admin = Target {
        id: 10,
        moderator: false,
        admin: true,
    };

    use AppError::*;
    let ok = || Ok::<(), AppError>(());
    // Columns: anonymous, resident (author of post 1), host, moderator, admin, suspended.
    type Row = (&'static str, Action, [Result<(), AppError>; 6]);
    let rows: Vec<Row> = vec![
        (
            "start a thread",
            Action::StartThread,
            [Err(LoginRequired), ok(), ok(), ok(), ok(), Err(Suspended)],
        ),
        (
            "reply",
            Action::Reply {
                thread_locked: false,
            },
            [Err(LoginRequired), ok(), ok(), ok(), ok(), Err(Suspended)],
        ),
        (
            "reply to a locked thread",
            Action::Reply {
                thread_locked: true,
            },
            [
                Err(LoginRequired),
                Err(ThreadLocked),
                Err(ThreadLocked),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "edit own post in time",
            Action::EditPost {
                author_id: Some(1),
                created_at: NOW - 60,
                now: NOW,
            },
            [
                Err(LoginRequired),
                ok(),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                Err(Suspended),
            ],
        ),
        (
            "edit own post too late",
            Action::EditPost {
                author_id: Some(1),
                created_at: NOW - EDIT_WINDOW_SECONDS - 1,
                now: NOW,
            },
            [
                Err(LoginRequired),
                Err(EditWindowOver),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                Err(Suspended),
            ],
        ),
        (
            "edit at the last second",
            Action::EditPost {
                author_id: Some(1),
                created_at: NOW - EDIT_WINDOW_SECONDS,
                now: NOW,
            },
            [
                Err(LoginRequired),
                ok(),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                Err(Suspended),
            ],
        ),
        (
            "edit a guest reaction",
            Action::EditPost {
                author_id: None,
                created_at: NOW,
                now: NOW,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                Err(Suspended),
            ],
        ),
        (
            "delete own post",
            Action::DeletePost {
                author_id: Some(1),
                status: PostStatus::Visible,
            },
            [
                Err(LoginRequired),
                ok(),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "delete a guest reaction",
            Action::DeletePost {
                author_id: None,
                status: PostStatus::Visible,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "delete own post while it waits for a moderator",
            Action::DeletePost {
                author_id: Some(1),
                status: PostStatus::Pending,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "delete own post a moderator hid",
            Action::DeletePost {
                author_id: Some(1),
                status: PostStatus::Hidden,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "join an activity",
            Action::Join,
            [Err(LoginRequired), ok(), ok(), ok(), ok(), Err(Suspended)],
        ),
        (
            "report",
            Action::Report,
            [Err(LoginRequired), ok(), ok(), ok(), ok(), Err(Suspended)],
        ),
        (
            "moderate (approve, hide, restore)",
            Action::Moderate,
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "lock a thread",
            Action::LockThread,
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "suspend a resident",
            Action::Suspend {
                target: other_resident,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "suspend a moderator",
            Action::Suspend {
                target: other_moderator,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "suspend an admin",
            Action::Suspend { target: an_admin },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                Err(Suspended),
            ],
        ),
        (
            "lift a moderator's suspension of a resident",
            Action::LiftSuspension {
                target: other_resident,
                by_admin: false,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "lift an administrator's suspension of a resident",
            Action::LiftSuspension {
                target: other_resident,
                by_admin: true,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "read the moderation log",
            Action::ReadModerationLog,
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "grant a role",
            Action::GrantRole,
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "invite for own place",
            Action::CreateInvite { place_id: PLACE },
            [
                Err(LoginRequired),
                Err(Forbidden),
                ok(),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "run own place",
            Action::RunPlace { place_id: PLACE },
            [
                Err(LoginRequired),
                Err(Forbidden),
                ok(),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "run another place",
            Action::RunPlace {
                place_id: PLACE + 1,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "see the host dashboard",
            Action::HostDashboard,
            [
                Err(LoginRequired),
                Err(Forbidden),
                ok(),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "see own invite codes",
            Action::ListInvites,
            [Err(LoginRequired), ok(), ok(), ok(), ok(), Err(Suspended)],
        ),
        (
            "invite for another place",
            Action::CreateInvite {
                place_id: PLACE + 1,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "open the insights",
            Action::Insights,
            [
                Err(LoginRequired),
                Err(Forbidden),
                ok(),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "see own place's insights",
            Action::PlaceInsights { place_id: PLACE },
            [
                Err(LoginRequired),
                Err(Forbidden),
                ok(),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "see another place's insights",
            Action::PlaceInsights {
                place_id: PLACE + 1,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "compare the places of a neighbourhood one hosts in",
            Action::NeighbourhoodInsights { hosts_there: true },
            [Err(LoginRequired), ok(), ok(), ok(), ok(), Err(Suspended)],
        ),
        (
            "compare the places of another neighbourhood",
            Action::NeighbourhoodInsights { hosts_there: false },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "write, preview and publish articles",
            Action::WriteArticle,
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "ask for company the first time at a place",
            Action::AskBuddy {
                place_id: PLACE,
                visited_before: false,
            },
            [
                Err(LoginRequired),
                ok(),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "ask for company at a place one came to before",
            Action::AskBuddy {
                place_id: PLACE + 1,
                visited_before: true,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                Err(Suspended),
            ],
        ),
        (
            "offer to go along at a place one came to before",
            Action::OfferBuddy {
                place_id: PLACE + 1,
                visited_before: true,
            },
            [Err(LoginRequired), ok(), ok(), ok(), ok(), Err(Suspended)],
        ),
        (
            "offer to go along at a place one never came to",
            Action::OfferBuddy {
                place_id: PLACE,
                visited_before: false,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                ok(),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "pair newcomers with buddies at own place",
            Action::PairBuddy { place_id: PLACE },
            [
                Err(LoginRequired),
                Err(Forbidden),
                ok(),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "pair newcomers with buddies at another place",
            Action::PairBuddy {
                place_id: PLACE + 1,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "open the reset codes page",
            Action::ResetCodes,
            [
                Err(LoginRequired),
                Err(Forbidden),
                ok(),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "make a reset code for a resident without a role",
            Action::MakeResetCode {
                target: other_resident,
                target_hosts_or_edits: false,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                ok(),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "make a reset code for a host or an editor",
            Action::MakeResetCode {
                target: other_resident,
                target_hosts_or_edits: true,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "make a reset code for a moderator",
            Action::MakeResetCode {
                target: other_moderator,
                target_hosts_or_edits: false,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
        (
            "make a reset code for an administrator",
            Action::MakeResetCode {
                target: an_admin,
                target_hosts_or_edits: false,
            },
            [
                Err(LoginRequired),
                Err(Forbidden),
                Err(Forbidden),
                Err(Forbidden),
                ok(),
                Err(Suspended),
            ],
        ),
    ];
    let viewers = [
        None,
        Some(&resident),
        Some(&host),
        Some(&moderator),
        Some(&admin),
        Some(&suspended),
    ];
    let names = [
        "anonymous",
        "resident",
        "host",
        "moderator",
        "admin",
        "suspended",
    ];
    for (what, action, expected) in rows {
        for ((viewer, name), want) in viewers.iter().zip(names).zip(expected) {
            assert_eq!(authorize(*viewer, action), want, "{name} may {what}?");
        }
    }
}

#[test]
fn nobody_suspends_themselves() {
    let admin = person(4, false, true, &[]);
    let me = Target {
        id: 4,
        moderator: false,
        admin: false,
    };
    assert_eq!(
        authorize(Some(&admin), Action::Suspend { target: me }),
        Err(AppError::Forbidden)
    );
}

#[test]
fn editors_write_articles_and_nothing_more() {
    let editor = Viewer {
        editor: true,
        ..person(6, false, false, &[])
    };
    assert_eq!(authorize(Some(&editor), Action::WriteArticle), Ok(()));
    assert_eq!(
        authorize(Some(&editor), Action::Moderate),
        Err(AppError::Forbidden)
    );
    assert_eq!(
        authorize(Some(&editor), Action::GrantRole),
        Err(AppError::Forbidden)
    );
    let suspended = Viewer {
        suspended: true,
        ..editor
    };
    assert_eq!(
        authorize(Some(&suspended), Action::WriteArticle),
        Err(AppError::Suspended)
    );
}

#[test]
fn nobody_makes_a_reset_code_for_their_own_account() {
    let admin = person(4, false, true, &[]);
    let moderator = person(3, true, false, &[]);
    let host = person(2, false, false, &[PLACE]);
    for (viewer, target) in [
        (
            &admin,
            Target {
                id: 4,
                moderator: false,
                admin: true,
            },
        ),
        (
            &moderator,
            Target {
                id: 3,
                moderator: true,
                admin: false,
            },
        ),
        (
            &host,
            Target {
                id: 2,
                moderator: false,
                admin: false,
            },
        ),
    ] {
        assert_eq!(
            authorize(
                Some(viewer),
                Action::MakeResetCode {
                    target,
                    target_hosts_or_edits: viewer.id == 2,
                }
            ),
            Err(AppError::Forbidden),
            "{} for themselves",
            viewer.username
        );
    }
}

#[test]
fn editors_and_hosts_of_nothing_make_no_reset_codes() {
    let editor = Viewer {
        editor: true,
        ..person(6, false, false, &[])
    };
    let resident = Target {
        id: 9,
        moderator: false,
        admin: false,
    };
    assert_eq!(
        authorize(Some(&editor), Action::ResetCodes),
        Err(AppError::Forbidden)
    );
    assert_eq!(
        authorize(
            Some(&editor),
            Action::MakeResetCode {
                target: resident,
                target_hosts_or_edits: false,
            }
        ),
        Err(AppError::Forbidden)
    );
    // A moderator who also hosts a place still reaches other hosts as a moderator.
    let both = person(7, true, false, &[PLACE]);
    assert_eq!(
        authorize(
            Some(&both),
            Action::MakeResetCode {
                target: resident,
                target_hosts_or_edits: true,
            }
        ),
        Ok(())
    );
}
