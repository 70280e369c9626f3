//! [`StringMap`]: Go's `map[string]string` (labels, annotations, selectors) as a sorted vector.
//!
//! Objects carry many small maps (a pod's labels are typically one or two entries); a
//! `BTreeMap<String, String>` spends a B-tree leaf node of over 500 bytes on each, a sorted vector only the
//! entries. The map behaves as the `BTreeMap` it replaces: keys unique and iterated in order,
//! `Debug` printing, `Hash`/`Ord`, and (de)serialization (a JSON object in key order; a duplicate
//! key on input keeps the last value) are the same.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `map[string]string` as used for labels, annotations and selectors: entries sorted by key,
/// keys unique.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct StringMap(Vec<(String, String)>);

/// Iterator over a [`StringMap`]'s entries in key order.
pub type Iter<'a> = std::iter::Map<
    std::slice::Iter<'a, (String, String)>,
    fn(&'a (String, String)) -> (&'a String, &'a String),
>;

fn pair_refs(e: &(String, String)) -> (&String, &String) {
    (&e.0, &e.1)
}

impl StringMap {
    /// An empty map.
    pub const fn new() -> Self {
        StringMap(Vec::new())
    }

    /// Where `key` is, or where it would go.
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        String: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&String>
    where
        String: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// The stored key and value of `key`.
    pub fn get_key_value<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(&String, &String)>
    where
        String: Borrow<Q>,
    {
        self.find(key).ok().map(|i| pair_refs(&self.0[i]))
    }

    /// The value of `key`, mutably.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut String>
    where
        String: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    /// Whether `key` has an entry.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        String: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaced (the stored key is kept, as
    /// `BTreeMap::insert` does).
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        match self.find(key.as_str()) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<String>
    where
        String: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// The value of `key`, inserted by `default` first when absent (`entry(key).or_insert_with`).
    pub fn get_or_insert_with(
        &mut self,
        key: String,
        default: impl FnOnce() -> String,
    ) -> &mut String {
        let i = match self.find(key.as_str()) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key, default()));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Keeps the entries for which `f` holds.
    pub fn retain(&mut self, mut f: impl FnMut(&String, &mut String) -> bool) {
        self.0.retain_mut(|(k, v)| f(k, v));
    }

    /// Removes all entries.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_> {
        self.0
            .iter()
            .map(pair_refs as fn(&(String, String)) -> (&String, &String))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator + Clone {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator + Clone {
        self.0.iter().map(|(_, v)| v)
    }

    /// Builds the map from entries in any order; of duplicate keys the last value wins, as
    /// repeated `BTreeMap::insert`s would leave it.
    fn from_vec(mut v: Vec<(String, String)>) -> Self {
        if !v.is_sorted_by(|a, b| a.0 < b.0) {
            // Stable, so duplicates stay in input order and the last one can be kept.
            v.sort_by(|a, b| a.0.cmp(&b.0));
            let mut out: Vec<(String, String)> = Vec::with_capacity(v.len());
            for e in v {
                match out.last_mut() {
                    Some(last) if last.0 == e.0 => last.1 = e.1,
                    _ => out.push(e),
                }
            }
            v = out;
        }
        StringMap(v)
    }
}

impl fmt::Debug for StringMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As `BTreeMap` prints: `{"app": "web"}`.
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Hash for StringMap {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As `BTreeMap` hashes: the length, then each entry.
        state.write_usize(self.0.len());
        for (k, v) in &self.0 {
            k.hash(state);
            v.hash(state);
        }
    }
}

impl FromIterator<(String, String)> for StringMap {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        StringMap::from_vec(iter.into_iter().collect())
    }
}

impl<const N: usize> From<[(String, String); N]> for StringMap {
    fn from(a: [(String, String); N]) -> Self {
        StringMap::from_vec(Vec::from(a))
    }
}

