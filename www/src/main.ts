// The playground page. The engine runs in a worker; every value from it reaches the DOM through
// textContent or attributes, never as HTML.
import type {
  Change,
  ClusterView,
  RequestAnswer,
  RequestReport,
  ServiceView,
  Source,
  Table,
} from "../pkg/svcplay_wasm.js";
import { drawCluster, drawRequestPath, evaluationSummary, isSystem, portChain, type Drawing, type Selection } from "./diagram";
import { createEditor, type Editor } from "./editor";
import { Engine, EngineFault } from "./engine";
import { exportAs, type ExportKind } from "./export";
import { DEFAULT_PRESET, PRESETS, defaultShared } from "./presets";
import { countPods, isBig, looksLikeDump } from "./dump";
import { decodeLink, linkFailure, linkRefusal, offerLink, shareUrl } from "./share";
import type { Snapshot } from "./protocol";
import { addNode, setReplicas, setServiceType } from "./yamlEdit";
import "./style.css";

performance.mark("svcplay:start");

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`svcplay: the page has no #${id}`);
  return node as T;
}

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { text?: string; cls?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.cls) node.className = props.cls;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function button(label: string, onClick: () => void, cls?: string): HTMLButtonElement {
  const b = h("button", { text: label, cls, attrs: { type: "button" } });
  b.addEventListener("click", onClick);
  return b;
}

const app = byId<HTMLElement>("app");
const status = byId<HTMLParagraphElement>("status");
const presetSelect = byId<HTMLSelectElement>("preset");
const seedInput = byId<HTMLInputElement>("seed");
const showSystem = byId<HTMLInputElement>("show-system");
const problems = byId<HTMLUListElement>("problems");
const changesList = byId<HTMLUListElement>("changes");
const workloads = byId<HTMLDivElement>("workloads");
const diagramWrap = byId<HTMLDivElement>("diagram");
const selectionPanel = byId<HTMLDivElement>("selection");
const requestForm = byId<HTMLFormElement>("request-form");
const requestFrom = byId<HTMLSelectElement>("request-from");
const requestTo = byId<HTMLInputElement>("request-to");
const requestCount = byId<HTMLInputElement>("request-count");
const requestTargets = byId<HTMLDataListElement>("request-targets");
const requestResult = byId<HTMLDivElement>("request-result");
const tabs = byId<HTMLDivElement>("tabs");
const panels = byId<HTMLDivElement>("panels");

// ---------------------------------------------------------------------------------------------
// State, saved in localStorage so a reload never loses work.
// ---------------------------------------------------------------------------------------------

interface Saved {
  yaml: string;
  seed: number;
  changes: Change[];
  preset: string;
  showSystem: boolean;
  /** Replay as observed state: `null` decides from the text (a cluster dump is replayed). */
  observed: boolean | null;
}

const STORAGE_KEY = "svcplay.page.v1";
const defaultPreset = PRESETS.find((p) => p.id === DEFAULT_PRESET)!;

function loadSaved(): Saved {
  const fallback: Saved = { yaml: defaultPreset.yaml, seed: 1, changes: [], preset: DEFAULT_PRESET, showSystem: false, observed: null };
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return fallback;
    const s = JSON.parse(raw) as Partial<Saved>;
    return {
      yaml: typeof s.yaml === "string" ? s.yaml : fallback.yaml,
      seed: Number.isInteger(s.seed) ? s.seed! : 1,
      changes: Array.isArray(s.changes) ? s.changes : [],
      preset: typeof s.preset === "string" ? s.preset : DEFAULT_PRESET,
      showSystem: s.showSystem === true,
      observed: typeof s.observed === "boolean" ? s.observed : null,
    };
  } catch {
    return fallback;
  }
}

const defaults = defaultShared;

/** A share link in the fragment wins over the saved work; a bad one opens the default scenario. */
async function initialState(): Promise<Saved> {
  const linked = await decodeLink(location.hash, defaults(), PRESETS);
  if (linked === null) return loadSaved();
  history.replaceState(null, "", location.pathname + location.search);
  if (linked instanceof Error) {
    byId("link-message").textContent = linkFailure(linked);
    return defaults();
  }
  byId("link-message").textContent = "";
  return linked;
}

const state = await initialState();
let snapshot: Snapshot | undefined;
let selected: Selection | null = null;
let drawing: Drawing | undefined;
let lastReport: RequestReport | undefined;
/** Where the last request was sent from (its path is drawn from there). */
let lastFrom: Source = { kind: "external" };
let pendingAfter: ((view: ClusterView) => Change[]) | undefined;

function save(): void {
  try {
    // A big dump is not kept (storage is small, and a dump may hold private data): the editor's
    // text is.
    const kept = isBig(state.yaml) ? { ...state, yaml: editor.text() } : state;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
  } catch {
    // Storage full or disabled: the page still works, it just will not remember.
  }
}

// ---------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------

const engine = new Engine();
engine.onRestart = (message) => {
  status.textContent = `The simulator failed (${message}) and was restarted.`;
  app.dataset.status = "recovered";
  schedule(0);
};

