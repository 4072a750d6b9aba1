//! Configuration: built-in defaults (`config.example.toml`, embedded) overlaid by the user's
//! file. Unknown keys and bad values are errors naming the key and the file.

pub mod check;
pub mod files;
pub mod keymap;
pub mod moved;
pub mod path;
pub mod policy;
pub mod profiles;
pub mod theme;

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::domain::Direction;
use crate::domain::diff::{MetricRuleSpec, MetricRules};
use crate::domain::pull_request::PromotionRule;

/// The defaults, which are also the documented example.
pub const DEFAULTS: &str = include_str!("../config.example.toml");

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub read_only: bool,
    pub user: String,
    pub metrics: Vec<MetricRuleConfig>,
    pub alerts: Vec<AlertRuleConfig>,
    pub monitoring: MonitoringConfig,
    pub tracking: TrackingConfig,
    pub dvc: DvcConfig,
    pub wandb: WandbConfig,
    pub aliases: AliasConfig,
    pub baseline: BaselineConfig,
    pub runs: RunsConfig,
    pub promotion: PromotionConfig,
    pub github: GitHubConfig,
    pub gitlab: GitLabConfig,
    pub gto: GtoConfig,
    pub policy: policy::PolicyConfig,
    pub ui: UiConfig,
    pub theme: theme::ThemeConfig,
    pub keymap: keymap::KeymapConfig,
    /// `[profiles.NAME]`: settings over the top-level ones, chosen by `--profile NAME`.
    #[serde(default)]
    pub profiles: std::collections::BTreeMap<String, profiles::ProfileConfig>,
    /// Where the user's part came from, for messages (`None`: defaults only).
    #[serde(skip)]
    pub source: Option<PathBuf>,
    /// The profile applied, if any.
    #[serde(skip)]
    pub profile: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackingConfig {
    pub uri: String,
    pub connect_timeout_secs: u64,
    pub timeout_secs: u64,
}

/// `[wandb]`: a Weights & Biases project (and registry) instead of MLflow.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WandbConfig {
    pub entity: String,
    pub project: String,
    pub registry: String,
    pub base_url: String,
    pub artifact_type: String,
    pub rate_limit_wait_secs: u64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AliasConfig {
    pub production: String,
    pub staging: String,
}

/// A DVC repository to read (`[dvc]`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DvcConfig {
    pub repo: String,
    pub program: String,
    pub baseline: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BaselineConfig {
    pub tag: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunsConfig {
    pub page_size: u32,
    pub key_metrics: Vec<String>,
    pub experiments: Vec<String>,
    pub sparkline_points: u32,
}

/// One `[[alerts]]` rule as written.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlertRuleConfig {
    pub name: Option<String>,
    pub metric: String,
    pub model: Option<String>,
    pub above: Option<f64>,
    pub below: Option<f64>,
    pub above_offline: Option<String>,
    pub below_offline: Option<String>,
    pub by: Option<f64>,
    #[serde(rename = "for")]
    pub windows: Option<usize>,
    pub severity: Option<crate::domain::alert::Severity>,
    /// How long a watched series may go without a new window before its feed is stale
    /// (`36h`, `2d`); default: twice the series' median interval.
    pub stale_after: Option<String>,
}

