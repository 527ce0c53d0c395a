//! What articles need outside Leptos: the editor's multipart form (the one route that takes
//! a large body), the cover images, and the Atom feeds.

use app::{
    api::articles::{encode_errors, save_article, ArticleForm},
    error::AppError,
    model::article::{is_valid_slug, is_valid_tag, normalise_tag, IMAGE_MAX_BYTES},
    state::AppState,
};
use axum::{
    extract::{multipart::Field, Multipart, Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// Where the editor's form is sent.
pub const SAVE_PATH: &str = "/redactie/artikel";
/// The whole form may hold a cover at the limit and long texts; a file a little over the
/// limit still gets its message beside the field, only far larger bodies are cut off.
pub const UPLOAD_MAX_BYTES: usize = 2 * IMAGE_MAX_BYTES + 256 * 1024;
/// A text field of the form (the body of an article is the longest).
const FIELD_MAX_BYTES: usize = 128 * 1024;
const FEED_ENTRIES: u32 = 20;

/// Saves the editor's form: on success to the article (a preview when not yet public), on
/// a problem back to the form with the problems beside the fields.
pub async fn save(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let viewer = match viewer(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(error) => return error.into_response(),
    };
    let (form, back) = match read_form(multipart).await {
        Ok(read) => read,
        Err(error) => return error.into_response(),
    };
    match save_article(&state, viewer.as_ref(), form).await {
        Ok(slug) => Redirect::to(&format!("/artikelen/{slug}?opgeslagen=1")).into_response(),
        Err(error @ AppError::Invalid(_)) => {
            Redirect::to(&format!("{back}?fout={}", encode_errors(&error))).into_response()
        }
        Err(error) => error.into_response(),
    }
}

async fn viewer(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<app::model::account::Viewer>, AppError> {
    let Some(token) = app::auth::session::token_from_headers(headers, state.is_https()) else {
        return Ok(None);
    };
    Ok(app::store::accounts::session_viewer(&state.db, &token, state.clock.now()).await?)
}

/// The form's fields, and the editor page to send a refused form back to.
async fn read_form(mut multipart: Multipart) -> Result<(ArticleForm, String), AppError> {
    let mut form = ArticleForm::default();
    let mut slug = String::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest)?
    {
        let name = field.name().unwrap_or_default().to_string();
        if name == "cover" {
            read_file(field, &mut form).await?;
            continue;
        }
        let value = read_text(field).await?;
        match name.as_str() {
            "id" if !value.is_empty() => {
                form.id = Some(value.parse().map_err(|_| AppError::BadRequest)?)
            }
            "slug" => slug = value,
            "title" => form.title = value,
            "lead" => form.lead = value,
            "body" => form.body = value,
            "tags" => form.tags = value,
            "places" => form.places = value,
            "neighbourhoods" => form.neighbourhoods = value,
            "cover_alt" => form.cover_alt = value,
            "publish_at" => form.publish_at = value,
            "action" => form.action = value,
            _ => {}
        }
    }
    let back = if form.id.is_some() && is_valid_slug(&slug) {
        format!("/artikelen/{slug}/bewerken")
    } else {
        "/artikelen/nieuw".to_string()
    };
    Ok((form, back))
}

async fn read_text(mut field: Field<'_>) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
        if bytes.len() + chunk.len() > FIELD_MAX_BYTES {
            return Err(AppError::BadRequest);
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| AppError::BadRequest)
}

/// The chosen file; an empty file input sends an empty part, which means "no new cover". A
/// file over the limit is read to its end but not kept.
async fn read_file(mut field: Field<'_>, form: &mut ArticleForm) -> Result<(), AppError> {
    let mut bytes = Vec::new();
    let mut too_large = false;
    while let Some(chunk) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
        if too_large || bytes.len() + chunk.len() > IMAGE_MAX_BYTES {
            too_large = true;
            bytes = Vec::new();
            continue;
        }
        bytes.extend_from_slice(&chunk);
    }
    if too_large {
        form.cover_too_large = true;
    } else if !bytes.is_empty() {
        form.cover = Some(bytes);
    }
    Ok(())
}

/// One stored size of an image. Its address never changes what it names (a new cover is a
/// new image), so browsers may keep it for good.
pub async fn image(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let (id, width) = file
        .strip_suffix(".jpg")
        .and_then(|stem| stem.split_once('-'))
        .and_then(|(id, width)| Some((id.parse::<i64>().ok()?, width.parse::<u32>().ok()?)))
        .ok_or(AppError::NotFound)?;
    let jpeg = app::store::articles::image_jpeg(&state.db, id, width)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        jpeg,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct FeedQuery {
    onderwerp: Option<String>,
}

/// The newest public articles, for everyone or for one subject (`?onderwerp=`).
pub async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<FeedQuery>,
) -> Result<Response, AppError> {
    let tag = query.onderwerp.as_deref().and_then(normalise_tag);
    if tag.as_deref().is_some_and(|tag| !is_valid_tag(tag)) {
        return Err(AppError::BadRequest);
    }
    let now = state.now();
    let entries = app::store::articles::feed(&state.db, tag.as_deref(), now, FEED_ENTRIES).await?;
    let t = app::i18n::Locale::Nl.texts();
    let (path, alternate, title) = match &tag {
        Some(tag) => (
            format!("/artikelen.atom?onderwerp={tag}"),
            format!("/artikelen?onderwerp={tag}"),
            app::i18n::fill(t.articles_tag_title, &[("tag", tag)]),
        ),
        None => (
            "/artikelen.atom".to_string(),
            "/artikelen".to_string(),
            t.feed_articles_title.to_string(),
        ),
    };
    let feed = app::atom::Feed {
        path: &path,
        alternate: &alternate,
        title: &title,
        updated: now,
    };
    let entries: Vec<app::atom::Entry<'_>> = entries
        .iter()
        .map(|e| app::atom::Entry {
            path: format!("/artikelen/{}", e.slug),
            title: &e.title,
            summary: &e.lead,
            content_html: Some(&e.body_html),
            published: e.published_at,
            updated: e.updated_at,
        })
        .collect();
    Ok(atom(&state, &headers, &feed, &entries))
}

/// An Atom feed as served to the host the request came to (or the configured origin).
pub fn atom(
    state: &AppState,
    headers: &HeaderMap,
    feed: &app::atom::Feed<'_>,
    entries: &[app::atom::Entry<'_>],
) -> Response {
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/atom+xml; charset=utf-8"),
        )],
        app::atom::render(&state.site_url(headers), feed, entries),
    )
        .into_response()
}
