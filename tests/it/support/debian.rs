//! Programs the tests need that pip cannot install (zsh, fish, groff): installed from Debian's
//! packages when missing and the tests run as root with apt (as CI does), else the test is
//! skipped with a warning; `CLEARANCE_REQUIRE_TMUX` (set by CI) makes a missing one a failure.

use std::process::{Command, Stdio};
use std::sync::Mutex;

/// One apt at a time within this test process (apt's own lock refuses a second one).
static APT: Mutex<()> = Mutex::new(());

fn present(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn apt(args: &[&str]) -> bool {
    Command::new("apt-get")
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether `program` can be run, installing `package` first if need be; says why not when
/// it cannot.
pub fn ensure(program: &str, package: &str, test: &str) -> bool {
    let _one = APT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if present(program) {
        return true;
    }
    let install = ["install", "-y", "--no-install-recommends", package];
    if !apt(&install) {
        // A fresh machine has no package lists yet.
        let _ = apt(&["update"]);
        let _ = apt(&install);
    }
    if present(program) {
        return true;
    }
    assert!(
        std::env::var_os("CLEARANCE_REQUIRE_TMUX").is_none(),
        "{test}: {program} is required (CLEARANCE_REQUIRE_TMUX is set) and `apt-get install \
         {package}` did not install it"
    );
    eprintln!("warning: {test} skipped: {program} is not installed (apt install {package})");
    false
}
