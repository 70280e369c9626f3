//! The request simulator against the seed's scenarios. Expected behaviour is kube-proxy's
//! (`/work/shared/kube-proxy.md` §2, §6, §9, upstream `pkg/proxy/iptables/proxier_test.go`
//! flows) and the Services docs; fixtures are under `tests/fixtures/request/`.

mod request_support;

use request_support::*;
use svcplay_sim::controllers;
use svcplay_sim::request::{Outcome, RequestSpec, RequestState, Source, simulate};

fn delivered(o: &Outcome) -> (&str, &str, bool) {
    match o {
        Outcome::Delivered {
            pod,
            source_ip_seen_by_pod,
            snat,
            ..
        } => (
            pod.as_deref().unwrap_or(""),
            source_ip_seen_by_pod.as_str(),
            *snat,
        ),
        other => panic!("expected delivered, got {other:?}"),
    }
}

/// §9(b) TestNodePorts / TestExternalTrafficPolicyCluster: external → any node's IP:nodePort
/// reaches endpoints on every node, masqueraded to the entry node's address.
#[test]
fn nodeport_via_each_node_reaches_pods_on_every_node_with_snat() {
    let c = cluster(&["web.yaml"]);
    let pods = pods_of(&c, "web-");
    assert_eq!(pods.len(), 6);
    for node in c.store.nodes.keys() {
        let ip = node_ip(&c, node);
        let mut s = spec(external(), &format!("{ip}:30080"), 600, 7);
        s.detail = 600;
        let r = run(&c, &s);
        assert_eq!(r.totals.delivered, 600, "{}", r.explanation);
        assert_eq!(r.via, "NodePort");
        assert_eq!(r.entry_nodes, vec![node.clone()]);
        assert_eq!(r.distribution.len(), 6);
        assert!(
            r.distribution.iter().all(|d| d.count > 0),
            "{:?}",
            r.distribution
        );
        // Pods on other nodes than the entry node are reached too.
        let other: u64 = r
            .distribution
            .iter()
            .filter(|d| d.node.as_deref() != Some(node))
            .map(|d| d.count)
            .sum();
        assert!(other > 0);
        for req in &r.requests {
            let (_, seen, snat) = delivered(&req.outcome);
            assert!(snat);
            assert_eq!(seen, ip.to_string());
            assert_eq!(req.entry_node.as_deref(), Some(node.as_str()));
            // The hops run through the node's real KUBE-NODEPORTS → KUBE-EXT → KUBE-SVC → KUBE-SEP.
            let chains: Vec<&str> = req.hops.iter().filter_map(|h| h.chain.as_deref()).collect();
            assert!(chains.contains(&"KUBE-NODEPORTS"), "{chains:?}");
            assert!(chains.iter().any(|c| c.starts_with("KUBE-EXT-")));
            assert!(chains.iter().any(|c| c.starts_with("KUBE-SEP-")));
        }
    }
}

/// §9(a) TestClusterIPGeneral: pod → ClusterIP:port is DNATed on the pod's node, source kept.
#[test]
fn clusterip_from_pod_preserves_the_pod_ip() {
    let c = cluster(&["web.yaml"]);
    let client_ip = c.store.pods[&key("client")].status.pod_ip.clone();
    let client_node = c.store.pods[&key("client")].spec.node_name.clone();
    let cip = c.store.services[&key("web")].spec.cluster_ip.clone();
    for to in [
        "web:80".to_string(),
        "http://web/".to_string(),
        "web.default:80".to_string(),
        "http://web.default.svc.cluster.local:80/index.html".to_string(),
        format!("{cip}:80"),
    ] {
        let mut s = spec(pod("client"), &to, 120, 3);
        s.detail = 120;
        let r = run(&c, &s);
        assert_eq!(r.totals.delivered, 120, "{to}: {}", r.explanation);
        assert_eq!(r.via, "ClusterIP", "{to}");
        assert_eq!(r.entry_nodes, vec![client_node.clone()]);
        for req in &r.requests {
            let (_, seen, snat) = delivered(&req.outcome);
            assert!(!snat, "{to}");
            assert_eq!(seen, client_ip);
        }
        if !to.starts_with("10.") {
            let res = r.resolved.as_ref().unwrap();
            assert_eq!(res.fqdn.as_deref(), Some("web.default.svc.cluster.local."));
            assert_eq!(res.ips, vec![cip.clone()]);
        }
    }
}

