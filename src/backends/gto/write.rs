//! Stage moves as GTO tags: `model#stage#N` to assign, `model#stage!#N` to unassign.
//!
//! One move is one annotated tag, written as `gto assign --force` would write it: N is one
//! more than the largest counter among all the artifact's tags (annotated or lightweight), the
//! tag points at the version's commit, and its message is the note (clearance's record of the
//! approval). Before writing, the tags are read again and the stage must still be where the
//! caller saw it; the tag gets a tagger time later than every event of the artifact, waiting
//! for the next second rather than backdating, since GTO orders events by whole seconds.
//! After writing, the tags are read once more: unless GTO now reads the stage as intended, the
//! tag is deleted and the move refused. With a push remote set, the tag is pushed; if the
//! remote already has a tag of that name (another promoter took the same N), the local tag is
//! deleted, the artifact's tags are fetched, and the move is planned and tried once more.
//!
//! The tagger is the approver named in the note's record when that is `Name <email>`, else
//! the repository's git identity.

use async_trait::async_trait;

use super::git::{Failure, LOCAL_TIMEOUT, REMOTE_TIMEOUT};
use super::records::{self, Scope};
use super::state::Artifact;
use super::tag::{self, TagName};
use super::{Gto, Snapshot};
use crate::domain::promotion::AuditEntry;
use crate::domain::{RunId, VersionId};
use crate::store::{BackendError, Writer};

/// How far in the future (by this machine's clock) an artifact's newest event may be before
/// a write is refused rather than waited for.
const MAX_WAIT_SECS: i64 = 5;

/// Unassignments one `delete_alias` may write (GTO falls back to older assignments that were
/// never unassigned, so clearing a stage can take several).
const MAX_UNASSIGNMENTS: usize = 16;

/// A tag about to be written.
struct Planned {
    tag: String,
    commit: String,
    message: String,
    /// The newest event of the artifact.
    last: Option<i64>,
    /// The version the stage moves on or off.
    version: String,
}

fn label(v: Option<&VersionId>) -> String {
    v.map_or_else(|| "no version".to_owned(), VersionId::label)
}

/// The version holding `stage`, as `gto show` says.
fn holder(a: &Artifact, stage: &str) -> Option<usize> {
    a.holders().get(stage).copied()
}

fn holder_id(a: &Artifact, stage: &str) -> Option<VersionId> {
    holder(a, stage).map(|i| VersionId::new(a.versions[i].version.clone()))
}

/// The commit to tag for version `to`: its registration's, or the sha a sha-named version is.
fn commit_of(a: &Artifact, to: &VersionId, store: &str) -> Result<String, BackendError> {
    let named: Vec<_> = a
        .versions
        .iter()
        .filter(|v| v.version == to.as_str())
        .collect();
    if let Some(v) = named
        .iter()
        .rev()
        .find(|v| v.is_registered() && v.is_active())
    {
        return Ok(v.commit.clone());
    }
    if named.iter().any(|v| !v.is_discovered()) {
        return Err(BackendError::InvalidRequest(format!(
            "{} of '{}' is deregistered in the {store}: register it again (gto register) \
             before assigning it a stage",
            to.label(),
            a.name
        )));
    }
    if let Some(v) = named.first() {
        return Ok(v.commit.clone());
    }
    Err(BackendError::NotFound(format!(
        "'{}' has no version {} in the {store}",
        a.name,
        to.label()
    )))
}

/// One more than the largest counter among the artifact's tags (annotated or not), as
/// `gto/tag.py` `name_tag` counts.
fn next_counter(snap: &Snapshot, artifact: &str) -> Result<u64, BackendError> {
    let max = snap
        .tags
        .iter()
        .filter_map(|t| TagName::parse(&t.name))
        .filter(|t| t.artifact == artifact)
        .filter_map(|t| t.counter)
        .max()
        .unwrap_or(0);
    max.checked_add(1).ok_or_else(|| {
        BackendError::InvalidRequest(format!(
            "the tag counter of '{artifact}' is at its limit ({max})"
        ))
    })
}

