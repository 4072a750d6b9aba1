//! GitLab (gitlab.com and self-managed), the second code host: where the token comes from
//! ([`auth`]), how a project is named in the API's paths ([`project_param`]), one request or
//! every page of a list with GitLab's rate limits ([`transport`]), and the
//! [`crate::host::CodeHost`] implementation over merge requests, pipelines, approvals and
//! notes ([`GitLabClient`]).

pub mod auth;
mod client;
mod dto;
pub mod transport;

pub use self::client::{GitLabClient, GitLabSettings};

use std::fmt::Write as _;

pub use self::auth::{Glab, TokenOrigin, discover_token, glab};
use crate::host::ProjectId;

/// The forge's name in messages.
pub const GITLAB: &str = "GitLab";

/// gitlab.com, when no other instance is named.
pub const GITLAB_URL: &str = "https://gitlab.com";

/// A project as the API's `:id` takes it: a numeric id as it is, a path URL-encoded
/// (`group%2Fsubgroup%2Fname`), as GitLab's REST API documents for namespaced paths.
pub fn project_param(project: &ProjectId) -> String {
    encode(project.as_str())
}

/// One URL path segment: everything but letters, digits and `-._~` percent-encoded, `/`
/// included, as GitLab takes branch names and file paths (`deploy%2Fmodels.toml`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn project_paths_are_one_encoded_segment() {
        let p = |s: &str| project_param(&ProjectId::parse(s).unwrap());
        assert_eq!(p("acme/ml/fraud-models"), "acme%2Fml%2Ffraud-models");
        assert_eq!(p("diaspora/diaspora"), "diaspora%2Fdiaspora");
        assert_eq!(p("42"), "42", "a numeric id stays as it is");
    }
}
