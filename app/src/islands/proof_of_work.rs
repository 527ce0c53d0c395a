use leptos::prelude::*;

/// Wraps a guest's form fields and adds its hidden `proof` field. Once someone starts on the
/// form (focus in one of its fields), the browser solves the proof of work for the form's
/// `token` field in the background, a short slice at a time so the page stays responsive; a
/// visitor who only reads spends nothing on it. Without JavaScript the field stays empty and
/// the server relies on its question instead.
#[island]
pub fn ProofOfWork(children: Children) -> impl IntoView {
    let (proof, set_proof) = signal(String::new());
    #[cfg(feature = "hydrate")]
    let on_focus = {
        let started = StoredValue::new(false);
        move |ev: leptos::ev::FocusEvent| {
            if started.get_value() {
                return;
            }
            let Some(token) = form_token(&ev) else {
                return;
            };
            started.set_value(true);
            leptos::task::spawn_local(async move {
                use crate::model::pow::{search, DIFFICULTY_BITS};
                // About a millisecond of work per slice on a cheap phone.
                const SLICE: u64 = 512;
                let mut start = 0u64;
                loop {
                    if let Some(found) = search(&token, DIFFICULTY_BITS, start, SLICE) {
                        set_proof.set(found.to_string());
                        break;
                    }
                    start += SLICE;
                    gloo_timers::future::TimeoutFuture::new(0).await;
                }
            });
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_focus = {
        let _ = set_proof;
        |_: leptos::ev::FocusEvent| {}
    };
    view! {
        <div class="proof-of-work" on:focusin=on_focus>
            {children()}
            <input type="hidden" name="proof" prop:value=proof value=""/>
        </div>
    }
}

/// The value of the `token` field of the form the event happened in.
#[cfg(feature = "hydrate")]
fn form_token(ev: &leptos::ev::FocusEvent) -> Option<String> {
    use leptos::wasm_bindgen::JsCast;
    let form = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("form")
        .ok()??;
    let token = form
        .query_selector("input[name=token]")
        .ok()??
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .value();
    (!token.is_empty()).then_some(token)
}
