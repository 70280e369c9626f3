//! The rules kube-proxy in iptables mode programs on one node: the `iptables-restore` payload
//! of `syncProxyRules` (`pkg/proxy/iptables/proxier.go`), full sync, one IP family.
//!
//! Emission order is upstream's: `*filter`, filter chain lines, filter rules, `COMMIT`, `*nat`,
//! nat chain lines, nat rules, `COMMIT`. Upstream walks Services in Go map order; we walk them
//! sorted by Service port name, so the output is deterministic. Compare dumps through
//! [`normalize`](super::dump::normalize), as upstream's tests do.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use sha2::{Digest, Sha256};
use svcplay_model::net::Cidr;
use svcplay_model::types::{EndpointSlice, Node, Service};

use super::model::{
    EndpointInfo, IpFamily, LABEL_TOPOLOGY_ZONE, ServicePortInfo, build_endpoints_map,
    build_service_ports, categorize_endpoints, parse_cidr_sloppy,
};
use crate::settings::ProxySettings;

/// Above this many endpoints (over all Service ports) kube-proxy drops the comments of
/// KUBE-SEP rules and KUBE-SVC→KUBE-SEP jumps (`largeClusterEndpointsThreshold`).
pub const LARGE_CLUSTER_ENDPOINTS_THRESHOLD: usize = 1000;

/// nfacct counter of localhost NodePort packets (`metrics.LocalhostNodePortAcceptedNFAcctCounter`).
pub const NFACCT_LOCALHOST_NODEPORTS: &str = "localhost_nps_accepted_pkts";
/// nfacct counter of dropped invalid packets (`metrics.IPTablesCTStateInvalidDroppedNFAcctCounter`).
pub const NFACCT_CT_STATE_INVALID: &str = "ct_state_invalid_dropped_pkts";

/// Properties of the kube-proxy build and of the node's kernel/iptables that change the rules
/// but are not part of `KubeProxyConfiguration`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KubeProxyProfile {
    /// nfacct counters exist (kube-proxy ≥ 1.29 with `nfacct` support): adds the localhost
    /// NodePort accounting rule and `-m nfacct` on the INVALID drop rule.
    pub nfacct: bool,
    /// iptables supports `MASQUERADE --random-fully`.
    pub random_fully: bool,
    /// `nf_conntrack_tcp_be_liberal` is set: no INVALID drop rule.
    pub conntrack_tcp_liberal: bool,
    /// Feature gate `PreferSameTrafficDistribution` (node topology hints).
    pub prefer_same_traffic_distribution: bool,
}

impl Default for KubeProxyProfile {
    /// A current kube-proxy on a current distribution.
    fn default() -> Self {
        KubeProxyProfile {
            nfacct: true,
            random_fully: true,
            conntrack_tcp_liberal: false,
            prefer_same_traffic_distribution: true,
        }
    }
}

impl KubeProxyProfile {
    /// The fake proxier of upstream's `proxier_test.go` (`NewFakeProxier`): nfacct counters
    /// present, no `--random-fully`, conntrack not liberal.
    pub fn upstream_test() -> Self {
        KubeProxyProfile {
            nfacct: true,
            random_fully: false,
            conntrack_tcp_liberal: false,
            prefer_same_traffic_distribution: true,
        }
    }
}

/// Everything kube-proxy on one node reads.
#[derive(Debug, Clone)]
pub struct ProxyInput<'a> {
    /// The node name kube-proxy compares `endpoints[].nodeName` with.
    pub node_name: String,
    /// The node's primary IP (`nodeIP`, used for `loadBalancerSourceRanges`).
    pub node_ip: Option<IpAddr>,
    /// Every address on the node's interfaces, loopback included (`--nodeport-addresses`
    /// matching, and `LOCAL` for the tracer).
    pub local_addresses: Vec<IpAddr>,
    /// Node labels (`topology.kubernetes.io/zone`).
    pub node_labels: BTreeMap<String, String>,
    /// The node's `spec.podCIDR` (for `detectLocalMode: NodeCIDR`).
    pub node_pod_cidr: Option<String>,
    /// The family this proxier handles.
    pub family: IpFamily,
    /// `KubeProxyConfiguration`.
    pub settings: ProxySettings,
    /// Build/kernel properties.
    pub profile: KubeProxyProfile,
    /// Every Service.
    pub services: Vec<&'a Service>,
    /// Every EndpointSlice.
    pub slices: Vec<&'a EndpointSlice>,
}

