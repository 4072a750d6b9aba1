//! Screen snapshots (insta + `TestBackend`) at 120×40 and 60×15, with fixed data and clock.

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;

use crate::app::fixtures::{Harness, runs};
use crate::app::loadable::Loadable;
use crate::app::{Msg, Tab};
use crate::config::theme::Theme;
use crate::domain::MetricPoint;
use crate::store::BackendError;

mod policy;
mod requests;
mod screens;
mod styled;
mod styles;

fn terminal(h: &Harness, (w, ht): (u16, u16)) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, ht)).unwrap();
    terminal
        .draw(|f| super::render(f, &h.app, &Theme::default()))
        .unwrap();
    terminal
}

fn draw(h: &Harness, size: (u16, u16)) -> String {
    terminal(h, size).backend().to_string()
}

const SIZES: [(u16, u16); 2] = [(120, 40), (60, 15)];

fn snap(name: &str, h: &Harness) {
    for size in SIZES {
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), draw(h, size));
    }
}

/// A snapshot of the screen's text and its styles (see `styled`) at 120×40, named
/// `style_<name>`: for screens where a colour carries meaning (a verdict, a gate, an alert), so
/// that the meaning painted in the wrong colour fails like a wrong symbol does.
fn snap_styled(name: &str, h: &Harness) {
    let screen = styled::render(terminal(h, (120, 40)).backend().buffer());
    insta::assert_snapshot!(format!("style_{name}"), screen);
}

fn unreachable() -> BackendError {
    BackendError::Unreachable {
        target: "MLflow at http://127.0.0.1:5000".into(),
        detail: "Connection refused (os error 111)".into(),
    }
}

fn with_histories(h: &mut Harness, metric: &str) {
    for (k, r) in runs().into_iter().enumerate() {
        let points: Vec<MetricPoint> = (0..60)
            .map(|s| MetricPoint {
                step: s,
                timestamp: 0,
                value: 0.95 - 0.3 / (1.0 + s as f64 * (0.2 + k as f64 * 0.05)),
            })
            .collect();
        h.send(Msg::HistoriesLoaded {
            ticket: h
                .app
                .cache
                .history_ticket(&r.id, metric)
                .unwrap_or_default(),
            runs: vec![r.id.clone()],
            metric: metric.into(),
            result: Ok([(r.id, points)].into_iter().collect()),
        });
    }
}

#[test]
fn runs_loaded() {
    let mut h = Harness::loaded();
    h.keys("j ");
    snap("runs_loaded", &h);
    snap_styled("runs_loaded", &h);
}

#[test]
fn runs_loading() {
    let mut h = Harness::new();
    h.effects = h.app.start();
    snap("runs_loading", &h);
}

#[test]
fn runs_failed_with_nothing_loaded() {
    let mut h = Harness::new();
    h.effects = h.app.start();
    let t = h.ticket(|e| match e {
        crate::app::Effect::Task(crate::app::Task::LoadExperiments { ticket, .. }) => Some(*ticket),
        _ => None,
    });
    h.send(Msg::ExperimentsLoaded {
        ticket: t,
        result: Err(unreachable()),
    });
    snap("runs_failed", &h);
}

#[test]
fn runs_refresh_failed_keeps_rows() {
    let mut h = Harness::loaded();
    h.press(KeyCode::Char('r'));
    let t = h.ticket(|e| match e {
        crate::app::Effect::Task(crate::app::Task::LoadRunChanges { ticket, .. }) => Some(*ticket),
        _ => None,
    });
    h.send(Msg::RunChangesLoaded {
        ticket: t,
        result: Err(unreachable()),
    });
    snap("runs_refresh_failed", &h);
}

#[test]
fn runs_empty_filter() {
    let mut h = Harness::loaded();
    h.keys("/nothing");
    h.press(KeyCode::Enter);
    let t = h.ticket(|e| match e {
        crate::app::Effect::Task(crate::app::Task::LoadRuns { ticket, .. }) => Some(*ticket),
        _ => None,
    });
    h.send(Msg::RunsLoaded {
        ticket: t,
        result: Ok(crate::store::RunPage::default()),
    });
    snap("runs_empty_filter", &h);
}

#[test]
fn filter_popup() {
    let mut h = Harness::loaded();
    h.keys("/metrics.val_auc > 0.95");
    snap("filter_popup", &h);
}

#[test]
fn experiment_picker() {
    let mut h = Harness::loaded();
    h.keys("efraud");
    snap("experiment_picker", &h);
}

