//! Decode tests that need more than a diagnostics list: decoded values, positions, limits.

use std::time::Instant;

use svcplay_model::{DecodeOutput, ExtraArgs, IntOrString, Object, Severity, decode, decode_bytes};

fn errors(out: &DecodeOutput) -> Vec<String> {
    out.all_diagnostics()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect()
}

fn service(out: &DecodeOutput, i: usize) -> &svcplay_model::Service {
    match &out.documents[i].object {
        Some(Object::Service(s)) => s,
        other => panic!(
            "document {i} is not a Service: {other:?} / {:?}",
            out.documents[i]
        ),
    }
}

const NODEPORT: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: myapp
  labels:
    app: myapp
spec:
  type: NodePort
  selector:
    app: myapp
  ports:
  - name: http
    port: 80
    targetPort: 8080
    nodePort: 30008
  - name: metrics
    port: 9090
    targetPort: metrics
    nodePort: 30009
";

// The seed's NodePort Service with real values: typed fields and where each was written.
#[test]
fn nodeport_service_values_and_positions() {
    let out = decode("svc.yaml", NODEPORT);
    assert!(out.all_diagnostics().next().is_none(), "{out:?}");
    let d = &out.documents[0];
    assert_eq!(
        (d.kind.as_str(), d.name.as_str(), d.namespace.as_str()),
        ("Service", "myapp", "")
    );
    let s = service(&out, 0);
    assert_eq!(s.spec.type_, "NodePort");
    assert_eq!(s.spec.ports.len(), 2);
    assert_eq!(s.spec.ports[0].port, 80);
    assert_eq!(s.spec.ports[0].target_port, Some(IntOrString::Int(8080)));
    assert_eq!(s.spec.ports[0].node_port, 30008);
    assert_eq!(
        s.spec.ports[1].target_port,
        Some(IntOrString::String("metrics".into()))
    );
    assert_eq!(s.spec.selector.as_ref().unwrap()["app"], "myapp");

    let at = |p: &str| {
        let s = d
            .source
            .get(p)
            .unwrap_or_else(|| panic!("no position for {p}"));
        (s.line, s.column)
    };
    assert_eq!(at("metadata.name"), (4, 9));
    assert_eq!(at("metadata.labels[app]"), (6, 10));
    assert_eq!(at("spec.selector[app]"), (10, 10));
    assert_eq!(at("spec.ports[0]"), (12, 5));
    assert_eq!(at("spec.ports[0].nodePort"), (15, 15));
    assert_eq!(at("spec.ports[1].nodePort"), (19, 15));
    assert_eq!(at("spec.ports[1].targetPort"), (18, 17));
    // Collections point at their key.
    assert_eq!(at("spec.ports"), (11, 3));
    assert_eq!(at("spec"), (7, 1));
    // Byte offsets agree with line/column.
    let off = d.source.get("spec.ports[1].nodePort").unwrap().offset;
    assert!(NODEPORT[off..].starts_with("30009"));
    // Fallback to the nearest written ancestor.
    assert_eq!(d.source.lookup("spec.ports[1].protocol").line, 16);
}

// Columns count characters, offsets count bytes.
#[test]
fn positions_after_non_ascii_text() {
    let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: café\n  annotations:\n    note: \"日本語のテキスト\"\nspec:\n  ports: [{name: «x», port: 80}]\n";
    let out = decode("u.yaml", text);
    assert!(errors(&out).is_empty(), "{out:?}");
    let src = &out.documents[0].source;
    let note = src.get("metadata.annotations[note]").unwrap();
    assert_eq!((note.line, note.column), (6, 11));
    let port = src.get("spec.ports[0].port").unwrap();
    assert_eq!((port.line, port.column), (8, 29));
    assert!(text[port.offset..].starts_with("80}"));
}

#[test]
fn byte_order_mark_is_not_content() {
    let text = "\u{feff}apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n";
    let out = decode("bom.yaml", text);
    assert!(errors(&out).is_empty(), "{out:?}");
    let n = out.documents[0].source.get("metadata.name").unwrap();
    assert_eq!((n.line, n.column), (4, 9));
    assert!(text[n.offset..].starts_with("x\n"));
}

#[test]
fn multi_document_stream() {
    let text = "\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        ports: [{containerPort: 8080, name: http}]
        imagePullPolicy: Always
---
---
# nothing here
...
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
";
    let out = decode("multi.yaml", text);
    assert!(out.all_diagnostics().next().is_none(), "{out:?}");
    let kinds: Vec<_> = out.documents.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(kinds, ["Deployment", "Namespace", "Service"]);
    let Some(Object::Deployment(dep)) = &out.documents[0].object else {
        panic!()
    };
    assert_eq!(dep.spec.replicas, Some(3));
    let c = &dep.spec.template.spec.containers[0];
    assert_eq!(c.ports[0].container_port, 8080);
    // Fields svcplay does not model are kept verbatim, and their positions recorded.
    assert_eq!(c.other["imagePullPolicy"], "Always");
    let p = out.documents[0]
        .source
        .get("spec.template.spec.containers[0].imagePullPolicy")
        .unwrap();
    assert_eq!(p.line, 14);
    assert_eq!(out.documents[2].span.line, 25);
    assert_eq!(
        service(&out, 2).spec.ports[0].target_port,
        Some(IntOrString::String("http".into()))
    );
}

