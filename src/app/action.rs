//! Named user intents. Keys resolve to these through the keymap; `update` acts on them.

use std::fmt;
use std::str::FromStr;

macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A user intent, named in the config as `run = "<name>"`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $variant,)*
        }

        impl Action {
            /// Every action, in the order the help lists them.
            pub const ALL: &[Action] = &[$(Action::$variant,)*];

            /// The config name (`next-tab`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }
        }

        impl FromStr for Action {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(Action::$variant),)*
                    other => Err(format!("unknown action '{other}'")),
                }
            }
        }
    };
}

actions! {
    /// Leave clearance.
    Quit = "quit",
    /// Show the keys of the current screen.
    Help = "help",
    /// Go to the next tab.
    NextTab = "next-tab",
    /// Go to the previous tab.
    PrevTab = "prev-tab",
    /// Go to the first tab (Runs).
    Tab1 = "tab-1",
    /// Go to the second tab (Models).
    Tab2 = "tab-2",
    /// Go to the third tab (Alerts).
    Tab3 = "tab-3",
    /// Go to the fourth tab (PRs).
    Tab4 = "tab-4",
    /// Fetch the current view again.
    Refresh = "refresh",
    /// Move the selection down one row.
    Down = "down",
    /// Move the selection up one row.
    Up = "up",
    /// Select the first row.
    Top = "top",
    /// Select the last row (in the run list: list every run first, concurrently; `esc`
    /// stops).
    Bottom = "bottom",
    /// Move down one screen.
    PageDown = "page-down",
    /// Move up one screen.
    PageUp = "page-up",
    /// Focus the pane on the left.
    Left = "left",
    /// Focus the pane on the right.
    Right = "right",
    /// Open the selection (a comparison, on Runs and Models).
    Open = "open",
    /// Mark or unmark the selected row.
    Mark = "mark",
    /// Compare the marked runs (or the selected one with the baseline).
    Compare = "compare",
    /// Type a filter.
    Filter = "filter",
    /// Choose the sort order.
    Sort = "sort",
    /// Choose experiments.
    Experiments = "experiments",
    /// Show the next metric in the sparkline column.
    NextMetric = "next-metric",
    /// Scroll the metric columns left (show the ones before).
    ColumnsLeft = "columns-left",
    /// Scroll the metric columns right (show the ones after).
    ColumnsRight = "columns-right",
    /// Clear the filter and the marks.
    Clear = "clear",
    /// Close the view or dialog on top.
    Back = "back",
    /// Accept the dialog's choice.
    Confirm = "confirm",
    /// Show all params or only the changed ones.
    ToggleParams = "toggle-params",
    /// In a comparison: show only the metrics and params that differ, or everything.
    ToggleDiffOnly = "toggle-diff-only",
    /// Compare the next marked candidate.
    NextCandidate = "next-candidate",
    /// Compare the previous marked candidate.
    PrevCandidate = "prev-candidate",
    /// Scroll the details pane down.
    ScrollDown = "scroll-down",
    /// Scroll the details pane up.
    ScrollUp = "scroll-up",
    /// Open the bundled demo store (from the start screen).
    Demo = "demo",
    /// Approve the selected version: move the production alias to it (after confirmation).
    Approve = "approve",
    /// Move the production alias back to the version it held before (after confirmation).
    Rollback = "rollback",
    /// Show who moved the model's aliases, when, and why.
    History = "history",
    /// Show the open promotion requests of the loaded models.
    Requests = "requests",
    /// Ask for the selected version to take production: a promotion request, with a reason.
    Request = "request",
    /// Withdraw the selected promotion request (only its requester may).
    Withdraw = "withdraw",
    /// Open the command palette: every action available here, and "go to" entries.
    Palette = "palette",
    /// Go to the selected alert's model in the Models tab, on the version it is about.
    GotoModel = "goto-model",
    /// Acknowledge the selected alert: someone is on it (with a reason; again: take it back).
    Acknowledge = "acknowledge",
    /// Silence the selected alert for a while (with a reason; again: take it back).
    Silence = "silence",
    /// Take back the selected alert's acknowledgement or silence.
    Unacknowledge = "unacknowledge",
    /// Make the selected run its experiment's baseline (after confirmation).
    SetBaseline = "set-baseline",
    /// In a confirmation: override failing gates (a reason is then required).
    Override = "override",
    /// In a dialog: move to the next field (down, wrapping to the first).
    NextField = "next-field",
    /// In a dialog: move to the previous field (up, wrapping to the last).
    PrevField = "prev-field",
    /// In the approve dialog: promote directly, or by a pull request.
    ToggleVia = "toggle-via",
    /// Open the selection's page in the browser.
    Browse = "browse",
    /// Copy the selection's address to the clipboard.
    Copy = "copy",
    /// Does nothing: binds a key to nothing, to unbind a default.
    None = "none",
}

impl Action {
    /// Actions that change the store; read-only mode removes them from the keymap.
    pub const MUTATING: &[Action] = &[
        Action::Approve,
        Action::Rollback,
        Action::SetBaseline,
        Action::Acknowledge,
        Action::Silence,
        Action::Unacknowledge,
        Action::Withdraw,
        Action::Request,
    ];
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::ALL {
            assert_eq!(a.name().parse::<Action>(), Ok(*a));
        }
        assert!("fly".parse::<Action>().is_err());
    }
}
