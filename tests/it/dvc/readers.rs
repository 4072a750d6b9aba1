//! The library's `RunStore` over a copy of the sample repository, with the real `dvc` and
//! without it.

use std::time::{Duration, Instant};

use clearance::backends::dvc::{Dvc, DvcOptions, FirstScreen, Reader, TAG_READER};
use clearance::domain::{ExperimentId, Run, RunId};
use clearance::store::{RunQuery, RunStore};
use pretty_assertions::assert_eq;

use super::{Expected, actual, expected_runs};
use crate::support::dvc::{SampleRepo, sample_repo};

fn open(repo: &SampleRepo, program: &str, first_screen: FirstScreen) -> Dvc {
    Dvc::open(
        &repo.root,
        DvcOptions {
            program: program.to_owned(),
            first_screen,
            ..DvcOptions::default()
        },
    )
    .unwrap()
}

fn with_dvc(repo: &SampleRepo) -> Dvc {
    open(repo, repo.dvc_program().to_str().unwrap(), FirstScreen::Dvc)
}

fn git_only(repo: &SampleRepo) -> Dvc {
    open(repo, "", FirstScreen::Dvc)
}

async fn all_runs(store: &Dvc) -> Vec<Run> {
    let experiments = store.experiments().await.unwrap();
    let query = RunQuery {
        experiment_ids: experiments.iter().map(|e| e.id.clone()).collect(),
        filter: None,
        order_by: vec![],
        page_size: 1000,
    };
    store.search_runs(&query, None).await.unwrap().runs
}

fn sorted(runs: &[Run]) -> Vec<Expected> {
    let mut v: Vec<Expected> = runs.iter().map(actual).collect();
    v.sort_by(|a, b| (&a.experiment, &a.id).cmp(&(&b.experiment, &b.id)));
    v
}

#[tokio::test]
async fn the_store_reads_what_dvc_exp_show_says() {
    let repo = sample_repo();
    let store = with_dvc(&repo);
    assert!(store.label().contains("(dvc 3.67.1)"), "{}", store.label());
    let runs = all_runs(&store).await;
    let want = expected_runs(&repo.dvc_exp_show(), &repo.commits.baseline_b);
    assert_eq!(sorted(&runs), want);
    // 2 baselines, 6 experiments (one queued), the workspace.
    assert_eq!(runs.len(), 9);
    assert!(runs.iter().all(|r| r.tags[TAG_READER] == "dvc exp show"));

    let experiments = store.experiments().await.unwrap();
    let names: Vec<&str> = experiments.iter().map(|e| e.name.as_str()).collect();
    let (a, b) = (&repo.commits.baseline_a, &repo.commits.baseline_b);
    assert_eq!(
        names,
        [
            format!("main @ {}", &b[..7]),
            format!("{} baseline: lr=0.01 epochs=10 hidden=64", &a[..7])
        ]
    );
    // Each experiment's baseline is its parent commit, found as the app finds baselines.
    for e in &experiments {
        let q = RunQuery {
            experiment_ids: vec![e.id.clone()],
            filter: Some("tags.baseline IS NOT NULL".into()),
            order_by: vec!["attributes.start_time DESC".into()],
            page_size: 100,
        };
        let tagged = store.search_runs(&q, None).await.unwrap().runs;
        assert_eq!(tagged.len(), 1);
        assert_eq!(tagged[0].id.as_str(), e.id.as_str());
    }
    // Start times are the commits' times, to the second.
    let base = runs.iter().find(|r| r.id.as_str() == b.as_str()).unwrap();
    let ct: i64 = repo
        .git(&["log", "-1", "--format=%ct", b])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(base.start_time.unwrap().timestamp(), ct);
    assert_eq!(base.user, "Ada Lovelace");
}

