//! StatefulSet and DaemonSet controllers end to end (apply → controller → scheduler → kubelet →
//! EndpointSlices → DNS), and live changes. Each test names the upstream behaviour it follows.

use std::collections::BTreeMap;

use svcplay_model::types::{Node, Pod, StatefulSet};
use svcplay_sim::controllers;
use svcplay_sim::dns::{QType, Rcode, Record, query};
use svcplay_sim::{Cluster, Options};

fn key(ns: &str, name: &str) -> (String, String) {
    (ns.to_string(), name.to_string())
}

/// A default cluster (controlplane tainted, node01..node03) with `text` applied; every
/// document must be created.
fn cluster(text: &str) -> Cluster {
    let mut c = Cluster::new(Options {
        seed: 7,
        ..Options::default()
    });
    let report = c.apply_texts(&[("w.yaml", text)]);
    for r in &report.results {
        assert!(r.created, "{r:?}");
    }
    c
}

fn sts_yaml(replicas: i32, extra_spec: &str) -> String {
    format!(
        "\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - name: http
    port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: {replicas}
{extra_spec}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - name: http
          containerPort: 80
"
    )
}

fn set(c: &Cluster) -> &StatefulSet {
    &c.store.stateful_sets[&key("default", "web")]
}

/// Pods of the set by name: (terminating, ready).
fn sts_pods(c: &Cluster) -> BTreeMap<String, (bool, bool)> {
    c.store
        .pods
        .iter()
        .filter(|((ns, n), _)| ns == "default" && n.starts_with("web-"))
        .map(|((_, n), p)| {
            let ready = p
                .status
                .conditions
                .iter()
                .any(|c| c.type_ == "Ready" && c.status == "True");
            (n.clone(), (p.metadata.deletion_timestamp.is_some(), ready))
        })
        .collect()
}

fn names(c: &Cluster) -> Vec<String> {
    sts_pods(c).into_keys().collect()
}

// stateful_set_utils.go newStatefulSetPod / initIdentity / updateStorage, and
// computeReplicaStatus: identity labels, hostname/subdomain, owner, claim volumes, status.
#[test]
fn stateful_set_pods_have_stable_identity() {
    let claims = "  volumeClaimTemplates:\n  - metadata:\n      name: www\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n";
    let c = cluster(&sts_yaml(3, claims));
    assert_eq!(names(&c), ["web-0", "web-1", "web-2"]);
    let s = set(&c);
    let rev = controllers::revision_name(s);
    assert!(rev.starts_with("web-"));
    for (i, name) in ["web-0", "web-1", "web-2"].iter().enumerate() {
        let p: &Pod = &c.store.pods[&key("default", name)];
        let l = &p.metadata.labels;
        assert_eq!(l.get("app").map(String::as_str), Some("web"));
        assert_eq!(
            l.get(controllers::POD_NAME_LABEL).map(String::as_str),
            Some(*name)
        );
        assert_eq!(l.get(controllers::POD_INDEX_LABEL), Some(&i.to_string()));
        assert_eq!(l.get(controllers::REVISION_LABEL), Some(&rev));
        assert_eq!(p.spec.hostname, *name);
        assert_eq!(p.spec.subdomain, "web");
        let owner = &p.metadata.owner_references[0];
        assert_eq!(
            (owner.kind.as_str(), owner.name.as_str(), owner.controller),
            ("StatefulSet", "web", Some(true))
        );
        assert_eq!(owner.uid, s.metadata.uid);
        assert_eq!(
            p.spec.other["volumes"],
            serde_json::json!([{"name": "www", "persistentVolumeClaim": {"claimName": format!("www-{name}")}}])
        );
        assert_eq!(p.status.phase, "Running");
    }
    let st = serde_json::to_value(&s.status).unwrap();
    assert_eq!(
        st,
        serde_json::json!({
            "observedGeneration": 1, "replicas": 3, "readyReplicas": 3, "currentReplicas": 3,
            "updatedReplicas": 3, "currentRevision": rev, "updateRevision": rev,
            "collisionCount": 0, "availableReplicas": 3
        })
    );
}

