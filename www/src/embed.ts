// <svcplay-playground>: the playground as a custom element for docs pages. One
// `<script type="module" src=".../embed.js">` and the tag. The scenario comes from an inline
// `<script type="text/yaml">` or `<pre>` child, a `src` URL or a `preset` name; the light-DOM
// children are the no-JavaScript fallback (a shadow root without a slot hides them once the element
// runs). Each instance has its own engine worker; the wasm file is fetched once and then comes from
// the browser cache. Nothing leaves the page: the only network requests load the static files.
import type { ClusterView, Evaluation, RequestAnswer, RequestReport, RequestSpec, Source } from "../pkg/svcplay_wasm.js";
import diagramCss from "./diagram.css?inline";
import { drawCluster, isSystem } from "./diagram";
import type { Editor } from "./editor";
import { Engine, EngineFault } from "./engine";
import { PRESETS } from "./presets";

const CSS = `
:host {
  display: block;
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa;
  --accent: #0b5cad; --ok: #1a7f37; --warn: #9a6700; --bad: #c0362c; --node: #eef3f8;
  --pod: #ffffff; --svc: #e8f1fb; --focus: #0969da;
  color-scheme: light;
  font-family: system-ui, sans-serif;
  line-height: 1.4;
  margin: 0.75rem 0;
}
:host([data-scheme="dark"]) {
  --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --line: #3d444d; --panel: #161b22;
  --accent: #58a6ff; --ok: #3fb950; --warn: #d29922; --bad: #f85149; --node: #161b22;
  --pod: #0d1117; --svc: #132339; --focus: #58a6ff;
  color-scheme: dark;
}
:host([hidden]) { display: none; }
.box { border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--fg); padding: 0.5rem; }
.status { margin: 0 0 0.5rem; font-size: 0.85rem; color: var(--muted); }
.diagram-wrap { overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); max-height: 70vh; }
.editor { margin-bottom: 0.5rem; }
form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin-top: 0.5rem; font-size: 0.9rem; }
label { display: flex; flex-direction: column; gap: 0.1rem; }
input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 0.2rem 0.4rem; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
.outcome { margin: 0.4rem 0 0; font-size: 0.9rem; }
.outcome.bad, .warning { color: var(--bad); }
`;

let sheet: CSSStyleSheet | undefined;
/** One constructed style sheet for every instance (the CSP allows adopted sheets, not <style>). */
function styles(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(diagramCss + CSS);
  }
  return sheet;
}

/** Removes the indentation every line shares, so YAML inside indented HTML stays valid. */
export function dedent(text: string): string {
  const lines = text.replace(/^\s*\n/, "").replace(/\s+$/, "").split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n") + "\n";
}

/** What `request()` accepts as `from`: `external`, `pod/NAME`, `pod/NS/NAME`, `node/NAME`, or a Source. */
export type From = string | Source;

function parseFrom(from: From | undefined, view: ClusterView | undefined): Source {
  if (from === undefined || from === "external") return { kind: "external" };
  if (typeof from !== "string") return from;
  const [kind, a, b] = from.split(/[/:]/);
  if (kind === "node" && a) return { kind: "node", name: a };
  if (kind === "pod" && a && b) return { kind: "pod", namespace: a, name: b };
  if (kind === "pod" && a) {
    // A name or a prefix (a Deployment's pods have generated names).
    const pod = view?.pods.find((p) => p.name === a) ?? view?.pods.find((p) => p.name.startsWith(`${a}-`) && !isSystem(p.namespace));
    return { kind: "pod", namespace: pod?.namespace ?? "default", name: pod?.name ?? a };
  }
  throw new Error(`svcplay: "from" must be external, pod/NAME, pod/NAMESPACE/NAME or node/NAME, not ${JSON.stringify(from)}`);
}

const WORDS: Record<string, string> = {
  delivered: "delivered",
  refused: "refused",
  dropped: "dropped",
  timedOut: "timed out",
  pending: "pending",
  healthCheck: "answered by kube-proxy's health check",
  leftCluster: "left the cluster",
  unresolved: "name not resolved",
};

