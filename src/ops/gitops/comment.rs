//! The sticky report note: one note (comment) per model on a change request, updated in
//! place.
//!
//! The note starts with a hidden marker, `<!-- clearance:report model=M -->`. Every page of
//! the change request's notes is searched for it (CML reads only the first page, and so
//! posts a duplicate once a PR has more than 30 comments).

use crate::host::{CodeHost, HostError, Note};

/// The hidden marker of `model`'s report comment.
pub fn marker(model: &str) -> String {
    // "--" would end the HTML comment early.
    let marker = format!(
        "<!-- clearance:report model={} -->",
        model.replace("--", "-\u{2010}")
    );
    crate::domain::text::printable(&marker).into_owned()
}

/// The comment: the marker, then the report.
pub fn report_comment_body(model: &str, report_markdown: &str) -> String {
    let body = format!("{}\n{}", marker(model), report_markdown.trim_end());
    crate::domain::text::printable_lines(&body).into_owned()
}

/// What happened to the comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentOutcome {
    /// No earlier report comment: a new one was posted.
    Created(Note),
    /// The earlier report comment now holds the new report.
    Updated(Note),
    /// The earlier report comment already said exactly this.
    Unchanged(Note),
}

impl CommentOutcome {
    pub fn comment(&self) -> &Note {
        match self {
            Self::Created(c) | Self::Updated(c) | Self::Unchanged(c) => c,
        }
    }

    /// `posted`, `updated`, `unchanged`.
    pub fn verb(&self) -> &'static str {
        match self {
            Self::Created(_) => "posted",
            Self::Updated(_) => "updated",
            Self::Unchanged(_) => "unchanged",
        }
    }
}

/// Posts `body` (from [`report_comment_body`]) on change request `number`, or updates the
/// report note clearance posted there before for the same model (the newest, when there
/// are several).
pub async fn upsert_report_comment(
    host: &dyn CodeHost,
    number: u64,
    model: &str,
    body: &str,
) -> Result<CommentOutcome, HostError> {
    let marker = marker(model);
    let comments = host.notes(number).await?;
    let ours = comments
        .into_iter()
        .rev()
        .find(|c| c.body.lines().any(|l| l.trim() == marker));
    match ours {
        Some(c) if c.body.trim_end() == body.trim_end() => Ok(CommentOutcome::Unchanged(c)),
        Some(c) => Ok(CommentOutcome::Updated(
            host.put_note(number, Some(c.id), body).await?,
        )),
        None => Ok(CommentOutcome::Created(
            host.put_note(number, None, body).await?,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_name_the_model_and_stay_comments() {
        assert_eq!(marker("fraud"), "<!-- clearance:report model=fraud -->");
        assert!(
            !marker("a--b")
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .contains("--")
        );
        assert_eq!(
            report_comment_body("fraud", "### x\n\n"),
            "<!-- clearance:report model=fraud -->\n### x"
        );
    }
}
