//! Cluster DNS as the Kubernetes DNS specification (`kubernetes/dns` `docs/specification.md`)
//! and CoreDNS's `kubernetes` plugin (`plugin/kubernetes/kubernetes.go` `Services`, `Records`,
//! `findServices`, `findPods`; `parse.go` `parseRequest`; `reverse.go` `serviceRecordForIP`;
//! `plugin/backend_lookup.go` `A`/`AAAA`/`SRV`/`CNAME`/`PTR`) answer it, with kubeadm's Corefile
//! (`kubernetes cluster.local in-addr.arpa ip6.arpa`, `pods insecure`; its `fallthrough` and
//! `forward` have no target here: what CoreDNS would hand on is NXDOMAIN, and a CNAME leaving the
//! zone is answered alone).
//!
//! * `<svc>.<ns>.svc.<zone>`: ClusterIP Service → `A`/`AAAA` of its ClusterIPs (whatever the
//!   endpoints); headless → one address per address of every **ready** endpoint
//!   (`conditions.ready` false is skipped, unset counts as ready), NXDOMAIN when there is none;
//!   ExternalName → `CNAME` (followed inside the zone for `A`/`AAAA`; an externalName that is an
//!   IP publishes nothing).
//! * `<endpoint>.<svc>.<ns>.svc.<zone>`: the ready endpoints whose hostname (or, without one,
//!   CoreDNS's dashed IP `10-244-1-5`, `fd00--0`) is `<endpoint>`.
//! * `_<port>._<proto>.<svc>.<ns>.svc.<zone>` `SRV`: per matching named port: target the Service
//!   name and the Service port (ClusterIP), or each ready endpoint's name and the endpoint port
//!   (headless). A bare `<svc>.<ns>.svc.<zone>` `SRV` query matches every port; a slice without
//!   ports gives no SRV. No wildcards (`*`, `any`).
//! * `<a>-<b>-<c>-<d>.<ns>.pod.<zone>` → `A a.b.c.d` (insecure mode: any IP, existing namespace).
//! * `PTR` `<d>.<c>.<b>.<a>.in-addr.arpa` → the Service owning that ClusterIP, else every ready
//!   endpoint with that IP (`<hostname-or-dashed-ip>.<service-name label>.<ns>.svc.<zone>.`).
//!   Reverse names have no other types.
//! * `TXT` `dns-version.<zone>` → the schema version; `ns.dns.<zone>` → the addresses of the
//!   Service in front of CoreDNS.
//! * Names are case-insensitive and the trailing dot is optional; the zone keeps the case it was
//!   asked with in SRV targets. A name that exists without records of the asked type is
//!   `NOERROR` with no answers (NODATA); `TXT` is NODATA only where the name has records.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use svcplay_model::types::{EndpointSlice, Service};

use crate::Cluster;
use crate::controllers::LABEL_SERVICE_NAME;

/// A query type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QType {
    /// IPv4 address.
    A,
    /// IPv6 address.
    AAAA,
    /// Service record (port and target).
    SRV,
    /// Canonical name.
    CNAME,
    /// Reverse lookup.
    PTR,
    /// Text (only the schema version `dns-version.<zone>` has one).
    TXT,
}

/// The response code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rcode {
    /// `NOERROR` (possibly with no answers: NODATA).
    #[serde(rename = "NOERROR")]
    NoError,
    /// `NXDOMAIN`: the name does not exist.
    #[serde(rename = "NXDOMAIN")]
    NxDomain,
}

/// The data of an SRV record (priority and weight are left out: CoreDNS's are not meaningful
/// for clients of a cluster).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Srv {
    /// Port number.
    pub port: i32,
    /// Target FQDN with a trailing dot.
    pub target: String,
}

/// One answer record. Serializes as its data alone: an IP string (`A`/`AAAA`), an FQDN with a
/// trailing dot (`CNAME`/`PTR`), or `{"port": N, "target": "fqdn."}` (`SRV`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Record {
    /// An IPv4 address.
    A(String),
    /// An IPv6 address.
    AAAA(String),
    /// A canonical name.
    CNAME(String),
    /// A reverse-lookup name.
    PTR(String),
    /// A service record.
    SRV(Srv),
    /// A text record (its string).
    TXT(String),
}

