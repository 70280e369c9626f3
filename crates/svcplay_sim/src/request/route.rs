//! Planning a call: the sender, DNS, what the destination address is, the node(s) where the
//! packet meets kube-proxy, and one traced route per entry node with its candidate endpoints
//! and their outcomes. Everything here runs once per [`simulate`](super::simulate) call.

use super::*;
// ---------------------------------------------------------------------------------------------
// Routes: what the requests can do, computed once per call
// ---------------------------------------------------------------------------------------------

/// One endpoint a route may pick.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub(super) endpoint: String,
    pub(super) outcome: Outcome,
    pub(super) hops: Vec<HopView>,
    /// Index into the distribution table (delivered to a pod or endpoint).
    pub(super) slot: Option<usize>,
}

#[derive(Debug, Clone)]
pub(super) enum RouteKind {
    Fixed(Outcome),
    Balanced {
        cands: Vec<Cand>,
        /// Cumulative probability of picking candidate `i` (last = 1).
        cumulative: Vec<f64>,
        /// `(service port name, timeoutSeconds)` with ClientIP affinity.
        sticky: Option<(String, u64)>,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Route {
    pub(super) node: Option<String>,
    pub(super) hops: Vec<HopView>,
    pub(super) kind: RouteKind,
}

impl Route {
    fn fixed(node: Option<String>, hops: Vec<HopView>, outcome: Outcome) -> Self {
        Route {
            node,
            hops,
            kind: RouteKind::Fixed(outcome),
        }
    }
}

/// The sender, resolved.
pub(super) struct Client<'c> {
    pub(super) view: ClientView,
    pub(super) ip: IpAddr,
    pub(super) node: Option<&'c Node>,
    /// Namespace for DNS search, when the sender uses cluster DNS.
    pub(super) dns_namespace: Option<String>,
    pub(super) external: bool,
    pub(super) pod: Option<&'c Pod>,
}

/// What the call knows while planning.
pub(super) struct Planner<'c> {
    pub(super) cluster: &'c Cluster,
    pub(super) protocol: String,
    pub(super) port: u16,
    pub(super) client: Client<'c>,
    pub(super) warnings: Vec<String>,
    pub(super) slots: Vec<PodCount>,
    pub(super) slot_index: HashMap<String, usize>,
    pub(super) service: Option<String>,
    pub(super) via: String,
    pub(super) resolved: Option<Resolved>,
    /// The sender's egress policies already judged the packet as it left the sender's node
    /// (a pod's packet to another node's address is not DNATed on its own node).
    pub(super) egress_judged: bool,
}

fn ns_of(ns: &str) -> &str {
    explain::ns_of(ns)
}

fn node_ip(node: &Node) -> Option<IpAddr> {
    let by = |t: &str| {
        node.status
            .addresses
            .iter()
            .filter(|a| a.type_ == t)
            .find_map(|a| a.address.parse::<IpAddr>().ok())
    };
    by("InternalIP").or_else(|| by("ExternalIP"))
}

fn node_ready(node: &Node) -> bool {
    node.status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready")
        .is_none_or(|c| c.status == "True")
}

fn node_owning(cluster: &Cluster, ip: IpAddr) -> Option<&Node> {
    cluster.store.nodes.values().find(|n| {
        n.status.addresses.iter().any(|a| {
            matches!(a.type_.as_str(), "InternalIP" | "ExternalIP")
                && a.address.parse::<IpAddr>() == Ok(ip)
        })
    })
}

fn pod_ips(pod: &Pod) -> impl Iterator<Item = IpAddr> + '_ {
    std::iter::once(pod.status.pod_ip.as_str())
        .chain(pod.status.pod_ips.iter().map(|p| p.ip.as_str()))
        .filter_map(|s| s.parse::<IpAddr>().ok())
}

fn service_ips(svc: &Service) -> impl Iterator<Item = IpAddr> + '_ {
    std::iter::once(svc.spec.cluster_ip.as_str())
        .chain(svc.spec.cluster_ips.iter().map(String::as_str))
        .filter_map(|s| s.parse::<IpAddr>().ok())
}

fn lb_ips(svc: &Service) -> impl Iterator<Item = IpAddr> + '_ {
    svc.status
        .load_balancer
        .ingress
        .iter()
        .filter_map(|i| i.ip.parse::<IpAddr>().ok())
}

fn proto_of(p: &ServicePort) -> &str {
    if p.protocol.is_empty() {
        "TCP"
    } else {
        &p.protocol
    }
}

/// The Service port a packet to `port`/`protocol` on one of the Service's addresses means.
fn port_by_number<'s>(svc: &'s Service, port: u16, protocol: &str) -> Option<&'s ServicePort> {
    svc.spec
        .ports
        .iter()
        .find(|p| p.port == i32::from(port) && proto_of(p).eq_ignore_ascii_case(protocol))
}

fn port_list(svc: &Service) -> String {
    let ports: Vec<String> = svc.spec.ports.iter().map(explain::port_label).collect();
    if ports.is_empty() {
        "none".to_string()
    } else {
        ports.join(", ")
    }
}

fn svc_port_name(svc: &Service, sp: &ServicePort) -> String {
    let base = explain::service_name(svc);
    if sp.name.is_empty() {
        base
    } else {
        format!("{base}:{}", sp.name)
    }
}

fn sticky_timeout(svc: &Service) -> Option<u64> {
    (svc.spec.session_affinity == "ClientIP").then(|| {
        svc.spec
            .session_affinity_config
            .as_ref()
            .and_then(|c| c.client_ip.as_ref())
            .and_then(|c| c.timeout_seconds)
            .unwrap_or(10_800)
            .max(0) as u64
    })
}

/// Cumulative probabilities of the `-m statistic` cascade over `n` endpoints: rule `i` fires
/// with `computeProbability(n - i)` when reached, the last always.
pub(super) fn cascade(n: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(n);
    let mut reach = 1.0f64;
    let mut acc = 0.0f64;
    for i in 0..n {
        let p = if i + 1 == n {
            1.0
        } else {
            proxy::compute_probability(n - i)
                .parse::<f64>()
                .unwrap_or(1.0 / (n - i) as f64)
        };
        acc += reach * p;
        reach *= 1.0 - p;
        out.push(acc);
    }
    if let Some(last) = out.last_mut() {
        *last = 1.0;
    }
    out
}

pub(super) fn uniform(n: usize) -> Vec<f64> {
    (1..=n).map(|i| i as f64 / n as f64).collect()
}

pub(super) fn pick(cumulative: &[f64], rng: &mut Rng) -> usize {
    let u = rng.unit();
    // Linear for the usual handful of endpoints, binary search for many.
    if cumulative.len() <= 16 {
        cumulative
            .iter()
            .position(|&c| u < c)
            .unwrap_or(cumulative.len() - 1)
    } else {
        cumulative
            .partition_point(|&c| c <= u)
            .min(cumulative.len() - 1)
    }
}

