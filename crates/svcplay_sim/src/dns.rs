//! Cluster DNS as the Kubernetes DNS specification (`kubernetes/dns` `docs/specification.md`)
//! and CoreDNS's `kubernetes` plugin (`plugin/kubernetes/kubernetes.go` `findServices`,
//! `findPods`, `serviceRecordForIP`; `parse.go` `parseRequest`) answer it, with kubeadm's
//! Corefile (`pods insecure`, no `fallthrough` target: names outside the zone are NXDOMAIN here,
//! where a real cluster would forward them).
//!
//! * `<svc>.<ns>.svc.<zone>`: ClusterIP Service → `A`/`AAAA` of its ClusterIPs (whatever the
//!   endpoints); headless → one address per **ready** endpoint (`conditions.ready` false is
//!   skipped, unset counts as ready), NXDOMAIN when there is none; ExternalName → `CNAME`.
//! * `<endpoint>.<svc>.<ns>.svc.<zone>`: the ready endpoints whose hostname (or, without one,
//!   CoreDNS's dashed IP `10-244-1-5`) is `<endpoint>`.
//! * `_<port>._<proto>.<svc>.<ns>.svc.<zone>` `SRV`: per matching named port: target the Service
//!   name and the Service port (ClusterIP), or each ready endpoint's name and the endpoint port
//!   (headless). A bare `<svc>.<ns>.svc.<zone>` `SRV` query matches every port.
//! * `<a>-<b>-<c>-<d>.<ns>.pod.<zone>` → `A a.b.c.d` (insecure mode: any IP, existing namespace).
//! * `PTR` `<d>.<c>.<b>.<a>.in-addr.arpa` → the Service owning that ClusterIP, else every ready
//!   endpoint with that IP (`<hostname-or-dashed-ip>.<svc>.<ns>.svc.<zone>.`).
//! * Names are case-insensitive and the trailing dot is optional. A name that exists without
//!   records of the asked type is `NOERROR` with no answers (NODATA).

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

/// A ready endpoint address as CoreDNS keeps it: IP, DNS label and the slice's ports.
struct ReadyAddr {
    ip: IpAddr,
    label: String,
    ports: Vec<(String, String, i32)>,
}

/// CoreDNS's `endpointHostname`: the hostname, else the IP with `.`/`:` replaced by `-`.
fn endpoint_label(hostname: Option<&str>, ip: &str) -> String {
    match hostname {
        Some(h) if !h.is_empty() => h.to_ascii_lowercase(),
        _ => ip.replace(['.', ':'], "-"),
    }
}

/// Ready endpoint addresses of the Service from every EndpointSlice labelled with its name
/// (`object.EndpointSliceToEndpoints`: not-ready endpoints are dropped, a slice without ports
/// gets a nameless sentinel port).
fn ready_addresses(cluster: &Cluster, ns: &str, svc: &str) -> Vec<ReadyAddr> {
    let slices: Vec<&EndpointSlice> = cluster
        .store
        .endpoint_slices
        .iter()
        .filter(|((sns, _), s)| {
            sns == ns
                && s.metadata
                    .labels
                    .get(LABEL_SERVICE_NAME)
                    .map(String::as_str)
                    == Some(svc)
        })
        .map(|(_, s)| s)
        .collect();
    let mut out: Vec<ReadyAddr> = Vec::new();
    for s in slices {
        let ports: Vec<(String, String, i32)> = if s.ports.is_empty() {
            vec![(String::new(), String::new(), -1)]
        } else {
            s.ports
                .iter()
                .map(|p| {
                    (
                        p.name.clone().unwrap_or_default(),
                        p.protocol.clone().unwrap_or_else(|| "TCP".to_string()),
                        p.port.unwrap_or(-1),
                    )
                })
                .collect()
        };
        for ep in &s.endpoints {
            if ep.conditions.ready == Some(false) {
                continue;
            }
            // kube-proxy and CoreDNS use the first address.
            let Some(ip) = ep.addresses.first().and_then(|a| a.parse::<IpAddr>().ok()) else {
                continue;
            };
            out.push(ReadyAddr {
                ip,
                label: endpoint_label(ep.hostname.as_deref(), &ip.to_string()),
                ports: ports.clone(),
            });
        }
    }
    out
}

/// `match`: `*`/`any` are wildcards, otherwise case-insensitive equality.
fn matches(want: &str, have: &str) -> bool {
    want == "*" || want == "any" || have == "*" || want.eq_ignore_ascii_case(have)
}

