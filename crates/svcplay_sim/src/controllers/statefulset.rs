//! The StatefulSet controller (`pkg/controller/statefulset`: `stateful_set_control.go`
//! `updateStatefulSet`, `processReplica`, `processCondemned`, `computeReplicaStatus`;
//! `stateful_set_utils.go` `newStatefulSetPod`, `initIdentity`, `updateStorage`, `getPatch`;
//! `pkg/controller/history` `HashControllerRevision`).
//!
//! Pods are named `<set>-<ordinal>` for the ordinals `[start, start + replicas)`
//! (`spec.ordinals.start`, default 0), labelled `statefulset.kubernetes.io/pod-name`,
//! `apps.kubernetes.io/pod-index` (`PodIndexLabel`, on since 1.28) and
//! `controller-revision-hash` (the revision's name, `<set>-<hash>`), with `hostname` = the pod
//! name and `subdomain` = `serviceName`: with a headless Service of that name they get the DNS
//! name `<pod>.<serviceName>.<ns>.svc.<domain>`.
//!
//! `OrderedReady` (the default) creates one pod at a time, the next only once every lower
//! ordinal is Running and Ready (and available for `minReadySeconds`), waits for a terminating
//! pod to be gone before recreating it, and scales down one pod at a time from the highest
//! ordinal once every remaining pod is healthy. `Parallel` creates and deletes without waiting.
//! Failed or succeeded pods are deleted and recreated.
//!
//! Not modelled: updates of the template (objects are only created here, so the current and the
//! update revision are one), ControllerRevision objects, PersistentVolumeClaims (the claim
//! templates' volumes are added to the pods, `<claim>-<set>-<ordinal>`, but nothing binds them
//! and the kubelet starts the pods regardless).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use svcplay_model::types::{Pod, StatefulSet, StatefulSetStatus};

use super::{
    MAX_PODS, Outcome, controller_ref, is_pod_ready, mark_pod_deleted, new_controller_ref,
    parse_rfc3339, put_pod, selector_matches,
};
use crate::Cluster;
use crate::store::Key;

/// Pods one sync creates at most (as the ReplicaSet controller's `burstReplicas`).
const BURST_CREATIONS: usize = 500;

/// `apps.StatefulSetPodNameLabel`.
pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
/// `apps.PodIndexLabel`.
pub const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";
/// `apps.StatefulSetRevisionLabel` (= `ControllerRevisionHashLabelKey`).
pub const REVISION_LABEL: &str = "controller-revision-hash";

/// `getParentNameAndOrdinal`: `(parent, ordinal)` of a pod named `<parent>-<digits>`.
fn parent_and_ordinal(name: &str) -> Option<(&str, i64)> {
    let (parent, digits) = name.rsplit_once('-')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // `strconv.ParseInt(..., 10, 32)`: out of range is no ordinal.
    let ord = digits.parse::<i32>().ok()?;
    Some((parent, i64::from(ord)))
}

/// `HashControllerRevision` of the revision `getPatch` makes of `set`: FNV-1 (32 bit) over the
/// patch `{"spec":{"template":{...,"$patch":"replace"}}}` (keys sorted, as Go's `json.Marshal`
/// of a map writes them; the template's `metadata.creationTimestamp` is `null` as `metav1.Time`
/// writes a zero time), then the collision count, then `rand.SafeEncodeString` of the decimal
/// hash. The template is our JSON of it: equal to upstream's bytes only where our defaulted
/// template serializes as the Go one does.
pub fn revision_hash(set: &StatefulSet, collision_count: i32) -> String {
    let mut template = serde_json::to_value(&set.spec.template).unwrap_or_else(|_| json!({}));
    if let Value::Object(t) = &mut template {
        let meta = t.entry("metadata".to_string()).or_insert_with(|| json!({}));
        if let Value::Object(m) = meta {
            m.entry("creationTimestamp".to_string())
                .or_insert(Value::Null);
        }
        t.insert("$patch".to_string(), json!("replace"));
    }
    let patch = json!({ "spec": { "template": template } });
    let mut h: u32 = 0x811c_9dc5;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h = h.wrapping_mul(0x0100_0193);
            h ^= u32::from(*b);
        }
    };
    feed(&serde_json::to_vec(&patch).unwrap_or_default());
    feed(collision_count.to_string().as_bytes());
    h.to_string()
        .bytes()
        .map(|b| char::from(super::NAME_ALPHABET[usize::from(b) % super::NAME_ALPHABET.len()]))
        .collect()
}

