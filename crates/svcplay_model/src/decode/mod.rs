//! Decoding: multi-document Kubernetes YAML (or a `kind: List`) into typed objects, each with a
//! [`SourceMap`] of where its fields were written. Bad input becomes diagnostics, never a panic.
//!
//! This follows what `kubectl apply -f` and kube-apiserver do with a file:
//! 1. split the stream into documents and convert each to JSON with `sigs.k8s.io/yaml` (go-yaml v2
//!    resolution: `on`/`yes`/`y` are booleans, `0x1F` is an integer, duplicate keys fail) — see
//!    [`yaml`];
//! 2. read `apiVersion`/`kind` and find the type (`no matches for kind ...` when unknown);
//! 3. decode the JSON into the Go type with `encoding/json` (`json: cannot unmarshal ...`),
//!    reporting unknown fields as `fieldValidation=Warn` does — see `de`.
//!
//! Limits for hostile input: nesting depth ([`yaml::MAX_DEPTH`]), alias expansion
//! ([`yaml::MAX_ALIAS_EXPANSION`]); both stop decoding of the rest of the text, like a syntax
//! error does.

mod de;
mod schema;
pub mod yaml;

use serde::Deserialize;

use crate::source::{Diagnostic, SourceMap, Span};
use crate::types::{
    ClusterConfiguration, DaemonSet, Deployment, EndpointSlice, Endpoints, KubeProxyConfiguration,
    Namespace, Node, Object, Pod, ReplicaSet, Service, StatefulSet, Unsimulated,
};
use de::{Ctx, De, DeError};
use yaml::{DocTree, Node as YNode, Value};

pub use de::closest_field;

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

impl DecodeOutput {
    /// Every diagnostic: the text's own, then each document's, in order.
    pub fn all_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .chain(self.documents.iter().flat_map(|d| d.diagnostics.iter()))
    }
}

/// Texts at least this long are parsed and decoded on two threads (native builds).
const PIPELINE_MIN_BYTES: usize = 256 << 10;

/// Documents handed from the parser to the decoder at a time.
const PIPELINE_BATCH: usize = 64;

/// Decodes `text` (named `file` in diagnostics).
///
/// Documents before a YAML syntax error (or a limit) are kept; decoding stops there, and the
/// error is in [`DecodeOutput::diagnostics`].
pub fn decode(file: &str, text: &str) -> DecodeOutput {
    let mut out = DecodeOutput::default();
    let error = if !cfg!(target_arch = "wasm32") && text.len() >= PIPELINE_MIN_BYTES {
        decode_pipelined(file, text, &mut out.documents)
    } else {
        decode_sequential(file, text, &mut out.documents)
    };
    if let Some((span, msg)) = error {
        out.diagnostics
            .push(Diagnostic::error(file, Some(span), msg));
    }
    out
}

/// Parses the whole text, then decodes its documents; returns the stream's error.
fn decode_sequential(file: &str, text: &str, out: &mut Vec<Document>) -> Option<(Span, String)> {
    let stream = yaml::parse_stream(text);
    for doc in &stream.docs {
        decode_doc(file, doc, out);
    }
    stream.error
}

/// [`decode_sequential`] with the parser and the decoder on two threads: documents are decoded
/// (in order) while later ones are still being parsed. Falls back to one thread if a second
/// cannot be started.
fn decode_pipelined(file: &str, text: &str, out: &mut Vec<Document>) -> Option<(Span, String)> {
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<DocTree>>(16);
        let decoder = std::thread::Builder::new().spawn_scoped(s, move || {
            let mut docs = Vec::new();
            for batch in rx {
                for doc in &batch {
                    decode_doc(file, doc, &mut docs);
                }
            }
            docs
        });
        let Ok(decoder) = decoder else {
            return decode_sequential(file, text, out);
        };
        let mut batch = Vec::with_capacity(PIPELINE_BATCH);
        let error = yaml::parse_stream_each(text, |doc| {
            batch.push(doc);
            if batch.len() == PIPELINE_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(PIPELINE_BATCH));
                // The decoder only stops early by panicking, which `join` reports below.
                let _ = tx.send(full);
            }
        });
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
        drop(tx);
        *out = decoder
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        error
    })
}

