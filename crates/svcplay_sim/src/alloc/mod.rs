//! ClusterIP and NodePort allocation (`pkg/registry/core/service/ipallocator`, `portallocator`).
//!
//! Each allocator splits its range into a small static band at the bottom and a dynamic band above
//! it (KEP-3070). Dynamic picks (`allocate_next`) come randomly from the upper band and fall back to
//! the lower band only once the upper band is full; requests for a specific value may land anywhere.
//! Randomness comes from the cluster's seeded [`Rng`], so the same seed gives the same addresses.

pub mod bitmap;

use std::fmt;
use std::net::IpAddr;

use svcplay_model::net::{Cidr, from_u128, to_u128};

pub use bitmap::AllocationMap;

use crate::rng::Rng;
use crate::settings::Settings;

/// `api.IPFamily` of an address: `IPv4` or `IPv6`.
pub fn family_of(ip: IpAddr) -> &'static str {
    if ip.is_ipv4() { "IPv4" } else { "IPv6" }
}

/// `ipallocator` errors (`interfaces.go`, and `ErrMismatchedNetwork` from the MetaAllocator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpAllocError {
    /// `ErrAllocated`: `provided IP is already allocated`.
    Allocated,
    /// `ErrNotInRange` of one CIDR's allocator.
    NotInRange {
        /// The requested address.
        ip: IpAddr,
        /// The allocator's CIDR.
        valid_range: String,
    },
    /// `ErrMismatchedNetwork`: no service CIDR of the cluster holds the address. This is what a
    /// request outside every range gets since `MultiCIDRServiceAllocator` (GA in 1.33).
    MismatchedNetwork,
    /// `ErrFull`: `range is full`.
    Full,
}

impl fmt::Display for IpAllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IpAllocError::Allocated => f.write_str("provided IP is already allocated"),
            IpAllocError::NotInRange { ip, valid_range } => write!(
                f,
                "the provided IP ({ip}) is not in the valid range. The range of valid IPs is {valid_range}"
            ),
            IpAllocError::MismatchedNetwork => {
                f.write_str("the provided network does not match the current range")
            }
            IpAllocError::Full => f.write_str("range is full"),
        }
    }
}

impl std::error::Error for IpAllocError {}

/// `portallocator` errors (`allocator.go`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortAllocError {
    /// `ErrAllocated`: `provided port is already allocated`.
    Allocated,
    /// `ErrNotInRange`, carrying the range as `30000-32767`.
    NotInRange {
        /// The valid range as `--service-node-port-range` prints it.
        valid_ports: String,
    },
    /// `ErrFull`: `range is full`.
    Full,
}

impl fmt::Display for PortAllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortAllocError::Allocated => f.write_str("provided port is already allocated"),
            PortAllocError::NotInRange { valid_ports } => write!(
                f,
                "provided port is not in the valid range. The range of valid ports is {valid_ports}"
            ),
            PortAllocError::Full => f.write_str("range is full"),
        }
    }
}

impl std::error::Error for PortAllocError {}

/// `ipallocator.calculateRangeOffset`: `min(max(16, size/16), 256)`, and 0 for ranges of at most
/// 16 addresses. `size` is the CIDR's address count.
pub fn ip_range_offset(cidr_size: u128) -> u128 {
    const MIN: u128 = 16;
    const MAX: u128 = 256;
    const STEP: u128 = 16;
    if cidr_size <= MIN {
        return 0;
    }
    (cidr_size / STEP).clamp(MIN, MAX)
}

/// `portallocator.calculateRangeOffset`: `min(max(16, size/32), 128)`, and 0 for ranges of at
/// most 16 ports.
pub fn port_range_offset(range_size: u32) -> u32 {
    const MIN: u32 = 16;
    const MAX: u32 = 128;
    const STEP: u32 = 32;
    if range_size <= MIN {
        return 0;
    }
    (range_size / STEP).clamp(MIN, MAX)
}

