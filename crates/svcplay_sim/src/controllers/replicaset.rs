//! The ReplicaSet controller (`pkg/controller/replicaset/replica_set.go` `manageReplicas`,
//! `getPodsToDelete`; `pkg/controller/controller_utils.go` `GetPodFromTemplate`,
//! `ActivePodsWithRanks`).

use std::cmp::Ordering;
use std::collections::{BTreeMap, btree_map};

use svcplay_model::fxhash::{HashMap, HashSet};

use svcplay_model::types::{Pod, ReplicaSet, WorkloadStatus};

use super::{
    Outcome, condition, controller_ref, is_pod_active, is_pod_ready, new_controller_ref, put_pod,
    selector_matches,
};
use crate::Cluster;
use crate::store::{Key, KindMap};

/// `BurstReplicas` of the ReplicaSet controller: creations per sync.
const BURST_REPLICAS: usize = 500;
/// Most pods the simulation holds; ReplicaSets stop creating beyond it. Above the Kubernetes
/// scalability envelope (150,000 pods), far below what exhausts memory.
pub const MAX_PODS: usize = 200_000;

/// Unix time of the simulation's epoch (2026-01-01T00:00:00Z), where `clock.seconds` counts from.
const EPOCH_UNIX: i64 = 1_767_225_600;

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
    pod.metadata.owner_references =
        vec![new_controller_ref("apps/v1", "ReplicaSet", &rs.metadata)].into();
    svcplay_model::defaults::default_pod(&mut pod);
    // The pod strategy's PrepareForCreate: the template's labels are every pod's.
    svcplay_model::defaults::merge_affinity_label_keys(&mut pod);
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
            if let crate::store::Entry::Vacant(e) = store.pods.entry((ns.to_string(), name)) {
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
    owned: HashMap<String, HashMap<String, KeySet>>,
    /// Namespace → pods without a controller.
    orphans: HashMap<String, KeySet>,
}

/// A set of pod keys in key order. It is a map to an unused `u32`, the type of the store's key
/// index ([`KindMap`]): the wasm build compiles one B-tree for both instead of two.
#[derive(Debug, Default)]
struct KeySet(BTreeMap<Key, u32>);

impl KeySet {
    fn insert(&mut self, k: Key) -> bool {
        self.0.insert(k, 0).is_none()
    }

    fn remove(&mut self, k: &Key) -> bool {
        self.0.remove(k).is_some()
    }
}

impl<'a> IntoIterator for &'a KeySet {
    type Item = &'a Key;
    type IntoIter = btree_map::Keys<'a, Key, u32>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.keys()
    }
}

/// The value at `k`, inserted empty first if missing; clones `k` only then.
fn slot<'m, V: Default>(m: &'m mut HashMap<String, V>, k: &str) -> &'m mut V {
    if !m.contains_key(k) {
        m.insert(k.to_string(), V::default());
    }
    m.get_mut(k).expect("inserted above")
}

