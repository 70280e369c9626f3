//! IP addresses and CIDRs as Kubernetes parses them (strict: no leading zeros, as Go's
//! `netip.ParseAddr`/`netip.ParsePrefix` since Kubernetes 1.32's `ParseIPSloppy` removal for new objects).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An IP prefix such as `10.96.0.0/12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cidr {
    /// The address as written (may have host bits set).
    pub addr: IpAddr,
    /// Prefix length.
    pub prefix: u8,
}

impl Cidr {
    /// Parses `a.b.c.d/n` or `x::y/n`; `None` if it is not a CIDR.
    pub fn parse(s: &str) -> Option<Cidr> {
        let (a, p) = s.split_once('/')?;
        let addr: IpAddr = a.parse().ok()?;
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let prefix: u8 = p.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(Cidr { addr, prefix })
    }

    /// Whether this is an IPv4 prefix.
    pub fn is_ipv4(&self) -> bool {
        self.addr.is_ipv4()
    }

    /// Address width in bits (32 or 128).
    pub fn bits(&self) -> u8 {
        if self.is_ipv4() { 32 } else { 128 }
    }

    fn mask(&self) -> u128 {
        let host = u32::from(self.bits() - self.prefix);
        let all = if self.is_ipv4() {
            u128::from(u32::MAX)
        } else {
            u128::MAX
        };
        if host >= 128 {
            0
        } else {
            all & !((1u128 << host) - 1)
        }
    }

    /// The network address (host bits cleared).
    pub fn network(&self) -> IpAddr {
        from_u128(to_u128(self.addr) & self.mask(), self.is_ipv4())
    }

    /// The same prefix with host bits cleared.
    pub fn masked(&self) -> Cidr {
        Cidr {
            addr: self.network(),
            prefix: self.prefix,
        }
    }

    /// Whether `ip` is inside (same family, same network bits).
    pub fn contains(&self, ip: IpAddr) -> bool {
        ip.is_ipv4() == self.is_ipv4() && (to_u128(ip) & self.mask()) == to_u128(self.network())
    }

    /// Number of addresses, saturating at `u128::MAX`.
    pub fn size(&self) -> u128 {
        let host = u32::from(self.bits() - self.prefix);
        if host >= 128 {
            u128::MAX
        } else {
            1u128 << host
        }
    }

    /// The `n`-th address of the prefix (0 = network address); `None` past the end.
    pub fn nth(&self, n: u128) -> Option<IpAddr> {
        (n < self.size()).then(|| from_u128(to_u128(self.network()) + n, self.is_ipv4()))
    }

    /// Offset of `ip` from the network address, if inside.
    pub fn offset_of(&self, ip: IpAddr) -> Option<u128> {
        self.contains(ip)
            .then(|| to_u128(ip) - to_u128(self.network()))
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// The address as a number (IPv4 in the low 32 bits).
pub fn to_u128(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

/// The inverse of [`to_u128`].
pub fn from_u128(n: u128, v4: bool) -> IpAddr {
    if v4 {
        IpAddr::V4(Ipv4Addr::from(n as u32))
    } else {
        IpAddr::V6(Ipv6Addr::from(n))
    }
}

/// Parses an IP address strictly (no leading zeros, no zone); `None` if invalid.
pub fn parse_ip(s: &str) -> Option<IpAddr> {
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_math() {
        let c = Cidr::parse("10.96.0.0/12").unwrap();
        assert_eq!(c.size(), 1 << 20);
        assert_eq!(c.nth(1).unwrap().to_string(), "10.96.0.1");
        assert!(c.contains("10.111.255.255".parse().unwrap()));
        assert!(!c.contains("10.112.0.0".parse().unwrap()));
        assert_eq!(
            Cidr::parse("10.244.1.7/24").unwrap().masked().to_string(),
            "10.244.1.0/24"
        );
        assert!(Cidr::parse("1.2.3.4/33").is_none());
        assert!(Cidr::parse("010.1.2.3/8").is_none());
        let v6 = Cidr::parse("fd00::/108").unwrap();
        assert_eq!(v6.nth(10).unwrap().to_string(), "fd00::a");
    }
}
