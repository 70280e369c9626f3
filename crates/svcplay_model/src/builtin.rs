//! The kinds kube-apiserver v1.33 serves out of the box (its default API groups and versions),
//! beyond the ones svcplay models. A manifest may well hold a ConfigMap, an Ingress or a Role
//! next to its Service: a real cluster creates them, so svcplay does too (as
//! [`crate::types::Unsimulated`] objects, kept as written, with generic metadata validation) and
//! says that nothing in the simulation acts on them. A kind outside this table (a custom
//! resource, a beta API off by default, a removed version such as `extensions/v1beta1`) still
//! gets kubectl's `no matches for kind` error.

use crate::validation::names::NameRule;

/// One served kind.
#[derive(Debug, PartialEq, Eq)]
pub struct BuiltinKind {
    /// API group (`""` for the core group).
    pub group: &'static str,
    /// Served versions.
    pub versions: &'static [&'static str],
    /// Kind.
    pub kind: &'static str,
    /// Plural resource name (what kubectl prints: `configmap/x`, `ingress.networking.k8s.io/x`
    /// use the lowercase kind; errors use the resource: `configmaps "x" already exists`).
    pub resource: &'static str,
    /// Whether objects of the kind live in a namespace.
    pub namespaced: bool,
    /// The rule `metadata.name` follows (`ValidateObjectMeta`'s name function of the kind).
    pub name_rule: NameRule,
}

const SUB: NameRule = NameRule::Dns1123Subdomain;
// RBAC names (`ValidateRBACName`), and kinds whose name has a rule of its own svcplay does not
// check (IPAddress: a canonical IP; CustomResourceDefinition: `<plural>.<group>`; APIService:
// `<version>.<group>`): only what every name in a URL path must satisfy.
const PATH: NameRule = NameRule::PathSegment;

const fn k(
    group: &'static str,
    versions: &'static [&'static str],
    kind: &'static str,
    resource: &'static str,
    namespaced: bool,
    name_rule: NameRule,
) -> BuiltinKind {
    BuiltinKind {
        group,
        versions,
        kind,
        resource,
        namespaced,
        name_rule,
    }
}

const V1: &[&str] = &["v1"];

