// The peer benchmark's workloads, the same objects for svcplay and webernetes. Plain ES module
// with no imports: it runs in the browser page (bench-peer.mjs serves it) and in Node (`--node`).
// Each `run*` function does one timed run and returns { ms, check }: `ms` is the wall time of the
// work, `check` what it produced (so a run that did nothing shows). The caller measures busy time.

const now = () => performance.now();

// ------------------------------------------------------------------------------------------------
// Manifests
// ------------------------------------------------------------------------------------------------

/** A Deployment of `replicas` nginx pods labelled app=`name`. */
function deployment(name, replicas) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "nginx", image: "nginx", ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

/** A Service selecting app=`name`, port 80 → 80; a NodePort Service when `nodePort` is given. */
function service(name, nodePort) {
  const port = { port: 80, targetPort: 80 };
  if (nodePort) port.nodePort = nodePort;
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name },
    spec: { ...(nodePort ? { type: "NodePort" } : {}), selector: { app: name }, ports: [port] },
  };
}

/** A pod to send requests from (webernetes runs the `bench-client` image below in it). */
const clientPod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "client", labels: { role: "client" } },
  spec: { containers: [{ name: "client", image: "bench-client" }] },
};

/** `deployments` Deployments of `replicas` pods, each behind its own ClusterIP Service. */
function bigCluster(deployments, replicas, nodes) {
  return {
    nodes,
    objects: Array.from({ length: deployments }, (_, i) => [
      deployment(`app-${i}`, replicas),
      service(`app-${i}`),
    ]).flat(),
    ready: deployments * replicas,
  };
}

/**
 * The scenarios. `nodes` is the number of worker nodes (webernetes' `nodes` option; for svcplay,
 * Node objects, except for 3, its default of node01–node03 plus a tainted control plane).
 * `ready` is the number of ready endpoints that means "done".
 */
export const scenarios = {
  // The seed's "pods on several nodes" picture (www/src/scenarios/multi-node-nodeport.yaml).
  seed: { nodes: 3, objects: [deployment("myapp", 6), service("myapp", 30008)], ready: 6 },
  // The same plus a client pod, for requests from a pod.
  seedClient: {
    nodes: 3,
    objects: [deployment("myapp", 6), service("myapp", 30008), clientPod],
    ready: 6,
  },
  // 10 Deployments × 10 replicas behind 10 ClusterIP Services on the 3 nodes.
  big: bigCluster(10, 10, 3),
  // 50 × 10 + 50 Services on 6 nodes (`--full`: webernetes takes minutes). kubelet's default
  // max-pods is 110 a node, which svcplay's scheduler enforces: 500 pods need at least 5 nodes.
  full: bigCluster(50, 10, 6),
};

// ------------------------------------------------------------------------------------------------
// svcplay: YAML in, a settled cluster out of one synchronous `load`
// ------------------------------------------------------------------------------------------------

