//! Shared strings for what every run of a listing repeats: metric names, param and tag keys,
//! and the values many runs share (`mlflow.user`, `mlflow.source.name`, a learning rate).
//!
//! A [`Name`] is one reference-counted allocation; an [`Interner`] hands out the same one for
//! equal text, so 100,000 runs with the same ten metric names hold ten strings, not a million.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable, cheaply cloned string. Compares, hashes and orders like `str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Name(Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether both names hold the very same allocation (what interning buys).
    pub fn shares(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Self(Arc::from(s))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Self(Arc::from(s))
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Self {
        Self(Arc::from(s.as_str()))
    }
}

impl From<&Name> for Name {
    fn from(s: &Name) -> Self {
        s.clone()
    }
}

impl From<Name> for String {
    fn from(n: Name) -> Self {
        n.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self::from)
    }
}

/// Values longer than this are rarely shared (notes, commands, long paths): kept as they come.
const MAX_VALUE_LEN: usize = 256;
/// How many distinct strings each table keeps before it starts over. A table that starts over
/// only stops sharing with what came before: every name handed out stays valid.
const MAX_ENTRIES: usize = 1 << 16;
/// How many strings each table of a [`Local`] keeps before it starts over.
const LOCAL_ENTRIES: usize = 1 << 10;

/// Hands out one shared [`Name`] per distinct text ([`Interner::global`] is the one backends
/// use, so every page of every listing shares its keys). Bounded: each table holds at most
/// 65,536 strings, then starts over; values longer than 256 bytes are not shared.
#[derive(Debug, Default)]
pub struct Interner {
    tables: Mutex<Tables>,
}

#[derive(Debug, Default)]
struct Tables {
    keys: HashSet<Name>,
    values: HashSet<Name>,
}

impl Interner {
    pub fn new() -> Self {
        Self::default()
    }

    /// The process's interner, which every backend fills runs through: rows of one listing,
    /// of its later pages and of a refresh share their names.
    pub fn global() -> &'static Self {
        static GLOBAL: OnceLock<Interner> = OnceLock::new();
        GLOBAL.get_or_init(Self::new)
    }

    /// Holds the tables for a batch of lookups (one run's fields, one page of rows).
    pub fn lock(&self) -> Shared<'_> {
        Shared(self.tables.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// A metric name, param key or tag key.
    pub fn key(&self, s: &str) -> Name {
        self.lock().key(s)
    }

    /// A param or tag value: shared unless it is long.
    pub fn value(&self, s: &str) -> Name {
        self.lock().value(s)
    }

    /// Tables of a reader's own in front of these: see [`Local`].
    pub fn local(&self) -> Local<'_> {
        Local {
            shared: self,
            tables: Tables::default(),
        }
    }
}

/// A reader's own tables in front of an [`Interner`]: text the reader met lately is found
/// without the lock, so that readers on several threads (a sqlite listing's two) share names
/// without waiting on each other, and only text new to the reader takes the lock. Each table
/// keeps [`LOCAL_ENTRIES`] strings, then starts over: enough for the keys and common values a
/// listing repeats, where a copy of the interner's tables would cost a megabyte a reader. What
/// it hands out is the interner's, shared with every other reader.
pub struct Local<'a> {
    shared: &'a Interner,
    tables: Tables,
}

impl Local<'_> {
    /// A metric name, param key or tag key, as [`Shared::key`].
    pub fn key(&mut self, s: &str) -> Name {
        if s.len() > MAX_VALUE_LEN {
            return Name::from(s);
        }
        let shared = self.shared;
        remembered(&mut self.tables.keys, LOCAL_ENTRIES, s, || shared.key(s))
    }

    /// A param or tag value, as [`Shared::value`].
    pub fn value(&mut self, s: &str) -> Name {
        if s.len() > MAX_VALUE_LEN {
            return Name::from(s);
        }
        let shared = self.shared;
        remembered(&mut self.tables.values, LOCAL_ENTRIES, s, || {
            shared.value(s)
        })
    }

    /// A key and its value, for filling a run's params or tags.
    pub fn pair(&mut self, key: &str, value: &str) -> (Name, Name) {
        (self.key(key), self.value(value))
    }
}

