/**
 * The local store port: where the add-in keeps its copy of a shared database. The sync core
 * reaches storage only through this interface; adapters are named after their technology
 * (src/store/localforage-store.ts in the browser, src/store/memory-store.ts in tests).
 */
import type { Json } from "../shared/protocol";

/** A stored value: any JSON but `null`, because a missing key already reads as `undefined`. */
export type StoredValue = Exclude<Json, null>;

/**
 * A string-keyed map of JSON values, one per shared database.
 *
 * Contract (every adapter passes the shared suite in tests/unit/store/local-store.test.ts):
 * - `get` of a key never set, or deleted, resolves `undefined`;
 * - `set` then `get` resolves a value equal to the one set (by JSON value), never the same
 *   object: changing either afterwards does not change the other;
 * - `set` of an existing key replaces its value; `delete` of a missing key resolves;
 * - `keys` resolves every key held, each once, sorted by UTF-16 code unit (`Array.prototype.sort`);
 * - operations a caller awaited in sequence take effect in that sequence;
 * - a failure of the underlying storage rejects with a `StoreError` whose `cause` is the
 *   original error, never with the storage library's own error type.
 */
export interface LocalStore {
  get(key: string): Promise<StoredValue | undefined>;
  set(key: string, value: StoredValue): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** The local store could not be read or written (quota, a wiped or corrupt database). */
export class StoreError extends Error {
  override readonly name = "StoreError";
}
