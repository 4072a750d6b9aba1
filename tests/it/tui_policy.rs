//! The promotion policy in the TUI, end to end: the real binary in tmux against a real
//! server. The approve dialog shows the policy's checklist for this move by this user, does
//! not offer confirming a move the policy refuses, and a rollback goes through a freeze.

use std::path::Path;

use crate::enforcement::{config, model};
use crate::support::tmux::{self, Tmux};
use crate::support::{self, Clearance};

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

/// A server of its own (the Models tab then opens on the one model seeded), and the TUI on
/// it as the config's user.
async fn own_server() -> (tempfile::TempDir, support::server::MlflowServer) {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().to_path_buf();
    let server = tokio::task::spawn_blocking(move || support::server::start_on(&dir))
        .await
        .unwrap();
    (store, server)
}

fn tui(cli: &Clearance, uri: &str) -> Tmux {
    let env = cli.sealed_env();
    Tmux::start(
        Path::new(BIN),
        &["--tracking-uri", uri],
        &env,
        cli.home(),
        (120, 40),
    )
}

async fn production(server: &support::server::MlflowServer, model: &str) -> String {
    clearance::store::ModelRegistry::model(&server.client(), model)
        .await
        .unwrap()
        .aliases["production"]
        .as_str()
        .to_owned()
}

