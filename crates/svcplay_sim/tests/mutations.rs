//! Bad input never panics: every fixture scenario, mutated many ways (lines dropped, duplicated
//! or swapped, values replaced by hostile ones, bytes flipped), goes through the whole pipeline —
//! decode, create, controllers, live changes, kube-proxy rules on every node, requests from
//! outside, from a node and from a pod to every Service, DNS — and must come out with results
//! or diagnostics, never a panic.
//!
//! The mutations come from a fixed seed, so a failure names a case that reproduces. Set
//! `SVCPLAY_MUTATIONS=N` to run N mutants per scenario instead of the default.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use svcplay_sim::request::{RequestSpec, RequestState, Source, simulate};
use svcplay_sim::{Cluster, Options, controllers, dns};

/// Values a learner (or a fuzzer) might type in place of any scalar.
const HOSTILE: &[&str] = &[
    "",
    "~",
    "-1",
    "0",
    "65536",
    "99999999999999999999999",
    "1e400",
    ".nan",
    "true",
    "[]",
    "{}",
    "\"\"",
    "'<img src=x onerror=alert(1)>'",
    "10.96.0.1",
    "None",
    "Local",
    "LoadBalancer",
    "ExternalName",
    "::1",
    "0.0.0.0/0",
    "*a",
    "&a x",
    "!!binary AAAA",
    "\"\\uD800\"",
    "30000-32767",
    "http",
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One mutation of `text`.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return String::new();
    }
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let i = rng.below(lines.len());
        match rng.below(7) {
            0 => {
                lines.remove(i);
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            3 | 4 => {
                // Replace the value after a `key:` (or a list item) with a hostile one.
                let l = &lines[i];
                let cut = l.find(": ").map(|p| p + 2).or_else(|| {
                    l.trim_start()
                        .starts_with("- ")
                        .then(|| l.find("- ").unwrap() + 2)
                });
                if let Some(cut) = cut {
                    let v = HOSTILE[rng.below(HOSTILE.len())];
                    lines[i] = format!("{}{v}", &l[..cut]);
                }
            }
            5 => {
                // Re-indent a line.
                let l = lines[i].trim_start().to_string();
                let indent = rng.below(9);
                lines[i] = format!("{}{l}", " ".repeat(indent));
            }
            _ => {
                // Flip a byte to another ASCII character.
                let mut bytes = lines[i].clone().into_bytes();
                if !bytes.is_empty() {
                    let j = rng.below(bytes.len());
                    const ODD: &[u8] = b" -:[]{}#&*!|>'\"%@`,?0a";
                    bytes[j] = ODD[rng.below(ODD.len())];
                }
                lines[i] = String::from_utf8_lossy(&bytes).into_owned();
            }
        }
    }
    lines.join("\n")
}

/// Runs everything a user can do on a scenario; panics only if the pipeline does.
fn exercise(name: &str, text: &str, observed: bool) {
    let mut cluster = Cluster::new(Options {
        seed: 7,
        bare: false,
        observed,
    });
    let report = cluster.apply_texts(&[(name, text)]);
    let _ = serde_json::to_string(&report.results).expect("results serialize");
    let _ = cluster.items();
    let nodes: Vec<String> = cluster.store.nodes.keys().cloned().collect();
    for node in &nodes {
        if let Some(input) = cluster.proxy_input(node) {
            let _ = svcplay_sim::proxy::iptables_save(&input);
        }
    }
    let services: Vec<(String, String)> = cluster
        .store
        .services
        .values()
        .map(|s| (s.metadata.namespace.clone(), s.metadata.name.clone()))
        .collect();
    let pods: Vec<(String, String)> = cluster
        .store
        .pods
        .values()
        .map(|p| (p.metadata.namespace.clone(), p.metadata.name.clone()))
        .collect();
    let mut sources = vec![Source::External { ip: None }];
    if let Some(n) = nodes.first() {
        sources.push(Source::Node { name: n.clone() });
    }
    if let Some((ns, p)) = pods.first() {
        sources.push(Source::Pod {
            namespace: ns.clone(),
            name: p.clone(),
        });
    }
    let mut state = RequestState::default();
    for (ns, svc) in services.iter().take(8) {
        let _ = dns::query(
            &cluster,
            &format!("{svc}.{ns}.svc.cluster.local"),
            dns::QType::A,
        );
        for from in &sources {
            let mut spec = RequestSpec::new(from.clone(), &format!("{svc}.{ns}"));
            spec.count = 5;
            let _ = simulate(&cluster, &mut state, &spec);
        }
    }
    // Live changes, then everything again.
    if let Some((ns, p)) = pods.first() {
        let _ = controllers::set_pod_ready(&mut cluster, ns, p, false);
        let _ = controllers::delete_pod(&mut cluster, ns, p);
    }
    for d in cluster
        .store
        .deployments
        .keys()
        .cloned()
        .collect::<Vec<_>>()
    {
        let _ = controllers::scale(&mut cluster, &d.0, &d.1, 0);
        let _ = controllers::scale(&mut cluster, &d.0, &d.1, 3);
    }
    if let Some(n) = nodes.first() {
        let _ = controllers::drain(&mut cluster, n);
        let _ = controllers::remove_node(&mut cluster, n);
    }
    controllers::advance(&mut cluster, 60);
    for node in cluster.store.nodes.keys().cloned().collect::<Vec<_>>() {
        if let Some(input) = cluster.proxy_input(&node) {
            let _ = svcplay_sim::proxy::iptables_save(&input);
        }
    }
    for (ns, svc) in services.iter().take(4) {
        let spec = RequestSpec::new(Source::External { ip: None }, &format!("{svc}.{ns}"));
        let _ = simulate(&cluster, &mut state, &spec);
    }
}

fn scenarios() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut out = Vec::new();
    for dir in ["seed", "apply", "cli"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn mutated_scenarios_never_panic() {
    let per_scenario: usize = std::env::var("SVCPLAY_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    let files = scenarios();
    assert!(files.len() >= 10, "fixtures not found: {files:?}");
    let mut failures = Vec::new();
    let mut runs = 0;
    for (f, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for m in 0..per_scenario {
            let seed = ((f as u64) << 32 | m as u64) + 1;
            let mutant = if m == 0 {
                text.clone()
            } else {
                mutate(&text, &mut Rng(seed))
            };
            for observed in [false, true] {
                runs += 1;
                let r = catch_unwind(AssertUnwindSafe(|| exercise(&name, &mutant, observed)));
                if r.is_err() {
                    failures.push(format!(
                        "{name} mutant {m} (seed {seed}, observed {observed}):\n{mutant}\n"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {runs} runs panicked; first:\n{}",
        failures.len(),
        failures[0]
    );
}
