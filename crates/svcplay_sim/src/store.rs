//! The object store: what etcd holds in a real cluster. Keyed and iterated by name, so listing is
//! deterministic (kubectl sorts by name too).

use std::borrow::Borrow;
use std::collections::{BTreeMap, btree_map};

use svcplay_model::types::{
    DaemonSet, Deployment, EndpointSlice, Endpoints, Namespace, NetworkPolicy, Node, Object, Pod,
    ReplicaSet, Service, StatefulSet, Unsimulated,
};

/// `(namespace, name)`.
pub type Key = (String, String);

/// The objects of one kind by key: the map operations of a `BTreeMap<K, V>` (iteration in key
/// order), kept as a B-tree from key to slot plus a vector of slots. The B-tree code is then
/// compiled once per key type rather than once per kind (the wasm build is far smaller); a
/// removed object's slot is reused.
#[derive(Clone)]
pub struct KindMap<K, V> {
    index: BTreeMap<K, u32>,
    slots: Vec<Option<V>>,
    free: Vec<u32>,
}

impl<K, V> Default for KindMap<K, V> {
    fn default() -> Self {
        KindMap {
            index: BTreeMap::new(),
            slots: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<K: std::fmt::Debug, V: std::fmt::Debug> std::fmt::Debug for KindMap<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K, V> KindMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many objects.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn slot(&self, i: u32) -> &V {
        self.slots[i as usize].as_ref().expect("indexed slot")
    }

    /// `(key, object)` in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter {
            index: self.index.iter(),
            slots: &self.slots,
        }
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator + Clone + '_ {
        self.index.keys()
    }

    /// The objects, in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone + '_ {
        self.index.values().map(|&i| self.slot(i))
    }

    /// The objects, mutably, in key order.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> + '_ {
        let mut slots: Vec<Option<&mut V>> = self.slots.iter_mut().map(Option::as_mut).collect();
        self.index
            .values()
            .map(move |&i| slots[i as usize].take().expect("indexed slot"))
    }

    /// Removes every object.
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

impl<K: Ord, V> KindMap<K, V> {
    /// The object under `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.index.get(key).map(|&i| self.slot(i))
    }

    /// The object under `key`, mutably.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let i = *self.index.get(key)?;
        self.slots[i as usize].as_mut()
    }

    /// The stored key and object under `key`.
    pub fn get_key_value<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
    {
        self.index
            .get_key_value(key)
            .map(|(k, &i)| (k, self.slot(i)))
    }

    /// `(key, object)` for the keys in `range`, in key order.
    pub fn range<Q: Ord + ?Sized, R: std::ops::RangeBounds<Q>>(
        &self,
        range: R,
    ) -> impl DoubleEndedIterator<Item = (&K, &V)> + '_
    where
        K: Borrow<Q>,
    {
        self.index.range(range).map(|(k, &i)| (k, self.slot(i)))
    }

    /// Rebuilds the key index with full B-tree nodes (see `controllers::pack_map`).
    pub fn pack(&mut self) {
        let Some((k, i)) = self.index.pop_first() else {
            return;
        };
        let mut packed = BTreeMap::new();
        packed.insert(k, i);
        packed.append(&mut self.index);
        self.index = packed;
    }

    /// Whether `key` is present.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.index.contains_key(key)
    }

    /// Stores `value` under `key`; returns the object it replaces (the stored key is kept, as
    /// `BTreeMap::insert` does).
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.index.get(&key) {
            Some(&i) => self.slots[i as usize].replace(value),
            None => {
                let i = new_slot(&mut self.slots, &mut self.free, value);
                self.index.insert(key, i);
                None
            }
        }
    }

    /// The object under `key` or the place for one, as `BTreeMap::entry` (one search).
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        match self.index.entry(key) {
            btree_map::Entry::Occupied(e) => Entry::Occupied(OccupiedEntry(
                self.slots[*e.get() as usize]
                    .as_mut()
                    .expect("indexed slot"),
            )),
            btree_map::Entry::Vacant(index) => Entry::Vacant(VacantEntry {
                index,
                slots: &mut self.slots,
                free: &mut self.free,
            }),
        }
    }

    /// Removes and returns the object under `key`.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = self.index.remove(key)?;
        self.free.push(i);
        self.slots[i as usize].take()
    }

    /// Keeps the objects for which `keep` is true, visiting them in key order.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.retain_dyn(&mut keep);
    }

    fn retain_dyn(&mut self, keep: &mut dyn FnMut(&K, &mut V) -> bool) {
        let (slots, free) = (&mut self.slots, &mut self.free);
        self.index.retain(|k, i| {
            let slot = &mut slots[*i as usize];
            if keep(k, slot.as_mut().expect("indexed slot")) {
                return true;
            }
            *slot = None;
            free.push(*i);
            false
        });
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> std::ops::Index<&Q> for KindMap<K, V> {
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("key in KindMap")
    }
}