/// A DNS response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsAnswer {
    /// `NOERROR` or `NXDOMAIN`.
    pub rcode: Rcode,
    /// Answers, in a stable order.
    pub answers: Vec<Record>,
}

impl DnsAnswer {
    fn nx() -> Self {
        DnsAnswer {
            rcode: Rcode::NxDomain,
            answers: Vec::new(),
        }
    }

    fn ok(answers: Vec<Record>) -> Self {
        DnsAnswer {
            rcode: Rcode::NoError,
            answers,
        }
    }
}

/// The schema version published at `dns-version.<zone>` (`kubernetes/dns`
/// `docs/specification.md` §2.2; CoreDNS `DNSSchemaVersion`).
pub const SCHEMA_VERSION: &str = "1.1.0";

/// CNAME chains are followed this deep (CoreDNS `maxCnameChainLength`).
const MAX_CNAME_CHAIN: usize = 10;

fn normalize(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

fn zone(cluster: &Cluster) -> String {
    normalize(&cluster.settings.dns_domain)
}

/// Whether CoreDNS would see the namespace (`namespaceExposed`): it exists as an object, or,
/// where the input declares no namespaces, something lives in it.
fn namespace_exists(cluster: &Cluster, ns: &str) -> bool {
    let s = &cluster.store;
    s.namespaces.contains_key(ns)
        || s.services.keys().any(|(n, _)| n == ns)
        || s.pods.keys().any(|(n, _)| n == ns)
}

fn find_service<'a>(cluster: &'a Cluster, ns: &str, name: &str) -> Option<&'a Service> {
    cluster
        .store
        .services
        .iter()
        .find(|((sns, sname), _)| sns.eq_ignore_ascii_case(ns) && sname.eq_ignore_ascii_case(name))
        .map(|(_, s)| s)
}

/// A published endpoint address as CoreDNS's `object.Endpoints` keeps it: the address, its DNS
/// label and the slice's ports (`name`, `protocol`, `port`).
struct ReadyAddr {
    ip: String,
    label: String,
    ports: Vec<(String, String, i32)>,
}

/// CoreDNS's `endpointHostname` (`endpoint_pod_names` off): the hostname, else the address with
/// `.` or `:` replaced by `-`, an IPv6 label ending in `-` completed with `0`.
fn endpoint_label(hostname: Option<&str>, ip: &str) -> String {
    match hostname {
        Some(h) if !h.is_empty() => h.to_string(),
        _ if ip.contains('.') => ip.replace('.', "-"),
        _ if ip.contains(':') => {
            let l = ip.replace(':', "-");
            if l.ends_with('-') { l + "0" } else { l }
        }
        _ => String::new(),
    }
}

/// The ready endpoint addresses of every EndpointSlice in `ns` labelled with service name `svc`
/// (`object.EndpointSliceToEndpoints`: endpoints with `conditions.ready` false are dropped, every
/// address of the others is published, a slice without ports gets one nameless port `-1`, a port
/// without protocol has protocol `""`).
fn ready_addresses(cluster: &Cluster, ns: &str, svc: &str) -> Vec<ReadyAddr> {
    cluster
        .store
        .endpoint_slices
        .iter()
        .filter(|((sns, _), s)| sns == ns && slice_service(s) == Some(svc))
        .flat_map(|(_, s)| slice_addresses(s))
        .collect()
}

fn slice_service(s: &EndpointSlice) -> Option<&str> {
    s.metadata
        .labels
        .get(LABEL_SERVICE_NAME)
        .map(String::as_str)
}

fn slice_addresses(s: &EndpointSlice) -> Vec<ReadyAddr> {
    let ports: Vec<(String, String, i32)> = if s.ports.is_empty() {
        vec![(String::new(), String::new(), -1)]
    } else {
        s.ports
            .iter()
            .map(|p| {
                (
                    p.name.clone().unwrap_or_default(),
                    p.protocol.clone().unwrap_or_default(),
                    p.port.unwrap_or(-1),
                )
            })
            .collect()
    };
    let mut out = Vec::new();
    for ep in &s.endpoints {
        if ep.conditions.ready == Some(false) {
            continue;
        }
        for ip in &ep.addresses {
            out.push(ReadyAddr {
                ip: ip.clone(),
                label: endpoint_label(ep.hostname.as_deref(), ip),
                ports: ports.clone(),
            });
        }
    }
    out
}

