//! `clearance models`: registered models, versions and aliases.

use std::process::ExitCode;

use super::{CliError, ModelsArgs, OK, out, print_json};
use crate::report::text::{Align, table};
use crate::store::Backend;

pub async fn run(backend: &Backend, args: &ModelsArgs) -> Result<ExitCode, CliError> {
    let models = backend.registry.models().await?;
    if args.json {
        print_json(&crate::report::json::ModelsDoc {
            schema_version: crate::report::json::SchemaVersion,
            models: models.iter().map(crate::report::json::model).collect(),
        })?;
        return Ok(OK);
    }
    if models.is_empty() {
        out::err("no registered models");
        return Ok(OK);
    }
    let rows: Vec<Vec<String>> = models
        .iter()
        .flat_map(|m| {
            m.versions.iter().map(|v| {
                vec![
                    m.name.clone(),
                    v.version.label(),
                    v.aliases
                        .iter()
                        .map(|a| format!("@{a}"))
                        .collect::<Vec<_>>()
                        .join(" "),
                    v.status.clone(),
                    v.run_id
                        .as_ref()
                        .map_or_else(String::new, |r| r.short().to_owned()),
                    v.created
                        .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M").to_string()),
                ]
            })
        })
        .collect();
    out::text(&table(
        &["model", "version", "aliases", "status", "run", "created"],
        &rows,
        &[
            Align::Left,
            Align::Right,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
        ],
    ))?;
    Ok(OK)
}
