//! The layer rules of `STYLE.md`, checked on the source: `domain` and `backends` know nothing
//! of terminals; `domain` knows no async runtime or HTTP; `app` performs no I/O (no tokio, no
//! HTTP client, no concrete backend). A workspace split would let the compiler say this.

#![expect(
    clippy::unwrap_used,
    reason = "a test: an unreadable source file is a failed test"
)]

use std::fs;
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

fn layer(name: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let file = root.join(format!("{name}.rs"));
    out.push((
        file.display().to_string(),
        fs::read_to_string(&file).unwrap(),
    ));
    let dir = root.join(name);
    if dir.is_dir() {
        sources(&dir, &mut out);
    }
    out
}

fn assert_free_of(name: &str, forbidden: &[&str]) {
    for (path, text) in layer(name) {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                assert!(
                    !code.contains(f),
                    "{path}:{}: layer '{name}' must not use '{f}': {line}",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn domain_is_pure() {
    assert_free_of(
        "domain",
        &[
            "ratatui",
            "crossterm",
            "tokio",
            "reqwest",
            "crate::backends",
            "crate::app",
            "crate::ui",
        ],
    );
}

#[test]
fn backends_know_no_terminal_or_screens() {
    assert_free_of(
        "backends",
        &[
            "ratatui",
            "crossterm",
            "crate::app",
            "crate::ui",
            "crate::config",
        ],
    );
}

#[test]
fn app_does_no_io() {
    assert_free_of(
        "app",
        &[
            "tokio",
            "reqwest",
            "backends::mlflow",
            "std::fs",
            "std::net",
            "std::process",
            "crate::ui",
        ],
    );
}

#[test]
fn ui_only_reads() {
    assert_free_of(
        "ui",
        &[
            "tokio",
            "reqwest",
            "crate::backends::mlflow",
            "std::fs",
            "crate::runtime",
        ],
    );
}

#[test]
fn no_mod_rs_files() {
    let mut all = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut all);
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"),
        &mut all,
    );
    for (path, _) in all {
        assert!(
            !path.ends_with("/mod.rs"),
            "{path}: use foo.rs + foo/ instead of mod.rs"
        );
    }
}

/// The code host is a contract (`host`) with GitHub as one implementation: the contract knows
/// no forge, and the use cases, the TUI and the CLI's host commands reach GitHub through it
/// (only `ops/gitops/connect.rs` and the runtime's link name the GitHub client, to build it).
#[test]
fn the_code_host_is_reached_through_its_contract() {
    assert_free_of(
        "host",
        &[
            "crate::backends",
            "crate::store",
            "crate::ops",
            "crate::config",
            "crate::app",
            "crate::ui",
            "crate::runtime",
            "crate::cli",
            "octocrab",
            "reqwest",
        ],
    );
    for name in ["app", "ui"] {
        assert_free_of(name, &["backends::github", "crate::host", "ops::gitops"]);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (path, text) in layer("ops/gitops")
        .into_iter()
        .filter(|(p, _)| !p.ends_with("/connect.rs"))
        .chain(
            [
                "cli/prs.rs",
                "cli/comment.rs",
                "cli/promote_pr.rs",
                "runtime/pr.rs",
            ]
            .iter()
            .map(|f| {
                let p = root.join(f);
                (p.display().to_string(), fs::read_to_string(&p).unwrap())
            }),
        )
    {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains("backends::github"),
                "{path}:{}: use the code host contract (crate::host), not GitHub's client: {line}",
                n + 1
            );
        }
    }
}
