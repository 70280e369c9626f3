//! A simulated kubelet plus CNI: starts pods bound to its node.
//!
//! * A pod whose status came with the input (non-empty `status.phase`, other than a `Pending`
//!   that the simulation may advance) is observed state and is left as it is. In observed mode
//!   (`Options::observed`) a given `Pending` is kept too, unless it carries no IP and no
//!   conditions (a pod nothing has reported on yet).
//! * A pod bound to an existing, Ready node becomes `Running`: `podIP` from the node's `podCIDR`
//!   the way the `host-local` IPAM plugin hands them out (`.1` is the bridge gateway, then the
//!   address after the highest one in use, wrapping to the lowest free one), `hostIP` = the
//!   node's `InternalIP`, and the conditions kubelet 1.29+ reports (`PodReadyToStartContainers`,
//!   `Initialized`, `Ready`, `ContainersReady`, `PodScheduled`), all `True`: containers start at
//!   once and have no failing probe unless [`super::set_pod_ready`] says otherwise.
//!   `hostNetwork` pods get the node's IP.
//! * A pod bound to a node that does not exist, or is not Ready, or has no pod CIDR left, stays
//!   `Pending` without an IP.
//! * A terminating pod (`deletionTimestamp` set) keeps running, and keeps its readiness, until its
//!   grace period ends (KEP-1672: it is then `serving` and `terminating` in EndpointSlices).

use std::collections::BTreeSet;

use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use svcplay_model::fxhash::HashMap;

use svcplay_model::net::Cidr;
use svcplay_model::quantity::Quantity;
use svcplay_model::types::{Condition, Container, Extra, Node, Pod, PodIP, Shared};

/// A pod's list of conditions.
type Conditions = Shared<Vec<Condition>>;

use super::{is_node_ready, node_internal_ip, set_condition};
use crate::Cluster;
use crate::store::{Key, KindMap};

/// Whether the simulated kubelet owns this pod's status.
fn is_managed(cluster: &Cluster, pod: &Pod) -> bool {
    match pod.status.phase.as_str() {
        "" => true,
        // In observed mode a Pending pod is kept unless nothing has reported on it yet (no IP,
        // no conditions), as the API server's create path leaves it.
        "Pending" => {
            !cluster.options.observed
                || (pod.status.pod_ip.is_empty() && pod.status.conditions.is_empty())
        }
        _ => false,
    }
}

/// The pod CIDR offsets in use on each node (by pods not on the host network), computed on first
/// use and kept current as the kubelet pass hands out addresses.
#[derive(Debug, Default)]
struct UsedIps<'a> {
    /// Pods per node name.
    pods_on: HashMap<&'a str, Vec<&'a Pod>>,
    /// Offsets in use per node name.
    used: HashMap<&'a str, BTreeSet<u128>>,
}

impl<'a> UsedIps<'a> {
    fn new(pods: &'a KindMap<Key, Pod>) -> Self {
        let mut pods_on: HashMap<&str, Vec<&Pod>> = HashMap::default();
        for p in pods.values() {
            if !p.spec.node_name.is_empty() && !p.spec.host_network {
                pods_on
                    .entry(p.spec.node_name.as_str())
                    .or_default()
                    .push(p);
            }
        }
        UsedIps {
            pods_on,
            used: HashMap::default(),
        }
    }

    fn of(&mut self, node: &'a str, cidr: &Cidr) -> &mut BTreeSet<u128> {
        let pods_on = &self.pods_on;
        self.used.entry(node).or_insert_with(|| {
            pods_on
                .get(node)
                .into_iter()
                .flatten()
                .flat_map(|p| {
                    std::iter::once(p.status.pod_ip.as_str())
                        .chain(p.status.pod_ips.iter().map(|i| i.ip.as_str()))
                })
                .filter_map(|s| s.parse::<IpAddr>().ok())
                .filter_map(|ip| cidr.offset_of(ip))
                .collect()
        })
    }
}

