//! The failure paths of a promotion, which a real server does not produce on demand: a write
//! that fails after the alias moved, and an undo that fails too. (The happy paths, races and
//! records are tested against a real MLflow server in `tests/it`.)

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::DateTime;
use pretty_assertions::assert_eq;

use super::*;
use crate::domain::promotion::GateRecord;
use crate::domain::{Experiment, MetricPoint, ModelVersion, RegisteredModel, Run, RunId};
use crate::store::{ModelRegistry, RunPage, RunQuery, RunStore, SampledHistories};

/// No policy: the config's defaults.
fn none() -> Enforcement<'static> {
    static DEFAULTS: std::sync::LazyLock<crate::config::Config> =
        std::sync::LazyLock::new(crate::config::Config::defaults);
    Enforcement::direct(&DEFAULTS)
}

/// One model in memory, with switches that make writes fail.
struct Registry {
    model: Mutex<RegisteredModel>,
    fail_tags: bool,
    fail_moves_after: Mutex<Option<usize>>,
    /// Behaves like GTO: the move's note is the record, and there are no version tags.
    records_moves: bool,
    notes: Mutex<Vec<String>>,
    /// The move lands, then the answer is lost (a timeout).
    lands_then_fails: bool,
    /// Another writer moves the alias here right after the move lands.
    overwritten_by: Option<VersionId>,
}

#[async_trait]
impl ModelRegistry for Registry {
    async fn models(&self) -> Result<Vec<RegisteredModel>, BackendError> {
        Ok(vec![self.model.lock().unwrap().clone()])
    }
    async fn model(&self, _: &str) -> Result<RegisteredModel, BackendError> {
        Ok(self.model.lock().unwrap().clone())
    }
}

#[async_trait]
impl Writer for Registry {
    fn records_moves(&self) -> bool {
        self.records_moves
    }
    async fn move_alias_noted(
        &self,
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
        note: &str,
    ) -> Result<(), BackendError> {
        self.notes.lock().unwrap().push(note.to_owned());
        self.move_alias(model, alias, expected, to).await
    }
    async fn move_alias(
        &self,
        _: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
    ) -> Result<(), BackendError> {
        let mut left = self.fail_moves_after.lock().unwrap();
        if let Some(n) = left.as_mut() {
            if *n == 0 {
                return Err(BackendError::Store("disk I/O error".into()));
            }
            *n -= 1;
        }
        let mut m = self.model.lock().unwrap();
        let actual = m.aliases.get(alias).cloned();
        if actual.as_ref() != expected {
            return Err(BackendError::Conflict {
                what: alias.into(),
                expected: format!("{expected:?}"),
                actual: actual.map_or_else(|| "unset".into(), |v| v.label()),
            });
        }
        m.aliases.insert(alias.into(), to.clone());
        if let Some(other) = &self.overwritten_by {
            m.aliases.insert(alias.into(), other.clone());
        }
        m.normalize();
        if self.lands_then_fails {
            return Err(BackendError::Timeout {
                target: "memory".into(),
                secs: 30,
            });
        }
        Ok(())
    }
    async fn delete_alias(&self, _: &str, alias: &str) -> Result<(), BackendError> {
        self.model.lock().unwrap().aliases.remove(alias);
        Ok(())
    }
    async fn set_version_tag(
        &self,
        _: &str,
        v: &VersionId,
        k: &str,
        val: &str,
    ) -> Result<(), BackendError> {
        if self.fail_tags {
            return Err(BackendError::InvalidRequest("tag value too long".into()));
        }
        let mut m = self.model.lock().unwrap();
        if let Some(mv) = m.versions.iter_mut().find(|mv| &mv.version == v) {
            mv.tags.insert(k.into(), val.into());
        }
        Ok(())
    }
    async fn delete_version_tag(
        &self,
        _: &str,
        _: &VersionId,
        _: &str,
    ) -> Result<(), BackendError> {
        Ok(())
    }
    async fn set_run_tag(&self, _: &RunId, _: &str, _: &str) -> Result<(), BackendError> {
        Ok(())
    }
    async fn delete_run_tag(&self, _: &RunId, _: &str) -> Result<(), BackendError> {
        Ok(())
    }
}

