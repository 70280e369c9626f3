//! Fixture-driven decode tests: every `tests/fixtures/decode/*.yaml` (repository root) is decoded
//! and its diagnostics compared with the `# expect:` lines written inside it:
//!
//! ```text
//! # expect: error 12:11 <message> [| <hint>]
//! # expect-documents: 2
//! ```
//!
//! Diagnostics are compared in output order (text-level ones first, then per document).

use std::path::PathBuf;

use svcplay_model::{Severity, decode};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/decode")
}

fn render(d: &svcplay_model::Diagnostic) -> String {
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let pos = d
        .span
        .map_or_else(|| "-".to_string(), |s| format!("{}:{}", s.line, s.column));
    let mut out = format!("{sev} {pos} {}", d.message);
    if let Some(h) = &d.hint {
        out.push_str(" | ");
        out.push_str(h);
    }
    out
}

#[test]
fn fixtures() {
    let mut files: Vec<_> = std::fs::read_dir(fixture_dir())
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "fixtures not found: {files:?}");
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let want: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .map(str::to_string)
            .collect();
        let out = decode(&name, &text);
        let got: Vec<String> = out.all_diagnostics().map(render).collect();
        if got != want {
            failures.push(format!(
                "{name}:\n  want:\n    {}\n  got:\n    {}",
                want.join("\n    "),
                got.join("\n    ")
            ));
        }
        if let Some(n) = text
            .lines()
            .find_map(|l| l.strip_prefix("# expect-documents: "))
        {
            let n: usize = n.trim().parse().unwrap();
            if out.documents.len() != n {
                failures.push(format!(
                    "{name}: want {n} documents, got {}",
                    out.documents.len()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
