//! Node IPAM: kube-controller-manager's `RangeAllocator` (`pkg/controller/nodeipam/ipam/range_allocator.go`)
//! with kubeadm's `--allocate-node-cidrs=true --node-cidr-mask-size=24` (IPv6: 64).

use svcplay_model::net::{Cidr, to_u128};

use super::put_node;
use crate::Cluster;

/// The per-node mask size: `--node-cidr-mask-size-ipv4` 24, `-ipv6` 64 (kube-controller-manager defaults).
fn node_mask(cluster_cidr: &Cidr) -> u8 {
    if cluster_cidr.is_ipv4() { 24 } else { 64 }
}

/// The `index`-th node CIDR of the cluster CIDR.
fn subnet(cluster_cidr: &Cidr, mask: u8, index: u128) -> Option<Cidr> {
    let shift = u32::from(cluster_cidr.bits() - mask);
    let offset = index.checked_shl(shift)?;
    let addr = cluster_cidr.nth(offset)?;
    Some(Cidr { addr, prefix: mask })
}

/// Gives every node without `spec.podCIDR` the first free node CIDR, in node creation order (UID,
/// then name). CIDRs already on nodes are marked used first (`occupyCIDRs`). A full range leaves
/// the node without a CIDR (upstream records `CIDRNotAvailable`).
pub(super) fn allocate_node_cidrs(cluster: &mut Cluster) -> bool {
    let cluster_cidr = cluster.settings.pod_cidr.masked();
    let mask = node_mask(&cluster_cidr);
    if mask < cluster_cidr.prefix {
        return false;
    }
    let slots = 1u128
        .checked_shl(u32::from(mask - cluster_cidr.prefix))
        .unwrap_or(u128::MAX);
    let mut used: Vec<u128> = Vec::new();
    for node in cluster.store.nodes.values() {
        for s in node.spec.pod_cidrs.iter().chain([&node.spec.pod_cidr]) {
            if let Some(c) = Cidr::parse(s)
                && c.prefix == mask
                && cluster_cidr.contains(c.addr)
            {
                let off = to_u128(c.addr) - to_u128(cluster_cidr.network());
                used.push(off >> u32::from(cluster_cidr.bits() - mask));
            }
        }
    }
    let mut pending: Vec<(String, String)> = cluster
        .store
        .nodes
        .values()
        .filter(|n| n.spec.pod_cidr.is_empty() && n.spec.pod_cidrs.is_empty())
        .map(|n| (n.metadata.uid.clone(), n.metadata.name.clone()))
        .collect();
    svcplay_model::slice::sort(&mut pending);
    let mut changed = false;
    let mut next = 0u128;
    for (_, name) in pending {
        while next < slots && used.contains(&next) {
            next += 1;
        }
        if next >= slots {
            break;
        }
        let Some(c) = subnet(&cluster_cidr, mask, next) else {
            break;
        };
        used.push(next);
        if let Some(mut node) = cluster.store.nodes.get(&name).cloned() {
            node.spec.pod_cidr = c.to_string();
            node.spec.pod_cidrs = vec![c.to_string()];
            changed |= put_node(&mut cluster.store, node);
        }
    }
    changed
}
