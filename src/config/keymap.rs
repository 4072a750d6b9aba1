//! Key specs (`<C-r>`, `g g`) and the `[keymap]` table as written: layers, keys and the
//! names of actions. Which action a name means is the app's business (`app::keymap`).
//!
//! With `app::keymap`, the only place outside text inputs that looks at key codes.

use std::collections::BTreeMap;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

/// The `[keymap]` table: layer name → bindings.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct KeymapConfig {
    pub layers: BTreeMap<String, Vec<BindingConfig>>,
}

/// One binding as written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BindingConfig {
    pub on: String,
    pub run: String,
    #[serde(default)]
    pub desc: String,
}

/// Where keys are being resolved. Earlier layers in a route win.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Global,
    Navigation,
    Runs,
    Models,
    Compare,
    Help,
    Menu,
    Input,
    /// The start screen, shown when no tracking store is configured.
    Start,
    /// A confirmation dialog (promote, roll back, set a baseline).
    Dialog,
    /// A model's history of alias moves.
    History,
    /// The open promotion requests.
    Requests,
    /// The Alerts tab.
    Alerts,
    /// An alert's chart.
    AlertChart,
    /// The PRs tab.
    Prs,
    /// A change request's detail with its jobs.
    PrDetail,
}

impl Layer {
    pub const ALL: &[Layer] = &[
        Layer::Global,
        Layer::Navigation,
        Layer::Runs,
        Layer::Models,
        Layer::Compare,
        Layer::Help,
        Layer::Menu,
        Layer::Input,
        Layer::Start,
        Layer::Dialog,
        Layer::History,
        Layer::Requests,
        Layer::Alerts,
        Layer::AlertChart,
        Layer::Prs,
        Layer::PrDetail,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Navigation => "navigation",
            Self::Runs => "runs",
            Self::Models => "models",
            Self::Compare => "compare",
            Self::Help => "help",
            Self::Menu => "menu",
            Self::Input => "input",
            Self::Start => "start",
            Self::Dialog => "dialog",
            Self::History => "history",
            Self::Requests => "requests",
            Self::Alerts => "alerts",
            Self::AlertChart => "alert_chart",
            Self::Prs => "prs",
            Self::PrDetail => "pr_detail",
        }
    }

    /// A heading for the help.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Navigation => "Moving around",
            Self::Runs => "Runs",
            Self::Models => "Models",
            Self::Compare => "Comparison",
            Self::Help => "Help",
            Self::Menu => "Menus",
            Self::Input => "Text fields",
            Self::Start => "Start",
            Self::Dialog => "Confirmations",
            Self::History => "History",
            Self::Requests => "Requests",
            Self::Alerts => "Alerts",
            Self::AlertChart => "Alert chart",
            Self::Prs => "Pull requests",
            Self::PrDetail => "Change request",
        }
    }
}

/// One key press, normalised: Shift is part of the character (`G`), not a modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeySpec {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                // Ctrl combinations arrive lower-case on most terminals; compare them so.
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Self { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Self {
        Self::new(ev.code, ev.modifiers)
    }

    /// A short label for the footer and help: `enter`, `ctrl-r`, `↓`, `G`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Backspace => "bksp".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::PageUp => "pgup".into(),
            KeyCode::PageDown => "pgdn".into(),
            KeyCode::Delete => "del".into(),
            KeyCode::Insert => "ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("shift-");
        }
        s.push_str(&base);
        s
    }
}

impl FromStr for KeySpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("unknown key '{s}'");
        let Some(inner) = s.strip_prefix('<').and_then(|r| r.strip_suffix('>')) else {
            let mut chars = s.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Self::new(KeyCode::Char(c), KeyModifiers::NONE)),
                _ => Err(format!(
                    "unknown key '{s}': write one character or a name like <Enter>"
                )),
            };
        };
        if inner.is_empty() {
            return Ok(Self::new(KeyCode::Char('<'), KeyModifiers::NONE));
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = inner;
        while let Some((prefix, tail)) = rest.split_once('-').filter(|(_, t)| !t.is_empty()) {
            match prefix {
                "C" | "Ctrl" => mods |= KeyModifiers::CONTROL,
                "A" | "M" | "Alt" => mods |= KeyModifiers::ALT,
                "S" | "Shift" => mods |= KeyModifiers::SHIFT,
                _ => break,
            }
            rest = tail;
        }
        let code = match rest {
            "Enter" | "CR" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Space" => KeyCode::Char(' '),
            "Backspace" | "BS" => KeyCode::Backspace,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Delete" | "Del" => KeyCode::Delete,
            "Insert" => KeyCode::Insert,
            "lt" => KeyCode::Char('<'),
            f if f.starts_with('F') && f.len() > 1 => KeyCode::F(
                f[1..]
                    .parse()
                    .ok()
                    .filter(|n| (1..=24).contains(n))
                    .ok_or_else(bad)?,
            ),
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().ok_or_else(bad)?),
            _ => return Err(bad()),
        };
        Ok(Self::new(code, mods))
    }
}

