//! The upstream Go types behind the catch-alls of `PodSpec`, `Container`, `PodStatus`,
//! `DeploymentSpec`, `ReplicaSetSpec` and the Deployment/ReplicaSet status: svcplay types only
//! the fields it reads and keeps the rest verbatim, and this table lets the decoder check the
//! rest as kube-apiserver's `encoding/json` decode would (unknown fields, JSON types).
//!
//! One static table, no code per type: every Go type reachable from those structs in
//! k8s.io/api v0.33.9 (`core/v1` `PodSpec`, `Container`, `PodStatus` and everything they hold —
//! volumes and their sources, probes, lifecycle, security contexts, affinity, tolerations,
//! spread constraints, ephemeral containers, container statuses, ...; `apps/v1`
//! `DeploymentSpec`, `DeploymentStatus`, `ReplicaSetSpec`, `ReplicaSetStatus`, `StatefulSetSpec`,
//! `StatefulSetStatus`, `DaemonSetStatus`; `metav1`
//! `LabelSelector`) is one [`GoType`], and types refer to each other by index. Pointers are
//! left out: `encoding/json` decodes through them and names the pointed-to type in its errors.
//!
//! Types with their own `UnmarshalJSON`:
//! * `metav1.Time` unmarshals its JSON into a Go `string` first, so a wrong JSON type is
//!   reported `of type string`: it is the `string` entry here (the RFC 3339 parse is not
//!   checked);
//! * `intstr.IntOrString` unmarshals a string, or anything else into an `int32`
//!   ([`Shape::IntOrString`]);
//! * `resource.Quantity` values are checked by [`crate::quantity`]; `metav1.ObjectMeta` (in a
//!   volume claim template) is not checked: [`Shape::Unchecked`], nor is the
//!   `PersistentVolumeClaimStatus` of a StatefulSet's `volumeClaimTemplates`.

mod table;

pub(crate) use table::TYPES;

/// How a Go type decodes from JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A struct: its JSON field names (upstream order, separated by spaces) and their types.
    Struct(&'static str, &'static [u8]),
    /// A slice of the type.
    Slice(u8),
    /// A map from strings to the type.
    Map(u8),
    /// A string (or a named string type).
    Str,
    /// `int32`.
    Int32,
    /// `int64`.
    Int64,
    /// `bool`.
    Bool,
    /// `intstr.IntOrString`.
    IntOrString,
    /// Not checked here (see the module documentation).
    Unchecked,
}

/// The first byte of a [`GoType`]'s bytes: what it is.
mod kind {
    /// A struct; then its fields' types.
    pub(crate) const S: u8 = 0;
    /// A slice; then its element type.
    pub(crate) const L: u8 = 1;
    /// A map with string keys; then its value type.
    pub(crate) const M: u8 = 2;
    /// [`super::Shape::Str`].
    pub(crate) const K_STR: u8 = 3;
    /// [`super::Shape::Int32`].
    pub(crate) const K_I32: u8 = 4;
    /// [`super::Shape::Int64`].
    pub(crate) const K_I64: u8 = 5;
    /// [`super::Shape::Bool`].
    pub(crate) const K_BOOL: u8 = 6;
    /// [`super::Shape::IntOrString`].
    pub(crate) const K_IOS: u8 = 7;
    /// [`super::Shape::Unchecked`].
    pub(crate) const K_ANY: u8 = 8;
}

/// One Go type, in two words for a small table: a text and bytes.
///
/// The text is the name as `reflect.Type.String()` prints it, without the `v1.` of structs
/// (`Affinity`, `v1.PullPolicy`, `int32`; empty for an unnamed slice or map), and for a struct
/// then its JSON field names, upstream order, each after a space. The bytes are a `kind`, then
/// the field types (struct) or the element type (slice, map), as indices into [`TYPES`].
#[derive(Debug)]
pub(crate) struct GoType(&'static str, &'static [u8]);

impl GoType {
    /// The Go name (see [`GoType`]).
    pub(crate) fn name(&self) -> &'static str {
        self.0.split(' ').next().unwrap_or_default()
    }

    /// How it decodes.
    pub(crate) fn shape(&self) -> Shape {
        let arg = self.1.get(1).copied().unwrap_or_default();
        match self.1.first().copied().unwrap_or(kind::K_ANY) {
            kind::S => Shape::Struct(
                self.0.split_once(' ').map_or("", |(_, f)| f),
                self.1.get(1..).unwrap_or_default(),
            ),
            kind::L => Shape::Slice(arg),
            kind::M => Shape::Map(arg),
            kind::K_STR => Shape::Str,
            kind::K_I32 => Shape::Int32,
            kind::K_I64 => Shape::Int64,
            kind::K_BOOL => Shape::Bool,
            kind::K_IOS => Shape::IntOrString,
            _ => Shape::Unchecked,
        }
    }
}

