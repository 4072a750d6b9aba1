//! Candidate-versus-baseline metric diffs with direction, tolerance, verdicts and gates.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::direction::{Direction, default_direction};
use super::name_pattern::NamePattern;
use super::value::{format_pct, format_value};

/// What the team says about metrics matching a name pattern (from the config's `[[metrics]]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetricRuleSpec {
    /// A metric name or glob (`val_*`, `*loss*`); matching ignores case.
    pub pattern: String,
    pub better: Option<Direction>,
    /// Changes up to this size (in the metric's units) are within tolerance.
    pub tolerance: Option<f64>,
    /// Changes up to this percentage of the baseline are within tolerance.
    pub tolerance_pct: Option<f64>,
    /// Whether a regression beyond tolerance fails the comparison.
    pub gate: Option<bool>,
    /// The candidate must be at least this (a gate of its own).
    pub min: Option<f64>,
    /// The candidate must be at most this (a gate of its own).
    pub max: Option<f64>,
}

#[derive(Debug, Clone)]
struct MetricRule {
    spec: MetricRuleSpec,
    matcher: NamePattern,
}

/// The rules for every metric: config rules in order, then built-in directions.
#[derive(Debug, Clone, Default)]
pub struct MetricRules {
    rules: Vec<MetricRule>,
}

/// The effective policy for one metric, after rules are applied.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MetricPolicy {
    pub direction: Direction,
    pub tolerance: Option<f64>,
    pub tolerance_pct: Option<f64>,
    pub gated: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl MetricRules {
    /// Builds the rules; a bad glob is reported with its pattern.
    pub fn new(specs: Vec<MetricRuleSpec>) -> Result<Self, String> {
        let rules = specs
            .into_iter()
            .map(|spec| {
                let matcher = NamePattern::new(&spec.pattern)
                    .map_err(|e| format!("bad metric pattern '{}': {e}", spec.pattern))?;
                Ok(MetricRule { spec, matcher })
            })
            .collect::<Result<_, String>>()?;
        Ok(Self { rules })
    }

    /// Each field comes from the first matching rule that sets it; the direction falls back to
    /// the built-in guess.
    pub fn policy(&self, name: &str) -> MetricPolicy {
        let lower = name.to_lowercase();
        let matching: Vec<&MetricRuleSpec> = self
            .rules
            .iter()
            .filter(|r| r.matcher.is_match(name, &lower))
            .map(|r| &r.spec)
            .collect();
        let first = |f: &dyn Fn(&MetricRuleSpec) -> Option<f64>| matching.iter().find_map(|s| f(s));
        let min = first(&|s| s.min);
        let max = first(&|s| s.max);
        MetricPolicy {
            direction: matching
                .iter()
                .find_map(|s| s.better)
                .unwrap_or_else(|| default_direction(name)),
            tolerance: first(&|s| s.tolerance),
            tolerance_pct: first(&|s| s.tolerance_pct),
            gated: matching.iter().find_map(|s| s.gate).unwrap_or(false)
                || min.is_some()
                || max.is_some(),
            min,
            max,
        }
    }

    pub fn direction(&self, name: &str) -> Direction {
        self.policy(name).direction
    }

    /// Whether any rule gates anything (so "no gates configured" can be said).
    pub fn has_gates(&self) -> bool {
        self.rules
            .iter()
            .any(|r| r.spec.gate == Some(true) || r.spec.min.is_some() || r.spec.max.is_some())
    }
}

/// The outcome for one metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Improved,
    Regressed,
    /// The change is no bigger than the tolerance (or there is none).
    WithinTolerance,
    /// A neutral metric changed beyond tolerance: neither better nor worse.
    Changed,
    MissingBaseline,
    MissingCandidate,
    /// One side is NaN or infinite, so no difference can be taken.
    NonFinite,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Self::Improved => "improved",
            Self::Regressed => "regressed",
            Self::WithinTolerance => "within tolerance",
            Self::Changed => "changed",
            Self::MissingBaseline => "missing in baseline",
            Self::MissingCandidate => "missing in candidate",
            Self::NonFinite => "non-finite",
        }
    }

    /// A one-character mark for narrow tables and Markdown.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Improved => "▲",
            Self::Regressed => "▼",
            Self::WithinTolerance => "=",
            Self::Changed => "~",
            Self::MissingBaseline | Self::MissingCandidate => "∅",
            Self::NonFinite => "!",
        }
    }
}

/// A gate's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Gate {
    Pass,
    Fail,
}

