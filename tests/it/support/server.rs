//! Real `mlflow server`s: one shared by the whole test binary, started on first use, and fresh
//! ones for tests that need a server to themselves (to stop it, say).
//!
//! Each server gets a free port on 127.0.0.1 and a fresh temp dir holding `mlflow.db`,
//! `artifacts/` and `server.log`. It runs under `tests/support/run_mlflow.py`, which kills the
//! server's whole process group when this process dies or closes the wrapper's stdin, and then
//! removes the temp dir.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use clearance::backends::mlflow::{Auth, MlflowClient, MlflowSettings};

use super::seed::Seeder;
use super::venv;

const WRAPPER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/run_mlflow.py");
/// How long a server may take to answer `/health` (7–10 s usually, 17 s on a busy machine).
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How many ports to try when another process grabs the free port first.
const START_ATTEMPTS: u32 = 3;

/// A running server. Dropping it stops it; the shared one lives in a static and is stopped
/// by its wrapper when the test process exits.
#[derive(Debug)]
pub struct MlflowServer {
    url: String,
    port: u16,
    /// The wrapper's directory (log, pid; removed when the server stops).
    dir: PathBuf,
    /// Where `mlflow.db` and `artifacts/` live: `dir`, or a caller's directory that outlives
    /// the server (see [`start_on`]).
    store: PathBuf,
    wrapper: Mutex<Option<Wrapper>>,
}

#[derive(Debug)]
struct Wrapper {
    child: Child,
    /// Closing it tells the wrapper to stop the server.
    stdin: Option<ChildStdin>,
}

/// The server shared by every test in this binary (started on first use, reused after).
/// Tests share it by using names no other test uses.
pub fn shared() -> &'static MlflowServer {
    static SHARED: OnceLock<Result<MlflowServer, String>> = OnceLock::new();
    match SHARED.get_or_init(start) {
        Ok(server) => server,
        // Every test that wants the server fails with the same reason, without retrying.
        Err(e) => panic!("the shared MLflow server could not start:\n{e}"),
    }
}

/// A server of one's own, for tests that change or stop the server.
pub fn start_fresh() -> MlflowServer {
    start().unwrap_or_else(|e| panic!("a fresh MLflow server could not start:\n{e}"))
}

/// A server whose store (`mlflow.db`, `artifacts/`) lives in `store`, which the caller owns:
/// stopping the server leaves the store, so a test can restart the server on it
/// ([`MlflowServer::restart`]) or read the file while the server serves it.
pub fn start_on(store: &Path) -> MlflowServer {
    start_with(Some(store), None).unwrap_or_else(|e| {
        panic!(
            "an MLflow server on '{}' could not start:\n{e}",
            store.display()
        )
    })
}

impl MlflowServer {
    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The sqlite file the server serves.
    pub fn db_path(&self) -> PathBuf {
        self.store.join("mlflow.db")
    }

    /// Starts the server again on the same port and store (after [`MlflowServer::stop`]);
    /// only for servers from [`start_on`], whose store survives a stop.
    pub fn restart(&self) -> MlflowServer {
        assert_ne!(
            self.store, self.dir,
            "restart needs a server from start_on()"
        );
        start_with(Some(&self.store), Some(self.port))
            .unwrap_or_else(|e| panic!("the MLflow server could not restart:\n{e}"))
    }

    /// clearance's REST client for this server, as the CLI builds it but without credentials
    /// from the environment.
    pub fn client(&self) -> MlflowClient {
        let mut settings = MlflowSettings::new(self.url.parse().unwrap());
        settings.auth = Auth::None;
        settings.insecure_tls = false;
        MlflowClient::new(settings).unwrap()
    }

    /// A seeder writing through the REST API. Make one per test: its HTTP client belongs to
    /// the test's tokio runtime.
    pub fn seed(&self) -> Seeder {
        Seeder::new(&self.url)
    }

    /// Stops the server (its whole process group) and waits until its port is closed.
    pub fn stop(&self) {
        if let Err(e) = self.shutdown() {
            panic!("{e}");
        }
    }

