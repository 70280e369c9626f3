//! The ReplicaSet controller (`pkg/controller/replicaset/replica_set.go` `manageReplicas`,
//! `getPodsToDelete`; `pkg/controller/controller_utils.go` `GetPodFromTemplate`,
//! `ActivePodsWithRanks`).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use svcplay_model::fxhash::{HashMap, HashSet};

use svcplay_model::types::{Pod, ReplicaSet, WorkloadStatus};

use super::{
    Outcome, condition, controller_ref, is_pod_active, is_pod_ready, new_controller_ref,
    parse_rfc3339, put_pod, selector_matches,
};
use crate::Cluster;
use crate::store::Key;

/// `BurstReplicas` of the ReplicaSet controller: creations per sync.
const BURST_REPLICAS: usize = 500;
/// Most pods the simulation holds; ReplicaSets stop creating beyond it. Above the Kubernetes
/// scalability envelope (150,000 pods), far below what exhausts memory.
pub const MAX_PODS: usize = 200_000;

/// `controller.kubernetes.io/pod-deletion-cost` (`PodDeletionCost`, on by default since 1.22).
const POD_DELETION_COST: &str = "controller.kubernetes.io/pod-deletion-cost";

/// A pod as `GetPodFromTemplate` builds it, but for its name, UID and creation time: template
/// labels and annotations, `generateName: <rs>-`, a controller reference, the template's spec,
/// then the scheme defaults the API server applies on create (which read and write only the
/// spec, so one defaulted template serves every pod of a sync).
fn pod_template(ns: &str, rs: &ReplicaSet) -> Pod {
    let mut pod = Pod {
        api_version: "v1".to_string(),
        kind: "Pod".to_string(),
        spec: rs.spec.template.spec.clone(),
        ..Pod::default()
    };
    pod.metadata.generate_name = format!("{}-", rs.metadata.name);
    pod.metadata.namespace = ns.to_string();
    pod.metadata.labels = rs.spec.template.metadata.labels.clone();
    pod.metadata.annotations = rs.spec.template.metadata.annotations.clone();
    pod.metadata.finalizers = rs.spec.template.metadata.finalizers.clone();
    pod.metadata.owner_references = vec![new_controller_ref("apps/v1", "ReplicaSet", &rs.metadata)];
    svcplay_model::defaults::default_pod(&mut pod);
    pod
}

/// Creates `n` pods from `template` ([`pod_template`]) in namespace `ns`: each with a
/// generated name, a UID and created `now` (the clock's RFC 3339 time, read once per sync),
/// stored as [`put_pod`] would store a new object, and added to the index.
fn create_pods(
    cluster: &mut Cluster,
    ix: &mut PodIndex,
    ns: &str,
    template: &Pod,
    now: &str,
    n: usize,
) {
    let Some(owner) = controller_ref(&template.metadata) else {
        return;
    };
    let base = super::name_base(&template.metadata.generate_name);
    let Cluster { store, rng, .. } = cluster;
    // Every pod created here has the template's controller: one index set takes them all.
    let set = slot(slot(&mut ix.owned, &owner.uid), ns);
    for _ in 0..n {
        let mut pod = template.clone();
        pod.metadata.uid = store.next_uid();
        pod.metadata.creation_timestamp = Some(now.to_string());
        pod.metadata.resource_version = store.resource_version_after().to_string();
        // One search of the map per candidate name: the free one is taken at once.
        loop {
            let name = super::name_candidate(rng, base);
            if let std::collections::btree_map::Entry::Vacant(e) =
                store.pods.entry((ns.to_string(), name))
            {
                pod.metadata.name.clone_from(&e.key().1);
                set.insert(e.key().clone());
                e.insert(pod);
                break;
            }
        }
        store.reserve_resource_versions(1);
    }
}

/// Pods by controller: owned pods by controller UID and namespace, orphans by namespace. Kept
/// current while the ReplicaSet controller writes pods.
#[derive(Debug, Default)]
struct PodIndex {
    /// Controller uid → namespace → pod keys.
    owned: HashMap<String, HashMap<String, BTreeSet<Key>>>,
    /// Namespace → pods without a controller.
    orphans: HashMap<String, BTreeSet<Key>>,
}

