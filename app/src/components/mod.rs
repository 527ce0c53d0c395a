//! Small view pieces, named for what the user sees.

pub mod error_page;
pub mod feature_list;
pub mod layout;
pub mod open_badge;
pub mod place_card;
