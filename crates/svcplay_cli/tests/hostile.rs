//! Hostile input through the real `svcplay` binary: every case ends with a diagnostic and a
//! proper exit status, never a panic or a hang. (Speed is measured by the benchmarks; the bound
//! here is only a generous guard against hangs in an unoptimised build.)

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("svcplay-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write input");
    path
}

/// Runs `svcplay <args> -f <input>`; returns (exit code, stdout, stderr).
fn run(args: &[&str], input: &[u8], name: &str) -> (i32, String, String) {
    let path = write_temp(name, input);
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_svcplay"))
        .args(args)
        .arg("-f")
        .arg(&path)
        .output()
        .expect("run svcplay");
    let took = start.elapsed();
    assert!(took < Duration::from_secs(30), "{name}: took {took:?}");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{name}: panicked:\n{stderr}");
    let code = out.status.code().expect("exited normally, not by a signal");
    (
        code,
        String::from_utf8_lossy(&out.stdout).to_string(),
        stderr,
    )
}

#[test]
fn alias_bomb_is_refused() {
    let mut y = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        y.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let (code, _, err) = run(&["apply"], y.as_bytes(), "bomb.yaml");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("excessive aliasing"), "{err}");
}

#[test]
fn deep_nesting_is_refused() {
    let depth = 5000;
    let y = format!("{}x{}", "[".repeat(depth), "]".repeat(depth));
    let (code, _, err) = run(&["apply"], y.as_bytes(), "deep.yaml");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("recursion limit exceeded"), "{err}");
    // Block style, deeper than our tree limit but within the parser's.
    let mut y = String::new();
    for i in 0..200 {
        y.push_str(&format!("{}k{i}:\n", "  ".repeat(i)));
    }
    let (code, _, err) = run(&["apply"], y.as_bytes(), "deep-block.yaml");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("exceeded max depth of 100"), "{err}");
}

#[test]
fn non_utf8_points_at_the_byte() {
    let mut bytes = b"apiVersion: v1\nkind: Service\nmetadata:\n  name: caf".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"\n");
    let (code, _, err) = run(&["apply"], &bytes, "latin1.yaml");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("latin1.yaml:4:12"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn huge_integer_is_a_type_error() {
    let y = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 99999999999999999999999999\n";
    let (code, _, err) = run(&["apply"], y.as_bytes(), "huge.yaml");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot unmarshal number"), "{err}");
    assert!(err.contains("of type int32"), "{err}");
}

#[test]
fn ten_megabyte_annotation_is_too_long() {
    let big = "x".repeat(10 << 20);
    let y = format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    note: {big}\nspec:\n  ports:\n  - port: 80\n"
    );
    let (code, _, err) = run(&["apply"], y.as_bytes(), "ten-mb.yaml");
    assert_eq!(code, 1, "{}", &err[..err.len().min(500)]);
    assert!(
        err.contains("metadata.annotations: Too long"),
        "{}",
        &err[..err.len().min(500)]
    );
}

fn many_ports(ty: &str, n: usize) -> String {
    let mut y = format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: wide\nspec:\n  type: {ty}\n  selector:\n    app: wide\n  ports:\n"
    );
    for i in 0..n {
        y.push_str(&format!("  - name: p{i}\n    port: {}\n", 1000 + i));
    }
    y.push_str("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: wide-0\n  labels:\n    app: wide\nspec:\n  containers:\n  - name: c\n    image: nginx\n");
    y
}

#[test]
fn service_with_ten_thousand_ports_works_end_to_end() {
    let y = many_ports("ClusterIP", 10_000);
    let (code, out, err) = run(&["apply"], y.as_bytes(), "wide.yaml");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("service/wide created"), "{out}");
    let (code, rules, err) = run(&["rules", "--node", "node01"], y.as_bytes(), "wide.yaml");
    assert_eq!(code, 0, "{err}");
    assert!(
        rules.matches("default/wide:p").count() >= 10_000,
        "one rule per port at least"
    );
}

#[test]
fn ten_thousand_node_ports_exhaust_the_range_and_roll_back() {
    let y = many_ports("NodePort", 10_000);
    let (code, _, err) = run(&["apply", "-o", "json"], y.as_bytes(), "wide-np.yaml");
    assert_eq!(code, 1, "{err}");
    let (_, out, _) = run(&["apply", "-o", "json"], y.as_bytes(), "wide-np.yaml");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(doc["results"][0]["code"], 500);
    let reason = doc["results"][0]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("range is full"), "{reason}");
}
