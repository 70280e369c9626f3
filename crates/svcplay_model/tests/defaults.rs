//! Defaulting, mirroring `pkg/apis/core/v1/defaults_test.go`, `pkg/apis/apps/v1/defaults_test.go`
//! and `pkg/apis/discovery/v1/defaults_test.go`.

use serde_json::json;
use svcplay_model::defaults::default_object;
use svcplay_model::types::*;

fn service(spec: ServiceSpec) -> Object {
    Object::Service(Service {
        metadata: ObjectMeta {
            name: "web".into(),
            ..Default::default()
        },
        spec,
        ..Default::default()
    })
}

fn defaulted_service(spec: ServiceSpec) -> Service {
    let mut o = service(spec);
    default_object(&mut o);
    match o {
        Object::Service(s) => s,
        _ => unreachable!(),
    }
}

fn port(port: i32, target: Option<IntOrString>) -> ServicePort {
    ServicePort {
        port,
        target_port: target,
        ..Default::default()
    }
}

// defaults_test.go TestSetDefaultService: sessionAffinity None, type ClusterIP.
#[test]
fn service_affinity_and_type() {
    let s = defaulted_service(ServiceSpec::default());
    assert_eq!(s.spec.session_affinity, "None");
    assert_eq!(s.spec.type_, "ClusterIP");
    assert_eq!(s.spec.internal_traffic_policy.as_deref(), Some("Cluster"));
    assert_eq!(s.spec.external_traffic_policy, "");
    assert_eq!(s.spec.allocate_load_balancer_node_ports, None);
}

// defaults_test.go TestSetDefaultServiceSessionAffinityConfig.
#[test]
fn service_session_affinity_config() {
    // None drops any config.
    let s = defaulted_service(ServiceSpec {
        session_affinity: "None".into(),
        session_affinity_config: Some(SessionAffinityConfig {
            client_ip: Some(ClientIPConfig {
                timeout_seconds: Some(90),
            }),
        }),
        ..Default::default()
    });
    assert_eq!(s.spec.session_affinity_config, None);
    // ClientIP without a config (or without clientIP/timeoutSeconds) gets 10800.
    for cfg in [
        None,
        Some(SessionAffinityConfig { client_ip: None }),
        Some(SessionAffinityConfig {
            client_ip: Some(ClientIPConfig {
                timeout_seconds: None,
            }),
        }),
    ] {
        let s = defaulted_service(ServiceSpec {
            session_affinity: "ClientIP".into(),
            session_affinity_config: cfg,
            ..Default::default()
        });
        let t = s.spec.session_affinity_config.unwrap().client_ip.unwrap();
        assert_eq!(t.timeout_seconds, Some(10800));
    }
    // A given timeout is kept.
    let s = defaulted_service(ServiceSpec {
        session_affinity: "ClientIP".into(),
        session_affinity_config: Some(SessionAffinityConfig {
            client_ip: Some(ClientIPConfig {
                timeout_seconds: Some(90),
            }),
        }),
        ..Default::default()
    });
    assert_eq!(
        s.spec
            .session_affinity_config
            .unwrap()
            .client_ip
            .unwrap()
            .timeout_seconds,
        Some(90)
    );
}

// defaults_test.go TestSetDefaultServiceTargetPort and TestSetDefaultServicePort.
#[test]
fn service_ports() {
    let s = defaulted_service(ServiceSpec {
        ports: vec![
            port(1234, None),
            port(1235, Some(IntOrString::Int(0))),
            port(1236, Some(IntOrString::String(String::new()))),
            port(1237, Some(IntOrString::Int(5678))),
            port(1238, Some(IntOrString::String("p".into()))),
            ServicePort {
                protocol: "UDP".into(),
                ..port(53, None)
            },
        ],
        ..Default::default()
    });
    let targets: Vec<IntOrString> = s
        .spec
        .ports
        .iter()
        .map(|p| p.target_port.clone().unwrap())
        .collect();
    assert_eq!(
        targets,
        vec![
            IntOrString::Int(1234),
            IntOrString::Int(1235),
            IntOrString::Int(1236),
            IntOrString::Int(5678),
            IntOrString::String("p".into()),
            IntOrString::Int(53),
        ]
    );
    let protos: Vec<&str> = s.spec.ports.iter().map(|p| p.protocol.as_str()).collect();
    assert_eq!(protos, vec!["TCP", "TCP", "TCP", "TCP", "TCP", "UDP"]);
}

