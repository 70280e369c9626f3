//! Defaulting: the v1 scheme defaults (`pkg/apis/core/v1/defaults.go`,
//! `pkg/apis/apps/v1/defaults.go`, `pkg/apis/discovery/v1/defaults.go` and the declarative
//! `+default` markers), applied after decoding and before validation.
//!
//! The registry's create-time defaults (ipFamilies, ipFamilyPolicy, clusterIPs) depend on the
//! cluster and live with the allocators in `svcplay_sim`. Fields svcplay keeps verbatim in
//! `other` maps are only ever added when absent, never rewritten.

use serde_json::{Value, json};

use crate::types::{
    Container, DaemonSet, Deployment, EndpointSlice, Endpoints, Extra, IntOrString, Namespace,
    Node, Object, Pod, PodSpec, ReplicaSet, RollingUpdateDaemonSet,
    RollingUpdateStatefulSetStrategy, Service, StatefulSet,
    StatefulSetPersistentVolumeClaimRetentionPolicy,
};

/// `v1.DefaultClientIPServiceAffinitySeconds`: 3 hours.
pub const DEFAULT_CLIENT_IP_AFFINITY_SECONDS: i32 = 10800;
/// `v1.DefaultTerminationGracePeriodSeconds`.
pub const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS: i64 = 30;
/// `v1.LabelMetadataName`: the label every named Namespace gets.
pub const LABEL_METADATA_NAME: &str = "kubernetes.io/metadata.name";

/// Applies the scheme defaults to `obj` in place.
pub fn default_object(obj: &mut Object) {
    match obj {
        Object::Service(s) => default_service(s),
        Object::Pod(p) => default_pod(p),
        Object::Deployment(d) => default_deployment(d),
        Object::ReplicaSet(r) => default_replica_set(r),
        Object::StatefulSet(s) => default_stateful_set(s),
        Object::DaemonSet(d) => default_daemon_set(d),
        Object::EndpointSlice(e) => default_endpoint_slice(e),
        Object::Endpoints(e) => default_endpoints(e),
        Object::NetworkPolicy(n) => default_network_policy(n),
        Object::Namespace(n) => default_namespace(n),
        Object::Node(n) => default_node(n),
        Object::ClusterConfiguration(_)
        | Object::KubeProxyConfiguration(_)
        | Object::Unsimulated(_) => {}
    }
}

/// `SetDefaults_Service` (v1).
pub fn default_service(svc: &mut Service) {
    let spec = &mut svc.spec;
    if spec.session_affinity.is_empty() {
        spec.session_affinity = "None".to_string();
    }
    if spec.session_affinity == "None" {
        spec.session_affinity_config = None;
    }
    if spec.session_affinity == "ClientIP" {
        let has_timeout = spec
            .session_affinity_config
            .as_ref()
            .and_then(|c| c.client_ip.as_ref())
            .and_then(|c| c.timeout_seconds)
            .is_some();
        if !has_timeout {
            spec.session_affinity_config = Some(crate::types::SessionAffinityConfig {
                client_ip: Some(crate::types::ClientIPConfig {
                    timeout_seconds: Some(DEFAULT_CLIENT_IP_AFFINITY_SECONDS),
                }),
            });
        }
    }
    if spec.type_.is_empty() {
        spec.type_ = "ClusterIP".to_string();
    }
    for port in &mut spec.ports {
        if port.protocol.is_empty() {
            port.protocol = "TCP".to_string();
        }
        if port.target_port.as_ref().is_none_or(IntOrString::is_zero) {
            port.target_port = Some(IntOrString::Int(port.port));
        }
    }
    // service.ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with externalIPs.
    let externally_accessible = spec.type_ == "LoadBalancer"
        || spec.type_ == "NodePort"
        || (spec.type_ == "ClusterIP" && !spec.external_ips.is_empty());
    if externally_accessible && spec.external_traffic_policy.is_empty() {
        spec.external_traffic_policy = "Cluster".to_string();
    }
    if spec.internal_traffic_policy.is_none()
        && matches!(
            spec.type_.as_str(),
            "NodePort" | "LoadBalancer" | "ClusterIP"
        )
    {
        spec.internal_traffic_policy = Some("Cluster".to_string());
    }
    if spec.type_ == "LoadBalancer" {
        if spec.allocate_load_balancer_node_ports.is_none() {
            spec.allocate_load_balancer_node_ports = Some(true);
        }
        for ing in &mut svc.status.load_balancer.ingress {
            if !ing.ip.is_empty() && ing.ip_mode.is_none() {
                ing.ip_mode = Some("VIP".to_string());
            }
        }
    }
}