/// §9(a) "Non-pod source (node, external) → masq": a node reaching a ClusterIP is SNATed.
#[test]
fn clusterip_from_node_is_masqueraded() {
    let c = cluster(&["web.yaml"]);
    let cip = c.store.services[&key("web")].spec.cluster_ip.clone();
    let mut s = spec(
        Source::Node {
            name: "node01".into(),
        },
        &format!("{cip}:80"),
        50,
        1,
    );
    s.detail = 50;
    let r = run(&c, &s);
    assert_eq!(r.totals.delivered, 50);
    for req in &r.requests {
        let (_, seen, snat) = delivered(&req.outcome);
        assert!(snat);
        assert_eq!(seen, "192.168.1.2");
    }
    // Nodes do not use cluster DNS.
    let r = run(
        &c,
        &spec(
            Source::Node {
                name: "node01".into(),
            },
            "web:80",
            1,
            1,
        ),
    );
    assert_eq!(r.totals.unresolved, 1);
    assert!(
        r.explanation.contains("only pods use cluster DNS"),
        "{}",
        r.explanation
    );
}

#[test]
fn clusterip_from_outside_times_out() {
    let c = cluster(&["web.yaml"]);
    let cip = c.store.services[&key("web")].spec.cluster_ip.clone();
    let r = run(&c, &spec(external(), &format!("{cip}:80"), 10, 1));
    assert_eq!(r.totals.timed_out, 10);
    let reason = r.requests[0].outcome.reason().unwrap();
    assert!(
        reason.contains("ClusterIPs are only reachable from inside the cluster"),
        "{reason}"
    );
    assert!(reason.contains("nodePort 30080"), "{reason}");
}

/// §9(c) + the simulated cloud LB: eTP=Cluster spreads over every Ready node and every pod.
#[test]
fn loadbalancer_from_outside_spreads_over_frontends() {
    let c = cluster(&["lb.yaml"]);
    let vip = lb_ip(&c, "front").expect("front has an address");
    assert_eq!(vip, "203.0.113.1");
    let mut s = spec(external(), &format!("http://{vip}/"), 1200, 11);
    s.detail = 1200;
    let r = run(&c, &s);
    assert_eq!(r.totals.delivered, 1200, "{}", r.explanation);
    assert_eq!(r.via, "LoadBalancer");
    assert_eq!(r.entry_nodes.len(), c.store.nodes.len());
    assert_eq!(r.distribution.len(), 6);
    assert!(
        r.distribution.iter().all(|d| d.count > 100),
        "{:?}",
        r.distribution
    );
    // Every entry node is used, and each masquerades to its own address.
    for n in c.store.nodes.keys() {
        let ip = node_ip(&c, n).to_string();
        let hits: Vec<_> = r
            .requests
            .iter()
            .filter(|q| q.entry_node.as_deref() == Some(n))
            .collect();
        assert!(!hits.is_empty(), "{n}");
        assert!(hits.iter().all(|q| delivered(&q.outcome).1 == ip));
        assert!(
            hits[0]
                .hops
                .iter()
                .any(|h| h.text.contains("load balancer 203.0.113.1"))
        );
    }
    // Port 8080 is the targetPort the DNAT writes.
    match &r.requests[0].outcome {
        Outcome::Delivered { target_port, .. } => assert_eq!(*target_port, 8080),
        o => panic!("{o:?}"),
    }
}

