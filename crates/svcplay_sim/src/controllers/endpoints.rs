//! The Endpoints controller (`pkg/controller/endpoint/endpoints_controller.go` `syncService`,
//! `pkg/api/v1/endpoints/util.go` `RepackSubsets`).
//!
//! Per Service with a selector (not ExternalName), an Endpoints of the same name: one address per
//! selected pod that has an IP of the Service's first family (`podToEndpointAddressForService`),
//! in `addresses` when the pod is ready (or `publishNotReadyAddresses`), else in
//! `notReadyAddresses`; terminal pods, and terminating ones unless unready addresses are
//! published, are left out (`ShouldPodBeInEndpoints`). Each Service port is resolved per pod
//! (`FindPort`), then the subsets are packed: addresses offering the same set of ports (with the
//! same readiness) share one subset. The Endpoints carries the Service's labels (plus
//! `service.kubernetes.io/headless` for a headless Service), the trigger-time annotation, and is
//! cut to 1000 addresses with `endpoints.kubernetes.io/over-capacity: truncated`.
//!
//! Selectorless Services get nothing: their Endpoints belong to the user. Deleting a Service
//! deletes the Endpoints of its name ([`crate::registry::delete`]).
//!
//! Order: upstream sorts ports and subsets by an MD5 hash of their Go dump; here ports sort by
//! (name, port, protocol, appProtocol) and subsets by their ports, then addresses. Addresses sort
//! as upstream does (IP text, then target UID). Stored subsets are compared order-insensitively,
//! so Endpoints replayed from a real cluster are kept as they are.

use svcplay_model::slice;
use svcplay_model::types::{
    EndpointAddress, EndpointSubset, Endpoints, EndpointsPort, ObjectReference, Pod, Service,
};
use svcplay_model::validation::ip::is_ipv6_string;

use super::endpointslice::{
    Index, LABEL_HEADLESS, TRIGGER_TIME_ANNOTATION, find_port, should_set_hostname, synced_selector,
};
use super::{is_pod_ready, put_endpoints};
use crate::Cluster;
use crate::store::Key;

/// `maxCapacity`: most addresses (ready and not) one Endpoints holds.
pub const MAX_CAPACITY: usize = 1000;
/// `v1.EndpointsOverCapacity`.
pub const OVER_CAPACITY_ANNOTATION: &str = "endpoints.kubernetes.io/over-capacity";

/// `ShouldPodBeInEndpoints(pod, includeTerminating)`: not terminal, has an IP, and, unless
/// `include_terminating`, not being deleted.
pub(crate) fn should_pod_be_in_endpoints(pod: &Pod, include_terminating: bool) -> bool {
    let terminal = matches!(pod.status.phase.as_str(), "Succeeded" | "Failed");
    let has_ip = !pod.status.pod_ip.is_empty() || !pod.status.pod_ips.is_empty();
    !terminal && has_ip && (include_terminating || pod.metadata.deletion_timestamp.is_none())
}

/// `podToEndpointAddressForService`: the first of the pod's `podIPs` of the Service's family
/// (`ipFamilies[0]`; without families, the ClusterIP's, or for a headless Service the pod's
/// `podIP`'s), as written; `None` when the pod has none.
pub(crate) fn pod_to_endpoint_address(
    svc: &Service,
    pod: &Pod,
    pod_ns: &str,
) -> Option<EndpointAddress> {
    let v6 = match svc.spec.ip_families.first() {
        Some(f) => f == "IPv6",
        None => {
            let ip = &svc.spec.cluster_ip;
            if !ip.is_empty() && ip != "None" {
                is_ipv6_string(ip)
            } else {
                is_ipv6_string(&pod.status.pod_ip)
            }
        }
    };
    let ip = pod
        .status
        .pod_ips
        .iter()
        .find(|p| is_ipv6_string(&p.ip) == v6)?;
    Some(EndpointAddress {
        ip: ip.ip.clone(),
        hostname: String::new(),
        node_name: Some(pod.spec.node_name.clone()),
        target_ref: Some(ObjectReference {
            kind: "Pod".to_string(),
            namespace: pod_ns.to_string(),
            name: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
            ..ObjectReference::default()
        }),
    })
}

