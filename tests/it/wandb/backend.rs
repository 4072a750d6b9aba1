//! `WandbClient` through the `RunStore`, `ModelRegistry` and `Writer` traits against the
//! stand-in: paging, filters, histories, the registry, alias moves, and every failure the
//! transport handles (429 with a reset, 5xx, GraphQL errors with HTTP 200, refused keys,
//! protected aliases, aliases that moved).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use clearance::backends::wandb::{Scope, WandbClient, WandbSettings};
use clearance::domain::{RunId, VersionId};
use clearance::store::{BackendError, ModelRegistry, RunStore, Writer};
use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use super::standin::{ADMIN_KEY, KEY, StandIn, query, run_ids};

fn v(n: &str) -> VersionId {
    VersionId::new(n)
}

#[tokio::test]
async fn pages_of_one_run_follow_relay_cursors_to_the_end() {
    let w = StandIn::start();
    let client = w.client(None);
    let ids = run_ids(&client, &query(None, &[], 1)).await;
    assert_eq!(
        ids,
        ["run04", "cand03", "cand02", "base01", "run05"],
        "newest first"
    );
    let requests = w.requests("Runs").await;
    assert_eq!(requests.len(), 5, "one request per run");
    let cursors: Vec<_> = requests
        .iter()
        .map(|r| r["variables"]["cursor"].clone())
        .collect();
    assert_eq!(cursors[0], json!(null));
    assert!(cursors[1..].iter().all(Value::is_string));
    assert!(requests.iter().all(|r| r["variables"]["perPage"] == 1));
    assert!(
        requests
            .iter()
            .all(|r| r["variables"]["order"] == "-created_at")
    );
}

#[tokio::test]
async fn mlflow_filters_run_as_wandb_filters() {
    let w = StandIn::start();
    let client = w.client(None);
    for (filter, want) in [
        ("tags.baseline IS NOT NULL", vec!["base01"]),
        (
            "tags.baseline IS NULL",
            vec!["run04", "cand03", "cand02", "run05"],
        ),
        ("metrics.`val/acc` > 0.9", vec!["cand02", "base01"]),
        ("params.lr = '0.02'", vec!["cand02"]),
        ("params.`model.depth` = '8'", vec![]),
        ("attributes.run_name ILIKE '%LR%'", vec!["cand03", "cand02"]),
        ("attributes.status = 'FAILED'", vec!["cand03"]),
        (
            "tags.`wandb.group` = 'lr-sweep' and metrics.latency_ms >= 38",
            vec!["cand02", "base01"],
        ),
    ] {
        let got = run_ids(&client, &query(Some(filter), &[], 2)).await;
        assert_eq!(got, want, "{filter}");
    }
    let err = client
        .search_runs(&query(Some("tags.team = 'vision'"), &[], 10), None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, BackendError::InvalidRequest(m) if m.contains("labels without values")),
        "{err}"
    );
    let ordered = run_ids(&client, &query(None, &["metrics.latency_ms ASC"], 10)).await;
    assert_eq!(
        ordered[..3],
        ["cand03", "run05", "base01"],
        "-∞ first, missing last"
    );
}