fn address_record(ip: IpAddr, qtype: QType) -> Option<Record> {
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

/// `findServices` for a Service name with optional endpoint label or port/protocol.
fn service_records(
    cluster: &Cluster,
    zone: &str,
    ns: &str,
    svc_name: &str,
    endpoint: Option<&str>,
    port: &str,
    proto: &str,
    qtype: QType,
) -> DnsAnswer {
    let Some(svc) = find_service(cluster, ns, svc_name) else {
        return DnsAnswer::nx();
    };
    let (ns, svc_name) = (svc.metadata.namespace.as_str(), svc.metadata.name.as_str());
    let ns = if ns.is_empty() { "default" } else { ns };
    let svc_fqdn = format!("{svc_name}.{ns}.svc.{zone}.");
    let mut found = false;
    let mut out = Vec::new();
    if svc.spec.cluster_ip == "None" || endpoint.is_some() {
        for a in ready_addresses(cluster, ns, svc_name) {
            if endpoint.is_some_and(|e| !matches(e, &a.label)) {
                continue;
            }
            for (pname, pproto, pnum) in &a.ports {
                if !(matches(port, pname) && matches(proto, pproto)) {
                    continue;
                }
                found = true;
                let r = match qtype {
                    QType::SRV => Some(Record::SRV(Srv {
                        port: *pnum,
                        target: format!("{}.{svc_fqdn}", a.label),
                    })),
                    QType::A | QType::AAAA => address_record(a.ip, qtype),
                    _ => None,
                };
                if let Some(r) = r {
                    push_unique(&mut out, r);
                }
            }
        }
    } else if svc.spec.type_ == "ExternalName" {
        found = true;
        if qtype != QType::SRV {
            let target = normalize(&svc.spec.external_name);
            out.push(Record::CNAME(format!("{target}.")));
        }
    } else {
        let ips: Vec<&String> = if svc.spec.cluster_ips.is_empty() {
            vec![&svc.spec.cluster_ip]
        } else {
            svc.spec.cluster_ips.iter().collect()
        };
        for p in &svc.spec.ports {
            let pproto = if p.protocol.is_empty() {
                "TCP"
            } else {
                &p.protocol
            };
            if !(matches(port, &p.name) && matches(proto, pproto)) {
                continue;
            }
            found = true;
            match qtype {
                QType::SRV => push_unique(
                    &mut out,
                    Record::SRV(Srv {
                        port: p.port,
                        target: svc_fqdn.clone(),
                    }),
                ),
                QType::A | QType::AAAA => {
                    for ip in ips.iter().filter_map(|s| s.parse::<IpAddr>().ok()) {
                        if let Some(r) = address_record(ip, qtype) {
                            push_unique(&mut out, r);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if found {
        DnsAnswer::ok(out)
    } else {
        DnsAnswer::nx()
    }
}

/// `findPods` in `pods insecure` mode.
fn pod_records(cluster: &Cluster, ns: &str, label: &str, qtype: QType) -> DnsAnswer {
    if !namespace_exists(cluster, ns) {
        return DnsAnswer::nx();
    }
    let text = if label.matches('-').count() == 3 && !label.contains("--") {
        label.replace('-', ".")
    } else {
        label.replace('-', ":")
    };
    let Ok(ip) = text.parse::<IpAddr>() else {
        return DnsAnswer::nx();
    };
    DnsAnswer::ok(address_record(ip, qtype).into_iter().collect())
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
    groups.join(":").parse().ok()
}

/// `serviceRecordForIP`: a ClusterIP's Service, else the ready endpoints with that IP.
fn reverse_records(cluster: &Cluster, zone: &str, ip: IpAddr) -> DnsAnswer {
    for ((ns, name), svc) in &cluster.store.services {
        let owns = svc
            .spec
            .cluster_ips
            .iter()
            .chain([&svc.spec.cluster_ip])
            .any(|s| s.parse::<IpAddr>().ok() == Some(ip));
        if owns {
            return DnsAnswer::ok(vec![Record::PTR(format!("{name}.{ns}.svc.{zone}."))]);
        }
    }
    let mut out = Vec::new();
    for (ns, svc) in cluster.store.services.keys() {
        for a in ready_addresses(cluster, ns, svc) {
            if a.ip == ip {
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

/// Answers one query as the cluster's DNS server would.
pub fn query(cluster: &Cluster, name: &str, qtype: QType) -> DnsAnswer {
    let name = normalize(name);
    let zone = zone(cluster);
    if name.ends_with(".in-addr.arpa") || name.ends_with(".ip6.arpa") {
        return match reverse_ip(&name) {
            Some(ip) => {
                let a = reverse_records(cluster, &zone, ip);
                if qtype == QType::PTR || a.rcode == Rcode::NxDomain {
                    a
                } else {
                    DnsAnswer::ok(Vec::new())
                }
            }
            None => DnsAnswer::nx(),
        };
    }
    let base = if name == zone {
        ""
    } else if let Some(b) = name.strip_suffix(&format!(".{zone}")) {
        b
    } else {
        return DnsAnswer::nx();
    };
    // parseRequest: the apex, `svc` and `pod` are NODATA.
    if base.is_empty() || base == "svc" || base == "pod" {
        return DnsAnswer::ok(Vec::new());
    }
    let segs: Vec<&str> = base.split('.').collect();
    let (kind, rest) = segs
        .split_last()
        .expect("split yields at least one segment");
    if *kind != "svc" && *kind != "pod" {
        return DnsAnswer::nx();
    }
    let Some((ns, rest)) = rest.split_last() else {
        return DnsAnswer::nx();
    };
    if !namespace_exists(cluster, ns) {
        return DnsAnswer::nx();
    }
    let Some((first, extra)) = rest.split_last() else {
        // `<ns>.svc.<zone>`: the namespace exists, so NODATA.
        return DnsAnswer::ok(Vec::new());
    };
    if *kind == "pod" {
        return if extra.is_empty() {
            pod_records(cluster, ns, first, qtype)
        } else {
            DnsAnswer::nx()
        };
    }
    let strip = |s: &str| s.strip_prefix('_').unwrap_or(s).to_string();
    match extra {
        [] => service_records(cluster, &zone, ns, first, None, "*", "*", qtype),
        [ep] => service_records(cluster, &zone, ns, first, Some(ep), "*", "*", qtype),
        [port, proto] => service_records(
            cluster,
            &zone,
            ns,
            first,
            None,
            &strip(port),
            &strip(proto),
            qtype,
        ),
        _ => DnsAnswer::nx(),
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
