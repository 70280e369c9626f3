//! `svcplay`: the simulated cluster on the command line, for docs CI and automation.
//!
//! ```text
//! svcplay apply -f FILE [-f FILE…] [-o text|json] [--bare] [--observed] [--seed S]
//! svcplay dns NAME [--type A|AAAA|SRV|CNAME|PTR] -f FILE… [-o text|json]
//! ```
//! Exit status: 0 when every object was created (or the query answered), 1 when any object was
//! rejected, 2 on usage errors or unreadable input.

mod args;
mod output;

use std::io::{Read, Write};
use std::process::ExitCode;

use args::{Format, Invocation};
use svcplay_model::DecodeOutput;
use svcplay_sim::{ApplyReport, Cluster, Options};

const USAGE: &str = "\
svcplay — a simulated Kubernetes cluster for Services

Usage:
  svcplay apply -f FILE [-f FILE…] [-o text|json] [--bare] [--observed] [--seed S]
  svcplay dns NAME [--type A|AAAA|SRV|CNAME|PTR] -f FILE… [-o text|json]

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
        Format::Json => output::apply_json(&report, &cluster.items(), out),
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
