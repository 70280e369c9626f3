//! A simulated cloud provider: the service controller part of a cloud-controller-manager
//! (`k8s.io/cloud-provider` `controllers/service`) together with an address pool in the style of
//! MetalLB's IPAddressPool.
//!
//! What it does, on every [`settle`](crate::controllers::settle):
//!
//! * Every `type: LoadBalancer` Service **without** `spec.loadBalancerClass` is served (upstream's
//!   service controller skips Services with a class: another implementation owns them; none
//!   exists here, so they stay `<pending>`). It gets
//!   `status.loadBalancer.ingress: [{ip: <address>, ipMode: VIP}]`.
//! * The address is `spec.loadBalancerIP` when that lies inside the pool and is free; a requested
//!   address outside the pool or held by another Service leaves the Service pending (as MetalLB
//!   and the clouds' "reserved address" checks do). Otherwise it is the lowest free pool address
//!   (IPv4: not the network or broadcast address of pools of /30 and wider).
//!   Requested addresses are honoured first, then Services get addresses in creation order.
//! * Assignments are stable: a Service keeps the address its status holds. An address is free
//!   again once no Service's status holds it: deleting the Service, changing its type away from
//!   LoadBalancer or disabling the provider releases it (the controller clears the status of a
//!   Service it no longer serves, `ensureLoadBalancer`/`EnsureLoadBalancerDeleted`).
//! * Observed input (`Options::observed`): statuses are the real cluster's and are kept as they
//!   are; nothing is assigned or cleared.
//! * A Service that cannot use the pool's family (`spec.ipFamilies` without it) stays pending.
//!
//! **Configuring it.** The pool and the switch are [`LoadBalancerSettings`]
//! (`Cluster::settings.load_balancer`): `pool` defaults to `203.0.113.0/24` (TEST-NET-3, RFC
//! 5737: documentation addresses that never reach a real host) and `enabled` to true. Set
//! `enabled = false` to get minikube's behaviour without `minikube tunnel`: every LoadBalancer
//! Service keeps `EXTERNAL-IP <pending>`. There is no input document for these settings yet; a
//! front end sets the fields before applying input.
//!
//! [`LoadBalancerSettings`]: crate::settings::LoadBalancerSettings

use std::collections::BTreeSet;
use std::net::IpAddr;

use svcplay_model::net::Cidr;
use svcplay_model::types::{LoadBalancerIngress, Service};

use crate::Cluster;
use crate::store::Key;

/// `ipMode` of the addresses this provider hands out: packets reach the nodes with the VIP as
/// destination (kube-proxy programs the VIP).
pub const IP_MODE_VIP: &str = "VIP";

/// Whether the simulated provider is responsible for `svc`: a LoadBalancer Service without a
/// `loadBalancerClass`.
pub fn is_served(svc: &Service) -> bool {
    svc.spec.type_ == "LoadBalancer" && svc.spec.load_balancer_class.is_none()
}

/// The addresses the pool can hand out, in order (IPv4 pools of /30 and wider skip the network
/// and broadcast addresses). Pools larger than 65,536 addresses are walked only that far.
fn pool_addresses(pool: &Cidr) -> impl Iterator<Item = IpAddr> + '_ {
    let size = pool.size();
    let skip_edges = pool.is_ipv4() && pool.prefix <= 30;
    let (first, end) = if skip_edges { (1, size - 1) } else { (0, size) };
    let end = end.min(first + 65_536);
    (first..end).filter_map(move |n| pool.masked().nth(n))
}

/// Whether the pool can assign `ip`: inside it and, for IPv4 pools of /30 and wider, not the
/// network or broadcast address.
fn assignable(pool: &Cidr, ip: IpAddr) -> bool {
    match pool.offset_of(ip) {
        None => false,
        Some(off) => !(pool.is_ipv4() && pool.prefix <= 30 && (off == 0 || off == pool.size() - 1)),
    }
}

fn family_allowed(svc: &Service, pool: &Cidr) -> bool {
    let want = if pool.is_ipv4() { "IPv4" } else { "IPv6" };
    svc.spec.ip_families.is_empty() || svc.spec.ip_families.iter().any(|f| f == want)
}

/// The IPs a Service's status holds.
fn held(svc: &Service) -> impl Iterator<Item = IpAddr> + '_ {
    svc.status
        .load_balancer
        .ingress
        .iter()
        .filter_map(|i| i.ip.parse::<IpAddr>().ok())
}

/// The creation order of Services: UIDs are handed out sequentially, so they sort by creation.
fn creation_order(cluster: &Cluster) -> Vec<Key> {
    let mut keys: Vec<(&str, &Key)> = cluster
        .store
        .services
        .iter()
        .map(|(k, s)| (s.metadata.uid.as_str(), k))
        .collect();
    svcplay_model::slice::sort(&mut keys);
    keys.into_iter().map(|(_, k)| k.clone()).collect()
}

