//! The API server's create path per kind: default → allocate → validate → store, with rollback.
//!
//! Order of one create, as `kubectl create -f` meets it (`genericregistry.Store.Create` and the
//! handler around it):
//! 1. the document must have decoded (else 400);
//! 2. namespace: empty → `default`; a missing namespace is refused by the `NamespaceLifecycle`
//!    admission plugin before the registry runs (404 `namespaces "x" not found`). Bare and
//!    observed clusters create a missing namespace on first use instead;
//! 3. `generateName` → name with a random 5-character suffix;
//! 4. scheme defaults (`svcplay_model::defaults`), `PrepareForCreate` (status reset);
//! 5. Services: `beginCreate` (normalize clusterIPs, IP family defaults and checks,
//!    ClusterIP/NodePort allocation, see [`service`]); its errors come back alone;
//! 6. validation (422), then the store's uniqueness check (409); either reverts step 5;
//! 7. uid, resourceVersion, creationTimestamp, generation; stored (201) with warnings.

pub mod service;
pub mod system;

use std::collections::BTreeSet;

use svcplay_model::field::{ErrorList, FieldError, Path};
use svcplay_model::source::{Diagnostic, Severity};
use svcplay_model::types::{Namespace, Object, ObjectMeta};
use svcplay_model::{Document, defaults, validation};

use crate::alloc::Allocators;
use crate::{Cluster, CreateResult, LocatedError};

use service::AllocFailure;

/// Alphabet of generated name suffixes (`k8s.io/apimachinery/pkg/util/rand`, no vowels and no
/// look-alike characters).
const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `names.SimpleNameGenerator`: the prefix (cut to 58 bytes) plus 5 random characters.
pub fn generate_name(base: &str, rng: &mut crate::rng::Rng) -> String {
    let mut cut = base.len().min(58);
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut name = base[..cut].to_string();
    for _ in 0..5 {
        let i = rng.below(NAME_ALPHABET.len() as u64) as usize;
        name.push(NAME_ALPHABET[i] as char);
    }
    name
}

/// `(resource, group)` of a kind: `("services", "")`, `("deployments", "apps")`, ...
fn resource_of(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "Namespace" => ("namespaces", ""),
        "Node" => ("nodes", ""),
        "Pod" => ("pods", ""),
        "Service" => ("services", ""),
        "Endpoints" => ("endpoints", ""),
        "Deployment" => ("deployments", "apps"),
        "ReplicaSet" => ("replicasets", "apps"),
        "StatefulSet" => ("statefulsets", "apps"),
        "DaemonSet" => ("daemonsets", "apps"),
        "NetworkPolicy" => ("networkpolicies", "networking.k8s.io"),
        "EndpointSlice" => ("endpointslices", "discovery.k8s.io"),
        "ClusterConfiguration" => ("clusterconfigurations", "kubeadm.k8s.io"),
        "KubeProxyConfiguration" => ("kubeproxyconfigurations", "kubeproxy.config.k8s.io"),
        _ => ("", ""),
    }
}

/// [`resource_of`] for an object, including the served kinds svcplay does not simulate.
fn resource_of_object(obj: &Object) -> (&'static str, &'static str) {
    match obj {
        Object::Unsimulated(u) => u.builtin().map_or(("", ""), |b| (b.resource, b.group)),
        _ => resource_of(obj.kind()),
    }
}

fn with_group(name: &str, group: &str) -> String {
    if group.is_empty() {
        name.to_string()
    } else {
        format!("{name}.{group}")
    }
}

/// Upstream's aggregate rendering: one message as is, several as `[a, b]`.
fn aggregate(errs: &[FieldError]) -> String {
    let mut msgs: Vec<String> = Vec::new();
    for e in errs {
        let m = e.message();
        if !msgs.contains(&m) {
            msgs.push(m);
        }
    }
    if msgs.len() == 1 {
        msgs.remove(0)
    } else {
        format!("[{}]", msgs.join(", "))
    }
}

