//! Kubernetes-shaped types for svcplay and the first stages of the pipeline:
//! `YAML text → decode (objects + positions) → default → validate`.
//!
//! Every stage is a pure function; later stages (allocation, controllers, kube-proxy) live in
//! `svcplay_sim`.

pub mod builtin;
pub mod decode;
pub mod defaults;
pub mod field;
mod flat;
pub mod fxhash;
pub mod net;
pub mod par;
pub mod quantity;
pub mod slice;
pub mod source;
pub mod strmap;
pub mod tagged;
pub mod types;
pub mod validation;

pub use decode::{DecodeOutput, Document, decode, decode_bytes};
pub use field::{BadValue, ErrorList, ErrorType, FieldError, Path};
pub use source::{Diagnostic, Severity, SourceMap, Span};
pub use types::*;
