// <svcplay-playground>: the playground as a custom element for docs pages. One
// `<script type="module" src=".../embed.js">` and the tag. The scenario comes from an inline
// `<script type="text/yaml">` or `<pre>` child, a `src` URL or a `preset` name; the light-DOM
// children are the no-JavaScript fallback (a shadow root without a slot hides them once the element
// runs). Each instance has its own engine worker; the wasm file is fetched once and then comes from
// the browser cache. An element removed from the page for good (MkDocs Material's instant
// navigation swaps the content) stops its worker; put back, it starts again. Nothing leaves the
// page: the only network requests load the static files.
import type { Change, ClusterView, Evaluation, RequestAnswer, RequestReport, RequestSpec, Source } from "../pkg/svcplay_wasm.js";
import diagramCss from "./diagram.css?inline";
import { drawCluster, drawRequestPath, evaluationSummary, isSystem, type Drawing } from "./diagram";
import { looksLikeDump } from "./dump";
import type { Editor } from "./editor";
import { Engine, EngineFault } from "./engine";
import { exportAs, type ExportKind } from "./export";
import { DEFAULT_PRESET, PRESETS, defaultShared } from "./presets";
import { frameUrl, iframeSnippet, linkRefusal, offerLink, shareUrl, type Shared } from "./share";

