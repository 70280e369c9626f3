// The peer benchmark (`npm run bench:peer`): svcplay against webernetes (@ngrok/webernetes, the
// nearest rival, pinned in package.json), on this machine, in one run.
//
//   node scripts/bench-peer.mjs [--runs N] [--node] [--full] [--no-build]
//
// 1. Size: gzip -9 and brotli of what a page downloads to run each engine. webernetes: its ESM
//    entry bundled by Vite for the browser (minified, with its `buffer` and `events` polyfills).
//    svcplay: the Vite build of www/ (into target/bench-peer/www, www/dist is left alone): the
//    worker chunk (engine + wasm-bindgen glue) and the wasm; the embed without the editor too.
// 2. Speed: the workloads of scripts/bench-peer/workloads.js, both engines in the same headless
//    Chromium page (Debian's chromium, as the e2e tests), or in Node with --node. Medians of N
//    runs (default 5) after one warm-up run; wall time and busy time (main-thread task time from
//    the DevTools protocol in Chromium, process CPU time in Node), and webernetes/svcplay.
//
// It first runs scripts/setup.sh (quiet when all is installed) and scripts/build-wasm.sh (www/pkg,
// incremental); --no-build skips both and uses the www/pkg that is there.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;
const out = join(root, "target/bench-peer");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const runsArg = args.indexOf("--runs");
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
if (!(RUNS >= 1)) throw new Error("bench-peer: --runs takes a number ≥ 1");
const webernetesVersion = JSON.parse(
  readFileSync(join(root, "node_modules/@ngrok/webernetes/package.json"), "utf8"),
).version;

// ------------------------------------------------------------------------------------------------
// Build
// ------------------------------------------------------------------------------------------------

function sh(script, ...scriptArgs) {
  const r = spawnSync("bash", [join(root, script), ...scriptArgs], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!flag("--no-build")) {
  // Quiet when everything is installed; Chromium only when the benchmark runs in it.
  sh("scripts/setup.sh", ...(flag("--node") ? ["--no-browser"] : []));
  console.log("bench-peer: scripts/build-wasm.sh (www/pkg)");
  sh("scripts/build-wasm.sh");
} else if (!existsSync(join(root, "www/pkg/svcplay_wasm_bg.wasm"))) {
  throw new Error("bench-peer: www/pkg is missing: run `npm run build:wasm` (or drop --no-build)");
}

const { build } = await import("vite");
console.log("bench-peer: bundling webernetes and building www/ with Vite");
await build({
  configFile: false,
  logLevel: "warn",
  root,
  build: {
    outDir: join(out, "webernetes"),
    emptyOutDir: true,
    minify: true,
    target: "es2022",
    lib: {
      entry: join(root, "scripts/bench-peer/webernetes-entry.js"),
      formats: ["es"],
      fileName: () => "webernetes.js",
    },
  },
});
await build({
  root: join(root, "www"),
  logLevel: "warn",
  build: { outDir: join(out, "www"), emptyOutDir: true },
});

// ------------------------------------------------------------------------------------------------
// Size
// ------------------------------------------------------------------------------------------------

const KiB = 1024;
const kib = (n) => `${(n / KiB).toFixed(1)} KiB`;
function sizes(paths) {
  let gz = 0;
  let br = 0;
  let raw = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
    br += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gz, br };
}
const dist = join(out, "www");
const assets = readdirSync(join(dist, "assets")).map((f) => join(dist, "assets", f));
const workerFiles = assets.filter((f) => /worker.*\.js$/.test(f));
const wasmFiles = assets.filter((f) => f.endsWith(".wasm"));
// The embed: embed.js and the chunks it imports up front (the editor is loaded on demand).
const embedJs = readFileSync(join(dist, "embed.js"), "utf8");
const embedChunks = [...embedJs.matchAll(/from\s*["']\.\/(assets\/[^"']+\.js)["']/g)].map((m) => join(dist, m[1]));
const size = {
  webernetes: sizes([join(out, "webernetes/webernetes.js")]),
  engine: sizes([...workerFiles, ...wasmFiles]),
  wasm: sizes(wasmFiles),
  embed: sizes([...new Set([join(dist, "embed.js"), ...embedChunks, ...workerFiles, ...wasmFiles])]),
};

// ------------------------------------------------------------------------------------------------
// Speed
// ------------------------------------------------------------------------------------------------

