//! The Markdown report: what a reviewer reads in a pull request or a CI summary.
//!
//! Names and params come from the store: control characters in them are replaced by visible
//! stand-ins ([`printable_lines`]), since the report is also read in terminals (`gh pr view`,
//! CI logs).

use std::fmt::Write as _;

use crate::domain::comparison::Comparison;
use crate::domain::spark::sparkline;
use crate::domain::text::printable_lines;
use crate::domain::value::{format_delta, format_pct, format_value};
use crate::domain::{Gate, Verdict};

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
        .replace('`', "\\`")
}

fn opt(v: Option<f64>, f: fn(f64) -> String) -> String {
    v.map_or_else(|| "—".to_owned(), f)
}

/// The report. Sparklines show the candidate's history (and the baseline's below it).
pub fn comparison(cmp: &Comparison) -> String {
    let mut md = String::new();
    let subject = cmp
        .model
        .as_deref()
        .map(|m| format!("`{}` ", cell(m)))
        .unwrap_or_default();
    let _ = writeln!(
        md,
        "### {subject}{} vs {}\n",
        cell(&cmp.candidate.label()),
        cell(&cmp.baseline.label())
    );
    let headline = if cmp.report.gated().next().is_none() {
        "**No gates configured**".to_owned()
    } else if cmp.report.passed() {
        "**✅ Gates pass**".to_owned()
    } else {
        "**❌ Gates fail**".to_owned()
    };
    let _ = writeln!(md, "{headline} · {}\n", cmp.report.verdict_summary());
    for m in cmp.report.failures() {
        if let Some(r) = &m.gate_reason {
            let _ = writeln!(md, "- ❌ `{}`: {}", cell(&m.name), cell(r));
        }
    }
    if cmp.report.failures().next().is_some() {
        md.push('\n');
    }
    if cmp.report.metrics.is_empty() {
        md.push_str("_Neither run logged any metric._\n");
    } else {
        let trends = !cmp.trends.is_empty();
        md.push_str("| Metric | Baseline | Candidate | Δ | Δ% | Verdict | Gate |");
        md.push_str(if trends {
            " Trend (candidate / baseline) |\n"
        } else {
            "\n"
        });
        md.push_str("|:--|--:|--:|--:|--:|:--|:--|");
        md.push_str(if trends { ":--|\n" } else { "\n" });
        for m in &cmp.report.metrics {
            let verdict = match m.verdict {
                Verdict::Improved => "🟢 improved".to_owned(),
                Verdict::Regressed => "🔴 regressed".to_owned(),
                v => format!("{} {}", v.symbol(), v.label()),
            };
            let gate = match m.gate {
                Some(Gate::Pass) => "✅",
                Some(Gate::Fail) => "❌",
                None => "",
            };
            let _ = write!(
                md,
                "| {} {} | {} | {} | {} | {} | {verdict} | {gate} |",
                m.direction.arrow().trim(),
                cell(&m.name),
                opt(m.baseline, format_value),
                opt(m.candidate, format_value),
                opt(m.delta, format_delta),
                opt(m.delta_pct, format_pct),
            );
            if trends {
                let (c, b) = cmp.trends.get(&m.name).cloned().unwrap_or_default();
                let _ = write!(md, " `{}` / `{}` |", sparkline(&c, 16), sparkline(&b, 16));
            }
            md.push('\n');
        }
    }
    if !cmp.params.is_empty() {
        let _ = writeln!(
            md,
            "\n<details><summary>Changed params ({})</summary>\n\n| Param | Baseline | Candidate |\n|:--|:--|:--|",
            cmp.params.len()
        );
        for p in &cmp.params {
            let _ = writeln!(
                md,
                "| {} | {} | {} |",
                cell(&p.key),
                p.baseline.as_deref().map_or("—".to_owned(), cell),
                p.candidate.as_deref().map_or("—".to_owned(), cell)
            );
        }
        md.push_str("\n</details>\n");
    }
    let _ = writeln!(
        md,
        "\n<sub>↑ higher is better · ↓ lower is better · candidate run `{}` · baseline run `{}` · clearance {}</sub>",
        cmp.candidate.run.id,
        cmp.baseline.run.id,
        env!("CARGO_PKG_VERSION")
    );
    printable_lines(&md).into_owned()
}
