//! Discussions: threads about places and neighbourhood topics, replies, and reactions
//! written without an account.

use crate::{
    error::AppError,
    model::discussion::{PlaceDiscussion, ThreadList, ThreadView},
};
use leptos::prelude::*;

pub mod posts;
pub use posts::*;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::{
        error::AppError,
        model::{account::Viewer, discussion::PostStatus},
        state::AppState,
    };

    /// Whether a new post of `viewer` waits for a moderator.
    pub async fn status_for(state: &AppState, viewer: &Viewer) -> Result<PostStatus, AppError> {
        if viewer.moderates() || state.policy.hold_first_posts == 0 {
            return Ok(PostStatus::Visible);
        }
        let approved = crate::store::discussions::approved_count(&state.db, viewer.id).await?;
        Ok(if approved < i64::from(state.policy.hold_first_posts) {
            PostStatus::Pending
        } else {
            PostStatus::Visible
        })
    }

    /// The post, or 404 for an id that does not exist or that `viewer` may not know of: a
    /// post waiting for a moderator exists only for its author and the moderators.
    pub async fn post_meta(
        state: &AppState,
        post: i64,
        viewer: Option<&Viewer>,
    ) -> Result<crate::store::discussions::PostMeta, AppError> {
        crate::store::discussions::post_meta(&state.db, post)
            .await?
            .filter(|meta| {
                meta.status != PostStatus::Pending
                    || viewer.is_some_and(|v| v.moderates() || meta.author_id == Some(v.id))
            })
            .ok_or(AppError::NotFound)
    }

    /// A post's text, checked; the problem is reported beside the `body` field, which keeps
    /// what was typed.
    pub fn valid_body(body: &str) -> Result<String, AppError> {
        crate::model::discussion::body(body).map_err(|problem| {
            let mut errors = crate::model::form::FormErrors::new().keep("body", body);
            errors.add("body", problem);
            AppError::Invalid(errors)
        })
    }

    pub fn announce(state: &AppState, status: PostStatus, thread_id: i64, post_id: i64) {
        if status == PostStatus::Visible {
            state
                .live
                .publish(crate::live::PostEvent { thread_id, post_id });
        }
    }
}

#[server(endpoint = "threads/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn list_threads() -> Result<ThreadList, AppError> {
    let state = crate::state::app_state()?;
    let signed_in = crate::auth::viewer().await?.is_some();
    let threads = state
        .cached("threads".into(), async {
            Ok(crate::store::discussions::recent_threads(&state.db, None, 50).await?)
        })
        .await?;
    Ok(ThreadList {
        threads,
        neighbourhood: match crate::api::places::server::chosen_slug() {
            Some(slug) => crate::store::places::neighbourhood(&state.db, &slug).await?,
            None => None,
        },
        signed_in,
    })
}

#[server(endpoint = "threads/get")]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn get_thread(
    id: i64,
    /// The page, from 1.
    #[server(default)]
    page: Option<usize>,
    /// Show the page that holds this post (after a reply, or a report).
    #[server(default)]
    post: Option<i64>,
) -> Result<ThreadView, AppError> {
    use crate::model::permission::{authorize, Action};
    use crate::store::discussions::PageOf;
    let state = crate::state::app_state()?;
    let viewer = crate::auth::viewer().await?;
    let which = match (post, page) {
        (Some(post), _) => PageOf::Holding(post),
        (None, page) => PageOf::Number(page.unwrap_or(1)),
    };
    let read = async {
        crate::store::discussions::thread_page(&state.db, id, viewer.as_ref(), state.now(), which)
            .await?
            .ok_or(AppError::NotFound)
    };
    let thread = match &viewer {
        // What a reader without an account sees is the same for everyone: kept a few seconds.
        None => state.cached(format!("thread {id} {which:?}"), read).await?,
        Some(_) => read.await?,
    };
    let can_reply = authorize(
        viewer.as_ref(),
        Action::Reply {
            thread_locked: thread.locked,
        },
    )
    .is_ok();
    Ok(ThreadView {
        signed_in: viewer.is_some(),
        moderator: viewer.as_ref().is_some_and(|v| v.moderates()),
        can_reply,
        thread,
    })
}

