// The cluster diagram: SVG built with DOM APIs (every value lands in textContent or an attribute,
// never in markup). Nodes are boxes holding their pods; Services sit above with their port chain
// and lines to the pods their EndpointSlices list; the external client and load balancers are
// outside the cluster. Large clusters are aggregated ("+37 pods").
import type { ClusterView, PodView, RequestReport, ServiceView, Source } from "../pkg/svcplay_wasm.js";
import type { Snapshot } from "./protocol";

const SVG = "http://www.w3.org/2000/svg";

export type Selection =
  | { kind: "pod"; namespace: string; name: string }
  | { kind: "node"; name: string }
  | { kind: "service"; namespace: string; name: string }
  | { kind: "client" };

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Drawing {
  svg: SVGSVGElement;
  boxes: Map<string, Box>;
  /** The layer paths and request dots are drawn in. */
  overlay: SVGGElement;
}

export const MAX_PODS_PER_NODE = 6;
export const MAX_NODES = 12;
export const MAX_SERVICES = 10;

const M = 16;
const NODE_W = 224;
const POD_W = 204;
const POD_H = 52;
const NODE_HEAD = 46;
const SVC_W = 224;
const SVC_H = 74;
const OUT_H = 56;

function el<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  parent?.append(node);
  return node;
}

function fit(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function text(parent: Element, x: number, y: number, value: string, cls: string, max = 30): SVGTextElement {
  const t = el("text", { x, y, class: cls }, parent);
  t.textContent = fit(value, max);
  return t;
}

/** A focusable group that acts as a button. */
function item(parent: Element, key: string, label: string, cls: string, onSelect: () => void): SVGGElement {
  const g = el("g", { class: `item ${cls}`, tabindex: 0, role: "button", "data-key": key }, parent);
  g.setAttribute("aria-label", label);
  const title = el("title", {}, g);
  title.textContent = label;
  g.addEventListener("click", onSelect);
  g.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelect();
    }
  });
  return g;
}

export function isSystem(namespace: string, name?: string): boolean {
  return namespace === "kube-system" || (namespace === "default" && name === "kubernetes");
}

/** `1 node`, `4 nodes`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The one-line outcome of an evaluation, as the page and the element show it: what was created
 * or rejected, YAML errors, and what the cluster holds (without kube-system and the API
 * server's own Service).
 */
export function evaluationSummary(snap: Snapshot, observed: boolean): string {
  const ev = snap.evaluation;
  const created = ev.results.filter((r) => r.created).length;
  const rejected = ev.results.length - created;
  const errors = ev.diagnostics.filter((d) => d.severity === "error").length;
  const pods = snap.view.pods.filter((p) => !isSystem(p.namespace)).length;
  const services = snap.view.services.filter((s) => !isSystem(s.namespace, s.name)).length;
  return (
    `${observed ? "Replayed as observed state" : "Evaluated"}: ${created} created, ${rejected} rejected` +
    `${errors ? `, ${count(errors, "YAML error")}` : ""}; ` +
    `${count(snap.view.nodes.length, "node")}, ${count(pods, "pod")}, ${count(services, "service")}.`
  );
}

export function portChain(svc: ServiceView): string {
  if (svc.type === "ExternalName") return `→ ${svc.externalName}`;
  if (svc.ports.length === 0) return "no ports";
  return svc.ports
    .map((p) => [p.nodePort, p.port, p.targetPort].filter((v) => v !== null && v !== "").join(" → "))
    .join(", ");
}

function podLabel(p: PodView): string {
  const state = p.terminating ? "terminating" : p.ready ? "ready" : p.phase === "Running" ? "not ready" : p.phase.toLowerCase() || "pending";
  return state;
}

