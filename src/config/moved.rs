//! Keys that moved to another table. A file that still sets one where it used to be loads as
//! before (the value is read at its new place), and `config check` says where it belongs now.

/// `(old table, old key, new table, new key)`. Promotion by pull or merge request is the same
/// for GitHub and GitLab, so its settings left `[github]`.
const MOVED: &[(&str, &str, &str, &str)] = &[
    ("github", "promote_via", "promotion", "via"),
    ("github", "promote_via_model", "promotion", "via_model"),
    ("github", "deployment_file", "promotion", "deployment_file"),
    ("github", "branch_prefix", "promotion", "branch_prefix"),
    ("github", "label", "promotion", "label"),
    ("github", "base_branch", "promotion", "base_branch"),
    ("github", "draft", "promotion", "draft"),
    ("github", "refresh_secs", "ui", "changes_refresh_secs"),
];

/// One key found at its old place: both as dotted keys (`github.label`, `promotion.label`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub old: String,
    pub new: String,
}

impl Moved {
    /// What `config check` says of it.
    pub fn advice(&self) -> String {
        format!("read as {}: move it there", self.new)
    }
}

/// The keys of `table` (a config file's top level, or one profile's table) still at their old
/// places.
pub fn found(table: &toml::Table) -> Vec<Moved> {
    MOVED
        .iter()
        .filter(|(t, k, _, _)| {
            table
                .get(*t)
                .and_then(toml::Value::as_table)
                .is_some_and(|old| old.contains_key(*k))
        })
        .map(|(t, k, nt, nk)| Moved {
            old: format!("{t}.{k}"),
            new: format!("{nt}.{nk}"),
        })
        .collect()
}

/// Moves each key of `table` at its old place to its new one. `Err((old key, what is wrong))`
/// when the table sets both, since neither can be said to win.
pub fn lift(table: &mut toml::Table) -> Result<(), (String, String)> {
    for (t, k, nt, nk) in MOVED {
        // A new place that is not a table (`promotion = "x"`) is left for serde to name, and
        // the old key where it is.
        if table.get(*nt).is_some_and(|v| !v.is_table()) {
            continue;
        }
        let Some(value) = table
            .get_mut(*t)
            .and_then(toml::Value::as_table_mut)
            .and_then(|old| old.remove(*k))
        else {
            continue;
        };
        let new = table
            .entry((*nt).to_owned())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let Some(new) = new.as_table_mut() else {
            continue;
        };
        if new.contains_key(*nk) {
            return Err((
                format!("{t}.{k}"),
                format!("set here and as {nt}.{nk}: keep only {nt}.{nk}"),
            ));
        }
        new.insert((*nk).to_owned(), value);
    }
    Ok(())
}

/// `key` (a dotted key of the loaded config, as serde names it) as `table` spells it: the old
/// place when the table set it there, so that a message names what the file says.
pub fn origin(key: &str, table: &toml::Table) -> String {
    for m in found(table) {
        if let Some(rest) = key.strip_prefix(m.new.as_str())
            && (rest.is_empty() || rest.starts_with(['.', '[']))
        {
            return format!("{}{rest}", m.old);
        }
    }
    key.to_owned()
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    fn table(text: &str) -> toml::Table {
        text.parse().unwrap()
    }

    #[test]
    fn an_old_key_is_read_at_its_new_place_and_reported() {
        let mut t = table("[github]\nrepo = \"a/b\"\nlabel = \"ship\"\nrefresh_secs = 5\n");
        assert_eq!(
            found(&t).iter().map(Moved::advice).collect::<Vec<_>>(),
            [
                "read as promotion.label: move it there",
                "read as ui.changes_refresh_secs: move it there",
            ]
        );
        lift(&mut t).unwrap();
        assert_eq!(
            t,
            table(
                "[github]\nrepo = \"a/b\"\n[promotion]\nlabel = \"ship\"\n\
                 [ui]\nchanges_refresh_secs = 5\n"
            )
        );
        assert!(found(&t).is_empty());
    }

    #[test]
    fn a_key_is_named_where_the_file_sets_it() {
        let old = table("[github]\npromote_via_model = { a = \"pr\" }\n");
        assert_eq!(
            origin("promotion.via_model.a", &old),
            "github.promote_via_model.a"
        );
        assert_eq!(origin("promotion.via", &old), "promotion.via");
        assert_eq!(
            origin("promotion.via_model", &table("")),
            "promotion.via_model"
        );
    }

    #[test]
    fn a_new_place_that_is_not_a_table_leaves_the_old_key_for_serde() {
        let mut t = table("promotion = \"x\"\n[github]\nlabel = \"a\"\n");
        lift(&mut t).unwrap();
        assert_eq!(t, table("promotion = \"x\"\n[github]\nlabel = \"a\"\n"));
    }

    #[test]
    fn both_places_set_is_refused_naming_the_old_key() {
        let mut t = table("[github]\ndraft = true\n[promotion]\ndraft = false\n");
        assert_eq!(
            lift(&mut t).unwrap_err(),
            (
                "github.draft".to_owned(),
                "set here and as promotion.draft: keep only promotion.draft".to_owned()
            )
        );
    }
}