#[test]
fn sort_menu() {
    let mut h = Harness::loaded();
    h.keys("s");
    snap("sort_menu", &h);
}

#[test]
fn compare_with_baseline() {
    let mut h = Harness::loaded();
    h.keys("j");
    h.press(KeyCode::Enter);
    with_histories(&mut h, "val_auc");
    snap("compare_baseline", &h);
}

#[test]
fn compare_with_gates_failing() {
    let mut h = Harness::loaded();
    let rules = "[[metrics]]\nname = \"latency_p95_ms\"\ntolerance_pct = 5\ngate = true\n\n\
                 [[metrics]]\nname = \"val_*\"\ntolerance = 0.002\ngate = true\n";
    let gated = Harness::with_config(rules);
    h.app.settings = gated.app.settings;
    h.keys("j");
    h.press(KeyCode::Enter);
    h.keys("jj");
    with_histories(&mut h, "latency_p95_ms");
    snap("compare_gates_failing", &h);
    snap_styled("compare_gates_failing", &h);
}

#[test]
fn compare_diverged_run() {
    let mut h = Harness::loaded();
    h.press(KeyCode::Enter);
    for r in runs() {
        let mut points: Vec<MetricPoint> = (0..30)
            .map(|s| MetricPoint {
                step: s,
                timestamp: 0,
                value: 0.9 - 0.01 * s as f64,
            })
            .collect();
        points[20].value = f64::NAN;
        points[25].value = f64::INFINITY;
        h.send(Msg::HistoriesLoaded {
            ticket: h
                .app
                .cache
                .history_ticket(&r.id, "val_auc")
                .unwrap_or_default(),
            runs: vec![r.id.clone()],
            metric: "val_auc".into(),
            result: Ok([(r.id, points)].into_iter().collect()),
        });
    }
    snap("compare_diverged", &h);
}

#[test]
fn models_tab() {
    let mut h = Harness::loaded();
    h.keys("2hjl");
    snap("models", &h);
    snap_styled("models", &h);
}

/// `/` on Models: the line says what it filters, and the list's title says the filter and how
/// many of the models match.
#[test]
fn models_filtered() {
    let mut h = Harness::loaded();
    h.keys("2/frd");
    insta::assert_snapshot!("models_filter_line_120x40", draw(&h, (120, 40)));
    h.press(KeyCode::Enter);
    snap("models_filtered", &h);
    h.keys("/zzz");
    h.press(KeyCode::Enter);
    insta::assert_snapshot!("models_filtered_none_120x40", draw(&h, (120, 40)));
}

/// A version's audit records (a tag per promotion; every GTO stage move is one) are the
/// History view's: the detail pane keeps its room for the run and source.
#[test]
fn models_detail_leaves_audit_records_to_the_history() {
    let mut h = Harness::loaded();
    if let Loadable::Loaded(models) = &mut *h.app.models.models {
        for v in models.iter_mut().flat_map(|m| m.versions.iter_mut()) {
            v.tags.insert(
                "clearance.event.1795452601000".into(),
                format!("{{\"at\":\"2026-11-23T16:50:01Z\",\"by\":\"Ada Lovelace <ada@example.com>\",\"action\":\"promote\",\"to\":\"{}\"}}", v.version.as_str()),
            );
        }
    }
    h.keys("2hjl");
    let screen = draw(&h, (120, 40));
    assert!(!screen.contains("clearance.event"), "{screen}");
    assert!(!screen.contains("Ada Lovelace"), "{screen}");
    assert!(
        screen.contains(" run "),
        "the run line still shows:\n{screen}"
    );
}

#[test]
fn models_versions_column_fits_semver_labels() {
    let mut h = Harness::loaded();
    if let Loadable::Loaded(models) = &mut *h.app.models.models {
        let m = &mut models[1];
        m.versions[0].version = "v1.10.0-rc.1".into();
        m.versions[1].version = "243b10c2b54a0c53364c328c4b06903d3b527fc5".into();
        m.aliases.clear();
        m.normalize();
    }
    h.keys("2hjl");
    let screen = draw(&h, (120, 40));
    assert!(screen.contains("v1.10.0-rc.1 "), "{screen}");
    assert!(screen.contains("243b10c2b54a0…"), "{screen}");
}