// The EndpointSlice controller's PodToEndpoint sets the hostname when pod.spec.subdomain is
// the Service's name; CoreDNS then answers <hostname>.<service>.<ns>.svc.<zone>
// (kubernetes/dns docs/specification.md 2.4.1).
#[test]
fn headless_service_gives_each_pod_a_dns_name() {
    let c = cluster(&sts_yaml(3, ""));
    let slices: Vec<_> = c
        .store
        .endpoint_slices
        .values()
        .filter(|s| {
            s.metadata
                .labels
                .get("kubernetes.io/service-name")
                .map(String::as_str)
                == Some("web")
        })
        .collect();
    let mut hosts: Vec<(String, String)> = slices
        .iter()
        .flat_map(|s| s.endpoints.iter())
        .map(|e| {
            (
                e.hostname.clone().unwrap_or_default(),
                e.addresses[0].clone(),
            )
        })
        .collect();
    hosts.sort();
    assert_eq!(hosts.len(), 3);
    for (i, (host, ip)) in hosts.iter().enumerate() {
        let name = format!("web-{i}");
        assert_eq!(*host, name);
        assert_eq!(c.store.pods[&key("default", &name)].status.pod_ip, *ip);
        let a = query(
            &c,
            &format!("{name}.web.default.svc.cluster.local"),
            QType::A,
        );
        assert_eq!(a.rcode, Rcode::NoError);
        assert_eq!(a.answers, [Record::A(ip.clone())]);
    }
    // The Service name answers every ready pod.
    let all = query(&c, "web.default.svc.cluster.local", QType::A);
    assert_eq!(all.answers.len(), 3);
    assert_eq!(
        query(&c, "web-3.web.default.svc.cluster.local", QType::A).rcode,
        Rcode::NxDomain
    );
}

// stateful_set_control.go processReplica (OrderedReady): a pod is created only once every
// lower ordinal is Running and Ready; Parallel creates them all.
#[test]
fn ordered_ready_waits_for_lower_ordinals() {
    let mut c = cluster(&sts_yaml(1, ""));
    controllers::set_pod_ready(&mut c, "default", "web-0", false).unwrap();
    controllers::scale(&mut c, "default", "web", 3).unwrap();
    assert_eq!(names(&c), ["web-0"], "web-0 is not Ready: nothing more");
    assert_eq!(set(&c).status.replicas, 1);
    assert_eq!(set(&c).status.ready_replicas, 0);
    assert_eq!(set(&c).metadata.generation, Some(2));
    assert_eq!(set(&c).status.observed_generation, Some(2));
    controllers::set_pod_ready(&mut c, "default", "web-0", true).unwrap();
    assert_eq!(names(&c), ["web-0", "web-1", "web-2"]);

    let mut p = cluster(&sts_yaml(1, "  podManagementPolicy: Parallel\n"));
    controllers::set_pod_ready(&mut p, "default", "web-0", false).unwrap();
    controllers::scale(&mut p, "default", "web", 3).unwrap();
    assert_eq!(names(&p), ["web-0", "web-1", "web-2"]);
}

// stateful_set_control.go processCondemned: scale down removes the highest ordinal first, one
// at a time, waiting for the terminating pod to be gone (OrderedReady); Parallel deletes all
// condemned pods at once.
#[test]
fn scale_down_removes_highest_ordinals_first() {
    let mut c = cluster(&sts_yaml(3, ""));
    controllers::scale(&mut c, "default", "web", 1).unwrap();
    let pods = sts_pods(&c);
    assert!(pods["web-2"].0, "web-2 terminating");
    assert!(!pods["web-1"].0, "web-1 waits for web-2");
    controllers::advance(&mut c, 30);
    let pods = sts_pods(&c);
    assert!(!pods.contains_key("web-2"));
    assert!(pods["web-1"].0);
    controllers::advance(&mut c, 30);
    assert_eq!(names(&c), ["web-0"]);
    assert_eq!(set(&c).status.replicas, 1);

    let mut p = cluster(&sts_yaml(3, "  podManagementPolicy: Parallel\n"));
    controllers::scale(&mut p, "default", "web", 1).unwrap();
    let pods = sts_pods(&p);
    assert!(pods["web-1"].0 && pods["web-2"].0 && !pods["web-0"].0);
}