export function drawCluster(
  view: ClusterView,
  options: { showSystem: boolean; selected: string | null; width: number; onSelect: (s: Selection) => void },
): Drawing {
  const boxes = new Map<string, Box>();
  const show = (ns: string, name?: string) => options.showSystem || !isSystem(ns, name);
  const pods = view.pods.filter((p) => show(p.namespace));
  const services = view.services.filter((s) => show(s.namespace, s.name));
  const shownServices = services.slice(0, MAX_SERVICES);
  const nodes = view.nodes.slice(0, MAX_NODES);
  const hiddenNodes = view.nodes.length - nodes.length;

  // As many columns as the available width holds (at least one, at most four).
  const fits = Math.max(1, Math.min(4, Math.floor((options.width - 3 * M) / (NODE_W + M))));
  const cols = Math.max(1, Math.min(fits, nodes.length + (hiddenNodes > 0 ? 1 : 0)));
  const svcCols = Math.max(1, Math.min(fits, shownServices.length));
  const innerW = Math.max(cols * (NODE_W + M), svcCols * (SVC_W + M), 170 + M) - M;
  const width = innerW + 4 * M;

  const svg = el("svg", { class: "diagram", role: "group" });
  svg.setAttribute("aria-label", "Cluster diagram");
  const lines = el("g", { class: "lines" }, svg);
  const layer = el("g", {}, svg);

  // Outside the cluster: the external client, load balancers, external names.
  const outside = el("g", { class: "outside" }, layer);
  text(outside, M, M + 4, "Outside the cluster", "caption");
  let ox = M;
  const oy = M + 14;
  const client = item(outside, "client", "External client (198.51.100.10), outside the cluster", "client", () =>
    options.onSelect({ kind: "client" }),
  );
  el("rect", { x: ox, y: oy, width: 170, height: OUT_H, rx: 8 }, client);
  text(client, ox + 10, oy + 22, "External client", "title");
  text(client, ox + 10, oy + 42, "198.51.100.10", "mono");
  boxes.set("client", { x: ox, y: oy, w: 170, h: OUT_H });
  ox += 170 + M;
  for (const s of services) {
    if (s.type !== "LoadBalancer" && s.type !== "ExternalName") continue;
    if (ox + 200 > width) break;
    const isLb = s.type === "LoadBalancer";
    const addr = isLb ? s.loadBalancer[0] ?? "<pending>" : s.externalName;
    const key = isLb ? `lb:${s.namespace}/${s.name}` : `ext:${s.namespace}/${s.name}`;
    const g = el("g", { class: isLb ? "lb" : "external" }, outside);
    el("rect", { x: ox, y: oy, width: 200, height: OUT_H, rx: 8 }, g);
    text(g, ox + 10, oy + 22, isLb ? `Load balancer (${s.name})` : "External service", "title", 28);
    text(g, ox + 10, oy + 42, addr, "mono", 28);
    boxes.set(key, { x: ox, y: oy, w: 200, h: OUT_H });
    ox += 200 + M;
  }

  // The cluster.
  const top = oy + OUT_H + 2 * M;
  const cluster = el("g", { class: "cluster" }, layer);
  const frame = el("rect", { x: M / 2, y: top, width: width - M, height: 0, rx: 12, class: "frame" }, cluster);
  text(cluster, 2 * M, top + 22, "Cluster", "caption");

  // Services.
  let y = top + 36;
  shownServices.forEach((s, i) => {
    const x = 2 * M + (i % svcCols) * (SVC_W + M);
    const yy = y + Math.floor(i / svcCols) * (SVC_H + M);
    const key = `svc:${s.namespace}/${s.name}`;
    const ready = s.endpoints.filter((e) => e.ready).length;
    const label = `Service ${s.name} (${s.type}), ${s.clusterIP || "no cluster IP"}, ports ${portChain(s)}, ${ready} ready endpoints`;
    const g = item(cluster, key, label, `service${options.selected === key ? " selected" : ""}${ready === 0 && s.type !== "ExternalName" ? " empty" : ""}`, () =>
      options.onSelect({ kind: "service", namespace: s.namespace, name: s.name }),
    );
    el("rect", { x, y: yy, width: SVC_W, height: SVC_H, rx: 8 }, g);
    text(g, x + 10, yy + 20, `svc/${s.name}`, "title", 26);
    text(g, x + 10, yy + 38, `${s.type} · ${s.clusterIP || "—"}`, "small", 34);
    text(g, x + 10, yy + 58, portChain(s), "mono", 30);
    if (s.type !== "ExternalName") text(g, x + SVC_W - 10, yy + 20, `${ready}/${s.endpoints.length}`, "badge end", 8);
    boxes.set(key, { x, y: yy, w: SVC_W, h: SVC_H });
  });
  if (services.length > shownServices.length) {
    text(cluster, 2 * M, y + Math.ceil(shownServices.length / svcCols) * (SVC_H + M) + 4, `+${services.length - shownServices.length} services (see Inspect)`, "small");
  }
  y += Math.ceil(Math.max(1, shownServices.length) / svcCols) * (SVC_H + M) + 2 * M;

  // Nodes and their pods.
  const byNode = new Map<string, PodView[]>();
  const unscheduled: PodView[] = [];
  for (const p of pods) {
    if (p.node && view.nodes.some((n) => n.name === p.node)) {
      const list = byNode.get(p.node) ?? [];
      list.push(p);
      byNode.set(p.node, list);
    } else unscheduled.push(p);
  }
  const rowHeights: number[] = [];
  nodes.forEach((n, i) => {
    const row = Math.floor(i / cols);
    const count = Math.min(byNode.get(n.name)?.length ?? 0, MAX_PODS_PER_NODE);
    const extra = (byNode.get(n.name)?.length ?? 0) > MAX_PODS_PER_NODE ? 24 : 0;
    rowHeights[row] = Math.max(rowHeights[row] ?? 0, NODE_HEAD + count * (POD_H + 8) + extra + 12);
  });
  const rowTop: number[] = [];
  let acc = y;
  for (const h of rowHeights) {
    rowTop.push(acc);
    acc += h + M;
  }
  nodes.forEach((n, i) => {
    const row = Math.floor(i / cols);
    const x = 2 * M + (i % cols) * (NODE_W + M);
    const ny = rowTop[row]!;
    const h = rowHeights[row]!;
    const key = `node:${n.name}`;
    const status = `${n.ready ? "Ready" : "NotReady"}${n.unschedulable ? ", cordoned" : ""}${n.controlPlane ? ", control plane" : ""}`;
    const g = item(cluster, key, `Node ${n.name}, ${n.ip}, ${status}`, `node${options.selected === key ? " selected" : ""}${n.unschedulable ? " cordoned" : ""}`, () =>
      options.onSelect({ kind: "node", name: n.name }),
    );
    el("rect", { x, y: ny, width: NODE_W, height: h, rx: 10 }, g);
    text(g, x + 10, ny + 20, n.name, "title", 24);
    text(g, x + 10, ny + 38, `${n.ip}${n.unschedulable ? " · cordoned" : ""}${n.controlPlane ? " · control plane" : ""}`, "small", 36);
    boxes.set(key, { x, y: ny, w: NODE_W, h: NODE_HEAD });
    const list = byNode.get(n.name) ?? [];
    list.slice(0, MAX_PODS_PER_NODE).forEach((p, j) => {
      const px = x + (NODE_W - POD_W) / 2;
      const py = ny + NODE_HEAD + j * (POD_H + 8);
      drawPod(cluster, p, px, py, boxes, options);
    });
    if (list.length > MAX_PODS_PER_NODE) {
      const more = list.length - MAX_PODS_PER_NODE;
      text(g, x + 10, ny + NODE_HEAD + MAX_PODS_PER_NODE * (POD_H + 8) + 12, `+${more} pods`, "small more");
      // Hidden pods are reached through the node's box.
      for (const p of list.slice(MAX_PODS_PER_NODE)) boxes.set(`pod:${p.namespace}/${p.name}`, { x, y: ny + h - 24, w: NODE_W, h: 20 });
    }
  });
  if (hiddenNodes > 0) {
    const i = nodes.length;
    const x = 2 * M + (i % cols) * (NODE_W + M);
    const ny = rowTop[Math.floor(i / cols)] ?? acc;
    const g = el("g", { class: "node more" }, cluster);
    el("rect", { x, y: ny, width: NODE_W, height: 60, rx: 10 }, g);
    const hiddenPods = view.nodes.slice(MAX_NODES).reduce((sum, n) => sum + (byNode.get(n.name)?.length ?? 0), 0);
    text(g, x + 10, ny + 24, `+${hiddenNodes} nodes`, "title");
    text(g, x + 10, ny + 44, `with ${hiddenPods} pods (see Inspect)`, "small");
    if (rowTop.length <= Math.floor(i / cols)) acc += 60 + M;
  }
  y = acc;
  if (unscheduled.length > 0) {
    const g = el("g", { class: "node pending" }, cluster);
    const shown = unscheduled.slice(0, MAX_PODS_PER_NODE);
    const h = NODE_HEAD + shown.length * (POD_H + 8) + (unscheduled.length > shown.length ? 24 : 0) + 12;
    el("rect", { x: 2 * M, y, width: NODE_W, height: h, rx: 10 }, g);
    text(g, 2 * M + 10, y + 20, "Not scheduled", "title");
    text(g, 2 * M + 10, y + 38, "Pending: no node fits", "small");
    shown.forEach((p, j) => drawPod(cluster, p, 2 * M + (NODE_W - POD_W) / 2, y + NODE_HEAD + j * (POD_H + 8), boxes, options));
    if (unscheduled.length > shown.length) text(g, 2 * M + 10, y + h - 12, `+${unscheduled.length - shown.length} pods`, "small more");
    y += h + M;
  }
  frame.setAttribute("height", String(y - top));
  const height = y + M;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));

  // Lines: Service → the pods it lists; load balancer → nodes; ExternalName → outside.
  for (const s of shownServices) {
    const from = boxes.get(`svc:${s.namespace}/${s.name}`)!;
    const seen = new Set<string>();
    for (const e of s.endpoints) {
      if (!e.pod) continue;
      const key = `pod:${s.namespace}/${e.pod}`;
      const to = boxes.get(key);
      if (!to || seen.has(key)) continue;
      seen.add(key);
      el("line", { x1: from.x + from.w / 2, y1: from.y + from.h, x2: to.x + to.w / 2, y2: to.y, class: e.ready ? "selects" : "selects unready" }, lines);
    }
    if (s.type === "LoadBalancer") {
      const lb = boxes.get(`lb:${s.namespace}/${s.name}`);
      if (lb && s.loadBalancer.length > 0)
        for (const n of nodes) {
          const to = boxes.get(`node:${n.name}`)!;
          el("line", { x1: lb.x + lb.w / 2, y1: lb.y + lb.h, x2: to.x + to.w / 2, y2: to.y, class: "lb-line" }, lines);
        }
    }
    if (s.type === "ExternalName") {
      const ext = boxes.get(`ext:${s.namespace}/${s.name}`);
      if (ext) el("line", { x1: from.x + from.w / 2, y1: from.y, x2: ext.x + ext.w / 2, y2: ext.y + ext.h, class: "lb-line" }, lines);
    }
  }
  const overlay = el("g", { class: "overlay" }, svg);
  return { svg, boxes, overlay };
}

