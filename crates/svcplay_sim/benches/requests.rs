//! Benchmark: simulated requests per second, pod → ClusterIP with 6 endpoints (and the same
//! through a LoadBalancer over every node), after the one-time setup (DNS, rule generation and
//! trace on the entry node), which is reported separately.
//!
//! Run: `cargo bench -p svcplay_sim --bench requests` (optionally `-- <count>`, default 1,000,000).

use std::time::Instant;

use svcplay_sim::request::{RequestSpec, RequestState, Source, simulate};
use svcplay_sim::{Cluster, Options};

const SCENARIO: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 6\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - containerPort: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  selector:\n    app: web\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  containers:\n  - name: curl\n    image: curlimages/curl\n";

fn measure(cluster: &Cluster, name: &str, from: Source, to: &str, count: u64) {
    let one = RequestSpec {
        count: 1,
        detail: 0,
        ..RequestSpec::new(from.clone(), to)
    };
    let many = RequestSpec {
        count,
        detail: 0,
        seed: 7,
        ..RequestSpec::new(from, to)
    };
    // Setup alone: a one-request call is all setup.
    let mut setup = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let r = simulate(cluster, &mut RequestState::default(), &one).expect("simulates");
        setup = setup.min(t.elapsed().as_secs_f64());
        assert_eq!(r.totals.delivered, 1, "{}", r.explanation);
    }
    let mut total = f64::MAX;
    let mut delivered = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let r = simulate(cluster, &mut RequestState::default(), &many).expect("simulates");
        total = total.min(t.elapsed().as_secs_f64());
        delivered = r.totals.delivered;
    }
    assert_eq!(delivered, count);
    let loop_s = (total - setup).max(1e-9);
    eprintln!(
        "{name:<28} setup {:>8.3} ms   {count} requests {:>8.3} ms   {:>12.0} requests/s (after setup)   {:>12.0} requests/s (whole call)",
        setup * 1e3,
        loop_s * 1e3,
        count as f64 / loop_s,
        count as f64 / total
    );
}

fn main() {
    let count: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let mut cluster = Cluster::new(Options {
        seed: 1,
        ..Options::default()
    });
    let report = cluster.apply_texts(&[("bench.yaml", SCENARIO)]);
    assert!(report.all_created());
    eprintln!(
        "cluster apply + settle        {:>8.3} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let vip = cluster.store.services[&("default".to_string(), "web".to_string())]
        .status
        .load_balancer
        .ingress[0]
        .ip
        .clone();
    let client = Source::Pod {
        namespace: "default".into(),
        name: "client".into(),
    };
    measure(
        &cluster,
        "pod → ClusterIP (DNS name)",
        client,
        "web:80",
        count,
    );
    measure(
        &cluster,
        "external → LoadBalancer",
        Source::External { ip: None },
        &format!("{vip}:80"),
        count,
    );
}
