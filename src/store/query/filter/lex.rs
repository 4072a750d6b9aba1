//! The part of `sqlparse` that MLflow's filter parser relies on: its lexer rules for the tokens
//! a filter uses, and its grouping of identifiers (`metrics.loss`, ``tags.`a/b` ``,
//! `tags.mlflow.user`), parentheses and comparisons (`a < 1`), then MLflow's own joining of
//! `IN (…)`, `NOT IN (…)`, `IS NULL` and `IS NOT NULL`.

/// A lexed or grouped piece of a filter, with its text as typed (`str(token)` in Python).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A name or a dotted, possibly quoted, name: sqlparse's `Identifier`.
    Ident(String),
    /// A keyword (`AND`, `IN`, `IS`, `NULL`, `NOT NULL`…), as typed.
    Keyword(String),
    /// A single-quoted string, quotes included.
    Str(String),
    /// An integer literal (`1`, `-1`).
    Int(String),
    /// A decimal literal (`1.5`, `.5`, `1e3`).
    Float(String),
    /// A comparison operator (`<`, `>=`, `LIKE`, `NOT LIKE`, `==`…), as typed.
    Op(String),
    /// A parenthesised group, parentheses included.
    Paren(String),
    /// A comparison: `[left, op, right]`, `[ident, IS NULL]` or `[ident, IN, paren]`.
    Comparison(Vec<Node>, String),
    /// Anything else (punctuation, other operators, unmatched quotes).
    Other(String),
}

impl Node {
    /// The text as typed.
    pub fn raw(&self) -> &str {
        match self {
            Self::Ident(s)
            | Self::Keyword(s)
            | Self::Str(s)
            | Self::Int(s)
            | Self::Float(s)
            | Self::Op(s)
            | Self::Paren(s)
            | Self::Comparison(_, s)
            | Self::Other(s) => s,
        }
    }

    fn is_keyword(&self, word: &str) -> bool {
        matches!(self, Self::Keyword(k) if k.eq_ignore_ascii_case(word))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ws,
    /// A bare word that is not a keyword.
    Name,
    Keyword,
    /// `` `name` ``
    Backtick,
    /// `'text'`
    Str,
    /// `"text"`
    Symbol,
    Int,
    Float,
    Op,
    Punct(char),
    Other,
}

#[derive(Debug, Clone)]
struct Lexed {
    tok: Tok,
    start: usize,
    end: usize,
}

/// Words sqlparse lexes as keywords that matter where a filter could hold a name.
const KEYWORDS: &[&str] = &[
    "AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "EXISTS", "SELECT", "FROM", "WHERE", "AS",
    "CASE", "WHEN", "THEN", "ELSE", "END", "LIMIT", "ORDER", "GROUP", "BY", "HAVING", "JOIN", "ON",
    "UNION", "ALL", "ANY", "SOME", "DISTINCT", "TRUE", "FALSE", "ASC", "DESC", "ESCAPE", "INSERT",
    "UPDATE", "DELETE", "DROP", "CREATE", "TABLE", "VALUES", "SET", "INTO", "WITH",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    out: Vec<Lexed>,
}

impl Lexer<'_> {
    fn peek(&self, at: usize) -> Option<char> {
        self.src.get(at..).and_then(|s| s.chars().next())
    }

    fn push(&mut self, tok: Tok, end: usize) {
        self.out.push(Lexed {
            tok,
            start: self.pos,
            end,
        });
        self.pos = end;
    }

    fn skip_while(&self, mut at: usize, f: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.peek(at) {
            if !f(c) {
                break;
            }
            at += c.len_utf8();
        }
        at
    }

    /// The token just before, whitespace included.
    fn previous(&self) -> Option<&Tok> {
        self.out.last().map(|l| &l.tok)
    }