// defaults_test.go TestSetDefaultServiceExternalTraffic: Cluster for externally accessible
// services only (LoadBalancer, NodePort, ClusterIP with externalIPs).
#[test]
fn service_external_traffic_policy() {
    for (ty, external_ips, want) in [
        ("ClusterIP", vec![], ""),
        ("ClusterIP", vec!["1.2.3.4".to_string()], "Cluster"),
        ("NodePort", vec![], "Cluster"),
        ("LoadBalancer", vec![], "Cluster"),
        ("ExternalName", vec![], ""),
    ] {
        let s = defaulted_service(ServiceSpec {
            type_: ty.into(),
            external_ips,
            ..Default::default()
        });
        assert_eq!(s.spec.external_traffic_policy, want, "{ty}");
    }
    let s = defaulted_service(ServiceSpec {
        type_: "NodePort".into(),
        external_traffic_policy: "Local".into(),
        ..Default::default()
    });
    assert_eq!(s.spec.external_traffic_policy, "Local");
}

// defaults_test.go TestSetDefaultServiceInternalTrafficPolicy.
#[test]
fn service_internal_traffic_policy() {
    for (ty, want) in [
        ("ClusterIP", Some("Cluster")),
        ("NodePort", Some("Cluster")),
        ("LoadBalancer", Some("Cluster")),
        ("ExternalName", None),
    ] {
        let s = defaulted_service(ServiceSpec {
            type_: ty.into(),
            ..Default::default()
        });
        assert_eq!(s.spec.internal_traffic_policy.as_deref(), want, "{ty}");
    }
    let s = defaulted_service(ServiceSpec {
        internal_traffic_policy: Some("Local".into()),
        ..Default::default()
    });
    assert_eq!(s.spec.internal_traffic_policy.as_deref(), Some("Local"));
}

// defaults.go SetDefaults_Service: allocateLoadBalancerNodePorts true for LoadBalancer;
// defaults_test.go TestSetDefaultServiceLoadbalancerIPMode: ipMode VIP for ingress IPs.
#[test]
fn service_load_balancer() {
    let mut o = service(ServiceSpec {
        type_: "LoadBalancer".into(),
        ..Default::default()
    });
    if let Object::Service(s) = &mut o {
        s.status.load_balancer.ingress = vec![
            LoadBalancerIngress {
                ip: "1.2.3.4".into(),
                ..Default::default()
            },
            LoadBalancerIngress {
                hostname: "lb.example.com".into(),
                ..Default::default()
            },
            LoadBalancerIngress {
                ip: "1.2.3.5".into(),
                ip_mode: Some("Proxy".into()),
                ..Default::default()
            },
        ];
    }
    default_object(&mut o);
    let Object::Service(s) = o else {
        unreachable!()
    };
    assert_eq!(s.spec.allocate_load_balancer_node_ports, Some(true));
    let modes: Vec<Option<&str>> = s
        .status
        .load_balancer
        .ingress
        .iter()
        .map(|i| i.ip_mode.as_deref())
        .collect();
    assert_eq!(modes, vec![Some("VIP"), None, Some("Proxy")]);
    let s = defaulted_service(ServiceSpec {
        type_: "LoadBalancer".into(),
        allocate_load_balancer_node_ports: Some(false),
        ..Default::default()
    });
    assert_eq!(s.spec.allocate_load_balancer_node_ports, Some(false));
}

fn container(name: &str, image: &str) -> Container {
    Container {
        name: name.into(),
        image: image.into(),
        ports: vec![ContainerPort {
            container_port: 8080,
            ..Default::default()
        }],
        ..Default::default()
    }
}

