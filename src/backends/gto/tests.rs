//! The GTO backend on real git repositories in temporary directories, tags made with the git
//! CLI as gto makes them. (`tests/it/gto` checks the same against the real `gto`.)

mod reads;
mod repo;
mod writes;

use std::path::PathBuf;

pub use self::repo::{Repo, ago};
use super::{Gto, GtoSettings};

/// What only the unit tests ask of a scratch repository.
impl Repo {
    pub fn open(&self) -> Gto {
        Gto::open(self.path()).unwrap()
    }

    pub fn open_with(&self, settings: GtoSettings) -> Gto {
        Gto::open_with(self.path(), settings).unwrap()
    }

    /// `git cat-file -p refs/tags/<tag>`.
    pub fn cat(&self, tag: &str) -> String {
        self.git(&["cat-file", "-p", &format!("refs/tags/{tag}")])
    }

    pub fn root(&self) -> PathBuf {
        self.path().canonicalize().unwrap()
    }
}
