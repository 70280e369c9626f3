//! The create path (`registry::apply_documents`) against the upstream registry tests it
//! reproduces: `pkg/registry/core/service/storage/storage_test.go` (`TestCreateInitNodePorts`,
//! `TestCreateInitIPFields`, `TestCreateInvalidClusterIPInputs`,
//! `TestCreateSkipsAllocationsForHeadless`, `TestCreateDeleteReuse`) and the allocator tests.
//! Objects are built from JSON because the YAML decoder is another stage.

use std::net::IpAddr;

use serde_json::{Value, json};
use svcplay_model::source::{SourceMap, Span};
use svcplay_model::types::Object;
use svcplay_model::{Document, Service};
use svcplay_sim::registry::{apply_documents, delete};
use svcplay_sim::{Cluster, CreateResult, Options};

fn doc(v: Value) -> Document {
    let kind = v["kind"].as_str().unwrap_or_default().to_string();
    let object = match kind.as_str() {
        "Service" => Object::Service(serde_json::from_value(v.clone()).unwrap()),
        "Namespace" => Object::Namespace(serde_json::from_value(v.clone()).unwrap()),
        "Node" => Object::Node(serde_json::from_value(v.clone()).unwrap()),
        "Pod" => Object::Pod(serde_json::from_value(v.clone()).unwrap()),
        "Deployment" => Object::Deployment(serde_json::from_value(v.clone()).unwrap()),
        "ReplicaSet" => Object::ReplicaSet(serde_json::from_value(v.clone()).unwrap()),
        "EndpointSlice" => Object::EndpointSlice(serde_json::from_value(v.clone()).unwrap()),
        "ClusterConfiguration" => {
            Object::ClusterConfiguration(serde_json::from_value(v.clone()).unwrap())
        }
        "KubeProxyConfiguration" => {
            Object::KubeProxyConfiguration(serde_json::from_value(v.clone()).unwrap())
        }
        other => panic!("unknown kind {other}"),
    };
    let mut source = SourceMap::default();
    if let Some(map) = v.as_object() {
        for (i, k) in map.keys().enumerate() {
            source.insert(
                k.clone(),
                Span {
                    offset: i,
                    line: i as u32 + 1,
                    column: 1,
                },
            );
        }
    }
    Document {
        file: "test.yaml".to_string(),
        kind,
        name: v["metadata"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        namespace: v["metadata"]["namespace"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        object: Some(object),
        source,
        span: Span::default(),
        diagnostics: Vec::new(),
    }
}

/// A Service named `name` with `spec` merged over a one-port selector spec.
fn svc(name: &str, spec: Value) -> Value {
    let mut base = json!({
        "selector": {"app": name},
        "ports": [{"name": "http", "port": 80, "targetPort": 8080}],
    });
    for (k, v) in spec.as_object().unwrap() {
        base[k] = v.clone();
    }
    json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name}, "spec": base})
}

fn cluster(bare: bool) -> Cluster {
    Cluster::new(Options {
        seed: 7,
        bare,
        observed: false,
    })
}

fn apply(c: &mut Cluster, objs: Vec<Value>) -> Vec<CreateResult> {
    let docs: Vec<Document> = objs.into_iter().map(doc).collect();
    apply_documents(c, &docs)
}

fn one(c: &mut Cluster, obj: Value) -> CreateResult {
    apply(c, vec![obj]).remove(0)
}

fn stored<'a>(c: &'a Cluster, ns: &str, name: &str) -> &'a Service {
    c.store
        .services
        .get(&(ns.to_string(), name.to_string()))
        .unwrap_or_else(|| panic!("service {ns}/{name} not stored"))
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn messages(r: &CreateResult) -> Vec<String> {
    r.errors.iter().map(|e| e.message.clone()).collect()
}

fn node_ports(s: &Service) -> Vec<i32> {
    s.spec.ports.iter().map(|p| p.node_port).collect()
}

