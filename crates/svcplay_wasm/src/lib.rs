//! The WebAssembly binding: one stateful [`Playground`].
//!
//! This is the only crate that names `wasm-bindgen`. The core crates build and test natively; this
//! crate turns their output into plain data for JavaScript:
//!
//! * every value crosses the boundary as JSON text: `serde_json` writes it and the engine's own
//!   `JSON.parse` turns it into plain objects (arguments go the other way with `JSON.stringify`).
//!   One serde format for everything keeps the wasm small (each `Serialize` impl is instantiated
//!   once); maps become plain objects and `None` becomes `null`, matching the TypeScript types;
//! * positions are converted in Rust into what the editor counts in (UTF-16 code units, see
//!   [`LineIndex`]);
//! * problems with the input are data ([`Evaluation::diagnostics`], [`ObjectResult::errors`]); a
//!   thrown JavaScript `Error` means a fault in svcplay itself.
//!
//! The conversion into [`Evaluation`] is plain Rust ([`evaluate`]) so it is tested natively; the
//! wasm tests in `tests/` check what actually crosses the boundary.

pub mod kubectl;
pub mod view;

use serde::{Deserialize, Serialize};
use svcplay_model::{Diagnostic, ErrorType, Object, Severity, Span};
use svcplay_sim::{
    ApplyReport, Cluster, CreateResult, LocatedError, Options, controllers, dns, request,
};
use wasm_bindgen::prelude::*;

pub use kubectl::{Table, Tables, describe_service};
pub use view::ClusterView;

/// The file name diagnostics carry for the text passed to [`Playground::load`].
pub const INPUT_FILE: &str = "input.yaml";

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

/** A live change, as kubectl would make it (replayed after each load). */
export type Change =
  | { kind: "scale"; namespace: string; name: string; replicas: number }
  | { kind: "deletePod"; namespace: string; name: string }
  | { kind: "setPodReady"; namespace: string; name: string; ready: boolean }
  | { kind: "cordon"; node: string }
  | { kind: "uncordon"; node: string }
  | { kind: "drain"; node: string }
  | { kind: "removeNode"; node: string }
  | { kind: "advance"; seconds: number };

/** Whether a change applied; `message` is kubectl's words (`pods "web-1" not found`). */
export interface ChangeResult {
  ok: boolean;
  message: string;
}

export interface NodeView {
  name: string;
  ip: string;
  ready: boolean;
  unschedulable: boolean;
  controlPlane: boolean;
}

export interface PodView {
  namespace: string;
  name: string;
  node: string | null;
  ip: string;
  phase: string;
  ready: boolean;
  terminating: boolean;
  labels: Record<string, string>;
  /** `ReplicaSet/web-5d8f`. */
  owner: string | null;
  deployment: string | null;
  /** Why the scheduler cannot place it (`PodScheduled=False` message), while it cannot. */
  pendingReason: string | null;
}

/** One Service port: `nodePort → port → targetPort`. */
export interface PortView {
  name: string;
  protocol: string;
  port: number;
  targetPort: string;
  nodePort: number | null;
}

export interface EndpointView {
  pod: string | null;
  ip: string;
  node: string | null;
  ready: boolean;
  terminating: boolean;
}

export interface ServiceView {
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  loadBalancer: string[];
  externalIPs: string[];
  externalName: string;
  externalTrafficPolicy: string;
  selector: Record<string, string> | null;
  ports: PortView[];
  endpoints: EndpointView[];
}

export interface WorkloadView {
  kind: "Deployment" | "ReplicaSet" | "StatefulSet";
  namespace: string;
  name: string;
  replicas: number;
  ready: number;
}

/** What the page draws. */
export interface ClusterView {
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  workloads: WorkloadView[];
}

/** A `kubectl get` table. */
export interface Table {
  headers: string[];
  rows: string[][];
}

export interface Tables {
  services: Table;
  pods: Table;
  endpoints: Table;
  endpointSlices: Table;
  deployments: Table;
  statefulSets: Table;
  daemonSets: Table;
  nodes: Table;
  networkPolicies: Table;
}

