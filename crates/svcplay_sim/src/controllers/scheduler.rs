//! The default scheduler, reduced to the plugins that decide placement
//! (`pkg/scheduler/framework/plugins`):
//!
//! * Filter, in the default profile's order: `NodeUnschedulable` (cordoned nodes),
//!   `TaintToleration` (`NoSchedule`/`NoExecute` taints the pod does not tolerate, including the
//!   `node.kubernetes.io/not-ready` taint the node lifecycle controller puts on a node that is
//!   not Ready), `NodeAffinity` (`spec.nodeSelector` and the required node affinity terms),
//!   `NodeResourcesFit`: the pod count
//!   (`allocatable.pods`, default 110: `Too many pods`) and the pod's requests against what the
//!   node's `allocatable` lists minus its pods' requests (`Insufficient cpu`, see [`super::fit`]).
//!   Each node reports the first failing plugin (`NodeResourcesFit` all its reasons).
//! * Score: `PodTopologySpread` with the system default constraints (spread pods selected by the
//!   same Services/ReplicaSet over hostnames, then zones) dominates; `NodeResourcesBalancedAllocation`
//!   and `LeastAllocated` then prefer the node with fewer pods. Equal scores are broken at random
//!   (`selectHost` reservoir sampling), here with the cluster's seeded RNG.
//! * No feasible node: `PodScheduled=False`, reason `Unschedulable`, with `FitError.Error()`'s
//!   message, e.g. `0/4 nodes are available: 1 node(s) had untolerated taint
//!   {node-role.kubernetes.io/control-plane: }, 3 node(s) were unschedulable. preemption: 0/4
//!   nodes are available: 4 Preemption is not helpful for scheduling.`

use svcplay_model::fxhash::HashMap;

use svcplay_model::types::{Condition, LabelSelector, Node, Pod, Shared, StringMap, Taint};

use super::fit;
use super::{
    Outcome, controller_ref, is_node_ready, map_selector_matches, selector_matches, set_condition,
};
use crate::Cluster;
use crate::store::Key;

/// `ErrReasonUnschedulable` (`nodeunschedulable`).
const REASON_UNSCHEDULABLE: &str = "node(s) were unschedulable";
/// `ErrReasonPod` (`nodeaffinity`).
const REASON_NODE_SELECTOR: &str = "node(s) didn't match Pod's node affinity/selector";
/// `NodeResourcesFit` when the node's pod count is at `allocatable.pods`.
const REASON_TOO_MANY_PODS: &str = "Too many pods";
/// `ErrNoNodesAvailable`.
const NO_NODES: &str = "no nodes available to schedule pods";
const ZONE_LABEL: &str = "topology.kubernetes.io/zone";

/// `core/v1.Toleration` (the fields the scheduler reads).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Toleration {
    key: String,
    operator: String,
    value: String,
    effect: String,
}

impl Toleration {
    /// `Toleration.ToleratesTaint`: empty effect matches every effect; empty key with `Exists`
    /// matches every key; `Equal` (the default operator) also compares values.
    pub(super) fn tolerates(&self, taint: &Taint) -> bool {
        if !self.effect.is_empty() && self.effect != taint.effect {
            return false;
        }
        if !self.key.is_empty() && self.key != taint.key {
            return false;
        }
        match self.operator.as_str() {
            "Exists" => true,
            "" | "Equal" => self.value == taint.value,
            _ => false,
        }
    }
}

pub(super) fn tolerations(pod: &Pod) -> Vec<Toleration> {
    pod.spec
        .other
        .get("tolerations")
        .and_then(read_tolerations)
        .unwrap_or_default()
}

/// `spec.tolerations` as a list of objects whose `key`, `operator`, `value` and `effect` are
/// strings when present; anything else makes the whole list unreadable (`None`), as a failed
/// decode of `[]Toleration` would. Read by hand rather than through serde, which would build a
/// `serde_json::Value` deserializer into the wasm for this one type.
fn read_tolerations(list: &serde_json::Value) -> Option<Vec<Toleration>> {
    list.as_array()?
        .iter()
        .map(|t| {
            let t = t.as_object()?;
            let field = |name: &str| match t.get(name) {
                None => Some(String::new()),
                Some(v) => v.as_str().map(str::to_string),
            };
            Some(Toleration {
                key: field("key")?,
                operator: field("operator")?,
                value: field("value")?,
                effect: field("effect")?,
            })
        })
        .collect()
}

/// The node's taints as the scheduler sees them: its own, plus the condition taint the node
/// lifecycle controller adds for a node that is not Ready (`TaintNodesByCondition`).
pub(super) fn effective_taints(node: &Node) -> Vec<Taint> {
    let mut taints = node.spec.taints.clone();
    if !is_node_ready(node) {
        let unknown = super::condition(&node.status.conditions, "Ready")
            .is_some_and(|c| c.status == "Unknown");
        let key = if unknown {
            "node.kubernetes.io/unreachable"
        } else {
            "node.kubernetes.io/not-ready"
        };
        if !taints.iter().any(|t| t.key == key) {
            taints.push(Taint {
                key: key.to_string(),
                effect: "NoSchedule".to_string(),
                ..Taint::default()
            });
        }
    }
    taints
}

/// `status.allocatable.pods`, else kubelet's default `--max-pods` of 110.
fn allocatable_pods(node: &Node) -> usize {
    node.status
        .allocatable
        .as_ref()
        .and_then(|a| a.get("pods"))
        .and_then(|v| match v {
            serde_json::Value::String(s) => s.parse().ok(),
            serde_json::Value::Number(n) => n.as_u64().map(|n| n as usize),
            _ => None,
        })
        .unwrap_or(110)
}

