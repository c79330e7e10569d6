/**
 * LocalStore adapter that keeps everything in memory: for tests, and for a pane whose browser
 * storage is unavailable. Values are kept as JSON text so that, as with a real store, what a
 * caller reads back is a copy of what it wrote.
 */
import type { LocalStore, StoredValue } from "../sync/store";

export class MemoryStore implements LocalStore {
  readonly #entries = new Map<string, string>();

  get(key: string): Promise<StoredValue | undefined> {
    const text = this.#entries.get(key);
    return Promise.resolve(text === undefined ? undefined : (JSON.parse(text) as StoredValue));
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
}