/// The ClusterIP allocator of one service CIDR.
///
/// Usable addresses: the CIDR minus its network address and, for IPv4, its broadcast address
/// (`hostsPerNetwork`). The static band is the first [`ip_range_offset`] usable addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterIpAllocator {
    cidr: Cidr,
    first: u128,
    map: AllocationMap,
}

impl ClusterIpAllocator {
    /// An allocator over `cidr` (host bits are ignored). IPv6 prefixes shorter than /64 are
    /// refused as upstream's `NewIPAllocator` does.
    pub fn new(cidr: Cidr) -> Result<Self, String> {
        let cidr = cidr.masked();
        if !cidr.is_ipv4() && cidr.prefix < 64 {
            return Err(format!(
                "shortest allowed prefix length for service CIDR is 64, got {}",
                cidr.prefix
            ));
        }
        let size = cidr.size();
        let mut hosts = size.saturating_sub(1);
        if cidr.is_ipv4() {
            hosts = hosts.saturating_sub(1);
        }
        let offset = ip_range_offset(size);
        Ok(ClusterIpAllocator {
            cidr,
            first: to_u128(cidr.network()) + 1,
            map: AllocationMap::new(hosts, offset),
        })
    }

    /// The CIDR (masked).
    pub fn cidr(&self) -> Cidr {
        self.cidr
    }

    /// `IPv4` or `IPv6`.
    pub fn family(&self) -> &'static str {
        if self.cidr.is_ipv4() { "IPv4" } else { "IPv6" }
    }

    /// Number of usable addresses.
    pub fn size(&self) -> u128 {
        self.map.max()
    }

    /// Size of the static band.
    pub fn range_offset(&self) -> u128 {
        self.map.offset()
    }

    /// Number of allocated addresses.
    pub fn used(&self) -> u128 {
        self.map.count()
    }

    /// Number of free addresses.
    pub fn free(&self) -> u128 {
        self.map.free()
    }

    /// The `n`-th usable address (0 = the first after the network address).
    pub fn nth_usable(&self, n: u128) -> Option<IpAddr> {
        (n < self.map.max()).then(|| from_u128(self.first + n, self.cidr.is_ipv4()))
    }

    fn index_of(&self, ip: IpAddr) -> Option<u128> {
        if ip.is_ipv4() != self.cidr.is_ipv4() || !self.cidr.contains(ip) {
            return None;
        }
        let n = to_u128(ip);
        (n >= self.first && n - self.first < self.map.max()).then(|| n - self.first)
    }

    /// Whether `ip` is a usable address of this range (upstream's `prefixContainsIP`).
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.index_of(ip).is_some()
    }

    /// Reserves `ip`.
    pub fn allocate(&mut self, ip: IpAddr) -> Result<(), IpAllocError> {
        let i = self.check(ip)?;
        self.map.allocate(i);
        Ok(())
    }

    /// Checks what [`Self::allocate`] would answer without reserving anything.
    pub fn dry_run_allocate(&self, ip: IpAddr) -> Result<(), IpAllocError> {
        self.check(ip).map(|_| ())
    }

    fn check(&self, ip: IpAddr) -> Result<u128, IpAllocError> {
        let i = self.index_of(ip).ok_or_else(|| IpAllocError::NotInRange {
            ip,
            valid_range: self.cidr.to_string(),
        })?;
        if self.map.has(i) {
            return Err(IpAllocError::Allocated);
        }
        Ok(i)
    }

    /// Reserves a free address: random in the upper band, else random in the static band.
    pub fn allocate_next(&mut self, rng: &mut Rng) -> Result<IpAddr, IpAllocError> {
        let i = self.map.allocate_next(rng).ok_or(IpAllocError::Full)?;
        Ok(from_u128(self.first + i, self.cidr.is_ipv4()))
    }

    /// Frees `ip`; freeing a free or foreign address does nothing.
    pub fn release(&mut self, ip: IpAddr) {
        if let Some(i) = self.index_of(ip) {
            self.map.release(i);
        }
    }

    /// Whether `ip` is allocated.
    pub fn has(&self, ip: IpAddr) -> bool {
        self.index_of(ip).is_some_and(|i| self.map.has(i))
    }

    /// Allocated addresses in increasing order.
    pub fn allocated(&self) -> Vec<IpAddr> {
        let v4 = self.cidr.is_ipv4();
        self.map
            .iter()
            .map(|i| from_u128(self.first + i, v4))
            .collect()
    }
}

