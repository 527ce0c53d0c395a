use crate::i18n::use_texts;
use crate::model::Feature;
use leptos::prelude::*;

#[component]
pub fn FeatureList(features: Vec<Feature>) -> impl IntoView {
    let t = use_texts();
    view! {
        <ul class="features">
            {features
                .into_iter()
                .map(|feature| view! { <li class="feature">{feature.label(t)}</li> })
                .collect_view()}
        </ul>
    }
}
