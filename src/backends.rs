//! One folder per vendor, each mapping its wire format to `domain` behind the store contract
//! ([`crate::store`]), so the app and the CLI never see a wire format. A backend depends on
//! `domain`, `store` and `host` only, never on another backend: the MLflow REST client
//! ([`mlflow`]), its sqlite store read directly ([`mlflow_local`]), W&B ([`wandb`]), DVC
//! ([`dvc`]) and GTO ([`gto`]). [`github`] implements the code host contract
//! ([`crate::host`]): pull requests, their checks and reviews, branches, files and comments.
//! [`gitlab`] is the second code host, being built (token discovery, project paths and the
//! paged, rate-limit-aware transport so far).

pub mod cli_token;
pub mod dvc;
pub mod github;
pub mod gitlab;
pub mod gto;
pub mod http;
pub mod mlflow;
pub mod mlflow_local;
pub mod wandb;
