//! The Endpoints controller (`pkg/controller/endpoint/endpoints_controller_test.go`) and the
//! EndpointSlice mirroring controller (`pkg/controller/endpointslicemirroring`
//! `endpointslicemirroring_controller_test.go`, `reconciler_test.go`) on the simulator: objects
//! put in the store as upstream's tests put them in the informers, then the controllers settle.

mod controllers_support;

use controllers_support::*;
use serde_json::{Value, json};
use svcplay_model::types::{EndpointSlice, Endpoints};
use svcplay_sim::{Cluster, Options, controllers, registry};

const NS: &str = "other";

fn cluster() -> Cluster {
    let mut c = Cluster::new(Options {
        seed: 3,
        bare: true,
        observed: false,
    });
    add_node(&mut c, "node-1", "192.168.1.11", json!({}));
    c.store
        .namespaces
        .insert(NS.to_string(), Default::default());
    c
}

/// A Service selecting `foo: bar`, port 80 → `targetPort` (merged with `spec`).
fn service(c: &mut Cluster, name: &str, spec: Value) {
    add_service(
        c,
        NS,
        name,
        "unused",
        json!({"spec": {"selector": {"foo": "bar"},
                        "ports": [{"name": "", "port": 80, "protocol": "TCP", "targetPort": 8080}]}}),
    );
    let s = c.store.services.get_mut(&key(NS, name)).unwrap();
    let mut v = serde_json::to_value(&*s).unwrap();
    // add_service merges maps: the selector is exactly `foo: bar`.
    v["spec"]["selector"] = json!({"foo": "bar"});
    if let Value::Object(extra) = spec {
        for (k, val) in extra {
            if val.is_null() {
                v["spec"].as_object_mut().unwrap().remove(&k);
            } else {
                v["spec"][k] = val;
            }
        }
    }
    *s = serde_json::from_value(v).unwrap();
}

/// `addPods`: `pod<i>` labelled `foo: bar` at `1.2.3.<4+i>`, ready unless `ready` is false.
fn pod(c: &mut Cluster, i: u32, ready: bool, extra: Value) {
    let ip = format!("1.2.3.{}", 4 + i);
    let mut e = json!({"metadata": {"labels": {"foo": "bar"}},
                       "status": {"conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" }}]}});
    if let (Some(base), Value::Object(x)) = (e.as_object_mut(), extra) {
        for (k, v) in x {
            match (base.get_mut(&k), v) {
                (Some(Value::Object(b)), Value::Object(v)) => b.extend(v),
                (_, v) => {
                    base.insert(k, v);
                }
            }
        }
    }
    add_running_pod(c, NS, &format!("pod{i}"), "node-1", &ip, e);
}

fn endpoints<'a>(c: &'a Cluster, name: &str) -> Option<&'a Endpoints> {
    c.store.endpoints.get(&key(NS, name))
}

/// `ip:port` per ready address, then `!ip:port` per not-ready one, subset by subset.
fn summary(ep: &Endpoints) -> Vec<String> {
    let mut out = Vec::new();
    for ss in &ep.subsets {
        let ports: Vec<String> = if ss.ports.is_empty() {
            vec!["-".into()]
        } else {
            ss.ports
                .iter()
                .map(|p| format!("{}{}", p.name, p.port))
                .collect()
        };
        for p in &ports {
            out.extend(ss.addresses.iter().map(|a| format!("{}:{p}", a.ip)));
            out.extend(
                ss.not_ready_addresses
                    .iter()
                    .map(|a| format!("!{}:{p}", a.ip)),
            );
        }
    }
    out
}

