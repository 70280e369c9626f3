//! Upstream Kubernetes' own validation test tables, walked case by case for the kinds other
//! than Service (Kubernetes 1.33, default feature gates). Each table row names the upstream
//! test and case it reproduces; the expected error count is upstream's, and where upstream
//! pins a field or message the row pins it too.

use svcplay_model::field::FieldError;
use svcplay_model::types::*;
use svcplay_model::validation::endpointslice::validate_endpoint_slice;

fn render(errs: &[FieldError]) -> Vec<String> {
    errs.iter().map(|e| e.message()).collect()
}

// ---------------------------------------------------------------------------------------------
// pkg/apis/discovery/validation/validation_test.go
// ---------------------------------------------------------------------------------------------

fn std_meta() -> ObjectMeta {
    ObjectMeta {
        name: "hello".into(),
        namespace: "world".into(),
        ..Default::default()
    }
}

fn eport(name: &str, protocol: &str) -> EndpointPort {
    EndpointPort {
        name: Some(name.into()),
        protocol: Some(protocol.into()),
        port: None,
        app_protocol: None,
    }
}

fn ips(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("10.1.2.{}", i % 255)).collect()
}

fn ep(addresses: Vec<String>) -> Endpoint {
    Endpoint {
        addresses,
        ..Default::default()
    }
}

fn ep_host(addresses: &[&str]) -> Endpoint {
    Endpoint {
        addresses: addresses.iter().map(|s| s.to_string()).collect(),
        hostname: Some("valid-123".into()),
        ..Default::default()
    }
}

fn gen_ports(n: usize) -> Vec<EndpointPort> {
    (0..n).map(|i| eport(&format!("http-{i}"), "TCP")).collect()
}

fn es(address_type: &str, ports: Vec<EndpointPort>, endpoints: Vec<Endpoint>) -> EndpointSlice {
    EndpointSlice {
        metadata: std_meta(),
        address_type: address_type.into(),
        ports,
        endpoints,
        ..Default::default()
    }
}

fn http() -> Vec<EndpointPort> {
    vec![eport("http", "TCP")]
}

fn with_hints(zones: &[&str]) -> EndpointSlice {
    let mut e = ep(ips(1));
    e.hints = Some(EndpointHints {
        for_zones: zones
            .iter()
            .map(|z| ForZone {
                name: z.to_string(),
            })
            .collect(),
        for_nodes: vec![],
    });
    es("IPv4", http(), vec![e])
}

const LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/// `(upstream case, slice, expected count, expected messages when pinned)`.
type SliceCase = (&'static str, EndpointSlice, usize, Vec<String>);

fn endpoint_slice_cases() -> Vec<SliceCase> {
    let s = |v: &str| v.to_string();
    let mut cases: Vec<SliceCase> = vec![
        // TestValidateEndpointSlice
        (
            "good-slice",
            es("IPv4", http(), vec![ep_host(&["10.1.2.0"])]),
            0,
            vec![],
        ),
        (
            "good-ipv6",
            es("IPv6", http(), vec![ep_host(&["a00:100::4"])]),
            0,
            vec![],
        ),
        (
            "good-fqdns",
            es(
                "FQDN",
                http(),
                vec![ep_host(&[
                    "foo.example.com",
                    "example.com",
                    "example.com.",
                    "hyphens-are-good.example.com",
                ])],
            ),
            0,
            vec![],
        ),
        (
            "all-protocols",
            es(
                "IPv4",
                vec![
                    eport("tcp", "TCP"),
                    eport("udp", "UDP"),
                    eport("sctp", "SCTP"),
                ],
                vec![ep_host(&["10.1.2.0"])],
            ),
            0,
            vec![],
        ),
        (
            "app-protocols",
            es(
                "IPv4",
                [
                    "HTTP",
                    "https",
                    "my-protocol",
                    "example.com/custom-protocol",
                ]
                .iter()
                .enumerate()
                .map(|(i, ap)| EndpointPort {
                    app_protocol: Some(ap.to_string()),
                    ..eport(["one", "two", "three", "four"][i], "TCP")
                })
                .collect(),
                vec![ep_host(&["10.1.2.0"])],
            ),
            0,
            vec![],
        ),
        (
            "empty-port-name",
            es(
                "IPv4",
                vec![eport("", "TCP"), eport("http", "TCP")],
                vec![ep(ips(1))],
            ),
            0,
            vec![],
        ),
        (
            "long-port-name",
            es(
                "IPv4",
                vec![eport(&"a".repeat(63), "TCP")],
                vec![ep(ips(1))],
            ),
            0,
            vec![],
        ),
        (
            "empty-ports-and-endpoints",
            es("IPv4", vec![], vec![]),
            0,
            vec![],
        ),
        (
            "max-endpoints",
            es(
                "IPv4",
                gen_ports(1),
                (0..1000)
                    .map(|i| ep(vec![format!("10.1.2.{}", i % 255)]))
                    .collect(),
            ),
            0,
            vec![],
        ),
        ("max-ports", es("IPv4", gen_ports(20000), vec![]), 0, vec![]),
        (
            "max-addresses",
            es("IPv4", http(), vec![ep(ips(100))]),
            0,
            vec![],
        ),
        ("valid-hints", with_hints(&["zone-a"]), 0, vec![]),
        // expected failures
        (
            "duplicate-port-name",
            es("IPv4", vec![eport("", "TCP"), eport("", "TCP")], vec![]),
            1,
            vec![s("ports[1].name: Duplicate value: \"\"")],
        ),
        (
            "bad-port-name-caps",
            es("IPv4", vec![eport("aCapital", "TCP")], vec![]),
            1,
            vec![format!(
                "ports[0].name: Invalid value: \"aCapital\": {LABEL_MSG}"
            )],
        ),
        (
            "bad-port-name-chars",
            es("IPv4", vec![eport("almost_valid", "TCP")], vec![]),
            1,
            vec![format!(
                "ports[0].name: Invalid value: \"almost_valid\": {LABEL_MSG}"
            )],
        ),
        (
            "bad-port-name-length",
            es("IPv4", vec![eport(&"a".repeat(64), "TCP")], vec![]),
            1,
            vec![format!(
                "ports[0].name: Invalid value: \"{}\": must be no more than 63 characters",
                "a".repeat(64)
            )],
        ),
        (
            "invalid-port-protocol",
            es("IPv4", vec![eport("http", "foo")], vec![]),
            1,
            vec![s(
                "ports[0].protocol: Unsupported value: \"foo\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            )],
        ),
        (
            "too-many-ports",
            es("IPv4", gen_ports(20001), vec![]),
            1,
            vec![s("ports: Too many: 20001: must have at most 20000 items")],
        ),
        (
            "too-many-endpoints",
            es(
                "IPv4",
                gen_ports(1),
                (0..1001)
                    .map(|i| ep(vec![format!("10.1.2.{}", i % 255)]))
                    .collect(),
            ),
            1,
            vec![s("endpoints: Too many: 1001: must have at most 1000 items")],
        ),
        (
            "no-endpoint-addresses",
            es("IPv4", http(), vec![ep(vec![])]),
            1,
            vec![s(
                "endpoints[0].addresses: Required value: must contain at least 1 address",
            )],
        ),
        (
            "too-many-addresses",
            es("IPv4", http(), vec![ep(ips(101))]),
            1,
            vec![s(
                "endpoints[0].addresses: Too many: 101: must have at most 100 items",
            )],
        ),
        (
            "bad-hostname",
            es(
                "IPv4",
                http(),
                vec![Endpoint {
                    hostname: Some("--INVALID".into()),
                    ..ep(ips(1))
                }],
            ),
            1,
            vec![format!(
                "endpoints[0].hostname: Invalid value: \"--INVALID\": {LABEL_MSG}"
            )],
        ),
        (
            "bad-meta",
            EndpointSlice {
                metadata: ObjectMeta {
                    name: "*&^".into(),
                    namespace: "foo".into(),
                    ..Default::default()
                },
                ..es("IPv4", http(), vec![ep_host(&["10.1.2.0"])])
            },
            1,
            vec![s(
                "metadata.name: Invalid value: \"*&^\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            )],
        ),
        // Kubernetes 1.33 (k/k ba189de7 "Slightly improve EndpointSlice address validation",
        // then IsValidIPForLegacyField with StrictIPCIDRValidation off): the address must
        // parse as an IP; only then is its family checked, reported at the unindexed
        // `addresses` path as upstream does, and then ValidateEndpointIP's special ranges.
        (
            "bad-ip",
            es("IPv4", http(), vec![ep_host(&["123.456.789.012"])]),
            1,
            vec![s(
                "endpoints[0].addresses[0]: Invalid value: \"123.456.789.012\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            )],
        ),
        (
            "bad-ipv4",
            es(
                "IPv4",
                http(),
                vec![ep_host(&["123.456.789.012", "2001:4860:4860::8888"])],
            ),
            2,
            vec![
                s(
                    "endpoints[0].addresses[0]: Invalid value: \"123.456.789.012\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                ),
                s(
                    "endpoints[0].addresses: Invalid value: \"2001:4860:4860::8888\": must be an IPv4 address",
                ),
            ],
        ),
        (
            "bad-ipv6",
            es(
                "IPv6",
                http(),
                vec![ep_host(&["123.456.789.012", "2001:4860:4860:defg"])],
            ),
            2,
            vec![
                s(
                    "endpoints[0].addresses[0]: Invalid value: \"123.456.789.012\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                ),
                s(
                    "endpoints[0].addresses[1]: Invalid value: \"2001:4860:4860:defg\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                ),
            ],
        ),
        (
            "IPv4 address in an IPv6 slice (family check, then special ranges)",
            es("IPv6", http(), vec![ep_host(&["127.0.0.1"])]),
            2,
            vec![
                s("endpoints[0].addresses: Invalid value: \"127.0.0.1\": must be an IPv6 address"),
                s(
                    "endpoints[0].addresses[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
                ),
            ],
        ),
        (
            "bad-fqdns",
            es(
                "FQDN",
                http(),
                vec![ep_host(&[
                    "foo.*",
                    "FOO.example.com",
                    "underscores_are_bad.example.com",
                    "*.example.com",
                ])],
            ),
            4,
            [
                "foo.*",
                "FOO.example.com",
                "underscores_are_bad.example.com",
                "*.example.com",
            ]
            .iter()
            .enumerate()
            .map(|(k, a)| {
                format!("endpoints[0].addresses[{k}]: Invalid value: \"{a}\": {SUBDOMAIN_MSG}")
            })
            .collect(),
        ),
        (
            "bad-app-protocol",
            es(
                "IPv4",
                vec![EndpointPort {
                    app_protocol: Some("--".into()),
                    ..eport("http", "TCP")
                }],
                vec![ep_host(&["10.1.2.0"])],
            ),
            1,
            vec![],
        ),
        ("invalid-hints", with_hints(&["inv@lid"]), 1, vec![]),
        (
            "overlapping-hints",
            with_hints(&["zone-a", "zone-b", "zone-a"]),
            1,
            vec![s(
                "endpoints[0].hints.forZones[2].name: Duplicate value: \"zone-a\"",
            )],
        ),
        (
            "too-many-hints",
            with_hints(&[
                "zone-a", "zone-b", "zone-c", "zone-d", "zone-e", "zone-f", "zone-g", "zone-h",
                "zone-i",
            ]),
            1,
            vec![s(
                "endpoints[0].hints.forZones: Too many: 9: must have at most 8 items",
            )],
        ),
        (
            "empty-everything",
            EndpointSlice::default(),
            3,
            vec![
                s("metadata.name: Required value: name or generateName is required"),
                s("metadata.namespace: Required value"),
                s("addressType: Required value"),
            ],
        ),
        (
            "special-ipv4",
            es("IPv4", http(), vec![ep_host(&["127.0.0.1"])]),
            1,
            vec![s(
                "endpoints[0].addresses[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            )],
        ),
        (
            "special-ipv6",
            es(
                "IPv6",
                http(),
                vec![ep_host(&["fe80::9656:d028:8652:66b6"])],
            ),
            1,
            vec![s(
                "endpoints[0].addresses[0]: Invalid value: \"fe80::9656:d028:8652:66b6\": may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            )],
        ),
    ];
    // TestValidateEndpointSliceCreate
    cases.push((
        "create good-slice-node-name",
        es(
            "IPv4",
            http(),
            vec![Endpoint {
                node_name: Some("valid-node-name".into()),
                ..ep_host(&["10.1.2.0"])
            }],
        ),
        0,
        vec![],
    ));
    cases.push((
        "create bad-node-name",
        es(
            "IPv4",
            http(),
            vec![Endpoint {
                node_name: Some("INvalid-node-name".into()),
                ..ep_host(&["10.1.2.0"])
            }],
        ),
        1,
        vec![],
    ));
    cases.push((
        "create deprecated-address-type",
        es("IP", http(), vec![ep(ips(1))]),
        1,
        vec![s(
            "addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"",
        )],
    ));
    // The four `deprecatedTopology` cases (`generateTopology(n)`: keys `key0`… valued `value0`…).
    let topo = |m: StringMap| {
        let mut e = ep(ips(1));
        e.deprecated_topology = m;
        es("IPv4", http(), vec![e])
    };
    let generated = |n: usize| -> StringMap {
        (0..n)
            .map(|i| (format!("key{i}"), format!("value{i}")))
            .collect()
    };
    cases.push(("max-topology-keys", topo(generated(16)), 0, vec![]));
    cases.push((
        "bad-topology-key",
        topo(map1("--INVALID", "example")),
        1,
        vec![],
    ));
    cases.push((
        "too-many-topology-keys",
        topo(generated(17)),
        1,
        vec![s(
            "endpoints[0].deprecatedTopology: Too many: 17: must have at most 16 items",
        )],
    ));
    cases.push((
        "zone-key-topology",
        topo(map1("topology.kubernetes.io/zone", "zone1")),
        1,
        vec![s(
            "endpoints[0].deprecatedTopology[topology.kubernetes.io/zone]: Internal error: reserved key was not removed in conversion",
        )],
    ));
    cases.push((
        "create bad-address-type",
        es("other", http(), vec![ep(ips(1))]),
        1,
        vec![s(
            "addressType: Unsupported value: \"other\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"",
        )],
    ));
    cases
}

// discovery validation_test.go TestValidateEndpointSlice and TestValidateEndpointSliceCreate.
#[test]
fn endpoint_slice_table() {
    let mut failures = Vec::new();
    for (name, slice, count, want) in endpoint_slice_cases() {
        let got = render(&validate_endpoint_slice(&slice));
        if got.len() != count || (!want.is_empty() && got != want) {
            failures.push(format!("{name}: want {count} {want:#?}\n got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation_test.go and
// staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta_test.go
// ---------------------------------------------------------------------------------------------

use svcplay_model::field::Path;
use svcplay_model::validation::meta::{
    TOTAL_ANNOTATION_SIZE_LIMIT, validate_annotations, validate_labels, validate_object_meta,
    validate_owner_references,
};
use svcplay_model::validation::names::NameRule;

fn map1(k: &str, v: &str) -> StringMap {
    let mut m = StringMap::new();
    m.insert(k.into(), v.into());
    m
}

const NAME_PART: &str = "name part must consist of";
// Kubernetes 1.33 (util/validation IsQualifiedName) says "a qualified name"; the "a valid label
// key" wording of newer test tables arrived with api/validate/content.IsLabelKey after 1.33.
const NAME_KEY: &str = "a qualified name must consist of";
const LABEL_VALUE: &str = "a valid label must be an empty string or consist of";
const MAX_LEN: &str = "must be no more than";

// validation_test.go (meta/v1) TestValidateLabels: success cases, then one error per key or
// value case whose detail contains upstream's fragment, reported at the map's own path.
#[test]
fn labels_table() {
    let p = Path::new("field");
    for k in [
        "simple",
        "now-with-dashes",
        "1-starts-with-num",
        "1234",
        "simple/simple",
        "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes",
        "now.with.dots/simple",
        "now-with.dashes-and.dots/simple",
        "1-num.2-num/3-num",
        "1234/5678",
        "1.2.3.4/5678",
        "UpperCaseAreOK123",
    ] {
        assert!(validate_labels(&map1(k, "bar"), &p).is_empty(), "{k}");
    }
    assert!(validate_labels(&map1("goodvalue", "123_-.BaR"), &p).is_empty());
    let long_key = "a".repeat(254);
    let long_value = "a".repeat(64);
    let cases: Vec<(StringMap, &str)> = vec![
        (map1("nospecialchars^=@", "bar"), NAME_PART),
        (map1("cantendwithadash-", "bar"), NAME_PART),
        (map1("only/one/slash", "bar"), NAME_KEY),
        (map1(&long_key, "bar"), MAX_LEN),
        (map1("toolongvalue", &long_value), MAX_LEN),
        (map1("backslashesinvalue", "some\\bad\\value"), LABEL_VALUE),
        (map1("nocommasallowed", "bad,value"), LABEL_VALUE),
        (map1("strangecharsinvalue", "?#$notsogood"), LABEL_VALUE),
    ];
    for (m, want) in cases {
        let e = validate_labels(&m, &p);
        assert_eq!(e.len(), 1, "{m:?}: {:#?}", render(&e));
        assert!(e[0].detail.contains(want), "{m:?}: {}", e[0].detail);
        assert_eq!(e[0].field, "field");
    }
    // Exact wording of the value rule (IsValidLabelValue).
    let e = validate_labels(&map1("k", "bad,value"), &p);
    assert_eq!(
        e[0].message(),
        "field: Invalid value: \"bad,value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    );
    let e = validate_labels(&map1("only/one/slash", "v"), &p);
    assert_eq!(
        e[0].message(),
        "field: Invalid value: \"only/one/slash\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
    );
}

// objectmeta_test.go TestValidateAnnotations: keys as label keys (case-insensitive), and the
// total size (keys + values) at most 256 KiB, one "Too long" error at the map's path.
#[test]
fn annotations_table() {
    let p = Path::new("field");
    let limit = TOTAL_ANNOTATION_SIZE_LIMIT;
    assert_eq!(limit, 262_144);
    let mut ok: Vec<StringMap> = [
        "simple",
        "now-with-dashes",
        "1-starts-with-num",
        "1234",
        "simple/simple",
        "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes",
        "now.with.dots/simple",
        "now-with.dashes-and.dots/simple",
        "1-num.2-num/3-num",
        "1234/5678",
        "1.2.3.4/5678",
        "UpperCase123",
    ]
    .iter()
    .map(|k| map1(k, "bar"))
    .collect();
    ok.push(map1("a", &"b".repeat(limit - 1)));
    let mut two = map1("a", &"b".repeat(limit / 2 - 1));
    two.insert("c".into(), "d".repeat(limit / 2 - 1));
    ok.push(two);
    for m in &ok {
        assert!(validate_annotations(m, &p).is_empty());
    }
    let long_key = "a".repeat(254);
    for (m, want) in [
        (map1("nospecialchars^=@", "bar"), NAME_PART),
        (map1("cantendwithadash-", "bar"), NAME_PART),
        (map1("only/one/slash", "bar"), NAME_KEY),
        (map1(&long_key, "bar"), MAX_LEN),
    ] {
        let e = validate_annotations(&m, &p);
        assert_eq!(e.len(), 1, "{:#?}", render(&e));
        assert!(e[0].detail.contains(want), "{}", e[0].detail);
    }
    let mut two = map1("a", &"b".repeat(limit / 2));
    two.insert("c".into(), "d".repeat(limit / 2));
    for m in [map1("a", &"b".repeat(limit)), two] {
        assert_eq!(
            render(&validate_annotations(&m, &p)),
            vec!["field: Too long: may not be more than 262144 bytes"]
        );
    }
}

// objectmeta_test.go TestValidateObjectMetaNamespaces: "foo.bar" is one Invalid error; a
// 64-character mixed-case namespace gives two (format and length).
#[test]
fn object_meta_namespaces() {
    let p = Path::new("field");
    let m = |ns: &str| ObjectMeta {
        name: "test".into(),
        namespace: ns.into(),
        ..Default::default()
    };
    let e = render(&validate_object_meta(
        &m("foo.bar"),
        true,
        NameRule::Dns1123Subdomain,
        &p,
    ));
    assert_eq!(e.len(), 1);
    assert!(e[0].contains("Invalid value: \"foo.bar\""), "{e:?}");
    let long: String = "aB3".repeat(22)[..64].to_string();
    let e = render(&validate_object_meta(
        &m(&long),
        true,
        NameRule::Dns1123Subdomain,
        &p,
    ));
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e.iter().all(|x| x.contains("Invalid value")));
}

// objectmeta_test.go TestValidateObjectMetaTrimsTrailingDash and the generateName handling of
// ValidateObjectMetaAccessor: a prefix may end in '-'; a bad prefix is reported at
// `generateName` as well as the generated name at `name`.
#[test]
fn object_meta_generate_name() {
    let p = Path::new("field");
    let m = ObjectMeta {
        name: "test".into(),
        generate_name: "foo-".into(),
        ..Default::default()
    };
    assert!(validate_object_meta(&m, false, NameRule::Dns1123Subdomain, &p).is_empty());
    let m = ObjectMeta {
        name: "Foo_x1".into(),
        generate_name: "Foo_".into(),
        ..Default::default()
    };
    let e = validate_object_meta(&m, false, NameRule::Dns1123Subdomain, &p);
    let fields: Vec<&str> = e.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(fields, vec!["field.generateName", "field.name"]);
}

fn oref(api: &str, kind: &str, uid: &str, controller: Option<bool>) -> OwnerReference {
    OwnerReference {
        api_version: api.into(),
        kind: kind.into(),
        name: "name".into(),
        uid: uid.into(),
        controller,
        ..Default::default()
    }
}

// objectmeta_test.go TestValidateObjectMetaOwnerReferences. For "a/b/c" and "foo/" Kubernetes
// 1.33 still reports "version must not be empty" (schema.FromAPIVersionAndKind drops an
// unparsable apiVersion); the "must be <group>/<version> or <version>" wording is newer.
#[test]
fn owner_references_table() {
    let p = Path::new("field").child("ownerReferences");
    let cases: Vec<(&str, Vec<OwnerReference>, Option<&str>)> = vec![
        (
            "simple success - third party extension.",
            vec![oref(
                "customresourceVersion",
                "customresourceKind",
                "1",
                None,
            )],
            None,
        ),
        (
            "simple failures - event shouldn't be set as an owner",
            vec![oref("v1", "Event", "1", None)],
            Some("is disallowed from being an owner"),
        ),
        (
            "simple failures - invalid apiVersion with too many slashes",
            vec![oref("a/b/c", "Pod", "1", None)],
            Some(
                "field.ownerReferences.apiVersion: Invalid value: \"a/b/c\": version must not be empty",
            ),
        ),
        (
            "simple failures - invalid apiVersion with empty version",
            vec![oref("foo/", "Pod", "1", None)],
            Some(
                "field.ownerReferences.apiVersion: Invalid value: \"foo/\": version must not be empty",
            ),
        ),
        (
            "simple success - apiVersion with no slashes (legacy core group)",
            vec![oref("v1", "Pod", "1", None)],
            None,
        ),
        (
            "simple controller ref success - one reference with Controller set",
            vec![
                oref(
                    "customresourceVersion",
                    "customresourceKind",
                    "1",
                    Some(false),
                ),
                oref(
                    "customresourceVersion",
                    "customresourceKind",
                    "2",
                    Some(true),
                ),
                oref(
                    "customresourceVersion",
                    "customresourceKind",
                    "3",
                    Some(false),
                ),
                oref("customresourceVersion", "customresourceKind", "4", None),
            ],
            None,
        ),
        (
            "simple controller ref failure - two references with Controller set",
            vec![
                oref(
                    "customresourceVersion",
                    "customresourceKind1",
                    "1",
                    Some(false),
                ),
                oref(
                    "customresourceVersion",
                    "customresourceKind2",
                    "2",
                    Some(true),
                ),
                oref(
                    "customresourceVersion",
                    "customresourceKind3",
                    "3",
                    Some(true),
                ),
                oref("customresourceVersion", "customresourceKind4", "4", None),
            ],
            Some(
                "Only one reference can have Controller set to true. Found \"true\" in references for customresourceKind2/name and customresourceKind3/name",
            ),
        ),
    ];
    for (name, refs, want) in cases {
        let e = render(&validate_owner_references(&refs, &p));
        match want {
            None => assert!(e.is_empty(), "{name}: {e:#?}"),
            Some(w) => {
                assert_eq!(e.len(), 1, "{name}: {e:#?}");
                assert!(e[0].contains(w), "{name}: {e:#?}");
            }
        }
    }
    // The Event ban prints the GroupVersionKind as "/v1, Kind=Event".
    let e = render(&validate_owner_references(
        &[oref("v1", "Event", "1", None)],
        &p,
    ));
    assert!(e[0].ends_with(": /v1, Kind=Event is disallowed from being an owner"));
}

// objectmeta_test.go TestValidateFinalizersPreventConflictingFinalizers.
#[test]
fn conflicting_finalizers() {
    let m = ObjectMeta {
        name: "test".into(),
        finalizers: vec!["orphan".into(), "foregroundDeletion".into()],
        ..Default::default()
    };
    let e = render(&validate_object_meta(
        &m,
        false,
        NameRule::Dns1123Subdomain,
        &Path::new("field"),
    ));
    assert_eq!(
        e,
        vec![
            "field.finalizers: Invalid value: []string{\"orphan\", \"foregroundDeletion\"}: finalizer orphan and foregroundDeletion cannot be both set"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// pkg/apis/apps/validation/validation_test.go (objects written as JSON, which is YAML, and run
// through decode → default → validate as `svcplay` does)
// ---------------------------------------------------------------------------------------------

use serde_json::{Value, json};
use svcplay_model::decode::decode;
use svcplay_model::defaults::default_object;
use svcplay_model::validation::validate_object;

/// Decodes one document, defaults it and validates it.
fn run_json(v: &Value) -> Vec<FieldError> {
    let out = decode("t.yaml", &v.to_string());
    let doc = out.documents.first().expect("one document");
    let mut obj = doc
        .object
        .clone()
        .unwrap_or_else(|| panic!("decodes: {:?}", doc.diagnostics));
    default_object(&mut obj);
    validate_object(&obj)
}

fn valid_pod_template() -> Value {
    json!({
        "metadata": {"labels": {"name": "abc"}},
        "spec": {
            "restartPolicy": "Always",
            "dnsPolicy": "ClusterFirst",
            "containers": [{"name": "nginx", "image": "image", "imagePullPolicy": "IfNotPresent",
                            "terminationMessagePolicy": "File"}]
        }
    })
}

/// validation_test.go `validDeployment()` (without `rollbackTo`, which apps/v1 does not have).
fn valid_deployment() -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "abc", "namespace": "default"},
        "spec": {
            "selector": {"matchLabels": {"name": "abc"}},
            "strategy": {"type": "RollingUpdate",
                         "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 1}},
            "template": valid_pod_template()
        }
    })
}

fn patched(mut v: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    v.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("parent object")
        .insert(key.to_string(), value);
    v
}

// apps validation_test.go TestValidateDeployment: the valid deployment passes; each error case
// is keyed by a fragment of its first error's message.
#[test]
fn deployment_table() {
    assert!(render(&run_json(&valid_deployment())).is_empty());
    let d = valid_deployment;
    let cases: Vec<(&str, Value)> = vec![
        (
            "metadata.name: Required value",
            json!({"apiVersion": "apps/v1", "kind": "Deployment",
                   "metadata": {"namespace": "default"}}),
        ),
        (
            "`selector` does not match template `labels`",
            patched(
                d(),
                "/spec/selector",
                json!({"matchLabels": {"name": "def"}}),
            ),
        ),
        (
            "Unsupported value: \"Never\"",
            patched(d(), "/spec/template/spec/restartPolicy", json!("Never")),
        ),
        (
            "supported values: \"Recreate\", \"RollingUpdate\"",
            patched(d(), "/spec/strategy/type", json!("randomType")),
        ),
        (
            "may not be specified when strategy `type` is 'Recreate'",
            patched(
                d(),
                "/spec/strategy",
                json!({"type": "Recreate", "rollingUpdate": {}}),
            ),
        ),
        (
            "a valid percent string must be",
            patched(
                d(),
                "/spec/strategy/rollingUpdate",
                json!({"maxSurge": "20Percent"}),
            ),
        ),
        (
            "may not be 0 when `maxSurge` is 0",
            patched(
                d(),
                "/spec/strategy/rollingUpdate",
                json!({"maxSurge": "0%", "maxUnavailable": 0}),
            ),
        ),
        (
            "must not be greater than 100%",
            patched(
                d(),
                "/spec/strategy/rollingUpdate",
                json!({"maxUnavailable": "110%"}),
            ),
        ),
        (
            "must be greater than minReadySeconds",
            patched(
                patched(d(), "/spec/progressDeadlineSeconds", json!(600)),
                "/spec/minReadySeconds",
                json!(600),
            ),
        ),
        (
            "ephemeral containers not allowed in pod template",
            patched(
                d(),
                "/spec/template/spec/ephemeralContainers",
                json!([{"name": "debug", "image": "image", "imagePullPolicy": "IfNotPresent",
                        "terminationMessagePolicy": "File"}]),
            ),
        ),
    ];
    let mut failures = Vec::new();
    for (want, v) in cases {
        let got = render(&run_json(&v));
        if !got.first().is_some_and(|e| e.contains(want)) {
            failures.push(format!("{want}: {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The exact wording of the selector mismatch and the ephemeral-containers rule.
    let e = render(&run_json(&patched(
        d(),
        "/spec/selector",
        json!({"matchLabels": {"name": "def"}}),
    )));
    assert_eq!(
        e,
        vec![
            "spec.template.metadata.labels: Invalid value: map[string]string{\"name\":\"abc\"}: `selector` does not match template `labels`"
        ]
    );
    let e = render(&run_json(&patched(
        d(),
        "/spec/template/spec/ephemeralContainers",
        json!([{"name": "debug", "image": "image"}]),
    )));
    assert_eq!(
        e.last().map(String::as_str),
        Some(
            "spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template"
        )
    );
}

fn valid_replica_set() -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "abc", "namespace": "default"},
        "spec": {
            "selector": {"matchLabels": {"name": "abc"}},
            "template": valid_pod_template()
        }
    })
}

// apps validation_test.go TestValidateReplicaSet error cases: each must fail, and every error
// must be at one of the fields upstream's loop allows.
#[test]
fn replica_set_table() {
    assert!(render(&run_json(&valid_replica_set())).is_empty());
    let r = valid_replica_set;
    let bad_key = json!({"NoUppercaseOrSpecialCharsLike=Equals": "bar"});
    let cases: Vec<(&str, Value)> = vec![
        ("zero-length ID", patched(r(), "/metadata/name", json!(""))),
        (
            "empty selector",
            patched(r(), "/spec/selector", Value::Null),
        ),
        (
            "selector_doesnt_match",
            patched(
                r(),
                "/spec/selector",
                json!({"matchLabels": {"foo": "bar"}}),
            ),
        ),
        (
            "invalid manifest",
            patched(r(), "/spec/template", json!({})),
        ),
        (
            "negative_replicas",
            patched(r(), "/spec/replicas", json!(-1)),
        ),
        (
            "invalid_label",
            patched(r(), "/metadata/labels", bad_key.clone()),
        ),
        (
            "invalid_label 2",
            patched(r(), "/spec/template/metadata/labels", bad_key.clone()),
        ),
        (
            "invalid restart policy 1",
            patched(r(), "/spec/template/spec/restartPolicy", json!("OnFailure")),
        ),
        (
            "invalid restart policy 2",
            patched(r(), "/spec/template/spec/restartPolicy", json!("Never")),
        ),
        (
            "invalid annotation",
            patched(r(), "/metadata/annotations", bad_key),
        ),
    ];
    let allowed = [
        "metadata.name",
        "metadata.namespace",
        "spec.selector",
        "spec.template",
        "spec.replicas",
        "spec.template.labels",
        "metadata.annotations",
        "metadata.labels",
    ];
    let mut failures = Vec::new();
    for (name, v) in cases {
        let errs = run_json(&v);
        if errs.is_empty() {
            failures.push(format!("{name}: no error"));
        }
        for e in &errs {
            if !e.field.starts_with("spec.template.") && !allowed.contains(&e.field.as_str()) {
                failures.push(format!("{name}: unexpected field {}", e.message()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // "missing-namespace": upstream validates the object as given (svcplay's validate_object
    // stands in the request's namespace first).
    let mut obj = {
        let out = decode(
            "t.yaml",
            &patched(r(), "/metadata/namespace", json!("")).to_string(),
        );
        out.documents[0].object.clone().expect("decodes")
    };
    default_object(&mut obj);
    let Object::ReplicaSet(rs) = &obj else {
        panic!("a ReplicaSet")
    };
    assert_eq!(
        render(&svcplay_model::validation::apps::validate_replica_set(rs)),
        vec!["metadata.namespace: Required value"]
    );
}

fn valid_pod() -> Value {
    let mut t = valid_pod_template();
    let obj = t.as_object_mut().expect("object");
    obj.insert("apiVersion".into(), json!("v1"));
    obj.insert("kind".into(), json!("Pod"));
    obj.insert(
        "metadata".into(),
        json!({"name": "abc", "namespace": "default"}),
    );
    t
}

// core validation_test.go TestValidatePodCreateWithSchedulingGates / ValidatePodCreate:
// ephemeral containers cannot be set on create; nodeName with scheduling gates is forbidden.
#[test]
fn pod_create_only_rules() {
    assert!(render(&run_json(&valid_pod())).is_empty());
    let e = render(&run_json(&patched(
        valid_pod(),
        "/spec/ephemeralContainers",
        json!([{"name": "debug", "image": "image"}]),
    )));
    assert_eq!(
        e.last().map(String::as_str),
        Some("spec.ephemeralContainers: Forbidden: cannot be set on create")
    );
    let gated = patched(
        patched(
            valid_pod(),
            "/spec/schedulingGates",
            json!([{"name": "foo"}]),
        ),
        "/spec/nodeName",
        json!("node"),
    );
    assert_eq!(
        render(&run_json(&gated)),
        vec!["spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared"]
    );
}

// ---------------------------------------------------------------------------------------------
// pkg/apis/core/validation/validation_test.go: TestValidateNamespace, TestValidateNode
// ---------------------------------------------------------------------------------------------

use svcplay_model::validation::node::{validate_namespace, validate_node};

fn namespace(v: Value) -> Namespace {
    let mut o = json!({"apiVersion": "v1", "kind": "Namespace"});
    o.as_object_mut()
        .expect("object")
        .extend(v.as_object().expect("object").clone());
    let out = decode("t.yaml", &o.to_string());
    match out.documents[0].object.clone() {
        Some(Object::Namespace(n)) => n,
        other => panic!("{other:?}"),
    }
}

// core validation_test.go TestValidateNamespace: success cases, and each error case fails when
// ValidateNamespace runs on the object as given ("defined-namespace" included: only the
// apiserver's BeforeCreate clears a cluster-scoped object's namespace, which svcplay's
// validate_object does before dispatching).
#[test]
fn namespace_table() {
    for ok in [
        json!({"metadata": {"name": "abc", "labels": {"a": "b"}}}),
        json!({"metadata": {"name": "abc-123"},
               "spec": {"finalizers": ["example.com/something", "example.com/other"]}}),
    ] {
        assert!(render(&validate_namespace(&namespace(ok))).is_empty());
    }
    let cases = [
        (
            "zero-length name",
            json!({"metadata": {"name": ""}}),
            vec!["metadata.name: Required value: name or generateName is required"],
        ),
        (
            "defined-namespace",
            json!({"metadata": {"name": "abc-123", "namespace": "makesnosense"}}),
            vec!["metadata.namespace: Forbidden: not allowed on this type"],
        ),
        (
            "invalid-labels",
            json!({"metadata": {"name": "abc",
                                "labels": {"NoUppercaseOrSpecialCharsLike=Equals": "b"}}}),
            vec![
                "metadata.labels: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ],
        ),
    ];
    for (name, v, want) in cases {
        assert_eq!(render(&validate_namespace(&namespace(v))), want, "{name}");
    }
    // Through validate_object, a namespace sent with a cluster-scoped object is cleared first.
    let mut o = Object::Namespace(namespace(
        json!({"metadata": {"name": "abc-123", "namespace": "makesnosense"}}),
    ));
    default_object(&mut o);
    assert!(render(&validate_object(&o)).is_empty());
}

fn node(v: Value) -> Node {
    let mut o = json!({"apiVersion": "v1", "kind": "Node"});
    o.as_object_mut()
        .expect("object")
        .extend(v.as_object().expect("object").clone());
    let out = decode("t.yaml", &o.to_string());
    match out.documents[0].object.clone() {
        Some(Object::Node(n)) => n,
        other => panic!("{other:?}"),
    }
}

fn taint_node(taints: Value) -> Value {
    json!({"metadata": {"name": "dedicated-node1"}, "spec": {"taints": taints}})
}

// core validation_test.go TestValidateNode: success cases (taints, dual-stack podCIDRs) and
// every error case must fail; the messages are pinned where upstream's wording is known.
#[test]
fn node_table() {
    for ok in [
        json!({"metadata": {"name": "abc", "labels": {"a": "b"}},
               "status": {"addresses": [{"type": "ExternalIP", "address": "something"}]}}),
        taint_node(json!([
            {"key": "GPU", "value": "true", "effect": "NoSchedule"},
            {"key": "GPU", "value": "true", "effect": "NoExecute"},
        ])),
        json!({"metadata": {"name": "abc"}, "spec": {"podCIDRs": ["192.168.0.0/16"]}}),
        json!({"metadata": {"name": "abc"},
               "spec": {"podCIDRs": ["192.168.0.0/16", "2000::/10"]}}),
        json!({"metadata": {"name": "abc", "annotations": {
            "scheduler.alpha.kubernetes.io/preferAvoidPods": "{\"preferAvoidPods\":[{\"podSignature\":{\"podController\":{\"apiVersion\":\"v1\",\"kind\":\"ReplicationController\",\"name\":\"foo\",\"uid\":\"abcdef123456\",\"controller\":true}},\"reason\":\"some reason\",\"message\":\"some message\"}]}"
        }}}),
    ] {
        let e = render(&validate_node(&node(ok.clone())));
        assert!(e.is_empty(), "{ok}: {e:#?}");
    }
    let avoid = "scheduler.alpha.kubernetes.io/preferAvoidPods";
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        (
            "zero-length Name",
            json!({"metadata": {"name": "", "labels": {"a": "b"}}}),
            vec!["metadata.name: Required value: name or generateName is required"],
        ),
        (
            "invalid-labels",
            json!({"metadata": {"name": "abc-123",
                                "labels": {"NoUppercaseOrSpecialCharsLike=Equals": "b"}}}),
            vec![],
        ),
        (
            "missing-taint-key",
            taint_node(json!([{"key": "", "value": "special-user-1", "effect": "NoSchedule"}])),
            vec![],
        ),
        (
            "bad-taint-key",
            taint_node(json!([{"key": "NoUppercaseOrSpecialCharsLike=Equals",
                               "value": "special-user-1", "effect": "NoSchedule"}])),
            vec![],
        ),
        (
            "bad-taint-value",
            taint_node(json!([{"key": "dedicated", "value": "some\\bad\\value",
                               "effect": "NoSchedule"}])),
            vec![],
        ),
        (
            "missing-taint-effect",
            taint_node(json!([{"key": "dedicated", "value": "special-user-1", "effect": ""}])),
            vec!["metadata.taints[0].effect: Required value"],
        ),
        (
            "unsupported-taint-effect",
            taint_node(json!([{"key": "dedicated", "value": "special-user-1",
                               "effect": "no_such_effect"}])),
            vec![
                "metadata.taints[0].effect: Unsupported value: \"no_such_effect\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
            ],
        ),
        (
            "duplicated-taints-with-same-key-effect",
            taint_node(json!([
                {"key": "dedicated", "value": "special-user-1", "effect": "NoSchedule"},
                {"key": "dedicated", "value": "special-user-2", "effect": "NoSchedule"},
            ])),
            vec![
                "metadata.taints[1]: Duplicate value: core.Taint{Key:\"dedicated\", Value:\"special-user-2\", Effect:\"NoSchedule\", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair",
            ],
        ),
        (
            "missing-podSignature",
            json!({"metadata": {"name": "abc-123", "annotations": {
                avoid: "{\"preferAvoidPods\":[{\"podSignature\":{},\"reason\":\"some reason\",\"message\":\"some message\"}]}"
            }}}),
            vec![
                "metadata.annotations.scheduler.alpha.kubernetes.io/preferAvoidPods[0].PodSignature: Required value",
            ],
        ),
        (
            "invalid-podController",
            json!({"metadata": {"name": "abc-123", "annotations": {
                avoid: "{\"preferAvoidPods\":[{\"podSignature\":{\"podController\":{\"apiVersion\":\"v1\",\"kind\":\"ReplicationController\",\"name\":\"foo\",\"uid\":\"abcdef123456\",\"controller\":false}},\"reason\":\"some reason\",\"message\":\"some message\"}]}"
            }}}),
            vec![
                "metadata.annotations.scheduler.alpha.kubernetes.io/preferAvoidPods[0].PodSignature.PodController.Controller: Invalid value: false: must point to a controller",
            ],
        ),
        (
            "invalid-pod-cidr",
            json!({"metadata": {"name": "abc"}, "spec": {"podCIDRs": ["192.168.0.0"]}}),
            vec![
                "spec.podCIDRs[0]: Invalid value: \"192.168.0.0\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            ],
        ),
        (
            "duplicate-pod-cidr",
            json!({"metadata": {"name": "abc"},
                   "spec": {"podCIDRs": ["10.0.0.1/16", "10.0.0.1/16"]}}),
            vec![
                "spec.podCIDRs: Invalid value: []string{\"10.0.0.1/16\", \"10.0.0.1/16\"}: may specify no more than one CIDR for each IP family",
                "spec.podCIDRs[1]: Duplicate value: \"10.0.0.1/16\"",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (name, v, want) in cases {
        let got = render(&validate_node(&node(v)));
        if got.is_empty() || (!want.is_empty() && got != want) {
            failures.push(format!("{name}: want {want:#?}\n got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// core validation_test.go TestValidatePodSpec / TestValidateContainers / TestValidatePorts
// (the fields svcplay models)
// ---------------------------------------------------------------------------------------------

const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

#[test]
fn pod_spec_table() {
    let p = valid_pod;
    let container = |extra: Value| {
        let mut c = json!({"name": "ctr", "image": "image", "imagePullPolicy": "IfNotPresent",
                           "terminationMessagePolicy": "File"});
        c.as_object_mut()
            .expect("object")
            .extend(extra.as_object().expect("object").clone());
        json!([c])
    };
    let cases: Vec<(&str, Value, Vec<String>)> = vec![
        (
            "no containers",
            patched(p(), "/spec/containers", json!([])),
            vec!["spec.containers: Required value".into()],
        ),
        (
            "bad DNS policy",
            patched(p(), "/spec/dnsPolicy", json!("invalid")),
            vec![
                "spec.dnsPolicy: Unsupported value: \"invalid\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"".into(),
            ],
        ),
        (
            "bad service account name",
            patched(p(), "/spec/serviceAccountName", json!("invalidName")),
            vec![format!(
                "spec.serviceAccountName: Invalid value: \"invalidName\": {SUBDOMAIN_MSG}"
            )],
        ),
        (
            "bad restart policy",
            patched(p(), "/spec/restartPolicy", json!("UnknowPolicy")),
            vec![
                "spec.restartPolicy: Unsupported value: \"UnknowPolicy\": supported values: \"Always\", \"OnFailure\", \"Never\"".into(),
            ],
        ),
        (
            "with hostNetwork hostPort not equal to containerPort",
            patched(
                patched(p(), "/spec/hostNetwork", json!(true)),
                "/spec/containers",
                container(json!({"ports": [{"containerPort": 8080, "hostPort": 8081,
                                            "protocol": "TCP"}]})),
            ),
            vec![
                "spec.containers[0].ports[0].hostPort: Invalid value: 8081: must match `containerPort` when `hostNetwork` is true".into(),
            ],
        ),
        (
            "with hostAliases with invalid IP",
            patched(
                p(),
                "/spec/hostAliases",
                json!([{"ip": "999.999.999.999", "hostnames": ["host1", "host2"]}]),
            ),
            vec![
                "spec.hostAliases[0].ip: Invalid value: \"999.999.999.999\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)".into(),
            ],
        ),
        (
            "with hostAliases with invalid hostname",
            patched(
                p(),
                "/spec/hostAliases",
                json!([{"ip": "12.34.56.78", "hostnames": ["@#$^#@#$"]}]),
            ),
            vec![format!(
                "spec.hostAliases[0].hostnames[0]: Invalid value: \"@#$^#@#$\": {SUBDOMAIN_MSG}"
            )],
        ),
        (
            "bad-active-deadline-seconds",
            patched(p(), "/spec/activeDeadlineSeconds", json!(0)),
            vec![
                "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive".into(),
            ],
        ),
        (
            "active-deadline-seconds-too-large",
            patched(p(), "/spec/activeDeadlineSeconds", json!(2_147_483_648_i64)),
            vec![
                "spec.activeDeadlineSeconds: Invalid value: 2147483648: must be between 1 and 2147483647, inclusive".into(),
            ],
        ),
        (
            "bad nodeName",
            patched(p(), "/spec/nodeName", json!("node name")),
            vec![format!(
                "spec.nodeName: Invalid value: \"node name\": {SUBDOMAIN_MSG}"
            )],
        ),
        (
            "bad PriorityClassName",
            patched(p(), "/spec/priorityClassName", json!("InvalidName")),
            vec![format!(
                "spec.priorityClassName: Invalid value: \"InvalidName\": {SUBDOMAIN_MSG}"
            )],
        ),
        (
            "ShareProcessNamespace and HostPID both set",
            patched(
                patched(p(), "/spec/hostPID", json!(true)),
                "/spec/shareProcessNamespace",
                json!(true),
            ),
            vec![
                "spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled".into(),
            ],
        ),
        (
            "bad RuntimeClassName",
            patched(p(), "/spec/runtimeClassName", json!("invalid/sandbox")),
            vec![format!(
                "spec.runtimeClassName: Invalid value: \"invalid/sandbox\": {SUBDOMAIN_MSG}"
            )],
        ),
        (
            // TestValidateReadinessGates "invalid condition type"
            "invalid readinessGates",
            patched(p(), "/spec/readinessGates", json!([{"conditionType": "invalid/custom/condition"}])),
            vec![
                "spec.readinessGates[0].conditionType: Invalid value: \"invalid/custom/condition\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')".into(),
            ],
        ),
        (
            // TestValidateSchedulingGates "invalid name", "duplicate names"
            "invalid schedulingGates",
            patched(p(), "/spec/schedulingGates", json!([{"name": "foo"}, {"name": ""}, {"name": "foo"}])),
            vec![
                "spec.schedulingGates[1]: Invalid value: \"\": name part must be non-empty".into(),
                "spec.schedulingGates[1]: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')".into(),
                "spec.schedulingGates[2]: Duplicate value: \"foo\"".into(),
            ],
        ),
        (
            "invalid preemptionPolicy",
            patched(p(), "/spec/preemptionPolicy", json!("Sometimes")),
            vec![
                "spec.preemptionPolicy: Unsupported value: \"Sometimes\": supported values: \"PreemptLowerPriority\", \"Never\"".into(),
            ],
        ),
        (
            "bad hostname",
            patched(p(), "/spec/hostname", json!("Bad_Host")),
            vec![format!("spec.hostname: Invalid value: \"Bad_Host\": {LABEL_MSG}")],
        ),
        (
            "bad subdomain",
            patched(p(), "/spec/subdomain", json!("a.b")),
            // IsDNS1123Label: a valid subdomain that is not a label "must not contain dots".
            vec!["spec.subdomain: Invalid value: \"a.b\": must not contain dots".into()],
        ),
    ];
    let mut failures = Vec::new();
    for (name, v, want) in cases {
        let got = render(&run_json(&v));
        if got != want {
            failures.push(format!("{name}: want {want:#?}\n got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Valid forms of the same fields.
    let ok = patched(
        patched(
            patched(
                p(),
                "/spec/hostAliases",
                json!([{"ip": "12.34.56.78",
                                                      "hostnames": ["host1", "host2"]}]),
            ),
            "/spec/runtimeClassName",
            json!("valid-sandbox"),
        ),
        "/spec/shareProcessNamespace",
        json!(true),
    );
    assert!(render(&run_json(&ok)).is_empty());
}

// core/v1 conversion.go Convert_v1_NodeSpec_To_core_NodeSpec, then ValidateNode: the internal
// Node has only podCIDRs; v1's podCIDR fills it when podCIDRs is empty and replaces it when it
// differs from podCIDRs[0].
#[test]
fn node_pod_cidr_conversion() {
    let only_singular = json!({"metadata": {"name": "abc"}, "spec": {"podCIDR": "192.168.0.0"}});
    assert_eq!(
        render(&validate_node(&node(only_singular))),
        vec![
            "spec.podCIDRs[0]: Invalid value: \"192.168.0.0\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"
        ]
    );
    let singular_wins = json!({"metadata": {"name": "abc"},
        "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["bad", "bad"]}});
    assert!(render(&validate_node(&node(singular_wins))).is_empty());
    let same_first = json!({"metadata": {"name": "abc"},
        "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24", "10.244.0.0/24"]}});
    assert_eq!(
        render(&validate_node(&node(same_first))),
        vec![
            "spec.podCIDRs: Invalid value: []string{\"10.244.0.0/24\", \"10.244.0.0/24\"}: may specify no more than one CIDR for each IP family",
            "spec.podCIDRs[1]: Duplicate value: \"10.244.0.0/24\"",
        ]
    );
}

// validation.go ValidateNodeSpecificAnnotations: encoding/json matches keys ignoring case, and
// a wrongly typed value is an error at metadata.annotations.AvoidPods.
#[test]
fn prefer_avoid_pods_decoding() {
    let with = |raw: &str| {
        node(json!({"metadata": {"name": "abc", "annotations": {
            "scheduler.alpha.kubernetes.io/preferAvoidPods": raw}}}))
    };
    let e = render(&validate_node(&with(
        "{\"PreferAvoidPods\":[{\"PodSignature\":{\"PodController\":{\"kind\":\"ReplicaSet\",\"name\":\"foo\",\"controller\":false}}}]}",
    )));
    assert_eq!(
        e,
        vec![
            "metadata.annotations.scheduler.alpha.kubernetes.io/preferAvoidPods[0].PodSignature.PodController.Controller: Invalid value: false: must point to a controller"
        ]
    );
    let e = validate_node(&with("{\"preferAvoidPods\":\"nope\"}"));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].field, "metadata.annotations.AvoidPods");
    let e = validate_node(&with("not json"));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].field, "metadata.annotations.AvoidPods");
}

// ---------------------------------------------------------------------------------------------
// core/v1/validation/validation_test.go TestValidateResourceRequirements,
// TestValidateContainerResourceName; core validation.go ValidateResourceRequirements
// ---------------------------------------------------------------------------------------------

/// The errors of a pod whose only container has `resources`.
fn pod_resources(resources: Value) -> Vec<String> {
    let mut pod = valid_pod();
    pod["spec"]["containers"][0]["resources"] = resources;
    render(&run_json(&pod))
}

#[test]
fn resource_requirements_table() {
    // Success cases (requests are defaulted from limits first, as SetDefaults_Pod does).
    for ok in [
        json!({"requests": {"cpu": "10", "memory": "10G"}, "limits": {"cpu": "10", "memory": "10G"}}),
        json!({"limits": {"cpu": "10", "memory": "10G", "my.org/resource": "10"}}),
        json!({"requests": {"cpu": "10", "memory": "10G"}}),
        json!({"requests": {"cpu": "9", "memory": "9G", "my.org/resource": "9"},
               "limits": {"cpu": "10", "memory": "10G", "my.org/resource": "9"}}),
        // Equal values written differently compare equal.
        json!({"requests": {"cpu": "1000m"}, "limits": {"cpu": "1"}}),
        json!({"limits": {"hugepages-2Mi": "2Mi", "memory": "1Gi", "kubernetes.io/resource-foo": "1"}}),
    ] {
        assert!(pod_resources(ok.clone()).is_empty(), "{ok}");
    }
    let c = "spec.containers[0].resources";
    // "Resources with Requests Larger Than Limits": every name and value appears.
    assert_eq!(
        pod_resources(json!({
            "requests": {"cpu": "10", "memory": "10G", "my.org/resource": "10m"},
            "limits": {"cpu": "9", "memory": "9G", "my.org/resource": "9m"}
        })),
        vec![
            format!("{c}.limits[my.org/resource]: Invalid value: \"9m\": must be an integer"),
            format!(
                "{c}.requests: Invalid value: \"10\": must be less than or equal to cpu limit of 9"
            ),
            format!(
                "{c}.requests: Invalid value: \"10G\": must be less than or equal to memory limit of 9G"
            ),
            format!("{c}.requests[my.org/resource]: Invalid value: \"10m\": must be an integer"),
            format!(
                "{c}.requests: Invalid value: \"10m\": must be equal to my.org/resource limit of 9m"
            ),
        ]
    );
    // "Invalid Resources with Requests" / "with Limits": `my.org` is no standard name.
    assert_eq!(
        pod_resources(json!({"requests": {"my.org": "10m"}})),
        vec![
            format!(
                "{c}.requests[my.org]: Invalid value: \"my.org\": must be a standard resource type or fully qualified"
            ),
            format!(
                "{c}.requests[my.org]: Invalid value: \"my.org\": must be a standard resource for containers"
            ),
        ]
    );
    // Negative values; an extended resource's request needs a limit.
    assert_eq!(
        pod_resources(json!({"requests": {"memory": "-1Gi", "example.com/gpu": "1"}})),
        vec![
            format!(
                "{c}.limits: Required value: Limit must be set for non overcommitable resources"
            ),
            format!(
                "{c}.requests[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0"
            ),
        ]
    );
    // TestValidateContainerResourceName error cases.
    for (name, msg) in [
        (
            "cpu-core",
            "must be a standard resource type or fully qualified",
        ),
        ("kubernetes.io/", "name part must be non-empty"),
        (
            "my.org-foo-resource",
            "must be a standard resource type or fully qualified",
        ),
    ] {
        let errs = pod_resources(json!({"limits": {name: "1"}}));
        assert!(
            errs.first().is_some_and(|e| e.starts_with(&format!(
                "{c}.limits[{name}]: Invalid value: \"{name}\": {msg}"
            ))),
            "{name}: {errs:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// core validation_test.go TestValidateVolumes, TestValidateVolumeMounts, TestValidateEnv,
// TestValidateEnvFrom, TestValidateProbe, TestValidateHandler / TestValidateLifecycle
// (1.33: relaxed env var names, zero sleep allowed)
// ---------------------------------------------------------------------------------------------

/// The errors of the valid pod with `patch` merged into its spec and `container` into its
/// only container.
fn pod_with(spec: Value, container: Value) -> Vec<String> {
    let mut pod = valid_pod();
    for (k, v) in spec.as_object().expect("spec patch") {
        pod["spec"][k] = v.clone();
    }
    for (k, v) in container.as_object().expect("container patch") {
        pod["spec"]["containers"][0][k] = v.clone();
    }
    render(&run_json(&pod))
}

#[test]
fn volumes_table() {
    let ok = json!({"volumes": [
        {"name": "abc", "emptyDir": {}},
        {"name": "cm", "configMap": {"name": "my-cm", "items": [{"key": "a", "path": "a/b"}]}},
        {"name": "sec", "secret": {"secretName": "s", "defaultMode": 420}},
        {"name": "claim", "persistentVolumeClaim": {"claimName": "data"}},
        {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}}
    ]});
    assert!(pod_with(ok.clone(), json!({})).is_empty());
    let cases: Vec<(&str, Value, Value, Vec<&str>)> = vec![
        (
            "zero-length name",
            json!({"volumes": [{"name": "", "emptyDir": {}}]}),
            json!({}),
            vec!["spec.volumes[0].name: Required value"],
        ),
        (
            "name > 63 characters / not a DNS label",
            json!({"volumes": [{"name": "a_b", "emptyDir": {}}]}),
            json!({}),
            vec![
                "spec.volumes[0].name: Invalid value: \"a_b\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            ],
        ),
        (
            "name not unique",
            json!({"volumes": [{"name": "abc", "emptyDir": {}}, {"name": "abc", "emptyDir": {}}]}),
            json!({}),
            vec!["spec.volumes[1].name: Duplicate value: \"abc\""],
        ),
        // "no volume type": through the API a source-less volume is defaulted to an emptyDir
        // first (SetDefaults_Volume), so it validates.
        (
            "no volume type",
            json!({"volumes": [{"name": "abc"}]}),
            json!({"volumeMounts": [{"name": "abc", "mountPath": "/a"}]}),
            vec![],
        ),
        (
            "multiple volume types",
            json!({"volumes": [{"name": "abc", "emptyDir": {}, "secret": {"secretName": "s"}}]}),
            json!({}),
            vec!["spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type"],
        ),
        (
            "empty secretName / claimName / configMap name",
            json!({"volumes": [
            {"name": "a", "secret": {}}, {"name": "b", "persistentVolumeClaim": {}}, {"name": "c", "configMap": {}}]}),
            json!({}),
            vec![
                "spec.volumes[0].secret.secretName: Required value",
                "spec.volumes[1].persistentVolumeClaim.claimName: Required value",
                "spec.volumes[2].configMap.name: Required value",
            ],
        ),
        (
            "hostPath: empty path, backsteps, bad type",
            json!({"volumes": [
            {"name": "a", "hostPath": {"path": ""}}, {"name": "b", "hostPath": {"path": "/a/../b"}},
            {"name": "c", "hostPath": {"path": "/a", "type": "Dir"}}]}),
            json!({}),
            vec![
                "spec.volumes[0].hostPath.path: Required value",
                "spec.volumes[1].hostPath.path: Invalid value: \"/a/../b\": must not contain '..'",
                "spec.volumes[2].hostPath.type: Unsupported value: \"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
            ],
        ),
        (
            "bad item path and mode",
            json!({"volumes": [{"name": "a", "configMap": {"name": "x", "defaultMode": 1000,
            "items": [{"key": "k", "path": "/abs"}, {"key": "", "path": "..x"}]}}]}),
            json!({}),
            vec![
                "spec.volumes[0].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive",
                "spec.volumes[0].configMap.items[0].path: Invalid value: \"/abs\": must be a relative path",
                "spec.volumes[0].configMap.items[1].key: Required value",
                "spec.volumes[0].configMap.items[1].path: Invalid value: \"..x\": must not start with '..'",
            ],
        ),
        // TestValidateVolumeMounts.
        (
            "mount: empty name, not found, empty and duplicate mountPath",
            json!({"volumes": [{"name": "abc", "emptyDir": {}}]}),
            json!({"volumeMounts": [{"name": "", "mountPath": "/foo"}, {"name": "abc-123", "mountPath": "/bar"},
                                 {"name": "abc", "mountPath": ""}, {"name": "abc", "mountPath": "/foo"}]}),
            vec![
                "spec.containers[0].volumeMounts[0].name: Required value",
                "spec.containers[0].volumeMounts[0].name: Not found: \"\"",
                "spec.containers[0].volumeMounts[1].name: Not found: \"abc-123\"",
                "spec.containers[0].volumeMounts[2].mountPath: Required value",
                "spec.containers[0].volumeMounts[3].mountPath: Invalid value: \"/foo\": must be unique",
            ],
        ),
        (
            "mount: subPath absolute and in .., propagation",
            json!({"volumes": [{"name": "abc", "emptyDir": {}}]}),
            json!({"volumeMounts": [{"name": "abc", "mountPath": "/a", "subPath": "/baz"},
                                 {"name": "abc", "mountPath": "/b", "subPath": "baz/../bat"},
                                 {"name": "abc", "mountPath": "/c", "mountPropagation": "Bidirectional"}]}),
            vec![
                "spec.containers[0].volumeMounts.subPath: Invalid value: \"/baz\": must be a relative path",
                "spec.containers[0].volumeMounts.subPath: Invalid value: \"baz/../bat\": must not contain '..'",
                "spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers",
            ],
        ),
        // A volume with an error cannot be mounted either.
        (
            "mount of an invalid volume",
            json!({"volumes": [{"name": "abc", "hostPath": {"path": ""}}]}),
            json!({"volumeMounts": [{"name": "abc", "mountPath": "/a"}]}),
            vec![
                "spec.volumes[0].hostPath.path: Required value",
                "spec.containers[0].volumeMounts[0].name: Not found: \"abc\"",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (name, spec, container, want) in cases {
        let got = pod_with(spec, container);
        if got != want {
            failures.push(format!("{name}:\n want {want:#?}\n got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn env_and_probes_table() {
    let c = "spec.containers[0]";
    let ok = json!({
        "env": [{"name": "abc", "value": "value"}, {"name": "ABC", "value": "value"},
                {"name": "AbC_123", "value": "value"}, {"name": "1abc", "value": "relaxed"},
                {"name": "abc", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                {"name": "ip", "valueFrom": {"fieldRef": {"fieldPath": "status.hostIPs"}}},
                {"name": "lbl", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['app']"}}},
                {"name": "cpu", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
                {"name": "cm", "valueFrom": {"configMapKeyRef": {"name": "some-config-map", "key": "some-key"}}}],
        "envFrom": [{"configMapRef": {"name": "abc"}, "prefix": "pre_"}],
        "livenessProbe": {"httpGet": {"path": "/", "port": 8080}},
        "readinessProbe": {"tcpSocket": {"port": "http"}},
        "startupProbe": {"exec": {"command": ["true"]}},
        "lifecycle": {"preStop": {"sleep": {"seconds": 0}}}
    });
    assert_eq!(pod_with(json!({}), ok), Vec::<String>::new());
    let cases: Vec<(&str, Value, Vec<String>)> = vec![
        (
            "zero-length name",
            json!({"env": [{"name": ""}]}),
            vec![format!("{c}.env[0].name: Required value")],
        ),
        (
            "illegal character (relaxed rule)",
            json!({"env": [{"name": "a=b"}]}),
            vec![format!(
                "{c}.env[0].name: Invalid value: \"a=b\": a valid environment variable name must consist only of printable ASCII characters other than '='"
            )],
        ),
        (
            "value and valueFrom together",
            json!({"env": [{"name": "abc", "value": "foo",
            "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]}),
            vec![format!(
                "{c}.env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"
            )],
        ),
        (
            "valueFrom without a source",
            json!({"env": [{"name": "abc", "valueFrom": {}}]}),
            vec![format!(
                "{c}.env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"
            )],
        ),
        (
            "more than one source",
            json!({"env": [{"name": "abc", "valueFrom": {
            "fieldRef": {"fieldPath": "metadata.name"}, "secretKeyRef": {"name": "a-secret", "key": "a-key"}}}]}),
            vec![format!(
                "{c}.env[0].valueFrom: Invalid value: \"\": may not have more than one field specified at a time"
            )],
        ),
        (
            "missing FieldPath",
            json!({"env": [{"name": "abc", "valueFrom": {"fieldRef": {"fieldPath": ""}}}]}),
            vec![format!(
                "{c}.env[0].valueFrom.fieldRef.fieldPath: Required value"
            )],
        ),
        (
            "invalid fieldPath: labels without subscript key... not supported",
            json!({"env": [{"name": "abc", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels"}}}]}),
            vec![format!(
                "{c}.env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"metadata.labels\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\""
            )],
        ),
        (
            "unsupported fieldPath",
            json!({"env": [{"name": "abc", "valueFrom": {"fieldRef": {"fieldPath": "status.phase"}}}]}),
            vec![format!(
                "{c}.env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"status.phase\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\""
            )],
        ),
        (
            "unknown fieldPath",
            json!({"env": [{"name": "abc", "valueFrom": {"fieldRef": {"fieldPath": "spec.foo"}}}]}),
            vec![format!(
                "{c}.env[0].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.foo\": error converting fieldPath: field label not supported: spec.foo"
            )],
        ),
        (
            "invalid apiVersion",
            json!({"env": [{"name": "abc", "valueFrom": {"fieldRef": {"apiVersion": "v2", "fieldPath": "metadata.name"}}}]}),
            vec![format!(
                "{c}.env[0].valueFrom.fieldRef.fieldPath: Invalid value: \"metadata.name\": error converting fieldPath: unsupported pod version: v2"
            )],
        ),
        (
            "subscript on an unsupported path",
            json!({"env": [{"name": "abc", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name['key']"}}}]}),
            vec![format!(
                "{c}.env[0].valueFrom.fieldRef.fieldPath: Invalid value: \"metadata.name['key']\": error converting fieldPath: field label does not support subscript: metadata.name['key']"
            )],
        ),
        (
            "configMapKeyRef: empty key, bad name",
            json!({"env": [{"name": "abc", "valueFrom": {"configMapKeyRef": {"name": "Bad_Name", "key": ""}}}]}),
            vec![
                format!(
                    "{c}.env[0].valueFrom.configMapKeyRef.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
                ),
                format!("{c}.env[0].valueFrom.configMapKeyRef.key: Required value"),
            ],
        ),
        (
            "resourceFieldRef: unsupported resource",
            json!({"env": [{"name": "abc", "valueFrom": {"resourceFieldRef": {"resource": "limits.gpu"}}}]}),
            vec![format!(
                "{c}.env[0].valueFrom.resourceFieldRef.resource: Unsupported value: \"limits.gpu\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\""
            )],
        ),
        // TestValidateEnvFrom.
        (
            "envFrom without a source",
            json!({"envFrom": [{"prefix": "a"}]}),
            vec![format!(
                "{c}.envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`"
            )],
        ),
        (
            "envFrom: empty name, both sources",
            json!({"envFrom": [{"configMapRef": {"name": ""}, "secretRef": {"name": "s"}}]}),
            vec![
                format!("{c}.envFrom[0].configMapRef.name: Required value"),
                format!(
                    "{c}.envFrom: Invalid value: \"\": may not have more than one field specified at a time"
                ),
            ],
        ),
        // TestValidateProbe / TestValidateHandler.
        (
            "probe without a handler",
            json!({"livenessProbe": {"initialDelaySeconds": -1}}),
            vec![
                format!("{c}.livenessProbe: Required value: must specify a handler type"),
                format!(
                    "{c}.livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0"
                ),
            ],
        ),
        (
            "two handlers",
            json!({"readinessProbe": {"exec": {"command": ["x"]}, "tcpSocket": {"port": 80}}}),
            vec![format!(
                "{c}.readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"
            )],
        ),
        (
            "liveness successThreshold must be 1",
            json!({"livenessProbe": {"exec": {"command": ["x"]}, "successThreshold": 2}}),
            vec![format!(
                "{c}.livenessProbe.successThreshold: Invalid value: 2: must be 1"
            )],
        ),
        (
            "readiness terminationGracePeriodSeconds",
            json!({"readinessProbe": {"exec": {"command": ["x"]}, "terminationGracePeriodSeconds": 10}}),
            vec![format!(
                "{c}.readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes"
            )],
        ),
        (
            "httpGet: bad port number and name, empty exec",
            json!({
            "livenessProbe": {"httpGet": {"path": "/", "port": 0}},
            "readinessProbe": {"tcpSocket": {"port": "too-long-port-name"}},
            "startupProbe": {"exec": {"command": []}}}),
            vec![
                format!(
                    "{c}.livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"
                ),
                format!(
                    "{c}.readinessProbe.tcpSocket.port: Invalid value: \"too-long-port-name\": must be no more than 15 characters"
                ),
                format!("{c}.startupProbe.exec.command: Required value"),
            ],
        ),
        (
            "lifecycle: no handler, sleep past the grace period",
            json!({"lifecycle": {"postStart": {}, "preStop": {"sleep": {"seconds": 31}}}}),
            vec![
                format!("{c}.lifecycle.postStart: Required value: must specify a handler type"),
                format!(
                    "{c}.lifecycle.preStop.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)"
                ),
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (name, container, want) in cases {
        let got = pod_with(json!({}), container);
        if got != want {
            failures.push(format!("{name}:\n want {want:#?}\n got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Init containers: probes only on sidecars.
    let mut pod = valid_pod();
    pod["spec"]["initContainers"] = json!([
        {"name": "init", "image": "i", "readinessProbe": {"exec": {"command": ["x"]}}},
        {"name": "side", "image": "i", "restartPolicy": "Always", "readinessProbe": {"exec": {"command": ["x"]}}}
    ]);
    assert_eq!(
        render(&run_json(&pod)),
        vec![
            "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"
        ]
    );
}

// core validation_test.go TestValidateNodeResources / ValidateNode: capacity and allocatable
// quantities must not be negative, `pods` must be whole; paths use dots.
#[test]
fn node_resources() {
    let node = |status: Value| json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}, "status": status});
    assert!(
        render(&run_json(&node(
            json!({"capacity": {"cpu": "4", "memory": "8Gi", "pods": "110"}})
        )))
        .is_empty()
    );
    assert_eq!(
        render(&run_json(&node(
            json!({"capacity": {"cpu": "-1"}, "allocatable": {"pods": "1.5"}})
        ))),
        vec![
            "status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0",
            "status.allocatable.pods: Invalid value: \"1500m\": must be an integer",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// validation_test.go TestValidatePod (affinity success and error cases), TestValidatePod
// (AppArmor / seccomp field cases), TestValidateTopologySpreadConstraints; the security-context
// rows without an upstream table row cite the function they follow.
// ---------------------------------------------------------------------------------------------

use svcplay_model::validation::scheduling::validate_topology_spread_constraints;

/// `metav1.LabelSelector{MatchExpressions: [{key, NotIn, [value1, value2]}]}`.
fn not_in_sel(key: &str) -> Value {
    json!({"matchExpressions": [{"key": key, "operator": "NotIn", "values": ["value1", "value2"]}]})
}

/// The pod of TestValidatePod with `affinity` (and `labels`, if any).
fn pod_affinity(affinity: Value, labels: Value) -> Vec<String> {
    let mut pod = valid_pod();
    pod["spec"]["affinity"] = affinity;
    if !labels.is_null() {
        pod["metadata"]["labels"] = labels;
    }
    render(&run_json(&pod))
}

/// The three label-selector shapes upstream's success cases share.
fn keyed_term(weighted: bool, mismatch_only: bool) -> Value {
    let mut term = if mismatch_only {
        json!({"labelSelector": {"matchExpressions": [
                  {"key": "key", "operator": "NotIn", "values": ["value1", "value2"]},
                  {"key": "key2", "operator": "In", "values": ["value1"]},
                  {"key": "key2", "operator": "NotIn", "values": ["value1"]}]},
               "topologyKey": "k8s.io/zone", "mismatchLabelKeys": ["key2"]})
    } else {
        json!({"labelSelector": {"matchExpressions": [
                  {"key": "key", "operator": "NotIn", "values": ["value1", "value2"]},
                  {"key": "key2", "operator": "In", "values": ["value1"]},
                  {"key": "key3", "operator": "NotIn", "values": ["value1"]}]},
               "topologyKey": "k8s.io/zone", "matchLabelKeys": ["key2"],
               "mismatchLabelKeys": ["key3"]})
    };
    if weighted {
        term = json!({"weight": 10, "podAffinityTerm": term});
    }
    term
}

#[test]
fn affinity_success_cases() {
    // TestValidatePod successCases "MatchLabelKeys/MismatchLabelKeys in {required,preferred}
    // Pod{Anti,}Affinity", "LabelSelector can have the same key as MismatchLabelKeys".
    for kind in ["podAffinity", "podAntiAffinity"] {
        for (when, weighted) in [
            ("requiredDuringSchedulingIgnoredDuringExecution", false),
            ("preferredDuringSchedulingIgnoredDuringExecution", true),
        ] {
            let a = json!({kind: {when: [keyed_term(weighted, false)]}});
            assert_eq!(
                pod_affinity(a, Value::Null),
                Vec::<String>::new(),
                "{kind} {when}"
            );
        }
    }
    let a = json!({"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
                   [keyed_term(false, true)]}});
    assert!(pod_affinity(a, Value::Null).is_empty());
    // A complete node affinity (required terms with Gt and matchFields, preferred with a value
    // that is no label value: preferred terms do not check values).
    let a = json!({"nodeAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
            {"matchExpressions": [{"key": "cpus", "operator": "Gt", "values": ["4"]}],
             "matchFields": [{"key": "metadata.name", "operator": "In", "values": ["host1"]}]}]},
        "preferredDuringSchedulingIgnoredDuringExecution": [
            {"weight": 100, "preference": {"matchExpressions": [
                {"key": "foo", "operator": "In", "values": ["-1"]}]}}]}});
    assert!(pod_affinity(a, Value::Null).is_empty());
}

#[test]
fn affinity_error_cases() {
    let required = |term: Value| json!({"requiredDuringSchedulingIgnoredDuringExecution": [term]});
    let preferred = |term: Value| {
        json!({"preferredDuringSchedulingIgnoredDuringExecution":
               [{"weight": 10, "podAffinityTerm": term}]})
    };
    let node_req = |term: Value| {
        json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
               {"nodeSelectorTerms": [term]}}})
    };
    let na = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution";
    // (TestValidatePod errorCases name, affinity, pod labels, expected substring)
    let mut cases: Vec<(&str, Value, Value, String)> = vec![
        (
            "invalid node selector requirement in node affinity, operator can't be null",
            node_req(json!({"matchExpressions": [{"key": "key1"}]})),
            Value::Null,
            format!("{na}.nodeSelectorTerms[0].matchExpressions[0].operator"),
        ),
        (
            "invalid node selector requirement in node affinity, key is invalid",
            node_req(json!({"matchExpressions": [{"key": "invalid key ___@#", "operator": "Exists"}]})),
            Value::Null,
            format!("{na}.nodeSelectorTerms[0].matchExpressions[0].key"),
        ),
        (
            "invalid node field selector requirement in node affinity, more values for field selector",
            node_req(json!({"matchFields": [{"key": "metadata.name", "operator": "In",
                                             "values": ["host1", "host2"]}]})),
            Value::Null,
            format!("{na}.nodeSelectorTerms[0].matchFields[0].values"),
        ),
        (
            "invalid node field selector requirement in node affinity, invalid operator",
            node_req(json!({"matchFields": [{"key": "metadata.name", "operator": "Exists"}]})),
            Value::Null,
            format!("{na}.nodeSelectorTerms[0].matchFields[0].operator"),
        ),
        (
            "invalid node field selector requirement in node affinity, invalid key",
            node_req(json!({"matchFields": [{"key": "metadata.namespace", "operator": "In",
                                             "values": ["ns1"]}]})),
            Value::Null,
            format!("{na}.nodeSelectorTerms[0].matchFields[0].key"),
        ),
        (
            "invalid preferredSchedulingTerm in node affinity, weight should be in range 1-100",
            json!({"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": 199, "preference": {"matchExpressions": [
                    {"key": "foo", "operator": "In", "values": ["bar"]}]}}]}}),
            Value::Null,
            "must be in the range 1-100".into(),
        ),
        (
            "invalid requiredDuringSchedulingIgnoredDuringExecution node selector, nodeSelectorTerms must have at least one term",
            json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
                   {"nodeSelectorTerms": []}}}),
            Value::Null,
            format!("{na}.nodeSelectorTerms"),
        ),
        (
            "invalid weight in preferredDuringSchedulingIgnoredDuringExecution in pod affinity annotations, weight should be in range 1-100",
            json!({"podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": 109, "podAffinityTerm": {"labelSelector": not_in_sel("key2"),
                 "namespaces": ["ns"], "topologyKey": "region"}}]}}),
            Value::Null,
            "must be in the range 1-100".into(),
        ),
        (
            "invalid labelSelector in preferredDuringSchedulingIgnoredDuringExecution in podaffinity annotations, values should be empty if the operator is Exists",
            json!({"podAntiAffinity": preferred(json!({"labelSelector": {"matchExpressions": [
                {"key": "key2", "operator": "Exists", "values": ["value1", "value2"]}]},
                "namespaces": ["ns"], "topologyKey": "region"}))}),
            Value::Null,
            "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions[0].values".into(),
        ),
        (
            "invalid namespaceSelector in preferredDuringSchedulingIgnoredDuringExecution in podaffinity, In operator must include Values",
            json!({"podAntiAffinity": preferred(json!({"namespaceSelector": {"matchExpressions": [
                {"key": "key2", "operator": "In"}]},
                "namespaces": ["ns"], "topologyKey": "region"}))}),
            Value::Null,
            "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespaceSelector.matchExpressions[0].values".into(),
        ),
        (
            "invalid namespaceSelector in preferredDuringSchedulingIgnoredDuringExecution in podaffinity, Exists operator can not have values",
            json!({"podAntiAffinity": preferred(json!({"namespaceSelector": {"matchExpressions": [
                {"key": "key2", "operator": "Exists", "values": ["value1", "value2"]}]},
                "namespaces": ["ns"], "topologyKey": "region"}))}),
            Value::Null,
            "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespaceSelector.matchExpressions[0].values".into(),
        ),
        (
            "invalid name space in preferredDuringSchedulingIgnoredDuringExecution in podaffinity annotations, namespace should be valid",
            json!({"podAffinity": preferred(json!({"labelSelector": {"matchExpressions": [
                {"key": "key2", "operator": "Exists"}]},
                "namespaces": ["INVALID_NAMESPACE"], "topologyKey": "region"}))}),
            Value::Null,
            "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespace".into(),
        ),
        (
            "invalid required node affinity, value of NodeSelectorRequirement should be a valid label value",
            node_req(json!({"matchExpressions": [{"key": "foo", "operator": "In", "values": ["-1"]}]})),
            Value::Null,
            format!("{na}.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: \"-1\": {LABEL_VALUE}"),
        ),
    ];
    for kind in ["podAffinity", "podAntiAffinity"] {
        let in_sel = json!({"key": "key", "operator": "In", "values": ["value1"]});
        let dup_sel = json!({"matchExpressions": [in_sel,
            {"key": "key", "operator": "NotIn", "values": ["value2"]}]});
        // "invalid {hard,soft} pod {anti-,}affinity, <case>"
        for (_hard, wrap) in [
            ("hard", &required as &dyn Fn(Value) -> Value),
            ("soft", &preferred as &dyn Fn(Value) -> Value),
        ] {
            cases.push((
                "empty topologyKey is not allowed",
                json!({kind: wrap(json!({"labelSelector": not_in_sel("key2"), "namespaces": ["ns"]}))}),
                Value::Null,
                "can not be empty".into(),
            ));
            for field in ["matchLabelKeys", "mismatchLabelKeys"] {
                cases.push((
                    "key in MatchLabelKeys/MismatchLabelKeys isn't correctly defined",
                    json!({kind: wrap(json!({"labelSelector": not_in_sel("key"),
                        "topologyKey": "k8s.io/zone", field: ["/simple"]}))}),
                    Value::Null,
                    "prefix part must be non-empty".into(),
                ));
            }
            cases.push((
                "key exists in both matchLabelKeys and labelSelector",
                json!({kind: wrap(json!({"labelSelector": dup_sel.clone(),
                    "topologyKey": "k8s.io/zone", "matchLabelKeys": ["key"]}))}),
                json!({"key": "value1"}),
                "exists in both matchLabelKeys and labelSelector".into(),
            ));
            cases.push((
                "key exists in both MatchLabelKeys and MismatchLabelKeys",
                json!({kind: wrap(json!({"labelSelector": not_in_sel("key"),
                    "topologyKey": "k8s.io/zone", "matchLabelKeys": ["samekey"],
                    "mismatchLabelKeys": ["samekey"]}))}),
                Value::Null,
                "exists in both matchLabelKeys and mismatchLabelKeys".into(),
            ));
        }
    }
    for (name, affinity, labels, want) in cases {
        let errs = pod_affinity(affinity, labels);
        assert!(
            !errs.is_empty() && errs.join(", ").contains(&want),
            "{name}: want {want:?} in {errs:#?}"
        );
    }
}

// Exact messages and paths of the affinity rules (validatePodAffinityTerm,
// ValidateNodeSelector, validateMatchLabelKeysAndMismatchLabelKeys) through a Deployment.
#[test]
fn affinity_exact_messages_in_template() {
    let t = "spec.template.spec.affinity";
    let deploy = |affinity: Value| {
        let d = patched(valid_deployment(), "/spec/template/spec/affinity", affinity);
        render(&run_json(&d))
    };
    assert_eq!(
        deploy(
            json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"name": "abc"}}}]}})
        ),
        vec![
            format!(
                "{t}.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty"
            ),
            format!(
                "{t}.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty"
            ),
            format!(
                "{t}.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": {NAME_PART} alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
            ),
        ]
    );
    // A key in matchLabelKeys and also twice in the selector (a template: no merge from
    // labels), at the term's path indexed by the key's position; matchLabelKeys without a
    // selector; weights; Gt with two values.
    assert_eq!(
        deploy(json!({
            "podAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": [
                    {"labelSelector": {"matchLabels": {"k": "v"},
                                       "matchExpressions": [{"key": "k", "operator": "Exists"}]},
                     "topologyKey": "zone", "matchLabelKeys": ["x", "k"]},
                    {"topologyKey": "zone", "mismatchLabelKeys": ["k"]}],
                "preferredDuringSchedulingIgnoredDuringExecution": [
                    {"weight": 0, "podAffinityTerm": {"topologyKey": "zone"}}]},
            "nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
                "nodeSelectorTerms": [{"matchExpressions": [
                    {"key": "n", "operator": "Gt", "values": ["1", "2"]}]}]}}
        })),
        vec![
            format!(
                "{t}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"
            ),
            format!(
                "{t}.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0][1]: Invalid value: \"k\": exists in both matchLabelKeys and labelSelector"
            ),
            format!(
                "{t}.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[1].mismatchLabelKeys: Forbidden: must not be specified when labelSelector is not set"
            ),
            format!(
                "{t}.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"
            ),
        ]
    );
}

#[test]
fn topology_spread_constraints_table() {
    // TestValidateTopologySpreadConstraints, field path "field".
    let c = |v: Value| v;
    let ok = |k: &str, w: &str| json!({"maxSkew": 1, "topologyKey": k, "whenUnsatisfiable": w});
    let name_part = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    let cases: Vec<(&str, Vec<Value>, Vec<String>)> = vec![
        ("all required fields ok", vec![c(json!({"maxSkew": 1, "topologyKey": "k8s.io/zone",
            "whenUnsatisfiable": "DoNotSchedule", "minDomains": 3}))], vec![]),
        ("missing MaxSkew", vec![json!({"topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule"})],
            vec!["field[0].maxSkew: Invalid value: 0: must be greater than zero".into()]),
        ("negative MaxSkew", vec![json!({"maxSkew": -1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule"})],
            vec!["field[0].maxSkew: Invalid value: -1: must be greater than zero".into()]),
        ("can use MinDomains with ScheduleAnyway, when MinDomains = nil",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "ScheduleAnyway", "minDomains": null})], vec![]),
        ("negative minDomains is invalid",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule", "minDomains": -1})],
            vec!["field[0].minDomains: Invalid value: -1: must be greater than zero".into()]),
        ("cannot use non-nil MinDomains with ScheduleAnyway",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "ScheduleAnyway", "minDomains": 10})],
            vec!["field[0].minDomains: Invalid value: 10: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway".into()]),
        ("use negative MinDomains with ScheduleAnyway(invalid)",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "ScheduleAnyway", "minDomains": -1})],
            vec![
                "field[0].minDomains: Invalid value: -1: must be greater than zero".into(),
                "field[0].minDomains: Invalid value: -1: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway".into(),
            ]),
        ("missing TopologyKey", vec![json!({"maxSkew": 1, "whenUnsatisfiable": "DoNotSchedule"})],
            vec!["field[0].topologyKey: Required value: can not be empty".into()]),
        ("missing scheduling mode", vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone"})],
            vec!["field[0].whenUnsatisfiable: Unsupported value: \"\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"".into()]),
        ("unsupported scheduling mode", vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "N/A"})],
            vec!["field[0].whenUnsatisfiable: Unsupported value: \"N/A\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"".into()]),
        ("multiple constraints ok with all required fields",
            vec![ok("k8s.io/zone", "DoNotSchedule"), json!({"maxSkew": 2, "topologyKey": "k8s.io/node", "whenUnsatisfiable": "ScheduleAnyway"})], vec![]),
        ("multiple constraints missing TopologyKey on partial ones",
            vec![json!({"maxSkew": 1, "whenUnsatisfiable": "ScheduleAnyway"}), json!({"maxSkew": 2, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule"})],
            vec!["field[0].topologyKey: Required value: can not be empty".into()]),
        ("duplicate constraints",
            vec![ok("k8s.io/zone", "DoNotSchedule"), json!({"maxSkew": 2, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule"})],
            vec!["field[0].{topologyKey, whenUnsatisfiable}: Duplicate value: \"{k8s.io/zone, DoNotSchedule}\"".into()]),
        ("supported policy name set on NodeAffinityPolicy and NodeTaintsPolicy",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule", "nodeAffinityPolicy": "Honor", "nodeTaintsPolicy": "Ignore"})], vec![]),
        ("unsupported policy name set on NodeAffinityPolicy",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule", "nodeAffinityPolicy": "Unknown", "nodeTaintsPolicy": "Ignore"})],
            vec!["field[0].nodeAffinityPolicy: Unsupported value: \"Unknown\": supported values: \"Honor\", \"Ignore\"".into()]),
        ("unsupported policy name set on NodeTaintsPolicy",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule", "nodeAffinityPolicy": "Honor", "nodeTaintsPolicy": "Unknown"})],
            vec!["field[0].nodeTaintsPolicy: Unsupported value: \"Unknown\": supported values: \"Honor\", \"Ignore\"".into()]),
        ("key in MatchLabelKeys isn't correctly defined",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "labelSelector": {}, "whenUnsatisfiable": "DoNotSchedule", "matchLabelKeys": ["/simple"]})],
            vec!["field[0].matchLabelKeys[0]: Invalid value: \"/simple\": prefix part must be non-empty".into()]),
        ("key exists in both matchLabelKeys and labelSelector",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule", "matchLabelKeys": ["foo"],
                        "labelSelector": {"matchExpressions": [{"key": "foo", "operator": "NotIn", "values": ["value1", "value2"]}]}})],
            vec!["field[0].matchLabelKeys[0]: Invalid value: \"foo\": exists in both matchLabelKeys and labelSelector".into()]),
        ("key in MatchLabelKeys is forbidden to be specified when labelSelector is not set",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule", "matchLabelKeys": ["foo"]})],
            vec!["field[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set".into()]),
        ("invalid matchLabels set on labelSelector when AllowInvalidTopologySpreadConstraintLabelSelector is false",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule",
                        "labelSelector": {"matchLabels": {"NoUppercaseOrSpecialCharsLike=Equals": "foo"}}})],
            vec![format!("field[0].labelSelector.matchLabels: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": {name_part}")]),
        ("valid matchLabels set on labelSelector when AllowInvalidTopologySpreadConstraintLabelSelector is false",
            vec![json!({"maxSkew": 1, "topologyKey": "k8s.io/zone", "whenUnsatisfiable": "DoNotSchedule",
                        "labelSelector": {"matchLabels": {"foo": "foo"}}})], vec![]),
    ];
    for (name, list, want) in cases {
        let got = render(&validate_topology_spread_constraints(
            &list,
            &Path::new("field"),
        ));
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn security_context_table() {
    let range = "must be between 0 and 2147483647, inclusive";
    let sysctl_re = r"^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";
    // (citation, spec patch, container patch, expected errors)
    let cases: Vec<(&str, Value, Value, Vec<String>)> = vec![
        // TestValidatePod successCases "syntactically valid sysctls", seccomp/AppArmor profiles.
        ("syntactically valid sysctls", json!({"securityContext": {"sysctls": [
            {"name": "kernel.shmmni", "value": "32768"}, {"name": "kernel.shmmax", "value": "1000000000"},
            {"name": "knet.ipv4.route.min_pmtu", "value": "1000"}]}}), json!({}), vec![]),
        ("localhost seccomp profile for a pod", json!({"securityContext": {"seccompProfile":
            {"type": "Localhost", "localhostProfile": "filename.json"}}}), json!({}), vec![]),
        ("localhost AppArmor profile for a container field", json!({}), json!({"securityContext":
            {"appArmorProfile": {"type": "Localhost", "localhostProfile": "example-org/application-foo"}}}), vec![]),
        // TestValidatePod errorCases (AppArmor fields).
        ("unsupported pod AppArmor profile type", json!({"securityContext": {"appArmorProfile": {"type": "test"}}}), json!({}),
            vec!["spec.securityContext.appArmorProfile.type: Unsupported value: \"test\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\"".into()]),
        ("unsupported container AppArmor profile type", json!({}), json!({"securityContext": {"appArmorProfile": {"type": "test"}}}),
            vec!["spec.containers[0].securityContext.appArmorProfile.type: Unsupported value: \"test\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\"".into()]),
        ("missing pod AppArmor profile type", json!({"securityContext": {"appArmorProfile": {"type": ""}}}), json!({}),
            vec!["spec.securityContext.appArmorProfile.type: Required value: type is required when appArmorProfile is set".into()]),
        ("missing AppArmor localhost profile", json!({"securityContext": {"appArmorProfile": {"type": "Localhost"}}}), json!({}),
            vec!["spec.securityContext.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost".into()]),
        ("empty AppArmor localhost profile", json!({"securityContext": {"appArmorProfile": {"type": "Localhost", "localhostProfile": ""}}}), json!({}),
            vec!["spec.securityContext.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost".into()]),
        ("invalid AppArmor localhost profile type", json!({"securityContext": {"appArmorProfile": {"type": "RuntimeDefault", "localhostProfile": "foo-bar"}}}), json!({}),
            vec!["spec.securityContext.appArmorProfile.localhostProfile: Invalid value: \"foo-bar\": can only be set when AppArmor type is Localhost".into()]),
        ("invalid AppArmor localhost profile", json!({"securityContext": {"appArmorProfile": {"type": "Localhost", "localhostProfile": "foo-bar "}}}), json!({}),
            vec!["spec.securityContext.appArmorProfile.localhostProfile: Invalid value: \"foo-bar \": must not be padded with whitespace".into()]),
        ("too long AppArmor localhost profile", json!({"securityContext": {"appArmorProfile": {"type": "Localhost", "localhostProfile": "a".repeat(4096)}}}), json!({}),
            vec!["spec.securityContext.appArmorProfile.localhostProfile: Too long: may not be more than 4095 bytes".into()]),
        // validatePodSpecSecurityContext / validateSysctls / validateSeccompProfileField.
        ("ids out of range", json!({"securityContext": {"fsGroup": -1, "runAsUser": 2147483648i64,
            "runAsGroup": -2, "supplementalGroups": [1, -1]}}), json!({}),
            vec![
                format!("spec.securityContext.fsGroup: Invalid value: -1: {range}"),
                format!("spec.securityContext.runAsUser: Invalid value: 2147483648: {range}"),
                format!("spec.securityContext.runAsGroup: Invalid value: -2: {range}"),
                format!("spec.securityContext.supplementalGroups[1]: Invalid value: -1: {range}"),
            ]),
        ("sysctls: empty, bad, duplicate, net with hostNetwork", json!({"hostNetwork": true, "securityContext": {"sysctls": [
            {"name": ""}, {"name": "Bad.Name"}, {"name": "net.core.somaxconn"}, {"name": "net.core.somaxconn"}]}}), json!({}),
            vec![
                "spec.securityContext.sysctls[0].name: Required value".into(),
                format!("spec.securityContext.sysctls[1].name: Invalid value: \"Bad.Name\": must have at most 253 characters and match regex {sysctl_re}"),
                "spec.securityContext.sysctls[2].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true".into(),
                "spec.securityContext.sysctls[3].name: Duplicate value: \"net.core.somaxconn\"".into(),
                "spec.securityContext.sysctls[3].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true".into(),
            ]),
        ("ipc sysctl with hostIPC (slash form)", json!({"hostIPC": true, "securityContext": {"sysctls": [{"name": "kernel/shmmax"}]}}), json!({}),
            vec!["spec.securityContext.sysctls[0].name: Invalid value: \"kernel/shmmax\": may not be specified when 'hostIPC' is true".into()]),
        ("policies", json!({"securityContext": {"fsGroupChangePolicy": "Sometimes",
            "supplementalGroupsPolicy": "Loose", "seLinuxChangePolicy": "Never"}}), json!({}),
            vec![
                "spec.securityContext.fsGroupChangePolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnRootMismatch\"".into(),
                "spec.securityContext.supplementalGroupsPolicy: Unsupported value: \"Loose\": supported values: \"Merge\", \"Strict\"".into(),
                "spec.securityContext.seLinuxChangePolicy: Unsupported value: \"Never\": supported values: \"MountOption\", \"Recursive\"".into(),
            ]),
        ("seccomp", json!({"securityContext": {"seccompProfile": {"type": "Localhost", "localhostProfile": "/abs"}}}),
            json!({"securityContext": {"seccompProfile": {"type": "RuntimeDefault", "localhostProfile": "x"}}}),
            vec![
                "spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: core.SeccompProfile{Type:\"RuntimeDefault\", LocalhostProfile:(*string)(0x0)}: can only be set when seccomp type is Localhost".into(),
                "spec.securityContext.seccompProfile.localhostProfile: Invalid value: \"/abs\": must be a relative path".into(),
            ]),
        // ValidateSecurityContext.
        ("container: privileged without escalation, CAP_SYS_ADMIN, procMount", json!({}),
            json!({"securityContext": {"privileged": true, "allowPrivilegeEscalation": false,
                "capabilities": {"add": ["CAP_SYS_ADMIN"]}, "procMount": "Unmasked", "runAsUser": -1}}),
            vec![
                format!("spec.containers[0].securityContext.runAsUser: Invalid value: -1: {range}"),
                "spec.containers[0].securityContext.procMount: Invalid value: \"Unmasked\": `hostUsers` must be false to use `Unmasked`".into(),
                "spec.containers[0].securityContext: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(0x0), Privileged:(*bool)(0x0), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(0x0), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0x0), ProcMount:(*core.ProcMountType)(0x0), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true".into(),
                "spec.containers[0].securityContext: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(0x0), Privileged:(*bool)(0x0), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(0x0), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0x0), ProcMount:(*core.ProcMountType)(0x0), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN".into(),
            ]),
        ("unsupported procMount (hostUsers false)", json!({"hostUsers": false}),
            json!({"securityContext": {"procMount": "Masked"}}),
            vec!["spec.containers[0].securityContext.procMount: Unsupported value: \"Masked\": supported values: \"Default\", \"Unmasked\"".into()]),
        // validateWindowsSecurityContextOptions.
        ("windows options", json!({"securityContext": {"windowsOptions": {"gmsaCredentialSpecName": "A_B",
            "gmsaCredentialSpec": "", "runAsUserName": "dom\\us:er"}}}), json!({}),
            vec![
                format!("spec.securityContext.windowsOptions.gmsaCredentialSpecName: Invalid value: \"A_B\": {SUBDOMAIN_MSG}"),
                "spec.securityContext.windowsOptions.gmsaCredentialSpec: Invalid value: \"\": gmsaCredentialSpec cannot be an empty string".into(),
                "spec.securityContext.windowsOptions.runAsUserName: Invalid value: \"dom\\\\us:er\": runAsUserName's User cannot contain the following characters: \"/\\:;|=,+*?<>@[]".into(),
            ]),
        // validateHostUsers, validateWindowsHostProcessPod.
        ("hostUsers false with host namespaces", json!({"hostUsers": false, "hostNetwork": true, "hostPID": true, "hostIPC": true}), json!({}),
            vec![
                "spec.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false".into(),
                "spec.HostPID: Forbidden: when `pod.Spec.HostUsers` is false".into(),
                "spec.HostIPC: Forbidden: when `pod.Spec.HostUsers` is false".into(),
            ]),
        ("hostProcess", json!({"securityContext": {"windowsOptions": {"hostProcess": true}}}),
            json!({"securityContext": {"windowsOptions": {"hostProcess": false}}}),
            vec![
                "spec.containers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true".into(),
            ]),
        ("hostProcess without hostNetwork, init container not hostProcess", json!({
            "initContainers": [{"name": "init", "image": "image", "imagePullPolicy": "IfNotPresent",
                                "terminationMessagePolicy": "File"}]}),
            json!({"securityContext": {"windowsOptions": {"hostProcess": true}}}),
            vec![
                "spec: Invalid value: \"\": If pod contains any hostProcess containers then all containers must be HostProcess containers".into(),
                "spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers".into(),
            ]),
        // validateOS, validateLinux, validateWindows.
        ("os: unsupported", json!({"os": {"name": "plan9"}}), json!({}),
            vec!["spec.os: Unsupported value: \"plan9\": supported values: \"linux\", \"windows\"".into()]),
        ("os: empty name", json!({"os": {"name": ""}}), json!({}),
            vec!["spec.os.name: Required value: cannot be empty".into()]),
        ("os: linux with windows options", json!({"os": {"name": "linux"}}),
            json!({"securityContext": {"windowsOptions": {"runAsUserName": "u"}}}),
            vec!["spec.containers[0].securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod".into()]),
        ("os: windows with linux fields", json!({"os": {"name": "windows"}, "hostPID": true,
            "securityContext": {"runAsUser": 1}}), json!({"securityContext": {"privileged": false}}),
            vec![
                "spec.hostPID: Forbidden: cannot be set for a windows pod".into(),
                "spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod".into(),
                "spec.containers[0].securityContext.privileged: Forbidden: cannot be set for a windows pod".into(),
            ]),
    ];
    for (name, spec, container, want) in cases {
        assert_eq!(pod_with(spec, container), want, "{name}");
    }
}
