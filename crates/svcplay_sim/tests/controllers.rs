//! Controller behaviour end to end: Deployment → ReplicaSet → Pods → scheduler → kubelet →
//! EndpointSlices, and live changes. Each test names the upstream behaviour it reproduces.

mod controllers_support;

use std::collections::BTreeMap;

use controllers_support::*;
use serde_json::json;
use svcplay_sim::controllers::{self, compute_hash};
use svcplay_sim::{Cluster, Options};

fn per_node(pods: &[&svcplay_model::types::Pod]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for p in pods {
        *m.entry(p.spec.node_name.clone()).or_insert(0) += 1;
    }
    m
}

#[test]
fn node_ipam_assigns_24s_in_creation_order() {
    // range_allocator.go AllocateOrOccupyCIDR with --node-cidr-mask-size=24: existing podCIDRs
    // are occupied, the others get the next free /24 in node creation order.
    let mut c = kubeadm_cluster(1);
    add_node(&mut c, "aaa-late", "192.168.1.20", json!({}));
    add_node(
        &mut c,
        "pinned",
        "192.168.1.21",
        json!({"spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"]}}),
    );
    controllers::settle(&mut c);
    let cidr = |n: &str| c.store.nodes[n].spec.pod_cidr.clone();
    assert_eq!(cidr("controlplane"), "10.244.0.0/24");
    assert_eq!(
        cidr("node01"),
        "10.244.2.0/24",
        "10.244.1.0/24 is taken by `pinned`"
    );
    assert_eq!(cidr("node02"), "10.244.3.0/24");
    assert_eq!(cidr("node03"), "10.244.4.0/24");
    assert_eq!(
        cidr("aaa-late"),
        "10.244.5.0/24",
        "created last, although first by name"
    );
    assert_eq!(cidr("pinned"), "10.244.1.0/24");
    assert_eq!(
        c.store.nodes["node01"].spec.pod_cidrs,
        vec!["10.244.2.0/24"]
    );
}

#[test]
fn deployment_creates_hashed_replica_set_and_pods() {
    // deployment sync.go getNewReplicaSet + controller_utils GetPodFromTemplate.
    let mut c = kubeadm_cluster(7);
    add_deployment(&mut c, "default", "web", 3, json!({}));
    controllers::settle(&mut c);
    let d = c.store.deployments[&key("default", "web")].clone();
    let hash = compute_hash(&d.spec.template, None);
    let rs_name = format!("web-{hash}");
    let rs = &c.store.replica_sets[&key("default", &rs_name)];
    assert_eq!(rs.metadata.labels["pod-template-hash"], hash);
    assert_eq!(
        rs.spec.selector.as_ref().unwrap().match_labels["pod-template-hash"],
        hash
    );
    assert_eq!(rs.spec.template.metadata.labels["pod-template-hash"], hash);
    assert_eq!(rs.spec.replicas, Some(3));
    let owner = &rs.metadata.owner_references[0];
    assert_eq!(
        (owner.kind.as_str(), owner.name.as_str()),
        ("Deployment", "web")
    );
    assert_eq!(
        (owner.controller, owner.block_owner_deletion),
        (Some(true), Some(true))
    );
    assert_eq!(
        rs.metadata.annotations["deployment.kubernetes.io/revision"],
        "1"
    );
    assert_eq!(
        rs.metadata.annotations["deployment.kubernetes.io/desired-replicas"],
        "3"
    );
    assert_eq!(
        rs.metadata.annotations["deployment.kubernetes.io/max-replicas"],
        "4"
    );

    let pods = live_pods(&c, "default", &format!("{rs_name}-"));
    assert_eq!(pods.len(), 3);
    for p in &pods {
        let suffix = &p.metadata.name[rs_name.len() + 1..];
        assert_eq!(suffix.len(), 5, "{}", p.metadata.name);
        assert!(
            suffix
                .bytes()
                .all(|b| b"bcdfghjklmnpqrstvwxz2456789".contains(&b))
        );
        assert_eq!(p.metadata.generate_name, format!("{rs_name}-"));
        assert_eq!(p.metadata.labels["app"], "web");
        assert_eq!(p.metadata.owner_references[0].kind, "ReplicaSet");
        assert_eq!(p.metadata.owner_references[0].uid, rs.metadata.uid);
        assert_eq!(p.status.phase, "Running");
        let node = &c.store.nodes[&p.spec.node_name];
        let cidr = svcplay_model::net::Cidr::parse(&node.spec.pod_cidr).unwrap();
        assert!(
            cidr.contains(p.status.pod_ip.parse().unwrap()),
            "{} in {}",
            p.status.pod_ip,
            node.spec.pod_cidr
        );
        assert!(
            p.status.pod_ip.ends_with(".2"),
            "first pod on a node gets .2: {}",
            p.status.pod_ip
        );
        assert_eq!(p.status.host_ip, node.status.addresses[0].address);
        let conds: Vec<(&str, &str)> = p
            .status
            .conditions
            .iter()
            .map(|c| (c.type_.as_str(), c.status.as_str()))
            .collect();
        assert_eq!(
            conds,
            vec![
                ("PodReadyToStartContainers", "True"),
                ("Initialized", "True"),
                ("Ready", "True"),
                ("ContainersReady", "True"),
                ("PodScheduled", "True")
            ]
        );
        assert!(p.status.start_time.is_some());
    }
    assert_eq!(rs.status.replicas, 3);
    assert_eq!(rs.status.ready_replicas, 3);
    assert_eq!(rs.status.available_replicas, 3);
    assert_eq!(rs.status.observed_generation, Some(1));
    let d = &c.store.deployments[&key("default", "web")];
    assert_eq!(
        (
            d.status.replicas,
            d.status.updated_replicas,
            d.status.ready_replicas,
            d.status.available_replicas
        ),
        (3, 3, 3, 3)
    );
    assert_eq!(d.status.observed_generation, Some(1));
}

