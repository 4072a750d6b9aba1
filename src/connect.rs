//! Which backend to open: flags, environment and config, in that order.

use std::time::Duration;

use url::Url;

use crate::backends::Backend;
use crate::backends::mlflow::{MlflowClient, MlflowSettings};
use crate::config::Config;

/// Where the tracking URI came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UriSource {
    /// `--tracking-uri` or `$MLFLOW_TRACKING_URI`.
    FlagOrEnv,
    /// `tracking.uri` in the config.
    Config,
}

/// Why no backend could be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectError {
    /// Nothing says where runs live.
    #[error(
        "no tracking store given: pass --tracking-uri http://HOST:PORT, set MLFLOW_TRACKING_URI, \
         or set tracking.uri in the config"
    )]
    NotConfigured,
    /// The URI cannot be used.
    #[error("tracking URI '{uri}' ({source_name}): {detail}")]
    BadUri {
        uri: String,
        source_name: &'static str,
        detail: String,
    },
}

/// The tracking URI to use, and where it came from.
pub fn tracking_uri(flag_or_env: Option<&str>, config: &Config) -> Option<(String, UriSource)> {
    let flag = flag_or_env.map(str::trim).filter(|s| !s.is_empty());
    if let Some(u) = flag {
        return Some((u.to_owned(), UriSource::FlagOrEnv));
    }
    let conf = config.tracking.uri.trim();
    (!conf.is_empty()).then(|| (conf.to_owned(), UriSource::Config))
}

/// Opens the backend the flags, environment and config point at.
pub fn open(flag_or_env: Option<&str>, config: &Config) -> Result<Backend, ConnectError> {
    let (uri, source) = tracking_uri(flag_or_env, config).ok_or(ConnectError::NotConfigured)?;
    let source_name = match source {
        UriSource::FlagOrEnv => "from --tracking-uri or MLFLOW_TRACKING_URI",
        UriSource::Config => "from tracking.uri in the config",
    };
    let bad = |detail: String| ConnectError::BadUri {
        uri: uri.clone(),
        source_name,
        detail,
    };
    let url = Url::parse(&uri).map_err(|e| bad(format!("not a URL: {e}")))?;
    match url.scheme() {
        "http" | "https" => {
            let mut settings = MlflowSettings::new(url);
            settings.connect_timeout = Duration::from_secs(config.tracking.connect_timeout_secs);
            settings.timeout = Duration::from_secs(config.tracking.timeout_secs);
            let client = MlflowClient::new(settings).map_err(|e| bad(e.to_string()))?;
            let label = client.label().to_owned();
            let client = std::sync::Arc::new(client);
            Ok(Backend {
                runs: client.clone(),
                registry: client.clone(),
                writer: Some(client),
                read_only_reason: None,
                label,
            })
        }
        other => Err(bad(format!(
            "clearance speaks to MLflow over http(s); the scheme '{other}' is not supported"
        ))),
    }
}
