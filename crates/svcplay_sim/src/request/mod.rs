//! The request simulator: what happens to `N` requests from a pod, a node or an outside client
//! to a Service name, a ClusterIP, a node's IP and NodePort, or a LoadBalancer address.
//!
//! One [`simulate`] call:
//!
//! 1. reads the target ([`parse_target`]) and the source (a pod sends from its node, a node from
//!    itself, an outside client from a TEST-NET-2 address unless given one);
//! 2. resolves a name the way the pod's resolver does ([`crate::dns::resolve_from_pod`]); nodes
//!    and outside clients do not use cluster DNS, so for them a cluster name does not resolve
//!    (the report says what to use instead, or that a LoadBalancer is still `<pending>`);
//! 3. finds the node(s) where the packet meets kube-proxy's rules: the pod's or node's own node
//!    (nat `OUTPUT`/`PREROUTING` jump to `KUBE-SERVICES` there), the node owning a node IP, or,
//!    for a LoadBalancer address reached from outside, the nodes the simulated load balancer
//!    sends to (every Ready node for `externalTrafficPolicy: Cluster`; for `Local` only nodes
//!    whose `healthCheckNodePort` answers, i.e. that run a ready endpoint). The packet keeps the
//!    VIP as destination (`ipMode: VIP`), whether or not the Service has NodePorts;
//! 4. generates that node's real rules ([`crate::proxy::iptables_save`], restricted to the
//!    Services the destination can match) and traces the packet ([`crate::proxy::trace()`]) once:
//!    verdict, candidate endpoints in rule order, masquerade mark, matched rules;
//! 5. runs the requests: the load balancer picks a node uniformly, kube-proxy picks an endpoint
//!    with the probabilities of the `-m statistic --probability` cascade (rule `i` of `n` fires
//!    with `computeProbability(n-i)`, the last rule always), and `sessionAffinity: ClientIP`
//!    sends a client back to its endpoint while the `-m recent` entry is not older than
//!    `timeoutSeconds` (request `i` happens at `clock + i × intervalSeconds`; the entry is
//!    refreshed by every request, and it lives per node, as `xt_recent` tables do);
//! 6. ends each request at a pod's port, or refused / dropped / timed out / pending / not
//!    resolved / left the cluster, with the reason in plain words.
//!
//! Assumptions (documented, not upstream facts): a container listens only on its declared
//! `containerPorts` when it declares any, and on every port when it declares none; SNAT
//! (`MASQUERADE`) rewrites the source to the entry node's InternalIP (real CNIs may use another
//! address of the node); pod IPs and ClusterIPs are not routable from outside the cluster.
//!
//! The per-request loop does not allocate: routes, candidates and their outcomes are computed
//! once; each request is a few random numbers and a counter increment.

mod explain;
mod netpol;
mod route;
pub mod target;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr};

use serde::{Deserialize, Serialize};
use svcplay_model::types::{EndpointSlice, Node, Pod, Service, ServicePort};

use crate::Cluster;
use crate::controllers::LABEL_SERVICE_NAME;
use crate::dns::{self, QType, Rcode, Record};
use crate::proxy::{self, Packet, ProxyInput, Ruleset, TraceResult, Verdict};
use crate::rng::Rng;

pub use target::{Host, Target, parse_target};

use route::{Planner, RouteKind, display_target, pick, plan, resolve_client};
#[cfg(test)]
use route::{cascade, split_endpoint};

/// The address an outside client sends from when none is given (TEST-NET-2, RFC 5737).
pub const DEFAULT_EXTERNAL_CLIENT: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 10);
/// Most requests one call simulates.
pub const MAX_COUNT: u64 = 100_000_000;
/// Most requests reported one by one.
pub const MAX_DETAIL: usize = 1000;
/// Node label that keeps a node out of load balancers (`v1.LabelNodeExcludeBalancers`).
pub const LABEL_EXCLUDE_BALANCERS: &str = "node.kubernetes.io/exclude-from-external-load-balancers";