fn blank_result(doc: Option<&Document>, kind: &str, namespace: &str, name: &str) -> CreateResult {
    CreateResult {
        kind: kind.to_string(),
        namespace: namespace.to_string(),
        name: name.to_string(),
        created: false,
        code: 0,
        reason: String::new(),
        errors: Vec::new(),
        warnings: doc
            .map(|d| {
                d.diagnostics
                    .iter()
                    .filter(|x| x.severity == Severity::Warning)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default(),
        file: doc.map(|d| d.file.clone()).unwrap_or_default(),
        span: doc.map(|d| d.span),
    }
}

fn locate_all(errs: ErrorList, doc: Option<&Document>) -> Vec<LocatedError> {
    errs.into_iter()
        .map(|e| LocatedError::locate(e, doc))
        .collect()
}

/// A warning text at the field it names (`spec.externalIPs is ignored ...`), else at the document.
fn warning_at(doc: Option<&Document>, message: &str) -> Diagnostic {
    let file = doc.map(|d| d.file.as_str()).unwrap_or_default();
    let span = doc.map(|d| {
        let first = message.split_whitespace().next().unwrap_or_default();
        if first.starts_with("spec.") || first.starts_with("metadata.") {
            d.source.lookup(first)
        } else if first.starts_with("subsets[") {
            d.source.lookup(first.trim_end_matches(':'))
        } else {
            d.span
        }
    });
    Diagnostic::warning(file, span, message)
}

/// Rebuilds the allocators for the current settings and re-reserves what stored Services hold
/// (values outside the new ranges are simply not tracked).
pub fn rebuild_allocators(cluster: &mut Cluster) {
    let mut al = Allocators::new(&cluster.settings);
    for svc in cluster.store.services.values() {
        let (ips, ports) = service::held_resources(svc);
        for ip in ips {
            let _ = al.allocate_cluster_ip(ip);
        }
        for p in ports {
            let _ = al.node_ports.allocate(p);
        }
    }
    cluster.alloc = al;
}

fn settings_result(doc: &Document, errs: ErrorList) -> CreateResult {
    let kind = doc.kind.clone();
    let mut r = blank_result(Some(doc), &kind, "", &doc.name);
    let (resource, group) = resource_of(&kind);
    let singular = resource.trim_end_matches('s');
    if errs.is_empty() {
        r.created = true;
        r.code = 200;
        r.reason = format!("{} configured", with_group(singular, group));
    } else {
        r.code = 400;
        r.reason = format!("{kind} is invalid: {}", aggregate(&errs));
        r.errors = locate_all(errs, Some(doc));
    }
    r
}

/// Creates each document's object in order, as `kubectl create -f` would. Settings documents
/// (`ClusterConfiguration`, `KubeProxyConfiguration`) are applied first wherever they stand and
/// the allocators rebuilt; then, unless the cluster is bare, the system objects are ensured
/// ([`system::ensure_system_objects`]); then every other document is created. One result per
/// document, in input order.
pub fn apply_documents(cluster: &mut Cluster, docs: &[Document]) -> Vec<CreateResult> {
    let mut results: Vec<Option<CreateResult>> = vec![None; docs.len()];
    let mut settings_changed = false;
    // ClusterConfiguration before KubeProxyConfiguration: kubeadm derives kube-proxy's
    // clusterCIDR from the pod subnet, and an explicit kube-proxy value must win.
    for pass in 0..2 {
        for (i, doc) in docs.iter().enumerate() {
            let errs = match (&doc.object, pass) {
                (Some(Object::ClusterConfiguration(cfg)), 0) => {
                    cluster.settings.apply_cluster_configuration(cfg)
                }
                (Some(Object::KubeProxyConfiguration(cfg)), 1) => {
                    let written = doc.source.get("clusterCIDR").is_some();
                    cluster
                        .settings
                        .apply_kube_proxy_configuration(cfg, written)
                }
                _ => continue,
            };
            settings_changed |= errs.is_empty();
            results[i] = Some(settings_result(doc, errs));
        }
    }
    if settings_changed {
        rebuild_allocators(cluster);
    }
    if !cluster.options.bare {
        system::ensure_system_objects(cluster, docs);
    }
    let sizes = crate::controllers::map_sizes(&cluster.store);
    for (i, doc) in docs.iter().enumerate() {
        if results[i].is_none() {
            results[i] = Some(create_document(cluster, doc));
        }
    }
    // Large inputs leave the maps they filled half-empty: repack them.
    crate::controllers::pack_grown(&mut cluster.store, sizes);
    results.into_iter().flatten().collect()
}

/// Creates one decoded document (400 if it did not decode).
pub fn create_document(cluster: &mut Cluster, doc: &Document) -> CreateResult {
    match &doc.object {
        Some(obj) => create(cluster, obj.clone(), Some(doc)),
        None => {
            let mut r = blank_result(Some(doc), &doc.kind, &doc.namespace, &doc.name);
            r.code = 400;
            // Point at the offending value rather than the document start when decoding knew it.
            if let Some(span) = doc
                .diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error)
                .and_then(|d| d.span)
            {
                r.span = Some(span);
            }
            let msgs: Vec<&str> = doc
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message.as_str())
                .collect();
            r.reason = if msgs.is_empty() {
                "the object could not be decoded".to_string()
            } else {
                msgs.join("; ")
            };
            r
        }
    }
}

