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

// ---------------------------------------------------------------------------------------------
// Settings documents
// ---------------------------------------------------------------------------------------------

use svcplay_model::field::{ErrorList, FieldError, Path};
use svcplay_model::types::{ClusterConfiguration, KubeProxyConfiguration};

/// Parses `--service-node-port-range` as `net.ParsePortRange` does: `30000-32767`, `30000+2767`
/// or a single port. Returns `(base, size)`.
pub fn parse_port_range(value: &str) -> Result<(u16, u16), String> {
    let value = value.trim();
    let bad = |why: &str| format!("unable to parse port range {value:?}: {why}");
    if value.is_empty() {
        return Err(bad("empty value"));
    }
    let port = |s: &str| -> Result<u32, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 5 {
            return Err(bad(&format!("invalid port {s:?}")));
        }
        let n: u32 = s.parse().map_err(|_| bad(&format!("invalid port {s:?}")))?;
        if n > 65535 {
            return Err(bad(&format!("port {n} is out of range 0-65535")));
        }
        Ok(n)
    };
    let (low, high) = if let Some((a, b)) = value.split_once('-') {
        (port(a)?, port(b)?)
    } else if let Some((a, b)) = value.split_once('+') {
        let low = port(a)?;
        (low, low + port(b)?)
    } else {
        let p = port(value)?;
        (p, p)
    };
    if high > 65535 {
        return Err(bad(&format!("port {high} is out of range 0-65535")));
    }
    if high < low {
        return Err(format!("end port cannot be less than start port: {value}"));
    }
    let size = high - low + 1;
    let size = u16::try_from(size).map_err(|_| bad("range is too large"))?;
    Ok((low as u16, size))
}

/// Parses a comma-separated CIDR list (`10.96.0.0/12,fd00::/108`) as a service range: one or
/// two CIDRs, of different families when two, IPv6 no shorter than /108 and IPv4 no shorter
/// than /12 (kube-apiserver's 20-bit limit on service ranges).
pub fn parse_service_cidrs(value: &str) -> Result<Vec<Cidr>, String> {
    let parts: Vec<&str> = value.split(',').map(str::trim).collect();
    if parts.len() > 2 {
        return Err("may only hold up to 2 values (one per IP family)".to_string());
    }
    let mut out = Vec::new();
    for p in parts {
        let c = Cidr::parse(p).ok_or_else(|| {
            format!("{p:?} must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")
        })?;
        let host_bits = c.bits() - c.prefix;
        if host_bits > 20 {
            return Err(format!(
                "specified service range {p} is too large; for {}-bit addresses, the mask must be >= {}",
                c.bits(),
                c.bits() - 20
            ));
        }
        out.push(c.masked());
    }
    if out.len() == 2 && out[0].is_ipv4() == out[1].is_ipv4() {
        return Err("the two service ranges must be of different IP families".to_string());
    }
    Ok(out)
}

fn parse_cidr_list(value: &str) -> Result<Vec<Cidr>, String> {
    let mut out = Vec::new();
    for p in value.split(',').map(str::trim) {
        out.push(Cidr::parse(p).ok_or_else(|| {
            format!("{p:?} must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")
        })?);
    }
    Ok(out)
}

impl Settings {
    /// Applies a kubeadm `ClusterConfiguration`: `networking.serviceSubnet`, `podSubnet`,
    /// `dnsDomain`, and `apiServer.extraArgs` `service-cluster-ip-range` (wins over
    /// serviceSubnet, as a flag does) and `service-node-port-range`. A pod subnet also becomes
    /// kube-proxy's `clusterCIDR`, as kubeadm passes it. Nothing changes if any value is bad;
    /// the errors name the offending field.
    pub fn apply_cluster_configuration(&mut self, cfg: &ClusterConfiguration) -> ErrorList {
        let mut next = self.clone();
        let mut errs = ErrorList::new();
        let net = Path::new("networking");
        let args = Path::new("apiServer").child("extraArgs");
        let extra = cfg.api_server.extra_args.as_ref();
        let svc_flag = extra.and_then(|a| a.get("service-cluster-ip-range"));
        if let Some(v) = svc_flag {
            match parse_service_cidrs(v) {
                Ok(c) => next.service_cidrs = c,
                Err(e) => errs.push(FieldError::invalid(
                    &args.key("service-cluster-ip-range"),
                    v,
                    &e,
                )),
            }
        } else if !cfg.networking.service_subnet.is_empty() {
            match parse_service_cidrs(&cfg.networking.service_subnet) {
                Ok(c) => next.service_cidrs = c,
                Err(e) => errs.push(FieldError::invalid(
                    &net.child("serviceSubnet"),
                    &cfg.networking.service_subnet,
                    &e,
                )),
            }
        }
        if !cfg.networking.pod_subnet.is_empty() {
            match parse_cidr_list(&cfg.networking.pod_subnet) {
                Ok(c) => {
                    next.pod_cidr = c[0].masked();
                    next.proxy.cluster_cidr = Some(cfg.networking.pod_subnet.clone());
                }
                Err(e) => errs.push(FieldError::invalid(
                    &net.child("podSubnet"),
                    &cfg.networking.pod_subnet,
                    &e,
                )),
            }
        }
        if !cfg.networking.dns_domain.is_empty() {
            let d = cfg.networking.dns_domain.trim_end_matches('.');
            let ok = !d.is_empty()
                && d.len() <= 253
                && d.split('.').all(|l| {
                    !l.is_empty()
                        && l.len() <= 63
                        && l.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                        && !l.starts_with('-')
                        && !l.ends_with('-')
                });
            if ok {
                next.dns_domain = d.to_string();
            } else {
                errs.push(FieldError::invalid(
                    &net.child("dnsDomain"),
                    &cfg.networking.dns_domain,
                    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                ));
            }
        }
        if let Some(v) = extra.and_then(|a| a.get("service-node-port-range")) {
            match parse_port_range(v) {
                Ok((base, size)) => {
                    next.node_port_base = base;
                    next.node_port_size = size;
                }
                Err(e) => errs.push(FieldError::invalid(
                    &args.key("service-node-port-range"),
                    v,
                    &e,
                )),
            }
        }
        if errs.is_empty() {
            *self = next;
        }
        errs
    }

