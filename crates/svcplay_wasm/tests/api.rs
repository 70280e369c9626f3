//! What crosses the boundary: `Playground.load` returns a plain JS value whose shape matches the
//! TypeScript `Evaluation` type. Each test reads the value back into the Rust types.
#![cfg(target_arch = "wasm32")]

use svcplay_wasm::{Evaluation, Playground};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The playground's default scenario: the seed's multi-node NodePort example.
const NODEPORT: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: myapp
spec:
  replicas: 6
  selector:
    matchLabels:
      app: myapp
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: myapp
spec:
  type: NodePort
  selector:
    app: myapp
  ports:
  - port: 80
    targetPort: 80
    nodePort: 30008
";

fn load(text: &str) -> (JsValue, Evaluation<serde_json::Value>) {
    let mut playground = Playground::new(1);
    let value = playground.load(text, None).expect("load returns a value");
    let evaluation = from_value(value.clone()).expect("the value has the Evaluation shape");
    (value, evaluation)
}

/// Reads a returned value back into Rust types, as the page sees it (`JSON.stringify`).
fn from_value<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, String> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or("not representable as JSON")?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).expect("readable property")
}

#[wasm_bindgen_test]
fn top_level_is_a_plain_object_with_three_arrays() {
    let (value, _) = load(NODEPORT);
    assert!(value.is_object());
    for key in ["results", "diagnostics", "items"] {
        assert!(
            js_sys::Array::is_array(&get(&value, key)),
            "{key} is an array"
        );
    }
}

#[wasm_bindgen_test]
fn every_item_has_kind_namespace_name_and_object() {
    let (_, evaluation) = load(NODEPORT);
    for item in &evaluation.items {
        assert!(!item.kind.is_empty());
        assert!(item.object.is_object(), "{} is a plain object", item.kind);
        // Maps arrive as plain objects, not `Map`s, so labels read back as a JSON object.
        if let Some(labels) = item.object.pointer("/metadata/labels") {
            assert!(labels.is_object());
        }
        if item.kind == "Service" {
            let service: svcplay_model::types::Service =
                serde_json::from_value(item.object.clone()).expect("a Service");
            assert_eq!(service.metadata.name, item.name);
        }
    }
    // Each document answers with one result; results and items agree on what was created.
    for result in evaluation.results.iter().filter(|r| r.created) {
        assert!(
            evaluation
                .items
                .iter()
                .any(|i| i.kind == result.kind && i.name == result.name),
            "{}/{} was created, so it is listed",
            result.kind,
            result.name
        );
    }
}

#[wasm_bindgen_test]
fn bad_yaml_is_data_not_an_exception() {
    // Unclosed flow sequence, stray tab, NUL: never a throw.
    for text in ["kind: [", "\tkind: Service", "a: \u{0}", ""] {
        let (value, evaluation) = load(text);
        assert!(value.is_object());
        let diagnostics = get(&value, "diagnostics");
        for (i, d) in evaluation.diagnostics.iter().enumerate() {
            assert!(d.severity == "error" || d.severity == "warning");
            // Missing values cross as `null`, never `undefined`.
            let raw = get(&diagnostics, &i.to_string());
            assert!(!get(&raw, "hint").is_undefined());
            assert!(!get(&raw, "position").is_undefined());
        }
    }
}

#[wasm_bindgen_test]
fn same_seed_same_answer() {
    let (_, a) = load(NODEPORT);
    let (_, b) = load(NODEPORT);
    assert_eq!(a, b);
}

#[wasm_bindgen_test]
fn load_replaces_the_previous_cluster() {
    let mut playground = Playground::new(7);
    playground.load(NODEPORT, None).expect("first load");
    let value = playground.load("", None).expect("second load");
    let evaluation: Evaluation<serde_json::Value> = from_value(value).expect("shape");
    assert!(evaluation.results.is_empty());
    assert!(
        !evaluation.items.iter().any(|i| i.name == "myapp"),
        "objects of the first load are gone"
    );
}

fn loaded() -> Playground {
    let mut playground = Playground::new(1);
    playground.load(NODEPORT, None).expect("load");
    playground
}

#[wasm_bindgen_test]
fn view_has_the_cluster_view_shape() {
    let value = loaded().view().expect("view");
    let view: svcplay_wasm::ClusterView = from_value(value.clone()).expect("the ClusterView shape");
    assert_eq!(view.nodes.len(), 4);
    let svc = view
        .services
        .iter()
        .find(|s| s.name == "myapp")
        .expect("myapp");
    assert_eq!(svc.endpoints.len(), 6);
    // TypeScript names: clusterIP, externalIPs, nodePort null when unset.
    let services = get(&value, "services");
    let first = get(&services, "0");
    assert!(get(&first, "clusterIP").is_string());
    assert!(js_sys::Array::is_array(&get(&first, "externalIPs")));
    let port = get(&get(&first, "ports"), "0");
    assert!(
        get(&port, "nodePort").is_null(),
        "default/kubernetes has no nodePort"
    );
}