export type QType = "A" | "AAAA" | "SRV" | "CNAME" | "PTR" | "TXT";

/** A DNS answer; records are IPs, FQDNs, or `{port, target}` for SRV. */
export interface DnsView {
  rcode: "NOERROR" | "NXDOMAIN";
  answers: (string | { port: number; target: string })[];
  /** Names the pod's resolver tried (search list), when asked from a namespace. */
  tried: string[];
  /** The FQDN whose answer was used. */
  fqdn: string | null;
}

/** Where requests come from. */
export type Source =
  | { kind: "pod"; namespace: string; name: string }
  | { kind: "node"; name: string }
  | { kind: "external"; ip?: string | null };

/** What to simulate. */
export interface RequestSpec {
  from: Source;
  /** `http://web.default.svc:80/`, `web:80`, `10.96.0.12:80`, `192.168.1.2:30008`. */
  to: string;
  /** `TCP` (default), `UDP` or `SCTP`. */
  protocol?: string;
  count?: number;
  seed?: number;
  intervalSeconds?: number;
  /** How many requests to report one by one (default 20). */
  detail?: number;
}

export type HopStep = "client" | "dns" | "loadBalancer" | "node" | "rule" | "network" | "pod";

/** One step of a request's path. */
export interface HopView {
  step: HopStep;
  /** `client`, a node name, `load balancer`, a pod name. */
  at: string;
  /** Plain words, or the rule text for a `rule` step. */
  text: string;
  table?: string;
  chain?: string;
}

/** How one request ended. */
export type Outcome =
  | {
      outcome: "delivered";
      pod: string | null;
      namespace: string | null;
      podIp: string;
      targetPort: number;
      node: string | null;
      sourceIpSeenByPod: string;
      snat: boolean;
    }
  | { outcome: "refused" | "dropped" | "timedOut" | "pending" | "unresolved"; reason: string }
  | { outcome: "leftCluster"; destination: string; reason: string }
  | { outcome: "healthCheck"; node: string; status: number; localEndpoints: number };

export type RequestOutcome = Outcome & {
  index: number;
  atSeconds: number;
  entryNode: string | null;
  sticky: boolean;
  hops: HopView[];
};

export interface PodCount {
  pod: string;
  namespace: string;
  node: string | null;
  podIp: string;
  count: number;
  share: number;
}

export interface Totals {
  delivered: number;
  refused: number;
  dropped: number;
  timedOut: number;
  pending: number;
  unresolved: number;
  leftCluster: number;
  healthCheck: number;
}

/** Everything the request simulator found. */
export interface RequestReport {
  client: { name: string; ip: string; node: string | null };
  target: string;
  protocol: string;
  resolved: { name: string; fqdn: string | null; tried: string[]; ips: string[]; cname: string | null } | null;
  service: string | null;
  /** `ClusterIP`, `NodePort`, `LoadBalancer`, `externalIP`, `headless`, `pod IP`, ... */
  via: string;
  entryNodes: string[];
  requests: RequestOutcome[];
  totals: Totals;
  distribution: PodCount[];
  explanation: string;
  warnings: string[];
  count: number;
  startSeconds: number;
  endSeconds: number;
}

/** A report, or why the request could not be simulated at all (unknown pod, unreadable target). */
export type RequestAnswer = { report: RequestReport; error: null } | { report: null; error: string };

/** What `Playground.load` returns (`load(yaml, observed?)`: `observed` replays a cluster dump). */
export interface Evaluation {
  /** One result per input document, in input order. */
  results: ObjectResult[];
  /** Problems with the input as a whole (YAML syntax, encoding, limits). */
  diagnostics: Diagnostic[];
  /** Every object stored in the cluster after the controllers settled. */
  items: Item[];
}
"#;

