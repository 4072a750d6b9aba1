//! Which store to open, in this order:
//!
//! 1. `--demo`;
//! 2. `--dvc-repo PATH` or `--wandb ENTITY/PROJECT` (not both, and not with a typed
//!    `--tracking-uri`: [`refuse_two_stores`]): a flag names what the person means now, so it
//!    wins over `$MLFLOW_TRACKING_URI` set in the environment for every run;
//! 3. `--tracking-uri` or `$MLFLOW_TRACKING_URI`;
//! 4. the config: `tracking.uri`, `wandb.entity` and `wandb.project`, or `dvc.repo` (naming
//!    more than one is an error: the file does not say which is meant);
//! 5. `./mlflow.db` when it exists;
//! 6. the DVC repository clearance is started in (a `.dvc` directory here or above, inside a
//!    git repository).
//!
//! With none of these, the TUI shows a start screen and the commands say how to point
//! clearance at a store. For W&B, the registry is `--wandb-registry`, else `wandb.registry`
//! (none: the project's model collections); the server is `--wandb-base-url` or
//! `$WANDB_BASE_URL`, else `wandb.base_url`, else `https://api.wandb.ai`; the API key is
//! `$WANDB_API_KEY`, else the `.netrc` entry for the server's host.
//!
//! A DVC repository is two backends over one git repository: the DVC run store for runs and
//! GTO's tags for the registry, whose stages (`[gto]`) take the place of the aliases.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::backends::dvc::{Dvc, DvcOptions, FirstScreen};
use crate::backends::gto::{Gto, GtoSettings};
use crate::backends::mlflow::{MlflowClient, MlflowSettings};
use crate::backends::mlflow_local::LocalStore;
use crate::backends::wandb::{self, RetryPolicy, Scope, WandbClient, WandbSettings};
use crate::config::Config;
use crate::domain::StoreIdentity;
use crate::store::Backend;

/// A store to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An MLflow tracking server.
    Server(Url),
    /// An MLflow sqlite store, read directly.
    Local(PathBuf),
    /// The bundled demo store (`reset` restores the shipped copy first).
    Demo { reset: bool },
    /// A DVC repository (its root or a folder inside it).
    Dvc(PathBuf),
    /// A Weights & Biases project, and the registry whose collections are the models.
    Wandb(WandbTarget),
}

/// Where a W&B project lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WandbTarget {
    pub base_url: Url,
    pub project: Scope,
    /// `model` for `wandb-registry-model`; `None`: the project's own model collections.
    pub registry: Option<String>,
}

/// The W&B flags (`--wandb`, `--wandb-registry`, `--wandb-base-url` or `$WANDB_BASE_URL`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WandbFlags<'a> {
    pub project: Option<&'a str>,
    pub registry: Option<&'a str>,
    pub base_url: Option<&'a str>,
}

/// Why no store could be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectError {
    /// Nothing says where runs live.
    #[error(
        "no tracking store: pass --tracking-uri (http://HOST:PORT, sqlite:///path/mlflow.db or a \
         .db file), --dvc-repo PATH or --wandb ENTITY/PROJECT (Weights & Biases), set \
         MLFLOW_TRACKING_URI, set tracking.uri, dvc.repo or wandb.entity and wandb.project in \
         the config, run clearance in a folder holding an mlflow.db or in a DVC repository, or \
         try the demo with --demo"
    )]
    NotConfigured,
    /// The URI cannot be used.
    #[error("tracking URI '{uri}' ({origin}): {detail}")]
    BadUri {
        uri: String,
        origin: &'static str,
        detail: String,
    },
    /// The store is there but cannot be opened.
    #[error("{0}")]
    Open(String),
    /// The W&B flags or config are wrong, or point at two stores at once.
    #[error("{0}")]
    Invalid(String),
}

const FROM_FLAG: &str = "from --tracking-uri or MLFLOW_TRACKING_URI";
const FROM_CONFIG: &str = "from tracking.uri in the config";

