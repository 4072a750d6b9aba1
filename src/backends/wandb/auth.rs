//! Where the W&B API key comes from, in the SDK's order (`wandb/sdk/lib/wbauth`):
//! `WANDB_API_KEY`, else the `.netrc` entry `wandb login` writes for the server's host
//! (`$NETRC`, else `~/.netrc`, else `~/_netrc`; `machine` is the host with its port, as
//! `urlsplit(base_url).netloc` gives it), else the `default` entry.
//!
//! The environment and the home directory are passed in, so tests discover keys without
//! touching the test process's own environment.

use std::fmt;
use std::path::{Path, PathBuf};

use url::Url;

/// A W&B API key. It is never printed: `Debug` shows `ApiKey(***)` and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

/// Where a key was found (safe to show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOrigin {
    /// `$WANDB_API_KEY`.
    Env,
    /// A `.netrc` file, with the machine it was found under.
    Netrc { path: PathBuf, machine: String },
}

impl fmt::Display for KeyOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Env => f.write_str("$WANDB_API_KEY"),
            Self::Netrc { path, machine } => {
                write!(f, "'{}' (machine {machine})", path.display())
            }
        }
    }
}

/// The `.netrc` machine name for a server: its host, with the port when the URL names one.
pub fn machine(base_url: &Url) -> String {
    let host = base_url.host_str().unwrap_or_default();
    match base_url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// Finds the API key for `base_url`. `env` reads a variable (empty values count as unset);
/// `home` is the home directory. The error says how to provide a key.
pub fn discover(
    base_url: &Url,
    env: &dyn Fn(&str) -> Option<String>,
    home: Option<&Path>,
) -> Result<(ApiKey, KeyOrigin), String> {
    if let Some(key) = env("WANDB_API_KEY")
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
    {
        return Ok((ApiKey(key), KeyOrigin::Env));
    }
    let machine = machine(base_url);
    if let Some(path) = netrc_path(env, home) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                if let Some(key) = netrc_password(&text, &machine) {
                    return Ok((ApiKey(key), KeyOrigin::Netrc { path, machine }));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(format!(
                    "cannot read '{}' for the W&B API key: {e}",
                    path.display()
                ));
            }
        }
    }
    Err(format!(
        "no W&B API key for {machine}: set WANDB_API_KEY, or run `wandb login --host {}` \
         (it writes the key to ~/.netrc)",
        base_url.as_str().trim_end_matches('/')
    ))
}

/// `$NETRC`, else `~/.netrc`, else `~/_netrc` when only that one exists.
pub fn netrc_path(env: &dyn Fn(&str) -> Option<String>, home: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = env("NETRC").filter(|p| !p.trim().is_empty()) {
        return Some(match (p.strip_prefix("~/"), home) {
            (Some(rest), Some(h)) => h.join(rest),
            _ => PathBuf::from(p),
        });
    }
    let home = home?;
    let unix = home.join(".netrc");
    let windows = home.join("_netrc");
    if !unix.exists() && windows.exists() {
        Some(windows)
    } else {
        Some(unix)
    }
}

/// The password of `machine` in a `.netrc` text (else of its `default` entry), read as
/// Python's `netrc` module reads it: whitespace-separated tokens, `"…"` quoting with
/// backslash escapes, `#` comments at the start of a token, and `macdef` bodies (up to an
/// empty line) skipped.
pub fn netrc_password(text: &str, machine: &str) -> Option<String> {
    let tokens = tokenize(text);
    let mut found: Option<String> = None;
    let mut default: Option<String> = None;
    let mut i = 0;
    while i < tokens.len() {
        let (is_default, name) = match tokens[i].as_str() {
            "machine" => {
                i += 1;
                (false, tokens.get(i).cloned().unwrap_or_default())
            }
            "default" => (true, String::new()),
            _ => {
                i += 1;
                continue;
            }
        };
        i += 1;
        let mut password = None;
        while i < tokens.len() && !matches!(tokens[i].as_str(), "machine" | "default") {
            match tokens[i].as_str() {
                "login" | "account" | "user" => i += 2,
                "password" => {
                    password = tokens.get(i + 1).cloned();
                    i += 2;
                }
                _ => i += 1,
            }
        }
        if is_default {
            default = default.or(password);
        } else if name == machine && found.is_none() {
            found = password;
        }
    }
    found.or(default).filter(|p| !p.is_empty())
}

fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let mut chars = line.chars().peekable();
        let mut in_macdef = false;
        loop {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            let Some(&c) = chars.peek() else { break };
            if c == '#' && out.last().is_none_or(|t: &String| t != "password") {
                break;
            }
            let mut token = String::new();
            if c == '"' {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => token.extend(chars.next()),
                        other => token.push(other),
                    }
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() {
                        break;
                    }
                    chars.next();
                    if c == '\\' {
                        token.extend(chars.next());
                    } else {
                        token.push(c);
                    }
                }
            }
            in_macdef |= token == "macdef";
            out.push(token);
        }
        if in_macdef {
            // The macro's name is on this line; its body runs to the next empty line.
            for body in lines.by_ref() {
                if body.trim().is_empty() {
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::wandb_login(
        "machine api.wandb.ai\n  login user\n  password k1\n",
        "api.wandb.ai",
        Some("k1")
    )]
    #[case::one_line(
        "machine a login u password pa machine b login u password pb",
        "b",
        Some("pb")
    )]
    #[case::port_is_part_of_the_name(
        "machine h:8080 password withport\nmachine h password plain",
        "h:8080",
        Some("withport")
    )]
    #[case::default_entry(
        "machine other password x\ndefault login u password fallback",
        "api.wandb.ai",
        Some("fallback")
    )]
    #[case::machine_beats_default(
        "default password d\nmachine m password exact",
        "m",
        Some("exact")
    )]
    #[case::quoted("machine m password \"a b\\\"c\"", "m", Some("a b\"c"))]
    #[case::comments(
        "# machine m password nope\nmachine m password yes # trailing",
        "m",
        Some("yes")
    )]
    #[case::hash_in_password("machine m password ab#cd", "m", Some("ab#cd"))]
    #[case::macdef_skipped(
        "macdef init\nmachine m password inside\n\nmachine m password outside",
        "m",
        Some("outside")
    )]
    #[case::no_password("machine m login u", "m", None)]
    #[case::absent("machine other password x", "m", None)]
    fn reads_netrc_like_python(
        #[case] text: &str,
        #[case] machine: &str,
        #[case] want: Option<&str>,
    ) {
        assert_eq!(netrc_password(text, machine).as_deref(), want);
    }

    #[test]
    fn machine_names_keep_explicit_ports() {
        assert_eq!(
            machine(&"https://api.wandb.ai".parse().unwrap()),
            "api.wandb.ai"
        );
        assert_eq!(
            machine(&"http://127.0.0.1:8080/".parse().unwrap()),
            "127.0.0.1:8080"
        );
    }

    #[test]
    fn env_first_then_netrc_then_advice() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".netrc"),
            "machine wandb.acme.io\n  login user\n  password from-netrc\n",
        )
        .unwrap();
        let url: Url = "https://wandb.acme.io".parse().unwrap();
        let with_env = |k: &str| (k == "WANDB_API_KEY").then(|| " from-env ".to_owned());
        let (key, origin) = discover(&url, &with_env, Some(dir.path())).unwrap();
        assert_eq!((key.expose(), origin), ("from-env", KeyOrigin::Env));

        let none = |_: &str| None;
        let (key, origin) = discover(&url, &none, Some(dir.path())).unwrap();
        assert_eq!(key.expose(), "from-netrc");
        assert!(
            origin
                .to_string()
                .ends_with(".netrc' (machine wandb.acme.io)")
        );

        let other: Url = "https://api.wandb.ai".parse().unwrap();
        let e = discover(&other, &none, Some(dir.path())).unwrap_err();
        assert!(
            e.starts_with("no W&B API key for api.wandb.ai: set WANDB_API_KEY"),
            "{e}"
        );

        let netrc_var = |k: &str| (k == "NETRC").then(|| "~/elsewhere".to_owned());
        std::fs::write(dir.path().join("elsewhere"), "default password via-var").unwrap();
        let (key, _) = discover(&other, &netrc_var, Some(dir.path())).unwrap();
        assert_eq!(key.expose(), "via-var");
    }

    #[test]
    fn keys_never_show_in_debug() {
        let key = ApiKey::new("0123456789abcdef0123456789abcdef01234567");
        assert_eq!(format!("{key:?}"), "ApiKey(***)");
    }
}
