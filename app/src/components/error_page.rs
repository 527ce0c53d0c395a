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

/// A page's data once it is there: `view` of it, or the error page. While a reload runs in
/// the browser the last view stays, and "loading" shows only before the first one (server
/// rendering waits for the data, so a page without JavaScript is always complete).
#[component]
pub fn Loaded<T, V, F>(data: Resource<Result<T, AppError>>, view: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let t = use_texts();
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => leptos::either::Either::Left(view(value)),
                        Err(error) => leptos::either::Either::Right(view! { <ErrorPage error/> }),
                    }
                })
            }}
        </Transition>
    }
}
