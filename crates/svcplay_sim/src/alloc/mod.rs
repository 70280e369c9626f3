//! ClusterIP and NodePort allocation (`pkg/registry/core/service/ipallocator`, `portallocator`).

use crate::settings::Settings;

/// Every allocator of the cluster.
#[derive(Debug, Clone, Default)]
pub struct Allocators {}

impl Allocators {
    /// Allocators for `settings`' ranges.
    pub fn new(settings: &Settings) -> Self {
        let _ = settings;
        Allocators {}
    }
}
