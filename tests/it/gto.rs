//! The GTO backend against the real gto 1.10.1 (from the DVC kit's cached venv): registries
//! built with `gto register/assign/deprecate` (and raw git tags where a case needs exact
//! times) read by clearance and by `gto show --json`, `gto show <artifact> --json` and
//! `gto history --json`, which must agree; and every tag clearance writes read back by
//! `gto show --json` and `gto check-ref --json`.
//!
//! No network: gto reads local repositories, and "remotes" are bare repositories on disk.

mod reads;
mod support;
mod writes;
