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
        // Nothing to compare: a run without the metric shows only `—`, never `— =`, which
        // would read as "within tolerance".
        _ if d.candidate.is_none() => String::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::diff::{MetricPolicy, diff_one};

    #[test]
    fn a_metric_the_run_lacks_is_only_a_dash() {
        let theme = Theme::default();
        let policy = MetricPolicy::default();
        let text = |b: Option<f64>, c: Option<f64>| {
            delta_cell(&diff_one("m", b, c, &policy), &theme).to_string()
        };
        assert_eq!(text(None, None), "—", "neither side has it");
        assert_eq!(text(Some(1.0), None), "—");
        assert_eq!(text(None, Some(2.0)), "2");
    }
}
