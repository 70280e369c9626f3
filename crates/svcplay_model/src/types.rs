//! Kubernetes-shaped API types: the subset of `core/v1`, `apps/v1` and `discovery.k8s.io/v1` that
//! svcplay simulates, plus the kubeadm and kube-proxy configuration documents.
//!
//! Rust struct names are the Go type names (`ServicePort`, `EndpointConditions`, ...): the decoder
//! uses them in its "cannot unmarshal ... into Go struct field ServicePort.spec.ports.port" messages.
//! Field (de)serialization follows the Go JSON tags: Go non-pointer scalars are plain Rust values with
//! `omitempty` mapped to `skip_serializing_if`, Go pointers are `Option`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::strmap::StringMap;

/// A flattened catch-all of fields kept verbatim (`PodSpec`, `Container`, `PodStatus`): a map
/// shared between copies until one of them is changed. The pods of one ReplicaSet sync carry the
/// same defaulted template extras, so they hold one map instead of one each.
///
/// Reads go through `Deref` to the map; writes (`DerefMut`) copy a shared map first. It
/// (de)serializes exactly as the map does.
#[derive(Clone, Default)]
pub struct Extra(std::sync::Arc<BTreeMap<String, serde_json::Value>>);

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // As the map itself, so objects print as they did before the map was shared.
        self.0.fmt(f)
    }
}

impl Extra {
    /// Whether `self` and `other` are the same shared map (then they are equal too).
    pub fn ptr_eq(&self, other: &Extra) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Extra {
    type Target = BTreeMap<String, serde_json::Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Self::Target {
        std::sync::Arc::make_mut(&mut self.0)
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.ptr_eq(other) || *self.0 == *other.0
    }
}

impl From<BTreeMap<String, serde_json::Value>> for Extra {
    fn from(m: BTreeMap<String, serde_json::Value>) -> Self {
        Extra(std::sync::Arc::new(m))
    }
}

impl FromIterator<(String, serde_json::Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, serde_json::Value)>>(iter: I) -> Self {
        Extra::from(iter.into_iter().collect::<BTreeMap<_, _>>())
    }
}

impl Serialize for Extra {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(d).map(Extra::from)
    }
}

/// A value shared between copies until one of them is changed, as [`Extra`] shares its map:
/// the pods a controller pass creates or starts alike hold one list of conditions instead of
/// one each.
///
/// Reads go through `Deref`; writes (`DerefMut`) copy a shared value first. It prints,
/// compares and (de)serializes exactly as the value does.
#[derive(Clone, Default)]
pub struct Shared<T>(std::sync::Arc<T>);

impl<T> Shared<T> {
    /// Whether `self` and `other` are the same shared value (then they are equal too).
    pub fn ptr_eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> std::ops::DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        std::sync::Arc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr_eq(other) || *self.0 == *other.0
    }
}

impl<'a, T> IntoIterator for &'a Shared<T>
where
    &'a T: IntoIterator,
{
    type Item = <&'a T as IntoIterator>::Item;
    type IntoIter = <&'a T as IntoIterator>::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        self.0.as_ref().into_iter()
    }
}

impl<T> From<T> for Shared<T> {
    fn from(v: T) -> Self {
        Shared(std::sync::Arc::new(v))
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Shared::from)
    }
}

fn no_labels(v: &Shared<StringMap>) -> bool {
    v.is_empty()
}

fn no_owners(v: &Shared<Vec<OwnerReference>>) -> bool {
    v.is_empty()
}

fn no_conditions(v: &Shared<Vec<Condition>>) -> bool {
    v.is_empty()
}

fn is_zero_i32(v: &i32) -> bool {
    *v == 0
}

fn is_false(v: &bool) -> bool {
    !*v
}

/// `intstr.IntOrString`: a port number or an IANA port name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum IntOrString {
    /// A number, e.g. `targetPort: 8080`.
    Int(i32),
    /// A name, e.g. `targetPort: http`. A quoted number (`"8080"`) is a string too.
    String(String),
}

impl IntOrString {
    /// True for `0` and `""`, the values v1 defaulting treats as unset.
    pub fn is_zero(&self) -> bool {
        matches!(self, IntOrString::Int(0))
            || matches!(self, IntOrString::String(s) if s.is_empty())
    }
}

impl std::fmt::Display for IntOrString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IntOrString::Int(i) => write!(f, "{i}"),
            IntOrString::String(s) => f.write_str(s),
        }
    }
}

/// `metav1.OwnerReference`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerReference {
    /// API version of the owner.
    pub api_version: String,
    /// Kind of the owner.
    pub kind: String,
    /// Name of the owner.
    pub name: String,
    /// UID of the owner.
    pub uid: String,
    /// Whether the owner is the managing controller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
    /// Whether the owner blocks deletion of this object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_owner_deletion: Option<bool>,
}