impl PodIndex {
    fn build(pods: &KindMap<Key, Pod>) -> Self {
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
        // ClaimPods over the active pods only (`FilterActivePods` runs first): adopt orphans
        // that match, release owned pods that stopped matching, in pod key order.
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
                    pods.get(*k).is_some_and(|p| {
                        is_pod_active(p) && !selector_matches(selector, &p.metadata.labels)
                    })
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
            // `getIndirectlyRelatedPods`: the pods of every ReplicaSet under this one's
            // controller (itself included); none for a ReplicaSet without a controller
            // (`getReplicaSetsWithSameController`), whose pods then all rank 0.
            let uids: Vec<String> = controller_ref(&rs.metadata)
                .and_then(|owner| siblings.get(&(key.0.clone(), owner.uid.clone())))
                .cloned()
                .unwrap_or_default();
            let related = related_active_pods(cluster, &ix, &key.0, &uids);
            // `burstReplicas` bounds deletions per sync too.
            let n = (active.len() - want).min(BURST_REPLICAS);
            let doomed = pods_to_delete(cluster, &active, &related, n);
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
            .all(|p| !is_pod_active(p) || selector_matches(selector, &p.metadata.labels))
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
    let mut out: Vec<&Key> = Vec::new();
    for u in uids {
        out.extend(
            ix.owned_by(ns, u)
                .filter(|k| cluster.store.pods.get(*k).is_some_and(is_pod_active)),
        );
    }
    svcplay_model::slice::sort(&mut out);
    out.dedup();
    out.into_iter().cloned().collect()
}

fn phase_ordinal(phase: &str) -> u8 {
    match phase {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    }
}

/// `GetDeletionCostFromPodAnnotations`: the annotation as an int32; 0 when absent or invalid
/// (a leading `+`, leading zeros and values outside int32 are invalid).
fn deletion_cost(p: &Pod) -> i32 {
    let Some(v) = p.metadata.annotations.get(POD_DELETION_COST) else {
        return 0;
    };
    let valid_first = match v.as_bytes() {
        [] => false,
        [b'-', ..] => true,
        [b'0'] => true,
        [b'1'..=b'9', ..] => true,
        _ => false,
    };
    if !valid_first {
        return 0;
    }
    v.parse::<i32>().unwrap_or(0)
}

/// Unix seconds of an RFC 3339 time; `None` is Go's zero time (absent or unparsable).
fn unix_time(t: Option<&str>) -> Option<i64> {
    t.and_then(super::unix_seconds)
}

/// `podReadyTime`: when the `Ready=True` condition last changed (zero when not ready).
fn ready_time(p: &Pod) -> Option<i64> {
    condition(&p.status.conditions, "Ready")
        .filter(|c| c.status == "True")
        .and_then(|c| unix_time(c.last_transition_time.as_deref()))
}

/// The highest `restartCount` in `statuses` whose container `name_ok` accepts.
fn max_restart_count(p: &Pod, key: &str, name_ok: impl Fn(&str) -> bool) -> i64 {
    p.status
        .other
        .get(key)
        .and_then(serde_json::Value::as_array)
        .map_or(0, |cs| {
            cs.iter()
                .filter(|c| name_ok(c.get("name").and_then(|n| n.as_str()).unwrap_or("")))
                .filter_map(|c| c.get("restartCount").and_then(serde_json::Value::as_i64))
                .fold(0, i64::max)
        })
}

/// `maxContainerRestarts`: the most restarts of a regular container, and of a sidecar (an
/// init container with `restartPolicy: Always`).
fn max_restarts(p: &Pod) -> (i64, i64) {
    let regular = max_restart_count(p, "containerStatuses", |_| true);
    let sidecar = max_restart_count(p, "initContainerStatuses", |name| {
        p.spec
            .init_containers
            .iter()
            .any(|c| c.name == name && c.restart_policy.as_deref() == Some("Always"))
    });
    (regular, sidecar)
}

/// `afterOrZero`: a zero time first, then the later time first.
fn after_or_zero(a: Option<i64>, b: Option<i64>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => b.cmp(&a),
    }
}

/// `logarithmicRankDiff`'s rank: the integer part of log2 of the age in nanoseconds (-1 when
/// not in the past).
fn log_rank(t: i64, now: i64) -> i64 {
    let d = (now - t).saturating_mul(1_000_000_000);
    if d > 0 {
        // floor(log2(d)) for d > 0 (exact, where Go's float64 log2 agrees at these sizes).
        i64::from(63 - d.leading_zeros())
    } else {
        -1
    }
}

/// Step 6 and 8 of `ActivePodsWithRanks.Less` under `LogarithmicScaleDown` (on since 1.22): a
/// zero time first; else the younger logarithmic age bucket first; equal buckets by UID.
fn compare_times(a: (Option<i64>, &Pod), b: (Option<i64>, &Pod), now: i64) -> Ordering {
    match (a.0, b.0) {
        (Some(ta), Some(tb)) => match log_rank(ta, now).cmp(&log_rank(tb, now)) {
            Ordering::Equal => a.1.metadata.uid.cmp(&b.1.metadata.uid),
            by => by,
        },
        (ta, tb) => after_or_zero(ta, tb),
    }
}