/// One metric compared.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricDiff {
    pub name: String,
    pub baseline: Option<f64>,
    pub candidate: Option<f64>,
    pub delta: Option<f64>,
    /// Change relative to the baseline's magnitude, in percent; `None` for a zero baseline.
    pub delta_pct: Option<f64>,
    pub direction: Direction,
    pub verdict: Verdict,
    /// `None` when no gate applies to this metric.
    pub gate: Option<Gate>,
    /// Why the gate failed, in words a reviewer can act on.
    pub gate_reason: Option<String>,
    /// The tolerance that applied, for display (`±0.005`, `±1%`).
    pub tolerance: Option<Tolerance>,
}

/// A tolerance, absolute and/or relative.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerance {
    pub abs: Option<f64>,
    pub pct: Option<f64>,
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.abs, self.pct) {
            (Some(a), Some(p)) => write!(f, "±{} or ±{}%", format_value(a), format_value(p)),
            (Some(a), None) => write!(f, "±{}", format_value(a)),
            (None, Some(p)) => write!(f, "±{}%", format_value(p)),
            (None, None) => f.write_str("exact"),
        }
    }
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiffReport {
    pub metrics: Vec<MetricDiff>,
}

impl DiffReport {
    /// Compares every metric present on either side.
    pub fn compute(
        baseline: &BTreeMap<String, f64>,
        candidate: &BTreeMap<String, f64>,
        rules: &MetricRules,
    ) -> Self {
        let mut names: Vec<&String> = baseline.keys().chain(candidate.keys()).collect();
        names.sort();
        names.dedup();
        let metrics = names
            .into_iter()
            .map(|name| {
                diff_one(
                    name,
                    baseline.get(name).copied(),
                    candidate.get(name).copied(),
                    &rules.policy(name),
                )
            })
            .collect();
        Self { metrics }
    }

    /// Orders metrics for reading: `key` metrics first in that order, then gated ones, then the
    /// rest by name, with `system/` metrics last.
    pub fn sort_for(&mut self, key: &[String]) {
        self.metrics.sort_by_key(|m| {
            let rank = key.iter().position(|k| k == &m.name).unwrap_or(usize::MAX);
            (
                rank,
                m.gate.is_none(),
                m.name.starts_with("system/"),
                m.name.clone(),
            )
        });
    }

    /// True when no gate failed (also when no gate applies).
    pub fn passed(&self) -> bool {
        self.metrics.iter().all(|m| m.gate != Some(Gate::Fail))
    }

    pub fn gated(&self) -> impl Iterator<Item = &MetricDiff> {
        self.metrics.iter().filter(|m| m.gate.is_some())
    }

    pub fn failures(&self) -> impl Iterator<Item = &MetricDiff> {
        self.metrics.iter().filter(|m| m.gate == Some(Gate::Fail))
    }

    pub fn count(&self, verdict: Verdict) -> usize {
        self.metrics.iter().filter(|m| m.verdict == verdict).count()
    }

    pub fn get(&self, name: &str) -> Option<&MetricDiff> {
        self.metrics.iter().find(|m| m.name == name)
    }

    /// One line: "1/1 gates pass · 3 improved, 1 regressed, 2 within tolerance".
    pub fn summary(&self) -> String {
        format!("{} · {}", self.gate_summary(), self.verdict_summary())
    }

    /// "3 improved, 1 regressed", or "no metrics".
    pub fn verdict_summary(&self) -> String {
        let mut parts = Vec::new();
        for v in [
            Verdict::Improved,
            Verdict::Regressed,
            Verdict::WithinTolerance,
            Verdict::Changed,
            Verdict::MissingBaseline,
            Verdict::MissingCandidate,
            Verdict::NonFinite,
        ] {
            let n = self.count(v);
            if n > 0 {
                parts.push(format!("{n} {}", v.label()));
            }
        }
        if parts.is_empty() {
            "no metrics".to_owned()
        } else {
            parts.join(", ")
        }
    }

    /// "2/2 gates pass", "1 of 2 gates fail", "no gates".
    pub fn gate_summary(&self) -> String {
        let gates = self.gated().count();
        if gates == 0 {
            "no gates".to_owned()
        } else if self.passed() {
            format!("{gates}/{gates} gates pass")
        } else {
            format!("{} of {gates} gates fail", self.failures().count())
        }
    }
}

