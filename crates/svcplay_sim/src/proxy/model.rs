//! kube-proxy's view of one node: the Service ports it proxies and the endpoints behind each,
//! built from `Service` and `EndpointSlice` objects exactly as kube-proxy's change trackers do
//! (`pkg/proxy/serviceport.go newBaseServiceInfo`, `pkg/proxy/endpointslicecache.go`), plus the
//! routing decision `CategorizeEndpoints` (`pkg/proxy/topology.go`).
//!
//! kube-proxy neither validates nor defaults: values are taken as stored. Where upstream would
//! crash on impossible input (a nil `sessionAffinityConfig` with `ClientIP`, an endpoint port
//! without protocol) we pick the API default instead of panicking.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

use svcplay_model::net::Cidr;
use svcplay_model::types::{Endpoint, EndpointSlice, Service};

/// Label tying an EndpointSlice to its Service (`discovery.LabelServiceName`).
pub const LABEL_SERVICE_NAME: &str = "kubernetes.io/service-name";
/// Node label holding the zone (`v1.LabelTopologyZone`).
pub const LABEL_TOPOLOGY_ZONE: &str = "topology.kubernetes.io/zone";

/// The IP family one kube-proxy instance handles (kube-proxy runs one proxier per family).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IpFamily {
    /// `IPv4`.
    #[default]
    V4,
    /// `IPv6`.
    V6,
}

impl IpFamily {
    /// Whether `ip` belongs to this family.
    pub fn matches(self, ip: IpAddr) -> bool {
        ip.is_ipv6() == (self == IpFamily::V6)
    }

    /// The family of `ip`.
    pub fn of(ip: IpAddr) -> IpFamily {
        if ip.is_ipv6() {
            IpFamily::V6
        } else {
            IpFamily::V4
        }
    }
}

/// `proxy.ServicePortName`: namespace, Service name, port name and protocol.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ServicePortName {
    /// Namespace.
    pub namespace: String,
    /// Service name.
    pub name: String,
    /// `spec.ports[].name` (may be empty).
    pub port: String,
    /// Protocol as written in the API (`TCP`, `UDP`, `SCTP`).
    pub protocol: String,
}