/// Picks the next pod IP on `node` (whose pod CIDR is `cidr`; host-local's round-robin from the
/// last reserved address, approximated by the highest address in use) and marks it used.
fn allocate_ip<'a>(ips: &mut UsedIps<'a>, node: &'a Node, cidr: &Cidr) -> Option<IpAddr> {
    let cidr = cidr.masked();
    // `.0` is the network, `.1` the gateway; IPv4's last address is the broadcast.
    let first = 2u128;
    let last = if cidr.is_ipv4() {
        cidr.size().checked_sub(2)?
    } else {
        cidr.size().saturating_sub(1)
    };
    if first > last {
        return None;
    }
    let used = ips.of(&node.metadata.name, &cidr);
    // Past the highest address in use everything is free; else wrap to the lowest free one.
    let start = used.last().map_or(first, |m| m + 1).max(first);
    let offset = if start <= last {
        start
    } else {
        let mut candidate = first;
        for &o in used.range(first..=last) {
            if o != candidate {
                break;
            }
            candidate += 1;
        }
        if candidate > last {
            return None;
        }
        candidate
    };
    let ip = cidr.nth(offset)?;
    used.insert(offset);
    Some(ip)
}

/// `status.qosClass` (`pkg/apis/core/helper/qos` `GetPodQOS`): the positive CPU and memory
/// requests and limits of all containers (init containers included) summed per resource; none
/// is `BestEffort`; limits for both, on every container, equal to the requests is
/// `Guaranteed`; anything else `Burstable`. (Pod-level resources are off in 1.33.)
fn qos_class(pod: &Pod) -> &'static str {
    // Per resource, every positive CPU/memory value (summed below, as upstream adds them).
    let mut requests: Vec<(&str, Vec<Quantity>)> = Vec::new();
    let mut limits: Vec<(&str, Vec<Quantity>)> = Vec::new();
    let mut guaranteed = true;
    let containers = pod.spec.containers.iter().chain(&pod.spec.init_containers);
    for c in containers {
        let r = c.other.get("resources");
        let list = |k: &str| {
            r.and_then(|r| r.get(k))
                .and_then(serde_json::Value::as_object)
                .into_iter()
                .flatten()
                .filter(|(n, _)| *n == "cpu" || *n == "memory")
                .filter_map(|(n, v)| Some((n.as_str(), Quantity::parse(v.as_str()?).ok()?)))
                .filter(|(_, q)| q.sign() > 0)
        };
        for (n, q) in list("requests") {
            add(&mut requests, n, q);
        }
        let mut found = 0;
        for (n, q) in list("limits") {
            found += 1;
            add(&mut limits, n, q);
        }
        if found != 2 {
            guaranteed = false;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort";
    }
    let total = |v: &[Quantity]| Quantity::sum(v);
    let equal = requests.iter().all(|(n, req)| {
        limits
            .iter()
            .find(|(m, _)| m == n)
            .is_some_and(|(_, lim)| total(lim).cmp_value(&total(req)).is_eq())
    });
    if guaranteed && equal && requests.len() == limits.len() {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// Appends `q` to the values of `name`.
fn add<'a>(to: &mut Vec<(&'a str, Vec<Quantity>)>, name: &'a str, q: Quantity) {
    match to.iter_mut().find(|(n, _)| *n == name) {
        Some((_, v)) => v.push(q),
        None => to.push((name, vec![q])),
    }
}

