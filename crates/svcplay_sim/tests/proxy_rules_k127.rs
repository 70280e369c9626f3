//! Full expected dumps (and their packet flows) of the single-Service tests of kubernetes
//! `pkg/proxy/iptables/proxier_test.go` in its v1.27-era form (k127 fixtures, no nfacct):
//! every case builds upstream's Service/EndpointSlice setup on upstream's fake proxier
//! (node `test-node`, node IP 192.168.0.2, pod CIDR 10.0.0.0/8) and compares the whole
//! `iptables-restore` payload line by line after `sortIPTablesRules`.

mod proxy_common;

use proxy_common::*;
use serde_json::{Value, json};

fn p80_slice(endpoints: Value) -> svcplay_model::types::EndpointSlice {
    slice(
        "ns1",
        "svc1",
        1,
        "IPv4",
        endpoints,
        json!([{"name": "p80", "port": 80, "protocol": "TCP"}]),
    )
}

/// The two endpoints most of these tests use: 10.180.0.1 (no nodeName) and 10.180.2.1 (local).
fn remote_and_local() -> Value {
    json!([{"addresses": ["10.180.0.1"]},
    {"addresses": ["10.180.2.1"], "nodeName": TEST_NODE_NAME}])
}

fn svc1(spec: Value, status: Value) -> svcplay_model::types::Service {
    service("ns1", "svc1", spec, status)
}

/// One upstream test: its name (= fixture), the fake proxier after setup, and its flows.
struct Case {
    name: &'static str,
    fp: Fake,
    flows: Vec<Flow>,
}

