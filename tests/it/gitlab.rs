//! The GitLab side against wiremock serving GitLab's own documented example bodies
//! (`tests/fixtures/gitlab/`), asserting what clearance sends: paths with the URL-encoded
//! project, queries, JSON bodies, the token header, pagination, a self-managed base URL, and
//! each failure.

mod approvals;
mod cli;
mod client;
mod ops;
mod standin;
mod support;
mod tui;
