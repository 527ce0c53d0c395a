//! Suggestions for a search field as someone types: places or neighbourhoods, answered in
//! postcard so the browser needs no JSON parser.

use leptos::prelude::*;
use server_fn::codec::{GetUrl, Postcard};

/// One suggestion for a search field: the value the field takes, and what else to show.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Suggestion {
    pub value: String,
    pub label: String,
}

/// What a suggestion list is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SuggestionKind {
    #[serde(rename = "buurten")]
    Neighbourhoods,
    #[serde(rename = "plekken")]
    Places,
    /// Accounts, for the page that makes reset codes: only for those who may make them.
    #[serde(rename = "mensen")]
    People,
}

impl SuggestionKind {
    pub fn param(self) -> &'static str {
        match self {
            SuggestionKind::Neighbourhoods => "buurten",
            SuggestionKind::Places => "plekken",
            SuggestionKind::People => "mensen",
        }
    }
}

/// Suggestions as someone types in a neighbourhood or place field. Sent compactly
/// (postcard, not JSON) so the island that asks carries no JSON parser.
#[server(endpoint = "suggest", input = GetUrl, output = Postcard)]
pub async fn suggest(soort: SuggestionKind, q: String) -> Result<Vec<Suggestion>, SuggestError> {
    let state = crate::state::app_state().map_err(|_| SuggestError)?;
    let Some(q) = crate::model::filter::clean_search_text(&q) else {
        return Ok(Vec::new());
    };
    let found = match soort {
        SuggestionKind::Neighbourhoods => {
            crate::store::places::find_neighbourhoods(&state.db, &q, super::NEIGHBOURHOOD_CHOICES)
                .await
                .map_err(|_| SuggestError)?
                .into_iter()
                .map(|n| Suggestion {
                    label: format!("{} · {}", n.name, n.city),
                    value: n.name,
                })
                .collect()
        }
        SuggestionKind::Places => {
            crate::store::places::suggest_places(&state.db, &q, super::NEIGHBOURHOOD_CHOICES)
                .await
                .map_err(|_| SuggestError)?
                .into_iter()
                .map(|(_, name, neighbourhood)| Suggestion {
                    label: format!("{name} · {neighbourhood}"),
                    value: name,
                })
                .collect()
        }
        SuggestionKind::People => {
            use crate::model::permission::Action;
            // Names of accounts are for those who make reset codes, and kept by no cache.
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.insert_header(
                    http::header::CACHE_CONTROL,
                    http::HeaderValue::from_static("private, no-store"),
                );
            }
            if crate::auth::authorized(Action::ResetCodes).await.is_err() {
                return Ok(Vec::new());
            }
            let shown = crate::model::reset::PEOPLE_SHOWN;
            crate::store::resets::find_people(&state.db, &q, shown)
                .await
                .map_err(|_| SuggestError)?
                .0
                .into_iter()
                .map(|person| Suggestion {
                    label: format!("{} ({})", person.display_name, person.username),
                    value: person.username,
                })
                .collect()
        }
    };
    Ok(found)
}

/// Suggestions failed; the field still works as plain text.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SuggestError;

impl server_fn::error::FromServerFnError for SuggestError {
    type Encoder = server_fn::codec::PostcardEncoding;

    fn from_server_fn_error(_: server_fn::error::ServerFnErrorErr) -> Self {
        SuggestError
    }
}