#[tokio::test]
async fn the_git_reader_agrees_without_dvc() {
    let repo = sample_repo();
    let git = git_only(&repo);
    assert_eq!(git.reader(), Reader::Git);
    assert!(git.label().contains("git only"), "{}", git.label());
    let from_git = all_runs(&git).await;
    let from_dvc = all_runs(&with_dvc(&repo)).await;
    // Everything: completed experiments, baselines, the workspace and the queued one (from
    // the queue's stash), with the same names, params and metrics.
    assert_eq!(sorted(&from_git), sorted(&from_dvc));
    let names = |runs: &[Run]| {
        let mut v: Vec<(String, Option<String>)> = runs
            .iter()
            .map(|r| {
                (
                    r.experiment_id.to_string(),
                    r.tags.get("mlflow.parentRunId").map(ToString::to_string),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&from_git), names(&from_dvc));
    assert!(from_git.iter().all(|r| r.tags[TAG_READER] == "git"));
    let (e_git, _) = git.read_with(Reader::Git).await.unwrap();
    let e_dvc: Vec<String> = with_dvc(&repo)
        .experiments()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    let e_git: Vec<String> = e_git.into_iter().map(|e| e.name).collect();
    assert_eq!(e_git, e_dvc);
}

/// A DVCLive history as the TSV in git says, parsed here on its own.
fn tsv(repo: &SampleRepo, rev: &str, key: &str) -> Vec<(i64, String)> {
    let text = repo.git(&["show", &format!("{rev}:dvclive/plots/metrics/{key}.tsv")]);
    text.lines()
        .skip(1)
        .map(|l| {
            let (step, value) = l.split_once('\t').unwrap();
            let v: f64 = value.parse().unwrap();
            (step.parse().unwrap(), format!("{v}"))
        })
        .collect()
}

#[tokio::test]
async fn histories_are_the_dvclive_files() {
    let repo = sample_repo();
    for store in [with_dvc(&repo), git_only(&repo)] {
        let runs = all_runs(&store).await;
        let mut checked = 0;
        for run in runs.iter().filter(|r| r.tags["dvc.type"] != "workspace") {
            if run.status.as_str() == "SCHEDULED" {
                assert!(
                    store
                        .metric_history(&run.id, "train/loss")
                        .await
                        .unwrap()
                        .is_empty()
                );
                continue;
            }
            for key in ["train/loss", "train/acc", "val/loss"] {
                let got: Vec<(i64, String)> = store
                    .metric_history(&run.id, key)
                    .await
                    .unwrap()
                    .iter()
                    .map(|p| (p.step, format!("{}", p.value)))
                    .collect();
                assert_eq!(got, tsv(&repo, run.id.as_str(), key), "{} {key}", run.name);
                checked += 1;
            }
        }
        assert_eq!(checked, 7 * 3);
        // Sparklines: at most N points, the first and last kept, runs without it absent.
        let ids: Vec<RunId> = runs.iter().map(|r| r.id.clone()).collect();
        let sampled = store
            .sampled_histories(&ids, "train/loss", 5)
            .await
            .unwrap();
        let deep = runs.iter().find(|r| r.name == "exp-deep").unwrap();
        let points = &sampled[&deep.id];
        let full = tsv(&repo, deep.id.as_str(), "train/loss");
        assert_eq!(points.len(), 5);
        assert_eq!(points[0].step, full[0].0);
        assert_eq!(points[4].step, full[full.len() - 1].0);
        let queued = runs.iter().find(|r| r.name == "exp-queued").unwrap();
        assert!(!sampled.contains_key(&queued.id));
        // The workspace's history is the work tree's file.
        let ws = store
            .metric_history(&RunId::from("workspace"), "train/loss")
            .await
            .unwrap();
        assert_eq!(ws.len(), 20);
    }
}

#[tokio::test]
async fn references_resolve_by_name_prefix_and_revision() {
    let repo = sample_repo();
    let store = with_dvc(&repo);
    let deep = store.run(&RunId::from("exp-deep")).await.unwrap();
    assert_eq!(deep.name, "exp-deep");
    let by_prefix = store
        .run(&RunId::new(&deep.id.as_str()[..8]))
        .await
        .unwrap();
    assert_eq!(by_prefix.id, deep.id);
    let main = store.run(&RunId::from("main")).await.unwrap();
    assert_eq!(main.id.as_str(), repo.commits.baseline_b);
    // A GTO tag names a commit too.
    let v1 = store.run(&RunId::from("churn-model@v1.0.0")).await.unwrap();
    assert_eq!(v1.id.as_str(), repo.commits.baseline_a);
    // A commit no experiment lists (the first one) is read on its own.
    let first = repo.git(&["rev-list", "--max-parents=0", "HEAD"]);
    let first = store.run(&RunId::new(first.trim())).await.unwrap();
    assert_eq!(first.experiment_id.as_str(), first.id.as_str());
    assert!(first.metrics.is_empty());
    let e = store.run(&RunId::from("no-such-run")).await.unwrap_err();
    assert!(
        matches!(&e, clearance::store::BackendError::NotFound(m) if m.contains("no-such-run")),
        "{e}"
    );
}

#[tokio::test]
async fn filters_orders_and_pages_work_in_memory() {
    let repo = sample_repo();
    let store = with_dvc(&repo);
    let ids: Vec<ExperimentId> = store
        .experiments()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    let search = |filter: &str, order: &[&str], size: u32| RunQuery {
        experiment_ids: ids.clone(),
        filter: Some(filter.to_owned()),
        order_by: order.iter().map(|s| (*s).to_owned()).collect(),
        page_size: size,
    };
    let names = |runs: Vec<Run>| runs.into_iter().map(|r| r.name).collect::<Vec<_>>();
    let page = store
        .search_runs(
            &search(
                "metrics.`test/accuracy` > 0.9",
                &["metrics.`test/accuracy` DESC"],
                100,
            ),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        names(page.runs)[..3],
        ["exp-deep", "main", "workspace"].map(String::from)[..]
    );
    let unicode = store
        .search_runs(
            &search("attributes.run_name ILIKE '%-SS%' ", &[], 100),
            None,
        )
        .await
        .unwrap();
    assert!(unicode.runs.is_empty(), "ß does not fold to ss");
    let unicode = store
        .search_runs(&search("attributes.run_name LIKE '%ß'", &[], 100), None)
        .await
        .unwrap();
    assert_eq!(names(unicode.runs), ["exp-dropout-ß"]);
    let lr = store
        .search_runs(&search("params.train.lr = '0.1'", &[], 100), None)
        .await
        .unwrap();
    assert_eq!(names(lr.runs), ["exp-lr-high"]);
    // NaN satisfies only !=.
    let nan = store
        .search_runs(&search("metrics.`train/loss` != 0", &[], 100), None)
        .await
        .unwrap();
    assert!(names(nan.runs).contains(&"exp-diverge".to_owned()));
    // Pages of 4 over 9 runs.
    let q = search("attributes.status != 'X'", &["attributes.run_name ASC"], 4);
    let first = store.search_runs(&q, None).await.unwrap();
    let second = store
        .search_runs(&q, first.next_page_token.as_deref())
        .await
        .unwrap();
    let third = store
        .search_runs(&q, second.next_page_token.as_deref())
        .await
        .unwrap();
    assert_eq!(
        (first.runs.len(), second.runs.len(), third.runs.len()),
        (4, 4, 1)
    );
    assert_eq!(third.next_page_token, None);
    let e = store
        .search_runs(&search("metrics.a > 1 or params.b = 'x'", &[], 10), None)
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "the filter 'metrics.a > 1 or params.b = 'x'' was rejected: Invalid clause(s) in \
         filter string: 'or'"
    );
}

#[tokio::test]
async fn the_first_screen_comes_from_git_then_dvc_takes_over() {
    let repo = sample_repo();
    let store = open(
        &repo,
        repo.dvc_program().to_str().unwrap(),
        FirstScreen::Git,
    );
    let started = Instant::now();
    let first = all_runs(&store).await;
    assert!(first.iter().all(|r| r.tags[TAG_READER] == "git"));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let runs = all_runs(&store).await;
        if runs.iter().all(|r| r.tags[TAG_READER] == "dvc exp show") {
            assert_eq!(
                sorted(&runs),
                sorted(&first),
                "the same story from both readers"
            );
            break;
        }
        assert!(Instant::now() < deadline, "dvc exp show never took over");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_changed_work_tree_is_read_again() {
    let repo = sample_repo();
    let store = with_dvc(&repo);
    let ws = store.run(&RunId::from("workspace")).await.unwrap();
    assert_eq!(ws.params["train.lr"], "0.01");
    let params = repo.root.join("params.yaml");
    let text = std::fs::read_to_string(&params).unwrap();
    std::fs::write(&params, text.replace("lr: 0.01", "lr: 0.5")).unwrap();
    for store in [store, git_only(&repo)] {
        let ws = store.run(&RunId::from("workspace")).await.unwrap();
        assert_eq!(ws.params["train.lr"], "0.5");
    }
}

#[tokio::test]
async fn a_configured_baseline_is_every_experiments_baseline() {
    let repo = sample_repo();
    let store = Dvc::open(
        &repo.root,
        DvcOptions {
            program: String::new(),
            baseline_rev: Some("churn-model@v1.0.0".into()),
            ..DvcOptions::default()
        },
    )
    .unwrap();
    let runs = all_runs(&store).await;
    let mut tagged: Vec<(String, String)> = runs
        .iter()
        .filter(|r| r.has_tag("baseline", "true"))
        .map(|r| (r.experiment_id.to_string(), r.id.to_string()))
        .collect();
    tagged.sort();
    let (a, b) = (&repo.commits.baseline_a, &repo.commits.baseline_b);
    let mut want = vec![(a.clone(), a.clone()), (b.clone(), a.clone())];
    want.sort();
    assert_eq!(tagged, want);
}

#[tokio::test]
async fn the_sample_holds_the_registered_model_gto_reads() {
    let repo = sample_repo();
    let show: serde_json::Value =
        serde_json::from_str(&repo.gto(&["show", "churn-model", "--json"])).unwrap();
    let versions: Vec<(String, String, Vec<String>)> = show
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let stages = v["stages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["stage"].as_str().unwrap().to_owned())
                .collect();
            (
                v["version"].as_str().unwrap().to_owned(),
                v["commit_hexsha"].as_str().unwrap().to_owned(),
                stages,
            )
        })
        .collect();
    let (a, b) = (&repo.commits.baseline_a, &repo.commits.baseline_b);
    assert!(
        versions.contains(&("v1.1.0".into(), b.clone(), vec!["staging".into()])),
        "{versions:?}"
    );
    assert!(
        versions.contains(&("v1.0.0".into(), a.clone(), vec!["prod".into()])),
        "{versions:?}"
    );
    // Each version's commit is a run of the store: the registry links by sha.
    let store = git_only(&repo);
    for sha in [a, b] {
        assert_eq!(
            store
                .run(&RunId::new(sha.clone()))
                .await
                .unwrap()
                .id
                .as_str(),
            sha
        );
    }
}
