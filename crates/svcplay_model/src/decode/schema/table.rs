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
    pub const STATEFUL_SET_SPEC: u8 = 220;
    pub const PERSISTENT_VOLUME_CLAIM: u8 = 221;
    pub const PERSISTENT_VOLUME_CLAIM_STATUS: u8 = 222;
    pub const LIST_PERSISTENT_VOLUME_CLAIM: u8 = 223;
    pub const POD_MANAGEMENT_POLICY_TYPE: u8 = 224;
    pub const STATEFUL_SET_UPDATE_STRATEGY: u8 = 225;
    pub const STATEFUL_SET_UPDATE_STRATEGY_TYPE: u8 = 226;
    pub const ROLLING_UPDATE_STATEFUL_SET_STRATEGY: u8 = 227;
    pub const STATEFUL_SET_PERSISTENT_VOLUME_CLAIM_RETENTION_POLICY: u8 = 228;
    pub const PERSISTENT_VOLUME_CLAIM_RETENTION_POLICY_TYPE: u8 = 229;
    pub const STATEFUL_SET_ORDINALS: u8 = 230;
    pub const STATEFUL_SET_STATUS: u8 = 231;
    pub const STATEFUL_SET_CONDITION: u8 = 232;
    pub const STATEFUL_SET_CONDITION_TYPE: u8 = 233;
    pub const LIST_STATEFUL_SET_CONDITION: u8 = 234;
    pub const DAEMON_SET_STATUS: u8 = 235;
    pub const DAEMON_SET_CONDITION: u8 = 236;
    pub const DAEMON_SET_CONDITION_TYPE: u8 = 237;
    pub const LIST_DAEMON_SET_CONDITION: u8 = 238;
}

use super::GoType as T;
use super::kind::*;
use id::*;

