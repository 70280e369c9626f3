//! EndpointSlice validation (`pkg/apis/discovery/validation/validation.go`
//! `ValidateEndpointSliceCreate`).

use std::collections::HashSet;

use crate::field::{ErrorList, FieldError, Path};
use crate::types::{EndpointSlice, ForZone};

use super::ip::{is_valid_ip, parse_ip_sloppy, to4, validate_non_special_ip};
use super::meta::{validate_labels, validate_object_meta};
use super::names::is_valid_label_value;
use super::names::{NameRule, is_dns1123_label, is_fully_qualified_domain_name};
use super::service::PORT_PROTOCOLS;

/// `maxEndpoints`.
pub const MAX_ENDPOINTS: usize = 1000;
/// `maxAddresses` per endpoint.
pub const MAX_ADDRESSES: usize = 100;
/// `maxPorts` (100 until PR #99795, 20000 since Kubernetes 1.21 and backports).
pub const MAX_PORTS: usize = 20000;
/// `maxZoneHints`.
pub const MAX_ZONE_HINTS: usize = 8;
/// `maxNodeHints`.
pub const MAX_NODE_HINTS: usize = 8;
/// Most `deprecatedTopology` labels per endpoint.
pub const MAX_TOPOLOGY_LABELS: usize = 16;
/// The zone label, which v1beta1 conversion moves out of the topology map.
const ZONE_LABEL: &str = "topology.kubernetes.io/zone";
const ADDRESS_TYPES: &[&str] = &["IPv4", "IPv6", "FQDN"];

/// `ValidateEndpointSliceCreate`.
pub fn validate_endpoint_slice(slice: &EndpointSlice) -> ErrorList {
    let mut errs = validate_object_meta(
        &slice.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &Path::new("metadata"),
    );
    let at = Path::new("addressType");
    if slice.address_type.is_empty() {
        errs.push(FieldError::required(&at, ""));
    } else if !ADDRESS_TYPES.contains(&slice.address_type.as_str()) {
        errs.push(FieldError::not_supported(
            &at,
            slice.address_type.as_str(),
            ADDRESS_TYPES,
        ));
    }
    errs.extend(validate_endpoints(slice));
    errs.extend(validate_ports(slice));
    errs
}