/// One binding with its keys parsed and its action still a name: the app resolves the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedBinding {
    /// Where it is written, for messages: `runs[2]`.
    pub at: String,
    pub keys: Vec<KeySpec>,
    /// The action's name (`run = "..."`).
    pub run: String,
    pub desc: String,
}

/// A layer's bindings as written, keys parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLayer {
    pub layer: Layer,
    pub bindings: Vec<NamedBinding>,
}

impl KeymapConfig {
    /// The layers with their bindings in the order written, keys parsed; errors name the
    /// layer or the entry (`runs[2]`) and what is wrong. Action names are left to the app.
    pub fn parse(&self) -> Result<Vec<NamedLayer>, (String, String)> {
        let mut layers = Vec::new();
        for (name, entries) in &self.layers {
            let layer = Layer::ALL
                .iter()
                .copied()
                .find(|l| l.name() == name)
                .ok_or_else(|| {
                    let known: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
                    (
                        name.clone(),
                        format!("unknown layer; layers are {}", known.join(", ")),
                    )
                })?;
            let mut bindings = Vec::new();
            for (i, e) in entries.iter().enumerate() {
                let at = format!("{name}[{i}]");
                let keys = match e
                    .on
                    .split_whitespace()
                    .map(str::parse)
                    .collect::<Result<Vec<KeySpec>, String>>()
                {
                    Ok(keys) => keys,
                    Err(err) => return Err((at, err)),
                };
                if keys.is_empty() {
                    return Err((at, "'on' names no key".into()));
                }
                bindings.push(NamedBinding {
                    at,
                    keys,
                    run: e.run.clone(),
                    desc: e.desc.clone(),
                });
            }
            layers.push(NamedLayer { layer, bindings });
        }
        Ok(layers)
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;
    use crate::config::Config;

    #[rstest]
    #[case("j", KeyCode::Char('j'), KeyModifiers::NONE)]
    #[case("G", KeyCode::Char('G'), KeyModifiers::NONE)]
    #[case("<C-r>", KeyCode::Char('r'), KeyModifiers::CONTROL)]
    #[case("<C-R>", KeyCode::Char('r'), KeyModifiers::CONTROL)]
    #[case("<S-Tab>", KeyCode::BackTab, KeyModifiers::NONE)]
    #[case("<Space>", KeyCode::Char(' '), KeyModifiers::NONE)]
    #[case("<F5>", KeyCode::F(5), KeyModifiers::NONE)]
    #[case("<A-Enter>", KeyCode::Enter, KeyModifiers::ALT)]
    #[case("<->", KeyCode::Char('-'), KeyModifiers::NONE)]
    fn parses_keys(#[case] s: &str, #[case] code: KeyCode, #[case] mods: KeyModifiers) {
        assert_eq!(s.parse::<KeySpec>(), Ok(KeySpec::new(code, mods)));
    }

    #[rstest]
    #[case("<Nope>")]
    #[case("ab")]
    #[case("<F99>")]
    fn rejects_bad_keys(#[case] s: &str) {
        assert!(s.parse::<KeySpec>().is_err());
    }

    #[test]
    fn shifted_letters_from_the_terminal_match_capitals() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeySpec::from_event(&ev), "G".parse().unwrap());
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(KeySpec::from_event(&ev), "<S-Tab>".parse().unwrap());
    }

    #[test]
    fn unknown_layers_are_named() {
        let c = Config::defaults();
        let mut cfg = c.keymap.clone();
        cfg.layers.insert("runz".into(), vec![]);
        let err = cfg.parse().unwrap_err();
        assert_eq!(err.0, "runz");
    }
}
