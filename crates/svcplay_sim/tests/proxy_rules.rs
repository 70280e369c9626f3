//! Full-dump and per-chain expectations of kubernetes `pkg/proxy/iptables/proxier_test.go`,
//! compared through the tests' own normalisation (`sortIPTablesRules`).

mod proxy_common;

use proxy_common::*;
use serde_json::{Value, json};
use svcplay_sim::proxy::{compute_probability, normalize};

fn p80() -> Value {
    json!([{"name": "p80", "port": 80, "protocol": "TCP"}])
}

/// The Services and EndpointSlices of TestOverallIPTablesRules.
fn overall() -> Fake {
    let mut fp = Fake::new();
    fp.services = vec![
        // ClusterIP service
        service(
            "ns1",
            "svc1",
            json!({"clusterIP": "172.30.0.41",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP"}]}),
            json!({}),
        ),
        // LoadBalancer service with Local traffic policy
        service(
            "ns2",
            "svc2",
            json!({"type": "LoadBalancer", "externalTrafficPolicy": "Local",
            "clusterIP": "172.30.0.42",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}],
            "externalIPs": ["192.168.99.22"], "healthCheckNodePort": 30000}),
            json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}}),
        ),
        // NodePort service
        service(
            "ns3",
            "svc3",
            json!({"type": "NodePort", "clusterIP": "172.30.0.43",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3003}]}),
            json!({}),
        ),
        // ExternalIP service
        service(
            "ns4",
            "svc4",
            json!({"type": "NodePort", "clusterIP": "172.30.0.44",
            "externalIPs": ["192.168.99.33"],
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "targetPort": 80}]}),
            json!({}),
        ),
        // LoadBalancer with Cluster traffic policy, source ranges and session affinity
        service(
            "ns5",
            "svc5",
            json!({"type": "LoadBalancer", "externalTrafficPolicy": "Cluster",
            "clusterIP": "172.30.0.45",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3002}],
            "healthCheckNodePort": 30000, "loadBalancerSourceRanges": [" 203.0.113.0/25"],
            "sessionAffinity": "ClientIP",
            "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}}}),
            json!({"loadBalancer": {"ingress": [{"ip": "5.6.7.8"}]}}),
        ),
        // ClusterIP service with no endpoints
        service(
            "ns6",
            "svc6",
            json!({"type": "ClusterIP", "clusterIP": "172.30.0.46",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "targetPort": 80}]}),
            json!({}),
        ),
    ];
    fp.slices = vec![
        slice(
            "ns1",
            "svc1",
            1,
            "IPv4",
            json!([{"addresses": ["10.180.0.1"]}]),
            p80(),
        ),
        // No nodeName: non-local.
        slice(
            "ns2",
            "svc2",
            1,
            "IPv4",
            json!([{"addresses": ["10.180.0.2"]}]),
            p80(),
        ),
        slice(
            "ns3",
            "svc3",
            1,
            "IPv4",
            json!([{"addresses": ["10.180.0.3"]}]),
            p80(),
        ),
        slice(
            "ns4",
            "svc4",
            1,
            "IPv4",
            json!([{"addresses": ["10.180.0.4"]},
            {"addresses": ["10.180.0.5"], "nodeName": TEST_NODE_NAME}]),
            p80(),
        ),
        slice(
            "ns5",
            "svc5",
            1,
            "IPv4",
            json!([{"addresses": ["10.180.0.3"]}]),
            p80(),
        ),
    ];
    fp
}

// proxier_test.go TestOverallIPTablesRules
#[test]
fn overall_iptables_rules() {
    assert_rules_equal(&fixture("TestOverallIPTablesRules"), &overall().sync());
}