#[test]
fn settle_is_a_fixed_point_and_deterministic() {
    let build = || {
        let mut c = kubeadm_cluster(42);
        add_deployment(&mut c, "default", "web", 4, json!({}));
        add_service(&mut c, "default", "web", "web", json!({}));
        controllers::settle(&mut c);
        c
    };
    let mut a = build();
    let b = build();
    assert_eq!(a.items(), b.items(), "same seed, same cluster");
    let before = a.items();
    controllers::settle(&mut a);
    assert_eq!(
        before,
        a.items(),
        "settling a settled cluster changes nothing"
    );
    // What `apply -o json` writes straight from the store is the list of items.
    assert_eq!(
        serde_json::to_string(&a.store.items_ref()).unwrap(),
        serde_json::to_string(&before).unwrap()
    );
}

#[test]
fn scheduler_spreads_identical_pods_and_avoids_tainted_control_plane() {
    // PodTopologySpread system defaults + NodeResourcesBalancedAllocation: 6 replicas on 3
    // schedulable workers land 2/2/2; the control-plane taint is not tolerated.
    for seed in [1, 2, 3, 99] {
        let mut c = kubeadm_cluster(seed);
        add_deployment(&mut c, "default", "web", 6, json!({}));
        controllers::settle(&mut c);
        let pods = live_pods(&c, "default", "web-");
        let counts = per_node(&pods);
        assert_eq!(counts.get("controlplane"), None, "seed {seed}");
        assert_eq!(
            counts.values().copied().collect::<Vec<_>>(),
            vec![2, 2, 2],
            "seed {seed}: {counts:?}"
        );
    }
}

#[test]
fn scheduler_honours_tolerations_and_node_selector() {
    // TaintToleration + NodeAffinity filters.
    let mut c = kubeadm_cluster(5);
    add_deployment(
        &mut c,
        "default",
        "cp",
        2,
        json!({"spec": {"template": {"spec": {
        "nodeSelector": {"node-role.kubernetes.io/control-plane": ""},
        "tolerations": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}]}}}}),
    );
    controllers::settle(&mut c);
    let pods = live_pods(&c, "default", "cp-");
    assert_eq!(
        per_node(&pods),
        BTreeMap::from([("controlplane".to_string(), 2)])
    );
}

