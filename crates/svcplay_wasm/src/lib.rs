//! The WebAssembly binding: one stateful [`Playground`].
//!
//! This is the only crate that names `wasm-bindgen` and `serde-wasm-bindgen`. The core crates build
//! and test natively; this crate turns their output into plain data for JavaScript:
//!
//! * every return value goes through one serializer configuration ([`SERIALIZER`]);
//! * positions are converted in Rust into what the editor counts in (UTF-16 code units, see
//!   [`LineIndex`]);
//! * problems with the input are data ([`Evaluation::diagnostics`], [`ObjectResult::errors`]); a
//!   thrown JavaScript `Error` means a fault in svcplay itself.
//!
//! The conversion into [`Evaluation`] is plain Rust ([`evaluate`]) so it is tested natively; the
//! wasm tests in `tests/` check what actually crosses the boundary.

use serde::{Deserialize, Serialize};
use svcplay_model::{Diagnostic, ErrorType, Object, Severity, Span};
use svcplay_sim::{ApplyReport, Cluster, CreateResult, LocatedError, Options};
use wasm_bindgen::prelude::*;

/// The file name diagnostics carry for the text passed to [`Playground::load`].
pub const INPUT_FILE: &str = "input.yaml";

/// The one serializer for every value returned to JavaScript: maps become plain objects (not
/// `Map`s) and `None` becomes `null` (not `undefined`), so the values match the TypeScript types
/// below and survive `JSON.stringify`.
pub const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_maps_as_objects(true)
    .serialize_missing_as_null(true);

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A point in the input, counted the way JavaScript strings and CodeMirror count. */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
  /** 0-based offset from the start of the text in UTF-16 code units (a CodeMirror position). */
  offset: number;
}

export type Severity = "error" | "warning";

/** A message about the input. */
export interface Diagnostic {
  severity: Severity;
  file: string;
  position: Position | null;
  message: string;
  hint: string | null;
}

/** One `field.Error` of a rejected object, e.g. `spec.ports[0].nodePort: Invalid value: ...`. */
export interface FieldError {
  /** Field path, e.g. `spec.ports[0].nodePort`. */
  field: string;
  /** `Required`, `Invalid`, `Unsupported`, `Duplicate`, `Forbidden`, ... */
  type: string;
  detail: string;
  /** Upstream's full error text. */
  message: string;
  position: Position | null;
}

/** The API server's answer to creating one object. */
export interface ObjectResult {
  kind: string;
  namespace: string;
  name: string;
  created: boolean;
  /** HTTP status: 201, 400, 404, 409, 422 or 500. */
  code: number;
  reason: string;
  errors: FieldError[];
  warnings: Diagnostic[];
  file: string;
  position: Position | null;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

/** A stored object as `kubectl get -o json` shows it (fields svcplay models). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    ports?: ServicePort[];
    selector?: Record<string, string> | null;
    [field: string]: unknown;
  };
  status?: { [field: string]: unknown };
  [field: string]: unknown;
}

/** One stored object with its kind, namespace ("" when cluster-scoped) and name resolved. */
export interface Item {
  kind: string;
  namespace: string;
  name: string;
  object: KubeObject;
}

/** What `Playground.load` returns. */
export interface Evaluation {
  /** One result per input document, in input order. */
  results: ObjectResult[];
  /** Problems with the input as a whole (YAML syntax, encoding, limits). */
  diagnostics: Diagnostic[];
  /** Every object stored in the cluster after the controllers settled. */
  items: Item[];
}
"#;

/// The simulated cluster, as JavaScript holds it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Playground {
    seed: u64,
    cluster: Cluster,
}

#[wasm_bindgen]
impl Playground {
    /// An empty playground; `seed` fixes every random choice (names, IPs, load balancing).
    #[wasm_bindgen(constructor)]
    pub fn new(seed: u32) -> Playground {
        let seed = u64::from(seed);
        Playground {
            seed,
            cluster: Cluster::new(Options {
                seed,
                ..Options::default()
            }),
        }
    }

