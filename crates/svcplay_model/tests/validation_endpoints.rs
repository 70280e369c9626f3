//! core/v1 Endpoints: decoding (positions, unknown fields, Go type names), `SetDefaults_Endpoints`
//! and `ValidateEndpointsCreate`. Each case cites the upstream test or function it reproduces.

use serde_json::{Value, json};
use svcplay_model::defaults::default_object;
use svcplay_model::types::*;
use svcplay_model::validation::endpoints::validate_endpoints;
use svcplay_model::validation::validate_object;
use svcplay_model::{ErrorType, Severity, decode};

fn endpoints(meta: Value, subsets: Value) -> Object {
    let mut v =
        json!({"metadata": {"name": "mysvc", "namespace": "namespace"}, "subsets": subsets});
    if let (Some(m), Value::Object(extra)) = (v["metadata"].as_object_mut(), meta) {
        for (k, val) in extra {
            if val.is_null() {
                m.remove(&k);
            } else {
                m.insert(k, val);
            }
        }
    }
    Object::Endpoints(serde_json::from_value(v).unwrap())
}

/// pkg/apis/core/validation/endpoints_test.go TestValidateEndpoints, success cases (validated
/// as given: upstream calls the validation on undefaulted objects).
#[test]
fn validate_endpoints_success_cases() {
    let cases = [
        (
            "simple endpoint",
            json!([
                {"addresses": [{"ip": "10.10.1.1"}, {"ip": "10.10.2.2"}],
                 "ports": [{"name": "a", "port": 8675, "protocol": "TCP"}, {"name": "b", "port": 309, "protocol": "TCP"}]},
                {"addresses": [{"ip": "10.10.3.3"}],
                 "ports": [{"name": "a", "port": 93, "protocol": "TCP"}, {"name": "b", "port": 76, "protocol": "TCP"}]}
            ]),
        ),
        ("empty subsets", json!([])),
        (
            "no name required for singleton port",
            json!([{"addresses": [{"ip": "10.10.1.1"}], "ports": [{"port": 8675, "protocol": "TCP"}]}]),
        ),
        ("empty ports", json!([{"addresses": [{"ip": "10.10.3.3"}]}])),
    ];
    for (name, subsets) in cases {
        let errs = validate_object(&endpoints(json!({}), subsets));
        assert!(errs.is_empty(), "{name}: {errs:?}");
    }
}