#[test]
fn unschedulable_pod_reports_fit_error() {
    // schedule_one.go FitError.Error: histogram of per-node reasons plus the preemption verdict.
    let mut c = kubeadm_cluster(5);
    for n in ["node01", "node02", "node03"] {
        controllers::cordon(&mut c, n).unwrap();
    }
    add_deployment(&mut c, "default", "web", 1, json!({}));
    controllers::settle(&mut c);
    let pods = live_pods(&c, "default", "web-");
    assert_eq!(pods.len(), 1);
    let p = pods[0];
    assert_eq!(p.spec.node_name, "");
    assert_eq!(p.status.phase, "Pending");
    assert_eq!(p.status.pod_ip, "");
    let cond = p
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "PodScheduled")
        .unwrap();
    assert_eq!(
        (cond.status.as_str(), cond.reason.as_str()),
        ("False", "Unschedulable")
    );
    assert_eq!(
        cond.message,
        "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."
    );
    // Uncordoning one node lets it schedule.
    controllers::uncordon(&mut c, "node02").unwrap();
    let pods = live_pods(&c, "default", "web-");
    assert_eq!(pods[0].spec.node_name, "node02");
    assert_eq!(pods[0].status.phase, "Running");
    let cond = pods[0]
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "PodScheduled")
        .unwrap();
    assert_eq!(cond.status, "True");
}

#[test]
fn kubelet_keeps_observed_status_and_leaves_pods_on_missing_nodes_pending() {
    let mut c = kubeadm_cluster(3);
    // Observed: status given in the input stays as is (its IP is outside any CIDR on purpose).
    add_running_pod(
        &mut c,
        "default",
        "observed",
        "node01",
        "10.1.2.3",
        json!({}),
    );
    // Bound to a node that does not exist: Pending, no IP.
    add_running_pod(
        &mut c,
        "default",
        "ghost",
        "node99",
        "",
        json!({"status": {"phase": "", "podIP": "", "podIPs": [], "conditions": []}}),
    );
    // Bound to node01 without status: started with the next IP of node01's CIDR.
    add_running_pod(
        &mut c,
        "default",
        "fresh",
        "node01",
        "",
        json!({"status": {"phase": "", "podIP": "", "podIPs": [], "conditions": []}}),
    );
    add_running_pod(
        &mut c,
        "default",
        "fresh2",
        "node01",
        "",
        json!({"status": {"phase": "", "podIP": "", "podIPs": [], "conditions": []}}),
    );
    controllers::settle(&mut c);
    let p = |n: &str| c.store.pods[&key("default", n)].clone();
    assert_eq!(p("observed").status.pod_ip, "10.1.2.3");
    assert_eq!(p("observed").status.conditions.len(), 1);
    assert_eq!(p("ghost").status.phase, "Pending");
    assert_eq!(p("ghost").status.pod_ip, "");
    let cidr = c.store.nodes["node01"]
        .spec
        .pod_cidr
        .trim_end_matches("0/24")
        .to_string();
    assert_eq!(p("fresh").status.pod_ip, format!("{cidr}2"));
    assert_eq!(p("fresh2").status.pod_ip, format!("{cidr}3"));
    assert_eq!(p("fresh").status.host_ip, "192.168.1.11");
}

