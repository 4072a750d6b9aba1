//! The deployment file: which version of each model production must run, with the approval
//! behind it. Promotion PRs change it; `clearance apply` makes the registry match it.
//!
//! ```toml
//! [models.fraud-classifier]
//! alias = "production"
//! version = "4"
//! previous = "3"
//! run_id = "9f1c2ab0e4d84c6b8e2f0a1b2c3d4e5f"
//! approved_by = "Ann Lee <ann@example.com>"
//! approved_at = "2026-03-02T14:05:00Z"
//! gates = "2 of 2 gates pass · 1 improved"
//! gates_passed = true
//! overridden = false
//! ```
//!
//! Edits keep everything else in the file as it was (other models, comments, order); the
//! table of the model being pinned is rewritten with its keys in the order above.

use chrono::{DateTime, Utc};
use toml_edit::{Array, DocumentMut, Item, Table, value};

use crate::domain::VersionId;
use crate::domain::promotion::GateRecord;

/// What a new deployment file starts with.
const HEADER: &str = "\
# Models in production: for each model, the version its alias must point at, and who approved it.
# `clearance promote --via pr` changes this file in a pull request; after the merge, CI runs
# `clearance apply` on it, which moves the alias in MLflow and records the change.
# Change it by hand only through a reviewed pull request.
";

/// The keys of a pin, in the order they are written.
const KEYS: [&str; 11] = [
    "alias",
    "version",
    "previous",
    "run_id",
    "approved_by",
    "approved_at",
    "gates",
    "gates_passed",
    "gates_failed",
    "overridden",
    "reason",
];

/// One model's pinned version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    pub model: String,
    /// The alias to point at `version` (`None`: the production alias).
    pub alias: Option<String>,
    pub version: VersionId,
    /// Where the alias pointed when this was approved: `Some(None)` unset, `None` not recorded
    /// (a hand-written pin; the alias is then moved from wherever it is).
    pub previous: Option<Option<VersionId>>,
    /// The run behind `version`; apply refuses a version with another run.
    pub run_id: Option<String>,
    pub approved_by: Option<String>,
    pub approved_at: Option<DateTime<Utc>>,
    pub gates: Option<GateRecord>,
    pub overridden: bool,
    pub reason: Option<String>,
}

/// A deployment file, edited in place.
#[derive(Debug, Clone)]
pub struct DeploymentFile {
    doc: DocumentMut,
}

impl Default for DeploymentFile {
    fn default() -> Self {
        Self::new()
    }
}

/// What is wrong with a deployment file's text (the path is the caller's to add).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidFile(pub String);

impl DeploymentFile {
    /// A new file with its explanatory header and no models.
    pub fn new() -> Self {
        let mut doc = DocumentMut::new();
        doc.decor_mut().set_prefix(HEADER);
        Self { doc }
    }

    /// Reads a file's text; the error names the problem (the path is the caller's to add).
    pub fn parse(text: &str) -> Result<Self, InvalidFile> {
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            InvalidFile(format!("not valid TOML: {}", e.to_string().trim_end()))
        })?;
        let file = Self { doc };
        file.pins()?;
        Ok(file)
    }

    /// The file as text.
    pub fn render(&self) -> String {
        let mut text = self.doc.to_string();
        if self.doc.as_table().is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }

    fn models(&self) -> Result<Option<&Table>, String> {
        match self.doc.get("models") {
            None => Ok(None),
            Some(Item::Table(t)) => Ok(Some(t)),
            Some(_) => Err("'models' must be a table of [models.<name>] tables".into()),
        }
    }

    /// Every pin, in file order.
    pub fn pins(&self) -> Result<Vec<Pin>, InvalidFile> {
        for (key, _) in self.doc.iter() {
            if key != "models" {
                return Err(InvalidFile(format!(
                    "unknown key '{key}': the file holds [models.<name>] tables only"
                )));
            }
        }
        let Some(models) = self.models().map_err(InvalidFile)? else {
            return Ok(Vec::new());
        };
        models
            .iter()
            .map(|(name, item)| {
                let table = item
                    .as_table()
                    .ok_or_else(|| InvalidFile(format!("'models.{name}' must be a table")))?;
                read_pin(name, table).map_err(|e| InvalidFile(format!("models.{name}: {e}")))
            })
            .collect()
    }

    /// The pin of one model.
    pub fn pin(&self, model: &str) -> Result<Option<Pin>, InvalidFile> {
        Ok(self.pins()?.into_iter().find(|p| p.model == model))
    }

    /// Pins a model: replaces its table (keeping where it is and the comments above it) or
    /// adds one after the others.
    pub fn set(&mut self, pin: &Pin) {
        let root = self.doc.as_table_mut();
        if !root.get("models").is_some_and(Item::is_table) {
            let mut models = Table::new();
            models.set_implicit(true);
            root.insert("models", Item::Table(models));
        }
        let Some(Item::Table(models)) = root.get_mut("models") else {
            return;
        };
        if let Some(Item::Table(existing)) = models.get_mut(&pin.model) {
            existing.clear();
            write_pin(existing, pin);
        } else {
            let mut table = Table::new();
            table.decor_mut().set_prefix("\n");
            write_pin(&mut table, pin);
            models.insert(&pin.model, Item::Table(table));
        }
    }
}

