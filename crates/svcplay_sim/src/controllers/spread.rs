//! The scheduler's `PodTopologySpread` plugin (`pkg/scheduler/framework/plugins/podtopologyspread`)
//! for the slow path of [`super::placement`]:
//!
//! * constraints (`filterTopologySpreadConstraints`): the pod's own, `labelSelector` (absent:
//!   no pod) narrowed by `matchLabelKeys`, `minDomains` (default 1), `nodeAffinityPolicy`
//!   (default `Honor`: only nodes matching the pod's node selector and required node affinity
//!   count) and `nodeTaintsPolicy` (default `Ignore`). A pod without constraints gets the
//!   system defaults (`hostname` maxSkew 3, zone maxSkew 5, `ScheduleAnyway`) over the pods its
//!   Services and ReplicaSet select;
//! * Filter (`filtering.go`), `DoNotSchedule` constraints: a node without the topology label is
//!   `UnschedulableAndUnresolvable`; otherwise the matching pods in its domain, plus one when
//!   the pod matches itself, minus the smallest count over the domains of eligible nodes (0
//!   while there are fewer than `minDomains`) may not exceed `maxSkew` (`Unschedulable`);
//! * Score (`scoring.go`), `ScheduleAnyway` constraints: per node the matching pods in its
//!   domains weighted by `ln(domains + 2)` plus `maxSkew - 1`, fewer is better (normalized).

use std::collections::BTreeMap;

use serde_json::Value;
use svcplay_model::types::{LabelSelector, Node, Pod};

use super::interpodaffinity::{Placed, merge_label_keys, read_selector};
use super::selector_matches;

/// `ErrReasonNodeLabelNotMatch`.
pub(super) const REASON_MISSING_LABEL: &str =
    "node(s) didn't match pod topology spread constraints (missing required label)";
/// `ErrReasonConstraintsNotMatch`.
pub(super) const REASON_SKEW: &str = "node(s) didn't match pod topology spread constraints";
const HOSTNAME: &str = "kubernetes.io/hostname";

/// One `topologySpreadConstraint` as the plugin uses it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Constraint {
    max_skew: i64,
    key: String,
    /// `whenUnsatisfiable: DoNotSchedule`.
    hard: bool,
    /// All must match; `None` matches no pod.
    selector: Option<Vec<LabelSelector>>,
    min_domains: i64,
    honor_affinity: bool,
    honor_taints: bool,
}

impl Constraint {
    fn selects(&self, labels: &svcplay_model::types::StringMap) -> bool {
        self.selector
            .as_ref()
            .is_some_and(|s| s.iter().all(|s| selector_matches(s, labels)))
    }
}

/// `spec.topologySpreadConstraints` of `pod`.
pub(super) fn constraints(pod: &Pod) -> Vec<Constraint> {
    let list = pod
        .spec
        .other
        .get("topologySpreadConstraints")
        .and_then(Value::as_array);
    list.into_iter()
        .flatten()
        .map(|c| {
            let s = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or_default();
            let mut selector = read_selector(c.get("labelSelector"));
            if let Some(sel) = &mut selector {
                merge_label_keys(sel, c.get("matchLabelKeys"), &pod.metadata.labels, false);
            }
            Constraint {
                max_skew: c.get("maxSkew").and_then(Value::as_i64).unwrap_or(1),
                key: s("topologyKey").to_string(),
                hard: s("whenUnsatisfiable") != "ScheduleAnyway",
                selector: selector.map(|s| vec![s]),
                min_domains: c.get("minDomains").and_then(Value::as_i64).unwrap_or(1),
                honor_affinity: s("nodeAffinityPolicy") != "Ignore",
                honor_taints: s("nodeTaintsPolicy") == "Honor",
            }
        })
        .collect()
}

/// The system default constraints (`ScheduleAnyway` over hostname and zone) for the pods
/// `selector` selects; none when it is empty.
pub(super) fn default_constraints(selector: Vec<LabelSelector>) -> Vec<Constraint> {
    if selector.is_empty() {
        return Vec::new();
    }
    [(HOSTNAME, 3), ("topology.kubernetes.io/zone", 5)]
        .into_iter()
        .map(|(key, max_skew)| Constraint {
            max_skew,
            key: key.to_string(),
            hard: false,
            selector: Some(selector.clone()),
            min_domains: 1,
            honor_affinity: true,
            honor_taints: false,
        })
        .collect()
}

