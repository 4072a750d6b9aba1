//! The event loop: terminal events, task answers and ticks arrive in one place, `update`
//! turns them into effects, and the screen is redrawn at most once per frame.

mod browser;
pub mod cache;
mod error;
mod first_rows;
mod github;
mod memory;
mod options;
mod pr;
mod remembered;
mod signals;
mod tasks;
pub mod terminal;

#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use crossterm::event::{Event, EventStream, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use futures::StreamExt;
use ratatui::DefaultTerminal;
use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior};

use crate::app::mouse::{Hits, Mouse, MouseKind};
use crate::app::{App, Effect, LoopEffect, Msg, StoreOpened};
use crate::config::Config;
use crate::config::theme::Theme;
use crate::connect::{self, Target};
use crate::store::Backend;
use crate::{errors, ui};

pub use self::error::RuntimeError;
pub use self::options::Options;

/// The shortest time between two draws (about 60 frames a second).
const FRAME: Duration = Duration::from_millis(16);
/// The tick while something animates.
const TICK: Duration = Duration::from_millis(100);
/// How often the loop checks that its terminal is still there.
const TERMINAL_CHECK: Duration = Duration::from_secs(1);

/// Opens the store the flags and config point at (or shows the start screen), then runs the
/// TUI until the user quits.
pub async fn run(options: Options<'_>, mut config: Config) -> Result<ExitCode, RuntimeError> {
    let started = Instant::now();
    let lap = |what: &str| {
        tracing::debug!(ms = first_rows::ms_since(started), "start: {what}");
    };
    terminal::check()?;
    config.read_only |= options.read_only;
    config.ui.cache &= !options.no_cache;
    config.ui.mouse &= !options.no_mouse;
    connect::refuse_two_stores(
        options.typed_tracking_uri,
        options.dvc_repo,
        options.wandb.project,
    )?;
    let target = connect::resolve_with(
        options.tracking_uri,
        options.dvc_repo,
        options.demo,
        &options.wandb,
        &config,
    )?;
    if let Some(t) = &target {
        connect::configure_for(t, &mut config).map_err(RuntimeError::Config)?;
    }
    let demo = matches!(target, Some(Target::Demo { .. }));
    lap("target resolved");
    let backend = target
        .map(|t| connect::open_interactive(&t, &config))
        .transpose()?;
    lap("store opened");
    let theme = Theme::from_config(&config.theme)
        .map_err(|(k, e)| crate::config::Invalid::new(format!("theme.{k}"), e))?;
    let label = backend
        .as_ref()
        .map_or_else(|| "no store".to_owned(), |b| b.label().to_owned());
    let mut app = App::new(&config, label.clone(), Utc::now()).map_err(RuntimeError::Config)?;
    lap("app made");
    // Naming two code hosts is refused before the screens start, as a command refuses it; the
    // demo talks to none, so it starts anyway.
    let github = match github::GitHubLink::new(&config, options.github) {
        Ok(link) => link.map(Arc::new),
        Err(_) if demo => None,
        Err(e) => return Err(e.into()),
    };
    // What the runtime found out reaches the app as messages, like everything else.
    let mut first = app.update(Msg::RepoLinked(
        github.as_ref().and_then(|g| g.repo_name().ok().flatten()),
    ));
    first.extend(app.update(Msg::MergeRequests(
        github.as_ref().is_some_and(|g| g.is_gitlab()),
    )));
    let github = if demo { None } else { github };
    // Who the user is (`git config`) is asked by the app after the first rows.
    if let Some(m) = memory::load() {
        first.extend(app.update(Msg::Remembered(m)));
    }
    lap("TUI memory read");
    first.extend(app.update(match &backend {
        Some(b) => Msg::StoreOpened(Box::new(StoreOpened {
            label,
            read_only_reason: b.read_only_reason.clone(),
            demo,
            config: None,
            remembered: remembered(&b.store),
        })),
        None => Msg::NoStore {
            reason: connect::ConnectError::NotConfigured.to_string(),
        },
    }));
    let store = backend.as_ref().map(|b| b.store.clone());
    // Before any task runs: a task's panic restores the terminal and ends the process, also
    // in the moment before the terminal is taken (restoring it then changes nothing).
    errors::install_tui_panic_hook();
    // The first requests (the experiment list and, when remembered, the first page) go out
    // now: reading the cache and taking the terminal happen while they are on their way.
    let mut main = Loop::new(app, backend, config, github, started);
    if main.effects(first) {
        return Ok(ExitCode::SUCCESS);
    }
    lap("first requests sent");
    if let Some(store) = store {
        let fx = main.read_cache(&store);
        if main.effects(fx) {
            return Ok(ExitCode::SUCCESS);
        }
    }
    lap("cache read");
    // Before the terminal is taken: a signal in between would leave it raw.
    let mut signals = signals::Signals::new().map_err(RuntimeError::io("listen for signals"))?;
    let mut terminal = terminal::enter(main.mouse)?;
    lap("terminal entered");
    // Boxed: the loop's future holds the whole app.
    let result = Box::pin(main.run(&mut terminal, &theme, &mut signals)).await;
    terminal::restore();
    // Not dropped: ratatui's drop shows the cursor again and, when that fails (the terminal
    // is gone), writes to stderr with a macro that panics when stderr fails too. The process
    // ends right after; nothing else is held.
    std::mem::forget(terminal);
    match result? {
        End::Quit => Ok(ExitCode::SUCCESS),
        End::Signal(n) => {
            tracing::info!(signal = n, "ended by a signal, terminal restored");
            if let Err(e) = signals::die_by(n) {
                tracing::warn!("cannot end by signal {n}: {e}");
            }
            Ok(signals::exit_code(n))
        }
    }
}