#[test]
fn scale_up_and_down_ranks_victims() {
    // replica_set.go manageReplicas + getPodsToDelete: a not-ready pod goes first.
    let mut c = kubeadm_cluster(11);
    add_deployment(&mut c, "default", "web", 3, json!({}));
    controllers::settle(&mut c);
    controllers::scale(&mut c, "default", "web", 5).unwrap();
    assert_eq!(live_pods(&c, "default", "web-").len(), 5);
    let d = &c.store.deployments[&key("default", "web")];
    assert_eq!(d.metadata.generation, Some(2));
    assert_eq!(d.status.observed_generation, Some(2));
    assert_eq!(d.status.replicas, 5);

    let victim = live_pods(&c, "default", "web-")[3].metadata.name.clone();
    controllers::set_pod_ready(&mut c, "default", &victim, false).unwrap();
    assert_eq!(
        c.store.deployments[&key("default", "web")]
            .status
            .ready_replicas,
        4
    );
    controllers::scale(&mut c, "default", "web", 4).unwrap();
    let gone = &c.store.pods[&key("default", &victim)];
    assert!(
        gone.metadata.deletion_timestamp.is_some(),
        "the unready pod is deleted first"
    );
    assert_eq!(live_pods(&c, "default", "web-").len(), 4);
    controllers::scale(&mut c, "default", "web", 1).unwrap();
    assert_eq!(live_pods(&c, "default", "web-").len(), 1);
    controllers::advance(&mut c, 30);
    assert_eq!(
        c.store.pods.len(),
        1,
        "terminated pods are gone after the grace period"
    );
    let d = &c.store.deployments[&key("default", "web")];
    assert_eq!((d.status.replicas, d.status.available_replicas), (1, 1));
    assert!(controllers::scale(&mut c, "default", "nope", 1).is_err());
}

#[test]
fn delete_pod_terminates_gracefully_and_is_replaced() {
    // Graceful deletion: deletionTimestamp = now + 30 s; the ReplicaSet replaces it at once;
    // the EndpointSlice keeps it as serving+terminating (ready false) until it is gone.
    let mut c = kubeadm_cluster(4);
    add_deployment(&mut c, "default", "web", 2, json!({}));
    add_service(&mut c, "default", "web", "web", json!({}));
    controllers::settle(&mut c);
    let name = live_pods(&c, "default", "web-")[0].metadata.name.clone();
    controllers::delete_pod(&mut c, "default", &name).unwrap();
    let p = &c.store.pods[&key("default", &name)];
    assert_eq!(
        p.metadata.deletion_timestamp.as_deref(),
        Some("2026-01-01T00:00:30Z")
    );
    assert_eq!(p.metadata.deletion_grace_period_seconds, Some(30));
    assert_eq!(
        live_pods(&c, "default", "web-").len(),
        2,
        "replacement created at once"
    );
    let slices = slices_of(&c, "default", "web");
    assert_eq!(slices.len(), 1);
    assert_eq!(slices[0].endpoints.len(), 3);
    let ep = slices[0]
        .endpoints
        .iter()
        .find(|e| e.target_ref.as_ref().unwrap().name == name)
        .unwrap();
    assert_eq!(
        (
            ep.conditions.ready,
            ep.conditions.serving,
            ep.conditions.terminating
        ),
        (Some(false), Some(true), Some(true))
    );
    controllers::advance(&mut c, 29);
    assert!(c.store.pods.contains_key(&key("default", &name)));
    controllers::advance(&mut c, 1);
    assert!(!c.store.pods.contains_key(&key("default", &name)));
    assert_eq!(slices_of(&c, "default", "web")[0].endpoints.len(), 2);
    assert!(controllers::delete_pod(&mut c, "default", &name).is_err());
}

#[test]
fn drain_and_remove_node_move_pods_elsewhere() {
    let mut c = kubeadm_cluster(8);
    add_deployment(&mut c, "default", "web", 3, json!({}));
    controllers::settle(&mut c);
    controllers::drain(&mut c, "node01").unwrap();
    assert!(c.store.nodes["node01"].spec.unschedulable);
    let live = live_pods(&c, "default", "web-");
    assert_eq!(live.len(), 3);
    assert!(
        live.iter()
            .all(|p| p.spec.node_name != "node01" && p.spec.node_name != "controlplane")
    );
    controllers::advance(&mut c, 30);
    assert!(c.store.pods.values().all(|p| p.spec.node_name != "node01"));

    controllers::remove_node(&mut c, "node02").unwrap();
    let live = live_pods(&c, "default", "web-");
    assert_eq!(live.len(), 3);
    assert!(
        live.iter().all(|p| p.spec.node_name == "node03"),
        "{:?}",
        per_node(&live)
    );
    assert!(controllers::remove_node(&mut c, "node02").is_err());
}

