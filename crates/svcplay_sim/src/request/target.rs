//! Parsing a request target: `http://web.default.svc:80/`, `web:80`, `10.96.0.12:80`,
//! `[fd00::1]:80`, `https://web/` (scheme default ports), `tcp://host:port`.

use std::net::IpAddr;

use super::RequestError;

/// The host part of a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// An IP literal.
    Ip(IpAddr),
    /// A DNS name (lower-cased, trailing dot kept: it marks a fully qualified name).
    Name(String),
}

/// A parsed target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Host.
    pub host: Host,
    /// Destination port (1–65535).
    pub port: u16,
    /// Scheme, if a URL was given (`http`).
    pub scheme: Option<String>,
}

fn bad(to: &str, why: &str) -> RequestError {
    RequestError::new(format!("cannot read target {to:?}: {why}"))
}

fn parse_port(to: &str, s: &str) -> Result<u16, RequestError> {
    if s.is_empty() || s.len() > 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(to, &format!("port {s:?} is not a number")));
    }
    match s.parse::<u32>() {
        Ok(0) => Err(bad(
            to,
            "port 0 is not a valid destination port (must be between 1 and 65535, inclusive)",
        )),
        Ok(p) if p <= 65535 => Ok(p as u16),
        _ => Err(bad(
            to,
            &format!("port {s} is out of range (must be between 1 and 65535, inclusive)"),
        )),
    }
}

/// Whether `s` is a plausible DNS name: labels of letters, digits, `-` and `_`, 1–63 bytes each,
/// at most 253 bytes in all.
fn valid_name(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Parses a target. A URL may omit the port when its scheme has a well-known one (`http` 80,
/// `https` 443); `HOST:PORT` must name the port.
pub fn parse_target(to: &str) -> Result<Target, RequestError> {
    let raw = to.trim();
    if raw.is_empty() {
        return Err(bad(
            to,
            "it is empty; write HOST:PORT or a URL such as http://web/",
        ));
    }
    let (scheme, rest) = match raw.split_once("://") {
        Some((s, r)) => (Some(s.to_ascii_lowercase()), r),
        None => (None, raw),
    };
    let default_port = match scheme.as_deref() {
        None => None,
        Some("http") => Some(80),
        Some("https") => Some(443),
        Some("tcp" | "udp" | "sctp") => None,
        Some(other) => {
            return Err(bad(
                to,
                &format!("unknown scheme {other:?} (use http, https, tcp, udp or sctp)"),
            ));
        }
    };
    // Authority ends at the first '/', '?' or '#'.
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    if authority.is_empty() {
        return Err(bad(to, "no host"));
    }
    let (host_s, port_s) = if let Some(v6) = authority.strip_prefix('[') {
        let Some((h, after)) = v6.split_once(']') else {
            return Err(bad(to, "missing ']' after the IPv6 address"));
        };
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| bad(to, "expected ':PORT' after ']'"))?,
            ),
        };
        (h, port)
    } else if authority.matches(':').count() > 1 {
        return Err(bad(
            to,
            "an IPv6 address with a port must be written in brackets: [fd00::1]:80",
        ));
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port = match port_s {
        Some(p) => parse_port(to, p)?,
        None => match default_port {
            Some(p) => p,
            None => {
                return Err(bad(
                    to,
                    "no port; write HOST:PORT (web:80) or a URL with a known scheme (http://web/)",
                ));
            }
        },
    };
    let host = if let Ok(ip) = host_s.parse::<IpAddr>() {
        Host::Ip(ip)
    } else if authority.starts_with('[') {
        return Err(bad(to, &format!("{host_s:?} is not an IPv6 address")));
    } else if host_s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(bad(to, &format!("{host_s:?} is not an IPv4 address")));
    } else if valid_name(host_s) {
        Host::Name(host_s.to_ascii_lowercase())
    } else {
        return Err(bad(
            to,
            &format!("{host_s:?} is not a host name or IP address"),
        ));
    };
    Ok(Target { host, port, scheme })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let t = parse_target("http://web.default.svc:8080/path?q").unwrap();
        assert_eq!(t.host, Host::Name("web.default.svc".into()));
        assert_eq!(t.port, 8080);
        assert_eq!(parse_target("http://Web/").unwrap().port, 80);
        assert_eq!(parse_target("https://web").unwrap().port, 443);
        let t = parse_target("[fd00::1]:80").unwrap();
        assert_eq!(t.host, Host::Ip("fd00::1".parse().unwrap()));
        assert_eq!(parse_target("10.96.0.10:53").unwrap().port, 53);
        assert_eq!(
            parse_target("web.default.svc.cluster.local.:80")
                .unwrap()
                .host,
            Host::Name("web.default.svc.cluster.local.".into())
        );
    }

    #[test]
    fn errors() {
        for bad in [
            "",
            "web",
            "web:0",
            "web:65536",
            "web:x",
            "fd00::1:80",
            "[fd00::1",
            "ftp://web/",
            "http://:80/",
            "10.0.0.300:80",
            "we b:80",
            "[web]:80",
        ] {
            assert!(parse_target(bad).is_err(), "{bad:?} should not parse");
        }
        assert!(
            parse_target("web:0")
                .unwrap_err()
                .message
                .contains("port 0")
        );
    }
}
