// The page's side of the worker protocol: promise-returning calls, and a restart after a fault.
import type { Answers, Call, Message, Reply } from "./protocol";

export class EngineFault extends Error {}

export class Engine {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** Called after the worker was restarted because of a fault. */
  onRestart: (message: string) => void = () => {};

  constructor() {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (event: MessageEvent<Reply>) => {
      const reply = event.data;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else {
        waiter.reject(new EngineFault(reply.error));
        this.restart(reply.error);
      }
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.restart(event.message || "the engine stopped");
    };
  }

  private restart(message: string): void {
    this.worker.terminate();
    for (const waiter of this.pending.values()) waiter.reject(new EngineFault(message));
    this.pending.clear();
    this.start();
    this.onRestart(message);
  }

  /** Stops the worker for good; pending calls fail. */
  dispose(): void {
    this.onRestart = () => {};
    this.worker.terminate();
    for (const waiter of this.pending.values()) waiter.reject(new EngineFault("the engine was stopped"));
    this.pending.clear();
  }

  call<M extends Call["method"]>(call: Extract<Call, { method: M }>): Promise<Answers[M]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const message: Message = { ...call, id };
      this.worker.postMessage(message);
    });
  }
}