let generation = 0;
async function evaluate(): Promise<void> {
  const mine = ++generation;
  const observed = isObserved();
  renderReplay(observed);
  const big = isBig(state.yaml);
  if (big) {
    const pods = countPods(state.yaml);
    status.textContent = `Evaluating ${pods.toLocaleString("en-US")} pods…`;
    progress.hidden = false;
    app.setAttribute("aria-busy", "true");
  }
  try {
    const snap = await engine.call({ method: "evaluate", yaml: state.yaml, seed: state.seed, changes: state.changes, observed });
    if (mine !== generation) return;
    progress.hidden = true;
    app.removeAttribute("aria-busy");
    if (pendingAfter) {
      const after = pendingAfter;
      pendingAfter = undefined;
      const extra = after(snap.view);
      if (extra.length > 0) {
        state.changes.push(...extra);
        save();
        return evaluate();
      }
    }
    snapshot = snap;
    render(snap);
    if (app.dataset.status !== "recovered") app.dataset.status = "ready";
  } catch (error) {
    if (!(error instanceof EngineFault)) throw error;
    // The engine restarts itself and re-evaluates (onRestart).
  }
}

let timer: number | undefined;
function schedule(delay = 250): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void evaluate(), delay);
}

// ---------------------------------------------------------------------------------------------
// Editor
// ---------------------------------------------------------------------------------------------

const editor: Editor = createEditor(byId("editor"), state.yaml, (text) => {
  state.yaml = text;
  save();
  schedule();
});

// ---------------------------------------------------------------------------------------------
// Replaying a cluster dump (`kubectl get ... -A -o yaml`): observed state
// ---------------------------------------------------------------------------------------------

function isObserved(): boolean {
  return state.observed ?? looksLikeDump(state.yaml);
}

const editorHost = byId<HTMLDivElement>("editor");
const replayBanner = h("div", { cls: "replay", attrs: { id: "replay-banner", role: "region", "aria-label": "Replay" } });
const replayText = h("p", { attrs: { id: "replay-text" } });
const replayToggle = h("input", { attrs: { type: "checkbox", id: "replay-toggle" } });
replayBanner.append(replayText, h("label", { cls: "check" }, replayToggle, " Replay as observed state (values as stored, no re-allocation)"));
replayToggle.addEventListener("change", () => {
  state.observed = replayToggle.checked;
  save();
  schedule(0);
});
const dumpInput = h("input", { attrs: { type: "file", id: "dump-file", accept: ".yaml,.yml,.json,.txt,application/yaml,text/yaml,text/plain" } });
const dumpLabel = h("label", { text: "Load a cluster dump…", attrs: { for: "dump-file" } });
const dumpHint = h("p", {
  cls: "hint",
  text: "The output of kubectl get nodes,pods,services,endpoints,endpointslices,deployments,statefulsets,daemonsets -A -o yaml (or drop the file on the editor). It is read here and never sent anywhere.",
});
const bigPanel = h("div", { cls: "big-input", attrs: { id: "big-input", hidden: "" } });
const progress = h("progress", { attrs: { "aria-label": "Evaluating the cluster" } });
progress.hidden = true;
status.after(progress);
editorHost.before(h("div", { cls: "dump-load" }, dumpLabel, " ", dumpInput, dumpHint), replayBanner);
editorHost.after(bigPanel);

function renderReplay(observed: boolean): void {
  const dump = looksLikeDump(state.yaml);
  replayBanner.hidden = !dump && state.observed !== true;
  replayToggle.checked = observed;
  replayText.textContent = observed
    ? "Replaying a cluster dump (observed state): values are taken as stored, nothing is validated or re-allocated, pod status is kept."
    : "This looks like a cluster dump, but it is evaluated as new manifests (validated and allocated afresh).";
  const big = isBig(state.yaml);
  editorHost.hidden = big;
  bigPanel.hidden = !big;
}

function showBig(name: string): void {
  const mb = (state.yaml.length / 1_000_000).toFixed(1);
  bigPanel.replaceChildren(
    h("p", { text: `${name}: ${mb} MB, ${countPods(state.yaml).toLocaleString("en-US")} pods. Too big to edit here, so it is not shown in the editor.` }),
    button("Back to the editor", () => {
      state.yaml = editor.text();
      state.observed = null;
      save();
      schedule(0);
    }),
  );
}

function loadDump(text: string, name: string): void {
  state.observed = null;
  state.changes = [];
  if (isBig(text)) {
    state.yaml = text;
    showBig(name);
    save();
    schedule(0);
  } else {
    setYaml(text);
    schedule(0);
  }
}

async function loadDumpFile(file: File): Promise<void> {
  status.textContent = `Reading ${file.name}…`;
  loadDump(await file.text(), file.name);
}

dumpInput.addEventListener("change", () => {
  const file = dumpInput.files?.[0];
  if (file) void loadDumpFile(file);
  dumpInput.value = "";
});
// Capture phase: the file is loaded here instead of CodeMirror inserting its text.
editorHost.addEventListener(
  "dragover",
  (e) => {
    if (e.dataTransfer?.types.includes("Files")) e.preventDefault();
  },
  true,
);
editorHost.addEventListener(
  "drop",
  (e) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    e.stopPropagation();
    void loadDumpFile(file);
  },
  true,
);

function setYaml(text: string): void {
  state.yaml = text;
  editor.setText(text); // triggers save + schedule through the listener
}

