//! The scheduler's `InterPodAffinity` plugin
//! (`pkg/scheduler/framework/plugins/interpodaffinity`), for the slow path of
//! [`super::placement`]:
//!
//! * terms (`framework.AffinityTerm`): a pod matches when its namespace is listed (default: the
//!   term owner's own namespace) or its Namespace's labels match `namespaceSelector` (`{}`: every
//!   namespace), and its labels match `labelSelector` (absent: no pod). `matchLabelKeys` and
//!   `mismatchLabelKeys` add `In`/`NotIn` requirements on the owner's own label values, as the
//!   API server's pod strategy does when the pod is created;
//! * Filter (`filtering.go`): every required affinity term needs a matching pod in the node's
//!   domain (`UnschedulableAndUnresolvable`), unless no pod anywhere matches them all and the pod
//!   matches its own terms; no required anti-affinity term may have a matching pod in the node's
//!   domain, and no existing pod's required anti-affinity term may match the pod in that pod's
//!   domain (both `Unschedulable`);
//! * Score (`scoring.go`): per topology domain, the preferred terms' weights of matching pods
//!   (anti-affinity negative), existing pods' preferred terms that match the pod, and their
//!   required affinity terms at `hardPodAffinityWeight` 1; normalized min–max to 0–100.

use std::collections::BTreeMap;

use serde_json::Value;
use svcplay_model::types::{LabelSelector, LabelSelectorRequirement, Node, Pod, StringMap};

use super::selector_matches;

/// `ErrReasonAffinityRulesNotMatch`.
pub(super) const REASON_AFFINITY: &str = "node(s) didn't match pod affinity rules";
/// `ErrReasonAntiAffinityRulesNotMatch`.
pub(super) const REASON_ANTI_AFFINITY: &str = "node(s) didn't match pod anti-affinity rules";
/// `ErrReasonExistingAntiAffinityRulesNotMatch`.
pub(super) const REASON_EXISTING_ANTI_AFFINITY: &str =
    "node(s) didn't satisfy existing pods anti-affinity rules";

/// A pod bound to a node, as the scheduler's snapshot holds it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed<'a> {
    pub(super) pod: &'a Pod,
    pub(super) ns: &'a str,
    /// Node index.
    pub(super) node: usize,
}

/// `metav1.LabelSelector` read by hand from JSON; `None` for an absent, null or malformed one
/// (which selects nothing).
pub(super) fn read_selector(v: Option<&Value>) -> Option<LabelSelector> {
    let o = v?.as_object()?;
    let strs = |v: Option<&Value>| -> Option<Vec<String>> {
        match v {
            None | Some(Value::Null) => Some(Vec::new()),
            Some(v) => v
                .as_array()?
                .iter()
                .map(|s| s.as_str().map(str::to_string))
                .collect(),
        }
    };
    let mut sel = LabelSelector::default();
    if let Some(m) = o.get("matchLabels").filter(|v| !v.is_null()) {
        for (k, v) in m.as_object()? {
            sel.match_labels
                .extend([(k.clone(), v.as_str()?.to_string())]);
        }
    }
    if let Some(list) = o.get("matchExpressions").filter(|v| !v.is_null()) {
        for e in list.as_array()? {
            sel.match_expressions.push(LabelSelectorRequirement {
                key: e.get("key")?.as_str()?.to_string(),
                operator: e.get("operator")?.as_str()?.to_string(),
                values: strs(e.get("values"))?,
            });
        }
    }
    Some(sel)
}

/// Adds `key In [value]` (`NotIn` when `mismatch`) for each key of `keys` the pod's labels
/// carry (`matchLabelKeys`/`mismatchLabelKeys`).
pub(super) fn merge_label_keys(
    sel: &mut LabelSelector,
    keys: Option<&Value>,
    labels: &StringMap,
    mismatch: bool,
) {
    for key in keys.and_then(Value::as_array).into_iter().flatten() {
        if let Some((k, v)) = key.as_str().and_then(|k| labels.get_key_value(k)) {
            sel.match_expressions.push(LabelSelectorRequirement {
                key: k.clone(),
                operator: if mismatch { "NotIn" } else { "In" }.to_string(),
                values: vec![v.clone()],
            });
        }
    }
}

/// `framework.AffinityTerm` with its weight (1 for required terms).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Term {
    selector: Option<LabelSelector>,
    namespaces: Vec<String>,
    ns_selector: Option<LabelSelector>,
    topology_key: String,
    weight: i64,
}

impl Term {
    /// `AffinityTerm.Matches`: the namespace, then the labels.
    fn matches(&self, p: &Placed<'_>, ns_labels: &StringMap) -> bool {
        (self.namespaces.iter().any(|n| n == p.ns)
            || self
                .ns_selector
                .as_ref()
                .is_some_and(|s| selector_matches(s, ns_labels)))
            && self
                .selector
                .as_ref()
                .is_some_and(|s| selector_matches(s, &p.pod.metadata.labels))
    }