// stateful_set_control.go processReplica: a deleted pod is recreated with the same name (and
// a new UID) once the old one is gone; while it terminates, OrderedReady waits.
#[test]
fn deleted_pod_comes_back_with_the_same_name() {
    let mut c = cluster(&sts_yaml(3, ""));
    let old_uid = c.store.pods[&key("default", "web-1")].metadata.uid.clone();
    controllers::delete_pod(&mut c, "default", "web-1").unwrap();
    assert!(sts_pods(&c)["web-1"].0, "terminating");
    assert_eq!(
        set(&c).status.current_replicas,
        2,
        "terminating pods are not current"
    );
    controllers::advance(&mut c, 30);
    let p = &c.store.pods[&key("default", "web-1")];
    assert_ne!(p.metadata.uid, old_uid);
    assert_eq!(p.status.phase, "Running");
    assert_eq!(set(&c).status.ready_replicas, 3);
}

// validation_test.go "ordinals.start positive value" / stateful_set_utils.go getStartOrdinal:
// ordinals run from spec.ordinals.start.
#[test]
fn ordinals_start() {
    let c = cluster(&sts_yaml(2, "  ordinals:\n    start: 5\n"));
    assert_eq!(names(&c), ["web-5", "web-6"]);
    let p = &c.store.pods[&key("default", "web-5")];
    assert_eq!(
        p.metadata
            .labels
            .get(controllers::POD_INDEX_LABEL)
            .map(String::as_str),
        Some("5")
    );
}

// The garbage collector's cascade and `kubectl delete statefulset`: the pods go with the set.
#[test]
fn deleting_the_set_deletes_its_pods() {
    let mut c = cluster(&sts_yaml(2, ""));
    assert!(svcplay_sim::registry::delete(
        &mut c,
        "StatefulSet",
        "default",
        "web"
    ));
    controllers::settle(&mut c);
    assert!(names(&c).is_empty());
}

// apply prints kubectl's `statefulset.apps/web created`; a bad spec is rejected with upstream's
// message and position.
#[test]
fn apply_results() {
    let mut c = Cluster::new(Options::default());
    let r = c.apply_texts(&[("w.yaml", &sts_yaml(1, ""))]);
    assert_eq!(r.results[1].reason, "statefulset.apps/web created");
    let bad = sts_yaml(1, "  podManagementPolicy: Sometimes\n");
    let mut c = Cluster::new(Options::default());
    let r = c.apply_texts(&[("w.yaml", &bad)]);
    assert_eq!(r.results[1].code, 422);
    assert_eq!(r.results[1].reason, "StatefulSet.apps \"web\" is invalid");
    assert_eq!(
        r.results[1].errors[0].message,
        "spec.podManagementPolicy: Invalid value: \"Sometimes\": must be 'OrderedReady' or 'Parallel'"
    );
    assert_eq!(r.results[1].errors[0].span.map(|s| s.line), Some(20));
}

const DS: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox
";

/// DaemonSet pods per node (live and terminating counted apart).
fn ds_pods(c: &Cluster) -> BTreeMap<String, Vec<(String, bool)>> {
    let mut m: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
    for ((_, n), p) in &c.store.pods {
        if n.starts_with("agent-") {
            m.entry(p.spec.node_name.clone())
                .or_default()
                .push((n.clone(), p.metadata.deletion_timestamp.is_some()));
        }
    }
    m
}

fn ds_status(c: &Cluster) -> serde_json::Value {
    serde_json::to_value(&c.store.daemon_sets[&key("default", "agent")].status).unwrap()
}

fn worker(name: &str, ip: &str) -> Node {
    serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "status": {"addresses": [{"type": "InternalIP", "address": ip}],
                   "conditions": [{"type": "Ready", "status": "True"}]}
    }))
    .unwrap()
}