/// The newest tagger time among the artifact's annotated tags.
fn last_event(snap: &Snapshot, artifact: &str) -> Option<i64> {
    snap.tags
        .iter()
        .filter(|t| t.annotated)
        .filter(|t| TagName::parse(&t.name).is_some_and(|n| n.artifact == artifact))
        .filter_map(|t| t.time)
        .max()
}

/// `GIT_COMMITTER_*` for the approver of the note's record, when it names one fully.
fn tagger(note: &str) -> Vec<(&'static str, String)> {
    let Some(by) = AuditEntry::from_message(note).map(|e| e.by) else {
        return Vec::new();
    };
    let Some((name, email)) = by.trim().strip_suffix('>').and_then(|s| s.rsplit_once('<')) else {
        return Vec::new();
    };
    let (name, email) = (name.trim(), email.trim());
    if name.is_empty() || email.is_empty() {
        return Vec::new();
    }
    vec![
        ("GIT_COMMITTER_NAME", name.to_owned()),
        ("GIT_COMMITTER_EMAIL", email.to_owned()),
    ]
}

/// How often a write plans again because the artifact's tags changed while it waited.
const MAX_REPLANS: u32 = 3;

/// The second to date the tag with: now, or right after `last` once that second has passed;
/// and whether it had to wait for it.
async fn turn(last: Option<i64>, artifact: &str) -> Result<(i64, bool), BackendError> {
    let now = chrono::Utc::now();
    let secs = now.timestamp();
    let Some(last) = last.filter(|&l| l >= secs) else {
        return Ok((secs, false));
    };
    if last - secs >= MAX_WAIT_SECS {
        return Err(BackendError::InvalidRequest(format!(
            "the newest GTO tag of '{artifact}' is dated {} s ahead of this machine's clock; \
             GTO orders events by time, so a tag written now would count as older: check the \
             clock",
            last - secs
        )));
    }
    let until = (last + 1) * 1000 + 20;
    let wait = u64::try_from(until - now.timestamp_millis()).unwrap_or(0);
    tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
    Ok((chrono::Utc::now().timestamp().max(last + 1), true))
}

/// Why a push failed.
enum Pushed {
    /// The remote has a tag of that name already.
    Taken(String),
    Failed(String),
}

impl Gto {
    /// Refuses writes the store or GTO would refuse, before reading anything.
    async fn check_write(&self, model: &str, stage: &str) -> Result<String, BackendError> {
        if let Some(why) = self.read_only_reason() {
            return Err(BackendError::ReadOnly(why));
        }
        let artifact = model.replace('=', ":");
        if !tag::is_artifact(&artifact) {
            return Err(BackendError::InvalidRequest(format!(
                "'{model}' is not a GTO artifact name: letters, digits, '-', '_' and '/', \
                 starting and ending with a letter or digit, optionally after 'path:'"
            )));
        }
        if !tag::is_name(stage) {
            return Err(BackendError::InvalidRequest(format!(
                "'{stage}' is not a GTO stage name: letters, digits, '-', '_' and '/', starting \
                 and ending with a letter or digit"
            )));
        }
        if let Some(why) = self.config().await?.refuse(stage) {
            return Err(BackendError::InvalidRequest(why));
        }
        // Where tags are pushed, the remote is the registry others see: compare against its
        // tags too, not only the ones this clone has.
        if self.settings().push_remote.is_some() {
            self.fetch_tags(&artifact, "before writing").await?;
        }
        Ok(artifact)
    }