#[wasm_bindgen_test]
fn changes_are_data_and_bad_values_throw() {
    let mut playground = loaded();
    let change = js_sys::JSON::parse(
        r#"{"kind":"scale","namespace":"default","name":"myapp","replicas":2}"#,
    )
    .expect("json");
    let result: svcplay_wasm::ChangeResult =
        from_value(playground.change(change).expect("applies")).expect("ChangeResult shape");
    assert!(result.ok, "{}", result.message);
    let missing = js_sys::JSON::parse(r#"{"kind":"deletePod","namespace":"default","name":"x"}"#)
        .expect("json");
    let result: svcplay_wasm::ChangeResult =
        from_value(playground.change(missing).expect("data, not a throw")).expect("shape");
    assert!(!result.ok);
    assert_eq!(result.message, "pods \"x\" not found");
    // Not a Change at all: a fault, thrown.
    assert!(playground.change(JsValue::from_str("scale")).is_err());
}

#[wasm_bindgen_test]
fn tables_rules_dns_and_describe() {
    let playground = loaded();
    let tables: svcplay_wasm::Tables =
        from_value(playground.tables().expect("tables")).expect("shape");
    for t in [
        &tables.services,
        &tables.pods,
        &tables.endpoints,
        &tables.endpoint_slices,
        &tables.nodes,
        &tables.network_policies,
    ] {
        assert!(t.rows.iter().all(|r| r.len() == t.headers.len()));
    }
    assert!(playground.rules("node01").expect("a node").contains("*nat"));
    assert!(playground.rules("nope").is_none());
    let describe = playground
        .describe_service("default", "myapp")
        .expect("a service");
    assert!(describe.starts_with("Name:"));
    let answer = playground.dns("myapp", "A", "default").expect("answer");
    assert_eq!(
        get(&answer, "rcode").as_string().as_deref(),
        Some("NOERROR")
    );
    assert!(get(&get(&answer, "answers"), "0").is_string());
    assert!(get(&answer, "fqdn").is_string());
    assert!(playground.dns("myapp", "MX", "").is_err());
}

#[wasm_bindgen_test]
fn items_are_the_evaluation_items() {
    let playground = loaded();
    let items: Vec<svcplay_wasm::Item<serde_json::Value>> =
        from_value(playground.items().expect("items")).expect("shape");
    assert!(
        items
            .iter()
            .any(|i| i.kind == "Service" && i.name == "myapp")
    );
}

#[wasm_bindgen_test]
fn requests_report_outcomes_and_distribution() {
    let mut playground = loaded();
    let spec = js_sys::JSON::parse(
        r#"{"from":{"kind":"external"},"to":"192.168.1.2:30008","count":100,"seed":3}"#,
    )
    .expect("json");
    let answer = playground.request(spec).expect("an answer");
    assert!(get(&answer, "error").is_null());
    let report = get(&answer, "report");
    assert_eq!(get(&report, "via").as_string().as_deref(), Some("NodePort"));
    let totals = get(&report, "totals");
    assert_eq!(get(&totals, "delivered").as_f64(), Some(100.0));
    let distribution = js_sys::Array::from(&get(&report, "distribution"));
    assert_eq!(
        distribution.length(),
        6,
        "every pod of the Service is listed"
    );
    let first = get(&get(&report, "requests"), "0");
    assert_eq!(
        get(&first, "outcome").as_string().as_deref(),
        Some("delivered")
    );
    assert!(get(&first, "podIp").is_string());
    assert!(js_sys::Array::is_array(&get(&first, "hops")));

    let bad =
        js_sys::JSON::parse(r#"{"from":{"kind":"pod","name":"nope"},"to":"myapp"}"#).expect("json");
    let answer = playground.request(bad).expect("data, not a throw");
    assert!(get(&answer, "report").is_null());
    assert!(get(&answer, "error").is_string());
    assert!(playground.request(JsValue::from_f64(1.0)).is_err());
}

#[wasm_bindgen_test]
fn a_bad_quantity_points_at_its_line_with_utf16_columns() {
    // The key's non-BMP character takes two UTF-16 units (four bytes, one char): the column of
    // the bad value after it is counted in UTF-16 units, as the editor counts.
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    resources:\n      limits: {\"a🚀\": \"1\", cpu: 1 core}\n";
    let (_, evaluation) = load(text);
    let r = &evaluation.results[0];
    assert_eq!((r.created, r.code), (false, 400));
    assert!(
        r.reason
            .starts_with("Pod in version \"v1\" cannot be handled as a Pod: quantities must match"),
        "{}",
        r.reason
    );
    let p = r.position.as_ref().expect("a position");
    assert_eq!((p.line, p.column), (10, 33));
    assert!(
        !evaluation
            .items
            .iter()
            .any(|i| i.kind == "Pod" && i.name == "web")
    );
}

#[wasm_bindgen_test]
fn pod_spec_typos_reach_the_page_as_warnings() {
    // A typo in a part of the pod template svcplay keeps verbatim (decode/schema).
    let text = NODEPORT.replace(
        "      containers:\n",
        "      affinity:\n        nodeAfinity: {}\n      containers:\n",
    );
    let (_, evaluation) = load(&text);
    // Per document, as apply reports the warnings kube-apiserver returns with the object.
    let r = &evaluation.results[0];
    assert!(r.created, "a warning does not stop the Deployment");
    let d = r
        .warnings
        .iter()
        .find(|d| d.message == "unknown field \"spec.template.spec.affinity.nodeAfinity\"")
        .unwrap_or_else(|| panic!("no such warning in {:?}", r.warnings));
    assert_eq!(d.severity, "warning");
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean \"spec.template.spec.affinity.nodeAffinity\"?")
    );
    assert!(d.position.is_some());
}
