//! Table-driven cases of `staging/src/k8s.io/endpointslice/reconciler_test.go` and
//! `utils_test.go` rebuilt on the simulator: upstream's fixtures (`newServiceAndEndpointMeta`,
//! `newPod`, node `node-1` with zone labels) inserted into the store, then the controllers run.

mod controllers_support;

use controllers_support::*;
use serde_json::{Value, json};
use svcplay_model::types::EndpointSlice;
use svcplay_sim::{Cluster, Options, controllers};

const NS: &str = "test";

/// A bare cluster with upstream's `node1` (zone `us-central1-a`).
fn cluster() -> Cluster {
    let mut c = Cluster::new(Options {
        seed: 7,
        bare: true,
        observed: false,
    });
    add_node(
        &mut c,
        "node-1",
        "192.168.1.11",
        json!({"metadata": {"labels": {"topology.kubernetes.io/zone": "us-central1-a",
                                        "topology.kubernetes.io/region": "us-central1"}}}),
    );
    c
}

/// `newServiceAndEndpointMeta(name, ns)`: port named after the Service, targetPort 80, TCP,
/// selector `foo: bar`, `ipFamilies: [IPv4]`, no ClusterIP; `spec` is merged over it.
fn add_upstream_service(c: &mut Cluster, name: &str, spec: Value, labels: Value) {
    let mut v = json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name, "namespace": NS, "uid": format!("{NS}-{name}"), "labels": labels},
        "spec": {"ports": [{"name": name, "targetPort": 80, "protocol": "TCP"}],
                 "selector": {"foo": "bar"}, "ipFamilies": ["IPv4"]}
    });
    if let (Some(base), Value::Object(extra)) = (v["spec"].as_object_mut(), spec) {
        for (k, val) in extra {
            if val.is_null() {
                base.remove(&k);
            } else {
                base.insert(k, val);
            }
        }
    }
    let s: svcplay_model::types::Service = serde_json::from_value(v).unwrap();
    c.store.services.insert(key(NS, name), s);
}

/// `newPod(n, ns, ready, 1, terminating)` with `podIPs` overridden.
fn add_upstream_pod(c: &mut Cluster, n: u32, ready: bool, ips: &[&str], extra: Value) {
    let ip = ips[0];
    let podips: Vec<Value> = ips.iter().map(|i| json!({"ip": i})).collect();
    add_running_pod(
        c,
        NS,
        &format!("pod{n}"),
        "node-1",
        ip,
        json!({"metadata": {"labels": {"foo": "bar"}},
               "spec": {"containers": [{"name": "container-1"}]},
               "status": {"podIP": ip, "podIPs": podips,
                          "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" }}]}}),
    );
    let p = c.store.pods.get_mut(&key(NS, &format!("pod{n}"))).unwrap();
    let mut v = serde_json::to_value(&*p).unwrap();
    if let (Some(o), Value::Object(e)) = (v.as_object_mut(), extra) {
        for (k, val) in e {
            for (k2, val2) in val.as_object().cloned().unwrap_or_default() {
                o.entry(k.clone()).or_insert(json!({}))[k2] = val2;
            }
        }
    }
    *p = serde_json::from_value(v).unwrap();
}

fn slices(c: &Cluster, svc: &str) -> Vec<EndpointSlice> {
    slices_of(c, NS, svc).into_iter().cloned().collect()
}

/// The endpoint every TestReconcile1Pod case expects, for one address.
fn pod1_endpoint(c: &Cluster, address: &str) -> Value {
    json!({
        "addresses": [address],
        "conditions": {"ready": true, "serving": true, "terminating": false},
        "zone": "us-central1-a",
        "nodeName": "node-1",
        "targetRef": {"kind": "Pod", "namespace": NS, "name": "pod1",
                      "uid": c.store.pods[&key(NS, "pod1")].metadata.uid},
    })
}

