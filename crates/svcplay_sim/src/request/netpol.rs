//! NetworkPolicy enforcement on a simulated connection, as a policy-enforcing CNI does it:
//! a connection from A to B (B's address and port after kube-proxy's DNAT) passes when A's
//! egress allows it (if any policy with `Egress` in `policyTypes` selects A) and B's ingress
//! allows it (if any policy with `Ingress` selects B). Policies are additive; a pod no policy
//! selects for a direction is not isolated in it.
//!
//! Peers: `podSelector` alone selects pods of the policy's namespace, `namespaceSelector` alone
//! every pod of the selected namespaces (by Namespace labels, `kubernetes.io/metadata.name`
//! included), both together the pods matching both; `ipBlock` matches the address the packet
//! carries (the source the destination pod sees, after any SNAT). Named ports are looked up in
//! the destination pod's container ports.
//!
//! Documented exceptions (kubernetes.io "Network Policies"): a pod can always reach itself, and
//! traffic between a pod and the node it runs on is always allowed. svcplay's assumptions:
//! hostNetwork pods are neither selected by policies nor matched by selector peers (they are
//! their node's address); `ipBlock` also matches pod IPs (as Calico and Cilium do; the API
//! leaves it to the implementation).

use std::net::IpAddr;

use svcplay_model::net::Cidr;
use svcplay_model::types::{
    IntOrString, IpBlock, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Pod, StringMap,
};
use svcplay_model::validation::ip::parse_cidr_sloppy;
use svcplay_model::validation::meta::selector_matches;

use crate::Cluster;

/// One end of a connection: its address, and the pod behind it (if any, not hostNetwork).
#[derive(Clone, Copy)]
pub(super) struct End<'c> {
    pub(super) ip: IpAddr,
    pub(super) pod: Option<&'c Pod>,
}

fn ns_of(ns: &str) -> &str {
    if ns.is_empty() { "default" } else { ns }
}

fn policy_name(p: &NetworkPolicy) -> String {
    format!("{}/{}", ns_of(&p.metadata.namespace), p.metadata.name)
}

/// Policies of `pod`'s namespace selecting it for `direction` (`Ingress` or `Egress`).
fn selecting<'c>(cluster: &'c Cluster, pod: &Pod, direction: &str) -> Vec<&'c NetworkPolicy> {
    if pod.spec.host_network {
        return Vec::new();
    }
    let ns = ns_of(&pod.metadata.namespace);
    cluster
        .store
        .network_policies
        .iter()
        .filter(|((pns, _), p)| {
            ns_of(pns) == ns
                && p.spec.policy_types.iter().any(|t| t == direction)
                && selector_matches(&p.spec.pod_selector, &pod.metadata.labels)
        })
        .map(|(_, p)| p)
        .collect()
}

fn namespace_labels(cluster: &Cluster, ns: &str) -> StringMap {
    let mut labels = cluster
        .store
        .namespaces
        .get(ns)
        .map(|n| (*n.metadata.labels).clone())
        .unwrap_or_default();
    // The apiserver always sets this label; a namespace svcplay has not stored still has it.
    if !labels.contains_key("kubernetes.io/metadata.name") {
        labels.insert("kubernetes.io/metadata.name".to_string(), ns.to_string());
    }
    labels
}

fn in_block(b: &IpBlock, ip: IpAddr) -> bool {
    let cidr = |s: &str| {
        parse_cidr_sloppy(s).map(|c| Cidr {
            addr: c.ip,
            prefix: c.prefix,
        })
    };
    cidr(&b.cidr).is_some_and(|c| c.contains(ip))
        && !b
            .except
            .iter()
            .any(|e| cidr(e).is_some_and(|c| c.contains(ip)))
}

fn peer_matches(
    cluster: &Cluster,
    policy: &NetworkPolicy,
    peer: &NetworkPolicyPeer,
    end: End,
) -> bool {
    if let Some(b) = &peer.ip_block {
        return in_block(b, end.ip);
    }
    let Some(pod) = end.pod else {
        return false;
    };
    let pod_ns = ns_of(&pod.metadata.namespace);
    let ns_ok = match &peer.namespace_selector {
        Some(sel) => selector_matches(sel, &namespace_labels(cluster, pod_ns)),
        None => pod_ns == ns_of(&policy.metadata.namespace),
    };
    ns_ok
        && peer
            .pod_selector
            .as_ref()
            .is_none_or(|sel| selector_matches(sel, &pod.metadata.labels))
}

/// Whether a rule port admits `port`/`protocol` on `dst` (named ports resolved in `dst`).
fn port_matches(p: &NetworkPolicyPort, dst: Option<&Pod>, port: u16, protocol: &str) -> bool {
    let proto = p.protocol.as_deref().unwrap_or("TCP");
    if !proto.eq_ignore_ascii_case(protocol) {
        return false;
    }
    match &p.port {
        None => true,
        Some(IntOrString::Int(n)) => {
            let end = p.end_port.unwrap_or(*n);
            (*n..=end).contains(&i32::from(port))
        }
        Some(IntOrString::String(name)) => dst.is_some_and(|pod| {
            pod.spec
                .containers
                .iter()
                .chain(pod.spec.init_containers.iter())
                .flat_map(|c| &c.ports)
                .any(|cp| {
                    &cp.name == name
                        && cp.container_port == i32::from(port)
                        && (if cp.protocol.is_empty() {
                            "TCP"
                        } else {
                            &cp.protocol
                        })
                        .eq_ignore_ascii_case(protocol)
                })
        }),
    }
}

