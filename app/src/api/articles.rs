//! Articles: the list and a tag, one article with its reactions, the editor's form, and
//! saving what an editor sent (a multipart form the server's upload route hands over).

use crate::error::AppError;
use crate::model::article::{ArticleDraft, ArticleList, ArticlePage, ArticleSummary};
#[cfg(feature = "ssr")]
use crate::{model::account::Viewer, state::AppState};
use leptos::prelude::*;

#[server(endpoint = "articles/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_article_list(
    #[server(default)] tag: Option<String>,
    #[server(default)] page: Option<u32>,
) -> Result<ArticleList, AppError> {
    use crate::model::{
        article::{is_valid_tag, normalise_tag, PAGE_SIZE},
        permission::{authorize, Action},
    };
    let tag = tag.as_deref().and_then(normalise_tag);
    if tag.as_deref().is_some_and(|tag| !is_valid_tag(tag)) {
        return Err(AppError::BadRequest);
    }
    let page = page.unwrap_or(1).clamp(1, 10_000);
    let state = crate::state::app_state()?;
    let viewer = crate::auth::viewer().await?;
    let now = state.now();
    let (articles, more) =
        crate::store::articles::published(&state.db, tag.as_deref(), now, page, PAGE_SIZE).await?;
    let can_write = authorize(viewer.as_ref(), Action::WriteArticle).is_ok();
    let drafts = if can_write && tag.is_none() && page == 1 {
        crate::store::articles::unpublished(&state.db, now).await?
    } else {
        Vec::new()
    };
    Ok(ArticleList {
        articles,
        tag,
        page,
        more,
        drafts,
        can_write,
    })
}

/// An article page. A draft or scheduled article is shown only to editors, as a preview;
/// everyone else is told it does not exist.
#[server(endpoint = "articles/get")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_article(slug: String) -> Result<ArticlePage, AppError> {
    use crate::auth::antispam::FormToken;
    use crate::model::{
        article::{is_public, is_valid_slug},
        discussion::GuestForm,
        permission::{authorize, Action},
    };
    if !is_valid_slug(&slug) {
        return Err(AppError::NotFound);
    }
    let state = crate::state::app_state()?;
    let viewer = crate::auth::viewer().await?;
    let now = state.now();
    let article = crate::store::articles::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let can_edit = authorize(viewer.as_ref(), Action::WriteArticle).is_ok();
    let preview = !is_public(article.published_at, now);
    if preview && !can_edit {
        return Err(AppError::NotFound);
    }
    let related = crate::store::articles::related(&state.db, article.id, now, 3).await?;
    let reactions =
        crate::store::discussions::article_reactions(&state.db, article.id, viewer.as_ref(), now)
            .await?;
    let token = FormToken::new(antispam_scope(article.id), AppState::elapsed_now_ms());
    let question = token.question(&state.secret[..]);
    Ok(ArticlePage {
        article,
        preview,
        can_edit,
        related,
        reactions,
        signed_in: viewer.is_some(),
        guest_form: GuestForm {
            a: question.a,
            b: question.b,
            token: token.sign(&state.secret[..]),
        },
    })
}

/// The public articles about a place, for its page.
#[server(endpoint = "articles/place")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_place_articles(slug: String) -> Result<Vec<ArticleSummary>, AppError> {
    if !crate::model::place::is_valid_slug(&slug) {
        return Err(AppError::BadRequest);
    }
    let state = crate::state::app_state()?;
    let (place_id, _) = crate::store::discussions::place_ids(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(crate::store::articles::about_place(&state.db, place_id, state.now(), 5).await?)
}

/// The editor's form: empty for a new article, filled for an existing one; `fout` carries
/// what was wrong with the last save (the upload route sends the editor back with it).
#[server(endpoint = "articles/draft")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_article_draft(
    #[server(default)] slug: Option<String>,
    #[server(default)] fout: Option<String>,
) -> Result<(ArticleDraft, Option<AppError>), AppError> {
    use crate::model::{article::is_valid_slug, permission::Action};
    crate::auth::authorized(Action::WriteArticle).await?;
    let state = crate::state::app_state()?;
    let draft = match slug {
        Some(slug) => {
            if !is_valid_slug(&slug) {
                return Err(AppError::NotFound);
            }
            let article = crate::store::articles::by_slug(&state.db, &slug)
                .await?
                .ok_or(AppError::NotFound)?;
            ArticleDraft {
                publish_at: article
                    .published_at
                    .map(local_input_time)
                    .unwrap_or_default(),
                ..crate::store::articles::draft_of(&article)
            }
        }
        None => ArticleDraft::default(),
    };
    Ok((draft, fout.as_deref().and_then(decode_errors)))
}

