// The minimal page: evaluate the scenario in the textarea and show what the cluster holds.
// Every value from the simulator reaches the DOM through textContent, never as HTML.
import init, { Playground, type Evaluation, type Item, type Position } from "../pkg/svcplay_wasm.js";
import defaultScenario from "./scenarios/multi-node-nodeport.yaml?raw";
import "./style.css";

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`svcplay: the page has no #${id}`);
  return el as T;
}

const app = byId<HTMLElement>("app");
const form = byId<HTMLFormElement>("scenario-form");
const scenario = byId<HTMLTextAreaElement>("scenario");
const seedInput = byId<HTMLInputElement>("seed");
const status = byId<HTMLParagraphElement>("status");
const resultsList = byId<HTMLUListElement>("results");
const diagnosticsList = byId<HTMLUListElement>("diagnostics");
const tableBody = byId<HTMLTableElement>("objects").tBodies[0]!;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function where(position: Position | null): string {
  return position ? `line ${position.line}, column ${position.column}: ` : "";
}

/** `kubectl get` names resources `service/myapp`, with the lower-cased kind. */
export function resourceName(item: Item): string {
  return `${item.kind.toLowerCase()}/${item.name}`;
}

/** The PORT(S) column: `80:30008/TCP,443/TCP`. */
export function servicePorts(item: Item): string {
  const ports = item.object.spec?.ports ?? [];
  if (ports.length === 0) return "<none>";
  return ports
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol || "TCP"}`)
    .join(",");
}

function render(evaluation: Evaluation): void {
  const created = evaluation.results.filter((r) => r.created).length;
  const rejected = evaluation.results.length - created;
  const problems = evaluation.diagnostics.filter((d) => d.severity === "error").length;
  status.textContent =
    `Evaluated: ${created} created, ${rejected} rejected, ${problems} input errors; ` +
    `${evaluation.items.length} objects in the cluster.`;

  resultsList.replaceChildren(
    ...evaluation.results.map((r) => {
      const li = el("li", undefined, r.created ? "ok" : "rejected");
      const what = `${r.kind.toLowerCase()}/${r.name}`;
      li.append(el("span", r.created ? `${what} created` : `${what}: ${r.reason} (${r.code})`));
      if (r.errors.length + r.warnings.length > 0) {
        const details = el("ul");
        for (const e of r.errors) details.append(el("li", where(e.position) + e.message, "error"));
        for (const w of r.warnings) details.append(el("li", where(w.position) + w.message, "warning"));
        li.append(details);
      }
      return li;
    }),
  );

  diagnosticsList.replaceChildren(
    ...evaluation.diagnostics.map((d) => {
      const hint = d.hint ? ` (${d.hint})` : "";
      return el("li", `${d.severity}: ${where(d.position)}${d.message}${hint}`, d.severity);
    }),
  );

  tableBody.replaceChildren(
    ...evaluation.items.map((item) => {
      const row = el("tr");
      const isService = item.kind === "Service";
      const spec = item.object.spec;
      const cells = [
        item.namespace,
        resourceName(item),
        isService ? spec?.type || "ClusterIP" : "",
        isService ? spec?.clusterIP || "<none>" : "",
        isService ? servicePorts(item) : "",
      ];
      for (const text of cells) row.append(el("td", text));
      return row;
    }),
  );
}

let playground: Playground | undefined;

function evaluate(): void {
  if (!playground) return;
  const seed = Number(seedInput.value);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    status.textContent = "The seed must be a whole number from 0 to 4294967295.";
    return;
  }
  try {
    playground.free();
    playground = new Playground(seed);
    render(playground.load(scenario.value));
    app.dataset.status = "ready";
  } catch (error) {
    // A thrown error is a fault in svcplay, not a problem with the input.
    app.dataset.status = "error";
    status.textContent = `svcplay failed: ${String(error)}`;
    console.error(error);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  evaluate();
});
scenario.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    evaluate();
  }
});

async function main(): Promise<void> {
  scenario.value = defaultScenario;
  await init();
  playground = new Playground(Number(seedInput.value));
  evaluate();
}

main().catch((error: unknown) => {
  app.dataset.status = "error";
  status.textContent = `svcplay could not start: ${String(error)}`;
  console.error(error);
});
