//! Rendering results as kubectl-like text or as JSON.

use std::io::Write;

use serde_json::{Value, json};
use svcplay_model::Diagnostic;
use svcplay_sim::store::ItemsRef;
use svcplay_sim::{ApplyReport, CreateResult, LocatedError};

/// `kubectl`'s resource name for a kind (`service`, `deployment.apps`, ...).
pub fn resource(kind: &str) -> String {
    match kind {
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => {
            format!("{}.apps", kind.to_lowercase())
        }
        "EndpointSlice" => "endpointslice.discovery.k8s.io".to_string(),
        "ClusterConfiguration" => "clusterconfiguration.kubeadm.k8s.io".to_string(),
        "KubeProxyConfiguration" => "kubeproxyconfiguration.kubeproxy.config.k8s.io".to_string(),
        other => other.to_lowercase(),
    }
}

/// The API status reason kubectl prints for an HTTP code.
fn status_reason(code: u16) -> &'static str {
    match code {
        400 => "BadRequest",
        404 => "NotFound",
        409 => "AlreadyExists",
        422 => "Invalid",
        _ => "InternalError",
    }
}

fn located(e: &LocatedError, file: &str) -> String {
    match e.span {
        Some(s) if s.line > 0 => format!("{file}:{}:{}: {}", s.line, s.column, e.message),
        _ => format!("{file}: {}", e.message),
    }
}

fn doc_location(r: &CreateResult) -> String {
    match r.span {
        Some(s) if s.line > 0 => format!("{}:{}:{}", r.file, s.line, s.column),
        _ => r.file.clone(),
    }
}

fn warning_line(d: &Diagnostic) -> String {
    let mut s = format!("Warning: {}: {}", d.location(), d.message);
    if let Some(h) = &d.hint {
        s.push_str(&format!(" ({h})"));
    }
    s
}

/// kubectl-like lines: results on stdout, errors and warnings on stderr.
pub fn apply_text(report: &ApplyReport, out: &mut dyn Write, err: &mut dyn Write) {
    for d in &report.diagnostics {
        let _ = match d.severity {
            svcplay_model::Severity::Error => {
                writeln!(err, "error: {}: {}", d.location(), d.message)
            }
            svcplay_model::Severity::Warning => writeln!(err, "{}", warning_line(d)),
        };
    }
    for r in &report.results {
        for w in &r.warnings {
            let _ = writeln!(err, "{}", warning_line(w));
        }
        if r.created {
            let name = if r.name.is_empty() {
                String::new()
            } else {
                format!("/{}", r.name)
            };
            let verb = if r.kind.ends_with("Configuration") {
                "configured"
            } else {
                "created"
            };
            let _ = writeln!(out, "{}{name} {verb}", resource(&r.kind));
        } else if r.code == 422 && !r.errors.is_empty() {
            if let [only] = r.errors.as_slice() {
                let _ = writeln!(err, "The {}: {}", r.reason, located(only, &r.file));
            } else {
                let _ = writeln!(err, "{}: The {}:", doc_location(r), r.reason);
                for e in &r.errors {
                    let _ = writeln!(err, "* {}", located(e, &r.file));
                }
            }
        } else {
            let _ = writeln!(
                err,
                "{}: Error from server ({}): error when creating {:?}: {}",
                doc_location(r),
                status_reason(r.code),
                r.file,
                r.reason
            );
        }
    }
}

fn error_json(e: &LocatedError) -> Value {
    json!({
        "field": e.error.field,
        "type": e.error.type_,
        "badValue": e.error.bad_value,
        "detail": e.error.detail,
        "message": e.message,
        "line": e.span.map(|s| s.line),
        "column": e.span.map(|s| s.column),
    })
}

fn diagnostic_json(d: &Diagnostic) -> Value {
    json!({
        "severity": d.severity,
        "file": d.file,
        "line": d.span.map(|s| s.line),
        "column": d.span.map(|s| s.column),
        "message": d.message,
        "hint": d.hint,
    })
}

