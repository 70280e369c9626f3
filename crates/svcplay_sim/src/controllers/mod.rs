//! The controllers and the simulated kubelet: Deployment → ReplicaSet → Pods, scheduling, pod
//! status, EndpointSlices.

use crate::Cluster;

/// Runs every controller until the store stops changing.
pub fn settle(cluster: &mut Cluster) {
    let _ = cluster;
}
