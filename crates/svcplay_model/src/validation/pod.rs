//! Pod validation (`ValidatePodCreate` → `validatePodMetadataAndSpec`, `ValidatePodSpec`,
//! `ValidatePodTemplateSpec`), limited to the fields svcplay models: pod-specific annotations
//! (mirror pod, pod-deletion-cost), containers (name, image, ports, pull/termination-message
//! policies, restartPolicy), restartPolicy, dnsPolicy, terminationGracePeriodSeconds,
//! nodeSelector, serviceAccountName, nodeName, activeDeadlineSeconds, hostname, subdomain,
//! tolerations, hostAliases, priorityClassName, runtimeClassName, preemptionPolicy,
//! hostNetwork ports, securityContext (pod and containers, [`super::security`]), affinity and
//! topologySpreadConstraints ([`super::scheduling`]), hostUsers, Windows hostProcess, os, in
//! upstream's order. Fields kept verbatim in `other` maps are checked only where listed here.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use crate::field::{BadValue, ErrorList, FieldError, Path, go_quote};
use crate::types::{Container, ObjectMeta, Pod, PodSpec, PodTemplateSpec};

use super::container::{
    forbid_probes_and_lifecycle, validate_env, validate_env_from, validate_probes_and_lifecycle,
};
use super::ip::is_valid_ip;
use super::meta::{
    validate_annotations, validate_label_name, validate_labels, validate_object_meta,
};
use super::names::{
    NameRule, inclusive_range_error, is_dns1123_label, is_dns1123_subdomain, is_qualified_name,
    is_valid_label_value, is_valid_port_name, is_valid_port_num,
};
use super::resources::validate_resource_requirements;
use super::scheduling::{validate_affinity, validate_topology_spread_constraints};
use super::security::{
    host_users, validate_host_process_and_users, validate_os, validate_pod_security_context,
    validate_security_context,
};
use super::service::PORT_PROTOCOLS;
use super::volumes::{validate_volume_mounts, validate_volumes};

/// Validation context: a Pod itself, or a PodSpec embedded in a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecContext {
    /// `opts.ResourceIsPod`.
    Pod,
    /// A template (Deployment, ReplicaSet).
    Template,
}

fn other_str<'a>(m: &'a std::collections::BTreeMap<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str)
}

fn dns_label_errs(value: &str, path: &Path) -> ErrorList {
    is_dns1123_label(value)
        .into_iter()
        .map(|m| FieldError::invalid(path, value, &m))
        .collect()
}

/// `ValidatePodCreate` for the modelled fields.
pub fn validate_pod(pod: &Pod) -> ErrorList {
    let meta_path = Path::new("metadata");
    let spec_path = Path::new("spec");
    let mut errs =
        validate_object_meta(&pod.metadata, true, NameRule::Dns1123Subdomain, &meta_path);
    errs.extend(validate_pod_specific_annotations(
        &pod.metadata.annotations,
        &pod.spec,
        &meta_path.child("annotations"),
    ));
    errs.extend(validate_pod_spec(&pod.spec, &spec_path, SpecContext::Pod));
    for (list, name) in [
        (&*pod.spec.containers, "containers"),
        (&pod.spec.init_containers, "initContainers"),
    ] {
        for (i, c) in list.iter().enumerate() {
            if c.image.len() != c.image.trim().len() {
                errs.push(FieldError::invalid(
                    &spec_path.child(name).index(i).child("image"),
                    c.image.as_str(),
                    "must not have leading or trailing whitespace",
                ));
            }
        }
    }
    // ValidatePodCreate: ephemeral containers come only through their subresource, and a pod
    // with scheduling gates may not name a node yet.
    if non_empty_list(&pod.spec.other, "ephemeralContainers") {
        errs.push(FieldError::forbidden(
            &spec_path.child("ephemeralContainers"),
            "cannot be set on create",
        ));
    }
    if !pod.spec.node_name.is_empty() && non_empty_list(&pod.spec.other, "schedulingGates") {
        errs.push(FieldError::forbidden(
            &spec_path.child("nodeName"),
            "cannot be set until all schedulingGates have been cleared",
        ));
    }
    errs
}

