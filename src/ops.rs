//! Use cases shared by the CLI and the TUI runtime: each is a few backend calls and domain
//! functions, with errors a person can act on.

pub mod acks;
pub mod audit;
pub mod audit_trail;
pub mod baseline;
pub mod compare;
pub mod experiments;
pub mod gates;
pub mod gitops;
pub mod identity;
pub mod monitoring;
pub mod policy;
pub mod promote;
pub mod requests;
pub mod runs;
