//! `clearance audit --since DATE [--model GLOB] --format jsonl|csv|md`: the audit trail to hand
//! to an auditor. JSONL is one document per line (`clearance schema audit`); CSV and Markdown
//! carry the same columns for people.

use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};

use super::{AuditArgs, AuditFormat, CliError, OK, out};
use crate::config::Config;
use crate::domain::policy::StateRecord;
use crate::ops::audit::AuditLog;
use crate::ops::audit_trail::trail;
use crate::report::json::AuditRow;
use crate::store::Backend;

/// `2026-12-01` (midnight UTC) or an RFC 3339 time.
pub fn parse_since(text: &str) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    DateTime::parse_from_rfc3339(t)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| {
            format!(
                "'{text}' is not a date: write 2026-12-01, or a time such as 2026-12-01T09:00:00Z"
            )
        })
}

pub async fn run(
    backend: &Backend,
    config: &Config,
    args: &AuditArgs,
) -> Result<ExitCode, CliError> {
    let since = parse_since(&args.since).map_err(CliError::Usage)?;
    let log = AuditLog::for_store(&config.promotion.audit_log, &backend.store);
    let rows = trail(backend, log.as_ref(), since, &args.model)
        .await
        .map_err(CliError::from_change)?;
    match args.format {
        AuditFormat::Jsonl => {
            for r in &rows {
                let line = serde_json::to_string(r)
                    .map_err(|e| CliError::failed(format_args!("cannot write JSON: {e}")))?;
                out::line(&line)?;
            }
        }
        AuditFormat::Csv => {
            out::line(&HEADER.join(","))?;
            for r in &rows {
                let cells: Vec<String> = cells(r).iter().map(|c| csv(c)).collect();
                out::line(&cells.join(","))?;
            }
        }
        AuditFormat::Md => {
            out::line(&format!("| {} |", HEADER.join(" | ")))?;
            out::line(&format!("|{}", "---|".repeat(HEADER.len())))?;
            for r in &rows {
                let cells: Vec<String> = cells(r)
                    .iter()
                    .map(|c| c.replace('|', "\\|").replace('\n', " "))
                    .collect();
                out::line(&format!("| {} |", cells.join(" | ")))?;
            }
        }
    }
    Ok(OK)
}

const HEADER: [&str; 12] = [
    "kind",
    "at",
    "by",
    "model",
    "alias",
    "from",
    "to",
    "gates",
    "overridden",
    "reason",
    "policy",
    "store",
];

fn cells(r: &AuditRow) -> Vec<String> {
    let kind = serde_json::to_value(r.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let policy = r.policy.as_ref().map_or_else(String::new, |p| {
        let checks: Vec<String> = p
            .checks
            .iter()
            .map(|c| {
                let mark = match c.state {
                    StateRecord::Met => "met",
                    StateRecord::Unmet => "unmet",
                    StateRecord::Overridden => "overridden",
                };
                let kind = serde_json::to_value(c.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                format!("{kind} {mark}")
            })
            .collect();
        format!(
            "{}: {}",
            p.rule.as_deref().unwrap_or("freeze"),
            checks.join("; ")
        )
    });
    vec![
        kind,
        r.at.map_or_else(
            || "unknown".to_owned(),
            |a| a.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ),
        r.by.clone().unwrap_or_else(|| "unknown".to_owned()),
        r.model.clone(),
        opt(&r.alias),
        opt(&r.from),
        opt(&r.to),
        r.gates
            .as_ref()
            .map(|g| g.summary.clone())
            .unwrap_or_default(),
        r.overridden.to_string(),
        opt(&r.reason),
        policy,
        r.store.clone(),
    ]
}

/// A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break.
fn csv(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_date_or_a_time_and_says_what_to_write() {
        assert_eq!(
            parse_since("2026-12-01").unwrap().to_rfc3339(),
            "2026-12-01T00:00:00+00:00"
        );
        assert_eq!(
            parse_since("2026-12-01T09:30:00+01:00")
                .unwrap()
                .to_rfc3339(),
            "2026-12-01T08:30:00+00:00"
        );
        assert!(
            parse_since("last week")
                .unwrap_err()
                .contains("write 2026-12-01")
        );
    }

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a, b"), "\"a, b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
