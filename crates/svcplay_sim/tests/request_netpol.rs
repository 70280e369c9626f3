//! NetworkPolicy enforcement on simulated requests. Semantics from kubernetes.io "Network
//! Policies" (isolation per direction, additive policies, peers, the pod-itself and own-node
//! exceptions) and the upstream e2e suite test/e2e/network/netpol/network_policy.go (cases
//! named after its "should ..." specs).

mod request_support;

use request_support::*;
use svcplay_sim::Cluster;
use svcplay_sim::request::{Outcome, Source};

const BASE: &str = "apiVersion: v1
kind: Namespace
metadata: {name: other, labels: {team: a}}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec:
  nodeName: node02
  containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: outsider, namespace: other, labels: {app: client}}
spec:
  nodeName: node02
  containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, labels: {app: web}}
spec:
  nodeName: node01
  containers:
  - name: web
    image: nginx
    ports: [{containerPort: 80, name: http}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, nodePort: 30080}]
";

fn with(policies: &str) -> Cluster {
    let mut texts = vec![("base.yaml".to_string(), BASE.to_string())];
    if !policies.is_empty() {
        texts.push(("np.yaml".to_string(), policies.to_string()));
    }
    cluster_from(&texts, |_| {})
}

fn from_other() -> Source {
    Source::Pod {
        namespace: "other".into(),
        name: "outsider".into(),
    }
}

/// The outcome of one request, as `delivered` or the drop reason.
fn outcome(c: &Cluster, from: Source, to: &str) -> String {
    let r = run(c, &spec(from, to, 1, 0));
    match &r.requests[0].outcome {
        Outcome::Delivered { .. } => "delivered".to_string(),
        Outcome::Dropped { reason } => format!("dropped: {reason}"),
        Outcome::Unresolved { reason } => format!("unresolved: {reason}"),
        other => format!("{other:?}"),
    }
}

fn web_ip(c: &Cluster) -> String {
    c.store.pods[&("default".to_string(), "web-1".to_string())]
        .status
        .pod_ip
        .clone()
}

const DENY_ALL: &str = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {}}
";

#[test]
fn no_policy_delivers() {
    let c = with("");
    assert_eq!(outcome(&c, pod("client"), "web:80"), "delivered");
}

/// "should support a 'default-deny-ingress' policy".
#[test]
fn deny_all_ingress_drops_and_names_the_policy() {
    let c = with(DENY_ALL);
    let client_ip = &c.store.pods[&("default".to_string(), "client".to_string())]
        .status
        .pod_ip;
    let got = outcome(&c, pod("client"), "web:80");
    assert_eq!(
        got,
        format!(
            "dropped: NetworkPolicy default/deny-all selects pod web-1 for Ingress and no ingress rule allows {client_ip} (pod default/client) on TCP/80; the client times out"
        )
    );
    // Pod-to-pod without a Service too.
    let direct = outcome(&c, pod("client"), &format!("{}:80", web_ip(&c)));
    assert!(
        direct.starts_with("dropped: NetworkPolicy default/deny-all"),
        "{direct}"
    );
}

/// "should enforce policy to allow traffic only from a pod in the same namespace"
/// (podSelector), and a pod of another namespace is not matched by a bare podSelector.
#[test]
fn pod_selector_allows_same_namespace_only() {
    let c = with(
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-client}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]
",
    );
    assert_eq!(outcome(&c, pod("client"), "web:80"), "delivered");
    let got = outcome(&c, from_other(), "web.default:80");
    assert!(
        got.starts_with("dropped: NetworkPolicy default/from-client selects pod web-1 for Ingress"),
        "{got}"
    );
}

/// "should enforce policy based on NamespaceSelector with MatchLabels", by a custom label and by
/// `kubernetes.io/metadata.name`; both selectors in one peer are ANDed.
#[test]
fn namespace_selector_and_combined_peer() {
    let c = with(
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-team-a}
spec:
  podSelector: {}
  ingress: [{from: [{namespaceSelector: {matchLabels: {team: a}}}]}]
",
    );
    assert_eq!(outcome(&c, from_other(), "web.default:80"), "delivered");
    assert!(outcome(&c, pod("client"), "web:80").starts_with("dropped:"));
    let c = with(
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: by-name}
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}
      podSelector: {matchLabels: {app: nothing}}