/// The value at `k`, inserted empty first if missing; clones `k` only then.
fn slot<'m, V: Default>(m: &'m mut HashMap<String, V>, k: &str) -> &'m mut V {
    if !m.contains_key(k) {
        m.insert(k.to_string(), V::default());
    }
    m.get_mut(k).expect("inserted above")
}

impl PodIndex {
    fn build(pods: &BTreeMap<Key, Pod>) -> Self {
        let mut ix = PodIndex::default();
        for (k, p) in pods {
            ix.add(k, p);
        }
        ix
    }

    fn add(&mut self, k: &Key, p: &Pod) {
        match controller_ref(&p.metadata) {
            Some(r) => slot(slot(&mut self.owned, &r.uid), &k.0).insert(k.clone()),
            None => slot(&mut self.orphans, &k.0).insert(k.clone()),
        };
    }

    fn remove(&mut self, k: &Key, p: &Pod) {
        match controller_ref(&p.metadata) {
            Some(r) => {
                if let Some(s) = self
                    .owned
                    .get_mut(r.uid.as_str())
                    .and_then(|m| m.get_mut(k.0.as_str()))
                {
                    s.remove(k);
                }
            }
            None => {
                if let Some(s) = self.orphans.get_mut(&k.0) {
                    s.remove(k);
                }
            }
        }
    }

    fn owned_by<'a>(&'a self, ns: &str, uid: &str) -> impl Iterator<Item = &'a Key> + 'a {
        self.owned
            .get(uid)
            .and_then(|m| m.get(ns))
            .into_iter()
            .flatten()
    }
}

/// Writes `pod` at `k` and keeps the index current.
fn put_indexed(cluster: &mut Cluster, ix: &mut PodIndex, k: Key, pod: Pod) -> bool {
    if let Some(old) = cluster.store.pods.get(&k) {
        ix.remove(&k, old);
    }
    ix.add(&k, &pod);
    put_pod(&mut cluster.store, k, pod)
}