/// A live change (TypeScript `Change`), made as `kubectl` would make it. Its `Deserialize`
/// is [`svcplay_model::tagged_enum!`]'s, the derived one's without serde's `Content` buffer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Change {
    /// `kubectl scale deployment NAME --replicas=N`.
    Scale {
        /// Namespace.
        namespace: String,
        /// Deployment (or ReplicaSet) name.
        name: String,
        /// Wanted replicas.
        replicas: i32,
    },
    /// `kubectl delete pod NAME` (graceful).
    DeletePod {
        /// Namespace.
        namespace: String,
        /// Pod name.
        name: String,
    },
    /// A readiness probe starts failing (or passing again).
    SetPodReady {
        /// Namespace.
        namespace: String,
        /// Pod name.
        name: String,
        /// The probe result.
        ready: bool,
    },
    /// `kubectl cordon NODE`.
    Cordon {
        /// Node name.
        node: String,
    },
    /// `kubectl uncordon NODE`.
    Uncordon {
        /// Node name.
        node: String,
    },
    /// `kubectl drain NODE`.
    Drain {
        /// Node name.
        node: String,
    },
    /// `kubectl delete node NODE`.
    RemoveNode {
        /// Node name.
        node: String,
    },
    /// Lets virtual time pass (terminating pods go away after their grace period).
    Advance {
        /// Seconds.
        seconds: u64,
    },
}

svcplay_model::tagged_enum!(Change, "kind" {
    Scale "scale" { namespace: "namespace", name: "name", replicas: "replicas" },
    DeletePod "deletePod" { namespace: "namespace", name: "name" },
    SetPodReady "setPodReady" { namespace: "namespace", name: "name", ready: "ready" },
    Cordon "cordon" { node: "node" },
    Uncordon "uncordon" { node: "node" },
    Drain "drain" { node: "node" },
    RemoveNode "removeNode" { node: "node" },
    Advance "advance" { seconds: "seconds" },
});

/// Whether a [`Change`] applied (TypeScript `ChangeResult`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeResult {
    /// Applied.
    pub ok: bool,
    /// What happened, in kubectl's words.
    pub message: String,
}

/// Applies `change` to `cluster` (the controllers settle afterwards).
pub fn apply_change(cluster: &mut Cluster, change: &Change) -> ChangeResult {
    let done = |r: Result<(), controllers::NotFound>, ok: String| match r {
        Ok(()) => ChangeResult {
            ok: true,
            message: ok,
        },
        Err(e) => ChangeResult {
            ok: false,
            message: e.0,
        },
    };
    match change {
        Change::Scale {
            namespace,
            name,
            replicas,
        } => done(
            controllers::scale(cluster, namespace, name, *replicas),
            format!("deployment.apps/{name} scaled"),
        ),
        Change::DeletePod { namespace, name } => done(
            controllers::delete_pod(cluster, namespace, name),
            format!("pod \"{name}\" deleted"),
        ),
        Change::SetPodReady {
            namespace,
            name,
            ready,
        } => done(
            controllers::set_pod_ready(cluster, namespace, name, *ready),
            format!(
                "pod/{name}: readiness probe {}",
                if *ready { "passes" } else { "fails" }
            ),
        ),
        Change::Cordon { node } => done(
            controllers::cordon(cluster, node),
            format!("node/{node} cordoned"),
        ),
        Change::Uncordon { node } => done(
            controllers::uncordon(cluster, node),
            format!("node/{node} uncordoned"),
        ),
        Change::Drain { node } => done(
            controllers::drain(cluster, node),
            format!("node/{node} drained"),
        ),
        Change::RemoveNode { node } => done(
            controllers::remove_node(cluster, node),
            format!("node \"{node}\" deleted"),
        ),
        Change::Advance { seconds } => {
            controllers::advance(cluster, *seconds);
            ChangeResult {
                ok: true,
                message: format!("{seconds} s passed"),
            }
        }
    }
}

/// A DNS answer (TypeScript `DnsView`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DnsView {
    /// `NOERROR` or `NXDOMAIN`.
    pub rcode: dns::Rcode,
    /// Answer records.
    pub answers: Vec<dns::Record>,
    /// Names tried by a pod's resolver.
    pub tried: Vec<String>,
    /// The FQDN answered.
    pub fqdn: Option<String>,
}