// KEP-3070 / ipallocator TestAllocateReserved, portallocator TestAllocateReserved: dynamic
// ClusterIPs come from above the static band (10.96.0.1-10.96.1.0 of 10.96.0.0/12), dynamic
// NodePorts from 30086-32767.
#[test]
fn dynamic_allocations_prefer_the_upper_band() {
    let mut c = cluster(true);
    let cidr = svcplay_model::net::Cidr::parse("10.96.0.0/12").unwrap();
    for i in 0..60 {
        let name = format!("s{i}");
        let r = one(&mut c, svc(&name, json!({"type": "NodePort"})));
        assert_eq!(r.code, 201, "{r:?}");
        let s = stored(&c, "default", &name);
        let a = ip(&s.spec.cluster_ip);
        assert!(cidr.contains(a));
        assert!(
            svcplay_model::net::to_u128(a) >= svcplay_model::net::to_u128(ip("10.96.1.1")),
            "{a} in the static band"
        );
        assert_eq!(s.spec.cluster_ips, vec![s.spec.cluster_ip.clone()]);
        assert!((30086..=32767).contains(&s.spec.ports[0].node_port));
    }
}

// storage_test.go TestCreateInitIPFields "singlestack:v4" cases: SingleStack / [IPv4] by default;
// headless + selectorless gets RequireDualStack and [IPv4, IPv6] even on a single-stack cluster.
#[test]
fn ip_family_defaults() {
    let mut c = cluster(true);
    let r = one(&mut c, svc("plain", json!({})));
    assert_eq!(r.code, 201);
    let s = stored(&c, "default", "plain");
    assert_eq!(s.spec.ip_family_policy.as_deref(), Some("SingleStack"));
    assert_eq!(s.spec.ip_families, vec!["IPv4"]);

    let r = one(&mut c, svc("hl", json!({"clusterIP": "None"})));
    assert_eq!(r.code, 201);
    let s = stored(&c, "default", "hl");
    assert_eq!(s.spec.cluster_ips, vec!["None"]);
    assert_eq!(s.spec.ip_family_policy.as_deref(), Some("SingleStack"));
    assert_eq!(s.spec.ip_families, vec!["IPv4"]);

    let mut headless_selectorless = svc("hls", json!({"clusterIP": "None"}));
    headless_selectorless["spec"]
        .as_object_mut()
        .unwrap()
        .remove("selector");
    let r = one(&mut c, headless_selectorless);
    assert_eq!(r.code, 201);
    let s = stored(&c, "default", "hls");
    assert_eq!(s.spec.ip_family_policy.as_deref(), Some("RequireDualStack"));
    assert_eq!(s.spec.ip_families, vec!["IPv4", "IPv6"]);
    assert_eq!(s.spec.cluster_ip, "None");
}

// storage_test.go TestCreateInvalidClusterIPInputs, single-stack IPv4 cluster: the
// cluster-dependent family errors of initIPFamilyFields.
#[test]
fn ip_family_errors_on_a_single_stack_cluster() {
    let cases = [
        (
            json!({"ipFamilyPolicy": "RequireDualStack"}),
            vec![
                "spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services",
            ],
        ),
        (
            json!({"ipFamilies": ["IPv6"]}),
            vec!["spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster"],
        ),
        (
            json!({"clusterIP": "fd00::1", "clusterIPs": ["fd00::1"]}),
            vec![
                "spec.clusterIPs[0]: Invalid value: []string{\"fd00::1\"}: IPv6 is not configured on this cluster",
            ],
        ),
        (
            json!({"ipFamilyPolicy": "SingleStack", "ipFamilies": ["IPv4", "IPv6"]}),
            vec![
                "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
            ],
        ),
    ];
    for (spec, want) in cases {
        let mut c = cluster(true);
        let r = one(&mut c, svc("web", spec.clone()));
        assert_eq!(r.code, 422, "{spec}");
        assert_eq!(r.reason, "Service \"web\" is invalid");
        assert_eq!(messages(&r), want, "{spec}");
        assert!(c.store.services.is_empty());
        assert_eq!(c.alloc.cluster_ips[0].used(), 0);
    }
}

// PreferDualStack on a single-stack cluster is fine and stays single-family.
#[test]
fn prefer_dual_stack_on_single_stack() {
    let mut c = cluster(true);
    let r = one(
        &mut c,
        svc("web", json!({"ipFamilyPolicy": "PreferDualStack"})),
    );
    assert_eq!(r.code, 201);
    assert_eq!(stored(&c, "default", "web").spec.ip_families, vec!["IPv4"]);
}