/// The subsets `syncService` builds for `svc` from its selected `pods`, packed.
pub(crate) fn desired_subsets(svc: &Service, ns: &str, pods: &[&Pod]) -> Vec<EndpointSubset> {
    let publish = svc.spec.publish_not_ready_addresses;
    let mut subsets = Vec::new();
    for pod in pods {
        if !should_pod_be_in_endpoints(pod, publish) {
            continue;
        }
        let Some(mut epa) = pod_to_endpoint_address(svc, pod, ns) else {
            continue;
        };
        if should_set_hostname(pod, svc, ns, ns) {
            epa.hostname = pod.spec.hostname.clone();
        }
        let ready = publish || is_pod_ready(pod);
        let subset = |ports: Vec<EndpointsPort>| {
            if ready {
                EndpointSubset {
                    addresses: vec![epa.clone()],
                    not_ready_addresses: Vec::new(),
                    ports,
                }
            } else {
                EndpointSubset {
                    addresses: Vec::new(),
                    not_ready_addresses: vec![epa.clone()],
                    ports,
                }
            }
        };
        if svc.spec.ports.is_empty() {
            // A headless Service may have no ports.
            if svc.spec.cluster_ip == "None" {
                subsets.push(subset(Vec::new()));
            }
            continue;
        }
        for sp in &svc.spec.ports {
            let Some(port) = find_port(pod, sp) else {
                continue;
            };
            subsets.push(subset(vec![EndpointsPort {
                name: sp.name.clone(),
                port,
                protocol: sp.protocol.clone(),
                app_protocol: sp.app_protocol.clone(),
            }]));
        }
    }
    repack_subsets(&subsets)
}