/// Compares one metric.
pub fn diff_one(
    name: &str,
    baseline: Option<f64>,
    candidate: Option<f64>,
    policy: &MetricPolicy,
) -> MetricDiff {
    let tolerance =
        (policy.tolerance.is_some() || policy.tolerance_pct.is_some()).then_some(Tolerance {
            abs: policy.tolerance,
            pct: policy.tolerance_pct,
        });
    let mut d = MetricDiff {
        name: name.to_owned(),
        baseline,
        candidate,
        delta: None,
        delta_pct: None,
        direction: policy.direction,
        verdict: Verdict::WithinTolerance,
        gate: None,
        gate_reason: None,
        tolerance,
    };
    let mut fail: Option<String> = None;
    match (baseline, candidate) {
        (None, None) => {}
        (Some(_), None) => {
            d.verdict = Verdict::MissingCandidate;
            fail = Some("missing in the candidate".into());
        }
        (None, Some(c)) => {
            d.verdict = Verdict::MissingBaseline;
            if !c.is_finite() {
                fail = Some(format!("the candidate's value is {}", format_value(c)));
            }
        }
        (Some(b), Some(c)) if !b.is_finite() || !c.is_finite() => {
            d.verdict = Verdict::NonFinite;
            if !c.is_finite() {
                fail = Some(format!("the candidate's value is {}", format_value(c)));
            }
        }
        (Some(b), Some(c)) => {
            let delta = c - b;
            // Two finite values can differ by more than f64 holds (1e308 → -1e308): Δ is then
            // unknown rather than an infinity neither value has, and Δ% is computed scaled.
            d.delta = delta.is_finite().then_some(delta);
            d.delta_pct = relative_change(b, c, delta);
            let within = delta == 0.0
                || policy.tolerance.is_some_and(|t| delta.abs() <= t)
                || (policy
                    .tolerance_pct
                    .is_some_and(|t| d.delta_pct.is_some_and(|p| p.abs() <= t)));
            d.verdict = if within {
                Verdict::WithinTolerance
            } else {
                match policy.direction {
                    Direction::Higher if c > b => Verdict::Improved,
                    Direction::Lower if c < b => Verdict::Improved,
                    Direction::Higher | Direction::Lower => Verdict::Regressed,
                    Direction::Neutral => Verdict::Changed,
                }
            };
            if matches!(d.verdict, Verdict::Regressed | Verdict::Changed) {
                fail = Some(change_reason(&d));
            }
        }
    }
    if let Some(c) = candidate.filter(|c| c.is_finite()) {
        if let Some(min) = policy.min.filter(|m| c < *m) {
            fail = Some(format!(
                "{} is below the minimum {}",
                format_value(c),
                format_value(min)
            ));
        } else if let Some(max) = policy.max.filter(|m| c > *m) {
            fail = Some(format!(
                "{} is above the maximum {}",
                format_value(c),
                format_value(max)
            ));
        }
    }
    if policy.gated {
        d.gate = Some(if fail.is_some() {
            Gate::Fail
        } else {
            Gate::Pass
        });
        d.gate_reason = fail;
    }
    d
}

/// Why a regressed or changed metric fails its gate: `regressed by 9 (+23.7%), beyond
/// tolerance ±5%`.
fn change_reason(d: &MetricDiff) -> String {
    let pct = d
        .delta_pct
        .map(|p| format!(" ({})", format_pct(p)))
        .unwrap_or_default();
    let tol = d.tolerance.map_or_else(
        || "with no tolerance set".to_owned(),
        |t| format!("beyond tolerance {t}"),
    );
    let what = if d.verdict == Verdict::Regressed {
        "regressed"
    } else {
        "changed"
    };
    let by = d.delta.map_or_else(
        || format!("more than {}", format_value(f64::MAX)),
        |delta| format_value(delta.abs()),
    );
    format!("{what} by {by}{pct}, {tol}")
}

