//! `clearance prs`: open pull requests with CI, reviews and the version each promotion PR pins.

use std::process::ExitCode;

use super::{CliError, GlobalArgs, OK, PrsArgs, out, print_json};
use crate::config::Config;
use crate::domain::pull_request::{CheckSummary, PullRequest};
use crate::ops::gitops::{self, PrSettings};
use crate::report::text::{Align, table};

/// Longest title shown in the table, in characters.
const TITLE_WIDTH: usize = 60;

pub async fn run(
    global: &GlobalArgs,
    config: &Config,
    args: &PrsArgs,
) -> Result<ExitCode, CliError> {
    let host = gitops::connect(config, global.github()).await?;
    let prs = gitops::open_prs(host.as_ref(), &PrSettings::from_config(&config.promotion)).await?;
    if args.json {
        print_json(&crate::report::json::PrsDoc {
            schema_version: crate::report::json::SchemaVersion,
            pull_requests: prs,
        })?;
        return Ok(OK);
    }
    if prs.is_empty() {
        out::err(&format!(
            "no open {}s in {}",
            host.info().vocab.noun(),
            host.info().project
        ));
        return Ok(OK);
    }
    let rows: Vec<Vec<String>> = prs.iter().map(row).collect();
    out::text(&table(
        &["#", "title", "author", "ci", "review", "pins", "updated"],
        &rows,
        &[
            Align::Right,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
        ],
    ))?;
    Ok(OK)
}

fn row(p: &PullRequest) -> Vec<String> {
    let mut title = if p.draft {
        format!("[draft] {}", p.title)
    } else {
        p.title.clone()
    };
    if title.chars().count() > TITLE_WIDTH {
        title = title.chars().take(TITLE_WIDTH - 1).collect::<String>() + "…";
    }
    vec![
        p.number.to_string(),
        title,
        p.author.clone(),
        checks(&p.checks),
        p.review.label().to_owned(),
        p.promotion.as_ref().map_or_else(String::new, |r| {
            format!("{} {}", r.model, r.version.label())
        }),
        p.updated
            .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M").to_string()),
    ]
}

/// `passing 3/3`, `failing 1/3`, `no checks`.
fn checks(c: &CheckSummary) -> String {
    if c.total == 0 {
        c.state.label().to_owned()
    } else {
        format!("{} {}/{}", c.state.label(), c.passed, c.total)
    }
}