impl<'a> ProxyInput<'a> {
    /// kube-proxy on `node`: name from `hostnameOverride` or the Node's name, addresses from
    /// `status.addresses` (InternalIP first as node IP) plus loopback, family of the node IP.
    pub fn for_node(
        node: &Node,
        settings: &ProxySettings,
        services: Vec<&'a Service>,
        slices: Vec<&'a EndpointSlice>,
    ) -> Self {
        let node_name = if settings.hostname_override.is_empty() {
            node.metadata.name.clone()
        } else {
            settings.hostname_override.clone()
        };
        let parse = |t: &str| {
            node.status
                .addresses
                .iter()
                .filter(|a| a.type_ == t)
                .filter_map(|a| a.address.parse::<IpAddr>().ok())
                .collect::<Vec<_>>()
        };
        let internal = parse("InternalIP");
        let external = parse("ExternalIP");
        let node_ip = internal.first().or(external.first()).copied();
        let mut local_addresses = vec![
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ];
        for ip in internal.into_iter().chain(external) {
            if !local_addresses.contains(&ip) {
                local_addresses.push(ip);
            }
        }
        let pod_cidr = if node.spec.pod_cidr.is_empty() {
            node.spec.pod_cidrs.first().cloned()
        } else {
            Some(node.spec.pod_cidr.clone())
        };
        ProxyInput {
            node_name,
            family: node_ip.map(IpFamily::of).unwrap_or_default(),
            node_ip,
            local_addresses,
            node_labels: node.metadata.labels.clone(),
            node_pod_cidr: pod_cidr,
            settings: settings.clone(),
            profile: KubeProxyProfile::default(),
            services,
            slices,
        }
    }

    /// The masquerade mark, `1 << masqueradeBit`, as iptables prints it (`0x4000`).
    pub fn masquerade_mark(&self) -> String {
        format!("{:#x}", 1u64 << self.settings.masquerade_bit.min(31))
    }

    /// The local-traffic detector's CIDR (`-s CIDR` / `! -s CIDR`), or `None` when there is no
    /// detector (`detectLocalMode` ClusterCIDR with empty `clusterCIDR`, or a mode svcplay does
    /// not model: BridgeInterface, InterfaceNamePrefix).
    pub fn local_detector(&self) -> Option<String> {
        let raw = match self.settings.detect_local_mode.as_str() {
            "" | "ClusterCIDR" => self.settings.cluster_cidr.clone()?,
            "NodeCIDR" => self.node_pod_cidr.clone()?,
            _ => return None,
        };
        raw.split(',')
            .map(str::trim)
            .find(|c| parse_cidr_sloppy(c).is_some_and(|cidr| self.family.matches(cidr.addr)))
            .map(str::to_string)
    }

