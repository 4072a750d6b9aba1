//! The completion scripts and the manual page, checked by the programs that read them: bash
//! registers the completion (`complete -p`), zsh and fish parse their scripts (`-n`), groff
//! formats the page without a warning. zsh and fish come from Debian's packages, installed by
//! the harness when missing (see `support::debian`).

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::debian;

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

fn generate(args: &[&str]) -> Vec<u8> {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "clearance {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty(), "clearance {args:?} printed nothing");
    out.stdout
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[track_caller]
fn run_ok(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "{program} {args:?}: exit {:?}\n{stderr}",
        out.status.code()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn bash_registers_the_completion() {
    let dir = tempfile::tempdir().unwrap();
    let script = write(
        dir.path(),
        "clearance.bash",
        &generate(&["completions", "bash"]),
    );
    let registered = run_ok(
        "bash",
        &[
            "--norc",
            "-c",
            &format!("source '{script}' && complete -p clearance"),
        ],
    );
    assert!(
        registered.contains("-F _clearance clearance"),
        "{registered}"
    );
    // The function answers: the words after `clearance pro` include promote.
    let words = run_ok(
        "bash",
        &[
            "--norc",
            "-c",
            &format!(
                "source '{script}'; COMP_WORDS=(clearance pro); COMP_CWORD=1; \
                 COMP_LINE='clearance pro'; COMP_POINT=13; _clearance clearance pro clearance; \
                 printf '%s\\n' \"${{COMPREPLY[@]}}\""
            ),
        ],
    );
    assert!(words.lines().any(|w| w == "promote"), "{words}");
}

#[test]
fn zsh_parses_its_completion() {
    if !debian::ensure("zsh", "zsh", "completion e2e") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = write(dir.path(), "_clearance", &generate(&["completions", "zsh"]));
    run_ok("zsh", &["-n", &script]);
}

#[test]
fn fish_parses_its_completion() {
    if !debian::ensure("fish", "fish", "completion e2e") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = write(
        dir.path(),
        "clearance.fish",
        &generate(&["completions", "fish"]),
    );
    run_ok("fish", &["-n", &script]);
}

#[test]
fn groff_formats_the_manual_page_without_a_warning() {
    if !debian::ensure("groff", "groff", "man page e2e") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "clearance.1", &generate(&["man"]));
    let text = run_ok("groff", &["-man", "-Tutf8", "-ww", "-P", "-cbou", &page]);
    for section in [
        "SYNOPSIS",
        "GLOBAL OPTIONS",
        "CLEARANCE PROMOTE",
        "CLEARANCE APPLY",
    ] {
        assert!(text.contains(section), "no {section} in the formatted page");
    }
}
