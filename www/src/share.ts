// Share links: the scenario (YAML), seed and view in the URL fragment, `#v1=` followed by the
// base64url of the deflate-raw compressed JSON. Values equal to the defaults are left out. A link
// is data only: it is decoded with size limits, parsed as JSON and checked field by field; nothing
// in it is ever run or inserted as markup. The page and the <svcplay-playground> element make
// links with the same code (`shareUrl`, `offerLink`); links open in the page.
//
// Keys: y YAML, s seed, p preset, k show kube-system, c live changes, o replay as observed state.
// `o` came later: a link without it (an older one) lets the page decide from the text, as before.
import type { Change } from "../pkg/svcplay_wasm.js";
import { isBig, looksLikeDump } from "./dump";

/** What a link carries. */
export interface Shared {
  yaml: string;
  seed: number;
  preset: string;
  showSystem: boolean;
  changes: Change[];
  /** Replay as observed state; `null` decides from the text (a cluster dump is replayed). */
  observed: boolean | null;
}

export const LINK_PREFIX = "#v1=";
/** Longest fragment accepted (characters of base64url). */
export const MAX_LINK = 200_000;
/** Largest decompressed payload accepted (bytes): a zip bomb stops here. */
export const MAX_PAYLOAD = 1_000_000;

/** The fields of each live change and their types ("count": a whole number 0..100000). */
const CHANGE_FIELDS: Record<string, Record<string, "string" | "boolean" | "count">> = {
  scale: { namespace: "string", name: "string", replicas: "count" },
  deletePod: { namespace: "string", name: "string" },
  setPodReady: { namespace: "string", name: "string", ready: "boolean" },
  cordon: { node: "string" },
  uncordon: { node: "string" },
  drain: { node: "string" },
  removeNode: { node: "string" },
  advance: { seconds: "count" },
};

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("the link is not base64url");
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pump(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      throw new Error("the link's content is too large");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The fragment (`#v1=…`) for `shared`, leaving out what equals `defaults`. */
export async function encodeLink(shared: Shared, defaults: Shared): Promise<string> {
  const payload: Record<string, unknown> = {};
  if (shared.yaml !== defaults.yaml) payload.y = shared.yaml;
  if (shared.seed !== defaults.seed) payload.s = shared.seed;
  if (shared.preset !== defaults.preset) payload.p = shared.preset;
  if (shared.showSystem !== defaults.showSystem) payload.k = shared.showSystem;
  if (shared.changes.length > 0) payload.c = shared.changes;
  // Only when it differs from what the text alone decides (the opening page decides the same way).
  if (shared.observed !== null && shared.observed !== looksLikeDump(shared.yaml)) payload.o = shared.observed;
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  return LINK_PREFIX + toBase64Url(await pump(bytes, new CompressionStream("deflate-raw"), Infinity));
}

/** A live change rebuilt from exactly the fields its kind has, each of the right type. */
function checkChange(value: unknown): Change {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("a live change is not an object");
  const v = value as Record<string, unknown>;
  const fields = typeof v.kind === "string" && Object.hasOwn(CHANGE_FIELDS, v.kind) ? CHANGE_FIELDS[v.kind] : undefined;
  if (!fields) throw new Error("a live change has an unknown kind");
  const out: Record<string, unknown> = { kind: v.kind };
  for (const [field, type] of Object.entries(fields)) {
    const x = v[field];
    const ok =
      type === "count" ? typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 100_000 : type === "string" ? typeof x === "string" && x.length <= 253 : typeof x === "boolean";
    if (!ok) throw new Error(`a live change (${v.kind}) has a bad ${field}`);
    out[field] = x;
  }
  return out as unknown as Change;
}

/**
 * The state a fragment carries, filled in from `defaults`, or an error saying why the link cannot
 * be opened. `null` when the fragment is not a share link at all.
 */
export async function decodeLink(hash: string, defaults: Shared, presets: { id: string; yaml: string }[]): Promise<Shared | Error | null> {
  if (!hash.startsWith("#v")) return null;
  try {
    const m = /^#v(\d+)=/.exec(hash);
    if (!m) throw new Error("the link is not a svcplay link");
    if (m[1] !== "1") throw new Error(`the link was made by a newer version (v${m[1]})`);
    const body = hash.slice(m[0].length);
    if (body.length > MAX_LINK) throw new Error("the link is too long");
    const bytes = await pump(fromBase64Url(body), new DecompressionStream("deflate-raw"), MAX_PAYLOAD);
    const json: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Error("the link's content is not an object");
    const o = json as Record<string, unknown>;
    const out: Shared = { ...defaults, changes: [], observed: null };
    if ("y" in o) {
      if (typeof o.y !== "string") throw new Error("the scenario is not text");
      out.yaml = o.y;
    }
    if ("s" in o) {
      if (typeof o.s !== "number" || !Number.isInteger(o.s) || o.s < 0 || o.s > 0xffff_ffff) throw new Error("the seed is not a whole number from 0 to 4294967295");
      out.seed = o.s;
    }
    if ("p" in o) {
      if (typeof o.p !== "string" || !presets.some((x) => x.id === o.p)) throw new Error("the scenario name is unknown");
      out.preset = o.p;
    }
    if ("k" in o) {
      if (typeof o.k !== "boolean") throw new Error("the view setting is not true or false");
      out.showSystem = o.k;
    }
    if ("c" in o) {
      if (!Array.isArray(o.c) || o.c.length > 1000) throw new Error("the live changes are not a list");
      out.changes = o.c.map(checkChange);
    }
    if ("o" in o) {
      if (typeof o.o !== "boolean") throw new Error("the replay setting is not true or false");
      out.observed = o.o;
    }
    if (!("y" in o)) out.yaml = presets.find((x) => x.id === out.preset)?.yaml ?? defaults.yaml;
    return out;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return new Error(/^(the|a) /.test(why) ? why : "the link is damaged");
  }
}

/**
 * Why `yaml` is not put in a link, or `null` when it may be. A cluster dump may hold private data
 * and stays on the page; a big text would make a link no browser keeps.
 */
export function linkRefusal(yaml: string): string | null {
  if (looksLikeDump(yaml) || isBig(yaml)) return "A cluster dump is not put in a link: it may hold private data, and it stays on this page.";
  return null;
}

/**
 * The address of the playground page `page` with `shared` in its fragment. What equals `defaults`
 * is left out, and the YAML too when it is the chosen preset's own text.
 */
export async function shareUrl(page: string, shared: Shared, defaults: Shared, presets: { id: string; yaml: string }[]): Promise<string> {
  const presetYaml = presets.find((p) => p.id === shared.preset)?.yaml ?? defaults.yaml;
  const base = page.replace(/#.*$/, "");
  return base + (await encodeLink(shared, { ...defaults, yaml: presetYaml }));
}

/**
 * Shows `url` in `field` (inside `box`, unhidden) and copies it to the clipboard; returns a
 * sentence saying which of the two worked.
 */
export async function offerLink(url: string, field: HTMLInputElement, box: HTMLElement, what = "Link"): Promise<string> {
  field.value = url;
  box.hidden = false;
  try {
    await navigator.clipboard.writeText(url);
    return `${what} copied (${url.length} characters).`;
  } catch {
    field.select();
    return `Copy the ${what.toLowerCase()} from the field below.`;
  }
}

/** The sentence shown when a link cannot be opened (the page and the frame page say the same). */
export function linkFailure(error: Error): string {
  return `This link could not be opened (${error.message}), so the default scenario is shown. Nothing from the link was used.`;
}

// The frame page (frame.html): the element alone, filling an <iframe>, for hosts that allow no
// scripts. Its whole state is in its address: the share link's fragment (the same `#v1=` format,
// decoded by `decodeLink`) and, in the query, what to show: `views` (words of VIEWS, default
// FRAME_VIEWS) and `theme` (light, dark; default: the reader's system).

/** The views the element knows. */
export const VIEWS = ["editor", "diagram", "requests"];
/** What the frame page shows when its address does not say. */
export const FRAME_VIEWS = ["diagram", "requests"];

/** How the frame page shows its scenario, read from its query (unknown words are left out). */
export interface FrameSettings {
  views: string[];
  theme: "light" | "dark" | null;
}

/** The frame page's settings from `search` (`?views=diagram+requests&theme=dark`). */
export function frameSettings(search: string): FrameSettings {
  const q = new URLSearchParams(search);
  const asked = (q.get("views") ?? "").split(/[\s,+]+/).filter((v) => VIEWS.includes(v));
  const views = VIEWS.filter((v) => asked.includes(v));
  const theme = q.get("theme");
  return { views: views.length ? views : FRAME_VIEWS, theme: theme === "light" || theme === "dark" ? theme : null };
}

/**
 * The address of the frame page beside the playground page `page`, showing `shared` with `views`
 * (left out when they are FRAME_VIEWS).
 */
export async function frameUrl(page: URL, shared: Shared, defaults: Shared, presets: { id: string; yaml: string }[], views: string[]): Promise<string> {
  const frame = new URL("frame.html", page);
  frame.search = "";
  const shown = VIEWS.filter((v) => views.includes(v));
  if (shown.length && shown.join(" ") !== FRAME_VIEWS.join(" ")) frame.searchParams.set("views", shown.join(" "));
  return shareUrl(frame.href, shared, defaults, presets);
}

const escapeAttr = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * An `<iframe>` element for `url` (a frame page address), sized for `views`; it lets the frame
 * write to the clipboard (its Copy link and Copy iframe buttons).
 */
export function iframeSnippet(url: string, title: string, views: string[]): string {
  const height = views.includes("editor") ? 900 : views.includes("requests") ? 620 : 460;
  return `<iframe src="${escapeAttr(url)}" title="${escapeAttr(title)}" width="100%" height="${height}" loading="lazy" allow="clipboard-write"></iframe>`;
}