function goTo(offset: number): void {
  editor.view.dispatch({ selection: { anchor: Math.min(offset, editor.view.state.doc.length) }, scrollIntoView: true });
  editor.view.focus();
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

function render(snap: Snapshot): void {
  const ev = snap.evaluation;
  editor.showDiagnostics(ev);
  status.textContent = evaluationSummary(snap, isObserved());

  renderProblems(snap);
  renderChanges(snap);
  renderWorkloads(snap.view);
  renderDiagram();
  renderSelection();
  renderRequestChoices(snap.view);
  renderTables(snap);
  if (!performance.getEntriesByName("svcplay:diagram").length) {
    performance.mark("svcplay:diagram");
    performance.measure("svcplay:first-diagram", "svcplay:start", "svcplay:diagram");
  }
}

function renderProblems(snap: Snapshot): void {
  const items: HTMLLIElement[] = [];
  const add = (severity: string, pos: { line: number; offset: number } | null, message: string) => {
    const text = `${pos ? `Line ${pos.line}: ` : ""}${message}`;
    const li = h("li", { cls: severity });
    if (pos) li.append(button(text, () => goTo(pos.offset), "link"));
    else li.append(text);
    items.push(li);
  };
  for (const d of snap.evaluation.diagnostics) add(d.severity, d.position, d.hint ? `${d.message} (${d.hint})` : d.message);
  for (const r of snap.evaluation.results) {
    for (const e of r.errors) add("error", e.position ?? r.position, `${r.kind} ${r.name}: ${e.message}`);
    if (!r.created && r.errors.length === 0) add("error", r.position, `${r.kind} ${r.name}: ${r.reason}`);
    for (const w of r.warnings) add("warning", w.position ?? r.position, `${r.kind} ${r.name}: ${w.message}${w.hint ? ` (${w.hint})` : ""}`);
  }
  // Services that select nothing: the most common surprise.
  for (const s of snap.view.services) {
    if (isSystem(s.namespace, s.name) || !s.selector || Object.keys(s.selector).length === 0) continue;
    if (s.endpoints.length === 0) add("warning", null, noEndpointsText(s, snap.view));
  }
  if (items.length === 0) items.push(h("li", { text: "No problems.", cls: "ok" }));
  problems.replaceChildren(...items);
}

function selectorText(sel: Record<string, string>): string {
  return Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

function noEndpointsText(s: ServiceView, view: ClusterView): string {
  const sel = s.selector ?? {};
  const selected = view.pods.filter((p) => p.namespace === s.namespace && Object.entries(sel).every(([k, v]) => p.labels[k] === v));
  if (selected.length > 0) {
    // Pods match but none has an address yet: say why (the scheduler's reason, if any).
    const reason = selected.find((p) => p.pendingReason)?.pendingReason;
    const n = selected.length === 1 ? "its pod is" : `its ${selected.length} pods are`;
    return reason
      ? `Service ${s.name} has no endpoints: ${n} Pending, the scheduler cannot place ${selected.length === 1 ? "it" : "them"}: ${reason}`
      : `Service ${s.name} has no endpoints: ${n} not running yet (${[...new Set(selected.map((p) => p.phase || "Pending"))].join(", ")}).`;
  }
  const near = view.pods.filter(
    (p) => p.namespace === s.namespace && Object.keys(sel).some((k) => k in p.labels) && !Object.entries(sel).every(([k, v]) => p.labels[k] === v),
  );
  let text = `Service ${s.name} has no endpoints: no pod in ${s.namespace} has the labels ${selectorText(sel)}.`;
  if (near.length > 0) {
    const labels = [...new Set(near.map((p) => Object.keys(sel).map((k) => `${k}=${p.labels[k] ?? ""}`).join(",")))];
    text += ` Pods have ${labels.slice(0, 3).join("; ")}: check the selector for a typo.`;
  }
  return text;
}

function describeChange(c: Change, view: ClusterView): string {
  switch (c.kind) {
    case "scale": {
      // The workload scaled: a StatefulSet (or ReplicaSet) is named as such.
      const kind = view.workloads.find((w) => w.namespace === c.namespace && w.name === c.name)?.kind ?? "Deployment";
      return `kubectl scale ${kind.toLowerCase()} ${c.name} --replicas=${c.replicas}`;
    }
    case "deletePod":
      return `kubectl delete pod ${c.name}`;
    case "setPodReady":
      return `readiness probe of ${c.name} ${c.ready ? "passes" : "fails"}`;
    case "cordon":
    case "uncordon":
      return `kubectl ${c.kind} ${c.node}`;
    case "drain":
      // DaemonSet pods stay, as with kubectl's --ignore-daemonsets (without it kubectl refuses).
      return `kubectl drain ${c.node} --ignore-daemonsets`;
    case "removeNode":
      return `kubectl delete node ${c.node}`;
    case "advance":
      return `wait ${c.seconds} s`;
  }
}

function renderChanges(snap: Snapshot): void {
  if (state.changes.length === 0) {
    changesList.replaceChildren(h("li", { text: "None." }));
    return;
  }
  changesList.replaceChildren(
    ...state.changes.map((c, i) => {
      const r = snap.changes[i];
      const li = h("li", { cls: r && !r.ok ? "warning" : "" });
      li.append(`${describeChange(c, snap.view)}${r && !r.ok ? ` — no longer applies: ${r.message}` : ""} `);
      li.append(
        button(
          "Undo",
          () => {
            state.changes.splice(i, 1);
            save();
            schedule(0);
          },
          "small",
        ),
      );
      return li;
    }),
  );
}

function change(...cs: Change[]): void {
  state.changes.push(...cs);
  save();
  schedule(0);
}

function renderWorkloads(view: ClusterView): void {
  const list = view.workloads.filter((w) => state.showSystem || !isSystem(w.namespace));
  workloads.replaceChildren(
    ...list.map((w) => {
      const input = h("input", { attrs: { type: "number", min: "0", max: "500", value: String(w.replicas), "aria-label": `Replicas of ${w.name}` } });
      const scale = () => {
        const n = Math.max(0, Math.min(500, Math.round(Number(input.value))));
        if (!Number.isFinite(n)) return;
        const edited = setReplicas(state.yaml, w.name, n);
        if (edited !== null) setYaml(edited);
        else change({ kind: "scale", namespace: w.namespace, name: w.name, replicas: n });
      };
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") scale();
      });
      return h(
        "div",
        { cls: "workload" },
        h("span", { text: `${w.kind.toLowerCase()}/${w.name} ${w.ready}/${w.replicas} ready` }),
        input,
        button(`Scale ${w.name}`, scale),
      );
    }),
  );
}