struct NoRuns;

#[async_trait]
impl RunStore for NoRuns {
    async fn experiments(&self) -> Result<Vec<Experiment>, BackendError> {
        Ok(vec![])
    }
    async fn search_runs(&self, _: &RunQuery, _: Option<&str>) -> Result<RunPage, BackendError> {
        Ok(RunPage::default())
    }
    async fn run(&self, id: &RunId) -> Result<Run, BackendError> {
        Err(BackendError::NotFound(format!("run '{id}' not found")))
    }
    async fn metric_history(&self, _: &RunId, _: &str) -> Result<Vec<MetricPoint>, BackendError> {
        Ok(vec![])
    }
    async fn sampled_histories(
        &self,
        _: &[RunId],
        _: &str,
        _: u32,
    ) -> Result<SampledHistories, BackendError> {
        Ok(SampledHistories::new())
    }
}

fn version(v: &str) -> ModelVersion {
    ModelVersion {
        model: "fraud".into(),
        version: v.into(),
        run_id: None,
        status: "READY".into(),
        stage: None,
        source: String::new(),
        description: String::new(),
        tags: std::collections::BTreeMap::default(),
        aliases: vec![],
        created: None,
        user: String::new(),
    }
}

fn backend(fail_tags: bool, fail_moves_after: Option<usize>) -> (Backend, Arc<Registry>) {
    let mut model = RegisteredModel {
        name: "fraud".into(),
        description: String::new(),
        tags: std::collections::BTreeMap::default(),
        aliases: [
            ("production".to_owned(), VersionId::from("3")),
            ("staging".to_owned(), VersionId::from("4")),
        ]
        .into(),
        versions: vec![version("3"), version("4")],
        updated: None,
    };
    model.normalize();
    let registry = Arc::new(Registry {
        model: Mutex::new(model),
        fail_tags,
        fail_moves_after: Mutex::new(fail_moves_after),
        records_moves: false,
        notes: Mutex::new(Vec::new()),
        lands_then_fails: false,
        overwritten_by: None,
    });
    let backend = Backend {
        runs: Arc::new(NoRuns),
        registry: registry.clone(),
        writer: Some(registry.clone()),
        read_only_reason: None,
        store: crate::domain::StoreIdentity::named("memory"),
    };
    (backend, registry)
}

fn plan() -> AliasPlan {
    AliasPlan {
        kind: ChangeKind::Promote,
        model: "fraud".into(),
        alias: "production".into(),
        from: Some("3".into()),
        to: "4".into(),
        candidate_alias: Some("staging".into()),
    }
}

fn approval(gates: Option<GateRecord>, override_gates: bool, reason: Option<&str>) -> Approval {
    Approval {
        by: "Ann <ann@example.com>".into(),
        at: DateTime::from_timestamp(1_795_176_000, 0).unwrap(),
        gates,
        override_gates,
        reason: reason.map(str::to_owned),
    }
}

fn production(r: &Registry) -> Option<String> {
    r.model
        .lock()
        .unwrap()
        .aliases
        .get("production")
        .map(VersionId::label)
}

#[tokio::test]
async fn a_promotion_moves_the_alias_and_records_it_on_the_version() {
    let (b, r) = backend(false, None);
    let dir = tempfile::tempdir().unwrap();
    let log = AuditLog::new(dir.path().join("audit.jsonl"));
    let out = execute(
        &b,
        &plan(),
        &approval(None, false, None),
        &none(),
        Some(&log),
    )
    .await
    .unwrap();
    let Outcome::Done { entry, warnings } = out else {
        panic!("{out:?}")
    };
    assert!(warnings.is_empty());
    assert_eq!(production(&r).as_deref(), Some("v4"));
    let tags = r
        .model
        .lock()
        .unwrap()
        .version(&"4".into())
        .unwrap()
        .tags
        .clone();
    assert_eq!(
        tags[&entry.tag_key()],
        serde_json::to_string(&entry).unwrap()
    );
    assert_eq!(tags["clearance.promoted_by"], "Ann <ann@example.com>");
    assert_eq!(tags["clearance.promoted_from"], "v3");
    assert_eq!(log.read(&b.store, "fraud").unwrap(), vec![*entry]);
}

