//! Which code host to talk to: GitHub from `--repo`/`--github-api-url`, `[github]` and the
//! environment, with the token found as the `gh` CLI finds it; or GitLab from
//! `--gitlab-project`/`--gitlab-url`, `[gitlab]` and GitLab CI's variables, with the token
//! from `GITLAB_TOKEN`, `CI_JOB_TOKEN` or `glab`. Naming both is an error, not a guess.

use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::backends::github::{
    ApiBase, GITHUB, GITHUB_API, GhCli, GitHubClient, GitHubSettings, discover_token, repo_id,
};
use crate::backends::gitlab::{self, GITLAB, GITLAB_URL, GitLabClient, GitLabSettings, Glab};
use crate::config::{Config, GitHubConfig, GitLabConfig};
use crate::domain::host::{gitlab_project, gitlab_url};
use crate::host::{CodeHost, HostError, HostErrorKind, ProjectId};

/// What the command line says about the code host (`--repo`, `--github-api-url`,
/// `--gitlab-project`, `--gitlab-url`), and whether the store is the demo.
#[derive(Debug, Clone, Copy, Default)]
pub struct HostFlags<'a> {
    pub repo: Option<&'a str>,
    pub api_url: Option<&'a str>,
    pub gitlab_project: Option<&'a str>,
    pub gitlab_url: Option<&'a str>,
    /// `--demo`: the demo never talks to a code host, so a demo model cannot end up in a
    /// pull request or comment on a real repository. Every connection is refused.
    pub demo: bool,
}

/// Why the demo has no code host connection.
pub const DEMO_NO_GITHUB: &str = "the demo never talks to GitHub or GitLab: a pull request, \
     comment or PR list for a demo model would reach a real repository; open your own store \
     (--tracking-uri, --dvc-repo or --wandb) to use a code host";

fn config_error(message: String) -> HostError {
    HostError::new(
        GITHUB,
        "connecting to GitHub",
        HostErrorKind::Config { message },
    )
}

