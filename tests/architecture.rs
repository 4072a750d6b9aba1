//! The layer rules of `STYLE.md` §0, checked on the module graph the source spells out.
//!
//! Every `src/**/*.rs` file is read into tokens (comments, doc comments and string literals
//! hold no code; see `architecture/lexer.rs`), and every path it names that starts at `crate::`
//! or climbs with `super::` is made absolute (`architecture/graph.rs`). A file's layer is its
//! top-level module: `src/app.rs` and `src/app/**` are `app`. Under `backends` the second
//! segment is the backend: `src/backends/mlflow.rs` and `src/backends/mlflow/**` are `mlflow`.
//! Test code (`#[cfg(test)]` modules, `tests.rs` files) is held to the same rules: a test that
//! reaches across layers ties them together as surely as product code does.
//!
//! Each rule is its own test and lists every offending `file:line` with the path it names, so
//! one run gives the whole list. A workspace split would let the compiler say this instead.

#![expect(
    clippy::unwrap_used,
    reason = "a test: an unreadable source file is a failed test"
)]

#[path = "architecture/graph.rs"]
mod graph;
#[path = "architecture/lexer.rs"]
mod lexer;

use std::fs;
use std::path::{Path, PathBuf};

use graph::{Reference, external, module_of, references};

struct Source {
    /// `src/backends/wandb/filter.rs`
    file: String,
    module: Vec<String>,
    text: String,
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every file of the library (`src/main.rs` is the binary, a crate of its own).
fn sources() -> Vec<Source> {
    let src = root().join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let relative = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative != "main.rs").then(|| Source {
                file: format!("src/{relative}"),
                module: module_of(&relative),
                text: fs::read_to_string(&path).unwrap(),
            })
        })
        .collect()
}