/** This script's own address: the playground page (index.html) is published beside it. */
const SCRIPT_URL = import.meta.url;

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
.tools { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.5rem; font-size: 0.85rem; }
.share { margin: 0.4rem 0 0; font-size: 0.85rem; display: flex; gap: 0.4rem; align-items: center; }
.share input { flex: 1; min-width: 10rem; font-family: ui-monospace, monospace; font-size: 0.8rem; }
.share[hidden] { display: none; }
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
  static observedAttributes = ["theme", "height", "seed", "observed", "system"];

  #root: ShadowRoot;
  #status = h("p", { class: "status", role: "status" }, "Starts when visible.");
  #editorBox = h("div", { class: "editor" });
  #diagram = h("div", { class: "diagram-wrap" });
  #from = h("select", { "aria-label": "From" });
  #to = h("input", { "aria-label": "To", spellcheck: "false", autocomplete: "off" });
  #count = h("input", { "aria-label": "Requests", type: "number", min: "1", max: "100000", value: "1" });
  #outcome = h("p", { class: "outcome", "aria-live": "polite" });
  #form = h("form", {}, h("label", {}, "From", this.#from), h("label", {}, "To", this.#to), h("label", {}, "Requests", this.#count), h("button", { type: "submit" }, "Send"));
  #shareField = h("input", { readonly: "", spellcheck: "false" });
  #shareLabel = h("span", {}, "Link to this scenario");
  #shareBox = h("p", { class: "share", hidden: "" }, h("label", {}, this.#shareLabel, " ", this.#shareField));
  #tools = h("div", { class: "tools", role: "group", "aria-label": "Share and export" });
  #engine: Engine | undefined;
  #editor: Editor | undefined;
  #yaml = "";
  /** A scenario given as text before the start (the `yaml` setter): it wins over children, `src` and `preset`. */
  #given: string | undefined;
  #changes: Change[] = [];
  /** Whether the scenario is still the `preset` attribute's own (then a link just names it). */
  #presetId: string | undefined;
  /** Whether the scenario was changed (editor or `load()`) since it was read. */
  #edited = false;
  #view: ClusterView | undefined;
  #drawing: Drawing | undefined;
  /** The last request's report and where it was sent from: its path is drawn over the diagram. */
  #last: { from: Source; report: RequestReport } | undefined;
  #resize: ResizeObserver | undefined;
  #drawnWidth = 0;
  #started: Promise<void> | undefined;
  #visible: IntersectionObserver | undefined;
  #themeWatch: MutationObserver | undefined;
  #media = window.matchMedia("(prefers-color-scheme: dark)");
  #onMedia = () => this.#applyTheme();
  #generation = 0;
  /** Counts starts and stops: a start whose element was stopped meanwhile gives up. */
  #run = 0;
  #timer: number | undefined;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    this.#root.adoptedStyleSheets = [styles()];
    const copy = h("button", { type: "button" }, "Copy link");
    copy.addEventListener("click", () => void this.copyLink());
    const frame = h("button", { type: "button" }, "Copy iframe");
    frame.addEventListener("click", () => void this.copyIframe());
    this.#tools.append(copy, frame);
    for (const kind of ["yaml", "svg", "png"] satisfies ExportKind[]) {
      const b = h("button", { type: "button" }, `Download ${kind.toUpperCase()}`);
      b.addEventListener("click", () => {
        this.#export(kind).catch((error: unknown) => {
          this.#status.textContent = `The ${kind.toUpperCase()} file could not be made: ${error instanceof Error ? error.message : String(error)}`;
        });
      });
      this.#tools.append(b);
    }
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

  /**
   * Sets the `views` attribute (a list or a space-separated string). Frameworks that set
   * properties on custom elements (React 19 does when the element is defined) land here.
   */
  set views(value: string[] | string) {
    this.setAttribute("views", Array.isArray(value) ? value.join(" ") : String(value));
  }

  connectedCallback(): void {
    if (!this.#root.firstChild) {
      const views = this.views;
      const box = h("div", { class: "box", role: "region", "aria-label": this.getAttribute("label") ?? "Kubernetes Services playground" }, this.#status);
      if (views.includes("editor")) box.append(this.#editorBox);
      box.append(this.#diagram);
      if (views.includes("requests")) box.append(this.#form, this.#outcome, this.#tools, this.#shareBox);
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
    this.#resize = new ResizeObserver(() => {
      const w = this.#diagram.clientWidth;
      if (!this.#view || Math.abs(w - this.#drawnWidth) < 40) return;
      this.#draw();
    });
    this.#resize.observe(this.#diagram);
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
    this.#resize?.disconnect();
    this.#media.removeEventListener("change", this.#onMedia);
    // A move (removed and inserted in one task) keeps everything; a removal stops the worker.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  /** Stops the worker and forgets the evaluation; the element starts afresh when connected again. */
  #stop(): void {
    this.#engine?.dispose();
    this.#engine = undefined;
    this.#editor?.view.destroy();
    this.#editor = undefined;
    this.#editorBox.replaceChildren();
    this.#started = undefined;
    this.#run++;
    this.#view = undefined;
    this.#drawing = undefined;
    this.#last = undefined;
    this.#generation++;
    window.clearTimeout(this.#timer);
    this.dataset.status = "idle";
    this.#status.textContent = "Starts when visible.";
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === "theme") this.#applyTheme();
    if (name === "height") this.#applyHeight();
    if ((name === "seed" || name === "observed") && old !== value && this.#engine) void this.#evaluate();
    if (name === "system" && (old === null) !== (value === null)) this.#draw();
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
    if (this.#given !== undefined) return this.#given;
    const inline = this.querySelector('script[type="text/yaml"], script[type="application/yaml"], pre');
    if (inline?.textContent?.trim()) return dedent(inline.textContent);
    const src = this.getAttribute("src");
    if (src) {
      const response = await fetch(new URL(src, document.baseURI));
      if (!response.ok) throw new Error(`svcplay: ${src}: HTTP ${response.status}`);
      // Hosts that answer every unknown path with their HTML page (single-page-app fallback).
      const type = response.headers.get("content-type") ?? "";
      if (/^text\/html\b/i.test(type)) throw new Error(`svcplay: ${src}: not found (the server sent an HTML page)`);
      return response.text();
    }
    const preset = this.getAttribute("preset");
    const found = PRESETS.find((p) => p.id === (preset ?? DEFAULT_PRESET));
    if (!found) throw new Error(`svcplay: no preset named ${JSON.stringify(preset)} (known: ${PRESETS.map((p) => p.id).join(", ")})`);
    this.#presetId = found.id;
    return found.yaml;
  }

  get seed(): number {
    const n = Number(this.getAttribute("seed") ?? "1");
    return Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff ? n : 1;
  }

  /** Sets the `seed` attribute. */
  set seed(value: number | string) {
    this.setAttribute("seed", String(value));
  }

  /**
   * Whether the scenario is replayed as observed state (a cluster's stored objects: values taken as
   * stored, nothing re-allocated): the `observed` attribute (`observed="false"` turns it off),
   * else whether the text looks like a `kubectl get -o yaml` dump, as in the page.
   */
  get observed(): boolean {
    const attr = this.getAttribute("observed");
    if (attr === null) return looksLikeDump(this.#yaml);
    return attr !== "false";
  }

  /** Sets the `observed` attribute (`true`/`false`); `null` removes it (the text decides). */
  set observed(value: boolean | string | null) {
    if (value === null || value === undefined) this.removeAttribute("observed");
    else this.setAttribute("observed", String(value));
  }

  /** Starts the engine and evaluates the scenario (once; later calls wait for the first). */
  start(): Promise<void> {
    this.#visible?.disconnect();
    this.#started ??= (async () => {
      const run = this.#run;
      this.dataset.status = "loading";
      this.#status.textContent = "Loading the simulator…";
      try {
        const yaml = await this.#initialYaml();
        if (run !== this.#run) return;
        this.#yaml = yaml;
        this.#edited = false;
      } catch (error) {
        if (run !== this.#run) return;
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
        if (run !== this.#run) return;
        this.#editor = createEditor(this.#editorBox, this.#yaml, (text) => {
          this.#yaml = text;
          this.#presetId = undefined;
          this.#edited = true;
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
    this.#presetId = undefined;
    this.#edited = true;
    if (this.#editor && this.#editor.text() !== this.#yaml) this.#editor.setText(this.#yaml);
    window.clearTimeout(this.#timer);
    return this.#evaluate();
  }

  /** The scenario's current text. */
  get yaml(): string {
    return this.#yaml;
  }

  /**
   * Sets the scenario as text, exactly as given (no dedent): before the start it is what the
   * element starts with (instead of its children, `src` or `preset`); later it is `load(text)`.
   */
  set yaml(text: string) {
    if (this.#started) void this.load(text);
    else this.#given = String(text);
  }

  /**
   * Live changes replayed after each evaluation (scale a Deployment, delete a pod, cordon a node…),
   * as share links carry them. Setting them on a running element re-evaluates.
   */
  get changes(): Change[] {
    return [...this.#changes];
  }

  set changes(list: Change[]) {
    this.#changes = Array.isArray(list) ? [...list] : [];
    if (this.#engine) void this.#evaluate();
  }

  async #evaluate(): Promise<Evaluation | undefined> {
    const engine = this.#engine;
    if (!engine) return undefined;
    const mine = ++this.#generation;
    const observed = this.observed;
    let snap;
    try {
      snap = await engine.call({ method: "evaluate", yaml: this.#yaml, seed: this.seed, changes: this.#changes, observed });
    } catch (error) {
      if (error instanceof EngineFault) return undefined;
      throw error;
    }
    if (mine !== this.#generation) return snap.evaluation;
    this.#view = snap.view;
    this.#last = undefined;
    const ev = snap.evaluation;
    const created = ev.results.filter((r) => r.created).length;
    const rejected = ev.results.length - created;
    this.#editor?.showDiagnostics(ev);
    this.#status.textContent = evaluationSummary(snap, observed);
    this.#draw();
    this.#fillFrom(snap.view);
    this.dataset.status = "ready";
    this.dispatchEvent(new CustomEvent("svcplay-evaluated", { detail: { evaluation: ev, created, rejected, observed }, bubbles: true, composed: true }));
    return ev;
  }

  #draw(): void {
    if (!this.#view) return;
    this.#drawnWidth = this.#diagram.clientWidth;
    const drawing = drawCluster(this.#view, {
      showSystem: this.hasAttribute("system"),
      selected: null,
      width: this.#drawnWidth || 700,
      onSelect: (s) => {
        if (s.kind === "pod") this.#from.value = `pod/${s.namespace}/${s.name}`;
        else if (s.kind === "client") this.#from.value = "external";
      },
    });
    this.#diagram.replaceChildren(drawing.svg);
    this.#drawing = drawing;
    if (this.#last) drawRequestPath(drawing, this.#last.from, this.#last.report, false);
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
    this.#last = answer.error === null ? { from: request.from, report: answer.report } : undefined;
    if (this.#drawing) {
      if (answer.error === null) drawRequestPath(this.#drawing, request.from, answer.report, true);
      else this.#drawing.overlay.replaceChildren();
    }
    this.#outcome.className = answer.error === null ? "outcome" : "outcome bad";
    this.#outcome.textContent = answer.error === null ? outcomeText(answer.report) : `Cannot send: ${answer.error}`;
    this.dispatchEvent(new CustomEvent("svcplay-request", { detail: answer, bubbles: true, composed: true }));
    return answer;
  }

  /**
   * The address of the playground page (`index.html` beside `embed.js`, or the `page` attribute)
   * opening this scenario, seed and replay mode; `null` when the scenario is a cluster dump,
   * which is never put in a link.
   */
  async link(): Promise<string | null> {
    if (linkRefusal(this.#yaml)) return null;
    return shareUrl(this.#page().href, this.#shared(), defaultShared(), PRESETS);
  }

  /** The playground page: the `page` attribute, else `index.html` beside `embed.js`. */
  #page(): URL {
    return new URL(this.getAttribute("page") ?? "./", SCRIPT_URL);
  }

  #shared(): Shared {
    return {
      ...defaultShared(),
      yaml: this.#yaml,
      seed: this.seed,
      preset: this.#presetId ?? DEFAULT_PRESET,
      showSystem: this.hasAttribute("system"),
      changes: this.#changes,
      observed: this.observed,
    };
  }

  /**
   * An `<iframe>` showing this scenario, seed, replay mode and views through the frame page
   * (`frame.html` beside the playground page), for hosts that allow no scripts; `null` for a
   * cluster dump, which is never put in a link.
   */
  async iframe(): Promise<string | null> {
    if (linkRefusal(this.#yaml)) return null;
    const url = await frameUrl(this.#page(), this.#shared(), defaultShared(), PRESETS, this.views);
    return iframeSnippet(url, this.getAttribute("label") ?? "Kubernetes Services playground", this.views);
  }

  /** "Copy link": shows the link under the buttons and copies it to the clipboard. */
  async copyLink(): Promise<void> {
    await this.start();
    const url = await this.link();
    if (url === null) {
      this.#shareBox.hidden = true;
      this.#status.textContent = linkRefusal(this.#yaml) ?? "";
      return;
    }
    this.#shareLabel.textContent = "Link to this scenario";
    this.#status.textContent = await offerLink(url, this.#shareField, this.#shareBox);
  }

  /** "Copy iframe": shows the `<iframe>` snippet under the buttons and copies it. */
  async copyIframe(): Promise<void> {
    await this.start();
    const snippet = await this.iframe();
    if (snippet === null) {
      this.#shareBox.hidden = true;
      this.#status.textContent = linkRefusal(this.#yaml) ?? "";
      return;
    }
    this.#shareLabel.textContent = "Iframe for pages without scripts";
    this.#status.textContent = await offerLink(snippet, this.#shareField, this.#shareBox, "Iframe snippet");
  }

  async #export(kind: ExportKind): Promise<void> {
    await this.start();
    const background = getComputedStyle(this.#diagram).backgroundColor || "#ffffff";
    const file = /([^/?#]+?)(\.ya?ml)?(?:[?#].*)?$/i.exec(this.getAttribute("src") ?? "")?.[1];
    const name = this.#presetId ?? (file && !this.#edited ? file : "scenario");
    await exportAs(kind, { yaml: this.#yaml, svg: this.#drawing?.svg, background, name: `svcplay-${name}` });
  }
}

if (!customElements.get("svcplay-playground")) customElements.define("svcplay-playground", SvcplayPlayground);

declare global {
  interface HTMLElementTagNameMap {
    "svcplay-playground": SvcplayPlayground;
  }
}