/// `ControllerRevisionName`: `<set>-<hash>`, the prefix cut to 223 bytes.
pub fn revision_name(set: &StatefulSet) -> String {
    let mut prefix = set.metadata.name.as_str();
    if prefix.len() > 223 {
        let mut cut = 223;
        while !prefix.is_char_boundary(cut) {
            cut -= 1;
        }
        prefix = &prefix[..cut];
    }
    let collisions = set.status.collision_count.unwrap_or(0);
    format!("{prefix}-{}", revision_hash(set, collisions))
}

/// The set's revision: the `status.updateRevision` it carries (a cluster dump's, whose hash of
/// the Go JSON ours need not reproduce; or ours from an earlier sync), else
/// [`revision_name`]. Templates are not updated here, so the update revision stays current.
fn set_revision(set: &StatefulSet) -> String {
    if set.status.update_revision.is_empty() {
        revision_name(set)
    } else {
        set.status.update_revision.clone()
    }
}

/// `newVersionedStatefulSetPod`: `GetPodFromTemplate` (template labels, annotations,
/// finalizers, spec, controller reference), the identity (`initIdentity`), the claim volumes
/// (`updateStorage`), the revision label, then the scheme defaults of a created pod.
fn new_pod(set: &StatefulSet, ns: &str, ordinal: i64, revision: &str) -> Pod {
    let name = format!("{}-{ordinal}", set.metadata.name);
    let t = &set.spec.template;
    let mut pod = Pod {
        api_version: "v1".to_string(),
        kind: "Pod".to_string(),
        spec: t.spec.clone(),
        ..Pod::default()
    };
    pod.metadata.name.clone_from(&name);
    pod.metadata.namespace = ns.to_string();
    let mut labels = (*t.metadata.labels).clone();
    labels.insert(POD_NAME_LABEL.to_string(), name.clone());
    labels.insert(POD_INDEX_LABEL.to_string(), ordinal.to_string());
    labels.insert(REVISION_LABEL.to_string(), revision.to_string());
    pod.metadata.labels = labels.into();
    pod.metadata.annotations = t.metadata.annotations.clone();
    pod.metadata.finalizers = t.metadata.finalizers.clone();
    pod.metadata.owner_references =
        vec![new_controller_ref("apps/v1", "StatefulSet", &set.metadata)].into();
    pod.spec.hostname.clone_from(&name);
    pod.spec.subdomain.clone_from(&set.spec.service_name);
    add_claim_volumes(set, ordinal, &mut pod);
    svcplay_model::defaults::default_pod(&mut pod);
    svcplay_model::defaults::merge_affinity_label_keys(&mut pod);
    pod
}

/// `updateStorage`: one `persistentVolumeClaim` volume per claim template, named as the
/// template, claiming `<template>-<set>-<ordinal>`; a template volume of the same name is
/// replaced.
fn add_claim_volumes(set: &StatefulSet, ordinal: i64, pod: &mut Pod) {
    let Some(Value::Array(templates)) = set.spec.other.get("volumeClaimTemplates") else {
        return;
    };
    let claims: Vec<Value> = templates
        .iter()
        .filter_map(|c| c.get("metadata")?.get("name")?.as_str())
        .map(|claim| {
            json!({
                "name": claim,
                "persistentVolumeClaim": {
                    "claimName": format!("{claim}-{}-{ordinal}", set.metadata.name)
                }
            })
        })
        .collect();
    if claims.is_empty() {
        return;
    }
    let mut volumes: Vec<Value> = match pod.spec.other.get("volumes") {
        Some(Value::Array(v)) => v.clone(),
        _ => Vec::new(),
    };
    for claim in claims {
        let name = claim.get("name").cloned();
        match volumes.iter_mut().find(|v| v.get("name") == name.as_ref()) {
            Some(v) => *v = claim,
            None => volumes.push(claim),
        }
    }
    pod.spec
        .other
        .insert("volumes".to_string(), Value::Array(volumes));
}

