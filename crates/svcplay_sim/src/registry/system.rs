//! What a fresh kubeadm cluster holds before any user object: the four system namespaces, the
//! `default/kubernetes` Service, its Endpoints and its EndpointSlice (kept by the API server's
//! endpoint reconciler, `pkg/controlplane/reconcilers/endpointsadapter.go`), CoreDNS (`kube-system/kube-dns`
//! at the service range's 10th address, kubeadm `GetDNSIP`, and the `coredns` Deployment), and,
//! when the input declares no Node, four default nodes.

use std::net::IpAddr;

use svcplay_model::Document;
use svcplay_model::types::{
    Condition, Deployment, Endpoint, EndpointAddress, EndpointConditions, EndpointSlice,
    EndpointSubset, Endpoints, Namespace, Node, NodeAddress, NodeSpec, NodeStatus, Object,
    ObjectMeta, Service, StringMap, Taint,
};

use crate::Cluster;

/// Name, InternalIP and whether it is the control plane, of each default node.
pub const DEFAULT_NODES: [(&str, &str, bool); 4] = [
    ("controlplane", "192.168.1.10", true),
    ("node01", "192.168.1.2", false),
    ("node02", "192.168.1.3", false),
    ("node03", "192.168.1.4", false),
];

/// The namespaces every cluster has.
pub const SYSTEM_NAMESPACES: [&str; 4] =
    ["default", "kube-system", "kube-public", "kube-node-lease"];

/// Label of control-plane nodes.
pub const CONTROL_PLANE_LABEL: &str = "node-role.kubernetes.io/control-plane";

/// The one object of `yaml`, decoded as user input is (the texts below always decode; a failure
/// would only lose the object). Decoding embedded text, rather than building JSON and
/// deserializing it, reuses the decoder the input needs anyway and keeps the wasm small.
fn decoded(yaml: &str) -> Option<Object> {
    svcplay_model::decode("svcplay-system.yaml", yaml)
        .documents
        .into_iter()
        .next()
        .and_then(|d| d.object)
}