/// Why the loop ended.
enum End {
    /// The user quit.
    Quit,
    /// A signal that ends the program arrived (its number).
    Signal(i32),
}

/// The experiments shown last time on `store`.
fn remembered(store: &crate::domain::StoreIdentity) -> Vec<crate::domain::ExperimentId> {
    remembered::Memory::for_store(store).map_or_else(Vec::new, |m| m.experiments())
}

/// What the tasks need: the store, what the config says about reviewing and alerting, and
/// GitHub.
fn context(
    backend: Backend,
    app: &App,
    config: &Config,
    github: Option<Arc<github::GitHubLink>>,
) -> tasks::Context {
    let audit = crate::ops::audit::AuditLog::for_store(&config.promotion.audit_log, &backend.store);
    let memory = remembered::Memory::for_store(&backend.store);
    let cache = if config.ui.cache {
        cache::RunsCache::for_store(&backend.store)
    } else {
        None
    };
    let acks = crate::ops::acks::LocalAcks::for_store(&backend.store);
    tasks::Context {
        memory,
        cache,
        acks,
        backend,
        settings: Arc::new(app.settings.clone()),
        audit,
        monitoring: Arc::new(config.monitoring.clone()),
        // Checked when the config was loaded.
        alert_rules: Arc::new(config.alert_rules().unwrap_or_default()),
        github,
        config: Arc::new(config.clone()),
    }
}

struct Loop {
    app: App,
    tasks: Option<tasks::Executor>,
    config: Config,
    inbox: mpsc::UnboundedSender<Msg>,
    rx: mpsc::UnboundedReceiver<Msg>,
    /// The start's first rows: drawn before what they set off, and timed.
    first_rows: first_rows::FirstRows,
    /// Whether the mouse is captured (`[ui] mouse`, off with `--no-mouse`).
    mouse: bool,
    /// Where the last frame drew what a click can land on, handed to the app with each
    /// mouse event.
    hits: Hits,
}

impl Loop {
    fn new(
        app: App,
        backend: Option<Backend>,
        config: Config,
        github: Option<Arc<github::GitHubLink>>,
        started: Instant,
    ) -> Self {
        let (inbox, rx) = mpsc::unbounded_channel::<Msg>();
        let tasks =
            backend.map(|b| tasks::Executor::new(context(b, &app, &config, github), inbox.clone()));
        let mouse = config.ui.mouse;
        Self {
            app,
            tasks,
            config,
            inbox,
            rx,
            first_rows: first_rows::FirstRows::new(started),
            mouse,
            hits: Hits::default(),
        }
    }

