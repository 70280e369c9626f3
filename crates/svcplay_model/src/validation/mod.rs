//! Validation as kube-apiserver's `ValidateXxxCreate` does it, collecting every error with its
//! upstream field path and message (Kubernetes 1.33, default feature gates).
//!
//! Input is a *defaulted* object ([`crate::defaults::default_object`]). A namespaced object with
//! an empty `metadata.namespace` is validated as if in `default`: the apiserver always validates
//! with the request's namespace (kubectl's `default`); a cluster-scoped object's namespace is
//! cleared first, as `rest.BeforeCreate` does. `generateName` must already have produced a
//! `name`.

pub mod apps;
pub mod container;
pub mod endpoints;
pub mod endpointslice;
pub mod ip;
pub mod meta;
pub mod names;
pub mod networkpolicy;
pub mod node;
pub mod pod;
pub mod resources;
pub mod scheduling;
pub mod security;
pub mod service;
pub mod volumes;
pub mod warnings;

use std::borrow::Cow;

use crate::field::ErrorList;
use crate::types::{Object, ObjectMeta, Service};

pub use service::validate_service_cluster_ips_related_fields;
pub use warnings::{endpoints_warnings, service_warnings};

/// The metadata validated: an empty namespace stands for the request's `default`.
fn with_request_namespace(meta: &ObjectMeta) -> Cow<'_, ObjectMeta> {
    if meta.namespace.is_empty() {
        let mut m = meta.clone();
        m.namespace = "default".to_string();
        Cow::Owned(m)
    } else {
        Cow::Borrowed(meta)
    }
}

/// `ValidateServiceCreate` (= `ValidateService`) on a defaulted Service: metadata (DNS-1035
/// name), ports, selector, session affinity, clusterIPs/ipFamilies/ipFamilyPolicy, externalIPs,
/// load-balancer fields, traffic policies and trafficDistribution. Cluster-dependent checks
/// (families configured, ranges, allocation) belong to the allocator.
pub fn validate_service(svc: &Service) -> ErrorList {
    match with_request_namespace(&svc.metadata) {
        Cow::Borrowed(_) => service::validate_service(svc),
        Cow::Owned(meta) => {
            let mut s = svc.clone();
            s.metadata = meta;
            service::validate_service(&s)
        }
    }
}

/// Validates any object on create, dispatching to the kind's rules. The kubeadm and kube-proxy
/// configuration documents are not API objects and give no errors here.
pub fn validate_object(obj: &Object) -> ErrorList {
    let mut obj = Cow::Borrowed(obj);
    if obj.is_namespaced() {
        if let Some(meta) = obj.metadata()
            && let Cow::Owned(m) = with_request_namespace(meta)
            && let Some(slot) = obj.to_mut().metadata_mut()
        {
            *slot = m;
        }
    } else if obj.metadata().is_some_and(|m| !m.namespace.is_empty())
        && let Some(slot) = obj.to_mut().metadata_mut()
    {
        // rest.BeforeCreate clears the namespace of a cluster-scoped object before validation
        // (the kind's own validation, like upstream's, forbids one).
        slot.namespace.clear();
    }
    match obj.as_ref() {
        Object::Service(s) => service::validate_service(s),
        Object::Namespace(n) => node::validate_namespace(n),
        Object::Node(n) => node::validate_node(n),
        Object::Pod(p) => pod::validate_pod(p),
        Object::Deployment(d) => apps::validate_deployment(d),
        Object::ReplicaSet(r) => apps::validate_replica_set(r),
        Object::StatefulSet(s) => apps::validate_stateful_set(s),
        Object::DaemonSet(d) => apps::validate_daemon_set(d),
        Object::EndpointSlice(e) => endpointslice::validate_endpoint_slice(e),
        Object::Endpoints(e) => endpoints::validate_endpoints(e),
        Object::NetworkPolicy(n) => networkpolicy::validate_network_policy(n),
        Object::Unsimulated(u) => match u.builtin() {
            Some(b) => meta::validate_object_meta(
                &u.metadata,
                b.namespaced,
                b.name_rule,
                &crate::field::Path::new("metadata"),
            ),
            None => Vec::new(),
        },
        Object::ClusterConfiguration(_) | Object::KubeProxyConfiguration(_) => Vec::new(),
    }
}
