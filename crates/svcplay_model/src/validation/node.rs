//! Namespace and Node validation (`ValidateNamespace`, `ValidateNode`) for the modelled fields.
//! Both kinds are cluster-scoped: as upstream's, these functions forbid a `metadata.namespace`;
//! [`super::validate_object`] clears one first, as the apiserver's `rest.BeforeCreate` does.

use std::collections::HashSet;
use std::net::IpAddr;

use serde_json::Value;

use super::resources::validate_resource_quantity_value;
use crate::field::{BadValue, ErrorList, FieldError, Path, go_quote};
use crate::quantity::Quantity;
use crate::types::{Namespace, Node, ObjectMeta, StringMap, Taint};

use super::ip::{is_valid_cidr, parse_cidr_sloppy};
use super::meta::{validate_finalizer_name, validate_label_name, validate_object_meta};
use super::names::{NameRule, is_valid_label_value};

fn cluster_scoped_meta(meta: &ObjectMeta, rule: NameRule) -> ErrorList {
    validate_object_meta(meta, false, rule, &Path::new("metadata"))
}

/// `core.PreferAvoidPodsAnnotationKey`.
pub const PREFER_AVOID_PODS_ANNOTATION: &str = "scheduler.alpha.kubernetes.io/preferAvoidPods";

/// `ValidateNodeSpecificAnnotations`: a non-empty preferAvoidPods annotation must decode as
/// `core.AvoidPods`, and each entry's pod signature must name a controller.
fn validate_node_specific_annotations(annotations: &StringMap, path: &Path) -> ErrorList {
    let Some(raw) = annotations
        .get(PREFER_AVOID_PODS_ANNOTATION)
        .filter(|v| !v.is_empty())
    else {
        return Vec::new();
    };
    let signatures = match avoid_pods_controllers(raw) {
        Ok(s) => s,
        Err(msg) => {
            return vec![FieldError::invalid(
                &path.child("AvoidPods"),
                PREFER_AVOID_PODS_ANNOTATION,
                &msg,
            )];
        }
    };
    let mut errs = Vec::new();
    for (i, controller) in signatures.into_iter().enumerate() {
        let sig = path
            .child(PREFER_AVOID_PODS_ANNOTATION)
            .index(i)
            .child("PodSignature");
        let cp = sig.child("PodController").child("Controller");
        match controller {
            None => errs.push(FieldError::required(&sig, "")),
            Some(Some(true)) => {}
            Some(Some(false)) => {
                errs.push(FieldError::invalid(
                    &cp,
                    false,
                    "must point to a controller",
                ));
            }
            // A nil `controller` is dereferenced upstream (a panic the apiserver turns into an
            // internal error).
            Some(None) => errs.push(FieldError::internal(
                &cp,
                "runtime error: invalid memory address or nil pointer dereference",
            )),
        }
    }
    errs
}

/// encoding/json's field lookup: an exact key, else one equal ignoring case; `null` reads as
/// unset.
fn json_field<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    let obj = v.as_object()?;
    obj.get(key)
        .or_else(|| {
            obj.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
        .filter(|v| !v.is_null())
}

/// encoding/json's type-mismatch message (the Go struct-field part is approximate).
fn json_mismatch(what: &str, v: &Value, into: &str) -> String {
    let kind = match v {
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => "null",
    };
    format!("json: cannot unmarshal {kind} into Go struct field {what} of type {into}")
}

/// Decodes the annotation as `core.AvoidPods` far enough for validation: per entry, `None`
/// when `podSignature.podController` is unset, else its `controller` pointer.
fn avoid_pods_controllers(raw: &str) -> Result<Vec<Option<Option<bool>>>, String> {
    let v: Value = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    if !v.is_object() {
        return Err(json_mismatch("AvoidPods", &v, "core.AvoidPods"));
    }
    let entries = match json_field(&v, "preferAvoidPods") {
        None => return Ok(Vec::new()),
        Some(Value::Array(a)) => a,
        Some(other) => {
            return Err(json_mismatch(
                "AvoidPods.preferAvoidPods",
                other,
                "[]core.PreferAvoidPodsEntry",
            ));
        }
    };
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        if !(e.is_object() || e.is_null()) {
            return Err(json_mismatch(
                "AvoidPods.preferAvoidPods",
                e,
                "core.PreferAvoidPodsEntry",
            ));
        }
        let controller = match json_field(e, "podSignature") {
            None => None,
            Some(sig) if !sig.is_object() => {
                return Err(json_mismatch(
                    "PreferAvoidPodsEntry.preferAvoidPods.podSignature",
                    sig,
                    "core.PodSignature",
                ));
            }
            Some(sig) => match json_field(sig, "podController") {
                None => None,
                Some(pc) if !pc.is_object() => {
                    return Err(json_mismatch(
                        "PodSignature.preferAvoidPods.podSignature.podController",
                        pc,
                        "v1.OwnerReference",
                    ));
                }
                Some(pc) => match json_field(pc, "controller") {
                    None => Some(None),
                    Some(Value::Bool(b)) => Some(Some(*b)),
                    Some(other) => {
                        return Err(json_mismatch(
                            "OwnerReference.preferAvoidPods.podSignature.podController.controller",
                            other,
                            "bool",
                        ));
                    }
                },
            },
        };
        out.push(controller);
    }
    Ok(out)
}