    /// Runs effects, and those that opening the demo asks for; returns true when one asks to
    /// quit.
    fn effects(&mut self, effects: Vec<Effect>) -> bool {
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Task(task) => {
                    if let Some(t) = &mut self.tasks {
                        t.spawn(task);
                    }
                }
                Effect::Loop(LoopEffect::Quit) => return true,
                Effect::Loop(LoopEffect::OpenDemo) => queue.extend(self.open_demo()),
                Effect::Loop(LoopEffect::CopyText(text)) => self.copy(&text),
                Effect::Loop(LoopEffect::Remember(m)) => memory::save(&m),
            }
        }
        false
    }

    /// A click or a turn of the wheel as a message, with where the last frame drew things;
    /// other mouse events (moves, drags, releases, other buttons) are not used.
    fn mouse(&self, m: MouseEvent) -> Option<Msg> {
        let kind = match m.kind {
            MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
            MouseEventKind::ScrollUp => MouseKind::WheelUp,
            MouseEventKind::ScrollDown => MouseKind::WheelDown,
            _ => return None,
        };
        Some(Msg::Mouse(Mouse {
            kind,
            column: m.column,
            row: m.row,
            hits: self.hits.clone(),
        }))
    }

    /// Puts text on the clipboard through the terminal. Whether the terminal honours OSC 52
    /// cannot be known, so the toast says what was sent.
    fn copy(&self, text: &str) {
        use std::io::Write as _;
        let mut out = std::io::stdout();
        let sent = out
            .write_all(browser::osc52(text).as_bytes())
            .and_then(|()| out.flush());
        let msg = match sent {
            Ok(()) => Msg::Notify {
                level: crate::app::notify::Level::Info,
                text: if std::env::var_os("TMUX").is_some() {
                    format!(
                        "Sent {text} to the clipboard (OSC 52; in tmux this needs \
                         `set -g set-clipboard on`)"
                    )
                } else {
                    format!("Sent {text} to the clipboard (OSC 52)")
                },
            },
            Err(e) => Msg::Notify {
                level: crate::app::notify::Level::Error,
                text: format!("Cannot copy: {e}"),
            },
        };
        let _ = self.inbox.send(msg);
    }

    /// Opens the demo chosen on the start screen and tells the app, whose answer (the first
    /// screen's fetches) it returns. The tasks then work on the demo, with the rules the app
    /// took from the demo's config.
    fn open_demo(&mut self) -> Vec<Effect> {
        let mut config = self.config.clone();
        let demo = Target::Demo { reset: false };
        let opened = connect::configure_for(&demo, &mut config)
            .map_err(|e| e.to_string())
            .and_then(|()| connect::open(&demo, &config).map_err(|e| e.to_string()));
        let backend = match opened {
            Ok(backend) => backend,
            Err(e) => {
                return self
                    .app
                    .update(Msg::BackendFailed(format!("Could not open the demo: {e}")));
            }
        };
        let store = backend.store.clone();
        let mut first = self.app.update(Msg::StoreOpened(Box::new(StoreOpened {
            label: backend.label().to_owned(),
            read_only_reason: backend.read_only_reason.clone(),
            demo: true,
            config: Some(config.clone()),
            remembered: remembered(&backend.store),
        })));
        if self.app.screen.is_start() {
            // The app could not take the demo's config (a toast says why): nothing opened.
            return first;
        }
        // The demo never talks to GitHub.
        self.tasks = Some(tasks::Executor::new(
            context(backend, &self.app, &config, None),
            self.inbox.clone(),
        ));
        first.extend(self.read_cache(&store));
        first
    }

    /// Hands the app the store's cached listing, when the cache is on and the app would paint
    /// it (rows of remembered experiments on their way); the app's answer.
    fn read_cache(&mut self, store: &crate::domain::StoreIdentity) -> Vec<Effect> {
        if !self.config.ui.cache || !self.app.wants_cached_rows() {
            return Vec::new();
        }
        match cache::RunsCache::for_store(store).and_then(|c| c.load()) {
            Some(cached) => self.app.update(Msg::CachedRuns(cached)),
            None => Vec::new(),
        }
    }

    /// Hands `msg` to the app; the effects to run now.
    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let answer = match &msg {
            Msg::RunsLoaded { .. } => Some("runs page"),
            Msg::ExperimentsLoaded { .. } => Some("experiment list"),
            _ => None,
        };
        let updating = Instant::now();
        let effects = self.app.update_at(Utc::now(), msg);
        if let Some(what) = answer {
            tracing::debug!(
                ms = self.first_rows.ms(),
                update_ms = first_rows::ms_since(updating),
                effects = effects.len(),
                "{what} taken"
            );
        }
        self.first_rows.pass(&self.app, effects)
    }

    async fn run(
        mut self,
        terminal: &mut DefaultTerminal,
        theme: &Theme,
        signals: &mut signals::Signals,
    ) -> Result<End, RuntimeError> {
        let mut events = EventStream::new();
        let mut tick = tokio::time::interval(TICK);
        // A terminal that went away without a SIGHUP (a closed window when clearance runs in a
        // session of its own) leaves the key reader spinning on EOF: look once a second.
        let mut terminal_check = tokio::time::interval(TERMINAL_CHECK);
        terminal_check.set_missed_tick_behavior(MissedTickBehavior::Skip);
        tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
        let mut dirty = true;
        let mut last_draw = Instant::now()
            .checked_sub(FRAME)
            .unwrap_or_else(Instant::now);
        let mut batch: Vec<Msg> = Vec::new();
        // The app learns the size it starts at as it learns of a resize (the chart's
        // histories are sampled to the width), with the first message that comes.
        if let Ok(size) = terminal.size() {
            batch.push(Msg::Resize {
                width: size.width,
                height: size.height,
            });
        }
        loop {
            // The first rows are drawn at once: the effects they set off wait for them.
            let first_rows = self.first_rows.waiting(&self.app);
            if dirty && (first_rows || last_draw.elapsed() >= FRAME) {
                // The picture shows the app's clock as of the last message: a draw only
                // follows one, within a frame.
                let mut hits = Hits::default();
                let drawing = Instant::now();
                terminal
                    .draw(|f| hits = ui::draw(f, &self.app, theme))
                    .map_err(RuntimeError::io("draw"))?;
                self.hits = hits;
                last_draw = Instant::now();
                dirty = false;
                if first_rows {
                    tracing::debug!(
                        draw_ms = first_rows::ms_since(drawing),
                        "start: first rows' frame"
                    );
                }
                let held = self.first_rows.drawn(&self.app, last_draw);
                if self.effects(held) {
                    return Ok(End::Quit);
                }
            }
            let next_draw = last_draw + FRAME;
            tokio::select! {
                ev = events.next() => match ev {
                    Some(Ok(Event::Key(k))) if k.kind == KeyEventKind::Press => batch.push(Msg::Key(k)),
                    Some(Ok(Event::Resize(width, height))) => batch.push(Msg::Resize { width, height }),
                    Some(Ok(Event::Mouse(m))) => batch.extend(self.mouse(m)),
                    Some(Ok(_)) => {}
                    Some(Err(e)) => return Err(RuntimeError::io("read the terminal")(e)),
                    None => return Ok(End::Quit),
                },
                caught = signals.recv() => match caught {
                    signals::Caught::End(n) => return Ok(End::Signal(n)),
                    signals::Caught::Suspend => {
                        terminal::restore();
                        if let Err(e) = signals::stop() {
                            tracing::warn!("cannot stop: {e}");
                        }
                        // Continued: take the terminal back (SIGCONT arrives too, and repaints
                        // once more, which costs one frame).
                        resume(terminal, self.mouse)?;
                        // The clock moved while stopped: ages and toasts catch up.
                        batch.push(Msg::Tick);
                        dirty = true;
                    }
                    signals::Caught::Resumed => {
                        resume(terminal, self.mouse)?;
                        // The clock moved while stopped: ages and toasts catch up.
                        batch.push(Msg::Tick);
                        dirty = true;
                    }
                },
                Some(msg) = self.rx.recv() => batch.push(msg),
                _ = terminal_check.tick() => {
                    if crossterm::terminal::window_size().is_err() {
                        tracing::info!("the terminal went away");
                        return Ok(End::Signal(signals::HANGUP));
                    }
                }
                _ = tick.tick(), if self.app.wants_ticks() => batch.push(Msg::Tick),
                () = tokio::time::sleep_until(next_draw), if dirty => {}
            }
            // Take whatever else is already waiting, so a burst costs one draw.
            while let Ok(msg) = self.rx.try_recv() {
                batch.push(msg);
            }
            for msg in std::mem::take(&mut batch) {
                let tick = matches!(msg, Msg::Tick);
                let toasts = self.app.toasts.items.len();
                let effects = self.update(msg);
                // A tick only changes the picture while a spinner turns or a toast goes.
                dirty |= !tick
                    || self.app.is_busy()
                    || toasts != self.app.toasts.items.len()
                    || !effects.is_empty();
                if self.effects(effects) || self.app.should_quit {
                    return Ok(End::Quit);
                }
            }
        }
    }
}

/// Takes the terminal again after a stop.
fn resume(terminal: &mut DefaultTerminal, mouse: bool) -> Result<(), RuntimeError> {
    terminal::resume(terminal, mouse).map_err(RuntimeError::io("take the terminal back"))
}
