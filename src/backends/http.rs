//! Where every HTTP client of the backends starts. TLS is rustls with the ring provider, the
//! one octocrab uses: reqwest is built without a provider of its own (its `rustls` feature
//! would link aws-lc-rs as a second TLS stack), so its `build()` needs a process-wide default,
//! installed here. `clippy.toml` disallows `reqwest::Client::builder`/`new` elsewhere.

/// A `reqwest` client builder whose TLS uses ring.
pub fn client() -> reqwest::ClientBuilder {
    // An error only says a default provider is installed already (by an earlier call).
    let _ = rustls::crypto::ring::default_provider().install_default();
    #[expect(
        clippy::disallowed_methods,
        reason = "the one place that builds a client, after the provider is installed"
    )]
    reqwest::Client::builder()
}

/// What a client for `base` needs: for a plain `http://` address no TLS at all. Loading the
/// system's root certificates takes tens of milliseconds on a busy machine, at every start,
/// before the first request can go out; a plain-http server never needs them. Such a client
/// follows redirects to plain http only, and names the https address a redirect points to
/// (without credentials), so that it can be given instead. A proxy reached over TLS
/// (`HTTP_PROXY=https://…`) keeps the roots.
pub fn for_address(builder: reqwest::ClientBuilder, base: &url::Url) -> reqwest::ClientBuilder {
    if base.scheme() != "http" || proxy_over_tls() {
        return builder;
    }
    builder
        .tls_certs_only(std::iter::empty())
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            if attempt.url().scheme() != "http" {
                let to = address(attempt.url());
                attempt.error(format!("it redirects to {to}: use that address"))
            } else if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else {
                attempt.follow()
            }
        }))
}

/// reqwest's own limit.
const MAX_REDIRECTS: usize = 10;

/// Whether plain-http requests would go through a proxy reached over TLS (the variables
/// reqwest reads for http URLs).
fn proxy_over_tls() -> bool {
    // macOS and Windows also have system proxy settings reqwest reads, which may be https:
    // keep the roots there rather than guess.
    cfg!(any(target_os = "macos", windows))
        || ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .any(|v| v.trim().to_ascii_lowercase().starts_with("https:"))
}

/// Where a redirect points, up to the API's path, without credentials or query.
fn address(url: &url::Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.set_query(None);
    u.set_fragment(None);
    let text = u.to_string();
    match text.find("/api/") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_names_the_address_without_credentials() {
        let url = url::Url::parse(
            "https://ann:secret@mlflow.example.com:8443/ml/api/2.0/mlflow/runs/search?x=1",
        )
        .unwrap();
        assert_eq!(address(&url), "https://mlflow.example.com:8443/ml");
    }

    #[test]
    fn clients_build_with_tls_over_ring() {
        // Twice: the second install finds the first provider and must not fail the build.
        for _ in 0..2 {
            assert!(client().https_only(true).build().is_ok());
        }
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }
}
