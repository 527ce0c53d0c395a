//! Server functions, one file per area: parse, authorize, call the store.

pub mod places;