/// §9(b) TestExternalTrafficPolicyLocal: no local endpoint → DROP (timeout); local endpoint →
/// only local pods, client IP preserved. The LB only uses nodes passing the health check.
#[test]
fn external_traffic_policy_local() {
    let c = cluster(&["lb.yaml"]);
    let local_pods = pods_of(&c, "local-");
    assert_eq!(local_pods.len(), 2);
    let with: Vec<&str> = local_pods.iter().map(|p| p.1.as_str()).collect();
    let without: Vec<&String> = c
        .store
        .nodes
        .keys()
        .filter(|n| !with.contains(&n.as_str()))
        .collect();
    assert!(!without.is_empty());
    for n in &without {
        let r = run(
            &c,
            &spec(external(), &format!("{}:31000", node_ip(&c, n)), 5, 1),
        );
        assert_eq!(r.totals.dropped, 5, "{}", r.explanation);
        let reason = r.requests[0].outcome.reason().unwrap();
        assert!(reason.contains("externalTrafficPolicy: Local"), "{reason}");
        assert!(
            reason.contains(&format!("node {n} runs no ready pod")),
            "{reason}"
        );
        assert!(
            r.requests[0]
                .hops
                .iter()
                .any(|h| h.text.contains("has no local endpoints"))
        );
    }
    for n in &with {
        let mut s = spec(
            external_from("198.51.100.77"),
            &format!("{}:31000", node_ip(&c, n)),
            50,
            1,
        );
        s.detail = 50;
        let r = run(&c, &s);
        assert_eq!(r.totals.delivered, 50, "{}", r.explanation);
        for q in &r.requests {
            let (pod, seen, snat) = delivered(&q.outcome);
            assert!(!snat);
            assert_eq!(seen, "198.51.100.77");
            let p = local_pods.iter().find(|p| p.0 == pod).unwrap();
            assert_eq!(p.1, **n, "only local endpoints");
        }
    }
    // Through the load balancer: only the healthy nodes receive traffic, client IP kept.
    let vip = lb_ip(&c, "local").unwrap();
    let mut s = spec(external(), &format!("{vip}:80"), 400, 2);
    s.detail = 400;
    let r = run(&c, &s);
    assert_eq!(r.totals.delivered, 400, "{}", r.explanation);
    let mut entry = r.entry_nodes.clone();
    entry.sort();
    let mut want: Vec<String> = with.iter().map(|s| s.to_string()).collect();
    want.sort();
    want.dedup();
    assert_eq!(entry, want);
    assert!(
        r.requests
            .iter()
            .all(|q| delivered(&q.outcome).1 == "198.51.100.10")
    );
}

/// §9(e) TestOnlyLocalLoadBalancing affinity: `-m recent --rcheck --seconds T` sends a client
/// back to its endpoint until T seconds pass without a packet.
#[test]
fn session_affinity_sticks_until_the_timeout_on_the_virtual_clock() {
    let mut texts = vec![("web.yaml".to_string(), fixture("web.yaml"))];
    texts[0].1 = texts[0].1.replace(
        "  type: NodePort\n",
        "  type: NodePort\n  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 60\n",
    );
    let mut c = cluster_from(&texts, |_| {});
    let mut state = RequestState::default();
    let mut s = spec(pod("client"), "web:80", 300, 5);
    s.detail = 300;
    let r = simulate(&c, &mut state, &s).unwrap();
    let hit: Vec<_> = r.distribution.iter().filter(|d| d.count > 0).collect();
    assert_eq!(hit.len(), 1, "all requests stick: {:?}", r.distribution);
    let first = hit[0].pod.clone();
    assert!(!r.requests[0].sticky && r.requests[1].sticky);
    // A later call within the timeout, other seed: still the same pod.
    controllers::advance(&mut c, 60);
    let r = simulate(
        &c,
        &mut state,
        &RequestSpec {
            seed: 99,
            ..s.clone()
        },
    )
    .unwrap();
    assert!(r.requests[0].sticky);
    assert!(
        r.distribution
            .iter()
            .all(|d| (d.pod == first) == (d.count == 300))
    );
    // Requests 59 s apart refresh the entry: still one pod.
    let r = simulate(
        &c,
        &mut state,
        &RequestSpec {
            interval_seconds: 59,
            seed: 3,
            ..s.clone()
        },
    )
    .unwrap();
    assert_eq!(r.distribution.iter().filter(|d| d.count > 0).count(), 1);
    // 61 s apart: the entry expires between requests and the choice is random again.
    let mut fresh = RequestState::default();
    let r = simulate(
        &c,
        &mut fresh,
        &RequestSpec {
            interval_seconds: 61,
            ..s.clone()
        },
    )
    .unwrap();
    assert!(
        r.distribution.iter().filter(|d| d.count > 0).count() >= 5,
        "{:?}",
        r.distribution
    );
    assert!(r.requests.iter().all(|q| !q.sticky));
    // After the clock passes the timeout, the remembered entry no longer applies.
    let end = r.end_seconds - c.clock.seconds;
    controllers::advance(&mut c, end + 61);
    let r = simulate(
        &c,
        &mut fresh,
        &RequestSpec {
            count: 1,
            ..s.clone()
        },
    )
    .unwrap();
    assert!(!r.requests[0].sticky);
}