#[test]
fn sync_endpoints_items_preexisting_and_not_ready() {
    // TestSyncEndpointsItemsPreexisting, TestSyncEndpointsItemsWithLabels and
    // TestSyncEndpointsProtocolTCP: ready pods in `addresses`, nodeName and a Pod targetRef;
    // the Service's labels; an unready pod in `notReadyAddresses`
    // (TestSyncEndpointsItemsPreexistingIdentical / addEndpointSubset).
    let mut c = cluster();
    service(&mut c, "foo", json!({}));
    c.store
        .services
        .get_mut(&key(NS, "foo"))
        .unwrap()
        .metadata
        .labels = std::collections::BTreeMap::from([("foo".to_string(), "bar".to_string())])
        .into_iter()
        .collect::<svcplay_model::types::StringMap>()
        .into();
    c.store
        .services
        .get_mut(&key(NS, "foo"))
        .unwrap()
        .metadata
        .creation_timestamp = Some("2026-01-01T00:00:00Z".into());
    pod(&mut c, 0, true, json!({}));
    pod(&mut c, 1, true, json!({}));
    pod(&mut c, 2, false, json!({}));
    c.settle();
    let ep = endpoints(&c, "foo").expect("created");
    assert_eq!(
        summary(ep),
        vec!["1.2.3.4:8080", "1.2.3.5:8080", "!1.2.3.6:8080"]
    );
    let a = &ep.subsets[0].addresses[0];
    assert_eq!(a.node_name.as_deref(), Some("node-1"));
    let t = a.target_ref.as_ref().unwrap();
    assert_eq!(
        (t.kind.as_str(), t.namespace.as_str(), t.name.as_str()),
        ("Pod", NS, "pod0")
    );
    assert_eq!(ep.subsets[0].ports[0].protocol, "TCP");
    assert_eq!(
        ep.metadata.labels.get("foo").map(String::as_str),
        Some("bar")
    );
    assert!(
        !ep.metadata
            .labels
            .contains_key("service.kubernetes.io/headless")
    );
    // ComputeEndpointLastChangeTriggerTime: a Service seen for the first time gives its
    // creation time.
    assert_eq!(
        ep.metadata
            .annotations
            .get("endpoints.kubernetes.io/last-change-trigger-time")
            .map(String::as_str),
        Some("2026-01-01T00:00:00Z")
    );
    // A settled cluster stays put.
    let before: Vec<_> = c.store.endpoints.values().cloned().collect();
    c.settle();
    let after: Vec<_> = c.store.endpoints.values().cloned().collect();
    assert_eq!(after, before);
}

#[test]
fn sync_endpoints_items_preserve_no_selector() {
    // TestSyncEndpointsItemsPreserveNoSelector and TestCheckLeftoverEndpoints' counterpart:
    // a Service without a selector gets nothing; the user's Endpoints stays as written.
    let mut c = cluster();
    service(&mut c, "foo", json!({"selector": null}));
    pod(&mut c, 0, true, json!({}));
    c.settle();
    assert!(endpoints(&c, "foo").is_none());
    let user: Endpoints = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Endpoints",
        "metadata": {"name": "foo", "namespace": NS},
        "subsets": [{"addresses": [{"ip": "6.7.8.9"}], "ports": [{"port": 1000, "protocol": "TCP"}]}]}))
    .unwrap();
    let r = registry::create_object(&mut c, svcplay_model::Object::Endpoints(user));
    assert_eq!(r.reason, "endpoints/foo created");
    c.settle();
    assert_eq!(summary(endpoints(&c, "foo").unwrap()), vec!["6.7.8.9:1000"]);
}

#[test]
fn sync_endpoints_overwrites_a_users_endpoints_for_a_selector() {
    // TestSyncEndpointsItemsPreexisting: an existing Endpoints of a Service with a selector is
    // the controller's: its subsets are replaced.
    let mut c = cluster();
    let user: Endpoints = serde_json::from_value(json!({
        "metadata": {"name": "foo", "namespace": NS},
        "subsets": [{"addresses": [{"ip": "6.7.8.9"}], "ports": [{"port": 1000, "protocol": "TCP"}]}]}))
    .unwrap();
    registry::create_object(&mut c, svcplay_model::Object::Endpoints(user));
    service(&mut c, "foo", json!({}));
    pod(&mut c, 0, true, json!({}));
    c.settle();
    assert_eq!(summary(endpoints(&c, "foo").unwrap()), vec!["1.2.3.4:8080"]);
}

