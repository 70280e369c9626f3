//! Packet flows of kubernetes `pkg/proxy/iptables/proxier_test.go` (`runPacketFlowTests`),
//! traced through the rules svcplay generates for the upstream fake node.

mod proxy_common;

use proxy_common::*;
use serde_json::{Value, json};
use svcplay_sim::proxy::{Packet, Ruleset, Verdict, trace};

fn p80() -> Value {
    json!([{"name": "p80", "port": 80, "protocol": "TCP"}])
}

fn unnamed80() -> Value {
    json!([{"name": "", "port": 80, "protocol": "TCP"}])
}

/// An endpoint with explicit conditions.
fn ep(ip: &str, node: &str, ready: bool, serving: bool, terminating: bool) -> Value {
    json!({"addresses": [ip], "nodeName": node,
        "conditions": {"ready": ready, "serving": serving, "terminating": terminating}})
}

// proxier_test.go TestTracePacket: the tracer over upstream's static rules.
#[test]
fn trace_packet_static_rules() {
    let rules = Ruleset::parse(&fixture("TestTracePacket")).unwrap();
    run_flows(
        "TestTracePacket",
        &rules,
        &[
            flow("no match", "10.0.0.2", "10.0.0.3", 80, "", false),
            flow(
                "single endpoint",
                "10.0.0.2",
                "172.30.0.41",
                80,
                "10.180.0.1:80",
                false,
            ),
            flow(
                "multiple endpoints",
                "10.0.0.2",
                "172.30.0.44",
                80,
                "10.180.0.4:80, 10.180.0.5:80",
                false,
            ),
            flow(
                "LOCAL, KUBE-MARK-MASQ",
                TEST_NODE_IP,
                "192.168.99.22",
                80,
                "10.180.0.2:80",
                true,
            ),
            flow(
                "DROP",
                TEST_EXTERNAL_CLIENT,
                "192.168.99.22",
                80,
                "DROP",
                false,
            ),
            flow(
                "ACCEPT (NodePortHealthCheck)",
                TEST_NODE_IP,
                TEST_NODE_IP,
                30000,
                "ACCEPT",
                false,
            ),
            flow("REJECT", "10.0.0.2", "172.30.0.46", 80, "REJECT", false),
        ],
    );
}

// The structured result: verdicts, candidates in rule order, hops are real rules.
#[test]
fn trace_result_shape() {
    let rules = Ruleset::parse(&fixture("TestTracePacket")).unwrap();
    let local = test_node_ips();
    let packet = |src: &str, dst: &str, port| Packet {
        source: src.parse().unwrap(),
        destination: dst.parse().unwrap(),
        port,
        protocol: "TCP".into(),
    };
    let r = trace(&rules, &packet("10.0.0.2", "172.30.0.44", 80), &local);
    assert_eq!(r.verdict, Verdict::Dnat);
    assert_eq!(r.candidates, vec!["10.180.0.4:80", "10.180.0.5:80"]);
    assert_eq!(r.hops[0].table, "nat");
    assert_eq!(r.hops[0].chain, "KUBE-SERVICES");
    assert!(r.hops.iter().all(|h| {
        rules
            .dump()
            .chain(&h.table, &h.chain)
            .unwrap()
            .rules
            .iter()
            .any(|x| x.raw == h.rule)
    }));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["verdict"], "DNAT");
    assert_eq!(json.as_object().unwrap().len(), 4);
    assert_eq!(
        trace(
            &rules,
            &packet(TEST_EXTERNAL_CLIENT, "192.168.99.22", 80),
            &local
        )
        .verdict,
        Verdict::Drop
    );
    assert_eq!(
        trace(&rules, &packet("10.0.0.2", "172.30.0.46", 80), &local).verdict,
        Verdict::Reject
    );
    assert_eq!(
        trace(&rules, &packet(TEST_NODE_IP, TEST_NODE_IP, 30000), &local).verdict,
        Verdict::Accept
    );
    assert_eq!(
        trace(&rules, &packet("10.0.0.2", "10.0.0.3", 80), &local).verdict,
        Verdict::None
    );
}

