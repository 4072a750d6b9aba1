//! Who is approving: the config's `user`, else git's `user.name` and `user.email`, else
//! `$USER`.

use std::time::Duration;

/// The identity recorded in audit entries.
pub async fn who(config_user: &str) -> String {
    if !config_user.trim().is_empty() {
        return config_user.trim().to_owned();
    }
    let name = git_config("user.name").await;
    let email = git_config("user.email").await;
    match (name, email) {
        (Some(n), Some(e)) => format!("{n} <{e}>"),
        (Some(n), None) => n,
        (None, Some(e)) => e,
        (None, None) => ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .unwrap_or_else(|| "unknown".to_owned()),
    }
}

async fn git_config(key: &str) -> Option<String> {
    let run = tokio::process::Command::new("git")
        .args(["config", "--get", key])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(3), run)
        .await
        .ok()?
        .ok()?;
    let value = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_config_wins() {
        assert_eq!(
            who("  Dana Ops <dana@example.com> ").await,
            "Dana Ops <dana@example.com>"
        );
        assert!(!who("").await.is_empty());
    }
}