/// Refuses `--tracking-uri` typed together with `--dvc-repo` or `--wandb`: two stores named
/// for one run. (`typed_uri` is the flag's value only when it did not come from
/// `$MLFLOW_TRACKING_URI`, which those flags override.)
pub fn refuse_two_stores(
    typed_uri: Option<&str>,
    dvc_repo: Option<&Path>,
    wandb_project: Option<&str>,
) -> Result<(), ConnectError> {
    let Some(uri) = typed_uri.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(());
    };
    let other = match (
        dvc_repo,
        wandb_project.map(str::trim).filter(|s| !s.is_empty()),
    ) {
        (Some(path), _) => format!("--dvc-repo '{}'", path.display()),
        (None, Some(project)) => format!("--wandb '{project}'"),
        (None, None) => return Ok(()),
    };
    Err(ConnectError::Invalid(format!(
        "--tracking-uri '{}' and {other} name two stores: pass one of them",
        crate::domain::store::redact_credentials(uri)
    )))
}

/// Decides what to open, without W&B flags. `Ok(None)`: nothing is configured (show the
/// start screen).
pub fn resolve(
    flag_or_env: Option<&str>,
    dvc_repo: Option<&Path>,
    demo: Option<bool>,
    config: &Config,
) -> Result<Option<Target>, ConnectError> {
    resolve_with(flag_or_env, dvc_repo, demo, &WandbFlags::default(), config)
}

/// Decides what to open, in the order of the module's doc.
pub fn resolve_with(
    flag_or_env: Option<&str>,
    dvc_repo: Option<&Path>,
    demo: Option<bool>,
    wandb_flags: &WandbFlags<'_>,
    config: &Config,
) -> Result<Option<Target>, ConnectError> {
    let nonempty = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let target = resolve_target(flag_or_env, dvc_repo, demo, wandb_flags, config)?;
    if nonempty(wandb_flags.registry).is_some() && !matches!(target, Some(Target::Wandb(_))) {
        return Err(ConnectError::Invalid(
            "--wandb-registry needs a W&B project: pass --wandb ENTITY/PROJECT or set \
             wandb.entity and wandb.project in the config"
                .into(),
        ));
    }
    Ok(target)
}