/// A reaction on an article: a resident's is shown at once (unless their account's first
/// posts wait), a guest's passes the anti-spam checks and waits for a moderator unless the
/// policy says otherwise.
#[server(endpoint = "articles/react")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn react_to_article(
    article: String,
    #[server(default)] name: String,
    body: String,
    #[server(default)] token: String,
    #[server(default)] website: String,
    #[server(default)] answer: String,
    #[server(default)] proof: String,
) -> Result<(), AppError> {
    use crate::auth::{antispam, rate_limit, request_ip};
    use crate::model::{
        article::{is_public, is_valid_slug},
        discussion::{self, PostStatus},
        form::FormErrors,
        permission::{authorize, Action},
    };
    use crate::store::discussions::{self as store, Author, NewPost};

    if !is_valid_slug(&article) {
        return Err(AppError::BadRequest);
    }
    let state = crate::state::app_state()?;
    state.rate_limit(
        &format!("reaction:{}", request_ip()?),
        rate_limit::REACTION_PER_IP,
    )?;
    let viewer = crate::auth::viewer().await?;
    let now = state.now();
    let found = crate::store::articles::by_slug(&state.db, &article)
        .await?
        .filter(|a| is_public(a.published_at, now))
        .ok_or(AppError::NotFound)?;

    let mut errors = FormErrors::new().keep("name", &name).keep("body", &body);
    let body = errors.check("body", discussion::body(&body));
    let elapsed_now = AppState::elapsed_now();
    let (author_name, token) = match &viewer {
        Some(viewer) => {
            authorize(
                Some(viewer),
                Action::Reply {
                    thread_locked: false,
                },
            )?;
            (None, None)
        }
        None => {
            let name = errors.check("name", discussion::guest_name(&name));
            let submission = antispam::Submission {
                token: &token,
                honeypot: &website,
                answer: &answer,
                proof: &proof,
                from_script: !crate::auth::request_accepts_html(),
            };
            let checked = antispam::check(
                &submission,
                &state.secret[..],
                antispam_scope(found.id),
                AppState::elapsed_now_ms(),
            );
            match checked {
                Ok(token) => (name, Some(token)),
                Err((field, problem)) => {
                    errors.add(field, problem);
                    (name, None)
                }
            }
        }
    };
    errors.clone().into_result()?;
    let Some(body) = body else {
        return Err(AppError::Invalid(errors));
    };
    let (author, status) = match (&viewer, &author_name) {
        (Some(viewer), _) => (
            Author::Account(viewer.id),
            crate::api::threads::server::status_for(&state, viewer).await?,
        ),
        (None, Some(name)) => (
            Author::Guest(name),
            if state.policy.hold_guest_reactions {
                PostStatus::Pending
            } else {
                PostStatus::Visible
            },
        ),
        (None, None) => return Err(AppError::Invalid(errors)),
    };
    let html = crate::markdown::render(&body);
    let post = NewPost {
        author,
        source: &body,
        html: &html,
        status,
    };
    let token_id = token.map(|token| token.id());
    let spent = token_id
        .as_deref()
        .map(|id| (id, elapsed_now - antispam::MAX_SECONDS));
    let title: String = found.title.chars().take(120).collect();
    match store::add_article_reaction(&state.db, found.id, &title, &post, spent, elapsed_now)
        .await?
    {
        Ok((thread_id, post_id)) => {
            if status == PostStatus::Visible {
                state
                    .live
                    .publish(crate::live::PostEvent { thread_id, post_id });
            }
        }
        Err(refused) => return Err(crate::api::threads::reaction_refused(refused, errors)),
    }
    leptos_axum::redirect(&format!(
        "/artikelen/{article}?reactie={}#reacties",
        crate::api::threads::reaction_outcome(status)
    ));
    Ok(())
}

/// Anti-spam tokens are bound to what they were made for; articles count down from -1 so a
/// token for an article is never good for the place with the same number.
#[cfg(feature = "ssr")]
fn antispam_scope(article_id: i64) -> i64 {
    -article_id
}

