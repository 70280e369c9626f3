//! The scheduler's per-node path for pods with placement rules the fast path of
//! [`super::scheduler`] does not model: pod (anti-)affinity, their own topology spread
//! constraints, preferred node affinity — or any pod when some pod has pod (anti-)affinity,
//! whose terms filter and score every other pod.
//!
//! Filter, in the default profile's order (`pkg/scheduler/apis/config/v1/default_plugins.go`):
//! the fast path's filters (first failing one per node), then `PodTopologySpread`, then
//! `InterPodAffinity`. Score: the default profile's weighted sum of normalized plugin scores
//! over the feasible nodes — `TaintToleration` ×3 (`PreferNoSchedule` taints not tolerated,
//! fewer is better), `NodeAffinity` ×2 (weights of the matching preferred terms),
//! `PodTopologySpread` ×2, `InterPodAffinity` ×2, `NodeResourcesFit` (`LeastAllocated` on cpu
//! and memory with the non-zero defaults 100m / 200Mi) ×1 and `NodeResourcesBalancedAllocation`
//! ×1, both only on nodes whose `status.allocatable` lists cpu and memory. The highest sum wins;
//! as in the fast path, equal sums go to the node with fewer pods, then at random
//! (`selectHost`) with the cluster's RNG.

use svcplay_model::types::{LabelSelector, Namespace, Node, Pod, StringMap};

use super::fit;
use super::interpodaffinity::{self as ipa, Incoming, Placed, Rules};
use super::scheduler::{
    effective_taints, node_selector_term_matches, required_node_affinity_matches, tolerations,
};
use super::spread;
use crate::store::{Key, KindMap};

/// Whether `pod` carries rules only this path models.
pub(super) fn has_rules(pod: &Pod) -> bool {
    let o = &pod.spec.other;
    ipa::has_pod_affinity(pod)
        || o.get("topologySpreadConstraints")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|l| !l.is_empty())
        || !preferred_node_terms(pod).is_empty()
}

