//! `ValidateService` (= `ValidateServiceCreate`) from `pkg/apis/core/validation/validation.go`,
//! in upstream's order, every error collected.

use std::collections::HashSet;

use crate::field::{BadValue, ErrorList, FieldError, Path, go_quote};
use crate::types::{IntOrString, Service, ServicePort};

use super::ip::{
    is_ipv6_string, is_valid_cidr, is_valid_ip, parse_ip_sloppy, to4, validate_non_special_ip,
};
use super::meta::{validate_labels, validate_object_meta};
use super::names::{NameRule, is_dns1123_label, is_dns1123_subdomain, is_qualified_name};
use super::names::{is_valid_port_name, is_valid_port_num};

/// `v1.ServiceTypeClusterIP` and friends.
pub const TYPE_CLUSTER_IP: &str = "ClusterIP";
/// `NodePort`.
pub const TYPE_NODE_PORT: &str = "NodePort";
/// `LoadBalancer`.
pub const TYPE_LOAD_BALANCER: &str = "LoadBalancer";
/// `ExternalName`.
pub const TYPE_EXTERNAL_NAME: &str = "ExternalName";
/// `core.ClusterIPNone`.
pub const CLUSTER_IP_NONE: &str = "None";

/// `service.beta.kubernetes.io/load-balancer-source-ranges`.
pub const ANNOTATION_LB_SOURCE_RANGES: &str =
    "service.beta.kubernetes.io/load-balancer-source-ranges";
/// `service.kubernetes.io/topology-aware-hints` (deprecated).
pub const ANNOTATION_TOPOLOGY_AWARE_HINTS: &str = "service.kubernetes.io/topology-aware-hints";
/// `service.kubernetes.io/topology-mode`.
pub const ANNOTATION_TOPOLOGY_MODE: &str = "service.kubernetes.io/topology-mode";

const SERVICE_TYPES: &[&str] = &[
    TYPE_CLUSTER_IP,
    TYPE_NODE_PORT,
    TYPE_LOAD_BALANCER,
    TYPE_EXTERNAL_NAME,
];
/// `supportedPortProtocols`.
pub const PORT_PROTOCOLS: &[&str] = &["TCP", "UDP", "SCTP"];
const AFFINITIES: &[&str] = &["ClientIP", "None"];
const TRAFFIC_POLICIES: &[&str] = &["Cluster", "Local"];
const IP_FAMILIES: &[&str] = &["IPv4", "IPv6"];
const IP_FAMILY_POLICIES: &[&str] = &["SingleStack", "PreferDualStack", "RequireDualStack"];
/// `MaxClientIPServiceAffinitySeconds`.
pub const MAX_CLIENT_IP_AFFINITY_SECONDS: i32 = 86400;

/// `isHeadlessService` (validation's version): `clusterIPs == ["None"]`.
pub fn is_headless(svc: &Service) -> bool {
    svc.spec.cluster_ips.len() == 1 && svc.spec.cluster_ips[0] == CLUSTER_IP_NONE
}

/// `apiservice.ExternallyAccessible`: LoadBalancer, NodePort, or ClusterIP with externalIPs.
pub fn externally_accessible(svc: &Service) -> bool {
    let t = svc.spec.type_.as_str();
    t == TYPE_LOAD_BALANCER
        || t == TYPE_NODE_PORT
        || (t == TYPE_CLUSTER_IP && !svc.spec.external_ips.is_empty())
}

/// `apiservice.NeedsHealthCheck`: LoadBalancer with `externalTrafficPolicy: Local`.
pub fn needs_health_check(svc: &Service) -> bool {
    svc.spec.type_ == TYPE_LOAD_BALANCER && svc.spec.external_traffic_policy == "Local"
}

/// `%#v` of the internal `core.ServicePort`, as a duplicate (protocol, port) key prints.
fn go_service_port_key(protocol: &str, port: i32) -> String {
    format!(
        "core.ServicePort{{Name:\"\", Protocol:{}, AppProtocol:(*string)(nil), Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}",
        go_quote(protocol)
    )
}