/// Decodes raw bytes: invalid UTF-8 is a diagnostic at the first bad byte (and nothing is
/// decoded, as kubectl rejects the whole stream).
pub fn decode_bytes(file: &str, bytes: &[u8]) -> DecodeOutput {
    match std::str::from_utf8(bytes) {
        Ok(text) => decode(file, text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let span = Span {
                offset: e.valid_up_to(),
                line: u32::try_from(prefix.matches('\n').count() + 1).unwrap_or(u32::MAX),
                column: u32::try_from(prefix[line_start..].chars().count() + 1).unwrap_or(u32::MAX),
            };
            let bad = bytes[e.valid_up_to()];
            let what = match e.error_len() {
                None => "incomplete UTF-8 octet sequence",
                Some(_) if (0xC2..=0xF4).contains(&bad) => "invalid trailing UTF-8 octet",
                Some(_) => "invalid leading UTF-8 octet",
            };
            DecodeOutput {
                documents: Vec::new(),
                diagnostics: vec![Diagnostic::error(file, Some(span), format!("yaml: {what}"))],
            }
        }
    }
}

fn str_field<'a>(node: &'a YNode, key: &str) -> Option<&'a str> {
    node.get(key).and_then(YNode::as_str)
}

/// A document's JSON, shortened, for `Object 'Kind' is missing in '...'`.
fn short_json(node: &YNode) -> String {
    let null = YNode::null(node.span);
    let mut ctx = Ctx::new("", "", "v1", node.span);
    let json = serde_json::Value::deserialize(De::new(node, &null, &mut ctx))
        .map(|v| v.to_string())
        .unwrap_or_default();
    const MAX: usize = 120;
    if json.chars().count() > MAX {
        let cut: String = json.chars().take(MAX).collect();
        format!("{cut}...")
    } else {
        json
    }
}

fn decode_doc(file: &str, doc: &DocTree, out: &mut Vec<Document>) {
    let root = &doc.root;
    let kind = str_field(root, "kind").unwrap_or_default();
    let metadata = root.get("metadata");
    let mut d = Document {
        file: file.to_string(),
        kind: kind.to_string(),
        name: metadata
            .and_then(|m| str_field(m, "name"))
            .unwrap_or_default()
            .to_string(),
        namespace: metadata
            .and_then(|m| str_field(m, "namespace"))
            .unwrap_or_default()
            .to_string(),
        object: None,
        source: {
            let mut s = SourceMap::default();
            s.document = root.span;
            s
        },
        span: root.span,
        diagnostics: Vec::new(),
    };
    if let Some((span, msg)) = &doc.error {
        d.diagnostics
            .push(Diagnostic::error(file, Some(*span), msg.clone()));
        out.push(d);
        return;
    }
    if !matches!(root.value, Value::Map(_)) {
        let what = match &root.value {
            Value::Seq(_) => "array",
            _ => match root.scalar().map(yaml::resolve) {
                Some(Ok(yaml::Resolved::Bool(_))) => "bool",
                Some(Ok(
                    yaml::Resolved::Int(_) | yaml::Resolved::Uint(_) | yaml::Resolved::Float(_),
                )) => "number",
                _ => "string",
            },
        };
        d.diagnostics.push(Diagnostic::error(
            file,
            Some(root.span),
            format!(
                "couldn't get version/kind; json parse error: json: cannot unmarshal {what} into \
                 Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; \
                 Kind string \"json:\\\"kind,omitempty\\\"\" }}"
            ),
        ));
        out.push(d);
        return;
    }
    let api_version = str_field(root, "apiVersion").unwrap_or_default();
    if kind.is_empty() {
        d.diagnostics.push(Diagnostic::error(
            file,
            Some(root.span),
            format!("Object 'Kind' is missing in '{}'", short_json(root)),
        ));
        out.push(d);
        return;
    }
    if api_version.is_empty() {
        d.diagnostics.push(Diagnostic::error(
            file,
            Some(root.span),
            format!("Object 'apiVersion' is missing in '{}'", short_json(root)),
        ));
        out.push(d);
        return;
    }
    // kubectl flattens lists (`kind: List` as `kubectl get -o yaml` prints, or `ServiceList`).
    if kind.ends_with("List")
        && let Some(items) = root.get("items")
        && (matches!(items.value, Value::Seq(_)) || items.is_null())
    {
        if let Value::Seq(items) = &items.value {
            for item in items.iter() {
                decode_doc(
                    file,
                    &DocTree {
                        root: item.clone(),
                        error: None,
                    },
                    out,
                );
            }
        }
        return;
    }

    let version = api_version.rsplit('/').next().unwrap_or(api_version);
    let null = YNode::null(root.span);
    let mut ctx = Ctx::new(file, kind, version, root.span);
    let mut result = decode_typed(api_version, kind, De::new(root, &null, &mut ctx));
    d.source = std::mem::take(&mut ctx.source);
    // Quantities are read (and rewritten canonically) as part of the JSON decoding.
    if let Some(Ok(obj)) = &mut result
        && let Err((span, msg)) = crate::quantity::canonicalize(obj, &d.source)
    {
        result = Some(Err(DeError::with_span(msg.to_string(), span)));
    }
    d.diagnostics.append(&mut ctx.warnings);
    match result {
        Some(Ok(obj)) => {
            if let Object::Unsimulated(_) = obj {
                d.diagnostics.push(Diagnostic::warning(
                    file,
                    Some(root.get("kind").map_or(root.span, |k| k.span)),
                    format!(
                        "svcplay does not simulate {kind} objects: it is created as a cluster \
                         would create it, but no controller, DNS record or kube-proxy rule uses it"
                    ),
                ));
            }
            d.object = Some(obj);
        }
        Some(Err(e)) => d.diagnostics.push(Diagnostic::error(
            file,
            e.span.or(Some(root.span)),
            format!(
                "{kind} in version {version:?} cannot be handled as a {kind}: {}",
                e.message
            ),
        )),
        None => {
            let mut e = Diagnostic::error(
                file,
                Some(root.get("kind").map_or(root.span, |k| k.span)),
                format!(
                    "resource mapping not found for name: {:?} namespace: {:?} from {:?}: \
                     no matches for kind {kind:?} in version {api_version:?}",
                    d.name, d.namespace, file
                ),
            );
            e.hint = Some("ensure CRDs are installed first".to_string());
            d.diagnostics.push(e);
        }
    }
    out.push(d);
}

