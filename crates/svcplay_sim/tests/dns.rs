//! Cluster DNS answers (kubernetes/dns docs/specification.md; CoreDNS plugin/kubernetes).

mod controllers_support;

use controllers_support::*;
use serde_json::json;
use svcplay_sim::controllers;
use svcplay_sim::dns::{DnsAnswer, QType, Rcode, Record, Srv, query, resolve_from_pod};

fn cluster() -> svcplay_sim::Cluster {
    let mut c = kubeadm_cluster(9);
    add_deployment(&mut c, "default", "web", 2, json!({}));
    add_service(
        &mut c,
        "default",
        "web",
        "web",
        json!({"spec": {"ports": [
        {"name": "http", "port": 80, "protocol": "TCP", "targetPort": "http"},
        {"port": 81, "protocol": "TCP", "targetPort": 8081, "name": ""}]}}),
    );
    // Headless with hostnames: two ready pods (one with hostname), one unready.
    for (name, ip, ready, host) in [
        ("db-0", "10.244.1.50", true, "db-0"),
        ("db-1", "10.244.2.50", true, ""),
        ("db-2", "10.244.3.50", false, "db-2"),
    ] {
        let spec = if host.is_empty() {
            json!({})
        } else {
            json!({"hostname": host, "subdomain": "db"})
        };
        add_running_pod(
            &mut c,
            "data",
            name,
            "node01",
            ip,
            json!({
                "metadata": {"labels": {"app": "db"}},
                "spec": spec,
                "status": {"conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" }}]}
            }),
        );
    }
    add_service(
        &mut c,
        "data",
        "db",
        "db",
        json!({"spec": {"clusterIP": "None", "clusterIPs": ["None"],
        "ports": [{"name": "pg", "port": 5432, "protocol": "TCP", "targetPort": 5432}]}}),
    );
    add_service(
        &mut c,
        "data",
        "empty",
        "nothing",
        json!({"spec": {"clusterIP": "None", "clusterIPs": ["None"]}}),
    );
    add_service(
        &mut c,
        "default",
        "ext",
        "x",
        json!({"spec": {"type": "ExternalName", "externalName": "Example.COM.", "clusterIP": "", "clusterIPs": [], "ipFamilies": [], "ports": []}}),
    );
    controllers::settle(&mut c);
    c
}

