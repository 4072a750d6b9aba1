//! serde mirrors of MLflow's REST JSON. Every field defaults, because proto3 JSON omits empty
//! and zero values (`{}` is a valid answer to almost anything).

use serde::Deserialize;

use crate::domain::Run;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExperimentDto {
    pub experiment_id: String,
    pub name: String,
    pub lifecycle_stage: String,
    pub last_update_time: Option<i64>,
    pub creation_time: Option<i64>,
    pub tags: Vec<KeyValue>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchExperimentsResponse {
    pub experiments: Vec<ExperimentDto>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MetricDto {
    pub key: String,
    #[serde(deserialize_with = "super::value::deserialize")]
    pub value: f64,
    pub timestamp: i64,
    pub step: i64,
    /// Present in bulk-interval answers only.
    pub run_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunInfoDto {
    pub run_id: String,
    pub run_uuid: String,
    pub experiment_id: String,
    pub run_name: String,
    pub user_id: String,
    pub status: String,
    pub start_time: Option<i64>,
    pub end_time: Option<i64>,
    pub lifecycle_stage: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunDataDto {
    pub metrics: Vec<MetricDto>,
    pub params: Vec<KeyValue>,
    pub tags: Vec<KeyValue>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunDto {
    pub info: RunInfoDto,
    pub data: RunDataDto,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchRunsResponse {
    /// Converted one by one as they are parsed: a page's records are never all held at once.
    #[serde(deserialize_with = "super::convert::runs")]
    pub runs: Vec<Run>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GetRunResponse {
    pub run: Option<RunDto>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MetricsResponse {
    pub metrics: Vec<MetricDto>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AliasDto {
    pub alias: String,
    pub version: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisteredModelDto {
    pub name: String,
    pub description: String,
    pub creation_timestamp: Option<i64>,
    pub last_updated_timestamp: Option<i64>,
    pub tags: Vec<KeyValue>,
    pub aliases: Vec<AliasDto>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchModelsResponse {
    pub registered_models: Vec<RegisteredModelDto>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GetModelResponse {
    pub registered_model: Option<RegisteredModelDto>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ModelVersionDto {
    pub name: String,
    pub version: String,
    pub creation_timestamp: Option<i64>,
    pub current_stage: String,
    pub description: String,
    pub source: String,
    pub run_id: String,
    pub status: String,
    pub user_id: String,
    pub tags: Vec<KeyValue>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchVersionsResponse {
    pub model_versions: Vec<ModelVersionDto>,
    pub next_page_token: Option<String>,
}

/// MLflow's error body: `{"error_code": "...", "message": "..."}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ErrorDto {
    pub error_code: String,
    pub message: String,
}
