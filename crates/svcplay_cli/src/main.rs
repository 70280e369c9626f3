//! `svcplay`: the simulated cluster on the command line, for docs CI and automation.
//!
//! ```text
//! svcplay apply -f FILE [-f FILE…] [-o text|json] [--bare] [--observed] [--seed S]
//! svcplay dns NAME [--type A|AAAA|SRV|CNAME|PTR|TXT] -f FILE… [-o text|json]
//! svcplay rules --node NAME -f FILE… [--observed]
//! svcplay trace --node NAME --src IP --dst IP:PORT [--protocol TCP|UDP|SCTP] -f FILE… [-o text|json]
//! svcplay request --from pod/NAME|node/NAME|external[:IP] --to URL|HOST:PORT [--count N] [--seed S] -f FILE… [-o text|json]
//! ```
//! Exit status: 0 when every object was created (or the query answered), 1 when any object was
//! rejected, 2 on usage errors or unreadable input.

mod args;
mod output;

/// mimalloc: much faster than glibc's malloc for the simulator's many small allocations.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{Read, Write};
use std::process::ExitCode;

use args::{Format, Invocation};
use svcplay_model::DecodeOutput;
use svcplay_sim::{ApplyReport, Cluster, Options};

const USAGE: &str = "\
svcplay — a simulated Kubernetes cluster for Services

Usage:
  svcplay apply -f FILE [-f FILE…] [-o text|json] [--bare] [--observed] [--seed S]
  svcplay dns NAME [--type A|AAAA|SRV|CNAME|PTR|TXT] -f FILE… [-o text|json]
  svcplay rules --node NAME -f FILE… [--observed]
  svcplay trace --node NAME --src IP --dst IP:PORT [--protocol TCP|UDP|SCTP] -f FILE… [-o text|json]
  svcplay request --from pod/NAME|pod/NS/NAME|node/NAME|external[:IP] --to URL|HOST:PORT
                  [--count N] [--protocol TCP|UDP|SCTP] [--seed S] -f FILE… [-o text|json]

  -f FILE      manifest file (repeatable; - reads stdin)
  -o FORMAT    text (kubectl-like, default) or json
  --bare       the cluster holds only the input (no default nodes, no system objects)
  --observed   the input is an existing cluster's stored objects (no rejection, no re-allocation)
  --seed S     seed of every random choice (default 1)

Exit status: 0 all created, 1 something was rejected, 2 usage error or unreadable input.
";

/// A failure that ends the command with exit status 2.
struct Usage(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let code = match run(&args, &mut stdout, &mut stderr) {
        Ok(code) => code,
        Err(Usage(msg)) => {
            let _ = writeln!(stderr, "error: {msg}");
            let _ = writeln!(stderr, "Run 'svcplay --help' for usage.");
            2
        }
    };
    let _ = stdout.flush();
    ExitCode::from(code)
}

fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Usage> {
    let inv = args::parse(args).map_err(Usage)?;
    match inv.command.as_str() {
        "help" => {
            let _ = out.write_all(USAGE.as_bytes());
            Ok(0)
        }
        "apply" => apply(&inv, out, err),
        "dns" => dns(&inv, out, err),
        "rules" => rules(&inv, out, err),
        "trace" => trace(&inv, out, err),
        "request" => request(&inv, out, err),
        other => Err(Usage(format!("unknown command {other:?}"))),
    }
}

/// Reads every `-f` input; a missing file is a usage error, as kubectl treats it.
fn read_inputs(inv: &Invocation) -> Result<Vec<DecodeOutput>, Usage> {
    if inv.common.files.is_empty() {
        return Err(Usage("must specify -f FILE".to_string()));
    }
    let mut decoded = Vec::new();
    for file in &inv.common.files {
        let bytes = if file == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Usage(format!("cannot read stdin: {e}")))?;
            buf
        } else {
            std::fs::read(file).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Usage(format!("the path {file:?} does not exist")),
                _ => Usage(format!("cannot read {file:?}: {e}")),
            })?
        };
        decoded.push(svcplay_model::decode_bytes(file, &bytes));
    }
    Ok(decoded)
}

