//! `clearance config check`: every problem of a config file, each with its key, where
//! loading stops at the first.

use std::path::Path;

use super::{Config, DEFAULTS, profiles};

/// One problem: the key it is at (`None`: the file as a whole) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: Option<String>,
    pub detail: String,
}

/// Keys checked one after the other before giving up on a file (each refused top-level
/// table is set back to its default to look further).
const MAX_ROUNDS: usize = 64;

/// Every problem of the file `text` (at `path`): its top-level settings, then each profile
/// applied over them. Empty: the file is valid with and without every profile.
pub fn check(text: &str, path: &Path) -> Vec<Problem> {
    let user: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            return vec![Problem {
                key: None,
                detail: format!("not valid TOML: {e}"),
            }];
        }
    };
    let names = profiles::names(&user);
    let mut all: Vec<Problem> = Vec::new();
    for profile in std::iter::once(None).chain(names.iter().map(|n| Some(n.as_str()))) {
        for p in problems_with(text, path, profile) {
            if !all.contains(&p) {
                all.push(p);
            }
        }
    }
    all
}

fn problems_with(text: &str, path: &Path, profile: Option<&str>) -> Vec<Problem> {
    let mut merged = match Config::merged_table(text, path, profile) {
        Ok(m) => m,
        Err(e) => {
            return vec![Problem {
                key: None,
                detail: e.to_string(),
            }];
        }
    };
    let defaults: toml::Table = DEFAULTS.parse().unwrap_or_default();
    let located = |key: &str| profiles::locate(key, text, profile);
    let mut found = Vec::new();
    for _ in 0..MAX_ROUNDS {
        match Config::deserialize_table(merged.clone()) {
            Ok(config) => {
                found.extend(config.problems().into_iter().map(|(key, detail)| Problem {
                    key: Some(located(&key)),
                    detail,
                }));
                break;
            }
            Err((key, detail)) => {
                found.push(Problem {
                    key: Some(located(&key)),
                    detail,
                });
                // Set the refused top-level entry back to its default and look further.
                let top = key.split(['.', '[']).next().unwrap_or_default().to_owned();
                let default = defaults.get(&top);
                if merged.get(&top) == default {
                    break;
                }
                match default {
                    Some(v) => merged.insert(top, v.clone()),
                    None => merged.remove(&top),
                };
            }
        }
    }
    found
}