/// The first failing filter's reason for `node` among those that do not depend on the pods
/// already bound there, or `None`. `NodeResourcesFit`'s pod count comes last in the default
/// profile, so it is checked apart (see [`Class`]).
fn static_filter(pod: &Pod, tols: &[Toleration], node: &Node) -> Option<String> {
    if node.spec.unschedulable {
        let t = Taint {
            key: "node.kubernetes.io/unschedulable".to_string(),
            effect: "NoSchedule".to_string(),
            ..Taint::default()
        };
        if !tols.iter().any(|tol| tol.tolerates(&t)) {
            return Some(REASON_UNSCHEDULABLE.to_string());
        }
    }
    for t in effective_taints(node) {
        if (t.effect == "NoSchedule" || t.effect == "NoExecute")
            && !tols.iter().any(|tol| tol.tolerates(&t))
        {
            return Some(format!(
                "node(s) had untolerated taint {{{}: {}}}",
                t.key, t.value
            ));
        }
    }
    if !map_selector_matches(&pod.spec.node_selector, &node.metadata.labels)
        || !required_node_affinity_matches(pod, node)
    {
        return Some(REASON_NODE_SELECTOR.to_string());
    }
    None
}

/// `NodeAffinity`'s required part (`nodeaffinity.GetRequiredNodeAffinity`,
/// `NodeSelectorRequirementsAsSelector`): any of `nodeSelectorTerms` matches; a term needs all of
/// its `matchExpressions` (on labels) and `matchFields` (`metadata.name`), and a term with
/// neither matches no node. `Gt`/`Lt` compare integers.
pub(super) fn required_node_affinity_matches(pod: &Pod, node: &Node) -> bool {
    use serde_json::Value;
    let Some(terms) = pod
        .spec
        .other
        .get("affinity")
        .and_then(|a| a.get("nodeAffinity"))
        .and_then(|a| a.get("requiredDuringSchedulingIgnoredDuringExecution"))
        .filter(|r| !r.is_null())
    else {
        return true;
    };
    terms
        .get("nodeSelectorTerms")
        .and_then(Value::as_array)
        .is_some_and(|t| t.iter().any(|t| node_selector_term_matches(t, node)))
}

/// One `NodeSelectorTerm`: all of its `matchExpressions` (on labels) and `matchFields`
/// (`metadata.name`); a term with neither matches no node. `Gt`/`Lt` compare integers.
pub(super) fn node_selector_term_matches(t: &serde_json::Value, node: &Node) -> bool {
    use serde_json::Value;
    let requirement = |r: &Value, value_of: &dyn Fn(&str) -> Option<String>| {
        let key = r.get("key").and_then(Value::as_str).unwrap_or("");
        let values: Vec<&str> = r
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let have = value_of(key);
        let int = |v: &str| v.parse::<i64>().ok();
        match r.get("operator").and_then(Value::as_str).unwrap_or("") {
            "In" => have.is_some_and(|h| values.contains(&h.as_str())),
            "NotIn" => have.is_none_or(|h| !values.contains(&h.as_str())),
            "Exists" => have.is_some(),
            "DoesNotExist" => have.is_none(),
            "Gt" => {
                matches!((have.as_deref().and_then(int), values.as_slice()), (Some(h), [v]) if int(v).is_some_and(|v| h > v))
            }
            "Lt" => {
                matches!((have.as_deref().and_then(int), values.as_slice()), (Some(h), [v]) if int(v).is_some_and(|v| h < v))
            }
            _ => false,
        }
    };
    let label = |k: &str| node.metadata.labels.get(k).cloned();
    let field = |k: &str| (k == "metadata.name").then(|| node.metadata.name.clone());
    let list = |k: &str| {
        t.get(k)
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
    };
    let (exprs, fields) = (list("matchExpressions"), list("matchFields"));
    (!exprs.is_empty() || !fields.is_empty())
        && exprs.iter().all(|r| requirement(r, &label))
        && fields.iter().all(|r| requirement(r, &field))
}

/// `FitError.Error()`: the sorted `"<count> <reason>"` histogram, then the preemption
/// post-filter's verdict.
pub(super) fn fit_error(reasons: &[Vec<String>], num_nodes: usize) -> String {
    if num_nodes == 0 {
        return NO_NODES.to_string();
    }
    let mut hist: Vec<String> = super::count(reasons.iter().flatten())
        .into_iter()
        .map(|(r, n)| format!("{n} {r}"))
        .collect();
    svcplay_model::slice::sort(&mut hist);
    // Resource shortfalls (NodeResourcesFit), a topology spread skew and (existing pods')
    // anti-affinity are `Unschedulable`: preempting could solve them (equal-priority pods: no
    // victims); the other filters are UnschedulableAndUnresolvable.
    let resource = reasons
        .iter()
        .filter(|r| {
            r.iter().any(|r| {
                [
                    REASON_TOO_MANY_PODS,
                    super::spread::REASON_SKEW,
                    super::interpodaffinity::REASON_ANTI_AFFINITY,
                    super::interpodaffinity::REASON_EXISTING_ANTI_AFFINITY,
                ]
                .contains(&r.as_str())
                    || r.starts_with("Insufficient ")
            })
        })
        .count();
    let mut preemption = Vec::new();
    if num_nodes > resource {
        preemption.push(format!(
            "{} Preemption is not helpful for scheduling",
            num_nodes - resource
        ));
    }
    if resource > 0 {
        preemption.push(format!(
            "{resource} No preemption victims found for incoming pod"
        ));
    }
    svcplay_model::slice::sort(&mut preemption);
    format!(
        "0/{num_nodes} nodes are available: {}. preemption: 0/{num_nodes} nodes are available: {}.",
        hist.join(", "),
        preemption.join(", ")
    )
}

/// A fixed-size set of node indices (bit per node, in node-name order).
#[derive(Debug, Clone)]
struct NodeSet {
    words: Vec<u64>,
}