/// `metav1.ObjectMeta`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    /// Object name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Prefix for a server-generated name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub generate_name: String,
    /// Namespace; empty means `default` for namespaced kinds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// Server-assigned unique id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    /// Server-assigned version.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    /// Server-assigned generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generation: Option<i64>,
    /// Creation time (RFC 3339), from the virtual clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<String>,
    /// Set when the object is terminating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<String>,
    /// Grace period of a terminating object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_grace_period_seconds: Option<i64>,
    /// Labels, shared between the pods a controller creates from one template.
    #[serde(default, skip_serializing_if = "no_labels")]
    pub labels: Shared<StringMap>,
    /// Annotations.
    #[serde(default, skip_serializing_if = "StringMap::is_empty")]
    pub annotations: StringMap,
    /// Owners (ReplicaSet for a Pod, Service for an EndpointSlice, ...), shared between the
    /// pods a controller creates together.
    #[serde(default, skip_serializing_if = "no_owners")]
    pub owner_references: Shared<Vec<OwnerReference>>,
    /// Finalizers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub finalizers: Vec<String>,
    /// Server-side apply bookkeeping, accepted and ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_fields: Option<serde_json::Value>,
}

/// `metav1.LabelSelectorRequirement`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelectorRequirement {
    /// Label key.
    pub key: String,
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    pub operator: String,
    /// Values for `In`/`NotIn`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// `metav1.LabelSelector`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelector {
    /// Equality requirements.
    #[serde(default, skip_serializing_if = "StringMap::is_empty")]
    pub match_labels: StringMap,
    /// Set-based requirements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

// ---------------------------------------------------------------------------------------------
// core/v1 Namespace, Node
// ---------------------------------------------------------------------------------------------

/// `core/v1.Namespace`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Namespace {
    /// `v1`.
    #[serde(default)]
    pub api_version: String,
    /// `Namespace`.
    #[serde(default)]
    pub kind: String,
    /// Metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Spec (finalizers only), accepted as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<serde_json::Value>,
    /// Status, accepted as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<serde_json::Value>,
}

/// `core/v1.Taint`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Taint {
    /// Key.
    pub key: String,
    /// Value.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: String,
    /// When the taint was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_added: Option<String>,
}

/// `core/v1.NodeSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSpec {
    /// The node's pod CIDR (first family).
    #[serde(default, rename = "podCIDR", skip_serializing_if = "String::is_empty")]
    pub pod_cidr: String,
    /// The node's pod CIDRs.
    #[serde(default, rename = "podCIDRs", skip_serializing_if = "Vec::is_empty")]
    pub pod_cidrs: Vec<String>,
    /// Cloud provider id.
    #[serde(
        default,
        rename = "providerID",
        skip_serializing_if = "String::is_empty"
    )]
    pub provider_id: String,
    /// Cordoned.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unschedulable: bool,
    /// Taints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
}

/// `core/v1.NodeAddress`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeAddress {
    /// `InternalIP`, `ExternalIP`, `Hostname`, ...
    #[serde(rename = "type")]
    pub type_: String,
    /// The address.
    pub address: String,
}

/// A status condition as Node and Pod carry it (`NodeCondition`, `PodCondition`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// `Ready`, ...
    #[serde(rename = "type")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// Last probe time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_probe_time: Option<String>,
    /// Last transition time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<String>,
    /// Last heartbeat (nodes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_heartbeat_time: Option<String>,
    /// Machine-readable reason.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// `core/v1.NodeStatus` (the parts svcplay reads; the rest is kept as is).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    /// Addresses; the `InternalIP` is the node IP kube-proxy uses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<NodeAddress>,
    /// Conditions (`Ready`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Capacity, accepted as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<serde_json::Value>,
    /// Allocatable, accepted as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocatable: Option<serde_json::Value>,
    /// Node info, accepted as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_info: Option<serde_json::Value>,
    /// Daemon endpoints, accepted as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daemon_endpoints: Option<serde_json::Value>,
    /// Images, accepted as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<serde_json::Value>,
}

/// `core/v1.Node`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    /// `v1`.
    #[serde(default)]
    pub api_version: String,
    /// `Node`.
    #[serde(default)]
    pub kind: String,
    /// Metadata (labels carry `topology.kubernetes.io/zone`).
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Spec.
    #[serde(default)]
    pub spec: NodeSpec,
    /// Status.
    #[serde(default)]
    pub status: NodeStatus,
}

// ---------------------------------------------------------------------------------------------
// core/v1 Pod
// ---------------------------------------------------------------------------------------------

/// `core/v1.ContainerPort`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPort {
    /// IANA name, target of a named `targetPort`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Host port.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub host_port: i32,
    /// Container port.
    #[serde(default)]
    pub container_port: i32,
    /// Protocol, defaulted to `TCP`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    /// Host IP.
    #[serde(default, rename = "hostIP", skip_serializing_if = "String::is_empty")]
    pub host_ip: String,
}

/// `core/v1.Container` (the parts svcplay reads; the rest is kept as is).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    /// Container name.
    #[serde(default)]
    pub name: String,
    /// Image.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    /// Declared ports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ContainerPort>,
    /// `Always` marks an init container as a sidecar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<String>,
    /// Everything else a container may carry, kept verbatim.
    #[serde(flatten)]
    pub other: Extra,
}

/// `core/v1.PodSpec` (the parts svcplay reads; the rest is kept as is).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    /// Containers, shared between the pods a controller creates from one template.
    #[serde(default)]
    pub containers: Shared<Vec<Container>>,
    /// Init containers (sidecars have `restartPolicy: Always`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    /// Node the pod is bound to.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub node_name: String,
    /// Node selector.
    #[serde(default, skip_serializing_if = "StringMap::is_empty")]
    pub node_selector: StringMap,
    /// Hostname (for DNS with `subdomain`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hostname: String,
    /// Subdomain (headless Service name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subdomain: String,
    /// Host network.
    #[serde(default, skip_serializing_if = "is_false")]
    pub host_network: bool,
    /// Restart policy, defaulted to `Always`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub restart_policy: String,
    /// Everything else a pod spec may carry, kept verbatim.
    #[serde(flatten)]
    pub other: Extra,
}

