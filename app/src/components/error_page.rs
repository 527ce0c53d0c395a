use crate::error::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// A friendly page for an error, which also sets the response status during server rendering.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let t = use_texts();
    #[cfg(feature = "ssr")]
    crate::state::set_status(error.status());
    let title = error.title(t);
    view! {
        <Title text=title/>
        <section class="error-page">
            <h1>{title}</h1>
            <p>{error.text(t)}</p>
            {(error.status() == 401).then(|| view! {
                <p><a href="/inloggen">{t.nav_login}</a> " · " <a href="/aanmelden">{t.nav_signup}</a></p>
            })}
            <p><a href="/">{t.error_home_link}</a></p>
        </section>
    }
}