/// The served kinds svcplay does not model (the modelled ones are decoded by type first).
/// Sources: kube-apiserver 1.33's default storage versions (`pkg/controlplane/instance.go`
/// `DefaultAPIResourceConfigSource`, stable versions only) and each kind's `ValidateObjectMeta`
/// name function in `pkg/apis/*/validation`.
#[rustfmt::skip]
pub static BUILTIN_KINDS: &[BuiltinKind] = &[
    k("", V1, "ConfigMap", "configmaps", true, SUB),
    k("", V1, "Secret", "secrets", true, SUB),
    k("", V1, "ServiceAccount", "serviceaccounts", true, SUB),
    k("", V1, "PersistentVolumeClaim", "persistentvolumeclaims", true, SUB),
    k("", V1, "PersistentVolume", "persistentvolumes", false, SUB),
    k("", V1, "LimitRange", "limitranges", true, SUB),
    k("", V1, "ResourceQuota", "resourcequotas", true, SUB),
    k("", V1, "PodTemplate", "podtemplates", true, SUB),
    k("", V1, "ReplicationController", "replicationcontrollers", true, SUB),
    k("", V1, "Event", "events", true, SUB),
    k("apps", V1, "ControllerRevision", "controllerrevisions", true, SUB),
    k("batch", V1, "Job", "jobs", true, SUB),
    k("batch", V1, "CronJob", "cronjobs", true, SUB),
    k("autoscaling", &["v1", "v2"], "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, SUB),
    k("policy", V1, "PodDisruptionBudget", "poddisruptionbudgets", true, SUB),
    k("networking.k8s.io", V1, "Ingress", "ingresses", true, SUB),
    k("networking.k8s.io", V1, "IngressClass", "ingressclasses", false, SUB),
    k("networking.k8s.io", V1, "ServiceCIDR", "servicecidrs", false, SUB),
    k("networking.k8s.io", V1, "IPAddress", "ipaddresses", false, PATH),
    k("rbac.authorization.k8s.io", V1, "Role", "roles", true, PATH),
    k("rbac.authorization.k8s.io", V1, "RoleBinding", "rolebindings", true, PATH),
    k("rbac.authorization.k8s.io", V1, "ClusterRole", "clusterroles", false, PATH),
    k("rbac.authorization.k8s.io", V1, "ClusterRoleBinding", "clusterrolebindings", false, PATH),
    k("storage.k8s.io", V1, "StorageClass", "storageclasses", false, SUB),
    k("storage.k8s.io", V1, "CSIDriver", "csidrivers", false, SUB),
    k("storage.k8s.io", V1, "CSINode", "csinodes", false, SUB),
    k("storage.k8s.io", V1, "VolumeAttachment", "volumeattachments", false, SUB),
    k("storage.k8s.io", V1, "CSIStorageCapacity", "csistoragecapacities", true, SUB),
    k("scheduling.k8s.io", V1, "PriorityClass", "priorityclasses", false, SUB),
    k("node.k8s.io", V1, "RuntimeClass", "runtimeclasses", false, SUB),
    k("coordination.k8s.io", V1, "Lease", "leases", true, SUB),
    k("events.k8s.io", V1, "Event", "events", true, SUB),
    k("certificates.k8s.io", V1, "CertificateSigningRequest", "certificatesigningrequests", false, SUB),
    k("admissionregistration.k8s.io", V1, "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false, SUB),
    k("admissionregistration.k8s.io", V1, "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false, SUB),
    k("admissionregistration.k8s.io", V1, "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false, SUB),
    k("admissionregistration.k8s.io", V1, "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", false, SUB),
    k("apiextensions.k8s.io", V1, "CustomResourceDefinition", "customresourcedefinitions", false, PATH),
    k("apiregistration.k8s.io", V1, "APIService", "apiservices", false, PATH),
    k("flowcontrol.apiserver.k8s.io", V1, "FlowSchema", "flowschemas", false, SUB),
    k("flowcontrol.apiserver.k8s.io", V1, "PriorityLevelConfiguration", "prioritylevelconfigurations", false, SUB),
];

/// Splits `apiVersion` into group and version (`v1` → `("", "v1")`).
pub fn split_api_version(api_version: &str) -> (&str, &str) {
    match api_version.rsplit_once('/') {
        Some((group, version)) => (group, version),
        None => ("", api_version),
    }
}

/// The served kind `kind` of `apiVersion`, if kube-apiserver serves it by default and svcplay
/// does not model it.
pub fn lookup(api_version: &str, kind: &str) -> Option<&'static BuiltinKind> {
    let (group, version) = split_api_version(api_version);
    BUILTIN_KINDS
        .iter()
        .find(|b| b.kind == kind && b.group == group && b.versions.contains(&version))
}

impl BuiltinKind {
    /// How kubectl names an object of this kind: `configmap/x`, `ingress.networking.k8s.io/x`.
    pub fn kubectl_name(&self, name: &str) -> String {
        let mut s = self.kind.to_ascii_lowercase();
        if !self.group.is_empty() {
            s.push('.');
            s.push_str(self.group);
        }
        s.push('/');
        s.push_str(name);
        s
    }

    /// The resource with its group, as API errors name it: `configmaps`,
    /// `ingresses.networking.k8s.io`.
    pub fn qualified_resource(&self) -> String {
        if self.group.is_empty() {
            self.resource.to_string()
        } else {
            format!("{}.{}", self.resource, self.group)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_group_and_version() {
        assert_eq!(
            lookup("v1", "ConfigMap").map(|b| b.resource),
            Some("configmaps")
        );
        assert_eq!(
            lookup("autoscaling/v2", "HorizontalPodAutoscaler").map(|b| b.namespaced),
            Some(true)
        );
        assert_eq!(
            lookup("events.k8s.io/v1", "Event").map(|b| b.group),
            Some("events.k8s.io")
        );
        // Removed or never-default versions are not served.
        assert_eq!(lookup("extensions/v1beta1", "Ingress"), None);
        assert_eq!(lookup("batch/v1beta1", "CronJob"), None);
        assert_eq!(lookup("v1", "Ingress"), None);
        assert_eq!(lookup("example.com/v1", "Widget"), None);
    }

    #[test]
    fn kubectl_names() {
        let ing = lookup("networking.k8s.io/v1", "Ingress").unwrap();
        assert_eq!(ing.kubectl_name("web"), "ingress.networking.k8s.io/web");
        assert_eq!(ing.qualified_resource(), "ingresses.networking.k8s.io");
        let cm = lookup("v1", "ConfigMap").unwrap();
        assert_eq!(cm.kubectl_name("cfg"), "configmap/cfg");
    }
}
