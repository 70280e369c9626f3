//! What the page draws: a small, typed picture of the settled cluster (TypeScript `ClusterView`).
//!
//! Nodes with their addresses, pods with labels, IP and readiness, Services with their port chain
//! (`nodePort → port → targetPort`) and the pods their EndpointSlices list, and workloads for the
//! scale control. Computed from the store in one pass per kind; everything is sorted by name.

use serde::{Deserialize, Serialize};
use svcplay_model::types::{Condition, Node, Pod, Service, StringMap};
use svcplay_sim::Cluster;
use svcplay_sim::controllers::LABEL_SERVICE_NAME;

/// The picture of the cluster (TypeScript `ClusterView`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterView {
    /// Nodes by name.
    pub nodes: Vec<NodeView>,
    /// Every pod, by namespace and name.
    pub pods: Vec<PodView>,
    /// Every Service, by namespace and name.
    pub services: Vec<ServiceView>,
    /// Deployments (and ReplicaSets without a Deployment).
    pub workloads: Vec<WorkloadView>,
}

/// One node (TypeScript `NodeView`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeView {
    /// Name.
    pub name: String,
    /// InternalIP (empty if none).
    pub ip: String,
    /// The `Ready` condition is `True`.
    pub ready: bool,
    /// Cordoned (`spec.unschedulable`).
    pub unschedulable: bool,
    /// Has the control-plane role label.
    pub control_plane: bool,
}

/// One pod (TypeScript `PodView`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodView {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Node it is bound to (`None` while Pending unscheduled).
    pub node: Option<String>,
    /// Pod IP (empty until the kubelet set one).
    pub ip: String,
    /// `status.phase`.
    pub phase: String,
    /// The `Ready` condition is `True`.
    pub ready: bool,
    /// Has a `deletionTimestamp`.
    pub terminating: bool,
    /// Labels.
    pub labels: StringMap,
    /// The controlling owner as `kind/name` (e.g. `ReplicaSet/web-5d8f`).
    pub owner: Option<String>,
    /// The Deployment whose ReplicaSet owns it, if any.
    pub deployment: Option<String>,
    /// Why the scheduler cannot place it (the `PodScheduled=False` message), while it cannot.
    pub pending_reason: Option<String>,
}

/// One port of a Service: `nodePort → port → targetPort` (TypeScript `PortView`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortView {
    /// Port name (may be empty).
    pub name: String,
    /// `TCP`, `UDP`, `SCTP`.
    pub protocol: String,
    /// `port`.
    pub port: i32,
    /// `targetPort` as written or defaulted (a number or a container port name).
    pub target_port: String,
    /// `nodePort`, when allocated.
    pub node_port: Option<i32>,
}

/// One endpoint of a Service (TypeScript `EndpointView`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointView {
    /// The pod behind it, if any.
    pub pod: Option<String>,
    /// Its address.
    pub ip: String,
    /// Node it runs on.
    pub node: Option<String>,
    /// `conditions.ready` (unset counts as ready).
    pub ready: bool,
    /// `conditions.terminating`.
    pub terminating: bool,
}

/// One Service (TypeScript `ServiceView`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceView {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `spec.type`.
    #[serde(rename = "type")]
    pub type_: String,
    /// `spec.clusterIP` (`None` for headless, empty for ExternalName).
    #[serde(rename = "clusterIP")]
    pub cluster_ip: String,
    /// Load balancer ingress addresses (IPs or hostnames).
    pub load_balancer: Vec<String>,
    /// `spec.externalIPs`.
    #[serde(rename = "externalIPs")]
    pub external_ips: Vec<String>,
    /// `spec.externalName`.
    pub external_name: String,
    /// `spec.externalTrafficPolicy` (empty unless NodePort/LoadBalancer).
    pub external_traffic_policy: String,
    /// `spec.selector` (`None`: no selector, endpoints are managed by hand).
    pub selector: Option<StringMap>,
    /// Ports.
    pub ports: Vec<PortView>,
    /// Endpoints of its EndpointSlices, by address.
    pub endpoints: Vec<EndpointView>,
}

/// A Deployment, a ReplicaSet without one, or a StatefulSet (TypeScript `WorkloadView`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadView {
    /// `Deployment`, `ReplicaSet` or `StatefulSet`.
    pub kind: String,
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `spec.replicas` (default 1).
    pub replicas: i32,
    /// `status.readyReplicas`.
    pub ready: i32,
}

fn condition_true(conditions: &[Condition], type_: &str) -> bool {
    conditions
        .iter()
        .any(|c| c.type_ == type_ && c.status == "True")
}

/// The node's InternalIP, or its first address.
pub fn node_ip(node: &Node) -> String {
    let a = &node.status.addresses;
    a.iter()
        .find(|a| a.type_ == "InternalIP")
        .or_else(|| a.iter().find(|a| a.type_ != "Hostname"))
        .map(|a| a.address.clone())
        .unwrap_or_default()
}

/// Whether the pod's `Ready` condition is `True`.
pub fn pod_ready(pod: &Pod) -> bool {
    condition_true(&pod.status.conditions, "Ready")
}

fn controller_of(meta: &svcplay_model::types::ObjectMeta) -> Option<(&str, &str)> {
    meta.owner_references
        .iter()
        .find(|o| o.controller == Some(true))
        .or_else(|| meta.owner_references.first())
        .map(|o| (o.kind.as_str(), o.name.as_str()))
}

