//! The EndpointSlice mirroring controller (`pkg/controller/endpointslicemirroring`:
//! `syncEndpoints`, `reconciler.go`, `reconciler_helpers.go`, `utils.go`).
//!
//! The Endpoints of a selectorless Service (a user's hand-written ones) are mirrored into
//! EndpointSlices, which is what kube-proxy and DNS read. Per Endpoints: each subset's valid
//! addresses (at most [`MAX_ENDPOINTS_PER_SUBSET`] per subset; ready from `addresses`, not ready
//! from `notReadyAddresses`) go, by address family and port set, into one slice each, labelled
//! with the Endpoints' labels plus `kubernetes.io/service-name` and
//! `endpointslice.kubernetes.io/managed-by: endpointslicemirroring-controller.k8s.io`, annotated
//! with its annotations but the trigger time and `kubectl.kubernetes.io/last-applied-configuration`,
//! and owned by the Endpoints.
//!
//! Mirrored slices are removed when the Service gains a selector, when the Endpoints is gone or
//! labelled `endpointslice.kubernetes.io/skip-mirror: "true"` (as the API server's own
//! `default/kubernetes` Endpoints is), or carries the leader-election annotation. A Service that
//! no longer exists, or an ExternalName one, is left alone (its Endpoints' deletion takes the
//! slices with it, by owner reference).
//!
//! Order: upstream takes endpoints out of a hash set; here they keep the Endpoints' order
//! (subset by subset, ready addresses first), and a slice is rewritten only when its set of
//! endpoints, labels, annotations or ports differ.

use svcplay_model::slice;
use svcplay_model::types::{
    Endpoint, EndpointConditions, EndpointPort, EndpointSlice, Endpoints, EndpointsPort, StringMap,
};
use svcplay_model::validation::ip::{parse_ip_sloppy, to4};
use svcplay_model::validation::names::NameRule;

use super::endpointslice::{LABEL_MANAGED_BY, LABEL_SERVICE_NAME, TRIGGER_TIME_ANNOTATION};
use super::{new_controller_ref, put_endpoint_slice};
use crate::Cluster;
use crate::store::Key;

/// The controller's name in the managed-by label (`ControllerName`).
pub const MIRRORING_MANAGED_BY_VALUE: &str = "endpointslicemirroring-controller.k8s.io";
/// `discovery.LabelSkipMirror`.
pub const LABEL_SKIP_MIRROR: &str = "endpointslice.kubernetes.io/skip-mirror";
/// `--mirroring-max-endpoints-per-subset` default.
pub const MAX_ENDPOINTS_PER_SUBSET: usize = 1000;
/// `resourcelock.LeaderElectionRecordAnnotationKey`.
const LEADER_ANNOTATION: &str = "control-plane.alpha.kubernetes.io/leader";
/// `v1.LastAppliedConfigAnnotation`.
const LAST_APPLIED_ANNOTATION: &str = "kubectl.kubernetes.io/last-applied-configuration";

fn is_mirrored(slice: &EndpointSlice) -> bool {
    slice
        .metadata
        .labels
        .get(LABEL_MANAGED_BY)
        .map(String::as_str)
        == Some(MIRRORING_MANAGED_BY_VALUE)
}

/// `shouldMirror`: not labelled skip-mirror, no leader-election record.
fn should_mirror(ep: &Endpoints) -> bool {
    ep.metadata
        .labels
        .get(LABEL_SKIP_MIRROR)
        .map(String::as_str)
        != Some("true")
        && !ep.metadata.annotations.contains_key(LEADER_ANNOTATION)
}

/// `addressToEndpoint`: the IP re-printed as Go prints it (IPv4-mapped IPv6 as IPv4), with its
/// address type; `None` for an invalid IP.
fn address_to_endpoint(
    a: &svcplay_model::types::EndpointAddress,
    ready: bool,
) -> Option<(Endpoint, &'static str)> {
    let ip = parse_ip_sloppy(&a.ip)?;
    let (text, family) = match to4(ip) {
        Some(v4) => (v4.to_string(), "IPv4"),
        None => (ip.to_string(), "IPv6"),
    };
    Some((
        Endpoint {
            addresses: vec![text],
            conditions: EndpointConditions {
                ready: Some(ready),
                ..EndpointConditions::default()
            },
            hostname: (!a.hostname.is_empty()).then(|| a.hostname.clone()),
            target_ref: a.target_ref.clone(),
            node_name: a.node_name.clone(),
            ..Endpoint::default()
        },
        family,
    ))
}

