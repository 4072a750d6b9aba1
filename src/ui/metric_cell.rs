//! A metric value with its change against the baseline, coloured by verdict.

use ratatui::text::{Line, Span};

use crate::config::theme::Theme;
use crate::domain::value::{format_pct, format_value};
use crate::domain::{MetricDiff, Verdict};

/// The style for a verdict.
pub fn verdict_style(v: Verdict, theme: &Theme) -> ratatui::style::Style {
    match v {
        Verdict::Improved => theme.improved,
        Verdict::Regressed => theme.regressed,
        Verdict::NonFinite | Verdict::MissingCandidate => theme.warning,
        Verdict::WithinTolerance | Verdict::MissingBaseline => theme.muted,
        Verdict::Changed => theme.neutral,
    }
}

/// `0.9540 ▲+0.3%`: the candidate's value, then the verdict mark and Δ%.
pub fn delta_cell<'a>(d: &MetricDiff, theme: &Theme) -> Line<'a> {
    let value = d.candidate.map_or_else(|| "—".to_owned(), format_value);
    let style = verdict_style(d.verdict, theme);
    let change = match (d.verdict, d.delta_pct) {
        (Verdict::MissingCandidate | Verdict::MissingBaseline, _) => String::new(),
        (Verdict::NonFinite, _) => " !".to_owned(),
        (Verdict::WithinTolerance, _) if d.delta == Some(0.0) => String::new(),
        (v, Some(p)) => format!(" {}{}", v.symbol(), format_pct(p)),
        (v, None) => format!(" {}", v.symbol()),
    };
    let value_style = if d.verdict == Verdict::NonFinite {
        theme.warning
    } else {
        theme.text
    };
    Line::from(vec![
        Span::styled(value, value_style),
        Span::styled(change, style),
    ])
}
