//! The TUI's way to its code host (GitHub, from `[github]`): connected on first use (so a
//! missing token costs nothing until the PRs tab or a promotion by PR needs it) and kept once
//! it works. The rest of the runtime sees the host-neutral [`CodeHost`] only.

use std::sync::Arc;

use tokio::sync::Mutex;

use crate::config::GitHubConfig;
use crate::host::CodeHost;
use crate::ops::gitops::{self, GitHubFlags, PrSettings};

/// Where promotion PRs go and how to reach the code host.
#[derive(Debug)]
pub struct GitHubLink {
    config: GitHubConfig,
    repo: Option<String>,
    api_url: Option<String>,
    /// The demo's link refuses to connect (see `GitHubFlags::demo`).
    demo: bool,
    pub settings: PrSettings,
    client: Mutex<Option<Arc<dyn CodeHost>>>,
}

impl GitHubLink {
    /// The link for `--repo`/`--github-api-url`, the config and the environment; `None` when
    /// no repository is named anywhere (the PRs tab then says how to name one).
    pub fn new(config: &GitHubConfig, flags: GitHubFlags<'_>) -> Option<Self> {
        let link = Self {
            config: config.clone(),
            repo: flags.repo.map(str::to_owned),
            api_url: flags.api_url.map(str::to_owned),
            demo: flags.demo,
            settings: PrSettings::from_config(config),
            client: Mutex::new(None),
        };
        link.repo_name().is_some().then_some(link)
    }

    /// `OWNER/NAME` as given, even when it does not parse (the error then shows in the tab).
    pub fn repo_name(&self) -> Option<String> {
        let env = |k: &str| std::env::var(k).ok();
        gitops::named_repo(&self.config, self.flags(), &env)
    }

    /// A link with a client already made (tests point it at a mock GitHub).
    #[cfg(test)]
    pub fn with_client(config: &GitHubConfig, client: Arc<dyn CodeHost>) -> Self {
        Self {
            config: config.clone(),
            repo: None,
            api_url: None,
            demo: false,
            settings: PrSettings::from_config(config),
            client: Mutex::new(Some(client)),
        }
    }

    fn flags(&self) -> GitHubFlags<'_> {
        GitHubFlags {
            repo: self.repo.as_deref(),
            api_url: self.api_url.as_deref(),
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
        )
        .await
        .map_err(|e| e.to_string())?;
        *slot = Some(Arc::clone(&client));
        Ok(client)
    }
}
