//! Create validation of Pod, Deployment, Node, Namespace and EndpointSlice: rules checked
//! against upstream's source (`pkg/apis/core/validation/validation.go`,
//! `pkg/apis/apps/validation/validation.go`, `pkg/apis/discovery/validation/validation.go`), each
//! case citing the upstream function and test it reproduces, with the exact message and order.

use serde_json::json;
use svcplay_model::defaults::default_object;
use svcplay_model::types::*;
use svcplay_model::validation::validate_object;

fn msgs(o: &Object) -> Vec<String> {
    validate_object(o).iter().map(|e| e.message()).collect()
}

fn defaulted(mut o: Object) -> Object {
    default_object(&mut o);
    o
}

fn labels(kv: &[(&str, &str)]) -> StringMap {
    kv.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn pod_with(f: impl FnOnce(&mut PodSpec)) -> Object {
    let mut spec = PodSpec {
        containers: vec![Container {
            name: "web".into(),
            image: "nginx".into(),
            ..Default::default()
        }]
        .into(),
        ..Default::default()
    };
    f(&mut spec);
    defaulted(Object::Pod(Pod {
        metadata: ObjectMeta {
            name: "web-1".into(),
            namespace: "default".into(),
            ..Default::default()
        },
        spec,
        ..Default::default()
    }))
}

/// A valid Deployment whose `spec.strategy` (and other raw fields) are set by `f` before
/// defaulting.
fn deployment_with(f: impl FnOnce(&mut DeploymentSpec)) -> Object {
    let app = labels(&[("app", "web")]);
    let mut spec = DeploymentSpec {
        replicas: Some(2),
        selector: Some(LabelSelector {
            match_labels: app.clone(),
            match_expressions: vec![],
        }),
        template: PodTemplateSpec {
            metadata: ObjectMeta {
                labels: app.into(),
                ..Default::default()
            },
            spec: PodSpec {
                containers: vec![Container {
                    name: "web".into(),
                    image: "nginx".into(),
                    ..Default::default()
                }]
                .into(),
                ..Default::default()
            },
        },
        ..Default::default()
    };
    f(&mut spec);
    defaulted(Object::Deployment(Deployment {
        metadata: ObjectMeta {
            name: "web".into(),
            namespace: "default".into(),
            ..Default::default()
        },
        spec,
        ..Default::default()
    }))
}

fn strategy(v: serde_json::Value) -> Object {
    deployment_with(|s| {
        s.other.insert("strategy".into(), v);
    })
}

const PERCENT_MSG: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

// apps validation.go ValidateDeploymentStrategy / ValidateRollingUpdateDeployment;
// validation_test.go TestValidateDeployment error cases "may not be specified when strategy
// `type` is 'Recreate'", "a valid percent string must be", "may not be 0 when `maxSurge` is 0",
// "must not be greater than 100%", and an unsupported strategy type. The internal type holds an
// `intstr.IntOrString` value, whose String() has a pointer receiver, so field.ErrorBody prints
// it with %#v (`intstr.IntOrString{Type:1, IntVal:0, StrVal:"20Percent"}`).
#[test]
fn deployment_strategy() {
    assert!(msgs(&strategy(json!({}))).is_empty());
    assert!(msgs(&strategy(json!({"type": "Recreate"}))).is_empty());
    let cases: Vec<(serde_json::Value, Vec<String>)> = vec![
        (
            json!({"type": "Recreate", "rollingUpdate": {}}),
            vec![
                "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'".into(),
            ],
        ),
        (
            json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "20Percent"}}),
            vec![format!(
                "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{{Type:1, IntVal:0, StrVal:\"20Percent\"}}: {PERCENT_MSG}"
            )],
        ),
        (
            json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "0%", "maxUnavailable": 0}}),
            vec![
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0".into(),
            ],
        ),
        (
            json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "110%"}}),
            vec![
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"110%\"}: must not be greater than 100%".into(),
            ],
        ),
        (
            json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": -1, "maxSurge": "5"}}),
            vec![
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0".into(),
                format!("spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{{Type:1, IntVal:0, StrVal:\"5\"}}: {PERCENT_MSG}"),
            ],
        ),
        (
            json!({"type": "BlueGreen"}),
            vec![
                "spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"BlueGreen\", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\"".into(),
            ],
        ),
    ];
    for (s, want) in cases {
        assert_eq!(msgs(&strategy(s.clone())), want, "strategy {s}");
    }
}

