//! Which code host to talk to: GitHub from `--repo`/`--github-api-url`, `[github]` and the
//! environment, with the token found as the `gh` CLI finds it.

use std::sync::Arc;
use std::time::Duration;

use crate::backends::github::{
    ApiBase, GITHUB, GITHUB_API, GhCli, GitHubClient, GitHubSettings, TokenOrigin, discover_token,
    repo_id,
};
use crate::config::{Config, GitHubConfig};
use crate::host::{CodeHost, HostError, HostErrorKind, ProjectId};

/// What the command line says about GitHub (`--repo`, `--github-api-url`), and whether the
/// store is the demo.
#[derive(Debug, Clone, Copy, Default)]
pub struct GitHubFlags<'a> {
    pub repo: Option<&'a str>,
    pub api_url: Option<&'a str>,
    /// `--demo`: the demo never talks to GitHub, so a demo model cannot end up in a pull
    /// request or comment on a real repository. Every connection is refused.
    pub demo: bool,
}

/// Why the demo has no GitHub connection.
pub const DEMO_NO_GITHUB: &str = "the demo never talks to GitHub: a pull request, comment or PR \
     list for a demo model would reach a real repository; open your own store (--tracking-uri, \
     --dvc-repo or --wandb) to use GitHub";

fn config_error(message: String) -> HostError {
    HostError::new(
        GITHUB,
        "connecting to GitHub",
        HostErrorKind::Config { message },
    )
}

/// The repository as named, not yet checked: `--repo`, `github.repo`, `$GITHUB_REPOSITORY`.
pub fn named_repo(
    config: &GitHubConfig,
    flags: GitHubFlags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    [
        flags.repo.map(str::to_owned),
        Some(config.repo.clone()),
        env("GITHUB_REPOSITORY"),
    ]
    .into_iter()
    .flatten()
    .map(|r| r.trim().to_owned())
    .find(|r| !r.is_empty())
}

/// The API and repository: `--github-api-url`, `$GITHUB_API_URL`, `github.api_url`, else
/// api.github.com; `--repo`, `github.repo`, `$GITHUB_REPOSITORY` (so a config naming a
/// separate deployment repository wins over the repository a CI job runs in).
pub fn resolve_target(
    config: &GitHubConfig,
    flags: GitHubFlags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(ApiBase, ProjectId), HostError> {
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let api = non_empty(flags.api_url.map(str::to_owned))
        .or_else(|| non_empty(env("GITHUB_API_URL")))
        .or_else(|| non_empty(Some(config.api_url.clone())))
        .unwrap_or_else(|| GITHUB_API.to_owned());
    let api = ApiBase::parse(&api).map_err(config_error)?;
    let repo = named_repo(config, flags, env).ok_or_else(|| {
        config_error(
            "no GitHub repository: pass --repo OWNER/NAME or set github.repo in the config \
                 (GitHub Actions sets $GITHUB_REPOSITORY)"
                .into(),
        )
    })?;
    let repo = repo_id(&repo).map_err(config_error)?;
    Ok((api, repo))
}

/// A GitHub client from the config, flags, an environment and a `gh` CLI (tests pass their
/// own); says where the token came from.
pub async fn connect_with(
    config: &GitHubConfig,
    flags: GitHubFlags<'_>,
    env: &(dyn Fn(&str) -> Option<String> + Sync),
    gh: &GhCli,
) -> Result<(Arc<dyn CodeHost>, TokenOrigin), HostError> {
    if flags.demo {
        return Err(config_error(DEMO_NO_GITHUB.into()));
    }
    let (api, repo) = resolve_target(config, flags, env)?;
    let (token, origin) = discover_token(&api.host(), api.is_enterprise(), env, gh).await?;
    let client = GitHubClient::new(GitHubSettings {
        api,
        repo,
        token,
        connect_timeout: Duration::from_secs(config.connect_timeout_secs),
        timeout: Duration::from_secs(config.timeout_secs),
    })?;
    tracing::info!(github = %client.info().label(), token = %origin, "connected");
    Ok((Arc::new(client), origin))
}

/// The code host of the config and flags, with this process's environment and `gh` on
/// `PATH`.
pub async fn connect(
    config: &Config,
    flags: GitHubFlags<'_>,
) -> Result<Arc<dyn CodeHost>, HostError> {
    let env = |k: &str| std::env::var(k).ok();
    connect_with(&config.github, flags, &env, &crate::backends::github::gh())
        .await
        .map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use pretty_assertions::assert_eq;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn flags_then_env_then_config_for_the_api_and_flags_then_config_then_env_for_the_repo() {
        let mut c = Config::defaults().github;
        let target = |c: &GitHubConfig, f: GitHubFlags<'_>, e: &[(&str, &str)]| {
            resolve_target(c, f, &env(e)).map(|(a, r)| (a.as_str().to_owned(), r.to_string()))
        };
        assert_eq!(
            target(
                &c,
                GitHubFlags::default(),
                &[("GITHUB_REPOSITORY", "ci/repo")]
            ),
            Ok(("https://api.github.com".into(), "ci/repo".into()))
        );
        c.repo = "acme/deploy".into();
        c.api_url = "https://ghe.acme.io/api/v3".into();
        assert_eq!(
            target(
                &c,
                GitHubFlags::default(),
                &[("GITHUB_REPOSITORY", "ci/repo")]
            ),
            Ok(("https://ghe.acme.io/api/v3".into(), "acme/deploy".into()))
        );
        assert_eq!(
            target(
                &c,
                GitHubFlags::default(),
                &[("GITHUB_API_URL", "https://ghe2.acme.io/api/v3/")]
            ),
            Ok(("https://ghe2.acme.io/api/v3".into(), "acme/deploy".into()))
        );
        assert_eq!(
            target(
                &c,
                GitHubFlags {
                    repo: Some("me/fork"),
                    api_url: Some("http://127.0.0.1:9/api/v3"),
                    demo: false,
                },
                &[("GITHUB_API_URL", "https://ghe2.acme.io/api/v3")]
            ),
            Ok(("http://127.0.0.1:9/api/v3".into(), "me/fork".into()))
        );
        let none = target(&Config::defaults().github, GitHubFlags::default(), &[]).unwrap_err();
        assert!(
            none.to_string().contains("pass --repo OWNER/NAME"),
            "{none}"
        );
    }
}
