//! The terminal: taken for the screens, and given back as it was found on quit, on a panic,
//! on a signal that ends the program, and while it is suspended.

use std::io::{self, IsTerminal as _};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use super::RuntimeError;

/// Refuses to start the screens without a terminal to draw them on and read keys from,
/// saying what to use instead.
pub fn check() -> Result<(), RuntimeError> {
    if !io::stdout().is_terminal() {
        Err(RuntimeError::NoTerminal("its output is not a terminal"))
    } else if !io::stdin().is_terminal() && !has_controlling_terminal() {
        Err(RuntimeError::NoTerminal(
            "it has no terminal to read keys from",
        ))
    } else {
        Ok(())
    }
}

/// Whether keys can be read from `/dev/tty` (what the terminal backend falls back on when
/// stdin is not a terminal).
fn has_controlling_terminal() -> bool {
    cfg!(not(unix)) || std::fs::File::open("/dev/tty").is_ok()
}

/// Raw mode and the alternate screen, with a terminal to draw on, and the mouse when `mouse`.
pub fn enter(mouse: bool) -> Result<DefaultTerminal, RuntimeError> {
    let terminal = ratatui::try_init().map_err(|e| {
        restore();
        RuntimeError::io("take over the terminal")(e)
    })?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture).map_err(|e| {
            restore();
            RuntimeError::io("capture the mouse")(e)
        })?;
    }
    Ok(terminal)
}

/// Gives the terminal back: the mouse to the terminal, line mode with echo, the main screen, a
/// visible cursor. Each step is tried even when one before it failed (after SIGHUP the
/// terminal may be gone). The mouse is released whether or not it was captured: this runs from
/// the panic hook too, which cannot know, and releasing is harmless.
pub fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), LeaveAlternateScreen, Show);
}

/// Takes the terminal again after a suspension (the mouse too, when `mouse`), and makes the
/// next draw repaint everything.
pub fn resume(terminal: &mut DefaultTerminal, mouse: bool) -> io::Result<()> {
    // The backend skips enabling raw mode it believes is on; after an outside SIGSTOP the
    // shell may have put the terminal back in line mode, so turn it off first, for real.
    disable_raw_mode()?;
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    // Not `clear`, which asks the terminal where the cursor is and can wait in vain: a resize
    // to the current size clears the screen and the last frame, so the next draw is whole.
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}
