//! A pod spec's scheduling constraints, read from the verbatim `affinity` and
//! `topologySpreadConstraints` fields: `validateAffinity` (`ValidateNodeSelector`,
//! `ValidatePreferredSchedulingTerms`, `validatePodAffinityTerm`, ...) and
//! `validateTopologySpreadConstraints` of `pkg/apis/core/validation` (Kubernetes 1.33, a create:
//! no `AllowInvalid...` option is set). Values of the wrong JSON type read as Go zero values.

use serde_json::Value;

use crate::field::{ErrorList, FieldError, Path};
use crate::types::{LabelSelector, LabelSelectorRequirement};

use super::container::{int_at, obj, str_at};
use super::meta::{validate_label_name, validate_label_selector, validate_requirement};
use super::names::NameRule;

/// The list at `key` (empty when absent or not a list).
pub(super) fn arr<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The strings of the list at `key`.
pub(super) fn strs(v: &Value, key: &str) -> Vec<String> {
    arr(v, key)
        .iter()
        .map(|x| x.as_str().unwrap_or("").to_string())
        .collect()
}

/// A verbatim `metav1.LabelSelector`.
fn selector(v: &Value) -> LabelSelector {
    let mut sel = LabelSelector::default();
    if let Some(m) = v.get("matchLabels").and_then(Value::as_object) {
        for (k, x) in m {
            sel.match_labels
                .insert(k.clone(), x.as_str().unwrap_or("").to_string());
        }
    }
    sel.match_expressions = arr(v, "matchExpressions")
        .iter()
        .map(|e| LabelSelectorRequirement {
            key: str_at(e, "key").to_string(),
            operator: str_at(e, "operator").to_string(),
            values: strs(e, "values"),
        })
        .collect();
    sel
}

/// `validateAffinity`. A Pod arrives here after the pod strategy's `PrepareForCreate`
/// ([`crate::defaults::merge_affinity_label_keys`]) has added `key In/NotIn [value]` to its terms'
/// selectors for their `matchLabelKeys`/`mismatchLabelKeys`.
pub fn validate_affinity(affinity: &Value, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if let Some(na) = obj(affinity, "nodeAffinity") {
        let p = path.child("nodeAffinity");
        if let Some(req) = obj(na, "requiredDuringSchedulingIgnoredDuringExecution") {
            let tp = p
                .child("requiredDuringSchedulingIgnoredDuringExecution")
                .child("nodeSelectorTerms");
            let terms = arr(req, "nodeSelectorTerms");
            if terms.is_empty() {
                errs.push(FieldError::required(
                    &tp,
                    "must have at least one node selector term",
                ));
            }
            for (i, t) in terms.iter().enumerate() {
                errs.extend(node_selector_term(t, true, &tp.index(i)));
            }
        }
        let pp = p.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, t) in arr(na, "preferredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            errs.extend(weight(t, &pp.index(i)));
            let pref = t.get("preference").unwrap_or(&Value::Null);
            errs.extend(node_selector_term(
                pref,
                false,
                &pp.index(i).child("preference"),
            ));
        }
    }
    for kind in ["podAffinity", "podAntiAffinity"] {
        let Some(pa) = obj(affinity, kind) else {
            continue;
        };
        let p = path.child(kind);
        let rp = p.child("requiredDuringSchedulingIgnoredDuringExecution");
        for (i, t) in arr(pa, "requiredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            errs.extend(pod_affinity_term(t, &rp.index(i)));
        }
        let wp = p.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, t) in arr(pa, "preferredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            errs.extend(weight(t, &wp.index(i)));
            let term = t.get("podAffinityTerm").unwrap_or(&Value::Null);
            errs.extend(pod_affinity_term(
                term,
                &wp.index(i).child("podAffinityTerm"),
            ));
        }
    }
    errs
}