/// `ValidateNamespace`: the name is a DNS-1123 label; each `spec.finalizers` entry is a qualified
/// name and, without a `/`, a standard finalizer (errors at the unindexed `spec.finalizers`, as
/// upstream reports them).
pub fn validate_namespace(ns: &Namespace) -> ErrorList {
    let mut errs = cluster_scoped_meta(&ns.metadata, NameRule::Dns1123Label);
    let finalizers = ns
        .spec
        .as_ref()
        .and_then(|s| s.get("finalizers"))
        .and_then(Value::as_array);
    if let Some(list) = finalizers {
        let path = Path::new("spec").child("finalizers");
        for f in list.iter().filter_map(Value::as_str) {
            errs.extend(validate_finalizer_name(f, &path));
        }
    }
    errs
}

/// `%#v` of an internal `core.Taint` (a set `timeAdded` pointer prints as an address upstream;
/// shown as `0x0`).
fn go_taint(t: &Taint) -> String {
    format!(
        "core.Taint{{Key:{}, Value:{}, Effect:{}, TimeAdded:{}}}",
        go_quote(&t.key),
        go_quote(&t.value),
        go_quote(&t.effect),
        if t.time_added.is_some() {
            "(*v1.Time)(0x0)"
        } else {
            "(*v1.Time)(nil)"
        }
    )
}

/// `validateNodeTaints`: key, value, effect (required), and unique `(key, effect)` pairs.
/// Upstream passes `metadata` as the parent path, so the errors read `metadata.taints[i]...`.
fn validate_node_taints(taints: &[Taint], path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for (i, t) in taints.iter().enumerate() {
        let p = path.index(i);
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
        if !seen.insert((t.effect.as_str(), t.key.as_str())) {
            let mut e = FieldError::duplicate(&p, BadValue::GoSyntax(go_taint(t)));
            e.detail = "taints must be unique by key and effect pair".to_string();
            errs.push(e);
        }
    }
    errs
}

/// `ValidateNode`: name (DNS-1123 subdomain), taints, `spec.podCIDRs`.
pub fn validate_node(node: &Node) -> ErrorList {
    let meta_path = Path::new("metadata");
    let mut errs = cluster_scoped_meta(&node.metadata, NameRule::Dns1123Subdomain);
    errs.extend(validate_node_specific_annotations(
        &node.metadata.annotations,
        &meta_path.child("annotations"),
    ));
    errs.extend(validate_node_taints(
        &node.spec.taints,
        &meta_path.child("taints"),
    ));
    // ValidateNodeResources: capacity and allocatable quantities (paths with dots, as upstream).
    for (list, name) in [
        (&node.status.capacity, "capacity"),
        (&node.status.allocatable, "allocatable"),
    ] {
        let entries = list.as_ref().and_then(Value::as_object);
        for (k, v) in entries.into_iter().flatten() {
            if let Some(q) = v.as_str().and_then(|s| Quantity::parse(s).ok()) {
                let p = Path::new("status").child(name).child(k);
                errs.extend(validate_resource_quantity_value(k, &q, &p));
            }
        }
    }

    // Convert_v1_NodeSpec_To_core_NodeSpec: a set podCIDR is authoritative when podCIDRs is
    // empty or starts with another value.
    let singular;
    let cidrs: &[String] = if !node.spec.pod_cidr.is_empty()
        && node.spec.pod_cidrs.first() != Some(&node.spec.pod_cidr)
    {
        singular = [node.spec.pod_cidr.clone()];
        &singular
    } else {
        &node.spec.pod_cidrs
    };
    if !cidrs.is_empty() {
        let p = Path::new("spec").child("podCIDRs");
        for (i, c) in cidrs.iter().enumerate() {
            errs.extend(is_valid_cidr(&p.index(i), c));
        }
        if cidrs.len() > 1 {
            // netutils.IsDualStackCIDRStrings: the first unparsable CIDR is an internal error,
            // and the list then also counts as not dual-stack.
            let mut v6 = Vec::with_capacity(cidrs.len());
            let mut parse_error = None;
            for c in cidrs {
                match parse_cidr_sloppy(c) {
                    Some(c) => v6.push(match c.ip {
                        IpAddr::V4(_) => false,
                        IpAddr::V6(v6) => v6.to_ipv4_mapped().is_none(),
                    }),
                    None => {
                        parse_error = Some(c);
                        break;
                    }
                }
            }
            if let Some(bad) = parse_error {
                errs.push(FieldError::internal(
                    &p,
                    &format!(
                        "invalid PodCIDRs. failed to check with dual stack with error:failed to parse cidr value:{} with error:invalid CIDR address: {bad}",
                        go_quote(bad)
                    ),
                ));
            }
            let dual = parse_error.is_none() && v6.iter().any(|x| *x) && v6.iter().any(|x| !*x);
            if !dual || cidrs.len() > 2 {
                errs.push(FieldError::invalid(
                    &p,
                    cidrs,
                    "may specify no more than one CIDR for each IP family",
                ));
            }
            let mut seen = HashSet::new();
            for (i, c) in cidrs.iter().enumerate() {
                if !seen.insert(c.as_str()) {
                    errs.push(FieldError::duplicate(&p.index(i), c.as_str()));
                }
            }
        }
    }
    errs
}