/// `matchPortAndProtocol`: an empty request part matches anything, otherwise case-insensitive
/// equality (CoreDNS has no `*`/`any` wildcards since 1.9).
fn port_matches(want: &str, have: &str) -> bool {
    want.is_empty() || want.eq_ignore_ascii_case(have)
}

/// What a record points at: an address, or a name (ExternalName).
enum Host {
    Ip(IpAddr),
    Name(String),
}

/// One `msg.Service` of CoreDNS: a host, a port (`-1`: none) and the owner name (the SRV target).
struct Item {
    host: Host,
    port: i32,
    owner: String,
}

/// The parsed query name (`parse.go` `parseRequest`).
#[derive(Default)]
struct Request {
    port: String,
    protocol: String,
    endpoint: String,
    service: String,
    namespace: String,
    pod_or_svc: String,
}

/// `parseRequest`: `Err` for names outside the schema (NXDOMAIN).
fn parse_request(base: &str) -> Result<Request, ()> {
    let mut r = Request::default();
    if base.is_empty() || base == "svc" || base == "pod" {
        return Ok(r);
    }
    let mut segs: Vec<&str> = base.split('.').collect();
    let strip = |s: &str| s.strip_prefix('_').unwrap_or(s).to_string();
    r.pod_or_svc = segs.pop().unwrap_or_default().to_string();
    if r.pod_or_svc != "svc" && r.pod_or_svc != "pod" {
        return Err(());
    }
    let Some(ns) = segs.pop() else { return Ok(r) };
    r.namespace = ns.to_string();
    let Some(svc) = segs.pop() else { return Ok(r) };
    r.service = svc.to_string();
    match segs.as_slice() {
        [] => {}
        [ep] => r.endpoint = ep.to_string(),
        [port, proto] => {
            r.port = strip(port);
            r.protocol = strip(proto);
        }
        _ => return Err(()),
    }
    Ok(r)
}

/// `Records`: the items of a forward name in the zone, `Err` for NXDOMAIN. `name` is lower-case
/// without the trailing dot; `zone_as_asked` is the zone part of the name as it was asked (CoreDNS
/// keeps its case in the names it builds).
fn records(cluster: &Cluster, name: &str, zone_as_asked: &str) -> Result<Vec<Item>, ()> {
    let zone = zone(cluster);
    let base = if name == zone {
        ""
    } else {
        name.strip_suffix(&format!(".{zone}")).ok_or(())?
    };
    let r = parse_request(base)?;
    if r.pod_or_svc.is_empty() {
        return Ok(Vec::new());
    }
    if !namespace_exists(cluster, &r.namespace) {
        return Err(());
    }
    if r.pod_or_svc == "pod" {
        return pod_items(&r, zone_as_asked);
    }
    service_items(cluster, &r, zone_as_asked)
}

/// `findPods` in `pods insecure` mode: the label before the namespace read as a dashed IP
/// (labels further left are ignored, as `findPods` only reads the service part).
fn pod_items(r: &Request, zone_as_asked: &str) -> Result<Vec<Item>, ()> {
    let label = &r.service;
    if label.is_empty() {
        return Ok(Vec::new());
    }
    let text = if label.matches('-').count() == 3 && !label.contains("--") {
        label.replace('-', ".")
    } else {
        label.replace('-', ":")
    };
    let ip = text.parse::<IpAddr>().map_err(|_| ())?;
    Ok(vec![Item {
        host: Host::Ip(ip),
        port: 0,
        owner: format!("{label}.{}.pod.{zone_as_asked}", r.namespace),
    }])
}

