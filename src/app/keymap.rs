//! The keymap: key sequences resolved to [`Action`]s, per layer. The config holds the
//! bindings as written, with action names ([`KeymapConfig`]); this is where the names become
//! actions, so the config never knows the `Action` type.

use std::collections::BTreeMap;
use std::fmt;

use super::Action;
use crate::config::keymap::{KeySpec, KeymapConfig, Layer, NamedLayer};
use crate::config::{Config, ConfigError};

/// Checks that every action the config's `[keymap]` names exists; the message is the one a
/// config error has (`config file '…': key 'keymap.runs[0]': unknown action 'fly'`). Run
/// after `Config::load`, which checks everything but the action names.
pub fn check(config: &Config) -> Result<(), ConfigError> {
    Keymap::from_config(&config.keymap)
        .map(drop)
        .map_err(|(key, detail)| ConfigError::Key {
            path: config.source.clone().unwrap_or_default(),
            key: format!("keymap.{key}"),
            detail,
        })
}

/// A key sequence bound to an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub keys: Vec<KeySpec>,
    pub action: Action,
    pub desc: String,
}

impl Binding {
    /// `g g`, `ctrl-r`.
    pub fn label(&self) -> String {
        self.keys
            .iter()
            .map(KeySpec::label)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Display for Binding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.label(), self.desc)
    }
}

/// What a key press means so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Action(Action),
    /// The keys so far start a longer sequence: wait for the next key.
    Pending,
    Unbound,
}

/// Bindings per layer, in priority order within each layer.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    layers: BTreeMap<Layer, Vec<Binding>>,
}

impl Keymap {
    /// Builds the keymap; errors name the layer and entry (`runs[2]`) and what is wrong.
    pub fn from_config(config: &KeymapConfig) -> Result<Self, (String, String)> {
        let mut layers: BTreeMap<Layer, Vec<Binding>> = BTreeMap::new();
        for NamedLayer {
            layer,
            bindings: entries,
        } in config.parse()?
        {
            let mut bindings: Vec<Binding> = Vec::new();
            for e in entries {
                let action: Action = e.run.parse().map_err(|err| (e.at, err))?;
                // The first binding of a sequence wins (user entries come first); later ones
                // for the same keys are shadowed and dropped, so help never lists them.
                if bindings.iter().any(|b| b.keys == e.keys) {
                    continue;
                }
                bindings.push(Binding {
                    keys: e.keys,
                    action,
                    desc: e.desc,
                });
            }
            layers.insert(layer, bindings);
        }
        Ok(Self { layers })
    }

    /// Removes every binding to `actions` (read-only mode drops mutating actions).
    pub fn remove_actions(&mut self, actions: &[Action]) {
        for bindings in self.layers.values_mut() {
            bindings.retain(|b| !actions.contains(&b.action));
        }
    }

    pub fn bindings(&self, layer: Layer) -> &[Binding] {
        self.layers.get(&layer).map_or(&[], Vec::as_slice)
    }

    /// Resolves `pending + key` through `route`, earliest layer first.
    pub fn resolve(&self, route: &[Layer], pending: &[KeySpec], key: KeySpec) -> Resolution {
        let mut seq = pending.to_vec();
        seq.push(key);
        let mut prefix = false;
        for layer in route {
            for b in self.bindings(*layer) {
                if b.keys == seq {
                    return match b.action {
                        Action::None => Resolution::Unbound,
                        a => Resolution::Action(a),
                    };
                }
                prefix |= b.keys.len() > seq.len() && b.keys.starts_with(&seq);
            }
        }
        if prefix {
            Resolution::Pending
        } else {
            Resolution::Unbound
        }
    }

    /// The keys bound to `action` in `route`, for hints ("press r to retry").
    pub fn keys_for(&self, route: &[Layer], action: Action) -> Option<String> {
        route
            .iter()
            .flat_map(|l| self.bindings(*l))
            .find(|b| b.action == action)
            .map(Binding::label)
    }

    /// One entry per action of a layer, in binding order: its keys (`↓`, `j`) and the
    /// description.
    pub fn summary(&self, layer: Layer) -> Vec<Hint> {
        summarize(self.bindings(layer).iter())
    }