function selectionKey(s: Selection | null): string | null {
  if (!s) return null;
  if (s.kind === "pod") return `pod:${s.namespace}/${s.name}`;
  if (s.kind === "service") return `svc:${s.namespace}/${s.name}`;
  if (s.kind === "node") return `node:${s.name}`;
  return "client";
}

function renderDiagram(): void {
  if (!snapshot) return;
  const focusedKey = (document.activeElement as Element | null)?.getAttribute?.("data-key");
  drawing = drawCluster(snapshot.view, {
    showSystem: state.showSystem,
    selected: selectionKey(selected),
    width: diagramWrap.clientWidth || 800,
    onSelect: (s) => {
      selected = s;
      renderDiagram();
      renderSelection();
    },
  });
  diagramWrap.replaceChildren(drawing.svg);
  if (focusedKey) drawing.svg.querySelector<SVGGElement>(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
  if (lastReport) drawRequestPath(drawing, lastFrom, lastReport, false);
}

function nodePortTargets(view: ClusterView, nodeIp: string): string[] {
  return view.services
    .filter((s) => !isSystem(s.namespace, s.name))
    .flatMap((s) => s.ports.filter((p) => p.nodePort).map((p) => `${nodeIp}:${p.nodePort}`));
}

function renderSelection(): void {
  const view = snapshot?.view;
  if (!view || !selected) {
    selectionPanel.replaceChildren(h("p", { cls: "hint", text: "Select a pod, node or Service in the diagram (click, or Tab then Enter) to change it." }));
    return;
  }
  const s = selected;
  const panel: (Node | string)[] = [];
  if (s.kind === "pod") {
    const pod = view.pods.find((p) => p.namespace === s.namespace && p.name === s.name);
    if (!pod) {
      selected = null;
      return renderSelection();
    }
    panel.push(
      h("h3", { text: `Pod ${pod.name}` }),
      h("p", { text: `${pod.ip || "no IP"} on ${pod.node ?? "no node"}; ${pod.terminating ? "terminating" : pod.ready ? "ready" : "not ready"}; labels ${selectorText(pod.labels) || "none"}` }),
      button(`Delete pod ${pod.name}`, () => change({ kind: "deletePod", namespace: pod.namespace, name: pod.name }, { kind: "advance", seconds: 30 })),
      button(pod.ready ? `Make ${pod.name} unready` : `Make ${pod.name} ready`, () =>
        change({ kind: "setPodReady", namespace: pod.namespace, name: pod.name, ready: !pod.ready }),
      ),
      button(`Send requests from ${pod.name}`, () => {
        requestFrom.value = `pod:${pod.namespace}/${pod.name}`;
        requestTo.focus();
      }),
    );
  } else if (s.kind === "node") {
    const node = view.nodes.find((n) => n.name === s.name);
    if (!node) {
      selected = null;
      return renderSelection();
    }
    const target = nodePortTargets(view, node.ip)[0];
    panel.push(
      h("h3", { text: `Node ${node.name}` }),
      h("p", { text: `${node.ip}; ${node.ready ? "Ready" : "NotReady"}${node.unschedulable ? ", cordoned" : ""}` }),
      button(`Drain ${node.name}`, () => change({ kind: "drain", node: node.name }, { kind: "advance", seconds: 30 })),
      button(node.unschedulable ? `Uncordon ${node.name}` : `Cordon ${node.name}`, () =>
        change({ kind: node.unschedulable ? "uncordon" : "cordon", node: node.name }),
      ),
      button(`Remove ${node.name}`, () => change({ kind: "removeNode", node: node.name })),
      button(`Show rules of ${node.name}`, () => showRules(node.name)),
    );
    if (target)
      panel.push(
        button(`Send a request via ${node.name}`, () => {
          requestFrom.value = "external";
          requestTo.value = target;
          void send();
        }),
      );
  } else if (s.kind === "service") {
    const svc = view.services.find((x) => x.namespace === s.namespace && x.name === s.name);
    if (!svc) {
      selected = null;
      return renderSelection();
    }
    const type = h("select", { attrs: { "aria-label": `Type of ${svc.name}` } });
    for (const t of ["ClusterIP", "NodePort", "LoadBalancer"]) type.append(h("option", { text: t, attrs: { value: t } }));
    type.value = svc.type;
    panel.push(
      h("h3", { text: `Service ${svc.name}` }),
      h("p", {
        text: `${svc.type}, ${svc.clusterIP || "no cluster IP"}, ports ${portChain(svc)}; selector ${svc.selector ? selectorText(svc.selector) : "none"}; ${svc.endpoints.filter((e) => e.ready).length} ready of ${svc.endpoints.length} endpoints.`,
      }),
    );
    if (svc.selector && svc.endpoints.length === 0) panel.push(h("p", { cls: "warning", text: noEndpointsText(svc, view) }));
    if (svc.type !== "ExternalName")
      panel.push(
        h("label", {}, "Type ", type),
        button(`Change type of ${svc.name}`, () => {
          const edited = setServiceType(state.yaml, svc.name, type.value);
          if (edited !== null) setYaml(edited);
          else status.textContent = `Service ${svc.name} is not in the manifests, so its type cannot be changed here.`;
        }),
      );
    panel.push(
      button(`Describe ${svc.name}`, () => showDescribe(svc.namespace, svc.name)),
      button(`Send a request to ${svc.name}`, () => {
        const port = svc.ports[0];
        const firstPod = view.pods.find((p) => p.namespace === svc.namespace && !isSystem(p.namespace));
        if (svc.type === "LoadBalancer" && svc.loadBalancer[0] && port) {
          requestFrom.value = "external";
          requestTo.value = `${svc.loadBalancer[0]}:${port.port}`;
        } else if (svc.type === "NodePort" && port?.nodePort && view.nodes[1]) {
          requestFrom.value = "external";
          requestTo.value = `${view.nodes[1].ip}:${port.nodePort}`;
        } else {
          if (firstPod) requestFrom.value = `pod:${firstPod.namespace}/${firstPod.name}`;
          requestTo.value = port ? `${svc.name}:${port.port}` : svc.name;
        }
        void send();
      }),
    );
  } else {
    panel.push(h("h3", { text: "External client" }), h("p", { text: "A client outside the cluster at 198.51.100.10. It can reach NodePorts on node IPs and load balancer addresses, not ClusterIPs or cluster DNS names." }));
  }
  selectionPanel.replaceChildren(h("div", { cls: "panel" }, ...panel));
}

function renderRequestChoices(view: ClusterView): void {
  const keep = requestFrom.value;
  const options = [h("option", { text: "External client (198.51.100.10)", attrs: { value: "external" } })];
  for (const p of view.pods) {
    if (!state.showSystem && isSystem(p.namespace)) continue;
    options.push(h("option", { text: `Pod ${p.namespace}/${p.name}`, attrs: { value: `pod:${p.namespace}/${p.name}` } }));
  }
  for (const n of view.nodes) options.push(h("option", { text: `Node ${n.name}`, attrs: { value: `node:${n.name}` } }));
  requestFrom.replaceChildren(...options);
  if ([...requestFrom.options].some((o) => o.value === keep)) requestFrom.value = keep;
  const want = requestFrom.dataset.want;
  if (want) {
    // A preset's suggested request, resolved against the evaluated cluster.
    delete requestFrom.dataset.want;
    if (want.startsWith("pod:")) {
      const app = want.slice(4);
      const pod = view.pods.find((p) => p.deployment === app || p.name === app || p.name.startsWith(`${app}-`));
      if (pod) requestFrom.value = `pod:${pod.namespace}/${pod.name}`;
    } else requestFrom.value = "external";
    const lbName = requestTo.dataset.lb;
    if (lbName) {
      delete requestTo.dataset.lb;
      const svc = view.services.find((s) => s.name === lbName);
      if (svc?.loadBalancer[0] && svc.ports[0]) requestTo.value = `${svc.loadBalancer[0]}:${svc.ports[0].port}`;
    }
  }

  const targets: string[] = [];
  for (const s of view.services) {
    if (isSystem(s.namespace, s.name)) continue;
    for (const p of s.ports) {
      targets.push(`${s.name}:${p.port}`, `http://${s.name}.${s.namespace}.svc.cluster.local:${p.port}/`);
      if (s.clusterIP && s.clusterIP !== "None") targets.push(`${s.clusterIP}:${p.port}`);
      if (p.nodePort) for (const n of view.nodes) targets.push(`${n.ip}:${p.nodePort}`);
      for (const lb of s.loadBalancer) targets.push(`${lb}:${p.port}`);
    }
  }
  requestTargets.replaceChildren(...targets.map((t) => h("option", { attrs: { value: t } })));
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

function sourceOf(value: string): Source {
  if (value.startsWith("pod:")) {
    const [namespace, name] = value.slice(4).split("/");
    return { kind: "pod", namespace: namespace ?? "default", name: name ?? "" };
  }
  if (value.startsWith("node:")) return { kind: "node", name: value.slice(5) };
  return { kind: "external" };
}

const OUTCOME_WORDS: Record<string, string> = {
  delivered: "delivered",
  refused: "connection refused",
  dropped: "dropped (the client times out)",
  timedOut: "timed out",
  pending: "pending",
  unresolved: "name not resolved",
  leftCluster: "left the cluster",
  healthCheck: "answered by kube-proxy's health check",
};

async function send(): Promise<void> {
  if (!snapshot) return;
  const count = Math.max(1, Math.min(100_000, Math.round(Number(requestCount.value)) || 1));
  const to = requestTo.value.trim();
  if (!to) {
    requestResult.replaceChildren(h("p", { cls: "warning", text: "Enter a target: a Service name, ClusterIP:port, NodeIP:NodePort, a load balancer address:port or a URL." }));
    return;
  }
  let answer: RequestAnswer;
  const from = sourceOf(requestFrom.value);
  try {
    answer = await engine.call({ method: "request", spec: { from, to, count, seed: state.seed, detail: 20 } });
  } catch (error) {
    if (error instanceof EngineFault) return;
    throw error;
  }
  if (answer.error !== null) {
    lastReport = undefined;
    renderDiagram();
    requestResult.replaceChildren(h("p", { cls: "warning", text: `Cannot send: ${answer.error}` }));
    return;
  }
  lastReport = answer.report;
  lastFrom = from;
  renderReport(answer.report);
  if (drawing) drawRequestPath(drawing, from, answer.report, true);
}

function outcomeSentence(r: RequestReport["requests"][number]): string {
  if (r.outcome === "delivered")
    return `Delivered to pod ${r.pod ?? r.podIp} (${r.podIp}:${r.targetPort}) on ${r.node ?? "?"}${r.entryNode ? `, entering at ${r.entryNode}` : ""}; the pod sees source ${r.sourceIpSeenByPod}${r.snat ? " (SNAT)" : ""}.`;
  if (r.outcome === "healthCheck") return `Answered by kube-proxy's health check on ${r.node}: HTTP ${r.status}.`;
  if (r.outcome === "leftCluster") return `Left the cluster for ${r.destination}: ${r.reason}`;
  return `${OUTCOME_WORDS[r.outcome] ?? r.outcome}: ${r.reason}`;
}

function renderReport(report: RequestReport): void {
  const out: (Node | string)[] = [];
  const first = report.requests[0];
  const totals = Object.entries(report.totals).filter(([, v]) => v > 0);
  out.push(
    h("p", { cls: "outcome", text: report.count === 1 && first ? outcomeSentence(first) : `${report.count} requests: ${totals.map(([k, v]) => `${v} ${OUTCOME_WORDS[k] ?? k}`).join(", ")}.` }),
  );
  if (report.explanation) out.push(h("p", { text: report.explanation }));
  for (const w of report.warnings) out.push(h("p", { cls: "warning", text: w }));
  if (report.distribution.length > 0 && report.count > 1) {
    const max = Math.max(1, ...report.distribution.map((d) => d.count));
    const table = h("table", { cls: "distribution", attrs: { "aria-label": "Requests per pod" } });
    table.append(h("caption", { text: `Requests per pod (${report.totals.delivered} of ${report.count} delivered)` }));
    table.append(h("thead", {}, h("tr", {}, h("th", { text: "Pod", attrs: { scope: "col" } }), h("th", { text: "Node", attrs: { scope: "col" } }), h("th", { text: "Requests", attrs: { scope: "col" } }), h("th", { text: "Share", attrs: { scope: "col" } }))));
    const body = h("tbody");
    for (const d of report.distribution) {
      const bar = h("span", { cls: "bar" });
      bar.style.width = `${(100 * d.count) / max}%`;
      body.append(
        h("tr", {}, h("td", { text: d.pod }), h("td", { text: d.node ?? "" }), h("td", { text: String(d.count) }), h("td", {}, h("span", { cls: "bar-wrap" }, bar), ` ${(100 * d.share).toFixed(0)}%`)),
      );
    }
    table.append(body);
    out.push(table);
  }
  if (first) {
    const hops = h("ol", { cls: "hops", attrs: { "aria-label": "Path of the first request" } });
    for (const hop of first.hops) hops.append(h("li", { cls: hop.step }, h("span", { cls: "at", text: `${hop.at}: ` }), hop.step === "rule" ? h("code", { text: hop.text }) : hop.text));
    out.push(h("details", {}, h("summary", { text: "Path of the first request" }), hops));
  }
  requestResult.replaceChildren(...out);
}

let lastWidth = 0;
new ResizeObserver(() => {
  const w = diagramWrap.clientWidth;
  if (Math.abs(w - lastWidth) < 40) return;
  lastWidth = w;
  renderDiagram();
}).observe(diagramWrap);

requestForm.addEventListener("submit", (e) => {
  e.preventDefault();
  void send();
});

// ---------------------------------------------------------------------------------------------
// Inspect tabs
// ---------------------------------------------------------------------------------------------

interface Tab {
  id: string;
  title: string;
  panel: HTMLDivElement;
}

const tabList: Tab[] = [];
function addTab(id: string, title: string): HTMLDivElement {
  const tab = h("button", { text: title, attrs: { role: "tab", id: `tab-${id}`, type: "button", "aria-controls": `panel-${id}`, "aria-selected": "false", tabindex: "-1" } });
  const panel = h("div", { attrs: { role: "tabpanel", id: `panel-${id}`, "aria-labelledby": `tab-${id}`, tabindex: "0" } });
  panel.hidden = true;
  tab.addEventListener("click", () => selectTab(id));
  tab.addEventListener("keydown", (e) => {
    const i = tabList.findIndex((t) => t.id === id);
    const next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : -2;
    if (next === -2) return;
    e.preventDefault();
    const t = tabList[(next + tabList.length) % tabList.length]!;
    selectTab(t.id);
    byId(`tab-${t.id}`).focus();
  });
  tabs.append(tab);
  panels.append(panel);
  tabList.push({ id, title, panel });
  return panel;
}

function selectTab(id: string): void {
  for (const t of tabList) {
    const tab = byId(`tab-${t.id}`);
    tab.setAttribute("aria-selected", String(t.id === id));
    tab.tabIndex = t.id === id ? 0 : -1;
    t.panel.hidden = t.id !== id;
  }
}

const servicesPanel = addTab("services", "Services");
const podsPanel = addTab("pods", "Pods");
const endpointsPanel = addTab("endpoints", "Endpoints");
const slicesPanel = addTab("endpointslices", "EndpointSlices");
const nodesPanel = addTab("nodes", "Nodes");
const policiesPanel = addTab("networkpolicies", "NetworkPolicies");
const describePanel = addTab("describe", "Describe");
const rulesPanel = addTab("rules", "Rules");
const dnsPanel = addTab("dns", "DNS");
selectTab("services");

const MAX_ROWS = 500;

function tableOf(t: Table, label: string, command: string): HTMLElement {
  const table = h("table", { cls: "kubectl", attrs: { "aria-label": label } });
  table.append(h("caption", {}, h("code", { text: command })));
  table.append(h("thead", {}, h("tr", {}, ...t.headers.map((c) => h("th", { text: c, attrs: { scope: "col" } })))));
  const visible = t.rows.filter((r) => state.showSystem || !(r[0] === "kube-system" || (r[0] === "default" && r[1] === "kubernetes" && label === "Services")));
  // A replayed cluster can have thousands of rows: the first MAX_ROWS are shown.
  table.append(h("tbody", {}, ...visible.slice(0, MAX_ROWS).map((r) => h("tr", {}, ...r.map((c) => h("td", { text: c }))))));
  if (visible.length > MAX_ROWS) table.append(h("tfoot", {}, h("tr", {}, h("td", { text: `First ${MAX_ROWS} of ${visible.length} rows.`, attrs: { colspan: String(t.headers.length) } }))));
  return h("div", { cls: "table-wrap" }, table);
}

const describeSelect = h("select", { attrs: { "aria-label": "Service to describe" } });
const describeOut = h("pre", { cls: "describe", attrs: { "aria-label": "kubectl describe service" } });
describeSelect.addEventListener("change", () => void refreshDescribe());
describePanel.append(h("label", {}, "Service ", describeSelect), describeOut);

const rulesSelect = h("select", { attrs: { "aria-label": "Node whose rules to show" } });
const rulesOut = h("pre", { cls: "rules", attrs: { "aria-label": "kube-proxy rules (iptables-save)" } });
rulesSelect.addEventListener("change", () => void refreshRules());
rulesPanel.append(h("label", {}, "Node ", rulesSelect), h("p", { cls: "hint", text: "Rules a traced request matched are highlighted." }), rulesOut);

const dnsName = h("input", { attrs: { value: "myapp", "aria-label": "Name to look up", spellcheck: "false" } });
const dnsType = h("select", { attrs: { "aria-label": "Record type" } });
for (const t of ["A", "AAAA", "SRV", "CNAME", "PTR", "TXT"]) dnsType.append(h("option", { text: t, attrs: { value: t } }));
const dnsNs = h("input", { attrs: { value: "default", "aria-label": "From a pod in namespace", spellcheck: "false" } });
const dnsOut = h("pre", { attrs: { "aria-label": "DNS answer" } });
const dnsForm = h("form", { cls: "controls" }, h("label", {}, "Name ", dnsName), h("label", {}, "Type ", dnsType), h("label", {}, "From namespace ", dnsNs), h("button", { text: "Look up", attrs: { type: "submit" } }));
dnsForm.addEventListener("submit", (e) => {
  e.preventDefault();
  void lookUp();
});
dnsPanel.append(dnsForm, dnsOut);

function renderTables(snap: Snapshot): void {
  servicesPanel.replaceChildren(tableOf(snap.tables.services, "Services", "kubectl get services -A"));
  podsPanel.replaceChildren(tableOf(snap.tables.pods, "Pods", "kubectl get pods -A -o wide"));
  endpointsPanel.replaceChildren(tableOf(snap.tables.endpoints, "Endpoints", "kubectl get endpoints -A"));
  slicesPanel.replaceChildren(tableOf(snap.tables.endpointSlices, "EndpointSlices", "kubectl get endpointslices -A"));
  nodesPanel.replaceChildren(tableOf(snap.tables.nodes, "Nodes", "kubectl get nodes -o wide"));
  policiesPanel.replaceChildren(tableOf(snap.tables.networkPolicies, "NetworkPolicies", "kubectl get networkpolicies -A"));
  const svcKeep = describeSelect.value;
  describeSelect.replaceChildren(
    ...snap.view.services.filter((s) => state.showSystem || !isSystem(s.namespace, s.name)).map((s) => h("option", { text: `${s.namespace}/${s.name}`, attrs: { value: `${s.namespace}/${s.name}` } })),
  );
  if ([...describeSelect.options].some((o) => o.value === svcKeep)) describeSelect.value = svcKeep;
  const nodeKeep = rulesSelect.value;
  rulesSelect.replaceChildren(...snap.view.nodes.map((n) => h("option", { text: n.name, attrs: { value: n.name } })));
  if ([...rulesSelect.options].some((o) => o.value === nodeKeep)) rulesSelect.value = nodeKeep;
  else if (snap.view.nodes[1]) rulesSelect.value = snap.view.nodes[1].name;
  void refreshDescribe();
  void refreshRules();
}

async function refreshDescribe(): Promise<void> {
  const [ns, name] = describeSelect.value.split("/");
  if (!ns || !name) {
    describeOut.textContent = "No Service.";
    return;
  }
  describeOut.textContent = (await engine.call({ method: "describe", namespace: ns, name }).catch(() => null)) ?? "No such Service.";
}

async function refreshRules(): Promise<void> {
  const node = rulesSelect.value;
  if (!node) return;
  const text = await engine.call({ method: "rules", node }).catch(() => null);
  if (text === null) {
    rulesOut.textContent = "No such node.";
    return;
  }
  const hits = new Set<string>();
  for (const r of lastReport?.requests ?? []) if (r.entryNode === node) for (const hop of r.hops) if (hop.step === "rule") hits.add(hop.text.trim());
  rulesOut.replaceChildren(
    ...text.split("\n").map((line) => {
      const hit = hits.has(line.trim());
      return h("span", { cls: hit ? "rule hit" : "rule", text: `${line}\n`, attrs: hit ? { "data-hit": "true" } : {} });
    }),
  );
}

function showRules(node: string): void {
  rulesSelect.value = node;
  selectTab("rules");
  void refreshRules();
  byId("tab-rules").focus();
}

function showDescribe(ns: string, name: string): void {
  describeSelect.value = `${ns}/${name}`;
  selectTab("describe");
  void refreshDescribe();
  byId("tab-describe").focus();
}

async function lookUp(): Promise<void> {
  try {
    const a = await engine.call({ method: "dns", name: dnsName.value.trim(), qtype: dnsType.value, namespace: dnsNs.value.trim() });
    const answers = a.answers.map((x) => (typeof x === "string" ? x : `${x.port} ${x.target}`));
    dnsOut.textContent = [`status: ${a.rcode}`, `tried: ${a.tried.join(" ")}`, a.fqdn ? `answered for: ${a.fqdn}` : "", ...answers.map((x) => `answer: ${x}`)]
      .filter(Boolean)
      .join("\n");
  } catch (error) {
    dnsOut.textContent = error instanceof Error ? error.message : String(error);
  }
}

// ---------------------------------------------------------------------------------------------
// Controls
// ---------------------------------------------------------------------------------------------

for (const p of PRESETS) presetSelect.append(h("option", { text: p.title, attrs: { value: p.id } }));
presetSelect.value = PRESETS.some((p) => p.id === state.preset) ? state.preset : DEFAULT_PRESET;
seedInput.value = String(state.seed);
showSystem.checked = state.showSystem;

function applyPreset(id: string): void {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) return;
  state.preset = id;
  state.observed = null;
  state.changes = [];
  selected = null;
  lastReport = undefined;
  requestResult.replaceChildren();
  pendingAfter = p.after;
  const [from, to] = p.request;
  requestFrom.dataset.want = from;
  requestTo.value = to.startsWith("lb:") ? "" : to;
  if (to.startsWith("lb:")) requestTo.dataset.lb = to.slice(3);
  setYaml(p.yaml);
  schedule(0);
}

presetSelect.addEventListener("change", () => applyPreset(presetSelect.value));
seedInput.addEventListener("change", () => {
  const seed = Number(seedInput.value);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    status.textContent = "The seed must be a whole number from 0 to 4294967295.";
    return;
  }
  state.seed = seed;
  save();
  schedule(0);
});
showSystem.addEventListener("change", () => {
  state.showSystem = showSystem.checked;
  save();
  if (snapshot) render(snapshot);
});
byId("clear-changes").addEventListener("click", () => {
  state.changes = [];
  save();
  schedule(0);
});
byId("add-node").addEventListener("click", () => {
  if (!snapshot) return;
  const { text } = addNode(state.yaml, snapshot.view.nodes);
  setYaml(text);
});

