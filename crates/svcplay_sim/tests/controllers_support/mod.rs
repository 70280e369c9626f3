//! Builders for controller and DNS tests: objects inserted straight into the store, with the
//! defaults the API server would have filled by hand.
#![allow(dead_code)]

use serde_json::{Value, json};
use svcplay_model::types::{Deployment, EndpointSlice, Node, Pod, Service};
use svcplay_sim::{Cluster, Options};

pub fn key(ns: &str, name: &str) -> (String, String) {
    (ns.to_string(), name.to_string())
}

fn merge(base: &mut Value, extra: &Value) {
    match (base, extra) {
        (Value::Object(b), Value::Object(e)) => {
            for (k, v) in e {
                merge(b.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
        (b, e) => *b = e.clone(),
    }
}

/// A Ready node with an InternalIP.
pub fn add_node(c: &mut Cluster, name: &str, ip: &str, extra: Value) {
    let mut v = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "uid": c.store.next_uid(), "labels": {"kubernetes.io/hostname": name}},
        "status": {"addresses": [{"type": "InternalIP", "address": ip}, {"type": "Hostname", "address": name}],
                   "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}]}
    });
    merge(&mut v, &extra);
    let n: Node = serde_json::from_value(v).unwrap();
    c.store.nodes.insert(name.to_string(), n);
}

/// kubeadm-shaped cluster: `controlplane` (tainted) and workers `node01..node03`.
pub fn kubeadm_cluster(seed: u64) -> Cluster {
    let mut c = Cluster::new(Options {
        seed,
        bare: true,
        observed: false,
    });
    add_node(
        &mut c,
        "controlplane",
        "192.168.1.10",
        json!({"metadata": {"labels": {"node-role.kubernetes.io/control-plane": ""}},
               "spec": {"taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]}}),
    );
    for i in 1..=3 {
        add_node(
            &mut c,
            &format!("node0{i}"),
            &format!("192.168.1.1{i}"),
            json!({}),
        );
    }
    c
}

/// A Deployment `name` with `replicas`, labels `app: <name>`, a container port named `http`.
pub fn add_deployment(c: &mut Cluster, ns: &str, name: &str, replicas: i32, extra: Value) {
    let mut v = json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": ns, "uid": c.store.next_uid(), "generation": 1},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"restartPolicy": "Always", "terminationGracePeriodSeconds": 30,
                         "containers": [{"name": "app", "image": "nginx:1.27",
                                         "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}]}]}
            }
        }
    });
    merge(&mut v, &extra);
    let d: Deployment = serde_json::from_value(v).unwrap();
    c.store.deployments.insert(key(ns, name), d);
}

/// A ClusterIP Service selecting `app: <selector_app>`, port 80 → targetPort `http`.
pub fn add_service(c: &mut Cluster, ns: &str, name: &str, selector_app: &str, extra: Value) {
    let mut v = json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name, "namespace": ns, "uid": c.store.next_uid()},
        "spec": {
            "type": "ClusterIP", "selector": {"app": selector_app},
            "clusterIP": "10.96.100.1", "clusterIPs": ["10.96.100.1"],
            "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
            "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
            "ports": [{"name": "web", "port": 80, "protocol": "TCP", "targetPort": "http"}]
        }
    });
    merge(&mut v, &extra);
    let s: Service = serde_json::from_value(v).unwrap();
    c.store.services.insert(key(ns, name), s);
}

/// A Running, Ready pod with an observed status, bound to `node`.
pub fn add_running_pod(c: &mut Cluster, ns: &str, name: &str, node: &str, ip: &str, extra: Value) {
    let mut v = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns, "uid": c.store.next_uid(), "labels": {"app": "big"}},
        "spec": {"nodeName": node, "containers": [{"name": "app", "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}]}]},
        "status": {"phase": "Running", "podIP": ip, "podIPs": [{"ip": ip}],
                   "conditions": [{"type": "Ready", "status": "True"}]}
    });
    merge(&mut v, &extra);
    let p: Pod = serde_json::from_value(v).unwrap();
    c.store.pods.insert(key(ns, name), p);
}

/// Managed slices of a Service, sorted by name.
pub fn slices_of<'a>(c: &'a Cluster, ns: &str, svc: &str) -> Vec<&'a EndpointSlice> {
    c.store
        .endpoint_slices
        .iter()
        .filter(|((sns, _), s)| {
            sns == ns
                && s.metadata
                    .labels
                    .get("kubernetes.io/service-name")
                    .map(String::as_str)
                    == Some(svc)
        })
        .map(|(_, s)| s)
        .collect()
}

/// Pods (non-terminating) whose name starts with `prefix`.
pub fn live_pods<'a>(c: &'a Cluster, ns: &str, prefix: &str) -> Vec<&'a Pod> {
    c.store
        .pods
        .iter()
        .filter(|((pns, name), p)| {
            pns == ns && name.starts_with(prefix) && p.metadata.deletion_timestamp.is_none()
        })
        .map(|(_, p)| p)
        .collect()
}