    /// Plans, writes, checks and publishes one tag; `Ok(false)` when the plan says there is
    /// nothing to write.
    async fn write_one<P, V>(&self, note: &str, plan: P, verify: V) -> Result<bool, BackendError>
    where
        P: Fn(&Snapshot) -> Result<Option<Planned>, BackendError> + Send + Sync,
        V: Fn(&Snapshot, &Planned) -> Result<(), BackendError> + Send + Sync,
    {
        let mut retried = false;
        let mut replans = 0;
        loop {
            let snap = self.snapshot().await?;
            let Some(p) = plan(&snap)? else {
                return Ok(false);
            };
            drop(snap);
            let artifact = TagName::parse(&p.tag)
                .map(|t| t.artifact)
                .unwrap_or_default();
            let (time, waited) = turn(p.last, &artifact).await?;
            // Waiting for a second of our own gave others time to write: plan again on a fresh
            // read, and write only if nothing of this artifact changed meanwhile.
            if waited {
                let Some(q) = plan(&self.snapshot().await?)? else {
                    return Ok(false);
                };
                if (&q.tag, &q.commit, q.last) != (&p.tag, &p.commit, p.last) {
                    replans += 1;
                    if replans > MAX_REPLANS {
                        return Err(BackendError::Store(format!(
                            "the GTO tags of '{artifact}' kept changing while clearance waited \
                             to write; nothing was written, try again"
                        )));
                    }
                    continue;
                }
            }
            let object = match self.create_tag(&p, time, note).await {
                Ok(o) => o,
                Err(Failure::Exit { stderr, .. })
                    if stderr.contains("already exists") && !retried =>
                {
                    retried = true;
                    continue;
                }
                Err(f) => return Err(f.into_error(&format!("creating the tag '{}'", p.tag))),
            };
            if let Err(e) = self.snapshot().await.and_then(|after| verify(&after, &p)) {
                return Err(self.undo(&p.tag, &object, e).await);
            }
            match self.publish(&p.tag).await {
                Ok(()) => return Ok(true),
                Err(Pushed::Taken(said)) if !retried => {
                    if let Err(e) = self.forget(&p.tag, &object).await {
                        return Err(BackendError::Store(format!(
                            "the remote already has a tag '{}' ({said}), and the local one could \
                             not be deleted ({e}): delete it with git tag -d",
                            p.tag
                        )));
                    }
                    self.fetch_tags(&artifact, "after the remote turned the tag down")
                        .await?;
                    retried = true;
                }
                Err(Pushed::Taken(said) | Pushed::Failed(said)) => {
                    let remote = self.settings().push_remote.clone().unwrap_or_default();
                    let e = BackendError::Store(format!(
                        "pushing the tag '{}' to '{remote}' failed: {said}",
                        p.tag
                    ));
                    return Err(self.undo(&p.tag, &object, e).await);
                }
            }
        }
    }

    /// Creates the annotated tag; answers the tag object's sha.
    async fn create_tag(&self, p: &Planned, time: i64, note: &str) -> Result<String, Failure> {
        let mut env = tagger(note);
        env.push(("GIT_COMMITTER_DATE", format!("{time} +0000")));
        let git = &self.inner.git;
        git.run(
            [
                "tag",
                "-a",
                "--cleanup=verbatim",
                "-m",
                &p.message,
                &p.tag,
                &p.commit,
            ],
            &env,
            LOCAL_TIMEOUT,
        )
        .await
        .map_err(|f| match f {
            Failure::Exit { stdout, stderr } if stderr.contains("tell me who you are") => {
                Failure::Exit {
                    stdout,
                    stderr: format!(
                        "git has no identity to tag with in '{}': set user.name and \
                         user.email (git config), or clearance's approver as 'Name <email>' \
                         ({})",
                        git.dir().display(),
                        stderr.trim()
                    ),
                }
            }
            other => other,
        })?;
        let object = git
            .run(
                ["rev-parse", "--verify", &format!("refs/tags/{}", p.tag)],
                &[],
                LOCAL_TIMEOUT,
            )
            .await?;
        Ok(object.trim().to_owned())
    }

    /// Deletes a tag this write made (only while it is still the object written).
    async fn forget(&self, tag: &str, object: &str) -> Result<(), String> {
        self.inner
            .git
            .run(
                ["update-ref", "-d", &format!("refs/tags/{tag}"), object],
                &[],
                LOCAL_TIMEOUT,
            )
            .await
            .map(drop)
            .map_err(|f| f.said())
    }

    /// Deletes the tag after `cause`, and says so in the error.
    async fn undo(&self, tag: &str, object: &str, cause: BackendError) -> BackendError {
        match self.forget(tag, object).await {
            Ok(()) => cause,
            Err(e) => BackendError::Store(format!(
                "{cause}; the tag '{tag}' could not be deleted ({e}): delete it with git tag -d"
            )),
        }
    }