/// What the plugin needs to know about the nodes and bound pods.
pub(super) struct World<'a, 'b> {
    pub(super) nodes: &'b [&'a Node],
    /// Per node: whether it matches the pod's node selector and required node affinity, and
    /// whether the pod tolerates its `NoSchedule`/`NoExecute` taints.
    pub(super) affinity_ok: &'b [bool],
    pub(super) taints_ok: &'b [bool],
    /// Bound pods by node.
    pub(super) pods_on: &'b [Vec<Placed<'a>>],
    /// The incoming pod's namespace and labels.
    pub(super) ns: &'b str,
    pub(super) labels: &'b svcplay_model::types::StringMap,
}

impl World<'_, '_> {
    /// `countPodsMatchSelector`: pods of the namespace on node `i`, not terminating, selected.
    fn count(&self, c: &Constraint, i: usize) -> i64 {
        self.pods_on[i]
            .iter()
            .filter(|p| {
                p.ns == self.ns
                    && p.pod.metadata.deletion_timestamp.is_none()
                    && c.selects(&p.pod.metadata.labels)
            })
            .count() as i64
    }

    fn included(&self, c: &Constraint, i: usize) -> bool {
        (!c.honor_affinity || self.affinity_ok[i]) && (!c.honor_taints || self.taints_ok[i])
    }

    fn has_keys(&self, cs: &[&Constraint], i: usize) -> bool {
        cs.iter()
            .all(|c| self.nodes[i].metadata.labels.contains_key(c.key.as_str()))
    }
}

/// Filter for every node: the reason it fails the `DoNotSchedule` constraints, if any.
pub(super) fn filter(all: &[Constraint], w: &World<'_, '_>) -> Vec<Option<&'static str>> {
    let hard: Vec<&Constraint> = all.iter().filter(|c| c.hard).collect();
    let n = w.nodes.len();
    if hard.is_empty() {
        return vec![None; n];
    }
    // PreFilter: matching pods per domain, over nodes with every key that the policies include.
    let mut counts: Vec<BTreeMap<&str, i64>> = vec![BTreeMap::new(); hard.len()];
    for i in (0..n).filter(|i| w.has_keys(&hard, *i)) {
        for (c, m) in hard.iter().zip(&mut counts) {
            if w.included(c, i) {
                let v = w.nodes[i].metadata.labels[c.key.as_str()].as_str();
                *m.entry(v).or_default() += w.count(c, i);
            }
        }
    }
    (0..n)
        .map(|i| {
            for (c, m) in hard.iter().zip(&counts) {
                let Some(v) = w.nodes[i].metadata.labels.get(c.key.as_str()) else {
                    return Some(REASON_MISSING_LABEL);
                };
                let min = if (m.len() as i64) < c.min_domains {
                    0
                } else {
                    m.values().copied().min().unwrap_or(i64::from(i32::MAX))
                };
                let own = i64::from(c.selects(w.labels));
                if m.get(v.as_str()).copied().unwrap_or(0) + own - min > c.max_skew {
                    return Some(REASON_SKEW);
                }
            }
            None
        })
        .collect()
}