const workloads = [
  { title: "(a) seed: 1 Deployment × 6 + NodePort Service, 3 nodes: create → endpoints ready", run: "create:seed" },
  { title: "(b) 1,000 requests external → NodePort (node 1:30008), count per pod", run: "requests:nodePort", setup: true },
  { title: "(b) 1,000 requests client pod → ClusterIP:80, count per pod", run: "requests:clusterIP", setup: true },
  { title: "(c) 10 Deployments × 10 + 10 ClusterIP Services, 3 nodes: create → ready", run: "create:big" },
];
if (flag("--full"))
  workloads.push({ title: "(c) 50 Deployments × 10 + 50 Services, 6 nodes: create → ready", run: "create:full", runs: 1, warm: true });
// svcplay answers N requests in one call (what its page does); this row is the same N one by one.
const extra = [
  { title: "svcplay 1,000 × request(count 1) → NodePort", run: "svcplay:requests:nodePort:one-by-one" },
  { title: "svcplay 1,000 × request(count 1) → ClusterIP", run: "svcplay:requests:clusterIP:one-by-one" },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs `name` through `call` `runs` times, after one warm-up run unless `warm` (the engine's code
 * is already warm from earlier rows): medians of wall and busy time, and the last run's check.
 */
async function measure(call, busyNow, name, runs, warm = false) {
  if (!warm) await call(name);
  const walls = [];
  const busies = [];
  let check = "";
  for (let i = 0; i < runs; i++) {
    const b0 = await busyNow();
    const result = await call(name);
    busies.push((await busyNow()) - b0);
    walls.push(result.ms);
    check = result.check;
  }
  return { wall: median(walls), busy: median(busies), walls, check };
}

let environment;
let call;
let busyNow;
let close = async () => {};
if (flag("--node")) {
  const { initSync, Playground } = await import(join(root, "www/pkg/svcplay_wasm.js"));
  initSync({ module: readFileSync(join(root, "www/pkg/svcplay_wasm_bg.wasm")) });
  const webernetes = await import(join(out, "webernetes/webernetes.js"));
  const { harness } = await import(join(root, "scripts/bench-peer/workloads.js"));
  call = harness(Playground, webernetes);
  busyNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  environment = `Node ${process.version}; busy = process CPU time (all threads)`;
} else {
  const { chromium } = await import("@playwright/test");
  const executablePath =
    process.env.SVCPLAY_CHROMIUM || execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  close = () => browser.close();
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error(`bench-peer: page error: ${e.message}`));
  // The page and its modules are served from disk by the browser context itself (no server).
  const files = {
    "/": join(root, "scripts/bench-peer/page.html"),
    "/workloads.js": join(root, "scripts/bench-peer/workloads.js"),
    "/webernetes.js": join(out, "webernetes/webernetes.js"),
    "/pkg/svcplay_wasm.js": join(root, "www/pkg/svcplay_wasm.js"),
    "/pkg/svcplay_wasm_bg.wasm": join(root, "www/pkg/svcplay_wasm_bg.wasm"),
  };
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  await page.route("http://bench.local/**", (route) => {
    const path = files[new URL(route.request().url()).pathname];
    if (!path) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ status: 200, contentType: types[extname(path)], body: readFileSync(path) });
  });
  await page.goto("http://bench.local/");
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  busyNow = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return metrics.find((m) => m.name === "TaskDuration").value * 1000;
  };
  call = (name) => page.evaluate((n) => window.bench(n), name);
  environment = `headless Chromium ${browser.version()} (one page, main thread); busy = main-thread task time (DevTools Performance.TaskDuration)`;
}

const load0 = loadavg();
const rows = [];
try {
  for (const w of workloads) {
    const runs = w.runs ?? RUNS;
    const result = {};
    for (const engine of ["svcplay", "webernetes"]) {
      console.log(`bench-peer: ${engine} ${w.run} (${runs} run${runs > 1 ? "s" : ""}${w.warm ? "" : " + warm-up"})`);
      if (w.setup) await call(`${engine}:setup`);
      result[engine] = await measure(call, busyNow, `${engine}:${w.run}`, runs, w.warm);
      if (w.setup && engine === "webernetes") await call("webernetes:teardown");
    }
    rows.push({ title: w.title, ...result });
  }
  await call("svcplay:setup");
  for (const x of extra) {
    console.log(`bench-peer: ${x.run}`);
    rows.push({ title: x.title, svcplay: await measure(call, busyNow, x.run, RUNS) });
  }
} finally {
  await close();
}
const load1 = loadavg();

