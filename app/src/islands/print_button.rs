use leptos::prelude::*;

/// A button (its words are the children) that opens the browser's print dialog. It only
/// works with JavaScript, so the stylesheet hides it (`.needs-js`) until the page's islands
/// are hydrated; put the words for printing from the browser's menu beside it in a
/// `.without-js` element, which hides then.
#[island]
pub fn PrintButton(children: Children) -> impl IntoView {
    view! {
        <button type="button" class="button needs-js" on:click=|_| { let _ = window().print(); }>
            {children()}
        </button>
    }
}