/// `{"results":[…],"diagnostics":[…],"items":[…]}`.
pub fn apply_json(report: &ApplyReport, items: ItemsRef<'_>, out: &mut dyn Write) {
    let results: Vec<Value> = report
        .results
        .iter()
        .map(|r| {
            json!({
                "kind": r.kind,
                "namespace": r.namespace,
                "name": r.name,
                "created": r.created,
                "code": r.code,
                "reason": r.reason,
                "file": r.file,
                "line": r.span.map(|s| s.line),
                "column": r.span.map(|s| s.column),
                "errors": r.errors.iter().map(error_json).collect::<Vec<_>>(),
                "warnings": r.warnings.iter().map(|w| w.message.clone()).collect::<Vec<_>>(),
                "diagnostics": r.warnings.iter().map(diagnostic_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = ApplyDoc {
        results,
        diagnostics: report.diagnostics.iter().map(diagnostic_json).collect(),
        items,
    };
    // Written straight from the objects: a `serde_json::Value` of every item first would hold
    // the whole cluster a second time (several GiB for the scalability envelope).
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
    let _ = serde_json::to_writer_pretty(&mut buf, &doc);
    let _ = writeln!(buf);
}

/// The document `apply -o json` prints; items keep their fields in Kubernetes' order, as
/// `kubectl get -o json` prints them.
#[derive(serde::Serialize)]
struct ApplyDoc<'a> {
    results: Vec<Value>,
    diagnostics: Vec<Value>,
    items: ItemsRef<'a>,
}

/// Any serializable value as pretty JSON plus a newline.
pub fn json<T: serde::Serialize>(value: &T, out: &mut dyn Write) {
    let _ = serde_json::to_writer_pretty(&mut *out, value);
    let _ = writeln!(out);
}

/// The reverse-lookup name of an IP (`10.0.96.10.in-addr.arpa`, nibbles for IPv6).
pub fn reverse_name(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
        }
        std::net::IpAddr::V6(v6) => {
            let mut s = String::new();
            for b in v6.octets().iter().rev() {
                s.push_str(&format!("{:x}.{:x}.", b & 0xf, b >> 4));
            }
            s + "ip6.arpa"
        }
    }
}

/// Parses `IP:PORT` or `[IPv6]:PORT`; port 1-65535.
pub fn parse_host_port(s: &str) -> Result<(std::net::IpAddr, u16), String> {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (h, p) = rest
            .split_once("]:")
            .ok_or_else(|| format!("{s:?} is not [IPv6]:PORT"))?;
        (h, p)
    } else {
        let (h, p) = s
            .rsplit_once(':')
            .ok_or_else(|| format!("{s:?} is not IP:PORT"))?;
        if h.contains(':') {
            return Err(format!("{s:?}: write IPv6 destinations as [addr]:port"));
        }
        (h, p)
    };
    let ip = host
        .parse()
        .map_err(|_| format!("{host:?} is not an IP address"))?;
    let port: u16 = port
        .parse()
        .map_err(|_| format!("{port:?} is not a port number"))?;
    if port == 0 {
        return Err("port 0 is not a valid destination port (1-65535)".to_string());
    }
    Ok((ip, port))
}

/// `dig`-like answer lines.
pub fn dns_text(
    name: &str,
    qtype: svcplay_sim::dns::QType,
    answer: &svcplay_sim::dns::DnsAnswer,
    out: &mut dyn Write,
) {
    let fqdn = if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    };
    let status = serde_json::to_value(answer.rcode).ok();
    let status = status.as_ref().and_then(|v| v.as_str()).unwrap_or("?");
    let _ = writeln!(
        out,
        ";; status: {status}, answers: {}",
        answer.answers.len()
    );
    for rec in &answer.answers {
        let v = serde_json::to_value(rec).unwrap_or(Value::Null);
        let data = match &v {
            Value::String(s) if matches!(rec, svcplay_sim::dns::Record::TXT(_)) => format!("{s:?}"),
            Value::String(s) => s.clone(),
            Value::Object(o) => format!(
                "0 0 {} {}",
                o.get("port").map(|p| p.to_string()).unwrap_or_default(),
                o.get("target").and_then(Value::as_str).unwrap_or_default()
            ),
            other => other.to_string(),
        };
        // An A/AAAA answer may hold the CNAMEs that lead to the addresses.
        let rtype = match rec {
            svcplay_sim::dns::Record::CNAME(_) => svcplay_sim::dns::QType::CNAME,
            svcplay_sim::dns::Record::TXT(_) => svcplay_sim::dns::QType::TXT,
            _ => qtype,
        };
        let _ = writeln!(out, "{fqdn}\t{rtype:?}\t{data}");
    }
}

