//! Where the services clearance talks to live, as written in the config or on the command
//! line: a code host's repository and API address, a W&B server's address. Parsed here, with
//! messages that say what to write, so the config can check them without knowing a backend.

use std::fmt;
use std::str::FromStr;

use url::Url;

/// A repository, `owner/name`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RepoId {
    pub owner: String,
    pub name: String,
}

impl fmt::Display for RepoId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

impl FromStr for RepoId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let ok = |p: &str| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        };
        match s.split_once('/') {
            Some((owner, name)) if ok(owner) && ok(name) => Ok(Self {
                owner: owner.to_owned(),
                name: name.to_owned(),
            }),
            _ => Err(format!(
                "'{s}' is not a GitHub repository: write OWNER/NAME, e.g. acme/models"
            )),
        }
    }
}

/// Where the API is and which host's credentials it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase {
    /// `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server.
    pub url: Url,
}

impl ApiBase {
    /// Parses an API URL; a trailing slash is dropped.
    pub fn parse(s: &str) -> Result<Self, String> {
        let trimmed = s.trim().trim_end_matches('/');
        let url = Url::parse(trimmed);
        // What was typed may carry a password: messages quote it without.
        let trimmed = crate::domain::store::redact_credentials(trimmed);
        let url = url.map_err(|e| {
            format!("GitHub API URL '{trimmed}' is not a URL ({e}); write https://api.github.com or https://HOST/api/v3")
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!(
                "GitHub API URL '{trimmed}' is not an http(s) URL; write https://api.github.com or https://HOST/api/v3"
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "GitHub API URL '{trimmed}' holds credentials: give the address alone and the \
                 token in GH_TOKEN (or let `gh auth login` store it)"
            ));
        }
        address_alone(&url, "GitHub API URL", "GH_TOKEN")?;
        Ok(Self { url })
    }

    /// The host people log in to: `github.com` for `api.github.com`, else the API's host
    /// (with its port, if any).
    pub fn host(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        if host == "api.github.com" {
            return "github.com".to_owned();
        }
        match self.url.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_owned(),
        }
    }

    /// Whether this is a GitHub Enterprise Server (anything but github.com), whose tokens
    /// come from `GH_ENTERPRISE_TOKEN`, as for the `gh` CLI.
    pub fn is_enterprise(&self) -> bool {
        self.host() != "github.com"
    }

    /// The URL without a trailing slash, as octocrab joins routes onto it.
    pub fn as_str(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }
}

/// A GitLab project as written: `group/subgroup/name` (any depth of letters, digits, `-`,
/// `_`, `.`), or a numeric project id. Returns it trimmed.
pub fn gitlab_project(s: &str) -> Result<String, String> {
    let s = s.trim();
    let ok = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    };
    if !s.is_empty() && s.split('/').all(ok) {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "'{s}' is not a GitLab project: write GROUP/NAME (subgroups too, e.g. acme/ml/models) \
             or the numeric project id"
        ))
    }
}

/// A GitLab instance's address, `https://gitlab.com` or a self-managed `https://HOST[/PATH]`,
/// without credentials; an address ending in `/api/v4` (as `$CI_API_V4_URL`) names the same
/// instance. Returns the instance's address without a trailing slash.
pub fn gitlab_url(s: &str) -> Result<Url, String> {
    let trimmed = s.trim().trim_end_matches('/');
    let trimmed = trimmed.strip_suffix("/api/v4").unwrap_or(trimmed);
    let shown = crate::domain::store::redact_credentials(trimmed);
    let url = Url::parse(trimmed).map_err(|e| {
        format!("GitLab URL '{shown}' is not a URL ({e}); write https://gitlab.com or https://HOST")
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "GitLab URL '{shown}' is not an http(s) URL; write https://gitlab.com or https://HOST"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "GitLab URL '{shown}' holds credentials: give the address alone and the token in \
             GITLAB_TOKEN (or let `glab auth login` store it)"
        ));
    }
    address_alone(&url, "GitLab URL", "GITLAB_TOKEN")?;
    Ok(url)
}

/// A code host's address has no query or fragment: one (`?private_token=…`) would be sent
/// with every request and shown wherever the address is. The message quotes the address
/// without it.
fn address_alone(url: &Url, what: &str, token_var: &str) -> Result<(), String> {
    if url.query().is_none() && url.fragment().is_none() {
        return Ok(());
    }
    let mut bare = url.clone();
    bare.set_query(None);
    bare.set_fragment(None);
    Err(format!(
        "{what} '{bare}' has a query or fragment: give the address alone (a token goes in \
         {token_var})"
    ))
}