    fn run(mut self) -> Vec<Lexed> {
        while let Some(c) = self.peek(self.pos) {
            let next = self.pos + c.len_utf8();
            if c.is_whitespace() {
                let end = self.skip_while(self.pos, char::is_whitespace);
                self.push(Tok::Ws, end);
            } else if c == '`' {
                self.quoted('`', Tok::Backtick);
            } else if c == '\'' {
                self.quoted('\'', Tok::Str);
            } else if c == '"' {
                self.quoted('"', Tok::Symbol);
            } else if let Some((tok, end)) = self.number() {
                self.push(tok, end);
            } else if is_word_char(c) {
                self.word();
            } else if "<>=~!".contains(c) {
                let end = self.skip_while(self.pos, |c| "<>=~!".contains(c));
                self.push(Tok::Op, end);
            } else if "();,.[]:".contains(c) {
                self.push(Tok::Punct(c), next);
            } else {
                let end = self.skip_while(next, |c| "+/@#%^&|-*".contains(c));
                self.push(Tok::Other, end.max(next));
            }
        }
        self.out
    }

    /// `'…'` with `''` and `\'` inside (sqlparse's `'(''|\\'|[^'])*'`), the same for `"` and
    /// `` ` ``. Unterminated: the regex backtracks to the last quote it swallowed, if any.
    fn quoted(&mut self, q: char, tok: Tok) {
        let bytes = self.src.as_bytes();
        let qb = q as u8;
        let mut i = self.pos + 1;
        let mut last_quote = None;
        while i < bytes.len() {
            if bytes[i] == qb && bytes.get(i + 1) == Some(&qb) {
                last_quote = Some(i);
                i += 2;
            } else if q != '`' && bytes[i] == b'\\' && bytes.get(i + 1) == Some(&qb) {
                last_quote = Some(i + 1);
                i += 2;
            } else if bytes[i] == qb {
                self.push(tok, i + 1);
                return;
            } else {
                i += 1;
            }
        }
        match last_quote {
            Some(at) => self.push(tok, at + 1),
            None => self.push(Tok::Other, self.pos + 1),
        }
    }

    /// sqlparse's number rules: hex (not a number to MLflow), `1e5`, `1.5`, `.5`, `1.`, `-1`.
    /// A number run into letters is a word.
    fn number(&self) -> Option<(Tok, usize)> {
        let start = self.pos;
        let mut i = start;
        if self.peek(i) == Some('-') {
            i += 1;
        }
        let digits_end = self.skip_while(i, |c| c.is_ascii_digit());
        let has_int = digits_end > i;
        let mut end = digits_end;
        let mut tok = Tok::Int;
        if self.peek(end) == Some('.') {
            let frac_end = self.skip_while(end + 1, |c| c.is_ascii_digit());
            if has_int || frac_end > end + 1 {
                end = frac_end;
                tok = Tok::Float;
            }
        } else if !has_int {
            return None;
        }
        if !has_int && tok == Tok::Int {
            return None;
        }
        if has_int && self.src[i..].starts_with('0') && matches!(self.peek(i + 1), Some('x' | 'X'))
        {
            let hex_end = self.skip_while(i + 2, |c| c.is_ascii_hexdigit());
            if hex_end > i + 2 {
                return Some((Tok::Other, hex_end));
            }
        }
        if matches!(self.peek(end), Some('e' | 'E')) {
            let mut j = end + 1;
            if self.peek(j) == Some('-') {
                j += 1;
            }
            let exp_end = self.skip_while(j, |c| c.is_ascii_digit());
            if exp_end > j {
                end = exp_end;
                tok = Tok::Float;
            }
        }
        match self.peek(end) {
            Some(c) if is_word_char(c) && !c.is_ascii_digit() => None,
            _ => Some((tok, end)),
        }
    }