/// Where requests come from. Its `Deserialize` is [`svcplay_model::tagged_enum!`]'s, the
/// derived one's (`#[serde(tag = "kind")]`, `#[serde(default)]` on `namespace` and `ip`) without
/// serde's `Content` buffer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Source {
    /// A pod, by namespace (default `default`) and name.
    Pod {
        /// Namespace.
        namespace: String,
        /// Pod name.
        name: String,
    },
    /// A node (a process in the node's network namespace), by name.
    Node {
        /// Node name.
        name: String,
    },
    /// A client outside the cluster.
    External {
        /// Its address (default [`DEFAULT_EXTERNAL_CLIENT`]).
        ip: Option<IpAddr>,
    },
}

svcplay_model::tagged_enum!(Source, "kind" {
    Pod "pod" { namespace: "namespace" = default, name: "name" },
    Node "node" { name: "name" },
    External "external" { ip: "ip" = default },
});

fn one() -> u64 {
    1
}

fn default_detail() -> usize {
    20
}

/// What to simulate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestSpec {
    /// Sender.
    pub from: Source,
    /// `http://web.default.svc:80/`, `web:80`, `10.96.0.12:80`, `[fd00::1]:80`, `192.168.1.2:30080`.
    pub to: String,
    /// `TCP` (default), `UDP` or `SCTP`.
    #[serde(default)]
    pub protocol: String,
    /// Number of requests (1 to [`MAX_COUNT`]).
    #[serde(default = "one")]
    pub count: u64,
    /// Seed of the random choices (load balancer node, endpoint).
    #[serde(default)]
    pub seed: u64,
    /// Virtual seconds between two requests (0: all at the cluster's current time).
    #[serde(default)]
    pub interval_seconds: u64,
    /// How many requests to report one by one (default 20, at most [`MAX_DETAIL`]).
    #[serde(default = "default_detail")]
    pub detail: usize,
}

impl RequestSpec {
    /// One TCP request from `from` to `to`, seed 0.
    pub fn new(from: Source, to: &str) -> Self {
        RequestSpec {
            from,
            to: to.to_string(),
            protocol: String::new(),
            count: 1,
            seed: 0,
            interval_seconds: 0,
            detail: default_detail(),
        }
    }
}

/// A request that cannot be simulated at all (unknown pod, unreadable target, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestError {
    /// What is wrong, in plain words.
    pub message: String,
}

impl RequestError {
    fn new(message: impl Into<String>) -> Self {
        RequestError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RequestError {}

/// State that outlives one [`simulate`] call: the `-m recent` lists behind `sessionAffinity:
/// ClientIP`, per node.
#[derive(Debug, Clone, Default)]
pub struct RequestState {
    affinity: HashMap<AffinityKey, Sticky>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct AffinityKey {
    node: String,
    client: IpAddr,
    service_port: String,
}

#[derive(Debug, Clone)]
struct Sticky {
    endpoint: String,
    last_seen: u64,
}

impl RequestState {
    /// Forgets every affinity entry (as a kube-proxy restart would not; for tests and resets).
    pub fn clear(&mut self) {
        self.affinity.clear();
    }

    /// Number of remembered (node, client, Service port) affinity entries.
    pub fn len(&self) -> usize {
        self.affinity.len()
    }

    /// Whether no affinity entry is remembered.
    pub fn is_empty(&self) -> bool {
        self.affinity.is_empty()
    }
}

/// What kind of thing one step of a request's path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HopStep {
    /// The sender.
    Client,
    /// A DNS lookup.
    Dns,
    /// The cloud load balancer.
    LoadBalancer,
    /// The packet enters a node.
    Node,
    /// An iptables rule it matched.
    Rule,
    /// Plain routing (pod-to-pod, leaving the cluster).
    Network,
    /// The receiving pod.
    Pod,
}

/// One step of a request's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HopView {
    /// Kind of step.
    pub step: HopStep,
    /// Where it happens: `client`, a node name, `load balancer`, a pod name.
    pub at: String,
    /// Plain words, or the rule text for [`HopStep::Rule`].
    pub text: String,
    /// `nat` or `filter` (rules only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The chain (rules only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
}

impl HopView {
    fn plain(step: HopStep, at: &str, text: String) -> Self {
        HopView {
            step,
            at: at.to_string(),
            text,
            table: None,
            chain: None,
        }
    }
}

/// How one request ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Outcome {
    /// It reached a listening port of a pod (or of a non-pod endpoint).
    Delivered {
        /// Pod name (`None` for an endpoint that is no pod, e.g. of a selectorless Service).
        pod: Option<String>,
        /// Pod namespace.
        namespace: Option<String>,
        /// The pod's IP.
        pod_ip: String,
        /// The port it reached (the endpoint's `targetPort`).
        target_port: u16,
        /// Node the pod runs on.
        node: Option<String>,
        /// The source address the pod sees.
        source_ip_seen_by_pod: String,
        /// Whether the source was rewritten (`MASQUERADE`).
        snat: bool,
    },
    /// Connection refused: kube-proxy's `REJECT` (no endpoints), nothing listening on a node
    /// port, or a pod not listening on the port.
    Refused {
        /// Why.
        reason: String,
    },
    /// A rule dropped the packet; the client sees a timeout.
    Dropped {
        /// Why.
        reason: String,
    },
    /// Nothing answers (no route to the address); the client times out.
    TimedOut {
        /// Why.
        reason: String,
    },
    /// The LoadBalancer has no address yet (`EXTERNAL-IP <pending>`).
    Pending {
        /// Why.
        reason: String,
    },
    /// The name did not resolve.
    Unresolved {
        /// Why.
        reason: String,
    },
    /// The request leaves the cluster (ExternalName, an address outside the cluster).
    LeftCluster {
        /// Where it goes.
        destination: String,
        /// Explanation.
        reason: String,
    },
    /// kube-proxy's health check server answered (a `healthCheckNodePort`).
    HealthCheck {
        /// The node whose kube-proxy answered.
        node: String,
        /// HTTP status: 200 with local endpoints, 503 without.
        status: u16,
        /// Ready local endpoints of the Service on that node.
        local_endpoints: usize,
    },
}