/// The discussion part of a place's page.
#[server(endpoint = "threads/place")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip(slug),
        fields(slug = %crate::error::for_log(&slug)),
        err(level = "info")
    )
)]
pub async fn get_place_discussion(slug: String) -> Result<PlaceDiscussion, AppError> {
    use crate::{auth::antispam::FormToken, model::discussion::GuestForm};
    if !crate::model::place::is_valid_slug(&slug) {
        return Err(AppError::BadRequest);
    }
    let state = crate::state::app_state()?;
    let viewer = crate::auth::viewer().await?;
    let (place_id, _) = crate::store::discussions::place_ids(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let token = FormToken::new(place_id, crate::state::AppState::elapsed_now_ms());
    let read = async {
        Ok((
            crate::store::discussions::recent_threads(&state.db, Some(place_id), 20).await?,
            crate::store::discussions::reactions(&state.db, place_id, viewer.as_ref(), state.now())
                .await?,
        ))
    };
    let (threads, reactions) = match &viewer {
        // What a reader without an account sees is the same for everyone: kept a few seconds.
        // The guest form's token below is made fresh for each reader.
        None => state.cached(format!("discussion {place_id}"), read).await?,
        Some(_) => read.await?,
    };
    Ok(PlaceDiscussion {
        place_slug: slug,
        threads,
        reactions,
        signed_in: viewer.is_some(),
        guest_form: {
            let question = token.question(&state.secret[..]);
            GuestForm {
                a: question.a,
                b: question.b,
                token: token.sign(&state.secret[..]),
            }
        },
    })
}

/// Starts a thread about a place (`place` is its slug) or a neighbourhood topic.
#[server(endpoint = "threads/start")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(
        skip_all,
        fields(place = %crate::error::for_log(&place), neighbourhood = %crate::error::for_log(&neighbourhood)),
        err(level = "info")
    )
)]
pub async fn start_thread(
    title: String,
    body: String,
    #[server(default)] place: String,
    #[server(default)] neighbourhood: String,
) -> Result<(), AppError> {
    use crate::auth::rate_limit;
    use crate::model::{
        discussion,
        form::{FormErrors, Problem},
        permission::Action,
    };
    use crate::store::discussions::{self as store, Author, NewPost};

    let viewer = crate::auth::authorized(Action::StartThread).await?;
    let state = crate::state::app_state()?;
    state.rate_limit(&format!("post:{}", viewer.id), rate_limit::POST_PER_ACCOUNT)?;

    let mut errors = FormErrors::new().keep("title", &title).keep("body", &body);
    let title = errors.check("title", discussion::title(&title));
    let body = errors.check("body", discussion::body(&body));
    let topic = if !place.is_empty() {
        match crate::model::place::is_valid_slug(&place) {
            true => store::place_ids(&state.db, &place)
                .await?
                .map(|(p, n)| (Some(p), n)),
            false => None,
        }
    } else {
        // The neighbourhood is typed (a name, a postcode or a slug) and must name one.
        use crate::store::places::{resolve_neighbourhood, Found};
        match crate::model::filter::clean_search_text(&neighbourhood) {
            None => None,
            Some(text) => match resolve_neighbourhood(&state.db, &text, 2).await? {
                Found::One(n) => store::neighbourhood_id(&state.db, &n.slug)
                    .await?
                    .map(|id| (None, id)),
                Found::Several(_) => None,
            },
        }
    };
    errors = errors.keep("neighbourhood", &neighbourhood);
    if topic.is_none() {
        errors.add(
            if place.is_empty() {
                "neighbourhood"
            } else {
                "place"
            },
            if place.is_empty() && !neighbourhood.trim().is_empty() {
                Problem::UnknownNeighbourhood
            } else {
                Problem::Required
            },
        );
    }
    errors.clone().into_result()?;
    let (Some(title), Some(body), Some((place_id, neighbourhood_id))) = (title, body, topic) else {
        return Err(AppError::Invalid(errors));
    };
    let html = crate::markdown::render(&body);
    let status = server::status_for(&state, &viewer).await?;
    let post = NewPost {
        author: Author::Account(viewer.id),
        source: &body,
        html: &html,
        status,
    };
    let (thread_id, _) = store::create_thread(
        &state.db,
        place_id,
        neighbourhood_id,
        &title,
        viewer.id,
        &post,
        state.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/gesprekken/{thread_id}"));
    Ok(())
}

/// A reply in a thread; `parent` makes it a reply to that post (one level deep).
#[server(endpoint = "threads/reply")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(body), err(level = "info")))]
pub async fn reply(
    thread: i64,
    body: String,
    #[server(default)] parent: Option<i64>,
) -> Result<(), AppError> {
    use crate::auth::rate_limit;
    use crate::model::permission::{authorize, Action};
    use crate::store::discussions::{self as store, Author, NewPost, ReplyRefused};

    let viewer = crate::auth::viewer().await?;
    let state = crate::state::app_state()?;
    let head = store::thread_head(&state.db, thread)
        .await?
        .filter(|h| !h.reactions)
        .ok_or(AppError::NotFound)?;
    authorize(
        viewer.as_ref(),
        Action::Reply {
            thread_locked: head.locked,
        },
    )?;
    let Some(viewer) = viewer else {
        return Err(AppError::LoginRequired);
    };
    state.rate_limit(&format!("post:{}", viewer.id), rate_limit::POST_PER_ACCOUNT)?;

    let body = server::valid_body(&body)?;
    let html = crate::markdown::render(&body);
    let status = server::status_for(&state, &viewer).await?;
    let post = NewPost {
        author: Author::Account(viewer.id),
        source: &body,
        html: &html,
        status,
    };
    match store::reply(
        &state.db,
        thread,
        parent,
        &post,
        viewer.moderates(),
        state.now(),
    )
    .await?
    {
        Ok(post_id) => {
            server::announce(&state, status, thread, post_id);
            // Back to the page that holds the new post, at the post.
            leptos_axum::redirect(&format!(
                "/gesprekken/{thread}?bericht={post_id}#bericht-{post_id}"
            ));
            Ok(())
        }
        Err(ReplyRefused::NoSuchThread) => Err(AppError::NotFound),
        Err(ReplyRefused::Locked) => Err(AppError::ThreadLocked),
        Err(ReplyRefused::BadParent) => Err(AppError::BadRequest),
    }
}