/// Whether the raw field `key` holds a non-empty list (`len(x) > 0` upstream).
fn non_empty_list(m: &std::collections::BTreeMap<String, Value>, key: &str) -> bool {
    m.get(key)
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty())
}

/// `ValidatePodTemplateSpec`: template labels and annotations (at `<path>.labels`,
/// `<path>.annotations`, as upstream) and the pod spec at `<path>.spec`.
pub fn validate_pod_template_spec(t: &PodTemplateSpec, path: &Path) -> ErrorList {
    let mut errs = validate_template_meta(&t.metadata, &t.spec, path);
    errs.extend(validate_pod_spec(
        &t.spec,
        &path.child("spec"),
        SpecContext::Template,
    ));
    if non_empty_list(&t.spec.other, "ephemeralContainers") {
        errs.push(FieldError::forbidden(
            &path.child("spec").child("ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        ));
    }
    errs
}

/// A pod template's labels, annotations and pod-specific annotations (at `<path>.labels`,
/// `<path>.annotations`), as `ValidatePodTemplateSpec` and `ValidatePodTemplateSpecForStatefulSet`
/// check them.
pub(crate) fn validate_template_meta(meta: &ObjectMeta, spec: &PodSpec, path: &Path) -> ErrorList {
    let mut errs = validate_labels(&meta.labels, &path.child("labels"));
    errs.extend(validate_annotations(
        &meta.annotations,
        &path.child("annotations"),
    ));
    errs.extend(validate_pod_specific_annotations(
        &meta.annotations,
        spec,
        &path.child("annotations"),
    ));
    errs
}

/// `core.MirrorPodAnnotationKey`.
pub const MIRROR_POD_ANNOTATION: &str = "kubernetes.io/config.mirror";
/// `core.PodDeletionCost`.
pub const POD_DELETION_COST_ANNOTATION: &str = "controller.kubernetes.io/pod-deletion-cost";

/// `helper.GetDeletionCostFromPodAnnotations` succeeds: a base-10 int32 without a `+` sign or
/// leading zeros.
fn is_valid_deletion_cost(v: &str) -> bool {
    let first_ok = match v.as_bytes().first() {
        None => false,
        Some(b'-') => true,
        Some(b'0') => v == "0",
        Some(b) => b.is_ascii_digit(),
    };
    first_ok && v.parse::<i32>().is_ok()
}

/// `ValidatePodSpecificAnnotations` for the annotations svcplay knows: a mirror pod must name its
/// node; `pod-deletion-cost` must be a 32-bit integer (`PodDeletionCost` is on, so
/// `AllowInvalidPodDeletionCost` is false).
fn validate_pod_specific_annotations(
    annotations: &crate::types::StringMap,
    spec: &PodSpec,
    path: &Path,
) -> ErrorList {
    let mut errs = Vec::new();
    if let Some(v) = annotations.get(MIRROR_POD_ANNOTATION)
        && spec.node_name.is_empty()
    {
        errs.push(FieldError::invalid(
            &path.key(MIRROR_POD_ANNOTATION),
            v.as_str(),
            "must set spec.nodeName if mirror pod annotation is set",
        ));
    }
    if let Some(v) = annotations.get(POD_DELETION_COST_ANNOTATION)
        && !is_valid_deletion_cost(v)
    {
        errs.push(FieldError::invalid(
            &path.key(POD_DELETION_COST_ANNOTATION),
            v.as_str(),
            "must be a 32bit integer",
        ));
    }
    errs
}

/// `ValidatePodSpec` for the modelled fields.
pub fn validate_pod_spec(spec: &PodSpec, path: &Path, ctx: SpecContext) -> ErrorList {
    let mut errs = Vec::new();
    if spec
        .other
        .get("terminationGracePeriodSeconds")
        .is_none_or(Value::is_null)
    {
        errs.push(FieldError::required(
            &path.child("terminationGracePeriodSeconds"),
            "",
        ));
    }
    let grace = spec
        .other
        .get("terminationGracePeriodSeconds")
        .and_then(Value::as_i64);
    let volumes = spec.other.get("volumes").and_then(Value::as_array);
    let (vols, vol_errs) =
        validate_volumes(volumes.map_or(&[], Vec::as_slice), &path.child("volumes"));
    errs.extend(vol_errs);
    let cx = Containers {
        vols: &vols,
        grace,
        host_users: host_users(spec),
    };
    errs.extend(validate_containers(
        &spec.containers,
        cx,
        &path.child("containers"),
    ));
    errs.extend(validate_init_containers(
        &spec.init_containers,
        &spec.containers,
        cx,
        &path.child("initContainers"),
    ));
    if spec.host_network {
        for (i, c) in spec.containers.iter().enumerate() {
            for (j, p) in c.ports.iter().enumerate() {
                let (hp, cp) = (p.host_port, p.container_port);
                if (ctx == SpecContext::Pod || hp != 0) && hp != cp {
                    errs.push(FieldError::invalid(
                        &path
                            .child("containers")
                            .index(i)
                            .child("ports")
                            .index(j)
                            .child("hostPort"),
                        hp,
                        "must match `containerPort` when `hostNetwork` is true",
                    ));
                }
            }
        }
    }
    let rp = path.child("restartPolicy");
    match spec.restart_policy.as_str() {
        "Always" | "OnFailure" | "Never" => {}
        "" => errs.push(FieldError::required(&rp, "")),
        other => errs.push(FieldError::not_supported_ordered(
            &rp,
            other,
            &["Always", "OnFailure", "Never"],
        )),
    }
    let dp = path.child("dnsPolicy");
    match other_str(&spec.other, "dnsPolicy").unwrap_or("") {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => {}
        "" => errs.push(FieldError::required(&dp, "")),
        other => errs.push(FieldError::not_supported_ordered(
            &dp,
            other,
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        )),
    }
    errs.extend(validate_labels(
        &spec.node_selector,
        &path.child("nodeSelector"),
    ));
    // validatePodSpecSecurityContext: v1's hostPID and shareProcessNamespace live in the
    // internal PodSecurityContext, hence the `securityContext` paths.
    errs.extend(validate_pod_security_context(
        spec,
        &path.child("securityContext"),
    ));
    // validateImagePullSecrets cannot fail from v1: its objects have only `name`.
    if let Some(a) = spec.other.get("affinity").filter(|v| !v.is_null()) {
        errs.extend(validate_affinity(a, &path.child("affinity")));
    }
    errs.extend(validate_pod_dns_config(spec, &path.child("dnsConfig")));
    // validateReadinessGates: each conditionType a qualified name.
    if let Some(list) = spec.other.get("readinessGates").and_then(Value::as_array) {
        for (i, g) in list.iter().enumerate() {
            let ct = g.get("conditionType").and_then(Value::as_str).unwrap_or("");
            let p = path.child("readinessGates").index(i).child("conditionType");
            for msg in is_qualified_name(ct) {
                errs.push(FieldError::invalid(&p, ct, &msg));
            }
        }
    }
    // validateSchedulingGates: each name a qualified name, no duplicates (reported at the
    // item's index).
    if let Some(list) = spec.other.get("schedulingGates").and_then(Value::as_array) {
        let mut seen = HashSet::new();
        for (i, g) in list.iter().enumerate() {
            let name = g.get("name").and_then(Value::as_str).unwrap_or("");
            let p = path.child("schedulingGates").index(i);
            for msg in is_qualified_name(name) {
                errs.push(FieldError::invalid(&p, name, &msg));
            }
            if !seen.insert(name) {
                errs.push(FieldError::duplicate(&p, name));
            }
        }
    }
    if let Some(list) = spec
        .other
        .get("topologySpreadConstraints")
        .and_then(Value::as_array)
    {
        errs.extend(validate_topology_spread_constraints(
            list,
            &path.child("topologySpreadConstraints"),
        ));
    }
    errs.extend(validate_host_process_and_users(spec, path));
    // ValidateServiceAccountName = NameIsDNSSubdomain.
    if let Some(sa) = other_str(&spec.other, "serviceAccountName").filter(|s| !s.is_empty()) {
        for msg in NameRule::Dns1123Subdomain.check(sa, false) {
            errs.push(FieldError::invalid(
                &path.child("serviceAccountName"),
                sa,
                &msg,
            ));
        }
    }
    if !spec.node_name.is_empty() {
        for msg in NameRule::Dns1123Subdomain.check(&spec.node_name, false) {
            errs.push(FieldError::invalid(
                &path.child("nodeName"),
                spec.node_name.as_str(),
                &msg,
            ));
        }
    }
    if let Some(ads) = spec
        .other
        .get("activeDeadlineSeconds")
        .and_then(Value::as_i64)
        && !(1..=i64::from(i32::MAX)).contains(&ads)
    {
        errs.push(FieldError::invalid(
            &path.child("activeDeadlineSeconds"),
            ads,
            &inclusive_range_error(1, i32::MAX.into()),
        ));
    }
    if !spec.hostname.is_empty() {
        errs.extend(dns_label_errs(&spec.hostname, &path.child("hostname")));
    }
    if !spec.subdomain.is_empty() {
        errs.extend(dns_label_errs(&spec.subdomain, &path.child("subdomain")));
    }
    if let Some(list) = spec.other.get("tolerations").and_then(Value::as_array) {
        errs.extend(validate_tolerations(list, &path.child("tolerations")));
    }
    if let Some(list) = spec.other.get("hostAliases").and_then(Value::as_array) {
        errs.extend(validate_host_aliases(list, &path.child("hostAliases")));
    }
    // ValidatePriorityClassName = NameIsDNSSubdomain.
    if let Some(pc) = other_str(&spec.other, "priorityClassName").filter(|s| !s.is_empty()) {
        for msg in NameRule::Dns1123Subdomain.check(pc, false) {
            errs.push(FieldError::invalid(
                &path.child("priorityClassName"),
                pc,
                &msg,
            ));
        }
    }
    // ValidateRuntimeClassName = NameIsDNSSubdomain, on any set value (even "").
    if let Some(rc) = other_str(&spec.other, "runtimeClassName") {
        for msg in NameRule::Dns1123Subdomain.check(rc, false) {
            errs.push(FieldError::invalid(
                &path.child("runtimeClassName"),
                rc,
                &msg,
            ));
        }
    }
    // ValidatePreemptionPolicy.
    if let Some(pp) = other_str(&spec.other, "preemptionPolicy") {
        let pp_path = path.child("preemptionPolicy");
        match pp {
            "PreemptLowerPriority" | "Never" => {}
            "" => errs.push(FieldError::required(&pp_path, "")),
            other => errs.push(FieldError::not_supported_ordered(
                &pp_path,
                other,
                &["PreemptLowerPriority", "Never"],
            )),
        }
    }
    // validateOverhead: the requirements check with the overhead as limits.
    if let Some(o) = spec.other.get("overhead") {
        let as_limits = serde_json::json!({ "limits": o });
        errs.extend(validate_resource_requirements(
            Some(&as_limits),
            &path.child("overhead"),
        ));
    }
    errs.extend(validate_os(spec, path));
    errs
}

/// `ValidateHostAliases`: each `ip` an IP (legacy parsing), each hostname a DNS-1123
/// subdomain.
fn validate_host_aliases(list: &[Value], path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    for (i, alias) in list.iter().enumerate() {
        let p = path.index(i);
        let ip = alias.get("ip").and_then(Value::as_str).unwrap_or("");
        errs.extend(is_valid_ip(&p.child("ip"), ip));
        let hostnames = alias.get("hostnames").and_then(Value::as_array);
        for (j, h) in hostnames.into_iter().flatten().enumerate() {
            let h = h.as_str().unwrap_or("");
            for msg in is_dns1123_subdomain(h) {
                errs.push(FieldError::invalid(&p.child("hostnames").index(j), h, &msg));
            }
        }
    }
    errs
}

/// `validatePodDNSConfig`: `dnsPolicy: None` needs a `dnsConfig` with a nameserver; at most 3
/// nameservers, each an IP; at most 32 search paths of at most 2048 characters in all, each a
/// DNS subdomain (a trailing dot allowed); every option named.
fn validate_pod_dns_config(spec: &PodSpec, path: &Path) -> ErrorList {
    let policy_none = other_str(&spec.other, "dnsPolicy") == Some("None");
    let cfg = spec.other.get("dnsConfig").filter(|v| !v.is_null());
    let strings = |key: &str| -> Vec<String> {
        cfg.and_then(|c| c.get(key))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let nameservers = strings("nameservers");
    if policy_none {
        if cfg.is_none() {
            return vec![FieldError::required(
                path,
                "must provide `dnsConfig` when `dnsPolicy` is None",
            )];
        }
        if nameservers.is_empty() {
            return vec![FieldError::required(
                &path.child("nameservers"),
                "must provide at least one DNS nameserver when `dnsPolicy` is None",
            )];
        }
    }
    let Some(cfg) = cfg else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    let ns_path = path.child("nameservers");
    if nameservers.len() > 3 {
        errs.push(FieldError::invalid(
            &ns_path,
            &nameservers,
            "must not have more than 3 nameservers",
        ));
    }
    for (i, ns) in nameservers.iter().enumerate() {
        errs.extend(is_valid_ip(&ns_path.index(i), ns));
    }
    let searches = strings("searches");
    let s_path = path.child("searches");
    if searches.len() > 32 {
        errs.push(FieldError::invalid(
            &s_path,
            &searches,
            "must not have more than 32 search paths",
        ));
    }
    if searches.join(" ").len() > 2048 {
        errs.push(FieldError::invalid(
            &s_path,
            &searches,
            "must not have more than 2048 characters (including spaces) in the search list",
        ));
    }
    for (i, s) in searches.iter().enumerate() {
        let s = s.strip_suffix('.').unwrap_or(s);
        for msg in is_dns1123_subdomain(s) {
            errs.push(FieldError::invalid(&s_path.index(i), s, &msg));
        }
    }
    if let Some(options) = cfg.get("options").and_then(Value::as_array) {
        for (i, o) in options.iter().enumerate() {
            if o.get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty()
            {
                errs.push(FieldError::required(
                    &path.child("options").index(i),
                    "must not be empty",
                ));
            }
        }
    }
    errs
}

const TAINT_EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// `%#v` of an internal `core.Toleration` (a set `tolerationSeconds` pointer prints as an
/// address upstream; shown as `0x0`).
fn go_toleration(key: &str, op: &str, value: &str, effect: &str, has_seconds: bool) -> String {
    format!(
        "core.Toleration{{Key:{}, Operator:{}, Value:{}, Effect:{}, TolerationSeconds:{}}}",
        go_quote(key),
        go_quote(op),
        go_quote(value),
        go_quote(effect),
        if has_seconds {
            "(*int64)(0x0)"
        } else {
            "(*int64)(nil)"
        }
    )
}

/// `ValidateTolerations` over the raw `spec.tolerations` list (entries that are not objects, and
/// non-string fields, are left to decoding and read as empty here).
fn validate_tolerations(list: &[Value], path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    for (i, t) in list.iter().enumerate() {
        let p = path.index(i);
        let get = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("");
        let (key, op, value, effect) = (get("key"), get("operator"), get("value"), get("effect"));
        let has_seconds = t.get("tolerationSeconds").is_some_and(|v| !v.is_null());
        if !key.is_empty() {
            errs.extend(validate_label_name(key, &p.child("key")));
        }
        if key.is_empty() && op != "Exists" {
            errs.push(FieldError::invalid(
                &p.child("operator"),
                op,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if has_seconds && effect != "NoExecute" {
            errs.push(FieldError::invalid(
                &p.child("effect"),
                effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        match op {
            "Equal" | "" => {
                let msgs = is_valid_label_value(value);
                if !msgs.is_empty() {
                    // Upstream reports the value at the `operator` path.
                    errs.push(FieldError::invalid(
                        &p.child("operator"),
                        value,
                        &msgs.join(";"),
                    ));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    errs.push(FieldError::invalid(
                        &p.child("operator"),
                        BadValue::GoSyntax(go_toleration(key, op, value, effect, has_seconds)),
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            other => errs.push(FieldError::not_supported_ordered(
                &p.child("operator"),
                other,
                &["Equal", "Exists"],
            )),
        }
        if !effect.is_empty() && !TAINT_EFFECTS.contains(&effect) {
            errs.push(FieldError::not_supported_ordered(
                &p.child("effect"),
                effect,
                TAINT_EFFECTS,
            ));
        }
    }
    errs
}

/// What container validation needs from the pod: the volumes mounts may name (those that
/// validated) and `terminationGracePeriodSeconds`.
#[derive(Debug, Clone, Copy)]
struct Containers<'a> {
    vols: &'a BTreeSet<String>,
    grace: Option<i64>,
    host_users: bool,
}

/// The list at `key` of a container's verbatim fields.
fn list<'a>(c: &'a Container, key: &str) -> &'a [Value] {
    c.other
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// `validateContainerCommon` for the modelled fields.
fn validate_container_common(c: &Container, cx: Containers<'_>, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if c.name.is_empty() {
        errs.push(FieldError::required(&path.child("name"), ""));
    } else {
        errs.extend(dns_label_errs(&c.name, &path.child("name")));
    }
    if c.image.is_empty() {
        errs.push(FieldError::required(&path.child("image"), ""));
    }
    let tmp = path.child("terminationMessagePolicy");
    match other_str(&c.other, "terminationMessagePolicy").unwrap_or("") {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.push(FieldError::required(&tmp, "")),
        other => errs.push(FieldError::not_supported_ordered(
            &tmp,
            other,
            &["File", "FallbackToLogsOnError"],
        )),
    }
    errs.extend(validate_container_ports(c, &path.child("ports")));
    errs.extend(validate_env(list(c, "env"), &path.child("env")));
    errs.extend(validate_env_from(
        list(c, "envFrom"),
        &path.child("envFrom"),
    ));
    let privileged = c
        .other
        .get("securityContext")
        .and_then(|sc| sc.get("privileged"))
        .and_then(Value::as_bool)
        == Some(true);
    errs.extend(validate_volume_mounts(
        list(c, "volumeMounts"),
        cx.vols,
        privileged,
        &path.child("volumeMounts"),
    ));
    let ipp = path.child("imagePullPolicy");
    match other_str(&c.other, "imagePullPolicy").unwrap_or("") {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => errs.push(FieldError::required(&ipp, "")),
        other => errs.push(FieldError::not_supported_ordered(
            &ipp,
            other,
            &["Always", "IfNotPresent", "Never"],
        )),
    }
    errs.extend(validate_resource_requirements(
        c.other.get("resources"),
        &path.child("resources"),
    ));
    errs.extend(validate_security_context(
        c.other.get("securityContext"),
        cx.host_users,
        &path.child("securityContext"),
    ));
    errs
}

/// `validateContainerPorts`.
fn validate_container_ports(c: &Container, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let mut names = HashSet::new();
    for (i, p) in c.ports.iter().enumerate() {
        let ip = path.index(i);
        if !p.name.is_empty() {
            let msgs = is_valid_port_name(&p.name);
            if !msgs.is_empty() {
                for m in msgs {
                    errs.push(FieldError::invalid(&ip.child("name"), p.name.as_str(), &m));
                }
            } else if !names.insert(p.name.as_str()) {
                errs.push(FieldError::duplicate(&ip.child("name"), p.name.as_str()));
            }
        }
        if p.container_port == 0 {
            errs.push(FieldError::required(&ip.child("containerPort"), ""));
        } else {
            for m in is_valid_port_num(p.container_port.into()) {
                errs.push(FieldError::invalid(
                    &ip.child("containerPort"),
                    p.container_port,
                    &m,
                ));
            }
        }
        if p.host_port != 0 {
            for m in is_valid_port_num(p.host_port.into()) {
                errs.push(FieldError::invalid(&ip.child("hostPort"), p.host_port, &m));
            }
        }
        if p.protocol.is_empty() {
            errs.push(FieldError::required(&ip.child("protocol"), ""));
        } else if !PORT_PROTOCOLS.contains(&p.protocol.as_str()) {
            errs.push(FieldError::not_supported(
                &ip.child("protocol"),
                p.protocol.as_str(),
                PORT_PROTOCOLS,
            ));
        }
    }
    errs
}

/// `checkHostPortConflicts`: the same `protocol/hostIP/hostPort` twice.
fn check_host_port_conflicts(
    containers: &[&Container],
    indexes: &[usize],
    path: &Path,
) -> ErrorList {
    let mut errs = Vec::new();
    let mut seen = HashSet::new();
    for (c, &ci) in containers.iter().zip(indexes) {
        for (pi, p) in c.ports.iter().enumerate() {
            if p.host_port == 0 {
                continue;
            }
            let key = format!("{}/{}/{}", p.protocol, p.host_ip, p.host_port);
            if !seen.insert(key.clone()) {
                errs.push(FieldError::duplicate(
                    &path.index(ci).child("ports").index(pi).child("hostPort"),
                    key,
                ));
            }
        }
    }
    errs
}

/// `validateContainers` (regular containers).
fn validate_containers(containers: &[Container], cx: Containers<'_>, path: &Path) -> ErrorList {
    if containers.is_empty() {
        return vec![FieldError::required(path, "")];
    }
    let mut errs = Vec::new();
    let mut names = HashSet::new();
    for (i, c) in containers.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(c, cx, &p));
        if !names.insert(c.name.as_str()) {
            errs.push(FieldError::duplicate(&p.child("name"), c.name.as_str()));
        }
        errs.extend(validate_probes_and_lifecycle(&c.other, cx.grace, &p));
        if c.restart_policy.is_some() {
            errs.push(FieldError::forbidden(
                &p.child("restartPolicy"),
                "may not be set for non-init containers",
            ));
        }
    }
    let all: Vec<&Container> = containers.iter().collect();
    let idx: Vec<usize> = (0..containers.len()).collect();
    errs.extend(check_host_port_conflicts(&all, &idx, path));
    errs
}

/// `validateInitContainers` for the modelled fields.
fn validate_init_containers(
    inits: &[Container],
    regular: &[Container],
    cx: Containers<'_>,
    path: &Path,
) -> ErrorList {
    let mut errs = Vec::new();
    let mut names: HashSet<&str> = regular.iter().map(|c| c.name.as_str()).collect();
    for (i, c) in inits.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(c, cx, &p));
        if let Some(rp) = &c.restart_policy
            && rp != "Always"
        {
            errs.push(FieldError::not_supported_ordered(
                &p.child("restartPolicy"),
                rp.as_str(),
                &["Always"],
            ));
        }
        if names.contains(c.name.as_str()) {
            errs.push(FieldError::duplicate(&p.child("name"), c.name.as_str()));
        } else if !c.name.is_empty() {
            names.insert(c.name.as_str());
        }
        errs.extend(check_host_port_conflicts(&[c], &[i], path));
        // Sidecars (restartPolicy Always) may have probes and hooks; other init containers not.
        if c.restart_policy.as_deref() == Some("Always") {
            errs.extend(validate_probes_and_lifecycle(&c.other, cx.grace, &p));
        } else {
            errs.extend(forbid_probes_and_lifecycle(&c.other, &p));
        }
    }
    errs
}