/// `delta` (`c - b`, maybe overflowed) in percent of `|b|`; `None` for a zero baseline or a
/// change too large for an `f64` (1e308 against 1e-308).
fn relative_change(b: f64, c: f64, delta: f64) -> Option<f64> {
    if b == 0.0 {
        return None;
    }
    let pct = if delta.is_finite() {
        delta / b.abs() * 100.0
    } else {
        // c/|b| - b/|b|, which stays in range whenever the answer does.
        (c / b.abs() - b.signum()) * 100.0
    };
    pct.is_finite().then_some(pct)
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    fn rules(specs: Vec<MetricRuleSpec>) -> MetricRules {
        MetricRules::new(specs).unwrap()
    }

    fn gated(pattern: &str) -> MetricRuleSpec {
        MetricRuleSpec {
            pattern: pattern.into(),
            gate: Some(true),
            ..Default::default()
        }
    }

    /// (metric, baseline, candidate, rule) → (verdict, gate)
    #[rstest]
    #[case::loss_down_is_good("loss", Some(0.5), Some(0.4), None, Verdict::Improved, None)]
    #[case::loss_up_is_bad("loss", Some(0.4), Some(0.5), None, Verdict::Regressed, None)]
    #[case::accuracy_up_is_good("accuracy", Some(0.90), Some(0.92), None, Verdict::Improved, None)]
    #[case::accuracy_down_is_bad(
        "accuracy",
        Some(0.92),
        Some(0.90),
        None,
        Verdict::Regressed,
        None
    )]
    #[case::unchanged("accuracy", Some(0.9), Some(0.9), None, Verdict::WithinTolerance, None)]
    #[case::neutral_changes("epoch", Some(10.0), Some(12.0), None, Verdict::Changed, None)]
    #[case::missing_candidate("accuracy", Some(0.9), None, None, Verdict::MissingCandidate, None)]
    #[case::missing_baseline("accuracy", None, Some(0.9), None, Verdict::MissingBaseline, None)]
    #[case::nan_candidate("loss", Some(0.3), Some(f64::NAN), None, Verdict::NonFinite, None)]
    #[case::inf_baseline("loss", Some(f64::INFINITY), Some(0.3), None, Verdict::NonFinite, None)]
    #[case::gate_passes(
        "accuracy",
        Some(0.90),
        Some(0.92),
        Some(gated("accuracy")),
        Verdict::Improved,
        Some(Gate::Pass)
    )]
    #[case::gate_fails(
        "accuracy",
        Some(0.92),
        Some(0.90),
        Some(gated("acc*")),
        Verdict::Regressed,
        Some(Gate::Fail)
    )]
    #[case::gate_fails_on_nan(
        "loss",
        Some(0.3),
        Some(f64::NAN),
        Some(gated("*")),
        Verdict::NonFinite,
        Some(Gate::Fail)
    )]
    #[case::gate_fails_when_missing(
        "loss",
        Some(0.3),
        None,
        Some(gated("loss")),
        Verdict::MissingCandidate,
        Some(Gate::Fail)
    )]
    #[case::gate_passes_new_metric(
        "loss",
        None,
        Some(0.3),
        Some(gated("loss")),
        Verdict::MissingBaseline,
        Some(Gate::Pass)
    )]
    #[case::gate_passes_nan_baseline(
        "loss",
        Some(f64::NAN),
        Some(0.3),
        Some(gated("loss")),
        Verdict::NonFinite,
        Some(Gate::Pass)
    )]
    #[case::neutral_gate_fails_on_change(
        "epoch",
        Some(1.0),
        Some(2.0),
        Some(gated("epoch")),
        Verdict::Changed,
        Some(Gate::Fail)
    )]
    fn verdicts_and_gates(
        #[case] name: &str,
        #[case] baseline: Option<f64>,
        #[case] candidate: Option<f64>,
        #[case] rule: Option<MetricRuleSpec>,
        #[case] verdict: Verdict,
        #[case] gate: Option<Gate>,
    ) {
        let rules = rules(rule.into_iter().collect());
        let d = diff_one(name, baseline, candidate, &rules.policy(name));
        assert_eq!((d.verdict, d.gate), (verdict, gate), "{d:?}");
        assert_eq!(d.gate_reason.is_some(), gate == Some(Gate::Fail), "{d:?}");
    }

    #[rstest]
    #[case::abs_within(Some(0.01), None, 0.900, 0.891, Verdict::WithinTolerance, Gate::Pass)]
    #[case::abs_beyond(Some(0.01), None, 0.900, 0.889, Verdict::Regressed, Gate::Fail)]
    #[case::pct_within(None, Some(1.0), 0.900, 0.8911, Verdict::WithinTolerance, Gate::Pass)]
    #[case::pct_beyond(None, Some(1.0), 0.900, 0.8909, Verdict::Regressed, Gate::Fail)]
    #[case::either_suffices(
        Some(0.001),
        Some(2.0),
        0.900,
        0.885,
        Verdict::WithinTolerance,
        Gate::Pass
    )]
    #[case::improvement_beyond_tolerance(
        Some(0.01),
        None,
        0.900,
        0.95,
        Verdict::Improved,
        Gate::Pass
    )]
    fn tolerances(
        #[case] abs: Option<f64>,
        #[case] pct: Option<f64>,
        #[case] baseline: f64,
        #[case] candidate: f64,
        #[case] verdict: Verdict,
        #[case] gate: Gate,
    ) {
        let rules = rules(vec![MetricRuleSpec {
            pattern: "accuracy".into(),
            tolerance: abs,
            tolerance_pct: pct,
            gate: Some(true),
            ..Default::default()
        }]);
        let d = diff_one(
            "accuracy",
            Some(baseline),
            Some(candidate),
            &rules.policy("accuracy"),
        );
        assert_eq!((d.verdict, d.gate), (verdict, Some(gate)), "{d:?}");
    }

    #[test]
    fn zero_baseline_has_no_percentage() {
        let d = diff_one("loss", Some(0.0), Some(0.1), &MetricPolicy::default());
        assert_eq!(d.delta, Some(0.1));
        assert_eq!(d.delta_pct, None);
    }

    #[rstest]
    #[case::down_past_the_range(1e308, -1e308, None, Some(-200.0), Verdict::Regressed)]
    #[case::up_past_the_range(-1e308, 1e308, None, Some(200.0), Verdict::Improved)]
    #[case::percentage_past_the_range(1e-308, 1e308, Some(1e308), None, Verdict::Improved)]
    #[case::largest_finite(f64::MAX, f64::MAX / 2.0, Some(-f64::MAX / 2.0), Some(-50.0), Verdict::Regressed)]
    fn overflow_makes_no_infinity(
        #[case] baseline: f64,
        #[case] candidate: f64,
        #[case] delta: Option<f64>,
        #[case] pct: Option<f64>,
        #[case] verdict: Verdict,
    ) {
        let rules = rules(vec![gated("accuracy")]);
        let d = diff_one(
            "accuracy",
            Some(baseline),
            Some(candidate),
            &rules.policy("accuracy"),
        );
        assert_eq!((d.delta, d.delta_pct, d.verdict), (delta, pct, verdict));
        if verdict == Verdict::Regressed {
            let reason = d.gate_reason.unwrap();
            assert!(!reason.contains('∞'), "{reason}");
        }
    }

    #[test]
    fn percentages_use_the_baseline_magnitude() {
        let d = diff_one(
            "reward",
            Some(-2.0),
            Some(-1.0),
            &rules(vec![]).policy("reward"),
        );
        assert_eq!(d.delta_pct, Some(50.0));
        assert_eq!(d.verdict, Verdict::Improved);
    }

    #[test]
    fn min_and_max_gate_on_their_own() {
        let rules = rules(vec![MetricRuleSpec {
            pattern: "latency_*".into(),
            max: Some(50.0),
            ..Default::default()
        }]);
        let d = diff_one(
            "latency_p95_ms",
            Some(60.0),
            Some(55.0),
            &rules.policy("latency_p95_ms"),
        );
        assert_eq!((d.verdict, d.gate), (Verdict::Improved, Some(Gate::Fail)));
        assert_eq!(d.gate_reason.as_deref(), Some("55 is above the maximum 50"));
    }

    #[test]
    fn first_matching_rule_wins_per_field() {
        let rules = rules(vec![
            MetricRuleSpec {
                pattern: "val_score".into(),
                better: Some(Direction::Higher),
                ..Default::default()
            },
            MetricRuleSpec {
                pattern: "*".into(),
                better: Some(Direction::Lower),
                tolerance_pct: Some(0.5),
                ..Default::default()
            },
        ]);
        let p = rules.policy("VAL_SCORE");
        assert_eq!(
            (p.direction, p.tolerance_pct),
            (Direction::Higher, Some(0.5))
        );
        assert_eq!(rules.policy("other").direction, Direction::Lower);
        assert!(
            MetricRules::new(vec![MetricRuleSpec {
                pattern: "[".into(),
                ..Default::default()
            }])
            .is_err()
        );
    }

    #[test]
    fn report_orders_passes_and_summarises() {
        let b: BTreeMap<String, f64> = [("loss", 0.5), ("accuracy", 0.9), ("system/cpu", 50.0)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let c: BTreeMap<String, f64> = [
            ("loss", 0.4),
            ("accuracy", 0.88),
            ("system/cpu", 60.0),
            ("f1", 0.7),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let mut r = DiffReport::compute(&b, &c, &rules(vec![gated("accuracy")]));
        r.sort_for(&["loss".to_owned()]);
        let names: Vec<&str> = r.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["loss", "accuracy", "f1", "system/cpu"]);
        assert!(!r.passed());
        assert_eq!(
            r.summary(),
            "1 of 1 gates fail · 1 improved, 1 regressed, 1 changed, 1 missing in baseline"
        );
        let empty = DiffReport::compute(&BTreeMap::new(), &BTreeMap::new(), &rules(vec![]));
        assert!(empty.passed());
        assert_eq!(empty.summary(), "no gates · no metrics");
    }
}
