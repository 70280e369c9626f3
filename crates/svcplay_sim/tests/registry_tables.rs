//! `pkg/registry/core/service/storage/storage_test.go` `TestCreateInitIPFields`, walked cell by
//! cell: for each cluster (single-stack IPv4, single-stack IPv6, dual-stack IPv4/IPv6 and
//! IPv6/IPv4, service ranges `10.0.0.0/16` and `2000::/108` as upstream's `newStorage`), each
//! kind of `clusterIPs` input (unset, v4, v6, v4v6, v6v4, headless, headless + selectorless),
//! each `ipFamilyPolicy` (unset, SingleStack, PreferDualStack, RequireDualStack) and each
//! `ipFamilies` (unset, v4, v6, v4v6, v6v4), the create either fails or stores the expected
//! policy and families; stored ClusterIPs match the families and are allocated.
//!
//! The Service is `svctest.MakeService("foo")`: selector `k: v`, one TCP port 93 → 76.

use serde_json::{Value, json};
use svcplay_model::types::Object;
use svcplay_sim::registry::create_object;
use svcplay_sim::{Cluster, Options};

/// The `ipFamilyPolicy` columns, in upstream's order.
const POLICIES: [Option<&str>; 4] = [
    None,
    Some("SingleStack"),
    Some("PreferDualStack"),
    Some("RequireDualStack"),
];
/// The `ipFamilies` columns, in upstream's order.
const FAMILIES: [&[&str]; 5] = [
    &[],
    &["IPv4"],
    &["IPv6"],
    &["IPv4", "IPv6"],
    &["IPv6", "IPv4"],
];
/// The `clusterIPs` rows, in upstream's order.
const KINDS: [&str; 7] = [
    "unset",
    "v4",
    "v6",
    "v4v6",
    "v6v4",
    "Headless",
    "HeadlessSelectorless",
];

/// Expected outcome of one row: 20 cells, 5 families per policy, policies in [`POLICIES`]
/// order. `E` is an error; otherwise the policy's initial (S, P, R) and the families (`4`, `6`,
/// `46`, `64`).
///
/// Upstream's "singlestack:v4" and "dualstack:v4v6" tables. The other two clusters are their
/// mirror images (upstream's "singlestack:v6" and "dualstack:v6v4" tables swap the families
/// throughout), derived by [`mirror`].
///
/// Cells marked `E*` in the comments: the stored copy of storage_test.go (an older revision,
/// with the IPv6DualStack gate) expects `RequireDualStack` there, i.e. an unset policy inferred
/// from two clusterIPs or two families. Current `alloc.go` `initIPFamilyFields` defaults an unset
/// policy to SingleStack (RequireDualStack only for headless + selectorless) and then refuses
/// two IPs or two families with `must be 'RequireDualStack' or 'PreferDualStack' when multiple
/// ...`; current `SetDefaults_Service` does no IP-family defaulting. svcplay follows the
/// current code.
fn table(cluster: &str, kind: &str) -> &'static str {
    match (cluster, kind) {
        ("v4", "unset") => "S4 S4 E E E  S4 S4 E E E  P4 P4 E E E  E E E E E",
        ("v4", "v4") => "S4 S4 E E E  S4 S4 E E E  P4 P4 E E E  E E E E E",
        ("v4", "v6") => "E E E E E  E E E E E  E E E E E  E E E E E",
        ("v4", "v4v6") => "E E E E E  E E E E E  E E E E E  E E E E E",
        ("v4", "v6v4") => "E E E E E  E E E E E  E E E E E  E E E E E",
        ("v4", "Headless") => "S4 S4 E E E  S4 S4 E E E  P4 P4 E E E  E E E E E",
        ("v4", "HeadlessSelectorless") => {
            "R46 R46 R64 R46 R64  S4 S4 S6 E E  P46 P46 P64 P46 P64  R46 R46 R64 R46 R64"
        }
        // Unset policy with two families: E* (see above).
        ("v4v6", "unset") => "S4 S4 S6 E E  S4 S4 S6 E E  P46 P46 P64 P46 P64  R46 R46 R64 R46 R64",
        // Unset policy, families v4v6: E*.
        ("v4v6", "v4") => "S4 S4 E E E  S4 S4 E E E  P46 P46 E P46 E  R46 R46 E R46 E",
        // Unset policy, families v6v4: E*.
        ("v4v6", "v6") => "S6 E S6 E E  S6 E S6 E E  P64 E P64 E P64  R64 E R64 E R64",
        // Unset policy, families unset/v4/v4v6: E*.
        ("v4v6", "v4v6") => "E E E E E  E E E E E  P46 P46 E P46 E  R46 R46 E R46 E",
        // Unset policy, families unset/v6/v6v4: E*.
        ("v4v6", "v6v4") => "E E E E E  E E E E E  P64 E P64 E P64  R64 E R64 E R64",
        // Unset policy, families v4v6/v6v4: E*.
        ("v4v6", "Headless") => {
            "S4 S4 S6 E E  S4 S4 S6 E E  P46 P46 P64 P46 P64  R46 R46 R64 R46 R64"
        }
        ("v4v6", "HeadlessSelectorless") => {
            "R46 R46 R64 R46 R64  S4 S4 S6 E E  P46 P46 P64 P46 P64  R46 R46 R64 R46 R64"
        }
        _ => unreachable!("{cluster} {kind}"),
    }
}

