use crate::api::accounts::{invite_place, SignUp};
use crate::components::form::{action_error, Field, FormMessage};
use crate::i18n::{fill, use_texts};
use crate::model::account::{DISPLAY_NAME_MAX, PASSWORD_MAX, USERNAME_MAX};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Sign up, optionally with an invite code from a host (from a QR code or typed from paper).
#[component]
pub fn SignUpPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    let invite = Resource::new(code, invite_place);
    let action = ServerAction::<SignUp>::new();
    let error = action_error(action);

    view! {
        <Title text=t.signup_title/>
        <h1>{t.signup_title}</h1>
        <p class="lead">{t.signup_intro}</p>
        <Suspense>
            {move || Suspend::new(async move {
                invite.await.ok().flatten().map(|place| view! {
                    <p class="notice">{fill(t.signup_invited_at, &[("place", &place)])}</p>
                })
            })}
        </Suspense>
        <ActionForm action attr:class="stack-form">
            <FormMessage error/>
            <Field form="aanmelden" name="username" label=t.field_username hint=t.field_username_hint
                error autocomplete="username" maxlength=USERNAME_MAX/>
            <Field form="aanmelden" name="display_name" label=t.field_display_name
                hint=t.field_display_name_hint error autocomplete="name" maxlength=DISPLAY_NAME_MAX/>
            <Field form="aanmelden" name="password" label=t.field_password hint=t.field_password_hint
                kind="password" error autocomplete="new-password" maxlength=PASSWORD_MAX/>
            <Field form="aanmelden" name="password_again" label=t.field_password_again
                kind="password" error autocomplete="new-password" maxlength=PASSWORD_MAX/>
            <Field form="aanmelden" name="email" label=t.field_email hint=t.field_email_hint
                kind="email" error autocomplete="email" required=false/>
            <Field form="aanmelden" name="code" label=t.field_invite_code hint=t.field_invite_code_hint
                error required=false value=code()/>
            <button type="submit" class="button">{t.signup_submit}</button>
        </ActionForm>
        <p>{t.signup_have_account} " " <a href="/inloggen">{t.nav_login}</a></p>
    }
}
