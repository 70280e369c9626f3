//! `metadata` validation (`staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go`,
//! `.../apis/meta/v1/validation/validation.go`, and core's `ValidateObjectMeta` finalizer check).

use crate::field::{BadValue, ErrorList, FieldError, Path};
use crate::types::{LabelSelector, ObjectMeta, OwnerReference, StringMap};

use super::names::{NameRule, is_qualified_name, is_valid_label_value};

/// `TotalAnnotationSizeLimitB`: 256 KiB.
pub const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// `ValidateNonnegativeField`'s message.
pub const IS_NEGATIVE_MSG: &str = "must be greater than or equal to 0";

/// `ValidateLabelName`: a label key must be a qualified name.
pub fn validate_label_name(name: &str, path: &Path) -> ErrorList {
    is_qualified_name(name)
        .into_iter()
        .map(|msg| FieldError::invalid(path, name, &msg))
        .collect()
}

/// `ValidateLabels`: keys and values, all reported at `path` itself (not keyed).
pub fn validate_labels(labels: &StringMap, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    for (k, v) in labels {
        errs.extend(validate_label_name(k, path));
        for msg in is_valid_label_value(v) {
            errs.push(FieldError::invalid(path, v.as_str(), &msg));
        }
    }
    errs
}

/// `ValidateAnnotations`: keys are qualified names (case-insensitive); total size at most 256 KiB.
pub fn validate_annotations(annotations: &StringMap, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let mut total = 0usize;
    for (k, v) in annotations {
        for msg in is_qualified_name(&k.to_lowercase()) {
            errs.push(FieldError::invalid(path, k.as_str(), &msg));
        }
        total = total.saturating_add(k.len()).saturating_add(v.len());
    }
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.push(FieldError::too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    errs
}

/// `ValidateNonnegativeField`.
pub fn validate_nonnegative(value: i64, path: &Path) -> ErrorList {
    if value < 0 {
        vec![FieldError::invalid(path, value, IS_NEGATIVE_MSG)]
    } else {
        Vec::new()
    }
}

fn go_str_ptr(v: &Option<bool>) -> String {
    match v {
        None => "(*bool)(nil)".to_string(),
        Some(_) => "(*bool)(0x0)".to_string(),
    }
}

/// `%#v` of a `metav1.OwnerReference` (pointer fields print as addresses upstream; shown as 0x0).
fn go_owner_reference(r: &OwnerReference) -> String {
    use crate::field::go_quote;
    format!(
        "v1.OwnerReference{{APIVersion:{}, Kind:{}, Name:{}, UID:{}, Controller:{}, BlockOwnerDeletion:{}}}",
        go_quote(&r.api_version),
        go_quote(&r.kind),
        go_quote(&r.name),
        go_quote(&r.uid),
        go_str_ptr(&r.controller),
        go_str_ptr(&r.block_owner_deletion)
    )
}

/// `ValidateOwnerReferences`.
pub fn validate_owner_references(refs: &[OwnerReference], path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let mut first_controller = String::new();
    for r in refs {
        // schema.FromAPIVersionAndKind: "" → no version; "v" → version v; "g/v" → group g.
        let version = match r.api_version.split('/').collect::<Vec<_>>().as_slice() {
            [v] => (*v).to_string(),
            [_, v] => (*v).to_string(),
            _ => String::new(),
        };
        let group = match r.api_version.split('/').collect::<Vec<_>>().as_slice() {
            [g, _] => (*g).to_string(),
            _ => String::new(),
        };
        if version.is_empty() {
            errs.push(FieldError::invalid(
                &path.child("apiVersion"),
                r.api_version.as_str(),
                "version must not be empty",
            ));
        }
        if r.kind.is_empty() {
            errs.push(FieldError::invalid(
                &path.child("kind"),
                "",
                "must not be empty",
            ));
        }
        if r.name.is_empty() {
            errs.push(FieldError::invalid(
                &path.child("name"),
                "",
                "must not be empty",
            ));
        }
        if r.uid.is_empty() {
            errs.push(FieldError::invalid(
                &path.child("uid"),
                "",
                "must not be empty",
            ));
        }
        if group.is_empty() && version == "v1" && r.kind == "Event" {
            errs.push(FieldError::invalid(
                path,
                BadValue::GoSyntax(go_owner_reference(r)),
                "/v1, Kind=Event is disallowed from being an owner",
            ));
        }
        if r.controller == Some(true) {
            let cur = format!("{}/{}", r.kind, r.name);
            if first_controller.is_empty() {
                first_controller = cur;
            } else {
                let all: Vec<String> = refs.iter().map(go_owner_reference).collect();
                errs.push(FieldError::invalid(
                    path,
                    BadValue::GoSyntax(format!("[]v1.OwnerReference{{{}}}", all.join(", "))),
                    &format!(
                        "Only one reference can have Controller set to true. Found \"true\" in references for {first_controller} and {cur}"
                    ),
                ));
            }
        }
    }
    errs
}

/// Core's standard finalizer names (`helper.IsStandardFinalizerName`).
const STANDARD_FINALIZERS: &[&str] = &["kubernetes", "orphan", "foregroundDeletion"];

/// `ValidateFinalizers` (apimachinery) followed by core's `validateKubeFinalizerName`.
fn validate_finalizers(finalizers: &[String], path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    for f in finalizers {
        for msg in is_qualified_name(f) {
            errs.push(FieldError::invalid(path, f.as_str(), &msg));
        }
    }
    if finalizers.iter().any(|f| f == "orphan")
        && finalizers.iter().any(|f| f == "foregroundDeletion")
    {
        errs.push(FieldError::invalid(
            path,
            finalizers,
            "finalizer orphan and foregroundDeletion cannot be both set",
        ));
    }
    // Core's ValidateObjectMeta adds only the "standard name" check per index (the qualified-name
    // check already ran above, at the unindexed path).
    for (i, f) in finalizers.iter().enumerate() {
        errs.extend(validate_kube_finalizer_name(f, &path.index(i)));
    }
    errs
}

/// Core's `validateKubeFinalizerName`: a name without `/` must be a standard finalizer.
fn validate_kube_finalizer_name(f: &str, path: &Path) -> ErrorList {
    if !f.contains('/') && !STANDARD_FINALIZERS.contains(&f) {
        vec![FieldError::invalid(
            path,
            f,
            "name is neither a standard finalizer name nor is it fully qualified",
        )]
    } else {
        Vec::new()
    }
}

/// Core's `validateFinalizerName` (as `ValidateNamespace` applies it to `spec.finalizers`):
/// a qualified name, and a standard finalizer when it has no `/`.
pub fn validate_finalizer_name(f: &str, path: &Path) -> ErrorList {
    let mut errs: ErrorList = is_qualified_name(f)
        .into_iter()
        .map(|msg| FieldError::invalid(path, f, &msg))
        .collect();
    errs.extend(validate_kube_finalizer_name(f, path));
    errs
}

/// `ValidateObjectMeta` on create: `generateName`, `name` (by `rule`), `namespace` (required and
/// a DNS-1123 label for namespaced kinds, forbidden otherwise), `generation`, labels,
/// annotations, ownerReferences, finalizers.
pub fn validate_object_meta(
    meta: &ObjectMeta,
    namespaced: bool,
    rule: NameRule,
    path: &Path,
) -> ErrorList {
    let mut errs = Vec::new();
    if !meta.generate_name.is_empty() {
        for msg in rule.check(&meta.generate_name, true) {
            errs.push(FieldError::invalid(
                &path.child("generateName"),
                meta.generate_name.as_str(),
                &msg,
            ));
        }
    }
    if meta.name.is_empty() {
        errs.push(FieldError::required(
            &path.child("name"),
            "name or generateName is required",
        ));
    } else {
        for msg in rule.check(&meta.name, false) {
            errs.push(FieldError::invalid(
                &path.child("name"),
                meta.name.as_str(),
                &msg,
            ));
        }
    }
    if namespaced {
        if meta.namespace.is_empty() {
            errs.push(FieldError::required(&path.child("namespace"), ""));
        } else {
            for msg in NameRule::Dns1123Label.check(&meta.namespace, false) {
                errs.push(FieldError::invalid(
                    &path.child("namespace"),
                    meta.namespace.as_str(),
                    &msg,
                ));
            }
        }
    } else if !meta.namespace.is_empty() {
        errs.push(FieldError::forbidden(
            &path.child("namespace"),
            "not allowed on this type",
        ));
    }
    errs.extend(validate_nonnegative(
        meta.generation.unwrap_or(0),
        &path.child("generation"),
    ));
    errs.extend(validate_labels(&meta.labels, &path.child("labels")));
    errs.extend(validate_annotations(
        &meta.annotations,
        &path.child("annotations"),
    ));
    errs.extend(validate_owner_references(
        &meta.owner_references,
        &path.child("ownerReferences"),
    ));
    errs.extend(validate_finalizers(
        &meta.finalizers,
        &path.child("finalizers"),
    ));
    errs
}

/// `ValidateLabelSelector` with `AllowInvalidLabelValueInSelector: false`.
pub fn validate_label_selector(sel: &LabelSelector, path: &Path) -> ErrorList {
    let mut errs = validate_labels(&sel.match_labels, &path.child("matchLabels"));
    for (i, req) in sel.match_expressions.iter().enumerate() {
        errs.extend(validate_requirement(
            &req.key,
            &req.operator,
            &req.values,
            None,
            &path.child("matchExpressions").index(i),
        ));
    }
    errs
}

/// One selector requirement: `ValidateLabelSelectorRequirement` (`node` is `None`), or
/// `ValidateNodeSelectorRequirement`, which also takes `Gt`/`Lt` and checks the values as label
/// values only when `node` is `Some(true)` (required node affinity).
pub fn validate_requirement(
    key: &str,
    op: &str,
    values: &[String],
    node: Option<bool>,
    path: &Path,
) -> ErrorList {
    let mut errs = Vec::new();
    let vp = path.child("values");
    match op {
        "In" | "NotIn" if values.is_empty() => errs.push(FieldError::required(
            &vp,
            "must be specified when `operator` is 'In' or 'NotIn'",
        )),
        "Exists" | "DoesNotExist" if !values.is_empty() => errs.push(FieldError::forbidden(
            &vp,
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        )),
        "Gt" | "Lt" if node.is_some() && values.len() != 1 => errs.push(FieldError::required(
            &vp,
            "must be specified single value when `operator` is 'Lt' or 'Gt'",
        )),
        "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
        "Gt" | "Lt" if node.is_some() => {}
        other => errs.push(FieldError::invalid(
            &path.child("operator"),
            other,
            "not a valid selector operator",
        )),
    }
    errs.extend(validate_label_name(key, &path.child("key")));
    if node != Some(false) {
        for (j, v) in values.iter().enumerate() {
            for msg in is_valid_label_value(v) {
                errs.push(FieldError::invalid(&vp.index(j), v.as_str(), &msg));
            }
        }
    }
    errs
}

/// Whether `sel` (a valid selector) matches `labels` (`metav1.LabelSelectorAsSelector` +
/// `Matches`). An empty selector matches everything.
pub fn selector_matches(sel: &LabelSelector, labels: &StringMap) -> bool {
    sel.match_labels
        .iter()
        .all(|(k, v)| labels.get(k) == Some(v))
        && sel
            .match_expressions
            .iter()
            .all(|req| match req.operator.as_str() {
                "In" => labels.get(&req.key).is_some_and(|v| req.values.contains(v)),
                "NotIn" => labels.get(&req.key).is_none_or(|v| !req.values.contains(v)),
                "Exists" => labels.contains_key(&req.key),
                "DoesNotExist" => !labels.contains_key(&req.key),
                _ => false,
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(name: &str, ns: &str) -> ObjectMeta {
        ObjectMeta {
            name: name.into(),
            namespace: ns.into(),
            ..Default::default()
        }
    }

    // objectmeta_test.go TestValidateObjectMetaNamespaces / core validation_test.go
    // TestValidateServiceCreate "missing namespace", "invalid namespace"
    #[test]
    fn namespaces() {
        let p = Path::new("metadata");
        let e = validate_object_meta(&meta("a", ""), true, NameRule::Dns1035Label, &p);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].message(), "metadata.namespace: Required value");
        let e = validate_object_meta(&meta("a", "-123"), true, NameRule::Dns1035Label, &p);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field, "metadata.namespace");
        let e = validate_object_meta(&meta("a", "x"), false, NameRule::Dns1123Label, &p);
        assert_eq!(
            e[0].message(),
            "metadata.namespace: Forbidden: not allowed on this type"
        );
    }

    // objectmeta_test.go TestValidateObjectMetaOwnerReferences / TestValidateFinalizersUpdate
    #[test]
    fn owner_refs_and_finalizers() {
        let p = Path::new("metadata");
        let mut m = meta("a", "default");
        m.owner_references = vec![OwnerReference {
            api_version: "".into(),
            kind: "ReplicaSet".into(),
            name: "rs".into(),
            uid: "u".into(),
            ..Default::default()
        }]
        .into();
        let e = validate_object_meta(&m, true, NameRule::Dns1123Subdomain, &p);
        assert_eq!(
            e[0].message(),
            "metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty"
        );
        let mut m = meta("a", "default");
        m.finalizers = vec![
            "custom".into(),
            "example.com/ok".into(),
            "kubernetes".into(),
        ];
        let e = validate_object_meta(&m, true, NameRule::Dns1123Subdomain, &p);
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].message(),
            "metadata.finalizers[0]: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified"
        );
    }

    // validation_test.go (meta/v1) TestValidateLabelSelector-style cases
    #[test]
    fn selectors() {
        use crate::types::LabelSelectorRequirement;
        let p = Path::new("spec").child("selector");
        let sel = LabelSelector {
            match_labels: StringMap::new(),
            match_expressions: vec![
                LabelSelectorRequirement {
                    key: "a".into(),
                    operator: "In".into(),
                    values: vec![],
                },
                LabelSelectorRequirement {
                    key: "b".into(),
                    operator: "Maybe".into(),
                    values: vec![],
                },
            ],
        };
        let e = validate_label_selector(&sel, &p);
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0].message(),
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"
        );
        assert_eq!(
            e[1].message(),
            "spec.selector.matchExpressions[1].operator: Invalid value: \"Maybe\": not a valid selector operator"
        );
        let mut labels = StringMap::new();
        labels.insert("app".into(), "web".into());
        let mut sel = LabelSelector::default();
        sel.match_labels.insert("app".into(), "web".into());
        assert!(selector_matches(&sel, &labels));
        sel.match_labels.insert("tier".into(), "fe".into());
        assert!(!selector_matches(&sel, &labels));
    }
}
