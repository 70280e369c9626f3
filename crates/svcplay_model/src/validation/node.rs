//! Namespace and Node validation (`ValidateNamespace`, `ValidateNode`) for the modelled fields.
//! Both kinds are cluster-scoped: a `metadata.namespace` sent with them is cleared by the
//! apiserver before validation (`rest.BeforeCreate`), so it is ignored here.

use std::net::IpAddr;

use crate::field::{ErrorList, FieldError, Path};
use crate::types::{Namespace, Node, ObjectMeta};

use super::ip::{is_valid_cidr, parse_cidr_sloppy};
use super::meta::{validate_label_name, validate_object_meta};
use super::names::{NameRule, is_valid_label_value};

fn cluster_scoped_meta(meta: &ObjectMeta, rule: NameRule) -> ErrorList {
    let mut m = meta.clone();
    m.namespace.clear();
    validate_object_meta(&m, false, rule, &Path::new("metadata"))
}

/// `ValidateNamespace`: the name is a DNS-1123 label.
pub fn validate_namespace(ns: &Namespace) -> ErrorList {
    cluster_scoped_meta(&ns.metadata, NameRule::Dns1123Label)
}

/// `ValidateNode`: name (DNS-1123 subdomain), `spec.podCIDRs`, `spec.taints`.
pub fn validate_node(node: &Node) -> ErrorList {
    let mut errs = cluster_scoped_meta(&node.metadata, NameRule::Dns1123Subdomain);
    let spec_path = Path::new("spec");

    let taints_path = spec_path.child("taints");
    for (i, t) in node.spec.taints.iter().enumerate() {
        let p = taints_path.index(i);
        errs.extend(validate_label_name(&t.key, &p.child("key")));
        let msgs = is_valid_label_value(&t.value);
        if !msgs.is_empty() {
            errs.push(FieldError::invalid(
                &p.child("value"),
                t.value.as_str(),
                &msgs.join(";"),
            ));
        }
        let ep = p.child("effect");
        match t.effect.as_str() {
            "NoSchedule" | "PreferNoSchedule" | "NoExecute" => {}
            "" => errs.push(FieldError::required(&ep, "")),
            other => errs.push(FieldError::not_supported_ordered(
                &ep,
                other,
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            )),
        }
    }

    let cidrs = &node.spec.pod_cidrs;
    if !cidrs.is_empty() {
        let p = spec_path.child("podCIDRs");
        let mut all_valid = true;
        for (i, c) in cidrs.iter().enumerate() {
            let e = is_valid_cidr(&p.index(i), c);
            all_valid &= e.is_empty();
            errs.extend(e);
        }
        if cidrs.len() > 1 && all_valid {
            let v6: Vec<bool> = cidrs
                .iter()
                .filter_map(|c| parse_cidr_sloppy(c))
                .map(|c| match c.ip {
                    IpAddr::V4(_) => false,
                    IpAddr::V6(v6) => v6.to_ipv4_mapped().is_none(),
                })
                .collect();
            let dual = v6.iter().any(|x| *x) && v6.iter().any(|x| !*x);
            if !dual || cidrs.len() > 2 {
                errs.push(FieldError::invalid(
                    &p,
                    cidrs,
                    "may specify no more than one CIDR for each IP family",
                ));
            }
            let mut seen = std::collections::HashSet::new();
            for (i, c) in cidrs.iter().enumerate() {
                if !seen.insert(c.as_str()) {
                    errs.push(FieldError::duplicate(&p.index(i), c.as_str()));
                }
            }
        }
    }
    errs
}
