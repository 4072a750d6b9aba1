//! The bits of Python that show through MLflow's messages and list values: `repr()` of strings
//! and lists, and `ast.literal_eval` of a parenthesised list of strings.

use std::fmt::Write as _;

/// Python's `repr(str)`.
pub fn repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr(list_of_str)`.
pub fn repr_list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| repr(s)).collect::<Vec<_>>().join(", ")
    )
}

/// Python's `repr(set_of_str)`. Python orders a set by hash, which changes from one process
/// to the next; this spells it in sorted order.
pub fn repr_set(items: &[&str]) -> String {
    let mut sorted = items.to_vec();
    sorted.sort_unstable();
    format!(
        "{{{}}}",
        sorted
            .iter()
            .map(|s| repr(s))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// One literal of a parsed tuple.
#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Str(String),
    Number(String),
}

/// Why a list could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListError {
    /// Not a Python literal.
    Syntax,
    /// `()`.
    Empty,
    /// Something other than strings, as Python prints the tuple.
    NotStrings(String),
}

/// `ast.literal_eval` of `('a', "b")`, `('a')` (a single string) or `('a',)`: the strings.
pub fn literal_strings(text: &str) -> Result<Vec<String>, ListError> {
    let mut p = Parser {
        chars: text.trim().chars().collect(),
        pos: 0,
    };
    let items = p.tuple().ok_or(ListError::Syntax)?;
    p.ws();
    if p.pos != p.chars.len() {
        return Err(ListError::Syntax);
    }
    if items.is_empty() {
        return Err(ListError::Empty);
    }
    if items.iter().all(|i| matches!(i, Literal::Str(_))) {
        return Ok(items
            .into_iter()
            .filter_map(|i| match i {
                Literal::Str(s) => Some(s),
                Literal::Number(_) => None,
            })
            .collect());
    }
    let shown: Vec<String> = items
        .iter()
        .map(|i| match i {
            Literal::Str(s) => repr(s),
            Literal::Number(n) => n.clone(),
        })
        .collect();
    let tuple = if shown.len() == 1 {
        format!("({},)", shown[0])
    } else {
        format!("({})", shown.join(", "))
    };
    Err(ListError::NotStrings(tuple))
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `( [item {, item} [,]] )`; one item without a comma is that item, not a tuple.
    fn tuple(&mut self) -> Option<Vec<Literal>> {
        if !self.eat('(') {
            return None;
        }
        let mut items = Vec::new();
        if self.eat(')') {
            return Some(items);
        }
        loop {
            items.push(self.literal()?);
            if self.eat(')') {
                return Some(items);
            }
            if !self.eat(',') {
                return None;
            }
            if self.eat(')') {
                return Some(items);
            }
        }
    }

    fn literal(&mut self) -> Option<Literal> {
        self.ws();
        match self.peek()? {
            '\'' | '"' => {
                // Adjacent string literals concatenate.
                let mut s = self.string()?;
                loop {
                    self.ws();
                    match self.peek() {
                        Some('\'' | '"') => s.push_str(&self.string()?),
                        _ => return Some(Literal::Str(s)),
                    }
                }
            }
            '(' => {
                let inner = self.tuple()?;
                match inner.as_slice() {
                    [one] => Some(one.clone()),
                    _ => None,
                }
            }
            c if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => {
                let start = self.pos;
                self.pos += 1;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                {
                    self.pos += 1;
                }
                let text: String = self.chars[start..self.pos].iter().collect();
                let clean = text.replace('_', "");
                if let Ok(i) = clean.parse::<i128>() {
                    Some(Literal::Number(i.to_string()))
                } else if let Ok(f) = clean.parse::<f64>() {
                    Some(Literal::Number(format!("{f:?}")))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn string(&mut self) -> Option<String> {
        let q = self.peek()?;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let c = self.peek()?;
            self.pos += 1;
            if c == q {
                return Some(out);
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let e = self.peek()?;
            self.pos += 1;
            match e {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                '\\' | '\'' | '"' => out.push(e),
                '\n' => {}
                'x' | 'u' | 'U' => {
                    let len = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let hex: String = self.chars.get(self.pos..self.pos + len)?.iter().collect();
                    self.pos += len;
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => {
                    out.push('\\');
                    out.push(other);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lists_of_strings() {
        assert_eq!(
            literal_strings("('a', \"b\")"),
            Ok(vec!["a".into(), "b".into()])
        );
        assert_eq!(literal_strings("('a')"), Ok(vec!["a".into()]));
        assert_eq!(literal_strings("('a',)"), Ok(vec!["a".into()]));
        assert_eq!(literal_strings("('a' 'b')"), Ok(vec!["ab".into()]));
        assert_eq!(literal_strings("('it\\'s')"), Ok(vec!["it's".into()]));
        assert_eq!(literal_strings("()"), Err(ListError::Empty));
        assert_eq!(
            literal_strings("(1, 'a')"),
            Err(ListError::NotStrings("(1, 'a')".into()))
        );
        assert_eq!(
            literal_strings("(1)"),
            Err(ListError::NotStrings("(1,)".into()))
        );
        assert_eq!(literal_strings("('a' 'b"), Err(ListError::Syntax));
    }

    #[test]
    fn reprs_like_python() {
        assert_eq!(repr("a"), "'a'");
        assert_eq!(repr("it's"), "\"it's\"");
        assert_eq!(repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(
            repr_list(&["metrics.a".into(), "metrics.a DESC".into()]),
            "['metrics.a', 'metrics.a DESC']"
        );
        assert_eq!(repr_set(&["b", "a"]), "{'a', 'b'}");
    }
}