// defaults.go SetDefaults_PodSpec / SetDefaults_Container / SetDefaults_Pod;
// defaults_test.go TestSetDefaultPodSpecHostNetwork, TestSetDefaultContainer (pull policy).
#[test]
fn pod_defaults() {
    let mut o = Object::Pod(Pod {
        spec: PodSpec {
            containers: vec![
                container("a", "nginx"),
                container("b", "nginx:1.27"),
                container("c", "registry.example.com:5000/app:latest"),
                container("d", "nginx@sha256:abc"),
            ]
            .into(),
            host_network: true,
            ..Default::default()
        },
        ..Default::default()
    });
    if let Object::Pod(p) = &mut o {
        p.spec
            .other
            .insert("terminationGracePeriodSeconds".into(), json!(5));
        p.spec.containers[1]
            .other
            .insert("imagePullPolicy".into(), json!("Never"));
    }
    default_object(&mut o);
    let Object::Pod(p) = o else { unreachable!() };
    assert_eq!(p.spec.restart_policy, "Always");
    assert_eq!(p.spec.other["dnsPolicy"], json!("ClusterFirst"));
    // Present values are kept.
    assert_eq!(p.spec.other["terminationGracePeriodSeconds"], json!(5));
    assert_eq!(p.spec.other["schedulerName"], json!("default-scheduler"));
    assert_eq!(p.spec.other["enableServiceLinks"], json!(true));
    let pulls: Vec<&serde_json::Value> = p
        .spec
        .containers
        .iter()
        .map(|c| &c.other["imagePullPolicy"])
        .collect();
    assert_eq!(
        pulls,
        vec![
            &json!("Always"),
            &json!("Never"),
            &json!("Always"),
            &json!("IfNotPresent")
        ]
    );
    for c in &p.spec.containers {
        assert_eq!(c.other["terminationMessagePolicy"], json!("File"));
        assert_eq!(
            c.other["terminationMessagePath"],
            json!("/dev/termination-log")
        );
        assert_eq!(c.ports[0].protocol, "TCP");
        // hostNetwork: hostPort defaults to containerPort.
        assert_eq!(c.ports[0].host_port, 8080);
    }
}