    fn word(&mut self) {
        let end = self.skip_while(self.pos, |c| is_word_char(c) || c == '$' || c == '#');
        let upper = self.src[self.pos..end].to_uppercase();
        // Right after a period, sqlparse keeps any word as a name (`metrics.timestamp`).
        if self.previous() == Some(&Tok::Punct('.')) {
            self.push(Tok::Name, end);
            return;
        }
        if upper == "NOT" {
            let after_ws = self.skip_while(end, char::is_whitespace);
            if after_ws > end {
                let next_end = self.skip_while(after_ws, is_word_char);
                let next = self.src[after_ws..next_end].to_uppercase();
                match next.as_str() {
                    "NULL" => return self.push(Tok::Keyword, next_end),
                    "LIKE" | "ILIKE" | "RLIKE" | "REGEXP" => return self.push(Tok::Op, next_end),
                    _ => {}
                }
            }
        }
        // A name followed by a period is a name even when it spells a keyword.
        let after = self.skip_while(end, char::is_whitespace);
        let before_period = self.peek(after) == Some('.')
            && !self.peek(after + 1).is_some_and(|c| c.is_ascii_digit());
        let tok = if before_period {
            Tok::Name
        } else if matches!(upper.as_str(), "LIKE" | "ILIKE" | "RLIKE" | "REGEXP") {
            Tok::Op
        } else if KEYWORDS.contains(&upper.as_str()) {
            Tok::Keyword
        } else {
            Tok::Name
        };
        self.push(tok, end);
    }
}

/// A filter, lexed and grouped into statements of non-whitespace nodes: more than one when
/// the text holds a `;` with something after it.
pub fn statements(src: &str) -> Vec<Vec<Node>> {
    let lexed = Lexer {
        src,
        pos: 0,
        out: Vec::new(),
    }
    .run();
    let mut statements = Vec::new();
    let mut current = Vec::new();
    for l in lexed {
        let is_end = l.tok == Tok::Punct(';');
        current.push(l);
        if is_end {
            statements.push(std::mem::take(&mut current));
        }
    }
    if current.iter().any(|l| l.tok != Tok::Ws) || statements.is_empty() {
        statements.push(current);
    }
    statements
        .into_iter()
        .map(|s| group_comparisons(src, group_identifiers(src, &group_parens(src, &s))))
        .collect()
}

/// Either a lexed token or an already grouped node, while grouping.
#[derive(Debug, Clone)]
enum Item {
    Tok(Lexed),
    Node(Node, usize, usize),
}

impl Item {
    fn span(&self) -> (usize, usize) {
        match self {
            Self::Tok(l) => (l.start, l.end),
            Self::Node(_, s, e) => (*s, *e),
        }
    }

    fn is_ws(&self) -> bool {
        matches!(self, Self::Tok(l) if l.tok == Tok::Ws)
    }
}

fn group_parens(src: &str, toks: &[Lexed]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].tok == Tok::Punct('(') {
            let mut depth = 0usize;
            let close = toks[i..].iter().position(|t| {
                match t.tok {
                    Tok::Punct('(') => depth += 1,
                    Tok::Punct(')') => depth -= 1,
                    _ => {}
                }
                depth == 0
            });
            if let Some(len) = close {
                let (start, end) = (toks[i].start, toks[i + len].end);
                out.push(Item::Node(
                    Node::Paren(src[start..end].to_owned()),
                    start,
                    end,
                ));
                i += len + 1;
                continue;
            }
        }
        out.push(Item::Tok(toks[i].clone()));
        i += 1;
    }
    out
}