#[tokio::test]
async fn a_store_that_records_moves_gets_the_record_as_the_note_and_no_tags() {
    let (mut b, _) = backend(true, None);
    let (_, model) = backend(false, None);
    let r = Arc::new(Registry {
        model: Mutex::new(model.model.lock().unwrap().clone()),
        fail_tags: true,
        fail_moves_after: Mutex::new(None),
        records_moves: true,
        notes: Mutex::new(Vec::new()),
        lands_then_fails: false,
        overwritten_by: None,
    });
    b.registry = r.clone();
    b.writer = Some(r.clone());
    let out = execute(
        &b,
        &plan(),
        &approval(None, false, Some("fixes drift")),
        &none(),
        None,
    )
    .await
    .unwrap();
    let Outcome::Done { entry, warnings } = out else {
        panic!("{out:?}")
    };
    // Tags would fail here (`fail_tags`), so none were attempted.
    assert_eq!(warnings, Vec::<String>::new());
    assert_eq!(production(&r).as_deref(), Some("v4"));
    let notes = r.notes.lock().unwrap().clone();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].starts_with("Promoted fraud (production: v3 → v4) with clearance\n"));
    assert!(notes[0].contains("Reason: fixes drift\n"));
    assert_eq!(AuditEntry::from_message(&notes[0]), Some(*entry));
}

#[tokio::test]
async fn a_move_that_landed_before_its_error_is_recorded_not_reported_as_failed() {
    let (mut b, first) = backend(false, None);
    let r = Arc::new(Registry {
        model: Mutex::new(first.model.lock().unwrap().clone()),
        fail_tags: false,
        fail_moves_after: Mutex::new(None),
        records_moves: false,
        notes: Mutex::new(Vec::new()),
        lands_then_fails: true,
        overwritten_by: None,
    });
    b.registry = r.clone();
    b.writer = Some(r.clone());
    let out = execute(&b, &plan(), &approval(None, false, None), &none(), None)
        .await
        .unwrap();
    let Outcome::Done { entry, warnings } = out else {
        panic!("{out:?}")
    };
    assert_eq!(production(&r).as_deref(), Some("v4"));
    assert_eq!(
        warnings,
        [
            "the store answered with an error (memory did not answer within 30 s), but @production \
          of 'fraud' now points at v4; the change is recorded"
        ]
    );
    let m = r.model.lock().unwrap().clone();
    assert!(
        m.version(&"4".into())
            .unwrap()
            .tags
            .contains_key(&entry.tag_key())
    );
}

#[tokio::test]
async fn a_failed_record_undoes_the_move() {
    let (b, r) = backend(true, None);
    let err = execute(&b, &plan(), &approval(None, false, None), &none(), None)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ChangeError::Failed(
            "could not record the change (tag value too long), so it was undone: @production of \
             'fraud' is v3 again"
                .into()
        )
    );
    assert_eq!(production(&r).as_deref(), Some("v3"));
}

#[tokio::test]
async fn a_failed_undo_says_exactly_where_things_stand() {
    let (b, r) = backend(true, Some(1));
    let err = execute(&b, &plan(), &approval(None, false, None), &none(), None)
        .await
        .unwrap_err();
    let ChangeError::Partial(msg) = &err else {
        panic!("{err:?}")
    };
    assert!(
        msg.starts_with(
            "@production of 'fraud' now points at v4 but the audit record could not be written"
        ),
        "{msg}"
    );
    assert!(
        msg.contains("moving it back to v3 failed (disk I/O error)"),
        "{msg}"
    );
    assert_eq!(production(&r).as_deref(), Some("v4"));
    assert!(matches!(err, ChangeError::Partial(_)), "{err:?}");
}

