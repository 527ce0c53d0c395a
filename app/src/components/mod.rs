//! Small view pieces, named for what the user sees.

pub mod activity_form;
pub mod article_card;
pub mod buddy;
pub mod error_page;
pub mod feature_list;
pub mod form;
pub mod insights;
#[cfg(feature = "ssr")]
pub mod island_scripts;
pub mod layout;
pub mod light_switch;
pub mod login_first;
pub mod occurrence;
pub mod open_badge;
pub mod place_card;
pub mod place_discussion;
pub mod place_map;
pub mod post;
pub mod start_thread;
pub mod thread_list;
