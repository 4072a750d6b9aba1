//! The Models tab: registered models, their versions with aliases, and how each version's
//! source run compares with the production version's.

use std::collections::BTreeMap;

use super::compare::CompareScreen;
use super::cursor::Cursor;
use super::list_filter::narrow;
use super::loadable::Slot;
use super::notify::Level;
use super::{Action, App, Effect, Tab, Task, Ticket};
use crate::domain::change::ChangeError;
use crate::domain::comparison::report;
use crate::domain::{DiffReport, ModelVersion, RegisteredModel, Run};
use crate::store::BackendError;

/// Which list has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    Models,
    #[default]
    Versions,
}

/// State of the Models tab.
#[derive(Debug, Clone, Default)]
pub struct ModelsScreen {
    pub models: Slot<Vec<RegisteredModel>>,
    pub model_cursor: Cursor,
    pub version_cursor: Cursor,
    pub focus: Focus,
    /// Per model, the aliases whose current version no record explains: moved outside
    /// clearance, by someone, at a time no one recorded.
    pub outside: BTreeMap<String, Vec<String>>,
    /// `/`: what narrows the list of models (by name), empty for none.
    pub filter: String,
}

impl ModelsScreen {
    /// The models the filter lets through, in order; the model cursor indexes these.
    pub fn shown(&self) -> Vec<&RegisteredModel> {
        self.models.loaded().map_or_else(Vec::new, |models| {
            narrow(models, &self.filter, |m| m.name.clone())
        })
    }

    pub fn selected_model(&self) -> Option<&RegisteredModel> {
        self.shown().get(self.model_cursor.selected).copied()
    }

    pub fn selected_version(&self) -> Option<&ModelVersion> {
        self.selected_model()?
            .versions
            .get(self.version_cursor.selected)
    }

    /// Whether `alias` of `model` was moved outside clearance.
    pub fn moved_outside(&self, model: &str, alias: &str) -> bool {
        self.outside
            .get(model)
            .is_some_and(|aliases| aliases.iter().any(|a| a == alias))
    }
}

impl App {
    pub(super) fn load_models(&mut self) -> Vec<Effect> {
        let ticket = self.models.models.request(&mut self.tickets);
        vec![Effect::Task(Task::LoadModels { ticket })]
    }

    pub(super) fn on_models(
        &mut self,
        ticket: Ticket,
        result: Result<Vec<RegisteredModel>, BackendError>,
    ) -> Vec<Effect> {
        if !self.models.models.expects(ticket) {
            return Vec::new();
        }
        match result {
            Ok(models) => {
                let keep = self.models.selected_model().map(|m| m.name.clone());
                let keep_version = self.models.selected_version().map(|v| v.version.clone());
                // Runs behind versions may have changed (tags, status): fetch them again.
                for m in &models {
                    for v in &m.versions {
                        if let Some(id) = &v.run_id
                            && !self.runs.list.runs.iter().any(|r| &r.id == id)
                        {
                            self.cache.runs.remove(id);
                        }
                    }
                }
                let outside = Task::LoadOutsideMoves {
                    ticket,
                    models: models.clone(),
                };
                self.models.models.set(models);
                self.models.model_cursor.selected = keep
                    .and_then(|name| self.models.shown().iter().position(|m| m.name == name))
                    .unwrap_or(0);
                self.models.version_cursor.selected = keep_version
                    .and_then(|v| {
                        self.models
                            .selected_model()?
                            .versions
                            .iter()
                            .position(|mv| mv.version == v)
                    })
                    .unwrap_or_else(|| self.default_version_index());
                let mut fx = vec![Effect::Task(outside)];
                fx.extend(self.want_version_runs());
                fx.extend(self.check_requests());
                fx
            }
            Err(e) => {
                let inline = self.models.models.fail(e.to_string());
                self.report(
                    "Loading models failed",
                    &e,
                    inline && self.tab == Tab::Models,
                );
                Vec::new()
            }
        }
    }

