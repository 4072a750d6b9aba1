//! DTO → domain mapping.

use std::collections::BTreeMap;

use serde::Deserializer;
use serde::de::{SeqAccess, Visitor};

use super::dto::{ExperimentDto, KeyValue, MetricDto, ModelVersionDto, RegisteredModelDto, RunDto};
use crate::domain::run::time_from_ms;
use crate::domain::{
    Experiment, ExperimentId, Fields, Interner, LatestMetric, Lifecycle, MetricPoint, ModelVersion,
    Name, RegisteredModel, Run, RunId, RunStatus, VersionId,
};

fn map(kvs: Vec<KeyValue>) -> BTreeMap<String, String> {
    kvs.into_iter().map(|kv| (kv.key, kv.value)).collect()
}

pub fn experiment(dto: ExperimentDto) -> Experiment {
    Experiment {
        id: ExperimentId::new(dto.experiment_id),
        name: dto.name,
        lifecycle: Lifecycle::parse(&dto.lifecycle_stage),
        last_update_ms: dto.last_update_time.or(dto.creation_time),
        tags: map(dto.tags),
    }
}

/// A run's params or tags, with names and values shared through `names`.
fn fields(kvs: &[KeyValue], names: &mut crate::domain::name::Shared<'_>) -> Fields<Name> {
    kvs.iter()
        .map(|kv| names.pair(&kv.key, &kv.value))
        .collect()
}

pub fn run(dto: RunDto) -> Run {
    let info = dto.info;
    let id = if info.run_id.is_empty() {
        info.run_uuid
    } else {
        info.run_id
    };
    let mut names = Interner::global().lock();
    let mut metrics: Fields<LatestMetric> = Fields::with_capacity(dto.data.metrics.len());
    for m in dto.data.metrics {
        // The server sends the latest point per key; should a store ever send several, keep
        // the one MLflow calls latest: highest step, then newest timestamp.
        let latest = LatestMetric {
            value: m.value,
            step: m.step,
            timestamp: m.timestamp,
        };
        match metrics.get_mut(&m.key) {
            Some(cur) => {
                if (latest.step, latest.timestamp) > (cur.step, cur.timestamp) {
                    *cur = latest;
                }
            }
            None => {
                metrics.insert(names.key(&m.key), latest);
            }
        }
    }
    let params = fields(&dto.data.params, &mut names);
    let tags = fields(&dto.data.tags, &mut names);
    drop(names);
    Run {
        id: RunId::new(id),
        experiment_id: ExperimentId::new(info.experiment_id),
        name: info.run_name,
        status: RunStatus::parse(&info.status),
        start_time: info.start_time.and_then(time_from_ms),
        end_time: info.end_time.and_then(time_from_ms),
        user: info.user_id,
        lifecycle: Lifecycle::parse(&info.lifecycle_stage),
        metrics,
        params,
        tags,
    }
}

/// A `runs/search` page's `runs`, each record converted as soon as it is parsed, so that a
/// page never holds its records and its runs at once (the records' strings are several times
/// the runs' compact fields).
pub fn runs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Run>, D::Error> {
    struct Runs;

    impl<'de> Visitor<'de> for Runs {
        type Value = Vec<Run>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of runs")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Run>, A::Error> {
            let mut out = Vec::new();
            while let Some(dto) = seq.next_element::<RunDto>()? {
                out.push(run(dto));
            }
            Ok(out)
        }
    }

    d.deserialize_seq(Runs)
}

pub fn point(m: &MetricDto) -> MetricPoint {
    MetricPoint {
        step: m.step,
        timestamp: m.timestamp,
        value: m.value,
    }
}

pub fn version(dto: ModelVersionDto) -> ModelVersion {
    ModelVersion {
        model: dto.name,
        version: VersionId::new(dto.version),
        run_id: (!dto.run_id.is_empty()).then(|| RunId::new(dto.run_id)),
        status: dto.status,
        stage: (!dto.current_stage.is_empty() && dto.current_stage != "None")
            .then_some(dto.current_stage),
        source: dto.source,
        description: dto.description,
        tags: map(dto.tags),
        aliases: dto.aliases,
        created: dto.creation_timestamp.and_then(time_from_ms),
        user: dto.user_id,
    }
}

pub fn model(dto: RegisteredModelDto, versions: Vec<ModelVersion>) -> RegisteredModel {
    let mut m = RegisteredModel {
        name: dto.name,
        description: dto.description,
        tags: map(dto.tags),
        aliases: dto
            .aliases
            .into_iter()
            .map(|a| (a.alias, VersionId::new(a.version)))
            .collect(),
        versions,
        updated: dto.last_updated_timestamp.and_then(time_from_ms),
    };
    m.normalize();
    m
}
