//! Defaulting: the v1 scheme defaults (`pkg/apis/core/v1/defaults.go`,
//! `pkg/apis/apps/v1/defaults.go`, `pkg/apis/discovery/v1/defaults.go` and the declarative
//! `+default` markers), applied after decoding and before validation.
//!
//! The registry's create-time defaults (ipFamilies, ipFamilyPolicy, clusterIPs) depend on the
//! cluster and live with the allocators in `svcplay_sim`. Fields svcplay keeps verbatim in
//! `other` maps are only ever added when absent, never rewritten.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::types::{
    Container, Deployment, EndpointSlice, IntOrString, Namespace, Node, Object, Pod, PodSpec,
    ReplicaSet, Service,
};

/// `v1.DefaultClientIPServiceAffinitySeconds`: 3 hours.
pub const DEFAULT_CLIENT_IP_AFFINITY_SECONDS: i32 = 10800;
/// `v1.DefaultTerminationGracePeriodSeconds`.
pub const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS: i64 = 30;
/// `v1.LabelMetadataName`: the label every named Namespace gets.
pub const LABEL_METADATA_NAME: &str = "kubernetes.io/metadata.name";

/// Applies the scheme defaults to `obj` in place.
pub fn default_object(obj: &mut Object) {
    match obj {
        Object::Service(s) => default_service(s),
        Object::Pod(p) => default_pod(p),
        Object::Deployment(d) => default_deployment(d),
        Object::ReplicaSet(r) => default_replica_set(r),
        Object::EndpointSlice(e) => default_endpoint_slice(e),
        Object::Namespace(n) => default_namespace(n),
        Object::Node(n) => default_node(n),
        Object::ClusterConfiguration(_) | Object::KubeProxyConfiguration(_) => {}
    }
}

fn set_if_absent(m: &mut BTreeMap<String, Value>, key: &str, value: Value) {
    match m.get(key) {
        None | Some(Value::Null) => {
            m.insert(key.to_string(), value);
        }
        Some(_) => {}
    }
}

/// `SetDefaults_Service` (v1).
pub fn default_service(svc: &mut Service) {
    let spec = &mut svc.spec;
    if spec.session_affinity.is_empty() {
        spec.session_affinity = "None".to_string();
    }
    if spec.session_affinity == "None" {
        spec.session_affinity_config = None;
    }
    if spec.session_affinity == "ClientIP" {
        let has_timeout = spec
            .session_affinity_config
            .as_ref()
            .and_then(|c| c.client_ip.as_ref())
            .and_then(|c| c.timeout_seconds)
            .is_some();
        if !has_timeout {
            spec.session_affinity_config = Some(crate::types::SessionAffinityConfig {
                client_ip: Some(crate::types::ClientIPConfig {
                    timeout_seconds: Some(DEFAULT_CLIENT_IP_AFFINITY_SECONDS),
                }),
            });
        }
    }
    if spec.type_.is_empty() {
        spec.type_ = "ClusterIP".to_string();
    }
    for port in &mut spec.ports {
        if port.protocol.is_empty() {
            port.protocol = "TCP".to_string();
        }
        if port.target_port.as_ref().is_none_or(IntOrString::is_zero) {
            port.target_port = Some(IntOrString::Int(port.port));
        }
    }
    // service.ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with externalIPs.
    let externally_accessible = spec.type_ == "LoadBalancer"
        || spec.type_ == "NodePort"
        || (spec.type_ == "ClusterIP" && !spec.external_ips.is_empty());
    if externally_accessible && spec.external_traffic_policy.is_empty() {
        spec.external_traffic_policy = "Cluster".to_string();
    }
    if spec.internal_traffic_policy.is_none()
        && matches!(
            spec.type_.as_str(),
            "NodePort" | "LoadBalancer" | "ClusterIP"
        )
    {
        spec.internal_traffic_policy = Some("Cluster".to_string());
    }
    if spec.type_ == "LoadBalancer" {
        if spec.allocate_load_balancer_node_ports.is_none() {
            spec.allocate_load_balancer_node_ports = Some(true);
        }
        for ing in &mut svc.status.load_balancer.ingress {
            if !ing.ip.is_empty() && ing.ip_mode.is_none() {
                ing.ip_mode = Some("VIP".to_string());
            }
        }
    }
}

/// The tag `parsers.ParseImageName` finds: `latest` when the reference has neither tag nor
/// digest, `None` when it does not parse (then the pull policy defaults to IfNotPresent).
fn image_tag(image: &str) -> Option<String> {
    if image.is_empty() || image.chars().any(|c| c.is_whitespace()) {
        return None;
    }
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    let last = name.rsplit('/').next().unwrap_or(name);
    let tag = last.rsplit_once(':').map(|(_, t)| t.to_string());
    let repo_len = name.len() - tag.as_ref().map_or(0, |t| t.len() + 1);
    // Repository paths are lower case (docker reference grammar).
    let repo = &name[..repo_len];
    let path = repo.split_once('/').map_or(repo, |(host, rest)| {
        if host.contains('.') || host.contains(':') || host == "localhost" {
            rest
        } else {
            repo
        }
    });
    if path.is_empty() || path.chars().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    match (tag, digest) {
        (Some(t), _) => Some(t),
        (None, Some(_)) => Some(String::new()),
        (None, None) => Some("latest".to_string()),
    }
}

