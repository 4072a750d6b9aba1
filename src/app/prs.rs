//! The PRs tab: the configured repository's open pull requests with CI and review state;
//! promotion PRs are marked with the model version they pin (which the Models tab shows too).

use chrono::{DateTime, Utc};

use super::cursor::Cursor;
use super::list_filter::narrow;
use super::loadable::Slot;
use super::notify::Level;
use super::{Action, App, Effect, LoopEffect, Task, Ticket};
use crate::domain::VersionId;
use crate::domain::pull_request::PullRequest;

#[derive(Debug, Clone, Default)]
pub struct PrsScreen {
    pub prs: Slot<Vec<PullRequest>>,
    pub cursor: Cursor,
    pub last_loaded: Option<DateTime<Utc>>,
    /// `/`: what narrows the list (title, number, author, branch), empty for none.
    pub filter: String,
}

impl PrsScreen {
    /// The rows the filter lets through, in order; the cursor indexes these.
    pub fn shown(&self) -> Vec<&PullRequest> {
        self.prs.loaded().map_or_else(Vec::new, |prs| {
            narrow(prs, &self.filter, |p| {
                format!("{} {} {} {}", p.number, p.title, p.author, p.head_branch)
            })
        })
    }

    pub fn selected(&self) -> Option<&PullRequest> {
        self.shown().get(self.cursor.selected).copied()
    }

    /// The open promotion PR pinning `model` at `version`.
    pub fn promotion_for(&self, model: &str, version: &VersionId) -> Option<&PullRequest> {
        self.prs.loaded()?.iter().find(|p| {
            p.promotion
                .as_ref()
                .is_some_and(|r| r.model == model && r.version == *version)
        })
    }
}

impl App {
    /// The demo never talks to GitHub: a promotion PR for a demo model would land in the
    /// team's real repository. The runtime drops its GitHub link too.
    pub fn github_off_for_demo(&mut self) {
        if let Some(repo) = self.options.github_repo.take() {
            self.options.github_note = Some(format!(
                "The demo does not talk to GitHub: a promotion PR for a demo model would land \
                 in {repo}. Open your own store to see its pull requests here."
            ));
        }
    }

    pub(super) fn load_prs(&mut self) -> Vec<Effect> {
        if self.options.github_repo.is_none() {
            return Vec::new();
        }
        self.prs.last_loaded = Some(self.now);
        let ticket = self.prs.prs.request(&mut self.tickets);
        vec![Effect::Task(Task::LoadPrs { ticket })]
    }

    pub(super) fn on_prs(
        &mut self,
        ticket: Ticket,
        result: Result<Vec<PullRequest>, String>,
    ) -> Vec<Effect> {
        if !self.prs.prs.expects(ticket) {
            return Vec::new();
        }
        match result {
            Ok(prs) => {
                // The selection stays on the same PR when others open, close or reorder.
                let selected = self.prs.selected().map(|p| p.number);
                self.prs.prs.set(prs);
                let shown: Vec<u64> = self.prs.shown().iter().map(|p| p.number).collect();
                if let Some(i) = selected.and_then(|n| shown.iter().position(|s| *s == n)) {
                    self.prs.cursor.selected = i;
                }
                self.prs.cursor.clamp(shown.len());
            }
            Err(e) => {
                tracing::warn!(error = %e, "pull requests");
                // Shown in the PRs tab when it has nothing else to show; as a toast when it
                // keeps showing the last list.
                if !self.prs.prs.fail(e.clone()) && self.tab == super::Tab::Prs {
                    self.toasts.push(
                        Level::Error,
                        format!("Loading pull requests failed: {e}"),
                        self.now,
                    );
                }
            }
        }
        Vec::new()
    }

    /// Whether the PRs are due for their periodic refresh: only while they are on screen (the
    /// PRs tab, or the Models tab's badges), as each costs GitHub requests per open PR.
    pub(super) fn prs_due(&self) -> bool {
        let every = self.options.prs_refresh_secs;
        every > 0
            && self.options.github_repo.is_some()
            && matches!(self.tab, super::Tab::Prs | super::Tab::Models)
            && !self.prs.prs.is_loading()
            && self
                .prs
                .last_loaded
                .is_some_and(|t| (self.now - t).num_seconds() >= every as i64)
    }

    pub(super) fn prs_action(&mut self, action: Action) -> Vec<Effect> {
        let len = self.prs.shown().len();
        let url = self.prs.selected().map(|p| p.url.clone());
        if self.prs.cursor.navigate(action, len) {
            return Vec::new();
        }
        if let Some(fx) = url_effect(action, url) {
            return fx;
        }
        match action {
            Action::Open => return self.open_pr_detail(),
            Action::Filter => return self.open_filter(),
            Action::Clear => {
                self.prs.filter.clear();
                self.prs.cursor.selected = 0;
            }
            _ => {}
        }
        Vec::new()
    }
}

/// `o` opens `url` in the browser, `y` copies it; `None` for any other action.
pub(super) fn url_effect(action: Action, url: Option<String>) -> Option<Vec<Effect>> {
    let wrap: fn(String) -> Effect = match action {
        Action::Browse => |u| Effect::Task(Task::OpenUrl(u)),
        Action::Copy => |u| Effect::Loop(LoopEffect::CopyText(u)),
        _ => return None,
    };
    Some(url.map(wrap).into_iter().collect())
}