/// Starts the pod on `node` with `ip`. `shared` holds the `status` extras (`hostIPs`,
/// `containerStatuses`, `qosClass`) already given to pods on this node in this pass: a pod
/// that had no extras and whose containers and QoS class are the same takes the same map.
/// `alike` holds, per list of conditions the scheduler left, the list started pods got.
fn start(
    pod: &mut Pod,
    node: &Node,
    ip: IpAddr,
    now: &str,
    shared: &mut Vec<Extra>,
    alike: &mut Vec<(Conditions, Conditions)>,
) {
    let qos = qos_class(pod);
    let st = &mut pod.status;
    super::set_text(&mut st.phase, "Running");
    st.host_ip = node_internal_ip(node).unwrap_or_default().to_string();
    st.pod_ip = ip_text(ip);
    st.pod_ips = vec![PodIP {
        ip: st.pod_ip.clone(),
    }];
    st.start_time = Some(now.to_string());
    let mut conds = std::mem::take(&mut st.conditions);
    const TYPES: [&str; 5] = [
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
    ];
    // What the scheduler left (only `PodScheduled=True`, no reason or message): the result is
    // the four new conditions followed by that one, in kubelet's order, as the general path
    // below would make it.
    // (Native builds only: the web build keeps the one general path, smaller.)
    let scheduled_only = !cfg!(target_arch = "wasm32")
        && matches!(conds.as_slice(), [c] if c.type_ == "PodScheduled"
        && c.status == "True" && c.reason.is_empty() && c.message.is_empty());
    if scheduled_only {
        // Pods whose scheduler condition is alike end up alike: they share one list.
        conds = match alike.iter().find(|(from, _)| *from == conds) {
            Some((_, to)) => to.clone(),
            None => {
                let mut list = Vec::with_capacity(TYPES.len());
                for t in &TYPES[..4] {
                    list.push(Condition {
                        type_: (*t).to_string(),
                        status: "True".to_string(),
                        last_transition_time: Some(now.to_string()),
                        ..Condition::default()
                    });
                }
                list.extend(conds.last().cloned());
                let to = Shared::from(list);
                if alike.len() < MAX_SHARED_EXTRAS {
                    alike.push((conds, to.clone()));
                }
                to
            }
        };
    } else {
        // Room for exactly the conditions added (every running pod holds them).
        let missing = TYPES
            .iter()
            .filter(|t| !conds.iter().any(|c| c.type_ == **t))
            .count();
        conds.reserve_exact(missing);
        for t in TYPES {
            set_condition(&mut conds, t, "True", "", "", now);
        }
    }
    // Kubelet's order.
    let order = |t: &str| match t {
        "PodReadyToStartContainers" => 0,
        "Initialized" => 1,
        "Ready" => 2,
        "ContainersReady" => 3,
        "PodScheduled" => 4,
        _ => 5,
    };
    if !conds.is_sorted_by_key(|c| order(&c.type_)) {
        svcplay_model::slice::sort_by_key(&mut conds, |c| order(&c.type_));
    }
    st.conditions = conds;
    let fresh = pod.status.other.is_empty();
    if fresh
        && let Some(e) = shared
            .iter()
            .find(|e| same_extras(e, &pod.spec.containers, qos))
    {
        pod.status.other = e.clone();
        return;
    }
    let host_ip = &pod.status.host_ip;
    let other = &mut pod.status.other;
    if !host_ip.is_empty() {
        other.insert(
            "hostIPs".to_string(),
            serde_json::json!([{ "ip": host_ip }]),
        );
    }
    let statuses: Vec<serde_json::Value> = pod
        .spec
        .containers
        .iter()
        .map(|c| {
            serde_json::json!({
                "name": c.name,
                "image": c.image,
                "ready": true,
                "started": true,
                "restartCount": 0,
                "state": {"running": {"startedAt": now}},
            })
        })
        .collect();
    other.insert("containerStatuses".to_string(), statuses.into());
    other.insert("qosClass".to_string(), qos.into());
    if fresh && shared.len() < MAX_SHARED_EXTRAS {
        shared.push(pod.status.other.clone());
    }
}

/// `ip.to_string()`, without the formatting machinery for IPv4 (one per started pod).
fn ip_text(ip: IpAddr) -> String {
    // The web build keeps the smaller formatting path.
    let IpAddr::V4(v4) = ip else {
        return ip.to_string();
    };
    if cfg!(target_arch = "wasm32") {
        return ip.to_string();
    }
    let mut s = String::with_capacity(15);
    for (i, octet) in v4.octets().into_iter().enumerate() {
        if i > 0 {
            s.push('.');
        }
        if octet >= 100 {
            s.push(char::from(b'0' + octet / 100));
        }
        if octet >= 10 {
            s.push(char::from(b'0' + octet / 10 % 10));
        }
        s.push(char::from(b'0' + octet % 10));
    }
    s
}

/// Distinct shared status extras kept per node in one pass.
const MAX_SHARED_EXTRAS: usize = 8;

