//! CoreDNS `plugin/kubernetes` test tables (coredns/coredns, default `kubernetes` options with
//! kubeadm's `pods insecure`) replayed against svcplay's cluster DNS: the fake API of each upstream
//! test file rebuilt as stored objects (Namespaces, Services, EndpointSlices), each case queried
//! with `dns::query` and compared on rcode and answer data.
//!
//! Upstream answers carry owner names, TTLs and SRV priority/weight that svcplay's answer shape
//! leaves out; SOA authority sections and `Extra` sections are not compared. Query types svcplay
//! has no `QType` for (NS, SOA, HINFO) are noted where a case is skipped.

use serde_json::{Value, json};
use svcplay_model::types::{EndpointSlice, Namespace, Service};
use svcplay_sim::dns::{DnsAnswer, QType, Rcode, Record, Srv, query};
use svcplay_sim::{Cluster, Options};

fn bare() -> Cluster {
    Cluster::new(Options {
        seed: 1,
        bare: true,
        observed: true,
    })
}

fn add_ns(c: &mut Cluster, name: &str) {
    let n: Namespace = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}
    }))
    .unwrap();
    c.store.namespaces.insert(name.to_string(), n);
}

/// A Service as stored. `spec` is merged over a ClusterIP Service without ports.
fn add_svc(c: &mut Cluster, ns: &str, name: &str, spec: Value) {
    let mut s = json!({"type": "ClusterIP", "sessionAffinity": "None"});
    if let (Value::Object(base), Value::Object(extra)) = (&mut s, spec) {
        base.extend(extra);
    }
    let svc: Service = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name, "namespace": ns},
        "spec": s
    }))
    .unwrap();
    c.store
        .services
        .insert((ns.to_string(), name.to_string()), svc);
}

/// An EndpointSlice labelled for `svc`; `endpoints` are `(address, hostname)` pairs, ready unset.
fn add_slice(
    c: &mut Cluster,
    ns: &str,
    name: &str,
    svc: &str,
    family: &str,
    endpoints: &[(&str, &str)],
    ports: Value,
) {
    let eps: Vec<Value> = endpoints
        .iter()
        .map(|(ip, host)| {
            if host.is_empty() {
                json!({"addresses": [ip]})
            } else {
                json!({"addresses": [ip], "hostname": host})
            }
        })
        .collect();
    let s: EndpointSlice = serde_json::from_value(json!({
        "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {"name": name, "namespace": ns,
                     "labels": {"kubernetes.io/service-name": svc}},
        "addressType": family,
        "endpoints": eps,
        "ports": ports
    }))
    .unwrap();
    c.store
        .endpoint_slices
        .insert((ns.to_string(), name.to_string()), s);
}

fn http() -> Value {
    json!([{"name": "http", "protocol": "TCP", "port": 80}])
}

/// handler_test.go `svcIndex` / `epsIndex` (`APIConnServeTest`), namespaces as
/// `GetNamespaceByName` answers them (every name but `pod-nons` and `nsnoexist`; `svc-nons` is
/// outside `k.Namespaces`).
fn serve_test_cluster() -> Cluster {
    let mut c = bare();
    for ns in ["kube-system", "testns", "podns"] {
        add_ns(&mut c, ns);
    }
    let ip = |ips: &[&str]| json!({"clusterIP": ips[0], "clusterIPs": ips});
    let with_ports = |mut v: Value, ports: Value| {
        v["ports"] = ports;
        v
    };
    add_svc(
        &mut c,
        "kube-system",
        "kubedns",
        with_ports(
            ip(&["10.0.0.10"]),
            json!([{"name": "dns", "protocol": "UDP", "port": 53}]),
        ),
    );
    add_svc(
        &mut c,
        "testns",
        "svc1",
        with_ports(ip(&["10.0.0.1"]), http()),
    );
    add_svc(
        &mut c,
        "testns",
        "svcempty",
        with_ports(ip(&["10.0.0.1"]), http()),
    );
    add_svc(
        &mut c,
        "testns",
        "svc6",
        with_ports(ip(&["1234:abcd::1"]), http()),
    );
    add_svc(&mut c, "testns", "hdls1", ip(&["None"]));
    add_svc(&mut c, "testns", "hdlsprtls", ip(&["None"]));
    add_svc(
        &mut c,
        "testns",
        "external",
        json!({"type": "ExternalName", "externalName": "ext.interwebs.test", "ports": http()}),
    );
    add_svc(
        &mut c,
        "testns",
        "external-to-service",
        json!({"type": "ExternalName", "externalName": "svc1.testns.svc.cluster.local.", "ports": http()}),
    );
    add_svc(
        &mut c,
        "testns",
        "svc-dual-stack",
        with_ports(ip(&["10.0.0.3", "10::3"]), http()),
    );
    add_slice(
        &mut c,
        "kube-system",
        "kubedns-slice1",
        "kubedns",
        "IPv4",
        &[("172.0.0.100", "")],
        json!([{"name": "dns", "protocol": "UDP", "port": 53}]),
    );
    add_slice(
        &mut c,
        "testns",
        "svc1-slice1",
        "svc1",
        "IPv4",
        &[("172.0.0.1", "ep1a")],
        http(),
    );
    add_slice(
        &mut c,
        "testns",
        "svcempty-slice1",
        "svcempty",
        "IPv4",
        &[],
        http(),
    );
    // Upstream keeps the six hdls1 addresses in one subset; real slices are per family.
    add_slice(
        &mut c,
        "testns",
        "hdls1-slice1",
        "hdls1",
        "IPv4",
        &[
            ("172.0.0.2", ""),
            ("172.0.0.3", ""),
            ("172.0.0.4", "dup-name"),
            ("172.0.0.5", "dup-name"),
        ],
        http(),
    );
    add_slice(
        &mut c,
        "testns",
        "hdls1-slice2",
        "hdls1",
        "IPv6",
        &[("5678:abcd::1", ""), ("5678:abcd::2", "")],
        http(),
    );
    add_slice(
        &mut c,
        "testns",
        "hdlsprtls-slice1",
        "hdlsprtls",
        "IPv4",
        &[("172.0.0.20", "")],
        json!([]),
    );
    c
}