/// Swaps IPv4 and IPv6 in a cell code.
fn swap_code(cell: &str) -> String {
    cell.chars()
        .map(|c| match c {
            '4' => '6',
            '6' => '4',
            c => c,
        })
        .collect()
}

/// The mirror image of a row: kinds, family columns and codes with IPv4 and IPv6 swapped.
fn mirror(cluster: &str, kind: &str) -> Vec<String> {
    let kind = match kind {
        "v4" => "v6",
        "v6" => "v4",
        "v4v6" => "v6v4",
        "v6v4" => "v4v6",
        k => k,
    };
    let row: Vec<&str> = table(cluster, kind).split_whitespace().collect();
    // Family columns: unset, v4, v6, v4v6, v6v4 → unset, v6, v4, v6v4, v4v6.
    const COLUMN: [usize; 5] = [0, 2, 1, 4, 3];
    let mut out = Vec::new();
    for p in 0..4 {
        for f in COLUMN {
            out.push(swap_code(row[p * 5 + f]));
        }
    }
    out
}

fn expected(cluster: &str, kind: &str) -> Vec<String> {
    match cluster {
        "v4" | "v4v6" => table(cluster, kind)
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        "v6" => mirror("v4", kind),
        "v6v4" => mirror("v4v6", kind),
        _ => unreachable!(),
    }
}

fn cluster_with(service_subnet: &str) -> Cluster {
    let mut c = Cluster::new(Options {
        seed: 3,
        bare: true,
        observed: false,
    });
    let cfg: Value = json!({
        "apiVersion": "kubeadm.k8s.io/v1beta4", "kind": "ClusterConfiguration",
        "networking": {"serviceSubnet": service_subnet}
    });
    let r = create_object(
        &mut c,
        Object::ClusterConfiguration(serde_json::from_value(cfg).unwrap()),
    );
    assert_eq!(r.code, 200, "{r:?}");
    c
}

/// `svctest.MakeService("foo", tweaks...)` with this row's and cell's tweaks.
fn service(name: &str, kind: &str, policy: Option<&str>, families: &[&str]) -> Object {
    let mut spec = json!({
        "selector": {"k": "v"},
        "sessionAffinity": "None",
        "type": "ClusterIP",
        "internalTrafficPolicy": "Cluster",
        "ports": [{"port": 93, "targetPort": 76, "protocol": "TCP"}],
    });
    let ips: &[&str] = match kind {
        "v4" => &["10.0.0.1"],
        "v6" => &["2000::1"],
        "v4v6" => &["10.0.0.1", "2000::1"],
        "v6v4" => &["2000::1", "10.0.0.1"],
        "Headless" | "HeadlessSelectorless" => &["None"],
        _ => &[],
    };
    if !ips.is_empty() {
        spec["clusterIP"] = json!(ips[0]);
        spec["clusterIPs"] = json!(ips);
    }
    if kind == "HeadlessSelectorless" {
        spec.as_object_mut().unwrap().remove("selector");
    }
    if let Some(p) = policy {
        spec["ipFamilyPolicy"] = json!(p);
    }
    if !families.is_empty() {
        spec["ipFamilies"] = json!(families);
    }
    let v = json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name, "namespace": "default"},
        "spec": spec,
    });
    Object::Service(serde_json::from_value(v).unwrap())
}

fn family_of(ip: &str) -> &'static str {
    if ip.contains(':') { "IPv6" } else { "IPv4" }
}

fn cell_name(kind: &str, policy: Option<&str>, families: &[&str]) -> String {
    let fam = if families.is_empty() {
        "unset".to_string()
    } else {
        families
            .iter()
            .map(|f| if *f == "IPv4" { "v4" } else { "v6" })
            .collect()
    };
    let ips = match kind {
        "Headless" | "HeadlessSelectorless" => kind.to_string(),
        k => format!("ClusterIPs:{k}"),
    };
    format!("{ips}_Policy:{}_Families:{fam}", policy.unwrap_or("unset"))
}