#[test]
fn rollout_replaces_replica_set() {
    // A template change creates a new ReplicaSet (revision 2) and scales the old one to 0.
    let mut c = kubeadm_cluster(2);
    add_deployment(&mut c, "default", "web", 2, json!({}));
    controllers::settle(&mut c);
    let mut d = c.store.deployments[&key("default", "web")].clone();
    d.spec.template.spec.containers[0].image = "nginx:1.28".into();
    d.metadata.generation = Some(2);
    c.store.deployments.insert(key("default", "web"), d.clone());
    controllers::settle(&mut c);
    let new_hash = compute_hash(&d.spec.template, None);
    let rss: Vec<_> = c.store.replica_sets.values().collect();
    assert_eq!(rss.len(), 2);
    for rs in rss {
        if rs.metadata.name == format!("web-{new_hash}") {
            assert_eq!(rs.spec.replicas, Some(2));
            assert_eq!(
                rs.metadata.annotations["deployment.kubernetes.io/revision"],
                "2"
            );
        } else {
            assert_eq!(rs.spec.replicas, Some(0));
        }
    }
    assert_eq!(
        live_pods(&c, "default", &format!("web-{new_hash}-")).len(),
        2
    );
    assert_eq!(live_pods(&c, "default", "web-").len(), 2);
}

#[test]
fn absurd_replicas_are_capped_not_hung() {
    // Bad input never hangs: ReplicaSets create at most BurstReplicas (500) per sync, settle runs
    // a bounded number of rounds, and the simulation's pod cap holds (checked exactly in the
    // ReplicaSet controller's unit tests).
    let mut c = kubeadm_cluster(1);
    add_deployment(&mut c, "default", "huge", 1_000_000, json!({}));
    controllers::settle(&mut c);
    let pods = c.store.pods.len();
    assert!(pods <= controllers::MAX_PODS, "{pods}");
    assert!(
        pods > 500 && pods.is_multiple_of(500),
        "whole bursts: {pods}"
    );
    // Three workers of 110 pods each (kubelet --max-pods); the rest wait, unschedulable.
    let bound = c
        .store
        .pods
        .values()
        .filter(|p| !p.spec.node_name.is_empty())
        .count();
    assert_eq!(bound, 330);
    let pending = c
        .store
        .pods
        .values()
        .find(|p| p.spec.node_name.is_empty())
        .unwrap();
    let msg = &pending.status.conditions[0].message;
    assert!(msg.contains("3 Too many pods"), "{msg}");
}

/// `(type, status, reason, message)` of a Deployment's `status.conditions`, in order.
fn deployment_conditions(c: &Cluster, name: &str) -> Vec<[String; 4]> {
    let d = &c.store.deployments[&key("default", name)];
    d.status
        .conditions
        .iter()
        .map(|c| [&c.type_, &c.status, &c.reason, &c.message].map(|s| s.to_string()))
        .collect()
}

