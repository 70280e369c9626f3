//! Shared helpers for the kube-proxy tests: the fake proxier of upstream's
//! `pkg/proxy/iptables/proxier_test.go` (`NewFakeProxier`), its object builders
//! (`makeTestService`, `makeTestEndpointSlice`), `runPacketFlowTests` and
//! `assertIPTablesRulesEqual`.
#![allow(dead_code)]

use std::net::IpAddr;

use serde_json::{Value, json};
use svcplay_model::types::{EndpointSlice, Service};
use svcplay_sim::proxy::{
    IpFamily, KubeProxyProfile, Packet, ProxyInput, Ruleset, iptables_save, normalize, trace,
};
use svcplay_sim::settings::ProxySettings;

pub const TEST_NODE_NAME: &str = "test-node";
pub const TEST_NODE_IP: &str = "192.168.0.2";
pub const TEST_NODE_IP_ALT: &str = "192.168.1.2";
pub const TEST_EXTERNAL_IP: &str = "192.168.99.11";
pub const TEST_NODE_IPV6: &str = "2001:db8::1";
pub const TEST_NODE_IPV6_ALT: &str = "2001:db8:1::2";
pub const TEST_EXTERNAL_CLIENT: &str = "203.0.113.2";
pub const TEST_EXTERNAL_CLIENT_BLOCKED: &str = "203.0.113.130";

/// `testNodeIPs`: what the upstream tracer treats as LOCAL (plus 127.0.0.1 and ::1).
pub fn test_node_ips() -> Vec<IpAddr> {
    [
        TEST_NODE_IP,
        TEST_NODE_IP_ALT,
        TEST_EXTERNAL_IP,
        TEST_NODE_IPV6,
        TEST_NODE_IPV6_ALT,
    ]
    .iter()
    .map(|s| s.parse().unwrap())
    .collect()
}

/// `makeTestService(ns, name, ...)` with the spec/status given as JSON.
pub fn service(ns: &str, name: &str, spec: Value, status: Value) -> Service {
    serde_json::from_value(json!({
        "metadata": {"namespace": ns, "name": name},
        "spec": spec,
        "status": status,
    }))
    .expect("valid Service")
}

/// `makeTestEndpointSlice(ns, name, n, ...)`: slice `name-n` labelled for Service `name`.
pub fn slice(
    ns: &str,
    svc: &str,
    n: u32,
    address_type: &str,
    endpoints: Value,
    ports: Value,
) -> EndpointSlice {
    serde_json::from_value(json!({
        "metadata": {
            "namespace": ns,
            "name": format!("{svc}-{n}"),
            "labels": {"kubernetes.io/service-name": svc},
        },
        "addressType": address_type,
        "endpoints": endpoints,
        "ports": ports,
    }))
    .expect("valid EndpointSlice")
}

/// `NewFakeProxier`: node `test-node`, node IP 192.168.0.2, interfaces lo (127.0.0.1, ::1) and
/// eth0 (the five `testNodeIPs`), pod CIDR 10.0.0.0/8 (fd00:10::/64 for IPv6) as local-traffic
/// detector, masquerade mark 0x4000, localhost NodePorts on, nodePortAddresses unset, both
/// nfacct counters present.
#[derive(Debug, Clone)]
pub struct Fake {
    pub family: IpFamily,
    pub settings: ProxySettings,
    pub profile: KubeProxyProfile,
    pub services: Vec<Service>,
    pub slices: Vec<EndpointSlice>,
}

impl Fake {
    pub fn new() -> Self {
        Self::with_family(IpFamily::V4)
    }

    pub fn ipv6() -> Self {
        Self::with_family(IpFamily::V6)
    }

    fn with_family(family: IpFamily) -> Self {
        let settings = ProxySettings {
            cluster_cidr: Some(
                if family == IpFamily::V6 {
                    "fd00:10::/64"
                } else {
                    "10.0.0.0/8"
                }
                .to_string(),
            ),
            detect_local_mode: "ClusterCIDR".to_string(),
            masquerade_all: false,
            masquerade_bit: 14,
            localhost_node_ports: true,
            node_port_addresses: Vec::new(),
            hostname_override: String::new(),
        };
        Fake {
            family,
            settings,
            profile: KubeProxyProfile::upstream_test(),
            services: Vec::new(),
            slices: Vec::new(),
        }
    }

