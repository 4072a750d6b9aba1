//! clearance: review ML model runs and clear a staged model for production.
//!
//! Layers, with one-way dependencies: [`domain`] ← [`backends`], behind the [`store`] and
//! [`host`] contracts; [`app`] holds state and the pure `update`; [`runtime`] runs effects as
//! tasks; [`ui`] renders state. See the README's architecture section.

pub mod app;
pub mod backends;
pub mod cli;
pub mod config;
pub mod connect;
pub mod demo;
pub mod domain;
pub mod errors;
pub mod host;
pub mod logging;
pub mod ops;
#[cfg(test)]
mod proptests;
pub mod report;
pub mod runtime;
pub mod schema;
pub mod store;
pub mod ui;
