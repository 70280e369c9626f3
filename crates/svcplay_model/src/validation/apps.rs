//! Deployment, ReplicaSet, StatefulSet and DaemonSet validation
//! (`pkg/apis/apps/validation/validation.go` `ValidateDeployment`, `ValidateReplicaSet`,
//! `ValidatePodTemplateSpecForReplicaSet`, `ValidateStatefulSet`, `ValidateDaemonSet`).
//! The Deployment `strategy` is checked as `ValidateDeploymentStrategy` does.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::field::{BadValue, ErrorList, FieldError, Path, go_quote};
use crate::types::{
    DaemonSet, DaemonSetUpdateStrategy, Deployment, IntOrString, LabelSelector, PodTemplateSpec,
    ReplicaSet, RollingUpdateStatefulSetStrategy, StatefulSet, StatefulSetUpdateStrategy,
    StringMap,
};

use super::meta::{
    selector_matches, validate_label_selector, validate_nonnegative, validate_object_meta,
};
use super::names::{NameRule, regex_error};
use super::pod::{validate_pod_template_spec, validate_template_meta};

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
    errs.extend(validate_long_running_template(
        template,
        &tpath,
        "ReplicaSet",
    ));
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

impl<'a> From<&'a IntOrString> for IntOrPercent<'a> {
    fn from(v: &'a IntOrString) -> Self {
        match v {
            IntOrString::Int(i) => IntOrPercent::Int(i64::from(*i)),
            IntOrString::String(s) => IntOrPercent::Str(s),
        }
    }
}

/// `IsNotMoreThan100Percent`.
fn not_more_than_100_percent(v: &IntOrPercent<'_>, path: &Path) -> ErrorList {
    match v.percent() {
        Some(p) if p > 100 => vec![FieldError::invalid(
            path,
            v.bad_value(),
            "must not be greater than 100%",
        )],
        _ => Vec::new(),
    }
}

/// The pointer part of a `%#v` (a set pointer prints as an address upstream; shown as `0x0`).
fn go_pointer(ty: &str, set: bool) -> String {
    format!("(*{ty})({})", if set { "0x0" } else { "nil" })
}

/// `%#v` of an internal `apps.RollingUpdateStatefulSetStrategy`.
fn go_rolling_update_stateful_set(ru: &RollingUpdateStatefulSetStrategy) -> String {
    format!(
        "apps.RollingUpdateStatefulSetStrategy{{Partition:{}, MaxUnavailable:{}}}",
        ru.partition.unwrap_or(0),
        go_pointer("intstr.IntOrString", ru.max_unavailable.is_some())
    )
}

/// `%#v` of an internal `apps.StatefulSetUpdateStrategy`.
fn go_stateful_set_update_strategy(s: &StatefulSetUpdateStrategy) -> String {
    format!(
        "apps.StatefulSetUpdateStrategy{{Type:{}, RollingUpdate:{}}}",
        go_quote(&s.type_),
        go_pointer(
            "apps.RollingUpdateStatefulSetStrategy",
            s.rolling_update.is_some()
        )
    )
}

/// `validateRollingUpdateStatefulSet`.
fn validate_rolling_update_stateful_set(
    ru: &RollingUpdateStatefulSetStrategy,
    path: &Path,
) -> ErrorList {
    let mut errs = validate_nonnegative(ru.partition.unwrap_or(0).into(), &path.child("partition"));
    if let Some(mu) = &ru.max_unavailable {
        let mu_path = path.child("maxUnavailable");
        let v = IntOrPercent::from(mu);
        errs.extend(validate_positive_int_or_percent(&v, &mu_path));
        if v.value() == 0 {
            errs.push(FieldError::invalid(&mu_path, v.bad_value(), "cannot be 0"));
        }
        errs.extend(not_more_than_100_percent(&v, &mu_path));
    }
    errs
}

/// `ValidatePersistentVolumeClaimRetentionPolicyType`.
fn validate_pvc_retention_policy_type(policy: &str, path: &Path) -> ErrorList {
    match policy {
        "Retain" | "Delete" => Vec::new(),
        _ => vec![FieldError::not_supported_ordered(
            path,
            policy,
            &["Retain", "Delete"],
        )],
    }
}

