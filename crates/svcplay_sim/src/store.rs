//! The object store: what etcd holds in a real cluster. Keyed and iterated by name, so listing is
//! deterministic (kubectl sorts by name too).

use std::collections::BTreeMap;

use svcplay_model::types::{
    DaemonSet, Deployment, EndpointSlice, Endpoints, Namespace, Node, Object, Pod, ReplicaSet,
    Service, StatefulSet, Unsimulated,
};

/// `(namespace, name)`.
pub type Key = (String, String);

/// Every stored object, by kind.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Namespaces by name.
    pub namespaces: BTreeMap<String, Namespace>,
    /// Nodes by name.
    pub nodes: BTreeMap<String, Node>,
    /// Pods.
    pub pods: BTreeMap<Key, Pod>,
    /// Deployments.
    pub deployments: BTreeMap<Key, Deployment>,
    /// ReplicaSets.
    pub replica_sets: BTreeMap<Key, ReplicaSet>,
    /// StatefulSets.
    pub stateful_sets: BTreeMap<Key, StatefulSet>,
    /// DaemonSets.
    pub daemon_sets: BTreeMap<Key, DaemonSet>,
    /// Services.
    pub services: BTreeMap<Key, Service>,
    /// EndpointSlices.
    pub endpoint_slices: BTreeMap<Key, EndpointSlice>,
    /// Endpoints (`core/v1`).
    pub endpoints: BTreeMap<Key, Endpoints>,
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
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        st.unsimulated
            .iter()
            .try_for_each(|o| seq.serialize_element(o))?;
        seq.end()
    }
}
