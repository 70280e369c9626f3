//! The controllers and the simulated kubelet: what the cluster does after objects are stored.
//!
//! [`settle`] runs, in this order and until nothing changes, the node IPAM range allocator,
//! the Deployment, ReplicaSet, StatefulSet and DaemonSet controllers, the garbage collector, the
//! scheduler, a simulated kubelet, the workload status updaters, the EndpointSlice controller, the
//! Endpoints controller, the EndpointSlice mirroring controller and the simulated cloud provider
//! ([`crate::cloud`]). Each stage
//! writes an object only when it differs from the stored one (bumping `resourceVersion`), so a
//! settled cluster is a fixed point and settling it again changes nothing.
//!
//! Live changes ([`scale`], [`delete_pod`], [`set_pod_ready`], [`cordon`], [`drain`],
//! [`remove_node`], [`advance`]) edit the store as `kubectl` would and settle again.
//!
//! Determinism: random names come from `cluster.rng`, timestamps from `cluster.clock`, UIDs from
//! `store.next_uid()`; every loop walks the store's sorted maps.

mod daemonset;
mod deployment;
mod endpoints;
mod endpointslice;
mod endpointslicemirroring;
mod fit;
mod interpodaffinity;
mod ipam;
mod kubelet;
mod placement;
mod replicaset;
mod scheduler;
mod spread;
mod statefulset;

use svcplay_model::fxhash::{HashMap, HashSet};

use svcplay_model::types::{
    Condition, EndpointSlice, LabelSelector, Node, ObjectMeta, OwnerReference, Pod, ReplicaSet,
    StringMap,
};

use crate::Cluster;
use crate::store::{Key, Store};

pub use daemonset::{
    HASH_LABEL as DAEMONSET_HASH_LABEL,
    TEMPLATE_GENERATION_ANNOTATION as DAEMONSET_TEMPLATE_GENERATION_ANNOTATION,
    TEMPLATE_GENERATION_LABEL, template_hash as daemon_set_template_hash,
};
pub use deployment::compute_hash;
pub use endpoints::{MAX_CAPACITY, OVER_CAPACITY_ANNOTATION, repack_subsets};
pub use endpointslice::{
    LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MANAGED_BY_VALUE, MAX_ENDPOINTS_PER_SLICE,
    TRIGGER_TIME_ANNOTATION, TriggerTimes,
};
pub use endpointslicemirroring::{
    LABEL_SKIP_MIRROR, MAX_ENDPOINTS_PER_SUBSET, MIRRORING_MANAGED_BY_VALUE,
};
pub use replicaset::MAX_PODS;
pub use statefulset::{POD_INDEX_LABEL, POD_NAME_LABEL, REVISION_LABEL, revision_name};

/// Upper bound on controller rounds in one [`settle`]; a well-formed cluster settles in 3–4.
const MAX_ROUNDS: usize = 32;

/// Default `terminationGracePeriodSeconds` (`pkg/apis/core/v1/defaults.go`).
pub const DEFAULT_GRACE_PERIOD_SECONDS: i64 = 30;

/// What a stage reads or writes, as bits (see [`STAGES`]). Some kinds are split by who writes
/// which fields, so that a stage is not rerun for writes it cannot be affected by.
const NODES: u16 = 1;
/// Deployments: existence, metadata, spec.
const DEPLOYMENTS: u16 = 1 << 1;
/// Deployments' status and revision annotation (what `deployment-status` writes).
const DEPLOYMENT_STATUS: u16 = 1 << 2;
/// ReplicaSets: existence, metadata, spec.
const REPLICA_SETS: u16 = 1 << 3;
/// ReplicaSets' status (what `replicaset-status` writes).
const REPLICA_SET_STATUS: u16 = 1 << 4;
/// Pods: existence, metadata and spec but for the binding. A terminal phase counts here too:
/// only the input sets one, never the scheduler or the kubelet.
const PODS: u16 = 1 << 5;
/// What the scheduler writes into pods it decides on (node name, `PodScheduled`, the first
/// `Pending` phase), all of them unbound before.
const POD_BINDINGS: u16 = 1 << 6;
/// What the kubelet writes into bound pods' status (a non-terminal phase, IPs, conditions,
/// start time, container statuses).
const POD_RUNTIME: u16 = 1 << 7;
const SERVICES: u16 = 1 << 8;
const SLICES: u16 = 1 << 9;
/// StatefulSets: existence, metadata, spec.
const STATEFUL_SETS: u16 = 1 << 10;
/// StatefulSets' status.
const STATEFUL_SET_STATUS: u16 = 1 << 11;
/// DaemonSets: existence, metadata, spec.
const DAEMON_SETS: u16 = 1 << 12;
/// DaemonSets' status.
const DAEMON_SET_STATUS: u16 = 1 << 13;
/// Endpoints (`core/v1`).
const ENDPOINTS: u16 = 1 << 14;
const KINDS: usize = 15;
/// Every part of pods.
const ALL_PODS: u16 = PODS | POD_BINDINGS | POD_RUNTIME;
/// Every part of ReplicaSets.
const ALL_REPLICA_SETS: u16 = REPLICA_SETS | REPLICA_SET_STATUS;
/// Every part of Deployments.
const ALL_DEPLOYMENTS: u16 = DEPLOYMENTS | DEPLOYMENT_STATUS;
/// Every part of StatefulSets.
const ALL_STATEFUL_SETS: u16 = STATEFUL_SETS | STATEFUL_SET_STATUS;
/// Every part of DaemonSets.
const ALL_DAEMON_SETS: u16 = DAEMON_SETS | DAEMON_SET_STATUS;