/// `ActivePodsWithRanks.Less` at time `now` (Unix seconds): `Less` first means "delete first".
///
/// 1. unassigned before assigned;
/// 2. Pending < Unknown < Running;
/// 3. not ready before ready;
/// 4. lower `pod-deletion-cost` first;
/// 5. more colocated related pods (rank) first;
/// 6. both ready: ready since a zero time, then in a younger logarithmic bucket first (same
///    bucket: by UID, and the comparison ends there);
/// 7. more restarts of regular containers first, then of sidecars;
/// 8. created at a zero time, then in a younger logarithmic bucket first (same bucket: by UID);
/// 9. otherwise equal (upstream's unstable sort leaves them in any order; here by UID).
fn compare_for_deletion(a: (&Pod, usize), b: (&Pod, usize), now: i64) -> Ordering {
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
    if ya {
        let (ta, tb) = (ready_time(pa), ready_time(pb));
        if ta != tb {
            return compare_times((ta, pa), (tb, pb), now);
        }
    }
    let ((regular_a, sidecar_a), (regular_b, sidecar_b)) = (max_restarts(pa), max_restarts(pb));
    if regular_a != regular_b {
        return regular_b.cmp(&regular_a);
    }
    if sidecar_a != sidecar_b {
        return sidecar_b.cmp(&sidecar_a);
    }
    let created = |p: &Pod| unix_time(p.metadata.creation_timestamp.as_deref());
    let (ca, cb) = (created(pa), created(pb));
    if ca != cb {
        return compare_times((ca, pa), (cb, pb), now);
    }
    pa.metadata.uid.cmp(&pb.metadata.uid)
}

/// The `n` pods a scale-down deletes, ranked at the cluster's current time ([`select_for_deletion`]).
fn pods_to_delete(cluster: &Cluster, active: &[Key], related: &[Key], n: usize) -> Vec<Key> {
    let now = i64::try_from(cluster.clock.seconds)
        .unwrap_or(i64::MAX / 2)
        .saturating_add(EPOCH_UNIX);
    let (keys, pods): (Vec<&Key>, Vec<&Pod>) = active
        .iter()
        .filter_map(|k| cluster.store.pods.get(k).map(|p| (k, p)))
        .unzip();
    let related: Vec<&Pod> = related
        .iter()
        .filter_map(|k| cluster.store.pods.get(k))
        .collect();
    select_for_deletion(&pods, &related, n, now)
        .into_iter()
        .map(|i| keys[i].clone())
        .collect()
}

/// `getPodsToDelete`: indices into `pods` of the `n` to delete. Each pod is ranked by the
/// active `related` pods on its node (`getPodsRankedByRelatedPodsOnSameNode`), then sorted by
/// [`compare_for_deletion`] at `now`; when every pod goes, they go in their given order.
fn select_for_deletion(pods: &[&Pod], related: &[&Pod], n: usize, now: i64) -> Vec<usize> {
    if n >= pods.len() {
        return (0..pods.len()).collect();
    }
    let on_node = super::count(
        related
            .iter()
            .filter(|p| is_pod_active(p))
            .map(|p| p.spec.node_name.as_str()),
    );
    let rank = |p: &Pod| {
        on_node
            .binary_search_by(|(k, _)| (*k).cmp(p.spec.node_name.as_str()))
            .map_or(0, |i| on_node[i].1)
    };
    let mut order: Vec<(usize, usize)> = pods.iter().map(|p| rank(p)).enumerate().collect();
    svcplay_model::slice::sort_by(&mut order, |&(a, ra), &(b, rb)| {
        compare_for_deletion((pods[a], ra), (pods[b], rb), now)
    });
    order.into_iter().take(n).map(|(i, _)| i).collect()
}

