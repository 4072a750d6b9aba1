//! Paging that stops a server whose pages never end.

use super::BackendError;

/// Follows the page tokens of one list and stops a server whose paging never ends: a token
/// that comes back (a loop), a page that carries a token but only items listed before (a
/// server answering the same page under fresh tokens), or a long run of empty pages that all
/// say "more". Every paging loop goes through it.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    target: String,
    what: String,
    seen: std::collections::HashSet<String>,
    /// Pages read so far.
    read: u32,
    empty_in_a_row: u32,
    stale_in_a_row: u32,
}

/// Pages in a row with only items listed before that may still say "more": offset paging
/// shifts when new items arrive at the front while a list is read (a sweep logging runs), so
/// one such page is ordinary, and a server replaying a page gives itself away by the third.
const STALE_PAGES: u32 = 3;

/// Empty pages in a row that may still say "more" (a search over several W&B projects
/// passes one empty page per empty project).
const EMPTY_PAGES: u32 = 100;

impl Pages {
    /// For the list `what` (`runs`) of `target` (`MLflow at http://...`).
    pub fn new(target: &str, what: &str) -> Self {
        Self {
            target: target.to_owned(),
            what: what.to_owned(),
            seen: std::collections::HashSet::new(),
            read: 0,
            empty_in_a_row: 0,
            stale_in_a_row: 0,
        }
    }

    /// The token to ask for next, given the one a page ended with (blank means none), how
    /// many items the page held, and how many of them were not listed before; `None` at the
    /// end of the list.
    pub fn next(
        &mut self,
        token: Option<String>,
        items: usize,
        new_items: usize,
    ) -> Result<Option<String>, BackendError> {
        self.read += 1;
        self.empty_in_a_row = if items == 0 {
            self.empty_in_a_row + 1
        } else {
            0
        };
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        self.stale_in_a_row = if items > 0 && new_items == 0 {
            self.stale_in_a_row + 1
        } else {
            0
        };
        let detail = if !self.seen.insert(token.clone()) {
            "it sent a page token it had sent before".to_owned()
        } else if self.stale_in_a_row >= STALE_PAGES {
            format!(
                "{STALE_PAGES} pages in a row, each with a next-page token, held only items \
                 already listed"
            )
        } else if self.empty_in_a_row > EMPTY_PAGES {
            format!("{EMPTY_PAGES} empty pages in a row each said there was more")
        } else {
            return Ok(Some(token));
        };
        Err(BackendError::EndlessPaging {
            target: self.target.clone(),
            what: self.what.clone(),
            detail,
            pages: self.read,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{BackendError, Pages};

    fn endless(e: Result<Option<String>, BackendError>) -> String {
        match e {
            Err(BackendError::EndlessPaging { detail, pages, .. }) => format!("{detail} @{pages}"),
            other => panic!("not stopped: {other:?}"),
        }
    }

    #[test]
    fn pages_follow_fresh_tokens_to_the_end() {
        let mut p = Pages::new("MLflow at http://x", "runs");
        assert_eq!(p.next(Some("a".into()), 10, 10), Ok(Some("a".into())));
        assert_eq!(p.next(Some("b".into()), 10, 3), Ok(Some("b".into())));
        assert_eq!(p.next(Some(String::new()), 10, 10), Ok(None));
        assert_eq!(p.next(None, 0, 0), Ok(None));
    }

    #[test]
    fn a_token_seen_before_stops_paging() {
        let mut p = Pages::new("MLflow at http://x", "runs");
        p.next(Some("a".into()), 1, 1).unwrap();
        p.next(Some("b".into()), 1, 1).unwrap();
        assert_eq!(
            endless(p.next(Some("a".into()), 1, 1)),
            "it sent a page token it had sent before @3"
        );
    }

    #[test]
    fn pages_of_runs_already_listed_stop_paging_by_the_third_in_a_row() {
        let mut p = Pages::new("MLflow at http://x", "runs");
        p.next(Some("a".into()), 5, 5).unwrap();
        // New runs at the front shift offset pages: one stale page is ordinary.
        assert_eq!(p.next(Some("b".into()), 5, 0), Ok(Some("b".into())));
        assert_eq!(p.next(Some("c".into()), 5, 2), Ok(Some("c".into())));
        p.next(Some("d".into()), 5, 0).unwrap();
        p.next(Some("e".into()), 5, 0).unwrap();
        assert_eq!(
            endless(p.next(Some("f".into()), 5, 0)),
            "3 pages in a row, each with a next-page token, held only items already listed @6"
        );
    }

    #[test]
    fn empty_pages_may_say_more_but_not_for_ever() {
        let mut p = Pages::new("W&B at http://x", "runs");
        for i in 0..100 {
            assert!(p.next(Some(format!("{i}|")), 0, 0).unwrap().is_some());
        }
        assert_eq!(
            endless(p.next(Some("x".into()), 0, 0)),
            "100 empty pages in a row each said there was more @101"
        );
        let e = BackendError::EndlessPaging {
            target: "MLflow at http://x".into(),
            what: "runs".into(),
            detail: "d".into(),
            pages: 2,
        };
        assert!(
            e.to_string()
                .starts_with("MLflow at http://x kept paging runs: d; stopped after 2 pages")
        );
    }
}
