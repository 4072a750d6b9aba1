//! Command-line interface: the TUI by default, and scriptable twins of its screens.

#![expect(
    clippy::doc_markdown,
    reason = "doc comments here are --help text, read as plain text"
)]

pub mod alerts;
pub mod apply;
mod approve;
pub mod audit;
pub mod change;
pub mod comment;
pub mod completions;
pub mod config;
pub mod diff;
mod error;
pub mod freeze;
pub mod history;
pub mod models;
pub mod out;
pub mod policy;
mod progress;
pub mod promote_pr;
pub mod prs;
pub mod request;
pub mod runs;
pub mod schema;
mod sink;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use self::error::CliError;
use crate::domain::VersionRef;

const AFTER_HELP: &str = "\
Where clearance looks for runs, first match wins:
  1. --demo: the bundled demo store (copied to the data dir; --reset restores it)
  2. --dvc-repo PATH (a DVC repository) or --wandb ENTITY/PROJECT (a Weights & Biases project)
  3. --tracking-uri URI, else $MLFLOW_TRACKING_URI
  4. tracking.uri, dvc.repo, or wandb.entity and wandb.project, in the config file
  5. ./mlflow.db, the store MLflow 3 writes when no server is used
  6. the DVC repository clearance is started in (a .dvc directory here or above)
