//! `order_by` clauses as MLflow reads them (`_parse_order_by_string`, `_get_identifier`,
//! `_get_orderby_clauses`).

use super::filter::{self, Entity, ORDER_BY_ATTRIBUTES, repr_list, translate_key_alias};

/// One sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderKey {
    pub entity: Entity,
    /// With MLflow's aliases resolved (`created` is `start_time`).
    pub key: String,
    pub ascending: bool,
}

/// The sort keys of an `order_by` list, or MLflow's message for the first bad one.
pub fn parse(order_by: &[String]) -> Result<Vec<OrderKey>, String> {
    let mut out: Vec<OrderKey> = Vec::with_capacity(order_by.len());
    for clause in order_by {
        let (token, ascending) = parse_clause(clause)?;
        let (entity, key) = filter::identifier(token.trim(), ORDER_BY_ATTRIBUTES)?;
        let key = translate_key_alias(&key).to_owned();
        if entity == Entity::Dataset {
            return Err("Invalid identifier type 'dataset'".to_owned());
        }
        if out.iter().any(|o| o.entity == entity && o.key == key) {
            return Err(format!(
                "`order_by` contains duplicate fields: {}",
                repr_list(order_by)
            ));
        }
        out.push(OrderKey {
            entity,
            key,
            ascending,
        });
    }
    Ok(out)
}

/// `_parse_order_by_string`: the identifier and the direction.
fn parse_clause(clause: &str) -> Result<(String, bool), String> {
    let unparsable = || format!("Invalid order_by clause '{clause}'. Could not be parsed.");
    // sqlparse must see exactly one identifier (with an optional direction or alias): any
    // other token, leading or trailing space included, makes a second one.
    if clause.trim() != clause || clause.is_empty() {
        return Err(unparsable());
    }
    if !filter::is_single_identifier(clause) {
        return Err(unparsable());
    }
    let tokens = shlex_split(&clause.replace('`', "\"")).ok_or_else(unparsable)?;
    match tokens.as_slice() {
        [token] => Ok((token.clone(), true)),
        [token, direction] => match direction.to_lowercase().as_str() {
            "asc" => Ok((token.clone(), true)),
            "desc" => Ok((token.clone(), false)),
            _ => Err(format!(
                "Invalid ordering key in order_by clause '{clause}'."
            )),
        },
        _ => Err(unparsable()),
    }
}

/// Python's `shlex.split` (POSIX mode); `None` for an unclosed quote.
fn shlex_split(s: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(word) = cur.take() {
                    out.push(word);
                }
            }
            '\'' => {
                let word = cur.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => word.push(c),
                    }
                }
            }
            '"' => {
                let word = cur.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('\\' | '"' | '$' | '`') => word.push(c),
                            '\n' => {}
                            c => {
                                word.push('\\');
                                word.push(c);
                            }
                        },
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                let word = cur.get_or_insert_with(String::new);
                match chars.next() {
                    Some('\n') => {}
                    Some(c) => word.push(c),
                    None => return None,
                }
            }
            c => cur.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(cur);
    Some(out)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn key(entity: Entity, key: &str, ascending: bool) -> OrderKey {
        OrderKey {
            entity,
            key: key.to_owned(),
            ascending,
        }
    }

    #[rstest]
    #[case(&["metrics.val_auc DESC"], vec![key(Entity::Metric, "val_auc", false)])]
    #[case(&["metrics.`system/cpu` asc"], vec![key(Entity::Metric, "system/cpu", true)])]
    #[case(&["params.lr", "tags.team DESC"], vec![key(Entity::Param, "lr", true), key(Entity::Tag, "team", false)])]
    #[case(&["attributes.created"], vec![key(Entity::Attribute, "start_time", true)])]
    #[case(&["start_time DESC"], vec![key(Entity::Attribute, "start_time", false)])]
    #[case(&["tags.\"a b\" DESC"], vec![key(Entity::Tag, "a b", false)])]
    fn parses(#[case] order_by: &[&str], #[case] want: Vec<OrderKey>) {
        let order_by: Vec<String> = order_by.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(parse(&order_by), Ok(want));
    }

    #[rstest]
    #[case(&["metrics.a DOWN"], "Invalid ordering key in order_by clause 'metrics.a DOWN'.")]
    #[case(&["metrics.a DESC NULLS LAST"], "Invalid order_by clause 'metrics.a DESC NULLS LAST'. Could not be parsed.")]
    #[case(&[" metrics.a"], "Invalid order_by clause ' metrics.a'. Could not be parsed.")]
    #[case(&["metrics.a", "metrics.a DESC"], "`order_by` contains duplicate fields: ['metrics.a', 'metrics.a DESC']")]
    #[case(&["datasets.name"], "Invalid identifier type 'dataset'")]
    #[case(&["attributes.foo"], "Invalid attribute key 'foo' specified. Valid keys are '{'Created', 'artifact_uri', 'created', 'end_time', 'run_id', 'run_name', 'start_time', 'status', 'user_id'}'")]
    fn rejects(#[case] order_by: &[&str], #[case] message: &str) {
        let order_by: Vec<String> = order_by.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(parse(&order_by), Err(message.to_owned()));
    }
}