/** Block-style YAML of a plain JSON-like value (what a user types in the editor). */
function yaml(value, indent = "") {
  if (Array.isArray(value)) {
    return value
      .map((v) => {
        const body = yaml(v, `${indent}  `);
        return typeof v === "object" ? `${indent}- ${body.trimStart()}` : `${indent}- ${body}\n`;
      })
      .join("");
  }
  if (value && typeof value === "object") {
    return Object.entries(value)
      .map(([k, v]) =>
        v && typeof v === "object" ? `${indent}${k}:\n${yaml(v, `${indent}  `)}` : `${indent}${k}: ${yaml(v)}\n`,
      )
      .join("");
  }
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** svcplay's input for a scenario: its objects and, beyond 3 nodes, its Node objects. */
export function svcplayYaml(scenario) {
  const nodes =
    scenario.nodes === 3
      ? []
      : Array.from({ length: scenario.nodes }, (_, i) => ({
          apiVersion: "v1",
          kind: "Node",
          metadata: { name: `node-${i + 1}` },
          status: { addresses: [{ type: "InternalIP", address: `192.168.1.${i + 2}` }] },
        }));
  return [...nodes, ...scenario.objects].map((o) => yaml(o)).join("---\n");
}

/** An endpoint of a pod (not default/kubernetes' API server address) that is ready. */
const podReady = (e) => e.targetRef?.kind === "Pod" && e.conditions?.ready === true;

/** Ready endpoints over every EndpointSlice outside kube-system, and pods, in an evaluation. */
function svcplayReady(evaluation) {
  let ready = 0;
  let pods = 0;
  for (const item of evaluation.items) {
    if (item.kind === "Pod" && item.namespace !== "kube-system") pods++;
    if (item.kind !== "EndpointSlice" || item.namespace === "kube-system") continue;
    for (const e of item.object.endpoints ?? []) if (podReady(e)) ready++;
  }
  return { ready, pods };
}

/** (a)/(c): a fresh cluster evaluates the scenario; done when `load` returns (settled). */
export function svcplayCreate(Playground, scenario, text) {
  const t0 = now();
  const playground = new Playground(1);
  const evaluation = playground.load(text);
  const ms = now() - t0;
  const { ready, pods } = svcplayReady(evaluation);
  playground.free();
  if (ready !== scenario.ready) throw new Error(`svcplay: ${ready} ready endpoints, want ${scenario.ready}`);
  return { ms, check: `${pods} pods, ${ready} ready endpoints` };
}

/** A loaded playground with the seed and a client pod, and the Service's ClusterIP. */
export function svcplaySetup(Playground) {
  const playground = new Playground(1);
  const evaluation = playground.load(svcplayYaml(scenarios.seedClient));
  const svc = evaluation.items.find((i) => i.kind === "Service" && i.name === "myapp");
  return { playground, clusterIP: svc.object.spec.clusterIP, nodeIP: "192.168.1.2" };
}

function spread(counts) {
  const values = Object.values(counts);
  return `${values.length} pods, ${Math.min(...values)}–${Math.max(...values)} each`;
}

/**
 * (b): `count` requests, as one call asking for `count` (`batch`, what the page does) or as
 * `count` calls of one request each.
 */
export function svcplayRequests(setup, via, count, batch) {
  const { playground, clusterIP, nodeIP } = setup;
  const spec =
    via === "nodePort"
      ? { from: { kind: "external" }, to: `${nodeIP}:30008` }
      : { from: { kind: "pod", name: "client" }, to: `${clusterIP}:80` };
  const counts = {};
  const t0 = now();
  if (batch) {
    const answer = playground.request({ ...spec, count, seed: 1, detail: 0 });
    for (const d of answer.report.distribution) counts[d.pod] = d.count;
  } else {
    for (let i = 0; i < count; i++) {
      const answer = playground.request({ ...spec, count: 1, seed: i, detail: 0 });
      for (const d of answer.report.distribution) if (d.count) counts[d.pod] = (counts[d.pod] ?? 0) + d.count;
    }
  }
  const ms = now() - t0;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total !== count) throw new Error(`svcplay: ${total} of ${count} requests delivered`);
  return { ms, check: spread(counts) };
}

// ------------------------------------------------------------------------------------------------
// webernetes: a running cluster of asynchronous controllers on a real-time clock
// ------------------------------------------------------------------------------------------------

/** The images the scenarios run: `nginx` answers with its pod's name, `bench-client` idles. */
export function webernetesImages(BaseImage) {
  const clients = new Map();
  class Nginx extends BaseImage {
    static imageName = "nginx";
    static imageVersion = "latest";
    defaultCommand = ["nginx"];
    async exec(ctx, argv) {
      if (argv[0] !== "nginx") return await super.exec(ctx, argv);
      ctx.listenHttp(80, async () => ({ status: 200, body: ctx.pod.name }));
      return await ctx.waitUntilKilled();
    }
  }
  class Client extends BaseImage {
    static imageName = "bench-client";
    static imageVersion = "latest";
    defaultCommand = ["client"];
    async exec(ctx, argv) {
      if (argv[0] !== "client") return await super.exec(ctx, argv);
      // The harness sends requests from this process (ctx.fetch: a pod's own network).
      clients.set(ctx.pod.name, ctx);
      return await ctx.waitUntilKilled();
    }
  }
  return { images: [Nginx, Client], clients };
}

/**
 * A fresh cluster (`init`: nodes, control plane, CoreDNS, kube-proxy) with the scenario applied,
 * resolved when its EndpointSlices (outside kube-system) list `scenario.ready` ready endpoints.
 */