/// `ValidateService` (and so `ValidateServiceCreate`) on a defaulted Service.
pub fn validate_service(svc: &Service) -> ErrorList {
    let meta_path = Path::new("metadata");
    let mut errs = validate_object_meta(&svc.metadata, true, NameRule::Dns1035Label, &meta_path);

    let ann = &svc.metadata.annotations;
    if let (Some(mode), Some(hints)) = (
        ann.get(ANNOTATION_TOPOLOGY_MODE),
        ann.get(ANNOTATION_TOPOLOGY_AWARE_HINTS),
    ) && mode != hints
    {
        errs.push(FieldError::invalid(
            &meta_path.child("annotations").key(ANNOTATION_TOPOLOGY_MODE),
            mode.as_str(),
            &format!(
                "must match annotations[{ANNOTATION_TOPOLOGY_AWARE_HINTS}] when both are specified"
            ),
        ));
    }

    let spec = &svc.spec;
    let spec_path = Path::new("spec");
    let headless = is_headless(svc);

    if spec.ports.is_empty() && !headless && spec.type_ != TYPE_EXTERNAL_NAME {
        errs.push(FieldError::required(&spec_path.child("ports"), ""));
    }

    match spec.type_.as_str() {
        TYPE_LOAD_BALANCER if headless => errs.push(FieldError::invalid(
            &spec_path.child("clusterIPs").index(0),
            spec.cluster_ips[0].as_str(),
            "may not be set to 'None' for LoadBalancer services",
        )),
        TYPE_NODE_PORT if headless => errs.push(FieldError::invalid(
            &spec_path.child("clusterIPs").index(0),
            spec.cluster_ips[0].as_str(),
            "may not be set to 'None' for NodePort services",
        )),
        TYPE_EXTERNAL_NAME => {
            if !spec.cluster_ips.is_empty() {
                errs.push(FieldError::forbidden(
                    &spec_path.child("clusterIPs"),
                    "may not be set for ExternalName services",
                ));
            }
            if !spec.ip_families.is_empty() {
                errs.push(FieldError::forbidden(
                    &spec_path.child("ipFamilies"),
                    "may not be set for ExternalName services",
                ));
            }
            if spec.ip_family_policy.is_some() {
                errs.push(FieldError::forbidden(
                    &spec_path.child("ipFamilyPolicy"),
                    "may not be set for ExternalName services",
                ));
            }
            let cname = spec
                .external_name
                .strip_suffix('.')
                .unwrap_or(&spec.external_name);
            if cname.is_empty() {
                errs.push(FieldError::required(&spec_path.child("externalName"), ""));
            } else {
                for msg in is_dns1123_subdomain(cname) {
                    errs.push(FieldError::invalid(
                        &spec_path.child("externalName"),
                        cname,
                        &msg,
                    ));
                }
            }
        }
        _ => {}
    }

    let mut names = HashSet::new();
    let require_name = spec.ports.len() > 1;
    for (i, port) in spec.ports.iter().enumerate() {
        errs.extend(validate_service_port(
            port,
            require_name,
            &mut names,
            &spec_path.child("ports").index(i),
        ));
    }

    if let Some(sel) = &spec.selector {
        errs.extend(validate_labels(sel, &spec_path.child("selector")));
    }

    if spec.session_affinity.is_empty() {
        errs.push(FieldError::required(
            &spec_path.child("sessionAffinity"),
            "",
        ));
    } else if !AFFINITIES.contains(&spec.session_affinity.as_str()) {
        errs.push(FieldError::not_supported(
            &spec_path.child("sessionAffinity"),
            spec.session_affinity.as_str(),
            AFFINITIES,
        ));
    }
    let cfg_path = spec_path.child("sessionAffinityConfig");
    if spec.session_affinity == "ClientIP" {
        let when = "when session affinity type is ClientIP";
        match &spec.session_affinity_config {
            None => errs.push(FieldError::required(&cfg_path, when)),
            Some(cfg) => match &cfg.client_ip {
                None => errs.push(FieldError::required(&cfg_path.child("clientIP"), when)),
                Some(cip) => {
                    let tpath = cfg_path.child("clientIP").child("timeoutSeconds");
                    match cip.timeout_seconds {
                        None => errs.push(FieldError::required(&tpath, when)),
                        Some(t) if t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS => {
                            errs.push(FieldError::invalid(
                                &tpath,
                                t,
                                &format!(
                                    "must be greater than 0 and less than {MAX_CLIENT_IP_AFFINITY_SECONDS}"
                                ),
                            ));
                        }
                        Some(_) => {}
                    }
                }
            },
        }
    } else if spec.session_affinity == "None" && spec.session_affinity_config.is_some() {
        errs.push(FieldError::forbidden(
            &cfg_path,
            "must not be set when session affinity is None",
        ));
    }

    errs.extend(validate_service_cluster_ips_related_fields(svc));

    for (i, ip) in spec.external_ips.iter().enumerate() {
        let p = spec_path.child("externalIPs").index(i);
        let e = is_valid_ip(&p, ip);
        if e.is_empty() {
            errs.extend(validate_non_special_ip(ip, &p));
        } else {
            errs.extend(e);
        }
    }

    if spec.type_.is_empty() {
        errs.push(FieldError::required(&spec_path.child("type"), ""));
    } else if !SERVICE_TYPES.contains(&spec.type_.as_str()) {
        errs.push(FieldError::not_supported(
            &spec_path.child("type"),
            spec.type_.as_str(),
            SERVICE_TYPES,
        ));
    }

    if spec.type_ == TYPE_CLUSTER_IP {
        for (i, port) in spec.ports.iter().enumerate() {
            if port.node_port != 0 {
                errs.push(FieldError::forbidden(
                    &spec_path.child("ports").index(i).child("nodePort"),
                    "may not be used when `type` is 'ClusterIP'",
                ));
            }
        }
    }

    let mut node_ports = HashSet::new();
    for (i, port) in spec.ports.iter().enumerate() {
        if port.node_port == 0 {
            continue;
        }
        if !node_ports.insert((port.protocol.as_str(), port.node_port)) {
            errs.push(FieldError::duplicate(
                &spec_path.child("ports").index(i).child("nodePort"),
                port.node_port,
            ));
        }
    }

    let mut ports = HashSet::new();
    for (i, port) in spec.ports.iter().enumerate() {
        if !ports.insert((port.protocol.as_str(), port.port)) {
            errs.push(FieldError::duplicate(
                &spec_path.child("ports").index(i),
                BadValue::GoSyntax(go_service_port_key(&port.protocol, port.port)),
            ));
        }
    }

    if !spec.load_balancer_source_ranges.is_empty() {
        // The capital L is upstream's.
        let p = spec_path.child("LoadBalancerSourceRanges");
        if spec.type_ != TYPE_LOAD_BALANCER {
            errs.push(FieldError::forbidden(
                &p,
                "may only be used when `type` is 'LoadBalancer'",
            ));
        }
        for (i, v) in spec.load_balancer_source_ranges.iter().enumerate() {
            errs.extend(is_valid_cidr(&p.index(i), go_trim_space(v)));
        }
    } else if let Some(val) = ann.get(ANNOTATION_LB_SOURCE_RANGES) {
        let p = Path::new("metadata")
            .child("annotations")
            .key(ANNOTATION_LB_SOURCE_RANGES);
        if spec.type_ != TYPE_LOAD_BALANCER {
            errs.push(FieldError::forbidden(
                &p,
                "may only be used when `type` is 'LoadBalancer'",
            ));
        }
        let val = go_trim_space(val);
        if !val.is_empty() {
            for v in val.split(',') {
                errs.extend(is_valid_cidr(&p, go_trim_space(v)));
            }
        }
    }

    if spec.allocate_load_balancer_node_ports.is_some() && spec.type_ != TYPE_LOAD_BALANCER {
        errs.push(FieldError::forbidden(
            &spec_path.child("allocateLoadBalancerNodePorts"),
            "may only be used when `type` is 'LoadBalancer'",
        ));
    }
    if spec.type_ == TYPE_LOAD_BALANCER && spec.allocate_load_balancer_node_ports.is_none() {
        // Upstream's path has no `spec.` here.
        errs.push(FieldError::required(
            &Path::new("allocateLoadBalancerNodePorts"),
            "",
        ));
    }

    if let Some(class) = &spec.load_balancer_class {
        let p = spec_path.child("loadBalancerClass");
        if spec.type_ == TYPE_LOAD_BALANCER {
            for msg in is_qualified_name(class) {
                errs.push(FieldError::invalid(&p, class.as_str(), &msg));
            }
        } else {
            errs.push(FieldError::forbidden(
                &p,
                "may only be used when `type` is 'LoadBalancer'",
            ));
        }
    }

    errs.extend(validate_service_external_traffic_policy(svc));

    let itp_path = spec_path.child("internalTrafficPolicy");
    match &spec.internal_traffic_policy {
        None => {
            if matches!(
                spec.type_.as_str(),
                TYPE_NODE_PORT | TYPE_LOAD_BALANCER | TYPE_CLUSTER_IP
            ) {
                errs.push(FieldError::required(&itp_path, ""));
            }
        }
        Some(p) if !TRAFFIC_POLICIES.contains(&p.as_str()) => {
            errs.push(FieldError::not_supported(
                &itp_path,
                p.as_str(),
                TRAFFIC_POLICIES,
            ));
        }
        Some(_) => {}
    }

    if let Some(td) = &spec.traffic_distribution
        && td != "PreferClose"
    {
        errs.push(FieldError::not_supported(
            &spec_path.child("trafficDistribution"),
            td.as_str(),
            &["PreferClose"],
        ));
    }

    errs
}

