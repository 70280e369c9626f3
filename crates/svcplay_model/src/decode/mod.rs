//! Decoding: multi-document Kubernetes YAML (or a `kind: List`) into typed objects, each with a
//! [`SourceMap`] of where its fields were written. Bad input becomes diagnostics, never a panic.

use crate::source::{Diagnostic, SourceMap, Span};
use crate::types::Object;

/// One document (or one item of a `List`) of the input.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name as given by the user.
    pub file: String,
    /// Kind as written (may be unknown).
    pub kind: String,
    /// `metadata.name` as written.
    pub name: String,
    /// `metadata.namespace` as written.
    pub namespace: String,
    /// The typed object; `None` when it could not be decoded (see `diagnostics`).
    pub object: Option<Object>,
    /// Where each field was written.
    pub source: SourceMap,
    /// Start of the document (or List item).
    pub span: Span,
    /// Decode errors (object is `None`) and warnings (unknown fields, with hints).
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything decoded from one input text.
#[derive(Debug, Clone, Default)]
pub struct DecodeOutput {
    /// Documents in input order (empty documents skipped).
    pub documents: Vec<Document>,
    /// Problems with the text as a whole (YAML syntax, encoding, limits).
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes `text` (named `file` in diagnostics).
pub fn decode(file: &str, text: &str) -> DecodeOutput {
    let _ = (file, text);
    DecodeOutput::default()
}

/// Decodes raw bytes: invalid UTF-8 is a diagnostic at the first bad byte.
pub fn decode_bytes(file: &str, bytes: &[u8]) -> DecodeOutput {
    match std::str::from_utf8(bytes) {
        Ok(text) => decode(file, text),
        Err(_) => DecodeOutput::default(),
    }
}
