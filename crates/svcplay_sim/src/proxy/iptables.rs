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

use sha2::block_api::compress256;
use svcplay_model::net::Cidr;
use svcplay_model::types::{EndpointSlice, Node, Service, StringMap};

use super::model::{
    Categorized, IpFamily, LABEL_TOPOLOGY_ZONE, ServicePortInfo, ServicePortName, SliceIndex,
    build_service_ports, categorize_into, parse_cidr_sloppy, push_decimal,
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
    pub node_labels: StringMap,
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
            node_labels: (*node.metadata.labels).clone(),
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

/// SHA-256 initial hash value (FIPS 180-4 §5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// SHA-256 of a fixed prefix followed by varying tails, reduced to kube-proxy's 16-character
/// chain-name hash: the prefix's whole 64-byte blocks are compressed once, each tail costs one
/// or two block compressions and no allocation.
#[derive(Clone)]
struct ChainHasher {
    state: [u32; 8],
    rest: [u8; 64],
    rest_len: usize,
    /// Bytes already compressed into `state`.
    compressed: u64,
}

impl ChainHasher {
    fn new(parts: &[&str]) -> Self {
        let mut h = ChainHasher {
            state: SHA256_IV,
            rest: [0; 64],
            rest_len: 0,
            compressed: 0,
        };
        for p in parts {
            h.absorb(p.as_bytes());
        }
        h
    }

    fn absorb(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let n = (64 - self.rest_len).min(data.len());
            self.rest[self.rest_len..self.rest_len + n].copy_from_slice(&data[..n]);
            self.rest_len += n;
            data = &data[n..];
            if self.rest_len == 64 {
                compress256(&mut self.state, &[self.rest]);
                self.compressed += 64;
                self.rest_len = 0;
            }
        }
    }

    /// The first 16 characters of `base32(sha256(prefix + tail))`.
    fn hash16(&self, tail: &[u8]) -> [u8; 16] {
        let len = self.rest_len + tail.len();
        let bit_len = (self.compressed + len as u64) * 8;
        let mut state = self.state;
        if len + 9 <= 128 {
            // Message end, 0x80 and the 64-bit length fit in one or two blocks.
            let mut blocks = [[0u8; 64]; 2];
            let n = if len + 9 <= 64 { 1 } else { 2 };
            let flat = blocks.as_flattened_mut();
            flat[..self.rest_len].copy_from_slice(&self.rest[..self.rest_len]);
            flat[self.rest_len..len].copy_from_slice(tail);
            flat[len] = 0x80;
            flat[n * 64 - 8..n * 64].copy_from_slice(&bit_len.to_be_bytes());
            compress256(&mut state, &blocks[..n]);
        } else {
            let mut h = self.clone();
            h.absorb(tail);
            h.absorb(&[0x80]);
            while h.rest_len != 56 {
                h.absorb(&[0]);
            }
            h.absorb(&bit_len.to_be_bytes());
            state = h.state;
        }
        // 16 base32 characters = 80 bits = the first 10 digest bytes: 8 characters from each
        // 40-bit half.
        let hi = (u64::from(state[0]) << 8) | u64::from(state[1] >> 24);
        let lo = (u64::from(state[1] & 0x00ff_ffff) << 16) | u64::from(state[2] >> 16);
        let mut out = [0u8; 16];
        for i in 0..8 {
            let shift = 35 - 5 * i;
            out[i] = ALPHABET[((hi >> shift) & 31) as usize];
            out[i + 8] = ALPHABET[((lo >> shift) & 31) as usize];
        }
        out
    }
}

/// The base32 alphabet is ASCII: the hash is always valid UTF-8.
fn hash_str(h: &[u8; 16]) -> &str {
    std::str::from_utf8(h).unwrap_or_default()
}

