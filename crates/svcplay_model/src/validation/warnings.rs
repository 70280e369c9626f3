//! `GetWarningsForService` (`pkg/api/service/warnings.go`): warnings returned with a successful
//! create. Kubernetes 1.33 set: the `spec.externalIPs is deprecated` and `PreferClose is
//! deprecated` warnings of later releases are not included.

use crate::field::Path;
use crate::types::Service;

use super::ip::{warnings_for_cidr, warnings_for_ip};
use super::service::{
    ANNOTATION_TOPOLOGY_AWARE_HINTS, ANNOTATION_TOPOLOGY_MODE, CLUSTER_IP_NONE, TYPE_CLUSTER_IP,
    TYPE_EXTERNAL_NAME,
};

/// `GetWarningsForService` on create (no old object).
pub fn service_warnings(svc: &Service) -> Vec<String> {
    let mut w = Vec::new();
    let spec = &svc.spec;
    let spec_path = Path::new("spec");

    if svc
        .metadata
        .annotations
        .contains_key(ANNOTATION_TOPOLOGY_AWARE_HINTS)
    {
        w.push(format!(
            "annotation {ANNOTATION_TOPOLOGY_AWARE_HINTS} is deprecated, please use {ANNOTATION_TOPOLOGY_MODE} instead"
        ));
    }

    // helper.IsServiceIPSet: clusterIP neither empty nor None.
    if !spec.cluster_ip.is_empty() && spec.cluster_ip != CLUSTER_IP_NONE {
        for (i, ip) in spec.cluster_ips.iter().enumerate() {
            w.extend(warnings_for_ip(&spec_path.child("clusterIPs").index(i), ip));
        }
    }

    // This file's isHeadlessService: type ClusterIP and clusterIP None.
    let headless = spec.type_ == TYPE_CLUSTER_IP && spec.cluster_ip == CLUSTER_IP_NONE;
    if headless {
        if !spec.load_balancer_ip.is_empty() {
            w.push("spec.loadBalancerIP is ignored for headless services".to_string());
        }
        if !spec.external_ips.is_empty() {
            w.push("spec.externalIPs is ignored for headless services".to_string());
        }
        if spec.session_affinity != "None" {
            w.push("spec.SessionAffinity is ignored for headless services".to_string());
        }
    }

    for (i, ip) in spec.external_ips.iter().enumerate() {
        w.extend(warnings_for_ip(
            &spec_path.child("externalIPs").index(i),
            ip,
        ));
    }

    if !spec.load_balancer_ip.is_empty() {
        w.extend(warnings_for_ip(
            &spec_path.child("loadBalancerIP"),
            &spec.load_balancer_ip,
        ));
    }

    for (i, cidr) in spec.load_balancer_source_ranges.iter().enumerate() {
        w.extend(warnings_for_cidr(
            &spec_path.child("loadBalancerSourceRanges").index(i),
            cidr,
        ));
    }

    if spec.type_ == TYPE_EXTERNAL_NAME && !spec.external_ips.is_empty() {
        w.push(format!(
            "spec.externalIPs is ignored when spec.type is \"{TYPE_EXTERNAL_NAME}\""
        ));
    }
    if spec.type_ != TYPE_EXTERNAL_NAME && !spec.external_name.is_empty() {
        w.push(format!(
            "spec.externalName is ignored when spec.type is not \"{TYPE_EXTERNAL_NAME}\""
        ));
    }
    w
}

/// What kube-apiserver 1.33 says of every v1 Endpoints request (KEP-4974, the deprecation of
/// the Endpoints API in favour of EndpointSlices).
pub const ENDPOINTS_DEPRECATED: &str =
    "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

/// The warnings of creating an Endpoints: the API deprecation, then `endpointsWarnings`
/// (`pkg/registry/core/endpoint/strategy.go`): `GetWarningsForIP` for each ready, then not-ready,
/// address of each subset.
pub fn endpoints_warnings(ep: &crate::types::Endpoints) -> Vec<String> {
    let mut w = vec![ENDPOINTS_DEPRECATED.to_string()];
    let path = Path::new("subsets");
    for (i, ss) in ep.subsets.iter().enumerate() {
        for (j, a) in ss.addresses.iter().enumerate() {
            let p = path.index(i).child("addresses").index(j).child("ip");
            w.extend(warnings_for_ip(&p, &a.ip));
        }
        for (j, a) in ss.not_ready_addresses.iter().enumerate() {
            let p = path
                .index(i)
                .child("notReadyAddresses")
                .index(j)
                .child("ip");
            w.extend(warnings_for_ip(&p, &a.ip));
        }
    }
    w
}
