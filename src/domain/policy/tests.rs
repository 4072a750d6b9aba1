//! The policy's rules, one by one, as a team of three would meet them.

use chrono::{DateTime, Duration, TimeZone, Utc};
use pretty_assertions::assert_eq;

use super::*;

fn at(d: u32, h: u32) -> DateTime<Utc> {
    // December 2026: the 4th is a Friday, the 7th a Monday.
    Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
}

/// Alice and Bob lead; Carol trains models. Production moves need a lead, one approval and a
/// day on staging with passing gates; weekends and critical alerts freeze it.
fn team() -> Policy {
    Policy {
        rules: vec![AliasRule {
            models: "*".into(),
            alias: "production".into(),
            movers: vec!["group:leads".into()],
            approvals: 1,
            after: Some(StageOrder {
                alias: "staging".into(),
                min_hold: Duration::hours(24),
            }),
        }],
        groups: [(
            "leads".to_owned(),
            vec!["alice".to_owned(), "Bob".to_owned()],
        )]
        .into(),
        freeze: FreezePolicy {
            on_critical_alert: true,
            windows: vec![FreezeWindow {
                name: "weekend".into(),
                from: WeeklyTime::parse("Fri 16:00").unwrap(),
                to: WeeklyTime::parse("Mon 08:00").unwrap(),
                tz: FreezeWindow::time_zone("UTC").unwrap(),
            }],
            override_needs_second: true,
            ..FreezePolicy::default()
        },
        request_ttl: None,
    }
}

fn ctx<'a>(mover: &'a str, approvers: &'a [String]) -> MoveContext<'a> {
    MoveContext {
        model: "fraud-classifier",
        version: "v4",
        alias: "production",
        mover,
        requester: Some("carol"),
        run_author: Some("carol"),
        approvers,
        held: Some(Held {
            alias: "staging",
            since: Some(at(1, 9)),
            until: None,
            gates_passed: Some(true),
        }),
        firing_critical: &[],
        gates_configured: true,
        rollback: false,
        switch: None,
        now: at(3, 10),
        override_: None,
    }
}

fn states(v: &PolicyVerdict) -> Vec<(CheckKind, CheckState)> {
    v.checks.iter().map(|c| (c.kind, c.state)).collect()
}

const UNMET: CheckState = CheckState::Unmet { overridable: false };
const FROZEN: CheckState = CheckState::Unmet { overridable: true };

#[test]
fn a_lead_with_an_approval_after_a_day_on_staging_may_move() {
    let approvers = vec!["bob".to_owned(), "alice".to_owned()];
    let v = check(&team(), &ctx("alice", &approvers));
    assert!(v.allowed(), "{v:#?}");
    assert_eq!(v.rule.as_deref(), Some("* @production"));
    assert_eq!(v.checks[1].detail, "2 of 1 approvals (bob, alice)");
}

#[test]
fn someone_outside_the_movers_may_only_request() {
    let approvers = vec!["bob".to_owned()];
    let v = check(&team(), &ctx("carol", &approvers));
    assert!(!v.allowed());
    assert_eq!(v.checks[0].state, UNMET);
    assert_eq!(
        v.checks[0].detail,
        "carol may request this move but not make it: @production of fraud-classifier is \
         moved by group:leads"
    );
    assert_eq!(
        v.refusal().unwrap(),
        format!("refused by policy: who may move: {}", v.checks[0].detail)
    );
}

#[test]
fn the_requester_and_the_run_author_never_count_as_approvers() {
    let approvers = vec!["carol".to_owned(), "CAROL".to_owned()];
    let v = check(&team(), &ctx("alice", &approvers));
    assert_eq!(v.checks[1].state, UNMET);
    assert_eq!(
        v.checks[1].detail,
        "0 of 1 approvals; not counted: carol asked for the move; 1 more from someone other \
         than the requester and the run's author"
    );
    // Without a request the mover asks, so approving one's own move does not count either.
    let mut own = ctx("alice", &[]);
    own.requester = None;
    let alone = vec!["alice".to_owned()];
    own.approvers = &alone;
    let v = check(&team(), &own);
    assert_eq!(v.checks[1].state, UNMET);
    assert!(v.checks[1].detail.contains("alice asked for the move"));
}

#[test]
fn the_stage_order_needs_the_hold_and_passing_gates() {
    let approvers = vec!["bob".to_owned()];
    let mut c = ctx("alice", &approvers);
    c.now = at(2, 0);
    let v = check(&team(), &c);
    assert_eq!(v.checks[2].state, UNMET);
    assert_eq!(
        v.checks[2].detail,
        "v4 held @staging for 15h of the 1d required; 9h to go"
    );
    c.now = at(3, 10);
    c.held = c.held.map(|h| Held {
        gates_passed: Some(false),
        ..h
    });
    assert_eq!(
        check(&team(), &c).checks[2].detail,
        "its gates failed when it took @staging"
    );
    c.gates_configured = false;
    assert_eq!(
        check(&team(), &c).checks[2].detail,
        "held @staging for 2d 1h (no metric is gated, so there are no gates to pass)"
    );
    c.gates_configured = true;
    c.held = c.held.map(|h| Held { since: None, ..h });
    assert_eq!(
        check(&team(), &c).checks[2].detail,
        "v4 holds @staging, but no record says since when (it was moved outside clearance), \
         so its 1d hold cannot be counted"
    );
    c.held = None;
    assert_eq!(
        check(&team(), &c).checks[2].detail,
        "v4 must hold @staging for 1d before taking @production; it never held it"
    );
    c.rollback = true;
    assert_eq!(check(&team(), &c).checks[2].state, CheckState::Met);
}