// `kubectl get -o yaml` output: items become documents with item-relative paths.
#[test]
fn list_items_are_documents_with_relative_paths() {
    let text = "\
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: a
  spec:
    ports:
    - port: 80
- apiVersion: v1
  kind: Service
  metadata:
    name: b
  spec:
    ports:
    - port: 81
";
    let out = decode("list.yaml", text);
    assert!(out.all_diagnostics().next().is_none(), "{out:?}");
    assert_eq!(out.documents.len(), 2);
    assert_eq!(out.documents[1].name, "b");
    assert_eq!(out.documents[1].span.line, 11);
    let p = out.documents[1].source.get("spec.ports[0].port").unwrap();
    assert_eq!((p.line, p.column), (17, 13));
    assert!(
        out.documents[1]
            .source
            .get("items[1].metadata.name")
            .is_none()
    );
    assert_eq!(service(&out, 1).spec.ports[0].port, 81);
}

// Go zero values: null and missing fields never fail, Option stays None.
#[test]
fn nulls_and_missing_fields_are_go_zero_values() {
    let text = "\
apiVersion: v1
kind: Service
metadata:
  name: x
  labels:
spec:
  selector: ~
  ports:
  - port:
    targetPort: null
  clusterIP: null
status:
---
apiVersion: v1
kind: Node
metadata: {name: n1}
spec:
  taints:
  - effect: NoSchedule
status:
  addresses: [{address: 10.0.0.1}]
";
    let out = decode("null.yaml", text);
    assert!(out.all_diagnostics().next().is_none(), "{out:?}");
    let s = service(&out, 0);
    assert_eq!(s.spec.selector, None);
    assert_eq!(s.spec.ports[0].port, 0);
    assert_eq!(s.spec.ports[0].target_port, None);
    assert_eq!(s.spec.cluster_ip, "");
    let Some(Object::Node(n)) = &out.documents[1].object else {
        panic!()
    };
    assert_eq!(n.spec.taints[0].key, "");
    assert_eq!(n.status.addresses[0].type_, "");
}

