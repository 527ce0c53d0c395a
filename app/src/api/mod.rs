//! Server functions, one file per area: parse, authorize, call the store.

pub mod accounts;
pub mod invites;
pub mod moderation;
pub mod places;
pub mod threads;