// apps/v1 defaults_test.go TestSetDefaultDeployment.
#[test]
fn deployment_defaults() {
    let mut o = Object::Deployment(Deployment {
        spec: DeploymentSpec {
            template: PodTemplateSpec {
                spec: PodSpec {
                    containers: vec![container("a", "nginx:1")].into(),
                    ..Default::default()
                },
                ..Default::default()
            },
            ..Default::default()
        },
        ..Default::default()
    });
    default_object(&mut o);
    let Object::Deployment(d) = o else {
        unreachable!()
    };
    assert_eq!(d.spec.replicas, Some(1));
    assert_eq!(
        d.spec.other["strategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}})
    );
    assert_eq!(d.spec.other["revisionHistoryLimit"], json!(10));
    assert_eq!(d.spec.other["progressDeadlineSeconds"], json!(600));
    assert_eq!(d.spec.template.spec.restart_policy, "Always");
    assert_eq!(d.spec.template.spec.containers[0].ports[0].protocol, "TCP");
    // Template specs get no Pod-only defaults (hostPort, enableServiceLinks).
    assert!(
        !d.spec
            .template
            .spec
            .other
            .contains_key("enableServiceLinks")
    );

    // Recreate keeps its type and gets no rollingUpdate; given values are kept.
    let mut o = Object::Deployment(Deployment {
        spec: DeploymentSpec {
            replicas: Some(0),
            other: [
                ("strategy".to_string(), json!({"type": "Recreate"})),
                ("revisionHistoryLimit".to_string(), json!(2)),
            ]
            .into_iter()
            .collect(),
            ..Default::default()
        },
        ..Default::default()
    });
    default_object(&mut o);
    let Object::Deployment(d) = o else {
        unreachable!()
    };
    assert_eq!(d.spec.replicas, Some(0));
    assert_eq!(d.spec.other["strategy"], json!({"type": "Recreate"}));
    assert_eq!(d.spec.other["revisionHistoryLimit"], json!(2));

    // A partial rollingUpdate is completed.
    let mut o = Object::Deployment(Deployment {
        spec: DeploymentSpec {
            other: [(
                "strategy".to_string(),
                json!({"rollingUpdate": {"maxSurge": 1}}),
            )]
            .into_iter()
            .collect(),
            ..Default::default()
        },
        ..Default::default()
    });
    default_object(&mut o);
    let Object::Deployment(d) = o else {
        unreachable!()
    };
    assert_eq!(
        d.spec.other["strategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}})
    );
}

// apps/v1 defaults_test.go TestSetDefaultReplicaSetReplicas.
#[test]
fn replica_set_defaults() {
    let mut o = Object::ReplicaSet(ReplicaSet::default());
    default_object(&mut o);
    let Object::ReplicaSet(r) = o else {
        unreachable!()
    };
    assert_eq!(r.spec.replicas, Some(1));
    let mut o = Object::ReplicaSet(ReplicaSet {
        spec: ReplicaSetSpec {
            replicas: Some(3),
            ..Default::default()
        },
        ..Default::default()
    });
    default_object(&mut o);
    let Object::ReplicaSet(r) = o else {
        unreachable!()
    };
    assert_eq!(r.spec.replicas, Some(3));
}

// discovery/v1 defaults_test.go TestSetDefaultEndpointPort.
#[test]
fn endpoint_slice_defaults() {
    let mut o = Object::EndpointSlice(EndpointSlice {
        ports: vec![
            EndpointPort::default(),
            EndpointPort {
                name: Some("http".into()),
                protocol: Some("UDP".into()),
                port: Some(80),
                app_protocol: None,
            },
        ],
        ..Default::default()
    });
    default_object(&mut o);
    let Object::EndpointSlice(e) = o else {
        unreachable!()
    };
    assert_eq!(e.ports[0].name.as_deref(), Some(""));
    assert_eq!(e.ports[0].protocol.as_deref(), Some("TCP"));
    assert_eq!(e.ports[1].name.as_deref(), Some("http"));
    assert_eq!(e.ports[1].protocol.as_deref(), Some("UDP"));
}

// defaults.go SetDefaults_Namespace (defaults_test.go TestSetDefaultNamespace) and
// SetDefaults_NamespaceStatus.
#[test]
fn namespace_defaults() {
    let mut o = Object::Namespace(Namespace {
        metadata: ObjectMeta {
            name: "team-a".into(),
            ..Default::default()
        },
        ..Default::default()
    });
    default_object(&mut o);
    let Object::Namespace(n) = o else {
        unreachable!()
    };
    assert_eq!(n.metadata.labels["kubernetes.io/metadata.name"], "team-a");
    assert_eq!(n.status, Some(json!({"phase": "Active"})));
}

// defaults.go SetDefaults_NodeStatus: allocatable defaults to capacity.
#[test]
fn node_defaults() {
    let mut o = Object::Node(Node {
        status: NodeStatus {
            capacity: Some(json!({"cpu": "2"})),
            ..Default::default()
        },
        ..Default::default()
    });
    default_object(&mut o);
    let Object::Node(n) = o else { unreachable!() };
    assert_eq!(n.status.allocatable, Some(json!({"cpu": "2"})));
}

// Validation sees the defaulted object: a minimal YAML-shaped Service validates cleanly, and
// `port: 0` with no targetPort gives two errors (targetPort is defaulted to 0's port).
#[test]
fn defaulted_minimal_service_is_valid() {
    let mut o = service(ServiceSpec {
        ports: vec![port(80, None)],
        ..Default::default()
    });
    default_object(&mut o);
    assert!(svcplay_model::validation::validate_object(&o).is_empty());
    let mut o = service(ServiceSpec {
        ports: vec![port(0, None)],
        ..Default::default()
    });
    default_object(&mut o);
    let errs = svcplay_model::validation::validate_object(&o);
    let msgs: Vec<String> = errs.iter().map(|e| e.message()).collect();
    assert_eq!(
        msgs,
        vec![
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"
        ]
    );
}

fn defaulted(o: serde_json::Value) -> serde_json::Value {
    let mut o: Object = match o["kind"].as_str() {
        Some("Deployment") => Object::Deployment(serde_json::from_value(o).unwrap()),
        Some("ReplicaSet") => Object::ReplicaSet(serde_json::from_value(o).unwrap()),
        _ => Object::Pod(serde_json::from_value(o).unwrap()),
    };
    default_object(&mut o);
    match o {
        Object::Pod(p) => serde_json::to_value(p).unwrap(),
        Object::Deployment(d) => serde_json::to_value(d).unwrap(),
        Object::ReplicaSet(r) => serde_json::to_value(r).unwrap(),
        _ => unreachable!(),
    }
}

fn pod_with(spec: serde_json::Value) -> serde_json::Value {
    defaulted(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec}))
}