fn string_map(pairs: &[(&str, &str)]) -> StringMap {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A default node as kubeadm + kubelet register it.
pub fn default_node(name: &str, ip: &str, control_plane: bool) -> Node {
    let mut labels = string_map(&[
        ("kubernetes.io/arch", "amd64"),
        ("kubernetes.io/hostname", name),
        ("kubernetes.io/os", "linux"),
    ]);
    let mut taints = Vec::new();
    if control_plane {
        labels.insert(CONTROL_PLANE_LABEL.to_string(), String::new());
        taints.push(Taint {
            key: CONTROL_PLANE_LABEL.to_string(),
            effect: "NoSchedule".to_string(),
            ..Taint::default()
        });
    }
    let address = |type_: &str, address: &str| NodeAddress {
        type_: type_.to_string(),
        address: address.to_string(),
    };
    Node {
        api_version: "v1".to_string(),
        kind: "Node".to_string(),
        metadata: ObjectMeta {
            name: name.to_string(),
            labels: labels.into(),
            ..ObjectMeta::default()
        },
        spec: NodeSpec {
            taints,
            ..NodeSpec::default()
        },
        status: NodeStatus {
            addresses: vec![address("InternalIP", ip), address("Hostname", name)],
            conditions: vec![Condition {
                type_: "Ready".to_string(),
                status: "True".to_string(),
                reason: "KubeletReady".to_string(),
                message: "kubelet is posting ready status".to_string(),
                ..Condition::default()
            }],
            ..NodeStatus::default()
        },
    }
}

fn internal_ip(node: &Node) -> Option<String> {
    node.status
        .addresses
        .iter()
        .find(|a| a.type_ == "InternalIP")
        .map(|a| a.address.clone())
}

/// The API server's address: the InternalIP of the first control-plane node (else of the first
/// node with one), looking at the input's nodes first, then the stored ones.
fn control_plane_ip(cluster: &Cluster, docs: &[Document]) -> Option<String> {
    let input: Vec<&Node> = docs
        .iter()
        .filter_map(|d| match &d.object {
            Some(Object::Node(n)) => Some(n),
            _ => None,
        })
        .collect();
    let stored: Vec<&Node> = cluster.store.nodes.values().collect();
    for nodes in [input, stored] {
        let pick = nodes
            .iter()
            .find(|n| n.metadata.labels.contains_key(CONTROL_PLANE_LABEL))
            .and_then(|n| internal_ip(n))
            .or_else(|| nodes.iter().find_map(|n| internal_ip(n)));
        if pick.is_some() {
            return pick;
        }
    }
    None
}

/// A Service decoded from `yaml` with `cluster_ip` (empty when there is none) as its clusterIP.
fn service(yaml: &str, cluster_ip: Option<IpAddr>) -> Service {
    let mut service = match decoded(yaml) {
        Some(Object::Service(s)) => s,
        _ => Service::default(),
    };
    service.spec.cluster_ip = cluster_ip.map(|i| i.to_string()).unwrap_or_default();
    service
}

const KUBERNETES_SERVICE: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: kubernetes
  namespace: default
  labels: {component: apiserver, provider: kubernetes}
spec:
  type: ClusterIP
  ports:
  - {name: https, protocol: TCP, port: 443, targetPort: 6443}
  sessionAffinity: None
";

/// `default/kubernetes`: the first address of the primary service range, https 443 → 6443.
pub fn kubernetes_service(cluster_ip: Option<IpAddr>) -> Service {
    service(KUBERNETES_SERVICE, cluster_ip)
}

const KUBERNETES_ENDPOINT_SLICE: &str = "\
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kubernetes
  namespace: default
  labels: {kubernetes.io/service-name: kubernetes}
addressType: IPv4
ports:
- {name: https, protocol: TCP, port: 6443}
";

/// The `kubernetes` EndpointSlice as the endpoint reconciler writes it: only the
/// `kubernetes.io/service-name` label, ready endpoints, port https 6443.
pub fn kubernetes_endpoint_slice(api_server_ip: Option<&str>) -> EndpointSlice {
    let mut slice = match decoded(KUBERNETES_ENDPOINT_SLICE) {
        Some(Object::EndpointSlice(s)) => s,
        _ => EndpointSlice::default(),
    };
    if let Some(ip) = api_server_ip {
        slice.endpoints.push(Endpoint {
            addresses: vec![ip.to_string()],
            conditions: EndpointConditions {
                ready: Some(true),
                ..EndpointConditions::default()
            },
            ..Endpoint::default()
        });
        if let Ok(IpAddr::V6(_)) = ip.parse::<IpAddr>() {
            slice.address_type = "IPv6".to_string();
        }
    }
    slice
}

const KUBERNETES_ENDPOINTS: &str = "\
apiVersion: v1
kind: Endpoints
metadata:
  name: kubernetes
  namespace: default
  labels: {endpointslice.kubernetes.io/skip-mirror: \"true\"}
";

/// The `kubernetes` Endpoints as the endpoint reconciler writes it (`EndpointsAdapter`): labelled
/// `endpointslice.kubernetes.io/skip-mirror: "true"` (it writes the EndpointSlice itself), one
/// subset with the API server's address and port https 6443; no subset without an address.
pub fn kubernetes_endpoints(api_server_ip: Option<&str>) -> Endpoints {
    let mut ep = match decoded(KUBERNETES_ENDPOINTS) {
        Some(Object::Endpoints(e)) => e,
        _ => Endpoints::default(),
    };
    if let Some(ip) = api_server_ip {
        ep.subsets.push(EndpointSubset {
            addresses: vec![EndpointAddress {
                ip: ip.to_string(),
                ..EndpointAddress::default()
            }],
            not_ready_addresses: Vec::new(),
            ports: vec![svcplay_model::types::EndpointsPort {
                name: "https".to_string(),
                port: 6443,
                protocol: "TCP".to_string(),
                app_protocol: None,
            }],
        });
    }
    ep
}

const KUBE_DNS_SERVICE: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels:
    k8s-app: kube-dns
    kubernetes.io/cluster-service: \"true\"
    kubernetes.io/name: CoreDNS
  annotations:
    prometheus.io/port: \"9153\"
    prometheus.io/scrape: \"true\"
spec:
  type: ClusterIP
  selector: {k8s-app: kube-dns}
  ports:
  - {name: dns, port: 53, protocol: UDP, targetPort: 53}
  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
  - {name: metrics, port: 9153, protocol: TCP, targetPort: 9153}
";

/// `kube-system/kube-dns` as kubeadm's CoreDNS addon creates it.
pub fn kube_dns_service(cluster_ip: Option<IpAddr>) -> Service {
    service(KUBE_DNS_SERVICE, cluster_ip)
}

const COREDNS_DEPLOYMENT: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
  labels: {k8s-app: kube-dns}
spec:
  replicas: 2
  selector:
    matchLabels: {k8s-app: kube-dns}
  template:
    metadata:
      labels: {k8s-app: kube-dns}
    spec:
      priorityClassName: system-cluster-critical
      serviceAccountName: coredns
      nodeSelector: {kubernetes.io/os: linux}
      tolerations:
      - {key: CriticalAddonsOnly, operator: Exists}
      - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}
      containers:
      - name: coredns
        image: registry.k8s.io/coredns/coredns:v1.12.0
        args: [-conf, /etc/coredns/Corefile]
        ports:
        - {name: dns, containerPort: 53, protocol: UDP}
        - {name: dns-tcp, containerPort: 53, protocol: TCP}
        - {name: metrics, containerPort: 9153, protocol: TCP}
";

/// The `kube-system/coredns` Deployment (2 replicas, tolerating the control-plane taint).
pub fn coredns_deployment() -> Deployment {
    match decoded(COREDNS_DEPLOYMENT) {
        Some(Object::Deployment(d)) => d,
        _ => Deployment::default(),
    }
}

/// Whether the input declares this object (observed input carries the system objects itself).
fn declared(docs: &[Document], kind: &str, namespace: &str, name: &str) -> bool {
    docs.iter().any(|d| {
        let ns = if d.namespace.is_empty() && kind != "Namespace" {
            "default"
        } else {
            d.namespace.as_str()
        };
        d.kind == kind && d.name == name && (kind == "Namespace" || ns == namespace)
    })
}

/// Creates whatever system object is missing (idempotent: a second apply adds nothing). In
/// observed mode, objects the input declares itself are left to the input.
pub fn ensure_system_objects(cluster: &mut Cluster, docs: &[Document]) {
    let observed = cluster.options.observed;
    let missing = |cluster: &Cluster, kind: &str, ns: &str, name: &str| {
        let left_to_input = observed && declared(docs, kind, ns, name);
        !cluster.store.exists(kind, ns, name) && !left_to_input
    };
    for ns in SYSTEM_NAMESPACES {
        if missing(cluster, "Namespace", "", ns) {
            let obj = Namespace {
                metadata: ObjectMeta {
                    name: ns.to_string(),
                    ..ObjectMeta::default()
                },
                ..Namespace::default()
            };
            super::create_object(cluster, Object::Namespace(obj));
        }
    }
    let input_has_nodes = docs
        .iter()
        .any(|d| matches!(d.object, Some(Object::Node(_))) || d.kind == "Node");
    if !input_has_nodes && cluster.store.nodes.is_empty() {
        for (name, ip, cp) in DEFAULT_NODES {
            super::create_object(cluster, Object::Node(default_node(name, ip, cp)));
        }
    }
    let primary = cluster.alloc.cluster_ips.first();
    let first_ip = primary.and_then(|a| a.nth_usable(0));
    let dns_ip = primary.and_then(|a| a.nth_usable(9));
    if missing(cluster, "Service", "default", "kubernetes") {
        super::create_object(cluster, Object::Service(kubernetes_service(first_ip)));
    }
    if missing(cluster, "Endpoints", "default", "kubernetes") {
        let ip = control_plane_ip(cluster, docs);
        let ep = kubernetes_endpoints(ip.as_deref());
        super::create_object(cluster, Object::Endpoints(ep));
    }
    if missing(cluster, "EndpointSlice", "default", "kubernetes") {
        let ip = control_plane_ip(cluster, docs);
        let slice = kubernetes_endpoint_slice(ip.as_deref());
        super::create_object(cluster, Object::EndpointSlice(slice));
    }
    if missing(cluster, "Service", "kube-system", "kube-dns") {
        super::create_object(cluster, Object::Service(kube_dns_service(dns_ip)));
    }
    if missing(cluster, "Deployment", "kube-system", "coredns") {
        super::create_object(cluster, Object::Deployment(coredns_deployment()));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn from_json<T: serde::de::DeserializeOwned>(v: Value) -> T {
        serde_json::from_value(v).expect("fits the type")
    }

    // The system objects were first written as JSON literals; the embedded YAML and the struct
    // literals above must build exactly the same objects.
    #[test]
    fn default_nodes_match_their_json() {
        for (name, ip, control_plane) in DEFAULT_NODES {
            let mut labels = json!({
                "kubernetes.io/arch": "amd64",
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux",
            });
            let mut taints = json!([]);
            if control_plane {
                labels[CONTROL_PLANE_LABEL] = json!("");
                taints = json!([{"key": CONTROL_PLANE_LABEL, "effect": "NoSchedule"}]);
            }
            let want: Node = from_json(json!({
                "apiVersion": "v1",
                "kind": "Node",
                "metadata": {"name": name, "labels": labels},
                "spec": {"taints": taints},
                "status": {
                    "addresses": [
                        {"type": "InternalIP", "address": ip},
                        {"type": "Hostname", "address": name},
                    ],
                    "conditions": [{
                        "type": "Ready",
                        "status": "True",
                        "reason": "KubeletReady",
                        "message": "kubelet is posting ready status",
                    }],
                },
            }));
            assert_eq!(default_node(name, ip, control_plane), want, "{name}");
        }
    }

    #[test]
    fn services_match_their_json() {
        for ip in [None, Some("10.96.0.1".parse().expect("ip"))] {
            let ip_text = ip.map(|i: IpAddr| i.to_string()).unwrap_or_default();
            let want: Service = from_json(json!({
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {
                    "name": "kubernetes",
                    "namespace": "default",
                    "labels": {"component": "apiserver", "provider": "kubernetes"},
                },
                "spec": {
                    "type": "ClusterIP",
                    "clusterIP": ip_text,
                    "ports": [{"name": "https", "protocol": "TCP", "port": 443, "targetPort": 6443}],
                    "sessionAffinity": "None",
                },
            }));
            assert_eq!(kubernetes_service(ip), want);
            let want: Service = from_json(json!({
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {
                    "name": "kube-dns",
                    "namespace": "kube-system",
                    "labels": {
                        "k8s-app": "kube-dns",
                        "kubernetes.io/cluster-service": "true",
                        "kubernetes.io/name": "CoreDNS",
                    },
                    "annotations": {"prometheus.io/port": "9153", "prometheus.io/scrape": "true"},
                },
                "spec": {
                    "type": "ClusterIP",
                    "clusterIP": ip_text,
                    "selector": {"k8s-app": "kube-dns"},
                    "ports": [
                        {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                        {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
                        {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153},
                    ],
                },
            }));
            assert_eq!(kube_dns_service(ip), want);
        }
    }

    #[test]
    fn kubernetes_endpoint_slice_matches_its_json() {
        for (ip, family) in [
            (None, "IPv4"),
            (Some("192.168.1.10"), "IPv4"),
            (Some("fd00::10"), "IPv6"),
            (Some("not an ip"), "IPv4"),
        ] {
            let endpoints = match ip {
                Some(ip) => json!([{"addresses": [ip], "conditions": {"ready": true}}]),
                None => json!([]),
            };
            let want: EndpointSlice = from_json(json!({
                "apiVersion": "discovery.k8s.io/v1",
                "kind": "EndpointSlice",
                "metadata": {
                    "name": "kubernetes",
                    "namespace": "default",
                    "labels": {"kubernetes.io/service-name": "kubernetes"},
                },
                "addressType": family,
                "endpoints": endpoints,
                "ports": [{"name": "https", "protocol": "TCP", "port": 6443}],
            }));
            assert_eq!(kubernetes_endpoint_slice(ip), want, "{ip:?}");
        }
    }

    #[test]
    fn coredns_deployment_matches_its_json() {
        let want: Deployment = from_json(json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {
                "name": "coredns",
                "namespace": "kube-system",
                "labels": {"k8s-app": "kube-dns"},
            },
            "spec": {
                "replicas": 2,
                "selector": {"matchLabels": {"k8s-app": "kube-dns"}},
                "template": {
                    "metadata": {"labels": {"k8s-app": "kube-dns"}},
                    "spec": {
                        "priorityClassName": "system-cluster-critical",
                        "serviceAccountName": "coredns",
                        "nodeSelector": {"kubernetes.io/os": "linux"},
                        "tolerations": [
                            {"key": "CriticalAddonsOnly", "operator": "Exists"},
                            {"key": CONTROL_PLANE_LABEL, "effect": "NoSchedule"},
                        ],
                        "containers": [{
                            "name": "coredns",
                            "image": "registry.k8s.io/coredns/coredns:v1.12.0",
                            "args": ["-conf", "/etc/coredns/Corefile"],
                            "ports": [
                                {"name": "dns", "containerPort": 53, "protocol": "UDP"},
                                {"name": "dns-tcp", "containerPort": 53, "protocol": "TCP"},
                                {"name": "metrics", "containerPort": 9153, "protocol": "TCP"},
                            ],
                        }],
                    },
                },
            },
        }));
        assert_eq!(coredns_deployment(), want);
    }

    #[test]
    fn system_namespaces_carry_only_their_name() {
        let mut cluster = Cluster::new(crate::Options::default());
        ensure_system_objects(&mut cluster, &[]);
        for ns in SYSTEM_NAMESPACES {
            assert!(cluster.store.exists("Namespace", "", ns), "{ns}");
        }
    }
}