    /// The node zone label.
    pub fn zone(&self) -> &str {
        self.node_labels
            .get(LABEL_TOPOLOGY_ZONE)
            .map(String::as_str)
            .unwrap_or("")
    }
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// First 16 characters of `base32.StdEncoding(sha256(parts...))`.
pub fn hash16(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    // 16 base32 characters = 80 bits = the first 10 bytes.
    let mut bits: u128 = 0;
    for b in &digest[..10] {
        bits = (bits << 8) | u128::from(*b);
    }
    let mut out = String::with_capacity(16);
    for i in (0..16).rev() {
        out.push(ALPHABET[((bits >> (i * 5)) & 31) as usize] as char);
    }
    out
}

/// `portProtoHash`: the 16 characters shared by KUBE-SVC/SVL/EXT/FW of a Service port.
pub fn port_proto_hash(service_port_name: &str, protocol_lower: &str) -> String {
    hash16(&[service_port_name, protocol_lower])
}

/// `servicePortEndpointChainName`: `KUBE-SEP-` + hash of Service port, protocol and endpoint.
pub fn endpoint_chain_name(
    service_port_name: &str,
    protocol_lower: &str,
    endpoint: &str,
) -> String {
    format!(
        "KUBE-SEP-{}",
        hash16(&[service_port_name, protocol_lower, endpoint])
    )
}

/// `computeProbability`: `1/n` printed with `%0.10f`.
pub fn compute_probability(n: usize) -> String {
    format!("{:.10}", 1.0 / n.max(1) as f64)
}

/// One `--nodeport-addresses` set (`proxyutil.NodePortAddresses`).
struct NodePortAddresses {
    cidrs: Vec<Cidr>,
    match_all: bool,
}

impl NodePortAddresses {
    fn new(input: &ProxyInput) -> Self {
        let mut cidrs = Vec::new();
        for s in &input.settings.node_port_addresses {
            let s = s.trim();
            if s == "primary" {
                if let Some(ip) = input.node_ip.filter(|ip| input.family.matches(*ip)) {
                    let prefix = if ip.is_ipv4() { 32 } else { 128 };
                    cidrs.push(Cidr { addr: ip, prefix });
                }
                continue;
            }
            if let Some(c) = parse_cidr_sloppy(s).filter(|c| input.family.matches(c.addr)) {
                cidrs.push(c);
            }
        }
        let match_all = cidrs.is_empty() || cidrs.iter().any(|c| c.prefix == 0);
        NodePortAddresses { cidrs, match_all }
    }