/// Creates `obj` through the API server's create path (used for input documents with their
/// `doc`, and for objects built in code with `None`).
pub fn create_object(cluster: &mut Cluster, obj: Object) -> CreateResult {
    create(cluster, obj, None)
}

/// `PrepareForCreate`: the status is the server's to write; an EndpointSlice written through
/// the v1 API loses `deprecatedTopology` (`dropTopologyOnV1`, nothing to carry over on create).
fn prepare_for_create(obj: &mut Object) {
    match obj {
        Object::EndpointSlice(s) => {
            for ep in &mut s.endpoints {
                ep.deprecated_topology.clear();
            }
        }
        Object::Service(s) => s.status = Default::default(),
        Object::Pod(p) => {
            p.status = Default::default();
            p.status.phase = "Pending".to_string();
            defaults::merge_affinity_label_keys(p);
        }
        Object::Deployment(d) => d.status = Default::default(),
        Object::ReplicaSet(r) => r.status = Default::default(),
        Object::StatefulSet(s) => s.status = Default::default(),
        Object::DaemonSet(d) => {
            d.status = Default::default();
            // The internal `templateGeneration` starts at 1 and is kept in this annotation.
            d.metadata.annotations.insert(
                crate::controllers::DAEMONSET_TEMPLATE_GENERATION_ANNOTATION.to_string(),
                "1".to_string(),
            );
        }
        _ => {}
    }
}

fn prepare_namespace(ns: &mut Namespace) {
    let name = ns.metadata.name.clone();
    ns.metadata
        .labels
        .insert("kubernetes.io/metadata.name".to_string(), name);
    if ns.spec.is_none() {
        ns.spec = Some(serde_json::json!({"finalizers": ["kubernetes"]}));
    }
    if ns.status.is_none() {
        ns.status = Some(serde_json::json!({"phase": "Active"}));
    }
}

/// Fills `apiVersion` and `kind` when the input left them out.
fn set_type_meta(obj: &mut Object) {
    let kind = obj.kind();
    let (group_version, api_version, k): (&str, &mut String, &mut String) = match obj {
        Object::Namespace(o) => ("v1", &mut o.api_version, &mut o.kind),
        Object::Node(o) => ("v1", &mut o.api_version, &mut o.kind),
        Object::Pod(o) => ("v1", &mut o.api_version, &mut o.kind),
        Object::Service(o) => ("v1", &mut o.api_version, &mut o.kind),
        Object::Endpoints(o) => ("v1", &mut o.api_version, &mut o.kind),
        Object::Deployment(o) => ("apps/v1", &mut o.api_version, &mut o.kind),
        Object::ReplicaSet(o) => ("apps/v1", &mut o.api_version, &mut o.kind),
        Object::StatefulSet(o) => ("apps/v1", &mut o.api_version, &mut o.kind),
        Object::DaemonSet(o) => ("apps/v1", &mut o.api_version, &mut o.kind),
        Object::EndpointSlice(o) => ("discovery.k8s.io/v1", &mut o.api_version, &mut o.kind),
        Object::NetworkPolicy(o) => ("networking.k8s.io/v1", &mut o.api_version, &mut o.kind),
        Object::ClusterConfiguration(_)
        | Object::KubeProxyConfiguration(_)
        | Object::Unsimulated(_) => return,
    };
    if api_version.is_empty() {
        *api_version = group_version.to_string();
    }
    if k.is_empty() {
        *k = kind.to_string();
    }
}