impl AlertRuleConfig {
    /// The rule, or what is wrong with it.
    pub fn rule(&self) -> Result<crate::domain::alert::AlertRule, String> {
        use crate::domain::alert::{AlertRule, Breach, Severity, Threshold};
        let choice = (
            self.above,
            self.below,
            self.above_offline.as_deref(),
            self.below_offline.as_deref(),
        );
        let (breach, threshold) = match choice {
            (Some(v), None, None, None) => (Breach::Above, Threshold::Absolute(v)),
            (None, Some(v), None, None) => (Breach::Below, Threshold::Absolute(v)),
            (None, None, Some(m), None) | (None, None, None, Some(m)) => {
                let breach = if self.above_offline.is_some() {
                    Breach::Above
                } else {
                    Breach::Below
                };
                let by = self.by.unwrap_or(0.0);
                (
                    breach,
                    Threshold::Offline {
                        metric: m.to_owned(),
                        by,
                    },
                )
            }
            _ => {
                return Err(format!(
                    "(metric '{}') give exactly one of above, below, above_offline, below_offline",
                    self.metric
                ));
            }
        };
        if self.by.is_some() && matches!(threshold, Threshold::Absolute(_)) {
            return Err(format!(
                "(metric '{}') `by` is the margin of above_offline/below_offline; with above or \
                 below, put the margin into the number",
                self.metric
            ));
        }
        let stale_after = self
            .stale_after
            .as_deref()
            .map(crate::domain::policy::parse_duration)
            .transpose()
            .map_err(|e| format!("(metric '{}') stale_after: {e}", self.metric))?;
        if stale_after.is_some_and(|d| d.num_seconds() == 0) {
            return Err(format!(
                "(metric '{}') stale_after must be longer than 0s",
                self.metric
            ));
        }
        AlertRule::new(
            self.name.clone(),
            &self.metric,
            self.model.as_deref(),
            breach,
            threshold,
            self.windows.unwrap_or(1),
            self.severity.unwrap_or(Severity::Warning),
        )
        .map(|r| r.with_stale_after(stale_after))
        .map_err(|e| format!("(metric '{}') {e}", self.metric))
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitoringConfig {
    pub experiments: Vec<String>,
    pub model_tag: String,
    pub version_tag: String,
    pub alias_tag: String,
    pub window_tag: String,
    pub refresh_secs: u64,
    pub resolved_windows: usize,
}

/// How a reviewer confirms a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confirm {
    /// Type the model's name.
    Name,
    /// Press `y`.
    Yes,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PromotionConfig {
    pub confirm: Confirm,
    pub confirm_alias: std::collections::BTreeMap<String, Confirm>,
    pub audit_log: String,
    /// How `clearance promote` promotes unless `--via` says otherwise.
    pub via: PromoteVia,
    pub via_model: std::collections::BTreeMap<String, PromoteVia>,
    /// The deployment file promotion pull/merge requests edit and `apply` reads.
    pub deployment_file: String,
    pub branch_prefix: String,
    pub label: String,
    /// Empty: the repository's default branch.
    pub base_branch: String,
    pub draft: bool,
}

impl PromotionConfig {
    /// How moving `alias` is confirmed.
    pub fn confirm_for(&self, alias: &str) -> Confirm {
        self.confirm_alias
            .get(alias)
            .copied()
            .unwrap_or(self.confirm)
    }

    /// How promoting `model` works unless `--via` says otherwise.
    pub fn via_for(&self, model: &str) -> PromoteVia {
        self.via_model.get(model).copied().unwrap_or(self.via)
    }

    /// How promotion pull/merge requests are recognised: `branch_prefix` and `label`.
    pub fn promotion_rule(&self) -> PromotionRule {
        PromotionRule {
            branch_prefix: self.branch_prefix.trim().to_owned(),
            label: self.label.trim().to_owned(),
        }
    }
}

/// How `clearance promote` carries out a promotion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PromoteVia {
    /// Move the MLflow alias now.
    Direct,
    /// Open a pull request pinning the version in the deployment file; CI applies it.
    Pr,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GitHubConfig {
    pub repo: String,
    pub api_url: String,
    pub connect_timeout_secs: u64,
    pub timeout_secs: u64,
}

/// Where the GitLab project is (`[gitlab]`). How promotions look (deployment file, branch
/// prefix, label, base branch, draft) is `[promotion]`'s, for either host.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GitLabConfig {
    /// The instance, `https://gitlab.com` or a self-managed `https://HOST`.
    pub url: String,
    /// `group/subgroup/name`, or the numeric project id.
    pub project: String,
    pub connect_timeout_secs: u64,
    pub timeout_secs: u64,
}

/// A GTO registry's stage names and where its tags go.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GtoConfig {
    pub production_stage: String,
    pub staging_stage: String,
    pub push: bool,
    pub remote: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UiConfig {
    pub refresh_secs: u64,
    pub cache: bool,
    /// Seconds between refreshes of the open pull/merge requests (0: at start and on `r`).
    pub changes_refresh_secs: u64,
    /// Clicks and the wheel (off for terminals where capturing the mouse gets in the way of
    /// selecting text; `--no-mouse` for one run).
    pub mouse: bool,
}

/// One `[[metrics]]` rule as written.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricRuleConfig {
    pub name: String,
    pub better: Option<Direction>,
    pub tolerance: Option<f64>,
    pub tolerance_pct: Option<f64>,
    pub gate: Option<bool>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// One of [`Config::problems`]'s checks: its first problem, as `(key, what is wrong)`.
type Check = fn(&Config) -> Result<(), (String, String)>;

/// A setting that was read but cannot be used, named by its key (`metrics`, `alerts[2]`,
/// `keymap.quit`, `theme.accent`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {detail}")]
pub struct Invalid {
    pub key: String,
    pub detail: String,
}

impl Invalid {
    pub fn new(key: impl Into<String>, detail: impl std::fmt::Display) -> Self {
        Self {
            key: key.into(),
            detail: detail.to_string(),
        }
    }
}

/// A config problem, with where it is.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named by `--config` or `$CLEARANCE_CONFIG` is not there or unreadable.
    #[error("cannot read config file '{path}': {detail}")]
    Read { path: PathBuf, detail: String },
    /// The file is not valid TOML.
    #[error("config file '{path}' is not valid TOML: {detail}")]
    Syntax { path: PathBuf, detail: String },
    /// A key is unknown or its value is wrong.
    #[error("config file '{path}': key '{key}': {detail}")]
    Key {
        path: PathBuf,
        key: String,
        detail: String,
    },
    /// `--profile` or `$CLEARANCE_PROFILE` names a profile the file does not define.
    #[error(
        "no profile '{name}' in config file '{path}': {}",
        profiles::known_list(known)
    )]
    UnknownProfile {
        name: String,
        path: String,
        known: Vec<String>,
    },
}

impl Config {
    /// The built-in defaults alone.
    pub fn defaults() -> Self {
        Self::from_str_at(DEFAULTS, Path::new("<built-in defaults>"))
            .unwrap_or_else(|e| unreachable_defaults(&e))
    }

