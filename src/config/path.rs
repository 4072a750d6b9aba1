//! Which config file clearance reads, and why that one.

use std::path::{Path, PathBuf};

/// Where the config file named by the first rule that names one is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPath {
    /// `None`: no config directory could be found (no home directory).
    pub path: Option<PathBuf>,
    /// Named by `--config` or `$CLEARANCE_CONFIG`: a missing file is an error, not defaults.
    pub required: bool,
    /// Which rule chose it, for `clearance config path`.
    pub origin: &'static str,
}

impl ConfigPath {
    /// `explicit` is `--config`; then `$CLEARANCE_CONFIG`; then `config.toml` in the config
    /// dir ([`super::config_dir`]).
    pub fn find(explicit: Option<&Path>) -> Self {
        let env = std::env::var_os("CLEARANCE_CONFIG").filter(|v| !v.is_empty());
        match (explicit, env) {
            (Some(p), _) => Self {
                path: Some(p.to_path_buf()),
                required: true,
                origin: "--config",
            },
            (None, Some(p)) => Self {
                path: Some(PathBuf::from(p)),
                required: true,
                origin: "$CLEARANCE_CONFIG",
            },
            (None, None) => Self {
                path: super::config_dir().map(|d| d.join("config.toml")),
                required: false,
                origin: "the config directory",
            },
        }
    }
}