/// §10: every endpoint gets 1/n; the seeded RNG makes runs reproducible.
#[test]
fn six_hundred_requests_over_six_pods_distribute_plausibly_and_reproducibly() {
    let c = cluster(&["web.yaml"]);
    let s = spec(pod("client"), "web:80", 600, 42);
    let a = run(&c, &s);
    assert_eq!(a.distribution.len(), 6);
    for d in &a.distribution {
        // Binomial(600, 1/6): mean 100, sd ≈ 9.1; ±40 is over 4 sd.
        assert!((60..=140).contains(&d.count), "{:?}", a.distribution);
        assert!((d.share - d.count as f64 / 600.0).abs() < 1e-12);
    }
    assert_eq!(a.distribution.iter().map(|d| d.count).sum::<u64>(), 600);
    let b = run(&c, &s);
    assert_eq!(a.distribution, b.distribution);
    assert_eq!(a.requests, b.requests);
    let other = run(
        &c,
        &RequestSpec {
            seed: 43,
            ..s.clone()
        },
    );
    assert_ne!(a.distribution, other.distribution);
}

/// Failure story: the selector differs from the pods' label in case.
#[test]
fn selector_typo_explains_itself() {
    let c = cluster(&["web.yaml", "broken.yaml"]);
    let r = run(&c, &spec(pod("client"), "shop:80", 3, 1));
    assert_eq!(r.totals.refused, 3);
    let reason = r.requests[0].outcome.reason().unwrap();
    assert!(
        reason.contains("no ready endpoints: selector app=shop matches 0 pods"),
        "{reason}"
    );
    assert!(
        reason.contains("have label app=Shop (the selector wants app=shop)"),
        "{reason}"
    );
    // The REJECT rule of §6.1 ("has no endpoints") is the hop that refused it.
    assert!(
        r.requests[0]
            .hops
            .iter()
            .any(|h| h.text.contains("default/shop has no endpoints")
                && h.text.ends_with("-j REJECT"))
    );
    assert!(r.explanation.contains("app=Shop"));
}

/// Failure story: targetPort 8080, the containers declare only 80: DNAT happens, the pod refuses.
#[test]
fn wrong_target_port_explains_itself() {
    let c = cluster(&["web.yaml", "broken.yaml"]);
    let r = run(&c, &spec(pod("client"), "api:80", 20, 1));
    assert_eq!(r.totals.refused, 20, "{}", r.explanation);
    let reason = r.requests[0].outcome.reason().unwrap();
    assert!(
        reason.contains("does not declare port 8080/TCP (it declares 80/TCP)"),
        "{reason}"
    );
    assert!(
        r.warnings.iter().any(|w| w.contains("targetPort 8080")),
        "{:?}",
        r.warnings
    );
    // The DNAT still happened (Kubernetes does not check the port).
    assert!(
        r.requests[0]
            .hops
            .iter()
            .any(|h| h.text.contains("--to-destination") && h.text.contains(":8080"))
    );
}