fn preferred_node_terms(pod: &Pod) -> &[serde_json::Value] {
    pod.spec
        .other
        .get("affinity")
        .and_then(|a| a.get("nodeAffinity"))
        .and_then(|a| a.get("preferredDuringSchedulingIgnoredDuringExecution"))
        .and_then(serde_json::Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The scheduling pass's view: nodes in name order, every pod with the node index it is bound
/// to (by the store or earlier in the pass), and the Namespaces.
pub(super) struct Pass<'a, 'b> {
    pub(super) nodes: &'b [&'a Node],
    pub(super) pods: &'b [(&'a Key, &'a Pod)],
    pub(super) bound_to: &'b [Option<usize>],
    pub(super) namespaces: &'a KindMap<String, Namespace>,
    /// Pods holding a slot per node.
    pub(super) total: &'b [usize],
}

/// Filters and scores pod `id` on every node. `base(i)` is the fast path's filters' verdict for
/// node `i` (empty: passes); `default_selector` selects the pods the system default spreading
/// counts. The chosen node, or every node's reasons.
pub(super) fn place(
    pass: &Pass<'_, '_>,
    id: usize,
    base: &dyn Fn(usize) -> Vec<String>,
    default_selector: Vec<LabelSelector>,
    rng: &mut crate::rng::Rng,
) -> Result<usize, Vec<Vec<String>>> {
    let ((ns, _), pod) = pass.pods[id];
    let n = pass.nodes.len();
    let mut pods_on: Vec<Vec<Placed<'_>>> = vec![Vec::new(); n];
    for (i, ((pns, _), p)) in pass.pods.iter().enumerate() {
        if let Some(node) = pass.bound_to[i]
            && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
        {
            pods_on[node].push(Placed {
                pod: p,
                ns: pns,
                node,
            });
        }
    }
    let placed: Vec<Placed<'_>> = pods_on.iter().flatten().copied().collect();
    let empty = StringMap::default();
    let ns_labels = |name: &str| {
        pass.namespaces
            .get(name)
            .map_or(&empty, |n| &n.metadata.labels)
    };
    let rules = Rules::of(pod, ns);
    let existing = ipa::existing_rules(&placed);
    let inc = Incoming {
        pod: Placed { pod, ns, node: 0 },
        rules: &rules,
        ns_labels: &ns_labels,
    };
    let tols = tolerations(pod);
    let untolerated = |node: &Node, effects: &[&str]| {
        effective_taints(node)
            .iter()
            .filter(|t| effects.contains(&t.effect.as_str()))
            .filter(|t| !tols.iter().any(|tol| tol.tolerates(t)))
            .count() as i64
    };
    let affinity_ok: Vec<bool> = pass
        .nodes
        .iter()
        .map(|node| {
            super::map_selector_matches(&pod.spec.node_selector, &node.metadata.labels)
                && required_node_affinity_matches(pod, node)
        })
        .collect();
    let taints_ok: Vec<bool> = pass
        .nodes
        .iter()
        .map(|node| untolerated(node, &["NoSchedule", "NoExecute"]) == 0)
        .collect();
    let world = spread::World {
        nodes: pass.nodes,
        affinity_ok: &affinity_ok,
        taints_ok: &taints_ok,
        pods_on: &pods_on,
        ns,
        labels: &pod.metadata.labels,
    };
    let mut own = spread::constraints(pod);
    let own_constraints = !own.is_empty();
    if !own_constraints {
        own = spread::default_constraints(default_selector);
    }

    // Filter.
    let spread_reasons = spread::filter(&own, &world);
    let state = ipa::pre_filter(&inc, &placed, &existing, pass.nodes);
    let mut reasons: Vec<Vec<String>> = Vec::with_capacity(n);
    let mut feasible = Vec::new();
    for (i, node) in pass.nodes.iter().enumerate() {
        let mut r = base(i);
        if r.is_empty()
            && let Some(x) = spread_reasons[i].or_else(|| ipa::filter(&state, &rules, node))
        {
            r.push(x.to_string());
        }
        if r.is_empty() {
            feasible.push(i);
        }
        reasons.push(r);
    }
    match feasible.len() {
        0 => return Err(reasons),
        1 => return Ok(feasible[0]),
        _ => {}
    }

    // Score.
    let each = |f: &dyn Fn(&Node) -> i64| -> Vec<i64> {
        feasible.iter().map(|i| f(pass.nodes[*i])).collect()
    };
    let mut taint = each(&|node| untolerated(node, &["PreferNoSchedule"]));
    default_normalize(&mut taint, true);
    let terms = preferred_node_terms(pod);
    let mut node_affinity = each(&|node| {
        terms
            .iter()
            .filter(|t| {
                t.get("preference")
                    .is_some_and(|p| node_selector_term_matches(p, node))
            })
            .filter_map(|t| t.get("weight").and_then(serde_json::Value::as_i64))
            .sum()
    });
    default_normalize(&mut node_affinity, false);
    let spread_score = spread::score(&own, own_constraints, &world, &feasible);
    let topo = ipa::pre_score(&inc, &placed, &existing, pass.nodes);
    let mut affinity = each(&|node| ipa::score(&topo, node));
    ipa::normalize(&mut affinity);
    let req = fit::pod_requests(pod);

    let mut best: Option<(i64, std::cmp::Reverse<usize>)> = None;
    let mut tied = Vec::new();
    for (k, i) in feasible.iter().enumerate() {
        let sum = 3 * taint[k]
            + 2 * (node_affinity[k] + spread_score[k] + affinity[k])
            + resource_score(&req, pass.nodes[*i], &pods_on[*i]);
        let key = (sum, std::cmp::Reverse(pass.total[*i]));
        if best.is_none_or(|b| key > b) {
            best = Some(key);
            tied.clear();
        }
        if best == Some(key) {
            tied.push(*i);
        }
    }
    Ok(tied[rng.below(tied.len() as u64) as usize])
}

/// `helper.DefaultNormalizeScore` to 0–100, reversed for "fewer is better".
fn default_normalize(scores: &mut [i64], reverse: bool) {
    let max = scores.iter().copied().max().unwrap_or(0);
    for s in scores {
        let v = if max == 0 { 0 } else { 100 * *s / max };
        *s = if reverse { 100 - v } else { v };
    }
}

/// `LeastAllocated` plus `BalancedAllocation` on cpu and memory for a node that lists both.
fn resource_score(req: &fit::Requests, node: &Node, on: &[Placed<'_>]) -> i64 {
    let alloc = fit::allocatable(node);
    let (Some(&cap_cpu), Some(&cap_mem)) = (alloc.get("cpu"), alloc.get("memory")) else {
        return 0;
    };
    let get = |r: &fit::Requests, k: &str| r.get(k).copied().unwrap_or(0);
    let non_zero = |v: i64, d: i64| if v > 0 { v } else { d };
    const MEM_DEFAULT: i64 = 200 << 20;
    let (mut nz_cpu, mut nz_mem) = (
        non_zero(get(req, "cpu"), 100),
        non_zero(get(req, "memory"), MEM_DEFAULT),
    );
    let (mut cpu, mut mem) = (get(req, "cpu"), get(req, "memory"));
    for p in on {
        let r = fit::pod_requests(p.pod);
        nz_cpu += non_zero(get(&r, "cpu"), 100);
        nz_mem += non_zero(get(&r, "memory"), MEM_DEFAULT);
        cpu += get(&r, "cpu");
        mem += get(&r, "memory");
    }
    let least = |req: i64, cap: i64| {
        if cap <= 0 || req > cap {
            0
        } else {
            (cap - req) * 100 / cap
        }
    };
    let frac = |req: i64, cap: i64| {
        if cap <= 0 {
            1.0
        } else {
            (req as f64 / cap as f64).min(1.0)
        }
    };
    let std = (frac(cpu, cap_cpu) - frac(mem, cap_mem)).abs() / 2.0;
    (least(nz_cpu, cap_cpu) + least(nz_mem, cap_mem)) / 2 + ((1.0 - std) * 100.0) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn nodes() -> Vec<Node> {
        ["a", "b", "b"]
            .iter()
            .enumerate()
            .map(|(i, z)| {
                serde_json::from_value(json!({"metadata": {"name": format!("n{i}"),
                    "labels": {"zone": z, "kubernetes.io/hostname": format!("n{i}")}}}))
                .unwrap()
            })
            .collect()
    }

    /// Places `incoming` beside `existing` pods bound to the given nodes; every node passes the
    /// fast path's filters.
    fn place_pod(
        incoming: serde_json::Value,
        existing: &[(usize, serde_json::Value)],
    ) -> Result<usize, Vec<Vec<String>>> {
        let nodes = nodes();
        let refs: Vec<&Node> = nodes.iter().collect();
        let key = ("default".to_string(), "p".to_string());
        let mut pods: Vec<Pod> = vec![serde_json::from_value(incoming).unwrap()];
        let mut bound_to = vec![None];
        let mut total = vec![0; nodes.len()];
        for (n, p) in existing {
            pods.push(serde_json::from_value(p.clone()).unwrap());
            bound_to.push(Some(*n));
            total[*n] += 1;
        }
        let keyed: Vec<(&Key, &Pod)> = pods.iter().map(|p| (&key, p)).collect();
        let namespaces = KindMap::new();
        let pass = Pass {
            nodes: &refs,
            pods: &keyed,
            bound_to: &bound_to,
            namespaces: &namespaces,
            total: &total,
        };
        place(
            &pass,
            0,
            &|_| Vec::new(),
            Vec::new(),
            &mut crate::rng::Rng::new(1),
        )
    }

    // node_affinity_test.go TestNodeAffinityPriority "only node1 matches the preferred
    // scheduling requirements of pod" / "all nodes matches the preferred scheduling
    // requirements of pod but with different priorities": the heaviest matching term wins.
    #[test]
    fn preferred_node_affinity_wins() {
        let pref = |a: i64, b: i64| {
            json!({"spec": {"affinity": {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": a, "preference": {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]}},
                {"weight": b, "preference": {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n2"]}]}}
            ]}}}})
        };
        assert_eq!(place_pod(pref(5, 0), &[]), Ok(0));
        assert_eq!(place_pod(pref(2, 5), &[]), Ok(2));
        assert!(has_rules(&serde_json::from_value(pref(1, 1)).unwrap()));
        assert!(!has_rules(&Pod::default()));
    }

    // scoring_test.go TestPreferredAffinity "Anti Affinity: pod that does not match existing
    // pods in node will get high score": with the zone-b nodes holding a repelled pod, zone a
    // wins even though it has more pods.
    #[test]
    fn preferred_anti_affinity_moves_away() {
        let incoming = json!({"spec": {"affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
            {"weight": 10, "podAffinityTerm": {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": "zone"}}]}}}});
        let db = json!({"metadata": {"labels": {"app": "db"}}});
        let other = json!({"metadata": {"labels": {"app": "x"}}});
        assert_eq!(
            place_pod(incoming, &[(1, db), (0, other.clone()), (0, other)]),
            Ok(0)
        );
    }

    // The filters' reasons reach FitError per node; required affinity with no matching pod and
    // the pod not matching itself fails everywhere.
    #[test]
    fn unschedulable_reports_each_node() {
        let incoming = json!({"spec": {"affinity": {"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": "zone"}]}}}});
        let reasons = place_pod(
            incoming,
            &[(0, json!({"metadata": {"labels": {"app": "x"}}}))],
        )
        .unwrap_err();
        assert_eq!(
            super::super::scheduler::fit_error(&reasons, 3),
            "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
        );
    }
}
