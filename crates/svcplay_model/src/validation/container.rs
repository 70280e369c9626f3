//! A container's environment, probes and lifecycle hooks (`ValidateEnv`, `ValidateEnvFrom`,
//! `validateEnvVarValueFrom`, `validateProbe` and friends, `validateHandler`,
//! `validateLifecycle` in `pkg/apis/core/validation`), Kubernetes 1.33 with default feature
//! gates: environment variable names use the relaxed rule (`RelaxedEnvironmentVariableValidation`
//! is on), a lifecycle `sleep` of 0 is allowed (`PodLifecycleSleepActionAllowZero` is on).

use serde_json::Value;

use crate::field::{ErrorList, FieldError, Path};

use super::meta::validate_nonnegative;
use super::names::{NameRule, is_qualified_name, is_valid_port_name, is_valid_port_num};

/// A container's fields kept verbatim (`Container::other`).
type Fields = std::collections::BTreeMap<String, Value>;

/// The string at `key`, or `""` (absent, null or not a string).
pub(super) fn str_at<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The integer at `key`, or 0.
pub(super) fn int_at(v: &Value, key: &str) -> i64 {
    v.get(key).and_then(Value::as_i64).unwrap_or(0)
}

/// The object at `key`, unless absent or `null` (a nil pointer in Go).
pub(super) fn obj<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    v.get(key).filter(|x| !x.is_null())
}

/// `IsRelaxedEnvVarName`.
fn relaxed_env_var_name(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if name.is_empty() {
        errs.push("environment variable name must be non-empty".to_string());
    }
    if name.chars().any(|c| !(' '..='~').contains(&c) || c == '=') {
        errs.push(
            "a valid environment variable name must consist only of printable ASCII characters other than '='"
                .to_string(),
        );
    }
    errs
}