/// Failure story: unready pods get no traffic; with none ready the Service rejects.
#[test]
fn unready_pods_explain_themselves() {
    let mut c = cluster(&["web.yaml"]);
    let names: Vec<String> = pods_of(&c, "web-").into_iter().map(|p| p.0).collect();
    controllers::set_pod_ready(&mut c, "default", &names[0], false).unwrap();
    let r = run(&c, &spec(pod("client"), "web:80", 500, 1));
    assert_eq!(r.totals.delivered, 500);
    assert!(!r.distribution.iter().any(|d| d.pod == names[0]));
    assert!(
        r.warnings.iter().any(|w| w.contains(&format!(
            "pod {} matches the selector but is not Ready",
            names[0]
        ))),
        "{:?}",
        r.warnings
    );
    for n in &names[1..] {
        controllers::set_pod_ready(&mut c, "default", n, false).unwrap();
    }
    let r = run(&c, &spec(pod("client"), "web:80", 5, 1));
    assert_eq!(r.totals.refused, 5);
    let reason = r.requests[0].outcome.reason().unwrap();
    assert!(
        reason.contains("matches 6 pod(s), 0 of them ready"),
        "{reason}"
    );
    assert!(
        reason.contains(&format!("pod {} is not Ready", names[0])),
        "{reason}"
    );
}

/// §9(c) TestLoadBalancer flows: sources outside loadBalancerSourceRanges are dropped by
/// KUBE-PROXY-FIREWALL, sources inside reach the endpoints.
#[test]
fn load_balancer_source_ranges() {
    let c = cluster(&["lb.yaml"]);
    let vip = lb_ip(&c, "office").unwrap();
    let r = run(&c, &spec(external(), &format!("{vip}:80"), 20, 1));
    assert_eq!(r.totals.dropped, 20, "{}", r.explanation);
    assert!(
        r.requests[0]
            .outcome
            .reason()
            .unwrap()
            .contains("loadBalancerSourceRanges [10.0.0.0/8]")
    );
    let r = run(
        &c,
        &spec(external_from("10.1.2.3"), &format!("{vip}:80"), 20, 1),
    );
    assert_eq!(r.totals.delivered, 20, "{}", r.explanation);
}

/// allocateLoadBalancerNodePorts: false: the VIP still reaches the nodes' KUBE-SERVICES.
#[test]
fn load_balancer_without_node_ports() {
    let c = cluster(&["lb.yaml"]);
    let svc = &c.store.services[&key("nonp")];
    assert_eq!(svc.spec.ports[0].node_port, 0);
    let vip = lb_ip(&c, "nonp").unwrap();
    let r = run(&c, &spec(external(), &format!("{vip}:80"), 100, 1));
    assert_eq!(r.totals.delivered, 100, "{}", r.explanation);
}

/// A LoadBalancer without address: from outside its name gives the Pending reason.
#[test]
fn pending_load_balancer() {
    let c = cluster(&["lb.yaml"]);
    assert_eq!(lb_ip(&c, "classy"), None);
    let r = run(&c, &spec(external(), "classy:80", 2, 1));
    assert_eq!(r.totals.pending, 2);
    assert!(
        r.explanation.contains("loadBalancerClass"),
        "{}",
        r.explanation
    );
    let c = cluster_with(&["lb.yaml"], |c| c.settings.load_balancer.enabled = false);
    let r = run(&c, &spec(external(), "front:80", 1, 1));
    assert_eq!(r.totals.pending, 1);
    assert!(r.explanation.contains("<pending>"), "{}", r.explanation);
}

#[test]
fn external_name_and_headless() {
    let mut texts = vec![
        ("web.yaml".to_string(), fixture("web.yaml")),
        ("broken.yaml".to_string(), fixture("broken.yaml")),
    ];
    texts.push((
        "headless.yaml".into(),
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web-hl\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  ports:\n  - port: 80\n".into(),
    ));
    let c = cluster_from(&texts, |_| {});
    let r = run(&c, &spec(pod("client"), "ext:443", 1, 1));
    assert_eq!(r.totals.left_cluster, 1);
    match &r.requests[0].outcome {
        Outcome::LeftCluster { destination, .. } => assert_eq!(destination, "db.example.com:443"),
        o => panic!("{o:?}"),
    }
    let mut s = spec(pod("client"), "web-hl:80", 600, 1);
    s.detail = 600;
    let r = run(&c, &s);
    assert_eq!(r.via, "headless");
    assert_eq!(r.totals.delivered, 600, "{}", r.explanation);
    assert_eq!(r.resolved.as_ref().unwrap().ips.len(), 6);
    assert!(r.distribution.iter().all(|d| d.count > 50));
    assert!(r.requests.iter().all(|q| !delivered(&q.outcome).2));
    assert!(r.entry_nodes.len() <= 1);
    assert!(
        r.requests[0].hops.iter().all(|h| h.chain.is_none()),
        "no kube-proxy rule"
    );
}

