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
    let value = playground.load(text).expect("load returns a value");
    let evaluation =
        serde_wasm_bindgen::from_value(value.clone()).expect("the value has the Evaluation shape");
    (value, evaluation)
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
    playground.load(NODEPORT).expect("first load");
    let value = playground.load("").expect("second load");
    let evaluation: Evaluation<serde_json::Value> =
        serde_wasm_bindgen::from_value(value).expect("shape");
    assert!(evaluation.results.is_empty());
    assert!(
        !evaluation.items.iter().any(|i| i.name == "myapp"),
        "objects of the first load are gone"
    );
}
