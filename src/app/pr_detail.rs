//! The Changes tab's detail view (enter on a change request): its state, approvals, pinned
//! version and the head commit's jobs by stage, one of which is selected.

use super::cursor::Cursor;
use super::view::PrsView;
use super::{Action, App, Effect};
use crate::domain::ci_job::by_stage;
use crate::domain::pull_request::PullRequest;

/// Which change request the view shows (by number, so a refresh of the list updates it) and
/// which of its jobs is selected.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrDetailScreen {
    pub number: u64,
    /// Indexes [`job_order`].
    pub cursor: Cursor,
}

impl PrDetailScreen {
    /// The view of `pr`, its first job failing the pipeline selected (else its first job):
    /// what a reviewer looks at first.
    pub fn new(pr: &PullRequest) -> Self {
        let order = job_order(pr);
        let first_failure = order.iter().position(|i| pr.jobs[*i].is_blocking_failure());
        Self {
            number: pr.number,
            cursor: Cursor {
                selected: first_failure.unwrap_or(0),
                ..Cursor::default()
            },
        }
    }
}

/// The indexes of `pr`'s jobs as the view lists them: by stage, stages in pipeline order.
pub fn job_order(pr: &PullRequest) -> Vec<usize> {
    by_stage(&pr.jobs)
        .into_iter()
        .flat_map(|(_, members)| members)
        .collect()
}

impl App {
    /// The change request the detail view shows, while it is still open.
    pub fn pr_detail(&self) -> Option<(&PrDetailScreen, Option<&PullRequest>)> {
        let PrsView::Detail(d) = &self.screen.views()?.prs else {
            return None;
        };
        let pr = self
            .prs
            .prs
            .loaded()
            .and_then(|prs| prs.iter().find(|p| p.number == d.number));
        Some((d, pr))
    }

    /// Enter on the list: the selected change request's detail.
    pub(super) fn open_pr_detail(&mut self) -> Vec<Effect> {
        if let Some(screen) = self.prs.selected().map(PrDetailScreen::new) {
            self.show(|v| v.prs = PrsView::Detail(screen));
        }
        Vec::new()
    }

    pub(super) fn pr_detail_action(&mut self, action: Action) -> Vec<Effect> {
        let Some((_, pr)) = self.pr_detail() else {
            return Vec::new();
        };
        let order = pr.map(job_order).unwrap_or_default();
        let len = order.len();
        // The selected job's page, else the change request's.
        let url = pr.and_then(|p| {
            let selected = self.pr_detail().map_or(0, |(d, _)| d.cursor.selected);
            order
                .get(selected)
                .and_then(|i| p.jobs[*i].url.clone())
                .or_else(|| Some(p.url.clone()).filter(|u| !u.is_empty()))
        });
        let Some(views) = self.screen.views_mut() else {
            return Vec::new();
        };
        let PrsView::Detail(d) = &mut views.prs else {
            return Vec::new();
        };
        if d.cursor.navigate(action, len) {
            return Vec::new();
        }
        if let Some(fx) = super::prs::url_effect(action, url) {
            return fx;
        }
        if action == Action::Back {
            views.prs = PrsView::List;
        }
        Vec::new()
    }
}
