//! A packet tracer over the rules of one node, with the semantics of upstream's test tracer
//! (`pkg/proxy/iptables/proxier_test.go tracePacket`): it walks the *parsed text* of the rules,
//! so every hop it reports is a real rule of the dump.
//!
//! 1. nat `KUBE-SERVICES` (what PREROUTING/OUTPUT jump to); the destination becomes the first
//!    DNAT target.
//! 2. filter `KUBE-SERVICES`, `KUBE-EXTERNAL-SERVICES`, `KUBE-NODEPORTS`, `KUBE-PROXY-FIREWALL`.
//!
//! A `--probability` jump does not end the calling chain, so every endpoint the packet could
//! reach is collected (`candidates`). Rules that look at state (`--rcheck`, `--mark`,
//! `--ctstate`) never match. A KUBE-MARK-MASQ hit means the packet will be masqueraded.
//! `LOCAL` addresses are 127.0.0.1, ::1 and the node's addresses.

use std::collections::HashMap;
use std::net::IpAddr;

use serde::Serialize;

use super::dump::{Dump, DumpError, Rule, Value, parse_dump};
use super::iptables::{ProxyInput, iptables_save};
use super::model::{parse_cidr_sloppy, parse_ip_sloppy};

/// How far rules may nest before the tracer gives up (loops in hand-written dumps).
const MAX_DEPTH: usize = 64;

/// Parsed rules of one node, indexed by `(table, chain)`.
#[derive(Debug, Clone)]
pub struct Ruleset {
    dump: Dump,
    index: HashMap<(String, String), (usize, usize)>,
}

impl Ruleset {
    /// Parses `iptables-save` text.
    pub fn parse(text: &str) -> Result<Self, DumpError> {
        let dump = parse_dump(text)?;
        let mut index = HashMap::new();
        for (ti, t) in dump.tables.iter().enumerate() {
            for (ci, c) in t.chains.iter().enumerate() {
                index.insert((t.name.clone(), c.name.clone()), (ti, ci));
            }
        }
        Ok(Ruleset { dump, index })
    }

    /// The parsed dump.
    pub fn dump(&self) -> &Dump {
        &self.dump
    }

    fn rules(&self, table: &str, chain: &str) -> Option<&[Rule]> {
        let &(ti, ci) = self.index.get(&(table.to_string(), chain.to_string()))?;
        Some(&self.dump.tables[ti].chains[ci].rules)
    }
}

/// What happens to the packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Verdict {
    /// Rewritten to one of `candidates`.
    Dnat,
    /// Refused with ICMP port unreachable (no endpoints): "connection refused".
    Reject,
    /// Silently dropped (no local endpoints, or not allowed by loadBalancerSourceRanges).
    Drop,
    /// Accepted by kube-proxy (health check NodePort).
    Accept,
    /// No kube-proxy rule applies.
    None,
}

/// One rule the packet matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// `nat` or `filter`.
    pub table: String,
    /// The chain holding the rule.
    pub chain: String,
    /// The rule text.
    pub rule: String,
}

/// The trace of one packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceResult {
    /// The outcome.
    pub verdict: Verdict,
    /// Possible DNAT destinations (`10.180.0.1:80`), in rule order.
    pub candidates: Vec<String>,
    /// Whether the packet was marked for masquerading (SNAT to the node IP).
    pub masquerade: bool,
    /// Every matched rule, in order.
    pub hops: Vec<Hop>,
    /// Upstream's raw outputs: DNAT targets and filter targets in match order.
    #[serde(skip)]
    pub outputs: Vec<String>,
}

impl TraceResult {
    /// Upstream's `tracePacket` output string: outputs joined with `", "`.
    pub fn output(&self) -> String {
        self.outputs.join(", ")
    }
}

/// A packet to trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packet {
    /// Source IP.
    pub source: IpAddr,
    /// Destination IP.
    pub destination: IpAddr,
    /// Destination port.
    pub port: u16,
    /// `tcp`, `udp` or `sctp` (any case).
    pub protocol: String,
}

struct Tracer<'r> {
    rules: &'r Ruleset,
    local: &'r [IpAddr],
    hops: Vec<Hop>,
    outputs: Vec<String>,
    dnat: Vec<String>,
    masq: bool,
}

struct Pkt<'p> {
    src: IpAddr,
    dst: IpAddr,
    port: String,
    proto: &'p str,
}

fn address_matches(v: &Value, ip: IpAddr) -> bool {
    let m = if v.value.contains('/') {
        parse_cidr_sloppy(&v.value).is_some_and(|c| c.contains(ip))
    } else {
        parse_ip_sloppy(&v.value) == Some(ip)
    };
    m != v.negated
}

