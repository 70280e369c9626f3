//! Source positions and diagnostics shared by every stage.

use serde::Serialize;

/// A position in the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// Byte offset from the start of the text.
    pub offset: usize,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in Unicode scalar values.
    pub column: u32,
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The object (or the whole input) was rejected.
    Error,
    /// Accepted, but worth a look (unknown fields, upstream warnings).
    Warning,
}

/// A message about the input, pointing at where it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// File name as given by the user (`-` for stdin).
    pub file: String,
    /// Where it applies; `None` when no position is known.
    pub span: Option<Span>,
    /// The message, in upstream's words where upstream has one.
    pub message: String,
    /// A hint such as `did you mean "spec.ports"?`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(file: &str, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            span,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `span`.
    pub fn warning(file: &str, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(file, span, message)
        }
    }

    /// `FILE:LINE:COL` (or just `FILE`) for text output.
    pub fn location(&self) -> String {
        match self.span {
            Some(s) => format!("{}:{}:{}", self.file, s.line, s.column),
            None => self.file.clone(),
        }
    }
}

/// Where each field of one decoded object was written, keyed by field path in upstream's syntax
/// (`spec.ports[0].nodePort`, `metadata.labels[app]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// Path → position of the value (for scalars) or of the key's value node (for collections).
    entries: std::collections::BTreeMap<String, Span>,
    /// Start of the document.
    pub document: Span,
}

impl SourceMap {
    /// Records where `path` was written.
    pub fn insert(&mut self, path: String, span: Span) {
        self.entries.entry(path).or_insert(span);
    }

    /// The position of `path`, or of its nearest written ancestor, or of the document.
    ///
    /// `spec.ports[0].nodePort` falls back to `spec.ports[0]`, `spec.ports`, `spec`. Field paths
    /// that upstream reports under another name than the one users write (`spec.clusterIPs` for
    /// a written `clusterIP`, the historical `spec.LoadBalancerSourceRanges` and
    /// `spec.SessionAffinity`) also try the written name at each level.
    pub fn lookup(&self, path: &str) -> Span {
        const ALIASES: &[(&str, &str)] = &[
            ("spec.clusterIPs", "spec.clusterIP"),
            (
                "spec.LoadBalancerSourceRanges",
                "spec.loadBalancerSourceRanges",
            ),
            ("spec.SessionAffinity", "spec.sessionAffinity"),
        ];
        let mut p = path;
        loop {
            if let Some(s) = self.entries.get(p) {
                return *s;
            }
            for (from, to) in ALIASES {
                if let Some(rest) = p.strip_prefix(from)
                    && (rest.is_empty() || rest.starts_with(['.', '[']))
                    && let Some(s) = self.entries.get(&format!("{to}{rest}"))
                {
                    return *s;
                }
            }
            // Maps kept verbatim record their keys with dots (`limits.cpu` for `limits[cpu]`).
            if let Some(open) = p.rfind('[')
                && p.ends_with(']')
                && !p[open + 1..p.len() - 1].bytes().all(|b| b.is_ascii_digit())
                && let Some(s) =
                    self.entries
                        .get(&format!("{}.{}", &p[..open], &p[open + 1..p.len() - 1]))
            {
                return *s;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.document,
            }
        }
    }

    /// The exact position of `path`, if it was written.
    pub fn get(&self, path: &str) -> Option<Span> {
        self.entries.get(path).copied()
    }

    /// Number of recorded paths.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_falls_back_to_ancestors() {
        let mut m = SourceMap::default();
        let s = |line| Span {
            offset: 0,
            line,
            column: 1,
        };
        m.insert("spec".into(), s(3));
        m.insert("spec.ports[0]".into(), s(5));
        assert_eq!(m.lookup("spec.ports[0].nodePort").line, 5);
        assert_eq!(m.lookup("spec.selector").line, 3);
        assert_eq!(m.lookup("metadata.name").line, 0);
        m.insert("spec.clusterIP".into(), s(7));
        assert_eq!(m.lookup("spec.clusterIPs").line, 7);
        assert_eq!(m.lookup("spec.clusterIPs[0]").line, 7);
    }
}