/// Every Go type reachable from the catch-alls, by index.
#[rustfmt::skip]
pub(crate) static TYPES: [T; 239] = [
    T("PodSpec volumes initContainers containers ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims resources", &[S, LIST_VOLUME, LIST_CONTAINER, LIST_CONTAINER, LIST_EPHEMERAL_CONTAINER, RESTART_POLICY, INT64, INT64, DNS_POLICY, MAP_STRING, STRING, STRING, BOOL, STRING, BOOL, BOOL, BOOL, BOOL, POD_SECURITY_CONTEXT, LIST_LOCAL_OBJECT_REFERENCE, STRING, STRING, AFFINITY, STRING, LIST_TOLERATION, LIST_HOST_ALIAS, STRING, INT32, POD_DNS_CONFIG, LIST_POD_READINESS_GATE, STRING, BOOL, PREEMPTION_POLICY, RESOURCE_LIST, LIST_TOPOLOGY_SPREAD_CONSTRAINT, BOOL, POD_OS, BOOL, LIST_POD_SCHEDULING_GATE, LIST_POD_RESOURCE_CLAIM, RESOURCE_REQUIREMENTS]),
    T("Volume name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap vsphereVolume quobyte azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos csi ephemeral image", &[S, STRING, HOST_PATH_VOLUME_SOURCE, EMPTY_DIR_VOLUME_SOURCE, GCE_PERSISTENT_DISK_VOLUME_SOURCE, AWS_ELASTIC_BLOCK_STORE_VOLUME_SOURCE, GIT_REPO_VOLUME_SOURCE, SECRET_VOLUME_SOURCE, NFS_VOLUME_SOURCE, ISCSI_VOLUME_SOURCE, GLUSTERFS_VOLUME_SOURCE, PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE, RBD_VOLUME_SOURCE, FLEX_VOLUME_SOURCE, CINDER_VOLUME_SOURCE, CEPH_FS_VOLUME_SOURCE, FLOCKER_VOLUME_SOURCE, DOWNWARD_API_VOLUME_SOURCE, FC_VOLUME_SOURCE, AZURE_FILE_VOLUME_SOURCE, CONFIG_MAP_VOLUME_SOURCE, VSPHERE_VIRTUAL_DISK_VOLUME_SOURCE, QUOBYTE_VOLUME_SOURCE, AZURE_DISK_VOLUME_SOURCE, PHOTON_PERSISTENT_DISK_VOLUME_SOURCE, PROJECTED_VOLUME_SOURCE, PORTWORX_VOLUME_SOURCE, SCALE_IO_VOLUME_SOURCE, STORAGE_OS_VOLUME_SOURCE, CSI_VOLUME_SOURCE, EPHEMERAL_VOLUME_SOURCE, IMAGE_VOLUME_SOURCE]),
    T("string", &[K_STR]),
    T("HostPathVolumeSource path type", &[S, STRING, HOST_PATH_TYPE]),
    T("v1.HostPathType", &[K_STR]),
    T("EmptyDirVolumeSource medium sizeLimit", &[S, STORAGE_MEDIUM, QUANTITY]),
    T("v1.StorageMedium", &[K_STR]),
    T("resource.Quantity", &[K_ANY]),
    T("GCEPersistentDiskVolumeSource pdName fsType partition readOnly", &[S, STRING, STRING, INT32, BOOL]),
    T("int32", &[K_I32]),
    T("bool", &[K_BOOL]),
    T("AWSElasticBlockStoreVolumeSource volumeID fsType partition readOnly", &[S, STRING, STRING, INT32, BOOL]),
    T("GitRepoVolumeSource repository revision directory", &[S, STRING, STRING, STRING]),
    T("SecretVolumeSource secretName items defaultMode optional", &[S, STRING, LIST_KEY_TO_PATH, INT32, BOOL]),
    T("KeyToPath key path mode", &[S, STRING, STRING, INT32]),
    T("", &[L, KEY_TO_PATH]),
    T("NFSVolumeSource server path readOnly", &[S, STRING, STRING, BOOL]),
    T("ISCSIVolumeSource targetPortal iqn lun iscsiInterface fsType readOnly portals chapAuthDiscovery chapAuthSession secretRef initiatorName", &[S, STRING, STRING, INT32, STRING, STRING, BOOL, LIST_STRING, BOOL, BOOL, LOCAL_OBJECT_REFERENCE, STRING]),
    T("", &[L, STRING]),
    T("LocalObjectReference name", &[S, STRING]),
    T("GlusterfsVolumeSource endpoints path readOnly", &[S, STRING, STRING, BOOL]),
    T("PersistentVolumeClaimVolumeSource claimName readOnly", &[S, STRING, BOOL]),
    T("RBDVolumeSource monitors image fsType pool user keyring secretRef readOnly", &[S, LIST_STRING, STRING, STRING, STRING, STRING, STRING, LOCAL_OBJECT_REFERENCE, BOOL]),
    T("FlexVolumeSource driver fsType secretRef readOnly options", &[S, STRING, STRING, LOCAL_OBJECT_REFERENCE, BOOL, MAP_STRING]),
    T("", &[M, STRING]),
    T("CinderVolumeSource volumeID fsType readOnly secretRef", &[S, STRING, STRING, BOOL, LOCAL_OBJECT_REFERENCE]),
    T("CephFSVolumeSource monitors path user secretFile secretRef readOnly", &[S, LIST_STRING, STRING, STRING, STRING, LOCAL_OBJECT_REFERENCE, BOOL]),
    T("FlockerVolumeSource datasetName datasetUUID", &[S, STRING, STRING]),
    T("DownwardAPIVolumeSource items defaultMode", &[S, LIST_DOWNWARD_API_VOLUME_FILE, INT32]),
    T("DownwardAPIVolumeFile path fieldRef resourceFieldRef mode", &[S, STRING, OBJECT_FIELD_SELECTOR, RESOURCE_FIELD_SELECTOR, INT32]),
    T("ObjectFieldSelector apiVersion fieldPath", &[S, STRING, STRING]),
    T("ResourceFieldSelector containerName resource divisor", &[S, STRING, STRING, QUANTITY]),
    T("", &[L, DOWNWARD_API_VOLUME_FILE]),
    T("FCVolumeSource targetWWNs lun fsType readOnly wwids", &[S, LIST_STRING, INT32, STRING, BOOL, LIST_STRING]),
    T("AzureFileVolumeSource secretName shareName readOnly", &[S, STRING, STRING, BOOL]),
    T("ConfigMapVolumeSource name items defaultMode optional", &[S, STRING, LIST_KEY_TO_PATH, INT32, BOOL]),
    T("VsphereVirtualDiskVolumeSource volumePath fsType storagePolicyName storagePolicyID", &[S, STRING, STRING, STRING, STRING]),
    T("QuobyteVolumeSource registry volume readOnly user group tenant", &[S, STRING, STRING, BOOL, STRING, STRING, STRING]),
    T("AzureDiskVolumeSource diskName diskURI cachingMode fsType readOnly kind", &[S, STRING, STRING, AZURE_DATA_DISK_CACHING_MODE, STRING, BOOL, AZURE_DATA_DISK_KIND]),
    T("v1.AzureDataDiskCachingMode", &[K_STR]),
    T("v1.AzureDataDiskKind", &[K_STR]),
    T("PhotonPersistentDiskVolumeSource pdID fsType", &[S, STRING, STRING]),
    T("ProjectedVolumeSource sources defaultMode", &[S, LIST_VOLUME_PROJECTION, INT32]),
    T("VolumeProjection secret downwardAPI configMap serviceAccountToken clusterTrustBundle", &[S, SECRET_PROJECTION, DOWNWARD_API_PROJECTION, CONFIG_MAP_PROJECTION, SERVICE_ACCOUNT_TOKEN_PROJECTION, CLUSTER_TRUST_BUNDLE_PROJECTION]),
    T("SecretProjection name items optional", &[S, STRING, LIST_KEY_TO_PATH, BOOL]),
    T("DownwardAPIProjection items", &[S, LIST_DOWNWARD_API_VOLUME_FILE]),
    T("ConfigMapProjection name items optional", &[S, STRING, LIST_KEY_TO_PATH, BOOL]),
    T("ServiceAccountTokenProjection audience expirationSeconds path", &[S, STRING, INT64, STRING]),
    T("int64", &[K_I64]),
    T("ClusterTrustBundleProjection name signerName labelSelector optional path", &[S, STRING, STRING, LABEL_SELECTOR, BOOL, STRING]),
    T("LabelSelector matchLabels matchExpressions", &[S, MAP_STRING, LIST_LABEL_SELECTOR_REQUIREMENT]),
    T("LabelSelectorRequirement key operator values", &[S, STRING, LABEL_SELECTOR_OPERATOR, LIST_STRING]),
    T("v1.LabelSelectorOperator", &[K_STR]),
    T("", &[L, LABEL_SELECTOR_REQUIREMENT]),
    T("", &[L, VOLUME_PROJECTION]),
    T("PortworxVolumeSource volumeID fsType readOnly", &[S, STRING, STRING, BOOL]),
    T("ScaleIOVolumeSource gateway system secretRef sslEnabled protectionDomain storagePool storageMode volumeName fsType readOnly", &[S, STRING, STRING, LOCAL_OBJECT_REFERENCE, BOOL, STRING, STRING, STRING, STRING, STRING, BOOL]),
    T("StorageOSVolumeSource volumeName volumeNamespace fsType readOnly secretRef", &[S, STRING, STRING, STRING, BOOL, LOCAL_OBJECT_REFERENCE]),
    T("CSIVolumeSource driver readOnly fsType volumeAttributes nodePublishSecretRef", &[S, STRING, BOOL, STRING, MAP_STRING, LOCAL_OBJECT_REFERENCE]),
    T("EphemeralVolumeSource volumeClaimTemplate", &[S, PERSISTENT_VOLUME_CLAIM_TEMPLATE]),
    T("PersistentVolumeClaimTemplate metadata spec", &[S, OBJECT_META, PERSISTENT_VOLUME_CLAIM_SPEC]),
    T("v1.ObjectMeta", &[K_ANY]),
    T("PersistentVolumeClaimSpec accessModes selector resources volumeName storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName", &[S, LIST_PERSISTENT_VOLUME_ACCESS_MODE, LABEL_SELECTOR, VOLUME_RESOURCE_REQUIREMENTS, STRING, STRING, PERSISTENT_VOLUME_MODE, TYPED_LOCAL_OBJECT_REFERENCE, TYPED_OBJECT_REFERENCE, STRING]),
    T("v1.PersistentVolumeAccessMode", &[K_STR]),
    T("", &[L, PERSISTENT_VOLUME_ACCESS_MODE]),
    T("VolumeResourceRequirements limits requests", &[S, RESOURCE_LIST, RESOURCE_LIST]),
    T("v1.ResourceName", &[K_STR]),
    T("v1.ResourceList", &[M, QUANTITY]),
    T("v1.PersistentVolumeMode", &[K_STR]),
    T("TypedLocalObjectReference apiGroup kind name", &[S, STRING, STRING, STRING]),
    T("TypedObjectReference apiGroup kind name namespace", &[S, STRING, STRING, STRING, STRING]),
    T("ImageVolumeSource reference pullPolicy", &[S, STRING, PULL_POLICY]),
    T("v1.PullPolicy", &[K_STR]),
    T("", &[L, VOLUME]),
    T("Container name image command args workingDir ports envFrom env resources resizePolicy restartPolicy volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty", &[S, STRING, STRING, LIST_STRING, LIST_STRING, STRING, LIST_CONTAINER_PORT, LIST_ENV_FROM_SOURCE, LIST_ENV_VAR, RESOURCE_REQUIREMENTS, LIST_CONTAINER_RESIZE_POLICY, CONTAINER_RESTART_POLICY, LIST_VOLUME_MOUNT, LIST_VOLUME_DEVICE, PROBE, PROBE, PROBE, LIFECYCLE, STRING, TERMINATION_MESSAGE_POLICY, PULL_POLICY, SECURITY_CONTEXT, BOOL, BOOL, BOOL]),
    T("ContainerPort name hostPort containerPort protocol hostIP", &[S, STRING, INT32, INT32, PROTOCOL, STRING]),
    T("v1.Protocol", &[K_STR]),
    T("", &[L, CONTAINER_PORT]),
    T("EnvFromSource prefix configMapRef secretRef", &[S, STRING, CONFIG_MAP_ENV_SOURCE, SECRET_ENV_SOURCE]),
    T("ConfigMapEnvSource name optional", &[S, STRING, BOOL]),
    T("SecretEnvSource name optional", &[S, STRING, BOOL]),
    T("", &[L, ENV_FROM_SOURCE]),
    T("EnvVar name value valueFrom", &[S, STRING, STRING, ENV_VAR_SOURCE]),
    T("EnvVarSource fieldRef resourceFieldRef configMapKeyRef secretKeyRef", &[S, OBJECT_FIELD_SELECTOR, RESOURCE_FIELD_SELECTOR, CONFIG_MAP_KEY_SELECTOR, SECRET_KEY_SELECTOR]),
    T("ConfigMapKeySelector name key optional", &[S, STRING, STRING, BOOL]),
    T("SecretKeySelector name key optional", &[S, STRING, STRING, BOOL]),
    T("", &[L, ENV_VAR]),
    T("ResourceRequirements limits requests claims", &[S, RESOURCE_LIST, RESOURCE_LIST, LIST_RESOURCE_CLAIM]),
    T("ResourceClaim name request", &[S, STRING, STRING]),
    T("", &[L, RESOURCE_CLAIM]),
    T("ContainerResizePolicy resourceName restartPolicy", &[S, RESOURCE_NAME, RESOURCE_RESIZE_RESTART_POLICY]),
    T("v1.ResourceResizeRestartPolicy", &[K_STR]),
    T("", &[L, CONTAINER_RESIZE_POLICY]),
    T("v1.ContainerRestartPolicy", &[K_STR]),
    T("VolumeMount name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr", &[S, STRING, BOOL, RECURSIVE_READ_ONLY_MODE, STRING, STRING, MOUNT_PROPAGATION_MODE, STRING]),
    T("v1.RecursiveReadOnlyMode", &[K_STR]),
    T("v1.MountPropagationMode", &[K_STR]),
    T("", &[L, VOLUME_MOUNT]),
    T("VolumeDevice name devicePath", &[S, STRING, STRING]),
    T("", &[L, VOLUME_DEVICE]),
    T("Probe exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds", &[S, EXEC_ACTION, HTTP_GET_ACTION, TCP_SOCKET_ACTION, GRPC_ACTION, INT32, INT32, INT32, INT32, INT32, INT64]),
    T("ExecAction command", &[S, LIST_STRING]),
    T("HTTPGetAction path port host scheme httpHeaders", &[S, STRING, INT_OR_STRING, STRING, URI_SCHEME, LIST_HTTP_HEADER]),
    T("intstr.IntOrString", &[K_IOS]),
    T("v1.URIScheme", &[K_STR]),
    T("HTTPHeader name value", &[S, STRING, STRING]),
    T("", &[L, HTTP_HEADER]),
    T("TCPSocketAction port host", &[S, INT_OR_STRING, STRING]),
    T("GRPCAction port service", &[S, INT32, STRING]),
    T("Lifecycle postStart preStop stopSignal", &[S, LIFECYCLE_HANDLER, LIFECYCLE_HANDLER, SIGNAL]),
    T("LifecycleHandler exec httpGet tcpSocket sleep", &[S, EXEC_ACTION, HTTP_GET_ACTION, TCP_SOCKET_ACTION, SLEEP_ACTION]),
    T("SleepAction seconds", &[S, INT64]),
    T("v1.Signal", &[K_STR]),
    T("v1.TerminationMessagePolicy", &[K_STR]),
    T("SecurityContext capabilities privileged seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount seccompProfile appArmorProfile", &[S, CAPABILITIES, BOOL, SE_LINUX_OPTIONS, WINDOWS_SECURITY_CONTEXT_OPTIONS, INT64, INT64, BOOL, BOOL, BOOL, PROC_MOUNT_TYPE, SECCOMP_PROFILE, APP_ARMOR_PROFILE]),
    T("Capabilities add drop", &[S, LIST_CAPABILITY, LIST_CAPABILITY]),
    T("v1.Capability", &[K_STR]),
    T("", &[L, CAPABILITY]),
    T("SELinuxOptions user role type level", &[S, STRING, STRING, STRING, STRING]),
    T("WindowsSecurityContextOptions gmsaCredentialSpecName gmsaCredentialSpec runAsUserName hostProcess", &[S, STRING, STRING, STRING, BOOL]),
    T("v1.ProcMountType", &[K_STR]),
    T("SeccompProfile type localhostProfile", &[S, SECCOMP_PROFILE_TYPE, STRING]),
    T("v1.SeccompProfileType", &[K_STR]),
    T("AppArmorProfile type localhostProfile", &[S, APP_ARMOR_PROFILE_TYPE, STRING]),
    T("v1.AppArmorProfileType", &[K_STR]),
    T("", &[L, CONTAINER]),
    T("EphemeralContainer name image command args workingDir ports envFrom env resources resizePolicy restartPolicy volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty targetContainerName", &[S, STRING, STRING, LIST_STRING, LIST_STRING, STRING, LIST_CONTAINER_PORT, LIST_ENV_FROM_SOURCE, LIST_ENV_VAR, RESOURCE_REQUIREMENTS, LIST_CONTAINER_RESIZE_POLICY, CONTAINER_RESTART_POLICY, LIST_VOLUME_MOUNT, LIST_VOLUME_DEVICE, PROBE, PROBE, PROBE, LIFECYCLE, STRING, TERMINATION_MESSAGE_POLICY, PULL_POLICY, SECURITY_CONTEXT, BOOL, BOOL, BOOL, STRING]),
    T("", &[L, EPHEMERAL_CONTAINER]),
    T("v1.RestartPolicy", &[K_STR]),
    T("v1.DNSPolicy", &[K_STR]),
    T("PodSecurityContext seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot supplementalGroups supplementalGroupsPolicy fsGroup sysctls fsGroupChangePolicy seccompProfile appArmorProfile seLinuxChangePolicy", &[S, SE_LINUX_OPTIONS, WINDOWS_SECURITY_CONTEXT_OPTIONS, INT64, INT64, BOOL, LIST_INT64, SUPPLEMENTAL_GROUPS_POLICY, INT64, LIST_SYSCTL, POD_FS_GROUP_CHANGE_POLICY, SECCOMP_PROFILE, APP_ARMOR_PROFILE, POD_SE_LINUX_CHANGE_POLICY]),
    T("", &[L, INT64]),
    T("v1.SupplementalGroupsPolicy", &[K_STR]),
    T("Sysctl name value", &[S, STRING, STRING]),
    T("", &[L, SYSCTL]),
    T("v1.PodFSGroupChangePolicy", &[K_STR]),
    T("v1.PodSELinuxChangePolicy", &[K_STR]),
    T("", &[L, LOCAL_OBJECT_REFERENCE]),
    T("Affinity nodeAffinity podAffinity podAntiAffinity", &[S, NODE_AFFINITY, POD_AFFINITY, POD_ANTI_AFFINITY]),
    T("NodeAffinity requiredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution", &[S, NODE_SELECTOR, LIST_PREFERRED_SCHEDULING_TERM]),
    T("NodeSelector nodeSelectorTerms", &[S, LIST_NODE_SELECTOR_TERM]),
    T("NodeSelectorTerm matchExpressions matchFields", &[S, LIST_NODE_SELECTOR_REQUIREMENT, LIST_NODE_SELECTOR_REQUIREMENT]),
    T("NodeSelectorRequirement key operator values", &[S, STRING, NODE_SELECTOR_OPERATOR, LIST_STRING]),
    T("v1.NodeSelectorOperator", &[K_STR]),
    T("", &[L, NODE_SELECTOR_REQUIREMENT]),
    T("", &[L, NODE_SELECTOR_TERM]),
    T("PreferredSchedulingTerm weight preference", &[S, INT32, NODE_SELECTOR_TERM]),
    T("", &[L, PREFERRED_SCHEDULING_TERM]),
    T("PodAffinity requiredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution", &[S, LIST_POD_AFFINITY_TERM, LIST_WEIGHTED_POD_AFFINITY_TERM]),
    T("PodAffinityTerm labelSelector namespaces topologyKey namespaceSelector matchLabelKeys mismatchLabelKeys", &[S, LABEL_SELECTOR, LIST_STRING, STRING, LABEL_SELECTOR, LIST_STRING, LIST_STRING]),
    T("", &[L, POD_AFFINITY_TERM]),
    T("WeightedPodAffinityTerm weight podAffinityTerm", &[S, INT32, POD_AFFINITY_TERM]),
    T("", &[L, WEIGHTED_POD_AFFINITY_TERM]),
    T("PodAntiAffinity requiredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution", &[S, LIST_POD_AFFINITY_TERM, LIST_WEIGHTED_POD_AFFINITY_TERM]),
    T("Toleration key operator value effect tolerationSeconds", &[S, STRING, TOLERATION_OPERATOR, STRING, TAINT_EFFECT, INT64]),
    T("v1.TolerationOperator", &[K_STR]),
    T("v1.TaintEffect", &[K_STR]),
    T("", &[L, TOLERATION]),
    T("HostAlias ip hostnames", &[S, STRING, LIST_STRING]),
    T("", &[L, HOST_ALIAS]),
    T("PodDNSConfig nameservers searches options", &[S, LIST_STRING, LIST_STRING, LIST_POD_DNS_CONFIG_OPTION]),
    T("PodDNSConfigOption name value", &[S, STRING, STRING]),
    T("", &[L, POD_DNS_CONFIG_OPTION]),
    T("PodReadinessGate conditionType", &[S, POD_CONDITION_TYPE]),
    T("v1.PodConditionType", &[K_STR]),
    T("", &[L, POD_READINESS_GATE]),
    T("v1.PreemptionPolicy", &[K_STR]),
    T("TopologySpreadConstraint maxSkew topologyKey whenUnsatisfiable labelSelector minDomains nodeAffinityPolicy nodeTaintsPolicy matchLabelKeys", &[S, INT32, STRING, UNSATISFIABLE_CONSTRAINT_ACTION, LABEL_SELECTOR, INT32, NODE_INCLUSION_POLICY, NODE_INCLUSION_POLICY, LIST_STRING]),
    T("v1.UnsatisfiableConstraintAction", &[K_STR]),
    T("v1.NodeInclusionPolicy", &[K_STR]),
    T("", &[L, TOPOLOGY_SPREAD_CONSTRAINT]),
    T("PodOS name", &[S, OS_NAME]),
    T("v1.OSName", &[K_STR]),
    T("PodSchedulingGate name", &[S, STRING]),
    T("", &[L, POD_SCHEDULING_GATE]),
    T("PodResourceClaim name resourceClaimName resourceClaimTemplateName", &[S, STRING, STRING, STRING]),
    T("", &[L, POD_RESOURCE_CLAIM]),
    T("PodStatus observedGeneration phase conditions message reason nominatedNodeName hostIP hostIPs podIP podIPs startTime initContainerStatuses containerStatuses qosClass ephemeralContainerStatuses resize resourceClaimStatuses", &[S, INT64, POD_PHASE, LIST_POD_CONDITION, STRING, STRING, STRING, STRING, LIST_HOST_IP, STRING, LIST_POD_IP, STRING, LIST_CONTAINER_STATUS, LIST_CONTAINER_STATUS, POD_QOS_CLASS, LIST_CONTAINER_STATUS, POD_RESIZE_STATUS, LIST_POD_RESOURCE_CLAIM_STATUS]),
    T("v1.PodPhase", &[K_STR]),
    T("PodCondition type observedGeneration status lastProbeTime lastTransitionTime reason message", &[S, POD_CONDITION_TYPE, INT64, CONDITION_STATUS, STRING, STRING, STRING, STRING]),
    T("v1.ConditionStatus", &[K_STR]),
    T("", &[L, POD_CONDITION]),
    T("HostIP ip", &[S, STRING]),
    T("", &[L, HOST_IP]),
    T("PodIP ip", &[S, STRING]),
    T("", &[L, POD_IP]),
    T("ContainerStatus name state lastState ready restartCount image imageID containerID started allocatedResources resources volumeMounts user allocatedResourcesStatus stopSignal", &[S, STRING, CONTAINER_STATE, CONTAINER_STATE, BOOL, INT32, STRING, STRING, STRING, BOOL, RESOURCE_LIST, RESOURCE_REQUIREMENTS, LIST_VOLUME_MOUNT_STATUS, CONTAINER_USER, LIST_RESOURCE_STATUS, SIGNAL]),
    T("ContainerState waiting running terminated", &[S, CONTAINER_STATE_WAITING, CONTAINER_STATE_RUNNING, CONTAINER_STATE_TERMINATED]),
    T("ContainerStateWaiting reason message", &[S, STRING, STRING]),
    T("ContainerStateRunning startedAt", &[S, STRING]),
    T("ContainerStateTerminated exitCode signal reason message startedAt finishedAt containerID", &[S, INT32, INT32, STRING, STRING, STRING, STRING, STRING]),
    T("VolumeMountStatus name mountPath readOnly recursiveReadOnly", &[S, STRING, STRING, BOOL, RECURSIVE_READ_ONLY_MODE]),
    T("", &[L, VOLUME_MOUNT_STATUS]),
    T("ContainerUser linux", &[S, LINUX_CONTAINER_USER]),
    T("LinuxContainerUser uid gid supplementalGroups", &[S, INT64, INT64, LIST_INT64]),
    T("ResourceStatus name resources", &[S, RESOURCE_NAME, LIST_RESOURCE_HEALTH]),
    T("ResourceHealth resourceID health", &[S, RESOURCE_ID, RESOURCE_HEALTH_STATUS]),
    T("v1.ResourceID", &[K_STR]),
    T("v1.ResourceHealthStatus", &[K_STR]),
    T("", &[L, RESOURCE_HEALTH]),
    T("", &[L, RESOURCE_STATUS]),
    T("", &[L, CONTAINER_STATUS]),
    T("v1.PodQOSClass", &[K_STR]),
    T("v1.PodResizeStatus", &[K_STR]),
    T("PodResourceClaimStatus name resourceClaimName", &[S, STRING, STRING]),
    T("", &[L, POD_RESOURCE_CLAIM_STATUS]),
    T("DeploymentSpec replicas selector template strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds", &[S, INT32, LABEL_SELECTOR, POD_TEMPLATE_SPEC, DEPLOYMENT_STRATEGY, INT32, INT32, BOOL, INT32]),
    T("PodTemplateSpec metadata spec", &[S, OBJECT_META, POD_SPEC]),
    T("DeploymentStrategy type rollingUpdate", &[S, DEPLOYMENT_STRATEGY_TYPE, ROLLING_UPDATE_DEPLOYMENT]),
    T("v1.DeploymentStrategyType", &[K_STR]),
    T("RollingUpdateDeployment maxUnavailable maxSurge", &[S, INT_OR_STRING, INT_OR_STRING]),
    T("DeploymentStatus observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas terminatingReplicas conditions collisionCount", &[S, INT64, INT32, INT32, INT32, INT32, INT32, INT32, LIST_DEPLOYMENT_CONDITION, INT32]),
    T("DeploymentCondition type status lastUpdateTime lastTransitionTime reason message", &[S, DEPLOYMENT_CONDITION_TYPE, CONDITION_STATUS, STRING, STRING, STRING, STRING]),
    T("v1.DeploymentConditionType", &[K_STR]),
    T("", &[L, DEPLOYMENT_CONDITION]),
    T("ReplicaSetSpec replicas minReadySeconds selector template", &[S, INT32, INT32, LABEL_SELECTOR, POD_TEMPLATE_SPEC]),
    T("ReplicaSetStatus replicas fullyLabeledReplicas readyReplicas availableReplicas terminatingReplicas observedGeneration conditions", &[S, INT32, INT32, INT32, INT32, INT32, INT64, LIST_REPLICA_SET_CONDITION]),
    T("ReplicaSetCondition type status lastTransitionTime reason message", &[S, REPLICA_SET_CONDITION_TYPE, CONDITION_STATUS, STRING, STRING, STRING]),
    T("v1.ReplicaSetConditionType", &[K_STR]),
    T("", &[L, REPLICA_SET_CONDITION]),
    T("StatefulSetSpec replicas selector template volumeClaimTemplates serviceName podManagementPolicy updateStrategy revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy ordinals", &[S, INT32, LABEL_SELECTOR, POD_TEMPLATE_SPEC, LIST_PERSISTENT_VOLUME_CLAIM, STRING, POD_MANAGEMENT_POLICY_TYPE, STATEFUL_SET_UPDATE_STRATEGY, INT32, INT32, STATEFUL_SET_PERSISTENT_VOLUME_CLAIM_RETENTION_POLICY, STATEFUL_SET_ORDINALS]),
    T("PersistentVolumeClaim apiVersion kind metadata spec status", &[S, STRING, STRING, OBJECT_META, PERSISTENT_VOLUME_CLAIM_SPEC, PERSISTENT_VOLUME_CLAIM_STATUS]),
    T("v1.PersistentVolumeClaimStatus", &[K_ANY]),
    T("", &[L, PERSISTENT_VOLUME_CLAIM]),
    T("v1.PodManagementPolicyType", &[K_STR]),
    T("StatefulSetUpdateStrategy type rollingUpdate", &[S, STATEFUL_SET_UPDATE_STRATEGY_TYPE, ROLLING_UPDATE_STATEFUL_SET_STRATEGY]),
    T("v1.StatefulSetUpdateStrategyType", &[K_STR]),
    T("RollingUpdateStatefulSetStrategy partition maxUnavailable", &[S, INT32, INT_OR_STRING]),
    T("StatefulSetPersistentVolumeClaimRetentionPolicy whenDeleted whenScaled", &[S, PERSISTENT_VOLUME_CLAIM_RETENTION_POLICY_TYPE, PERSISTENT_VOLUME_CLAIM_RETENTION_POLICY_TYPE]),
    T("v1.PersistentVolumeClaimRetentionPolicyType", &[K_STR]),
    T("StatefulSetOrdinals start", &[S, INT32]),
    T("StatefulSetStatus observedGeneration replicas readyReplicas currentReplicas updatedReplicas currentRevision updateRevision collisionCount conditions availableReplicas", &[S, INT64, INT32, INT32, INT32, INT32, STRING, STRING, INT32, LIST_STATEFUL_SET_CONDITION, INT32]),
    T("StatefulSetCondition type status lastTransitionTime reason message", &[S, STATEFUL_SET_CONDITION_TYPE, CONDITION_STATUS, STRING, STRING, STRING]),
    T("v1.StatefulSetConditionType", &[K_STR]),
    T("", &[L, STATEFUL_SET_CONDITION]),
    T("DaemonSetStatus currentNumberScheduled numberMisscheduled desiredNumberScheduled numberReady observedGeneration updatedNumberScheduled numberAvailable numberUnavailable collisionCount conditions", &[S, INT32, INT32, INT32, INT32, INT64, INT32, INT32, INT32, INT32, LIST_DAEMON_SET_CONDITION]),
    T("DaemonSetCondition type status lastTransitionTime reason message", &[S, DAEMON_SET_CONDITION_TYPE, CONDITION_STATUS, STRING, STRING, STRING]),
    T("v1.DaemonSetConditionType", &[K_STR]),
    T("", &[L, DAEMON_SET_CONDITION]),
];
