//! IP and CIDR checks as Kubernetes 1.33 validation does them (`k8s.io/apimachinery/pkg/util/
//! validation/ip.go`, `ValidateNonSpecialIP`).
//!
//! With the default feature gates (`StrictIPCIDRValidation` off) validation parses with
//! `netutils.ParseIPSloppy`/`ParseCIDRSloppy`, Go 1.16's parser: IPv4 octets may have leading
//! zeros (read as decimal). Such values, and IPv4-mapped IPv6, pass validation but get a warning
//! (`GetWarningsForIP`, `GetWarningsForCIDR`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::field::{ErrorList, FieldError, Path, go_quote};

/// `IsValidIP`'s message.
pub const INVALID_IP_MSG: &str = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
/// `IsValidCIDR`'s message.
pub const INVALID_CIDR_MSG: &str =
    "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

/// Go 1.16 `parseIPv4`: four decimal fields, each at most 255, leading zeros allowed.
fn parse_ipv4_sloppy(s: &str) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut parts = s.split('.');
    for o in &mut octets {
        let p = parts.next()?;
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = p.trim_start_matches('0');
        if digits.len() > 3 {
            return None;
        }
        let n: u32 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        *o = u8::try_from(n).ok()?;
    }
    parts.next().is_none().then(|| Ipv4Addr::from(octets))
}

/// `netutils.ParseIPSloppy`. IPv4 is returned as `IpAddr::V4`; IPv6 (including IPv4-mapped
/// IPv6) as `IpAddr::V6`.
pub fn parse_ip_sloppy(s: &str) -> Option<IpAddr> {
    if s.contains(':') {
        if let Ok(v6) = s.parse::<Ipv6Addr>() {
            return Some(IpAddr::V6(v6));
        }
        // An embedded IPv4 tail may have leading zeros.
        let (head, tail) = s.rsplit_once(':')?;
        if !tail.contains('.') {
            return None;
        }
        let v4 = parse_ipv4_sloppy(tail)?;
        return format!("{head}:{v4}")
            .parse::<Ipv6Addr>()
            .ok()
            .map(IpAddr::V6);
    }
    parse_ipv4_sloppy(s).map(IpAddr::V4)
}

/// Go's `net.IP.To4()`: the IPv4 form of an IPv4 or IPv4-mapped IPv6 address.
pub fn to4(ip: IpAddr) -> Option<Ipv4Addr> {
    match ip {
        IpAddr::V4(v4) => Some(v4),
        IpAddr::V6(v6) => v6.to_ipv4_mapped(),
    }
}

/// `netutils.IsIPv6String`: parses and is not IPv4 (IPv4-mapped IPv6 counts as IPv4).
pub fn is_ipv6_string(s: &str) -> bool {
    parse_ip_sloppy(s).is_some_and(|ip| to4(ip).is_none())
}

/// A CIDR as `netutils.ParseCIDRSloppy` reads it: the address as written and the prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SloppyCidr {
    /// The address as written (host bits may be set).
    pub ip: IpAddr,
    /// Prefix length (of a 128-bit mask for IPv6, including IPv4-mapped).
    pub prefix: u8,
}

impl SloppyCidr {
    fn bits(&self) -> u8 {
        if self.ip.is_ipv4() { 32 } else { 128 }
    }

    /// The network address (`ipnet.IP`).
    pub fn network(&self) -> IpAddr {
        let host = u32::from(self.bits() - self.prefix);
        match self.ip {
            IpAddr::V4(v4) => {
                let mask = if host >= 32 { 0 } else { u32::MAX << host };
                IpAddr::V4(Ipv4Addr::from(u32::from(v4) & mask))
            }
            IpAddr::V6(v6) => {
                let mask = if host >= 128 { 0 } else { u128::MAX << host };
                IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
            }
        }
    }
}

