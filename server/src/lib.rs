//! The Buurtplein HTTP server: configuration, the router and its layers.

mod articles;
mod calendar;
pub mod config;
mod handlers;
pub mod import;
mod insights;
pub mod live;
mod open_data;
mod own_data;
mod security;
mod serve;
mod tidy;

pub use serve::{serve, ServeConfig, HEADER_READ_TIMEOUT, SHUTDOWN_GRACE};

use app::error::AppError;
use app::{shell, state::AppState, App};
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

/// The largest request body any route accepts; forms here are short.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Every request except a live stream must be answered within this time (408 otherwise),
/// its body read included.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The app's routes, generated once per process. Generating them renders the app in a special
/// mode; doing that while another router in the same process is rendering a page (as parallel
/// tests do) can leave that page's resources waiting forever.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application as one router, so tests can drive it without a socket.
pub fn app(state: AppState) -> Router {
    app_with_request_timeout(state, REQUEST_TIMEOUT)
}

/// The application with another limit on how long a request may take (tests shorten it).
pub fn app_with_request_timeout(state: AppState, request_timeout: std::time::Duration) -> Router {
    let options = state.leptos_options.clone();
    let routes = route_list();
    let pkg_dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    // Hashed file names change with their content, so they may be cached for good.
    let pkg_cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    // The release build leaves `.br` and `.gz` beside each file, compressed once at the highest
    // level; the compression layer leaves an encoded answer alone and compresses the rest on
    // the fly. It adds `Vary` only when it compresses, so it is set here for every answer.
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );

    // Live streams stay open as long as their page; they get their own caps instead of the
    // request timeout.
    let live_routes = Router::new()
        .route("/gesprekken/{id}/live", get(live::thread_events))
        .route("/licht/live", get(live::light_events))
        .layer(axum::Extension(std::sync::Arc::new(
            live::LiveSlots::default(),
        )));

    // The editor's form carries a cover image: the one route with a larger body limit
    // (axum's own limit for multipart included).
    let uploads = Router::new()
        .route(articles::SAVE_PATH, post(articles::save))
        .layer(axum::extract::DefaultBodyLimit::max(
            articles::UPLOAD_MAX_BYTES,
        ))
        .layer(RequestBodyLimitLayer::new(articles::UPLOAD_MAX_BYTES));

    Router::new()
        .route("/health", get(handlers::health))
        .route("/artikelen.atom", get(articles::feed))
        .route("/afbeeldingen/{file}", get(articles::image))
        .route("/taal", post(handlers::set_language))
        .route("/weergave", post(handlers::set_display))
        .route(
            "/plekken.json",
            get(open_data::places_json).options(open_data::preflight),
        )
        .route(
            "/plekken.csv",
            get(open_data::places_csv_file).options(open_data::preflight),
        )
        .route(
            "/plekken.geojson",
            get(open_data::places_geojson).options(open_data::preflight),
        )
        .route(
            "/activiteiten.json",
            get(open_data::activities_json).options(open_data::preflight),
        )
        .route("/plekken/{slug}/agenda.ics", get(calendar::place_feed))
        .route(
            "/buurten/{slug}/agenda.ics",
            get(calendar::neighbourhood_feed),
        )
        .route(
            "/buurten/{slug}/agenda.atom",
            get(calendar::neighbourhood_atom),
        )
        .route(
            "/activiteiten/{id}/{date}/agenda.ics",
            get(calendar::occurrence_file),
        )
        .route(
            "/mijn-agenda/{token}/agenda.ics",
            get(calendar::personal_feed),
        )
        .route("/account/mijn-gegevens.json", get(own_data::download))
        .route(
            "/inzichten/plekken/{slug}/{file}",
            get(insights::place_file),
        )
        .route(
            "/inzichten/buurten/{slug}/plekken.csv",
            get(insights::neighbourhood_file),
        )
        .leptos_routes(&state, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest_service(&format!("/{}", options.site_pkg_dir), pkg)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .merge(uploads)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .merge(live_routes)
        .layer(middleware::from_fn(server_fn_error_status))
        .layer(middleware::from_fn(tidy::tidy_filter_query))
        .layer(middleware::from_fn(security::same_origin_writes))
        .layer(middleware::from_fn(security::default_cache_control))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::standard_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(calendar::request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Leptos answers every server-function error with 500. The error itself knows better (a bad
/// argument is 400, an unknown place 404), so its own status replaces that one, for every
/// server function and for errors raised by the framework before the function runs.
async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let failed = response.headers().contains_key(SERVER_FN_ERROR_HEADER);
    // A form sent without JavaScript comes back to the page it was sent from. After a
    // refusal that page's address carries the error and what was typed; the next send that
    // succeeds must not lead back to them, or the old message and the old text (the last
    // walk-in's name) would show again.
    if !failed && response.status().is_redirection() {
        if let Some(clean) = response
            .headers()
            .get(axum::http::header::LOCATION)
            .and_then(|location| location.to_str().ok())
            .and_then(tidy::without_form_error)
            .and_then(|clean| axum::http::HeaderValue::from_str(&clean).ok())
        {
            response
                .headers_mut()
                .insert(axum::http::header::LOCATION, clean);
        }
    }
    // A form sent without JavaScript is redirected back with the error in the URL; that
    // redirect must stay one for the browser to follow it.
    if !failed || response.status().is_redirection() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        tracing::error!("reading a server function's error body failed");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(status) = serde_json::from_slice::<AppError>(&bytes)
        .ok()
        .and_then(|error| StatusCode::from_u16(error.status()).ok())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}