Without any of these the TUI shows a start screen.
A DVC repository is read with `dvc exp show` (dvc.program in the config), or from git alone
when dvc is not installed; the status line says which.
A URI is an MLflow tracking server (http://HOST:PORT, https://...) or an MLflow sqlite store
(sqlite:///path/mlflow.db, or a path to a .db file), read directly with no server.
Server credentials come from MLFLOW_TRACKING_TOKEN (bearer) or MLFLOW_TRACKING_USERNAME and
MLFLOW_TRACKING_PASSWORD (basic auth); MLFLOW_TRACKING_INSECURE_TLS=true accepts any TLS
certificate.

Weights & Biases: the models are the project's collections of type model, or with
--wandb-registry NAME (wandb.registry) the collections of the organization's registry
wandb-registry-NAME. The server is --wandb-base-url or $WANDB_BASE_URL, else wandb.base_url,
else https://api.wandb.ai. The API key comes from $WANDB_API_KEY, else the ~/.netrc entry
`wandb login` writes ($NETRC names another file); it is never printed.

GitHub (promote --via pr, comment, prs): the repository from --repo, github.repo in the
config or $GITHUB_REPOSITORY; the API from --github-api-url, $GITHUB_API_URL or
github.api_url (GitHub Enterprise: https://HOST/api/v3); the token from $GH_TOKEN or
$GITHUB_TOKEN ($GH_ENTERPRISE_TOKEN or $GITHUB_ENTERPRISE_TOKEN for GitHub Enterprise), else
`gh auth token`.

GitLab instead (merge requests): the project from --gitlab-project, gitlab.project or, in
GitLab CI, $CI_PROJECT_ID; the instance from --gitlab-url, $CI_API_V4_URL or gitlab.url
(default https://gitlab.com); the token from $GITLAB_TOKEN, $CI_JOB_TOKEN in GitLab CI (it
cannot open merge requests or post notes), else `glab config get token`. Naming both a GitHub
repository and a GitLab project is refused.

Exit codes of the commands: 0 done (diff: gates pass), 1 refused (diff: a gate failed;
promote, rollback, baseline, apply: gates, a moved alias, not confirmed, read-only; config
check: problems found; config init: the file exists), 2 error. alerts (Nagios): 0 nothing
firing, 1 a warning, 2 a critical alert, 3 error or no rule matched any monitored series.
Every --json output carries \"schema_version\"; `clearance schema NAME` prints its JSON Schema.";

#[derive(Debug, Parser)]
#[command(
    name = "clearance",
    version,
    about = "Review ML model runs and clear a staged model for production.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each bool is an independent command-line switch"
)]
pub struct GlobalArgs {
    /// MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db).
    #[arg(
        long,
        global = true,
        env = "MLFLOW_TRACKING_URI",
        hide_env_values = true,
        value_name = "URI"
    )]
    pub tracking_uri: Option<String>,
    /// A DVC repository (its root or a folder inside it): experiments as runs, read with
    /// `dvc exp show`, or from git when dvc is not installed.
    #[arg(long, global = true, value_name = "PATH")]
    pub dvc_repo: Option<PathBuf>,
    /// A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project).
    #[arg(long, global = true, value_name = "ENTITY/PROJECT")]
    pub wandb: Option<String>,
    /// With W&B: the registry whose collections are the models, e.g. model for
    /// wandb-registry-model (default: wandb.registry; none: the project's model collections).
    #[arg(long, global = true, value_name = "NAME")]
    pub wandb_registry: Option<String>,
    /// With W&B: the server (default: wandb.base_url, then https://api.wandb.ai).
    #[arg(
        long,
        global = true,
        env = "WANDB_BASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub wandb_base_url: Option<String>,
    /// Open the bundled demo store (a copy in the data dir; nothing to install).
    #[arg(long, global = true)]
    pub demo: bool,
    /// With --demo: restore the demo store to its shipped state first.
    #[arg(long, global = true, requires = "demo")]
    pub reset: bool,
    /// Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A [profiles.NAME] table of the config to apply over its top-level settings.
    #[arg(
        long,
        global = true,
        env = "CLEARANCE_PROFILE",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,
    /// Remove every action that changes anything.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// TUI: neither show nor keep the last run listing cached in the state dir.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection).
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// GitHub repository for promotion PRs and comments (default: github.repo, then
    /// $GITHUB_REPOSITORY).
    #[arg(long, global = true, value_name = "OWNER/NAME")]
    pub repo: Option<String>,
    /// GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com;
    /// GitHub Enterprise: https://HOST/api/v3).
    #[arg(long, global = true, value_name = "URL")]
    pub github_api_url: Option<String>,
    /// GitLab project for promotion MRs and report notes, instead of a GitHub repository
    /// (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI).
    #[arg(long, global = true, value_name = "GROUP/NAME|ID")]
    pub gitlab_project: Option<String>,
    /// GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then
    /// https://gitlab.com; self-managed: https://HOST).
    #[arg(long, global = true, value_name = "URL")]
    pub gitlab_url: Option<String>,
    /// How much the log records of clearance's own events (default: $CLEARANCE_LOG, then
    /// $RUST_LOG, then info). The log is clearance.log in the state dir
    /// (~/.local/state/clearance).
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<crate::logging::Level>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List runs with their latest metrics, params and tags.
    Runs(RunsArgs),
    /// List registered models with their versions and aliases.
    Models(ModelsArgs),
    /// Compare a model's candidate with its baseline; exit 1 when a gate fails.
    Diff(DiffArgs),
    /// Move an alias (production by default) to a version, after the gates and a confirmation.
    Promote(PromoteArgs),
    /// Move the production alias back to the version it held before.
    Rollback(RollbackArgs),
    /// Show who moved a model's aliases, when, and why.
    History(HistoryArgs),
    /// Make a run its experiment's baseline.
    Baseline(BaselineArgs),
    /// Evaluate the alert rules over monitoring series; exit 0 none firing, 1 a warning,
    /// 2 a critical alert, 3 an error.
    Alerts(AlertsArgs),
    /// Make the registry match a deployment file (run by CI after a promotion PR merges).
    Apply(ApplyArgs),
    /// Post the diff report on a pull request, or update the one posted before.
    Comment(CommentArgs),
    /// List open pull requests with CI, reviews and the model version each promotion PR pins.
    Prs(PrsArgs),
    /// Explain what the promotion policy asks of a move, point by point; exit 0 when it
    /// would be allowed, 1 when something is missing.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Ask for a move: record a promotion request in the store, with the gates now, for
    /// others to approve (`--withdraw` takes it back).
    Request(RequestArgs),
    /// Approve a promotion request; when the policy is then met, confirm to make the move.
    Approve(ApproveArgs),
    /// Export the audit trail: every recorded move, request, approval, override, refusal and
    /// freeze, and the aliases moved outside clearance.
    Audit(AuditArgs),
    /// Set or clear the freeze switch: while it is on, the policy refuses moves of frozen
    /// aliases (production, champion) unless overridden with a reason.
    Freeze(FreezeArgs),
    /// Print a shell completion script: `clearance completions bash > ~/.local/share/bash-completion/completions/clearance`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `clearance man > ~/.local/share/man/man1/clearance.1`.
    Man,
    /// The config file: where it is read from, check it, write a commented one, its schema.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print the JSON Schema of a command's --json output.
    Schema(SchemaArgs),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file clearance reads, and whether it exists.
    Path,
    /// Load and check the config (with every profile); print each problem with its key.
    /// Exit 0 valid, 1 problems found, 2 the file cannot be read.
    Check,
    /// Write the commented example config, and its JSON Schema next to it.
    Init(ConfigInitArgs),
    /// Print the JSON Schema of the config file (for taplo and editors' TOML extensions).
    Schema,
}

