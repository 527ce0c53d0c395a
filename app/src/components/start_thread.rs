use crate::api::threads::StartThread;
use crate::components::form::{action_error, Field, FormMessage};
use crate::i18n::use_texts;
use crate::model::{
    discussion::{BODY_MAX, TITLE_MAX},
    Neighbourhood,
};
use leptos::prelude::*;

/// Starts a thread about a place (its slug, hidden) or, without one, about a topic in the
/// chosen neighbourhood.
#[component]
pub fn StartThreadForm(
    form: &'static str,
    #[prop(optional)] place: Option<String>,
    /// The resident's own neighbourhood, filled in for a topic.
    #[prop(optional_no_strip)]
    neighbourhood: Option<Neighbourhood>,
) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<StartThread>::new();
    let error = action_error(action);
    let topic = match place {
        Some(slug) => view! { <input type="hidden" name="place" value=slug/> }.into_any(),
        None => view! {
            <Field form name="neighbourhood" label=t.thread_neighbourhood_label
                hint=t.filter_neighbourhood_hint_required error suggest="buurten"
                maxlength=crate::model::filter::MAX_QUERY_CHARS as u32
                value=neighbourhood.map(|n| n.name).unwrap_or_default()/>
        }
        .into_any(),
    };
    view! {
        <ActionForm action attr:class="stack-form">
            <FormMessage error/>
            {topic}
            <Field form name="title" label=t.thread_title_label error maxlength=TITLE_MAX/>
            <Field form name="body" label=t.post_body_label hint=t.post_body_hint error multiline=true
                maxlength=BODY_MAX/>
            <button type="submit" class="button">{t.thread_start_submit}</button>
        </ActionForm>
    }
}