// Emission order (before sorting) is upstream's: filter chains, filter rules, nat chains, nat
// rules; the KUBE-NODEPORTS jump is the last nat rule.
#[test]
fn emission_order() {
    let dump = overall().sync();
    assert!(dump.starts_with("*filter\n:KUBE-SERVICES - [0:0]\n:KUBE-EXTERNAL-SERVICES - [0:0]\n:KUBE-FORWARD - [0:0]\n:KUBE-NODEPORTS - [0:0]\n:KUBE-PROXY-FIREWALL - [0:0]\n:KUBE-FIREWALL - [0:0]\n"));
    assert!(dump.contains("COMMIT\n*nat\n:KUBE-SERVICES - [0:0]\n:KUBE-NODEPORTS - [0:0]\n:KUBE-POSTROUTING - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n"));
    let nat_rules: Vec<&str> = dump
        .split("*nat\n")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("-A "))
        .collect();
    assert!(nat_rules[0].starts_with("-A KUBE-POSTROUTING"));
    assert!(nat_rules.last().unwrap().contains("must be the last rule"));
    assert!(dump.ends_with("-j KUBE-NODEPORTS\nCOMMIT\n"));
}

// proxier_test.go TestBadIPs: zero-padded IPs/CIDRs are parsed sloppily and printed canonically.
#[test]
fn bad_ips() {
    let mut fp = Fake::new();
    fp.services = vec![service(
        "ns1",
        "svc1",
        json!({"type": "LoadBalancer",
        "clusterIP": "172.30.0.041",
        "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}],
        "externalIPs": ["192.168.099.022"], "loadBalancerSourceRanges": ["203.0.113.000/025"]}),
        json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.004"}]}}),
    )];
    fp.slices = vec![slice(
        "ns1",
        "svc1",
        1,
        "IPv4",
        json!([{"addresses": ["10.180.00.001"]}]),
        p80(),
    )];
    assert_rules_equal(&fixture("TestBadIPs"), &fp.sync());
}

