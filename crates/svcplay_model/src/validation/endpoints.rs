//! Endpoints validation (`pkg/apis/core/validation/validation.go` `ValidateEndpointsCreate`,
//! which is `ValidateEndpoints`: metadata with a DNS-1123 subdomain name, then
//! `validateEndpointSubsets`).

use crate::field::{ErrorList, FieldError, Path};
use crate::types::{EndpointAddress, Endpoints, EndpointsPort};

use super::ip::{is_valid_ip, validate_non_special_ip};
use super::meta::validate_object_meta;
use super::names::{NameRule, is_dns1123_label, is_valid_port_num};
use super::service::PORT_PROTOCOLS;

/// `ValidateEndpointsCreate`.
pub fn validate_endpoints(ep: &Endpoints) -> ErrorList {
    // ValidateEndpointsName is NameIsDNSSubdomain (not the Service's DNS-1035 label).
    let mut errs = validate_object_meta(
        &ep.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &Path::new("metadata"),
    );
    let path = Path::new("subsets");
    for (i, ss) in ep.subsets.iter().enumerate() {
        let at = path.index(i);
        if ss.addresses.is_empty() && ss.not_ready_addresses.is_empty() {
            errs.push(FieldError::required(
                &at,
                "must specify `addresses` or `notReadyAddresses`",
            ));
        }
        for (j, a) in ss.addresses.iter().enumerate() {
            errs.extend(validate_endpoint_address(
                a,
                &at.child("addresses").index(j),
            ));
        }
        for (j, a) in ss.not_ready_addresses.iter().enumerate() {
            errs.extend(validate_endpoint_address(
                a,
                &at.child("notReadyAddresses").index(j),
            ));
        }
        let require_name = ss.ports.len() > 1;
        for (j, p) in ss.ports.iter().enumerate() {
            errs.extend(validate_endpoint_port(
                p,
                require_name,
                &at.child("ports").index(j),
            ));
        }
    }
    errs
}

/// `validateEndpointAddress`: the IP parses (Kubernetes 1.33 with `StrictIPCIDRValidation` off:
/// `IsValidIPForLegacyField` is `IsValidIP`), the hostname is a DNS-1123 label, the node name a
/// DNS-1123 subdomain, then `ValidateNonSpecialIP` (which repeats a parse failure in its own
/// words).
fn validate_endpoint_address(a: &EndpointAddress, path: &Path) -> ErrorList {
    let ip = path.child("ip");
    let mut errs = is_valid_ip(&ip, &a.ip);
    if !a.hostname.is_empty() {
        for msg in is_dns1123_label(&a.hostname) {
            errs.push(FieldError::invalid(
                &path.child("hostname"),
                a.hostname.as_str(),
                &msg,
            ));
        }
    }
    if let Some(node) = &a.node_name {
        for msg in NameRule::Dns1123Subdomain.check(node, false) {
            errs.push(FieldError::invalid(
                &path.child("nodeName"),
                node.as_str(),
                &msg,
            ));
        }
    }
    errs.extend(validate_non_special_ip(&a.ip, &ip));
    errs
}

/// `validateEndpointPort`: a name is required when the subset has several ports, and is a
/// DNS-1123 label when given; the number is 1–65535; the protocol is required (defaulting sets
/// `TCP`) and supported; `appProtocol` is a qualified name.
fn validate_endpoint_port(p: &EndpointsPort, require_name: bool, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if require_name && p.name.is_empty() {
        errs.push(FieldError::required(&path.child("name"), ""));
    } else if !p.name.is_empty() {
        for msg in is_dns1123_label(&p.name) {
            errs.push(FieldError::invalid(
                &path.child("name"),
                p.name.as_str(),
                &msg,
            ));
        }
    }
    for msg in is_valid_port_num(i64::from(p.port)) {
        errs.push(FieldError::invalid(&path.child("port"), p.port, &msg));
    }
    if p.protocol.is_empty() {
        errs.push(FieldError::required(&path.child("protocol"), ""));
    } else if !PORT_PROTOCOLS.contains(&p.protocol.as_str()) {
        errs.push(FieldError::not_supported(
            &path.child("protocol"),
            p.protocol.as_str(),
            PORT_PROTOCOLS,
        ));
    }
    errs.extend(super::service::validate_app_protocol(
        p.app_protocol.as_deref(),
        path,
    ));
    errs
}
