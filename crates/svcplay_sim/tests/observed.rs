//! Observed mode: a replayed `kubectl get nodes,pods,services,endpointslices,deployments -o yaml`
//! dump is taken as the cluster's state.

use svcplay_sim::{Cluster, Options};

const DUMP: &str = r#"
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: worker-a, uid: 11111111-1111-4111-8111-111111111111}
  spec: {podCIDR: 10.1.0.0/24}
  status:
    addresses: [{type: InternalIP, address: 10.0.0.2}]
    conditions: [{type: Ready, status: "True"}]
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: default, uid: 55555555-5555-4555-8555-555555555555, generation: 3}
  spec:
    replicas: 2
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec: {containers: [{name: web, image: nginx}]}
  status: {replicas: 2, readyReplicas: 2}
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-7c9d8f6b5-abcde
    namespace: default
    labels: {app: web, pod-template-hash: 7c9d8f6b5}
    uid: 22222222-2222-4222-8222-222222222221
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7c9d8f6b5, uid: 66666666-6666-4666-8666-666666666666, controller: true}]
  spec: {nodeName: worker-a, containers: [{name: web, image: nginx}]}
  status: {phase: Running, podIP: 10.1.0.7, conditions: [{type: Ready, status: "True"}]}
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-7c9d8f6b5-fghij
    namespace: default
    labels: {app: web, pod-template-hash: 7c9d8f6b5}
    uid: 22222222-2222-4222-8222-222222222222
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7c9d8f6b5, uid: 66666666-6666-4666-8666-666666666666, controller: true}]
  spec: {nodeName: worker-a, containers: [{name: web, image: nginx}]}
  status: {phase: Running, podIP: 10.1.0.8, conditions: [{type: Ready, status: "True"}]}
"#;

// The dump has no ReplicaSets (the usual `kubectl get` command does not list them): the
// Deployment is taken as reconciled, so no second ReplicaSet and no extra pods appear.
#[test]
fn deployment_without_its_replicasets_is_not_reconciled_again() {
    let mut c = Cluster::new(Options {
        seed: 1,
        bare: true,
        observed: true,
    });
    let report = c.apply_texts(&[("dump.yaml", DUMP)]);
    assert!(report.all_created(), "{:?}", report.results);
    assert_eq!(
        c.store.pods.len(),
        2,
        "{:?}",
        c.store.pods.keys().collect::<Vec<_>>()
    );
    assert!(c.store.replica_sets.is_empty());
    let ips: Vec<&str> = c
        .store
        .pods
        .values()
        .map(|p| p.status.pod_ip.as_str())
        .collect();
    assert_eq!(ips, ["10.1.0.7", "10.1.0.8"]);
}

// The same manifests created as new objects (not observed) do get their ReplicaSet and pods.
#[test]
fn the_same_deployment_created_anew_gets_a_replicaset() {
    let mut c = Cluster::new(Options {
        seed: 1,
        bare: true,
        observed: false,
    });
    c.apply_texts(&[("dump.yaml", DUMP)]);
    assert_eq!(c.store.replica_sets.len(), 1);
}