/// `ValidateStatefulSet` (create) on a defaulted StatefulSet: metadata (a DNS-1123 label
/// name, as pods are named `<name>-<ordinal>`), `ValidateStatefulSetSpec`. As upstream, the
/// template's pod spec itself is not validated (`ValidatePodTemplateSpecForStatefulSet` checks
/// only the selector match, template labels and annotations); `serviceName` is free-form.
pub fn validate_stateful_set(s: &StatefulSet) -> ErrorList {
    let mut errs = validate_object_meta(
        &s.metadata,
        true,
        NameRule::Dns1123Label,
        &Path::new("metadata"),
    );
    let path = Path::new("spec");
    let spec = &s.spec;
    let pmp = path.child("podManagementPolicy");
    match spec.pod_management_policy.as_str() {
        "" => errs.push(FieldError::required(&pmp, "")),
        "OrderedReady" | "Parallel" => {}
        other => errs.push(FieldError::invalid(
            &pmp,
            other,
            "must be 'OrderedReady' or 'Parallel'",
        )),
    }
    let us = path.child("updateStrategy");
    let strategy = &spec.update_strategy;
    match strategy.type_.as_str() {
        "" => errs.push(FieldError::required(&us, "")),
        "OnDelete" => {
            if let Some(ru) = &strategy.rolling_update {
                errs.push(FieldError::invalid(
                    &us.child("rollingUpdate"),
                    BadValue::GoSyntax(go_rolling_update_stateful_set(ru)),
                    "only allowed for updateStrategy 'RollingUpdate'",
                ));
            }
        }
        "RollingUpdate" => {
            if let Some(ru) = &strategy.rolling_update {
                errs.extend(validate_rolling_update_stateful_set(
                    ru,
                    &us.child("rollingUpdate"),
                ));
            }
        }
        _ => errs.push(FieldError::invalid(
            &us,
            BadValue::GoSyntax(go_stateful_set_update_strategy(strategy)),
            "must be 'RollingUpdate' or 'OnDelete'",
        )),
    }
    if let Some(p) = &spec.persistent_volume_claim_retention_policy {
        let pp = path.child("persistentVolumeClaimRetentionPolicy");
        errs.extend(validate_pvc_retention_policy_type(
            &p.when_deleted,
            &pp.child("whenDeleted"),
        ));
        errs.extend(validate_pvc_retention_policy_type(
            &p.when_scaled,
            &pp.child("whenScaled"),
        ));
    }
    errs.extend(validate_nonnegative(
        spec.replicas.unwrap_or(0).into(),
        &path.child("replicas"),
    ));
    errs.extend(validate_nonnegative(
        spec.min_ready_seconds.into(),
        &path.child("minReadySeconds"),
    ));
    if let Some(o) = &spec.ordinals {
        errs.extend(validate_nonnegative(
            o.start.into(),
            &path.child("ordinals").child("start"),
        ));
    }
    let sel_path = path.child("selector");
    let mut selector_valid = true;
    match &spec.selector {
        None => errs.push(FieldError::required(&sel_path, "")),
        Some(sel) => {
            let sel_errs = validate_label_selector(sel, &sel_path);
            selector_valid = sel_errs.is_empty();
            errs.extend(sel_errs);
            if sel.match_labels.is_empty() && sel.match_expressions.is_empty() {
                errs.push(FieldError::invalid(
                    &sel_path,
                    BadValue::GoSyntax(go_label_selector(sel)),
                    "empty selector is invalid for statefulset",
                ));
            }
        }
    }
    let tpath = path.child("template");
    let template = &spec.template;
    match (&spec.selector, selector_valid) {
        // metav1.LabelSelectorAsSelector failed: the template is not looked at.
        (Some(sel), false) => errs.push(FieldError::invalid(
            &sel_path,
            BadValue::GoSyntax(go_label_selector(sel)),
            "",
        )),
        (sel, _) => {
            // nil → labels.Nothing() (matches nothing); empty → labels.Everything() (skipped).
            let check = match sel {
                None => Some(false),
                Some(s) if s.match_labels.is_empty() && s.match_expressions.is_empty() => None,
                Some(s) => Some(selector_matches(s, &template.metadata.labels)),
            };
            if check == Some(false) {
                errs.push(FieldError::invalid(
                    &tpath.child("metadata").child("labels"),
                    BadValue::GoSyntax(go_string_map(&template.metadata.labels)),
                    "`selector` does not match template `labels`",
                ));
            }
            errs.extend(validate_template_meta(
                &template.metadata,
                &template.spec,
                &tpath,
            ));
        }
    }
    errs.extend(validate_long_running_template(
        template,
        &tpath,
        "StatefulSet",
    ));
    errs
}

/// `%#v` of an internal `apps.DaemonSetUpdateStrategy`.
fn go_daemon_set_update_strategy(s: &DaemonSetUpdateStrategy) -> String {
    format!(
        "apps.DaemonSetUpdateStrategy{{Type:{}, RollingUpdate:{}}}",
        go_quote(&s.type_),
        go_pointer("apps.RollingUpdateDaemonSet", s.rolling_update.is_some())
    )
}

