//! Renderings of a comparison for scripts and pull requests: JSON, Markdown, a text table.

pub mod json;
pub mod markdown;
pub mod text;
