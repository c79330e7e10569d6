/**
 * LocalStore adapter over localforage (IndexedDB in the task pane). Each user's copy of a shared
 * database gets its own IndexedDB database, `bcm-copy-<copy id>` (src/sync/owner.ts: a hash of
 * the API, the user and the database), so dropping one copy never touches another and no
 * address shows in the names. `bcm-<database id>` is the name the copy had before copies had
 * owners (one per browser profile); services.ts adopts such a copy once, then destroys it.
 *
 * Batches. localforage has no multi-key API, and each of its calls is one IndexedDB transaction:
 * a page of 1,000 records written with `setItem` costs 1,000 transactions. When localforage runs
 * on IndexedDB, `apply`, `getMany` and `entries` therefore use the connection localforage opened
 * (its `_dbInfo.db`, stable since localforage 1.3) directly: one transaction per batch, values
 * stored exactly as `setItem` stores them (`put(value, key)` in the same object store), so
 * `getItem` reads them back. Measured in headless Chromium (docs/sync-engine.md): 10 pages of
 * 1,000 contacts take about 0.2 s in batches against several seconds key by key. With any other
 * driver (localStorage, or the in-memory driver of the unit tests) the batch falls back to
 * localforage's own calls, one key after another.
 */
import localforage from "localforage";
import type { QueueStorage } from "../sync/sent-mail";
import type { LocalStore, StoreWrite, StoredValue } from "../sync/store";
import { StoreError, prefixEnd } from "../sync/store";

/** The part of localforage's private state this adapter reads (IndexedDB driver only). */
interface IndexedDbInfo {
  readonly _dbInfo?: { readonly db?: IDBDatabase | null; readonly storeName?: string };
}

export class LocalforageStore implements LocalStore {
  /** @param db a localforage instance this store owns alone (no other writer uses its keys). */
  constructor(private readonly db: LocalForage) {}

  /** The copy named `copyId` (`copyId(owner)` of src/sync/owner.ts). */
  static forCopy(copyId: string): LocalforageStore {
    return LocalforageStore.#named(`bcm-copy-${copyId}`);
  }

  /** The copy of `databaseId` as the version before per-user copies named it. */
  static legacy(databaseId: string): LocalforageStore {
    return LocalforageStore.#named(`bcm-${databaseId}`);
  }

  static #named(name: string): LocalforageStore {
    return new LocalforageStore(localforage.createInstance({ name, storeName: "records" }));
  }

  /** Deletes the whole database of this store (after which it must not be used). */
  destroy(): Promise<void> {
    const { name = "" } = this.db.config();
    return this.#attempt("delete the database", () => this.db.dropInstance({ name }));
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

  getMany(keys: readonly string[]): Promise<Array<StoredValue | undefined>> {
    return this.#batch(
      `read ${keys.length} keys`,
      (store) => {
        const requests = keys.map((key) => store.get(key) as IDBRequest<StoredValue | undefined>);
        return () => requests.map((request) => request.result ?? undefined);
      },
      async () => {
        const values = await Promise.all(keys.map((key) => this.db.getItem<StoredValue>(key)));
        return values.map((value) => value ?? undefined);
      },
      "readonly",
    );
  }

  entries(prefix: string): Promise<Array<[string, StoredValue]>> {
    return this.#batch(
      `read the keys starting with ${JSON.stringify(prefix)}`,
      (store) => {
        const range = prefix === "" ? null : IDBKeyRange.bound(prefix, prefixEnd(prefix));
        // localforage's keys are strings (it stringifies every key it is given).
        const keys = store.getAllKeys(range) as IDBRequest<string[]>;
        const values = store.getAll(range) as IDBRequest<StoredValue[]>;
        // Both lists come in key order from one snapshot, so they line up.
        return () => keys.result.map((key, i): [string, StoredValue] => [key, values.result[i]!]);
      },
      async () => {
        const keys = (await this.db.keys()).filter((key) => key.startsWith(prefix)).sort();
        const values = await Promise.all(keys.map((key) => this.db.getItem<StoredValue>(key)));
        return keys.flatMap((key, i): Array<[string, StoredValue]> => {
          const value = values[i];
          return value === null || value === undefined ? [] : [[key, value]];
        });
      },
      "readonly",
    );
  }

  apply(writes: readonly StoreWrite[]): Promise<void> {
    if (writes.length === 0) return Promise.resolve();
    return this.#batch(
      `write ${writes.length} keys`,
      (store) => {
        for (const write of writes) {
          if (write.op === "set") store.put(write.value, write.key);
          else store.delete(write.key);
        }
        return () => undefined;
      },
      async () => {
        // One after another, so that a failure leaves a prefix of the batch applied.
        for (const write of writes) {
          if (write.op === "set") await this.db.setItem(write.key, write.value);
          else await this.db.removeItem(write.key);
        }
      },
      "readwrite",
    );
  }

  /**
   * Runs a batch in one IndexedDB transaction when localforage runs on IndexedDB (`issue` makes
   * the requests and returns a reader of their results, called once the transaction completed,
   * so a write batch has taken effect before the caller goes on); else, or when the connection
   * cannot start a transaction (the browser closed it; localforage reopens it), through
   * localforage's own calls (`fallback`).
   */
  async #batch<T>(
    action: string,
    issue: (store: IDBObjectStore) => () => T,
    fallback: () => Promise<T>,
    mode: IDBTransactionMode,
  ): Promise<T> {
    return this.#attempt(action, async () => {
      await this.db.ready();
      const info = (this.db as unknown as IndexedDbInfo)._dbInfo;
      const db = info?.db;
      const storeName = info?.storeName;
      if (this.db.driver() !== localforage.INDEXEDDB || !db || !storeName) return fallback();
      let tx: IDBTransaction;
      try {
        tx = db.transaction(storeName, mode);
      } catch {
        return fallback();
      }
      return new Promise<T>((resolve, reject) => {
        let read: () => T;
        try {
          read = issue(tx.objectStore(storeName));
        } catch (error) {
          // A value IndexedDB cannot clone: nothing of the batch may stay.
          tx.abort();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        tx.oncomplete = () => resolve(read());
        tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
        tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
      });
    });
  }

  async #attempt<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      throw new StoreError(`Could not ${action} in the local store`, { cause });
    }
  }
}

/** The sent-mail queue's storage (src/sync/sent-mail.ts): one IndexedDB database per browser profile. */
export function sentMailStorage(): QueueStorage {
  return localforage.createInstance({ name: "bcm-sent-mail", storeName: "messages" });
}