/// TestValidateEndpoints error cases: the first error's type, field and detail (upstream checks
/// type and a detail substring; here the whole message).
#[test]
fn validate_endpoints_error_cases() {
    let port93 = json!([{"name": "a", "port": 93, "protocol": "TCP"}]);
    let cases: Vec<(&str, Value, Value, ErrorType, &str, &str)> = vec![
        (
            "missing namespace",
            json!({"namespace": null}),
            json!([]),
            ErrorType::Required,
            "metadata.namespace",
            "metadata.namespace: Required value",
        ),
        (
            "missing name",
            json!({"name": null}),
            json!([]),
            ErrorType::Required,
            "metadata.name",
            "metadata.name: Required value: name or generateName is required",
        ),
        (
            "invalid namespace",
            json!({"namespace": "no@#invalid.;chars\"allowed"}),
            json!([]),
            ErrorType::Invalid,
            "metadata.namespace",
            "metadata.namespace: Invalid value: \"no@#invalid.;chars\\\"allowed\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ),
        (
            "invalid name",
            json!({"name": "-_Invliad^&Characters"}),
            json!([]),
            ErrorType::Invalid,
            "metadata.name",
            "metadata.name: Invalid value: \"-_Invliad^&Characters\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ),
        (
            "empty addresses",
            json!({}),
            json!([{"ports": port93}]),
            ErrorType::Required,
            "subsets[0]",
            "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
        ),
        (
            "invalid IP",
            json!({}),
            json!([{"addresses": [{"ip": "[2001:0db8:85a3:0042:1000:8a2e:0370:7334]"}], "ports": port93}]),
            ErrorType::Invalid,
            "subsets[0].addresses[0].ip",
            "subsets[0].addresses[0].ip: Invalid value: \"[2001:0db8:85a3:0042:1000:8a2e:0370:7334]\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        ),
        (
            "Multiple ports, one without name",
            json!({}),
            json!([{"addresses": [{"ip": "10.10.1.1"}],
                    "ports": [{"port": 8675, "protocol": "TCP"}, {"name": "b", "port": 309, "protocol": "TCP"}]}]),
            ErrorType::Required,
            "subsets[0].ports[0].name",
            "subsets[0].ports[0].name: Required value",
        ),
        (
            "Invalid port number",
            json!({}),
            json!([{"addresses": [{"ip": "10.10.1.1"}], "ports": [{"name": "a", "port": 66000, "protocol": "TCP"}]}]),
            ErrorType::Invalid,
            "subsets[0].ports[0].port",
            "subsets[0].ports[0].port: Invalid value: 66000: must be between 1 and 65535, inclusive",
        ),
        (
            "Invalid protocol",
            json!({}),
            json!([{"addresses": [{"ip": "10.10.1.1"}], "ports": [{"name": "a", "port": 93, "protocol": "Protocol"}]}]),
            ErrorType::NotSupported,
            "subsets[0].ports[0].protocol",
            "subsets[0].ports[0].protocol: Unsupported value: \"Protocol\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        ),
        (
            "Address missing IP",
            json!({}),
            json!([{"addresses": [{}], "ports": port93}]),
            ErrorType::Invalid,
            "subsets[0].addresses[0].ip",
            "subsets[0].addresses[0].ip: Invalid value: \"\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        ),
        (
            "Port missing number",
            json!({}),
            json!([{"addresses": [{"ip": "10.10.1.1"}], "ports": [{"name": "a", "protocol": "TCP"}]}]),
            ErrorType::Invalid,
            "subsets[0].ports[0].port",
            "subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
        ),
        (
            "Port missing protocol",
            json!({}),
            json!([{"addresses": [{"ip": "10.10.1.1"}], "ports": [{"name": "a", "port": 93}]}]),
            ErrorType::Required,
            "subsets[0].ports[0].protocol",
            "subsets[0].ports[0].protocol: Required value",
        ),
        (
            "Address is loopback",
            json!({}),
            json!([{"addresses": [{"ip": "127.0.0.1"}], "ports": [{"name": "p", "port": 93, "protocol": "TCP"}]}]),
            ErrorType::Invalid,
            "subsets[0].addresses[0].ip",
            "subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
        ),
        (
            "Address is link-local",
            json!({}),
            json!([{"addresses": [{"ip": "169.254.169.254"}], "ports": [{"name": "p", "port": 93, "protocol": "TCP"}]}]),
            ErrorType::Invalid,
            "subsets[0].addresses[0].ip",
            "subsets[0].addresses[0].ip: Invalid value: \"169.254.169.254\": may not be in the link-local range (169.254.0.0/16, fe80::/10)",
        ),
        (
            "Address is link-local multicast",
            json!({}),
            json!([{"addresses": [{"ip": "224.0.0.1"}], "ports": [{"name": "p", "port": 93, "protocol": "TCP"}]}]),
            ErrorType::Invalid,
            "subsets[0].addresses[0].ip",
            "subsets[0].addresses[0].ip: Invalid value: \"224.0.0.1\": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
        ),
    ];
    for (name, meta, subsets, ty, field, msg) in cases {
        // The kind's own rule: `validate_object` would fill the request's namespace first.
        let Object::Endpoints(ep) = endpoints(meta, subsets) else {
            unreachable!()
        };
        let errs = validate_endpoints(&ep);
        let first = errs.first().unwrap_or_else(|| panic!("{name}: no error"));
        assert_eq!(
            (first.type_, first.field.as_str(), first.message()),
            (ty, field, msg.to_string()),
            "{name}"
        );
    }
}

#[test]
fn validate_endpoint_address_node_name_and_hostname() {
    // endpoints_test.go TestEndpointAddressNodeNameInvalidDNSSubdomain,
    // TestEndpointAddressNodeNameCanBeAnIPAddress; validateEndpointAddress's hostname rule; an
    // unparsable IP also fails ValidateNonSpecialIP ("must be a valid IP address").
    let sub = |addr: Value| json!([{"addresses": [addr], "ports": [{"name": "https", "port": 443, "protocol": "TCP"}]}]);
    let errs = validate_object(&endpoints(
        json!({}),
        sub(json!({"ip": "8.8.8.8", "hostname": "zookeeper1", "nodeName": "illegal*.nodename"})),
    ));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field, "subsets[0].addresses[0].nodeName");
    assert!(
        validate_object(&endpoints(
            json!({}),
            sub(json!({"ip": "8.8.8.8", "hostname": "zookeeper1", "nodeName": "10.10.1.1"}))
        ))
        .is_empty()
    );
    let errs = validate_object(&endpoints(
        json!({}),
        sub(json!({"ip": "8.8.8.8", "hostname": "Zoo_1"})),
    ));
    assert_eq!(errs[0].field, "subsets[0].addresses[0].hostname");
    let errs = validate_object(&endpoints(json!({}), sub(json!({"ip": "nope"}))));
    let details: Vec<&str> = errs.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(
        details,
        vec![
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            "must be a valid IP address"
        ]
    );
    // A name that is a DNS subdomain but no DNS-1035 label is fine (ValidateEndpointsName is
    // NameIsDNSSubdomain, unlike the Service's rule).
    assert!(validate_object(&endpoints(json!({"name": "1.web"}), json!([]))).is_empty());
}

#[test]
fn set_defaults_endpoints_protocol_tcp() {
    // pkg/apis/core/v1/defaults_test.go TestSetDefaultEndpointsProtocol.
    let mut o = endpoints(
        json!({}),
        json!([{"addresses": [{"ip": "10.0.0.1"}],
                "ports": [{"name": "a", "port": 1}, {"name": "b", "port": 2, "protocol": "UDP"}]}]),
    );
    default_object(&mut o);
    let Object::Endpoints(e) = o else {
        unreachable!()
    };
    let protos: Vec<&str> = e.subsets[0]
        .ports
        .iter()
        .map(|p| p.protocol.as_str())
        .collect();
    assert_eq!(protos, vec!["TCP", "UDP"]);
}

#[test]
fn decode_endpoints_with_positions_and_warnings() {
    // decode: `kind: Endpoints` is a known type; unknown fields warn with their path; Go type
    // errors name core/v1's `EndpointPort`.
    let text = "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: db\nsubsets:\n- addresses:\n  - ip: 10.0.0.1\n    nodname: n1\n  ports:\n  - port: 5432\n";
    let out = decode("ep.yaml", text);
    let doc = &out.documents[0];
    let Some(Object::Endpoints(e)) = &doc.object else {
        panic!("{:?}", doc.diagnostics)
    };
    assert_eq!(e.subsets[0].addresses[0].ip, "10.0.0.1");
    assert_eq!(e.subsets[0].ports[0].port, 5432);
    let w: Vec<&str> = doc
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(w, vec!["unknown field \"subsets[0].addresses[0].nodname\""]);
    let span = doc.source.lookup("subsets[0].ports[0].port");
    assert_eq!((span.line, span.column), (10, 11));

    let bad = decode(
        "ep.yaml",
        "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: db\nsubsets:\n- ports:\n  - port: http\n",
    );
    let d = &bad.documents[0];
    assert!(d.object.is_none());
    assert_eq!(
        d.diagnostics[0].message,
        "Endpoints in version \"v1\" cannot be handled as a Endpoints: json: cannot unmarshal string into Go struct field EndpointPort.subsets.ports.port of type int32"
    );
}
