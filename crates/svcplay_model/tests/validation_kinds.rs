//! Create validation of the other kinds (Pod, Deployment, ReplicaSet, Namespace, Node,
//! EndpointSlice) and the Service warnings, on defaulted objects. Each case cites the upstream
//! test or function it reproduces.

use serde_json::json;
use svcplay_model::defaults::default_object;
use svcplay_model::types::*;
use svcplay_model::validation::{service_warnings, validate_object};

fn msgs(o: &Object) -> Vec<String> {
    validate_object(o).iter().map(|e| e.message()).collect()
}

fn defaulted(mut o: Object) -> Object {
    default_object(&mut o);
    o
}

fn container(name: &str) -> Container {
    Container {
        name: name.into(),
        image: "nginx:1.27".into(),
        ..Default::default()
    }
}

fn cport(name: &str, port: i32) -> ContainerPort {
    ContainerPort {
        name: name.into(),
        container_port: port,
        ..Default::default()
    }
}

fn pod(spec: PodSpec) -> Object {
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

fn labels(kv: &[(&str, &str)]) -> StringMap {
    kv.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const LABEL_TAIL: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

// validation_test.go TestValidatePodSpec "valid" shape: a defaulted minimal pod is valid.
#[test]
fn pod_valid() {
    let o = pod(PodSpec {
        containers: vec![Container {
            ports: vec![cport("http", 8080)],
            ..container("web")
        }]
        .into(),
        hostname: "web-1".into(),
        subdomain: "web".into(),
        ..Default::default()
    });
    assert_eq!(msgs(&o), Vec::<String>::new());
}

// validation_test.go TestValidatePodSpec "missing containers" / validateContainers.
#[test]
fn pod_requires_containers() {
    let o = pod(PodSpec::default());
    assert_eq!(msgs(&o), vec!["spec.containers: Required value"]);
}

// validation_test.go TestValidateContainers error cases: "zero-length name", "name > 63
// characters"-style DNS label failure, "zero-length image", "duplicate names".
#[test]
fn pod_container_names_and_images() {
    let o = pod(PodSpec {
        containers: vec![
            container(""),
            Container {
                image: String::new(),
                ..container("Web")
            },
            container("dup"),
            container("dup"),
        ]
        .into(),
        ..Default::default()
    });
    assert_eq!(
        msgs(&o),
        vec![
            "spec.containers[0].name: Required value".to_string(),
            format!("spec.containers[1].name: Invalid value: \"Web\": {LABEL_TAIL}"),
            "spec.containers[1].image: Required value".to_string(),
            "spec.containers[3].name: Duplicate value: \"dup\"".to_string(),
        ]
    );
}

// validation_test.go TestValidatePorts error cases: "name > 15 characters", "name contains
// invalid characters", "name is a number", "name not unique", "zero container port",
// "invalid container port", "invalid host port", "invalid protocol case", "invalid protocol".
#[test]
fn pod_container_ports() {
    let ports = vec![
        cport("a".repeat(16).as_str(), 80),
        cport("a.b", 81),
        cport("80", 82),
        cport("http", 83),
        cport("http", 84),
        cport("", 0),
        cport("", 65536),
        ContainerPort {
            host_port: 65536,
            ..cport("", 85)
        },
        ContainerPort {
            protocol: "tcp".into(),
            ..cport("", 86)
        },
    ];
    let mut o = pod(PodSpec {
        containers: vec![Container {
            ports,
            ..container("web")
        }]
        .into(),
        ..Default::default()
    });
    // Defaulting already set TCP where empty; put one empty protocol back.
    if let Object::Pod(p) = &mut o {
        p.spec.containers[0].ports.push(ContainerPort {
            protocol: String::new(),
            ..cport("", 87)
        });
    }
    let p = "spec.containers[0].ports";
    assert_eq!(
        msgs(&o),
        vec![
            format!(
                "{p}[0].name: Invalid value: \"aaaaaaaaaaaaaaaa\": must be no more than 15 characters"
            ),
            format!(
                "{p}[1].name: Invalid value: \"a.b\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
            ),
            format!("{p}[2].name: Invalid value: \"80\": must contain at least one letter (a-z)"),
            format!("{p}[4].name: Duplicate value: \"http\""),
            format!("{p}[5].containerPort: Required value"),
            format!(
                "{p}[6].containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive"
            ),
            format!(
                "{p}[7].hostPort: Invalid value: 65536: must be between 1 and 65535, inclusive"
            ),
            format!(
                "{p}[8].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\""
            ),
            format!("{p}[9].protocol: Required value"),
        ]
    );
}

// validation.go ValidatePodSpec: hostname/subdomain DNS labels, restartPolicy and dnsPolicy
// (validation_test.go TestValidatePodSpec "bad restart policy", "bad dns policy",
// "bad hostname", "bad subdomain").
#[test]
fn pod_spec_fields() {
    let mut o = pod(PodSpec {
        containers: vec![container("web")].into(),
        hostname: "Bad_Host".into(),
        subdomain: "a.b".into(),
        restart_policy: "UnknownPolicy".into(),
        node_name: "Node_1".into(),
        ..Default::default()
    });
    if let Object::Pod(p) = &mut o {
        p.spec.other.insert("dnsPolicy".into(), json!("Cloud"));
    }
    assert_eq!(
        msgs(&o),
        vec![
            "spec.restartPolicy: Unsupported value: \"UnknownPolicy\": supported values: \"Always\", \"OnFailure\", \"Never\"".to_string(),
            "spec.dnsPolicy: Unsupported value: \"Cloud\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"".to_string(),
            "spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string(),
            format!("spec.hostname: Invalid value: \"Bad_Host\": {LABEL_TAIL}"),
            "spec.subdomain: Invalid value: \"a.b\": must not contain dots".to_string(),
        ]
    );
}

// validation.go validatePodHostNetworkDeps and checkHostPortConflicts
// (validation_test.go TestValidatePodSpec "with hostNetwork hostPort not equal to containerPort",
// TestValidateContainers "duplicate hostPort"-style conflicts).
#[test]
fn pod_host_ports() {
    let mut o = pod(PodSpec {
        containers: vec![
            Container {
                ports: vec![ContainerPort {
                    host_port: 8080,
                    ..cport("", 80)
                }],
                ..container("a")
            },
            Container {
                ports: vec![ContainerPort {
                    host_port: 8080,
                    ..cport("", 81)
                }],
                ..container("b")
            },
        ]
        .into(),
        ..Default::default()
    });
    assert_eq!(
        msgs(&o),
        vec!["spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\""]
    );
    if let Object::Pod(p) = &mut o {
        p.spec.host_network = true;
        p.spec.containers.truncate(1);
    }
    assert_eq!(
        msgs(&o),
        vec![
            "spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true"
        ]
    );
}

// validation.go validateContainers / validateInitContainers: restartPolicy on containers.
#[test]
fn pod_container_restart_policy() {
    let o = pod(PodSpec {
        containers: vec![Container {
            restart_policy: Some("Always".into()),
            ..container("web")
        }]
        .into(),
        init_containers: vec![
            Container {
                restart_policy: Some("Never".into()),
                ..container("init")
            },
            container("web"),
        ],
        ..Default::default()
    });
    assert_eq!(
        msgs(&o),
        vec![
            "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
            "spec.initContainers[0].restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
            "spec.initContainers[1].name: Duplicate value: \"web\"",
        ]
    );
}

fn deployment(
    selector: Option<LabelSelector>,
    template_labels: StringMap,
    replicas: i32,
) -> Object {
    defaulted(Object::Deployment(Deployment {
        metadata: ObjectMeta {
            name: "web".into(),
            namespace: "default".into(),
            ..Default::default()
        },
        spec: DeploymentSpec {
            replicas: Some(replicas),
            selector,
            template: PodTemplateSpec {
                metadata: ObjectMeta {
                    labels: template_labels.into(),
                    ..Default::default()
                },
                spec: PodSpec {
                    containers: vec![container("web")].into(),
                    ..Default::default()
                },
            },
            ..Default::default()
        },
        ..Default::default()
    }))
}

fn sel(kv: &[(&str, &str)]) -> Option<LabelSelector> {
    Some(LabelSelector {
        match_labels: labels(kv),
        match_expressions: vec![],
    })
}

// apps validation_test.go TestValidateDeployment: valid, "selector doesn't match template
// labels", "negative replicas", "empty selector", missing selector.
#[test]
fn deployment_rules() {
    let app = &[("app", "web")];
    assert!(msgs(&deployment(sel(app), labels(app), 3)).is_empty());
    assert_eq!(
        msgs(&deployment(sel(app), labels(&[("app", "api")]), 3)),
        vec![
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`"
        ]
    );
    assert_eq!(
        msgs(&deployment(sel(app), labels(app), -1)),
        vec!["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]
    );
    assert_eq!(
        msgs(&deployment(Some(LabelSelector::default()), labels(app), 1)),
        vec![
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"
        ]
    );
    // A nil selector converts to labels.Nothing(), which matches no template.
    assert_eq!(
        msgs(&deployment(None, labels(app), 1)),
        vec![
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"
        ]
    );
}

// apps validation.go ValidatePodTemplateSpecForReplicaSet: the template is validated as a pod
// spec at spec.template.spec..., labels at spec.template.labels, restartPolicy must be Always.
#[test]
fn deployment_template_paths() {
    let app = &[("app", "web")];
    let mut o = deployment(sel(app), labels(app), 1);
    if let Object::Deployment(d) = &mut o {
        d.spec.template.spec.containers[0].name = "Web".into();
        d.spec.template.spec.containers[0].ports = vec![cport("", 0)];
        d.spec.template.spec.restart_policy = "Never".into();
        d.spec
            .template
            .metadata
            .labels
            .insert("bad key".into(), "x".into());
        d.spec.selector = sel(&[("app", "web")]);
    }
    let m = msgs(&o);
    // The port was added after defaulting, so its protocol is empty too.
    assert_eq!(m.len(), 5, "{m:#?}");
    assert_eq!(
        m[0],
        "spec.template.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    );
    assert_eq!(
        m[1],
        format!("spec.template.spec.containers[0].name: Invalid value: \"Web\": {LABEL_TAIL}")
    );
    assert_eq!(
        m[2],
        "spec.template.spec.containers[0].ports[0].containerPort: Required value"
    );
    assert_eq!(
        m[3],
        "spec.template.spec.containers[0].ports[0].protocol: Required value"
    );
    assert_eq!(
        m[4],
        "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
    );
}

// apps validation.go ValidateDeploymentSpec: an invalid selector stops template validation.
#[test]
fn deployment_invalid_selector() {
    let mut o = deployment(None, labels(&[("app", "web")]), 1);
    if let Object::Deployment(d) = &mut o {
        d.spec.selector = Some(LabelSelector {
            match_labels: StringMap::new(),
            match_expressions: vec![LabelSelectorRequirement {
                key: "app".into(),
                operator: "In".into(),
                values: vec![],
            }],
        });
        d.spec.template.spec.containers.clear();
    }
    assert_eq!(
        msgs(&o),
        vec![
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\", Operator:\"In\", Values:[]string(nil)}}}: invalid label selector"
        ]
    );
}

// apps validation_test.go TestValidateReplicaSet: same rules as Deployment, name a subdomain.
#[test]
fn replica_set_rules() {
    let o = defaulted(Object::ReplicaSet(ReplicaSet {
        metadata: ObjectMeta {
            name: "web-abc.x".into(),
            namespace: "default".into(),
            ..Default::default()
        },
        spec: ReplicaSetSpec {
            replicas: Some(-2),
            selector: sel(&[("app", "web")]),
            template: PodTemplateSpec {
                metadata: ObjectMeta {
                    labels: labels(&[("app", "web")]).into(),
                    ..Default::default()
                },
                spec: PodSpec {
                    containers: vec![container("web")].into(),
                    ..Default::default()
                },
            },
            ..Default::default()
        },
        ..Default::default()
    }));
    assert_eq!(
        msgs(&o),
        vec!["spec.replicas: Invalid value: -2: must be greater than or equal to 0"]
    );
}

// validation.go ValidateNamespace (name is a DNS-1123 label) — validation_test.go
// TestValidateNamespace error cases "zero-length name", "invalid-name".
#[test]
fn namespace_rules() {
    let ns = |name: &str| {
        defaulted(Object::Namespace(Namespace {
            metadata: ObjectMeta {
                name: name.into(),
                ..Default::default()
            },
            ..Default::default()
        }))
    };
    assert!(msgs(&ns("team-a")).is_empty());
    assert_eq!(
        msgs(&ns("")),
        vec!["metadata.name: Required value: name or generateName is required"]
    );
    assert_eq!(
        msgs(&ns("a.b")),
        vec!["metadata.name: Invalid value: \"a.b\": must not contain dots"]
    );
}

// validation.go ValidateNode: name is a DNS-1123 subdomain; taints; podCIDRs
// (validation_test.go TestValidateNode "invalid-name", "invalid-podCIDRs", "missing-taint-effect").
#[test]
fn node_rules() {
    let node = |name: &str, spec: NodeSpec| {
        defaulted(Object::Node(Node {
            metadata: ObjectMeta {
                name: name.into(),
                ..Default::default()
            },
            spec,
            ..Default::default()
        }))
    };
    assert!(msgs(&node("worker-1.example", NodeSpec::default())).is_empty());
    assert_eq!(msgs(&node("Worker_1", NodeSpec::default())).len(), 1);
    let m = msgs(&node(
        "w",
        NodeSpec {
            pod_cidrs: vec!["10.244.1.0/24".into(), "10.244.2.0/24".into()],
            taints: vec![Taint {
                key: "dedicated".into(),
                value: "x".into(),
                effect: String::new(),
                time_added: None,
            }],
            ..Default::default()
        },
    ));
    assert_eq!(
        m,
        vec![
            // Upstream validates node taints under the `metadata` path (validation.go ValidateNode).
            "metadata.taints[0].effect: Required value",
            "spec.podCIDRs: Invalid value: []string{\"10.244.1.0/24\", \"10.244.2.0/24\"}: may specify no more than one CIDR for each IP family"
        ]
    );
    let m = msgs(&node(
        "w",
        NodeSpec {
            pod_cidrs: vec!["10.244.1.0/33".into()],
            ..Default::default()
        },
    ));
    assert_eq!(
        m,
        vec![
            "spec.podCIDRs[0]: Invalid value: \"10.244.1.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"
        ]
    );
}

fn slice(address_type: &str, addresses: &[&str]) -> EndpointSlice {
    EndpointSlice {
        metadata: ObjectMeta {
            name: "web-abc".into(),
            namespace: "default".into(),
            ..Default::default()
        },
        address_type: address_type.into(),
        endpoints: vec![Endpoint {
            addresses: addresses.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }],
        ports: vec![EndpointPort {
            name: Some("http".into()),
            port: Some(80),
            ..Default::default()
        }],
        ..Default::default()
    }
}

// discovery validation_test.go TestValidateEndpointSlice: "bad-ipv4", "bad-ipv6", "bad-fqdns",
// "empty-address", "bad-address-type", "duplicate-port-name", "bad-port-protocol",
// "too-many-endpoints".
#[test]
fn endpoint_slice_rules() {
    let ok = defaulted(Object::EndpointSlice(slice("IPv4", &["10.244.1.5"])));
    assert!(msgs(&ok).is_empty());

    let bad4 = defaulted(Object::EndpointSlice(slice(
        "IPv4",
        &["2001:db8::1", "127.0.0.1"],
    )));
    assert_eq!(
        msgs(&bad4),
        vec![
            "endpoints[0].addresses: Invalid value: \"2001:db8::1\": must be an IPv4 address",
            "endpoints[0].addresses[1]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
        ]
    );
    let bad6 = defaulted(Object::EndpointSlice(slice("IPv6", &["10.0.0.1"])));
    assert_eq!(
        msgs(&bad6),
        vec!["endpoints[0].addresses: Invalid value: \"10.0.0.1\": must be an IPv6 address"]
    );
    let fqdn = defaulted(Object::EndpointSlice(slice(
        "FQDN",
        &["foo.example.com", "foo", "Bad_Name"],
    )));
    let m = msgs(&fqdn);
    assert_eq!(m.len(), 2, "{m:#?}");
    assert_eq!(
        m[0],
        "endpoints[0].addresses[1]: Invalid value: \"foo\": should be a domain with at least two segments separated by dots"
    );
    let empty = defaulted(Object::EndpointSlice(slice("IPv4", &[])));
    assert_eq!(
        msgs(&empty),
        vec!["endpoints[0].addresses: Required value: must contain at least 1 address"]
    );
    let at = defaulted(Object::EndpointSlice(slice("IP", &["10.0.0.1"])));
    assert_eq!(
        msgs(&at),
        vec![
            "addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\""
        ]
    );
    let mut s = slice("IPv4", &["10.0.0.1"]);
    s.ports.push(EndpointPort {
        name: Some("http".into()),
        protocol: Some("HTTP".into()),
        port: Some(81),
        app_protocol: None,
    });
    assert_eq!(
        msgs(&defaulted(Object::EndpointSlice(s))),
        vec![
            "ports[1].name: Duplicate value: \"http\"",
            "ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        ]
    );
    let mut s = slice("IPv4", &["10.0.0.1"]);
    s.endpoints = vec![s.endpoints[0].clone(); 1001];
    assert_eq!(
        msgs(&defaulted(Object::EndpointSlice(s))),
        vec!["endpoints: Too many: 1001: must have at most 1000 items"]
    );
}

fn warn_service(f: impl FnOnce(&mut ServiceSpec)) -> Vec<String> {
    let mut spec = ServiceSpec {
        ports: vec![ServicePort {
            port: 80,
            ..Default::default()
        }],
        ..Default::default()
    };
    f(&mut spec);
    let mut o = Object::Service(Service {
        metadata: ObjectMeta {
            name: "web".into(),
            ..Default::default()
        },
        spec,
        ..Default::default()
    });
    default_object(&mut o);
    let Object::Service(s) = o else {
        unreachable!()
    };
    service_warnings(&s)
}

// pkg/api/service/warnings_test.go TestGetWarningsForService.
#[test]
fn service_warning_cases() {
    assert!(warn_service(|_| {}).is_empty());
    assert_eq!(
        warn_service(|s| {
            s.cluster_ip = "None".into();
            s.cluster_ips = vec!["None".into()];
            s.load_balancer_ip = "1.2.3.4".into();
            s.external_ips = vec!["1.2.3.5".into()];
            s.session_affinity = "ClientIP".into();
        }),
        vec![
            "spec.loadBalancerIP is ignored for headless services",
            "spec.externalIPs is ignored for headless services",
            "spec.SessionAffinity is ignored for headless services",
        ]
    );
    assert_eq!(
        warn_service(|s| {
            s.type_ = "ExternalName".into();
            s.external_name = "example.com".into();
            s.external_ips = vec!["1.2.3.4".into()];
        }),
        vec!["spec.externalIPs is ignored when spec.type is \"ExternalName\""]
    );
    assert_eq!(
        warn_service(|s| s.external_name = "example.com".into()),
        vec!["spec.externalName is ignored when spec.type is not \"ExternalName\""]
    );
    assert_eq!(
        warn_service(|s| {
            s.cluster_ip = "010.000.000.010".into();
            s.cluster_ips = vec!["010.000.000.010".into()];
        }),
        vec![
            "spec.clusterIPs[0]: non-standard IP address \"010.000.000.010\" will be considered invalid in a future Kubernetes release: use \"10.0.0.10\""
        ]
    );
    assert_eq!(
        warn_service(|s| {
            s.type_ = "LoadBalancer".into();
            s.load_balancer_source_ranges = vec!["10.0.0.1/8".into()];
        }),
        vec![
            "spec.loadBalancerSourceRanges[0]: CIDR value \"10.0.0.1/8\" is ambiguous in this context (should be \"10.0.0.0/8\" or \"10.0.0.1/32\"?)"
        ]
    );
}

// The configuration documents are not API objects: no validation errors.
#[test]
fn config_documents_not_validated() {
    let o = Object::KubeProxyConfiguration(KubeProxyConfiguration::default());
    assert!(validate_object(&o).is_empty());
}

// Bad input never panics: odd strings everywhere give errors, not crashes.
#[test]
fn odd_input_does_not_panic() {
    let odd = [
        "",
        "-",
        "é-",
        "a-",
        "::",
        "::ffff:1.2.3.4/200",
        "1.2.3.4/",
        "/",
        "ä/ö/ü",
        "0x1.2.3.4",
        "999999999999999999999.1.1.1",
        "1.2.3.4/0099999",
        "\u{0}",
        "a/",
        "/a",
        ".",
        "..",
    ];
    for s in odd {
        let mut svc = Service {
            metadata: ObjectMeta {
                name: s.into(),
                generate_name: s.into(),
                ..Default::default()
            },
            ..Default::default()
        };
        svc.metadata.labels.insert(s.into(), s.into());
        svc.spec.cluster_ip = s.into();
        svc.spec.cluster_ips = vec![s.into(), s.into(), s.into()];
        svc.spec.ip_families = vec![s.into()];
        svc.spec.external_ips = vec![s.into()];
        svc.spec.load_balancer_ip = s.into();
        svc.spec.load_balancer_source_ranges = vec![s.into()];
        svc.spec.external_name = s.into();
        svc.spec.type_ = s.into();
        svc.spec.ports = vec![ServicePort {
            name: s.into(),
            protocol: s.into(),
            target_port: Some(IntOrString::String(s.into())),
            port: i32::MIN,
            node_port: i32::MAX,
            app_protocol: Some(s.into()),
        }];
        let o = defaulted(Object::Service(svc.clone()));
        assert!(!validate_object(&o).is_empty());
        let _ = service_warnings(&svc);
        let n = defaulted(Object::Node(Node {
            metadata: ObjectMeta {
                name: s.into(),
                ..Default::default()
            },
            spec: NodeSpec {
                pod_cidrs: vec![s.into(), s.into()],
                ..Default::default()
            },
            ..Default::default()
        }));
        let _ = validate_object(&n);
        let mut e = slice("FQDN", &[s]);
        e.address_type = s.into();
        let _ = validate_object(&defaulted(Object::EndpointSlice(e)));
        let _ = validate_object(&defaulted(Object::EndpointSlice(slice("IPv6", &[s]))));
        let _ = validate_object(&pod(PodSpec {
            containers: vec![Container {
                image: s.into(),
                ..container(s)
            }]
            .into(),
            hostname: s.into(),
            ..Default::default()
        }));
    }
}
