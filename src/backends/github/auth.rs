//! Where the GitHub token comes from, in the `gh` CLI's order: `GH_TOKEN`, then
//! `GITHUB_TOKEN` (for a GitHub Enterprise host: `GH_ENTERPRISE_TOKEN`, then
//! `GITHUB_ENTERPRISE_TOKEN`), else `gh auth token --hostname HOST`.
//!
//! The environment and the `gh` program are passed in, so tests can discover tokens without
//! touching the test process's own environment.

use std::fmt;

use super::GITHUB;
use crate::host::{HostError, HostErrorKind, Token};

/// Where a token was found (safe to show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenOrigin {
    /// An environment variable, by name.
    Env(&'static str),
    /// `gh auth token`.
    GhCli,
}

impl fmt::Display for TokenOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Env(name) => write!(f, "${name}"),
            Self::GhCli => f.write_str("gh auth token"),
        }
    }
}

/// How to run the `gh` CLI.
pub type GhCli = crate::backends::cli_token::CliTool;

/// `gh` on `PATH`.
pub fn gh() -> GhCli {
    GhCli::named("gh")
}

/// The variables consulted for `host`, in order.
pub fn token_vars(enterprise: bool) -> [&'static str; 2] {
    if enterprise {
        ["GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"]
    } else {
        ["GH_TOKEN", "GITHUB_TOKEN"]
    }
}

/// How to provide a token for `host`, for messages.
pub fn token_hint(host: &str, enterprise: bool) -> String {
    let [a, b] = token_vars(enterprise);
    if enterprise {
        format!("set {a} or {b}, or log in with `gh auth login --hostname {host}`")
    } else {
        format!("set {a} or {b}, or log in with `gh auth login`")
    }
}

/// Finds a token for `host`. `env` reads a variable (empty values count as unset).
pub async fn discover_token(
    host: &str,
    enterprise: bool,
    env: &(dyn Fn(&str) -> Option<String> + Sync),
    gh: &GhCli,
) -> Result<(Token, TokenOrigin), HostError> {
    for var in token_vars(enterprise) {
        if let Some(v) = env(var)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
        {
            return Ok((Token::new(v), TokenOrigin::Env(var)));
        }
    }
    match gh.token(&["auth", "token", "--hostname", host]).await {
        Some(t) => Ok((t, TokenOrigin::GhCli)),
        None => Err(HostError::new(
            GITHUB,
            format!("finding a GitHub token for {host}"),
            HostErrorKind::NoToken {
                hint: token_hint(host, enterprise),
            },
        )),
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;
    use crate::backends::cli_token::fake::env;

    fn fake_gh(script: &str) -> (tempfile::TempDir, GhCli) {
        crate::backends::cli_token::fake::tool("gh", script)
    }

    fn no_gh() -> GhCli {
        crate::backends::cli_token::fake::missing("gh")
    }

    #[tokio::test]
    async fn env_vars_in_gh_order() {
        let found = |pairs: &'static [(&'static str, &'static str)], enterprise| async move {
            discover_token("h", enterprise, &env(pairs), &no_gh())
                .await
                .map(|(t, o)| (t.expose().to_owned(), o))
        };
        assert_eq!(
            found(&[("GITHUB_TOKEN", "b"), ("GH_TOKEN", "a")], false).await,
            Ok(("a".into(), TokenOrigin::Env("GH_TOKEN")))
        );
        assert_eq!(
            found(&[("GITHUB_TOKEN", "b"), ("GH_TOKEN", " ")], false).await,
            Ok(("b".into(), TokenOrigin::Env("GITHUB_TOKEN"))),
            "an empty GH_TOKEN counts as unset"
        );
        assert_eq!(
            found(
                &[("GH_TOKEN", "a"), ("GITHUB_ENTERPRISE_TOKEN", "e2")],
                true
            )
            .await,
            Ok(("e2".into(), TokenOrigin::Env("GITHUB_ENTERPRISE_TOKEN"))),
            "an enterprise host does not take github.com's token"
        );
        assert_eq!(
            found(
                &[
                    ("GH_ENTERPRISE_TOKEN", "e1"),
                    ("GITHUB_ENTERPRISE_TOKEN", "e2")
                ],
                true
            )
            .await,
            Ok(("e1".into(), TokenOrigin::Env("GH_ENTERPRISE_TOKEN")))
        );
    }

    #[tokio::test]
    async fn gh_auth_token_with_the_host() {
        let (_dir, gh) = fake_gh(
            r#"[ "$1 $2 $3 $4" = "auth token --hostname ghe.acme.io" ] && echo "  gho_fromgh  " && exit 0; exit 3"#,
        );
        let (token, origin) = discover_token("ghe.acme.io", true, &env(&[]), &gh)
            .await
            .unwrap();
        assert_eq!((token.expose(), origin), ("gho_fromgh", TokenOrigin::GhCli));
        assert_eq!(format!("{token:?}"), "Token(***)");
    }

    #[tokio::test]
    async fn not_logged_in_says_how_to_log_in() {
        for script in ["echo 'not logged in' >&2; exit 1", "exit 0", "sleep 10"] {
            let (_dir, mut gh) = fake_gh(script);
            gh.timeout = std::time::Duration::from_millis(300);
            let e = discover_token("github.com", false, &env(&[]), &gh)
                .await
                .unwrap_err();
            assert_eq!(
                e.to_string(),
                "finding a GitHub token for github.com: no GitHub token: set GH_TOKEN or \
                 GITHUB_TOKEN, or log in with `gh auth login`",
                "{script}"
            );
        }
        let e = discover_token("ghe.acme.io", true, &env(&[]), &no_gh())
            .await
            .unwrap_err();
        assert!(
            e.to_string()
                .ends_with("set GH_ENTERPRISE_TOKEN or GITHUB_ENTERPRISE_TOKEN, or log in with `gh auth login --hostname ghe.acme.io`"),
            "{e}"
        );
    }
}