// proxier_test.go TestNoEndpointsReject
#[test]
fn no_endpoints_reject() {
    let mut fp = Fake::new();
    fp.services = vec![service(
        "ns1",
        "svc1",
        json!({"type": "LoadBalancer", "clusterIP": "172.30.0.41",
        "externalIPs": ["192.168.99.11"],
        "ports": [{"name": "p80", "protocol": "TCP", "port": 80, "nodePort": 3001}]}),
        json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}}),
    )];
    run_flows(
        "TestNoEndpointsReject",
        &fp.rules(),
        &[
            flow(
                "pod to cluster IP with no endpoints",
                "10.0.0.2",
                "172.30.0.41",
                80,
                "REJECT",
                false,
            ),
            flow(
                "external to external IP with no endpoints",
                TEST_EXTERNAL_CLIENT,
                "192.168.99.11",
                80,
                "REJECT",
                false,
            ),
            flow(
                "pod to NodePort with no endpoints",
                "10.0.0.2",
                TEST_NODE_IP,
                3001,
                "REJECT",
                false,
            ),
            flow(
                "external to NodePort with no endpoints",
                TEST_EXTERNAL_CLIENT,
                TEST_NODE_IP,
                3001,
                "REJECT",
                false,
            ),
            flow(
                "pod to LoadBalancer IP with no endpoints",
                "10.0.0.2",
                "1.2.3.4",
                80,
                "REJECT",
                false,
            ),
            flow(
                "external to LoadBalancer IP with no endpoints",
                TEST_EXTERNAL_CLIENT,
                "1.2.3.4",
                80,
                "REJECT",
                false,
            ),
        ],
    );
}

// proxier_test.go TestClusterIPGeneral
#[test]
fn cluster_ip_general() {
    let mut fp = Fake::new();
    fp.services = vec![
        service(
            "ns1",
            "svc1",
            json!({"clusterIP": "172.30.0.41",
            "ports": [{"name": "http", "port": 80, "protocol": "TCP"}]}),
            json!({}),
        ),
        service(
            "ns2",
            "svc2",
            json!({"clusterIP": "172.30.0.42", "ports": [
            {"name": "http", "port": 80, "protocol": "TCP"},
            {"name": "https", "port": 443, "protocol": "TCP", "targetPort": 8443},
            {"name": "dns-udp", "port": 53, "protocol": "UDP"},
            {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 5353},
            {"name": "dns-sctp", "port": 53, "protocol": "SCTP"}]}),
            json!({}),
        ),
    ];
    fp.slices = vec![
        slice(
            "ns1",
            "svc1",
            1,
            "IPv4",
            json!([{"addresses": ["10.180.0.1"], "nodeName": TEST_NODE_NAME}]),
            json!([{"name": "http", "port": 80, "protocol": "TCP"}]),
        ),
        slice(
            "ns2",
            "svc2",
            1,
            "IPv4",
            json!([
            {"addresses": ["10.180.0.1"], "nodeName": TEST_NODE_NAME},
            {"addresses": ["10.180.2.1"], "nodeName": "node2"}]),
            json!([
            {"name": "http", "port": 80, "protocol": "TCP"},
            {"name": "https", "port": 8443, "protocol": "TCP"},
            {"name": "dns-udp", "port": 53, "protocol": "UDP"},
            {"name": "dns-tcp", "port": 5353, "protocol": "TCP"},
            {"name": "dns-sctp", "port": 53, "protocol": "SCTP"}]),
        ),
    ];
    let with = |mut f: Flow, proto: &'static str| {
        f.protocol = proto;
        f
    };
    run_flows(
        "TestClusterIPGeneral",
        &fp.rules(),
        &[
            flow(
                "simple clusterIP",
                "10.180.0.2",
                "172.30.0.41",
                80,
                "10.180.0.1:80",
                false,
            ),
            flow(
                "hairpin to cluster IP",
                "10.180.0.1",
                "172.30.0.41",
                80,
                "10.180.0.1:80",
                true,
            ),
            flow(
                "clusterIP with multiple endpoints",
                "10.180.0.2",
                "172.30.0.42",
                80,
                "10.180.0.1:80, 10.180.2.1:80",
                false,
            ),
            flow(
                "clusterIP with TargetPort",
                "10.180.0.2",
                "172.30.0.42",
                443,
                "10.180.0.1:8443, 10.180.2.1:8443",
                false,
            ),
            with(
                flow(
                    "clusterIP with TCP, UDP, and SCTP on same port (TCP)",
                    "10.180.0.2",
                    "172.30.0.42",
                    53,
                    "10.180.0.1:5353, 10.180.2.1:5353",
                    false,
                ),
                "tcp",
            ),
            with(
                flow(
                    "clusterIP with TCP, UDP, and SCTP on same port (UDP)",
                    "10.180.0.2",
                    "172.30.0.42",
                    53,
                    "10.180.0.1:53, 10.180.2.1:53",
                    false,
                ),
                "udp",
            ),
            with(
                flow(
                    "clusterIP with TCP, UDP, and SCTP on same port (SCTP)",
                    "10.180.0.2",
                    "172.30.0.42",
                    53,
                    "10.180.0.1:53, 10.180.2.1:53",
                    false,
                ),
                "sctp",
            ),
            with(
                flow(
                    "TCP-only port does not match UDP traffic",
                    "10.180.0.2",
                    "172.30.0.42",
                    80,
                    "",
                    false,
                ),
                "udp",
            ),
            flow(
                "svc1 does not accept svc2's ports",
                "10.180.0.2",
                "172.30.0.41",
                443,
                "",
                false,
            ),
        ],
    );
}