/// `findServices`.
fn service_items(cluster: &Cluster, r: &Request, zone_as_asked: &str) -> Result<Vec<Item>, ()> {
    if r.service.is_empty() {
        return Ok(Vec::new());
    }
    let svc = find_service(cluster, &r.namespace, &r.service).ok_or(())?;
    let (ns, name) = (svc.metadata.namespace.as_str(), svc.metadata.name.as_str());
    let ns = if ns.is_empty() { "default" } else { ns };
    let owner = format!("{name}.{ns}.svc.{zone_as_asked}");
    let mut found = false;
    let mut out = Vec::new();
    let cluster_ips: Vec<&String> = if svc.spec.cluster_ips.is_empty() {
        vec![&svc.spec.cluster_ip]
    } else {
        svc.spec.cluster_ips.iter().collect()
    };
    if svc.spec.type_ == "ExternalName" {
        // No endpoints, ports or protocols below an ExternalName; an externalName that reads
        // as an IP is no CNAME and not published.
        let target = svc.spec.external_name.as_str();
        let request_parts = !(r.endpoint.is_empty() && r.port.is_empty() && r.protocol.is_empty());
        if request_parts || target.parse::<IpAddr>().is_ok() {
            return Err(());
        }
        return Ok(vec![Item {
            host: Host::Name(target.to_string()),
            port: 0,
            owner,
        }]);
    }
    if cluster_ips.first().map(|s| s.as_str()) == Some("None") || !r.endpoint.is_empty() {
        for a in ready_addresses(cluster, ns, name) {
            if !r.endpoint.is_empty() && !r.endpoint.eq_ignore_ascii_case(&a.label) {
                continue;
            }
            for (pname, pproto, pnum) in &a.ports {
                if !(port_matches(&r.port, pname) && port_matches(&r.protocol, pproto)) {
                    continue;
                }
                found = true;
                if let Ok(ip) = a.ip.parse::<IpAddr>() {
                    out.push(Item {
                        host: Host::Ip(ip),
                        port: *pnum,
                        owner: format!("{}.{owner}", a.label),
                    });
                }
            }
        }
    } else {
        for p in &svc.spec.ports {
            if !(port_matches(&r.port, &p.name) && port_matches(&r.protocol, &p.protocol)) {
                continue;
            }
            found = true;
            for ip in cluster_ips.iter().filter_map(|s| s.parse::<IpAddr>().ok()) {
                out.push(Item {
                    host: Host::Ip(ip),
                    port: p.port,
                    owner: owner.clone(),
                });
            }
        }
    }
    if found { Ok(out) } else { Err(()) }
}

/// `isDefaultNS` / `nsAddrs`: `ns.dns.<zone>` holds the addresses of the Services whose
/// endpoints include a CoreDNS pod (`kube-system` pods labelled `k8s-app: kube-dns`): their
/// ClusterIPs, or for a headless Service the endpoint addresses. Without such endpoints CoreDNS
/// answers its own pod IPs; svcplay has no single answering pod and then answers none.
fn ns_items(cluster: &Cluster) -> Vec<Item> {
    let coredns_ips: Vec<&String> = cluster
        .store
        .pods
        .iter()
        .filter(|((ns, _), p)| {
            ns == "kube-system"
                && p.metadata.labels.get("k8s-app").map(String::as_str) == Some("kube-dns")
        })
        .flat_map(|(_, p)| {
            p.status
                .pod_ips
                .iter()
                .map(|i| &i.ip)
                .chain(std::iter::once(&p.status.pod_ip))
        })
        .filter(|ip| !ip.is_empty())
        .collect();
    let mut out = Vec::new();
    for ((ns, _), slice) in &cluster.store.endpoint_slices {
        let Some(svc_name) = slice_service(slice) else {
            continue;
        };
        let addrs = slice_addresses(slice);
        if !addrs.iter().any(|a| coredns_ips.contains(&&a.ip)) {
            continue;
        }
        let Some(svc) = find_service(cluster, ns, svc_name) else {
            continue;
        };
        let headless = svc.spec.cluster_ip == "None"
            || svc.spec.cluster_ips.first().map(String::as_str) == Some("None");
        let ips: Vec<&String> = if headless {
            addrs.iter().map(|a| &a.ip).collect()
        } else if svc.spec.cluster_ips.is_empty() {
            vec![&svc.spec.cluster_ip]
        } else {
            svc.spec.cluster_ips.iter().collect()
        };
        for ip in ips.into_iter().filter_map(|s| s.parse::<IpAddr>().ok()) {
            out.push(Item {
                host: Host::Ip(ip),
                port: 0,
                owner: String::new(),
            });
        }
    }
    out
}

