//! Leaving the terminal for a moment: opening an address in the browser, and copying text
//! to the clipboard through the terminal (OSC 52, which works over SSH, and in tmux with
//! `set-clipboard on`).
//!
//! A browser must never take the terminal from the TUI: without a display (an SSH session),
//! `xdg-open` would fall back to a text browser that draws over the screen, so clearance
//! opens nothing there unless `$BROWSER` says what to run. The opener runs in its own process
//! group, so a program that still reaches for the terminal is stopped by the system instead
//! of stealing keys; and clearance waits for it only briefly, since some browsers stay in the
//! foreground until they are closed.

use std::io::ErrorKind;
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;

use crate::app::Msg;
use crate::app::notify::Level;

/// How long to wait for the opener to say whether it worked.
const WAIT: Duration = Duration::from_secs(3);

/// Variables the opener does not need and must not see.
const SECRETS: &[&str] = &[
    "GH_TOKEN",
    "GITHUB_TOKEN",
    "GH_ENTERPRISE_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "MLFLOW_TRACKING_TOKEN",
    "MLFLOW_TRACKING_PASSWORD",
];

/// The commands to try in order, each a program and its arguments with the URL in them.
///
/// `$BROWSER` is a `:`-separated list of commands (the convention `xdg-open` and Python's
/// `webbrowser` follow); `%s` in a command stands for the URL (`%%` for `%`), else the URL goes
/// last. Without it: `open` on macOS, `xdg-open` elsewhere, but only with a display to show a
/// page on. Empty: there is no way to show the page here.
pub fn commands(browser: Option<&str>, url: &str, has_display: bool) -> Vec<Vec<String>> {
    if let Some(b) = browser.map(str::trim).filter(|b| !b.is_empty()) {
        return b
            .split(':')
            .filter_map(|entry| {
                let words: Vec<&str> = entry.split_whitespace().collect();
                if words.is_empty() {
                    return None;
                }
                let placeholder = words.iter().any(|w| w.contains("%s"));
                let mut cmd: Vec<String> = words
                    .iter()
                    .map(|w| {
                        w.replace("%s", "\u{0}")
                            .replace("%%", "%")
                            .replace('\u{0}', url)
                    })
                    .collect();
                if !placeholder {
                    cmd.push(url.to_owned());
                }
                Some(cmd)
            })
            .collect();
    }
    if cfg!(target_os = "macos") {
        vec![vec!["open".into(), url.into()]]
    } else if cfg!(windows) {
        vec![vec![
            "rundll32".into(),
            "url.dll,FileProtocolHandler".into(),
            url.into(),
        ]]
    } else if has_display {
        vec![vec!["xdg-open".into(), url.into()]]
    } else {
        Vec::new()
    }
}

fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// Opens `url` in the browser without touching the terminal; says what happened.
pub async fn open(url: &str) -> Msg {
    let url = match web_address(url) {
        Ok(u) => u,
        Err(text) => {
            return Msg::Notify {
                level: Level::Warning,
                text,
            };
        }
    };
    let browser = std::env::var("BROWSER").ok();
    run(&commands(browser.as_deref(), &url, has_display()), &url).await
}

/// `url` as a web address to hand to a browser, or why not. Addresses come from stores and
/// code hosts (a commit status's `target_url` is whatever its poster wrote): only `http` and
/// `https` are opened, so a `file:` or `smb:` address never reaches an opener that would run
/// a local program, and the URL's own serialization never starts with `-` (an option).
pub fn web_address(url: &str) -> Result<String, String> {
    match url::Url::parse(url.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(u.into()),
        _ => Err(format!(
            "Not opening '{}': only http and https addresses are opened",
            crate::domain::text::printable(url)
        )),
    }
}

