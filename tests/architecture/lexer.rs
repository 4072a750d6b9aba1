//! Just enough of a Rust lexer to read paths: identifiers and punctuation with their line,
//! and nothing from comments (doc comments included), string, byte string, raw string or
//! character literals. Lifetimes and labels (`'a`, `'static`) are skipped like literals.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
}

struct Cursor<'a> {
    chars: &'a [char],
    at: usize,
    line: usize,
}

impl Cursor<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    /// Up to and including the next unescaped `"`.
    fn quoted(&mut self) {
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => return,
                _ => {}
            }
        }
    }

    /// After `r`: `#…#"…"#…#`.
    fn raw_string(&mut self) {
        let mut hashes = 0;
        while self.peek(0) == Some('#') {
            hashes += 1;
            self.bump();
        }
        self.bump(); // the opening quote
        'body: while let Some(c) = self.bump() {
            if c != '"' {
                continue;
            }
            for i in 0..hashes {
                if self.peek(i) != Some('#') {
                    continue 'body;
                }
            }
            for _ in 0..hashes {
                self.bump();
            }
            return;
        }
    }

    /// A `/* */` comment, nested ones included; the cursor is past the opening `/*`.
    fn block_comment(&mut self) {
        let mut depth = 1;
        while depth > 0 {
            match (self.bump(), self.peek(0)) {
                (Some('/'), Some('*')) => {
                    self.bump();
                    depth += 1;
                }
                (Some('*'), Some('/')) => {
                    self.bump();
                    depth -= 1;
                }
                (None, _) => return,
                _ => {}
            }
        }
    }

    /// After a `'`: a character literal (`'x'`, `'\n'`, `'\u{1F600}'`) or a lifetime/label.
    fn quote(&mut self) {
        match (self.peek(0), self.peek(1)) {
            (Some('\\'), _) => {
                self.bump();
                self.bump();
                while let Some(c) = self.bump() {
                    if c == '\'' {
                        return;
                    }
                }
            }
            (Some(_), Some('\'')) => {
                self.bump();
                self.bump();
            }
            _ => {
                while self.peek(0).is_some_and(is_ident_char) {
                    self.bump();
                }
            }
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Whether a literal starts here: `b"`, `br"`, `br#"`, `r"`, `r#"`, `c"`, `cr#"`, `b'`.
fn literal_prefix(cur: &Cursor) -> Option<usize> {
    let (a, b, c) = (cur.peek(0), cur.peek(1), cur.peek(2));
    let raw_after = |i: usize| {
        let mut j = i;
        while cur.peek(j) == Some('#') {
            j += 1;
        }
        cur.peek(j) == Some('"')
    };
    match (a?, b, c) {
        ('b' | 'c', Some('"' | '\''), _) => Some(1),
        ('b' | 'c', Some('r'), _) if raw_after(2) => Some(2),
        ('r', Some('"' | '#'), _) if raw_after(1) => Some(1),
        _ => None,
    }
}

pub fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut cur = Cursor {
        chars: &chars,
        at: 0,
        line: 1,
    };
    let mut out = Vec::new();
    while let Some(c) = cur.peek(0) {
        let line = cur.line;
        if c.is_whitespace() {
            cur.bump();
        } else if c == '/' && cur.peek(1) == Some('/') {
            while cur.peek(0).is_some_and(|c| c != '\n') {
                cur.bump();
            }
        } else if c == '/' && cur.peek(1) == Some('*') {
            cur.bump();
            cur.bump();
            cur.block_comment();
        } else if let Some(prefix) = literal_prefix(&cur) {
            let raw = cur.peek(prefix - 1) == Some('r');
            for _ in 0..prefix {
                cur.bump();
            }
            match (raw, cur.peek(0)) {
                (true, _) => cur.raw_string(),
                (false, Some('\'')) => {
                    cur.bump();
                    cur.quote();
                }
                _ => {
                    cur.bump();
                    cur.quoted();
                }
            }
        } else if c == '"' {
            cur.bump();
            cur.quoted();
        } else if c == '\'' {
            cur.bump();
            cur.quote();
        } else if is_ident_start(c) {
            let mut name = String::new();
            while let Some(c) = cur.peek(0).filter(|&c| is_ident_char(c)) {
                name.push(c);
                cur.bump();
            }
            // `r#type`: a raw identifier (raw strings were taken above).
            if name == "r" && cur.peek(0) == Some('#') {
                cur.bump();
                name.clear();
                while let Some(c) = cur.peek(0).filter(|&c| is_ident_char(c)) {
                    name.push(c);
                    cur.bump();
                }
            }
            out.push(Token {
                tok: Tok::Ident(name),
                line,
            });
        } else if c.is_ascii_digit() {
            while cur.peek(0).is_some_and(|c| c.is_alphanumeric() || c == '_') {
                cur.bump();
            }
        } else if c == ':' && cur.peek(1) == Some(':') {
            cur.bump();
            cur.bump();
            out.push(Token {
                tok: Tok::PathSep,
                line,
            });
        } else {
            cur.bump();
            out.push(Token {
                tok: Tok::Punct(c),
                line,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Tok, tokens};

    fn idents(source: &str) -> Vec<String> {
        tokens(source)
            .into_iter()
            .filter_map(|t| match t.tok {
                Tok::Ident(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn comments_and_doc_comments_hold_no_code() {
        let src = "/// crate::ops\n//! crate::app\n// crate::ui\n/* crate::a /* nested crate::b */ \
                   still crate::c */ /** crate::d */ x";
        assert_eq!(idents(src), ["x"]);
    }

    #[test]
    fn strings_hold_no_code() {
        let src = r###"a("crate::ops \" crate::app") b(b"crate::ui") c(r#"crate::x " crate::y"#)
            d(br##"crate::z"# crate::w"##) e(c"crate::v") f"###;
        assert_eq!(idents(src), ["a", "b", "c", "d", "e", "f"]);
    }

    #[test]
    fn lifetimes_are_not_char_literals() {
        // Were `'a` read as the start of a character literal, `crate` would be swallowed.
        let src =
            "fn f<'a>(x: &'a str) -> &'static str { 'outer: loop { break 'outer; } crate::y }";
        assert!(idents(src).ends_with(&["crate".into(), "y".into()]));
        assert!(!idents(src).contains(&"a".to_owned()));
    }

    #[test]
    fn char_literals_are_skipped_whatever_they_hold() {
        let src = "[';', '\"', '\\'', '\\u{1F600}', '{', 'é', b'x', b'\\n'] crate";
        assert_eq!(idents(src), ["crate"]);
        assert!(
            !tokens(src).iter().any(|t| t.tok == Tok::Punct('{')),
            "a brace inside a char literal is no brace"
        );
    }

    #[test]
    fn raw_identifiers_and_lines() {
        let t = tokens("r#type\n\nfoo::bar");
        assert_eq!(t[0].tok, Tok::Ident("type".into()));
        assert_eq!((t[1].line, &t[2].tok), (3, &Tok::PathSep));
    }
}