/// Whether `name` (lower-case, no trailing dot) is within the zone.
fn in_zone(name: &str, zone: &str) -> bool {
    name == zone || name.ends_with(&format!(".{zone}"))
}

/// `Services` for the forward zone: `ns.dns.<zone>` first (its addresses for `A`/`AAAA`,
/// nothing for other types), then `Records`.
fn services(
    cluster: &Cluster,
    name: &str,
    zone_as_asked: &str,
    qtype: QType,
) -> Result<Vec<Item>, ()> {
    if name == format!("ns.dns.{}", zone(cluster)) {
        return Ok(if matches!(qtype, QType::A | QType::AAAA) {
            ns_items(cluster)
        } else {
            Vec::new()
        });
    }
    records(cluster, name, zone_as_asked)
}

fn address_record(ip: IpAddr, qtype: QType) -> Option<Record> {
    // Go's `To4` reads an IPv4-mapped IPv6 address as IPv4.
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    match (qtype, ip) {
        (QType::A, IpAddr::V4(v4)) => Some(Record::A(v4.to_string())),
        (QType::AAAA, IpAddr::V6(v6)) => Some(Record::AAAA(v6.to_string())),
        _ => None,
    }
}

fn push_unique(out: &mut Vec<Record>, r: Record) {
    if !out.contains(&r) {
        out.push(r);
    }
}

/// `plugin.A` / `plugin.AAAA`: addresses of the family asked; a CNAME to a name in the zone is
/// followed (the CNAME and what it leads to, or nothing when that is empty); a CNAME out of the
/// zone is answered alone (a real cluster asks its upstream resolver for the rest).
fn address_records(
    cluster: &Cluster,
    name: &str,
    zone_as_asked: &str,
    qtype: QType,
    chain: &mut Vec<String>,
) -> Result<Vec<Record>, ()> {
    let zone = zone(cluster);
    let items = services(cluster, name, zone_as_asked, qtype)?;
    let mut out = Vec::new();
    for item in items {
        match item.host {
            Host::Ip(ip) => {
                if let Some(r) = address_record(ip, qtype) {
                    push_unique(&mut out, r);
                }
            }
            Host::Name(target) => {
                let target_norm = normalize(&target);
                // `chain` starts with the name first asked: its length is one more than
                // CoreDNS's `previousRecords`.
                if target_norm == name
                    || chain.len() > MAX_CNAME_CHAIN + 1
                    || chain.contains(&target_norm)
                {
                    continue;
                }
                let cname = Record::CNAME(format!("{}.", target.trim_end_matches('.')));
                if !in_zone(&target_norm, &zone) {
                    out.push(cname);
                    continue;
                }
                chain.push(target_norm.clone());
                let next = address_records(cluster, &target_norm, zone_as_asked, qtype, chain);
                if let Ok(next) = next
                    && !next.is_empty()
                {
                    out.push(cname);
                    out.extend(next);
                }
            }
        }
    }
    Ok(out)
}

/// `plugin.SRV`: one record per distinct (target, port); ExternalName items and ports `-1`
/// (a slice without ports) give none.
fn srv_records(cluster: &Cluster, name: &str, zone_as_asked: &str) -> Result<Vec<Record>, ()> {
    let items = services(cluster, name, zone_as_asked, QType::SRV)?;
    let mut out = Vec::new();
    for item in items {
        if item.port == -1 || matches!(item.host, Host::Name(_)) {
            continue;
        }
        push_unique(
            &mut out,
            Record::SRV(Srv {
                port: item.port,
                target: format!("{}.", item.owner),
            }),
        );
    }
    Ok(out)
}