#[tokio::test]
async fn approve_shows_the_checklist_and_a_refused_move_cannot_be_confirmed() {
    if !tmux::available("tui policy e2e") {
        return;
    }
    let (_store, server) = own_server().await;
    model(&server.seed(), "tui-pol", false).await;
    let cli = Clearance::new(server.url());
    config(
        &cli,
        "carol",
        "[[policy.rules]]\nalias = \"production\"\nmovers = [\"group:leads\"]\n\n\
         [policy.groups]\nleads = [\"alice\"]\n",
    );
    let t = tui(&cli, server.url());
    t.keys(&["2"]);
    t.wait_for(&["tui-pol", "@production"]);
    t.keys(&["a"]);
    t.wait_for(&[
        "Approve tui-pol v3 for @production",
        "policy (rule * @production) for carol",
        "✗ who may move",
        "carol may request this move but not make it",
        "Refused by policy (who may move): this move cannot be confirmed here",
    ]);
    let screen = t.wait_for(&["esc cancels"]);
    assert!(!screen.contains("enter confirms"), "{screen}");
    t.type_text("tui-pol");
    t.keys(&["Enter"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(production(&server, "tui-pol").await, "1", "nothing moved");
    t.keys(&["Escape", "q"]);
}

#[tokio::test]
async fn a_firing_critical_alert_freezes_approve_but_the_rollback_goes_through() {
    if !tmux::available("tui policy e2e") {
        return;
    }
    let (_store, server) = own_server().await;
    model(&server.seed(), "tui-frz", true).await;
    let cli = Clearance::new(server.url());
    let alerts = "[[alerts]]\nname = \"drift\"\nmetric = \"psi_*\"\nabove = 0.2\nfor = 3\n\
                  severity = \"critical\"\n\n[monitoring]\nexperiments = [\"tui-frz-mon\"]\n\n";
    // Before the freeze, v2 takes production (recorded), so a rollback has somewhere to go.
    config(&cli, "alice", alerts);
    cli.run(&["promote", "tui-frz", "2", "--yes"])
        .await
        .expect_code(0);
    config(
        &cli,
        "alice",
        &format!("{alerts}[policy.freeze]\non_critical_alert = true\n"),
    );
    let t = tui(&cli, server.url());
    t.keys(&["2"]);
    t.wait_for(&["tui-frz", "@production"]);
    t.keys(&["a"]);
    t.wait_for(&[
        "Approve tui-frz v3 for @production",
        "✗ critical alerts",
        "drift",
        "frozen: a reason overrides the freeze",
    ]);
    t.keys(&["Escape"]);
    // The rollback is allowed while the alert fires.
    t.keys(&["R"]);
    t.wait_for(&[
        "Roll back tui-frz",
        "✓ critical alerts",
        "allowed: every point of the policy is met",
    ]);
    t.type_text("tui-frz");
    t.keys(&["Enter"]);
    t.wait_for(&["Done: production: v2 → v1"]);
    assert_eq!(production(&server, "tui-frz").await, "1");
    t.keys(&["Enter", "q"]);
}

/// Two approvals from someone other than the requester and the run's author; only Alice
/// moves production.
const TWO_APPROVALS: &str = "[[policy.rules]]\nalias = \"production\"\nmovers = \
                             [\"group:leads\"]\napprovals = 2\n\n[policy.groups]\nleads = \
                             [\"alice\"]\n";

#[tokio::test]
async fn the_checklist_counts_a_requests_approvals_and_the_lead_moves_once_two_agree() {
    if !tmux::available("tui policy e2e") {
        return;
    }
    let (_store, server) = own_server().await;
    model(&server.seed(), "tui-req", false).await;
    let cli = Clearance::new(server.url());
    // Dave asks for v3; Bob approves (one of two). The run's author, Carol, may not.
    config(&cli, "dave", TWO_APPROVALS);
    cli.run(&["request", "tui-req", "3", "--reason", "better auc"])
        .await
        .expect_code(0);
    config(&cli, "carol", TWO_APPROVALS);
    let out = cli.run(&["approve", "tui-req", "3", "--yes"]).await;
    out.expect_code(1);
    assert!(
        out.stderr.contains("a self-approval never counts"),
        "{}",
        out.stderr
    );
    config(&cli, "bob", TWO_APPROVALS);
    cli.run(&["approve", "tui-req", "3", "--yes"])
        .await
        .expect_code(0);

    // Alice leads: her dialog counts Bob's approval, and one more is missing.
    config(&cli, "alice", TWO_APPROVALS);
    let t = tui(&cli, server.url());
    t.keys(&["2"]);
    t.wait_for(&["tui-req", "@production"]);
    t.keys(&["a"]);
    t.wait_for(&[
        "Approve tui-req v3 for @production",
        "✓ who may move",
        "✗ approvals",
        "1 of 2 approvals",
        "Refused by policy (approvals)",
    ]);
    t.keys(&["Escape"]);
    // Erin approves second (she does not lead, so nothing moves yet).
    config(&cli, "erin", TWO_APPROVALS);
    cli.run(&["approve", "tui-req", "3", "--yes"])
        .await
        .expect_code(0);
    assert_eq!(production(&server, "tui-req").await, "1");
    config(&cli, "alice", TWO_APPROVALS);
    t.keys(&["a"]);
    t.wait_for(&["✓ approvals", "allowed: every point of the policy is met"]);
    t.type_text("tui-req");
    t.keys(&["Enter"]);
    t.wait_for(&["Done: production: v1 → v3 (recorded as alice)"]);
    assert_eq!(production(&server, "tui-req").await, "3");
    t.keys(&["Enter", "q"]);
}

/// The Requests view: Dave asks in the TUI (`ctrl-r`), the run's author is refused with the
/// store's reason; the lead approves in the view (the second approval), and the approve
/// dialog that then opens makes the move.
#[tokio::test]
async fn a_request_approved_in_the_requests_view_is_moved_by_the_lead() {
    if !tmux::available("tui policy e2e") {
        return;
    }
    let (_store, server) = own_server().await;
    model(&server.seed(), "tui-rqv", false).await;
    let cli = Clearance::new(server.url());
    config(&cli, "dave", TWO_APPROVALS);
    let t = tui(&cli, server.url());
    t.keys(&["2"]);
    t.wait_for(&["tui-rqv", "@production"]);
    t.keys(&["C-r"]);
    t.wait_for(&["Request tui-rqv v3 → @production", "reason:"]);
    t.type_text("better auc");
    t.keys(&["Enter"]);
    t.wait_for(&["Requested tui-rqv v3 → @production; missing:"]);
    t.keys(&["q"]);
    drop(t);
    config(&cli, "bob", TWO_APPROVALS);
    cli.run(&["approve", "tui-rqv", "3", "--yes"])
        .await
        .expect_code(0);

    // Carol wrote the candidate's run: the view asks, the store refuses, and says why.
    config(&cli, "carol", TWO_APPROVALS);
    let t = tui(&cli, server.url());
    t.keys(&["2"]);
    t.wait_for(&["tui-rqv", "@production"]);
    t.keys(&["Q"]);
    t.wait_for(&[
        "Requests · approving as carol",
        "tui-rqv v3 → @production",
        "open",
        "dave",
        "1/2 bob",
        "reason: better auc",
    ]);
    t.keys(&["a"]);
    t.wait_for(&["enter: yes · esc: no  Approve tui-rqv v3 → @production as carol?"]);
    t.keys(&["Enter"]);
    t.wait_for(&["carol authored the candidate's run"]);
    t.keys(&["Escape", "q"]);
    drop(t);

    // Alice leads: her approval is the second, so the move is offered at once.
    config(&cli, "alice", TWO_APPROVALS);
    let t = tui(&cli, server.url());
    t.keys(&["2"]);
    t.wait_for(&["tui-rqv", "@production"]);
    t.keys(&["Q"]);
    t.wait_for(&[
        "Requests · approving as alice",
        "1/2 bob",
        "1 of 2 approvals",
    ]);
    t.keys(&["a"]);
    t.wait_for(&["Approve tui-rqv v3 → @production as alice?"]);
    t.keys(&["Enter"]);
    t.wait_for(&[
        "Approve tui-rqv v3 for @production",
        "✓ approvals",
        "allowed: every point of the policy is met",
    ]);
    assert_eq!(
        production(&server, "tui-rqv").await,
        "1",
        "asked, not moved"
    );
    t.type_text("tui-rqv");
    t.keys(&["Enter"]);
    t.wait_for(&["Done: production: v1 → v3 (recorded as alice)"]);
    assert_eq!(production(&server, "tui-rqv").await, "3");
    t.keys(&["Enter", "q"]);
}