    /// Loads the user's file over the defaults. `explicit` is `--config`; then
    /// `$CLEARANCE_CONFIG`; then the config dir, where a missing file just means defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_profile(explicit, None)
    }

    /// [`Config::load`], then the `[profiles.NAME]` table over the top-level settings.
    pub fn load_profile(
        explicit: Option<&Path>,
        profile: Option<&str>,
    ) -> Result<Self, ConfigError> {
        let found = path::ConfigPath::find(explicit);
        let Some(path) = found.path else {
            return Self::defaults().with_profile_from(profile, None);
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_str_with_profile(&text, &path, profile),
            Err(e) if !found.required && e.kind() == std::io::ErrorKind::NotFound => {
                Self::defaults().with_profile_from(profile, Some(&path))
            }
            Err(e) => Err(ConfigError::Read {
                path,
                detail: e.to_string(),
            }),
        }
    }

    /// Defaults alone have no profiles: naming one is an error.
    fn with_profile_from(
        self,
        profile: Option<&str>,
        path: Option<&Path>,
    ) -> Result<Self, ConfigError> {
        match profile {
            None => Ok(self),
            Some(name) => Err(ConfigError::UnknownProfile {
                name: name.to_owned(),
                path: path.map_or_else(|| "<no config file>".into(), |p| p.display().to_string()),
                known: Vec::new(),
            }),
        }
    }

    /// Parses `text` (the user's file at `path`) over the defaults.
    pub fn from_str_at(text: &str, path: &Path) -> Result<Self, ConfigError> {
        Self::from_str_with_profile(text, path, None)
    }

    /// Parses `text` over the defaults, then applies the profile `profile` over that.
    pub fn from_str_with_profile(
        text: &str,
        path: &Path,
        profile: Option<&str>,
    ) -> Result<Self, ConfigError> {
        let merged = Self::merged_table(text, path, profile)?;
        let config = Self::from_table(merged, path, profile, text)?;
        config
            .validate()
            .map_err(|(key, detail)| ConfigError::Key {
                path: path.to_path_buf(),
                key: profiles::locate(&key, text, profile),
                detail,
            })?;
        Ok(config)
    }

    /// The defaults, the user's file and the profile's table, merged in that order.
    fn merged_table(
        text: &str,
        path: &Path,
        profile: Option<&str>,
    ) -> Result<toml::Table, ConfigError> {
        let syntax = |detail: String| ConfigError::Syntax {
            path: path.to_path_buf(),
            detail,
        };
        let mut merged: toml::Table = DEFAULTS.parse().map_err(|e| syntax(format!("{e}")))?;
        let mut user: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| syntax(format!("{e}")))?;
        let over =
            profiles::select(&user, profile).map_err(|known| ConfigError::UnknownProfile {
                name: profile.unwrap_or_default().to_owned(),
                path: path.display().to_string(),
                known,
            })?;
        let moved = |(key, detail): (String, String), profile: Option<&str>| ConfigError::Key {
            path: path.to_path_buf(),
            key: profiles::locate(&key, text, profile),
            detail,
        };
        moved::lift(&mut user).map_err(|e| moved(e, None))?;
        merge(&mut merged, user, &[]);
        if let Some(mut over) = over {
            moved::lift(&mut over).map_err(|e| moved(e, profile))?;
            merge(&mut merged, over, &[]);
        }
        Ok(merged)
    }

    /// The merged table as a config, or the first key serde refuses.
    fn from_table(
        merged: toml::Table,
        path: &Path,
        profile: Option<&str>,
        text: &str,
    ) -> Result<Self, ConfigError> {
        let mut config =
            Self::deserialize_table(merged).map_err(|(key, detail)| ConfigError::Key {
                path: path.to_path_buf(),
                key: profiles::locate(&key, text, profile),
                detail,
            })?;
        config.source = Some(path.to_path_buf());
        config.profile = profile.map(str::to_owned);
        Ok(config)
    }

    /// The merged table as a config, or `(key, what is wrong)` for the first key serde
    /// refuses.
    fn deserialize_table(merged: toml::Table) -> Result<Self, (String, String)> {
        serde_path_to_error::deserialize(toml::Value::Table(merged)).map_err(
            |e: serde_path_to_error::Error<toml::de::Error>| {
                (
                    e.path().to_string(),
                    // toml appends "in `table`" on a second line; the key already says where.
                    e.inner()
                        .to_string()
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                )
            },
        )
    }

    /// Checks what serde cannot: patterns, key specs, styles. The first problem. The names of
    /// actions are the app's to check (`app::keymap::check`), as the config does not know
    /// the actions.
    fn validate(&self) -> Result<(), (String, String)> {
        self.problems().into_iter().next().map_or(Ok(()), Err)
    }

    /// Every problem serde cannot see, as `(key, what is wrong)`: the first of each check.
    pub fn problems(&self) -> Vec<(String, String)> {
        let checks: [Check; 9] = [
            Self::validate_rules,
            Self::validate_monitoring,
            Self::validate_tables,
            Self::validate_promotion,
            Self::validate_gto,
            Self::validate_wandb,
            Self::validate_policy,
            Self::validate_github,
            Self::validate_gitlab,
        ];
        checks
            .iter()
            .filter_map(|check| check(self).err())
            .collect()
    }

    fn validate_rules(&self) -> Result<(), (String, String)> {
        for (i, m) in self.metrics.iter().enumerate() {
            if m.name.trim().is_empty() {
                return Err((
                    format!("metrics[{i}].name"),
                    "cannot be empty: name a metric, or a glob such as val_*".into(),
                ));
            }
        }
        self.metric_rules().map_err(|e| (e.key, e.detail))?;
        for (i, a) in self.alerts.iter().enumerate() {
            // An empty name matches no series, so the rule would be silently off.
            let empty = [
                ("metric", Some(a.metric.as_str())),
                ("above_offline", a.above_offline.as_deref()),
                ("below_offline", a.below_offline.as_deref()),
            ]
            .into_iter()
            .find(|(_, v)| v.is_some_and(|v| v.trim().is_empty()));
            if let Some((key, _)) = empty {
                return Err((
                    format!("alerts[{i}].{key}"),
                    "cannot be empty: name the metric (a glob such as psi_* for `metric`)".into(),
                ));
            }
            a.rule().map_err(|e| (format!("alerts[{i}]"), e))?;
        }
        Ok(())
    }

    fn validate_monitoring(&self) -> Result<(), (String, String)> {
        let m = &self.monitoring;
        for (key, value) in [
            ("model_tag", &m.model_tag),
            ("version_tag", &m.version_tag),
            ("alias_tag", &m.alias_tag),
            ("window_tag", &m.window_tag),
        ] {
            if value.trim().is_empty() {
                return Err((
                    format!("monitoring.{key}"),
                    "cannot be empty: it names the tag monitoring runs carry".into(),
                ));
            }
        }
        Ok(())
    }

    fn validate_tables(&self) -> Result<(), (String, String)> {
        self.keymap
            .parse()
            .map_err(|(k, e)| (format!("keymap.{k}"), e))?;
        theme::Theme::from_config(&self.theme).map_err(|(k, e)| (format!("theme.{k}"), e))?;
        if self.runs.page_size == 0 {
            return Err(("runs.page_size".into(), "must be at least 1".into()));
        }
        if !self.tracking.uri.trim().is_empty() && !self.dvc.repo.trim().is_empty() {
            return Err((
                "dvc.repo".into(),
                "set either tracking.uri (MLflow) or dvc.repo (a DVC repository), not both".into(),
            ));
        }
        Ok(())
    }

    fn validate_policy(&self) -> Result<(), (String, String)> {
        self.policy.policy().map(|_| ())
    }

    fn validate_gto(&self) -> Result<(), (String, String)> {
        if self.gto.push && self.gto.remote.trim().is_empty() {
            return Err(("gto.remote".into(), "push = true needs a remote".into()));
        }
        Ok(())
    }

    /// Values that would make a promotion meaningless: an alias (or GTO stage) with no name,
    /// production and staging naming the same one (the candidate would already hold the
    /// alias it is promoted to), a baseline tag with no name, a timeout of 0 seconds (every
    /// request would fail before it is sent).
    fn validate_promotion(&self) -> Result<(), (String, String)> {
        let pairs = [
            (
                "aliases",
                "production",
                "staging",
                &self.aliases.production,
                &self.aliases.staging,
                "alias",
            ),
            (
                "gto",
                "production_stage",
                "staging_stage",
                &self.gto.production_stage,
                &self.gto.staging_stage,
                "stage",
            ),
        ];
        for (table, prod_key, staging_key, prod, staging, what) in pairs {
            for (key, name) in [(prod_key, prod), (staging_key, staging)] {
                if name.trim().is_empty() {
                    return Err((
                        format!("{table}.{key}"),
                        format!("the {what} cannot be empty"),
                    ));
                }
            }
            if prod.trim() == staging.trim() {
                return Err((
                    format!("{table}.{staging_key}"),
                    format!(
                        "names the same {what} as {table}.{prod_key} ('{}'): a staged version \
                         would already be in production, and promoting it would move nothing",
                        prod.trim()
                    ),
                ));
            }
        }
        if self.baseline.tag.trim().is_empty() {
            return Err((
                "baseline.tag".into(),
                "cannot be empty: the baseline run is found by this tag".into(),
            ));
        }
        let timeouts = [
            (
                "tracking.connect_timeout_secs",
                self.tracking.connect_timeout_secs,
            ),
            ("tracking.timeout_secs", self.tracking.timeout_secs),
            (
                "github.connect_timeout_secs",
                self.github.connect_timeout_secs,
            ),
            ("github.timeout_secs", self.github.timeout_secs),
            (
                "gitlab.connect_timeout_secs",
                self.gitlab.connect_timeout_secs,
            ),
            ("gitlab.timeout_secs", self.gitlab.timeout_secs),
        ];
        for (key, secs) in timeouts {
            if secs == 0 {
                return Err((
                    key.into(),
                    "must be at least 1: with 0 seconds every request fails before it is sent"
                        .into(),
                ));
            }
        }
        Ok(())
    }

    fn validate_wandb(&self) -> Result<(), (String, String)> {
        let w = &self.wandb;
        let key = |k: &str| format!("wandb.{k}");
        if w.project.trim().is_empty() != w.entity.trim().is_empty() {
            return Err((
                key(if w.entity.trim().is_empty() {
                    "entity"
                } else {
                    "project"
                }),
                "wandb.entity and wandb.project go together: set both (the project's owner and \
                 its name) or neither"
                    .into(),
            ));
        }
        if w.project.contains('/') {
            return Err((
                key("project"),
                "write the project's name alone; its owner goes in wandb.entity".into(),
            ));
        }
        if !w.base_url.trim().is_empty() {
            crate::domain::host::wandb_base_url(w.base_url.trim())
                .map_err(|e| (key("base_url"), e))?;
        }
        if w.artifact_type.trim().is_empty() {
            return Err((key("artifact_type"), "cannot be empty".into()));
        }
        Ok(())
    }

    fn validate_github(&self) -> Result<(), (String, String)> {
        let g = &self.github;
        let key = |k: &str| format!("github.{k}");
        if !g.repo.trim().is_empty() {
            g.repo
                .parse::<crate::domain::host::RepoId>()
                .map_err(|e| (key("repo"), e))?;
        }
        if !g.api_url.trim().is_empty() {
            crate::domain::host::ApiBase::parse(&g.api_url).map_err(|e| (key("api_url"), e))?;
        }
        let p = &self.promotion;
        let key = |k: &str| format!("promotion.{k}");
        if p.deployment_file.trim().is_empty() {
            return Err((key("deployment_file"), "cannot be empty".into()));
        }
        if p.branch_prefix.trim().is_empty() {
            return Err((
                key("branch_prefix"),
                "cannot be empty: promotion branches are recognised by it".into(),
            ));
        }
        Ok(())
    }

    fn validate_gitlab(&self) -> Result<(), (String, String)> {
        let g = &self.gitlab;
        let key = |k: &str| format!("gitlab.{k}");
        if !g.project.trim().is_empty() {
            crate::domain::host::gitlab_project(&g.project).map_err(|e| (key("project"), e))?;
        }
        crate::domain::host::gitlab_url(&g.url).map_err(|e| (key("url"), e))?;
        Ok(())
    }

    /// The `[[alerts]]` rules (checked when the config was loaded).
    pub fn alert_rules(&self) -> Result<Vec<crate::domain::alert::AlertRule>, Invalid> {
        self.alerts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                a.rule()
                    .map_err(|e| Invalid::new(format!("alerts[{i}]"), e))
            })
            .collect()
    }

    /// The `[[metrics]]` rules, compiled.
    pub fn metric_rules(&self) -> Result<MetricRules, Invalid> {
        MetricRules::new(
            self.metrics
                .iter()
                .map(|m| MetricRuleSpec {
                    pattern: m.name.clone(),
                    better: m.better,
                    tolerance: m.tolerance,
                    tolerance_pct: m.tolerance_pct,
                    gate: m.gate,
                    min: m.min,
                    max: m.max,
                })
                .collect(),
        )
        .map_err(|e| Invalid::new("metrics", e))
    }
}