/// First 16 characters of `base32.StdEncoding(sha256(parts...))`.
pub fn hash16(parts: &[&str]) -> String {
    hash_str(&ChainHasher::new(parts).hash16(b"")).to_string()
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
    let h = ChainHasher::new(&[service_port_name, protocol_lower]).hash16(endpoint.as_bytes());
    format!("KUBE-SEP-{}", hash_str(&h))
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

fn chain_line(buf: &mut String, chain: &str) {
    buf.push(':');
    buf.push_str(chain);
    buf.push_str(" - [0:0]\n");
}

/// `-m <p> -p <p>`.
fn proto_args(p: &str) -> String {
    format!("-m {p} -p {p}")
}

/// Length of `KUBE-SEP-` + 16 hash characters.
const SEP_NAME_LEN: usize = 25;

/// A KUBE-SEP chain: where its endpoint's `ip:port` sits in the key arena.
#[derive(Debug, Clone, Copy)]
struct Sep {
    key_start: usize,
    key_len: u16,
    /// Offset and length of the bare IP inside `ip:port` (`[ip]:port` for IPv6).
    ip_offset: u8,
    ip_len: u8,
}

/// Endpoint indices for one KUBE-SVC/KUBE-SVL chain: every reachable endpoint in order, or an
/// explicit list of KUBE-SEP indices.
#[derive(Clone, Copy)]
enum Chosen {
    All,
    List(usize, usize),
}

/// The decisions `syncProxyRules` takes for one Service port, computed before anything is
/// written so that the payload can be written section by section into one buffer.
struct PortPlan<'s> {
    svc: &'s ServicePortInfo,
    pa: String,
    svc_chain: String,
    svl_chain: String,
    ext_chain: String,
    fw_chain: String,
    has_endpoints: bool,
    has_local: bool,
    uses_cluster_chain: bool,
    uses_local_chain: bool,
    /// KUBE-SEP chains of this Service port: `seps[sep_start..sep_end]`, in endpoint order.
    sep_start: usize,
    sep_end: usize,
    cluster: Chosen,
    local: Chosen,
}

impl PortPlan<'_> {
    fn has_internal(&self) -> bool {
        if self.svc.internal_policy_local {
            self.has_endpoints && self.has_local
        } else {
            self.has_endpoints
        }
    }

    fn has_external(&self) -> bool {
        if self.svc.external_policy_local {
            self.has_endpoints && self.has_local
        } else {
            self.has_endpoints
        }
    }

    fn uses_fw(&self) -> bool {
        self.has_endpoints
            && !self.svc.load_balancer_vips.is_empty()
            && !self.svc.load_balancer_source_ranges.is_empty()
    }

    fn uses_ext(&self) -> bool {
        self.has_endpoints && self.svc.externally_accessible()
    }

    /// `(target, comment)` of the REJECT/DROP rules for traffic without (local) endpoints.
    fn no_endpoints_target(&self) -> (&'static str, String) {
        let s = &self.svc.name_string;
        if self.has_endpoints {
            ("DROP", format!("\"{s} has no local endpoints\""))
        } else {
            ("REJECT", format!("\"{s} has no endpoints\""))
        }
    }
}

/// Every Service port's plan plus the shared arenas they point into.
struct Plans<'s> {
    ports: Vec<PortPlan<'s>>,
    seps: Vec<Sep>,
    /// `KUBE-SEP-` + 16 hash characters per KUBE-SEP chain.
    names: String,
    /// `ip:port` strings.
    keys: String,
    /// Explicit endpoint lists (KUBE-SEP indices) for [`Chosen::List`].
    lists: Vec<usize>,
    /// Endpoints over all Service ports (kube-proxy's `totalEndpoints`).
    total_endpoints: usize,
    /// Longest endpoint list of a KUBE-SVC/KUBE-SVL chain.
    max_chosen: usize,
}

impl Plans<'_> {
    /// `KUBE-SEP-…` of chain `i`.
    fn sep_name(&self, i: usize) -> &str {
        self.names
            .get(i * SEP_NAME_LEN..(i + 1) * SEP_NAME_LEN)
            .unwrap_or_default()
    }

    fn sep_key(&self, i: usize) -> &str {
        let s = self.seps[i];
        self.keys
            .get(s.key_start..s.key_start + usize::from(s.key_len))
            .unwrap_or_default()
    }

    fn sep_ip(&self, i: usize) -> &str {
        let s = self.seps[i];
        let start = s.key_start + usize::from(s.ip_offset);
        self.keys
            .get(start..start + usize::from(s.ip_len))
            .unwrap_or_default()
    }

    fn chosen(&self, c: Chosen) -> &[usize] {
        match c {
            Chosen::All => &[],
            Chosen::List(a, b) => &self.lists[a..b],
        }
    }
}

