/**
 * The local copy of one shared database (first cut: pull only). Records live in the store under
 * `type:id`, the pull cursor under `sync:cursor`; a tombstone or a `removed` entry deletes the
 * local record. The outbox and push arrive with the sync engine.
 */
import type { RecordType, WireRecord } from "../shared/protocol";
import { WireRecord as WireRecordSchema } from "../shared/protocol";
import type { LocalStore } from "./store";
import { StoreError } from "./store";
import type { Transport } from "./transport";
import { ApiError } from "./transport";

/** Where the cursor of the last page applied is kept. Record types never contain `sync`. */
export const CURSOR_KEY = "sync:cursor";

/** The store key of a record. */
export function recordKey(type: RecordType, id: string): string {
  return `${type}:${id}`;
}

export interface PullAllResult {
  /** Pages fetched, at least one. */
  readonly pages: number;
  /** Records written or deleted (tombstones) and `removed` entries applied. */
  readonly changes: number;
  /** The cursor now kept: the next pull starts there. */
  readonly cursor: string;
  /** Whether the kept cursor had expired (410) and the copy was downloaded again from the start. */
  readonly restarted: boolean;
}

/**
 * Pulls every change after the kept cursor, page by page until `more` is false, into `store`.
 * Each page is written before its cursor, so a pull cut short resumes without skipping a change
 * (applying a page twice is harmless: records come at their latest state).
 * When the server can no longer serve the kept cursor (410 `cursor_expired`), the records are
 * dropped and the copy is downloaded again from the start: everything this module stores can be
 * re-downloaded, and the view stays correct only if records deleted meanwhile disappear.
 *
 * Rejects with the transport's errors (`ApiError`, `NetworkError`) or a `StoreError`; pages
 * applied before the failure stay applied.
 */
export async function pullAll(
  transport: Pick<Transport, "pull">,
  store: LocalStore,
  databaseId: string,
  limit = 1000,
): Promise<PullAllResult> {
  const kept = await store.get(CURSOR_KEY);
  const cursor = typeof kept === "string" ? kept : null;
  try {
    return await pullPages(transport, store, databaseId, cursor, limit, false);
  } catch (error) {
    if (cursor === null || !(error instanceof ApiError) || error.code !== "cursor_expired") {
      throw error;
    }
    await clearRecords(store);
    return pullPages(transport, store, databaseId, null, limit, true);
  }
}

async function pullPages(
  transport: Pick<Transport, "pull">,
  store: LocalStore,
  databaseId: string,
  start: string | null,
  limit: number,
  restarted: boolean,
): Promise<PullAllResult> {
  let cursor = start;
  let pages = 0;
  let changes = 0;
  for (;;) {
    const page = await transport.pull(databaseId, cursor, limit);
    pages += 1;
    for (const record of page.records) {
      const key = recordKey(record.type, record.id);
      if (record.deleted) await store.delete(key);
      else await store.set(key, record);
    }
    for (const { type, id } of page.removed) await store.delete(recordKey(type, id));
    changes += page.records.length + page.removed.length;
    await store.set(CURSOR_KEY, page.cursor);
    cursor = page.cursor;
    if (!page.more) return { pages, changes, cursor, restarted };
  }
}

async function clearRecords(store: LocalStore): Promise<void> {
  for (const key of await store.keys()) {
    if (key !== CURSOR_KEY) await store.delete(key);
  }
  await store.delete(CURSOR_KEY);
}

/**
 * The records of one type held in the store, in no particular order. A stored value that is not
 * a record means the copy is corrupt: that rejects with a `StoreError` rather than showing less.
 */
export async function readRecords(store: LocalStore, type: RecordType): Promise<WireRecord[]> {
  const prefix = `${type}:`;
  const keys = (await store.keys()).filter((key) => key.startsWith(prefix));
  const records = await Promise.all(
    keys.map(async (key) => {
      const value = await store.get(key);
      // Deleted by a pull since `keys()` answered: it is simply no longer held.
      if (value === undefined) return null;
      const parsed = WireRecordSchema.safeParse(value);
      if (!parsed.success) {
        throw new StoreError(`The local copy holds an invalid record at ${key}`, {
          cause: parsed.error,
        });
      }
      return parsed.data;
    }),
  );
  return records.filter((record) => record !== null);
}
