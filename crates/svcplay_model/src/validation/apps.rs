//! Deployment and ReplicaSet validation (`pkg/apis/apps/validation/validation.go`
//! `ValidateDeployment`, `ValidateReplicaSet`, `ValidatePodTemplateSpecForReplicaSet`).
//! The Deployment `strategy` is checked as `ValidateDeploymentStrategy` does.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::field::{BadValue, ErrorList, FieldError, Path, go_quote};
use crate::types::{Deployment, LabelSelector, PodTemplateSpec, ReplicaSet, StringMap};

use super::meta::{
    selector_matches, validate_label_selector, validate_nonnegative, validate_object_meta,
};
use super::names::{NameRule, regex_error};
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
    if template
        .spec
        .other
        .get("activeDeadlineSeconds")
        .is_some_and(|v| !v.is_null())
    {
        errs.push(FieldError::forbidden(
            &tpath.child("spec").child("activeDeadlineSeconds"),
            "activeDeadlineSeconds in ReplicaSet is not Supported",
        ));
    }
    errs
}

/// An `intstr.IntOrString` as decoded from JSON: a number or a string.
#[derive(Debug, Clone, PartialEq)]
enum IntOrPercent<'a> {
    Int(i64),
    Str(&'a str),
}

impl IntOrPercent<'_> {
    /// The bad value as upstream prints it: the internal type holds an `intstr.IntOrString`
    /// value, and its `String()` has a pointer receiver, so `field.ErrorBody` falls back to
    /// `%#v` (`Type` 0 for an int, 1 for a string).
    fn bad_value(&self) -> BadValue {
        BadValue::GoSyntax(match self {
            IntOrPercent::Int(i) => {
                format!("intstr.IntOrString{{Type:0, IntVal:{i}, StrVal:\"\"}}")
            }
            IntOrPercent::Str(s) => {
                format!(
                    "intstr.IntOrString{{Type:1, IntVal:0, StrVal:{}}}",
                    go_quote(s)
                )
            }
        })
    }

    /// `getPercentValue`: the number of a valid `N%` string.
    fn percent(&self) -> Option<i64> {
        match self {
            IntOrPercent::Str(s) if is_valid_percent(s) => {
                // Go's strconv.Atoi fails (→ 0) past the int range.
                Some(s[..s.len() - 1].parse().unwrap_or(0))
            }
            _ => None,
        }
    }

    /// `getIntOrPercentValue`: the percent, else `IntValue()` (a non-numeric string is 0).
    fn value(&self) -> i64 {
        if let Some(p) = self.percent() {
            return p;
        }
        match self {
            IntOrPercent::Int(i) => *i,
            IntOrPercent::Str(s) => s.parse::<i64>().unwrap_or(0),
        }
    }
}

fn is_valid_percent(s: &str) -> bool {
    s.len() > 1 && s.ends_with('%') && s[..s.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

/// `validation.IsValidPercent`'s message.
fn percent_error() -> String {
    regex_error(
        "a valid percent string must be a numeric string followed by an ending '%'",
        "[0-9]+%",
        &["1%", "93%"],
    )
}

/// Reads an `IntOrString` field; absent, null or of another JSON type (which decoding would have
/// rejected) reads as the zero value `0`.
fn int_or_percent<'a>(m: &'a serde_json::Map<String, Value>, key: &str) -> IntOrPercent<'a> {
    match m.get(key) {
        Some(Value::String(s)) => IntOrPercent::Str(s),
        Some(v) => IntOrPercent::Int(v.as_i64().unwrap_or(0)),
        None => IntOrPercent::Int(0),
    }
}

/// `ValidatePositiveIntOrPercent`.
fn validate_positive_int_or_percent(v: &IntOrPercent<'_>, path: &Path) -> ErrorList {
    match v {
        IntOrPercent::Str(s) if !is_valid_percent(s) => {
            vec![FieldError::invalid(path, v.bad_value(), &percent_error())]
        }
        IntOrPercent::Str(_) => Vec::new(),
        IntOrPercent::Int(i) => validate_nonnegative(*i, path),
    }
}

/// `%#v` of an internal `apps.DeploymentStrategy` (a set `rollingUpdate` pointer prints as an
/// address upstream; shown as `0x0`).
fn go_deployment_strategy(ty: &str, has_rolling_update: bool) -> String {
    format!(
        "apps.DeploymentStrategy{{Type:{}, RollingUpdate:(*apps.RollingUpdateDeployment)({})}}",
        go_quote(ty),
        if has_rolling_update { "0x0" } else { "nil" }
    )
}

/// `ValidateDeploymentStrategy` (with `ValidateRollingUpdateDeployment`) on the defaulted
/// `spec.strategy`.
fn validate_deployment_strategy(strategy: Option<&Value>, path: &Path) -> ErrorList {
    let empty = serde_json::Map::new();
    let s = strategy.and_then(Value::as_object).unwrap_or(&empty);
    let ty = s.get("type").and_then(Value::as_str).unwrap_or("");
    let rolling = s.get("rollingUpdate").filter(|v| !v.is_null());
    let mut errs = Vec::new();
    match ty {
        "Recreate" => {
            if rolling.is_some() {
                errs.push(FieldError::forbidden(
                    &path.child("rollingUpdate"),
                    "may not be specified when strategy `type` is 'Recreate'",
                ));
            }
        }
        "RollingUpdate" => match rolling {
            None => errs.push(FieldError::required(
                &path.child("rollingUpdate"),
                "this should be defaulted and never be nil",
            )),
            Some(ru) => {
                let ru = ru.as_object().unwrap_or(&empty);
                let ru_path = path.child("rollingUpdate");
                let mu_path = ru_path.child("maxUnavailable");
                let max_unavailable = int_or_percent(ru, "maxUnavailable");
                let max_surge = int_or_percent(ru, "maxSurge");
                errs.extend(validate_positive_int_or_percent(&max_unavailable, &mu_path));
                errs.extend(validate_positive_int_or_percent(
                    &max_surge,
                    &ru_path.child("maxSurge"),
                ));
                if max_unavailable.value() == 0 && max_surge.value() == 0 {
                    errs.push(FieldError::invalid(
                        &mu_path,
                        max_unavailable.bad_value(),
                        "may not be 0 when `maxSurge` is 0",
                    ));
                }
                if max_unavailable.percent().is_some_and(|p| p > 100) {
                    errs.push(FieldError::invalid(
                        &mu_path,
                        max_unavailable.bad_value(),
                        "must not be greater than 100%",
                    ));
                }
            }
        },
        _ => errs.push(FieldError::not_supported_ordered(
            path,
            BadValue::GoSyntax(go_deployment_strategy(ty, rolling.is_some())),
            &["Recreate", "RollingUpdate"],
        )),
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
    errs.extend(validate_deployment_strategy(
        spec.other.get("strategy"),
        &path.child("strategy"),
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