/// A path component of the reference grammar: `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`.
fn is_path_component(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if b.first().is_none_or(|&c| !alnum(c)) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        match b[i] {
            b'.' => i += 1,
            b'_' => i += if b.get(i + 1) == Some(&b'_') { 2 } else { 1 },
            b'-' => {
                while b.get(i) == Some(&b'-') {
                    i += 1;
                }
            }
            _ => return false,
        }
        if b.get(i).is_none_or(|&c| !alnum(c)) {
            return false;
        }
    }
    true
}

/// A registry host of the reference grammar: DNS-like components (letters, digits, inner
/// hyphens) joined by dots, or a bracketed IPv6 address; then an optional `:port`.
fn is_domain(s: &str) -> bool {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let Some((ip, after)) = rest.split_once(']') else {
            return false;
        };
        if ip.is_empty() || !ip.bytes().all(|c| c.is_ascii_hexdigit() || c == b':') {
            return false;
        }
        match after {
            "" => return true,
            _ => match after.strip_prefix(':') {
                Some(port) => ("x", Some(port)),
                None => return false,
            },
        }
    } else {
        match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    let component_ok = |c: &str| {
        let b = c.as_bytes();
        !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|&x| x.is_ascii_alphanumeric() || x == b'-')
    };
    host.split('.').all(component_ok)
        && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
}

/// A tag: `[\w][\w.-]{0,127}`.
fn is_tag(t: &str) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b.iter().all(|&c| word(c) || c == b'.' || c == b'-')
}

/// A digest `go-digest` accepts: a registered algorithm (sha256, sha384, sha512) and its exact
/// number of lower-case hex digits.
fn is_digest(d: &str) -> bool {
    let Some((alg, hex)) = d.split_once(':') else {
        return false;
    };
    let len = match alg {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return false,
    };
    hex.len() == len
        && hex
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

/// The tag `parsers.ParseImageName` finds (through `reference.ParseNormalizedNamed`): the
/// given tag; `""` for a digest without a tag; `latest` when there is neither; `None` when the
/// reference does not parse (then the pull policy defaults to IfNotPresent).
fn image_tag(image: &str) -> Option<String> {
    // A bare 64-hex identifier is refused.
    if image.len() == 64
        && image
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
    {
        return None;
    }
    // splitDockerDomain: the first component is a registry when it has a dot or a port, is
    // `localhost`, or has upper-case letters.
    let (domain, rest) = match image.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.to_lowercase() != first =>
        {
            (Some(first), rest)
        }
        _ => (None, image),
    };
    let (name_tag, digest) = match rest.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (rest, None),
    };
    let (path, tag) = match name_tag.split_once(':') {
        Some((p, t)) => (p, Some(t)),
        None => (name_tag, None),
    };
    // A first component that is no valid host may still parse as a path component
    // (`my_host.io/app`): the grammar then reads the whole name as a path.
    if domain.is_some_and(|d| !is_domain(d) && !is_path_component(d))
        || !path.split('/').all(is_path_component)
        || tag.is_some_and(|t| !is_tag(t))
        || digest.is_some_and(|d| !is_digest(d))
    {
        return None;
    }
    // The normalized name (`docker.io/library/<path>` for official images) is at most 255.
    let domain = match domain {
        None | Some("index.docker.io") => "docker.io",
        Some(d) => d,
    };
    let library = if domain == "docker.io" && !path.contains('/') {
        "library/".len()
    } else {
        0
    };
    let normalized = domain.len() + 1 + library + path.len();
    if normalized > 255 {
        return None;
    }
    Some(match (tag, digest) {
        (Some(t), _) => t.to_string(),
        (None, Some(_)) => String::new(),
        (None, None) => "latest".to_string(),
    })
}

/// `v1.SecretVolumeSourceDefaultMode` and the other volume sources' default mode (0644).
const DEFAULT_VOLUME_MODE: i64 = 0o644;

