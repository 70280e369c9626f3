// The seed's scenarios and failure stories.
import type { Change, ClusterView } from "../pkg/svcplay_wasm.js";
import type { Shared } from "./share";
import multiNode from "./scenarios/multi-node-nodeport.yaml?raw";
import singlePod from "./scenarios/single-pod-nodeport.yaml?raw";
import oneNode from "./scenarios/one-node-nodeport.yaml?raw";
import frontendBackend from "./scenarios/frontend-backend.yaml?raw";
import loadBalancer from "./scenarios/loadbalancer.yaml?raw";
import externalDatabase from "./scenarios/external-database.yaml?raw";
import brokenSelector from "./scenarios/broken-selector.yaml?raw";
import wrongTargetPort from "./scenarios/wrong-target-port.yaml?raw";
import unreadyPods from "./scenarios/unready-pods.yaml?raw";
import localPolicy from "./scenarios/local-policy.yaml?raw";
import insufficientCpu from "./scenarios/insufficient-cpu.yaml?raw";
import statefulSetHeadless from "./scenarios/statefulset-headless.yaml?raw";
import daemonSetLocal from "./scenarios/daemonset-local.yaml?raw";
import networkPolicyBlocks from "./scenarios/networkpolicy-blocks-frontend.yaml?raw";

export interface Preset {
  id: string;
  title: string;
  yaml: string;
  /** A request worth sending first: [from, to]. */
  request: [string, string];
  /** Live changes made after the first evaluation. */
  after?: (view: ClusterView) => Change[];
}

export const PRESETS: Preset[] = [
  { id: "multi-node", title: "NodePort: pods on several nodes", yaml: multiNode, request: ["external", "192.168.1.2:30008"] },
  { id: "single-pod", title: "NodePort: one pod on one node (30008 → 80 → 80)", yaml: singlePod, request: ["external", "192.168.1.2:30008"] },
  { id: "one-node", title: "NodePort: several pods on one node", yaml: oneNode, request: ["external", "192.168.1.2:30008"] },
  { id: "frontend-backend", title: "ClusterIP: frontend → backend", yaml: frontendBackend, request: ["pod:frontend", "http://backend"] },
  { id: "loadbalancer", title: "LoadBalancer in front of frontends", yaml: loadBalancer, request: ["external", "lb:frontend"] },
  { id: "statefulset-headless", title: "StatefulSet behind a headless Service (web-0.web, ...)", yaml: statefulSetHeadless, request: ["pod:client", "http://web-1.web"] },
  { id: "daemonset-local", title: "DaemonSet: one pod per node behind a NodePort (Local policy)", yaml: daemonSetLocal, request: ["external", "192.168.1.3:30009"] },
  { id: "external-database", title: "Frontend, backend and an external database (ExternalName)", yaml: externalDatabase, request: ["pod:backend", "db:5432"] },
  { id: "broken-selector", title: "Failure: selector typo", yaml: brokenSelector, request: ["external", "192.168.1.2:30008"] },
  { id: "wrong-target-port", title: "Failure: wrong targetPort", yaml: wrongTargetPort, request: ["external", "192.168.1.2:30008"] },
  {
    id: "unready-pods",
    title: "Failure: unready pods",
    yaml: unreadyPods,
    request: ["external", "192.168.1.2:30008"],
    after: (view) =>
      view.pods
        .filter((p) => p.namespace === "default")
        .map((p) => ({ kind: "setPodReady", namespace: p.namespace, name: p.name, ready: false })),
  },
  { id: "local-policy", title: "Failure: externalTrafficPolicy Local on a node without pods", yaml: localPolicy, request: ["external", "192.168.1.3:30008"] },
  { id: "networkpolicy-blocks-frontend", title: "Failure: a NetworkPolicy blocks the frontend", yaml: networkPolicyBlocks, request: ["pod:frontend", "http://backend"] },
  { id: "insufficient-cpu", title: "Failure: pods ask for more CPU than a node has", yaml: insufficientCpu, request: ["external", "192.168.1.2:30008"] },
];

export const DEFAULT_PRESET = "multi-node";

/** What a fresh page shows: what share links leave out. */
export function defaultShared(): Shared {
  return { yaml: PRESETS.find((p) => p.id === DEFAULT_PRESET)!.yaml, seed: 1, preset: DEFAULT_PRESET, showSystem: false, changes: [], observed: null };
}
