//! The crate's module graph as the source spells it: every path a file names that starts at
//! `crate::` or climbs with `super::`, made absolute and expanded out of `{ }` groups.
//!
//! Read from tokens (see `lexer`), so comments, doc comments and strings never count, and
//! test code counts like any other: a `#[cfg(test)]` module is part of its layer. Paths
//! relative to the current module (`self::x`, `x::y`) stay inside it and are not reported.

use crate::lexer::{Tok, Token, tokens};

/// One path named in a file, below its root (`crate`, or an outside crate such as `std`):
/// `crate::backends::mlflow::Client` is `["backends", "mlflow", "Client"]` under `crate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub line: usize,
    pub root: String,
    pub path: Vec<String>,
}

impl Reference {
    /// `std::fs`, or `tokio` for a bare `use tokio;`.
    pub fn show(&self) -> String {
        let mut s = self.root.clone();
        for p in &self.path {
            s.push_str("::");
            s.push_str(p);
        }
        s
    }

    /// Whether the path is `root::prefix…` (`std::fs` covers `std::fs::read`).
    pub fn is_under(&self, root: &str, prefix: &[&str]) -> bool {
        self.root == root
            && self.path.len() >= prefix.len()
            && self.path.iter().zip(prefix).all(|(a, b)| a == b)
    }
}

/// The module of a file under `src/`, from its path: `app.rs` and `app/x.rs` are `app` and
/// `app::x`; `lib.rs` is the crate root.
pub fn module_of(relative: &str) -> Vec<String> {
    let trimmed = relative.strip_suffix(".rs").unwrap_or(relative);
    if trimmed == "lib" || trimmed == "main" {
        return Vec::new();
    }
    trimmed.split('/').map(str::to_owned).collect()
}

/// Everything `source`, the file of module `module`, names of the crate.
pub fn references(module: &[String], source: &str) -> Vec<Reference> {
    Reader::new(module, source, "crate").read()
}

/// The paths `source` names under an outside crate `root` (`std`, `tokio`), including a bare
/// `use tokio;` or `extern crate tokio;`.
pub fn external(source: &str, root: &str) -> Vec<Reference> {
    Reader::new(&[], source, root).read()
}

struct Reader {
    /// `crate` (with `super` chains), or an outside crate's name.
    root: String,
    toks: Vec<Token>,
    at: usize,
    file_module: Vec<String>,
    /// Inline `mod name { … }` blocks open here, with the brace depth inside each.
    inline: Vec<(String, usize)>,
    depth: usize,
    out: Vec<Reference>,
}