type JsonMap = serde_json::Map<String, Value>;

/// Whether a Go field is unset: absent or null (a pointer field).
fn is_nil(m: &JsonMap, key: &str) -> bool {
    m.get(key).is_none_or(Value::is_null)
}

/// A Go pointer field's default: set when absent or null.
fn default_ptr(m: &mut JsonMap, key: &str, value: Value) {
    if is_nil(m, key) {
        m.insert(key.to_string(), value);
    }
}

/// A Go string field's default: set when absent, null or empty.
fn default_string(m: &mut JsonMap, key: &str, value: &str) {
    if is_nil(m, key) || m.get(key).and_then(Value::as_str) == Some("") {
        m.insert(key.to_string(), json!(value));
    }
}

/// A Go int32 field's default: set when absent, null or 0.
fn default_int(m: &mut JsonMap, key: &str, value: i64) {
    let zero = match m.get(key) {
        None | Some(Value::Null) => true,
        Some(Value::Number(n)) => n.as_f64() == Some(0.0),
        Some(_) => false,
    };
    if zero {
        m.insert(key.to_string(), json!(value));
    }
}

/// The value of a Go string field kept in an [`Extra`]: unset when absent, null or empty.
fn extra_str_unset(m: &Extra, key: &str) -> bool {
    match m.get(key) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}

/// Defaults a Go string field kept in an [`Extra`], writing (and so unsharing the map) only
/// when it is unset.
fn default_extra_string(m: &mut Extra, key: &str, value: &str) {
    if extra_str_unset(m, key) {
        m.insert(key.to_string(), json!(value));
    }
}

/// Defaults a Go pointer field kept in an [`Extra`] (absent or null), writing only then.
fn default_extra_ptr(m: &mut Extra, key: &str, value: Value) {
    if m.get(key).is_none_or(Value::is_null) {
        m.insert(key.to_string(), value);
    }
}

/// Applies `f` to a copy of the value at `key` of `m` (if present) and stores the copy only if
/// `f` changed it: maps shared between pods stay shared when there is nothing to default.
fn edit_extra(m: &mut Extra, key: &str, f: impl FnOnce(&mut Value)) {
    let Some(v) = m.get(key) else {
        return;
    };
    let mut edited = v.clone();
    f(&mut edited);
    if &edited != v {
        m.insert(key.to_string(), edited);
    }
}

/// The objects of the array at `v` (an absent or malformed list is left alone).
fn objects_mut(v: &mut Value) -> impl Iterator<Item = &mut JsonMap> {
    v.as_array_mut()
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
}

/// The object at `key` of `m`, if it is one.
fn child<'a>(m: &'a mut JsonMap, key: &str) -> Option<&'a mut JsonMap> {
    m.get_mut(key).and_then(Value::as_object_mut)
}

/// `SetDefaults_HTTPGetAction`: path `/`, scheme `HTTP`; and the declarative
/// `grpc.service: ""` of a probe. Applies to a probe or lifecycle handler object.
fn default_handler(h: &mut JsonMap) {
    if let Some(get) = child(h, "httpGet") {
        default_string(get, "path", "/");
        default_string(get, "scheme", "HTTP");
    }
    if let Some(grpc) = child(h, "grpc") {
        default_ptr(grpc, "service", json!(""));
    }
}

/// `SetDefaults_Probe` and its handler's defaults.
fn default_probe(v: &mut Value) {
    let Some(p) = v.as_object_mut() else {
        return;
    };
    default_handler(p);
    default_int(p, "timeoutSeconds", 1);
    default_int(p, "periodSeconds", 10);
    default_int(p, "successThreshold", 1);
    default_int(p, "failureThreshold", 3);
}

/// `SetDefaults_ObjectFieldSelector`: `apiVersion: v1` on a `fieldRef`.
fn default_field_ref(m: &mut JsonMap) {
    if let Some(f) = child(m, "fieldRef") {
        default_string(f, "apiVersion", "v1");
    }
}

/// The container fields kept verbatim that have defaults: probes, lifecycle handlers and env
/// `fieldRef`s.
const CONTAINER_EXTRAS: [&str; 5] = [
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "env",
];

