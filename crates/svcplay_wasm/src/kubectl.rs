//! `kubectl get` tables and `kubectl describe service`, formatted as kubectl formats them
//! (`k8s.io/kubectl/pkg/describe`, `pkg/printers/internalversion/printers.go`). AGE columns are
//! left out: the simulated clock is not the reader's.

use serde::{Deserialize, Serialize};
use svcplay_model::types::{EndpointSlice, Pod, Service};
use svcplay_sim::Cluster;
use svcplay_sim::controllers::LABEL_SERVICE_NAME;

/// A table as `kubectl get` prints it (TypeScript `Table`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Column headers, e.g. `CLUSTER-IP`.
    pub headers: Vec<String>,
    /// One row per object; each row has one cell per header.
    pub rows: Vec<Vec<String>>,
}

/// The tables of the Inspect tabs (TypeScript `Tables`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tables {
    /// `kubectl get services -A`.
    pub services: Table,
    /// `kubectl get pods -A -o wide`.
    pub pods: Table,
    /// `kubectl get endpointslices -A`.
    pub endpoint_slices: Table,
    /// `kubectl get deployments -A`.
    pub deployments: Table,
    /// `kubectl get nodes -o wide` (without versions).
    pub nodes: Table,
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_string()).collect()
}

fn ns_of(ns: &str) -> String {
    if ns.is_empty() { "default" } else { ns }.to_string()
}

fn service_type(s: &Service) -> &str {
    if s.spec.type_.is_empty() {
        "ClusterIP"
    } else {
        &s.spec.type_
    }
}

/// The `EXTERNAL-IP` column (`getServiceExternalIP`, not wide).
pub fn external_ip(s: &Service) -> String {
    let spec = &s.spec;
    match service_type(s) {
        "ClusterIP" | "NodePort" => {
            if spec.external_ips.is_empty() {
                "<none>".into()
            } else {
                spec.external_ips.join(",")
            }
        }
        "LoadBalancer" => {
            let mut lb: Vec<String> = s.status.load_balancer.addresses();
            // loadBalancerStatusStringer truncates long lists when not wide.
            let mut joined = lb.join(",");
            if joined.len() > 16 {
                joined = format!("{}...", &joined[..13]);
            }
            if !spec.external_ips.is_empty() {
                lb = if joined.is_empty() {
                    Vec::new()
                } else {
                    joined.split(',').map(str::to_string).collect()
                };
                lb.extend(spec.external_ips.iter().cloned());
                return lb.join(",");
            }
            if joined.is_empty() {
                "<pending>".into()
            } else {
                joined
            }
        }
        "ExternalName" => spec.external_name.clone(),
        _ => "<unknown>".into(),
    }
}

