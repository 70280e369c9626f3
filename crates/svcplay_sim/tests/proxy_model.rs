//! kube-proxy's Service-port and endpoint model (`pkg/proxy/serviceport.go`,
//! `endpointslicecache.go`, `topology.go`) and its tests in proxier_test.go / topology_test.go.

mod proxy_common;

use proxy_common::*;
use serde_json::json;
use svcplay_model::types::Node;
use svcplay_sim::proxy::model::{build_endpoints_map, build_service_ports};
use svcplay_sim::proxy::{
    IpFamily, ProxyInput, ServicePortName, categorize_endpoints, iptables_save,
};
use svcplay_sim::settings::ProxySettings;

fn spn(ns: &str, name: &str, port: &str, proto: &str) -> ServicePortName {
    ServicePortName {
        namespace: ns.into(),
        name: name.into(),
        port: port.into(),
        protocol: proto.into(),
    }
}

fn udp(name: &str, port: i32) -> serde_json::Value {
    json!({"name": name, "port": port, "protocol": "UDP"})
}

// proxier_test.go TestUpdateEndpointsMap "complex add and remove" (expected result) and
// "no change, multiple endpoints, subsets, IPs, and ports": string sort of ip:port, one entry
// per slice port × endpoint, isLocal from nodeName.
#[test]
fn endpoints_map_from_slices() {
    let n = TEST_NODE_NAME;
    let slices = [
        slice(
            "ns1",
            "ep1",
            1,
            "IPv4",
            json!([{"addresses": ["10.1.1.1"]}, {"addresses": ["10.1.1.11"]}]),
            json!([udp("p11", 11)]),
        ),
        slice(
            "ns1",
            "ep1",
            2,
            "IPv4",
            json!([{"addresses": ["10.1.1.2"]}]),
            json!([udp("p12", 12), udp("p122", 122)]),
        ),
        slice(
            "ns3",
            "ep3",
            1,
            "IPv4",
            json!([{"addresses": ["10.3.3.3"]}]),
            json!([udp("p33", 33)]),
        ),
        slice(
            "ns4",
            "ep4",
            1,
            "IPv4",
            json!([{"addresses": ["10.4.4.4"], "nodeName": n}]),
            json!([udp("p44", 44)]),
        ),
        slice(
            "ns2",
            "ep2",
            1,
            "IPv4",
            json!([{"addresses": ["10.2.2.1"]}, {"addresses": ["10.2.2.2"], "nodeName": n}]),
            json!([udp("p21", 21), udp("p22", 22)]),
        ),
    ];
    let refs: Vec<_> = slices.iter().collect();
    let map = build_endpoints_map(&refs, IpFamily::V4, n);
    let got = |k: ServicePortName| -> Vec<(String, bool)> {
        map.get(&k)
            .map(|v| v.iter().map(|e| (e.endpoint.clone(), e.is_local)).collect())
            .unwrap_or_default()
    };
    let s = |e: &str, l: bool| (e.to_string(), l);
    assert_eq!(
        got(spn("ns1", "ep1", "p11", "UDP")),
        vec![s("10.1.1.11:11", false), s("10.1.1.1:11", false)]
    );
    assert_eq!(
        got(spn("ns1", "ep1", "p12", "UDP")),
        vec![s("10.1.1.2:12", false)]
    );
    assert_eq!(
        got(spn("ns1", "ep1", "p122", "UDP")),
        vec![s("10.1.1.2:122", false)]
    );
    assert_eq!(
        got(spn("ns3", "ep3", "p33", "UDP")),
        vec![s("10.3.3.3:33", false)]
    );
    assert_eq!(
        got(spn("ns4", "ep4", "p44", "UDP")),
        vec![s("10.4.4.4:44", true)]
    );
    assert_eq!(
        got(spn("ns2", "ep2", "p22", "UDP")),
        vec![s("10.2.2.1:22", false), s("10.2.2.2:22", true)]
    );
    assert_eq!(map.len(), 7);
}

