//! The EndpointSlice controller (`staging/src/k8s.io/endpointslice/reconciler.go`, `utils.go`,
//! `util/controller_utils.go`; `pkg/controller/endpointslice/endpointslice_controller.go`
//! `syncService`).
//!
//! Per Service with a selector (not ExternalName): the pods of its namespace whose labels carry
//! the selector become endpoints (`podToEndpoint`), grouped by address type and by the list of
//! ports they resolve to, at most 100 per slice. Existing slices are updated in place (names stay
//! stable), emptied ones reused for new endpoints before anything is created, and a Service with
//! no endpoints gets one placeholder slice. Slices written by anyone else (no
//! `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`) are left alone.
//!
//! Order: upstream fills slices from a hash set, so endpoint order is unspecified. Here desired
//! endpoints are taken in pod name order and every written slice lists its endpoints sorted by
//! pod name (then address), so output is stable and readable.

use std::collections::BTreeMap;

use svcplay_model::fxhash::{HashMap, HashSet};

use svcplay_model::types::{
    Endpoint, EndpointConditions, EndpointPort, EndpointSlice, IntOrString, Node, ObjectReference,
    Pod, Service, ServicePort, StringMap,
};

use super::{
    condition, generate_name, is_pod_ready, map_selector_matches, new_controller_ref,
    put_endpoint_slice, unix_seconds,
};
use crate::Cluster;
use crate::store::Key;

/// `discovery.LabelServiceName`.
pub const LABEL_SERVICE_NAME: &str = "kubernetes.io/service-name";
/// `discovery.LabelManagedBy`.
pub const LABEL_MANAGED_BY: &str = "endpointslice.kubernetes.io/managed-by";
/// The controller's name as written in the managed-by label (`ControllerName`).
pub const MANAGED_BY_VALUE: &str = "endpointslice-controller.k8s.io";
/// `v1.IsHeadlessService`.
pub const LABEL_HEADLESS: &str = "service.kubernetes.io/headless";
/// `--max-endpoints-per-slice` default (`RecommendedDefaultEndpointSliceControllerConfiguration`).
pub const MAX_ENDPOINTS_PER_SLICE: usize = 100;
const ZONE_LABEL: &str = "topology.kubernetes.io/zone";
/// `v1.EndpointsLastChangeTriggerTime`.
pub const TRIGGER_TIME_ANNOTATION: &str = "endpoints.kubernetes.io/last-change-trigger-time";

/// What the controller's `TriggerTimeTracker` (`endpointsliceutil`) remembers of each Service's
/// last sync: the Service's creation time and the Ready transition time of each selected pod.
#[derive(Debug, Clone, Default)]
pub struct TriggerTimes {
    services: HashMap<Key, SeenTriggers>,
}

/// Times as Unix seconds ([`ZERO_TIME`] for none). Pods are kept by a 64-bit hash of their name,
/// sorted, so that a 150,000-pod cluster costs 16 bytes a pod.
#[derive(Debug, Clone, Default)]
struct SeenTriggers {
    service: i64,
    pods: Vec<(u64, i64)>,
}

/// Go's zero `time.Time`: before every other time.
const ZERO_TIME: i64 = i64::MIN;

/// A time as [`SeenTriggers`] keeps it: Unix seconds, or [`ZERO_TIME`] when absent or unreadable.
fn trigger_seconds(t: Option<&str>) -> i64 {
    t.and_then(unix_seconds).unwrap_or(ZERO_TIME)
}

/// Keeps the earlier of `earliest` and `(t, text)`.
fn keep_earliest<'a>(earliest: &mut Option<(i64, &'a str)>, t: i64, text: &'a str) {
    if earliest.is_none_or(|(e, _)| t < e) {
        *earliest = Some((t, text));
    }
}

fn name_hash(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    name.hash(&mut h);
    h.finish()
}

impl TriggerTimes {
    /// Forgets the Services `keep` says no to (`DeleteService`).
    pub(super) fn retain_services(&mut self, mut keep: impl FnMut(&Key) -> bool) {
        self.services.retain(|k, _| keep(k));
    }

    /// `ComputeEndpointLastChangeTriggerTime`: for a Service not seen before, its creation time;
    /// otherwise the earliest trigger time (a pod's Ready transition, the Service's creation)
    /// that moved since the last sync, or `None` when none did. Records what it saw.
    pub(super) fn compute(&mut self, key: &Key, svc: &Service, pods: &[&Pod]) -> Option<String> {
        let seen = self.services.get(key);
        let created = svc.metadata.creation_timestamp.as_deref();
        let mut earliest: Option<(i64, &str)> = None;
        let mut now = SeenTriggers {
            service: trigger_seconds(created),
            pods: Vec::with_capacity(pods.len()),
        };
        for pod in pods {
            let text = condition(&pod.status.conditions, "Ready")
                .and_then(|c| c.last_transition_time.as_deref());
            let t = trigger_seconds(text);
            if t == ZERO_TIME {
                continue;
            }
            let name = name_hash(&pod.metadata.name);
            let last = seen
                .and_then(|s| {
                    s.pods
                        .binary_search_by_key(&name, |p| p.0)
                        .ok()
                        .map(|i| s.pods[i].1)
                })
                .unwrap_or(ZERO_TIME);
            if t > last {
                keep_earliest(&mut earliest, t, text.unwrap_or_default());
            }
            now.pods.push((name, t));
        }
        if now.service > seen.map_or(ZERO_TIME, |s| s.service) {
            keep_earliest(&mut earliest, now.service, created.unwrap_or_default());
        }
        let first_sync = seen.is_none();
        let earliest = earliest.map(|(_, text)| text.to_string());
        svcplay_model::slice::sort_by_key(&mut now.pods, |p| p.0);
        self.services.insert(key.clone(), now);
        if first_sync {
            created
                .filter(|t| trigger_seconds(Some(t)) != ZERO_TIME)
                .map(String::from)
        } else {
            earliest
        }
    }
}

/// `addTriggerTimeAnnotation`: the trigger time on a slice being written, or no annotation when
/// this sync has none.
fn set_trigger_time(slice: &mut EndpointSlice, trigger: Option<&String>) {
    match trigger {
        Some(t) => {
            slice
                .metadata
                .annotations
                .insert(TRIGGER_TIME_ANNOTATION.to_string(), t.clone());
        }
        None => {
            slice.metadata.annotations.remove(TRIGGER_TIME_ANNOTATION);
        }
    }
}

fn is_managed(slice: &EndpointSlice) -> bool {
    slice
        .metadata
        .labels
        .get(LABEL_MANAGED_BY)
        .map(String::as_str)
        == Some(MANAGED_BY_VALUE)
}