fn is_terminating(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_some()
}

fn is_finished(p: &Pod) -> bool {
    matches!(p.status.phase.as_str(), "Failed" | "Succeeded")
}

/// `isRunningAndReady`.
fn is_running_and_ready(p: &Pod) -> bool {
    p.status.phase == "Running" && is_pod_ready(p)
}

/// `isRunningAndAvailable` (`podutil.IsPodAvailable`): Ready for at least `min_ready` seconds
/// by the virtual clock (`now`, seconds since its epoch).
fn is_running_and_available(p: &Pod, min_ready: i64, now: u64) -> bool {
    if !is_running_and_ready(p) {
        return false;
    }
    if min_ready <= 0 {
        return true;
    }
    super::condition(&p.status.conditions, "Ready")
        .and_then(|c| c.last_transition_time.as_deref())
        .and_then(parse_rfc3339)
        .is_some_and(|t| t.saturating_add(min_ready.unsigned_abs()) <= now)
}

/// `isHealthy`.
fn is_healthy(p: &Pod) -> bool {
    is_running_and_ready(p) && !is_terminating(p)
}

/// The pods `getPodsForStatefulSet` claims for `set`: its own (by controller UID) that still
/// match (selector and `<set>-<n>` name), plus matching orphans to adopt. Returns the claimed
/// keys and the writes (adoptions, releases) to make.
fn claim(cluster: &Cluster, ns: &str, set: &StatefulSet) -> (Vec<Key>, Vec<(Key, Pod)>) {
    let mut mine = Vec::new();
    let mut writes = Vec::new();
    let Some(sel) = set.spec.selector.as_ref() else {
        return (mine, writes);
    };
    let uid = set.metadata.uid.as_str();
    let range = (ns.to_string(), String::new())..;
    for (k, p) in cluster.store.pods.range(range) {
        if k.0 != ns {
            break;
        }
        let member =
            parent_and_ordinal(&k.1).is_some_and(|(parent, _)| parent == set.metadata.name);
        let matches = member && selector_matches(sel, &p.metadata.labels);
        match controller_ref(&p.metadata) {
            Some(r) if r.uid == uid => {
                if matches || is_terminating(p) {
                    mine.push(k.clone());
                } else {
                    let mut p = p.clone();
                    p.metadata.owner_references.retain(|r| r.uid != uid);
                    writes.push((k.clone(), p));
                }
            }
            None if matches && !is_terminating(p) && !is_finished(p) => {
                let mut p = p.clone();
                p.metadata.owner_references.push(new_controller_ref(
                    "apps/v1",
                    "StatefulSet",
                    &set.metadata,
                ));
                writes.push((k.clone(), p));
                mine.push(k.clone());
            }
            _ => {}
        }
    }
    (mine, writes)
}

/// One sync of every StatefulSet (`updateStatefulSet` without the status, which
/// [`update_statuses`] writes after the kubelet has run).
pub(super) fn sync_stateful_sets(cluster: &mut Cluster) -> Outcome {
    let mut changed = false;
    let keys: Vec<Key> = cluster.store.stateful_sets.keys().cloned().collect();
    for key in keys {
        let Some(set) = cluster.store.stateful_sets.get(&key) else {
            continue;
        };
        if set.metadata.deletion_timestamp.is_some() {
            continue;
        }
        // Validation rejects a missing or empty selector; never let one adopt a namespace.
        if set
            .spec
            .selector
            .as_ref()
            .is_none_or(|s| s.match_labels.is_empty() && s.match_expressions.is_empty())
        {
            continue;
        }
        let set = set.clone();
        changed |= sync_one(cluster, &key, &set);
    }
    Outcome::of(changed)
}

