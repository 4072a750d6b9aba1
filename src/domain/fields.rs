//! A run's metrics, params or tags: a small map kept as one sorted vector.
//!
//! A run carries about ten of each. A `BTreeMap` allocates a node with room for eleven entries
//! and a `String` per key; [`Fields`] holds exactly its entries, keyed by shared [`Name`]s, and
//! behaves like the map it replaces: sorted iteration, lookup by `&str`, insert replaces,
//! serialized as a JSON object in key order.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::name::{Interner, Name};

/// A map from names to values, sorted by name, without duplicate names.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Fields<V> {
    entries: Vec<(Name, V)>,
}

impl<V> Default for Fields<V> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<V> Fields<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        Self {
            entries: Vec::with_capacity(n),
        }
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.find(key).ok().map(|i| &mut self.entries[i].1)
    }

    /// The entry under `key`, with the stored (shared) name.
    pub fn get_key_value(&self, key: &str) -> Option<(&Name, &V)> {
        self.find(key)
            .ok()
            .map(|i| (&self.entries[i].0, &self.entries[i].1))
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: impl Into<Name>, value: V) -> Option<V> {
        let key = key.into();
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&Name, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> Iter<'_, V> {
        Iter(self.entries.iter())
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Name> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// Releases spare capacity (after filling a map whose size was not known).
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }

    /// Builds from entries in any order; of two entries with one name, the later one wins
    /// (as inserting them one by one into a map would).
    fn from_entries(mut entries: Vec<(Name, V)>) -> Self {
        // Stable: equal names keep their order, so the last of them is the one to keep.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(Name, V)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => out.push((k, v)),
            }
        }
        out.shrink_to_fit();
        Self { entries: out }
    }
}

impl Fields<Name> {
    /// Params or tags from text pairs, names and values shared through [`Interner::global`].
    pub fn interned<K: AsRef<str>, T: AsRef<str>>(pairs: impl IntoIterator<Item = (K, T)>) -> Self {
        let mut names = Interner::global().lock();
        pairs
            .into_iter()
            .map(|(k, v)| names.pair(k.as_ref(), v.as_ref()))
            .collect()
    }
}

impl<V> Fields<V> {
    /// Metrics (or any values) keyed by names shared through [`Interner::global`].
    pub fn interned_keys<K: AsRef<str>>(entries: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut names = Interner::global().lock();
        entries
            .into_iter()
            .map(|(k, v)| (names.key(k.as_ref()), v))
            .collect()
    }
}

/// Iterates a [`Fields`] in name order, as `(&Name, &V)` like a map's `iter`.
#[derive(Clone)]
pub struct Iter<'a, V>(std::slice::Iter<'a, (Name, V)>);

impl<'a, V> Iterator for Iter<'a, V> {
    type Item = (&'a Name, &'a V);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<V> DoubleEndedIterator for Iter<'_, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl<V> ExactSizeIterator for Iter<'_, V> {}

impl<'a, V> IntoIterator for &'a Fields<V> {
    type Item = (&'a Name, &'a V);
    type IntoIter = Iter<'a, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<V> IntoIterator for Fields<V> {
    type Item = (Name, V);
    type IntoIter = std::vec::IntoIter<(Name, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<K: Into<Name>, V> FromIterator<(K, V)> for Fields<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self::from_entries(iter.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

/// Params or tags from owned text, as they come from files and fixtures.
impl FromIterator<(String, String)> for Fields<Name> {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        Self::from_entries(
            iter.into_iter()
                .map(|(k, v)| (Name::from(k), Name::from(v)))
                .collect(),
        )
    }
}

/// Lookup that panics on a missing name, as a map's index does (for tests).
impl<V> std::ops::Index<&str> for Fields<V> {
    type Output = V;
    #[expect(
        clippy::panic,
        reason = "a missing name is a bug at the call site, as with a map"
    )]
    fn index(&self, key: &str) -> &V {
        self.get(key)
            .unwrap_or_else(|| panic!("no field {key:?} in {:?}", self.keys().collect::<Vec<_>>()))
    }
}

impl<K: Into<Name>, V> Extend<(K, V)> for Fields<V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Into<Name>, V, const N: usize> From<[(K, V); N]> for Fields<V> {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V: fmt::Debug> fmt::Debug for Fields<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for Fields<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k.as_str(), v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Fields<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldsVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for FieldsVisitor<V> {
            type Value = Fields<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(256));
                while let Some((k, v)) = access.next_entry::<Name, V>()? {
                    entries.push((k, v));
                }
                Ok(Fields::from_entries(entries))
            }
        }
        d.deserialize_map(FieldsVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn iterates_in_name_order_and_finds_by_str() {
        let f: Fields<i32> = [("b", 2), ("c", 3), ("a", 1)].into();
        assert_eq!(
            f.keys().map(Name::as_str).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert_eq!(f.values().copied().collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(f.get("b"), Some(&2));
        assert_eq!(f.get(&String::from("c")), Some(&3));
        assert_eq!(f.get("z"), None);
        assert!(f.contains_key("a"));
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn insert_replaces_and_later_duplicates_win() {
        let mut f: Fields<&str> = Fields::new();
        assert_eq!(f.insert("lr", "0.1"), None);
        assert_eq!(f.insert("lr", "0.2"), Some("0.1"));
        assert_eq!(f.len(), 1);
        assert_eq!(f.get("lr"), Some(&"0.2"));
        let g: Fields<i32> = [("k", 1), ("j", 0), ("k", 2)].into();
        assert_eq!(g.get("k"), Some(&2));
        assert_eq!(g.len(), 2);
        assert_eq!(f.remove("lr"), Some("0.2"));
        assert!(f.is_empty());
    }

    #[test]
    fn serializes_and_reads_back_as_a_map() {
        let f: Fields<Name> = [("z", Name::from("1")), ("a", Name::from("x"))].into();
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(json, r#"{"a":"x","z":"1"}"#);
        let back: Fields<Name> = serde_json::from_str(r#"{"z":"1","a":"x"}"#).unwrap();
        assert_eq!(back, f);
        assert_eq!(format!("{f:?}"), r#"{"a": "x", "z": "1"}"#);
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(String, u8),
        Remove(String),
    }

    fn op() -> impl Strategy<Value = Op> {
        let key = "[a-e]{0,2}";
        prop_oneof![
            (key, any::<u8>()).prop_map(|(k, v)| Op::Insert(k, v)),
            key.prop_map(Op::Remove),
        ]
    }

    proptest! {
        #[test]
        fn behaves_like_a_btreemap(
            start in prop::collection::vec(("[a-e]{0,2}", any::<u8>()), 0..12),
            ops in prop::collection::vec(op(), 0..40),
        ) {
            let mut f: Fields<u8> = start.iter().cloned().collect();
            let mut m: BTreeMap<String, u8> = start.into_iter().collect();
            for op in ops {
                match op {
                    Op::Insert(k, v) => prop_assert_eq!(f.insert(k.as_str(), v), m.insert(k, v)),
                    Op::Remove(k) => prop_assert_eq!(f.remove(&k), m.remove(&k)),
                }
                let fe: Vec<(&str, u8)> = f.iter().map(|(k, v)| (k.as_str(), *v)).collect();
                let me: Vec<(&str, u8)> = m.iter().map(|(k, v)| (k.as_str(), *v)).collect();
                prop_assert_eq!(fe, me);
                for k in ["", "a", "ab", "e", "ee", "z"] {
                    prop_assert_eq!(f.get(k), m.get(k));
                }
            }
            prop_assert_eq!(serde_json::to_string(&f).unwrap(), serde_json::to_string(&m).unwrap());
        }
    }
}
