/**
 * LocalStore adapter that keeps everything in memory: for tests, and for a pane whose browser
 * storage is unavailable. Values are kept as JSON text so that, as with a real store, what a
 * caller reads back is a copy of what it wrote.
 */
import type { LocalStore, StoreWrite, StoredValue } from "../sync/store";

export class MemoryStore implements LocalStore {
  readonly #entries = new Map<string, string>();

  get(key: string): Promise<StoredValue | undefined> {
    return Promise.resolve(this.#read(key));
  }

  set(key: string, value: StoredValue): Promise<void> {
    this.#entries.set(key, JSON.stringify(value));
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.#entries.delete(key);
    return Promise.resolve();
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
