// The tiny message protocol between the page and the engine worker. Every request carries an id;
// the worker answers it once, with a value or with the message of a fault (a thrown error).
import type {
  Change,
  ChangeResult,
  ClusterView,
  DnsView,
  Evaluation,
  RequestAnswer,
  RequestSpec,
  Tables,
} from "../pkg/svcplay_wasm.js";

/** The state of the cluster after evaluating the YAML and replaying the live changes. */
export interface Snapshot {
  evaluation: Evaluation;
  changes: ChangeResult[];
  view: ClusterView;
  tables: Tables;
}

export type Call =
  /** `observed`: the YAML is a real cluster's dump, taken as stored (no validation, no re-allocation). */
  | { method: "evaluate"; yaml: string; seed: number; changes: Change[]; observed?: boolean }
  | { method: "request"; spec: RequestSpec }
  | { method: "rules"; node: string }
  | { method: "describe"; namespace: string; name: string }
  | { method: "dns"; name: string; qtype: string; namespace: string }
  /** Makes the worker fail, to test recovery. */
  | { method: "fault" };

export interface Answers {
  evaluate: Snapshot;
  request: RequestAnswer;
  rules: string | null;
  describe: string | null;
  dns: DnsView;
  fault: never;
}

export type Message = Call & { id: number };

export type Reply =
  | { id: number; ok: true; value: unknown; ms: number }
  | { id: number; ok: false; error: string };