/// The NodePort allocator over `--service-node-port-range`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePortAllocator {
    base: u32,
    size: u32,
    map: AllocationMap,
}

impl NodePortAllocator {
    /// An allocator over `base..base+size`; the static band is [`port_range_offset`] ports
    /// (86 for the default 30000-32767).
    pub fn new(base: u16, size: u32) -> Self {
        let size = size.min(65_536 - u32::from(base));
        NodePortAllocator {
            base: u32::from(base),
            size,
            map: AllocationMap::new(u128::from(size), u128::from(port_range_offset(size))),
        }
    }

    /// The range as `net.PortRange.String()` prints it (`30000-32767`).
    pub fn range(&self) -> String {
        if self.size == 0 {
            return String::new();
        }
        format!("{}-{}", self.base, self.base + self.size - 1)
    }

    /// First port of the range.
    pub fn base(&self) -> u32 {
        self.base
    }

    /// Number of ports.
    pub fn size(&self) -> u32 {
        self.size
    }

    /// Size of the static band.
    pub fn range_offset(&self) -> u32 {
        self.map.offset() as u32
    }

    /// Number of allocated ports.
    pub fn used(&self) -> u32 {
        self.map.count() as u32
    }

    /// Number of free ports.
    pub fn free(&self) -> u32 {
        self.map.free() as u32
    }

    fn index_of(&self, port: i64) -> Option<u128> {
        let p = u32::try_from(port).ok()?;
        (p >= self.base && p - self.base < self.size).then(|| u128::from(p - self.base))
    }

    /// Whether `port` is inside the range.
    pub fn contains(&self, port: i64) -> bool {
        self.index_of(port).is_some()
    }

    fn check(&self, port: i64) -> Result<u128, PortAllocError> {
        let i = self
            .index_of(port)
            .ok_or_else(|| PortAllocError::NotInRange {
                valid_ports: self.range(),
            })?;
        if self.map.has(i) {
            return Err(PortAllocError::Allocated);
        }
        Ok(i)
    }

    /// Reserves `port`.
    pub fn allocate(&mut self, port: i64) -> Result<(), PortAllocError> {
        let i = self.check(port)?;
        self.map.allocate(i);
        Ok(())
    }

    /// Checks what [`Self::allocate`] would answer without reserving anything.
    pub fn dry_run_allocate(&self, port: i64) -> Result<(), PortAllocError> {
        self.check(port).map(|_| ())
    }

    /// Reserves a free port: random in the upper band, else random in the static band.
    pub fn allocate_next(&mut self, rng: &mut Rng) -> Result<i32, PortAllocError> {
        let i = self.map.allocate_next(rng).ok_or(PortAllocError::Full)?;
        Ok((self.base + i as u32) as i32)
    }

    /// Frees `port`; freeing a free or out-of-range port does nothing.
    pub fn release(&mut self, port: i64) {
        if let Some(i) = self.index_of(port) {
            self.map.release(i);
        }
    }

    /// Whether `port` is allocated.
    pub fn has(&self, port: i64) -> bool {
        self.index_of(port).is_some_and(|i| self.map.has(i))
    }

    /// Allocated ports in increasing order.
    pub fn allocated(&self) -> Vec<i32> {
        self.map
            .iter()
            .map(|i| (self.base + i as u32) as i32)
            .collect()
    }
}