/// Go's `strings.TrimSpace` (Unicode white space).
fn go_trim_space(s: &str) -> &str {
    s.trim_matches(char::is_whitespace)
}

/// `validateServicePort`.
fn validate_service_port<'a>(
    sp: &'a ServicePort,
    require_name: bool,
    names: &mut HashSet<&'a str>,
    path: &Path,
) -> ErrorList {
    let mut errs = Vec::new();
    if require_name && sp.name.is_empty() {
        errs.push(FieldError::required(&path.child("name"), ""));
    } else if !sp.name.is_empty() {
        for msg in is_dns1123_label(&sp.name) {
            errs.push(FieldError::invalid(
                &path.child("name"),
                sp.name.as_str(),
                &msg,
            ));
        }
        if !names.insert(sp.name.as_str()) {
            errs.push(FieldError::duplicate(&path.child("name"), sp.name.as_str()));
        }
    }
    for msg in is_valid_port_num(sp.port.into()) {
        errs.push(FieldError::invalid(&path.child("port"), sp.port, &msg));
    }
    if sp.protocol.is_empty() {
        errs.push(FieldError::required(&path.child("protocol"), ""));
    } else if !PORT_PROTOCOLS.contains(&sp.protocol.as_str()) {
        errs.push(FieldError::not_supported(
            &path.child("protocol"),
            sp.protocol.as_str(),
            PORT_PROTOCOLS,
        ));
    }
    // After defaulting targetPort is always set; an absent one is the zero IntOrString (int 0).
    let tp = sp.target_port.clone().unwrap_or(IntOrString::Int(0));
    errs.extend(validate_port_num_or_name(&tp, &path.child("targetPort")));
    errs.extend(validate_app_protocol(sp.app_protocol.as_deref(), path));
    errs
}