impl NodeSet {
    fn new(n: usize) -> Self {
        NodeSet {
            words: vec![0; n.div_ceil(64)],
        }
    }

    fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    fn remove(&mut self, i: usize) {
        self.words[i / 64] &= !(1 << (i % 64));
    }
}

/// The nodes the pods of one scheduling class (same tolerations and node selector) pass the
/// static filters on, bucketed by how many pods are bound there, plus each node's static
/// failure reason.
#[derive(Debug)]
struct Class {
    /// First failing static filter per node (`None`: passes them).
    reasons: Vec<Option<String>>,
    /// `levels[t]`: statically feasible nodes with exactly `t` bound pods, below `allocatable.pods`.
    levels: Vec<NodeSet>,
    /// How many nodes are in `levels[t]`, per zone slot (see [`Nodes::zone_slot`]).
    counts: Vec<Vec<usize>>,
    /// Nodes in any level.
    feasible: usize,
    /// The fit error once no node is feasible (it cannot change within one pass: bound counts
    /// only grow).
    fit_error: Option<String>,
    /// The class's pod requests (`NodeResourcesFit`); empty for pods that request nothing.
    requests: fit::Requests,
    /// Per node: resources it is short of for this class (only grows as pods bind).
    short: Vec<Vec<String>>,
}

/// The nodes in name order with what scoring needs.
#[derive(Debug)]
struct Nodes<'a> {
    list: Vec<&'a Node>,
    index: HashMap<&'a str, usize>,
    /// Zone slot per node: `0` for no zone label, `1 + zone id` otherwise.
    zone: Vec<usize>,
    /// Nodes per zone slot.
    zone_masks: Vec<NodeSet>,
    allocatable: Vec<usize>,
    /// Bound, non-terminal pods per node (terminating ones still hold their slot).
    total: Vec<usize>,
    /// Allocatable resources each node lists (`pods` aside); filled only when a pending pod
    /// requests resources.
    alloc: Vec<fit::Requests>,
    /// What the pods bound to each node request (same condition).
    used: Vec<fit::Requests>,
}

impl Nodes<'_> {
    fn len(&self) -> usize {
        self.list.len()
    }
}

impl Class {
    fn new(nodes: &Nodes<'_>, pod: &Pod, tols: &[Toleration], requests: fit::Requests) -> Self {
        let n = nodes.len();
        let mut c = Class {
            reasons: Vec::with_capacity(n),
            levels: Vec::new(),
            counts: Vec::new(),
            feasible: 0,
            fit_error: None,
            requests,
            short: vec![Vec::new(); n],
        };
        for (i, node) in nodes.list.iter().enumerate() {
            let reason = static_filter(pod, tols, node);
            c.reasons.push(reason);
            if c.reasons[i].is_none() {
                c.add(nodes, i);
            }
        }
        c
    }

    /// Whether node `i` lacks resources for this class's pods (recorded in `short`).
    fn is_short(&mut self, nodes: &Nodes<'_>, i: usize) -> bool {
        if !self.short[i].is_empty() {
            return true;
        }
        if self.requests.is_empty() || nodes.alloc.is_empty() {
            return false;
        }
        self.short[i] = fit::insufficient(&self.requests, &nodes.alloc[i], &nodes.used[i]);
        !self.short[i].is_empty()
    }

    /// `NodeResourcesFit`'s reasons for node `i`: `Too many pods`, then the resources it lacks.
    fn fit_reasons(&self, nodes: &Nodes<'_>, i: usize) -> Vec<String> {
        let mut r = Vec::new();
        if nodes.total[i] >= nodes.allocatable[i] {
            r.push(REASON_TOO_MANY_PODS.to_string());
        }
        if !self.requests.is_empty() && !nodes.alloc.is_empty() {
            r.extend(fit::insufficient(
                &self.requests,
                &nodes.alloc[i],
                &nodes.used[i],
            ));
        }
        r
    }

    fn add(&mut self, nodes: &Nodes<'_>, i: usize) {
        let t = nodes.total[i];
        if t >= nodes.allocatable[i] || self.is_short(nodes, i) {
            return;
        }
        while self.levels.len() <= t {
            self.levels.push(NodeSet::new(nodes.len()));
            self.counts.push(vec![0; nodes.zone_masks.len()]);
        }
        self.levels[t].insert(i);
        self.counts[t][nodes.zone[i]] += 1;
        self.feasible += 1;
    }

    /// Node `i` got one more pod (its total was `old`).
    fn bump(&mut self, nodes: &Nodes<'_>, i: usize, old: usize) {
        if self.reasons[i].is_some() || !self.short[i].is_empty() {
            return;
        }
        if old < nodes.allocatable[i] {
            self.levels[old].remove(i);
            self.counts[old][nodes.zone[i]] -= 1;
            self.feasible -= 1;
        }
        self.add(nodes, i);
    }

    fn is_feasible(&self, nodes: &Nodes<'_>, i: usize) -> bool {
        self.reasons[i].is_none()
            && self.short[i].is_empty()
            && nodes.total[i] < nodes.allocatable[i]
    }
}

/// A scheduling decision, made against a read-only view of the store and written afterwards in
/// queue order.
#[derive(Debug)]
enum Decision {
    Bind(usize),
    Unschedulable(String),
}

/// The pods a pending pod is spread against by the system default constraints
/// (`helper.DefaultSelector`: every Service selecting it and its controlling ReplicaSet or
/// StatefulSet), counted per node and per zone.
#[derive(Debug)]
struct Group<'a> {
    /// Service ids (into [`Snapshot::services`]), sorted.
    services: Vec<usize>,
    /// The controlling ReplicaSet's or StatefulSet's selector, keyed by the owner.
    owner: Option<(&'a Key, &'a LabelSelector)>,
    /// Matching pods per node index.
    per_node: HashMap<usize, usize>,
    /// Nodes with at least one matching pod.
    occupied: NodeSet,
    /// Matching pods per zone slot (slot 0, "no zone", is never read).
    per_zone: Vec<usize>,
}

