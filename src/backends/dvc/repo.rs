//! Finding a DVC repository: the nearest directory holding `.dvc/` at or above a path, inside
//! a git repository (DVC keeps experiments in git; `dvc init --no-scm` repositories have
//! none). DVC roots below the git root (`dvc init --subdir`) are supported.

use std::path::{Path, PathBuf};

use crate::store::BackendError;

/// Where a DVC repository is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The directory holding `.dvc/`.
    pub root: PathBuf,
    /// Where `root` is inside the git repository: `""` at its root, `"ml/"` below it.
    pub prefix: String,
}

/// The DVC repository at or above `start`, stopping at the git root, and the git root.
fn find(start: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
    let mut dvc = None;
    for dir in start.ancestors() {
        if dvc.is_none() && dir.join(".dvc").is_dir() {
            dvc = Some(dir.to_path_buf());
        }
        if dir.join(".git").exists() {
            return (dvc, Some(dir.to_path_buf()));
        }
    }
    (dvc, None)
}

/// Locates the DVC repository `path` is in, with a message that says what to fix when it is
/// not one.
pub fn locate(path: &Path) -> Result<Location, BackendError> {
    let start = path.canonicalize().map_err(|e| {
        BackendError::Store(format!(
            "the DVC repository '{}' cannot be opened: {e}",
            path.display()
        ))
    })?;
    let (dvc, git) = find(&start);
    let Some(root) = dvc else {
        return Err(BackendError::Store(format!(
            "'{}' is not in a DVC repository: there is no .dvc directory in it or above it{}; \
             run `dvc init` in the repository, or pass its root",
            path.display(),
            if git.is_some() {
                " up to the git root"
            } else {
                ""
            }
        )));
    };
    let Some(git) = git else {
        return Err(BackendError::Store(format!(
            "'{}' is a DVC repository without git (dvc init --no-scm): clearance reads DVC \
             experiments from git, so it needs a git repository",
            root.display()
        )));
    };
    let prefix = root
        .strip_prefix(&git)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| {
            let parts: Vec<String> = p
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            format!("{}/", parts.join("/"))
        })
        .unwrap_or_default();
    Ok(Location { root, prefix })
}

/// The DVC repository the current directory is in, if any (for detection at start-up).
pub fn detect(cwd: &Path) -> Option<PathBuf> {
    match find(cwd) {
        (Some(dvc), Some(_)) => Some(dvc),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_roots_prefixes_and_says_what_is_wrong() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("repo/.git")).unwrap();
        std::fs::create_dir_all(top.join("repo/ml/.dvc")).unwrap();
        std::fs::create_dir_all(top.join("repo/ml/src/deep")).unwrap();
        std::fs::create_dir_all(top.join("nogit/.dvc")).unwrap();

        let at = locate(&top.join("repo/ml/src/deep")).unwrap();
        assert_eq!(at.root, top.join("repo/ml"));
        assert_eq!(at.prefix, "ml/");
        assert_eq!(detect(&top.join("repo/ml/src")), Some(top.join("repo/ml")));
        assert_eq!(detect(&top.join("repo")), None);

        let e = locate(&top.join("repo")).unwrap_err().to_string();
        assert!(
            e.contains("is not in a DVC repository") && e.contains("dvc init"),
            "{e}"
        );
        let e = locate(&top.join("nogit")).unwrap_err().to_string();
        assert!(e.contains("without git"), "{e}");
        let e = locate(&top.join("missing")).unwrap_err().to_string();
        assert!(e.contains("cannot be opened"), "{e}");
    }
}
