#[cfg(feature = "hydrate")]
use crate::i18n::ProblemTexts;
use leptos::prelude::*;

/// Wraps the server-rendered fields of an activity and checks them as the host types, by the
/// model's own rules: each field touched shows its problem beside it (or none), while a
/// field not touched since the last submit keeps what the server said about it. Without
/// JavaScript the server's answer to the submit is all there is.
///
/// The words for the problems come in the `data-problems` attribute of an element around the
/// fields ([`crate::i18n::ProblemTexts::to_lines`]): an island without props needs no JSON parser.
#[island]
pub fn ActivityChecks(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let on_input = {
        let touched = StoredValue::new(Vec::<String>::new());
        move |ev: leptos::ev::Event| {
            let Some((field, form)) = read_form(&ev) else {
                return;
            };
            touched.update_value(|list| {
                if !list.contains(&field) {
                    list.push(field);
                }
            });
            let touched = touched.get_value();
            let Some(texts) = problem_texts(&ev) else {
                return;
            };
            let problems = crate::components::activity_form::live_problems(&form, &touched);
            for field in &touched {
                let message = problems.for_field(field).map(|problem| {
                    crate::components::form::problem_message(&texts, field, problem)
                });
                show_problem(field, message);
            }
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_input = |_: leptos::ev::Event| {};
    view! {
        <div class="activity-checks" on:input=on_input>
            {children()}
        </div>
    }
}

/// The problem texts written around the field the event happened in.
#[cfg(feature = "hydrate")]
fn problem_texts(ev: &leptos::ev::Event) -> Option<ProblemTexts> {
    use leptos::wasm_bindgen::JsCast;
    let lines = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-problems]")
        .ok()??
        .get_attribute("data-problems")?;
    Some(ProblemTexts::from_lines(&lines))
}

/// Puts a field's problem beside it, or takes it away, the way the server renders it: a
/// `field-error` paragraph after the control, named by its `aria-describedby`.
#[cfg(feature = "hydrate")]
fn show_problem(field: &str, message: Option<String>) {
    let page = document();
    let id = format!("activiteit-{field}");
    let Some(control) = page.get_element_by_id(&id) else {
        return;
    };
    let error_id = crate::components::form::message_id("activiteit", field);
    let hint_id = format!("{id}-hint");
    let hint = page.get_element_by_id(&hint_id).map(|_| hint_id);
    let existing = page.get_element_by_id(&error_id);
    match message {
        Some(message) => {
            let paragraph = existing.or_else(|| {
                let p = page.create_element("p").ok()?;
                p.set_class_name("field-error");
                p.set_id(&error_id);
                control.insert_adjacent_element("afterend", &p).ok()?;
                Some(p)
            });
            if let Some(paragraph) = paragraph {
                paragraph.set_text_content(Some(&message));
            }
            let _ = control.set_attribute("aria-invalid", "true");
            let described = match hint {
                Some(hint) => format!("{hint} {error_id}"),
                None => error_id,
            };
            let _ = control.set_attribute("aria-describedby", &described);
        }
        None => {
            if let Some(existing) = existing {
                existing.remove();
            }
            let _ = control.remove_attribute("aria-invalid");
            match hint {
                Some(hint) => {
                    let _ = control.set_attribute("aria-describedby", &hint);
                }
                None => {
                    let _ = control.remove_attribute("aria-describedby");
                }
            }
        }
    }
}

/// The field typed into and the whole form's values, read from the page.
#[cfg(feature = "hydrate")]
fn read_form(ev: &leptos::ev::Event) -> Option<(String, crate::model::activity::ActivityForm)> {
    use leptos::wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let name = target.get_attribute("name")?;
    let form = target
        .closest("form")
        .ok()??
        .dyn_into::<web_sys::HtmlFormElement>()
        .ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let get = |field: &str| {
        data.get(&format!("form[{field}]"))
            .as_string()
            .unwrap_or_default()
    };
    let field = name
        .strip_prefix("form[")
        .and_then(|n| n.strip_suffix(']'))?
        .to_string();
    Some((
        field,
        crate::model::activity::ActivityForm {
            title: get("title"),
            description: get("description"),
            date: get("date"),
            start: get("start"),
            end: get("end"),
            repeat: get("repeat"),
            until: get("until"),
            capacity: get("capacity"),
            cost: get("cost"),
            audience: get("audience"),
            accessibility: get("accessibility"),
            welcomer: get("welcomer"),
            online_url: get("online_url"),
            leads_to: get("leads_to"),
        },
    ))
}
