//! The event loop (work in progress).

use std::process::ExitCode;

use crate::cli::{CliError, GlobalArgs};
use crate::config::Config;

#[expect(
    clippy::unused_async,
    reason = "placeholder until the event loop lands"
)]
pub async fn run(_global: &GlobalArgs, _config: Config) -> Result<ExitCode, CliError> {
    Err(CliError("the TUI is being built".into()))
}