    /// `fp.localDetector = proxyutil.NewNoOpLocalDetector()`.
    pub fn no_local_detector(mut self) -> Self {
        self.settings.cluster_cidr = None;
        self
    }

    /// The k127 test profile (no nfacct counters).
    pub fn k127(mut self) -> Self {
        self.profile.nfacct = false;
        self
    }

    pub fn input(&self) -> ProxyInput<'_> {
        let mut local: Vec<IpAddr> = vec!["127.0.0.1".parse().unwrap(), "::1".parse().unwrap()];
        local.extend(test_node_ips());
        ProxyInput {
            node_name: TEST_NODE_NAME.to_string(),
            node_ip: Some(TEST_NODE_IP.parse().unwrap()),
            local_addresses: local,
            node_labels: Default::default(),
            node_pod_cidr: None,
            family: self.family,
            settings: self.settings.clone(),
            profile: self.profile,
            services: self.services.iter().collect(),
            slices: self.slices.iter().collect(),
        }
    }

    /// `fp.syncProxyRules(); fp.iptablesData.String()`.
    pub fn sync(&self) -> String {
        iptables_save(&self.input())
    }

    pub fn rules(&self) -> Ruleset {
        Ruleset::parse(&self.sync()).expect("generated rules parse")
    }
}

/// The expected dump of fixture `name` (comment lines dropped).
pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/proxy/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `assertIPTablesRulesEqual`: the sorted form of `result` equals `expected`.
#[track_caller]
pub fn assert_rules_equal(expected: &str, result: &str) {
    let got = normalize(result);
    let expected = expected.trim_start_matches([' ', '\t', '\n']);
    if got != expected {
        let diff: Vec<String> = diff_lines(expected, &got);
        panic!(
            "rules do not match:\n{}\nfull result:\n{got}",
            diff.join("\n")
        );
    }
}

fn diff_lines(a: &str, b: &str) -> Vec<String> {
    let la: Vec<&str> = a.lines().collect();
    let lb: Vec<&str> = b.lines().collect();
    let mut out = Vec::new();
    for l in &la {
        if !lb.contains(l) {
            out.push(format!("- {l}"));
        }
    }
    for l in &lb {
        if !la.contains(l) {
            out.push(format!("+ {l}"));
        }
    }
    if out.is_empty() {
        out.push("(same lines, different order)".to_string());
    }
    out
}

/// `assertIPTablesChainEqual`: the rules of one chain, one per line.
pub fn chain_rules(result: &str, table: &str, chain: &str) -> String {
    let dump = svcplay_sim::proxy::parse_dump(result).expect("parses");
    dump.chain(table, chain)
        .map(|c| c.rules.iter().map(|r| format!("{}\n", r.raw)).collect())
        .unwrap_or_default()
}

/// One `packetFlowTest`.
#[derive(Debug, Clone)]
pub struct Flow {
    pub name: &'static str,
    pub source: &'static str,
    pub protocol: &'static str,
    pub dest: String,
    pub port: u16,
    pub output: String,
    pub masq: bool,
}

/// A TCP flow.
pub fn flow(
    name: &'static str,
    source: &'static str,
    dest: &str,
    port: u16,
    output: &str,
    masq: bool,
) -> Flow {
    Flow {
        name,
        source,
        protocol: "tcp",
        dest: dest.to_string(),
        port,
        output: output.to_string(),
        masq,
    }
}

/// `runPacketFlowTests` with `testNodeIPs`; reports every failing flow.
#[track_caller]
pub fn run_flows(context: &str, rules: &Ruleset, flows: &[Flow]) {
    let local = test_node_ips();
    let mut errors = Vec::new();
    for f in flows {
        let packet = Packet {
            source: f.source.parse().unwrap(),
            destination: f.dest.parse().unwrap(),
            port: f.port,
            protocol: f.protocol.to_string(),
        };
        let r = trace(rules, &packet, &local);
        let out = r.output();
        if out != f.output || r.masquerade != f.masq {
            let hops: Vec<&str> = r.hops.iter().map(|h| h.rule.as_str()).collect();
            errors.push(format!(
                "[{context}] {:?} {} {}->{}:{}: got output {out:?} masq {}, want {:?} masq {}\n  by matching:\n  {}",
                f.name,
                f.protocol,
                f.source,
                f.dest,
                f.port,
                r.masquerade,
                f.output,
                f.masq,
                hops.join("\n  ")
            ));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