#[test]
fn publish_not_ready_and_terminating() {
    // ShouldPodBeInEndpoints(pod, service.Spec.PublishNotReadyAddresses) and addEndpointSubset:
    // a terminating pod is left out unless unready addresses are published, in which case every
    // pod (terminating or not ready) is in `addresses` (TestSyncEndpointsItemsPreexisting with
    // PublishNotReadyAddresses, TestPodToEndpointAddressForService).
    let terminating = json!({"metadata": {"deletionTimestamp": "2026-01-01T00:00:30Z"}});
    let mut c = cluster();
    service(&mut c, "foo", json!({}));
    pod(&mut c, 0, true, json!({}));
    pod(&mut c, 1, true, terminating.clone());
    pod(&mut c, 2, false, json!({}));
    c.settle();
    assert_eq!(
        summary(endpoints(&c, "foo").unwrap()),
        vec!["1.2.3.4:8080", "!1.2.3.6:8080"]
    );
    let mut c = cluster();
    service(&mut c, "foo", json!({"publishNotReadyAddresses": true}));
    pod(&mut c, 0, true, json!({}));
    pod(&mut c, 1, true, terminating);
    pod(&mut c, 2, false, json!({}));
    c.settle();
    assert_eq!(
        summary(endpoints(&c, "foo").unwrap()),
        vec!["1.2.3.4:8080", "1.2.3.5:8080", "1.2.3.6:8080"]
    );
}

#[test]
fn named_target_port_resolved_per_pod() {
    // TestSyncEndpointsItemsPreexisting with a named port and FindPort: pods resolving `http`
    // to different numbers land in different subsets (RepackSubsets); a pod without the name
    // gets no address for that port.
    let mut c = cluster();
    service(
        &mut c,
        "foo",
        json!({"ports": [{"name": "web", "port": 80, "protocol": "TCP", "targetPort": "http"},
                         {"name": "raw", "port": 81, "protocol": "TCP", "targetPort": 9000}]}),
    );
    let ports = |n: i32| json!({"spec": {"containers": [{"name": "c", "ports": [{"name": "http", "containerPort": n, "protocol": "TCP"}]}]}});
    pod(&mut c, 0, true, ports(8080));
    pod(&mut c, 1, true, ports(8080));
    pod(&mut c, 2, true, ports(9090));
    pod(
        &mut c,
        3,
        true,
        json!({"spec": {"containers": [{"name": "c", "ports": []}]}}),
    );
    c.settle();
    let ep = endpoints(&c, "foo").unwrap();
    assert_eq!(
        summary(ep),
        vec![
            // One subset per distinct address set: `raw` is offered by every pod, `web` as
            // 8080 by pods 0 and 1, as 9090 by pod 2; pod 3 has no `http` port.
            "1.2.3.4:raw9000",
            "1.2.3.5:raw9000",
            "1.2.3.6:raw9000",
            "1.2.3.7:raw9000",
            "1.2.3.4:web8080",
            "1.2.3.5:web8080",
            "1.2.3.6:web9090",
        ]
    );
    assert_eq!(ep.subsets.len(), 3);
}