impl Reader {
    fn new(module: &[String], source: &str, root: &str) -> Self {
        Self {
            root: root.to_owned(),
            toks: tokens(source),
            at: 0,
            file_module: module.to_vec(),
            inline: Vec::new(),
            depth: 0,
            out: Vec::new(),
        }
    }

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i).map(|t| &t.tok)
    }

    fn ident(&self, i: usize) -> Option<&str> {
        match self.tok(i) {
            Some(Tok::Ident(s)) => Some(s),
            _ => None,
        }
    }

    fn module(&self) -> Vec<String> {
        let mut m = self.file_module.clone();
        m.extend(self.inline.iter().map(|(n, _)| n.clone()));
        m
    }

    fn read(mut self) -> Vec<Reference> {
        while self.at < self.toks.len() {
            let i = self.at;
            let starts_path = !matches!(
                i.checked_sub(1).and_then(|p| self.tok(p)),
                Some(Tok::PathSep | Tok::Punct('$'))
            ) && self.tok(i + 1) == Some(&Tok::PathSep);
            match (self.tok(i), self.ident(i)) {
                (_, Some("mod")) if self.tok(i + 2) == Some(&Tok::Punct('{')) => {
                    if let Some(name) = self.ident(i + 1).map(str::to_owned) {
                        self.depth += 1;
                        self.inline.push((name, self.depth));
                        self.at = i + 3;
                        continue;
                    }
                }
                (_, Some(name)) if self.root == name && self.root != "crate" => {
                    let bare = matches!(self.ident(i.wrapping_sub(1)), Some("use" | "crate"));
                    if starts_path || bare {
                        self.at = i + 1 + usize::from(starts_path);
                        let line = self.toks[i].line;
                        if starts_path {
                            self.tree(Vec::new(), line);
                        } else {
                            self.push(Vec::new(), line);
                        }
                        continue;
                    }
                }
                (_, Some("crate"))
                    if self.root == "crate" && starts_path && !self.after_pub_in(i) =>
                {
                    self.at = i + 2;
                    self.tree(Vec::new(), self.toks[i].line);
                    continue;
                }
                (_, Some("super")) if self.root == "crate" && starts_path => {
                    self.at = i;
                    let line = self.toks[i].line;
                    let mut base = self.module();
                    while self.ident(self.at) == Some("super")
                        && self.tok(self.at + 1) == Some(&Tok::PathSep)
                    {
                        base.pop();
                        self.at += 2;
                    }
                    self.tree(base, line);
                    continue;
                }
                (Some(Tok::Punct('{')), _) => self.depth += 1,
                (Some(Tok::Punct('}')), _) => {
                    if self.inline.last().is_some_and(|(_, d)| *d == self.depth) {
                        self.inline.pop();
                    }
                    self.depth = self.depth.saturating_sub(1);
                }
                _ => {}
            }
            self.at += 1;
        }
        self.out
    }

    /// `pub(in crate::x)` names a visibility, not a dependency.
    fn after_pub_in(&self, i: usize) -> bool {
        i >= 2 && self.ident(i - 1) == Some("in") && self.tok(i - 2) == Some(&Tok::Punct('('))
    }

    /// A path tree from the cursor, below `prefix`: `a::b`, `a::{b, c::{d, e}}`, `*`, `self`.
    /// Stops at the first token that continues no path (`(`, `;`, `::<`, `as`, …).
    fn tree(&mut self, prefix: Vec<String>, line: usize) {
        let mut path = prefix;
        loop {
            match self.tok(self.at).cloned() {
                Some(Tok::Ident(name)) => {
                    self.at += 1;
                    if name != "self" {
                        path.push(name);
                    }
                    if self.tok(self.at) == Some(&Tok::PathSep) {
                        self.at += 1;
                        continue;
                    }
                    break;
                }
                Some(Tok::Punct('{')) => {
                    self.at += 1;
                    self.group(&path, line);
                    return;
                }
                // `*`, or `::<T>`: what came before is the path.
                _ => break,
            }
        }
        if !path.is_empty() {
            self.push(path, line);
        }
    }

    fn push(&mut self, path: Vec<String>, line: usize) {
        self.out.push(Reference {
            line,
            root: self.root.clone(),
            path,
        });
    }

    /// The inside of `{ … }` after a path; the cursor ends past the closing brace.
    fn group(&mut self, prefix: &[String], line: usize) {
        loop {
            match self.tok(self.at) {
                None => return,
                Some(Tok::Punct('}')) => {
                    self.at += 1;
                    return;
                }
                Some(Tok::Ident(_) | Tok::Punct('{')) => {
                    let line = self.toks.get(self.at).map_or(line, |t| t.line);
                    self.tree(prefix.to_vec(), line);
                    // `x as y`, `*`, anything else up to the next item.
                    while !matches!(self.tok(self.at), None | Some(Tok::Punct(',' | '}'))) {
                        self.at += 1;
                    }
                }
                // `,` between items, or a stray token.
                Some(_) => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Reference, external, module_of, references};

    fn refs(module: &str, source: &str) -> Vec<(usize, String)> {
        let module: Vec<String> = module
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        references(&module, source)
            .into_iter()
            .map(|r| (r.line, r.show()))
            .collect()
    }

    fn paths(module: &str, source: &str) -> Vec<String> {
        refs(module, source).into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn files_name_their_modules() {
        assert_eq!(module_of("app.rs"), ["app"]);
        assert_eq!(
            module_of("backends/wandb/filter.rs"),
            ["backends", "wandb", "filter"]
        );
        assert!(module_of("lib.rs").is_empty());
    }

    #[test]
    fn plain_paths_anywhere_in_code() {
        let src = "use crate::domain::Run;\nfn f() -> crate::ops::Outcome { crate::ui::render(x); \
                   crate::app::Foo::<u8>::new() }";
        assert_eq!(
            refs("app", src),
            [
                (1, "crate::domain::Run".into()),
                (2, "crate::ops::Outcome".into()),
                (2, "crate::ui::render".into()),
                (2, "crate::app::Foo".into()),
            ]
        );
    }

    #[test]
    fn grouped_and_nested_uses_expand() {
        let src =
            "use crate::{\n    a::b,\n    c::{d, e::{f, g as h}, self},\n    i as j, k::*,\n};";
        assert_eq!(
            refs("x", src),
            [
                (2, "crate::a::b".into()),
                (3, "crate::c::d".into()),
                (3, "crate::c::e::f".into()),
                (3, "crate::c::e::g".into()),
                (3, "crate::c".into()),
                (4, "crate::i".into()),
                (4, "crate::k".into()),
            ]
        );
    }

    #[test]
    fn super_chains_resolve_from_the_files_module() {
        let src = "use super::super::mlflow_local::filter::Expr;\nuse super::{dto, Client};\n\
                   fn f() { super::super::super::domain::Run::default() }";
        assert_eq!(
            paths("backends::wandb::filter", src),
            [
                "crate::backends::mlflow_local::filter::Expr",
                "crate::backends::wandb::dto",
                "crate::backends::wandb::Client",
                "crate::domain::Run::default",
            ]
        );
    }

    #[test]
    fn inline_modules_move_super() {
        let src = "mod tests {\n    use super::render;\n    mod deeper { use super::super::super::super::ops::x; }\n}\n\
                   use super::y;";
        assert_eq!(
            paths("ui::alerts", src),
            ["crate::ui::alerts::render", "crate::ops::x", "crate::ui::y"]
        );
    }

    #[test]
    fn comments_strings_macros_and_visibility_are_not_references() {
        let src = "// crate::ops::x\n/// [`crate::app::App`]\nconst S: &str = \"crate::ui::y\";\n\
                   const R: &str = r#\"crate::ops \" crate::app\"#;\nmacro_rules! m { () => { $crate::z } }\n\
                   pub(crate) fn f() {}\npub(in crate::domain) fn g() {}\nfn h<'a>(c: char) { if c == '{' { crate::config::k(); } }";
        assert_eq!(paths("domain::x", src), ["crate::config::k"]);
    }

    #[test]
    fn outside_crates_are_read_the_same_way() {
        let src = "use std::{fs, io::{self, Read}};\nuse tokio;\nextern crate tokio as t;\n\
                   fn f() { std::process::exit(0); my::std::fs::x(); \"std::net\"; }";
        let std: Vec<String> = external(src, "std").iter().map(Reference::show).collect();
        assert_eq!(
            std,
            ["std::fs", "std::io", "std::io::Read", "std::process::exit"]
        );
        let tokio: Vec<(usize, String)> = external(src, "tokio")
            .iter()
            .map(|r| (r.line, r.show()))
            .collect();
        assert_eq!(tokio, [(2, "tokio".into()), (3, "tokio".into())]);
        assert!(external(src, "std")[0].is_under("std", &["fs"]));
        assert!(!external(src, "std")[1].is_under("std", &["fs"]));
    }

    #[test]
    fn relative_and_self_paths_stay_inside() {
        assert!(
            paths(
                "ops",
                "use self::promote::x; use promote::y; fn f() { Self::new() }"
            )
            .is_empty()
        );
    }
}
