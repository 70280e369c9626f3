// The engine: the wasm Playground in a Web Worker, so a big cluster never freezes the page.
import init, { Playground } from "../pkg/svcplay_wasm.js";
import type { Call, Message, Reply, Snapshot } from "./protocol";

/** Input this long (characters) is a big cluster dump. */
const BIG_INPUT = 1_000_000;

let playground: Playground | undefined;
let seed = -1;
const ready = init();

function run(call: Call): unknown {
  if (call.method === "evaluate") {
    if (!playground || seed !== call.seed) {
      playground?.free();
      playground = new Playground(call.seed);
      seed = call.seed;
    }
    const evaluation = playground.load(call.yaml, call.observed === true);
    // A big dump's stored objects are not needed by the page: they would only cost the copy.
    if (call.yaml.length > BIG_INPUT) evaluation.items = [];
    const changes = call.changes.map((c) => playground!.change(c));
    const snapshot: Snapshot = {
      evaluation,
      changes,
      view: playground.view(),
      tables: playground.tables(),
    };
    return snapshot;
  }
  if (!playground) throw new Error("svcplay: nothing evaluated yet");
  switch (call.method) {
    case "request":
      return playground.request(call.spec);
    case "rules":
      return playground.rules(call.node) ?? null;
    case "describe":
      return playground.describeService(call.namespace, call.name) ?? null;
    case "dns":
      return playground.dns(call.name, call.qtype, call.namespace);
    case "fault":
      throw new Error("svcplay: fault requested");
  }
}

self.onmessage = async (event: MessageEvent<Message>) => {
  const { id, ...call } = event.data;
  let reply: Reply;
  try {
    await ready;
    const start = performance.now();
    const value = run(call);
    reply = { id, ok: true, value, ms: performance.now() - start };
  } catch (error) {
    // A wasm trap leaves the instance unusable: the page restarts the worker.
    reply = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
