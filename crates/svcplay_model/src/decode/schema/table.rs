//! The table of [`super`], one line per Go type. Generated from the json tags and Go field types
//! of k8s.io/api v0.33.9 `core/v1/types.go` and `apps/v1/types.go` (and `metav1.LabelSelector`):
//! every type reachable from the roots in [`super::root`], inline structs spliced in, pointers
//! dropped, `metav1.Time` as `string`, types no field refers to left out.

/// Indices into [`TYPES`].
#[allow(dead_code)]
pub(super) mod id {
    pub const POD_SPEC: u8 = 0;
    pub const VOLUME: u8 = 1;
    pub const STRING: u8 = 2;
    pub const HOST_PATH_VOLUME_SOURCE: u8 = 3;
    pub const HOST_PATH_TYPE: u8 = 4;
    pub const EMPTY_DIR_VOLUME_SOURCE: u8 = 5;
    pub const STORAGE_MEDIUM: u8 = 6;
    pub const QUANTITY: u8 = 7;
    pub const GCE_PERSISTENT_DISK_VOLUME_SOURCE: u8 = 8;
    pub const INT32: u8 = 9;
    pub const BOOL: u8 = 10;
    pub const AWS_ELASTIC_BLOCK_STORE_VOLUME_SOURCE: u8 = 11;
    pub const GIT_REPO_VOLUME_SOURCE: u8 = 12;
    pub const SECRET_VOLUME_SOURCE: u8 = 13;
    pub const KEY_TO_PATH: u8 = 14;
    pub const LIST_KEY_TO_PATH: u8 = 15;
    pub const NFS_VOLUME_SOURCE: u8 = 16;
    pub const ISCSI_VOLUME_SOURCE: u8 = 17;
    pub const LIST_STRING: u8 = 18;
    pub const LOCAL_OBJECT_REFERENCE: u8 = 19;
    pub const GLUSTERFS_VOLUME_SOURCE: u8 = 20;
    pub const PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE: u8 = 21;
    pub const RBD_VOLUME_SOURCE: u8 = 22;
    pub const FLEX_VOLUME_SOURCE: u8 = 23;
    pub const MAP_STRING: u8 = 24;
    pub const CINDER_VOLUME_SOURCE: u8 = 25;
    pub const CEPH_FS_VOLUME_SOURCE: u8 = 26;
    pub const FLOCKER_VOLUME_SOURCE: u8 = 27;
    pub const DOWNWARD_API_VOLUME_SOURCE: u8 = 28;
    pub const DOWNWARD_API_VOLUME_FILE: u8 = 29;
    pub const OBJECT_FIELD_SELECTOR: u8 = 30;
    pub const RESOURCE_FIELD_SELECTOR: u8 = 31;
    pub const LIST_DOWNWARD_API_VOLUME_FILE: u8 = 32;
    pub const FC_VOLUME_SOURCE: u8 = 33;
    pub const AZURE_FILE_VOLUME_SOURCE: u8 = 34;
    pub const CONFIG_MAP_VOLUME_SOURCE: u8 = 35;
    pub const VSPHERE_VIRTUAL_DISK_VOLUME_SOURCE: u8 = 36;
    pub const QUOBYTE_VOLUME_SOURCE: u8 = 37;
    pub const AZURE_DISK_VOLUME_SOURCE: u8 = 38;
    pub const AZURE_DATA_DISK_CACHING_MODE: u8 = 39;
    pub const AZURE_DATA_DISK_KIND: u8 = 40;
    pub const PHOTON_PERSISTENT_DISK_VOLUME_SOURCE: u8 = 41;
    pub const PROJECTED_VOLUME_SOURCE: u8 = 42;
    pub const VOLUME_PROJECTION: u8 = 43;
    pub const SECRET_PROJECTION: u8 = 44;
    pub const DOWNWARD_API_PROJECTION: u8 = 45;
    pub const CONFIG_MAP_PROJECTION: u8 = 46;
    pub const SERVICE_ACCOUNT_TOKEN_PROJECTION: u8 = 47;
    pub const INT64: u8 = 48;
    pub const CLUSTER_TRUST_BUNDLE_PROJECTION: u8 = 49;
    pub const LABEL_SELECTOR: u8 = 50;
    pub const LABEL_SELECTOR_REQUIREMENT: u8 = 51;
    pub const LABEL_SELECTOR_OPERATOR: u8 = 52;
    pub const LIST_LABEL_SELECTOR_REQUIREMENT: u8 = 53;
    pub const LIST_VOLUME_PROJECTION: u8 = 54;
    pub const PORTWORX_VOLUME_SOURCE: u8 = 55;
    pub const SCALE_IO_VOLUME_SOURCE: u8 = 56;
    pub const STORAGE_OS_VOLUME_SOURCE: u8 = 57;
    pub const CSI_VOLUME_SOURCE: u8 = 58;
    pub const EPHEMERAL_VOLUME_SOURCE: u8 = 59;
    pub const PERSISTENT_VOLUME_CLAIM_TEMPLATE: u8 = 60;
    pub const OBJECT_META: u8 = 61;
    pub const PERSISTENT_VOLUME_CLAIM_SPEC: u8 = 62;
    pub const PERSISTENT_VOLUME_ACCESS_MODE: u8 = 63;
    pub const LIST_PERSISTENT_VOLUME_ACCESS_MODE: u8 = 64;
    pub const VOLUME_RESOURCE_REQUIREMENTS: u8 = 65;
    pub const RESOURCE_NAME: u8 = 66;
    pub const RESOURCE_LIST: u8 = 67;
    pub const PERSISTENT_VOLUME_MODE: u8 = 68;
    pub const TYPED_LOCAL_OBJECT_REFERENCE: u8 = 69;
    pub const TYPED_OBJECT_REFERENCE: u8 = 70;
    pub const IMAGE_VOLUME_SOURCE: u8 = 71;
    pub const PULL_POLICY: u8 = 72;
    pub const LIST_VOLUME: u8 = 73;
    pub const CONTAINER: u8 = 74;
    pub const CONTAINER_PORT: u8 = 75;
    pub const PROTOCOL: u8 = 76;
    pub const LIST_CONTAINER_PORT: u8 = 77;
    pub const ENV_FROM_SOURCE: u8 = 78;
    pub const CONFIG_MAP_ENV_SOURCE: u8 = 79;
    pub const SECRET_ENV_SOURCE: u8 = 80;
    pub const LIST_ENV_FROM_SOURCE: u8 = 81;
    pub const ENV_VAR: u8 = 82;
    pub const ENV_VAR_SOURCE: u8 = 83;
    pub const CONFIG_MAP_KEY_SELECTOR: u8 = 84;
    pub const SECRET_KEY_SELECTOR: u8 = 85;
    pub const LIST_ENV_VAR: u8 = 86;
    pub const RESOURCE_REQUIREMENTS: u8 = 87;
    pub const RESOURCE_CLAIM: u8 = 88;
    pub const LIST_RESOURCE_CLAIM: u8 = 89;
    pub const CONTAINER_RESIZE_POLICY: u8 = 90;
    pub const RESOURCE_RESIZE_RESTART_POLICY: u8 = 91;
    pub const LIST_CONTAINER_RESIZE_POLICY: u8 = 92;
    pub const CONTAINER_RESTART_POLICY: u8 = 93;
    pub const VOLUME_MOUNT: u8 = 94;
    pub const RECURSIVE_READ_ONLY_MODE: u8 = 95;
    pub const MOUNT_PROPAGATION_MODE: u8 = 96;
    pub const LIST_VOLUME_MOUNT: u8 = 97;
    pub const VOLUME_DEVICE: u8 = 98;
    pub const LIST_VOLUME_DEVICE: u8 = 99;
    pub const PROBE: u8 = 100;
    pub const EXEC_ACTION: u8 = 101;
    pub const HTTP_GET_ACTION: u8 = 102;
    pub const INT_OR_STRING: u8 = 103;
    pub const URI_SCHEME: u8 = 104;
    pub const HTTP_HEADER: u8 = 105;
    pub const LIST_HTTP_HEADER: u8 = 106;
    pub const TCP_SOCKET_ACTION: u8 = 107;
    pub const GRPC_ACTION: u8 = 108;
    pub const LIFECYCLE: u8 = 109;
    pub const LIFECYCLE_HANDLER: u8 = 110;
    pub const SLEEP_ACTION: u8 = 111;
    pub const SIGNAL: u8 = 112;
    pub const TERMINATION_MESSAGE_POLICY: u8 = 113;
    pub const SECURITY_CONTEXT: u8 = 114;
    pub const CAPABILITIES: u8 = 115;
    pub const CAPABILITY: u8 = 116;
    pub const LIST_CAPABILITY: u8 = 117;
    pub const SE_LINUX_OPTIONS: u8 = 118;
    pub const WINDOWS_SECURITY_CONTEXT_OPTIONS: u8 = 119;
    pub const PROC_MOUNT_TYPE: u8 = 120;
    pub const SECCOMP_PROFILE: u8 = 121;
    pub const SECCOMP_PROFILE_TYPE: u8 = 122;
    pub const APP_ARMOR_PROFILE: u8 = 123;
    pub const APP_ARMOR_PROFILE_TYPE: u8 = 124;
    pub const LIST_CONTAINER: u8 = 125;
    pub const EPHEMERAL_CONTAINER: u8 = 126;
    pub const LIST_EPHEMERAL_CONTAINER: u8 = 127;
    pub const RESTART_POLICY: u8 = 128;
    pub const DNS_POLICY: u8 = 129;
    pub const POD_SECURITY_CONTEXT: u8 = 130;
    pub const LIST_INT64: u8 = 131;
    pub const SUPPLEMENTAL_GROUPS_POLICY: u8 = 132;
    pub const SYSCTL: u8 = 133;
    pub const LIST_SYSCTL: u8 = 134;
    pub const POD_FS_GROUP_CHANGE_POLICY: u8 = 135;
    pub const POD_SE_LINUX_CHANGE_POLICY: u8 = 136;
    pub const LIST_LOCAL_OBJECT_REFERENCE: u8 = 137;
    pub const AFFINITY: u8 = 138;
    pub const NODE_AFFINITY: u8 = 139;
    pub const NODE_SELECTOR: u8 = 140;
    pub const NODE_SELECTOR_TERM: u8 = 141;
    pub const NODE_SELECTOR_REQUIREMENT: u8 = 142;
    pub const NODE_SELECTOR_OPERATOR: u8 = 143;
    pub const LIST_NODE_SELECTOR_REQUIREMENT: u8 = 144;
    pub const LIST_NODE_SELECTOR_TERM: u8 = 145;
    pub const PREFERRED_SCHEDULING_TERM: u8 = 146;
    pub const LIST_PREFERRED_SCHEDULING_TERM: u8 = 147;
    pub const POD_AFFINITY: u8 = 148;
    pub const POD_AFFINITY_TERM: u8 = 149;
    pub const LIST_POD_AFFINITY_TERM: u8 = 150;
    pub const WEIGHTED_POD_AFFINITY_TERM: u8 = 151;
    pub const LIST_WEIGHTED_POD_AFFINITY_TERM: u8 = 152;
    pub const POD_ANTI_AFFINITY: u8 = 153;
    pub const TOLERATION: u8 = 154;
    pub const TOLERATION_OPERATOR: u8 = 155;
    pub const TAINT_EFFECT: u8 = 156;
    pub const LIST_TOLERATION: u8 = 157;
    pub const HOST_ALIAS: u8 = 158;
    pub const LIST_HOST_ALIAS: u8 = 159;
    pub const POD_DNS_CONFIG: u8 = 160;
    pub const POD_DNS_CONFIG_OPTION: u8 = 161;
    pub const LIST_POD_DNS_CONFIG_OPTION: u8 = 162;
    pub const POD_READINESS_GATE: u8 = 163;
    pub const POD_CONDITION_TYPE: u8 = 164;
    pub const LIST_POD_READINESS_GATE: u8 = 165;
    pub const PREEMPTION_POLICY: u8 = 166;
    pub const TOPOLOGY_SPREAD_CONSTRAINT: u8 = 167;
    pub const UNSATISFIABLE_CONSTRAINT_ACTION: u8 = 168;
    pub const NODE_INCLUSION_POLICY: u8 = 169;
    pub const LIST_TOPOLOGY_SPREAD_CONSTRAINT: u8 = 170;
    pub const POD_OS: u8 = 171;
    pub const OS_NAME: u8 = 172;
    pub const POD_SCHEDULING_GATE: u8 = 173;
    pub const LIST_POD_SCHEDULING_GATE: u8 = 174;
    pub const POD_RESOURCE_CLAIM: u8 = 175;
    pub const LIST_POD_RESOURCE_CLAIM: u8 = 176;
    pub const POD_STATUS: u8 = 177;
    pub const POD_PHASE: u8 = 178;
    pub const POD_CONDITION: u8 = 179;
    pub const CONDITION_STATUS: u8 = 180;
    pub const LIST_POD_CONDITION: u8 = 181;
    pub const HOST_IP: u8 = 182;
    pub const LIST_HOST_IP: u8 = 183;
    pub const POD_IP: u8 = 184;
    pub const LIST_POD_IP: u8 = 185;
    pub const CONTAINER_STATUS: u8 = 186;
    pub const CONTAINER_STATE: u8 = 187;
    pub const CONTAINER_STATE_WAITING: u8 = 188;
    pub const CONTAINER_STATE_RUNNING: u8 = 189;
    pub const CONTAINER_STATE_TERMINATED: u8 = 190;
    pub const VOLUME_MOUNT_STATUS: u8 = 191;
    pub const LIST_VOLUME_MOUNT_STATUS: u8 = 192;
    pub const CONTAINER_USER: u8 = 193;
    pub const LINUX_CONTAINER_USER: u8 = 194;
    pub const RESOURCE_STATUS: u8 = 195;
    pub const RESOURCE_HEALTH: u8 = 196;
    pub const RESOURCE_ID: u8 = 197;
    pub const RESOURCE_HEALTH_STATUS: u8 = 198;
    pub const LIST_RESOURCE_HEALTH: u8 = 199;
    pub const LIST_RESOURCE_STATUS: u8 = 200;
    pub const LIST_CONTAINER_STATUS: u8 = 201;
    pub const POD_QOS_CLASS: u8 = 202;
    pub const POD_RESIZE_STATUS: u8 = 203;
    pub const POD_RESOURCE_CLAIM_STATUS: u8 = 204;
    pub const LIST_POD_RESOURCE_CLAIM_STATUS: u8 = 205;
    pub const DEPLOYMENT_SPEC: u8 = 206;
    pub const POD_TEMPLATE_SPEC: u8 = 207;
    pub const DEPLOYMENT_STRATEGY: u8 = 208;
    pub const DEPLOYMENT_STRATEGY_TYPE: u8 = 209;
    pub const ROLLING_UPDATE_DEPLOYMENT: u8 = 210;
    pub const DEPLOYMENT_STATUS: u8 = 211;
    pub const DEPLOYMENT_CONDITION: u8 = 212;
    pub const DEPLOYMENT_CONDITION_TYPE: u8 = 213;
    pub const LIST_DEPLOYMENT_CONDITION: u8 = 214;
    pub const REPLICA_SET_SPEC: u8 = 215;
    pub const REPLICA_SET_STATUS: u8 = 216;
    pub const REPLICA_SET_CONDITION: u8 = 217;
    pub const REPLICA_SET_CONDITION_TYPE: u8 = 218;
    pub const LIST_REPLICA_SET_CONDITION: u8 = 219;
}

