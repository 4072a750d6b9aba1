//! Application state and the pure `update(msg) -> effects`.

mod action;

pub use action::Action;
