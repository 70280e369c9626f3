//! Fixture tests: every `tests/fixtures/{apply,cli,seed}/*.yaml` is run through the real
//! `svcplay` binary. Expectations live inside each fixture as comment lines:
//!
//! ```yaml
//! # cite: pkg/apis/core/validation/validation_test.go TestValidateServiceCreate "..."
//! # args: apply --bare            (default: apply; `-f <fixture>` is appended)
//! # exit: 1                       (default: 0)
//! # out: service/web created      (a line expected on stdout, in this order)
//! # err: The Service "web" is invalid: x.yaml:12:13: spec.ports[0]...   (a line on stderr, in order)
//! # not-err: Warning              (a substring that must not appear on stderr)
//! # json: /results/0/code = 422   (a JSON pointer into `-o json` output and its expected JSON value)
//! ```
//! `<fixture>` in expectations stands for the fixture's path as passed to `-f`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

struct Expect {
    args: Vec<String>,
    exit: i32,
    out: Vec<String>,
    err: Vec<String>,
    not_err: Vec<String>,
    json: Vec<(String, serde_json::Value)>,
}

fn parse_expectations(text: &str, fixture: &str) -> Expect {
    let mut e = Expect {
        args: vec!["apply".into()],
        exit: 0,
        out: vec![],
        err: vec![],
        not_err: vec![],
        json: vec![],
    };
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("# ") else {
            continue;
        };
        let Some((key, value)) = rest.split_once(": ") else {
            continue;
        };
        let value = value.replace("<fixture>", fixture);
        match key {
            "args" => e.args = value.split_whitespace().map(String::from).collect(),
            "exit" => e.exit = value.trim().parse().expect("exit code"),
            "out" => e.out.push(value),
            "err" => e.err.push(value),
            "not-err" => e.not_err.push(value),
            "json" => {
                let (ptr, val) = value.split_once(" = ").expect("json: /pointer = value");
                let val = serde_json::from_str(val)
                    .unwrap_or_else(|err| panic!("{fixture}: bad JSON {val:?}: {err}"));
                e.json.push((ptr.trim().to_string(), val));
            }
            _ => {}
        }
    }
    e
}

/// Asserts that `expected` lines occur in `actual`, in order (each as a whole line).
fn assert_lines_in_order(fixture: &str, stream: &str, actual: &str, expected: &[String]) {
    let lines: Vec<&str> = actual.lines().collect();
    let mut at = 0;
    for want in expected {
        match lines[at..]
            .iter()
            .position(|l| l.trim_end() == want.trim_end())
        {
            Some(i) => at += i + 1,
            None => panic!(
                "{fixture}: expected {stream} line not found (in order):\n  {want}\n--- {stream} was:\n{actual}"
            ),
        }
    }
}

fn run_fixture(path: &Path) {
    let root = repo_root();
    let rel = path
        .strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .to_string();
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let e = parse_expectations(&text, &rel);
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_svcplay"))
            .current_dir(&root)
            .args(&e.args)
            .args(["-f", &rel])
            .args(extra)
            .output()
            .expect("run svcplay");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(
        code, e.exit,
        "{rel}: exit status\n--- stdout:\n{stdout}\n--- stderr:\n{stderr}"
    );
    assert_lines_in_order(&rel, "stdout", &stdout, &e.out);
    assert_lines_in_order(&rel, "stderr", &stderr, &e.err);
    for bad in &e.not_err {
        assert!(
            !stderr.contains(bad.as_str()),
            "{rel}: stderr must not contain {bad:?}:\n{stderr}"
        );
    }
    if !e.json.is_empty() {
        let (_, stdout, _) = run(&["-o", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|err| panic!("{rel}: -o json is not JSON: {err}\n{stdout}"));
        for (ptr, want) in &e.json {
            let got = doc.pointer(ptr);
            assert_eq!(got, Some(want), "{rel}: JSON {ptr}");
        }
    }
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let d = repo_root().join("tests/fixtures").join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&d)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == "yaml"));
    v.sort();
    v
}

fn run_dir(dir: &str) {
    let all = fixtures(dir);
    assert!(!all.is_empty(), "no fixtures in tests/fixtures/{dir}");
    let mut failures = Vec::new();
    for f in &all {
        if let Err(p) = std::panic::catch_unwind(|| run_fixture(f)) {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(msg);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}

#[test]
fn apply_fixtures() {
    run_dir("apply");
}

#[test]
fn cli_fixtures() {
    run_dir("cli");
}

#[test]
fn seed_fixtures() {
    run_dir("seed");
}