impl fmt::Display for ServicePortName {
    /// `ns/name:port`, or `ns/name` for an unnamed port (`ServicePortName.String`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.namespace, self.name)?;
        if !self.port.is_empty() {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

/// One proxied Service port (`BaseServicePortInfo` + the iptables `servicePortInfo`).
#[derive(Debug, Clone, PartialEq)]
pub struct ServicePortInfo {
    /// Key.
    pub name: ServicePortName,
    /// `name.to_string()`, used in comments and chain hashes.
    pub name_string: String,
    /// The ClusterIP of this family.
    pub cluster_ip: IpAddr,
    /// `spec.ports[].port`.
    pub port: i32,
    /// `spec.ports[].protocol` (`TCP` when empty).
    pub protocol: String,
    /// `spec.ports[].nodePort` (0 = none).
    pub node_port: i32,
    /// `spec.externalIPs` of this family, in spec order.
    pub external_ips: Vec<IpAddr>,
    /// `status.loadBalancer.ingress[].ip` of this family that are VIPs (not `ipMode: Proxy`).
    pub load_balancer_vips: Vec<IpAddr>,
    /// `spec.loadBalancerSourceRanges` of this family (trimmed, masked).
    pub load_balancer_source_ranges: Vec<Cidr>,
    /// `sessionAffinity: ClientIP`.
    pub session_affinity_client_ip: bool,
    /// `sessionAffinityConfig.clientIP.timeoutSeconds` (10800 when unset).
    pub sticky_max_age_seconds: i32,
    /// `externalTrafficPolicy: Local` on an externally accessible Service.
    pub external_policy_local: bool,
    /// `internalTrafficPolicy: Local`.
    pub internal_policy_local: bool,
    /// `spec.healthCheckNodePort` when the Service needs a health check (LoadBalancer + Local).
    pub health_check_node_port: i32,
}

impl ServicePortInfo {
    /// Lower-case protocol as iptables spells it (`tcp`).
    pub fn protocol_lower(&self) -> String {
        self.protocol.to_ascii_lowercase()
    }

    /// Proxier-side `ExternallyAccessible`: a NodePort, LoadBalancer VIPs or external IPs.
    pub fn externally_accessible(&self) -> bool {
        self.node_port != 0 || !self.load_balancer_vips.is_empty() || !self.external_ips.is_empty()
    }

    /// `UsesClusterEndpoints`: some traffic uses Cluster policy.
    pub fn uses_cluster_endpoints(&self) -> bool {
        !self.internal_policy_local || self.externally_accessible()
    }

    /// `UsesLocalEndpoints`: some traffic uses Local policy.
    pub fn uses_local_endpoints(&self) -> bool {
        self.internal_policy_local || (self.external_policy_local && self.externally_accessible())
    }
}

/// One endpoint of one Service port as kube-proxy sees it (`BaseEndpointInfo`).
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointInfo {
    /// The endpoint IP (canonical).
    pub ip: IpAddr,
    /// The endpoint port (from the slice's port).
    pub port: i32,
    /// `ip:port` (`[ip]:port` for IPv6), the endpoint's identity.
    pub endpoint: String,
    /// `nodeName` equals this node's name.
    pub is_local: bool,
    /// `conditions.ready`, nil meaning true.
    pub ready: bool,
    /// `conditions.serving`, nil meaning true.
    pub serving: bool,
    /// `conditions.terminating`, nil meaning false.
    pub terminating: bool,
    /// `hints.forZones[].name`.
    pub zone_hints: Vec<String>,
    /// `hints.forNodes[].name`.
    pub node_hints: Vec<String>,
}

/// Parses an IP the way `netutils.ParseIPSloppy` does: IPv4 octets may carry leading zeros,
/// which are read as decimal (`172.30.0.041` → `172.30.0.41`).
pub fn parse_ip_sloppy(s: &str) -> Option<IpAddr> {
    if let Some(v4) = parse_ipv4_sloppy(s.as_bytes()) {
        return Some(IpAddr::V4(v4));
    }
    s.parse::<IpAddr>().ok().filter(IpAddr::is_ipv6)
}

/// Dotted decimal with exactly four parts of one to three digits, each at most 255; leading
/// zeros are decimal. Accepts everything Rust's strict IPv4 parser accepts, and more.
fn parse_ipv4_sloppy(s: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut part = 0;
    let mut value: u32 = 0;
    let mut digits = 0;
    for &b in s {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 3 {
                    return None;
                }
                value = value * 10 + u32::from(b - b'0');
            }
            b'.' => {
                if digits == 0 || part == 3 || value > 255 {
                    return None;
                }
                octets[part] = value as u8;
                part += 1;
                value = 0;
                digits = 0;
            }
            _ => return None,
        }
    }
    if part != 3 || digits == 0 || value > 255 {
        return None;
    }
    octets[3] = value as u8;
    Some(Ipv4Addr::from(octets))
}

/// Parses a CIDR the way `netutils.ParseCIDRSloppy` does and returns the network (host bits
/// cleared, as Go's `*net.IPNet` prints it).
pub fn parse_cidr_sloppy(s: &str) -> Option<Cidr> {
    let (a, p) = s.split_once('/')?;
    let addr = parse_ip_sloppy(a)?;
    if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let prefix: u8 = p.parse().ok()?;
    let max = if addr.is_ipv4() { 32 } else { 128 };
    (prefix <= max).then(|| Cidr { addr, prefix }.masked())
}

/// `net.JoinHostPort(ip, port)`.
pub fn join_host_port(ip: IpAddr, port: i32) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{v4}:{port}"),
        IpAddr::V6(v6) => format!("[{v6}]:{port}"),
    }
}

fn namespace_of(ns: &str) -> &str {
    if ns.is_empty() { "default" } else { ns }
}

/// The ClusterIP of `family` (`GetClusterIPByFamily`), or `None`.
fn cluster_ip_by_family(svc: &Service, family: IpFamily) -> Option<IpAddr> {
    if svc.spec.cluster_ips.is_empty() {
        return parse_ip_sloppy(&svc.spec.cluster_ip).filter(|ip| family.matches(*ip));
    }
    svc.spec
        .cluster_ips
        .iter()
        .filter_map(|s| parse_ip_sloppy(s))
        .find(|ip| family.matches(*ip))
}