impl Outcome {
    fn kind(&self) -> usize {
        match self {
            Outcome::Delivered { .. } => 0,
            Outcome::Refused { .. } => 1,
            Outcome::Dropped { .. } => 2,
            Outcome::TimedOut { .. } => 3,
            Outcome::Pending { .. } => 4,
            Outcome::Unresolved { .. } => 5,
            Outcome::LeftCluster { .. } => 6,
            Outcome::HealthCheck { .. } => 7,
        }
    }

    /// The reason of a non-delivered outcome.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Outcome::Refused { reason }
            | Outcome::Dropped { reason }
            | Outcome::TimedOut { reason }
            | Outcome::Pending { reason }
            | Outcome::Unresolved { reason }
            | Outcome::LeftCluster { reason, .. } => Some(reason),
            Outcome::Delivered { .. } | Outcome::HealthCheck { .. } => None,
        }
    }
}

/// One request, reported in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestOutcome {
    /// 0-based request number.
    pub index: u64,
    /// Virtual time of the request (seconds since the clock's epoch).
    pub at_seconds: u64,
    /// How it ended.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The node it entered kube-proxy's rules on.
    pub entry_node: Option<String>,
    /// Whether session affinity chose the endpoint.
    pub sticky: bool,
    /// Its path: client → (DNS) → (load balancer) → node → rules → pod.
    pub hops: Vec<HopView>,
}

/// How a name resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolved {
    /// The name as written.
    pub name: String,
    /// The FQDN whose answer was used.
    pub fqdn: Option<String>,
    /// Every FQDN the resolver asked, in order.
    pub tried: Vec<String>,
    /// Addresses answered.
    pub ips: Vec<String>,
    /// A CNAME answered (ExternalName).
    pub cname: Option<String>,
}

/// Requests per pod.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodCount {
    /// Pod name (or the endpoint `ip:port` for a non-pod endpoint).
    pub pod: String,
    /// Namespace.
    pub namespace: String,
    /// Node.
    pub node: Option<String>,
    /// Pod IP.
    pub pod_ip: String,
    /// Requests delivered to it.
    pub count: u64,
    /// `count / total requests`.
    pub share: f64,
}