function drawPod(
  parent: Element,
  p: PodView,
  x: number,
  y: number,
  boxes: Map<string, Box>,
  options: { selected: string | null; onSelect: (s: Selection) => void },
): void {
  const key = `pod:${p.namespace}/${p.name}`;
  const state = podLabel(p);
  const labels = Object.entries(p.labels)
    .filter(([k]) => k !== "pod-template-hash")
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  const g = item(
    parent,
    key,
    `Pod ${p.name}, ${p.ip || "no IP"}, ${state}${labels ? `, labels ${labels}` : ""}`,
    `pod ${p.ready ? "ready" : "unready"}${p.terminating ? " terminating" : ""}${options.selected === key ? " selected" : ""}`,
    () => options.onSelect({ kind: "pod", namespace: p.namespace, name: p.name }),
  );
  el("rect", { x, y, width: POD_W, height: POD_H, rx: 6 }, g);
  el("circle", { cx: x + 12, cy: y + 16, r: 5, class: "dot" }, g);
  text(g, x + 22, y + 20, p.name, "title small", 26);
  text(g, x + 10, y + 36, `${p.ip || "no IP"} · ${state}`, "small", 32);
  if (labels) text(g, x + 10, y + 48, labels, "tiny", 38);
  boxes.set(key, { x, y, w: POD_W, h: POD_H });
}

