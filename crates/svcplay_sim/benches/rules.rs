//! Benchmark: kube-proxy rules generation (`iptables_save`) on one node, for the Kubernetes
//! scalability envelope (10,000 Services × 250 endpoints, spread over 5,000 nodes) and for a
//! docs-scale scenario (the seed's frontend/backend example).
//!
//! Run: `cargo bench -p svcplay_sim --bench rules` (add `-- docs` or `-- envelope` for one
//! case; `RULES_RUNS=N` sets the number of timed runs of the envelope, default 5;
//! `RULES_SERVICES=N` shrinks the envelope to N Services, e.g. for callgrind;
//! `RULES_DUMP=prefix` writes each output to `prefix-<case>.txt`).
//! Times each case twice: `iptables_save` (fresh buffers every sync) and `RulesBuffers::sync`
//! (buffers reused from the previous sync, as a running kube-proxy does). Prints best and
//! median wall and CPU time (CPU of every thread, from `/proc/self/task/*/schedstat`), output
//! size and lines, and the peak RSS (`VmHWM`).

use std::time::Instant;

use svcplay_model::types::{
    Endpoint, EndpointConditions, EndpointPort, EndpointSlice, LoadBalancerIngress, Node,
    NodeAddress, Service, ServicePort,
};
use svcplay_sim::proxy::{ProxyInput, RulesBuffers, iptables_save};
use svcplay_sim::settings::ProxySettings;
use svcplay_sim::{Cluster, Options};

/// CPU time of this process (every thread) in seconds, from `/proc/self/task/*/schedstat`
/// (nanoseconds on CPU); falls back to `/proc/self/stat` ticks.
fn cpu_seconds() -> f64 {
    let mut ns: u64 = 0;
    let mut found = false;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for task in dir.flatten() {
            let path = task.path().join("schedstat");
            if let Ok(s) = std::fs::read_to_string(path)
                && let Some(v) = s
                    .split_whitespace()
                    .next()
                    .and_then(|v| v.parse::<u64>().ok())
            {
                ns += v;
                found = true;
            }
        }
    }
    if found {
        return ns as f64 / 1e9;
    }
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the `(comm)`: utime and stime are fields 14 and 15 (1-based).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    (f.get(11).unwrap_or(&0) + f.get(12).unwrap_or(&0)) as f64 / 100.0
}

/// A line of `/proc/self/status` in MiB (`VmHWM`, `VmRSS`).
fn status_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

fn node(name: &str, ip: &str, zone: &str) -> Node {
    let mut n = Node::default();
    n.metadata.name = name.to_string();
    n.metadata
        .labels
        .insert("topology.kubernetes.io/zone".into(), zone.into());
    n.status.addresses = vec![NodeAddress {
        type_: "InternalIP".into(),
        address: ip.into(),
    }];
    n
}

