//! Fetching the page again and taking over some of its parts: the server renders every part
//! exactly as a reload would, so an island never duplicates a view.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, SupportedType};

/// Fetches `url` and puts the contents of each element with one of `ids` in place of the
/// contents of the element with the same id on this page. A part someone is typing in is
/// left alone; it catches up with the next announcement or reload.
pub async fn refresh(url: &str, ids: &[String]) {
    refresh_following(url, ids, false).await;
}

/// [`refresh`], and then each field marked `data-follow` takes the value and validity the
/// server gave it (a typed neighbourhood becomes its full name, or is marked invalid); a
/// field with focus only when `sent` (the form was just submitted from it).
pub async fn refresh_following(url: &str, ids: &[String], sent: bool) {
    let Ok(response) = gloo_net::http::Request::get(url).send().await else {
        return;
    };
    // A refused filter comes back as 400 with the whole page and its messages: take those.
    if !(response.ok() || response.status() == 400) {
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
    follow_fields(&fetched, sent);
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

/// Copies value and `aria-invalid` of the page's `data-follow` fields from the fetched page.
fn follow_fields(fetched: &web_sys::Document, sent: bool) {
    let page = document();
    let Ok(fields) = page.query_selector_all("input[data-follow][id]") else {
        return;
    };
    let active = page.active_element();
    for index in 0..fields.length() {
        let Some(field) = fields
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        let focused = active
            .as_ref()
            .is_some_and(|a| a.is_same_node(Some(&field)));
        if focused && !sent {
            continue;
        }
        let Some(new) = fetched
            .get_element_by_id(&field.id())
            .and_then(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        field.set_value(&new.default_value());
        let _ = match new.get_attribute("aria-invalid") {
            Some(value) => field.set_attribute("aria-invalid", &value),
            None => field.remove_attribute("aria-invalid"),
        };
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
