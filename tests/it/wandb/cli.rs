//! The real `clearance` binary against the stand-in with `--wandb`: `runs`, `models`, `diff` and
//! `promote` in their JSON forms and exit codes, and the API key in no output, message or log.

use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use super::standin::{ADMIN_KEY, KEY, StandIn};
use crate::support::Clearance;
use crate::support::binary::CliOutput;

/// `clearance --wandb lab/churn [--wandb-registry model] --wandb-base-url URL`.
fn clearance(w: &StandIn, registry: Option<&str>) -> Clearance {
    let mut args = vec!["--wandb", "lab/churn", "--wandb-base-url", w.url()];
    if let Some(r) = registry {
        args.extend(["--wandb-registry", r]);
    }
    Clearance::with_target(&args)
}

async fn run(c: &Clearance, key: &str, args: &[&str]) -> CliOutput {
    let out = c
        .run_with_env(
            args,
            &[("WANDB_API_KEY", key), ("CLEARANCE_LOG", "clearance=debug")],
        )
        .await;
    assert_no_key(c, &out, key);
    out
}

/// The key shows nowhere: not on stdout, not on stderr, not in the log file or anything else
/// clearance wrote (the netrc file a test writes holds it on purpose).
#[track_caller]
fn assert_no_key(c: &Clearance, out: &CliOutput, key: &str) {
    for (what, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(!text.contains(key), "the API key is on {what}:\n{text}");
    }
    for entry in walk(c.home()).into_iter().filter(|p| !p.ends_with("netrc")) {
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        assert!(
            !text.contains(key),
            "the API key is in '{}':\n{text}",
            entry.display()
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn runs_json_marks_the_tagged_baseline_and_reads_non_finite_values() {
    let w = StandIn::start();
    let c = clearance(&w, None);
    let out = run(&c, KEY, &["runs", "--json"]).await;
    out.expect_code(0);
    let runs = out.json()["runs"].clone();
    let by_id = |id: &str| -> Value {
        runs.as_array()
            .unwrap()
            .iter()
            .find(|r| r["run_id"] == id)
            .cloned()
            .unwrap()
    };
    let ids: Vec<&str> = runs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["run_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["run04", "cand03", "cand02", "base01", "run05"]);
    let base = by_id("base01");
    assert_eq!(base["baseline"], true);
    assert_eq!(base["name"], "baseline-ünï 基线");
    assert_eq!(base["experiment"], "churn");
    assert_eq!(base["status"], "FINISHED");
    assert_eq!(base["params"]["model.depth"], "6");
    assert_eq!(base["tags"]["baseline"], "true");
    let diverged = by_id("cand03");
    assert_eq!(diverged["status"], "FAILED");
    assert_eq!(diverged["metrics"]["val/acc"], "NaN");
    assert_eq!(diverged["metrics"]["val/loss"], "Infinity");
    assert_eq!(diverged["metrics"]["latency_ms"], "-Infinity");

    let filtered = run(
        &c,
        KEY,
        &["runs", "--json", "--filter", "metrics.`val/acc` > 0.9"],
    )
    .await;
    let names: Vec<Value> = filtered.expect_code(0).json()["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["run_id"].clone())
        .collect();
    assert_eq!(names, [json!("cand02"), json!("base01")]);
}

#[tokio::test]
async fn models_json_from_the_project_or_the_registry() {
    let w = StandIn::start();
    let out = run(&clearance(&w, None), KEY, &["models", "--json"]).await;
    let models = out.expect_code(0).json()["models"].clone();
    assert_eq!(models[0]["name"], "churn-model");
    assert_eq!(
        models[0]["versions"][2],
        json!({"version": "0", "aliases": ["production"], "run_id": "base01",
               "status": "READY", "tags": {"val/acc": "0.91"}})
    );
    let out = run(&clearance(&w, Some("model")), KEY, &["models", "--json"]).await;
    let registry = out.expect_code(0).json()["models"].clone();
    assert_eq!(registry.as_array().unwrap().len(), 1);
    assert_eq!(registry[0]["name"], "churn-classifier");
    let aliases: Vec<Value> = registry[0]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| json!([v["version"], v["aliases"]]))
        .collect();
    assert_eq!(
        aliases,
        [
            json!(["2", ["latest", "staging"]]),
            json!(["1", []]),
            json!(["0", ["production"]])
        ]
    );
}

#[tokio::test]
async fn diff_compares_staging_with_production_and_gates_exit_1() {
    let w = StandIn::start();
    let c = clearance(&w, Some("model"));
    let out = run(&c, KEY, &["diff", "churn-classifier", "--format", "json"]).await;
    let d = out.expect_code(0).json();
    assert_eq!(d["candidate"]["version"], "2");
    assert_eq!(d["baseline"]["version"], "0");
    assert_eq!(d["candidate"]["run_id"], "cand02");
    let acc = d["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "val/acc")
        .unwrap();
    assert_eq!(acc["verdict"], "improved");

    let gated = c.write_config(
        "gates.toml",
        "[[metrics]]\nname = \"latency_ms\"\nbetter = \"lower\"\ntolerance_pct = 1\ngate = true\n",
    );
    let out = run(
        &c,
        KEY,
        &[
            "--config",
            gated.to_str().unwrap(),
            "diff",
            "churn-classifier",
            "--candidate",
            "v1",
            "--format",
            "md",
        ],
    )
    .await;
    out.expect_code(1);
    assert!(out.stdout.contains("| ↑ val/acc |"), "{}", out.stdout);
    assert!(
        out.stdout.contains('×'),
        "NaN points in the sparklines: {}",
        out.stdout
    );
}

#[tokio::test]
async fn promote_moves_the_alias_and_records_the_approval_in_the_metadata() {
    let w = StandIn::start();
    let c = clearance(&w, None);
    let out = run(
        &c,
        KEY,
        &[
            "promote",
            "churn-model",
            "@staging",
            "--yes",
            "--reason",
            "weekly retrain",
        ],
    )
    .await;
    out.expect_code(0);
    assert!(
        out.stdout.contains("done: production: v0 → v1"),
        "{}",
        out.stdout
    );
    let state = w.state().await;
    assert_eq!(
        state["collections"]["lab/churn/churn-model"]["production"],
        "v1"
    );
    let metadata = state["metadata"]["QXJ0aWZhY3Q6MTAx"].as_object().unwrap();
    assert_eq!(metadata["clearance.reason"], "weekly retrain");
    assert_eq!(metadata["clearance.promoted_from"], "v0");
    let event = metadata
        .iter()
        .find(|(k, _)| k.starts_with("clearance.event."))
        .map(|(_, v)| serde_json::from_str::<Value>(v.as_str().unwrap()).unwrap())
        .unwrap();
    assert_eq!(
        (event["from"].clone(), event["to"].clone()),
        (json!("0"), json!("1"))
    );

    let history = run(&c, KEY, &["history", "churn-model", "--json"]).await;
    let h = history.expect_code(0).json();
    assert_eq!(h["events"][0]["reason"], "weekly retrain");

    // Again: nothing to do.
    let again = run(&c, KEY, &["promote", "churn-model", "v1", "--yes"]).await;
    again.expect_code(0);
    assert!(again.stdout.contains("nothing to do"), "{}", again.stdout);
}

#[tokio::test]
async fn a_protected_alias_is_refused_with_who_may_set_it() {
    let w = StandIn::start();
    let c = clearance(&w, Some("model"));
    let out = run(
        &c,
        KEY,
        &["promote", "churn-classifier", "@staging", "--yes"],
    )
    .await;
    out.expect_code(2);
    assert!(
        out.stderr.contains(
            "@production of 'churn-classifier' is a protected alias of the registry 'model': \
             only its registry admins may set or remove it"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(
        w.state().await["collections"]["lab-org-entity/wandb-registry-model/churn-classifier"]["production"],
        "v0"
    );
    let admin = run(
        &c,
        ADMIN_KEY,
        &["promote", "churn-classifier", "@staging", "--yes"],
    )
    .await;
    admin.expect_code(0);
}

#[tokio::test]
async fn a_wrong_key_or_no_key_says_what_to_do() {
    let w = StandIn::start();
    let c = clearance(&w, None);
    let wrong = "5ec7e70000000000000000000000000000wr0ng3";
    let out = run(&c, wrong, &["models"]).await;
    out.expect_code(2);
    assert!(out.stderr.contains("HTTP 401"), "{}", out.stderr);
    assert!(out.stderr.contains("$WANDB_API_KEY"), "{}", out.stderr);

    let none = c.run(&["runs"]).await;
    none.expect_code(2);
    assert!(
        none.stderr.contains("no W&B API key for 127.0.0.1:")
            && none.stderr.contains("set WANDB_API_KEY"),
        "{}",
        none.stderr
    );

    // ~/.netrc (here $NETRC) as `wandb login` writes it.
    let port = w.url().rsplit(':').next().unwrap();
    std::fs::write(
        c.home().join("netrc"),
        format!("machine 127.0.0.1:{port}\n  login user\n  password {KEY}\n"),
    )
    .unwrap();
    let netrc = c.run(&["models", "--json"]).await;
    assert_no_key(&c, &netrc, KEY);
    netrc.expect_code(0);
}

/// A config file for `who` with a rule asking two approvals for production.
fn as_user(c: &Clearance, who: &str) -> String {
    c.write_config(
        &format!("{who}.toml"),
        &format!(
            "user = \"{who}\"\n\n[[policy.rules]]\nalias = \"production\"\nmovers = \
             [\"group:leads\"]\napprovals = 2\n\n[policy.groups]\nleads = [\"alice\"]\n"
        ),
    )
    .to_str()
    .unwrap()
    .to_owned()
}

/// The policy on W&B: a request and its approvals are entries of the version's metadata; two
/// people other than the requester approve, the second moves it, and the fulfilled request's
/// entries are removed.
#[tokio::test]
async fn a_request_in_the_metadata_is_approved_twice_and_moved() {
    let w = StandIn::start();
    let c = clearance(&w, None);
    let (carol, bob, alice) = (
        as_user(&c, "carol"),
        as_user(&c, "bob"),
        as_user(&c, "alice"),
    );
    let metadata = |state: &Value| state["metadata"]["QXJ0aWZhY3Q6MTAx"].clone();
    let staged = ["churn-model", "@staging"];

    let ask = [
        "--config", &carol, "request", staged[0], staged[1], "--reason", "retrain",
    ];
    run(&c, KEY, &ask).await.expect_code(0);
    let m = metadata(&w.state().await);
    let request: Value =
        serde_json::from_str(m["clearance.request.production"].as_str().unwrap()).unwrap();
    assert_eq!(
        (&request["requester"], &request["from"]),
        (&json!("carol"), &json!("0"))
    );

    let approve = |who: &str| -> Vec<String> {
        ["--config", who, "approve", staged[0], staged[1], "--yes"]
            .map(str::to_owned)
            .to_vec()
    };
    let args = approve(&carol);
    let out = run(
        &c,
        KEY,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .await;
    out.expect_code(1);
    assert!(
        out.stderr.contains("a self-approval never counts"),
        "{}",
        out.stderr
    );
    let args = approve(&bob);
    let out = run(
        &c,
        KEY,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .await;
    out.expect_code(0);
    assert!(
        out.stdout.contains("1 of 2 approvals (bob)"),
        "{}",
        out.stdout
    );
    let args = approve(&alice);
    let out = run(
        &c,
        KEY,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .await;
    out.expect_code(0);
    assert!(
        out.stdout.contains("done: production: v0 → v1"),
        "{}",
        out.stdout
    );

    let state = w.state().await;
    assert_eq!(
        state["collections"]["lab/churn/churn-model"]["production"],
        "v1"
    );
    let keys: Vec<String> = metadata(&state)
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert!(
        !keys
            .iter()
            .any(|k| k.starts_with("clearance.request.") || k.starts_with("clearance.approval.")),
        "{keys:?}"
    );
}

/// W&B keeps no metadata on a collection: the freeze switch is refused, saying so.
#[tokio::test]
async fn the_freeze_switch_is_refused_on_w_and_b_saying_why() {
    let w = StandIn::start();
    let c = clearance(&w, None);
    let alice = as_user(&c, "alice");
    let out = run(
        &c,
        KEY,
        &[
            "--config",
            &alice,
            "freeze",
            "on",
            "--reason",
            "incident 42",
        ],
    )
    .await;
    // An error (exit 2), not a policy refusal: the store cannot do it.
    out.expect_code(2);
    assert!(
        out.stderr
            .contains("W&B keeps no metadata on an artifact collection"),
        "{}",
        out.stderr
    );
}