/// `core/v1.PodIP`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodIP {
    /// The IP.
    #[serde(default)]
    pub ip: String,
}

/// `core/v1.PodStatus` (the parts svcplay reads; the rest is kept as is).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    /// `Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
    /// Conditions (`Ready`), shared between pods whose lists are alike.
    #[serde(default, skip_serializing_if = "no_conditions")]
    pub conditions: Shared<Vec<Condition>>,
    /// Node IP.
    #[serde(default, rename = "hostIP", skip_serializing_if = "String::is_empty")]
    pub host_ip: String,
    /// Primary pod IP.
    #[serde(default, rename = "podIP", skip_serializing_if = "String::is_empty")]
    pub pod_ip: String,
    /// All pod IPs.
    #[serde(default, rename = "podIPs", skip_serializing_if = "Vec::is_empty")]
    pub pod_ips: Vec<PodIP>,
    /// Start time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// Everything else a pod status may carry, kept verbatim.
    #[serde(flatten)]
    pub other: Extra,
}

/// `core/v1.Pod`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    /// `v1`.
    #[serde(default)]
    pub api_version: String,
    /// `Pod`.
    #[serde(default)]
    pub kind: String,
    /// Metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Spec.
    #[serde(default)]
    pub spec: PodSpec,
    /// Status: observed state when given in the input, else filled by the simulated kubelet.
    #[serde(default)]
    pub status: PodStatus,
}

/// `core/v1.PodTemplateSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodTemplateSpec {
    /// Template metadata (labels).
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Template spec.
    #[serde(default)]
    pub spec: PodSpec,
}

// ---------------------------------------------------------------------------------------------
// apps/v1 Deployment, ReplicaSet
// ---------------------------------------------------------------------------------------------

/// `apps/v1.DeploymentSpec` (the parts svcplay reads; the rest is kept as is).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentSpec {
    /// Desired replicas, defaulted to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// Pod selector (required in apps/v1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// Pod template.
    #[serde(default)]
    pub template: PodTemplateSpec,
    /// Everything else (strategy, revisionHistoryLimit, ...), kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `apps/v1.DeploymentCondition` (a ReplicaSet's conditions have the same fields but
/// `lastUpdateTime`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentCondition {
    /// `Available`, `Progressing`, `ReplicaFailure`.
    #[serde(rename = "type")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// Last time the condition was updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_update_time: Option<String>,
    /// Last time the status changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<String>,
    /// Machine-readable reason.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// Workload status as Deployment and ReplicaSet report it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadStatus {
    /// Observed generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// Pods created.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub replicas: i32,
    /// Pods ready.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub ready_replicas: i32,
    /// Pods available.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub available_replicas: i32,
    /// Pods with the current template (Deployment).
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub updated_replicas: i32,
    /// Conditions (`Available`, `Progressing` of a Deployment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<DeploymentCondition>,
    /// Everything else, kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `apps/v1.Deployment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    /// `apps/v1`.
    #[serde(default)]
    pub api_version: String,
    /// `Deployment`.
    #[serde(default)]
    pub kind: String,
    /// Metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Spec.
    #[serde(default)]
    pub spec: DeploymentSpec,
    /// Status.
    #[serde(default)]
    pub status: WorkloadStatus,
}

/// `apps/v1.ReplicaSetSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaSetSpec {
    /// Desired replicas, defaulted to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// Pod selector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// Pod template.
    #[serde(default)]
    pub template: PodTemplateSpec,
    /// Everything else (minReadySeconds), kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `apps/v1.ReplicaSet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaSet {
    /// `apps/v1`.
    #[serde(default)]
    pub api_version: String,
    /// `ReplicaSet`.
    #[serde(default)]
    pub kind: String,
    /// Metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Spec.
    #[serde(default)]
    pub spec: ReplicaSetSpec,
    /// Status.
    #[serde(default)]
    pub status: WorkloadStatus,
}

// ---------------------------------------------------------------------------------------------
// apps/v1 StatefulSet, DaemonSet
// ---------------------------------------------------------------------------------------------

/// `apps/v1.RollingUpdateStatefulSetStrategy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RollingUpdateStatefulSetStrategy {
    /// Pods with an ordinal below this keep the old revision; defaulted to 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<i32>,
    /// Pods that may be unavailable during an update (`MaxUnavailableStatefulSet`, alpha).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
}

/// `apps/v1.StatefulSetUpdateStrategy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatefulSetUpdateStrategy {
    /// `RollingUpdate` (default) or `OnDelete`.
    #[serde(default, rename = "type", skip_serializing_if = "String::is_empty")]
    pub type_: String,
    /// RollingUpdate settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateStatefulSetStrategy>,
}

/// `apps/v1.StatefulSetPersistentVolumeClaimRetentionPolicy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatefulSetPersistentVolumeClaimRetentionPolicy {
    /// `Retain` (default) or `Delete`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub when_deleted: String,
    /// `Retain` (default) or `Delete`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub when_scaled: String,
}