use super::{GoType, Shape, st, ty};
use id::*;

/// Every Go type reachable from the catch-alls, by index.
#[rustfmt::skip]
pub(crate) static TYPES: [GoType; 220] = [
    st("PodSpec", "volumes initContainers containers ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims resources", &[LIST_VOLUME, LIST_CONTAINER, LIST_CONTAINER, LIST_EPHEMERAL_CONTAINER, RESTART_POLICY, INT64, INT64, DNS_POLICY, MAP_STRING, STRING, STRING, BOOL, STRING, BOOL, BOOL, BOOL, BOOL, POD_SECURITY_CONTEXT, LIST_LOCAL_OBJECT_REFERENCE, STRING, STRING, AFFINITY, STRING, LIST_TOLERATION, LIST_HOST_ALIAS, STRING, INT32, POD_DNS_CONFIG, LIST_POD_READINESS_GATE, STRING, BOOL, PREEMPTION_POLICY, RESOURCE_LIST, LIST_TOPOLOGY_SPREAD_CONSTRAINT, BOOL, POD_OS, BOOL, LIST_POD_SCHEDULING_GATE, LIST_POD_RESOURCE_CLAIM, RESOURCE_REQUIREMENTS]),
    st("Volume", "name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap vsphereVolume quobyte azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos csi ephemeral image", &[STRING, HOST_PATH_VOLUME_SOURCE, EMPTY_DIR_VOLUME_SOURCE, GCE_PERSISTENT_DISK_VOLUME_SOURCE, AWS_ELASTIC_BLOCK_STORE_VOLUME_SOURCE, GIT_REPO_VOLUME_SOURCE, SECRET_VOLUME_SOURCE, NFS_VOLUME_SOURCE, ISCSI_VOLUME_SOURCE, GLUSTERFS_VOLUME_SOURCE, PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE, RBD_VOLUME_SOURCE, FLEX_VOLUME_SOURCE, CINDER_VOLUME_SOURCE, CEPH_FS_VOLUME_SOURCE, FLOCKER_VOLUME_SOURCE, DOWNWARD_API_VOLUME_SOURCE, FC_VOLUME_SOURCE, AZURE_FILE_VOLUME_SOURCE, CONFIG_MAP_VOLUME_SOURCE, VSPHERE_VIRTUAL_DISK_VOLUME_SOURCE, QUOBYTE_VOLUME_SOURCE, AZURE_DISK_VOLUME_SOURCE, PHOTON_PERSISTENT_DISK_VOLUME_SOURCE, PROJECTED_VOLUME_SOURCE, PORTWORX_VOLUME_SOURCE, SCALE_IO_VOLUME_SOURCE, STORAGE_OS_VOLUME_SOURCE, CSI_VOLUME_SOURCE, EPHEMERAL_VOLUME_SOURCE, IMAGE_VOLUME_SOURCE]),
    ty("string", Shape::Str),
    st("HostPathVolumeSource", "path type", &[STRING, HOST_PATH_TYPE]),
    ty("v1.HostPathType", Shape::Str),
    st("EmptyDirVolumeSource", "medium sizeLimit", &[STORAGE_MEDIUM, QUANTITY]),
    ty("v1.StorageMedium", Shape::Str),
    ty("resource.Quantity", Shape::Unchecked),
    st("GCEPersistentDiskVolumeSource", "pdName fsType partition readOnly", &[STRING, STRING, INT32, BOOL]),
    ty("int32", Shape::Int32),
    ty("bool", Shape::Bool),
    st("AWSElasticBlockStoreVolumeSource", "volumeID fsType partition readOnly", &[STRING, STRING, INT32, BOOL]),
    st("GitRepoVolumeSource", "repository revision directory", &[STRING, STRING, STRING]),
    st("SecretVolumeSource", "secretName items defaultMode optional", &[STRING, LIST_KEY_TO_PATH, INT32, BOOL]),
    st("KeyToPath", "key path mode", &[STRING, STRING, INT32]),
    ty("", Shape::Slice(KEY_TO_PATH)),
    st("NFSVolumeSource", "server path readOnly", &[STRING, STRING, BOOL]),
    st("ISCSIVolumeSource", "targetPortal iqn lun iscsiInterface fsType readOnly portals chapAuthDiscovery chapAuthSession secretRef initiatorName", &[STRING, STRING, INT32, STRING, STRING, BOOL, LIST_STRING, BOOL, BOOL, LOCAL_OBJECT_REFERENCE, STRING]),
    ty("", Shape::Slice(STRING)),
    st("LocalObjectReference", "name", &[STRING]),
    st("GlusterfsVolumeSource", "endpoints path readOnly", &[STRING, STRING, BOOL]),
    st("PersistentVolumeClaimVolumeSource", "claimName readOnly", &[STRING, BOOL]),
    st("RBDVolumeSource", "monitors image fsType pool user keyring secretRef readOnly", &[LIST_STRING, STRING, STRING, STRING, STRING, STRING, LOCAL_OBJECT_REFERENCE, BOOL]),
    st("FlexVolumeSource", "driver fsType secretRef readOnly options", &[STRING, STRING, LOCAL_OBJECT_REFERENCE, BOOL, MAP_STRING]),
    ty("", Shape::Map(STRING)),
    st("CinderVolumeSource", "volumeID fsType readOnly secretRef", &[STRING, STRING, BOOL, LOCAL_OBJECT_REFERENCE]),
    st("CephFSVolumeSource", "monitors path user secretFile secretRef readOnly", &[LIST_STRING, STRING, STRING, STRING, LOCAL_OBJECT_REFERENCE, BOOL]),
    st("FlockerVolumeSource", "datasetName datasetUUID", &[STRING, STRING]),
    st("DownwardAPIVolumeSource", "items defaultMode", &[LIST_DOWNWARD_API_VOLUME_FILE, INT32]),
    st("DownwardAPIVolumeFile", "path fieldRef resourceFieldRef mode", &[STRING, OBJECT_FIELD_SELECTOR, RESOURCE_FIELD_SELECTOR, INT32]),
    st("ObjectFieldSelector", "apiVersion fieldPath", &[STRING, STRING]),
    st("ResourceFieldSelector", "containerName resource divisor", &[STRING, STRING, QUANTITY]),
    ty("", Shape::Slice(DOWNWARD_API_VOLUME_FILE)),
    st("FCVolumeSource", "targetWWNs lun fsType readOnly wwids", &[LIST_STRING, INT32, STRING, BOOL, LIST_STRING]),
    st("AzureFileVolumeSource", "secretName shareName readOnly", &[STRING, STRING, BOOL]),
    st("ConfigMapVolumeSource", "name items defaultMode optional", &[STRING, LIST_KEY_TO_PATH, INT32, BOOL]),
    st("VsphereVirtualDiskVolumeSource", "volumePath fsType storagePolicyName storagePolicyID", &[STRING, STRING, STRING, STRING]),
    st("QuobyteVolumeSource", "registry volume readOnly user group tenant", &[STRING, STRING, BOOL, STRING, STRING, STRING]),
    st("AzureDiskVolumeSource", "diskName diskURI cachingMode fsType readOnly kind", &[STRING, STRING, AZURE_DATA_DISK_CACHING_MODE, STRING, BOOL, AZURE_DATA_DISK_KIND]),
    ty("v1.AzureDataDiskCachingMode", Shape::Str),
    ty("v1.AzureDataDiskKind", Shape::Str),
    st("PhotonPersistentDiskVolumeSource", "pdID fsType", &[STRING, STRING]),
    st("ProjectedVolumeSource", "sources defaultMode", &[LIST_VOLUME_PROJECTION, INT32]),
    st("VolumeProjection", "secret downwardAPI configMap serviceAccountToken clusterTrustBundle", &[SECRET_PROJECTION, DOWNWARD_API_PROJECTION, CONFIG_MAP_PROJECTION, SERVICE_ACCOUNT_TOKEN_PROJECTION, CLUSTER_TRUST_BUNDLE_PROJECTION]),
    st("SecretProjection", "name items optional", &[STRING, LIST_KEY_TO_PATH, BOOL]),
    st("DownwardAPIProjection", "items", &[LIST_DOWNWARD_API_VOLUME_FILE]),
    st("ConfigMapProjection", "name items optional", &[STRING, LIST_KEY_TO_PATH, BOOL]),
    st("ServiceAccountTokenProjection", "audience expirationSeconds path", &[STRING, INT64, STRING]),
    ty("int64", Shape::Int64),
    st("ClusterTrustBundleProjection", "name signerName labelSelector optional path", &[STRING, STRING, LABEL_SELECTOR, BOOL, STRING]),
    st("LabelSelector", "matchLabels matchExpressions", &[MAP_STRING, LIST_LABEL_SELECTOR_REQUIREMENT]),
    st("LabelSelectorRequirement", "key operator values", &[STRING, LABEL_SELECTOR_OPERATOR, LIST_STRING]),
    ty("v1.LabelSelectorOperator", Shape::Str),
    ty("", Shape::Slice(LABEL_SELECTOR_REQUIREMENT)),
    ty("", Shape::Slice(VOLUME_PROJECTION)),
    st("PortworxVolumeSource", "volumeID fsType readOnly", &[STRING, STRING, BOOL]),
    st("ScaleIOVolumeSource", "gateway system secretRef sslEnabled protectionDomain storagePool storageMode volumeName fsType readOnly", &[STRING, STRING, LOCAL_OBJECT_REFERENCE, BOOL, STRING, STRING, STRING, STRING, STRING, BOOL]),
    st("StorageOSVolumeSource", "volumeName volumeNamespace fsType readOnly secretRef", &[STRING, STRING, STRING, BOOL, LOCAL_OBJECT_REFERENCE]),
    st("CSIVolumeSource", "driver readOnly fsType volumeAttributes nodePublishSecretRef", &[STRING, BOOL, STRING, MAP_STRING, LOCAL_OBJECT_REFERENCE]),
    st("EphemeralVolumeSource", "volumeClaimTemplate", &[PERSISTENT_VOLUME_CLAIM_TEMPLATE]),
    st("PersistentVolumeClaimTemplate", "metadata spec", &[OBJECT_META, PERSISTENT_VOLUME_CLAIM_SPEC]),
    ty("v1.ObjectMeta", Shape::Unchecked),
    st("PersistentVolumeClaimSpec", "accessModes selector resources volumeName storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName", &[LIST_PERSISTENT_VOLUME_ACCESS_MODE, LABEL_SELECTOR, VOLUME_RESOURCE_REQUIREMENTS, STRING, STRING, PERSISTENT_VOLUME_MODE, TYPED_LOCAL_OBJECT_REFERENCE, TYPED_OBJECT_REFERENCE, STRING]),
    ty("v1.PersistentVolumeAccessMode", Shape::Str),
    ty("", Shape::Slice(PERSISTENT_VOLUME_ACCESS_MODE)),
    st("VolumeResourceRequirements", "limits requests", &[RESOURCE_LIST, RESOURCE_LIST]),
    ty("v1.ResourceName", Shape::Str),
    ty("v1.ResourceList", Shape::Map(QUANTITY)),
    ty("v1.PersistentVolumeMode", Shape::Str),
    st("TypedLocalObjectReference", "apiGroup kind name", &[STRING, STRING, STRING]),
    st("TypedObjectReference", "apiGroup kind name namespace", &[STRING, STRING, STRING, STRING]),
    st("ImageVolumeSource", "reference pullPolicy", &[STRING, PULL_POLICY]),
    ty("v1.PullPolicy", Shape::Str),
    ty("", Shape::Slice(VOLUME)),
    st("Container", "name image command args workingDir ports envFrom env resources resizePolicy restartPolicy volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty", &[STRING, STRING, LIST_STRING, LIST_STRING, STRING, LIST_CONTAINER_PORT, LIST_ENV_FROM_SOURCE, LIST_ENV_VAR, RESOURCE_REQUIREMENTS, LIST_CONTAINER_RESIZE_POLICY, CONTAINER_RESTART_POLICY, LIST_VOLUME_MOUNT, LIST_VOLUME_DEVICE, PROBE, PROBE, PROBE, LIFECYCLE, STRING, TERMINATION_MESSAGE_POLICY, PULL_POLICY, SECURITY_CONTEXT, BOOL, BOOL, BOOL]),
    st("ContainerPort", "name hostPort containerPort protocol hostIP", &[STRING, INT32, INT32, PROTOCOL, STRING]),
    ty("v1.Protocol", Shape::Str),
    ty("", Shape::Slice(CONTAINER_PORT)),
    st("EnvFromSource", "prefix configMapRef secretRef", &[STRING, CONFIG_MAP_ENV_SOURCE, SECRET_ENV_SOURCE]),
    st("ConfigMapEnvSource", "name optional", &[STRING, BOOL]),
    st("SecretEnvSource", "name optional", &[STRING, BOOL]),
    ty("", Shape::Slice(ENV_FROM_SOURCE)),
    st("EnvVar", "name value valueFrom", &[STRING, STRING, ENV_VAR_SOURCE]),
    st("EnvVarSource", "fieldRef resourceFieldRef configMapKeyRef secretKeyRef", &[OBJECT_FIELD_SELECTOR, RESOURCE_FIELD_SELECTOR, CONFIG_MAP_KEY_SELECTOR, SECRET_KEY_SELECTOR]),
    st("ConfigMapKeySelector", "name key optional", &[STRING, STRING, BOOL]),
    st("SecretKeySelector", "name key optional", &[STRING, STRING, BOOL]),
    ty("", Shape::Slice(ENV_VAR)),
    st("ResourceRequirements", "limits requests claims", &[RESOURCE_LIST, RESOURCE_LIST, LIST_RESOURCE_CLAIM]),
    st("ResourceClaim", "name request", &[STRING, STRING]),
    ty("", Shape::Slice(RESOURCE_CLAIM)),
    st("ContainerResizePolicy", "resourceName restartPolicy", &[RESOURCE_NAME, RESOURCE_RESIZE_RESTART_POLICY]),
    ty("v1.ResourceResizeRestartPolicy", Shape::Str),
    ty("", Shape::Slice(CONTAINER_RESIZE_POLICY)),
    ty("v1.ContainerRestartPolicy", Shape::Str),
    st("VolumeMount", "name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr", &[STRING, BOOL, RECURSIVE_READ_ONLY_MODE, STRING, STRING, MOUNT_PROPAGATION_MODE, STRING]),
    ty("v1.RecursiveReadOnlyMode", Shape::Str),
    ty("v1.MountPropagationMode", Shape::Str),
    ty("", Shape::Slice(VOLUME_MOUNT)),
    st("VolumeDevice", "name devicePath", &[STRING, STRING]),
    ty("", Shape::Slice(VOLUME_DEVICE)),
    st("Probe", "exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds", &[EXEC_ACTION, HTTP_GET_ACTION, TCP_SOCKET_ACTION, GRPC_ACTION, INT32, INT32, INT32, INT32, INT32, INT64]),
    st("ExecAction", "command", &[LIST_STRING]),
    st("HTTPGetAction", "path port host scheme httpHeaders", &[STRING, INT_OR_STRING, STRING, URI_SCHEME, LIST_HTTP_HEADER]),
    ty("intstr.IntOrString", Shape::IntOrString),
    ty("v1.URIScheme", Shape::Str),
    st("HTTPHeader", "name value", &[STRING, STRING]),
    ty("", Shape::Slice(HTTP_HEADER)),
    st("TCPSocketAction", "port host", &[INT_OR_STRING, STRING]),
    st("GRPCAction", "port service", &[INT32, STRING]),
    st("Lifecycle", "postStart preStop stopSignal", &[LIFECYCLE_HANDLER, LIFECYCLE_HANDLER, SIGNAL]),
    st("LifecycleHandler", "exec httpGet tcpSocket sleep", &[EXEC_ACTION, HTTP_GET_ACTION, TCP_SOCKET_ACTION, SLEEP_ACTION]),
    st("SleepAction", "seconds", &[INT64]),
    ty("v1.Signal", Shape::Str),
    ty("v1.TerminationMessagePolicy", Shape::Str),
    st("SecurityContext", "capabilities privileged seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount seccompProfile appArmorProfile", &[CAPABILITIES, BOOL, SE_LINUX_OPTIONS, WINDOWS_SECURITY_CONTEXT_OPTIONS, INT64, INT64, BOOL, BOOL, BOOL, PROC_MOUNT_TYPE, SECCOMP_PROFILE, APP_ARMOR_PROFILE]),
    st("Capabilities", "add drop", &[LIST_CAPABILITY, LIST_CAPABILITY]),
    ty("v1.Capability", Shape::Str),
    ty("", Shape::Slice(CAPABILITY)),
    st("SELinuxOptions", "user role type level", &[STRING, STRING, STRING, STRING]),
    st("WindowsSecurityContextOptions", "gmsaCredentialSpecName gmsaCredentialSpec runAsUserName hostProcess", &[STRING, STRING, STRING, BOOL]),
    ty("v1.ProcMountType", Shape::Str),
    st("SeccompProfile", "type localhostProfile", &[SECCOMP_PROFILE_TYPE, STRING]),
    ty("v1.SeccompProfileType", Shape::Str),
    st("AppArmorProfile", "type localhostProfile", &[APP_ARMOR_PROFILE_TYPE, STRING]),
    ty("v1.AppArmorProfileType", Shape::Str),
    ty("", Shape::Slice(CONTAINER)),
    st("EphemeralContainer", "name image command args workingDir ports envFrom env resources resizePolicy restartPolicy volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty targetContainerName", &[STRING, STRING, LIST_STRING, LIST_STRING, STRING, LIST_CONTAINER_PORT, LIST_ENV_FROM_SOURCE, LIST_ENV_VAR, RESOURCE_REQUIREMENTS, LIST_CONTAINER_RESIZE_POLICY, CONTAINER_RESTART_POLICY, LIST_VOLUME_MOUNT, LIST_VOLUME_DEVICE, PROBE, PROBE, PROBE, LIFECYCLE, STRING, TERMINATION_MESSAGE_POLICY, PULL_POLICY, SECURITY_CONTEXT, BOOL, BOOL, BOOL, STRING]),
    ty("", Shape::Slice(EPHEMERAL_CONTAINER)),
    ty("v1.RestartPolicy", Shape::Str),
    ty("v1.DNSPolicy", Shape::Str),
    st("PodSecurityContext", "seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot supplementalGroups supplementalGroupsPolicy fsGroup sysctls fsGroupChangePolicy seccompProfile appArmorProfile seLinuxChangePolicy", &[SE_LINUX_OPTIONS, WINDOWS_SECURITY_CONTEXT_OPTIONS, INT64, INT64, BOOL, LIST_INT64, SUPPLEMENTAL_GROUPS_POLICY, INT64, LIST_SYSCTL, POD_FS_GROUP_CHANGE_POLICY, SECCOMP_PROFILE, APP_ARMOR_PROFILE, POD_SE_LINUX_CHANGE_POLICY]),
    ty("", Shape::Slice(INT64)),
    ty("v1.SupplementalGroupsPolicy", Shape::Str),
    st("Sysctl", "name value", &[STRING, STRING]),
    ty("", Shape::Slice(SYSCTL)),
    ty("v1.PodFSGroupChangePolicy", Shape::Str),
    ty("v1.PodSELinuxChangePolicy", Shape::Str),
    ty("", Shape::Slice(LOCAL_OBJECT_REFERENCE)),
    st("Affinity", "nodeAffinity podAffinity podAntiAffinity", &[NODE_AFFINITY, POD_AFFINITY, POD_ANTI_AFFINITY]),
    st("NodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution", &[NODE_SELECTOR, LIST_PREFERRED_SCHEDULING_TERM]),
    st("NodeSelector", "nodeSelectorTerms", &[LIST_NODE_SELECTOR_TERM]),
    st("NodeSelectorTerm", "matchExpressions matchFields", &[LIST_NODE_SELECTOR_REQUIREMENT, LIST_NODE_SELECTOR_REQUIREMENT]),
    st("NodeSelectorRequirement", "key operator values", &[STRING, NODE_SELECTOR_OPERATOR, LIST_STRING]),
    ty("v1.NodeSelectorOperator", Shape::Str),
    ty("", Shape::Slice(NODE_SELECTOR_REQUIREMENT)),
    ty("", Shape::Slice(NODE_SELECTOR_TERM)),
    st("PreferredSchedulingTerm", "weight preference", &[INT32, NODE_SELECTOR_TERM]),
    ty("", Shape::Slice(PREFERRED_SCHEDULING_TERM)),
    st("PodAffinity", "requiredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution", &[LIST_POD_AFFINITY_TERM, LIST_WEIGHTED_POD_AFFINITY_TERM]),
    st("PodAffinityTerm", "labelSelector namespaces topologyKey namespaceSelector matchLabelKeys mismatchLabelKeys", &[LABEL_SELECTOR, LIST_STRING, STRING, LABEL_SELECTOR, LIST_STRING, LIST_STRING]),
    ty("", Shape::Slice(POD_AFFINITY_TERM)),
    st("WeightedPodAffinityTerm", "weight podAffinityTerm", &[INT32, POD_AFFINITY_TERM]),
    ty("", Shape::Slice(WEIGHTED_POD_AFFINITY_TERM)),
    st("PodAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution", &[LIST_POD_AFFINITY_TERM, LIST_WEIGHTED_POD_AFFINITY_TERM]),
    st("Toleration", "key operator value effect tolerationSeconds", &[STRING, TOLERATION_OPERATOR, STRING, TAINT_EFFECT, INT64]),
    ty("v1.TolerationOperator", Shape::Str),
    ty("v1.TaintEffect", Shape::Str),
    ty("", Shape::Slice(TOLERATION)),
    st("HostAlias", "ip hostnames", &[STRING, LIST_STRING]),
    ty("", Shape::Slice(HOST_ALIAS)),
    st("PodDNSConfig", "nameservers searches options", &[LIST_STRING, LIST_STRING, LIST_POD_DNS_CONFIG_OPTION]),
    st("PodDNSConfigOption", "name value", &[STRING, STRING]),
    ty("", Shape::Slice(POD_DNS_CONFIG_OPTION)),
    st("PodReadinessGate", "conditionType", &[POD_CONDITION_TYPE]),
    ty("v1.PodConditionType", Shape::Str),
    ty("", Shape::Slice(POD_READINESS_GATE)),
    ty("v1.PreemptionPolicy", Shape::Str),
    st("TopologySpreadConstraint", "maxSkew topologyKey whenUnsatisfiable labelSelector minDomains nodeAffinityPolicy nodeTaintsPolicy matchLabelKeys", &[INT32, STRING, UNSATISFIABLE_CONSTRAINT_ACTION, LABEL_SELECTOR, INT32, NODE_INCLUSION_POLICY, NODE_INCLUSION_POLICY, LIST_STRING]),
    ty("v1.UnsatisfiableConstraintAction", Shape::Str),
    ty("v1.NodeInclusionPolicy", Shape::Str),
    ty("", Shape::Slice(TOPOLOGY_SPREAD_CONSTRAINT)),
    st("PodOS", "name", &[OS_NAME]),
    ty("v1.OSName", Shape::Str),
    st("PodSchedulingGate", "name", &[STRING]),
    ty("", Shape::Slice(POD_SCHEDULING_GATE)),
    st("PodResourceClaim", "name resourceClaimName resourceClaimTemplateName", &[STRING, STRING, STRING]),
    ty("", Shape::Slice(POD_RESOURCE_CLAIM)),
    st("PodStatus", "observedGeneration phase conditions message reason nominatedNodeName hostIP hostIPs podIP podIPs startTime initContainerStatuses containerStatuses qosClass ephemeralContainerStatuses resize resourceClaimStatuses", &[INT64, POD_PHASE, LIST_POD_CONDITION, STRING, STRING, STRING, STRING, LIST_HOST_IP, STRING, LIST_POD_IP, STRING, LIST_CONTAINER_STATUS, LIST_CONTAINER_STATUS, POD_QOS_CLASS, LIST_CONTAINER_STATUS, POD_RESIZE_STATUS, LIST_POD_RESOURCE_CLAIM_STATUS]),
    ty("v1.PodPhase", Shape::Str),
    st("PodCondition", "type observedGeneration status lastProbeTime lastTransitionTime reason message", &[POD_CONDITION_TYPE, INT64, CONDITION_STATUS, STRING, STRING, STRING, STRING]),
    ty("v1.ConditionStatus", Shape::Str),
    ty("", Shape::Slice(POD_CONDITION)),
    st("HostIP", "ip", &[STRING]),
    ty("", Shape::Slice(HOST_IP)),
    st("PodIP", "ip", &[STRING]),
    ty("", Shape::Slice(POD_IP)),
    st("ContainerStatus", "name state lastState ready restartCount image imageID containerID started allocatedResources resources volumeMounts user allocatedResourcesStatus stopSignal", &[STRING, CONTAINER_STATE, CONTAINER_STATE, BOOL, INT32, STRING, STRING, STRING, BOOL, RESOURCE_LIST, RESOURCE_REQUIREMENTS, LIST_VOLUME_MOUNT_STATUS, CONTAINER_USER, LIST_RESOURCE_STATUS, SIGNAL]),
    st("ContainerState", "waiting running terminated", &[CONTAINER_STATE_WAITING, CONTAINER_STATE_RUNNING, CONTAINER_STATE_TERMINATED]),
    st("ContainerStateWaiting", "reason message", &[STRING, STRING]),
    st("ContainerStateRunning", "startedAt", &[STRING]),
    st("ContainerStateTerminated", "exitCode signal reason message startedAt finishedAt containerID", &[INT32, INT32, STRING, STRING, STRING, STRING, STRING]),
    st("VolumeMountStatus", "name mountPath readOnly recursiveReadOnly", &[STRING, STRING, BOOL, RECURSIVE_READ_ONLY_MODE]),
    ty("", Shape::Slice(VOLUME_MOUNT_STATUS)),
    st("ContainerUser", "linux", &[LINUX_CONTAINER_USER]),
    st("LinuxContainerUser", "uid gid supplementalGroups", &[INT64, INT64, LIST_INT64]),
    st("ResourceStatus", "name resources", &[RESOURCE_NAME, LIST_RESOURCE_HEALTH]),
    st("ResourceHealth", "resourceID health", &[RESOURCE_ID, RESOURCE_HEALTH_STATUS]),
    ty("v1.ResourceID", Shape::Str),
    ty("v1.ResourceHealthStatus", Shape::Str),
    ty("", Shape::Slice(RESOURCE_HEALTH)),
    ty("", Shape::Slice(RESOURCE_STATUS)),
    ty("", Shape::Slice(CONTAINER_STATUS)),
    ty("v1.PodQOSClass", Shape::Str),
    ty("v1.PodResizeStatus", Shape::Str),
    st("PodResourceClaimStatus", "name resourceClaimName", &[STRING, STRING]),
    ty("", Shape::Slice(POD_RESOURCE_CLAIM_STATUS)),
    st("DeploymentSpec", "replicas selector template strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds", &[INT32, LABEL_SELECTOR, POD_TEMPLATE_SPEC, DEPLOYMENT_STRATEGY, INT32, INT32, BOOL, INT32]),
    st("PodTemplateSpec", "metadata spec", &[OBJECT_META, POD_SPEC]),
    st("DeploymentStrategy", "type rollingUpdate", &[DEPLOYMENT_STRATEGY_TYPE, ROLLING_UPDATE_DEPLOYMENT]),
    ty("v1.DeploymentStrategyType", Shape::Str),
    st("RollingUpdateDeployment", "maxUnavailable maxSurge", &[INT_OR_STRING, INT_OR_STRING]),
    st("DeploymentStatus", "observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas terminatingReplicas conditions collisionCount", &[INT64, INT32, INT32, INT32, INT32, INT32, INT32, LIST_DEPLOYMENT_CONDITION, INT32]),
    st("DeploymentCondition", "type status lastUpdateTime lastTransitionTime reason message", &[DEPLOYMENT_CONDITION_TYPE, CONDITION_STATUS, STRING, STRING, STRING, STRING]),
    ty("v1.DeploymentConditionType", Shape::Str),
    ty("", Shape::Slice(DEPLOYMENT_CONDITION)),
    st("ReplicaSetSpec", "replicas minReadySeconds selector template", &[INT32, INT32, LABEL_SELECTOR, POD_TEMPLATE_SPEC]),
    st("ReplicaSetStatus", "replicas fullyLabeledReplicas readyReplicas availableReplicas terminatingReplicas observedGeneration conditions", &[INT32, INT32, INT32, INT32, INT32, INT64, LIST_REPLICA_SET_CONDITION]),
    st("ReplicaSetCondition", "type status lastTransitionTime reason message", &[REPLICA_SET_CONDITION_TYPE, CONDITION_STATUS, STRING, STRING, STRING]),
    ty("v1.ReplicaSetConditionType", Shape::Str),
    ty("", Shape::Slice(REPLICA_SET_CONDITION)),
];