    /// [`Keymap::summary`] of each layer of `route`, without the keys an earlier layer
    /// takes first (as [`Keymap::resolve`] does): every key is listed once, for what it does.
    pub fn summary_route(&self, route: &[Layer]) -> Vec<(Layer, Vec<Hint>)> {
        let mut taken: Vec<&[KeySpec]> = Vec::new();
        let mut out = Vec::new();
        for layer in route {
            let bindings = self.bindings(*layer);
            let live: Vec<&Binding> = bindings
                .iter()
                .filter(|b| !taken.contains(&b.keys.as_slice()))
                .collect();
            taken.extend(bindings.iter().map(|b| b.keys.as_slice()));
            out.push((*layer, summarize(live.into_iter())));
        }
        out
    }
}

/// One hint per action of `bindings`, in order, with every key of each.
fn summarize<'a>(bindings: impl Iterator<Item = &'a Binding>) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    for b in bindings {
        if b.action == Action::None {
            continue;
        }
        match out.iter_mut().find(|h| h.action == b.action) {
            Some(h) => h.keys.push(b.label()),
            None => out.push(Hint {
                action: b.action,
                keys: vec![b.label()],
                desc: if b.desc.is_empty() {
                    b.action.name().to_owned()
                } else {
                    b.desc.clone()
                },
            }),
        }
    }
    out
}

/// An action with its keys and description, for the footer and the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub action: Action,
    pub keys: Vec<String>,
    pub desc: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keymap(extra: &str) -> Keymap {
        let c = Config::from_str_at(extra, std::path::Path::new("t.toml")).unwrap();
        Keymap::from_config(&c.keymap).unwrap()
    }

    fn key(s: &str) -> KeySpec {
        s.parse().unwrap()
    }

    #[test]
    fn layers_resolve_in_route_order_and_sequences_wait() {
        let km = keymap("[keymap]\nruns = [{ on = \"z z\", run = \"top\", desc = \"Top\" }]\n");
        let route = [Layer::Runs, Layer::Navigation, Layer::Global];
        assert_eq!(
            km.resolve(&route, &[], key("j")),
            Resolution::Action(Action::Down)
        );
        assert_eq!(
            km.resolve(&route, &[], key("<Enter>")),
            Resolution::Action(Action::Open)
        );
        assert_eq!(km.resolve(&route, &[], key("z")), Resolution::Pending);
        assert_eq!(
            km.resolve(&route, &[key("z")], key("z")),
            Resolution::Action(Action::Top)
        );
        assert_eq!(
            km.resolve(&route, &[key("z")], key("x")),
            Resolution::Unbound
        );
        assert_eq!(
            km.resolve(&[Layer::Help], &[], key("j")),
            Resolution::Unbound
        );
    }

    #[test]
    fn user_bindings_shadow_and_none_unbinds() {
        let km = keymap(
            "[keymap]\nruns = [{ on = \"c\", run = \"none\" }, { on = \"x\", run = \"compare\", desc = \"Compare\" }]\n",
        );
        let route = [Layer::Runs];
        assert_eq!(km.resolve(&route, &[], key("c")), Resolution::Unbound);
        assert_eq!(
            km.resolve(&route, &[], key("x")),
            Resolution::Action(Action::Compare)
        );
        assert_eq!(
            km.bindings(Layer::Runs)
                .iter()
                .filter(|b| b.action == Action::Compare)
                .count(),
            1,
            "the shadowed default is dropped"
        );
    }

    #[test]
    fn summaries_join_keys_per_action() {
        let km = keymap("");
        let nav = km.summary(Layer::Navigation);
        assert_eq!(
            nav[0],
            Hint {
                action: Action::Down,
                keys: vec!["↓".to_owned(), "j".to_owned()],
                desc: "Down".to_owned()
            }
        );
        assert_eq!(
            km.keys_for(&[Layer::Global], Action::Refresh).as_deref(),
            Some("r")
        );
    }

    #[test]
    fn unknown_actions_are_refused_as_config_errors() {
        let c = Config::from_str_at(
            "[keymap]\nruns = [{ on = \"x\", run = \"fly\", desc = \"\" }]\n",
            std::path::Path::new("/home/ann/.config/clearance/config.toml"),
        )
        .unwrap();
        assert_eq!(
            check(&c).unwrap_err().to_string(),
            "config file '/home/ann/.config/clearance/config.toml': key 'keymap.runs[0]': \
             unknown action 'fly'"
        );
        assert!(check(&Config::defaults()).is_ok());
    }
}