impl Group<'_> {
    fn spreads(&self) -> bool {
        !self.services.is_empty() || self.owner.is_some()
    }
}

/// Pod ids by `(namespace, label key, value)`.
type LabelIndex<'a> = HashMap<(&'a str, &'a str, &'a str), Vec<usize>>;

/// A read-only view of the store for one scheduling pass.
#[derive(Debug)]
struct Snapshot<'a> {
    pods: Vec<(&'a Key, &'a Pod)>,
    /// Node index each pod is bound to: from the store, or by this pass.
    bound_to: Vec<Option<usize>>,
    /// Services with a non-empty selector.
    services: Vec<(&'a str, &'a StringMap)>,
    /// Services by `(namespace, first selector key, its value)`.
    services_by_pair: HashMap<(&'a str, &'a str, &'a str), Vec<usize>>,
    /// Pods by `(namespace, label key, value)`, built on first use.
    pods_by_label: Option<LabelIndex<'a>>,
    /// Pods by namespace, built on first use.
    pods_by_ns: Option<HashMap<&'a str, Vec<usize>>>,
}

impl<'a> Snapshot<'a> {
    fn label_index(&mut self) -> &LabelIndex<'a> {
        let pods = &self.pods;
        self.pods_by_label.get_or_insert_with(|| {
            let mut m: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::default();
            for (id, ((ns, _), p)) in pods.iter().enumerate() {
                for (k, v) in &p.metadata.labels {
                    m.entry((ns.as_str(), k.as_str(), v.as_str()))
                        .or_default()
                        .push(id);
                }
            }
            m
        })
    }

    fn ns_index(&mut self) -> &HashMap<&'a str, Vec<usize>> {
        let pods = &self.pods;
        self.pods_by_ns.get_or_insert_with(|| {
            let mut m: HashMap<&str, Vec<usize>> = HashMap::default();
            for (id, ((ns, _), _)) in pods.iter().enumerate() {
                m.entry(ns.as_str()).or_default().push(id);
            }
            m
        })
    }

    /// Whether pod `p` is selected by every selector of the group.
    fn group_selects(&self, services: &[usize], owner: Option<&LabelSelector>, p: &Pod) -> bool {
        services
            .iter()
            .all(|s| map_selector_matches(self.services[*s].1, &p.metadata.labels))
            && owner.is_none_or(|sel| selector_matches(sel, &p.metadata.labels))
    }
}

/// Whether a pod takes a slot on its node: bound and not finished.
fn holds_slot(p: &Pod) -> bool {
    !p.spec.node_name.is_empty() && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
}

/// Binds every unscheduled, active pod that the default scheduler owns. A pass that bound
/// every pod it decided on is [`Outcome::Settled`]: none is left for a second one.
pub(super) fn schedule_pending(cluster: &mut Cluster) -> Outcome {
    let (decisions, settled) = {
        let store = &cluster.store;
        let rng = &mut cluster.rng;
        decide(store, rng)
    };
    if decisions.is_empty() {
        return Outcome::Unchanged;
    }
    // The decisions that change their pod, in decision order (which sets their
    // resourceVersions): an Unschedulable pod already reported exactly so is left alone.
    let mut writes: Vec<(usize, Decision)> = {
        let pods: Vec<&Pod> = cluster.store.pods.values().collect();
        decisions
            .into_iter()
            .filter(|(id, decision)| {
                let pod = pods[*id];
                !(matches!(decision, Decision::Unschedulable(msg)
                if !pod.status.phase.is_empty()
                    && super::condition(&pod.status.conditions, "PodScheduled").is_some_and(
                        |c| c.status == "False" && c.reason == "Unschedulable" && c.message == *msg
                    )))
            })
            .collect()
    };
    if writes.is_empty() {
        return Outcome::Unchanged;
    }
    // Every remaining decision changes the pod (a binding sets the node name of an unbound
    // pod; a new or different Unschedulable condition), so it is edited in place under a new
    // resourceVersion, as `put_pod` would store it.
    let first_rv = cluster.store.reserve_resource_versions(writes.len() as u64);
    let mut writes: Vec<(usize, u64, Decision)> = writes
        .drain(..)
        .enumerate()
        .map(|(n, (id, d))| (id, first_rv + n as u64, d))
        .collect();
    svcplay_model::slice::sort_by_key(&mut writes, |w| w.0);
    let now = cluster.clock.rfc3339();
    let crate::Store { pods, nodes, .. } = &mut cluster.store;
    let names: Vec<&String> = nodes.keys().collect();
    let mut next = writes.into_iter().peekable();
    let mut work: Vec<(&mut Pod, u64, Decision)> = Vec::with_capacity(next.len());
    for (i, pod) in pods.values_mut().enumerate() {
        if let Some((_, rv, decision)) = next.next_if(|w| w.0 == i) {
            work.push((pod, rv, decision));
        }
    }
    // The conditions of a pod bound with none yet, as `set_condition` would make them: one
    // list shared by every such pod of the pass.
    let scheduled: Shared<Vec<Condition>> = vec![Condition {
        type_: "PodScheduled".to_string(),
        status: "True".to_string(),
        last_transition_time: Some(now.clone()),
        ..Condition::default()
    }]
    .into();
    // Each edit touches only its own pod: large passes edit on several cores.
    svcplay_model::par::for_each_chunk_mut(&mut work, WRITES_PER_THREAD, |_, chunk| {
        for (pod, rv, decision) in chunk {
            write_decision(pod, *rv, decision, &names, &now, &scheduled);
        }
    });
    if settled {
        Outcome::Settled
    } else {
        Outcome::Wrote
    }
}