    /// Evaluates `yaml` on a fresh cluster (the previous one is dropped) and returns an
    /// `Evaluation`. Throws only if the result cannot be handed to JavaScript.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn load(&mut self, yaml: &str) -> Result<JsValue, JsError> {
        self.cluster = Cluster::new(Options {
            seed: self.seed,
            ..Options::default()
        });
        let evaluation = evaluate(&mut self.cluster, yaml);
        evaluation
            .serialize(&SERIALIZER)
            .map_err(|e| JsError::new(&format!("svcplay: cannot return the evaluation: {e}")))
    }
}

/// Applies `yaml` (as [`INPUT_FILE`]) to `cluster` and converts the report for JavaScript.
pub fn evaluate(cluster: &mut Cluster, yaml: &str) -> Evaluation {
    let report = cluster.apply_texts(&[(INPUT_FILE, yaml)]);
    Evaluation::new(yaml, report, cluster.items())
}

/// A position in UTF-16 code units, the unit of JavaScript strings and CodeMirror positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in UTF-16 code units.
    pub column: u32,
    /// 0-based offset from the start of the text in UTF-16 code units.
    pub offset: u32,
}

/// Maps byte offsets of one text to [`Position`]s.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of each line start.
    starts: Vec<usize>,
    /// UTF-16 offset of each line start.
    starts_utf16: Vec<u32>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text` (lines end at `\n`).
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let mut starts_utf16 = vec![0];
        let mut utf16: u32 = 0;
        for (i, c) in text.char_indices() {
            utf16 = utf16.saturating_add(c.len_utf16() as u32);
            if c == '\n' {
                starts.push(i + 1);
                starts_utf16.push(utf16);
            }
        }
        LineIndex {
            text,
            starts,
            starts_utf16,
        }
    }

    /// The position of byte `offset`; an offset past the end or inside a character is moved back
    /// to the nearest character start.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        // `starts[0] == 0 <= offset`, so the partition point is at least 1.
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.starts[line]..offset].encode_utf16().count() as u32;
        Position {
            line: line as u32 + 1,
            column: column + 1,
            offset: self.starts_utf16[line] + column,
        }
    }

    /// The position of `span` (its byte offset is authoritative).
    pub fn span(&self, span: Option<Span>) -> Option<Position> {
        span.map(|s| self.position(s.offset))
    }
}

/// What [`Playground::load`] returns (TypeScript `Evaluation`). Generic over the item payload so
/// tests can read items back as untyped JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation<O = Object> {
    /// One result per input document, in input order.
    pub results: Vec<ObjectResult>,
    /// Problems with the input as a whole.
    pub diagnostics: Vec<DiagnosticView>,
    /// Every stored object after the controllers settled.
    pub items: Vec<Item<O>>,
}

impl Evaluation {
    /// Converts an apply report over `text` and the cluster's objects.
    pub fn new(text: &str, report: ApplyReport, objects: Vec<Object>) -> Self {
        let index = LineIndex::new(text);
        Evaluation {
            results: report
                .results
                .iter()
                .map(|r| ObjectResult::new(&index, r))
                .collect(),
            diagnostics: report
                .diagnostics
                .iter()
                .map(|d| DiagnosticView::new(&index, d))
                .collect(),
            items: objects.into_iter().map(Item::new).collect(),
        }
    }
}

/// A [`Diagnostic`] with its position in UTF-16 (TypeScript `Diagnostic`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticView {
    /// `error` or `warning`.
    pub severity: String,
    /// File name.
    pub file: String,
    /// Where it applies.
    pub position: Option<Position>,
    /// The message.
    pub message: String,
    /// A hint such as `did you mean "spec.ports"?`.
    pub hint: Option<String>,
}

impl DiagnosticView {
    fn new(index: &LineIndex<'_>, d: &Diagnostic) -> Self {
        DiagnosticView {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .to_string(),
            file: d.file.clone(),
            position: index.span(d.span),
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

/// One field error of a rejected object (TypeScript `FieldError`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrorView {
    /// Field path.
    pub field: String,
    /// The error type as the serialized [`ErrorType`] names it.
    #[serde(rename = "type")]
    pub type_: String,
    /// Extra detail.
    pub detail: String,
    /// Upstream's full error text.
    pub message: String,
    /// Where the field was written.
    pub position: Option<Position>,
}

/// The name [`ErrorType`] serializes to (`NotSupported` is `Unsupported`, as upstream's JSON).
pub fn error_type_name(t: ErrorType) -> &'static str {
    match t {
        ErrorType::NotFound => "NotFound",
        ErrorType::Required => "Required",
        ErrorType::Duplicate => "Duplicate",
        ErrorType::Invalid => "Invalid",
        ErrorType::NotSupported => "Unsupported",
        ErrorType::Forbidden => "Forbidden",
        ErrorType::TooLong => "TooLong",
        ErrorType::TooMany => "TooMany",
        ErrorType::Internal => "InternalError",
        ErrorType::TypeInvalid => "TypeInvalid",
    }
}

impl FieldErrorView {
    fn new(index: &LineIndex<'_>, e: &LocatedError) -> Self {
        FieldErrorView {
            field: e.error.field.clone(),
            type_: error_type_name(e.error.type_).to_string(),
            detail: e.error.detail.clone(),
            message: e.message.clone(),
            position: index.span(e.span),
        }
    }
}

/// A [`CreateResult`] with positions in UTF-16 (TypeScript `ObjectResult`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectResult {
    /// Kind.
    pub kind: String,
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Whether the object was stored.
    pub created: bool,
    /// HTTP status.
    pub code: u16,
    /// Status message.
    pub reason: String,
    /// Field errors.
    pub errors: Vec<FieldErrorView>,
    /// Warnings.
    pub warnings: Vec<DiagnosticView>,
    /// File the object came from.
    pub file: String,
    /// Start of its document.
    pub position: Option<Position>,
}

impl ObjectResult {
    fn new(index: &LineIndex<'_>, r: &CreateResult) -> Self {
        ObjectResult {
            kind: r.kind.clone(),
            namespace: r.namespace.clone(),
            name: r.name.clone(),
            created: r.created,
            code: r.code,
            reason: r.reason.clone(),
            errors: r
                .errors
                .iter()
                .map(|e| FieldErrorView::new(index, e))
                .collect(),
            warnings: r
                .warnings
                .iter()
                .map(|d| DiagnosticView::new(index, d))
                .collect(),
            file: r.file.clone(),
            position: index.span(r.span),
        }
    }
}

/// One stored object with kind, namespace and name resolved (TypeScript `Item`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item<O = Object> {
    /// Kind, e.g. `Service`.
    pub kind: String,
    /// Namespace; empty for cluster-scoped kinds.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// The object as `kubectl get -o json` would show it.
    pub object: O,
}

impl Item {
    /// Wraps a stored object.
    pub fn new(object: Object) -> Self {
        let meta = object.metadata();
        let name = meta.map(|m| m.name.clone()).unwrap_or_default();
        let namespace = match meta {
            Some(m) if object.is_namespaced() && m.namespace.is_empty() => "default".to_string(),
            Some(m) if object.is_namespaced() => m.namespace.clone(),
            _ => String::new(),
        };
        Item {
            kind: object.kind().to_string(),
            namespace,
            name,
            object,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use svcplay_model::types::{ObjectMeta, Service};
    use svcplay_model::{FieldError, Path};

    fn pos(line: u32, column: u32, offset: u32) -> Position {
        Position {
            line,
            column,
            offset,
        }
    }

    #[test]
    fn positions_count_utf16_code_units() {
        // "é" is 2 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 UTF-16 units.
        let text = "a: é\nb: 😀x\n\nc";
        let ix = LineIndex::new(text);
        let cases = [
            (0, pos(1, 1, 0)),
            (3, pos(1, 4, 3)),                // é
            (5, pos(1, 5, 4)),                // the first \n
            (6, pos(2, 1, 5)),                // b
            (9, pos(2, 4, 8)),                // 😀
            (13, pos(2, 6, 10)),              // x after the surrogate pair
            (15, pos(3, 1, 12)),              // empty line
            (16, pos(4, 1, 13)),              // c
            (text.len(), pos(4, 2, 14)),      // end of text
            (text.len() + 10, pos(4, 2, 14)), // past the end: clamped
            (10, pos(2, 4, 8)),               // inside 😀: moved back to its start
        ];
        for (byte, want) in cases {
            assert_eq!(ix.position(byte), want, "byte offset {byte}");
            // The UTF-16 offset must agree with what JavaScript would count.
            let mut b = byte.min(text.len());
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            assert_eq!(want.offset as usize, text[..b].encode_utf16().count());
        }
    }

    #[test]
    fn positions_of_empty_text() {
        assert_eq!(LineIndex::new("").position(0), pos(1, 1, 0));
        assert_eq!(LineIndex::new("").position(5), pos(1, 1, 0));
    }

    #[test]
    fn error_type_names_match_serde() {
        let all = [
            ErrorType::NotFound,
            ErrorType::Required,
            ErrorType::Duplicate,
            ErrorType::Invalid,
            ErrorType::NotSupported,
            ErrorType::Forbidden,
            ErrorType::TooLong,
            ErrorType::TooMany,
            ErrorType::Internal,
            ErrorType::TypeInvalid,
        ];
        for t in all {
            let serde_name = serde_json::to_value(t).expect("serializes");
            assert_eq!(serde_name, serde_json::json!(error_type_name(t)), "{t:?}");
        }
    }

    #[test]
    fn converts_report_positions_and_items() {
        let text = "# ü\nkind: Service\n";
        let span = |offset, line, column| {
            Some(Span {
                offset,
                line,
                column,
            })
        };
        let err = FieldError::required(&Path::new("spec").child("ports"), "");
        let report = ApplyReport {
            results: vec![CreateResult {
                kind: "Service".into(),
                namespace: "default".into(),
                name: "web".into(),
                created: false,
                code: 422,
                reason: "Service \"web\" is invalid".into(),
                errors: vec![LocatedError {
                    message: err.message(),
                    error: err,
                    span: span(11, 2, 7),
                }],
                warnings: vec![],
                file: INPUT_FILE.into(),
                span: span(5, 2, 1),
            }],
            diagnostics: vec![Diagnostic::warning(INPUT_FILE, span(3, 1, 3), "odd")],
        };
        let service = Service {
            metadata: ObjectMeta {
                name: "web".into(),
                ..ObjectMeta::default()
            },
            ..Service::default()
        };
        let ev = Evaluation::new(text, report, vec![Object::Service(service)]);
        let r = &ev.results[0];
        // "# ü\n" is 5 bytes but 4 UTF-16 units.
        assert_eq!(r.position, Some(pos(2, 1, 4)));
        assert_eq!(r.errors[0].position, Some(pos(2, 7, 10)));
        assert_eq!(r.errors[0].type_, "Required");
        assert_eq!(r.errors[0].message, "spec.ports: Required value");
        assert_eq!(ev.diagnostics[0].severity, "warning");
        assert_eq!(ev.diagnostics[0].position, Some(pos(1, 3, 2)));
        let item = &ev.items[0];
        assert_eq!(
            (
                item.kind.as_str(),
                item.namespace.as_str(),
                item.name.as_str()
            ),
            ("Service", "default", "web")
        );
    }

    #[test]
    fn evaluate_never_panics_on_odd_input() {
        for text in [
            "",
            "\u{feff}",
            ":\n- [",
            "kind: Service\n\0",
            "a: \"\\ud800\"",
        ] {
            let mut cluster = Cluster::new(Options::default());
            let ev = evaluate(&mut cluster, text);
            for d in &ev.diagnostics {
                assert!(d.position.is_none_or(|p| p.line >= 1 && p.column >= 1));
            }
        }
    }
}