/// Defaults the container field `key` (one of [`CONTAINER_EXTRAS`]).
fn default_container_extra(key: &str, v: &mut Value) {
    match key {
        "lifecycle" => {
            if let Some(l) = v.as_object_mut() {
                for hook in ["postStart", "preStop"] {
                    if let Some(h) = child(l, hook) {
                        default_handler(h);
                    }
                }
            }
        }
        "env" => {
            for e in objects_mut(v) {
                if let Some(from) = child(e, "valueFrom") {
                    default_field_ref(from);
                }
            }
        }
        _ => default_probe(v),
    }
}

/// `SetDefaults_Container`'s pull policy: `Always` for a `latest` tag, else `IfNotPresent`.
fn pull_policy(image: &str) -> &'static str {
    if image_tag(image).as_deref() == Some("latest") {
        "Always"
    } else {
        "IfNotPresent"
    }
}

/// `SetDefaults_Container` plus the generated defaults of its parts (`ports[].protocol: TCP`,
/// probes, lifecycle handlers, env `fieldRef`s).
fn default_container(c: &mut Container) {
    if extra_str_unset(&c.other, "imagePullPolicy") {
        c.other
            .insert("imagePullPolicy".to_string(), json!(pull_policy(&c.image)));
    }
    default_extra_string(
        &mut c.other,
        "terminationMessagePath",
        "/dev/termination-log",
    );
    default_extra_string(&mut c.other, "terminationMessagePolicy", "File");
    for p in &mut c.ports {
        if p.protocol.is_empty() {
            p.protocol = "TCP".to_string();
        }
    }
    for key in CONTAINER_EXTRAS {
        edit_extra(&mut c.other, key, |v| default_container_extra(key, v));
    }
}

/// `SetDefaults_EphemeralContainer`: the container defaults, on an ephemeral container kept as
/// JSON.
fn default_ephemeral_container(c: &mut JsonMap) {
    if c.get("imagePullPolicy")
        .is_none_or(|v| v.is_null() || v.as_str() == Some(""))
    {
        let image = c.get("image").and_then(Value::as_str).unwrap_or("");
        let policy = pull_policy(image);
        c.insert("imagePullPolicy".to_string(), json!(policy));
    }
    default_string(c, "terminationMessagePath", "/dev/termination-log");
    default_string(c, "terminationMessagePolicy", "File");
    if let Some(ports) = c.get_mut("ports") {
        for p in objects_mut(ports) {
            default_string(p, "protocol", "TCP");
        }
    }
    for key in CONTAINER_EXTRAS {
        if let Some(v) = c.get_mut(key) {
            default_container_extra(key, v);
        }
    }
}

/// The `VolumeSource` members: a volume with none of them set gets `emptyDir: {}`.
const VOLUME_SOURCES: [&str; 30] = [
    "hostPath",
    "emptyDir",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "persistentVolumeClaim",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "downwardAPI",
    "fc",
    "azureFile",
    "configMap",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "projected",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "csi",
    "ephemeral",
    "image",
];

/// The `items[].fieldRef` defaults of a downward API source.
fn default_downward_items(d: &mut JsonMap) {
    if let Some(items) = d.get_mut("items") {
        for item in objects_mut(items) {
            default_field_ref(item);
        }
    }
}