#[test]
fn deployment_status_carries_revision_and_rollout_conditions() {
    // deployment sync.go calculateStatus (Available from MaxUnavailable), progress.go
    // syncRolloutStatus (Progressing: NewReplicaSetAvailable once complete, ReplicaSetUpdated
    // while progressing, none without a progress deadline), util SetDeploymentRevision and
    // SetDeploymentCondition (a changed condition moves to the end: Available, Progressing).
    let yaml = |name: &str, replicas: i32, extra: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: {replicas}\n{extra}  selector:\n    matchLabels: {{app: {name}}}\n  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n      containers: [{{name: app, image: nginx}}]\n---\n"
        )
    };
    let mut text = yaml("ok", 3, "");
    // Pods that can never be scheduled stay Pending: nothing is available.
    text.push_str(&yaml("stuck", 4, "").replace(
        "    spec:\n      containers",
        "    spec:\n      nodeSelector: {disk: none}\n      containers",
    ));
    text.push_str(&yaml(
        "forever",
        1,
        "  progressDeadlineSeconds: 2147483647\n",
    ));
    text.push_str(&yaml("none", 0, ""));
    let mut c = Cluster::new(Options::default());
    assert!(c.apply_texts(&[("d.yaml", &text)]).all_created());

    let rs_name = |c: &Cluster, d: &str| {
        let d = &c.store.deployments[&key("default", d)];
        format!(
            "{}-{}",
            d.metadata.name,
            compute_hash(&d.spec.template, None)
        )
    };
    let cond = |t: &str, s: &str, r: &str, m: &str| [t, s, r, m].map(String::from);
    let ok = rs_name(&c, "ok");
    assert_eq!(
        deployment_conditions(&c, "ok"),
        vec![
            cond(
                "Available",
                "True",
                "MinimumReplicasAvailable",
                "Deployment has minimum availability."
            ),
            cond(
                "Progressing",
                "True",
                "NewReplicaSetAvailable",
                &format!("ReplicaSet \"{ok}\" has successfully progressed.")
            ),
        ]
    );
    let stuck = rs_name(&c, "stuck");
    assert_eq!(
        deployment_conditions(&c, "stuck"),
        vec![
            cond(
                "Available",
                "False",
                "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability."
            ),
            cond(
                "Progressing",
                "True",
                "ReplicaSetUpdated",
                &format!("ReplicaSet \"{stuck}\" is progressing.")
            ),
        ]
    );
    assert_eq!(
        deployment_conditions(&c, "forever"),
        vec![cond(
            "Available",
            "True",
            "MinimumReplicasAvailable",
            "Deployment has minimum availability."
        )]
    );
    let none = rs_name(&c, "none");
    assert_eq!(
        deployment_conditions(&c, "none"),
        vec![
            cond(
                "Available",
                "True",
                "MinimumReplicasAvailable",
                "Deployment has minimum availability."
            ),
            cond(
                "Progressing",
                "True",
                "NewReplicaSetAvailable",
                &format!("ReplicaSet \"{none}\" has successfully progressed.")
            ),
        ]
    );
    for (name, d) in &c.store.deployments {
        if name.0 == "default" {
            assert_eq!(
                d.metadata.annotations["deployment.kubernetes.io/revision"], "1",
                "{name:?}"
            );
            for cnd in &d.status.conditions {
                assert_eq!(cnd.last_update_time, cnd.last_transition_time);
                assert!(cnd.last_update_time.as_ref().unwrap().ends_with('Z'));
            }
        }
    }

    // A template change: revision 2 on the Deployment, and Progressing names the new ReplicaSet.
    let mut d = c.store.deployments[&key("default", "ok")].clone();
    d.spec.template.spec.containers[0].image = "nginx:1.28".into();
    d.metadata.generation = Some(2);
    c.store.deployments.insert(key("default", "ok"), d);
    c.settle();
    let d = &c.store.deployments[&key("default", "ok")];
    assert_eq!(
        d.metadata.annotations["deployment.kubernetes.io/revision"],
        "2"
    );
    let ok2 = rs_name(&c, "ok");
    assert_ne!(ok, ok2);
    assert_eq!(
        deployment_conditions(&c, "ok")[1],
        cond(
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            &format!("ReplicaSet \"{ok2}\" has successfully progressed.")
        )
    );
}