    async fn publish(&self, tag: &str) -> Result<(), Pushed> {
        let Some(remote) = &self.settings().push_remote else {
            return Ok(());
        };
        let refspec = format!("refs/tags/{tag}:refs/tags/{tag}");
        match self
            .inner
            .git
            .run(
                ["push", "--porcelain", remote, &refspec],
                &[],
                REMOTE_TIMEOUT,
            )
            .await
        {
            Ok(_) => Ok(()),
            Err(Failure::Exit { stdout, stderr }) => {
                let text = format!("{stdout}\n{stderr}");
                let said = stderr.trim().to_owned();
                if text.contains("already exists") {
                    Err(Pushed::Taken(said))
                } else {
                    Err(Pushed::Failed(said))
                }
            }
            Err(f) => Err(Pushed::Failed(f.said())),
        }
    }

    /// Fetches the remote's tags of one artifact (after it refused one as taken).
    async fn fetch_tags(&self, artifact: &str, when: &str) -> Result<(), BackendError> {
        let remote = self.settings().push_remote.clone().unwrap_or_default();
        let prefix = tag::artifact_in_tag(artifact);
        let refspec = format!("refs/tags/{prefix}*:refs/tags/{prefix}*");
        self.inner
            .git
            .run(
                ["fetch", "--no-tags", &remote, &refspec],
                &[],
                REMOTE_TIMEOUT,
            )
            .await
            .map(drop)
            .map_err(|f| {
                f.into_error(&format!(
                    "fetching the tags of '{artifact}' from '{remote}' {when} failed, so \
                     nothing was written"
                ))
            })
    }

    /// Writes one record of a `clearance.*` key ([`super::records`]): `Some` sets it, `None`
    /// removes it (nothing is written when it is not set). With a push remote, clearance's
    /// tags of the artifact are fetched first (so the record is dated after the newest one
    /// anyone wrote) and the new tag is pushed; a tag the remote turns down is deleted here.
    async fn write_record(
        &self,
        model: &str,
        scope: &Scope,
        key: &str,
        value: Option<&str>,
    ) -> Result<(), BackendError> {
        if let Some(why) = self.read_only_reason() {
            return Err(BackendError::ReadOnly(why));
        }
        let artifact = model.replace('=', ":");
        if self.settings().push_remote.is_some() {
            self.fetch_records(&artifact).await?;
        }
        let snap = self.snapshot().await?;
        let a = snap.artifact(&artifact)?;
        let set = records::current(&snap.tags)
            .get(&(a.name.clone(), scope.clone()))
            .is_some_and(|tags| tags.contains_key(key));
        if value.is_none() && !set {
            return Ok(());
        }
        let commit = match scope {
            Scope::Version(v) => commit_of(a, &VersionId::new(v.clone()), &snap.label)?,
            Scope::Model => a
                .versions
                .iter()
                .max_by_key(|v| v.all_events().map(|e| e.time).max())
                .map(|v| v.commit.clone())
                .ok_or_else(|| {
                    BackendError::NotFound(format!(
                        "'{}' has no version in the {} to record '{key}' on",
                        a.name, snap.label
                    ))
                })?,
        };
        let now = chrono::Utc::now();
        let last = records::last_ms(&snap.tags, &a.name, scope, key);
        let mut ms = last.map_or(now.timestamp_millis(), |l| {
            l.saturating_add(1).max(now.timestamp_millis())
        });
        let message = records::message(key, value);
        for _ in 0..MAX_REPLANS {
            let p = Planned {
                tag: records::tag_name(&a.name, scope, key, ms),
                commit: commit.clone(),
                message: message.clone(),
                last: None,
                version: String::new(),
            };
            let object = self
                .create_tag(&p, now.timestamp(), "")
                .await
                .map_err(|f| f.into_error(&format!("writing the tag '{}'", p.tag)))?;
            match self.publish(&p.tag).await {
                Ok(()) => return Ok(()),
                Err(Pushed::Taken(_)) => {
                    self.forget(&p.tag, &object)
                        .await
                        .map_err(BackendError::Store)?;
                    ms += 1;
                }
                Err(Pushed::Failed(e)) => {
                    let remote = self.settings().push_remote.clone().unwrap_or_default();
                    let cause = BackendError::Store(format!(
                        "pushing the tag '{}' to '{remote}' failed, so it was not recorded: {e}",
                        p.tag
                    ));
                    return Err(self.undo(&p.tag, &object, cause).await);
                }
            }
        }
        Err(BackendError::Store(format!(
            "the remote kept turning down clearance's tag for '{key}' of '{}'",
            a.name
        )))
    }