// defaults_test.go TestSetDefaultProbe: an empty probe gets timeoutSeconds 1, periodSeconds 10,
// successThreshold 1, failureThreshold 3 (initialDelaySeconds stays 0); TestPodDefaults /
// TestWorkloadDefaults: httpGet path "/" and scheme HTTP in every probe and lifecycle handler,
// for containers, init containers and ephemeral containers; grpc.service "" (`+default=""`).
#[test]
fn probe_and_handler_defaults() {
    let probe = json!({"httpGet": {"port": 80}});
    let container = json!({
        "name": "c",
        "image": "nginx:1",
        "livenessProbe": {},
        "readinessProbe": probe,
        "startupProbe": {"grpc": {"port": 9000}, "periodSeconds": 5, "timeoutSeconds": 0},
        "lifecycle": {"postStart": probe["httpGet"].clone().as_object().map(|_| json!({"httpGet": {"port": 80, "host": "localhost"}})).unwrap(), "preStop": {"httpGet": {"port": 80, "path": "/stop", "scheme": "HTTPS"}}},
    });
    let p = pod_with(json!({
        "containers": [container],
        "initContainers": [container],
        "ephemeralContainers": [container],
    }));
    for list in ["containers", "initContainers", "ephemeralContainers"] {
        let c = &p["spec"][list][0];
        assert_eq!(
            c["livenessProbe"],
            json!({"timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3}),
            "{list} TestSetDefaultProbe"
        );
        assert_eq!(
            c["readinessProbe"],
            json!({"httpGet": {"port": 80, "path": "/", "scheme": "HTTP"}, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3}),
            "{list} readinessProbe"
        );
        assert_eq!(
            c["startupProbe"],
            json!({"grpc": {"port": 9000, "service": ""}, "timeoutSeconds": 1, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 3}),
            "{list} startupProbe (0 is unset for these int32 fields)"
        );
        assert_eq!(
            c["lifecycle"],
            json!({"postStart": {"httpGet": {"port": 80, "host": "localhost", "path": "/", "scheme": "HTTP"}}, "preStop": {"httpGet": {"port": 80, "path": "/stop", "scheme": "HTTPS"}}}),
            "{list} lifecycle"
        );
    }
}

// defaults_test.go TestSetDefaultObjectFieldSelectorAPIVersion and
// TestSetDefaultReplicationControllerInitContainers "FieldRef": env valueFrom.fieldRef.apiVersion
// defaults to v1 (other sources untouched); "ContainerPort": protocol TCP; "imagePullIPolicy":
// `busybox` (no tag) → Always. Ephemeral containers get SetDefaults_Container too.
#[test]
fn env_ports_and_ephemeral_container_defaults() {
    let container = json!({
        "name": "fun",
        "image": "busybox",
        "env": [
            {"name": "MY_POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
            {"name": "KEPT", "valueFrom": {"fieldRef": {"apiVersion": "v2", "fieldPath": "x"}}},
            {"name": "PLAIN", "value": "1"},
            {"name": "CM", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "k"}}},
        ],
        "ports": [{"name": "default", "containerPort": 80}],
    });
    let p = pod_with(json!({
        "containers": [container],
        "initContainers": [container],
        "ephemeralContainers": [container],
    }));
    for list in ["containers", "initContainers", "ephemeralContainers"] {
        let c = &p["spec"][list][0];
        assert_eq!(
            c["env"],
            json!([
                {"name": "MY_POD_IP", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "status.podIP"}}},
                {"name": "KEPT", "valueFrom": {"fieldRef": {"apiVersion": "v2", "fieldPath": "x"}}},
                {"name": "PLAIN", "value": "1"},
                {"name": "CM", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "k"}}},
            ]),
            "{list}"
        );
        assert_eq!(c["ports"][0]["protocol"], json!("TCP"), "{list}");
        assert_eq!(c["imagePullPolicy"], json!("Always"), "{list}");
        assert_eq!(
            c["terminationMessagePath"],
            json!("/dev/termination-log"),
            "{list}"
        );
        assert_eq!(c["terminationMessagePolicy"], json!("File"), "{list}");
    }
}