/// A preferred term's `weight`: 1..=100.
fn weight(t: &Value, path: &Path) -> ErrorList {
    let w = int_at(t, "weight");
    if (1..=100).contains(&w) {
        Vec::new()
    } else {
        vec![FieldError::invalid(
            &path.child("weight"),
            w,
            "must be in the range 1-100",
        )]
    }
}

/// `ValidateNodeSelectorTerm`; `check_values` is false for preferred terms.
fn node_selector_term(t: &Value, check_values: bool, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    for (j, r) in arr(t, "matchExpressions").iter().enumerate() {
        errs.extend(validate_requirement(
            str_at(r, "key"),
            str_at(r, "operator"),
            &strs(r, "values"),
            Some(check_values),
            &path.child("matchExpressions").index(j),
        ));
    }
    // ValidateNodeFieldSelectorRequirement: only `metadata.name`, with one value for In/NotIn.
    for (j, r) in arr(t, "matchFields").iter().enumerate() {
        let p = path.child("matchFields").index(j);
        let (key, op, values) = (str_at(r, "key"), str_at(r, "operator"), strs(r, "values"));
        match op {
            "In" | "NotIn" if values.len() != 1 => errs.push(FieldError::required(
                &p.child("values"),
                "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
            )),
            "In" | "NotIn" => {}
            other => errs.push(FieldError::invalid(
                &p.child("operator"),
                other,
                "not a valid selector operator",
            )),
        }
        if key != "metadata.name" {
            errs.push(FieldError::invalid(
                &p.child("key"),
                key,
                "not a valid field selector key",
            ));
        } else {
            for (k, v) in values.iter().enumerate() {
                for msg in NameRule::Dns1123Subdomain.check(v, false) {
                    errs.push(FieldError::invalid(
                        &p.child("values").index(k),
                        v.as_str(),
                        &msg,
                    ));
                }
            }
        }
    }
    errs
}

/// `validatePodAffinityTerm`.
fn pod_affinity_term(t: &Value, path: &Path) -> ErrorList {
    let match_keys = strs(t, "matchLabelKeys");
    let mismatch_keys = strs(t, "mismatchLabelKeys");
    let label_sel = obj(t, "labelSelector").map(selector);
    let mut errs = Vec::new();
    if let Some(sel) = &label_sel {
        errs.extend(validate_label_selector(sel, &path.child("labelSelector")));
    }
    if let Some(ns) = obj(t, "namespaceSelector") {
        errs.extend(validate_label_selector(
            &selector(ns),
            &path.child("namespaceSelector"),
        ));
    }
    // Upstream reports bad namespaces at `namespace`, not `namespaces[i]`.
    for name in strs(t, "namespaces") {
        for msg in NameRule::Dns1123Label.check(&name, false) {
            errs.push(FieldError::invalid(
                &path.child("namespace"),
                name.as_str(),
                &msg,
            ));
        }
    }
    // validateMatchLabelKeysAndMismatchLabelKeys.
    for (keys, field) in [
        (&match_keys, "matchLabelKeys"),
        (&mismatch_keys, "mismatchLabelKeys"),
    ] {
        errs.extend(label_keys(keys, label_sel.is_some(), &path.child(field)));
    }
    if let Some(sel) = &label_sel {
        // A `matchLabelKeys` key whose expression repeats a key the selector already has
        // (reported at the term's path indexed by the key's position, as upstream does).
        let mut seen: Vec<&str> = sel.match_labels.keys().map(String::as_str).collect();
        for e in &sel.match_expressions {
            if let Some(i) = match_keys.iter().position(|k| *k == e.key)
                && seen.contains(&e.key.as_str())
            {
                errs.push(FieldError::invalid(
                    &path.index(i),
                    e.key.as_str(),
                    "exists in both matchLabelKeys and labelSelector",
                ));
            }
            seen.push(&e.key);
        }
    }
    for (i, k) in match_keys.iter().enumerate() {
        if mismatch_keys.contains(k) {
            errs.push(FieldError::invalid(
                &path.child("matchLabelKeys").index(i),
                k.as_str(),
                "exists in both matchLabelKeys and mismatchLabelKeys",
            ));
        }
    }
    let topology_key = str_at(t, "topologyKey");
    let tp = path.child("topologyKey");
    if topology_key.is_empty() {
        errs.push(FieldError::required(&tp, "can not be empty"));
    }
    errs.extend(validate_label_name(topology_key, &tp));
    errs
}

