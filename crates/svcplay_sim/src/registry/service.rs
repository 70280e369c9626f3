//! The Service-specific part of create (`pkg/registry/core/service/storage/storage.go`
//! `beginCreate` and `alloc.go` `allocateCreate`): normalize clusterIPs, default the IP family
//! fields, allocate ClusterIPs, NodePorts and the health-check NodePort, all as one transaction
//! that is reverted if anything later refuses the object.

use std::collections::BTreeMap;
use std::net::IpAddr;

use svcplay_model::field::{ErrorList, FieldError, Path};
use svcplay_model::types::Service;
use svcplay_model::validation::ip::{parse_ip_sloppy, to4};
use svcplay_model::validation::validate_service_cluster_ips_related_fields;

use crate::alloc::{Allocators, family_of};
use crate::rng::Rng;

/// `api.ClusterIPNone`.
const NONE: &str = "None";

/// Why allocation refused a Service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllocFailure {
    /// HTTP 422 `Service "x" is invalid` with these field errors.
    Invalid(ErrorList),
    /// HTTP 500 `Internal error occurred: <message>`.
    Internal(String),
}

/// What one create allocated, so that it can be given back (`transaction.go`'s Revert).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Txn {
    /// ClusterIPs taken.
    pub ips: Vec<IpAddr>,
    /// NodePorts (and health-check NodePort) taken.
    pub ports: Vec<i64>,
}

impl Txn {
    /// Gives everything back.
    pub fn revert(self, alloc: &mut Allocators) {
        for ip in self.ips {
            alloc.release_cluster_ip(ip);
        }
        for p in self.ports {
            alloc.node_ports.release(p);
        }
    }
}

/// A ClusterIP as the registry reads it: `netutils.ParseIPSloppy` (leading zeros are decimal),
/// then the 4-byte form for an IPv4-mapped IPv6 address, as `familyOf` and the MultiCIDR
/// allocator's `servicecidr.IPToAddr` see it. The stored text is left as written.
fn parse_ip(s: &str) -> Option<IpAddr> {
    let ip = parse_ip_sloppy(s)?;
    Some(to4(ip).map_or(ip, IpAddr::V4))
}

/// `isHeadlessService` after normalization: `clusterIPs == ["None"]` (or `clusterIP: None`).
fn is_headless(svc: &Service) -> bool {
    svc.spec.cluster_ip == NONE || svc.spec.cluster_ips.first().is_some_and(|ip| ip == NONE)
}

fn is_selectorless(svc: &Service) -> bool {
    svc.spec.selector.as_ref().is_none_or(|s| s.is_empty())
}

/// `normalizeClusterIPs` on create: `clusterIP` set and `clusterIPs` empty → `[clusterIP]`.
pub fn normalize_cluster_ips(svc: &mut Service) {
    if !svc.spec.cluster_ip.is_empty() && svc.spec.cluster_ips.is_empty() {
        svc.spec.cluster_ips = vec![svc.spec.cluster_ip.clone()];
    }
}

/// `apiservice.NeedsHealthCheck`: LoadBalancer with `externalTrafficPolicy: Local`.
pub fn needs_health_check(svc: &Service) -> bool {
    svc.spec.type_ == "LoadBalancer" && svc.spec.external_traffic_policy == "Local"
}

/// `shouldAllocateNodePorts`.
fn should_allocate_node_ports(svc: &Service) -> bool {
    match svc.spec.type_.as_str() {
        "NodePort" => true,
        "LoadBalancer" => svc.spec.allocate_load_balancer_node_ports.unwrap_or(true),
        _ => false,
    }
}

fn default_policy(svc: &mut Service) {
    if svc.spec.ip_family_policy.is_none() {
        let policy = if svc.spec.cluster_ip == NONE && is_selectorless(svc) {
            "RequireDualStack"
        } else {
            "SingleStack"
        };
        svc.spec.ip_family_policy = Some(policy.to_string());
    }
}

fn other_family(f: &str) -> &'static str {
    if f == "IPv4" { "IPv6" } else { "IPv4" }
}