/// Creates and deletes pods so each ReplicaSet has `spec.replicas` active pods; adopts matching
/// orphans and releases owned pods that no longer match (`ClaimPods`). A pass that only created
/// pods, every missing one, is [`Outcome::Settled`]: every ReplicaSet is then in sync.
pub(super) fn sync_replica_sets(cluster: &mut Cluster) -> Outcome {
    if all_in_sync(cluster) {
        return Outcome::Unchanged;
    }
    let mut changed = false;
    // Whether each ReplicaSet had nothing to do but create all its missing pods.
    let mut settled = true;
    let mut ix = PodIndex::build(&cluster.store.pods);
    // Sibling ReplicaSets by `(namespace, controller uid)` (they do not change in this pass).
    let mut by_owner: HashMap<(&str, &str), Vec<&str>> = HashMap::default();
    // ReplicaSets sharing a UID (an odd input) count each other's pods as their own: no pass
    // is settled then.
    let mut uids: HashSet<(&str, &str)> = HashSet::default();
    for ((ns, _), o) in &cluster.store.replica_sets {
        settled &= uids.insert((ns.as_str(), o.metadata.uid.as_str()));
        if let Some(r) = controller_ref(&o.metadata) {
            by_owner
                .entry((ns.as_str(), r.uid.as_str()))
                .or_default()
                .push(o.metadata.uid.as_str());
        }
    }
    let siblings: HashMap<(String, String), Vec<String>> = by_owner
        .into_iter()
        .map(|((ns, o), v)| {
            (
                (ns.to_string(), o.to_string()),
                v.into_iter().map(str::to_string).collect(),
            )
        })
        .collect();
    let keys: Vec<Key> = cluster.store.replica_sets.keys().cloned().collect();
    for key in keys {
        let Some(rs) = cluster.store.replica_sets.get(&key) else {
            continue;
        };
        if rs.metadata.deletion_timestamp.is_some() {
            continue;
        }
        // Validation rejects a missing or empty selector; never let one adopt a whole namespace.
        let Some(selector) = rs.spec.selector.as_ref() else {
            continue;
        };
        if selector.match_labels.is_empty() && selector.match_expressions.is_empty() {
            continue;
        }
        let ns = key.0.as_str();
        let uid = rs.metadata.uid.as_str();
        // ClaimPods: adopt orphans that match, release owned pods that stopped matching, in
        // pod key order.
        let pods = &cluster.store.pods;
        let mut claims: Vec<(Key, bool)> = ix
            .orphans
            .get(ns)
            .into_iter()
            .flatten()
            .filter(|k| {
                pods.get(*k).is_some_and(|p| {
                    selector_matches(selector, &p.metadata.labels) && is_pod_active(p)
                })
            })
            .map(|k| (k.clone(), true))
            .collect();
        claims.extend(
            ix.owned_by(ns, uid)
                .filter(|k| {
                    pods.get(*k)
                        .is_some_and(|p| !selector_matches(selector, &p.metadata.labels))
                })
                .map(|k| (k.clone(), false)),
        );
        svcplay_model::slice::sort(&mut claims);
        let want = usize::try_from(rs.spec.replicas.unwrap_or(1).max(0)).unwrap_or(0);
        if claims.is_empty()
            && ix
                .owned_by(ns, uid)
                .filter(|k| pods.get(*k).is_some_and(is_pod_active))
                .count()
                == want
        {
            // In sync: nothing to claim, create or delete.
            continue;
        }
        let rs = rs.clone();
        let uid = rs.metadata.uid.as_str();
        settled &= claims.is_empty();
        for (k, adopt) in claims {
            if let Some(mut p) = cluster.store.pods.get(&k).cloned() {
                if adopt {
                    p.metadata.owner_references.push(new_controller_ref(
                        "apps/v1",
                        "ReplicaSet",
                        &rs.metadata,
                    ));
                } else {
                    p.metadata.owner_references.retain(|r| r.uid != uid);
                }
                changed |= put_indexed(cluster, &mut ix, k, p);
            }
        }
        let active: Vec<Key> = ix
            .owned_by(&key.0, uid)
            .filter(|k| cluster.store.pods.get(*k).is_some_and(is_pod_active))
            .cloned()
            .collect();
        if active.len() < want {
            // `burstReplicas`: at most 500 creations per sync; and a hard cap on pods in the
            // simulation so an absurd `replicas` cannot exhaust memory.
            let n = creations(want - active.len(), cluster.store.pods.len());
            let template = pod_template(&key.0, &rs);
            // Pods the selector does not match (an odd input) are released on the next pass.
            settled &= n == want - active.len()
                && rs
                    .spec
                    .selector
                    .as_ref()
                    .is_some_and(|sel| selector_matches(sel, &template.metadata.labels));
            let now = cluster.clock.rfc3339();
            create_pods(cluster, &mut ix, &key.0, &template, &now, n);
            changed |= n > 0;
        } else if active.len() > want {
            settled = false;
            let mut uids = vec![rs.metadata.uid.clone()];
            if let Some(owner) = controller_ref(&rs.metadata)
                && let Some(s) = siblings.get(&(key.0.clone(), owner.uid.clone()))
            {
                uids.extend(s.iter().cloned());
            }
            let related = related_active_pods(cluster, &ix, &key.0, &uids);
            let doomed = pods_to_delete(cluster, &active, &related, active.len() - want);
            for k in doomed {
                let old = cluster.store.pods.get(&k).cloned();
                changed |= super::mark_pod_deleted(cluster, &k);
                if let Some(old) = old {
                    ix.remove(&k, &old);
                    if let Some(p) = cluster.store.pods.get(&k) {
                        ix.add(&k, p);
                    }
                }
            }
        }
    }
    match (changed, settled) {
        (false, _) => Outcome::Unchanged,
        (true, true) => Outcome::Settled,
        (true, false) => Outcome::Wrote,
    }
}

/// Whether the pass below would find every ReplicaSet in sync (nothing to adopt, release,
/// create or delete), checked without building the pod index. `false` whenever unsure: a pod
/// without a controller in a namespace that has ReplicaSets might be adopted.
fn all_in_sync(cluster: &Cluster) -> bool {
    let store = &cluster.store;
    let mut owned: HashMap<(&str, &str), Vec<&Pod>> = HashMap::default();
    for ((ns, _), p) in &store.pods {
        match controller_ref(&p.metadata) {
            Some(r) => owned
                .entry((ns.as_str(), r.uid.as_str()))
                .or_default()
                .push(p),
            None => {
                let has_rs = store
                    .replica_sets
                    .range((ns.clone(), String::new())..)
                    .next()
                    .is_some_and(|((n, _), _)| n == ns);
                if has_rs {
                    return false;
                }
            }
        }
    }
    store.replica_sets.iter().all(|((ns, _), rs)| {
        let Some(selector) = rs.spec.selector.as_ref() else {
            return true;
        };
        if rs.metadata.deletion_timestamp.is_some()
            || (selector.match_labels.is_empty() && selector.match_expressions.is_empty())
        {
            return true;
        }
        let want = usize::try_from(rs.spec.replicas.unwrap_or(1).max(0)).unwrap_or(0);
        let pods = owned
            .get(&(ns.as_str(), rs.metadata.uid.as_str()))
            .map_or(&[][..], Vec::as_slice);
        pods.iter()
            .all(|p| selector_matches(selector, &p.metadata.labels))
            && pods.iter().filter(|p| is_pod_active(p)).count() == want
    })
}