",
    );
    // The namespace matches but the pod selector does not: AND, so dropped.
    assert!(outcome(&c, from_other(), "web.default:80").starts_with("dropped:"));
}

/// "should allow ingress access from updated namespace"-style ipBlock with except, judged on the
/// address the pod sees: a NodePort with externalTrafficPolicy Cluster entered on another node
/// is SNATed to that node's IP.
#[test]
fn ip_block_with_except_sees_the_snat_source() {
    let c = with(
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-net}
spec:
  podSelector: {}
  ingress: [{from: [{ipBlock: {cidr: 198.51.100.0/24, except: [198.51.100.128/25]}}]}]
",
    );
    // Entering at node01 the source is SNATed to node01, web-1's own node: always allowed.
    let node01 = node_ip(&c, "node01");
    assert_eq!(
        outcome(&c, external(), &format!("{node01}:30080")),
        "delivered"
    );
    // Entering at node03: the pod sees node03's IP, outside the block.
    let node03 = node_ip(&c, "node03");
    let got = outcome(&c, external(), &format!("{node03}:30080"));
    assert!(
        got.contains(&format!("no ingress rule allows {node03} on TCP/80")),
        "{got}"
    );
    // ipBlock matches pod IPs too; `except` carves the client pod out of the pod network.
    let c = with(&format!(
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: from-pods}}
spec:
  podSelector: {{}}
  ingress: [{{from: [{{ipBlock: {{cidr: 10.244.0.0/16, except: [{}/32]}}}}]}}]
",
        c_client_ip()
    ));
    assert!(outcome(&c, pod("client"), "web:80").starts_with("dropped:"));
    assert_eq!(outcome(&c, from_other(), "web.default:80"), "delivered");
}

fn c_client_ip() -> String {
    let c = with("");
    c.store.pods[&("default".to_string(), "client".to_string())]
        .status
        .pod_ip
        .clone()
}

/// Named ports resolve against the destination pod's container ports; another port is dropped.
#[test]
fn named_port() {
    let c = with(
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: http-only}
spec:
  podSelector: {}
  ingress: [{ports: [{port: http}]}]
",
    );
    assert_eq!(outcome(&c, pod("client"), "web:80"), "delivered");
    let got = outcome(&c, pod("client"), &format!("{}:8080", web_ip(&c)));
    assert!(got.contains("on TCP/8080"), "{got}");
}

/// "should enforce egress policy allowing traffic to a server in a different namespace based on
/// PodSelector and NamespaceSelector" / default-deny-egress: an egress-restricted pod cannot
/// reach CoreDNS, nor the web pod by IP.
#[test]
fn egress_deny_blocks_dns_and_connections() {
    let c = with(
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
",
    );
    let got = outcome(&c, pod("client"), "web:80");
    assert!(
        got.starts_with("unresolved: the DNS query for web to kube-system/kube-dns is dropped: NetworkPolicy default/deny-egress selects pod client for Egress"),
        "{got}"
    );
    let got = outcome(&c, pod("client"), &format!("{}:80", web_ip(&c)));
    assert!(
        got.contains("for Egress and no egress rule allows"),
        "{got}"
    );
    // The other namespace's pod is not selected.
    assert_eq!(outcome(&c, from_other(), "web.default:80"), "delivered");
}

/// Policies are additive: a deny-all plus an allow for one source lets that source in.
#[test]
fn two_policies_are_additive() {
    let c = with(&format!(
        "{DENY_ALL}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: allow-other}}
spec:
  podSelector: {{matchLabels: {{app: web}}}}
  ingress: [{{from: [{{namespaceSelector: {{matchLabels: {{team: a}}}}}}]}}]
"
    ));
    assert_eq!(outcome(&c, from_other(), "web.default:80"), "delivered");
    let got = outcome(&c, pod("client"), "web:80");
    assert!(
        got.starts_with("dropped: NetworkPolicies default/allow-other, default/deny-all select pod web-1 for Ingress and none of their ingress rules allows"),
        "{got}"
    );
}