/// The IP of a reverse name (`4.3.2.1.in-addr.arpa`, nibble `ip6.arpa`).
fn reverse_ip(name: &str) -> Option<IpAddr> {
    if let Some(rest) = name.strip_suffix(".in-addr.arpa") {
        let mut parts: Vec<&str> = rest.split('.').collect();
        if parts.len() != 4 {
            return None;
        }
        parts.reverse();
        return parts.join(".").parse().ok();
    }
    let rest = name.strip_suffix(".ip6.arpa")?;
    let nibbles: Vec<&str> = rest.split('.').collect();
    if nibbles.len() != 32 || nibbles.iter().any(|n| n.len() != 1) {
        return None;
    }
    let hex: String = nibbles.iter().rev().copied().collect();
    let groups: Vec<&str> = (0..8).map(|i| &hex[i * 4..i * 4 + 4]).collect();
    // `ExtractAddressFromReverse` prints the address the Go way: IPv4-mapped as IPv4.
    groups
        .join(":")
        .parse::<IpAddr>()
        .ok()
        .map(|ip| ip.to_canonical())
}

/// `serviceRecordForIP`: a ClusterIP's Service, else every ready endpoint with that IP, named
/// after the service-name label of its EndpointSlice (whether or not that Service exists).
fn reverse_records(cluster: &Cluster, zone: &str, ip: IpAddr) -> DnsAnswer {
    for ((ns, name), svc) in &cluster.store.services {
        let ips: Vec<&String> = if svc.spec.cluster_ips.is_empty() {
            vec![&svc.spec.cluster_ip]
        } else {
            svc.spec.cluster_ips.iter().collect()
        };
        if ips.iter().any(|s| s.parse::<IpAddr>().ok() == Some(ip)) {
            return DnsAnswer::ok(vec![Record::PTR(format!("{name}.{ns}.svc.{zone}."))]);
        }
    }
    let mut out = Vec::new();
    for ((ns, _), slice) in &cluster.store.endpoint_slices {
        let Some(svc) = slice_service(slice) else {
            continue;
        };
        for a in slice_addresses(slice) {
            if a.ip.parse::<IpAddr>().ok() == Some(ip) {
                push_unique(
                    &mut out,
                    Record::PTR(format!("{}.{svc}.{ns}.svc.{zone}.", a.label)),
                );
            }
        }
    }
    if out.is_empty() {
        DnsAnswer::nx()
    } else {
        DnsAnswer::ok(out)
    }
}

fn answer(r: Result<Vec<Record>, ()>) -> DnsAnswer {
    match r {
        Ok(answers) => DnsAnswer::ok(answers),
        Err(()) => DnsAnswer::nx(),
    }
}

/// Answers one query as the cluster's DNS server would (CoreDNS `ServeDNS` of the `kubernetes`
/// plugin for `<zone>`, `in-addr.arpa` and `ip6.arpa`).
pub fn query(cluster: &Cluster, name: &str, qtype: QType) -> DnsAnswer {
    let asked = name.trim_end_matches('.');
    let name = normalize(name);
    let zone = zone(cluster);
    if name.ends_with(".in-addr.arpa") || name.ends_with(".ip6.arpa") {
        // Only PTR is answered there (`Records` refuses reverse names: NXDOMAIN, which kubeadm's
        // Corefile hands on to its upstream resolver).
        return match (qtype, reverse_ip(&name)) {
            (QType::PTR, Some(ip)) => reverse_records(cluster, &zone, ip),
            _ => DnsAnswer::nx(),
        };
    }
    if !in_zone(&name, &zone) {
        return DnsAnswer::nx();
    }
    let zone_as_asked = &asked[asked.len() - zone.len()..];
    match qtype {
        QType::A | QType::AAAA => answer(address_records(
            cluster,
            &name,
            zone_as_asked,
            qtype,
            &mut vec![name.clone()],
        )),
        QType::SRV => answer(srv_records(cluster, &name, zone_as_asked)),
        // `plugin.CNAME`: the first item, when it is a name.
        QType::CNAME => answer(services(cluster, &name, zone_as_asked, qtype).map(|items| {
            match items.into_iter().next().map(|i| i.host) {
                Some(Host::Name(t)) => vec![Record::CNAME(format!("{}.", t.trim_end_matches('.')))],
                _ => Vec::new(),
            }
        })),
        // `Reverse` of a forward name: NODATA where the name exists.
        QType::PTR => answer(records(cluster, &name, zone_as_asked).map(|_| Vec::new())),
        // `Services` for TXT: the schema version, else NODATA only where the name has items.
        QType::TXT => {
            if name == format!("dns-version.{zone}") {
                DnsAnswer::ok(vec![Record::TXT(SCHEMA_VERSION.to_string())])
            } else {
                match records(cluster, &name, zone_as_asked) {
                    Ok(items) if !items.is_empty() => DnsAnswer::ok(Vec::new()),
                    _ => DnsAnswer::nx(),
                }
            }
        }
    }
}