/// `ownedBy`: an ownerReference with the Service's UID, kind `Service` and apiVersion `v1`.
fn owned_by(slice: &EndpointSlice, svc: &Service) -> bool {
    slice
        .metadata
        .owner_references
        .iter()
        .any(|r| r.uid == svc.metadata.uid && r.kind == "Service" && r.api_version == "v1")
}

/// `ShouldPodBeInEndpoints(pod, includeTerminating=true)`: not terminal and has an IP.
/// Terminating pods stay (with `terminating: true`).
pub(crate) fn should_pod_be_in_endpoints(pod: &Pod) -> bool {
    let terminal = matches!(pod.status.phase.as_str(), "Succeeded" | "Failed");
    let has_ip = !pod.status.pod_ip.is_empty() || !pod.status.pod_ips.is_empty();
    !terminal && has_ip
}

/// `ShouldSetHostname`: the pod names a hostname and its subdomain is this Service.
pub(super) fn should_set_hostname(pod: &Pod, svc: &Service, pod_ns: &str, svc_ns: &str) -> bool {
    !pod.spec.hostname.is_empty() && pod.spec.subdomain == svc.metadata.name && pod_ns == svc_ns
}

/// The address types of the Service's slices (`getAddressTypesForService`): its `ipFamilies`;
/// failing that the family of its ClusterIP; a headless Service without families gets both.
pub(crate) fn address_types(svc: &Service) -> Vec<String> {
    let mut out: Vec<String> = svc
        .spec
        .ip_families
        .iter()
        .filter(|f| *f == "IPv4" || *f == "IPv6")
        .cloned()
        .collect();
    out.dedup();
    if !out.is_empty() {
        return out;
    }
    let ip = &svc.spec.cluster_ip;
    if !ip.is_empty() && ip != "None" {
        let v6 = ip.parse::<std::net::IpAddr>().is_ok_and(|a| a.is_ipv6());
        return vec![if v6 { "IPv6" } else { "IPv4" }.to_string()];
    }
    vec!["IPv4".to_string(), "IPv6".to_string()]
}

/// A pod IP as `getEndpointAddresses` reads it: parsed sloppily (IPv4 octets with leading zeros
/// are decimal), an IPv4-mapped IPv6 address counting as IPv4 (Go's `To4`). Unparsable: `None`.
fn pod_ip(s: &str) -> Option<std::net::IpAddr> {
    use std::net::IpAddr;
    crate::proxy::model::parse_ip_sloppy(s).map(|ip| match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    })
}

/// The pod's IPs (`podIPs`, else `podIP`) of one family, in canonical form
/// (`getEndpointAddresses` re-prints every IP: `1234::5678:0000:0000:9abc:def0` becomes
/// `1234::5678:0:0:9abc:def0`, `010.001.002.003` becomes `10.1.2.3`).
fn addresses(pod: &Pod, address_type: &str) -> Vec<String> {
    // Room for every IP the pod lists (one, typically), not the four `collect` would reserve.
    let ips = family_ips(pod, address_type);
    let mut out = Vec::with_capacity(ips.size_hint().1.unwrap_or(0));
    out.extend(ips.map(|ip| ip.to_string()));
    out
}

/// The parsed pod IPs of one family, in `podIPs` order (`podIP` when `podIPs` is empty).
fn family_ips<'a>(
    pod: &'a Pod,
    address_type: &'a str,
) -> impl Iterator<Item = std::net::IpAddr> + 'a {
    let single = pod
        .status
        .pod_ips
        .is_empty()
        .then_some(pod.status.pod_ip.as_str());
    pod.status
        .pod_ips
        .iter()
        .map(|i| i.ip.as_str())
        .chain(single)
        .filter_map(pod_ip)
        .filter(move |a| a.is_ipv6() == (address_type == "IPv6"))
}