#[rstest]
#[case::loading(Loadable::Loading)]
#[case::failed(Loadable::Failed(unreachable().to_string()))]
#[case::empty(Loadable::Loaded(vec![]))]
fn models_states(#[case] state: Loadable<Vec<crate::domain::RegisteredModel>>) {
    let mut h = Harness::loaded();
    h.app.tab = Tab::Models;
    let name = match &state {
        Loadable::Loading => "models_loading",
        Loadable::Failed(_) => "models_failed",
        _ => "models_empty",
    };
    *h.app.models.models = state;
    snap(name, &h);
}

/// The command palette on the Models tab, narrowed by typing.
#[test]
fn palette_popup() {
    let mut h = Harness::loaded();
    h.keys("2:");
    snap("palette", &h);
    h.keys("go");
    insta::assert_snapshot!("palette_go_120x40", draw(&h, (120, 40)));
}

#[test]
fn help_popup() {
    let mut h = Harness::loaded();
    h.keys("?");
    snap("help", &h);
}

/// The help lists the keys of the screen under it, each once, and no dialog's keys: on Runs
/// `G`/`end` are "Last run" and not also "Last", and the menus', text fields' and dialogs'
/// keys (enter Choose, tab Toggle, ctrl-o Override) are not there. A run-vs-run comparison
/// lists no `a` (approving is for registered versions, and pressing it there only says so), and
/// a comparison says that j/k change the charted metric.
#[rstest]
#[case::runs("runs", "", false)]
#[case::models("models", "2", false)]
#[case::alerts("alerts", "3", false)]
#[case::version_vs_production("version_comparison", "2hjl", true)]
#[case::run_vs_run("run_comparison", "j", true)]
fn help_lists_each_key_of_the_screen_once(
    #[case] name: &str,
    #[case] keys: &str,
    #[case] enter: bool,
) {
    use crate::app::Action;
    use crate::config::keymap::Layer;

    let mut h = Harness::loaded();
    h.keys(keys);
    if enter {
        h.press(KeyCode::Enter);
        with_histories(&mut h, "val_auc");
    }
    h.keys("?");
    let entries = super::help::entries(&h.app);
    let mut seen: Vec<&String> = Vec::new();
    for (_, hints) in &entries {
        for k in hints.iter().flat_map(|h| &h.keys) {
            assert!(!seen.contains(&k), "{k} listed twice: {entries:?}");
            seen.push(k);
        }
    }
    let layers: Vec<Layer> = entries.iter().map(|(l, _)| *l).collect();
    assert!(
        layers
            .iter()
            .all(|l| [h.app.screen_layer(), Layer::Navigation, Layer::Global].contains(l)),
        "{layers:?}"
    );
    let actions: Vec<Action> = entries
        .iter()
        .flat_map(|(_, hints)| hints.iter().map(|h| h.action))
        .collect();
    for dialog in [
        Action::Confirm,
        Action::Override,
        Action::NextField,
        Action::ToggleVia,
    ] {
        assert!(!actions.contains(&dialog), "{dialog}: {entries:?}");
    }
    assert_eq!(
        actions.contains(&Action::Approve),
        keys.starts_with('2'),
        "{entries:?}"
    );
    let screen = draw(&h, (120, 40));
    assert_eq!(enter, screen.contains("Next charted metric"), "{screen}");
    insta::assert_snapshot!(format!("help_{name}_120x40"), screen);
}

#[test]
fn tiny_terminal_asks_for_room() {
    let h = Harness::loaded();
    insta::assert_snapshot!("tiny_30x6", draw(&h, (30, 6)));
    // Heights of 1-3 and a sliver of width must not panic.
    for size in [(1, 1), (120, 1), (120, 3), (2, 40), (40, 8)] {
        draw(&h, size);
    }
}

#[test]
fn start_screen() {
    let mut h = Harness::new();
    h.app.screen = crate::app::view::Screen::Start {
        reason: "no tracking store".into(),
    };
    h.app.backend_label = "no store".into();
    snap("start", &h);
}

mod change {

    use super::{Harness, snap, snap_styled};
    use crate::app::Msg;
    use crate::domain::change::ChangeError;
    use crate::domain::promotion::{AuditEntry, ChangeKind, GateRecord};

    const GATES: &str = "[[metrics]]\nname = \"latency_p95_ms\"\ntolerance_pct = 5\ngate = true\n\
                         [[metrics]]\nname = \"val_auc\"\ntolerance = 0.002\ngate = true\n";

    fn on_staging(config: &str) -> Harness {
        let mut h = Harness::loaded();
        let c = Harness::with_config(config);
        h.app.settings = c.app.settings;
        h.app.identity = "Ann Lee <ann@example.com>".into();
        h.keys("2hjl");
        h
    }

