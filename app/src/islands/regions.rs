//! Fetching the page again and taking over some of its parts: the server renders every part
//! exactly as a reload would, so an island never duplicates a view.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, SupportedType};

/// Fetches `url` and puts the contents of each element with one of `ids` in place of the
/// contents of the element with the same id on this page. A part someone is typing in is
/// left alone; it catches up with the next announcement or reload.
pub async fn refresh(url: &str, ids: &[String]) {
    let Ok(response) = gloo_net::http::Request::get(url).send().await else {
        return;
    };
    if !response.ok() {
        return;
    }
    let Ok(html) = response.text().await else {
        return;
    };
    let Some(fetched) = DomParser::new().ok().and_then(|parser| {
        parser
            .parse_from_string(&html, SupportedType::TextHtml)
            .ok()
    }) else {
        return;
    };
    let page = document();
    for id in ids {
        if let (Some(new), Some(old)) = (fetched.get_element_by_id(id), page.get_element_by_id(id))
        {
            if !in_use(&old) {
                // The parsed nodes move over as they are: no second trip through an HTML
                // string, which could parse differently from the first.
                old.set_text_content(None);
                let children = new.child_nodes();
                while let Some(child) = children.item(0) {
                    if old.append_child(&child).is_err() {
                        break;
                    }
                }
            }
        }
    }
}

/// Whether someone is busy in this part: focus in one of its fields, or text typed into one.
fn in_use(part: &Element) -> bool {
    let focused = document().active_element().is_some_and(|active| {
        part.contains(Some(&active))
            && matches!(active.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
    });
    let typed = part
        .query_selector_all("textarea")
        .map(|areas| {
            (0..areas.length()).any(|i| {
                areas
                    .item(i)
                    .and_then(|node| node.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                    .is_some_and(|area| area.default_value().is_ok_and(|text| text != area.value()))
            })
        })
        .unwrap_or(false);
    focused || typed
}