#[test]
fn pods_from_template_carry_metadata_owner_and_pod_defaults() {
    // controller_utils.go GetPodFromTemplate: template labels, annotations and finalizers,
    // generateName `<rs>-`, a controller reference (apps/v1 ReplicaSet, controller and
    // blockOwnerDeletion true); then the API server's SetDefaults_Pod: enableServiceLinks and,
    // with hostNetwork, hostPort = containerPort (not in the ReplicaSet's template:
    // defaults_test.go TestWorkloadDefaults / TestPodDefaults).
    let mut c = kubeadm_cluster(3);
    add_deployment(
        &mut c,
        "default",
        "web",
        1,
        json!({"spec": {"template": {
            "metadata": {"annotations": {"note": "x"}, "finalizers": ["example.com/keep"]},
            "spec": {"hostNetwork": true}
        }}}),
    );
    controllers::settle(&mut c);
    let (rs_key, rs) = c.store.replica_sets.iter().next().unwrap();
    let tmpl = serde_json::to_value(&rs.spec.template.spec).unwrap();
    assert!(tmpl.get("enableServiceLinks").is_none());
    assert_eq!(tmpl["containers"][0]["ports"][0].get("hostPort"), None);
    let pods = live_pods(&c, "default", &format!("{}-", rs_key.1));
    assert_eq!(pods.len(), 1);
    let p = pods[0];
    assert_eq!(p.metadata.generate_name, format!("{}-", rs.metadata.name));
    assert_eq!(p.metadata.annotations["note"], "x");
    assert_eq!(p.metadata.finalizers, vec!["example.com/keep".to_string()]);
    assert_eq!(p.metadata.labels["app"], "web");
    let owner = &p.metadata.owner_references;
    assert_eq!(owner.len(), 1);
    assert_eq!(
        (
            owner[0].api_version.as_str(),
            owner[0].kind.as_str(),
            owner[0].name.as_str(),
            owner[0].uid.as_str(),
            owner[0].controller,
            owner[0].block_owner_deletion
        ),
        (
            "apps/v1",
            "ReplicaSet",
            rs.metadata.name.as_str(),
            rs.metadata.uid.as_str(),
            Some(true),
            Some(true)
        )
    );
    let spec = serde_json::to_value(&p.spec).unwrap();
    assert_eq!(spec["enableServiceLinks"], json!(true));
    assert_eq!(spec["containers"][0]["ports"][0]["hostPort"], json!(8080));
    assert_eq!(
        spec["containers"][0]["imagePullPolicy"],
        json!("IfNotPresent")
    );
}

#[test]
fn standalone_replica_set_scale_down_ignores_colocation() {
    // replica_set.go getIndirectlyRelatedPods → getReplicaSetsWithSameController returns nothing
    // for a ReplicaSet without a controller, so every pod ranks 0 and colocation does not count
    // (ActivePodsWithRanks.Less step 5); the newest pod (younger logarithmic bucket) goes.
    let mut c = kubeadm_cluster(5);
    c.clock.seconds = 100_000;
    let rs_uid = c.store.next_uid();
    let rs: svcplay_model::types::ReplicaSet = serde_json::from_value(json!({
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "solo", "namespace": "default", "uid": rs_uid, "generation": 1},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "big"}},
                 "template": {"metadata": {"labels": {"app": "big"}},
                              "spec": {"containers": [{"name": "app", "image": "nginx:1"}]}}}
    }))
    .unwrap();
    c.store.replica_sets.insert(key("default", "solo"), rs);
    let owned = |created: &str| {
        json!({"metadata": {"creationTimestamp": created, "ownerReferences": [{
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "solo", "uid": rs_uid,
            "controller": true, "blockOwnerDeletion": true}]}})
    };
    add_running_pod(
        &mut c,
        "default",
        "solo-a",
        "node01",
        "10.244.1.5",
        owned("2026-01-01T00:00:00Z"),
    );
    add_running_pod(
        &mut c,
        "default",
        "solo-b",
        "node01",
        "10.244.1.6",
        owned("2026-01-01T00:00:00Z"),
    );
    add_running_pod(
        &mut c,
        "default",
        "solo-c",
        "node02",
        "10.244.2.5",
        owned("2026-01-02T03:46:30Z"),
    );
    controllers::settle(&mut c);
    assert_eq!(live_pods(&c, "default", "solo-").len(), 3);
    controllers::scale(&mut c, "default", "solo", 2).unwrap();
    let live: Vec<&str> = live_pods(&c, "default", "solo-")
        .iter()
        .map(|p| p.metadata.name.as_str())
        .collect();
    assert_eq!(live, vec!["solo-a", "solo-b"]);
}