// daemon_controller.go manage / podsShouldBeOnNode: one pod per node whose taints the pod
// tolerates (not the tainted control plane), pinned by node affinity, with the daemon
// tolerations and labels; updateDaemonSetStatus.
#[test]
fn daemon_set_runs_one_pod_per_eligible_node() {
    let c = cluster(DS);
    let pods = ds_pods(&c);
    assert_eq!(
        pods.keys().collect::<Vec<_>>(),
        ["node01", "node02", "node03"]
    );
    assert!(pods.values().all(|v| v.len() == 1));
    let ds = &c.store.daemon_sets[&key("default", "agent")];
    assert_eq!(
        ds.metadata
            .annotations
            .get("deprecated.daemonset.template.generation")
            .map(String::as_str),
        Some("1")
    );
    let hash = controllers::daemon_set_template_hash(ds);
    for (node, list) in &pods {
        let p = &c.store.pods[&key("default", &list[0].0)];
        assert_eq!(
            p.spec.other["affinity"],
            serde_json::json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
                {"nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node]}]}]}}})
        );
        assert_eq!(p.spec.other["tolerations"].as_array().unwrap().len(), 6);
        assert_eq!(
            p.metadata.labels.get("controller-revision-hash"),
            Some(&hash)
        );
        assert_eq!(
            p.metadata
                .labels
                .get("pod-template-generation")
                .map(String::as_str),
            Some("1")
        );
        assert_eq!(p.metadata.owner_references[0].kind, "DaemonSet");
        assert!(p.metadata.name.starts_with("agent-") && p.metadata.name.len() == 11);
    }
    assert_eq!(
        ds_status(&c),
        serde_json::json!({"currentNumberScheduled": 3, "numberMisscheduled": 0,
            "desiredNumberScheduled": 3, "numberReady": 3, "observedGeneration": 1,
            "updatedNumberScheduled": 3, "numberAvailable": 3})
    );
}

// A toleration of the control-plane taint puts a pod there too; a nodeSelector restricts.
#[test]
fn daemon_set_tolerations_and_node_selector() {
    let tolerating = DS.replace(
        "      containers:",
        "      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n      containers:",
    );
    let c = cluster(&tolerating);
    assert_eq!(ds_pods(&c).len(), 4);
    assert_eq!(ds_status(&c)["desiredNumberScheduled"], 4);
    let selected = DS.replace(
        "      containers:",
        "      nodeSelector:\n        kubernetes.io/hostname: node02\n      containers:",
    );
    let c = cluster(&selected);
    assert_eq!(ds_pods(&c).keys().collect::<Vec<_>>(), ["node02"]);
}

// Live changes converge: a new node gets a pod, a removed node's pod goes, a deleted pod is
// replaced once gone, drain (--ignore-daemonsets) leaves daemon pods, a NoExecute taint evicts.
#[test]
fn daemon_set_follows_nodes() {
    let mut c = cluster(DS);
    svcplay_sim::registry::create_object(
        &mut c,
        svcplay_model::Object::Node(worker("node04", "192.168.1.14")),
    );
    controllers::settle(&mut c);
    assert_eq!(ds_pods(&c).len(), 4);
    assert_eq!(ds_status(&c)["numberReady"], 4);

    controllers::remove_node(&mut c, "node04").unwrap();
    assert_eq!(ds_pods(&c).len(), 3);
    assert_eq!(ds_status(&c)["desiredNumberScheduled"], 3);

    let victim = ds_pods(&c)["node01"][0].0.clone();
    controllers::delete_pod(&mut c, "default", &victim).unwrap();
    assert_eq!(
        ds_pods(&c)["node01"],
        [(victim.clone(), true)],
        "no replacement yet"
    );
    controllers::advance(&mut c, 30);
    let now = &ds_pods(&c)["node01"];
    assert_eq!(now.len(), 1);
    assert_ne!(now[0].0, victim);
    assert!(!now[0].1);

    controllers::drain(&mut c, "node02").unwrap();
    assert!(!ds_pods(&c)["node02"][0].1, "drain leaves daemon pods");
    assert_eq!(
        ds_status(&c)["desiredNumberScheduled"],
        3,
        "cordon is tolerated"
    );

    let mut n = c.store.nodes["node03"].clone();
    n.spec.taints.push(svcplay_model::types::Taint {
        key: "maintenance".into(),
        effect: "NoExecute".into(),
        ..Default::default()
    });
    c.store.nodes.insert("node03".into(), n);
    controllers::settle(&mut c);
    assert!(ds_pods(&c)["node03"][0].1, "evicted by the NoExecute taint");
    assert_eq!(ds_status(&c)["desiredNumberScheduled"], 2);
    controllers::advance(&mut c, 30);
    assert!(!ds_pods(&c).contains_key("node03"));
}

// A NodePort Service with externalTrafficPolicy: Local over a DaemonSet: every node has a
// local endpoint.
#[test]
fn daemon_set_behind_local_node_port() {
    let text = format!(
        "{DS}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: agent\nspec:\n  type: NodePort\n  externalTrafficPolicy: Local\n  selector:\n    app: agent\n  ports:\n  - port: 80\n"
    );
    let c = cluster(&text);
    let mut nodes: Vec<String> = c
        .store
        .endpoint_slices
        .values()
        .filter(|s| {
            s.metadata
                .labels
                .get("kubernetes.io/service-name")
                .map(String::as_str)
                == Some("agent")
        })
        .flat_map(|s| s.endpoints.iter())
        .filter_map(|e| e.node_name.clone())
        .collect();
    nodes.sort();
    assert_eq!(nodes, ["node01", "node02", "node03"]);
}

// Observed mode: a dump of a cluster running both kinds is taken as it is (same pods, same
// status); a StatefulSet's revision is the one the dump names (a real cluster hashes the Go
// JSON of the template, which ours need not reproduce).
#[test]
fn observed_dump_is_a_fixed_point() {
    let text = format!("{}---\n{DS}", sts_yaml(3, ""));
    let c = cluster(&text);
    let mut items = serde_json::to_value(c.store.items_ref()).unwrap();
    // As a real cluster would have named the revision.
    for o in items.as_array_mut().unwrap() {
        let name = o["metadata"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if o["kind"] == "StatefulSet" {
            o["status"]["currentRevision"] = "web-5d9c7d8f6b".into();
            o["status"]["updateRevision"] = "web-5d9c7d8f6b".into();
        } else if o["kind"] == "Pod" && name.starts_with("web-") {
            o["metadata"]["labels"]["controller-revision-hash"] = "web-5d9c7d8f6b".into();
        }
    }
    let dump = serde_json::to_string(
        &serde_json::json!({"apiVersion": "v1", "kind": "List", "items": items}),
    )
    .unwrap();
    let mut o = Cluster::new(Options {
        seed: 3,
        bare: true,
        observed: true,
    });
    let r = o.apply_texts(&[("dump.json", &dump)]);
    assert!(r.all_created(), "{r:?}");
    let pods = |c: &Cluster| -> Vec<String> {
        c.store
            .pods
            .keys()
            .filter(|k| k.0 == "default")
            .map(|k| k.1.clone())
            .collect()
    };
    assert_eq!(pods(&o), pods(&c));
    let st = &set(&o).status;
    assert_eq!(st.update_revision, "web-5d9c7d8f6b");
    assert_eq!(
        (st.replicas, st.ready_replicas, st.current_replicas),
        (3, 3, 3)
    );
    assert_eq!(ds_status(&o), ds_status(&c));
}

// One OrderedReady pod per controller round: a large set still settles in one apply; an absurd
// replica count is bounded (no hang, no memory blow-up).
#[test]
fn large_and_absurd_replica_counts() {
    let c = cluster(&sts_yaml(45, ""));
    assert_eq!(names(&c).len(), 45);
    assert_eq!(set(&c).status.ready_replicas, 45);
    let c = cluster(&sts_yaml(
        2_000_000_000,
        "  podManagementPolicy: Parallel\n",
    ));
    let n = names(&c).len();
    assert!(n > 0 && n <= 32 * 500, "{n}");
}

// stateful_set_control.go processReplica: with minReadySeconds, OrderedReady waits for the
// previous pod to be available (Ready for that long), not just Ready; availableReplicas counts
// only those.
#[test]
fn min_ready_seconds_gates_the_next_ordinal() {
    let mut c = cluster(&sts_yaml(2, "  minReadySeconds: 10\n"));
    assert_eq!(names(&c), ["web-0"]);
    assert_eq!(set(&c).status.ready_replicas, 1);
    assert_eq!(set(&c).status.available_replicas, 0);
    controllers::advance(&mut c, 10);
    assert_eq!(names(&c), ["web-0", "web-1"]);
    assert_eq!(set(&c).status.available_replicas, 1);
    controllers::advance(&mut c, 10);
    assert_eq!(set(&c).status.available_replicas, 2);
}

// helper.DefaultSelector counts a StatefulSet as a pod's owner for the default topology spread
// (hostname maxSkew 3): without any Service, 6 pods still spread over the 3 workers.
#[test]
fn stateful_set_pods_spread_by_default() {
    let text = sts_yaml(6, "  podManagementPolicy: Parallel\n");
    let text = text.split("---\n").nth(1).expect("the StatefulSet");
    let c = cluster(text);
    let mut per_node: BTreeMap<String, usize> = BTreeMap::new();
    for ((_, n), p) in &c.store.pods {
        if n.starts_with("web-") {
            *per_node.entry(p.spec.node_name.clone()).or_default() += 1;
        }
    }
    assert_eq!(per_node.len(), 3, "{per_node:?}");
    assert!(per_node.values().all(|&n| n == 2), "{per_node:?}");
}