/// The envelope: 10,000 Services with a ClusterIP and one port, 250 Ready endpoints each
/// (2.5 M endpoints), in slices of at most 100 endpoints (the EndpointSlice controller's
/// default), spread round-robin over 5,000 nodes. Every 10th Service is a NodePort, every 500th
/// a LoadBalancer with `externalTrafficPolicy: Local`, every 1,000th uses ClientIP affinity.
fn envelope(n_svc: usize) -> (Node, Vec<Service>, Vec<EndpointSlice>) {
    let (n_ep, n_nodes) = (250usize, 5_000usize);
    let mut services = Vec::with_capacity(n_svc);
    let mut slices = Vec::with_capacity(n_svc * 3);
    for s in 0..n_svc {
        let mut svc = Service::default();
        svc.metadata.namespace = "default".into();
        svc.metadata.name = format!("app-{s:05}");
        svc.spec.cluster_ip = format!("10.96.{}.{}", s / 256, s % 256);
        svc.spec.cluster_ips = vec![svc.spec.cluster_ip.clone()];
        svc.spec.type_ = "ClusterIP".into();
        svc.spec.session_affinity = "None".into();
        svc.spec.external_traffic_policy = String::new();
        let mut port = ServicePort {
            name: "http".into(),
            protocol: "TCP".into(),
            port: 80,
            ..Default::default()
        };
        if s % 10 == 0 {
            svc.spec.type_ = "NodePort".into();
            svc.spec.external_traffic_policy = "Cluster".into();
            port.node_port = 30000 + (s / 10) as i32 % 2768;
        }
        if s % 500 == 0 {
            svc.spec.type_ = "LoadBalancer".into();
            svc.spec.external_traffic_policy = "Local".into();
            svc.spec.health_check_node_port = 32000 + (s / 500) as i32;
            svc.status.load_balancer.ingress = vec![LoadBalancerIngress {
                ip: format!("203.0.113.{}", s / 500 + 1),
                ..Default::default()
            }];
        }
        if s % 1000 == 0 {
            svc.spec.session_affinity = "ClientIP".into();
        }
        svc.spec.ports = vec![port];
        services.push(svc);
        for (k, chunk) in (0..n_ep).collect::<Vec<_>>().chunks(100).enumerate() {
            let mut sl = EndpointSlice::default();
            sl.metadata.namespace = "default".into();
            sl.metadata.name = format!("app-{s:05}-{k}");
            sl.metadata
                .labels
                .insert("kubernetes.io/service-name".into(), format!("app-{s:05}"));
            sl.address_type = "IPv4".into();
            sl.ports = vec![EndpointPort {
                name: Some("http".into()),
                protocol: Some("TCP".into()),
                port: Some(8080),
                app_protocol: None,
            }];
            sl.endpoints = chunk
                .iter()
                .map(|&e| {
                    let i = s * n_ep + e;
                    Endpoint {
                        addresses: vec![format!(
                            "10.{}.{}.{}",
                            128 + i / 65536,
                            (i / 256) % 256,
                            i % 256
                        )],
                        conditions: EndpointConditions {
                            ready: Some(true),
                            serving: Some(true),
                            terminating: Some(false),
                        },
                        node_name: Some(format!("node-{:04}", i % n_nodes)),
                        ..Default::default()
                    }
                })
                .collect();
            slices.push(sl);
        }
    }
    (node("node-0000", "172.16.0.1", "zone-0"), services, slices)
}

/// The docs-scale scenario: the seed's frontend (NodePort, 6 replicas) and backend
/// (ClusterIP, 3 replicas) applied to a simulated cluster; kube-proxy of its first node.
fn docs() -> (Node, Vec<Service>, Vec<EndpointSlice>) {
    let mut y = String::new();
    for (app, replicas, ty) in [("frontend", 6, "NodePort"), ("backend", 3, "ClusterIP")] {
        y.push_str(&format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {app}\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: {app}\n  template:\n    metadata:\n      labels:\n        app: {app}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - containerPort: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {app}\nspec:\n  type: {ty}\n  selector:\n    app: {app}\n  ports:\n  - port: 80\n    targetPort: 80\n---\n"
        ));
    }
    let mut cluster = Cluster::new(Options {
        seed: 1,
        ..Options::default()
    });
    let report = cluster.apply_texts(&[("docs.yaml", &y)]);
    assert!(report.all_created(), "docs scenario applies");
    let store = &cluster.store;
    let node = store
        .nodes
        .values()
        .next()
        .cloned()
        .unwrap_or_else(|| node("node-1", "192.168.49.2", "zone-a"));
    (
        node,
        store.services.values().cloned().collect(),
        store.endpoint_slices.values().cloned().collect(),
    )
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s[s.len() / 2]
}

/// Timings of `runs` syncs: wall per run, CPU per run (or, for short runs, only the mean over
/// the batch: reading the counters costs more than such a run), and the last output's size and
/// line count.
#[derive(Default)]
struct Timed {
    walls: Vec<f64>,
    cpus: Vec<f64>,
    cpu_mean: f64,
    bytes: usize,
    lines: usize,
}

impl Timed {
    /// Records one sync that started at `(c0, t0)` and produced `out`; only the generation is
    /// timed, inspecting (and optionally writing) the output is not.
    fn record(&mut self, c0: Option<f64>, t0: Instant, out: &str, dump: Option<&std::path::Path>) {
        self.walls.push(t0.elapsed().as_secs_f64());
        if let Some(c0) = c0 {
            self.cpus.push(cpu_seconds() - c0);
        }
        self.bytes = out.len();
        self.lines = out.bytes().filter(|&b| b == b'\n').count();
        if let Some(path) = dump
            && let Err(e) = std::fs::write(path, out)
        {
            eprintln!("cannot write {}: {e}", path.display());
        }
    }