/// Builds the cluster from the inputs.
fn build_cluster(inv: &Invocation) -> Result<(Cluster, ApplyReport), Usage> {
    let inputs = read_inputs(inv)?;
    let mut cluster = Cluster::new(Options {
        seed: inv.common.seed,
        bare: inv.common.bare,
        observed: inv.common.observed,
    });
    let report = cluster.apply_decoded(inputs);
    Ok((cluster, report))
}

fn apply(inv: &Invocation, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Usage> {
    if !inv.positional.is_empty() {
        return Err(Usage(format!(
            "apply takes no arguments, got {:?}",
            inv.positional
        )));
    }
    let (cluster, report) = build_cluster(inv)?;
    match inv.common.format {
        Format::Text => output::apply_text(&report, out, err),
        Format::Json => output::apply_json(&report, cluster.store.items_ref(), out),
    }
    let unreadable = report
        .diagnostics
        .iter()
        .any(|d| d.severity == svcplay_model::Severity::Error);
    Ok(if unreadable {
        2
    } else if report.all_created() {
        0
    } else {
        1
    })
}

/// Builds the cluster for a query command; objects that were rejected are reported on stderr
/// (the query still runs on what was created).
fn query_cluster(inv: &Invocation, err: &mut dyn Write) -> Result<Cluster, Usage> {
    let (cluster, report) = build_cluster(inv)?;
    if !report.all_created() {
        output::apply_text(&report, &mut std::io::sink(), err);
    }
    Ok(cluster)
}

fn dns(inv: &Invocation, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Usage> {
    use svcplay_sim::dns::QType;
    let [name] = inv.positional.as_slice() else {
        return Err(Usage("dns takes exactly one NAME".to_string()));
    };
    let qtype = match inv
        .flag("--type")
        .unwrap_or("A")
        .to_ascii_uppercase()
        .as_str()
    {
        "A" => QType::A,
        "AAAA" => QType::AAAA,
        "SRV" => QType::SRV,
        "CNAME" => QType::CNAME,
        "PTR" => QType::PTR,
        "TXT" => QType::TXT,
        other => {
            return Err(Usage(format!(
                "unsupported --type {other:?} (use A, AAAA, SRV, CNAME, PTR or TXT)"
            )));
        }
    };
    // `dns 10.96.0.10 --type PTR` is accepted as a shorthand for the in-addr.arpa name.
    let name = match (qtype, name.parse::<std::net::IpAddr>()) {
        (QType::PTR, Ok(ip)) => output::reverse_name(ip),
        _ => name.clone(),
    };
    let cluster = query_cluster(inv, err)?;
    let answer = svcplay_sim::dns::query(&cluster, &name, qtype);
    match inv.common.format {
        Format::Json => output::json(&answer, out),
        Format::Text => output::dns_text(&name, qtype, &answer, out),
    }
    Ok(0)
}

/// The kube-proxy input of `--node`, or a usage error naming the nodes there are.
fn node_input<'c>(
    inv: &Invocation,
    cluster: &'c Cluster,
) -> Result<svcplay_sim::proxy::ProxyInput<'c>, Usage> {
    let node = inv
        .flag("--node")
        .ok_or_else(|| Usage("--node NAME is required".to_string()))?;
    cluster.proxy_input(node).ok_or_else(|| {
        let names: Vec<&str> = cluster.store.nodes.keys().map(String::as_str).collect();
        Usage(format!(
            "node {node:?} not found (nodes: {})",
            names.join(", ")
        ))
    })
}

