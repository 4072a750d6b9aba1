//! The GitHub side against wiremock (GitHub's own documented example bodies from
//! `tests/fixtures/github/`), asserting what clearance sends; `apply` and `promote --via pr`
//! also against the real MLflow server of the harness.

mod apply;
mod approvals;
mod cli;
mod client;
mod comment;
mod promote_pr;
mod support;
mod tui;
