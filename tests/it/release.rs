//! What a release ships, checked without a release build (that is `scripts/release-check.sh`):
//! `dist plan` accepts the config and the release workflow matches it, the shipped
//! completions and manual page are current, one TLS stack is linked, and the Action's install
//! script installs an archive laid out as dist lays it out, from a server on 127.0.0.1,
//! refusing one that does not match its checksum.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::venv;

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn dist_plan_accepts_the_config_and_the_release_workflow_is_current() {
    let venv = venv::release_venv().unwrap();
    let out = Command::new(venv::bin(venv, "dist"))
        .args(["plan", "--output-format=json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "dist plan failed:\n{}", text(&out));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut artifacts: Vec<&str> = plan["artifacts"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    artifacts.sort_unstable();
    for name in [
        "clearance-installer.sh",
        "clearance.rb",
        "sha256.sum",
        "clearance-x86_64-unknown-linux-musl.tar.xz",
        "clearance-x86_64-unknown-linux-musl.tar.xz.sha256",
        "clearance-aarch64-unknown-linux-musl.tar.xz",
        "clearance-x86_64-unknown-linux-gnu.tar.xz",
        "clearance-aarch64-unknown-linux-gnu.tar.xz",
        "clearance-x86_64-apple-darwin.tar.xz",
        "clearance-aarch64-apple-darwin.tar.xz",
    ] {
        assert!(artifacts.contains(&name), "{name} not in {artifacts:?}");
    }
    // Every archive ships the completions and the manual page.
    let archive = &plan["artifacts"]["clearance-x86_64-unknown-linux-musl.tar.xz"];
    let assets: Vec<&str> = archive["assets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    for name in ["clearance", "clearance.1", "completions"] {
        assert!(assets.contains(&name), "{name} not in {assets:?}");
    }
}

#[test]
fn dist_plan_fails_when_the_release_workflow_is_stale() {
    // A copy of the project whose release workflow lost a line: dist must notice, or the
    // check above could not fail.
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "Cargo.toml",
        "Cargo.lock",
        "dist-workspace.toml",
        "README.md",
        "src/main.rs",
        "src/lib.rs",
    ] {
        let to = dir.path().join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo(f), &to).unwrap();
    }
    for d in [
        "assets/completions",
        "assets/man",
        ".github/workflows",
        "benches",
    ] {
        std::fs::create_dir_all(dir.path().join(d)).unwrap();
        for e in std::fs::read_dir(repo(d)).unwrap() {
            let e = e.unwrap();
            // Files only: a checkout may hold directories of its own there (Python's
            // `__pycache__` beside the benchmark scripts).
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), dir.path().join(d).join(e.file_name())).unwrap();
            }
        }
    }
    let workflow = dir.path().join(".github/workflows/release.yml");
    let stale = std::fs::read_to_string(&workflow).unwrap().replacen(
        "  plan:\n",
        "  plan:\n    # edited by hand\n",
        1,
    );
    std::fs::write(&workflow, stale).unwrap();
    let venv = venv::release_venv().unwrap();
    let out = Command::new(venv::bin(venv, "dist"))
        .arg("plan")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("release.yml"), "{}", text(&out));
}

#[test]
fn the_shipped_completions_and_manual_page_are_current() {
    for (args, file) in [
        (
            &["completions", "bash"][..],
            "assets/completions/clearance.bash",
        ),
        (&["completions", "zsh"][..], "assets/completions/_clearance"),
        (
            &["completions", "fish"][..],
            "assets/completions/clearance.fish",
        ),
        (
            &["completions", "powershell"][..],
            "assets/completions/_clearance.ps1",
        ),
        (&["man"][..], "assets/man/clearance.1"),
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert!(out.status.success(), "{}", text(&out));
        let shipped = std::fs::read(repo(file)).unwrap();
        assert!(
            shipped == out.stdout,
            "{file} is not what `clearance {}` prints now: run scripts/shipped-assets.sh",
            args.join(" ")
        );
    }
}

#[test]
fn one_tls_stack_is_linked() {
    let tree = |package: &str| {
        let out = Command::new(env!("CARGO"))
            .args(["tree", "--locked", "-e", "normal", "-i", package])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        tree("ring").starts_with("ring v"),
        "ring is the provider: {}",
        tree("ring")
    );
    for second in ["aws-lc-rs", "aws-lc-sys", "openssl-sys", "native-tls"] {
        let t = tree(second);
        assert!(t.trim().is_empty(), "{second} is linked:\n{t}");
    }
}