    /// Applies a `KubeProxyConfiguration`. `cluster_cidr_written` says whether `clusterCIDR` was
    /// present in the document: an explicit empty value turns the local-traffic detector off
    /// (`cluster_cidr = None`), an absent one keeps the current value. Nothing changes if any
    /// value is bad.
    pub fn apply_kube_proxy_configuration(
        &mut self,
        cfg: &KubeProxyConfiguration,
        cluster_cidr_written: bool,
    ) -> ErrorList {
        let mut next = self.proxy.clone();
        let mut errs = ErrorList::new();
        if !cfg.cluster_cidr.is_empty() {
            match parse_cidr_list(&cfg.cluster_cidr) {
                Ok(_) => next.cluster_cidr = Some(cfg.cluster_cidr.clone()),
                Err(e) => errs.push(FieldError::invalid(
                    &Path::new("clusterCIDR"),
                    &cfg.cluster_cidr,
                    &e,
                )),
            }
        } else if cluster_cidr_written {
            next.cluster_cidr = None;
        }
        if !cfg.detect_local_mode.is_empty() {
            const MODES: [&str; 4] = [
                "BridgeInterface",
                "ClusterCIDR",
                "InterfaceNamePrefix",
                "NodeCIDR",
            ];
            if MODES.contains(&cfg.detect_local_mode.as_str()) {
                next.detect_local_mode = cfg.detect_local_mode.clone();
            } else {
                errs.push(FieldError::not_supported(
                    &Path::new("detectLocalMode"),
                    &cfg.detect_local_mode,
                    &MODES,
                ));
            }
        }
        let ipt = Path::new("iptables");
        if let Some(v) = cfg.iptables.masquerade_all {
            next.masquerade_all = v;
        }
        if let Some(bit) = cfg.iptables.masquerade_bit {
            if (0..=31).contains(&bit) {
                next.masquerade_bit = bit as u32;
            } else {
                errs.push(FieldError::invalid(
                    &ipt.child("masqueradeBit"),
                    bit,
                    "must be within the range [0, 31]",
                ));
            }
        }
        if let Some(v) = cfg.iptables.localhost_node_ports {
            next.localhost_node_ports = v;
        }
        if !cfg.node_port_addresses.is_empty() {
            let p = Path::new("nodePortAddresses");
            for (i, a) in cfg.node_port_addresses.iter().enumerate() {
                if a == "primary" {
                    if cfg.node_port_addresses.len() > 1 {
                        errs.push(FieldError::invalid(
                            &p.index(i),
                            a.as_str(),
                            "can't use both 'primary' and CIDRs",
                        ));
                    }
                } else if Cidr::parse(a).is_none() {
                    errs.push(FieldError::invalid(
                        &p.index(i),
                        a.as_str(),
                        "must be a valid CIDR",
                    ));
                }
            }
            next.node_port_addresses = cfg.node_port_addresses.clone();
        }
        if !cfg.hostname_override.is_empty() {
            next.hostname_override = cfg.hostname_override.clone();
        }
        if errs.is_empty() {
            self.proxy = next;
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn port_ranges() {
        assert_eq!(parse_port_range("30000-32767"), Ok((30000, 2768)));
        assert_eq!(parse_port_range("30000+2767"), Ok((30000, 2768)));
        assert_eq!(parse_port_range("30000"), Ok((30000, 1)));
        assert!(parse_port_range("32767-30000").is_err());
        assert!(parse_port_range("abc").is_err());
        assert!(parse_port_range("1-70000").is_err());
        assert!(parse_port_range("").is_err());
    }

    #[test]
    fn cluster_configuration() {
        let cfg: ClusterConfiguration = serde_json::from_value(json!({
            "apiVersion": "kubeadm.k8s.io/v1beta4",
            "kind": "ClusterConfiguration",
            "networking": {"serviceSubnet": "10.100.0.0/16", "podSubnet": "10.32.0.0/12", "dnsDomain": "corp.local"},
            "apiServer": {"extraArgs": [{"name": "service-node-port-range", "value": "31000-31099"}]}
        }))
        .unwrap();
        let mut s = Settings::default();
        assert!(s.apply_cluster_configuration(&cfg).is_empty());
        assert_eq!(s.service_cidrs[0].to_string(), "10.100.0.0/16");
        assert_eq!(s.pod_cidr.to_string(), "10.32.0.0/12");
        assert_eq!(s.proxy.cluster_cidr.as_deref(), Some("10.32.0.0/12"));
        assert_eq!(s.dns_domain, "corp.local");
        assert_eq!(s.node_port_range(), "31000-31099");

        // The flag wins over networking.serviceSubnet.
        let cfg: ClusterConfiguration = serde_json::from_value(json!({
            "networking": {"serviceSubnet": "10.100.0.0/16"},
            "apiServer": {"extraArgs": {"service-cluster-ip-range": "10.200.0.0/24,fd00::/112"}}
        }))
        .unwrap();
        let mut s = Settings::default();
        assert!(s.apply_cluster_configuration(&cfg).is_empty());
        assert_eq!(s.service_cidrs.len(), 2);
        assert_eq!(s.service_cidrs[0].to_string(), "10.200.0.0/24");
    }

    #[test]
    fn bad_cluster_configuration_changes_nothing() {
        let cfg: ClusterConfiguration = serde_json::from_value(json!({
            "networking": {"serviceSubnet": "10.96.0.0/33", "podSubnet": "10.32.0.0/12"},
            "apiServer": {"extraArgs": {"service-node-port-range": "40000-30000"}}
        }))
        .unwrap();
        let mut s = Settings::default();
        let errs = s.apply_cluster_configuration(&cfg);
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].field, "networking.serviceSubnet");
        assert_eq!(
            errs[1].field,
            "apiServer.extraArgs[service-node-port-range]"
        );
        assert_eq!(s, Settings::default());
        assert!(parse_service_cidrs("10.0.0.0/8").is_err());
        assert!(parse_service_cidrs("10.0.0.0/16,10.1.0.0/16").is_err());
    }

