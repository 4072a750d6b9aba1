//! The whole app over the bundled demo store: effects performed for real (the local sqlite
//! backend), screens snapshotted at 120×40 and 60×15 with the demo's own "today".

use std::sync::Arc;

use chrono::DateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::tasks::{Context, perform};

mod gitlab;
mod pr;
use crate::app::{App, Effect, Msg};
use crate::config::Config;
use crate::config::theme::Theme;
use crate::connect::{Target, open};

struct Demo {
    app: App,
    ctx: Context,
    _dir: tempfile::TempDir,
}

impl Demo {
    async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("mlflow.db");
        std::fs::write(&db, crate::demo::STORE).unwrap();
        let mut config = Config::defaults();
        crate::demo::add_rules(&mut config).unwrap();
        config.user = "Ann Lee <ann@example.com>".into();
        let mut backend = open(&Target::Local(db), &config).unwrap();
        backend.store = crate::domain::StoreIdentity::named("MLflow store (demo)");
        // The demo's "today": 2026-11-20 18:00 UTC.
        let now = DateTime::from_timestamp(1_795_197_600, 0).unwrap();
        let app = App::new(&config, backend.label().to_owned(), now).unwrap();
        let ctx = Context {
            backend,
            settings: Arc::new(app.settings.clone()),
            audit: None,
            monitoring: Arc::new(config.monitoring.clone()),
            alert_rules: Arc::new(config.alert_rules().unwrap()),
            github: None,
            config: Arc::new(config.clone()),
            memory: None,
            cache: None,
            acks: None,
        };
        let mut demo = Self {
            app,
            ctx,
            _dir: dir,
        };
        let first = demo.app.start();
        demo.settle(first).await;
        demo
    }

    /// Performs effects, and the effects their answers ask for, until nothing is left.
    async fn settle(&mut self, mut effects: Vec<Effect>) {
        while !effects.is_empty() {
            let mut next = Vec::new();
            for e in effects {
                // The loop's own effects (quit, copy) change nothing the snapshots show.
                if let Effect::Task(task) = e {
                    let mut answers = Vec::new();
                    perform(self.ctx.clone(), task, &mut |m| answers.push(m)).await;
                    for msg in answers {
                        next.extend(self.app.update(msg));
                    }
                }
            }
            effects = next;
        }
    }

    async fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.key(KeyCode::Char(c)).await;
        }
    }

    async fn key(&mut self, code: KeyCode) {
        let fx = self
            .app
            .update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.settle(fx).await;
    }

    fn draw(&self, (w, h): (u16, u16)) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| crate::ui::render(f, &self.app, &Theme::default()))
            .unwrap();
        t.backend().to_string()
    }

    fn snap(&self, name: &str) {
        for (w, h) in [(120, 40), (60, 15)] {
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| crate::ui::render(f, &self.app, &Theme::default()))
                .unwrap();
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        }
    }
}

#[tokio::test]
async fn demo_screens() {
    let mut d = Demo::start().await;
    assert_eq!(
        d.app.runs.scope_label(),
        "fraud-detection",
        "opens the experiment with the newest run"
    );
    assert_eq!(d.app.runs.list.runs.len(), 24);
    d.snap("demo_runs");

    // The diverged run against the baseline.
    let diverged = (0..d.app.runs.list.rows.len())
        .find(|&i| {
            d.app
                .runs
                .list
                .row(i)
                .is_some_and(|(r, _)| r.name == "logreg-sgd-lr5")
        })
        .unwrap();
    d.app.runs.cursor.selected = diverged;
    d.key(KeyCode::Enter).await;
    d.snap("demo_diverged");
    d.key(KeyCode::Esc).await;

    // fraud-classifier: the staging version against production, then the approval dialog.
    d.keys("2hjl").await;
    assert_eq!(
        d.app.models.selected_version().unwrap().version.label(),
        "v4"
    );
    d.snap("demo_models");
    // At 140 columns the staged v4 shows its failing latency gate, and the failing metric
    // comes first among the metric columns.
    let wide = d.draw((140, 40));
    let v4 = wide.lines().find(|l| l.contains("│v4 ")).unwrap();
    assert!(v4.contains("✗ 1/"), "{wide}");
    let header = wide.lines().find(|l| l.contains("Gates")).unwrap();
    assert!(
        header.find("latency_p95_ms").unwrap() < header.find("val_auc").unwrap(),
        "{wide}"
    );
    insta::assert_snapshot!("demo_models_gates_140x40", wide);
    d.key(KeyCode::Enter).await;
    d.snap("demo_compare");
    d.key(KeyCode::Esc).await;
    d.keys("a").await;
    d.snap("demo_approve");
    d.key(KeyCode::Esc).await;

    // On-call: what drifts, since when, against which threshold.
    d.keys("3").await;
    let firing: Vec<String> = d
        .app
        .alerts
        .report
        .loaded()
        .unwrap()
        .firing()
        .map(crate::app::alerts::headline)
        .collect();
    assert_eq!(
        firing,
        [
            "psi_amount of fraud-classifier@production 0.2817 > 0.2",
            "psi_monthly_charges of churn-model@production 0.1165 > 0.1",
            "live_recall of fraud-classifier@production 0.7277 < 0.741",
        ]
    );
    d.snap("demo_alerts");
    d.keys("c").await;
    d.snap("demo_alert_chart");
    // From the alert to its model: production's version, with the rollback offered.
    d.key(KeyCode::Enter).await;
    d.snap("demo_alert_to_model");
}

/// `a` in the Alerts tab, through the real tasks, on the demo's sqlite store: the record is
/// the model's tag, read back by the next evaluation; `u` removes it.
#[tokio::test]
async fn acknowledging_in_the_tab_lands_in_the_store_and_u_takes_it_back() {
    let mut d = Demo::start().await;
    d.keys("3a").await;
    d.keys("on it").await;
    d.key(KeyCode::Enter).await;
    let selected = d.app.alerts.selected().unwrap().clone();
    assert_eq!(selected.series.metric, "psi_amount");
    let ack = selected.ack.clone().expect("read back from the store");
    assert_eq!(
        (ack.by.as_str(), ack.reason.as_str(), ack.version.as_deref()),
        ("Ann Lee <ann@example.com>", "on it", Some("3"))
    );
    let model = d
        .ctx
        .backend
        .registry
        .model("fraud-classifier")
        .await
        .unwrap();
    assert_eq!(
        model.tags.get(&ack.key()).map(String::as_str),
        Some(ack.to_json().unwrap().as_str())
    );
    assert!(d.draw((120, 40)).contains("ACK by Ann Lee"));
    d.keys("u").await;
    d.key(KeyCode::Enter).await;
    let model = d
        .ctx
        .backend
        .registry
        .model("fraud-classifier")
        .await
        .unwrap();
    assert!(!model.tags.contains_key(&ack.key()));
    assert_eq!(d.app.alerts.report.loaded().unwrap().alerts[0].ack, None);
}