/// [`KindMap::entry`].
#[derive(Debug)]
pub enum Entry<'a, K, V> {
    /// The key is taken.
    Occupied(OccupiedEntry<'a, V>),
    /// The key is free.
    Vacant(VacantEntry<'a, K, V>),
}

/// A stored object found by [`KindMap::entry`].
#[derive(Debug)]
pub struct OccupiedEntry<'a, V>(&'a mut V);

impl<V> OccupiedEntry<'_, V> {
    /// The stored object.
    pub fn get(&self) -> &V {
        self.0
    }

    /// Replaces the stored object, returning the old one.
    pub fn insert(self, value: V) -> V {
        std::mem::replace(self.0, value)
    }
}

/// A free key found by [`KindMap::entry`].
pub struct VacantEntry<'a, K, V> {
    index: btree_map::VacantEntry<'a, K, u32>,
    slots: &'a mut Vec<Option<V>>,
    free: &'a mut Vec<u32>,
}

impl<K, V> std::fmt::Debug for VacantEntry<'_, K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VacantEntry")
    }
}

impl<K: Ord, V> VacantEntry<'_, K, V> {
    /// The key.
    pub fn key(&self) -> &K {
        self.index.key()
    }

    /// Stores `value` under the key.
    pub fn insert(self, value: V) {
        self.index.insert(new_slot(self.slots, self.free, value));
    }
}

/// A free slot for `value` (a reused one first).
fn new_slot<V>(slots: &mut Vec<Option<V>>, free: &mut Vec<u32>, value: V) -> u32 {
    match free.pop() {
        Some(i) => {
            slots[i as usize] = Some(value);
            i
        }
        None => {
            slots.push(Some(value));
            (slots.len() - 1) as u32
        }
    }
}

/// [`KindMap::iter`]: `(key, object)` in key order.
#[derive(Debug)]
pub struct Iter<'a, K, V> {
    index: btree_map::Iter<'a, K, u32>,
    slots: &'a [Option<V>],
}

impl<K, V> Clone for Iter<'_, K, V> {
    fn clone(&self) -> Self {
        Iter {
            index: self.index.clone(),
            slots: self.slots,
        }
    }
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        let (k, &i) = self.index.next()?;
        Some((k, self.slots[i as usize].as_ref().expect("indexed slot")))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.index.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (k, &i) = self.index.next_back()?;
        Some((k, self.slots[i as usize].as_ref().expect("indexed slot")))
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}

impl<'a, K, V> IntoIterator for &'a KindMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Every stored object, by kind.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Namespaces by name.
    pub namespaces: KindMap<String, Namespace>,
    /// Nodes by name.
    pub nodes: KindMap<String, Node>,
    /// Pods.
    pub pods: KindMap<Key, Pod>,
    /// Deployments.
    pub deployments: KindMap<Key, Deployment>,
    /// ReplicaSets.
    pub replica_sets: KindMap<Key, ReplicaSet>,
    /// StatefulSets.
    pub stateful_sets: KindMap<Key, StatefulSet>,
    /// DaemonSets.
    pub daemon_sets: KindMap<Key, DaemonSet>,
    /// Services.
    pub services: KindMap<Key, Service>,
    /// EndpointSlices.
    pub endpoint_slices: KindMap<Key, EndpointSlice>,
    /// Endpoints (`core/v1`).
    pub endpoints: KindMap<Key, Endpoints>,
    /// NetworkPolicies (`networking.k8s.io/v1`).
    pub network_policies: KindMap<Key, NetworkPolicy>,
    /// Objects of served kinds svcplay does not simulate, sorted by [`unsimulated_key`] (few,
    /// so a sorted vector rather than one more map type).
    pub unsimulated: Vec<Unsimulated>,
    next_uid: u64,
    resource_version: u64,
}