// defaults.go SetDefaults_Container via parsers.ParseImageName: `latest` tag (explicit or
// implied) → Always, any other tag, a digest, or an unparsable reference → IfNotPresent.
#[test]
fn image_pull_policy_cases() {
    let cases = [
        ("nginx", "Always"),
        ("nginx:latest", "Always"),
        ("docker.io/library/nginx", "Always"),
        ("localhost:5000/app", "Always"),
        ("registry.example.com:5000/team/app:latest", "Always"),
        (
            "nginx:latest@sha256:0123456789012345678901234567890123456789012345678901234567890123",
            "Always",
        ),
        ("nginx:1.27", "IfNotPresent"),
        ("nginx:LATEST", "IfNotPresent"),
        (
            "nginx@sha256:0123456789012345678901234567890123456789012345678901234567890123",
            "IfNotPresent",
        ),
        ("Nginx", "IfNotPresent"),
        ("", "IfNotPresent"),
        ("nginx:", "IfNotPresent"),
        // The reference grammar (distribution/reference): bad path characters, bad tags, an
        // unregistered or malformed digest, a bare 64-hex identifier, an over-long name.
        ("ngin$x", "IfNotPresent"),
        ("my__app", "Always"),
        ("my___app", "IfNotPresent"),
        ("-app", "IfNotPresent"),
        ("app:-1", "IfNotPresent"),
        ("app:v1:latest", "IfNotPresent"),
        ("nginx:latest@sha256:abc", "IfNotPresent"),
        (
            "nginx:latest@md5:0123456789abcdef0123456789abcdef",
            "IfNotPresent",
        ),
        (
            "0123456789012345678901234567890123456789012345678901234567890123",
            "IfNotPresent",
        ),
        ("Registry.Example.com/app", "Always"),
        ("Team/app", "Always"),
        ("team/App", "IfNotPresent"),
        ("[::1]:5000/app:latest", "Always"),
        ("localhost:5000", "IfNotPresent"),
        ("bad_host.com/app", "Always"),
        ("Bad_host.com/app", "IfNotPresent"),
    ];
    let long = format!("{}/app", "a".repeat(250));
    let too_long = [(long.as_str(), "IfNotPresent")];
    for (image, want) in cases.into_iter().chain(too_long) {
        let p = pod_with(json!({"containers": [{"name": "c", "image": image}]}));
        assert_eq!(
            p["spec"]["containers"][0]["imagePullPolicy"],
            json!(want),
            "{image:?}"
        );
    }
}

