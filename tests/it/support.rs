//! The integration harness: a cached MLflow venv, real `mlflow server`s, a REST seeder and a
//! runner for the `clearance` binary.

pub mod binary;
pub mod debian;
pub mod dvc;
pub mod npm;
pub mod proxy;
pub mod seed;
pub mod server;
pub mod tmux;
pub mod venv;

pub use self::binary::{Clearance, CliOutput};
pub use self::seed::{SeededExperiment, SeededRun, Seeder};
pub use self::server::{shared, start_fresh, start_on};

/// A port on 127.0.0.1 where nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).unwrap();
    listener.local_addr().unwrap().port()
}

/// The versions of `model` holding `alias` in a `models --json` document.
pub fn holders(models: &serde_json::Value, model: &str, alias: &str) -> Vec<String> {
    let m = models["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == model)
        .unwrap_or_else(|| panic!("no model {model} in {models}"));
    m["versions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["aliases"].as_array().unwrap().iter().any(|a| a == alias))
        .map(|v| v["version"].as_str().unwrap().to_owned())
        .collect()
}

/// `doc` is valid for the schema `clearance schema prs` publishes.
pub async fn assert_valid_prs(cli: &Clearance, doc: &serde_json::Value) {
    let out = cli.run(&["schema", "prs"]).await;
    out.expect_code(0);
    let validator = jsonschema::validator_for(&out.json()).unwrap();
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{doc:#}");
}
