/**
 * The `Locks` port over the Web Locks API (`navigator.locks`): one holder per name across every
 * pane, dialog and ribbon command of the add-in's origin, so that one of them syncs a database
 * at a time. Where the browser has no Web Locks, locks are this pane's own (memory-ports.ts).
 */
import { MemoryLocks } from "../sync/memory-ports";
import type { Locks } from "../sync/ports";

export class WebLocks implements Locks {
  readonly #locks: LockManager;

  constructor(locks: LockManager) {
    this.#locks = locks;
  }

  /** Web Locks when the browser has them, else locks within this pane. */
  static orFallback(): Locks {
    const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
    return locks ? new WebLocks(locks) : new MemoryLocks();
  }

  request<T>(name: string, task: () => Promise<T>): Promise<T> {
    // Web Locks resolves with what the callback's promise resolves with.
    return this.#locks.request(name, { mode: "exclusive" }, () => task()) as Promise<T>;
  }

  tryRequest<T>(name: string, task: () => Promise<T>): Promise<T | null> {
    return this.#locks.request(name, { mode: "exclusive", ifAvailable: true }, (lock) =>
      lock ? task() : null,
    ) as Promise<T | null>;
  }
}