#[derive(Debug, Args)]
pub struct ConfigInitArgs {
    /// Overwrite an existing config file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The command whose output to describe (`change` is the document of promote, rollback
    /// and baseline).
    #[arg(value_enum)]
    pub output: crate::schema::Output,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlertsArgs {
    /// Acknowledge, silence, or take either back (default: list the alerts).
    #[command(subcommand)]
    pub action: Option<AlertsCommand>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// On-call's answers to an alert, recorded with who, when and why.
#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Acknowledge an alert: someone is on it. It is listed below the unanswered ones and
    /// still counts for the exit code.
    Ack(AckArgs),
    /// Silence an alert for a while: it does not count for the exit code until then.
    Silence(SilenceArgs),
    /// Take back an alert's acknowledgement or silence.
    Unack(UnackArgs),
}

/// Which alert: its model, and its rule's name or its metric.
#[derive(Debug, Args)]
pub struct AlertTarget {
    /// The registered model the alert is about.
    pub model: String,
    /// The alert's rule (its name as listed) or its metric.
    pub rule: String,
    /// The metric, when the rule watches several (a glob such as psi_*).
    #[arg(long, value_name = "NAME")]
    pub metric: Option<String>,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct AckArgs {
    #[command(flatten)]
    pub target: AlertTarget,
    /// Why (required); recorded with who and when.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct SilenceArgs {
    #[command(flatten)]
    pub target: AlertTarget,
    /// For how long: 30m, 4h, 1d, 1d12h.
    #[arg(long = "for", value_name = "DURATION")]
    pub duration: String,
    /// Why (required); recorded with who, when and until when.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct UnackArgs {
    #[command(flatten)]
    pub target: AlertTarget,
}

/// How a promotion is carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Via {
    /// Move the alias in the registry now.
    Direct,
    /// Open a pull request pinning the version in the deployment file; CI applies it after
    /// the merge.
    Pr,
}

impl From<Via> for crate::config::PromoteVia {
    fn from(v: Via) -> Self {
        match v {
            Via::Direct => Self::Direct,
            Via::Pr => Self::Pr,
        }
    }
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The deployment file (e.g. deploy/models.toml).
    pub file: PathBuf,
    /// Print what would change; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Who applies, recorded after the approver: "Ann <ann@x> (applied by CI)". In GitLab CI
    /// the default names the pipeline: "(applied by GitLab CI pipeline $CI_PIPELINE_URL)".
    #[arg(long, value_name = "NAME", default_value = "CI")]
    pub applied_by: String,
    /// The merged pull request (GitLab: merge request iid) that brought the file, whose
    /// reviews the policy counts as approvals (default: the one that merged $GITHUB_SHA in
    /// GitHub Actions, $CI_COMMIT_SHA in GitLab CI).
    #[arg(long, visible_alias = "mr", value_name = "N")]
    pub pr: Option<u64>,
    /// Print each model's outcome and the records written, as JSON (`clearance schema apply`).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CommentArgs {
    /// The pull request (GitLab: merge request iid) number (default: $CI_MERGE_REQUEST_IID
    /// in a GitLab CI merge request pipeline).
    pub pr: Option<u64>,
    /// The registered model (default: the model the PR pins, for a promotion PR).
    #[arg(long)]
    pub model: Option<String>,
    /// @ALIAS, a version number, or run:RUN_ID (default: the version the PR pins, else the
    /// staging alias).
    #[arg(long, value_name = "REF")]
    pub candidate: Option<VersionRef>,
    /// @ALIAS, a version number, or run:RUN_ID (default: the production alias).
    #[arg(long, value_name = "REF")]
    pub baseline: Option<VersionRef>,
}

#[derive(Debug, Args)]
pub struct PrsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "clap flags, each a switch of its own"
)]
pub struct PromoteArgs {
    /// The registered model.
    pub model: String,
    /// The version to promote: a number or @ALIAS (e.g. @staging).
    pub version: VersionRef,
    /// The alias to move (default: the production alias).
    #[arg(long, value_name = "ALIAS")]
    pub to: Option<String>,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// Print the plan and the gates; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Why; recorded with the change (required with --override-gates).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Promote even though gates fail (needs --reason).
    #[arg(long)]
    pub override_gates: bool,
    /// Move despite a freeze of the promotion policy (a window, the switch, a critical
    /// alert); the reason is recorded with the override.
    #[arg(long, value_name = "TEXT")]
    pub override_reason: Option<String>,
    /// The second person the policy asks for to override a freeze (`override_needs_second`).
    #[arg(long, value_name = "NAME", requires = "override_reason")]
    pub override_second: Option<String>,
    /// direct: move the alias now; pr: open a pull request pinning the version in the
    /// deployment file (default: promotion.via, per model in promotion.via_model).
    #[arg(long, value_enum)]
    pub via: Option<Via>,
    /// Print what was planned, how it ended and the record written, as JSON (`clearance
    /// schema change`).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "clap flags, each a switch of its own"
)]
pub struct RollbackArgs {
    /// The registered model.
    pub model: String,
    /// The alias to roll back (default: the production alias).
    #[arg(long, value_name = "ALIAS")]
    pub alias: Option<String>,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// Print the plan; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Why; recorded with the change.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Move even though gates fail (needs --reason); the override is recorded.
    #[arg(long)]
    pub override_gates: bool,
    /// Move despite a freeze of the promotion policy; the reason is recorded with the
    /// override (a rollback needs none during a critical alert).
    #[arg(long, value_name = "TEXT")]
    pub override_reason: Option<String>,
    /// The second person the policy asks for to override a freeze (`override_needs_second`).
    #[arg(long, value_name = "NAME", requires = "override_reason")]
    pub override_second: Option<String>,
    /// Print what was planned, how it ended and the record written, as JSON (`clearance
    /// schema change`).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RequestArgs {
    /// The registered model.
    pub model: String,
    /// The version asked for: a number or @ALIAS.
    pub version: VersionRef,
    /// The alias to move (default: the production alias).
    #[arg(long, value_name = "ALIAS")]
    pub to: Option<String>,
    /// Why the move is wanted (required, except with --withdraw).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Withdraw your open request for this move instead.
    #[arg(long)]
    pub withdraw: bool,
}

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The registered model.
    pub model: String,
    /// The version the request is for: a number or @ALIAS.
    pub version: VersionRef,
    /// The alias the request moves (default: the production alias).
    #[arg(long, value_name = "ALIAS")]
    pub to: Option<String>,
    /// When the policy is met, make the move without asking.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// From when: a date (2026-12-01, midnight UTC) or an RFC 3339 time.
    #[arg(long, value_name = "DATE")]
    pub since: String,
    /// The models: a glob over their names (default: every model).
    #[arg(long, value_name = "GLOB", default_value = "*")]
    pub model: String,
    /// jsonl (one document per line, `clearance schema audit`), csv or md.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: AuditFormat,
}