fn validate_endpoints(slice: &EndpointSlice) -> ErrorList {
    let path = Path::new("endpoints");
    if slice.endpoints.len() > MAX_ENDPOINTS {
        return vec![FieldError::too_many(
            &path,
            slice.endpoints.len(),
            MAX_ENDPOINTS,
        )];
    }
    let mut errs = Vec::new();
    for (i, ep) in slice.endpoints.iter().enumerate() {
        let ip = path.index(i);
        let ap = ip.child("addresses");
        if ep.addresses.is_empty() {
            errs.push(FieldError::required(&ap, "must contain at least 1 address"));
        } else if ep.addresses.len() > MAX_ADDRESSES {
            errs.push(FieldError::too_many(&ap, ep.addresses.len(), MAX_ADDRESSES));
        }
        for (j, addr) in ep.addresses.iter().enumerate() {
            let p = ap.index(j);
            match slice.address_type.as_str() {
                // Kubernetes 1.33: the address must parse as an IP (IsValidIPForLegacyField,
                // StrictIPCIDRValidation off); only then is its family checked, an error
                // upstream reports at the unindexed `addresses` path, followed by
                // ValidateEndpointIP's special ranges.
                "IPv4" | "IPv6" => {
                    let parse = is_valid_ip(&p, addr);
                    if !parse.is_empty() {
                        errs.extend(parse);
                        continue;
                    }
                    let v4 = parse_ip_sloppy(addr).and_then(to4).is_some();
                    if slice.address_type == "IPv4" && !v4 {
                        errs.push(FieldError::invalid(
                            &ap,
                            addr.as_str(),
                            "must be an IPv4 address",
                        ));
                    } else if slice.address_type == "IPv6" && v4 {
                        errs.push(FieldError::invalid(
                            &ap,
                            addr.as_str(),
                            "must be an IPv6 address",
                        ));
                    }
                    errs.extend(validate_non_special_ip(addr, &p));
                }
                "FQDN" => {
                    if addr.is_empty() {
                        errs.push(FieldError::required(&p, ""));
                    } else {
                        for (bad, msg) in is_fully_qualified_domain_name(addr) {
                            errs.push(FieldError::invalid(&p, bad, &msg));
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(node) = &ep.node_name {
            for msg in NameRule::Dns1123Subdomain.check(node, false) {
                errs.push(FieldError::invalid(
                    &ip.child("nodeName"),
                    node.as_str(),
                    &msg,
                ));
            }
        }
        // The v1beta1 topology map (dropped on v1 writes before validation runs).
        let tp = ip.child("deprecatedTopology");
        if ep.deprecated_topology.len() > MAX_TOPOLOGY_LABELS {
            errs.push(FieldError::too_many(
                &tp,
                ep.deprecated_topology.len(),
                MAX_TOPOLOGY_LABELS,
            ));
        }
        errs.extend(validate_labels(&ep.deprecated_topology, &tp));
        if ep.deprecated_topology.contains_key(ZONE_LABEL) {
            errs.push(FieldError::internal(
                &tp.key(ZONE_LABEL),
                "reserved key was not removed in conversion",
            ));
        }
        if let Some(h) = &ep.hostname {
            for msg in is_dns1123_label(h) {
                errs.push(FieldError::invalid(&ip.child("hostname"), h.as_str(), &msg));
            }
        }
        if let Some(hints) = &ep.hints {
            let fz = ip.child("hints").child("forZones");
            if hints.for_zones.len() > MAX_ZONE_HINTS {
                errs.push(FieldError::too_many(
                    &fz,
                    hints.for_zones.len(),
                    MAX_ZONE_HINTS,
                ));
            } else {
                let mut seen = HashSet::new();
                for (k, z) in hints.for_zones.iter().enumerate() {
                    let zp = fz.index(k).child("name");
                    if !seen.insert(z.name.as_str()) {
                        errs.push(FieldError::duplicate(&zp, z.name.as_str()));
                    }
                    for msg in is_valid_label_value(&z.name) {
                        errs.push(FieldError::invalid(&zp, z.name.as_str(), &msg));
                    }
                }
                errs.extend(validate_node_hints(&hints.for_nodes, &ip.child("hints")));
            }
        }
    }
    errs
}

/// `validateHints`, second half: `forNodes` (at most 8, unique, each a valid node name). Only
/// reached when `forZones` is within its limit, as upstream returns early otherwise.
fn validate_node_hints(for_nodes: &[ForZone], path: &Path) -> ErrorList {
    let fnp = path.child("forNodes");
    if for_nodes.len() > MAX_NODE_HINTS {
        return vec![FieldError::too_many(&fnp, for_nodes.len(), MAX_NODE_HINTS)];
    }
    let mut errs = Vec::new();
    let mut seen = HashSet::new();
    for (k, n) in for_nodes.iter().enumerate() {
        let np = fnp.index(k).child("name");
        if !seen.insert(n.name.as_str()) {
            errs.push(FieldError::duplicate(&np, n.name.as_str()));
        }
        for msg in NameRule::Dns1123Subdomain.check(&n.name, false) {
            errs.push(FieldError::invalid(&np, n.name.as_str(), &msg));
        }
    }
    errs
}

fn validate_ports(slice: &EndpointSlice) -> ErrorList {
    let path = Path::new("ports");
    if slice.ports.len() > MAX_PORTS {
        return vec![FieldError::too_many(&path, slice.ports.len(), MAX_PORTS)];
    }
    let mut errs = Vec::new();
    let mut names = HashSet::new();
    for (i, port) in slice.ports.iter().enumerate() {
        let ip = path.index(i);
        // Defaulting sets a nil name to "".
        let name = port.name.as_deref().unwrap_or("");
        if !name.is_empty() {
            for msg in is_dns1123_label(name) {
                errs.push(FieldError::invalid(&ip.child("name"), name, &msg));
            }
        }
        if !names.insert(name) {
            errs.push(FieldError::duplicate(&ip.child("name"), name));
        }
        match &port.protocol {
            None => errs.push(FieldError::required(&ip.child("protocol"), "")),
            Some(p) if !PORT_PROTOCOLS.contains(&p.as_str()) => {
                errs.push(FieldError::not_supported(
                    &ip.child("protocol"),
                    p.as_str(),
                    PORT_PROTOCOLS,
                ));
            }
            Some(_) => {}
        }
        errs.extend(super::service::validate_app_protocol(
            port.app_protocol.as_deref(),
            &ip,
        ));
    }
    errs
}
