/**
 * LocalStore adapter that keeps everything in memory: for tests, and for a pane whose browser
 * storage is unavailable. Values are kept as JSON text so that, as with a real store, what a
 * caller reads back is a copy of what it wrote. A `fault` makes writes fail as a browser's
 * storage does (a full quota, a wiped database), to test what the engine does then.
 */
import type { LocalStore, StoreWrite, StoredValue } from "../sync/store";
import { StoreError } from "../sync/store";

export interface MemoryStoreOptions {
  /**
   * Called before each write (a batch, `set` or `delete`) takes effect: an error it returns
   * fails the write, nothing of it applied, as a `StoreError` caused by that error (as the
   * localforage adapter reports an aborted IndexedDB transaction).
   */
  readonly fault?: (writes: readonly StoreWrite[]) => Error | null;
}

export class MemoryStore implements LocalStore {
  readonly #entries = new Map<string, string>();
  readonly #fault: MemoryStoreOptions["fault"];

  constructor(options: MemoryStoreOptions = {}) {
    this.#fault = options.fault;
  }

  get(key: string): Promise<StoredValue | undefined> {
    return Promise.resolve(this.#read(key));
  }

  set(key: string, value: StoredValue): Promise<void> {
    return this.apply([{ op: "set", key, value }]);
  }

  delete(key: string): Promise<void> {
    return this.apply([{ op: "delete", key }]);
  }

  keys(): Promise<string[]> {
    return Promise.resolve([...this.#entries.keys()].sort());
  }

  getMany(keys: readonly string[]): Promise<Array<StoredValue | undefined>> {
    return Promise.resolve(keys.map((key) => this.#read(key)));
  }

  entries(prefix: string): Promise<Array<[string, StoredValue]>> {
    const keys = [...this.#entries.keys()].filter((key) => key.startsWith(prefix)).sort();
    return Promise.resolve(keys.map((key) => [key, this.#read(key)!]));
  }

  apply(writes: readonly StoreWrite[]): Promise<void> {
    const fault = this.#fault?.(writes);
    if (fault) {
      return Promise.reject(
        new StoreError(`Could not write ${writes.length} keys`, { cause: fault }),
      );
    }
    // Serialize everything first: a value JSON cannot hold fails the batch before any write.
    const texts = writes.map((w) => (w.op === "set" ? JSON.stringify(w.value) : null));
    writes.forEach((w, i) => {
      if (w.op === "set") this.#entries.set(w.key, texts[i]!);
      else this.#entries.delete(w.key);
    });
    return Promise.resolve();
  }

  #read(key: string): StoredValue | undefined {
    const text = this.#entries.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as StoredValue);
  }
}
