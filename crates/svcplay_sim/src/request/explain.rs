//! Plain-words explanations of why a request failed: the Service's selector against the pods,
//! near-miss labels and names, readiness, ports.

use std::fmt::Write as _;

use svcplay_model::types::{Pod, Service, ServicePort};

use crate::Cluster;
use crate::controllers::LABEL_SERVICE_NAME;

/// How many examples an explanation lists before "and N more".
const MAX_EXAMPLES: usize = 3;

pub(crate) fn ns_of(ns: &str) -> &str {
    if ns.is_empty() { "default" } else { ns }
}

/// `ns/name` of a Service.
pub(crate) fn service_name(svc: &Service) -> String {
    format!("{}/{}", ns_of(&svc.metadata.namespace), svc.metadata.name)
}

/// `app=web,tier=front`, as kubectl prints selectors.
pub(crate) fn selector_text(svc: &Service) -> String {
    svc.spec
        .selector
        .iter()
        .flatten()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether two strings differ only in letter case or by one edit (insert, delete, substitute,
/// or swap of neighbours).
pub(crate) fn near(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diffs.len() == 1
                || (diffs.len() == 2
                    && diffs[1] == diffs[0] + 1
                    && a[diffs[0]] == b[diffs[1]]
                    && a[diffs[1]] == b[diffs[0]])
        }
        1 => {
            let i = (0..short.len())
                .find(|&i| short[i] != long[i])
                .unwrap_or(short.len());
            short[i..] == long[i + 1..]
        }
        _ => false,
    }
}

fn list<T: AsRef<str>>(items: &[T]) -> String {
    let mut s = items
        .iter()
        .take(MAX_EXAMPLES)
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("; ");
    if items.len() > MAX_EXAMPLES {
        let _ = write!(s, "; and {} more", items.len() - MAX_EXAMPLES);
    }
    s
}

fn list_names(names: &[&str]) -> String {
    let mut s = names
        .iter()
        .take(MAX_EXAMPLES)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > MAX_EXAMPLES {
        let _ = write!(s, " and {} more", names.len() - MAX_EXAMPLES);
    }
    s
}

fn selects(svc: &Service, pod: &Pod) -> bool {
    svc.spec
        .selector
        .iter()
        .flatten()
        .all(|(k, v)| pod.metadata.labels.get(k) == Some(v))
}

fn pod_ready(pod: &Pod) -> bool {
    pod.status
        .conditions
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True")
}

/// Why a pod selected by a Service gives no ready endpoint, if it does not.
fn pod_problem(pod: &Pod) -> Option<String> {
    let name = &pod.metadata.name;
    if pod.metadata.deletion_timestamp.is_some() {
        return Some(format!("pod {name} is terminating"));
    }
    if pod.spec.node_name.is_empty() {
        // The scheduler's verdict, when it gave one (`PodScheduled=False`, `Unschedulable`).
        let why =
            pod.status.conditions.iter().find(|c| {
                c.type_ == "PodScheduled" && c.status == "False" && !c.message.is_empty()
            });
        return Some(match why {
            Some(c) => format!(
                "pod {name} is Pending: the scheduler cannot place it: {}",
                c.message.trim_end_matches('.')
            ),
            None => format!("pod {name} is Pending: it is not scheduled to a node"),
        });
    }
    if matches!(pod.status.phase.as_str(), "Succeeded" | "Failed") {
        return Some(format!("pod {name} has finished ({})", pod.status.phase));
    }
    if pod.status.pod_ip.is_empty() {
        return Some(format!("pod {name} has no IP yet ({})", pod.status.phase));
    }
    if !pod_ready(pod) {
        return Some(format!("pod {name} is not Ready"));
    }
    None
}

/// Near misses of a selector among pods of the Service's namespace: labels whose key or value
/// differs only in case or by one character.
fn label_near_misses(svc: &Service, pods: &[&Pod]) -> Vec<String> {
    // (label as found, label wanted) → pods, in first-seen order.
    let mut groups: Vec<(String, String, Vec<&str>)> = Vec::new();
    for pod in pods {
        for (k, v) in svc.spec.selector.iter().flatten() {
            if pod.metadata.labels.get(k) == Some(v) {
                continue;
            }
            let hit = pod.metadata.labels.iter().find(|(pk, pv)| {
                (*pk == k && near(pv, v)) || (near(pk, k) && (*pv == v || near(pv, v)))
            });
            if let Some((pk, pv)) = hit {
                let (found, wanted) = (format!("{pk}={pv}"), format!("{k}={v}"));
                match groups.iter_mut().find(|g| g.0 == found && g.1 == wanted) {
                    Some(g) => g.2.push(&pod.metadata.name),
                    None => groups.push((found, wanted, vec![&pod.metadata.name])),
                }
            }
        }
    }
    groups
        .into_iter()
        .map(|(found, wanted, pods)| {
            if pods.len() == 1 {
                format!(
                    "pod {} has label {found} (the selector wants {wanted})",
                    pods[0]
                )
            } else {
                format!(
                    "pods {} have label {found} (the selector wants {wanted})",
                    list_names(&pods)
                )
            }
        })
        .collect()
}

