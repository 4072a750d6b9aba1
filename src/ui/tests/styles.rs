//! The comparison's colours, snapshotted with their styles (see `styled`): every verdict
//! (better, worse, within tolerance, non-finite, missing) and gate state (pass, fail, and fail
//! because nothing can be judged).

use crossterm::event::KeyCode;

use super::{Harness, snap_styled};

fn comparing(rules: &str, row_keys: &str) -> Harness {
    let mut h = Harness::loaded();
    h.app.settings = Harness::with_config(rules).app.settings;
    h.keys(row_keys);
    h.press(KeyCode::Enter);
    h
}

/// Better, worse and within tolerance, and gates passing and failing, in one comparison:
/// `val_auc` moves +0.006 within a 0.01 tolerance (passes), `val_loss` improves (not gated),
/// latency regresses beyond 5% (fails).
#[test]
fn compare_verdicts_and_gates() {
    let h = comparing(
        "[[metrics]]\nname = \"val_auc\"\ntolerance = 0.01\ngate = true\n\
         [[metrics]]\nname = \"latency_p95_ms\"\ntolerance_pct = 5\ngate = true\n",
        "j",
    );
    snap_styled("compare_verdicts", &h);
}

/// A diverged run (NaN, ∞) with a metric missing: the gates cannot judge it, so they fail.
#[test]
fn compare_unjudgeable_gates() {
    let h = comparing("[[metrics]]\nname = \"*\"\ngate = true\n", "");
    snap_styled("compare_unjudgeable", &h);
}