/// `initIPFamilyFields` on create: defaults `ipFamilyPolicy` and `ipFamilies`, runs
/// `ValidateServiceClusterIPsRelatedFields`, and rejects families this cluster lacks.
pub fn init_ip_family_fields(al: &Allocators, svc: &mut Service) -> Result<(), AllocFailure> {
    if svc.spec.type_ == "ExternalName" {
        return Ok(());
    }
    default_policy(svc);
    let el = validate_service_cluster_ips_related_fields(svc);
    if !el.is_empty() {
        return Err(AllocFailure::Invalid(el));
    }
    let policy = svc.spec.ip_family_policy.clone().unwrap_or_default();
    let policy_path = Path::new("spec").child("ipFamilyPolicy");
    let families = al.families();
    let mut el = ErrorList::new();
    if policy == "SingleStack" {
        if svc.spec.cluster_ips.len() == 2 {
            el.push(FieldError::invalid(
                &policy_path,
                policy.as_str(),
                "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
            ));
        }
        if svc.spec.ip_families.len() == 2 {
            el.push(FieldError::invalid(
                &policy_path,
                policy.as_str(),
                "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
            ));
        }
    }
    // Infer ipFamilies from clusterIPs.
    let ips = svc.spec.cluster_ips.clone();
    for (i, ip) in ips.iter().enumerate() {
        if ip == NONE {
            break;
        }
        let Some(addr) = parse_ip(ip) else { continue };
        let fam = family_of(addr);
        if i >= svc.spec.ip_families.len() {
            if families.contains(&fam) {
                svc.spec.ip_families.push(fam.to_string());
            } else {
                el.push(FieldError::invalid(
                    &Path::new("spec").child("clusterIPs").index(i),
                    &ips,
                    &format!("{fam} is not configured on this cluster"),
                ));
            }
        }
    }
    if !el.is_empty() {
        return Err(AllocFailure::Invalid(el));
    }
    // Headless + selectorless may name families the cluster does not have.
    if svc.spec.cluster_ip == NONE && is_selectorless(svc) {
        if svc.spec.ip_families.is_empty() {
            svc.spec.ip_families = vec![al.primary_family().to_string()];
        }
        if svc.spec.ip_families.len() < 2 && policy != "SingleStack" {
            let alt = other_family(&svc.spec.ip_families[0]);
            svc.spec.ip_families.push(alt.to_string());
        }
        return Ok(());
    }
    if policy == "RequireDualStack" && families.len() < 2 {
        el.push(FieldError::invalid(
            &policy_path,
            policy.as_str(),
            "this cluster is not configured for dual-stack services",
        ));
    }
    for (i, fam) in svc.spec.ip_families.iter().enumerate() {
        if !families.contains(&fam.as_str()) {
            el.push(FieldError::invalid(
                &Path::new("spec").child("ipFamilies").index(i),
                fam.as_str(),
                "not configured on this cluster",
            ));
        }
    }
    if !el.is_empty() {
        return Err(AllocFailure::Invalid(el));
    }
    if svc.spec.ip_families.is_empty() {
        svc.spec.ip_families = vec![al.primary_family().to_string()];
    }
    if policy != "SingleStack" && svc.spec.ip_families.len() == 1 && families.len() == 2 {
        let alt = other_family(&svc.spec.ip_families[0]);
        svc.spec.ip_families.push(alt.to_string());
    }
    Ok(())
}

/// `allocClusterIPs`: one address per family of `ipFamilies`, the requested one if given, else a
/// dynamic one. Sets `clusterIP` to the first.
fn alloc_cluster_ips(
    al: &mut Allocators,
    rng: &mut Rng,
    svc: &mut Service,
    txn: &mut Txn,
) -> Result<(), AllocFailure> {
    if svc.spec.type_ == "ExternalName" || svc.spec.cluster_ips.first().is_some_and(|ip| ip == NONE)
    {
        return Ok(());
    }
    while svc.spec.cluster_ips.len() < svc.spec.ip_families.len() {
        svc.spec.cluster_ips.push(String::new());
    }
    for i in 0..svc.spec.ip_families.len() {
        let family = svc.spec.ip_families[i].clone();
        let requested = svc.spec.cluster_ips[i].clone();
        if requested.is_empty() {
            match al.allocate_next_cluster_ip(&family, rng) {
                Ok(ip) => {
                    txn.ips.push(ip);
                    svc.spec.cluster_ips[i] = ip.to_string();
                }
                Err(e) => {
                    return Err(AllocFailure::Internal(format!(
                        "failed to allocate a serviceIP: {e}"
                    )));
                }
            }
        } else {
            let result = match parse_ip(&requested) {
                Some(ip) => al.allocate_cluster_ip(ip).map(|()| ip),
                None => Err(crate::alloc::IpAllocError::MismatchedNetwork),
            };
            match result {
                Ok(ip) => txn.ips.push(ip),
                Err(e) => {
                    return Err(AllocFailure::Invalid(vec![FieldError::invalid(
                        &Path::new("spec").child("clusterIPs"),
                        &svc.spec.cluster_ips,
                        &format!("failed to allocate IP {requested}: {e}"),
                    )]));
                }
            }
        }
    }
    if let Some(first) = svc.spec.cluster_ips.first() {
        svc.spec.cluster_ip = first.clone();
    }
    Ok(())
}