// proxier_test.go TestLoadBalancer
#[test]
fn load_balancer() {
    let mut fp = Fake::new();
    fp.services = vec![service(
        "ns1",
        "svc1",
        json!({"type": "LoadBalancer", "clusterIP": "172.30.0.41",
        "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}],
        "loadBalancerSourceRanges": ["192.168.0.0/24", " 203.0.113.0/25"]}),
        json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}, {"ip": "5.6.7.8"}]}}),
    )];
    fp.slices = vec![slice(
        "ns1",
        "svc1",
        1,
        "IPv4",
        json!([{"addresses": ["10.180.0.1"]}]),
        p80(),
    )];
    let ep = "10.180.0.1:80";
    run_flows(
        "TestLoadBalancer",
        &fp.rules(),
        &[
            flow(
                "pod to cluster IP",
                "10.0.0.2",
                "172.30.0.41",
                80,
                ep,
                false,
            ),
            flow(
                "external to nodePort",
                TEST_EXTERNAL_CLIENT,
                TEST_NODE_IP,
                3001,
                ep,
                true,
            ),
            flow(
                "nodePort bypasses LoadBalancerSourceRanges",
                TEST_EXTERNAL_CLIENT_BLOCKED,
                TEST_NODE_IP,
                3001,
                ep,
                true,
            ),
            flow(
                "accepted external to LB1",
                TEST_EXTERNAL_CLIENT,
                "1.2.3.4",
                80,
                ep,
                true,
            ),
            flow(
                "accepted external to LB2",
                TEST_EXTERNAL_CLIENT,
                "5.6.7.8",
                80,
                ep,
                true,
            ),
            flow(
                "blocked external to LB1",
                TEST_EXTERNAL_CLIENT_BLOCKED,
                "1.2.3.4",
                80,
                "DROP",
                false,
            ),
            flow(
                "blocked external to LB2",
                TEST_EXTERNAL_CLIENT_BLOCKED,
                "5.6.7.8",
                80,
                "DROP",
                false,
            ),
            flow(
                "pod to LB1 (blocked by LoadBalancerSourceRanges)",
                "10.0.0.2",
                "1.2.3.4",
                80,
                "DROP",
                false,
            ),
            flow(
                "pod to LB2 (blocked by LoadBalancerSourceRanges)",
                "10.0.0.2",
                "5.6.7.8",
                80,
                "DROP",
                false,
            ),
            flow(
                "node to LB1 (allowed by LoadBalancerSourceRanges)",
                TEST_NODE_IP,
                "1.2.3.4",
                80,
                ep,
                true,
            ),
            flow(
                "node to LB2 (allowed by LoadBalancerSourceRanges)",
                TEST_NODE_IP,
                "5.6.7.8",
                80,
                ep,
                true,
            ),
            flow(
                "same node to LB1, SNATted to LB1 (implicitly allowed)",
                "1.2.3.4",
                "1.2.3.4",
                80,
                ep,
                true,
            ),
            flow(
                "same node to LB2, SNATted to LB2 (implicitly allowed)",
                "5.6.7.8",
                "5.6.7.8",
                80,
                ep,
                true,
            ),
        ],
    );
}

/// (name, IPv6, localhostNodePorts, nodePortAddresses, allowAltNodeIP, expectFirewall)
type NodePortCase = (
    &'static str,
    bool,
    bool,
    &'static [&'static str],
    bool,
    bool,
);