fn ok(answers: Vec<Record>) -> DnsAnswer {
    DnsAnswer {
        rcode: Rcode::NoError,
        answers,
    }
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

fn srv(port: i32, target: &str) -> Record {
    Record::SRV(Srv {
        port,
        target: target.to_string(),
    })
}

#[test]
fn dns_records_per_specification() {
    let c = cluster();
    let web_pod_ip = live_pods(&c, "default", "web-")[0].status.pod_ip.clone();
    let dashed = web_pod_ip.replace('.', "-");
    let cases: Vec<(&str, String, QType, DnsAnswer)> = vec![
        // 2.3.1 A record for a ClusterIP Service, independent of endpoints.
        (
            "clusterIP A",
            "web.default.svc.cluster.local.".into(),
            QType::A,
            ok(vec![a("10.96.100.1")]),
        ),
        (
            "trailing dot optional, case-insensitive",
            "WEB.Default.svc.Cluster.Local".into(),
            QType::A,
            ok(vec![a("10.96.100.1")]),
        ),
        (
            "no AAAA on IPv4 service: NODATA",
            "web.default.svc.cluster.local".into(),
            QType::AAAA,
            ok(vec![]),
        ),
        // 2.3.2 SRV for named ports only; unnamed ports have no _port name.
        (
            "named port SRV",
            "_http._tcp.web.default.svc.cluster.local".into(),
            QType::SRV,
            ok(vec![srv(80, "web.default.svc.cluster.local.")]),
        ),
        (
            "wrong protocol",
            "_http._udp.web.default.svc.cluster.local".into(),
            QType::SRV,
            nx(),
        ),
        (
            "unknown port name",
            "_grpc._tcp.web.default.svc.cluster.local".into(),
            QType::SRV,
            nx(),
        ),
        (
            "bare SRV matches every port (CoreDNS wildcard)",
            "web.default.svc.cluster.local".into(),
            QType::SRV,
            ok(vec![
                srv(80, "web.default.svc.cluster.local."),
                srv(81, "web.default.svc.cluster.local."),
            ]),
        ),
        // 2.4.1 headless: ready endpoints only.
        (
            "headless A",
            "db.data.svc.cluster.local".into(),
            QType::A,
            ok(vec![a("10.244.1.50"), a("10.244.2.50")]),
        ),
        (
            "headless hostname A",
            "db-0.db.data.svc.cluster.local".into(),
            QType::A,
            ok(vec![a("10.244.1.50")]),
        ),
        (
            "unready hostname has no record",
            "db-2.db.data.svc.cluster.local".into(),
            QType::A,
            nx(),
        ),
        (
            "endpoint without hostname: dashed IP",
            "10-244-2-50.db.data.svc.cluster.local".into(),
            QType::A,
            ok(vec![a("10.244.2.50")]),
        ),
        (
            "headless SRV per ready endpoint",
            "_pg._tcp.db.data.svc.cluster.local".into(),
            QType::SRV,
            ok(vec![
                srv(5432, "db-0.db.data.svc.cluster.local."),
                srv(5432, "10-244-2-50.db.data.svc.cluster.local."),
            ]),
        ),
        (
            "headless without ready endpoints",
            "empty.data.svc.cluster.local".into(),
            QType::A,
            nx(),
        ),
        // 2.5 ExternalName.
        // The target as stored (CoreDNS `object.ToService` copies it, `NewCNAME` only makes it
        // fully qualified); the API server would only have accepted it lower-case.
        (
            "ExternalName CNAME",
            "ext.default.svc.cluster.local".into(),
            QType::CNAME,
            ok(vec![Record::CNAME("Example.COM.".into())]),
        ),
        (
            "ExternalName answers A queries with the CNAME",
            "ext.default.svc.cluster.local".into(),
            QType::A,
            ok(vec![Record::CNAME("Example.COM.".into())]),
        ),
        // Missing names.
        (
            "no such service",
            "nope.default.svc.cluster.local".into(),
            QType::A,
            nx(),
        ),
        (
            "no such namespace",
            "web.nope.svc.cluster.local".into(),
            QType::A,
            nx(),
        ),
        (
            "namespace name alone: NODATA",
            "default.svc.cluster.local".into(),
            QType::A,
            ok(vec![]),
        ),
        ("outside the zone", "example.com".into(), QType::A, nx()),
        (
            "neither svc nor pod",
            "web.default.foo.cluster.local".into(),
            QType::A,
            nx(),
        ),
        // Pod A records (pods insecure).
        (
            "pod A record",
            format!("{dashed}.default.pod.cluster.local"),
            QType::A,
            ok(vec![a(&web_pod_ip)]),
        ),
        (
            "pod label not an IP",
            "not-an-ip.default.pod.cluster.local".into(),
            QType::A,
            nx(),
        ),
        // PTR.
        (
            "PTR of a ClusterIP",
            "1.100.96.10.in-addr.arpa".into(),
            QType::PTR,
            ok(vec![Record::PTR("web.default.svc.cluster.local.".into())]),
        ),
        (
            "PTR of a headless endpoint",
            "50.1.244.10.in-addr.arpa.".into(),
            QType::PTR,
            ok(vec![Record::PTR("db-0.db.data.svc.cluster.local.".into())]),
        ),
        (
            "PTR of an unready endpoint",
            "50.3.244.10.in-addr.arpa".into(),
            QType::PTR,
            nx(),
        ),
    ];
    for (name, q, t, want) in cases {
        assert_eq!(query(&c, &q, t), want, "{name}: {q} {t:?}");
    }
}

#[test]
fn publish_not_ready_addresses_publishes_unready_pods() {
    // CoreDNS reads `conditions.ready`, which publishNotReadyAddresses forces to true.
    let mut c = cluster();
    c.store
        .services
        .get_mut(&key("data", "db"))
        .unwrap()
        .spec
        .publish_not_ready_addresses = true;
    controllers::settle(&mut c);
    assert_eq!(
        query(&c, "db-2.db.data.svc.cluster.local", QType::A),
        ok(vec![a("10.244.3.50")])
    );
}

#[test]
fn resolv_conf_search_path_and_ndots() {
    // kubelet resolv.conf for ClusterFirst pods: search <ns>.svc.<zone> svc.<zone> <zone>, ndots:5.
    let c = cluster();
    let r = resolve_from_pod(&c, "default", "web", QType::A);
    assert_eq!(r.fqdn.as_deref(), Some("web.default.svc.cluster.local."));
    assert_eq!(r.tried, vec!["web.default.svc.cluster.local."]);
    assert_eq!(r.answer, ok(vec![a("10.96.100.1")]));

    let r = resolve_from_pod(&c, "default", "db.data", QType::A);
    assert_eq!(r.fqdn.as_deref(), Some("db.data.svc.cluster.local."));
    assert_eq!(
        r.tried,
        vec![
            "db.data.default.svc.cluster.local.",
            "db.data.svc.cluster.local."
        ]
    );

    // Fewer than 5 dots: the search list first, the name as is last.
    let r = resolve_from_pod(&c, "data", "nothing.example.com", QType::A);
    assert_eq!(r.fqdn, None);
    assert_eq!(r.tried.len(), 4);
    assert_eq!(r.tried[3], "nothing.example.com.");
    assert_eq!(r.answer.rcode, Rcode::NxDomain);

    // A trailing dot is absolute.
    let r = resolve_from_pod(&c, "data", "web.default.svc.cluster.local.", QType::A);
    assert_eq!(r.tried, vec!["web.default.svc.cluster.local."]);
    assert_eq!(r.answer, ok(vec![a("10.96.100.1")]));

    // NODATA everywhere gives NOERROR without answers.
    let r = resolve_from_pod(&c, "default", "web", QType::AAAA);
    assert_eq!((r.fqdn, r.answer), (None, ok(vec![])));
}
