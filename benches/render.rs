//! Frame time: `ui::render` of the Runs tab holding 10,000 runs (10 metrics each), every row
//! with a sparkline of 20 points, at 200x60, into ratatui's `TestBackend`.
//!
//! Run with `cargo bench --bench render`. It loads the runs through the app's own messages
//! (the experiment list, one page of 10,000, the sparkline histories), selects a row in the
//! middle, draws the screen many times, and prints the median and the 95th percentile time of
//! one frame against the goal of 2 ms. The terminal itself is not measured: `TestBackend`
//! only keeps the buffer, which is what `render` produces.

use std::collections::BTreeMap;
use std::error::Error;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use clearance::app::{App, Msg, StoreOpened, Ticket};
use clearance::config::Config;
use clearance::config::theme::Theme;
use clearance::domain::{
    Experiment, ExperimentId, LatestMetric, Lifecycle, MetricPoint, Run, RunId, RunStatus,
};
use clearance::store::RunPage;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const RUNS: usize = 10_000;
const METRICS: usize = 10;
const POINTS: usize = 20;
const FRAMES: usize = 300;
const GOAL: Duration = Duration::from_millis(2);

fn run(i: usize, now: DateTime<Utc>) -> Run {
    let metrics = (0..METRICS)
        .map(|m| {
            (
                format!("metric_{m}"),
                LatestMetric {
                    value: (i * (m + 1)) as f64 / 1000.0,
                    step: 99,
                    timestamp: 0,
                },
            )
        })
        .collect();
    Run {
        id: RunId::new(format!("{i:032x}")),
        experiment_id: ExperimentId::new("1"),
        name: format!("sweep-{i:05}"),
        status: if i.is_multiple_of(17) {
            RunStatus::Failed
        } else {
            RunStatus::Finished
        },
        start_time: Some(now - chrono::Duration::minutes(i as i64)),
        end_time: Some(now - chrono::Duration::minutes(i as i64) + chrono::Duration::seconds(50)),
        user: "bench".into(),
        lifecycle: Lifecycle::Active,
        metrics,
        params: [("lr".to_owned(), "0.1".to_owned())].into_iter().collect(),
        tags: clearance::domain::Fields::new(),
    }
}

fn loaded(now: DateTime<Utc>) -> Result<App, Box<dyn Error>> {
    let mut app = App::new(
        &Config::defaults(),
        "MLflow at http://bench:5000".into(),
        now,
    )?;
    app.update(Msg::StoreOpened(Box::new(StoreOpened {
        label: "MLflow at http://bench:5000".into(),
        read_only_reason: None,
        demo: false,
        config: None,
        remembered: vec![ExperimentId::new("1")],
    })));
    app.update(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((
            vec![Experiment {
                id: ExperimentId::new("1"),
                name: "sweep".into(),
                lifecycle: Lifecycle::Active,
                last_update_ms: None,
                tags: BTreeMap::new(),
            }],
            None,
        )),
    });
    let runs: Vec<Run> = (0..RUNS).map(|i| run(i, now)).collect();
    let ids: Vec<RunId> = runs.iter().map(|r| r.id.clone()).collect();
    app.update(Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Ok(RunPage {
            runs,
            next_page_token: None,
        }),
    });
    let metric = app
        .runs
        .sparks
        .metric
        .clone()
        .ok_or("no sparkline metric")?;
    let histories = ids
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            let points = (0..POINTS)
                .map(|s| MetricPoint {
                    step: s as i64,
                    timestamp: 0,
                    value: ((s * (i % 7 + 1)) as f64).sin(),
                })
                .collect();
            (id, points)
        })
        .collect();
    app.update(Msg::SparklinesLoaded {
        ticket: app.runs.sparks.ticket,
        metric,
        result: Ok(histories),
    });
    if app.runs.list.rows.len() != RUNS || app.runs.sparks.data.len() != RUNS {
        return Err(format!(
            "loaded {} rows, {} sparklines",
            app.runs.list.rows.len(),
            app.runs.sparks.data.len()
        )
        .into());
    }
    app.runs.cursor.selected = RUNS / 2;
    Ok(app)
}

fn main() -> Result<(), Box<dyn Error>> {
    let now = DateTime::from_timestamp(1_795_176_000, 0).ok_or("bad time")?;
    let app = loaded(now)?;
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(200, 60))?;
    // Warm up: the first frames size the view and settle the scroll offset.
    for _ in 0..10 {
        terminal.draw(|f| clearance::ui::render(f, &app, &theme))?;
    }
    let mut times = Vec::with_capacity(FRAMES);
    for _ in 0..FRAMES {
        let started = Instant::now();
        terminal.draw(|f| clearance::ui::render(f, &app, &theme))?;
        times.push(started.elapsed());
    }
    times.sort();
    let median = times[FRAMES / 2];
    let p95 = times[FRAMES * 95 / 100];
    let screen = terminal.backend().to_string();
    if !screen.contains(&format!("sweep-{:05}", RUNS / 2)) {
        return Err("the selected run is not on screen".into());
    }
    println!(
        "render, {RUNS} runs with sparklines at 200x60: median {:.3} ms, p95 {:.3} ms a frame \
         (goal {} ms: {})",
        median.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
        GOAL.as_millis(),
        if p95 <= GOAL { "met" } else { "NOT met" }
    );
    Ok(())
}