    #[test]
    fn promote_passing() {
        let mut h = on_staging("[[metrics]]\nname = \"val_*\"\ngate = true\n");
        h.keys("afraud-cl");
        snap("promote_passing", &h);
        snap_styled("promote_passing", &h);
    }

    #[test]
    fn promote_failing_with_override() {
        let mut h = on_staging(GATES);
        h.keys("a");
        snap("promote_blocked", &h);
        snap_styled("promote_blocked", &h);
        h.ctrl('o');
        h.keys("budget raised");
        snap("promote_override", &h);
        snap_styled("promote_override", &h);
    }

    #[test]
    fn promote_conflict() {
        let mut h = on_staging(GATES);
        h.keys("a");
        h.send(Msg::ChangeApplied {
            result: Err(ChangeError::Refused(
                "refused, nothing changed: @production of 'fraud-classifier' changed since you \
                 looked: it was v3, it is now v5"
                    .into(),
            )),
        });
        snap("promote_conflict", &h);
        snap_styled("promote_conflict", &h);
    }

    /// The border and the footer say the same, in every phase and confirmation mode.
    #[test]
    fn the_border_and_the_footer_tell_one_truth() {
        let same = |h: &Harness, want: &str| {
            let screen = super::draw(h, (120, 40));
            let lines: Vec<&str> = screen.lines().collect();
            let footer = lines[lines.len() - 1];
            let border = lines
                .iter()
                .rev()
                .find(|l| l.contains('└') && l.contains(want))
                .unwrap_or_else(|| panic!("no border with '{want}':\n{screen}"));
            assert!(footer.contains(want), "footer {footer:?}, wanted {want:?}");
            for word in ["confirm", "cancel", "closes", "y "] {
                assert_eq!(
                    footer.contains(word),
                    border.contains(word),
                    "'{word}' in only one of:\n{border}\n{footer}"
                );
            }
        };
        let mut h = on_staging(GATES);
        h.keys("a");
        same(
            &h,
            "enter confirms · ctrl-o overrides gates · tab next field · esc cancels",
        );
        h.send(Msg::ChangeApplied {
            result: Err(ChangeError::Refused(
                "refused, nothing changed: it moved".into(),
            )),
        });
        same(&h, "enter closes");
        let mut h = Harness::loaded();
        h.keys("jB");
        same(&h, "y confirms · tab next field · esc cancels");
    }

    /// Outside a dialog, outcomes are toasts, coloured by level: a hint (info), a refusal
    /// (warning), a failure (error).
    #[test]
    fn toasts_by_level() {
        let mut h = Harness::loaded();
        h.keys("jjjj");
        h.press(crossterm::event::KeyCode::Enter);
        h.send(Msg::ChangeApplied {
            result: Err(ChangeError::Refused(
                "refused, nothing changed: @production moved since you looked".into(),
            )),
        });
        h.send(Msg::ChangeApplied {
            result: Err(ChangeError::Failed(
                "cannot reach MLflow at http://127.0.0.1:5000: Connection refused".into(),
            )),
        });
        snap_styled("toasts", &h);
    }

    #[test]
    fn baseline_dialog() {
        let mut h = Harness::loaded();
        h.app.identity = "Ann Lee <ann@example.com>".into();
        h.keys("jB");
        snap("baseline_dialog", &h);
    }

    #[test]
    fn history_view() {
        let mut h = on_staging("");
        h.keys("H");
        let at = |hours| crate::app::fixtures::now() - chrono::Duration::hours(hours);
        let entry = |hours, action, from: &str, to: &str, by: &str| AuditEntry {
            at: at(hours),
            by: by.into(),
            action,
            subject: "fraud-classifier".into(),
            alias: "production".into(),
            from: Some(from.into()),
            to: to.into(),
            gates: None,
            overridden: false,
            reason: None,
            store: "MLflow at http://127.0.0.1:5000".into(),
            store_id: None,
        };
        let mut overridden = entry(
            30,
            ChangeKind::Promote,
            "3",
            "4",
            "Ann Lee <ann@example.com>",
        );
        overridden.gates = Some(GateRecord {
            passed: false,
            summary: "1 of 2 gates fail · 2 improved, 1 regressed".into(),
            failed: vec!["latency_p95_ms: regressed".into()],
        });
        overridden.overridden = true;
        overridden.reason = Some("latency budget raised to 50 ms".into());
        let mut rollback = entry(
            2,
            ChangeKind::Rollback,
            "4",
            "3",
            "Dana Ops <dana@example.com>",
        );
        rollback.reason = Some("p95 alarms in eu-west".into());
        h.send(Msg::AuditLoaded {
            model: "fraud-classifier".into(),
            result: Ok(vec![
                rollback,
                overridden,
                entry(
                    500,
                    ChangeKind::Promote,
                    "2",
                    "3",
                    "Chen <chen@example.com>",
                ),
            ]),
        });
        snap("history", &h);
        snap_styled("history", &h);
        // `/` narrows the records; esc clears the filter, then goes back.
        h.keys("/eu-west");
        h.press(crossterm::event::KeyCode::Enter);
        let shown = |h: &Harness| h.app.screen.history().map(|x| x.shown().len());
        assert_eq!(shown(&h), Some(1));
        snap("history_filtered", &h);
        h.press(crossterm::event::KeyCode::Esc);
        assert_eq!(shown(&h), Some(3));
        h.press(crossterm::event::KeyCode::Esc);
        assert!(h.app.screen.history().is_none());
    }

