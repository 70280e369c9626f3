//! kube-proxy (iptables mode) on one node: which Service ports and endpoints it sees
//! ([`model`]), the rules it writes ([`iptables`]), how upstream's tests compare such dumps
//! ([`dump`]), and a packet tracer over the rules ([`mod@trace`]).
//!
//! Reference: `/work/shared/kube-proxy.md` (upstream `pkg/proxy/iptables/proxier.go` and its
//! tests). The fixtures under `tests/fixtures/proxy/` are upstream's expected dumps.

pub mod dump;
pub mod iptables;
pub mod model;
pub mod trace;

pub use dump::{normalize, parse_dump};
pub use iptables::{
    KubeProxyProfile, ProxyInput, RulesBuffers, compute_probability, iptables_save,
};
pub use model::{
    Categorized, EndpointInfo, IpFamily, ServicePortInfo, ServicePortName, categorize_endpoints,
};
pub use trace::{Hop, Packet, Ruleset, TraceResult, Verdict, trace, trace_node};