// Dual-stack cluster (serviceSubnet with two families): PreferDualStack gets both.
#[test]
fn dual_stack_cluster_allocates_both_families() {
    let mut c = cluster(true);
    let cfg = json!({
        "apiVersion": "kubeadm.k8s.io/v1beta4", "kind": "ClusterConfiguration",
        "networking": {"serviceSubnet": "10.96.0.0/16,fd00:10:96::/112"}
    });
    let rs = apply(
        &mut c,
        vec![
            svc("web", json!({"ipFamilyPolicy": "PreferDualStack"})),
            cfg,
        ],
    );
    assert_eq!(rs[1].code, 200, "{:?}", rs[1]);
    assert_eq!(rs[0].code, 201, "{:?}", rs[0]);
    let s = stored(&c, "default", "web");
    assert_eq!(s.spec.ip_families, vec!["IPv4", "IPv6"]);
    assert_eq!(s.spec.cluster_ips.len(), 2);
    assert!(ip(&s.spec.cluster_ips[1]).is_ipv6());
}

// Static requests may use the static band; a second request for the same value fails with the
// allocator's message (ipallocator ErrAllocated, portallocator ErrAllocated).
#[test]
fn static_requests_and_conflicts() {
    let mut c = cluster(true);
    let r = one(
        &mut c,
        svc(
            "a",
            json!({"type": "NodePort", "clusterIP": "10.96.0.50",
                   "ports": [{"port": 80, "nodePort": 30010}]}),
        ),
    );
    assert_eq!(r.code, 201, "{r:?}");
    let s = stored(&c, "default", "a");
    assert_eq!(s.spec.cluster_ips, vec!["10.96.0.50"]);
    assert_eq!(node_ports(s), vec![30010]);

    let r = one(&mut c, svc("b", json!({"clusterIP": "10.96.0.50"})));
    assert_eq!(r.code, 422);
    assert_eq!(
        messages(&r),
        vec![
            "spec.clusterIPs: Invalid value: []string{\"10.96.0.50\"}: failed to allocate IP 10.96.0.50: provided IP is already allocated"
        ]
    );
    let r = one(
        &mut c,
        svc(
            "c",
            json!({"type": "NodePort", "ports": [{"port": 80, "nodePort": 30010}]}),
        ),
    );
    assert_eq!(
        messages(&r),
        vec!["spec.ports[0].nodePort: Invalid value: 30010: provided port is already allocated"]
    );
    // The failed Service "c" took a ClusterIP before its NodePort failed: it was given back.
    assert_eq!(c.alloc.cluster_ips[0].used(), 1);
}

// Requests outside the ranges. NodePort: portallocator ErrNotInRange. ClusterIP: the
// MultiCIDRServiceAllocator (GA 1.33) answers ErrMismatchedNetwork for any address no range
// can hand out, including the network address.
#[test]
fn out_of_range_requests() {
    let mut c = cluster(true);
    let r = one(
        &mut c,
        svc(
            "np",
            json!({"type": "NodePort", "ports": [{"port": 80, "nodePort": 12345}]}),
        ),
    );
    assert_eq!(
        messages(&r),
        vec![
            "spec.ports[0].nodePort: Invalid value: 12345: provided port is not in the valid range. The range of valid ports is 30000-32767"
        ]
    );
    for bad in ["10.0.0.5", "10.96.0.0", "10.111.255.255"] {
        let r = one(&mut c, svc("ip", json!({"clusterIP": bad})));
        assert_eq!(
            messages(&r),
            vec![format!(
                "spec.clusterIPs: Invalid value: []string{{\"{bad}\"}}: failed to allocate IP {bad}: the provided network does not match the current range"
            )]
        );
    }
    assert!(c.store.services.is_empty());
}