/// One controller of [`settle`]'s round: what it reads and writes, and whether it is
/// idempotent (run again right after itself, with nothing else changed, it changes nothing).
/// The settings, options and clock do not change during a settle; every stage reads them.
///
/// "Reads" lists what can change the outcome of a stage whose last run changed nothing (or
/// left it settled, see [`run_stage`]): the ReplicaSet controller, the garbage collector and the
/// scheduler do not look at the status the kubelet reports, nor the first two at bindings.
#[derive(Debug, Clone, Copy)]
struct Stage {
    /// For messages of debug builds.
    #[cfg_attr(not(debug_assertions), allow(dead_code))]
    name: &'static str,
    reads: u16,
    writes: u16,
    idempotent: bool,
}

/// The stages of a round, in order (indices match [`run_stage`]).
const STAGES: [Stage; 16] = [
    Stage {
        name: "ipam",
        reads: NODES,
        writes: NODES,
        idempotent: true,
    },
    // Not idempotent: a hash collision is resolved over two rounds. Reads pods (observed input).
    Stage {
        name: "deployment",
        reads: ALL_DEPLOYMENTS | ALL_REPLICA_SETS | ALL_PODS,
        writes: ALL_DEPLOYMENTS | ALL_REPLICA_SETS,
        idempotent: false,
    },
    // Not idempotent: at most `burstReplicas` creations per sync (a pass that created every
    // missing pod, and did nothing else, reports itself settled).
    Stage {
        name: "replicaset",
        reads: REPLICA_SETS | PODS,
        writes: ALL_PODS,
        idempotent: false,
    },
    // Not idempotent: `OrderedReady` creates or deletes one pod per sync, waiting for the
    // scheduler and the kubelet in between.
    Stage {
        name: "statefulset",
        // The status names the revision (and its collision count).
        reads: ALL_STATEFUL_SETS | ALL_PODS,
        writes: ALL_PODS,
        idempotent: false,
    },
    // Not idempotent: a failed daemon pod is deleted in one sync and replaced in the next.
    Stage {
        name: "daemonset",
        // The status holds the hash's collision count.
        reads: NODES | ALL_DAEMON_SETS | ALL_PODS,
        writes: ALL_PODS,
        idempotent: false,
    },
    // Not idempotent: the cascade takes one round per level.
    Stage {
        name: "garbage-collector",
        reads: DEPLOYMENTS | REPLICA_SETS | STATEFUL_SETS | DAEMON_SETS | PODS,
        writes: ALL_REPLICA_SETS | ALL_PODS,
        idempotent: false,
    },
    // Not idempotent: an unschedulable pod's message depends on the pods bound after it (a pass
    // that bound every pod reports itself settled).
    Stage {
        name: "scheduler",
        reads: NODES | REPLICA_SETS | STATEFUL_SETS | PODS | POD_BINDINGS | SERVICES,
        writes: POD_BINDINGS,
        idempotent: false,
    },
    Stage {
        name: "kubelet",
        reads: NODES | ALL_PODS,
        writes: POD_RUNTIME,
        idempotent: true,
    },
    Stage {
        name: "replicaset-status",
        reads: ALL_REPLICA_SETS | ALL_PODS,
        writes: REPLICA_SET_STATUS,
        idempotent: true,
    },
    Stage {
        name: "deployment-status",
        reads: ALL_DEPLOYMENTS | ALL_REPLICA_SETS,
        writes: DEPLOYMENT_STATUS,
        idempotent: true,
    },
    Stage {
        name: "statefulset-status",
        reads: ALL_STATEFUL_SETS | ALL_PODS,
        writes: STATEFUL_SET_STATUS,
        idempotent: true,
    },
    Stage {
        name: "daemonset-status",
        reads: NODES | ALL_DAEMON_SETS | ALL_PODS,
        writes: DAEMON_SET_STATUS,
        idempotent: true,
    },
    Stage {
        name: "endpointslice",
        reads: NODES | ALL_PODS | SERVICES | SLICES,
        writes: SLICES,
        idempotent: true,
    },
    Stage {
        name: "endpoints",
        reads: ALL_PODS | SERVICES | ENDPOINTS,
        writes: ENDPOINTS,
        idempotent: true,
    },
    Stage {
        name: "endpointslice-mirroring",
        reads: SERVICES | ENDPOINTS | SLICES,
        writes: SLICES,
        idempotent: true,
    },
    Stage {
        name: "cloud",
        reads: NODES | SERVICES,
        writes: SERVICES,
        idempotent: true,
    },
];

/// What one run of a stage did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Wrote nothing.
    Unchanged,
    /// Wrote something; run again right after, with nothing else changed, it would change
    /// nothing (always so for an idempotent stage).
    Settled,
    /// Wrote something, and a second run might write more.
    Wrote,
}