impl Store {
    /// A fresh, deterministic UID (UUID-shaped).
    pub fn next_uid(&mut self) -> String {
        self.next_uid += 1;
        // `00000000-0000-4000-8000-{n:012x}`, without the formatting machinery (one per pod).
        const PREFIX: &str = "00000000-0000-4000-8000-";
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let n = self.next_uid;
        let mut uid = String::with_capacity(PREFIX.len() + 16);
        uid.push_str(PREFIX);
        let digits = (64 - n.leading_zeros()).div_ceil(4).max(12);
        for i in (0..digits).rev() {
            uid.push(char::from(HEX[((n >> (i * 4)) & 0xf) as usize]));
        }
        uid
    }

    /// The next resourceVersion.
    pub fn next_resource_version(&mut self) -> String {
        self.resource_version += 1;
        self.resource_version.to_string()
    }

    /// The resourceVersion [`Store::next_resource_version`] would hand out next, without taking it.
    pub fn resource_version_after(&self) -> u64 {
        self.resource_version + 1
    }

    /// Reserves `n` consecutive resourceVersions and returns the first, for a pass that writes
    /// `n` objects in place: the `i`-th write (from 0) takes the first plus `i`, exactly what
    /// `n` calls of [`Store::next_resource_version`] would hand out.
    pub fn reserve_resource_versions(&mut self, n: u64) -> u64 {
        let first = self.resource_version + 1;
        self.resource_version += n;
        first
    }

    /// Every stored object: namespaces, nodes, then namespaced kinds (Endpoints before
    /// EndpointSlices, as `kubectl get all`-style dumps list core kinds first), each sorted by key.
    pub fn items(&self) -> Vec<Object> {
        let mut out: Vec<Object> = Vec::new();
        out.extend(self.namespaces.values().cloned().map(Object::Namespace));
        out.extend(self.nodes.values().cloned().map(Object::Node));
        out.extend(self.deployments.values().cloned().map(Object::Deployment));
        out.extend(self.replica_sets.values().cloned().map(Object::ReplicaSet));
        out.extend(
            self.stateful_sets
                .values()
                .cloned()
                .map(Object::StatefulSet),
        );
        out.extend(self.daemon_sets.values().cloned().map(Object::DaemonSet));
        out.extend(self.pods.values().cloned().map(Object::Pod));
        out.extend(self.services.values().cloned().map(Object::Service));
        out.extend(self.endpoints.values().cloned().map(Object::Endpoints));
        out.extend(
            self.endpoint_slices
                .values()
                .cloned()
                .map(Object::EndpointSlice),
        );
        out.extend(
            self.network_policies
                .values()
                .cloned()
                .map(Object::NetworkPolicy),
        );
        out.extend(self.unsimulated.iter().cloned().map(Object::Unsimulated));
        out
    }

    /// Where `obj` is, or would go, in [`Store::unsimulated`].
    pub fn find_unsimulated(&self, obj: &Unsimulated) -> Result<usize, usize> {
        let key = unsimulated_key(obj);
        self.unsimulated
            .binary_search_by(|o| unsimulated_key(o).cmp(&key))
    }