/// Looks `name` up: from a pod in `namespace` (search list, ndots:5) when given, else as a
/// fully qualified query. `None` for an unknown query type.
pub fn lookup(
    cluster: &Cluster,
    name: &str,
    qtype: &str,
    namespace: Option<&str>,
) -> Option<DnsView> {
    let qtype = match qtype.to_ascii_uppercase().as_str() {
        "A" => dns::QType::A,
        "AAAA" => dns::QType::AAAA,
        "SRV" => dns::QType::SRV,
        "CNAME" => dns::QType::CNAME,
        "PTR" => dns::QType::PTR,
        "TXT" => dns::QType::TXT,
        _ => return None,
    };
    Some(match namespace.filter(|n| !n.is_empty()) {
        Some(ns) => {
            let r = dns::resolve_from_pod(cluster, ns, name, qtype);
            DnsView {
                rcode: r.answer.rcode,
                answers: r.answer.answers,
                tried: r.tried,
                fqdn: r.fqdn,
            }
        }
        None => {
            let a = dns::query(cluster, name, qtype);
            DnsView {
                rcode: a.rcode,
                answers: a.answers,
                tried: vec![format!("{}.", name.trim_end_matches('.'))],
                fqdn: None,
            }
        }
    })
}

/// The kube-proxy rules of `node` (`iptables-save` text), `None` if there is no such node.
pub fn node_rules(cluster: &Cluster, node: &str) -> Option<String> {
    cluster
        .proxy_input(node)
        .map(|input| svcplay_sim::proxy::iptables_save(&input))
}

/// `value` as a plain JavaScript value: JSON text from `serde_json`, parsed by `JSON.parse`.
fn to_js<T: Serialize>(value: &T, what: &str) -> Result<JsValue, JsError> {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .ok_or_else(|| JsError::new(&format!("svcplay: cannot return {what}")))
}

/// Reads a JavaScript value as `T` through `JSON.stringify` and `serde_json`.
fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsError> {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new(&format!("svcplay: not a {what}")))?;
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("svcplay: not a {what}: {e}")))
}

/// The simulated cluster, as JavaScript holds it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Playground {
    seed: u64,
    cluster: Cluster,
    requests: request::RequestState,
}

/// A request report or why there is none (TypeScript `RequestAnswer`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestAnswer {
    /// The report.
    pub report: Option<request::RequestReport>,
    /// Why the request could not be simulated.
    pub error: Option<String>,
}