/// Builds the plan of every Service port: endpoints (sorted, merged), categorisation and
/// KUBE-SEP chain hashes.
fn plan<'s>(
    input: &ProxyInput,
    svc_ports: &'s BTreeMap<ServicePortName, ServicePortInfo>,
    buffers: &mut RulesBuffers,
) -> Plans<'s> {
    let index = SliceIndex::new(&input.slices, input.family, &input.node_name);
    let mut plans = Plans {
        ports: Vec::with_capacity(svc_ports.len()),
        seps: std::mem::take(&mut buffers.seps),
        names: std::mem::take(&mut buffers.names),
        keys: std::mem::take(&mut buffers.keys),
        lists: std::mem::take(&mut buffers.lists),
        total_endpoints: 0,
        max_chosen: 0,
    };
    plans.seps.clear();
    plans.names.clear();
    plans.keys.clear();
    plans.lists.clear();
    let (mut scratch, mut order, mut eps) = (Vec::new(), Vec::new(), Vec::new());
    let mut cat = Categorized::default();
    let mut sep_of: Vec<usize> = Vec::new();
    let mut reserved = false;
    let zone = input.zone();
    for (name, svc) in svc_ports {
        let key = (
            name.namespace.as_str(),
            name.name.as_str(),
            name.port.as_str(),
            name.protocol.as_str(),
        );
        index.endpoints_of(key, &mut plans.keys, &mut scratch, &mut order, &mut eps);
        if !reserved && !eps.is_empty() {
            // The first Service port with endpoints tells the typical size: reserve once.
            reserved = true;
            let per_port = plans.keys.len();
            plans.keys.reserve(per_port * svc_ports.len());
            plans.seps.reserve(eps.len() * svc_ports.len());
            plans
                .names
                .reserve(eps.len() * svc_ports.len() * SEP_NAME_LEN);
        }
        plans.total_endpoints += eps.len();
        categorize_into(
            &eps,
            svc,
            &input.node_name,
            zone,
            input.profile.prefer_same_traffic_distribution,
            &mut cat,
        );
        let s = svc.name_string.as_str();
        let proto = svc.protocol_lower();
        let base = ChainHasher::new(&[s, &proto]).hash16(b"");
        let base = hash_str(&base);
        let hasher = ChainHasher::new(&[s, &proto]);
        let sep_start = plans.seps.len();
        sep_of.clear();
        sep_of.resize(eps.len(), usize::MAX);
        for &i in &cat.all_reachable {
            let ep = &eps[i];
            let (key_start, key_len) = ep.key_range();
            let key = plans
                .keys
                .get(key_start..key_start + key_len)
                .unwrap_or_default();
            let h = hasher.hash16(key.as_bytes());
            plans.names.push_str("KUBE-SEP-");
            plans.names.push_str(hash_str(&h));
            let (ip_offset, ip_len) = ep.ip_range();
            sep_of[i] = plans.seps.len();
            plans.seps.push(Sep {
                key_start,
                key_len: key_len as u16,
                ip_offset,
                ip_len,
            });
        }
        let sep_end = plans.seps.len();
        let chosen = |list: &[usize], lists: &mut Vec<usize>| {
            if list == cat.all_reachable.as_slice() {
                return Chosen::All;
            }
            let a = lists.len();
            lists.extend(list.iter().map(|&i| sep_of[i]));
            Chosen::List(a, lists.len())
        };
        let cluster = chosen(&cat.cluster, &mut plans.lists);
        let local = chosen(&cat.local, &mut plans.lists);
        plans.max_chosen = plans.max_chosen.max(cat.cluster.len()).max(cat.local.len());
        plans.ports.push(PortPlan {
            svc,
            pa: proto_args(&proto),
            svc_chain: format!("KUBE-SVC-{base}"),
            svl_chain: format!("KUBE-SVL-{base}"),
            ext_chain: format!("KUBE-EXT-{base}"),
            fw_chain: format!("KUBE-FW-{base}"),
            has_endpoints: cat.has_any,
            has_local: !cat.local.is_empty(),
            uses_cluster_chain: !cat.cluster.is_empty() && svc.uses_cluster_endpoints(),
            uses_local_chain: !cat.local.is_empty() && svc.uses_local_endpoints(),
            sep_start,
            sep_end,
            cluster,
            local,
        });
    }
    plans
}

/// Generates the `iptables-restore` payload kube-proxy writes for this node (full sync).
pub fn iptables_save(input: &ProxyInput) -> String {
    let mut buffers = RulesBuffers::default();
    buffers.sync(input);
    buffers.out
}