// endpointslicecache.go: nil conditions are ready/serving/not terminating; duplicates merge with
// the local copy winning (proxier_test.go "no usable endpoints on any node"); only addresses[0];
// wrong family, FQDN slices, nil port names, port 0 and unlabelled slices are ignored.
#[test]
fn endpoint_filters_and_merge() {
    let n = TEST_NODE_NAME;
    let mut unlabelled = slice(
        "ns1",
        "svc1",
        9,
        "IPv4",
        json!([{"addresses": ["10.9.9.9"]}]),
        json!([{"name": "", "port": 80, "protocol": "TCP"}]),
    );
    unlabelled.metadata.labels.clear();
    let slices = [
        slice(
            "ns1",
            "svc1",
            1,
            "IPv4",
            json!([
                {"addresses": ["10.0.1.5", "10.0.1.6"], "nodeName": "node-1", "conditions": {"ready": false}},
                {"addresses": ["10.0.1.7"]},
                {"addresses": ["fd00::1"]},
            ]),
            json!([{"name": "", "port": 80, "protocol": "TCP"}, {"port": 81, "protocol": "TCP"}, {"name": "zero", "port": 0}]),
        ),
        slice(
            "ns1",
            "svc1",
            2,
            "IPv4",
            json!([{"addresses": ["10.0.1.5"], "nodeName": n, "conditions": {"ready": true}}]),
            json!([{"name": "", "port": 80, "protocol": "TCP"}]),
        ),
        slice(
            "ns1",
            "svc1",
            3,
            "FQDN",
            json!([{"addresses": ["example.com"]}]),
            json!([{"name": "", "port": 80, "protocol": "TCP"}]),
        ),
        unlabelled,
    ];
    let refs: Vec<_> = slices.iter().collect();
    let map = build_endpoints_map(&refs, IpFamily::V4, n);
    assert_eq!(map.len(), 1);
    let eps = &map[&spn("ns1", "svc1", "", "TCP")];
    let names: Vec<&str> = eps.iter().map(|e| e.endpoint.as_str()).collect();
    assert_eq!(names, vec!["10.0.1.5:80", "10.0.1.7:80"]);
    assert!(eps[0].is_local && eps[0].ready, "local copy wins");
    assert!(
        eps[1].ready && eps[1].serving && !eps[1].terminating,
        "nil conditions"
    );
}

// proxier_test.go TestBuildServiceMapAddRemove / ServiceHeadless / ServiceTypeExternalName /
// TestLoadBalancerIngressRouteTypeProxy: one entry per port; headless and ExternalName Services
// produce nothing; health check ports only for LoadBalancer + Local; ipMode Proxy VIPs skipped.
#[test]
fn service_ports() {
    let port = |name: &str, proto: &str, p: i32, np: i32, tp: i32| json!({"name": name, "protocol": proto, "port": p, "nodePort": np, "targetPort": tp});
    let services = [
        service(
            "somewhere-else",
            "cluster-ip",
            json!({"type": "ClusterIP", "clusterIP": "172.30.55.4",
            "ports": [port("something", "UDP", 1234, 4321, 0), port("somethingelse", "UDP", 1235, 5321, 0), port("sctpport", "SCTP", 1236, 6321, 0)]}),
            json!({}),
        ),
        service(
            "somewhere-else",
            "node-port",
            json!({"type": "NodePort", "clusterIP": "172.30.55.10",
            "ports": [port("blahblah", "UDP", 345, 678, 0), port("moreblahblah", "TCP", 344, 677, 0), port("muchmoreblah", "SCTP", 343, 676, 0)]}),
            json!({}),
        ),
        service(
            "somewhere",
            "load-balancer",
            json!({"type": "LoadBalancer", "clusterIP": "172.30.55.11",
            "loadBalancerIP": "1.2.3.4", "ports": [port("foobar", "UDP", 8675, 30061, 7000), port("baz", "UDP", 8676, 30062, 7001)]}),
            json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}}),
        ),
        service(
            "somewhere",
            "only-local-load-balancer",
            json!({"type": "LoadBalancer", "clusterIP": "172.30.55.12",
            "loadBalancerIP": "5.6.7.8", "ports": [port("foobar2", "UDP", 8677, 30063, 7002), port("baz", "UDP", 8678, 30064, 7003)],
            "externalTrafficPolicy": "Local", "healthCheckNodePort": 345}),
            json!({"loadBalancer": {"ingress": [{"ip": "5.6.7.8"}]}}),
        ),
        service(
            "somewhere-else",
            "headless",
            json!({"type": "ClusterIP", "clusterIP": "None",
            "ports": [port("rpc", "UDP", 1234, 0, 0)]}),
            json!({}),
        ),
        service(
            "somewhere-else",
            "external-name",
            json!({"type": "ExternalName", "clusterIP": "172.30.55.4",
            "externalName": "foo2.bar.com", "ports": [port("blah", "UDP", 1235, 5321, 0)]}),
            json!({}),
        ),
        service(
            "ns1",
            "proxy-mode",
            json!({"type": "LoadBalancer", "clusterIP": "10.20.30.41",
            "ports": [port("p80", "TCP", 80, 3001, 0)]}),
            json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4", "ipMode": "Proxy"}, {"ip": "1.2.3.5", "ipMode": "VIP"}]}}),
        ),
    ];
    let refs: Vec<_> = services.iter().collect();
    let ports = build_service_ports(&refs, IpFamily::V4);
    assert_eq!(ports.len(), 11);
    let hc: Vec<(&str, i32)> = ports
        .values()
        .filter(|p| p.health_check_node_port != 0)
        .map(|p| (p.name.name.as_str(), p.health_check_node_port))
        .collect();
    assert_eq!(
        hc,
        vec![
            ("only-local-load-balancer", 345),
            ("only-local-load-balancer", 345)
        ]
    );
    let proxy_mode = &ports[&spn("ns1", "proxy-mode", "p80", "TCP")];
    assert_eq!(
        proxy_mode.load_balancer_vips,
        vec!["1.2.3.5".parse::<std::net::IpAddr>().unwrap()]
    );
    assert_eq!(proxy_mode.name_string, "ns1/proxy-mode:p80");
    // IPv6 proxier sees none of these IPv4-only Services.
    assert!(build_service_ports(&refs, IpFamily::V6).is_empty());
}

