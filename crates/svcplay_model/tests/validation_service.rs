//! Ports of `pkg/apis/core/validation/validation_test.go` `TestValidateServiceCreate` and
//! `TestValidateServiceExternalTrafficPolicy` (kubernetes/kubernetes@000f2605): one valid
//! Service, one tweak per case, the expected error count and, for many cases, the exact
//! messages. Case names are upstream's.

use svcplay_model::types::{
    ClientIPConfig, IntOrString, ObjectMeta, Service, ServicePort, ServiceSpec,
    SessionAffinityConfig, StringMap,
};
use svcplay_model::validation;
use svcplay_model::validation::service::validate_service_external_traffic_policy;

/// validation_test.go `makeValidService`.
fn make_valid_service() -> Service {
    let mut selector = StringMap::new();
    selector.insert("key".to_string(), "val".to_string());
    Service {
        metadata: ObjectMeta {
            name: "valid".into(),
            namespace: "valid".into(),
            resource_version: "1".into(),
            ..Default::default()
        },
        spec: ServiceSpec {
            selector: Some(selector),
            session_affinity: "None".into(),
            type_: "ClusterIP".into(),
            ports: vec![sp("p", "TCP", 8675, 0, IntOrString::Int(8675))],
            internal_traffic_policy: Some("Cluster".into()),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn sp(name: &str, proto: &str, port: i32, node_port: i32, target: IntOrString) -> ServicePort {
    ServicePort {
        name: name.into(),
        protocol: proto.into(),
        port,
        node_port,
        target_port: Some(target),
        app_protocol: None,
    }
}

fn int(n: i32) -> IntOrString {
    IntOrString::Int(n)
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn lb(s: &mut Service) {
    s.spec.type_ = "LoadBalancer".into();
    s.spec.external_traffic_policy = "Cluster".into();
    s.spec.allocate_load_balancer_node_ports = Some(true);
}

fn nodeport(s: &mut Service) {
    s.spec.type_ = "NodePort".into();
    s.spec.external_traffic_policy = "Cluster".into();
}

fn dual(s: &mut Service, policy: &str, cluster_ip: &str, ips: &[&str], families: &[&str]) {
    s.spec.ip_family_policy = Some(policy.into());
    s.spec.cluster_ip = cluster_ip.into();
    s.spec.cluster_ips = strs(ips);
    s.spec.ip_families = strs(families);
}

type Tweak = fn(&mut Service);

struct Case {
    name: &'static str,
    tweak: fn(&mut Service),
    num_errs: usize,
    /// Exact `Error()` strings, in order; empty means only the count is checked.
    messages: &'static [&'static str],
}

const DNS1123_LABEL_TAIL: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "missing namespace",
            tweak: |s| s.metadata.namespace = String::new(),
            num_errs: 1,
            messages: &["metadata.namespace: Required value"],
        },
        Case {
            name: "invalid namespace",
            tweak: |s| s.metadata.namespace = "-123".into(),
            num_errs: 1,
            messages: &[
                "metadata.namespace: Invalid value: \"-123\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            ],
        },
        Case {
            name: "missing name",
            tweak: |s| s.metadata.name = String::new(),
            num_errs: 1,
            messages: &["metadata.name: Required value: name or generateName is required"],
        },
        Case {
            name: "invalid name",
            tweak: |s| s.metadata.name = "-123".into(),
            num_errs: 1,
            messages: &[
                "metadata.name: Invalid value: \"-123\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            ],
        },
        Case {
            name: "too long name",
            tweak: |s| s.metadata.name = "a".repeat(64),
            num_errs: 1,
            messages: &[
                "metadata.name: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": must be no more than 63 characters",
            ],
        },
        Case {
            name: "invalid generateName",
            tweak: |s| s.metadata.generate_name = "-123".into(),
            num_errs: 1,
            messages: &[
                "metadata.generateName: Invalid value: \"-123\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            ],
        },
        Case {
            name: "too long generateName",
            tweak: |s| s.metadata.generate_name = "a".repeat(64),
            num_errs: 1,
            messages: &[
                "metadata.generateName: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": must be no more than 63 characters",
            ],
        },
        Case {
            name: "invalid label",
            tweak: |s| {
                s.metadata
                    .labels
                    .insert("NoUppercaseOrSpecialCharsLike=Equals".into(), "bar".into());
            },
            num_errs: 1,
            messages: &[
                "metadata.labels: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ],
        },
        Case {
            name: "invalid annotation",
            tweak: |s| {
                s.metadata
                    .annotations
                    .insert("NoSpecialCharsLike=Equals".into(), "bar".into());
            },
            num_errs: 1,
            messages: &[
                "metadata.annotations: Invalid value: \"NoSpecialCharsLike=Equals\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ],
        },
        Case {
            name: "nil selector",
            tweak: |s| s.spec.selector = None,
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid selector",
            tweak: |s| {
                s.spec
                    .selector
                    .as_mut()
                    .unwrap()
                    .insert("NoSpecialCharsLike=Equals".into(), "bar".into());
            },
            num_errs: 1,
            messages: &[
                "spec.selector: Invalid value: \"NoSpecialCharsLike=Equals\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ],
        },
        Case {
            name: "missing session affinity",
            tweak: |s| s.spec.session_affinity = String::new(),
            num_errs: 1,
            messages: &["spec.sessionAffinity: Required value"],
        },
        Case {
            name: "missing type",
            tweak: |s| s.spec.type_ = String::new(),
            num_errs: 1,
            messages: &["spec.type: Required value"],
        },
        Case {
            name: "missing ports",
            tweak: |s| s.spec.ports.clear(),
            num_errs: 1,
            messages: &["spec.ports: Required value"],
        },
        Case {
            name: "missing ports but headless",
            tweak: |s| {
                s.spec.ports.clear();
                s.spec.cluster_ip = "None".into();
                s.spec.cluster_ips = strs(&["None"]);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "empty port[0] name",
            tweak: |s| s.spec.ports[0].name = String::new(),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "empty port[1] name",
            tweak: |s| s.spec.ports.push(sp("", "TCP", 12345, 0, int(12345))),
            num_errs: 1,
            messages: &["spec.ports[1].name: Required value"],
        },
        Case {
            name: "empty multi-port port[0] name",
            tweak: |s| {
                s.spec.ports[0].name = String::new();
                s.spec.ports.push(sp("p", "TCP", 12345, 0, int(12345)));
            },
            num_errs: 1,
            messages: &["spec.ports[0].name: Required value"],
        },
        Case {
            name: "invalid port name",
            tweak: |s| s.spec.ports[0].name = "INVALID".into(),
            num_errs: 1,
            messages: &[
                "spec.ports[0].name: Invalid value: \"INVALID\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            ],
        },
        Case {
            name: "missing protocol",
            tweak: |s| s.spec.ports[0].protocol = String::new(),
            num_errs: 1,
            messages: &["spec.ports[0].protocol: Required value"],
        },
        Case {
            name: "invalid protocol",
            tweak: |s| s.spec.ports[0].protocol = "INVALID".into(),
            num_errs: 1,
            messages: &[
                "spec.ports[0].protocol: Unsupported value: \"INVALID\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            ],
        },
        Case {
            name: "invalid cluster ip",
            tweak: |s| {
                s.spec.cluster_ip = "invalid".into();
                s.spec.cluster_ips = strs(&["invalid"]);
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[0]: Invalid value: \"invalid\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        },
        Case {
            name: "missing port",
            tweak: |s| s.spec.ports[0].port = 0,
            num_errs: 1,
            messages: &[
                "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            ],
        },
        Case {
            name: "invalid port",
            tweak: |s| s.spec.ports[0].port = 65536,
            num_errs: 1,
            messages: &[
                "spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive",
            ],
        },
        Case {
            name: "invalid TargetPort int",
            tweak: |s| s.spec.ports[0].target_port = Some(int(65536)),
            num_errs: 1,
            messages: &[
                "spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive",
            ],
        },
        Case {
            name: "valid port headless",
            tweak: |s| {
                s.spec.ports[0].port = 11722;
                s.spec.ports[0].target_port = Some(int(11722));
                s.spec.cluster_ip = "None".into();
                s.spec.cluster_ips = strs(&["None"]);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid port headless 1",
            tweak: |s| {
                s.spec.ports[0].port = 11722;
                s.spec.ports[0].target_port = Some(int(11721));
                s.spec.cluster_ip = "None".into();
                s.spec.cluster_ips = strs(&["None"]);
            },
            // Tolerated in the v1 API for compatibility.
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid port headless 2",
            tweak: |s| {
                s.spec.ports[0].port = 11722;
                s.spec.ports[0].target_port = Some(IntOrString::String("target".into()));
                s.spec.cluster_ip = "None".into();
                s.spec.cluster_ips = strs(&["None"]);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid publicIPs localhost",
            tweak: |s| {
                s.spec.external_traffic_policy = "Cluster".into();
                s.spec.external_ips = strs(&["127.0.0.1"]);
            },
            num_errs: 1,
            messages: &[
                "spec.externalIPs[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            ],
        },
        Case {
            name: "invalid publicIPs unspecified",
            tweak: |s| {
                s.spec.external_traffic_policy = "Cluster".into();
                s.spec.external_ips = strs(&["0.0.0.0"]);
            },
            num_errs: 1,
            messages: &[
                "spec.externalIPs[0]: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)",
            ],
        },
        Case {
            name: "invalid publicIPs loopback",
            tweak: |s| {
                s.spec.external_traffic_policy = "Cluster".into();
                s.spec.external_ips = strs(&["127.0.0.1"]);
            },
            num_errs: 1,
            messages: &[
                "spec.externalIPs[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            ],
        },
        Case {
            name: "invalid publicIPs host",
            tweak: |s| {
                s.spec.external_traffic_policy = "Cluster".into();
                s.spec.external_ips = strs(&["myhost.mydomain"]);
            },
            num_errs: 1,
            messages: &[
                "spec.externalIPs[0]: Invalid value: \"myhost.mydomain\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        },
        Case {
            name: "valid publicIPs",
            tweak: |s| {
                s.spec.external_traffic_policy = "Cluster".into();
                s.spec.external_ips = strs(&["1.2.3.4"]);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "dup port name",
            tweak: |s| {
                s.spec.ports[0].name = "p".into();
                s.spec.ports.push(sp("p", "TCP", 12345, 0, int(12345)));
            },
            num_errs: 1,
            messages: &["spec.ports[1].name: Duplicate value: \"p\""],
        },
        Case {
            name: "valid load balancer protocol UDP 1",
            tweak: |s| {
                lb(s);
                s.spec.ports[0].protocol = "UDP".into();
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid load balancer protocol UDP 2",
            tweak: |s| {
                lb(s);
                s.spec.ports[0] = sp("q", "UDP", 12345, 0, int(12345));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "load balancer with mix protocol",
            tweak: |s| {
                lb(s);
                s.spec.ports.push(sp("q", "UDP", 12345, 0, int(12345)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid 1",
            tweak: |_| {},
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid 2",
            tweak: |s| {
                s.spec.ports[0].protocol = "UDP".into();
                s.spec.ports[0].target_port = Some(int(12345));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid 3",
            tweak: |s| s.spec.ports[0].target_port = Some(IntOrString::String("http".into())),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid cluster ip - none ",
            tweak: |s| {
                s.spec.cluster_ip = "None".into();
                s.spec.cluster_ips = strs(&["None"]);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid cluster ip - empty",
            tweak: |s| {
                s.spec.cluster_ips.clear();
                s.spec.ports[0].target_port = Some(IntOrString::String("http".into()));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type - clusterIP",
            tweak: |s| s.spec.type_ = "ClusterIP".into(),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type - loadbalancer",
            tweak: lb,
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type - loadbalancer with allocateLoadBalancerNodePorts=false",
            tweak: |s| {
                lb(s);
                s.spec.allocate_load_balancer_node_ports = Some(false);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid type - missing AllocateLoadBalancerNodePorts for loadbalancer type",
            tweak: |s| {
                s.spec.type_ = "LoadBalancer".into();
                s.spec.external_traffic_policy = "Cluster".into();
            },
            num_errs: 1,
            messages: &["allocateLoadBalancerNodePorts: Required value"],
        },
        Case {
            name: "valid type loadbalancer 2 ports",
            tweak: |s| {
                lb(s);
                s.spec.ports.push(sp("q", "TCP", 12345, 0, int(12345)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "duplicate nodeports",
            tweak: |s| {
                nodeport(s);
                s.spec.ports.push(sp("q", "TCP", 1, 1, int(1)));
                s.spec.ports.push(sp("r", "TCP", 2, 1, int(2)));
            },
            num_errs: 1,
            messages: &["spec.ports[2].nodePort: Duplicate value: 1"],
        },
        Case {
            name: "duplicate nodeports (different protocols)",
            tweak: |s| {
                nodeport(s);
                s.spec.ports.push(sp("q", "TCP", 1, 1, int(1)));
                s.spec.ports.push(sp("r", "UDP", 2, 1, int(2)));
                s.spec.ports.push(sp("s", "SCTP", 3, 1, int(3)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid duplicate ports (with same protocol)",
            tweak: |s| {
                s.spec.type_ = "ClusterIP".into();
                s.spec.ports.push(sp("q", "TCP", 12345, 0, int(8080)));
                s.spec.ports.push(sp("r", "TCP", 12345, 0, int(80)));
            },
            num_errs: 1,
            messages: &[
                "spec.ports[2]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:12345, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}",
            ],
        },
        Case {
            name: "valid duplicate ports (with different protocols)",
            tweak: |s| {
                s.spec.type_ = "ClusterIP".into();
                s.spec.ports.push(sp("q", "TCP", 12345, 0, int(8080)));
                s.spec.ports.push(sp("r", "UDP", 12345, 0, int(80)));
                s.spec.ports.push(sp("s", "SCTP", 12345, 0, int(8088)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type - nodeport",
            tweak: nodeport,
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type loadbalancer with NodePort",
            tweak: |s| {
                lb(s);
                s.spec.ports.push(sp("q", "TCP", 12345, 12345, int(12345)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type=NodePort service with NodePort",
            tweak: |s| {
                nodeport(s);
                s.spec.ports.push(sp("q", "TCP", 12345, 12345, int(12345)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type=NodePort service without NodePort",
            tweak: |s| {
                nodeport(s);
                s.spec.ports.push(sp("q", "TCP", 12345, 0, int(12345)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid cluster service without NodePort",
            tweak: |s| s.spec.ports.push(sp("q", "TCP", 12345, 0, int(12345))),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid cluster service with NodePort",
            tweak: |s| s.spec.ports.push(sp("q", "TCP", 12345, 12345, int(12345))),
            num_errs: 1,
            messages: &[
                "spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
            ],
        },
        Case {
            name: "invalid public service with duplicate NodePort",
            tweak: |s| {
                nodeport(s);
                s.spec.ports.push(sp("p1", "TCP", 1, 1, int(1)));
                s.spec.ports.push(sp("p2", "TCP", 2, 1, int(2)));
            },
            num_errs: 1,
            messages: &["spec.ports[2].nodePort: Duplicate value: 1"],
        },
        Case {
            name: "valid port type=LoadBalancer",
            tweak: |s| {
                lb(s);
                s.spec
                    .ports
                    .push(sp("kubelet", "TCP", 10250, 0, int(12345)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid LoadBalancer source range annotation",
            tweak: |s| {
                lb(s);
                s.metadata.annotations.insert(
                    validation::service::ANNOTATION_LB_SOURCE_RANGES.into(),
                    "1.2.3.0/24,  5.6.0.0/16".into(),
                );
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid empty LoadBalancer source range annotation",
            tweak: |s| {
                lb(s);
                s.metadata.annotations.insert(
                    validation::service::ANNOTATION_LB_SOURCE_RANGES.into(),
                    String::new(),
                );
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid whitespace-only LoadBalancer source range annotation",
            tweak: |s| {
                lb(s);
                s.metadata.annotations.insert(
                    validation::service::ANNOTATION_LB_SOURCE_RANGES.into(),
                    "  ".into(),
                );
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid LoadBalancer source range annotation (hostname)",
            tweak: |s| {
                lb(s);
                s.metadata.annotations.insert(
                    validation::service::ANNOTATION_LB_SOURCE_RANGES.into(),
                    "foo.bar".into(),
                );
            },
            num_errs: 1,
            messages: &[
                "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: \"foo.bar\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            ],
        },
        Case {
            name: "invalid LoadBalancer source range annotation (invalid CIDR)",
            tweak: |s| {
                lb(s);
                s.metadata.annotations.insert(
                    validation::service::ANNOTATION_LB_SOURCE_RANGES.into(),
                    "1.2.3.4/33".into(),
                );
            },
            num_errs: 1,
            messages: &[
                "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: \"1.2.3.4/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            ],
        },
        Case {
            name: "invalid LoadBalancer source range annotation for non LoadBalancer type service",
            tweak: |s| {
                s.metadata.annotations.insert(
                    validation::service::ANNOTATION_LB_SOURCE_RANGES.into(),
                    "1.2.3.0/24".into(),
                );
            },
            num_errs: 1,
            messages: &[
                "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Forbidden: may only be used when `type` is 'LoadBalancer'",
            ],
        },
        Case {
            name: "invalid empty-but-set LoadBalancer source range annotation for non LoadBalancer type service",
            tweak: |s| {
                s.metadata.annotations.insert(
                    validation::service::ANNOTATION_LB_SOURCE_RANGES.into(),
                    String::new(),
                );
            },
            num_errs: 1,
            messages: &[
                "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Forbidden: may only be used when `type` is 'LoadBalancer'",
            ],
        },
        Case {
            name: "valid LoadBalancer source range",
            tweak: |s| {
                lb(s);
                s.spec.load_balancer_source_ranges = strs(&["1.2.3.0/24", "5.6.0.0/16"]);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid LoadBalancer source range with whitespace",
            tweak: |s| {
                lb(s);
                s.spec.load_balancer_source_ranges = strs(&["1.2.3.0/24  ", " 5.6.0.0/16"]);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid empty LoadBalancer source range",
            tweak: |s| {
                lb(s);
                s.spec.load_balancer_source_ranges = strs(&["   "]);
            },
            num_errs: 1,
            messages: &[
                "spec.LoadBalancerSourceRanges[0]: Invalid value: \"\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            ],
        },
        Case {
            name: "invalid LoadBalancer source range (hostname)",
            tweak: |s| {
                lb(s);
                s.spec.load_balancer_source_ranges = strs(&["foo.bar"]);
            },
            num_errs: 1,
            messages: &[
                "spec.LoadBalancerSourceRanges[0]: Invalid value: \"foo.bar\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            ],
        },
        Case {
            name: "invalid LoadBalancer source range (invalid CIDR)",
            tweak: |s| {
                lb(s);
                s.spec.load_balancer_source_ranges = strs(&["1.2.3.4/33"]);
            },
            num_errs: 1,
            messages: &[
                "spec.LoadBalancerSourceRanges[0]: Invalid value: \"1.2.3.4/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            ],
        },
        Case {
            name: "invalid source range for non LoadBalancer type service",
            tweak: |s| s.spec.load_balancer_source_ranges = strs(&["1.2.3.0/24", "5.6.0.0/16"]),
            num_errs: 1,
            messages: &[
                "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
            ],
        },
        Case {
            name: "invalid source range annotation ignored with valid source range field",
            tweak: |s| {
                lb(s);
                s.metadata.annotations.insert(
                    validation::service::ANNOTATION_LB_SOURCE_RANGES.into(),
                    "foo.bar".into(),
                );
                s.spec.load_balancer_source_ranges = strs(&["1.2.3.0/24", "5.6.0.0/16"]);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid ExternalName",
            tweak: |s| {
                s.spec.type_ = "ExternalName".into();
                s.spec.external_name = "foo.bar.example.com".into();
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid ExternalName (trailing dot)",
            tweak: |s| {
                s.spec.type_ = "ExternalName".into();
                s.spec.external_name = "foo.bar.example.com.".into();
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid ExternalName clusterIP (valid IP)",
            tweak: |s| {
                s.spec.type_ = "ExternalName".into();
                s.spec.cluster_ip = "1.2.3.4".into();
                s.spec.cluster_ips = strs(&["1.2.3.4"]);
                s.spec.external_name = "foo.bar.example.com".into();
            },
            num_errs: 1,
            messages: &["spec.clusterIPs: Forbidden: may not be set for ExternalName services"],
        },
        Case {
            name: "invalid ExternalName clusterIP (None)",
            tweak: |s| {
                s.spec.type_ = "ExternalName".into();
                s.spec.cluster_ip = "None".into();
                s.spec.cluster_ips = strs(&["None"]);
                s.spec.external_name = "foo.bar.example.com".into();
            },
            num_errs: 1,
            messages: &["spec.clusterIPs: Forbidden: may not be set for ExternalName services"],
        },
        Case {
            name: "invalid ExternalName (not a DNS name)",
            tweak: |s| {
                s.spec.type_ = "ExternalName".into();
                s.spec.external_name = "-123".into();
            },
            num_errs: 1,
            messages: &[
                "spec.externalName: Invalid value: \"-123\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ],
        },
        Case {
            name: "LoadBalancer type cannot have None ClusterIP",
            tweak: |s| {
                s.spec.cluster_ip = "None".into();
                s.spec.cluster_ips = strs(&["None"]);
                lb(s);
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services",
            ],
        },
        Case {
            name: "invalid node port with clusterIP None",
            tweak: |s| {
                nodeport(s);
                s.spec.ports.push(sp("q", "TCP", 1, 1, int(1)));
                s.spec.cluster_ip = "None".into();
                s.spec.cluster_ips = strs(&["None"]);
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
            ],
        },
        Case {
            name: "invalid externalTraffic field",
            tweak: |s| {
                s.spec.type_ = "LoadBalancer".into();
                s.spec.allocate_load_balancer_node_ports = Some(true);
                s.spec.external_traffic_policy = "invalid".into();
            },
            num_errs: 1,
            messages: &[
                "spec.externalTrafficPolicy: Unsupported value: \"invalid\": supported values: \"Cluster\", \"Local\"",
            ],
        },
        Case {
            name: "nil internalTraffic field when feature gate is on",
            tweak: |s| s.spec.internal_traffic_policy = None,
            num_errs: 1,
            messages: &["spec.internalTrafficPolicy: Required value"],
        },
        Case {
            name: "internalTrafficPolicy field nil when type is ExternalName",
            tweak: |s| {
                s.spec.internal_traffic_policy = None;
                s.spec.type_ = "ExternalName".into();
                s.spec.external_name = "foo.bar.com".into();
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "internalTrafficPolicy field is set when type is ExternalName",
            tweak: |s| {
                s.spec.internal_traffic_policy = Some("Cluster".into());
                s.spec.type_ = "ExternalName".into();
                s.spec.external_name = "foo.bar.com".into();
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid internalTraffic field",
            tweak: |s| s.spec.internal_traffic_policy = Some("invalid".into()),
            num_errs: 1,
            messages: &[
                "spec.internalTrafficPolicy: Unsupported value: \"invalid\": supported values: \"Cluster\", \"Local\"",
            ],
        },
        Case {
            name: "internalTrafficPolicy field set to Cluster",
            tweak: |s| s.spec.internal_traffic_policy = Some("Cluster".into()),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "internalTrafficPolicy field set to Local",
            tweak: |s| s.spec.internal_traffic_policy = Some("Local".into()),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "negative healthCheckNodePort field",
            tweak: |s| {
                s.spec.type_ = "LoadBalancer".into();
                s.spec.allocate_load_balancer_node_ports = Some(true);
                s.spec.external_traffic_policy = "Local".into();
                s.spec.health_check_node_port = -1;
            },
            num_errs: 1,
            messages: &[
                "spec.healthCheckNodePort: Invalid value: -1: must be between 1 and 65535, inclusive",
            ],
        },
        Case {
            name: "negative healthCheckNodePort field (31100)",
            tweak: |s| {
                s.spec.type_ = "LoadBalancer".into();
                s.spec.allocate_load_balancer_node_ports = Some(true);
                s.spec.external_traffic_policy = "Local".into();
                s.spec.health_check_node_port = 31100;
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid timeoutSeconds field",
            tweak: |s| {
                s.spec.session_affinity = "ClientIP".into();
                s.spec.session_affinity_config = Some(SessionAffinityConfig {
                    client_ip: Some(ClientIPConfig {
                        timeout_seconds: Some(-1),
                    }),
                });
            },
            num_errs: 1,
            messages: &[
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: -1: must be greater than 0 and less than 86400",
            ],
        },
        Case {
            name: "sessionAffinityConfig can't be set when session affinity is None",
            tweak: |s| {
                lb(s);
                s.spec.session_affinity = "None".into();
                s.spec.session_affinity_config = Some(SessionAffinityConfig {
                    client_ip: Some(ClientIPConfig {
                        timeout_seconds: Some(90),
                    }),
                });
            },
            num_errs: 1,
            messages: &[
                "spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None",
            ],
        },
        Case {
            name: "invalid, service with invalid ipFamilies",
            tweak: |s| s.spec.ip_families = strs(&["not-a-valid-ip-family"]),
            num_errs: 1,
            messages: &[
                "spec.ipFamilies[0]: Unsupported value: \"not-a-valid-ip-family\": supported values: \"IPv4\", \"IPv6\"",
            ],
        },
        Case {
            name: "invalid, service with invalid ipFamilies (2nd)",
            tweak: |s| {
                s.spec.ip_family_policy = Some("RequireDualStack".into());
                s.spec.ip_families = strs(&["IPv4", "not-a-valid-ip-family"]);
            },
            num_errs: 1,
            messages: &[
                "spec.ipFamilies[1]: Unsupported value: \"not-a-valid-ip-family\": supported values: \"IPv4\", \"IPv6\"",
            ],
        },
        Case {
            name: "IPFamilyPolicy(singleStack) is set for two families",
            tweak: |s| {
                s.spec.ip_family_policy = Some("SingleStack".into());
                s.spec.ip_families = strs(&["IPv4", "IPv6"]);
            },
            num_errs: 0, // validated in the allocator
            messages: &[],
        },
        Case {
            name: "valid, IPFamilyPolicy(preferDualStack) is set for two families (note: alloc sets families)",
            tweak: |s| {
                s.spec.ip_family_policy = Some("PreferDualStack".into());
                s.spec.ip_families = strs(&["IPv4", "IPv6"]);
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid, service with 2+ ipFamilies",
            tweak: |s| {
                s.spec.ip_family_policy = Some("RequireDualStack".into());
                s.spec.ip_families = strs(&["IPv4", "IPv6", "IPv4"]);
            },
            num_errs: 1,
            messages: &["spec.ipFamilies[2]: Duplicate value: \"IPv4\""],
        },
        Case {
            name: "invalid, service with same ip families",
            tweak: |s| {
                s.spec.ip_family_policy = Some("RequireDualStack".into());
                s.spec.ip_families = strs(&["IPv6", "IPv6"]);
            },
            num_errs: 1,
            messages: &["spec.ipFamilies[1]: Duplicate value: \"IPv6\""],
        },
        Case {
            name: "invalid ipFamilyPolicy (not upstream: ValidateServiceClusterIPsRelatedFields)",
            tweak: |s| s.spec.ip_family_policy = Some("Sometimes".into()),
            num_errs: 1,
            messages: &[
                "spec.ipFamilyPolicy: Unsupported value: \"Sometimes\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"",
            ],
        },
        Case {
            name: "valid, nil service ipFamilies",
            tweak: |s| s.spec.ip_families.clear(),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, service with valid ipFamilies (v4)",
            tweak: |s| s.spec.ip_families = strs(&["IPv4"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, service with valid ipFamilies (v6)",
            tweak: |s| s.spec.ip_families = strs(&["IPv6"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, service with valid ipFamilies(v4,v6)",
            tweak: |s| dual(s, "RequireDualStack", "", &[], &["IPv4", "IPv6"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, service with valid ipFamilies(v6,v4)",
            tweak: |s| dual(s, "RequireDualStack", "", &[], &["IPv6", "IPv4"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, service preferred dual stack with single family",
            tweak: |s| dual(s, "PreferDualStack", "", &[], &["IPv6"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid, garbage single ip",
            tweak: |s| {
                s.spec.cluster_ip = "garbage-ip".into();
                s.spec.cluster_ips = strs(&["garbage-ip"]);
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[0]: Invalid value: \"garbage-ip\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        },
        Case {
            name: "invalid, garbage ips",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "garbage-ip",
                    &["garbage-ip", "garbage-second-ip"],
                    &[],
                )
            },
            num_errs: 2,
            messages: &[
                "spec.clusterIPs[0]: Invalid value: \"garbage-ip\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                "spec.clusterIPs[1]: Invalid value: \"garbage-second-ip\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        },
        Case {
            name: "invalid, garbage first ip",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "garbage-ip",
                    &["garbage-ip", "2001::1"],
                    &[],
                )
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[0]: Invalid value: \"garbage-ip\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        },
        Case {
            name: "invalid, garbage second ip",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "2001::1",
                    &["2001::1", "garbage-ip"],
                    &[],
                )
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[1]: Invalid value: \"garbage-ip\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        },
        Case {
            name: "invalid, NONE + IP",
            tweak: |s| dual(s, "RequireDualStack", "None", &["None", "2001::1"], &[]),
            num_errs: 1,
            messages: &[
                "spec.clusterIPs: Invalid value: []string{\"None\", \"2001::1\"}: 'None' must be the first and only value",
            ],
        },
        Case {
            name: "invalid, IP + NONE",
            tweak: |s| dual(s, "RequireDualStack", "2001::1", &["2001::1", "None"], &[]),
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[1]: Invalid value: \"None\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        },
        Case {
            name: "invalid, EMPTY STRING + IP",
            tweak: |s| dual(s, "RequireDualStack", "", &["", "2001::1"], &[]),
            num_errs: 2,
            messages: &[
                "spec.clusterIPs: Invalid value: []string{\"\", \"2001::1\"}: must be empty when `clusterIP` is not specified",
                "spec.clusterIPs[0]: Invalid value: \"\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        },
        Case {
            name: "invalid, IP + EMPTY STRING",
            tweak: |s| dual(s, "RequireDualStack", "2001::1", &["2001::1", ""], &[]),
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[1]: Invalid value: \"\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ],
        },
        Case {
            name: "invalid, same ip family (v6)",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "2001::1",
                    &["2001::1", "2001::4"],
                    &["IPv4", "IPv6"],
                )
            },
            num_errs: 2,
            messages: &[
                "spec.clusterIPs: Invalid value: []string{\"2001::1\", \"2001::4\"}: may specify no more than one IP for each IP family",
                "spec.clusterIPs[0]: Invalid value: \"2001::1\": expected an IPv4 value as indicated by `ipFamilies[0]`",
            ],
        },
        Case {
            name: "invalid, same ip family (v4)",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "10.0.0.1",
                    &["10.0.0.1", "10.0.0.10"],
                    &["IPv4", "IPv6"],
                )
            },
            num_errs: 2,
            messages: &[
                "spec.clusterIPs: Invalid value: []string{\"10.0.0.1\", \"10.0.0.10\"}: may specify no more than one IP for each IP family",
                "spec.clusterIPs[1]: Invalid value: \"10.0.0.10\": expected an IPv6 value as indicated by `ipFamilies[1]`",
            ],
        },
        Case {
            name: "invalid, more than two ips",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "10.0.0.1",
                    &["10.0.0.1", "2001::1", "10.0.0.10"],
                    &["IPv4", "IPv6"],
                )
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs: Invalid value: []string{\"10.0.0.1\", \"2001::1\", \"10.0.0.10\"}: may only hold up to 2 values",
            ],
        },
        Case {
            name: " multi ip, dualstack not set (request for downgrade)",
            tweak: |s| {
                dual(
                    s,
                    "SingleStack",
                    "10.0.0.1",
                    &["10.0.0.1", "2001::1"],
                    &["IPv4", "IPv6"],
                )
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, headless-no-selector + multi family + gate off",
            tweak: |s| {
                dual(s, "RequireDualStack", "None", &["None"], &["IPv4", "IPv6"]);
                s.spec.selector = None;
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, multi ip, single ipfamilies preferDualStack",
            tweak: |s| {
                dual(
                    s,
                    "PreferDualStack",
                    "10.0.0.1",
                    &["10.0.0.1", "2001::1"],
                    &["IPv4"],
                )
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, multi ip, single ipfamilies (must match when provided) + requireDualStack",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "10.0.0.1",
                    &["10.0.0.1", "2001::1"],
                    &["IPv4"],
                )
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid, families don't match (v4=>v6)",
            tweak: |s| {
                s.spec.cluster_ip = "10.0.0.1".into();
                s.spec.cluster_ips = strs(&["10.0.0.1"]);
                s.spec.ip_families = strs(&["IPv6"]);
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[0]: Invalid value: \"10.0.0.1\": expected an IPv6 value as indicated by `ipFamilies[0]`",
            ],
        },
        Case {
            name: "invalid, families don't match (v6=>v4)",
            tweak: |s| {
                s.spec.cluster_ip = "2001::1".into();
                s.spec.cluster_ips = strs(&["2001::1"]);
                s.spec.ip_families = strs(&["IPv4"]);
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs[0]: Invalid value: \"2001::1\": expected an IPv4 value as indicated by `ipFamilies[0]`",
            ],
        },
        Case {
            name: "valid, single ip",
            tweak: |s| dual(s, "SingleStack", "10.0.0.1", &["10.0.0.1"], &[]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, single family",
            tweak: |s| dual(s, "SingleStack", "", &[], &["IPv6"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, single ip + single family",
            tweak: |s| dual(s, "SingleStack", "2001::1", &["2001::1"], &["IPv6"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, single ip + single family (dual stack requested)",
            tweak: |s| dual(s, "PreferDualStack", "2001::1", &["2001::1"], &["IPv6"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, single ip, multi ipfamilies",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "10.0.0.1",
                    &["10.0.0.1"],
                    &["IPv4", "IPv6"],
                )
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, multi ips, multi ipfamilies (4,6)",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "10.0.0.1",
                    &["10.0.0.1", "2001::1"],
                    &["IPv4", "IPv6"],
                )
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, ips, multi ipfamilies (6,4)",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "2001::1",
                    &["2001::1", "10.0.0.1"],
                    &["IPv6", "IPv4"],
                )
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, multi ips (6,4)",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "2001::1",
                    &["2001::1", "10.0.0.1"],
                    &[],
                )
            },
            num_errs: 0,
            messages: &[],
        },
        // The remaining cases of upstream's table, in its order; all valid.
        Case {
            name: "valid external load balancer 2 ports",
            tweak: |s| {
                lb(s);
                s.spec.ports.push(sp("q", "TCP", 12345, 0, int(12345)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type - cluster",
            tweak: |s| s.spec.type_ = "ClusterIP".into(),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type - loadbalancer with allocateLoadBalancerNodePorts=true",
            tweak: lb,
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid type=LoadBalancer",
            tweak: |s| {
                lb(s);
                s.spec.ports.push(sp("q", "TCP", 12345, 0, int(12345)));
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid. no field set",
            tweak: |_| {},
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, multi ipfamilies (6,4)",
            tweak: |s| dual(s, "RequireDualStack", "", &[], &["IPv6", "IPv4"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, multi ips (4,6)",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "10.0.0.1",
                    &["10.0.0.1", "2001::1"],
                    &[],
                )
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid,  multi ipfamilies (4,6)",
            tweak: |s| dual(s, "RequireDualStack", "", &[], &["IPv4", "IPv6"]),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid, dual stack",
            tweak: |s| s.spec.ip_family_policy = Some("RequireDualStack".into()),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid appProtocol",
            tweak: |s| {
                let mut p = sp("", "TCP", 12345, 0, int(12345));
                p.app_protocol = Some("HTTP".into());
                s.spec.ports = vec![p];
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "valid custom appProtocol",
            tweak: |s| {
                let mut p = sp("", "TCP", 12345, 0, int(12345));
                p.app_protocol = Some("example.com/protocol".into());
                s.spec.ports = vec![p];
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid appProtocol",
            tweak: |s| {
                let mut p = sp("", "TCP", 12345, 0, int(12345));
                p.app_protocol = Some("example.com/protocol_with{invalid}[characters]".into());
                s.spec.ports = vec![p];
            },
            num_errs: 1,
            messages: &[
                "spec.ports[0].appProtocol: Invalid value: \"example.com/protocol_with{invalid}[characters]\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ],
        },
        Case {
            name: "invalid cluster ip != clusterIP in multi ip service",
            tweak: |s| {
                dual(
                    s,
                    "RequireDualStack",
                    "10.0.0.10",
                    &["10.0.0.1", "2001::1"],
                    &[],
                )
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs: Invalid value: []string{\"10.0.0.1\", \"2001::1\"}: first value must match `clusterIP`",
            ],
        },
        Case {
            name: "invalid cluster ip != clusterIP in single ip service",
            tweak: |s| {
                s.spec.cluster_ip = "10.0.0.10".into();
                s.spec.cluster_ips = strs(&["10.0.0.1"]);
            },
            num_errs: 1,
            messages: &[
                "spec.clusterIPs: Invalid value: []string{\"10.0.0.1\"}: first value must match `clusterIP`",
            ],
        },
        Case {
            name: "Use AllocateLoadBalancerNodePorts when type is not LoadBalancer",
            tweak: |s| s.spec.allocate_load_balancer_node_ports = Some(true),
            num_errs: 1,
            messages: &[
                "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
            ],
        },
        Case {
            name: "valid LoadBalancerClass when type is LoadBalancer",
            tweak: |s| {
                lb(s);
                s.spec.load_balancer_class = Some("test.com/test-load-balancer-class".into());
            },
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid LoadBalancerClass",
            tweak: |s| {
                lb(s);
                s.spec.load_balancer_class = Some("Bad/LoadBalancerClass".into());
            },
            num_errs: 1,
            messages: &[
                "spec.loadBalancerClass: Invalid value: \"Bad/LoadBalancerClass\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ],
        },
        Case {
            name: "invalid: set LoadBalancerClass when type is not LoadBalancer",
            tweak: |s| {
                s.spec.load_balancer_class = Some("test.com/test-load-balancer-class".into())
            },
            num_errs: 1,
            messages: &[
                "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
            ],
        },
        Case {
            name: "topology annotations are mismatched",
            tweak: |s| {
                s.metadata.annotations.insert(
                    "service.kubernetes.io/topology-aware-hints".into(),
                    "original".into(),
                );
                s.metadata.annotations.insert(
                    "service.kubernetes.io/topology-mode".into(),
                    "different".into(),
                );
            },
            num_errs: 1,
            messages: &[
                "metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: \"different\": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified",
            ],
        },
        Case {
            name: "valid: trafficDistribution field set to PreferClose",
            tweak: |s| s.spec.traffic_distribution = Some("PreferClose".into()),
            num_errs: 0,
            messages: &[],
        },
        Case {
            name: "invalid: trafficDistribution field set to Random",
            tweak: |s| s.spec.traffic_distribution = Some("Random".into()),
            num_errs: 1,
            messages: &[
                "spec.trafficDistribution: Unsupported value: \"Random\": supported values: \"PreferClose\"",
            ],
        },
        Case {
            name: "unknown type (validation.go supportedServiceType)",
            tweak: |s| s.spec.type_ = "Foo".into(),
            num_errs: 1,
            messages: &[
                "spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            ],
        },
        Case {
            name: "ExternalName without externalName (validation.go ValidateService)",
            tweak: |s| s.spec.type_ = "ExternalName".into(),
            num_errs: 1,
            messages: &["spec.externalName: Required value"],
        },
    ]
}

// validation_test.go TestValidateServiceCreate (ValidateServiceCreate = ValidateService).
#[test]
fn validate_service_create() {
    let mut failures = Vec::new();
    for case in cases() {
        let mut svc = make_valid_service();
        (case.tweak)(&mut svc);
        let errs = validation::service::validate_service(&svc);
        let got: Vec<String> = errs.iter().map(|e| e.message()).collect();
        if errs.len() != case.num_errs {
            failures.push(format!(
                "{:?}: expected {} errors, got {}: {got:#?}",
                case.name,
                case.num_errs,
                errs.len()
            ));
            continue;
        }
        if !case.messages.is_empty() {
            let want: Vec<String> = case.messages.iter().map(|s| s.to_string()).collect();
            if got != want {
                failures.push(format!(
                    "{:?}:\n  want {want:#?}\n  got  {got:#?}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// An empty namespace is the request's namespace (kubectl's `default`), not an error.
#[test]
fn empty_namespace_is_request_namespace() {
    let mut svc = make_valid_service();
    svc.metadata.namespace.clear();
    assert!(validation::validate_service(&svc).is_empty());
    assert_eq!(validation::service::validate_service(&svc).len(), 1);
}

// Bad input never panics: many errors at once are all collected.
#[test]
fn collects_all_errors() {
    let mut svc = make_valid_service();
    svc.metadata.name = "Bad_Name".into();
    svc.spec.ports[0].port = 0;
    svc.spec.ports[0].protocol = "HTTP".into();
    svc.spec.session_affinity = "Sticky".into();
    svc.spec.type_ = "Foo".into();
    let errs = validation::validate_service(&svc);
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "metadata.name",
            "spec.ports[0].port",
            "spec.ports[0].protocol",
            "spec.sessionAffinity",
            "spec.type"
        ]
    );
    assert_eq!(
        errs[3].message(),
        "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\""
    );
}

// validation_test.go TestValidateServiceExternalTrafficPolicy.
#[test]
fn validate_service_external_traffic_policy_cases() {
    let cases: Vec<(&str, Tweak, usize)> = vec![
        (
            "valid loadBalancer service with externalTrafficPolicy and healthCheckNodePort set",
            |s| {
                s.spec.type_ = "LoadBalancer".into();
                s.spec.allocate_load_balancer_node_ports = Some(true);
                s.spec.external_traffic_policy = "Local".into();
                s.spec.health_check_node_port = 34567;
            },
            0,
        ),
        (
            "valid nodePort service with externalTrafficPolicy set",
            |s| {
                s.spec.type_ = "NodePort".into();
                s.spec.external_traffic_policy = "Local".into();
            },
            0,
        ),
        (
            "valid clusterIP service with none of externalTrafficPolicy and healthCheckNodePort set",
            |s| s.spec.type_ = "ClusterIP".into(),
            0,
        ),
        (
            "cannot set healthCheckNodePort field on loadBalancer service with externalTrafficPolicy!=Local",
            |s| {
                s.spec.type_ = "LoadBalancer".into();
                s.spec.allocate_load_balancer_node_ports = Some(true);
                s.spec.external_traffic_policy = "Cluster".into();
                s.spec.health_check_node_port = 34567;
            },
            1,
        ),
        (
            "cannot set healthCheckNodePort field on nodePort service",
            |s| {
                s.spec.type_ = "NodePort".into();
                s.spec.external_traffic_policy = "Local".into();
                s.spec.health_check_node_port = 34567;
            },
            1,
        ),
        (
            "cannot set externalTrafficPolicy or healthCheckNodePort fields on clusterIP service",
            |s| {
                s.spec.type_ = "ClusterIP".into();
                s.spec.external_traffic_policy = "Local".into();
                s.spec.health_check_node_port = 34567;
            },
            2,
        ),
        (
            "cannot set externalTrafficPolicy field on ExternalName service",
            |s| {
                s.spec.type_ = "ExternalName".into();
                s.spec.external_traffic_policy = "Local".into();
            },
            1,
        ),
        (
            "externalTrafficPolicy is required on NodePort service",
            |s| s.spec.type_ = "NodePort".into(),
            1,
        ),
        (
            "externalTrafficPolicy is required on LoadBalancer service",
            |s| s.spec.type_ = "LoadBalancer".into(),
            1,
        ),
        (
            "externalTrafficPolicy is required on ClusterIP service with externalIPs",
            |s| {
                s.spec.type_ = "ClusterIP".into();
                s.spec.external_ips = strs(&["1.2.3,4"]);
            },
            1,
        ),
    ];
    for (name, tweak, n) in cases {
        let mut svc = make_valid_service();
        tweak(&mut svc);
        let errs = validate_service_external_traffic_policy(&svc);
        assert_eq!(errs.len(), n, "{name}: {errs:?}");
    }
    let mut svc = make_valid_service();
    svc.spec.type_ = "NodePort".into();
    svc.spec.external_traffic_policy = "Local".into();
    svc.spec.health_check_node_port = 34567;
    assert_eq!(
        validate_service_external_traffic_policy(&svc)[0].message(),
        "spec.healthCheckNodePort: Invalid value: 34567: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"
    );
    let mut svc = make_valid_service();
    svc.spec.external_traffic_policy = "Local".into();
    assert_eq!(
        validate_service_external_traffic_policy(&svc)[0].message(),
        "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"
    );
}

// validation.go ValidateServiceClusterIPsRelatedFields is exported for the allocator; it is
// skipped for ExternalName.
#[test]
fn cluster_ips_related_fields_standalone() {
    let mut svc = make_valid_service();
    svc.spec.cluster_ip = "10.0.0.1".into();
    let errs = validation::validate_service_cluster_ips_related_fields(&svc);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].message(), "spec.clusterIPs: Required value");
    svc.spec.type_ = "ExternalName".into();
    assert!(validation::validate_service_cluster_ips_related_fields(&svc).is_empty());
}

// validation_test.go TestValidateServiceCreate "invalid port name", with its message.
#[test]
fn invalid_port_name_message() {
    let mut svc = make_valid_service();
    svc.spec.ports[0].name = "INVALID".into();
    let errs = validation::validate_service(&svc);
    assert_eq!(
        errs[0].message(),
        format!("spec.ports[0].name: Invalid value: \"INVALID\": {DNS1123_LABEL_TAIL}")
    );
    svc.spec.ports[0].name = "a.b".into();
    let errs = validation::validate_service(&svc);
    assert_eq!(
        errs[0].message(),
        "spec.ports[0].name: Invalid value: \"a.b\": must not contain dots"
    );
}