/// The buffers of one kube-proxy, kept between syncs as upstream's `Proxier` keeps its
/// `iptablesData` and line buffers: a sync that reuses them writes into memory that is already
/// allocated. For the largest clusters (hundreds of megabytes of rules) mapping fresh memory
/// costs about as much as generating the rules.
#[derive(Debug, Default)]
pub struct RulesBuffers {
    out: String,
    keys: String,
    names: String,
    seps: Vec<Sep>,
    lists: Vec<usize>,
}

impl RulesBuffers {
    /// Generates the payload for `input` (full sync, same text as [`iptables_save`]) into the
    /// kept buffers and returns it.
    pub fn sync(&mut self, input: &ProxyInput) -> &str {
        let mut out = std::mem::take(&mut self.out);
        out.clear();
        write_payload(input, &mut out, self);
        self.out = out;
        &self.out
    }

    /// The payload of the last sync, taken out of the buffers.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }
}

/// Writes the payload into `out` (empty, possibly with capacity), keeping the plan arenas in
/// `buffers` for the next sync.
fn write_payload(input: &ProxyInput, out: &mut String, buffers: &mut RulesBuffers) {
    let family = input.family;
    let v6 = family == IpFamily::V6;
    let svc_ports = build_service_ports(&input.services, family);
    let plans = plan(input, &svc_ports, buffers);
    let mark = input.masquerade_mark();
    let detector = input.local_detector();
    let settings = &input.settings;
    let large = plans.total_endpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
    let probabilities: Vec<String> = (0..=plans.max_chosen)
        .map(|n| {
            format!(
                " -m statistic --mode random --probability {} -j ",
                compute_probability(n)
            )
        })
        .collect();
    let w = Writer {
        input,
        plans: &plans,
        detector: detector.as_deref(),
        large,
        probabilities,
    };

    // Reserve once: growing a buffer of hundreds of megabytes costs more than writing it.
    // Per KUBE-SEP chain: its declaration, its two rules and one jump to it, ~300 bytes; with
    // comments three more copies of the Service port name and the endpoint.
    let size: usize = plans
        .ports
        .iter()
        .map(|p| {
            let per_sep = if large {
                310
            } else {
                400 + 3 * p.svc.name_string.len()
            };
            1100 + 14 * p.svc.name_string.len() + (p.sep_end - p.sep_start) * per_sep
        })
        .sum();
    out.reserve(
        2048 + size + plans.lists.len() * (110 + plans.keys.len() / plans.seps.len().max(1)),
    );

    out.push_str("*filter\n");
    for c in [
        "KUBE-SERVICES",
        "KUBE-EXTERNAL-SERVICES",
        "KUBE-FORWARD",
        "KUBE-NODEPORTS",
        "KUBE-PROXY-FIREWALL",
    ] {
        chain_line(out, c);
    }
    let localhost_firewall = !v6 && settings.localhost_node_ports;
    if localhost_firewall {
        chain_line(out, "KUBE-FIREWALL");
        out.push_str(
            "-A KUBE-FIREWALL -m comment --comment \"block incoming localnet connections\" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP\n",
        );
    }
    for p in &plans.ports {
        w.filter_rules(out, p);
    }
    if !input.profile.conntrack_tcp_liberal {
        let nfacct = if input.profile.nfacct {
            format!(" -m nfacct --nfacct-name {NFACCT_CT_STATE_INVALID}")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "-A KUBE-FORWARD -m conntrack --ctstate INVALID{nfacct} -j DROP"
        );
    }
    let _ = writeln!(
        out,
        "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark {mark}/{mark} -j ACCEPT"
    );
    out.push_str("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n");
    out.push_str("COMMIT\n*nat\n");

    for c in [
        "KUBE-SERVICES",
        "KUBE-NODEPORTS",
        "KUBE-POSTROUTING",
        "KUBE-MARK-MASQ",
    ] {
        chain_line(out, c);
    }
    for p in &plans.ports {
        w.nat_chains(out, p);
    }

    let _ = writeln!(
        out,
        "-A KUBE-POSTROUTING -m mark ! --mark {mark}/{mark} -j RETURN"
    );
    let _ = writeln!(out, "-A KUBE-POSTROUTING -j MARK --xor-mark {mark}");
    let _ = writeln!(
        out,
        "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE{}",
        if input.profile.random_fully {
            " --random-fully"
        } else {
            ""
        }
    );
    let _ = writeln!(out, "-A KUBE-MARK-MASQ -j MARK --or-mark {mark}");
    for p in &plans.ports {
        w.nat_rules(out, p);
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
            out,
            "{LAST} -m addrtype --dst-type LOCAL{extra} -j KUBE-NODEPORTS"
        );
    } else {
        for ip in npa.node_ips(input) {
            if ip.is_loopback() && (v6 || !settings.localhost_node_ports) {
                continue;
            }
            let _ = writeln!(out, "{LAST} -d {ip} -j KUBE-NODEPORTS");
        }
    }
    out.push_str("COMMIT\n");
    drop(w);
    buffers.seps = plans.seps;
    buffers.names = plans.names;
    buffers.keys = plans.keys;
    buffers.lists = plans.lists;
}

