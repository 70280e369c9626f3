//! Cluster-wide settings: a kubeadm cluster's defaults, overridden by `ClusterConfiguration` and
//! `KubeProxyConfiguration` documents in the input.

use svcplay_model::net::Cidr;

/// kube-proxy settings (`KubeProxyConfiguration`, iptables mode) with upstream defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct ProxySettings {
    /// `clusterCIDR`; `None` means no local-traffic detector (empty clusterCIDR).
    pub cluster_cidr: Option<String>,
    /// `detectLocalMode` (default `ClusterCIDR`).
    pub detect_local_mode: String,
    /// `iptables.masqueradeAll` (default false).
    pub masquerade_all: bool,
    /// `iptables.masqueradeBit` (default 14).
    pub masquerade_bit: u32,
    /// `iptables.localhostNodePorts` (default true).
    pub localhost_node_ports: bool,
    /// `nodePortAddresses` (default: all local addresses).
    pub node_port_addresses: Vec<String>,
    /// `hostnameOverride`.
    pub hostname_override: String,
}

impl Default for ProxySettings {
    fn default() -> Self {
        ProxySettings {
            // kubeadm passes the pod subnet as kube-proxy's clusterCIDR.
            cluster_cidr: Some("10.244.0.0/16".to_string()),
            detect_local_mode: "ClusterCIDR".to_string(),
            masquerade_all: false,
            masquerade_bit: 14,
            localhost_node_ports: true,
            node_port_addresses: Vec::new(),
            hostname_override: String::new(),
        }
    }
}

/// The simulated cloud provider for `type: LoadBalancer`.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadBalancerSettings {
    /// Whether any provider serves LoadBalancer Services (false: they stay `<pending>`, as on minikube).
    pub enabled: bool,
    /// Addresses handed out to LoadBalancer Services.
    pub pool: Cidr,
}

impl Default for LoadBalancerSettings {
    fn default() -> Self {
        LoadBalancerSettings {
            enabled: true,
            // TEST-NET-3 (RFC 5737): documentation addresses that can never be real targets.
            pool: Cidr::parse("203.0.113.0/24").expect("valid literal"),
        }
    }
}

/// Cluster-wide settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `networking.serviceSubnet` (kubeadm default `10.96.0.0/12`).
    pub service_cidrs: Vec<Cidr>,
    /// `networking.podSubnet` (default `10.244.0.0/16`).
    pub pod_cidr: Cidr,
    /// `networking.dnsDomain` (default `cluster.local`).
    pub dns_domain: String,
    /// `--service-node-port-range` base (default 30000).
    pub node_port_base: u16,
    /// `--service-node-port-range` size (default 2768, i.e. up to 32767).
    pub node_port_size: u16,
    /// kube-proxy.
    pub proxy: ProxySettings,
    /// Cloud LB.
    pub load_balancer: LoadBalancerSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            service_cidrs: vec![Cidr::parse("10.96.0.0/12").expect("valid literal")],
            pod_cidr: Cidr::parse("10.244.0.0/16").expect("valid literal"),
            dns_domain: "cluster.local".to_string(),
            node_port_base: 30000,
            node_port_size: 2768,
            proxy: ProxySettings::default(),
            load_balancer: LoadBalancerSettings::default(),
        }
    }
}

impl Settings {
    /// The NodePort range as `--service-node-port-range` prints it (`30000-32767`).
    pub fn node_port_range(&self) -> String {
        let last = u32::from(self.node_port_base) + u32::from(self.node_port_size) - 1;
        format!("{}-{last}", self.node_port_base)
    }
}