/// A stored time as the editor's `datetime-local` field shows it, in Amsterdam.
#[cfg(feature = "ssr")]
fn local_input_time(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(crate::model::hours::amsterdam())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A time typed in the editor (`jjjj-mm-ddTuu:mm`, Amsterdam) as Unix seconds.
#[cfg(feature = "ssr")]
fn parse_input_time(value: &str) -> Result<i64, crate::model::form::Problem> {
    use crate::model::form::Problem;
    let value = value.trim();
    let civil = jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", value)
        .or_else(|_| jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M:%S", value))
        .map_err(|_| Problem::BadDate)?;
    civil
        .to_zoned(crate::model::hours::amsterdam())
        .map(|zoned| zoned.timestamp().as_second())
        .map_err(|_| Problem::TimeDoesNotExist)
}

/// Errors for the address the editor is sent back to: JSON in URL-safe base64.
#[cfg(feature = "ssr")]
pub fn encode_errors(error: &AppError) -> String {
    use base64::Engine;
    let json = serde_json::to_vec(error).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

#[cfg(feature = "ssr")]
fn decode_errors(value: &str) -> Option<AppError> {
    use base64::Engine;
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value)
        .ok()?;
    match serde_json::from_slice::<AppError>(&json).ok()? {
        // Only field problems come back this way; anything else is not worth trusting.
        error @ AppError::Invalid(_) => Some(error),
        _ => None,
    }
}

/// What the editor's form sent, as text, and the uploaded file's bytes if one was chosen.
#[cfg(feature = "ssr")]
#[derive(Debug, Default)]
pub struct ArticleForm {
    pub id: Option<i64>,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub tags: String,
    pub places: String,
    pub neighbourhoods: String,
    pub cover_alt: String,
    pub publish_at: String,
    pub action: String,
    pub cover: Option<Vec<u8>>,
    /// The file was larger than the limit; its bytes were not kept.
    pub cover_too_large: bool,
}

/// Saves an article from the editor's form: authorizes, validates every field (problems
/// come back beside the fields), re-encodes the cover and stores it all. Returns the
/// article's address.
#[cfg(feature = "ssr")]
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_article(
    state: &AppState,
    viewer: Option<&Viewer>,
    form: ArticleForm,
) -> Result<String, AppError> {
    use crate::model::{
        article::{self, Publish, IMAGE_MAX_MB},
        form::{FormErrors, Problem},
        permission::{authorize, Action},
    };
    use crate::store::articles::{self as store, ArticleWrite, LinkTable};

    authorize(viewer, Action::WriteArticle)?;
    let Some(viewer) = viewer else {
        return Err(AppError::LoginRequired);
    };
    let publish = Publish::parse(&form.action).ok_or(AppError::BadRequest)?;
    let existing = match form.id {
        Some(id) => Some(
            store::by_id_cover(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let mut errors = FormErrors::new()
        .keep("title", &form.title)
        .keep("lead", &form.lead)
        .keep("body", &form.body)
        .keep("tags", &form.tags)
        .keep("places", &form.places)
        .keep("neighbourhoods", &form.neighbourhoods)
        .keep("cover_alt", &form.cover_alt)
        .keep("publish_at", &form.publish_at);
    let title = errors.check("title", article::title(&form.title));
    let lead = errors.check("lead", article::lead(&form.lead));
    let body = errors.check("body", article::body(&form.body));
    let tags = errors.check("tags", article::tags(&form.tags));
    let has_cover = form.cover.is_some() || form.cover_too_large;
    let had_cover = existing.unwrap_or(false);
    let alt = if has_cover || had_cover {
        errors.check("cover_alt", article::cover_alt(&form.cover_alt))
    } else {
        errors.check(
            "cover_alt",
            crate::model::form::text(&form.cover_alt, 0, article::ALT_MAX, false),
        )
    };
    let links = [
        (
            "places",
            LinkTable::Places,
            errors.check("places", article::slugs(&form.places)),
        ),
        (
            "neighbourhoods",
            LinkTable::Neighbourhoods,
            errors.check("neighbourhoods", article::slugs(&form.neighbourhoods)),
        ),
    ];
    let mut resolved = Vec::new();
    for (field, table, slugs) in links {
        let Some(slugs) = slugs else {
            resolved.push(Vec::new());
            continue;
        };
        let (ids, unknown) = store::ids_by_slug(&state.db, table, &slugs).await?;
        if !unknown.is_empty() {
            errors.add(
                field,
                match table {
                    LinkTable::Places => Problem::UnknownPlace,
                    LinkTable::Neighbourhoods => Problem::UnknownNeighbourhood,
                },
            );
        }
        resolved.push(ids);
    }
    let published_at = match publish {
        Publish::Draft => None,
        Publish::Publish if form.publish_at.trim().is_empty() => Some(state.now()),
        Publish::Publish => errors.check("publish_at", parse_input_time(&form.publish_at)),
    };
    let cover = if form.cover_too_large {
        errors.add(
            "cover",
            Problem::FileTooLarge {
                max_mb: IMAGE_MAX_MB,
            },
        );
        None
    } else if let Some(bytes) = form.cover {
        let decoded = tokio::task::spawn_blocking(move || crate::images::cover_variants(&bytes))
            .await
            .map_err(|error| {
                tracing::error!(%error, "decoding an image failed");
                AppError::Internal
            })?;
        errors.check("cover", decoded)
    } else {
        None
    };
    errors.clone().into_result()?;
    let (Some(title), Some(lead), Some(body), Some(tags), Some(alt)) =
        (title, lead, body, tags, alt)
    else {
        return Err(AppError::Invalid(errors));
    };
    let cover_image_id = match cover {
        Some(variants) => {
            Some(store::save_image(&state.db, Some(viewer.id), &variants, state.now()).await?)
        }
        None => None,
    };
    let html = crate::markdown::render(&body);
    let slug = article::slug_from_title(&title);
    let (place_ids, neighbourhood_ids) = match <[Vec<i64>; 2]>::try_from(resolved) {
        Ok([places, neighbourhoods]) => (places, neighbourhoods),
        Err(_) => (Vec::new(), Vec::new()),
    };
    let write = ArticleWrite {
        id: form.id,
        slug: &slug,
        title: &title,
        lead: &lead,
        body_source: &body,
        body_html: &html,
        cover_image_id,
        cover_alt: &alt,
        tags: &tags,
        place_ids: &place_ids,
        neighbourhood_ids: &neighbourhood_ids,
        published_at,
        author_id: viewer.id,
    };
    let (_, slug) = store::save_article(&state.db, &write, state.now())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(slug)
}