/// The formats of `clearance audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    Jsonl,
    Csv,
    Md,
}

#[derive(Debug, Args)]
pub struct FreezeArgs {
    /// on: freeze; off: thaw.
    #[arg(value_enum)]
    pub state: FreezeState,
    /// Why (required to freeze); recorded with the switch.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// The models to freeze or thaw: a glob over their names (default: every model).
    #[arg(long, value_name = "GLOB", default_value = "*")]
    pub model: String,
}

/// The freeze switch's two positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FreezeState {
    On,
    Off,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// What moving ALIAS of MODEL to VERSION needs under the policy, and what is missing.
    Check(PolicyCheckArgs),
}

#[derive(Debug, Args)]
pub struct PolicyCheckArgs {
    /// The registered model.
    pub model: String,
    /// The version to move the alias to (`4`, `v4`, `@staging`).
    pub version: String,
    /// The alias to move (default: the production alias, `[aliases] production`; on GTO
    /// `[gto] production_stage`).
    #[arg(long, value_name = "ALIAS")]
    pub to: Option<String>,
    /// Judge the move as made by this identity (default: who clearance records you as).
    #[arg(long = "as", value_name = "WHO")]
    pub as_: Option<String>,
    /// Judge it as a rollback (which passes freezes and stage order).
    #[arg(long)]
    pub rollback: bool,
    /// Print JSON instead of a checklist.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The registered model.
    pub model: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The run to make its experiment's baseline.
    pub run: String,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// Print the plan; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Why; recorded with the change.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Print what was planned, how it ended and the record written, as JSON (`clearance
    /// schema change`).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RunsArgs {
    /// Only runs of this experiment (name or id); repeat for several. Default: all.
    #[arg(long = "experiment", short = 'e', value_name = "NAME")]
    pub experiments: Vec<String>,
    /// An MLflow search expression, e.g. "metrics.loss < 0.5 and params.model = 'xgb'".
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ModelsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The registered model.
    pub model: String,
    /// @ALIAS, a version number, or run:RUN_ID (default: the staging alias).
    #[arg(long, value_name = "REF")]
    pub candidate: Option<VersionRef>,
    /// @ALIAS, a version number, or run:RUN_ID (default: the production alias).
    #[arg(long, value_name = "REF")]
    pub baseline: Option<VersionRef>,
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
}