/// `name`, `"name"`, `` `name` `` and dotted chains of them (spaces around the period allowed,
/// as sqlparse allows them); a trailing period stays part of the identifier.
fn group_identifiers(src: &str, items: &[Item]) -> Vec<Item> {
    let is_head = |it: &Item| matches!(it, Item::Tok(l) if matches!(l.tok, Tok::Name | Tok::Backtick | Tok::Symbol));
    let is_part = |it: &Item| matches!(it, Item::Tok(l) if matches!(l.tok, Tok::Name | Tok::Backtick | Tok::Symbol | Tok::Str));
    let is_period = |it: &Item| matches!(it, Item::Tok(l) if l.tok == Tok::Punct('.'));
    let skip_ws = |mut j: usize| {
        while j < items.len() && items[j].is_ws() {
            j += 1;
        }
        j
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if !is_head(&items[i]) {
            out.push(items[i].clone());
            i += 1;
            continue;
        }
        let start = items[i].span().0;
        let mut end = items[i].span().1;
        let mut next = i + 1;
        loop {
            let dot = skip_ws(next);
            if dot >= items.len() || !is_period(&items[dot]) {
                break;
            }
            end = items[dot].span().1;
            next = dot + 1;
            let part = skip_ws(next);
            if part < items.len() && is_part(&items[part]) {
                end = items[part].span().1;
                next = part + 1;
            } else {
                break;
            }
        }
        out.push(Item::Node(
            Node::Ident(src[start..end].to_owned()),
            start,
            end,
        ));
        i = next;
    }
    out
}

/// A node with the span of its text.
struct Spanned {
    node: Node,
    start: usize,
    end: usize,
}

fn to_spanned(src: &str, item: Item) -> Option<Spanned> {
    let (start, end) = item.span();
    let node = match item {
        Item::Node(n, _, _) => n,
        Item::Tok(l) => {
            let text = src[l.start..l.end].to_owned();
            match l.tok {
                Tok::Ws => return None,
                Tok::Keyword => Node::Keyword(text),
                Tok::Str => Node::Str(text),
                Tok::Int => Node::Int(text),
                Tok::Float => Node::Float(text),
                Tok::Op => Node::Op(text),
                Tok::Name | Tok::Backtick | Tok::Symbol => Node::Ident(text),
                Tok::Punct(_) | Tok::Other => Node::Other(text),
            }
        }
    };
    Some(Spanned { node, start, end })
}

/// `left op right` where both sides are names, numbers, strings, groups or `NULL`; the
/// comparison's text is the text as typed, spaces included.
fn group_comparisons(src: &str, items: Vec<Item>) -> Vec<Node> {
    let valid = |n: &Node| {
        matches!(
            n,
            Node::Ident(_) | Node::Int(_) | Node::Float(_) | Node::Str(_) | Node::Paren(_)
        ) || n.is_keyword("NULL")
    };
    // sqlparse chains comparisons to the left: `a = 'x' = 'y'` is `(a = 'x') = 'y'`.
    let valid_left = |n: &Node| valid(n) || matches!(n, Node::Comparison(..));
    let nodes: Vec<Spanned> = items
        .into_iter()
        .filter_map(|it| to_spanned(src, it))
        .collect();
    let mut out: Vec<Spanned> = Vec::with_capacity(nodes.len());
    let mut it = nodes.into_iter().peekable();
    while let Some(cur) = it.next() {
        let groups = matches!(cur.node, Node::Op(_))
            && out.last().is_some_and(|p| valid_left(&p.node))
            && it.peek().is_some_and(|n| valid(&n.node));
        match (groups, out.pop(), it.next_if(|_| groups)) {
            (true, Some(left), Some(right)) => {
                let (start, end) = (left.start, right.end);
                let text = src[start..end].to_owned();
                out.push(Spanned {
                    node: Node::Comparison(vec![left.node, cur.node, right.node], text),
                    start,
                    end,
                });
            }
            (_, prev, _) => {
                out.extend(prev);
                out.push(cur);
            }
        }
    }
    out.into_iter().map(|s| s.node).collect()
}