/// `netutils.ParseCIDRSloppy`.
pub fn parse_cidr_sloppy(s: &str) -> Option<SloppyCidr> {
    let (addr, mask) = s.split_once('/')?;
    let ip = parse_ip_sloppy(addr)?;
    if mask.is_empty() || !mask.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = mask.trim_start_matches('0');
    if digits.len() > 3 {
        return None;
    }
    let n: u32 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let max = if ip.is_ipv4() { 32 } else { 128 };
    (n <= max).then_some(SloppyCidr {
        ip,
        prefix: n as u8,
    })
}

/// `validation.IsValidIP`.
pub fn is_valid_ip(path: &Path, value: &str) -> ErrorList {
    if parse_ip_sloppy(value).is_some() {
        Vec::new()
    } else {
        vec![FieldError::invalid(path, value, INVALID_IP_MSG)]
    }
}

/// `validation.IsValidIPv4Address` (apimachinery up to v0.32; Kubernetes 1.33 inlined it into
/// EndpointSlice validation with other messages, see `endpointslice.rs`).
pub fn is_valid_ipv4_address(path: &Path, value: &str) -> ErrorList {
    match parse_ip_sloppy(value).and_then(to4) {
        Some(_) => Vec::new(),
        None => vec![FieldError::invalid(
            path,
            value,
            "must be a valid IPv4 address",
        )],
    }
}

/// `validation.IsValidIPv6Address` (apimachinery up to v0.32, like [`is_valid_ipv4_address`]).
pub fn is_valid_ipv6_address(path: &Path, value: &str) -> ErrorList {
    match parse_ip_sloppy(value) {
        Some(ip) if to4(ip).is_none() => Vec::new(),
        _ => vec![FieldError::invalid(
            path,
            value,
            "must be a valid IPv6 address",
        )],
    }
}

/// `validation.IsValidCIDR`.
pub fn is_valid_cidr(path: &Path, value: &str) -> ErrorList {
    if parse_cidr_sloppy(value).is_some() {
        Vec::new()
    } else {
        vec![FieldError::invalid(path, value, INVALID_CIDR_MSG)]
    }
}

/// `ValidateNonSpecialIP` (also `ValidateEndpointIP`): rejects unspecified, loopback and
/// link-local addresses, with Go's `net.IP` predicates (IPv4-mapped IPv6 is judged as IPv4).
pub fn validate_non_special_ip(value: &str, path: &Path) -> ErrorList {
    let Some(ip) = parse_ip_sloppy(value) else {
        return vec![FieldError::invalid(
            path,
            value,
            "must be a valid IP address",
        )];
    };
    let mut errs = Vec::new();
    let (unspecified, loopback, link_local, ll_multicast) = match to4(ip) {
        Some(v4) => {
            let o = v4.octets();
            (
                v4.is_unspecified(),
                o[0] == 127,
                o[0] == 169 && o[1] == 254,
                o[0] == 224 && o[1] == 0 && o[2] == 0,
            )
        }
        None => {
            let IpAddr::V6(v6) = ip else {
                unreachable!("to4 is None only for IPv6")
            };
            let o = v6.octets();
            (
                v6.is_unspecified(),
                v6.is_loopback(),
                o[0] == 0xfe && o[1] & 0xc0 == 0x80,
                o[0] == 0xff && o[1] & 0x0f == 0x02,
            )
        }
    };
    if unspecified {
        errs.push(FieldError::invalid(
            path,
            value,
            &format!("may not be unspecified ({value})"),
        ));
    }
    if loopback {
        errs.push(FieldError::invalid(
            path,
            value,
            "may not be in the loopback range (127.0.0.0/8, ::1/128)",
        ));
    }
    if link_local {
        errs.push(FieldError::invalid(
            path,
            value,
            "may not be in the link-local range (169.254.0.0/16, fe80::/10)",
        ));
    }
    if ll_multicast {
        errs.push(FieldError::invalid(
            path,
            value,
            "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
        ));
    }
    errs
}

