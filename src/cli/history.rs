//! `clearance history MODEL`: what was in production when, and who moved it.

use std::process::ExitCode;

use super::{CliError, HistoryArgs, OK, out, print_json};
use crate::config::Config;
use crate::domain::change::ChangeError;
use crate::ops::audit::AuditLog;
use crate::ops::promote;
use crate::report::text::{Align, table};
use crate::store::Backend;

pub async fn run(
    backend: &Backend,
    config: &Config,
    args: &HistoryArgs,
) -> Result<ExitCode, CliError> {
    let log = AuditLog::for_store(&config.promotion.audit_log, &backend.store);
    let (model, entries) = promote::history(backend, &args.model, log.as_ref())
        .await
        .map_err(|e: ChangeError| CliError::failed(e))?;
    if args.json {
        print_json(&crate::report::json::HistoryDoc::new(&model, &entries))?;
        return Ok(OK);
    }
    let now: Vec<String> = model
        .aliases
        .iter()
        .map(|(a, v)| format!("@{a} {}", v.label()))
        .collect();
    out::line(&format!(
        "{}: {}",
        model.name,
        if now.is_empty() {
            "no aliases".into()
        } else {
            now.join(", ")
        }
    ))?;
    for (alias, version) in crate::domain::promotion::moved_outside(&model, &entries) {
        out::line(&format!(
            "@{alias} {}: moved outside clearance, time unknown (no record of this move)",
            version.label()
        ))?;
    }
    if entries.is_empty() {
        out::line("no recorded alias moves (clearance records the ones it makes)")?;
        return Ok(OK);
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                format!("{:?}", e.action).to_lowercase()
                    + if e.overridden {
                        " (gates overridden)"
                    } else {
                        ""
                    },
                e.describe(),
                e.by.clone(),
                e.gates
                    .as_ref()
                    .map_or_else(String::new, |g| g.summary.clone()),
                e.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out::text(&table(
        &["when (UTC)", "action", "change", "by", "gates", "reason"],
        &rows,
        &[Align::Left; 6],
    ))?;
    Ok(OK)
}