/// Writes the sections of the payload from the plans.
struct Writer<'w, 'i, 'a> {
    input: &'i ProxyInput<'a>,
    plans: &'w Plans<'w>,
    detector: Option<&'i str>,
    large: bool,
    /// ` -m statistic --mode random --probability P -j ` with `P = compute_probability(n)`,
    /// for every list length `n` used.
    probabilities: Vec<String>,
}

impl Writer<'_, '_, '_> {
    /// The filter-table rules of one Service port.
    fn filter_rules(&self, out: &mut String, p: &PortPlan) {
        let svc = p.svc;
        let s = svc.name_string.as_str();
        let pa = &p.pa;
        let port = svc.port;
        let (target, comment) = p.no_endpoints_target();
        let has_external = p.has_external();
        if !p.has_internal() {
            let _ = writeln!(
                out,
                "-A KUBE-SERVICES -m comment --comment {comment} {pa} -d {} --dport {port} -j {target}",
                svc.cluster_ip
            );
        }
        if !has_external {
            for ip in &svc.external_ips {
                let _ = writeln!(
                    out,
                    "-A KUBE-EXTERNAL-SERVICES -m comment --comment {comment} {pa} -d {ip} --dport {port} -j {target}"
                );
            }
        }
        if p.uses_fw() {
            for ip in &svc.load_balancer_vips {
                let _ = writeln!(
                    out,
                    "-A KUBE-PROXY-FIREWALL -m comment --comment \"{s} traffic not accepted by {}\" {pa} -d {ip} --dport {port} -j DROP",
                    p.fw_chain
                );
            }
        }
        if !has_external {
            for ip in &svc.load_balancer_vips {
                let _ = writeln!(
                    out,
                    "-A KUBE-EXTERNAL-SERVICES -m comment --comment {comment} {pa} -d {ip} --dport {port} -j {target}"
                );
            }
            if svc.node_port != 0 {
                let _ = writeln!(
                    out,
                    "-A KUBE-EXTERNAL-SERVICES -m comment --comment {comment} -m addrtype --dst-type LOCAL {pa} --dport {} -j {target}",
                    svc.node_port
                );
            }
        }
        if svc.health_check_node_port != 0 {
            let _ = writeln!(
                out,
                "-A KUBE-NODEPORTS -m comment --comment \"{s} health check node port\" -m tcp -p tcp --dport {} -j ACCEPT",
                svc.health_check_node_port
            );
        }
    }

    /// The nat-table chain declarations of one Service port.
    fn nat_chains(&self, out: &mut String, p: &PortPlan) {
        if p.uses_ext() {
            chain_line(out, &p.ext_chain);
        }
        if p.uses_fw() {
            chain_line(out, &p.fw_chain);
        }
        if p.uses_cluster_chain {
            chain_line(out, &p.svc_chain);
        }
        if p.uses_local_chain {
            chain_line(out, &p.svl_chain);
        }
        for i in p.sep_start..p.sep_end {
            chain_line(out, self.plans.sep_name(i));
        }
    }

    /// The nat-table rules of one Service port.
    fn nat_rules(&self, out: &mut String, p: &PortPlan) {
        let input = self.input;
        let svc = p.svc;
        let s = svc.name_string.as_str();
        let pa = &p.pa;
        let port = svc.port;
        let cip = svc.cluster_ip;
        let has_internal = p.has_internal();
        let internal_chain = if svc.internal_policy_local {
            &p.svl_chain
        } else {
            &p.svc_chain
        };
        let external_policy_chain = if svc.external_policy_local {
            &p.svl_chain
        } else {
            &p.svc_chain
        };
        let ext_chain = &p.ext_chain;
        let fw_chain = &p.fw_chain;
        let uses_fw = p.uses_fw();
        let lb_chain = if uses_fw { fw_chain } else { ext_chain };

        // ClusterIP.
        if has_internal {
            let _ = writeln!(
                out,
                "-A KUBE-SERVICES -m comment --comment \"{s} cluster IP\" {pa} -d {cip} --dport {port} -j {internal_chain}"
            );
        }
        if p.has_endpoints {
            for ip in &svc.external_ips {
                let _ = writeln!(
                    out,
                    "-A KUBE-SERVICES -m comment --comment \"{s} external IP\" {pa} -d {ip} --dport {port} -j {ext_chain}"
                );
            }
            for ip in &svc.load_balancer_vips {
                let _ = writeln!(
                    out,
                    "-A KUBE-SERVICES -m comment --comment \"{s} loadbalancer IP\" {pa} -d {ip} --dport {port} -j {lb_chain}"
                );
            }
            let np = svc.node_port;
            if np != 0 {
                if input.settings.localhost_node_ports
                    && input.family == IpFamily::V4
                    && input.profile.nfacct
                {
                    let _ = writeln!(
                        out,
                        "-A KUBE-NODEPORTS -m comment --comment {s} {pa} -d 127.0.0.0/8 --dport {np} -m nfacct --nfacct-name {NFACCT_LOCALHOST_NODEPORTS} -j {ext_chain}"
                    );
                }
                let _ = writeln!(
                    out,
                    "-A KUBE-NODEPORTS -m comment --comment {s} {pa} --dport {np} -j {ext_chain}"
                );
            }
        }

        // Internal traffic masquerading.
        if has_internal {
            if input.settings.masquerade_all {
                let _ = writeln!(
                    out,
                    "-A {internal_chain} -m comment --comment \"{s} cluster IP\" {pa} -d {cip} --dport {port} -j KUBE-MARK-MASQ"
                );
            } else if let Some(cidr) = self.detector {
                let _ = writeln!(
                    out,
                    "-A {internal_chain} -m comment --comment \"{s} cluster IP\" {pa} -d {cip} --dport {port} ! -s {cidr} -j KUBE-MARK-MASQ"
                );
            }
        }

        // External traffic chain.
        if p.uses_ext() {
            let svc_chain = &p.svc_chain;
            if !svc.external_policy_local {
                let _ = writeln!(
                    out,
                    "-A {ext_chain} -m comment --comment \"masquerade traffic for {s} external destinations\" -j KUBE-MARK-MASQ"
                );
            } else {
                if let Some(cidr) = self.detector {
                    let _ = writeln!(
                        out,
                        "-A {ext_chain} -m comment --comment \"pod traffic for {s} external destinations\" -s {cidr} -j {svc_chain}"
                    );
                }
                let _ = writeln!(
                    out,
                    "-A {ext_chain} -m comment --comment \"masquerade LOCAL traffic for {s} external destinations\" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ"
                );
                let _ = writeln!(
                    out,
                    "-A {ext_chain} -m comment --comment \"route LOCAL traffic for {s} external destinations\" -m addrtype --src-type LOCAL -j {svc_chain}"
                );
            }
            if p.has_external() {
                let _ = writeln!(out, "-A {ext_chain} -j {external_policy_chain}");
            }
        }

        // Firewall chain (loadBalancerSourceRanges).
        if uses_fw {
            let head = format!("-A {fw_chain} -m comment --comment \"{s} loadbalancer IP\"");
            let mut allow_from_node = false;
            for cidr in &svc.load_balancer_source_ranges {
                let _ = writeln!(out, "{head} -s {cidr} -j {ext_chain}");
                if input.node_ip.is_some_and(|ip| cidr.contains(ip)) {
                    allow_from_node = true;
                }
            }
            if allow_from_node {
                for ip in &svc.load_balancer_vips {
                    let _ = writeln!(out, "{head} -s {ip} -j {ext_chain}");
                }
            }
            let _ = writeln!(
                out,
                "-A {fw_chain} -m comment --comment \"other traffic to {s} will be dropped by KUBE-PROXY-FIREWALL\""
            );
        }

        if p.uses_cluster_chain {
            self.service_to_endpoint_rules(out, p, &p.svc_chain, p.cluster);
        }
        if p.uses_local_chain {
            self.service_to_endpoint_rules(out, p, &p.svl_chain, p.local);
        }
        self.endpoint_rules(out, p);
    }

    /// The two rules of every KUBE-SEP chain: masquerade hairpin traffic, DNAT.
    fn endpoint_rules(&self, out: &mut String, p: &PortPlan) {
        let plans = self.plans;
        let svc = p.svc;
        let comment = if self.large {
            String::new()
        } else {
            format!(" -m comment --comment {}", svc.name_string)
        };
        let masq = format!("{comment} -s ");
        let dnat = format!("{comment} {} -j DNAT --to-destination ", p.pa);
        let affinity_dnat = format!(" --set {} -j DNAT --to-destination ", p.pa);
        for i in p.sep_start..p.sep_end {
            let name = plans.sep_name(i);
            out.push_str("-A ");
            out.push_str(name);
            out.push_str(&masq);
            out.push_str(plans.sep_ip(i));
            out.push_str(" -j KUBE-MARK-MASQ\n-A ");
            out.push_str(name);
            if svc.session_affinity_client_ip {
                out.push_str(&comment);
                out.push_str(" -m recent --name ");
                out.push_str(name);
                out.push_str(&affinity_dnat);
            } else {
                out.push_str(&dnat);
            }
            out.push_str(plans.sep_key(i));
            out.push('\n');
        }
    }

    /// `writeServiceToEndpointRules`: affinity checks first, then the probability cascade.
    fn service_to_endpoint_rules(&self, out: &mut String, p: &PortPlan, chain: &str, c: Chosen) {
        let plans = self.plans;
        let svc = p.svc;
        let s = svc.name_string.as_str();
        let explicit = plans.chosen(c);
        let (all, n) = match c {
            Chosen::All => (true, p.sep_end - p.sep_start),
            Chosen::List(a, b) => (false, b - a),
        };
        let sep_at = |k: usize| if all { p.sep_start + k } else { explicit[k] };
        let head = format!("-A {chain}");
        let comment_head = format!(" -m comment --comment \"{s} -> ");
        if svc.session_affinity_client_ip {
            let tail = " --reap -j ";
            for k in 0..n {
                let i = sep_at(k);
                let name = plans.sep_name(i);
                out.push_str(&head);
                if !self.large {
                    out.push_str(&comment_head);
                    out.push_str(plans.sep_key(i));
                    out.push('"');
                }
                out.push_str(" -m recent --name ");
                out.push_str(name);
                out.push_str(" --rcheck --seconds ");
                push_decimal(out, i64::from(svc.sticky_max_age_seconds));
                out.push_str(tail);
                out.push_str(name);
                out.push('\n');
            }
        }
        for k in 0..n {
            let i = sep_at(k);
            out.push_str(&head);
            if !self.large {
                out.push_str(&comment_head);
                out.push_str(plans.sep_key(i));
                out.push('"');
            }
            if k + 1 < n {
                out.push_str(&self.probabilities[n - k]);
            } else {
                out.push_str(" -j ");
            }
            out.push_str(plans.sep_name(i));
            out.push('\n');
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

    /// The reference: `base32(sha256(prefix + tail))[..16]` through the `Digest` API.
    fn reference(prefix: &[u8], tail: &[u8]) -> String {
        use sha2::{Digest, Sha256};
        let d = Sha256::new()
            .chain_update(prefix)
            .chain_update(tail)
            .finalize();
        let mut bits: u128 = 0;
        for b in &d[..10] {
            bits = (bits << 8) | u128::from(*b);
        }
        (0..16)
            .rev()
            .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
            .collect()
    }

    // Every padding case: prefixes and tails from 0 to 200 bytes, across block boundaries.
    #[test]
    fn chain_hasher_matches_sha256() {
        let text: Vec<u8> = (0..200u8).map(|i| b'a' + i % 26).collect();
        for p in [0, 1, 20, 55, 56, 63, 64, 65, 119, 128, 130, 200] {
            for t in [0, 1, 8, 9, 20, 47, 55, 56, 63, 64, 65, 100, 119, 120, 200] {
                let (prefix, tail) = (&text[..p], &text[..t]);
                let prefix_str = std::str::from_utf8(prefix).unwrap();
                let got = ChainHasher::new(&[prefix_str]).hash16(tail);
                assert_eq!(
                    hash_str(&got),
                    reference(prefix, tail),
                    "prefix {p} tail {t}"
                );
            }
        }
    }
}