/// `apps/v1.StatefulSetOrdinals`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatefulSetOrdinals {
    /// The first replica's ordinal.
    #[serde(default)]
    pub start: i32,
}

/// `apps/v1.StatefulSetSpec` (`volumeClaimTemplates` is kept verbatim in `other`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatefulSetSpec {
    /// Desired replicas, defaulted to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// Pod selector (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// Pod template.
    #[serde(default)]
    pub template: PodTemplateSpec,
    /// The governing (headless) Service: pods get `<pod>.<serviceName>` DNS names.
    #[serde(default)]
    pub service_name: String,
    /// `OrderedReady` (default) or `Parallel`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pod_management_policy: String,
    /// Update strategy.
    #[serde(default)]
    pub update_strategy: StatefulSetUpdateStrategy,
    /// Revisions kept, defaulted to 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i32>,
    /// Seconds a pod must be ready to count as available.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub min_ready_seconds: i32,
    /// What happens to claims on delete and scale-down (defaulted to Retain/Retain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persistent_volume_claim_retention_policy:
        Option<StatefulSetPersistentVolumeClaimRetentionPolicy>,
    /// Ordinal numbering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinals: Option<StatefulSetOrdinals>,
    /// Everything else (`volumeClaimTemplates`), kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `apps/v1.StatefulSetStatus` (`conditions` kept verbatim in `other`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatefulSetStatus {
    /// Observed generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// Pods created.
    #[serde(default)]
    pub replicas: i32,
    /// Pods ready.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub ready_replicas: i32,
    /// Pods at `currentRevision`.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub current_replicas: i32,
    /// Pods at `updateRevision`.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub updated_replicas: i32,
    /// Revision of the pods `[0, currentReplicas)`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub current_revision: String,
    /// Revision of the pods `[replicas - updatedReplicas, replicas)`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub update_revision: String,
    /// Hash collisions of the revision name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i32>,
    /// Pods available (ready for `minReadySeconds`).
    #[serde(default)]
    pub available_replicas: i32,
    /// Everything else (`conditions`), kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `apps/v1.StatefulSet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatefulSet {
    /// `apps/v1`.
    #[serde(default)]
    pub api_version: String,
    /// `StatefulSet`.
    #[serde(default)]
    pub kind: String,
    /// Metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Spec.
    #[serde(default)]
    pub spec: StatefulSetSpec,
    /// Status.
    #[serde(default)]
    pub status: StatefulSetStatus,
}

/// `apps/v1.RollingUpdateDaemonSet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RollingUpdateDaemonSet {
    /// Pods that may be unavailable during an update, defaulted to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    /// Extra pods during an update, defaulted to 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrString>,
}

/// `apps/v1.DaemonSetUpdateStrategy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetUpdateStrategy {
    /// `RollingUpdate` (default) or `OnDelete`.
    #[serde(default, rename = "type", skip_serializing_if = "String::is_empty")]
    pub type_: String,
    /// RollingUpdate settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateDaemonSet>,
}

/// `apps/v1.DaemonSetSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetSpec {
    /// Pod selector (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// Pod template.
    #[serde(default)]
    pub template: PodTemplateSpec,
    /// Update strategy.
    #[serde(default)]
    pub update_strategy: DaemonSetUpdateStrategy,
    /// Seconds a pod must be ready to count as available.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub min_ready_seconds: i32,
    /// Revisions kept, defaulted to 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i32>,
}

/// `apps/v1.DaemonSetStatus` (`conditions` kept verbatim in `other`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetStatus {
    /// Nodes running at least one daemon pod that should.
    #[serde(default)]
    pub current_number_scheduled: i32,
    /// Nodes running a daemon pod that should not.
    #[serde(default)]
    pub number_misscheduled: i32,
    /// Nodes that should run the daemon pod.
    #[serde(default)]
    pub desired_number_scheduled: i32,
    /// Nodes whose daemon pod is ready.
    #[serde(default)]
    pub number_ready: i32,
    /// Observed generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// Nodes running the current template's pod.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub updated_number_scheduled: i32,
    /// Nodes whose daemon pod is available.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub number_available: i32,
    /// Nodes that should run the daemon pod and have none available.
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub number_unavailable: i32,
    /// Hash collisions of the revision name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i32>,
    /// Everything else (`conditions`), kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `apps/v1.DaemonSet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSet {
    /// `apps/v1`.
    #[serde(default)]
    pub api_version: String,
    /// `DaemonSet`.
    #[serde(default)]
    pub kind: String,
    /// Metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Spec.
    #[serde(default)]
    pub spec: DaemonSetSpec,
    /// Status.
    #[serde(default)]
    pub status: DaemonSetStatus,
}

// ---------------------------------------------------------------------------------------------
// core/v1 Service
// ---------------------------------------------------------------------------------------------

/// `core/v1.ServicePort`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePort {
    /// Port name (required when there is more than one port).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// `TCP`, `UDP` or `SCTP`; defaulted to `TCP`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    /// Application protocol hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_protocol: Option<String>,
    /// The Service's port.
    #[serde(default)]
    pub port: i32,
    /// The pods' port, a number or a container port name; defaulted to `port`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_port: Option<IntOrString>,
    /// The node port (NodePort and LoadBalancer).
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub node_port: i32,
}