/// A port's `appProtocol` is a qualified name (`ValidateQualifiedName`, as Service, Endpoints
/// and EndpointSlice ports check it).
pub(crate) fn validate_app_protocol(app_protocol: Option<&str>, path: &Path) -> ErrorList {
    let Some(ap) = app_protocol else {
        return Vec::new();
    };
    is_qualified_name(ap)
        .into_iter()
        .map(|msg| FieldError::invalid(&path.child("appProtocol"), ap, &msg))
        .collect()
}

/// `ValidatePortNumOrName`.
pub fn validate_port_num_or_name(port: &IntOrString, path: &Path) -> ErrorList {
    match port {
        IntOrString::Int(n) => is_valid_port_num((*n).into())
            .into_iter()
            .map(|m| FieldError::invalid(path, *n, &m))
            .collect(),
        IntOrString::String(s) => is_valid_port_name(s)
            .into_iter()
            .map(|m| FieldError::invalid(path, s.as_str(), &m))
            .collect(),
    }
}

/// `validateServiceExternalTrafficPolicy`: externalTrafficPolicy and healthCheckNodePort.
pub fn validate_service_external_traffic_policy(svc: &Service) -> ErrorList {
    let mut errs = Vec::new();
    let spec = &svc.spec;
    let p = Path::new("spec");
    if !externally_accessible(svc) {
        if !spec.external_traffic_policy.is_empty() {
            errs.push(FieldError::invalid(
                &p.child("externalTrafficPolicy"),
                spec.external_traffic_policy.as_str(),
                "may only be set for externally-accessible services",
            ));
        }
    } else if spec.external_traffic_policy.is_empty() {
        errs.push(FieldError::required(&p.child("externalTrafficPolicy"), ""));
    } else if !TRAFFIC_POLICIES.contains(&spec.external_traffic_policy.as_str()) {
        errs.push(FieldError::not_supported(
            &p.child("externalTrafficPolicy"),
            spec.external_traffic_policy.as_str(),
            TRAFFIC_POLICIES,
        ));
    }
    let hc = p.child("healthCheckNodePort");
    if !needs_health_check(svc) {
        if spec.health_check_node_port != 0 {
            errs.push(FieldError::invalid(
                &hc,
                spec.health_check_node_port,
                "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
            ));
        }
    } else if spec.health_check_node_port == 0 {
        errs.push(FieldError::required(&hc, ""));
    } else {
        for msg in is_valid_port_num(spec.health_check_node_port.into()) {
            errs.push(FieldError::invalid(&hc, spec.health_check_node_port, &msg));
        }
    }
    errs
}