// storage_test.go TestCreateInitIPFields, every cell of every cluster table.
#[test]
fn create_init_ip_fields() {
    let clusters = [
        ("v4", "10.0.0.0/16"),
        ("v6", "2000::/108"),
        ("v4v6", "10.0.0.0/16,2000::/108"),
        ("v6v4", "2000::/108,10.0.0.0/16"),
    ];
    let mut failures = Vec::new();
    let mut checked = 0;
    for (cluster_name, subnet) in clusters {
        for kind in KINDS {
            let want = expected(cluster_name, kind);
            assert_eq!(want.len(), 20);
            for (p, policy) in POLICIES.iter().enumerate() {
                for (f, families) in FAMILIES.iter().enumerate() {
                    let cell = &want[p * 5 + f];
                    let name = cell_name(kind, *policy, families);
                    let mut c = cluster_with(subnet);
                    let r = create_object(&mut c, service("foo", kind, *policy, families));
                    checked += 1;
                    let label = format!("{cluster_name} {name}");
                    if cell == "E" {
                        if r.created {
                            failures.push(format!("{label}: want an error, got 201"));
                        }
                        if c.store
                            .services
                            .contains_key(&("default".into(), "foo".into()))
                        {
                            failures.push(format!("{label}: stored after an error"));
                        }
                        continue;
                    }
                    if !r.created {
                        failures.push(format!("{label}: want {cell}, got {r:?}"));
                        continue;
                    }
                    let s = &c.store.services[&("default".to_string(), "foo".to_string())];
                    let want_policy = match &cell[..1] {
                        "S" => "SingleStack",
                        "P" => "PreferDualStack",
                        _ => "RequireDualStack",
                    };
                    let want_families: Vec<&str> = cell[1..]
                        .chars()
                        .map(|c| if c == '4' { "IPv4" } else { "IPv6" })
                        .collect();
                    if s.spec.ip_family_policy.as_deref() != Some(want_policy)
                        || s.spec.ip_families != want_families
                    {
                        failures.push(format!(
                            "{label}: want {want_policy} {want_families:?}, got {:?} {:?}",
                            s.spec.ip_family_policy, s.spec.ip_families
                        ));
                        continue;
                    }
                    if kind.starts_with("Headless") {
                        if s.spec.cluster_ips != ["None"] {
                            failures.push(format!("{label}: clusterIPs {:?}", s.spec.cluster_ips));
                        }
                        continue;
                    }
                    if s.spec.cluster_ips.len() != s.spec.ip_families.len() {
                        failures.push(format!(
                            "{label}: clusterIPs {:?} vs families {:?}",
                            s.spec.cluster_ips, s.spec.ip_families
                        ));
                    }
                    if s.spec.cluster_ips.first() != Some(&s.spec.cluster_ip) {
                        failures.push(format!("{label}: clusterIP is not clusterIPs[0]"));
                    }
                    for (ip, fam) in s.spec.cluster_ips.iter().zip(&s.spec.ip_families) {
                        if family_of(ip) != fam {
                            failures.push(format!("{label}: {ip} is not {fam}"));
                        }
                        let addr: std::net::IpAddr = ip.parse().unwrap();
                        let held = c
                            .alloc
                            .cluster_ips
                            .iter()
                            .any(|a| a.family() == fam.as_str() && a.has(addr));
                        if !held {
                            failures.push(format!("{label}: {ip} is not allocated"));
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 4 * 7 * 20);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `svctest.MakeService("foo")` as JSON, with `overrides` merged over its spec.
fn make_service(overrides: Value) -> Object {
    let mut spec = json!({
        "selector": {"k": "v"},
        "sessionAffinity": "None",
        "type": "ClusterIP",
        "internalTrafficPolicy": "Cluster",
        "ports": [{"port": 93, "targetPort": 76, "protocol": "TCP"}],
    });
    for (k, v) in overrides.as_object().unwrap() {
        if v.is_null() {
            spec.as_object_mut().unwrap().remove(k);
        } else {
            spec[k] = v.clone();
        }
    }
    let v = json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "foo", "namespace": "default"},
        "spec": spec,
    });
    Object::Service(serde_json::from_value(v).unwrap())
}

/// `svctest.MakeServicePort(name, port, port, proto)`, with a nodePort when not 0.
fn port(name: &str, port: i32, proto: &str, node_port: i32) -> Value {
    let mut p = json!({"name": name, "port": port, "targetPort": port, "protocol": proto});
    if node_port != 0 {
        p["nodePort"] = json!(node_port);
    }
    p
}

/// What a create in these tables should do.
enum Want {
    /// Refused with exactly these field errors.
    Err(&'static [&'static str]),
    /// Stored without NodePorts.
    NoNodePorts,
    /// Stored with a NodePort on every port: the requested ones where given (0 = any), ports with
    /// the same `port` number sharing one, the others distinct.
    NodePorts(&'static [i32]),
}

const NP: &str = "NodePort";
const LB: &str = "LoadBalancer";

fn typed(ty: &str, alloc: Option<bool>, ports: Vec<Value>) -> Value {
    let mut spec = json!({"type": ty, "ports": ports});
    if ty != "ClusterIP" {
        spec["externalTrafficPolicy"] = json!("Cluster");
    }
    if let Some(a) = alloc {
        spec["allocateLoadBalancerNodePorts"] = json!(a);
    }
    spec
}

// storage_test.go TestCreateInitNodePorts, with the MixedProtocolLBService and
// ServiceLBNodePortControl gates on (both GA): the "gate:off" cases are gone upstream.
#[test]
fn create_init_node_ports() {
    let one = |np| vec![port("", 93, "TCP", np)];
    let two = |a, b| vec![port("p", 80, "TCP", a), port("q", 443, "TCP", b)];
    let mixed = |a, b| vec![port("p", 53, "TCP", a), port("q", 53, "UDP", b)];
    let conflict = vec![port("p", 93, "TCP", 30093), port("q", 76, "UDP", 30093)];
    let forbidden: &[&str] =
        &["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"];
    let cases: Vec<(&str, Value, Want)> = vec![
        // Upstream's "type:ExternalName" cases never set the type: they are ClusterIP.
        ("type:ExternalName", json!({}), Want::NoNodePorts),
        (
            "type:ExternalName_with_NodePorts",
            json!({"ports": one(30000)}),
            Want::Err(forbidden),
        ),
        ("type:ClusterIP", json!({}), Want::NoNodePorts),
        (
            "type:ClusterIP_with_NodePorts",
            json!({"ports": one(30000)}),
            Want::Err(forbidden),
        ),
        (
            "type:NodePort_single_port_unspecified",
            typed(NP, None, one(0)),
            Want::NodePorts(&[0]),
        ),
        (
            "type:NodePort_single_port_specified",
            typed(NP, None, one(30000)),
            Want::NodePorts(&[30000]),
        ),
        (
            "type:NodePort_multiport_unspecified",
            typed(NP, None, two(0, 0)),
            Want::NodePorts(&[0, 0]),
        ),
        (
            "type:NodePort_multiport_specified",
            typed(NP, None, two(30000, 30001)),
            Want::NodePorts(&[30000, 30001]),
        ),
        (
            "type:NodePort_multiport_same",
            typed(NP, None, two(30080, 30080)),
            Want::Err(&[
                "spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated",
            ]),
        ),
        (
            "type:NodePort_multiport_multiproto_unspecified",
            typed(NP, None, mixed(0, 0)),
            Want::NodePorts(&[0, 0]),
        ),
        (
            "type:NodePort_multiport_multiproto_specified",
            typed(NP, None, mixed(30000, 30001)),
            Want::NodePorts(&[30000, 30001]),
        ),
        (
            "type:NodePort_multiport_multiproto_same",
            typed(NP, None, mixed(30053, 30053)),
            Want::NodePorts(&[30053, 30053]),
        ),
        (
            "type:NodePort_multiport_multiproto_conflict",
            typed(NP, None, conflict.clone()),
            Want::Err(&[
                "spec.ports[1].nodePort: Invalid value: 30093: provided port is already allocated",
            ]),
        ),
        // allocateLoadBalancerNodePorts unset is defaulted to true (SetDefaults_Service).
        (
            "type:LoadBalancer_single_port_unspecified_alloc:nil",
            typed(LB, None, one(0)),
            Want::NodePorts(&[0]),
        ),
        (
            "type:LoadBalancer_single_port_unspecified:on_alloc:false",
            typed(LB, Some(false), one(0)),
            Want::NoNodePorts,
        ),
        (
            "type:LoadBalancer_single_port_unspecified:on_alloc:true",
            typed(LB, Some(true), one(0)),
            Want::NodePorts(&[0]),
        ),
        (
            "type:LoadBalancer_single_port_specified:on_alloc:false",
            typed(LB, Some(false), one(30000)),
            Want::NodePorts(&[30000]),
        ),
        (
            "type:LoadBalancer_single_port_specified:on_alloc:true",
            typed(LB, Some(true), one(30000)),
            Want::NodePorts(&[30000]),
        ),
        (
            "type:LoadBalancer_multiport_unspecified:on_alloc:false",
            typed(LB, Some(false), two(0, 0)),
            Want::NoNodePorts,
        ),
        (
            "type:LoadBalancer_multiport_unspecified:on_alloc:true",
            typed(LB, Some(true), two(0, 0)),
            Want::NodePorts(&[0, 0]),
        ),
        (
            "type:LoadBalancer_multiport_specified:on_alloc:false",
            typed(LB, Some(false), two(30000, 30001)),
            Want::NodePorts(&[30000, 30001]),
        ),
        (
            "type:LoadBalancer_multiport_specified:on_alloc:true",
            typed(LB, Some(true), two(30000, 30001)),
            Want::NodePorts(&[30000, 30001]),
        ),
        (
            "type:LoadBalancer_multiport_same",
            typed(LB, None, two(30080, 30080)),
            Want::Err(&[
                "spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated",
            ]),
        ),
        (
            "type:LoadBalancer_multiport_multiproto_unspecified",
            typed(LB, None, mixed(0, 0)),
            Want::NodePorts(&[0, 0]),
        ),
        (
            "type:LoadBalancer_multiport_multiproto_specified",
            typed(LB, None, mixed(30000, 30001)),
            Want::NodePorts(&[30000, 30001]),
        ),
        (
            "type:LoadBalancer_multiport_multiproto_same",
            typed(LB, None, mixed(30053, 30053)),
            Want::NodePorts(&[30053, 30053]),
        ),
        (
            "type:LoadBalancer_multiport_multiproto_conflict",
            typed(LB, None, conflict),
            Want::Err(&[
                "spec.ports[1].nodePort: Invalid value: 30093: provided port is already allocated",
            ]),
        ),
    ];
    let mut failures = Vec::new();
    for (name, spec, want) in cases {
        let mut c = cluster_with("10.0.0.0/16");
        let r = create_object(&mut c, make_service(spec));
        let got: Vec<String> = r.errors.iter().map(|e| e.message.clone()).collect();
        match want {
            Want::Err(msgs) => {
                if r.created || got != msgs {
                    failures.push(format!("{name}: want {msgs:?}, got {} {got:?}", r.code));
                }
                if c.alloc.node_ports.used() != 0 {
                    failures.push(format!("{name}: NodePorts left allocated"));
                }
            }
            Want::NoNodePorts => {
                let s = &c.store.services[&("default".to_string(), "foo".to_string())];
                if s.spec.ports.iter().any(|p| p.node_port != 0) {
                    failures.push(format!("{name}: unexpected NodePorts {:?}", s.spec.ports));
                }
            }
            Want::NodePorts(req) => {
                if !r.created {
                    failures.push(format!("{name}: want NodePorts, got {} {got:?}", r.code));
                    continue;
                }
                let s = &c.store.services[&("default".to_string(), "foo".to_string())];
                let mut seen: Vec<(i32, i32)> = Vec::new();
                for (p, want_np) in s.spec.ports.iter().zip(req) {
                    if p.node_port == 0 || (*want_np != 0 && p.node_port != *want_np) {
                        failures.push(format!(
                            "{name}: port {} got nodePort {}",
                            p.port, p.node_port
                        ));
                    }
                    if !c.alloc.node_ports.has(i64::from(p.node_port)) {
                        failures.push(format!("{name}: {} not allocated", p.node_port));
                    }
                    // Upstream checks uniqueness among the allocated (not requested) ones.
                    if *want_np != 0 {
                        continue;
                    }
                    if seen
                        .iter()
                        .any(|(np, port)| *np == p.node_port && *port != p.port)
                    {
                        failures.push(format!(
                            "{name}: {} shared across port numbers",
                            p.node_port
                        ));
                    }
                    if seen
                        .iter()
                        .any(|(np, port)| *np != p.node_port && *port == p.port)
                    {
                        failures.push(format!("{name}: port {} got two NodePorts", p.port));
                    }
                    seen.push((p.node_port, p.port));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (type, externalTrafficPolicy, healthCheckNodePort, errors, stored healthCheckNodePort: `None`
/// for 0, `Some(0)` for any allocated one).
type EtpCase = (
    &'static str,
    &'static str,
    i32,
    Vec<&'static str>,
    Option<i32>,
);

// storage_test.go TestCreateExternalTrafficPolicy, through the v1 defaulting a real request
// gets: an unset externalTrafficPolicy of a NodePort or LoadBalancer Service becomes Cluster.
#[test]
fn create_external_traffic_policy() {
    const HC: &str = "spec.healthCheckNodePort: Invalid value: 30000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'";
    const ETP_CLUSTER: &str = "spec.externalTrafficPolicy: Invalid value: \"Cluster\": may only be set for externally-accessible services";
    const ETP_LOCAL: &str = "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services";
    let cases: Vec<EtpCase> = vec![
        ("ExternalName", "", 0, vec![], None),
        ("ExternalName", "", 30000, vec![HC], None),
        ("ExternalName", "Cluster", 0, vec![ETP_CLUSTER], None),
        (
            "ExternalName",
            "Cluster",
            30000,
            vec![ETP_CLUSTER, HC],
            None,
        ),
        ("ExternalName", "Local", 0, vec![ETP_LOCAL], None),
        ("ExternalName", "Local", 30000, vec![ETP_LOCAL, HC], None),
        ("ClusterIP", "", 0, vec![], None),
        ("ClusterIP", "", 30000, vec![HC], None),
        ("ClusterIP", "Cluster", 0, vec![ETP_CLUSTER], None),
        ("ClusterIP", "Cluster", 30000, vec![ETP_CLUSTER, HC], None),
        ("ClusterIP", "Local", 0, vec![ETP_LOCAL], None),
        ("ClusterIP", "Local", 30000, vec![ETP_LOCAL, HC], None),
        ("NodePort", "", 0, vec![], None),
        ("NodePort", "", 30000, vec![HC], None),
        ("NodePort", "Cluster", 0, vec![], None),
        ("NodePort", "Cluster", 30000, vec![HC], None),
        ("NodePort", "Local", 0, vec![], None),
        ("NodePort", "Local", 30000, vec![HC], None),
        ("LoadBalancer", "", 0, vec![], None),
        ("LoadBalancer", "", 30000, vec![HC], None),
        ("LoadBalancer", "Cluster", 0, vec![], None),
        ("LoadBalancer", "Cluster", 30000, vec![HC], None),
        ("LoadBalancer", "Local", 0, vec![], Some(0)),
        ("LoadBalancer", "Local", 30000, vec![], Some(30000)),
    ];
    let mut failures = Vec::new();
    for (ty, policy, hcnp, want_errs, want_hc) in cases {
        let name = format!(
            "{ty}_policy:{}_hcnp:{}",
            if policy.is_empty() { "none" } else { policy },
            if hcnp == 0 { "none" } else { "specified" }
        );
        // svctest.SetType*: ExternalName clears the ClusterIP fields and internalTrafficPolicy.
        let mut spec = json!({"type": ty});
        if ty == "ExternalName" {
            spec["externalName"] = json!("example.com");
            spec["internalTrafficPolicy"] = Value::Null;
        }
        if ty == "LoadBalancer" {
            spec["allocateLoadBalancerNodePorts"] = json!(true);
        }
        if !policy.is_empty() {
            spec["externalTrafficPolicy"] = json!(policy);
        }
        if hcnp != 0 {
            spec["healthCheckNodePort"] = json!(hcnp);
        }
        let mut c = cluster_with("10.0.0.0/16");
        let r = create_object(&mut c, make_service(spec));
        let got: Vec<String> = r.errors.iter().map(|e| e.message.clone()).collect();
        if got != want_errs || r.created != want_errs.is_empty() {
            failures.push(format!(
                "{name}: want {want_errs:?}, got {} {got:?}",
                r.code
            ));
            continue;
        }
        if !r.created {
            if c.alloc.node_ports.used() != 0 {
                failures.push(format!("{name}: NodePorts left allocated"));
            }
            continue;
        }
        let s = &c.store.services[&("default".to_string(), "foo".to_string())];
        let hc = s.spec.health_check_node_port;
        match want_hc {
            None if hc != 0 => {
                failures.push(format!("{name}: unexpected healthCheckNodePort {hc}"))
            }
            Some(0) if hc == 0 || !c.alloc.node_ports.has(i64::from(hc)) => {
                failures.push(format!("{name}: healthCheckNodePort {hc} not allocated"))
            }
            Some(n) if n != 0 && (hc != n || !c.alloc.node_ports.has(i64::from(hc))) => {
                failures.push(format!("{name}: healthCheckNodePort {hc}, want {n}"))
            }
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One Service of `makeValidService` shape (`selector: {key: val}`, port `p` 8675) as YAML, with
/// `spec_extra` lines added under `spec:` and `ports` replacing the port list.
fn valid_service_yaml(name: &str, spec_extra: &str, ports: &str) -> String {
    let mut y = format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  selector:\n    key: val\n"
    );
    for line in spec_extra.lines().filter(|l| !l.trim().is_empty()) {
        y.push_str("  ");
        y.push_str(line);
        y.push('\n');
    }
    y.push_str("  ports:\n");
    y.push_str(if ports.is_empty() {
        "  - {name: p, port: 8675}\n"
    } else {
        ports
    });
    y
}

// validation_test.go TestValidateServiceCreate cases written as YAML and sent through the whole
// create path (decode → v1 defaulting → beginCreate allocation → validation), as kubectl would:
// defaulting fills what upstream's table leaves empty, allocation errors come back alone, and a
// failed healthCheckNodePort request is an HTTP 500 (storage/alloc.go).
#[test]
fn validate_service_create_through_the_create_path() {
    use svcplay_model::decode;
    use svcplay_sim::registry::apply_documents;
    let forbidden_alloc = "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'";
    // (upstream case, spec lines, ports, HTTP code, messages or reason)
    let cases: Vec<(&str, &str, &str, u16, Vec<&str>)> = vec![
        // Defaulted: sessionAffinity None, type ClusterIP, protocol TCP,
        // internalTrafficPolicy Cluster, allocateLoadBalancerNodePorts true.
        ("missing session affinity", "", "", 201, vec![]),
        ("missing type", "", "", 201, vec![]),
        (
            "missing protocol",
            "",
            "  - {name: p, port: 8675}\n",
            201,
            vec![],
        ),
        (
            "nil internalTraffic field when feature gate is on",
            "",
            "",
            201,
            vec![],
        ),
        (
            "invalid type - missing AllocateLoadBalancerNodePorts for loadbalancer type",
            "type: LoadBalancer",
            "",
            201,
            vec![],
        ),
        // SetDefaults_Service drops the config when the affinity is None.
        (
            "sessionAffinityConfig can't be set when session affinity is None",
            "sessionAffinity: None\nsessionAffinityConfig: {clientIP: {timeoutSeconds: 90}}",
            "",
            201,
            vec![],
        ),
        // targetPort is defaulted from port, so both are reported.
        (
            "invalid port",
            "",
            "  - {name: p, port: 65536}\n",
            422,
            vec![
                "spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive",
                "spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive",
            ],
        ),
        (
            "invalid TargetPort int",
            "",
            "  - {name: p, port: 8675, targetPort: 65536}\n",
            422,
            vec![
                "spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive",
            ],
        ),
        // initIPFamilyFields validates the clusterIPs first; other errors are not reached.
        (
            "invalid cluster ip",
            "clusterIP: invalid",
            "  - {name: p, port: 8675, targetPort: -1}\n",
            422,
            vec![
                "spec.clusterIPs[0]: Invalid value: \"invalid\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        ),
        // initNodePorts runs before validation: NodePort 1 is refused by the allocator.
        (
            "invalid node port with clusterIP None",
            "type: NodePort\nclusterIP: None",
            "  - {name: p, port: 8675}\n  - {name: q, port: 1, nodePort: 1}\n",
            422,
            vec![
                "spec.ports[1].nodePort: Invalid value: 1: provided port is not in the valid range. The range of valid ports is 30000-32767",
            ],
        ),
        (
            "duplicate nodeports",
            "type: NodePort",
            "  - {name: p, port: 8675}\n  - {name: q, port: 1, nodePort: 1}\n  - {name: r, port: 2, nodePort: 1}\n",
            422,
            vec![
                "spec.ports[1].nodePort: Invalid value: 1: provided port is not in the valid range. The range of valid ports is 30000-32767",
            ],
        ),
        (
            "LoadBalancer type cannot have None ClusterIP",
            "type: LoadBalancer\nclusterIP: None",
            "",
            422,
            vec![
                "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services",
            ],
        ),
        (
            "invalid externalTraffic field",
            "type: LoadBalancer\nexternalTrafficPolicy: invalid",
            "",
            422,
            vec![
                "spec.externalTrafficPolicy: Unsupported value: \"invalid\": supported values: \"Cluster\", \"Local\"",
            ],
        ),
        // allocHealthCheckNodePort fails before validation: HTTP 500.
        (
            "negative healthCheckNodePort field",
            "type: LoadBalancer\nexternalTrafficPolicy: Local\nhealthCheckNodePort: -1",
            "",
            500,
            vec![
                "Internal error occurred: failed to allocate requested HealthCheck NodePort -1: provided port is not in the valid range. The range of valid ports is 30000-32767",
            ],
        ),
        (
            "negative healthCheckNodePort field (31100)",
            "type: LoadBalancer\nexternalTrafficPolicy: Local\nhealthCheckNodePort: 31100",
            "",
            201,
            vec![],
        ),
        (
            "invalid timeoutSeconds field",
            "sessionAffinity: ClientIP\nsessionAffinityConfig: {clientIP: {timeoutSeconds: -1}}",
            "",
            422,
            vec![
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: -1: must be greater than 0 and less than 86400",
            ],
        ),
        (
            "Use AllocateLoadBalancerNodePorts when type is not LoadBalancer",
            "allocateLoadBalancerNodePorts: true",
            "",
            422,
            vec![forbidden_alloc],
        ),
        // Refused by initIPFamilyFields on this single-stack cluster ("validated in alloc code").
        (
            "IPFamilyPolicy(singleStack) is set for two families",
            "ipFamilyPolicy: SingleStack\nipFamilies: [IPv4, IPv6]",
            "",
            422,
            vec![
                "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
            ],
        ),
        (
            "invalid ExternalName clusterIP (None)",
            "type: ExternalName\nexternalName: foo.bar.example.com\nclusterIP: None",
            "",
            422,
            vec!["spec.clusterIPs: Forbidden: may not be set for ExternalName services"],
        ),
    ];
    let mut failures = Vec::new();
    for (name, extra, ports, code, want) in cases {
        let yaml = valid_service_yaml("valid", extra, ports);
        let out = decode("svc.yaml", &yaml);
        assert!(out.diagnostics.is_empty(), "{name}: {:?}", out.diagnostics);
        let mut c = cluster_with("10.0.0.0/16");
        let rs = apply_documents(&mut c, &out.documents);
        let r = &rs[0];
        let got: Vec<String> = if r.code == 500 {
            vec![r.reason.clone()]
        } else {
            r.errors.iter().map(|e| e.message.clone()).collect()
        };
        if r.code != code || got != want {
            failures.push(format!(
                "{name}: want {code} {want:#?}\n  got {} {got:#?}",
                r.code
            ));
        }
        if r.code != 201 && c.alloc.node_ports.used() != 0 {
            failures.push(format!("{name}: NodePorts left allocated"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Requested ClusterIPs are read as upstream reads them: `allocIPs` and `familyOf` use
// `netutils.ParseIPSloppy` (leading zeros are decimal; an IPv4-mapped IPv6 address is IPv4) and
// the MultiCIDR allocator keys on `servicecidr.IPToAddr` (the 4-byte form). The stored
// `clusterIPs` keep the text as written, so `GetWarningsForService` warns about it; deleting the
// Service releases the address. Validation accepts both forms (`IsValidIP`).
#[test]
fn sloppy_cluster_ips_are_allocated_as_ipv4() {
    use svcplay_model::decode;
    use svcplay_sim::registry::{apply_documents, delete};
    for (written, addr) in [
        ("10.0.0.010", "10.0.0.10"),
        ("::ffff:10.0.0.11", "10.0.0.11"),
    ] {
        let mut c = cluster_with("10.0.0.0/16");
        let yaml = valid_service_yaml("sloppy", &format!("clusterIP: \"{written}\""), "");
        let rs = apply_documents(&mut c, &decode("svc.yaml", &yaml).documents);
        assert_eq!(rs[0].code, 201, "{written}: {:?}", rs[0]);
        let warnings: Vec<&str> = rs[0].warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            warnings,
            vec![format!(
                "spec.clusterIPs[0]: non-standard IP address \"{written}\" will be considered invalid in a future Kubernetes release: use \"{addr}\""
            )],
            "{written}"
        );
        let s = &c.store.services[&("default".to_string(), "sloppy".to_string())];
        assert_eq!(s.spec.cluster_ips, vec![written.to_string()]);
        assert_eq!(s.spec.cluster_ip, written);
        assert_eq!(s.spec.ip_families, vec!["IPv4"], "{written}");
        let ip: std::net::IpAddr = addr.parse().unwrap();
        assert!(c.alloc.has_cluster_ip(ip), "{written}");

        // The canonical spelling of the same address is taken.
        let yaml = valid_service_yaml("canonical", &format!("clusterIP: {addr}"), "");
        let rs = apply_documents(&mut c, &decode("svc.yaml", &yaml).documents);
        let got: Vec<&str> = rs[0].errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            got,
            vec![format!(
                "spec.clusterIPs: Invalid value: []string{{\"{addr}\"}}: failed to allocate IP {addr}: provided IP is already allocated"
            )]
        );

        // Deleting the Service gives the address back.
        delete(&mut c, "Service", "default", "sloppy");
        assert!(!c.alloc.has_cluster_ip(ip), "{written}");
    }
}