// reconciler_test.go TestReconcile1Pod: one pod (IPv4 1.2.3.4 and IPv6
// 1234::5678:0000:0000:9abc:def0, hostname set without subdomain) and each Service shape.
#[test]
fn reconcile_1_pod() {
    let managed = json!({"endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
                         "kubernetes.io/service-name": "foo"});
    let with = |extra: Value| {
        let mut m = managed.clone();
        for (k, v) in extra.as_object().unwrap() {
            m[k] = v.clone();
        }
        m
    };
    let headless = json!({"service.kubernetes.io/headless": ""});
    let v6 = "1234::5678:0:0:9abc:def0";
    // (case, spec override, service labels, expected labels, expected (addressType, address))
    type Case<'a> = (&'a str, Value, Value, Value, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        (
            "no-family-service",
            json!({"clusterIP": "10.0.0.10", "ipFamilies": null}),
            json!({}),
            managed.clone(),
            vec![("IPv4", "1.2.3.4")],
        ),
        (
            "ipv4",
            json!({}),
            json!({}),
            with(headless.clone()),
            vec![("IPv4", "1.2.3.4")],
        ),
        (
            "ipv4-clusterip",
            json!({"clusterIP": "1.1.1.1"}),
            json!({}),
            managed.clone(),
            vec![("IPv4", "1.2.3.4")],
        ),
        (
            "ipv4-labels",
            json!({}),
            json!({"foo": "bar"}),
            with(json!({"foo": "bar", "service.kubernetes.io/headless": ""})),
            vec![("IPv4", "1.2.3.4")],
        ),
        (
            "ipv4-bad-labels",
            json!({}),
            json!({"kubernetes.io/service-name": "bad",
                   "endpointslice.kubernetes.io/managed-by": "actor",
                   "service.kubernetes.io/headless": "invalid"}),
            with(headless.clone()),
            vec![("IPv4", "1.2.3.4")],
        ),
        (
            "ipv6",
            json!({"ipFamilies": ["IPv6"]}),
            json!({}),
            with(headless.clone()),
            vec![("IPv6", v6)],
        ),
        (
            "ipv6-clusterip",
            json!({"clusterIP": "1234::5678:0000:0000:9abc:def1", "ipFamilies": ["IPv6"]}),
            json!({}),
            managed.clone(),
            vec![("IPv6", v6)],
        ),
        (
            "dualstack-service",
            json!({"ipFamilies": ["IPv4", "IPv6"], "clusterIP": "10.0.0.10",
                   "clusterIPs": ["10.0.0.10", "2000::1"]}),
            json!({}),
            managed.clone(),
            vec![("IPv4", "1.2.3.4"), ("IPv6", v6)],
        ),
    ];
    let mut failures = Vec::new();
    for (name, spec, labels, want_labels, want) in cases {
        let mut c = cluster();
        add_upstream_service(&mut c, "foo", spec, labels);
        add_upstream_pod(
            &mut c,
            1,
            true,
            &["1.2.3.4", "1234::5678:0000:0000:9abc:def0"],
            json!({"spec": {"hostname": "example-hostname"}}),
        );
        controllers::settle(&mut c);
        let got = slices(&c, "foo");
        let mut got_types: Vec<(String, Value)> = got
            .iter()
            .map(|s| {
                (
                    s.address_type.clone(),
                    serde_json::to_value(&s.endpoints).unwrap(),
                )
            })
            .collect();
        got_types.sort_by(|a, b| a.0.cmp(&b.0));
        let want_types: Vec<(String, Value)> = want
            .iter()
            .map(|(t, a)| (t.to_string(), json!([pod1_endpoint(&c, a)])))
            .collect();
        if got_types != want_types {
            failures.push(format!(
                "{name}: endpoints\n  got  {got_types:?}\n  want {want_types:?}"
            ));
        }
        for s in &got {
            if !s.metadata.name.starts_with("foo") {
                failures.push(format!("{name}: slice name {}", s.metadata.name));
            }
            let l = serde_json::to_value(&s.metadata.labels).unwrap();
            if l != want_labels {
                failures.push(format!("{name}: labels {l} want {want_labels}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// utils_test.go TestPodToEndpoint (through the controller): readiness, publishNotReadyAddresses,
// terminating pods, zone from the node, the first IP of the slice's family, hostname only when
// the pod's subdomain names the Service.
#[test]
fn pod_to_endpoint_cases() {
    // (case, ready, terminating, publishNotReady, ips, hostname+subdomain, want conditions, want address)
    type Row<'a> = (
        &'a str,
        bool,
        bool,
        bool,
        &'a [&'a str],
        bool,
        [bool; 3],
        &'a str,
    );
    let rows: Vec<Row> = vec![
        (
            "Ready pod",
            true,
            false,
            false,
            &["1.2.3.5"],
            false,
            [true, true, false],
            "1.2.3.5",
        ),
        (
            "Ready pod + publishNotReadyAddresses",
            true,
            false,
            true,
            &["1.2.3.5"],
            false,
            [true, true, false],
            "1.2.3.5",
        ),
        (
            "Unready pod",
            false,
            false,
            false,
            &["1.2.3.5"],
            false,
            [false, false, false],
            "1.2.3.5",
        ),
        (
            "Unready pod + publishNotReadyAddresses",
            false,
            false,
            true,
            &["1.2.3.5"],
            false,
            [true, false, false],
            "1.2.3.5",
        ),
        (
            "Multi IP Ready pod + node labels",
            true,
            false,
            false,
            &["1.2.3.4", "1234::5678:0000:0000:9abc:def0"],
            false,
            [true, true, false],
            "1.2.3.4",
        ),
        (
            "Ready pod + hostname",
            true,
            false,
            false,
            &["1.2.3.5"],
            true,
            [true, true, false],
            "1.2.3.5",
        ),
        (
            "Ready terminating pod",
            true,
            true,
            false,
            &["1.2.3.5"],
            false,
            [false, true, true],
            "1.2.3.5",
        ),
        (
            "Not ready terminating pod",
            false,
            true,
            false,
            &["1.2.3.5"],
            false,
            [false, false, true],
            "1.2.3.5",
        ),
    ];
    let mut failures = Vec::new();
    for (name, ready, terminating, pnr, ips, hostname, [r, s, t], addr) in rows {
        let mut c = cluster();
        add_upstream_service(
            &mut c,
            "foo",
            json!({"publishNotReadyAddresses": pnr}),
            json!({}),
        );
        let mut extra = json!({});
        if hostname {
            extra["spec"] = json!({"hostname": "example-hostname", "subdomain": "foo"});
        }
        if terminating {
            extra["metadata"] = json!({"deletionTimestamp": "2024-01-01T00:00:00Z"});
        }
        add_upstream_pod(&mut c, 1, ready, ips, extra);
        // Only the EndpointSlice controller: the pod is taken as it is (no kubelet, no GC).
        controllers::sync_endpoint_slices(&mut c);
        let got = slices(&c, "foo");
        let ep = got.first().and_then(|s| s.endpoints.first()).cloned();
        let Some(ep) = ep else {
            failures.push(format!("{name}: no endpoint"));
            continue;
        };
        let cond = (
            ep.conditions.ready,
            ep.conditions.serving,
            ep.conditions.terminating,
        );
        if cond != (Some(r), Some(s), Some(t)) {
            failures.push(format!("{name}: conditions {cond:?}"));
        }
        if ep.addresses != vec![addr.to_string()] {
            failures.push(format!("{name}: addresses {:?}", ep.addresses));
        }
        if ep.zone.as_deref() != Some("us-central1-a") || ep.node_name.as_deref() != Some("node-1")
        {
            failures.push(format!(
                "{name}: zone/node {:?} {:?}",
                ep.zone, ep.node_name
            ));
        }
        let want_host = hostname.then(|| "example-hostname".to_string());
        if ep.hostname != want_host {
            failures.push(format!("{name}: hostname {:?}", ep.hostname));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// utils.go getEndpointAddresses: pod IPs are parsed sloppily and re-printed, so IPv4 octets with
// leading zeros and long-form IPv6 come out canonical.
#[test]
fn endpoint_addresses_are_canonical() {
    let mut c = cluster();
    add_upstream_service(
        &mut c,
        "foo",
        json!({"ipFamilies": ["IPv4", "IPv6"]}),
        json!({}),
    );
    add_upstream_pod(
        &mut c,
        1,
        true,
        &["010.001.002.003", "FD00:0:0::0A"],
        json!({}),
    );
    controllers::sync_endpoint_slices(&mut c);
    let mut got: Vec<(String, Vec<String>)> = slices(&c, "foo")
        .iter()
        .map(|s| (s.address_type.clone(), s.endpoints[0].addresses.clone()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("IPv4".to_string(), vec!["10.1.2.3".to_string()]),
            ("IPv6".to_string(), vec!["fd00::a".to_string()])
        ]
    );
}

// utils.go ownedBy: a slice counts as the Service's only if an ownerReference carries its UID
// *and* kind Service, apiVersion v1. A managed slice whose owner UID matches but whose kind does
// not is replaced.
#[test]
fn owned_by_checks_kind_and_api_version() {
    let mut c = cluster();
    add_upstream_service(&mut c, "foo", json!({"clusterIP": "10.0.0.10"}), json!({}));
    add_upstream_pod(&mut c, 1, true, &["1.2.3.4"], json!({}));
    let stray: EndpointSlice = serde_json::from_value(json!({
        "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {"name": "foo-stray", "namespace": NS,
            "labels": {"kubernetes.io/service-name": "foo",
                       "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "foo",
                                  "uid": "test-foo", "controller": true}]},
        "addressType": "IPv4",
        "endpoints": [{"addresses": ["1.2.3.4"], "conditions": {"ready": true}}],
        "ports": [{"name": "foo", "port": 80, "protocol": "TCP"}]
    }))
    .unwrap();
    c.store.endpoint_slices.insert(key(NS, "foo-stray"), stray);
    controllers::sync_endpoint_slices(&mut c);
    let got = slices(&c, "foo");
    assert_eq!(got.len(), 1);
    assert_ne!(got[0].metadata.name, "foo-stray", "not reused: not owned");
    let owner = &got[0].metadata.owner_references[0];
    assert_eq!(
        (owner.api_version.as_str(), owner.kind.as_str()),
        ("v1", "Service")
    );
}

// reconciler_test.go TestReconcilerFinalizeSvcDeletionTimestamp: a Service pending deletion gets
// no new slices, but existing ones are still updated (a planned create recycles a slice that
// would be deleted) and stale ones deleted.
#[test]
fn finalize_service_deletion_timestamp() {
    let mut c = cluster();
    add_upstream_service(&mut c, "foo", json!({"clusterIP": "10.0.0.10"}), json!({}));
    let svc = c.store.services.get_mut(&key(NS, "foo")).unwrap();
    svc.metadata.deletion_timestamp = Some("2024-01-01T00:00:00Z".to_string());
    svc.metadata.finalizers = vec!["service.kubernetes.io/load-balancer-cleanup".to_string()];
    add_upstream_pod(&mut c, 1, true, &["1.2.3.4"], json!({}));
    // No existing slices: nothing is created.
    controllers::sync_endpoint_slices(&mut c);
    assert!(
        slices(&c, "foo").is_empty(),
        "no create while pending deletion"
    );

    // An existing owned slice with a stale endpoint (other port mapping): the create it would
    // need becomes an update of that slice.
    let stale: EndpointSlice = serde_json::from_value(json!({
        "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {"name": "foo-abcde", "namespace": NS, "generateName": "foo-",
            "labels": {"kubernetes.io/service-name": "foo",
                       "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"},
            "ownerReferences": [{"apiVersion": "v1", "kind": "Service", "name": "foo",
                                  "uid": "test-foo", "controller": true, "blockOwnerDeletion": true}]},
        "addressType": "IPv4",
        "endpoints": [{"addresses": ["9.9.9.9"], "conditions": {"ready": true}}],
        "ports": [{"name": "foo", "port": 81, "protocol": "TCP"}]
    }))
    .unwrap();
    c.store.endpoint_slices.insert(key(NS, "foo-abcde"), stale);
    controllers::sync_endpoint_slices(&mut c);
    let got = slices(&c, "foo");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].metadata.name, "foo-abcde");
    assert_eq!(got[0].endpoints[0].addresses, vec!["1.2.3.4".to_string()]);
    assert_eq!(got[0].ports[0].port, Some(80));
}

// reconciler_test.go TestReconcile1Pod (`expectTriggerTime`-style check of every slice's
// annotations) with endpointslice_controller.go syncService: the first sync of a Service
// computes its creation time as the trigger time (TriggerTimeTracker), and every slice the
// reconciler writes carries it as `endpoints.kubernetes.io/last-change-trigger-time`.
#[test]
fn written_slices_carry_the_last_change_trigger_time() {
    let mut c = cluster();
    add_upstream_service(&mut c, "foo", json!({}), json!({}));
    c.store
        .services
        .get_mut(&key(NS, "foo"))
        .unwrap()
        .metadata
        .creation_timestamp = Some("2026-01-01T00:00:07Z".into());
    add_upstream_pod(&mut c, 1, true, &["1.2.3.4"], json!({}));
    // A Service without a creation time has no trigger time: its slices carry no annotation.
    add_upstream_service(&mut c, "bar", json!({}), json!({}));
    controllers::settle(&mut c);
    let foo = slices(&c, "foo");
    assert_eq!(foo.len(), 1);
    assert_eq!(
        foo[0].metadata.annotations,
        [(
            controllers::TRIGGER_TIME_ANNOTATION.to_string(),
            "2026-01-01T00:00:07Z".to_string()
        )]
        .into_iter()
        .collect()
    );
    let bar = slices(&c, "bar");
    assert_eq!(bar.len(), 1);
    assert!(bar[0].metadata.annotations.is_empty(), "{bar:?}");
}