// proxier_test.go TestNodePorts (every case, IPv4 and IPv6)
#[test]
fn node_ports() {
    // (name, v6, localhostNodePorts, nodePortAddresses, allowAltNodeIP, expectFirewall)
    let cases: [NodePortCase; 7] = [
        (
            "ipv4, localhost-nodeports enabled",
            false,
            true,
            &[],
            true,
            true,
        ),
        (
            "ipv4, localhost-nodeports disabled",
            false,
            false,
            &[],
            true,
            false,
        ),
        (
            "ipv4, localhost-nodeports disabled, localhost in nodeport-addresses",
            false,
            false,
            &["192.168.0.0/24", "127.0.0.1/32"],
            false,
            false,
        ),
        (
            "ipv4, localhost-nodeports enabled, multiple nodeport-addresses",
            false,
            false,
            &["192.168.0.0/24", "192.168.1.0/24", "2001:db8::/64"],
            true,
            false,
        ),
        (
            "ipv6, localhost-nodeports enabled",
            true,
            true,
            &[],
            true,
            false,
        ),
        (
            "ipv6, localhost-nodeports disabled",
            true,
            false,
            &[],
            true,
            false,
        ),
        (
            "ipv6, localhost-nodeports disabled, multiple nodeport-addresses",
            true,
            false,
            &["192.168.0.0/24", "192.168.1.0/24", "2001:db8::/64"],
            false,
            false,
        ),
    ];
    for (name, v6, localhost, npa, allow_alt, expect_firewall) in cases {
        let mut fp = if v6 { Fake::ipv6() } else { Fake::new() };
        let (svc_ip, ep1, ep2, at) = if v6 {
            (
                "fd00:172:30::41",
                "fd00:10:180::1",
                "fd00:10:180::2:1",
                "IPv6",
            )
        } else {
            ("172.30.0.41", "10.180.0.1", "10.180.2.1", "IPv4")
        };
        fp.settings.localhost_node_ports = localhost;
        fp.settings.node_port_addresses = npa.iter().map(|s| s.to_string()).collect();
        fp.services = vec![service(
            "ns1",
            "svc1",
            json!({"type": "NodePort", "clusterIP": svc_ip,
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}]}),
            json!({}),
        )];
        fp.slices = vec![slice(
            "ns1",
            "svc1",
            1,
            at,
            json!([{"addresses": [ep1]},
            {"addresses": [ep2], "nodeName": TEST_NODE_NAME}]),
            p80(),
        )];
        let (pod, client, node, alt, lo) = if v6 {
            (
                "fd00:10::2",
                "2600:5200::1",
                TEST_NODE_IPV6,
                TEST_NODE_IPV6_ALT,
                "::1",
            )
        } else {
            (
                "10.0.0.2",
                TEST_EXTERNAL_CLIENT,
                TEST_NODE_IP,
                TEST_NODE_IP_ALT,
                "127.0.0.1",
            )
        };
        let join = |ip: &str| {
            if v6 {
                format!("[{ip}]:80")
            } else {
                format!("{ip}:80")
            }
        };
        let output = format!("{}, {}", join(ep1), join(ep2));
        let mut flows = vec![
            flow("pod to cluster IP", pod, svc_ip, 80, &output, false),
            flow("external to nodePort", client, node, 3001, &output, true),
            flow("node to nodePort", node, node, 3001, &output, true),
        ];
        if !v6 && localhost {
            flows.push(flow(
                "localhost to nodePort gets masqueraded",
                lo,
                lo,
                3001,
                &output,
                true,
            ));
        } else {
            flows.push(flow(
                "localhost to nodePort is ignored",
                lo,
                lo,
                3001,
                "",
                false,
            ));
        }
        if allow_alt {
            flows.push(flow(
                "external to nodePort on secondary IP",
                client,
                alt,
                3001,
                &output,
                true,
            ));
        } else {
            flows.push(flow(
                "secondary nodeIP ignores NodePorts",
                client,
                alt,
                3001,
                "",
                false,
            ));
        }
        let dump = fp.sync();
        run_flows(name, &Ruleset::parse(&dump).unwrap(), &flows);
        let firewall = if expect_firewall {
            "-A KUBE-FIREWALL -m comment --comment \"block incoming localnet connections\" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP\n"
        } else {
            ""
        };
        assert_eq!(
            chain_rules(&dump, "filter", "KUBE-FIREWALL"),
            firewall,
            "{name}"
        );
    }
}

// proxier_test.go TestHealthCheckNodePort
#[test]
fn health_check_node_port() {
    let mut fp = Fake::new();
    fp.settings.node_port_addresses = vec!["127.0.0.0/8".to_string()];
    fp.services = vec![service(
        "ns1",
        "svc1",
        json!({"type": "LoadBalancer", "clusterIP": "172.30.0.42",
        "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}],
        "healthCheckNodePort": 30000, "externalTrafficPolicy": "Local"}),
        json!({}),
    )];
    run_flows(
        "TestHealthCheckNodePort",
        &fp.rules(),
        &[flow(
            "firewall accepts HealthCheckNodePort",
            "1.2.3.4",
            TEST_NODE_IP,
            30000,
            "ACCEPT",
            false,
        )],
    );
    fp.services.clear();
    run_flows(
        "TestHealthCheckNodePort (deleted)",
        &fp.rules(),
        &[flow(
            "HealthCheckNodePort no longer has any rule",
            "1.2.3.4",
            TEST_NODE_IP,
            30000,
            "",
            false,
        )],
    );
}

fn etp_service(policy: &str) -> Fake {
    let mut fp = Fake::new();
    fp.services = vec![service(
        "ns1",
        "svc1",
        json!({"type": "LoadBalancer",
        "externalTrafficPolicy": policy, "clusterIP": "172.30.0.41",
        "externalIPs": ["192.168.99.11"], "healthCheckNodePort": 30000,
        "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001, "targetPort": 80}]}),
        json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}}),
    )];
    fp.slices = vec![slice(
        "ns1",
        "svc1",
        1,
        "IPv4",
        json!([{"addresses": ["10.180.0.1"]},
        {"addresses": ["10.180.2.1"], "nodeName": TEST_NODE_NAME}]),
        p80(),
    )];
    fp
}