fn gitlab_error(message: String) -> HostError {
    HostError::new(
        GITLAB,
        "connecting to GitLab",
        HostErrorKind::Config { message },
    )
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// The repository as named, not yet checked: `--repo`, `github.repo`, `$GITHUB_REPOSITORY`.
pub fn named_repo(
    config: &GitHubConfig,
    flags: HostFlags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    [
        flags.repo.map(str::to_owned),
        Some(config.repo.clone()),
        env("GITHUB_REPOSITORY"),
    ]
    .into_iter()
    .find_map(non_empty)
}

/// The API and repository: `--github-api-url`, `$GITHUB_API_URL`, `github.api_url`, else
/// api.github.com; `--repo`, `github.repo`, `$GITHUB_REPOSITORY` (so a config naming a
/// separate deployment repository wins over the repository a CI job runs in).
pub fn resolve_target(
    config: &GitHubConfig,
    flags: HostFlags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(ApiBase, ProjectId), HostError> {
    let api = non_empty(flags.api_url.map(str::to_owned))
        .or_else(|| non_empty(env("GITHUB_API_URL")))
        .or_else(|| non_empty(Some(config.api_url.clone())))
        .unwrap_or_else(|| GITHUB_API.to_owned());
    let api = ApiBase::parse(&api).map_err(config_error)?;
    let repo = named_repo(config, flags, env).ok_or_else(|| {
        config_error(
            "no GitHub repository or GitLab project: pass --repo OWNER/NAME or \
             --gitlab-project GROUP/NAME, or set github.repo or gitlab.project in the config \
             (GitHub Actions sets $GITHUB_REPOSITORY, GitLab CI $CI_PROJECT_ID)"
                .into(),
        )
    })?;
    let repo = repo_id(&repo).map_err(config_error)?;
    Ok((api, repo))
}

/// Whether this runs in a GitLab CI job (`GITLAB_CI=true`).
pub(super) fn in_gitlab_ci(env: &dyn Fn(&str) -> Option<String>) -> bool {
    env("GITLAB_CI").as_deref() == Some("true")
}

/// The GitLab project as named, not yet checked: `--gitlab-project`, `gitlab.project`, then
/// inside GitLab CI `$CI_PROJECT_ID`.
pub fn named_gitlab_project(
    config: &GitLabConfig,
    flags: HostFlags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    non_empty(flags.gitlab_project.map(str::to_owned))
        .or_else(|| non_empty(Some(config.project.clone())))
        .or_else(|| {
            in_gitlab_ci(env)
                .then(|| non_empty(env("CI_PROJECT_ID")))
                .flatten()
        })
}

/// The GitLab API (`INSTANCE/api/v4`) and project: `--gitlab-url`, inside GitLab CI
/// `$CI_API_V4_URL`, `gitlab.url`, else gitlab.com.
pub fn resolve_gitlab(
    config: &GitLabConfig,
    flags: HostFlags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Url, ProjectId), HostError> {
    let ci_api = in_gitlab_ci(env)
        .then(|| non_empty(env("CI_API_V4_URL")))
        .flatten();
    let url = non_empty(flags.gitlab_url.map(str::to_owned))
        .or(ci_api)
        .or_else(|| non_empty(Some(config.url.clone())))
        .unwrap_or_else(|| GITLAB_URL.to_owned());
    let instance = gitlab_url(&url).map_err(gitlab_error)?;
    let api = Url::parse(&format!(
        "{}/api/v4",
        instance.as_str().trim_end_matches('/')
    ))
    .map_err(|e| gitlab_error(e.to_string()))?;
    let project = named_gitlab_project(config, flags, env).ok_or_else(|| {
        gitlab_error(
            "no GitLab project: pass --gitlab-project GROUP/NAME or set gitlab.project in the \
             config (GitLab CI sets $CI_PROJECT_ID)"
                .into(),
        )
    })?;
    let project = gitlab_project(&project).map_err(gitlab_error)?;
    let project = ProjectId::parse(&project)
        .ok_or_else(|| gitlab_error(format!("'{project}' is not a GitLab project")))?;
    Ok((api, project))
}

/// Which forge the settings name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forge {
    GitHub,
    GitLab,
}

/// The code host named: flags first, then the config, then the CI environment; at each
/// level naming both GitHub and GitLab is an error. `None`: neither is named.
pub fn chosen_forge(
    config: &Config,
    flags: HostFlags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Forge>, HostError> {
    let both = |level: &str| {
        config_error(format!(
            "{level} name both a GitHub repository and a GitLab project: clearance talks to one \
             code host; keep one of them (or pass --repo or --gitlab-project to choose)"
        ))
    };
    let pick = |gh: bool, gl: bool, level: &str| match (gh, gl) {
        (true, true) => Err(both(level)),
        (true, false) => Ok(Some(Forge::GitHub)),
        (false, true) => Ok(Some(Forge::GitLab)),
        (false, false) => Ok(None),
    };
    let flag = |f: Option<&str>| f.is_some_and(|s| !s.trim().is_empty());
    if let Some(f) = pick(
        flag(flags.repo),
        flag(flags.gitlab_project),
        "--repo and --gitlab-project",
    )? {
        return Ok(Some(f));
    }
    if let Some(f) = pick(
        !config.github.repo.trim().is_empty(),
        !config.gitlab.project.trim().is_empty(),
        "github.repo and gitlab.project in the config",
    )? {
        return Ok(Some(f));
    }
    // A GitLab URL given on the command line means GitLab, like --github-api-url GitHub.
    if let Some(f) = pick(
        flag(flags.api_url),
        flag(flags.gitlab_url),
        "--github-api-url and --gitlab-url",
    )? {
        return Ok(Some(f));
    }
    pick(
        non_empty(env("GITHUB_REPOSITORY")).is_some(),
        in_gitlab_ci(env) && non_empty(env("CI_PROJECT_ID")).is_some(),
        "the environment ($GITHUB_REPOSITORY and GitLab CI's $CI_PROJECT_ID)",
    )
}

/// The project as named, for messages (`acme/models`), whichever forge; `None` when no
/// code host is named; an error when both are.
pub fn named_project(
    config: &Config,
    flags: HostFlags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<String>, HostError> {
    Ok(match chosen_forge(config, flags, env)? {
        Some(Forge::GitLab) => named_gitlab_project(&config.gitlab, flags, env),
        Some(Forge::GitHub) => named_repo(&config.github, flags, env),
        None => None,
    })
}

/// The code host from the config, flags, an environment and the `gh` and `glab` CLIs
/// (tests pass their own); says where the token came from.
pub async fn connect_with(
    config: &Config,
    flags: HostFlags<'_>,
    env: &(dyn Fn(&str) -> Option<String> + Sync),
    gh: &GhCli,
    glab: &Glab,
) -> Result<(Arc<dyn CodeHost>, String), HostError> {
    if flags.demo {
        return Err(config_error(DEMO_NO_GITHUB.into()));
    }
    if chosen_forge(config, flags, env)? == Some(Forge::GitLab) {
        let g = &config.gitlab;
        let (api, project) = resolve_gitlab(g, flags, env)?;
        let host = match (api.host_str(), api.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            (None, _) => String::new(),
        };
        let (token, origin) = gitlab::discover_token(&host, env, glab).await?;
        let client = GitLabClient::new(GitLabSettings {
            api,
            host,
            project,
            token,
            origin,
            connect_timeout: Duration::from_secs(g.connect_timeout_secs),
            timeout: Duration::from_secs(g.timeout_secs),
        })?;
        tracing::info!(gitlab = %client.info().label(), token = %origin, "connected");
        return Ok((Arc::new(client), origin.to_string()));
    }
    let g = &config.github;
    let (api, repo) = resolve_target(g, flags, env)?;
    let (token, origin) = discover_token(&api.host(), api.is_enterprise(), env, gh).await?;
    let client = GitHubClient::new(GitHubSettings {
        api,
        repo,
        token,
        connect_timeout: Duration::from_secs(g.connect_timeout_secs),
        timeout: Duration::from_secs(g.timeout_secs),
    })?;
    tracing::info!(github = %client.info().label(), token = %origin, "connected");
    Ok((Arc::new(client), origin.to_string()))
}

/// The code host of the config and flags, with this process's environment and `gh` and
/// `glab` on `PATH`.
pub async fn connect(
    config: &Config,
    flags: HostFlags<'_>,
) -> Result<Arc<dyn CodeHost>, HostError> {
    let env = |k: &str| std::env::var(k).ok();
    connect_with(
        config,
        flags,
        &env,
        &crate::backends::github::gh(),
        &gitlab::glab(),
    )
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
        let target = |c: &GitHubConfig, f: HostFlags<'_>, e: &[(&str, &str)]| {
            resolve_target(c, f, &env(e)).map(|(a, r)| (a.as_str().to_owned(), r.to_string()))
        };
        assert_eq!(
            target(
                &c,
                HostFlags::default(),
                &[("GITHUB_REPOSITORY", "ci/repo")]
            ),
            Ok(("https://api.github.com".into(), "ci/repo".into()))
        );
        c.repo = "acme/deploy".into();
        c.api_url = "https://ghe.acme.io/api/v3".into();
        assert_eq!(
            target(
                &c,
                HostFlags::default(),
                &[("GITHUB_REPOSITORY", "ci/repo")]
            ),
            Ok(("https://ghe.acme.io/api/v3".into(), "acme/deploy".into()))
        );
        assert_eq!(
            target(
                &c,
                HostFlags::default(),
                &[("GITHUB_API_URL", "https://ghe2.acme.io/api/v3/")]
            ),
            Ok(("https://ghe2.acme.io/api/v3".into(), "acme/deploy".into()))
        );
        assert_eq!(
            target(
                &c,
                HostFlags {
                    repo: Some("me/fork"),
                    api_url: Some("http://127.0.0.1:9/api/v3"),
                    ..HostFlags::default()
                },
                &[("GITHUB_API_URL", "https://ghe2.acme.io/api/v3")]
            ),
            Ok(("http://127.0.0.1:9/api/v3".into(), "me/fork".into()))
        );
        let none = target(&Config::defaults().github, HostFlags::default(), &[]).unwrap_err();
        assert!(
            none.to_string()
                .contains("pass --repo OWNER/NAME or --gitlab-project"),
            "{none}"
        );
    }

    #[test]
    fn one_code_host_is_chosen_and_two_are_refused() {
        let mut c = Config::defaults();
        let forge = |c: &Config, f: HostFlags<'_>, e: &[(&str, &str)]| {
            chosen_forge(c, f, &env(e)).map_err(|e| e.to_string())
        };
        let gl = HostFlags {
            gitlab_project: Some("acme/ml/models"),
            ..HostFlags::default()
        };
        let gh = HostFlags {
            repo: Some("acme/models"),
            ..HostFlags::default()
        };
        assert_eq!(forge(&c, HostFlags::default(), &[]), Ok(None));
        assert_eq!(forge(&c, gl, &[]), Ok(Some(Forge::GitLab)));
        assert_eq!(forge(&c, gh, &[]), Ok(Some(Forge::GitHub)));
        let both = HostFlags {
            repo: Some("acme/models"),
            ..gl
        };
        assert!(
            forge(&c, both, &[])
                .unwrap_err()
                .contains("--repo and --gitlab-project name both")
        );
        // In GitLab CI its project is the default; a config naming a GitHub repo wins.
        let ci = [("GITLAB_CI", "true"), ("CI_PROJECT_ID", "4242")];
        assert_eq!(
            forge(&c, HostFlags::default(), &ci),
            Ok(Some(Forge::GitLab))
        );
        assert_eq!(
            forge(&c, HostFlags::default(), &[("CI_PROJECT_ID", "4242")]),
            Ok(None),
            "outside GitLab CI"
        );
        c.github.repo = "acme/models".into();
        assert_eq!(
            forge(&c, HostFlags::default(), &ci),
            Ok(Some(Forge::GitHub))
        );
        c.gitlab.project = "acme/ml/models".into();
        assert!(
            forge(&c, HostFlags::default(), &[])
                .unwrap_err()
                .contains("github.repo and gitlab.project in the config name both")
        );
        assert_eq!(
            forge(&c, gl, &[]),
            Ok(Some(Forge::GitLab)),
            "a flag chooses"
        );
        // The name shown is the chosen host's project, and naming both is an error, not a name.
        assert_eq!(
            named_project(&c, gl, &env(&[])).unwrap().as_deref(),
            Some("acme/ml/models")
        );
        assert!(
            named_project(&c, HostFlags::default(), &env(&[]))
                .unwrap_err()
                .to_string()
                .contains("name both a GitHub repository and a GitLab project")
        );
        assert_eq!(
            named_project(&Config::defaults(), HostFlags::default(), &env(&[])).unwrap(),
            None
        );
    }

    #[test]
    fn gitlab_ci_variables_name_the_api_and_the_project() {
        let c = Config::defaults().gitlab;
        let target = |f: HostFlags<'_>, e: &[(&str, &str)]| {
            resolve_gitlab(&c, f, &env(e)).map(|(a, p)| (a.to_string(), p.to_string()))
        };
        let ci = [
            ("GITLAB_CI", "true"),
            ("CI_API_V4_URL", "https://git.acme.io/api/v4"),
            ("CI_PROJECT_ID", "4242"),
        ];
        assert_eq!(
            target(HostFlags::default(), &ci),
            Ok(("https://git.acme.io/api/v4".into(), "4242".into()))
        );
        let flags = HostFlags {
            gitlab_project: Some("acme/ml/models"),
            gitlab_url: Some("https://gitlab.example.com/"),
            ..HostFlags::default()
        };
        assert_eq!(
            target(flags, &ci),
            Ok((
                "https://gitlab.example.com/api/v4".into(),
                "acme/ml/models".into()
            ))
        );
        assert_eq!(
            target(
                HostFlags {
                    gitlab_project: Some("acme/ml/models"),
                    ..HostFlags::default()
                },
                &[]
            ),
            Ok(("https://gitlab.com/api/v4".into(), "acme/ml/models".into()))
        );
        let e = target(HostFlags::default(), &[]).unwrap_err();
        assert!(e.to_string().contains("pass --gitlab-project"), "{e}");
    }

    #[tokio::test]
    async fn gitlab_connects_with_the_ci_job_token_and_says_so() {
        let c = Config::defaults();
        let ci = crate::backends::cli_token::fake::env(&[
            ("GITLAB_CI", "true"),
            ("CI_API_V4_URL", "https://git.acme.io/api/v4"),
            ("CI_SERVER_HOST", "git.acme.io"),
            ("CI_PROJECT_ID", "4242"),
            ("CI_JOB_TOKEN", "job-secret"),
        ]);
        let gh = crate::backends::cli_token::fake::missing("gh");
        let glab = crate::backends::cli_token::fake::missing("glab");
        let (host, origin) = connect_with(&c, HostFlags::default(), &ci, &gh, &glab)
            .await
            .unwrap();
        assert_eq!(
            (host.info().label(), origin.as_str()),
            (
                "GitLab 4242 at https://git.acme.io/api/v4".to_owned(),
                "$CI_JOB_TOKEN"
            )
        );
        assert!(!format!("{host:?}").contains("job-secret"));
    }
}
