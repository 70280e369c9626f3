// Size budget of the built page (www/dist), gzip -9: the whole page ≤ 300 KiB, the wasm ≤ 150 KiB.
// Usage: node scripts/size.mjs   (after `npm run build`). Exits 1 when over budget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = new URL("../www/dist/", import.meta.url).pathname;
const KiB = 1024;
const budget = { total: 300 * KiB, wasm: 150 * KiB };

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const br = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
// webernetes, the nearest rival (a TypeScript port of parts of Kubernetes): 148.8 KiB gzip -9 for
// 0.3.5 bundled for the browser, as `npm run bench:peer` measures it.
const rivalGz = 149 * KiB;
let total = 0;
let totalBr = 0;
let wasm = 0;
const rows = [];
for (const path of files(dist)) {
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  const b = br(raw);
  total += gz;
  totalBr += b;
  if (path.endsWith(".wasm")) wasm += gz;
  rows.push([relative(dist, path), raw.length, gz, b]);
}
rows.sort((a, b) => b[2] - a[2]);
const kib = (n) => `${(n / KiB).toFixed(1)} KiB`;
for (const [name, raw, gz, b] of rows)
  console.log(`${kib(gz).padStart(10)} gzip  ${kib(b).padStart(10)} brotli  ${kib(raw).padStart(10)} raw  ${name}`);
// The embed: embed.js and the chunks it loads up front (not the editor, loaded for views="editor").
const embed = readFileSync(join(dist, "embed.js"), "utf8");
const embedFiles = ["embed.js", ...[...embed.matchAll(/from\s*["']\.\/(assets\/[^"']+\.js)["']/g)].map((m) => m[1])];
const embedGz = [...new Set(embedFiles)].reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
const workerGz = rows.filter(([n]) => /worker.*\.js$/.test(n)).reduce((s, r) => s + r[2], 0);
const embedAll = embedGz + workerGz + wasm;
console.log(`embed: ${kib(embedGz)} gzip (${[...new Set(embedFiles)].join(", ")}) plus the worker and the wasm`);
console.log(`embed without the editor, all in: ${kib(embedAll)} gzip = ${(embedAll / rivalGz).toFixed(2)} × webernetes (~149 KiB gzip, see npm run bench:peer)`);
console.log(`total ${kib(total)} gzip, ${kib(totalBr)} brotli (budget ${kib(budget.total)} gzip); wasm ${kib(wasm)} gzip (budget ${kib(budget.wasm)})`);
if (total > budget.total || wasm > budget.wasm) {
  console.error("size: over budget");
  process.exit(1);
}