/// Requests per outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Delivered to a pod.
    pub delivered: u64,
    /// Refused.
    pub refused: u64,
    /// Dropped.
    pub dropped: u64,
    /// Timed out.
    pub timed_out: u64,
    /// LoadBalancer pending.
    pub pending: u64,
    /// Name not resolved.
    pub unresolved: u64,
    /// Left the cluster.
    pub left_cluster: u64,
    /// Answered by a health check server.
    pub health_check: u64,
}

/// The sender as simulated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientView {
    /// `pod ns/name`, `node name` or `external client`.
    pub name: String,
    /// Its source address.
    pub ip: String,
    /// Its node (pods and nodes).
    pub node: Option<String>,
}

/// Everything [`simulate`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestReport {
    /// Sender.
    pub client: ClientView,
    /// Destination as asked (`host:port`).
    pub target: String,
    /// Protocol.
    pub protocol: String,
    /// DNS, when a name was given.
    pub resolved: Option<Resolved>,
    /// The Service port addressed, `ns/name:port` (if any).
    pub service: Option<String>,
    /// How the destination was reached: `ClusterIP`, `NodePort`, `LoadBalancer`, `externalIP`,
    /// `headless`, `pod IP`, ...
    pub via: String,
    /// Nodes where the packet met kube-proxy's rules.
    pub entry_nodes: Vec<String>,
    /// The first `detail` requests, in full.
    pub requests: Vec<RequestOutcome>,
    /// Requests per outcome.
    pub totals: Totals,
    /// Delivered requests per pod (every reachable pod, also those that got none), by name.
    pub distribution: Vec<PodCount>,
    /// What happened, in plain words.
    pub explanation: String,
    /// Things worth knowing that did not stop the requests.
    pub warnings: Vec<String>,
    /// Number of requests.
    pub count: u64,
    /// Virtual time of the first request.
    pub start_seconds: u64,
    /// Virtual time of the last request.
    pub end_seconds: u64,
}

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

