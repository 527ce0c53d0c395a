use crate::api::accounts::get_viewer;
use crate::display::{
    Display, HIGH_CONTRAST_COOKIE, HIGH_CONTRAST_ON, LARGE_TEXT_COOKIE, LARGE_TEXT_ON, SETTING_OFF,
};
use crate::i18n::{use_locale, use_texts, Locale};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let t = use_texts();
    view! {
        <a class="skip-link" href="#inhoud">{t.skip_link}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-name" href="/">
                    <span class="site-name__mark" aria-hidden="true"></span>
                    {t.site_name}
                </a>
                // Folded behind "Menu" on a narrow screen, always open on a wide one (CSS): one
                // copy of the links, and it opens without JavaScript.
                <details class="site-menu">
                    <summary class="site-menu__toggle">{t.menu}</summary>
                    <div class="site-menu__content">
                        <nav aria-label=t.nav_label>
                            <ul class="site-nav">
                                <li><A href="/" exact=true>{t.nav_home}</A></li>
                                <li><A href="/plekken">{t.nav_places}</A></li>
                                <li><A href="/kaart">{t.nav_map}</A></li>
                                <li><A href="/activiteiten">{t.nav_activities}</A></li>
                                <li><A href="/gesprekken">{t.nav_threads}</A></li>
                                <li><A href="/artikelen">{t.nav_articles}</A></li>
                            </ul>
                        </nav>
                        <AccountLinks/>
                        <div class="site-settings">
                            <LanguageSwitch/>
                            <DisplaySwitch/>
                        </div>
                    </div>
                </details>
            </div>
        </header>
    }
}

/// Log in and sign up, or the signed-in person's own links and a log-out button. Read again
/// on every navigation, so logging in or out shows at once.
#[component]
fn AccountLinks() -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    let viewer = Resource::new(move || location.pathname.get(), |_| get_viewer());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match viewer.await.ok().flatten() {
                    Some(viewer) => view! {
                        <ul class="account-links">
                            {(viewer.admin || !viewer.hosted_places.is_empty()).then(|| view! {
                                <li><A href="/beheer">{t.nav_manage}</A></li>
                            })}
                            {viewer.moderates().then(|| view! { <li><A href="/moderatie">{t.nav_moderation}</A></li> })}
                            {(viewer.moderates() || !viewer.hosted_places.is_empty()).then(|| view! {
                                <li><A href="/inzichten">{t.nav_insights}</A></li>
                            })}
                            {(viewer.editor || viewer.admin).then(|| view! {
                                <li><A href="/artikelen/nieuw">{t.articles_write}</A></li>
                            })}
                            <li><A href="/account">{viewer.display_name.clone()}</A></li>
                            <li>
                                // A plain form: logging out reloads the whole page, with or without JavaScript.
                                <form method="post" action="/api/account/log-out" class="inline-form">
                                    <button type="submit" class="link-button">{t.nav_logout}</button>
                                </form>
                            </li>
                        </ul>
                    }.into_any(),
                    None => view! {
                        <ul class="account-links">
                            <li><A href="/inloggen">{t.nav_login}</A></li>
                            <li><A href="/aanmelden">{t.nav_signup}</A></li>
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The page being shown, with its query: where a settings form sends the visitor back to.
fn current_page() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let location = use_location();
    move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else if search.starts_with('?') {
            format!("{}{}", location.pathname.get(), search)
        } else {
            format!("{}?{}", location.pathname.get(), search)
        }
    }
}

/// A real form that posts to `/taal`; the server sets the cookie and sends the visitor back
/// to the page they were on, with or without JavaScript.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    let current = use_locale();
    let back = current_page();
    view! {
        <form class="lang-switch" method="post" action="/taal">
            <input type="hidden" name="terug" prop:value=back value=back/>
            <span class="visually-hidden">{t.language_switch_label}</span>
            {Locale::ALL
                .into_iter()
                .filter(|locale| *locale != current)
                .map(|locale| {
                    view! {
                        <button type="submit" name="taal" value=locale.code() lang=locale.code()>
                            {locale.own_name()}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

/// Large text and high contrast, each a toggle button in a real form that posts to
/// `/weergave`; the server remembers the choice in a cookie and sends the visitor back to the
/// page they were on, now drawn the new way.
#[component]
fn DisplaySwitch() -> impl IntoView {
    let t = use_texts();
    let display = use_context::<Display>().unwrap_or_default();
    let back = current_page();
    let toggle = |name: &'static str, on_value: &'static str, on: bool, label: &'static str| {
        view! {
            <button
                type="submit"
                name=name
                value=if on { SETTING_OFF } else { on_value }
                aria-pressed=if on { "true" } else { "false" }
            >
                {label}
            </button>
        }
    };
    view! {
        <form class="display-switch" method="post" action="/weergave">
            <input type="hidden" name="terug" prop:value=back value=back/>
            <span class="visually-hidden">{t.display_label}</span>
            {toggle(LARGE_TEXT_COOKIE, LARGE_TEXT_ON, display.large_text, t.display_large_text)}
            {toggle(HIGH_CONTRAST_COOKIE, HIGH_CONTRAST_ON, display.high_contrast, t.display_high_contrast)}
        </form>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let t = use_texts();
    view! {
        <footer class="site-footer">
            <p>{t.footer_text}</p>
        </footer>
    }
}