fn sync_one(cluster: &mut Cluster, key: &Key, set: &StatefulSet) -> bool {
    let ns = key.0.as_str();
    let (mine, writes) = claim(cluster, ns, set);
    let mut changed = false;
    for (k, p) in writes {
        changed |= put_pod(&mut cluster.store, k, p);
    }
    let start = i64::from(set.spec.ordinals.as_ref().map_or(0, |o| o.start.max(0)));
    let replicas = i64::from(set.spec.replicas.unwrap_or(1).max(0));
    let end = start + replicas;
    let monotonic = set.spec.pod_management_policy != "Parallel";
    let min_ready = i64::from(set.spec.min_ready_seconds);
    let now = cluster.clock.seconds;
    let revision = set_revision(set);
    // Replicas by ordinal (in range) and condemned pods (out of range), by key.
    let mut in_range: BTreeMap<i64, Key> = BTreeMap::new();
    let mut condemned: Vec<(i64, Key)> = Vec::new();
    for k in mine {
        let Some((_, ord)) = parent_and_ordinal(&k.1) else {
            continue;
        };
        if (start..end).contains(&ord) {
            in_range.insert(ord, k);
        } else {
            condemned.push((ord, k));
        }
    }
    // Highest ordinal first.
    condemned.sort_by_key(|c| std::cmp::Reverse(c.0));
    let pod_at = |cluster: &Cluster, k: &Key| cluster.store.pods.get(k).cloned();
    // `firstUnhealthyPod`: the lowest unhealthy replica, else the highest unhealthy condemned.
    let first_unhealthy: Option<Key> = in_range
        .values()
        .chain(condemned.iter().map(|(_, k)| k))
        .find(|k| cluster.store.pods.get(*k).is_some_and(|p| !is_healthy(p)))
        .cloned();
    // Creations this sync: bounded as the ReplicaSet controller's are (`burstReplicas`, and
    // the simulation's cap on pods), so an absurd `replicas` cannot exhaust memory.
    let mut budget = BURST_CREATIONS.min(MAX_PODS.saturating_sub(cluster.store.pods.len()));
    for ord in start..end {
        let k = (ns.to_string(), format!("{}-{ord}", set.metadata.name));
        let mut existing = in_range.get(&ord).and_then(|k| pod_at(cluster, k));
        if existing.is_none() && cluster.store.pods.contains_key(&k) {
            // A pod of that name the set does not own (another owner, or not matching):
            // `CreateStatefulPod` fails with AlreadyExists; nothing more this round.
            if monotonic {
                return changed;
            }
            continue;
        }
        // Delete and recreate pods which finished running.
        if existing.as_ref().is_some_and(is_finished) {
            changed |= mark_pod_deleted(cluster, &k);
            existing = pod_at(cluster, &k);
            if existing.is_some() {
                if monotonic {
                    return changed;
                }
                continue;
            }
        }
        let Some(pod) = existing else {
            if budget == 0 {
                return changed;
            }
            budget -= 1;
            let mut pod = new_pod(set, ns, ord, &revision);
            pod.metadata.uid = cluster.store.next_uid();
            pod.metadata.creation_timestamp = Some(cluster.clock.rfc3339());
            changed |= put_pod(&mut cluster.store, k, pod);
            if monotonic {
                return changed;
            }
            continue;
        };
        if monotonic
            && (is_terminating(&pod)
                || !is_running_and_ready(&pod)
                || !is_running_and_available(&pod, min_ready, now))
        {
            return changed;
        }
    }
    for (_, k) in &condemned {
        let Some(pod) = pod_at(cluster, k) else {
            continue;
        };
        if is_terminating(&pod) {
            if monotonic {
                return changed;
            }
            continue;
        }
        let first = first_unhealthy.as_ref() == Some(k);
        if monotonic
            && !first
            && (!is_running_and_ready(&pod) || !is_running_and_available(&pod, min_ready, now))
        {
            return changed;
        }
        changed |= mark_pod_deleted(cluster, k);
        if monotonic {
            return changed;
        }
    }
    changed
}