/// Simulates `spec.count` requests against the settled `cluster`. `state` keeps session
/// affinity between calls; time is `cluster.clock` (not advanced by this call).
pub fn simulate(
    cluster: &Cluster,
    state: &mut RequestState,
    spec: &RequestSpec,
) -> Result<RequestReport, RequestError> {
    if spec.count == 0 {
        return Err(RequestError::new("count must be at least 1"));
    }
    if spec.count > MAX_COUNT {
        return Err(RequestError::new(format!(
            "count {} is more than the {MAX_COUNT} requests one simulation runs",
            spec.count
        )));
    }
    let protocol = if spec.protocol.is_empty() {
        "TCP".to_string()
    } else {
        spec.protocol.to_ascii_uppercase()
    };
    if !matches!(protocol.as_str(), "TCP" | "UDP" | "SCTP") {
        return Err(RequestError::new(format!(
            "protocol {:?} is not supported: use TCP, UDP or SCTP",
            spec.protocol
        )));
    }
    let target = parse_target(&spec.to)?;
    let client = resolve_client(cluster, &spec.from)?;
    let mut planner = Planner {
        cluster,
        protocol,
        port: target.port,
        client,
        warnings: Vec::new(),
        slots: Vec::new(),
        slot_index: HashMap::new(),
        service: None,
        via: String::new(),
        resolved: None,
        egress_judged: false,
    };
    let routes = plan(&mut planner, &target)?;
    let start = cluster.clock.seconds;
    let mut rng = Rng::new(spec.seed);
    let detail = spec.detail.min(MAX_DETAIL);
    let client_ip = planner.client.ip;

    // Load affinity entries for the routes that have them.
    let mut sticky_now: Vec<Option<(usize, u64)>> = routes
        .iter()
        .map(|r| match (&r.kind, &r.node) {
            (
                RouteKind::Balanced {
                    cands,
                    sticky: Some((spn, _)),
                    ..
                },
                Some(node),
            ) => {
                let key = AffinityKey {
                    node: node.clone(),
                    client: client_ip,
                    service_port: spn.clone(),
                };
                state.affinity.get(&key).and_then(|s| {
                    cands
                        .iter()
                        .position(|c| c.endpoint == s.endpoint)
                        .map(|i| (i, s.last_seen))
                })
            }
            _ => None,
        })
        .collect();
    let mut fixed_counts = vec![0u64; routes.len()];
    let mut cand_counts: Vec<Vec<u64>> = routes
        .iter()
        .map(|r| match &r.kind {
            RouteKind::Balanced { cands, .. } => vec![0u64; cands.len()],
            RouteKind::Fixed(_) => Vec::new(),
        })
        .collect();
    let mut requests = Vec::with_capacity(detail.min(spec.count as usize));
    let n_routes = routes.len() as u64;
    for i in 0..spec.count {
        let t = start.saturating_add(i.saturating_mul(spec.interval_seconds));
        let ri = if n_routes == 1 {
            0
        } else {
            rng.below(n_routes) as usize
        };
        let route = &routes[ri];
        match &route.kind {
            RouteKind::Fixed(outcome) => {
                fixed_counts[ri] += 1;
                if (i as usize) < detail {
                    requests.push(RequestOutcome {
                        index: i,
                        at_seconds: t,
                        outcome: outcome.clone(),
                        entry_node: route.node.clone(),
                        sticky: false,
                        hops: route.hops.clone(),
                    });
                }
            }
            RouteKind::Balanced {
                cands,
                cumulative,
                sticky,
            } => {
                let mut stuck = false;
                let ci = match sticky {
                    Some((_, timeout)) => {
                        let ci = match sticky_now[ri] {
                            Some((ci, last)) if t.saturating_sub(last) <= *timeout => {
                                stuck = true;
                                ci
                            }
                            _ => pick(cumulative, &mut rng),
                        };
                        sticky_now[ri] = Some((ci, t));
                        ci
                    }
                    None if cands.len() == 1 => 0,
                    None => pick(cumulative, &mut rng),
                };
                cand_counts[ri][ci] += 1;
                if (i as usize) < detail {
                    let c = &cands[ci];
                    let mut hops = Vec::with_capacity(route.hops.len() + c.hops.len());
                    hops.extend_from_slice(&route.hops);
                    hops.extend_from_slice(&c.hops);
                    requests.push(RequestOutcome {
                        index: i,
                        at_seconds: t,
                        outcome: c.outcome.clone(),
                        entry_node: route.node.clone(),
                        sticky: stuck,
                        hops,
                    });
                }
            }
        }
    }
    let end = start.saturating_add((spec.count - 1).saturating_mul(spec.interval_seconds));

    // Store affinity back.
    for (ri, r) in routes.iter().enumerate() {
        if let (
            RouteKind::Balanced {
                cands,
                sticky: Some((spn, _)),
                ..
            },
            Some(node),
            Some((ci, last)),
        ) = (&r.kind, &r.node, sticky_now[ri])
        {
            state.affinity.insert(
                AffinityKey {
                    node: node.clone(),
                    client: client_ip,
                    service_port: spn.clone(),
                },
                Sticky {
                    endpoint: cands[ci].endpoint.clone(),
                    last_seen: last,
                },
            );
        }
    }

    // Aggregate.
    let mut totals = [0u64; 8];
    let mut reasons: Vec<(String, u64)> = Vec::new();
    let mut add_reason = |o: &Outcome, n: u64| {
        if n == 0 {
            return;
        }
        if let Some(r) = o.reason() {
            match reasons.iter_mut().find(|(x, _)| x == r) {
                Some((_, c)) => *c += n,
                None => reasons.push((r.to_string(), n)),
            }
        }
    };
    let mut slots = std::mem::take(&mut planner.slots);
    let mut snat_seen: Vec<(String, bool)> = Vec::new();
    for (ri, r) in routes.iter().enumerate() {
        match &r.kind {
            RouteKind::Fixed(o) => {
                totals[o.kind()] += fixed_counts[ri];
                add_reason(o, fixed_counts[ri]);
            }
            RouteKind::Balanced { cands, .. } => {
                for (ci, c) in cands.iter().enumerate() {
                    let n = cand_counts[ri][ci];
                    totals[c.outcome.kind()] += n;
                    add_reason(&c.outcome, n);
                    if let Some(s) = c.slot {
                        slots[s].count += n;
                    }
                    if let Outcome::Delivered {
                        source_ip_seen_by_pod,
                        snat,
                        ..
                    } = &c.outcome
                        && n > 0
                        && !snat_seen.iter().any(|(ip, _)| ip == source_ip_seen_by_pod)
                    {
                        snat_seen.push((source_ip_seen_by_pod.clone(), *snat));
                    }
                }
            }
        }
    }
    for s in &mut slots {
        s.share = s.count as f64 / spec.count as f64;
    }
    svcplay_model::slice::sort_by(&mut slots, |a, b| {
        (&a.namespace, &a.pod).cmp(&(&b.namespace, &b.pod))
    });
    let totals = Totals {
        delivered: totals[0],
        refused: totals[1],
        dropped: totals[2],
        timed_out: totals[3],
        pending: totals[4],
        unresolved: totals[5],
        left_cluster: totals[6],
        health_check: totals[7],
    };
    let mut entry_nodes: Vec<String> = routes.iter().filter_map(|r| r.node.clone()).collect();
    entry_nodes.dedup();
    let mut warnings = std::mem::take(&mut planner.warnings);
    unready_warnings(cluster, &planner, &mut warnings);

    // Explanation.
    let mut ex = format!(
        "{} request{} from {} ({}) to {}",
        spec.count,
        if spec.count == 1 { "" } else { "s" },
        planner.client.view.name,
        planner.client.ip,
        display_target(&target)
    );
    if let Some(r) = &planner.resolved
        && let (Some(f), false) = (&r.fqdn, r.ips.is_empty())
    {
        let _ = write!(ex, "; DNS: {f} = {}", r.ips.join(", "));
    }
    if let Some(s) = &planner.service {
        let _ = write!(
            ex,
            "; {} of Service {s}",
            if planner.via.is_empty() {
                "address"
            } else {
                &planner.via
            }
        );
    }
    if !entry_nodes.is_empty() {
        let _ = write!(ex, "; kube-proxy rules of {}", entry_nodes.join(", "));
    }
    ex.push_str(".\n");
    let delivered_pods: Vec<String> = slots
        .iter()
        .filter(|s| s.count > 0)
        .map(|s| format!("{} {}", s.pod, s.count))
        .collect();
    if totals.delivered > 0 {
        let _ = write!(
            ex,
            "Delivered {}/{}: {}.",
            totals.delivered,
            spec.count,
            delivered_pods.join(", ")
        );
        let kept: Vec<&str> = snat_seen
            .iter()
            .filter(|(_, s)| !*s)
            .map(|(ip, _)| ip.as_str())
            .collect();
        let natted: Vec<&str> = snat_seen
            .iter()
            .filter(|(_, s)| *s)
            .map(|(ip, _)| ip.as_str())
            .collect();
        if !kept.is_empty() {
            let _ = write!(
                ex,
                " The pods see the client's own address {}.",
                kept.join(", ")
            );
        }
        if !natted.is_empty() {
            let _ = write!(
                ex,
                " Source rewritten (SNAT) to node address(es) {}.",
                natted.join(", ")
            );
        }
        ex.push('\n');
    }
    for (r, n) in &reasons {
        let _ = writeln!(ex, "{n}/{}: {r}", spec.count);
    }
    let explanation = ex.trim_end().to_string();

    Ok(RequestReport {
        client: planner.client.view.clone(),
        target: display_target(&target),
        protocol: planner.protocol.clone(),
        resolved: planner.resolved.clone(),
        service: planner.service.clone(),
        via: planner.via.clone(),
        entry_nodes,
        requests,
        totals,
        distribution: slots,
        explanation,
        warnings,
        count: spec.count,
        start_seconds: start,
        end_seconds: end,
    })
}