#[test]
fn headless_service_label_and_no_ports() {
    // TestSyncEndpointsHeadlessService and TestSyncEndpointsHeadlessWithoutPort: the headless
    // label, and a headless Service without ports still gets its addresses.
    let mut c = cluster();
    service(
        &mut c,
        "foo",
        json!({"clusterIP": "None", "clusterIPs": ["None"], "ports": null}),
    );
    pod(&mut c, 0, true, json!({}));
    c.settle();
    let ep = endpoints(&c, "foo").unwrap();
    assert_eq!(summary(ep), vec!["1.2.3.4:-"]);
    assert_eq!(
        ep.metadata
            .labels
            .get("service.kubernetes.io/headless")
            .map(String::as_str),
        Some("")
    );
    // A ClusterIP Service without ports gets an Endpoints without subsets.
    let mut c = cluster();
    service(&mut c, "bar", json!({"ports": null}));
    pod(&mut c, 0, true, json!({}));
    c.settle();
    assert!(endpoints(&c, "bar").unwrap().subsets.is_empty());
}

#[test]
fn address_family_follows_the_service() {
    // TestPodToEndpointAddressForService: the first podIP of ipFamilies[0]; a pod without one
    // is left out.
    let dual = json!({"status": {"podIPs": [{"ip": "1.2.3.4"}, {"ip": "2000::4"}]}});
    let mut c = cluster();
    service(
        &mut c,
        "v6",
        json!({"ipFamilies": ["IPv6"], "clusterIP": "None", "clusterIPs": ["None"]}),
    );
    pod(&mut c, 0, true, dual);
    pod(&mut c, 1, true, json!({}));
    c.settle();
    assert_eq!(summary(endpoints(&c, "v6").unwrap()), vec!["2000::4:8080"]);
}

#[test]
fn live_changes_update_endpoints() {
    // Pod updates enqueue the Service (updatePod): readiness and deletion move addresses.
    let mut c = cluster();
    service(&mut c, "foo", json!({}));
    pod(&mut c, 0, true, json!({}));
    pod(&mut c, 1, true, json!({}));
    c.settle();
    controllers::set_pod_ready(&mut c, NS, "pod1", false).unwrap();
    assert_eq!(
        summary(endpoints(&c, "foo").unwrap()),
        vec!["1.2.3.4:8080", "!1.2.3.5:8080"]
    );
    controllers::delete_pod(&mut c, NS, "pod0").unwrap();
    assert_eq!(
        summary(endpoints(&c, "foo").unwrap()),
        vec!["!1.2.3.5:8080"]
    );
    // Deleting the Service deletes its Endpoints (syncService of a missing Service).
    assert!(registry::delete(&mut c, "Service", NS, "foo"));
    c.settle();
    assert!(endpoints(&c, "foo").is_none());
}

#[test]
fn over_capacity_is_truncated_and_annotated() {
    // TestSyncEndpointsItemsPreexisting over maxCapacity (endpoints_controller_test.go
    // "TestSyncServiceOverCapacity"): 1000 addresses kept and the over-capacity annotation.
    let mut c = cluster();
    service(&mut c, "foo", json!({}));
    for i in 0..1001u32 {
        let ip = format!("10.0.{}.{}", i / 200, i % 200 + 1);
        add_running_pod(
            &mut c,
            NS,
            &format!("pod{i:04}"),
            "node-1",
            &ip,
            json!({"metadata": {"labels": {"foo": "bar"}}}),
        );
    }
    c.settle();
    let ep = endpoints(&c, "foo").unwrap();
    assert_eq!(ep.subsets[0].addresses.len(), controllers::MAX_CAPACITY);
    assert_eq!(
        ep.metadata
            .annotations
            .get(controllers::OVER_CAPACITY_ANNOTATION)
            .map(String::as_str),
        Some("truncated")
    );
    // Back under the cap, the annotation goes.
    controllers::delete_pod(&mut c, NS, "pod0000").unwrap();
    let ep = endpoints(&c, "foo").unwrap();
    assert_eq!(ep.subsets[0].addresses.len(), 1000);
    assert!(
        !ep.metadata
            .annotations
            .contains_key(controllers::OVER_CAPACITY_ANNOTATION)
    );
}

// ---------------------------------------------------------------------------------------------
// EndpointSlice mirroring