impl GlobalArgs {
    /// `Some(reset)` when the demo was asked for.
    pub fn demo(&self) -> Option<bool> {
        self.demo.then_some(self.reset)
    }

    /// `--tracking-uri` when it was typed, not taken from `$MLFLOW_TRACKING_URI` (clap merges
    /// the two; the same value in both counts as the environment).
    pub fn typed_tracking_uri(&self) -> Option<&str> {
        let env = std::env::var("MLFLOW_TRACKING_URI").ok();
        self.tracking_uri
            .as_deref()
            .filter(|uri| env.as_deref().map(str::trim) != Some(uri.trim()))
    }

    /// The TUI's start options.
    pub fn tui(&self) -> crate::runtime::Options<'_> {
        crate::runtime::Options {
            tracking_uri: self.tracking_uri.as_deref(),
            typed_tracking_uri: self.typed_tracking_uri(),
            dvc_repo: self.dvc_repo.as_deref(),
            demo: self.demo(),
            wandb: self.wandb(),
            github: self.github(),
            read_only: self.read_only,
            no_cache: self.no_cache,
            no_mouse: self.no_mouse,
        }
    }

    /// Refuses two stores named by flags for one run.
    pub fn check_store_flags(&self) -> Result<(), crate::connect::ConnectError> {
        crate::connect::refuse_two_stores(
            self.typed_tracking_uri(),
            self.dvc_repo.as_deref(),
            self.wandb.as_deref(),
        )
    }

    /// The W&B flags.
    pub fn wandb(&self) -> crate::connect::WandbFlags<'_> {
        crate::connect::WandbFlags {
            project: self.wandb.as_deref(),
            registry: self.wandb_registry.as_deref(),
            base_url: self.wandb_base_url.as_deref(),
        }
    }

    /// The code host flags (GitHub or GitLab).
    pub fn github(&self) -> crate::ops::gitops::HostFlags<'_> {
        crate::ops::gitops::HostFlags {
            repo: self.repo.as_deref(),
            api_url: self.github_api_url.as_deref(),
            gitlab_project: self.gitlab_project.as_deref(),
            gitlab_url: self.gitlab_url.as_deref(),
            demo: self.demo,
        }
    }
}

/// Exit code 0 (every code: [`CliError::exit_code`]).
pub const OK: ExitCode = ExitCode::SUCCESS;

/// Exit code 1: the command ran and said no (a failed gate, a refused change).
pub fn refused() -> ExitCode {
    ExitCode::from(1)
}

/// Exit code 2: the command could not do its job.
pub fn error() -> ExitCode {
    ExitCode::from(2)
}

/// Prints JSON, pretty, with a trailing newline.
pub fn print_json<T: serde::Serialize + ?Sized>(v: &T) -> Result<(), CliError> {
    out::json(v)
}