/// `SetDefaults_Volume` and the generated defaults of each volume source.
fn default_volume(v: &mut JsonMap) {
    if VOLUME_SOURCES.iter().all(|k| is_nil(v, k)) {
        v.insert("emptyDir".to_string(), json!({}));
    }
    for key in ["secret", "configMap"] {
        if let Some(src) = child(v, key) {
            default_ptr(src, "defaultMode", json!(DEFAULT_VOLUME_MODE));
        }
    }
    if let Some(d) = child(v, "downwardAPI") {
        default_downward_items(d);
        default_ptr(d, "defaultMode", json!(DEFAULT_VOLUME_MODE));
    }
    if let Some(p) = child(v, "projected") {
        if let Some(sources) = p.get_mut("sources") {
            for src in objects_mut(sources) {
                if let Some(d) = child(src, "downwardAPI") {
                    default_downward_items(d);
                }
                if let Some(t) = child(src, "serviceAccountToken") {
                    default_ptr(t, "expirationSeconds", json!(3600));
                }
            }
        }
        default_ptr(p, "defaultMode", json!(DEFAULT_VOLUME_MODE));
    }
    if let Some(h) = child(v, "hostPath") {
        default_ptr(h, "type", json!(""));
    }
    if let Some(i) = child(v, "iscsi") {
        default_string(i, "iscsiInterface", "default");
    }
    if let Some(r) = child(v, "rbd") {
        default_string(r, "pool", "rbd");
        default_string(r, "user", "admin");
        default_string(r, "keyring", "/etc/ceph/keyring");
    }
    if let Some(a) = child(v, "azureDisk") {
        default_ptr(a, "cachingMode", json!("ReadWrite"));
        default_ptr(a, "fsType", json!("ext4"));
        default_ptr(a, "readOnly", json!(false));
        default_ptr(a, "kind", json!("Shared"));
    }
    if let Some(s) = child(v, "scaleIO") {
        default_string(s, "storageMode", "ThinProvisioned");
        default_string(s, "fsType", "xfs");
    }
    if let Some(spec) = child(v, "ephemeral")
        .and_then(|e| child(e, "volumeClaimTemplate"))
        .and_then(|t| child(t, "spec"))
    {
        // SetDefaults_PersistentVolumeClaimSpec.
        default_ptr(spec, "volumeMode", json!("Filesystem"));
    }
}

/// `SetDefaults_PodSpec` and the generated defaults of its parts (containers, init and
/// ephemeral containers, volumes), applied to Pods and pod templates.
pub fn default_pod_spec(spec: &mut PodSpec) {
    default_extra_string(&mut spec.other, "dnsPolicy", "ClusterFirst");
    if spec.restart_policy.is_empty() {
        spec.restart_policy = "Always".to_string();
    }
    default_extra_ptr(&mut spec.other, "securityContext", json!({}));
    default_extra_ptr(
        &mut spec.other,
        "terminationGracePeriodSeconds",
        json!(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS),
    );
    default_extra_string(&mut spec.other, "schedulerName", "default-scheduler");
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        default_container(c);
    }
    edit_extra(&mut spec.other, "ephemeralContainers", |v| {
        objects_mut(v).for_each(default_ephemeral_container);
    });
    edit_extra(&mut spec.other, "volumes", |v| {
        objects_mut(v).for_each(default_volume);
    });
}

/// `SetDefaults_Pod`'s request defaulting: each resource with a limit and no request gets the
/// limit as its request.
fn requests_from_limits(v: &mut Value) {
    let Some(r) = v.as_object_mut() else {
        return;
    };
    let Some(Value::Object(limits)) = r.get("limits") else {
        return;
    };
    let limits = limits.clone();
    let requests = r.entry("requests".to_string()).or_insert_with(|| json!({}));
    if requests.is_null() {
        *requests = json!({});
    }
    if let Value::Object(requests) = requests {
        for (k, v) in limits {
            requests.entry(k).or_insert(v);
        }
    }
    // An empty map is omitted, as Go's `omitempty` would.
    if r.get("requests")
        .and_then(Value::as_object)
        .is_some_and(JsonMap::is_empty)
    {
        r.remove("requests");
    }
}

/// `SetDefaults_Pod` + `SetDefaults_PodSpec` (pod-level resources, behind the
/// `PodLevelResources` gate that is off in 1.33, are not modelled).
pub fn default_pod(pod: &mut Pod) {
    default_pod_spec(&mut pod.spec);
    for c in pod
        .spec
        .containers
        .iter_mut()
        .chain(pod.spec.init_containers.iter_mut())
    {
        edit_extra(&mut c.other, "resources", requests_from_limits);
    }
    default_extra_ptr(&mut pod.spec.other, "enableServiceLinks", json!(true));
    if pod.spec.host_network {
        for c in pod
            .spec
            .containers
            .iter_mut()
            .chain(pod.spec.init_containers.iter_mut())
        {
            for p in &mut c.ports {
                if p.host_port == 0 {
                    p.host_port = p.container_port;
                }
            }
        }
    }
}

