//! `clearance diff`: candidate vs baseline, with gates; exit 1 when a gate fails.

use std::process::ExitCode;

use super::{CliError, DiffArgs, DiffFormat, OK, out, print_json, refused};
use crate::domain::{ReviewSettings, VersionRef};
use crate::ops::compare::model_diff;
use crate::report;
use crate::store::Backend;

pub async fn run(
    backend: &Backend,
    settings: &ReviewSettings,
    args: &DiffArgs,
) -> Result<ExitCode, CliError> {
    let candidate = args
        .candidate
        .clone()
        .unwrap_or_else(|| VersionRef::Alias(settings.staging_alias.clone()));
    let baseline = args
        .baseline
        .clone()
        .unwrap_or_else(|| VersionRef::Alias(settings.production_alias.clone()));
    let with_trends = args.format == DiffFormat::Md;
    let cmp = model_diff(
        backend,
        &args.model,
        &candidate,
        &baseline,
        settings,
        with_trends,
    )
    .await?;
    let code = if cmp.report.passed() { OK } else { refused() };
    out::settle(u8::from(!cmp.report.passed()));
    match args.format {
        DiffFormat::Json => print_json(&report::json::comparison(&cmp))?,
        DiffFormat::Md => out::text(&report::markdown::comparison(&cmp))?,
        DiffFormat::Table => out::text(&report::text::comparison(&cmp))?,
    }
    Ok(code)
}