/// Every allocator of the cluster: one ClusterIP allocator per service CIDR (primary family
/// first, at most one per family) and the NodePort allocator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocators {
    /// ClusterIP allocators, `--service-cluster-ip-range` order.
    pub cluster_ips: Vec<ClusterIpAllocator>,
    /// The NodePort allocator.
    pub node_ports: NodePortAllocator,
}

impl Default for Allocators {
    fn default() -> Self {
        Allocators::new(&Settings::default())
    }
}

impl Allocators {
    /// Allocators for `settings`' ranges. CIDRs an allocator cannot serve (a second CIDR of the
    /// same family, IPv6 shorter than /64) are skipped; settings parsing reports them first.
    pub fn new(settings: &Settings) -> Self {
        let mut cluster_ips: Vec<ClusterIpAllocator> = Vec::new();
        for cidr in &settings.service_cidrs {
            if cluster_ips
                .iter()
                .any(|a| a.cidr.is_ipv4() == cidr.is_ipv4())
            {
                continue;
            }
            if let Ok(a) = ClusterIpAllocator::new(*cidr) {
                cluster_ips.push(a);
            }
        }
        Allocators {
            cluster_ips,
            node_ports: NodePortAllocator::new(
                settings.node_port_base,
                u32::from(settings.node_port_size),
            ),
        }
    }