/// How many pods one sync creates for `missing` replicas when the cluster holds `pods`:
/// at most `burstReplicas`, and never past [`MAX_PODS`].
fn creations(missing: usize, pods: usize) -> usize {
    missing
        .min(BURST_REPLICAS)
        .min(MAX_PODS.saturating_sub(pods))
}

/// Active pods of this ReplicaSet and of its siblings under the same controller
/// (`getIndirectlyRelatedPods`), used to rank colocated pods; in key order.
fn related_active_pods(cluster: &Cluster, ix: &PodIndex, ns: &str, uids: &[String]) -> Vec<Key> {
    let mut out: BTreeSet<&Key> = BTreeSet::new();
    for u in uids {
        out.extend(
            ix.owned_by(ns, u)
                .filter(|k| cluster.store.pods.get(*k).is_some_and(is_pod_active)),
        );
    }
    out.into_iter().cloned().collect()
}

fn phase_ordinal(phase: &str) -> u8 {
    match phase {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    }
}

fn deletion_cost(p: &Pod) -> i64 {
    p.metadata
        .annotations
        .get(POD_DELETION_COST)
        .and_then(|v| v.parse::<i32>().ok())
        .map_or(0, i64::from)
}

fn ready_since(p: &Pod) -> Option<u64> {
    condition(&p.status.conditions, "Ready")
        .and_then(|c| c.last_transition_time.as_deref())
        .and_then(parse_rfc3339)
}

fn max_restarts(p: &Pod) -> i64 {
    p.status
        .other
        .get("containerStatuses")
        .and_then(serde_json::Value::as_array)
        .map_or(0, |cs| {
            cs.iter()
                .filter_map(|c| c.get("restartCount").and_then(serde_json::Value::as_i64))
                .max()
                .unwrap_or(0)
        })
}