    /// The term's domain for `node`, when the node has its topology label.
    fn pair<'n>(&'n self, node: &'n Node) -> Option<(&'n str, &'n str)> {
        let v = node.metadata.labels.get(self.topology_key.as_str())?;
        Some((self.topology_key.as_str(), v.as_str()))
    }
}

/// A pod's pod affinity and anti-affinity terms.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Rules {
    pub(super) required: Vec<Term>,
    pub(super) required_anti: Vec<Term>,
    pub(super) preferred: Vec<Term>,
    pub(super) preferred_anti: Vec<Term>,
}

impl Rules {
    /// The terms of `spec.affinity.podAffinity`/`podAntiAffinity` of `pod` in namespace `ns`.
    pub(super) fn of(pod: &Pod, ns: &str) -> Rules {
        let aff = pod.spec.other.get("affinity");
        let list = |kind: &str, field: &str, weighted: bool| -> Vec<Term> {
            let items = aff
                .and_then(|a| a.get(kind))
                .and_then(|a| a.get(field))
                .and_then(Value::as_array);
            items
                .into_iter()
                .flatten()
                .filter_map(|t| {
                    let (weight, t) = if weighted {
                        (t.get("weight")?.as_i64()?, t.get("podAffinityTerm")?)
                    } else {
                        (1, t)
                    };
                    Some(read_term(t, pod, ns, weight))
                })
                .collect()
        };
        const REQ: &str = "requiredDuringSchedulingIgnoredDuringExecution";
        const PREF: &str = "preferredDuringSchedulingIgnoredDuringExecution";
        Rules {
            required: list("podAffinity", REQ, false),
            required_anti: list("podAntiAffinity", REQ, false),
            preferred: list("podAffinity", PREF, true),
            preferred_anti: list("podAntiAffinity", PREF, true),
        }
    }

    /// Whether there is any term at all.
    pub(super) fn is_empty(&self) -> bool {
        self.required.is_empty()
            && self.required_anti.is_empty()
            && self.preferred.is_empty()
            && self.preferred_anti.is_empty()
    }
}

/// Whether `pod` has pod affinity or anti-affinity (quick check before reading the terms).
pub(super) fn has_pod_affinity(pod: &Pod) -> bool {
    pod.spec.other.get("affinity").is_some_and(|a| {
        a.get("podAffinity").is_some_and(|v| !v.is_null())
            || a.get("podAntiAffinity").is_some_and(|v| !v.is_null())
    })
}

fn read_term(t: &Value, pod: &Pod, ns: &str, weight: i64) -> Term {
    let mut selector = read_selector(t.get("labelSelector"));
    if let Some(sel) = &mut selector {
        let labels = &pod.metadata.labels;
        merge_label_keys(sel, t.get("matchLabelKeys"), labels, false);
        merge_label_keys(sel, t.get("mismatchLabelKeys"), labels, true);
    }
    let mut namespaces: Vec<String> = t
        .get("namespaces")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str().map(str::to_string))
        .collect();
    let ns_selector = read_selector(t.get("namespaceSelector"));
    if namespaces.is_empty() && ns_selector.is_none() {
        namespaces.push(ns.to_string());
    }
    Term {
        selector,
        namespaces,
        ns_selector,
        topology_key: t
            .get("topologyKey")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        weight,
    }
}

/// Counts per topology domain `(key, value)`.
type Counts<'a> = BTreeMap<(&'a str, &'a str), i64>;

/// The existing pods with their affinity rules (only those that have any).
pub(super) fn existing_rules<'a>(placed: &[Placed<'a>]) -> Vec<(Placed<'a>, Rules)> {
    placed
        .iter()
        .filter(|p| has_pod_affinity(p.pod))
        .map(|p| (*p, Rules::of(p.pod, p.ns)))
        .filter(|(_, r)| !r.is_empty())
        .collect()
}

/// `InterPodAffinity`'s PreFilter state for one incoming pod.
#[derive(Debug, Default)]
pub(super) struct FilterState<'a> {
    affinity: Counts<'a>,
    anti: Counts<'a>,
    existing_anti: Counts<'a>,
    /// The pod matches all its own required affinity terms.
    self_match: bool,
}

/// The incoming pod, its rules, and how to look up Namespace labels.
pub(super) struct Incoming<'a> {
    pub(super) pod: Placed<'a>,
    pub(super) rules: &'a Rules,
    pub(super) ns_labels: &'a dyn Fn(&str) -> &'a StringMap,
}