// apps validation.go ValidateDeploymentSpec order: replicas, selector, template, strategy,
// minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds (validation_test.go
// TestValidateDeployment "must be greater than minReadySeconds").
#[test]
fn deployment_spec_order() {
    let o = deployment_with(|s| {
        s.replicas = Some(-1);
        s.other.insert("strategy".into(), json!({"type": "Foo"}));
        s.other.insert("minReadySeconds".into(), json!(-5));
        s.other.insert("revisionHistoryLimit".into(), json!(-1));
        s.other.insert("progressDeadlineSeconds".into(), json!(-5));
    });
    let m = msgs(&o);
    let fields: Vec<&str> = m.iter().map(|s| s.split(':').next().unwrap()).collect();
    assert_eq!(
        fields,
        vec![
            "spec.replicas",
            "spec.strategy",
            "spec.minReadySeconds",
            "spec.revisionHistoryLimit",
            "spec.progressDeadlineSeconds",
            "spec.progressDeadlineSeconds",
        ],
        "{m:#?}"
    );
    assert_eq!(
        m[5],
        "spec.progressDeadlineSeconds: Invalid value: -5: must be greater than minReadySeconds"
    );
    let o = deployment_with(|s| {
        s.other.insert("minReadySeconds".into(), json!(600));
        s.other.insert("progressDeadlineSeconds".into(), json!(600));
    });
    assert_eq!(
        msgs(&o),
        vec![
            "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"
        ]
    );
}

// apps validation.go ValidatePodTemplateSpecForReplicaSet: activeDeadlineSeconds in a template
// is range-checked by ValidatePodSpec first, then forbidden; a JSON null is an unset pointer.
#[test]
fn deployment_template_active_deadline() {
    let o = deployment_with(|s| {
        s.template
            .spec
            .other
            .insert("activeDeadlineSeconds".into(), json!(0));
    });
    assert_eq!(
        msgs(&o),
        vec![
            "spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported",
        ]
    );
    let o = deployment_with(|s| {
        s.template
            .spec
            .other
            .insert("activeDeadlineSeconds".into(), serde_json::Value::Null);
    });
    assert!(msgs(&o).is_empty());
}