/// The table entry for `ty`.
pub(crate) fn get(ty: u8) -> &'static GoType {
    &TYPES[usize::from(ty)]
}

/// The struct a catch-all belongs to, by its Go name (`PodSpec`, `DeploymentStatus`, ...).
pub(crate) fn root(go_struct: &str) -> Option<u8> {
    use table::id;
    Some(match go_struct {
        "PodSpec" => id::POD_SPEC,
        "Container" => id::CONTAINER,
        "PodStatus" => id::POD_STATUS,
        "DeploymentSpec" => id::DEPLOYMENT_SPEC,
        "DeploymentStatus" => id::DEPLOYMENT_STATUS,
        "ReplicaSetSpec" => id::REPLICA_SET_SPEC,
        "ReplicaSetStatus" => id::REPLICA_SET_STATUS,
        "StatefulSetSpec" => id::STATEFUL_SET_SPEC,
        "StatefulSetStatus" => id::STATEFUL_SET_STATUS,
        "DaemonSetStatus" => id::DAEMON_SET_STATUS,
        _ => return None,
    })
}

/// The JSON names of struct `ty`'s fields (none for other types).
pub(crate) fn field_names(ty: u8) -> impl Iterator<Item = &'static str> {
    let names = match get(ty).shape() {
        Shape::Struct(names, _) => names,
        _ => "",
    };
    names.split(' ').filter(|n| !n.is_empty())
}

/// Field `key` of struct `ty`: its JSON name and type.
pub(crate) fn field(ty: u8, key: &str) -> Option<(&'static str, u8)> {
    let Shape::Struct(_, types) = get(ty).shape() else {
        return None;
    };
    field_names(ty)
        .zip(types.iter().copied())
        .find(|(name, _)| *name == key)
}