// storage_test.go TestCreateInitNodePorts "type:NodePort_multiport_multiproto_same" (auto),
// "..._multiproto_same" (one given), "..._multiport_same" and "..._multiproto_conflict".
#[test]
fn node_ports_are_shared_per_port_number() {
    let mut c = cluster(true);
    let ports = json!([
        {"name": "dns", "port": 53, "protocol": "UDP"},
        {"name": "dns-tcp", "port": 53, "protocol": "TCP"},
    ]);
    let r = one(
        &mut c,
        svc("auto", json!({"type": "NodePort", "ports": ports})),
    );
    assert_eq!(r.code, 201);
    let np = node_ports(stored(&c, "default", "auto"));
    assert_eq!(np[0], np[1]);
    assert_eq!(c.alloc.node_ports.used(), 1);

    // Given on the second port only: the first port picks it up too.
    let r = one(
        &mut c,
        svc(
            "given",
            json!({"type": "NodePort", "ports": [
                {"name": "dns", "port": 53, "protocol": "UDP"},
                {"name": "dns-tcp", "port": 53, "protocol": "TCP", "nodePort": 30053},
            ]}),
        ),
    );
    assert_eq!(r.code, 201);
    assert_eq!(
        node_ports(stored(&c, "default", "given")),
        vec![30053, 30053]
    );

    // Different port numbers asking for one NodePort: already allocated, even across protocols.
    let r = one(
        &mut c,
        svc(
            "conflict",
            json!({"type": "NodePort", "ports": [
                {"name": "a", "port": 53, "protocol": "UDP", "nodePort": 30093},
                {"name": "b", "port": 54, "protocol": "TCP", "nodePort": 30093},
            ]}),
        ),
    );
    assert_eq!(r.code, 422);
    assert_eq!(
        messages(&r),
        vec!["spec.ports[1].nodePort: Invalid value: 30093: provided port is already allocated"]
    );
    // Rolled back: 30093 is free again.
    assert!(!c.alloc.node_ports.has(30093));
}

// TestCreateInitNodePorts "type:LoadBalancer_single_port_specified:on_alloc:false" and
// "..._unspecified:on_alloc:false": without allocateLoadBalancerNodePorts only given ports are kept.
#[test]
fn load_balancer_without_node_port_allocation() {
    let mut c = cluster(true);
    let r = one(
        &mut c,
        svc(
            "lb",
            json!({"type": "LoadBalancer", "allocateLoadBalancerNodePorts": false,
                   "ports": [{"name": "a", "port": 80}, {"name": "b", "port": 81, "nodePort": 30081}]}),
        ),
    );
    assert_eq!(r.code, 201, "{r:?}");
    assert_eq!(node_ports(stored(&c, "default", "lb")), vec![0, 30081]);
    assert_eq!(c.alloc.node_ports.used(), 1);
}

// alloc.go allocHealthCheckNodePort: LB + Local gets one from the NodePort pool; a requested one
// that fails is an HTTP 500, and everything taken before is given back.
#[test]
fn health_check_node_port() {
    let mut c = cluster(true);
    let r = one(
        &mut c,
        svc(
            "lb",
            json!({"type": "LoadBalancer", "externalTrafficPolicy": "Local"}),
        ),
    );
    assert_eq!(r.code, 201);
    let s = stored(&c, "default", "lb");
    let hc = s.spec.health_check_node_port;
    assert!((30086..=32767).contains(&hc));
    assert_ne!(hc, s.spec.ports[0].node_port);
    assert_eq!(c.alloc.node_ports.used(), 2);

    let r = one(
        &mut c,
        svc(
            "lb2",
            json!({"type": "LoadBalancer", "externalTrafficPolicy": "Local",
                   "healthCheckNodePort": 30040, "ports": [{"port": 80, "nodePort": 30040}]}),
        ),
    );
    assert_eq!(r.code, 500);
    assert_eq!(
        r.reason,
        "Internal error occurred: failed to allocate requested HealthCheck NodePort 30040: provided port is already allocated"
    );
    assert!(!c.alloc.node_ports.has(30040));
    assert_eq!(c.alloc.node_ports.used(), 2);
    assert_eq!(c.alloc.cluster_ips[0].used(), 1);
}