/// API-side `ExternallyAccessible` (`pkg/api/v1/service/util.go`).
fn api_externally_accessible(svc: &Service) -> bool {
    match svc.spec.type_.as_str() {
        "LoadBalancer" | "NodePort" => true,
        "ClusterIP" => !svc.spec.external_ips.is_empty(),
        _ => false,
    }
}

/// The Service ports kube-proxy of `family` proxies, keyed and ordered by name.
///
/// Skipped, as in `ServiceChangeTracker.serviceToServiceMap`: headless (`clusterIP: None` or
/// empty) and `ExternalName` Services, and Services without a ClusterIP of this family.
pub fn build_service_ports(
    services: &[&Service],
    family: IpFamily,
) -> BTreeMap<ServicePortName, ServicePortInfo> {
    let mut out = BTreeMap::new();
    for svc in services {
        let cip = svc.spec.cluster_ip.as_str();
        if cip.is_empty() || cip == "None" || svc.spec.type_ == "ExternalName" {
            continue;
        }
        let Some(cluster_ip) = cluster_ip_by_family(svc, family) else {
            continue;
        };
        let accessible = api_externally_accessible(svc);
        let external_policy_local = accessible && svc.spec.external_traffic_policy == "Local";
        let internal_policy_local = svc.spec.internal_traffic_policy.as_deref() == Some("Local");
        let session_affinity_client_ip = svc.spec.session_affinity == "ClientIP";
        let sticky = svc
            .spec
            .session_affinity_config
            .as_ref()
            .and_then(|c| c.client_ip.as_ref())
            .and_then(|c| c.timeout_seconds)
            .unwrap_or(10800);
        let external_ips: Vec<IpAddr> = svc
            .spec
            .external_ips
            .iter()
            .filter_map(|s| parse_ip_sloppy(s))
            .filter(|ip| family.matches(*ip))
            .collect();
        let load_balancer_vips: Vec<IpAddr> = svc
            .status
            .load_balancer
            .ingress
            .iter()
            .filter(|ing| !ing.ip.is_empty() && ing.ip_mode.as_deref() != Some("Proxy"))
            .filter_map(|ing| parse_ip_sloppy(&ing.ip))
            .filter(|ip| family.matches(*ip))
            .collect();
        let load_balancer_source_ranges: Vec<Cidr> = svc
            .spec
            .load_balancer_source_ranges
            .iter()
            .filter_map(|s| parse_cidr_sloppy(s.trim()))
            .filter(|c| family.matches(c.addr))
            .collect();
        let needs_health_check = svc.spec.type_ == "LoadBalancer" && external_policy_local;
        let namespace = namespace_of(&svc.metadata.namespace);
        for port in &svc.spec.ports {
            let protocol = if port.protocol.is_empty() {
                "TCP".to_string()
            } else {
                port.protocol.clone()
            };
            let name = ServicePortName {
                namespace: namespace.to_string(),
                name: svc.metadata.name.clone(),
                port: port.name.clone(),
                protocol: protocol.clone(),
            };
            let info = ServicePortInfo {
                name_string: name.to_string(),
                name: name.clone(),
                cluster_ip,
                port: port.port,
                protocol,
                node_port: port.node_port,
                external_ips: external_ips.clone(),
                load_balancer_vips: load_balancer_vips.clone(),
                load_balancer_source_ranges: load_balancer_source_ranges.clone(),
                session_affinity_client_ip,
                sticky_max_age_seconds: sticky,
                external_policy_local,
                internal_policy_local,
                health_check_node_port: if needs_health_check {
                    svc.spec.health_check_node_port
                } else {
                    0
                },
            };
            out.insert(name, info);
        }
    }
    out
}

/// Endpoints per Service port, each list sorted by its `ip:port` string (`byEndpoint`).
pub type EndpointsMap = HashMap<ServicePortName, Vec<EndpointInfo>>;