    /// Every stored object in [`Store::items`]' order, serialized from the store without
    /// copying it (`apply -o json` of a large cluster).
    pub fn items_ref(&self) -> ItemsRef<'_> {
        ItemsRef(self)
    }

    /// Whether an object of `kind` named `name` exists in `namespace` (ignored for cluster-scoped kinds).
    pub fn exists(&self, kind: &str, namespace: &str, name: &str) -> bool {
        let key = (namespace.to_string(), name.to_string());
        match kind {
            "Namespace" => self.namespaces.contains_key(name),
            "Node" => self.nodes.contains_key(name),
            "Pod" => self.pods.contains_key(&key),
            "Deployment" => self.deployments.contains_key(&key),
            "ReplicaSet" => self.replica_sets.contains_key(&key),
            "StatefulSet" => self.stateful_sets.contains_key(&key),
            "DaemonSet" => self.daemon_sets.contains_key(&key),
            "Service" => self.services.contains_key(&key),
            "EndpointSlice" => self.endpoint_slices.contains_key(&key),
            "Endpoints" => self.endpoints.contains_key(&key),
            "NetworkPolicy" => self.network_policies.contains_key(&key),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `KindMap` answers as the `BTreeMap` it replaces, through inserts, removals (and reused
    /// slots), `retain`, `entry` and `values_mut`.
    #[test]
    fn kind_map_behaves_as_a_btree_map() {
        let mut m: KindMap<String, u64> = KindMap::new();
        let mut b: BTreeMap<String, u64> = BTreeMap::new();
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for step in 0..5000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let k = format!("k{}", x % 97);
            match x % 7 {
                0..=2 => assert_eq!(m.insert(k.clone(), step), b.insert(k, step)),
                3 => assert_eq!(m.remove(k.as_str()), b.remove(k.as_str())),
                4 => {
                    if let Entry::Vacant(e) = m.entry(k.clone()) {
                        assert_eq!(e.key(), &k);
                        e.insert(step);
                    }
                    b.entry(k).or_insert(step);
                }
                5 => {
                    m.retain(|k, v| !(k.len() as u64 + *v).is_multiple_of(5));
                    b.retain(|k, v| !(k.len() as u64 + *v).is_multiple_of(5));
                }
                _ => {
                    for (a, c) in m.values_mut().zip(b.values_mut()) {
                        *a += 1;
                        *c += 1;
                    }
                }
            }
            assert_eq!(m.len(), b.len());
            assert!(m.iter().eq(b.iter()));
            assert_eq!(m.get(k_of(x).as_str()), b.get(k_of(x).as_str()));
        }
        assert!(m.iter().rev().eq(b.iter().rev()));
        assert!(m.keys().eq(b.keys()));
        assert!(m.values().eq(b.values()));
        let from = "k5".to_string();
        assert!(m.range(from.clone()..).eq(b.range(from..)));
        m.pack();
        assert!(m.iter().eq(b.iter()));
        m.clear();
        assert!(m.is_empty());
    }

    fn k_of(x: u64) -> String {
        format!("k{}", (x >> 8) % 97)
    }

    #[test]
    fn uids_are_zero_padded_hex() {
        let mut s = Store::default();
        assert_eq!(s.next_uid(), "00000000-0000-4000-8000-000000000001");
        s.next_uid = 0xabc_def0_1233;
        assert_eq!(s.next_uid(), "00000000-0000-4000-8000-0abcdef01234");
        s.next_uid = 0xffff_ffff_ffff - 1;
        assert_eq!(s.next_uid(), "00000000-0000-4000-8000-ffffffffffff");
        assert_eq!(s.next_uid(), "00000000-0000-4000-8000-1000000000000");
        s.next_uid = u64::MAX - 1;
        assert_eq!(
            s.next_uid(),
            format!("00000000-0000-4000-8000-{:012x}", u64::MAX)
        );
    }
}

/// The order of [`Store::unsimulated`]: API group, resource, namespace, name (one resource may
/// be served in several versions: `autoscaling/v1` and `v2` HorizontalPodAutoscalers are the same
/// objects).
pub fn unsimulated_key(o: &Unsimulated) -> (&str, &str, &str, &str) {
    let (group, resource) = o.builtin().map_or(("", ""), |b| (b.group, b.resource));
    (group, resource, &o.metadata.namespace, &o.metadata.name)
}

/// The store's objects as a JSON array, in [`Store::items`]' order (see [`Store::items_ref`]).
#[derive(Debug, Clone, Copy)]
pub struct ItemsRef<'a>(&'a Store);

impl serde::Serialize for ItemsRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let st = self.0;
        let len = st.namespaces.len()
            + st.nodes.len()
            + st.deployments.len()
            + st.replica_sets.len()
            + st.stateful_sets.len()
            + st.daemon_sets.len()
            + st.pods.len()
            + st.services.len()
            + st.endpoints.len()
            + st.endpoint_slices.len()
            + st.network_policies.len()
            + st.unsimulated.len();
        let mut seq = serializer.serialize_seq(Some(len))?;
        st.namespaces
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.nodes
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.deployments
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.replica_sets
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.stateful_sets
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.daemon_sets
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.pods
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.services
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.endpoints
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.endpoint_slices
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.network_policies
            .values()
            .try_for_each(|o| seq.serialize_element(o))?;
        st.unsimulated
            .iter()
            .try_for_each(|o| seq.serialize_element(o))?;
        seq.end()
    }
}