fn ok(answers: Vec<Record>) -> DnsAnswer {
    DnsAnswer {
        rcode: Rcode::NoError,
        answers,
    }
}

fn nodata() -> DnsAnswer {
    ok(vec![])
}

fn nx() -> DnsAnswer {
    DnsAnswer {
        rcode: Rcode::NxDomain,
        answers: vec![],
    }
}

fn a(ip: &str) -> Record {
    Record::A(ip.to_string())
}

fn aaaa(ip: &str) -> Record {
    Record::AAAA(ip.to_string())
}

fn srv(port: i32, target: &str) -> Record {
    Record::SRV(Srv {
        port,
        target: target.to_string(),
    })
}

fn cname(t: &str) -> Record {
    Record::CNAME(t.to_string())
}

fn ptr(t: &str) -> Record {
    Record::PTR(t.to_string())
}

/// Compares as upstream's `test.SortAndCheck` does: rcode, then the answer set in any order.
/// CNAMEs must come before the records they lead to (`test.CNAMEOrder`).
fn check(c: &Cluster, cases: &[(&str, &str, QType, DnsAnswer)]) {
    let mut failures = Vec::new();
    for (case, name, qtype, want) in cases {
        let got = query(c, name, *qtype);
        let sorted = |a: &DnsAnswer| {
            let mut v: Vec<String> = a
                .answers
                .iter()
                .map(|r| serde_json::to_string(r).unwrap())
                .collect();
            v.sort();
            (a.rcode, v)
        };
        if sorted(&got) != sorted(want) {
            failures.push(format!(
                "{case}: {name} {qtype:?}\n   want {want:?}\n    got {got:?}"
            ));
            continue;
        }
        if let Some(ci) = got
            .answers
            .iter()
            .position(|r| matches!(r, Record::CNAME(_)))
        {
            assert!(
                got.answers[..ci]
                    .iter()
                    .all(|r| matches!(r, Record::CNAME(_))),
                "{case}: CNAME after its target records: {got:?}"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn handler_test_common_dns_test_cases() {
    let c = serve_test_cluster();
    let v4 = ["172.0.0.2", "172.0.0.3", "172.0.0.4", "172.0.0.5"].map(a);
    check(
        &c,
        &[
            // handler_test.go commonDnsTestCases, in order.
            (
                "A Service",
                "svc1.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("10.0.0.1")]),
            ),
            (
                "A Service without endpoints",
                "svcempty.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("10.0.0.1")]),
            ),
            (
                "SRV of the Service name",
                "svc1.testns.svc.cluster.local.",
                QType::SRV,
                ok(vec![srv(80, "svc1.testns.svc.cluster.local.")]),
            ),
            (
                "SRV of an endpointless Service",
                "svcempty.testns.svc.cluster.local.",
                QType::SRV,
                ok(vec![srv(80, "svcempty.testns.svc.cluster.local.")]),
            ),
            (
                "SRV of an IPv6 Service",
                "svc6.testns.svc.cluster.local.",
                QType::SRV,
                ok(vec![srv(80, "svc6.testns.svc.cluster.local.")]),
            ),
            (
                "SRV Service",
                "_http._tcp.svc1.testns.svc.cluster.local.",
                QType::SRV,
                ok(vec![srv(80, "svc1.testns.svc.cluster.local.")]),
            ),
            (
                "SRV Service without endpoints",
                "_http._tcp.svcempty.testns.svc.cluster.local.",
                QType::SRV,
                ok(vec![srv(80, "svcempty.testns.svc.cluster.local.")]),
            ),
            (
                "A Service (Headless)",
                "hdls1.testns.svc.cluster.local.",
                QType::A,
                ok(v4.to_vec()),
            ),
            (
                "A Service (Headless and Portless)",
                "hdlsprtls.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("172.0.0.20")]),
            ),
            (
                "AAAA Service with an A record only",
                "svc1.testns.svc.cluster.local.",
                QType::AAAA,
                nodata(),
            ),
            (
                "AAAA non-existing service",
                "svc0.testns.svc.cluster.local.",
                QType::AAAA,
                nx(),
            ),
            (
                "A non-existing service",
                "svc0.testns.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "A non-existing namespace",
                "svc0.svc-nons.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "TXT Schema",
                "dns-version.cluster.local.",
                QType::TXT,
                ok(vec![Record::TXT("1.1.0".into())]),
            ),
            (
                "TXT of a name with records of another type",
                "svc1.testns.svc.cluster.local.",
                QType::TXT,
                nodata(),
            ),
            (
                "TXT of a name without any record",
                "svc0.svc-nons.svc.cluster.local.",
                QType::TXT,
                nx(),
            ),
            (
                "headless endpoint does not exist",
                "bogusendpoint.hdls1.testns.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "endpoint of a service that does not exist",
                "bogusendpoint.svc0.testns.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "AAAA Service",
                "svc6.testns.svc.cluster.local.",
                QType::AAAA,
                ok(vec![aaaa("1234:abcd::1")]),
            ),
            (
                "SRV of an IPv6 Service port",
                "_http._tcp.svc6.testns.svc.cluster.local.",
                QType::SRV,
                ok(vec![srv(80, "svc6.testns.svc.cluster.local.")]),
            ),
            (
                "AAAA Service (Headless)",
                "hdls1.testns.svc.cluster.local.",
                QType::AAAA,
                ok(vec![aaaa("5678:abcd::1"), aaaa("5678:abcd::2")]),
            ),
            ("svc apex", "svc.cluster.local.", QType::A, nodata()),
            ("pod apex", "pod.cluster.local.", QType::A, nodata()),
            ("namespace", "testns.svc.cluster.local.", QType::A, nodata()),
            // The NS cases for names other than the zone are answered like this fake A lookup
            // (handler.go ServeDNS `default:`); svcplay has no NS type.
            (
                "NS-like lookup of a non-existing domain",
                "foo.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "NS-like lookup of a non-existing namespace",
                "foo.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "Dual Stack A",
                "svc-dual-stack.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("10.0.0.3")]),
            ),
            (
                "Dual Stack AAAA",
                "svc-dual-stack.testns.svc.cluster.local.",
                QType::AAAA,
                ok(vec![aaaa("10::3")]),
            ),
            (
                "Dual Stack SRV: one record for both families",
                "svc-dual-stack.testns.svc.cluster.local.",
                QType::SRV,
                ok(vec![srv(80, "svc-dual-stack.testns.svc.cluster.local.")]),
            ),
            // (svc1 SOA: no SOA type in svcplay.)
            (
                "subdomain of an external service",
                "endpoint.external.testns.svc.cluster.local.",
                QType::CNAME,
                nx(),
            ),
            (
                "subdomain of a subdomain of an external service",
                "subdomain.subdomain.external.testns.svc.cluster.local.",
                QType::CNAME,
                nx(),
            ),
        ],
    );
}

#[test]
fn handler_test_dns_test_cases() {
    let c = serve_test_cluster();
    check(
        &c,
        &[
            // handler_test.go dnsTestCases, in order.
            (
                "SRV Service (Headless): one per endpoint name and port",
                "_http._tcp.hdls1.testns.svc.cluster.local.",
                QType::SRV,
                ok(vec![
                    srv(80, "172-0-0-2.hdls1.testns.svc.cluster.local."),
                    srv(80, "172-0-0-3.hdls1.testns.svc.cluster.local."),
                    srv(80, "5678-abcd--1.hdls1.testns.svc.cluster.local."),
                    srv(80, "5678-abcd--2.hdls1.testns.svc.cluster.local."),
                    srv(80, "dup-name.hdls1.testns.svc.cluster.local."),
                ]),
            ),
            (
                "A of a headless service: every IPv4 endpoint",
                "hdls1.testns.svc.cluster.local.",
                QType::A,
                ok(["172.0.0.2", "172.0.0.3", "172.0.0.4", "172.0.0.5"]
                    .map(a)
                    .to_vec()),
            ),
            (
                "AAAA (no trailing dot)",
                "5678-abcd--2.hdls1.testns.svc.cluster.local",
                QType::AAAA,
                ok(vec![aaaa("5678:abcd::2")]),
            ),
            (
                "AAAA Endpoint",
                "5678-abcd--1.hdls1.testns.svc.cluster.local.",
                QType::AAAA,
                ok(vec![aaaa("5678:abcd::1")]),
            ),
            (
                "An Endpoint with no port",
                "172-0-0-20.hdlsprtls.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("172.0.0.20")]),
            ),
            (
                "An Endpoint ip",
                "172-0-0-2.hdls1.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("172.0.0.2")]),
            ),
            (
                "A Endpoint ip",
                "172-0-0-3.hdls1.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("172.0.0.3")]),
            ),
            (
                "An Endpoint by name",
                "dup-name.hdls1.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("172.0.0.4"), a("172.0.0.5")]),
            ),
            (
                "CNAME External",
                "external.testns.svc.cluster.local.",
                QType::CNAME,
                ok(vec![cname("ext.interwebs.test.")]),
            ),
            // "CNAME External Truncated Lookup": upstream appends what the upstream resolver
            // answers for ext.interwebs.test; svcplay has no upstream resolver, so the CNAME
            // alone is the answer.
            (
                "CNAME External (no upstream resolver)",
                "external.testns.svc.cluster.local.",
                QType::A,
                ok(vec![cname("ext.interwebs.test.")]),
            ),
            (
                "CNAME External To Internal Service",
                "external-to-service.testns.svc.cluster.local",
                QType::A,
                ok(vec![cname("svc1.testns.svc.cluster.local."), a("10.0.0.1")]),
            ),
        ],
    );
}

#[test]
fn handler_test_ns_test_cases() {
    // handler_test.go nsTestCases: a namespace that does not exist is NXDOMAIN.
    let c = serve_test_cluster();
    check(
        &c,
        &[
            (
                "exposed namespace that exists",
                "svc1.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("10.0.0.1")]),
            ),
            (
                "namespace that does not exist",
                "svc1.nsnoexist.svc.cluster.local.",
                QType::A,
                nx(),
            ),
        ],
    );
}

#[test]
fn handler_case_test_preserve_case() {
    // handler_case_test.go dnsPreserveCaseCases: names match case-insensitively and the zone
    // keeps the case it was asked with in SRV targets.
    let c = serve_test_cluster();
    check(
        &c,
        &[
            (
                "Negative response",
                "not-a-service.testns.svc.ClUsTeR.lOcAl.",
                QType::A,
                nx(),
            ),
            (
                "A Service",
                "SvC1.TeStNs.SvC.cLuStEr.LoCaL.",
                QType::A,
                ok(vec![a("10.0.0.1")]),
            ),
            (
                "SRV Service",
                "_HtTp._TcP.sVc1.TeStNs.SvC.cLuStEr.LoCaL.",
                QType::SRV,
                ok(vec![srv(80, "svc1.testns.svc.cLuStEr.LoCaL.")]),
            ),
        ],
    );
}

#[test]
fn handler_pod_insecure_test_cases() {
    // handler_pod_insecure_test.go podModeInsecureCases (kubeadm's Corefile: `pods insecure`).
    let c = serve_test_cluster();
    check(
        &c,
        &[
            (
                "pod A",
                "10-240-0-1.podns.pod.cluster.local.",
                QType::A,
                ok(vec![a("10.240.0.1")]),
            ),
            (
                "any well-formed IP",
                "172-0-0-2.podns.pod.cluster.local.",
                QType::A,
                ok(vec![a("172.0.0.2")]),
            ),
            (
                "not an IP, A",
                "blah.podns.pod.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "not an IP, AAAA",
                "blah.podns.pod.cluster.local.",
                QType::AAAA,
                nx(),
            ),
            (
                "namespace that does not exist",
                "blah.pod-nons.pod.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "namespace under pod",
                "podns.pod.cluster.local.",
                QType::A,
                nodata(),
            ),
        ],
    );
}

#[test]
fn kubernetes_apex_test_cases() {
    // kubernetes_apex_test.go kubeApexCases (A, AAAA, SRV of the zone apex: NODATA).
    let c = serve_test_cluster();
    check(
        &c,
        &[
            ("apex A", "cluster.local.", QType::A, nodata()),
            ("apex AAAA", "cluster.local.", QType::AAAA, nodata()),
            ("apex SRV", "cluster.local.", QType::SRV, nodata()),
        ],
    );
}

#[test]
fn kubernetes_test_services() {
    // kubernetes_test.go TestServices (the cluster.local rows; the zone there is interwebs.test).
    let c = serve_test_cluster();
    check(
        &c,
        &[
            (
                "ClusterIP",
                "svc1.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("10.0.0.1")]),
            ),
            (
                "endpoint of a ClusterIP Service by hostname",
                "ep1a.svc1.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("172.0.0.1")]),
            ),
        ],
    );
}

/// reverse_test.go `APIConnReverseTest`: svc1 (192.168.1.100) with three slices, and a slice of
/// an svc2 that has no Service object.
fn reverse_test_cluster() -> Cluster {
    let mut c = bare();
    add_ns(&mut c, "testns");
    add_svc(
        &mut c,
        "testns",
        "svc1",
        json!({"clusterIP": "192.168.1.100", "clusterIPs": ["192.168.1.100"], "ports": http()}),
    );
    add_slice(
        &mut c,
        "testns",
        "svc1-slice1",
        "svc1",
        "IPv4",
        &[("10.0.0.100", "ep1a"), ("10.0.0.99", "double-ep")],
        http(),
    );
    add_slice(
        &mut c,
        "testns",
        "svc1-slice2",
        "svc1",
        "IPv6",
        &[
            ("1234:abcd::1", "ep1b"),
            ("fd00:77:30::a", "ip6svc1ex"),
            ("fd00:77:30::2:9ba6", "ip6svc1in"),
        ],
        http(),
    );
    add_slice(
        &mut c,
        "testns",
        "svc1-ccccc",
        "svc1",
        "IPv4",
        &[("10.0.0.100", "ep1a")],
        http(),
    );
    add_slice(
        &mut c,
        "testns",
        "svc2-slice1",
        "svc2",
        "IPv4",
        &[("10.0.0.99", "double-ep")],
        http(),
    );
    c
}

#[test]
fn reverse_test_cases() {
    // reverse_test.go TestReverse, in order.
    let c = reverse_test_cluster();
    check(
        &c,
        &[
            (
                "endpoint IPv4",
                "100.0.0.10.in-addr.arpa.",
                QType::PTR,
                ok(vec![ptr("ep1a.svc1.testns.svc.cluster.local.")]),
            ),
            (
                "ClusterIP",
                "100.1.168.192.in-addr.arpa.",
                QType::PTR,
                ok(vec![ptr("svc1.testns.svc.cluster.local.")]),
            ),
            (
                "endpoint IPv6",
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.",
                QType::PTR,
                ok(vec![ptr("ep1b.svc1.testns.svc.cluster.local.")]),
            ),
            (
                "endpoint IPv6 (2)",
                "a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa.",
                QType::PTR,
                ok(vec![ptr("ip6svc1ex.svc1.testns.svc.cluster.local.")]),
            ),
            (
                "endpoint IPv6 (3)",
                "6.a.b.9.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa.",
                QType::PTR,
                ok(vec![ptr("ip6svc1in.svc1.testns.svc.cluster.local.")]),
            ),
            ("unknown IP", "101.0.0.10.in-addr.arpa.", QType::PTR, nx()),
            (
                "forward name outside the schema",
                "example.org.cluster.local.",
                QType::PTR,
                nx(),
            ),
            (
                "PTR of a Service name",
                "svc1.testns.svc.cluster.local.",
                QType::PTR,
                nodata(),
            ),
            (
                "forward-looking name in a reverse zone",
                "svc1.testns.svc.0.10.in-addr.arpa.",
                QType::A,
                nx(),
            ),
            (
                "reverse-looking name in the forward zone",
                "100.0.0.10.cluster.local.",
                QType::PTR,
                nx(),
            ),
            (
                "one IP in two Services (one with no Service object)",
                "99.0.0.10.in-addr.arpa.",
                QType::PTR,
                ok(vec![
                    ptr("double-ep.svc1.testns.svc.cluster.local."),
                    ptr("double-ep.svc2.testns.svc.cluster.local."),
                ]),
            ),
            // dnsutil.ExtractAddressFromReverse prints an IPv4-mapped address as IPv4.
            (
                "IPv4-mapped ip6.arpa name",
                "4.6.1.0.8.a.0.c.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
                QType::PTR,
                ok(vec![ptr("svc1.testns.svc.cluster.local.")]),
            ),
        ],
    );
}

#[test]
fn kubernetes_test_endpoint_hostname() {
    // kubernetes_test.go TestEndpointHostname (endpoint_pod_names off, as in kubeadm): the
    // hostname, else the IP with `.`/`:` as `-`, and a trailing `-` completed with `0`.
    let mut c = bare();
    add_ns(&mut c, "ns");
    add_svc(
        &mut c,
        "ns",
        "h",
        json!({"clusterIP": "None", "clusterIPs": ["None"]}),
    );
    add_slice(
        &mut c,
        "ns",
        "h-4",
        "h",
        "IPv4",
        &[("10.11.12.13", ""), ("10.11.12.14", "epname")],
        http(),
    );
    add_slice(
        &mut c,
        "ns",
        "h-6",
        "h",
        "IPv6",
        &[
            ("2001:db8:3333:4444:5555:6666:7777:8888", ""),
            ("2001:db8:3333:4444:5555:6666::", ""),
        ],
        http(),
    );
    check(
        &c,
        &[(
            "SRV targets",
            "_http._tcp.h.ns.svc.cluster.local",
            QType::SRV,
            ok(vec![
                srv(80, "10-11-12-13.h.ns.svc.cluster.local."),
                srv(80, "epname.h.ns.svc.cluster.local."),
                srv(
                    80,
                    "2001-db8-3333-4444-5555-6666-7777-8888.h.ns.svc.cluster.local.",
                ),
                srv(
                    80,
                    "2001-db8-3333-4444-5555-6666--0.h.ns.svc.cluster.local.",
                ),
            ]),
        )],
    );
    assert_eq!(
        query(
            &c,
            "2001-db8-3333-4444-5555-6666--0.h.ns.svc.cluster.local",
            QType::AAAA
        ),
        ok(vec![aaaa("2001:db8:3333:4444:5555:6666::")])
    );
}

/// Behaviour read from CoreDNS code paths that the upstream tables do not pin down.
#[test]
fn coredns_code_paths() {
    let mut c = serve_test_cluster();
    // An endpoint with two addresses, and a slice port without protocol.
    add_svc(
        &mut c,
        "testns",
        "multi",
        json!({"clusterIP": "None", "clusterIPs": ["None"]}),
    );
    let s: EndpointSlice = serde_json::from_value(json!({
        "metadata": {"name": "multi-1", "namespace": "testns",
                     "labels": {"kubernetes.io/service-name": "multi"}},
        "addressType": "IPv4",
        "endpoints": [{"addresses": ["172.0.1.1", "172.0.1.2"], "hostname": "two"}],
        "ports": [{"name": "http", "port": 8080}]
    }))
    .unwrap();
    c.store
        .endpoint_slices
        .insert(("testns".into(), "multi-1".into()), s);
    for (name, target) in [
        ("ext-ip", "1.2.3.4"),
        ("ext-self", "ext-self.testns.svc.cluster.local"),
        ("ext-missing", "svc0.testns.svc.cluster.local"),
        ("ext-chain", "external-to-service.testns.svc.cluster.local"),
    ] {
        add_svc(
            &mut c,
            "testns",
            name,
            json!({"type": "ExternalName", "externalName": target}),
        );
    }
    // A CoreDNS pod behind kube-system/kubedns (its endpoint 172.0.0.100).
    let pod: svcplay_model::types::Pod = serde_json::from_value(json!({
        "metadata": {"name": "coredns-1", "namespace": "kube-system", "labels": {"k8s-app": "kube-dns"}},
        "status": {"phase": "Running", "podIP": "172.0.0.100", "podIPs": [{"ip": "172.0.0.100"}]}
    }))
    .unwrap();
    c.store
        .pods
        .insert(("kube-system".into(), "coredns-1".into()), pod);
    check(
        &c,
        &[
            // kubernetes.go `match`/`matchPortAndProtocol`: no `*`/`any` wildcards.
            (
                "wildcard endpoint",
                "*.hdls1.testns.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "`any` endpoint",
                "any.hdls1.testns.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "wildcard port",
                "_*._tcp.svc1.testns.svc.cluster.local.",
                QType::SRV,
                nx(),
            ),
            (
                "wildcard service",
                "*.testns.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            // backend_lookup.go SRV: port -1 (a slice without ports) makes no SRV record.
            (
                "SRV of a portless headless Service",
                "hdlsprtls.testns.svc.cluster.local.",
                QType::SRV,
                nodata(),
            ),
            // object/endpoint.go: every address of a ready endpoint is published.
            (
                "two addresses of one endpoint",
                "two.multi.testns.svc.cluster.local.",
                QType::A,
                ok(vec![a("172.0.1.1"), a("172.0.1.2")]),
            ),
            (
                "a slice port without protocol matches no _tcp",
                "_http._tcp.multi.testns.svc.cluster.local.",
                QType::SRV,
                nx(),
            ),
            (
                "...but a bare SRV",
                "multi.testns.svc.cluster.local.",
                QType::SRV,
                ok(vec![srv(8080, "two.multi.testns.svc.cluster.local.")]),
            ),
            // findServices: no port/protocol below an ExternalName; an IP externalName is no
            // CNAME (`HostType`) and not published.
            (
                "SRV port of an ExternalName",
                "_http._tcp.external.testns.svc.cluster.local.",
                QType::SRV,
                nx(),
            ),
            (
                "A below an ExternalName port",
                "_http._tcp.external.testns.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "SRV of an ExternalName (no SRV for external services)",
                "external.testns.svc.cluster.local.",
                QType::SRV,
                nodata(),
            ),
            (
                "IP externalName, A",
                "ext-ip.testns.svc.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "IP externalName, CNAME",
                "ext-ip.testns.svc.cluster.local.",
                QType::CNAME,
                nx(),
            ),
            // backend_lookup.go A: x CNAME x is dropped; a CNAME into the zone that leads
            // nowhere is dropped with it; chains are followed.
            (
                "ExternalName to itself",
                "ext-self.testns.svc.cluster.local.",
                QType::A,
                nodata(),
            ),
            (
                "ExternalName to itself, CNAME",
                "ext-self.testns.svc.cluster.local.",
                QType::CNAME,
                ok(vec![cname("ext-self.testns.svc.cluster.local.")]),
            ),
            (
                "ExternalName to a missing in-zone name",
                "ext-missing.testns.svc.cluster.local.",
                QType::A,
                nodata(),
            ),
            (
                "ExternalName to a Service without AAAA",
                "external-to-service.testns.svc.cluster.local.",
                QType::AAAA,
                nodata(),
            ),
            (
                "ExternalName chain",
                "ext-chain.testns.svc.cluster.local.",
                QType::A,
                ok(vec![
                    cname("external-to-service.testns.svc.cluster.local."),
                    cname("svc1.testns.svc.cluster.local."),
                    a("10.0.0.1"),
                ]),
            ),
            // Records: reverse names answer PTR only.
            (
                "A of a reverse name",
                "1.0.0.10.in-addr.arpa.",
                QType::A,
                nx(),
            ),
            // findPods reads the label right of the namespace only.
            (
                "label left of a pod name",
                "x.10-240-0-1.podns.pod.cluster.local.",
                QType::A,
                ok(vec![a("10.240.0.1")]),
            ),
            (
                "three labels left of a pod name: too long",
                "x.y.z.10-240-0-1.podns.pod.cluster.local.",
                QType::A,
                nx(),
            ),
            (
                "IPv6 pod",
                "fd00--1.podns.pod.cluster.local.",
                QType::AAAA,
                ok(vec![aaaa("fd00::1")]),
            ),
            // Services for TXT: NODATA only where the name has records.
            ("TXT of svc apex", "svc.cluster.local.", QType::TXT, nx()),
            (
                "TXT of a namespace",
                "testns.svc.cluster.local.",
                QType::TXT,
                nx(),
            ),
            (
                "TXT of a pod name",
                "10-240-0-1.podns.pod.cluster.local.",
                QType::TXT,
                nodata(),
            ),
            (
                "A of dns-version",
                "dns-version.cluster.local.",
                QType::A,
                nx(),
            ),
            // isDefaultNS / nsAddrs (ns_test.go TestNsAddrs): ns.dns.<zone> holds the
            // ClusterIPs of the Services in front of CoreDNS.
            (
                "ns.dns A",
                "ns.dns.cluster.local.",
                QType::A,
                ok(vec![a("10.0.0.10")]),
            ),
            (
                "ns.dns AAAA",
                "ns.dns.cluster.local.",
                QType::AAAA,
                nodata(),
            ),
            ("ns.dns TXT", "ns.dns.cluster.local.", QType::TXT, nx()),
            ("ns.dns SRV", "ns.dns.cluster.local.", QType::SRV, nodata()),
            (
                "ns.dns CNAME",
                "ns.dns.cluster.local.",
                QType::CNAME,
                nodata(),
            ),
            ("other dns name", "foo.dns.cluster.local.", QType::A, nx()),
        ],
    );
}

#[test]
fn specification_examples() {
    // kubernetes/dns docs/specification.md 2.2–2.5 question/answer examples.
    let mut c = bare();
    add_ns(&mut c, "default");
    add_svc(
        &mut c,
        "default",
        "kubernetes",
        json!({"clusterIP": "10.3.0.1", "clusterIPs": ["10.3.0.1"],
               "ports": [{"name": "https", "protocol": "TCP", "port": 443}]}),
    );
    add_svc(
        &mut c,
        "default",
        "headless",
        json!({"clusterIP": "None", "clusterIPs": ["None"],
               "ports": [{"name": "https", "protocol": "TCP", "port": 443}]}),
    );
    add_slice(
        &mut c,
        "default",
        "headless-v4",
        "headless",
        "IPv4",
        &[("10.3.0.100", "my-pet"), ("10.3.0.101", "my-pet-2")],
        json!([{"name": "https", "protocol": "TCP", "port": 443}]),
    );
    add_slice(
        &mut c,
        "default",
        "headless-v6",
        "headless",
        "IPv6",
        &[("2001:db8::1", "my-pet")],
        json!([{"name": "https", "protocol": "TCP", "port": 443}]),
    );
    add_svc(
        &mut c,
        "default",
        "foo",
        json!({"type": "ExternalName", "externalName": "www.example.com"}),
    );
    check(
        &c,
        &[
            (
                "2.2 schema version",
                "dns-version.cluster.local.",
                QType::TXT,
                ok(vec![Record::TXT("1.1.0".into())]),
            ),
            (
                "2.3.1 A",
                "kubernetes.default.svc.cluster.local.",
                QType::A,
                ok(vec![a("10.3.0.1")]),
            ),
            (
                "2.3.2 SRV",
                "_https._tcp.kubernetes.default.svc.cluster.local.",
                QType::SRV,
                ok(vec![srv(443, "kubernetes.default.svc.cluster.local.")]),
            ),
            (
                "2.3.3 PTR",
                "1.0.3.10.in-addr.arpa.",
                QType::PTR,
                ok(vec![ptr("kubernetes.default.svc.cluster.local.")]),
            ),
            (
                "2.4.1 A per ready endpoint",
                "headless.default.svc.cluster.local.",
                QType::A,
                ok(vec![a("10.3.0.100"), a("10.3.0.101")]),
            ),
            (
                "2.4.1 hostname A",
                "my-pet.headless.default.svc.cluster.local.",
                QType::A,
                ok(vec![a("10.3.0.100")]),
            ),
            (
                "2.4.1 hostname AAAA",
                "my-pet.headless.default.svc.cluster.local.",
                QType::AAAA,
                ok(vec![aaaa("2001:db8::1")]),
            ),
            (
                "2.4.2 SRV per hostname and named port",
                "_https._tcp.headless.default.svc.cluster.local.",
                QType::SRV,
                ok(vec![
                    srv(443, "my-pet.headless.default.svc.cluster.local."),
                    srv(443, "my-pet-2.headless.default.svc.cluster.local."),
                ]),
            ),
            (
                "2.4.3 PTR",
                "100.0.3.10.in-addr.arpa.",
                QType::PTR,
                ok(vec![ptr("my-pet.headless.default.svc.cluster.local.")]),
            ),
            (
                "2.4.3 PTR IPv6",
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
                QType::PTR,
                ok(vec![ptr("my-pet.headless.default.svc.cluster.local.")]),
            ),
            (
                "2.5 CNAME (the address is the upstream resolver's)",
                "foo.default.svc.cluster.local.",
                QType::A,
                ok(vec![cname("www.example.com.")]),
            ),
        ],
    );
}

#[test]
fn odd_names_do_not_panic() {
    let c = serve_test_cluster();
    let long = "a.".repeat(200) + "svc1.testns.svc.cluster.local";
    let odd = [
        "",
        ".",
        "..",
        "cluster.local",
        ".cluster.local",
        "..svc.cluster.local",
        "a..testns.svc.cluster.local",
        "é.testns.svc.cluster.local",
        "svc1.testns.svc.clüster.local",
        "ÉCLUSTER.LOCAL",
        "x.in-addr.arpa",
        "in-addr.arpa",
        "g.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa",
        "é.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa",
        long.as_str(),
    ];
    for name in odd {
        for t in [
            QType::A,
            QType::AAAA,
            QType::SRV,
            QType::CNAME,
            QType::PTR,
            QType::TXT,
        ] {
            let _ = query(&c, name, t);
        }
    }
    assert_eq!(query(&c, "cluster.local", QType::A), nodata());
    assert_eq!(query(&c, &long, QType::A), nx());
}
