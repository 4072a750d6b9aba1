//! What the TUI is started with: where the store is and the switches given on the command
//! line. The CLI builds it from its flags; the runtime knows nothing of the CLI.

use std::path::Path;

use crate::connect::WandbFlags;
use crate::ops::gitops::HostFlags;

/// The TUI's start options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The tracking URI, typed or from `$MLFLOW_TRACKING_URI`.
    pub tracking_uri: Option<&'a str>,
    /// The tracking URI only when it was typed as a flag: with another store's flag, that is
    /// two stores named for one run, and refused.
    pub typed_tracking_uri: Option<&'a str>,
    /// A DVC repository.
    pub dvc_repo: Option<&'a Path>,
    /// `Some(reset)` when the demo was asked for.
    pub demo: Option<bool>,
    /// The W&B project, registry and server.
    pub wandb: WandbFlags<'a>,
    /// The GitHub repository and API.
    pub github: HostFlags<'a>,
    /// Remove every action that changes anything (on top of the config's `read_only`).
    pub read_only: bool,
    /// Neither read nor write the local runs cache (on top of the config's `ui.cache`).
    pub no_cache: bool,
    /// Leave the mouse to the terminal (on top of the config's `ui.mouse`).
    pub no_mouse: bool,
}