/// Why a served Service has (or would have) no address, in plain words; `None` when it has one.
pub fn pending_reason(cluster: &Cluster, svc: &Service) -> Option<String> {
    if !svc.status.load_balancer.ingress.is_empty() {
        return None;
    }
    let lb = &cluster.settings.load_balancer;
    let name = format!(
        "{}/{}",
        ns_or_default(&svc.metadata.namespace),
        svc.metadata.name
    );
    if svc.spec.type_ != "LoadBalancer" {
        return Some(format!(
            "Service {name} is type {}, not LoadBalancer",
            if svc.spec.type_.is_empty() {
                "ClusterIP"
            } else {
                &svc.spec.type_
            }
        ));
    }
    if let Some(class) = &svc.spec.load_balancer_class {
        return Some(format!(
            "Service {name} asks for loadBalancerClass {class:?}; no load balancer implementation in this cluster serves that class, so EXTERNAL-IP stays <pending>"
        ));
    }
    if cluster.options.observed {
        return Some(format!(
            "Service {name} has no address in its observed status.loadBalancer (EXTERNAL-IP <pending>): the cluster it came from had no load balancer provider for it"
        ));
    }
    if !lb.enabled {
        return Some(format!(
            "Service {name} is type LoadBalancer but this cluster has no cloud load balancer provider (as on minikube or bare metal without MetalLB), so EXTERNAL-IP stays <pending>; use a NodePort on a node IP instead"
        ));
    }
    if !family_allowed(svc, &lb.pool) {
        return Some(format!(
            "Service {name} has ipFamilies {:?} but the load balancer pool {} is of the other family",
            svc.spec.ip_families, lb.pool
        ));
    }
    if !svc.spec.load_balancer_ip.is_empty() {
        let requested = &svc.spec.load_balancer_ip;
        return Some(match requested.parse::<IpAddr>() {
            Ok(ip) if !assignable(&lb.pool, ip) => format!(
                "Service {name} requests loadBalancerIP {requested}, which is outside the load balancer pool {}",
                lb.pool
            ),
            Ok(_) => format!(
                "Service {name} requests loadBalancerIP {requested}, which another Service already holds"
            ),
            Err(_) => format!(
                "Service {name} requests loadBalancerIP {requested:?}, which is not an IP address"
            ),
        });
    }
    Some(format!(
        "the load balancer pool {} has no free address left for Service {name}",
        lb.pool
    ))
}

fn ns_or_default(ns: &str) -> &str {
    if ns.is_empty() { "default" } else { ns }
}

/// One pass of the simulated cloud provider over every Service (see the module docs). Returns
/// whether any Service's status changed.
pub fn sync_load_balancers(cluster: &mut Cluster) -> bool {
    if cluster.options.observed {
        return false;
    }
    let lb = cluster.settings.load_balancer.clone();
    let mut changed = false;
    // Release first: Services no longer served lose their address.
    let mut release: Vec<Key> = Vec::new();
    for (k, svc) in &cluster.store.services {
        let keep = lb.enabled && is_served(svc) && family_allowed(svc, &lb.pool);
        if !keep && !svc.status.load_balancer.ingress.is_empty() {
            release.push(k.clone());
        }
    }
    for k in release {
        let rv = cluster.store.next_resource_version();
        if let Some(svc) = cluster.store.services.get_mut(&k) {
            svc.status.load_balancer.ingress.clear();
            svc.metadata.resource_version = rv;
            changed = true;
        }
    }
    if !lb.enabled {
        return changed;
    }
    let mut taken: BTreeSet<IpAddr> =
        svcplay_model::slice::collect_set(cluster.store.services.values().flat_map(held));
    let order = creation_order(cluster);
    let waiting: Vec<&Key> = order
        .iter()
        .filter(|k| {
            let s = &cluster.store.services[*k];
            is_served(s) && family_allowed(s, &lb.pool) && s.status.load_balancer.ingress.is_empty()
        })
        .collect();
    let mut assignments: Vec<(Key, IpAddr)> = Vec::new();
    // Requested addresses first, then the rest in creation order.
    for pass_requested in [true, false] {
        for k in &waiting {
            let s = &cluster.store.services[*k];
            let requested = !s.spec.load_balancer_ip.is_empty();
            if requested != pass_requested {
                continue;
            }
            let ip = if requested {
                match s.spec.load_balancer_ip.parse::<IpAddr>() {
                    Ok(ip) if assignable(&lb.pool, ip) && !taken.contains(&ip) => Some(ip),
                    _ => None,
                }
            } else {
                pool_addresses(&lb.pool).find(|ip| !taken.contains(ip))
            };
            if let Some(ip) = ip {
                taken.insert(ip);
                assignments.push(((*k).clone(), ip));
            }
        }
    }
    for (k, ip) in assignments {
        let rv = cluster.store.next_resource_version();
        if let Some(svc) = cluster.store.services.get_mut(&k) {
            svc.status.load_balancer.ingress = vec![LoadBalancerIngress {
                ip: ip.to_string(),
                ip_mode: Some(IP_MODE_VIP.to_string()),
                ..LoadBalancerIngress::default()
            }];
            svc.metadata.resource_version = rv;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_edges() {
        let pool = Cidr::parse("203.0.113.0/24").unwrap();
        let mut it = pool_addresses(&pool);
        assert_eq!(it.next(), Some("203.0.113.1".parse().unwrap()));
        assert_eq!(pool_addresses(&pool).count(), 254);
        assert!(!assignable(&pool, "203.0.113.0".parse().unwrap()));
        assert!(!assignable(&pool, "203.0.113.255".parse().unwrap()));
        assert!(assignable(&pool, "203.0.113.254".parse().unwrap()));
        let single = Cidr::parse("198.51.100.7/32").unwrap();
        assert_eq!(
            pool_addresses(&single).collect::<Vec<_>>(),
            vec!["198.51.100.7".parse::<IpAddr>().unwrap()]
        );
    }
}