    /// Fetches clearance's record tags of one artifact from the push remote.
    async fn fetch_records(&self, artifact: &str) -> Result<(), BackendError> {
        let remote = self.settings().push_remote.clone().unwrap_or_default();
        let prefix = format!(
            "refs/tags/{}{}/",
            records::PREFIX,
            tag::artifact_in_tag(artifact)
        );
        let refspec = format!("{prefix}*:{prefix}*");
        self.inner
            .git
            .run(
                ["fetch", "--no-tags", &remote, &refspec],
                &[],
                REMOTE_TIMEOUT,
            )
            .await
            .map(drop)
            .map_err(|f| {
                f.into_error(&format!(
                    "fetching clearance's tags of '{artifact}' from '{remote}' failed, so \
                     nothing was written"
                ))
            })
    }

    /// Assigns `stage` to `to` if it is still on `expected`.
    async fn assign(
        &self,
        model: &str,
        stage: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
        note: &str,
    ) -> Result<(), BackendError> {
        let artifact = self.check_write(model, stage).await?;
        let store = self.label();
        let what = format!("@{stage} of '{artifact}'");
        let plan = |snap: &Snapshot| {
            let a = snap.artifact(&artifact)?;
            let now = holder_id(a, stage);
            if now.as_ref() != expected {
                return Err(BackendError::Conflict {
                    what: what.clone(),
                    expected: label(expected),
                    actual: label(now.as_ref()),
                });
            }
            if now.as_ref() == Some(to) {
                return Ok(None);
            }
            let commit = commit_of(a, to, &store)?;
            let n = next_counter(snap, &artifact)?;
            let message = if note.trim().is_empty() {
                format!("Assigning stage {stage} to artifact {artifact} version {to}")
            } else {
                note.to_owned()
            };
            Ok(Some(Planned {
                tag: TagName::assign(&artifact, stage, n).to_string(),
                commit,
                message,
                last: last_event(snap, &artifact),
                version: to.as_str().to_owned(),
            }))
        };
        let verify = |snap: &Snapshot, p: &Planned| {
            let now = holder_id(snap.artifact(&artifact)?, stage);
            if now.as_ref().map(VersionId::as_str) == Some(p.version.as_str()) {
                Ok(())
            } else {
                Err(BackendError::Conflict {
                    what: format!("{what} (read back after writing '{}')", p.tag),
                    expected: to.label(),
                    actual: label(now.as_ref()),
                })
            }
        };
        self.write_one(note, plan, verify).await.map(drop)
    }

    /// Unassigns `stage` until no version holds it.
    async fn unassign(&self, model: &str, stage: &str, note: &str) -> Result<(), BackendError> {
        let artifact = self.check_write(model, stage).await?;
        let store = self.label();
        let mut written = 0_usize;
        for _ in 0..MAX_UNASSIGNMENTS {
            let plan = |snap: &Snapshot| {
                let a = snap.artifact(&artifact)?;
                let Some(i) = holder(a, stage) else {
                    return Ok(None);
                };
                let v = &a.versions[i];
                if !v.is_registered() {
                    return Err(BackendError::InvalidRequest(format!(
                        "@{stage} of '{artifact}' is on commit {}, which has no registered \
                         version: gto 1.10.1 ignores unassignments there (it makes a new version \
                         for every stage tag on such a commit); register the commit (gto \
                         register) and unassign it then",
                        v.commit
                    )));
                }
                let n = next_counter(snap, &artifact)?;
                let message = if note.trim().is_empty() {
                    format!(
                        "Unassigning stage '{stage}' to artifact '{artifact}' version '{}'",
                        v.version
                    )
                } else {
                    note.to_owned()
                };
                Ok(Some(Planned {
                    tag: TagName::unassign(&artifact, stage, n).to_string(),
                    commit: v.commit.clone(),
                    message,
                    last: last_event(snap, &artifact),
                    version: v.version.clone(),
                }))
            };
            let verify = |snap: &Snapshot, p: &Planned| {
                let a = snap.artifact(&artifact)?;
                match holder(a, stage).map(|i| &a.versions[i]) {
                    Some(v) if v.version == p.version && v.commit == p.commit => {
                        Err(BackendError::Store(format!(
                            "after writing '{}', GTO still reads @{stage} of '{artifact}' as {}; \
                             the tag was deleted",
                            p.tag, p.version
                        )))
                    }
                    _ => Ok(()),
                }
            };
            let step = self.write_one(note, plan, verify).await;
            match step {
                Ok(true) => written += 1,
                Ok(false) => return Ok(()),
                Err(e) if written == 0 => return Err(e),
                Err(e) => {
                    return Err(BackendError::Store(format!(
                        "{written} unassignment tag(s) of @{stage} of '{artifact}' were written, \
                         then: {e}"
                    )));
                }
            }
        }
        Err(BackendError::Store(format!(
            "@{stage} of '{artifact}' in the {store} was still assigned after {MAX_UNASSIGNMENTS} \
             unassignments"
        )))
    }
}