    /// A GTO registry's history: semver versions, and stages taken off without a promotion.
    #[test]
    fn history_of_gto_stage_moves() {
        let mut h = on_staging("");
        h.keys("H");
        let at = |hours| crate::app::fixtures::now() - chrono::Duration::hours(hours);
        let entry = |hours, action, alias: &str, from: Option<&str>, to: &str| AuditEntry {
            at: at(hours),
            by: "Lab Bot <lab@example.invalid>".into(),
            action,
            subject: "fraud-classifier".into(),
            alias: alias.into(),
            from: from.map(str::to_owned),
            to: to.into(),
            gates: None,
            overridden: false,
            reason: None,
            store: "GTO registry /srv/models".into(),
            store_id: None,
        };
        let mut dereg = entry(
            1,
            ChangeKind::Unassign,
            "production",
            Some("v1.1.0"),
            "v1.0.0",
        );
        dereg.reason = Some("v1.1.0 was deregistered (fraud-classifier@v1.1.0!)".into());
        h.send(Msg::AuditLoaded {
            model: "fraud-classifier".into(),
            result: Ok(vec![
                dereg,
                entry(
                    3,
                    ChangeKind::Unassign,
                    "staging",
                    Some("v1.1.0"),
                    crate::domain::promotion::UNSET,
                ),
                entry(
                    5,
                    ChangeKind::Promote,
                    "production",
                    Some("v1.0.0"),
                    "v1.1.0",
                ),
                entry(7, ChangeKind::Promote, "production", None, "v1.0.0"),
            ]),
        });
        snap("history_gto", &h);
    }
}

mod alerts {
    use super::{Harness, snap, snap_styled};
    use crate::app::Msg;
    use crate::app::fixtures::alert_report;
    use crate::app::loadable::Loadable;

    const CONFIG: &str = "[[alerts]]\nmetric = \"psi_*\"\nabove = 0.2\n\
                          [monitoring]\nexperiments = [\"fraud-monitoring\"]\n";

    fn with(report: crate::domain::alert::AlertReport) -> Harness {
        let mut h = Harness::loaded();
        let c = Harness::with_config(CONFIG);
        h.app.options = c.app.options;
        let t = h.app.alerts.report.ticket();
        h.send(Msg::AlertsLoaded {
            ticket: t,
            result: Ok(report),
        });
        h.keys("3");
        h
    }

    #[test]
    fn several_firing() {
        let h = with(alert_report());
        snap("alerts_several", &h);
        snap_styled("alerts_several", &h);
    }

    /// `/` on Alerts narrows the list; the title says the filter and how many match, esc
    /// clears it.
    #[test]
    fn filtered() {
        let mut h = with(alert_report());
        let all = h.app.alerts.shown().len();
        h.keys("/recall");
        h.press(crossterm::event::KeyCode::Enter);
        let shown: Vec<String> = h
            .app
            .alerts
            .shown()
            .iter()
            .map(|a| a.series.metric.clone())
            .collect();
        assert!(
            !shown.is_empty() && shown.len() < all && shown.iter().all(|m| m.contains("recall")),
            "{shown:?}"
        );
        snap("alerts_filtered", &h);
        h.press(crossterm::event::KeyCode::Esc);
        assert_eq!(h.app.alerts.shown().len(), all);
    }