// ---------------------------------------------------------------------------------------------
// Share and export
// ---------------------------------------------------------------------------------------------

byId("copy-link").addEventListener("click", async () => {
  const refusal = linkRefusal(state.yaml);
  if (refusal) {
    byId("share").hidden = true;
    status.textContent = refusal;
    return;
  }
  const shared = { yaml: state.yaml, seed: state.seed, preset: state.preset, showSystem: state.showSystem, changes: state.changes, observed: isObserved() };
  const url = await shareUrl(`${location.origin}${location.pathname}${location.search}`, shared, defaults(), PRESETS);
  status.textContent = await offerLink(url, byId<HTMLInputElement>("share-link"), byId("share"));
});

for (const kind of ["yaml", "svg", "png"] satisfies ExportKind[]) {
  byId(`export-${kind}`).addEventListener("click", () => {
    const background = getComputedStyle(diagramWrap).backgroundColor || "#ffffff";
    exportAs(kind, { yaml: state.yaml, svg: drawing?.svg, background, name: `svcplay-${state.preset}` }).catch((error: unknown) => {
      status.textContent = `The ${kind.toUpperCase()} file could not be made: ${error instanceof Error ? error.message : String(error)}`;
    });
  });
}

window.addEventListener("error", (e) => {
  status.textContent = `Something went wrong: ${e.message}`;
});

{
  const p = PRESETS.find((x) => x.id === state.preset) ?? defaultPreset;
  requestFrom.dataset.want = p.request[0];
  if (p.request[1].startsWith("lb:")) requestTo.dataset.lb = p.request[1].slice(3);
  else requestTo.value = p.request[1];
}
void evaluate();
if (location.hash === "#fault-test") {
  // Used by the end-to-end tests: a fault in the engine must not leave a dead page.
  window.setTimeout(() => void engine.call({ method: "fault" }).catch(() => undefined), 500);
}