fn create(cluster: &mut Cluster, mut obj: Object, doc: Option<&Document>) -> CreateResult {
    let kind = obj.kind();
    let observed = cluster.options.observed;
    if matches!(
        obj,
        Object::ClusterConfiguration(_) | Object::KubeProxyConfiguration(_)
    ) {
        let errs = match &obj {
            Object::ClusterConfiguration(c) => cluster.settings.apply_cluster_configuration(c),
            Object::KubeProxyConfiguration(c) => {
                let written = doc.is_some_and(|d| d.source.get("clusterCIDR").is_some());
                cluster.settings.apply_kube_proxy_configuration(c, written)
            }
            _ => ErrorList::new(),
        };
        if errs.is_empty() {
            rebuild_allocators(cluster);
        }
        let fallback;
        let d = match doc {
            Some(d) => d,
            None => {
                fallback = Document {
                    file: String::new(),
                    kind: kind.to_string(),
                    name: String::new(),
                    namespace: String::new(),
                    object: None,
                    source: Default::default(),
                    span: Default::default(),
                    diagnostics: Vec::new(),
                };
                &fallback
            }
        };
        return settings_result(d, errs);
    }
    set_type_meta(&mut obj);
    let namespaced = obj.is_namespaced();
    let Some(meta) = obj.metadata_mut() else {
        return blank_result(doc, kind, "", "");
    };
    if namespaced {
        if meta.namespace.is_empty() {
            meta.namespace = "default".to_string();
        }
    } else {
        meta.namespace.clear();
    }
    let namespace = meta.namespace.clone();
    let mut r = blank_result(doc, kind, &namespace, &meta.name);

    // NamespaceLifecycle admission.
    if namespaced && !cluster.store.namespaces.contains_key(&namespace) {
        if observed || cluster.options.bare {
            // A bare cluster has no system namespaces, and observed input often lacks Namespace
            // objects (`kubectl get all -A`): the namespace is created on first use.
            let ns = Namespace {
                metadata: ObjectMeta {
                    name: namespace.clone(),
                    ..Default::default()
                },
                ..Default::default()
            };
            create(cluster, Object::Namespace(ns), None);
        } else {
            r.code = 404;
            r.reason = format!("namespaces {namespace:?} not found");
            return r;
        }
    }

    let meta = obj.metadata_mut().expect("checked above");
    if meta.name.is_empty() && !meta.generate_name.is_empty() {
        meta.name = generate_name(&meta.generate_name, &mut cluster.rng);
    }
    let name = meta.name.clone();
    r.name = name.clone();

    defaults::default_object(&mut obj);
    if !observed {
        prepare_for_create(&mut obj);
    }
    if let Object::Namespace(ns) = &mut obj {
        prepare_namespace(ns);
    }

    // beginCreate (Services only).
    let mut txn = service::Txn::default();
    if let Object::Service(svc) = &mut obj {
        let outcome = if observed {
            service::adopt_observed(&mut cluster.alloc, &mut cluster.rng, svc)
        } else {
            service::allocate_create(&mut cluster.alloc, &mut cluster.rng, svc)
        };
        match outcome {
            Ok(t) => txn = t,
            Err(AllocFailure::Invalid(errs)) => {
                r.code = 422;
                r.reason = format!("{kind} {name:?} is invalid");
                r.errors = locate_all(errs, doc);
                return r;
            }
            Err(AllocFailure::Internal(msg)) => {
                r.code = 500;
                r.reason = format!("Internal error occurred: {msg}");
                return r;
            }
        }
    }

    // Validation (ValidateObjectMeta's name rule is checked here too, so that nothing nameless
    // is ever stored).
    let mut errs = validation::validate_object(&obj);
    if name.is_empty()
        && !errs
            .iter()
            .any(|e| e.field == "metadata.name" && e.type_ == svcplay_model::ErrorType::Required)
    {
        errs.insert(
            0,
            FieldError::required(
                &Path::new("metadata").child("name"),
                "name or generateName is required",
            ),
        );
    }
    if !errs.is_empty() {
        if observed && !name.is_empty() {
            for e in errs {
                let located = LocatedError::locate(e, doc);
                let file = doc.map(|d| d.file.as_str()).unwrap_or_default();
                r.warnings
                    .push(Diagnostic::warning(file, located.span, located.message));
            }
        } else {
            txn.revert(&mut cluster.alloc);
            let (_, group) = resource_of_object(&obj);
            r.code = 422;
            r.reason = format!("{} {name:?} is invalid", with_group(kind, group));
            r.errors = locate_all(errs, doc);
            return r;
        }
    }

    // Storage: AlreadyExists.
    let (resource, group) = resource_of_object(&obj);
    let exists = match &obj {
        Object::Unsimulated(u) => cluster.store.find_unsimulated(u).is_ok(),
        _ => cluster.store.exists(kind, &namespace, &name),
    };
    if exists {
        txn.revert(&mut cluster.alloc);
        r.code = 409;
        r.reason = format!("{} {name:?} already exists", with_group(resource, group));
        return r;
    }

    // System fields.
    let uid = cluster.store.next_uid();
    let rv = cluster.store.next_resource_version();
    let now = cluster.clock.rfc3339();
    let meta = obj.metadata_mut().expect("checked above");
    if !observed || meta.uid.is_empty() {
        meta.uid = uid;
    }
    if !observed || meta.resource_version.is_empty() {
        meta.resource_version = rv;
    }
    if !observed || meta.creation_timestamp.is_none() {
        meta.creation_timestamp = Some(now);
    }
    if matches!(
        obj,
        Object::Deployment(_)
            | Object::ReplicaSet(_)
            | Object::StatefulSet(_)
            | Object::DaemonSet(_)
    ) {
        let meta = obj.metadata_mut().expect("checked above");
        if !observed || meta.generation.is_none() {
            meta.generation = Some(1);
        }
    }

    if let Object::Service(svc) = &obj
        && (r.errors.is_empty())
    {
        for w in validation::service_warnings(svc) {
            r.warnings.push(warning_at(doc, &w));
        }
    }
    if let Object::Endpoints(ep) = &obj
        && !observed
    {
        for w in validation::endpoints_warnings(ep) {
            r.warnings.push(warning_at(doc, &w));
        }
    }
    let key = (namespace.clone(), name.clone());
    match obj {
        Object::Namespace(o) => {
            cluster.store.namespaces.insert(name.clone(), o);
        }
        Object::Node(o) => {
            cluster.store.nodes.insert(name.clone(), o);
        }
        Object::Pod(o) => {
            cluster.store.pods.insert(key, o);
        }
        Object::Deployment(o) => {
            cluster.store.deployments.insert(key, o);
        }
        Object::ReplicaSet(o) => {
            cluster.store.replica_sets.insert(key, o);
        }
        Object::StatefulSet(o) => {
            cluster.store.stateful_sets.insert(key, o);
        }
        Object::DaemonSet(o) => {
            cluster.store.daemon_sets.insert(key, o);
        }
        Object::Service(o) => {
            cluster.store.services.insert(key, o);
        }
        Object::EndpointSlice(o) => {
            cluster.store.endpoint_slices.insert(key, o);
        }
        Object::NetworkPolicy(o) => {
            cluster.store.network_policies.insert(key, o);
        }
        Object::Unsimulated(o) => {
            if let Err(at) = cluster.store.find_unsimulated(&o) {
                cluster.store.unsimulated.insert(at, o);
            }
        }
        Object::Endpoints(o) => {
            cluster.store.endpoints.insert(key, o);
        }
        Object::ClusterConfiguration(_) | Object::KubeProxyConfiguration(_) => {}
    }
    r.created = true;
    r.code = 201;
    r.reason = format!(
        "{}/{name} created",
        with_group(&kind.to_ascii_lowercase(), group)
    );
    r
}