/// Tries each command until one starts.
async fn run(commands: &[Vec<String>], url: &str) -> Msg {
    if commands.is_empty() {
        return Msg::Notify {
            level: Level::Warning,
            text: format!(
                "No browser here (no display, and $BROWSER is not set): the address is {url}"
            ),
        };
    }
    let mut tried = Vec::new();
    for cmd in commands {
        let Some((program, args)) = cmd.split_first() else {
            continue;
        };
        let mut command = tokio::process::Command::new(program);
        command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        command.process_group(0);
        for var in SECRETS {
            command.env_remove(var);
        }
        let mut child = match command.spawn() {
            Ok(c) => c,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                tried.push(program.clone());
                continue;
            }
            Err(e) => return failed(&format!("{program}: {e}"), url),
        };
        let (level, text) = match tokio::time::timeout(WAIT, child.wait()).await {
            Ok(Ok(s)) if s.success() => (Level::Info, format!("Opened {url}")),
            Ok(Ok(s)) => return failed(&format!("{program} failed ({s})"), url),
            Ok(Err(e)) => return failed(&format!("{program}: {e}"), url),
            // Still running (a browser that stays until closed): reap it whenever it ends.
            Err(_) => {
                tokio::spawn(async move {
                    let _ = child.wait().await;
                });
                (Level::Info, format!("Asked {program} to open {url}"))
            }
        };
        return Msg::Notify { level, text };
    }
    failed(&format!("not found: {}", tried.join(", ")), url)
}

fn failed(why: &str, url: &str) -> Msg {
    Msg::Notify {
        level: Level::Error,
        text: format!("Cannot open a browser ({why}); the address is {url}"),
    }
}

/// The OSC 52 sequence that puts `text` on the system clipboard.
pub fn osc52(text: &str) -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{data}\x07")
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_web_addresses_are_opened() {
        use super::web_address;
        assert_eq!(
            web_address("https://gitlab.example.com/acme/models/-/jobs/7").as_deref(),
            Ok("https://gitlab.example.com/acme/models/-/jobs/7")
        );
        assert_eq!(
            web_address("http://ci.local:8080/job 1").as_deref(),
            Ok("http://ci.local:8080/job%201")
        );
        for bad in [
            "file:///etc/passwd",
            "smb://host/share/run.exe",
            "-oProxyCommand=calc",
            "javascript:alert(1)",
            "",
            "https://",
        ] {
            let e = web_address(bad).unwrap_err();
            assert!(e.contains("only http and https"), "{bad}: {e}");
        }
        assert!(
            !web_address("file:///x\u{1b}[2J")
                .unwrap_err()
                .contains('\u{1b}'),
            "the refusal is printable"
        );
    }

    use pretty_assertions::assert_eq;

    use super::*;

    const URL: &str = "https://github.com/acme/models/pull/42";

    fn cmds(browser: Option<&str>, display: bool) -> Vec<Vec<String>> {
        commands(browser, URL, display)
    }

    #[test]
    fn browser_lists_commands_with_the_url_last_or_in_place() {
        assert_eq!(
            cmds(Some("firefox --new-window:w3m %s:echo 100%% %s"), false),
            vec![
                vec!["firefox", "--new-window", URL],
                vec!["w3m", URL],
                vec!["echo", "100%", URL],
            ]
        );
        assert_eq!(cmds(Some(" : "), false), Vec::<Vec<String>>::new());
    }

    #[test]
    fn without_browser_the_system_opener_needs_a_display() {
        if cfg!(target_os = "macos") || cfg!(windows) {
            return;
        }
        assert_eq!(cmds(None, true), vec![vec!["xdg-open", URL]]);
        assert_eq!(cmds(Some(""), true), vec![vec!["xdg-open", URL]]);
        assert!(cmds(None, false).is_empty(), "no text browser over the TUI");
    }

    #[tokio::test]
    async fn a_missing_program_says_so_and_gives_the_address() {
        let msg = run(&[vec!["/nonexistent/browser".into(), URL.into()]], URL).await;
        let Msg::Notify { level, text } = msg else {
            panic!("{msg:?}")
        };
        assert_eq!(level, Level::Error);
        assert!(
            text.contains("/nonexistent/browser") && text.contains(URL),
            "{text}"
        );
    }
}