// ------------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------------

const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(a / b >= 100 ? 0 : a / b >= 10 ? 1 : 2)}×` : "–");
const ms = (x) => (x === undefined ? "–" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pad = (s, n) => String(s).padStart(n);
console.log("");
console.log(`svcplay vs webernetes ${webernetesVersion}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`machine: ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores; load average ${load0[0].toFixed(1)} before, ${load1[0].toFixed(1)} after`);
console.log("");
console.log("Size: what a page downloads to run the engine            gzip -9       brotli          raw");
const sizeRow = (label, s) => console.log(`  ${label.padEnd(55)}${pad(kib(s.gz), 12)} ${pad(kib(s.br), 12)} ${pad(kib(s.raw), 12)}`);
sizeRow(`webernetes ${webernetesVersion} (Vite, minified, with buffer + events)`, size.webernetes);
sizeRow("svcplay engine (worker chunk with glue + wasm)", size.engine);
sizeRow("  of which the wasm", size.wasm);
sizeRow("svcplay embed without the editor, all in (with the UI)", size.embed);
console.log(`  ratio webernetes / svcplay engine: gzip ${ratio(size.webernetes.gz, size.engine.gz)}, brotli ${ratio(size.webernetes.br, size.engine.br)}`);
console.log("");
console.log(`Speed: ${environment}`);
console.log(`median of ${RUNS} runs after one warm-up (the --full row: one run, no warm-up); ms; ratio = webernetes / svcplay`);
console.log(`${"workload".padEnd(86)}${pad("svcplay", 9)}${pad("webern.", 10)}${pad("ratio", 9)}  |${pad("svcplay", 9)}${pad("webern.", 10)}${pad("ratio", 9)}`);
console.log(`${"".padEnd(86)}${pad("wall", 9)}${pad("wall", 10)}${pad("", 9)}  |${pad("busy", 9)}${pad("busy", 10)}${pad("", 9)}`);
for (const r of rows) {
  const s = r.svcplay;
  const w = r.webernetes;
  console.log(
    `${r.title.padEnd(86)}${pad(ms(s.wall), 9)}${pad(ms(w?.wall), 10)}${pad(w ? ratio(w.wall, s.wall) : "", 9)}  |` +
      `${pad(ms(s.busy), 9)}${pad(ms(w?.busy), 10)}${pad(w ? ratio(w.busy, s.busy) : "", 9)}`,
  );
}
console.log("");
console.log("checks (what the last run produced) and the spread of the runs:");
for (const r of rows) {
  console.log(`  ${r.title}`);
  const spread = (m) => `wall ${ms(Math.min(...m.walls))}–${ms(Math.max(...m.walls))} ms over ${m.walls.length} runs`;
  console.log(`    svcplay: ${r.svcplay.check}; ${spread(r.svcplay)}`);
  if (r.webernetes) console.log(`    webernetes: ${r.webernetes.check}; ${spread(r.webernetes)}`);
}
console.log("");
console.log(`What each side does:
  svcplay: one synchronous Playground.load(yaml) on a fresh cluster: decode YAML with positions,
    default, validate, allocate ClusterIPs and NodePorts, run the controllers to a settled state
    (Deployment → ReplicaSet → pods, scheduler with max-pods, kubelet, EndpointSlices), the
    CoreDNS objects, and hand every stored object to JavaScript. Requests: each request() call
    generates the entry node's iptables-save rules (for the Services the target can match),
    traces the packet through them once, then draws the N requests with the rules' probabilities
    (statistic random, so the spread is uneven); "one by one" pays that set-up 1,000 times.
  webernetes: new Cluster() + init() (nodes, control-plane pods, CoreDNS, kube-proxy processes),
    apply(objects) of JS objects (no YAML; lighter validation: required fields, Deployment and
    ReplicaSet specs, ClusterIP and NodePort range; it allocates ClusterIPs and NodePorts too),
    objects stored serialized in a simulated etcd with watches, informers and Events, then its
    asynchronous controllers, scheduler and kubelets (running container processes) work on a
    real-time clock until the EndpointSlices list the ready pods (an informer watches).
    Requests: 1,000 sequential fetch() calls, each an HTTP exchange with the pod's handler through
    its kube-proxy (round robin, no iptables rules). Its wall time includes waiting on its timers;
    busy time is the work.`);