impl<'c> Planner<'c> {
    fn slot(&mut self, key: String, view: PodCount) -> usize {
        if let Some(&i) = self.slot_index.get(&key) {
            return i;
        }
        self.slots.push(view);
        self.slot_index.insert(key, self.slots.len() - 1);
        self.slots.len() - 1
    }

    fn families(&self) -> (bool, bool) {
        let s = &self.cluster.settings;
        let mut v4 = s.pod_cidr.is_ipv4();
        let mut v6 = !s.pod_cidr.is_ipv4();
        for c in &s.service_cidrs {
            v4 |= c.is_ipv4();
            v6 |= !c.is_ipv4();
        }
        for n in self.cluster.store.nodes.values() {
            if let Some(ip) = node_ip(n) {
                v4 |= ip.is_ipv4();
                v6 |= ip.is_ipv6();
            }
        }
        (v4, v6)
    }

    /// A pod (and its node) by IP.
    fn pod_by_ip(&self, ip: IpAddr) -> Option<&'c Pod> {
        self.cluster
            .store
            .pods
            .values()
            .find(|p| !p.spec.host_network && pod_ips(p).any(|x| x == ip))
    }

    /// The pod behind an endpoint address: its slice's `targetRef`, else a pod with that IP.
    fn endpoint_pod(&self, slices: &[&'c EndpointSlice], ip: IpAddr) -> Option<&'c Pod> {
        for s in slices {
            for ep in &s.endpoints {
                if ep
                    .addresses
                    .first()
                    .and_then(|a| proxy::model::parse_ip_sloppy(a))
                    != Some(ip)
                {
                    continue;
                }
                if let Some(r) = &ep.target_ref
                    && r.kind == "Pod"
                {
                    let ns = if r.namespace.is_empty() {
                        ns_of(&s.metadata.namespace).to_string()
                    } else {
                        r.namespace.clone()
                    };
                    if let Some(p) = self.cluster.store.pods.get(&(ns, r.name.clone())) {
                        return Some(p);
                    }
                }
            }
        }
        self.pod_by_ip(ip)
    }

    /// Why NetworkPolicies drop the connection from the client to `dst_ip:port` (after DNAT),
    /// which the destination sees coming from `source_seen`; `None` when they let it through.
    fn policy_drop(
        &self,
        dst_pod: Option<&'c Pod>,
        dst_ip: IpAddr,
        port: u16,
        source_seen: IpAddr,
    ) -> Option<String> {
        let cluster = self.cluster;
        let client = netpol::End {
            ip: self.client.ip,
            pod: self.client.pod.filter(|p| !p.spec.host_network),
        };
        let dst = netpol::End {
            ip: dst_ip,
            pod: dst_pod.filter(|p| !p.spec.host_network),
        };
        let seen = netpol::End {
            ip: source_seen,
            pod: if source_seen == client.ip {
                client.pod
            } else {
                netpol::pod_with_ip(cluster, source_seen)
            },
        };
        let egress = if self.egress_judged {
            None
        } else {
            netpol::egress_denied(cluster, client, dst, port, &self.protocol)
        };
        egress.or_else(|| netpol::ingress_denied(cluster, seen, dst, port, &self.protocol))
    }

    /// The outcome of a packet reaching `ip:port` directly (after DNAT or pod-to-pod).
    fn arrive(
        &mut self,
        slices: &[&'c EndpointSlice],
        ip: IpAddr,
        port: u16,
        source_seen: IpAddr,
        snat: bool,
        endpoint: &str,
    ) -> (Outcome, Option<usize>, HopView) {
        let protocol = self.protocol.clone();
        let dst_pod = self.endpoint_pod(slices, ip);
        if let Some(why) = self.policy_drop(dst_pod, ip, port, source_seen) {
            let at = dst_pod.map_or(endpoint, |p| p.metadata.name.as_str());
            let reason = format!("{why}; the client times out");
            let hop = HopView::plain(
                HopStep::Network,
                at,
                format!("the network plugin drops the packet: {why}"),
            );
            return (Outcome::Dropped { reason }, None, hop);
        }
        match dst_pod {
            Some(pod) => {
                let name = pod.metadata.name.clone();
                let ns = ns_of(&pod.metadata.namespace).to_string();
                let node = (!pod.spec.node_name.is_empty()).then(|| pod.spec.node_name.clone());
                if !explain::pod_listens(pod, i32::from(port), &protocol) {
                    let reason = explain::pod_refuses(pod, i32::from(port), &protocol);
                    let hop = HopView::plain(HopStep::Pod, &name, reason.clone());
                    return (Outcome::Refused { reason }, None, hop);
                }
                let slot = self.slot(
                    format!("{ns}/{name}"),
                    PodCount {
                        pod: name.clone(),
                        namespace: ns.clone(),
                        node: node.clone(),
                        pod_ip: ip.to_string(),
                        count: 0,
                        share: 0.0,
                    },
                );
                let hop = HopView::plain(
                    HopStep::Pod,
                    &name,
                    format!(
                        "pod {ns}/{name} ({ip}{}) receives the request on port {port} from {source_seen}{}",
                        node.as_deref()
                            .map(|n| format!(" on {n}"))
                            .unwrap_or_default(),
                        if snat {
                            " (source rewritten by KUBE-POSTROUTING MASQUERADE)"
                        } else {
                            " (client address kept)"
                        }
                    ),
                );
                (
                    Outcome::Delivered {
                        pod: Some(name),
                        namespace: Some(ns),
                        pod_ip: ip.to_string(),
                        target_port: port,
                        node,
                        source_ip_seen_by_pod: source_seen.to_string(),
                        snat,
                    },
                    Some(slot),
                    hop,
                )
            }
            None => {
                let slot = self.slot(
                    endpoint.to_string(),
                    PodCount {
                        pod: endpoint.to_string(),
                        namespace: String::new(),
                        node: None,
                        pod_ip: ip.to_string(),
                        count: 0,
                        share: 0.0,
                    },
                );
                let hop = HopView::plain(
                    HopStep::Network,
                    endpoint,
                    format!(
                        "endpoint {endpoint} is no pod of this cluster; the packet is routed to it with source {source_seen}"
                    ),
                );
                (
                    Outcome::Delivered {
                        pod: None,
                        namespace: None,
                        pod_ip: ip.to_string(),
                        target_port: port,
                        node: None,
                        source_ip_seen_by_pod: source_seen.to_string(),
                        snat,
                    },
                    Some(slot),
                    hop,
                )
            }
        }
    }

    /// Services whose rules a packet to `dst:port` can match, and their slices.
    fn relevant(&self, dst: IpAddr) -> (Vec<&'c Service>, Vec<&'c EndpointSlice>) {
        let port = i32::from(self.port);
        let to_node = dst.is_loopback() || node_owning(self.cluster, dst).is_some();
        let services: Vec<&Service> = self
            .cluster
            .store
            .services
            .values()
            .filter(|s| {
                service_ips(s).any(|ip| ip == dst)
                    || s.spec
                        .external_ips
                        .iter()
                        .any(|e| e.parse::<IpAddr>() == Ok(dst))
                    || lb_ips(s).any(|ip| ip == dst)
                    || (to_node
                        && (s.spec.health_check_node_port == port
                            || s.spec.ports.iter().any(|p| p.node_port == port)))
            })
            .collect();
        let slices = self
            .cluster
            .store
            .endpoint_slices
            .iter()
            .filter(|((ns, _), sl)| {
                sl.metadata.labels.get(LABEL_SERVICE_NAME).is_some_and(|n| {
                    services
                        .iter()
                        .any(|s| ns_of(&s.metadata.namespace) == ns && &s.metadata.name == n)
                })
            })
            .map(|(_, s)| s)
            .collect();
        (services, slices)
    }

    fn trace_on(
        &self,
        node: &Node,
        src: IpAddr,
        dst: IpAddr,
        services: &[&'c Service],
        slices: &[&'c EndpointSlice],
    ) -> Result<TraceResult, RequestError> {
        let input = ProxyInput::for_node(
            node,
            &self.cluster.settings.proxy,
            services.to_vec(),
            slices.to_vec(),
        );
        let rules = Ruleset::parse(&proxy::iptables_save(&input)).map_err(|e| {
            RequestError::new(format!(
                "internal: generated rules do not parse: {}",
                e.message
            ))
        })?;
        let packet = Packet {
            source: src,
            destination: dst,
            port: self.port,
            protocol: self.protocol.clone(),
        };
        Ok(proxy::trace(&rules, &packet, &input.local_addresses))
    }

    /// Routes a packet through `node`'s rules. `target` is the Service (port) the destination
    /// belongs to, for explanations; `none` is the outcome when no rule applies.
    fn route_on_node(
        &mut self,
        node: &'c Node,
        mut hops: Vec<HopView>,
        src: IpAddr,
        dst: IpAddr,
        target: Option<(&'c Service, Option<&'c ServicePort>)>,
        none: impl FnOnce() -> Outcome,
    ) -> Result<Route, RequestError> {
        let node_name = node.metadata.name.clone();
        let (services, slices) = self.relevant(dst);
        let tr = self.trace_on(node, src, dst, &services, &slices)?;
        let rule_hops: Vec<HopView> = tr
            .hops
            .iter()
            .map(|h| HopView {
                step: HopStep::Rule,
                at: node_name.clone(),
                text: h.rule.clone(),
                table: Some(h.table.clone()),
                chain: Some(h.chain.clone()),
            })
            .collect();
        let node_addr = node_ip(node).unwrap_or(src);
        match tr.verdict {
            Verdict::Dnat => {
                let base_masq = tr.hops.iter().any(|h| {
                    h.rule.ends_with("-j KUBE-MARK-MASQ") && !h.chain.starts_with("KUBE-SEP-")
                });
                let mut cands = Vec::new();
                for cand in &tr.candidates {
                    let Some((ip, port)) = split_endpoint(cand) else {
                        continue;
                    };
                    let snat = base_masq || ip == src;
                    let seen = if snat { node_addr } else { src };
                    let sep = tr
                        .hops
                        .iter()
                        .find(|h| {
                            h.chain.starts_with("KUBE-SEP-")
                                && h.rule.contains(&format!("--to-destination {cand}"))
                        })
                        .map(|h| h.chain.clone())
                        .unwrap_or_default();
                    let mut chops: Vec<HopView> = rule_hops
                        .iter()
                        .filter(|h| {
                            let chain = h.chain.as_deref().unwrap_or_default();
                            let jumps_sep = h.text.contains(" -j KUBE-SEP-");
                            if chain.starts_with("KUBE-SEP-") {
                                chain == sep
                            } else if jumps_sep {
                                h.text.ends_with(&format!("-j {sep}"))
                            } else {
                                true
                            }
                        })
                        .cloned()
                        .collect();
                    let (outcome, slot, hop) = self.arrive(&slices, ip, port, seen, snat, cand);
                    chops.push(hop);
                    cands.push(Cand {
                        endpoint: cand.clone(),
                        outcome,
                        hops: chops,
                        slot,
                    });
                }
                let refusing: Vec<&str> = cands
                    .iter()
                    .filter(|c| matches!(c.outcome, Outcome::Refused { .. }))
                    .map(|c| c.endpoint.as_str())
                    .collect();
                if !refusing.is_empty()
                    && let Some((svc, Some(sp))) = target
                {
                    let w = format!(
                        "Service {} sends port {} to targetPort {}, but {} of its {} endpoint(s) ({}) do not declare that port: those requests are refused by the pod",
                        explain::service_name(svc),
                        sp.port,
                        sp.target_port
                            .as_ref()
                            .map_or_else(|| sp.port.to_string(), ToString::to_string),
                        refusing.len(),
                        cands.len(),
                        refusing.join(", ")
                    );
                    if !self.warnings.contains(&w) {
                        self.warnings.push(w);
                    }
                }
                let sticky = target.and_then(|(svc, sp)| {
                    let sp = sp?;
                    sticky_timeout(svc).map(|t| (svc_port_name(svc, sp), t))
                });
                let cumulative = cascade(cands.len());
                if cands.is_empty() {
                    return Ok(Route::fixed(
                        Some(node_name),
                        hops,
                        Outcome::TimedOut {
                            reason: "the rules DNAT to an unreadable endpoint".to_string(),
                        },
                    ));
                }
                Ok(Route {
                    node: Some(node_name),
                    hops,
                    kind: RouteKind::Balanced {
                        cands,
                        cumulative,
                        sticky,
                    },
                })
            }
            Verdict::Reject => {
                let why = match target {
                    Some((svc, sp)) => explain::no_endpoints(self.cluster, svc, sp),
                    None => "no endpoints".to_string(),
                };
                hops.extend(rule_hops);
                Ok(Route::fixed(
                    Some(node_name),
                    hops,
                    Outcome::Refused {
                        reason: format!(
                            "connection refused by kube-proxy's REJECT rule on {}: {why}",
                            node.metadata.name
                        ),
                    },
                ))
            }
            Verdict::Drop => {
                let drop = tr
                    .hops
                    .iter()
                    .rev()
                    .find(|h| h.rule.ends_with("-j DROP"))
                    .cloned();
                let reason = match (target, drop) {
                    (Some((svc, _)), Some(h)) if h.chain == "KUBE-PROXY-FIREWALL" => format!(
                        "dropped by KUBE-PROXY-FIREWALL on {}: client {src} is not in loadBalancerSourceRanges [{}] of Service {}; the client times out",
                        node.metadata.name,
                        svc.spec.load_balancer_source_ranges.join(", "),
                        explain::service_name(svc)
                    ),
                    (Some((svc, _)), Some(h)) => explain::no_local_endpoints(
                        self.cluster,
                        svc,
                        &node.metadata.name,
                        h.chain != "KUBE-SERVICES",
                    ),
                    _ => format!(
                        "dropped by a kube-proxy rule on {}; the client times out",
                        node.metadata.name
                    ),
                };
                hops.extend(rule_hops);
                Ok(Route::fixed(
                    Some(node_name),
                    hops,
                    Outcome::Dropped { reason },
                ))
            }
            Verdict::Accept => {
                let local = target.map_or(0, |(svc, _)| {
                    local_ready_endpoints(self.cluster, svc, &node.metadata.name)
                });
                hops.extend(rule_hops);
                Ok(Route::fixed(
                    Some(node_name.clone()),
                    hops,
                    Outcome::HealthCheck {
                        node: node_name,
                        status: if local > 0 { 200 } else { 503 },
                        local_endpoints: local,
                    },
                ))
            }
            Verdict::None => {
                hops.extend(rule_hops);
                Ok(Route::fixed(Some(node_name), hops, none()))
            }
        }
    }
}

fn local_ready_endpoints(cluster: &Cluster, svc: &Service, node: &str) -> usize {
    let ns = ns_of(&svc.metadata.namespace);
    let mut seen: Vec<&str> = Vec::new();
    for ((sns, _), s) in &cluster.store.endpoint_slices {
        if sns != ns || s.metadata.labels.get(LABEL_SERVICE_NAME) != Some(&svc.metadata.name) {
            continue;
        }
        for ep in &s.endpoints {
            if ep.conditions.ready != Some(false)
                && ep.node_name.as_deref() == Some(node)
                && let Some(a) = ep.addresses.first()
                && !seen.contains(&a.as_str())
            {
                seen.push(a);
            }
        }
    }
    seen.len()
}

/// `ip:port` / `[ip]:port` → parts.
pub(super) fn split_endpoint(s: &str) -> Option<(IpAddr, u16)> {
    let (h, p) = s.rsplit_once(':')?;
    let h = h.trim_start_matches('[').trim_end_matches(']');
    Some((proxy::model::parse_ip_sloppy(h)?, p.parse().ok()?))
}

// ---------------------------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------------------------

pub(super) fn resolve_client<'c>(
    cluster: &'c Cluster,
    from: &Source,
) -> Result<Client<'c>, RequestError> {
    match from {
        Source::Pod { namespace, name } => {
            let ns = ns_of(namespace);
            let Some(pod) = cluster.store.pods.get(&(ns.to_string(), name.clone())) else {
                let elsewhere: Vec<&str> = cluster
                    .store
                    .pods
                    .keys()
                    .filter(|(_, n)| n == name)
                    .map(|(pns, _)| pns.as_str())
                    .collect();
                let mut msg = format!("pods \"{name}\" not found in namespace \"{ns}\"");
                if !elsewhere.is_empty() {
                    let _ = write!(
                        msg,
                        " (a pod of that name exists in namespace {})",
                        elsewhere.join(", ")
                    );
                }
                return Err(RequestError::new(msg));
            };
            let node = cluster.store.nodes.get(&pod.spec.node_name);
            let Some(node) = node else {
                return Err(RequestError::new(format!(
                    "pod {ns}/{name} is not running on a node (phase {}), so it cannot send requests",
                    if pod.status.phase.is_empty() {
                        "Pending"
                    } else {
                        &pod.status.phase
                    }
                )));
            };
            let ip = if pod.spec.host_network {
                node_ip(node)
            } else {
                pod.status.pod_ip.parse::<IpAddr>().ok()
            };
            let Some(ip) = ip else {
                return Err(RequestError::new(format!(
                    "pod {ns}/{name} has no IP yet (phase {}), so it cannot send requests",
                    if pod.status.phase.is_empty() {
                        "Pending"
                    } else {
                        &pod.status.phase
                    }
                )));
            };
            if matches!(pod.status.phase.as_str(), "Succeeded" | "Failed") {
                return Err(RequestError::new(format!(
                    "pod {ns}/{name} has finished ({}), so it cannot send requests",
                    pod.status.phase
                )));
            }
            Ok(Client {
                view: ClientView {
                    name: format!("pod {ns}/{name}"),
                    ip: ip.to_string(),
                    node: Some(node.metadata.name.clone()),
                },
                ip,
                node: Some(node),
                // hostNetwork pods with dnsPolicy ClusterFirst fall back to the node's resolver.
                dns_namespace: (!pod.spec.host_network).then(|| ns.to_string()),
                external: false,
                pod: Some(pod),
            })
        }
        Source::Node { name } => {
            let Some(node) = cluster.store.nodes.get(name) else {
                return Err(RequestError::new(format!("nodes \"{name}\" not found")));
            };
            let Some(ip) = node_ip(node) else {
                return Err(RequestError::new(format!(
                    "node {name} has no InternalIP or ExternalIP in status.addresses"
                )));
            };
            Ok(Client {
                view: ClientView {
                    name: format!("node {name}"),
                    ip: ip.to_string(),
                    node: Some(name.clone()),
                },
                ip,
                node: Some(node),
                dns_namespace: None,
                external: false,
                pod: None,
            })
        }
        Source::External { ip } => {
            let ip = ip.unwrap_or(IpAddr::V4(DEFAULT_EXTERNAL_CLIENT));
            Ok(Client {
                view: ClientView {
                    name: "external client".to_string(),
                    ip: ip.to_string(),
                    node: None,
                },
                ip,
                node: None,
                dns_namespace: None,
                external: true,
                pod: None,
            })
        }
    }
}

/// What the destination address is.
enum Dest<'c> {
    ClusterIp(&'c Service),
    LoadBalancer(&'c Service),
    ExternalIp(&'c Service),
    Node(&'c Node),
    Loopback,
    Pod(&'c Pod),
    Unknown,
}

fn classify<'c>(cluster: &'c Cluster, dst: IpAddr) -> Dest<'c> {
    let svcs = &cluster.store.services;
    if let Some(s) = svcs.values().find(|s| service_ips(s).any(|ip| ip == dst)) {
        return Dest::ClusterIp(s);
    }
    if let Some(s) = svcs.values().find(|s| lb_ips(s).any(|ip| ip == dst)) {
        return Dest::LoadBalancer(s);
    }
    if let Some(n) = node_owning(cluster, dst) {
        return Dest::Node(n);
    }
    if let Some(s) = svcs.values().find(|s| {
        s.spec
            .external_ips
            .iter()
            .any(|e| e.parse::<IpAddr>() == Ok(dst))
    }) {
        return Dest::ExternalIp(s);
    }
    if dst.is_loopback() {
        return Dest::Loopback;
    }
    if let Some(p) = cluster
        .store
        .pods
        .values()
        .find(|p| !p.spec.host_network && pod_ips(p).any(|x| x == dst))
    {
        return Dest::Pod(p);
    }
    Dest::Unknown
}

/// The node a packet from the client enters kube-proxy's rules on.
fn entry_hop(client: &Client, node: &Node) -> HopView {
    let how = if client.pod.is_some_and(|p| !p.spec.host_network) {
        "leaves the pod and enters nat PREROUTING → KUBE-SERVICES on"
    } else if client.node.is_some() {
        "goes through nat OUTPUT → KUBE-SERVICES on"
    } else {
        "arrives on nat PREROUTING → KUBE-SERVICES of"
    };
    HopView::plain(
        HopStep::Node,
        &node.metadata.name,
        format!(
            "the packet {how} node {}{}",
            node.metadata.name,
            node_ip(node)
                .map(|ip| format!(" ({ip})"))
                .unwrap_or_default()
        ),
    )
}

/// Plans every route for the call: DNS, classification, entry nodes, traces.
pub(super) fn plan<'c>(p: &mut Planner<'c>, target: &Target) -> Result<Vec<Route>, RequestError> {
    let cluster = p.cluster;
    let client_hop = HopView::plain(
        HopStep::Client,
        "client",
        format!(
            "{} ({}) sends {} to {}",
            p.client.view.name,
            p.client.ip,
            p.protocol,
            display_target(target)
        ),
    );
    let mut hops = vec![client_hop];
    let (v4, v6) = p.families();
    let qtype = if v4 { QType::A } else { QType::AAAA };

    // 1. DNS.
    let dst: IpAddr = match &target.host {
        Host::Ip(ip) => *ip,
        Host::Name(name) if name == "localhost" || name == "localhost." => {
            if p.client.external {
                return Err(RequestError::new(
                    "localhost from an external client is the client itself, not the cluster",
                ));
            }
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        }
        Host::Name(name) => {
            let Some(ns) = p.client.dns_namespace.clone() else {
                return Ok(vec![Route::fixed(None, hops, unresolved_outside(p, name))]);
            };
            if let Some(why) = netpol::dns_denied(cluster, p.client.ip, p.client.pod) {
                hops.push(HopView::plain(
                    HopStep::Dns,
                    "cluster DNS",
                    format!("the query for {name} is dropped: {why}"),
                ));
                let reason = format!(
                    "the DNS query for {name} to kube-system/kube-dns is dropped: {why}; the resolver times out and the name does not resolve (allow egress to the CoreDNS pods on UDP and TCP port 53)"
                );
                return Ok(vec![Route::fixed(
                    None,
                    hops,
                    Outcome::Unresolved { reason },
                )]);
            }
            let r = dns::resolve_from_pod(cluster, &ns, name, qtype);
            let mut resolved = Resolved {
                name: name.clone(),
                fqdn: r.fqdn.clone(),
                tried: r.tried.clone(),
                ips: Vec::new(),
                cname: None,
            };
            for a in &r.answer.answers {
                match a {
                    Record::A(ip) | Record::AAAA(ip) => resolved.ips.push(ip.clone()),
                    Record::CNAME(c) => resolved.cname = Some(c.clone()),
                    _ => {}
                }
            }
            let answer_text = if let Some(c) = &resolved.cname {
                format!("CNAME {c}")
            } else if resolved.ips.is_empty() {
                match r.answer.rcode {
                    Rcode::NxDomain => "NXDOMAIN".to_string(),
                    Rcode::NoError => "no addresses (NODATA)".to_string(),
                }
            } else {
                resolved.ips.join(", ")
            };
            hops.push(HopView::plain(
                HopStep::Dns,
                "cluster DNS",
                format!(
                    "{name} → {} (asked {})",
                    answer_text,
                    resolved.tried.join(", ")
                ),
            ));
            p.resolved = Some(resolved.clone());
            let fqdn_svc = r.fqdn.as_deref().and_then(|f| service_of_fqdn(cluster, f));
            if let Some(c) = &resolved.cname {
                p.via = "ExternalName".to_string();
                if let Some(s) = fqdn_svc {
                    p.service = Some(explain::service_name(s));
                }
                let reason = format!(
                    "{} is an ExternalName Service: cluster DNS answers CNAME {c}; the pod's resolver then looks up {} outside the cluster and connects there directly. kube-proxy plays no part, and port {} is used as is",
                    r.fqdn.as_deref().unwrap_or(name),
                    c.trim_end_matches('.'),
                    target.port
                );
                return Ok(vec![Route::fixed(
                    None,
                    hops,
                    Outcome::LeftCluster {
                        destination: format!("{}:{}", c.trim_end_matches('.'), target.port),
                        reason,
                    },
                )]);
            }
            if resolved.ips.is_empty() {
                let reason = unresolved_in_cluster(p, &ns, name, r.answer.rcode);
                return Ok(vec![Route::fixed(
                    None,
                    hops,
                    Outcome::Unresolved { reason },
                )]);
            }
            if let Some(svc) = fqdn_svc
                && svc.spec.cluster_ip == "None"
            {
                return headless(p, svc, &resolved.ips, hops);
            }
            let first = &resolved.ips[0];
            first.parse().map_err(|_| {
                RequestError::new(format!("DNS answered an unreadable address {first}"))
            })?
        }
    };
    if (dst.is_ipv4() && !v4) || (dst.is_ipv6() && !v6 && !dst.is_loopback()) {
        return Err(RequestError::new(format!(
            "{dst} is an {} address, but this cluster is {}-only: no Service, node or pod has such an address",
            if dst.is_ipv4() { "IPv4" } else { "IPv6" },
            if v4 { "IPv4" } else { "IPv6" }
        )));
    }
    if p.client.ip.is_ipv4() != dst.is_ipv4() && !dst.is_loopback() {
        return Err(RequestError::new(format!(
            "the client address {} and the destination {dst} are of different IP families",
            p.client.ip
        )));
    }

    // 2. What the address is, and where the packet meets kube-proxy.
    let port = p.port;
    let proto = p.protocol.clone();
    match classify(cluster, dst) {
        Dest::ClusterIp(svc) => {
            p.via = "ClusterIP".to_string();
            let sp = port_by_number(svc, port, &proto);
            p.service =
                Some(sp.map_or_else(|| explain::service_name(svc), |sp| svc_port_name(svc, sp)));
            if p.client.external {
                let mut reason = format!(
                    "{dst} is the ClusterIP of Service {}: ClusterIPs are only reachable from inside the cluster (they exist only in kube-proxy's rules on the nodes), so nothing outside answers and the client times out",
                    explain::service_name(svc)
                );
                let nps: Vec<String> = svc
                    .spec
                    .ports
                    .iter()
                    .filter(|p| p.node_port != 0)
                    .map(|p| p.node_port.to_string())
                    .collect();
                if !nps.is_empty() {
                    let _ = write!(
                        reason,
                        "; from outside use a node's IP with nodePort {}",
                        nps.join(", ")
                    );
                }
                if let Some(lb) = lb_ips(svc).next() {
                    let _ = write!(reason, "; or the LoadBalancer address {lb}");
                }
                return Ok(vec![Route::fixed(None, hops, Outcome::TimedOut { reason })]);
            }
            let Some(node) = p.client.node else {
                return Err(RequestError::new(
                    "internal: an in-cluster sender without a node",
                ));
            };
            hops.push(entry_hop(&p.client, node));
            let none = || Outcome::TimedOut {
                reason: format!(
                    "Service {} has no port {port}/{proto} (ports: {}); kube-proxy has no rule for other ports of a ClusterIP, so the packet goes unanswered and the client times out",
                    explain::service_name(svc),
                    port_list(svc)
                ),
            };
            let src = p.client.ip;
            Ok(vec![p.route_on_node(
                node,
                hops,
                src,
                dst,
                Some((svc, sp)),
                none,
            )?])
        }
        Dest::LoadBalancer(svc) => {
            p.via = "LoadBalancer".to_string();
            let sp = port_by_number(svc, port, &proto);
            p.service =
                Some(sp.map_or_else(|| explain::service_name(svc), |sp| svc_port_name(svc, sp)));
            if let Some(node) = p.client.node {
                // In-cluster senders meet the VIP's rule on their own node.
                let (services, slices) = p.relevant(dst);
                let tr = p.trace_on(node, p.client.ip, dst, &services, &slices)?;
                if tr.verdict != Verdict::None {
                    let mut h = hops.clone();
                    h.push(entry_hop(&p.client, node));
                    let src = p.client.ip;
                    return Ok(vec![p.route_on_node(
                        node,
                        h,
                        src,
                        dst,
                        Some((svc, sp)),
                        || Outcome::TimedOut {
                            reason: String::new(),
                        },
                    )?]);
                }
            }
            load_balancer(p, svc, sp, dst, hops)
        }
        Dest::ExternalIp(svc) => {
            p.via = "externalIP".to_string();
            let sp = port_by_number(svc, port, &proto);
            p.service =
                Some(sp.map_or_else(|| explain::service_name(svc), |sp| svc_port_name(svc, sp)));
            let Some(node) = p.client.node else {
                let reason = format!(
                    "{dst} is an externalIP of Service {}, but it is no node's address: Kubernetes does not route externalIPs, the network must deliver them to a node; nothing answers and the client times out",
                    explain::service_name(svc)
                );
                return Ok(vec![Route::fixed(None, hops, Outcome::TimedOut { reason })]);
            };
            hops.push(entry_hop(&p.client, node));
            let src = p.client.ip;
            let none = || Outcome::TimedOut {
                reason: format!(
                    "Service {} has no port {port}/{proto} (ports: {})",
                    explain::service_name(svc),
                    port_list(svc)
                ),
            };
            Ok(vec![p.route_on_node(
                node,
                hops,
                src,
                dst,
                Some((svc, sp)),
                none,
            )?])
        }
        Dest::Node(node) => node_port(p, node, dst, hops),
        Dest::Loopback => {
            let Some(node) = p.client.node else {
                return Err(RequestError::new(
                    "127.0.0.1 from an external client is the client itself",
                ));
            };
            if let Some(pod) = p.client.pod.filter(|pod| !pod.spec.host_network) {
                // A pod's loopback is its own network namespace.
                p.via = "localhost".to_string();
                let ip = p.client.ip;
                let (outcome, slot, hop) = p.arrive(
                    &[],
                    ip,
                    port,
                    IpAddr::V4(Ipv4Addr::LOCALHOST),
                    false,
                    &pod.metadata.name,
                );
                hops.push(hop);
                return Ok(vec![balanced_one(
                    Some(node.metadata.name.clone()),
                    hops,
                    outcome,
                    slot,
                )]);
            }
            node_port(p, node, dst, hops)
        }
        Dest::Pod(pod) => {
            p.via = "pod IP".to_string();
            if p.client.external {
                let reason = format!(
                    "{dst} is the IP of pod {}/{}: pod IPs are not routable from outside the cluster, so the client times out; expose the pods with a NodePort or LoadBalancer Service",
                    ns_of(&pod.metadata.namespace),
                    pod.metadata.name
                );
                return Ok(vec![Route::fixed(None, hops, Outcome::TimedOut { reason })]);
            }
            hops.push(HopView::plain(
                HopStep::Network,
                "pod network",
                format!(
                    "pod-to-pod: the packet goes straight to {dst}, no kube-proxy rule and no NAT"
                ),
            ));
            let src = p.client.ip;
            let (outcome, slot, hop) =
                p.arrive(&[], dst, port, src, false, &format!("{dst}:{port}"));
            hops.push(hop);
            Ok(vec![balanced_one(
                p.client.node.map(|n| n.metadata.name.clone()),
                hops,
                outcome,
                slot,
            )])
        }
        Dest::Unknown => {
            p.via = "outside".to_string();
            let outcome = if p.client.external {
                Outcome::TimedOut {
                    reason: format!(
                        "no node, Service or load balancer of this cluster has address {dst}; the client times out"
                    ),
                }
            } else if cluster
                .settings
                .service_cidrs
                .iter()
                .any(|c| c.contains(dst))
            {
                Outcome::TimedOut {
                    reason: format!(
                        "{dst} is inside the Service range {} but no Service has it; no rule matches and the client times out",
                        cluster
                            .settings
                            .service_cidrs
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(",")
                    ),
                }
            } else if cluster.settings.pod_cidr.contains(dst) {
                Outcome::TimedOut {
                    reason: format!(
                        "{dst} is inside the pod network {} but no pod has it; the client times out",
                        cluster.settings.pod_cidr
                    ),
                }
            } else if let Some(why) = netpol::egress_denied(
                cluster,
                netpol::End {
                    ip: p.client.ip,
                    pod: p.client.pod.filter(|pod| !pod.spec.host_network),
                },
                netpol::End { ip: dst, pod: None },
                port,
                &proto,
            ) {
                Outcome::Dropped {
                    reason: format!("{why}; the client times out"),
                }
            } else {
                Outcome::LeftCluster {
                    destination: format!("{dst}:{port}"),
                    reason: format!(
                        "{dst} is not an address of this cluster: the packet leaves through the node's default route (pod traffic is masqueraded to the node's IP on the way out); what happens there is outside svcplay"
                    ),
                }
            };
            Ok(vec![Route::fixed(
                p.client.node.map(|n| n.metadata.name.clone()),
                hops,
                outcome,
            )])
        }
    }
}

fn balanced_one(
    node: Option<String>,
    hops: Vec<HopView>,
    outcome: Outcome,
    slot: Option<usize>,
) -> Route {
    match outcome {
        Outcome::Delivered { .. } => Route {
            node,
            hops: Vec::new(),
            kind: RouteKind::Balanced {
                cands: vec![Cand {
                    endpoint: String::new(),
                    outcome,
                    hops,
                    slot,
                }],
                cumulative: vec![1.0],
                sticky: None,
            },
        },
        other => Route::fixed(node, hops, other),
    }
}

pub(super) fn display_target(t: &Target) -> String {
    let host = match &t.host {
        Host::Ip(IpAddr::V6(v6)) => format!("[{v6}]"),
        Host::Ip(ip) => ip.to_string(),
        Host::Name(n) => n.clone(),
    };
    format!("{host}:{}", t.port)
}

/// The Service a `<svc>.<ns>.svc.<zone>.` FQDN names.
fn service_of_fqdn<'c>(cluster: &'c Cluster, fqdn: &str) -> Option<&'c Service> {
    let zone = cluster
        .settings
        .dns_domain
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let base = fqdn
        .trim_end_matches('.')
        .strip_suffix(&format!(".svc.{zone}"))?;
    let (name, ns) = base.rsplit_once('.')?;
    if name.contains('.') {
        return None;
    }
    cluster
        .store
        .services
        .get(&(ns.to_string(), name.to_string()))
}

/// A cluster name from a sender that does not use cluster DNS.
fn unresolved_outside(p: &mut Planner, name: &str) -> Outcome {
    let cluster = p.cluster;
    let zone = cluster
        .settings
        .dns_domain
        .trim_end_matches('.')
        .to_string();
    let bare = name.trim_end_matches('.');
    // Find the Service the name most likely means.
    let parts: Vec<&str> = bare.split('.').collect();
    let (svc_name, ns) = match parts.as_slice() {
        [n] => (*n, "default"),
        [n, ns, ..] => (*n, *ns),
        [] => (bare, "default"),
    };
    let svc = cluster
        .store
        .services
        .get(&(ns.to_string(), svc_name.to_string()));
    let who = if p.client.external {
        "an outside client"
    } else {
        "a node (or a hostNetwork pod)"
    };
    let mut reason = format!(
        "{bare} is not resolvable by {who}: only pods use cluster DNS (search {ns}.svc.{zone} svc.{zone} {zone})"
    );
    if let Some(svc) = svc {
        p.service = Some(explain::service_name(svc));
        if svc.spec.type_ == "LoadBalancer" {
            p.via = "LoadBalancer".to_string();
            if let Some(ip) = lb_ips(svc).next() {
                let _ = write!(
                    reason,
                    "; Service {} is reachable at its LoadBalancer address {ip}",
                    explain::service_name(svc)
                );
            } else {
                let why = crate::cloud::pending_reason(cluster, svc).unwrap_or_default();
                return Outcome::Pending { reason: why };
            }
        }
        let nps: Vec<String> = svc
            .spec
            .ports
            .iter()
            .filter(|p| p.node_port != 0)
            .map(|p| p.node_port.to_string())
            .collect();
        if !nps.is_empty() {
            let _ = write!(
                reason,
                "; or at any node's IP with nodePort {}",
                nps.join(", ")
            );
        } else if !p.client.external {
            let _ = write!(
                reason,
                "; a node can use its ClusterIP {} directly",
                svc.spec.cluster_ip
            );
        }
    }
    Outcome::Unresolved { reason }
}

/// A name a pod could not resolve.
fn unresolved_in_cluster(p: &mut Planner, ns: &str, name: &str, rcode: Rcode) -> String {
    let cluster = p.cluster;
    let bare = name.trim_end_matches('.');
    let first = bare.split('.').next().unwrap_or(bare);
    let mut reason = format!(
        "{bare} does not resolve from namespace {ns} ({})",
        match rcode {
            Rcode::NxDomain => "NXDOMAIN: no such name",
            Rcode::NoError => "the name exists but has no addresses",
        }
    );
    let target_ns = bare.split('.').nth(1).unwrap_or(ns);
    if let Some(svc) = cluster
        .store
        .services
        .get(&(target_ns.to_string(), first.to_string()))
    {
        p.service = Some(explain::service_name(svc));
        if svc.spec.cluster_ip == "None" {
            p.via = "headless".to_string();
            let _ = write!(
                reason,
                "; Service {} is headless, and DNS only lists its ready endpoints: {}",
                explain::service_name(svc),
                explain::no_endpoints(cluster, svc, None)
            );
        }
        return reason;
    }
    let near = explain::service_name_near_misses(cluster, target_ns, first);
    if !near.is_empty() {
        let _ = write!(reason, "; {}", explain::join_examples(&near));
    }
    reason
}

/// Headless Service: DNS answers pod IPs; the client connects straight to one of them.
fn headless<'c>(
    p: &mut Planner<'c>,
    svc: &'c Service,
    ips: &[String],
    hops: Vec<HopView>,
) -> Result<Vec<Route>, RequestError> {
    p.via = "headless".to_string();
    p.service = Some(explain::service_name(svc));
    let node = p.client.node.map(|n| n.metadata.name.clone());
    let mut cands = Vec::new();
    let src = p.client.ip;
    let port = p.port;
    let ns = ns_of(&svc.metadata.namespace).to_string();
    let slices: Vec<&EndpointSlice> = p
        .cluster
        .store
        .endpoint_slices
        .iter()
        .filter(|((sns, _), s)| {
            *sns == ns && s.metadata.labels.get(LABEL_SERVICE_NAME) == Some(&svc.metadata.name)
        })
        .map(|(_, s)| s)
        .collect();
    for ip_s in ips {
        let Ok(ip) = ip_s.parse::<IpAddr>() else {
            continue;
        };
        let mut h = hops.clone();
        h.push(HopView::plain(
            HopStep::Network,
            "pod network",
            format!(
                "headless Service {}: the client connects to {ip}:{port} itself (CoreDNS's loadbalance plugin shuffles the answers; no kube-proxy rule, no NAT, targetPort not applied)",
                explain::service_name(svc)
            ),
        ));
        let (outcome, slot, hop) = p.arrive(&slices, ip, port, src, false, &format!("{ip}:{port}"));
        h.push(hop);
        cands.push(Cand {
            endpoint: format!("{ip}:{port}"),
            outcome,
            hops: h,
            slot,
        });
    }
    let n = cands.len();
    if n == 0 {
        return Err(RequestError::new("DNS answered no readable address"));
    }
    if svc.spec.ports.iter().all(|sp| sp.port != i32::from(port)) && !svc.spec.ports.is_empty() {
        p.warnings.push(format!(
            "headless Service {} declares ports {}, but clients of a headless Service connect to the pods directly on the port they choose ({port})",
            explain::service_name(svc),
            port_list(svc)
        ));
    }
    Ok(vec![Route {
        node,
        hops: Vec::new(),
        kind: RouteKind::Balanced {
            cands,
            cumulative: uniform(n),
            sticky: None,
        },
    }])
}