#[async_trait]
impl Writer for Gto {
    async fn move_alias(
        &self,
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
    ) -> Result<(), BackendError> {
        self.assign(model, alias, expected, to, "").await
    }

    async fn delete_alias(&self, model: &str, alias: &str) -> Result<(), BackendError> {
        self.unassign(model, alias, "").await
    }

    /// Always: the note is the tag's message.
    fn records_moves(&self) -> bool {
        true
    }

    async fn move_alias_noted(
        &self,
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
        note: &str,
    ) -> Result<(), BackendError> {
        self.assign(model, alias, expected, to, note).await
    }

    async fn delete_alias_noted(
        &self,
        model: &str,
        alias: &str,
        note: &str,
    ) -> Result<(), BackendError> {
        self.unassign(model, alias, note).await
    }

    /// clearance's own keys (`clearance.*`: a request, an approval) become record tags
    /// ([`super::records`]); GTO has no other version tags.
    async fn set_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
        value: &str,
    ) -> Result<(), BackendError> {
        if !records::is_ours(key) {
            return Err(BackendError::InvalidRequest(format!(
                "the {} has no version tags, so '{key}' cannot be set on {} of '{model}': GTO \
                 keeps a stage move's record in the message of the git tag the move writes",
                self.label(),
                version.label()
            )));
        }
        let scope = Scope::Version(version.as_str().to_owned());
        self.write_record(model, &scope, key, Some(value)).await
    }

    /// A `clearance.*` key is removed by a record tag saying so; GTO has no other version
    /// tags, so there is nothing else to delete.
    async fn delete_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
    ) -> Result<(), BackendError> {
        if !records::is_ours(key) {
            return Ok(());
        }
        let scope = Scope::Version(version.as_str().to_owned());
        self.write_record(model, &scope, key, None).await
    }

    /// clearance's own keys (the freeze switch) become record tags; GTO keeps no other tags
    /// on an artifact.
    async fn set_model_tag(&self, model: &str, key: &str, value: &str) -> Result<(), BackendError> {
        if !records::is_ours(key) {
            return Err(BackendError::InvalidRequest(format!(
                "the {} keeps no tags on artifacts, so '{key}' cannot be set on '{model}'",
                self.label()
            )));
        }
        self.write_record(model, &Scope::Model, key, Some(value))
            .await
    }

    async fn delete_model_tag(&self, model: &str, key: &str) -> Result<(), BackendError> {
        if !records::is_ours(key) {
            return Ok(());
        }
        self.write_record(model, &Scope::Model, key, None).await
    }

    async fn set_run_tag(&self, run: &RunId, key: &str, _value: &str) -> Result<(), BackendError> {
        Err(BackendError::InvalidRequest(format!(
            "the {} cannot tag runs (run {}, tag '{key}'): GTO records only artifacts, versions \
             and stages, as git tags; mark baselines in the run store",
            self.label(),
            run.short()
        )))
    }

    /// Nothing to delete: GTO has no run tags.
    async fn delete_run_tag(&self, _run: &RunId, _key: &str) -> Result<(), BackendError> {
        Ok(())
    }
}
