use crate::api::accounts::LogIn;
use crate::components::form::{action_error, Field, FormMessage};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let next = move || query.read().get("terug").unwrap_or_default();
    let action = ServerAction::<LogIn>::new();
    let error = action_error(action);

    view! {
        <Title text=t.login_title/>
        <h1>{t.login_title}</h1>
        <ActionForm action attr:class="stack-form">
            <FormMessage error/>
            <input type="hidden" name="next" value=next/>
            <Field form="inloggen" name="username" label=t.field_username error autocomplete="username"/>
            <Field form="inloggen" name="password" label=t.field_password kind="password" error
                autocomplete="current-password"/>
            <button type="submit" class="button">{t.login_submit}</button>
        </ActionForm>
        <p><a href="/wachtwoord-herstellen">{t.login_forgot}</a></p>
        <p>{t.login_no_account} " " <a href="/aanmelden">{t.nav_signup}</a></p>
    }
}