/// How a pod's resolver handled a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// Every FQDN asked, in order.
    pub tried: Vec<String>,
    /// The FQDN whose answer was used (it had records); `None` if none had.
    pub fqdn: Option<String>,
    /// The answer used: the first with records; else NODATA if any name existed; else NXDOMAIN.
    pub answer: DnsAnswer,
}

/// Resolves `name` the way a pod in `pod_namespace` with `dnsPolicy: ClusterFirst` does: its
/// `/etc/resolv.conf` has `search <ns>.svc.<zone> svc.<zone> <zone>` and `options ndots:5`
/// (kubelet's `pkg/kubelet/network/dns`). A name with a trailing dot is only tried as is; a name
/// with at least 5 dots is tried as is first, then with the search domains; any other name goes
/// through the search list first. The first answer with records wins (glibc `res_search`
/// continues past NXDOMAIN and NODATA).
pub fn resolve_from_pod(
    cluster: &Cluster,
    pod_namespace: &str,
    name: &str,
    qtype: QType,
) -> Resolution {
    let zone = zone(cluster);
    let search = [
        format!("{}.svc.{zone}", pod_namespace.to_ascii_lowercase()),
        format!("svc.{zone}"),
        zone.clone(),
    ];
    let mut candidates: Vec<String> = Vec::new();
    if name.ends_with('.') {
        candidates.push(normalize(name));
    } else {
        let bare = normalize(name);
        let with_search = search.iter().map(|d| format!("{bare}.{d}"));
        if bare.matches('.').count() >= 5 {
            candidates.push(bare.clone());
            candidates.extend(with_search);
        } else {
            candidates.extend(with_search);
            candidates.push(bare);
        }
    }
    let mut tried = Vec::new();
    let mut nodata = false;
    for c in candidates {
        let fqdn = format!("{c}.");
        let a = query(cluster, &c, qtype);
        tried.push(fqdn.clone());
        if a.rcode == Rcode::NoError && !a.answers.is_empty() {
            return Resolution {
                tried,
                fqdn: Some(fqdn),
                answer: a,
            };
        }
        nodata |= a.rcode == Rcode::NoError;
    }
    Resolution {
        tried,
        fqdn: None,
        answer: if nodata {
            DnsAnswer::ok(Vec::new())
        } else {
            DnsAnswer::nx()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_serialize_as_their_data() {
        let a = DnsAnswer::ok(vec![
            Record::A("10.96.0.10".into()),
            Record::CNAME("example.com.".into()),
            Record::SRV(Srv {
                port: 53,
                target: "kube-dns.kube-system.svc.cluster.local.".into(),
            }),
        ]);
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::json!({"rcode": "NOERROR", "answers": [
                "10.96.0.10", "example.com.",
                {"port": 53, "target": "kube-dns.kube-system.svc.cluster.local."}
            ]})
        );
        assert_eq!(
            serde_json::to_value(DnsAnswer::nx()).unwrap()["rcode"],
            "NXDOMAIN"
        );
    }

    #[test]
    fn reverse_names_parse() {
        assert_eq!(
            reverse_ip("10.0.96.10.in-addr.arpa"),
            Some("10.96.0.10".parse().unwrap())
        );
        let v6 = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa";
        assert_eq!(reverse_ip(v6), Some("fd00::1".parse().unwrap()));
        assert_eq!(reverse_ip("1.2.in-addr.arpa"), None);
    }
}