/// Go's `net.IP.String()`: IPv4 and IPv4-mapped IPv6 print dotted.
fn go_ip_string(ip: IpAddr) -> String {
    match to4(ip) {
        Some(v4) => v4.to_string(),
        None => ip.to_string(),
    }
}

/// `GetWarningsForIP`: non-standard (leading zeros, IPv4-mapped IPv6) or non-canonical IPv6.
/// Values that do not parse give no warning (validation reports them).
pub fn warnings_for_ip(path: &Path, value: &str) -> Vec<String> {
    let Some(ip) = parse_ip_sloppy(value) else {
        return Vec::new();
    };
    // netip.ParseAddr: strict (std's parser also rejects leading zeros).
    let strict = value.parse::<IpAddr>().ok();
    let is4in6 = matches!(strict, Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_some());
    if strict.is_none() || is4in6 {
        return vec![format!(
            "{path}: non-standard IP address {} will be considered invalid in a future Kubernetes release: use {}",
            go_quote(value),
            go_quote(&go_ip_string(ip))
        )];
    }
    if let Some(IpAddr::V6(v6)) = strict {
        let canonical = v6.to_string();
        if canonical != value {
            return vec![format!(
                "{path}: IPv6 address {} should be in RFC 5952 canonical format ({})",
                go_quote(value),
                go_quote(&canonical)
            )];
        }
    }
    Vec::new()
}

/// `GetWarningsForCIDR`: ambiguous (host bits set), non-standard, or non-canonical IPv6.
pub fn warnings_for_cidr(path: &Path, value: &str) -> Vec<String> {
    let Some(c) = parse_cidr_sloppy(value) else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    let network = c.network();
    let net_str = format!("{}/{}", go_ip_string(network), go_prefix_len(&c));
    if network != c.ip {
        let addrlen = if c.ip.is_ipv4() { 32 } else { 128 };
        warnings.push(format!(
            "{path}: CIDR value {} is ambiguous in this context (should be {} or {}?)",
            go_quote(value),
            go_quote(&net_str),
            go_quote(&format!("{}/{addrlen}", go_ip_string(c.ip)))
        ));
    }
    // netip.ParsePrefix: strict address, no leading zeros in the length.
    let strict = value.split_once('/').and_then(|(a, m)| {
        let addr = a.parse::<IpAddr>().ok()?;
        let ok_len = !m.is_empty() && (m == "0" || !m.starts_with('0'));
        ok_len.then_some(addr)
    });
    let is4in6 = matches!(strict, Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_some());
    if strict.is_none() || is4in6 {
        warnings.push(format!(
            "{path}: non-standard CIDR value {} will be considered invalid in a future Kubernetes release: use {}",
            go_quote(value),
            go_quote(&net_str)
        ));
    }
    if warnings.is_empty()
        && let Some(IpAddr::V6(v6)) = strict
    {
        let canonical = format!("{v6}/{}", c.prefix);
        if canonical != value {
            warnings.push(format!(
                "{path}: IPv6 CIDR value {} should be in RFC 5952 canonical format ({})",
                go_quote(value),
                go_quote(&canonical)
            ));
        }
    }
    warnings
}