fn ports_match(ports: &[NetworkPolicyPort], dst: Option<&Pod>, port: u16, protocol: &str) -> bool {
    ports.is_empty() || ports.iter().any(|p| port_matches(p, dst, port, protocol))
}

fn describe(end: End) -> String {
    match end.pod {
        Some(p) => format!(
            "{} (pod {}/{})",
            end.ip,
            ns_of(&p.metadata.namespace),
            p.metadata.name
        ),
        None => end.ip.to_string(),
    }
}

fn denial(
    policies: &[&NetworkPolicy],
    pod: &Pod,
    direction: &str,
    other: End,
    port: u16,
    protocol: &str,
) -> String {
    let names: Vec<String> = policies.iter().map(|p| policy_name(p)).collect();
    let (which, rule) = if names.len() == 1 {
        (
            format!("NetworkPolicy {}", names[0]),
            format!("no {} rule", direction.to_lowercase()),
        )
    } else {
        (
            format!("NetworkPolicies {}", names.join(", ")),
            format!("none of their {} rules", direction.to_lowercase()),
        )
    };
    format!(
        "{which} {} pod {} for {direction} and {rule} allows {} on {}/{port}",
        if names.len() == 1 {
            "selects"
        } else {
            "select"
        },
        pod.metadata.name,
        describe(other),
        protocol.to_uppercase()
    )
}

fn same_node(cluster: &Cluster, pod: &Pod, ip: IpAddr) -> bool {
    cluster
        .store
        .nodes
        .get(&pod.spec.node_name)
        .is_some_and(|n| {
            n.status
                .addresses
                .iter()
                .any(|a| a.address.parse::<IpAddr>() == Ok(ip))
        })
}

/// Why `src`'s egress policies drop a connection to `dst:port/protocol`; `None` if they allow it.
pub(super) fn egress_denied(
    cluster: &Cluster,
    src: End,
    dst: End,
    port: u16,
    protocol: &str,
) -> Option<String> {
    let pod = src.pod?;
    if dst.ip == src.ip || same_node(cluster, pod, dst.ip) {
        return None;
    }
    let policies = selecting(cluster, pod, "Egress");
    if policies.is_empty() {
        return None;
    }
    let allowed = policies.iter().any(|pol| {
        pol.spec.egress.iter().any(|r| {
            ports_match(&r.ports, dst.pod, port, protocol)
                && (r.to.is_empty()
                    || r.to
                        .iter()
                        .any(|peer| peer_matches(cluster, pol, peer, dst)))
        })
    });
    (!allowed).then(|| denial(&policies, pod, "Egress", dst, port, protocol))
}

/// Why `dst`'s ingress policies drop a connection from `src` (the source `dst` sees) to
/// `port/protocol`; `None` if they allow it.
pub(super) fn ingress_denied(
    cluster: &Cluster,
    src: End,
    dst: End,
    port: u16,
    protocol: &str,
) -> Option<String> {
    let pod = dst.pod?;
    if src.ip == dst.ip || src.ip.is_loopback() || same_node(cluster, pod, src.ip) {
        return None;
    }
    let policies = selecting(cluster, pod, "Ingress");
    if policies.is_empty() {
        return None;
    }
    let allowed = policies.iter().any(|pol| {
        pol.spec.ingress.iter().any(|r| {
            ports_match(&r.ports, Some(pod), port, protocol)
                && (r.from.is_empty()
                    || r.from
                        .iter()
                        .any(|peer| peer_matches(cluster, pol, peer, src)))
        })
    });
    (!allowed).then(|| denial(&policies, pod, "Ingress", src, port, protocol))
}

/// The pod (not hostNetwork) with address `ip`.
pub(super) fn pod_with_ip(cluster: &Cluster, ip: IpAddr) -> Option<&Pod> {
    cluster.store.pods.values().find(|p| {
        !p.spec.host_network
            && (p.status.pod_ip.parse::<IpAddr>() == Ok(ip)
                || p.status
                    .pod_ips
                    .iter()
                    .any(|x| x.ip.parse::<IpAddr>() == Ok(ip)))
    })
}

/// Why a pod's DNS queries (UDP/53 to the `kube-system/kube-dns` Service, DNATed to a CoreDNS
/// pod) are all dropped by NetworkPolicies; `None` when at least one CoreDNS pod is reachable,
/// or when there is no CoreDNS pod to judge by.
pub(super) fn dns_denied(
    cluster: &Cluster,
    client_ip: IpAddr,
    client_pod: Option<&Pod>,
) -> Option<String> {
    let pod = client_pod.filter(|p| !p.spec.host_network)?;
    let svc = cluster
        .store
        .services
        .get(&("kube-system".to_string(), "kube-dns".to_string()))?;
    let selector = svc.spec.selector.as_ref()?;
    if selector.is_empty() {
        return None;
    }
    let client = End {
        ip: client_ip,
        pod: Some(pod),
    };
    let mut first = None;
    for ((ns, _), p) in cluster.store.pods.iter() {
        if ns != "kube-system"
            || !selector
                .iter()
                .all(|(k, v)| p.metadata.labels.get(k) == Some(v))
        {
            continue;
        }
        let Ok(ip) = p.status.pod_ip.parse::<IpAddr>() else {
            continue;
        };
        let dst = End { ip, pod: Some(p) };
        let why = egress_denied(cluster, client, dst, 53, "UDP")
            .or_else(|| ingress_denied(cluster, client, dst, 53, "UDP"));
        match why {
            None => return None,
            Some(w) => {
                first.get_or_insert(w);
            }
        }
    }
    first
}