    fn shutdown(&self) -> Result<(), String> {
        let Some(mut w) = self
            .wrapper
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        else {
            return Ok(());
        };
        stop_wrapper(&mut w, &self.dir);
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let deadline = Instant::now() + Duration::from_secs(5);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            if Instant::now() > deadline {
                return Err(format!(
                    "the MLflow server on port {} still accepts connections after being stopped",
                    self.port
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }
}

impl Drop for MlflowServer {
    fn drop(&mut self) {
        // No panic here: a drop may run while a failed test unwinds.
        let _ = self.shutdown();
    }
}

fn stop_wrapper(w: &mut Wrapper, dir: &Path) {
    drop(w.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = w.child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // The wrapper did not finish: kill the server's group ourselves, then the wrapper.
    if let Ok(pid) = std::fs::read_to_string(dir.join("server.pid")) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", pid.trim())])
            .status();
    }
    let _ = w.child.kill();
    let _ = w.child.wait();
    let _ = std::fs::remove_dir_all(dir);
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))
}

fn log_tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

fn start() -> Result<MlflowServer, String> {
    start_with(None, None)
}

fn start_with(store: Option<&Path>, port: Option<u16>) -> Result<MlflowServer, String> {
    let venv = venv::mlflow_venv()?;
    let mut last = String::new();
    // A fixed port is the caller's; only a port of our choosing is worth another try.
    let attempts = if port.is_some() { 1 } else { START_ATTEMPTS };
    for _ in 0..attempts {
        match start_once(venv, store, port) {
            Ok(server) => return Ok(server),
            Err(Failure::PortTaken(e)) => last = e,
            Err(Failure::Fatal(e)) => return Err(e),
        }
    }
    Err(last)
}

enum Failure {
    /// Someone else took the port between our check and the server's bind: try another.
    PortTaken(String),
    Fatal(String),
}

fn start_once(
    venv: &Path,
    store: Option<&Path>,
    port: Option<u16>,
) -> Result<MlflowServer, Failure> {
    let fatal = Failure::Fatal;
    let port = match port {
        Some(p) => p,
        None => free_port().map_err(fatal)?,
    };
    let dir = tempfile::Builder::new()
        .prefix("clearance-mlflow-")
        .tempdir()
        .map_err(|e| fatal(format!("cannot create a temp dir for the server: {e}")))?
        // The wrapper removes it once the server is gone; the shared server's handle is
        // never dropped, so a `TempDir` could not.
        .keep();
    let store = store.map_or_else(|| dir.clone(), Path::to_path_buf);
    let artifacts = store.join("artifacts");
    std::fs::create_dir_all(&artifacts)
        .map_err(|e| fatal(format!("cannot create '{}': {e}", artifacts.display())))?;
    let log_path = dir.join("server.log");
    let log = std::fs::File::create(&log_path)
        .map_err(|e| fatal(format!("cannot create '{}': {e}", log_path.display())))?;
    let log_err = log
        .try_clone()
        .map_err(|e| fatal(format!("cannot share the log file: {e}")))?;

    let mut child = Command::new(venv::bin(venv, "python"))
        .arg(WRAPPER)
        .arg("--log")
        .arg(&log_path)
        .arg("--cleanup")
        .arg(&dir)
        .arg("--")
        .arg(venv::bin(venv, "mlflow"))
        .args(["server", "--host", "127.0.0.1", "--port"])
        .arg(port.to_string())
        .args(["--workers", "2", "--backend-store-uri"])
        .arg(format!("sqlite:///{}", store.join("mlflow.db").display()))
        .arg("--artifacts-destination")
        .arg(&artifacts)
        .current_dir(&dir)
        .env("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false")
        .env("PYTHONUNBUFFERED", "1")
        .env_remove("MLFLOW_TRACKING_URI")
        .env_remove("MLFLOW_REGISTRY_URI")
        .stdin(Stdio::piped())
        .stdout(log)
        .stderr(log_err)
        .spawn()
        .map_err(|e| fatal(format!("cannot start the MLflow wrapper: {e}")))?;
    let stdin = child.stdin.take();
    let mut wrapper = Wrapper { child, stdin };

    let started = Instant::now();
    let url = format!("http://127.0.0.1:{port}");
    loop {
        if health_ok(port) {
            return Ok(MlflowServer {
                url,
                port,
                dir,
                store,
                wrapper: Mutex::new(Some(wrapper)),
            });
        }
        let exited = wrapper.child.try_wait().ok().flatten();
        if exited.is_some() || started.elapsed() > START_TIMEOUT {
            let tail = log_tail(&log_path, 40);
            let why = match exited {
                Some(status) => format!("the server exited ({status})"),
                None => format!(
                    "GET {url}/health did not answer 200 within {} s",
                    START_TIMEOUT.as_secs()
                ),
            };
            stop_wrapper(&mut wrapper, &dir);
            let msg = format!("{why}; the last lines of its log:\n{tail}");
            return Err(if tail.contains("ddress already in use") {
                Failure::PortTaken(msg)
            } else {
                Failure::Fatal(msg)
            });
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// `GET /health` → 200, with plain std networking (no async runtime is needed to start a
/// server, so any test can start one from any thread).
fn health_ok(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET /health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match stream.read(&mut head[read..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    head[..read].starts_with(b"HTTP/1.1 200") || head[..read].starts_with(b"HTTP/1.0 200")
}
