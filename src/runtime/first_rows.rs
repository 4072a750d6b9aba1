//! The start's first rows: drawn before anything they set off runs, and timed for the log.
//!
//! The answer that brings the first rows also asks for the rest of the first screen (the
//! baselines, sparklines, models, alerts, pull requests, who the user is, the cache file).
//! Started at once, those tasks would take the CPU the first frame needs on a busy 2-core
//! machine; held until the frame is drawn, they cost the first rows nothing. The frame itself
//! is drawn at once rather than at the next frame tick.

use tokio::time::Instant;

use crate::app::{App, Effect};

/// Where the start stands with its first rows.
pub struct FirstRows {
    /// When the TUI started, for the log lines that say how long the first frame and the
    /// first rows took (`benches/scale.sh` reads "first rows drawn").
    started: Instant,
    frame_drawn: bool,
    cached_drawn: bool,
    drawn: bool,
    /// Effects asked for since the first rows arrived, until they are drawn.
    held: Vec<Effect>,
}

impl FirstRows {
    pub fn new(started: Instant) -> Self {
        Self {
            started,
            frame_drawn: false,
            cached_drawn: false,
            drawn: false,
            held: Vec::new(),
        }
    }

    /// Milliseconds since the start, for the log.
    pub fn ms(&self) -> String {
        ms_since(self.started)
    }

    /// Whether fresh rows from the store are in `app` but not yet on screen: the next frame
    /// is drawn at once, and effects wait for it.
    pub fn waiting(&self, app: &App) -> bool {
        let list = &app.runs.list;
        !self.drawn && list.loaded && list.stale_since.is_none()
    }

    /// The effects to run now of those `app` just asked for: all of them, except while the
    /// first rows wait for their frame (then none; [`FirstRows::drawn`] hands them back).
    pub fn pass(&mut self, app: &App, effects: Vec<Effect>) -> Vec<Effect> {
        if self.waiting(app) {
            self.held.extend(effects);
            return Vec::new();
        }
        effects
    }

    /// A frame showing `app` was drawn at `at`: logs the first frame, the first cached rows
    /// and the first rows from the store, and hands back the effects held for them. Any
    /// frame hands them back: rows replaced before their frame (another experiment chosen,
    /// the remembered one gone) must not keep the rest of the screen waiting for a page
    /// that may never come.
    pub fn drawn(&mut self, app: &App, at: Instant) -> Vec<Effect> {
        if !self.frame_drawn {
            self.frame_drawn = true;
            tracing::info!(ms = ms_between(self.started, at), "first frame drawn");
        }
        let list = &app.runs.list;
        if self.drawn || !list.loaded {
            return std::mem::take(&mut self.held);
        }
        let ms = ms_between(self.started, at);
        if list.stale_since.is_some() {
            if !self.cached_drawn {
                self.cached_drawn = true;
                tracing::info!(ms, rows = list.rows.len(), "cached rows drawn");
            }
            return std::mem::take(&mut self.held);
        }
        self.drawn = true;
        tracing::info!(ms, rows = list.rows.len(), "first rows drawn");
        std::mem::take(&mut self.held)
    }
}

/// Milliseconds since `started`, for the log.
pub fn ms_since(started: Instant) -> String {
    ms_between(started, Instant::now())
}