/// Builds the endpoints of every Service port from EndpointSlices as seen by node `node_name`
/// (`EndpointSliceCache`): one entry per (slice port × endpoint), only `addresses[0]`, wrong
/// family skipped, duplicates of the same `ip:port` merged with a local copy winning.
///
/// Slices are read in `(namespace, name)` order (upstream iterates a map; the merge result is
/// the same except for which non-local duplicate's conditions survive).
pub fn build_endpoints_map(
    slices: &[&EndpointSlice],
    family: IpFamily,
    node_name: &str,
) -> EndpointsMap {
    let index = SliceIndex::new(slices, family, node_name);
    let mut keys = String::new();
    let mut list = Vec::new();
    let mut scratch = Vec::new();
    let mut order = Vec::new();
    let mut map = EndpointsMap::new();
    for &(namespace, name, port, protocol) in index.groups.keys() {
        index.endpoints_of(
            (namespace, name, port, protocol),
            &mut keys,
            &mut scratch,
            &mut order,
            &mut list,
        );
        if list.is_empty() {
            continue;
        }
        let infos = list
            .iter()
            .map(|e| {
                let hints = e.src.hints.as_ref();
                EndpointInfo {
                    ip: e.ip,
                    port: e.port,
                    endpoint: e.key(&keys).to_string(),
                    is_local: e.is_local,
                    ready: e.ready,
                    serving: e.serving,
                    terminating: e.terminating,
                    zone_hints: hints
                        .map(|h| h.for_zones.iter().map(|z| z.name.clone()).collect())
                        .unwrap_or_default(),
                    node_hints: hints
                        .map(|h| h.for_nodes.iter().map(|z| z.name.clone()).collect())
                        .unwrap_or_default(),
                }
            })
            .collect();
        let key = ServicePortName {
            namespace: namespace.to_string(),
            name: name.to_string(),
            port: port.to_string(),
            protocol: protocol.to_string(),
        };
        map.insert(key, infos);
    }
    map
}

/// `(namespace, Service name, port name, protocol)`, borrowed: the key of a Service port.
pub(crate) type PortKey<'a> = (&'a str, &'a str, &'a str, &'a str);

/// EndpointSlices grouped by the Service port they feed, in `(namespace, name)` order, so that
/// the endpoints of one Service port can be built on demand without a map of every endpoint.
pub(crate) struct SliceIndex<'a> {
    slices: Vec<&'a EndpointSlice>,
    /// Per Service port: `(slice, port number)` in read order.
    groups: HashMap<PortKey<'a>, Vec<(usize, i32)>>,
    family: IpFamily,
    node_name: &'a str,
}

/// One endpoint of one Service port, compact: its `ip:port` string lives in a shared arena.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CompactEndpoint<'a> {
    /// Byte range of `ip:port` in the arena.
    key_start: usize,
    key_len: usize,
    /// Offset and length of the bare IP within `ip:port` (`[ip]:port` for IPv6).
    ip_offset: u8,
    ip_len: u8,
    /// The endpoint IP.
    pub ip: IpAddr,
    /// The endpoint port.
    pub port: i32,
    /// `nodeName` equals this node's name.
    pub is_local: bool,
    /// `conditions.ready`, nil meaning true.
    pub ready: bool,
    /// `conditions.serving`, nil meaning true.
    pub serving: bool,
    /// `conditions.terminating`, nil meaning false.
    pub terminating: bool,
    /// The API object (for topology hints).
    pub src: &'a Endpoint,
}

impl CompactEndpoint<'_> {
    /// `ip:port` (`[ip]:port` for IPv6).
    pub fn key<'k>(&self, arena: &'k str) -> &'k str {
        arena
            .get(self.key_start..self.key_start + self.key_len)
            .unwrap_or_default()
    }

    /// Byte range of `ip:port` in the arena.
    pub fn key_range(&self) -> (usize, usize) {
        (self.key_start, self.key_len)
    }

    /// Offset and length of the bare IP within `ip:port`.
    pub fn ip_range(&self) -> (u8, u8) {
        (self.ip_offset, self.ip_len)
    }
}