#[tokio::test]
async fn the_baseline_is_the_run_tagged_baseline() {
    let w = StandIn::start();
    let store = w.client(None);
    let page = store
        .search_runs(
            &query(
                Some("tags.baseline IS NOT NULL"),
                &["attributes.start_time DESC"],
                100,
            ),
            None,
        )
        .await
        .unwrap();
    let only = &page.runs[..];
    assert_eq!(only.len(), 1);
    assert!(only[0].has_tag("baseline", "true"));
    let sent = &w.requests("Runs").await[0]["variables"];
    assert_eq!(sent["filters"], r#"{"tags":{"$in":["baseline"]}}"#);
    assert_eq!(sent["order"], "-created_at");
}

#[tokio::test]
async fn runs_histories_and_one_request_for_many_sparklines() {
    let w = StandIn::start();
    let store = w.client(None);
    let exps = store.experiments().await.unwrap();
    assert_eq!(exps.len(), 1);
    assert_eq!(
        (exps[0].id.as_str(), exps[0].name.as_str()),
        ("lab/churn", "churn")
    );

    let run = store.run(&RunId::new("cand03")).await.unwrap();
    assert!(run.metric("val/acc").unwrap().is_nan());
    assert_eq!(run.metric("val/loss"), Some(f64::INFINITY));

    let ids: Vec<RunId> = ["base01", "cand02", "cand03", "run04", "run05", "gone99"]
        .into_iter()
        .map(RunId::new)
        .collect();
    let h = store.sampled_histories(&ids, "val/loss", 10).await.unwrap();
    assert_eq!(
        w.requests("RunsSampledHistory").await.len(),
        1,
        "one request"
    );
    assert_eq!(h.len(), 5, "the missing run has no entry");
    let steps: Vec<i64> = h[&RunId::new("cand02")].iter().map(|p| p.step).collect();
    assert_eq!(steps.len(), 10);
    assert_eq!((steps[0], steps[9]), (0, 29), "first and last step kept");
    assert!(h[&RunId::new("cand03")].iter().any(|p| p.value.is_nan()));
    assert!(
        h[&RunId::new("cand03")]
            .iter()
            .any(|p| p.value == f64::INFINITY)
    );

    let full = store
        .metric_history(&RunId::new("base01"), "val/acc")
        .await
        .unwrap();
    assert_eq!(full.len(), 30);

    let gone = store.run(&RunId::new("gone99")).await.unwrap_err();
    assert!(
        matches!(&gone, BackendError::NotFound(m) if m.contains("'gone99' not found")),
        "{gone}"
    );
}

#[tokio::test]
async fn project_collections_and_registry_collections_are_models() {
    let w = StandIn::start();
    let project = w.client(None).models().await.unwrap();
    let names: Vec<&str> = project.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["churn-model", "churn-tiny"],
        "datasets are not models"
    );
    let m = &project[0];
    assert_eq!(m.aliases.get("production"), Some(&v("0")));
    assert_eq!(m.versions[0].version.label(), "v2", "newest first");
    assert_eq!(
        m.versions[0].run_id.as_ref().map(RunId::as_str),
        Some("cand03")
    );

    let registry = w.client(Some("model")).models().await.unwrap();
    assert_eq!(registry.len(), 1);
    let r = &registry[0];
    assert_eq!(r.name, "churn-classifier");
    let versions: Vec<(String, Vec<String>, String)> = r
        .versions
        .iter()
        .map(|v| {
            (
                v.version.label(),
                v.aliases.clone(),
                v.run_id.clone().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        versions,
        [
            (
                "v2".into(),
                vec!["latest".into(), "staging".into()],
                "cand02".into()
            ),
            ("v1".into(), vec![], "cand03".into()),
            ("v0".into(), vec!["production".into()], "base01".into()),
        ]
    );
    assert_eq!(w.requests("FetchOrgInfoFromEntity").await.len(), 1);
    let listed = &w.requests("RegistryCollections").await[0]["variables"];
    assert_eq!(listed["organization"], "lab-org");
    assert_eq!(
        listed["registryFilter"],
        r#"{"name":"wandb-registry-model"}"#
    );

    let missing = w.client(Some("model")).model("nope").await.unwrap_err();
    assert!(
        matches!(&missing, BackendError::NotFound(m) if m.contains("no collection of that name in the registry 'model' of 'lab-org'")),
        "{missing}"
    );
}

#[tokio::test]
async fn moving_an_alias_takes_it_off_the_old_version() {
    let w = StandIn::start();
    let client = w.client(None);
    client
        .move_alias("churn-model", "production", Some(&v("0")), &v("1"))
        .await
        .unwrap();
    let state = w.state().await;
    assert_eq!(
        state["collections"]["lab/churn/churn-model"]["production"],
        "v1"
    );
    let m = client.model("churn-model").await.unwrap();
    assert_eq!(m.aliases.get("production"), Some(&v("1")));
    let holders = m
        .versions
        .iter()
        .filter(|v| v.aliases.contains(&"production".to_owned()))
        .count();
    assert_eq!(holders, 1);
    let add = &w.requests("AddAliases").await[0]["variables"]["input"];
    assert_eq!(
        add["aliases"],
        json!([{"alias": "production", "entityName": "lab", "projectName": "churn",
                "artifactCollectionName": "churn-model"}])
    );

    client
        .delete_alias("churn-model", "production")
        .await
        .unwrap();
    client
        .delete_alias("churn-model", "production")
        .await
        .unwrap();
    assert_eq!(
        w.state().await["collections"]["lab/churn/churn-model"]["production"],
        json!(null)
    );
    assert_eq!(
        w.requests("DeleteAliases").await.len(),
        1,
        "the second had nothing to do"
    );
}

#[tokio::test]
async fn a_move_w_and_b_accepts_but_does_not_show_is_an_error() {
    let w = StandIn::start();
    w.faults(json!([{"op": "AddAliases", "lost": true}])).await;
    let err = w
        .client(None)
        .move_alias("churn-model", "production", Some(&v("0")), &v("1"))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains(
            "W&B accepted @production for v1 of 'churn-model' but does not show it there"
        ),
        "{err}"
    );
    assert!(
        w.requests("DeleteAliases").await.is_empty(),
        "v0 keeps it: nothing removed"
    );
    assert_eq!(
        w.state().await["collections"]["lab/churn/churn-model"]["production"],
        "v0"
    );
}

#[tokio::test]
async fn a_moved_alias_is_a_conflict_and_nothing_changes() {
    let w = StandIn::start();
    let client = w.client(None);
    let err = client
        .move_alias("churn-model", "production", Some(&v("2")), &v("1"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        BackendError::Conflict {
            what: "@production of 'churn-model'".into(),
            expected: "v2".into(),
            actual: "v0".into(),
        }
    );
    assert!(w.requests("AddAliases").await.is_empty());
    let unset = client
        .move_alias("churn-model", "champion", Some(&v("0")), &v("1"))
        .await
        .unwrap_err();
    assert!(matches!(unset, BackendError::Conflict { actual, .. } if actual == "no version"));
}

#[tokio::test]
async fn protected_registry_aliases_refuse_members_and_say_who_may() {
    let w = StandIn::start();
    let member = w.client(Some("model"));
    let err = member
        .move_alias("churn-classifier", "production", Some(&v("0")), &v("2"))
        .await
        .unwrap_err();
    let BackendError::Forbidden { message, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(
        message.contains(
            "@production of 'churn-classifier' is a protected alias of the registry 'model': \
             only its registry admins may set or remove it"
        ),
        "{message}"
    );
    assert!(
        message.contains("W&B said: AddAliases: permission denied"),
        "{message}"
    );
    assert!(!err.to_string().contains(KEY));
    let state = w.state().await;
    let registry = &state["collections"]["lab-org-entity/wandb-registry-model/churn-classifier"];
    assert_eq!(registry["production"], "v0", "nothing moved");

    // Unprotected aliases are anyone's; the admin moves the protected one.
    member
        .move_alias("churn-classifier", "candidate", None, &v("1"))
        .await
        .unwrap();
    let admin = w.client_with(ADMIN_KEY, Some("model"));
    admin
        .move_alias("churn-classifier", "production", Some(&v("0")), &v("2"))
        .await
        .unwrap();
    let state = w.state().await;
    let registry = &state["collections"]["lab-org-entity/wandb-registry-model/churn-classifier"];
    assert_eq!(registry["production"], "v2");
    assert_eq!(registry["candidate"], "v1");
    let adds = w.requests("AddAliases").await;
    let input = &adds.last().unwrap()["variables"]["input"];
    assert_eq!(input["aliases"][0]["entityName"], "lab-org-entity");
    assert_eq!(input["aliases"][0]["projectName"], "wandb-registry-model");
}

#[tokio::test]
async fn version_tags_live_in_the_metadata() {
    let w = StandIn::start();
    let client = w.client(None);
    client
        .set_version_tag(
            "churn-model",
            &v("1"),
            "clearance.promoted_by",
            "Ann <ann@x>",
        )
        .await
        .unwrap();
    let m = client.model("churn-model").await.unwrap();
    let v1 = m.version(&v("1")).unwrap();
    assert_eq!(
        v1.tags.get("clearance.promoted_by").map(String::as_str),
        Some("Ann <ann@x>")
    );
    assert_eq!(
        v1.tags.get("val/acc").map(String::as_str),
        Some("0.95"),
        "kept"
    );
    client
        .delete_version_tag("churn-model", &v("1"), "clearance.promoted_by")
        .await
        .unwrap();
    client
        .delete_version_tag("churn-model", &v("1"), "clearance.promoted_by")
        .await
        .unwrap();
    assert_eq!(
        w.requests("UpdateArtifact").await.len(),
        2,
        "nothing to delete the second time"
    );
    assert_eq!(
        w.state().await["metadata"]["QXJ0aWZhY3Q6MTAx"],
        json!({"val/acc": 0.95})
    );
}

#[tokio::test]
async fn run_tags_are_labels() {
    let w = StandIn::start();
    let client = w.client(None);
    let cand = RunId::new("cand02");
    client.set_run_tag(&cand, "baseline", "true").await.unwrap();
    client.set_run_tag(&cand, "baseline", "true").await.unwrap();
    assert_eq!(
        w.state().await["tags"]["cand02"],
        json!(["candidate", "lr-sweep", "baseline"])
    );
    let sent = &w.requests("UpsertBucket").await;
    assert_eq!(sent.len(), 1, "already tagged the second time");
    let vars = sent[0]["variables"].as_object().unwrap();
    assert_eq!(
        vars.keys().cloned().collect::<BTreeSet<_>>(),
        ["id", "tags"].map(String::from).into(),
        "the config is never sent back"
    );
    client.delete_run_tag(&cand, "baseline").await.unwrap();
    assert_eq!(
        w.state().await["tags"]["cand02"],
        json!(["candidate", "lr-sweep"])
    );
    let refused = client
        .set_run_tag(&cand, "clearance.event.1", "{}")
        .await
        .unwrap_err();
    assert!(
        matches!(refused, BackendError::InvalidRequest(m) if m.contains("labels without values"))
    );
}

#[tokio::test]
async fn a_429_with_a_reset_is_waited_out() {
    let w = StandIn::start();
    w.faults(json!([{"status": 429, "reset": "1", "op": "Runs", "times": 1}]))
        .await;
    let started = Instant::now();
    let page = w
        .client(None)
        .search_runs(&query(None, &[], 50), None)
        .await
        .unwrap();
    assert_eq!(page.runs.len(), 5);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited the reset"
    );
    let statuses: Vec<_> = w
        .requests("Runs")
        .await
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(statuses, [json!(429), json!(200)]);
}

#[tokio::test]
async fn a_long_reset_is_reported_with_the_wait() {
    let w = StandIn::start();
    w.faults(json!([{"status": 429, "reset": "120", "times": 5}]))
        .await;
    let started = Instant::now();
    let err = w.client(None).experiments().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3), "no waiting");
    assert_eq!(
        err.to_string(),
        format!(
            "rate limited by W&B at {}: the limit resets in 120 s, longer than clearance waits \
             by itself (5 s); try again then",
            w.url()
        )
    );
    assert!(err.is_transient());

    w.faults(json!([{"status": 429, "reset": "0", "times": 9}]))
        .await;
    let err = w.client(None).experiments().await.unwrap_err();
    assert!(
        err.to_string().contains("still limited after 4 tries"),
        "{err}"
    );
}