/// StatefulSet status (`computeReplicaStatus` and the revision bookkeeping of
/// `updateStatefulSet`): `replicas` counts created pods (any phase), `readyReplicas` those
/// Running and Ready, `availableReplicas` those also Ready for `minReadySeconds`,
/// `currentReplicas`/`updatedReplicas` the created, non-terminating pods at the (one) revision;
/// `currentRevision` = `updateRevision` = `<set>-<hash>` (or the revision the set already
/// names), `collisionCount` 0,
/// `observedGeneration` the set's generation.
pub(super) fn update_statuses(cluster: &mut Cluster) -> bool {
    let now = cluster.clock.seconds;
    let store = &cluster.store;
    let mut updates: Vec<(Key, StatefulSetStatus)> = Vec::new();
    for (key, set) in &store.stateful_sets {
        let revision = set_revision(set);
        let min_ready = i64::from(set.spec.min_ready_seconds);
        let mut st = StatefulSetStatus {
            observed_generation: set.metadata.generation.or(Some(1)),
            current_revision: revision.clone(),
            update_revision: revision.clone(),
            collision_count: Some(set.status.collision_count.unwrap_or(0)),
            other: set.status.other.clone(),
            ..StatefulSetStatus::default()
        };
        let range = (key.0.clone(), String::new())..;
        for (k, p) in store.pods.range(range) {
            if k.0 != key.0 {
                break;
            }
            if controller_ref(&p.metadata).is_none_or(|r| r.uid != set.metadata.uid) {
                continue;
            }
            // `isCreated`: every stored pod is (the controller's own new pods have no phase
            // until the scheduler sets `Pending`).
            st.replicas += 1;
            if is_running_and_ready(p) {
                st.ready_replicas += 1;
                if is_running_and_available(p, min_ready, now) {
                    st.available_replicas += 1;
                }
            }
            if !is_terminating(p) && p.metadata.labels.get(REVISION_LABEL) == Some(&revision) {
                st.current_replicas += 1;
                st.updated_replicas += 1;
            }
        }
        if st != set.status {
            updates.push((key.clone(), st));
        }
    }
    let mut changed = false;
    for (key, st) in updates {
        let rv = cluster.store.next_resource_version();
        if let Some(set) = cluster.store.stateful_sets.get_mut(&key) {
            set.status = st;
            set.metadata.resource_version = rv;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    // stateful_set_utils.go getParentNameAndOrdinal (statefulPodRegex `(.*)-([0-9]+)$`).
    #[test]
    fn parent_and_ordinal_cases() {
        assert_eq!(parent_and_ordinal("web-0"), Some(("web", 0)));
        assert_eq!(parent_and_ordinal("my-web-12"), Some(("my-web", 12)));
        assert_eq!(parent_and_ordinal("web"), None);
        assert_eq!(parent_and_ordinal("web-"), None);
        assert_eq!(parent_and_ordinal("web-x1"), None);
        assert_eq!(parent_and_ordinal("web-99999999999"), None);
    }

    #[test]
    fn revision_names_depend_on_template_and_collisions() {
        let mut set = StatefulSet::default();
        set.metadata.name = "web".to_string();
        let a = revision_name(&set);
        assert!(a.starts_with("web-"), "{a}");
        assert!(
            a[4..]
                .bytes()
                .all(|b| super::super::NAME_ALPHABET.contains(&b))
        );
        let mut other = set.clone();
        other.spec.template.spec.restart_policy.push_str("Always");
        assert_ne!(revision_name(&other), a);
        assert_ne!(revision_hash(&set, 1), revision_hash(&set, 0));
        // Only the template counts: replicas do not change the revision.
        let mut scaled = set.clone();
        scaled.spec.replicas = Some(5);
        assert_eq!(revision_name(&scaled), a);
    }
}
