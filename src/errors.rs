//! Error reports and the panic hook.
//!
//! In the TUI, a panic anywhere (a spawned task included) restores the terminal, prints the
//! report and ends the process: a UI loop that kept running on a restored terminal would be
//! worse than exiting.

use std::panic;

/// Installs color-eyre's report handler (for `main`'s errors).
pub fn install() -> color_eyre::Result<()> {
    color_eyre::install()
}

/// Wraps the current panic hook: restore the terminal first, then report, then exit.
pub fn install_tui_panic_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        crate::runtime::terminal::restore();
        tracing::error!(%info, "panic");
        previous(info);
        #[expect(
            clippy::disallowed_methods,
            reason = "the terminal is restored just above"
        )]
        std::process::exit(101);
    }));
}