/// `core/v1.ClientIPConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientIPConfig {
    /// Stickiness timeout, defaulted to 10800.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i32>,
}

/// `core/v1.SessionAffinityConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionAffinityConfig {
    /// ClientIP settings.
    #[serde(default, rename = "clientIP", skip_serializing_if = "Option::is_none")]
    pub client_ip: Option<ClientIPConfig>,
}

/// `core/v1.ServiceSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceSpec {
    /// Ports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ServicePort>,
    /// Pod selector; `None` means selectorless (no managed EndpointSlices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<StringMap>,
    /// Primary cluster IP, or `None` for headless.
    #[serde(
        default,
        rename = "clusterIP",
        skip_serializing_if = "String::is_empty"
    )]
    pub cluster_ip: String,
    /// All cluster IPs.
    #[serde(default, rename = "clusterIPs", skip_serializing_if = "Vec::is_empty")]
    pub cluster_ips: Vec<String>,
    /// `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`.
    #[serde(default, rename = "type", skip_serializing_if = "String::is_empty")]
    pub type_: String,
    /// External IPs.
    #[serde(default, rename = "externalIPs", skip_serializing_if = "Vec::is_empty")]
    pub external_ips: Vec<String>,
    /// `None` or `ClientIP`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub session_affinity: String,
    /// Deprecated LB IP request.
    #[serde(
        default,
        rename = "loadBalancerIP",
        skip_serializing_if = "String::is_empty"
    )]
    pub load_balancer_ip: String,
    /// LB source ranges (CIDRs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancer_source_ranges: Vec<String>,
    /// ExternalName target.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_name: String,
    /// `Cluster` or `Local`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_traffic_policy: String,
    /// Health check node port (LoadBalancer + Local).
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub health_check_node_port: i32,
    /// Publish unready pods.
    #[serde(default, skip_serializing_if = "is_false")]
    pub publish_not_ready_addresses: bool,
    /// Session affinity settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_affinity_config: Option<SessionAffinityConfig>,
    /// `IPv4`/`IPv6`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ip_families: Vec<String>,
    /// `SingleStack`, `PreferDualStack` or `RequireDualStack`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_family_policy: Option<String>,
    /// Whether LoadBalancer Services get NodePorts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocate_load_balancer_node_ports: Option<bool>,
    /// LB implementation class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_class: Option<String>,
    /// `Cluster` or `Local`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_traffic_policy: Option<String>,
    /// `PreferClose`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic_distribution: Option<String>,
}

/// `core/v1.PortStatus`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortStatus {
    /// Port.
    pub port: i32,
    /// Protocol.
    pub protocol: String,
    /// Error, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// `core/v1.LoadBalancerIngress`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancerIngress {
    /// The LB's IP.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ip: String,
    /// The LB's hostname.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hostname: String,
    /// `VIP` or `Proxy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_mode: Option<String>,
    /// Port status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<PortStatus>,
}

/// `core/v1.LoadBalancerStatus`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancerStatus {
    /// Ingress points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<LoadBalancerIngress>,
}

impl LoadBalancerStatus {
    /// Each ingress point's IP, or its hostname when it has no IP (as kubectl shows them);
    /// empty entries are skipped.
    pub fn addresses(&self) -> Vec<String> {
        self.ingress
            .iter()
            .map(|i| {
                if i.ip.is_empty() {
                    i.hostname.clone()
                } else {
                    i.ip.clone()
                }
            })
            .filter(|a| !a.is_empty())
            .collect()
    }
}

/// `core/v1.ServiceStatus`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceStatus {
    /// LB status.
    #[serde(default)]
    pub load_balancer: LoadBalancerStatus,
    /// Conditions, kept verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<serde_json::Value>,
}

/// `core/v1.Service`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// `v1`.
    #[serde(default)]
    pub api_version: String,
    /// `Service`.
    #[serde(default)]
    pub kind: String,
    /// Metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Spec.
    #[serde(default)]
    pub spec: ServiceSpec,
    /// Status.
    #[serde(default)]
    pub status: ServiceStatus,
}

// ---------------------------------------------------------------------------------------------
// discovery.k8s.io/v1 EndpointSlice
// ---------------------------------------------------------------------------------------------

/// `discovery/v1.EndpointConditions`. `None` means unknown; kube-proxy treats nil ready/serving
/// as true.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointConditions {
    /// Ready.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<bool>,
    /// Serving.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serving: Option<bool>,
    /// Terminating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminating: Option<bool>,
}

/// `discovery/v1.ForZone`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForZone {
    /// Zone name.
    pub name: String,
}

/// `discovery/v1.EndpointHints`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointHints {
    /// Zones that should consume this endpoint.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub for_zones: Vec<ForZone>,
    /// Nodes that should consume this endpoint.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub for_nodes: Vec<ForZone>,
}

/// `core/v1.ObjectReference` (as an endpoint's `targetRef`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectReference {
    /// Kind.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// Namespace.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// Name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// UID.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    /// API version of the referent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    /// Resource version of the referent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    /// A field of the referent (`spec.containers{name}`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field_path: String,
}