fn resolve_target(
    flag_or_env: Option<&str>,
    dvc_repo: Option<&Path>,
    demo: Option<bool>,
    wandb_flags: &WandbFlags<'_>,
    config: &Config,
) -> Result<Option<Target>, ConnectError> {
    if let Some(reset) = demo {
        return Ok(Some(Target::Demo { reset }));
    }
    let wandb_flag = wandb_flags.project.map(str::trim).filter(|s| !s.is_empty());
    if let Some(path) = dvc_repo {
        if let Some(project) = wandb_flag {
            return Err(ConnectError::Invalid(format!(
                "--dvc-repo '{}' and --wandb '{project}' name two stores: pass one of them",
                path.display()
            )));
        }
        return Ok(Some(Target::Dvc(path.to_path_buf())));
    }
    if let Some(project) = wandb_flag {
        let scope =
            Scope::parse(project).map_err(|e| ConnectError::Invalid(format!("--wandb: {e}")))?;
        return wandb_target(scope, wandb_flags, config).map(Some);
    }
    if let Some(uri) = flag_or_env.map(str::trim).filter(|s| !s.is_empty()) {
        return parse(uri, FROM_FLAG).map(Some);
    }
    let conf = config.tracking.uri.trim();
    let w = &config.wandb;
    let repo = config.dvc.repo.trim();
    if !w.project.trim().is_empty() {
        if !repo.is_empty() {
            return Err(ConnectError::Invalid(format!(
                "the config names two stores, dvc.repo '{repo}' and the W&B project \
                 wandb.entity/wandb.project '{}/{}': empty one of them, or pick one with \
                 --dvc-repo or --wandb",
                w.entity.trim(),
                w.project.trim()
            )));
        }
        if !conf.is_empty() {
            return Err(ConnectError::Invalid(format!(
                "the config names two stores, tracking.uri '{}' and the W&B project \
                 wandb.entity/wandb.project '{}/{}': empty one of them, or pick one with \
                 --tracking-uri or --wandb",
                crate::domain::store::redact_credentials(conf),
                w.entity.trim(),
                w.project.trim()
            )));
        }
        let scope = Scope::new(w.entity.trim(), w.project.trim());
        return wandb_target(scope, wandb_flags, config).map(Some);
    }
    if !conf.is_empty() {
        return parse(conf, FROM_CONFIG).map(Some);
    }
    if !repo.is_empty() {
        return Ok(Some(Target::Dvc(expand_home(repo))));
    }
    let here = Path::new("mlflow.db");
    if here.is_file() {
        return Ok(Some(Target::Local(here.to_path_buf())));
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    Ok(crate::backends::dvc::detect(&cwd).map(Target::Dvc))
}

/// `~/x` as a path under the home directory (config files are written by hand).
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

fn wandb_target(
    project: Scope,
    flags: &WandbFlags<'_>,
    config: &Config,
) -> Result<Target, ConnectError> {
    let pick = |flag: Option<&str>, conf: &str| {
        flag.map(str::trim)
            .filter(|s| !s.is_empty())
            .or_else(|| Some(conf.trim()).filter(|s| !s.is_empty()))
            .map(str::to_owned)
    };
    let (base, origin) = match (
        flags.base_url.map(str::trim).filter(|s| !s.is_empty()),
        Some(config.wandb.base_url.trim()).filter(|s| !s.is_empty()),
    ) {
        (Some(b), _) => (b, "from --wandb-base-url or WANDB_BASE_URL"),
        (None, Some(b)) => (b, "from wandb.base_url in the config"),
        (None, None) => (wandb::DEFAULT_BASE_URL, "the default"),
    };
    let base_url = crate::domain::host::wandb_base_url(base).map_err(|detail| {
        // An address with credentials in it is not repeated.
        let shown = if base.contains('@') {
            "(not shown)"
        } else {
            base
        };
        ConnectError::Invalid(format!("W&B address {shown} ({origin}): {detail}"))
    })?;
    Ok(Target::Wandb(WandbTarget {
        base_url,
        project,
        registry: pick(flags.registry, &config.wandb.registry),
    }))
}

/// Reads a tracking URI as MLflow writes them.
pub fn parse(uri: &str, origin: &'static str) -> Result<Target, ConnectError> {
    let bad = |detail: &str| ConnectError::BadUri {
        // The URI as typed may carry a password: the message never does.
        uri: crate::domain::store::redact_credentials(uri),
        origin,
        detail: detail.to_owned(),
    };
    if let Some(rest) = uri.strip_prefix("sqlite://") {
        // sqlite:///relative.db, sqlite:////absolute.db (SQLAlchemy's forms).
        let path = rest.strip_prefix('/').ok_or_else(|| {
            bad("write sqlite:///relative/path.db or sqlite:////absolute/path.db")
        })?;
        if path.is_empty() {
            return Err(bad("the sqlite URI names no file"));
        }
        return Ok(Target::Local(PathBuf::from(path)));
    }
    if uri.starts_with("http://") || uri.starts_with("https://") {
        return Url::parse(uri)
            .map(Target::Server)
            .map_err(|e| bad(&format!("not a URL: {e}")));
    }
    if uri.starts_with("file:") || Path::new(uri).join("0").join("meta.yaml").is_file() {
        return Err(bad(
            "an MLflow file store ('mlruns'), which clearance does not read; serve it with \
             `mlflow server --backend-store-uri <dir>` and pass that server's URL, or migrate it \
             to sqlite with `mlflow migrate-filestore`",
        ));
    }
    if let Some((scheme, _)) = uri.split_once("://") {
        return Err(bad(&format!(
            "clearance opens MLflow servers (http, https) and sqlite stores; '{scheme}' is neither"
        )));
    }
    let path = Path::new(uri);
    if path.extension().is_some_and(|e| e == "db" || e == "sqlite") || path.is_file() {
        return Ok(Target::Local(path.to_path_buf()));
    }
    Err(bad("not an http(s) URL, a sqlite:/// URI or a .db file"))
}

/// Opens a target, for a command: every answer is complete (a DVC repository's come from
/// `dvc exp show` when dvc runs).
pub fn open(target: &Target, config: &Config) -> Result<Backend, ConnectError> {
    open_with(target, config, FirstScreen::Dvc)
}

/// Opens a target, for the TUI: a DVC repository answers a first look from git at once while
/// `dvc exp show` runs in the background (see [`crate::backends::dvc`]).
pub fn open_interactive(target: &Target, config: &Config) -> Result<Backend, ConnectError> {
    open_with(target, config, FirstScreen::Git)
}

fn open_with(
    target: &Target,
    config: &Config,
    first_screen: FirstScreen,
) -> Result<Backend, ConnectError> {
    match target {
        Target::Server(url) => {
            let mut settings = MlflowSettings::new(url.clone());
            settings.connect_timeout = Duration::from_secs(config.tracking.connect_timeout_secs);
            settings.timeout = Duration::from_secs(config.tracking.timeout_secs);
            let client =
                MlflowClient::new(settings).map_err(|e| ConnectError::Open(e.to_string()))?;
            let store = client.identity();
            Ok(remote(client, store))
        }
        Target::Local(path) => open_local(path, false),
        Target::Wandb(t) => open_wandb(t, config),
        Target::Demo { reset } => {
            let (path, _) = crate::demo::prepare(*reset).map_err(ConnectError::Open)?;
            open_local(&path, true)
        }
        Target::Dvc(path) => open_dvc(path, config, first_screen),
    }
}

fn open_dvc(
    path: &Path,
    config: &Config,
    first_screen: FirstScreen,
) -> Result<Backend, ConnectError> {
    let baseline = config.dvc.baseline.trim();
    let options = DvcOptions {
        program: config.dvc.program.clone(),
        baseline_rev: (!baseline.is_empty()).then(|| baseline.to_owned()),
        baseline_tag: config.baseline.tag.clone(),
        baseline_value: config.baseline.value.clone(),
        first_screen,
    };
    let store = Dvc::open(path, options).map_err(|e| ConnectError::Open(e.to_string()))?;
    let identity = StoreIdentity::git_repo(&canonical(store.root()), store.label());
    // The registry is GTO's: annotated tags in the same repository.
    let settings = GtoSettings {
        read_only: config.read_only,
        push_remote: config.gto.push.then(|| config.gto.remote.trim().to_owned()),
    };
    let registry = Gto::open_with(store.root(), settings)
        .map_err(|e| ConnectError::Open(format!("the GTO registry: {e}")))?;
    let read_only_reason = registry.read_only_reason();
    let registry = Arc::new(registry);
    Ok(Backend {
        runs: Arc::new(store),
        registry: registry.clone(),
        writer: read_only_reason
            .is_none()
            .then_some(registry as Arc<dyn crate::store::Writer>),
        read_only_reason,
        store: identity,
    })
}

/// What a target changes in the config: the demo brings its alert rules; in a DVC repository
/// GTO's stage names (`[gto]`) stand in for the aliases.
pub fn configure_for(target: &Target, config: &mut Config) -> Result<(), crate::config::Invalid> {
    match target {
        Target::Demo { .. } => crate::demo::add_rules(config),
        Target::Dvc(_) => {
            *config = config.with_gto_stages();
            Ok(())
        }
        Target::Server(_) | Target::Local(_) | Target::Wandb(_) => Ok(()),
    }
}

fn open_wandb(t: &WandbTarget, config: &Config) -> Result<Backend, ConnectError> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let (api_key, key_origin) =
        wandb::discover_key(&t.base_url, &env, home.as_deref()).map_err(ConnectError::Open)?;
    let client = WandbClient::new(WandbSettings {
        base_url: t.base_url.clone(),
        project: t.project.clone(),
        registry: t.registry.clone(),
        artifact_type: config.wandb.artifact_type.trim().to_owned(),
        api_key,
        key_origin,
        connect_timeout: Duration::from_secs(config.tracking.connect_timeout_secs),
        timeout: Duration::from_secs(config.tracking.timeout_secs),
        retry: RetryPolicy {
            max_wait: Duration::from_secs(config.wandb.rate_limit_wait_secs),
            ..RetryPolicy::default()
        },
    })
    .map_err(|e| ConnectError::Open(e.to_string()))?;
    let store = client.identity();
    Ok(remote(client, store))
}