/// Releases what a removed Service held, unless another stored Service holds it too (observed
/// input may carry duplicates).
fn release_service(cluster: &mut Cluster, svc: &svcplay_model::Service) {
    let (ips, ports) = service::held_resources(svc);
    let mut still_ips = BTreeSet::new();
    let mut still_ports = BTreeSet::new();
    for other in cluster.store.services.values() {
        let (i, p) = service::held_resources(other);
        still_ips.extend(i);
        still_ports.extend(p);
    }
    for ip in ips {
        if !still_ips.contains(&ip) {
            cluster.alloc.release_cluster_ip(ip);
        }
    }
    for p in ports {
        if !still_ports.contains(&p) {
            cluster.alloc.node_ports.release(p);
        }
    }
}

/// Removes one object; returns its uid.
fn remove_one(cluster: &mut Cluster, kind: &str, namespace: &str, name: &str) -> Option<String> {
    let key = (namespace.to_string(), name.to_string());
    let store = &mut cluster.store;
    match kind {
        "Namespace" => store.namespaces.remove(name).map(|o| o.metadata.uid),
        "Node" => store.nodes.remove(name).map(|o| o.metadata.uid),
        "Pod" => store.pods.remove(&key).map(|o| o.metadata.uid),
        "Deployment" => store.deployments.remove(&key).map(|o| o.metadata.uid),
        "ReplicaSet" => store.replica_sets.remove(&key).map(|o| o.metadata.uid),
        "StatefulSet" => store.stateful_sets.remove(&key).map(|o| o.metadata.uid),
        "DaemonSet" => store.daemon_sets.remove(&key).map(|o| o.metadata.uid),
        "EndpointSlice" => store.endpoint_slices.remove(&key).map(|o| o.metadata.uid),
        "Endpoints" => store.endpoints.remove(&key).map(|o| o.metadata.uid),
        "NetworkPolicy" => store.network_policies.remove(&key).map(|o| o.metadata.uid),
        "Service" => {
            let svc = store.services.remove(&key)?;
            release_service(cluster, &svc);
            Some(svc.metadata.uid)
        }
        _ => None,
    }
}

