//! Registered models, versions, version tags and aliases.

use serde_json::{Value, json};

use super::{SeededRun, Seeder, awaitable, key_values};

/// A registered model the seeder created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededModel {
    pub name: String,
}

/// A model version the seeder created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededVersion {
    pub model: String,
    /// MLflow's version number, as the string the API uses (`"3"`).
    pub version: String,
    pub run_id: String,
}

/// Builds a registered model; `.await` creates it.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct ModelBuilder<'a> {
    seed: &'a Seeder,
    name: String,
    description: Option<String>,
    tags: Vec<(String, String)>,
}

impl<'a> ModelBuilder<'a> {
    pub(super) fn new(seed: &'a Seeder, name: &str) -> Self {
        Self {
            seed,
            name: name.to_owned(),
            description: None,
            tags: Vec::new(),
        }
    }

    pub fn description(mut self, text: &str) -> Self {
        self.description = Some(text.to_owned());
        self
    }

    pub fn tag(mut self, key: &str, value: &str) -> Self {
        self.tags.push((key.to_owned(), value.to_owned()));
        self
    }

    pub async fn create(self) -> SeededModel {
        let mut body = json!({ "name": self.name });
        if let Some(d) = &self.description {
            body["description"] = json!(d);
        }
        if !self.tags.is_empty() {
            body["tags"] = Value::Array(key_values(&self.tags));
        }
        self.seed.post("registered-models/create", &body).await;
        SeededModel { name: self.name }
    }
}

awaitable!(ModelBuilder => SeededModel);

/// Builds a model version from a run; `.await` registers it, then sets its tags and aliases.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct VersionBuilder<'a> {
    seed: &'a Seeder,
    model: String,
    run_id: String,
    source: String,
    tags: Vec<(String, String)>,
    aliases: Vec<String>,
}

impl<'a> VersionBuilder<'a> {
    pub(super) fn new(seed: &'a Seeder, model: &SeededModel, run: &SeededRun) -> Self {
        Self {
            seed,
            model: model.name.clone(),
            run_id: run.id.clone(),
            source: format!("{}/model", run.artifact_uri),
            tags: Vec::new(),
            aliases: Vec::new(),
        }
    }

    /// A version tag (`model-versions/set-tag`).
    pub fn tag(mut self, key: &str, value: &str) -> Self {
        self.tags.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Points `alias` at this version once it exists.
    pub fn alias(mut self, alias: &str) -> Self {
        self.aliases.push(alias.to_owned());
        self
    }

    pub async fn create(self) -> SeededVersion {
        let resp = self
            .seed
            .post(
                "model-versions/create",
                &json!({ "name": self.model, "source": self.source, "run_id": self.run_id }),
            )
            .await;
        let version = resp["model_version"]["version"]
            .as_str()
            .unwrap_or_else(|| panic!("model-versions/create answered without a version: {resp}"))
            .to_owned();
        let seeded = SeededVersion {
            model: self.model,
            version,
            run_id: self.run_id,
        };
        for (key, value) in &self.tags {
            self.seed
                .post(
                    "model-versions/set-tag",
                    &json!({
                        "name": seeded.model,
                        "version": seeded.version,
                        "key": key,
                        "value": value,
                    }),
                )
                .await;
        }
        for alias in &self.aliases {
            self.seed.set_alias(&seeded, alias).await;
        }
        seeded
    }
}

awaitable!(VersionBuilder => SeededVersion);
