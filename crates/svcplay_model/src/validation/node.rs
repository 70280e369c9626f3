//! Namespace and Node validation (`ValidateNamespace`, `ValidateNode`) for the modelled fields.
//! Both kinds are cluster-scoped: as upstream's, these functions forbid a `metadata.namespace`;
//! [`super::validate_object`] clears one first, as the apiserver's `rest.BeforeCreate` does.

use std::collections::HashSet;
use std::net::IpAddr;

use serde_json::Value;

use crate::field::{BadValue, ErrorList, FieldError, Path, go_quote};
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
    let parsed: Result<AvoidPods, _> = serde_json::from_str(raw);
    let avoids = match parsed {
        Ok(a) => a,
        Err(e) => {
            // Upstream reports encoding/json's error text; serde_json's wording differs.
            return vec![FieldError::invalid(
                &path.child("AvoidPods"),
                PREFER_AVOID_PODS_ANNOTATION,
                &e.to_string(),
            )];
        }
    };
    let mut errs = Vec::new();
    for (i, entry) in avoids.prefer_avoid_pods.iter().enumerate() {
        let sig = path
            .child(PREFER_AVOID_PODS_ANNOTATION)
            .index(i)
            .child("PodSignature");
        match entry.pod_signature.pod_controller.as_ref() {
            None => errs.push(FieldError::required(&sig, "")),
            // A nil `controller` is dereferenced upstream (a panic the apiserver turns into an
            // internal error).
            Some(pc) => match pc.controller {
                Some(true) => {}
                Some(false) => errs.push(FieldError::invalid(
                    &sig.child("PodController").child("Controller"),
                    false,
                    "must point to a controller",
                )),
                None => errs.push(FieldError::internal(
                    &sig.child("PodController").child("Controller"),
                    "runtime error: invalid memory address or nil pointer dereference",
                )),
            },
        }
    }
    errs
}

/// `core.AvoidPods` as the annotation holds it (only what validation reads).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct AvoidPods {
    #[serde(default)]
    prefer_avoid_pods: Vec<PreferAvoidPodsEntry>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct PreferAvoidPodsEntry {
    #[serde(default)]
    pod_signature: PodSignature,
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct PodSignature {
    #[serde(default)]
    pod_controller: Option<PodController>,
}

#[derive(serde::Deserialize)]
struct PodController {
    #[serde(default)]
    controller: Option<bool>,
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