/// `epPortsToEpsPorts`.
fn slice_ports(ports: &[EndpointsPort]) -> Vec<EndpointPort> {
    ports
        .iter()
        .map(|p| EndpointPort {
            name: Some(p.name.clone()),
            protocol: Some(p.protocol.clone()),
            port: Some(p.port),
            app_protocol: p.app_protocol.clone(),
        })
        .collect()
}

/// A group of slices: address type and the sorted ports (`addrTypePortMapKey`).
type GroupKey = (String, Vec<EndpointPort>);

fn group_key(address_type: &str, ports: &[EndpointPort]) -> GroupKey {
    let mut p = ports.to_vec();
    slice::sort(&mut p);
    (address_type.to_string(), p)
}

/// One group's desired state: its key, ports as written, endpoints.
type Group = (GroupKey, Vec<EndpointPort>, Vec<Endpoint>);

/// The desired endpoints per group (`desiredCalc`), in key order: ports as written, endpoints
/// deduplicated as `EndpointSet` does (a later endpoint with the same addresses, hostname and
/// target replaces an earlier one in place). Groups are few: vectors, not maps.
fn desired(ep: &Endpoints) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for ss in &ep.subsets {
        let ports = slice_ports(&ss.ports);
        let mut at = [0usize; 2];
        for (i, family) in ["IPv4", "IPv6"].into_iter().enumerate() {
            let key = group_key(family, &ports);
            at[i] = match out.iter().position(|g| g.0 == key) {
                Some(j) => j,
                None => {
                    out.push((key, ports.clone(), Vec::new()));
                    out.len() - 1
                }
            };
        }
        let mut added = 0usize;
        let addrs = ss
            .addresses
            .iter()
            .map(|a| (a, true))
            .chain(ss.not_ready_addresses.iter().map(|a| (a, false)));
        for (a, ready) in addrs {
            if added >= MAX_ENDPOINTS_PER_SUBSET {
                break;
            }
            let Some((endpoint, family)) = address_to_endpoint(a, ready) else {
                continue;
            };
            added += 1;
            let eps = &mut out[at[usize::from(family == "IPv6")]].2;
            let k = super::endpointslice::endpoint_key(&endpoint);
            match eps
                .iter_mut()
                .find(|e| super::endpointslice::endpoint_key(e) == k)
            {
                Some(slot) => *slot = endpoint,
                None => eps.push(endpoint),
            }
        }
    }
    slice::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out
}

/// `newEndpointSlice`: labels and annotations from the Endpoints, owned by it.
fn new_slice(
    ep: &Endpoints,
    ns: &str,
    ports: Vec<EndpointPort>,
    address_type: &str,
    name: Option<&str>,
) -> EndpointSlice {
    let mut labels: StringMap = (*ep.metadata.labels).clone();
    labels.insert(LABEL_SERVICE_NAME.to_string(), ep.metadata.name.clone());
    labels.insert(
        LABEL_MANAGED_BY.to_string(),
        MIRRORING_MANAGED_BY_VALUE.to_string(),
    );
    let annotations: StringMap = ep
        .metadata
        .annotations
        .iter()
        .filter(|(k, _)| *k != TRIGGER_TIME_ANNOTATION && *k != LAST_APPLIED_ANNOTATION)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut s = EndpointSlice {
        api_version: "discovery.k8s.io/v1".to_string(),
        kind: "EndpointSlice".to_string(),
        address_type: address_type.to_string(),
        ports,
        ..EndpointSlice::default()
    };
    s.metadata.namespace = ns.to_string();
    s.metadata.labels = labels.into();
    s.metadata.annotations = annotations;
    s.metadata.owner_references = vec![new_controller_ref("v1", "Endpoints", &ep.metadata)].into();
    match name {
        Some(n) => s.metadata.name = n.to_string(),
        None => s.metadata.generate_name = slice_prefix(&ep.metadata.name),
    }
    s
}

