//! Pod validation (`ValidatePodCreate` → `validatePodMetadataAndSpec`, `ValidatePodSpec`,
//! `ValidatePodTemplateSpec`), limited to the fields svcplay models: containers (name, image,
//! ports, pull/termination-message policies, restartPolicy), restartPolicy, dnsPolicy,
//! terminationGracePeriodSeconds, nodeSelector, nodeName, hostname, subdomain, hostNetwork ports.
//! Fields kept verbatim in `other` maps are checked only where listed here.

use std::collections::HashSet;

use serde_json::Value;

use crate::field::{ErrorList, FieldError, Path};
use crate::types::{Container, ObjectMeta, Pod, PodSpec, PodTemplateSpec};

use super::meta::{validate_annotations, validate_labels, validate_object_meta};
use super::names::{NameRule, is_dns1123_label, is_valid_port_name, is_valid_port_num};
use super::service::PORT_PROTOCOLS;

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
    errs.extend(validate_pod_spec(&pod.spec, &spec_path, SpecContext::Pod));
    for (list, name) in [
        (&pod.spec.containers, "containers"),
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
    errs
}

/// `ValidatePodTemplateSpec`: template labels and annotations (at `<path>.labels`,
/// `<path>.annotations`, as upstream) and the pod spec at `<path>.spec`.
pub fn validate_pod_template_spec(t: &PodTemplateSpec, path: &Path) -> ErrorList {
    let mut errs = validate_template_meta(&t.metadata, path);
    errs.extend(validate_pod_spec(
        &t.spec,
        &path.child("spec"),
        SpecContext::Template,
    ));
    errs
}

fn validate_template_meta(meta: &ObjectMeta, path: &Path) -> ErrorList {
    let mut errs = validate_labels(&meta.labels, &path.child("labels"));
    errs.extend(validate_annotations(
        &meta.annotations,
        &path.child("annotations"),
    ));
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
    errs.extend(validate_containers(
        &spec.containers,
        &path.child("containers"),
    ));
    errs.extend(validate_init_containers(
        &spec.init_containers,
        &spec.containers,
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
    if !spec.node_name.is_empty() {
        for msg in NameRule::Dns1123Subdomain.check(&spec.node_name, false) {
            errs.push(FieldError::invalid(
                &path.child("nodeName"),
                spec.node_name.as_str(),
                &msg,
            ));
        }
    }
    if !spec.hostname.is_empty() {
        errs.extend(dns_label_errs(&spec.hostname, &path.child("hostname")));
    }
    if !spec.subdomain.is_empty() {
        errs.extend(dns_label_errs(&spec.subdomain, &path.child("subdomain")));
    }
    errs
}

/// `validateContainerCommon` for the modelled fields.
fn validate_container_common(c: &Container, path: &Path) -> ErrorList {
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
fn validate_containers(containers: &[Container], path: &Path) -> ErrorList {
    if containers.is_empty() {
        return vec![FieldError::required(path, "")];
    }
    let mut errs = Vec::new();
    let mut names = HashSet::new();
    for (i, c) in containers.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(c, &p));
        if !names.insert(c.name.as_str()) {
            errs.push(FieldError::duplicate(&p.child("name"), c.name.as_str()));
        }
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
fn validate_init_containers(inits: &[Container], regular: &[Container], path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let mut names: HashSet<&str> = regular.iter().map(|c| c.name.as_str()).collect();
    for (i, c) in inits.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(c, &p));
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
    }
    errs
}
