//! Which store to open, in this order: `--demo`; `--dvc-repo`; `--tracking-uri` or
//! `$MLFLOW_TRACKING_URI`; `tracking.uri` in the config; `dvc.repo` in the config;
//! `./mlflow.db` when it exists; the DVC repository clearance is started in (a `.dvc`
//! directory here or above, inside a git repository). With none of these, the TUI shows a
//! start screen and the commands say how to point clearance at a store.
//!
//! `--dvc-repo` comes before `--tracking-uri` because the environment fills the latter
//! (`$MLFLOW_TRACKING_URI`), and a flag typed for this run should beat a variable set for
//! every run. The config cannot name both (checked when it is loaded).
//!
//! A DVC repository is two backends over one git repository: the DVC run store for runs and
//! GTO's tags for the registry, whose stages (`[gto]`) take the place of the aliases.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::backends::Backend;
use crate::backends::dvc::{Dvc, DvcOptions, FirstScreen};
use crate::backends::gto::{Gto, GtoSettings};
use crate::backends::mlflow::{MlflowClient, MlflowSettings};
use crate::backends::mlflow_local::LocalStore;
use crate::config::Config;

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
}

/// Why no store could be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectError {
    /// Nothing says where runs live.
    #[error(
        "no tracking store: pass --tracking-uri (http://HOST:PORT, sqlite:///path/mlflow.db or a \
         .db file) or --dvc-repo PATH, set MLFLOW_TRACKING_URI, set tracking.uri or dvc.repo in \
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
}

const FROM_FLAG: &str = "from --tracking-uri or MLFLOW_TRACKING_URI";
const FROM_CONFIG: &str = "from tracking.uri in the config";

/// Decides what to open. `Ok(None)`: nothing is configured (show the start screen).
pub fn resolve(
    flag_or_env: Option<&str>,
    dvc_repo: Option<&Path>,
    demo: Option<bool>,
    config: &Config,
) -> Result<Option<Target>, ConnectError> {
    if let Some(reset) = demo {
        return Ok(Some(Target::Demo { reset }));
    }
    if let Some(path) = dvc_repo {
        return Ok(Some(Target::Dvc(path.to_path_buf())));
    }
    if let Some(uri) = flag_or_env.map(str::trim).filter(|s| !s.is_empty()) {
        return parse(uri, FROM_FLAG).map(Some);
    }
    let conf = config.tracking.uri.trim();
    if !conf.is_empty() {
        return parse(conf, FROM_CONFIG).map(Some);
    }
    let repo = config.dvc.repo.trim();
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

/// Reads a tracking URI as MLflow writes them.
pub fn parse(uri: &str, origin: &'static str) -> Result<Target, ConnectError> {
    let bad = |detail: &str| ConnectError::BadUri {
        uri: uri.to_owned(),
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
            let label = client.label().to_owned();
            let client = Arc::new(client);
            Ok(Backend {
                runs: client.clone(),
                registry: client.clone(),
                writer: Some(client),
                read_only_reason: None,
                label,
            })
        }
        Target::Local(path) => open_local(path, None),
        Target::Demo { reset } => {
            let (path, _) = crate::demo::prepare(*reset).map_err(ConnectError::Open)?;
            open_local(&path, Some("demo"))
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
    let label = store.label().to_owned();
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
            .then_some(registry as Arc<dyn crate::backends::Writer>),
        read_only_reason,
        label,
    })
}

/// What a target changes in the config: the demo brings its alert rules; in a DVC repository
/// GTO's stage names (`[gto]`) stand in for the aliases.
pub fn configure_for(target: &Target, config: &mut Config) -> Result<(), String> {
    match target {
        Target::Demo { .. } => crate::demo::add_rules(config),
        Target::Dvc(_) => {
            *config = config.with_gto_stages();
            Ok(())
        }
        Target::Server(_) | Target::Local(_) => Ok(()),
    }
}

fn open_local(path: &Path, name: Option<&str>) -> Result<Backend, ConnectError> {
    let store = LocalStore::open(path).map_err(|e| ConnectError::Open(e.to_string()))?;
    let label = match name {
        Some(n) => format!("MLflow store ({n}) {}", store.path().display()),
        None => store.label(),
    };
    let read_only_reason = store.read_only_reason();
    let store = Arc::new(store);
    Ok(Backend {
        runs: store.clone(),
        registry: store.clone(),
        writer: read_only_reason
            .is_none()
            .then_some(store as Arc<dyn crate::backends::Writer>),
        read_only_reason,
        label,
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