/// Whether `extras`, built by [`start`] for a pod without extras on the same node in the same
/// pass, is what it would build for a pod with `containers` and `qos`: the host IP and the start
/// time are the same there, so the containers' names and images and the QoS class decide.
fn same_extras(extras: &Extra, containers: &[Container], qos: &str) -> bool {
    fn str_at<'v>(v: &'v serde_json::Value, k: &str) -> Option<&'v str> {
        v.get(k).and_then(serde_json::Value::as_str)
    }
    extras.get("qosClass").and_then(serde_json::Value::as_str) == Some(qos)
        && extras
            .get("containerStatuses")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|cs| {
                cs.len() == containers.len()
                    && cs.iter().zip(containers).all(|(s, c)| {
                        str_at(s, "name") == Some(c.name.as_str())
                            && str_at(s, "image") == Some(c.image.as_str())
                    })
            })
}

/// Sets `Ready` and `ContainersReady` (and each container's `ready`) as a readiness probe would.
pub(super) fn set_readiness(pod: &mut Pod, ready: bool, now: &str) {
    let names: Vec<String> = pod.spec.containers.iter().map(|c| c.name.clone()).collect();
    let (status, reason, message) = if ready {
        ("True", String::new(), String::new())
    } else {
        (
            "False",
            "ContainersNotReady".to_string(),
            format!("containers with unready status: [{}]", names.join(" ")),
        )
    };
    for t in ["Ready", "ContainersReady"] {
        set_condition(
            &mut pod.status.conditions,
            t,
            status,
            &reason,
            &message,
            now,
        );
    }
    if let Some(cs) = pod
        .status
        .other
        .get_mut("containerStatuses")
        .and_then(serde_json::Value::as_array_mut)
    {
        for c in cs {
            if let Some(o) = c.as_object_mut() {
                o.insert("ready".to_string(), ready.into());
            }
        }
    }
}

/// Where a pod starts: its IP and the position of its node (`None`: it stays `Pending`).
type Start = Option<(IpAddr, usize)>;

/// Fewest pod starts per thread (below that, threads cost more than they save).
const STARTS_PER_THREAD: usize = 4096;

