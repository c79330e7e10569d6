/**
 * LocalStore adapter over localforage (IndexedDB in the task pane). Each shared database gets
 * its own IndexedDB database, so dropping one copy never touches another.
 */
import localforage from "localforage";
import type { LocalStore, StoredValue } from "../sync/store";
import { StoreError } from "../sync/store";

export class LocalforageStore implements LocalStore {
  /** @param db a localforage instance this store owns alone (no other writer uses its keys). */
  constructor(private readonly db: LocalForage) {}

  /** The browser copy of the shared database `databaseId`. */
  static forDatabase(databaseId: string): LocalforageStore {
    return new LocalforageStore(
      localforage.createInstance({ name: `bcm-${databaseId}`, storeName: "records" }),
    );
  }

  async get(key: string): Promise<StoredValue | undefined> {
    // localforage answers null for a missing key; null is never stored (see StoredValue).
    const value = await this.#attempt(`read ${JSON.stringify(key)}`, () =>
      this.db.getItem<StoredValue>(key),
    );
    return value ?? undefined;
  }

  async set(key: string, value: StoredValue): Promise<void> {
    await this.#attempt(`write ${JSON.stringify(key)}`, () => this.db.setItem(key, value));
  }

  delete(key: string): Promise<void> {
    return this.#attempt(`delete ${JSON.stringify(key)}`, () => this.db.removeItem(key));
  }

  async keys(): Promise<string[]> {
    const keys = await this.#attempt("list the keys", () => this.db.keys());
    // IndexedDB already answers in this order; other localforage drivers do not.
    return keys.sort();
  }

  async #attempt<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      throw new StoreError(`Could not ${action} in the local store`, { cause });
    }
  }
}
