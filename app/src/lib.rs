//! Buurtplein: the shell, the routes and the language of every page.

pub mod api;
#[cfg(feature = "ssr")]
pub mod atom;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod cache;
pub mod components;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod display;
pub mod error;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod ical;
#[cfg(feature = "ssr")]
pub mod images;
pub mod islands;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod token;

#[cfg(feature = "ssr")]
use components::island_scripts::IslandScripts;
use components::layout::{SiteFooter, SiteHeader};
use i18n::Locale;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app; rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::{HashedStylesheet, MetaTags};
    #[cfg(feature = "ssr")]
    set_content_security_policy(&options);
    let locale = request_locale();
    let display = request_display();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code() class=display.html_class()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <IslandScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = request_locale();
    provide_context(locale);
    provide_context(request_display());
    let t = locale.texts();

    view! {
        <Title formatter=move |page: String| {
            components::form::raw_text(if page.is_empty() {
                t.site_name.to_string()
            } else {
                format!("{page} · {}", t.site_name)
            })
        }/>
        <Meta name="description" content=t.meta_description/>
        <Router>
            <SiteHeader/>
            <main id="inhoud" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("buurt") view=pages::neighbourhood::NeighbourhoodPage ssr=SsrMode::Async/>
                    <Route path=path!("plekken") view=pages::places::list::PlacesPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("plekken/:slug")
                        view=pages::places::detail::PlaceDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("activiteiten") view=pages::activities::list::ActivitiesPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("activiteiten/:id/:date")
                        view=pages::activities::detail::OccurrencePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("activiteiten/:id/:date/afzeggen")
                        view=pages::activities::cancel::CancelPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("plekken/:slug/week") view=pages::activities::week::PlaceWeekPage ssr=SsrMode::Async/>
                    <Route path=path!("kaart") view=pages::map::MapPage ssr=SsrMode::Async/>
                    <Route path=path!("beheer") view=pages::manage::ManagePage ssr=SsrMode::Async/>
                    <Route path=path!("buurten/:slug/week") view=pages::activities::week::NeighbourhoodWeekPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("beheer/activiteit/:id")
                        view=pages::activity_editor::ActivityEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("beheer/deur/:id/:date") view=pages::door::DoorPage ssr=SsrMode::Async/>
                    <Route path=path!("inzichten") view=pages::insights::choice::InsightsPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("inzichten/plekken/:slug")
                        view=pages::insights::place::PlaceInsightsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("inzichten/buurten/:slug")
                        view=pages::insights::neighbourhood::NeighbourhoodInsightsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("gesprekken") view=pages::threads::list::ThreadsPage ssr=SsrMode::Async/>
                    <Route path=path!("gesprekken/:id") view=pages::threads::detail::ThreadPage ssr=SsrMode::Async/>
                    <Route path=path!("artikelen") view=pages::articles::list::ArticlesPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("artikelen/nieuw")
                        view=pages::articles::editor::ArticleEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("artikelen/:slug") view=pages::articles::detail::ArticlePage ssr=SsrMode::Async/>
                    <Route
                        path=path!("artikelen/:slug/bewerken")
                        view=pages::articles::editor::ArticleEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("aanmelden") view=pages::account::signup::SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("inloggen") view=pages::account::login::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("account") view=pages::account::overview::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("wachtwoord-herstellen") view=pages::resets::ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("uitnodigingen") view=pages::invites::InvitesPage ssr=SsrMode::Async/>
                    <Route path=path!("herstelcodes") view=pages::resets::ResetCodesPage ssr=SsrMode::Async/>
                    <Route path=path!("herstelcodes/bon") view=pages::resets::ResetSlipPage ssr=SsrMode::Async/>
                    <Route path=path!("moderatie") view=pages::moderation::queue::ModerationPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("moderatie/logboek")
                        view=pages::moderation::log::ModerationLogPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

/// Only this site's own files may run, plus the inline hydration script that carries this
/// response's nonce; `'wasm-unsafe-eval'` lets the browser compile the wasm.
#[cfg(feature = "ssr")]
fn set_content_security_policy(options: &LeptosOptions) {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    // `cargo leptos watch` reloads the page over a websocket on its own port, on whatever host
    // name the developer opened the site with.
    let reload = if std::env::var_os("LEPTOS_WATCH").is_some() {
        format!(" ws://*:{}", options.reload_port)
    } else {
        String::new()
    };
    // The map's tiles come from the configured tile server: that host, for images only.
    let tiles = use_context::<state::AppState>()
        .and_then(|state| model::map::tile_origin(&state.tile_url))
        .map(|origin| format!(" {origin}"))
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:{tiles}; connect-src 'self'{reload}; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The language of this request: the cookie on the server, the rendered `<html lang>` in the
/// browser (so hydration always agrees with the server's HTML).
#[cfg(feature = "ssr")]
fn request_locale() -> Locale {
    use_context::<http::request::Parts>()
        .and_then(|parts| Locale::from_headers(&parts.headers))
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn request_locale() -> Locale {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Locale::from_code(&code))
        .unwrap_or_default()
}

/// How this request wants pages shown: its cookies on the server, the rendered `<html>`
/// class in the browser.
#[cfg(feature = "ssr")]
fn request_display() -> display::Display {
    use_context::<http::request::Parts>()
        .map(|parts| display::Display::from_headers(&parts.headers))
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn request_display() -> display::Display {
    document()
        .document_element()
        .map(|html| display::Display::from_html_class(&html.class_name()))
        .unwrap_or_default()
}