/// `RepackSubsets`: every (address, port) pair of the input, regrouped so that the addresses
/// offering exactly the same ports (with the same readiness; not ready wins over ready for one
/// port) share a subset. Subsets without ports keep their addresses (a sentinel port).
/// Addresses are one when their IP and target UID are (upstream keeps the first seen; here the
/// first in each port's sorted list, the same for the controller's input, where one pod gives
/// one address).
///
/// Written with sorted vectors, not maps: the page's WebAssembly pays for every map type.
pub fn repack_subsets(subsets: &[EndpointSubset]) -> Vec<EndpointSubset> {
    // (port, address, ready); `None` is the sentinel of a subset without ports.
    let mut pairs: Vec<(Option<&EndpointsPort>, &EndpointAddress, bool)> = Vec::new();
    for ss in subsets {
        let addrs = ss
            .addresses
            .iter()
            .map(|a| (a, true))
            .chain(ss.not_ready_addresses.iter().map(|a| (a, false)));
        for (a, ready) in addrs {
            if ss.ports.is_empty() {
                pairs.push((None, a, ready));
            }
            for p in &ss.ports {
                pairs.push((Some(p), a, ready));
            }
        }
    }
    slice::sort_by(&mut pairs, |a, b| {
        a.0.cmp(&b.0).then_with(|| address_order(a.1, b.1))
    });
    // Per port, its addresses, each once, ready only if ready every time.
    type Addrs<'a> = Vec<(&'a EndpointAddress, bool)>;
    let mut per_port: Vec<(Option<&EndpointsPort>, Addrs<'_>)> = Vec::new();
    for (port, a, ready) in pairs {
        match per_port.last_mut() {
            Some((p, list)) if *p == port => match list.last_mut() {
                Some(last) if address_order(last.0, a).is_eq() => last.1 &= ready,
                _ => list.push((a, ready)),
            },
            _ => per_port.push((port, vec![(a, ready)])),
        }
    }
    // Ports with the same addresses (and readiness) share a subset.
    let same = |x: &Addrs<'_>, y: &Addrs<'_>| {
        x.len() == y.len()
            && x.iter()
                .zip(y)
                .all(|(a, b)| a.1 == b.1 && address_order(a.0, b.0).is_eq())
    };
    slice::sort_by(&mut per_port, |x, y| {
        let mut order = x.1.len().cmp(&y.1.len());
        for (a, b) in x.1.iter().zip(&y.1) {
            order = order
                .then_with(|| address_order(a.0, b.0))
                .then(a.1.cmp(&b.1));
        }
        order
    });
    let mut groups: Vec<(Addrs<'_>, Vec<EndpointsPort>)> = Vec::new();
    for (port, addrs) in per_port {
        let ports = port.into_iter().cloned();
        match groups.last_mut() {
            Some((g, ps)) if same(g, &addrs) => ps.extend(ports),
            _ => groups.push((addrs, ports.collect())),
        }
    }
    let mut out: Vec<EndpointSubset> = groups
        .into_iter()
        .map(|(addrs, ports)| {
            let mut ss = EndpointSubset {
                ports,
                ..EndpointSubset::default()
            };
            for (a, ready) in addrs {
                if ready {
                    ss.addresses.push(a.clone());
                } else {
                    ss.not_ready_addresses.push(a.clone());
                }
            }
            ss
        })
        .collect();
    sort_subsets(&mut out);
    out
}

/// `LessEndpointAddress`: by IP text, then target UID (no target first).
fn address_order(a: &EndpointAddress, b: &EndpointAddress) -> std::cmp::Ordering {
    a.ip.as_bytes().cmp(b.ip.as_bytes()).then_with(|| {
        let ua = a.target_ref.as_ref().map(|t| t.uid.as_str());
        let ub = b.target_ref.as_ref().map(|t| t.uid.as_str());
        ua.cmp(&ub)
    })
}

/// `SortSubsets` (see the module documentation for the order of ports and subsets).
pub fn sort_subsets(subsets: &mut [EndpointSubset]) {
    for ss in subsets.iter_mut() {
        slice::sort_by(&mut ss.addresses, address_order);
        slice::sort_by(&mut ss.not_ready_addresses, address_order);
        slice::sort(&mut ss.ports);
    }
    fn ips(s: &EndpointSubset) -> impl Iterator<Item = (&str, bool)> {
        let ready = s.addresses.iter().map(|x| (x.ip.as_str(), true));
        ready.chain(s.not_ready_addresses.iter().map(|x| (x.ip.as_str(), false)))
    }
    slice::sort_by(subsets, |a, b| {
        a.ports.cmp(&b.ports).then_with(|| ips(a).cmp(ips(b)))
    });
}

/// `truncateEndpoints`: above [`MAX_CAPACITY`] addresses, keeps ready addresses first, each
/// subset a share proportional to its size (rounded up, the last ones taking what is left);
/// `true` when it cut anything.
pub fn truncate_endpoints(subsets: &mut [EndpointSubset]) -> bool {
    let total_ready: usize = subsets.iter().map(|s| s.addresses.len()).sum();
    let total_not_ready: usize = subsets.iter().map(|s| s.not_ready_addresses.len()).sum();
    if total_ready + total_not_ready <= MAX_CAPACITY {
        return false;
    }
    let truncate_ready = total_ready > MAX_CAPACITY;
    let (max, num_total) = if truncate_ready {
        (MAX_CAPACITY, total_ready)
    } else {
        (MAX_CAPACITY - total_ready, total_not_ready)
    };
    let mut can_be_added = max;
    for ss in subsets.iter_mut() {
        let in_subset = if truncate_ready {
            ss.addresses.len()
        } else {
            ss.not_ready_addresses.len()
        };
        // ceil(in_subset / num_total * max), in integers.
        let share = (in_subset * max).div_ceil(num_total.max(1));
        let to_be_added = share.min(can_be_added);
        if truncate_ready {
            ss.addresses.truncate(to_be_added);
            ss.not_ready_addresses.clear();
            can_be_added -= ss.addresses.len();
        } else {
            ss.not_ready_addresses.truncate(to_be_added);
            can_be_added -= ss.not_ready_addresses.len();
        }
    }
    true
}

/// The Endpoints `syncService` would write for `svc` (without the trigger-time annotation):
/// the stored one (or a new one) with the packed subsets, the Service's labels plus the
/// headless label, and the capacity annotation.
fn desired_endpoints(
    svc: &Service,
    key: &Key,
    current: Option<&Endpoints>,
    subsets: Vec<EndpointSubset>,
) -> Endpoints {
    let mut ep = current.cloned().unwrap_or_else(|| Endpoints {
        api_version: "v1".to_string(),
        kind: "Endpoints".to_string(),
        ..Endpoints::default()
    });
    ep.metadata.name = key.1.clone();
    ep.metadata.namespace = key.0.clone();
    ep.subsets = subsets;
    let mut labels = (*svc.metadata.labels).clone();
    let ip = &svc.spec.cluster_ip;
    if ip.is_empty() || ip == "None" {
        labels.insert(LABEL_HEADLESS.to_string(), String::new());
    } else {
        labels.remove(LABEL_HEADLESS);
    }
    ep.metadata.labels = labels.into();
    if truncate_endpoints(&mut ep.subsets) {
        ep.metadata.annotations.insert(
            OVER_CAPACITY_ANNOTATION.to_string(),
            "truncated".to_string(),
        );
    } else {
        ep.metadata.annotations.remove(OVER_CAPACITY_ANNOTATION);
    }
    ep
}

/// Whether `a` and `b` are the same Endpoints but for the trigger-time annotation and the
/// order of subsets and their members.
fn same_endpoints(a: &Endpoints, b: &Endpoints) -> bool {
    let norm = |e: &Endpoints| {
        let mut e = e.clone();
        e.metadata.annotations.remove(TRIGGER_TIME_ANNOTATION);
        sort_subsets(&mut e.subsets);
        e
    };
    norm(a) == norm(b)
}

/// Syncs every Service with a selector; `true` when anything was written.
pub(super) fn sync_all(cluster: &mut Cluster) -> bool {
    let mut triggers = std::mem::take(&mut cluster.endpoints_triggers);
    triggers.retain_services(|k| cluster.store.services.contains_key(k));
    let writes: Vec<(Key, Endpoints)> = {
        let ix = Index::new(cluster);
        let mut writes = Vec::new();
        for (key, svc) in &cluster.store.services {
            let Some(selector) = synced_selector(svc) else {
                continue;
            };
            let pods = ix.selected_pods(&key.0, selector);
            let trigger = triggers.compute(key, svc, &pods);
            let subsets = desired_subsets(svc, &key.0, &pods);
            let current = cluster.store.endpoints.get(key);
            let mut want = desired_endpoints(svc, key, current, subsets);
            if current.is_some_and(|c| same_endpoints(c, &want)) {
                continue;
            }
            match trigger {
                Some(t) => {
                    want.metadata
                        .annotations
                        .insert(TRIGGER_TIME_ANNOTATION.to_string(), t);
                }
                None => {
                    want.metadata.annotations.remove(TRIGGER_TIME_ANNOTATION);
                }
            }
            writes.push((key.clone(), want));
        }
        writes
    };
    cluster.endpoints_triggers = triggers;
    let mut changed = false;
    for (key, mut ep) in writes {
        if !cluster.store.endpoints.contains_key(&key) {
            ep.metadata.uid = cluster.store.next_uid();
            ep.metadata.creation_timestamp = Some(cluster.clock.rfc3339());
        }
        changed |= put_endpoints(&mut cluster.store, key, ep);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(ip: &str, uid: &str) -> EndpointAddress {
        EndpointAddress {
            ip: ip.to_string(),
            target_ref: (!uid.is_empty()).then(|| ObjectReference {
                uid: uid.to_string(),
                ..ObjectReference::default()
            }),
            ..EndpointAddress::default()
        }
    }

    fn port(name: &str, n: i32) -> EndpointsPort {
        EndpointsPort {
            name: name.to_string(),
            port: n,
            protocol: "TCP".to_string(),
            app_protocol: None,
        }
    }

    fn ss(
        ready: &[(&str, &str)],
        not_ready: &[(&str, &str)],
        ports: &[(&str, i32)],
    ) -> EndpointSubset {
        EndpointSubset {
            addresses: ready.iter().map(|(i, u)| addr(i, u)).collect(),
            not_ready_addresses: not_ready.iter().map(|(i, u)| addr(i, u)).collect(),
            ports: ports.iter().map(|(n, p)| port(n, *p)).collect(),
        }
    }

    /// After pkg/api/v1/endpoints util_test.go TestPackSubsets (its case names where they
    /// match; the readiness cases follow `mapAddressByPort`): (name, input, expected).
    #[test]
    fn repack_subsets_cases() {
        type Case = (&'static str, Vec<EndpointSubset>, Vec<EndpointSubset>);
        let cases: Vec<Case> = vec![
            ("empty everything", vec![], vec![]),
            (
                "empty ports",
                vec![ss(&[("1.2.3.4", "")], &[], &[])],
                vec![ss(&[("1.2.3.4", "")], &[], &[])],
            ),
            (
                "empty ports, not ready",
                vec![ss(&[], &[("1.2.3.4", "")], &[])],
                vec![ss(&[], &[("1.2.3.4", "")], &[])],
            ),
            (
                "one set, one ip, one port",
                vec![ss(&[("1.2.3.4", "")], &[], &[("", 111)])],
                vec![ss(&[("1.2.3.4", "")], &[], &[("", 111)])],
            ),
            (
                "one set, two ips with the same target, one port: both kept",
                vec![ss(
                    &[("1.2.3.4", "uid-1"), ("1.2.3.5", "uid-1")],
                    &[],
                    &[("", 111)],
                )],
                vec![ss(
                    &[("1.2.3.4", "uid-1"), ("1.2.3.5", "uid-1")],
                    &[],
                    &[("", 111)],
                )],
            ),
            (
                "one set, dup ips, one port",
                vec![ss(&[("1.2.3.4", ""), ("1.2.3.4", "")], &[], &[("", 111)])],
                vec![ss(&[("1.2.3.4", "")], &[], &[("", 111)])],
            ),
            (
                "one set, dup ips with target-refs, one port: both kept",
                vec![ss(
                    &[("1.2.3.4", "uid-1"), ("1.2.3.4", "uid-2")],
                    &[],
                    &[("", 111)],
                )],
                vec![ss(
                    &[("1.2.3.4", "uid-1"), ("1.2.3.4", "uid-2")],
                    &[],
                    &[("", 111)],
                )],
            ),
            (
                "one set, one ip, dup ports",
                vec![ss(&[("1.2.3.4", "")], &[], &[("", 111), ("", 111)])],
                vec![ss(&[("1.2.3.4", "")], &[], &[("", 111)])],
            ),
            (
                "two sets, dup ip, dup port",
                vec![
                    ss(&[("1.2.3.4", "")], &[], &[("", 111)]),
                    ss(&[("1.2.3.4", "")], &[], &[("", 111)]),
                ],
                vec![ss(&[("1.2.3.4", "")], &[], &[("", 111)])],
            ),
            (
                "two sets, dup ip, two ports",
                vec![
                    ss(&[("1.2.3.4", "")], &[], &[("p1", 111)]),
                    ss(&[("1.2.3.4", "")], &[], &[("p2", 222)]),
                ],
                vec![ss(&[("1.2.3.4", "")], &[], &[("p1", 111), ("p2", 222)])],
            ),
            (
                "two sets, two ips, dup port",
                vec![
                    ss(&[("1.2.3.4", "")], &[], &[("", 111)]),
                    ss(&[("5.6.7.8", "")], &[], &[("", 111)]),
                ],
                vec![ss(&[("1.2.3.4", ""), ("5.6.7.8", "")], &[], &[("", 111)])],
            ),
            (
                "two sets, two ips, two ports",
                vec![
                    ss(&[("1.2.3.4", "")], &[], &[("", 111)]),
                    ss(&[("5.6.7.8", "")], &[], &[("", 222)]),
                ],
                vec![
                    ss(&[("1.2.3.4", "")], &[], &[("", 111)]),
                    ss(&[("5.6.7.8", "")], &[], &[("", 222)]),
                ],
            ),
            (
                "not ready wins over ready for the same port",
                vec![
                    ss(&[("1.2.3.4", "")], &[], &[("", 111)]),
                    ss(&[], &[("1.2.3.4", "")], &[("", 111)]),
                ],
                vec![ss(&[], &[("1.2.3.4", "")], &[("", 111)])],
            ),
            (
                "ready and not ready addresses of one port set stay in one subset",
                vec![
                    ss(&[("1.2.3.4", "")], &[], &[("", 111)]),
                    ss(&[], &[("5.6.7.8", "")], &[("", 111)]),
                ],
                vec![ss(&[("1.2.3.4", "")], &[("5.6.7.8", "")], &[("", 111)])],
            ),
        ];
        for (name, input, want) in cases {
            assert_eq!(repack_subsets(&input), want, "{name}");
        }
    }

    /// `truncateEndpoints` (endpoints_controller.go; cf. endpoints_controller_test.go
    /// TestTruncateEndpoints): (ready, not ready) per subset, before and after.
    #[test]
    fn truncate_endpoints_cases() {
        let mk = |counts: &[(usize, usize)]| -> Vec<EndpointSubset> {
            counts
                .iter()
                .enumerate()
                .map(|(i, (r, n))| EndpointSubset {
                    addresses: (0..*r)
                        .map(|j| addr(&format!("10.{i}.0.{j}"), ""))
                        .collect(),
                    not_ready_addresses: (0..*n)
                        .map(|j| addr(&format!("10.{i}.1.{j}"), ""))
                        .collect(),
                    ports: vec![port("", 80)],
                })
                .collect()
        };
        let count = |s: &[EndpointSubset]| -> Vec<(usize, usize)> {
            s.iter()
                .map(|x| (x.addresses.len(), x.not_ready_addresses.len()))
                .collect()
        };
        type Counts = Vec<(usize, usize)>;
        let cases: [(&str, Counts, Counts, bool); 5] = [
            (
                "single subset under limit",
                vec![(800, 0)],
                vec![(800, 0)],
                false,
            ),
            (
                "single subset over limit",
                vec![(1200, 0)],
                vec![(1000, 0)],
                true,
            ),
            (
                "single subset ready over limit, not ready dropped",
                vec![(1100, 200)],
                vec![(1000, 0)],
                true,
            ),
            (
                "multiple subsets, not ready truncated proportionally",
                vec![(500, 200), (200, 300)],
                vec![(500, 120), (200, 180)],
                true,
            ),
            (
                "multiple subsets, ready over limit",
                vec![(900, 100), (600, 0)],
                vec![(600, 0), (400, 0)],
                true,
            ),
        ];
        for (name, before, after, cut) in cases {
            let mut s = mk(&before);
            assert_eq!(truncate_endpoints(&mut s), cut, "{name}");
            assert_eq!(count(&s), after, "{name}");
        }
    }
}