    #[test]
    fn kube_proxy_configuration() {
        let cfg: KubeProxyConfiguration = serde_json::from_value(json!({
            "kind": "KubeProxyConfiguration",
            "clusterCIDR": "",
            "detectLocalMode": "NodeCIDR",
            "iptables": {"masqueradeAll": true, "masqueradeBit": 15, "localhostNodePorts": false},
            "nodePortAddresses": ["primary"],
            "hostnameOverride": "node01"
        }))
        .unwrap();
        let mut s = Settings::default();
        assert!(s.apply_kube_proxy_configuration(&cfg, false).is_empty());
        assert_eq!(s.proxy.cluster_cidr.as_deref(), Some("10.244.0.0/16"));
        assert!(s.apply_kube_proxy_configuration(&cfg, true).is_empty());
        assert_eq!(s.proxy.cluster_cidr, None);
        assert_eq!(s.proxy.detect_local_mode, "NodeCIDR");
        assert!(s.proxy.masquerade_all);
        assert_eq!(s.proxy.masquerade_bit, 15);
        assert!(!s.proxy.localhost_node_ports);
        assert_eq!(s.proxy.node_port_addresses, vec!["primary".to_string()]);
        assert_eq!(s.proxy.hostname_override, "node01");

        let bad: KubeProxyConfiguration = serde_json::from_value(json!({
            "detectLocalMode": "Magic", "iptables": {"masqueradeBit": 40}, "clusterCIDR": "x"
        }))
        .unwrap();
        let mut s = Settings::default();
        let errs = s.apply_kube_proxy_configuration(&bad, true);
        let msgs: Vec<String> = errs.iter().map(|e| e.message()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[1].starts_with("detectLocalMode: Unsupported value: \"Magic\""));
        assert_eq!(
            msgs[2],
            "iptables.masqueradeBit: Invalid value: 40: must be within the range [0, 31]"
        );
        assert_eq!(s, Settings::default());
    }
}