    pub(super) fn on_outside_moves(
        &mut self,
        ticket: Ticket,
        result: Result<BTreeMap<String, Vec<String>>, ChangeError>,
    ) -> Vec<Effect> {
        if self.models.models.ticket() != ticket {
            return Vec::new();
        }
        match result {
            Ok(outside) => self.models.outside = outside,
            // The badge is a hint, not the record: History and `clearance audit` say the same.
            Err(e) => {
                tracing::warn!(error = %e, "cannot tell which aliases moved outside clearance");
            }
        }
        Vec::new()
    }

    /// The version holding the staging alias (what a reviewer looks at first), else the newest.
    fn default_version_index(&self) -> usize {
        let Some(m) = self.models.selected_model() else {
            return 0;
        };
        m.aliases
            .get(&self.settings.staging_alias)
            .and_then(|v| m.versions.iter().position(|mv| &mv.version == v))
            .unwrap_or(0)
    }

    /// The Models tab on the model at `index`, with the focus on its versions: the one at
    /// `version` when given, else the default (staging, else the newest).
    pub(super) fn show_model(&mut self, index: usize, version: Option<usize>) -> Vec<Effect> {
        self.tab = Tab::Models;
        // `index` is in the whole list: the model is shown whatever the filter said.
        self.models.filter.clear();
        self.show(|v| v.models = super::view::ModelsView::List);
        self.models.focus = Focus::Versions;
        self.models.model_cursor.selected = index;
        self.models.version_cursor.selected =
            version.unwrap_or_else(|| self.default_version_index());
        self.models.version_cursor.offset.set(0);
        self.want_version_runs()
    }

    /// Requests the source runs of the selected model's versions.
    fn want_version_runs(&mut self) -> Vec<Effect> {
        let mut fx = Vec::new();
        let ids: Vec<_> = self
            .models
            .selected_model()
            .map(|m| m.versions.iter().filter_map(|v| v.run_id.clone()).collect())
            .unwrap_or_default();
        for id in &ids {
            self.cache.want_run(id, &mut fx);
        }
        fx
    }

    /// The production version's run of the selected model, when known.
    pub fn production_run(&self, model: &RegisteredModel) -> Option<&Run> {
        let v = model.version_for_alias(&self.settings.production_alias)?;
        self.cache.run(v.run_id.as_ref()?)
    }

    /// Metric columns for a model's versions.
    pub fn model_key_metrics(&self, model: &RegisteredModel, max: usize) -> Vec<String> {
        let runs: Vec<Run> = model
            .versions
            .iter()
            .filter_map(|v| self.cache.run(v.run_id.as_ref()?).cloned())
            .collect();
        crate::domain::key_metrics::key_metrics(&runs, &self.settings, max)
    }

    /// How a version's run compares with the production version's run, judged by the same
    /// function the promotion's gates use ([`crate::domain::comparison::report`]). `None` for
    /// the production version itself, or while either run is not loaded.
    pub fn version_report(
        &self,
        model: &RegisteredModel,
        version: &ModelVersion,
    ) -> Option<DiffReport> {
        let prod = model.version_for_alias(&self.settings.production_alias)?;
        if prod.version == version.version {
            return None;
        }
        let prod_run = self.cache.run(prod.run_id.as_ref()?)?;
        let run = self.cache.run(version.run_id.as_ref()?)?;
        Some(report(
            prod_run,
            run,
            &self.settings,
            &self.settings.key_metrics,
        ))
    }

    /// The metric columns of a model's versions, at most `max`: metrics that fail a gate of
    /// any version against production first (newest version's failures first), then the key
    /// metrics.
    pub fn model_metric_columns(&self, model: &RegisteredModel, max: usize) -> Vec<String> {
        let mut cols: Vec<String> = Vec::new();
        for v in &model.versions {
            if let Some(r) = self.version_report(model, v) {
                for f in r.failures() {
                    if !cols.contains(&f.name) {
                        cols.push(f.name.clone());
                    }
                }
            }
        }
        for m in self.model_key_metrics(model, max) {
            if !cols.contains(&m) {
                cols.push(m);
            }
        }
        cols.truncate(max);
        cols
    }