/// MLflow's `_join_in_comparison_tokens`: an identifier followed by `IN (…)`, `IS NULL`,
/// `IS NOT NULL` or `NOT IN (…)` becomes one comparison. Like MLflow, it looks at the tokens
/// after an identifier in threes and fours, and leaves them as they are when they do not match.
pub fn join_special(tokens: Vec<Node>) -> Vec<Node> {
    let n = tokens.len();
    let mut joined = Vec::with_capacity(n);
    let mut it = tokens.into_iter().enumerate();
    while let Some((index, first)) = it.next() {
        if n - index < 3 {
            joined.push(first);
            joined.extend(it.map(|(_, t)| t));
            break;
        }
        if !matches!(first, Node::Ident(_)) {
            joined.push(first);
            continue;
        }
        let (Some((_, second)), Some((_, third))) = (it.next(), it.next()) else {
            joined.push(first);
            break;
        };
        let text = |parts: &[&Node]| parts.iter().map(|p| p.raw()).collect::<String>();
        if second.is_keyword("IN") && matches!(third, Node::Paren(_)) {
            let t = text(&[&first, &second, &third]);
            joined.push(Node::Comparison(vec![first, second, third], t));
            continue;
        }
        if second.is_keyword("IS") && (third.is_keyword("NULL") || third.is_keyword("NOT NULL")) {
            let op = if third.is_keyword("NULL") {
                "IS NULL"
            } else {
                "IS NOT NULL"
            };
            let t = format!("{}{op}", first.raw());
            joined.push(Node::Comparison(
                vec![first, Node::Keyword(op.to_owned())],
                t,
            ));
            continue;
        }
        let Some((_, fourth)) = it.next() else {
            joined.extend([first, second, third]);
            break;
        };
        if second.is_keyword("NOT") && third.is_keyword("IN") && matches!(fourth, Node::Paren(_)) {
            let t = format!("{}NOT IN{}", first.raw(), fourth.raw());
            joined.push(Node::Comparison(
                vec![first, Node::Keyword("NOT IN".to_owned()), fourth],
                t,
            ));
            continue;
        }
        joined.extend([first, second, third, fourth]);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        statements(src)
            .remove(0)
            .into_iter()
            .map(|n| match n {
                Node::Comparison(parts, _) => format!(
                    "Cmp({})",
                    parts.iter().map(Node::raw).collect::<Vec<_>>().join("|")
                ),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn groups_like_sqlparse() {
        assert_eq!(kinds("metrics.loss < 0.5"), ["Cmp(metrics.loss|<|0.5)"]);
        assert_eq!(
            kinds("tags.mlflow.parentRunId = 'a' and metrics.`a/b`>=-1e-3"),
            [
                "Cmp(tags.mlflow.parentRunId|=|'a')",
                "Keyword(\"and\")",
                "Cmp(metrics.`a/b`|>=|-1e-3)"
            ]
        );
        assert_eq!(
            kinds("params.x NOT LIKE 'a%'"),
            ["Cmp(params.x|NOT LIKE|'a%')"]
        );
        assert_eq!(
            kinds("params.x is not null"),
            [
                "Ident(\"params.x\")",
                "Keyword(\"is\")",
                "Keyword(\"not null\")"
            ]
        );
        assert_eq!(
            kinds("metrics.a > = 1"),
            [
                "Ident(\"metrics.a\")",
                "Op(\">\")",
                "Op(\"=\")",
                "Int(\"1\")"
            ]
        );
        assert_eq!(
            kinds("metrics.timestamp > 1"),
            ["Cmp(metrics.timestamp|>|1)"]
        );
        assert_eq!(kinds("metrics .a > 1"), ["Cmp(metrics .a|>|1)"]);
        assert_eq!(kinds("metrics.a = (1)"), ["Cmp(metrics.a|=|(1))"]);
        assert_eq!(statements("metrics.a > 1; params.b = 'x'").len(), 2);
        assert_eq!(statements("metrics.a > 1;").len(), 1);
    }

    #[test]
    fn joins_in_and_null_tests() {
        let joined = |src: &str| {
            join_special(statements(src).remove(0))
                .iter()
                .map(|n| n.raw().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            joined("attributes.run_id IN ('a', 'b')"),
            ["attributes.run_idIN('a', 'b')"]
        );
        assert_eq!(
            joined("attributes.run_id not in ('a') and params.x IS NULL"),
            ["attributes.run_idNOT IN('a')", "and", "params.xIS NULL"]
        );
    }
}