/// A packet to a node's address (NodePort, health check, or nothing).
fn node_port<'c>(
    p: &mut Planner<'c>,
    node: &'c Node,
    dst: IpAddr,
    mut hops: Vec<HopView>,
) -> Result<Vec<Route>, RequestError> {
    let port = p.port;
    let proto = p.protocol.clone();
    let cluster = p.cluster;
    let by_np = cluster.store.services.values().find_map(|s| {
        s.spec
            .ports
            .iter()
            .find(|sp| sp.node_port == i32::from(port) && proto_of(sp).eq_ignore_ascii_case(&proto))
            .map(|sp| (s, sp))
    });
    let by_hc = cluster
        .store
        .services
        .values()
        .find(|s| s.spec.health_check_node_port == i32::from(port));
    let target = if let Some((s, sp)) = by_np {
        p.via = "NodePort".to_string();
        p.service = Some(svc_port_name(s, sp));
        Some((s, Some(sp)))
    } else if let Some(s) = by_hc {
        p.via = "healthCheckNodePort".to_string();
        p.service = Some(explain::service_name(s));
        Some((s, None))
    } else {
        p.via = "node".to_string();
        None
    };
    // A pod's or node's packet to another node's address is routed there first.
    if let Some(own) = p.client.node
        && own.metadata.name != node.metadata.name
    {
        hops.push(HopView::plain(
            HopStep::Network,
            &own.metadata.name,
            format!(
                "{dst} is not local on {}, so the packet is routed to node {}",
                own.metadata.name, node.metadata.name
            ),
        ));
        // The sender's node does not DNAT another node's address: its egress policies judge
        // the node's IP and port.
        let client = netpol::End {
            ip: p.client.ip,
            pod: p.client.pod.filter(|pod| !pod.spec.host_network),
        };
        let to = netpol::End { ip: dst, pod: None };
        if let Some(why) = netpol::egress_denied(cluster, client, to, port, &proto) {
            return Ok(vec![Route::fixed(
                Some(own.metadata.name.clone()),
                hops,
                Outcome::Dropped {
                    reason: format!("{why}; the client times out"),
                },
            )]);
        }
        p.egress_judged = true;
    }
    hops.push(HopView::plain(
        HopStep::Node,
        &node.metadata.name,
        format!(
            "the packet enters node {} ({dst}); KUBE-SERVICES' last rule sends packets for local addresses to KUBE-NODEPORTS",
            node.metadata.name
        ),
    ));
    let hint = nodeport_hint(cluster, port, &proto);
    let node_name = node.metadata.name.clone();
    let none = move || Outcome::Refused {
        reason: format!(
            "nothing listens on port {port}/{proto} of node {node_name}: no Service has nodePort {port}{hint}; the node answers with a reset (connection refused)"
        ),
    };
    let src = p.client.ip;
    Ok(vec![p.route_on_node(node, hops, src, dst, target, none)?])
}