impl Outcome {
    fn of(wrote: bool) -> Self {
        if wrote {
            Outcome::Wrote
        } else {
            Outcome::Unchanged
        }
    }
}

/// Runs stage `i` of [`STAGES`] once.
fn run_stage(cluster: &mut Cluster, hashes: &mut deployment::HashCache, i: usize) -> Outcome {
    match i {
        0 => Outcome::of(ipam::allocate_node_cidrs(cluster)),
        1 => Outcome::of(deployment::sync_deployments(cluster, hashes)),
        2 => replicaset::sync_replica_sets(cluster),
        3 => statefulset::sync_stateful_sets(cluster),
        4 => daemonset::sync_daemon_sets(cluster),
        5 => Outcome::of(collect_garbage(cluster)),
        6 => scheduler::schedule_pending(cluster),
        7 => Outcome::of(kubelet::sync_pods(cluster)),
        8 => Outcome::of(replicaset::update_statuses(cluster)),
        9 => Outcome::of(deployment::update_statuses(cluster, hashes)),
        10 => Outcome::of(statefulset::update_statuses(cluster)),
        11 => Outcome::of(daemonset::update_statuses(cluster)),
        12 => Outcome::of(endpointslice::sync_all(cluster)),
        13 => Outcome::of(endpoints::sync_all(cluster)),
        14 => Outcome::of(endpointslicemirroring::sync_all(cluster)),
        _ => Outcome::of(crate::cloud::sync_load_balancers(cluster)),
    }
}

/// Objects a stage adds to one map after which the map is rebuilt packed ([`crate::store::KindMap::pack`]).
const PACK_AFTER: usize = 4096;

/// Packs every map of `store` that holds at least [`PACK_AFTER`] more objects than `before` (the
/// counts of [`map_sizes`]): after a stage, or a large input, created that many.
pub(crate) fn pack_grown(store: &mut Store, before: [usize; MAP_COUNT]) {
    let after = map_sizes(store);
    let grown = |i: usize| after[i] >= before[i] + PACK_AFTER;
    if grown(0) {
        store.namespaces.pack();
    }
    if grown(1) {
        store.nodes.pack();
    }
    if grown(2) {
        store.pods.pack();
    }
    if grown(3) {
        store.deployments.pack();
    }
    if grown(4) {
        store.replica_sets.pack();
    }
    if grown(5) {
        store.services.pack();
    }
    if grown(6) {
        store.endpoint_slices.pack();
    }
    if grown(7) {
        store.stateful_sets.pack();
    }
    if grown(8) {
        store.daemon_sets.pack();
    }
    if grown(9) {
        store.endpoints.pack();
    }
    if grown(10) {
        store.network_policies.pack();
    }
}

/// The number of maps [`map_sizes`] counts.
pub(crate) const MAP_COUNT: usize = 11;

/// Objects per map of `store`, in the order [`pack_grown`] reads them.
pub(crate) fn map_sizes(store: &Store) -> [usize; MAP_COUNT] {
    [
        store.namespaces.len(),
        store.nodes.len(),
        store.pods.len(),
        store.deployments.len(),
        store.replica_sets.len(),
        store.services.len(),
        store.endpoint_slices.len(),
        store.stateful_sets.len(),
        store.daemon_sets.len(),
        store.endpoints.len(),
        store.network_policies.len(),
    ]
}

/// Runs every controller until the store stops changing (at most a bounded number of rounds).
///
/// A stage is skipped when it is known to change nothing: none of the kinds it reads was
/// written since it last ran, and that run wrote nothing, or the stage is idempotent, or the
/// run reported itself settled (`Outcome::Settled`). (The last
/// round of a settle, which only confirms the fixed point, then runs only the stages whose
/// inputs moved after them.)
pub fn settle(cluster: &mut Cluster) {
    let mut hashes = deployment::HashCache::default();
    // Stage runs so far; per kind, the run count when it was last written; per stage, the run
    // count since which it is known to be a no-op.
    let mut runs = 0u64;
    let mut written_at = [0u64; KINDS];
    let mut clean_since: [Option<u64>; STAGES.len()] = [None; STAGES.len()];
    for _ in 0..max_rounds(cluster) {
        let mut changed = false;
        for (i, stage) in STAGES.iter().enumerate() {
            let reads_unchanged = |since: u64| {
                (0..KINDS).all(|k| stage.reads & (1 << k) == 0 || written_at[k] <= since)
            };
            if clean_since[i].is_some_and(reads_unchanged) {
                #[cfg(debug_assertions)]
                check_skip(cluster, &hashes, i);
                continue;
            }
            runs += 1;
            let sizes = map_sizes(&cluster.store);
            let outcome = run_stage(cluster, &mut hashes, i);
            if outcome == Outcome::Unchanged {
                clean_since[i] = Some(runs);
            } else {
                pack_grown(&mut cluster.store, sizes);
                changed = true;
                for (k, at) in written_at.iter_mut().enumerate() {
                    if stage.writes & (1 << k) != 0 {
                        *at = runs;
                    }
                }
                clean_since[i] = (stage.idempotent || outcome == Outcome::Settled).then_some(runs);
            }
        }
        if !changed {
            return;
        }
    }
}