/// apps/v1 `SetDefaults_Deployment`.
pub fn default_deployment(d: &mut Deployment) {
    let spec = &mut d.spec;
    if spec.replicas.is_none() {
        spec.replicas = Some(1);
    }
    let strategy = spec
        .other
        .entry("strategy".to_string())
        .or_insert_with(|| json!({}));
    if strategy.is_null() {
        *strategy = json!({});
    }
    if let Value::Object(s) = strategy {
        let ty = s
            .entry("type".to_string())
            .or_insert_with(|| json!("RollingUpdate"));
        if ty.as_str() == Some("") || ty.is_null() {
            *ty = json!("RollingUpdate");
        }
        if s.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
            let ru = s
                .entry("rollingUpdate".to_string())
                .or_insert_with(|| json!({}));
            if ru.is_null() {
                *ru = json!({});
            }
            if let Value::Object(ru) = ru {
                for key in ["maxUnavailable", "maxSurge"] {
                    if ru.get(key).is_none_or(Value::is_null) {
                        ru.insert(key.to_string(), json!("25%"));
                    }
                }
            }
        }
    }
    for (key, value) in [
        ("revisionHistoryLimit", 10),
        ("progressDeadlineSeconds", 600),
    ] {
        if spec.other.get(key).is_none_or(Value::is_null) {
            spec.other.insert(key.to_string(), json!(value));
        }
    }
    default_pod_spec(&mut spec.template.spec);
}

/// apps/v1 `SetDefaults_ReplicaSet`.
pub fn default_replica_set(rs: &mut ReplicaSet) {
    if rs.spec.replicas.is_none() {
        rs.spec.replicas = Some(1);
    }
    default_pod_spec(&mut rs.spec.template.spec);
}

/// apps/v1 `SetDefaults_StatefulSet` (with `StatefulSetAutoDeletePVC`, on by default since
/// 1.27) and the pod template's defaults.
pub fn default_stateful_set(s: &mut StatefulSet) {
    let spec = &mut s.spec;
    if spec.pod_management_policy.is_empty() {
        spec.pod_management_policy = "OrderedReady".to_string();
    }
    let strategy = &mut spec.update_strategy;
    if strategy.type_.is_empty() {
        strategy.type_ = "RollingUpdate".to_string();
        if strategy.rolling_update.is_none() {
            strategy.rolling_update = Some(RollingUpdateStatefulSetStrategy::default());
        }
    }
    // Only an existing rollingUpdate gets its partition: `type: RollingUpdate` written without
    // one stays without (maxUnavailable is the alpha `MaxUnavailableStatefulSet`'s, not defaulted).
    if strategy.type_ == "RollingUpdate"
        && let Some(ru) = &mut strategy.rolling_update
        && ru.partition.is_none()
    {
        ru.partition = Some(0);
    }
    let policy = spec
        .persistent_volume_claim_retention_policy
        .get_or_insert_with(StatefulSetPersistentVolumeClaimRetentionPolicy::default);
    for p in [&mut policy.when_deleted, &mut policy.when_scaled] {
        if p.is_empty() {
            *p = "Retain".to_string();
        }
    }
    if spec.replicas.is_none() {
        spec.replicas = Some(1);
    }
    if spec.revision_history_limit.is_none() {
        spec.revision_history_limit = Some(10);
    }
    default_pod_spec(&mut spec.template.spec);
}

/// apps/v1 `SetDefaults_DaemonSet` and the pod template's defaults.
pub fn default_daemon_set(d: &mut DaemonSet) {
    let spec = &mut d.spec;
    let strategy = &mut spec.update_strategy;
    if strategy.type_.is_empty() {
        strategy.type_ = "RollingUpdate".to_string();
    }
    if strategy.type_ == "RollingUpdate" {
        let ru = strategy
            .rolling_update
            .get_or_insert_with(RollingUpdateDaemonSet::default);
        if ru.max_unavailable.is_none() {
            ru.max_unavailable = Some(IntOrString::Int(1));
        }
        if ru.max_surge.is_none() {
            ru.max_surge = Some(IntOrString::Int(0));
        }
    }
    if spec.revision_history_limit.is_none() {
        spec.revision_history_limit = Some(10);
    }
    default_pod_spec(&mut spec.template.spec);
}

/// discovery/v1 `SetDefaults_EndpointPort`: nil name → `""`, nil protocol → `TCP`.
pub fn default_endpoint_slice(e: &mut EndpointSlice) {
    for p in &mut e.ports {
        if p.name.is_none() {
            p.name = Some(String::new());
        }
        if p.protocol.is_none() {
            p.protocol = Some("TCP".to_string());
        }
    }
}