/// `SetDefaults_Container` plus the declarative `ports[].protocol: TCP`.
fn default_container(c: &mut Container) {
    let policy = if image_tag(&c.image).as_deref() == Some("latest") {
        "Always"
    } else {
        "IfNotPresent"
    };
    set_if_absent(&mut c.other, "imagePullPolicy", json!(policy));
    set_if_absent(
        &mut c.other,
        "terminationMessagePath",
        json!("/dev/termination-log"),
    );
    set_if_absent(&mut c.other, "terminationMessagePolicy", json!("File"));
    for p in &mut c.ports {
        if p.protocol.is_empty() {
            p.protocol = "TCP".to_string();
        }
    }
}

/// `SetDefaults_PodSpec` and the container defaults (applied to Pods and pod templates).
pub fn default_pod_spec(spec: &mut PodSpec) {
    set_if_absent(&mut spec.other, "dnsPolicy", json!("ClusterFirst"));
    if spec.restart_policy.is_empty() {
        spec.restart_policy = "Always".to_string();
    }
    set_if_absent(&mut spec.other, "securityContext", json!({}));
    set_if_absent(
        &mut spec.other,
        "terminationGracePeriodSeconds",
        json!(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS),
    );
    set_if_absent(&mut spec.other, "schedulerName", json!("default-scheduler"));
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        default_container(c);
    }
}

/// `SetDefaults_Pod` + `SetDefaults_PodSpec` (resource requests are not modelled).
pub fn default_pod(pod: &mut Pod) {
    default_pod_spec(&mut pod.spec);
    set_if_absent(&mut pod.spec.other, "enableServiceLinks", json!(true));
    if pod.spec.host_network {
        for c in pod
            .spec
            .containers
            .iter_mut()
            .chain(pod.spec.init_containers.iter_mut())
        {
            for p in &mut c.ports {
                if p.host_port == 0 {
                    p.host_port = p.container_port;
                }
            }
        }
    }
}

/// apps/v1 `SetDefaults_Deployment`.
pub fn default_deployment(d: &mut Deployment) {
    let spec = &mut d.spec;
    if spec.replicas.is_none() {
        spec.replicas = Some(1);
    }
    let strategy = spec
        .other
        .entry("strategy".to_string())
        .or_insert_with(|| json!({}));
    if strategy.is_null() {
        *strategy = json!({});
    }
    if let Value::Object(s) = strategy {
        let ty = s
            .entry("type".to_string())
            .or_insert_with(|| json!("RollingUpdate"));
        if ty.as_str() == Some("") || ty.is_null() {
            *ty = json!("RollingUpdate");
        }
        if s.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
            let ru = s
                .entry("rollingUpdate".to_string())
                .or_insert_with(|| json!({}));
            if ru.is_null() {
                *ru = json!({});
            }
            if let Value::Object(ru) = ru {
                for key in ["maxUnavailable", "maxSurge"] {
                    if ru.get(key).is_none_or(Value::is_null) {
                        ru.insert(key.to_string(), json!("25%"));
                    }
                }
            }
        }
    }
    set_if_absent(&mut spec.other, "revisionHistoryLimit", json!(10));
    set_if_absent(&mut spec.other, "progressDeadlineSeconds", json!(600));
    default_pod_spec(&mut spec.template.spec);
}

/// apps/v1 `SetDefaults_ReplicaSet`.
pub fn default_replica_set(rs: &mut ReplicaSet) {
    if rs.spec.replicas.is_none() {
        rs.spec.replicas = Some(1);
    }
    default_pod_spec(&mut rs.spec.template.spec);
}

/// discovery/v1 `SetDefaults_EndpointPort`: nil name → `""`, nil protocol → `TCP`.
pub fn default_endpoint_slice(e: &mut EndpointSlice) {
    for p in &mut e.ports {
        if p.name.is_none() {
            p.name = Some(String::new());
        }
        if p.protocol.is_none() {
            p.protocol = Some("TCP".to_string());
        }
    }
}

/// `SetDefaults_Namespace` (the `kubernetes.io/metadata.name` label) and
/// `SetDefaults_NamespaceStatus` (`phase: Active`).
pub fn default_namespace(ns: &mut Namespace) {
    if !ns.metadata.name.is_empty() {
        ns.metadata
            .labels
            .insert(LABEL_METADATA_NAME.to_string(), ns.metadata.name.clone());
    }
    let status = ns.status.get_or_insert_with(|| json!({}));
    if status.is_null() {
        *status = json!({});
    }
    if let Value::Object(s) = status
        && s.get("phase")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
    {
        s.insert("phase".to_string(), json!("Active"));
    }
}

/// `SetDefaults_NodeStatus`: allocatable defaults to capacity.
pub fn default_node(node: &mut Node) {
    if node.status.allocatable.is_none() && node.status.capacity.is_some() {
        node.status.allocatable = node.status.capacity.clone();
    }
}