/// Fewest scheduling decisions written per thread (below that, threads cost more than they
/// save).
const WRITES_PER_THREAD: usize = 4096;

/// Writes one decision into its pod under resourceVersion `rv`; `scheduled` is the list of
/// conditions a bound pod without any takes.
fn write_decision(
    pod: &mut Pod,
    rv: u64,
    decision: &Decision,
    names: &[&String],
    now: &str,
    scheduled: &Shared<Vec<Condition>>,
) {
    if pod.status.phase.is_empty() {
        pod.status.phase = "Pending".to_string();
    }
    match decision {
        Decision::Unschedulable(msg) => set_condition(
            &mut pod.status.conditions,
            "PodScheduled",
            "False",
            "Unschedulable",
            msg,
            now,
        ),
        Decision::Bind(n) => {
            pod.spec.node_name = names[*n].clone();
            if pod.status.conditions.is_empty() {
                pod.status.conditions = scheduled.clone();
            } else {
                set_condition(
                    &mut pod.status.conditions,
                    "PodScheduled",
                    "True",
                    "",
                    "",
                    now,
                );
            }
        }
    }
    super::set_decimal(&mut pod.metadata.resource_version, rv);
}

/// A pod's namespace, labels and controlling ReplicaSet's name, with the Services selecting it
/// and that ReplicaSet's key and selector.
type LastLookup<'a> = (
    &'a str,
    &'a StringMap,
    Option<(&'a str, &'a str)>,
    Vec<usize>,
    Option<(&'a Key, &'a LabelSelector)>,
);

