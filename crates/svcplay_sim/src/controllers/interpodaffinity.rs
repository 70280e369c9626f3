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
                    Some(read_term(t, ns, weight))
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

fn read_term(t: &Value, ns: &str, weight: i64) -> Term {
    // `matchLabelKeys`/`mismatchLabelKeys` are already in the selector: the API server merged
    // them when the pod was created (`merge_affinity_label_keys`).
    let selector = read_selector(t.get("labelSelector"));
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn pod(v: Value) -> Pod {
        serde_json::from_value(v).unwrap()
    }

    /// A required term selecting `service <op> values` over `topology`.
    fn term(op: &str, values: &[&str], topology: &str) -> Value {
        json!({"labelSelector": {"matchExpressions": [{"key": "service", "operator": op, "values": values}]},
               "topologyKey": topology})
    }

    fn with_terms(labels: Value, affinity: &[Value], anti: &[Value]) -> Value {
        json!({"metadata": {"labels": labels}, "spec": {"affinity": {
            "podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": affinity},
            "podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": anti}}}})
    }

    /// Filters the incoming pod (namespace `default`) against node `machine1` (region r1, zone
    /// z11) holding `existing` pods as `(namespace, pod)`.
    fn filter_on_node(incoming: Value, existing: &[(&str, Value)]) -> Option<&'static str> {
        let node: Node = serde_json::from_value(
            json!({"metadata": {"name": "machine1", "labels": {"region": "r1", "zone": "z11"}}}),
        )
        .unwrap();
        let nodes = [&node];
        // As the API server stores it: `matchLabelKeys`/`mismatchLabelKeys` merged.
        let mut incoming = pod(incoming);
        svcplay_model::defaults::merge_affinity_label_keys(&mut incoming);
        let pods: Vec<Pod> = existing.iter().map(|(_, p)| pod(p.clone())).collect();
        let placed: Vec<Placed<'_>> = pods
            .iter()
            .zip(existing)
            .map(|(p, (ns, _))| Placed {
                pod: p,
                ns,
                node: 0,
            })
            .collect();
        let rules = Rules::of(&incoming, "default");
        let ns_labels_of: BTreeMap<&str, StringMap> = [
            ("default", StringMap::from([("team".into(), "a".into())])),
            ("ns", StringMap::from([("team".into(), "b".into())])),
        ]
        .into();
        let empty = StringMap::default();
        let lookup = |n: &str| ns_labels_of.get(n).unwrap_or(&empty);
        let inc = Incoming {
            pod: Placed {
                pod: &incoming,
                ns: "default",
                node: 0,
            },
            rules: &rules,
            ns_labels: &lookup,
        };
        let existing = existing_rules(&placed);
        let state = pre_filter(&inc, &placed, &existing, &nodes);
        filter(&state, &rules, &node)
    }

    // filtering_test.go TestRequiredAffinitySingleNode (labels podLabel = service:securityscan,
    // podLabel2 = security:S1).
    /// `(name, incoming pod, existing pods as (namespace, pod), expected reason)`.
    type Case<'a> = (&'a str, Value, Vec<(&'a str, Value)>, Option<&'a str>);

    #[test]
    #[allow(
        clippy::cloned_ref_to_slice_refs,
        reason = "the table reads better with every term list written alike"
    )]
    fn required_affinity_single_node() {
        let scan = json!({"service": "securityscan"});
        let s1 = json!({"security": "S1"});
        let on_node = |labels: &Value| json!({"metadata": {"labels": labels}});
        let in_scan = term("In", &["securityscan", "value2"], "region");
        let in_av_node = term("In", &["antivirusscan", "value2"], "node");
        let cases: Vec<Case<'_>> = vec![
            (
                "A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods",
                json!({}),
                vec![],
                None,
            ),
            (
                "satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod",
                with_terms(s1.clone(), &[in_scan.clone()], &[]),
                vec![("default", on_node(&scan))],
                None,
            ),
            (
                "satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod",
                with_terms(
                    s1.clone(),
                    &[term("NotIn", &["securityscan3", "value3"], "region")],
                    &[],
                ),
                vec![("default", on_node(&scan))],
                None,
            ),
            (
                "Does not satisfy the PodAffinity with labelSelector because of diff Namespace",
                with_terms(
                    s1.clone(),
                    &[
                        json!({"labelSelector": {"matchLabels": {"service": "securityscan"}},
                    "namespaces": ["DiffNameSpace"], "topologyKey": "region"}),
                    ],
                    &[],
                ),
                vec![("ns", on_node(&scan))],
                Some(REASON_AFFINITY),
            ),
            (
                "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
                with_terms(
                    scan.clone(),
                    &[term("In", &["antivirusscan", "value2"], "region")],
                    &[],
                ),
                vec![("default", on_node(&scan))],
                Some(REASON_AFFINITY),
            ),
            (
                "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
                with_terms(
                    s1.clone(),
                    &[
                        term("Exists", &[], "region"),
                        term("In", &["securityscan2"], "region"),
                    ],
                    &[],
                ),
                vec![("default", on_node(&scan))],
                Some(REASON_AFFINITY),
            ),
            (
                "satisfies the PodAffinity and PodAntiAffinity with the existing pod",
                with_terms(s1.clone(), &[in_scan.clone()], &[in_av_node.clone()]),
                vec![("default", on_node(&scan))],
                None,
            ),
            (
                "satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod",
                with_terms(s1.clone(), &[in_scan.clone()], &[in_av_node.clone()]),
                vec![(
                    "default",
                    with_terms(scan.clone(), &[], &[in_av_node.clone()]),
                )],
                None,
            ),
            (
                "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
                with_terms(
                    s1.clone(),
                    &[in_scan.clone()],
                    &[term("In", &["securityscan", "value2"], "zone")],
                ),
                vec![("default", on_node(&scan))],
                Some(REASON_ANTI_AFFINITY),
            ),
            (
                "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
                with_terms(scan.clone(), &[in_scan.clone()], &[in_av_node.clone()]),
                vec![(
                    "default",
                    with_terms(
                        scan.clone(),
                        &[],
                        &[term("In", &["securityscan", "value2"], "zone")],
                    ),
                )],
                Some(REASON_EXISTING_ANTI_AFFINITY),
            ),
            (
                "pod matches its own Label in PodAffinity and that matches the existing pod Labels",
                with_terms(
                    scan.clone(),
                    &[term("NotIn", &["securityscan", "value2"], "region")],
                    &[],
                ),
                vec![],
                Some(REASON_AFFINITY),
            ),
            (
                "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
                on_node(&scan),
                vec![(
                    "default",
                    with_terms(
                        scan.clone(),
                        &[],
                        &[term("In", &["securityscan", "value2"], "zone")],
                    ),
                )],
                Some(REASON_EXISTING_ANTI_AFFINITY),
            ),
            (
                "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod",
                on_node(&scan),
                vec![(
                    "default",
                    with_terms(
                        scan.clone(),
                        &[],
                        &[term("NotIn", &["securityscan", "value2"], "zone")],
                    ),
                )],
                None,
            ),
            // satisfyPodAffinity: the first pod of a series with affinity to itself.
            (
                "first pod matching its own affinity term with no matching pod anywhere",
                with_terms(scan.clone(), &[in_scan.clone()], &[]),
                vec![("default", on_node(&s1))],
                None,
            ),
            (
                "node without the term's topology label",
                with_terms(scan.clone(), &[term("In", &["securityscan"], "rack")], &[]),
                vec![],
                Some(REASON_AFFINITY),
            ),
            // newAffinityTerm: an absent labelSelector selects nothing, `{}` every pod.
            (
                "anti-affinity with no labelSelector selects nothing",
                with_terms(scan.clone(), &[], &[json!({"topologyKey": "region"})]),
                vec![("default", on_node(&scan))],
                None,
            ),
            (
                "anti-affinity with an empty labelSelector selects every pod of the namespace",
                with_terms(
                    scan.clone(),
                    &[],
                    &[json!({"labelSelector": {}, "topologyKey": "region"})],
                ),
                vec![("default", on_node(&s1))],
                Some(REASON_ANTI_AFFINITY),
            ),
            (
                "anti-affinity only looks at the pod's own namespace by default",
                with_terms(
                    scan.clone(),
                    &[],
                    &[json!({"labelSelector": {}, "topologyKey": "region"})],
                ),
                vec![("ns", on_node(&s1))],
                None,
            ),
            (
                "namespaceSelector {} selects every namespace",
                with_terms(
                    scan.clone(),
                    &[],
                    &[
                        json!({"labelSelector": {}, "namespaceSelector": {}, "topologyKey": "region"}),
                    ],
                ),
                vec![("ns", on_node(&s1))],
                Some(REASON_ANTI_AFFINITY),
            ),
            (
                "namespaceSelector on Namespace labels",
                with_terms(
                    scan.clone(),
                    &[],
                    &[
                        json!({"labelSelector": {}, "namespaceSelector": {"matchLabels": {"team": "a"}}, "topologyKey": "region"}),
                    ],
                ),
                vec![("ns", on_node(&s1))],
                None,
            ),
            // strategy.go applyMatchLabelKeysAndMismatchLabelKeys (at creation): matchLabelKeys
            // narrows the selector to pods with the same value.
            (
                "matchLabelKeys: pods of another revision do not repel",
                with_terms(
                    json!({"service": "securityscan", "rev": "2"}),
                    &[],
                    &[
                        json!({"labelSelector": {"matchLabels": {"service": "securityscan"}}, "matchLabelKeys": ["rev"], "topologyKey": "region"}),
                    ],
                ),
                vec![(
                    "default",
                    on_node(&json!({"service": "securityscan", "rev": "1"})),
                )],
                None,
            ),
            (
                "mismatchLabelKeys: pods with the same value repel",
                with_terms(
                    json!({"tenant": "x"}),
                    &[],
                    &[
                        json!({"labelSelector": {}, "mismatchLabelKeys": ["tenant"], "topologyKey": "region"}),
                    ],
                ),
                vec![("default", on_node(&json!({"tenant": "y"})))],
                Some(REASON_ANTI_AFFINITY),
            ),
        ];
        for (name, incoming, existing, want) in cases {
            assert_eq!(filter_on_node(incoming, &existing), want, "{name}");
        }
    }

    // filtering_test.go TestRequiredAffinityMultipleNodes "A pod can be scheduled onto all the
    // nodes that have the same topology key & label value with one of them has an existing pod
    // that matches the affinity rules": nodes in region r1 qualify, the one in r2 does not.
    #[test]
    fn required_affinity_multiple_nodes() {
        let nodes: Vec<Node> = [("m1", "r1"), ("m2", "r1"), ("m3", "r2")]
            .iter()
            .map(|(n, r)| {
                serde_json::from_value(json!({"metadata": {"name": n, "labels": {"region": r, "kubernetes.io/hostname": n}}}))
                    .unwrap()
            })
            .collect();
        let refs: Vec<&Node> = nodes.iter().collect();
        let existing = pod(json!({"metadata": {"labels": {"foo": "bar"}}}));
        let incoming = pod(with_terms(
            json!({}),
            &[json!({"labelSelector": {"matchLabels": {"foo": "bar"}}, "topologyKey": "region"})],
            &[],
        ));
        let placed = [Placed {
            pod: &existing,
            ns: "default",
            node: 0,
        }];
        let rules = Rules::of(&incoming, "default");
        let empty = StringMap::default();
        let lookup = |_: &str| &empty;
        let inc = Incoming {
            pod: Placed {
                pod: &incoming,
                ns: "default",
                node: 0,
            },
            rules: &rules,
            ns_labels: &lookup,
        };
        let state = pre_filter(&inc, &placed, &[], &refs);
        let got: Vec<_> = nodes.iter().map(|n| filter(&state, &rules, n)).collect();
        assert_eq!(got, [None, None, Some(REASON_AFFINITY)]);
    }

    // scoring_test.go TestPreferredAffinity: "Affinity: pod that matches topology key & pods in
    // nodes will get high score comparing to others which doesn't match either pods in nodes or
    // in topology key", its anti-affinity mirror, and the symmetric case of an existing pod's
    // preferred affinity to the incoming pod.
    #[test]
    fn preferred_affinity_scores() {
        let nodes: Vec<Node> = [
            json!({"region": "China"}),
            json!({"region": "India"}),
            json!({"az": "az1"}),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_value(json!({"metadata": {"name": format!("node{i}"), "labels": l}}))
                .unwrap()
        })
        .collect();
        let refs: Vec<&Node> = nodes.iter().collect();
        let pref = |kind: &str, weight: i64| {
            json!({"metadata": {"labels": {"security": "S2"}}, "spec": {"affinity": {kind: {
                "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": weight, "podAffinityTerm":
                    {"labelSelector": {"matchLabels": {"security": "S1"}}, "topologyKey": "region"}}]}}}})
        };
        let s1 = pod(json!({"metadata": {"labels": {"security": "S1"}}}));
        let scores = |incoming: &Pod, existing: &Pod| {
            let placed = [Placed {
                pod: existing,
                ns: "default",
                node: 0,
            }];
            let rules = Rules::of(incoming, "default");
            let empty = StringMap::default();
            let lookup = |_: &str| &empty;
            let inc = Incoming {
                pod: Placed {
                    pod: incoming,
                    ns: "default",
                    node: 0,
                },
                rules: &rules,
                ns_labels: &lookup,
            };
            let ex = existing_rules(&placed);
            let m = pre_score(&inc, &placed, &ex, &refs);
            let mut s: Vec<i64> = nodes.iter().map(|n| score(&m, n)).collect();
            normalize(&mut s);
            s
        };
        assert_eq!(scores(&pod(pref("podAffinity", 5)), &s1), [100, 0, 0]);
        assert_eq!(scores(&pod(pref("podAntiAffinity", 5)), &s1), [0, 100, 100]);
        // The existing pod (on node0) prefers pods labelled S1: an incoming S1 pod follows it.
        let mut existing = pod(pref("podAffinity", 3));
        existing.metadata.labels = StringMap::default().into();
        assert_eq!(scores(&s1, &existing), [100, 0, 0]);
        // Nothing to score: all equal.
        assert_eq!(scores(&s1, &s1), [0, 0, 0]);
    }
}
