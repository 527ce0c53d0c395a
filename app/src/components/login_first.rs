//! Where a form would be, for visitors who are not signed in.

use crate::i18n::use_texts;
use leptos::prelude::*;

/// For visitors who are not signed in, where a form would be.
#[component]
pub fn LoginToTake() -> impl IntoView {
    let t = use_texts();
    view! {
        <p class="notice">
            {t.threads_login_first} " "
            <a href="/inloggen">{t.nav_login}</a> " · " <a href="/aanmelden">{t.nav_signup}</a>
        </p>
    }
}