/// `ValidateDaemonSetUpdateStrategy` with `ValidateRollingUpdateDaemonSet`.
fn validate_daemon_set_update_strategy(s: &DaemonSetUpdateStrategy, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    match s.type_.as_str() {
        "OnDelete" => {}
        "RollingUpdate" => {
            let Some(ru) = &s.rolling_update else {
                return vec![FieldError::required(&path.child("rollingUpdate"), "")];
            };
            let ru_path = path.child("rollingUpdate");
            let zero = IntOrString::Int(0);
            // The internal fields are values: nil converts to the int 0.
            let mu = IntOrPercent::from(ru.max_unavailable.as_ref().unwrap_or(&zero));
            let ms = IntOrPercent::from(ru.max_surge.as_ref().unwrap_or(&zero));
            let mu_path = ru_path.child("maxUnavailable");
            let ms_path = ru_path.child("maxSurge");
            errs.extend(validate_positive_int_or_percent(&mu, &mu_path));
            errs.extend(validate_positive_int_or_percent(&ms, &ms_path));
            errs.extend(not_more_than_100_percent(&mu, &mu_path));
            errs.extend(not_more_than_100_percent(&ms, &ms_path));
            match (mu.value() != 0, ms.value() != 0) {
                (true, true) => errs.push(FieldError::invalid(
                    &ms_path,
                    ms.bad_value(),
                    "may not be set when maxUnavailable is non-zero",
                )),
                (false, false) => errs.push(FieldError::required(
                    &mu_path,
                    "cannot be 0 when maxSurge is 0",
                )),
                _ => {}
            }
        }
        _ => errs.push(FieldError::not_supported_ordered(
            path,
            BadValue::GoSyntax(go_daemon_set_update_strategy(s)),
            &["RollingUpdate", "OnDelete"],
        )),
    }
    errs
}

/// `ValidateDaemonSet` (create) on a defaulted DaemonSet: metadata (DNS-1123 subdomain name),
/// `ValidateDaemonSetSpec` (selector, the full `ValidatePodTemplateSpec`, restartPolicy,
/// activeDeadlineSeconds, minReadySeconds, updateStrategy, revisionHistoryLimit). The internal
/// `templateGeneration` is 1 on create and never fails its check.
pub fn validate_daemon_set(d: &DaemonSet) -> ErrorList {
    let mut errs = validate_object_meta(
        &d.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &Path::new("metadata"),
    );
    let path = Path::new("spec");
    let spec = &d.spec;
    let sel_path = path.child("selector");
    let tpath = path.child("template");
    let template = &spec.template;
    // ValidateLabelSelector accepts nil; an invalid selector skips the match check.
    let sel_errs = spec
        .selector
        .as_ref()
        .map(|s| validate_label_selector(s, &sel_path))
        .unwrap_or_default();
    let selector_valid = sel_errs.is_empty();
    errs.extend(sel_errs);
    if selector_valid {
        let matches = match &spec.selector {
            None => false,
            Some(s) => selector_matches(s, &template.metadata.labels),
        };
        if !matches {
            errs.push(FieldError::invalid(
                &tpath.child("metadata").child("labels"),
                BadValue::GoSyntax(go_string_map(&template.metadata.labels)),
                "`selector` does not match template `labels`",
            ));
        }
    }
    if let Some(sel) = &spec.selector
        && sel.match_labels.is_empty()
        && sel.match_expressions.is_empty()
    {
        errs.push(FieldError::invalid(
            &sel_path,
            BadValue::GoSyntax(go_label_selector(sel)),
            "empty selector is invalid for daemonset",
        ));
    }
    errs.extend(validate_pod_template_spec(template, &tpath));
    errs.extend(validate_long_running_template(
        template,
        &tpath,
        "DaemonSet",
    ));
    errs.extend(validate_nonnegative(
        spec.min_ready_seconds.into(),
        &path.child("minReadySeconds"),
    ));
    errs.extend(validate_daemon_set_update_strategy(
        &spec.update_strategy,
        &path.child("updateStrategy"),
    ));
    if let Some(rhl) = spec.revision_history_limit {
        errs.extend(validate_nonnegative(
            rhl.into(),
            &path.child("revisionHistoryLimit"),
        ));
    }
    errs
}

/// What the pods of a long-running controller (ReplicaSet, StatefulSet, DaemonSet) must be: `restartPolicy:
/// Always` and no `activeDeadlineSeconds` (`ValidatePodTemplateSpecForReplicaSet`,
/// `ValidateStatefulSetSpec`, `ValidateDaemonSetSpec`).
fn validate_long_running_template(
    template: &PodTemplateSpec,
    tpath: &Path,
    kind: &str,
) -> ErrorList {
    let mut errs = Vec::new();
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
            &format!("activeDeadlineSeconds in {kind} is not Supported"),
        ));
    }
    errs
}