/// The `PORT(S)` column: `80:30008/TCP,443/TCP`, `<none>` without ports.
pub fn service_ports(s: &Service) -> String {
    if s.spec.ports.is_empty() {
        return "<none>".into();
    }
    s.spec
        .ports
        .iter()
        .map(|p| {
            let proto = if p.protocol.is_empty() {
                "TCP"
            } else {
                &p.protocol
            };
            if p.node_port > 0 {
                format!("{}:{}/{proto}", p.port, p.node_port)
            } else {
                format!("{}/{proto}", p.port)
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn cluster_ip(s: &Service) -> String {
    if s.spec.cluster_ip.is_empty() {
        "<none>".into()
    } else {
        s.spec.cluster_ip.clone()
    }
}

fn selector_text(s: &Service) -> String {
    match &s.spec.selector {
        Some(sel) if !sel.is_empty() => sel
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        _ => "<none>".into(),
    }
}

fn container_counts(pod: &Pod) -> (usize, usize, i64) {
    let statuses = pod
        .status
        .other
        .get("containerStatuses")
        .and_then(|v| v.as_array());
    match statuses {
        Some(list) => {
            let ready = list
                .iter()
                .filter(|c| c.get("ready").and_then(|r| r.as_bool()) == Some(true))
                .count();
            let restarts = list
                .iter()
                .filter_map(|c| c.get("restartCount").and_then(|r| r.as_i64()))
                .sum();
            (ready, list.len(), restarts)
        }
        None => (0, pod.spec.containers.len(), 0),
    }
}

/// The `STATUS` column of a pod: `Terminating` once deleted, else the phase.
pub fn pod_status(pod: &Pod) -> String {
    if pod.metadata.deletion_timestamp.is_some() {
        return "Terminating".into();
    }
    if pod.status.phase.is_empty() {
        "Pending".into()
    } else {
        pod.status.phase.clone()
    }
}

fn or_none(s: &str) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s.to_string()
    }
}

/// `PORTS` of an EndpointSlice: numbers joined with `,`; `<unset>` for none.
fn slice_ports(slice: &EndpointSlice) -> String {
    if slice.ports.is_empty() {
        return "<unset>".into();
    }
    slice
        .ports
        .iter()
        .map(|p| {
            p.port
                .map_or_else(|| "<unset>".to_string(), |n| n.to_string())
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `ENDPOINTS` of an EndpointSlice: the first three addresses, then `+ N more...`.
fn slice_endpoints(slice: &EndpointSlice) -> String {
    let all: Vec<&str> = slice
        .endpoints
        .iter()
        .flat_map(|e| e.addresses.iter().map(String::as_str))
        .collect();
    if all.is_empty() {
        return "<unset>".into();
    }
    let shown = all[..all.len().min(3)].join(",");
    if all.len() > 3 {
        format!("{shown} + {} more...", all.len() - 3)
    } else {
        shown
    }
}

impl Tables {
    /// The tables of `cluster`.
    pub fn new(cluster: &Cluster) -> Self {
        let st = &cluster.store;
        let services = Table {
            headers: headers(&[
                "NAMESPACE",
                "NAME",
                "TYPE",
                "CLUSTER-IP",
                "EXTERNAL-IP",
                "PORT(S)",
                "SELECTOR",
            ]),
            rows: st
                .services
                .iter()
                .map(|((ns, name), s)| {
                    vec![
                        ns_of(ns),
                        name.clone(),
                        service_type(s).to_string(),
                        cluster_ip(s),
                        external_ip(s),
                        service_ports(s),
                        selector_text(s),
                    ]
                })
                .collect(),
        };
        let pods = Table {
            headers: headers(&[
                "NAMESPACE",
                "NAME",
                "READY",
                "STATUS",
                "RESTARTS",
                "IP",
                "NODE",
            ]),
            rows: st
                .pods
                .iter()
                .map(|((ns, name), p)| {
                    let (ready, total, restarts) = container_counts(p);
                    vec![
                        ns_of(ns),
                        name.clone(),
                        format!("{ready}/{total}"),
                        pod_status(p),
                        restarts.to_string(),
                        or_none(&p.status.pod_ip),
                        or_none(&p.spec.node_name),
                    ]
                })
                .collect(),
        };
        let endpoint_slices = Table {
            headers: headers(&["NAMESPACE", "NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS"]),
            rows: st
                .endpoint_slices
                .iter()
                .map(|((ns, name), s)| {
                    vec![
                        ns_of(ns),
                        name.clone(),
                        s.address_type.clone(),
                        slice_ports(s),
                        slice_endpoints(s),
                    ]
                })
                .collect(),
        };
        let deployments = Table {
            headers: headers(&["NAMESPACE", "NAME", "READY", "UP-TO-DATE", "AVAILABLE"]),
            rows: st
                .deployments
                .iter()
                .map(|((ns, name), d)| {
                    vec![
                        ns_of(ns),
                        name.clone(),
                        format!(
                            "{}/{}",
                            d.status.ready_replicas,
                            d.spec.replicas.unwrap_or(1)
                        ),
                        d.status.updated_replicas.to_string(),
                        d.status.available_replicas.to_string(),
                    ]
                })
                .collect(),
        };
        let nodes = Table {
            headers: headers(&["NAME", "STATUS", "ROLES", "INTERNAL-IP"]),
            rows: st
                .nodes
                .values()
                .map(|n| {
                    let ready = n
                        .status
                        .conditions
                        .iter()
                        .find(|c| c.type_ == "Ready")
                        .is_none_or(|c| c.status == "True");
                    let mut status = if ready { "Ready" } else { "NotReady" }.to_string();
                    if n.spec.unschedulable {
                        status.push_str(",SchedulingDisabled");
                    }
                    let roles: Vec<&str> = n
                        .metadata
                        .labels
                        .keys()
                        .filter_map(|k| k.strip_prefix("node-role.kubernetes.io/"))
                        .filter(|r| !r.is_empty())
                        .collect();
                    vec![
                        n.metadata.name.clone(),
                        status,
                        if roles.is_empty() {
                            "<none>".into()
                        } else {
                            roles.join(",")
                        },
                        or_none(&crate::view::node_ip(n)),
                    ]
                })
                .collect(),
        };
        Tables {
            services,
            pods,
            endpoint_slices,
            deployments,
            nodes,
        }
    }
}

fn map_text(m: &std::collections::BTreeMap<String, String>, indent: &str) -> String {
    if m.is_empty() {
        return "<none>".into();
    }
    m.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

/// The `Endpoints:` value for one port (`formatEndpointSlices` of kubectl describe): ready
/// addresses as `ip:port`, at most three, then `+ N more...`; `<none>` without slices.
fn endpoints_line(slices: &[&EndpointSlice], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    let mut list = Vec::new();
    let mut count = 0usize;
    for s in slices {
        for p in s
            .ports
            .iter()
            .filter(|p| p.name.as_deref().unwrap_or("") == port_name)
        {
            let Some(port) = p.port else { continue };
            for e in s
                .endpoints
                .iter()
                .filter(|e| e.conditions.ready != Some(false))
            {
                for addr in &e.addresses {
                    if list.len() < 3 {
                        let host = if addr.contains(':') {
                            format!("[{addr}]")
                        } else {
                            addr.clone()
                        };
                        list.push(format!("{host}:{port}"));
                    }
                    count += 1;
                }
            }
        }
    }
    let joined = list.join(",");
    if count > 3 {
        format!("{joined} + {} more...", count - 3)
    } else {
        joined
    }
}

/// `kubectl describe service NAME -n NAMESPACE` (without events); `None` if there is no such
/// Service.
pub fn describe_service(cluster: &Cluster, namespace: &str, name: &str) -> Option<String> {
    let s = cluster
        .store
        .services
        .get(&(namespace.to_string(), name.to_string()))?;
    let slices: Vec<&EndpointSlice> = cluster
        .store
        .endpoint_slices
        .iter()
        .filter(|((ns, _), sl)| {
            ns == namespace && sl.metadata.labels.get(LABEL_SERVICE_NAME) == Some(&s.metadata.name)
        })
        .map(|(_, sl)| sl)
        .collect();
    let pad = " ".repeat(26);
    let mut out = Vec::<String>::new();
    let mut line = |k: &str, v: String| out.push(format!("{:<26}{v}", format!("{k}:")));
    let spec = &s.spec;
    line("Name", s.metadata.name.clone());
    line("Namespace", namespace.to_string());
    line("Labels", map_text(&s.metadata.labels, &pad));
    line("Annotations", map_text(&s.metadata.annotations, &pad));
    line("Selector", selector_text(s));
    line("Type", service_type(s).to_string());
    if let Some(p) = &spec.ip_family_policy {
        line("IP Family Policy", p.clone());
    }
    if !spec.ip_families.is_empty() {
        line("IP Families", spec.ip_families.join(","));
    }
    if !spec.cluster_ip.is_empty() {
        line("IP", spec.cluster_ip.clone());
    }
    if !spec.cluster_ips.is_empty() {
        line("IPs", spec.cluster_ips.join(","));
    }
    if !spec.external_ips.is_empty() {
        line("External IPs", spec.external_ips.join(","));
    }
    if service_type(s) == "LoadBalancer" {
        let ingress: Vec<String> = s.status.load_balancer.addresses();
        line("LoadBalancer Ingress", ingress.join(", "));
    }
    if service_type(s) == "ExternalName" {
        line("External Name", spec.external_name.clone());
    }
    for p in &spec.ports {
        let name = if p.name.is_empty() {
            "<unset>"
        } else {
            &p.name
        };
        let proto = if p.protocol.is_empty() {
            "TCP"
        } else {
            &p.protocol
        };
        line("Port", format!("{name}  {}/{proto}", p.port));
        let target = p
            .target_port
            .as_ref()
            .filter(|t| !t.is_zero())
            .map_or_else(|| p.port.to_string(), ToString::to_string);
        line("TargetPort", format!("{target}/{proto}"));
        if p.node_port != 0 {
            line("NodePort", format!("{name}  {}/{proto}", p.node_port));
        }
        line("Endpoints", endpoints_line(&slices, &p.name));
    }
    line(
        "Session Affinity",
        if spec.session_affinity.is_empty() {
            "None".into()
        } else {
            spec.session_affinity.clone()
        },
    );
    if !spec.external_traffic_policy.is_empty() {
        line(
            "External Traffic Policy",
            spec.external_traffic_policy.clone(),
        );
    }
    if let Some(p) = &spec.internal_traffic_policy {
        line("Internal Traffic Policy", p.clone());
    }
    if spec.health_check_node_port != 0 {
        line(
            "HealthCheck NodePort",
            spec.health_check_node_port.to_string(),
        );
    }
    line("Events", "<none>".into());
    Some(out.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use svcplay_model::types::{LoadBalancerIngress, ServicePort};
    use svcplay_sim::Options;

    const NODEPORT: &str = include_str!("../../../www/src/scenarios/multi-node-nodeport.yaml");

    fn cluster(yaml: &str) -> Cluster {
        let mut c = Cluster::new(Options {
            seed: 1,
            ..Options::default()
        });
        c.apply_texts(&[("input.yaml", yaml)]);
        c
    }

    fn service(
        type_: &str,
        ingress: &[&str],
        external_ips: &[&str],
        ports: &[(i32, i32)],
    ) -> Service {
        let mut s = Service::default();
        s.spec.type_ = type_.into();
        s.spec.external_name = "db.example.com".into();
        s.spec.external_ips = external_ips.iter().map(|s| s.to_string()).collect();
        s.status.load_balancer.ingress = ingress
            .iter()
            .map(|ip| LoadBalancerIngress {
                ip: ip.to_string(),
                ..LoadBalancerIngress::default()
            })
            .collect();
        s.spec.ports = ports
            .iter()
            .map(|&(port, node_port)| ServicePort {
                port,
                node_port,
                ..ServicePort::default()
            })
            .collect();
        s
    }

    #[test]
    fn external_ip_column() {
        // printers.go getServiceExternalIP, one case per type.
        let cases = [
            (service("ClusterIP", &[], &[], &[]), "<none>"),
            (service("", &[], &["1.2.3.4"], &[]), "1.2.3.4"),
            (service("NodePort", &[], &[], &[]), "<none>"),
            (service("LoadBalancer", &[], &[], &[]), "<pending>"),
            (
                service("LoadBalancer", &["203.0.113.1"], &[], &[]),
                "203.0.113.1",
            ),
            (
                service("LoadBalancer", &["203.0.113.1"], &["1.2.3.4"], &[]),
                "203.0.113.1,1.2.3.4",
            ),
            // longer than 16 characters: truncated to 13 and "..."
            (
                service("LoadBalancer", &["203.0.113.1", "203.0.113.2"], &[], &[]),
                "203.0.113.1,2...",
            ),
            (service("ExternalName", &[], &[], &[]), "db.example.com"),
        ];
        for (svc, want) in cases {
            assert_eq!(external_ip(&svc), want, "{:?}", svc.spec.type_);
        }
    }

    #[test]
    fn ports_column() {
        assert_eq!(
            service_ports(&service("ClusterIP", &[], &[], &[])),
            "<none>"
        );
        assert_eq!(
            service_ports(&service("NodePort", &[], &[], &[(80, 30008), (443, 0)])),
            "80:30008/TCP,443/TCP"
        );
    }

    #[test]
    fn tables_of_the_default_scenario() {
        let t = Tables::new(&cluster(NODEPORT));
        let row = t
            .services
            .rows
            .iter()
            .find(|r| r[1] == "myapp")
            .expect("service/myapp");
        assert_eq!(row[2], "NodePort");
        assert_eq!(row[4], "<none>");
        assert_eq!(row[5], "80:30008/TCP");
        assert_eq!(row[6], "app=myapp");
        let pods: Vec<_> = t
            .pods
            .rows
            .iter()
            .filter(|r| r[1].starts_with("myapp-"))
            .collect();
        assert_eq!(pods.len(), 6);
        for p in pods {
            assert_eq!((p[2].as_str(), p[3].as_str()), ("1/1", "Running"));
            assert!(p[6].starts_with("node0"), "scheduled on a worker: {}", p[6]);
        }
        assert_eq!(t.services.headers.len(), t.services.rows[0].len());
    }

    #[test]
    fn describe_lists_ready_endpoints() {
        let c = cluster(NODEPORT);
        let text = describe_service(&c, "default", "myapp").expect("described");
        assert!(
            text.contains("Type:                     NodePort\n"),
            "{text}"
        );
        assert!(
            text.contains("NodePort:                 <unset>  30008/TCP\n"),
            "{text}"
        );
        let endpoints = text
            .lines()
            .find(|l| l.starts_with("Endpoints:"))
            .expect("an Endpoints line");
        assert!(endpoints.ends_with(" + 3 more..."), "{endpoints}");
        assert!(describe_service(&c, "default", "nope").is_none());
    }

    #[test]
    fn describe_shows_no_endpoints_for_a_selector_typo() {
        let c = cluster(&NODEPORT.replace("    app: myapp\n  ports", "    app: myap\n  ports"));
        let text = describe_service(&c, "default", "myapp").expect("described");
        let line = text
            .lines()
            .find(|l| l.starts_with("Endpoints:"))
            .expect("line");
        assert_eq!(line.trim_end(), "Endpoints:", "{text}");
        assert!(text.contains("Selector:                 app=myap\n"));
    }
}