/// The prefix length Go's `IPNet.String()` prints: an IPv4-mapped network prints as IPv4.
fn go_prefix_len(c: &SloppyCidr) -> u8 {
    match c.ip {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_some() && c.prefix >= 96 => c.prefix - 96,
        _ => c.prefix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // k8s.io/utils/net parse.go (Go 1.16 parser) as exercised by ip_test.go TestIsValidIP
    #[test]
    fn sloppy_parsing() {
        assert_eq!(
            parse_ip_sloppy("010.001.002.003"),
            Some("10.1.2.3".parse().unwrap())
        );
        assert_eq!(parse_ip_sloppy("1.2.3.4"), Some("1.2.3.4".parse().unwrap()));
        assert!(parse_ip_sloppy("1.2.3").is_none());
        assert!(parse_ip_sloppy("1.2.3.4.5").is_none());
        assert!(parse_ip_sloppy("256.0.0.1").is_none());
        assert!(parse_ip_sloppy("garbage-ip").is_none());
        assert!(parse_ip_sloppy("").is_none());
        assert!(parse_ip_sloppy("fe80::1%eth0").is_none());
        assert!(parse_ip_sloppy("::ffff:001.002.003.004").is_some());
        assert!(!is_ipv6_string("::ffff:1.2.3.4"));
        assert!(is_ipv6_string("2001::1"));
        assert!(parse_cidr_sloppy("1.2.3.4/33").is_none());
        assert!(parse_cidr_sloppy("1.2.3.0/024").is_some());
        assert!(parse_cidr_sloppy("foo.bar").is_none());
        assert!(parse_cidr_sloppy("1.2.3.0").is_none());
    }

    // staging/.../util/validation/ip_test.go TestGetWarningsForIP / TestGetWarningsForCIDR
    #[test]
    fn warnings() {
        let p = Path::new("spec").child("clusterIPs").index(0);
        assert!(warnings_for_ip(&p, "1.2.3.4").is_empty());
        assert!(warnings_for_ip(&p, "2001:db8::1").is_empty());
        assert_eq!(
            warnings_for_ip(&p, "001.002.003.004"),
            vec!["spec.clusterIPs[0]: non-standard IP address \"001.002.003.004\" will be considered invalid in a future Kubernetes release: use \"1.2.3.4\"".to_string()]
        );
        assert_eq!(
            warnings_for_ip(&p, "::ffff:1.2.3.4"),
            vec!["spec.clusterIPs[0]: non-standard IP address \"::ffff:1.2.3.4\" will be considered invalid in a future Kubernetes release: use \"1.2.3.4\"".to_string()]
        );
        assert_eq!(
            warnings_for_ip(&p, "2001:DB8::1"),
            vec!["spec.clusterIPs[0]: IPv6 address \"2001:DB8::1\" should be in RFC 5952 canonical format (\"2001:db8::1\")".to_string()]
        );
        let p = Path::new("spec").child("loadBalancerSourceRanges").index(0);
        assert!(warnings_for_cidr(&p, "1.2.3.0/24").is_empty());
        assert_eq!(
            warnings_for_cidr(&p, "1.2.3.4/24"),
            vec!["spec.loadBalancerSourceRanges[0]: CIDR value \"1.2.3.4/24\" is ambiguous in this context (should be \"1.2.3.0/24\" or \"1.2.3.4/32\"?)".to_string()]
        );
        assert_eq!(
            warnings_for_cidr(&p, "010.0.0.0/8"),
            vec!["spec.loadBalancerSourceRanges[0]: non-standard CIDR value \"010.0.0.0/8\" will be considered invalid in a future Kubernetes release: use \"10.0.0.0/8\"".to_string()]
        );
        assert_eq!(
            warnings_for_cidr(&p, "2001:DB8::/64"),
            vec!["spec.loadBalancerSourceRanges[0]: IPv6 CIDR value \"2001:DB8::/64\" should be in RFC 5952 canonical format (\"2001:db8::/64\")".to_string()]
        );
    }

    // validation_test.go TestValidateNonSpecialIP
    #[test]
    fn non_special() {
        let p = Path::new("ip");
        for ok in ["10.0.0.1", "2001:db8::1", "1.2.3.4"] {
            assert!(validate_non_special_ip(ok, &p).is_empty(), "{ok}");
        }
        for bad in [
            "0.0.0.0",
            "::",
            "127.0.0.1",
            "::1",
            "169.254.169.254",
            "fe80::1",
            "224.0.0.1",
            "ff02::1",
            "::ffff:127.0.0.1",
        ] {
            assert_eq!(validate_non_special_ip(bad, &p).len(), 1, "{bad}");
        }
        assert_eq!(
            validate_non_special_ip("0.0.0.0", &p)[0].message(),
            "ip: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)"
        );
    }
}