fn ms_between(started: Instant, at: Instant) -> String {
    format!("{:.1}", (at - started).as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;
    use crate::app::fixtures::{Harness, now, runs};
    use crate::app::{CachedRuns, Msg, StoreOpened, Task, Ticket};
    use crate::domain::ExperimentId;
    use crate::store::{BackendError, RunPage};

    fn opened(h: &mut Harness) -> Vec<Effect> {
        h.send(Msg::StoreOpened(Box::new(StoreOpened {
            label: "MLflow at http://127.0.0.1:5000".into(),
            read_only_reason: None,
            demo: false,
            config: None,
            remembered: vec![ExperimentId::new("1")],
        })));
        std::mem::take(&mut h.effects)
    }

    fn page(h: &mut Harness) -> Vec<Effect> {
        h.send(Msg::RunsLoaded {
            ticket: Ticket(2),
            result: Ok(RunPage {
                runs: runs(),
                next_page_token: None,
            }),
        });
        std::mem::take(&mut h.effects)
    }

    fn fetches(fx: &[Effect]) -> usize {
        fx.iter().filter(|e| matches!(e, Effect::Task(_))).count()
    }

    #[test]
    fn what_the_first_rows_set_off_waits_for_their_frame() {
        let mut h = Harness::with_config("[github]\nrepo = \"acme/models\"\n");
        let mut first = FirstRows::new(Instant::now());
        let fx = opened(&mut h);
        assert_eq!(
            first.pass(&h.app, fx.clone()),
            fx,
            "the first requests go at once"
        );
        assert!(!first.waiting(&h.app));
        assert_eq!(
            first.drawn(&h.app, Instant::now()),
            vec![],
            "the first frame"
        );
        let fx = page(&mut h);
        assert!(
            fetches(&fx) >= 4,
            "baselines, models, PRs, sparklines…: {fx:?}"
        );
        assert_eq!(first.pass(&h.app, fx.clone()), vec![], "held");
        assert!(first.waiting(&h.app), "drawn at once");
        h.keys("r");
        let more = std::mem::take(&mut h.effects);
        assert!(!more.is_empty(), "a refresh asks the store");
        assert_eq!(first.pass(&h.app, more.clone()), vec![], "held too");
        let mut all = fx;
        all.extend(more);
        // Compared as text: the runs to cache hold NaN, which equals nothing.
        assert_eq!(
            format!("{:?}", first.drawn(&h.app, Instant::now())),
            format!("{all:?}"),
            "handed back in order"
        );
        assert!(!first.waiting(&h.app));
        h.keys("r");
        let later = std::mem::take(&mut h.effects);
        assert!(!later.is_empty());
        assert_eq!(
            first.pass(&h.app, later.clone()),
            later,
            "then nothing waits"
        );
    }

    /// The rows that held the rest of the screen are gone before their frame (another
    /// experiment chosen in the same batch): the next frame hands the held effects back.
    #[test]
    fn rows_replaced_before_their_frame_hold_nothing_back() {
        let mut h = Harness::with_config("[github]\nrepo = \"acme/models\"\n");
        let mut first = FirstRows::new(Instant::now());
        let fx = opened(&mut h);
        first.pass(&h.app, fx);
        let fx = page(&mut h);
        assert_eq!(first.pass(&h.app, fx.clone()), vec![], "held");
        h.app.runs.list = crate::app::runs::RunList::default();
        assert!(!first.waiting(&h.app));
        assert_eq!(
            format!("{:?}", first.drawn(&h.app, Instant::now())),
            format!("{fx:?}"),
            "handed back though no first rows were drawn"
        );
        assert_eq!(first.drawn(&h.app, Instant::now()), vec![], "once");
    }

    #[test]
    fn cached_rows_or_a_failed_page_hold_nothing() {
        let mut h = Harness::new();
        let mut first = FirstRows::new(Instant::now());
        opened(&mut h);
        h.send(Msg::CachedRuns(CachedRuns {
            saved_at: now(),
            experiments: vec![ExperimentId::new("1")],
            runs: runs(),
        }));
        assert!(h.app.runs.list.loaded, "the cache painted rows");
        assert!(!first.waiting(&h.app), "stale rows are not the first rows");
        assert_eq!(first.drawn(&h.app, Instant::now()), vec![]);
        h.send(Msg::RunsLoaded {
            ticket: Ticket(2),
            result: Err(BackendError::Unreachable {
                target: "MLflow at http://127.0.0.1:5000".into(),
                detail: "connection refused".into(),
            }),
        });
        let fx = std::mem::take(&mut h.effects);
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::Task(Task::LoadModels { .. })))
        );
        assert_eq!(first.pass(&h.app, fx.clone()), fx, "nothing to wait for");
    }
}
