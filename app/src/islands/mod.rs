//! The only parts of the site that run in the browser. Everything else is server HTML that
//! works as it is, without JavaScript; each island makes one piece of it react: a list that
//! follows the server's announcements, a filter that applies at once, a form that checks
//! itself as it is typed. Props are small serializable values; an island that needs more
//! asks the server for the page again and takes the part it shows.

pub mod activity_checks;
pub mod live_filter;
pub mod live_updates;
pub mod print_button;
pub mod proof_of_work;
#[cfg(feature = "hydrate")]
mod regions;
pub mod suggest;
