//! The Deployment controller (`pkg/controller/deployment/sync.go`, `util/deployment_util.go`),
//! reduced to what Services see: one ReplicaSet per pod template, named
//! `<deployment>-<pod-template-hash>`, scaled to `spec.replicas`.
//!
//! Rollouts are instantaneous: when the template changes, the new ReplicaSet gets every replica
//! and older ones are scaled to 0 at once (upstream's RollingUpdate would surge and drain step by
//! step, bounded by `maxSurge`/`maxUnavailable`; the end state is the same).

use svcplay_model::fxhash::HashMap;

use svcplay_model::types::{
    Deployment, DeploymentCondition, PodTemplateSpec, ReplicaSet, WorkloadStatus,
};

use super::{
    controller_ref, new_controller_ref, put_deployment, put_replica_set, selector_matches,
};
use crate::Cluster;
use crate::store::Key;

/// Label and selector key carrying the template hash (`apps/v1` `DefaultDeploymentUniqueLabelKey`).
pub const POD_TEMPLATE_HASH: &str = "pod-template-hash";
const REVISION: &str = "deployment.kubernetes.io/revision";
const DESIRED_REPLICAS: &str = "deployment.kubernetes.io/desired-replicas";
const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";

/// `controller.ComputeHash` in spirit: FNV-1a (32 bit) over the template (here its canonical
/// JSON, where upstream hashes a `spew` dump of the Go struct), plus the decimal collision count
/// if set, then `rand.SafeEncodeString` of the decimal hash. The result is at most 10 characters
/// from `bcdfghjklmnpqrstvwxz2456789` (in practice from `4-9`, `b`, `c`, `d`, `f`, since only
/// digits are encoded), like `7c5ddbdf54`. The numbers differ from upstream's; the shape does not.
pub fn compute_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let mut h: u32 = 0x811c_9dc5;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u32::from(*b);
            h = h.wrapping_mul(0x0100_0193);
        }
    };
    feed(&serde_json::to_vec(template).unwrap_or_default());
    if let Some(c) = collision_count {
        feed(c.to_string().as_bytes());
    }
    h.to_string()
        .bytes()
        .map(|b| char::from(super::NAME_ALPHABET[usize::from(b) % super::NAME_ALPHABET.len()]))
        .collect()
}

fn collision_count(d: &Deployment) -> Option<i32> {
    d.status
        .other
        .get("collisionCount")
        .and_then(serde_json::Value::as_i64)
        .and_then(|v| i32::try_from(v).ok())
}

/// `maxSurge` and `maxUnavailable` resolved against `replicas` (`deploymentutil.ResolveFenceposts`):
/// an int as is, a percentage of `replicas` rounded up (surge) or down (unavailable); both zero
/// gives one unavailable. `None` for a strategy other than `RollingUpdate` (`Recreate`).
fn fenceposts(d: &Deployment, replicas: i32) -> Option<(i32, i32)> {
    let strategy = d.spec.other.get("strategy");
    if strategy
        .and_then(|s| s.get("type"))
        .and_then(serde_json::Value::as_str)
        == Some("Recreate")
    {
        return None;
    }
    let rolling = strategy.and_then(|s| s.get("rollingUpdate"));
    let scaled = |field: &str, round_up: bool| match rolling.and_then(|r| r.get(field)) {
        Some(serde_json::Value::Number(n)) => n.as_i64().map_or(0, |v| v as i32),
        Some(serde_json::Value::String(s)) => {
            // `intstr.GetScaledValueFromIntOrPercent`: only `N%` is accepted for a string.
            let pct: i64 = s
                .strip_suffix('%')
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            let scaled = i64::from(replicas) * pct;
            (if round_up {
                (scaled + 99) / 100
            } else {
                scaled / 100
            }) as i32
        }
        // Absent (only before defaulting, e.g. in a replayed dump): the `apps/v1` default 25 %.
        _ => {
            let scaled = i64::from(replicas) * 25;
            (if round_up {
                (scaled + 99) / 100
            } else {
                scaled / 100
            }) as i32
        }
    };
    let surge = scaled("maxSurge", true);
    let unavailable = scaled("maxUnavailable", false);
    Some((
        surge,
        if surge == 0 && unavailable == 0 {
            1
        } else {
            unavailable
        },
    ))
}

