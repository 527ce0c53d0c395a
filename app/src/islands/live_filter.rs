use leptos::prelude::*;

/// Wraps a GET filter form (and what it filters): a changed choice, or a submit, fetches the
/// filtered page and takes the parts whose ids the form's `data-regions` names, without a
/// full reload; the address follows, so the list can still be shared. Without JavaScript the
/// form's own submit does the same.
#[island]
pub fn LiveFilter(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let (on_change, on_submit) = (
        |ev: leptos::ev::Event| apply(&ev, false),
        |ev: leptos::ev::SubmitEvent| apply(&ev, true),
    );
    #[cfg(not(feature = "hydrate"))]
    let (on_change, on_submit) = (|_: leptos::ev::Event| {}, |_: leptos::ev::SubmitEvent| {});
    view! {
        <div class="live-filter" on:change=on_change on:submit=on_submit>
            {children()}
        </div>
    }
}

/// Applies the form the event happened in: the filtered page's parts, and its address.
#[cfg(feature = "hydrate")]
fn apply(ev: &web_sys::Event, submitted: bool) {
    use leptos::wasm_bindgen::JsCast;
    let Some(form) = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("form").ok().flatten())
        .and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    if !form.method().eq_ignore_ascii_case("get") {
        return;
    }
    if submitted {
        ev.prevent_default();
    }
    let Some(url) = filtered_url(&form) else {
        return;
    };
    let regions: Vec<String> = form
        .get_attribute("data-regions")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if let Ok(history) = window().history() {
        let _ =
            history.replace_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    leptos::task::spawn_local(async move {
        super::regions::refresh_following(&url, &regions, submitted).await;
    });
}

/// The form's address with its filled-in fields as the query, as a GET submit would have it
/// (empty choices left out, so the address stays short).
#[cfg(feature = "hydrate")]
fn filtered_url(form: &web_sys::HtmlFormElement) -> Option<String> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let query: String = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
        .ok()?
        .to_string()
        .into();
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.ends_with('='))
        .collect::<Vec<_>>()
        .join("&");
    let action = form
        .get_attribute("action")
        .unwrap_or_else(|| window().location().pathname().unwrap_or_default());
    Some(if query.is_empty() {
        action
    } else {
        format!("{action}?{query}")
    })
}
