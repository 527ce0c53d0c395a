use leptos::prelude::*;

/// Wraps a text field with `data-suggest="buurten"` (or `"plekken"`, `"mensen"`) and a `list` attribute
/// naming a `<datalist>`: as someone types, the server's suggestions fill that list, and the
/// browser offers them under the field. Without JavaScript the field is plain text, which
/// the server matches when the form is sent.
#[island]
pub fn Suggest(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let on_input = |ev: leptos::ev::Event| typed(&ev);
    #[cfg(not(feature = "hydrate"))]
    let on_input = |_: leptos::ev::Event| {};
    view! { <div class="suggest" on:input=on_input>{children()}</div> }
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// Counts keystrokes, so only the answer to the latest one fills the list.
    static LATEST: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

#[cfg(feature = "hydrate")]
fn typed(ev: &web_sys::Event) {
    use crate::api::places::SuggestionKind;
    use leptos::wasm_bindgen::JsCast;
    let Some(input) = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let kind = match input.get_attribute("data-suggest").as_deref() {
        Some("buurten") => SuggestionKind::Neighbourhoods,
        Some("plekken") => SuggestionKind::Places,
        Some("mensen") => SuggestionKind::People,
        _ => return,
    };
    let Some(list) = input
        .get_attribute("list")
        .and_then(|id| document().get_element_by_id(&id))
    else {
        return;
    };
    let text = input.value();
    // A choice taken from the list is an input event too: nothing more to suggest then.
    if text.trim().chars().count() < 2 || is_offered(&list, &text) {
        return;
    }
    let turn = LATEST.with(|latest| {
        latest.set(latest.get().wrapping_add(1));
        latest.get()
    });
    leptos::task::spawn_local(async move {
        // Wait for a pause in typing before asking.
        gloo_timers::future::TimeoutFuture::new(200).await;
        if LATEST.with(|latest| latest.get()) != turn {
            return;
        }
        let Ok(found) = crate::api::places::suggest(kind, text).await else {
            return;
        };
        if LATEST.with(|latest| latest.get()) != turn {
            return;
        }
        list.set_inner_html("");
        for suggestion in found {
            let Ok(option) = document().create_element("option") else {
                continue;
            };
            let _ = option.set_attribute("value", &suggestion.value);
            option.set_text_content(Some(&suggestion.label));
            let _ = list.append_child(&option);
        }
    });
}

/// Whether the list already offers exactly this text.
#[cfg(feature = "hydrate")]
fn is_offered(list: &web_sys::Element, text: &str) -> bool {
    let children = list.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .any(|option| option.get_attribute("value").as_deref() == Some(text))
}
