//! What the repository looks like right now, in a few cheap git calls: the commit checked
//! out, the experiment refs (`refs/exps/<2>/<38>/<name>`, shared/reference §2.3), the queue
//! (`refs/exps/celery/stash`, one reflog entry per queued experiment) and the state of the
//! work tree. Equal states mean equal experiments, so a snapshot read for one state answers
//! every call until the state changes.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use super::git::Git;
use crate::store::BackendError;

/// The stash DVC's queue keeps queued experiments in.
const CELERY_STASH: &str = "refs/exps/celery/stash";

/// An experiment ref: a completed experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpRef {
    pub baseline: String,
    pub name: String,
    pub commit: String,
}

/// A queued experiment: the stash commit holding its params, its baseline, its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub commit: String,
    pub baseline: String,
    pub name: String,
}

/// The repository's state, as compared between calls.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RepoState {
    /// `None` in a repository without commits.
    pub head: Option<String>,
    pub exp_refs: Vec<ExpRef>,
    pub queued: Vec<Queued>,
    /// The configured baseline revision, resolved to its commit.
    pub configured_baseline: Option<String>,
    /// `git status` of tracked files with their sizes and times: the workspace run changes
    /// when it does.
    pub workspace: String,
    /// The raw listing, so a ref that moved in a namespace not parsed here still counts.
    refs_listing: String,
}

impl RepoState {
    /// Reads the state. `baseline_rev` is the configured baseline, if any; a name that does
    /// not resolve to a commit is an error that says where it came from.
    pub async fn read(
        git: &Git,
        dvc_root: &Path,
        baseline_rev: Option<&str>,
    ) -> Result<Self, BackendError> {
        let head = git.try_run(&["rev-parse", "--verify", "-q", "HEAD^{commit}"]);
        let refs = git.run(&[
            "for-each-ref",
            "--format=%(objectname) %(refname)",
            "refs/exps",
        ]);
        let status = git.run(&["status", "--porcelain=v1", "-z", "--untracked-files=no"]);
        let (head, refs, status) = tokio::try_join!(head, refs, status)?;
        let head = head.map(|h| h.trim().to_owned()).filter(|h| !h.is_empty());
        let exp_refs = parse_exp_refs(&refs);
        let queued = if refs
            .lines()
            .any(|l| l.ends_with(&format!(" {CELERY_STASH}")))
        {
            let log = git
                .try_run(&["log", "-g", "--format=%H%x1f%gs", CELERY_STASH])
                .await?
                .unwrap_or_default();
            parse_queue(&log)
        } else {
            Vec::new()
        };
        let configured_baseline = match baseline_rev.map(str::trim).filter(|r| !r.is_empty()) {
            None => None,
            Some(rev) => Some(resolve_commit(git, rev).await?.ok_or_else(|| {
                BackendError::InvalidRequest(format!(
                    "the DVC baseline '{rev}' (dvc.baseline in the config) is not a commit of \
                     this repository; set it to a branch, tag or commit sha"
                ))
            })?),
        };
        Ok(Self {
            head,
            exp_refs,
            queued,
            configured_baseline,
            workspace: fingerprint(&status, dvc_root),
            refs_listing: refs,
        })
    }

    /// Every baseline commit to show: HEAD first, then those with experiments or queued
    /// experiments, then the configured baseline; each once.
    pub fn baselines(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        self.head
            .iter()
            .chain(self.exp_refs.iter().map(|r| &r.baseline))
            .chain(self.queued.iter().map(|q| &q.baseline))
            .chain(self.configured_baseline.iter())
            .filter(|b| seen.insert(b.as_str()))
            .cloned()
            .collect()
    }
}

/// The commit a revision names, if it names one. Names starting with `-` are never passed
/// to git, where they would read as options.
pub async fn resolve_commit(git: &Git, rev: &str) -> Result<Option<String>, BackendError> {
    if rev.starts_with('-') || rev.is_empty() {
        return Ok(None);
    }
    let spec = format!("{rev}^{{commit}}");
    Ok(git
        .try_run(&["rev-parse", "--verify", "-q", "--end-of-options", &spec])
        .await?
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty()))
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Completed experiments from `for-each-ref` lines `<sha> refs/exps/<2>/<38>/<name>`,
/// skipping DVC's own namespaces (`apply`, `celery`, `exec`, `temp`, `stash`).
pub fn parse_exp_refs(listing: &str) -> Vec<ExpRef> {
    listing
        .lines()
        .filter_map(|line| {
            let (commit, refname) = line.split_once(' ')?;
            let rest = refname.strip_prefix("refs/exps/")?;
            let mut parts = rest.splitn(3, '/');
            let (a, b, name) = (parts.next()?, parts.next()?, parts.next()?);
            let ok = a.len() == 2 && b.len() == 38 && is_hex(a) && is_hex(b);
            (ok && !name.is_empty() && !name.contains('/')).then(|| ExpRef {
                baseline: format!("{a}{b}"),
                name: name.to_owned(),
                commit: commit.to_owned(),
            })
        })
        .collect()
}