// proxier_test.go TestExternalTrafficPolicyLocal
#[test]
fn external_traffic_policy_local() {
    let both = "10.180.0.1:80, 10.180.2.1:80";
    let local = "10.180.2.1:80";
    run_flows(
        "TestExternalTrafficPolicyLocal",
        &etp_service("Local").rules(),
        &[
            flow(
                "pod to cluster IP hits both endpoints, unmasqueraded",
                "10.0.0.2",
                "172.30.0.41",
                80,
                both,
                false,
            ),
            flow(
                "pod to external IP hits both endpoints, unmasqueraded",
                "10.0.0.2",
                "192.168.99.11",
                80,
                both,
                false,
            ),
            flow(
                "external to external IP hits only local endpoint, unmasqueraded",
                TEST_EXTERNAL_CLIENT,
                "192.168.99.11",
                80,
                local,
                false,
            ),
            flow(
                "pod to LB IP hits only both endpoints, unmasqueraded",
                "10.0.0.2",
                "1.2.3.4",
                80,
                both,
                false,
            ),
            flow(
                "external to LB IP hits only local endpoint, unmasqueraded",
                TEST_EXTERNAL_CLIENT,
                "1.2.3.4",
                80,
                local,
                false,
            ),
            flow(
                "pod to NodePort hits both endpoints, unmasqueraded",
                "10.0.0.2",
                TEST_NODE_IP,
                3001,
                both,
                false,
            ),
            flow(
                "external to NodePort hits only local endpoint, unmasqueraded",
                TEST_EXTERNAL_CLIENT,
                TEST_NODE_IP,
                3001,
                local,
                false,
            ),
        ],
    );
}

// proxier_test.go TestExternalTrafficPolicyCluster
#[test]
fn external_traffic_policy_cluster() {
    let both = "10.180.0.1:80, 10.180.2.1:80";
    run_flows(
        "TestExternalTrafficPolicyCluster",
        &etp_service("Cluster").rules(),
        &[
            flow(
                "pod to cluster IP hits both endpoints, unmasqueraded",
                "10.0.0.2",
                "172.30.0.41",
                80,
                both,
                false,
            ),
            flow(
                "pod to external IP hits both endpoints, masqueraded",
                "10.0.0.2",
                "192.168.99.11",
                80,
                both,
                true,
            ),
            flow(
                "external to external IP hits both endpoints, masqueraded",
                TEST_EXTERNAL_CLIENT,
                "192.168.99.11",
                80,
                both,
                true,
            ),
            flow(
                "pod to LB IP hits both endpoints, masqueraded",
                "10.0.0.2",
                "1.2.3.4",
                80,
                both,
                true,
            ),
            flow(
                "external to LB IP hits both endpoints, masqueraded",
                TEST_EXTERNAL_CLIENT,
                "1.2.3.4",
                80,
                both,
                true,
            ),
            flow(
                "pod to NodePort hits both endpoints, masqueraded",
                "10.0.0.2",
                TEST_NODE_IP,
                3001,
                both,
                true,
            ),
            flow(
                "external to NodePort hits both endpoints, masqueraded",
                TEST_EXTERNAL_CLIENT,
                TEST_NODE_IP,
                3001,
                both,
                true,
            ),
        ],
    );
}

// proxier_test.go TestInternalTrafficPolicy
#[test]
fn internal_traffic_policy() {
    let cases: [(&str, &str, [&str; 3], &str); 4] = [
        (
            "internalTrafficPolicy is cluster",
            "Cluster",
            [TEST_NODE_NAME, "node1", "node2"],
            "10.0.1.1:80, 10.0.1.2:80, 10.0.1.3:80",
        ),
        (
            "internalTrafficPolicy is local and there is one local endpoint",
            "Local",
            [TEST_NODE_NAME, "node1", "node2"],
            "10.0.1.1:80",
        ),
        (
            "internalTrafficPolicy is local and there are multiple local endpoints",
            "Local",
            [TEST_NODE_NAME, TEST_NODE_NAME, "node2"],
            "10.0.1.1:80, 10.0.1.2:80",
        ),
        (
            "internalTrafficPolicy is local and there are no local endpoints",
            "Local",
            ["node0", "node1", "node2"],
            "DROP",
        ),
    ];
    for (name, itp, nodes, output) in cases {
        let mut fp = Fake::new();
        fp.services = vec![service(
            "ns1",
            "svc1",
            json!({"clusterIP": "172.30.1.1",
            "selector": {"foo": "bar"}, "internalTrafficPolicy": itp,
            "ports": [{"name": "", "port": 80, "protocol": "TCP"}]}),
            json!({}),
        )];
        let eps: Vec<Value> = ["10.0.1.1", "10.0.1.2", "10.0.1.3"]
            .iter()
            .zip(nodes)
            .map(|(ip, n)| json!({"addresses": [ip], "conditions": {"ready": true}, "nodeName": n}))
            .collect();
        fp.slices = vec![slice(
            "ns1",
            "svc1",
            1,
            "IPv4",
            Value::Array(eps),
            unnamed80(),
        )];
        run_flows(
            name,
            &fp.rules(),
            &[flow(
                "pod to ClusterIP",
                "10.0.0.2",
                "172.30.1.1",
                80,
                output,
                false,
            )],
        );
        fp.slices.clear();
        run_flows(
            name,
            &fp.rules(),
            &[flow(
                "endpoints deleted",
                "10.0.0.2",
                "172.30.1.1",
                80,
                "REJECT",
                false,
            )],
        );
    }
}

