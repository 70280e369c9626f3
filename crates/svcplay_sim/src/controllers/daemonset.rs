//! The DaemonSet controller (`pkg/controller/daemon`: `daemon_controller.go` `manage`,
//! `podsShouldBeOnNode`, `NodeShouldRunDaemonPod`, `predicates`, `updateDaemonSetStatus`;
//! `util/daemonset_util.go` `CreatePodTemplate`, `AddOrUpdateDaemonPodTolerations`,
//! `ReplaceDaemonSetPodNodeNameNodeAffinity`, `GetTargetNodeName`).
//!
//! One pod per node the template can run on: the node must match the template's `nodeName`
//! (if set), `nodeSelector` and required node affinity, and every `NoSchedule`/`NoExecute`
//! taint must be tolerated by the template's tolerations plus those the controller adds
//! (`node.kubernetes.io/not-ready` and `unreachable` `NoExecute`; `disk-pressure`,
//! `memory-pressure`, `pid-pressure`, `unschedulable` and, for `hostNetwork` pods,
//! `network-unavailable` `NoSchedule`). The node's taints are its own plus those the node
//! lifecycle controller adds (`unschedulable:NoSchedule` on a cordoned node,
//! `not-ready`/`unreachable` `NoSchedule` and `NoExecute` on a node that is not Ready): a pod
//! keeps running where only `NoSchedule` taints are untolerated, and is deleted where a
//! `NoExecute` one is or the node stopped matching.
//!
//! Each pod is pinned to its node with a required node affinity term `matchFields
//! metadata.name In [<node>]` (replacing the template's required terms) and bound by the
//! scheduler; it is labelled `controller-revision-hash` (`controller.ComputeHash` of the
//! template, see [`super::compute_hash`]) and `pod-template-generation` (the internal
//! `templateGeneration`, 1 on create, kept in the `deprecated.daemonset.template.generation`
//! annotation). Failed or succeeded pods are deleted (and replaced on the next sync); extra pods
//! on one node are deleted but the oldest; pods waiting for a node that is gone are deleted.
//!
//! Not modelled: rolling updates (templates are not updated here), `maxSurge`, the failed-pod
//! backoff.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use svcplay_model::types::{DaemonSet, DaemonSetStatus, Node, Pod, Taint};

use super::scheduler::{required_node_affinity_matches, tolerations};
use super::{
    Outcome, compute_hash, controller_ref, is_node_ready, is_pod_ready, map_selector_matches,
    mark_pod_deleted, new_controller_ref, parse_rfc3339, put_pod, selector_matches,
};
use crate::Cluster;
use crate::store::Key;

/// `extensions.DaemonSetTemplateGenerationKey`: the pod label of the template generation.
pub const TEMPLATE_GENERATION_LABEL: &str = "pod-template-generation";
/// `apps.DeprecatedTemplateGeneration`: where apps/v1 keeps the internal `templateGeneration`.
pub const TEMPLATE_GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";
/// `apps.DefaultDaemonSetUniqueLabelKey`.
pub const HASH_LABEL: &str = "controller-revision-hash";

/// The tolerations `AddOrUpdateDaemonPodTolerations` adds: `(key, effect)`, operator `Exists`.
const DAEMON_TOLERATIONS: [(&str, &str); 6] = [
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
];
/// Added for `hostNetwork` pods only.
const NETWORK_UNAVAILABLE: (&str, &str) = ("node.kubernetes.io/network-unavailable", "NoSchedule");

