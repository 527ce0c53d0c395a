//! The browser entry: set up the islands' reactive root. The loader script in the page then
//! hydrates each island it finds; everything else on the page stays the server's HTML.

// The islands are wasm exports of the app crate: link it even though nothing here names it.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Readable panics in the console while developing; a release build leaves the hook (and
    // the formatting it pulls in) out of the wasm.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
