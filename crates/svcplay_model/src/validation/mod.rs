//! Validation as kube-apiserver's `ValidateXxxCreate` does it, collecting every error with its
//! upstream field path and message.

use crate::field::ErrorList;
use crate::types::{Object, Service};

/// `ValidateService` on a defaulted Service.
pub fn validate_service(svc: &Service) -> ErrorList {
    let _ = svc;
    Vec::new()
}

/// `ValidateServiceClusterIPsRelatedFields`: the clusterIP/clusterIPs/ipFamilies/ipFamilyPolicy
/// rules the registry runs before allocating (and `ValidateService` runs again).
pub fn validate_service_cluster_ips_related_fields(svc: &Service) -> ErrorList {
    let _ = svc;
    Vec::new()
}

/// Validates any object (dispatching to the kind's rules).
pub fn validate_object(obj: &Object) -> ErrorList {
    match obj {
        Object::Service(s) => validate_service(s),
        _ => Vec::new(),
    }
}

/// `GetWarningsForService`: warnings returned on create.
pub fn service_warnings(svc: &Service) -> Vec<String> {
    let _ = svc;
    Vec::new()
}
