//! Shared helpers of the request and cloud tests: clusters from the YAML fixtures under
//! `tests/fixtures/request/`.

#![allow(dead_code)]

use std::net::IpAddr;

use svcplay_sim::request::{RequestReport, RequestSpec, RequestState, Source, simulate};
use svcplay_sim::{Cluster, Options};

/// The text of a fixture.
pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/request/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A kubeadm-like cluster (four default nodes) holding the fixtures, settled.
pub fn cluster(files: &[&str]) -> Cluster {
    cluster_with(files, |_| {})
}

/// Like [`cluster`], with settings changed before the input is applied.
pub fn cluster_with(files: &[&str], tweak: impl FnOnce(&mut Cluster)) -> Cluster {
    let texts: Vec<(String, String)> = files.iter().map(|f| (f.to_string(), fixture(f))).collect();
    cluster_from(&texts, tweak)
}

/// A cluster from `(file, text)` pairs.
pub fn cluster_from(texts: &[(String, String)], tweak: impl FnOnce(&mut Cluster)) -> Cluster {
    let mut c = Cluster::new(Options {
        seed: 1,
        ..Options::default()
    });
    tweak(&mut c);
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let report = c.apply_texts(&refs);
    assert!(report.all_created(), "{report:#?}");
    c
}

pub fn pod(name: &str) -> Source {
    Source::Pod {
        namespace: "default".into(),
        name: name.into(),
    }
}

pub fn external() -> Source {
    Source::External { ip: None }
}

pub fn external_from(ip: &str) -> Source {
    Source::External {
        ip: Some(ip.parse().unwrap()),
    }
}

pub fn spec(from: Source, to: &str, count: u64, seed: u64) -> RequestSpec {
    RequestSpec {
        count,
        seed,
        ..RequestSpec::new(from, to)
    }
}

/// Runs a request spec with fresh affinity state; panics on a RequestError.
pub fn run(c: &Cluster, s: &RequestSpec) -> RequestReport {
    simulate(c, &mut RequestState::default(), s).unwrap_or_else(|e| panic!("{}: {e}", s.to))
}

pub fn node_ip(c: &Cluster, node: &str) -> IpAddr {
    c.store.nodes[node]
        .status
        .addresses
        .iter()
        .find(|a| a.type_ == "InternalIP")
        .unwrap()
        .address
        .parse()
        .unwrap()
}

/// Pods whose name starts with `prefix` in `default`: (name, node, ip).
pub fn pods_of(c: &Cluster, prefix: &str) -> Vec<(String, String, String)> {
    c.store
        .pods
        .iter()
        .filter(|((ns, n), _)| ns == "default" && n.starts_with(prefix))
        .map(|((_, n), p)| (n.clone(), p.spec.node_name.clone(), p.status.pod_ip.clone()))
        .collect()
}

pub fn lb_ip(c: &Cluster, name: &str) -> Option<String> {
    c.store.services[&("default".to_string(), name.to_string())]
        .status
        .load_balancer
        .ingress
        .first()
        .map(|i| i.ip.clone())
}