/// `ActivePodsWithRanks.Less`: `Less` first means "delete first".
///
/// 1. unassigned before assigned;
/// 2. Pending < Unknown < Running;
/// 3. not ready before ready;
/// 4. lower `pod-deletion-cost` first;
/// 5. more colocated related pods (rank) first;
/// 6. ready for a shorter time first;
/// 7. more restarts first;
/// 8. newer first (upstream compares logarithmic age buckets, `LogarithmicScaleDown`);
/// 9. by UID, upstream's pseudo-random tiebreak.
fn compare_for_deletion(a: (&Pod, usize), b: (&Pod, usize)) -> Ordering {
    let (pa, ra) = a;
    let (pb, rb) = b;
    let (na, nb) = (&pa.spec.node_name, &pb.spec.node_name);
    if na != nb && (na.is_empty() || nb.is_empty()) {
        return if na.is_empty() {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    let by = phase_ordinal(&pa.status.phase).cmp(&phase_ordinal(&pb.status.phase));
    if by != Ordering::Equal {
        return by;
    }
    let (ya, yb) = (is_pod_ready(pa), is_pod_ready(pb));
    if ya != yb {
        return if ya {
            Ordering::Greater
        } else {
            Ordering::Less
        };
    }
    let by = deletion_cost(pa).cmp(&deletion_cost(pb));
    if by != Ordering::Equal {
        return by;
    }
    if ra != rb {
        return rb.cmp(&ra);
    }
    if ya
        && let (Some(ta), Some(tb)) = (ready_since(pa), ready_since(pb))
        && ta != tb
    {
        return tb.cmp(&ta);
    }
    let by = max_restarts(pb).cmp(&max_restarts(pa));
    if by != Ordering::Equal {
        return by;
    }
    let created = |p: &Pod| {
        p.metadata
            .creation_timestamp
            .as_deref()
            .and_then(parse_rfc3339)
    };
    let (ca, cb) = (created(pa), created(pb));
    if ca != cb {
        return cb.cmp(&ca);
    }
    pa.metadata.uid.cmp(&pb.metadata.uid)
}

/// The `n` pods a scale-down deletes (`getPodsToDelete`).
fn pods_to_delete(cluster: &Cluster, active: &[Key], related: &[Key], n: usize) -> Vec<Key> {
    let on_node = super::count(
        related
            .iter()
            .filter_map(|k| cluster.store.pods.get(k))
            .map(|p| p.spec.node_name.as_str()),
    );
    let mut ranked: Vec<(&Key, &Pod, usize)> = active
        .iter()
        .filter_map(|k| cluster.store.pods.get(k).map(|p| (k, p)))
        .map(|(k, p)| {
            (
                k,
                p,
                on_node.get(p.spec.node_name.as_str()).copied().unwrap_or(0),
            )
        })
        .collect();
    svcplay_model::slice::sort_by(&mut ranked, |a, b| {
        compare_for_deletion((a.1, a.2), (b.1, b.2))
    });
    ranked
        .into_iter()
        .take(n)
        .map(|(k, _, _)| k.clone())
        .collect()
}

/// ReplicaSet status (`calculateStatus`): active pods, fully labeled, ready and available
/// (ready for at least `minReadySeconds`).
pub(super) fn update_statuses(cluster: &mut Cluster) -> bool {
    let now = cluster.clock.seconds;
    let store = &cluster.store;
    let mut owned: HashMap<(&str, &str), Vec<&Pod>> = HashMap::default();
    for ((ns, _), p) in &store.pods {
        if let Some(r) = controller_ref(&p.metadata)
            && is_pod_active(p)
        {
            owned
                .entry((ns.as_str(), r.uid.as_str()))
                .or_default()
                .push(p);
        }
    }
    let mut updates: Vec<(Key, WorkloadStatus)> = Vec::new();
    for (key, rs) in &store.replica_sets {
        let min_ready = rs
            .spec
            .other
            .get("minReadySeconds")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        let mut st = WorkloadStatus {
            observed_generation: rs.metadata.generation.or(Some(1)),
            other: rs.status.other.clone(),
            ..WorkloadStatus::default()
        };
        let mut fully_labeled = 0i32;
        for p in owned
            .get(&(key.0.as_str(), rs.metadata.uid.as_str()))
            .into_iter()
            .flatten()
        {
            st.replicas += 1;
            if rs
                .spec
                .template
                .metadata
                .labels
                .iter()
                .all(|(k, v)| p.metadata.labels.get(k) == Some(v))
            {
                fully_labeled += 1;
            }
            if is_pod_ready(p) {
                st.ready_replicas += 1;
                if min_ready == 0 || ready_since(p).is_some_and(|t| t + min_ready <= now) {
                    st.available_replicas += 1;
                }
            }
        }
        if fully_labeled > 0 {
            st.other
                .insert("fullyLabeledReplicas".to_string(), fully_labeled.into());
        } else {
            st.other.remove("fullyLabeledReplicas");
        }
        // Only the status changes, so the object differs exactly when the status does.
        if st != rs.status {
            updates.push((key.clone(), st));
        }
    }
    let mut changed = false;
    for (key, st) in updates {
        // A different status is a different object: stored under a new resourceVersion, as
        // `put_replica_set` would.
        let rv = cluster.store.next_resource_version();
        if let Some(rs) = cluster.store.replica_sets.get_mut(&key) {
            rs.status = st;
            rs.metadata.resource_version = rv;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn packing_keeps_every_pod_in_order() {
        let mut pods: BTreeMap<Key, Pod> = BTreeMap::new();
        for i in 0..1000 {
            let mut p = Pod::default();
            p.metadata.name = format!("web-{i:04}");
            pods.insert(("default".to_string(), p.metadata.name.clone()), p);
        }
        let before: Vec<(Key, Pod)> = pods.clone().into_iter().collect();
        super::super::pack_map(&mut pods);
        let after: Vec<(Key, Pod)> = pods.clone().into_iter().collect();
        assert_eq!(before, after);
        assert!(pods.contains_key(&("default".to_string(), "web-0500".to_string())));
    }

    fn pod(json: serde_json::Value) -> Pod {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn creations_are_bounded_by_burst_and_pod_cap() {
        // replica_set.go manageReplicas: diff capped at burstReplicas; plus the simulation's cap.
        let cases = [
            ("few missing", 3, 0, 3),
            ("burst", 1_000_000, 0, BURST_REPLICAS),
            ("near the cap", 1_000_000, MAX_PODS - 7, 7),
            ("at the cap", 10, MAX_PODS, 0),
            ("past the cap (observed input)", 10, MAX_PODS + 5, 0),
        ];
        for (name, missing, pods, want) in cases {
            assert_eq!(creations(missing, pods), want, "{name}");
        }
    }

    #[test]
    fn deletion_order_follows_active_pods_with_ranks() {
        // controller_utils_test.go TestSortingActivePodsWithRanks: each pair's first pod is
        // deleted before the second.
        let ready = json!([{"type": "Ready", "status": "True", "lastTransitionTime": "2026-01-01T00:00:10Z"}]);
        let unscheduled =
            pod(json!({"metadata": {"name": "a", "uid": "1"}, "status": {"phase": "Pending"}}));
        let pending = pod(
            json!({"metadata": {"name": "b", "uid": "2"}, "spec": {"nodeName": "n1"}, "status": {"phase": "Pending"}}),
        );
        let unknown = pod(
            json!({"metadata": {"name": "c", "uid": "3"}, "spec": {"nodeName": "n1"}, "status": {"phase": "Unknown"}}),
        );
        let running = pod(
            json!({"metadata": {"name": "d", "uid": "4"}, "spec": {"nodeName": "n1"}, "status": {"phase": "Running"}}),
        );
        let ready_pod = pod(
            json!({"metadata": {"name": "e", "uid": "5"}, "spec": {"nodeName": "n1"}, "status": {"phase": "Running", "conditions": ready}}),
        );
        let cheap = pod(
            json!({"metadata": {"name": "f", "uid": "6", "annotations": {POD_DELETION_COST: "-10"}}, "spec": {"nodeName": "n1"}, "status": {"phase": "Running", "conditions": ready}}),
        );
        let ready_later = pod(
            json!({"metadata": {"name": "g", "uid": "7"}, "spec": {"nodeName": "n1"}, "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2026-01-01T00:01:00Z"}]}}),
        );
        let restarted = pod(
            json!({"metadata": {"name": "h", "uid": "8"}, "spec": {"nodeName": "n1"}, "status": {"phase": "Running", "conditions": ready, "containerStatuses": [{"restartCount": 3}]}}),
        );
        let newer = pod(
            json!({"metadata": {"name": "i", "uid": "9", "creationTimestamp": "2026-01-01T00:05:00Z"}, "spec": {"nodeName": "n1"}, "status": {"phase": "Running", "conditions": ready}}),
        );
        let older = pod(
            json!({"metadata": {"name": "j", "uid": "10", "creationTimestamp": "2026-01-01T00:00:00Z"}, "spec": {"nodeName": "n1"}, "status": {"phase": "Running", "conditions": ready}}),
        );
        let mut twin = ready_pod.clone();
        twin.metadata.uid = "6-twin".to_string();
        type Case<'a> = (&'a str, (&'a Pod, usize), (&'a Pod, usize));
        let cases: [Case; 10] = [
            ("unassigned < assigned", (&unscheduled, 0), (&pending, 0)),
            ("Pending < Unknown", (&pending, 0), (&unknown, 0)),
            ("Unknown < Running", (&unknown, 0), (&running, 0)),
            ("not ready < ready", (&running, 0), (&ready_pod, 0)),
            ("lower deletion cost first", (&cheap, 0), (&ready_pod, 0)),
            (
                "doubled up < not doubled up",
                (&ready_pod, 2),
                (&ready_pod, 1),
            ),
            (
                "ready for less time first",
                (&ready_later, 1),
                (&ready_pod, 1),
            ),
            ("more restarts first", (&restarted, 1), (&ready_pod, 1)),
            ("newer first", (&newer, 1), (&older, 1)),
            ("tie broken by uid", (&ready_pod, 1), (&twin, 1)),
        ];
        for (name, a, b) in cases {
            assert_eq!(compare_for_deletion(a, b), Ordering::Less, "{name}");
            assert_eq!(
                compare_for_deletion(b, a),
                Ordering::Greater,
                "{name} (reversed)"
            );
        }
    }
}