/// An [`Interner`] held for a batch of lookups.
pub struct Shared<'a>(MutexGuard<'a, Tables>);

impl Shared<'_> {
    /// A metric name, param key or tag key: shared unless it is long, like a value (a
    /// table of 65,536 long keys would pin megabytes).
    pub fn key(&mut self, s: &str) -> Name {
        if s.len() > MAX_VALUE_LEN {
            Name::from(s)
        } else {
            share(&mut self.0.keys, s)
        }
    }

    /// A param or tag value: shared unless it is long.
    pub fn value(&mut self, s: &str) -> Name {
        if s.len() > MAX_VALUE_LEN {
            Name::from(s)
        } else {
            share(&mut self.0.values, s)
        }
    }

    /// A key and its value, for filling a run's params or tags.
    pub fn pair(&mut self, key: &str, value: &str) -> (Name, Name) {
        (self.key(key), self.value(value))
    }
}

fn share(table: &mut HashSet<Name>, s: &str) -> Name {
    remembered(table, MAX_ENTRIES, s, || Name::from(s))
}

/// The name `table` holds for `s`, or the one `make` makes, kept in `table` (which starts over
/// when it holds `most`).
fn remembered(
    table: &mut HashSet<Name>,
    most: usize,
    s: &str,
    make: impl FnOnce() -> Name,
) -> Name {
    if let Some(n) = table.get(s) {
        return n.clone();
    }
    if table.len() >= most {
        table.clear();
    }
    let n = make();
    table.insert(n.clone());
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_text_shares_one_allocation() {
        let names = Interner::new();
        let first = names.key("val_auc");
        let second = names.key(&String::from("val_auc"));
        assert!(first.shares(&second));
        assert!(!first.shares(&Name::from("val_auc")));
        let (key, value) = names.lock().pair("mlflow.user", "ann");
        assert!(key.shares(&names.key("mlflow.user")));
        assert!(value.shares(&names.value("ann")));
    }

    #[test]
    fn a_local_table_hands_out_the_shared_names() {
        let names = Interner::new();
        let before = names.key("val_auc");
        let (mut one, mut two) = (names.local(), names.local());
        let first = one.key("val_auc");
        assert!(first.shares(&before));
        assert!(one.key("val_auc").shares(&first));
        let (key, value) = two.pair("mlflow.user", "ann");
        assert!(key.shares(&one.key("mlflow.user")));
        assert!(value.shares(&one.value("ann")));
        assert!(value.shares(&names.value("ann")));
        let long = "x".repeat(MAX_VALUE_LEN + 1);
        assert!(!one.value(&long).shares(&one.value(&long)));
    }

    #[test]
    fn long_values_are_not_kept() {
        let i = Interner::new();
        let long = "x".repeat(MAX_VALUE_LEN + 1);
        assert!(!i.value(&long).shares(&i.value(&long)));
        assert_eq!(i.value(&long), Name::from(long.as_str()));
    }

    #[test]
    fn a_full_table_starts_over_and_old_names_stay_valid() {
        let i = Interner::new();
        let first = i.value("v0");
        for n in 1..=MAX_ENTRIES {
            i.value(&format!("v{n}"));
        }
        let again = i.value("v0");
        assert_eq!(first, again);
        assert_eq!(first.as_str(), "v0");
        assert!(i.value("v0").shares(&again));
    }

    #[test]
    fn names_compare_and_serialize_like_strings() {
        let n = Name::from("lr");
        assert_eq!(n, "lr");
        assert_eq!("lr", n);
        assert_eq!(n, String::from("lr"));
        let (a, b) = (Name::from("a"), Name::from("b"));
        assert!(a < b);
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"lr\"");
        assert_eq!(format!("{n} {n:?}"), "lr \"lr\"");
        let back: Name = serde_json::from_str("\"lr\"").unwrap();
        assert_eq!(back, n);
    }
}