/// Simulates `spec` on `cluster`.
pub fn send(
    cluster: &Cluster,
    state: &mut request::RequestState,
    spec: &request::RequestSpec,
) -> RequestAnswer {
    match request::simulate(cluster, state, spec) {
        Ok(report) => RequestAnswer {
            report: Some(report),
            error: None,
        },
        Err(e) => RequestAnswer {
            report: None,
            error: Some(e.message),
        },
    }
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
            requests: request::RequestState::default(),
        }
    }

    /// Evaluates `yaml` on a fresh cluster (the previous one is dropped) and returns an
    /// `Evaluation`. With `observed` true the input is a real cluster's stored objects (a
    /// `kubectl get -o yaml` dump): values are taken as stored, nothing is re-allocated and pod
    /// status is kept. Throws only if the result cannot be handed to JavaScript.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn load(&mut self, yaml: &str, observed: Option<bool>) -> Result<JsValue, JsError> {
        self.cluster = Cluster::new(options(self.seed, observed.unwrap_or(false)));
        self.requests.clear();
        let evaluation = evaluate(&mut self.cluster, yaml);
        to_js(&evaluation, "the evaluation")
    }

    /// Simulates requests (a `RequestSpec`). A request that cannot be simulated is a
    /// `RequestAnswer` with an `error`; a value that is not a `RequestSpec` throws.
    #[wasm_bindgen(unchecked_return_type = "RequestAnswer")]
    pub fn request(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RequestSpec")] spec: JsValue,
    ) -> Result<JsValue, JsError> {
        let spec: request::RequestSpec = from_js(&spec, "RequestSpec")?;
        to_js(
            &send(&self.cluster, &mut self.requests, &spec),
            "the request report",
        )
    }

    /// Makes a live change (a `Change`) on the current cluster. A change that does not apply
    /// (unknown pod or node) is a `ChangeResult` with `ok: false`; a value that is not a
    /// `Change` at all throws.
    #[wasm_bindgen(unchecked_return_type = "ChangeResult")]
    pub fn change(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Change")] change: JsValue,
    ) -> Result<JsValue, JsError> {
        let change: Change = from_js(&change, "Change")?;
        to_js(
            &apply_change(&mut self.cluster, &change),
            "the change result",
        )
    }

    /// The picture of the cluster the page draws.
    #[wasm_bindgen(unchecked_return_type = "ClusterView")]
    pub fn view(&self) -> Result<JsValue, JsError> {
        to_js(&ClusterView::new(&self.cluster), "the cluster view")
    }

    /// Every stored object.
    #[wasm_bindgen(unchecked_return_type = "Item[]")]
    pub fn items(&self) -> Result<JsValue, JsError> {
        let items: Vec<Item> = self.cluster.items().into_iter().map(Item::new).collect();
        to_js(&items, "the items")
    }

    /// `kubectl get` tables of services, pods (wide), endpointslices, deployments, statefulsets,
    /// daemonsets and nodes.
    #[wasm_bindgen(unchecked_return_type = "Tables")]
    pub fn tables(&self) -> Result<JsValue, JsError> {
        to_js(&Tables::new(&self.cluster), "the tables")
    }

    /// `kubectl describe service`; `null` if there is no such Service.
    #[wasm_bindgen(js_name = describeService)]
    pub fn describe_service(&self, namespace: &str, name: &str) -> Option<String> {
        describe_service(&self.cluster, namespace, name)
    }

    /// The kube-proxy rules (`iptables-save`) of `node`; `null` if there is no such node.
    pub fn rules(&self, node: &str) -> Option<String> {
        node_rules(&self.cluster, node)
    }

    /// A DNS lookup of `name` (`qtype` A, AAAA, SRV, CNAME or PTR), from a pod in `namespace`
    /// when it is not empty. Throws for an unknown query type.
    #[wasm_bindgen(unchecked_return_type = "DnsView")]
    pub fn dns(&self, name: &str, qtype: &str, namespace: &str) -> Result<JsValue, JsError> {
        let view = lookup(&self.cluster, name, qtype, Some(namespace))
            .ok_or_else(|| JsError::new(&format!("svcplay: unknown DNS query type {qtype}")))?;
        to_js(&view, "the DNS answer")
    }
}