#[tokio::test]
async fn gates_block_unless_overridden_with_a_reason() {
    let (b, r) = backend(false, None);
    let failing = Some(GateRecord {
        passed: false,
        summary: "1 of 3 gates fail".into(),
        failed: vec!["latency_p95_ms: regressed by 9".into()],
    });
    let err = execute(
        &b,
        &plan(),
        &approval(failing.clone(), false, None),
        &none(),
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, ChangeError::Refused(_)), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("gates fail (1 of 3 gates fail): latency_p95_ms"),
        "{err}"
    );
    let err = execute(
        &b,
        &plan(),
        &approval(failing.clone(), true, Some("  ")),
        &none(),
        None,
    )
    .await
    .unwrap_err();
    assert_eq!(
        err,
        ChangeError::Refused("overriding the gates needs a reason".into())
    );
    assert_eq!(production(&r).as_deref(), Some("v3"), "nothing changed");
    let out = execute(
        &b,
        &plan(),
        &approval(failing, true, Some("latency budget raised")),
        &none(),
        None,
    )
    .await
    .unwrap();
    let Outcome::Done { entry, .. } = out else {
        panic!()
    };
    assert!(entry.overridden);
    assert_eq!(entry.reason.as_deref(), Some("latency budget raised"));
}

#[tokio::test]
async fn a_moved_alias_is_refused_and_a_repeat_is_a_no_op() {
    let (b, r) = backend(false, None);
    let stale = AliasPlan {
        from: Some("2".into()),
        ..plan()
    };
    let err = execute(&b, &stale, &approval(None, false, None), &none(), None)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "refused, nothing changed: @production of 'fraud' changed since you looked: it was v2, it is now v3"
    );
    execute(&b, &plan(), &approval(None, false, None), &none(), None)
        .await
        .unwrap();
    let again = execute(&b, &plan(), &approval(None, false, None), &none(), None)
        .await
        .unwrap();
    assert_eq!(
        again,
        Outcome::NothingToDo("nothing to do: @production of 'fraud' already points at v4".into())
    );
    assert_eq!(production(&r).as_deref(), Some("v4"));
}

#[tokio::test]
async fn rollback_follows_the_record_and_read_only_refuses() {
    let (b, _) = backend(false, None);
    execute(&b, &plan(), &approval(None, false, None), &none(), None)
        .await
        .unwrap();
    let back = rollback_plan(&b, "fraud", "production", None)
        .await
        .unwrap();
    assert_eq!(back.describe(), "production: v4 → v3");
    assert_eq!(back.kind, ChangeKind::Rollback);
    let ro = Backend {
        writer: None,
        read_only_reason: Some("schema revision 'abc' is unknown".into()),
        ..b
    };
    let err = execute(&ro, &back, &approval(None, false, None), &none(), None)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ChangeError::Refused("read-only: schema revision 'abc' is unknown".into())
    );
}

#[tokio::test]
async fn a_move_overwritten_right_after_it_landed_is_a_conflict_and_not_recorded() {
    let (b, _) = backend(false, None);
    let (_, model) = backend(false, None);
    let r = Arc::new(Registry {
        model: Mutex::new(model.model.lock().unwrap().clone()),
        fail_tags: false,
        fail_moves_after: Mutex::new(None),
        records_moves: false,
        notes: Mutex::new(Vec::new()),
        lands_then_fails: false,
        overwritten_by: Some("5".into()),
    });
    let b = Backend {
        registry: r.clone(),
        writer: Some(r.clone()),
        ..b
    };
    let dir = tempfile::tempdir().unwrap();
    let log = AuditLog::new(dir.path().join("audit.jsonl"));
    let err = execute(
        &b,
        &plan(),
        &approval(None, false, None),
        &none(),
        Some(&log),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, ChangeError::Conflict(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "@production of 'fraud': clearance moved it v3 → v4, and another writer moved \
         it right after: it now points at v5; nothing was recorded as done: check which version \
         belongs there"
    );
    assert_eq!(production(&r).as_deref(), Some("v5"), "nothing undone");
    let m = r.model.lock().unwrap().clone();
    assert!(
        m.versions.iter().all(|v| v.tags.is_empty()),
        "no record on any version: {:?}",
        m.versions
    );
    assert!(log.read(&b.store, "fraud").unwrap().is_empty());
}