#[test]
fn a_critical_alert_freezes_all_but_a_rollback() {
    let approvers = vec!["bob".to_owned()];
    let firing = vec!["live recall below evaluation".to_owned()];
    let mut c = ctx("alice", &approvers);
    c.firing_critical = &firing;
    let v = check(&team(), &c);
    assert_eq!(v.checks.last().unwrap().state, FROZEN);
    assert_eq!(
        v.checks.last().unwrap().detail,
        "critical alert firing for fraud-classifier: live recall below evaluation"
    );
    c.rollback = true;
    c.held = None;
    let v = check(&team(), &c);
    assert!(v.allowed(), "{v:#?}");
}

#[test]
fn a_freeze_window_is_overridden_only_with_a_reason_and_a_second_person() {
    let approvers = vec!["bob".to_owned()];
    let mut c = ctx("alice", &approvers);
    c.now = at(4, 17);
    let v = check(&team(), &c);
    assert_eq!(
        states(&v).last().copied(),
        Some((CheckKind::FreezeWindow, FROZEN))
    );
    let no_second = Override {
        reason: "hotfix for incident 42".into(),
        second: None,
    };
    c.override_ = Some(&no_second);
    assert!(
        check(&team(), &c)
            .checks
            .last()
            .unwrap()
            .detail
            .ends_with("an override needs a second person")
    );
    let self_second = Override {
        second: Some("Alice".into()),
        ..no_second.clone()
    };
    c.override_ = Some(&self_second);
    assert!(!check(&team(), &c).allowed());
    let good = Override {
        second: Some("bob".into()),
        reason: "hotfix for incident 42".into(),
    };
    c.override_ = Some(&good);
    let v = check(&team(), &c);
    assert!(v.allowed(), "{v:#?}");
    assert_eq!(v.checks.last().unwrap().state, CheckState::Overridden);
}

#[test]
fn the_switch_holds_until_its_end_and_freezes_only_the_frozen_aliases() {
    let approvers = vec!["bob".to_owned()];
    let switch = FreezeSwitch {
        by: "oncall".into(),
        at: at(3, 8),
        reason: "incident 42".into(),
        until: Some(at(3, 12)),
    };
    let mut c = ctx("alice", &approvers);
    c.switch = Some(&switch);
    let v = check(&team(), &c);
    assert_eq!(
        v.checks.last().unwrap().detail,
        "frozen by oncall since 2026-12-03 08:00 UTC: incident 42"
    );
    c.now = at(3, 12);
    assert!(check(&team(), &c).allowed());
    // Staging is not frozen (the switch is given only where it holds the alias back) and no
    // rule governs it: nothing to check.
    c.now = at(3, 10);
    c.alias = "staging";
    c.switch = None;
    let v = check(&team(), &c);
    assert_eq!(
        v,
        PolicyVerdict {
            rule: None,
            checks: vec![]
        }
    );
}

/// GTO's production stage is `prod`, which the freeze's aliases (`production`, `champion`)
/// do not list: the switch holds it back all the same, but windows and alerts do not.
#[test]
fn the_switch_holds_a_production_alias_the_freeze_does_not_list() {
    let approvers = vec!["bob".to_owned()];
    let switch = FreezeSwitch {
        by: "oncall".into(),
        at: at(3, 8),
        reason: "incident 42".into(),
        until: None,
    };
    let firing = vec!["drift".to_owned()];
    let mut c = ctx("alice", &approvers);
    c.alias = "prod";
    c.firing_critical = &firing;
    // Saturday: inside the weekend window, which holds only the freeze's aliases.
    c.now = at(5, 10);
    c.switch = Some(&switch);
    let v = check(&team(), &c);
    assert_eq!(
        states(&v),
        [(
            CheckKind::FreezeSwitch,
            CheckState::Unmet { overridable: true }
        )],
        "{v:#?}"
    );
    c.rollback = true;
    assert!(check(&team(), &c).allowed());
}

#[test]
fn globs_match_models_and_aliases_ignoring_case() {
    let p = Policy {
        rules: vec![AliasRule {
            models: "fraud-*".into(),
            alias: "prod*".into(),
            movers: vec![],
            approvals: 0,
            after: None,
        }],
        ..Policy::default()
    };
    assert!(p.rule_for("Fraud-Classifier", "production").is_some());
    assert!(p.rule_for("churn-model", "production").is_none());
    assert!(p.rule_for("fraud-x", "staging").is_none());
    let v = check(&p, &ctx("anyone", &[]));
    assert_eq!(v.checks[0].detail, "anyone may move it");
}

#[test]
fn problems_name_undefined_groups_and_impossible_orders() {
    let mut p = team();
    p.rules[0].movers.push("group:sre".into());
    p.rules[0].after = Some(StageOrder {
        alias: "Production".into(),
        min_hold: Duration::zero(),
    });
    assert_eq!(
        p.problems(),
        [
            "rule 1 (* @production): the group 'sre' is not defined in [policy.groups]",
            "rule 1 (* @production): a version must hold @Production first, which this rule \
             itself governs, so no version could ever take it",
        ]
    );
    assert!(team().problems().is_empty());
}
