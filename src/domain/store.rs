//! Which store a thing came from, said two ways: a label people read (`MLflow at
//! http://mlflow:5000`) and a key records are filed under (`mlflow:http://mlflow:5000`).
//!
//! Both are built here and nowhere else, from the store's address with any credentials taken
//! out (`http://alice:secret@host` is `http://host`), so a password typed into a tracking URI
//! never reaches a screen, a log, an error message, the local audit log or a record written
//! into the shared registry.

use std::path::{Path, PathBuf};

use url::Url;

/// A store's public identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreIdentity {
    label: String,
    key: String,
    /// The demo's directory, for the demo.
    demo_dir: Option<PathBuf>,
}

impl StoreIdentity {
    /// An MLflow tracking server: `MLflow at http://host:5000/base`.
    pub fn mlflow_server(url: &Url) -> Self {
        let public = public_url(url);
        Self {
            label: format!("MLflow at {public}"),
            key: format!("mlflow:{public}"),
            demo_dir: None,
        }
    }

    /// An MLflow sqlite store read directly: `MLflow store ./mlflow.db`. The key is the
    /// file's `canonical` path (the caller resolves it), so `./mlflow.db` and its absolute
    /// path are one store.
    pub fn sqlite(path: &Path, canonical: &Path) -> Self {
        Self {
            label: format!("MLflow store {}", path.display()),
            key: format!("sqlite:{}", canonical.display()),
            demo_dir: None,
        }
    }

    /// The bundled demo (a copy of the shipped sqlite store in the data dir).
    pub fn demo(path: &Path, canonical: &Path) -> Self {
        Self {
            label: format!("MLflow store (demo) {}", path.display()),
            key: format!("demo:{}", canonical.display()),
            demo_dir: path.parent().map(Path::to_path_buf),
        }
    }

    /// A DVC repository with GTO's registry: the label says how runs are read now (`DVC repo
    /// ~/proj (dvc 3.67.1)`), the key only which repository it is (its `canonical` root).
    pub fn git_repo(canonical_root: &Path, label: &str) -> Self {
        Self {
            label: redact_credentials(label),
            key: format!("git:{}", canonical_root.display()),
            demo_dir: None,
        }
    }

    /// A W&B project (and registry): `W&B lab/churn at https://api.wandb.ai`.
    pub fn wandb(base_url: &Url, project: &str, registry: Option<&str>) -> Self {
        let base = public_url(base_url);
        let (label, key) = match registry {
            Some(r) => (
                format!("W&B {project} · registry {r} at {base}"),
                format!("wandb:{base}/{project}#{r}"),
            ),
            None => (
                format!("W&B {project} at {base}"),
                format!("wandb:{base}/{project}"),
            ),
        };
        Self {
            label,
            key,
            demo_dir: None,
        }
    }

    /// A store known only by a label (tests, fixtures): the label, cleaned, is also the key.
    pub fn named(label: &str) -> Self {
        let label = redact_credentials(label);
        Self {
            key: format!("named:{label}"),
            label,
            demo_dir: None,
        }
    }

    /// What people read: never holds credentials.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// What records are filed under: stable across runs of clearance for the same store.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Whether this is the bundled demo, whose records live with the demo (and go with
    /// `--demo --reset`), never in the user's own audit log.
    pub fn is_demo(&self) -> bool {
        self.demo_dir.is_some()
    }

    /// The demo's directory (where its store and its own audit log live), for the demo.
    pub fn demo_dir(&self) -> Option<&Path> {
        self.demo_dir.as_deref()
    }
}

impl std::fmt::Display for StoreIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// A URL as it may be shown or recorded: without user name, password, query or fragment
/// (where tokens hide), and without a trailing slash.
pub fn public_url(url: &Url) -> String {
    let mut clean = url.clone();
    // Both fail only for URLs that cannot carry credentials (`mailto:`), which is fine.
    let _ = clean.set_username("");
    let _ = clean.set_password(None);
    clean.set_query(None);
    clean.set_fragment(None);
    clean.as_str().trim_end_matches('/').to_owned()
}

/// `text` with the credentials of every URL in it removed: `scheme://user:pw@host` becomes
/// `scheme://host`. For text that may quote an address the person typed (an error about a
/// tracking URI, a record written by an older clearance).
pub fn redact_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        // The authority ends at the first '/', '?', '#' or whitespace; credentials end at its
        // last '@'.
        let end = tail
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match authority.rfind('@') {
            Some(i) => out.push_str(&authority[i + 1..]),
            None => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("http://alice:pw@host:5000/", "http://host:5000")]
    #[case(
        "https://tok@mlflow.example.com/base/?token=x#f",
        "https://mlflow.example.com/base"
    )]
    #[case("http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    fn public_urls_hold_no_credentials(#[case] url: &str, #[case] want: &str) {
        assert_eq!(public_url(&Url::parse(url).unwrap()), want);
    }

    #[rstest]
    #[case(
        "MLflow at http://alice:S3cret@host:5000",
        "MLflow at http://host:5000"
    )]
    #[case(
        "cannot reach https://u:p@a.b/x and http://c:d@e:1?q",
        "cannot reach https://a.b/x and http://e:1?q"
    )]
    #[case("user a@b.c at http://host/p@q", "user a@b.c at http://host/p@q")]
    #[case("http://a:b@c@d/x", "http://d/x")]
    #[case("no url here", "no url here")]
    #[case("trailing ://", "trailing ://")]
    fn credentials_are_redacted_from_text(#[case] text: &str, #[case] want: &str) {
        assert_eq!(redact_credentials(text), want);
    }

    #[test]
    fn a_server_is_labelled_and_keyed_without_credentials() {
        let id = StoreIdentity::mlflow_server(&Url::parse("http://alice:pw@h:5000/").unwrap());
        assert_eq!(id.label(), "MLflow at http://h:5000");
        assert_eq!(id.key(), "mlflow:http://h:5000");
        let same = StoreIdentity::mlflow_server(&Url::parse("http://h:5000").unwrap());
        assert_eq!(id, same);
    }

    #[test]
    fn the_demo_is_never_the_same_store_as_a_plain_copy() {
        let db = Path::new("/data/demo/mlflow.db");
        assert_ne!(
            StoreIdentity::sqlite(db, db).key(),
            StoreIdentity::demo(db, db).key()
        );
        assert_eq!(
            StoreIdentity::demo(db, db).demo_dir(),
            Some(Path::new("/data/demo"))
        );
    }
}