/// `ValidateServiceClusterIPsRelatedFields`: clusterIP/clusterIPs agreement, ipFamilies,
/// ipFamilyPolicy, and the clusterIPs values. Skipped for ExternalName (validated by
/// `validate_service`). The allocator runs it first, as upstream's `initIPFamilyFields` does.
pub fn validate_service_cluster_ips_related_fields(svc: &Service) -> ErrorList {
    let spec = &svc.spec;
    if spec.type_ == TYPE_EXTERNAL_NAME {
        return Vec::new();
    }
    let mut errs = Vec::new();
    let spec_path = Path::new("spec");
    let ips_path = spec_path.child("clusterIPs");
    let fam_path = spec_path.child("ipFamilies");

    if !spec.cluster_ip.is_empty() {
        if spec.cluster_ips.is_empty() {
            errs.push(FieldError::required(&ips_path, ""));
        } else if spec.cluster_ips[0] != spec.cluster_ip {
            errs.push(FieldError::invalid(
                &ips_path,
                &spec.cluster_ips,
                "first value must match `clusterIP`",
            ));
        }
    } else if !spec.cluster_ips.is_empty() {
        errs.push(FieldError::invalid(
            &ips_path,
            &spec.cluster_ips,
            "must be empty when `clusterIP` is not specified",
        ));
    }

    let mut seen = HashSet::new();
    for (i, fam) in spec.ip_families.iter().enumerate() {
        if !IP_FAMILIES.contains(&fam.as_str()) {
            errs.push(FieldError::not_supported(
                &fam_path.index(i),
                fam.as_str(),
                IP_FAMILIES,
            ));
        }
        if !seen.insert(fam.as_str()) {
            errs.push(FieldError::duplicate(&fam_path.index(i), fam.as_str()));
        }
    }

    if let Some(policy) = &spec.ip_family_policy
        && !IP_FAMILY_POLICIES.contains(&policy.as_str())
    {
        errs.push(FieldError::not_supported(
            &spec_path.child("ipFamilyPolicy"),
            policy.as_str(),
            IP_FAMILY_POLICIES,
        ));
    }

    let mut has_invalid = false;
    for (i, ip) in spec.cluster_ips.iter().enumerate() {
        if i == 0 && ip == CLUSTER_IP_NONE {
            if spec.cluster_ips.len() > 1 {
                has_invalid = true;
                errs.push(FieldError::invalid(
                    &ips_path,
                    &spec.cluster_ips,
                    "'None' must be the first and only value",
                ));
            }
            continue;
        }
        let e = is_valid_ip(&ips_path.index(i), ip);
        has_invalid |= !e.is_empty();
        errs.extend(e);
    }

    if spec.cluster_ips.len() > 2 {
        errs.push(FieldError::invalid(
            &ips_path,
            &spec.cluster_ips,
            "may only hold up to 2 values",
        ));
    }

    if has_invalid {
        return errs;
    }

    if spec.cluster_ips.len() > 1 {
        // netutils.IsDualStackIPStrings: at least one of each family.
        let fams: Vec<bool> = spec
            .cluster_ips
            .iter()
            .filter_map(|s| parse_ip_sloppy(s).map(|ip| to4(ip).is_none()))
            .collect();
        let dual = fams.iter().any(|v6| *v6) && fams.iter().any(|v6| !*v6);
        if !dual {
            errs.push(FieldError::invalid(
                &ips_path,
                &spec.cluster_ips,
                "may specify no more than one IP for each IP family",
            ));
        }
    }

    if !is_headless(svc) && !spec.cluster_ips.is_empty() && !spec.ip_families.is_empty() {
        for (i, ip) in spec.cluster_ips.iter().enumerate() {
            let Some(fam) = spec.ip_families.get(i) else {
                break;
            };
            let v6 = is_ipv6_string(ip);
            if fam == "IPv4" && v6 {
                errs.push(FieldError::invalid(
                    &ips_path.index(i),
                    ip.as_str(),
                    &format!("expected an IPv4 value as indicated by `ipFamilies[{i}]`"),
                ));
            }
            if fam == "IPv6" && !v6 {
                errs.push(FieldError::invalid(
                    &ips_path.index(i),
                    ip.as_str(),
                    &format!("expected an IPv6 value as indicated by `ipFamilies[{i}]`"),
                ));
            }
        }
    }
    errs
}
