//! Accounts, sessions, threads and moderation in the store, on a real SQLite file.

#[path = "support/test_db.rs"]
mod test_db;

use app::model::discussion::{ModAction, PostStatus};
use app::store::{
    accounts::{self, SignupRefused},
    discussions::{self, Author, NewPost, ReplyRefused},
    invites,
    moderation::{self, Outcome, Subject},
};
use test_db::{demo_db, place, signup, user, NOW};

fn post<'a>(author: i64, text: &'a str, status: PostStatus) -> NewPost<'a> {
    NewPost {
        author: Author::Account(author),
        source: text,
        html: text,
        status,
    }
}

#[tokio::test]
async fn usernames_are_unique_in_any_case() {
    let t = demo_db().await;
    user(&t.db, "Anna").await;
    let again = signup(&t.db, "anna", None).await;
    assert_eq!(again, Err(SignupRefused::UsernameTaken));
}

#[tokio::test]
async fn a_session_is_rotated_at_login_and_ended_at_logout() {
    let t = demo_db().await;
    let id = user(&t.db, "bert").await;
    let now = jiff::Timestamp::from_second(NOW).unwrap();
    let first = accounts::start_session(&t.db, id, None, NOW).await.unwrap();
    assert_eq!(
        accounts::session_viewer(&t.db, &first, now)
            .await
            .unwrap()
            .unwrap()
            .id,
        id
    );
    // Logging in again with the old cookie present ends that session.
    let second = accounts::start_session(&t.db, id, Some(&first), NOW)
        .await
        .unwrap();
    assert_ne!(first, second);
    assert!(accounts::session_viewer(&t.db, &first, now)
        .await
        .unwrap()
        .is_none());
    assert!(accounts::session_viewer(&t.db, &second, now)
        .await
        .unwrap()
        .is_some());
    // Sessions expire.
    let later = jiff::Timestamp::from_second(NOW + 31 * 24 * 3600).unwrap();
    assert!(accounts::session_viewer(&t.db, &second, later)
        .await
        .unwrap()
        .is_none());
    accounts::end_session(&t.db, &second).await.unwrap();
    assert!(accounts::session_viewer(&t.db, &second, now)
        .await
        .unwrap()
        .is_none());
    // The database holds only hashes.
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(&t.db.read)
        .await
        .unwrap();
    assert!(!stored.contains(&second));
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions() {
    let t = demo_db().await;
    let id = user(&t.db, "carla").await;
    let now = jiff::Timestamp::from_second(NOW).unwrap();
    let phone = accounts::start_session(&t.db, id, None, NOW).await.unwrap();
    let laptop = accounts::start_session(&t.db, id, None, NOW).await.unwrap();
    accounts::set_password(&t.db, id, "new", Some(&laptop))
        .await
        .unwrap();
    assert!(accounts::session_viewer(&t.db, &phone, now)
        .await
        .unwrap()
        .is_none());
    assert!(accounts::session_viewer(&t.db, &laptop, now)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        accounts::password_hash(&t.db, id).await.unwrap().as_deref(),
        Some("new")
    );
}

#[tokio::test]
async fn an_invite_records_where_we_met() {
    let t = demo_db().await;
    let host = user(&t.db, "host").await;
    let (linde, _) = place(&t.db, "buurthuis-de-linde").await;
    let code = invites::create(&t.db, linde, host, Default::default(), NOW)
        .await
        .unwrap();
    assert_eq!(
        app::model::account::invite_code(&code),
        Ok(Some(code.clone()))
    );
    let id = signup(&t.db, "dirk", Some(&code)).await.unwrap();
    let overview = accounts::overview(&t.db, id).await.unwrap().unwrap();
    assert_eq!(overview.met_at.unwrap().slug, "buurthuis-de-linde");
    assert_eq!(
        invites::for_places(&t.db, &[linde], NOW).await.unwrap()[0].uses,
        1
    );
    let unknown = signup(&t.db, "eva", Some("ZZZZZZZZ")).await;
    assert_eq!(unknown, Err(SignupRefused::UnknownInvite));
    assert!(
        accounts::credentials(&t.db, "eva").await.unwrap().is_none(),
        "nothing was written"
    );
}

#[tokio::test]
async fn threads_replies_and_what_each_viewer_sees() {
    let t = demo_db().await;
    let anna = user(&t.db, "anna").await;
    let bert = user(&t.db, "bert").await;
    let (linde, neighbourhood) = place(&t.db, "buurthuis-de-linde").await;
    let (thread, opening) = discussions::create_thread(
        &t.db,
        Some(linde),
        neighbourhood,
        "Koffie",
        anna,
        &post(anna, "Wie komt er?", PostStatus::Visible),
        NOW,
    )
    .await
    .unwrap();
    let reply = discussions::reply(
        &t.db,
        thread,
        Some(opening),
        &post(bert, "Ik!", PostStatus::Visible),
        false,
        NOW + 1,
    )
    .await
    .unwrap()
    .unwrap();
    let pending = discussions::reply(
        &t.db,
        thread,
        None,
        &post(bert, "Wacht", PostStatus::Pending),
        false,
        NOW + 2,
    )
    .await
    .unwrap()
    .unwrap();
    // Replies are one level deep, and only within the same thread.
    assert_eq!(
        discussions::reply(
            &t.db,
            thread,
            Some(reply),
            &post(anna, "x", PostStatus::Visible),
            false,
            NOW
        )
        .await
        .unwrap(),
        Err(ReplyRefused::BadParent)
    );
    assert_eq!(
        discussions::reply(
            &t.db,
            9999,
            None,
            &post(anna, "x", PostStatus::Visible),
            false,
            NOW
        )
        .await
        .unwrap(),
        Err(ReplyRefused::NoSuchThread)
    );

    let bert_viewer = accounts::viewer(&t.db, bert).await.unwrap().unwrap();
    let anna_viewer = accounts::viewer(&t.db, anna).await.unwrap().unwrap();
    let seen_by_bert = discussions::thread(&t.db, thread, Some(&bert_viewer), NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        seen_by_bert.posts.len(),
        2,
        "bert sees his own pending post"
    );
    assert_eq!(seen_by_bert.posts[0].replies[0].id, reply);
    assert!(seen_by_bert.posts[1].post.own && seen_by_bert.posts[1].post.editable_source.is_some());
    let seen_by_anna = discussions::thread(&t.db, thread, Some(&anna_viewer), NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        seen_by_anna.posts.len(),
        1,
        "others do not see a pending post"
    );
    assert!(seen_by_anna.posts.iter().all(|p| p.post.id != pending));
    // The edit window closes after 15 minutes.
    let later = discussions::thread(&t.db, thread, Some(&bert_viewer), NOW + 16 * 60)
        .await
        .unwrap()
        .unwrap();
    assert!(later.posts[1].post.editable_source.is_none());

    let listed = discussions::recent_threads(&t.db, Some(linde), 10)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].replies, 1, "the pending reply is not counted");
}

