//! The TUI's way to its code host (GitHub from `[github]`, or GitLab from `[gitlab]`):
//! connected on first use (so a missing token costs nothing until the Changes tab or a
//! promotion by change request needs it) and kept once it works. The rest of the runtime sees
//! the host-neutral [`CodeHost`] only.

use std::sync::Arc;

use tokio::sync::Mutex;

use crate::config::Config;
use crate::host::{CodeHost, HostError};
use crate::ops::gitops::{self, HostFlags, PrSettings};

/// Where promotion PRs go and how to reach the code host.
#[derive(Debug)]
pub struct GitHubLink {
    config: Config,
    repo: Option<String>,
    api_url: Option<String>,
    gitlab_project: Option<String>,
    gitlab_url: Option<String>,
    /// The demo's link refuses to connect (see `HostFlags::demo`).
    demo: bool,
    pub settings: PrSettings,
    client: Mutex<Option<Arc<dyn CodeHost>>>,
}

impl GitHubLink {
    /// The link for the code host flags, the config and the environment; `None` when no
    /// repository or project is named anywhere (the Changes tab then says how to name one).
    pub fn new(config: &Config, flags: HostFlags<'_>) -> Result<Option<Self>, HostError> {
        let link = Self {
            config: config.clone(),
            repo: flags.repo.map(str::to_owned),
            api_url: flags.api_url.map(str::to_owned),
            gitlab_project: flags.gitlab_project.map(str::to_owned),
            gitlab_url: flags.gitlab_url.map(str::to_owned),
            demo: flags.demo,
            settings: PrSettings::from_config(&config.promotion),
            client: Mutex::new(None),
        };
        Ok(link.repo_name()?.is_some().then_some(link))
    }

    /// `OWNER/NAME` (GitLab: `GROUP/NAME` or an id) as given, even when it does not parse
    /// (the error then shows in the tab); an error when both hosts are named.
    pub fn repo_name(&self) -> Result<Option<String>, HostError> {
        let env = |k: &str| std::env::var(k).ok();
        gitops::named_project(&self.config, self.flags(), &env)
    }

    /// Whether the host named is GitLab (the Changes tab then speaks of merge requests).
    pub fn is_gitlab(&self) -> bool {
        let env = |k: &str| std::env::var(k).ok();
        gitops::chosen_forge(&self.config, self.flags(), &env) == Ok(Some(gitops::Forge::GitLab))
    }

    /// A link with a client already made (tests point it at a mock GitHub).
    #[cfg(test)]
    pub fn with_client(config: &Config, client: Arc<dyn CodeHost>) -> Self {
        Self {
            config: config.clone(),
            repo: None,
            api_url: None,
            gitlab_project: None,
            gitlab_url: None,
            demo: false,
            settings: PrSettings::from_config(&config.promotion),
            client: Mutex::new(Some(client)),
        }
    }

    fn flags(&self) -> HostFlags<'_> {
        HostFlags {
            repo: self.repo.as_deref(),
            api_url: self.api_url.as_deref(),
            gitlab_project: self.gitlab_project.as_deref(),
            gitlab_url: self.gitlab_url.as_deref(),
            demo: self.demo,
        }
    }

    /// Drops the client, so the next use connects (and finds the token) again.
    pub async fn forget(&self) {
        *self.client.lock().await = None;
    }

    /// The client, connecting (and finding the token) the first time. A failure is not
    /// kept, nor is a client whose token the host refused ([`Self::forget`]): the next
    /// refresh tries again, so `gh auth login` in another window helps.
    pub async fn client(&self) -> Result<Arc<dyn CodeHost>, String> {
        let mut slot = self.client.lock().await;
        if let Some(c) = &*slot {
            return Ok(c.clone());
        }
        let env = |k: &str| std::env::var(k).ok();
        let (client, _) = gitops::connect_with(
            &self.config,
            self.flags(),
            &env,
            &crate::backends::github::gh(),
            &crate::backends::gitlab::glab(),
        )
        .await
        .map_err(|e| e.to_string())?;
        *slot = Some(Arc::clone(&client));
        Ok(client)
    }
}