/// `AddOrUpdateTolerationInPodSpec` for `{key, operator: Exists, effect}`: a toleration with the
/// same key, operator, value and effect is replaced unless it is exactly this one; else it is
/// appended.
fn add_or_update_toleration(spec_other: &mut svcplay_model::types::Extra, key: &str, effect: &str) {
    let ours = json!({"key": key, "operator": "Exists", "effect": effect});
    let mut list: Vec<Value> = match spec_other.get("tolerations") {
        Some(Value::Array(l)) => l.clone(),
        _ => Vec::new(),
    };
    let field = |t: &Value, k: &str| {
        t.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut updated = false;
    for t in &mut list {
        let same = field(t, "key") == key
            && field(t, "effect") == effect
            && field(t, "operator") == "Exists"
            && field(t, "value").is_empty();
        if same {
            if *t == ours {
                return;
            }
            *t = ours.clone();
            updated = true;
        }
    }
    if !updated {
        list.push(ours);
    }
    spec_other.insert("tolerations".to_string(), Value::Array(list));
}

/// `AddOrUpdateDaemonPodTolerations`.
fn add_daemon_tolerations(pod: &mut Pod) {
    for (key, effect) in DAEMON_TOLERATIONS {
        add_or_update_toleration(&mut pod.spec.other, key, effect);
    }
    if pod.spec.host_network {
        add_or_update_toleration(
            &mut pod.spec.other,
            NETWORK_UNAVAILABLE.0,
            NETWORK_UNAVAILABLE.1,
        );
    }
}

/// `ReplaceDaemonSetPodNodeNameNodeAffinity`: the required node affinity becomes the one term
/// `matchFields: [{key: metadata.name, operator: In, values: [node]}]`; everything else in
/// `affinity` is kept.
fn pin_to_node(pod: &mut Pod, node: &str) {
    let terms = json!([{
        "matchFields": [{"key": "metadata.name", "operator": "In", "values": [node]}]
    }]);
    let affinity = pod
        .spec
        .other
        .entry("affinity".to_string())
        .or_insert_with(|| json!({}));
    if !affinity.is_object() {
        *affinity = json!({});
    }
    let node_affinity = &mut affinity["nodeAffinity"];
    if !node_affinity.is_object() {
        *node_affinity = json!({});
    }
    let required = &mut node_affinity["requiredDuringSchedulingIgnoredDuringExecution"];
    if !required.is_object() {
        *required = json!({});
    }
    required["nodeSelectorTerms"] = terms;
}

/// The internal `templateGeneration` (from its annotation; `None` when unreadable).
fn template_generation(ds: &DaemonSet) -> Option<i64> {
    ds.metadata
        .annotations
        .get(TEMPLATE_GENERATION_ANNOTATION)
        .and_then(|v| v.parse().ok())
}

/// The label hash of `ds`'s template (`controller.ComputeHash` with `status.collisionCount`).
pub fn template_hash(ds: &DaemonSet) -> String {
    compute_hash(&ds.spec.template, ds.status.collision_count)
}

/// `NewPod` + `CreatePodTemplate`: the template with the daemon tolerations and the generation
/// and hash labels (the node affinity is added per node by [`pin_to_node`]).
fn pod_template(ds: &DaemonSet, ns: &str, hash: &str) -> Pod {
    let t = &ds.spec.template;
    let mut pod = Pod {
        api_version: "v1".to_string(),
        kind: "Pod".to_string(),
        spec: t.spec.clone(),
        ..Pod::default()
    };
    add_daemon_tolerations(&mut pod);
    let mut labels = (*t.metadata.labels).clone();
    if let Some(g) = template_generation(ds) {
        labels.insert(TEMPLATE_GENERATION_LABEL.to_string(), g.to_string());
    }
    if !hash.is_empty() {
        labels.insert(HASH_LABEL.to_string(), hash.to_string());
    }
    pod.metadata.labels = labels.into();
    pod.metadata.annotations = t.metadata.annotations.clone();
    pod.metadata.finalizers = t.metadata.finalizers.clone();
    pod.metadata.namespace = ns.to_string();
    pod.metadata.generate_name = format!("{}-", ds.metadata.name);
    pod.metadata.owner_references =
        vec![new_controller_ref("apps/v1", "DaemonSet", &ds.metadata)].into();
    pod
}

/// The node's taints as the DaemonSet controller reads them from the API: its own plus those
/// the node lifecycle controller adds for `spec.unschedulable` and a node that is not Ready.
fn node_taints(node: &Node) -> Vec<Taint> {
    let mut taints = node.spec.taints.clone();
    let mut add = |key: &str, effect: &str| {
        if !taints.iter().any(|t| t.key == key && t.effect == effect) {
            taints.push(Taint {
                key: key.to_string(),
                effect: effect.to_string(),
                ..Taint::default()
            });
        }
    };
    if node.spec.unschedulable {
        add("node.kubernetes.io/unschedulable", "NoSchedule");
    }
    if !is_node_ready(node) {
        let unknown = super::condition(&node.status.conditions, "Ready")
            .is_some_and(|c| c.status == "Unknown");
        let key = if unknown {
            "node.kubernetes.io/unreachable"
        } else {
            "node.kubernetes.io/not-ready"
        };
        add(key, "NoSchedule");
        add(key, "NoExecute");
    }
    taints
}

/// `NodeShouldRunDaemonPod`: `(shouldRun, shouldContinueRunning)` for a pod of `template` (the
/// daemon tolerations added) on `node`.
pub(super) fn should_run(template: &Pod, node: &Node) -> (bool, bool) {
    let name = &template.spec.node_name;
    if !(name.is_empty() || *name == node.metadata.name) {
        return (false, false);
    }
    // `GetRequiredNodeAffinity(pod).Match(node)`: nodeSelector and required node affinity.
    if !map_selector_matches(&template.spec.node_selector, &node.metadata.labels)
        || !required_node_affinity_matches(template, node)
    {
        return (false, false);
    }
    let tols = tolerations(template);
    let untolerated = |effects: &[&str]| {
        node_taints(node).iter().any(|t| {
            effects.contains(&t.effect.as_str()) && !tols.iter().any(|tol| tol.tolerates(t))
        })
    };
    if untolerated(&["NoSchedule", "NoExecute"]) {
        return (false, !untolerated(&["NoExecute"]));
    }
    (true, true)
}

/// `GetTargetNodeName`: the pod's node, else the node its `matchFields metadata.name In [x]`
/// term pins it to.
fn target_node(pod: &Pod) -> Option<String> {
    if !pod.spec.node_name.is_empty() {
        return Some(pod.spec.node_name.clone());
    }
    let terms = pod
        .spec
        .other
        .get("affinity")?
        .get("nodeAffinity")?
        .get("requiredDuringSchedulingIgnoredDuringExecution")?
        .get("nodeSelectorTerms")?
        .as_array()?;
    terms.iter().find_map(|t| {
        t.get("matchFields")?.as_array()?.iter().find_map(|r| {
            let values = r.get("values")?.as_array()?;
            (r.get("key")?.as_str()? == "metadata.name"
                && r.get("operator")?.as_str()? == "In"
                && values.len() == 1)
                .then(|| values[0].as_str().map(str::to_string))
                .flatten()
        })
    })
}

/// `podByCreationTimestampAndPhase`: bound pods first, then oldest, then by name.
fn oldest_first(a: &(Key, Pod), b: &(Key, Pod)) -> std::cmp::Ordering {
    let bound = |p: &Pod| p.spec.node_name.is_empty();
    bound(&a.1)
        .cmp(&bound(&b.1))
        .then_with(|| {
            let t = |p: &Pod| {
                p.metadata
                    .creation_timestamp
                    .as_deref()
                    .and_then(parse_rfc3339)
            };
            t(&a.1).cmp(&t(&b.1))
        })
        .then_with(|| a.0.1.cmp(&b.0.1))
}

/// Daemon pods by target node name, oldest first.
type ByNode = BTreeMap<String, Vec<(Key, Pod)>>;

/// The pods `ds` claims (`ClaimPods` by selector: its own that match, matching orphans it
/// adopts), grouped by target node (`getNodesToDaemonPods`, terminal pods being deleted left
/// out), and the adoption and release writes to make.
fn claim(cluster: &Cluster, ns: &str, ds: &DaemonSet) -> (ByNode, Vec<(Key, Pod)>) {
    let mut by_node = ByNode::new();
    let mut writes = Vec::new();
    let Some(sel) = ds.spec.selector.as_ref() else {
        return (by_node, writes);
    };
    let uid = ds.metadata.uid.as_str();
    let range = (ns.to_string(), String::new())..;
    for (k, p) in cluster.store.pods.range(range) {
        if k.0 != ns {
            break;
        }
        let matches = selector_matches(sel, &p.metadata.labels);
        let terminal = matches!(p.status.phase.as_str(), "Failed" | "Succeeded");
        let deleting = p.metadata.deletion_timestamp.is_some();
        let claimed = match controller_ref(&p.metadata) {
            Some(r) if r.uid == uid => {
                if matches {
                    Some(p.clone())
                } else {
                    let mut p = p.clone();
                    p.metadata.owner_references.retain(|r| r.uid != uid);
                    writes.push((k.clone(), p));
                    None
                }
            }
            None if matches && !deleting && !terminal => {
                let mut p = p.clone();
                p.metadata.owner_references.push(new_controller_ref(
                    "apps/v1",
                    "DaemonSet",
                    &ds.metadata,
                ));
                writes.push((k.clone(), p.clone()));
                Some(p)
            }
            _ => None,
        };
        if let Some(p) = claimed
            && !(terminal && deleting)
            && let Some(node) = target_node(&p)
        {
            by_node.entry(node).or_default().push((k.clone(), p));
        }
    }
    for pods in by_node.values_mut() {
        pods.sort_by(oldest_first);
    }
    (by_node, writes)
}

/// One sync of every DaemonSet (`manage`; the status is [`update_statuses`]').
pub(super) fn sync_daemon_sets(cluster: &mut Cluster) -> Outcome {
    let mut changed = false;
    let keys: Vec<Key> = cluster.store.daemon_sets.keys().cloned().collect();
    for key in keys {
        let Some(ds) = cluster.store.daemon_sets.get(&key) else {
            continue;
        };
        // Validation rejects an empty selector; never let one adopt a whole namespace.
        if ds.metadata.deletion_timestamp.is_some()
            || ds
                .spec
                .selector
                .as_ref()
                .is_none_or(|s| s.match_labels.is_empty() && s.match_expressions.is_empty())
        {
            continue;
        }
        let ds = ds.clone();
        changed |= sync_one(cluster, &key, &ds);
    }
    Outcome::of(changed)
}

fn sync_one(cluster: &mut Cluster, key: &Key, ds: &DaemonSet) -> bool {
    let ns = key.0.as_str();
    let (by_node, writes) = claim(cluster, ns, ds);
    let mut changed = false;
    for (k, p) in writes {
        changed |= put_pod(&mut cluster.store, k, p);
    }
    let hash = template_hash(ds);
    let template = pod_template(ds, ns, &hash);
    let mut to_create: Vec<String> = Vec::new();
    let mut to_delete: Vec<Key> = Vec::new();
    for node in cluster.store.nodes.values() {
        let (run, keep) = should_run(&template, node);
        let pods = by_node.get(&node.metadata.name);
        match pods {
            None if run => to_create.push(node.metadata.name.clone()),
            Some(pods) if keep => {
                let mut running = Vec::new();
                for (k, p) in pods {
                    if p.metadata.deletion_timestamp.is_some() {
                        continue;
                    }
                    if matches!(p.status.phase.as_str(), "Failed" | "Succeeded") {
                        to_delete.push(k.clone());
                    } else {
                        running.push(k.clone());
                    }
                }
                // No surge: all but the oldest go.
                to_delete.extend(running.into_iter().skip(1));
            }
            Some(pods) if !keep => {
                to_delete.extend(
                    pods.iter()
                        .filter(|(_, p)| p.metadata.deletion_timestamp.is_none())
                        .map(|(k, _)| k.clone()),
                );
            }
            _ => {}
        }
    }
    // `getUnscheduledPodsWithoutNode`: unbound pods waiting for a node that is gone.
    for (node, pods) in &by_node {
        if !cluster.store.nodes.contains_key(node) {
            to_delete.extend(
                pods.iter()
                    .filter(|(_, p)| p.spec.node_name.is_empty())
                    .map(|(k, _)| k.clone()),
            );
        }
    }
    if !to_create.is_empty() {
        let now = cluster.clock.rfc3339();
        let mut base = template.clone();
        svcplay_model::defaults::default_pod(&mut base);
        for node in to_create {
            let mut pod = base.clone();
            pin_to_node(&mut pod, &node);
            svcplay_model::defaults::merge_affinity_label_keys(&mut pod);
            let Cluster { store, rng, .. } = &mut *cluster;
            let name = super::generate_name(rng, &pod.metadata.generate_name, |n| {
                store.pods.contains_key(&(ns.to_string(), n.to_string()))
            });
            pod.metadata.name.clone_from(&name);
            pod.metadata.uid = store.next_uid();
            pod.metadata.creation_timestamp = Some(now.clone());
            changed |= put_pod(store, (ns.to_string(), name), pod);
        }
    }
    for k in to_delete {
        changed |= mark_pod_deleted(cluster, &k);
    }
    changed
}

/// DaemonSet status (`updateDaemonSetStatus`): per node that should run the pod,
/// `desiredNumberScheduled`; with a daemon pod there, `currentNumberScheduled`, and for its
/// oldest pod `numberReady` (Ready), `numberAvailable` (Ready for `minReadySeconds`),
/// `updatedNumberScheduled` (current hash or template generation); a node that should not run
/// it but has one counts in `numberMisscheduled`; `numberUnavailable` = desired − available.
pub(super) fn update_statuses(cluster: &mut Cluster) -> bool {
    let now = cluster.clock.seconds;
    let mut updates: Vec<(Key, DaemonSetStatus)> = Vec::new();
    for (key, ds) in &cluster.store.daemon_sets {
        let (by_node, _) = claim(cluster, &key.0, ds);
        let hash = template_hash(ds);
        let generation = template_generation(ds).map(|g| g.to_string());
        let template = pod_template(ds, &key.0, &hash);
        let min_ready = u64::try_from(ds.spec.min_ready_seconds.max(0)).unwrap_or(0);
        let mut st = DaemonSetStatus {
            observed_generation: ds.metadata.generation.or(Some(1)),
            collision_count: ds.status.collision_count,
            other: ds.status.other.clone(),
            ..DaemonSetStatus::default()
        };
        for node in cluster.store.nodes.values() {
            let (run, _) = should_run(&template, node);
            let pods = by_node.get(&node.metadata.name).filter(|p| !p.is_empty());
            if !run {
                if pods.is_some() {
                    st.number_misscheduled += 1;
                }
                continue;
            }
            st.desired_number_scheduled += 1;
            let Some(pods) = pods else {
                continue;
            };
            st.current_number_scheduled += 1;
            let pod = &pods[0].1;
            if is_pod_ready(pod) {
                st.number_ready += 1;
                let available = min_ready == 0
                    || super::condition(&pod.status.conditions, "Ready")
                        .and_then(|c| c.last_transition_time.as_deref())
                        .and_then(parse_rfc3339)
                        .is_some_and(|t| t.saturating_add(min_ready) <= now);
                if available {
                    st.number_available += 1;
                }
            }
            // `IsPodUpdated`: the hash label, or the template generation label, is current.
            let labels = &pod.metadata.labels;
            if labels.get(HASH_LABEL) == Some(&hash)
                || generation
                    .as_ref()
                    .is_some_and(|g| labels.get(TEMPLATE_GENERATION_LABEL) == Some(g))
            {
                st.updated_number_scheduled += 1;
            }
        }
        st.number_unavailable = st.desired_number_scheduled - st.number_available;
        if st != ds.status {
            updates.push((key.clone(), st));
        }
    }
    let mut changed = false;
    for (key, st) in updates {
        let rv = cluster.store.next_resource_version();
        if let Some(ds) = cluster.store.daemon_sets.get_mut(&key) {
            ds.status = st;
            ds.metadata.resource_version = rv;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(json: Value) -> Pod {
        serde_json::from_value(json).expect("pod")
    }

    // daemonset_util_test.go TestReplaceDaemonSetPodNodeNameNodeAffinity: the required terms
    // are replaced, preferred ones kept.
    #[test]
    fn pinning_replaces_required_terms() {
        let mut p = pod(
            json!({"spec": {"containers": [], "affinity": {"nodeAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                {"matchExpressions": [{"key": "a", "operator": "Exists"}]}]},
            "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1,
                "preference": {"matchExpressions": [{"key": "b", "operator": "Exists"}]}}]}}}}),
        );
        pin_to_node(&mut p, "n1");
        let na = &p.spec.other["affinity"]["nodeAffinity"];
        assert_eq!(
            na["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"],
            json!([{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n1"]}]}])
        );
        assert!(na["preferredDuringSchedulingIgnoredDuringExecution"].is_array());
        assert_eq!(target_node(&p).as_deref(), Some("n1"));
    }

    // daemonset_util_test.go TestAddOrUpdateDaemonPodTolerations-style: the six tolerations
    // in upstream order, network-unavailable for hostNetwork only, an equal one not repeated.
    #[test]
    fn daemon_tolerations() {
        let mut p = pod(json!({"spec": {"containers": [], "tolerations": [
            {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"},
            {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
             "tolerationSeconds": 5}]}}));
        add_daemon_tolerations(&mut p);
        let keys: Vec<String> = p.spec.other["tolerations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                format!(
                    "{}:{}",
                    t["key"].as_str().unwrap(),
                    t["effect"].as_str().unwrap()
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                "node.kubernetes.io/not-ready:NoExecute",
                "node.kubernetes.io/unreachable:NoExecute",
                "node.kubernetes.io/disk-pressure:NoSchedule",
                "node.kubernetes.io/memory-pressure:NoSchedule",
                "node.kubernetes.io/pid-pressure:NoSchedule",
                "node.kubernetes.io/unschedulable:NoSchedule",
            ]
        );
        // The one with tolerationSeconds was replaced by the infinite one.
        assert!(
            p.spec.other["tolerations"][1]
                .get("tolerationSeconds")
                .is_none()
        );
        let mut h = pod(json!({"spec": {"containers": [], "hostNetwork": true}}));
        add_daemon_tolerations(&mut h);
        assert_eq!(h.spec.other["tolerations"].as_array().unwrap().len(), 7);
    }

    // daemon_controller_test.go TestNodeShouldRunDaemonPod (selected cases).
    #[test]
    fn node_should_run_daemon_pod() {
        let node = |json: Value| -> Node { serde_json::from_value(json).expect("node") };
        let mut tpl = pod(json!({"spec": {"containers": [{"name": "c"}]}}));
        add_daemon_tolerations(&mut tpl);
        let plain = node(json!({"metadata": {"name": "n", "labels": {"disk": "ssd"}}}));
        assert_eq!(should_run(&tpl, &plain), (true, true));
        // Cordoned: the unschedulable taint is tolerated.
        let cordoned = node(json!({"metadata": {"name": "n"}, "spec": {"unschedulable": true}}));
        assert_eq!(should_run(&tpl, &cordoned), (true, true));
        // NotReady: not-ready:NoSchedule is not tolerated, not-ready:NoExecute is.
        let not_ready = node(json!({"metadata": {"name": "n"}, "status": {"conditions": [
            {"type": "Ready", "status": "False"}]}}));
        assert_eq!(should_run(&tpl, &not_ready), (false, true));
        // A NoExecute taint evicts, a NoSchedule one only keeps new pods away.
        let no_exec = node(json!({"metadata": {"name": "n"}, "spec": {"taints": [
            {"key": "dedicated", "value": "x", "effect": "NoExecute"}]}}));
        assert_eq!(should_run(&tpl, &no_exec), (false, false));
        let no_sched = node(json!({"metadata": {"name": "n"}, "spec": {"taints": [
            {"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]}}));
        assert_eq!(should_run(&tpl, &no_sched), (false, true));
        // nodeSelector and nodeName.
        let mut sel = tpl.clone();
        sel.spec.node_selector.insert("disk".into(), "hdd".into());
        assert_eq!(should_run(&sel, &plain), (false, false));
        let mut named = tpl.clone();
        named.spec.node_name = "other".into();
        assert_eq!(should_run(&named, &plain), (false, false));
    }
}