// Rollback (transaction.go Revert): a Service refused after allocating leaves its ClusterIP and
// NodePorts free for the next one. Refused here by the name rule (validation) and by AlreadyExists
// (storage), both of which come after allocation.
#[test]
fn rejected_services_release_their_allocations() {
    let mut c = cluster(true);
    let mut nameless = svc(
        "",
        json!({"type": "NodePort", "clusterIP": "10.96.0.60", "ports": [{"port": 80, "nodePort": 30020}]}),
    );
    nameless["metadata"] = json!({});
    let r = one(&mut c, nameless);
    assert_eq!(r.code, 422);
    assert_eq!(
        messages(&r),
        vec!["metadata.name: Required value: name or generateName is required"]
    );
    assert!(!c.alloc.has_cluster_ip(ip("10.96.0.60")));
    assert!(!c.alloc.node_ports.has(30020));

    let r = one(
        &mut c,
        svc(
            "web",
            json!({"type": "NodePort", "clusterIP": "10.96.0.60", "ports": [{"port": 80, "nodePort": 30020}]}),
        ),
    );
    assert_eq!(r.code, 201, "{r:?}");
    let r = one(&mut c, svc("web", json!({"type": "NodePort"})));
    assert_eq!(r.code, 409);
    assert_eq!(r.reason, "services \"web\" already exists");
    assert_eq!(c.alloc.cluster_ips[0].used(), 1);
    assert_eq!(c.alloc.node_ports.used(), 1);
}

// §1: allocation errors come before validation and replace its errors.
#[test]
fn allocation_errors_replace_validation_errors() {
    let mut c = cluster(true);
    let r = one(
        &mut c,
        svc(
            "web",
            json!({"type": "NodePort", "ports": [{"name": "Bad_Name", "port": 80, "nodePort": 80}]}),
        ),
    );
    assert_eq!(r.code, 422);
    assert_eq!(
        messages(&r),
        vec![
            "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"
        ]
    );
}

// storage_test.go TestCreateSkipsAllocationsForHeadless: headless NodePort/LoadBalancer
// Services get NodePorts allocated, then validation refuses them and everything is given back.
// Needs the validation stage (`may not be set to 'None' for NodePort services`).
#[test]
fn headless_node_port_is_refused_and_rolled_back() {
    let mut c = cluster(true);
    for ty in ["NodePort", "LoadBalancer"] {
        let r = one(
            &mut c,
            svc(
                "hl",
                json!({"type": ty, "clusterIP": "None", "ports": [{"port": 80, "nodePort": 30030}]}),
            ),
        );
        assert_eq!(r.code, 422, "{ty}");
        assert_eq!(
            messages(&r),
            vec![format!(
                "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for {ty} services"
            )]
        );
        assert_eq!(c.alloc.node_ports.used(), 0);
    }
}

// Range exhaustion on tiny ranges set by a ClusterConfiguration document (applied first, even
// when it comes last): `failed to allocate a serviceIP: range is full` / `... a nodePort: ...`.
#[test]
fn range_exhaustion() {
    let mut c = cluster(true);
    let cfg = json!({
        "apiVersion": "kubeadm.k8s.io/v1beta3", "kind": "ClusterConfiguration",
        "networking": {"serviceSubnet": "10.96.0.0/30"},
        "apiServer": {"extraArgs": {"service-node-port-range": "30000-30001"}}
    });
    let rs = apply(
        &mut c,
        vec![
            svc("a", json!({"type": "NodePort"})),
            svc("b", json!({"type": "NodePort"})),
            svc("c", json!({})),
            cfg,
        ],
    );
    assert_eq!(rs[0].code, 201);
    assert_eq!(rs[1].code, 201);
    assert_eq!(rs[2].code, 500);
    assert_eq!(
        rs[2].reason,
        "Internal error occurred: failed to allocate a serviceIP: range is full"
    );
    assert!(rs[3].created);
    assert_eq!(
        rs[3].reason,
        "clusterconfiguration.kubeadm.k8s.io configured"
    );

    let mut c = cluster(true);
    let cfg = json!({
        "kind": "ClusterConfiguration",
        "apiServer": {"extraArgs": [{"name": "service-node-port-range", "value": "30000-30001"}]}
    });
    let rs = apply(
        &mut c,
        vec![
            cfg,
            svc("a", json!({"type": "NodePort"})),
            svc("b", json!({"type": "NodePort"})),
            svc("c", json!({"type": "NodePort"})),
        ],
    );
    assert_eq!(rs[3].code, 500);
    assert_eq!(
        rs[3].reason,
        "Internal error occurred: failed to allocate a nodePort: range is full"
    );
    // Its ClusterIP went back.
    assert_eq!(c.alloc.cluster_ips[0].used(), 2);
}

