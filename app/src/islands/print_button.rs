use leptos::prelude::*;

/// A button that opens the browser's print dialog. It only works with JavaScript, so the
/// server sends it hidden, with the hint for printing from the browser's menu in its place.
#[island]
pub fn PrintButton(label: String, hint: String) -> impl IntoView {
    let (running, set_running) = signal(false);
    Effect::new(move |_| set_running.set(true));
    view! {
        <button type="button" class="button" hidden=move || !running.get()
            on:click=|_| { let _ = window().print(); }>
            {label}
        </button>
        <span hidden=move || running.get()>{hint}</span>
    }
}
