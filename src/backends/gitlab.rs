//! GitLab (gitlab.com and self-managed), the second code host of issue 18. So far: where the
//! token comes from ([`auth`]), how a project is named in the API's paths
//! ([`project_param`]), and one request or every page of a list with GitLab's rate limits
//! ([`transport`]). The [`crate::host::CodeHost`] implementation over merge requests,
//! pipelines, approvals and notes comes next.

pub mod auth;
pub mod transport;

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
    let mut out = String::with_capacity(project.as_str().len() + 8);
    for b in project.as_str().bytes() {
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