    /// `batch_cpu`: CPU time of the whole batch.
    fn finish(mut self, batch_cpu: f64) -> Self {
        self.cpu_mean = batch_cpu / self.walls.len().max(1) as f64;
        self
    }
}

fn unit(s: f64) -> String {
    if s < 1e-3 {
        format!("{:.1} µs", s * 1e6)
    } else {
        format!("{s:.3} s")
    }
}

fn report(label: &str, t: &Timed) {
    let best = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let cpu = if t.cpus.is_empty() {
        format!(
            "CPU mean {} (whole batch, with output inspection)",
            unit(t.cpu_mean)
        )
    } else {
        format!(
            "CPU best {} median {}",
            unit(best(&t.cpus)),
            unit(median(&t.cpus))
        )
    };
    eprintln!(
        "  {label} ({} runs): wall best {} median {}; {cpu}",
        t.walls.len(),
        unit(best(&t.walls)),
        unit(median(&t.walls)),
    );
}

fn run(name: &str, built: (Node, Vec<Service>, Vec<EndpointSlice>), runs: usize) {
    let (node, services, slices) = built;
    let endpoints: usize = slices.iter().map(|s| s.endpoints.len()).sum();
    let settings = ProxySettings::default();
    let input = ProxyInput::for_node(
        &node,
        &settings,
        services.iter().collect(),
        slices.iter().collect(),
    );
    let rss_input = status_mib("VmRSS:");
    let dump = std::env::var_os("RULES_DUMP").map(|prefix| {
        let mut path = prefix;
        path.push(format!("-{name}.txt"));
        std::path::PathBuf::from(path)
    });
    // Cold: every sync allocates (and the kernel maps) its buffers afresh.
    let per_run_cpu = runs <= 20;
    let cpu_now = || per_run_cpu.then(cpu_seconds);
    let mut cold = Timed::default();
    let batch = cpu_seconds();
    for _ in 0..runs {
        let (c0, t0) = (cpu_now(), Instant::now());
        let out = iptables_save(&input);
        cold.record(c0, t0, &out, dump.as_deref());
    }
    let cold = cold.finish(cpu_seconds() - batch);
    let peak_cold = status_mib("VmHWM:");
    // Warm: a long-running kube-proxy reuses its buffers from the previous sync.
    let mut buffers = RulesBuffers::default();
    buffers.sync(&input);
    let mut warm = Timed::default();
    let batch = cpu_seconds();
    for _ in 0..runs {
        let (c0, t0) = (cpu_now(), Instant::now());
        let out = buffers.sync(&input);
        warm.record(c0, t0, out, None);
    }
    let warm = warm.finish(cpu_seconds() - batch);
    eprintln!(
        "{name}: {} Services, {} EndpointSlices, {endpoints} endpoints; node {}; output {} bytes ({:.1} MiB), {} lines",
        services.len(),
        slices.len(),
        input.node_name,
        cold.bytes,
        cold.bytes as f64 / (1 << 20) as f64,
        cold.lines,
    );
    assert_eq!((cold.bytes, cold.lines), (warm.bytes, warm.lines));
    report("iptables_save, fresh buffers", &cold);
    report("RulesBuffers::sync, reused buffers", &warm);
    eprintln!(
        "  RSS with input {rss_input:.0} MiB; peak RSS after fresh-buffer runs {peak_cold:.0} MiB, at end {:.0} MiB",
        status_mib("VmHWM:"),
    );
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wants = |n: &str| filter.is_empty() || filter.iter().any(|f| n.contains(f.as_str()));
    if wants("docs") {
        run("docs", docs(), 2000);
    }
    if wants("envelope") {
        let runs = std::env::var("RULES_RUNS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5);
        let services = std::env::var("RULES_SERVICES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000);
        run("envelope", envelope(services), runs);
    }
}