    /// Node addresses inside the CIDRs, in interface order, without duplicates.
    fn node_ips(&self, input: &ProxyInput) -> Vec<IpAddr> {
        let mut out: Vec<IpAddr> = Vec::new();
        for ip in &input.local_addresses {
            if self.cidrs.iter().any(|c| c.contains(*ip)) && !out.contains(ip) {
                out.push(*ip);
            }
        }
        out
    }
}

/// The four buffers of `syncProxyRules`.
#[derive(Default)]
struct Buffers {
    filter_chains: String,
    filter_rules: String,
    nat_chains: String,
    nat_rules: String,
}

fn chain_line(buf: &mut String, chain: &str) {
    buf.push(':');
    buf.push_str(chain);
    buf.push_str(" - [0:0]\n");
}

/// `-m <p> -p <p>`.
fn proto_args(p: &str) -> String {
    format!("-m {p} -p {p}")
}

/// Generates the `iptables-restore` payload kube-proxy writes for this node (full sync).
pub fn iptables_save(input: &ProxyInput) -> String {
    let family = input.family;
    let v6 = family == IpFamily::V6;
    let svc_ports = build_service_ports(&input.services, family);
    let endpoints = build_endpoints_map(&input.slices, family, &input.node_name);
    let mark = input.masquerade_mark();
    let detector = input.local_detector();
    let settings = &input.settings;
    let mut b = Buffers::default();

    for c in [
        "KUBE-SERVICES",
        "KUBE-EXTERNAL-SERVICES",
        "KUBE-FORWARD",
        "KUBE-NODEPORTS",
        "KUBE-PROXY-FIREWALL",
    ] {
        chain_line(&mut b.filter_chains, c);
    }
    for c in [
        "KUBE-SERVICES",
        "KUBE-NODEPORTS",
        "KUBE-POSTROUTING",
        "KUBE-MARK-MASQ",
    ] {
        chain_line(&mut b.nat_chains, c);
    }
    let _ = writeln!(
        b.nat_rules,
        "-A KUBE-POSTROUTING -m mark ! --mark {mark}/{mark} -j RETURN"
    );
    let _ = writeln!(b.nat_rules, "-A KUBE-POSTROUTING -j MARK --xor-mark {mark}");
    let _ = writeln!(
        b.nat_rules,
        "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE{}",
        if input.profile.random_fully {
            " --random-fully"
        } else {
            ""
        }
    );
    let _ = writeln!(b.nat_rules, "-A KUBE-MARK-MASQ -j MARK --or-mark {mark}");
    if !v6 && settings.localhost_node_ports {
        chain_line(&mut b.filter_chains, "KUBE-FIREWALL");
        b.filter_rules.push_str(
            "-A KUBE-FIREWALL -m comment --comment \"block incoming localnet connections\" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP\n",
        );
    }

    let total_endpoints: usize = svc_ports
        .keys()
        .map(|k| endpoints.get(k).map_or(0, Vec::len))
        .sum();
    let large = total_endpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
    // Reserve once: rebuilding a multi-hundred-megabyte buffer by doubling costs more than
    // writing it.
    let per_endpoint = if large { 240 } else { 330 };
    b.nat_rules
        .reserve(total_endpoints * per_endpoint + svc_ports.len() * 700);
    b.nat_chains
        .reserve((total_endpoints + svc_ports.len() * 4) * 36);
    let mut generator = ServiceGen {
        input,
        detector: detector.as_deref(),
        large,
        probabilities: Vec::new(),
    };
    for (name, svc) in &svc_ports {
        let eps = endpoints.get(name).map(Vec::as_slice).unwrap_or(&[]);
        generator.service_port(&mut b, svc, eps);
    }

    // Trailer: the jump to KUBE-NODEPORTS, always last in nat KUBE-SERVICES.
    let npa = NodePortAddresses::new(input);
    const LAST: &str = "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\"";
    if npa.match_all {
        let extra = if v6 {
            " ! -d ::1/128"
        } else if !settings.localhost_node_ports {
            " ! -d 127.0.0.0/8"
        } else {
            ""
        };
        let _ = writeln!(
            b.nat_rules,
            "{LAST} -m addrtype --dst-type LOCAL{extra} -j KUBE-NODEPORTS"
        );
    } else {
        for ip in npa.node_ips(input) {
            if ip.is_loopback() && (v6 || !settings.localhost_node_ports) {
                continue;
            }
            let _ = writeln!(b.nat_rules, "{LAST} -d {ip} -j KUBE-NODEPORTS");
        }
    }

    if !input.profile.conntrack_tcp_liberal {
        let nfacct = if input.profile.nfacct {
            format!(" -m nfacct --nfacct-name {NFACCT_CT_STATE_INVALID}")
        } else {
            String::new()
        };
        let _ = writeln!(
            b.filter_rules,
            "-A KUBE-FORWARD -m conntrack --ctstate INVALID{nfacct} -j DROP"
        );
    }
    let _ = writeln!(
        b.filter_rules,
        "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark {mark}/{mark} -j ACCEPT"
    );
    b.filter_rules.push_str("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n");

    let mut out = String::with_capacity(
        b.filter_chains.len() + b.filter_rules.len() + b.nat_chains.len() + b.nat_rules.len() + 32,
    );
    out.push_str("*filter\n");
    out.push_str(&b.filter_chains);
    out.push_str(&b.filter_rules);
    out.push_str("COMMIT\n*nat\n");
    out.push_str(&b.nat_chains);
    out.push_str(&b.nat_rules);
    out.push_str("COMMIT\n");
    out
}

struct ServiceGen<'i, 'a> {
    input: &'i ProxyInput<'a>,
    detector: Option<&'i str>,
    large: bool,
    probabilities: Vec<String>,
}

impl ServiceGen<'_, '_> {
    /// The per-Service-port section of `syncProxyRules`.
    fn service_port(&mut self, b: &mut Buffers, svc: &ServicePortInfo, eps: &[EndpointInfo]) {
        let input = self.input;
        let s = svc.name_string.as_str();
        let proto = svc.protocol_lower();
        let pa = proto_args(&proto);
        let port = svc.port;
        let base = port_proto_hash(s, &proto);
        let svc_chain = format!("KUBE-SVC-{base}");
        let svl_chain = format!("KUBE-SVL-{base}");
        let ext_chain = format!("KUBE-EXT-{base}");
        let fw_chain = format!("KUBE-FW-{base}");

        let cat = categorize_endpoints(
            eps,
            svc,
            &input.node_name,
            input.zone(),
            input.profile.prefer_same_traffic_distribution,
        );
        let has_endpoints = cat.has_any;
        let uses_cluster_chain = !cat.cluster.is_empty() && svc.uses_cluster_endpoints();
        let uses_local_chain = !cat.local.is_empty() && svc.uses_local_endpoints();

        let (internal_chain, has_internal) = if svc.internal_policy_local {
            (&svl_chain, has_endpoints && !cat.local.is_empty())
        } else {
            (&svc_chain, has_endpoints)
        };
        let (external_policy_chain, has_external) = if svc.external_policy_local {
            (&svl_chain, has_endpoints && !cat.local.is_empty())
        } else {
            (&svc_chain, has_endpoints)
        };
        let uses_ext = has_endpoints && svc.externally_accessible();
        let uses_fw = has_endpoints
            && !svc.load_balancer_vips.is_empty()
            && !svc.load_balancer_source_ranges.is_empty();
        let lb_chain = if uses_fw { &fw_chain } else { &ext_chain };

        let (int_target, int_comment, ext_target, ext_comment) = if !has_endpoints {
            let c = format!("\"{s} has no endpoints\"");
            ("REJECT", c.clone(), "REJECT", c)
        } else {
            let c = format!("\"{s} has no local endpoints\"");
            ("DROP", c.clone(), "DROP", c)
        };

        // ClusterIP.
        let cip = svc.cluster_ip;
        if has_internal {
            let _ = writeln!(
                b.nat_rules,
                "-A KUBE-SERVICES -m comment --comment \"{s} cluster IP\" {pa} -d {cip} --dport {port} -j {internal_chain}"
            );
        } else {
            let _ = writeln!(
                b.filter_rules,
                "-A KUBE-SERVICES -m comment --comment {int_comment} {pa} -d {cip} --dport {port} -j {int_target}"
            );
        }

        // External IPs.
        for ip in &svc.external_ips {
            if has_endpoints {
                let _ = writeln!(
                    b.nat_rules,
                    "-A KUBE-SERVICES -m comment --comment \"{s} external IP\" {pa} -d {ip} --dport {port} -j {ext_chain}"
                );
            }
            if !has_external {
                let _ = writeln!(
                    b.filter_rules,
                    "-A KUBE-EXTERNAL-SERVICES -m comment --comment {ext_comment} {pa} -d {ip} --dport {port} -j {ext_target}"
                );
            }
        }

        // LoadBalancer VIPs.
        for ip in &svc.load_balancer_vips {
            if has_endpoints {
                let _ = writeln!(
                    b.nat_rules,
                    "-A KUBE-SERVICES -m comment --comment \"{s} loadbalancer IP\" {pa} -d {ip} --dport {port} -j {lb_chain}"
                );
            }
            if uses_fw {
                let _ = writeln!(
                    b.filter_rules,
                    "-A KUBE-PROXY-FIREWALL -m comment --comment \"{s} traffic not accepted by {fw_chain}\" {pa} -d {ip} --dport {port} -j DROP"
                );
            }
        }
        if !has_external {
            for ip in &svc.load_balancer_vips {
                let _ = writeln!(
                    b.filter_rules,
                    "-A KUBE-EXTERNAL-SERVICES -m comment --comment {ext_comment} {pa} -d {ip} --dport {port} -j {ext_target}"
                );
            }
        }

        // NodePort.
        let np = svc.node_port;
        if np != 0 {
            if has_endpoints {
                if input.settings.localhost_node_ports
                    && input.family == IpFamily::V4
                    && input.profile.nfacct
                {
                    let _ = writeln!(
                        b.nat_rules,
                        "-A KUBE-NODEPORTS -m comment --comment {s} {pa} -d 127.0.0.0/8 --dport {np} -m nfacct --nfacct-name {NFACCT_LOCALHOST_NODEPORTS} -j {ext_chain}"
                    );
                }
                let _ = writeln!(
                    b.nat_rules,
                    "-A KUBE-NODEPORTS -m comment --comment {s} {pa} --dport {np} -j {ext_chain}"
                );
            }
            if !has_external {
                let _ = writeln!(
                    b.filter_rules,
                    "-A KUBE-EXTERNAL-SERVICES -m comment --comment {ext_comment} -m addrtype --dst-type LOCAL {pa} --dport {np} -j {ext_target}"
                );
            }
        }

        // Health check NodePort.
        if svc.health_check_node_port != 0 {
            let _ = writeln!(
                b.filter_rules,
                "-A KUBE-NODEPORTS -m comment --comment \"{s} health check node port\" -m tcp -p tcp --dport {} -j ACCEPT",
                svc.health_check_node_port
            );
        }

        // Internal traffic masquerading.
        if has_internal {
            let args =
                format!("-m comment --comment \"{s} cluster IP\" {pa} -d {cip} --dport {port}");
            if input.settings.masquerade_all {
                let _ = writeln!(b.nat_rules, "-A {internal_chain} {args} -j KUBE-MARK-MASQ");
            } else if let Some(cidr) = self.detector {
                let _ = writeln!(
                    b.nat_rules,
                    "-A {internal_chain} {args} ! -s {cidr} -j KUBE-MARK-MASQ"
                );
            }
        }

        // External traffic chain.
        if uses_ext {
            chain_line(&mut b.nat_chains, &ext_chain);
            if !svc.external_policy_local {
                let _ = writeln!(
                    b.nat_rules,
                    "-A {ext_chain} -m comment --comment \"masquerade traffic for {s} external destinations\" -j KUBE-MARK-MASQ"
                );
            } else {
                if let Some(cidr) = self.detector {
                    let _ = writeln!(
                        b.nat_rules,
                        "-A {ext_chain} -m comment --comment \"pod traffic for {s} external destinations\" -s {cidr} -j {svc_chain}"
                    );
                }
                let _ = writeln!(
                    b.nat_rules,
                    "-A {ext_chain} -m comment --comment \"masquerade LOCAL traffic for {s} external destinations\" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ"
                );
                let _ = writeln!(
                    b.nat_rules,
                    "-A {ext_chain} -m comment --comment \"route LOCAL traffic for {s} external destinations\" -m addrtype --src-type LOCAL -j {svc_chain}"
                );
            }
            if has_external {
                let _ = writeln!(b.nat_rules, "-A {ext_chain} -j {external_policy_chain}");
            }
        }

        // Firewall chain (loadBalancerSourceRanges).
        if uses_fw {
            chain_line(&mut b.nat_chains, &fw_chain);
            let head = format!("-A {fw_chain} -m comment --comment \"{s} loadbalancer IP\"");
            let mut allow_from_node = false;
            for cidr in &svc.load_balancer_source_ranges {
                let _ = writeln!(b.nat_rules, "{head} -s {cidr} -j {ext_chain}");
                if input.node_ip.is_some_and(|ip| cidr.contains(ip)) {
                    allow_from_node = true;
                }
            }
            if allow_from_node {
                for ip in &svc.load_balancer_vips {
                    let _ = writeln!(b.nat_rules, "{head} -s {ip} -j {ext_chain}");
                }
            }
            let _ = writeln!(
                b.nat_rules,
                "-A {fw_chain} -m comment --comment \"other traffic to {s} will be dropped by KUBE-PROXY-FIREWALL\""
            );
        }

        // KUBE-SEP chain names of every reachable endpoint.
        let mut sep: Vec<Option<String>> = vec![None; eps.len()];
        for &i in &cat.all_reachable {
            sep[i] = Some(endpoint_chain_name(s, &proto, &eps[i].endpoint));
        }

        if uses_cluster_chain {
            chain_line(&mut b.nat_chains, &svc_chain);
            self.service_to_endpoint_rules(b, svc, &svc_chain, eps, &cat.cluster, &sep);
        }
        if uses_local_chain {
            chain_line(&mut b.nat_chains, &svl_chain);
            self.service_to_endpoint_rules(b, svc, &svl_chain, eps, &cat.local, &sep);
        }

        // KUBE-SEP chains.
        let comment = if self.large {
            String::new()
        } else {
            format!(" -m comment --comment {s}")
        };
        for &i in &cat.all_reachable {
            let chain = sep[i].as_deref().unwrap_or_default();
            let ep = &eps[i];
            chain_line(&mut b.nat_chains, chain);
            let r = &mut b.nat_rules;
            r.push_str("-A ");
            r.push_str(chain);
            r.push_str(&comment);
            r.push_str(" -s ");
            let _ = write!(r, "{}", ep.ip);
            r.push_str(" -j KUBE-MARK-MASQ\n-A ");
            r.push_str(chain);
            r.push_str(&comment);
            if svc.session_affinity_client_ip {
                r.push_str(" -m recent --name ");
                r.push_str(chain);
                r.push_str(" --set");
            }
            r.push(' ');
            r.push_str(&pa);
            r.push_str(" -j DNAT --to-destination ");
            r.push_str(&ep.endpoint);
            r.push('\n');
        }
    }