impl Extend<(String, String)> for StringMap {
    fn extend<I: IntoIterator<Item = (String, String)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<'a> IntoIterator for &'a StringMap {
    type Item = (&'a String, &'a String);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for StringMap {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<Q: Ord + ?Sized> std::ops::Index<&Q> for StringMap
where
    String: Borrow<Q>,
{
    type Output = String;

    fn index(&self, key: &Q) -> &String {
        self.get(key).expect("no entry found for key")
    }
}

impl Serialize for StringMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // As `BTreeMap` serializes.
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for StringMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(StringMapVisitor)
    }
}

/// Visits a map as serde's `BTreeMap` visitor does (the same `expecting` text and the same
/// `next_entry` calls, which svcplay's decoder relies on for its type names and messages).
struct StringMapVisitor;

impl<'de> Visitor<'de> for StringMapVisitor {
    type Value = StringMap;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StringMap, A::Error> {
        // Bounded like serde's own preallocation: the hint is not trusted beyond that.
        let mut v = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(entry) = map.next_entry::<String, String>()? {
            v.push(entry);
        }
        Ok(StringMap::from_vec(v))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn pairs(kv: &[(&str, &str)]) -> Vec<(String, String)> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The same inputs as a `BTreeMap` and as a `StringMap`.
    fn both(kv: &[(&str, &str)]) -> (BTreeMap<String, String>, StringMap) {
        (
            pairs(kv).into_iter().collect(),
            pairs(kv).into_iter().collect(),
        )
    }

    #[test]
    fn behaves_as_btreemap() {
        let cases: &[&[(&str, &str)]] = &[
            &[],
            &[("app", "web")],
            &[("tier", "fe"), ("app", "web")],
            &[("b", "1"), ("a", "2"), ("b", "3"), ("c", "4"), ("a", "5")],
            &[("x", ""), ("", "y")],
        ];
        for kv in cases {
            let (b, s) = both(kv);
            assert_eq!(format!("{b:?}"), format!("{s:?}"), "{kv:?}");
            assert_eq!(format!("{b:#?}"), format!("{s:#?}"), "{kv:?}");
            assert_eq!(
                serde_json::to_string(&b).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
            assert_eq!(b.len(), s.len());
            assert!(b.iter().eq(s.iter()));
            assert!(b.clone().into_iter().eq(s.clone()));
            for (k, v) in *kv {
                assert_eq!(b.get(*k), s.get(*k));
                assert_eq!(b.get_key_value(*k), s.get_key_value(*k));
                assert!(s.contains_key(*k));
                let _ = v;
            }
            assert_eq!(s.get("zz"), None);
            let h = |x: &dyn Fn(&mut std::hash::DefaultHasher)| {
                let mut st = std::hash::DefaultHasher::new();
                x(&mut st);
                st.finish()
            };
            assert_eq!(h(&|st| b.hash(st)), h(&|st| s.hash(st)), "{kv:?}");
        }
    }

    #[test]
    fn ordering_matches_btreemap() {
        let maps: &[&[(&str, &str)]] = &[
            &[],
            &[("a", "1")],
            &[("a", "2")],
            &[("a", "1"), ("b", "1")],
            &[("b", "0")],
        ];
        for x in maps {
            for y in maps {
                let (bx, sx) = both(x);
                let (by, sy) = both(y);
                assert_eq!(bx.cmp(&by), sx.cmp(&sy), "{x:?} {y:?}");
                assert_eq!(bx == by, sx == sy);
            }
        }
    }

    #[test]
    fn insert_remove_keep_order() {
        let mut b = BTreeMap::new();
        let mut s = StringMap::new();
        for (i, k) in ["m", "c", "x", "c", "a", "z", "m"].iter().enumerate() {
            assert_eq!(
                b.insert(k.to_string(), i.to_string()),
                s.insert(k.to_string(), i.to_string())
            );
        }
        assert!(b.iter().eq(s.iter()));
        assert_eq!(b.remove("c"), s.remove("c"));
        assert_eq!(b.remove("q"), s.remove("q"));
        assert!(b.iter().eq(s.iter()));
        s.extend(pairs(&[("b", "1"), ("a", "2")]));
        b.extend(pairs(&[("b", "1"), ("a", "2")]));
        assert!(b.iter().eq(s.iter()));
        assert!(b.keys().eq(s.keys()));
        assert!(b.values().eq(s.values()));
        b.entry("d".to_string()).or_insert_with(|| "7".to_string());
        s.get_or_insert_with("d".to_string(), || "7".to_string());
        b.entry("a".to_string()).or_insert_with(|| "8".to_string());
        s.get_or_insert_with("a".to_string(), || "8".to_string());
        assert!(b.iter().eq(s.iter()));
        b.retain(|k, _| k != "m");
        s.retain(|k, _| k != "m");
        assert!(b.iter().eq(s.iter()));
        assert_eq!(b["a"], s["a"]);
        *s.get_mut("a").unwrap() = "9".to_string();
        assert_eq!(s.get("a").map(String::as_str), Some("9"));
    }

    #[test]
    fn deserializes_as_btreemap() {
        for text in [
            r#"{}"#,
            r#"{"b":"1","a":"2"}"#,
            r#"{"a":"1","a":"2"}"#,
            r#"{"a":1}"#,
            r#"["a"]"#,
            r#"null"#,
        ] {
            let b: Result<BTreeMap<String, String>, _> = serde_json::from_str(text);
            let s: Result<StringMap, _> = serde_json::from_str(text);
            match (b, s) {
                (Ok(b), Ok(s)) => assert!(b.iter().eq(s.iter()), "{text}"),
                (Err(b), Err(s)) => assert_eq!(b.to_string(), s.to_string(), "{text}"),
                (b, s) => panic!("{text}: {b:?} vs {s:?}"),
            }
        }
    }
}