/// A W&B server address: http(s), without credentials (the key goes in `WANDB_API_KEY`),
/// and without the `/graphql` clients add.
pub fn wandb_base_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text.trim()).map_err(|e| format!("not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("a W&B server's address starts with http:// or https://".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "the address holds credentials: give the address alone and the key in \
             WANDB_API_KEY or ~/.netrc"
                .into(),
        );
    }
    if url.path().trim_end_matches('/').ends_with("/graphql") {
        return Err("give the server's address without /graphql".into());
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn a_code_host_address_with_a_query_is_refused_without_quoting_it() {
        let e = gitlab_url("https://gl.example.com?private_token=glpat-S3cret").unwrap_err();
        assert!(e.contains("has a query or fragment"), "{e}");
        assert!(!e.contains("S3cret"), "{e}");
        let e = ApiBase::parse("https://ghe.example.com/api/v3#x=ghp_S3cret").unwrap_err();
        assert!(
            e.contains("has a query or fragment") && !e.contains("S3cret"),
            "{e}"
        );
        assert!(gitlab_url("https://gl.example.com/api/v4/").is_ok());
    }

    #[test]
    fn repos_parse_and_refuse_nonsense() {
        assert_eq!(
            "acme/fraud-models".parse::<RepoId>(),
            Ok(RepoId {
                owner: "acme".into(),
                name: "fraud-models".into()
            })
        );
        for bad in ["acme", "acme/", "/x", "a/b/c", "a b/c"] {
            assert!(bad.parse::<RepoId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn api_hosts() {
        let gh = ApiBase::parse("https://api.github.com/").unwrap();
        assert_eq!(
            (gh.host().as_str(), gh.is_enterprise()),
            ("github.com", false)
        );
        assert_eq!(gh.as_str(), "https://api.github.com");
        let ghe = ApiBase::parse("https://ghe.acme.io/api/v3").unwrap();
        assert_eq!(
            (ghe.host().as_str(), ghe.is_enterprise()),
            ("ghe.acme.io", true)
        );
        assert_eq!(ghe.as_str(), "https://ghe.acme.io/api/v3");
        assert_eq!(
            ApiBase::parse("http://127.0.0.1:8080").unwrap().host(),
            "127.0.0.1:8080"
        );
        assert!(ApiBase::parse("api.github.com").is_err());
        assert!(ApiBase::parse("ftp://x").is_err());
    }

    #[test]
    fn an_api_url_with_credentials_is_refused_without_echoing_them() {
        for typed in [
            "https://bob:Hunter2pw@ghe.acme.io/api/v3",
            "ftp://bob:Hunter2pw@x",
        ] {
            let err = ApiBase::parse(typed).unwrap_err();
            assert!(!err.contains("Hunter2pw"), "{err}");
        }
        let err = ApiBase::parse("https://bob:Hunter2pw@ghe.acme.io/api/v3").unwrap_err();
        assert!(err.contains("holds credentials"), "{err}");
    }

    #[test]
    fn gitlab_projects_and_urls() {
        assert_eq!(
            gitlab_project(" acme/ml/models "),
            Ok("acme/ml/models".into())
        );
        assert_eq!(gitlab_project("4242"), Ok("4242".into()));
        for bad in ["", "acme/", "a b/c", "a//b"] {
            assert!(gitlab_project(bad).is_err(), "{bad}");
        }
        let u = |s: &str| gitlab_url(s).map(|u| u.as_str().to_owned());
        assert_eq!(u("https://gitlab.com/"), Ok("https://gitlab.com/".into()));
        assert_eq!(
            u("https://git.acme.io/gitlab/api/v4"),
            Ok("https://git.acme.io/gitlab".into())
        );
        assert!(u("gitlab.com").is_err());
        let e = u("https://bob:Hunter2pw@git.acme.io").unwrap_err();
        assert!(
            e.contains("holds credentials") && !e.contains("Hunter2pw"),
            "{e}"
        );
    }

    #[test]
    fn wandb_addresses_are_http_without_credentials_or_graphql() {
        assert_eq!(
            wandb_base_url(" https://wandb.acme.io ").unwrap().as_str(),
            "https://wandb.acme.io/"
        );
        for bad in [
            "wandb.acme.io",
            "ftp://wandb.acme.io",
            "https://bob:secret@wandb.acme.io",
            "https://wandb.acme.io/graphql",
        ] {
            assert!(wandb_base_url(bad).is_err(), "{bad}");
        }
    }
}