/// `SetDefaults_Endpoints`: a subset port without a protocol gets `TCP`.
pub fn default_endpoints(e: &mut Endpoints) {
    for p in e.subsets.iter_mut().flat_map(|s| s.ports.iter_mut()) {
        if p.protocol.is_empty() {
            p.protocol = "TCP".to_string();
        }
    }
}

/// networking/v1 `SetDefaults_NetworkPolicy` and `SetDefaults_NetworkPolicyPort`: a port
/// without a protocol gets `TCP`; an empty `policyTypes` becomes `[Ingress]`, plus `Egress`
/// when the policy has egress rules.
pub fn default_network_policy(n: &mut crate::types::NetworkPolicy) {
    let spec = &mut n.spec;
    let ports = spec
        .ingress
        .iter_mut()
        .flat_map(|r| r.ports.iter_mut())
        .chain(spec.egress.iter_mut().flat_map(|r| r.ports.iter_mut()));
    for p in ports {
        if p.protocol.is_none() {
            p.protocol = Some("TCP".to_string());
        }
    }
    if spec.policy_types.is_empty() {
        spec.policy_types.push("Ingress".to_string());
        if !spec.egress.is_empty() {
            spec.policy_types.push("Egress".to_string());
        }
    }
}

/// `SetDefaults_Namespace` (the `kubernetes.io/metadata.name` label) and
/// `SetDefaults_NamespaceStatus` (`phase: Active`).
pub fn default_namespace(ns: &mut Namespace) {
    if !ns.metadata.name.is_empty() {
        ns.metadata
            .labels
            .insert(LABEL_METADATA_NAME.to_string(), ns.metadata.name.clone());
    }
    let status = ns.status.get_or_insert_with(|| json!({}));
    if status.is_null() {
        *status = json!({});
    }
    if let Value::Object(s) = status
        && s.get("phase")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
    {
        s.insert("phase".to_string(), json!("Active"));
    }
}

/// `SetDefaults_NodeStatus`: allocatable defaults to capacity.
pub fn default_node(node: &mut Node) {
    if node.status.allocatable.is_none() && node.status.capacity.is_some() {
        node.status.allocatable = node.status.capacity.clone();
    }
}

/// The pod strategy's `PrepareForCreate` step for affinity (`mutatePodAffinity`, gate
/// `MatchLabelKeysInPodAffinity`, on by default since 1.31): for every pod (anti-)affinity term
/// with a `labelSelector`, each `matchLabelKeys` key the pod carries adds `key In [value]` to the
/// selector, each `mismatchLabelKeys` key `key NotIn [value]`. Not a scheme default: it runs on
/// Pods being created (not on templates), before validation, and the stored pod keeps the result.
pub fn merge_affinity_label_keys(pod: &mut Pod) {
    let labels = &pod.metadata.labels;
    edit_extra(&mut pod.spec.other, "affinity", |a| {
        for kind in ["podAffinity", "podAntiAffinity"] {
            let Some(pa) = a.get_mut(kind) else { continue };
            for list in [
                "requiredDuringSchedulingIgnoredDuringExecution",
                "preferredDuringSchedulingIgnoredDuringExecution",
            ] {
                let Some(Value::Array(terms)) = pa.get_mut(list) else {
                    continue;
                };
                for t in terms {
                    let t = match t.get_mut("podAffinityTerm") {
                        Some(inner) => inner,
                        None => t,
                    };
                    let mut add = Vec::new();
                    for (field, op) in [("matchLabelKeys", "In"), ("mismatchLabelKeys", "NotIn")] {
                        for k in t.get(field).and_then(Value::as_array).into_iter().flatten() {
                            if let Some((k, v)) = k.as_str().and_then(|k| labels.get_key_value(k)) {
                                add.push(json!({"key": k, "operator": op, "values": [v]}));
                            }
                        }
                    }
                    let Some(Value::Object(sel)) = t.get_mut("labelSelector") else {
                        continue;
                    };
                    if add.is_empty() {
                        continue;
                    }
                    match sel.get_mut("matchExpressions") {
                        Some(Value::Array(exprs)) => exprs.extend(add),
                        _ => {
                            sel.insert("matchExpressions".to_string(), Value::Array(add));
                        }
                    }
                }
            }
        }
    });
}