/// The child modules of `backends`: each is one backend, but for `SHARED` helpers.
fn backend_modules() -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(root().join("src/backends"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            (p.is_dir() || p.extension().is_some_and(|e| e == "rs")).then_some(name)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Helpers under `backends/` that belong to no vendor and are shared by several: `http`
/// builds every HTTP client over the one TLS stack, `cli_token` asks a forge's own CLI for a
/// token. They hold no store and may import no backend themselves.
const SHARED: &[&str] = &["cli_token", "http"];

/// Where a module sits: its layer and, under `backends`, which backend.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Unit {
    layer: String,
    backend: Option<String>,
}

fn unit(path: &[String], backends: &[String]) -> Unit {
    let layer = path.first().cloned().unwrap_or_else(|| "lib".into());
    let backend = match (layer.as_str(), path.get(1)) {
        ("backends", Some(b)) if backends.contains(b) => Some(b.clone()),
        _ => None,
    };
    Unit { layer, backend }
}

/// Every crate path whose use `forbidden(from, to)` rejects, as `file:line: path`.
fn offences(forbidden: impl Fn(&Unit, &Unit) -> bool) -> Vec<String> {
    let backends = backend_modules();
    let mut out = Vec::new();
    for s in sources() {
        let from = unit(&s.module, &backends);
        for r in references(&s.module, &s.text) {
            if forbidden(&from, &unit(&r.path, &backends)) {
                out.push(format!("{}:{}: {}", s.file, r.line, r.show()));
            }
        }
    }
    out
}

fn assert_none(rule: &str, offences: &[String]) {
    assert!(
        offences.is_empty(),
        "{rule}; {} offending references:\n  {}",
        offences.len(),
        offences.join("\n  ")
    );
}

fn is(unit: &Unit, layers: &[&str]) -> bool {
    layers.contains(&unit.layer.as_str())
}

/// The parser's own check on the real tree: every path resolves to a top-level module that
/// exists (a miscounted `super::` chain or an inline `mod` lost track of would not).
#[test]
fn every_crate_path_names_an_existing_module() {
    let src = root().join("src");
    let mut lost = Vec::new();
    for s in sources() {
        for r in references(&s.module, &s.text) {
            let top = &r.path[0];
            if !src.join(format!("{top}.rs")).is_file() {
                lost.push(format!("{}:{}: {}", s.file, r.line, r.show()));
            }
        }
    }
    assert_none("paths resolve to existing top-level modules", &lost);
}

/// `domain` holds the pure types and functions; everything else depends on it, so it may
/// depend on nothing of the crate. (Its tests use no crate test helper either; should one be
/// needed, it belongs in `domain`.)
#[test]
fn domain_imports_nothing_of_the_crate() {
    let o = offences(|from, to| is(from, &["domain"]) && !is(to, &["domain"]));
    assert_none("`domain` imports nothing of the crate", &o);
}

/// `store` is the contract between the use cases and the backends, and the query language
/// every backend interprets: it is written in terms of `domain` alone.
#[test]
fn store_imports_only_domain() {
    let o = offences(|from, to| is(from, &["store"]) && !is(to, &["store", "domain"]));
    assert_none("`store` imports only `domain`", &o);
}

/// The screens and their state speak `domain` (and `config`, `store` for its data types; `ui`
/// reads `app`), never a backend or a use case doing I/O.
#[test]
fn app_and_ui_import_neither_backends_nor_ops() {
    let o = offences(|from, to| is(from, &["app", "ui"]) && is(to, &["backends", "ops"]));
    assert_none("`app` and `ui` never import `backends` or `ops`", &o);
}

/// `app` holds state and `update`; `ui` renders it; the runtime and the CLI drive both.
#[test]
fn app_and_ui_import_no_layer_above_them() {
    let o = offences(|from, to| {
        (is(from, &["app"]) && is(to, &["ui", "runtime", "cli"]))
            || (is(from, &["ui"]) && is(to, &["runtime", "cli"]))
    });
    assert_none(
        "`app` never imports `ui`, `runtime` or `cli`; `ui` never imports `runtime` or `cli`",
        &o,
    );
}

/// A backend maps a vendor's wire format to `domain` behind the `store` contract: it knows no
/// use case, screen, configuration file, runtime or command line.
#[test]
fn backends_import_no_use_case_screen_or_config() {
    let o = offences(|from, to| {
        is(from, &["backends"]) && is(to, &["ops", "app", "ui", "config", "runtime", "cli"])
    });
    assert_none(
        "`backends` never import `ops`, `app`, `ui`, `config`, `runtime` or `cli`",
        &o,
    );
}

/// No backend imports another: `backends::X` may import itself, `store`, `domain`, the
/// `SHARED` format helpers, and items of the `backends` root.
///
/// The root is allowed because it holds the module list and at most a `Backend` bundle (the
/// runs, registry and writer a connection yields) that each backend's `connect` builds: no
/// vendor's code. A backend's module under the root is not an item of the root, so reaching
/// another backend through `crate::backends::Y` is caught all the same. Shared helpers are
/// held to the rule too: they import no backend.
#[test]
fn no_backend_imports_another_backend() {
    let o = offences(|from, to| match (&from.backend, &to.backend) {
        (Some(a), Some(b)) => a != b && !SHARED.contains(&b.as_str()),
        _ => false,
    });
    assert_none("no backend imports another backend", &o);
}

/// The configuration is data (names of actions, styles, rules); resolving it to behaviour is
/// the business of the layers above.
#[test]
fn config_imports_no_upper_layer() {
    let o = offences(|from, to| {
        is(from, &["config"]) && is(to, &["app", "ui", "runtime", "ops", "cli"])
    });
    assert_none(
        "`config` never imports `app`, `ui`, `runtime`, `ops` or `cli`",
        &o,
    );
}

/// The reports (text, Markdown, JSON documents) render domain values and nothing else, so a
/// screen, a command and a pull request body can all use them.
#[test]
fn report_imports_only_domain() {
    let o = offences(|from, to| is(from, &["report"]) && !is(to, &["report", "domain"]));
    assert_none("`report` imports only `domain`", &o);
}

/// The use cases sit below the two front ends: `ops` never imports `app`, `ui`, `runtime`
/// or `cli`, and the runtime never imports the CLI (it has its own options and errors).
#[test]
fn use_cases_and_the_runtime_import_no_front_end_above_them() {
    let o = offences(|from, to| {
        (is(from, &["ops"]) && is(to, &["app", "ui", "runtime", "cli"]))
            || (is(from, &["runtime"]) && is(to, &["cli"]))
    });
    assert_none(
        "`ops` never imports `app`, `ui`, `runtime` or `cli`; `runtime` never imports `cli`",
        &o,
    );
}

/// Outside crates and `std` modules a layer must not use: `"tokio"` is the crate, `"std::fs"`
/// a module of `std`. Read from tokens like the crate paths, so `use std::{fs, io}` counts.
fn assert_free_of(layer: &str, forbidden: &[&str]) {
    let mut found = Vec::new();
    for s in sources()
        .iter()
        .filter(|s| s.module.first().is_some_and(|m| m == layer))
    {
        for f in forbidden {
            let mut parts = f.split("::");
            let krate = parts.next().unwrap();
            let prefix: Vec<&str> = parts.collect();
            let hits = external(&s.text, krate)
                .into_iter()
                .filter(|r: &Reference| r.is_under(krate, &prefix));
            found.extend(hits.map(|r| format!("{}:{}: {}", s.file, r.line, r.show())));
        }
    }
    assert_none(
        &format!("layer `{layer}` must not use {forbidden:?}"),
        &found,
    );
}

#[test]
fn domain_is_pure() {
    assert_free_of("domain", &["ratatui", "crossterm", "tokio", "reqwest"]);
}

#[test]
fn store_and_backends_know_no_terminal() {
    assert_free_of("store", &["ratatui", "crossterm"]);
    assert_free_of("backends", &["ratatui", "crossterm"]);
}

#[test]
fn app_does_no_io() {
    assert_free_of(
        "app",
        &["tokio", "reqwest", "std::fs", "std::net", "std::process"],
    );
}

#[test]
fn ui_only_reads() {
    assert_free_of("ui", &["tokio", "reqwest", "std::fs"]);
}

#[test]
fn no_mod_rs_files() {
    let mut all = Vec::new();
    walk(&root().join("src"), &mut all);
    walk(&root().join("tests"), &mut all);
    for path in all {
        assert!(
            !path.ends_with("mod.rs"),
            "{}: use foo.rs + foo/ instead of mod.rs",
            path.display()
        );
    }
}

/// The code host contract (`host`) depends on `domain` alone and names no forge or HTTP
/// client; the app and the screens never see it (they get domain types), and the use cases,
/// the TUI's PR task and the CLI's host commands reach GitHub through it: only
/// `ops/gitops/connect.rs` and the runtime's link name the GitHub client, to build it.
#[test]
fn the_code_host_is_reached_through_its_contract() {
    assert_none(
        "`host` imports only `domain`",
        &offences(|from, to| is(from, &["host"]) && !is(to, &["host", "domain"])),
    );
    assert_free_of("host", &["octocrab", "reqwest"]);
    assert_none(
        "`app` and `ui` do not import `host`",
        &offences(|from, to| is(from, &["app", "ui"]) && is(to, &["host"])),
    );
    let through_contract = |file: &str| {
        (file.starts_with("src/ops/gitops") && !file.ends_with("/connect.rs"))
            || [
                "src/cli/prs.rs",
                "src/cli/comment.rs",
                "src/cli/promote_pr.rs",
                "src/runtime/pr.rs",
            ]
            .contains(&file)
    };
    let backends = backend_modules();
    let mut found = Vec::new();
    for s in sources().iter().filter(|s| through_contract(&s.file)) {
        for r in references(&s.module, &s.text) {
            if unit(&r.path, &backends).backend.as_deref() == Some("github") {
                found.push(format!("{}:{}: {}", s.file, r.line, r.show()));
            }
        }
    }
    assert_none(
        "use the code host contract (crate::host), not GitHub's client",
        &found,
    );
}
