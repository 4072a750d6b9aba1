//! Opening a promotion PR from the TUI over the demo store and a mock GitHub: the re-check
//! of the registry (the one a direct promotion makes) comes first, and refuses before GitHub
//! hears anything.

use std::sync::Arc;
use std::time::Duration;

use wiremock::MockServer;

use super::Demo;
use crate::backends::github::{ApiBase, GitHubClient, GitHubSettings, Token, repo_id};
use crate::domain::VersionId;
use crate::domain::change::{Approval, ChangeError};
use crate::domain::promotion::{AliasPlan, ChangeKind};
use crate::runtime::github::GitHubLink;
use crate::runtime::pr;

async fn with_github(server: &MockServer) -> Demo {
    let mut demo = Demo::start().await;
    let client = GitHubClient::new(GitHubSettings {
        api: ApiBase::parse(&format!("{}/api/v3", server.uri())).unwrap(),
        repo: repo_id("acme/models").unwrap(),
        token: Token::new("ghp_test0k"),
        connect_timeout: Duration::from_secs(5),
        timeout: Duration::from_secs(5),
    })
    .unwrap();
    let mut config = crate::config::Config::defaults();
    config.github.repo = "acme/models".into();
    demo.ctx.github = Some(Arc::new(GitHubLink::with_client(&config, Arc::new(client))));
    demo
}

/// fraud-classifier to v4, as a reviewer saw it with @production at `from`.
fn plan(from: &str, to: &str) -> AliasPlan {
    AliasPlan {
        kind: ChangeKind::Promote,
        model: "fraud-classifier".into(),
        alias: "production".into(),
        from: Some(VersionId::from(from)),
        to: VersionId::from(to),
        candidate_alias: None,
    }
}

fn approval() -> Approval {
    Approval {
        by: "Ann Lee <ann@example.com>".into(),
        at: crate::app::fixtures::now(),
        gates: None,
        override_gates: false,
        reason: None,
    }
}

#[tokio::test]
async fn a_moved_alias_refuses_before_github_hears_anything() {
    let github = MockServer::start().await;
    let demo = with_github(&github).await;
    // The demo's @production is v3; the reviewer saw v2.
    let err = pr::open(
        &demo.ctx.backend,
        &demo.ctx.settings,
        demo.ctx.github.as_deref(),
        plan("2", "4"),
        approval(),
    )
    .await
    .unwrap_err();
    let ChangeError::Refused(msg) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        msg,
        "refused, nothing changed: @production of 'fraud-classifier' changed since you looked: \
         it was v2, it is now v3"
    );
    assert!(github.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_vanished_version_refuses_too() {
    let github = MockServer::start().await;
    let demo = with_github(&github).await;
    let err = pr::open(
        &demo.ctx.backend,
        &demo.ctx.settings,
        demo.ctx.github.as_deref(),
        plan("3", "99"),
        approval(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        err,
        ChangeError::Refused(
            "refused, nothing changed: v99 of 'fraud-classifier' no longer exists".into()
        )
    );
    assert!(github.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unreachable_github_changes_nothing_and_says_so() {
    let github = MockServer::start().await;
    let demo = with_github(&github).await;
    drop(github);
    let err = pr::open(
        &demo.ctx.backend,
        &demo.ctx.settings,
        demo.ctx.github.as_deref(),
        plan("3", "4"),
        approval(),
    )
    .await
    .unwrap_err();
    let ChangeError::Failed(msg) = &err else {
        panic!("{err:?}")
    };
    assert!(
        msg.starts_with("nothing was changed on GitHub: reading the repository acme/models"),
        "{msg}"
    );
}