fn cases() -> Vec<Case> {
    let lb_affinity = json!({"type": "LoadBalancer", "clusterIP": "172.30.0.41",
        "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}],
        "healthCheckNodePort": 30000, "externalTrafficPolicy": "Local",
        "sessionAffinity": "ClientIP",
        "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}}});
    let lb_status = json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}});
    let mut out = Vec::new();

    // proxier_test.go (k127) TestClusterIPReject
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"clusterIP": "172.30.0.41",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP"}]}),
        json!({}),
    )];
    out.push(Case {
        name: "TestClusterIPReject",
        fp,
        flows: vec![flow(
            "cluster IP rejected",
            "10.0.0.2",
            "172.30.0.41",
            80,
            "REJECT",
            false,
        )],
    });

    // proxier_test.go (k127) TestClusterIPEndpointsMore: SCTP.
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"clusterIP": "172.30.0.41",
            "ports": [{"name": "p80", "port": 80, "protocol": "SCTP"}]}),
        json!({}),
    )];
    fp.slices = vec![slice(
        "ns1",
        "svc1",
        1,
        "IPv4",
        json!([{"addresses": ["10.180.0.1"]}]),
        json!([{"name": "p80", "port": 80, "protocol": "SCTP"}]),
    )];
    let mut sctp = vec![
        flow(
            "cluster IP accepted",
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
    ];
    for f in &mut sctp {
        f.protocol = "sctp";
    }
    out.push(Case {
        name: "TestClusterIPEndpointsMore",
        fp,
        flows: sctp,
    });

    // proxier_test.go (k127) TestLoadBalancer
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"type": "LoadBalancer", "clusterIP": "172.30.0.41",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}],
            "loadBalancerSourceRanges": ["192.168.0.0/24", " 203.0.113.0/25"]}),
        json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}, {"ip": "5.6.7.8"}]}}),
    )];
    fp.slices = vec![p80_slice(json!([{"addresses": ["10.180.0.1"]}]))];
    let ep = "10.180.0.1:80";
    out.push(Case {
        name: "TestLoadBalancer",
        fp,
        flows: vec![
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
        ],
    });

    // proxier_test.go (k127) TestNodePort
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"type": "NodePort", "clusterIP": "172.30.0.41",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}]}),
        json!({}),
    )];
    fp.slices = vec![p80_slice(json!([{"addresses": ["10.180.0.1"]}]))];
    out.push(Case {
        name: "TestNodePort",
        fp,
        flows: vec![
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
                "node to nodePort",
                TEST_NODE_IP,
                TEST_NODE_IP,
                3001,
                ep,
                true,
            ),
            flow(
                "localhost to nodePort gets masqueraded",
                "127.0.0.1",
                "127.0.0.1",
                3001,
                ep,
                true,
            ),
        ],
    });

    // proxier_test.go (k127) TestHealthCheckNodePort: nodePortAddresses 127.0.0.0/8 and no
    // endpoints.
    let mut fp = Fake::new().k127();
    fp.settings.node_port_addresses = vec!["127.0.0.0/8".to_string()];
    fp.services = vec![svc1(
        json!({"type": "LoadBalancer", "clusterIP": "172.30.0.42",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}],
            "healthCheckNodePort": 30000, "externalTrafficPolicy": "Local"}),
        json!({}),
    )];
    out.push(Case {
        name: "TestHealthCheckNodePort",
        fp,
        flows: vec![flow(
            "firewall accepts HealthCheckNodePort",
            "1.2.3.4",
            TEST_NODE_IP,
            30000,
            "ACCEPT",
            false,
        )],
    });

    // proxier_test.go (k127) TestMasqueradeRule, both iptables flavours, full dumps.
    for (name, random_fully) in [
        ("TestMasqueradeRule-plain", false),
        ("TestMasqueradeRule-randomFully", true),
    ] {
        let mut fp = Fake::new().k127();
        fp.profile.random_fully = random_fully;
        out.push(Case {
            name,
            fp,
            flows: vec![],
        });
    }

    // proxier_test.go (k127) TestExternalIPsReject
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"type": "ClusterIP", "clusterIP": "172.30.0.41",
            "externalIPs": ["192.168.99.11"],
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "targetPort": 80}]}),
        json!({}),
    )];
    out.push(Case {
        name: "TestExternalIPsReject",
        fp,
        flows: vec![
            flow(
                "cluster IP with no endpoints",
                "10.0.0.2",
                "172.30.0.41",
                80,
                "REJECT",
                false,
            ),
            flow(
                "external IP with no endpoints",
                TEST_EXTERNAL_CLIENT,
                "192.168.99.11",
                80,
                "REJECT",
                false,
            ),
        ],
    });

    // proxier_test.go (k127) TestOnlyLocalExternalIPs: NodePort type without nodePort,
    // eTP=Local, one external IP.
    let both = "10.180.0.1:80, 10.180.2.1:80";
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"type": "NodePort", "externalTrafficPolicy": "Local",
            "clusterIP": "172.30.0.41", "externalIPs": ["192.168.99.11"],
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "targetPort": 80}]}),
        json!({}),
    )];
    fp.slices = vec![p80_slice(remote_and_local())];
    out.push(Case {
        name: "TestOnlyLocalExternalIPs",
        fp,
        flows: vec![
            flow(
                "cluster IP hits both endpoints",
                "10.0.0.2",
                "172.30.0.41",
                80,
                both,
                false,
            ),
            flow(
                "external IP hits only local endpoint, unmasqueraded",
                TEST_EXTERNAL_CLIENT,
                "192.168.99.11",
                80,
                "10.180.2.1:80",
                false,
            ),
        ],
    });

    // proxier_test.go (k127) TestNonLocalExternalIPs: no type, eTP unset.
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"clusterIP": "172.30.0.41", "externalIPs": ["192.168.99.11"],
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "targetPort": 80}]}),
        json!({}),
    )];
    fp.slices = vec![p80_slice(remote_and_local())];
    out.push(Case {
        name: "TestNonLocalExternalIPs",
        fp,
        flows: vec![
            flow(
                "pod to cluster IP",
                "10.0.0.2",
                "172.30.0.41",
                80,
                both,
                false,
            ),
            flow(
                "external to external IP",
                TEST_EXTERNAL_CLIENT,
                "192.168.99.11",
                80,
                both,
                true,
            ),
        ],
    });

    // proxier_test.go (k127) TestNodePortReject
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"type": "NodePort", "clusterIP": "172.30.0.41",
            "ports": [{"name": "p80", "port": 80, "protocol": "TCP", "nodePort": 3001}]}),
        json!({}),
    )];
    out.push(Case {
        name: "TestNodePortReject",
        fp,
        flows: vec![
            flow(
                "pod to cluster IP",
                "10.0.0.2",
                "172.30.0.41",
                80,
                "REJECT",
                false,
            ),
            flow(
                "pod to NodePort",
                "10.0.0.2",
                TEST_NODE_IP,
                3001,
                "REJECT",
                false,
            ),
            flow(
                "external to NodePort",
                TEST_EXTERNAL_CLIENT,
                TEST_NODE_IP,
                3001,
                "REJECT",
                false,
            ),
        ],
    });

    // proxier_test.go (k127) TestLoadBalancerReject: eTP=Local, affinity, no endpoints.
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(lb_affinity.clone(), lb_status.clone())];
    out.push(Case {
        name: "TestLoadBalancerReject",
        fp,
        flows: vec![
            flow(
                "pod to cluster IP",
                "10.0.0.2",
                "172.30.0.41",
                80,
                "REJECT",
                false,
            ),
            flow(
                "pod to LoadBalancer IP",
                "10.0.0.2",
                "1.2.3.4",
                80,
                "REJECT",
                false,
            ),
            flow(
                "external to LoadBalancer IP",
                TEST_EXTERNAL_CLIENT,
                "1.2.3.4",
                80,
                "REJECT",
                false,
            ),
        ],
    });

    // proxier_test.go (k127) TestOnlyLocalLoadBalancing: eTP=Local with ClientIP affinity.
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(lb_affinity, lb_status)];
    fp.slices = vec![p80_slice(remote_and_local())];
    out.push(Case {
        name: "TestOnlyLocalLoadBalancing",
        fp,
        flows: vec![
            flow(
                "pod to cluster IP hits both endpoints",
                "10.0.0.2",
                "172.30.0.41",
                80,
                both,
                false,
            ),
            flow(
                "external to LB IP hits only local endpoint, unmasqueraded",
                TEST_EXTERNAL_CLIENT,
                "1.2.3.4",
                80,
                "10.180.2.1:80",
                false,
            ),
            flow(
                "external to NodePort hits only local endpoint, unmasqueraded",
                TEST_EXTERNAL_CLIENT,
                TEST_NODE_IP,
                3001,
                "10.180.2.1:80",
                false,
            ),
        ],
    });

    // proxier_test.go (k127) TestEndpointSliceE2E: an unnamed port without `port` (0) and a
    // slice whose fourth endpoint is not ready (not used).
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"clusterIP": "172.30.1.1", "selector": {"foo": "bar"},
            "ports": [{"name": "", "targetPort": 80, "protocol": "TCP"}]}),
        json!({}),
    )];
    fp.slices = vec![slice(
        "ns1",
        "svc1",
        1,
        "IPv4",
        json!([
            {"addresses": ["10.0.1.1"], "conditions": {"ready": true}, "nodeName": TEST_NODE_NAME},
            {"addresses": ["10.0.1.2"], "conditions": {"ready": true}, "nodeName": "node2"},
            {"addresses": ["10.0.1.3"], "conditions": {"ready": true}, "nodeName": "node3"},
            {"addresses": ["10.0.1.4"], "conditions": {"ready": false}, "nodeName": "node4"}]),
        json!([{"name": "", "port": 80, "protocol": "TCP"}]),
    )];
    out.push(Case {
        name: "TestEndpointSliceE2E",
        fp,
        flows: vec![],
    });

    // proxier_test.go (k127) TestEndpointSliceWithTerminatingEndpointsTrafficPolicyLocal
    // "... ready endpoints exist": LoadBalancer without nodePort, eTP=Local, ClientIP affinity.
    let cond = |r: bool, s: bool, t: bool| json!({"ready": r, "serving": s, "terminating": t});
    let mut fp = Fake::new().k127();
    fp.services = vec![svc1(
        json!({"clusterIP": "172.30.1.1", "type": "LoadBalancer",
            "externalTrafficPolicy": "Local", "selector": {"foo": "bar"},
            "ports": [{"name": "", "targetPort": 80, "port": 80, "protocol": "TCP"}],
            "healthCheckNodePort": 30000, "sessionAffinity": "ClientIP",
            "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}}}),
        json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}}),
    )];
    fp.slices = vec![slice(
        "ns1",
        "svc1",
        1,
        "IPv4",
        json!([
            {"addresses": ["10.0.1.1"], "conditions": cond(true, true, false), "nodeName": TEST_NODE_NAME},
            {"addresses": ["10.0.1.2"], "conditions": cond(true, true, false), "nodeName": TEST_NODE_NAME},
            {"addresses": ["10.0.1.3"], "conditions": cond(false, true, true), "nodeName": TEST_NODE_NAME},
            {"addresses": ["10.0.1.4"], "conditions": cond(false, false, true), "nodeName": TEST_NODE_NAME},
            {"addresses": ["10.0.1.5"], "conditions": cond(true, true, false), "nodeName": "host-1"}]),
        json!([{"name": "", "port": 80, "protocol": "TCP"}]),
    )];
    out.push(Case {
        name: "TestEndpointSliceWithTerminatingEndpointsTrafficPolicyLocal-ready",
        fp,
        flows: vec![
            flow(
                "pod to clusterIP",
                "10.0.0.2",
                "172.30.1.1",
                80,
                "10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80",
                false,
            ),
            flow(
                "external to LB",
                TEST_EXTERNAL_CLIENT,
                "1.2.3.4",
                80,
                "10.0.1.1:80, 10.0.1.2:80",
                false,
            ),
        ],
    });

    out
}

#[test]
fn k127_single_service_dumps_and_flows() {
    let mut failures = Vec::new();
    for case in cases() {
        let got = case.fp.sync();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            assert_rules_equal(&fixture(case.name), &got);
            run_flows(case.name, &case.fp.rules(), &case.flows);
        }));
        if let Err(e) = result {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("== {} ==\n{msg}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// The fixtures themselves are in sorted form, so comparing against them is meaningful.
#[test]
fn k127_fixtures_are_sorted() {
    for case in cases() {
        let f = fixture(case.name);
        assert_eq!(
            svcplay_sim::proxy::normalize(&f),
            f,
            "{} is not in sortIPTablesRules form",
            case.name
        );
    }
}