impl Tracer<'_> {
    fn addr_type(&self, ip: IpAddr) -> &'static str {
        if ip.is_loopback() && (ip == IpAddr::from([127, 0, 0, 1]) || ip.is_ipv6())
            || self.local.contains(&ip)
        {
            "LOCAL"
        } else {
            "not-matched"
        }
    }

    fn rule_matches(&self, r: &Rule, p: &Pkt) -> bool {
        if r.source
            .as_ref()
            .is_some_and(|v| !address_matches(v, p.src))
        {
            return false;
        }
        if r.source_type
            .as_ref()
            .is_some_and(|v| !v.matches(self.addr_type(p.src)))
        {
            return false;
        }
        if r.protocol.as_ref().is_some_and(|v| !v.matches(p.proto)) {
            return false;
        }
        if r.destination
            .as_ref()
            .is_some_and(|v| !address_matches(v, p.dst))
        {
            return false;
        }
        if r.destination_type
            .as_ref()
            .is_some_and(|v| !v.matches(self.addr_type(p.dst)))
        {
            return false;
        }
        if r.destination_port
            .as_ref()
            .is_some_and(|v| !v.matches(&p.port))
        {
            return false;
        }
        !(r.affinity_check || r.mark_check || r.ctstate_check)
    }

    /// Runs `chain`; true when a terminal target was hit.
    fn run_chain(&mut self, table: &str, chain: &str, p: &Pkt, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let Some(rules) = self.rules.rules(table, chain) else {
            return false;
        };
        for r in rules {
            let Some(jump) = r.jump.as_deref() else {
                continue;
            };
            if !self.rule_matches(r, p) {
                continue;
            }
            self.hops.push(Hop {
                table: table.to_string(),
                chain: chain.to_string(),
                rule: r.raw.clone(),
            });
            match jump {
                "KUBE-MARK-MASQ" => self.masq = true,
                "ACCEPT" | "REJECT" | "DROP" => {
                    self.outputs.push(jump.to_string());
                    return true;
                }
                "DNAT" => {
                    let to = r.dnat_destination.clone().unwrap_or_default();
                    self.outputs.push(to.clone());
                    self.dnat.push(to);
                    return true;
                }
                "RETURN" => return false,
                _ => {
                    let terminated = self.run_chain(table, jump, p, depth + 1);
                    if terminated && r.probability.is_none() {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// The IP of a DNAT target `ip:port` / `[ip]:port`.
fn dnat_ip(target: &str) -> Option<IpAddr> {
    let host = match target.strip_prefix('[') {
        Some(rest) => rest.split(']').next()?,
        None => target.rsplit_once(':').map_or(target, |(h, _)| h),
    };
    parse_ip_sloppy(host)
}

/// Traces `packet` through `rules`; `local` are the node's addresses (127.0.0.1 and ::1 are
/// always local).
pub fn trace(rules: &Ruleset, packet: &Packet, local: &[IpAddr]) -> TraceResult {
    let proto = packet.protocol.to_ascii_lowercase();
    let mut t = Tracer {
        rules,
        local,
        hops: Vec::new(),
        outputs: Vec::new(),
        dnat: Vec::new(),
        masq: false,
    };
    let mut p = Pkt {
        src: packet.source,
        dst: packet.destination,
        port: packet.port.to_string(),
        proto: &proto,
    };
    t.run_chain("nat", "KUBE-SERVICES", &p, 0);
    if let Some(ip) = t.outputs.first().and_then(|o| dnat_ip(o)) {
        p.dst = ip;
    }
    for chain in [
        "KUBE-SERVICES",
        "KUBE-EXTERNAL-SERVICES",
        "KUBE-NODEPORTS",
        "KUBE-PROXY-FIREWALL",
    ] {
        t.run_chain("filter", chain, &p, 0);
    }
    let filtered = |v: &str| t.outputs.iter().any(|o| o == v);
    let verdict = if filtered("REJECT") {
        Verdict::Reject
    } else if filtered("DROP") {
        Verdict::Drop
    } else if !t.dnat.is_empty() {
        Verdict::Dnat
    } else if filtered("ACCEPT") {
        Verdict::Accept
    } else {
        Verdict::None
    };
    TraceResult {
        verdict,
        candidates: t.dnat,
        masquerade: t.masq,
        hops: t.hops,
        outputs: t.outputs,
    }
}

/// Generates the rules of `input`'s node and traces `packet` through them.
pub fn trace_node(input: &ProxyInput, packet: &Packet) -> Result<TraceResult, DumpError> {
    let rules = Ruleset::parse(&iptables_save(input))?;
    Ok(trace(&rules, packet, &input.local_addresses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dnat_ip_forms() {
        assert_eq!(dnat_ip("10.0.0.1:80"), Some("10.0.0.1".parse().unwrap()));
        assert_eq!(dnat_ip("[fd00::1]:80"), Some("fd00::1".parse().unwrap()));
        assert_eq!(dnat_ip("junk"), None);
    }

    #[test]
    fn loops_terminate() {
        let rules = Ruleset::parse("*filter\nCOMMIT\n*nat\n:KUBE-SERVICES - [0:0]\n:A - [0:0]\n-A KUBE-SERVICES -j A\n-A A -j KUBE-SERVICES\nCOMMIT\n").unwrap();
        let p = Packet {
            source: "10.0.0.1".parse().unwrap(),
            destination: "10.0.0.2".parse().unwrap(),
            port: 80,
            protocol: "TCP".into(),
        };
        let r = trace(&rules, &p, &[]);
        assert_eq!(r.verdict, Verdict::None);
    }
}
