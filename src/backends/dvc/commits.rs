//! What git knows about commits that DVC does not print: exact times (DVC prints naive local
//! times), authors and subjects; and the names of baselines.
//!
//! DVC names a baseline after HEAD's branch, else a tag, else a branch pointing at it
//! (`describe` in `dvc/repo/experiments/utils.py`), taking the first tag in the order the
//! refs come off the disk: a GTO-registered commit holds several tags (`m@v1.0.0`,
//! `m#prod#1`) and DVC picks a different one in a copy of the same repository. clearance
//! names baselines by branch only (HEAD's, else the first by name), for both readers, so a
//! name is the same from either reader and from one run to the next.

use std::collections::{BTreeMap, HashMap};

use chrono::DateTime;

use super::git::Git;
use super::snapshot::{CommitInfo, WORKSPACE};
use crate::store::BackendError;

/// Time, author and subject of each commit in `revs` (the workspace is skipped).
pub async fn info(git: &Git, revs: &[&str]) -> Result<HashMap<String, CommitInfo>, BackendError> {
    let mut wanted: Vec<&str> = revs.iter().copied().filter(|r| *r != WORKSPACE).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    let mut args = vec![
        "log",
        "--no-walk",
        "--format=%H%x1f%ct%x1f%an%x1f%s",
        "--end-of-options",
    ];
    args.extend(wanted);
    let text = git.run(&args).await?;
    Ok(parse_info(&text))
}

fn parse_info(text: &str) -> HashMap<String, CommitInfo> {
    text.lines()
        .filter_map(|line| {
            let mut f = line.splitn(4, '\x1f');
            let (sha, time, author, subject) = (f.next()?, f.next()?, f.next()?, f.next()?);
            let time = DateTime::from_timestamp(time.trim().parse().ok()?, 0)?;
            Some((
                sha.to_owned(),
                CommitInfo {
                    time,
                    author: author.to_owned(),
                    subject: subject.to_owned(),
                },
            ))
        })
        .collect()
}

/// The name of each baseline that has one: HEAD's branch for HEAD, else the first branch (by
/// name) pointing at it.
pub async fn names(
    git: &Git,
    baselines: &[String],
    head: Option<&str>,
) -> Result<BTreeMap<String, String>, BackendError> {
    let listing = git.run(&[
        "for-each-ref",
        "--format=%(objectname)%00%(refname)",
        "refs/heads",
    ]);
    let branch = git.try_run(&["symbolic-ref", "-q", "HEAD"]);
    let (listing, branch) = tokio::try_join!(listing, branch)?;
    Ok(describe(&listing, branch.as_deref(), baselines, head))
}

fn describe(
    listing: &str,
    head_ref: Option<&str>,
    baselines: &[String],
    head: Option<&str>,
) -> BTreeMap<String, String> {
    let mut branches: HashMap<&str, &str> = HashMap::new();
    for line in listing.lines() {
        let Some((commit, refname)) = line.split_once('\0') else {
            continue;
        };
        if let Some(b) = refname.strip_prefix("refs/heads/") {
            branches.entry(commit).or_insert(b);
        }
    }
    let head_branch = head_ref
        .map(str::trim)
        .and_then(|r| r.strip_prefix("refs/heads/"));
    baselines
        .iter()
        .filter_map(|b| {
            let name = match head_branch {
                Some(branch) if Some(b.as_str()) == head => Some(branch),
                _ => branches.get(b.as_str()).copied(),
            }?;
            Some((b.clone(), name.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_heads_branch_then_another_branch_never_a_tag() {
        let listing = "aaa\0refs/heads/main\n\
                       bbb\0refs/heads/feature\n\
                       bbb\0refs/heads/zz\n\
                       aaa\0refs/heads/other\n";
        let baselines = ["aaa", "bbb", "ccc"].map(String::from);
        let got = describe(listing, Some("refs/heads/main\n"), &baselines, Some("aaa"));
        let want: BTreeMap<String, String> = [("aaa", "main"), ("bbb", "feature")]
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect();
        assert_eq!(got, want);
        // A detached HEAD is named by the branches pointing at it.
        let got = describe(listing, None, &baselines[..1], Some("aaa"));
        assert_eq!(got.get("aaa").map(String::as_str), Some("main"));
    }

    #[test]
    fn commit_lines_parse() {
        let info = parse_info("abc\x1f1795254400\x1fAda Lovelace\x1fadopt: a\x1fb\n");
        let c = &info["abc"];
        assert_eq!(c.author, "Ada Lovelace");
        assert_eq!(c.subject, "adopt: a\x1fb");
        assert_eq!(c.time.timestamp(), 1_795_254_400);
    }
}