/// `discovery/v1.Endpoint`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// Addresses (only the first is used by kube-proxy).
    #[serde(default)]
    pub addresses: Vec<String>,
    /// Conditions.
    #[serde(default)]
    pub conditions: EndpointConditions,
    /// Hostname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// Backing object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ref: Option<ObjectReference>,
    /// Node of the endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    /// Zone of the endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Topology hints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hints: Option<EndpointHints>,
    /// The v1beta1 topology map, still a v1 field; the API server drops what v1 writes to it.
    #[serde(default, skip_serializing_if = "StringMap::is_empty")]
    pub deprecated_topology: StringMap,
}

/// `discovery/v1.EndpointPort`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointPort {
    /// Name (matches the Service port's name; `""` for an unnamed port).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Protocol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// Port number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// Application protocol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_protocol: Option<String>,
}

/// `discovery/v1.EndpointSlice`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointSlice {
    /// `discovery.k8s.io/v1`.
    #[serde(default)]
    pub api_version: String,
    /// `EndpointSlice`.
    #[serde(default)]
    pub kind: String,
    /// Metadata (label `kubernetes.io/service-name` ties it to a Service).
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// `IPv4`, `IPv6` or `FQDN`.
    #[serde(default)]
    pub address_type: String,
    /// Endpoints.
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
    /// Ports.
    #[serde(default)]
    pub ports: Vec<EndpointPort>,
}

// ---------------------------------------------------------------------------------------------
// core/v1 Endpoints
// ---------------------------------------------------------------------------------------------

/// `core/v1.EndpointAddress`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointAddress {
    /// The IP (no loopback, link-local or unspecified address).
    #[serde(default)]
    pub ip: String,
    /// Hostname (DNS label).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hostname: String,
    /// Node hosting this endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    /// What provides the endpoint (a Pod for the Endpoints controller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ref: Option<ObjectReference>,
}

/// `core/v1.EndpointPort` (Rust `EndpointsPort`, as `discovery/v1.EndpointPort` already has the
/// name; decode messages use the Go name).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename = "EndpointPort", rename_all = "camelCase")]
pub struct EndpointsPort {
    /// Name (required when the subset has more than one port).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Port number.
    #[serde(default)]
    pub port: i32,
    /// `TCP` (default), `UDP` or `SCTP`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    /// Application protocol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_protocol: Option<String>,
}

/// `core/v1.EndpointSubset`: every address serves every port.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointSubset {
    /// Ready addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<EndpointAddress>,
    /// Addresses not (yet) ready.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_ready_addresses: Vec<EndpointAddress>,
    /// Ports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<EndpointsPort>,
}

/// `core/v1.Endpoints`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoints {
    /// `v1`.
    #[serde(default)]
    pub api_version: String,
    /// `Endpoints`.
    #[serde(default)]
    pub kind: String,
    /// Metadata (the name is the Service's).
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Subsets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsets: Vec<EndpointSubset>,
}

// ---------------------------------------------------------------------------------------------
// Cluster settings
// ---------------------------------------------------------------------------------------------

/// kubeadm `Networking`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Networking {
    /// Service CIDR(s), comma separated for dual stack.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub service_subnet: String,
    /// Pod CIDR(s).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pod_subnet: String,
    /// Cluster DNS domain.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dns_domain: String,
}

/// kubeadm `extraArgs`: a map in `v1beta3`, a list of `{name, value}` in `v1beta4`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ExtraArgs {
    /// `v1beta3`: `{service-node-port-range: 30000-32767}`.
    Map(StringMap),
    /// `v1beta4`: `[{name: service-node-port-range, value: 30000-32767}]`.
    List(Vec<ExtraArg>),
}

/// One `v1beta4` extra argument.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtraArg {
    /// Flag name without dashes.
    pub name: String,
    /// Flag value.
    pub value: String,
}

impl ExtraArgs {
    /// The value of flag `name`, the last one winning as on a command line.
    pub fn get(&self, name: &str) -> Option<&str> {
        match self {
            ExtraArgs::Map(m) => m.get(name).map(String::as_str),
            ExtraArgs::List(l) => l
                .iter()
                .rev()
                .find(|a| a.name == name)
                .map(|a| a.value.as_str()),
        }
    }
}

/// kubeadm `ControlPlaneComponent` (`apiServer`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ControlPlaneComponent {
    /// Extra flags (`service-node-port-range`, `service-cluster-ip-range`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_args: Option<ExtraArgs>,
    /// Everything else, kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// kubeadm `ClusterConfiguration` (`kubeadm.k8s.io/v1beta3` or `v1beta4`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterConfiguration {
    /// `kubeadm.k8s.io/v1beta3` or `v1beta4`.
    #[serde(default)]
    pub api_version: String,
    /// `ClusterConfiguration`.
    #[serde(default)]
    pub kind: String,
    /// Networking.
    #[serde(default)]
    pub networking: Networking,
    /// API server settings.
    #[serde(default)]
    pub api_server: ControlPlaneComponent,
    /// Cluster name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cluster_name: String,
    /// Kubernetes version.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kubernetes_version: String,
    /// Everything else kubeadm accepts, kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `KubeProxyIPTablesConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KubeProxyIPTablesConfiguration {
    /// SNAT everything sent to a Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masquerade_all: Option<bool>,
    /// Bit of the fwmark for SNAT (default 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masquerade_bit: Option<i32>,
    /// Accept NodePorts on 127.0.0.1 (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localhost_node_ports: Option<bool>,
    /// Everything else (syncPeriod, minSyncPeriod), kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `kubeproxy.config.k8s.io/v1alpha1` `KubeProxyConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KubeProxyConfiguration {
    /// `kubeproxy.config.k8s.io/v1alpha1`.
    #[serde(default)]
    pub api_version: String,
    /// `KubeProxyConfiguration`.
    #[serde(default)]
    pub kind: String,
    /// `iptables` (the mode svcplay simulates), `ipvs`, `nftables`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mode: String,
    /// Pod CIDR for the local-traffic detector.
    #[serde(
        default,
        rename = "clusterCIDR",
        skip_serializing_if = "String::is_empty"
    )]
    pub cluster_cidr: String,
    /// `ClusterCIDR`, `NodeCIDR`, `BridgeInterface`, `InterfaceNamePrefix`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detect_local_mode: String,
    /// iptables settings.
    #[serde(default)]
    pub iptables: KubeProxyIPTablesConfiguration,
    /// Node addresses NodePorts listen on (CIDRs or `primary`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub node_port_addresses: Vec<String>,
    /// Node name override.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hostname_override: String,
    /// Everything else kube-proxy accepts (bindAddress, conntrack, ...), kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