/// `IsConfigMapKey` (ConfigMap and Secret keys).
fn config_map_key(key: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if key.len() > 253 {
        errs.push(super::names::max_len_error(253));
    }
    if key.is_empty()
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        errs.push(super::names::regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            "[-._a-zA-Z0-9]+",
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    match key {
        "." => errs.push("must not be '.'".to_string()),
        ".." => errs.push("must not be '..'".to_string()),
        _ if key.starts_with("..") => errs.push("must not start with '..'".to_string()),
        _ => {}
    }
    errs
}

/// `ValidateEnv`.
pub fn validate_env(vars: &[Value], path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    for (i, ev) in vars.iter().enumerate() {
        let ip = path.index(i);
        let name = str_at(ev, "name");
        if name.is_empty() {
            errs.push(FieldError::required(&ip.child("name"), ""));
        } else {
            for m in relaxed_env_var_name(name) {
                errs.push(FieldError::invalid(&ip.child("name"), name, &m));
            }
        }
        errs.extend(validate_value_from(ev, &ip.child("valueFrom")));
    }
    errs
}

/// `validEnvDownwardAPIFieldPathExpressions`, sorted as `sets.List` reports them.
const ENV_FIELD_PATHS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// `validContainerResourceFieldPathExpressions`, sorted.
const RESOURCE_FIELD_PATHS: &[&str] = &[
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];

/// `validateEnvVarValueFrom`.
fn validate_value_from(ev: &Value, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let Some(from) = obj(ev, "valueFrom") else {
        return errs;
    };
    let mut n = 0;
    if let Some(f) = obj(from, "fieldRef") {
        n += 1;
        errs.extend(validate_field_selector(f, &path.child("fieldRef")));
    }
    if let Some(r) = obj(from, "resourceFieldRef") {
        n += 1;
        let rp = path.child("resourceFieldRef");
        let res = str_at(r, "resource");
        if res.is_empty() {
            errs.push(FieldError::required(&rp.child("resource"), ""));
        } else if !RESOURCE_FIELD_PATHS.contains(&res)
            && !res.starts_with("requests.hugepages-")
            && !res.starts_with("limits.hugepages-")
        {
            errs.push(FieldError::not_supported_ordered(
                &rp.child("resource"),
                res,
                RESOURCE_FIELD_PATHS,
            ));
        }
    }
    for key in ["configMapKeyRef", "secretKeyRef"] {
        if let Some(sel) = obj(from, key) {
            n += 1;
            let sp = path.child(key);
            let name = str_at(sel, "name");
            for m in NameRule::Dns1123Subdomain.check(name, false) {
                errs.push(FieldError::invalid(&sp.child("name"), name, &m));
            }
            let k = str_at(sel, "key");
            if k.is_empty() {
                errs.push(FieldError::required(&sp.child("key"), ""));
            } else {
                for m in config_map_key(k) {
                    errs.push(FieldError::invalid(&sp.child("key"), k, &m));
                }
            }
        }
    }
    let problem = if n == 0 {
        Some(
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
        )
    } else if !str_at(ev, "value").is_empty() {
        Some("may not be specified when `value` is not empty")
    } else {
        (n > 1).then_some(MORE_THAN_ONE)
    };
    errs.extend(problem.map(|m| FieldError::invalid(path, "", m)));
    errs
}

/// The error of a one-of field with two or more set.
const MORE_THAN_ONE: &str = "may not have more than one field specified at a time";

/// `validateObjectFieldSelector` for environment variables (with `ConvertDownwardAPIFieldLabel`).
fn validate_field_selector(f: &Value, path: &Path) -> ErrorList {
    let version = str_at(f, "apiVersion");
    let field_path = str_at(f, "fieldPath");
    if version.is_empty() {
        return vec![FieldError::required(&path.child("apiVersion"), "")];
    }
    if field_path.is_empty() {
        return vec![FieldError::required(&path.child("fieldPath"), "")];
    }
    let fp = path.child("fieldPath");
    let convert_err = |why: String| {
        vec![FieldError::invalid(
            &fp,
            field_path,
            &format!("error converting fieldPath: {why}"),
        )]
    };
    if version != "v1" {
        return convert_err(format!("unsupported pod version: {version}"));
    }
    // `metadata.labels['key']`: a subscripted path.
    if let Some((base, rest)) = field_path.split_once('[')
        && !base.is_empty()
        && let Some(key) = rest.strip_prefix('\'').and_then(|r| r.strip_suffix("']"))
    {
        return match base {
            "metadata.annotations" => qualified(&key.to_lowercase(), path),
            "metadata.labels" => qualified(key, path),
            _ => convert_err(format!(
                "field label does not support subscript: {field_path}"
            )),
        };
    }
    const CONVERTIBLE: &[&str] = &[
        "metadata.annotations",
        "metadata.labels",
        "metadata.name",
        "metadata.namespace",
        "metadata.uid",
        "spec.nodeName",
        "spec.restartPolicy",
        "spec.serviceAccountName",
        "spec.schedulerName",
        "status.phase",
        "status.hostIP",
        "status.hostIPs",
        "status.podIP",
        "status.podIPs",
    ];
    let internal = match field_path {
        "spec.host" => "spec.nodeName",
        p if CONVERTIBLE.contains(&p) => p,
        _ => return convert_err(format!("field label not supported: {field_path}")),
    };
    if ENV_FIELD_PATHS.contains(&internal) {
        Vec::new()
    } else {
        vec![FieldError::not_supported_ordered(
            &fp,
            internal,
            ENV_FIELD_PATHS,
        )]
    }
}

/// `ValidateQualifiedName` at `path`.
fn qualified(name: &str, path: &Path) -> ErrorList {
    is_qualified_name(name)
        .iter()
        .map(|m| FieldError::invalid(path, name, m))
        .collect()
}

/// `ValidateEnvFrom`.
pub fn validate_env_from(list: &[Value], path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    for (i, ev) in list.iter().enumerate() {
        let ip = path.index(i);
        let prefix = str_at(ev, "prefix");
        if !prefix.is_empty() {
            for m in relaxed_env_var_name(prefix) {
                errs.push(FieldError::invalid(&ip.child("prefix"), prefix, &m));
            }
        }
        let mut n = 0;
        for key in ["configMapRef", "secretRef"] {
            if let Some(r) = obj(ev, key) {
                n += 1;
                let np = ip.child(key).child("name");
                let name = str_at(r, "name");
                if name.is_empty() {
                    errs.push(FieldError::required(&np, ""));
                } else {
                    for m in NameRule::Dns1123Subdomain.check(name, true) {
                        errs.push(FieldError::invalid(&np, name, &m));
                    }
                }
            }
        }
        let problem = match n {
            0 => Some("must specify one of: `configMapRef` or `secretRef`"),
            1 => None,
            _ => Some(MORE_THAN_ONE),
        };
        errs.extend(problem.map(|m| FieldError::invalid(path, "", m)));
    }
    errs
}

/// Which handlers a probe (`exec`, `httpGet`, `tcpSocket`, `grpc`) or a lifecycle hook
/// (`exec`, `httpGet`, `tcpSocket`, `sleep`) may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HandlerKind {
    Probe,
    Lifecycle,
}