/// `initNodePorts`: ports with the same `port` number share one NodePort; a requested NodePort
/// is reserved, a missing one is allocated when the type allocates NodePorts.
fn init_node_ports(
    al: &mut Allocators,
    rng: &mut Rng,
    svc: &mut Service,
    txn: &mut Txn,
) -> Result<(), AllocFailure> {
    let allocate = should_allocate_node_ports(svc);
    let mut by_port: BTreeMap<i32, i32> = BTreeMap::new();
    for i in 0..svc.spec.ports.len() {
        let (port, node_port) = (svc.spec.ports[i].port, svc.spec.ports[i].node_port);
        if node_port == 0 && !allocate {
            continue;
        }
        let path = Path::new("spec").child("ports").index(i).child("nodePort");
        match by_port.get(&port).copied() {
            None => {
                // The first request among the ports sharing this port number, if any.
                let requested = svc.spec.ports[i..]
                    .iter()
                    .find(|p| p.port == port && p.node_port != 0)
                    .map_or(0, |p| p.node_port);
                if requested != 0 {
                    if let Err(e) = al.node_ports.allocate(i64::from(requested)) {
                        return Err(AllocFailure::Invalid(vec![FieldError::invalid(
                            &path,
                            requested,
                            &e.to_string(),
                        )]));
                    }
                    txn.ports.push(i64::from(requested));
                    svc.spec.ports[i].node_port = requested;
                    by_port.insert(port, requested);
                } else {
                    match al.node_ports.allocate_next(rng) {
                        Ok(np) => {
                            txn.ports.push(i64::from(np));
                            svc.spec.ports[i].node_port = np;
                            by_port.insert(port, np);
                        }
                        Err(e) => {
                            return Err(AllocFailure::Internal(format!(
                                "failed to allocate a nodePort: {e}"
                            )));
                        }
                    }
                }
            }
            Some(shared) if node_port != shared => {
                if node_port == 0 {
                    svc.spec.ports[i].node_port = shared;
                } else {
                    if let Err(e) = al.node_ports.allocate(i64::from(node_port)) {
                        return Err(AllocFailure::Invalid(vec![FieldError::invalid(
                            &path,
                            node_port,
                            &e.to_string(),
                        )]));
                    }
                    txn.ports.push(i64::from(node_port));
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// `allocHealthCheckNodePort`. Failures are HTTP 500s, with upstream's texts (the dynamic case
/// prints the port as 0).
fn alloc_health_check_node_port(
    al: &mut Allocators,
    rng: &mut Rng,
    svc: &mut Service,
    txn: &mut Txn,
) -> Result<(), AllocFailure> {
    let requested = svc.spec.health_check_node_port;
    if requested != 0 {
        al.node_ports.allocate(i64::from(requested)).map_err(|e| {
            AllocFailure::Internal(format!(
                "failed to allocate requested HealthCheck NodePort {requested}: {e}"
            ))
        })?;
        txn.ports.push(i64::from(requested));
    } else {
        let np = al.node_ports.allocate_next(rng).map_err(|e| {
            AllocFailure::Internal(format!("failed to allocate a HealthCheck NodePort 0: {e}"))
        })?;
        txn.ports.push(i64::from(np));
        svc.spec.health_check_node_port = np;
    }
    Ok(())
}

/// `beginCreate` for a Service: normalize, default IP families, allocate. On failure nothing
/// stays allocated.
pub fn allocate_create(
    al: &mut Allocators,
    rng: &mut Rng,
    svc: &mut Service,
) -> Result<Txn, AllocFailure> {
    normalize_cluster_ips(svc);
    init_ip_family_fields(al, svc)?;
    let mut txn = Txn::default();
    let mut steps = || -> Result<(), AllocFailure> {
        alloc_cluster_ips(al, rng, svc, &mut txn)?;
        if svc.spec.type_ == "NodePort" || svc.spec.type_ == "LoadBalancer" {
            init_node_ports(al, rng, svc, &mut txn)?;
        }
        if needs_health_check(svc) {
            alloc_health_check_node_port(al, rng, svc, &mut txn)?;
        }
        Ok(())
    };
    match steps() {
        Ok(()) => Ok(txn),
        Err(e) => {
            txn.revert(al);
            Err(e)
        }
    }
}

/// Observed mode: the Service is a stored object of an existing cluster. Missing fields are
/// defaulted and missing ClusterIPs/NodePorts allocated; given ones are marked allocated when in
/// range and free, and never conflict.
pub fn adopt_observed(
    al: &mut Allocators,
    rng: &mut Rng,
    svc: &mut Service,
) -> Result<Txn, AllocFailure> {
    normalize_cluster_ips(svc);
    if svc.spec.cluster_ip.is_empty()
        && let Some(first) = svc.spec.cluster_ips.first()
    {
        svc.spec.cluster_ip = first.clone();
    }
    let mut txn = Txn::default();
    let external_name = svc.spec.type_ == "ExternalName";
    if !external_name {
        default_policy(svc);
        if svc.spec.ip_families.is_empty() {
            for ip in &svc.spec.cluster_ips {
                if let Some(addr) = parse_ip(ip) {
                    svc.spec.ip_families.push(family_of(addr).to_string());
                }
            }
        }
        if svc.spec.ip_families.is_empty() {
            svc.spec.ip_families = vec![al.primary_family().to_string()];
            if svc.spec.cluster_ip == NONE
                && is_selectorless(svc)
                && svc.spec.ip_family_policy.as_deref() != Some("SingleStack")
            {
                let alt = other_family(al.primary_family());
                svc.spec.ip_families.push(alt.to_string());
            }
        }
    }
    let mut steps = || -> Result<(), AllocFailure> {
        if !external_name && !is_headless(svc) {
            if svc.spec.cluster_ips.is_empty() {
                let families: Vec<String> = svc
                    .spec
                    .ip_families
                    .iter()
                    .filter(|f| al.for_family(f).is_some())
                    .cloned()
                    .collect();
                for fam in families {
                    let ip = al.allocate_next_cluster_ip(&fam, rng).map_err(|e| {
                        AllocFailure::Internal(format!("failed to allocate a serviceIP: {e}"))
                    })?;
                    txn.ips.push(ip);
                    svc.spec.cluster_ips.push(ip.to_string());
                }
                if let Some(first) = svc.spec.cluster_ips.first() {
                    svc.spec.cluster_ip = first.clone();
                }
            } else {
                for ip in &svc.spec.cluster_ips {
                    if let Some(addr) = parse_ip(ip)
                        && al.allocate_cluster_ip(addr).is_ok()
                    {
                        txn.ips.push(addr);
                    }
                }
            }
        }
        if svc.spec.type_ == "NodePort" || svc.spec.type_ == "LoadBalancer" {
            let allocate = should_allocate_node_ports(svc);
            let mut by_port: BTreeMap<i32, i32> = BTreeMap::new();
            for p in &svc.spec.ports {
                if p.node_port != 0 {
                    by_port.entry(p.port).or_insert(p.node_port);
                }
            }
            for p in &mut svc.spec.ports {
                if p.node_port != 0 {
                    if al.node_ports.allocate(i64::from(p.node_port)).is_ok() {
                        txn.ports.push(i64::from(p.node_port));
                    }
                } else if allocate {
                    if let Some(&np) = by_port.get(&p.port) {
                        p.node_port = np;
                    } else {
                        let np = al.node_ports.allocate_next(rng).map_err(|e| {
                            AllocFailure::Internal(format!("failed to allocate a nodePort: {e}"))
                        })?;
                        txn.ports.push(i64::from(np));
                        p.node_port = np;
                        by_port.insert(p.port, np);
                    }
                }
            }
        }
        if needs_health_check(svc) {
            let hc = svc.spec.health_check_node_port;
            if hc != 0 {
                if al.node_ports.allocate(i64::from(hc)).is_ok() {
                    txn.ports.push(i64::from(hc));
                }
            } else {
                alloc_health_check_node_port(al, rng, svc, &mut txn)?;
            }
        }
        Ok(())
    };
    match steps() {
        Ok(()) => Ok(txn),
        Err(e) => {
            txn.revert(al);
            Err(e)
        }
    }
}

/// Every ClusterIP and NodePort a stored Service holds.
pub fn held_resources(svc: &Service) -> (Vec<IpAddr>, Vec<i64>) {
    let ips = svcplay_model::slice::collect_set(
        svc.spec
            .cluster_ips
            .iter()
            .chain(std::iter::once(&svc.spec.cluster_ip))
            .filter_map(|ip| parse_ip(ip)),
    )
    .into_iter()
    .collect();
    let mut ports: Vec<i64> = svc
        .spec
        .ports
        .iter()
        .filter(|p| p.node_port != 0)
        .map(|p| i64::from(p.node_port))
        .collect();
    if svc.spec.health_check_node_port != 0 {
        ports.push(i64::from(svc.spec.health_check_node_port));
    }
    svcplay_model::slice::sort(&mut ports);
    ports.dedup();
    (ips, ports)
}