    /// The configured IP families, primary first (`IPv4`, `IPv6`).
    pub fn families(&self) -> Vec<&'static str> {
        self.cluster_ips.iter().map(|a| a.family()).collect()
    }

    /// The primary family (`--service-cluster-ip-range[0]`), `IPv4` if none is configured.
    pub fn primary_family(&self) -> &'static str {
        self.cluster_ips.first().map_or("IPv4", |a| a.family())
    }

    /// The allocator of `family`.
    pub fn for_family(&self, family: &str) -> Option<&ClusterIpAllocator> {
        self.cluster_ips.iter().find(|a| a.family() == family)
    }

    /// The allocator of `family`, mutable.
    pub fn for_family_mut(&mut self, family: &str) -> Option<&mut ClusterIpAllocator> {
        self.cluster_ips.iter_mut().find(|a| a.family() == family)
    }

    /// Reserves a requested ClusterIP as the MetaAllocator does: an address that no range can
    /// hand out gets [`IpAllocError::MismatchedNetwork`].
    pub fn allocate_cluster_ip(&mut self, ip: IpAddr) -> Result<(), IpAllocError> {
        match self.cluster_ips.iter_mut().find(|a| a.contains(ip)) {
            Some(a) => a.allocate(ip),
            None => Err(IpAllocError::MismatchedNetwork),
        }
    }

    /// Checks what [`Self::allocate_cluster_ip`] would answer without reserving anything.
    pub fn dry_run_allocate_cluster_ip(&self, ip: IpAddr) -> Result<(), IpAllocError> {
        match self.cluster_ips.iter().find(|a| a.contains(ip)) {
            Some(a) => a.dry_run_allocate(ip),
            None => Err(IpAllocError::MismatchedNetwork),
        }
    }

    /// Reserves a free ClusterIP of `family`; [`IpAllocError::Full`] when the family has no
    /// range or no free address.
    pub fn allocate_next_cluster_ip(
        &mut self,
        family: &str,
        rng: &mut Rng,
    ) -> Result<IpAddr, IpAllocError> {
        match self.for_family_mut(family) {
            Some(a) => a.allocate_next(rng),
            None => Err(IpAllocError::Full),
        }
    }

    /// Frees a ClusterIP (no-op if it is not allocated).
    pub fn release_cluster_ip(&mut self, ip: IpAddr) {
        for a in &mut self.cluster_ips {
            a.release(ip);
        }
    }

    /// Whether a ClusterIP is allocated.
    pub fn has_cluster_ip(&self, ip: IpAddr) -> bool {
        self.cluster_ips.iter().any(|a| a.has(ip))
    }

    /// Whether some range can hand out `ip`.
    pub fn cluster_ip_in_range(&self, ip: IpAddr) -> bool {
        self.cluster_ips.iter().any(|a| a.contains(ip))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cidr(s: &str) -> Cidr {
        Cidr::parse(s).unwrap()
    }

    // ipallocator/bitmap_test.go Test_calculateRangeOffset.
    #[test]
    fn ip_offsets() {
        let cases = [
            ("full mask IPv4", "192.168.1.1/32", 0),
            ("full mask IPv6", "fd00::1/128", 0),
            ("very small mask IPv4", "192.168.1.1/30", 0),
            ("very small mask IPv6", "fd00::1/126", 0),
            ("small mask IPv4", "192.168.1.1/28", 0),
            ("small mask IPv4", "192.168.1.1/27", 16),
            ("small mask IPv6", "fd00::1/124", 0),
            ("small mask IPv6", "fd00::1/122", 16),
            ("medium mask IPv4", "192.168.1.1/22", 64),
            ("medium mask IPv6", "fd00::1/118", 64),
            ("large mask IPv4", "192.168.1.1/8", 256),
            ("kubeadm default", "10.96.0.0/12", 256),
        ];
        for (name, c, want) in cases {
            assert_eq!(ip_range_offset(cidr(c).size()), want, "{name} {c}");
        }
    }

    // portallocator/allocator_test.go Test_calculateRangeOffset.
    #[test]
    fn port_offsets() {
        let cases = [
            ("default node port range", 30000, 2768, 86),
            ("very small node port range", 30000, 10, 0),
            ("small node port range (lower boundary)", 30000, 16, 0),
            ("small node port range", 30000, 128, 16),
            ("medium node port range", 30000, 2048, 64),
            ("large node port range (upper boundary)", 30000, 4096, 128),
        ];
        for (name, _base, size, want) in cases {
            assert_eq!(port_range_offset(size), want, "{name}");
        }
    }

    // ipallocator/bitmap_test.go TestAllocate (the first/last usable address, network and
    // broadcast excluded) and TestAllocateReserved (dynamic picks avoid the static band).
    #[test]
    fn cluster_ip_range_and_bands() {
        let mut a = ClusterIpAllocator::new(cidr("192.168.1.0/24")).unwrap();
        assert_eq!(a.size(), 254);
        assert_eq!(a.range_offset(), 16);
        assert!(!a.contains("192.168.1.0".parse().unwrap()));
        assert!(!a.contains("192.168.1.255".parse().unwrap()));
        assert!(a.contains("192.168.1.254".parse().unwrap()));
        let mut rng = Rng::new(42);
        for _ in 0..(254 - 16) {
            let ip = a.allocate_next(&mut rng).unwrap();
            let last = match ip {
                IpAddr::V4(v4) => v4.octets()[3],
                IpAddr::V6(_) => unreachable!(),
            };
            assert!(last > 16, "{ip} is in the static band");
        }
        // Upper band full: the static band serves now.
        let ip = a.allocate_next(&mut rng).unwrap();
        assert!(to_u128(ip) <= to_u128("192.168.1.16".parse().unwrap()));
        assert_eq!(
            a.allocate("192.168.1.200".parse().unwrap()),
            Err(IpAllocError::Allocated)
        );
        let err = a.allocate("192.168.1.255".parse().unwrap()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the provided IP (192.168.1.255) is not in the valid range. The range of valid IPs is 192.168.1.0/24"
        );
    }

    // ipallocator/bitmap_test.go TestAllocateTiny: a /30 has two usable addresses, /32 none.
    #[test]
    fn tiny_ranges() {
        let mut rng = Rng::new(1);
        let mut a = ClusterIpAllocator::new(cidr("192.168.1.0/30")).unwrap();
        assert_eq!(a.size(), 2);
        a.allocate_next(&mut rng).unwrap();
        a.allocate_next(&mut rng).unwrap();
        assert_eq!(a.allocate_next(&mut rng), Err(IpAllocError::Full));
        assert_eq!(IpAllocError::Full.to_string(), "range is full");
        let mut b = ClusterIpAllocator::new(cidr("192.168.1.1/32")).unwrap();
        assert_eq!(b.allocate_next(&mut rng), Err(IpAllocError::Full));
        // IPv6 keeps the last address (no broadcast).
        let c = ClusterIpAllocator::new(cidr("fd00::/126")).unwrap();
        assert_eq!(c.size(), 3);
        assert!(ClusterIpAllocator::new(cidr("fd00::/48")).is_err());
    }

    #[test]
    fn default_service_cidr_bands() {
        let mut al = Allocators::default();
        let mut rng = Rng::new(5);
        let a = al.for_family("IPv4").unwrap();
        // 10.96.0.1 .. 10.96.1.0 is the static band of 10.96.0.0/12.
        assert_eq!(a.range_offset(), 256);
        for _ in 0..200 {
            let ip = al.allocate_next_cluster_ip("IPv4", &mut rng).unwrap();
            assert!(to_u128(ip) >= to_u128("10.96.1.1".parse().unwrap()), "{ip}");
        }
        assert_eq!(
            al.allocate_cluster_ip("10.96.0.0".parse().unwrap()),
            Err(IpAllocError::MismatchedNetwork)
        );
        assert_eq!(
            al.allocate_cluster_ip("10.112.0.1".parse().unwrap())
                .unwrap_err()
                .to_string(),
            "the provided network does not match the current range"
        );
        al.allocate_cluster_ip("10.96.0.50".parse().unwrap())
            .unwrap();
        assert_eq!(
            al.allocate_cluster_ip("10.96.0.50".parse().unwrap())
                .unwrap_err()
                .to_string(),
            "provided IP is already allocated"
        );
        al.release_cluster_ip("10.96.0.50".parse().unwrap());
        assert!(
            al.dry_run_allocate_cluster_ip("10.96.0.50".parse().unwrap())
                .is_ok()
        );
        assert!(!al.has_cluster_ip("10.96.0.50".parse().unwrap()));
    }

    // portallocator/allocator_test.go TestAllocate, TestForEach, TestNewFromSnapshot-style
    // error texts; the dynamic band starts at 30086 for the default range.
    #[test]
    fn node_ports() {
        let mut p = Allocators::default().node_ports;
        let mut rng = Rng::new(11);
        assert_eq!(p.range(), "30000-32767");
        assert_eq!(p.range_offset(), 86);
        for _ in 0..(2768 - 86) {
            let port = p.allocate_next(&mut rng).unwrap();
            assert!((30086..=32767).contains(&port), "{port}");
        }
        let port = p.allocate_next(&mut rng).unwrap();
        assert!((30000..30086).contains(&port));
        assert_eq!(
            p.allocate(80).unwrap_err().to_string(),
            "provided port is not in the valid range. The range of valid ports is 30000-32767"
        );
        assert_eq!(
            p.allocate(i64::from(port)).unwrap_err().to_string(),
            "provided port is already allocated"
        );
        p.release(i64::from(port));
        assert!(p.dry_run_allocate(i64::from(port)).is_ok());
        assert!(!p.has(i64::from(port)));
        for _ in 0..85 {
            p.allocate_next(&mut rng).unwrap();
        }
        p.allocate_next(&mut rng).unwrap();
        assert_eq!(p.free(), 0);
        assert_eq!(
            p.allocate_next(&mut rng).unwrap_err().to_string(),
            "range is full"
        );
        assert_eq!(p.allocated().len(), 2768);
    }

    #[test]
    fn same_seed_same_choices() {
        let pick = |seed| {
            let mut al = Allocators::default();
            let mut rng = Rng::new(seed);
            (
                al.allocate_next_cluster_ip("IPv4", &mut rng).unwrap(),
                al.node_ports.allocate_next(&mut rng).unwrap(),
            )
        };
        assert_eq!(pick(3), pick(3));
    }
}