fn rules(inv: &Invocation, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Usage> {
    let cluster = query_cluster(inv, err)?;
    let input = node_input(inv, &cluster)?;
    let _ = out.write_all(svcplay_sim::proxy::iptables_save(&input).as_bytes());
    Ok(0)
}

fn trace(inv: &Invocation, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Usage> {
    let src = inv
        .flag("--src")
        .ok_or_else(|| Usage("--src IP is required".to_string()))?;
    let source = src
        .parse::<std::net::IpAddr>()
        .map_err(|_| Usage(format!("--src {src:?} is not an IP address")))?;
    let dst = inv
        .flag("--dst")
        .ok_or_else(|| Usage("--dst IP:PORT is required".to_string()))?;
    let (destination, port) = output::parse_host_port(dst).map_err(Usage)?;
    let protocol = inv.flag("--protocol").unwrap_or("TCP").to_ascii_uppercase();
    if !["TCP", "UDP", "SCTP"].contains(&protocol.as_str()) {
        return Err(Usage(format!(
            "unsupported --protocol {protocol:?} (use TCP, UDP or SCTP)"
        )));
    }
    if source.is_ipv4() != destination.is_ipv4() {
        return Err(Usage(
            "--src and --dst must be of the same IP family".to_string(),
        ));
    }
    let cluster = query_cluster(inv, err)?;
    let input = node_input(inv, &cluster)?;
    let packet = svcplay_sim::proxy::trace::Packet {
        source,
        destination,
        port,
        protocol,
    };
    let result = svcplay_sim::proxy::trace::trace_node(&input, &packet).map_err(|e| {
        Usage(format!(
            "internal error: generated rules do not parse: {e:?}"
        ))
    })?;
    match inv.common.format {
        Format::Json => output::json(&result, out),
        Format::Text => output::trace_text(&result, out),
    }
    Ok(0)
}

/// Parses `--from`: `pod/NAME`, `pod/NS/NAME`, `node/NAME`, `external` or `external:IP`.
fn parse_source(from: &str) -> Result<svcplay_sim::request::Source, Usage> {
    use svcplay_sim::request::Source;
    let bad = || {
        Usage(format!(
            "--from {from:?}: use pod/NAME, pod/NAMESPACE/NAME, node/NAME, external or external:IP"
        ))
    };
    if let Some(rest) = from
        .strip_prefix("pod/")
        .or_else(|| from.strip_prefix("pods/"))
    {
        let (namespace, name) = match rest.split_once('/') {
            Some((ns, n)) => (ns, n),
            None => ("default", rest),
        };
        if namespace.is_empty() || name.is_empty() || name.contains('/') {
            return Err(bad());
        }
        return Ok(Source::Pod {
            namespace: namespace.to_string(),
            name: name.to_string(),
        });
    }
    if let Some(name) = from
        .strip_prefix("node/")
        .or_else(|| from.strip_prefix("nodes/"))
    {
        if name.is_empty() || name.contains('/') {
            return Err(bad());
        }
        return Ok(Source::Node {
            name: name.to_string(),
        });
    }
    if from == "external" {
        return Ok(Source::External { ip: None });
    }
    if let Some(ip) = from.strip_prefix("external:") {
        let ip = ip.trim_start_matches('[').trim_end_matches(']');
        let ip = ip
            .parse()
            .map_err(|_| Usage(format!("--from {from:?}: {ip:?} is not an IP address")))?;
        return Ok(Source::External { ip: Some(ip) });
    }
    Err(bad())
}

fn request(inv: &Invocation, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Usage> {
    use svcplay_sim::request::{RequestSpec, RequestState, simulate};
    let from = inv
        .flag("--from")
        .ok_or_else(|| Usage("--from is required".to_string()))?;
    let to = inv
        .flag("--to")
        .ok_or_else(|| Usage("--to is required".to_string()))?;
    let source = parse_source(from)?;
    let count = match inv.flag("--count") {
        None => 1,
        Some(c) => match c.parse::<u64>() {
            Ok(n) if (1..=10_000_000).contains(&n) => n,
            _ => {
                return Err(Usage(format!(
                    "--count {c:?}: use a number from 1 to 10000000"
                )));
            }
        },
    };
    let mut spec = RequestSpec::new(source, to);
    spec.count = count;
    spec.seed = inv.common.seed;
    spec.protocol = inv.flag("--protocol").unwrap_or("TCP").to_ascii_uppercase();
    let cluster = query_cluster(inv, err)?;
    let mut state = RequestState::default();
    let report = simulate(&cluster, &mut state, &spec).map_err(|e| Usage(e.message))?;
    match inv.common.format {
        Format::Json => output::json(&report, out),
        Format::Text => output::request_text(&report, out),
    }
    Ok(0)
}
