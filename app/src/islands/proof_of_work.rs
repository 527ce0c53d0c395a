use leptos::prelude::*;

/// The hidden `proof` field of a guest's form: the browser solves the form token's small
/// proof of work in the background, a slice at a time so the page stays responsive. Without
/// JavaScript the field stays empty and the server asks its question instead.
#[island]
pub fn ProofOfWork(token: String) -> impl IntoView {
    let (proof, set_proof) = signal(String::new());
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        use crate::model::pow::{search, DIFFICULTY_BITS};
        let mut start = 0u64;
        loop {
            if let Some(found) = search(&token, DIFFICULTY_BITS, start, 4096) {
                set_proof.set(found.to_string());
                break;
            }
            start += 4096;
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (token, set_proof);
    view! { <input type="hidden" name="proof" prop:value=proof value=""/> }
}
