//! `/inzichten`: what happens per place and neighbourhood, for hosts and social workers.

pub mod choice;
pub mod neighbourhood;
pub mod place;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The slug in the address and the period asked for (`weken`, `tot`), as the page's key.
pub fn use_insights_key() -> Memo<(String, String, String)> {
    let params = use_params_map();
    let query = use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        (
            params.read().get("slug").unwrap_or_default(),
            query.get("weken").unwrap_or_default(),
            query.get("tot").unwrap_or_default(),
        )
    })
}