/// ReplicaSet status (`calculateStatus`): active pods, fully labeled, ready and available
/// (ready for at least `minReadySeconds`).
pub(super) fn update_statuses(cluster: &mut Cluster) -> bool {
    let now = i64::try_from(cluster.clock.seconds)
        .unwrap_or(i64::MAX / 2)
        .saturating_add(EPOCH_UNIX);
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
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(0)
            .max(0);
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
                // `IsPodAvailable`: Ready since at least minReadySeconds (upstream: strictly
                // before now, which a resync after minReadySeconds always is; on the
                // whole-second virtual clock the boundary counts).
                if min_ready == 0
                    || ready_time(p).is_some_and(|t| t.saturating_add(min_ready) <= now)
                {
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
        let mut pods: KindMap<Key, Pod> = KindMap::new();
        for i in 0..1000 {
            let mut p = Pod::default();
            p.metadata.name = format!("web-{i:04}");
            pods.insert(("default".to_string(), p.metadata.name.clone()), p);
        }
        let before: Vec<(Key, Pod)> = pods.iter().map(|(k, p)| (k.clone(), p.clone())).collect();
        pods.pack();
        let after: Vec<(Key, Pod)> = pods.iter().map(|(k, p)| (k.clone(), p.clone())).collect();
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

    /// A pod as controller_utils_test.go's `pod` helper builds it (no UID).
    #[allow(clippy::too_many_arguments)]
    fn ranked_pod(
        node: &str,
        phase: &str,
        ready: bool,
        restarts: i64,
        sidecar_restarts: i64,
        ready_since: Option<&str>,
        created: Option<&str>,
        cost: Option<&str>,
    ) -> Pod {
        let mut annotations = serde_json::Map::new();
        if let Some(c) = cost {
            annotations.insert(POD_DELETION_COST.to_string(), json!(c));
        }
        let mut cond = json!({"type": "Ready", "status": if ready { "True" } else { "False" }});
        if let Some(t) = ready_since {
            cond["lastTransitionTime"] = json!(t);
        }
        let mut meta = json!({"name": "p", "annotations": annotations});
        if let Some(t) = created {
            meta["creationTimestamp"] = json!(t);
        }
        pod(json!({
            "metadata": meta,
            "spec": {
                "nodeName": node,
                "initContainers": [{"name": "sidecar", "restartPolicy": "Always"}, {"name": "init"}],
            },
            "status": {
                "phase": phase,
                "conditions": [cond],
                "containerStatuses": [{"name": "c", "restartCount": restarts}],
                "initContainerStatuses": [
                    {"name": "sidecar", "restartCount": sidecar_restarts},
                    {"name": "init", "restartCount": 50},
                ],
            },
        }))
    }

    #[test]
    fn deletion_order_follows_active_pods_with_ranks() {
        // controller_utils_test.go TestSortingActivePodsWithRanks (LogarithmicScaleDown and
        // PodDeletionCost on, as in 1.33), at now = 2026-03-02T00:00:00Z.
        let at = |s: u64| crate::clock::Clock { seconds: s }.rfc3339();
        let now_s = 60 * 86_400;
        let now = at(now_s);
        let month = at(now_s - 30 * 86_400);
        let h2 = at(now_s - 2 * 3600);
        let h5 = at(now_s - 5 * 3600);
        let h8 = at(now_s - 8 * 3600);
        let (now, month, h2, h5, h8) = (
            Some(now.as_str()),
            Some(month.as_str()),
            Some(h2.as_str()),
            Some(h5.as_str()),
            Some(h8.as_str()),
        );
        let unscheduled = ranked_pod("", "Pending", false, 0, 0, None, None, None);
        let pending = ranked_pod("node", "Pending", false, 0, 0, None, None, None);
        let unknown = ranked_pod("node", "Unknown", false, 0, 0, None, None, None);
        let not_ready = ranked_pod("node", "Running", false, 0, 0, None, None, None);
        let ready_no_ltt = ranked_pod("node", "Running", true, 0, 0, None, None, None);
        let ready_now = ranked_pod("node", "Running", true, 0, 0, now, now, None);
        let ready_then = ranked_pod("node", "Running", true, 0, 0, month, month, None);
        let high_restarts = ranked_pod("node", "Running", true, 10, 0, now, now, None);
        let high_side = ranked_pod("node", "Running", true, 10, 10, now, now, None);
        let created_then = ranked_pod("node", "Running", true, 0, 0, now, month, None);
        let low_cost = ranked_pod("node", "Running", true, 0, 0, now, month, Some("10"));
        let high_cost = ranked_pod("node", "Running", true, 0, 0, now, month, Some("100"));
        let unscheduled_5h = ranked_pod("", "Pending", false, 0, 0, h5, h5, None);
        let unscheduled_8h = ranked_pod("", "Pending", false, 0, 0, h8, h8, None);
        let ready_2h = ranked_pod("", "Running", true, 0, 0, h2, month, None);
        let ready_5h = ranked_pod("", "Running", true, 0, 0, h5, month, None);
        let ready_8h = ranked_pod("", "Running", true, 0, 0, h8, month, None);
        let now_unix = EPOCH_UNIX + now_s as i64;

        // equalityTests: neither sorts before the other.
        let equal: [(&str, &Pod, &Pod); 11] = [
            ("unscheduled", &unscheduled, &unscheduled),
            ("pending", &pending, &pending),
            ("unknown", &unknown, &unknown),
            ("not ready", &not_ready, &not_ready),
            ("ready now created then", &created_then, &created_then),
            ("ready now", &ready_now, &ready_now),
            ("ready then", &ready_then, &ready_then),
            ("high restarts", &high_restarts, &high_restarts),
            ("ready no lastTransitionTime", &ready_no_ltt, &ready_no_ltt),
            (
                "created 5h vs 8h: one bucket",
                &unscheduled_5h,
                &unscheduled_8h,
            ),
            ("ready 5h vs 8h: one bucket", &ready_5h, &ready_8h),
        ];
        for (name, a, b) in equal {
            assert_eq!(
                compare_for_deletion((a, 1), (b, 1), now_unix),
                Ordering::Equal,
                "{name}"
            );
        }

        // inequalityTests: lesser (deleted first) before greater.
        type Case<'a> = (&'a str, (&'a Pod, usize), (&'a Pod, usize));
        let cases: [Case; 16] = [
            ("unassigned < assigned", (&unscheduled, 1), (&pending, 2)),
            (
                "unassigned < assigned, ranks",
                (&unscheduled, 2),
                (&pending, 1),
            ),
            ("Pending < Unknown", (&pending, 1), (&unknown, 2)),
            ("Unknown < Running", (&unknown, 1), (&not_ready, 2)),
            ("not ready < ready", (&not_ready, 1), (&ready_no_ltt, 1)),
            ("zero ready time first", (&ready_no_ltt, 1), (&ready_now, 1)),
            ("more colocated first", (&ready_now, 2), (&ready_no_ltt, 1)),
            ("ready less time first", (&ready_now, 1), (&ready_then, 1)),
            ("rank before ready time", (&ready_now, 2), (&ready_then, 1)),
            ("more restarts first", (&high_restarts, 1), (&ready_now, 1)),
            (
                "then more sidecar restarts",
                (&high_side, 1),
                (&high_restarts, 1),
            ),
            ("rank before restarts", (&ready_now, 2), (&high_restarts, 1)),
            ("newer first", (&ready_now, 1), (&created_then, 1)),
            ("rank before age", (&created_then, 2), (&ready_now, 1)),
            ("lower deletion cost first", (&low_cost, 2), (&high_cost, 1)),
            (
                "ready 2h < ready 5h (buckets)",
                (&ready_2h, 1),
                (&ready_5h, 1),
            ),
        ];
        for (name, a, b) in cases {
            assert_eq!(
                compare_for_deletion(a, b, now_unix),
                Ordering::Less,
                "{name}"
            );
            assert_eq!(
                compare_for_deletion(b, a, now_unix),
                Ordering::Greater,
                "{name} (reversed)"
            );
        }

        // One bucket, different UIDs: the UID decides and ends the comparison (restarts are
        // not looked at).
        let mut a = ready_5h.clone();
        a.metadata.uid = "a".to_string();
        let mut b = ready_8h.clone();
        b.metadata.uid = "b".to_string();
        b.status.other.insert(
            "containerStatuses".to_string(),
            json!([{"name": "c", "restartCount": 9}]),
        );
        assert_eq!(
            compare_for_deletion((&a, 1), (&b, 1), now_unix),
            Ordering::Less
        );
    }

    #[test]
    fn deletion_cost_annotation() {
        // helper.GetDeletionCostFromPodAnnotations (helpers_test.go
        // TestGetDeletionCostFromPodAnnotations): int32 values; leading `+` or zeros invalid.
        let cases = [
            ("10", 10),
            ("-10", -10),
            ("0", 0),
            ("2147483647", i32::MAX),
            ("-2147483648", i32::MIN),
            ("+10", 0),
            ("008", 0),
            ("2147483648", 0),
            ("abc", 0),
            ("", 0),
            (" 1", 0),
        ];
        for (value, want) in cases {
            let mut p = Pod::default();
            p.metadata
                .annotations
                .insert(POD_DELETION_COST.to_string(), value.to_string());
            assert_eq!(deletion_cost(&p), want, "{value:?}");
        }
        assert_eq!(deletion_cost(&Pod::default()), 0);
    }

    #[test]
    fn logarithmic_rank() {
        // logarithmicRankDiff: floor(log2(age in ns)); -1 for no age.
        let cases = [
            (0, -1),
            (-5, -1),
            (1, 29),
            (2, 30),
            (3, 31),
            (5 * 3600, 44),
            (8 * 3600, 44),
        ];
        for (age, want) in cases {
            assert_eq!(log_rank(1000 - age, 1000), want, "{age}");
        }
    }

    #[test]
    fn pods_to_delete_cases() {
        // replica_set_test.go TestGetPodsToDelete (related defaults to the pods themselves).
        let p = |node: &str, phase: &str, ready: Option<bool>| {
            let mut v = json!({"metadata": {"name": "p"}, "spec": {"nodeName": node},
                               "status": {"phase": phase}});
            if let Some(r) = ready {
                v["status"]["conditions"] =
                    json!([{"type": "Ready", "status": if r { "True" } else { "False" }}]);
            }
            pod(v)
        };
        let unscheduled_pending = p("", "Pending", None);
        let scheduled_pending = p("fake-node", "Pending", None);
        let not_ready = p("fake-node", "Running", Some(false));
        let ready_node1 = p("fake-node-1", "Running", Some(true));
        let ready_node2 = p("fake-node-2", "Running", Some(true));
        let (u, s, nr, r1, r2) = (
            &unscheduled_pending,
            &scheduled_pending,
            &not_ready,
            &ready_node1,
            &ready_node2,
        );
        type Case<'a> = (
            &'a str,
            Vec<&'a Pod>,
            Option<Vec<&'a Pod>>,
            usize,
            Vec<&'a Pod>,
        );
        let cases: Vec<Case> = vec![
            ("len(pods) = 0", vec![], None, 0, vec![]),
            ("diff = len(pods)", vec![nr, r1], None, 2, vec![nr, r1]),
            ("diff < len(pods)", vec![r1, nr], None, 1, vec![nr]),
            (
                "various, diff = len(pods)",
                vec![r1, r1, r2, nr, s, u],
                None,
                6,
                vec![r1, r1, r2, nr, s, u],
            ),
            (
                "various, diff = len(pods), relatedPods empty",
                vec![r1, r1, r2, nr, s, u],
                Some(vec![]),
                6,
                vec![r1, r1, r2, nr, s, u],
            ),
            ("scheduled vs unscheduled", vec![s, u], None, 1, vec![u]),
            (
                "ready vs not-ready",
                vec![r1, nr, nr],
                None,
                2,
                vec![nr, nr],
            ),
            (
                "ready and colocated with another ready pod vs not colocated",
                vec![r1, r2],
                Some(vec![r1, r2, r2]),
                1,
                vec![r2],
            ),
            ("pending vs running", vec![s, nr], None, 1, vec![s]),
            (
                "various, diff < len(pods)",
                vec![r1, r2, nr, s, u],
                None,
                3,
                vec![u, s, nr],
            ),
        ];
        for (name, pods, related, n, want) in cases {
            let related = related.unwrap_or_else(|| pods.clone());
            let got: Vec<&Pod> = select_for_deletion(&pods, &related, n, EPOCH_UNIX)
                .into_iter()
                .map(|i| pods[i])
                .collect();
            assert_eq!(got, want, "{name}");
        }
    }
}