/** The centres of the boxes one request passed: its source, load balancer, entry node, then the pod. */
function pathPoints(boxes: Map<string, Box>, from: Source, report: RequestReport, r: RequestReport["requests"][number]): { x: number; y: number }[] {
  const pts: { x: number; y: number }[] = [];
  // Where a path touches a box: a pod at its status dot, a node at the right end of its title
  // row, anything else (client, load balancer, external name) at the middle of its bottom edge:
  // all clear of the text.
  const at = (key: string) => {
    const b = boxes.get(key);
    if (!b) return;
    if (key.startsWith("pod:")) pts.push({ x: b.x + 12, y: b.y + 16 });
    else if (key.startsWith("node:")) pts.push({ x: b.x + b.w - 14, y: b.y + 14 });
    else pts.push({ x: b.x + b.w / 2, y: b.y + b.h });
  };
  if (from.kind === "pod") at(`pod:${from.namespace}/${from.name}`);
  else if (from.kind === "node") at(`node:${report.client.node ?? from.name}`);
  else at("client");
  const svc = report.service?.replace(/:[^:]*$/, "");
  for (const hop of r.hops) {
    if (hop.step === "loadBalancer" && svc) at(`lb:${svc}`);
    if (hop.step === "node") at(`node:${hop.at}`);
  }
  if (r.outcome === "delivered" && r.pod) at(`pod:${r.namespace ?? "default"}/${r.pod}`);
  if (r.outcome === "leftCluster" && svc) at(`ext:${svc}`);
  return pts;
}

const reducedMotion = typeof window === "undefined" ? undefined : window.matchMedia("(prefers-reduced-motion: reduce)");

/**
 * Draws the paths of the first five requests of `report` (sent from `from`) over the diagram and,
 * when `animate` is set and the reader allows motion, moves a dot along each one hop by hop.
 */
export function drawRequestPath(drawing: Drawing, from: Source, report: RequestReport, animate: boolean): void {
  drawing.overlay.replaceChildren();
  report.requests.slice(0, 5).forEach((r, i) => {
    const pts = pathPoints(drawing.boxes, from, report, r);
    if (pts.length < 2) return;
    el("polyline", { points: pts.map((p) => `${p.x},${p.y}`).join(" "), class: `path ${r.outcome}` }, drawing.overlay);
    if (!animate || reducedMotion?.matches) return;
    const dot = el("circle", { r: 7, class: `packet ${r.outcome}` }, drawing.overlay);
    const frames = pts.map((p) => ({ transform: `translate(${p.x}px, ${p.y}px)` }));
    const a = dot.animate(frames, { duration: 500 * pts.length, delay: i * 250, fill: "forwards", easing: "ease-in-out" });
    a.onfinish = () => dot.remove();
  });
}
