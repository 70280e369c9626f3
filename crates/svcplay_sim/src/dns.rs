//! Cluster DNS as the Kubernetes DNS specification (and CoreDNS) answers it.