fn terminating_service(policy: &str) -> Fake {
    let mut fp = Fake::new();
    fp.services = vec![service(
        "ns1",
        "svc1",
        json!({"clusterIP": "172.30.1.1", "type": "LoadBalancer",
        "externalTrafficPolicy": policy, "healthCheckNodePort": 30000,
        "ports": [{"name": "", "targetPort": 80, "port": 80, "protocol": "TCP"}]}),
        json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}}),
    )];
    fp
}

fn run_terminating(policy: &str, cases: Vec<(&str, Value, &str, &str, bool)>) {
    for (name, endpoints, to_cip, to_lb, lb_masq) in cases {
        let mut fp = terminating_service(policy);
        fp.slices = vec![slice("ns1", "svc1", 1, "IPv4", endpoints, unnamed80())];
        run_flows(
            name,
            &fp.rules(),
            &[
                flow(
                    "pod to clusterIP",
                    "10.0.0.2",
                    "172.30.1.1",
                    80,
                    to_cip,
                    false,
                ),
                flow(
                    "external to LB",
                    TEST_EXTERNAL_CLIENT,
                    "1.2.3.4",
                    80,
                    to_lb,
                    lb_masq,
                ),
            ],
        );
        fp.slices.clear();
        run_flows(
            name,
            &fp.rules(),
            &[
                flow(
                    "pod to clusterIP after endpoints deleted",
                    "10.0.0.2",
                    "172.30.1.1",
                    80,
                    "REJECT",
                    false,
                ),
                flow(
                    "external to LB after endpoints deleted",
                    TEST_EXTERNAL_CLIENT,
                    "1.2.3.4",
                    80,
                    "REJECT",
                    false,
                ),
            ],
        );
    }
}

// proxier_test.go TestTerminatingEndpointsTrafficPolicyLocal
#[test]
fn terminating_endpoints_traffic_policy_local() {
    let n = TEST_NODE_NAME;
    run_terminating(
        "Local",
        vec![
            (
                "ready endpoints exist",
                json!([
                    ep("10.0.1.1", n, true, true, false),
                    ep("10.0.1.2", n, true, true, false),
                    ep("10.0.1.3", n, false, true, true),
                    ep("10.0.1.4", n, false, false, true),
                    ep("10.0.1.5", "node-1", true, true, false)
                ]),
                "10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80",
                "10.0.1.1:80, 10.0.1.2:80",
                false,
            ),
            (
                "only terminating endpoints exist",
                json!([
                    ep("10.0.1.2", n, false, true, true),
                    ep("10.0.1.3", n, false, true, true),
                    ep("10.0.1.4", n, false, false, true),
                    ep("10.0.1.5", "node-1", true, true, false)
                ]),
                "10.0.1.5:80",
                "10.0.1.2:80, 10.0.1.3:80",
                false,
            ),
            (
                "terminating endpoints on remote node",
                json!([ep("10.0.1.5", "node-1", false, true, true)]),
                "10.0.1.5:80",
                "DROP",
                false,
            ),
            (
                "no usable endpoints on any node",
                json!([
                    ep("10.0.1.5", n, false, false, true),
                    ep("10.0.1.5", "node-1", false, false, true)
                ]),
                "REJECT",
                "REJECT",
                false,
            ),
        ],
    );
}

// proxier_test.go TestTerminatingEndpointsTrafficPolicyCluster
#[test]
fn terminating_endpoints_traffic_policy_cluster() {
    let n = TEST_NODE_NAME;
    run_terminating(
        "Cluster",
        vec![
            (
                "ready endpoints exist",
                json!([
                    ep("10.0.1.1", n, true, true, false),
                    ep("10.0.1.2", n, true, true, false),
                    ep("10.0.1.3", "another-node", false, true, true),
                    ep("10.0.1.4", "another-node", false, false, true),
                    ep("10.0.1.5", "another-node", true, true, false)
                ]),
                "10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80",
                "10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80",
                true,
            ),
            (
                "only terminating endpoints exist",
                json!([
                    ep("10.0.1.2", n, false, true, true),
                    ep("10.0.1.3", n, false, true, true),
                    ep("10.0.1.4", "another-node", false, false, true),
                    ep("10.0.1.5", "another-node", false, true, true)
                ]),
                "10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80",
                "10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80",
                true,
            ),
            (
                "terminating endpoints on remote node",
                json!([ep("10.0.1.5", "node-1", false, true, true)]),
                "10.0.1.5:80",
                "10.0.1.5:80",
                true,
            ),
            (
                "no usable endpoints on any node",
                json!([
                    ep("10.0.1.5", n, false, false, true),
                    ep("10.0.1.5", "node-1", false, false, true)
                ]),
                "REJECT",
                "REJECT",
                false,
            ),
        ],
    );
}