/// Queued experiments from the stash's reflog, `<sha>\x1f<subject>` per line, the subject
/// as DVC writes it: `commit: dvc-exp:<rev>:<baseline>:<name>[:<branch>]`.
pub fn parse_queue(log: &str) -> Vec<Queued> {
    log.lines()
        .filter_map(|line| {
            let (commit, subject) = line.split_once('\x1f')?;
            let msg = subject.trim();
            let msg = msg.strip_prefix("commit: ").unwrap_or(msg);
            let rest = msg.strip_prefix("dvc-exp:")?;
            let mut parts = rest.splitn(4, ':');
            let (_rev, baseline, name) = (parts.next()?, parts.next()?, parts.next()?);
            is_hex(baseline).then(|| Queued {
                commit: commit.trim().to_owned(),
                baseline: baseline.to_owned(),
                name: name.to_owned(),
            })
        })
        .collect()
}

/// `git status -z` entries with each file's size and modification time, so that a second
/// `dvc repro` in a work tree that was already dirty still counts as a change.
fn fingerprint(status: &str, dvc_root: &Path) -> String {
    let mut out = String::new();
    let mut fields = status.split('\0');
    while let Some(entry) = fields.next() {
        // `XY path`; a rename or copy is followed by its old path as a field of its own.
        let (Some(code), Some(path)) = (entry.get(..2), entry.get(3..)) else {
            continue;
        };
        if code.contains(['R', 'C']) {
            let _ = fields.next();
        }
        if path.is_empty() {
            continue;
        }
        let meta = std::fs::metadata(dvc_root.join(path)).ok();
        let (size, modified) = meta.map_or((0, 0), |m| {
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (m.len(), t)
        });
        let _ = writeln!(out, "{entry}\t{size}\t{modified}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renamed_non_ascii_path_is_read_not_sliced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("new.yaml"), "x").unwrap();
        // `git status --porcelain=v1 -z`: a rename, its old path (no `XY ` prefix, multi-byte
        // at byte 3), then a modified file.
        let status = "R  new.yaml\0ab\u{e9}c.yaml\0 M params.yaml\0";
        let fp = fingerprint(status, dir.path());
        let lines: Vec<&str> = fp.lines().collect();
        assert_eq!(lines.len(), 2, "{fp}");
        assert!(lines[0].starts_with("R  new.yaml\t1\t"), "{fp}");
        assert!(lines[1].starts_with(" M params.yaml\t0\t0"), "{fp}");
    }

    #[test]
    fn reads_the_captured_refs() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/dvc/git-refs-exps.txt"
        ))
        .unwrap();
        // The capture lists `<ref> <sha>`; for-each-ref as run here prints `<sha> <ref>`.
        let mut listing = String::new();
        for l in text
            .lines()
            .take_while(|l| !l.is_empty())
            .filter(|l| l.starts_with("refs/"))
        {
            let (r, sha) = l.split_once(' ').unwrap();
            writeln!(listing, "{sha} {r}").unwrap();
        }
        let refs = parse_exp_refs(&listing);
        let names: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["exp-deep", "exp-lr-high", "exp-lr-low"]);
        assert!(
            refs.iter()
                .all(|r| r.baseline == "3ec428bb3ff9b769578fa892cc9b68a560e91e7d")
        );
        assert_eq!(refs[0].commit, "243b10c2b54a0c53364c328c4b06903d3b527fc5");
    }

    #[test]
    fn reads_queue_entries_and_skips_others() {
        let log = "48cfb612\x1fcommit: dvc-exp:3ec428bb:3ec428bb:exp-queued\n\
                   aa\x1fcommit: something else\n\
                   bb\x1fdvc-exp:11:22:exp-ß:feature/x\n";
        assert_eq!(
            parse_queue(log),
            vec![
                Queued {
                    commit: "48cfb612".into(),
                    baseline: "3ec428bb".into(),
                    name: "exp-queued".into()
                },
                Queued {
                    commit: "bb".into(),
                    baseline: "22".into(),
                    name: "exp-ß".into()
                },
            ]
        );
    }
}