/// Runs the kubelet of every node once.
pub(super) fn sync_pods(cluster: &mut Cluster) -> bool {
    let now = cluster.clock.rfc3339();
    // Decide against the unchanged store (addresses handed out in this pass are tracked in
    // `UsedIps`), then write the decisions in pod key order.
    // Per started pod: its position in the store, and the IP with the node's position.
    let decisions: Vec<(usize, Option<(IpAddr, usize)>)> = {
        let store = &cluster.store;
        // Per node: its position, Ready, and its pod CIDR if it parses.
        let nodes: HashMap<&str, (usize, &Node, bool, Option<Cidr>)> = store
            .nodes
            .iter()
            .enumerate()
            .map(|(at, (k, n))| {
                (
                    k.as_str(),
                    (at, n, is_node_ready(n), Cidr::parse(&n.spec.pod_cidr)),
                )
            })
            .collect();
        let mut ips: Option<UsedIps> = None;
        let mut out = Vec::new();
        for (i, pod) in store.pods.values().enumerate() {
            // Pods the kubelet may change: those it can start (their node is Ready and has a
            // pod CIDR, or they use the host network), and those without a phase yet.
            if pod.spec.node_name.is_empty()
                || pod.metadata.deletion_timestamp.is_some()
                || !is_managed(cluster, pod)
            {
                continue;
            }
            let node = nodes.get(pod.spec.node_name.as_str());
            let startable = node.is_some_and(|(_, _, ready, cidr)| {
                *ready && (pod.spec.host_network || cidr.is_some())
            });
            if !startable && !pod.status.phase.is_empty() {
                continue;
            }
            let ip = match node {
                Some((at, node, true, cidr)) => if pod.spec.host_network {
                    node_internal_ip(node).and_then(|s| s.parse::<IpAddr>().ok())
                } else if let Some(cidr) = cidr {
                    let ips = ips.get_or_insert_with(|| UsedIps::new(&store.pods));
                    allocate_ip(ips, node, cidr)
                } else {
                    None
                }
                .map(|ip| (ip, *at)),
                _ => None,
            };
            if ip.is_none() && !pod.status.phase.is_empty() {
                // Still waiting, nothing to report.
                continue;
            }
            out.push((i, ip));
        }
        out
    };
    if decisions.is_empty() {
        return false;
    }
    // Starting a pod, or giving it its first phase, always changes it: edit it in place under a
    // new resourceVersion, as `put_pod` would store it.
    let first_rv = cluster
        .store
        .reserve_resource_versions(decisions.len() as u64);
    let store = &mut cluster.store;
    let nodes: Vec<&Node> = store.nodes.values().collect();
    // Per decided pod, in key order: the pod, its resourceVersion and where it starts.
    let mut work: Vec<(&mut Pod, u64, Start)> = Vec::with_capacity(decisions.len());
    let mut next = decisions.into_iter().enumerate().peekable();
    for (i, pod) in store.pods.values_mut().enumerate() {
        if let Some((n, (_, ip))) = next.next_if(|(_, (at, _))| *at == i) {
            work.push((pod, first_rv + n as u64, ip));
        }
    }
    // Each pod's new status depends only on its own decision: large passes edit on several
    // cores. The status extras given out per node are shared by all of them (a pod in one
    // chunk can take the map a pod of the same node got in another).
    let shared: Vec<Mutex<Vec<Extra>>> = nodes.iter().map(|_| Mutex::default()).collect();
    svcplay_model::par::for_each_chunk_mut(&mut work, STARTS_PER_THREAD, |_, chunk| {
        let mut alike = Vec::new();
        for (pod, rv, ip) in chunk {
            match *ip {
                Some((ip, at)) => {
                    let mut extras = shared[at].lock().unwrap_or_else(PoisonError::into_inner);
                    start(pod, nodes[at], ip, &now, &mut extras, &mut alike);
                }
                None => super::set_text(&mut pod.status.phase, "Pending"),
            }
            super::set_decimal(&mut pod.metadata.resource_version, *rv);
        }
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use svcplay_model::net::to_u128;

    #[test]
    fn pods_alike_on_one_node_share_status_extras() {
        let mut node = Node::default();
        node.status
            .addresses
            .push(svcplay_model::types::NodeAddress {
                type_: "InternalIP".into(),
                address: "10.0.0.5".into(),
            });
        // As the scheduler leaves them: bound, with a `PodScheduled` condition (its own list
        // for `c`, an equal one).
        let scheduled = |t: &str| -> Conditions {
            let mut conds = Vec::new();
            set_condition(&mut conds, "PodScheduled", "True", "", "", t);
            conds.into()
        };
        let by_scheduler = scheduled("2026-01-01T00:00:00Z");
        let pod = |image: &str, conds: &Conditions| {
            let mut p = Pod::default();
            p.spec.containers.push(Container {
                name: "web".into(),
                image: image.into(),
                ..Container::default()
            });
            p.status.conditions = conds.clone();
            p
        };
        let ip: IpAddr = "10.244.0.2".parse().unwrap();
        let now = "2026-01-01T00:00:05Z";
        let (mut shared, mut alike) = (Vec::new(), Vec::new());
        let (mut a, mut b) = (pod("nginx", &by_scheduler), pod("nginx", &by_scheduler));
        let mut c = pod("redis", &scheduled("2026-01-01T00:00:00Z"));
        let mut d = pod("nginx", &scheduled("2026-01-01T00:00:01Z"));
        for p in [&mut a, &mut b, &mut c, &mut d] {
            start(p, &node, ip, now, &mut shared, &mut alike);
        }
        assert!(a.status.other.ptr_eq(&b.status.other));
        assert!(!a.status.other.ptr_eq(&c.status.other));
        assert!(a.status.conditions.ptr_eq(&b.status.conditions));
        assert!(a.status.conditions.ptr_eq(&c.status.conditions));
        assert!(!a.status.conditions.ptr_eq(&d.status.conditions));
        assert_eq!(a.status.conditions.len(), 5);
        assert_eq!(
            d.status.conditions[4].last_transition_time.as_deref(),
            Some("2026-01-01T00:00:01Z")
        );
        // What is shared is what the pod would get on its own.
        let mut alone = pod("nginx", &scheduled("2026-01-01T00:00:00Z"));
        start(&mut alone, &node, ip, now, &mut Vec::new(), &mut Vec::new());
        assert_eq!(
            serde_json::to_string(&b).unwrap(),
            serde_json::to_string(&alone).unwrap()
        );
        assert_eq!(c.status.other["containerStatuses"][0]["image"], "redis");
        assert_eq!(b.status.other["hostIPs"][0]["ip"], "10.0.0.5");
        // Changing one copy leaves the other alone.
        set_readiness(&mut a, false, now);
        assert_eq!(a.status.other["containerStatuses"][0]["ready"], false);
        assert_eq!(b.status.other["containerStatuses"][0]["ready"], true);
        assert_eq!(a.status.conditions[2].status, "False");
        assert_eq!(b.status.conditions[2].status, "True");
        assert_eq!(c.status.conditions[2].status, "True");
    }

    // qos_test.go TestGetPodQOS: zero values do not count, init containers do, and limits
    // equal to requests per resource (summed over containers) make a pod Guaranteed.
    #[test]
    fn qos_class_cases() {
        let container = |res: serde_json::Value| {
            let mut c = Container {
                name: "c".into(),
                ..Container::default()
            };
            c.other.insert("resources".into(), res);
            c
        };
        let pod = |cs: Vec<serde_json::Value>, init: Vec<serde_json::Value>| {
            let mut p = Pod::default();
            p.spec.containers = cs.into_iter().map(container).collect::<Vec<_>>().into();
            p.spec.init_containers = init.into_iter().map(container).collect();
            p
        };
        let g = serde_json::json!({"limits": {"cpu": "100m", "memory": "100Mi"}, "requests": {"cpu": "100m", "memory": "100Mi"}});
        for (want, p) in [
            ("BestEffort", pod(vec![serde_json::json!({})], vec![])),
            // "best-effort": zero requests and limits are ignored.
            (
                "BestEffort",
                pod(
                    vec![
                        serde_json::json!({"requests": {"cpu": "0", "memory": "0"}, "limits": {"cpu": "0"}}),
                    ],
                    vec![],
                ),
            ),
            // "best-effort-burstable": any positive value makes the pod Burstable.
            (
                "Burstable",
                pod(
                    vec![
                        serde_json::json!({}),
                        serde_json::json!({"requests": {"cpu": "1"}}),
                    ],
                    vec![],
                ),
            ),
            ("Guaranteed", pod(vec![g.clone(), g.clone()], vec![])),
            // "guaranteed-with-gpu": other resources do not matter.
            (
                "Guaranteed",
                pod(
                    vec![
                        serde_json::json!({"limits": {"cpu": "1", "memory": "1Gi", "example.com/gpu": "1"}, "requests": {"cpu": "1000m", "memory": "1024Mi"}}),
                    ],
                    vec![],
                ),
            ),
            // "burstable-no-limits" on one container; an init container without limits.
            (
                "Burstable",
                pod(
                    vec![g.clone(), serde_json::json!({"requests": {"cpu": "100m"}})],
                    vec![],
                ),
            ),
            (
                "Burstable",
                pod(
                    vec![g.clone()],
                    vec![serde_json::json!({"requests": {"memory": "1Gi"}})],
                ),
            ),
            // "burstable-2": limits only for cpu.
            (
                "Burstable",
                pod(
                    vec![serde_json::json!({"limits": {"cpu": "1"}, "requests": {"cpu": "1"}})],
                    vec![],
                ),
            ),
        ] {
            assert_eq!(qos_class(&p), want, "{:?}", p.spec.containers);
        }
    }

    #[test]
    fn ip_text_is_display() {
        for ip in [
            "0.0.0.0",
            "10.244.1.2",
            "100.64.9.99",
            "255.255.255.255",
            "172.16.10.100",
            "fd00::1",
        ] {
            let ip: IpAddr = ip.parse().unwrap();
            assert_eq!(ip_text(ip), ip.to_string());
        }
    }

    #[test]
    fn offsets_are_cidr_relative() {
        let c = Cidr::parse("10.244.1.0/24").unwrap();
        assert_eq!(c.offset_of("10.244.1.2".parse().unwrap()), Some(2));
        assert_eq!(
            to_u128(c.nth(254).unwrap()),
            to_u128("10.244.1.254".parse().unwrap())
        );
    }
}
