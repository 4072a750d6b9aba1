//! Where a change command's stdout goes: text as it comes, or with `--json` one document at
//! the end. stderr (refusals, warnings, prompts) is the same either way.

use crate::cli::{CliError, out};
use crate::report::json::ChangeDoc;

pub(super) struct Sink {
    doc: Option<ChangeDoc>,
}

impl Sink {
    /// Text, or a document for `command` when `json`.
    pub fn new(json: bool, command: &'static str, dry_run: bool) -> Self {
        Self {
            doc: json.then(|| ChangeDoc::new(command, dry_run)),
        }
    }

    /// Text only (`promote --via pr`).
    pub fn text() -> Self {
        Self { doc: None }
    }

    /// One line of the text output.
    pub fn line(&self, s: &str) -> Result<(), CliError> {
        match self.doc {
            None => out::line(s),
            Some(_) => Ok(()),
        }
    }

    /// Text of the text output, with its own line breaks.
    pub fn text_block(&self, s: &str) -> Result<(), CliError> {
        match self.doc {
            None => out::text(s),
            Some(_) => Ok(()),
        }
    }

    /// Fills in the document, when there is one.
    pub fn record(&mut self, f: impl FnOnce(&mut ChangeDoc)) {
        if let Some(doc) = self.doc.as_mut() {
            f(doc);
        }
    }

    /// Prints the document, when there is one.
    pub fn finish(self) -> Result<(), CliError> {
        match self.doc {
            Some(doc) => out::json(&doc),
            None => Ok(()),
        }
    }
}