/// The cluster options of a [`Playground`] load: `observed` replays a cluster dump.
pub fn options(seed: u64, observed: bool) -> Options {
    Options {
        seed,
        observed,
        ..Options::default()
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

    const NODEPORT: &str = include_str!("../../../www/src/scenarios/multi-node-nodeport.yaml");

    fn nodeport_cluster() -> Cluster {
        let mut c = Cluster::new(Options {
            seed: 1,
            ..Options::default()
        });
        evaluate(&mut c, NODEPORT);
        c
    }

    #[test]
    fn view_of_the_default_scenario() {
        let v = ClusterView::new(&nodeport_cluster());
        let names: Vec<&str> = v.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["controlplane", "node01", "node02", "node03"]);
        assert!(v.nodes[0].control_plane && !v.nodes[1].control_plane);
        assert_eq!(v.nodes[1].ip, "192.168.1.2");
        let pods: Vec<_> = v.pods.iter().filter(|p| p.namespace == "default").collect();
        assert_eq!(pods.len(), 6);
        assert!(
            pods.iter()
                .all(|p| p.ready && p.deployment.as_deref() == Some("myapp"))
        );
        let svc = v
            .services
            .iter()
            .find(|s| s.name == "myapp")
            .expect("myapp");
        assert_eq!(svc.type_, "NodePort");
        assert_eq!(svc.ports[0].node_port, Some(30008));
        assert_eq!(svc.ports[0].target_port, "80");
        assert_eq!(svc.endpoints.len(), 6);
        let mut nodes: Vec<_> = svc
            .endpoints
            .iter()
            .filter_map(|e| e.node.clone())
            .collect();
        nodes.dedup();
        svcplay_model::slice::sort(&mut nodes);
        nodes.dedup();
        assert_eq!(nodes, ["node01", "node02", "node03"]);
        assert!(
            v.workloads
                .iter()
                .any(|w| w.name == "myapp" && w.replicas == 6)
        );
        // The JSON names match the TypeScript types.
        let json = serde_json::to_value(svc).expect("json");
        assert!(json.get("clusterIP").is_some() && json.get("externalIPs").is_some());
    }

    #[test]
    fn changes_apply_or_say_why_not() {
        let mut c = nodeport_cluster();
        let pod = ClusterView::new(&c)
            .pods
            .into_iter()
            .find(|p| p.namespace == "default")
            .expect("a pod")
            .name;
        let cases = [
            (
                Change::SetPodReady {
                    namespace: "default".into(),
                    name: pod.clone(),
                    ready: false,
                },
                true,
            ),
            (
                Change::Scale {
                    namespace: "default".into(),
                    name: "nope".into(),
                    replicas: 1,
                },
                false,
            ),
            (
                Change::DeletePod {
                    namespace: "default".into(),
                    name: "nope".into(),
                },
                false,
            ),
            (
                Change::Drain {
                    node: "node09".into(),
                },
                false,
            ),
        ];
        for (change, ok) in cases {
            let r = apply_change(&mut c, &change);
            assert_eq!(r.ok, ok, "{change:?}: {}", r.message);
        }
        let svc = ClusterView::new(&c)
            .services
            .into_iter()
            .find(|s| s.name == "myapp")
            .expect("myapp");
        let e = svc
            .endpoints
            .iter()
            .find(|e| e.pod.as_deref() == Some(&pod))
            .expect("listed");
        assert!(!e.ready, "an unready pod stays listed, not ready");

        let r = apply_change(
            &mut c,
            &Change::Scale {
                namespace: "default".into(),
                name: "myapp".into(),
                replicas: 2,
            },
        );
        assert!(r.ok);
        apply_change(&mut c, &Change::Advance { seconds: 60 });
        let v = ClusterView::new(&c);
        assert_eq!(
            v.pods.iter().filter(|p| p.namespace == "default").count(),
            2
        );
        assert_eq!(
            r#"{"kind":"setPodReady","namespace":"a","name":"b","ready":true}"#,
            serde_json::to_string(&Change::SetPodReady {
                namespace: "a".into(),
                name: "b".into(),
                ready: true
            })
            .expect("json")
        );
    }

    /// A `kubectl get -A -o yaml` dump with stored values (uid, pod status, a clusterIP).
    const DUMP: &str = "apiVersion: v1
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: worker-00
    resourceVersion: \"100\"
    uid: 0b1c3a9e-0000-4000-8000-000000000001
  spec:
    podCIDR: 10.244.7.0/24
  status:
    addresses:
    - address: 10.0.0.10
      type: InternalIP
    conditions:
    - status: \"True\"
      type: Ready
- apiVersion: v1
  kind: Pod
  metadata:
    labels:
      app: web
    name: web-0
    namespace: shop
    uid: 0b1c3a9e-0000-4000-8000-000000000002
  spec:
    containers:
    - name: web
      image: web
      ports:
      - containerPort: 8080
    nodeName: worker-00
  status:
    conditions:
    - status: \"True\"
      type: Ready
    phase: Running
    podIP: 10.244.7.42
    podIPs:
    - ip: 10.244.7.42
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
    uid: 0b1c3a9e-0000-4000-8000-000000000003
  spec:
    clusterIP: 10.96.200.7
    clusterIPs:
    - 10.96.200.7
    ports:
    - port: 80
      targetPort: 8080
      protocol: TCP
    selector:
      app: web
    type: ClusterIP
kind: List
metadata:
  resourceVersion: \"\"
";

    #[test]
    fn observed_load_keeps_stored_values() {
        let mut c = Cluster::new(options(1, true));
        let ev = evaluate(&mut c, DUMP);
        assert!(
            ev.diagnostics.iter().all(|d| d.severity != "error"),
            "{:?}",
            ev.diagnostics
        );
        let v = ClusterView::new(&c);
        let svc = v.services.iter().find(|s| s.name == "web").expect("web");
        assert_eq!(svc.cluster_ip, "10.96.200.7");
        let pod = v.pods.iter().find(|p| p.name == "web-0").expect("web-0");
        assert_eq!(
            (pod.ip.as_str(), pod.node.as_deref()),
            ("10.244.7.42", Some("worker-00"))
        );
        assert!(pod.ready);
        assert_eq!(svc.endpoints.len(), 1);
        assert_eq!(svc.endpoints[0].ip, "10.244.7.42");
        let rules = node_rules(&c, "worker-00").expect("rules");
        assert!(rules.contains("-d 10.96.200.7 --dport 80"), "{rules}");
    }

    #[test]
    fn rules_and_dns() {
        let c = nodeport_cluster();
        let rules = node_rules(&c, "node01").expect("rules");
        assert!(rules.contains("KUBE-NODEPORTS") && rules.contains("--dport 30008"));
        assert!(node_rules(&c, "nope").is_none());
        let a = lookup(&c, "myapp", "A", Some("default")).expect("known type");
        assert_eq!(a.fqdn.as_deref(), Some("myapp.default.svc.cluster.local."));
        assert_eq!(a.answers.len(), 1);
        let nx = lookup(&c, "nope.default.svc.cluster.local", "A", None).expect("known type");
        assert_eq!(nx.rcode, dns::Rcode::NxDomain);
        assert!(lookup(&c, "myapp", "MX", None).is_none());
    }

    /// `Change` as `#[derive(Deserialize)]` decoded it before its hand-written impl.
    mod derived {
        use serde::{Deserialize, Serialize};

        #[derive(Serialize, Deserialize)]
        #[serde(
            tag = "kind",
            rename_all = "camelCase",
            rename_all_fields = "camelCase"
        )]
        pub enum Change {
            Scale {
                namespace: String,
                name: String,
                replicas: i32,
            },
            DeletePod {
                namespace: String,
                name: String,
            },
            SetPodReady {
                namespace: String,
                name: String,
                ready: bool,
            },
            Cordon {
                node: String,
            },
            Uncordon {
                node: String,
            },
            Drain {
                node: String,
            },
            RemoveNode {
                node: String,
            },
            Advance {
                seconds: u64,
            },
        }
    }

    #[test]
    fn change_decodes_as_the_derived_impl_did() {
        fn show<T: for<'de> Deserialize<'de> + Serialize>(json: &str) -> Result<String, String> {
            serde_json::from_str::<T>(json)
                .map(|v| serde_json::to_string(&v).expect("serializes"))
                .map_err(|e| e.to_string())
        }
        let corpus = svcplay_model::tagged::corpus(
            "kind",
            &[
                "scale",
                "deletePod",
                "setPodReady",
                "cordon",
                "uncordon",
                "drain",
                "removeNode",
                "advance",
            ],
            &["namespace", "name", "replicas", "ready", "node", "seconds"],
            10_000,
        );
        let mut ok = 0;
        for json in &corpus {
            let new = show::<Change>(json);
            assert_eq!(show::<derived::Change>(json), new, "{json}");
            ok += usize::from(new.is_ok());
        }
        assert!(ok > 50, "{ok}");
        let change = |j: &str| serde_json::from_str::<Change>(j).map_err(|e| e.to_string());
        assert_eq!(
            change(r#"{"kind":"scale","namespace":"default","name":"web","replicas":3}"#),
            Ok(Change::Scale {
                namespace: "default".into(),
                name: "web".into(),
                replicas: 3
            })
        );
        assert_eq!(
            change(r#"{"kind":"drain"}"#),
            Err("missing field `node`".into())
        );
        assert_eq!(
            change(r#"{"node":"n"}"#),
            Err("missing field `kind` at line 1 column 12".into())
        );
    }
}
