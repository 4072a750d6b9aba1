//! What git knows about commits that DVC does not print: exact times (DVC prints naive local
//! times), authors and subjects; and the names DVC gives baselines, worked out the way DVC
//! does (`describe` in `dvc/repo/experiments/utils.py`) for the git-only reader.

use std::collections::{BTreeMap, HashMap};

use chrono::DateTime;

use super::git::Git;
use super::snapshot::{CommitInfo, WORKSPACE};
use crate::backends::BackendError;

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

/// The name DVC shows for each baseline: HEAD's branch for HEAD, else the first tag, else the
/// first branch (refs in name order) pointing at it.
pub async fn names(
    git: &Git,
    baselines: &[String],
    head: Option<&str>,
) -> Result<BTreeMap<String, String>, BackendError> {
    let listing = git.run(&[
        "for-each-ref",
        "--format=%(objectname)%00%(*objectname)%00%(refname)",
        "refs/heads",
        "refs/tags",
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
    let mut tags: HashMap<&str, &str> = HashMap::new();
    let mut branches: HashMap<&str, &str> = HashMap::new();
    for line in listing.lines() {
        let mut f = line.split('\0');
        let (Some(object), Some(peeled), Some(refname)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        // An annotated tag names the commit it points at.
        let commit = if peeled.is_empty() { object } else { peeled };
        if let Some(t) = refname.strip_prefix("refs/tags/") {
            tags.entry(commit).or_insert(t);
        } else if let Some(b) = refname.strip_prefix("refs/heads/") {
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
                _ => tags
                    .get(b.as_str())
                    .or_else(|| branches.get(b.as_str()))
                    .copied(),
            }?;
            Some((b.clone(), name.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_dvc_head_branch_then_tags_then_branches() {
        let listing = "aaa\0\0refs/heads/main\n\
                       bbb\0\0refs/heads/feature\n\
                       t1\0bbb\0refs/tags/churn-model#prod#1\n\
                       t2\0bbb\0refs/tags/churn-model@v1.0.0\n\
                       ccc\0\0refs/heads/zz\n";
        let baselines = ["aaa", "bbb", "ccc", "ddd"].map(String::from);
        let got = describe(listing, Some("refs/heads/main\n"), &baselines, Some("aaa"));
        let want: BTreeMap<String, String> = [
            ("aaa", "main"),
            ("bbb", "churn-model#prod#1"),
            ("ccc", "zz"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        assert_eq!(got, want);
        // A detached HEAD is named like any other commit.
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