/// Every stored namespaced object as `(kind, namespace, name, metadata)`.
fn namespaced_objects(cluster: &Cluster) -> Vec<(&'static str, String, String, ObjectMeta)> {
    let s = &cluster.store;
    let mut out = Vec::new();
    let mut add = |kind: &'static str, k: &(String, String), m: &ObjectMeta| {
        out.push((kind, k.0.clone(), k.1.clone(), m.clone()));
    };
    for (k, o) in &s.pods {
        add("Pod", k, &o.metadata);
    }
    for (k, o) in &s.deployments {
        add("Deployment", k, &o.metadata);
    }
    for (k, o) in &s.replica_sets {
        add("ReplicaSet", k, &o.metadata);
    }
    for (k, o) in &s.stateful_sets {
        add("StatefulSet", k, &o.metadata);
    }
    for (k, o) in &s.daemon_sets {
        add("DaemonSet", k, &o.metadata);
    }
    for (k, o) in &s.services {
        add("Service", k, &o.metadata);
    }
    for (k, o) in &s.endpoints {
        add("Endpoints", k, &o.metadata);
    }
    for (k, o) in &s.network_policies {
        add("NetworkPolicy", k, &o.metadata);
    }
    for (k, o) in &s.endpoint_slices {
        add("EndpointSlice", k, &o.metadata);
    }
    out
}

/// Deletes an object as `kubectl delete` would, with background cascading: a Service gives back
/// its ClusterIPs and NodePorts; dependents (by `ownerReferences` uid: a Deployment's
/// ReplicaSets and their Pods, a Service's EndpointSlices, an Endpoints' mirrored slices) go too;
/// a Service takes the Endpoints of its name (the Endpoints controller's reaction); a Namespace
/// takes every object in it. Returns whether the object existed.
pub fn delete(cluster: &mut Cluster, kind: &str, namespace: &str, name: &str) -> bool {
    let namespace = if kind == "Namespace" || kind == "Node" {
        ""
    } else if namespace.is_empty() {
        "default"
    } else {
        namespace
    };
    let Some(uid) = remove_one(cluster, kind, namespace, name) else {
        return false;
    };
    let mut gone: Vec<String> = vec![uid];
    // The Endpoints controller deletes the Endpoints of a deleted Service (its own, or the
    // user's of a selectorless one); slices mirrored from it go with it.
    if kind == "Service"
        && let Some(u) = remove_one(cluster, "Endpoints", namespace, name)
    {
        gone.push(u);
    }
    if kind == "Namespace" {
        for (k, ns, n, _) in namespaced_objects(cluster) {
            if ns == name {
                remove_one(cluster, k, &ns, &n);
            }
        }
    }
    while let Some(owner) = gone.pop() {
        if owner.is_empty() {
            continue;
        }
        for (k, ns, n, meta) in namespaced_objects(cluster) {
            if meta.owner_references.iter().any(|o| o.uid == owner)
                && let Some(u) = remove_one(cluster, k, &ns, &n)
            {
                gone.push(u);
            }
        }
    }
    true
}