/// Most extra rounds [`max_rounds`] grants ordered StatefulSets.
const MAX_ORDERED_ROUNDS: usize = 512;

/// [`MAX_ROUNDS`], plus one round per replica of the `OrderedReady` StatefulSets (at most
/// [`MAX_ORDERED_ROUNDS`]): they create one pod per round, each once the one before is Running
/// and Ready, so a set of `n` replicas needs `n` rounds to settle.
fn max_rounds(cluster: &Cluster) -> usize {
    let ordered: usize = cluster
        .store
        .stateful_sets
        .values()
        .filter(|s| s.spec.pod_management_policy != "Parallel")
        .map(|s| usize::try_from(s.spec.replicas.unwrap_or(1)).unwrap_or(0))
        .fold(0, usize::saturating_add);
    MAX_ROUNDS + ordered.min(MAX_ORDERED_ROUNDS)
}

/// Runs only the EndpointSlice controller once over every Service (one `syncService` pass);
/// `true` when it wrote anything. [`settle`] runs it together with everything else.
pub fn sync_endpoint_slices(cluster: &mut Cluster) -> bool {
    endpointslice::sync_all(cluster)
}

/// Debug builds check every skip: the stage, run on a copy, must change nothing and draw no
/// random number nor resourceVersion.
#[cfg(debug_assertions)]
fn check_skip(cluster: &Cluster, hashes: &deployment::HashCache, i: usize) {
    let mut copy = cluster.clone();
    let mut hashes = hashes.clone();
    let outcome = run_stage(&mut copy, &mut hashes, i);
    assert!(
        outcome == Outcome::Unchanged
            && copy.rng.next_u64() == cluster.rng.clone().next_u64()
            && copy.store.resource_version_after() == cluster.store.resource_version_after(),
        "skipped stage {} would change the cluster",
        STAGES[i].name
    );
}

// ---------------------------------------------------------------------------------------------
// Live changes
// ---------------------------------------------------------------------------------------------

/// Why a live change could not be made, in `kubectl`'s words (`pods "web-1" not found`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound(pub String);

impl std::fmt::Display for NotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotFound {}

fn key(ns: &str, name: &str) -> Key {
    (ns.to_string(), name.to_string())
}

/// `kubectl scale`: sets `spec.replicas` of the Deployment `name` (or, if there is none, the
/// ReplicaSet `name`, else the StatefulSet `name`) in `ns`, then settles. A ReplicaSet owned by a Deployment is scaled back by
/// its Deployment, as in a real cluster.
pub fn scale(cluster: &mut Cluster, ns: &str, name: &str, replicas: i32) -> Result<(), NotFound> {
    let k = key(ns, name);
    let replicas = replicas.max(0);
    if let Some(d) = cluster.store.deployments.get(&k).cloned() {
        let mut d = d;
        if d.spec.replicas != Some(replicas) {
            d.spec.replicas = Some(replicas);
            d.metadata.generation = Some(d.metadata.generation.unwrap_or(1) + 1);
            put_deployment(&mut cluster.store, k, d);
        }
    } else if let Some(rs) = cluster.store.replica_sets.get(&k).cloned() {
        let mut rs = rs;
        if rs.spec.replicas != Some(replicas) {
            rs.spec.replicas = Some(replicas);
            rs.metadata.generation = Some(rs.metadata.generation.unwrap_or(1) + 1);
            put_replica_set(&mut cluster.store, k, rs);
        }
    } else if let Some(set) = cluster.store.stateful_sets.get(&k).cloned() {
        let mut set = set;
        if set.spec.replicas != Some(replicas) {
            set.spec.replicas = Some(replicas);
            set.metadata.generation = Some(set.metadata.generation.unwrap_or(1) + 1);
            put_stateful_set(&mut cluster.store, k, set);
        }
    } else {
        return Err(NotFound(format!("deployments.apps \"{name}\" not found")));
    }
    settle(cluster);
    Ok(())
}

/// `kubectl delete pod` (graceful): sets `deletionTimestamp` to now + the grace period (the pod's
/// `terminationGracePeriodSeconds`, default 30 s). The pod stays, terminating, until [`advance`]
/// passes that time; its ReplicaSet creates a replacement at once. A pod that was never scheduled,
/// or has finished, is removed immediately (the pod registry's `CheckGracefulDelete` uses a
/// grace period of 0 for them).
pub fn delete_pod(cluster: &mut Cluster, ns: &str, name: &str) -> Result<(), NotFound> {
    if !mark_pod_deleted(cluster, &key(ns, name)) {
        return Err(NotFound(format!("pods \"{name}\" not found")));
    }
    settle(cluster);
    Ok(())
}

/// Simulates a readiness probe result: sets the pod's `Ready` and `ContainersReady` conditions.
pub fn set_pod_ready(
    cluster: &mut Cluster,
    ns: &str,
    name: &str,
    ready: bool,
) -> Result<(), NotFound> {
    let k = key(ns, name);
    let Some(mut pod) = cluster.store.pods.get(&k).cloned() else {
        return Err(NotFound(format!("pods \"{name}\" not found")));
    };
    kubelet::set_readiness(&mut pod, ready, &cluster.clock.rfc3339());
    put_pod(&mut cluster.store, k, pod);
    settle(cluster);
    Ok(())
}