/// `deploymentutil.MaxSurge`: 0 unless the strategy is `RollingUpdate`.
fn max_surge(d: &Deployment, replicas: i32) -> i32 {
    fenceposts(d, replicas).map_or(0, |(surge, _)| surge)
}

/// `deploymentutil.MaxUnavailable`: 0 unless the strategy is `RollingUpdate` with replicas,
/// at most `replicas`.
fn max_unavailable(d: &Deployment, replicas: i32) -> i32 {
    if replicas == 0 {
        return 0;
    }
    fenceposts(d, replicas).map_or(0, |(_, unavailable)| unavailable.min(replicas))
}

fn revision(rs: &ReplicaSet) -> i64 {
    rs.metadata
        .annotations
        .get(REVISION)
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

/// What the Deployment controller remembers during one settle: template hashes already
/// computed, by Deployment key, with the template and collision count they were computed from (a
/// changed template is hashed again); and the Deployments whose new ReplicaSet it created, for
/// the `NewReplicaSetCreated` condition.
#[derive(Debug, Clone, Default)]
pub(super) struct HashCache {
    entries: HashMap<Key, (PodTemplateSpec, Option<i32>, String)>,
    created: HashMap<Key, String>,
}

impl HashCache {
    fn hash(&mut self, key: &Key, d: &Deployment) -> String {
        let cc = collision_count(d);
        if let Some((t, c, h)) = self.entries.get(key)
            && *c == cc
            && *t == d.spec.template
        {
            return h.clone();
        }
        let h = compute_hash(&d.spec.template, cc);
        self.entries
            .insert(key.clone(), (d.spec.template.clone(), cc, h.clone()));
        h
    }
}

/// ReplicaSet keys by `(namespace, controller uid)`, in key order.
fn replica_sets_by_owner(cluster: &Cluster) -> HashMap<(String, String), Vec<Key>> {
    let mut m: HashMap<(String, String), Vec<Key>> = HashMap::default();
    for (k, rs) in &cluster.store.replica_sets {
        if let Some(r) = controller_ref(&rs.metadata) {
            m.entry((k.0.clone(), r.uid.clone()))
                .or_default()
                .push(k.clone());
        }
    }
    m
}

/// Creates or scales each Deployment's ReplicaSets.
pub(super) fn sync_deployments(cluster: &mut Cluster, hashes: &mut HashCache) -> bool {
    let mut changed = false;
    let by_owner = replica_sets_by_owner(cluster);
    let keys: Vec<Key> = cluster.store.deployments.keys().cloned().collect();
    let no_keys: Vec<Key> = Vec::new();
    for key in keys {
        let Some(d) = cluster.store.deployments.get(&key) else {
            continue;
        };
        if d.metadata.deletion_timestamp.is_some() {
            continue;
        }
        // apps/v1 requires a selector; without one the controller does nothing.
        let Some(selector) = d.spec.selector.as_ref() else {
            continue;
        };
        let ns = key.0.clone();
        let replicas = d.spec.replicas.unwrap_or(1).max(0);
        let hash = hashes.hash(&key, d);
        let new_name = format!("{}-{hash}", key.1);
        let owned = by_owner
            .get(&(ns.clone(), d.metadata.uid.clone()))
            .unwrap_or(&no_keys);
        // A replayed dump (`kubectl get deployments,pods -o yaml`) has the pods but not their
        // ReplicaSets. In observed mode such a Deployment is taken as reconciled, as it was in
        // the cluster the dump came from, instead of getting a second set of pods.
        if cluster.options.observed
            && owned.is_empty()
            && cluster.store.pods.iter().any(|((pns, _), p)| {
                *pns == ns
                    && controller_ref(&p.metadata).is_some_and(|r| r.kind == "ReplicaSet")
                    && selector_matches(selector, &p.metadata.labels)
            })
        {
            continue;
        }
        let new_key = (ns.clone(), new_name.clone());
        if !owned.contains(&new_key) && cluster.store.replica_sets.contains_key(&new_key) {
            // A foreign ReplicaSet holds the name: bump collisionCount and try again next round
            // (`getNewReplicaSet`'s hash-collision path).
            let mut d2 = d.clone();
            let next = collision_count(d).unwrap_or(0) + 1;
            d2.status
                .other
                .insert("collisionCount".to_string(), next.into());
            changed |= put_deployment(&mut cluster.store, key.clone(), d2);
            continue;
        }
        let max_rev = owned
            .iter()
            .filter_map(|k| cluster.store.replica_sets.get(k))
            .map(revision)
            .max()
            .unwrap_or(0);
        let desired = replicas.to_string();
        let max_replicas = (replicas + max_surge(d, replicas)).to_string();
        let rs = match cluster.store.replica_sets.get(&new_key) {
            Some(rs) => {
                let current = rs.spec.replicas == Some(replicas)
                    && rs.metadata.annotations.get(DESIRED_REPLICAS) == Some(&desired)
                    && rs.metadata.annotations.get(MAX_REPLICAS) == Some(&max_replicas);
                // Unchanged: writing it back would be a no-op.
                (!current).then(|| rs.clone())
            }
            None => {
                let mut template = d.spec.template.clone();
                template
                    .metadata
                    .labels
                    .insert(POD_TEMPLATE_HASH.to_string(), hash.clone());
                let mut sel = selector.clone();
                sel.match_labels
                    .insert(POD_TEMPLATE_HASH.to_string(), hash.clone());
                let mut rs = ReplicaSet {
                    api_version: "apps/v1".to_string(),
                    kind: "ReplicaSet".to_string(),
                    ..ReplicaSet::default()
                };
                rs.metadata.name = new_name.clone();
                rs.metadata.namespace = ns.clone();
                rs.metadata.generation = Some(1);
                rs.metadata.creation_timestamp = Some(cluster.clock.rfc3339());
                rs.metadata.labels = template.metadata.labels.clone();
                rs.metadata.owner_references =
                    vec![new_controller_ref("apps/v1", "Deployment", &d.metadata)].into();
                rs.metadata
                    .annotations
                    .insert(REVISION.to_string(), (max_rev + 1).to_string());
                rs.spec.selector = Some(sel);
                rs.spec.template = template;
                if let Some(m) = d.spec.other.get("minReadySeconds") {
                    rs.spec
                        .other
                        .insert("minReadySeconds".to_string(), m.clone());
                }
                rs.metadata.uid = cluster.store.next_uid();
                hashes.created.insert(key.clone(), new_name.clone());
                Some(rs)
            }
        };
        if let Some(mut rs) = rs {
            if rs.spec.replicas != Some(replicas) {
                if rs.spec.replicas.is_some() {
                    rs.metadata.generation = Some(rs.metadata.generation.unwrap_or(1) + 1);
                }
                rs.spec.replicas = Some(replicas);
            }
            rs.metadata
                .annotations
                .insert(DESIRED_REPLICAS.to_string(), desired);
            rs.metadata
                .annotations
                .insert(MAX_REPLICAS.to_string(), max_replicas);
            changed |= put_replica_set(&mut cluster.store, new_key.clone(), rs);
        }
        // Older ReplicaSets are scaled to zero and kept as revision history.
        for old in owned.iter().filter(|k| **k != new_key) {
            if let Some(o) = cluster.store.replica_sets.get(old)
                && o.spec.replicas != Some(0)
            {
                let mut o = o.clone();
                o.spec.replicas = Some(0);
                o.metadata.generation = Some(o.metadata.generation.unwrap_or(1) + 1);
                changed |= put_replica_set(&mut cluster.store, old.clone(), o);
            }
        }
    }
    changed
}

/// `deploymentutil.SetDeploymentCondition` on a status's conditions: the same status and reason
/// leave the condition as it is; otherwise it is replaced and moves to the end, keeping its
/// `lastTransitionTime` when only the reason or message changed.
fn set_condition(
    conditions: &mut Vec<DeploymentCondition>,
    type_: &str,
    status: &str,
    reason: &str,
    message: String,
    now: &str,
) {
    let mut transition = Some(now.to_string());
    if let Some(i) = conditions.iter().position(|c| c.type_ == type_) {
        let c = conditions.remove(i);
        if c.status == status {
            if c.reason == reason {
                conditions.insert(i, c);
                return;
            }
            transition = c.last_transition_time.or(transition);
        }
    }
    // Grown one at a time (a Deployment holds two or three), not to the four a push reserves.
    conditions.reserve_exact(1);
    conditions.push(DeploymentCondition {
        type_: type_.to_string(),
        status: status.to_string(),
        last_update_time: Some(now.to_string()),
        last_transition_time: transition,
        reason: reason.to_string(),
        message,
    });
}

/// Deployment status from its ReplicaSets (`syncRolloutStatus` / `calculateStatus`), and the
/// revision annotation of its new ReplicaSet (`SetDeploymentRevision`).
pub(super) fn update_statuses(cluster: &mut Cluster, hashes: &mut HashCache) -> bool {
    let by_owner = replica_sets_by_owner(cluster);
    let now = cluster.clock.rfc3339();
    let mut updates: Vec<(Key, WorkloadStatus, Option<String>)> = Vec::new();
    for (key, d) in &cluster.store.deployments {
        if d.spec.selector.is_none() {
            continue;
        }
        let hash = hashes.hash(key, d);
        let new_name = format!("{}-{hash}", key.1);
        let mut st = WorkloadStatus {
            observed_generation: d.metadata.generation.or(Some(1)),
            other: d.status.other.clone(),
            conditions: d.status.conditions.clone(),
            ..WorkloadStatus::default()
        };
        let mut total = 0;
        let mut new_revision = None;
        for k in by_owner
            .get(&(key.0.clone(), d.metadata.uid.clone()))
            .into_iter()
            .flatten()
        {
            let Some(rs) = cluster.store.replica_sets.get(k) else {
                continue;
            };
            total += rs.spec.replicas.unwrap_or(1);
            st.replicas += rs.status.replicas;
            st.ready_replicas += rs.status.ready_replicas;
            st.available_replicas += rs.status.available_replicas;
            if k.1 == new_name {
                st.updated_replicas = rs.status.replicas;
                new_revision = rs.metadata.annotations.get(REVISION);
            }
        }
        // calculateStatus: unavailable counts against the ReplicaSets' desired replicas.
        let unavailable = (total - st.available_replicas).max(0);
        if unavailable > 0 {
            st.other
                .insert("unavailableReplicas".to_string(), unavailable.into());
        } else {
            st.other.remove("unavailableReplicas");
        }
        conditions(
            d,
            &mut st,
            new_revision.is_some().then_some(&new_name),
            &now,
            hashes.created.get(key),
        );
        let revision = new_revision
            .filter(|r| d.metadata.annotations.get(REVISION) != Some(*r))
            .cloned();
        // Only the status (and the revision annotation) change, so the object differs exactly
        // when one of them does.
        if st != d.status || revision.is_some() {
            updates.push((key.clone(), st, revision));
        }
    }
    let mut changed = false;
    for (key, st, revision) in updates {
        hashes.created.remove(&key);
        // A different status is a different object: stored under a new resourceVersion, as
        // `put_deployment` would.
        let rv = cluster.store.next_resource_version();
        if let Some(d) = cluster.store.deployments.get_mut(&key) {
            d.status = st;
            if let Some(r) = revision {
                d.metadata.annotations.insert(REVISION.to_string(), r);
            }
            d.metadata.resource_version = rv;
            changed = true;
        }
    }
    changed
}

/// The `Available` and `Progressing` conditions of `st`, the status being computed for `d`
/// (`calculateStatus`, `syncRolloutStatus`). `new_rs` names the new ReplicaSet when it exists;
/// `created` when this controller created it during the settle (`getNewReplicaSet` then sets
/// `NewReplicaSetCreated`).
fn conditions(
    d: &Deployment,
    st: &mut WorkloadStatus,
    new_rs: Option<&String>,
    now: &str,
    created: Option<&String>,
) {
    let mut list = std::mem::take(&mut st.conditions);
    let replicas = d.spec.replicas.unwrap_or(1);
    // `HasProgressDeadline`: set and not MaxInt32.
    let deadline = d
        .spec
        .other
        .get("progressDeadlineSeconds")
        .and_then(serde_json::Value::as_i64)
        .is_some_and(|s| s != i64::from(i32::MAX));
    if let Some(name) = created
        && deadline
    {
        set_condition(
            &mut list,
            "Progressing",
            "True",
            "NewReplicaSetCreated",
            format!("Created new replica set {name:?}"),
            now,
        );
    }
    if st.available_replicas >= replicas - max_unavailable(d, replicas) {
        set_condition(
            &mut list,
            "Available",
            "True",
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.".to_string(),
            now,
        );
    } else {
        set_condition(
            &mut list,
            "Available",
            "False",
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.".to_string(),
            now,
        );
    }
    let progressing = list.iter().find(|c| c.type_ == "Progressing").cloned();
    if !deadline {
        list.retain(|c| c.type_ != "Progressing");
    } else if !(st.replicas == st.updated_replicas
        && progressing
            .as_ref()
            .is_some_and(|c| c.reason == "NewReplicaSetAvailable"))
    {
        let subject = match new_rs {
            Some(name) => format!("ReplicaSet {name:?}"),
            None => format!("Deployment {:?}", d.metadata.name),
        };
        let old = &d.status;
        let complete = st.updated_replicas == replicas
            && st.replicas == replicas
            && st.available_replicas == replicas
            && st.observed_generation >= d.metadata.generation;
        // `DeploymentProgressing`: more updated, ready or available pods, or fewer old ones.
        let progressed = st.updated_replicas > old.updated_replicas
            || st.replicas - st.updated_replicas < old.replicas - old.updated_replicas
            || st.ready_replicas > old.ready_replicas
            || st.available_replicas > old.available_replicas;
        if complete {
            set_condition(
                &mut list,
                "Progressing",
                "True",
                "NewReplicaSetAvailable",
                format!("{subject} has successfully progressed."),
                now,
            );
        } else if progressed {
            // Progress refreshes the condition in place (only lastTransitionTime is kept).
            let kept = progressing
                .filter(|c| c.status == "True")
                .and_then(|c| c.last_transition_time);
            list.retain(|c| c.type_ != "Progressing");
            set_condition(
                &mut list,
                "Progressing",
                "True",
                "ReplicaSetUpdated",
                format!("{subject} is progressing."),
                now,
            );
            if let (Some(t), Some(last)) = (kept, list.last_mut()) {
                last.last_transition_time = Some(t);
            }
        }
    }
    st.conditions = list;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_short_and_template_sensitive() {
        // deployment_util_test.go TestComputeHash-style: the same template always gives the same
        // hash, a different template or collision count a different one.
        let t: PodTemplateSpec = serde_json::from_value(serde_json::json!({
            "metadata": {"labels": {"app": "web"}},
            "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}
        }))
        .unwrap();
        let h = compute_hash(&t, None);
        assert_eq!(h, compute_hash(&t, None));
        assert!(!h.is_empty() && h.len() <= 10);
        assert!(h.bytes().all(|b| b"456789bcdf".contains(&b)), "{h}");
        assert_ne!(h, compute_hash(&t, Some(1)));
        let mut t2 = t.clone();
        t2.spec.containers[0].image = "nginx:1.28".to_string();
        assert_ne!(h, compute_hash(&t2, None));
    }
}
