// Live changes that the YAML can say are made in the YAML text, so the editor stays the source of
// truth: replicas, a Service's type, the cluster's nodes. Plain text edits on the document that
// declares the object; no reformatting of anything else.
import type { NodeView } from "../pkg/svcplay_wasm.js";

interface Doc {
  from: number;
  to: number;
  text: string;
}

function documents(text: string): Doc[] {
  const docs: Doc[] = [];
  const re = /^---[ \t]*$/gm;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    docs.push({ from, to: m.index, text: text.slice(from, m.index) });
    from = m.index + m[0].length;
  }
  docs.push({ from, to: text.length, text: text.slice(from) });
  return docs;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function find(text: string, kind: string, name: string): Doc | undefined {
  const k = new RegExp(`^kind:\\s*${escapeRe(kind)}\\s*$`, "m");
  const n = new RegExp(`^metadata:\\s*\\n(?:[ \\t]+.*\\n)*?[ \\t]+name:\\s*["']?${escapeRe(name)}["']?\\s*$`, "m");
  return documents(text).find((d) => k.test(d.text) && n.test(d.text));
}

/** Sets `spec.<field>` (a top-level spec scalar) in the document; inserts it under `spec:` if absent. */
function setSpecField(text: string, doc: Doc, field: string, value: string): string | null {
  const re = new RegExp(`^(  ${field}:)[ \\t]*[^\\n#]*`, "m");
  let body: string;
  if (re.test(doc.text)) body = doc.text.replace(re, `$1 ${value}`);
  else if (/^spec:[ \t]*$/m.test(doc.text)) body = doc.text.replace(/^spec:[ \t]*$/m, `spec:\n  ${field}: ${value}`);
  else return null;
  return text.slice(0, doc.from) + body + text.slice(doc.to);
}

export function setReplicas(text: string, name: string, replicas: number): string | null {
  const doc = find(text, "Deployment", name) ?? find(text, "ReplicaSet", name) ?? find(text, "StatefulSet", name);
  return doc ? setSpecField(text, doc, "replicas", String(replicas)) : null;
}

export function setServiceType(text: string, name: string, type: string): string | null {
  const doc = find(text, "Service", name);
  if (!doc) return null;
  let out = setSpecField(text, doc, "type", type);
  if (out === null) return null;
  if (type === "ClusterIP") {
    // A ClusterIP Service may not have node ports: drop them, as one would by hand.
    const d = find(out, "Service", name)!;
    const body = d.text.replace(/^[ \t]+nodePort:.*\n/gm, "").replace(/^([ \t]*)- nodePort:[^\n]*\n\1  /gm, "$1- ");
    out = out.slice(0, d.from) + body + out.slice(d.to);
  }
  return out;
}

function nodeYaml(name: string, ip: string, controlPlane: boolean): string {
  const lines = ["apiVersion: v1", "kind: Node", "metadata:", `  name: ${name}`, "  labels:", `    kubernetes.io/hostname: ${name}`];
  if (controlPlane) lines.push('    node-role.kubernetes.io/control-plane: ""');
  if (controlPlane) lines.push("spec:", "  taints:", "  - key: node-role.kubernetes.io/control-plane", "    effect: NoSchedule");
  lines.push("status:", "  addresses:", "  - type: InternalIP", `    address: ${ip}`);
  return lines.join("\n") + "\n";
}

/**
 * Adds a worker node. Once the input declares any Node the cluster holds only declared nodes, so
 * the first time the current nodes are written out too.
 */
export function addNode(text: string, nodes: NodeView[]): { text: string; name: string } {
  const declared = documents(text).some((d) => /^kind:\s*Node\s*$/m.test(d.text));
  const names = new Set(nodes.map((n) => n.name));
  const ips = new Set(nodes.map((n) => n.ip));
  let i = 1;
  while (names.has(`node${String(i).padStart(2, "0")}`)) i++;
  const name = `node${String(i).padStart(2, "0")}`;
  let last = 2;
  while (ips.has(`192.168.1.${last}`)) last++;
  const docs: string[] = [];
  if (!declared) {
    docs.push("# The cluster's nodes, written out by \"Add node\" (declaring one Node replaces the defaults).\n" +
      nodes.map((n) => nodeYaml(n.name, n.ip, n.controlPlane)).join("---\n"));
  }
  docs.push(nodeYaml(name, `192.168.1.${last}`, false));
  const sep = text.endsWith("\n") || text === "" ? "" : "\n";
  return { text: `${text}${sep}---\n${docs.join("---\n")}`, name };
}
