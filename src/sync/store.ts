/**
 * The local store port: where the add-in keeps its copy of a shared database. The sync core
 * reaches storage only through this interface; adapters are named after their technology
 * (src/store/localforage-store.ts in the browser, src/store/memory-store.ts in tests).
 */
import type { Json } from "../shared/protocol";

/** A stored value: any JSON but `null`, because a missing key already reads as `undefined`. */
export type StoredValue = Exclude<Json, null>;

/** One write of a batch: set a key to a value, or delete it. */
export type StoreWrite =
  | { readonly op: "set"; readonly key: string; readonly value: StoredValue }
  | { readonly op: "delete"; readonly key: string };

/**
 * A string-keyed map of JSON values, one per shared database.
 *
 * Contract (every adapter passes the shared suite in tests/unit/store/local-store.test.ts):
 * - `get` of a key never set, or deleted, resolves `undefined`;
 * - `set` then `get` resolves a value equal to the one set (by JSON value), never the same
 *   object: changing either afterwards does not change the other;
 * - `set` of an existing key replaces its value; `delete` of a missing key resolves;
 * - `keys` resolves every key held, each once, sorted by UTF-16 code unit (`Array.prototype.sort`);
 * - `getMany(keys)` resolves one value (or `undefined`) per key asked, in the order asked;
 * - `entries(prefix)` resolves every `[key, value]` whose key starts with `prefix`, sorted by
 *   key as `keys` is; `""` gives everything;
 * - `apply(writes)` performs the writes in order (a later write of a key wins) and resolves once
 *   all of them took effect. It is all-or-nothing in both adapters that matter (IndexedDB: one
 *   transaction; memory); with another localforage driver a failure may leave a prefix of the
 *   writes applied, never a later write without the ones before it. Callers order a batch so
 *   that any prefix of it is a consistent state (records before the cursor that covers them);
 * - operations a caller awaited in sequence take effect in that sequence;
 * - a failure of the underlying storage rejects with a `StoreError` whose `cause` is the
 *   original error, never with the storage library's own error type.
 */
export interface LocalStore {
  get(key: string): Promise<StoredValue | undefined>;
  set(key: string, value: StoredValue): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  getMany(keys: readonly string[]): Promise<Array<StoredValue | undefined>>;
  entries(prefix: string): Promise<Array<[string, StoredValue]>>;
  apply(writes: readonly StoreWrite[]): Promise<void>;
}

/** The local store could not be read or written (quota, a wiped or corrupt database). */
export class StoreError extends Error {
  override readonly name = "StoreError";
}

/** The smallest string greater than every string starting with `prefix` (for key ranges). */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`;
}

/**
 * Whether `error` (a `StoreError`, or what it wraps) says the browser's storage quota is used
 * up: IndexedDB aborts the transaction with a `QuotaExceededError` DOMException.
 */
export function isQuotaExceeded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; depth < 8; depth++) {
    if (typeof e !== "object" || e === null) return false;
    const { name, cause } = e as { name?: unknown; cause?: unknown };
    if (name === "QuotaExceededError") return true;
    e = cause;
  }
  return false;
}