// topology.go CategorizeEndpoints: zone hints narrow the cluster set when every ready endpoint
// has one and one matches the node's zone; node hints win with PreferSameTrafficDistribution.
#[test]
fn categorize_with_topology_hints() {
    let svc = service(
        "ns1",
        "svc1",
        json!({"clusterIP": "172.30.1.1",
        "ports": [{"name": "", "port": 80, "protocol": "TCP"}]}),
        json!({}),
    );
    let sl = slice(
        "ns1",
        "svc1",
        1,
        "IPv4",
        json!([
            {"addresses": ["10.0.0.1"], "nodeName": "a", "hints": {"forZones": [{"name": "zone-a"}], "forNodes": [{"name": "a"}]}},
            {"addresses": ["10.0.0.2"], "nodeName": "b", "hints": {"forZones": [{"name": "zone-b"}], "forNodes": [{"name": "b"}]}},
            {"addresses": ["10.0.0.3"], "nodeName": "c", "hints": {"forZones": [{"name": "zone-b"}], "forNodes": [{"name": "c"}]}},
        ]),
        json!([{"name": "", "port": 80, "protocol": "TCP"}]),
    );
    let svcs = build_service_ports(&[&svc], IpFamily::V4);
    let info = svcs.values().next().unwrap();
    let map = build_endpoints_map(&[&sl], IpFamily::V4, "b");
    let eps = map.values().next().unwrap();
    let pick = |idx: &[usize]| {
        idx.iter()
            .map(|&i| eps[i].endpoint.as_str())
            .collect::<Vec<_>>()
    };
    let zone = categorize_endpoints(eps, info, "b", "zone-b", false);
    assert_eq!(pick(&zone.cluster), vec!["10.0.0.2:80", "10.0.0.3:80"]);
    assert!(zone.has_any);
    let node = categorize_endpoints(eps, info, "b", "zone-b", true);
    assert_eq!(pick(&node.cluster), vec!["10.0.0.2:80"]);
    let unknown_zone = categorize_endpoints(eps, info, "x", "zone-x", true);
    assert_eq!(unknown_zone.cluster.len(), 3);
}

// ProxyInput::for_node reads the Node the way kube-proxy is configured on kubeadm clusters.
#[test]
fn input_for_node() {
    let node: Node = serde_json::from_value(json!({
        "metadata": {"name": "worker-1", "labels": {"topology.kubernetes.io/zone": "z1"}},
        "spec": {"podCIDR": "10.244.1.0/24"},
        "status": {"addresses": [{"type": "Hostname", "address": "worker-1"},
            {"type": "InternalIP", "address": "192.168.0.2"}]}
    }))
    .unwrap();
    let settings = ProxySettings::default();
    let svc = service(
        "default",
        "web",
        json!({"type": "NodePort", "clusterIP": "10.96.0.10",
        "ports": [{"name": "http", "port": 80, "protocol": "TCP", "nodePort": 30080}]}),
        json!({}),
    );
    let sl = slice(
        "default",
        "web",
        1,
        "IPv4",
        json!([{"addresses": ["10.244.1.5"], "nodeName": "worker-1"}]),
        json!([{"name": "http", "port": 8080, "protocol": "TCP"}]),
    );
    let input = ProxyInput::for_node(&node, &settings, vec![&svc], vec![&sl]);
    assert_eq!(input.node_name, "worker-1");
    assert_eq!(input.family, IpFamily::V4);
    assert_eq!(input.zone(), "z1");
    assert_eq!(input.local_detector().as_deref(), Some("10.244.0.0/16"));
    let dump = iptables_save(&input);
    assert!(dump.contains("! -s 10.244.0.0/16 -j KUBE-MARK-MASQ"));
    assert!(dump.contains("--random-fully"));
    assert!(dump.contains("DNAT --to-destination 10.244.1.5:8080"));
}