/// A server's client as a backend: it reads runs and models and writes (whether a person may
/// write is the config's and the server's business, not the client's).
fn remote<C>(client: C, store: StoreIdentity) -> Backend
where
    C: crate::store::RunStore + crate::store::ModelRegistry + crate::store::Writer + 'static,
{
    let client = Arc::new(client);
    Backend {
        runs: client.clone(),
        registry: client.clone(),
        writer: Some(client),
        read_only_reason: None,
        store,
    }
}

/// The path records are filed under: `./mlflow.db` and `/abs/./mlflow.db` are one store.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path))
    })
}

fn open_local(path: &Path, demo: bool) -> Result<Backend, ConnectError> {
    let store = LocalStore::open(path).map_err(|e| ConnectError::Open(e.to_string()))?;
    let identity = if demo {
        StoreIdentity::demo(store.path(), &canonical(store.path()))
    } else {
        StoreIdentity::sqlite(store.path(), &canonical(store.path()))
    };
    let read_only_reason = store.read_only_reason();
    let store = Arc::new(store);
    Ok(Backend {
        runs: store.clone(),
        registry: store.clone(),
        writer: read_only_reason
            .is_none()
            .then_some(store as Arc<dyn crate::store::Writer>),
        read_only_reason,
        store: identity,
    })
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("http://127.0.0.1:5000", Target::Server(Url::parse("http://127.0.0.1:5000").unwrap()))]
    #[case("https://mlflow.example.com/base", Target::Server(Url::parse("https://mlflow.example.com/base").unwrap()))]
    #[case("sqlite:///mlflow.db", Target::Local("mlflow.db".into()))]
    #[case("sqlite:////tmp/x/mlflow.db", Target::Local("/tmp/x/mlflow.db".into()))]
    #[case("runs/experiments.db", Target::Local("runs/experiments.db".into()))]
    fn parses_tracking_uris(#[case] uri: &str, #[case] want: Target) {
        assert_eq!(parse(uri, FROM_FLAG), Ok(want));
    }

    #[rstest]
    #[case("file:///home/ann/mlruns", "file store")]
    #[case("databricks://profile", "'databricks' is neither")]
    #[case("sqlite://", "write sqlite:///")]
    #[case("somewhere", "not an http(s) URL")]
    fn rejects_what_it_cannot_open(#[case] uri: &str, #[case] says: &str) {
        let e = parse(uri, FROM_CONFIG).unwrap_err().to_string();
        assert!(
            e.contains(says) && e.contains("from tracking.uri in the config"),
            "{e}"
        );
    }

    fn wandb(project: &str, registry: Option<&str>, base: &str) -> Target {
        Target::Wandb(WandbTarget {
            base_url: Url::parse(base).unwrap(),
            project: Scope::parse(project).unwrap(),
            registry: registry.map(str::to_owned),
        })
    }

    #[test]
    fn wandb_flags_then_mlflow_flags_then_config() {
        let mut c = Config::defaults();
        c.wandb.registry = "model".into();
        let flags = WandbFlags {
            project: Some("lab/churn"),
            ..WandbFlags::default()
        };
        assert_eq!(
            resolve_with(Some("http://mlflow:5000"), None, None, &flags, &c),
            Ok(Some(wandb(
                "lab/churn",
                Some("model"),
                "https://api.wandb.ai"
            )))
        );
        assert_eq!(
            resolve_with(Some("x.db"), None, Some(false), &flags, &c),
            Ok(Some(Target::Demo { reset: false })),
            "--demo wins"
        );
        let with_registry = WandbFlags {
            registry: Some("staging-models"),
            base_url: Some("https://wandb.acme.io"),
            ..flags
        };
        assert_eq!(
            resolve_with(None, None, None, &with_registry, &c),
            Ok(Some(wandb(
                "lab/churn",
                Some("staging-models"),
                "https://wandb.acme.io"
            )))
        );

        c.wandb.entity = "team".into();
        c.wandb.project = "fraud".into();
        c.wandb.base_url = "https://wandb.corp.example".into();
        assert_eq!(
            resolve_with(
                Some("http://mlflow:5000"),
                None,
                None,
                &WandbFlags::default(),
                &c
            ),
            Ok(Some(Target::Server(
                Url::parse("http://mlflow:5000").unwrap()
            ))),
            "an MLflow flag wins over W&B in the config"
        );
        assert_eq!(
            resolve_with(None, None, None, &WandbFlags::default(), &c),
            Ok(Some(wandb(
                "team/fraud",
                Some("model"),
                "https://wandb.corp.example"
            )))
        );
        c.tracking.uri = "http://config:5000".into();
        let e = resolve_with(None, None, None, &WandbFlags::default(), &c).unwrap_err();
        assert!(e.to_string().contains("the config names two stores"), "{e}");
    }

    #[rstest]
    #[case(WandbFlags { project: Some("churn"), ..WandbFlags::default() }, "write ENTITY/PROJECT")]
    #[case(WandbFlags { registry: Some("model"), ..WandbFlags::default() }, "--wandb-registry needs a W&B project")]
    #[case(WandbFlags { project: Some("a/b"), base_url: Some("https://api:k3y@wandb.acme.io"), ..WandbFlags::default() }, "holds credentials")]
    #[case(WandbFlags { project: Some("a/b"), base_url: Some("https://api.wandb.ai/graphql"), ..WandbFlags::default() }, "without /graphql")]
    #[case(WandbFlags { project: Some("a/b"), base_url: Some("ftp://x"), ..WandbFlags::default() }, "http:// or https://")]
    fn wandb_mistakes_are_named(#[case] flags: WandbFlags<'_>, #[case] says: &str) {
        let e = resolve_with(None, None, None, &flags, &Config::defaults())
            .unwrap_err()
            .to_string();
        assert!(e.contains(says), "{e}");
        assert!(!e.contains("k3y"), "credentials must not be echoed: {e}");
    }

    #[test]
    fn a_dvc_repository_and_a_wandb_project_cannot_both_be_named() {
        let flags = WandbFlags {
            project: Some("lab/churn"),
            ..WandbFlags::default()
        };
        let e = resolve_with(
            None,
            Some(Path::new("proj")),
            None,
            &flags,
            &Config::defaults(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("name two stores"), "{e}");
        let mut c = Config::defaults();
        c.dvc.repo = "proj".into();
        c.wandb.entity = "lab".into();
        c.wandb.project = "churn".into();
        let e = resolve(None, None, None, &c).unwrap_err().to_string();
        assert!(e.contains("dvc.repo 'proj' and the W&B project"), "{e}");
    }

    #[test]
    fn demo_wins_then_flags_then_config() {
        let mut c = Config::defaults();
        c.tracking.uri = "http://config:5000".into();
        assert_eq!(
            resolve(Some("x.db"), None, Some(true), &c),
            Ok(Some(Target::Demo { reset: true }))
        );
        assert_eq!(
            resolve(Some("x.db"), None, None, &c),
            Ok(Some(Target::Local("x.db".into())))
        );
        assert_eq!(
            resolve(Some("x.db"), Some(Path::new("proj")), None, &c),
            Ok(Some(Target::Dvc("proj".into()))),
            "a DVC flag beats MLFLOW_TRACKING_URI"
        );
        assert_eq!(
            resolve(None, None, None, &c),
            Ok(Some(Target::Server(
                Url::parse("http://config:5000").unwrap()
            )))
        );
    }

    #[test]
    fn the_config_can_name_a_dvc_repository() {
        let mut c = Config::defaults();
        c.dvc.repo = "~/proj".into();
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap();
        assert_eq!(
            resolve(None, None, None, &c),
            Ok(Some(Target::Dvc(home.join("proj"))))
        );
    }
}