/// The scheduling pass proper: the queue in FIFO order, each pod filtered and scored against the
/// nodes as earlier decisions of the same pass left them. Also whether a second pass right
/// after this one's writes would decide nothing new: every pod was bound, or found no node for
/// reasons that do not depend on the pods bound (no "Too many pods").
fn decide(store: &crate::Store, rng: &mut crate::rng::Rng) -> (Vec<(usize, Decision)>, bool) {
    let pods: Vec<(&Key, &Pod)> = store.pods.iter().collect();
    let mut queue: Vec<(&str, &str, usize)> = pods
        .iter()
        .enumerate()
        .filter(|(_, (_, p))| {
            p.spec.node_name.is_empty()
                && super::is_pod_active(p)
                && p.spec
                    .other
                    .get("schedulerName")
                    .and_then(serde_json::Value::as_str)
                    .is_none_or(|s| s == "default-scheduler")
        })
        .map(|(id, (_, p))| {
            (
                p.metadata.creation_timestamp.as_deref().unwrap_or_default(),
                p.metadata.uid.as_str(),
                id,
            )
        })
        .collect();
    if queue.is_empty() {
        return (Vec::new(), true);
    }
    // The scheduling queue is FIFO by creation for equal priorities (pod keys follow ids).
    svcplay_model::slice::sort(&mut queue);

    let mut zones: HashMap<&str, usize> = HashMap::default();
    let mut nodes = Nodes {
        list: store.nodes.values().collect(),
        index: HashMap::default(),
        zone: Vec::new(),
        zone_masks: vec![NodeSet::new(store.nodes.len())],
        allocatable: Vec::new(),
        total: vec![0; store.nodes.len()],
        alloc: Vec::new(),
        used: Vec::new(),
    };
    for (i, node) in nodes.list.iter().enumerate() {
        nodes.index.insert(node.metadata.name.as_str(), i);
        let slot = match node.metadata.labels.get(ZONE_LABEL) {
            Some(z) => {
                let next = zones.len() + 1;
                let slot = *zones.entry(z.as_str()).or_insert(next);
                if slot == nodes.zone_masks.len() {
                    nodes.zone_masks.push(NodeSet::new(store.nodes.len()));
                }
                slot
            }
            None => 0,
        };
        nodes.zone_masks[slot].insert(i);
        nodes.zone.push(slot);
        nodes.allocatable.push(allocatable_pods(node));
    }
    let mut snap = Snapshot {
        bound_to: pods
            .iter()
            .map(|(_, p)| nodes.index.get(p.spec.node_name.as_str()).copied())
            .collect(),
        pods,
        services: Vec::new(),
        services_by_pair: HashMap::default(),
        pods_by_label: None,
        pods_by_ns: None,
    };
    // Whether some pod has pod (anti-)affinity: its terms then filter and score every pod
    // (pods of one template share their spec's extra fields: each map is looked at once).
    let mut any_pod_affinity = false;
    let mut last_extra: Option<&svcplay_model::types::Extra> = None;
    for (_, p) in &snap.pods {
        if holds_slot(p)
            && let Some(&i) = nodes.index.get(p.spec.node_name.as_str())
        {
            nodes.total[i] += 1;
        }
        if !any_pod_affinity && !last_extra.is_some_and(|e| e.ptr_eq(&p.spec.other)) {
            any_pod_affinity = super::interpodaffinity::has_pod_affinity(p);
            last_extra = Some(&p.spec.other);
        }
    }
    // Resource accounting only when a pending pod requests something.
    let requests: Vec<fit::Requests> = queue
        .iter()
        .map(|(_, _, id)| fit::pod_requests(snap.pods[*id].1))
        .collect();
    if requests.iter().any(|r| !r.is_empty()) {
        nodes.alloc = nodes.list.iter().map(|n| fit::allocatable(n)).collect();
        nodes.used = vec![fit::Requests::new(); nodes.len()];
        for (_, p) in &snap.pods {
            if holds_slot(p)
                && let Some(&i) = nodes.index.get(p.spec.node_name.as_str())
            {
                let r = fit::pod_requests(p);
                fit::add(&mut nodes.used[i], &r);
            }
        }
    }
    for ((ns, _), s) in &store.services {
        if let Some(sel) = s.spec.selector.as_ref().filter(|s| !s.is_empty())
            && let Some((k, v)) = sel.iter().next()
        {
            snap.services_by_pair
                .entry((ns.as_str(), k.as_str(), v.as_str()))
                .or_default()
                .push(snap.services.len());
            snap.services.push((ns.as_str(), sel));
        }
    }

    let mut classes: Vec<Class> = Vec::new();
    let mut class_ids: HashMap<(String, &StringMap, fit::Requests), usize> = HashMap::default();
    let mut group: Option<Group> = None;
    // The previous pod's namespace, labels and owner name, with its Services and owner.
    let mut last_lookup: Option<LastLookup<'_>> = None;
    let mut out = Vec::with_capacity(queue.len());
    let mut settled = true;
    for ((_, _, id), requests) in queue.into_iter().zip(requests) {
        let (key, pod) = snap.pods[id];
        let ns = key.0.as_str();
        // The static filters' inputs beyond the node selector: tolerations and required node
        // affinity (as text).
        let mut tols_text = pod
            .spec
            .other
            .get("tolerations")
            .map(|t| t.to_string())
            .unwrap_or_default();
        if let Some(a) = pod
            .spec
            .other
            .get("affinity")
            .and_then(|a| a.get("nodeAffinity"))
        {
            tols_text.push('|');
            tols_text.push_str(&a.to_string());
        }
        let class = match class_ids.entry((tols_text, &pod.spec.node_selector, requests)) {
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let requests = e.key().2.clone();
                classes.push(Class::new(&nodes, pod, &tolerations(pod), requests));
                *e.insert(classes.len() - 1)
            }
        };
        if classes[class].feasible == 0 {
            let c = &mut classes[class];
            if c.fit_error.is_none() {
                let reasons: Vec<Vec<String>> = (0..nodes.len())
                    .map(|i| match &c.reasons[i] {
                        Some(r) => vec![r.clone()],
                        None => c.fit_reasons(&nodes, i),
                    })
                    .collect();
                c.fit_error = Some(fit_error(&reasons, nodes.len()));
            }
            let msg = c.fit_error.clone().unwrap_or_default();
            out.push((id, Decision::Unschedulable(msg)));
            settled &= c.reasons.iter().all(Option::is_some);
            continue;
        }

        // The spreading group: reuse the previous pod's when it is the same. Pods of one
        // ReplicaSet come one after another in the queue: the previous pod's Services and owner
        // are looked up again only when the namespace, labels or owner differ.
        let owner_ref = controller_ref(&pod.metadata)
            .filter(|r| r.kind == "ReplicaSet" || r.kind == "StatefulSet");
        let owner_id = owner_ref.map(|r| (r.kind.as_str(), r.name.as_str()));
        let same_labels = matches!(&last_lookup, Some((lns, labels, ..))
            if *lns == ns && *labels == &*pod.metadata.labels);
        let services: Vec<usize> = match &mut last_lookup {
            // Taken from the previous lookup, which gets them back below.
            Some((_, _, _, services, _)) if same_labels => std::mem::take(services),
            _ => {
                let mut services: Vec<usize> = pod
                    .metadata
                    .labels
                    .iter()
                    .filter_map(|(k, v)| snap.services_by_pair.get(&(ns, k.as_str(), v.as_str())))
                    .flatten()
                    .copied()
                    .filter(|s| map_selector_matches(snap.services[*s].1, &pod.metadata.labels))
                    .collect();
                svcplay_model::slice::sort(&mut services);
                services
            }
        };
        let owner = match &last_lookup {
            Some((lns, _, lowner, _, owner)) if *lns == ns && *lowner == owner_id => *owner,
            _ => owner_ref.and_then(|r| {
                let k = (ns.to_string(), r.name.clone());
                if r.kind == "StatefulSet" {
                    store
                        .stateful_sets
                        .get_key_value(&k)
                        .and_then(|(k, s)| s.spec.selector.as_ref().map(|s| (k, s)))
                } else {
                    store
                        .replica_sets
                        .get_key_value(&k)
                        .and_then(|(k, rs)| rs.spec.selector.as_ref().map(|s| (k, s)))
                }
            }),
        };
        // Owners are told apart by their selector's place in the store (a ReplicaSet and a
        // StatefulSet may share a name).
        let owner_ptr = |o: Option<(&Key, &LabelSelector)>| o.map(|o| std::ptr::from_ref(o.1));
        let same = group
            .as_ref()
            .is_some_and(|g| g.services == services && owner_ptr(g.owner) == owner_ptr(owner));
        if !same {
            group = Some(build_group(&mut snap, &nodes, ns, services.clone(), owner));
        }
        last_lookup = Some((ns, &pod.metadata.labels, owner_id, services, owner));
        let g = group.as_ref().expect("set above");

        let chosen = if any_pod_affinity || super::placement::has_rules(pod) {
            let c = &classes[class];
            let base = |i: usize| match &c.reasons[i] {
                Some(r) => vec![r.clone()],
                None => c.fit_reasons(&nodes, i),
            };
            let default_selector = (g.services.iter())
                .map(|s| LabelSelector {
                    match_labels: snap.services[*s].1.clone(),
                    ..LabelSelector::default()
                })
                .chain(g.owner.map(|o| o.1.clone()))
                .collect();
            let pass = super::placement::Pass {
                nodes: &nodes.list,
                pods: &snap.pods,
                bound_to: &snap.bound_to,
                namespaces: &store.namespaces,
                total: &nodes.total,
            };
            match super::placement::place(&pass, id, &base, default_selector, rng) {
                Ok(n) => n,
                Err(reasons) => {
                    let msg = fit_error(&reasons, nodes.len());
                    out.push((id, Decision::Unschedulable(msg)));
                    settled = false;
                    continue;
                }
            }
        } else {
            choose(&classes[class], &nodes, g, rng)
        };
        out.push((id, Decision::Bind(chosen)));

        // Account for the new binding.
        let old = nodes.total[chosen];
        nodes.total[chosen] += 1;
        if !nodes.used.is_empty() {
            let r = &classes[class].requests;
            fit::add(&mut nodes.used[chosen], r);
        }
        for c in &mut classes {
            c.bump(&nodes, chosen, old);
        }
        snap.bound_to[id] = Some(chosen);
        let g = group.as_mut().expect("set above");
        if g.spreads() && snap.group_selects(&g.services, g.owner.map(|o| o.1), pod) {
            *g.per_node.entry(chosen).or_insert(0) += 1;
            g.occupied.insert(chosen);
            g.per_zone[nodes.zone[chosen]] += 1;
        }
    }
    (out, settled)
}