/// `getEndpointSlicePrefix`: `<name>-` when that is a valid name prefix, else the name.
fn slice_prefix(name: &str) -> String {
    let prefix = format!("{name}-");
    if NameRule::Dns1123Subdomain.check(&prefix, true).is_empty() {
        prefix
    } else {
        name.to_string()
    }
}

/// Whether the stored slice already is `want` (same set of endpoints, ports, labels,
/// annotations and owner).
fn slice_matches(have: &EndpointSlice, want: &EndpointSlice) -> bool {
    fn sorted(s: &EndpointSlice) -> Vec<&Endpoint> {
        let mut e: Vec<_> = s
            .endpoints
            .iter()
            .map(|x| (super::endpointslice::endpoint_key(x), x))
            .collect();
        slice::sort_by(&mut e, |a, b| a.0.cmp(&b.0));
        e.into_iter().map(|(_, x)| x).collect()
    }
    have.address_type == want.address_type
        && have.ports == want.ports
        && have.metadata.labels == want.metadata.labels
        && have.metadata.annotations == want.metadata.annotations
        && have.metadata.owner_references == want.metadata.owner_references
        && sorted(have) == sorted(want)
}

#[derive(Debug, Default)]
struct Plan {
    create: Vec<EndpointSlice>,
    update: Vec<EndpointSlice>,
    delete: Vec<String>,
}

/// `reconcile`: per group, the first existing slice is kept (rewritten when it differs), the
/// others deleted; a group without slices gets a new one; groups no longer wanted lose theirs;
/// creates then reuse the names of deletions of the same address type (`recycleSlices`).
fn reconcile(ep: &Endpoints, ns: &str, existing: Vec<&EndpointSlice>) -> Plan {
    let mut plan = Plan::default();
    // Existing slices with their group, in name order.
    let mut existing: Vec<(GroupKey, &EndpointSlice)> = existing
        .into_iter()
        .map(|s| (group_key(&s.address_type, &s.ports), s))
        .collect();
    let mut deletes: Vec<&EndpointSlice> = Vec::new();
    for (key, ports, mut eps) in desired(ep) {
        let mut slices: Vec<&EndpointSlice> = Vec::new();
        existing.retain(|(k, s)| {
            let mine = *k == key;
            if mine {
                slices.push(s);
            }
            !mine
        });
        if eps.is_empty() {
            deletes.extend(slices);
            continue;
        }
        eps.truncate(MAX_ENDPOINTS_PER_SUBSET);
        let first = slices.first().copied();
        deletes.extend(slices.iter().skip(1).copied());
        let mut want = new_slice(
            ep,
            ns,
            ports,
            &key.0,
            first.map(|s| s.metadata.name.as_str()),
        );
        want.endpoints = eps;
        match first {
            Some(have) if slice_matches(have, &want) => {}
            Some(_) => plan.update.push(want),
            None => plan.create.push(want),
        }
    }
    deletes.extend(existing.into_iter().map(|(_, s)| s));
    // recycleSlices, per address type, in order.
    let mut recycled: Vec<String> = Vec::new();
    for c in &mut plan.create {
        if let Some(d) = deletes
            .iter()
            .find(|d| d.address_type == c.address_type && !recycled.contains(&d.metadata.name))
        {
            recycled.push(d.metadata.name.clone());
            c.metadata.name = d.metadata.name.clone();
            c.metadata.generate_name.clear();
        }
    }
    let (updates, creates): (Vec<_>, Vec<_>) = std::mem::take(&mut plan.create)
        .into_iter()
        .partition(|c| !c.metadata.name.is_empty());
    plan.update.extend(updates);
    plan.create = creates;
    plan.delete = deletes
        .into_iter()
        .map(|d| d.metadata.name.clone())
        .filter(|n| !recycled.contains(n))
        .collect();
    // No new slices for an Endpoints being deleted.
    if ep.metadata.deletion_timestamp.is_some() {
        plan.create.clear();
    }
    plan
}