fn service_view(cluster: &Cluster, svc: &Service) -> ServiceView {
    let ns = if svc.metadata.namespace.is_empty() {
        "default"
    } else {
        &svc.metadata.namespace
    };
    let spec = &svc.spec;
    let mut endpoints: Vec<EndpointView> = cluster
        .store
        .endpoint_slices
        .iter()
        .filter(|((sns, _), slice)| {
            sns == ns && slice.metadata.labels.get(LABEL_SERVICE_NAME) == Some(&svc.metadata.name)
        })
        .flat_map(|(_, slice)| slice.endpoints.iter())
        .flat_map(|e| {
            e.addresses.iter().map(move |ip| EndpointView {
                pod: e
                    .target_ref
                    .as_ref()
                    .filter(|r| r.kind == "Pod")
                    .map(|r| r.name.clone()),
                ip: ip.clone(),
                node: e.node_name.clone(),
                ready: e.conditions.ready.unwrap_or(true),
                terminating: e.conditions.terminating.unwrap_or(false),
            })
        })
        .collect();
    svcplay_model::slice::sort_by(&mut endpoints, |a, b| a.ip.cmp(&b.ip));
    endpoints.dedup_by(|a, b| a.ip == b.ip);
    let type_ = if spec.type_.is_empty() {
        "ClusterIP".to_string()
    } else {
        spec.type_.clone()
    };
    ServiceView {
        namespace: ns.to_string(),
        name: svc.metadata.name.clone(),
        external_traffic_policy: spec.external_traffic_policy.clone(),
        cluster_ip: spec.cluster_ip.clone(),
        load_balancer: svc.status.load_balancer.addresses(),
        external_ips: spec.external_ips.clone(),
        external_name: spec.external_name.clone(),
        selector: spec.selector.clone(),
        ports: spec
            .ports
            .iter()
            .map(|p| PortView {
                name: p.name.clone(),
                protocol: if p.protocol.is_empty() {
                    "TCP".into()
                } else {
                    p.protocol.clone()
                },
                port: p.port,
                target_port: p
                    .target_port
                    .as_ref()
                    .filter(|t| !t.is_zero())
                    .map_or_else(|| p.port.to_string(), ToString::to_string),
                node_port: (p.node_port != 0).then_some(p.node_port),
            })
            .collect(),
        endpoints,
        type_,
    }
}

impl ClusterView {
    /// Builds the picture of `cluster`.
    pub fn new(cluster: &Cluster) -> Self {
        let store = &cluster.store;
        let nodes = store
            .nodes
            .values()
            .map(|n| NodeView {
                name: n.metadata.name.clone(),
                ip: node_ip(n),
                // Without a Ready condition the simulated kubelet reports in: ready.
                ready: n
                    .status
                    .conditions
                    .iter()
                    .find(|c| c.type_ == "Ready")
                    .is_none_or(|c| c.status == "True"),
                unschedulable: n.spec.unschedulable,
                control_plane: n
                    .metadata
                    .labels
                    .contains_key(svcplay_sim::registry::system::CONTROL_PLANE_LABEL),
            })
            .collect();
        let pods = store
            .pods
            .iter()
            .map(|((ns, name), p)| {
                let owner = controller_of(&p.metadata);
                let deployment = owner
                    .filter(|(k, _)| *k == "ReplicaSet")
                    .and_then(|(_, rs)| {
                        store
                            .replica_sets
                            .get(&(ns.clone(), rs.to_string()))
                            .and_then(|rs| controller_of(&rs.metadata))
                            .filter(|(k, _)| *k == "Deployment")
                            .map(|(_, d)| d.to_string())
                    });
                PodView {
                    namespace: ns.clone(),
                    name: name.clone(),
                    node: Some(p.spec.node_name.clone()).filter(|n| !n.is_empty()),
                    ip: p.status.pod_ip.clone(),
                    phase: p.status.phase.clone(),
                    ready: pod_ready(p),
                    terminating: p.metadata.deletion_timestamp.is_some(),
                    labels: (*p.metadata.labels).clone(),
                    owner: owner.map(|(k, n)| format!("{k}/{n}")),
                    deployment,
                    pending_reason: p
                        .status
                        .conditions
                        .iter()
                        .find(|c| c.type_ == "PodScheduled" && c.status == "False")
                        .map(|c| c.message.clone()),
                }
            })
            .collect();
        let services = store
            .services
            .values()
            .map(|s| service_view(cluster, s))
            .collect();
        let mut workloads: Vec<WorkloadView> = store
            .deployments
            .iter()
            .map(|((ns, name), d)| WorkloadView {
                kind: "Deployment".into(),
                namespace: ns.clone(),
                name: name.clone(),
                replicas: d.spec.replicas.unwrap_or(1),
                ready: d.status.ready_replicas,
            })
            .collect();
        workloads.extend(
            store
                .replica_sets
                .iter()
                .filter(|(_, rs)| controller_of(&rs.metadata).is_none())
                .map(|((ns, name), rs)| WorkloadView {
                    kind: "ReplicaSet".into(),
                    namespace: ns.clone(),
                    name: name.clone(),
                    replicas: rs.spec.replicas.unwrap_or(1),
                    ready: rs.status.ready_replicas,
                }),
        );
        workloads.extend(
            store
                .stateful_sets
                .iter()
                .map(|((ns, name), s)| WorkloadView {
                    kind: "StatefulSet".into(),
                    namespace: ns.clone(),
                    name: name.clone(),
                    replicas: s.spec.replicas.unwrap_or(1),
                    ready: s.status.ready_replicas,
                }),
        );
        ClusterView {
            nodes,
            pods,
            services,
            workloads,
        }
    }
}