#[expect(
    clippy::panic,
    reason = "the embedded defaults are checked by a unit test"
)]
fn unreachable_defaults(e: &ConfigError) -> ! {
    panic!("built-in config defaults are invalid: {e}")
}

/// Merges `user` into `base`. Tables merge key by key; arrays under `keymap` are prepended
/// (the user's bindings win for the same keys); any other value replaces the default.
fn merge(base: &mut toml::Table, user: toml::Table, path: &[&str]) {
    for (key, value) in user {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(u)) => {
                let mut sub = path.to_vec();
                sub.push(&key);
                merge(b, u, &sub);
            }
            (Some(toml::Value::Array(b)), toml::Value::Array(mut u)) if path == ["keymap"] => {
                u.append(b);
                *b = u;
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// `$CLEARANCE_CONFIG_HOME`, `$XDG_CONFIG_HOME/clearance`, `~/.config/clearance` (Linux and
/// macOS alike), or the platform config dir on Windows.
pub fn config_dir() -> Option<PathBuf> {
    dir_from_env("CLEARANCE_CONFIG_HOME", "XDG_CONFIG_HOME", ".config", |p| {
        p.config_dir().to_path_buf()
    })
}

/// Where clearance keeps its data (the demo copy, the audit log): `$CLEARANCE_DATA_HOME`,
/// `$XDG_DATA_HOME/clearance`, `~/.local/share/clearance`.
pub fn data_dir() -> Option<PathBuf> {
    dir_from_env(
        "CLEARANCE_DATA_HOME",
        "XDG_DATA_HOME",
        ".local/share",
        |p| p.data_dir().to_path_buf(),
    )
}

/// Where logs go: `$CLEARANCE_STATE_HOME`, `$XDG_STATE_HOME/clearance`,
/// `~/.local/state/clearance`.
pub fn state_dir() -> Option<PathBuf> {
    dir_from_env(
        "CLEARANCE_STATE_HOME",
        "XDG_STATE_HOME",
        ".local/state",
        |p| p.data_local_dir().to_path_buf(),
    )
}

fn dir_from_env(
    own: &str,
    xdg: &str,
    home_rel: &str,
    windows: impl Fn(&directories::ProjectDirs) -> PathBuf,
) -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(p) = var(own) {
        return Some(p);
    }
    if let Some(p) = var(xdg) {
        return Some(p.join("clearance"));
    }
    if cfg!(windows) {
        return directories::ProjectDirs::from("", "", "clearance").map(|p| windows(&p));
    }
    directories::BaseDirs::new().map(|b| b.home_dir().join(home_rel).join("clearance"))
}

impl Config {
    /// Where the registry is GTO's, its stages play the aliases' part: a copy of the config
    /// with `[aliases]` set from `[gto]`.
    #[must_use]
    pub fn with_gto_stages(&self) -> Self {
        let mut c = self.clone();
        self.gto
            .production_stage
            .trim()
            .clone_into(&mut c.aliases.production);
        self.gto
            .staging_stage
            .trim()
            .clone_into(&mut c.aliases.staging);
        // A per-alias confirmation follows its alias to the stage that plays its part.
        let renamed = [
            (&self.aliases.production, &c.aliases.production),
            (&self.aliases.staging, &c.aliases.staging),
        ];
        c.promotion.confirm_alias = self
            .promotion
            .confirm_alias
            .iter()
            .map(|(alias, how)| {
                let stage = renamed
                    .iter()
                    .find(|(from, _)| *from == alias)
                    .map_or(alias, |(_, to)| *to);
                (stage.clone(), *how)
            })
            .collect();
        c
    }

    /// The review settings (aliases, baseline tag, metric rules) in domain terms.
    pub fn review(&self) -> Result<crate::domain::ReviewSettings, Invalid> {
        Ok(crate::domain::ReviewSettings {
            production_alias: self.aliases.production.clone(),
            staging_alias: self.aliases.staging.clone(),
            baseline_tag: self.baseline.tag.clone(),
            baseline_value: self.baseline.value.clone(),
            rules: self.metric_rules()?,
            key_metrics: self.runs.key_metrics.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::from_str_at(text, Path::new("/home/ann/.config/clearance/config.toml"))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn gto_stages_stand_in_for_the_aliases() {
        let c = parse("[gto]\nproduction_stage = \"live\"\n").unwrap();
        assert_eq!(c.aliases.production, "production");
        let g = c.with_gto_stages();
        assert_eq!(
            (g.aliases.production.as_str(), g.aliases.staging.as_str()),
            ("live", "staging")
        );
        let c =
            parse("[promotion]\nconfirm = \"yes\"\nconfirm_alias = { production = \"name\" }\n")
                .unwrap()
                .with_gto_stages();
        assert_eq!(c.promotion.confirm_for("prod"), Confirm::Name);
        assert_eq!(c.promotion.confirm_for("staging"), Confirm::Yes);
        let e = parse("[gto]\npush = true\nremote = \" \"\n").unwrap_err();
        assert!(e.contains("gto.remote"), "{e}");
    }

    #[rstest::rstest]
    #[case(
        "[aliases]\nstaging = \"production\"\n",
        "aliases.staging",
        "names the same alias as aliases.production ('production')"
    )]
    #[case(
        "[aliases]\nproduction = \"champion\"\nstaging = \" champion \"\n",
        "aliases.staging",
        "names the same alias"
    )]
    #[case(
        "[aliases]\nproduction = \" \"\n",
        "aliases.production",
        "the alias cannot be empty"
    )]
    #[case(
        "[aliases]\nstaging = \"\"\n",
        "aliases.staging",
        "the alias cannot be empty"
    )]
    #[case(
        "[gto]\nstaging_stage = \"prod\"\n",
        "gto.staging_stage",
        "names the same stage as gto.production_stage ('prod')"
    )]
    #[case(
        "[gto]\nproduction_stage = \"\"\n",
        "gto.production_stage",
        "the stage cannot be empty"
    )]
    #[case("[baseline]\ntag = \"\"\n", "baseline.tag", "cannot be empty")]
    #[case(
        "[tracking]\ntimeout_secs = 0\n",
        "tracking.timeout_secs",
        "must be at least 1"
    )]
    #[case(
        "[tracking]\nconnect_timeout_secs = 0\n",
        "tracking.connect_timeout_secs",
        "must be at least 1"
    )]
    #[case(
        "[github]\ntimeout_secs = 0\n",
        "github.timeout_secs",
        "must be at least 1"
    )]
    #[case(
        "[github]\nconnect_timeout_secs = 0\n",
        "github.connect_timeout_secs",
        "must be at least 1"
    )]
    fn values_that_make_a_promotion_meaningless_are_refused_with_the_key(
        #[case] text: &str,
        #[case] key: &str,
        #[case] why: &str,
    ) {
        let e = parse(text).unwrap_err();
        assert!(
            e.starts_with(&format!(
                "config file '/home/ann/.config/clearance/config.toml': key '{key}': "
            )) && e.contains(why),
            "{e}"
        );
    }

    #[test]
    fn defaults_parse_and_are_complete() {
        let c = Config::defaults();
        assert_eq!(c.aliases.production, "production");
        assert_eq!(c.runs.page_size, 200);
        assert!(c.metrics.is_empty());
    }

    #[test]
    fn user_values_override_defaults() {
        let c = parse(
            "[aliases]\nproduction = \"champion\"\nstaging = \"challenger\"\n\
             [[metrics]]\nname = \"val_*\"\nbetter = \"higher\"\ngate = true\n",
        )
        .unwrap();
        assert_eq!(c.aliases.production, "champion");
        assert_eq!(c.runs.page_size, 200, "untouched keys keep their defaults");
        assert_eq!(c.metrics.len(), 1);
        assert!(c.metric_rules().unwrap().has_gates());
    }

    #[test]
    fn a_dvc_repository_or_an_mlflow_uri_not_both() {
        let c = parse("[dvc]\nrepo = \"~/proj\"\nbaseline = \"main\"\n").unwrap();
        assert_eq!(c.dvc.repo, "~/proj");
        assert_eq!(c.dvc.program, "dvc", "untouched keys keep their defaults");
        let e = parse("[tracking]\nuri = \"http://x:5000\"\n[dvc]\nrepo = \"p\"\n").unwrap_err();
        assert!(
            e.contains("key 'dvc.repo'") && e.contains("not both"),
            "{e}"
        );
    }

    #[test]
    fn user_bindings_come_first() {
        let c = parse("[keymap]\nruns = [{ on = \"x\", run = \"mark\", desc = \"Mark it\" }]\n")
            .unwrap();
        assert_eq!(c.keymap.layers["runs"][0].on, "x");
        assert!(
            c.keymap.layers["runs"].len() > 1,
            "defaults stay after the user's entries"
        );
    }

    #[test]
    fn errors_name_the_key_and_the_file() {
        let file = "/home/ann/.config/clearance/config.toml";
        assert_eq!(
            parse("[runs]\npage_sise = 10\n").unwrap_err(),
            format!(
                "config file '{file}': key 'runs.page_sise': unknown field `page_sise`, expected one of \
                 `page_size`, `key_metrics`, `experiments`, `sparkline_points`"
            )
        );
        assert_eq!(
            parse("[runs]\npage_size = \"many\"\n").unwrap_err(),
            format!(
                "config file '{file}': key 'runs.page_size': invalid type: string \"many\", expected u32"
            )
        );
        assert_eq!(
            parse("[[metrics]]\nname = \"x\"\nbetter = \"up\"\n").unwrap_err(),
            format!(
                "config file '{file}': key 'metrics[0].better': unknown variant `up`, expected \
                 one of `higher`, `lower`, `neutral`"
            )
        );
        assert!(
            parse("[keymap]\nruns = [{ on = \"<Nope>\", run = \"mark\", desc = \"\" }]\n")
                .unwrap_err()
                .contains("key 'keymap.runs[0]'")
        );
        assert!(
            parse("[theme]\naccent = \"sparkly\"\n")
                .unwrap_err()
                .contains("key 'theme.accent'")
        );
        assert!(
            parse("[[metrics]]\nname = \"[\"\n")
                .unwrap_err()
                .contains("bad metric pattern '['")
        );
        assert!(
            parse("runs = 3 = 4")
                .unwrap_err()
                .contains("is not valid TOML")
        );
    }

    #[test]
    fn alert_rules_are_checked_at_load() {
        let ok = parse(
            "[[alerts]]\nmetric = \"psi_*\"\nabove = 0.2\nfor = 3\nseverity = \"critical\"\n\
             [[alerts]]\nmetric = \"live_recall\"\nbelow_offline = \"val_recall\"\nby = 0.02\n",
        )
        .unwrap();
        let rules = ok.alert_rules().unwrap();
        assert_eq!(rules[0].name, "psi_* above 0.2");
        assert_eq!(
            rules[1].name,
            "live_recall below offline val_recall by 0.02"
        );
        let err = |text: &str| parse(text).unwrap_err();
        assert!(
            err("[[alerts]]\nmetric = \"psi\"\nabove = 1.0\nbelow = 0.5\n")
                .ends_with("key 'alerts[0]': (metric 'psi') give exactly one of above, below, above_offline, below_offline"),
        );
        assert!(
            err("[[alerts]]\nmetric = \"psi\"\nabove = 1.0\nfor = 0\n")
                .contains("at least 1 window")
        );
        assert!(
            err("[[alerts]]\nmetric = \"psi\"\nabove = 1.0\nby = 1.0\n")
                .contains("`by` is the margin")
        );
        assert!(
            err("[[alerts]]\nmetric = \"psi\"\nabove = 1.0\nseverity = \"meh\"\n")
                .contains("key 'alerts[0].severity'")
        );
        let stale = parse("[[alerts]]\nmetric = \"psi\"\nabove = 1.0\nstale_after = \"36h\"\n")
            .unwrap()
            .alert_rules()
            .unwrap();
        assert_eq!(stale[0].stale_after, Some(chrono::Duration::hours(36)));
        assert!(
            err("[[alerts]]\nmetric = \"psi\"\nabove = 1.0\nstale_after = \"soon\"\n")
                .contains("stale_after: 'soon' is not a duration")
        );
        assert!(
            err("[[alerts]]\nmetric = \"psi\"\nabove = 1.0\nstale_after = \"0s\"\n")
                .contains("stale_after must be longer than 0s")
        );
        assert!(
            err("[[alerts]]\nmetric = \"psi\"\nabove = 1.0\nwindow = 3\n")
                .contains("unknown field `window`")
        );
    }

    /// A rule naming no metric would match no series: alerting silently off.
    #[rstest::rstest]
    #[case::alert_metric("[[alerts]]\nmetric = \"\"\nabove = 0.2\n", "alerts[0].metric")]
    #[case::alert_blank_metric("[[alerts]]\nmetric = \" \"\nabove = 0.2\n", "alerts[0].metric")]
    #[case::offline_metric(
        "[[alerts]]\nmetric = \"psi\"\nabove = 0.2\n[[alerts]]\nmetric = \"r\"\nbelow_offline = \"\"\n",
        "alerts[1].below_offline"
    )]
    #[case::metric_rule("[[metrics]]\nname = \"\"\n", "metrics[0].name")]
    #[case::monitoring_tag("[monitoring]\nmodel_tag = \"\"\n", "monitoring.model_tag")]
    fn empty_names_are_refused_with_their_key(#[case] text: &str, #[case] key: &str) {
        let e = parse(text).unwrap_err();
        assert!(e.contains(&format!("key '{key}'")), "{e}");
        assert!(e.contains("cannot be empty"), "{e}");
    }

    #[test]
    fn promotion_settings_per_model_and_checked() {
        let c = parse("[promotion]\nvia_model = { fraud = \"pr\" }\n").unwrap();
        assert_eq!(c.promotion.via_for("fraud"), PromoteVia::Pr);
        assert_eq!(c.promotion.via_for("churn"), PromoteVia::Direct);
        assert_eq!(c.promotion.deployment_file, "deploy/models.toml");
        assert!(
            parse("[promotion]\nvia = \"email\"\n")
                .unwrap_err()
                .contains("key 'promotion.via': unknown variant `email`")
        );
    }

    #[test]
    fn promotion_settings_still_read_from_github_where_they_were() {
        let c = parse(
            "[github]\nrepo = \"acme/deploy\"\npromote_via_model = { fraud = \"pr\" }\n\
             label = \"ship\"\nrefresh_secs = 7\n",
        )
        .unwrap();
        assert_eq!(c.promotion.via_for("fraud"), PromoteVia::Pr);
        assert_eq!(c.promotion.label, "ship");
        assert_eq!(c.ui.changes_refresh_secs, 7);
        // A profile may still set them there too, and wins as any profile setting does.
        let c = Config::from_str_with_profile(
            "[promotion]\nlabel = \"a\"\n[profiles.ci.github]\nlabel = \"b\"\n",
            Path::new("/c.toml"),
            Some("ci"),
        )
        .unwrap();
        assert_eq!(c.promotion.label, "b");
        assert!(
            parse("[github]\nlabel = \"a\"\n[promotion]\nlabel = \"b\"\n")
                .unwrap_err()
                .contains("key 'github.label': set here and as promotion.label")
        );
    }

    #[test]
    fn github_settings_checked() {
        let file = "/home/ann/.config/clearance/config.toml";
        assert_eq!(
            parse("[github]\nrepo = \"acme\"\n").unwrap_err(),
            format!(
                "config file '{file}': key 'github.repo': 'acme' is not a GitHub repository: \
                 write OWNER/NAME, e.g. acme/models"
            )
        );
        assert!(
            parse("[github]\npromote_via = \"email\"\n")
                .unwrap_err()
                .contains("key 'github.promote_via': unknown variant `email`")
        );
        assert!(
            parse("[github]\napi_url = \"ghe.acme.io\"\n")
                .unwrap_err()
                .contains("key 'github.api_url'")
        );
    }

    #[test]
    fn wandb_settings_are_checked() {
        let c = parse("[wandb]\nentity = \"acme\"\nproject = \"churn\"\nregistry = \"model\"\n")
            .unwrap();
        assert_eq!(
            (c.wandb.entity.as_str(), c.wandb.project.as_str()),
            ("acme", "churn")
        );
        assert_eq!(c.wandb.artifact_type, "model");
        assert_eq!(c.wandb.rate_limit_wait_secs, 20);
        let err = |text: &str| parse(text).unwrap_err();
        assert!(
            err("[wandb]\nproject = \"churn\"\n")
                .contains("key 'wandb.entity': wandb.entity and wandb.project go together")
        );
        assert!(
            err("[wandb]\nentity = \"acme\"\nproject = \"acme/churn\"\n")
                .contains("key 'wandb.project': write the project's name alone")
        );
        let bad_url = err("[wandb]\nbase_url = \"https://api:s3cr3t@wandb.acme.io\"\n");
        assert!(bad_url.contains("key 'wandb.base_url'") && bad_url.contains("holds credentials"));
        assert!(!bad_url.contains("s3cr3t"), "{bad_url}");
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let err = Config::load(Some(Path::new("/nonexistent/clearance.toml"))).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot read config file '/nonexistent/clearance.toml'")
        );
    }
}
