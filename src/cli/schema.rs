//! `clearance schema NAME`: the JSON Schema of a command's `--json` output.

use std::process::ExitCode;

use super::{CliError, OK, print_json};
use crate::schema::Output;

pub fn run(name: Output) -> Result<ExitCode, CliError> {
    print_json(&name.schema())?;
    Ok(OK)
}
