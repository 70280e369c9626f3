//! Deployment and ReplicaSet validation (`pkg/apis/apps/validation/validation.go`
//! `ValidateDeployment`, `ValidateReplicaSet`, `ValidatePodTemplateSpecForReplicaSet`).
//! The Deployment `strategy` is not validated.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::field::{BadValue, ErrorList, FieldError, Path, go_quote};
use crate::types::{Deployment, LabelSelector, PodTemplateSpec, ReplicaSet, StringMap};

use super::meta::{
    selector_matches, validate_label_selector, validate_nonnegative, validate_object_meta,
};
use super::names::NameRule;
use super::pod::validate_pod_template_spec;

/// Go's `%#v` of a `map[string]string` (keys sorted, as `fmt` prints maps).
pub fn go_string_map(m: &StringMap) -> String {
    if m.is_empty() {
        return "map[string]string(nil)".to_string();
    }
    let items: Vec<String> = m
        .iter()
        .map(|(k, v)| format!("{}:{}", go_quote(k), go_quote(v)))
        .collect();
    format!("map[string]string{{{}}}", items.join(", "))
}

/// Go's `%#v` of a `metav1.LabelSelector` (as an error's bad value, the pointer dereferenced).
pub fn go_label_selector(sel: &LabelSelector) -> String {
    let exprs = if sel.match_expressions.is_empty() {
        "[]v1.LabelSelectorRequirement(nil)".to_string()
    } else {
        let items: Vec<String> = sel
            .match_expressions
            .iter()
            .map(|r| {
                let values = if r.values.is_empty() {
                    "[]string(nil)".to_string()
                } else {
                    let v: Vec<String> = r.values.iter().map(|s| go_quote(s)).collect();
                    format!("[]string{{{}}}", v.join(", "))
                };
                format!(
                    "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:{values}}}",
                    go_quote(&r.key),
                    go_quote(&r.operator)
                )
            })
            .collect();
        format!("[]v1.LabelSelectorRequirement{{{}}}", items.join(", "))
    };
    format!(
        "v1.LabelSelector{{MatchLabels:{}, MatchExpressions:{exprs}}}",
        go_string_map(&sel.match_labels)
    )
}

fn other_i64(m: &BTreeMap<String, Value>, key: &str) -> Option<i64> {
    m.get(key).and_then(Value::as_i64)
}

/// The part of `ValidateDeploymentSpec`/`ValidateReplicaSetSpec` they share: replicas, selector,
/// template.
fn validate_replicated_spec(
    replicas: Option<i32>,
    selector: Option<&LabelSelector>,
    template: &PodTemplateSpec,
    path: &Path,
) -> ErrorList {
    let mut errs = Vec::new();
    let sel_path = path.child("selector");
    // The internal type's replicas is a plain int32 (nil → 0).
    errs.extend(validate_nonnegative(
        replicas.unwrap_or(0).into(),
        &path.child("replicas"),
    ));
    let mut selector_valid = true;
    match selector {
        None => errs.push(FieldError::required(&sel_path, "")),
        Some(sel) => {
            let sel_errs = validate_label_selector(sel, &sel_path);
            selector_valid = sel_errs.is_empty();
            errs.extend(sel_errs);
            if sel.match_labels.is_empty() && sel.match_expressions.is_empty() {
                errs.push(FieldError::invalid(
                    &sel_path,
                    BadValue::GoSyntax(go_label_selector(sel)),
                    "empty selector is invalid for deployment",
                ));
            }
        }
    }
    // metav1.LabelSelectorAsSelector fails exactly on what ValidateLabelSelector rejects; then
    // the template is not validated at all.
    if !selector_valid {
        if let Some(sel) = selector {
            errs.push(FieldError::invalid(
                &sel_path,
                BadValue::GoSyntax(go_label_selector(sel)),
                "invalid label selector",
            ));
        }
        return errs;
    }
    let tpath = path.child("template");
    // A nil selector converts to labels.Nothing(), which matches nothing; an empty one to
    // labels.Everything(), which is not checked.
    let check = match selector {
        None => Some(false),
        Some(sel) if sel.match_labels.is_empty() && sel.match_expressions.is_empty() => None,
        Some(sel) => Some(selector_matches(sel, &template.metadata.labels)),
    };
    if check == Some(false) {
        errs.push(FieldError::invalid(
            &tpath.child("metadata").child("labels"),
            BadValue::GoSyntax(go_string_map(&template.metadata.labels)),
            "`selector` does not match template `labels`",
        ));
    }
    errs.extend(validate_pod_template_spec(template, &tpath));
    if template.spec.restart_policy != "Always" {
        errs.push(FieldError::not_supported_ordered(
            &tpath.child("spec").child("restartPolicy"),
            template.spec.restart_policy.as_str(),
            &["Always"],
        ));
    }
    if template.spec.other.contains_key("activeDeadlineSeconds") {
        errs.push(FieldError::forbidden(
            &tpath.child("spec").child("activeDeadlineSeconds"),
            "activeDeadlineSeconds in ReplicaSet is not Supported",
        ));
    }
    errs
}

/// `ValidateDeployment` (create).
pub fn validate_deployment(d: &Deployment) -> ErrorList {
    let mut errs = validate_object_meta(
        &d.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &Path::new("metadata"),
    );
    let path = Path::new("spec");
    let spec = &d.spec;
    errs.extend(validate_replicated_spec(
        spec.replicas,
        spec.selector.as_ref(),
        &spec.template,
        &path,
    ));
    let min_ready = other_i64(&spec.other, "minReadySeconds").unwrap_or(0);
    errs.extend(validate_nonnegative(
        min_ready,
        &path.child("minReadySeconds"),
    ));
    if let Some(rhl) = other_i64(&spec.other, "revisionHistoryLimit") {
        errs.extend(validate_nonnegative(
            rhl,
            &path.child("revisionHistoryLimit"),
        ));
    }
    if let Some(pds) = other_i64(&spec.other, "progressDeadlineSeconds") {
        let p = path.child("progressDeadlineSeconds");
        errs.extend(validate_nonnegative(pds, &p));
        if pds <= min_ready {
            errs.push(FieldError::invalid(
                &p,
                pds,
                "must be greater than minReadySeconds",
            ));
        }
    }
    errs
}

/// `ValidateReplicaSet` (create).
pub fn validate_replica_set(rs: &ReplicaSet) -> ErrorList {
    let mut errs = validate_object_meta(
        &rs.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &Path::new("metadata"),
    );
    let path = Path::new("spec");
    let spec = &rs.spec;
    // Upstream checks minReadySeconds before the selector.
    let mut spec_errs =
        validate_replicated_spec(spec.replicas, spec.selector.as_ref(), &spec.template, &path);
    let min_ready = other_i64(&spec.other, "minReadySeconds").unwrap_or(0);
    let mr = validate_nonnegative(min_ready, &path.child("minReadySeconds"));
    let at = usize::from(spec.replicas.unwrap_or(0) < 0);
    for (k, e) in mr.into_iter().enumerate() {
        spec_errs.insert(at + k, e);
    }
    errs.extend(spec_errs);
    errs
}