// Bad input never panics: garbage IPs, missing fields, affinity without config.
#[test]
fn garbage_in_no_panic() {
    let mut fp = Fake::new();
    fp.services = vec![
        service(
            "ns1",
            "bad-ip",
            json!({"clusterIP": "not-an-ip", "ports": [{"port": 80}]}),
            json!({}),
        ),
        service(
            "ns1",
            "affinity",
            json!({"clusterIP": "172.30.0.9", "sessionAffinity": "ClientIP",
            "externalIPs": ["junk"], "loadBalancerSourceRanges": ["junk/99"],
            "ports": [{"port": 80}]}),
            json!({"loadBalancer": {"ingress": [{"ip": "junk"}]}}),
        ),
    ];
    fp.slices = vec![slice(
        "ns1",
        "affinity",
        1,
        "IPv4",
        json!([{"addresses": []}, {"addresses": ["x.y"]}, {"addresses": ["10.1.1.1"]}]),
        json!([{"name": "", "port": 80}]),
    )];
    let dump = fp.sync();
    assert!(dump.contains("--rcheck --seconds 10800 --reap"));
    assert!(!dump.contains("bad-ip"));
}

// Benchmark-sized input (10,000 Services × 250 endpoints); run with
// `cargo test -p svcplay_sim --release --test proxy_model -- --ignored --nocapture`.
#[test]
#[ignore]
fn large_input_timing() {
    use svcplay_model::types::{Endpoint, EndpointPort, EndpointSlice, Service, ServicePort};
    let (n_svc, n_ep) = (10_000usize, 250usize);
    let mut services = Vec::with_capacity(n_svc);
    let mut slices = Vec::with_capacity(n_svc);
    for s in 0..n_svc {
        let mut svc = Service::default();
        svc.metadata.namespace = "default".into();
        svc.metadata.name = format!("svc-{s}");
        svc.spec.cluster_ip = format!("10.96.{}.{}", s / 256, s % 256);
        svc.spec.ports = vec![ServicePort {
            name: "http".into(),
            protocol: "TCP".into(),
            port: 80,
            ..Default::default()
        }];
        services.push(svc);
        let mut sl = EndpointSlice::default();
        sl.metadata.namespace = "default".into();
        sl.metadata.name = format!("svc-{s}-1");
        sl.metadata
            .labels
            .insert("kubernetes.io/service-name".into(), format!("svc-{s}"));
        sl.address_type = "IPv4".into();
        sl.ports = vec![EndpointPort {
            name: Some("http".into()),
            protocol: Some("TCP".into()),
            port: Some(8080),
            app_protocol: None,
        }];
        sl.endpoints = (0..n_ep)
            .map(|e| {
                let i = s * n_ep + e;
                Endpoint {
                    addresses: vec![format!(
                        "10.{}.{}.{}",
                        128 + i / 65536,
                        (i / 256) % 256,
                        i % 256
                    )],
                    ..Default::default()
                }
            })
            .collect();
        slices.push(sl);
    }
    let mut fp = Fake::new();
    fp.services = services;
    fp.slices = slices;
    let input = fp.input();
    if std::env::var_os("PROXY_PHASES").is_some() {
        let t = std::time::Instant::now();
        let m = build_endpoints_map(&input.slices, IpFamily::V4, TEST_NODE_NAME);
        eprintln!("endpoints map: {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let mut n = 0;
        for eps in m.values() {
            for e in eps {
                n += svcplay_sim::proxy::iptables::endpoint_chain_name(
                    "default/svc:http",
                    "tcp",
                    &e.endpoint,
                )
                .len();
            }
        }
        eprintln!("sep hashes: {:?} ({n})", t.elapsed());
    }
    let start = std::time::Instant::now();
    let dump = iptables_save(&input);
    let elapsed = start.elapsed();
    eprintln!(
        "10k x 250: {} bytes, {} lines in {elapsed:?}",
        dump.len(),
        dump.lines().count()
    );
    assert!(dump.contains("-m statistic --mode random --probability 0.0040000000"));
}