    /// The demo on 12-06: its windows end on 11-19, so every feed is stale; the firing ones
    /// stay firing (what was last known) and say their feed stopped. The Rule column shows
    /// from 120 columns, and Model takes only what its names need at 200.
    #[test]
    fn stale_feeds_and_rule_widths() {
        let mut report = crate::app::fixtures::alert_report_ending(
            crate::app::fixtures::now() - chrono::Duration::days(17),
        );
        // A series within its rule when its feed stopped: listed for the stale feed alone.
        let mut quiet = report.alerts[2].clone();
        quiet.series.metric = "psi_device_type".into();
        quiet.eval = crate::domain::alert::quiet(&quiet.rule, &quiet.series.points, None).unwrap();
        report.alerts.push(quiet);
        let h = with(report);
        snap("alerts_stale", &h);
        snap_styled("alerts_stale", &h);
        for size in [(140, 20), (200, 20), (80, 20)] {
            insta::assert_snapshot!(
                format!("alerts_stale_{}x{}", size.0, size.1),
                super::draw(&h, size)
            );
        }
    }

    #[test]
    fn none_firing() {
        snap(
            "alerts_none",
            &with(crate::domain::alert::AlertReport::default()),
        );
    }

    #[test]
    fn critical_chart() {
        let mut h = with(alert_report());
        h.keys("c");
        snap("alerts_chart", &h);
        snap_styled("alerts_chart", &h);
        h.press(crossterm::event::KeyCode::Esc);
        h.keys("j");
        h.keys("c");
        snap("alerts_chart_relative", &h);
    }

    #[test]
    fn not_configured_and_failed() {
        let mut h = Harness::loaded();
        h.keys("3");
        snap("alerts_not_configured", &h);
        let mut h = with(alert_report());
        *h.app.alerts.report = Loadable::Failed(
            "cannot reach MLflow at http://127.0.0.1:5000: Connection refused".into(),
        );
        snap("alerts_failed", &h);
    }

    /// An acknowledged alert and a silenced one: below the unanswered, `ACK` and `SILENCED`
    /// with who and until when, and the selected one's record under the table; the header's
    /// count leaves the silenced one out.
    #[test]
    fn acknowledged_and_silenced() {
        use crate::domain::alert::{Ack, AckKind};
        let now = crate::app::fixtures::now();
        let mut report = alert_report();
        let ack = Ack::for_alert(
            &report.alerts[0],
            AckKind::Acknowledged,
            "Dana Ops <dana@example.com>",
            now - chrono::Duration::minutes(20),
            "looking at the amount feature",
            None,
        );
        let silence = Ack::for_alert(
            &report.alerts[1],
            AckKind::Silenced,
            "Bo Chen",
            now - chrono::Duration::hours(1),
            "label backfill running, recall is known to lag",
            Some(now + chrono::Duration::hours(3)),
        );
        report.attach(&[ack, silence]);
        report.sort(now);
        let mut h = with(report);
        snap("alerts_answered", &h);
        snap_styled("alerts_answered", &h);
        h.keys("j");
        insta::assert_snapshot!(
            "alerts_answered_silenced_selected_120x40",
            super::draw(&h, (120, 40))
        );
    }

    /// `s`: the silence dialog with its duration and reason; `a` on an acknowledged alert
    /// offers to take it back.
    #[test]
    fn answer_dialogs() {
        let mut h = with(alert_report());
        h.app.identity = "Dana Ops <dana@example.com>".into();
        h.keys("s");
        h.press(crossterm::event::KeyCode::Tab);
        h.keys("feature pipeline redeploy");
        snap("alerts_silence_dialog", &h);
        h.press(crossterm::event::KeyCode::Esc);
        h.keys("a");
        h.press(crossterm::event::KeyCode::Enter);
        snap("alerts_ack_dialog_needs_a_reason", &h);
    }

    /// Nothing firing, in the success colour (the fixture's report with its alerts gone).
    #[test]
    fn none_firing_in_colour() {
        let mut report = alert_report();
        report.alerts.clear();
        snap_styled("alerts_none", &with(report));
    }
}

mod prs {
    use crossterm::event::KeyCode;

    use super::{Harness, draw, snap, snap_styled};
    use crate::app::Msg;
    use crate::app::fixtures::pull_requests;
    use crate::app::loadable::Loadable;

    fn with_prs() -> Harness {
        let mut h = Harness::loaded();
        h.github("");
        h.app.identity = "Ann Lee <ann@example.com>".into();
        h.keys("4");
        let t = h.app.prs.prs.ticket();
        h.send(Msg::PrsLoaded {
            ticket: t,
            result: Ok(pull_requests()),
        });
        h
    }

    #[test]
    fn open_prs() {
        let h = with_prs();
        snap("prs_open", &h);
        snap_styled("prs_open", &h);
    }

