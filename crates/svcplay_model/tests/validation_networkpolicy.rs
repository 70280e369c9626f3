//! networking.k8s.io/v1 NetworkPolicy: decoding, `SetDefaults_NetworkPolicy(Port)` and
//! `ValidateNetworkPolicy`. Each case cites the upstream test or function it reproduces.

use serde_json::{Value, json};
use svcplay_model::decode;
use svcplay_model::defaults::default_object;
use svcplay_model::types::*;
use svcplay_model::validation::validate_object;

fn policy(spec: Value) -> Object {
    Object::NetworkPolicy(
        serde_json::from_value(
            json!({"metadata": {"name": "bar", "namespace": "foo"}, "spec": spec}),
        )
        .unwrap(),
    )
}

fn messages(spec: Value) -> Vec<String> {
    validate_object(&policy(spec))
        .iter()
        .map(|e| e.message())
        .collect()
}

/// pkg/apis/networking/validation/validation_test.go TestValidateNetworkPolicy, success cases
/// (a representative subset of its `successCases`).
#[test]
fn valid_network_policies() {
    let cases = [
        json!({"podSelector": {"matchLabels": {"a": "b"}}}),
        json!({"podSelector": {"matchLabels": {"a": "b"}}, "ingress": [{"from": [{"podSelector": {"matchLabels": {"c": "d"}}}]}]}),
        json!({"podSelector": {"matchLabels": {"a": "b"}}, "ingress": [{"ports": [{"protocol": "TCP", "port": 80}, {"protocol": "UDP", "port": "dns"}]}]}),
        json!({"podSelector": {}, "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"c": "d"}}, "podSelector": {"matchLabels": {"e": "f"}}}]}]}),
        json!({"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "192.168.0.0/16", "except": ["192.168.3.0/24", "192.168.4.0/24"]}}]}]}),
        json!({"podSelector": {}, "egress": [{"to": [{"ipBlock": {"cidr": "fd00:192:168::/48", "except": ["fd00:192:168:3::/64"]}}]}], "policyTypes": ["Egress"]}),
        json!({"podSelector": {}, "egress": [{"ports": [{"protocol": "TCP", "port": 32000, "endPort": 32768}]}], "policyTypes": ["Ingress", "Egress"]}),
        json!({"podSelector": {}, "egress": [{"ports": [{"protocol": "TCP", "port": 32000, "endPort": 32000}]}]}),
    ];
    for spec in cases {
        let mut o = policy(spec.clone());
        default_object(&mut o);
        let errs = validate_object(&o);
        assert!(errs.is_empty(), "{spec}: {errs:?}");
    }
}

/// TestValidateNetworkPolicy error cases (`errorCases`), each with the full message.
#[test]
fn invalid_network_policies() {
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "namespaceSelector and ipBlock",
            json!({"podSelector": {}, "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"c": "d"}}, "ipBlock": {"cidr": "192.168.0.0/16"}}]}]}),
            "spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer",
        ),
        (
            "podSelector and ipBlock",
            json!({"podSelector": {}, "egress": [{"to": [{"podSelector": {"matchLabels": {"c": "d"}}, "ipBlock": {"cidr": "192.168.0.0/16"}}]}]}),
            "spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer",
        ),
        (
            "missing from and to type",
            json!({"podSelector": {}, "ingress": [{"from": [{}]}]}),
            "spec.ingress[0].from[0]: Required value: must specify a peer",
        ),
        (
            "invalid spec.podSelector",
            json!({"podSelector": {"matchLabels": {"a": "b c"}}}),
            "spec.podSelector.matchLabels: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
        (
            "invalid ingress.ports.protocol",
            json!({"podSelector": {}, "ingress": [{"ports": [{"protocol": "FOO", "port": 80}]}]}),
            "spec.ingress[0].ports[0].protocol: Unsupported value: \"FOO\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        ),
        (
            "invalid ingress.ports.port (int)",
            json!({"podSelector": {}, "ingress": [{"ports": [{"protocol": "TCP", "port": 123456789}]}]}),
            "spec.ingress[0].ports[0].port: Invalid value: 123456789: must be between 1 and 65535, inclusive",
        ),
        (
            "invalid ingress.ports.port (str)",
            json!({"podSelector": {}, "ingress": [{"ports": [{"protocol": "TCP", "port": "!@#$"}]}]}),
            "spec.ingress[0].ports[0].port: Invalid value: \"!@#$\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
        ),
        (
            "missing cidr field",
            json!({"podSelector": {}, "ingress": [{"from": [{"ipBlock": {}}]}]}),
            "spec.ingress[0].from[0].ipBlock.cidr: Required value",
        ),
        (
            "invalid cidr format",
            json!({"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "192.168.5.6"}}]}]}),
            "spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"192.168.5.6\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
        ),
        (
            "except field is an empty string",
            json!({"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "192.168.8.0/24", "except": ["", " "]}}]}]}),
            "spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: \"\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
        ),
        (
            "except IP is outside of CIDR range",
            json!({"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "192.168.8.0/24", "except": ["192.168.9.1/24"]}}]}]}),
            "spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: \"192.168.9.1/24\": must be a strict subset of `cidr`",
        ),
        (
            "except IP is not strictly within CIDR range",
            json!({"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "192.168.0.0/24", "except": ["192.168.0.0/24"]}}]}]}),
            "spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: \"192.168.0.0/24\": must be a strict subset of `cidr`",
        ),
        (
            "invalid policyTypes",
            json!({"podSelector": {}, "policyTypes": ["foo"]}),
            "spec.policyTypes[0]: Unsupported value: \"foo\": supported values: \"Egress\", \"Ingress\"",
        ),
        (
            "too many policyTypes",
            json!({"podSelector": {}, "policyTypes": ["Egress", "Ingress", "foo"]}),
            "spec.policyTypes: Invalid value: []networking.PolicyType{\"Egress\", \"Ingress\", \"foo\"}: may not specify more than two policyTypes",
        ),
        (
            "multiple ports defined, one port range is invalid",
            json!({"podSelector": {}, "egress": [{"ports": [{"protocol": "UDP", "port": 35000, "endPort": 32768}, {"protocol": "TCP", "port": 32000, "endPort": 32768}]}]}),
            "spec.egress[0].ports[0].endPort: Invalid value: 32768: must be greater than or equal to `port`",
        ),
        (
            "endPort defined with named/string port",
            json!({"podSelector": {}, "egress": [{"ports": [{"protocol": "UDP", "port": "dns", "endPort": 32768}]}]}),
            "spec.egress[0].ports[0].endPort: Invalid value: 32768: may not be specified when `port` is non-numeric",
        ),
        (
            "endPort defined without port defined",
            json!({"podSelector": {}, "egress": [{"ports": [{"protocol": "TCP", "endPort": 32768}]}]}),
            "spec.egress[0].ports[0].endPort: Invalid value: 32768: may not be specified when `port` is not specified",
        ),
        (
            "port is greater than endPort",
            json!({"podSelector": {}, "egress": [{"ports": [{"protocol": "SCTP", "port": 35000, "endPort": 32768}]}]}),
            "spec.egress[0].ports[0].endPort: Invalid value: 32768: must be greater than or equal to `port`",
        ),
        (
            "multiple invalid port ranges defined",
            json!({"podSelector": {}, "egress": [{"ports": [{"protocol": "UDP", "port": 35000, "endPort": 65536}]}]}),
            "spec.egress[0].ports[0].endPort: Invalid value: 65536: must be between 1 and 65535, inclusive",
        ),
    ];
    for (name, spec, want) in cases {
        let got = messages(spec);
        assert!(
            got.iter().any(|m| m == want),
            "{name}: want {want:?}, got {got:?}"
        );
    }
}

/// pkg/apis/networking/v1/defaults_test.go TestSetDefaultNetworkPolicy: `policyTypes` from the
/// presence of egress rules; explicit `policyTypes` kept; port protocol TCP.
#[test]
fn defaults_policy_types_and_protocol() {
    let cases = [
        (json!({"podSelector": {}}), vec!["Ingress"]),
        (json!({"podSelector": {}, "ingress": [{}]}), vec!["Ingress"]),
        (
            json!({"podSelector": {}, "egress": [{}]}),
            vec!["Ingress", "Egress"],
        ),
        (
            json!({"podSelector": {}, "egress": [{}], "policyTypes": ["Egress"]}),
            vec!["Egress"],
        ),
    ];
    for (spec, want) in cases {
        let mut o = policy(spec.clone());
        default_object(&mut o);
        let Object::NetworkPolicy(np) = o else {
            unreachable!()
        };
        assert_eq!(np.spec.policy_types, want, "{spec}");
    }
    let mut o = policy(
        json!({"podSelector": {}, "ingress": [{"ports": [{"port": 80}, {"protocol": "UDP"}]}]}),
    );
    default_object(&mut o);
    let Object::NetworkPolicy(np) = o else {
        unreachable!()
    };
    let protos: Vec<_> = np.spec.ingress[0]
        .ports
        .iter()
        .map(|p| p.protocol.clone())
        .collect();
    assert_eq!(protos, [Some("TCP".to_string()), Some("UDP".to_string())]);
}

/// A NetworkPolicy now decodes as a typed object (no longer an unsimulated kind); a wrong type
/// names the Go struct.
#[test]
fn decodes_typed() {
    let src = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n";
    let out = decode("np.yaml", src);
    let obj = out.documents[0].object.as_ref().expect("decodes");
    assert!(matches!(obj, Object::NetworkPolicy(_)), "{obj:?}");
    let bad = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - endPort: abc\n";
    let out = decode("np.yaml", bad);
    let msgs: Vec<String> = out.all_diagnostics().map(|d| d.message.clone()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("NetworkPolicyPort.spec.ingress.ports.endPort")),
        "{msgs:?}"
    );
}