/// Score and NormalizeScore over the feasible nodes `feasible` (node indices) with the
/// `ScheduleAnyway` constraints of `all`; `own` says they are the pod's own (then nodes
/// missing a key are ignored) rather than the system defaults.
pub(super) fn score(
    all: &[Constraint],
    own: bool,
    w: &World<'_, '_>,
    feasible: &[usize],
) -> Vec<i64> {
    let soft: Vec<&Constraint> = all.iter().filter(|c| !c.hard).collect();
    if soft.is_empty() {
        return vec![0; feasible.len()];
    }
    let label = |i: usize, c: &Constraint| {
        w.nodes[i]
            .metadata
            .labels
            .get(c.key.as_str())
            .map_or("", String::as_str)
    };
    let ignored: Vec<bool> = feasible
        .iter()
        .map(|i| own && !w.has_keys(&soft, *i))
        .collect();
    let scored = ignored.iter().filter(|x| !**x).count();
    // Domains of the scored nodes, with the matching pods of every counted node.
    let mut counts: Vec<BTreeMap<&str, i64>> = vec![BTreeMap::new(); soft.len()];
    for (i, _) in feasible.iter().zip(&ignored).filter(|(_, x)| !**x) {
        for (c, m) in soft.iter().zip(&mut counts) {
            if c.key != HOSTNAME {
                m.entry(label(*i, c)).or_insert(0);
            }
        }
    }
    let weights: Vec<f64> = soft
        .iter()
        .zip(&counts)
        .map(|(c, m)| {
            let size = if c.key == HOSTNAME { scored } else { m.len() };
            ((size + 2) as f64).ln()
        })
        .collect();
    for i in 0..w.nodes.len() {
        if own && !w.has_keys(&soft, i) {
            continue;
        }
        for (c, m) in soft.iter().zip(&mut counts) {
            if w.included(c, i)
                && let Some(n) = m.get_mut(label(i, c))
            {
                *n += w.count(c, i);
            }
        }
    }
    let raw: Vec<i64> = feasible
        .iter()
        .map(|i| {
            let mut s = 0.0;
            for ((c, m), wt) in soft.iter().zip(&counts).zip(&weights) {
                let Some(v) = w.nodes[*i].metadata.labels.get(c.key.as_str()) else {
                    continue;
                };
                let cnt = if c.key == HOSTNAME {
                    w.count(c, *i)
                } else {
                    m.get(v.as_str()).copied().unwrap_or(0)
                };
                s += cnt as f64 * wt + (c.max_skew - 1) as f64;
            }
            s.round() as i64
        })
        .collect();
    let kept = || {
        raw.iter()
            .zip(&ignored)
            .filter(|(_, x)| !**x)
            .map(|(s, _)| *s)
    };
    let (min, max) = (kept().min().unwrap_or(0), kept().max().unwrap_or(0));
    raw.iter()
        .zip(&ignored)
        .map(|(s, x)| match (*x, max) {
            (true, _) => 0,
            (false, 0) => 100,
            _ => 100 * (max + min - s) / max,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    const SKEW: Option<&str> = Some(REASON_SKEW);
    const MISSING: Option<&str> = Some(REASON_MISSING_LABEL);

    fn node(name: &str, zone: Option<&str>) -> Node {
        let mut labels = json!({"node": name});
        if let Some(z) = zone {
            labels["zone"] = json!(z);
        }
        serde_json::from_value(json!({"metadata": {"name": name, "labels": labels}})).unwrap()
    }

    /// node-a, node-b in zone1; node-x, node-y in zone2.
    fn four_nodes() -> Vec<Node> {
        [
            ("node-a", "zone1"),
            ("node-b", "zone1"),
            ("node-x", "zone2"),
            ("node-y", "zone2"),
        ]
        .iter()
        .map(|(n, z)| node(n, Some(z)))
        .collect()
    }

    /// `(maxSkew, topologyKey)` DoNotSchedule constraints selecting `foo` (Exists).
    fn pod_with(constraints: &[(i64, &str)], extra: Value) -> Pod {
        let list: Vec<Value> = constraints
            .iter()
            .map(|(s, k)| {
                let mut c = json!({"maxSkew": s, "topologyKey": k, "whenUnsatisfiable": "DoNotSchedule",
                    "labelSelector": {"matchExpressions": [{"key": "foo", "operator": "Exists"}]}});
                if let Some(o) = extra.as_object() {
                    for (k, v) in o {
                        c[k] = v.clone();
                    }
                }
                c
            })
            .collect();
        serde_json::from_value(json!({"metadata": {"labels": {"foo": ""}},
            "spec": {"topologySpreadConstraints": list}}))
        .unwrap()
    }

    fn foo_pod() -> Pod {
        serde_json::from_value(json!({"metadata": {"labels": {"foo": ""}}})).unwrap()
    }

    /// Runs the filter with `counts[i]` matching pods (namespace `default`) on node `i`.
    fn run(pod: &Pod, nodes: &[Node], counts: &[usize]) -> Vec<Option<&'static str>> {
        run_with(pod, nodes, counts, &[], None)
    }

    fn run_with(
        pod: &Pod,
        nodes: &[Node],
        counts: &[usize],
        other: &[(usize, &str, Pod)],
        affinity_ok: Option<Vec<bool>>,
    ) -> Vec<Option<&'static str>> {
        let foo = foo_pod();
        let mut pods_on: Vec<Vec<Placed<'_>>> = vec![Vec::new(); nodes.len()];
        for (i, c) in counts.iter().enumerate() {
            for _ in 0..*c {
                pods_on[i].push(Placed {
                    pod: &foo,
                    ns: "default",
                    node: i,
                });
            }
        }
        for (i, ns, p) in other {
            pods_on[*i].push(Placed {
                pod: p,
                ns,
                node: *i,
            });
        }
        let refs: Vec<&Node> = nodes.iter().collect();
        let all = vec![true; nodes.len()];
        let w = World {
            nodes: &refs,
            affinity_ok: &affinity_ok.unwrap_or_else(|| all.clone()),
            taints_ok: &all,
            pods_on: &pods_on,
            ns: "default",
            labels: &pod.metadata.labels,
        };
        filter(&constraints(pod), &w)
    }

    // filtering_test.go TestSingleConstraint.
    #[test]
    fn single_constraint() {
        let nodes = four_nodes();
        let zone1 = pod_with(&[(1, "zone")], json!({}));
        assert_eq!(
            run(&zone1, &nodes, &[0, 0, 0, 0]),
            [None; 4],
            "no existing pods"
        );
        let not_self: Pod = serde_json::from_value(json!({"spec": {"topologySpreadConstraints": [
            {"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
             "labelSelector": {"matchLabels": {"foo": "bar"}}}]}}))
        .unwrap();
        assert_eq!(
            run(&not_self, &nodes, &[0, 0, 0, 0]),
            [None; 4],
            "no existing pods, incoming pod doesn't match itself"
        );
        assert_eq!(
            run(&zone1, &nodes, &[2, 1, 0, 3]),
            [None; 4],
            "pods spread across zones as 3/3, all nodes fit"
        );
        let other_ns = [(0, "ns1", foo_pod()), (0, "ns1", foo_pod())];
        assert_eq!(
            run_with(&zone1, &nodes, &[0, 0, 0, 1], &other_ns, None),
            [None, None, SKEW, SKEW],
            "existing pods in a different namespace do not count"
        );
        let mut no_zone_b = four_nodes();
        no_zone_b[1] = node("node-b", None);
        assert_eq!(
            run(&zone1, &no_zone_b, &[1, 1, 1, 1]),
            [None, MISSING, SKEW, SKEW],
            "pods spread across zones as 1/2 due to absence of label 'zone' on node-b"
        );
        let rack = pod_with(&[(1, "rack")], json!({}));
        assert_eq!(
            run(&rack, &nodes, &[0, 0, 0, 0]),
            [MISSING; 4],
            "pod cannot be scheduled as all nodes don't have label 'rack'"
        );
        let by_node = pod_with(&[(1, "node")], json!({}));
        assert_eq!(
            run(&by_node, &nodes, &[2, 1, 0, 3]),
            [SKEW, SKEW, None, SKEW],
            "pods spread across nodes as 2/1/0/3, only node-x fits"
        );
        let skew2 = pod_with(&[(2, "node")], json!({}));
        assert_eq!(
            run(&skew2, &nodes, &[2, 1, 0, 3]),
            [SKEW, None, None, SKEW],
            "pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit"
        );
        // Only node-a and node-y count as domains (nodeAffinityPolicy Honor): min is 2.
        assert_eq!(
            run_with(
                &by_node,
                &nodes,
                &[2, 1, 0, 3],
                &[],
                Some(vec![true, false, false, true])
            ),
            [None, None, None, SKEW],
            "incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits"
        );
        let ignore = pod_with(&[(1, "node")], json!({"nodeAffinityPolicy": "Ignore"}));
        assert_eq!(
            run_with(
                &ignore,
                &nodes,
                &[2, 1, 0, 3],
                &[],
                Some(vec![true, false, false, true])
            ),
            [SKEW, SKEW, None, SKEW],
            "nodeAffinityPolicy Ignore counts every node"
        );
        let terminating: Pod = serde_json::from_value(json!({"metadata": {"labels": {"foo": ""},
            "deletionTimestamp": "2024-01-01T00:00:00Z"}}))
        .unwrap();
        assert_eq!(
            run_with(
                &by_node,
                &nodes[..2],
                &[0, 1],
                &[(0, "default", terminating)],
                None
            ),
            [None, SKEW],
            "terminating Pods should be excluded"
        );
        let three: Vec<Node> = nodes[..3].to_vec();
        let min_domains = pod_with(&[(2, "node")], json!({"minDomains": 4}));
        assert_eq!(
            run(&min_domains, &three, &[2, 2, 1]),
            [SKEW, SKEW, None],
            "pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits"
        );
        assert_eq!(
            run(&skew2, &three, &[2, 2, 1]),
            [None; 3],
            "same without minDomains"
        );
        // matchLabelKeys: only pods with the incoming pod's value for the key count.
        let mut keyed = pod_with(&[(1, "node")], json!({"matchLabelKeys": ["rev"]}));
        keyed
            .metadata
            .labels
            .extend([("rev".to_string(), "2".to_string())]);
        assert_eq!(
            run(&keyed, &nodes, &[2, 1, 0, 3]),
            [None; 4],
            "matchLabelKeys"
        );
    }

    // filtering_test.go TestMultipleConstraints.
    #[test]
    fn multiple_constraints() {
        let nodes = four_nodes();
        let both = pod_with(&[(1, "zone"), (1, "node")], json!({}));
        assert_eq!(
            run(&both, &nodes, &[2, 1, 0, 3]),
            [SKEW, SKEW, None, SKEW],
            "two constraints on zone and node, spreads = [3/3, 2/1/0/3]"
        );
        assert_eq!(
            run(&both, &nodes, &[2, 1, 0, 4]),
            [SKEW; 4],
            "two constraints on zone and node, spreads = [3/4, 2/1/0/4]"
        );
    }

    // scoring_test.go TestPodTopologySpreadScore "one constraint on node, all 4 nodes are
    // candidates" style: fewer matching pods score higher; a node missing the key is ignored.
    #[test]
    fn scores_favour_emptier_domains() {
        let nodes = four_nodes();
        let foo = foo_pod();
        let soft: Pod = serde_json::from_value(json!({"metadata": {"labels": {"foo": ""}},
            "spec": {"topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "node",
              "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": {"matchExpressions": [{"key": "foo", "operator": "Exists"}]}}]}}))
        .unwrap();
        let mut pods_on: Vec<Vec<Placed<'_>>> = vec![Vec::new(); 4];
        for (i, c) in [2usize, 1, 0, 3].iter().enumerate() {
            for _ in 0..*c {
                pods_on[i].push(Placed {
                    pod: &foo,
                    ns: "default",
                    node: i,
                });
            }
        }
        let refs: Vec<&Node> = nodes.iter().collect();
        let all = [true; 4];
        let w = World {
            nodes: &refs,
            affinity_ok: &all,
            taints_ok: &all,
            pods_on: &pods_on,
            ns: "default",
            labels: &soft.metadata.labels,
        };
        let cs = constraints(&soft);
        assert_eq!(filter(&cs, &w), [None; 4], "ScheduleAnyway never filters");
        // ln(6) weights: raw 2*1.79=4 (rounded), 2, 0, 5: normalized 100*(5+0-s)/5.
        assert_eq!(score(&cs, true, &w, &[0, 1, 2, 3]), [20, 60, 100, 0]);
        assert_eq!(score(&cs, true, &w, &[2, 3]), [100, 0]);
    }
}