// ---------------------------------------------------------------------------------------------
// networking.k8s.io/v1 NetworkPolicy
// ---------------------------------------------------------------------------------------------

/// `networking/v1.NetworkPolicyPort`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicyPort {
    /// `TCP` (default), `UDP` or `SCTP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// A port number or a named container port; unset means every port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<IntOrString>,
    /// Last port of a range starting at a numeric `port`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_port: Option<i32>,
}

/// `networking/v1.IPBlock`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "IPBlock")]
pub struct IpBlock {
    /// The allowed range, e.g. `192.168.1.0/24`.
    #[serde(default)]
    pub cidr: String,
    /// Ranges inside `cidr` that are not allowed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
}

/// `networking/v1.NetworkPolicyPeer`: pods (by pod and/or namespace selector) or an IP block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicyPeer {
    /// Pods in the policy's namespace (or in the namespaces `namespaceSelector` selects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_selector: Option<LabelSelector>,
    /// Namespaces, by their labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_selector: Option<LabelSelector>,
    /// An IP range.
    #[serde(default, rename = "ipBlock", skip_serializing_if = "Option::is_none")]
    pub ip_block: Option<IpBlock>,
}

/// `networking/v1.NetworkPolicyIngressRule`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicyIngressRule {
    /// Ports allowed; empty means every port.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<NetworkPolicyPort>,
    /// Sources allowed; empty means every source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<NetworkPolicyPeer>,
}

/// `networking/v1.NetworkPolicyEgressRule`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicyEgressRule {
    /// Ports allowed; empty means every port.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<NetworkPolicyPort>,
    /// Destinations allowed; empty means every destination.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<NetworkPolicyPeer>,
}

/// `networking/v1.NetworkPolicySpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicySpec {
    /// The pods (of the policy's namespace) the policy applies to; `{}` selects all.
    #[serde(default)]
    pub pod_selector: LabelSelector,
    /// Ingress rules (additive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<NetworkPolicyIngressRule>,
    /// Egress rules (additive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub egress: Vec<NetworkPolicyEgressRule>,
    /// `Ingress` and/or `Egress`: the directions the selected pods are isolated in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_types: Vec<String>,
}

/// `networking.k8s.io/v1.NetworkPolicy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicy {
    /// `networking.k8s.io/v1`.
    #[serde(default)]
    pub api_version: String,
    /// `NetworkPolicy`.
    #[serde(default)]
    pub kind: String,
    /// Metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Spec.
    #[serde(default)]
    pub spec: NetworkPolicySpec,
}

// ---------------------------------------------------------------------------------------------
// Served kinds svcplay does not simulate
// ---------------------------------------------------------------------------------------------

/// An object of a kind kube-apiserver serves but svcplay does not simulate (ConfigMap, Ingress,
/// Role, ...; see [`crate::builtin`]): created and stored with its metadata, everything else
/// kept as written. Nothing in the simulation reads it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unsimulated {
    /// API version, e.g. `networking.k8s.io/v1`.
    #[serde(default)]
    pub api_version: String,
    /// Kind, e.g. `Ingress`.
    #[serde(default)]
    pub kind: String,
    /// Metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Every other top-level field (`data`, `spec`, `rules`, ...), verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl Unsimulated {
    /// Its entry in [`crate::builtin::BUILTIN_KINDS`] (always found for a decoded object).
    pub fn builtin(&self) -> Option<&'static crate::builtin::BuiltinKind> {
        crate::builtin::lookup(&self.api_version, &self.kind)
    }
}

// ---------------------------------------------------------------------------------------------
// The object union
// ---------------------------------------------------------------------------------------------