    /// `writeServiceToEndpointRules`: affinity checks first, then the probability cascade.
    fn service_to_endpoint_rules(
        &mut self,
        b: &mut Buffers,
        svc: &ServicePortInfo,
        chain: &str,
        eps: &[EndpointInfo],
        chosen: &[usize],
        sep: &[Option<String>],
    ) {
        let s = svc.name_string.as_str();
        let large = self.large;
        let comment = |ep: &EndpointInfo| {
            if large {
                String::new()
            } else {
                format!(" -m comment --comment \"{s} -> {}\"", ep.endpoint)
            }
        };
        if svc.session_affinity_client_ip {
            for &i in chosen {
                let target = sep[i].as_deref().unwrap_or_default();
                let _ = writeln!(
                    b.nat_rules,
                    "-A {chain}{} -m recent --name {target} --rcheck --seconds {} --reap -j {target}",
                    comment(&eps[i]),
                    svc.sticky_max_age_seconds
                );
            }
        }
        let n = chosen.len();
        for (k, &i) in chosen.iter().enumerate() {
            let target = sep[i].as_deref().unwrap_or_default();
            let r = &mut b.nat_rules;
            r.push_str("-A ");
            r.push_str(chain);
            if !large {
                r.push_str(" -m comment --comment \"");
                r.push_str(s);
                r.push_str(" -> ");
                r.push_str(&eps[i].endpoint);
                r.push('"');
            }
            if k + 1 < n {
                r.push_str(" -m statistic --mode random --probability ");
                if self.probabilities.len() <= n - k {
                    let start = self.probabilities.len();
                    self.probabilities
                        .extend((start..=n - k).map(compute_probability));
                }
                r.push_str(&self.probabilities[n - k]);
            }
            r.push_str(" -j ");
            r.push_str(target);
            r.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // kube-proxy.md §3 checks, taken from proxier_test.go dumps.
    #[test]
    fn chain_hashes() {
        assert_eq!(port_proto_hash("ns1/svc1:p80", "tcp"), "XPGD46QRK7WJZT7O");
        assert_eq!(port_proto_hash("ns1/svc1", "tcp"), "AQI2S6QIMU7PVVRP");
        assert_eq!(port_proto_hash("ns1/svc1:p80", "sctp"), "GFCIFIA5VTFSTMSM");
        assert_eq!(
            endpoint_chain_name("ns1/svc1:p80", "tcp", "10.180.0.1:80"),
            "KUBE-SEP-SXIVWICOYRO3J4NJ"
        );
    }
}
