//! The simulated cluster: `apply to cluster (allocate, controllers) → program kube-proxy → route`.
//!
//! Pure and deterministic: randomness comes from [`rng::Rng`] seeded by [`Options::seed`], time
//! from the virtual [`clock::Clock`].

pub mod alloc;
pub mod clock;
pub mod cloud;
pub mod controllers;
pub mod dns;
pub mod proxy;
pub mod registry;
pub mod request;
pub mod rng;
pub mod settings;
pub mod store;

use serde::Serialize;
use svcplay_model::{Diagnostic, Document, FieldError, Span};

pub use settings::Settings;
pub use store::Store;

/// How a cluster is built from input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Seed of every random choice (names, allocation, load balancing).
    pub seed: u64,
    /// The cluster holds nothing but the input: no default nodes, no system objects.
    pub bare: bool,
    /// The input is an existing cluster's stored objects: defaults fill gaps, values are taken as
    /// they are (no validation rejection, no allocation conflict).
    pub observed: bool,
}

/// A field error with the position of the offending field in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatedError {
    /// The upstream error.
    #[serde(flatten)]
    pub error: FieldError,
    /// Upstream's full `field: Type: value: detail` text.
    pub message: String,
    /// Where the field was written (or its nearest written ancestor).
    pub span: Option<Span>,
}

impl LocatedError {
    /// Locates `error` using the document's source map.
    pub fn locate(error: FieldError, doc: Option<&Document>) -> Self {
        let span = doc.map(|d| d.source.lookup(&error.field));
        LocatedError {
            message: error.message(),
            error,
            span,
        }
    }
}

/// The outcome of creating one object, as the API server would answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateResult {
    /// Kind.
    pub kind: String,
    /// Namespace (empty for cluster-scoped kinds).
    pub namespace: String,
    /// Name (after `generateName`).
    pub name: String,
    /// Whether the object was stored.
    pub created: bool,
    /// HTTP status: 201, 400, 404, 409, 422 or 500.
    pub code: u16,
    /// The status message, e.g. `Service "web" is invalid` or `services "web" already exists`.
    pub reason: String,
    /// Field errors (422).
    pub errors: Vec<LocatedError>,
    /// Warnings (unknown fields, `GetWarningsForService`).
    pub warnings: Vec<Diagnostic>,
    /// File the object came from.
    pub file: String,
    /// Start of its document.
    pub span: Option<Span>,
}

/// The outcome of applying input texts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    /// One result per document, in input order.
    pub results: Vec<CreateResult>,
    /// Problems with an input as a whole (YAML syntax, encoding, limits).
    pub diagnostics: Vec<Diagnostic>,
}

impl ApplyReport {
    /// Whether every object was created and no input was unreadable.
    pub fn all_created(&self) -> bool {
        self.results.iter().all(|r| r.created)
            && !self
                .diagnostics
                .iter()
                .any(|d| d.severity == svcplay_model::Severity::Error)
    }
}

/// The simulated cluster.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// How it was built.
    pub options: Options,
    /// Cluster-wide settings.
    pub settings: Settings,
    /// Stored objects.
    pub store: Store,
    /// ClusterIP and NodePort allocators.
    pub alloc: alloc::Allocators,
    /// Seeded randomness.
    pub rng: rng::Rng,
    /// Virtual time.
    pub clock: clock::Clock,
    /// What the EndpointSlice controller remembers between syncs (its trigger-time tracker).
    pub endpoint_triggers: controllers::TriggerTimes,
    /// The Endpoints controller's own trigger-time tracker.
    pub endpoints_triggers: controllers::TriggerTimes,
}

/// Inputs with at least this many documents are freed on another thread while the cluster
/// settles (native builds).
const BACKGROUND_DROP_DOCS: usize = 1024;

impl Cluster {
    /// An empty cluster with default settings.
    pub fn new(options: Options) -> Self {
        let settings = Settings::default();
        Cluster {
            options,
            alloc: alloc::Allocators::new(&settings),
            settings,
            store: Store::default(),
            rng: rng::Rng::new(options.seed),
            clock: clock::Clock::default(),
            endpoint_triggers: controllers::TriggerTimes::default(),
            endpoints_triggers: controllers::TriggerTimes::default(),
        }
    }

    /// Decodes and creates every object of `inputs` (`(file, text)` pairs) in order, as
    /// `kubectl create -f` would, then settles the controllers.
    pub fn apply_texts(&mut self, inputs: &[(&str, &str)]) -> ApplyReport {
        let decoded = inputs
            .iter()
            .map(|(file, text)| svcplay_model::decode(file, text))
            .collect();
        self.apply_decoded(decoded)
    }

    /// Creates every object of already decoded inputs in order, then settles the controllers.
    pub fn apply_decoded(&mut self, inputs: Vec<svcplay_model::DecodeOutput>) -> ApplyReport {
        let mut report = ApplyReport::default();
        let mut docs = Vec::new();
        for out in inputs {
            report.diagnostics.extend(out.diagnostics);
            docs.extend(out.documents);
        }
        report.results = registry::apply_documents(self, &docs);
        // The documents (objects and source maps) are not needed by the controllers: large
        // inputs free them on another thread while the controllers run.
        if cfg!(target_arch = "wasm32") || docs.len() < BACKGROUND_DROP_DOCS {
            drop(docs);
            self.settle();
        } else {
            std::thread::scope(|s| {
                // If no thread can be started, the documents are freed here.
                let _ = std::thread::Builder::new().spawn_scoped(s, move || drop(docs));
                self.settle();
            });
        }
        report
    }

    /// Runs the controllers until nothing changes.
    pub fn settle(&mut self) {
        controllers::settle(self);
    }

    /// What kube-proxy on node `node` sees: the node's addresses, the proxy settings, every
    /// Service and EndpointSlice. `None` if there is no such node.
    pub fn proxy_input(&self, node: &str) -> Option<proxy::ProxyInput<'_>> {
        let n = self.store.nodes.get(node)?;
        Some(proxy::ProxyInput::for_node(
            n,
            &self.settings.proxy,
            self.store.services.values().collect(),
            self.store.endpoint_slices.values().collect(),
        ))
    }

    /// Every stored object.
    pub fn items(&self) -> Vec<svcplay_model::Object> {
        self.store.items()
    }
}