/// PreFilter: the domain counts of pods matching the pod's required terms, and of existing
/// pods whose required anti-affinity matches the pod.
pub(super) fn pre_filter<'a>(
    inc: &Incoming<'a>,
    placed: &[Placed<'a>],
    existing: &'a [(Placed<'a>, Rules)],
    nodes: &[&'a Node],
) -> FilterState<'a> {
    let mut s = FilterState::default();
    let own_ns = (inc.ns_labels)(inc.pod.ns);
    for (p, r) in existing {
        for t in &r.required_anti {
            if t.matches(&inc.pod, own_ns)
                && let Some(pair) = t.pair(nodes[p.node])
            {
                *s.existing_anti.entry(pair).or_default() += 1;
            }
        }
    }
    let rules = inc.rules;
    if rules.required.is_empty() && rules.required_anti.is_empty() {
        return s;
    }
    let all = |terms: &[Term], p: &Placed<'_>| {
        !terms.is_empty() && terms.iter().all(|t| t.matches(p, (inc.ns_labels)(p.ns)))
    };
    for p in placed {
        let node = nodes[p.node];
        if all(&rules.required, p) {
            for t in &rules.required {
                if let Some(pair) = t.pair(node) {
                    *s.affinity.entry(pair).or_default() += 1;
                }
            }
        }
        for t in &rules.required_anti {
            if t.matches(p, (inc.ns_labels)(p.ns))
                && let Some(pair) = t.pair(node)
            {
                *s.anti.entry(pair).or_default() += 1;
            }
        }
    }
    s.self_match = all(&rules.required, &inc.pod);
    s
}

/// Filter: the first rule `node` breaks, with whether preemption could help (`Unschedulable`
/// rather than `UnschedulableAndUnresolvable`).
pub(super) fn filter(s: &FilterState<'_>, rules: &Rules, node: &Node) -> Option<&'static str> {
    let mut pods_exist = true;
    for t in &rules.required {
        let Some(pair) = t.pair(node) else {
            return Some(REASON_AFFINITY);
        };
        pods_exist &= s.affinity.get(&pair).is_some_and(|n| *n > 0);
    }
    if !(pods_exist || s.affinity.is_empty() && s.self_match) {
        return Some(REASON_AFFINITY);
    }
    if rules.required_anti.iter().any(|t| {
        t.pair(node)
            .is_some_and(|p| s.anti.get(&p).is_some_and(|n| *n > 0))
    }) {
        return Some(REASON_ANTI_AFFINITY);
    }
    if node.metadata.labels.iter().any(|(k, v)| {
        s.existing_anti
            .get(&(k.as_str(), v.as_str()))
            .is_some_and(|n| *n > 0)
    }) {
        return Some(REASON_EXISTING_ANTI_AFFINITY);
    }
    None
}

/// PreScore: the topology score per domain (`processExistingPod` over every bound pod).
pub(super) fn pre_score<'a>(
    inc: &Incoming<'a>,
    placed: &[Placed<'a>],
    existing: &'a [(Placed<'a>, Rules)],
    nodes: &[&'a Node],
) -> Counts<'a> {
    let mut m = Counts::new();
    let mut add = |terms: &'a [Term], target: &Placed<'_>, ns_labels: &StringMap, node, sign| {
        for t in terms {
            if t.matches(target, ns_labels)
                && let Some(pair) = t.pair(node)
            {
                *m.entry(pair).or_default() += sign * t.weight;
            }
        }
    };
    let rules = inc.rules;
    if !rules.preferred.is_empty() || !rules.preferred_anti.is_empty() {
        for p in placed {
            let l = (inc.ns_labels)(p.ns);
            add(&rules.preferred, p, l, nodes[p.node], 1);
            add(&rules.preferred_anti, p, l, nodes[p.node], -1);
        }
    }
    let own = (inc.ns_labels)(inc.pod.ns);
    for (p, r) in existing {
        let node = nodes[p.node];
        add(&r.required, &inc.pod, own, node, 1);
        add(&r.preferred, &inc.pod, own, node, 1);
        add(&r.preferred_anti, &inc.pod, own, node, -1);
    }
    m
}

/// Score: the sum of the node's domains' scores.
pub(super) fn score(m: &Counts<'_>, node: &Node) -> i64 {
    node.metadata
        .labels
        .iter()
        .filter_map(|(k, v)| m.get(&(k.as_str(), v.as_str())))
        .sum()
}

/// NormalizeScore: min–max scaled to 0–100 (all 0 when every node scores the same).
pub(super) fn normalize(scores: &mut [i64]) {
    let (min, max) = (
        scores.iter().copied().min().unwrap_or(0),
        scores.iter().copied().max().unwrap_or(0),
    );
    for s in scores {
        *s = if max > min {
            (100.0 * ((*s - min) as f64 / (max - min) as f64)) as i64
        } else {
            0
        };
    }
}
