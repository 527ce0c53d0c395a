pub mod cancel;
pub mod detail;
pub mod list;
pub mod week;