/// Why a Service (port) has no usable endpoints: the body of a "connection refused" reason.
pub(crate) fn no_endpoints(cluster: &Cluster, svc: &Service, port: Option<&ServicePort>) -> String {
    let ns = ns_of(&svc.metadata.namespace);
    let name = service_name(svc);
    let selector = selector_text(svc);
    if svc.spec.selector.as_ref().is_none_or(|s| s.is_empty()) {
        let slices = cluster
            .store
            .endpoint_slices
            .iter()
            .filter(|((sns, _), s)| {
                sns == ns && s.metadata.labels.get(LABEL_SERVICE_NAME) == Some(&svc.metadata.name)
            })
            .count();
        return format!(
            "no ready endpoints: Service {name} has no selector, so Kubernetes manages no EndpointSlices for it; {slices} EndpointSlice(s) labelled {LABEL_SERVICE_NAME}={} hold no ready endpoint for this port",
            svc.metadata.name
        );
    }
    let in_ns: Vec<&Pod> = cluster
        .store
        .pods
        .iter()
        .filter(|((pns, _), _)| pns == ns)
        .map(|(_, p)| p)
        .collect();
    let matching: Vec<&Pod> = in_ns.iter().copied().filter(|p| selects(svc, p)).collect();
    if matching.is_empty() {
        let mut s =
            format!("no ready endpoints: selector {selector} matches 0 pods in namespace {ns}");
        let near = label_near_misses(svc, &in_ns);
        if !near.is_empty() {
            let _ = write!(s, "; {}", list(&near));
        }
        let elsewhere: Vec<String> = cluster
            .store
            .pods
            .iter()
            .filter(|((pns, _), p)| pns != ns && selects(svc, p))
            .map(|((pns, pname), _)| format!("{pns}/{pname}"))
            .collect();
        if !elsewhere.is_empty() {
            let _ = write!(
                s,
                "; pods in other namespaces match ({}), but a Service only selects pods in its own namespace",
                list(&elsewhere)
            );
        }
        if near.is_empty() && elsewhere.is_empty() {
            if in_ns.is_empty() {
                let _ = write!(s, "; the namespace has no pods at all");
            } else {
                let labels: Vec<String> = in_ns
                    .iter()
                    .map(|p| {
                        let l: Vec<String> = p
                            .metadata
                            .labels
                            .iter()
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect();
                        format!("pod {} has labels {{{}}}", p.metadata.name, l.join(","))
                    })
                    .collect();
                let _ = write!(s, "; {}", list(&labels));
            }
        }
        return s;
    }
    let problems: Vec<String> = matching.iter().filter_map(|p| pod_problem(p)).collect();
    let ready: Vec<&&Pod> = matching
        .iter()
        .filter(|p| pod_problem(p).is_none())
        .collect();
    let mut s = format!(
        "no ready endpoints: selector {selector} matches {} pod(s), {} of them ready",
        matching.len(),
        ready.len()
    );
    if !problems.is_empty() {
        let _ = write!(s, "; {}", list(&problems));
    }
    if !ready.is_empty()
        && let Some(sp) = port
    {
        // Ready pods but no endpoint for this port: a named targetPort nobody declares.
        if let Some(svcplay_model::types::IntOrString::String(tp)) = &sp.target_port {
            let missing: Vec<String> = ready
                .iter()
                .filter(|p| named_port(p, tp, &sp.protocol).is_none())
                .map(|p| {
                    format!(
                        "pod {} declares no container port named {tp}",
                        p.metadata.name
                    )
                })
                .collect();
            if !missing.is_empty() {
                let _ = write!(
                    s,
                    "; targetPort {tp} is a container port name: {}",
                    list(&missing)
                );
            }
        } else {
            let _ = write!(
                s,
                "; the ready pods are not (yet) in the EndpointSlices of {name} for port {}",
                port_label(sp)
            );
        }
    }
    s
}

/// `name 80/TCP` or `80/TCP`.
pub(crate) fn port_label(sp: &ServicePort) -> String {
    let proto = if sp.protocol.is_empty() {
        "TCP"
    } else {
        &sp.protocol
    };
    if sp.name.is_empty() {
        format!("{}/{proto}", sp.port)
    } else {
        format!("{} {}/{proto}", sp.name, sp.port)
    }
}

/// The containers a pod runs that can listen: app containers and sidecars (restartable init
/// containers).
fn listening_containers(pod: &Pod) -> impl Iterator<Item = &svcplay_model::types::Container> {
    pod.spec.containers.iter().chain(
        pod.spec
            .init_containers
            .iter()
            .filter(|c| c.restart_policy.as_deref() == Some("Always")),
    )
}

