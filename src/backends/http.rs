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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_build_with_tls_over_ring() {
        // Twice: the second install finds the first provider and must not fail the build.
        for _ in 0..2 {
            assert!(client().https_only(true).build().is_ok());
        }
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }
}