// proxier_test.go TestSyncProxyRulesRepeated (first, full sync)
#[test]
fn sync_proxy_rules_repeated_first_sync() {
    let mut fp = Fake::new();
    fp.services = vec![
        service(
            "ns1",
            "svc1",
            json!({"type": "ClusterIP", "clusterIP": "172.30.0.41",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP"}]}),
            json!({}),
        ),
        service(
            "ns2",
            "svc2",
            json!({"type": "ClusterIP", "clusterIP": "172.30.0.42",
            "ports": [{"name": "p8080", "port": 8080, "protocol": "TCP"}]}),
            json!({}),
        ),
    ];
    fp.slices = vec![
        slice(
            "ns1",
            "svc1",
            1,
            "IPv4",
            json!([{"addresses": ["10.0.1.1"]}]),
            p80(),
        ),
        slice(
            "ns2",
            "svc2",
            1,
            "IPv4",
            json!([{"addresses": ["10.0.2.1"]}]),
            json!([{"name": "p8080", "port": 8080, "protocol": "TCP"}]),
        ),
    ];
    assert_rules_equal(&fixture("TestSyncProxyRulesRepeated"), &fp.sync());
}

/// The NodePort/eTP=Local Service of the k127 localhost-NodePort tests.
fn localhost_nodeports(mut fp: Fake, v6: bool) -> Fake {
    let (svc_ip, ep1, ep2, at) = if v6 {
        ("fd00:ab34::20", "ff06::c1", "ff06::c2", "IPv6")
    } else {
        ("10.69.0.10", "10.244.0.1", "10.244.2.1", "IPv4")
    };
    fp.services = vec![service(
        "ns1",
        "svc1",
        json!({"type": "NodePort", "clusterIP": svc_ip,
        "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 30001}],
        "externalTrafficPolicy": "Local"}),
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
    fp
}

// proxier_test.go (k127) TestEnableLocalhostNodePortsIPv4
#[test]
fn enable_localhost_nodeports_ipv4() {
    let fp = localhost_nodeports(Fake::new().k127().no_local_detector(), false);
    assert_rules_equal(&fixture("TestEnableLocalhostNodePortsIPv4"), &fp.sync());
}

// The same Service on the k133 profile gains the nfacct localhost NodePort rule.
#[test]
fn enable_localhost_nodeports_ipv4_nfacct() {
    let fp = localhost_nodeports(Fake::new().no_local_detector(), false);
    let nat = chain_rules(&fp.sync(), "nat", "KUBE-NODEPORTS");
    assert_eq!(
        nat,
        "-A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 30001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-XPGD46QRK7WJZT7O\n-A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 30001 -j KUBE-EXT-XPGD46QRK7WJZT7O\n"
    );
}

// proxier_test.go (k127) TestDisableLocalhostNodePortsIPv4
#[test]
fn disable_localhost_nodeports_ipv4() {
    let mut fp = localhost_nodeports(Fake::new().k127().no_local_detector(), false);
    fp.settings.localhost_node_ports = false;
    assert_rules_equal(&fixture("TestDisableLocalhostNodePortsIPv4"), &fp.sync());
}

// proxier_test.go (k127) TestDisableLocalhostNodePortsIPv4WithNodeAddress: nodePortAddresses
// 127.0.0.0/8 with localhost NodePorts disabled leaves no jump to KUBE-NODEPORTS at all.
#[test]
fn disable_localhost_nodeports_ipv4_with_node_address() {
    let mut fp = localhost_nodeports(Fake::new().k127().no_local_detector(), false);
    fp.settings.localhost_node_ports = false;
    fp.settings.node_port_addresses = vec!["127.0.0.0/8".to_string()];
    assert_rules_equal(
        &fixture("TestDisableLocalhostNodePortsIPv4WithNodeAddress"),
        &fp.sync(),
    );
}

// proxier_test.go (k127) TestEnableLocalhostNodePortsIPv6: no KUBE-FIREWALL, `! -d ::1/128`.
#[test]
fn enable_localhost_nodeports_ipv6() {
    let fp = localhost_nodeports(Fake::ipv6().k127().no_local_detector(), true);
    assert_rules_equal(&fixture("TestEnableLocalhostNodePortsIPv6"), &fp.sync());
}

fn only_local_nodeports_setup(mut fp: Fake) -> Fake {
    fp.settings.node_port_addresses = vec!["192.168.0.0/24".into(), "2001:db8::/64".into()];
    fp.settings.localhost_node_ports = false;
    fp.services = vec![service(
        "ns1",
        "svc1",
        json!({"type": "NodePort", "clusterIP": "172.30.0.41",
        "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}],
        "externalTrafficPolicy": "Local"}),
        json!({}),
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

// proxier_test.go (k127) TestOnlyLocalNodePorts + onlyLocalNodePorts flows
#[test]
fn only_local_nodeports() {
    let fp = only_local_nodeports_setup(Fake::new().k127());
    assert_rules_equal(&fixture("TestOnlyLocalNodePorts"), &fp.sync());
    run_flows(
        "TestOnlyLocalNodePorts",
        &fp.rules(),
        &[
            flow(
                "pod to cluster IP hit both endpoints",
                "10.0.0.2",
                "172.30.0.41",
                80,
                "10.180.0.1:80, 10.180.2.1:80",
                false,
            ),
            flow(
                "external to NodePort hits only local endpoint",
                TEST_EXTERNAL_CLIENT,
                TEST_NODE_IP,
                3001,
                "10.180.2.1:80",
                false,
            ),
            flow(
                "pod to localhost doesn't work because localhost is not in nodePortAddresses",
                "10.0.0.2",
                "127.0.0.1",
                3001,
                "",
                false,
            ),
            flow(
                "pod to NodePort hits both endpoints",
                "10.0.0.2",
                TEST_NODE_IP,
                3001,
                "10.180.0.1:80, 10.180.2.1:80",
                false,
            ),
        ],
    );
}

// proxier_test.go (k127) TestOnlyLocalNodePortsNoClusterCIDR
#[test]
fn only_local_nodeports_no_cluster_cidr() {
    let fp = only_local_nodeports_setup(Fake::new().k127().no_local_detector());
    assert_rules_equal(&fixture("TestOnlyLocalNodePortsNoClusterCIDR"), &fp.sync());
    run_flows(
        "TestOnlyLocalNodePortsNoClusterCIDR",
        &fp.rules(),
        &[flow(
            "pod to NodePort hits only local endpoint",
            "10.0.0.2",
            TEST_NODE_IP,
            3001,
            "10.180.2.1:80",
            false,
        )],
    );
}

// proxier_test.go (k127) TestInternalTrafficPolicyE2E: the three expected dumps.
#[test]
fn internal_traffic_policy_e2e() {
    let cases = [
        ("cluster", "Cluster", [TEST_NODE_NAME, "host1", "host2"]),
        ("local", "Local", [TEST_NODE_NAME, "host1", "host2"]),
        ("nolocal", "Local", ["host0", "host1", "host2"]),
    ];
    for (fixture_name, itp, hosts) in cases {
        let mut fp = Fake::new().k127();
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
            .zip(hosts)
            .map(|(ip, h)| json!({"addresses": [ip], "conditions": {"ready": true}, "nodeName": h}))
            .collect();
        fp.slices = vec![slice(
            "ns1",
            "svc1",
            1,
            "IPv4",
            Value::Array(eps),
            json!([{"name": "", "port": 80, "protocol": "TCP"}]),
        )];
        assert_rules_equal(
            &fixture(&format!("TestInternalTrafficPolicyE2E-{fixture_name}")),
            &fp.sync(),
        );
    }
}

// proxier_test.go TestDropInvalidRule
#[test]
fn drop_invalid_rule() {
    let rest = "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark 0x4000/0x4000 -j ACCEPT\n-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n";
    let cases = [
        (
            false,
            false,
            "-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n",
        ),
        (
            true,
            false,
            "-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP\n",
        ),
        (false, true, ""),
    ];
    for (nfacct, liberal, drop) in cases {
        let mut fp = Fake::new();
        fp.profile.nfacct = nfacct;
        fp.profile.conntrack_tcp_liberal = liberal;
        assert_eq!(
            chain_rules(&fp.sync(), "filter", "KUBE-FORWARD"),
            format!("{drop}{rest}")
        );
    }
}

// proxier_test.go TestMasqueradeRule
#[test]
fn masquerade_rule() {
    for random_fully in [false, true] {
        let mut fp = Fake::new();
        fp.profile.random_fully = random_fully;
        let suffix = if random_fully { " --random-fully" } else { "" };
        assert_eq!(
            chain_rules(&fp.sync(), "nat", "KUBE-POSTROUTING"),
            format!(
                "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN\n-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000\n-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE{suffix}\n"
            )
        );
    }
}

// The mark follows masqueradeBit (`1 << bit`).
#[test]
fn masquerade_bit() {
    let mut fp = Fake::new();
    fp.settings.masquerade_bit = 5;
    assert!(chain_rules(&fp.sync(), "nat", "KUBE-MARK-MASQ").contains("--or-mark 0x20\n"));
}

// proxier_test.go TestComputeProbability
#[test]
fn compute_probability_values() {
    let cases = [
        (1, "1.0000000000"),
        (2, "0.5000000000"),
        (10, "0.1000000000"),
        (100, "0.0100000000"),
        (1000, "0.0010000000"),
        (10000, "0.0001000000"),
        (100000, "0.0000100000"),
        (100001, "0.0000099999"),
    ];
    for (n, want) in cases {
        assert_eq!(compute_probability(n), want, "n={n}");
    }
    let mut prev = 0.0f64;
    for i in (2..=100000).rev() {
        let p: f64 = compute_probability(i).parse().unwrap();
        assert!(p > prev, "probability for {i} not increasing");
        prev = p;
    }
}

fn count_endpoints_and_comments(dump: &str, matching: &str) -> (String, usize, usize) {
    let (mut n, mut c, mut matched) = (0, 0, String::new());
    for line in dump.lines() {
        if line.starts_with("-A KUBE-SEP-") && line.contains("-j DNAT") {
            n += 1;
            if line.contains("--comment") {
                c += 1;
            }
            if line.contains(matching) {
                matched = line.to_string();
            }
        }
    }
    (matched, n, c)
}

// proxier_test.go TestSyncProxyRulesLargeClusterMode (full syncs only; masqueradeAll on)
#[test]
fn large_cluster_mode() {
    let mut fp = Fake::new();
    fp.settings.masquerade_all = true;
    fp.services = vec![
        service(
            "ns1",
            "svc1",
            json!({"type": "ClusterIP", "clusterIP": "172.30.0.41",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP"}]}),
            json!({}),
        ),
        service(
            "ns2",
            "svc2",
            json!({"type": "ClusterIP", "clusterIP": "172.30.0.42",
            "ports": [{"name": "p8080", "port": 8080, "protocol": "TCP"}]}),
            json!({}),
        ),
        service(
            "ns3",
            "svc3",
            json!({"type": "ClusterIP", "clusterIP": "172.30.0.43",
            "ports": [{"name": "p8081", "port": 8081, "protocol": "TCP"}]}),
            json!({}),
        ),
    ];
    let half = 1000 / 2 - 1;
    let eps = |prefix: &str| -> Value {
        Value::Array(
            (0..half)
                .map(|i| json!({"addresses": [format!("{prefix}.{}.{}", i % 256, i / 256)]}))
                .collect(),
        )
    };
    fp.slices = vec![
        slice("ns1", "svc1", 1, "IPv4", eps("10.0"), p80()),
        slice(
            "ns2",
            "svc2",
            1,
            "IPv4",
            eps("10.1"),
            json!([{"name": "p8080", "port": 8080, "protocol": "TCP"}]),
        ),
    ];
    let (first, n, c) = count_endpoints_and_comments(&fp.sync(), "10.0.0.0");
    assert_eq!(
        first,
        "-A KUBE-SEP-DKGQUZGBKLTPAR56 -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80"
    );
    assert_eq!((n, c), (2 * half, 2 * half));

    fp.slices.push(slice(
        "ns3",
        "svc3",
        1,
        "IPv4",
        json!([{"addresses": ["203.0.113.4"]},
        {"addresses": ["203.0.113.8"]}, {"addresses": ["203.0.113.12"]}]),
        json!([{"name": "p8081", "port": 8081, "protocol": "TCP"}]),
    ));
    let dump = fp.sync();
    let (first, n, c) = count_endpoints_and_comments(&dump, "203.0.113.4");
    assert_eq!(
        first,
        "-A KUBE-SEP-RUVVH7YV3PHQBDOS -m tcp -p tcp -j DNAT --to-destination 203.0.113.4:8081"
    );
    assert_eq!((n, c), (2 * half + 3, 0));
    let (first, _, _) = count_endpoints_and_comments(&dump, "10.0.0.0");
    assert_eq!(
        first,
        "-A KUBE-SEP-DKGQUZGBKLTPAR56 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80"
    );

    fp.services.push(service(
        "ns4",
        "svc4",
        json!({"type": "ClusterIP", "clusterIP": "172.30.0.44",
        "ports": [{"name": "p8082", "port": 8082, "protocol": "TCP"}]}),
        json!({}),
    ));
    fp.slices.push(slice(
        "ns4",
        "svc4",
        1,
        "IPv4",
        json!([{"addresses": ["10.4.0.1"]}]),
        json!([{"name": "p8082", "port": 8082, "protocol": "TCP"}]),
    ));
    let (svc4, _, _) = count_endpoints_and_comments(&fp.sync(), "10.4.0.1");
    assert_eq!(
        svc4,
        "-A KUBE-SEP-SU5STNODRYEWJAUF -m tcp -p tcp -j DNAT --to-destination 10.4.0.1:8082"
    );
    assert!(fp.sync().contains(":KUBE-SVC-EBDQOQU5SJFXRIL3 - [0:0]"));
}

// sortIPTablesRules TestSortIPTablesRules "correctly match same service name in different styles
// of comments" and "unexpected junk lines are preserved".
#[test]
fn sort_rules_cases() {
    let input = "*filter\nCOMMIT\n*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -m comment --comment \"ns2/svc2:p80 cluster IP\" svc2 line 1\n-A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2\n-A KUBE-SERVICES -m comment --comment \"ns2/svc2 blah\" svc2 line 3\n-A KUBE-SERVICES -m comment --comment \"ns1/svc1:p80 cluster IP\" svc1 line 1\n-A KUBE-SERVICES -m comment --comment ns1/svc1 svc1 line 2\n-A KUBE-SERVICES -m comment --comment \"ns1/svc1 blah\" svc1 line 3\n-A KUBE-SERVICES -m comment --comment ns4/svc4 svc4 line 1\n-A KUBE-SERVICES -m comment --comment \"ns4/svc4:p80 cluster IP\" svc4 line 2\n-A KUBE-SERVICES -m comment --comment \"ns4/svc4 blah\" svc4 line 3\n-A KUBE-SERVICES -m comment --comment \"ns3/svc3:p80 cluster IP\" svc3 line 1\n-A KUBE-SERVICES -m comment --comment \"ns3/svc3 blah\" svc3 line 2\n-A KUBE-SERVICES -m comment --comment ns3/svc3 svc3 line 3\nCOMMIT\n";
    let want = "*filter\nCOMMIT\n*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -m comment --comment \"ns1/svc1:p80 cluster IP\" svc1 line 1\n-A KUBE-SERVICES -m comment --comment ns1/svc1 svc1 line 2\n-A KUBE-SERVICES -m comment --comment \"ns1/svc1 blah\" svc1 line 3\n-A KUBE-SERVICES -m comment --comment \"ns2/svc2:p80 cluster IP\" svc2 line 1\n-A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2\n-A KUBE-SERVICES -m comment --comment \"ns2/svc2 blah\" svc2 line 3\n-A KUBE-SERVICES -m comment --comment \"ns3/svc3:p80 cluster IP\" svc3 line 1\n-A KUBE-SERVICES -m comment --comment \"ns3/svc3 blah\" svc3 line 2\n-A KUBE-SERVICES -m comment --comment ns3/svc3 svc3 line 3\n-A KUBE-SERVICES -m comment --comment ns4/svc4 svc4 line 1\n-A KUBE-SERVICES -m comment --comment \"ns4/svc4:p80 cluster IP\" svc4 line 2\n-A KUBE-SERVICES -m comment --comment \"ns4/svc4 blah\" svc4 line 3\nCOMMIT\n";
    assert_eq!(normalize(input), want);

    let junk = "*filter\nCOMMIT\n*nat\n:KUBE-SERVICES - [0:0]\n:KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]\n:KUBE-AAAAA - [0:0]\n:KUBE-ZZZZZ - [0:0]\n:WHY-IS-THIS-CHAIN-HERE - [0:0]\n-A KUBE-SERVICES -m comment --comment \"ns2/svc2:p80 cluster IP\" svc2 line 1\n-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80\n-A KUBE-ZZZZZ -m comment --comment \"mystery chain number 1\"\n-A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2\n-A WHY-IS-THIS-CHAIN-HERE -j ACCEPT\n-A KUBE-SERVICES -m comment --comment \"ns2/svc2 blah\" svc2 line 3\n-A KUBE-AAAAA -m comment --comment \"mystery chain number 2\"\nCOMMIT\n";
    let junk_want = "*filter\nCOMMIT\n*nat\n:KUBE-SERVICES - [0:0]\n:KUBE-AAAAA - [0:0]\n:KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]\n:KUBE-ZZZZZ - [0:0]\n:WHY-IS-THIS-CHAIN-HERE - [0:0]\n-A KUBE-SERVICES -m comment --comment \"ns2/svc2:p80 cluster IP\" svc2 line 1\n-A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2\n-A KUBE-SERVICES -m comment --comment \"ns2/svc2 blah\" svc2 line 3\n-A KUBE-AAAAA -m comment --comment \"mystery chain number 2\"\n-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80\n-A KUBE-ZZZZZ -m comment --comment \"mystery chain number 1\"\n-A WHY-IS-THIS-CHAIN-HERE -j ACCEPT\nCOMMIT\n";
    assert_eq!(normalize(junk), junk_want);
}

// The tests' normalisation is idempotent on every fixture.
#[test]
fn fixtures_are_sorted() {
    for name in [
        "TestOverallIPTablesRules",
        "TestBadIPs",
        "TestEnableLocalhostNodePortsIPv6",
    ] {
        let f = fixture(name);
        assert_eq!(normalize(&f), f, "{name}");
    }
}