#[tokio::test]
async fn a_locked_thread_takes_no_replies_except_from_moderators() {
    let t = demo_db().await;
    let anna = user(&t.db, "anna").await;
    let (_, neighbourhood) = place(&t.db, "buurthuis-de-linde").await;
    let (thread, _) = discussions::create_thread(
        &t.db,
        None,
        neighbourhood,
        "Onderwerp",
        anna,
        &post(anna, "Tekst", PostStatus::Visible),
        NOW,
    )
    .await
    .unwrap();
    let outcome = moderation::apply(
        &t.db,
        anna,
        ModAction::Lock,
        Subject {
            thread_id: Some(thread),
            ..Default::default()
        },
        "",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(outcome, Outcome::Done);
    assert_eq!(
        discussions::reply(
            &t.db,
            thread,
            None,
            &post(anna, "Nog iets", PostStatus::Visible),
            false,
            NOW
        )
        .await
        .unwrap(),
        Err(ReplyRefused::Locked)
    );
    assert!(discussions::reply(
        &t.db,
        thread,
        None,
        &post(anna, "Moderator", PostStatus::Visible),
        true,
        NOW
    )
    .await
    .unwrap()
    .is_ok());
}

#[tokio::test]
async fn the_moderation_queue_from_waiting_to_shown_and_logged() {
    let t = demo_db().await;
    let anna = user(&t.db, "anna").await;
    let moderator = user(&t.db, "mod").await;
    sqlx::query("UPDATE users SET is_moderator = 1 WHERE id = ?")
        .bind(moderator)
        .execute(&t.db.write)
        .await
        .unwrap();
    let mod_viewer = accounts::viewer(&t.db, moderator).await.unwrap().unwrap();
    let (linde, neighbourhood) = place(&t.db, "buurthuis-de-linde").await;

    // A new account's first thread waits, and is not listed until approved.
    let (thread, opening) = discussions::create_thread(
        &t.db,
        Some(linde),
        neighbourhood,
        "Eerste",
        anna,
        &post(anna, "Hallo", PostStatus::Pending),
        NOW,
    )
    .await
    .unwrap();
    assert!(discussions::recent_threads(&t.db, None, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(discussions::approved_count(&t.db, anna).await.unwrap(), 0);
    // A guest reaction waits too.
    let (_, reaction) = discussions::add_reaction(
        &t.db,
        linde,
        "Reacties",
        &NewPost {
            author: Author::Guest("Gast"),
            source: "Leuk!",
            html: "<p>Leuk!</p>",
            status: PostStatus::Pending,
        },
        "form-1",
        NOW - 3600,
        NOW,
    )
    .await
    .unwrap()
    .unwrap();
    let queue = moderation::queue(&t.db, &mod_viewer, NOW).await.unwrap();
    let waiting: Vec<i64> = queue.pending.iter().map(|i| i.post.id).collect();
    assert_eq!(waiting, vec![opening, reaction]);

    let approve = |post_id| Subject {
        post_id: Some(post_id),
        ..Default::default()
    };
    assert_eq!(
        moderation::apply(
            &t.db,
            moderator,
            ModAction::Approve,
            approve(opening),
            "",
            NOW
        )
        .await
        .unwrap(),
        Outcome::Shown {
            thread_id: thread,
            post_id: opening
        }
    );
    // Approving twice changes nothing and logs nothing.
    assert_eq!(
        moderation::apply(
            &t.db,
            moderator,
            ModAction::Approve,
            approve(opening),
            "",
            NOW
        )
        .await
        .unwrap(),
        Outcome::Unchanged
    );
    assert_eq!(
        discussions::recent_threads(&t.db, None, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(discussions::approved_count(&t.db, anna).await.unwrap(), 1);

    // A report puts a visible post in the queue; hiding it settles the report.
    discussions::report(&t.db, opening, moderator, "Niet aardig", NOW)
        .await
        .unwrap();
    let queue = moderation::queue(&t.db, &mod_viewer, NOW).await.unwrap();
    assert_eq!(queue.reported.len(), 1);
    assert_eq!(queue.reported[0].reports[0].reason, "Niet aardig");
    moderation::apply(
        &t.db,
        moderator,
        ModAction::Hide,
        approve(opening),
        "Niet aardig",
        NOW,
    )
    .await
    .unwrap();
    assert!(moderation::queue(&t.db, &mod_viewer, NOW)
        .await
        .unwrap()
        .reported
        .is_empty());
    assert_eq!(
        discussions::post_meta(&t.db, opening)
            .await
            .unwrap()
            .unwrap()
            .status,
        PostStatus::Hidden
    );
    moderation::apply(
        &t.db,
        moderator,
        ModAction::Restore,
        approve(opening),
        "",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        discussions::post_meta(&t.db, opening)
            .await
            .unwrap()
            .unwrap()
            .status,
        PostStatus::Visible
    );

    moderation::apply(
        &t.db,
        moderator,
        ModAction::Suspend,
        Subject {
            user_id: Some(anna),
            ..Default::default()
        },
        "Spam",
        NOW,
    )
    .await
    .unwrap();
    assert!(
        accounts::viewer(&t.db, anna)
            .await
            .unwrap()
            .unwrap()
            .suspended
    );

    let log = moderation::log(&t.db, 10).await.unwrap();
    let actions: Vec<ModAction> = log.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            ModAction::Suspend,
            ModAction::Restore,
            ModAction::Hide,
            ModAction::Approve
        ]
    );
    assert_eq!(log[0].reason, "Spam");
    assert_eq!(log[0].user_name.as_deref(), Some("anna"));
}

#[tokio::test]
async fn granting_host_and_moderator_roles() {
    let t = demo_db().await;
    let admin = user(&t.db, "admin").await;
    let anna = user(&t.db, "anna").await;
    let (linde, _) = place(&t.db, "buurthuis-de-linde").await;
    let host = Subject {
        user_id: Some(anna),
        place_id: Some(linde),
        ..Default::default()
    };
    assert_eq!(
        moderation::apply(&t.db, admin, ModAction::MakeHost, host, "", NOW)
            .await
            .unwrap(),
        Outcome::Done
    );
    assert_eq!(
        moderation::apply(&t.db, admin, ModAction::MakeHost, host, "", NOW)
            .await
            .unwrap(),
        Outcome::Unchanged
    );
    let viewer = accounts::viewer(&t.db, anna).await.unwrap().unwrap();
    assert_eq!(viewer.hosted_places, vec![linde]);
    let detail = app::store::places::by_slug(
        &t.db,
        "buurthuis-de-linde",
        jiff::Timestamp::from_second(NOW).unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert!(
        detail.hosts.contains(&"anna".to_string()),
        "the new host is listed on the place page"
    );
    moderation::apply(
        &t.db,
        admin,
        ModAction::MakeModerator,
        Subject {
            user_id: Some(anna),
            ..Default::default()
        },
        "",
        NOW,
    )
    .await
    .unwrap();
    assert!(
        accounts::viewer(&t.db, anna)
            .await
            .unwrap()
            .unwrap()
            .moderator
    );
}

#[tokio::test]
async fn the_signing_key_is_made_once() {
    let t = demo_db().await;
    let first = accounts::server_secret(&t.db).await.unwrap();
    assert_ne!(first, [0u8; 32]);
    assert_eq!(accounts::server_secret(&t.db).await.unwrap(), first);
}
