//! Server functions, one file per area: parse, authorize, call the store.

pub mod accounts;
pub mod activities;
pub mod articles;
pub mod buddies;
pub mod insights;
pub mod invites;
pub mod manage;
pub mod moderation;
pub mod places;
pub mod resets;
pub mod threads;
