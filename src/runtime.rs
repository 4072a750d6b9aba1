//! The event loop: terminal events, task answers and ticks arrive in one place, `update`
//! turns them into effects, and the screen is redrawn at most once per frame.

mod tasks;

use std::process::ExitCode;
use std::time::Duration;

use chrono::Utc;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use ratatui::DefaultTerminal;
use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior};

use crate::app::{App, Msg};
use crate::backends::Backend;
use crate::cli::{CliError, GlobalArgs};
use crate::config::Config;
use crate::config::theme::Theme;
use crate::{connect, errors, ui};

/// The shortest time between two draws (about 60 frames a second).
const FRAME: Duration = Duration::from_millis(16);
/// The tick while something animates.
const TICK: Duration = Duration::from_millis(100);

/// Opens the backend, then runs the TUI until the user quits.
pub async fn run(global: &GlobalArgs, mut config: Config) -> Result<ExitCode, CliError> {
    config.read_only |= global.read_only;
    let backend = connect::open(global.tracking_uri.as_deref(), &config)?;
    let theme =
        Theme::from_config(&config.theme).map_err(|(k, e)| CliError(format!("theme.{k}: {e}")))?;
    let app = App::new(&config, backend.label.clone(), Utc::now()).map_err(CliError)?;
    let mut terminal = ratatui::init();
    errors::install_tui_panic_hook();
    let result = event_loop(&mut terminal, app, backend, &theme).await;
    ratatui::restore();
    result.map(|()| ExitCode::SUCCESS)
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    backend: Backend,
    theme: &Theme,
) -> Result<(), CliError> {
    let (inbox, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut tasks = tasks::Executor::new(backend, app.settings.clone(), inbox);
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);

    let first = app.start();
    tasks.run(first);
    let mut dirty = true;
    let mut last_draw = Instant::now() - FRAME;
    let mut batch: Vec<Msg> = Vec::new();
    loop {
        if dirty && last_draw.elapsed() >= FRAME {
            app.now = Utc::now();
            terminal
                .draw(|f| ui::render(f, &app, theme))
                .map_err(|e| CliError(format!("cannot draw: {e}")))?;
            last_draw = Instant::now();
            dirty = false;
        }
        let next_draw = last_draw + FRAME;
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind == KeyEventKind::Press => batch.push(Msg::Key(k)),
                Some(Ok(Event::Resize(width, height))) => batch.push(Msg::Resize { width, height }),
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(CliError(format!("cannot read the terminal: {e}"))),
                None => return Ok(()),
            },
            Some(msg) = rx.recv() => batch.push(msg),
            _ = tick.tick(), if app.wants_ticks() => batch.push(Msg::Tick),
            () = tokio::time::sleep_until(next_draw), if dirty => {}
        }
        // Take whatever else is already waiting, so a burst costs one draw.
        while let Ok(msg) = rx.try_recv() {
            batch.push(msg);
        }
        for msg in batch.drain(..) {
            app.now = Utc::now();
            let tick = matches!(msg, Msg::Tick);
            let toasts = app.toasts.items.len();
            let effects = app.update(msg);
            // A tick only changes the picture while a spinner turns or a toast goes.
            dirty |=
                !tick || app.is_busy() || toasts != app.toasts.items.len() || !effects.is_empty();
            if tasks.run(effects) || app.should_quit {
                return Ok(());
            }
        }
    }
}