#[tokio::test]
async fn server_errors_are_retried_then_reported() {
    let w = StandIn::start();
    w.faults(json!([{"status": 500, "times": 2}])).await;
    let models = w.client(None).models().await.unwrap();
    assert_eq!(models.len(), 2);
    let first = &w.log().await[..3];
    assert_eq!(
        first
            .iter()
            .map(|e| e["status"].clone())
            .collect::<Vec<_>>(),
        [json!(500), json!(500), json!(200)]
    );

    w.faults(json!([{"status": 503, "times": 10}])).await;
    let err = w.client(None).experiments().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "W&B at {} answered HTTP 503 after 4 tries: IsProjectReadOnly: a proxy or gateway \
             in front of W&B answered with its own HTML error page: the W&B server behind it \
             is down or not answering; try again later",
            w.url()
        )
    );
}

#[tokio::test]
async fn graphql_errors_with_http_200_carry_the_servers_words() {
    let w = StandIn::start();
    w.faults(json!([{"graphql_error": "filters: unknown operator $near", "op": "Runs"}]))
        .await;
    let err = w
        .client(None)
        .search_runs(&query(Some("metrics.loss < 1"), &[], 10), None)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "the filter 'metrics.loss < 1' was rejected: W&B at {} rejected Runs: filters: \
             unknown operator $near",
            w.url()
        )
    );
    assert_eq!(
        w.requests("Runs").await.len(),
        1,
        "GraphQL errors are not retried"
    );

    w.faults(json!([{"status": 403, "op": "IsProjectReadOnly"}]))
        .await;
    let err = w.client(None).experiments().await.unwrap_err();
    assert!(matches!(err, BackendError::Forbidden { .. }), "{err:?}");
}