/// `reflect.Type.String()` of `ty`: `v1.Affinity`, `[]v1.Toleration`, `map[string]string`.
pub(crate) fn go_name(ty: u8) -> String {
    let t = get(ty);
    match t.shape() {
        Shape::Slice(e) if t.name().is_empty() => format!("[]{}", go_name(e)),
        Shape::Map(e) if t.name().is_empty() => format!("map[string]{}", go_name(e)),
        Shape::Struct(..) => format!("v1.{}", t.name()),
        _ => t.name().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::table::id;
    use super::*;

    fn names(ty: u8) -> Vec<&'static str> {
        field_names(ty).collect()
    }

    #[test]
    fn table_is_consistent() {
        for (i, t) in TYPES.iter().enumerate() {
            let i = u8::try_from(i).expect("at most 256 types");
            match t.shape() {
                Shape::Struct(_, types) => {
                    let n = names(i);
                    assert_eq!(n.len(), types.len(), "{}", t.name());
                    let mut sorted = n.clone();
                    sorted.sort_unstable();
                    sorted.dedup();
                    assert_eq!(sorted.len(), n.len(), "{}: repeated field", t.name());
                    assert!(types.iter().all(|&f| usize::from(f) < TYPES.len()));
                    assert!(!t.name().is_empty());
                }
                Shape::Slice(e) | Shape::Map(e) => assert!(usize::from(e) < TYPES.len()),
                Shape::Unchecked => assert_eq!(t.1, [kind::K_ANY]),
                _ => assert!(!t.name().is_empty() && t.1.len() == 1),
            }
        }
    }

    // Field names are the json tags of k8s.io/api v0.33.9 core/v1/types.go (read with the
    // search tool), in declaration order, inline structs (`VolumeSource`, `ProbeHandler`,
    // `EphemeralContainerCommon`) spliced in.
    #[test]
    fn field_names_match_upstream_json_tags() {
        let cases: &[(u8, &str)] = &[
            (
                id::TOLERATION,
                "key operator value effect tolerationSeconds",
            ),
            (id::AFFINITY, "nodeAffinity podAffinity podAntiAffinity"),
            (id::WEIGHTED_POD_AFFINITY_TERM, "weight podAffinityTerm"),
            (
                id::POD_AFFINITY_TERM,
                "labelSelector namespaces topologyKey namespaceSelector matchLabelKeys \
                 mismatchLabelKeys",
            ),
            (
                id::TOPOLOGY_SPREAD_CONSTRAINT,
                "maxSkew topologyKey whenUnsatisfiable labelSelector minDomains \
                 nodeAffinityPolicy nodeTaintsPolicy matchLabelKeys",
            ),
            (
                id::PROBE,
                "exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds \
                 successThreshold failureThreshold terminationGracePeriodSeconds",
            ),
            (id::RESOURCE_REQUIREMENTS, "limits requests claims"),
            (
                id::CONTAINER,
                "name image command args workingDir ports envFrom env resources resizePolicy \
                 restartPolicy volumeMounts volumeDevices livenessProbe readinessProbe \
                 startupProbe lifecycle terminationMessagePath terminationMessagePolicy \
                 imagePullPolicy securityContext stdin stdinOnce tty",
            ),
            (
                id::POD_SPEC,
                "volumes initContainers containers ephemeralContainers restartPolicy \
                 terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector \
                 serviceAccountName serviceAccount automountServiceAccountToken nodeName \
                 hostNetwork hostPID hostIPC shareProcessNamespace securityContext \
                 imagePullSecrets hostname subdomain affinity schedulerName tolerations \
                 hostAliases priorityClassName priority dnsConfig readinessGates \
                 runtimeClassName enableServiceLinks preemptionPolicy overhead \
                 topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates \
                 resourceClaims resources",
            ),
            (
                id::DEPLOYMENT_SPEC,
                "replicas selector template strategy minReadySeconds revisionHistoryLimit \
                 paused progressDeadlineSeconds",
            ),
            (id::ROLLING_UPDATE_DEPLOYMENT, "maxUnavailable maxSurge"),
            // apps/v1/types.go StatefulSetSpec, StatefulSetStatus, DaemonSetStatus.
            (
                id::STATEFUL_SET_SPEC,
                "replicas selector template volumeClaimTemplates serviceName \
                 podManagementPolicy updateStrategy revisionHistoryLimit minReadySeconds \
                 persistentVolumeClaimRetentionPolicy ordinals",
            ),
            (
                id::STATEFUL_SET_STATUS,
                "observedGeneration replicas readyReplicas currentReplicas updatedReplicas \
                 currentRevision updateRevision collisionCount conditions availableReplicas",
            ),
            (
                id::DAEMON_SET_STATUS,
                "currentNumberScheduled numberMisscheduled desiredNumberScheduled numberReady \
                 observedGeneration updatedNumberScheduled numberAvailable numberUnavailable \
                 collisionCount conditions",
            ),
        ];
        for (ty, want) in cases {
            let want: Vec<&str> = want.split_whitespace().collect();
            assert_eq!(names(*ty), want, "{}", get(*ty).name());
        }
        // EphemeralContainer is Container's fields plus targetContainerName.
        let mut eph = names(id::CONTAINER);
        eph.push("targetContainerName");
        assert_eq!(names(id::EPHEMERAL_CONTAINER), eph);
        // Volume is `name` plus every VolumeSource field.
        let volume = "name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo \
                      secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder \
                      cephfs flocker downwardAPI fc azureFile configMap vsphereVolume quobyte \
                      azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos \
                      csi ephemeral image";
        assert_eq!(
            names(id::VOLUME),
            volume.split_whitespace().collect::<Vec<_>>()
        );
    }

    // reflect.Type.String() of the field types, as UnmarshalTypeError prints them.
    #[test]
    fn go_type_names() {
        let f = |t: u8, k: &str| go_name(field(t, k).expect(k).1);
        assert_eq!(f(id::POD_SPEC, "tolerations"), "[]v1.Toleration");
        assert_eq!(f(id::POD_SPEC, "affinity"), "v1.Affinity");
        assert_eq!(f(id::POD_SPEC, "nodeSelector"), "map[string]string");
        assert_eq!(f(id::POD_SPEC, "terminationGracePeriodSeconds"), "int64");
        assert_eq!(f(id::POD_SPEC, "priority"), "int32");
        assert_eq!(f(id::POD_SPEC, "hostUsers"), "bool");
        assert_eq!(f(id::POD_SPEC, "overhead"), "v1.ResourceList");
        assert_eq!(f(id::POD_SPEC, "dnsPolicy"), "v1.DNSPolicy");
        assert_eq!(f(id::CONTAINER, "imagePullPolicy"), "v1.PullPolicy");
        assert_eq!(f(id::CONTAINER, "command"), "[]string");
        assert_eq!(f(id::SECURITY_CONTEXT, "runAsUser"), "int64");
        assert_eq!(f(id::CAPABILITIES, "add"), "[]v1.Capability");
        assert_eq!(f(id::POD_SECURITY_CONTEXT, "supplementalGroups"), "[]int64");
        assert_eq!(f(id::CONTAINER_STATE_RUNNING, "startedAt"), "string");
        assert_eq!(field(id::POD_SPEC, "nodeSelecter"), None);
    }
}
