// Helpers for the tests that build real documentation sites from the recipes of docs/embedding.md:
// the recipe's code is read out of the docs (so the docs cannot drift from what is tested), the
// site is built into target/sites/NAME, and served by a small static server on a free port.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";

export const DOCS = "docs/embedding.md";

/**
 * The `n`th fenced code block (0-based) in the `## heading` section of docs/embedding.md whose
 * info string is `lang`, exactly as written.
 */
export function docsBlock(heading: string, lang: string, n = 0): string {
  const text = readFileSync(DOCS, "utf8");
  const at = text.indexOf(`\n## ${heading}\n`);
  if (at < 0) throw new Error(`${DOCS} has no section "## ${heading}"`);
  const next = text.indexOf("\n## ", at + 1);
  const section = text.slice(at, next < 0 ? undefined : next);
  const blocks = [...section.matchAll(/^```([\w-]*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang);
  const block = blocks[n];
  if (!block) throw new Error(`${DOCS} "## ${heading}" has no ${lang} block number ${n}`);
  return block[2]!;
}

/** A fresh, empty target/sites/NAME. */
export function siteDir(name: string): string {
  const dir = resolve("target/sites", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Copies the built svcplay (www/dist: embed.js, assets/, …) to `dest`. */
export function copySvcplay(dest: string): void {
  if (!existsSync("www/dist/embed.js")) throw new Error("www/dist/embed.js is missing: run npm run build first");
  cpSync("www/dist", dest, { recursive: true });
}

/** Runs a site generator; its output is shown only when it fails. */
export function run(cmd: string, args: string[], cwd: string): void {
  try {
    execFileSync(cmd, args, { cwd, stdio: "pipe", timeout: 60_000 });
  } catch (error) {
    const e = error as { code?: string; stdout?: Buffer; stderr?: Buffer; message: string };
    if (e.code === "ENOENT") throw new Error(`${cmd} is not installed: run scripts/setup.sh`);
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${e.stdout?.toString() ?? ""}${e.stderr?.toString() ?? e.message}`);
  }
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".yaml": "application/yaml",
  ".xml": "application/xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** Serves `root` on 127.0.0.1 (a free port): files by path, `dir/` as `dir/index.html`. */
export async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}