fn write_pin(t: &mut Table, pin: &Pin) {
    if let Some(a) = &pin.alias {
        t.insert("alias", value(a.as_str()));
    }
    t.insert("version", value(pin.version.as_str()));
    if let Some(prev) = &pin.previous {
        t.insert(
            "previous",
            value(prev.as_ref().map_or("", VersionId::as_str)),
        );
    }
    let mut opt = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            t.insert(k, value(v));
        }
    };
    opt("run_id", pin.run_id.as_deref());
    opt("approved_by", pin.approved_by.as_deref());
    let at = pin
        .approved_at
        .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    opt("approved_at", at.as_deref());
    if let Some(g) = &pin.gates {
        t.insert("gates", value(g.summary.as_str()));
        t.insert("gates_passed", value(g.passed));
        if !g.failed.is_empty() {
            let mut failed = Array::new();
            for f in &g.failed {
                failed.push(f.as_str());
            }
            t.insert("gates_failed", value(failed));
        }
    }
    t.insert("overridden", value(pin.overridden));
    if let Some(r) = &pin.reason {
        t.insert("reason", value(r.as_str()));
    }
}

fn read_pin(model: &str, t: &Table) -> Result<Pin, String> {
    for (key, _) in t {
        if !KEYS.contains(&key) {
            return Err(format!("unknown key '{key}' (known: {})", KEYS.join(", ")));
        }
    }
    let text = |k: &str| -> Result<Option<String>, String> {
        match t.get(k) {
            None => Ok(None),
            Some(i) => i
                .as_str()
                .map(|s| Some(s.to_owned()))
                .ok_or_else(|| format!("'{k}' must be a string")),
        }
    };
    let flag = |k: &str| -> Result<Option<bool>, String> {
        match t.get(k) {
            None => Ok(None),
            Some(i) => i
                .as_bool()
                .map(Some)
                .ok_or_else(|| format!("'{k}' must be true or false")),
        }
    };
    let version = text("version")?
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .ok_or("'version' is missing (the version to pin, e.g. version = \"4\")")?;
    let approved_at = text("approved_at")?
        .map(|s| {
            DateTime::parse_from_rfc3339(&s)
                .map(|d| d.with_timezone(&Utc))
                .map_err(|e| format!("'approved_at' is not an RFC 3339 time ({e})"))
        })
        .transpose()?;
    let failed = match t.get("gates_failed") {
        None => Vec::new(),
        Some(i) => i
            .as_array()
            .ok_or("'gates_failed' must be an array of strings")?
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| "'gates_failed' must be an array of strings".to_owned())
            })
            .collect::<Result<_, _>>()?,
    };
    let gates = match (text("gates")?, flag("gates_passed")?) {
        (None, None) => None,
        (summary, passed) => Some(GateRecord {
            passed: passed.unwrap_or(failed.is_empty()),
            summary: summary.unwrap_or_default(),
            failed,
        }),
    };
    let alias = match text("alias")? {
        Some(a) if a.trim().is_empty() => {
            return Err(
                "'alias' is empty: name the alias to move, or leave the key out for the \
                 production alias of the config"
                    .into(),
            );
        }
        a => a.map(|a| a.trim().to_owned()),
    };
    Ok(Pin {
        model: model.to_owned(),
        alias,
        // `v3` as W&B writes versions, `3` as MLflow does: the same version.
        version: VersionId::from_user(&version),
        previous: text("previous")?.map(|p| {
            let p = p.trim();
            (!p.is_empty()).then(|| VersionId::from_user(p))
        }),
        run_id: text("run_id")?.filter(|r| !r.is_empty()),
        approved_by: text("approved_by")?.filter(|a| !a.trim().is_empty()),
        approved_at,
        gates,
        overridden: flag("overridden")?.unwrap_or(false),
        reason: text("reason")?.filter(|r| !r.trim().is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    fn pin(model: &str, version: &str) -> Pin {
        Pin {
            model: model.into(),
            alias: Some("production".into()),
            version: version.into(),
            previous: Some(Some("3".into())),
            run_id: Some("9f1c2ab0".into()),
            approved_by: Some("Ann Lee <ann@example.com>".into()),
            approved_at: DateTime::from_timestamp(1_772_460_300, 0),
            gates: Some(GateRecord {
                passed: false,
                summary: "1 of 2 gates fail".into(),
                failed: vec!["latency_p95_ms: regressed by 9 (+23.7%)".into()],
            }),
            overridden: true,
            reason: Some("latency budget raised".into()),
        }
    }

    #[test]
    fn a_new_file_explains_itself_and_round_trips() {
        let mut f = DeploymentFile::new();
        f.set(&pin("fraud-classifier", "4"));
        let text = f.render();
        assert_eq!(
            text,
            format!(
                "{HEADER}\n[models.fraud-classifier]\nalias = \"production\"\nversion = \"4\"\n\
                 previous = \"3\"\nrun_id = \"9f1c2ab0\"\napproved_by = \"Ann Lee <ann@example.com>\"\n\
                 approved_at = \"2026-03-02T14:05:00Z\"\ngates = \"1 of 2 gates fail\"\n\
                 gates_passed = false\ngates_failed = [\"latency_p95_ms: regressed by 9 (+23.7%)\"]\n\
                 overridden = true\nreason = \"latency budget raised\"\n"
            )
        );
        let back = DeploymentFile::parse(&text).unwrap();
        assert_eq!(back.pins().unwrap(), vec![pin("fraud-classifier", "4")]);
    }

    #[test]
    fn versions_written_as_w_and_b_writes_them_are_numbers() {
        let f = DeploymentFile::parse(
            "[models.churn-classifier]\nversion = \"v3\"\nprevious = \"v0\"\n",
        )
        .unwrap();
        let p = f.pin("churn-classifier").unwrap().unwrap();
        assert_eq!(p.version, VersionId::from("3"));
        assert_eq!(p.previous, Some(Some(VersionId::from("0"))));
    }

    #[test]
    fn pinning_one_model_keeps_the_rest_of_the_file() {
        let text = "# our models\n\n# churn is owned by the growth team\n[models.churn]\nversion = \"7\" # pinned by hand\n\n\
                    [models.fraud-classifier]\nversion = \"3\"\napproved_by = \"Bo\"\n\n[models.\"team/ranker\"]\nversion = \"2\"\n";
        let mut f = DeploymentFile::parse(text).unwrap();
        f.set(&Pin {
            gates: None,
            reason: None,
            overridden: false,
            ..pin("fraud-classifier", "4")
        });
        f.set(&Pin {
            previous: Some(None),
            ..pin("new-model", "1")
        });
        let out = f.render();
        assert!(
            out.starts_with(
                "# our models\n\n# churn is owned by the growth team\n[models.churn]\nversion = \"7\" # pinned by hand\n\n\
                 [models.fraud-classifier]\nalias = \"production\"\nversion = \"4\"\nprevious = \"3\"\n"
            ),
            "{out}"
        );
        let names: Vec<String> = DeploymentFile::parse(&out)
            .unwrap()
            .pins()
            .unwrap()
            .into_iter()
            .map(|p| format!("{}={}", p.model, p.version))
            .collect();
        assert_eq!(
            names,
            [
                "churn=7",
                "fraud-classifier=4",
                "team/ranker=2",
                "new-model=1"
            ]
        );
        let new = DeploymentFile::parse(&out)
            .unwrap()
            .pin("new-model")
            .unwrap()
            .unwrap();
        assert_eq!(
            new.previous,
            Some(None),
            "previous = \"\" means the alias was unset"
        );
        let churn = DeploymentFile::parse(&out)
            .unwrap()
            .pin("churn")
            .unwrap()
            .unwrap();
        assert_eq!(
            (churn.previous, churn.alias, churn.approved_by),
            (None, None, None)
        );
    }

    #[test]
    fn mistakes_are_named() {
        let err = |t: &str| DeploymentFile::parse(t).unwrap_err().to_string();
        assert_eq!(
            err("[models.fraud]\nversoin = \"4\"\n"),
            "models.fraud: unknown key 'versoin' (known: alias, version, previous, run_id, \
             approved_by, approved_at, gates, gates_passed, gates_failed, overridden, reason)"
        );
        assert_eq!(
            err("[models.fraud]\nalias = \"production\"\n"),
            "models.fraud: 'version' is missing (the version to pin, e.g. version = \"4\")"
        );
        assert_eq!(
            err("[models.fraud]\nversion = 4\n"),
            "models.fraud: 'version' must be a string"
        );
        assert_eq!(
            err("model = \"fraud\"\n"),
            "unknown key 'model': the file holds [models.<name>] tables only"
        );
        assert_eq!(
            err("[models.fraud]\nalias = \" \"\nversion = \"4\"\n"),
            "models.fraud: 'alias' is empty: name the alias to move, or leave the key out for \
             the production alias of the config"
        );
        assert!(err("[models.fraud\n").starts_with("not valid TOML"));
        assert!(
            err("[models.fraud]\nversion = \"4\"\napproved_at = \"yesterday\"\n")
                .contains("'approved_at' is not an RFC 3339 time")
        );
        assert_eq!(DeploymentFile::parse("").unwrap().pins().unwrap(), vec![]);
    }
}