/// `python3 -m http.server` on 127.0.0.1, serving `dir`; killed on drop.
struct FileServer {
    child: Child,
    url: String,
}

impl FileServer {
    fn start(dir: &Path) -> Self {
        let port = crate::support::closed_port();
        let child = Command::new(venv::python())
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .arg("--directory")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no file server"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for FileServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// A release directory as dist makes it: `clearance-TARGET.tar.xz` holding
/// `clearance-TARGET/{clearance, clearance.1, completions/}`, and its `.sha256`.
fn release_dir(root: &Path, target: &str) -> PathBuf {
    let release = root.join("release");
    let top = root.join("stage").join(format!("clearance-{target}"));
    std::fs::create_dir_all(top.join("completions")).unwrap();
    std::fs::create_dir_all(&release).unwrap();
    std::fs::copy(BIN, top.join("clearance")).unwrap();
    std::fs::copy(repo("assets/man/clearance.1"), top.join("clearance.1")).unwrap();
    std::fs::copy(
        repo("assets/completions/clearance.bash"),
        top.join("completions/clearance.bash"),
    )
    .unwrap();
    let archive = release.join(format!("clearance-{target}.tar.xz"));
    let out = Command::new("tar")
        .arg("-cf")
        .arg(&archive)
        .args(["-I", "xz -0 -T0", "-C"])
        .arg(root.join("stage"))
        .arg(format!("clearance-{target}"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    std::fs::write(
        release.join(format!("clearance-{target}.tar.xz.sha256")),
        format!("{}  clearance-{target}.tar.xz\n", sha256(&archive)),
    )
    .unwrap();
    release
}

fn action_install(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    Command::new("bash")
        .arg(repo("scripts/action-install.sh"))
        .args(args)
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn the_action_installs_the_release_for_the_runner_and_checks_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let target = "x86_64-unknown-linux-musl";
    let release = release_dir(dir.path(), target);
    // GitHub's API, as far as the action asks it: the latest release's tag.
    let api = dir.path().join("api");
    std::fs::create_dir_all(api.join("repos/acme/clearance/releases")).unwrap();
    std::fs::write(
        api.join("repos/acme/clearance/releases/latest"),
        r#"{"url":"https://example.invalid","tag_name":"v0.1.0","name":"0.1.0","assets":[]}"#,
    )
    .unwrap();
    let files = FileServer::start(&release);
    let github = FileServer::start(&api);

    // `uses: acme/clearance@v1` on an x86_64 Linux runner, version latest.
    let runner = [
        ("GITHUB_API_URL", github.url.as_str()),
        (
            "GITHUB_ACTION_PATH",
            "/home/runner/work/_actions/acme/clearance/v1",
        ),
        ("RUNNER_OS", "Linux"),
        ("RUNNER_ARCH", "X64"),
        ("CLEARANCE_VERSION", "latest"),
    ];
    let out = action_install(&["resolve"], &runner);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("version=v0.1.0\ntarget={target}\n")
    );

    let installed = dir.path().join("tool-cache/clearance/v0.1.0");
    let install = [
        ("CLEARANCE_REPO", "acme/clearance"),
        ("CLEARANCE_VERSION", "v0.1.0"),
        ("CLEARANCE_TARGET", target),
        ("CLEARANCE_DOWNLOAD_URL", files.url.as_str()),
    ];
    let out = action_install(&["install", installed.to_str().unwrap()], &install);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("clearance "),
        "{}",
        text(&out)
    );
    assert!(installed.join("completions/clearance.bash").is_file());
    assert!(installed.join("clearance.1").is_file());

    // One byte more in the archive: refused, nothing installed.
    let archive = release.join(format!("clearance-{target}.tar.xz"));
    let mut bytes = std::fs::read(&archive).unwrap();
    bytes.push(0);
    std::fs::write(&archive, bytes).unwrap();
    let elsewhere = dir.path().join("tampered");
    let out = action_install(&["install", elsewhere.to_str().unwrap()], &install);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("does not match its published checksum"),
        "{}",
        text(&out)
    );
    assert!(!elsewhere.exists());

    // A runner with no build says so.
    let out = action_install(
        &["resolve"],
        &[
            ("CLEARANCE_REPO", "acme/clearance"),
            ("CLEARANCE_VERSION", "v0.1.0"),
            ("RUNNER_OS", "Windows"),
            ("RUNNER_ARCH", "X64"),
        ],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("no clearance build for Windows on X64"),
        "{}",
        text(&out)
    );
}