fn user_endpoints(c: &mut Cluster, name: &str, v: Value) {
    let mut e: Endpoints = serde_json::from_value(v).unwrap();
    e.metadata.name = name.to_string();
    e.metadata.namespace = NS.to_string();
    let r = registry::create_object(c, svcplay_model::Object::Endpoints(e));
    assert!(r.created, "{r:?}");
}

fn mirrored<'a>(c: &'a Cluster, svc: &str) -> Vec<&'a EndpointSlice> {
    slices_of(c, NS, svc)
        .into_iter()
        .filter(|s| {
            s.metadata
                .labels
                .get("endpointslice.kubernetes.io/managed-by")
                .map(String::as_str)
                == Some(controllers::MIRRORING_MANAGED_BY_VALUE)
        })
        .collect()
}

fn addresses(s: &EndpointSlice) -> Vec<String> {
    s.endpoints.iter().map(|e| e.addresses.join(",")).collect()
}

#[test]
fn mirroring_skips_selectors_skip_mirror_and_missing_services() {
    // endpointslicemirroring_controller_test.go TestSyncEndpoints: "Endpoints with no
    // addresses", "Endpoints with skip label true", "Endpoints with skip label false",
    // "Endpoints with leader election annotation", service with a selector, no Service.
    let subsets = json!([{"addresses": [{"ip": "10.0.0.1"}], "ports": [{"port": 80}]}]);
    type Case = (&'static str, Value, Value, usize);
    let cases: [Case; 6] = [
        ("mirrored", json!({"selector": null}), json!({}), 1),
        (
            "skip label true",
            json!({"selector": null}),
            json!({"labels": {"endpointslice.kubernetes.io/skip-mirror": "true"}}),
            0,
        ),
        (
            "skip label false",
            json!({"selector": null}),
            json!({"labels": {"endpointslice.kubernetes.io/skip-mirror": "false"}}),
            1,
        ),
        (
            "leader election annotation",
            json!({"selector": null}),
            json!({"annotations": {"control-plane.alpha.kubernetes.io/leader": "x"}}),
            0,
        ),
        ("service with a selector", json!({}), json!({}), 0),
        (
            "ExternalName service",
            json!({"selector": null, "type": "ExternalName", "externalName": "a.example", "clusterIP": "", "clusterIPs": null}),
            json!({}),
            0,
        ),
    ];
    for (name, spec, meta, want) in cases {
        let mut c = cluster();
        service(&mut c, "svc", spec);
        user_endpoints(&mut c, "svc", json!({"metadata": meta, "subsets": subsets}));
        c.settle();
        assert_eq!(mirrored(&c, "svc").len(), want, "{name}");
    }
    // No Service at all: nothing is mirrored.
    let mut c = cluster();
    user_endpoints(&mut c, "lonely", json!({"subsets": subsets}));
    c.settle();
    assert!(mirrored(&c, "lonely").is_empty());
}

#[test]
fn mirroring_reconciles_in_place() {
    // reconciler_test.go TestReconcile: one slice per address type and port set; an update
    // keeps the slice's name; a port change recycles it; gaining a selector removes it.
    let mut c = cluster();
    service(&mut c, "svc", json!({"selector": null}));
    user_endpoints(
        &mut c,
        "svc",
        json!({"subsets": [
            {"addresses": [{"ip": "10.0.0.1"}, {"ip": "2001:db8::1"}], "ports": [{"name": "a", "port": 80}]},
            {"addresses": [{"ip": "10.0.0.2"}], "ports": [{"name": "b", "port": 81}]}]}),
    );
    c.settle();
    let s = mirrored(&c, "svc");
    let kinds: Vec<(String, Vec<String>)> = s
        .iter()
        .map(|s| (s.address_type.clone(), addresses(s)))
        .collect();
    assert_eq!(s.len(), 3, "{kinds:?}");
    assert!(kinds.contains(&("IPv6".into(), vec!["2001:db8::1".into()])));
    assert!(kinds.contains(&("IPv4".into(), vec!["10.0.0.2".into()])));
    let names: Vec<String> = s.iter().map(|s| s.metadata.name.clone()).collect();
    assert!(names.iter().all(|n| n.starts_with("svc-") && n.len() == 9));

    // The user rewrites the Endpoints: a new address for port a, port b's subset goes.
    let k = key(NS, "svc");
    let mut ep = c.store.endpoints.get(&k).unwrap().clone();
    ep.subsets.truncate(1);
    ep.subsets[0]
        .addresses
        .push(svcplay_model::types::EndpointAddress {
            ip: "10.0.0.3".into(),
            ..Default::default()
        });
    c.store.endpoints.insert(k.clone(), ep);
    c.settle();
    let s = mirrored(&c, "svc");
    assert_eq!(s.len(), 2);
    let v4 = s.iter().find(|s| s.address_type == "IPv4").unwrap();
    assert_eq!(addresses(v4), vec!["10.0.0.1", "10.0.0.3"]);
    assert!(names.contains(&v4.metadata.name), "updated in place");

    // The Service gains a selector: mirrored slices are deleted.
    c.store.services.get_mut(&k).unwrap().spec.selector =
        Some([("app".to_string(), "x".to_string())].into_iter().collect());
    c.settle();
    assert!(mirrored(&c, "svc").is_empty());
}

#[test]
fn deleting_the_service_takes_endpoints_and_mirrored_slices() {
    // syncService of a deleted Service deletes its Endpoints; the mirrored slices are owned by
    // the Endpoints (garbage collector).
    let mut c = cluster();
    service(&mut c, "svc", json!({"selector": null}));
    user_endpoints(
        &mut c,
        "svc",
        json!({"subsets": [{"addresses": [{"ip": "10.0.0.1"}], "ports": [{"port": 80}]}]}),
    );
    c.settle();
    assert_eq!(mirrored(&c, "svc").len(), 1);
    assert!(registry::delete(&mut c, "Service", NS, "svc"));
    c.settle();
    assert!(endpoints(&c, "svc").is_none());
    assert!(mirrored(&c, "svc").is_empty());
}

#[test]
fn default_kubernetes_endpoints_match_the_slice() {
    // The API server's endpoint reconciler writes both `default/kubernetes` objects; the
    // Endpoints is labelled skip-mirror, so nothing mirrors it.
    let mut c = Cluster::new(Options::default());
    c.apply_texts(&[]);
    let ep = c
        .store
        .endpoints
        .get(&key("default", "kubernetes"))
        .unwrap();
    let slice = c
        .store
        .endpoint_slices
        .get(&key("default", "kubernetes"))
        .unwrap();
    assert_eq!(
        ep.metadata
            .labels
            .get(controllers::LABEL_SKIP_MIRROR)
            .map(String::as_str),
        Some("true")
    );
    assert_eq!(
        ep.subsets[0].addresses[0].ip,
        slice.endpoints[0].addresses[0]
    );
    assert_eq!(ep.subsets[0].ports[0].port, 6443);
    assert_eq!(
        slices_of(&c, "default", "kubernetes").len(),
        1,
        "no mirrored copy"
    );
    // kube-dns has a selector: the Endpoints controller made its Endpoints.
    let dns = c
        .store
        .endpoints
        .get(&key("kube-system", "kube-dns"))
        .unwrap();
    assert_eq!(dns.subsets[0].ports.len(), 3);
}

#[test]
fn observed_dump_endpoints_are_taken_as_stored() {
    // --observed: a dump's Endpoints (the controller's, subsets in the cluster's own order, and
    // a user's) and its mirrored EndpointSlice are stored as given; the controllers find them
    // in sync and rewrite nothing.
    let dump = r#"
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: worker-a}
  spec: {podCIDR: 10.1.0.0/24}
  status:
    addresses: [{type: InternalIP, address: 10.0.0.2}]
    conditions: [{type: Ready, status: "True"}]
- apiVersion: v1
  kind: Pod
  metadata: {name: web-1, namespace: default, labels: {app: web}, uid: u1}
  spec: {nodeName: worker-a, containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
  status:
    phase: Running
    podIP: 10.1.0.8
    podIPs: [{ip: 10.1.0.8}]
    conditions: [{type: Ready, status: "True"}]
- apiVersion: v1
  kind: Pod
  metadata: {name: web-0, namespace: default, labels: {app: web}, uid: u0}
  spec: {nodeName: worker-a, containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
  status:
    phase: Running
    podIP: 10.1.0.7
    podIPs: [{ip: 10.1.0.7}]
    conditions: [{type: Ready, status: "True"}]
- apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: default, uid: s1}
  spec:
    clusterIP: 10.96.0.20
    clusterIPs: [10.96.0.20]
    ipFamilies: [IPv4]
    selector: {app: web}
    ports: [{port: 80, targetPort: http, protocol: TCP}]
- apiVersion: v1
  kind: Endpoints
  metadata:
    name: web
    namespace: default
    resourceVersion: "4242"
    annotations: {endpoints.kubernetes.io/last-change-trigger-time: "2025-06-01T10:00:00Z"}
  subsets:
  - addresses:
    - {ip: 10.1.0.8, nodeName: worker-a, targetRef: {kind: Pod, namespace: default, name: web-1, uid: u1}}
    - {ip: 10.1.0.7, nodeName: worker-a, targetRef: {kind: Pod, namespace: default, name: web-0, uid: u0}}
    ports: [{port: 8080, protocol: TCP}]
- apiVersion: v1
  kind: Service
  metadata: {name: db, namespace: default, uid: s2}
  spec:
    clusterIP: 10.96.0.30
    clusterIPs: [10.96.0.30]
    ipFamilies: [IPv4]
    ports: [{port: 5432, protocol: TCP}]
- apiVersion: v1
  kind: Endpoints
  metadata: {name: db, namespace: default, uid: e2, resourceVersion: "77"}
  subsets:
  - addresses: [{ip: 192.168.9.9}]
    ports: [{port: 5432, protocol: TCP}]
- apiVersion: discovery.k8s.io/v1
  kind: EndpointSlice
  metadata:
    name: db-abcde
    namespace: default
    resourceVersion: "78"
    labels:
      endpointslice.kubernetes.io/managed-by: endpointslicemirroring-controller.k8s.io
      kubernetes.io/service-name: db
    ownerReferences:
    - {apiVersion: v1, kind: Endpoints, name: db, uid: e2, controller: true, blockOwnerDeletion: true}
  addressType: IPv4
  endpoints:
  - addresses: [192.168.9.9]
    conditions: {ready: true}
  ports: [{name: "", port: 5432, protocol: TCP}]
"#;
    let mut c = Cluster::new(Options {
        seed: 1,
        bare: true,
        observed: true,
    });
    let report = c.apply_texts(&[("dump.yaml", dump)]);
    assert!(report.all_created(), "{report:?}");
    let web = c.store.endpoints.get(&key("default", "web")).unwrap();
    assert_eq!(web.metadata.resource_version, "4242", "not rewritten");
    assert_eq!(
        web.subsets[0].addresses[0].ip, "10.1.0.8",
        "order as stored"
    );
    let db = c.store.endpoints.get(&key("default", "db")).unwrap();
    assert_eq!(db.metadata.resource_version, "77");
    let mirrored: Vec<&EndpointSlice> = slices_of(&c, "default", "db");
    assert_eq!(mirrored.len(), 1);
    assert_eq!(mirrored[0].metadata.name, "db-abcde");
    assert_eq!(mirrored[0].metadata.resource_version, "78");
}
