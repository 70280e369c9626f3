//! The default scheduler, reduced to the plugins that decide placement for pods without resource
//! requests (`pkg/scheduler/framework/plugins`):
//!
//! * Filter, in the default profile's order: `NodeUnschedulable` (cordoned nodes),
//!   `TaintToleration` (`NoSchedule`/`NoExecute` taints the pod does not tolerate, including the
//!   `node.kubernetes.io/not-ready` taint the node lifecycle controller puts on a node that is
//!   not Ready), `NodeAffinity` (`spec.nodeSelector`), `NodeResourcesFit` for the pod count only
//!   (`allocatable.pods`, default 110: `Too many pods`). Each node reports the first failure.
//! * Score: `PodTopologySpread` with the system default constraints (spread pods selected by the
//!   same Services/ReplicaSet over hostnames, then zones) dominates; `NodeResourcesBalancedAllocation`
//!   and `LeastAllocated` then prefer the node with fewer pods. Equal scores are broken at random
//!   (`selectHost` reservoir sampling), here with the cluster's seeded RNG.
//! * No feasible node: `PodScheduled=False`, reason `Unschedulable`, with `FitError.Error()`'s
//!   message, e.g. `0/4 nodes are available: 1 node(s) had untolerated taint
//!   {node-role.kubernetes.io/control-plane: }, 3 node(s) were unschedulable. preemption: 0/4
//!   nodes are available: 4 Preemption is not helpful for scheduling.`

use std::collections::BTreeMap;

use svcplay_model::types::{LabelSelector, Node, Pod, StringMap, Taint};

