//! `[policy]`: who may move which alias, how many must agree, what must hold first. The file
//! holds names and strings; [`PolicyConfig::policy`] turns them into the domain's
//! [`Policy`], with every bad value named by its key.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::domain::policy::{
    AliasRule, FreezePolicy, FreezeWindow, Policy, StageOrder, WeeklyTime, parse_duration,
};

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    pub rules: Vec<PolicyRuleConfig>,
    pub groups: BTreeMap<String, Vec<String>>,
    pub freeze: FreezeConfig,
    /// How long a promotion request stays open (`7d` when not set).
    pub request_ttl: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyRuleConfig {
    #[serde(default = "any")]
    pub models: String,
    pub alias: String,
    #[serde(default)]
    pub movers: Vec<String>,
    #[serde(default)]
    pub approvals: u32,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub min_hold: Option<String>,
}

fn any() -> String {
    "*".to_owned()
}

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FreezeConfig {
    pub aliases: Vec<String>,
    pub on_critical_alert: bool,
    pub override_needs_second: bool,
    pub windows: Vec<FreezeWindowConfig>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FreezeWindowConfig {
    pub name: String,
    pub from: String,
    pub to: String,
    #[serde(default = "utc")]
    pub tz: String,
}

fn utc() -> String {
    "UTC".to_owned()
}

impl PolicyConfig {
    /// The policy, or the key of the first bad value and what is wrong with it.
    pub fn policy(&self) -> Result<Policy, (String, String)> {
        let mut rules = Vec::with_capacity(self.rules.len());
        for (i, r) in self.rules.iter().enumerate() {
            let key = |k: &str| format!("policy.rules[{i}].{k}");
            if r.alias.trim().is_empty() {
                return Err((
                    key("alias"),
                    "cannot be empty: name an alias or a glob".into(),
                ));
            }
            if r.movers
                .iter()
                .any(|m| m.trim().is_empty() || m.trim() == "group:")
            {
                return Err((
                    key("movers"),
                    "holds an empty name: list identities, or group:NAME".into(),
                ));
            }
            let after = match (&r.after, &r.min_hold) {
                (None, None) => None,
                (None, Some(_)) => {
                    return Err((
                        key("min_hold"),
                        "needs `after`: the alias the version must hold first".into(),
                    ));
                }
                (Some(alias), hold) if !alias.trim().is_empty() => Some(StageOrder {
                    alias: alias.trim().to_owned(),
                    min_hold: match hold {
                        Some(h) => parse_duration(h).map_err(|e| (key("min_hold"), e))?,
                        None => chrono::Duration::zero(),
                    },
                }),
                (Some(_), _) => {
                    return Err((key("after"), "cannot be empty: name an alias".into()));
                }
            };
            rules.push(AliasRule {
                models: r.models.trim().to_owned(),
                alias: r.alias.trim().to_owned(),
                movers: r.movers.iter().map(|m| m.trim().to_owned()).collect(),
                approvals: r.approvals,
                after,
            });
        }
        let mut windows = Vec::with_capacity(self.freeze.windows.len());
        for (i, w) in self.freeze.windows.iter().enumerate() {
            let key = |k: &str| format!("policy.freeze.windows[{i}].{k}");
            windows.push(FreezeWindow {
                name: if w.name.trim().is_empty() {
                    format!("window {}", i + 1)
                } else {
                    w.name.trim().to_owned()
                },
                from: WeeklyTime::parse(&w.from).map_err(|e| (key("from"), e))?,
                to: WeeklyTime::parse(&w.to).map_err(|e| (key("to"), e))?,
                tz: FreezeWindow::time_zone(&w.tz).map_err(|e| (key("tz"), e))?,
            });
        }
        let policy = Policy {
            rules,
            groups: self
                .groups
                .iter()
                .map(|(g, members)| {
                    (
                        g.clone(),
                        members.iter().map(|m| m.trim().to_owned()).collect(),
                    )
                })
                .collect(),
            freeze: FreezePolicy {
                aliases: self.freeze.aliases.clone(),
                on_critical_alert: self.freeze.on_critical_alert,
                windows,
                override_needs_second: self.freeze.override_needs_second,
            },
            request_ttl: match &self.request_ttl {
                Some(t) => {
                    Some(parse_duration(t).map_err(|e| ("policy.request_ttl".to_owned(), e))?)
                }
                None => None,
            },
        };
        if let Some(problem) = policy.problems().into_iter().next() {
            return Err(("policy.rules".into(), problem));
        }
        Ok(policy)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Config;

    fn load(text: &str) -> Result<crate::domain::policy::Policy, String> {
        let c = Config::from_str_at(text, Path::new("c.toml")).map_err(|e| e.to_string())?;
        c.policy.policy().map_err(|(k, e)| format!("{k}: {e}"))
    }

    #[test]
    fn the_default_policy_has_no_rules_and_freezes_production() {
        let p = load("").unwrap();
        assert!(p.rules.is_empty());
        assert_eq!(p.freeze.aliases, ["production", "champion"]);
        assert!(!p.freeze.on_critical_alert);
    }

    #[test]
    fn a_team_policy_reads_whole() {
        let p = load(
            r#"
[policy]
[[policy.rules]]
alias = "production"
movers = ["group:leads"]
approvals = 1
after = "staging"
min_hold = "1d"

[policy.groups]
leads = ["alice", " bob "]

[policy.freeze]
on_critical_alert = true
[[policy.freeze.windows]]
name = "weekend"
from = "Fri 16:00"
to = "Mon 08:00"
tz = "Europe/Berlin"
"#,
        )
        .unwrap();
        assert_eq!(p.rules[0].models, "*");
        assert_eq!(
            p.rules[0].after.as_ref().unwrap().min_hold,
            chrono::Duration::days(1)
        );
        assert_eq!(p.groups["leads"], ["alice", "bob"]);
        assert_eq!(
            p.freeze.windows[0].describe(),
            "weekend (Fri 16:00 to Mon 08:00 Europe/Berlin)"
        );
    }

    #[test]
    fn bad_values_name_their_key() {
        let cases = [
            (
                "[[policy.rules]]\nalias = \"production\"\nmin_hold = \"1d\"\n",
                ("policy.rules[0].min_hold", "needs `after`"),
            ),
            (
                "[[policy.rules]]\nalias = \"production\"\nafter = \"staging\"\nmin_hold = \"soon\"\n",
                ("policy.rules[0].min_hold", "'soon' is not a duration"),
            ),
            (
                "[[policy.rules]]\nalias = \"production\"\nmovers = [\"group:sre\"]\n",
                (
                    "policy.rules",
                    "rule 1 (* @production): the group 'sre' is not defined",
                ),
            ),
            (
                "[[policy.freeze.windows]]\nname = \"w\"\nfrom = \"Fri 16:00\"\nto = \"Mon 08:00\"\ntz = \"Mars\"\n",
                ("policy.freeze.windows[0].tz", "'Mars' is not a time zone"),
            ),
        ];
        for (text, (key, want)) in cases {
            let got = load(text).unwrap_err();
            assert!(got.contains(&format!("key '{key}': {want}")), "{got}");
        }
    }
}