/// Mirrors every Endpoints of a selectorless Service; `true` when anything was written.
pub(super) fn sync_all(cluster: &mut Cluster) -> bool {
    let store = &cluster.store;
    // Mirrored slices by (namespace, service-name label), then name.
    let mut mirrored: Vec<((&str, &str), &EndpointSlice)> = store
        .endpoint_slices
        .iter()
        .filter(|(_, s)| is_mirrored(s))
        .filter_map(|((ns, _), s)| {
            let svc = s.metadata.labels.get(LABEL_SERVICE_NAME)?;
            Some(((ns.as_str(), svc.as_str()), s))
        })
        .collect();
    slice::sort_by(&mut mirrored, |a, b| a.0.cmp(&b.0));
    let mut keys: Vec<(&str, &str)> = store
        .endpoints
        .keys()
        .map(|(ns, n)| (ns.as_str(), n.as_str()))
        .chain(mirrored.iter().map(|m| m.0))
        .collect();
    slice::sort(&mut keys);
    keys.dedup();
    let mut plans: Vec<(Key, Plan)> = Vec::new();
    for (ns, name) in keys {
        let key: Key = (ns.to_string(), name.to_string());
        let Some(svc) = store.services.get(&key) else {
            continue;
        };
        if svc.spec.type_ == "ExternalName" {
            continue;
        }
        let from = mirrored.partition_point(|m| m.0 < (ns, name));
        let to = mirrored.partition_point(|m| m.0 <= (ns, name));
        let existing: Vec<&EndpointSlice> = mirrored[from..to].iter().map(|m| m.1).collect();
        let has_selector = svc.spec.selector.as_ref().is_some_and(|s| !s.is_empty());
        let plan = match store.endpoints.get(&key) {
            Some(ep) if !has_selector && should_mirror(ep) => reconcile(ep, ns, existing),
            _ => Plan {
                delete: existing.iter().map(|s| s.metadata.name.clone()).collect(),
                ..Plan::default()
            },
        };
        if !plan.create.is_empty() || !plan.update.is_empty() || !plan.delete.is_empty() {
            plans.push((key, plan));
        }
    }
    let mut changed = false;
    for ((ns, _), plan) in plans {
        for name in plan.delete {
            changed |= cluster
                .store
                .endpoint_slices
                .remove(&(ns.clone(), name))
                .is_some();
        }
        for mut s in plan.update {
            let k = (ns.clone(), s.metadata.name.clone());
            if let Some(old) = cluster.store.endpoint_slices.get(&k) {
                s.metadata.uid = old.metadata.uid.clone();
                s.metadata.creation_timestamp = old.metadata.creation_timestamp.clone();
                let generation = old.metadata.generation.unwrap_or(1);
                let data_changed = old.endpoints != s.endpoints
                    || old.ports != s.ports
                    || old.address_type != s.address_type;
                s.metadata.generation = Some(generation + u64::from(data_changed) as i64);
            }
            changed |= put_endpoint_slice(&mut cluster.store, k, s);
        }
        for s in plan.create {
            changed |= super::endpointslice::create_slice(cluster, &ns, s);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn endpoints(v: serde_json::Value) -> Endpoints {
        let mut e: Endpoints = serde_json::from_value(v).unwrap();
        e.metadata.name = "test-ep".into();
        e.metadata.namespace = "default".into();
        e.metadata.uid = "ep-uid".into();
        e
    }

    /// utils_test.go TestNewEndpointSlice: labels copied and overwritten, the trigger-time and
    /// last-applied annotations dropped, owner reference to the Endpoints, generateName prefix.
    #[test]
    fn new_slice_copies_labels_and_annotations() {
        let ep = endpoints(json!({"metadata": {
            "labels": {"foo": "bar", "kubernetes.io/service-name": "wrong", "endpointslice.kubernetes.io/managed-by": "other"},
            "annotations": {"foo1": "bar1", "endpoints.kubernetes.io/last-change-trigger-time": "x",
                            "kubectl.kubernetes.io/last-applied-configuration": "{}"}}}));
        let s = new_slice(&ep, "default", vec![], "IPv4", None);
        assert_eq!(s.metadata.generate_name, "test-ep-");
        assert_eq!(
            s.metadata.labels.get("foo").map(String::as_str),
            Some("bar")
        );
        assert_eq!(
            s.metadata
                .labels
                .get(LABEL_SERVICE_NAME)
                .map(String::as_str),
            Some("test-ep")
        );
        assert_eq!(
            s.metadata.labels.get(LABEL_MANAGED_BY).map(String::as_str),
            Some(MIRRORING_MANAGED_BY_VALUE)
        );
        assert_eq!(
            s.metadata.annotations.keys().collect::<Vec<_>>(),
            vec!["foo1"]
        );
        let owner = &s.metadata.owner_references[0];
        assert_eq!(
            (
                owner.kind.as_str(),
                owner.api_version.as_str(),
                owner.uid.as_str()
            ),
            ("Endpoints", "v1", "ep-uid")
        );
        assert_eq!(owner.controller, Some(true));
    }

    /// utils_test.go TestAddressToEndpoint and reconciler_test.go TestReconcile cases: valid
    /// addresses by family, invalid ones skipped, not-ready addresses mirrored not ready.
    #[test]
    fn desired_groups_by_family_and_ports() {
        let ep = endpoints(json!({"subsets": [{
            "addresses": [{"ip": "10.0.0.1", "hostname": "h", "nodeName": "n1",
                           "targetRef": {"kind": "Pod", "name": "p1", "namespace": "default"}},
                          {"ip": "2001:db8::1"}, {"ip": "bogus"}, {"ip": "::ffff:10.0.0.9"}],
            "notReadyAddresses": [{"ip": "10.0.0.2"}],
            "ports": [{"name": "http", "port": 80, "protocol": "TCP"}]}]}));
        let d = desired(&ep);
        assert_eq!(d.len(), 2, "one group per family");
        let ports = slice_ports(&ep.subsets[0].ports);
        let group = |family: &str| {
            let k = group_key(family, &ports);
            &d.iter().find(|g| g.0 == k).unwrap().2
        };
        let v4 = group("IPv4");
        let addrs: Vec<(&str, Option<bool>)> = v4
            .iter()
            .map(|e| (e.addresses[0].as_str(), e.conditions.ready))
            .collect();
        assert_eq!(
            addrs,
            vec![
                ("10.0.0.1", Some(true)),
                ("10.0.0.9", Some(true)),
                ("10.0.0.2", Some(false))
            ]
        );
        assert_eq!(v4[0].hostname.as_deref(), Some("h"));
        assert_eq!(v4[0].node_name.as_deref(), Some("n1"));
        assert_eq!(v4[0].conditions.serving, None);
        let v6 = group("IPv6");
        assert_eq!(v6[0].addresses, vec!["2001:db8::1"]);
    }

    #[test]
    fn max_endpoints_per_subset() {
        // reconciler.go: at most maxEndpointsPerSubset addresses of one subset are mirrored.
        let addrs: Vec<serde_json::Value> = (0..1100)
            .map(|i| json!({"ip": format!("10.0.{}.{}", i / 250, i % 250 + 1)}))
            .collect();
        let ep = endpoints(
            json!({"subsets": [{"addresses": addrs, "ports": [{"port": 80, "protocol": "TCP"}]}]}),
        );
        let plan = reconcile(&ep, "default", Vec::new());
        assert_eq!(plan.create.len(), 1);
        assert_eq!(plan.create[0].endpoints.len(), MAX_ENDPOINTS_PER_SUBSET);
    }

    #[test]
    fn prefix_is_name_dash() {
        // getEndpointSlicePrefix: "<name>-" unless that is no valid prefix; the prefix check
        // masks the trailing dash (and the byte before it), so even a 253-byte name keeps it.
        assert_eq!(slice_prefix("web"), "web-");
        let long = "a".repeat(253);
        assert_eq!(slice_prefix(&long), format!("{long}-"));
        assert_eq!(slice_prefix("UPPER"), "UPPER");
    }
}