use super::{
    controller_ref, is_node_ready, map_selector_matches, put_pod, selector_matches, set_condition,
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
struct Toleration {
    key: String,
    operator: String,
    value: String,
    effect: String,
}

impl Toleration {
    /// `Toleration.ToleratesTaint`: empty effect matches every effect; empty key with `Exists`
    /// matches every key; `Equal` (the default operator) also compares values.
    fn tolerates(&self, taint: &Taint) -> bool {
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

fn tolerations(pod: &Pod) -> Vec<Toleration> {
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
fn effective_taints(node: &Node) -> Vec<Taint> {
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

/// The first failing filter's reason for `node`, or `None` if the pod fits. `pods_on_node` is
/// the number of pods already bound there (for `NodeResourcesFit`'s pod count).
fn filter(pod: &Pod, tols: &[Toleration], node: &Node, pods_on_node: usize) -> Option<String> {
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
    if !map_selector_matches(&pod.spec.node_selector, &node.metadata.labels) {
        return Some(REASON_NODE_SELECTOR.to_string());
    }
    if pods_on_node >= allocatable_pods(node) {
        return Some(REASON_TOO_MANY_PODS.to_string());
    }
    None
}

/// `FitError.Error()`: the sorted `"<count> <reason>"` histogram, then the preemption
/// post-filter's verdict (every reason here is `UnschedulableAndUnresolvable`).
pub(super) fn fit_error(reasons: &[String], num_nodes: usize) -> String {
    if num_nodes == 0 {
        return NO_NODES.to_string();
    }
    let mut hist: Vec<String> = super::count(reasons.iter())
        .into_iter()
        .map(|(r, n)| format!("{n} {r}"))
        .collect();
    hist.sort();
    // Resource shortfalls could be solved by preempting (equal-priority pods: no victims);
    // the other filters are UnschedulableAndUnresolvable.
    let resource = reasons
        .iter()
        .filter(|r| *r == REASON_TOO_MANY_PODS)
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
    preemption.sort();
    format!(
        "0/{num_nodes} nodes are available: {}. preemption: 0/{num_nodes} nodes are available: {}.",
        hist.join(", "),
        preemption.join(", ")
    )
}

/// The selectors the system default spreading constraints use for `pod` (`helper.DefaultSelector`):
/// every Service selecting it and its controlling ReplicaSet.
fn spread_selectors(
    cluster: &Cluster,
    ns: &str,
    pod: &Pod,
) -> (Vec<StringMap>, Vec<LabelSelector>) {
    let services = cluster
        .store
        .services
        .iter()
        .filter(|((sns, _), _)| sns == ns)
        .filter_map(|(_, s)| s.spec.selector.clone())
        .filter(|sel| !sel.is_empty() && map_selector_matches(sel, &pod.metadata.labels))
        .collect();
    let owners = controller_ref(&pod.metadata)
        .filter(|r| r.kind == "ReplicaSet")
        .and_then(|r| {
            cluster
                .store
                .replica_sets
                .get(&(ns.to_string(), r.name.clone()))
        })
        .and_then(|rs| rs.spec.selector.clone())
        .into_iter()
        .collect();
    (services, owners)
}

/// Binds every unscheduled, active pod that the default scheduler owns.
pub(super) fn schedule_pending(cluster: &mut Cluster) -> bool {
    let mut queue: Vec<(String, String, Key)> = cluster
        .store
        .pods
        .iter()
        .filter(|(_, p)| {
            p.spec.node_name.is_empty()
                && super::is_pod_active(p)
                && p.spec
                    .other
                    .get("schedulerName")
                    .and_then(serde_json::Value::as_str)
                    .is_none_or(|s| s == "default-scheduler")
        })
        .map(|(k, p)| {
            (
                p.metadata.creation_timestamp.clone().unwrap_or_default(),
                p.metadata.uid.clone(),
                k.clone(),
            )
        })
        .collect();
    // The scheduling queue is FIFO by creation for equal priorities.
    queue.sort();
    let mut changed = false;
    let now = cluster.clock.rfc3339();
    // Pods bound per node (terminating ones still hold their slot), kept current as we bind.
    let mut bound: BTreeMap<String, usize> = BTreeMap::new();
    for p in cluster.store.pods.values() {
        if !p.spec.node_name.is_empty()
            && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
        {
            *bound.entry(p.spec.node_name.clone()).or_insert(0) += 1;
        }
    }
    for (_, _, key) in queue {
        let Some(mut pod) = cluster.store.pods.get(&key).cloned() else {
            continue;
        };
        let tols = tolerations(&pod);
        let mut reasons = Vec::new();
        let mut feasible: Vec<String> = Vec::new();
        for (name, node) in &cluster.store.nodes {
            match filter(&pod, &tols, node, bound.get(name).copied().unwrap_or(0)) {
                Some(r) => reasons.push(r),
                None => feasible.push(name.clone()),
            }
        }
        if feasible.is_empty() {
            let msg = fit_error(&reasons, cluster.store.nodes.len());
            if pod.status.phase.is_empty() {
                pod.status.phase = "Pending".to_string();
            }
            set_condition(
                &mut pod.status.conditions,
                "PodScheduled",
                "False",
                "Unschedulable",
                &msg,
                &now,
            );
            changed |= put_pod(&mut cluster.store, key, pod);
            continue;
        }
        let (svc_sels, owner_sels) = spread_selectors(cluster, &key.0, &pod);
        let spreads = !svc_sels.is_empty() || !owner_sels.is_empty();
        let matches = |p: &Pod| {
            svc_sels
                .iter()
                .all(|s| map_selector_matches(s, &p.metadata.labels))
                && owner_sels
                    .iter()
                    .all(|s| selector_matches(s, &p.metadata.labels))
        };
        let zone_of = |n: &str| {
            cluster
                .store
                .nodes
                .get(n)
                .and_then(|n| n.metadata.labels.get(ZONE_LABEL).cloned())
        };
        // One pass over the pods: per node, all bound pods and the matching ones
        // (PodTopologySpread counts matching pods of the namespace, skipping terminating ones).
        let mut total: BTreeMap<&str, usize> = BTreeMap::new();
        let mut matching: BTreeMap<&str, usize> = BTreeMap::new();
        for ((pns, _), p) in &cluster.store.pods {
            if p.spec.node_name.is_empty()
                || matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
            {
                continue;
            }
            *total.entry(p.spec.node_name.as_str()).or_insert(0) += 1;
            if spreads && *pns == key.0 && p.metadata.deletion_timestamp.is_none() && matches(p) {
                *matching.entry(p.spec.node_name.as_str()).or_insert(0) += 1;
            }
        }
        let mut in_zone: BTreeMap<String, usize> = BTreeMap::new();
        for (n, k) in &matching {
            if let Some(z) = zone_of(n) {
                *in_zone.entry(z).or_insert(0) += k;
            }
        }
        let scores: Vec<((usize, usize, usize), String)> = feasible
            .iter()
            .map(|name| {
                let n = name.as_str();
                let zone = zone_of(n)
                    .and_then(|z| in_zone.get(&z).copied())
                    .unwrap_or(0);
                let on_node = matching.get(n).copied().unwrap_or(0);
                (
                    (on_node, zone, total.get(n).copied().unwrap_or(0)),
                    name.clone(),
                )
            })
            .collect();
        let best = scores.iter().map(|(s, _)| *s).min().unwrap_or_default();
        let tied: Vec<&String> = scores
            .iter()
            .filter(|(s, _)| *s == best)
            .map(|(_, n)| n)
            .collect();
        let chosen = tied[cluster.rng.below(tied.len() as u64) as usize].clone();
        *bound.entry(chosen.clone()).or_insert(0) += 1;
        pod.spec.node_name = chosen;
        if pod.status.phase.is_empty() {
            pod.status.phase = "Pending".to_string();
        }
        set_condition(
            &mut pod.status.conditions,
            "PodScheduled",
            "True",
            "",
            "",
            &now,
        );
        changed |= put_pod(&mut cluster.store, key, pod);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_error_message_matches_upstream_format() {
        // schedule_one_test.go / FitError.Error: reasons sorted as "<n> <reason>", then preemption.
        let reasons = vec![
            REASON_UNSCHEDULABLE.to_string(),
            "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }".to_string(),
            REASON_UNSCHEDULABLE.to_string(),
            REASON_UNSCHEDULABLE.to_string(),
        ];
        assert_eq!(
            fit_error(&reasons, 4),
            "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."
        );
        assert_eq!(fit_error(&[], 0), "no nodes available to schedule pods");
        let reasons = vec![
            "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }".to_string(),
            REASON_TOO_MANY_PODS.to_string(),
            REASON_TOO_MANY_PODS.to_string(),
        ];
        assert_eq!(
            fit_error(&reasons, 3),
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
        );
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