/// Human-readable trace.
pub fn trace_text(t: &svcplay_sim::proxy::trace::TraceResult, out: &mut dyn Write) {
    let verdict = serde_json::to_value(t.verdict).ok();
    let verdict = verdict.as_ref().and_then(|v| v.as_str()).unwrap_or("?");
    let _ = writeln!(out, "verdict: {verdict}");
    if !t.candidates.is_empty() {
        let _ = writeln!(out, "candidates: {}", t.candidates.join(", "));
    }
    let _ = writeln!(out, "masquerade: {}", t.masquerade);
    let _ = writeln!(out, "hops:");
    for h in &t.hops {
        let _ = writeln!(out, "  {} {}: {}", h.table, h.chain, h.rule);
    }
}

/// One line for an outcome, in a learner's words.
fn outcome_line(o: &svcplay_sim::request::Outcome) -> String {
    use svcplay_sim::request::Outcome;
    match o {
        Outcome::Delivered {
            pod,
            pod_ip,
            target_port,
            node,
            source_ip_seen_by_pod,
            snat,
            ..
        } => {
            let pod = pod.as_deref().unwrap_or("(no pod)");
            let node = node
                .as_deref()
                .map(|n| format!(" on {n}"))
                .unwrap_or_default();
            let src = if *snat {
                format!("source NATed to {source_ip_seen_by_pod}")
            } else {
                format!("the pod sees the client as {source_ip_seen_by_pod}")
            };
            format!("delivered to pod {pod} ({pod_ip}:{target_port}{node}); {src}")
        }
        Outcome::HealthCheck {
            node,
            status,
            local_endpoints,
        } => {
            format!("health check of {node}: HTTP {status} ({local_endpoints} local endpoints)")
        }
        Outcome::LeftCluster {
            destination,
            reason,
        } => {
            format!("leaves the cluster for {destination}: {reason}")
        }
        other => {
            let v = serde_json::to_value(other).unwrap_or(Value::Null);
            let kind = v
                .get("outcome")
                .and_then(Value::as_str)
                .unwrap_or("failed")
                .to_string();
            format!("{kind}: {}", other.reason().unwrap_or_default())
        }
    }
}

/// The request report as readable text.
pub fn request_text(r: &svcplay_sim::request::RequestReport, out: &mut dyn Write) {
    let plural = if r.count == 1 { "" } else { "s" };
    let from = match &r.client.node {
        Some(n) => format!("{} ({} on {n})", r.client.name, r.client.ip),
        None => format!("{} ({})", r.client.name, r.client.ip),
    };
    let _ = writeln!(
        out,
        "{} request{plural} from {from} to {} ({})",
        r.count, r.target, r.protocol
    );
    if let Some(res) = &r.resolved {
        let answer = match (&res.cname, res.ips.is_empty()) {
            (Some(c), _) => format!("CNAME {c}"),
            (None, false) => res.ips.join(", "),
            (None, true) => "no answer".to_string(),
        };
        let fqdn = res.fqdn.as_deref().unwrap_or("(not found)");
        let _ = writeln!(out, "dns: {} -> {fqdn} -> {answer}", res.name);
    }
    let service = r
        .service
        .as_deref()
        .map(|s| format!(" to {s}"))
        .unwrap_or_default();
    let entry = if r.entry_nodes.is_empty() {
        String::new()
    } else {
        format!(", entering at {}", r.entry_nodes.join(", "))
    };
    let _ = writeln!(out, "via: {}{service}{entry}", r.via);
    for req in &r.requests {
        let sticky = if req.sticky {
            " (session affinity)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "#{} {}{sticky}",
            req.index + 1,
            outcome_line(&req.outcome)
        );
        if r.count == 1 {
            for (i, h) in req.hops.iter().enumerate() {
                let _ = writeln!(out, "   {}. [{}] {}", i + 1, h.at, h.text);
            }
        }
    }
    if (r.requests.len() as u64) < r.count {
        let _ = writeln!(out, "… {} more", r.count - r.requests.len() as u64);
    }
    if r.count > 1 && !r.distribution.is_empty() {
        let _ = writeln!(out, "distribution:");
        let width = r
            .distribution
            .iter()
            .map(|p| p.pod.len())
            .max()
            .unwrap_or(0);
        for p in &r.distribution {
            let node = p.node.as_deref().unwrap_or("-");
            let _ = writeln!(
                out,
                "  {:<width$}  {:<12} {:>8}  {:>5.1}%",
                p.pod,
                node,
                p.count,
                p.share * 100.0
            );
        }
    }
    if !r.explanation.is_empty() {
        let _ = writeln!(out, "explanation: {}", r.explanation);
    }
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
}
