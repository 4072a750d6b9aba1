//! `clearance runs`: every run, as JSON or a table.

use std::collections::BTreeMap;
use std::process::ExitCode;

use super::{CliError, OK, RunsArgs, out, progress};
use crate::domain::ReviewSettings;
use crate::domain::value::format_value;
use crate::ops;
use crate::report::text::{Align, table};
use crate::store::{Backend, RunQuery};

pub async fn run(
    backend: &Backend,
    settings: &ReviewSettings,
    args: &RunsArgs,
) -> Result<ExitCode, CliError> {
    let progress = progress::Progress::start("listing runs");
    let experiments = backend.runs.experiments().await?;
    let ids = if args.experiments.is_empty() {
        experiments.iter().map(|e| e.id.clone()).collect()
    } else {
        crate::domain::experiment::resolve_names(&experiments, &args.experiments)
            .map_err(CliError::NotFound)?
    };
    let query = RunQuery {
        experiment_ids: ids,
        filter: args.filter.clone(),
        order_by: Vec::new(),
        page_size: ops::runs::LISTING_PAGE,
    };
    let names: BTreeMap<_, _> = experiments
        .iter()
        .map(|e| (&e.id, e.name.as_str()))
        .collect();
    let experiment = |r: &crate::domain::Run| names.get(&r.experiment_id).copied().unwrap_or("");
    if args.json {
        return stream_json(backend, settings, &query, progress, experiment).await;
    }
    let runs = ops::runs::all_with(backend, &query, |n| progress.count(n)).await?;
    let mut with_runs: Vec<_> = runs.iter().map(|r| r.experiment_id.clone()).collect();
    with_runs.sort();
    with_runs.dedup();
    let baselines = ops::baseline::for_experiments(backend, &with_runs, settings).await?;
    drop(progress);
    let is_baseline = |r: &crate::domain::Run| {
        baselines
            .get(&r.experiment_id)
            .is_some_and(|b| b.run.id == r.id)
    };
    if runs.is_empty() {
        out::err("no runs match");
        return Ok(OK);
    }
    let metrics = crate::domain::key_metrics::key_metrics(&runs, settings, 3);
    let mut headers = vec!["", "run", "experiment", "status", "started"];
    headers.extend(metrics.iter().map(String::as_str));
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|r| {
            let mut row = vec![
                if is_baseline(r) {
                    "◆".into()
                } else {
                    String::new()
                },
                r.display_name().to_owned(),
                experiment(r).to_owned(),
                r.status.to_string(),
                r.start_time
                    .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M").to_string()),
            ];
            row.extend(
                metrics
                    .iter()
                    .map(|m| r.metric(m).map_or_else(String::new, format_value)),
            );
            row
        })
        .collect();
    let mut align = vec![Align::Left; 5];
    align.extend(std::iter::repeat_n(Align::Right, metrics.len()));
    out::text(&table(&headers, &rows, &align))?;
    for b in baselines.values() {
        if let Some(w) = &b.warning {
            out::err(&format!("warning: {w}"));
        }
    }
    Ok(OK)
}

/// Text written out at once by `--json`: a page of a thousand runs is about a megabyte of
/// text, which need not be held to be written.
const OUTPUT_CHUNK: usize = 64 * 1024;

/// `--json`: the runs written as they arrive, a batch (a page) at a time, so memory holds a
/// few batches, not the listing. Baselines are found
/// first, for every experiment asked. A failure half-way leaves the array unclosed (see
/// [`out::JsonArray`]).
async fn stream_json<'a>(
    backend: &Backend,
    settings: &ReviewSettings,
    query: &RunQuery,
    progress: progress::Progress,
    experiment: impl Fn(&crate::domain::Run) -> &'a str,
) -> Result<ExitCode, CliError> {
    let baselines =
        ops::baseline::for_experiments(backend, &query.experiment_ids, settings).await?;
    let mut progress = Some(progress);
    let mut array = out::JsonArray::in_document(
        &serde_json::json!({ "schema_version": crate::report::json::SCHEMA_VERSION }),
        "runs",
    )?;
    ops::runs::each_batch(backend, query, |batch| {
        if batch.is_empty() {
            return Ok::<(), CliError>(());
        }
        // Rows on the terminal from now on: the spinner would draw over them.
        progress = None;
        for r in &batch {
            let baseline = baselines
                .get(&r.experiment_id)
                .is_some_and(|b| b.run.id == r.id);
            array.push(&crate::report::json::run(r, experiment(r), baseline))?;
            if array.buffered() >= OUTPUT_CHUNK {
                array.flush()?;
            }
        }
        array.flush()
    })
    .await?;
    drop(progress);
    array.finish()?;
    Ok(OK)
}