/// `validateHandler`: exactly one handler type, each checked.
fn validate_handler(h: &Value, kind: HandlerKind, grace: Option<i64>, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let last = match kind {
        HandlerKind::Probe => "grpc",
        HandlerKind::Lifecycle => "sleep",
    };
    let mut n = 0;
    for key in ["exec", "httpGet", "tcpSocket", last] {
        let Some(a) = obj(h, key) else {
            continue;
        };
        let ap = path.child(key);
        if n > 0 {
            errs.push(FieldError::forbidden(
                &ap,
                "may not specify more than 1 handler type",
            ));
            continue;
        }
        n += 1;
        match key {
            "exec" => {
                let empty = a
                    .get("command")
                    .and_then(Value::as_array)
                    .is_none_or(Vec::is_empty);
                if empty {
                    errs.push(FieldError::required(&ap.child("command"), ""));
                }
            }
            "httpGet" => {
                if str_at(a, "path").is_empty() {
                    errs.push(FieldError::required(&ap.child("path"), ""));
                }
                errs.extend(validate_port_num_or_name(a.get("port"), &ap.child("port")));
                let scheme = str_at(a, "scheme");
                if !["HTTP", "HTTPS"].contains(&scheme) {
                    errs.push(FieldError::not_supported_ordered(
                        &ap.child("scheme"),
                        scheme,
                        &["HTTP", "HTTPS"],
                    ));
                }
                let headers = a.get("httpHeaders").and_then(Value::as_array);
                for hd in headers.into_iter().flatten() {
                    let name = str_at(hd, "name");
                    let ok = !name.is_empty()
                        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
                    if !ok {
                        errs.push(FieldError::invalid(
                            &ap.child("httpHeaders"),
                            name,
                            &super::names::regex_error(
                                "a valid HTTP header must consist of alphanumeric characters or '-'",
                                "[-A-Za-z0-9]+",
                                &["X-Header-Name"],
                            ),
                        ));
                    }
                }
            }
            "tcpSocket" => {
                errs.extend(validate_port_num_or_name(a.get("port"), &ap.child("port")));
            }
            "grpc" => {
                let port = int_at(a, "port");
                for m in is_valid_port_num(port) {
                    errs.push(FieldError::invalid(&ap.child("port"), port, &m));
                }
            }
            _ => {
                // `validateSleepAction` with zero allowed.
                let secs = int_at(a, "seconds");
                if let Some(g) = grace
                    && !(0..=g).contains(&secs)
                {
                    errs.push(FieldError::invalid(
                        &ap,
                        secs,
                        &format!(
                            "must be non-negative and less than terminationGracePeriodSeconds ({g})"
                        ),
                    ));
                }
            }
        }
    }
    if n == 0 {
        errs.push(FieldError::required(path, "must specify a handler type"));
    }
    errs
}

/// `ValidatePortNumOrName` of an `IntOrString` port.
fn validate_port_num_or_name(port: Option<&Value>, path: &Path) -> ErrorList {
    match port {
        Some(Value::String(s)) => is_valid_port_name(s)
            .iter()
            .map(|m| FieldError::invalid(path, s.as_str(), m))
            .collect(),
        other => {
            let n = other.and_then(Value::as_i64).unwrap_or(0);
            is_valid_port_num(n)
                .iter()
                .map(|m| FieldError::invalid(path, n, m))
                .collect()
        }
    }
}

/// `validateProbe` plus the per-kind rules of `validateLivenessProbe`,
/// `validateReadinessProbe` and `validateStartupProbe` (`which` is the field name).
fn validate_probe(probe: &Value, which: &str, grace: Option<i64>, path: &Path) -> ErrorList {
    let mut errs = validate_handler(probe, HandlerKind::Probe, grace, path);
    for key in [
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ] {
        errs.extend(validate_nonnegative(int_at(probe, key), &path.child(key)));
    }
    let tgp = probe
        .get("terminationGracePeriodSeconds")
        .and_then(Value::as_i64);
    if let Some(t) = tgp
        && t <= 0
    {
        errs.push(FieldError::invalid(
            &path.child("terminationGracePeriodSeconds"),
            t,
            "must be greater than 0",
        ));
    }
    match which {
        "readinessProbe" => {
            if let Some(t) = tgp {
                errs.push(FieldError::invalid(
                    &path.child("terminationGracePeriodSeconds"),
                    t,
                    "must not be set for readinessProbes",
                ));
            }
        }
        _ => {
            let st = int_at(probe, "successThreshold");
            if st != 1 {
                errs.push(FieldError::invalid(
                    &path.child("successThreshold"),
                    st,
                    "must be 1",
                ));
            }
        }
    }
    errs
}

/// The probes and lifecycle hooks of a regular container or a sidecar (`validateLifecycle`,
/// then the liveness, readiness and startup probes); `grace` is the pod's
/// `terminationGracePeriodSeconds`.
pub fn validate_probes_and_lifecycle(c: &Fields, grace: Option<i64>, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let field = |k: &str| c.get(k).filter(|v| !v.is_null());
    if let Some(l) = field("lifecycle") {
        for hook in ["postStart", "preStop"] {
            if let Some(h) = obj(l, hook) {
                errs.extend(validate_handler(
                    h,
                    HandlerKind::Lifecycle,
                    grace,
                    &path.child("lifecycle").child(hook),
                ));
            }
        }
    }
    for which in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = field(which) {
            errs.extend(validate_probe(p, which, grace, &path.child(which)));
        }
    }
    errs
}

/// What an init container without `restartPolicy: Always` may not have.
pub fn forbid_probes_and_lifecycle(c: &Fields, path: &Path) -> ErrorList {
    [
        "lifecycle",
        "livenessProbe",
        "readinessProbe",
        "startupProbe",
    ]
    .iter()
    .filter(|k| c.get(**k).is_some_and(|v| !v.is_null()))
    .map(|k| {
        FieldError::forbidden(
            &path.child(k),
            "may not be set for init containers without restartPolicy=Always",
        )
    })
    .collect()
}