// proxier_test.go TestInternalExternalMasquerade: base, no LocalTrafficDetector, masqueradeAll,
// and both.
#[test]
fn internal_external_masquerade() {
    let setup = |fp: &mut Fake| {
        fp.services = vec![
            service(
                "ns1",
                "svc1",
                json!({"type": "LoadBalancer", "clusterIP": "172.30.0.41",
                "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}],
                "healthCheckNodePort": 30001}),
                json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}}),
            ),
            service(
                "ns2",
                "svc2",
                json!({"type": "LoadBalancer", "clusterIP": "172.30.0.42",
                "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3002}],
                "healthCheckNodePort": 30002, "externalTrafficPolicy": "Local"}),
                json!({"loadBalancer": {"ingress": [{"ip": "5.6.7.8"}]}}),
            ),
            service(
                "ns3",
                "svc3",
                json!({"type": "LoadBalancer", "clusterIP": "172.30.0.43",
                "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3003}],
                "healthCheckNodePort": 30003, "internalTrafficPolicy": "Local"}),
                json!({"loadBalancer": {"ingress": [{"ip": "9.10.11.12"}]}}),
            ),
        ];
        fp.slices = (1..=3)
            .map(|i| {
                slice(
                    &format!("ns{i}"),
                    &format!("svc{i}"),
                    1,
                    "IPv4",
                    json!([
                {"addresses": [format!("10.180.0.{i}")], "nodeName": TEST_NODE_NAME},
                {"addresses": [format!("10.180.1.{i}")], "nodeName": "remote"}]),
                    p80(),
                )
            })
            .collect();
    };
    let s1 = "10.180.0.1:80, 10.180.1.1:80";
    let s2 = "10.180.0.2:80, 10.180.1.2:80";
    let s3 = "10.180.0.3:80, 10.180.1.3:80";
    let base = vec![
        flow("pod to ClusterIP", "10.0.0.2", "172.30.0.41", 80, s1, false),
        flow("pod to NodePort", "10.0.0.2", TEST_NODE_IP, 3001, s1, true),
        flow("pod to LB", "10.0.0.2", "1.2.3.4", 80, s1, true),
        flow(
            "node to ClusterIP",
            TEST_NODE_IP,
            "172.30.0.41",
            80,
            s1,
            true,
        ),
        flow(
            "node to NodePort",
            TEST_NODE_IP,
            TEST_NODE_IP,
            3001,
            s1,
            true,
        ),
        flow(
            "localhost to NodePort",
            "127.0.0.1",
            "127.0.0.1",
            3001,
            s1,
            true,
        ),
        flow("node to LB", TEST_NODE_IP, "1.2.3.4", 80, s1, true),
        flow(
            "external to ClusterIP",
            TEST_EXTERNAL_CLIENT,
            "172.30.0.41",
            80,
            s1,
            true,
        ),
        flow(
            "external to NodePort",
            TEST_EXTERNAL_CLIENT,
            TEST_NODE_IP,
            3001,
            s1,
            true,
        ),
        flow(
            "external to LB",
            TEST_EXTERNAL_CLIENT,
            "1.2.3.4",
            80,
            s1,
            true,
        ),
        flow(
            "pod to ClusterIP with eTP:Local",
            "10.0.0.2",
            "172.30.0.42",
            80,
            s2,
            false,
        ),
        flow(
            "pod to NodePort with eTP:Local",
            "10.0.0.2",
            TEST_NODE_IP,
            3002,
            s2,
            false,
        ),
        flow(
            "pod to LB with eTP:Local",
            "10.0.0.2",
            "5.6.7.8",
            80,
            s2,
            false,
        ),
        flow(
            "node to ClusterIP with eTP:Local",
            TEST_NODE_IP,
            "172.30.0.42",
            80,
            s2,
            true,
        ),
        flow(
            "node to NodePort with eTP:Local",
            TEST_NODE_IP,
            TEST_NODE_IP,
            3001,
            s1,
            true,
        ),
        flow(
            "localhost to NodePort with eTP:Local",
            "127.0.0.1",
            "127.0.0.1",
            3002,
            s2,
            true,
        ),
        flow(
            "node to LB with eTP:Local",
            TEST_NODE_IP,
            "5.6.7.8",
            80,
            s2,
            true,
        ),
        flow(
            "external to ClusterIP with eTP:Local",
            TEST_EXTERNAL_CLIENT,
            "172.30.0.42",
            80,
            s2,
            true,
        ),
        flow(
            "external to NodePort with eTP:Local",
            TEST_EXTERNAL_CLIENT,
            TEST_NODE_IP,
            3002,
            "10.180.0.2:80",
            false,
        ),
        flow(
            "external to LB with eTP:Local",
            TEST_EXTERNAL_CLIENT,
            "5.6.7.8",
            80,
            "10.180.0.2:80",
            false,
        ),
        flow(
            "pod to ClusterIP with iTP:Local",
            "10.0.0.2",
            "172.30.0.43",
            80,
            "10.180.0.3:80",
            false,
        ),
        flow(
            "pod to NodePort with iTP:Local",
            "10.0.0.2",
            TEST_NODE_IP,
            3003,
            s3,
            true,
        ),
        flow(
            "pod to LB with iTP:Local",
            "10.0.0.2",
            "9.10.11.12",
            80,
            s3,
            true,
        ),
        flow(
            "node to ClusterIP with iTP:Local",
            TEST_NODE_IP,
            "172.30.0.43",
            80,
            "10.180.0.3:80",
            true,
        ),
        flow(
            "node to NodePort with iTP:Local",
            TEST_NODE_IP,
            TEST_NODE_IP,
            3003,
            s3,
            true,
        ),
        flow(
            "localhost to NodePort with iTP:Local",
            "127.0.0.1",
            "127.0.0.1",
            3003,
            s3,
            true,
        ),
        flow(
            "node to LB with iTP:Local",
            TEST_NODE_IP,
            "9.10.11.12",
            80,
            s3,
            true,
        ),
        flow(
            "external to ClusterIP with iTP:Local",
            TEST_EXTERNAL_CLIENT,
            "172.30.0.43",
            80,
            "10.180.0.3:80",
            true,
        ),
        flow(
            "external to NodePort with iTP:Local",
            TEST_EXTERNAL_CLIENT,
            TEST_NODE_IP,
            3003,
            s3,
            true,
        ),
        flow(
            "external to LB with iTP:Local",
            TEST_EXTERNAL_CLIENT,
            "9.10.11.12",
            80,
            s3,
            true,
        ),
    ];
    type Override = (&'static str, Option<&'static str>, Option<bool>);
    let no_detector: Vec<Override> = vec![
        ("node to ClusterIP", None, Some(false)),
        ("node to ClusterIP with eTP:Local", None, Some(false)),
        ("node to ClusterIP with iTP:Local", None, Some(false)),
        ("external to ClusterIP", None, Some(false)),
        ("external to ClusterIP with eTP:Local", None, Some(false)),
        ("external to ClusterIP with iTP:Local", None, Some(false)),
        (
            "pod to NodePort with eTP:Local",
            Some("10.180.0.2:80"),
            None,
        ),
        ("pod to LB with eTP:Local", Some("10.180.0.2:80"), None),
    ];
    let masq_all: Vec<Override> = vec![
        ("pod to ClusterIP", None, Some(true)),
        ("pod to ClusterIP with eTP:Local", None, Some(true)),
        ("pod to ClusterIP with iTP:Local", None, Some(true)),
    ];
    let both: Vec<Override> = masq_all.iter().chain(&no_detector[6..]).cloned().collect();
    let cases: [(&str, bool, bool, &[Override]); 4] = [
        ("base", false, true, &[]),
        ("no LocalTrafficDetector", false, false, &no_detector),
        ("masqueradeAll", true, true, &masq_all),
        ("masqueradeAll, no LocalTrafficDetector", true, false, &both),
    ];
    for (name, masquerade_all, detector, overrides) in cases {
        let mut fp = Fake::new();
        fp.settings.masquerade_all = masquerade_all;
        if !detector {
            fp = fp.no_local_detector();
        }
        setup(&mut fp);
        let mut flows = base.clone();
        let mut applied = 0;
        for f in &mut flows {
            if let Some((_, out, masq)) = overrides.iter().find(|o| o.0 == f.name) {
                applied += 1;
                if let Some(o) = out {
                    assert_ne!(f.output, *o, "{name}: override same as base");
                    f.output = o.to_string();
                }
                if let Some(m) = masq {
                    assert_ne!(f.masq, *m, "{name}: override same as base");
                    f.masq = *m;
                }
            }
        }
        assert_eq!(applied, overrides.len(), "{name}: unmatched override");
        run_flows(name, &fp.rules(), &flows);
    }
}

// The harness itself can fail: a wrong expectation is reported.
#[test]
#[should_panic(expected = "wrong expectation")]
fn flows_can_fail() {
    let rules = Ruleset::parse(&fixture("TestTracePacket")).unwrap();
    run_flows(
        "wrong expectation",
        &rules,
        &[flow(
            "single endpoint",
            "10.0.0.2",
            "172.30.0.41",
            80,
            "10.180.0.9:80",
            false,
        )],
    );
}