#[tokio::test]
async fn a_refused_key_is_named_but_never_shown() {
    let w = StandIn::start();
    let wrong = "5ec7e70000000000000000000000000000wr0ng3";
    let err = w.client_with(wrong, None).experiments().await.unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, BackendError::Unauthorized { status: 401, .. }),
        "{err:?}"
    );
    assert!(
        text.contains("check WANDB_API_KEY or run `wandb login`"),
        "{text}"
    );
    assert!(!text.contains(wrong) && !format!("{err:?}").contains(wrong));
    let auth = &w.log().await[0]["auth"];
    assert_eq!(auth["scheme"], "Basic");
    assert_eq!(auth["user"], "api");
}

#[tokio::test]
async fn a_missing_project_or_an_unreachable_server_says_so() {
    let w = StandIn::start();
    let elsewhere = WandbClient::new(WandbSettings {
        project: Scope::new("lab", "nope"),
        ..w.settings(KEY, None)
    })
    .unwrap();
    let err = elsewhere.experiments().await.unwrap_err();
    assert!(
        matches!(&err, BackendError::NotFound(m) if m.contains("has no project lab/nope")),
        "{err}"
    );
    let settings = w.settings(KEY, None);
    drop(w);
    let err = WandbClient::new(settings)
        .unwrap()
        .experiments()
        .await
        .unwrap_err();
    assert!(matches!(err, BackendError::Unreachable { .. }), "{err:?}");
}