/// "; Service default/web has port 80 with nodePort 31234" when the port is a Service port.
fn nodeport_hint(cluster: &Cluster, port: u16, proto: &str) -> String {
    let mut out = String::new();
    for s in cluster.store.services.values() {
        for sp in &s.spec.ports {
            if (sp.port == i32::from(port)
                || sp
                    .target_port
                    .as_ref()
                    .is_some_and(|t| t.to_string() == port.to_string()))
                && proto_of(sp).eq_ignore_ascii_case(proto)
            {
                if sp.node_port != 0 {
                    let _ = write!(
                        out,
                        "; Service {} uses port {port} inside the cluster, its nodePort is {}",
                        explain::service_name(s),
                        sp.node_port
                    );
                } else if s.spec.type_.is_empty() || s.spec.type_ == "ClusterIP" {
                    let _ = write!(
                        out,
                        "; Service {} has port {port} but is type ClusterIP: it has no nodePort",
                        explain::service_name(s)
                    );
                }
            }
        }
    }
    out
}

/// An outside client to a LoadBalancer address: the simulated load balancer picks nodes.
fn load_balancer<'c>(
    p: &mut Planner<'c>,
    svc: &'c Service,
    sp: Option<&'c ServicePort>,
    vip: IpAddr,
    hops: Vec<HopView>,
) -> Result<Vec<Route>, RequestError> {
    let cluster = p.cluster;
    let name = explain::service_name(svc);
    let src = match p.client.node {
        // An in-cluster sender whose node did not intercept the VIP goes out to the LB, masqueraded.
        Some(n) => node_ip(n).unwrap_or(p.client.ip),
        None => p.client.ip,
    };
    if sp.is_none() {
        let reason = format!(
            "the load balancer of Service {name} has no listener on port {}/{} (ports: {}); the client times out",
            p.port,
            p.protocol,
            port_list(svc)
        );
        return Ok(vec![Route::fixed(None, hops, Outcome::TimedOut { reason })]);
    }
    let local = svc.spec.external_traffic_policy == "Local";
    let mut nodes: Vec<&Node> = cluster
        .store
        .nodes
        .values()
        .filter(|n| node_ready(n) && !n.metadata.labels.contains_key(LABEL_EXCLUDE_BALANCERS))
        .collect();
    let all_ready = nodes.len();
    if local {
        nodes.retain(|n| local_ready_endpoints(cluster, svc, &n.metadata.name) > 0);
    }
    if nodes.is_empty() {
        let reason = if local {
            format!(
                "externalTrafficPolicy: Local: the load balancer only sends to nodes whose healthCheckNodePort {} reports a ready local endpoint, and none of the {all_ready} Ready node(s) runs a ready pod of Service {name}: {}; the client times out",
                svc.spec.health_check_node_port,
                explain::no_endpoints(cluster, svc, sp)
            )
        } else {
            format!(
                "the load balancer of Service {name} has no Ready node to send to; the client times out"
            )
        };
        return Ok(vec![Route::fixed(None, hops, Outcome::TimedOut { reason })]);
    }
    let mut routes = Vec::new();
    let n = nodes.len();
    for node in nodes {
        let mut h = hops.clone();
        h.push(HopView::plain(
            HopStep::LoadBalancer,
            "load balancer",
            format!(
                "load balancer {vip} of Service {name} sends the packet to node {} ({}), one of {n} {} node(s), destination still {vip} (ipMode VIP){}",
                node.metadata.name,
                node_ip(node).map(|i| i.to_string()).unwrap_or_default(),
                if local { "healthy" } else { "Ready" },
                if svc.spec.allocate_load_balancer_node_ports == Some(false) {
                    "; the Service has no NodePorts (allocateLoadBalancerNodePorts: false), which a VIP load balancer does not need"
                } else {
                    ""
                }
            ),
        ));
        h.push(HopView::plain(
            HopStep::Node,
            &node.metadata.name,
            format!(
                "the packet arrives on nat PREROUTING → KUBE-SERVICES of node {}",
                node.metadata.name
            ),
        ));
        let route = p.route_on_node(node, h, src, vip, Some((svc, sp)), || Outcome::TimedOut {
            reason: format!("no rule for the load balancer address {vip} on this node"),
        })?;
        routes.push(route);
    }
    Ok(routes)
}