#[test]
fn int_or_string_and_yaml_numbers() {
    let text = "\
apiVersion: v1
kind: Service
metadata: {name: x}
spec:
  ports:
  - {port: 0x50, targetPort: 8080}
  - {port: 0o20, targetPort: \"8080\"}
  - {port: 1_000, targetPort: http}
  - {port: 8.0, targetPort: 9.0}
  - {port: !!int \"443\", targetPort: !!str 443}
";
    let out = decode("n.yaml", text);
    assert!(out.all_diagnostics().next().is_none(), "{out:?}");
    let p: Vec<_> = service(&out, 0)
        .spec
        .ports
        .iter()
        .map(|p| (p.port, p.target_port.clone().unwrap()))
        .collect();
    assert_eq!(
        p,
        [
            (80, IntOrString::Int(8080)),
            (16, IntOrString::String("8080".into())),
            (1000, IntOrString::String("http".into())),
            (8, IntOrString::Int(9)),
            (443, IntOrString::String("443".into())),
        ]
    );
}

#[test]
fn merge_keys_apply() {
    let text = "\
apiVersion: v1
kind: Service
metadata:
  name: x
  labels: &common
    app: web
    tier: front
spec:
  selector:
    <<: *common
    tier: back
";
    let out = decode("m.yaml", text);
    assert!(out.all_diagnostics().next().is_none(), "{out:?}");
    let sel = service(&out, 0).spec.selector.clone().unwrap();
    assert_eq!(sel["app"], "web");
    assert_eq!(sel["tier"], "back");
}

#[test]
fn kubeadm_and_kube_proxy_configuration() {
    let text = "\
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
networking:
  serviceSubnet: 10.96.0.0/12
apiServer:
  extraArgs:
    service-node-port-range: 30000-32767
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - name: service-node-port-range
    value: 20000-22767
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
iptables:
  masqueradeAll: true
  syncPeriod: 30s
";
    let out = decode("cfg.yaml", text);
    assert!(out.all_diagnostics().next().is_none(), "{out:?}");
    let ranges: Vec<_> = out.documents[..2]
        .iter()
        .map(|d| match &d.object {
            Some(Object::ClusterConfiguration(c)) => c
                .api_server
                .extra_args
                .as_ref()
                .and_then(|a: &ExtraArgs| a.get("service-node-port-range"))
                .unwrap()
                .to_string(),
            o => panic!("{o:?}"),
        })
        .collect();
    assert_eq!(ranges, ["30000-32767", "20000-22767"]);
    let Some(Object::KubeProxyConfiguration(kp)) = &out.documents[2].object else {
        panic!()
    };
    assert_eq!(kp.iptables.masquerade_all, Some(true));
}

#[test]
fn failed_documents_still_name_themselves() {
    let out = decode(
        "f.yaml",
        "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {ports: [{port: http}]}\n",
    );
    let d = &out.documents[0];
    assert!(d.object.is_none());
    assert_eq!(
        (d.kind.as_str(), d.name.as_str(), d.namespace.as_str()),
        ("Service", "web", "shop")
    );
    assert_eq!(d.diagnostics[0].span.unwrap().line, 4);
}

// Hostile input: "billion laughs".
#[test]
fn alias_bomb_is_rejected() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='i' {
        text.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = c;
    }
    let start = Instant::now();
    let out = decode("bomb.yaml", &text);
    assert!(start.elapsed().as_secs() < 10);
    assert_eq!(errors(&out), ["yaml: document contains excessive aliasing"]);
    assert!(out.diagnostics[0].span.is_some());
}

fn nested(depth: usize, flow: bool) -> String {
    let mut s = String::from("apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec:\n  x: ");
    if flow {
        s.push_str(&"[".repeat(depth));
        s.push_str(&"]".repeat(depth));
    } else {
        for i in 0..depth {
            s.push('\n');
            s.push_str(&" ".repeat(4 + 2 * i));
            s.push_str("k:");
        }
        s.push_str(" v");
    }
    s.push('\n');
    s
}

#[test]
fn deep_nesting_is_rejected_not_overflowed() {
    for flow in [true, false] {
        let out = decode("deep.yaml", &nested(200, flow));
        assert_eq!(
            errors(&out),
            ["yaml: exceeded max depth of 100"],
            "flow={flow}"
        );
        // Far deeper than any stack could recurse (block style grows quadratically in size).
        let out = decode(
            "deeper.yaml",
            &nested(if flow { 1_000_000 } else { 2_000 }, flow),
        );
        assert_eq!(errors(&out).len(), 1, "flow={flow}");
    }
    // Just under the limit decodes (into PodSpec's verbatim catch-all) without trouble.
    let out = decode("ok.yaml", &nested(90, false));
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert!(out.documents[0].object.is_some());
}

#[test]
fn ten_thousand_ports() {
    let mut text =
        String::from("apiVersion: v1\nkind: Service\nmetadata: {name: big}\nspec:\n  ports:\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "  - name: p{i}\n    port: {}\n    targetPort: {}\n",
            1 + i,
            20_000 + i
        ));
    }
    let out = decode("big.yaml", &text);
    assert!(out.all_diagnostics().next().is_none());
    let s = service(&out, 0);
    assert_eq!(s.spec.ports.len(), 10_000);
    assert_eq!(s.spec.ports[9_999].port, 10_000);
    let p = out.documents[0]
        .source
        .get("spec.ports[9999].targetPort")
        .unwrap();
    assert_eq!(p.line, 5 + 3 * 9_999 + 3);
}

// A 10 MB input completes (timed only loosely: debug builds are slow).
#[test]
fn ten_megabyte_document() {
    let mut text =
        String::from("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: huge\n  annotations:\n");
    let mut i = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!("    key-{i}: \"{}\"\n", "x".repeat(80)));
        i += 1;
    }
    let start = Instant::now();
    let mut p = saphyr_parser::Parser::new_from_str(&text);
    let mut n = 0;
    while let Some(Ok(_)) = p.next_event() {
        n += 1;
    }
    eprintln!("10 MB: {n} events in {:?}", start.elapsed());
    let start = Instant::now();
    let parsed = decode::yaml::parse_stream(&text);
    eprintln!("10 MB parsed in {:?}", start.elapsed());
    assert_eq!(parsed.docs.len(), 1);
    drop(parsed);
    let start = Instant::now();
    let out = decode("huge.yaml", &text);
    let took = start.elapsed();
    eprintln!("10 MB decoded in {took:?}");
    assert!(out.all_diagnostics().next().is_none());
    let Some(Object::Namespace(ns)) = &out.documents[0].object else {
        panic!()
    };
    assert_eq!(ns.metadata.annotations.len(), i);
    assert!(took.as_secs() < 60, "took {took:?}");
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    let mut bytes = b"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: caf\xc3\xa9-".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"\n");
    let out = decode_bytes("bad.yaml", &bytes);
    assert!(out.documents.is_empty());
    let d = &out.diagnostics[0];
    assert_eq!(d.message, "yaml: invalid leading UTF-8 octet");
    let s = d.span.unwrap();
    assert_eq!((s.line, s.column, s.offset), (4, 14, bytes.len() - 2));
    let out = decode_bytes("cut.yaml", b"a: \xe6\x97");
    assert_eq!(errors(&out), ["yaml: incomplete UTF-8 octet sequence"]);
    // Valid bytes decode as text does.
    let out = decode_bytes("ok.yaml", NODEPORT.as_bytes());
    assert_eq!(service(&out, 0).spec.ports[0].node_port, 30008);
}