#[test]
fn nodeport_mistakes() {
    let c = cluster(&["web.yaml"]);
    // Port 80 on a node: nothing listens; the hint names the nodePort.
    let r = run(&c, &spec(external(), "192.168.1.3:80", 1, 1));
    assert_eq!(r.totals.refused, 1);
    let reason = r.requests[0].outcome.reason().unwrap();
    assert!(reason.contains("its nodePort is 30080"), "{reason}");
    // UDP to a TCP nodePort.
    let r = run(
        &c,
        &RequestSpec {
            protocol: "udp".into(),
            ..spec(external(), "192.168.1.3:30080", 1, 1)
        },
    );
    assert_eq!(r.totals.refused, 1);
    // ClusterIP with a port the Service lacks: no rule, timeout.
    let r = run(&c, &spec(pod("client"), "web:8080", 1, 1));
    assert_eq!(r.totals.timed_out, 1);
    assert!(
        r.explanation
            .contains("has no port 8080/TCP (ports: 80/TCP)"),
        "{}",
        r.explanation
    );
    // A name that does not exist, with a near miss.
    let r = run(&c, &spec(pod("client"), "wbe:80", 1, 1));
    assert_eq!(r.totals.unresolved, 1);
    assert!(
        r.explanation.contains("did you mean Service web"),
        "{}",
        r.explanation
    );
}

/// healthCheckNodePort (§6.5): kube-proxy's health server answers 200 on nodes with local
/// endpoints, 503 elsewhere.
#[test]
fn health_check_node_port() {
    let c = cluster(&["lb.yaml"]);
    let hc = c.store.services[&key("local")].spec.health_check_node_port;
    assert!(hc > 0);
    let with: Vec<String> = pods_of(&c, "local-").into_iter().map(|p| p.1).collect();
    for n in c.store.nodes.keys() {
        let r = run(
            &c,
            &spec(external(), &format!("{}:{hc}", node_ip(&c, n)), 1, 1),
        );
        match &r.requests[0].outcome {
            Outcome::HealthCheck { status, .. } => {
                assert_eq!(*status, if with.contains(n) { 200 } else { 503 }, "{n}");
            }
            o => panic!("{o:?}"),
        }
    }
}

#[test]
fn hairpin_pod_to_itself_is_masqueraded() {
    // §9(a): a pod reaching itself through its Service hits the SEP's `-s <own IP>` rule.
    let c = cluster(&["web.yaml"]);
    let me = pods_of(&c, "web-").remove(0);
    let mut s = spec(pod(&me.0), "web:80", 300, 1);
    s.detail = 300;
    let r = run(&c, &s);
    assert!(r.requests.iter().any(|q| delivered(&q.outcome).0 == me.0));
    for q in &r.requests {
        let (p, seen, snat) = delivered(&q.outcome);
        if p == me.0 {
            assert!(snat);
            assert_eq!(seen, node_ip(&c, &me.1).to_string());
        } else {
            assert!(!snat);
            assert_eq!(seen, me.2);
        }
    }
}

