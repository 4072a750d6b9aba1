//! Which files hold a revision's params and metrics, read from its `dvc.yaml` (the git-only
//! reader's stand-in for DVC's own discovery).
//!
//! Read: the stages' `params` (a bare key is in `params.yaml`; `{file: [keys]}` names a file)
//! and `metrics` outputs, the top-level `params` and `metrics` lists, and DVCLive's own
//! `dvclive/dvc.yaml` (written when DVCLive runs outside a pipeline). Not read, and the
//! reason the label says "git only": `dvc.yaml` files in subdirectories, `foreach`/`matrix`
//! stages and `${…}` templating, Python params files, and metrics that DVC caches instead of
//! committing (they are not in git; `cache: false` ones are).

use serde_json::Value;

use super::values::DEFAULT_PARAMS_FILE;

/// Where DVCLive writes its own pipeline file.
pub const DVCLIVE_YAML: &str = "dvclive/dvc.yaml";

/// The params and metrics files a pipeline names, each once, in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Files {
    pub params: Vec<String>,
    pub metrics: Vec<String>,
}

impl Files {
    /// What `dvc.yaml` (at the root) and `dvclive/dvc.yaml` say; either may be missing.
    pub fn from_pipelines(root: Option<&Value>, dvclive: Option<&Value>) -> Self {
        let mut files = Self {
            params: vec![DEFAULT_PARAMS_FILE.to_owned()],
            metrics: Vec::new(),
        };
        if let Some(y) = root {
            files.add(y, "");
        }
        if let Some(y) = dvclive {
            files.add(y, "dvclive/");
        }
        for list in [&mut files.params, &mut files.metrics] {
            list.retain(|f| !f.contains("${"));
            list.sort();
            list.dedup();
        }
        files
    }

    fn add(&mut self, yaml: &Value, dir: &str) {
        let path = |p: &str| format!("{dir}{}", p.trim_start_matches("./"));
        for m in list(yaml.get("metrics")) {
            self.metrics.push(path(&m));
        }
        for p in list(yaml.get("params")) {
            self.params.push(path(&p));
        }
        let Some(stages) = yaml.get("stages").and_then(Value::as_object) else {
            return;
        };
        for stage in stages.values() {
            for m in list(stage.get("metrics")) {
                self.metrics.push(path(&m));
            }
            for entry in stage
                .get("params")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                // `- train` is a key of params.yaml; `- other.yaml:` or `- other.yaml: [k]`
                // names a file.
                if let Some(files) = entry.as_object() {
                    self.params.extend(files.keys().map(|f| path(f)));
                } else if let Some(text) = entry.as_str()
                    && let Some((file, _)) = text.split_once(':')
                {
                    self.params.push(path(file));
                }
            }
        }
    }
}

/// The paths of a list whose items are `path` or `{path: {options}}`.
fn list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| match item {
            Value::String(s) => Some(s.clone()),
            Value::Object(m) => m.keys().next().cloned(),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backends::dvc::yaml;

    #[test]
    fn reads_the_captured_pipeline() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/dvc/dvc.yaml"
        ))
        .unwrap();
        let files = Files::from_pipelines(Some(&yaml::parse(&text).unwrap()), None);
        assert_eq!(
            files,
            Files {
                params: vec!["params.yaml".into()],
                metrics: vec!["dvclive/metrics.json".into(), "metrics.json".into()],
            }
        );
    }

    #[test]
    fn reads_other_params_files_and_dvclives_own_pipeline() {
        let root = yaml::parse(
            "params: [global.yaml]\nstages:\n  a:\n    params:\n      - lr\n      - cfg/x.json:\n          - depth\n      - other.toml:\n    metrics: [\"${out}/m.json\", ./eval.json]\n",
        )
        .unwrap();
        let live = yaml::parse("metrics:\n- metrics.json\nplots:\n- plots/metrics:\n    x: step\n")
            .unwrap();
        let files = Files::from_pipelines(Some(&root), Some(&live));
        assert_eq!(
            files.params,
            ["cfg/x.json", "global.yaml", "other.toml", "params.yaml"]
        );
        assert_eq!(files.metrics, ["dvclive/metrics.json", "eval.json"]);
    }
}