/// A pod no policy selects is unaffected (the policy selects app=db only).
#[test]
fn unselected_pod_unaffected() {
    let c = with(
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-only}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress, Egress]
",
    );
    assert_eq!(outcome(&c, pod("client"), "web:80"), "delivered");
}

/// Egress to an address outside the cluster is judged by `ipBlock` (with `except`).
#[test]
fn egress_ip_block_outside_the_cluster() {
    let c = with(
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-net}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}}]
    ports: [{protocol: TCP, port: 443}]
",
    );
    let r = run(&c, &spec(pod("client"), "203.0.113.7:443", 1, 0));
    assert!(
        matches!(r.requests[0].outcome, Outcome::LeftCluster { .. }),
        "{:?}",
        r.requests[0].outcome
    );
    let got = outcome(&c, pod("client"), "203.0.113.200:443");
    assert_eq!(
        got,
        "dropped: NetworkPolicy default/egress-net selects pod client for Egress and no egress rule allows 203.0.113.200 on TCP/443; the client times out"
    );
    let got = outcome(&c, pod("client"), "203.0.113.7:80");
    assert!(
        got.ends_with("allows 203.0.113.7 on TCP/80; the client times out"),
        "{got}"
    );
}

/// Stored like any namespaced object: a second create is AlreadyExists, deleting the policy (or
/// its namespace) lifts it.
#[test]
fn stored_created_once_and_deleted() {
    let mut c = with(DENY_ALL);
    let again = c.apply_texts(&[("np.yaml", DENY_ALL)]);
    assert!(!again.all_created());
    assert!(outcome(&c, pod("client"), "web:80").starts_with("dropped:"));
    assert!(svcplay_sim::registry::delete(
        &mut c,
        "NetworkPolicy",
        "default",
        "deny-all"
    ));
    assert_eq!(outcome(&c, pod("client"), "web:80"), "delivered");
}

/// The page's preset "Failure: a NetworkPolicy blocks the frontend": every request from a
/// frontend pod to http://backend is dropped at a backend pod, naming the policy; once the
/// policy selects the frontend's real label, they are delivered.
#[test]
fn preset_networkpolicy_blocks_frontend() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../www/src/scenarios/networkpolicy-blocks-frontend.yaml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let run_from_frontend = |text: &str| {
        let c = cluster_from(&[("preset.yaml".to_string(), text.to_string())], |_| {});
        let frontend = pods_of(&c, "frontend-")[0].0.clone();
        run(&c, &spec(pod(&frontend), "http://backend", 30, 1))
    };
    let r = run_from_frontend(&text);
    assert_eq!(r.totals.dropped, 30, "{}", r.explanation);
    assert!(r.requests.iter().all(|q| matches!(
        &q.outcome,
        Outcome::Dropped { reason } if reason.starts_with("NetworkPolicy default/backend-from-frontend selects pod backend-")
    )));
    let fixed = text.replace("{role: frontend}", "{app: frontend}");
    assert_ne!(fixed, text);
    assert_eq!(run_from_frontend(&fixed).totals.delivered, 30);
}

/// A pod's packet to another node's NodePort leaves its node without DNAT: its egress policy judges
/// the node's address and the nodePort, not the pod behind it.
#[test]
fn egress_to_another_nodes_nodeport_judges_the_node_address() {
    let allow_web = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: to-web}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: web}}}]}]
";
    let c = with(allow_web);
    // Straight to the web pod it is allowed ...
    assert_eq!(
        outcome(&c, pod("client"), &format!("{}:80", web_ip(&c))),
        "delivered"
    );
    // ... but node03's NodePort is node03's address, which no peer allows.
    let node03 = node_ip(&c, "node03");
    let got = outcome(&c, pod("client"), &format!("{node03}:30080"));
    assert_eq!(
        got,
        format!(
            "dropped: NetworkPolicy default/to-web selects pod client for Egress and no egress rule allows {node03} on TCP/30080; the client times out"
        )
    );
    let c = with(&allow_web.replace(
        "[{podSelector: {matchLabels: {app: web}}}]",
        &format!("[{{ipBlock: {{cidr: {node03}/32}}}}]"),
    ));
    assert_eq!(
        outcome(&c, pod("client"), &format!("{node03}:30080")),
        "delivered"
    );
}