// Fields svcplay does not model are kept verbatim in the catch-all; one the upstream type does
// not have is warned about like any unknown field (and kept too).
#[test]
fn catch_all_structs_warn_about_unknown_fields_and_drop_them() {
    let text = "\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: nginx
    imagePullPolcy: Always
  restartPolicy: Never
  dnsPolicy: ClusterFirst
";
    let out = decode("p.yaml", text);
    let diags: Vec<_> = out
        .all_diagnostics()
        .map(|d| {
            (
                d.span.map(|s| s.line),
                d.message.as_str(),
                d.hint.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        diags,
        [(
            Some(8),
            "unknown field \"spec.containers[0].imagePullPolcy\"",
            Some("did you mean \"spec.containers[0].imagePullPolicy\"?")
        )]
    );
    let Some(Object::Pod(p)) = &out.documents[0].object else {
        panic!()
    };
    assert_eq!(p.spec.restart_policy, "Never");
    assert_eq!(p.spec.other["dnsPolicy"], "ClusterFirst");
    // Dropped after the warning, as encoding/json drops a field the Go type does not have
    // (the stored object has no trace of it).
    assert!(!p.spec.containers[0].other.contains_key("imagePullPolcy"));
}

#[test]
fn unknown_fields_inside_verbatim_values_are_dropped() {
    let text = "\
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  affinity:
    nodeAfinity: {}
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 5
        podAffinityTerm: {topologyKey: zone, colour: red, labelSelector: {matchLabels: {a: b}, x: 1}}
  tolerations:
  - {key: a, opertor: Exists, effect: NoSchedule}
  containers:
  - name: c
    resources: {limts: {cpu: 1}, requests: {cpu: 1}}
    env: [{name: A, vaule: b}]
";
    let out = decode("p.yaml", text);
    let warned: Vec<&str> = out.all_diagnostics().map(|d| d.message.as_str()).collect();
    assert_eq!(
        warned,
        [
            "unknown field \"spec.affinity.nodeAfinity\"",
            "unknown field \"spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.colour\"",
            "unknown field \"spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.x\"",
            "unknown field \"spec.tolerations[0].opertor\"",
            "unknown field \"spec.containers[0].resources.limts\"",
            "unknown field \"spec.containers[0].env[0].vaule\"",
        ]
    );
    let Some(Object::Pod(p)) = &out.documents[0].object else {
        panic!()
    };
    let spec = serde_json::to_value(&p.spec).unwrap();
    assert_eq!(
        spec["affinity"],
        serde_json::json!({"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
            {"weight": 5, "podAffinityTerm": {"topologyKey": "zone", "labelSelector": {"matchLabels": {"a": "b"}}}}]}})
    );
    assert_eq!(
        spec["tolerations"],
        serde_json::json!([{"key": "a", "effect": "NoSchedule"}])
    );
    assert_eq!(
        spec["containers"][0]["resources"],
        serde_json::json!({"requests": {"cpu": "1"}})
    );
    assert_eq!(
        spec["containers"][0]["env"],
        serde_json::json!([{"name": "A"}])
    );
}

#[test]
fn never_panics_on_garbage() {
    let inputs: &[&str] = &[
        "",
        "---",
        "...",
        "- ",
        "{",
        "[",
        "a: b: c",
        "a: *x",
        "&a a: *a",
        "? [a]\n: b",
        "apiVersion: v1\nkind: Service\nspec: {ports: [[[]]]}",
        "apiVersion: v1\nkind: Service\nspec: {ports: [{port: .nan}]}",
        "apiVersion: v1\nkind: Service\nspec: {ports: [{port: !!float abc}]}",
        "apiVersion: v1\nkind: Service\nmetadata: {labels: {? [a] : b}}",
        "apiVersion: v1\nkind: Service\nmetadata: {labels: {<<: 1}}",
        "apiVersion: v1\nkind: List\nitems: [1, [2], {kind: List, apiVersion: v1, items: [{}]}]",
        "\t\u{0}\u{7f}\u{fffd}",
        "%YAML 1.1\n--- !!map\napiVersion: v1\n",
    ];
    for text in inputs {
        let _ = decode("g.yaml", text);
    }
}