/// `0` to `255` in decimal, concatenated.
const DECIMALS: &str = concat!(
    "0123456789",
    "10111213141516171819202122232425262728293031323334353637383940414243444546474849",
    "50515253545556575859606162636465666768697071727374757677787980818283848586878889",
    "90919293949596979899",
    "100101102103104105106107108109110111112113114115116117118119120121122123124125",
    "126127128129130131132133134135136137138139140141142143144145146147148149150151",
    "152153154155156157158159160161162163164165166167168169170171172173174175176177",
    "178179180181182183184185186187188189190191192193194195196197198199200201202203",
    "204205206207208209210211212213214215216217218219220221222223224225226227228229",
    "230231232233234235236237238239240241242243244245246247248249250251252253254255",
);

/// `n` in decimal, for `n` ≤ 255.
fn decimal_u8(n: u8) -> &'static str {
    let n = usize::from(n);
    let (start, len) = match n {
        0..=9 => (n, 1),
        10..=99 => (10 + 2 * (n - 10), 2),
        _ => (190 + 3 * (n - 100), 3),
    };
    DECIMALS.get(start..start + len).unwrap_or_default()
}

/// Appends `v` in decimal.
pub(crate) fn push_decimal(out: &mut String, v: i64) {
    if let Ok(small) = u8::try_from(v) {
        out.push_str(decimal_u8(small));
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = v.unsigned_abs();
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    if v < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// Appends an IPv4 address as `a.b.c.d`.
pub(crate) fn push_ipv4(out: &mut String, ip: Ipv4Addr) {
    let [a, b, c, d] = ip.octets();
    out.push_str(decimal_u8(a));
    out.push('.');
    out.push_str(decimal_u8(b));
    out.push('.');
    out.push_str(decimal_u8(c));
    out.push('.');
    out.push_str(decimal_u8(d));
}

/// Appends `net.JoinHostPort(ip, port)` (`port` with its leading `:`); returns the offset and
/// length of the IP within it, and the first 16 bytes of the text as a big-endian number
/// (zero-padded), which orders like the text.
fn push_host_port(out: &mut String, ip: IpAddr, port: &str) -> (u8, u8, u128) {
    match ip {
        IpAddr::V4(v4) => {
            // Assembled on the stack and appended at once: `255.255.255.255` + `:port`.
            let mut buf = [0u8; 40];
            let mut n = 0;
            for (i, o) in v4.octets().into_iter().enumerate() {
                if i > 0 {
                    buf[n] = b'.';
                    n += 1;
                }
                let d = decimal_u8(o).as_bytes();
                buf[n..n + d.len()].copy_from_slice(d);
                n += d.len();
            }
            let ip_len = n as u8;
            if let Some(dst) = buf.get_mut(n..n + port.len()) {
                dst.copy_from_slice(port.as_bytes());
                n += port.len();
                let prefix = u128::from_be_bytes(buf[..16].try_into().unwrap_or_default());
                out.push_str(std::str::from_utf8(&buf[..n]).unwrap_or_default());
                return (0, ip_len, prefix);
            }
            let start = out.len();
            push_ipv4(out, v4);
            out.push_str(port);
            (0, ip_len, sort_prefix(&out.as_bytes()[start..]))
        }
        IpAddr::V6(v6) => {
            use fmt::Write as _;
            let start = out.len();
            let _ = write!(out, "[{v6}]");
            // An IPv6 address is at most 39 characters.
            let ip_len = (out.len() - start - 2) as u8;
            out.push_str(port);
            (1, ip_len, sort_prefix(&out.as_bytes()[start..]))
        }
    }
}

fn sort_prefix(key: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    let n = key.len().min(16);
    b[..n].copy_from_slice(&key[..n]);
    u128::from_be_bytes(b)
}

impl<'a> SliceIndex<'a> {
    /// Indexes the usable slices (`IPv4`/`IPv6` address type, labelled with their Service).
    pub(crate) fn new(slices: &[&'a EndpointSlice], family: IpFamily, node_name: &'a str) -> Self {
        let mut ordered: Vec<&'a EndpointSlice> = slices
            .iter()
            .copied()
            .filter(|s| matches!(s.address_type.as_str(), "IPv4" | "IPv6"))
            .filter(|s| s.metadata.labels.contains_key(LABEL_SERVICE_NAME))
            .collect();
        svcplay_model::slice::sort_by(&mut ordered, |a, b| {
            (namespace_of(&a.metadata.namespace), &a.metadata.name)
                .cmp(&(namespace_of(&b.metadata.namespace), &b.metadata.name))
        });
        let mut groups: HashMap<PortKey<'a>, Vec<(usize, i32)>> = HashMap::new();
        for (si, slice) in ordered.iter().enumerate() {
            let Some(svc_name) = slice.metadata.labels.get(LABEL_SERVICE_NAME) else {
                continue;
            };
            let namespace = namespace_of(&slice.metadata.namespace);
            for port in &slice.ports {
                let (Some(port_name), Some(port_num)) = (&port.name, port.port) else {
                    continue;
                };
                if port_num == 0 {
                    continue;
                }
                let protocol = port.protocol.as_deref().unwrap_or("TCP");
                groups
                    .entry((namespace, svc_name.as_str(), port_name.as_str(), protocol))
                    .or_default()
                    .push((si, port_num));
            }
        }
        SliceIndex {
            slices: ordered,
            groups,
            family,
            node_name,
        }
    }

    /// The endpoints of one Service port into `out`, sorted by `ip:port`, duplicates merged (a
    /// local copy wins: the last local one, else the first one read). Their `ip:port` strings
    /// are appended to `arena`; `scratch` is working space.
    pub(crate) fn endpoints_of(
        &self,
        key: PortKey<'_>,
        arena: &mut String,
        scratch: &mut Vec<CompactEndpoint<'a>>,
        order: &mut Vec<(u128, u32)>,
        out: &mut Vec<CompactEndpoint<'a>>,
    ) {
        out.clear();
        scratch.clear();
        order.clear();
        let Some(group) = self.groups.get(&key) else {
            return;
        };
        let mut port_text = String::new();
        for &(si, port_num) in group {
            let slice = self.slices[si];
            port_text.clear();
            port_text.push(':');
            push_decimal(&mut port_text, i64::from(port_num));
            for ep in &slice.endpoints {
                let Some(ip) = ep
                    .addresses
                    .first()
                    .and_then(|a| parse_ip_sloppy(a))
                    .filter(|ip| self.family.matches(*ip))
                else {
                    continue;
                };
                let key_start = arena.len();
                let (ip_offset, ip_len, prefix) = push_host_port(arena, ip, &port_text);
                let key_len = arena.len() - key_start;
                let c = &ep.conditions;
                order.push((prefix, scratch.len() as u32));
                scratch.push(CompactEndpoint {
                    key_start,
                    key_len,
                    ip_offset,
                    ip_len,
                    ip,
                    port: port_num,
                    is_local: ep.node_name.as_deref() == Some(self.node_name),
                    ready: c.ready.unwrap_or(true),
                    serving: c.serving.unwrap_or(true),
                    terminating: c.terminating.unwrap_or(false),
                    src: ep,
                });
            }
        }
        // Sort (prefix, read index) pairs: ties on the prefix compare the whole `ip:port`, then
        // the read order, so equal endpoints end up adjacent in read order.
        let bytes = arena.as_bytes();
        let key_of = |i: u32| {
            let e = &scratch[i as usize];
            &bytes[e.key_start..e.key_start + e.key_len]
        };
        // Distinct prefixes decide alone; runs of equal prefixes (duplicates, or texts longer
        // than 16 bytes sharing them) are re-sorted by the whole text.
        svcplay_model::slice::sort(order);
        let mut i = 0;
        while i < order.len() {
            let mut j = i + 1;
            while j < order.len() && order[j].0 == order[i].0 {
                j += 1;
            }
            if j - i > 1 {
                svcplay_model::slice::sort_by(&mut order[i..j], |a, b| {
                    key_of(a.1).cmp(key_of(b.1)).then(a.1.cmp(&b.1))
                });
            }
            i = j;
        }
        let mut i = 0;
        while i < order.len() {
            let mut j = i + 1;
            while j < order.len()
                && order[j].0 == order[i].0
                && key_of(order[j].1) == key_of(order[i].1)
            {
                j += 1;
            }
            let group = &order[i..j];
            let chosen = group
                .iter()
                .rev()
                .find(|(_, k)| scratch[*k as usize].is_local)
                .unwrap_or(&group[0]);
            out.push(scratch[chosen.1 as usize]);
            i = j;
        }
    }
}

/// Which endpoints a Service port uses on this node: the result of [`categorize_endpoints`].
/// Lists hold indices into the endpoint slice given, in its (sorted) order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Categorized {
    /// Endpoints for Cluster traffic policy (empty if the Service never uses it).
    pub cluster: Vec<usize>,
    /// Endpoints for Local traffic policy (empty if the Service never uses it).
    pub local: Vec<usize>,
    /// Every endpoint reachable from this node: the union of the two (gets a KUBE-SEP chain).
    pub all_reachable: Vec<usize>,
    /// Whether the Service has usable endpoints anywhere in the cluster.
    pub has_any: bool,
}

/// `CategorizeEndpoints` (`pkg/proxy/topology.go`), a pure function:
///
/// 1. If the Service uses Cluster policy anywhere: take the Ready endpoints, narrowed by
///    topology hints when usable (`PreferSameNode` if the gate is on, every Ready endpoint has
///    node hints and one names this node; else `PreferSameZone` if every Ready endpoint has zone
///    hints and one names this node's zone). If none, fall back to every serving+terminating
///    endpoint (ignoring topology).
/// 2. If it uses Local policy anywhere: the local Ready endpoints, or if there are none the local
///    serving+terminating ones. Any Ready or serving+terminating endpoint anywhere makes
///    `has_any` true.
/// 3. `all_reachable` is the union of both lists (in endpoint order).
///
/// Endpoints that are neither Ready nor serving+terminating are never used.
pub fn categorize_endpoints(
    endpoints: &[EndpointInfo],
    svc: &ServicePortInfo,
    node_name: &str,
    zone: &str,
    prefer_same_node_gate: bool,
) -> Categorized {
    let mut out = Categorized::default();
    categorize_into(
        endpoints,
        svc,
        node_name,
        zone,
        prefer_same_node_gate,
        &mut out,
    );
    out
}

/// What [`categorize_endpoints`] reads of an endpoint.
pub(crate) trait EndpointState {
    fn ready(&self) -> bool;
    fn serving(&self) -> bool;
    fn terminating(&self) -> bool;
    fn is_local(&self) -> bool;
    /// `(has node hints, one of them is node_name)`.
    fn node_hint(&self, node_name: &str) -> (bool, bool);
    /// `(has zone hints, one of them is zone)`.
    fn zone_hint(&self, zone: &str) -> (bool, bool);
}

impl EndpointState for EndpointInfo {
    fn ready(&self) -> bool {
        self.ready
    }
    fn serving(&self) -> bool {
        self.serving
    }
    fn terminating(&self) -> bool {
        self.terminating
    }
    fn is_local(&self) -> bool {
        self.is_local
    }
    fn node_hint(&self, node_name: &str) -> (bool, bool) {
        (
            !self.node_hints.is_empty(),
            self.node_hints.iter().any(|n| n == node_name),
        )
    }
    fn zone_hint(&self, zone: &str) -> (bool, bool) {
        (
            !self.zone_hints.is_empty(),
            self.zone_hints.iter().any(|z| z == zone),
        )
    }
}

impl EndpointState for CompactEndpoint<'_> {
    fn ready(&self) -> bool {
        self.ready
    }
    fn serving(&self) -> bool {
        self.serving
    }
    fn terminating(&self) -> bool {
        self.terminating
    }
    fn is_local(&self) -> bool {
        self.is_local
    }
    fn node_hint(&self, node_name: &str) -> (bool, bool) {
        match &self.src.hints {
            Some(h) => (
                !h.for_nodes.is_empty(),
                h.for_nodes.iter().any(|n| n.name == node_name),
            ),
            None => (false, false),
        }
    }
    fn zone_hint(&self, zone: &str) -> (bool, bool) {
        match &self.src.hints {
            Some(h) => (
                !h.for_zones.is_empty(),
                h.for_zones.iter().any(|z| z.name == zone),
            ),
            None => (false, false),
        }
    }
}

/// [`categorize_endpoints`] into `out`, reusing its vectors.
pub(crate) fn categorize_into<E: EndpointState>(
    endpoints: &[E],
    svc: &ServicePortInfo,
    node_name: &str,
    zone: &str,
    prefer_same_node_gate: bool,
    out: &mut Categorized,
) {
    out.cluster.clear();
    out.local.clear();
    out.all_reachable.clear();
    out.has_any = false;
    let mut topology = Topology::None;
    if svc.uses_cluster_endpoints() {
        topology = topology_mode_from_hints(endpoints, node_name, zone, prefer_same_node_gate);
        out.cluster.extend(
            (0..endpoints.len()).filter(|&i| {
                endpoints[i].ready() && topology.allows(&endpoints[i], node_name, zone)
            }),
        );
        if out.cluster.is_empty() {
            out.cluster.extend(
                (0..endpoints.len())
                    .filter(|&i| endpoints[i].serving() && endpoints[i].terminating()),
            );
        }
        out.has_any = !out.cluster.is_empty();
    }
    if !svc.uses_local_endpoints() {
        out.all_reachable.extend_from_slice(&out.cluster);
        return;
    }
    let (mut local_ready, mut local_st) = (false, false);
    for ep in endpoints {
        if ep.ready() {
            out.has_any = true;
            local_ready |= ep.is_local();
        } else if ep.serving() && ep.terminating() {
            out.has_any = true;
            local_st |= ep.is_local();
        }
    }
    let mut serving_terminating = false;
    if local_ready {
        out.local.extend(
            (0..endpoints.len()).filter(|&i| endpoints[i].is_local() && endpoints[i].ready()),
        );
    } else if local_st {
        serving_terminating = true;
        out.local.extend((0..endpoints.len()).filter(|&i| {
            endpoints[i].is_local() && endpoints[i].serving() && endpoints[i].terminating()
        }));
    }
    if !svc.uses_cluster_endpoints() {
        out.all_reachable.extend_from_slice(&out.local);
        return;
    }
    if topology == Topology::None && !serving_terminating {
        out.all_reachable.extend_from_slice(&out.cluster);
        return;
    }
    // Both lists are ascending: merge them without duplicates.
    let (mut i, mut j) = (0, 0);
    while i < out.cluster.len() || j < out.local.len() {
        let next = match (out.cluster.get(i), out.local.get(j)) {
            (Some(&a), Some(&b)) if a == b => {
                i += 1;
                j += 1;
                a
            }
            (Some(&a), Some(&b)) if a < b => {
                i += 1;
                a
            }
            (Some(&a), None) => {
                i += 1;
                a
            }
            (_, Some(&b)) => {
                j += 1;
                b
            }
            (None, None) => break,
        };
        out.all_reachable.push(next);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topology {
    None,
    SameNode,
    SameZone,
}

impl Topology {
    fn allows<E: EndpointState>(self, ep: &E, node_name: &str, zone: &str) -> bool {
        match self {
            Topology::None => true,
            Topology::SameNode => ep.node_hint(node_name).1,
            Topology::SameZone => ep.zone_hint(zone).1,
        }
    }
}

fn topology_mode_from_hints<E: EndpointState>(
    endpoints: &[E],
    node_name: &str,
    zone: &str,
    prefer_same_node_gate: bool,
) -> Topology {
    let (mut for_node, mut all_node_hints) = (false, true);
    let (mut for_zone, mut all_zone_hints) = (false, true);
    for ep in endpoints.iter().filter(|e| e.ready()) {
        let (has, hit) = ep.node_hint(node_name);
        if !has {
            all_node_hints = false;
        } else if hit {
            for_node = true;
        }
        let (has, hit) = ep.zone_hint(zone);
        if !has {
            all_zone_hints = false;
        } else if hit {
            for_zone = true;
        }
    }
    if prefer_same_node_gate && all_node_hints && for_node {
        return Topology::SameNode;
    }
    if all_zone_hints && for_zone {
        return Topology::SameZone;
    }
    Topology::None
}
