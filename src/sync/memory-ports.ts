/**
 * In-process adapters of the `Locks` and `Broadcast` ports: for tests, for several engines in
 * one process, and as the fallback of a browser without Web Locks or BroadcastChannel (then one
 * pane cannot see another, and each pane syncs on its own; the server's exactly-once push keeps
 * that safe, only less economical).
 */
import type { Json } from "../shared/protocol";
import type { Broadcast, Locks } from "./ports";

/** Exclusive locks by name, granted in request order, within this JavaScript realm. */
export class MemoryLocks implements Locks {
  readonly #tails = new Map<string, Promise<unknown>>();

  request<T>(name: string, task: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(name) ?? Promise.resolve();
    const run = before.then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(name, settled);
    void settled.then(() => {
      if (this.#tails.get(name) === settled) this.#tails.delete(name);
    });
    return run;
  }

  tryRequest<T>(name: string, task: () => Promise<T>): Promise<T | null> {
    return this.#tails.has(name) ? Promise.resolve(null) : this.request(name, task);
  }
}

/** A channel whose endpoints deliver each other's messages, as BroadcastChannel does. */
export class MemoryBroadcastHub {
  readonly #endpoints = new Set<Set<(message: unknown) => void>>();

  /** A new endpoint, as if opened by another pane. */
  endpoint(): Broadcast {
    const listeners = new Set<(message: unknown) => void>();
    this.#endpoints.add(listeners);
    return {
      post: (message: Json) => {
        const text = JSON.stringify(message);
        for (const other of this.#endpoints) {
          if (other === listeners) continue;
          for (const listener of [...other]) {
            void Promise.resolve().then(() => listener(JSON.parse(text)));
          }
        }
      },
      subscribe: (listener) => {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
    };
  }
}