/// The number of a container port named `name` with `protocol` (`podutil.FindPort`).
pub(crate) fn named_port(pod: &Pod, name: &str, protocol: &str) -> Option<i32> {
    let proto = if protocol.is_empty() { "TCP" } else { protocol };
    listening_containers(pod)
        .flat_map(|c| &c.ports)
        .find(|p| {
            p.name == name
                && (if p.protocol.is_empty() {
                    "TCP"
                } else {
                    &p.protocol
                }) == proto
        })
        .map(|p| p.container_port)
}

/// The declared container ports of a pod as `80/TCP` strings.
pub(crate) fn declared_ports(pod: &Pod) -> Vec<String> {
    listening_containers(pod)
        .flat_map(|c| &c.ports)
        .map(|p| {
            let proto = if p.protocol.is_empty() {
                "TCP"
            } else {
                &p.protocol
            };
            format!("{}/{proto}", p.container_port)
        })
        .collect()
}

/// Whether something in the pod listens on `port`/`protocol`. svcplay's assumption: a pod that
/// declares container ports listens on exactly those; a pod that declares none listens on
/// whatever port it is asked on (Kubernetes does not require declaring ports).
pub(crate) fn pod_listens(pod: &Pod, port: i32, protocol: &str) -> bool {
    let declared: Vec<_> = listening_containers(pod).flat_map(|c| &c.ports).collect();
    declared.is_empty()
        || declared.iter().any(|p| {
            p.container_port == port
                && (if p.protocol.is_empty() {
                    "TCP"
                } else {
                    &p.protocol
                })
                .eq_ignore_ascii_case(protocol)
        })
}

/// The reason a pod refuses a connection on a port it does not declare.
pub(crate) fn pod_refuses(pod: &Pod, port: i32, protocol: &str) -> String {
    format!(
        "pod {} does not declare port {port}/{protocol} (it declares {}); svcplay assumes a container listens only on its declared containerPorts, so the pod refuses the connection{}",
        pod.metadata.name,
        declared_ports(pod).join(", "),
        if protocol.eq_ignore_ascii_case("UDP") {
            " (ICMP port unreachable)"
        } else {
            " (TCP reset)"
        }
    )
}

/// Nodes that run a ready endpoint of the Service.
pub(crate) fn endpoint_nodes(cluster: &Cluster, svc: &Service) -> Vec<String> {
    let ns = ns_of(&svc.metadata.namespace);
    let mut out: Vec<String> = Vec::new();
    for ((sns, _), s) in &cluster.store.endpoint_slices {
        if sns != ns || s.metadata.labels.get(LABEL_SERVICE_NAME) != Some(&svc.metadata.name) {
            continue;
        }
        for ep in &s.endpoints {
            if ep.conditions.ready != Some(false)
                && let Some(n) = &ep.node_name
                && !out.contains(n)
            {
                out.push(n.clone());
            }
        }
    }
    svcplay_model::slice::sort(&mut out);
    out
}

/// Why a Local traffic policy dropped the packet on `node`.
pub(crate) fn no_local_endpoints(
    cluster: &Cluster,
    svc: &Service,
    node: &str,
    external: bool,
) -> String {
    let nodes = endpoint_nodes(cluster, svc);
    let (field, what, fix) = if external {
        (
            "externalTrafficPolicy: Local",
            "traffic from outside",
            "send to a node that runs one of its pods, or set externalTrafficPolicy: Cluster (pods then see a node's IP instead of the client's)",
        )
    } else {
        (
            "internalTrafficPolicy: Local",
            "ClusterIP traffic from this node",
            "call it from a pod on a node that runs one of its pods, or set internalTrafficPolicy: Cluster",
        )
    };
    format!(
        "{field}: node {node} runs no ready pod of Service {}, so kube-proxy drops {what} there (rule \"{} has no local endpoints\") and the client times out; its ready pods run on {}; {fix}",
        service_name(svc),
        service_name(svc),
        if nodes.is_empty() {
            "no node".to_string()
        } else {
            nodes.join(", ")
        }
    )
}

/// Services whose name is near `name` (case, one edit), as `ns/name`, plus same-named Services
/// in other namespaces.
pub(crate) fn service_name_near_misses(cluster: &Cluster, ns: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (sns, sname) in cluster.store.services.keys() {
        if sname == name && sns != ns {
            out.push(format!(
                "a Service {sname} exists in namespace {sns} (use {sname}.{sns})"
            ));
        } else if sns == ns && near(sname, name) {
            out.push(format!("did you mean Service {sname} in namespace {sns}?"));
        }
    }
    out
}

pub(crate) fn join_examples(items: &[String]) -> String {
    list(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        assert!(near("web", "Web"));
        assert!(near("web", "wbe"));
        assert!(near("web", "webb"));
        assert!(near("web", "wb"));
        assert!(near("web", "wex"));
        assert!(!near("web", "web"));
        assert!(!near("web", "api"));
        assert!(!near("frontend", "backend"));
    }
}
