//! Integration tests against a real `mlflow server` (one binary: one shared server, one link),
//! and against a stand-in W&B GraphQL server checked with the official `wandb` SDK.
//!
//! The first run builds a virtualenv with MLflow (about 35 s, cached in
//! `~/.cache/clearance-tests` or `$CLEARANCE_TEST_CACHE`); every run starts a server (about
//! 8 s) that all tests share. See `support` for the harness. The GTO tests (`gto`) need no
//! server: they run the real `gto` from the DVC kit's venv (about 60 s to build, once).
//!
//! Unix only: the venv layout (`bin/`) and the server's process-group handling are POSIX.

#![cfg(unix)]
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails by panicking; these lints keep panics out of the running app"
)]

mod acks;
mod alerts;
mod cli;
mod dvc;
mod enforcement;
mod faults;
mod github;
mod gitlab;
mod gto;
mod hostile;
mod listing;
mod local_store;
mod logs;
mod lost_updates;
mod mlflow_backend;
mod policy;
mod promotion;
mod refresh;
mod release;
mod schemas;
mod shells;
mod stores;
mod support;
mod tui;
mod tui_policy;
mod tui_screens;
mod wandb;
mod workflows;
