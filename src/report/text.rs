//! Aligned plain-text tables for terminals and logs (no colour: output may be piped).

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::domain::Gate;
use crate::domain::comparison::Comparison;
use crate::domain::text::printable;
use crate::domain::value::{format_delta, format_pct, format_value};

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Renders rows under headers, columns padded to their widest cell (by display width).
/// Cells are made [`printable`] first: a stored name can hold a control character, which
/// would otherwise reach the terminal and throw the columns off.
pub fn table(headers: &[&str], rows: &[Vec<String>], align: &[Align]) -> String {
    let rows: Vec<Vec<Cow<'_, str>>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| printable(cell)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.width());
            }
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let mut out = String::new();
        for (i, cell) in cells.enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            let pad = " ".repeat(w.saturating_sub(cell.width()));
            if i > 0 {
                out.push_str("  ");
            }
            if align.get(i) == Some(&Align::Right) {
                out.push_str(&pad);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&pad);
            }
        }
        out.trim_end().to_owned()
    };
    let mut out = line(&mut headers.iter().copied());
    out.push('\n');
    for row in &rows {
        out.push_str(&line(&mut row.iter().map(AsRef::as_ref)));
        out.push('\n');
    }
    out
}

fn opt(v: Option<f64>, f: fn(f64) -> String) -> String {
    v.map_or_else(|| "—".to_owned(), f)
}

/// The comparison as a text table, with a verdict line.
pub fn comparison(cmp: &Comparison) -> String {
    let mut out = String::new();
    let subject = cmp
        .model
        .as_deref()
        .map(|m| format!("{m}: "))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{subject}{} (candidate) vs {} (baseline)",
        cmp.candidate.label(),
        cmp.baseline.label()
    );
    let verdict = if cmp.report.passed() { "PASS" } else { "FAIL" };
    let _ = writeln!(out, "{verdict}: {}\n", cmp.report.summary());
    let rows: Vec<Vec<String>> = cmp
        .report
        .metrics
        .iter()
        .map(|m| {
            vec![
                format!("{} {}", m.direction.arrow(), m.name),
                opt(m.baseline, format_value),
                opt(m.candidate, format_value),
                opt(m.delta, format_delta),
                opt(m.delta_pct, format_pct),
                format!("{} {}", m.verdict.symbol(), m.verdict.label()),
                match m.gate {
                    Some(Gate::Pass) => "pass".into(),
                    Some(Gate::Fail) => "FAIL".into(),
                    None => String::new(),
                },
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "metric",
            "baseline",
            "candidate",
            "Δ",
            "Δ%",
            "verdict",
            "gate",
        ],
        &rows,
        &[
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Left,
            Align::Left,
        ],
    ));
    for m in cmp.report.failures() {
        if let Some(reason) = &m.gate_reason {
            let _ = writeln!(out, "gate failed: {}: {reason}", m.name);
        }
    }
    if !cmp.params.is_empty() {
        out.push('\n');
        let rows: Vec<Vec<String>> = cmp
            .params
            .iter()
            .map(|p| {
                vec![
                    p.key.clone(),
                    p.baseline.clone().unwrap_or_else(|| "—".into()),
                    p.candidate.clone().unwrap_or_else(|| "—".into()),
                ]
            })
            .collect();
        out.push_str(&table(
            &["changed param", "baseline", "candidate"],
            &rows,
            &[Align::Left, Align::Left, Align::Left],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_display_width() {
        let t = table(
            &["name", "n"],
            &[
                vec!["模型".into(), "1".into()],
                vec!["ab".into(), "22".into()],
            ],
            &[Align::Left, Align::Right],
        );
        assert_eq!(t, "name   n\n模型   1\nab    22\n");
    }
}