/// Decodes the root as the type registered for `apiVersion`/`kind`; `None` when none is.
fn decode_typed(
    api_version: &str,
    kind: &str,
    de: De<'_, '_, '_>,
) -> Option<Result<Object, DeError>> {
    Some(match (api_version, kind) {
        ("v1", "Namespace") => Namespace::deserialize(de).map(Object::Namespace),
        ("v1", "Node") => Node::deserialize(de).map(Object::Node),
        ("v1", "Pod") => Pod::deserialize(de).map(Object::Pod),
        ("v1", "Service") => Service::deserialize(de).map(Object::Service),
        ("v1", "Endpoints") => Endpoints::deserialize(de).map(Object::Endpoints),
        ("apps/v1", "Deployment") => Deployment::deserialize(de).map(Object::Deployment),
        ("apps/v1", "ReplicaSet") => ReplicaSet::deserialize(de).map(Object::ReplicaSet),
        ("apps/v1", "StatefulSet") => StatefulSet::deserialize(de).map(Object::StatefulSet),
        ("apps/v1", "DaemonSet") => DaemonSet::deserialize(de).map(Object::DaemonSet),
        ("networking.k8s.io/v1", "NetworkPolicy") => {
            crate::types::NetworkPolicy::deserialize(de).map(Object::NetworkPolicy)
        }
        ("discovery.k8s.io/v1", "EndpointSlice") => {
            EndpointSlice::deserialize(de).map(Object::EndpointSlice)
        }
        ("kubeadm.k8s.io/v1beta3" | "kubeadm.k8s.io/v1beta4", "ClusterConfiguration") => {
            ClusterConfiguration::deserialize(de).map(Object::ClusterConfiguration)
        }
        ("kubeproxy.config.k8s.io/v1alpha1", "KubeProxyConfiguration") => {
            KubeProxyConfiguration::deserialize(de).map(Object::KubeProxyConfiguration)
        }
        _ if crate::builtin::lookup(api_version, kind).is_some() => {
            Unsimulated::deserialize(de).map(Object::Unsimulated)
        }
        _ => return None,
    })
}
