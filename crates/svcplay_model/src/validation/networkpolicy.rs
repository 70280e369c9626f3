//! NetworkPolicy validation (`pkg/apis/networking/validation/validation.go`
//! `ValidateNetworkPolicy`: metadata with a DNS-1123 subdomain name, then
//! `ValidateNetworkPolicySpec`), as on create (`AllowInvalidLabelValueInSelector: false`, no
//! pre-existing CIDRs).

use crate::field::{BadValue, ErrorList, FieldError, Path};
use crate::types::{IntOrString, IpBlock, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort};

use super::ip::{is_valid_cidr, parse_cidr_sloppy};
use super::meta::{validate_label_selector, validate_object_meta};
use super::names::{NameRule, is_valid_port_name, is_valid_port_num};
use super::service::PORT_PROTOCOLS;

/// The values of `spec.policyTypes`.
pub const POLICY_TYPES: &[&str] = &["Ingress", "Egress"];

/// `ValidateNetworkPolicy` (create).
pub fn validate_network_policy(np: &NetworkPolicy) -> ErrorList {
    let mut errs = validate_object_meta(
        &np.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &Path::new("metadata"),
    );
    errs.extend(validate_network_policy_spec(np, &Path::new("spec")));
    errs
}

/// `ValidateNetworkPolicySpec`: the pod selector, each ingress rule's ports then peers, each
/// egress rule's ports then peers, then `policyTypes`.
pub fn validate_network_policy_spec(np: &NetworkPolicy, path: &Path) -> ErrorList {
    let spec = &np.spec;
    let mut errs = validate_label_selector(&spec.pod_selector, &path.child("podSelector"));
    for (i, rule) in spec.ingress.iter().enumerate() {
        let at = path.child("ingress").index(i);
        for (j, p) in rule.ports.iter().enumerate() {
            errs.extend(validate_network_policy_port(p, &at.child("ports").index(j)));
        }
        for (j, peer) in rule.from.iter().enumerate() {
            errs.extend(validate_network_policy_peer(
                peer,
                &at.child("from").index(j),
            ));
        }
    }
    for (i, rule) in spec.egress.iter().enumerate() {
        let at = path.child("egress").index(i);
        for (j, p) in rule.ports.iter().enumerate() {
            errs.extend(validate_network_policy_port(p, &at.child("ports").index(j)));
        }
        for (j, peer) in rule.to.iter().enumerate() {
            errs.extend(validate_network_policy_peer(peer, &at.child("to").index(j)));
        }
    }
    let types = path.child("policyTypes");
    if spec.policy_types.len() > POLICY_TYPES.len() {
        // Go prints the bad value (`&spec.PolicyTypes`, dereferenced) with `%#v`.
        let items: Vec<String> = spec
            .policy_types
            .iter()
            .map(|t| crate::field::go_quote(t))
            .collect();
        errs.push(FieldError::invalid(
            &types,
            BadValue::GoSyntax(format!("[]networking.PolicyType{{{}}}", items.join(", "))),
            "may not specify more than two policyTypes",
        ));
        return errs;
    }
    for (i, t) in spec.policy_types.iter().enumerate() {
        if !POLICY_TYPES.contains(&t.as_str()) {
            errs.push(FieldError::not_supported(
                &types.index(i),
                t.as_str(),
                POLICY_TYPES,
            ));
        }
    }
    errs
}

/// `ValidateNetworkPolicyPort`.
pub fn validate_network_policy_port(port: &NetworkPolicyPort, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if let Some(proto) = &port.protocol
        && !PORT_PROTOCOLS.contains(&proto.as_str())
    {
        errs.push(FieldError::not_supported(
            &path.child("protocol"),
            proto.as_str(),
            PORT_PROTOCOLS,
        ));
    }
    let end = path.child("endPort");
    match &port.port {
        Some(IntOrString::Int(n)) => {
            for msg in is_valid_port_num(i64::from(*n)) {
                errs.push(FieldError::invalid(&path.child("port"), *n, &msg));
            }
            if let Some(e) = port.end_port {
                if e < *n {
                    errs.push(FieldError::invalid(
                        &end,
                        e,
                        "must be greater than or equal to `port`",
                    ));
                }
                for msg in is_valid_port_num(i64::from(e)) {
                    errs.push(FieldError::invalid(&end, e, &msg));
                }
            }
        }
        Some(IntOrString::String(name)) => {
            if let Some(e) = port.end_port {
                errs.push(FieldError::invalid(
                    &end,
                    e,
                    "may not be specified when `port` is non-numeric",
                ));
            }
            for msg in is_valid_port_name(name) {
                errs.push(FieldError::invalid(
                    &path.child("port"),
                    name.as_str(),
                    &msg,
                ));
            }
        }
        None => {
            if let Some(e) = port.end_port {
                errs.push(FieldError::invalid(
                    &end,
                    e,
                    "may not be specified when `port` is not specified",
                ));
            }
        }
    }
    errs
}

/// `ValidateNetworkPolicyPeer`: at least one of the selectors or `ipBlock`, and `ipBlock` alone.
pub fn validate_network_policy_peer(peer: &NetworkPolicyPeer, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let mut n = 0;
    if let Some(sel) = &peer.pod_selector {
        n += 1;
        errs.extend(validate_label_selector(sel, &path.child("podSelector")));
    }
    if let Some(sel) = &peer.namespace_selector {
        n += 1;
        errs.extend(validate_label_selector(
            sel,
            &path.child("namespaceSelector"),
        ));
    }
    if let Some(b) = &peer.ip_block {
        n += 1;
        errs.extend(validate_ip_block(b, &path.child("ipBlock")));
    }
    if n == 0 {
        errs.push(FieldError::required(path, "must specify a peer"));
    } else if n > 1 && peer.ip_block.is_some() {
        errs.push(FieldError::forbidden(
            path,
            "may not specify both ipBlock and another peer",
        ));
    }
    errs
}

/// `ValidateIPBlock` on create (Kubernetes 1.33, `StrictIPCIDRValidation` off:
/// `IsValidCIDRForLegacyField` is `IsValidCIDR`): `cidr` required and a CIDR, each `except` a
/// CIDR strictly inside it.
pub fn validate_ip_block(b: &IpBlock, path: &Path) -> ErrorList {
    let cidr_path = path.child("cidr");
    if b.cidr.is_empty() {
        return vec![FieldError::required(&cidr_path, "")];
    }
    let mut errs = is_valid_cidr(&cidr_path, &b.cidr);
    let Some(outer) = parse_cidr_sloppy(&b.cidr) else {
        return errs;
    };
    for (i, e) in b.except.iter().enumerate() {
        let at = path.child("except").index(i);
        errs.extend(is_valid_cidr(&at, e));
        let Some(inner) = parse_cidr_sloppy(e) else {
            continue;
        };
        let outer_net = crate::net::Cidr {
            addr: outer.ip,
            prefix: outer.prefix,
        };
        if !outer_net.contains(inner.network()) || outer.prefix >= inner.prefix {
            errs.push(FieldError::invalid(
                &at,
                e.as_str(),
                "must be a strict subset of `cidr`",
            ));
        }
    }
    errs
}
