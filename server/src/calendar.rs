//! iCalendar feeds and files: per place, per neighbourhood, and one occurrence.

use app::{
    error::AppError,
    state::AppState,
    store::activities::{self, ActivityFilter},
};
use axum::{
    body::Body,
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, Request},
    response::{IntoResponse, Response},
};
use std::borrow::Cow;

const CALENDAR: &str = "text/calendar; charset=utf-8";
const PERSONAL_PREFIX: &str = "/mijn-agenda/";

/// The path as the access log shows it: the token of a personal feed stands in for a login,
/// so it never reaches a log file.
pub fn redacted_path(path: &str) -> Cow<'_, str> {
    match path.strip_prefix(PERSONAL_PREFIX) {
        Some(rest) => {
            let tail = rest.find('/').map_or("", |at| &rest[at..]);
            Cow::Owned(format!("{PERSONAL_PREFIX}…{tail}"))
        }
        None => Cow::Borrowed(path),
    }
}

/// The query as the access log shows it: a reset code or the key of a reset link stands in
/// for a password, and names typed to find a person are personal, so those queries are left
/// out.
pub fn redacted_query(path: &str, query: &str) -> String {
    let private = matches!(path, "/wachtwoord-herstellen" | "/herstelcodes")
        || (path.starts_with("/api/suggest") && query.contains("soort=mensen"));
    if private {
        "?…".to_string()
    } else {
        format!("?{query}")
    }
}

/// The span each request is logged in, as tower-http's default one but with the token of a
/// personal feed left out.
pub fn request_span(request: &Request<Body>) -> tracing::Span {
    let uri = request.uri();
    let path = redacted_path(uri.path());
    let query = uri
        .query()
        .map(|q| redacted_query(uri.path(), q))
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        uri = %format_args!("{path}{query}"),
        version = ?request.version(),
    )
}

/// A calendar answer. Never kept by a browser or proxy: a personal feed is private, and a
/// shared cache must not hand one resident's calendar to another.
fn calendar(body: String, attachment: Option<&str>) -> Response {
    let mut response = (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(CALENDAR)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        body,
    )
        .into_response();
    if let Some(name) = attachment {
        if let Ok(value) = format!("attachment; filename=\"{name}\"").parse() {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
    }
    response
}

/// Which activities a feed holds, found by a slug.
enum Scope {
    Place,
    Neighbourhood,
}

async fn feed(
    state: &AppState,
    headers: &HeaderMap,
    scope: Scope,
    slug: &str,
) -> Result<Response, AppError> {
    if !app::model::place::is_valid_slug(slug) {
        return Err(AppError::BadRequest);
    }
    let (filter, name) = match scope {
        Scope::Place => app::store::discussions::place_named(&state.db, slug)
            .await?
            .map(|(id, name)| {
                let filter = ActivityFilter {
                    place_id: Some(id),
                    ..Default::default()
                };
                (filter, name)
            }),
        Scope::Neighbourhood => app::store::discussions::neighbourhood_named(&state.db, slug)
            .await?
            .map(|(id, name)| {
                let filter = ActivityFilter {
                    neighbourhood_id: Some(id),
                    ..Default::default()
                };
                (filter, name)
            }),
    }
    .ok_or(AppError::NotFound)?;
    let list = activities::activities(&state.db, &filter, false).await?;
    // The name a calendar app shows for the subscription: the place's or neighbourhood's
    // own name, not its address.
    let t = app::i18n::Locale::from_headers(headers)
        .unwrap_or_default()
        .texts();
    let name = app::i18n::fill(t.calendar_feed_name, &[("name", &name)]);
    Ok(calendar(
        app::ical::feed(&name, &list, state.clock.now(), &state.site_url(headers)),
        None,
    ))
}

pub async fn place_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    feed(&state, &headers, Scope::Place, &slug).await
}

pub async fn neighbourhood_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    feed(&state, &headers, Scope::Neighbourhood, &slug).await
}

/// How far ahead, and how many, of a neighbourhood's activities its Atom feed holds.
const ATOM_DAYS: i64 = 28;
const ATOM_ENTRIES: usize = 50;

/// The coming activities of a neighbourhood as an Atom feed: one entry per occurrence, from
/// the same series as its calendar feed.
pub async fn neighbourhood_atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    if !app::model::place::is_valid_slug(&slug) {
        return Err(AppError::BadRequest);
    }
    let neighbourhood = app::store::places::neighbourhood(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let id = app::store::discussions::neighbourhood_id(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = ActivityFilter {
        neighbourhood_id: Some(id),
        ..Default::default()
    };
    let list = activities::activities(&state.db, &filter, false).await?;
    let now = state.clock.now();
    let today = now.to_zoned(app::model::hours::amsterdam()).date();
    let until = today
        .checked_add(jiff::Span::new().days(ATOM_DAYS))
        .unwrap_or(today);
    let coming: Vec<_> = app::model::activity::series::expand(&list, today, until)
        .into_iter()
        .filter(|(series, occurrence)| !series.cancelled && occurrence.end > now)
        .take(ATOM_ENTRIES)
        .collect();
    let summaries: Vec<String> = coming
        .iter()
        .map(|(series, occurrence)| {
            let start = occurrence
                .start
                .to_zoned(app::model::hours::amsterdam())
                .strftime("%d-%m-%Y %H:%M")
                .to_string();
            format!("{start} · {}", series.place_name)
        })
        .collect();
    let entries: Vec<app::atom::Entry<'_>> = coming
        .iter()
        .zip(&summaries)
        .map(|((series, occurrence), summary)| app::atom::Entry {
            path: format!("/activiteiten/{}/{}", series.id, occurrence.original),
            title: &series.title,
            summary,
            content_html: None,
            published: occurrence.start.as_second(),
            updated: occurrence.start.as_second(),
        })
        .collect();
    let t = app::i18n::Locale::Nl.texts();
    let title = app::i18n::fill(t.feed_agenda_title, &[("name", &neighbourhood.name)]);
    let path = format!("/buurten/{slug}/agenda.atom");
    let alternate = format!("/activiteiten?buurt={slug}");
    let feed = app::atom::Feed {
        path: &path,
        alternate: &alternate,
        title: &title,
        updated: now.as_second(),
    };
    Ok(crate::articles::atom(&state, &headers, &feed, &entries))
}

pub async fn occurrence_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, date)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let date = app::model::activity::Day::parse_date(&date).ok_or(AppError::BadRequest)?;
    let activity = activities::activity(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let occurrence = activity.occurrence(date).ok_or(AppError::NotFound)?;
    let body = app::ical::single(
        &activity,
        &occurrence,
        state.clock.now(),
        &state.site_url(&headers),
    );
    Ok(calendar(body, Some(&format!("activiteit-{id}-{date}.ics"))))
}