// defaults_test.go TestSetDefaultSecretVolumeSource, TestSetDefaultConfigMapVolumeSource,
// TestSetDefaultDownwardAPIVolumeSource, TestSetDefaultProjectedVolumeSource (defaultMode 0644),
// TestSetDefaultHostPathVolumeSource (type ""), SetDefaults_Volume (no source → emptyDir),
// SetDefaults_ServiceAccountTokenProjection (3600), ObjectFieldSelector apiVersion v1 inside
// downwardAPI items, and the remaining TestPodDefaults volume defaults.
#[test]
fn volume_defaults() {
    let p = pod_with(json!({
        "containers": [{"name": "c", "image": "nginx:1"}],
        "volumes": [
            {"name": "none"},
            {"name": "secret", "secret": {"secretName": "s"}},
            {"name": "cm", "configMap": {"name": "c", "defaultMode": 256}},
            {"name": "dapi", "downwardAPI": {"items": [{"path": "l", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
            {"name": "proj", "projected": {"sources": [
                {"serviceAccountToken": {"path": "token"}},
                {"downwardAPI": {"items": [{"path": "n", "fieldRef": {"fieldPath": "metadata.name"}}]}},
                {"configMap": {"name": "c"}},
            ]}},
            {"name": "host", "hostPath": {"path": "/var/log"}},
            {"name": "empty", "emptyDir": {"medium": "Memory"}},
            {"name": "iscsi", "iscsi": {"targetPortal": "t", "iqn": "q", "lun": 0}},
            {"name": "rbd", "rbd": {"monitors": ["m"], "image": "i"}},
            {"name": "azure", "azureDisk": {"diskName": "d", "diskURI": "u"}},
            {"name": "scaleio", "scaleIO": {"gateway": "g", "system": "s", "secretRef": {"name": "x"}}},
            {"name": "eph", "ephemeral": {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"]}}}},
        ],
    }));
    assert_eq!(
        p["spec"]["volumes"],
        json!([
            {"name": "none", "emptyDir": {}},
            {"name": "secret", "secret": {"secretName": "s", "defaultMode": 420}},
            {"name": "cm", "configMap": {"name": "c", "defaultMode": 256}},
            {"name": "dapi", "downwardAPI": {"items": [{"path": "l", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}}], "defaultMode": 420}},
            {"name": "proj", "projected": {"sources": [
                {"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}},
                {"downwardAPI": {"items": [{"path": "n", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}]}},
                {"configMap": {"name": "c"}},
            ], "defaultMode": 420}},
            {"name": "host", "hostPath": {"path": "/var/log", "type": ""}},
            {"name": "empty", "emptyDir": {"medium": "Memory"}},
            {"name": "iscsi", "iscsi": {"targetPortal": "t", "iqn": "q", "lun": 0, "iscsiInterface": "default"}},
            {"name": "rbd", "rbd": {"monitors": ["m"], "image": "i", "pool": "rbd", "user": "admin", "keyring": "/etc/ceph/keyring"}},
            {"name": "azure", "azureDisk": {"diskName": "d", "diskURI": "u", "cachingMode": "ReadWrite", "fsType": "ext4", "readOnly": false, "kind": "Shared"}},
            {"name": "scaleio", "scaleIO": {"gateway": "g", "system": "s", "secretRef": {"name": "x"}, "storageMode": "ThinProvisioned", "fsType": "xfs"}},
            {"name": "eph", "ephemeral": {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"], "volumeMode": "Filesystem"}}}},
        ])
    );
}

// defaults_test.go TestSetDefaultRequestsPod: a Pod's container requests default to its limits
// per resource (an explicit request, even 0, is kept), for containers and init containers;
// TestDefaultRequestIsNotSetForReplicationController: not in pod templates.
#[test]
fn requests_default_to_limits_in_pods_only() {
    let container = json!({
        "name": "c",
        "image": "nginx:1",
        "resources": {"requests": {"memory": "0"}, "limits": {"cpu": "100m", "memory": "1Gi"}},
    });
    let p = pod_with(json!({"containers": [container], "initContainers": [container]}));
    for list in ["containers", "initContainers"] {
        assert_eq!(
            p["spec"][list][0]["resources"],
            json!({"requests": {"cpu": "100m", "memory": "0"}, "limits": {"cpu": "100m", "memory": "1Gi"}}),
            "{list}"
        );
    }
    let only_limits =
        json!({"name": "c", "image": "nginx:1", "resources": {"limits": {"cpu": "100m"}}});
    let p = pod_with(json!({"containers": [only_limits]}));
    assert_eq!(
        p["spec"]["containers"][0]["resources"],
        json!({"limits": {"cpu": "100m"}, "requests": {"cpu": "100m"}})
    );
    // No limits: nothing is added.
    let p = pod_with(json!({"containers": [{"name": "c", "image": "nginx:1"}]}));
    assert!(p["spec"]["containers"][0].get("resources").is_none());
    let rs = defaulted(json!({
        "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "r"},
        "spec": {"selector": {"matchLabels": {"a": "b"}}, "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [only_limits]}}},
    }));
    assert_eq!(
        rs["spec"]["template"]["spec"]["containers"][0]["resources"],
        json!({"limits": {"cpu": "100m"}})
    );
}

// defaults_test.go TestWorkloadDefaults: a pod template gets the PodSpec defaults, probes,
// volumes and container defaults, but not the Pod-only ones (enableServiceLinks, requests from
// limits, hostNetwork host ports).
#[test]
fn workload_template_defaults() {
    let d = defaulted(json!({
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
        "spec": {"selector": {"matchLabels": {"a": "b"}}, "template": {"metadata": {"labels": {"a": "b"}}, "spec": {
            "hostNetwork": true,
            "containers": [{"name": "c", "image": "nginx", "ports": [{"containerPort": 80}], "readinessProbe": {"tcpSocket": {"port": 80}}}],
            "volumes": [{"name": "v"}],
        }}},
    }));
    let spec = &d["spec"]["template"]["spec"];
    assert_eq!(spec["dnsPolicy"], json!("ClusterFirst"));
    assert_eq!(spec["restartPolicy"], json!("Always"));
    assert_eq!(spec["schedulerName"], json!("default-scheduler"));
    assert_eq!(spec["securityContext"], json!({}));
    assert_eq!(spec["terminationGracePeriodSeconds"], json!(30));
    assert!(spec.get("enableServiceLinks").is_none());
    assert_eq!(spec["volumes"], json!([{"name": "v", "emptyDir": {}}]));
    let c = &spec["containers"][0];
    assert_eq!(
        c["ports"],
        json!([{"containerPort": 80, "protocol": "TCP"}])
    );
    assert_eq!(c["readinessProbe"]["periodSeconds"], json!(10));
    assert_eq!(c["imagePullPolicy"], json!("Always"));
}

// defaults.go SetDefaults_PodSpec / SetDefaults_Container test Go string fields against "":
// an explicit empty string is defaulted like an absent one; pointer fields (securityContext,
// terminationGracePeriodSeconds, enableServiceLinks) only when absent.
#[test]
fn empty_strings_are_unset() {
    let p = pod_with(json!({
        "dnsPolicy": "",
        "schedulerName": "",
        "terminationGracePeriodSeconds": 0,
        "enableServiceLinks": false,
        "securityContext": {"runAsUser": 1000},
        "containers": [{"name": "c", "image": "nginx:1", "imagePullPolicy": "", "terminationMessagePath": "", "terminationMessagePolicy": "", "ports": [{"containerPort": 80, "protocol": ""}]}],
    }));
    let spec = &p["spec"];
    assert_eq!(spec["dnsPolicy"], json!("ClusterFirst"));
    assert_eq!(spec["schedulerName"], json!("default-scheduler"));
    assert_eq!(spec["terminationGracePeriodSeconds"], json!(0));
    assert_eq!(spec["enableServiceLinks"], json!(false));
    assert_eq!(spec["securityContext"], json!({"runAsUser": 1000}));
    let c = &spec["containers"][0];
    assert_eq!(c["imagePullPolicy"], json!("IfNotPresent"));
    assert_eq!(c["terminationMessagePath"], json!("/dev/termination-log"));
    assert_eq!(c["terminationMessagePolicy"], json!("File"));
    assert_eq!(c["ports"][0]["protocol"], json!("TCP"));
}

// defaults_test.go TestSetDefaultNodeStatusAllocatable: all four cases.
#[test]
fn node_allocatable_cases() {
    let capacity = json!({"cpu": "1000m", "memory": "10G"});
    let allocatable = json!({"cpu": "500m", "memory": "5G"});
    let cases = [
        (
            "everything set",
            Some(&capacity),
            Some(&allocatable),
            Some(&allocatable),
        ),
        (
            "allocatable set",
            None,
            Some(&allocatable),
            Some(&allocatable),
        ),
        ("capacity set", Some(&capacity), None, Some(&capacity)),
        ("nothing set", None, None, None),
    ];
    for (name, cap, alloc, want) in cases {
        let mut o = Object::Node(Node {
            status: NodeStatus {
                capacity: cap.cloned(),
                allocatable: alloc.cloned(),
                ..Default::default()
            },
            ..Default::default()
        });
        default_object(&mut o);
        let Object::Node(n) = o else { unreachable!() };
        assert_eq!(n.status.allocatable.as_ref(), want, "{name}");
    }
}

// pkg/registry/core/pod/strategy_test.go Test_mutatePodAffinity (gate on, the 1.33 default):
// the pod strategy's PrepareForCreate merges matchLabelKeys (In) and mismatchLabelKeys (NotIn)
// into every pod (anti-)affinity term's labelSelector, from the pod's labels.
#[test]
fn pod_affinity_label_keys_are_merged_on_create() {
    let merged = |affinity: serde_json::Value| {
        let mut pod: Pod = serde_json::from_value(json!({
            "metadata": {"labels": {"country": "Japan", "city": "Kyoto"}},
            "spec": {"affinity": affinity}
        }))
        .unwrap();
        svcplay_model::defaults::merge_affinity_label_keys(&mut pod);
        pod.spec.other["affinity"].clone()
    };
    let term = json!({"labelSelector": {"matchLabels": {"region": "Asia"}},
                      "matchLabelKeys": ["country"], "mismatchLabelKeys": ["city"]});
    let want = json!({"labelSelector": {"matchLabels": {"region": "Asia"}, "matchExpressions": [
                          {"key": "country", "operator": "In", "values": ["Japan"]},
                          {"key": "city", "operator": "NotIn", "values": ["Kyoto"]}]},
                      "matchLabelKeys": ["country"], "mismatchLabelKeys": ["city"]});
    let all = |t: &serde_json::Value| {
        json!({
            "podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [t],
                            "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "podAffinityTerm": t}]},
            "podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [t],
                                "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "podAffinityTerm": t}]}
        })
    };
    assert_eq!(
        merged(all(&term)),
        all(&want),
        "matchLabelKeys are merged into labelSelector with In and mismatchLabelKeys are merged with NotIn"
    );
    let missing = json!({"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"labelSelector": {"matchLabels": {"region": "Asia"}}, "matchLabelKeys": ["city", "not-found"]}]}});
    assert_eq!(
        merged(missing)["podAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"][0]["labelSelector"]
            ["matchExpressions"],
        json!([{"key": "city", "operator": "In", "values": ["Kyoto"]}]),
        "keys, which are not found in Pod labels, are ignored"
    );
    let nil = json!({"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"matchLabelKeys": ["country"], "mismatchLabelKeys": ["city"]}]}});
    assert_eq!(
        merged(nil.clone()),
        nil,
        "matchLabelKeys is ignored if the labelSelector is nil"
    );
}