fn node_not_found(name: &str) -> NotFound {
    NotFound(format!("nodes \"{name}\" not found"))
}

/// `kubectl cordon`: marks the node unschedulable.
pub fn cordon(cluster: &mut Cluster, node: &str) -> Result<(), NotFound> {
    set_unschedulable(cluster, node, true)
}

/// `kubectl uncordon`: makes the node schedulable again (Pending pods may then land on it).
pub fn uncordon(cluster: &mut Cluster, node: &str) -> Result<(), NotFound> {
    set_unschedulable(cluster, node, false)
}

fn set_unschedulable(cluster: &mut Cluster, node: &str, value: bool) -> Result<(), NotFound> {
    let Some(mut n) = cluster.store.nodes.get(node).cloned() else {
        return Err(node_not_found(node));
    };
    n.spec.unschedulable = value;
    put_node(&mut cluster.store, n);
    settle(cluster);
    Ok(())
}

/// `kubectl drain --ignore-daemonsets`: cordons the node and evicts (gracefully deletes) every
/// pod on it but those a DaemonSet manages (which tolerate the cordon and would only be
/// recreated there); their controllers create replacements on other nodes.
pub fn drain(cluster: &mut Cluster, node: &str) -> Result<(), NotFound> {
    let Some(mut n) = cluster.store.nodes.get(node).cloned() else {
        return Err(node_not_found(node));
    };
    n.spec.unschedulable = true;
    put_node(&mut cluster.store, n);
    let on_node: Vec<Key> = cluster
        .store
        .pods
        .iter()
        .filter(|(_, p)| {
            p.spec.node_name == node
                && p.metadata.deletion_timestamp.is_none()
                && controller_ref(&p.metadata).is_none_or(|r| r.kind != "DaemonSet")
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in on_node {
        mark_pod_deleted(cluster, &k);
    }
    settle(cluster);
    Ok(())
}

/// `kubectl delete node`: removes the node; its pods are then deleted at once, as the pod garbage
/// collector (`pkg/controller/podgc` `gcOrphaned`) force-deletes pods bound to a vanished node.
pub fn remove_node(cluster: &mut Cluster, node: &str) -> Result<(), NotFound> {
    if cluster.store.nodes.remove(node).is_none() {
        return Err(node_not_found(node));
    }
    cluster.store.pods.retain(|_, p| p.spec.node_name != node);
    settle(cluster);
    Ok(())
}

/// Moves the virtual clock forward, removes terminating pods whose grace period has passed, and
/// settles.
pub fn advance(cluster: &mut Cluster, seconds: u64) {
    cluster.clock.advance(seconds);
    let now = cluster.clock.seconds;
    cluster.store.pods.retain(|_, p| {
        match p.metadata.deletion_timestamp.as_deref() {
            // An unreadable timestamp counts as expired rather than living forever.
            Some(ts) => parse_rfc3339(ts).is_some_and(|t| t > now),
            None => true,
        }
    });
    settle(cluster);
}

/// Marks a pod as deleted (graceful) or removes it (grace period 0). False if it does not exist.
fn mark_pod_deleted(cluster: &mut Cluster, k: &Key) -> bool {
    let Some(mut pod) = cluster.store.pods.get(k).cloned() else {
        return false;
    };
    if pod.metadata.deletion_timestamp.is_some() {
        return true;
    }
    let terminal = matches!(pod.status.phase.as_str(), "Succeeded" | "Failed");
    if pod.spec.node_name.is_empty() || terminal {
        cluster.store.pods.remove(k);
        return true;
    }
    let grace = pod
        .spec
        .other
        .get("terminationGracePeriodSeconds")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(DEFAULT_GRACE_PERIOD_SECONDS)
        .max(0);
    if grace == 0 {
        cluster.store.pods.remove(k);
        return true;
    }
    let mut at = cluster.clock;
    at.advance(grace as u64);
    pod.metadata.deletion_timestamp = Some(at.rfc3339());
    pod.metadata.deletion_grace_period_seconds = Some(grace);
    put_pod(&mut cluster.store, k.clone(), pod);
    true
}

// ---------------------------------------------------------------------------------------------
// Garbage collection
// ---------------------------------------------------------------------------------------------

/// The garbage collector's background cascade for the owner kinds the simulation knows: pods
/// whose controlling ReplicaSet, StatefulSet or DaemonSet is gone, ReplicaSets whose Deployment
/// is gone. (Slices of deleted
/// Services are removed by the EndpointSlice controller.) Skipped for observed input, which may
/// be a partial dump whose owners were simply not exported.
fn collect_garbage(cluster: &mut Cluster) -> bool {
    if cluster.options.observed {
        return false;
    }
    let Store {
        pods,
        replica_sets,
        deployments,
        stateful_sets,
        daemon_sets,
        ..
    } = &mut cluster.store;
    let before = pods.len() + replica_sets.len();
    // Owner UIDs by namespace, borrowed from the owners. Both passes judge by the owners as
    // they were before this collection (a pod whose ReplicaSet goes now goes next round).
    type Uids<'a> = HashMap<&'a str, HashSet<&'a str>>;
    let orphaned = |ns: &str, meta: &ObjectMeta, kind: &str, owners: &Uids<'_>| {
        controller_ref(meta).is_some_and(|r| {
            r.kind == kind && !owners.get(ns).is_some_and(|u| u.contains(r.uid.as_str()))
        })
    };
    {
        let mut rs_uids: Uids<'_> = HashMap::default();
        for ((ns, _), r) in replica_sets.iter() {
            rs_uids
                .entry(ns.as_str())
                .or_default()
                .insert(r.metadata.uid.as_str());
        }
        pods.retain(|(ns, _), p| !orphaned(ns, &p.metadata, "ReplicaSet", &rs_uids));
        let mut sts_uids: Uids<'_> = HashMap::default();
        for ((ns, _), s) in stateful_sets.iter() {
            sts_uids
                .entry(ns.as_str())
                .or_default()
                .insert(s.metadata.uid.as_str());
        }
        pods.retain(|(ns, _), p| !orphaned(ns, &p.metadata, "StatefulSet", &sts_uids));
        let mut ds_uids: Uids<'_> = HashMap::default();
        for ((ns, _), d) in daemon_sets.iter() {
            ds_uids
                .entry(ns.as_str())
                .or_default()
                .insert(d.metadata.uid.as_str());
        }
        pods.retain(|(ns, _), p| !orphaned(ns, &p.metadata, "DaemonSet", &ds_uids));
    }
    let mut d_uids: Uids<'_> = HashMap::default();
    for ((ns, _), d) in deployments.iter() {
        d_uids
            .entry(ns.as_str())
            .or_default()
            .insert(d.metadata.uid.as_str());
    }
    replica_sets.retain(|(ns, _), r| !orphaned(ns, &r.metadata, "Deployment", &d_uids));
    before != pods.len() + replica_sets.len()
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// The alphabet of `k8s.io/apimachinery/pkg/util/rand` (`String`, `SafeEncodeString`): no vowels,
/// no confusable digits, so generated names never spell words.
pub(crate) const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `names.SimpleNameGenerator`: `base` (cut to 58 bytes) plus 5 random characters, retried until
/// `taken` says the name is free.
pub(crate) fn generate_name(
    rng: &mut crate::rng::Rng,
    base: &str,
    mut taken: impl FnMut(&str) -> bool,
) -> String {
    let base = name_base(base);
    loop {
        let name = name_candidate(rng, base);
        if !taken(&name) {
            return name;
        }
    }
}

/// `base` cut to the 58 bytes [`generate_name`] keeps (at a character boundary).
pub(crate) fn name_base(base: &str) -> &str {
    const MAX_BASE: usize = 63 - 5;
    if base.len() <= MAX_BASE {
        return base;
    }
    let mut cut = MAX_BASE;
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    &base[..cut]
}

/// One try of [`generate_name`]: `base` (already cut by [`name_base`]) plus 5 random characters.
pub(crate) fn name_candidate(rng: &mut crate::rng::Rng, base: &str) -> String {
    let mut name = String::with_capacity(base.len() + 5);
    name.push_str(base);
    for _ in 0..5 {
        name.push(char::from(
            NAME_ALPHABET[rng.below(NAME_ALPHABET.len() as u64) as usize],
        ));
    }
    name
}

/// The owner reference with `controller: true`, if any (`metav1.GetControllerOf`).
pub(crate) fn controller_ref(meta: &ObjectMeta) -> Option<&OwnerReference> {
    meta.owner_references
        .iter()
        .find(|r| r.controller == Some(true))
}

/// An owner reference as controllers set it (`metav1.NewControllerRef`).
pub(crate) fn new_controller_ref(
    api_version: &str,
    kind: &str,
    owner: &ObjectMeta,
) -> OwnerReference {
    OwnerReference {
        api_version: api_version.to_string(),
        kind: kind.to_string(),
        name: owner.name.clone(),
        uid: owner.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// Whether `labels` satisfy a `metav1.LabelSelector` (`metav1.LabelSelectorAsSelector`). An empty
/// selector matches everything; an unknown operator matches nothing.
pub(crate) fn selector_matches(sel: &LabelSelector, labels: &StringMap) -> bool {
    sel.match_labels
        .iter()
        .all(|(k, v)| labels.get(k) == Some(v))
        && sel.match_expressions.iter().all(|e| {
            let v = labels.get(&e.key);
            match e.operator.as_str() {
                "In" => v.is_some_and(|v| e.values.contains(v)),
                "NotIn" => v.is_none_or(|v| !e.values.contains(v)),
                "Exists" => v.is_some(),
                "DoesNotExist" => v.is_none(),
                _ => false,
            }
        })
}

/// Whether `labels` carry every pair of a Service-style equality selector.
pub(crate) fn map_selector_matches(sel: &StringMap, labels: &StringMap) -> bool {
    sel.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// `podutil.IsPodReady`: the `Ready` condition is `True`.
pub(crate) fn is_pod_ready(pod: &Pod) -> bool {
    condition(&pod.status.conditions, "Ready").is_some_and(|c| c.status == "True")
}

/// A condition by type.
pub(crate) fn condition<'a>(conds: &'a [Condition], type_: &str) -> Option<&'a Condition> {
    conds.iter().find(|c| c.type_ == type_)
}

/// `controller.IsPodActive`: not finished and not being deleted.
pub(crate) fn is_pod_active(pod: &Pod) -> bool {
    !matches!(pod.status.phase.as_str(), "Succeeded" | "Failed")
        && pod.metadata.deletion_timestamp.is_none()
}

/// Whether a node reports `Ready=True`. A node without a `Ready` condition counts as ready: the
/// simulated kubelet on it reports in.
pub(crate) fn is_node_ready(node: &Node) -> bool {
    condition(&node.status.conditions, "Ready").is_none_or(|c| c.status == "True")
}

/// The node's `InternalIP`, if any.
pub(crate) fn node_internal_ip(node: &Node) -> Option<&str> {
    node.status
        .addresses
        .iter()
        .find(|a| a.type_ == "InternalIP")
        .map(|a| a.address.as_str())
}

/// Seconds since the clock's epoch of an RFC 3339 UTC time (`2026-01-01T00:00:30Z`). `None` for
/// other shapes (offsets, fractions are not produced by the simulation) and earlier times.
pub(crate) fn parse_rfc3339(s: &str) -> Option<u64> {
    u64::try_from(unix_seconds(s)? - 1_767_225_600).ok()
}

/// Unix time of an RFC 3339 UTC time with whole seconds (`2019-01-01T00:00:00Z`), as
/// `metav1.Time` prints it; `None` for other shapes.
pub(crate) fn unix_seconds(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    // Howard Hinnant's days-from-civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// Sets (or adds) a condition, keeping `lastTransitionTime` when the status does not change.
pub(crate) fn set_condition(
    conds: &mut Vec<Condition>,
    type_: &str,
    status: &str,
    reason: &str,
    message: &str,
    now: &str,
) {
    if let Some(c) = conds.iter_mut().find(|c| c.type_ == type_) {
        // Only what differs is rewritten (no new strings for an unchanged condition).
        if c.status != status {
            c.last_transition_time = Some(now.to_string());
            c.status = status.to_string();
        }
        if c.reason != reason {
            c.reason = reason.to_string();
        }
        if c.message != message {
            c.message = message.to_string();
        }
    } else {
        conds.push(Condition {
            type_: type_.to_string(),
            status: status.to_string(),
            last_transition_time: Some(now.to_string()),
            reason: reason.to_string(),
            message: message.to_string(),
            ..Condition::default()
        });
    }
}

macro_rules! put_namespaced {
    ($(#[$doc:meta])* $fn_name:ident, $field:ident, $ty:ty) => {
        $(#[$doc])*
        pub(crate) fn $fn_name(store: &mut Store, key: Key, mut obj: $ty) -> bool {
            // One search of the map, whether the object is new or replaces one.
            let rv = store.resource_version_after();
            match store.$field.entry(key) {
                crate::store::Entry::Occupied(e) => {
                    let old = e.get();
                    obj.metadata.resource_version = old.metadata.resource_version.clone();
                    if *old == obj {
                        return false;
                    }
                    obj.metadata.resource_version = rv.to_string();
                    e.insert(obj);
                }
                crate::store::Entry::Vacant(e) => {
                    obj.metadata.resource_version = rv.to_string();
                    e.insert(obj);
                }
            }
            store.reserve_resource_versions(1);
            true
        }
    };
}

put_namespaced!(
    /// Stores a pod if it differs from the stored one; true if it was written.
    put_pod, pods, Pod
);
put_namespaced!(
    /// Stores a ReplicaSet if it differs; true if written.
    put_replica_set, replica_sets, ReplicaSet
);
put_namespaced!(
    /// Stores a Deployment if it differs; true if written.
    put_deployment, deployments, svcplay_model::types::Deployment
);
put_namespaced!(
    /// Stores a StatefulSet if it differs; true if written.
    put_stateful_set, stateful_sets, svcplay_model::types::StatefulSet
);
put_namespaced!(
    /// Stores an Endpoints if it differs; true if written.
    put_endpoints, endpoints, svcplay_model::types::Endpoints
);
put_namespaced!(
    /// Stores an EndpointSlice if it differs; true if written.
    put_endpoint_slice, endpoint_slices, EndpointSlice
);

/// Stores a node if it differs; true if written.
pub(crate) fn put_node(store: &mut Store, mut node: Node) -> bool {
    let name = node.metadata.name.clone();
    if let Some(old) = store.nodes.get(&name) {
        node.metadata.resource_version = old.metadata.resource_version.clone();
        if *old == node {
            return false;
        }
    }
    node.metadata.resource_version = store.next_resource_version();
    store.nodes.insert(name, node);
    true
}

/// Sets `s` to the decimal text of `n` (a resourceVersion), reusing its buffer: an object
/// rewritten in place keeps the allocation of its previous resourceVersion.
pub(crate) fn set_decimal(s: &mut String, mut n: u64) {
    if cfg!(target_arch = "wasm32") {
        *s = n.to_string();
        return;
    }
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    s.clear();
    s.extend(buf[at..].iter().map(|b| char::from(*b)));
}

/// Sets `s` to `text`, reusing its buffer.
pub(crate) fn set_text(s: &mut String, text: &str) {
    s.clear();
    s.push_str(text);
}

/// Counts per key, for small histograms: `(key, count)` sorted by key (a sorted vector, not a
/// B-tree compiled per key type).
pub(crate) fn count<K: Ord>(items: impl IntoIterator<Item = K>) -> Vec<(K, usize)> {
    let mut keys: Vec<K> = items.into_iter().collect();
    svcplay_model::slice::sort(&mut keys);
    let mut out: Vec<(K, usize)> = Vec::new();
    for k in keys {
        match out.last_mut() {
            Some((last, n)) if *last == k => *n += 1,
            _ => out.push((k, 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;

    #[test]
    fn rfc3339_round_trip() {
        for s in [0u64, 30, 86_399, 86_400 * 400 + 7] {
            let c = Clock { seconds: s };
            assert_eq!(parse_rfc3339(&c.rfc3339()), Some(s));
        }
        assert_eq!(parse_rfc3339("2025-12-31T23:59:59Z"), None);
        assert_eq!(parse_rfc3339("garbage"), None);
    }

    #[test]
    fn garbage_collector_cascades_from_deployments_to_pods() {
        // The garbage collector's background cascade: Deployment → ReplicaSets → pods.
        let yaml = |app: &str| {
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {app}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: {app}\n  template:\n    metadata:\n      labels:\n        app: {app}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n"
            )
        };
        let mut cluster = Cluster::new(crate::Options::default());
        let text = format!("{}---\n{}", yaml("a"), yaml("b"));
        cluster.apply_texts(&[("t.yaml", &text)]);
        let count = |c: &Cluster, prefix: &str| {
            (
                c.store
                    .replica_sets
                    .keys()
                    .filter(|k| k.1.starts_with(prefix))
                    .count(),
                c.store
                    .pods
                    .keys()
                    .filter(|k| k.1.starts_with(prefix))
                    .count(),
            )
        };
        assert_eq!(count(&cluster, "a-"), (1, 2));
        cluster
            .store
            .deployments
            .remove(&("default".to_string(), "a".to_string()));
        // One round removes the ReplicaSet; its pods go once it is gone.
        assert!(collect_garbage(&mut cluster));
        assert_eq!(count(&cluster, "a-"), (0, 2));
        assert!(collect_garbage(&mut cluster));
        assert_eq!(count(&cluster, "a-"), (0, 0));
        assert!(!collect_garbage(&mut cluster));
        assert_eq!(count(&cluster, "b-"), (1, 2));
    }

    #[test]
    fn set_decimal_is_to_string() {
        for n in [0u64, 7, 10, 99, 100, 123_456, u64::MAX] {
            let mut s = "previous".to_string();
            set_decimal(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn generated_names_use_the_apimachinery_alphabet() {
        let mut rng = crate::rng::Rng::new(1);
        let n = generate_name(&mut rng, "web-7c5ddbdf54-", |_| false);
        assert_eq!(n.len(), "web-7c5ddbdf54-".len() + 5);
        assert!(n[15..].bytes().all(|b| NAME_ALPHABET.contains(&b)));
        // names.SimpleNameGenerator cuts the base to 58 bytes.
        let long = "a".repeat(70);
        assert_eq!(generate_name(&mut rng, &long, |_| false).len(), 63);
        // A taken name is retried.
        let first = generate_name(&mut crate::rng::Rng::new(2), "x-", |_| false);
        let second = generate_name(&mut crate::rng::Rng::new(2), "x-", |n| n == first);
        assert_ne!(first, second);
    }

    #[test]
    fn label_selector_operators() {
        // metav1 LabelSelectorAsSelector semantics.
        let labels: StringMap = [("app".to_string(), "web".to_string())].into();
        let sel =
            |json: serde_json::Value| -> LabelSelector { serde_json::from_value(json).unwrap() };
        let cases = [
            (serde_json::json!({}), true),
            (serde_json::json!({"matchLabels": {"app": "web"}}), true),
            (serde_json::json!({"matchLabels": {"app": "db"}}), false),
            (
                serde_json::json!({"matchExpressions": [{"key": "app", "operator": "In", "values": ["web", "x"]}]}),
                true,
            ),
            (
                serde_json::json!({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["web"]}]}),
                false,
            ),
            (
                serde_json::json!({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["web"]}]}),
                true,
            ),
            (
                serde_json::json!({"matchExpressions": [{"key": "app", "operator": "Exists"}]}),
                true,
            ),
            (
                serde_json::json!({"matchExpressions": [{"key": "app", "operator": "DoesNotExist"}]}),
                false,
            ),
            (
                serde_json::json!({"matchExpressions": [{"key": "app", "operator": "Bogus"}]}),
                false,
            ),
        ];
        for (s, want) in cases {
            assert_eq!(selector_matches(&sel(s.clone()), &labels), want, "{s}");
        }
    }
}