/// Pods selected by the addressed Service that get no traffic, and why.
fn unready_warnings(cluster: &Cluster, p: &Planner, out: &mut Vec<String>) {
    let Some(name) = &p.service else { return };
    let base = name.split(':').next().unwrap_or(name);
    let Some((ns, svc_name)) = base.split_once('/') else {
        return;
    };
    let Some(svc) = cluster
        .store
        .services
        .get(&(ns.to_string(), svc_name.to_string()))
    else {
        return;
    };
    let Some(sel) = svc.spec.selector.as_ref().filter(|s| !s.is_empty()) else {
        return;
    };
    for ((pns, pname), pod) in &cluster.store.pods {
        if pns != ns
            || !sel
                .iter()
                .all(|(k, v)| pod.metadata.labels.get(k) == Some(v))
        {
            continue;
        }
        let ready = pod
            .status
            .conditions
            .iter()
            .any(|c| c.type_ == "Ready" && c.status == "True");
        if pod.metadata.deletion_timestamp.is_some() {
            out.push(format!(
                "pod {pname} is terminating: it gets traffic only while no ready pod is left"
            ));
        } else if !ready {
            out.push(format!(
                "pod {pname} matches the selector but is not Ready: it gets no traffic"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cascade_is_uniform() {
        // proxier.go computeProbability: 1/(n-i) per rule, the last unconditional.
        let c = cascade(3);
        assert!((c[0] - 1.0 / 3.0).abs() < 1e-9);
        assert!((c[1] - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(c[2], 1.0);
        assert_eq!(cascade(1), vec![1.0]);
        let mut rng = Rng::new(1);
        let mut counts = [0u32; 6];
        let c = cascade(6);
        for _ in 0..60_000 {
            counts[pick(&c, &mut rng)] += 1;
        }
        for n in counts {
            assert!((9_000..11_000).contains(&n), "{counts:?}");
        }
    }

    #[test]
    fn endpoints_split() {
        assert_eq!(
            split_endpoint("10.0.0.1:80"),
            Some(("10.0.0.1".parse().unwrap(), 80))
        );
        assert_eq!(
            split_endpoint("[fd00::1]:80"),
            Some(("fd00::1".parse().unwrap(), 80))
        );
        assert_eq!(split_endpoint("x"), None);
    }

    /// `Source` as `#[derive(Deserialize)]` decoded it before its hand-written impl.
    mod derived {
        use serde::{Deserialize, Serialize};
        use std::net::IpAddr;

        #[derive(Serialize, Deserialize)]
        #[serde(tag = "kind", rename_all = "camelCase")]
        pub enum Source {
            Pod {
                #[serde(default)]
                namespace: String,
                name: String,
            },
            Node {
                name: String,
            },
            External {
                #[serde(default)]
                ip: Option<IpAddr>,
            },
        }

        #[derive(Serialize, Deserialize)]
        pub struct RequestSpec {
            pub from: Source,
            pub to: String,
        }
    }

    #[test]
    fn source_decodes_as_the_derived_impl_did() {
        fn show<T: for<'de> Deserialize<'de> + Serialize>(json: &str) -> Result<String, String> {
            serde_json::from_str::<T>(json)
                .map(|v| serde_json::to_string(&v).expect("serializes"))
                .map_err(|e| e.to_string())
        }
        let corpus = svcplay_model::tagged::corpus(
            "kind",
            &["pod", "node", "external"],
            &["namespace", "name", "ip"],
            5000,
        );
        for json in &corpus {
            assert_eq!(
                show::<derived::Source>(json),
                show::<Source>(json),
                "{json}"
            );
            let spec = format!(r#"{{"from": {json}, "to": "web:80"}}"#);
            let new = serde_json::from_str::<RequestSpec>(&spec).map_err(|e| e.to_string());
            assert_eq!(
                show::<derived::RequestSpec>(&spec).err(),
                new.err(),
                "{spec}"
            );
        }
        // A few as written by the page.
        let ok = |j: &str| serde_json::from_str::<Source>(j).expect(j);
        assert_eq!(
            ok(r#"{"kind":"pod","name":"client"}"#),
            Source::Pod {
                namespace: String::new(),
                name: "client".into()
            }
        );
        assert_eq!(
            ok(r#"{"kind":"external","ip":"1.2.3.4"}"#),
            Source::External {
                ip: Some(Ipv4Addr::new(1, 2, 3, 4).into())
            }
        );
        assert_eq!(
            serde_json::from_str::<Source>(r#"{"kind":"pods","name":"c"}"#)
                .unwrap_err()
                .to_string(),
            "unknown variant `pods`, expected one of `pod`, `node`, `external` at line 1 column 14"
        );
    }
}