#[test]
fn bad_requests_are_errors_not_panics() {
    let c = cluster(&["web.yaml"]);
    let mut st = RequestState::default();
    let cases: Vec<(RequestSpec, &str)> = vec![
        (
            spec(pod("nobody"), "web:80", 1, 1),
            "pods \"nobody\" not found",
        ),
        (spec(pod("client"), "http://web:0/", 1, 1), "port 0"),
        (spec(pod("client"), "web", 1, 1), "no port"),
        (
            spec(pod("client"), "ht!tp://web/", 1, 1),
            "cannot read target",
        ),
        (spec(pod("client"), "[fd00::1]:80", 1, 1), "IPv4-only"),
        (
            spec(pod("client"), "web:80", 0, 1),
            "count must be at least 1",
        ),
        (
            spec(
                Source::Node {
                    name: "node09".into(),
                },
                "web:80",
                1,
                1,
            ),
            "nodes \"node09\" not found",
        ),
        (
            RequestSpec {
                protocol: "ICMP".into(),
                ..spec(pod("client"), "web:80", 1, 1)
            },
            "not supported",
        ),
    ];
    for (s, want) in cases {
        let e = simulate(&c, &mut st, &s).expect_err(&s.to);
        assert!(e.message.contains(want), "{}: {}", s.to, e.message);
    }
}

#[test]
fn report_serializes_camel_case() {
    let c = cluster(&["web.yaml"]);
    let r = run(&c, &spec(pod("client"), "web:80", 2, 1));
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["entryNodes"].is_array());
    assert_eq!(v["requests"][0]["outcome"], "delivered");
    assert!(v["requests"][0]["sourceIpSeenByPod"].is_string());
    assert!(v["totals"]["timedOut"].is_number());
    let spec_json: RequestSpec = serde_json::from_value(serde_json::json!({
        "from": {"kind": "pod", "name": "client"}, "to": "web:80", "count": 3
    }))
    .unwrap();
    assert_eq!(run(&c, &spec_json).totals.delivered, 3);
}

fn key(name: &str) -> (String, String) {
    ("default".to_string(), name.to_string())
}

/// Odd targets and senders never panic: each gives a report or a RequestError.
#[test]
fn odd_inputs_never_panic() {
    let c = cluster(&["web.yaml", "lb.yaml", "broken.yaml"]);
    let mut st = RequestState::default();
    let targets = [
        "web:80",
        "WEB:80",
        "web.:80",
        "web.default.svc.cluster.local.:80",
        "localhost:30080",
        "127.0.0.1:30080",
        "127.0.0.1:80",
        "[::1]:80",
        "10.96.0.1:443",
        "10.96.0.10:53",
        "10.99.99.99:80",
        "10.244.9.9:80",
        "8.8.8.8:53",
        "203.0.113.9:80",
        "203.0.113.1:81",
        "192.168.1.10:30080",
        "http://user@web:80/x?y#z",
        "a.b.c.d.e.f.g:80",
        "_x._tcp.web:80",
        "kube-dns.kube-system:53",
        "0.0.0.0:80",
        "255.255.255.255:80",
        "web:65535",
        &"a".repeat(300),
        "http://[::ffff:10.96.0.1]:80/",
    ];
    let vip = lb_ip(&c, "front").unwrap();
    let senders = [
        pod("client"),
        Source::Node {
            name: "controlplane".into(),
        },
        external(),
        external_from("10.244.1.1"),
        external_from("fd00::1"),
    ];
    for from in &senders {
        for to in targets
            .iter()
            .map(|s| s.to_string())
            .chain([format!("{vip}:80")])
        {
            let s = RequestSpec {
                detail: 3,
                ..spec(from.clone(), &to, 5, 1)
            };
            if let Ok(r) = simulate(&c, &mut st, &s) {
                let t = &r.totals;
                let sum = t.delivered
                    + t.refused
                    + t.dropped
                    + t.timed_out
                    + t.pending
                    + t.unresolved
                    + t.left_cluster
                    + t.health_check;
                assert_eq!(sum, 5, "{to}: {r:?}");
                assert!(!r.explanation.is_empty());
            }
        }
    }
    // Pods reach a LoadBalancer VIP through their own node's rules (§9(c)), source kept.
    let r = run(&c, &spec(pod("client"), &format!("{vip}:80"), 10, 1));
    assert_eq!(r.totals.delivered, 10, "{}", r.explanation);
    assert_eq!(r.entry_nodes.len(), 1);
}