async function webernetesCluster(webernetes, scenario) {
  const { Cluster, BaseImage } = webernetes;
  const { images, clients } = webernetesImages(BaseImage);
  // A copy per run, made before the clock starts, in case apply keeps or changes its input.
  const objects = structuredClone(scenario.objects);
  const t0 = now();
  const cluster = new Cluster({ nodes: scenario.nodes });
  for (const image of images) cluster.registerImage(image);
  await cluster.init();
  const initMs = now() - t0;
  const slices = new Map();
  let resolveReady;
  const ready = new Promise((resolve) => (resolveReady = resolve));
  const informer = cluster.informer("endpointslices", (type, slice) => {
    if (slice.metadata?.namespace === "kube-system") return;
    const key = `${slice.metadata?.namespace}/${slice.metadata?.name}`;
    if (type === "delete") slices.delete(key);
    else slices.set(key, (slice.endpoints ?? []).filter(podReady).length);
    let total = 0;
    for (const n of slices.values()) total += n;
    if (total >= scenario.ready) resolveReady(total);
  });
  const applied = await cluster.apply(objects);
  const readyCount = await ready;
  const ms = now() - t0;
  await informer.stop();
  return { cluster, clients, applied, ms, initMs, readyCount };
}

/** (a)/(c): create to ready; the cluster is closed afterwards (not timed). */
export async function webernetesCreate(webernetes, scenario) {
  const { cluster, ms, initMs, readyCount } = await webernetesCluster(webernetes, scenario);
  const pods = (await cluster.api.corev1.listNamespacedPod({ namespace: "default" })).items.length;
  await cluster.close();
  return { ms, check: `${pods} pods, ${readyCount} ready endpoints (init ${initMs.toFixed(0)} ms)` };
}

/** The seed with a client pod, running, with the client's process and the ClusterIP. */
export async function webernetesSetup(webernetes) {
  const { cluster, clients, applied } = await webernetesCluster(webernetes, scenarios.seedClient);
  for (let i = 0; i < 200 && !clients.has("client"); i++) await new Promise((r) => setTimeout(r, 10));
  const client = clients.get("client");
  if (!client) throw new Error("webernetes: the client pod did not start");
  const svc = applied.find((o) => o.kind === "Service");
  return { cluster, client, clusterIP: svc.spec.clusterIP };
}

/** (b): `count` sequential HTTP requests through the NodePort (from outside) or the ClusterIP (from the client pod). */
export async function webernetesRequests(setup, via, count) {
  const { cluster, client, clusterIP } = setup;
  const url = via === "nodePort" ? "http://node-1:30008/" : `http://${clusterIP}:80/`;
  const sender = via === "nodePort" ? cluster : client;
  const counts = {};
  const t0 = now();
  for (let i = 0; i < count; i++) {
    const response = await sender.fetch(url);
    counts[response.body] = (counts[response.body] ?? 0) + 1;
  }
  const ms = now() - t0;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total !== count) throw new Error(`webernetes: ${total} of ${count} responses`);
  return { ms, check: spread(counts) };
}

// ------------------------------------------------------------------------------------------------
// One entry point for the page and for Node
// ------------------------------------------------------------------------------------------------

/**
 * The runs by name, `engine:workload[:variant]`, for `Playground` (svcplay's wasm binding,
 * initialized) and `webernetes` (its module: `Cluster`, `BaseImage`). Set-up for requests
 * (`*:setup`) is a run of its own, not timed by the caller's table.
 */
export function harness(Playground, webernetes) {
  const texts = Object.fromEntries(Object.entries(scenarios).map(([k, v]) => [k, svcplayYaml(v)]));
  let svcplay;
  let wn;
  const runs = {
    "svcplay:setup": () => {
      svcplay?.playground.free();
      svcplay = svcplaySetup(Playground);
      return { ms: 0, check: `ClusterIP ${svcplay.clusterIP}` };
    },
    "webernetes:setup": async () => {
      await wn?.cluster.close();
      wn = await webernetesSetup(webernetes);
      return { ms: 0, check: `ClusterIP ${wn.clusterIP}` };
    },
    "webernetes:teardown": async () => {
      await wn?.cluster.close();
      wn = undefined;
      return { ms: 0, check: "" };
    },
  };
  for (const name of Object.keys(scenarios)) {
    runs[`svcplay:create:${name}`] = () => svcplayCreate(Playground, scenarios[name], texts[name]);
    runs[`webernetes:create:${name}`] = () => webernetesCreate(webernetes, scenarios[name]);
  }
  for (const via of ["nodePort", "clusterIP"]) {
    runs[`svcplay:requests:${via}`] = () => svcplayRequests(svcplay, via, 1000, true);
    runs[`svcplay:requests:${via}:one-by-one`] = () => svcplayRequests(svcplay, via, 1000, false);
    runs[`webernetes:requests:${via}`] = () => webernetesRequests(wn, via, 1000);
  }
  return async (name) => {
    const run = runs[name];
    if (!run) throw new Error(`bench-peer: no run named ${name}`);
    return await run();
  };
}