#[test]
fn bad_settings_are_reported() {
    let mut c = cluster(true);
    let rs = apply(
        &mut c,
        vec![json!({
            "kind": "KubeProxyConfiguration",
            "clusterCIDR": "",
            "iptables": {"masqueradeBit": 99}
        })],
    );
    assert!(!rs[0].created);
    assert_eq!(rs[0].code, 400);
    assert_eq!(
        rs[0].reason,
        "KubeProxyConfiguration is invalid: iptables.masqueradeBit: Invalid value: 99: must be within the range [0, 31]"
    );
    // Nothing applied, not even the valid clusterCIDR change.
    assert!(c.settings.proxy.cluster_cidr.is_some());

    let rs = apply(
        &mut c,
        vec![json!({"kind": "KubeProxyConfiguration", "clusterCIDR": ""})],
    );
    assert_eq!(rs[0].code, 200);
    assert_eq!(c.settings.proxy.cluster_cidr, None);

    // kube-proxy's explicit clusterCIDR wins over the pod subnet kubeadm would pass, whatever
    // the order of the documents.
    let mut c = cluster(true);
    let rs = apply(
        &mut c,
        vec![
            json!({"kind": "KubeProxyConfiguration", "clusterCIDR": "10.0.0.0/16"}),
            json!({"kind": "ClusterConfiguration", "networking": {"podSubnet": "10.32.0.0/12"}}),
        ],
    );
    assert!(rs.iter().all(|r| r.created), "{rs:?}");
    assert_eq!(c.settings.pod_cidr.to_string(), "10.32.0.0/12");
    assert_eq!(
        c.settings.proxy.cluster_cidr.as_deref(),
        Some("10.0.0.0/16")
    );
}

// Decode warnings (unknown fields) come back with the result.
#[test]
fn decode_warnings_are_kept() {
    let mut c = cluster(true);
    let mut d = doc(svc("web", json!({})));
    d.diagnostics.push(svcplay_model::Diagnostic::warning(
        "test.yaml",
        None,
        "unknown field \"spec.prots\"",
    ));
    let r = apply_documents(&mut c, &[d]).remove(0);
    assert_eq!(r.code, 201);
    assert_eq!(r.warnings.len(), 1);
    assert!(r.warnings[0].message.contains("spec.prots"));
}

// kubeadm's cluster: namespaces, default/kubernetes at the first address, kube-dns at the tenth,
// the kubernetes EndpointSlice pointing at the control plane, default nodes.
#[test]
fn system_objects() {
    let mut c = cluster(false);
    let rs = apply(&mut c, vec![svc("web", json!({}))]);
    assert_eq!(rs.len(), 1);
    assert_eq!(rs[0].code, 201);
    for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
        assert!(c.store.namespaces.contains_key(ns), "{ns}");
    }
    let k = stored(&c, "default", "kubernetes");
    assert_eq!(k.spec.cluster_ip, "10.96.0.1");
    assert_eq!(k.spec.ports[0].port, 443);
    assert!(k.spec.selector.is_none());
    let dns = stored(&c, "kube-system", "kube-dns");
    assert_eq!(dns.spec.cluster_ip, "10.96.0.10");
    assert_eq!(dns.spec.ports.len(), 3);
    let slice = &c.store.endpoint_slices[&("default".to_string(), "kubernetes".to_string())];
    assert_eq!(slice.endpoints[0].addresses, vec!["192.168.1.10"]);
    assert_eq!(slice.ports[0].port, Some(6443));
    assert_eq!(
        slice.metadata.labels.get("kubernetes.io/service-name"),
        Some(&"kubernetes".to_string())
    );
    let names: Vec<&String> = c.store.nodes.keys().collect();
    assert_eq!(names, vec!["controlplane", "node01", "node02", "node03"]);
    let cp = &c.store.nodes["controlplane"];
    assert_eq!(cp.spec.taints[0].effect, "NoSchedule");
    let coredns = &c.store.deployments[&("kube-system".to_string(), "coredns".to_string())];
    assert_eq!(coredns.spec.replicas, Some(2));
    assert_eq!(coredns.metadata.generation, Some(1));
    assert!(
        coredns.spec.template.spec.other.contains_key("tolerations"),
        "tolerations kept"
    );
    // Idempotent.
    let before = c.store.items().len();
    apply(&mut c, vec![]);
    assert_eq!(c.store.items().len(), before);
}