/// `validateLabelKeys`: keys need a label selector and must be label names.
fn label_keys(keys: &[String], has_selector: bool, path: &Path) -> ErrorList {
    if keys.is_empty() {
        return Vec::new();
    }
    if !has_selector {
        return vec![FieldError::forbidden(
            path,
            "must not be specified when labelSelector is not set",
        )];
    }
    let mut errs = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        errs.extend(validate_label_name(k, &path.index(i)));
    }
    errs
}

/// A spread constraint's `{topologyKey, whenUnsatisfiable}`.
fn pair(c: &Value) -> (&str, &str) {
    (str_at(c, "topologyKey"), str_at(c, "whenUnsatisfiable"))
}

/// `validateTopologySpreadConstraints`.
pub fn validate_topology_spread_constraints(list: &[Value], path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    for (i, c) in list.iter().enumerate() {
        let p = path.index(i);
        let skew = int_at(c, "maxSkew");
        if skew <= 0 {
            errs.push(FieldError::invalid(
                &p.child("maxSkew"),
                skew,
                "must be greater than zero",
            ));
        }
        let (key, when) = pair(c);
        if key.is_empty() {
            errs.push(FieldError::required(
                &p.child("topologyKey"),
                "can not be empty",
            ));
        }
        if !matches!(when, "DoNotSchedule" | "ScheduleAnyway") {
            errs.push(FieldError::not_supported(
                &p.child("whenUnsatisfiable"),
                when,
                &["DoNotSchedule", "ScheduleAnyway"],
            ));
        }
        if list[i + 1..].iter().any(|o| pair(o) == (key, when)) {
            errs.push(FieldError::duplicate(
                &p.child("{topologyKey, whenUnsatisfiable}"),
                format!("{{{key}, {when}}}"),
            ));
        }
        if obj(c, "minDomains").is_some() {
            let (md, mp) = (int_at(c, "minDomains"), p.child("minDomains"));
            if md <= 0 {
                errs.push(FieldError::invalid(&mp, md, "must be greater than zero"));
            }
            if when != "DoNotSchedule" {
                errs.push(FieldError::invalid(
                    &mp,
                    md,
                    &format!(
                        "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {when}"
                    ),
                ));
            }
        }
        for policy in ["nodeAffinityPolicy", "nodeTaintsPolicy"] {
            if obj(c, policy).is_some() {
                let v = str_at(c, policy);
                if !matches!(v, "Honor" | "Ignore") {
                    errs.push(FieldError::not_supported(
                        &p.child(policy),
                        v,
                        &["Honor", "Ignore"],
                    ));
                }
            }
        }
        let sel = obj(c, "labelSelector").map(selector);
        // validateMatchLabelKeysInTopologySpread.
        let keys = strs(c, "matchLabelKeys");
        let kp = p.child("matchLabelKeys");
        if !keys.is_empty() && sel.is_none() {
            errs.push(FieldError::forbidden(
                &kp,
                "must not be specified when labelSelector is not set",
            ));
        }
        for (j, k) in keys.iter().enumerate() {
            errs.extend(validate_label_name(k, &kp.index(j)));
            if sel.as_ref().is_some_and(|s| {
                s.match_labels.contains_key(k) || s.match_expressions.iter().any(|e| e.key == *k)
            }) {
                errs.push(FieldError::invalid(
                    &kp.index(j),
                    k.as_str(),
                    "exists in both matchLabelKeys and labelSelector",
                ));
            }
        }
        if let Some(s) = &sel {
            errs.extend(validate_label_selector(s, &p.child("labelSelector")));
        }
    }
    errs
}