    /// `/` on Changes: the title says the filter and how many of the open ones match.
    #[test]
    fn filtered_prs() {
        let mut h = with_prs();
        h.keys("/backfill");
        h.press(crossterm::event::KeyCode::Enter);
        snap("prs_filtered", &h);
    }

    #[test]
    fn not_configured_loading_and_failed() {
        let mut h = Harness::loaded();
        h.keys("4");
        snap("prs_not_configured", &h);
        let mut h = with_prs();
        *h.app.prs.prs = Loadable::Loading;
        snap("prs_loading", &h);
        *h.app.prs.prs = Loadable::Failed(
            "listing open pull requests of acme/models: GitHub said 401 Bad credentials; set \
             $GH_TOKEN or run `gh auth login`"
                .into(),
        );
        snap("prs_failed", &h);
    }

    #[test]
    fn off_in_the_demo() {
        let mut h = Harness::loaded();
        h.github("");
        h.app.github_off_for_demo();
        h.keys("4");
        snap("prs_demo", &h);
    }

    #[test]
    fn approve_configured_for_prs_without_a_repository() {
        let mut h = Harness::loaded();
        let c = Harness::with_config("[promotion]\nvia = \"pr\"\n");
        h.app.promotion = c.app.promotion;
        h.app.identity = "Ann Lee <ann@example.com>".into();
        h.keys("2hjlafraud-classifier");
        h.press(KeyCode::Enter);
        snap("promote_pr_without_repository", &h);
    }

    #[test]
    fn models_show_the_pr_pinning_a_version() {
        let mut h = with_prs();
        h.keys("2hjl");
        snap("models_with_promotion_pr", &h);
    }

    #[test]
    fn approve_by_pull_request() {
        let mut h = with_prs();
        h.keys("2hjl");
        h.keys("a");
        snap("promote_direct_pr_available", &h);
        h.ctrl('p');
        h.keys("fraud-cl");
        snap("promote_by_pr", &h);
    }

    /// Enter on a pull request: its state, review and jobs (GitHub's check runs, no stages),
    /// the failing one selected and named in red above the list.
    #[test]
    fn detail_on_github() {
        let mut h = with_prs();
        h.keys("j");
        h.press(KeyCode::Enter);
        snap("pr_detail_github", &h);
        snap_styled("pr_detail_github", &h);
    }

    /// A merge request with stages in pipeline order, a failed job that is allowed to fail
    /// (marked, in the warning colour, its escape sequence shown as a stand-in and its long
    /// name cut), a manual deploy gate, and the approvals GitLab's rules require.
    #[test]
    fn detail_on_gitlab() {
        let mut h = Harness::loaded();
        h.github("");
        h.app.options.merge_requests = true;
        h.keys("4");
        let t = h.app.prs.prs.ticket();
        h.send(Msg::PrsLoaded {
            ticket: t,
            result: Ok(vec![crate::app::fixtures::merge_request_with_pipeline()]),
        });
        h.press(KeyCode::Enter);
        snap("pr_detail_gitlab", &h);
        snap_styled("pr_detail_gitlab", &h);
        let screen = draw(&h, (120, 40));
        assert!(!screen.contains('\u{1b}'), "{screen}");
        h.keys("?");
        // Each key of the detail once: its q goes back, so the global q (quit) is not listed.
        let entries = crate::ui::help::entries(&h.app);
        let keys: Vec<&String> = entries
            .iter()
            .flat_map(|(_, hints)| hints.iter().flat_map(|h| &h.keys))
            .collect();
        for k in &keys {
            assert_eq!(
                keys.iter().filter(|o| o == &k).count(),
                1,
                "{k}: {entries:?}"
            );
        }
        for k in ["o", "y", "esc", "bksp", "q", "j", "k"] {
            assert!(
                keys.iter().any(|o| o.as_str() == k),
                "{k} missing: {keys:?}"
            );
        }
        snap("help_pr_detail", &h);
    }

    /// No pipeline on the head commit: the view says so instead of an empty list.
    #[test]
    fn detail_without_a_pipeline() {
        let mut h = Harness::loaded();
        h.github("");
        h.app.options.merge_requests = true;
        h.keys("4");
        let mut pr = crate::app::fixtures::merge_request_with_pipeline();
        pr.pipeline = None;
        pr.jobs.clear();
        pr.checks = crate::domain::pull_request::CheckSummary::default();
        let t = h.app.prs.prs.ticket();
        h.send(Msg::PrsLoaded {
            ticket: t,
            result: Ok(vec![pr]),
        });
        h.press(KeyCode::Enter);
        snap("pr_detail_no_pipeline", &h);
        assert!(draw(&h, (60, 15)).contains("No pipeline on the head commit"));
    }