#[test]
fn declared_nodes_replace_the_defaults() {
    let mut c = cluster(false);
    let node = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": "cp", "labels": {"node-role.kubernetes.io/control-plane": ""}},
        "status": {"addresses": [{"type": "InternalIP", "address": "172.18.0.2"}]}
    });
    let rs = apply(&mut c, vec![node]);
    assert_eq!(rs[0].code, 201);
    assert_eq!(c.store.nodes.len(), 1);
    let slice = &c.store.endpoint_slices[&("default".to_string(), "kubernetes".to_string())];
    assert_eq!(slice.endpoints[0].addresses, vec!["172.18.0.2"]);
}

#[test]
fn namespaces_names_and_decode_failures() {
    let mut c = cluster(false);
    let mut s = svc("web", json!({}));
    s["metadata"]["namespace"] = json!("shop");
    let r = one(&mut c, s.clone());
    assert_eq!(r.code, 404);
    assert_eq!(r.reason, "namespaces \"shop\" not found");
    let rs = apply(
        &mut c,
        vec![
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}),
            s,
        ],
    );
    assert_eq!(rs[0].reason, "namespace/shop created");
    assert_eq!(rs[1].reason, "service/web created");
    assert_eq!(rs[1].namespace, "shop");

    // generateName: prefix + 5 characters of the no-vowel alphabet.
    let mut g = svc("", json!({}));
    g["metadata"] = json!({"generateName": "web-"});
    let r = one(&mut c, g);
    assert_eq!(r.code, 201);
    assert!(
        r.name.starts_with("web-") && r.name.len() == 9,
        "{}",
        r.name
    );
    assert!(
        r.name[4..]
            .chars()
            .all(|ch| "bcdfghjklmnpqrstvwxz2456789".contains(ch))
    );

    // A document that did not decode.
    let mut bad = doc(svc("x", json!({})));
    bad.object = None;
    bad.diagnostics.push(svcplay_model::Diagnostic::error(
        "test.yaml",
        None,
        "json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32",
    ));
    let r = apply_documents(&mut c, &[bad]).remove(0);
    assert_eq!(r.code, 400);
    assert!(r.reason.contains("cannot unmarshal"));
}

#[test]
fn deployment_gets_generation_and_other_kinds_conflict() {
    let mut c = cluster(false);
    let d = json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web"},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}
    });
    let rs = apply(&mut c, vec![d.clone(), d]);
    assert_eq!(rs[0].reason, "deployment.apps/web created");
    assert_eq!(rs[1].code, 409);
    assert_eq!(rs[1].reason, "deployments.apps \"web\" already exists");
    let stored = &c.store.deployments[&("default".to_string(), "web".to_string())];
    assert_eq!(stored.metadata.generation, Some(1));
    assert!(!stored.metadata.uid.is_empty());
    assert_eq!(
        stored.metadata.creation_timestamp.as_deref(),
        Some("2026-01-01T00:00:00Z")
    );
}