/// Whether `text` is exactly the canonical rendering of `ip`, without allocating.
fn is_canonical(text: &str, ip: std::net::IpAddr) -> bool {
    use std::fmt::Write;
    /// A fixed buffer big enough for any IP's text form.
    struct Buf {
        bytes: [u8; 64],
        len: usize,
    }
    impl Write for Buf {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            let end = self.len + s.len();
            let dst = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
            dst.copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut buf = Buf {
        bytes: [0; 64],
        len: 0,
    };
    write!(buf, "{ip}").is_ok() && buf.bytes.get(..buf.len) == Some(text.as_bytes())
}

/// `podToEndpoint`.
pub(crate) fn pod_to_endpoint(
    pod: &Pod,
    pod_ns: &str,
    node: Option<&Node>,
    svc: &Service,
    svc_ns: &str,
    address_type: &str,
) -> Endpoint {
    let serving = is_pod_ready(pod);
    let terminating = pod.metadata.deletion_timestamp.is_some();
    let ready = svc.spec.publish_not_ready_addresses || (serving && !terminating);
    Endpoint {
        addresses: addresses(pod, address_type),
        conditions: EndpointConditions {
            ready: Some(ready),
            serving: Some(serving),
            terminating: Some(terminating),
        },
        hostname: should_set_hostname(pod, svc, pod_ns, svc_ns).then(|| pod.spec.hostname.clone()),
        target_ref: Some(ObjectReference {
            kind: "Pod".to_string(),
            namespace: pod_ns.to_string(),
            name: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
            ..ObjectReference::default()
        }),
        node_name: (!pod.spec.node_name.is_empty()).then(|| pod.spec.node_name.clone()),
        zone: node.and_then(|n| n.metadata.labels.get(ZONE_LABEL).cloned()),
        hints: None,
        deprecated_topology: Default::default(),
    }
}

/// Whether `ep` is exactly what [`pod_to_endpoint`] would build for these arguments, without
/// building it.
fn endpoint_equals(
    pod: &Pod,
    pod_ns: &str,
    node: Option<&Node>,
    svc: &Service,
    svc_ns: &str,
    address_type: &str,
    ep: &Endpoint,
) -> bool {
    let serving = is_pod_ready(pod);
    let terminating = pod.metadata.deletion_timestamp.is_some();
    let ready = svc.spec.publish_not_ready_addresses || (serving && !terminating);
    let conditions = EndpointConditions {
        ready: Some(ready),
        serving: Some(serving),
        terminating: Some(terminating),
    };
    let hostname = should_set_hostname(pod, svc, pod_ns, svc_ns).then_some(&pod.spec.hostname);
    let node_name = (!pod.spec.node_name.is_empty()).then_some(&pod.spec.node_name);
    let zone = node.and_then(|n| n.metadata.labels.get(ZONE_LABEL));
    ep.conditions == conditions
        && ep.hints.is_none()
        && ep.hostname.as_ref() == hostname
        && ep.node_name.as_ref() == node_name
        && ep.zone.as_ref() == zone
        && ep.target_ref.as_ref().is_some_and(|t| {
            t.kind == "Pod"
                && t.namespace == pod_ns
                && t.name == pod.metadata.name
                && t.uid == pod.metadata.uid
        })
        && addresses_equal(pod, address_type, &ep.addresses)
}

/// Whether `addrs` equals [`addresses`]`(pod, address_type)` (no allocation: this runs for
/// every endpoint of every pass).
fn addresses_equal(pod: &Pod, address_type: &str, addrs: &[String]) -> bool {
    let mut want = family_ips(pod, address_type);
    let mut have = addrs.iter();
    loop {
        match (want.next(), have.next()) {
            (None, None) => return true,
            (Some(w), Some(h)) if is_canonical(h, w) => {}
            _ => return false,
        }
    }
}

fn protocol_or_tcp(p: &str) -> &str {
    if p.is_empty() { "TCP" } else { p }
}

/// `podutil.FindPort`: an int targetPort as is; a name resolves to the first container port with
/// that name and the Service port's protocol, regular containers first, then sidecars
/// (`initContainers` with `restartPolicy: Always`).
pub(crate) fn find_port(pod: &Pod, sp: &ServicePort) -> Option<i32> {
    match &sp.target_port {
        None => Some(sp.port),
        Some(IntOrString::Int(0)) => Some(sp.port),
        Some(IntOrString::Int(n)) => Some(*n),
        Some(IntOrString::String(name)) => {
            let proto = protocol_or_tcp(&sp.protocol);
            let sidecars = pod
                .spec
                .init_containers
                .iter()
                .filter(|c| c.restart_policy.as_deref() == Some("Always"));
            pod.spec
                .containers
                .iter()
                .chain(sidecars)
                .flat_map(|c| c.ports.iter())
                .find(|p| p.name == *name && protocol_or_tcp(&p.protocol) == proto)
                .map(|p| p.container_port)
        }
    }
}

/// `getEndpointPorts`: one port per Service port that resolves for this pod, in Service order.
pub(crate) fn endpoint_ports(svc: &Service, pod: &Pod) -> Vec<EndpointPort> {
    svc.spec
        .ports
        .iter()
        .filter_map(|sp| {
            find_port(pod, sp).map(|n| EndpointPort {
                name: Some(sp.name.clone()),
                protocol: Some(protocol_or_tcp(&sp.protocol).to_string()),
                port: Some(n),
                app_protocol: sp.app_protocol.clone(),
            })
        })
        .collect()
}

/// The slice labels (`setEndpointSliceLabels`): the Service's labels minus the reserved keys,
/// plus service-name, managed-by and, for a Service without a ClusterIP, the headless label.
fn slice_labels(svc: &Service) -> svcplay_model::types::Shared<StringMap> {
    let mut l: StringMap = svc
        .metadata
        .labels
        .iter()
        .filter(|(k, _)| {
            ![LABEL_SERVICE_NAME, LABEL_MANAGED_BY, LABEL_HEADLESS].contains(&k.as_str())
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if svc.spec.cluster_ip.is_empty() || svc.spec.cluster_ip == "None" {
        l.insert(LABEL_HEADLESS.to_string(), String::new());
    }
    l.insert(LABEL_SERVICE_NAME.to_string(), svc.metadata.name.clone());
    l.insert(LABEL_MANAGED_BY.to_string(), MANAGED_BY_VALUE.to_string());
    l.into()
}

/// `newEndpointSlice` without a name yet (the API server fills `generateName`).
fn new_slice(
    svc: &Service,
    ns: &str,
    ports: Vec<EndpointPort>,
    address_type: &str,
) -> EndpointSlice {
    let mut s = EndpointSlice {
        api_version: "discovery.k8s.io/v1".to_string(),
        kind: "EndpointSlice".to_string(),
        address_type: address_type.to_string(),
        ports,
        ..EndpointSlice::default()
    };
    s.metadata.generate_name = format!("{}-", svc.metadata.name);
    s.metadata.namespace = ns.to_string();
    s.metadata.labels = slice_labels(svc);
    s.metadata.owner_references = vec![new_controller_ref("v1", "Service", &svc.metadata)].into();
    s
}

/// Identity of an endpoint across syncs (`hashEndpoint`: addresses, hostname, target).
pub(super) fn endpoint_key(ep: &Endpoint) -> (String, Vec<String>, Option<String>) {
    let mut a = ep.addresses.clone();
    svcplay_model::slice::sort(&mut a);
    (
        ep.target_ref
            .as_ref()
            .map(|t| format!("{}/{}", t.namespace, t.name))
            .unwrap_or_default(),
        a,
        ep.hostname.clone(),
    )
}

fn port_key(ports: &[EndpointPort]) -> Vec<EndpointPort> {
    let mut p = ports.to_vec();
    svcplay_model::slice::sort(&mut p);
    p
}

#[derive(Debug, Default)]
struct Plan {
    create: Vec<EndpointSlice>,
    update: Vec<EndpointSlice>,
    delete: Vec<EndpointSlice>,
}

/// `reconcileByPortMapping`: keep desired endpoints where they are, drop stale ones, then place
/// the rest into slices already being updated (fullest first), then into the unchanged slice
/// that fits them most tightly, then into new slices.
fn reconcile_by_port_mapping(
    svc: &Service,
    ns: &str,
    address_type: &str,
    mut existing: Vec<EndpointSlice>,
    ports: &[EndpointPort],
    desired: Vec<Endpoint>,
    plan: &mut Plan,
) {
    let mut updates: Vec<EndpointSlice> = Vec::new();
    let mut unchanged: Vec<EndpointSlice> = Vec::new();
    let mut queue: std::collections::VecDeque<Endpoint> = if existing.is_empty() {
        // Nothing to keep in place, and the desired endpoints (one per pod) are all distinct:
        // they go into new slices in order.
        desired.into()
    } else {
        let labels = slice_labels(svc);
        // Looked up by key only (`order` keeps the order): a hash map, smaller code than a B-tree.
        let mut remaining: HashMap<(String, Vec<String>, Option<String>), Endpoint> =
            HashMap::default();
        let mut order: Vec<(String, Vec<String>, Option<String>)> = Vec::new();
        for ep in desired {
            let k = endpoint_key(&ep);
            if remaining.insert(k.clone(), ep).is_none() {
                order.push(k);
            }
        }
        svcplay_model::slice::sort_by(&mut existing, |a, b| a.metadata.name.cmp(&b.metadata.name));
        for mut slice in existing {
            let mut needs_update = false;
            let mut kept = Vec::new();
            for ep in &slice.endpoints {
                match remaining.remove(&endpoint_key(ep)) {
                    Some(d) => {
                        needs_update |= d != *ep;
                        kept.push(d);
                    }
                    None => needs_update = true,
                }
            }
            needs_update |= slice.metadata.labels != labels;
            if kept.is_empty() {
                plan.delete.push(slice);
            } else if needs_update {
                slice.endpoints = kept;
                slice.metadata.labels = labels.clone();
                slice.ports = ports.to_vec();
                updates.push(slice);
            } else {
                unchanged.push(slice);
            }
        }
        order
            .into_iter()
            .filter_map(|k| remaining.remove(&k))
            .collect()
    };
    if !queue.is_empty() {
        svcplay_model::slice::sort_by_key(&mut updates, |s| std::cmp::Reverse(s.endpoints.len()));
        for s in &mut updates {
            let room = MAX_ENDPOINTS_PER_SLICE.saturating_sub(s.endpoints.len());
            s.endpoints.reserve_exact(room.min(queue.len()));
            while s.endpoints.len() < MAX_ENDPOINTS_PER_SLICE {
                let Some(ep) = queue.pop_front() else { break };
                s.endpoints.push(ep);
            }
        }
    }
    while !queue.is_empty() {
        let mut target: Option<(EndpointSlice, bool)> = None;
        if queue.len() < MAX_ENDPOINTS_PER_SLICE && !unchanged.is_empty() {
            // getSliceToFill: the unchanged slice left with the least room after taking them all.
            let best = unchanged
                .iter()
                .enumerate()
                .filter(|(_, s)| s.endpoints.len() + queue.len() <= MAX_ENDPOINTS_PER_SLICE)
                .max_by_key(|(_, s)| s.endpoints.len())
                .map(|(i, _)| i);
            if let Some(i) = best {
                target = Some((unchanged.remove(i), false));
            }
        }
        let (mut slice, is_new) =
            target.unwrap_or_else(|| (new_slice(svc, ns, ports.to_vec(), address_type), true));
        // Grown once to what it takes, not doubled as it fills.
        let room = MAX_ENDPOINTS_PER_SLICE.saturating_sub(slice.endpoints.len());
        slice.endpoints.reserve_exact(room.min(queue.len()));
        while slice.endpoints.len() < MAX_ENDPOINTS_PER_SLICE {
            let Some(ep) = queue.pop_front() else { break };
            slice.endpoints.push(ep);
        }
        if is_new {
            plan.create.push(slice);
        } else {
            updates.push(slice);
        }
    }
    plan.update.extend(updates);
}

/// Whether `slice` is an (old) placeholder: no ports, no endpoints.
fn is_placeholder(slice: &EndpointSlice) -> bool {
    slice.ports.is_empty() && slice.endpoints.is_empty()
}

/// Whether the general reconciliation below would plan nothing for this Service: every
/// existing slice is owned, of a wanted address type, labelled as wanted, non-empty, has the one
/// port mapping all its pods resolve to, and holds exactly the endpoints the pods call for, each
/// once. A cheap check without building endpoints; `false` whenever unsure.
fn in_sync(ix: &Index<'_>, ns: &str, svc: &Service, types: &[String], pods: &[&Pod]) -> bool {
    let existing: &[&EndpointSlice] = ix
        .slices
        .get(&(ns, svc.metadata.name.as_str()))
        .map_or(&[], Vec::as_slice);
    if existing.is_empty() {
        return false;
    }
    let labels = slice_labels(svc);
    for s in existing {
        let owned = owned_by(s, svc);
        if !owned
            || !types.contains(&s.address_type)
            || s.endpoints.is_empty()
            || s.metadata.labels != labels
        {
            return false;
        }
    }
    // Existing endpoints by pod name; each pod's endpoint must appear exactly once.
    let by_name: HashMap<&str, &Pod> = pods
        .iter()
        .map(|p| (p.metadata.name.as_str(), *p))
        .collect();
    let mut first_ports: Option<Vec<Option<i32>>> = None;
    for address_type in types {
        let mut wanted = 0usize;
        for pod in pods {
            if !should_pod_be_in_endpoints(pod) {
                continue;
            }
            let node = ix.nodes.get(pod.spec.node_name.as_str()).copied();
            if node.is_none() && !svc.spec.publish_not_ready_addresses {
                continue;
            }
            if !addresses_equal(pod, address_type, &[]) {
                // Has at least one address of this family: it is an endpoint.
                let ports = svc.spec.ports.iter().map(|sp| find_port(pod, sp));
                match &first_ports {
                    None => first_ports = Some(ports.collect()),
                    Some(f) if f.iter().copied().eq(ports) => {}
                    Some(_) => return false,
                }
                wanted += 1;
            }
        }
        if wanted == 0 {
            return false;
        }
        let Some(first) = pods.iter().find(|p| {
            should_pod_be_in_endpoints(p)
                && (ix.nodes.contains_key(p.spec.node_name.as_str())
                    || svc.spec.publish_not_ready_addresses)
                && !addresses_equal(p, address_type, &[])
        }) else {
            return false;
        };
        let want_ports = port_key(&endpoint_ports(svc, first));
        let mut seen: HashSet<&str> = HashSet::default();
        let mut have = 0usize;
        for s in existing.iter().filter(|s| s.address_type == *address_type) {
            if port_key(&s.ports) != want_ports {
                return false;
            }
            for ep in &s.endpoints {
                let Some(t) = ep.target_ref.as_ref() else {
                    return false;
                };
                let Some(pod) = by_name.get(t.name.as_str()) else {
                    return false;
                };
                if ep.addresses.is_empty()
                    || !should_pod_be_in_endpoints(pod)
                    || !seen.insert(t.name.as_str())
                {
                    return false;
                }
                let node = ix.nodes.get(pod.spec.node_name.as_str()).copied();
                if node.is_none() && !svc.spec.publish_not_ready_addresses {
                    return false;
                }
                if !endpoint_equals(pod, ns, node, svc, ns, address_type, ep) {
                    return false;
                }
                have += 1;
            }
        }
        if have != wanted {
            return false;
        }
    }
    true
}

/// The selector of a Service the controller syncs: not ExternalName, and a selector (an empty
/// one is dropped by the API server's storage, as protobuf has no empty maps, so it counts as
/// none).
pub(super) fn synced_selector(svc: &Service) -> Option<&StringMap> {
    if svc.spec.type_ == "ExternalName" {
        return None;
    }
    svc.spec.selector.as_ref().filter(|s| !s.is_empty())
}

/// What one Service's slices should become (`syncService` / `reconcile`), computed against a
/// read-only store; `None` when the Service has no managed slices.
fn plan_service(_cluster: &Cluster, ix: &Index<'_>, key: &Key, svc: &Service) -> Option<Plan> {
    // A Service pending deletion is still reconciled; only creates are skipped (finalize).
    let selector = synced_selector(svc)?;
    let ns = key.0.as_str();
    let types = address_types(svc);
    let pods = ix.selected_pods(ns, selector);
    if in_sync(ix, ns, svc, &types, &pods) {
        return Some(Plan::default());
    }
    let existing: Vec<EndpointSlice> = ix
        .slices
        .get(&(ns, svc.metadata.name.as_str()))
        .into_iter()
        .flatten()
        .map(|s| (*s).clone())
        .collect();
    let mut plan = Plan::default();
    // The slices of each of the Service's (at most two) address types.
    let mut by_type: Vec<(String, Vec<EndpointSlice>)> = Vec::new();
    for s in existing {
        let owned = owned_by(&s, svc);
        if owned && types.contains(&s.address_type) {
            match by_type.iter_mut().find(|(t, _)| *t == s.address_type) {
                Some((_, of_type)) => of_type.push(s),
                None => by_type.push((s.address_type.clone(), vec![s])),
            }
        } else {
            plan.delete.push(s);
        }
    }
    for address_type in &types {
        let mut desired: BTreeMap<Vec<EndpointPort>, (Vec<EndpointPort>, Vec<Endpoint>)> =
            BTreeMap::new();
        // Pods of one template resolve the Service's ports alike: the previous pod's resolved
        // numbers and its key in `desired` are reused while they match.
        let mut resolved: Vec<Option<i32>> = Vec::with_capacity(svc.spec.ports.len());
        let mut last: Option<(Vec<Option<i32>>, Vec<EndpointPort>)> = None;
        for pod in &pods {
            if !should_pod_be_in_endpoints(pod) {
                continue;
            }
            let node = ix.nodes.get(pod.spec.node_name.as_str()).copied();
            // A pod on an unknown node is skipped (and the Service requeued) unless unready
            // addresses are published anyway.
            if node.is_none() && !svc.spec.publish_not_ready_addresses {
                continue;
            }
            let ep = pod_to_endpoint(pod, ns, node, svc, ns, address_type);
            if ep.addresses.is_empty() {
                continue;
            }
            resolved.clear();
            resolved.extend(svc.spec.ports.iter().map(|sp| find_port(pod, sp)));
            let key = match &mut last {
                Some((nums, key)) if *nums == resolved => key,
                _ => {
                    let ports = endpoint_ports(svc, pod);
                    let key = port_key(&ports);
                    desired
                        .entry(key.clone())
                        .or_insert_with(|| (ports, Vec::new()));
                    &mut last.insert((resolved.clone(), key)).1
                }
            };
            if let Some((_, eps)) = desired.get_mut(key) {
                eps.push(ep);
            }
        }
        let existing_of_type = by_type
            .iter_mut()
            .find(|(t, _)| t == address_type)
            .map(|(_, of_type)| std::mem::take(of_type))
            .unwrap_or_default();
        let n_existing = existing_of_type.len();
        let mut by_ports: BTreeMap<Vec<EndpointPort>, Vec<EndpointSlice>> = BTreeMap::new();
        for s in existing_of_type {
            by_ports.entry(port_key(&s.ports)).or_default().push(s);
        }
        let mut sub = Plan::default();
        for (pk, (ports, eps)) in desired {
            let ex = by_ports.remove(&pk).unwrap_or_default();
            reconcile_by_port_mapping(svc, ns, address_type, ex, &ports, eps, &mut sub);
        }
        sub.delete.extend(by_ports.into_values().flatten());
        // When no slice would exist, keep (or add) one placeholder.
        if n_existing == sub.delete.len() && sub.create.is_empty() {
            if sub.delete.len() == 1 && is_placeholder(&sub.delete[0]) {
                let mut keep = sub.delete.remove(0);
                let labels = slice_labels(svc);
                if keep.metadata.labels != labels {
                    keep.metadata.labels = labels;
                    sub.update.push(keep);
                }
            } else {
                sub.create
                    .push(new_slice(svc, ns, Vec::new(), address_type));
            }
        }
        // finalize: turn creates into updates of slices that would be deleted (stable names).
        while !sub.delete.is_empty() && !sub.create.is_empty() {
            let old = sub.delete.remove(0);
            let mut s = sub.create.pop().unwrap_or_default();
            s.metadata.name = old.metadata.name.clone();
            s.metadata.uid = old.metadata.uid.clone();
            s.metadata.creation_timestamp = old.metadata.creation_timestamp.clone();
            s.metadata.generate_name = old.metadata.generate_name.clone();
            sub.update.push(s);
        }
        plan.create.extend(sub.create);
        plan.update.extend(sub.update);
        plan.delete.extend(sub.delete);
    }
    // finalize: no new slices for a Service pending deletion (the garbage collector would race
    // with them); updates and deletes still happen.
    if svc.metadata.deletion_timestamp.is_some() {
        plan.create.clear();
    }
    // Every Service's plan is held until all are written: no spare room (a pushed-to vector
    // reserves four slices) in them.
    plan.create.shrink_to_fit();
    plan.update.shrink_to_fit();
    Some(plan)
}

fn sort_endpoints(slice: &mut EndpointSlice) {
    svcplay_model::slice::sort_by(&mut slice.endpoints, |a, b| {
        fn name(e: &Endpoint) -> Option<&str> {
            e.target_ref.as_ref().map(|t| t.name.as_str())
        }
        name(a)
            .cmp(&name(b))
            .then_with(|| a.addresses.cmp(&b.addresses))
    });
}

fn apply(cluster: &mut Cluster, ns: &str, plan: Plan, trigger: Option<&String>) -> bool {
    let mut changed = false;
    for s in plan.delete {
        changed |= cluster
            .store
            .endpoint_slices
            .remove(&(ns.to_string(), s.metadata.name))
            .is_some();
    }
    for mut s in plan.update {
        sort_endpoints(&mut s);
        set_trigger_time(&mut s, trigger);
        let k = (ns.to_string(), s.metadata.name.clone());
        // The registry bumps `generation` when endpoints or ports change.
        if let Some(old) = cluster.store.endpoint_slices.get(&k) {
            let gen_old = old.metadata.generation.unwrap_or(1);
            let data_changed = old.endpoints != s.endpoints
                || old.ports != s.ports
                || old.address_type != s.address_type;
            s.metadata.generation = Some(if data_changed { gen_old + 1 } else { gen_old });
        }
        changed |= put_endpoint_slice(&mut cluster.store, k, s);
    }
    for mut s in plan.create {
        sort_endpoints(&mut s);
        set_trigger_time(&mut s, trigger);
        changed |= create_slice(cluster, ns, s);
    }
    changed
}

/// Stores a new slice of namespace `ns` under a name generated from its `generateName` (free in
/// the store), with a uid, creation time and generation 1; true if written.
pub(super) fn create_slice(cluster: &mut Cluster, ns: &str, mut s: EndpointSlice) -> bool {
    let base = s.metadata.generate_name.clone();
    let name = generate_name(&mut cluster.rng, &base, |n| {
        cluster
            .store
            .endpoint_slices
            .contains_key(&(ns.to_string(), n.to_string()))
    });
    s.metadata.name = name.clone();
    s.metadata.uid = cluster.store.next_uid();
    s.metadata.creation_timestamp = Some(cluster.clock.rfc3339());
    s.metadata.generation = Some(1);
    put_endpoint_slice(&mut cluster.store, (ns.to_string(), name), s)
}

/// Managed slices by Service and selected pods by label, for one pass.
#[derive(Debug)]
pub(super) struct Index<'a> {
    /// Managed, live slices by `(namespace, kubernetes.io/service-name)`, in key order.
    slices: HashMap<(&'a str, &'a str), Vec<&'a EndpointSlice>>,
    /// Pods by `(namespace, label key, value)`, in key order.
    pods_by_label: HashMap<(&'a str, &'a str, &'a str), Vec<&'a Pod>>,
    /// Nodes by name.
    nodes: HashMap<&'a str, &'a Node>,
}

impl<'a> Index<'a> {
    pub(super) fn new(cluster: &'a Cluster) -> Self {
        let mut slices: HashMap<(&str, &str), Vec<&EndpointSlice>> = HashMap::default();
        for ((ns, _), s) in &cluster.store.endpoint_slices {
            if is_managed(s)
                && s.metadata.deletion_timestamp.is_none()
                && let Some(svc) = s.metadata.labels.get(LABEL_SERVICE_NAME)
            {
                slices
                    .entry((ns.as_str(), svc.as_str()))
                    .or_default()
                    .push(s);
            }
        }
        // Only the label pairs some Service selects on are looked up.
        let mut pods_by_label: HashMap<(&str, &str, &str), Vec<&Pod>> = HashMap::default();
        for ((ns, _), svc) in &cluster.store.services {
            for (k, v) in svc.spec.selector.iter().flatten() {
                pods_by_label.insert((ns.as_str(), k.as_str(), v.as_str()), Vec::new());
            }
        }
        for ((ns, _), p) in &cluster.store.pods {
            for (k, v) in &p.metadata.labels {
                if let Some(l) = pods_by_label.get_mut(&(ns.as_str(), k.as_str(), v.as_str())) {
                    l.push(p);
                }
            }
        }
        Index {
            slices,
            pods_by_label,
            nodes: cluster
                .store
                .nodes
                .iter()
                .map(|(k, n)| (k.as_str(), n))
                .collect(),
        }
    }

    /// The pods of `ns` whose labels carry every pair of `selector` (non-empty), in key order.
    pub(super) fn selected_pods(&self, ns: &str, selector: &StringMap) -> Vec<&'a Pod> {
        let shortest = selector
            .iter()
            .map(|(k, v)| {
                self.pods_by_label
                    .get(&(ns, k.as_str(), v.as_str()))
                    .map_or(&[][..], Vec::as_slice)
            })
            .min_by_key(|l| l.len())
            .unwrap_or(&[]);
        shortest
            .iter()
            .filter(|p| map_selector_matches(selector, &p.metadata.labels))
            .copied()
            .collect()
    }
}

/// Fewest Services planned per thread (below that, threads cost more than they save).
const PLANS_PER_THREAD: usize = 512;

/// Syncs every Service and removes managed slices whose Service is gone.
pub(super) fn sync_all(cluster: &mut Cluster) -> bool {
    let services = &cluster.store.services;
    let before = cluster.store.endpoint_slices.len();
    cluster.store.endpoint_slices.retain(|(ns, _), s| {
        !is_managed(s)
            || s.metadata
                .labels
                .get(LABEL_SERVICE_NAME)
                .is_some_and(|svc| services.contains_key(&(ns.clone(), svc.clone())))
    });
    let mut changed = before != cluster.store.endpoint_slices.len();
    let mut triggers = std::mem::take(&mut cluster.endpoint_triggers);
    triggers
        .services
        .retain(|k, _| cluster.store.services.contains_key(k));
    // Each Service's plan reads only its own slices, the pods and the nodes, none of which
    // another Service's writes touch: plan them all, then write in Service order.
    let plans: Vec<(String, Plan, Option<String>)> = {
        let ix = Index::new(cluster);
        let services: Vec<(&Key, &Service)> = cluster.store.services.iter().collect();
        // The trigger times first, in Service order (the tracker is shared state).
        // Also each Service's share of the planning work: its selected pods.
        let mut weights: Vec<u64> = Vec::with_capacity(services.len());
        let trigger_times: Vec<Option<String>> = services
            .iter()
            .map(|(k, svc)| {
                let Some(selector) = synced_selector(svc) else {
                    weights.push(1);
                    return None;
                };
                let pods = ix.selected_pods(&k.0, selector);
                weights.push(pods.len() as u64 + 1);
                triggers.compute(k, svc, &pods)
            })
            .collect();
        // Planning is read-only: large clusters plan on several cores, in Service order, each
        // core taking about as many pods (large Services often come together).
        let plans =
            svcplay_model::par::map_weighted(&services, &weights, PLANS_PER_THREAD, |(k, svc)| {
                plan_service(cluster, &ix, k, svc).map(|p| (k.0.clone(), p))
            });
        plans
            .into_iter()
            .zip(trigger_times)
            .filter_map(|(p, t)| p.map(|(ns, plan)| (ns, plan, t)))
            .collect()
    };
    cluster.endpoint_triggers = triggers;
    for (ns, plan, trigger) in plans {
        changed |= apply(cluster, &ns, plan, trigger.as_ref());
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// trigger_time_tracker_test.go (endpointsliceutil): each case is a series of syncs of one
    /// Service (its creation time) with pods (name, Ready transition time), and the trigger
    /// time each sync must return (`None` for the zero time).
    #[test]
    fn trigger_time_tracker_cases() {
        let t = |s: u32| format!("2019-01-01T00:00:0{s}Z");
        let service = |created: u32| -> Service {
            serde_json::from_value(json!({"metadata": {"name": "my-service", "namespace": "ttNamespace1", "creationTimestamp": t(created)}})).unwrap()
        };
        let pod = |name: &str, ready: u32| -> Pod {
            serde_json::from_value(json!({"metadata": {"name": name, "namespace": "ttNamespace1"},
                "status": {"conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": t(ready)}]}})).unwrap()
        };
        let key: Key = ("ttNamespace1".into(), "my-service".into());
        type Sync = (u32, Vec<(&'static str, u32)>, Option<u32>);
        // `u32::MAX` as creation time: the Service was deleted before this sync.
        let cases: Vec<(&str, Vec<Sync>)> = vec![
            ("TestNewServiceNoPods", vec![(2, vec![], Some(2))]),
            (
                "TestNewServiceExistingPods",
                vec![(3, vec![("pod1", 0), ("pod2", 1), ("pod3", 5)], Some(3))],
            ),
            (
                "TestPodsAdded",
                vec![
                    (0, vec![], Some(0)),
                    (0, vec![("pod1", 2), ("pod2", 1)], Some(1)),
                ],
            ),
            (
                "TestPodsUpdated",
                vec![
                    (0, vec![("pod1", 1), ("pod2", 2), ("pod3", 3)], Some(0)),
                    (0, vec![("pod1", 5), ("pod2", 4), ("pod3", 3)], Some(4)),
                ],
            ),
            (
                "TestPodsUpdatedNoOp",
                vec![
                    (0, vec![("pod1", 1), ("pod2", 2), ("pod3", 3)], Some(0)),
                    (0, vec![("pod1", 1), ("pod2", 2), ("pod3", 3)], None),
                ],
            ),
            (
                "TestPodDeletedThenAdded",
                vec![
                    (0, vec![("pod1", 1), ("pod2", 2)], Some(0)),
                    (0, vec![("pod1", 1)], None),
                    (0, vec![("pod1", 1), ("pod2", 4)], Some(4)),
                ],
            ),
            (
                "TestServiceDeletedThenAdded",
                vec![
                    (0, vec![("pod1", 1), ("pod2", 2)], Some(0)),
                    (u32::MAX, vec![], None),
                    (3, vec![("pod1", 1), ("pod2", 2)], Some(3)),
                ],
            ),
            (
                "TestServiceUpdatedNoPodChange",
                vec![
                    (0, vec![("pod1", 1), ("pod2", 2)], Some(0)),
                    (0, vec![("pod1", 1), ("pod2", 2)], None),
                ],
            ),
        ];
        for (name, syncs) in cases {
            let mut tracker = TriggerTimes::default();
            for (i, (created, pods, want)) in syncs.into_iter().enumerate() {
                if created == u32::MAX {
                    tracker.services.remove(&key);
                    continue;
                }
                let pods: Vec<Pod> = pods.iter().map(|(n, r)| pod(n, *r)).collect();
                let refs: Vec<&Pod> = pods.iter().collect();
                let got = tracker.compute(&key, &service(created), &refs);
                assert_eq!(got, want.map(t), "{name}, sync {i}");
            }
        }
    }

    fn svc(extra: serde_json::Value) -> Service {
        let mut v = json!({
            "metadata": {"name": "foo", "namespace": "default", "uid": "svc-uid"},
            "spec": {"selector": {"app": "foo"}, "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"],
                     "ipFamilies": ["IPv4"], "ports": [{"port": 80, "protocol": "TCP", "targetPort": 8080}]}
        });
        if let Some(o) = extra.as_object() {
            for (k, val) in o {
                v["spec"][k] = val.clone();
            }
        }
        serde_json::from_value(v).unwrap()
    }

    fn pod(ready: bool, terminating: bool, extra_spec: serde_json::Value) -> Pod {
        let mut v = json!({
            "metadata": {"name": "pod1", "namespace": "default", "uid": "pod-uid", "labels": {"app": "foo"}},
            "spec": {"nodeName": "node-1", "containers": [{"name": "c", "ports": [
                {"name": "http", "containerPort": 8080, "protocol": "TCP"},
                {"name": "dns", "containerPort": 5353, "protocol": "UDP"}]}]},
            "status": {"phase": "Running", "podIP": "10.244.1.2", "podIPs": [{"ip": "10.244.1.2"}, {"ip": "fd00:10:244:1::2"}],
                       "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" }}]}
        });
        if terminating {
            v["metadata"]["deletionTimestamp"] = json!("2026-01-01T00:00:30Z");
        }
        if let Some(o) = extra_spec.as_object() {
            for (k, val) in o {
                v["spec"][k] = val.clone();
            }
        }
        serde_json::from_value(v).unwrap()
    }

    fn node() -> Node {
        serde_json::from_value(json!({"metadata": {"name": "node-1", "labels": {"topology.kubernetes.io/zone": "zone-a"}}})).unwrap()
    }

    #[test]
    fn endpoint_equals_agrees_with_pod_to_endpoint() {
        // The in-sync fast path must accept exactly what podToEndpoint builds.
        let pods = [
            pod(true, false, json!({})),
            pod(false, true, json!({})),
            pod(true, false, json!({"hostname": "h", "subdomain": "foo"})),
        ];
        let svcs = [
            svc(json!({})),
            svc(json!({"publishNotReadyAddresses": true})),
        ];
        for p in &pods {
            for s in &svcs {
                for family in ["IPv4", "IPv6"] {
                    for n in [Some(node()), None] {
                        let ep = pod_to_endpoint(p, "default", n.as_ref(), s, "default", family);
                        assert!(endpoint_equals(
                            p,
                            "default",
                            n.as_ref(),
                            s,
                            "default",
                            family,
                            &ep
                        ));
                        let mut other = ep.clone();
                        other.conditions.ready = Some(!ep.conditions.ready.unwrap_or(false));
                        assert!(!endpoint_equals(
                            p,
                            "default",
                            n.as_ref(),
                            s,
                            "default",
                            family,
                            &other
                        ));
                        let mut other = ep.clone();
                        other.addresses.push("10.0.0.9".into());
                        assert!(!endpoint_equals(
                            p,
                            "default",
                            n.as_ref(),
                            s,
                            "default",
                            family,
                            &other
                        ));
                        let mut other = ep.clone();
                        other.zone = Some("elsewhere".into());
                        assert!(!endpoint_equals(
                            p,
                            "default",
                            n.as_ref(),
                            s,
                            "default",
                            family,
                            &other
                        ));
                    }
                }
            }
        }
    }

    #[test]
    fn pod_to_endpoint_conditions() {
        // endpointslice utils_test.go TestPodToEndpoint: (ready, serving, terminating) per case.
        let cases = [
            (
                "Ready pod",
                pod(true, false, json!({})),
                svc(json!({})),
                (true, true, false),
            ),
            (
                "Ready pod + publishNotReadyAddresses",
                pod(true, false, json!({})),
                svc(json!({"publishNotReadyAddresses": true})),
                (true, true, false),
            ),
            (
                "Unready pod",
                pod(false, false, json!({})),
                svc(json!({})),
                (false, false, false),
            ),
            (
                "Unready pod + publishNotReadyAddresses",
                pod(false, false, json!({})),
                svc(json!({"publishNotReadyAddresses": true})),
                (true, false, false),
            ),
            (
                "Ready and Terminating pod",
                pod(true, true, json!({})),
                svc(json!({})),
                (false, true, true),
            ),
            (
                "Ready and Terminating pod + publishNotReadyAddresses",
                pod(true, true, json!({})),
                svc(json!({"publishNotReadyAddresses": true})),
                (true, true, true),
            ),
            (
                "Not Ready and Terminating pod",
                pod(false, true, json!({})),
                svc(json!({})),
                (false, false, true),
            ),
        ];
        for (name, p, s, (ready, serving, terminating)) in cases {
            let ep = pod_to_endpoint(&p, "default", Some(&node()), &s, "default", "IPv4");
            assert_eq!(ep.conditions.ready, Some(ready), "{name}: ready");
            assert_eq!(ep.conditions.serving, Some(serving), "{name}: serving");
            assert_eq!(
                ep.conditions.terminating,
                Some(terminating),
                "{name}: terminating"
            );
            assert_eq!(ep.addresses, vec!["10.244.1.2"], "{name}");
            assert_eq!(ep.node_name.as_deref(), Some("node-1"), "{name}");
            assert_eq!(ep.zone.as_deref(), Some("zone-a"), "{name}");
            let tr = ep.target_ref.unwrap();
            assert_eq!(
                (tr.kind.as_str(), tr.name.as_str(), tr.uid.as_str()),
                ("Pod", "pod1", "pod-uid")
            );
        }
    }

    #[test]
    fn pod_to_endpoint_address_family_and_hostname() {
        // TestPodToEndpoint "Ready pod + hostname" / "Ready pod + different hostname" and
        // getEndpointAddresses by address type.
        let s = svc(json!({}));
        let p = pod(true, false, json!({"hostname": "h", "subdomain": "foo"}));
        let ep = pod_to_endpoint(&p, "default", None, &s, "default", "IPv6");
        assert_eq!(ep.addresses, vec!["fd00:10:244:1::2"]);
        assert_eq!(ep.hostname.as_deref(), Some("h"));
        assert_eq!(ep.zone, None);
        let other = pod(true, false, json!({"hostname": "h", "subdomain": "bar"}));
        assert_eq!(
            pod_to_endpoint(&other, "default", None, &s, "default", "IPv4").hostname,
            None
        );
        // ShouldSetHostname also requires the same namespace.
        assert_eq!(
            pod_to_endpoint(&p, "other", None, &s, "default", "IPv4").hostname,
            None
        );
        let no_host = pod(true, false, json!({"subdomain": "foo"}));
        assert_eq!(
            pod_to_endpoint(&no_host, "default", None, &s, "default", "IPv4").hostname,
            None
        );
    }

    #[test]
    fn should_pod_be_in_endpoints_cases() {
        // endpointslice util TestShouldPodBeInEndpoints (includeTerminating=true).
        let mut p = pod(true, false, json!({}));
        assert!(should_pod_be_in_endpoints(&p), "running with IP");
        p.status.phase = "Succeeded".into();
        assert!(!should_pod_be_in_endpoints(&p), "succeeded");
        p.status.phase = "Failed".into();
        assert!(!should_pod_be_in_endpoints(&p), "failed");
        let mut p = pod(true, true, json!({}));
        assert!(should_pod_be_in_endpoints(&p), "terminating is included");
        p.status.pod_ip.clear();
        p.status.pod_ips.clear();
        assert!(!should_pod_be_in_endpoints(&p), "no IP");
    }

    #[test]
    fn find_port_is_protocol_aware_and_knows_sidecars() {
        // pkg/api/v1/pod util_test.go TestFindPort.
        let port = |tp: serde_json::Value, proto: &str| -> ServicePort {
            serde_json::from_value(json!({"port": 80, "protocol": proto, "targetPort": tp}))
                .unwrap()
        };
        let p = pod(
            true,
            false,
            json!({"initContainers": [
                {"name": "side", "restartPolicy": "Always", "ports": [{"name": "metrics", "containerPort": 9090}, {"name": "http", "containerPort": 9999}]},
                {"name": "init", "ports": [{"name": "initonly", "containerPort": 7070}]}
            ]}),
        );
        let cases = [
            (
                "int target used as is",
                port(json!(9376), "TCP"),
                Some(9376),
            ),
            ("named TCP", port(json!("http"), "TCP"), Some(8080)),
            ("named, protocol mismatch", port(json!("http"), "UDP"), None),
            ("named UDP", port(json!("dns"), "UDP"), Some(5353)),
            (
                "sidecar port (protocol defaulted TCP)",
                port(json!("metrics"), "TCP"),
                Some(9090),
            ),
            (
                "plain init container is not a sidecar",
                port(json!("initonly"), "TCP"),
                None,
            ),
            ("no such name", port(json!("nope"), "TCP"), None),
        ];
        for (name, sp, want) in cases {
            assert_eq!(find_port(&p, &sp), want, "{name}");
        }
    }

    #[test]
    fn address_types_follow_ip_families() {
        // getAddressTypesForService.
        assert_eq!(address_types(&svc(json!({}))), vec!["IPv4"]);
        assert_eq!(
            address_types(&svc(json!({"ipFamilies": ["IPv6", "IPv4"]}))),
            vec!["IPv6", "IPv4"]
        );
        assert_eq!(
            address_types(&svc(json!({"ipFamilies": [], "clusterIP": "fd00::10"}))),
            vec!["IPv6"]
        );
        assert_eq!(
            address_types(&svc(json!({"ipFamilies": [], "clusterIP": "None"}))),
            vec!["IPv4", "IPv6"]
        );
    }
}
