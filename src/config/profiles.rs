//! `[profiles.NAME]`: named sets of settings over the top-level ones, for teams with several
//! tracking servers (`--profile prod`, `$CLEARANCE_PROFILE`).
//!
//! A profile may set any top-level key but `theme`, `keymap` and `profiles`: the store
//! (`tracking`, `dvc`, `wandb`, `gto`), GitHub (`github`), the review (`aliases`, `baseline`,
//! `metrics`, `alerts`, `monitoring`, `promotion`, `runs`) and `ui`, `read_only`, `user`. It
//! merges like the user's file over the defaults: tables key by key, anything else replaced.

use schemars::JsonSchema;
use serde::Deserialize;

use super::{
    AlertRuleConfig, AliasConfig, BaselineConfig, DvcConfig, GitHubConfig, GitLabConfig, GtoConfig,
    MetricRuleConfig, MonitoringConfig, PromotionConfig, RunsConfig, TrackingConfig, UiConfig,
    WandbConfig,
};

/// One `[profiles.NAME]` table. Its values are checked once merged (when the profile is used,
/// and by `clearance config check` for every profile); here only which keys it may hold.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileConfig {
    #[schemars(with = "Option<bool>")]
    pub read_only: Option<toml::Value>,
    #[schemars(with = "Option<String>")]
    pub user: Option<toml::Value>,
    #[schemars(with = "Option<Vec<MetricRuleConfig>>")]
    pub metrics: Option<toml::Value>,
    #[schemars(with = "Option<Vec<AlertRuleConfig>>")]
    pub alerts: Option<toml::Value>,
    #[schemars(with = "Option<MonitoringConfig>")]
    pub monitoring: Option<toml::Value>,
    #[schemars(with = "Option<TrackingConfig>")]
    pub tracking: Option<toml::Value>,
    #[schemars(with = "Option<DvcConfig>")]
    pub dvc: Option<toml::Value>,
    #[schemars(with = "Option<WandbConfig>")]
    pub wandb: Option<toml::Value>,
    #[schemars(with = "Option<AliasConfig>")]
    pub aliases: Option<toml::Value>,
    #[schemars(with = "Option<BaselineConfig>")]
    pub baseline: Option<toml::Value>,
    #[schemars(with = "Option<RunsConfig>")]
    pub runs: Option<toml::Value>,
    #[schemars(with = "Option<PromotionConfig>")]
    pub promotion: Option<toml::Value>,
    #[schemars(with = "Option<GitHubConfig>")]
    pub github: Option<toml::Value>,
    #[schemars(with = "Option<GitLabConfig>")]
    pub gitlab: Option<toml::Value>,
    #[schemars(with = "Option<GtoConfig>")]
    pub gto: Option<toml::Value>,
    #[schemars(with = "Option<UiConfig>")]
    pub ui: Option<toml::Value>,
}

