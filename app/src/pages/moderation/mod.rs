pub mod log;
pub mod queue;
