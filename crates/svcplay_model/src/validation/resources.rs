//! `ValidateResourceRequirements` and the resource-name helpers it uses
//! (`pkg/apis/core/validation`, `pkg/apis/core/helper`): names must be standard container
//! resources (`cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>`) or extended resources
//! (`example.com/gpu`); quantities must not be negative, extended and other integer resources
//! must be whole; a request may not exceed its limit, and an extended resource's request must
//! equal its limit, which must be set.
//!
//! Quantities reach validation already canonical (see [`crate::quantity`]). Left out: the
//! hugepages checks (page-size multiples, "HugePages require cpu or memory") and resource
//! claims. Go ranges over these maps in random order; errors here follow the names' order.

use serde_json::Value;

use crate::field::{ErrorList, FieldError, Path};
use crate::quantity::Quantity;

use super::names::is_qualified_name;

/// `standardResources` (`IsStandardResourceName`), hugepages aside.
const STANDARD: &[&str] = &[
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "pods",
    "services",
    "replicationcontrollers",
    "resourcequotas",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "requests.storage",
    "services.nodeports",
    "services.loadbalancers",
];

/// `integerResources` (`IsIntegerResourceName`, extended resources aside).
const INTEGER: &[&str] = &[
    "pods",
    "services",
    "replicationcontrollers",
    "resourcequotas",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "services.nodeports",
    "services.loadbalancers",
];

fn is_huge_pages(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// `IsNativeResource`: no domain, or a `kubernetes.io/` one.
fn is_native(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `IsExtendedResourceName`.
fn is_extended(name: &str) -> bool {
    !is_native(name)
        && !name.starts_with("requests.")
        && is_qualified_name(&format!("requests.{name}")).is_empty()
}

/// `IsOvercommitAllowed`.
fn overcommit_allowed(name: &str) -> bool {
    is_native(name) && !is_huge_pages(name)
}

/// `validateContainerResourceName` (with `validateResourceName`).
fn validate_name(name: &str, path: &Path) -> ErrorList {
    let mut errs: ErrorList = is_qualified_name(name)
        .iter()
        .map(|m| FieldError::invalid(path, name, m))
        .collect();
    if !errs.is_empty() {
        return errs;
    }
    if !name.contains('/') {
        if !STANDARD.contains(&name) && !is_huge_pages(name) {
            errs.push(FieldError::invalid(
                path,
                name,
                "must be a standard resource type or fully qualified",
            ));
        }
        if !["cpu", "memory", "ephemeral-storage"].contains(&name) && !is_huge_pages(name) {
            errs.push(FieldError::invalid(
                path,
                name,
                "must be a standard resource for containers",
            ));
        }
    } else if !is_native(name) && !is_extended(name) {
        errs.push(FieldError::invalid(
            path,
            name,
            "doesn't follow extended resource name standard",
        ));
    }
    errs
}

/// `ValidateResourceQuantityValue`: not negative; whole for integer resources (`pods`,
/// extended resources).
pub fn validate_resource_quantity_value(name: &str, q: &Quantity, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if q.sign() < 0 {
        errs.push(FieldError::invalid(
            path,
            q.text(),
            "must be greater than or equal to 0",
        ));
    }
    if (INTEGER.contains(&name) || is_extended(name)) && !q.is_integer() {
        // Upstream prints the Go struct of the quantity here; its text is what users can read.
        errs.push(FieldError::invalid(path, q.text(), "must be an integer"));
    }
    errs
}

/// The quantities of a `ResourceList` (already canonical; unparsable ones are skipped, decoding
/// has rejected them).
fn quantities(list: Option<&Value>) -> Vec<(&str, Quantity)> {
    list.and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.as_str(), Quantity::parse(v.as_str()?).ok()?)))
        .collect()
}

/// `ValidateResourceRequirements` of the `resources` value at `path`.
pub fn validate_resource_requirements(resources: Option<&Value>, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let Some(r) = resources else {
        return errs;
    };
    let (lim_path, req_path) = (path.child("limits"), path.child("requests"));
    let limits = quantities(r.get("limits"));
    for (name, q) in &limits {
        let p = lim_path.key(name);
        errs.extend(validate_name(name, &p));
        errs.extend(validate_resource_quantity_value(name, q, &p));
    }
    for (name, q) in quantities(r.get("requests")) {
        let p = req_path.key(name);
        errs.extend(validate_name(name, &p));
        errs.extend(validate_resource_quantity_value(name, &q, &p));
        match limits.iter().find(|(n, _)| *n == name) {
            Some((_, limit)) => {
                let cmp = q.cmp_value(limit);
                if cmp.is_ne() && !overcommit_allowed(name) {
                    errs.push(FieldError::invalid(
                        &req_path,
                        q.text(),
                        &format!("must be equal to {name} limit of {}", limit.text()),
                    ));
                } else if cmp.is_gt() {
                    errs.push(FieldError::invalid(
                        &req_path,
                        q.text(),
                        &format!(
                            "must be less than or equal to {name} limit of {}",
                            limit.text()
                        ),
                    ));
                }
            }
            None if !overcommit_allowed(name) => errs.push(FieldError::required(
                &lim_path,
                "Limit must be set for non overcommitable resources",
            )),
            None => {}
        }
    }
    errs
}