/// Counts the pods matching a spreading group (PodTopologySpread counts matching pods of the
/// namespace, skipping terminating and finished ones).
fn build_group<'a>(
    snap: &mut Snapshot<'a>,
    nodes: &Nodes<'_>,
    ns: &'a str,
    services: Vec<usize>,
    owner: Option<(&'a Key, &'a LabelSelector)>,
) -> Group<'a> {
    let mut g = Group {
        services,
        owner,
        per_node: HashMap::default(),
        occupied: NodeSet::new(nodes.len()),
        per_zone: vec![0; nodes.zone_masks.len()],
    };
    if !g.spreads() {
        return g;
    }
    // Candidates: the shortest list among the selectors' equality pairs, else the namespace.
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for s in &g.services {
        pairs.extend(
            snap.services[*s]
                .1
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
    }
    if let Some((_, sel)) = g.owner {
        pairs.extend(
            sel.match_labels
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
    }
    let candidates: Vec<usize> = if pairs.is_empty() {
        snap.ns_index().get(ns).cloned().unwrap_or_default()
    } else {
        let index = snap.label_index();
        pairs
            .iter()
            .map(|(k, v)| index.get(&(ns, *k, *v)).map_or(&[][..], Vec::as_slice))
            .min_by_key(|l| l.len())
            .unwrap_or(&[])
            .to_vec()
    };
    for id in candidates {
        let p = snap.pods[id].1;
        let Some(i) = snap.bound_to[id] else {
            continue;
        };
        // A pod bound in this pass has no node name in the store yet, but is active.
        let finished = matches!(p.status.phase.as_str(), "Succeeded" | "Failed");
        if finished
            || p.metadata.deletion_timestamp.is_some()
            || !snap.group_selects(&g.services, g.owner.map(|o| o.1), p)
        {
            continue;
        }
        *g.per_node.entry(i).or_insert(0) += 1;
        g.occupied.insert(i);
        g.per_zone[nodes.zone[i]] += 1;
    }
    g
}

/// Picks the node: lowest `(matching pods on the node, matching pods in its zone, pods on the
/// node)` among feasible nodes, ties broken at random in node-name order (`selectHost`).
fn choose(class: &Class, nodes: &Nodes<'_>, g: &Group<'_>, rng: &mut crate::rng::Rng) -> usize {
    let zone_score = |slot: usize| if slot == 0 { 0 } else { g.per_zone[slot] };
    // Fast path: some feasible node has no matching pod. Then the best score has 0 there; walk
    // the zone scores upwards, and within one the pod-count levels upwards.
    let mut slots: Vec<usize> = (0..nodes.zone_masks.len()).collect();
    svcplay_model::slice::sort_by_key(&mut slots, |s| zone_score(*s));
    let words = nodes.zone_masks[0].words.len();
    let mut i = 0;
    while i < slots.len() {
        let v = zone_score(slots[i]);
        let mut j = i;
        while j < slots.len() && zone_score(slots[j]) == v {
            j += 1;
        }
        let group_slots = &slots[i..j];
        for (t, level) in class.levels.iter().enumerate() {
            if group_slots.iter().all(|s| class.counts[t][*s] == 0) {
                continue;
            }
            let mut cand = vec![0u64; words];
            let mut count = 0u64;
            for (w, c) in cand.iter_mut().enumerate() {
                let mut zone_bits = 0;
                for s in group_slots {
                    zone_bits |= nodes.zone_masks[*s].words[w];
                }
                *c = level.words[w] & zone_bits & !g.occupied.words[w];
                count += u64::from(c.count_ones());
            }
            if count > 0 {
                let mut k = rng.below(count);
                for (w, c) in cand.iter().enumerate() {
                    let ones = u64::from(c.count_ones());
                    if k < ones {
                        let mut bits = *c;
                        for _ in 0..k {
                            bits &= bits - 1;
                        }
                        return w * 64 + bits.trailing_zeros() as usize;
                    }
                    k -= ones;
                }
            }
        }
        i = j;
    }
    // Every feasible node already has a matching pod: score them all.
    let mut best: Option<(usize, usize, usize)> = None;
    let mut tied: Vec<usize> = Vec::new();
    for n in 0..nodes.len() {
        if !class.is_feasible(nodes, n) {
            continue;
        }
        let score = (
            g.per_node.get(&n).copied().unwrap_or(0),
            zone_score(nodes.zone[n]),
            nodes.total[n],
        );
        match best {
            Some(b) if score > b => {}
            Some(b) if score == b => tied.push(n),
            _ => {
                best = Some(score);
                tied.clear();
                tied.push(n);
            }
        }
    }
    tied[rng.below(tied.len() as u64) as usize]
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_error_message_matches_upstream_format() {
        // schedule_one_test.go / FitError.Error: reasons sorted as "<n> <reason>", then preemption.
        let one = |r: &str| vec![r.to_string()];
        let reasons = vec![
            one(REASON_UNSCHEDULABLE),
            one("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"),
            one(REASON_UNSCHEDULABLE),
            one(REASON_UNSCHEDULABLE),
        ];
        assert_eq!(
            fit_error(&reasons, 4),
            "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."
        );
        assert_eq!(fit_error(&[], 0), "no nodes available to schedule pods");
        let reasons = vec![
            one("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"),
            one(REASON_TOO_MANY_PODS),
            one(REASON_TOO_MANY_PODS),
        ];
        assert_eq!(
            fit_error(&reasons, 3),
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
        );
    }

    // nodeaffinity/node_affinity_test.go TestNodeAffinity (required terms), and
    // component-helpers nodeaffinity_test.go: terms OR, requirements AND, empty term no match.
    #[test]
    fn required_node_affinity() {
        let node: Node = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "n1", "labels": {"zone": "a", "gen": "5"}}
        }))
        .unwrap();
        let pod = |terms: serde_json::Value| -> Pod {
            serde_json::from_value(serde_json::json!({"spec": {"affinity": {"nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}}}}}))
            .unwrap()
        };
        let expr = |k: &str, op: &str, v: &[&str]| serde_json::json!({"key": k, "operator": op, "values": v});
        let yes = [
            serde_json::json!([{"matchExpressions": [expr("zone", "In", &["a", "b"])]}]),
            serde_json::json!([{"matchExpressions": [expr("zone", "NotIn", &["b"]), expr("x", "DoesNotExist", &[])]}]),
            serde_json::json!([{"matchExpressions": [expr("zone", "In", &["z"])]}, {"matchExpressions": [expr("gen", "Gt", &["4"])]}]),
            serde_json::json!([{"matchFields": [expr("metadata.name", "In", &["n1"])]}]),
            serde_json::json!([{"matchExpressions": [expr("missing", "NotIn", &["a"])]}]),
        ];
        for t in yes {
            assert!(
                required_node_affinity_matches(&pod(t.clone()), &node),
                "{t}"
            );
        }
        let no = [
            serde_json::json!([{"matchExpressions": [expr("zone", "In", &["b"])]}]),
            serde_json::json!([{"matchExpressions": [expr("gen", "Lt", &["5"])]}]),
            serde_json::json!([{"matchExpressions": [expr("gen", "Gt", &["x"])]}]),
            serde_json::json!([{"matchExpressions": [expr("zone", "Exists", &[]), expr("x", "Exists", &[])]}]),
            serde_json::json!([{}]),
            serde_json::json!([]),
            serde_json::json!([{"matchFields": [expr("metadata.name", "NotIn", &["n1"])]}]),
        ];
        for t in no {
            assert!(
                !required_node_affinity_matches(&pod(t.clone()), &node),
                "{t}"
            );
        }
        assert!(required_node_affinity_matches(&Pod::default(), &node));
    }

    #[test]
    fn tolerations_match_like_tolerates_taint() {
        // toleration_test.go TestTolerationToleratesTaint.
        let taint = Taint {
            key: "foo".into(),
            value: "bar".into(),
            effect: "NoSchedule".into(),
            ..Taint::default()
        };
        let tol = |k: &str, op: &str, v: &str, e: &str| Toleration {
            key: k.into(),
            operator: op.into(),
            value: v.into(),
            effect: e.into(),
        };
        let cases = [
            (
                "empty effect matches all",
                tol("foo", "Equal", "bar", ""),
                true,
            ),
            (
                "effect mismatch",
                tol("foo", "Equal", "bar", "NoExecute"),
                false,
            ),
            ("key mismatch", tol("baz", "Exists", "", ""), false),
            (
                "empty key Exists matches all",
                tol("", "Exists", "", ""),
                true,
            ),
            (
                "Equal needs same value",
                tol("foo", "Equal", "baz", "NoSchedule"),
                false,
            ),
            (
                "default operator is Equal",
                tol("foo", "", "bar", "NoSchedule"),
                true,
            ),
            (
                "Exists ignores value",
                tol("foo", "Exists", "", "NoSchedule"),
                true,
            ),
        ];
        for (name, t, want) in cases {
            assert_eq!(t.tolerates(&taint), want, "{name}");
        }
    }

    #[test]
    fn tolerations_are_read_like_a_json_decode() {
        use serde_json::json;
        // A list of objects; missing fields are empty, unknown ones ignored; any element or
        // field of the wrong type loses the whole list (json.Unmarshal into []Toleration fails).
        let read = |v: serde_json::Value| {
            read_tolerations(&v).map(|l| {
                l.into_iter()
                    .map(|t| [t.key, t.operator, t.value, t.effect].join("|"))
                    .collect::<Vec<_>>()
            })
        };

        let cases = [
            (
                json!([{"key": "k", "operator": "Equal", "value": "v", "effect": "NoSchedule"}]),
                Some(vec!["k|Equal|v|NoSchedule"]),
            ),
            (
                json!([{"operator": "Exists", "tolerationSeconds": 30}, {}]),
                Some(vec!["|Exists||", "|||"]),
            ),
            (json!([]), Some(vec![])),
            (json!([{"key": 1}]), None),
            (json!([{"key": null}]), None),
            (json!([{"key": "a"}, "b"]), None),
            (json!({"key": "a"}), None),
            (json!(null), None),
        ];
        for (input, want) in cases {
            let want = want.map(|w| w.into_iter().map(String::from).collect::<Vec<_>>());
            assert_eq!(read(input.clone()), want, "{input}");
        }
    }
}
