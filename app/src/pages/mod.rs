//! One file per route.

pub mod account;
pub mod home;
pub mod invites;
pub mod moderation;
pub mod not_found;
pub mod places;
pub mod threads;