    /// On GitLab the same screens say `MR !12`, `merge request` and `by MR`.
    #[test]
    fn gitlab_words_in_the_models_tab_and_the_dialog() {
        let mut h = with_prs();
        h.app.options.merge_requests = true;
        h.keys("2hjl");
        snap("models_with_promotion_mr", &h);
        h.keys("a");
        snap("promote_direct_mr_available", &h);
        h.ctrl('p');
        h.keys("fraud-cl");
        snap("promote_by_mr", &h);
    }
}

/// `--profile prod`: the header names it, in brackets before the store it chose.
#[test]
fn header_shows_the_active_profile() {
    let mut h = Harness::loaded();
    h.app.options.profile = Some("prod".into());
    snap("header_profile", &h);
    let wide = draw(&h, (120, 40));
    let header = wide.lines().next().unwrap();
    assert!(header.contains("[prod] MLflow at"), "{header}");
    let narrow = draw(&h, (60, 15));
    let header = narrow.lines().next().unwrap();
    assert!(
        header.contains("[prod]"),
        "the profile stays when room is short: {header}"
    );
    h.app.options.profile = None;
    let plain = draw(&h, (120, 40));
    assert!(!plain.lines().next().unwrap().contains('['));
}

#[test]
fn runs_listing_everything_shows_progress_and_how_to_stop() {
    let mut h = Harness::loaded();
    h.app.runs.list.next_page = Some("200".into());
    h.app.runs.list.fetching = Some(crate::app::runs::Fetch::All {
        listed: 3400,
        replace: false,
    });
    let text = draw(&h, (120, 40));
    assert!(
        text.contains("listing every run: 3400 listed · esc stops"),
        "{text}"
    );
    snap("runs_listing_everything", &h);
    // At 60 columns, with metric columns scrolled off, the progress still shows whole: it
    // says less, and the scrolled-off counts give way.
    let narrow = draw(&h, (60, 15));
    let top = narrow.lines().nth(1).unwrap();
    assert!(top.contains("3400 listed · esc stops"), "{top}");
    assert!(!top.contains('▸'), "{top}");
}

#[test]
fn runs_cached_while_the_server_is_down() {
    let mut h = Harness::loaded();
    h.app.runs.list.stale_since = Some(crate::app::fixtures::now() - chrono::Duration::hours(3));
    h.app.runs.list.error = Some(unreachable().to_string());
    h.app.toasts.push(
        crate::app::notify::Level::Error,
        "Loading runs failed: cannot reach MLflow at http://127.0.0.1:5000",
        h.app.now,
    );
    let text = draw(&h, (120, 40));
    assert!(text.contains("cached 3h ago"), "{text}");
    snap("runs_cached_stale", &h);
}

/// The areas a drawn frame returns put a click where the person saw things: on a run's name
/// it selects that run, on a metric's header it sorts by the metric, on a tab it opens it.
#[test]
fn a_click_lands_on_what_the_frame_drew() {
    use crate::app::mouse::{Hits, Mouse, MouseKind};
    use crate::app::runs::SortKey;

    let mut h = Harness::loaded();
    let click = |h: &mut Harness, text: &str| {
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut hits = Hits::default();
        t.draw(|f| hits = super::draw(f, &h.app, &Theme::default()))
            .unwrap();
        let buffer = t.backend().buffer();
        let (column, row) = (0..buffer.area.height)
            .find_map(|y| {
                let line: String = (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect();
                let at = line.find(text)?;
                Some((u16::try_from(line[..at].chars().count()).unwrap(), y))
            })
            .unwrap_or_else(|| panic!("{text} not drawn"));
        h.send(Msg::Mouse(Mouse {
            kind: MouseKind::Click,
            column: column + 1,
            row,
            hits,
        }));
    };
    click(&mut h, "logreg-v3-features");
    let selected = h.app.runs.list.row(h.app.runs.cursor.selected).unwrap().0;
    assert_eq!(selected.name, "logreg-v3-features");
    click(&mut h, "val_auc ↑");
    assert_eq!(
        h.app.runs.order.as_ref().map(|o| &o.key),
        Some(&SortKey::Metric("val_auc".into()))
    );
    click(&mut h, "3 Alerts");
    assert_eq!(h.app.tab, Tab::Alerts);
}