/// The names of the profiles `user` (a parsed config file) defines, sorted.
pub fn names(user: &toml::Table) -> Vec<String> {
    match user.get("profiles") {
        Some(toml::Value::Table(t)) => t.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The table of profile `name` in `user`; `Err(known names)` when there is no such profile.
/// `None` when no profile is asked for. A profile that is not a table is left to serde, which
/// names its key.
pub fn select(user: &toml::Table, name: Option<&str>) -> Result<Option<toml::Table>, Vec<String>> {
    let Some(name) = name else {
        return Ok(None);
    };
    let Some(toml::Value::Table(profiles)) = user.get("profiles") else {
        return Err(Vec::new());
    };
    match profiles.get(name) {
        Some(toml::Value::Table(t)) => {
            let mut t = t.clone();
            // Left to serde: it names the key, as `profiles.NAME.KEY`.
            for key in ["theme", "keymap", "profiles"] {
                t.remove(key);
            }
            Ok(Some(t))
        }
        Some(_) => Ok(None),
        None => Err(names(user)),
    }
}

/// `known profiles: a, b`, or that there are none.
pub fn known_list(known: &[String]) -> String {
    if known.is_empty() {
        "the file defines no profiles ([profiles.NAME] tables)".to_owned()
    } else {
        format!("known profiles: {}", known.join(", "))
    }
}

/// `key` as the user should look for it: `profiles.NAME.key` when the active profile sets
/// it (its top-level table or value), else `key` itself.
pub fn locate(key: &str, text: &str, profile: Option<&str>) -> String {
    let Ok(user) = text.parse::<toml::Table>() else {
        return key.to_owned();
    };
    let Some(name) = profile else {
        return super::moved::origin(key, &user);
    };
    let Some(toml::Value::Table(table)) = user.get("profiles").and_then(|p| p.get(name)).cloned()
    else {
        return super::moved::origin(key, &user);
    };
    // A key the profile sets where it used to be is named as the profile spells it.
    let spelled = super::moved::origin(key, &table);
    // `tracking.timeout_secs`, `metrics[0].name`: walk the tables the key names.
    let mut here = &table;
    let segments: Vec<&str> = spelled.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        let field = segment.split('[').next().unwrap_or(segment);
        match here.get(field) {
            Some(toml::Value::Table(t)) if i + 1 < segments.len() => here = t,
            Some(_) => return format!("profiles.{name}.{spelled}"),
            None => return super::moved::origin(key, &user),
        }
    }
    format!("profiles.{name}.{spelled}")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use pretty_assertions::assert_eq;

    use crate::config::Config;

    const FILE: &str = "[tracking]\nuri = \"http://staging:5000\"\ntimeout_secs = 7\n\
        [aliases]\nproduction = \"champion\"\nstaging = \"challenger\"\n\
        [profiles.prod]\nread_only = true\n\
        [profiles.prod.tracking]\nuri = \"https://prod\"\n\
        [profiles.lab.aliases]\nstaging = \"candidate\"\n";

    fn load(text: &str, profile: Option<&str>) -> Result<Config, String> {
        Config::from_str_with_profile(text, Path::new("/c.toml"), profile)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_profile_replaces_what_it_names_and_keeps_the_rest() {
        let top = load(FILE, None).unwrap();
        assert_eq!(
            (top.tracking.uri.as_str(), top.read_only, top.profile),
            ("http://staging:5000", false, None)
        );
        let prod = load(FILE, Some("prod")).unwrap();
        assert_eq!(
            (
                prod.tracking.uri.as_str(),
                prod.tracking.timeout_secs,
                prod.read_only
            ),
            ("https://prod", 7, true),
            "tables merge key by key"
        );
        assert_eq!(prod.profile.as_deref(), Some("prod"));
        let lab = load(FILE, Some("lab")).unwrap();
        assert_eq!(
            (
                lab.aliases.production.as_str(),
                lab.aliases.staging.as_str()
            ),
            ("champion", "candidate")
        );
    }

    #[test]
    fn an_unknown_profile_lists_the_known_ones() {
        assert_eq!(
            load(FILE, Some("staging")).unwrap_err(),
            "no profile 'staging' in config file '/c.toml': known profiles: lab, prod"
        );
        assert_eq!(
            load("", Some("prod")).unwrap_err(),
            "no profile 'prod' in config file '/c.toml': the file defines no profiles \
             ([profiles.NAME] tables)"
        );
    }

    #[test]
    fn a_profile_problem_is_named_by_its_key_in_the_profile() {
        let bad = "[profiles.prod.tracking]\ntimeout_secs = 0\n";
        assert!(load(bad, None).is_ok(), "an unused profile is not merged");
        let e = load(bad, Some("prod")).unwrap_err();
        assert!(
            e.contains("key 'profiles.prod.tracking.timeout_secs': must be at least 1"),
            "{e}"
        );
        let e = load("[profiles.prod.theme]\naccent = \"red\"\n", None).unwrap_err();
        assert!(
            e.contains("key 'profiles.prod.theme': unknown field `theme`"),
            "{e}"
        );
        // Outside the profile, a key is named as it is.
        let e = load(
            "[aliases]\nstaging = \"production\"\n[profiles.prod.tracking]\nuri = \"x\"\n",
            Some("prod"),
        )
        .unwrap_err();
        assert!(e.contains("key 'aliases.staging'"), "{e}");
    }
}
