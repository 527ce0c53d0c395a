//! One file per route.

pub mod account;
pub mod activities;
pub mod activity_editor;
pub mod articles;
pub mod door;
pub mod home;
pub mod insights;
pub mod invites;
pub mod manage;
pub mod map;
pub mod moderation;
pub mod neighbourhood;
pub mod not_found;
pub mod places;
pub mod resets;
pub mod threads;