/// One object of a kind svcplay knows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Object {
    /// `v1/Namespace`.
    Namespace(Namespace),
    /// `v1/Node`.
    Node(Node),
    /// `v1/Pod`.
    Pod(Pod),
    /// `apps/v1/Deployment`.
    Deployment(Deployment),
    /// `apps/v1/ReplicaSet`.
    ReplicaSet(ReplicaSet),
    /// `apps/v1/StatefulSet`.
    StatefulSet(StatefulSet),
    /// `apps/v1/DaemonSet`.
    DaemonSet(DaemonSet),
    /// `v1/Service`.
    Service(Service),
    /// `discovery.k8s.io/v1/EndpointSlice`.
    EndpointSlice(EndpointSlice),
    /// `v1/Endpoints`.
    Endpoints(Endpoints),
    /// `networking.k8s.io/v1/NetworkPolicy`.
    NetworkPolicy(NetworkPolicy),
    /// kubeadm `ClusterConfiguration`.
    ClusterConfiguration(ClusterConfiguration),
    /// `KubeProxyConfiguration`.
    KubeProxyConfiguration(KubeProxyConfiguration),
    /// A served kind svcplay does not simulate.
    Unsimulated(Unsimulated),
}

impl Object {
    /// The kind, e.g. `Service`.
    pub fn kind(&self) -> &'static str {
        match self {
            Object::Namespace(_) => "Namespace",
            Object::Node(_) => "Node",
            Object::Pod(_) => "Pod",
            Object::Deployment(_) => "Deployment",
            Object::ReplicaSet(_) => "ReplicaSet",
            Object::StatefulSet(_) => "StatefulSet",
            Object::DaemonSet(_) => "DaemonSet",
            Object::Service(_) => "Service",
            Object::EndpointSlice(_) => "EndpointSlice",
            Object::Endpoints(_) => "Endpoints",
            Object::NetworkPolicy(_) => "NetworkPolicy",
            Object::ClusterConfiguration(_) => "ClusterConfiguration",
            Object::KubeProxyConfiguration(_) => "KubeProxyConfiguration",
            Object::Unsimulated(u) => u.builtin().map_or("", |b| b.kind),
        }
    }

    /// Whether objects of this kind live in a namespace.
    pub fn is_namespaced(&self) -> bool {
        matches!(
            self,
            Object::Pod(_)
                | Object::Deployment(_)
                | Object::ReplicaSet(_)
                | Object::StatefulSet(_)
                | Object::DaemonSet(_)
                | Object::Service(_)
                | Object::EndpointSlice(_)
                | Object::Endpoints(_)
                | Object::NetworkPolicy(_)
        ) || matches!(self, Object::Unsimulated(u) if u.builtin().is_some_and(|b| b.namespaced))
    }

    /// The object's metadata; `None` for the configuration documents.
    pub fn metadata(&self) -> Option<&ObjectMeta> {
        match self {
            Object::Namespace(o) => Some(&o.metadata),
            Object::Node(o) => Some(&o.metadata),
            Object::Pod(o) => Some(&o.metadata),
            Object::Deployment(o) => Some(&o.metadata),
            Object::ReplicaSet(o) => Some(&o.metadata),
            Object::StatefulSet(o) => Some(&o.metadata),
            Object::DaemonSet(o) => Some(&o.metadata),
            Object::Service(o) => Some(&o.metadata),
            Object::EndpointSlice(o) => Some(&o.metadata),
            Object::Endpoints(o) => Some(&o.metadata),
            Object::NetworkPolicy(o) => Some(&o.metadata),
            Object::Unsimulated(o) => Some(&o.metadata),
            Object::ClusterConfiguration(_) | Object::KubeProxyConfiguration(_) => None,
        }
    }

    /// Mutable metadata; `None` for the configuration documents.
    pub fn metadata_mut(&mut self) -> Option<&mut ObjectMeta> {
        match self {
            Object::Namespace(o) => Some(&mut o.metadata),
            Object::Node(o) => Some(&mut o.metadata),
            Object::Pod(o) => Some(&mut o.metadata),
            Object::Deployment(o) => Some(&mut o.metadata),
            Object::ReplicaSet(o) => Some(&mut o.metadata),
            Object::StatefulSet(o) => Some(&mut o.metadata),
            Object::DaemonSet(o) => Some(&mut o.metadata),
            Object::Service(o) => Some(&mut o.metadata),
            Object::EndpointSlice(o) => Some(&mut o.metadata),
            Object::Endpoints(o) => Some(&mut o.metadata),
            Object::NetworkPolicy(o) => Some(&mut o.metadata),
            Object::Unsimulated(o) => Some(&mut o.metadata),
            Object::ClusterConfiguration(_) | Object::KubeProxyConfiguration(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_extras_read_write_and_print_as_the_map() {
        let map: BTreeMap<String, serde_json::Value> =
            [("dnsPolicy".to_string(), serde_json::json!("ClusterFirst"))].into();
        let mut a = PodSpec {
            other: Extra::from(map.clone()),
            ..PodSpec::default()
        };
        let b = a.clone();
        assert!(a.other.ptr_eq(&b.other));
        // Flattened as the map was: same JSON, same Debug text.
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"containers":[],"dnsPolicy":"ClusterFirst"}"#
        );
        assert_eq!(format!("{:?}", a.other), format!("{map:?}"));
        let back: PodSpec =
            serde_json::from_str(r#"{"containers":[],"dnsPolicy":"Default"}"#).expect("decodes");
        assert_eq!(back.other["dnsPolicy"], "Default");
        // A write copies a shared map first.
        a.other
            .insert("hostname".to_string(), serde_json::json!("x"));
        assert!(!a.other.ptr_eq(&b.other));
        assert_eq!(b.other.len(), 1);
        assert_eq!(a.other.len(), 2);
        assert_ne!(a, b);
    }
}
