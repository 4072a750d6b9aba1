//! `clearance schema NAME`: the JSON Schema of a command's `--json` output.

use std::process::ExitCode;

use super::{CliError, OK, SchemaName, print_json};
use crate::schema::Output;

impl From<SchemaName> for Output {
    fn from(n: SchemaName) -> Self {
        match n {
            SchemaName::Runs => Self::Runs,
            SchemaName::Models => Self::Models,
            SchemaName::Diff => Self::Diff,
            SchemaName::Alerts => Self::Alerts,
            SchemaName::Prs => Self::Prs,
            SchemaName::History => Self::History,
            SchemaName::Change => Self::Change,
            SchemaName::Apply => Self::Apply,
            SchemaName::Policy => Self::Policy,
            SchemaName::Audit => Self::Audit,
        }
    }
}

pub fn run(name: SchemaName) -> Result<ExitCode, CliError> {
    print_json(&Output::from(name).schema())?;
    Ok(OK)
}
