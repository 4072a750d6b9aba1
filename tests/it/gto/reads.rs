//! Registries made by the real gto (and by git where a case needs exact times), read by
//! clearance and by gto: they must say the same.

use clearance::backends::gto::LATEST_TAG;
use clearance::domain::VersionId;
use clearance::store::ModelRegistry;
use pretty_assertions::assert_eq;

use super::support::{Repo, ago, next_second, same_everywhere, same_registry};

/// What `captures/` was made with, and more: registrations (one a prerelease), assignments,
/// an unassignment, a deregistration, a deprecated artifact, `--simple` tags, a path
/// artifact, and gto's habit of doing several of these in one second.
#[tokio::test]
async fn a_registry_made_with_gto_reads_as_gto_shows_it() {
    let repo = Repo::new(5);
    let c = repo.commits.clone();
    repo.gto(&["register", "churn-model", &c[0], "--version", "v1.0.0"]);
    repo.gto(&[
        "assign",
        "churn-model",
        "--version",
        "v1.0.0",
        "--stage",
        "prod",
    ]);
    repo.gto(&["register", "churn-model", &c[1], "--version", "v1.1.0"]);
    repo.gto(&[
        "assign",
        "churn-model",
        "--version",
        "v1.1.0",
        "--stage",
        "staging",
    ]);
    repo.gto(&[
        "assign",
        "churn-model",
        "--version",
        "v1.1.0",
        "--stage",
        "prod",
    ]);
    repo.gto(&["deprecate", "churn-model", "v1.1.0", "staging"]);
    repo.gto(&["register", "churn-model", &c[2], "--version", "v1.2.0-rc.1"]);
    repo.gto(&[
        "assign",
        "churn-model",
        "--version",
        "v1.2.0-rc.1",
        "--stage",
        "staging",
    ]);
    repo.gto(&[
        "assign",
        "legacy-model",
        &c[1],
        "--stage",
        "dev",
        "--simple",
        "true",
    ]);
    // gto orders the events of one second by their kind, not by when they happened, and a
    // deprecation in the assignment's second can come first and leave the artifact active:
    // give it a second of its own, as a person's later deprecation has.
    next_second();
    repo.gto(&["deprecate", "legacy-model"]);
    repo.gto(&["deprecate", "churn-model", "v1.0.0"]);
    repo.gto(&[
        "register",
        "models/fraud:scorer",
        &c[3],
        "--version",
        "v0.1.0",
    ]);
    repo.gto(&[
        "assign",
        "models/fraud:scorer",
        "--version",
        "v0.1.0",
        "--stage",
        "qa",
        "--simple",
        "true",
    ]);
    repo.gto(&["assign", "ranker", &c[4], "--stage", "dev", "--sr"]);
    let models = same_everywhere(&repo).await;
    assert_eq!(
        models.keys().map(String::as_str).collect::<Vec<_>>(),
        ["churn-model", "models/fraud:scorer", "ranker"]
    );
    let churn = &models["churn-model"];
    assert_eq!(churn.tags[LATEST_TAG], "v1.2.0-rc.1");
    assert_eq!(churn.aliases["prod"], VersionId::from("v1.1.0"));
    assert_eq!(
        churn.version(&"v1.0.0".into()).unwrap().status,
        "DEREGISTERED"
    );
    assert_eq!(
        models["ranker"].aliases["dev"],
        VersionId::new(c[4].clone())
    );
    assert!(repo.tags().contains("legacy-model#dev"));
    assert!(repo.tags().contains("models/fraud=scorer#qa"));
}

/// Events a second apart or in the same second, in every order that matters, dated by hand.
#[tokio::test]
async fn same_second_events_order_as_gto_orders_them() {
    let repo = Repo::new(3);
    let t = ago(1000);
    repo.tag("m@v1.0.0", 0, t, "r");
    repo.tag("m@v1.1.0", 1, t, "r");
    repo.tag("m@v1.2.0", 2, t + 1, "r");
    // Two versions assigned prod in one second: gto keeps the one created first.
    repo.tag("m#prod#1", 1, t + 5, "a");
    repo.tag("m#prod#2", 0, t + 5, "a");
    // #10 sorts before #9 by name; the times decide.
    repo.tag("m#staging#10", 2, t + 6, "a");
    repo.tag("m#staging#9", 1, t + 7, "a");
    // An assignment and its unassignment in one second: unassigned.
    repo.tag("m#qa#11", 2, t + 8, "a");
    repo.tag("m#qa!#12", 2, t + 8, "u");
    // A registration in the same second as a deprecation: still active.
    repo.tag("n@v0.1.0", 0, t + 9, "r");
    repo.tag("n@deprecated", 0, t + 9, "d");
    let models = same_everywhere(&repo).await;
    let m = &models["m"];
    assert_eq!(m.aliases["prod"], VersionId::from("v1.0.0"));
    assert_eq!(m.aliases["staging"], VersionId::from("v1.1.0"));
    assert_eq!(m.aliases.get("qa"), None);
    assert!(models.contains_key("n"));
}

/// Lightweight tags are no events for gto, whatever their names say.
#[tokio::test]
async fn lightweight_tags_are_ignored_as_events() {
    let repo = Repo::new(2);
    repo.gto(&["register", "m", &repo.commits[0], "--version", "v1.0.0"]);
    repo.gto(&["assign", "m", "--version", "v1.0.0", "--stage", "prod"]);
    repo.lightweight("m@v1.1.0", 1);
    repo.lightweight("m#prod#5", 1);
    repo.lightweight("m@deprecated", 1);
    let models = same_everywhere(&repo).await;
    assert_eq!(models["m"].aliases["prod"], VersionId::from("v1.0.0"));
    assert_eq!(models["m"].versions.len(), 1);
}

/// A deregistered holder hands its stage back to an older assignment never unassigned, and
/// a stage on a commit without a registration cannot be unassigned: gto's rules, both.
#[tokio::test]
async fn fallbacks_and_unregistered_commits_read_as_gto_reads_them() {
    let repo = Repo::new(3);
    let c = repo.commits.clone();
    repo.gto(&["register", "m", &c[0], "--version", "v1.0.0"]);
    repo.gto(&["assign", "m", "--version", "v1.0.0", "--stage", "prod"]);
    repo.gto(&["register", "m", &c[1], "--version", "v1.1.0"]);
    repo.gto(&["assign", "m", "--version", "v1.1.0", "--stage", "prod"]);
    repo.gto(&["deprecate", "m", "v1.1.0"]);
    repo.gto(&["assign", "m", &c[2], "--stage", "canary", "--sr"]);
    let t = repo.tag_time("m#canary#3");
    repo.tag("m#canary!#4", 2, t + 1, "gto ignores this one");
    let models = same_everywhere(&repo).await;
    assert_eq!(models["m"].aliases["prod"], VersionId::from("v1.0.0"));
    assert_eq!(models["m"].aliases["canary"], VersionId::new(c[2].clone()));
}

#[tokio::test]
async fn an_empty_repository_and_one_without_gto_tags() {
    let repo = Repo::new(1);
    same_registry(&repo).await;
    repo.git(&["tag", "-a", "v1.0.0", "-m", "a release, not gto's"]);
    repo.git(&["tag", "-a", "modèle#prod#1", "-m", "unicode: not gto's"]);
    assert_eq!(same_registry(&repo).await, vec![]);
    assert!(repo.open().models().await.unwrap().is_empty());
}