/** One sentence for a report. */
export function outcomeText(report: RequestReport): string {
  const first = report.requests[0];
  if (report.count === 1 && first) {
    if (first.outcome === "delivered") return `Delivered to pod ${first.pod ?? first.podIp} on ${first.node ?? "?"}.`;
    return `${WORDS[first.outcome] ?? first.outcome}: ${"reason" in first ? String(first.reason) : ""}`.replace(/^./, (c) => c.toUpperCase());
  }
  const totals = Object.entries(report.totals).filter(([, v]) => v > 0);
  return `${report.count} requests: ${totals.map(([k, v]) => `${v} ${WORDS[k] ?? k}`).join(", ")}.`;
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** The `<svcplay-playground>` element. */
export class SvcplayPlayground extends HTMLElement {
  static observedAttributes = ["theme", "height"];

  #root: ShadowRoot;
  #status = h("p", { class: "status", role: "status" }, "Starts when visible.");
  #editorBox = h("div", { class: "editor" });
  #diagram = h("div", { class: "diagram-wrap" });
  #from = h("select", { "aria-label": "From" });
  #to = h("input", { "aria-label": "To", spellcheck: "false", autocomplete: "off" });
  #count = h("input", { "aria-label": "Requests", type: "number", min: "1", max: "100000", value: "1" });
  #outcome = h("p", { class: "outcome", "aria-live": "polite" });
  #form = h("form", {}, h("label", {}, "From", this.#from), h("label", {}, "To", this.#to), h("label", {}, "Requests", this.#count), h("button", { type: "submit" }, "Send"));
  #engine: Engine | undefined;
  #editor: Editor | undefined;
  #yaml = "";
  #view: ClusterView | undefined;
  #started: Promise<void> | undefined;
  #visible: IntersectionObserver | undefined;
  #themeWatch: MutationObserver | undefined;
  #media = window.matchMedia("(prefers-color-scheme: dark)");
  #onMedia = () => this.#applyTheme();
  #generation = 0;
  #timer: number | undefined;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    this.#root.adoptedStyleSheets = [styles()];
    this.#form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.request({ from: this.#from.value, to: this.#to.value, count: Number(this.#count.value) || 1 }).catch((error: unknown) => {
        this.#outcome.className = "outcome bad";
        this.#outcome.textContent = error instanceof Error ? error.message : String(error);
      });
    });
  }

  get views(): string[] {
    return (this.getAttribute("views") ?? "diagram").split(/[\s,]+/).filter(Boolean);
  }

  connectedCallback(): void {
    if (!this.#root.firstChild) {
      const views = this.views;
      const box = h("div", { class: "box", role: "region", "aria-label": this.getAttribute("label") ?? "Kubernetes Services playground" }, this.#status);
      if (views.includes("editor")) box.append(this.#editorBox);
      box.append(this.#diagram);
      if (views.includes("requests")) box.append(this.#form, this.#outcome);
      this.#root.append(box);
      if (!this.dataset.status) this.dataset.status = "idle";
    }
    this.#applyHeight();
    this.#applyTheme();
    this.#themeWatch = new MutationObserver(() => this.#applyTheme());
    for (const el of [document.documentElement, document.body]) {
      if (el) this.#themeWatch.observe(el, { attributes: true, attributeFilter: ["data-md-color-scheme", "data-theme", "class"] });
    }
    this.#media.addEventListener("change", this.#onMedia);
    if (!this.#started) {
      // Lazily: content in a closed <details> or far down the page has no intersection yet.
      this.#visible = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.#visible?.disconnect();
          void this.start();
        }
      }, { rootMargin: "200px" });
      this.#visible.observe(this);
    }
  }

  disconnectedCallback(): void {
    this.#visible?.disconnect();
    this.#themeWatch?.disconnect();
    this.#media.removeEventListener("change", this.#onMedia);
  }

  attributeChangedCallback(name: string): void {
    if (name === "theme") this.#applyTheme();
    if (name === "height") this.#applyHeight();
  }

  /** The colour scheme in use: the `theme` attribute, else the host page's, else the system's. */
  get scheme(): "light" | "dark" {
    const attr = this.getAttribute("theme");
    if (attr === "light" || attr === "dark") return attr;
    for (const el of [document.body, document.documentElement]) {
      const md = el?.getAttribute("data-md-color-scheme");
      if (md) return md === "slate" ? "dark" : "light";
      const docusaurus = el?.getAttribute("data-theme");
      if (docusaurus === "dark" || docusaurus === "light") return docusaurus;
    }
    return this.#media.matches ? "dark" : "light";
  }

  #applyTheme(): void {
    this.dataset.scheme = this.scheme;
  }

  #applyHeight(): void {
    const raw = this.getAttribute("height");
    if (!raw) this.#diagram.style.removeProperty("max-height");
    else this.#diagram.style.maxHeight = /^\d+$/.test(raw) ? `${raw}px` : raw;
  }

  /** Where the scenario comes from: inline YAML, then `src`, then `preset`. */
  async #initialYaml(): Promise<string> {
    const inline = this.querySelector('script[type="text/yaml"], script[type="application/yaml"], pre');
    if (inline?.textContent?.trim()) return dedent(inline.textContent);
    const src = this.getAttribute("src");
    if (src) {
      const response = await fetch(new URL(src, document.baseURI));
      if (!response.ok) throw new Error(`svcplay: ${src}: HTTP ${response.status}`);
      return response.text();
    }
    const preset = this.getAttribute("preset");
    const found = PRESETS.find((p) => p.id === preset) ?? (preset ? undefined : PRESETS[0]);
    if (!found) throw new Error(`svcplay: no preset named ${JSON.stringify(preset)} (known: ${PRESETS.map((p) => p.id).join(", ")})`);
    return found.yaml;
  }

  get seed(): number {
    const n = Number(this.getAttribute("seed") ?? "1");
    return Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff ? n : 1;
  }

  /** Starts the engine and evaluates the scenario (once; later calls wait for the first). */
  start(): Promise<void> {
    this.#visible?.disconnect();
    this.#started ??= (async () => {
      this.dataset.status = "loading";
      this.#status.textContent = "Loading the simulator…";
      try {
        const yaml = await this.#initialYaml();
        this.#yaml = yaml;
      } catch (error) {
        this.dataset.status = "error";
        this.#status.textContent = error instanceof Error ? error.message : String(error);
        return;
      }
      this.#engine = new Engine();
      this.#engine.onRestart = (message) => {
        this.#status.textContent = `The simulator failed (${message}) and was restarted.`;
        void this.#evaluate();
      };
      if (this.views.includes("editor")) {
        const { createEditor } = await import("./editor");
        this.#editor = createEditor(this.#editorBox, this.#yaml, (text) => {
          this.#yaml = text;
          window.clearTimeout(this.#timer);
          this.#timer = window.setTimeout(() => void this.#evaluate(), 250);
        }, { readOnly: this.hasAttribute("readonly") });
      }
      await this.#evaluate();
    })();
    return this.#started;
  }

  /** Replaces the scenario and evaluates it; resolves with the evaluation. */
  async load(yaml: string): Promise<Evaluation | undefined> {
    await this.start();
    this.#yaml = String(yaml);
    if (this.#editor && this.#editor.text() !== this.#yaml) this.#editor.setText(this.#yaml);
    window.clearTimeout(this.#timer);
    return this.#evaluate();
  }

  /** The scenario's current text. */
  get yaml(): string {
    return this.#yaml;
  }

  async #evaluate(): Promise<Evaluation | undefined> {
    const engine = this.#engine;
    if (!engine) return undefined;
    const mine = ++this.#generation;
    let snap;
    try {
      snap = await engine.call({ method: "evaluate", yaml: this.#yaml, seed: this.seed, changes: [] });
    } catch (error) {
      if (error instanceof EngineFault) return undefined;
      throw error;
    }
    if (mine !== this.#generation) return snap.evaluation;
    this.#view = snap.view;
    const ev = snap.evaluation;
    const created = ev.results.filter((r) => r.created).length;
    const rejected = ev.results.length - created;
    this.#editor?.showDiagnostics(ev);
    this.#status.textContent = `Evaluated: ${created} created, ${rejected} rejected; ${snap.view.nodes.length} nodes, ${snap.view.pods.filter((p) => !isSystem(p.namespace)).length} pods.`;
    this.#draw();
    this.#fillFrom(snap.view);
    this.dataset.status = "ready";
    this.dispatchEvent(new CustomEvent("svcplay-evaluated", { detail: { evaluation: ev, created, rejected }, bubbles: true, composed: true }));
    return ev;
  }

  #draw(): void {
    if (!this.#view) return;
    const drawing = drawCluster(this.#view, {
      showSystem: false,
      selected: null,
      width: this.#diagram.clientWidth || 700,
      onSelect: (s) => {
        if (s.kind === "pod") this.#from.value = `pod/${s.namespace}/${s.name}`;
        else if (s.kind === "client") this.#from.value = "external";
      },
    });
    this.#diagram.replaceChildren(drawing.svg);
  }

  #fillFrom(view: ClusterView): void {
    const keep = this.#from.value;
    const options = [h("option", { value: "external" }, "External client (198.51.100.10)")];
    for (const p of view.pods.filter((x) => !isSystem(x.namespace))) options.push(h("option", { value: `pod/${p.namespace}/${p.name}` }, `Pod ${p.name}`));
    for (const n of view.nodes) options.push(h("option", { value: `node/${n.name}` }, `Node ${n.name}`));
    this.#from.replaceChildren(...options);
    if (options.some((o) => o.value === keep)) this.#from.value = keep;
    if (!this.#to.value) {
      const svc = view.services.find((s) => !isSystem(s.namespace, s.name) && s.ports.some((p) => p.nodePort));
      const port = svc?.ports.find((p) => p.nodePort);
      if (port && view.nodes[1]) this.#to.value = `${view.nodes[1].ip}:${port.nodePort}`;
    }
  }

  /** Simulates requests; resolves with the engine's answer (a report, or an error text). */
  async request(spec: { from?: From; to: string; count?: number; protocol?: string }): Promise<RequestAnswer> {
    await this.start();
    const engine = this.#engine;
    if (!engine) throw new Error("svcplay: the scenario could not be loaded");
    const count = Math.max(1, Math.min(100_000, Math.round(Number(spec.count ?? 1)) || 1));
    const request: RequestSpec = { from: parseFrom(spec.from, this.#view), to: String(spec.to), count };
    if (typeof spec.protocol === "string") request.protocol = spec.protocol;
    const answer = await engine.call({ method: "request", spec: request });
    this.#outcome.className = answer.error === null ? "outcome" : "outcome bad";
    this.#outcome.textContent = answer.error === null ? outcomeText(answer.report) : `Cannot send: ${answer.error}`;
    this.dispatchEvent(new CustomEvent("svcplay-request", { detail: answer, bubbles: true, composed: true }));
    return answer;
  }
}

if (!customElements.get("svcplay-playground")) customElements.define("svcplay-playground", SvcplayPlayground);

declare global {
  interface HTMLElementTagNameMap {
    "svcplay-playground": SvcplayPlayground;
  }
}