// validation.go ValidateTolerations (validation_test.go TestValidateTolerations error cases
// "invalid toleration key", "toleration key is empty and operator is not Exists", "value must
// be empty when `operator` is 'Exists'", "operator must be 'Equal' or 'Exists'", "invalid
// toleration effect", "toleration seconds set with effect other than NoExecute").
#[test]
fn pod_tolerations() {
    let o = pod_with(|s| {
        s.other.insert(
            "tolerations".into(),
            json!([
                {"key": "a b", "operator": "Exists"},
                {"operator": "Equal", "value": "bar"},
                {"key": "foo", "operator": "Exists", "value": "bar", "effect": "NoSchedule"},
                {"key": "foo", "operator": "In", "value": "bar"},
                {"key": "foo", "operator": "Equal", "value": "bar", "effect": "Sometimes"},
                {"key": "foo", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 60},
                {"key": "foo", "value": "a b"},
                {"operator": "Exists"},
                {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
            ]),
        );
    });
    let p = "spec.tolerations";
    assert_eq!(
        msgs(&o),
        vec![
            format!(
                "{p}[0].key: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
            ),
            format!(
                "{p}[1].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""
            ),
            format!(
                "{p}[2].operator: Invalid value: core.Toleration{{Key:\"foo\", Operator:\"Exists\", Value:\"bar\", Effect:\"NoSchedule\", TolerationSeconds:(*int64)(nil)}}: value must be empty when `operator` is 'Exists'"
            ),
            format!(
                "{p}[3].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\""
            ),
            format!(
                "{p}[4].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""
            ),
            format!(
                "{p}[5].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"
            ),
            format!(
                "{p}[6].operator: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
            ),
        ]
    );
}

// validation.go ValidatePodSpec: serviceAccountName and priorityClassName are DNS subdomains,
// activeDeadlineSeconds is within [1, MaxInt32]; the order is serviceAccountName, nodeName,
// activeDeadlineSeconds, hostname, subdomain, tolerations, priorityClassName
// (validation_test.go TestValidatePodSpec "bad service account name", "bad active deadline
// seconds", "bad priorityClassName").
#[test]
fn pod_spec_more_fields() {
    let sub = |v: &str| {
        format!(
            "Invalid value: \"{v}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        )
    };
    let o = pod_with(|s| {
        s.other
            .insert("serviceAccountName".into(), json!("invalid@name"));
        s.other.insert("activeDeadlineSeconds".into(), json!(0));
        s.other
            .insert("priorityClassName".into(), json!("InvalidName"));
        s.other
            .insert("tolerations".into(), json!([{"operator": "Bogus"}]));
        s.node_name = "Node_1".into();
        s.hostname = "Bad_Host".into();
    });
    let m = msgs(&o);
    assert_eq!(m.len(), 7, "{m:#?}");
    assert_eq!(
        m[0],
        format!("spec.serviceAccountName: {}", sub("invalid@name"))
    );
    assert_eq!(m[1], format!("spec.nodeName: {}", sub("Node_1")));
    assert_eq!(
        m[2],
        "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"
    );
    assert!(m[3].starts_with("spec.hostname: Invalid value: \"Bad_Host\""));
    assert!(m[4].starts_with("spec.tolerations[0].operator: Invalid value: \"Bogus\""));
    assert!(m[5].starts_with("spec.tolerations[0].operator: Unsupported value: \"Bogus\""));
    assert_eq!(
        m[6],
        format!("spec.priorityClassName: {}", sub("InvalidName"))
    );
    let o = pod_with(|s| {
        s.other
            .insert("activeDeadlineSeconds".into(), json!(2_147_483_648_i64));
    });
    assert_eq!(
        msgs(&o),
        vec![
            "spec.activeDeadlineSeconds: Invalid value: 2147483648: must be between 1 and 2147483647, inclusive"
        ]
    );
}

fn node(spec: NodeSpec) -> Object {
    defaulted(Object::Node(Node {
        metadata: ObjectMeta {
            name: "worker-1".into(),
            ..Default::default()
        },
        spec,
        ..Default::default()
    }))
}

fn taint(key: &str, value: &str, effect: &str) -> Taint {
    Taint {
        key: key.into(),
        value: value.into(),
        effect: effect.into(),
        time_added: None,
    }
}

// validation.go ValidateNode / validateNodeTaints: the taints are validated under the
// `metadata` path; a (key, effect) pair may appear once (validation_test.go TestValidateNode
// taint error cases: missing key, bad value, missing/unsupported effect, duplicate taints).
#[test]
fn node_taints() {
    let m = msgs(&node(NodeSpec {
        taints: vec![
            taint("dedicated", "a b", "NoSchedule"),
            taint("dedicated", "x", "NoSchedule"),
            taint("dedicated", "x", "NoExecute"),
            taint("", "", "Never"),
        ],
        ..Default::default()
    }));
    assert_eq!(
        m,
        vec![
            "metadata.taints[0].value: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            "metadata.taints[1]: Duplicate value: core.Taint{Key:\"dedicated\", Value:\"x\", Effect:\"NoSchedule\", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair",
            "metadata.taints[3].key: Invalid value: \"\": name part must be non-empty",
            "metadata.taints[3].key: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "metadata.taints[3].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
        ]
    );
}

// validation.go ValidateNode podCIDRs: every entry is checked; with more than one,
// netutils.IsDualStackCIDRStrings fails on the first unparsable CIDR (an internal error), the
// list then also counts as not dual-stack, and duplicates are reported
// (validation_test.go TestValidateNode "invalid-podCIDRs"-style and "duplicate-podCIDRs").
#[test]
fn node_pod_cidrs() {
    let m = msgs(&node(NodeSpec {
        pod_cidrs: vec!["10.244.1.0/33".into(), "fd00::/64".into()],
        ..Default::default()
    }));
    assert_eq!(
        m,
        vec![
            "spec.podCIDRs[0]: Invalid value: \"10.244.1.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            "spec.podCIDRs: Internal error: invalid PodCIDRs. failed to check with dual stack with error:failed to parse cidr value:\"10.244.1.0/33\" with error:invalid CIDR address: 10.244.1.0/33",
            "spec.podCIDRs: Invalid value: []string{\"10.244.1.0/33\", \"fd00::/64\"}: may specify no more than one CIDR for each IP family",
        ]
    );
    let m = msgs(&node(NodeSpec {
        pod_cidrs: vec!["10.244.1.0/24".into(), "10.244.1.0/24".into()],
        ..Default::default()
    }));
    assert_eq!(
        m,
        vec![
            "spec.podCIDRs: Invalid value: []string{\"10.244.1.0/24\", \"10.244.1.0/24\"}: may specify no more than one CIDR for each IP family",
            "spec.podCIDRs[1]: Duplicate value: \"10.244.1.0/24\"",
        ]
    );
    assert!(
        msgs(&node(NodeSpec {
            pod_cidrs: vec!["10.244.1.0/24".into(), "fd00:10:244:1::/64".into()],
            ..Default::default()
        }))
        .is_empty()
    );
}

// validation.go ValidateNamespace: spec.finalizers through validateFinalizerName, reported at
// the unindexed `spec.finalizers` (validation_test.go TestValidateNamespaceFinalizeUpdate-style
// "example.com/foo" valid, "foo" not standard, "a/b/c" not qualified).
#[test]
fn namespace_spec_finalizers() {
    let ns = |fins: serde_json::Value| {
        defaulted(Object::Namespace(Namespace {
            metadata: ObjectMeta {
                name: "team-a".into(),
                ..Default::default()
            },
            spec: Some(json!({ "finalizers": fins })),
            ..Default::default()
        }))
    };
    assert!(msgs(&ns(json!(["kubernetes", "example.com/foo"]))).is_empty());
    assert_eq!(
        msgs(&ns(json!(["foo"]))),
        vec![
            "spec.finalizers: Invalid value: \"foo\": name is neither a standard finalizer name nor is it fully qualified"
        ]
    );
    let m = msgs(&ns(json!(["a/b/c"])));
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(m[0].starts_with(
        "spec.finalizers: Invalid value: \"a/b/c\": a qualified name must consist of"
    ));
}

// objectmeta.go ValidateFinalizers + core ValidateObjectMeta: a finalizer that is not a
// qualified name is reported once at `metadata.finalizers`; the per-index check is only
// validateKubeFinalizerName (standard name when there is no `/`).
#[test]
fn metadata_finalizers_reported_once() {
    let o = pod_with(|_| {});
    let Object::Pod(mut p) = o else {
        unreachable!()
    };
    p.metadata.finalizers = vec!["Bad Name".into()];
    let m = msgs(&Object::Pod(p));
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(m[0].starts_with(
        "metadata.finalizers: Invalid value: \"Bad Name\": name part must consist of"
    ));
    assert_eq!(
        m[1],
        "metadata.finalizers[0]: Invalid value: \"Bad Name\": name is neither a standard finalizer name nor is it fully qualified"
    );
}

fn slice_with_hints(hints: EndpointHints) -> Object {
    defaulted(Object::EndpointSlice(EndpointSlice {
        metadata: ObjectMeta {
            name: "web-abc".into(),
            namespace: "default".into(),
            ..Default::default()
        },
        address_type: "IPv4".into(),
        endpoints: vec![Endpoint {
            addresses: vec!["10.244.1.5".into()],
            hints: Some(hints),
            ..Default::default()
        }],
        ..Default::default()
    }))
}

fn zones(names: &[&str]) -> Vec<ForZone> {
    names
        .iter()
        .map(|n| ForZone {
            name: n.to_string(),
        })
        .collect()
}

// discovery validation.go validateHints: forZones (at most 8, unique, label values), then
// forNodes (at most 8, unique, node names); too many zones stops before the nodes
// (validation_test.go TestValidateEndpointSlice "invalid-hints"-style cases:
// "too-many-zone-hints", "duplicate-zone-hints", "invalid node hint name").
#[test]
fn endpoint_slice_hints() {
    assert!(
        msgs(&slice_with_hints(EndpointHints {
            for_zones: zones(&["zone-a"]),
            for_nodes: zones(&["worker-1"]),
        }))
        .is_empty()
    );
    assert_eq!(
        msgs(&slice_with_hints(EndpointHints {
            for_zones: zones(&["zone-a", "zone-a"]),
            for_nodes: zones(&["worker-1", "worker-1", "Worker_2"]),
        })),
        vec![
            "endpoints[0].hints.forZones[1].name: Duplicate value: \"zone-a\"",
            "endpoints[0].hints.forNodes[1].name: Duplicate value: \"worker-1\"",
            "endpoints[0].hints.forNodes[2].name: Invalid value: \"Worker_2\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ]
    );
    let nine: Vec<&str> = vec!["n"; 9];
    assert_eq!(
        msgs(&slice_with_hints(EndpointHints {
            for_zones: zones(&nine),
            for_nodes: zones(&nine),
        })),
        vec!["endpoints[0].hints.forZones: Too many: 9: must have at most 8 items"]
    );
    assert_eq!(
        msgs(&slice_with_hints(EndpointHints {
            for_zones: vec![],
            for_nodes: zones(&nine),
        })),
        vec!["endpoints[0].hints.forNodes: Too many: 9: must have at most 8 items"]
    );
}

// validation.go ValidatePodSpecificAnnotations (after the object metadata, before the spec; in a
// template at `spec.template.annotations`): pod-deletion-cost must be a 32-bit integer written
// without `+` or leading zeros (validation_test.go TestValidatePod "invalid pod-deletion-cost"
// cases "text", "float", "+10"-style and "008"-style, "exceeds int32"), and a mirror pod must
// set spec.nodeName ("mirror-pod present without nodeName").
#[test]
fn pod_specific_annotations() {
    let with_annotations = |kv: &[(&str, &str)]| {
        let Object::Pod(mut p) = pod_with(|_| {}) else {
            unreachable!()
        };
        p.metadata.annotations = labels(kv);
        Object::Pod(p)
    };
    const COST: &str = "controller.kubernetes.io/pod-deletion-cost";
    for ok in ["0", "-10", "10", "2147483647", "-2147483648"] {
        assert!(msgs(&with_annotations(&[(COST, ok)])).is_empty(), "{ok}");
    }
    for bad in ["text", "10.5", "+10", "008", "", "2147483648"] {
        assert_eq!(
            msgs(&with_annotations(&[(COST, bad)])),
            vec![format!(
                "metadata.annotations[{COST}]: Invalid value: \"{bad}\": must be a 32bit integer"
            )],
            "{bad}"
        );
    }
    assert_eq!(
        msgs(&with_annotations(&[("kubernetes.io/config.mirror", "abc")])),
        vec![
            "metadata.annotations[kubernetes.io/config.mirror]: Invalid value: \"abc\": must set spec.nodeName if mirror pod annotation is set"
        ]
    );
    let o = deployment_with(|s| {
        s.template.metadata.annotations = labels(&[(COST, "x")]);
        s.replicas = Some(-1);
    });
    assert_eq!(
        msgs(&o),
        vec![
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0".to_string(),
            format!(
                "spec.template.annotations[{COST}]: Invalid value: \"x\": must be a 32bit integer"
            ),
        ]
    );
}

// validation.go validatePodDNSConfig, between nodeSelector and serviceAccountName
// (validation_test.go TestValidatePodDNSConfig "invalid: dnsPolicy None without dnsConfig",
// "invalid: dnsPolicy None without nameserver", "invalid nameserver", "invalid search path",
// "invalid: no name in option").
#[test]
fn pod_dns_config() {
    let with = |policy: &str, cfg: Option<serde_json::Value>| {
        pod_with(|s| {
            s.other.insert("dnsPolicy".into(), json!(policy));
            if let Some(c) = cfg {
                s.other.insert("dnsConfig".into(), c);
            }
        })
    };
    assert_eq!(
        msgs(&with("None", None)),
        vec!["spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"]
    );
    assert_eq!(
        msgs(&with("None", Some(json!({"searches": ["a.b"]})))),
        vec![
            "spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None"
        ]
    );
    assert!(
        msgs(&with(
            "None",
            Some(json!({"nameservers": ["1.1.1.1"], "searches": ["svc.cluster.local."]}))
        ))
        .is_empty()
    );
    let m = msgs(&with(
        "ClusterFirst",
        Some(
            json!({"nameservers": ["1.1.1.1", "bad"], "searches": ["Bad_Domain"], "options": [{"value": "2"}]}),
        ),
    ));
    assert_eq!(m.len(), 3, "{m:#?}");
    assert_eq!(
        m[0],
        "spec.dnsConfig.nameservers[1]: Invalid value: \"bad\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
    );
    assert!(m[1].starts_with(
        "spec.dnsConfig.searches[0]: Invalid value: \"Bad_Domain\": a lowercase RFC 1123 subdomain"
    ));
    assert_eq!(
        m[2],
        "spec.dnsConfig.options[0]: Required value: must not be empty"
    );
}