/// The most occurrences a personal feed holds.
const FEED_LIMIT: usize = 500;

/// A resident's own calendar: what they joined, from a month ago on, and the dates among them
/// a host cancelled (`STATUS:CANCELLED`). The token in the address
/// stands in for a login, which calendar apps cannot do.
pub async fn personal_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if token.len() > 64
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    {
        return Err(AppError::NotFound);
    }
    let owner = app::store::accounts::calendar_owner(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = state
        .clock
        .now()
        .to_zoned(app::model::hours::amsterdam())
        .date();
    let from = today
        .checked_sub(jiff::Span::new().days(31))
        .unwrap_or(today);
    let to = app::model::activity::schedule::join_horizon(today);
    let joined = activities::joined(&state.db, owner, from, to, FEED_LIMIT).await?;
    let items: Vec<_> = joined.iter().map(|(a, o)| (a, *o)).collect();
    // The dates a host cancelled stay in the feed, marked so, until they are a month past.
    let cancelled = activities::cancelled_dates(&state.db, owner, from, to, FEED_LIMIT).await?;
    let t = app::i18n::Locale::from_headers(&headers)
        .unwrap_or_default()
        .texts();
    let summaries: Vec<String> = cancelled
        .iter()
        .map(|c| app::i18n::fill(t.ical_cancelled_summary, &[("title", &c.title)]))
        .collect();
    let gone: Vec<app::ical::Cancelled<'_>> = cancelled
        .iter()
        .zip(&summaries)
        .filter_map(|(c, summary)| {
            Some(app::ical::Cancelled {
                activity_id: c.activity_id,
                original: app::model::activity::Day::parse_date(&c.occurrence_date)?,
                date: app::model::activity::Day::parse_date(&c.starts_date)?,
                minute: c.starts_minute,
                duration_minutes: c.duration_minutes,
                summary,
                place_name: &c.place_name,
                place_slug: &c.place_slug,
            })
        })
        .collect();
    Ok(calendar(
        app::ical::personal(
            t.calendar_own_name,
            &items,
            &gone,
            state.clock.now(),
            &state.site_url(&headers),
        ),
        None,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_never_shows_a_feed_token() {
        assert_eq!(
            redacted_path("/mijn-agenda/abcDEF123_-xyz/agenda.ics"),
            "/mijn-agenda/…/agenda.ics"
        );
        assert_eq!(redacted_path("/mijn-agenda/abcDEF123"), "/mijn-agenda/…");
        assert_eq!(
            redacted_path("/plekken/de-kas/agenda.ics"),
            "/plekken/de-kas/agenda.ics"
        );
    }

    #[test]
    fn the_log_never_shows_a_reset_code_a_link_key_or_a_searched_name() {
        assert_eq!(
            redacted_query("/wachtwoord-herstellen", "code=ABCD-EFGH"),
            "?…"
        );
        assert_eq!(
            redacted_query("/wachtwoord-herstellen", "sleutel=abc&__err=x"),
            "?…"
        );
        assert_eq!(redacted_query("/herstelcodes", "wie=Anna+Bakker"), "?…");
        assert_eq!(redacted_query("/api/suggest", "soort=mensen&q=anna"), "?…");
        assert_eq!(
            redacted_query("/api/suggest", "soort=plekken&q=koffie"),
            "?soort=plekken&q=koffie"
        );
        assert_eq!(redacted_query("/plekken", "q=koffie"), "?q=koffie");
    }

    #[test]
    fn the_request_span_logs_the_redacted_address() {
        use std::sync::{Arc, Mutex};
        let written = Arc::new(Mutex::new(Vec::<u8>::new()));
        let sink = written.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || Writer(sink.clone()))
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let request = Request::get("/mijn-agenda/geheimtoken123/agenda.ics?x=1")
                .body(Body::empty())
                .unwrap();
            let span = request_span(&request);
            let _entered = span.enter();
            tracing::info!("answered");
        });
        let log = String::from_utf8(written.lock().unwrap().clone()).unwrap();
        assert!(log.contains("/mijn-agenda/…/agenda.ics?x=1"), "{log}");
        assert!(!log.contains("geheimtoken123"), "{log}");
    }

    struct Writer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Writer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
}