// storage_test.go TestCreateDeleteReuse: a deleted Service's ClusterIP and NodePorts can be
// taken again; deletes cascade through ownerReferences.
#[test]
fn delete_releases_and_cascades() {
    let mut c = cluster(true);
    let spec = json!({"type": "LoadBalancer", "externalTrafficPolicy": "Local",
                      "clusterIP": "10.96.0.70", "ports": [{"port": 80, "nodePort": 30070}],
                      "healthCheckNodePort": 30071});
    assert_eq!(one(&mut c, svc("web", spec.clone())).code, 201);
    assert!(delete(&mut c, "Service", "default", "web"));
    assert!(!delete(&mut c, "Service", "default", "web"));
    assert_eq!(c.alloc.node_ports.used(), 0);
    assert_eq!(c.alloc.cluster_ips[0].used(), 0);
    assert_eq!(one(&mut c, svc("again", spec)).code, 201);

    let dep = json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "d", "uid": "ignored"},
        "spec": {"selector": {"matchLabels": {"a": "b"}},
                 "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}});
    assert_eq!(one(&mut c, dep).code, 201);
    let duid = c.store.deployments[&("default".to_string(), "d".to_string())]
        .metadata
        .uid
        .clone();
    let rs = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "d-1", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "d", "uid": duid}]},
        "spec": {"selector": {"matchLabels": {"a": "b"}},
                 "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}});
    assert_eq!(one(&mut c, rs).code, 201);
    let rsuid = c.store.replica_sets[&("default".to_string(), "d-1".to_string())]
        .metadata
        .uid
        .clone();
    let pod = json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "d-1-x", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "d-1", "uid": rsuid}]},
        "spec": {"containers": [{"name": "c", "image": "nginx"}]}});
    assert_eq!(one(&mut c, pod).code, 201);
    assert_eq!(
        c.store.pods[&("default".to_string(), "d-1-x".to_string())]
            .status
            .phase,
        "Pending"
    );
    assert!(delete(&mut c, "Deployment", "default", "d"));
    assert!(c.store.replica_sets.is_empty());
    assert!(c.store.pods.is_empty());
}

// Observed mode: values are taken as they are. Duplicate ClusterIPs/NodePorts never conflict,
// out-of-range values are kept, missing ones are allocated around the taken ones, and status
// is kept.
#[test]
fn observed_mode() {
    let mut c = Cluster::new(Options {
        seed: 1,
        bare: true,
        observed: true,
    });
    let mut a = svc(
        "a",
        json!({"type": "NodePort", "clusterIP": "10.96.0.80", "clusterIPs": ["10.96.0.80"],
               "ports": [{"port": 80, "nodePort": 30080}]}),
    );
    a["metadata"]["namespace"] = json!("prod");
    a["metadata"]["uid"] = json!("uid-from-cluster");
    a["status"] = json!({"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}});
    let b = svc(
        "b",
        json!({"type": "NodePort", "clusterIP": "10.96.0.80",
               "ports": [{"port": 80, "nodePort": 30080}]}),
    );
    let odd = svc(
        "odd",
        json!({"type": "NodePort", "clusterIP": "172.20.0.9",
               "ports": [{"port": 80, "nodePort": 8080}]}),
    );
    let fresh = svc("fresh", json!({"type": "NodePort"}));
    let rs = apply(&mut c, vec![a, b, odd, fresh]);
    for r in &rs {
        assert_eq!(r.code, 201, "{r:?}");
    }
    let a = stored(&c, "prod", "a");
    assert_eq!(a.metadata.uid, "uid-from-cluster");
    assert_eq!(a.status.load_balancer.ingress[0].ip, "1.2.3.4");
    assert_eq!(a.spec.ip_families, vec!["IPv4"]);
    assert_eq!(stored(&c, "default", "odd").spec.cluster_ip, "172.20.0.9");
    assert_eq!(node_ports(stored(&c, "default", "odd")), vec![8080]);
    let fresh = stored(&c, "default", "fresh");
    assert!(!fresh.spec.cluster_ip.is_empty());
    assert_ne!(fresh.spec.cluster_ip, "10.96.0.80");
    assert_ne!(fresh.spec.ports[0].node_port, 30080);
    assert!(c.alloc.has_cluster_ip(ip("10.96.0.80")));
    // Deleting one holder of a shared value keeps it reserved for the other.
    assert!(delete(&mut c, "Service", "prod", "a"));
    assert!(c.alloc.has_cluster_ip(ip("10.96.0.80")));
    assert!(c.alloc.node_ports.has(30080));
}

#[test]
fn same_seed_same_cluster() {
    let run = || {
        let mut c = cluster(false);
        apply(
            &mut c,
            vec![
                svc("a", json!({"type": "NodePort"})),
                svc("b", json!({"type": "LoadBalancer"})),
            ],
        );
        serde_json::to_string(&c.store.items()).unwrap()
    };
    assert_eq!(run(), run());
}
