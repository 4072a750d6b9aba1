//! Where the GitLab token comes from, in order: `GITLAB_TOKEN`; inside a GitLab CI job
//! (`GITLAB_CI=true`) on the job's own instance, `CI_JOB_TOKEN`; else the token `glab` stored
//! for the host (`glab config get token --host HOST`).
//!
//! The environment and the `glab` program are passed in, so tests can discover tokens
//! without touching the test process's own environment. The token itself is never printed,
//! logged or rendered ([`Token`] has no `Display`).

use std::fmt;

use super::GITLAB;
use crate::host::{HostError, HostErrorKind, Token};

/// Where a token was found (safe to show), which also decides how it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenOrigin {
    /// `$GITLAB_TOKEN`: a personal, project or group access token.
    Env,
    /// `$CI_JOB_TOKEN` of the running GitLab CI job.
    CiJob,
    /// `glab config get token --host HOST`.
    Glab,
}

impl TokenOrigin {
    /// The header the token goes in: access tokens in `PRIVATE-TOKEN`, a CI job's token in
    /// `JOB-TOKEN`.
    pub fn header(self) -> &'static str {
        match self {
            Self::Env | Self::Glab => "PRIVATE-TOKEN",
            Self::CiJob => "JOB-TOKEN",
        }
    }

    /// What the token cannot do, for messages. A CI job token reaches only a few API
    /// endpoints; merge requests, pipelines and jobs are not among them (gitlab-org/gitlab
    /// issues 545150 and 506668).
    pub fn limits(self) -> Option<&'static str> {
        match self {
            Self::CiJob => Some(
                "CI_JOB_TOKEN cannot read or open merge requests, post notes or read \
                 pipelines through GitLab's API: set GITLAB_TOKEN to a project access token \
                 with the api scope (a masked CI/CD variable)",
            ),
            Self::Env | Self::Glab => None,
        }
    }
}

impl fmt::Display for TokenOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Env => "$GITLAB_TOKEN",
            Self::CiJob => "$CI_JOB_TOKEN",
            Self::Glab => "glab config get token",
        })
    }
}

/// How to run the `glab` CLI.
pub type Glab = crate::backends::cli_token::CliTool;

/// `glab` on `PATH`.
pub fn glab() -> Glab {
    Glab::named("glab")
}

/// How to provide a token for `host`, for messages.
pub fn token_hint(host: &str) -> String {
    format!(
        "set GITLAB_TOKEN (an access token with the api scope), or log in with `glab auth login \
         --hostname {host}`"
    )
}

/// Finds a token for `host` (`gitlab.com`, or a self-managed `HOST[:PORT]`). `env` reads a
/// variable (empty values count as unset).
pub async fn discover_token(
    host: &str,
    env: &(dyn Fn(&str) -> Option<String> + Sync),
    glab: &Glab,
) -> Result<(Token, TokenOrigin), HostError> {
    let var = |k: &str| {
        env(k)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    if let Some(t) = var("GITLAB_TOKEN") {
        return Ok((Token::new(t), TokenOrigin::Env));
    }
    // A job token is good on its own instance only.
    let own_instance = var("CI_SERVER_HOST").is_none_or(|h| {
        let bare = host.rsplit_once(':').map_or(host, |(h, _)| h);
        h.eq_ignore_ascii_case(bare) || h.eq_ignore_ascii_case(host)
    });
    if var("GITLAB_CI").as_deref() == Some("true")
        && own_instance
        && let Some(t) = var("CI_JOB_TOKEN")
    {
        return Ok((Token::new(t), TokenOrigin::CiJob));
    }
    match glab
        .token(&["config", "get", "token", "--host", host])
        .await
    {
        Some(t) => Ok((t, TokenOrigin::Glab)),
        None => Err(HostError::new(
            GITLAB,
            format!("finding a GitLab token for {host}"),
            HostErrorKind::NoToken {
                hint: token_hint(host),
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

    fn fake_glab(script: &str) -> (tempfile::TempDir, Glab) {
        crate::backends::cli_token::fake::tool("glab", script)
    }

    fn no_glab() -> Glab {
        crate::backends::cli_token::fake::missing("glab")
    }

    async fn found(
        host: &str,
        pairs: &[(&str, &str)],
        glab: &Glab,
    ) -> Result<(String, TokenOrigin), String> {
        discover_token(host, &env(pairs), glab)
            .await
            .map(|(t, o)| (t.expose().to_owned(), o))
            .map_err(|e| e.to_string())
    }

    #[tokio::test]
    async fn gitlab_token_then_the_ci_job_token_on_its_own_instance() {
        let ci = [
            ("GITLAB_CI", "true"),
            ("CI_JOB_TOKEN", "job-tok"),
            ("CI_SERVER_HOST", "gitlab.acme.io"),
        ];
        assert_eq!(
            found(
                "gitlab.acme.io",
                &[("GITLAB_TOKEN", " glpat-a "), ("CI_JOB_TOKEN", "job-tok")],
                &no_glab()
            )
            .await,
            Ok(("glpat-a".into(), TokenOrigin::Env))
        );
        assert_eq!(
            found("gitlab.acme.io:8443", &ci, &no_glab()).await,
            Ok(("job-tok".into(), TokenOrigin::CiJob))
        );
        assert!(
            found("gitlab.com", &ci, &no_glab()).await.is_err(),
            "another instance's job token is not sent to gitlab.com"
        );
        assert!(
            found("gitlab.acme.io", &[("CI_JOB_TOKEN", "job-tok")], &no_glab())
                .await
                .is_err(),
            "outside GitLab CI a stray CI_JOB_TOKEN is not used"
        );
    }

    #[test]
    fn job_tokens_go_in_their_own_header_and_say_what_they_cannot_do() {
        assert_eq!(TokenOrigin::Env.header(), "PRIVATE-TOKEN");
        assert_eq!(TokenOrigin::Glab.header(), "PRIVATE-TOKEN");
        assert_eq!(TokenOrigin::CiJob.header(), "JOB-TOKEN");
        assert!(
            TokenOrigin::CiJob
                .limits()
                .is_some_and(|l| l.contains("merge requests"))
        );
        assert_eq!(TokenOrigin::Env.limits(), None);
    }

    #[tokio::test]
    async fn glabs_stored_token_for_the_host() {
        let (_dir, glab) = fake_glab(
            r#"[ "$1 $2 $3 $4 $5" = "config get token --host gitlab.acme.io" ] && echo "  glpat-fromglab  " && exit 0; exit 3"#,
        );
        let (token, origin) = discover_token("gitlab.acme.io", &env(&[]), &glab)
            .await
            .unwrap();
        assert_eq!(
            (token.expose(), origin),
            ("glpat-fromglab", TokenOrigin::Glab)
        );
        assert_eq!(format!("{token:?}"), "Token(***)");
    }

    #[tokio::test]
    async fn no_token_says_how_to_provide_one() {
        for script in ["echo 'no token' >&2; exit 1", "exit 0", "sleep 10"] {
            let (_dir, mut glab) = fake_glab(script);
            glab.timeout = std::time::Duration::from_millis(300);
            assert_eq!(
                found("gitlab.com", &[], &glab).await,
                Err(
                    "finding a GitLab token for gitlab.com: no GitLab token: set GITLAB_TOKEN \
                     (an access token with the api scope), or log in with `glab auth login \
                     --hostname gitlab.com`"
                        .into()
                ),
                "{script}"
            );
        }
    }
}