    pub(super) fn models_action(&mut self, action: Action) -> Vec<Effect> {
        let models_len = self.models.shown().len();
        let versions_len = self.models.selected_model().map_or(0, |m| m.versions.len());
        let focus = self.models.focus;
        let len = match focus {
            Focus::Models => models_len,
            Focus::Versions => versions_len,
        };
        let before = self.models.model_cursor.selected;
        let cursor = match focus {
            Focus::Models => &mut self.models.model_cursor,
            Focus::Versions => &mut self.models.version_cursor,
        };
        // A move of the model selection picks that model's default version (below).
        let moved = cursor.navigate(action, len);
        match action {
            _ if moved => {}
            Action::Left => self.models.focus = Focus::Models,
            Action::Right => self.models.focus = Focus::Versions,
            Action::Open if focus == Focus::Models => self.models.focus = Focus::Versions,
            Action::Open => return self.open_version_compare(),
            Action::Rollback => return self.rollback(),
            Action::History => return self.open_history(),
            Action::Filter => return self.open_filter(),
            Action::Clear => return self.filter_models(String::new()),
            Action::Requests => return self.open_requests(),
            Action::Request => self.open_request_form(),
            _ => {}
        }
        if self.models.model_cursor.selected != before {
            self.models.version_cursor.selected = self.default_version_index();
            self.models.version_cursor.offset.set(0);
            return self.want_version_runs();
        }
        Vec::new()
    }

    /// Narrows the list of models to those matching `text` (empty: all), the focus on it;
    /// the selected model stays selected when it still matches.
    pub(super) fn filter_models(&mut self, text: String) -> Vec<Effect> {
        let keep = self.models.selected_model().map(|m| m.name.clone());
        self.models.filter = text;
        self.models.focus = Focus::Models;
        let shown: Vec<String> = self.models.shown().iter().map(|m| m.name.clone()).collect();
        let index = keep.and_then(|k| shown.iter().position(|n| *n == k));
        self.models.model_cursor.selected = index.unwrap_or(0);
        self.models.model_cursor.offset.set(0);
        if index.is_some() {
            return Vec::new();
        }
        self.models.version_cursor.selected = self.default_version_index();
        self.models.version_cursor.offset.set(0);
        self.want_version_runs()
    }

    fn open_version_compare(&mut self) -> Vec<Effect> {
        let (Some(model), Some(version)) = (
            self.models.selected_model().cloned(),
            self.models.selected_version().cloned(),
        ) else {
            return Vec::new();
        };
        let prod_alias = self.settings.production_alias.clone();
        let Some(prod) = model.version_for_alias(&prod_alias).cloned() else {
            self.toasts.push(
                Level::Warning,
                format!(
                    "'{}' has no @{prod_alias} version to compare with",
                    model.name
                ),
                self.now,
            );
            return Vec::new();
        };
        if prod.version == version.version {
            self.toasts.push(
                Level::Info,
                format!(
                    "{} is the @{prod_alias} version: select another",
                    version.version.label()
                ),
                self.now,
            );
            return Vec::new();
        }
        let (Some(prod_run), Some(cand_run)) = (prod.run_id.clone(), version.run_id.clone()) else {
            self.toasts.push(
                Level::Warning,
                "One of the versions was not registered from a run, so there is nothing to compare",
                self.now,
            );
            return Vec::new();
        };
        let label = |v: &ModelVersion| {
            let mut s = v.version.label();
            for a in &v.aliases {
                s.push_str(" @");
                s.push_str(a);
            }
            s
        };
        let screen = CompareScreen::new(
            prod_run,
            label(&prod),
            vec![(cand_run, label(&version))],
            model.name.clone(),
            self.model_key_metrics(&model, 8),
        );
        self.open_compare(Tab::Models, screen)
    }
}
