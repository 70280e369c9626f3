//! Benchmark: apply + controllers for a docs-scale scenario and for the Kubernetes scalability
//! envelope (5,000 nodes, 150,000 pods, 10,000 Services, up to 250 endpoints per Service).
//!
//! Run: `cargo bench -p svcplay_sim --bench apply` (add `-- docs` or `-- envelope` for one case).
//! Prints wall time per phase (decode, create + controllers) and the process's peak RSS.
//! `SVCPLAY_BENCH_DIVISOR=10` shrinks the envelope tenfold (e.g. for `valgrind --tool=callgrind`);
//! `SVCPLAY_BENCH_YAML=PATH` writes the envelope's YAML to `PATH` instead of running it.

use std::fmt::Write as _;
use std::time::Instant;

use svcplay_sim::{Cluster, Options};

/// The CLI's allocator (see `svcplay_cli`), so the figures are what `svcplay apply` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The seed's multi-node NodePort scenario plus a ClusterIP backend: what a docs page embeds.
fn docs_scenario() -> String {
    let mut y = String::new();
    for (app, replicas, ty) in [("frontend", 6, "NodePort"), ("backend", 3, "ClusterIP")] {
        let _ = write!(
            y,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {app}\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: {app}\n  template:\n    metadata:\n      labels:\n        app: {app}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - containerPort: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {app}\nspec:\n  type: {ty}\n  selector:\n    app: {app}\n  ports:\n  - port: 80\n    targetPort: 80\n---\n"
        );
    }
    y
}

/// The scalability envelope: 5,000 nodes; 10,000 Services each backed by a Deployment;
/// 400 of them with 250 replicas (100,000 pods) and 9,600 with 5 or 6 (49,920 pods).
/// `SVCPLAY_BENCH_DIVISOR=N` divides the node and Service counts by `N` (for profiling under
/// callgrind); the pod-count check then scales too.
fn envelope_scenario() -> String {
    let div: u32 = std::env::var("SVCPLAY_BENCH_DIVISOR")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|d| *d > 0)
        .unwrap_or(1);
    let mut y = String::with_capacity(16 << 20);
    // A /24 per node for 5,000 nodes needs more than kubeadm's default /16 pod subnet; large
    // clusters use a wider one (here the CGNAT range, clear of the service CIDR).
    y.push_str(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 100.64.0.0/10\n---\n",
    );
    for n in 0..5000 / div {
        let _ = write!(
            y,
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: node-{n:04}\n  labels:\n    topology.kubernetes.io/zone: zone-{}\nstatus:\n  addresses:\n  - type: InternalIP\n    address: 172.16.{}.{}\n  conditions:\n  - type: Ready\n    status: \"True\"\n---\n",
            n % 3,
            n / 250,
            n % 250 + 1
        );
    }
    let mut pods = 0u32;
    for s in 0..10_000 / div {
        let replicas = if s < 400 / div {
            250
        } else if s % 5 == 0 {
            6
        } else {
            5
        };
        pods += replicas;
        let _ = write!(
            y,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{s:05}\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: app-{s:05}\n  template:\n    metadata:\n      labels:\n        app: app-{s:05}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - name: http\n          containerPort: 8080\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-{s:05}\nspec:\n  selector:\n    app: app-{s:05}\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n---\n"
        );
    }
    assert!(
        (149_000 / div..=151_000 / div).contains(&pods),
        "envelope has {pods} pods"
    );
    y
}

/// Peak resident set size of this process in MiB (Linux `VmHWM`).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn run(name: &str, yaml: &str, iterations: u32) {
    let mut decode_s = f64::MAX;
    let mut apply_s = f64::MAX;
    let mut summary = String::new();
    for _ in 0..iterations {
        let t0 = Instant::now();
        let decoded = svcplay_model::decode(name, yaml);
        let t1 = Instant::now();
        let mut cluster = Cluster::new(Options {
            seed: 1,
            ..Options::default()
        });
        let report = cluster.apply_decoded(vec![decoded]);
        let t2 = Instant::now();
        decode_s = decode_s.min((t1 - t0).as_secs_f64());
        apply_s = apply_s.min((t2 - t1).as_secs_f64());
        let s = &cluster.store;
        summary = format!(
            "{} results ({} rejected), {} nodes, {} pods ({} running), {} services, {} endpointslices",
            report.results.len(),
            report.results.iter().filter(|r| !r.created).count(),
            s.nodes.len(),
            s.pods.len(),
            s.pods
                .values()
                .filter(|p| p.status.phase == "Running")
                .count(),
            s.services.len(),
            s.endpoint_slices.len()
        );
    }
    eprintln!(
        "{name}: input {:.1} MiB; decode {:.3} s; create+controllers {:.3} s; total {:.3} s (best of {iterations}); peak RSS {:.0} MiB\n  {summary}",
        yaml.len() as f64 / (1 << 20) as f64,
        decode_s,
        apply_s,
        decode_s + apply_s,
        peak_rss_mib().unwrap_or(f64::NAN),
    );
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wants = |n: &str| filter.is_empty() || filter.iter().any(|f| n.contains(f.as_str()));
    if wants("docs") {
        run("docs", &docs_scenario(), 20);
    }
    if wants("envelope") {
        // `SVCPLAY_BENCH_YAML=PATH` writes the envelope's input there instead (for comparing
        // the CLI's output on it across versions).
        if let Some(path) = std::env::var_os("SVCPLAY_BENCH_YAML") {
            std::fs::write(path, envelope_scenario()).expect("writable SVCPLAY_BENCH_YAML path");
            return;
        }
        run("envelope", &envelope_scenario(), 1);
    }
}