#[test]
fn only_active_pods_are_claimed_or_released() {
    // replica_set.go syncReplicaSet: FilterActivePods runs before claimPods, so a finished pod
    // that no longer matches the selector keeps its controller reference, and a finished
    // orphan that matches is not adopted.
    let mut c = kubeadm_cluster(6);
    let rs_uid = c.store.next_uid();
    let rs: svcplay_model::types::ReplicaSet = serde_json::from_value(json!({
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "solo", "namespace": "default", "uid": rs_uid, "generation": 1},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "big"}},
                 "template": {"metadata": {"labels": {"app": "big"}},
                              "spec": {"containers": [{"name": "app", "image": "nginx:1"}]}}}
    }))
    .unwrap();
    c.store.replica_sets.insert(key("default", "solo"), rs);
    let owner = json!([{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "solo",
                        "uid": rs_uid, "controller": true, "blockOwnerDeletion": true}]);
    add_running_pod(
        &mut c,
        "default",
        "solo-live",
        "node01",
        "10.244.1.5",
        json!({"metadata": {"ownerReferences": owner}}),
    );
    add_running_pod(
        &mut c,
        "default",
        "solo-done",
        "node01",
        "10.244.1.6",
        json!({"metadata": {"labels": {"app": "other"}, "ownerReferences": owner},
               "status": {"phase": "Succeeded"}}),
    );
    add_running_pod(
        &mut c,
        "default",
        "orphan-done",
        "node02",
        "10.244.2.6",
        json!({"status": {"phase": "Failed"}}),
    );
    controllers::settle(&mut c);
    let refs = |name: &str| {
        c.store.pods[&key("default", name)]
            .metadata
            .owner_references
            .len()
    };
    assert_eq!(refs("solo-done"), 1, "not released");
    assert_eq!(refs("orphan-done"), 0, "not adopted");
    assert_eq!(c.store.pods.len(), 3, "one active pod: nothing created");
}

#[test]
fn availability_counts_pods_ready_before_the_simulation_epoch() {
    // replica_set_utils.go calculateStatus / podutil.IsPodAvailable: a pod Ready since before
    // minReadySeconds ago is available, whenever that was (here: before 2026, the simulation's
    // epoch); one Ready for less time is not.
    let mut c = kubeadm_cluster(8);
    c.clock.seconds = 100;
    let rs_uid = c.store.next_uid();
    let rs: svcplay_model::types::ReplicaSet = serde_json::from_value(json!({
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "solo", "namespace": "default", "uid": rs_uid, "generation": 1},
        "spec": {"replicas": 2, "minReadySeconds": 30, "selector": {"matchLabels": {"app": "big"}},
                 "template": {"metadata": {"labels": {"app": "big"}},
                              "spec": {"containers": [{"name": "app", "image": "nginx:1"}]}}}
    }))
    .unwrap();
    c.store.replica_sets.insert(key("default", "solo"), rs);
    let owned = |since: &str| {
        json!({"metadata": {"ownerReferences": [{
                "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "solo", "uid": rs_uid,
                "controller": true, "blockOwnerDeletion": true}]},
               "status": {"conditions": [{"type": "Ready", "status": "True",
                                          "lastTransitionTime": since}]}})
    };
    add_running_pod(
        &mut c,
        "default",
        "solo-old",
        "node01",
        "10.244.1.5",
        owned("2025-12-31T00:00:00Z"),
    );
    add_running_pod(
        &mut c,
        "default",
        "solo-new",
        "node02",
        "10.244.2.5",
        owned("2026-01-01T00:01:30Z"),
    );
    controllers::settle(&mut c);
    let st = &c.store.replica_sets[&key("default", "solo")].status;
    assert_eq!(
        (st.replicas, st.ready_replicas, st.available_replicas),
        (2, 2, 1)
    );
}
